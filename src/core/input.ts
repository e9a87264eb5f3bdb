/**
 * Readers that turn what a user typed (a cell value, a CSV field) into the core's types, or throw a
 * RuleError that names the argument. Excel, the task pane and the command line all read through these,
 * so the same text means the same thing everywhere.
 */
import { RuleError, show } from "./errors.js";
import { checkAmountBound } from "./money.js";

/** True for a value that stands for an empty cell: null, undefined, "" or white space. */
export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Reads a number: a number, or text holding one (`1200000`, `1,200,000`, `1.5e6`, full-width digits).
 * Booleans are refused: TRUE in an amount cell is a mistake, not 1.
 */
export function readNumber(value: unknown, argument: string): number {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === "string") {
    const text = toHalfWidth(value.trim());
    const n = PLAIN_NUMBER.test(text) ? Number(text) : GROUPED_NUMBER.test(text) ? Number(text.replace(/,/g, "")) : Number.NaN;
    // "1e999" has the shape of a number but reads as Infinity: no rule can work with it.
    if (Number.isFinite(n)) return n;
    if (n === n) throw new RuleError(argument, `${show(value)} is too large a number`, `${show(value)} 数值过大`);
  }
  throw new RuleError(argument, `${show(value)} is not a number`, `${show(value)} 不是数字`);
}

/**
 * Reads an amount of money: a number from 0 to MAX_AMOUNT (the largest amount whose cents are exact), the
 * one bound every money argument of every function shares.
 */
export function readAmount(value: unknown, argument: string): number {
  const n = readNumber(value, argument);
  if (n < 0) throw new RuleError(argument, `${show(value)} is negative; amounts must be >= 0`, `${show(value)} 为负数，金额不能小于 0`);
  checkAmountBound(n, value, argument);
  return n;
}

/** Reads a whole number >= 0 (a count of events, a number of days). */
export function readCount(value: unknown, argument: string): number {
  const n = readNumber(value, argument);
  if (!Number.isInteger(n) || n < 0) {
    throw new RuleError(argument, `${show(value)} is not a whole number >= 0`, `${show(value)} 不是大于等于 0 的整数`);
  }
  return n;
}

/** Reads a rate as a fraction in [0, 1]: 0.9, or text `0.9` or `90%`. */
export function readRate(value: unknown, argument: string): number {
  let rate: number;
  if (typeof value === "string" && /[%％]\s*$/.test(value)) {
    rate = readNumber(value.replace(/[%％]\s*$/, ""), argument) / 100;
  } else {
    rate = readNumber(value, argument);
  }
  if (rate < 0 || rate > 1) {
    throw new RuleError(
      argument,
      `${show(value)} is not a rate between 0 and 1 (e.g. 0.9 or 90%)`,
      `${show(value)} 不是 0 到 1 之间的比率（如 0.9 或 90%）`,
    );
  }
  return rate;
}

/**
 * Reads one word from a fixed vocabulary, case- and width-insensitive.
 * @param words accepted spellings (lower case) mapped to their meaning
 * @param hint the accepted words, as shown to the user in both languages
 */
export function readWord<T>(value: unknown, argument: string, words: ReadonlyMap<string, T>, hint: string): T {
  if (typeof value === "string") {
    const found = words.get(toHalfWidth(value.trim()).toLowerCase());
    if (found !== undefined) return found;
  }
  throw new RuleError(argument, `${show(value)} is not one of ${hint}`, `${show(value)} 不在可选值 ${hint} 之中`);
}

/**
 * Reads a list of numbers from a range (any shape, read row by row, empty cells skipped) or from text
 * separated by commas, semicolons or Chinese commas (`30,60,90`, `30，60，90`).
 */
export function readNumberList(value: unknown, argument: string): number[] {
  const cells = flatten(value);
  const out: number[] = [];
  for (const cell of cells) {
    if (isEmpty(cell)) continue;
    if (typeof cell === "string" && /[,;，；、\s]/.test(cell.trim())) {
      for (const part of cell.split(/[,;，；、\s]+/)) {
        if (part.trim() !== "") out.push(readNumber(part, argument));
      }
    } else {
      out.push(readNumber(cell, argument));
    }
  }
  return out;
}

/** The cells of a value: a 2-D range read row by row, or the value itself. */
export function flatten(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [value];
  const out: unknown[] = [];
  for (const row of value) {
    if (Array.isArray(row)) out.push(...row);
    else out.push(row);
  }
  return out;
}

/** Full-width digits and signs (０-９，．％) to their ASCII forms, as Chinese input methods may type them. */
export function toHalfWidth(text: string): string {
  return /[\uFF01-\uFF5E]/.test(text) ? text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : text;
}
