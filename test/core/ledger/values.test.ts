import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  decideLedgerDecimal,
  describeDateOrder,
  detectDateOrder,
  headerScale,
  ledgerNumberPart,
  readLedgerAmount,
  readLedgerDate,
  readLedgerMoney,
} from "../../../src/core/ledger/values.js";
import * as core from "../../../src/core/index.js";
import { readDate, serialFromCivil } from "../../../src/core/dates.js";
import { RuleError } from "../../../src/core/errors.js";
import { MAX_AMOUNT } from "../../../src/core/money.js";

/** The RuleError a call throws (fails the test when it throws nothing or something else). */
function refusal(call: () => unknown): RuleError {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(RuleError);
    return e as RuleError;
  }
  throw new Error("expected a RuleError");
}

describe("readLedgerAmount: signed amounts as exports write them", () => {
  it.each([
    // numbers and plain text
    [1234.5, undefined, 1234.5],
    [-250, undefined, -250],
    ["1234.56", undefined, 1234.56],
    ["-1234.56", undefined, -1234.56],
    ["0", undefined, 0],
    ["-0", undefined, 0],
    [-0, undefined, 0],
    ["-0,00", ",", 0],
    [".5", undefined, 0.5],
    ["1.5E+06", undefined, 1500000],
    // grouping
    ["1,234.50", undefined, 1234.5],
    ["1,234,567.89", undefined, 1234567.89],
    ["1 234.50", undefined, 1234.5],
    ["1'234.50", undefined, 1234.5],
    ["1’234.50", undefined, 1234.5],
    ["1\u00a0234,50", ",", 1234.5],
    ["1\u202f234,50", ",", 1234.5],
    ["1.234,50", ",", 1234.5],
    ["1 234,50", ",", 1234.5],
    ["1.234.567", ",", 1234567],
    ["1,5", ",", 1.5],
    ["1,500", ",", 1.5],
    ["1,500", ".", 1500],
    ["1.234", undefined, 1.234], // no decimal option: the point is a decimal point
  ])("%j (decimal %s) is %d", (value, decimal, expected) => {
    expect(readLedgerAmount(value, "amount", decimal === undefined ? undefined : { decimal: decimal as "." | "," })).toBe(expected);
  });

  it.each([
    // currencies before or after
    ["¥1,000.00", 1000, "CNY"],
    ["￥1,000.00", 1000, "CNY"],
    ["$1,000.00", 1000, "USD"],
    ["€1,000.00", 1000, "EUR"],
    ["RMB 1,000.00", 1000, "CNY"],
    ["CNY 1,000.00", 1000, "CNY"],
    ["cny1000", 1000, "CNY"],
    ["1,000.00 USD", 1000, "USD"],
    ["US$ 12.30", 12.3, "USD"],
    ["1,000.00 元", 1000, "CNY"],
    ["人民币 1,000.00 元", 1000, "CNY"],
    ["¥1,000.00元", 1000, "CNY"],
    ["1,000.00 EUR", 1000, "EUR"],
    // negatives
    ["-1,000.00", -1000, null],
    ["(1,000.00)", -1000, null],
    ["（1,000.00）", -1000, null],
    ["( 1,000.00 )", -1000, null],
    ["(¥1,000.00)", -1000, "CNY"],
    ["¥(1,000.00)", -1000, "CNY"],
    ["(1,000.00) USD", -1000, "USD"],
    ["-¥1,000.00", -1000, "CNY"],
    ["¥-1,000.00", -1000, "CNY"],
    ["$ -12.34", -12.34, "USD"],
    ["−1,000.00", -1000, null], // U+2212
    ["－1,000.00", -1000, null], // full-width hyphen-minus
    ["1,000.00-", -1000, null],
    ["+1,000.00", 1000, null],
    // Chinese units
    ["80万", 800000, null],
    ["80 万", 800000, null],
    ["80.05万", 800500, null],
    ["80万元", 800000, "CNY"],
    ["1.2亿", 120000000, null],
    ["-1.2亿", -120000000, null],
    ["(3.5万)", -35000, null],
    ["1.5億", 150000000, null],
    ["2萬", 20000, null],
    ["0.0001万", 1, null],
    // full-width digits
    ["１２３４．５６", 1234.56, null],
    ["１，２３４．５６元", 1234.56, "CNY"],
    ["８０万", 800000, null],
  ])("%j is %d %s", (value, amount, currency) => {
    expect(readLedgerMoney(value, "amount")).toEqual({ amount, currency });
    expect(readLedgerAmount(value, "amount")).toBe(amount);
  });

  it("reads decimal-comma amounts with decorations", () => {
    const comma = { decimal: "," } as const;
    expect(readLedgerAmount("1.000,00-", "amount", comma)).toBe(-1000);
    expect(readLedgerAmount("1.234,56- EUR", "amount", comma)).toBe(-1234.56);
    expect(readLedgerAmount("€ 1.234,56", "amount", comma)).toBe(1234.56);
    expect(readLedgerAmount("(1.234,56)", "amount", comma)).toBe(-1234.56);
    expect(readLedgerAmount("3,5万", "amount", comma)).toBe(35000);
    expect(readLedgerAmount("1 234,50 €", "amount", comma)).toBe(1234.5);
    expect(readLedgerAmount("12,345E+3", "amount", comma)).toBe(12345);
  });

  it("scales by the header's unit, exactly, and lets a cell's own 万/亿 replace it", () => {
    const wan = { scale: 10000 };
    expect(readLedgerAmount("80.05", "amount", wan)).toBe(800500);
    expect(readLedgerAmount(80.05, "amount", wan)).toBe(800500);
    expect(readLedgerAmount("80.07万", "amount")).toBe(800700);
    expect(readLedgerAmount(80.07, "amount", wan)).toBe(800700);
    expect(80.07 * 10000).toBe(800699.9999999999); // what binary arithmetic would have given
    expect(readLedgerAmount("12.3456", "amount", wan)).toBe(123456); // 123455.99999999999 in binary
    expect(readLedgerAmount("0.57亿", "amount")).toBe(57000000); // 56999999.99999999 in binary
    expect(readLedgerAmount("0.0001", "amount", wan)).toBe(1);
    expect(readLedgerAmount("1,234.5678", "amount", wan)).toBe(12345678);
    expect(readLedgerAmount("(12.3456)", "amount", wan)).toBe(-123456);
    expect(readLedgerAmount("80万", "amount", wan)).toBe(800000); // the cell's unit, not 80 x 10^8
    expect(readLedgerAmount("1.2", "amount", { scale: 1e8 })).toBe(120000000);
    expect(readLedgerAmount("1,5", "amount", { scale: 1000, decimal: "," })).toBe(1500);
    expect(readLedgerAmount("0.29", "amount", { scale: 1e8 })).toBe(29000000); // 28999999.999999996 in binary
  });

  it("keeps the decimal as typed, without rounding to the cent", () => {
    expect(readLedgerAmount("1.005", "amount")).toBe(1.005);
    expect(readLedgerAmount("0.1", "amount", { scale: 3 })).toBe(0.3); // 0.1 x 3 is 0.30000000000000004 in binary
  });

  it("refuses what is not one amount, naming the argument in both languages", () => {
    const cases: [unknown, RegExp, RegExp][] = [
      ["100 / 200", /holds two numbers/, /含有两个数字/],
      ["100-200", /holds two numbers/, /含有两个数字/],
      ["12abc", /letters "abc"/, /含有字母/],
      ["n/a", /not an amount/, /不是金额/],
      ["1,23,4", /grouping is not in threes/, /每三位一组/],
      ["1,2345.00", /grouping is not in threes/, /每三位一组/],
      ["$100 EUR", /mixes currencies \(\$ and EUR\)/, /混用了不同币种/],
      ["¥100 USD", /mixes currencies/, /混用了不同币种/],
      ["--100", /more than one sign/, /多个正负号/],
      ["(-100)", /more than one sign/, /多个正负号/],
      ["-100-", /more than one sign/, /多个正负号/],
      ["100+", /sign after the number/, /数字之后/],
      ["(100", /unbalanced parentheses/, /括号不成对/],
      [")100(", /unbalanced parentheses/, /括号不成对/],
      ["万80", /万 or 亿 must follow the number/, /紧跟在数字之后/],
      ["80万亿亿", /万 or 亿 must follow the number/, /紧跟在数字之后/],
      ["80元万", /万 or 亿 must follow the number/, /紧跟在数字之后/],
      ["", /not an amount/, /不是金额/],
      ["  ", /not an amount/, /不是金额/],
      ["¥", /not an amount/, /不是金额/],
      ["-", /not an amount/, /不是金额/],
      [true, /not an amount/, /不是金额/],
      [null, /nothing is not an amount/, /不是金额/],
      [Number.NaN, /not an amount/, /不是金额/],
      [Infinity, /not an amount/, /不是金额/],
      ["100,000,000,000,000.00", /above the largest amount handled/, /超过可处理的最大金额/],
      ["-100,000,000,000,000.00", /above the largest amount handled/, /超过可处理的最大金额/],
      ["999999999999999", /above the largest amount handled/, /超过可处理的最大金额/],
      ["-999999999999999.5", /above the largest amount handled/, /超过可处理的最大金额/],
      ["1亿亿", /万 or 亿 must follow the number/, /紧跟在数字之后/],
      ["90000000亿", /above the largest amount handled/, /超过可处理的最大金额/],
      [-1e15, /above the largest amount handled/, /超过可处理的最大金额/],
      ["1e400", /not an amount/, /不是金额/],
    ];
    for (const [value, en, zh] of cases) {
      const e = refusal(() => readLedgerAmount(value, "open_amount"));
      expect(e.argument, String(value)).toBe("open_amount");
      expect(e.message, String(value)).toMatch(/^open_amount: /);
      expect(e.message, String(value)).toMatch(en);
      expect(e.zh, String(value)).toMatch(/^open_amount：/);
      expect(e.zh, String(value)).toMatch(zh);
    }
  });

  it("refuses a number that reads only with the other decimal mark, rather than guessing", () => {
    const e = refusal(() => readLedgerAmount("1.234,50", "amount"));
    expect(e.message).toBe(
      'amount: "1.234,50" reads as a number only with a decimal comma, and the column\'s amounts are read with a decimal point',
    );
    expect(e.zh).toBe('amount："1.234,50" 只有按小数逗号才能读作数字，而本列金额按小数点读取');
    expect(refusal(() => readLedgerAmount("3,5万", "amount")).message).toMatch(/only with a decimal comma/);
    expect(refusal(() => readLedgerAmount("1,5", "amount")).message).toMatch(/only with a decimal comma/);
    expect(refusal(() => readLedgerAmount("1,234.50", "amount", { decimal: "," })).message).toMatch(/only with a decimal point/);
    expect(refusal(() => readLedgerAmount("1.234.567", "amount")).message).toMatch(/only with a decimal comma/);
  });

  it("accepts amounts up to MAX_AMOUNT in size, either sign", () => {
    expect(readLedgerAmount("90,071,992,547,409.91", "amount")).toBe(MAX_AMOUNT);
    expect(readLedgerAmount("(90,071,992,547,409.91)", "amount")).toBe(-MAX_AMOUNT);
    expect(readLedgerAmount(-MAX_AMOUNT, "amount")).toBe(-MAX_AMOUNT);
  });

  it("refuses bad options, naming them", () => {
    expect(refusal(() => readLedgerAmount("1", "amount", { decimal: ";" as "." })).argument).toBe("decimal");
    expect(refusal(() => readLedgerAmount("1", "amount", { scale: 0 })).argument).toBe("scale");
    expect(refusal(() => readLedgerAmount("1", "amount", { scale: Number.NaN })).argument).toBe("scale");
  });
});

