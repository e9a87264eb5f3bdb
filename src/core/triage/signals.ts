/**
 * The debtor signals and the evidence of a row, by name: which columns they are, how each cell reads, and
 * the cache keys under which a run finds the profile (or the evidence list) of a combination it has met.
 * A key packs each value's small code into its own bits, so that a combination is one number.
 */
import type { DebtorSignals, TurnoverDecline } from "../profile.js";
import type { Excuse } from "../prevention.js";
import { COUNT, SIGNAL, TURNOVER } from "./cells.js";
import type { TriageField } from "./headers.js";

/** A field of DebtorSignals, each a column of the table. */
export type SignalField = keyof DebtorSignals & TriageField;

/** A signal cell as read: yes/no, a turnover decline, a count of broken promises, or null when blank. */
export type SignalValue = boolean | TurnoverDecline | number | null;

/** How each signal reads: yes/no (SIGNAL), a turnover decline (TURNOVER) or a count (COUNT). */
export const SIGNAL_KINDS: { readonly [F in SignalField]: typeof SIGNAL | typeof TURNOVER | typeof COUNT } = {
  businessOperating: SIGNAL,
  incomeStable: SIGNAL,
  turnoverDecline: TURNOVER,
  proposedPlan: SIGNAL,
  excuses: SIGNAL,
  contradiction: SIGNAL,
  brokenPromises: COUNT,
  refusesContact: SIGNAL,
  insolvent: SIGNAL,
  dishonestDebtor: SIGNAL,
  operationsStopped: SIGNAL,
};

/** The signals in the order a row's values are kept (SignalValues) and DebtorSignals lists them. */
export const SIGNAL_FIELDS = [
  "businessOperating",
  "incomeStable",
  "turnoverDecline",
  "proposedPlan",
  "excuses",
  "contradiction",
  "brokenPromises",
  "refusesContact",
  "insolvent",
  "dishonestDebtor",
  "operationsStopped",
] as const satisfies readonly SignalField[];

/** A row's signal values, the i-th for SIGNAL_FIELDS[i] (a list, reused row after row, rather than an object). */
export type SignalValues = SignalValue[];

/** The signals of no column: all unknown. */
export const UNKNOWN_SIGNALS: DebtorSignals = Object.freeze(
  Object.fromEntries(SIGNAL_FIELDS.map((f) => [f, null])) as unknown as DebtorSignals,
);

/** The values of a row's signals as DebtorSignals. */
export function signalsOf(values: SignalValues): DebtorSignals {
  const signals: Record<string, SignalValue> = {};
  for (let i = 0; i < SIGNAL_FIELDS.length; i++) signals[SIGNAL_FIELDS[i]] = values[i];
  return signals as unknown as DebtorSignals;
}

/** 0 unknown, 1 no, 2 yes: a tri-state value as two bits of a key. */
export function tri(value: boolean | null): number {
  return value === null ? 0 : value ? 2 : 1;
}

const TURNOVER_CODE: Readonly<Record<TurnoverDecline, number>> = { "none": 1, "short-term": 2, "persistent": 3 };

/** Broken promises from this many on are not keyed (each such row is profiled on its own). */
const PROMISES_KEYED = 1000;

/**
 * The weight of each signal in a profile key: two bits each (tri; the turnover decline's code 0-3), in the
 * order of SIGNAL_FIELDS leaving out the broken promises, which as 1 + their count (0: unknown) take the
 * bits above them all: 2 bits x 10 signals = bit 20, and 1001 x 2^20 keeps the key below 2^30.
 */
const KEY_WEIGHTS: Float64Array = (() => {
  const weights = new Float64Array(SIGNAL_FIELDS.length);
  let bits = 0;
  SIGNAL_FIELDS.forEach((f, i) => {
    if (SIGNAL_KINDS[f] === COUNT) return;
    weights[i] = 2 ** bits;
    bits += 2;
  });
  weights[SIGNAL_FIELDS.indexOf("brokenPromises")] = 2 ** bits;
  return weights;
})();

/** The kind of each signal, by its place in SIGNAL_FIELDS. */
export const SIGNAL_KIND_AT: readonly (typeof SIGNAL | typeof TURNOVER | typeof COUNT)[] = SIGNAL_FIELDS.map((f) => SIGNAL_KINDS[f]);

/**
 * The profile key of a row's signal values: one whole number per combination, or -1 for one that makes no
 * key (PROMISES_KEYED or more broken promises).
 */
export function profileKey(values: SignalValues): number {
  let key = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) continue; // unknown: code 0
    let code: number;
    switch (SIGNAL_KIND_AT[i]) {
      case COUNT:
        if ((value as number) >= PROMISES_KEYED) return -1;
        code = (value as number) + 1;
        break;
      case TURNOVER:
        code = TURNOVER_CODE[value as TurnoverDecline];
        break;
      default:
        code = tri(value as boolean);
    }
    key += code * KEY_WEIGHTS[i];
  }
  return key;
}

// ---- evidence -----------------------------------------------------------------------------------------

/** The evidence columns, in the order of their bits in an evidence key. */
export const EVIDENCE_FIELDS = [
  "signedContract",
  "reconciliation",
  "collectionRecords",
  "deliveryProof",
  "acceptanceForm",
] as const satisfies readonly TriageField[];

/** A row's evidence held (null: unknown), the i-th for EVIDENCE_FIELDS[i]. */
export type HeldEvidence = (boolean | null)[];

/** The evidence as missingEvidence takes it. */
export function heldOf(held: HeldEvidence): { [F in (typeof EVIDENCE_FIELDS)[number]]: boolean | null } {
  const out: Record<string, boolean | null> = {};
  for (let i = 0; i < EVIDENCE_FIELDS.length; i++) out[EVIDENCE_FIELDS[i]] = held[i];
  return out as { [F in (typeof EVIDENCE_FIELDS)[number]]: boolean | null };
}

/** An evidence key: two bits per evidence column (tri << 2i), then the excuse's code from this bit. */
export const EXCUSE_SHIFT = 2 * EVIDENCE_FIELDS.length;

/** The excuse's code in an evidence key (0: none). */
export const EXCUSE_CODE: Readonly<Record<Excuse, number>> = { "no-invoice": 1, "defect": 2 };
