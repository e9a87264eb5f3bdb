// Property tests of the triage: nothing lost for any rows, and the same verdicts as the rules core gives
// cell by cell (what AR.GRADE, AR.AGING, AR.PROFILE, AR.CHANNEL and AR.SETTLE compute).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isEmpty, readNumber } from "../../../src/core/input.js";
import { readDate, serialFromCivil } from "../../../src/core/dates.js";
import { DEFAULT_POLICY } from "../../../src/core/policy.js";
import { creditGrade, readCashFlow, type CashFlow } from "../../../src/core/grade.js";
import { ageReceivable } from "../../../src/core/aging.js";
import { debtorProfile, readDebtorSignals, type DebtorSignals } from "../../../src/core/profile.js";
import { collectionStep } from "../../../src/core/channel.js";
import { settlementLadder, settlementWithheld } from "../../../src/core/settle.js";
import { nextStep, unableGround } from "../../../src/core/next-step.js";
import { reasonsText, triagePortfolio, type ColumnMapping } from "../../../src/core/triage/triage.js";
import { reasonText } from "../../../src/core/errors.js";
import { recordCells, TRIAGE_COLUMNS } from "../../../src/result/columns.js";
import { summarise } from "../../../src/core/triage/summary.js";
import { isBlank, isoDateSerial, plainNumber, UncomputedFormula } from "../../../src/core/triage/cells.js";
import { customerKey, FirstSeen, sameKey } from "../../../src/core/triage/customers.js";

const AS_OF = serialFromCivil(2025, 7, 27);

/** Every field mapped, in the order of the columns below. */
const MAPPING: ColumnMapping = {
  customer: 0,
  balance: 1,
  dueDate: 2,
  overdueCount: 3,
  largestOverdue: 4,
  cashFlow: 5,
  businessOperating: 6,
  incomeStable: 7,
  turnoverDecline: 8,
  proposedPlan: 9,
  excuses: 10,
  contradiction: 11,
  brokenPromises: 12,
  refusesContact: 13,
  insolvent: 14,
  dishonestDebtor: 15,
  operationsStopped: 16,
  freeCashFlow: 17,
  lastConfirmation: 18,
  signedContract: 19,
  reconciliation: 20,
  collectionRecords: 21,
  deliveryProof: 22,
  acceptanceForm: 23,
  excuse: 24,
  lastInterruption: 25,
  freeEstate: 26,
  ordinaryClaimsTotal: 27,
};
const WIDTH = 28;

/** Anything a cell may hold, junk included. */
const junkCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    null,
    undefined,
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#DIV/0!",
    "是",
    "否",
    "yes",
    "no",
    "good",
    "poor",
    "一般",
    "short-term",
    "持续",
    "2025-02-30",
    "2025-07-01",
    "2025/7/1",
    "2025年7月1日",
    "1,200,000",
    "１２００",
    "-5",
    "0",
    "1",
    "60",
    "none",
    "发票",
    "质量",
    "NaN",
    "Infinity",
    "=1+1",
    "1e400",
    "-0",
    "1e-400",
    "9".repeat(30),
    "0.005",
    "45000.5",
  ),
  fc.string({ maxLength: 8 }),
  fc.double(),
  fc.integer({ min: -10, max: 3_000_000 }),
  fc.boolean(),
  fc.constant({}),
  fc.constant(new UncomputedFormula("B2*2")), // a formula a script saved without its result
  fc.constant([1, 2]),
);

const row = (cell: fc.Arbitrary<unknown>) => fc.array(cell, { maxLength: WIDTH + 2 });

