/**
 * The values of a ledger's item cells as ERP exports write them: signed amounts with grouping, decimal
 * commas, currency signs and codes, accounting parentheses, SAP's trailing minus and the Chinese units 万
 * and 亿; dates in the local forms (`31.07.2025`, `7/31/2025`, `31/7/2025`, `31-Jul-2025`, with or without a
 * time of day). Pure: no clock, no `Date`, no time zone. The one-row-per-customer triage keeps its stricter
 * readers (input.ts, dates.ts); these are for open-item lists, where credit notes are negative.
 */
import Decimal from "decimal.js";
import { daysInMonth, readDate, serialFromCivil } from "../dates.js";
import { RuleError, show } from "../errors.js";
import { toHalfWidth } from "../input.js";
import { checkAmountBound } from "../money.js";
import { decideDecimalMark, type DecimalDecision, type DecimalMark } from "../triage/decimal.js";

// ---- amounts ---------------------------------------------------------------------------------------------

/** How to read a text amount. */
export interface LedgerAmountOptions {
  /** The column's decimal mark (decideLedgerDecimal); "." when not given, so `1.234` is one point two three four. */
  readonly decimal?: DecimalMark;
  /** The header's unit (headerScale): 10000 for `金额（万元）`. A 万 or 亿 in the cell replaces it. */
  readonly scale?: number;
}

/** A signed amount and the currency its cell named (null when it named none). */
export interface LedgerMoney {
  readonly amount: number;
  /** "CNY" for ¥ ￥ 元 RMB CNY 人民币, "USD" for $ US$ USD 美元, "EUR" for € EUR 欧元. */
  readonly currency: LedgerCurrency | null;
}

/** The currencies an amount cell may name. */
export type LedgerCurrency = "CNY" | "USD" | "EUR";

/** Signs and codes, upper-cased, to their currency. ¥ is read as the yuan: these are Chinese and Western ledgers. */
const CURRENCIES: ReadonlyMap<string, LedgerCurrency> = new Map([
  ["¥", "CNY"],
  ["￥", "CNY"],
  ["元", "CNY"],
  ["人民币", "CNY"],
  ["RMB", "CNY"],
  ["CNY", "CNY"],
  ["$", "USD"],
  ["US$", "USD"],
  ["USD", "USD"],
  ["美元", "USD"],
  ["€", "EUR"],
  ["EUR", "EUR"],
  ["欧元", "EUR"],
]);

/** Chinese units of a cell (simplified and traditional), as powers of ten. */
const UNITS: ReadonlyMap<string, number> = new Map([
  ["万", 4],
  ["萬", 4],
  ["亿", 8],
  ["億", 8],
  ["万亿", 12],
  ["萬億", 12],
]);

const Exact = Decimal.clone({ precision: 60 });

/** The currency signs and words and the units, longest first, as the scanner looks for them. */
const SYMBOLS: readonly string[] = ["万亿", "萬億", "人民币", "美元", "欧元", "$", "€", "¥", "￥", "元", "万", "萬", "亿", "億"];
/** Printable ASCII only: no full-width forms or other spaces and signs to normalise. */
const ASCII = /^[\x20-\x7e]*$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** A character of a number: a digit, a point, a comma, an apostrophe or a space (grouping). */
function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 44 || c === 39 || c === 32;
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Text amounts like `1234.56` and `-1234.56`: read with Number, no token work (most CSV cells). */
const PLAIN = /^-?\d{1,15}(?:\.\d{1,6})?$/;

/** What an amount cell holds around its number. */
interface AmountParts {
  /** The number as written (digits, grouping, decimal mark, exponent). */
  readonly number: string;
  readonly negative: boolean;
  /** The power of ten of a 万/亿 in the cell, or null. */
  readonly unit: number | null;
  readonly currency: LedgerCurrency | null;
}

