import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bankruptcyRecovery, claimFilingDeadline, readFilingPeriod, type BankruptcyEstate } from "../../src/core/recovery.js";
import { isoFromSerial, serialFromCivil } from "../../src/core/dates.js";
import { RuleError } from "../../src/core/errors.js";
import { expectRuleError, ruleError } from "../support/rule-error.js";

const day = (y: number, m: number, d: number): number => serialFromCivil(y, m, d);
const iso = (serial: number): string => isoFromSerial(serial);

describe("bankruptcy recovery (rules.md section 5, Enterprise Bankruptcy Law art. 43, 113)", () => {
  it("the article's case, as far as it is a formula: waiting for the liquidation gives 140,000 of 500,000", () => {
    // The article: a claim of 500,000, filed at once, 150,000 taken in kind, 220,000 recovered in all,
    // "80,000 more than waiting for the liquidation". Waiting thus gives 140,000: a 28% dividend. The
    // estate is not in the article; any estate with a 28% ordinary rate gives it, e.g. 3,000,000 free,
    // of which 200,000 go to expenses, employees and taxes, and 10,000,000 of ordinary claims.
    const result = bankruptcyRecovery(500_000, {
      freeEstate: 3_000_000,
      ordinaryClaimsTotal: 10_000_000,
      expenses: 100_000,
      employeeClaims: 50_000,
      taxClaims: 50_000,
    });
    expect(result.payout).toBe(140_000);
    expect(result.ordinaryRate).toBe(0.28);
    expect(result.waterfall).toEqual({ expenses: 100_000, employees: 50_000, taxes: 50_000, ordinaryPool: 2_800_000 });
    expect(220_000 - result.payout).toBe(80_000); // what acting early gained, by the article's figures
    expect(result.reasons.map((r) => r.code)).toEqual([
      "estate",
      "expenses",
      "employees",
      "taxes",
      "ordinary-pool",
      "ordinary-rate",
      "payout",
    ]);
    expect(result.reasons[5]).toEqual({ code: "ordinary-rate", en: "ordinary claims receive 28% pro rata", zh: "普通债权按比例受偿 28%" });
    expect(result.reasons[6]).toEqual({
      code: "payout",
      en: "this claim of 500,000 receives 140,000",
      zh: "本债权 500,000 可受偿 140,000",
    });
    expect(result.reasons[1].en).toBe("bankruptcy expenses and common-benefit debts first (art. 43): 100,000 of 100,000 paid in full");
  });

  it("shares the ordinary pool pro rata: 12.5%", () => {
    const result = bankruptcyRecovery(800_000, { freeEstate: 1_250_000, ordinaryClaimsTotal: 10_000_000 });
    expect(result.payout).toBe(100_000);
    expect(result.ordinaryRate).toBe(0.125);
    expect(result.reasons.find((r) => r.code === "ordinary-rate")).toEqual({
      code: "ordinary-rate",
      en: "ordinary claims receive 12.5% pro rata",
      zh: "普通债权按比例受偿 12.5%",
    });
    // classes with nothing claimed are not listed
    expect(result.reasons.map((r) => r.code)).toEqual(["estate", "ordinary-pool", "ordinary-rate", "payout"]);
  });

  it("pays the classes in order, each in full or as far as the estate goes", () => {
    const estate = (freeEstate: number): BankruptcyEstate => ({
      freeEstate,
      ordinaryClaimsTotal: 1_000_000,
      expenses: 100_000,
      employeeClaims: 200_000,
      taxClaims: 300_000,
    });
    expect(bankruptcyRecovery(100_000, estate(50_000)).waterfall).toEqual({ expenses: 50_000, employees: 0, taxes: 0, ordinaryPool: 0 });
    expect(bankruptcyRecovery(100_000, estate(250_000)).waterfall).toEqual({
      expenses: 100_000,
      employees: 150_000,
      taxes: 0,
      ordinaryPool: 0,
    });
    expect(bankruptcyRecovery(100_000, estate(500_000)).waterfall).toEqual({
      expenses: 100_000,
      employees: 200_000,
      taxes: 200_000,
      ordinaryPool: 0,
    });
    expect(bankruptcyRecovery(100_000, estate(600_000)).waterfall).toEqual({
      expenses: 100_000,
      employees: 200_000,
      taxes: 300_000,
      ordinaryPool: 0,
    });
    const some = bankruptcyRecovery(100_000, estate(700_000));
    expect(some.waterfall).toEqual({ expenses: 100_000, employees: 200_000, taxes: 300_000, ordinaryPool: 100_000 });
    expect(some.payout).toBe(10_000);
    const nothing = bankruptcyRecovery(100_000, estate(250_000));
    expect(nothing.payout).toBe(0);
    expect(nothing.ordinaryRate).toBe(0);
    expect(nothing.reasons.find((r) => r.code === "employees")).toEqual({
      code: "employees",
      en: "then employee wages, compensation and insurance (art. 113 (1)): 150,000 of 200,000 paid, the estate is exhausted",
      zh: "其次职工工资、补偿金及社会保险费用（第113条第一项）：受偿 150,000（共 200,000），财产已不足",
    });
  });

  it("never pays more than the claim, even when the pool exceeds the ordinary claims", () => {
    const result = bankruptcyRecovery(500, { freeEstate: 5_000, ordinaryClaimsTotal: 1_000 });
    expect(result.payout).toBe(500);
    expect(result.ordinaryRate).toBe(1);
    expect(result.waterfall.ordinaryPool).toBe(5_000);
    expect(bankruptcyRecovery(0, { freeEstate: 5_000, ordinaryClaimsTotal: 1_000 }).payout).toBe(0);
  });

  it("rounds the pro-rata share half away from zero on its exact decimal value", () => {
    expect(bankruptcyRecovery(100, { freeEstate: 100, ordinaryClaimsTotal: 300 }).payout).toBe(33.33); // 33.333...
    expect(bankruptcyRecovery(200, { freeEstate: 100, ordinaryClaimsTotal: 300 }).payout).toBe(66.67); // 66.666...
    expect(bankruptcyRecovery(1, { freeEstate: 0.01, ordinaryClaimsTotal: 2 }).payout).toBe(0.01); // 0.005, a tie
    expect(bankruptcyRecovery(0.1, { freeEstate: 0.3, ordinaryClaimsTotal: 0.2 }).payout).toBe(0.1); // pool above the claims
    // 1.15 x 1 / 2 is 0.575 exactly, a tie, up to 0.58; binary arithmetic rounds it to 0.57
    expect(Math.round(((1.15 * 1) / 2) * 100) / 100).toBe(0.57);
    expect(bankruptcyRecovery(1, { freeEstate: 1.15, ordinaryClaimsTotal: 2 }).payout).toBe(0.58);
    expect(bankruptcyRecovery(2, { freeEstate: 2.01, ordinaryClaimsTotal: 4 }).payout).toBe(1.01); // 1.005
    // Never more than the claim as entered: 1.005 rounds to 1.01, so the payout is rounded down instead.
    expect(bankruptcyRecovery(1.005, { freeEstate: 1_000_000, ordinaryClaimsTotal: 1.005 }).payout).toBe(1);
    expect(bankruptcyRecovery(0.005, { freeEstate: 1_000_000, ordinaryClaimsTotal: 1 }).payout).toBe(0);
  });

  it.each([
    ["claim", () => bankruptcyRecovery(-1, { freeEstate: 1, ordinaryClaimsTotal: 1 }), "claim: -1 must be an amount >= 0"],
    ["claim", () => bankruptcyRecovery(Number.NaN, { freeEstate: 1, ordinaryClaimsTotal: 1 }), "claim: NaN must be an amount >= 0"],
    ["free_estate", () => bankruptcyRecovery(1, { freeEstate: -5, ordinaryClaimsTotal: 1 }), "free_estate: -5 must be an amount >= 0"],
    [
      "free_estate",
      () => bankruptcyRecovery(1, { freeEstate: Number.POSITIVE_INFINITY, ordinaryClaimsTotal: 1 }),
      "free_estate: Infinity must be an amount >= 0",
    ],
    [
      "free_estate",
      () => bankruptcyRecovery(1, { freeEstate: 1e15, ordinaryClaimsTotal: 1 }),
      "free_estate: 1000000000000000 is above the largest amount handled, 90,071,992,547,409.91",
    ],
    [
      "ordinary_claims_total",
      () => bankruptcyRecovery(0, { freeEstate: 1, ordinaryClaimsTotal: 0 }),
      "ordinary_claims_total: 0 must be above 0",
    ],
    [
      "ordinary_claims_total",
      () => bankruptcyRecovery(500, { freeEstate: 1, ordinaryClaimsTotal: 400 }),
      "ordinary_claims_total: 400 is below the claim 500; the total includes this claim",
    ],
    [
      "ordinary_claims_total",
      () => bankruptcyRecovery(1, { freeEstate: 1, ordinaryClaimsTotal: -1 }),
      "ordinary_claims_total: -1 must be an amount >= 0",
    ],
    [
      "employee_claims",
      () => bankruptcyRecovery(1, { freeEstate: 1, ordinaryClaimsTotal: 1, employeeClaims: -1 }),
      "employee_claims: -1 must be an amount >= 0",
    ],
    [
      "tax_claims",
      () => bankruptcyRecovery(1, { freeEstate: 1, ordinaryClaimsTotal: 1, taxClaims: Number.NaN }),
      "tax_claims: NaN must be an amount >= 0",
    ],
    [
      "expenses",
      () => bankruptcyRecovery(1, { freeEstate: 1, ordinaryClaimsTotal: 1, expenses: -0.01 }),
      "expenses: -0.01 must be an amount >= 0",
    ],
  ])("refuses a bad %s", (argument, call, message) => {
    expectRuleError(call, argument, message);
  });

  const amount = (max: number) => fc.integer({ min: 0, max }).map((c) => c / 100);
  const case_ = fc
    .record({
      claim: amount(1e12),
      others: amount(1e12),
      estate: amount(1e12),
      more: amount(1e12),
      employees: amount(1e11),
      taxes: amount(1e11),
      expenses: amount(1e11),
    })
    .filter((c) => c.claim + c.others > 0);

  it("never pays more than the claim or the ordinary pool, and the waterfall adds up to the estate", () => {
    fc.assert(
      fc.property(case_, (c) => {
        const total = Number((c.claim + c.others).toFixed(2));
        const r = bankruptcyRecovery(c.claim, {
          freeEstate: c.estate,
          ordinaryClaimsTotal: total,
          employeeClaims: c.employees,
          taxClaims: c.taxes,
          expenses: c.expenses,
        });
        expect(r.payout).toBeGreaterThanOrEqual(0);
        expect(r.payout).toBeLessThanOrEqual(c.claim);
        expect(r.payout).toBeLessThanOrEqual(r.waterfall.ordinaryPool);
        expect(Number(r.payout.toFixed(2))).toBe(r.payout);
        expect(r.ordinaryRate).toBeGreaterThanOrEqual(0);
        expect(r.ordinaryRate).toBeLessThanOrEqual(1);
        const w = r.waterfall;
        expect(
          Math.round(w.expenses * 100) + Math.round(w.employees * 100) + Math.round(w.taxes * 100) + Math.round(w.ordinaryPool * 100),
        ).toBe(Math.round(c.estate * 100));
        expect(w.expenses).toBeLessThanOrEqual(c.expenses);
        expect(w.employees).toBeLessThanOrEqual(c.employees);
        expect(w.taxes).toBeLessThanOrEqual(c.taxes);
        // a class is paid only once the classes before it are paid in full
        if (w.employees > 0) expect(w.expenses).toBe(c.expenses);
        if (w.taxes > 0) expect(w.employees).toBe(c.employees);
        if (w.ordinaryPool > 0) expect(w.taxes).toBe(c.taxes);
      }),
    );
  });

  it("never pays less when the free estate grows", () => {
    fc.assert(
      fc.property(case_, (c) => {
        const total = Number((c.claim + c.others).toFixed(2));
        const estate = (freeEstate: number): BankruptcyEstate => ({
          freeEstate,
          ordinaryClaimsTotal: total,
          employeeClaims: c.employees,
          taxClaims: c.taxes,
          expenses: c.expenses,
        });
        const smaller = bankruptcyRecovery(c.claim, estate(c.estate));
        const larger = bankruptcyRecovery(c.claim, estate(Number((c.estate + c.more).toFixed(2))));
        expect(larger.payout).toBeGreaterThanOrEqual(smaller.payout);
        expect(larger.ordinaryRate).toBeGreaterThanOrEqual(smaller.ordinaryRate);
        expect(larger.waterfall.ordinaryPool).toBeGreaterThanOrEqual(smaller.waterfall.ordinaryPool);
      }),
    );
  });

  it("pays claims that share the pool no more than the pool together (but for one cent of rounding each)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1e10 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 1e11 }),
        (claimCents, poolCents) => {
          const total = claimCents.reduce((s, x) => s + x, 0) / 100;
          const paid = claimCents.map((x) =>
            Math.round(bankruptcyRecovery(x / 100, { freeEstate: poolCents / 100, ordinaryClaimsTotal: total }).payout * 100),
          );
          const sum = paid.reduce((s, x) => s + x, 0);
          expect(sum).toBeLessThanOrEqual(Math.min(poolCents, Math.round(total * 100)) + claimCents.length);
          expect(sum).toBeGreaterThanOrEqual(Math.min(poolCents, Math.round(total * 100)) - claimCents.length);
        },
      ),
    );
  });
});