/** `digits` grouped in threes with `separator`. */
function grouped(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, separator);
}

/** An amount in cents as each export style writes it, with the options to read it. */
const STYLES: ((cents: number) => [string, { decimal?: "." | ","; scale?: number }])[] = [
  (c) => [`${c < 0 ? "-" : ""}${whole(c)}.${frac(c)}`, {}],
  (c) => [`${c < 0 ? "-" : ""}${grouped(whole(c), ",")}.${frac(c)}`, {}],
  (c) => [`${c < 0 ? "-" : ""}${grouped(whole(c), ".")},${frac(c)}`, { decimal: "," }],
  (c) => [`${c < 0 ? "-" : ""}${grouped(whole(c), " ")},${frac(c)}`, { decimal: "," }],
  (c) => [`${c < 0 ? "-" : ""}${grouped(whole(c), "'")}.${frac(c)}`, {}],
  (c) => [c < 0 ? `(${grouped(whole(c), ",")}.${frac(c)})` : `${grouped(whole(c), ",")}.${frac(c)}`, {}],
  (c) => [c < 0 ? `（${grouped(whole(c), ",")}.${frac(c)}）` : `${grouped(whole(c), ",")}.${frac(c)}`, {}],
  (c) => [`${grouped(whole(c), ".")},${frac(c)}${c < 0 ? "-" : ""}`, { decimal: "," }],
  (c) => [`${c < 0 ? "-" : ""}¥${grouped(whole(c), ",")}.${frac(c)}`, {}],
  (c) => [`${c < 0 ? "−" : ""}${grouped(whole(c), ",")}.${frac(c)} 元`, {}],
  (c) => [`CNY ${c < 0 ? "-" : ""}${grouped(whole(c), ",")}.${frac(c)}`, {}],
  (c) => [`€ ${grouped(whole(c), ".")},${frac(c)}${c < 0 ? "-" : ""}`, { decimal: "," }],
  (c) => [`${c < 0 ? "-" : ""}${wan(c, ".")}万`, {}],
  (c) => [`${c < 0 ? "-" : ""}${wan(c, ",")}万`, { decimal: "," }],
  (c) => [`${c < 0 ? "-" : ""}${wan(c, ".")}`, { scale: 10000 }],
  (c) => [`${c < 0 ? "-" : ""}${yi(c)}亿`, {}],
  (c) => [toFullWidth(`${c < 0 ? "-" : ""}${grouped(whole(c), ",")}.${frac(c)}`), {}],
];