/**
 * Reads a signed amount as an ERP export writes it: a number, or text such as `1,234.50`, `1.234,50`
 * (with `decimal: ","`), `1 234,50`, `1'234.50`, `¥1,000.00`, `CNY 1,000.00`, `1,000.00 元`, `-1,000.00`,
 * `(1,000.00)`, `（1,000.00）`, `1.000,00-` (SAP), `−5` (U+2212), `80万`, `1.2亿`, `3,5万` (decimal comma),
 * full-width digits. The result is the decimal as typed, times the cell's 万/亿 or else `options.scale`,
 * computed in decimal (`80.05万` is exactly 800500); it is not rounded (`1.234` stays 1.234).
 * @throws RuleError naming `argument` for a blank or non-amount, two numbers in one cell, letters,
 *   grouping not in threes (`1,23,4`), a number that reads only with the other decimal mark, two signs,
 *   mixed currencies, or an amount beyond ±MAX_AMOUNT
 */
export function readLedgerAmount(value: unknown, argument: string, options?: LedgerAmountOptions): number {
  return readLedgerMoney(value, argument, options).amount;
}

/**
 * Reads a signed amount as readLedgerAmount does, with the currency its cell names, so that a caller can
 * refuse a column that mixes currencies across rows.
 */
export function readLedgerMoney(value: unknown, argument: string, options?: LedgerAmountOptions): LedgerMoney {
  const decimal = options?.decimal ?? ".";
  if (decimal !== "." && decimal !== ",") {
    throw new RuleError("decimal", `${show(decimal)} is not a decimal mark ("." or ",")`, `${show(decimal)} 不是小数点（"." 或 ","）`);
  }
  const scale = options?.scale ?? 1;
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0) {
    throw new RuleError(
      "scale",
      `${show(scale)} is not a unit scale (a number > 0, e.g. 10000 for 万元)`,
      `${show(scale)} 不是单位倍数（大于 0 的数，如万元为 10000）`,
    );
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw notAmount(value, argument);
    const amount = scale === 1 ? value : scaled(String(value), scale, 0);
    return { amount: bounded(amount === 0 ? 0 : amount, value, argument), currency: null };
  }
  if (typeof value !== "string") throw notAmount(value, argument);
  // The common cell first: plain digits with a decimal point, which every decimal mark reads the same way
  // unless the point is the group separator (then `1.500` is not plain).
  if (scale === 1 && PLAIN.test(value) && (decimal === "." || !value.includes("."))) {
    const n = Number(value);
    return { amount: bounded(n === 0 ? 0 : n, value, argument), currency: null };
  }
  const parts = amountParts(value, argument);
  const number = numberText(parts.number, decimal, value, argument);
  const amount = parts.unit !== null ? scaled(number, 1, parts.unit) : scale === 1 ? Number(number) : scaled(number, scale, 0);
  const signed = parts.negative && amount !== 0 ? -amount : amount;
  return { amount: bounded(signed, value, argument), currency: parts.currency };
}

/** The number of a text amount stripped of sign, currency, unit and parentheses (for the decimal mark), or the text itself. */
export function ledgerNumberPart(text: string): string {
  try {
    return amountParts(text, "amount").number;
  } catch {
    return text;
  }
}

/**
 * Decides the decimal mark of a ledger's amount column from its texts, as decideDecimalMark does for the
 * triage, looking at each amount's number only: `1.000,00-`, `(1.234,50)`, `€ 1.234,50` and `3,5万` show
 * a decimal comma; `1 234,50` and `1'234.50` are seen without their space or apostrophe grouping.
 * @param fieldSeparator the CSV's field separator ("" for a workbook): see decideDecimalMark
 * @param told the mark the user gave, which decides
 * @throws RuleError ("decimal") when the amounts contradict each other or only ambiguous ones (`1,500`) occur
 */
