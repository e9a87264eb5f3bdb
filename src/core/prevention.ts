/**
 * Prevention (防大于治, rules.md section 7) and evidence first (用证据封嘴, section 4): the monthly balance
 * confirmation (定期对账) and the evidence to hold before negotiating.
 */
import { RuleError, show, type Reason, type Language } from "./errors.js";
import { civilFromSerial, isoFromSerial, MAX_SERIAL, PHANTOM_LEAP_DAY, readDate, serialFromCivil } from "./dates.js";
import { isEmpty, readWord } from "./input.js";
import { DEFAULT_POLICY, type Policy } from "./policy.js";
import { readSignal } from "./profile.js";

/** Whether the monthly balance confirmation is overdue, the deadline of the one expected, and why. */
export interface ConfirmationResult {
  readonly overdue: boolean;
  /** Excel serial of the deadline of the confirmation expected by the as-of date. */
  readonly dueBy: number;
  readonly reasons: readonly Reason[];
}

function checkSerial(value: number, argument: string): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_SERIAL || value === PHANTOM_LEAP_DAY) {
    throw new RuleError(
      argument,
      `${show(value)} is not a whole date serial (1 = 1900-01-01 .. ${MAX_SERIAL}, not 60)`,
      `${show(value)} 不是有效的整数日期序号（1 = 1900-01-01 至 ${MAX_SERIAL}，不含 60）`,
    );
  }
}

/**
 * Whether a customer's balance confirmation is overdue (定期对账: each month, each customer signs or seals
 * its balance by `policy.confirmationDay`, the 5th by default).
 *
 * The cycle of month M is due by day `confirmationDay` of M and is met by a confirmation dated on or
 * after the 1st of M. On the as-of date, the cycle expected is the as-of month's when the as-of day is
 * after `confirmationDay` (its deadline has passed), else the previous month's (on the 5th itself the
 * month's confirmation may still come that day). January's day 1-5 looks back to the previous December.
 * Overdue when there is no confirmation (null) or the last one is dated before the 1st of the expected
 * month. `dueBy` is the deadline of the expected cycle (always before the as-of date).
 * @param lastConfirmation Excel serial of the last signed confirmation, or null when there is none
 * @param asOf Excel serial of the report date
 * @example confirmationOverdue(serial(2025,6,30), serial(2025,7,6)).overdue === true (July's was due by 2025-07-05)
 */
export function confirmationOverdue(lastConfirmation: number | null, asOf: number, policy: Policy = DEFAULT_POLICY): ConfirmationResult {
  checkSerial(asOf, "as_of");
  if (lastConfirmation !== null) {
    checkSerial(lastConfirmation, "last_confirmation");
    if (lastConfirmation > asOf) {
      throw new RuleError(
        "last_confirmation",
        `${isoFromSerial(lastConfirmation)} is after as_of ${isoFromSerial(asOf)}`,
        `${isoFromSerial(lastConfirmation)} 晚于报告日 ${isoFromSerial(asOf)}`,
      );
    }
  }
  const day = policy.confirmationDay;
  const today = civilFromSerial(asOf);
  let year = today.year;
  let month = today.month;
  if (today.day <= day) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  if (year < 1900) {
    throw new RuleError(
      "as_of",
      `${isoFromSerial(asOf)} is before the first confirmation cycle (January 1900)`,
      `${isoFromSerial(asOf)} 早于第一个对账周期（1900年1月）`,
    );
  }
  const cycleStart = serialFromCivil(year, month, 1);
  const dueBy = serialFromCivil(year, month, day);
  const cycle = `${year}-${String(month).padStart(2, "0")}`;
  const cycleZh = `${year}年${month}月`;
  const due = isoFromSerial(dueBy);
  let reason: Reason;
  if (lastConfirmation === null) {
    reason = {
      code: "no-confirmation",
      en: `no balance confirmation on record; the one for ${cycle} was due by ${due}`,
      zh: `无余额确认记录；${cycleZh}的对账确认应于${due}前完成`,
    };
  } else if (lastConfirmation < cycleStart) {
    reason = {
      code: "confirmation-overdue",
      en: `last confirmation ${isoFromSerial(lastConfirmation)} is older than the ${cycle} cycle, due by ${due}`,
      zh: `最近一次对账确认为${isoFromSerial(lastConfirmation)}，早于${cycleZh}对账周期（应于${due}前完成）`,
    };
  } else {
    reason = {
      code: "confirmation-current",
      en: `confirmed on ${isoFromSerial(lastConfirmation)}, within the ${cycle} cycle, due by ${due}`,
      zh: `已于${isoFromSerial(lastConfirmation)}确认余额，属${cycleZh}对账周期（应于${due}前完成）`,
    };
  }
  return { overdue: reason.code !== "confirmation-current", dueBy, reasons: [reason] };
}

/** Reads the date of the last balance confirmation: a date, or blank when there is none (null). */
export function readLastConfirmation(value: unknown, argument = "last_confirmation"): number | null {
  return isEmpty(value) ? null : readDate(value, argument);
}

/** The excuse a debtor gives that evidence answers (用证据封嘴). */
export type Excuse = "no-invoice" | "defect";

