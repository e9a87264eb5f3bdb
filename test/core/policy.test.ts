import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY,
  policyChanges,
  readPolicy,
  validatePolicy,
  withCurrency,
  withOverrides,
  type Policy,
} from "../../src/core/policy.js";

describe("policy", () => {
  it("has the rulebook's defaults", () => {
    expect(DEFAULT_POLICY.smallAmountLimit).toBe(50_000);
    expect(DEFAULT_POLICY.largeAmountThreshold).toBe(500_000);
    expect(DEFAULT_POLICY.creditTermDays).toEqual({ A: 30, B: 15, C: 0 });
    expect(DEFAULT_POLICY.agingEdges).toEqual([30, 60, 90]);
    expect(DEFAULT_POLICY.warningDays).toEqual([30, 60, 90]);
    expect(DEFAULT_POLICY.settlementTiers).toEqual([
      { days: 10, rate: 0.9 },
      { days: 20, rate: 0.95 },
    ]);
    expect(DEFAULT_POLICY.overdueGraceDays).toBe(0);
    expect(validatePolicy(DEFAULT_POLICY)).toBe(DEFAULT_POLICY);
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
  });

  it.each<[Partial<Policy>, RegExp]>([
    [{ smallAmountLimit: -1 }, /^smallAmountLimit: -1 must be an amount >= 0/],
    [{ smallAmountLimit: Number.NaN }, /^smallAmountLimit: /],
    [{ largeAmountThreshold: 10 }, /^largeAmountThreshold: must not be below smallAmountLimit/],
    [{ creditTermDays: { A: 30, B: -15, C: 0 } }, /^creditTermDays\.B: -15 must be a whole number of days/],
    [{ creditTermDays: { A: 30.5, B: 15, C: 0 } }, /^creditTermDays\.A: /],
    [{ agingEdges: [30, 30, 90] }, /^agingEdges: edges must increase/],
    [{ agingEdges: [] }, /^agingEdges: needs at least one edge/],
    [{ warningDays: [60, 30, 90] }, /^warningDays: must increase/],
    [{ warningDays: [0, 30, 90] }, /^warningDays: must be >= 1 day/],
    [{ overdueGraceDays: 366 }, /^overdueGraceDays: 366 must be a whole number from 0 to 365/],
    [{ overdueGraceDays: 2.5 }, /^overdueGraceDays: 2.5 must be a whole number from 0 to 365/],
    [{ settlementTiers: [{ days: 10, rate: 1.2 }] }, /^settlementTiers: rate 1.2 is not in \(0, 1\]/],
    [
      {
        settlementTiers: [
          { days: 10, rate: 0.95 },
          { days: 20, rate: 0.9 },
        ],
      },
      /^settlementTiers: a later tier cannot have a lower rate/,
    ],
  ])("refuses %j naming the field", (overrides, pattern) => {
    expect(() => withOverrides(overrides)).toThrow(pattern);
  });

  it("takes consistent overrides and keeps the rest", () => {
    const p = withOverrides({ smallAmountLimit: 80_000, agingEdges: [30, 60, 90, 120] });
    expect(p.smallAmountLimit).toBe(80_000);
    expect(p.agingEdges).toEqual([30, 60, 90, 120]);
    expect(p.settlementTiers).toBe(DEFAULT_POLICY.settlementTiers);
  });
});

describe("policy: overdueGraceDays (payment history grace)", () => {
  it("is read from a stored policy, missing in an older one", () => {
    expect(readPolicy({}).overdueGraceDays).toBe(0);
    expect(readPolicy({ overdueGraceDays: 5 }).overdueGraceDays).toBe(5);
    expect(() => readPolicy({ overdueGraceDays: "5" })).toThrow(/^overdueGraceDays: "5" is not a number/);
    expect(policyChanges(withOverrides({ overdueGraceDays: 3 }))).toEqual({ overdueGraceDays: 3 });
  });
});

