import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  futureBenefit,
  futureBenefitWithheld,
  readSettlementTiers,
  settlementLadder,
  settlementOffer,
  settlementRate,
  settlementWithheld,
  settlementWithheldCode,
} from "../../src/core/settle.js";
import { DEFAULT_POLICY, withOverrides } from "../../src/core/policy.js";
import { expectRuleError } from "../support/rule-error.js";

describe("settlement ladder (rules.md section 4)", () => {
  it("reproduces the article examples", () => {
    expect(settlementOffer(1_000_000, 10)).toBe(900_000);
    expect(settlementOffer(1_000_000, 20)).toBe(950_000);
    expect(settlementOffer(1_000_000, 21)).toBe(1_000_000);
    expect(settlementOffer(800_000, 15)).toBe(760_000); // the food firm: 760,000 of 800,000 within 15 days
  });

  it("spills the whole ladder with the full balance last", () => {
    expect(settlementLadder(1_000_000)).toEqual([
      { days: 10, label: "10", rate: 0.9, amount: 900_000 },
      { days: 20, label: "20", rate: 0.95, amount: 950_000 },
      { days: null, label: ">20", rate: 1, amount: 1_000_000 },
    ]);
  });

  it("rounds offers to the cent on the decimal product", () => {
    expect(settlementOffer(100.01, 5)).toBe(90.01); // 90.009
    expect(settlementOffer(100.01, 15)).toBe(95.01); // 95.0095
    // The full balance is never more than the balance as entered: 1234.565 is offered as 1234.56.
    expect(settlementOffer(1234.565, 30)).toBe(1234.56);
    expect(settlementOffer(0.005, 23)).toBe(0);
    expect(settlementOffer(1.005, 5)).toBe(0.9); // 0.9045 rounds to 0.90, within the balance
    expect(settlementLadder(0.005).map((r) => r.amount)).toEqual([0, 0, 0]);
  });

  it("reads tiers as text or a two-column range", () => {
    expect(readSettlementTiers("10:0.90,20:0.95")).toEqual(DEFAULT_POLICY.settlementTiers);
    expect(readSettlementTiers("10：90%，20：95%")).toEqual([
      { days: 10, rate: 0.9 },
      { days: 20, rate: 0.95 },
    ]);
    expect(
      readSettlementTiers([
        [10, 0.9],
        [20, 0.95],
        ["", ""],
      ]),
    ).toEqual([
      { days: 10, rate: 0.9 },
      { days: 20, rate: 0.95 },
    ]);
    expect(readSettlementTiers([["10:0.9"]])).toEqual([{ days: 10, rate: 0.9 }]);
  });

  it.each([
    ["10:0.9,5:0.95", /days must increase/],
    ["10:0.95,20:0.9", /lower rate/],
    ["10:1.5", /not a rate between 0 and 1/],
    ["10:0", /rate 0 is not in \(0, 1\]/],
    ["10-0.9", /not days:rate/],
    ["", /needs at least one tier/],
    ["x:0.9", /"x" is not a number/],
  ])("refuses tiers %j", (text, pattern) => {
    expect(() => readSettlementTiers(text)).toThrow(/^tiers: /);
    expect(() => readSettlementTiers(text)).toThrow(pattern);
  });

  it("never offers more than the balance nor less than the lowest rate times the balance", () => {
    const tiers = fc.uniqueArray(fc.integer({ min: 0, max: 365 }), { minLength: 1, maxLength: 5 }).chain((days) =>
      fc.array(fc.integer({ min: 1, max: 100 }), { minLength: days.length, maxLength: days.length }).map((rates) => {
        const sortedDays = [...days].sort((a, b) => a - b);
        const sortedRates = [...rates].sort((a, b) => a - b);
        return sortedDays.map((d, i) => ({ days: d, rate: sortedRates[i] / 100 }));
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }).map((c) => c / 100),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        tiers,
        (balance, days, ladder) => {
          const offer = settlementOffer(balance, days, ladder);
          expect(offer).toBeLessThanOrEqual(balance);
          expect(offer).toBeGreaterThanOrEqual(Math.floor(ladder[0].rate * balance * 100) / 100);
          expect(Number(offer.toFixed(2))).toBe(offer); // whole cents
          expect(settlementRate(days, ladder)).toBeGreaterThanOrEqual(ladder[0].rate);
        },
      ),
    );
  });
});