export function decideLedgerDecimal(texts: Iterable<string>, fieldSeparator = "", told?: DecimalMark): DecimalDecision {
  // Most amounts of an export are plain (`1,234.50`, `-500.00`): their number part is the text itself
  // (markEvidence reads the sign), without the scanner's 2 µs.
  return decideDecimalMark(texts, fieldSeparator, told, (text) =>
    PLAIN_AMOUNT.test(text) ? text : ledgerNumberPart(text).replace(/[ ']/g, ""),
  );
}

/** An amount of digits, separators and a leading minus only. */
const PLAIN_AMOUNT = /^-?[\d.,]+$/;

/**
 * The scale a header's unit gives to the amounts under it: 10000 for `金额（万元）`, `余额(万)`, `单位：万元`,
 * `Amount (in 10k)`; 1e8 for 亿元; 1e6 for 百万元 and `(in millions)`; 1000 for 千元, `(in thousands)`,
 * `('000)`, `TEUR` or `kUSD`; 1 otherwise.
 */
export function headerScale(header: string): number {
  const h = toHalfWidth(header).toLowerCase();
  const inBrackets = (unit: string) =>
    new RegExp(`[(\\[【]\\s*(?:单位\\s*[:：]?\\s*)?${unit}\\s*[)\\]】]|单位\\s*[:：]\\s*${unit}`).test(h);
  if (/万亿元|萬億元/.test(h) || inBrackets("(?:万亿|萬億)")) return 1e12;
  if (/亿元|億元/.test(h) || inBrackets("[亿億]")) return 1e8;
  if (/千万元|千萬元/.test(h) || inBrackets("千[万萬]")) return 1e7;
  if (
    /百万元|百萬元/.test(h) ||
    inBrackets("百[万萬]") ||
    /\bin\s+millions?\b|[([]\s*(?:m|mn|mio|millions?)\s*[)\]]|\b(?:m|mio)(?:eur|usd|cny|rmb|chf)\b/.test(h)
  )
    return 1e6;
  if (/[万萬]元/.test(h) || inBrackets("[万萬]") || /\bin\s+(?:10k|10,000s?|ten\s+thousands?)\b|[([]\s*10k\s*[)\]]/.test(h)) return 1e4;
  if (
    /千元/.test(h) ||
    inBrackets("千") ||
    /\bin\s+thousands?\b|\bin\s+'?000s?\b|[([]\s*(?:'?000s?|k|thousands?)\s*[)\]]|\b[tk](?:eur|usd|cny|rmb|chf|€|\$)(?![a-z])/.test(h)
  ) {
    return 1000;
  }
  return 1;
}

