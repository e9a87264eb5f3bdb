import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import {
  amountToCents,
  MAX_AMOUNT,
  MAX_AMOUNT_TEXT,
  moneyTimes,
  mulDivCents,
  notAbove,
  roundMoney,
  sumMoney,
} from "../../src/core/money.js";
import { readAmount, readNumber } from "../../src/core/input.js";

/**
 * Excel's ROUND(x, 2), stated here on its own (the core works on the exact binary fraction instead): the
 * text of x to 15 significant digits (toPrecision rounds the exact value of the double, ties away from
 * zero), then that text half away from zero to the cent, in BigInt cents. From 1e12 on, 15 digits are no
 * finer than the cent, and the exact value is rounded (toFixed(2): exact, ties away from zero).
 */
function excelRound(x: number): number {
  if (Math.abs(x) < 1e-6) return 0; // far below half a cent (and toPrecision would write an exponent)
  const text = Math.abs(x) < 1e12 ? x.toPrecision(15) : x.toFixed(2);
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const decimals = fraction.padEnd(3, "0");
  let cents = BigInt(whole) * 100n + BigInt(decimals.slice(0, 2));
  if (decimals.charCodeAt(2) >= 53) cents += 1n; // a third decimal of 5 or more: half a cent or more, up
  if (cents === 0n) return 0;
  return Number(`${negative ? "-" : ""}${cents}e-2`);
}

/** The rule the core had before (issue 11): the shortest decimal that reads back as the double, rounded. */
function shortestDecimalRound(x: number): number {
  const [whole, fraction = ""] = String(x).split(".");
  const decimals = fraction.padEnd(3, "0");
  const cents = BigInt(whole) * 100n + BigInt(decimals.slice(0, 2)) + (decimals.charCodeAt(2) >= 53 ? 1n : 0n);
  return Number(`${cents}e-2`);
}

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
    [12.5 * 1.13, 14.13], // 14.124999999999998 in binary, 14.125 as Excel shows it
    [-(12.5 * 1.13), -14.13],
    [14.125000000000002, 14.13],
    [1.0049999999999997, 1.01], // 1.00500000000000 to 15 digits
    [0.28500000000000003, 0.29],
    [1234567890.0049, 1234567890], // 15 digits: 1234567890.00490, below the half cent
    [123456789012.345, 123456789012.35], // exactly 15 significant digits: shown as is, the tie rounds away
    [-123456789012.345, -123456789012.35],
    [12345678901.235, 12345678901.24],
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

