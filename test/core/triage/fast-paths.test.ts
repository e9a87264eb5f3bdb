// The triage's fast paths agree with the slow paths they stand in for: cell readers against the core's
// readers, the customer keys and duplicates against a plain Map, the shared texts against joining each
// record's own reasons, and the cells and the summary against a straightforward writer (the one the
// fast writer replaced, kept here as the reference).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { reasonText, type Language, type Reason } from "../../../src/core/errors.js";
import { readDate, serialFromCivil } from "../../../src/core/dates.js";
import { roundMoney } from "../../../src/core/money.js";
import { DEFAULT_POLICY, withOverrides, type Policy } from "../../../src/core/policy.js";
import { gradeReasons } from "../../../src/core/grade.js";
import { ageReceivable, bucketLabels } from "../../../src/core/aging.js";
import { describeNextStep } from "../../../src/core/next-step.js";
import { settlementLadder, settlementWithheld } from "../../../src/core/settle.js";
import { PROFILE_NAMES, readSignal } from "../../../src/core/profile.js";
import { CONFIRMATION_STATUS_NAMES, EVIDENCE_COMPLETE } from "../../../src/core/prevention.js";
import { LIMITATION_STATUS_NAMES } from "../../../src/core/limitation.js";
import { reasonsText, triagePortfolio, type ColumnMapping, type TriageRecord } from "../../../src/core/triage/triage.js";
import { recordCells, triageColumns } from "../../../src/result/columns.js";
import { summarise } from "../../../src/core/triage/summary.js";
import { ITEM_FIELDS, TRIAGE_FIELDS, type ItemField, type TriageField } from "../../../src/core/triage/headers.js";
import {
  BLANK,
  ColumnTexts,
  EXCEL_ERRORS,
  excelError,
  errorValueProblem,
  invalidProblem,
  isBlank,
  isoDateSerial,
  Refused,
} from "../../../src/core/triage/cells.js";
import { customerKey, FirstSeen, keyHash, plainKeyHash, sameKey } from "../../../src/core/triage/customers.js";

const AS_OF = serialFromCivil(2025, 7, 27);