function whole(cents: number): string {
  return String(Math.floor(Math.abs(cents) / 100));
}
function frac(cents: number): string {
  return String(Math.abs(cents) % 100).padStart(2, "0");
}
/** |cents| in 万 yuan, exactly: cents / 10^6 as a decimal. */
function wan(cents: number, mark: string): string {
  const digits = String(Math.abs(cents)).padStart(7, "0");
  return `${digits.slice(0, -6)}${mark}${digits.slice(-6)}`;
}
/** |cents| in 亿 yuan, exactly: cents / 10^10. */
function yi(cents: number): string {
  const digits = String(Math.abs(cents)).padStart(11, "0");
  return `${digits.slice(0, -10)}.${digits.slice(-10)}`;
}
function toFullWidth(text: string): string {
  return text.replace(/[0-9,.-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

describe("readLedgerAmount: any amount in cents, in any export's style, reads back exactly", () => {
  it.each(STYLES.map((style, i) => [i, style] as const))("style %i", (_, style) => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -100_000_000, max: 100_000_000 }),
          fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        ),
        (cents) => {
          const [text, options] = style(cents);
          const expected = cents === 0 ? 0 : cents / 100;
          expect(readLedgerAmount(text, "amount", options), text).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the examples of the styles", () => {
    expect(STYLES.map((s) => s(-123456789)[0])).toEqual([
      "-1234567.89",
      "-1,234,567.89",
      "-1.234.567,89",
      "-1 234 567,89",
      "-1'234'567.89",
      "(1,234,567.89)",
      "（1,234,567.89）",
      "1.234.567,89-",
      "-¥1,234,567.89",
      "−1,234,567.89 元",
      "CNY -1,234,567.89",
      "€ 1.234.567,89-",
      "-123.456789万",
      "-123,456789万",
      "-123.456789",
      "-0.0123456789亿",
      "－１，２３４，５６７．８９",
    ]);
  });
});