describe("claim filing deadline (Enterprise Bankruptcy Law art. 45; Civil Code art. 201, 202)", () => {
  it("defaults to 30 days from the day after the announcement, the earliest the court may set", () => {
    const result = claimFilingDeadline(day(2025, 1, 1));
    expect(iso(result.lastDay)).toBe("2025-01-31");
    expect(result.reasons[0]).toEqual({
      code: "period",
      en: "claim filing period not given: 30 days from the announcement of 2025-01-01, the shortest the court may set: file by 2025-01-31 (art. 45)",
      zh: "未给出申报期限：按法院可定的最短期限，自 2025-01-01 受理公告起 30 天，最迟于 2025-01-31 申报（第45条）",
    });
    expect(result.reasons[1].code).toBe("late-filing");
    expect(claimFilingDeadline(day(2025, 1, 1), {}).lastDay).toBe(result.lastDay);
  });

  it("counts days from the day after the announcement", () => {
    expect(iso(claimFilingDeadline(day(2025, 1, 1), { days: 30 }).lastDay)).toBe("2025-01-31");
    expect(iso(claimFilingDeadline(day(2025, 2, 10), { days: 30 }).lastDay)).toBe("2025-03-12");
    expect(iso(claimFilingDeadline(day(2024, 2, 10), { days: 30 }).lastDay)).toBe("2024-03-11"); // leap year
    expect(iso(claimFilingDeadline(day(2025, 1, 1), { days: 45 }).lastDay)).toBe("2025-02-15");
    expect(claimFilingDeadline(day(2025, 1, 1), { days: 45 }).reasons[0].en).toBe(
      "claim filing period of 45 days from the announcement of 2025-01-01: file by 2025-02-15 (art. 45)",
    );
    expect(claimFilingDeadline(45658.9, { days: 30 }).lastDay).toBe(45688); // time of day ignored
  });

  it("counts months as EDATE does, up to 3 months", () => {
    expect(iso(claimFilingDeadline(day(2025, 1, 15), { months: 1 }).lastDay)).toBe("2025-02-15");
    expect(iso(claimFilingDeadline(day(2025, 1, 15), { months: 3 }).lastDay)).toBe("2025-04-15");
    expect(iso(claimFilingDeadline(day(2023, 11, 30), { months: 3 }).lastDay)).toBe("2024-02-29");
    expect(iso(claimFilingDeadline(day(2024, 11, 30), { months: 3 }).lastDay)).toBe("2025-02-28");
    expect(iso(claimFilingDeadline(day(2025, 12, 31), { months: 2 }).lastDay)).toBe("2026-02-28");
    expect(claimFilingDeadline(day(2025, 1, 15), { months: 2 }).reasons[0].zh).toBe(
      "债权申报期限自 2025-01-15 受理公告起 2 个月：最迟于 2025-03-15 申报（第45条）",
    );
  });

  it("accepts a period of days ending exactly 3 months later, refuses one day more", () => {
    expect(iso(claimFilingDeadline(day(2025, 1, 1), { days: 90 }).lastDay)).toBe("2025-04-01"); // = 3 months
    expect(() => claimFilingDeadline(day(2025, 1, 1), { days: 91 })).toThrow(
      "period: 91 days from 2025-01-01 ends 2025-04-02, after the 3-month limit 2025-04-01 (art. 45)",
    );
    expect(iso(claimFilingDeadline(day(2024, 11, 30), { days: 90 }).lastDay)).toBe("2025-02-28");
    expect(() => claimFilingDeadline(day(2024, 11, 30), { days: 91 })).toThrow(/^period: 91 days .* after the 3-month limit 2025-02-28/);
    expect(iso(claimFilingDeadline(day(2023, 11, 30), { days: 91 }).lastDay)).toBe("2024-02-29"); // leap year: 91 days fit
    expect(() => claimFilingDeadline(day(2023, 11, 30), { days: 92 })).toThrow(/^period: /);
    expect(() => claimFilingDeadline(day(2025, 1, 1), { days: 29 })).toThrow(
      "period: 29 days: the period is a whole number of at least 30 days (art. 45)",
    );
  });

  it("accepts 1 month shorter than 30 days as the court set it, and says so", () => {
    const result = claimFilingDeadline(day(2025, 1, 31), { months: 1 });
    expect(iso(result.lastDay)).toBe("2025-02-28");
    expect(result.reasons[1]).toEqual({
      code: "short-period",
      en: "1 month from 2025-01-31 is only 28 days, less than the 30 days of art. 45: file by 2025-02-28 all the same",
      zh: "自 2025-01-31 起 1 个月仅 28 天，少于第45条规定的 30 天：仍应于 2025-02-28 前申报",
    });
    expect(claimFilingDeadline(day(2025, 3, 31), { months: 1 }).reasons.map((r) => r.code)).toEqual(["period", "late-filing"]);
  });

  it.each([
    ["period", () => claimFilingDeadline(day(2025, 1, 1), { days: 0 }), "period: 0 days: the period is a whole number of at least 30 days"],
    ["period", () => claimFilingDeadline(day(2025, 1, 1), { days: 30.5 }), "period: 30.5 days"],
    ["period", () => claimFilingDeadline(day(2025, 1, 1), { days: Number.NaN }), "period: NaN days"],
    ["period", () => claimFilingDeadline(day(2025, 1, 1), { months: 0 }), "period: 0 months: the court sets 1 to 3 months (art. 45)"],
    ["period", () => claimFilingDeadline(day(2025, 1, 1), { months: 4 }), "period: 4 months: the court sets 1 to 3 months"],
    ["period", () => claimFilingDeadline(day(2025, 1, 1), { months: 1.5 }), "period: 1.5 months"],
    ["period", () => claimFilingDeadline(day(2025, 1, 1), { days: 30, months: 1 }), "period: give days or months, not both"],
    ["announcement", () => claimFilingDeadline(60), "announcement: serial 60 is Excel's phantom 1900-02-29"],
    ["announcement", () => claimFilingDeadline(-1), "announcement: -1 is not a date serial"],
    ["announcement", () => claimFilingDeadline(day(9999, 11, 1)), "announcement: 9999-11-01: the period would end after 9999-12-31"],
  ])("refuses a bad %s", (argument, call, message) => {
    const error = ruleError(call);
    expect(error.argument).toBe(argument);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.zh.startsWith(`${argument}：`)).toBe(true);
  });

  it("always ends 30 days to 3 months after the announcement, inside the period the court set", () => {
    fc.assert(
      fc.property(fc.integer({ min: day(1901, 1, 1), max: day(9990, 1, 1) }), fc.integer({ min: 30, max: 92 }), (announcement, days) => {
        const latest = claimFilingDeadline(announcement, { months: 3 }).lastDay;
        let lastDay: number;
        try {
          lastDay = claimFilingDeadline(announcement, { days }).lastDay;
        } catch (error) {
          expect((error as RuleError).argument).toBe("period");
          expect(announcement + days).toBeGreaterThan(latest);
          return;
        }
        expect(lastDay - announcement).toBe(days);
        expect(lastDay).toBeLessThanOrEqual(latest);
      }),
    );
  });
});