/** Splits an amount cell into its number, sign, unit and currency, refusing what is not one amount. */
function amountParts(value: string, argument: string): AmountParts {
  // Full-width forms, the other minus signs, the other spaces and the typographic apostrophe as ASCII;
  // most cells are ASCII already and skip it.
  const text = ASCII.test(value)
    ? value
    : toHalfWidth(value)
        .replace(/[\u2212\u2012\u2013\uFE63]/g, "-")
        .replace(/[\u00A0\u2007\u2009\u202F\u3000]/g, " ")
        .replace(/\u2019/g, "'");
  let number: string | null = null;
  let numberAt = -1;
  let unit: number | null = null;
  let unitAt = -1;
  let currency: LedgerCurrency | null = null;
  let currencyText = "";
  let signs = 0;
  let sign = 0; // the first sign's character code, and where it stands
  let signAt = -1;
  let opens = 0; // parentheses: how many of each, and where the first of each stands
  let closes = 0;
  let openAt = -1;
  let closeAt = -1;
  let letters: string | null = null; // the first run of letters that is no currency
  let stray = false; // a character that has no place in an amount
  let index = 0; // position among the tokens other than white space
  const n = text.length;
  // The tokens: a number (digits with grouping and decimal characters, an exponent), a currency (sign,
  // code or word), a Chinese unit, a sign, a parenthesis, white space, or any other character.
  for (let i = 0; i < n;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (isDigit(c) || ((c === 46 || c === 44) && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      let end = i + 1;
      while (end < n && isNumberChar(text.charCodeAt(end))) end++;
      while (!isDigit(text.charCodeAt(end - 1))) end--; // it ends with a digit
      const e = end < n ? text.charCodeAt(end) : 0;
      if (e === 101 || e === 69) {
        // an exponent: e5, E+06, e-3
        const sign = end + 1 < n ? text.charCodeAt(end + 1) : 0;
        let digits = sign === 43 || sign === 45 ? end + 2 : end + 1;
        if (digits < n && isDigit(text.charCodeAt(digits))) {
          while (digits < n && isDigit(text.charCodeAt(digits))) digits++;
          end = digits;
        }
      }
      if (number !== null) {
        throw new RuleError(
          argument,
          `${show(value)} holds two numbers; give one amount per cell`,
          `${show(value)} 含有两个数字；每个单元格只能填一个金额`,
        );
      }
      number = text.slice(i, end);
      numberAt = index++;
      i = end;
      continue;
    }
    let word: string | null = null;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      let end = i + 1;
      while (end < n && isLetter(text.charCodeAt(end))) end++;
      if (end < n && end - i === 2 && text.charCodeAt(end) === 36 && text.slice(i, end).toUpperCase() === "US") end++; // US$
      word = text.slice(i, end);
    } else if (c === 36 || c > 127) {
      word = SYMBOLS.find((symbol) => text.startsWith(symbol, i)) ?? null;
    }
    if (word !== null) {
      i += word.length;
      const power = UNITS.get(word);
      if (power !== undefined) {
        if (unit !== null || number === null || index !== numberAt + 1) {
          throw new RuleError(
            argument,
            `${show(value)}: 万 or 亿 must follow the number, once`,
            `${show(value)}：万或亿只能紧跟在数字之后，且只能出现一次`,
          );
        }
        unit = power;
        unitAt = index++;
        continue;
      }
      const found = CURRENCIES.get(word.toUpperCase());
      if (found === undefined) {
        letters ??= word;
      } else if (currency !== null && currency !== found) {
        throw new RuleError(
          argument,
          `${show(value)} mixes currencies (${currencyText} and ${word})`,
          `${show(value)} 混用了不同币种（${currencyText} 和 ${word}）`,
        );
      } else {
        currency = found;
        currencyText = word;
      }
    } else if (c === 43 || c === 45) {
      if (signs++ === 0) {
        sign = c;
        signAt = index;
      }
      i++;
    } else if (c === 40) {
      if (opens++ === 0) openAt = index;
      i++;
    } else if (c === 41) {
      if (closes++ === 0) closeAt = index;
      i++;
    } else {
      stray = true;
      i++;
    }
    index++;
  }
  // Letters and other characters are reported after the whole cell is seen, so that `100 / 200` is "two numbers".
  if (letters !== null) {
    throw new RuleError(
      argument,
      `${show(value)} is not an amount: it holds the letters ${show(letters)}`,
      `${show(value)} 不是金额：含有字母 ${show(letters)}`,
    );
  }
  if (stray) throw notAmount(value, argument);
  if (number === null) throw notAmount(value, argument);
  const last = unitAt >= 0 ? unitAt : numberAt; // a trailing sign or ")" comes after the number and its unit
  // Accounting parentheses: "(" before the number and ")" after it, one pair.
  let negative = false;
  if (opens + closes > 0) {
    if (opens !== 1 || closes !== 1 || openAt > numberAt || closeAt < last) {
      throw new RuleError(argument, `${show(value)} has unbalanced parentheses`, `${show(value)} 的括号不成对`);
    }
    negative = true;
  }
  if (signs > 1 || (negative && sign === 45)) {
    throw new RuleError(argument, `${show(value)} has more than one sign`, `${show(value)} 含有多个正负号`);
  }
  // A sign before the number (`-1,000`, `-¥1,000`, `¥-1,000`), or a trailing minus after it (SAP's `1.000,00-`).
  if (sign === 43 && signAt > numberAt) {
    throw new RuleError(argument, `${show(value)} has a sign after the number`, `${show(value)} 的正负号在数字之后`);
  }
  if (sign === 45) negative = true;
  return { number, negative, unit, currency };
}

/**
 * The number of an amount with a decimal point and no grouping (`1.234,50` → `1234.50` when the mark is
 * ","), refusing grouping that is not in threes and a number that reads only with the other mark.
 */
function numberText(number: string, decimal: DecimalMark, value: string, argument: string): string {
  const read = plainDecimal(number, decimal);
  if (read !== null) return read;
  const other: DecimalMark = decimal === "." ? "," : ".";
  if (plainDecimal(number, other) !== null) {
    throw new RuleError(
      argument,
      `${show(value)} reads as a number only with a decimal ${other === "," ? "comma" : "point"}, and the column's amounts are read with a decimal ${decimal === "," ? "comma" : "point"}`,
      `${show(value)} 只有按小数${other === "," ? "逗号" : "点"}才能读作数字，而本列金额按小数${decimal === "," ? "逗号" : "点"}读取`,
    );
  }
  throw new RuleError(
    argument,
    `${show(value)} is not an amount: its digit grouping is not in threes (write 1,234,567.89 or 1234567.89)`,
    `${show(value)} 不是金额：数字分组不是每三位一组（应写作 1,234,567.89 或 1234567.89）`,
  );
}