describe("headerScale", () => {
  it.each([
    ["金额（万元）", 10000],
    ["金额(万元)", 10000],
    ["未核销金额/万元", 10000],
    ["余额（万）", 10000],
    ["余额【万】", 10000],
    ["应收余额（单位：万元）", 10000],
    ["单位：万", 10000],
    ["Amount (in 10k)", 10000],
    ["Amount in 10,000s", 10000],
    ["金额（亿元）", 1e8],
    ["余额(亿)", 1e8],
    ["金额（百万元）", 1e6],
    ["Amount (in millions)", 1e6],
    ["Amount (m)", 1e6],
    ["Betrag MEUR", 1e6],
    ["金额（千元）", 1000],
    ["Amount (in thousands)", 1000],
    ["Balance (in thousands of USD)", 1000],
    ["Amount ('000)", 1000],
    ["Amount (000s)", 1000],
    ["Amount in '000", 1000],
    ["Amount (k)", 1000],
    ["Betrag TEUR", 1000],
    ["Betrag in TEUR", 1000],
    ["Amount kUSD", 1000],
    ["金额", 1],
    ["未核销金额", 1],
    ["Amount in local currency", 1],
    ["Open Balance", 1],
    ["Amt Due", 1],
    ["Teuro", 1],
    ["万达集团", 1], // a name, not a unit
    ["Amount (USD)", 1],
  ])("%s scales by %d", (header, scale) => {
    expect(headerScale(header)).toBe(scale);
  });
});

