import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { amountToCents, MAX_AMOUNT, MAX_AMOUNT_TEXT, moneyTimes, notAbove, roundMoney, sumMoney } from "../../src/core/money.js";
import { readAmount, readNumber } from "../../src/core/input.js";

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
  it("amountToCents rounds the decimal value half away from zero", () => {
    expect(amountToCents(1.005, "x")).toBe(101);
    expect(amountToCents(1200000, "x")).toBe(120000000);
    expect(() => amountToCents(-1, "balance")).toThrow(/^balance: -1 must be an amount >= 0/);
  });

  it("mulDivCents agrees with exact decimal arithmetic", async () => {
    const { mulDivCents } = await import("../../src/core/money.js");
    // Precision 40: the default 20 digits round a product of 24 digits, and the "exact" side would be wrong.
    const Decimal = (await import("decimal.js")).default.clone({ precision: 40 });
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(1e12), fc.integer({ min: 1, max: 1e13 }), (a, b, c) => {
        const exact = new Decimal(a).times(b).div(c).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
        expect(mulDivCents(a, b, c)).toBe(exact);
      }),
    );
    expect(mulDivCents(5, 1, 2)).toBe(3); // a tie rounds up
    expect(mulDivCents(999_999_999_998, 999_999_999_974, 9_999_999_999_970)).toBe(99_999_999_997); // once a flaky counterexample
  });
});

describe("moneyTimes agrees with exact decimal arithmetic", () => {
  it("on amounts in cents times rates of up to 6 decimals, ties included", async () => {
    const Decimal = (await import("decimal.js")).default;
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.integer({ min: 0, max: 1_000_000 }), (cents, micros) => {
        const amount = cents / 100;
        const rate = micros / 1e6;
        const exact = new Decimal(String(amount))
          .times(new Decimal(String(rate)))
          .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
          .toNumber();
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

describe("the one bound on amounts (issue 9, item 6)", () => {
  it("is the largest amount whose cents are a safe integer, stated exactly", () => {
    expect(MAX_AMOUNT * 100).toBe(Number.MAX_SAFE_INTEGER);
    expect(Number(MAX_AMOUNT_TEXT.replace(/,/g, ""))).toBe(MAX_AMOUNT);
    expect(amountToCents(MAX_AMOUNT, "x")).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
  });

  it("refuses the same amounts in readAmount and amountToCents, with the same message", () => {
    expect(readAmount(MAX_AMOUNT, "balance")).toBe(MAX_AMOUNT);
    expect(readAmount("90071992547409.91", "balance")).toBe(MAX_AMOUNT);
    expect(() => readAmount(1e308, "balance")).toThrow(/^balance: 1e\+308 is above the largest amount handled, 90,071,992,547,409\.91$/);
    expect(() => amountToCents(1e308, "balance")).toThrow(/^balance: 1e\+308 is above the largest amount handled, 90,071,992,547,409\.91$/);
    expect(() => readAmount(90071992547410, "claim")).toThrow(/^claim: 90071992547410 is above the largest amount handled/);
  });

  it("refuses texts that read as Infinity or are not numbers, naming the argument", () => {
    expect(() => readAmount("1e999", "amount")).toThrow('amount: "1e999" is too large a number');
    expect(() => readNumber("-1e999", "x")).toThrow('x: "-1e999" is too large a number');
    expect(() => readAmount("Infinity", "amount")).toThrow('amount: "Infinity" is not a number');
    expect(() => readAmount("NaN", "amount")).toThrow('amount: "NaN" is not a number');
    expect(() => readAmount(Number.POSITIVE_INFINITY, "amount")).toThrow("amount: Infinity is not a number");
    expect(() => readAmount(Number.NaN, "amount")).toThrow("amount: NaN is not a number");
  });
});

describe("notAbove: never more than the amount as entered (issue 9, item 9)", () => {
  it("rounds down what rounding up would put above the entered amount", () => {
    expect(notAbove(roundMoney(0.005), 0.005)).toBe(0);
    expect(notAbove(roundMoney(1.005), 1.005)).toBe(1);
    expect(notAbove(roundMoney(1234.565), 1234.565)).toBe(1234.56);
    expect(notAbove(roundMoney(0.29), 0.29)).toBe(0.29);
    expect(notAbove(5, 10)).toBe(5);
  });
});