/** The number with a decimal point and no grouping, or null when it cannot be read with this mark. */
function plainDecimal(number: string, decimal: DecimalMark): string | null {
  const e = number.search(/[eE]/);
  if (e >= 0) {
    // Scientific notation (as Excel writes a large number into a CSV): a plain mantissa only.
    const mantissa = number.slice(0, e);
    return /^(?:\d+(?:[.,]\d*)?|[.,]\d+)$/.test(mantissa) && !mantissa.includes(decimal === "." ? "," : ".")
      ? `${mantissa.replace(",", ".")}${number.slice(e)}`
      : null;
  }
  // One pass over the whole part: digits, and one group character (the other mark, a space or an
  // apostrophe) between groups of three after a first group of one to three digits.
  const mark = decimal.charCodeAt(0);
  const n = number.length;
  let group = -1;
  let run = 0; // digits since the last group character
  let i = 0;
  for (; i < n; i++) {
    const c = number.charCodeAt(i);
    if (c >= 48 && c <= 57) run++;
    else if (c === mark) break;
    else if (group === -1 ? run < 1 || run > 3 : c !== group || run !== 3) return null;
    else {
      group = c;
      run = 0;
    }
  }
  if (group !== -1 && run !== 3) return null;
  // The fraction: digits only (a second decimal mark or a group character there is not a number).
  for (let j = i + 1; j < n; j++) {
    const c = number.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  if (group === -1 && mark === 46) return number; // as Number and Decimal read it
  const whole = group === -1 ? number.slice(0, i) : number.slice(0, i).split(String.fromCharCode(group)).join("");
  return i < n ? `${whole}.${number.slice(i + 1)}` : whole;
}

/**
 * number x scale x 10^power, exactly, rounded once to the nearest double: a power of ten moves the decimal
 * point of the text; any other scale (or an exponent) is multiplied in decimal.
 */
function scaled(number: string, scale: number, power: number): number {
  const shift = power + Math.round(Math.log10(scale));
  if (10 ** (shift - power) === scale && shift >= 0 && !/[eE]/.test(number)) {
    const point = number.indexOf(".");
    const whole = point < 0 ? number : number.slice(0, point);
    const fraction = (point < 0 ? "" : number.slice(point + 1)).padEnd(shift, "0");
    const n = Number(`${whole}${fraction.slice(0, shift)}.${fraction.slice(shift)}`);
    return n === 0 ? 0 : n;
  }
  const n = new Exact(number).times(scale).times(new Exact(10).pow(power)).toNumber();
  return n === 0 ? 0 : n;
}

/** The amount, refused when its size is beyond MAX_AMOUNT. */
function bounded(amount: number, value: unknown, argument: string): number {
  if (!Number.isFinite(amount)) throw notAmount(value, argument);
  checkAmountBound(Math.abs(amount), value, argument);
  return amount;
}

function notAmount(value: unknown, argument: string): RuleError {
  return new RuleError(
    argument,
    `${show(value)} is not an amount (e.g. 1,234.50, -1,234.50, (1,234.50), ¥1,234.50 or 80万)`,
    `${show(value)} 不是金额（如 1,234.50、-1,234.50、(1,234.50)、¥1,234.50 或 80万）`,
  );
}

// ---- dates -----------------------------------------------------------------------------------------------

/** The order of a date's parts: year first (ISO, Chinese), month first (US) or day first (European). */
export type DateOrder = "ymd" | "mdy" | "dmy";
/** The orders a date written `a/b/year` may follow; the column, or the user, decides. */
export type DayMonthOrder = "mdy" | "dmy";

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const MONTH_NUMBER: ReadonlyMap<string, number> = new Map(
  ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((m, i) => [m, i + 1]),
);

/** A time of day after the date (`0:00`, `00:00:00`, `12:30 PM`, `T10:00:00.000`), ignored once checked. */
const TIME = /(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([ap])\.?m\.?)?$/i;
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\.?$/;
const SLASHED = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$/;
const DAY_MONTH_NAME = new RegExp(`^(\\d{1,2})[-\\s/.]*(${MONTHS})\\.?[-\\s/.,]*(\\d{4}|\\d{2})$`, "i");
const MONTH_NAME_DAY = new RegExp(`^(${MONTHS})\\.?[-\\s/.]*(\\d{1,2})(?:st|nd|rd|th)?\\s*,?[-\\s/.]*(\\d{4})$`, "i");
const YEAR_MONTH_NAME = new RegExp(`^(\\d{4})[-\\s/.](${MONTHS})\\.?[-\\s/.](\\d{1,2})$`, "i");
const SERIAL_TEXT = /^\d+(?:\.\d+)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Reads a ledger date as an Excel 1900 serial: everything readDate reads (a serial, `2025-07-31`,
 * `2025/7/31`, `2025.7.31`, `2025年7月31日`) and also `31.07.2025` (day first whenever dots separate a
 * date that ends in its year, as German and SAP exports write it), `7/31/2025` and `31/7/2025` (slashes or
 * dashes), month names (`31-Jul-2025`, `31 Jul 2025`, `Jul 31, 2025`, `2025-Jul-31`), each with an optional
 * time of day (`2/1/2013 0:00`, `2025-07-31 00:00:00`), which is ignored.
 *
 * Day and month: `a/b/year` is read in `order` when given. Without it, a date that only one order makes
 * real (`7/31/2025`, `31/7/2025`) or that both read alike (`5/5/2025`) is read; `2/1/2013` is refused,
 * asking for the order (detectDateOrder decides it from a column). Two-digit years follow Excel: 00-29
 * are 2000-2029, 30-99 are 1930-1999 (`7/31/25` is 2025-07-31).
 *
 * A number is a serial in the 1900 date system and gives readDate's result; the caller adds the 1904
 * system's offset first (as the triage's CellReader does with its dateOffset).
 * @throws RuleError naming `argument` for anything else, or a day that does not exist
 */
