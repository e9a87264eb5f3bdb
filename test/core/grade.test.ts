import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { creditGrade, creditTerm, gradeRule, gradeOfRule, readCashFlow, readGrade, type CashFlow } from "../../src/core/grade.js";
import { DEFAULT_POLICY, withOverrides } from "../../src/core/policy.js";
import { reasonText } from "../../src/core/errors.js";

describe("credit grade (rules.md section 1)", () => {
  it.each([
    // article: A = no overdue in a year and good cash flow -> 30 days
    [0, 0, "good", "A", 30],
    // article: B = 1 overdue in a year, small amount -> 15 days
    [1, 20_000, "good", "B", 15],
    [1, 50_000, "good", "B", 15], // at the small-amount limit: still small
    [1, 50_000.01, "good", "C", 0], // above it: C (decision)
    [0, 0, "fair", "B", 15], // decision: no overdue but fair cash flow
    // article: C = 2+ overdue or poor cash flow -> cash on delivery
    [2, 0, "good", "C", 0],
    [7, 1_000, "good", "C", 0],
    [0, 0, "poor", "C", 0],
    [1, 10, "fair", "B", 15],
  ] as const)("%i overdue, largest %d, cash %s -> %s (%i days)", (n, amount, cash, grade, term) => {
    const result = creditGrade({ overdueCount: n, largestOverdue: amount, cashFlow: cash });
    expect(result.grade).toBe(grade);
    expect(result.termDays).toBe(term);
    expect(creditTerm(result.grade)).toBe(term);
  });

  it("explains the grade with every C condition that holds", () => {
    const r = creditGrade({ overdueCount: 2, largestOverdue: 80_000, cashFlow: "poor" });
    expect(r.reasons.map((x) => x.code)).toEqual(["C-repeat-overdue", "C-poor-cash-flow", "term"]);
    expect(reasonText(r.reasons, "en")).toBe(
      "2 overdue events in 12 months (2 or more: C); cash flow poor (C); credit term 0 days: cash on delivery",
    );
    expect(reasonText(r.reasons, "zh")).toBe("近12个月逾期2次（2次及以上：C级）；现金流差（C级）；账期0天：现款现货");
  });

  it("names the small-amount limit in the reason", () => {
    const r = creditGrade({ overdueCount: 1, largestOverdue: 60_000, cashFlow: "good" });
    expect(r.reasons[0].en).toBe("1 overdue event of 60,000, above the small-amount limit 50,000 (C)");
  });

  it("follows the policy's limit and terms", () => {
    const policy = withOverrides({ smallAmountLimit: 100_000, creditTermDays: { A: 45, B: 20, C: 0 } });
    const r = creditGrade({ overdueCount: 1, largestOverdue: 60_000, cashFlow: "good" }, policy);
    expect(r.grade).toBe("B");
    expect(r.termDays).toBe(20);
  });

  it("refuses an overdue amount without an overdue event, naming the argument", () => {
    expect(() => creditGrade({ overdueCount: 0, largestOverdue: 5, cashFlow: "good" })).toThrow(
      /^overdue_amount: 5 overdue but overdue_count is 0/,
    );
    expect(() => creditGrade({ overdueCount: 1.5, largestOverdue: 0, cashFlow: "good" })).toThrow(/^overdue_count: /);
    expect(() => creditGrade({ overdueCount: 1, largestOverdue: -1, cashFlow: "good" })).toThrow(/^overdue_amount: /);
  });

  it("grades are monotone: more overdue events or worse cash flow never improve the grade", () => {
    const order = { A: 0, B: 1, C: 2 } as const;
    const cash = fc.constantFrom<CashFlow>("good", "fair", "poor");
    fc.assert(
      fc.property(fc.nat(5), fc.nat(5), fc.double({ min: 0, max: 1e6, noNaN: true }), cash, (n, extra, amount, cf) => {
        const a = gradeOfRule(gradeRule(n, amount, cf, DEFAULT_POLICY.smallAmountLimit));
        const b = gradeOfRule(gradeRule(n + extra, amount, cf, DEFAULT_POLICY.smallAmountLimit));
        const worse = gradeOfRule(gradeRule(n, amount, "poor", DEFAULT_POLICY.smallAmountLimit));
        expect(order[b]).toBeGreaterThanOrEqual(order[a]);
        expect(order[worse]).toBeGreaterThanOrEqual(order[a]);
      }),
    );
  });
});

describe("reading grade inputs", () => {
  it.each([
    ["good", "good"],
    ["GOOD", "good"],
    [" Fair ", "fair"],
    ["poor", "poor"],
    ["好", "good"],
    ["良好", "good"],
    ["一般", "fair"],
    ["中", "fair"],
    ["差", "poor"],
    ["较差", "poor"],
  ])("cash flow %j is %s", (word, cash) => {
    expect(readCashFlow(word)).toBe(cash);
  });

  it("refuses an unknown cash-flow word, listing the accepted ones", () => {
    expect(() => readCashFlow("ok")).toThrow('cash_flow: "ok" is not one of good/fair/poor, 好/一般/差');
    expect(() => readCashFlow(3)).toThrow(/^cash_flow: 3 is not one of/);
  });

  it("reads grades in any case", () => {
    expect(readGrade("a")).toBe("A");
    expect(readGrade(" C ")).toBe("C");
    expect(() => readGrade("D")).toThrow('grade: "D" is not one of A/B/C');
  });
});