describe("decideLedgerDecimal", () => {
  it("sees the number inside signs, currencies, units and spaces", () => {
    expect(decideLedgerDecimal(["1.000,00-", "2.500,00", "(300,00)"])).toEqual({
      mark: ",",
      source: "amounts",
      examples: ["1.000,00-", "2.500,00", "(300,00)"],
      ambiguous: 0,
    });
    expect(decideLedgerDecimal(["€ 1.234,50", "12"]).mark).toBe(",");
    expect(decideLedgerDecimal(["3,5万"]).mark).toBe(",");
    expect(decideLedgerDecimal(["1 234,50"]).mark).toBe(",");
    expect(decideLedgerDecimal(["1'234.50"]).mark).toBe(".");
    expect(decideLedgerDecimal(["¥1,000.00", "1,000.00 元", "CNY 1,000.00"]).examples).toEqual([
      "¥1,000.00",
      "1,000.00 元",
      "CNY 1,000.00",
    ]);
    expect(decideLedgerDecimal(["100", "Total", ""])).toEqual({ mark: ".", source: "default", examples: [], ambiguous: 0 });
  });

  it("asks rather than guesses when the amounts contradict or only ambiguous ones occur", () => {
    expect(refusal(() => decideLedgerDecimal(["1.000,00-", "1,234.50 USD"])).message).toMatch(/both decimal marks/);
    expect(refusal(() => decideLedgerDecimal(["1.500 €", "2.000 €"])).message).toMatch(/can be read two ways/);
    expect(decideLedgerDecimal(["1.500 €"], "", ",")).toMatchObject({ mark: ",", source: "user", ambiguous: 1 });
    expect(decideLedgerDecimal(["1,500 元"], ",").mark).toBe("."); // quoted in a comma CSV: a decimal point
  });

  it("ledgerNumberPart", () => {
    expect(ledgerNumberPart("(¥1,234.50)")).toBe("1,234.50");
    expect(ledgerNumberPart("1.000,00- EUR")).toBe("1.000,00");
    expect(ledgerNumberPart("Total 1,234")).toBe("Total 1,234");
  });
});