export function readLedgerDate(value: unknown, argument: string, order?: DayMonthOrder): number {
  if (order !== undefined && order !== null && order !== "mdy" && order !== "dmy") {
    throw new RuleError(
      "order",
      `${show(order)} is not a day/month order ("mdy" month first or "dmy" day first)`,
      `${show(order)} 不是日/月顺序（"mdy" 月在前，"dmy" 日在前）`,
    );
  }
  if (typeof value !== "string") return readDate(value, argument);
  const whole = toHalfWidth(value).trim().replace(/\s+/g, " ");
  const text = withoutTime(whole, value, argument);
  let m = YEAR_FIRST.exec(text) ?? CHINESE.exec(text);
  if (m) return dateSerial(Number(m[1]), Number(m[2]), Number(m[3]), value, argument, null);
  if ((m = DOTTED.exec(text))) return dateSerial(fullYear(m[3]), Number(m[2]), Number(m[1]), value, argument, "dmy");
  if ((m = SLASHED.exec(text))) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = fullYear(m[4]);
    const chosen = order ?? orderOf(a, b);
    if (chosen === null) throw orderNeeded(value, argument, a, b);
    const how = order ?? null; // a message says how the date was read only when the order was given
    return chosen === "mdy" ? dateSerial(year, a, b, value, argument, how) : dateSerial(year, b, a, value, argument, how);
  }
  if ((m = DAY_MONTH_NAME.exec(text))) return dateSerial(fullYear(m[3]), monthNumber(m[2]), Number(m[1]), value, argument, null);
  if ((m = MONTH_NAME_DAY.exec(text))) return dateSerial(Number(m[3]), monthNumber(m[1]), Number(m[2]), value, argument, null);
  if ((m = YEAR_MONTH_NAME.exec(text))) return dateSerial(Number(m[1]), monthNumber(m[2]), Number(m[3]), value, argument, null);
  // SAP's yyyymmdd: no serial has eight digits (the last, 9999-12-31, is 2958465).
  if ((m = COMPACT.exec(text))) return dateSerial(Number(m[1]), Number(m[2]), Number(m[3]), value, argument, null);
  if (SERIAL_TEXT.test(text) && text === whole) return readDate(text, argument);
  throw new RuleError(
    argument,
    `${show(value)} is not a date (use a date cell, an Excel serial, or text like 2025-07-31, 31.07.2025, 7/31/2025 or 31-Jul-2025)`,
    `${show(value)} 不是日期（请用日期单元格、Excel 日期序号，或 2025-07-31、31.07.2025、7/31/2025、31-Jul-2025 这样的文本）`,
  );
}