describe("who is offered the ladder, and the future benefit (issue 11)", () => {
  it("offers the ladder from warning level 1, not before the due date, never to a debtor unable to pay", () => {
    expect(settlementWithheld(30, null)).toBeNull();
    expect(settlementWithheld(122, "temporary")).toBeNull();
    expect(settlementWithheld(29, "unclear")).toEqual({
      code: "no-offer-below-level",
      en: "no settlement offer: 29 days past due, below level 1 (30 days), from which the ladder is offered",
      zh: "不提供和解报价：逾期29天，未到一级预警（30天），该级起才提供报价",
    });
    expect(settlementWithheld(0, null)?.en).toBe("no settlement offer: not yet due");
    expect(settlementWithheld(153, "unable")?.en).toBe("no settlement offer: a debtor unable to pay gets the claim route, not a discount");
    expect(settlementWithheld(1, null, withOverrides({ settlementFromLevel: 0 }))).toBeNull();
    expect(settlementWithheld(61, null, withOverrides({ settlementFromLevel: 3 }))?.en).toBe(
      "no settlement offer: 61 days past due, below level 3 (90 days), from which the ladder is offered",
    );
  });

  it("the article's future benefit: the full balance within 30 days, 15 more days of credit and 1% off", () => {
    const b = futureBenefit(1_000_000);
    expect(b).toEqual({
      amount: 1_000_000,
      payWithinDays: 30,
      extraDays: 15,
      nextTermDays: null,
      discountRate: 0.01,
      reason: {
        code: "future-benefit",
        en: "pay 1,000,000 in full within 30 days: the next order gets 15 more days of credit and 1% off",
        zh: "30天内全额还清 1,000,000：下次合作账期延长15天，并给予1%折扣",
      },
    });
    expect(futureBenefit(600_000, 30).reason.en).toBe(
      "pay 600,000 in full within 30 days: the next order gets 15 more days of credit (45 days instead of 30) and 1% off",
    );
    expect(futureBenefit(600_000, 30).nextTermDays).toBe(45);
    // cash on delivery (grade C): the discount only
    expect(futureBenefit(620_000, 0)).toMatchObject({ extraDays: 0, nextTermDays: 0 });
    expect(futureBenefit(620_000, 0).reason.en).toBe(
      "pay 620,000 in full within 30 days: the next order gets 1% off (no extra credit: cash on delivery)",
    );
    expect(futureBenefit(1234.565).amount).toBe(1234.57);
    const policy = withOverrides({ futureBenefitDays: 45, futureBenefitExtraDays: 30, futureBenefitDiscountRate: 0 });
    expect(futureBenefit(1000, 15, policy).reason.en).toBe(
      "pay 1,000 in full within 45 days: the next order gets 30 more days of credit (45 days instead of 15)",
    );
  });

  it("refuses what it cannot offer, naming the argument", () => {
    expectRuleError(() => futureBenefit(0), "balance", "balance: 0 must be an amount above 0");
    expectRuleError(() => futureBenefit(100, 1.5), "term_days", "term_days: 1.5 is not a whole number of days >= 0");
    const noDiscount = withOverrides({ futureBenefitDiscountRate: 0 });
    expectRuleError(
      () => futureBenefit(100, 0, noDiscount),
      "futureBenefitDiscountRate",
      "futureBenefitDiscountRate: 0%: a cash-on-delivery customer",
    );
  });

  it("no future benefit for a willful debtor nor a temporarily distressed one", () => {
    expect(futureBenefitWithheld("willful")?.code).toBe("no-future-benefit-willful");
    expect(futureBenefitWithheld("temporary")?.code).toBe("no-future-benefit-temporary");
    expect(futureBenefitWithheld("unclear")).toBeNull();
    expect(futureBenefitWithheld(null)).toBeNull();
    expect(futureBenefitWithheld("willful", withOverrides({ futureBenefitOffered: false }))).toBeNull();
  });
});

describe("settlementWithheldCode", () => {
  it("is settlementWithheld's decision, without the text", () => {
    for (const days of [0, 1, 29, 30, 59, 60, 200])
      for (const profile of ["temporary", "willful", "unable", "unclear", null] as const) {
        const code = settlementWithheldCode(days, profile);
        const why = settlementWithheld(days, profile);
        expect(code === null ? null : `no-offer-${code}`).toBe(why === null ? null : why.code);
      }
  });
});
