import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cashFlowFit, instalmentPlan, instalmentsNeeded, largestInstalmentThatFits, proposeInstalments } from "../../src/core/plan.js";
import { isoFromSerial, serialFromCivil } from "../../src/core/dates.js";
import { RuleError } from "../../src/core/errors.js";
import { DEFAULT_POLICY, withOverrides } from "../../src/core/policy.js";
import { expectRuleError, ruleError } from "../support/rule-error.js";

const cents = (amount: number): number => Math.round(amount * 100);
const sumCents = (amounts: readonly number[]): number => amounts.reduce((s, a) => s + cents(a), 0);

describe("instalment plan (rules.md section 4)", () => {
  it("reproduces the article: 1,200,000 over 12 months, 50,000 off the last, total 1,150,000", () => {
    const plan = instalmentPlan(1_200_000, 12, { concession: 50_000 });
    expect(plan.instalments.map((i) => i.amount)).toEqual([...Array(11).fill(100_000), 50_000]);
    expect(plan.instalments.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(plan.instalments.every((i) => i.dueDate === null)).toBe(true);
    expect(plan.total).toBe(1_150_000);
    expect(plan.concession).toBe(50_000);
    expect(plan.reasons[0]).toEqual({
      code: "plan",
      en: "12 instalments of 100,000, the last reduced by 50,000 (concession): total 1,150,000",
      zh: "分 12 期，每期 100,000，最后一期减免 50,000：合计 1,150,000",
    });
    expect(plan.reasons[1].en).toBe("concession 50,000 is 4.17% of the balance 1,200,000, within the policy limit of 5% (60,000)");
  });

  it("splits without a concession into equal instalments", () => {
    const plan = instalmentPlan(1_200_000, 12);
    expect(plan.instalments.map((i) => i.amount)).toEqual(Array(12).fill(100_000));
    expect(plan.total).toBe(1_200_000);
    expect(plan.concession).toBe(0);
    expect(plan.reasons).toEqual([
      { code: "plan", en: "12 instalments of 100,000: total 1,200,000", zh: "分 12 期，每期 100,000：合计 1,200,000" },
    ]);
  });

  it("adds the rounding remainder to the last instalment", () => {
    const plan = instalmentPlan(1_000_000, 12);
    expect(plan.instalments.slice(0, 11).every((i) => i.amount === 83_333.33)).toBe(true);
    expect(plan.instalments[11].amount).toBe(83_333.37);
    expect(sumCents(plan.instalments.map((i) => i.amount))).toBe(100_000_000);
    expect(plan.reasons[0].en).toBe("12 instalments of 83,333.33, the last 83,333.37 with the rounding remainder: total 1,000,000");
    expect(instalmentPlan(100, 3).instalments.map((i) => i.amount)).toEqual([33.33, 33.33, 33.34]);
  });

  it("takes a concession larger than the last instalment from the ones before", () => {
    // 1,000 / 24 = 41.66 each, the last 41.82; a 50 concession empties the last and takes 8.18 from the 23rd.
    const plan = instalmentPlan(1000, 24, { concession: 50 });
    expect(plan.instalments.slice(0, 22).every((i) => i.amount === 41.66)).toBe(true);
    expect(plan.instalments[22].amount).toBe(33.48);
    expect(plan.instalments[23].amount).toBe(0);
    expect(plan.total).toBe(950);
    expect(sumCents(plan.instalments.map((i) => i.amount))).toBe(95_000);
    expect(plan.reasons[0].en).toBe(
      "24 instalments of 41.66, the last 41.82 with the rounding remainder, the concession of 50 taken from the last 2 instalments: total 950",
    );
  });

  it("rounds the balance and the concession to the cent, half away from zero", () => {
    const plan = instalmentPlan(1.005, 1);
    expect(plan.instalments).toEqual([{ number: 1, dueDate: null, amount: 1.01 }]);
    expect(instalmentPlan(100.01, 2, { concession: 0.005 }).total).toBe(100);
  });

  it("accepts 1 instalment and the policy's maximum, refuses one more", () => {
    const one = instalmentPlan(1_200_000, 1, { concession: 50_000 });
    expect(one.instalments).toEqual([{ number: 1, dueDate: null, amount: 1_150_000 }]);
    expect(one.reasons[0].en).toBe("1 instalment of 1,200,000, reduced by 50,000 (concession): total 1,150,000");
    expect(instalmentPlan(1_200_000, 24).instalments.map((i) => i.amount)).toEqual(Array(24).fill(50_000));
    expect(() => instalmentPlan(1_200_000, 25)).toThrow(
      "instalments: 25 is not a whole number of instalments from 1 to 24 (the policy limit)",
    );
    const policy = withOverrides({ planMaxInstalments: 36 });
    expect(instalmentPlan(1_200_000, 36, {}, policy).instalments).toHaveLength(36);
    expect(() => instalmentPlan(1_200_000, 37, {}, policy)).toThrow(/^instalments: 37 .* from 1 to 36/);
  });

  it("accepts a concession exactly at the policy limit and refuses one cent above", () => {
    expect(instalmentPlan(1_200_000, 12, { concession: 60_000 }).total).toBe(1_140_000);
    expect(() => instalmentPlan(1_200_000, 12, { concession: 60_000.01 })).toThrow(
      "concession: 60,000.01 is above the policy limit of 5% of the balance (60,000)",
    );
    expect(() => instalmentPlan(1_200_000, 12, { concession: 100_000 })).toThrow(
      "concession: 100,000 is above the policy limit of 5% of the balance (60,000)",
    );
    // 5% of 1,000.01 is 50.0005: the limit is 50.00, rounded down, so 50.01 is above it.
    expect(instalmentPlan(1000.01, 2, { concession: 50 }).total).toBe(950.01);
    expect(() => instalmentPlan(1000.01, 2, { concession: 50.01 })).toThrow(
      "concession: 50.01 is above the policy limit of 5% of the balance (50)",
    );
    const generous = withOverrides({ planMaxConcessionRate: 0.1 });
    expect(instalmentPlan(1_200_000, 12, { concession: 120_000 }, generous).total).toBe(1_080_000);
    expect(ruleError(() => instalmentPlan(1_200_000, 12, { concession: 100_000 })).zh).toBe(
      "concession：100,000 超过政策上限：欠款的 5%（60,000）",
    );
  });

  it("dates instalments as EDATE does, each from the first due date", () => {
    const dates = (y: number, m: number, d: number, count: number, intervalMonths?: number): string[] =>
      instalmentPlan(1000, count, { firstDue: serialFromCivil(y, m, d), intervalMonths }).instalments.map((i) =>
        isoFromSerial(i.dueDate as number),
      );
    expect(dates(2025, 1, 31, 4)).toEqual(["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"]);
    expect(dates(2024, 1, 31, 3)).toEqual(["2024-01-31", "2024-02-29", "2024-03-31"]); // leap year
    expect(dates(2023, 11, 30, 3, 3)).toEqual(["2023-11-30", "2024-02-29", "2024-05-30"]);
    expect(dates(2024, 2, 29, 5, 12)).toEqual(["2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]);
    expect(dates(2100, 1, 29, 2)).toEqual(["2100-01-29", "2100-02-28"]); // 2100 is not a leap year
    expect(dates(2025, 11, 15, 3)).toEqual(["2025-11-15", "2025-12-15", "2026-01-15"]);
    const plan = instalmentPlan(1_200_000, 12, { concession: 50_000, firstDue: serialFromCivil(2025, 1, 31) });
    expect(plan.reasons[2]).toEqual({
      code: "due",
      en: "due monthly from 2025-01-31 to 2025-12-31",
      zh: "每月到期，自 2025-01-31 至 2025-12-31",
    });
    expect(instalmentPlan(1000, 4, { firstDue: serialFromCivil(2025, 1, 31), intervalMonths: 3 }).reasons[1].en).toBe(
      "due every 3 months from 2025-01-31 to 2025-10-31",
    );
    expect(instalmentPlan(1000, 1, { firstDue: 45658.75 }).instalments[0].dueDate).toBe(45658); // time of day ignored
    expect(instalmentPlan(1000, 2, { firstDue: null }).instalments.map((i) => i.dueDate)).toEqual([null, null]);
  });

  it.each([
    ["balance", () => instalmentPlan(0, 12), "balance: 0 must be above 0 (at least 0.01)"],
    ["balance", () => instalmentPlan(0.004, 1), "balance: 0.004 must be above 0"],
    ["balance", () => instalmentPlan(-100, 12), "balance: -100 must be an amount >= 0"],
    ["balance", () => instalmentPlan(Number.NaN, 12), "balance: NaN must be an amount >= 0"],
    ["balance", () => instalmentPlan(1e15, 12), "balance: 1000000000000000 is above the largest amount handled, 90,071,992,547,409.91"],
    ["instalments", () => instalmentPlan(1000, 0), "instalments: 0 is not a whole number"],
    ["instalments", () => instalmentPlan(1000, 1.5), "instalments: 1.5 is not a whole number"],
    ["instalments", () => instalmentPlan(1000, Number.NaN), "instalments: NaN is not a whole number"],
    ["instalments", () => instalmentPlan(0.01, 3), "instalments: 0.01 cannot be split into 3 instalments of at least 0.01: at most 1"],
    ["instalments", () => instalmentPlan(0.23, 24), "instalments: 0.23 cannot be split into 24 instalments of at least 0.01: at most 23"],
    ["concession", () => instalmentPlan(1000, 2, { concession: -1 }), "concession: -1 must be an amount >= 0"],
    ["concession", () => instalmentPlan(1000, 2, { concession: Number.POSITIVE_INFINITY }), "concession: Infinity must be an amount >= 0"],
    [
      "concession",
      () => instalmentPlan(1000, 2, { concession: 1000 }, withOverrides({ planMaxConcessionRate: 1 })),
      "concession: 1,000 must be less than the balance 1,000",
    ],
    ["first_due", () => instalmentPlan(1000, 2, { firstDue: 60 }), "first_due: serial 60 is Excel's phantom 1900-02-29"],
    ["first_due", () => instalmentPlan(1000, 2, { firstDue: 0 }), "first_due: 0 is not a date serial"],
    [
      "first_due",
      () => instalmentPlan(1000, 3, { firstDue: serialFromCivil(9999, 11, 30) }),
      "first_due: 9999-11-30: the plan would run past 9999-12-31",
    ],
    [
      "interval_months",
      () => instalmentPlan(1000, 2, { intervalMonths: 0 }),
      "interval_months: 0 is not a whole number of months from 1 to 97,199",
    ],
    [
      "interval_months",
      () => instalmentPlan(1000, 2, { intervalMonths: 1.5 }),
      "interval_months: 1.5 is not a whole number of months from 1 to 97,199",
    ],
    [
      "interval_months",
      () => instalmentPlan(1000, 2, { intervalMonths: 1e308 }),
      "interval_months: 1e+308 is not a whole number of months from 1 to 97,199",
    ],
  ])("refuses a bad %s", (argument, call, message) => {
    expectRuleError(call, argument, message);
  });

  const planInput = (maxCount: number) =>
    fc
      .record({
        balanceCents: fc.integer({ min: 1, max: 1e13 }),
        count: fc.integer({ min: 1, max: maxCount }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      // At least one cent per instalment (fewer cents than instalments is refused).
      .map(({ balanceCents, count, share }) => ({ balanceCents: Math.max(balanceCents, count), count, share }))
      .map(({ balanceCents, count, share }) => {
        const limit = Math.floor(balanceCents * DEFAULT_POLICY.planMaxConcessionRate);
        const concessionCents = share === 1 ? limit : Math.min(Math.floor(limit * share), balanceCents - 1);
        return { balanceCents, count, concessionCents };
      });

  it("always adds up to the cent to balance - concession, with count rows, none negative, in whole cents", () => {
    fc.assert(
      fc.property(planInput(DEFAULT_POLICY.planMaxInstalments), ({ balanceCents, count, concessionCents }) => {
        const plan = instalmentPlan(balanceCents / 100, count, { concession: concessionCents / 100 });
        const amounts = plan.instalments.map((i) => i.amount);
        expect(plan.instalments).toHaveLength(count);
        expect(plan.instalments.map((i) => i.number)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
        expect(sumCents(amounts)).toBe(balanceCents - concessionCents);
        expect(cents(plan.total)).toBe(balanceCents - concessionCents);
        expect(cents(plan.concession)).toBe(concessionCents);
        for (const a of amounts) {
          expect(a).toBeGreaterThanOrEqual(0);
          expect(Number(a.toFixed(2))).toBe(a); // whole cents
        }
        // The shape: equal instalments, then at most one partly reduced, then emptied ones; the last keeps
        // the rounding remainder unless the concession reached it.
        const each = Math.floor(balanceCents / count);
        const c = amounts.map(cents);
        let j = 0;
        while (j < count - 1 && c[j] === each) j++;
        if (j < count - 1) {
          expect(c[j]).toBeLessThan(each);
          expect(c.slice(j + 1)).toEqual(Array(count - 1 - j).fill(0));
        } else {
          expect(c[count - 1]).toBe(each + (balanceCents % count) - concessionCents);
        }
      }),
    );
  });

  it("has all instalments but the last equal whenever the concession fits in the last (always at 20 or fewer instalments)", () => {
    fc.assert(
      fc.property(planInput(20), ({ balanceCents, count, concessionCents }) => {
        const amounts = instalmentPlan(balanceCents / 100, count, { concession: concessionCents / 100 }).instalments.map((i) =>
          cents(i.amount),
        );
        const each = Math.floor(balanceCents / count);
        expect(amounts.slice(0, -1)).toEqual(Array(count - 1).fill(each));
        expect(amounts[count - 1]).toBe(each + (balanceCents % count) - concessionCents);
        expect(amounts[count - 1]).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("without a concession, all instalments but the last are equal and the last differs by the remainder only", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e13 }), fc.integer({ min: 1, max: 24 }), (balanceCents, count) => {
        fc.pre(balanceCents >= count);
        const amounts = instalmentPlan(balanceCents / 100, count).instalments.map((i) => cents(i.amount));
        const each = Math.floor(balanceCents / count);
        expect(amounts.slice(0, -1)).toEqual(Array(count - 1).fill(each));
        expect(amounts[count - 1]).toBe(each + (balanceCents % count));
      }),
    );
  });
});

describe("cash-flow fit (rules.md section 4)", () => {
  it("the article's 100,000 a month fits the debtor's 150,000 of free cash flow", () => {
    const fit = cashFlowFit(100_000, 150_000);
    expect(fit.fits).toBe(true);
    expect(fit.share).toBeCloseTo(2 / 3, 12);
    expect(fit.reasons).toEqual([
      {
        code: "fits",
        en: "instalment 100,000 is 66.67% of the free cash flow 150,000, within the 80% limit (120,000)",
        zh: "每期 100,000 占可支配现金流 150,000 的 66.67%，未超过 80% 上限（120,000）",
      },
    ]);
  });

  it("fits exactly at the limit, not one cent above, compared on decimal values", () => {
    expect(cashFlowFit(120_000, 150_000).fits).toBe(true);
    expect(cashFlowFit(120_000.01, 150_000).fits).toBe(false);
    expect(cashFlowFit(120_000.01, 150_000).reasons[0].code).toBe("too-large");
    expect(cashFlowFit(120_000.01, 150_000).reasons[0].en).toBe(
      "instalment 120,000.01 is 80% of the free cash flow 150,000, above the 80% limit (120,000)",
    );
    // 0.8 x 0.3 is 0.24000000000000002 in binary, exactly 0.24 in decimal
    expect(cashFlowFit(0.24, 0.3).fits).toBe(true);
    expect(cashFlowFit(0.24, 0.3, withOverrides({ planMaxCashFlowShare: 0.7 })).fits).toBe(false);
    expect(cashFlowFit(0, 1).fits).toBe(true);
  });

  it("nothing fits without free cash flow", () => {
    for (const fcf of [0, -5000]) {
      const fit = cashFlowFit(1, fcf);
      expect(fit.fits).toBe(false);
      expect(fit.share).toBe(Number.POSITIVE_INFINITY);
      expect(fit.reasons[0].code).toBe("no-cash-flow");
    }
    expect(cashFlowFit(0, 0).fits).toBe(false);
    expect(cashFlowFit(1, -5000).reasons[0].en).toBe("no free cash flow (-5,000): no instalment fits");
  });

  it("gives the largest instalment that fits, rounded down to the cent", () => {
    expect(largestInstalmentThatFits(150_000)).toBe(120_000);
    expect(largestInstalmentThatFits(100.01)).toBe(80); // 80.008
    expect(largestInstalmentThatFits(0.3)).toBe(0.24);
    expect(largestInstalmentThatFits(0.01)).toBe(0); // 0.008
    expect(largestInstalmentThatFits(0)).toBe(0);
    expect(largestInstalmentThatFits(-1)).toBe(0);
    expect(largestInstalmentThatFits(150_000, withOverrides({ planMaxCashFlowShare: 0.5 }))).toBe(75_000);
  });

  it("finds the fewest instalments that fit", () => {
    expect(instalmentsNeeded(1_200_000, 150_000)).toBe(10); // 10 x 120,000: the article's debtor paid off in month 10
    expect(instalmentsNeeded(1_200_000, 1_500_000)).toBe(1);
    expect(instalmentsNeeded(1_200_000, 62_500)).toBe(24); // 24 x 50,000 = 80% of 62,500
    expect(() => instalmentsNeeded(1_200_000, 62_499.99)).toThrow(
      /^free_cash_flow: 62,499.99 fits instalments of at most 49,999.99: 1,200,000 would need more than 24 instalments/,
    );
    // 100 / 3: 33.33, 33.33, 33.34; the last must fit too
    expect(instalmentsNeeded(100, 41.675)).toBe(3); // 80% = 33.34
    expect(instalmentsNeeded(100, 41.67)).toBe(4); // 80% = 33.336 -> 33.33: 3 do not fit, 4 x 25 do
  });

  it("agrees with the plan and cashFlowFit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 1, max: 1e10 }), (balanceCents, fcfCents) => {
        const balance = balanceCents / 100;
        const fcf = fcfCents / 100;
        let n: number;
        try {
          n = instalmentsNeeded(balance, fcf);
        } catch (error) {
          expect((error as RuleError).argument).toBe("free_cash_flow");
          // (a balance of under 24 cents cannot be split into 24 instalments of at least a cent)
          const largest = Math.max(...instalmentPlan(balance, Math.min(24, balanceCents)).instalments.map((i) => i.amount));
          expect(cashFlowFit(largest, fcf).fits).toBe(false);
          return;
        }
        const largest = Math.max(...instalmentPlan(balance, n).instalments.map((i) => i.amount));
        expect(cashFlowFit(largest, fcf).fits).toBe(true);
        expect(largest).toBeLessThanOrEqual(largestInstalmentThatFits(fcf));
        for (let k = 1; k < n; k++) {
          expect(cashFlowFit(Math.max(...instalmentPlan(balance, k).instalments.map((i) => i.amount)), fcf).fits).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["instalment", () => cashFlowFit(-1, 100), "instalment: -1 must be an amount >= 0"],
    ["instalment", () => cashFlowFit(Number.NaN, 100), "instalment: NaN must be an amount >= 0"],
    ["free_cash_flow", () => cashFlowFit(1, Number.NaN), "free_cash_flow: NaN is not an amount"],
    ["free_cash_flow", () => cashFlowFit(1, Number.POSITIVE_INFINITY), "free_cash_flow: Infinity is not an amount"],
    ["free_cash_flow", () => largestInstalmentThatFits(Number.NaN), "free_cash_flow: NaN is not an amount"],
    ["free_cash_flow", () => instalmentsNeeded(1000, 0), "free_cash_flow: 0 leaves nothing for instalments; it must be above 0"],
    ["free_cash_flow", () => instalmentsNeeded(1000, -10), "free_cash_flow: -10 leaves nothing for instalments"],
    ["balance", () => instalmentsNeeded(0, 1000), "balance: 0 must be above 0"],
  ])("refuses a bad %s", (argument, call, message) => {
    const error = ruleError(call);
    expect(error.argument).toBe(argument);
    expect(error.message.startsWith(message)).toBe(true);
  });
});

describe("the largest fitting instalment agrees with cashFlowFit (AR.PLAN's fits column relies on it)", () => {
  it("for any amount and free cash flow in cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: -1e6, max: 1e10 }), (amountCents, flowCents) => {
        const amount = amountCents / 100;
        const flow = flowCents / 100;
        const byLimit = flow > 0 && amount <= largestInstalmentThatFits(flow);
        expect(byLimit).toBe(cashFlowFit(amount, flow).fits);
      }),
    );
  });
});

describe("the instalment proposal's sizing rule (rules.md section 4)", () => {
  it("reproduces the article's plan for the article's debtor: 1,200,000 owed, 150,000 free cash flow a month", () => {
    const p = proposeInstalments(1_200_000, 150_000);
    // ceiling 70% x 150,000 = 105,000: 11 instalments would be 109,090.91, 12 are 100,000
    expect(p.ceiling).toBe(105_000);
    expect(p.count).toBe(12);
    expect(p.instalments.map((i) => i.amount)).toEqual([...new Array(11).fill(100_000), 50_000]);
    expect(p.concession).toBe(50_000);
    expect(p.total).toBe(1_150_000);
    expect(p.reasons[0].en).toBe("12 instalments of 100,000, the last reduced by 50,000 (concession): total 1,150,000");
    // the same plan as AR.PLAN(1200000, 12, 50000), and it fits the cash flow
    expect(p.instalments).toEqual(instalmentPlan(1_200_000, 12, { concession: 50_000 }).instalments);
    expect(cashFlowFit(100_000, 150_000).fits).toBe(true);
  });

  it("halves the last instalment within 5% of the balance, to the cent", () => {
    // 1,500,000 with 360,000: ceiling 252,000 -> 6 x 250,000; half of one is 125,000, above 5% (75,000)
    const capped = proposeInstalments(1_500_000, 360_000);
    expect([capped.count, capped.concession, capped.total]).toEqual([6, 75_000, 1_425_000]);
    // 100,000.01 with 10,000: ceiling 7,000 -> 15 instalments of 6,666.66, the last 6,666.77 before the
    // concession of half an instalment, 3,333.33 (within 5,000.00)
    const odd = proposeInstalments(100_000.01, 10_000);
    expect(odd.count).toBe(15);
    expect(odd.instalments[0].amount).toBe(6_666.66);
    expect(odd.concession).toBe(3_333.33);
    expect(odd.instalments[14].amount).toBe(3_333.44);
    expect(odd.total).toBe(96_666.68);
    // one instalment: the concession stays within 5% of the balance
    expect(proposeInstalments(1_000, 10_000)).toMatchObject({ count: 1, concession: 50, total: 950 });
  });

  it("follows the policy, never above the share within which an instalment fits", () => {
    expect(proposeInstalments(1_200_000, 150_000, withOverrides({ planProposalCashFlowShare: 0.8 })).count).toBe(10);
    // a proposal share above planMaxCashFlowShare is held to it: 50% of 150,000 = 75,000 -> 16 instalments
    expect(proposeInstalments(1_200_000, 150_000, withOverrides({ planMaxCashFlowShare: 0.5 })).count).toBe(16);
    expect(proposeInstalments(1_200_000, 150_000, withOverrides({ planLastInstalmentConcession: 0 })).total).toBe(1_200_000);
  });

  it("refuses a free cash flow that cannot carry a plan, naming it", () => {
    expectRuleError(() => proposeInstalments(600_000, 1_000), "free_cash_flow", "free_cash_flow: 1,000 fits instalments of at most 700");
    expectRuleError(() => proposeInstalments(600_000, 0), "free_cash_flow", "free_cash_flow: 0 leaves nothing for instalments");
    expectRuleError(() => proposeInstalments(0, 1_000), "balance", "balance: 0 must be above 0");
  });

  it("adds up exactly to the cent: balance - concession, each instalment within the ceiling", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1e10 }), fc.integer({ min: 1e4, max: 1e9 }), (balanceCents, cashCents) => {
        let p;
        try {
          p = proposeInstalments(balanceCents / 100, cashCents / 100);
        } catch (e) {
          expect((e as RuleError).argument).toBe("free_cash_flow");
          return;
        }
        expect(sumCents(p.instalments.map((i) => i.amount))).toBe(balanceCents - cents(p.concession));
        expect(cents(p.total)).toBe(balanceCents - cents(p.concession));
        for (const i of p.instalments) expect(cents(i.amount)).toBeLessThanOrEqual(cents(p.ceiling));
        expect(cents(p.concession)).toBeLessThanOrEqual(Math.floor(balanceCents * 0.05));
      }),
      { numRuns: 300 },
    );
  });
});