/** What a column's dates say about their day/month order. */
export interface DateOrderDetection {
  /** The order the deciding dates show; null when none decides or they contradict each other. */
  readonly order: DayMonthOrder | null;
  /** Up to three deciding dates as written (on a conflict, examples of both orders). */
  readonly evidence: string[];
  /** How many dates read differently in the two orders (`2/1/2013`). */
  readonly ambiguous: number;
  /** Up to three of those dates as written (to show when the order must be asked for). */
  readonly undecided: string[];
  /** True when some dates are only month first and others only day first: refuse to guess. */
  readonly conflict: boolean;
  /** How many dates are real only month first, and only day first. */
  readonly deciding: { readonly mdy: number; readonly dmy: number };
}

/** What one date text says about the day/month order: only one way, either way (ambiguous), or nothing. */
function dateOrderOf(raw: string): DayMonthOrder | "ambiguous" | null {
  const whole = toHalfWidth(raw).trim().replace(/\s+/g, " ");
  let text: string;
  try {
    text = withoutTime(whole, raw, "date");
  } catch {
    return null; // not a date at all: the reader reports it
  }
  const m = SLASHED.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a >= 1 && a <= 12 && b > 12 && b <= 31) return "mdy";
  if (b >= 1 && b <= 12 && a > 12 && a <= 31) return "dmy";
  return a !== b && a >= 1 && a <= 12 && b >= 1 && b <= 12 ? "ambiguous" : null;
}

/**
 * Decides the day/month order of a column's `a/b/year` dates from those where one part is above 12 and so
 * must be the day (`7/31/2025`: month first; `31/7/2025`: day first). Other texts (ISO, dotted, month
 * names, serials, blanks) do not bear on it. With no deciding date the order is null, and the caller asks
 * the user when `ambiguous` > 0; with both kinds, `conflict` is true and the caller reports it.
 */
export function detectDateOrder(texts: Iterable<string>): DateOrderDetection {
  const examples: Record<DayMonthOrder, string[]> = { mdy: [], dmy: [] };
  const deciding = { mdy: 0, dmy: 0 };
  let ambiguous = 0;
  const undecided: string[] = [];
  // What each text says, remembered: an export repeats a few hundred dates down a million rows.
  const seen = new Map<string, DayMonthOrder | "ambiguous" | null>();
  for (const raw of texts) {
    if (typeof raw !== "string") continue;
    let says = seen.get(raw);
    if (says === undefined) {
      says = dateOrderOf(raw);
      if (seen.size < 100_000) seen.set(raw, says);
    }
    if (says === "mdy" || says === "dmy") {
      if (deciding[says]++ < 3) examples[says].push(raw.trim());
    } else if (says === "ambiguous") {
      if (ambiguous++ < 3) undecided.push(raw.trim());
    }
  }
  const conflict = deciding.mdy > 0 && deciding.dmy > 0;
  const order: DayMonthOrder | null = conflict ? null : deciding.mdy > 0 ? "mdy" : deciding.dmy > 0 ? "dmy" : null;
  const evidence = conflict ? [examples.mdy[0], examples.dmy[0], ...examples.mdy.slice(1, 2)] : order === null ? [] : examples[order];
  return { order, evidence, ambiguous, undecided, conflict, deciding };
}

/**
 * The day/month decision as a sentence for the run's summary, in both languages: the order and the dates
 * that decided it, the dates that contradict each other, or the question to the user.
 */