describe("triage never loses a row", () => {
  it("one record per row up to the last non-blank one, sourceRow strictly increasing, never throws", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(row(junkCell), fc.constant([]), fc.constant(["", null, " "])), { maxLength: 25 }),
        fc.integer({ min: 1, max: 1000 }),
        (rows, first) => {
          const out = triagePortfolio(rows, MAPPING, { asOf: AS_OF, firstRowNumber: first });
          let last = rows.length - 1;
          while (last >= 0 && (rows[last] as readonly unknown[]).every(isEmpty)) last--;
          expect(out.records).toHaveLength(last + 1);
          expect(out.trailingBlankRows).toBe(rows.length - 1 - last);
          out.records.forEach((r, i) => {
            expect(r.sourceRow).toBe(first + i);
            if (i > 0) expect(r.sourceRow).toBeGreaterThan(out.records[i - 1].sourceRow);
            const blank = (rows[i] as readonly unknown[]).every(isEmpty);
            expect(r.status === "blank").toBe(blank);
            expect(r.status === "ok").toBe(r.problems.length === 0);
            // every record can be written in both languages, with its reasons, and serialised
            expect(recordCells(r, "en", DEFAULT_POLICY)).toHaveLength(TRIAGE_COLUMNS.length);
            expect(recordCells(r, "zh", DEFAULT_POLICY)).toHaveLength(TRIAGE_COLUMNS.length);
            expect(() => JSON.stringify(r)).not.toThrow();
            // the reasons column is the record's reasons in one line
            expect(reasonsText(r, "en")).toBe(reasonText(r.reasons, "en"));
            expect(reasonsText(r, "zh")).toBe(reasonText(r.reasons, "zh"));
            for (const reason of [...r.problems, ...r.reasons]) {
              expect(typeof reason.en).toBe("string");
              expect(typeof reason.zh).toBe("string");
            }
          });
          const s = summarise(out.records);
          expect(s.rows).toBe(out.records.length);
          expect(s.ok + s.problem + s.blank).toBe(s.rows);
          expect(s.byLevel.reduce((n, g) => n + g.count, 0)).toBe(s.triaged);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leaves Error.stackTraceLimit as it found it", () => {
    const before = Error.stackTraceLimit;
    triagePortfolio([["A", "bad", "bad"]], MAPPING, { asOf: AS_OF });
    expect(Error.stackTraceLimit).toBe(before);
    expect(() => triagePortfolio([["A"]], { customer: 0 }, { asOf: AS_OF })).toThrow();
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("narrow rows (fewer cells than the mapping) read as blank cells", () => {
    const out = triagePortfolio([["Only a name"], ["Name", 5]], MAPPING, { asOf: AS_OF });
    expect(out.records.map((r) => r.problems.map((p) => p.code))).toEqual([["missing:balance", "missing:dueDate"], ["missing:dueDate"]]);
  });
});

// ---- consistency with the rules core -------------------------------------------------------------------

const yesNo = fc.constantFrom<unknown>("", "yes", "no", "是", "否", true, false, 1, 0);
const validRow = fc.record({
  customer: fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== "" && !s.trim().startsWith("#")),
  balance: fc.oneof(
    fc.integer({ min: 0, max: 3_000_000 }),
    fc.integer({ min: 0, max: 300_000_000 }).map((c) => c / 100),
  ),
  due: fc.integer({ min: AS_OF - 400, max: AS_OF + 60 }),
  count: fc.integer({ min: 0, max: 4 }),
  largest: fc.integer({ min: 0, max: 120_000 }),
  cashFlow: fc.constantFrom("good", "fair", "poor", "好", "一般", "差"),
  signals: fc.tuple(
    yesNo,
    yesNo,
    fc.constantFrom("", "none", "short-term", "persistent", "短期"),
    yesNo,
    yesNo,
    yesNo,
    fc.constantFrom<unknown>("", 0, 1, 2, 3),
    yesNo,
    yesNo,
    yesNo,
    yesNo,
  ),
});

