/**
 * Evaluates a one-call AR formula as Excel would: `=AR.GRADE(1, 20000, "good")` → the AR function of
 * src/functions/functions.ts called with Excel-shaped arguments (every argument a 1×1 matrix, an omitted
 * one null), giving the result grid. Arguments may be numbers, percentages, "text" and DATE(y, m, d).
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
  let current = "";
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && ch === ",") {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

/** One argument as Excel hands it to a custom function. */
export function argument(text: string): unknown[][] | null {
  if (text === "") return null;
  if (/^".*"$/.test(text)) return [[text.slice(1, -1)]];
  const date = /^DATE\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(text);
  if (date) return [[serialFromCivil(Number(date[1]), Number(date[2]), Number(date[3]))]];
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) return [[Number(percent[1]) / 100]];
  if (/^-?\d+(\.\d+)?$/.test(text)) return [[Number(text)]];
  throw new Error(`cannot evaluate argument ${text}`);
}

/** The result grid of a formula `=AR.NAME(...)`. */
export function evaluateGrid(functions: ArFunctions, formula: string): unknown[][] {
  const m = /^=AR\.([A-Z]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not an AR formula: ${formula}`);
  const fn = functions[m[1].toLowerCase()];
  if (!fn) throw new Error(`no function ${m[1]}`);
  return fn(...splitArgs(m[2]).map(argument));
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
