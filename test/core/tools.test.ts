import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { factoring, insurancePayout, insurancePremium } from "../../src/core/tools.js";

describe("factoring with recourse (rules.md section 6)", () => {
  it("reproduces the articles", () => {
    expect(factoring(1_000_000)).toEqual({ advance: 800_000, reserve: 200_000, fee: 20_000, net: 980_000 });
    expect(factoring(1_500_000).advance).toBe(1_200_000); // 1.5M overdue 30 days -> 1.2M cash
  });

  it("takes other rates and rounds to the cent", () => {
    expect(factoring(1234.57, 0.85, 0.03)).toEqual({ advance: 1049.38, reserve: 185.19, fee: 37.04, net: 1197.53 });
  });

  it.each([
    [0, 0.02, /^advance_rate: 0 is not a rate above 0/],
    [1.2, 0.02, /^advance_rate: /],
    [0.8, -0.01, /^fee_rate: -0.01 is not a fee rate/],
    [0.9, 0.2, /^advance_rate: 90% plus the fee rate 20% is more than 100% of the receivable: at most 80%$/],
    [1, 0.02, /^advance_rate: 100% plus the fee rate 2% is more than 100% of the receivable: at most 98%$/],
  ])("refuses advance %s / fee %s", (advance, fee, pattern) => {
    expect(() => factoring(1000, advance, fee)).toThrow(pattern);
  });

  it("advance + reserve is the amount exactly, the fee never above it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }).map((c) => c / 100),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 20 }),
        (amount, a, f) => {
          fc.pre(a + f <= 100);
          const r = factoring(amount, a / 100, f / 100);
          expect(Math.round(r.advance * 100) + Math.round(r.reserve * 100)).toBe(Math.round(amount * 100));
          expect(r.fee).toBeLessThanOrEqual(amount);
          expect(r.net).toBeGreaterThanOrEqual(r.advance - 0.01);
        },
      ),
    );
  });
});

describe("trade credit insurance (rules.md section 6)", () => {
  it("pays 80% of the loss by default", () => {
    expect(insurancePayout(800_000)).toBe(640_000); // the chemical firm
    expect(insurancePayout(800_000, 0.9)).toBe(720_000);
  });

  it("prices the premium", () => {
    expect(insurancePremium(10_000_000)).toBe(100_000);
    expect(insurancePremium(10_000_000, 0.005)).toBe(50_000);
    expect(insurancePremium(333.33, 0.015)).toBe(5); // 4.99995 -> 5.00
  });

  it("refuses bad rates naming the argument", () => {
    expect(() => insurancePayout(100, 0)).toThrow(/^rate: /); // AR.INSURE's argument is `rate`
    expect(() => insurancePremium(100, 1.5)).toThrow(/^rate: /);
  });
});
