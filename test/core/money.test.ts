import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { moneyTimes, roundMoney, sumMoney } from "../../src/core/money.js";

describe("roundMoney: half away from zero on the decimal value", () => {
  it.each([
    [1.005, 1.01], // binary 1.00499999999999989... : the typed decimal is a tie
    [2.675, 2.68],
    [1.015, 1.02],
    [0.125, 0.13],
    [-0.125, -0.13],
    [-2.675, -2.68],
    [0.004999, 0],
    [-0.004, 0], // +0, not -0
    [-0.005, -0.01],
    [1234567.885, 1234567.89],
    [100, 100],
    [0.1 + 0.2, 0.3],
    [1e-9, 0],
  ])("roundMoney(%s) = %s", (input, expected) => {
    expect(roundMoney(input)).toBe(expected);
  });

  it("refuses non-finite amounts", () => {
    expect(() => roundMoney(Number.NaN)).toThrow(/not a finite amount/);
    expect(() => roundMoney(Infinity)).toThrow(RangeError);
  });

  it("agrees with exact decimal rounding on random cents and half cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), fc.integer({ min: 0, max: 9 }), (millis, digit) => {
        // an amount with three decimals, written as text the way a user types it
        const thousandths = millis * 10 + digit;
        const text = `${thousandths < 0 ? "-" : ""}${Math.floor(Math.abs(thousandths) / 1000)}.${String(Math.abs(thousandths) % 1000).padStart(3, "0")}`;
        const abs = Math.abs(thousandths);
        const cents = Math.floor(abs / 10) + (abs % 10 >= 5 ? 1 : 0);
        const expected = (thousandths < 0 ? -cents : cents) / 100;
        expect(roundMoney(Number(text))).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});

describe("moneyTimes: the exact decimal product, rounded", () => {
  it.each([
    [100.01, 0.95, 95.01], // 95.0095 exactly
    [1000000, 0.9, 900000],
    [800000, 0.95, 760000],
    [1500000, 0.8, 1200000],
    [0.15, 0.5, 0.08], // 0.075
    [333.33, 0.015, 5], // 4.99995
  ])("%s x %s = %s", (amount, rate, expected) => {
    expect(moneyTimes(amount, rate)).toBe(expected);
  });
});

describe("sumMoney", () => {
  it("adds to the cent without drift", () => {
    expect(sumMoney(new Array(10).fill(0.1))).toBe(1);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
  });
});

describe("exact cents", () => {
  it("amountToCents rounds the decimal value half away from zero", async () => {
    const { amountToCents } = await import("../../src/core/money.js");
    expect(amountToCents(1.005, "x")).toBe(101);
    expect(amountToCents(1200000, "x")).toBe(120000000);
    expect(() => amountToCents(-1, "balance")).toThrow(/^balance: -1 must be an amount >= 0/);
  });

  it("mulDivCents agrees with exact decimal arithmetic", async () => {
    const { mulDivCents } = await import("../../src/core/money.js");
    const Decimal = (await import("decimal.js")).default;
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(1e12), fc.integer({ min: 1, max: 1e13 }), (a, b, c) => {
        const exact = new Decimal(a).times(b).div(c).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
        expect(mulDivCents(a, b, c)).toBe(exact);
      }),
    );
    expect(mulDivCents(5, 1, 2)).toBe(3); // a tie rounds up
  });
});

describe("moneyTimes agrees with exact decimal arithmetic", () => {
  it("on amounts in cents times rates of up to 6 decimals, ties included", async () => {
    const Decimal = (await import("decimal.js")).default;
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.integer({ min: 0, max: 1_000_000 }), (cents, micros) => {
        const amount = cents / 100;
        const rate = micros / 1e6;
        const exact = new Decimal(String(amount)).times(new Decimal(String(rate))).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
        expect(moneyTimes(amount, rate)).toBe(exact === 0 ? 0 : exact);
      }),
      { numRuns: 20_000 },
    );
  });

  it("on half-cent ties that the binary product hides", () => {
    expect(moneyTimes(0.01, 0.5)).toBe(0.01); // 0.005
    expect(moneyTimes(-0.01, 0.5)).toBe(-0.01);
    expect(moneyTimes(1234.57, 0.9)).toBe(1111.11); // 1111.113
    expect(moneyTimes(100.01, 0.95)).toBe(95.01); // 95.0095
  });
});
