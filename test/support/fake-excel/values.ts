/**
 * What a cell of the fake holds, and how Excel reads a string written to `Range.values` as if typed:
 * formulas, numbers, percentages, booleans, error values (Excel's list, from the core), ISO dates.
 */
import { EXCEL_ERRORS } from "../../../src/core/index.js";

/** A formula cell: the fake keeps the formula and does not evaluate it. */
export class FakeFormula {
  constructor(readonly formula: string) {}
}

/** An error cell (#N/A, #DIV/0!, ...): `values` gives its code as a string, as Excel does. */
export class FakeErrorValue {
  constructor(readonly code: string) {}
}

/** What a cell holds (undefined: empty). */
export type Stored = string | number | boolean | FakeFormula | FakeErrorValue;

/** A value to put in a cell when setting up a workbook: null or "" for empty, `fakeError("#N/A")` for an error. */
export type FakeCellInput = string | number | boolean | null | undefined | FakeErrorValue | FakeFormula;

/** An error value for a test workbook. */
export function fakeError(code: string): FakeErrorValue {
  return new FakeErrorValue(code);
}

const NUMBER = /^\s*[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?\s*%?\s*$/;
const ISO_DATE = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*$/;
const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The Excel serial of a valid date, or NaN. */
function dateSerial(year: number, month: number, day: number): number {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year < 1900) return Number.NaN;
  return Math.round((ms - EXCEL_EPOCH) / MS_PER_DAY);
}

/** What Excel stores when a string is written to `values` (as if typed), and a number format it applies. */
interface Typed {
  readonly stored: Stored | undefined;
  readonly quotePrefix: boolean;
  readonly numberFormat?: string;
}

const EMPTY: Typed = { stored: undefined, quotePrefix: false };

/**
 * @param dateOffset days to subtract from a typed date's 1900 serial: 1462 in a 1904 workbook, which
 *   stores the date counted from 1904-01-01
 */
export function typeString(text: string, numberFormat: string, dateOffset = 0): Typed {
  if (text === "") return EMPTY;
  if (numberFormat === "@") return { stored: text, quotePrefix: false };
  // A text starting with a letter other than t/f (TRUE, FALSE) is text: the common case, without a regex.
  if (startsAsText(text)) return { stored: text, quotePrefix: false };
  const first = text[0];
  if (first === "'") return { stored: text.slice(1), quotePrefix: true };
  if (first === "=" && text.length > 1) return { stored: new FakeFormula(text), quotePrefix: false };
  if (NUMBER.test(text) && /\d/.test(text)) {
    const percent = text.includes("%");
    const n = Number(text.replace(/[,%\s]/g, ""));
    if (Number.isFinite(n)) return { stored: percent ? n / 100 : n, quotePrefix: false, numberFormat: percent ? "0%" : undefined };
  }
  if ((first === "+" || first === "-" || first === "@") && text.length > 1) {
    return { stored: new FakeFormula(first === "@" ? `=${text.slice(1)}` : `=${text}`), quotePrefix: false };
  }
  const upper = text.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { stored: upper === "TRUE", quotePrefix: false };
  if (EXCEL_ERRORS.has(upper)) return { stored: new FakeErrorValue(upper), quotePrefix: false };
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const serial = dateSerial(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (serial === serial && serial - dateOffset >= 0) return { stored: serial - dateOffset, quotePrefix: false, numberFormat: "m/d/yyyy" };
  }
  return { stored: text, quotePrefix: false };
}

/** Whether a string is text whatever the cell's format: it starts with a letter other than t/f (TRUE, FALSE). */
export function startsAsText(text: string): boolean {
  const c = text.charCodeAt(0);
  return ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0x3000) && c !== 84 && c !== 116 && c !== 70 && c !== 102;
}

/** A cell as `Range.values` gives it. */
export function valueOf(stored: Stored | undefined): string | number | boolean {
  if (stored === undefined) return "";
  if (stored instanceof FakeErrorValue) return stored.code;
  if (stored instanceof FakeFormula) return "#NAME?"; // not evaluated
  return stored;
}