describe("policy settings of issue 11 (rules applied where they belong)", () => {
  it("has their defaults: ladder from level 1, the proposal's 70% and half an instalment, the article's future benefit", () => {
    expect(DEFAULT_POLICY).toMatchObject({
      settlementFromLevel: 1,
      planProposalCashFlowShare: 0.7,
      planLastInstalmentConcession: 0.5,
      futureBenefitOffered: true,
      futureBenefitDays: 30,
      futureBenefitExtraDays: 15,
      futureBenefitDiscountRate: 0.01,
    });
  });

  it("refuses bad values, naming the field", () => {
    const refused = (overrides: Partial<Policy>) => {
      try {
        withOverrides(overrides);
      } catch (e) {
        return (e as { argument: string }).argument;
      }
      return "accepted";
    };
    expect(refused({ settlementFromLevel: 4 })).toBe("settlementFromLevel");
    expect(refused({ settlementFromLevel: 0 })).toBe("accepted");
    expect(refused({ planProposalCashFlowShare: 0 })).toBe("planProposalCashFlowShare");
    expect(refused({ planLastInstalmentConcession: 1.5 })).toBe("planLastInstalmentConcession");
    expect(refused({ futureBenefitOffered: "yes" as unknown as boolean })).toBe("futureBenefitOffered");
    expect(refused({ futureBenefitDays: 0 })).toBe("futureBenefitDays");
    expect(refused({ futureBenefitExtraDays: 0, futureBenefitDiscountRate: 0 })).toBe("futureBenefitDiscountRate");
    expect(refused({ futureBenefitOffered: false, futureBenefitExtraDays: 0, futureBenefitDiscountRate: 0 })).toBe("accepted");
  });

  it("reads them from a stored policy, older policies taking the defaults", () => {
    expect(readPolicy({}).futureBenefitOffered).toBe(true);
    expect(readPolicy({ futureBenefitOffered: false, settlementFromLevel: 2 })).toMatchObject({
      futureBenefitOffered: false,
      settlementFromLevel: 2,
    });
    expect(() => readPolicy({ futureBenefitOffered: 1 })).toThrow(/futureBenefitOffered: 1 is not true or false/);
    expect(policyChanges(withOverrides({ futureBenefitExtraDays: 20 }))).toEqual({ futureBenefitExtraDays: 20 });
  });
});

describe("policy: the workbook's currency (issue 12)", () => {
  it("defaults to CNY, which a workbook does not store", () => {
    expect(DEFAULT_POLICY.currency).toBe("CNY");
    expect(policyChanges(DEFAULT_POLICY)).toEqual({});
    expect(policyChanges(withOverrides({ currency: "USD" }))).toEqual({ currency: "USD" });
  });

  it("reads a stored currency, and an older stored policy without one takes CNY", () => {
    expect(readPolicy({ currency: "EUR" }).currency).toBe("EUR");
    expect(readPolicy({ smallAmountLimit: 80_000 }).currency).toBe("CNY");
  });

  it.each<[unknown, string]>([
    ["usd", '"usd"'],
    ["US", '"US"'],
    ["USDT", '"USDT"'],
    ["", '""'],
    [840, "840"],
  ])("refuses %j naming the field, in both languages", (code, shown) => {
    const refusal = (() => {
      try {
        readPolicy({ currency: code });
      } catch (e) {
        return e as Error & { argument: string; detail: { en: string; zh: string } };
      }
      throw new Error("accepted");
    })();
    expect(refusal.argument).toBe("currency");
    expect(refusal.detail).toEqual({
      en: `${shown} is not a currency code of three upper-case letters (e.g. CNY, USD, EUR)`,
      zh: `${shown} 不是由三个大写字母组成的币种代码（如 CNY、USD、EUR）`,
    });
    expect(() => withOverrides({ currency: code as string })).toThrow(/^currency: /);
  });

  it("labels an amount with it", () => {
    expect(withCurrency("Balance", "CNY", "en")).toBe("Balance (CNY)");
    expect(withCurrency("余额", "USD", "zh")).toBe("余额（USD）");
  });
});