describe("Excel's rule (issue 11, point 5)", () => {
  it("12.5 x 1.13 is 14.13, as Excel and LibreOffice give it", () => {
    expect(moneyTimes(12.5, 1.13)).toBe(14.13);
    expect(roundMoney(12.5 * 1.13)).toBe(14.13);
    expect(excelRound(12.5 * 1.13)).toBe(14.13);
  });

  it("rounds every half-cent amount up to 20,000 grossed up by 13% VAT as Excel does (the old rule missed 12,022)", () => {
    let count = 0;
    let differences = 0;
    let oldDifferences = 0;
    // x.50 x 1.13 ends in 5 at the third decimal: the 20,000 half-cent results among all cent amounts up to 20,000.
    for (let cents = 50; cents <= 2_000_000; cents += 100) {
      const gross = (cents / 100) * 1.13; // what Excel's multiplication holds
      const excel = excelRound(gross);
      count++;
      if (moneyTimes(cents / 100, 1.13) !== excel || roundMoney(gross) !== excel) differences++;
      if (shortestDecimalRound(gross) !== excel) oldDifferences++;
      // The 15-digit view is the exact half cent, so Excel rounds it up: (113 x cents + 50) / 100, whole.
      expect(excel).toBe(Math.floor((cents * 113 + 50) / 100) / 100);
    }
    expect(count).toBe(20_000);
    expect(differences).toBe(0);
    expect(oldDifferences).toBe(12_022);
  });

  it("agrees with Excel's rule on random amounts, products and near-ties", () => {
    const amounts = fc.oneof(
      fc.double({ min: -1e14, max: 1e14, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.integer({ min: -1e15, max: 1e15 }).map((c) => c / 1000),
      fc.integer({ min: -1e13, max: 1e13 }).map((c) => (2 * c + 1) / 200), // x.xx5 ties, typed
      fc
        .tuple(fc.integer({ min: -1e11, max: 1e11 }), fc.integer({ min: 0, max: 2_000_000 }))
        .map(([cents, micros]) => (cents / 100) * (micros / 1e6)), // binary products, as a sheet holds them
      fc
        .tuple(fc.double({ min: 1e-3, max: 1e13, noNaN: true }), fc.integer({ min: -3, max: 3 }))
        .map(([x, ulps]) => nudge(Number(x.toFixed(3)), ulps)), // within a few doubles of 3 decimals
    );
    fc.assert(
      fc.property(amounts, (x) => {
        expect(roundMoney(x)).toBe(excelRound(x));
      }),
      { numRuns: 50_000 },
    );
  });

  it("keeps the cents of amounts near MAX_AMOUNT (Excel cannot hold them; LibreOffice keeps them)", () => {
    expect(roundMoney(MAX_AMOUNT)).toBe(MAX_AMOUNT);
    expect(amountToCents(MAX_AMOUNT, "x")).toBe(Number.MAX_SAFE_INTEGER);
    expect(roundMoney(-MAX_AMOUNT)).toBe(-MAX_AMOUNT);
    expect(roundMoney(12345678901234.56)).toBe(12345678901234.56); // 16 digits: Excel would show ...234.6
    expect(roundMoney(12345678901234.25)).toBe(12345678901234.25);
    expect(roundMoney(1234567890123.125)).toBe(1234567890123.13); // a tie on the binary value
    expect(roundMoney(9999999999999.994)).toBe(9999999999999.99);
    expect(roundMoney(MAX_AMOUNT - 0.005)).toBe(excelRound(MAX_AMOUNT - 0.005));
    expect(sumMoney([MAX_AMOUNT - 1, 0.5, 0.5])).toBe(MAX_AMOUNT); // 90071992547408.90625 is ...408.91
  });

  it("rounds down on Excel's view where a result must not exceed the entered amount", () => {
    expect(notAbove(roundMoney(12.5 * 1.13), 12.5 * 1.13)).toBe(14.12);
    expect(notAbove(roundMoney(1234567890123.125), 1234567890123.125)).toBe(1234567890123.12);
    expect(notAbove(roundMoney(MAX_AMOUNT), MAX_AMOUNT)).toBe(MAX_AMOUNT);
  });
});

describe("LibreOffice Calc, an independent engine (test/core/fixtures/excel-rounding.csv)", () => {
  const lines = readFileSync(new URL("./fixtures/excel-rounding.csv", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"))
    .slice(1);

  it("gives the same cents for each of its 303 formulas", () => {
    expect(lines).toHaveLength(303);
    const wrong: string[] = [];
    for (const line of lines) {
      const [a, b, shown, fraction] = line.split(",");
      const value = b === "" ? Number(a) : Number(a) * Number(b);
      const got = b === "" ? roundMoney(Number(a)) : moneyTimes(Number(a), Number(b));
      // Calc's answer: the whole part of the value plus the fraction its ROUND kept (exact even where its
      // display, 15 digits, is not).
      const negative = fraction.startsWith("-");
      const [whole, decimals] = (negative ? fraction.slice(1) : fraction).split(".");
      const kept = BigInt(whole) * 100n + BigInt(decimals);
      const cents = BigInt(Math.trunc(value)) * 100n + (negative ? -kept : kept);
      const calc = cents === 0n ? 0 : Number(`${cents}e-2`);
      if (got !== calc) wrong.push(`${line}: ${got}`);
      if (Math.abs(value) < 1e12 && got !== Number(shown)) wrong.push(`${line}: shown ${shown}, ${got}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("moneyTimes: the product as Excel holds it, rounded", () => {
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

  it("mulDivCents rounds the exact quotient as Excel's ROUND rounds that amount", async () => {
    // Precision 60: the quotient well beyond its 15 significant digits.
    const Decimal = (await import("decimal.js")).default.clone({ precision: 60 });
    const excel = (a: number, b: number, c: number): number => {
      const cents = new Decimal(a).times(b).div(c);
      // Below 1e14 cents (1e12), Excel's view: 15 significant digits, half away from zero; beyond, the exact value.
      const view = cents.lt(1e14) ? cents.toSignificantDigits(15, Decimal.ROUND_HALF_UP) : cents;
      return view.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
    };
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(1e12), fc.integer({ min: 1, max: 1e13 }), (a, b, c) => {
        expect(mulDivCents(a, b, c)).toBe(excel(a, b, c));
      }),
    );
    // 0.4999999999999995 cents exactly: 16 significant digits, shown as 0.500000000000000, so up.
    expect(mulDivCents(4_999_999_999_999_995, 1, 10_000_000_000_000_000)).toBe(1);
    expect(mulDivCents(4_999_999_999_999, 1, 10_000_000_000_000)).toBe(0); // 0.4999999999999: 13 digits, below
    expect(mulDivCents(5, 1, 2)).toBe(3); // a tie rounds up
    // 99999999997.4999999999977 cents exactly, shown to 15 digits as 99999999997.5000: up (exact rounding gave ...997)
    expect(mulDivCents(999_999_999_998, 999_999_999_974, 9_999_999_999_970)).toBe(99_999_999_998);
  });
});

describe("moneyTimes agrees with exact decimal arithmetic where the product has at most 15 digits", () => {
  it("on amounts in cents times rates of up to 6 decimals, ties included", async () => {
    const Decimal = (await import("decimal.js")).default;
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.integer({ min: 0, max: 1_000_000 }), (cents, micros) => {
        const amount = cents / 100;
        const rate = micros / 1e6;
        const product = new Decimal(String(amount)).times(new Decimal(String(rate)));
        const exact = product.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
        // More digits than Excel shows: Excel's rule decides, not the exact product (tested above).
        if (product.precision(true) > 15) expect(moneyTimes(amount, rate)).toBe(excelRound(amount * rate));
        else expect(moneyTimes(amount, rate)).toBe(exact === 0 ? 0 : exact);
      }),
      { numRuns: 20_000 },
    );
  });

  it("on half-cent ties that the binary product hides", () => {
    expect(moneyTimes(0.01, 0.5)).toBe(0.01); // 0.005
    expect(moneyTimes(-0.01, 0.5)).toBe(-0.01);
    expect(moneyTimes(1234.57, 0.9)).toBe(1111.11); // 1111.113
    expect(moneyTimes(100.01, 0.95)).toBe(95.01); // 95.0095
    // 105191437.35499983 exactly; the binary product shows as 105191437.355 in Excel, which ROUND takes up
    expect(moneyTimes(-981382419.09, 0.107187)).toBe(-105191437.36);
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

/** The double `ulps` steps away from x (x > 0). */
function nudge(x: number, ulps: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigInt64(0, view.getBigInt64(0) + BigInt(ulps));
  return view.getFloat64(0);
}