export function describeDateOrder(detection: DateOrderDetection): { readonly en: string; readonly zh: string } {
  const list = (texts: readonly string[], sep: string) => texts.join(sep);
  if (detection.conflict) {
    const [mdy, dmy] = detection.evidence;
    return {
      en: `day/month order: the dates contradict each other (${detection.deciding.mdy} only month first, such as ${mdy}; ${detection.deciding.dmy} only day first, such as ${dmy}); correct them or choose the order`,
      zh: `日/月顺序：日期相互矛盾（${detection.deciding.mdy} 个只能是月在前，如 ${mdy}；${detection.deciding.dmy} 个只能是日在前，如 ${dmy}）；请更正或指定顺序`,
    };
  }
  if (detection.order !== null) {
    const en = detection.order === "mdy" ? "month first" : "day first";
    const zh = detection.order === "mdy" ? "月在前" : "日在前";
    return {
      en: `day/month order: ${en}, decided from ${list(detection.evidence, ", ")}`,
      zh: `日/月顺序：${zh}（依据 ${list(detection.evidence, "、")}）`,
    };
  }
  if (detection.ambiguous > 0) {
    return {
      en: `day/month order: undecided, ${detection.ambiguous} ${detection.ambiguous === 1 ? "date reads" : "dates read"} either way (${list(detection.undecided, ", ")}) and no date has a day above 12; choose month first (mdy) or day first (dmy)`,
      zh: `日/月顺序：无法判断，${detection.ambiguous} 个日期两种读法皆可（${list(detection.undecided, "、")}），且没有大于 12 的日；请选择月在前（mdy）或日在前（dmy）`,
    };
  }
  return { en: "day/month order: not needed (no date is written a/b/year)", zh: "日/月顺序：无需判断（没有 a/b/年 形式的日期）" };
}

/** The date part of a text, its time of day (checked to be a real one) cut off. */
function withoutTime(text: string, value: unknown, argument: string): string {
  const t = TIME.exec(text);
  if (!t) return text;
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  const second = t[3] === undefined ? 0 : Number(t[3]);
  const twelveHour = t[4] !== undefined;
  if ((twelveHour ? hour < 1 || hour > 12 : hour > 23) || minute > 59 || second > 59) {
    throw new RuleError(argument, `${show(value)} has no real time of day`, `${show(value)} 的时刻无效`);
  }
  return text.slice(0, t.index).trim();
}

/** The order that alone makes `a/b/year` a real date, or reads it the same either way; null when both do, differently. */
function orderOf(a: number, b: number): DayMonthOrder | null {
  if (a === b || b > 12) return "mdy";
  if (a > 12) return "dmy";
  return null;
}

/** Excel's two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999. */
function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 4 ? y : y < 30 ? 2000 + y : 1900 + y;
}

function monthNumber(name: string): number {
  return MONTH_NUMBER.get(name.slice(0, 3).toLowerCase()) as number;
}

const ORDER_NAMES: Record<DayMonthOrder, { en: string; zh: string }> = {
  mdy: { en: "month first", zh: "按月在前" },
  dmy: { en: "day first", zh: "按日在前" },
};

/** The serial of a date read from text, with the checks and messages of readDate. */
function dateSerial(year: number, month: number, day: number, value: unknown, argument: string, order: DayMonthOrder | null): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    const how = order === null ? { en: "", zh: "" } : { en: ` read ${ORDER_NAMES[order].en}`, zh: `（${ORDER_NAMES[order].zh}读取）` };
    throw new RuleError(argument, `${show(value)} is not a real date${how.en}`, `${show(value)}${how.zh}不是有效日期`);
  }
  if (year < 1900 || year > 9999) {
    throw new RuleError(argument, `${show(value)} is outside 1900-01-01..9999-12-31`, `${show(value)} 超出 1900-01-01 至 9999-12-31`);
  }
  return serialFromCivil(year, month, day);
}

function orderNeeded(value: unknown, argument: string, a: number, b: number): RuleError {
  const name = (m: number) =>
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1];
  return new RuleError(
    argument,
    `${show(value)} can be read two ways (${name(a)} ${b} month first, ${a} ${name(b)} day first): choose the day/month order, month first (mdy) or day first (dmy)`,
    `${show(value)} 有两种读法（月在前为 ${a} 月 ${b} 日，日在前为 ${b} 月 ${a} 日）：请选择日/月顺序，月在前（mdy）或日在前（dmy）`,
  );
}