describe("cell readers", () => {
  it("excelError equals the trimming reader it shortcuts", () => {
    // the reader before its shortcut for a printable first character
    const slow = (value: unknown): string | null => {
      if (typeof value !== "string" || value.length < 2) return null;
      const text = value.charCodeAt(0) === 35 ? value : value.trim();
      if (text.charCodeAt(0) !== 35) return null;
      const upper = text.toUpperCase();
      return EXCEL_ERRORS.has(upper) ? upper : null;
    };
    const texts = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc
        .constantFrom(...EXCEL_ERRORS)
        .chain((e) =>
          fc
            .tuple(fc.constantFrom("", " ", "\u3000", "\t", "\u00a0"), fc.constantFrom(e, e.toLowerCase()), fc.constantFrom("", " ", "\n"))
            .map((p) => p.join("")),
        ),
      fc.constantFrom("#N/A", " #N/A", "#n/a ", "N/A", "#", "##", "x#N/A", "\ufeff#N/A"),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(excelError(text)).toBe(slow(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it("isoDateSerial equals readDate on every yyyy-mm-dd of 1890-2110 and around the phantom leap day", () => {
    for (let y = 1890; y <= 2110; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          let core: number | null;
          try {
            core = readDate(text, "x");
          } catch {
            core = null;
          }
          const fast = isoDateSerial(text);
          if (Number.isNaN(fast)) expect(core, text).toBeNull();
          else expect(fast, text).toBe(core);
        }
      }
    }
    expect([isoDateSerial("1900-02-28"), isoDateSerial("1900-03-01"), isoDateSerial("9999-12-31")]).toEqual([59, 61, 2958465]);
    for (const text of [
      "1900-02-29",
      "2025-1a-01",
      "2025/01/01",
      " 2025-01-01",
      "2025-01-01 ",
      "+025-01-01",
      "2025-0:-01",
      "２０２５-01-01",
      "0000-01-01",
    ]) {
      expect(isoDateSerial(text), text).toBeNaN();
    }
  });

  it("ColumnTexts reads each text as the slow path does (blank, Excel error, the reader's value or refusal), cached or not", () => {
    const read = (text: string) => readSignal(text, "incomeStable");
    const slow = (text: string) => {
      if (isBlank(text)) return BLANK;
      const error = excelError(text);
      if (error !== null) return new Refused(errorValueProblem("incomeStable", error));
      try {
        return read(text);
      } catch (e) {
        return new Refused(invalidProblem("incomeStable", e));
      }
    };
    const words = fc.oneof(
      fc.constantFrom(
        "",
        " ",
        "\u3000",
        "yes",
        "no",
        "YES",
        "Ｙｅｓ",
        "是",
        "否",
        "有",
        "无",
        "y",
        "n",
        "1",
        "0",
        "maybe",
        "#N/A",
        " #ref! ",
        "true",
        "FALSE",
      ),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 400 }), fc.boolean(), (texts, keep) => {
        const column = new ColumnTexts(read, "incomeStable", keep);
        for (const text of texts) expect(column.get(text)).toEqual(slow(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe("customer keys and duplicates", () => {
  it("plainKeyHash is keyHash of a name that is its own customerKey, NaN for any name customerKey normalises", () => {
    const names = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.string({ maxLength: 6, unit: "grapheme" }),
      fc.constantFrom("Acme Ltd", "ACME  Ltd", "客户甲", "ＡＣＭＥ", " Acme", "Acme\t", "a\u00a0b", "Ü"),
    );
    fc.assert(
      fc.property(names, (name) => {
        const h = plainKeyHash(name);
        if (Number.isNaN(h)) {
          // customerKey normalises it: something in it is not plain ASCII or CJK with single spaces
          expect(/^(?:[\x20-\x7e\u4e00-\u9fff])*$/.test(name) && !name.includes("  ")).toBe(false);
        } else {
          expect(customerKey(name)).toBe(name);
          expect(h).toBe(keyHash(name));
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it("the duplicates of a triage are the second and later rows of each customer, as a Map of customer keys finds them", () => {
    const name = fc.oneof(
      fc.constantFrom(
        "Acme",
        "ACME",
        "acme ",
        " Acme",
        "ＡＣＭＥ",
        "Acme  Ltd",
        "acme ltd",
        "客户甲",
        "客户 甲",
        "#N/A",
        "",
        " ",
        null,
        12,
        true,
      ),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(name, { maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (names, first) => {
        const rows = names.map((n) => [n, 100, AS_OF]);
        const { records } = triagePortfolio(rows, { customer: 0, balance: 1, dueDate: 2 }, { asOf: AS_OF, firstRowNumber: first });
        const seen: { key: string; row: number }[] = [];
        records.forEach((r, i) => {
          const duplicate = r.problems.find((p) => p.code === "duplicate");
          if (r.customer === "") {
            expect(duplicate).toBeUndefined();
            return;
          }
          const key = customerKey(r.customer);
          const before = seen.find((s) => sameKey(s.key, key));
          if (before === undefined) {
            seen.push({ key, row: first + i });
            expect(duplicate).toBeUndefined();
          } else {
            expect(r.problems[0]).toEqual({
              code: "duplicate",
              en: `customer: duplicate of row ${before.row}`,
              zh: `客户：与第 ${before.row} 行重复`,
            });
            expect(r.status).toBe("problem");
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("FirstSeen.firstRowHashed with keyHash is firstRow", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 2000 }), (keys) => {
        const a = new FirstSeen(4);
        const b = new FirstSeen(4);
        keys.forEach((key, row) => expect(b.firstRowHashed(key, keyHash(key), row)).toBe(a.firstRow(key, row)));
      }),
      { numRuns: 50 },
    );
  });
});

describe("shared grade texts", () => {
  it("gradeReasons names the amount only for one overdue event (rows with another count share their reasons whatever the amount)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }).filter((n) => n !== 1),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.constantFrom("good", "fair", "poor" as const),
        (n, a, b, cashFlow) => {
          expect(gradeReasons({ overdueCount: n, largestOverdue: a, cashFlow })).toEqual(
            gradeReasons({ overdueCount: n, largestOverdue: b, cashFlow }),
          );
        },
      ),
    );
  });
});

// ---- records, cells and summary of messy portfolios against the straightforward paths -----------------

/** Every field of a one-row-per-customer table mapped, in the reference order (the open-item fields come after them). */
type CustomerField = Exclude<TriageField, ItemField>;
const FIELDS = TRIAGE_FIELDS.filter((f): f is CustomerField => !(ITEM_FIELDS as readonly TriageField[]).includes(f));
const MAPPING: ColumnMapping = Object.fromEntries(FIELDS.map((f, i) => [f, i]));

const junk = fc.constantFrom<unknown>(
  "",
  " ",
  null,
  undefined,
  "#N/A",
  " #value! ",
  "n/a",
  "1,200",
  "１２００",
  "-5",
  "1e400",
  "Infinity",
  "2025-02-30",
  "maybe",
  true,
  false,
  -1,
  60,
  1e21,
  Number.NaN,
  {},
  "是",
  "0",
  "1",
  "60",
);
const amount = fc.oneof(
  fc.integer({ min: 0, max: 3e8 }).map((c) => c / 100),
  fc.integer({ min: 0, max: 3e8 }).map((c) => (c / 100).toFixed(2)),
  fc.integer({ min: 0, max: 3e6 }).map(String),
  fc.constantFrom<unknown>(0, "0", 0.005, 1.005, 2.675, 100.01, 499_999.995, 500_000, "1,200,000.50", "1.5e3", 12_345_678.125, 0.001),
);
const date = fc.oneof(
  fc.integer({ min: AS_OF - 2000, max: AS_OF + 400 }),
  fc.integer({ min: AS_OF - 2000, max: AS_OF + 400 }).map((s) => s + 0.5),
  fc
    .tuple(fc.integer({ min: 2019, max: 2027 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  fc
    .tuple(fc.integer({ min: 2019, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}/${m}/${d}`),
  fc.constantFrom<unknown>("1900-02-28", "1900-03-01", "9999-12-31", "2024-02-29", "2023-02-29", 60, 61, 1, "45000", "2025年7月1日"),
);
const count = fc.constantFrom<unknown>(0, 1, 2, 3, "0", "1", "2", "3", "4", 1.5, "2.0", 999, 1000, 1001, "１");
const yesNo = fc.constantFrom<unknown>("", "yes", "no", "是", "否", "Yes", "NO", "y", "n", true, false, 1, 0, "有", "没有");
const column: Record<CustomerField, fc.Arbitrary<unknown>> = {
  customer: fc.oneof(
    fc.constantFrom<unknown>("Acme", "ACME ", "ＡＣＭＥ", "客户甲", "Beta  Co", "beta co", 7, true),
    fc.integer({ min: 0, max: 400 }).map((i) => `Customer ${i}`),
  ),
  balance: amount,
  dueDate: date,
  overdueCount: count,
  largestOverdue: amount,
  cashFlow: fc.constantFrom<unknown>("good", "fair", "poor", "好", "一般", "差", "良好", "中", "较差", " GOOD "),
  businessOperating: yesNo,
  incomeStable: yesNo,
  turnoverDecline: fc.constantFrom<unknown>("", "none", "short-term", "persistent", "短期", "持续", "无"),
  proposedPlan: yesNo,
  excuses: yesNo,
  contradiction: yesNo,
  brokenPromises: count,
  refusesContact: yesNo,
  insolvent: fc.constantFrom<unknown>("yes", "no", "", "否", "是"),
  dishonestDebtor: yesNo,
  operationsStopped: yesNo,
  freeCashFlow: fc.oneof(amount, fc.constantFrom<unknown>("", -5, "-100", 0)),
  lastConfirmation: fc.oneof(date, fc.constant("")),
  signedContract: yesNo,
  reconciliation: yesNo,
  collectionRecords: yesNo,
  deliveryProof: yesNo,
  acceptanceForm: yesNo,
  excuse: fc.constantFrom<unknown>("", "none", "no-invoice", "defect", "没收到发票", "质量", "无", "发票"),
  lastInterruption: fc.oneof(date, fc.constant("")),
  freeEstate: fc.oneof(amount, fc.constant("")),
  ordinaryClaimsTotal: fc.oneof(amount, fc.integer({ min: 4e6, max: 1e8 }), fc.constant("")),
};
/** A row: each cell valid for its column, blank or junk; sometimes blank, sometimes short. */
const row = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.tuple(
      ...FIELDS.map((f) =>
        fc.oneof({ weight: 12, arbitrary: column[f] }, { weight: 2, arbitrary: fc.constant("") }, { weight: 1, arbitrary: junk }),
      ),
    ) as fc.Arbitrary<unknown[]>,
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown[]>([], ["", null, " "], ["Short row", 100]) },
);
const policies: readonly Policy[] = [
  DEFAULT_POLICY,
  withOverrides({
    settlementTiers: [
      { days: 5, rate: 0.855 },
      { days: 15, rate: 0.9 },
      { days: 30, rate: 0.975 },
    ],
    agingEdges: [15, 45, 120, 365],
    warningDays: [10, 40, 100],
    largeAmountThreshold: 250_000,
    smallAmountLimit: 10_000,
    planMaxInstalments: 36,
  }),
  withOverrides({ settlementTiers: [{ days: 7, rate: 0.9 }], agingEdges: [30] }),
];

const STATUS_NAMES: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: { ok: "ok", problem: "problem", blank: "blank" },
  zh: { ok: "正常", problem: "有问题", blank: "空行" },
};
const say = (reason: Reason, language: Language) => (language === "zh" ? reason.zh : reason.en);

/** The cells of a record written straight from its fields, each list of reasons joined on its own. */
function referenceCells(r: TriageRecord, language: Language, policy: Policy): (string | number | boolean)[] {
  const labels = bucketLabels(policy.agingEdges, language);
  const cells: (string | number | boolean)[] = [
    r.sourceRow,
    r.customer,
    r.balance ?? "",
    STATUS_NAMES[language][r.status],
    reasonText(r.problems, language),
    r.grade ?? "",
    r.termDays ?? "",
    r.daysPastDue ?? "",
    r.bucketIndex === null ? "" : (labels[r.bucketIndex] ?? ""),
    r.level ?? "",
    r.nextStep === null ? "" : describeNextStep(r.nextStep, language),
    r.profile === null ? "" : PROFILE_NAMES[language][r.profile],
    r.play === null ? "" : say(r.play, language),
    reasonText(r.toFindOut, language),
  ];
  for (let i = 0; i < policy.settlementTiers.length + 1; i++) cells.push(r.offers === null ? "" : (r.offers[i] ?? ""));
  cells.push(
    r.futureBenefit === null ? "" : say(r.futureBenefit.reason, language),
    r.instalments === null ? "" : say(r.instalments.reason, language),
    r.recovery === null ? "" : r.recovery.kind === "estimate" ? r.recovery.payout : say(r.recovery.reason, language),
    r.missingEvidence === null
      ? ""
      : r.missingEvidence.length === 0
        ? EVIDENCE_COMPLETE[language]
        : reasonText(r.missingEvidence, language),
    r.confirmation === null ? "" : CONFIRMATION_STATUS_NAMES[language][r.confirmation.overdue ? 1 : 0],
    r.limitation === null ? "" : r.limitation.daysLeft,
    r.limitation === null ? "" : LIMITATION_STATUS_NAMES[language][r.limitation.status],
    reasonText(r.reasons, language),
  );
  return cells;
}

/** The summary counted straight from the records' fields, with Maps by name. */
function referenceSummary(records: readonly TriageRecord[], policy: Policy) {
  const tally = () => ({ count: 0, cents: 0 });
  const profile = new Map(["temporary", "willful", "unable", "unclear", "none"].map((k) => [k, tally()]));
  const grade = new Map(["A", "B", "C", "none"].map((k) => [k, tally()]));
  const level = [0, 1, 2, 3].map(tally);
  const bucket = bucketLabels(policy.agingEdges).map(tally);
  let triaged = 0;
  let total = 0;
  const add = (t: { count: number; cents: number } | undefined, cents: number) => {
    if (t === undefined) return;
    t.count++;
    t.cents += cents;
  };
  for (const r of records) {
    if (r.balance === null || r.dueDate === null || r.level === null || r.bucketIndex === null) continue;
    triaged++;
    const cents = Math.round(roundMoney(r.balance) * 100);
    total += cents;
    add(profile.get(r.profile ?? "none"), cents);
    add(level[r.level], cents);
    add(bucket[r.bucketIndex], cents);
    add(grade.get(r.grade ?? "none"), cents);
  }
  const counts = (ts: Iterable<{ count: number; cents: number }>) => [...ts].map((t) => [t.count, t.cents / 100]);
  return {
    rows: records.length,
    ok: records.filter((r) => r.status === "ok").length,
    problem: records.filter((r) => r.status === "problem").length,
    blank: records.filter((r) => r.status === "blank").length,
    triaged,
    amount: total / 100,
    byProfile: counts(profile.values()),
    byLevel: counts(level),
    byBucket: counts(bucket),
    byGrade: counts(grade.values()),
    problemRows: records
      .filter((r) => r.status !== "ok" && r.problems.length > 0)
      .map((r) => [r.sourceRow, r.customer, r.problems[0], r.problems.length]),
  };
}

describe("records, cells and summary of messy portfolios", () => {
  it("derived fields equal the core's rules, cells equal the straightforward writer's, the summary equals a plain count", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.constantFrom(0, 1, 2), (rows, p) => {
        const policy = policies[p];
        const out = triagePortfolio(rows, MAPPING, { asOf: AS_OF, policy });
        for (const r of out.records) {
          // fields derived on access: status, offers, days past due, bucket, level
          expect(r.status).toBe(r.problems.length === 0 ? "ok" : r.problems[0].code === "blank-row" ? "blank" : "problem");
          if (r.status !== "ok" || r.balance === null || r.daysPastDue === null) expect(r.offers).toBeNull();
          else if (settlementWithheld(r.daysPastDue, r.profile, policy) !== null) expect(r.offers).toBeNull();
          else expect(r.offers).toEqual(settlementLadder(r.balance, policy.settlementTiers).map((rung) => rung.amount));
          if (r.status === "problem") {
            // a row with a problem: only what was read and the problem
            expect([r.daysPastDue, r.bucketIndex, r.level, r.grade, r.profile, r.nextStep, r.futureBenefit]).toEqual([
              null,
              null,
              null,
              null,
              null,
              null,
              null,
            ]);
          } else if (r.dueDate === null) {
            expect([r.daysPastDue, r.bucketIndex, r.level]).toEqual([null, null, null]);
          } else {
            const aging = ageReceivable(r.dueDate, AS_OF, policy);
            expect([r.daysPastDue, r.bucket, r.level]).toEqual([aging.daysPastDue, aging.bucket, aging.level]);
          }
          for (const language of ["en", "zh"] as const) {
            expect(reasonsText(r, language)).toBe(reasonText(r.reasons, language));
            expect(recordCells(r, language, policy)).toEqual(referenceCells(r, language, policy));
            expect(recordCells(r, language, policy)).toHaveLength(triageColumns(policy).length);
          }
          // a record written with another policy's columns (the writer takes the policy it is given)
          expect(recordCells(r, "en", DEFAULT_POLICY)).toEqual(referenceCells(r, "en", DEFAULT_POLICY));
          expect(JSON.parse(JSON.stringify(r))).toEqual(JSON.parse(JSON.stringify({ ...r.toJSON() })));
        }
        const s = summarise(out.records, policy);
        const reference = referenceSummary(out.records, policy);
        expect({
          rows: s.rows,
          ok: s.ok,
          problem: s.problem,
          blank: s.blank,
          triaged: s.triaged,
          amount: s.amount,
          byProfile: s.byProfile.map((g) => [g.count, g.amount]),
          byLevel: s.byLevel.map((g) => [g.count, g.amount]),
          byBucket: s.byBucket.map((g) => [g.count, g.amount]),
          byGrade: s.byGrade.map((g) => [g.count, g.amount]),
          problemRows: s.problemRows.map((x) => [x.sourceRow, x.customer, x.problem, x.problemCount]),
        }).toEqual(reference);
      }),
      { numRuns: 150 },
    );
  });

  it("records read the same after the run, in any order and any number of times", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const out = triagePortfolio(rows, MAPPING, { asOf: AS_OF });
        const first = out.records.map((r) => JSON.stringify(recordCells(r, "en")));
        const again = [...out.records]
          .reverse()
          .map((r) => JSON.stringify(recordCells(r, "en")))
          .reverse();
        expect(again).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });
});