describe("reading a filing period", () => {
  it.each([
    [45, { days: 45 }],
    ["45", { days: 45 }],
    ["45d", { days: 45 }],
    ["45 days", { days: 45 }],
    ["45 Days", { days: 45 }],
    ["45天", { days: 45 }],
    ["45 日", { days: 45 }],
    ["2m", { months: 2 }],
    ["2 months", { months: 2 }],
    ["1 month", { months: 1 }],
    ["2个月", { months: 2 }],
    ["两个月", { months: 2 }],
    ["三个月", { months: 3 }],
    ["２ｍ", { months: 2 }],
    ["３０天", { days: 30 }],
    ["", {}],
    [null, {}],
  ])("reads %j", (value, period) => {
    expect(readFilingPeriod(value)).toEqual(period);
  });

  it("leaves range checks to the deadline", () => {
    expect(readFilingPeriod("4m")).toEqual({ months: 4 });
    expect(() => claimFilingDeadline(day(2025, 1, 1), readFilingPeriod("4m"))).toThrow(/^period: 4 months/);
    expect(iso(claimFilingDeadline(day(2025, 1, 1), readFilingPeriod("两个月")).lastDay)).toBe("2025-03-01");
  });

  it.each([["2 weeks"], ["abc"], ["2月"], ["m"], [true], [Number.NaN]])("refuses %j", (value) => {
    const error = ruleError(() => readFilingPeriod(value, "claim_period"));
    expect(error.argument).toBe("claim_period");
    expect(error.message.startsWith("claim_period: ")).toBe(true);
  });
});