/**
 * The evidence held, tri-state: true held, false not held, null unknown. The order of the fields is the
 * order of the Excel arguments (see `EVIDENCE_ARGUMENTS`).
 */
export interface EvidenceHeld {
  /** The original contract with the company seal (盖公章的合同原件). */
  readonly signedContract: boolean | null;
  /** The reconciliation statement signed or sealed by the customer (客户签字或盖章的对账单). */
  readonly reconciliation: boolean | null;
  /** Collection records stating amount and deadline: chat messages, call recordings (催款记录). */
  readonly collectionRecords: boolean | null;
  /** The courier receipt signed by the customer for the invoice (快递底单), against "no invoice". */
  readonly deliveryProof: boolean | null;
  /** The acceptance form signed by the customer (验收单), against "defective product". */
  readonly acceptanceForm: boolean | null;
}

/** The Excel argument names of the evidence, in the order of `EvidenceHeld`. */
export const EVIDENCE_ARGUMENTS = Object.freeze([
  "signed_contract",
  "reconciliation",
  "collection_records",
  "delivery_proof",
  "acceptance_form",
] as const);

/** Reads the five evidence flags from cell values in the order of `EVIDENCE_ARGUMENTS` (yes/no, 是/否, blank unknown). */
export function readEvidenceHeld(values: readonly unknown[]): EvidenceHeld {
  const flag = (i: number): boolean | null => readSignal(values[i], EVIDENCE_ARGUMENTS[i]);
  return { signedContract: flag(0), reconciliation: flag(1), collectionRecords: flag(2), deliveryProof: flag(3), acceptanceForm: flag(4) };
}

const EXCUSE_WORDS: ReadonlyMap<string, Excuse | "none"> = new Map([
  ["none", "none"],
  ["无", "none"],
  ["no-invoice", "no-invoice"],
  ["invoice", "no-invoice"],
  ["no invoice", "no-invoice"],
  ["发票", "no-invoice"],
  ["没收到发票", "no-invoice"],
  ["未收到发票", "no-invoice"],
  ["defect", "defect"],
  ["quality", "defect"],
  ["质量", "defect"],
  ["产品有问题", "defect"],
  ["质量问题", "defect"],
]);

/**
 * Reads the debtor's excuse: none, no-invoice (invoice), defect (quality), or 无, 发票/没收到发票,
 * 质量/产品有问题; blank and none are null.
 */
export function readExcuse(value: unknown, argument = "excuse"): Excuse | null {
  if (isEmpty(value)) return null;
  const excuse = readWord(value, argument, EXCUSE_WORDS, "none/no-invoice/defect, 无/发票/质量");
  return excuse === "none" ? null : excuse;
}

const EVIDENCE: readonly (readonly [keyof EvidenceHeld, string, string, string])[] = [
  ["signedContract", "contract", "the original contract with the company seal", "加盖公章的合同原件"],
  ["reconciliation", "reconciliation", "the reconciliation statement signed or sealed by the customer", "客户签字或盖章的对账单"],
  [
    "collectionRecords",
    "collection-records",
    "collection records stating the amount and the deadline (chat messages, call recordings)",
    "写明欠款金额和还款期限的催款记录（微信聊天记录、电话录音）",
  ],
  ["deliveryProof", "courier-receipt", "the courier receipt showing the customer signed for the invoice", "显示客户已签收发票的快递底单"],
  [
    "acceptanceForm",
    "acceptance-form",
    "the acceptance form signed by the customer, showing the product passed",
    "客户签字的验收单（显示产品合格）",
  ],
];

/**
 * What to get before negotiating (用证据封嘴, rules.md section 4): always the sealed original contract,
 * the reconciliation statement signed or sealed by the customer, and collection records stating amount
 * and deadline; against the excuse "no invoice" also the courier receipt, against "defective product"
 * also the signed acceptance form. An item not held (false) reads "get: ..." (需取得); an unknown one
 * (null) reads "check you hold: ..." (需核实是否持有). Codes: contract, reconciliation,
 * collection-records, courier-receipt, acceptance-form. An empty list: ready to negotiate.
 * @param excuse the debtor's excuse, or null/absent when none
 */
export function missingEvidence(held: EvidenceHeld, excuse: Excuse | null = null): Reason[] {
  const out: Reason[] = [];
  for (const [field, code, en, zh] of EVIDENCE) {
    if (field === "deliveryProof" && excuse !== "no-invoice") continue;
    if (field === "acceptanceForm" && excuse !== "defect") continue;
    const value = held[field];
    if (value === true) continue;
    if (value === false) out.push({ code, en: `get: ${en}`, zh: `需取得：${zh}` });
    else out.push({ code, en: `check you hold: ${en}`, zh: `需核实是否持有：${zh}` });
  }
  return out;
}

/** Confirmation statuses (confirmed, overdue) as AR.CONFIRM shows them. */
export const CONFIRMATION_STATUS_NAMES: Readonly<Record<Language, readonly [string, string]>> = {
  en: ["confirmed", "overdue"],
  zh: ["已对账", "逾期未对账"],
};

/** What AR.EVIDENCE shows when nothing is missing. */
export const EVIDENCE_COMPLETE: Readonly<Record<Language, string>> = { en: "complete", zh: "证据齐全" };
