/**
 * Evaluates a one-call AR formula as Excel would: `=AR.GRADE(1, 20000, "good")` → the AR function of
 * src/functions/functions.ts called with Excel-shaped arguments (every argument a 1×1 matrix, an omitted
 * one null), giving the result grid. Arguments may be numbers, percentages, "text" and DATE(y, m, d), and
 * cell references (`Portfolio!$C2`) read through a resolver (a live result sheet's formulas).
 * Install the fake Excel globals (excel-globals.ts) before importing the functions.
 */
import { isoFromSerial, serialFromCivil } from "../../src/core/index.js";

/** The AR functions by their exported name (`grade`), as Excel calls them. */
export type ArFunctions = Record<string, (...args: unknown[]) => unknown[][]>;

/** Splits an argument list at top-level commas (Excel: an empty argument is omitted). */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let sheet = false; // inside a quoted sheet name ('Q3, debtors'!$A2)
  let current = "";
  for (const ch of text) {
    if (ch === '"' && !sheet) quoted = !quoted;
    if (ch === "'" && !quoted) sheet = !sheet;
    if (!quoted && !sheet && ch === "(") depth++;
    if (!quoted && !sheet && ch === ")") depth--;
    if (!quoted && !sheet && depth === 0 && ch === ",") {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

/**
 * Looks up a cell reference of a formula (`Portfolio!$C2`, `'Q3 debtors'!$C2`, `$AB$2`): the sheet's name
 * unquoted (null: the formula's own sheet), the 0-based row and column. Returns the cell's value as Excel
 * hands a one-cell reference to a custom function ("" for an empty cell, as Excel on the web does).
 */
export type CellResolver = (sheet: string | null, row: number, column: number) => unknown;

/** A cell reference: an optional sheet (bare or quoted, '' for an apostrophe), `$`s, column letters, row. */
const CELL_REF = /^(?:(?:'((?:[^']|'')+)'|([^'!(),"]+))!)?\$?([A-Z]{1,3})\$?(\d+)$/;

/** 0-based column of column letters: A → 0, AA → 26. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** One argument as Excel hands it to a custom function; cell references need a resolver. */
export function argument(text: string, resolve?: CellResolver): unknown[][] | null {
  if (text === "") return null;
  const ref = resolve === undefined ? null : CELL_REF.exec(text);
  if (ref !== null && resolve !== undefined) {
    const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : (ref[2] ?? null);
    const value = resolve(sheet, Number(ref[4]) - 1, columnIndex(ref[3]));
    return [[value === null || value === undefined ? "" : value]];
  }
  if (/^".*"$/.test(text)) return [[text.slice(1, -1)]];
  const date = /^DATE\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(text);
  if (date) return [[serialFromCivil(Number(date[1]), Number(date[2]), Number(date[3]))]];
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) return [[Number(percent[1]) / 100]];
  if (/^-?\d+(\.\d+)?$/.test(text)) return [[Number(text)]];
  throw new Error(`cannot evaluate argument ${text}`);
}

/** The result grid of a formula `=AR.NAME(...)`, its cell references read through `resolve`. */
export function evaluateGrid(functions: ArFunctions, formula: string, resolve?: CellResolver): unknown[][] {
  const m = /^=AR\.([A-Z]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not an AR formula: ${formula}`);
  const fn = functions[m[1].toLowerCase()];
  if (!fn) throw new Error(`no function ${m[1]}`);
  return fn(...splitArgs(m[2]).map((a) => argument(a, resolve)));
}

/**
 * A result cell as a person sees it: a number as Excel's General format shows it, a date serial as
 * yyyy-mm-dd when `asDate` (the cell formatted as a date), TRUE/FALSE, text as it is.
 */
export function shownCell(value: unknown, asDate: boolean): string {
  if (typeof value === "number" && asDate) return isoFromSerial(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Error) return (value as Error & { code?: string }).code ?? value.message;
  return String(value);
}