describe("readLedgerDate", () => {
  // Hand-computed: 2025-07-31 is 45869 (45658 for 2025-01-01 + 211); 2013-02-01 is 41306 and 2013-01-02 is
  // 41276 (41275 for 2013-01-01); 1930-07-31 is 11170 (10959 for 1930-01-01 + 211); 2029-07-31 is 47330
  // (47119 for 2029-01-01 + 211); 2024-02-29 is 45351.
  it.each([
    [45869, undefined, 45869],
    [45869.75, undefined, 45869],
    ["45869", undefined, 45869],
    ["2025-07-31", undefined, 45869],
    ["2025/7/31", undefined, 45869],
    ["2025.7.31", undefined, 45869],
    ["2025年7月31日", undefined, 45869],
    ["2025 年 7 月 31 日", undefined, 45869],
    ["２０２５年７月３１日", undefined, 45869],
    ["2025-07-31 00:00:00", undefined, 45869],
    ["2025-07-31T23:59:59.999", undefined, 45869],
    ["31.07.2025", undefined, 45869],
    ["31.7.2025", undefined, 45869],
    ["31.07.25", undefined, 45869],
    ["7/31/2025", undefined, 45869],
    ["07/31/2025", undefined, 45869],
    ["7/31/25", undefined, 45869],
    ["7-31-2025", undefined, 45869],
    ["31/7/2025", undefined, 45869],
    ["31-07-2025", undefined, 45869],
    ["7/31/2025 0:00", undefined, 45869],
    ["7/31/2025 12:00 PM", undefined, 45869],
    ["7/31/2025 11:59:59 pm", undefined, 45869],
    ["2/1/2013", "mdy", 41306],
    ["2/1/2013", "dmy", 41276],
    ["2/1/2013 0:00", "mdy", 41306],
    ["02/01/2013", "dmy", 41276],
    ["1/2/13", "mdy", 41276],
    ["7/31/2025", "mdy", 45869],
    ["31/7/2025", "dmy", 45869],
    ["5/5/2025", undefined, 45782], // both orders read it alike: 2025-05-05 = 45658 + 124
    ["7/31/30", undefined, 11170], // Excel's rule: 30-99 are 1930-1999
    ["7/31/29", undefined, 47330], // 00-29 are 2000-2029
    ["29.2.2024", undefined, 45351],
    ["31-Jul-2025", undefined, 45869],
    ["31-jul-25", undefined, 45869],
    ["31 Jul 2025", undefined, 45869],
    ["31 July 2025", undefined, 45869],
    ["31-JUL-2025 00:00:00", undefined, 45869],
    ["31.Jul.2025", undefined, 45869],
    ["Jul 31, 2025", undefined, 45869],
    ["July 31 2025", undefined, 45869],
    ["Jul. 31st, 2025", undefined, 45869],
    ["Feb 1, 2013", "dmy", 41306], // a month name settles it whatever the order
    ["1-Feb-2013", "mdy", 41306],
    ["Sept 1, 2025", undefined, 45901],
    ["2025-Jul-31", undefined, 45869],
    ["20250731", undefined, 45869], // SAP's yyyymmdd
    ["20130201", "dmy", 41306],
  ])("%j (order %s) is %i", (value, order, serial) => {
    expect(readLedgerDate(value, "due_date", order as "mdy" | "dmy" | undefined)).toBe(serial);
  });

  it("agrees with the hand-computed serials", () => {
    expect(serialFromCivil(2025, 7, 31)).toBe(45869);
    expect(serialFromCivil(2013, 2, 1)).toBe(41306);
    expect(serialFromCivil(2013, 1, 2)).toBe(41276);
    expect(serialFromCivil(1930, 7, 31)).toBe(11170);
    expect(serialFromCivil(2029, 7, 31)).toBe(47330);
    expect(serialFromCivil(2025, 5, 5)).toBe(45782);
    expect(serialFromCivil(2025, 9, 1)).toBe(45901);
  });

  it("gives readDate's result for every number (the caller adds the 1904 offset first)", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 3_000_000, noNaN: true }), (n) => {
        let expected: number | string;
        try {
          expected = readDate(n, "d");
        } catch (e) {
          expected = (e as Error).message;
        }
        let actual: number | string;
        try {
          actual = readLedgerDate(n, "d");
        } catch (e) {
          actual = (e as Error).message;
        }
        expect(actual).toBe(expected);
      }),
    );
    expect(readLedgerDate(1, "d")).toBe(1);
    expect(readLedgerDate(61, "d")).toBe(61);
  });

  it("reads every date in every form back to its serial", () => {
    const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const { year: y, month: m, day: d } = core.civilFromSerial(serial);
        const forms: [string, "mdy" | "dmy" | undefined][] = [
          [`${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`, undefined],
          [`${y}年${m}月${d}日`, undefined],
          [`${d}.${m}.${y}`, undefined],
          [`${m}/${d}/${y}`, "mdy"],
          [`${d}/${m}/${y}`, "dmy"],
          [`${m}/${d}/${y} 0:00`, "mdy"],
          [`${d}-${names[m - 1]}-${y}`, undefined],
          [`${names[m - 1]} ${d}, ${y}`, undefined],
        ];
        for (const [text, order] of forms) expect(readLedgerDate(text, "d", order), text).toBe(serial);
      }),
    );
  });

  it("refuses 2/1/2013 without an order, asking for one in both languages", () => {
    const e = refusal(() => readLedgerDate("2/1/2013", "invoice_date"));
    expect(e.message).toBe(
      'invoice_date: "2/1/2013" can be read two ways (February 1 month first, 2 January day first): choose the day/month order, month first (mdy) or day first (dmy)',
    );
    expect(e.zh).toBe(
      'invoice_date："2/1/2013" 有两种读法（月在前为 2 月 1 日，日在前为 1 月 2 日）：请选择日/月顺序，月在前（mdy）或日在前（dmy）',
    );
  });

  it("refuses what is not a real date, saying how it was read", () => {
    const cases: [unknown, "mdy" | "dmy" | undefined, RegExp, RegExp][] = [
      ["31/7/2025", "mdy", /"31\/7\/2025" is not a real date read month first/, /按月在前读取）不是有效日期/],
      ["7/31/2025", "dmy", /is not a real date read day first/, /按日在前读取/],
      ["7.31.2025", undefined, /is not a real date read day first/, /不是有效日期/],
      ["31/31/2025", undefined, /is not a real date$/, /不是有效日期/],
      ["29.2.2025", undefined, /not a real date/, /不是有效日期/],
      ["2025-02-30", undefined, /not a real date/, /不是有效日期/],
      ["31-Feb-2025", undefined, /not a real date/, /不是有效日期/],
      ["7/31/1899", undefined, /outside 1900-01-01/, /超出/],
      ["7/31/2025 25:00", undefined, /no real time of day/, /时刻无效/],
      ["7/31/2025 13:00 PM", undefined, /no real time of day/, /时刻无效/],
      ["7/31/2025 0:60", undefined, /no real time of day/, /时刻无效/],
      ["2025-07-31Z", undefined, /is not a date/, /不是日期/],
      ["yesterday", undefined, /is not a date \(use a date cell/, /不是日期/],
      ["31 Juli 2025", undefined, /is not a date/, /不是日期/],
      ["2025/31/7", undefined, /is not a real date$/, /不是有效日期/], // year first is always year-month-day
      ["45869 10:00", undefined, /is not a date/, /不是日期/],
      ["20250231", undefined, /is not a real date$/, /不是有效日期/],
      [20250731, undefined, /is not a date serial/, /不是有效的日期序号/], // a number is a serial, as readDate reads it
      ["", undefined, /is not a date/, /不是日期/],
      [60, undefined, /phantom 1900-02-29/, /虚构/],
      [null, undefined, /is not a date/, /不是日期/],
    ];
    for (const [value, order, en, zh] of cases) {
      const e = refusal(() => readLedgerDate(value, "due_date", order));
      expect(e.argument, String(value)).toBe("due_date");
      expect(e.message, String(value)).toMatch(en);
      expect(e.zh, String(value)).toMatch(zh);
    }
  });

  it("refuses an order that is not one, naming it", () => {
    expect(refusal(() => readLedgerDate("2/1/2013", "d", "ymd" as "mdy")).argument).toBe("order");
  });
});

