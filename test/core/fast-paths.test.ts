// The core's hand-written fast paths agree with the exact slow paths they stand in for: amounts formatted
// as Intl.NumberFormat formats them once rounded as Excel rounds them (roundMoney), the plan's integer floors as decimal.js computes them, and
// days of the month as before.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Decimal from "decimal.js";
import { formatAmount } from "../../src/core/format.js";
import { roundMoney } from "../../src/core/money.js";
import { daysInMonth, isLeapYear } from "../../src/core/dates.js";
import { instalmentPlan, instalmentsNeeded, largestInstalmentThatFits } from "../../src/core/plan.js";
import { DEFAULT_POLICY, withOverrides } from "../../src/core/policy.js";

const intl = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Amounts of every kind: whole, in cents, half cents (ties), long fractions, tiny and huge. */
const amounts: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 53 }),
  fc.integer({ min: 0, max: 1e15 }).map((c) => c / 100),
  fc.integer({ min: 0, max: 1e14 }).map((c) => (2 * c + 1) / 200), // x.xx5: a tie on its decimal value
  fc.integer({ min: 0, max: 1e15 }).map((m) => m / 1000),
  fc.double({ min: 0, max: 1e16, noNaN: true }),
  fc.double({ min: 1e-9, max: 1, noNaN: true }),
  fc.double({ noNaN: true }),
  // 9999999999999.995 is not a double on purpose: it reads as the nearest one, as Excel's cell would hold it.
  fc.constantFrom(
    0,
    -0,
    1e-6,
    9.99e-7,
    0.005,
    0.004999999,
    1.005,
    2.675,
    999.995,
    1e13,
    1e13 - 0.005,
    // eslint-disable-next-line no-loss-of-precision
    9999999999999.995,
    0.1 + 0.2,
    Infinity,
    -Infinity,
    NaN,
    -1.005,
    -0.001,
    12.5 * 1.13,
    -(12.5 * 1.13),
    1234567890123.125,
    12345678901234.56,
  ),
);

describe("formatAmount", () => {
  it("equals Intl.NumberFormat (en-US, at most two decimals) of the amount rounded as Excel rounds it", () => {
    fc.assert(
      fc.property(amounts, (x) => {
        expect(formatAmount(x)).toBe(intl.format(Number.isFinite(x) ? roundMoney(x) : x));
      }),
      { numRuns: 20_000 },
    );
  });

  it("rounds the decimal the amount was typed as, half away from zero, and groups thousands", () => {
    expect([12.5 * 1.13, -(12.5 * 1.13), 1234567890123.125].map(formatAmount)).toEqual(["14.13", "-14.13", "1,234,567,890,123.13"]);
    expect([1.005, 2.675, 999.995, 1234567.891, 0.125, 1e-6, 100, 1200000].map(formatAmount)).toEqual([
      "1.01",
      "2.68",
      "1,000",
      "1,234,567.89",
      "0.13",
      "0",
      "100",
      "1,200,000",
    ]);
  });
});

describe("plan: the integer floors equal decimal.js's", () => {
  /** A share of the free cash flow: above 0, up to 1. */
  const rate = fc.oneof(
    fc.integer({ min: 1, max: 1_000_000 }).map((m) => m / 1e6),
    fc.double({ min: 1e-9, max: 1, noNaN: true }),
    fc.constantFrom(1, 0.8, 0.05, 1 / 3, 0.1 + 0.7),
  );
  const cashFlows = fc.oneof(
    fc.integer({ min: 1, max: 1e12 }).map((c) => c / 100),
    fc.integer({ min: 1, max: 1e9 }),
    fc.double({ min: 0.001, max: 1e14, noNaN: true }),
    fc.constantFrom(150_000, 0.01, 0.015, 1e13, 1e13 - 0.01, 90_071_992_547.41),
  );

  it("largestInstalmentThatFits is floor(share x free cash flow) to the cent, exactly", () => {
    fc.assert(
      fc.property(rate, cashFlows, (share, fcf) => {
        const policy = withOverrides({ planMaxCashFlowShare: share });
        const exact = new Exact(share).times(fcf).times(100).floor().toNumber() / 100;
        expect(largestInstalmentThatFits(fcf, policy)).toBe(exact);
      }),
      { numRuns: 5_000 },
    );
  });

  it("instalmentsNeeded and the concession limit follow the exact floors", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e11 }),
        fc.integer({ min: 0, max: 1_000_000 }).map((m) => m / 1e6),
        rate,
        cashFlows,
        (cents, concessionRate, share, fcf) => {
          const balance = cents / 100;
          const policy = withOverrides({ planMaxConcessionRate: concessionRate, planMaxCashFlowShare: share });
          // the concession limit: floor(rate x balance in cents); one cent more is refused
          const limit = new Exact(concessionRate).times(cents).floor().toNumber();
          if (limit > 0 && limit < cents) {
            expect(instalmentPlan(balance, 1, { concession: limit / 100 }, policy).concession).toBe(limit / 100);
          }
          if (limit + 1 < cents)
            expect(() => instalmentPlan(balance, 1, { concession: (limit + 1) / 100 }, policy)).toThrow(/above the policy limit/);
          // instalments needed: the fewest whose largest fits floor(share x fcf) in cents
          const fitting = new Exact(share).times(fcf).times(100).floor().toNumber();
          let expected: number | null = null;
          for (let n = 1; n <= policy.planMaxInstalments; n++) {
            if (cents - (n - 1) * Math.floor(cents / n) <= fitting) {
              expected = n;
              break;
            }
          }
          if (expected === null) expect(() => instalmentsNeeded(balance, fcf, policy)).toThrow(/free_cash_flow/);
          else expect(instalmentsNeeded(balance, fcf, policy)).toBe(expected);
        },
      ),
      { numRuns: 3_000 },
    );
    expect(instalmentsNeeded(1_200_000, 150_000, DEFAULT_POLICY)).toBe(10);
  });
});

describe("daysInMonth", () => {
  it("gives every month's length, and nothing for a month that does not exist", () => {
    for (let year = 1896; year <= 2104; year++) {
      for (let month = 1; month <= 12; month++) {
        const length = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
        expect(daysInMonth(year, month)).toBe(length);
      }
    }
    expect(daysInMonth(2025, 0)).toBeUndefined();
    expect(daysInMonth(2025, 13)).toBeUndefined();
  });
});