describe("triage gives what the core gives cell by cell", () => {
  it("grade, term, days, bucket, level, action, profile, step, next step and offers equal the core functions'", () => {
    fc.assert(
      fc.property(fc.array(validRow, { minLength: 1, maxLength: 20 }), (inputs) => {
        const rows = inputs.map((v) => {
          const cells: unknown[] = new Array(WIDTH).fill("");
          cells[0] = v.customer;
          cells[1] = v.balance;
          cells[2] = v.due;
          cells[3] = v.count;
          cells[4] = v.count === 0 ? 0 : v.largest;
          cells[5] = v.cashFlow;
          v.signals.forEach((s, i) => (cells[6 + i] = s));
          return cells;
        });
        const { records } = triagePortfolio(rows, MAPPING, { asOf: AS_OF });
        records.forEach((r, i) => {
          const v = inputs[i];
          if (r.status === "problem") {
            // a duplicate customer: only its problem, no verdict
            expect(r.problems[0].code).toBe("duplicate");
            expect([r.grade, r.level, r.profile, r.step, r.nextStep, r.offers]).toEqual([null, null, null, null, null, null]);
            return;
          }
          const grade = creditGrade({
            overdueCount: v.count,
            largestOverdue: v.count === 0 ? 0 : v.largest,
            cashFlow: readCashFlow(v.cashFlow) as CashFlow,
          });
          expect(r.grade).toBe(grade.grade);
          expect(r.termDays).toBe(grade.termDays);
          expect(r.gradeRule).toBe(grade.rule);
          const aging = ageReceivable(v.due, AS_OF);
          expect([r.daysPastDue, r.bucket, r.level, r.action]).toEqual([aging.daysPastDue, aging.bucket, aging.level, aging.action]);
          expect(r.reasons.filter((x) => x.code.startsWith("level-") || x.code === "not-due")).toEqual(aging.reasons);
          const signals: DebtorSignals = readDebtorSignals(v.signals.map((s) => (s === "" ? null : s)));
          const found = debtorProfile(signals);
          // nothing overdue: not profiled, unless unable to pay (the claim route)
          const profile = aging.daysPastDue === 0 && found.profile !== "unable" ? null : found;
          const name = profile === null ? null : profile.profile;
          expect(r.profile).toBe(name);
          expect(r.play).toEqual(profile === null ? null : profile.play);
          expect(r.toFindOut).toEqual(profile === null ? [] : profile.toFindOut);
          expect(r.step).toEqual(collectionStep(v.balance, aging.daysPastDue, name));
          expect(r.nextStep).toEqual(
            nextStep({ balance: v.balance, daysPastDue: aging.daysPastDue, profile: name, unable: unableGround(profile) }),
          );
          const withheld = settlementWithheld(aging.daysPastDue, name);
          expect(r.offers).toEqual(withheld === null ? settlementLadder(v.balance).map((rung) => rung.amount) : null);
          expect(r.reasons.slice(0, grade.reasons.length)).toEqual(grade.reasons);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("the steps shared between rows equal collectionStep's and nextStep's for every balance, day count and profile", () => {
    const profiles = ["temporary", "willful", "unable", "unclear", "none"] as const;
    const balances = [0, 0.01, 1, 49_999.99, 499_999.99, 500_000, 500_000.01, 3_000_000];
    const days = [0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 91, 400];
    // one run per order of the rows, so that every class is first met with a different row
    for (const order of [1, -1]) {
      const rows: unknown[][] = [];
      const expected: unknown[] = [];
      const expectedNext: unknown[] = [];
      for (const written of profiles)
        for (const b of balances)
          for (const d of days) {
            const cells: unknown[] = new Array(WIDTH).fill("");
            cells[0] = `c${rows.length}`;
            cells[1] = b;
            cells[2] = AS_OF - d;
            if (written === "temporary") Object.assign(cells, { 6: "yes", 7: "yes", 9: "yes" });
            if (written === "willful") Object.assign(cells, { 6: "yes", 10: "yes" });
            if (written === "unable") cells[14] = "yes"; // insolvent: the claim window
            if (written === "unclear") cells[6] = "yes";
            // no signal at all profiles as unclear too; nothing overdue is not profiled (unless unable)
            const notProfiled = d === 0 && written !== "unable";
            const profile = notProfiled ? null : written === "none" ? "unclear" : written;
            rows.push(cells);
            expected.push(collectionStep(b, d, profile));
            expectedNext.push(nextStep({ balance: b, daysPastDue: d, profile, unable: profile === "unable" ? "insolvent" : null }));
          }
      if (order < 0) {
        rows.reverse();
        expected.reverse();
        expectedNext.reverse();
      }
      const { records } = triagePortfolio(rows, MAPPING, { asOf: AS_OF });
      expect(records.map((r) => r.step)).toEqual(expected);
      expect(records.map((r) => r.nextStep)).toEqual(expectedNext);
    }
  });
});

describe("the fast paths read as the core's readers do", () => {
  it("plainNumber equals readNumber wherever it answers", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[0-9]{0,16}\.?[0-9]{0,8}$/),
          fc.stringMatching(/^[0-9.]{0,24}$/),
          fc.string({ maxLength: 10 }),
          fc.double({ min: 0 }).map(String),
          fc.integer({ min: 0, max: 1e9 }).map((c) => (c / 100).toFixed(2)),
        ),
        (text) => {
          const fast = plainNumber(text);
          if (fast === fast) expect(fast).toBe(readNumber(text, "x"));
        },
      ),
    );
    expect(plainNumber("1,200")).toBeNaN();
    expect(plainNumber("1e5")).toBeNaN();
    expect(plainNumber(".")).toBeNaN();
    expect(plainNumber("")).toBeNaN();
    expect(plainNumber("1.")).toBe(1);
  });

  it("isoDateSerial equals readDate wherever it answers, and leaves impossible dates to it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const fast = isoDateSerial(text);
        let core: number | null = null;
        try {
          core = readDate(text, "x");
        } catch {
          core = null;
        }
        if (fast === fast) expect(fast).toBe(core);
        else expect(core).toBeNull();
      }),
    );
    expect(isoDateSerial("2025-7-1")).toBeNaN(); // left to readDate, which reads it
  });

  it("isBlank equals isEmpty", () => {
    fc.assert(
      fc.property(junkCell, (cell) => {
        expect(isBlank(cell)).toBe(isEmpty(cell));
      }),
    );
    for (const s of ["\u3000", "\u00a0", "\t\n", " x", "\u3000是"]) expect(isBlank(s), JSON.stringify(s)).toBe(isEmpty(s));
  });

  it("customerKey ignores case, width and runs of spaces; FirstSeen finds first rows as a Map does", () => {
    const same = (a: string, b: string) => sameKey(customerKey(a), customerKey(b));
    expect(same("ACME  Ltd", "acme ltd")).toBe(true);
    expect(same("ＡＣＭＥ Ltd", "acme ltd")).toBe(true);
    expect(same("ACME Ltd", "ＡＣＭＥ　ltd")).toBe(true);
    expect(same("ACME Ltd", "ACME Ltd.")).toBe(false);
    expect(customerKey("客户甲")).toBe("客户甲");
    expect(same("客户甲", "客户乙")).toBe(false);
    const seen = new FirstSeen();
    expect([
      seen.firstRow(customerKey("Acme Ltd"), 2),
      seen.firstRow(customerKey("ACME  LTD"), 3),
      seen.firstRow(customerKey("ａｃｍｅ ltd"), 4),
    ]).toEqual([-1, 2, 2]);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 3000 }), (keys) => {
        // plain keys: FirstSeen agrees with a Map on their lower-case forms
        const seen = new FirstSeen(4);
        const map = new Map<string, number>();
        keys.forEach((key, row) => {
          const folded = key.replace(/[A-Z]/g, (c) => c.toLowerCase());
          const first = map.get(folded);
          expect(seen.firstRow(key, row)).toBe(first ?? -1);
          if (first === undefined) map.set(folded, row);
        });
      }),
      { numRuns: 50 },
    );
  });
});