describe("detectDateOrder", () => {
  it("decides month first from a day above 12", () => {
    expect(detectDateOrder(["2/1/2013", "7/31/2025", "1/15/2013", "", "2025-07-31", "8/20/2013", "12/13/2013", "3/4/2013"])).toEqual({
      order: "mdy",
      evidence: ["7/31/2025", "1/15/2013", "8/20/2013"],
      ambiguous: 2,
      undecided: ["2/1/2013", "3/4/2013"],
      conflict: false,
      deciding: { mdy: 4, dmy: 0 },
    });
  });

  it("decides day first from a day above 12", () => {
    expect(detectDateOrder(["31/7/2025", "2/1/2013 0:00", " 13-01-2013 "])).toEqual({
      order: "dmy",
      evidence: ["31/7/2025", "13-01-2013"],
      ambiguous: 1,
      undecided: ["2/1/2013 0:00"],
      conflict: false,
      deciding: { mdy: 0, dmy: 2 },
    });
  });

  it("is null when nothing decides, and reports a conflict", () => {
    expect(detectDateOrder(["2/1/2013", "5/5/2013", "31.07.2025", "Jul 31, 2025", "n/a", "45869"])).toEqual({
      order: null,
      evidence: [],
      ambiguous: 1,
      undecided: ["2/1/2013"],
      conflict: false,
      deciding: { mdy: 0, dmy: 0 },
    });
    expect(detectDateOrder([])).toMatchObject({ order: null, ambiguous: 0, conflict: false });
    const conflict = detectDateOrder(["7/31/2025", "31/7/2025", "8/31/2025", "9/30/2025"]);
    expect(conflict).toEqual({
      order: null,
      evidence: ["7/31/2025", "31/7/2025", "8/31/2025"],
      ambiguous: 0,
      undecided: [],
      conflict: true,
      deciding: { mdy: 3, dmy: 1 },
    });
  });

  it("reads the IBM sample's dates once the order is detected", () => {
    const column = ["1/2/2013", "1/26/2013", "7/3/2013", "2/10/2013"];
    const { order } = detectDateOrder(column);
    expect(order).toBe("mdy");
    expect(column.map((t) => readLedgerDate(t, "InvoiceDate", order ?? undefined))).toEqual([41276, 41300, 41458, 41315]);
  });

  it("describes the decision in both languages", () => {
    expect(describeDateOrder(detectDateOrder(["7/31/2025", "2/1/2013"]))).toEqual({
      en: "day/month order: month first, decided from 7/31/2025",
      zh: "日/月顺序：月在前（依据 7/31/2025）",
    });
    expect(describeDateOrder(detectDateOrder(["31/7/2025", "13/1/2025"])).zh).toBe("日/月顺序：日在前（依据 31/7/2025、13/1/2025）");
    expect(describeDateOrder(detectDateOrder(["7/31/2025", "31/7/2025"])).en).toBe(
      "day/month order: the dates contradict each other (1 only month first, such as 7/31/2025; 1 only day first, such as 31/7/2025); correct them or choose the order",
    );
    expect(describeDateOrder(detectDateOrder(["2/1/2013", "3/4/2013 0:00"]))).toEqual({
      en: "day/month order: undecided, 2 dates read either way (2/1/2013, 3/4/2013 0:00) and no date has a day above 12; choose month first (mdy) or day first (dmy)",
      zh: "日/月顺序：无法判断，2 个日期两种读法皆可（2/1/2013、3/4/2013 0:00），且没有大于 12 的日；请选择月在前（mdy）或日在前（dmy）",
    });
    expect(describeDateOrder(detectDateOrder(["2/1/2013"])).en).toMatch(
      /^day\/month order: undecided, 1 date reads either way \(2\/1\/2013\)/,
    );
    expect(describeDateOrder(detectDateOrder(["2025-07-31"])).en).toBe("day/month order: not needed (no date is written a/b/year)");
  });
});

describe("the ledger values are exported from the core", () => {
  it("index", () => {
    expect(core.readLedgerAmount).toBe(readLedgerAmount);
    expect(core.readLedgerDate).toBe(readLedgerDate);
    expect(core.detectDateOrder).toBe(detectDateOrder);
    expect(core.headerScale).toBe(headerScale);
    expect(core.decideLedgerDecimal).toBe(decideLedgerDecimal);
  });
});
