/**
 * The Excel boundary of the AR functions: what Excel hands a custom function (cells and ranges of
 * numbers, text, booleans, null) becomes core values, and what the core says (values, RuleErrors)
 * becomes cells (values, "" for blank, `#VALUE!` with a message). Nothing else happens here: the rules
 * are in src/core.
 *
 * Behaviour (docs/functions.md): ranges of the same shape are processed element by element and the
 * result spills with that shape; a one-cell argument is broadcast; blank inputs give ""; a bad value is a
 * `#VALUE!` in its own cell only; an Excel error in an argument comes out with its own code, as Excel's own
 * functions pass it on; no NaN or Infinity reaches a cell (#NUM! instead); nothing ever throws out of a
 * function.
 */
import { excelError, isEmpty, RuleError, type Language } from "../core/index.js";
import { pickLanguage } from "../result/locale.js";

/** A cell value as Excel passes it to a custom function. */
export type Cell = number | string | boolean | null;
/** A range (or a single cell, as a 1x1 range). */
export type Grid = Cell[][];
/** What a function returns for one element: a value, "" for blank, or an Excel error. */
export type Result = number | string | boolean | CustomFunctions.Error;

/** Language of error messages: follows Excel's display language (set when Office is ready). */
let messageLanguage: Language = "en";

/** Sets the language of error messages from Office's display language (`zh-CN`: Chinese; see pickLanguage). */
export function setMessageLanguage(displayLanguage: string | undefined): void {
  messageLanguage = pickLanguage(displayLanguage);
}

/** `#VALUE!` with a message (the only error code, with #N/A, that shows a message). */
export function valueError(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

/**
 * The error codes a custom function may return, by the text Excel shows. #NAME? and #REF! are missing on
 * purpose: the runtime's ErrorCode documents them as input errors only, not output errors.
 */
function returnableCodes(): ReadonlyMap<string, CustomFunctions.ErrorCode> {
  const c = CustomFunctions.ErrorCode;
  return new Map<string, CustomFunctions.ErrorCode>([
    ["#VALUE!", c.invalidValue],
    ["#N/A", c.notAvailable],
    ["#DIV/0!", c.divisionByZero],
    ["#NUM!", c.invalidNumber],
    ["#NULL!", c.nullReference],
  ]);
}
let returnable: ReadonlyMap<string, CustomFunctions.ErrorCode> | null = null;

/**
 * The error code an incoming cell holds, or null for an ordinary cell. Excel hands an error cell to an
 * `any` argument as an error object: a CustomFunctions.Error (`code`) or, depending on the host, a plain
 * object with `code` or `errorCode`; a CSV paste leaves the text itself ("#N/A"). Codes are those of
 * EXCEL_ERRORS (the core's list, shared with the triage); an object with no such code gives "" (not a
 * cell value at all).
 */
function incomingErrorCode(cell: unknown): string | null {
  if (typeof cell === "string") return excelError(cell);
  if (typeof cell !== "object" || cell === null) return null;
  const record = cell as { code?: unknown; errorCode?: unknown };
  for (const candidate of [record.code, record.errorCode]) {
    const code = typeof candidate === "string" ? excelError(candidate) : null;
    if (code !== null) return code;
  }
  return "";
}

/**
 * What an argument holding an incoming error gives: the same error where a custom function may return
 * it (#N/A and #VALUE! with a message naming the argument, the others bare, as Excel allows), else a
 * `#VALUE!` naming the original code and the argument. An object that is not a cell value at all gives a
 * `#VALUE!` saying so.
 */
function passOn(code: string, argument: string, cell: unknown): CustomFunctions.Error {
  if (code === "") {
    const [en, zh] = Array.isArray(cell) ? ["a nested array", "嵌套数组"] : ["an object", "对象"];
    return valueError(new RuleError(argument, `${en} is not a cell value`, `${zh}不是单元格的值`).text(messageLanguage));
  }
  returnable ??= returnableCodes();
  const out = returnable.get(code);
  if (out === CustomFunctions.ErrorCode.invalidValue || out === CustomFunctions.ErrorCode.notAvailable) {
    return new CustomFunctions.Error(out, new RuleError(argument, `holds the error ${code}`, `为错误值 ${code}`).text(messageLanguage));
  }
  if (out !== undefined) return new CustomFunctions.Error(out);
  return valueError(
    new RuleError(
      argument,
      `holds the error ${code}, which a custom function cannot pass on`,
      `为错误值 ${code}，自定义函数无法原样返回`,
    ).text(messageLanguage),
  );
}

/** The incoming error a cell holds for an argument, as it is passed on; null for an ordinary cell. */
function cellError(cell: unknown, argument: string): CustomFunctions.Error | null {
  const code = incomingErrorCode(cell);
  return code === null ? null : passOn(code, argument, cell);
}

/** `#NUM!`: a result too large for a cell (Excel's own answer to an overflow). */
function numError(): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber);
}

/** The Excel error for anything caught at the boundary: a RuleError's message, or a plain description. */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof RuleError) return valueError(error.text(messageLanguage));
  const text = error instanceof Error ? error.message : String(error);
  return valueError(messageLanguage === "zh" ? `内部错误：${text}` : `internal error: ${text}`);
}

/** How an empty cell arrives for an argument, and so what counts as blank for it. */
export type BlankKind =
  /** numbers: null or "" is blank (an empty cell inside a range arrives as 0 and cannot be told apart). */
  | "number"
  /** dates and words: 0 is also blank, since Excel desktop hands an empty cell over as 0. */
  | "zero-is-blank";

/** One element-wise argument: its name (for messages), how blank looks, and how to read a cell. */
export interface Arg<T> {
  readonly name: string;
  readonly blank: BlankKind;
  /** Reads a non-blank cell or throws a RuleError naming the argument. */
  readonly read: (cell: Cell) => T;
  /** When set, the argument is optional: null (omitted) or a blank cell gives this value. */
  readonly fallback?: T;
}

/** True when a cell is blank for an argument of this kind. */
export function isBlankCell(cell: Cell, kind: BlankKind): boolean {
  if (typeof cell === "number") return cell === 0 && kind === "zero-is-blank";
  return isEmpty(cell);
}

/**
 * Coerces what Excel passed for a matrix argument to a Grid (a bare value becomes 1x1, a flat list a
 * column; null, [] and [[]] stay null: omitted). Excel's arrays are used as they are, never copied (a
 * million-row column stays one array). Excel always passes rectangles: anything else (a null row, rows of
 * different lengths) is refused with a CallError naming the argument, never an exception further in.
 * @param name the argument's name, for the message
 */
export function asGrid(value: unknown, name: string): Grid | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) return [[value as Cell]];
  if (value.length === 0) return null;
  const first: unknown = value[0];
  if (!Array.isArray(first)) {
    if (value.some((row) => Array.isArray(row)))
      throw malformed(
        name,
        value.findIndex((row) => Array.isArray(row)),
        "a row among cells",
        "单元格中夹着一行",
      );
    return (value as Cell[]).map((cell) => [cell]);
  }
  const width = first.length;
  for (let r = 1; r < value.length; r++) {
    const row: unknown = value[r];
    if (!Array.isArray(row)) throw malformed(name, r, `${row === null ? "null" : typeof row}, not a row of cells`, "不是一行单元格");
    if (row.length !== width)
      throw malformed(
        name,
        r,
        `${row.length} cell${row.length === 1 ? "" : "s"} wide, row 1 ${width}`,
        `有 ${row.length} 个单元格，第 1 行有 ${width} 个`,
      );
  }
  return width === 0 ? null : (value as Grid);
}

/** The CallError for a range that is not a rectangle of cells. */
function malformed(name: string, row: number, en: string, zh: string): CallError {
  const error = new RuleError(name, `malformed range: row ${row + 1} is ${en}`, `区域格式错误：第 ${row + 1} 行${zh}`);
  return new CallError(valueError(error.text(messageLanguage)));
}

/**
 * Checks a whole-call argument (an option, tiers, edges, rates, a one-cell argument of PLAN): a malformed
 * range is refused, and an incoming error in any of its cells makes the whole result that error (the
 * first in reading order). Returns the value as it was given, for the core's reader.
 */
export function wholeCallArg(value: unknown, name: string): unknown {
  const grid = asGrid(value, name);
  if (grid === null) return value;
  for (const row of grid) {
    for (const cell of row) {
      const error = cellError(cell, name);
      if (error !== null) throw new CallError(error);
    }
  }
  return value;
}

const BLANK = Symbol("blank");

/** Thrown inside the boundary for a whole-call problem (shapes that do not match, a bad option). */
export class CallError extends Error {
  constructor(readonly error: CustomFunctions.Error) {
    super("call error");
  }
}

/**
 * The common shape of some grids: one-cell grids broadcast, all others must agree. Throws a CallError
 * naming the arguments whose shapes differ.
 */
export function commonShape(names: readonly string[], grids: readonly (Grid | null)[]): [number, number] {
  let rows = 1;
  let cols = 1;
  let owner = "";
  grids.forEach((grid, i) => {
    if (!grid || (grid.length === 1 && grid[0].length === 1)) return;
    const r = grid.length;
    const c = grid[0].length;
    if (owner === "") {
      rows = r;
      cols = c;
      owner = names[i];
    } else if (r !== rows || c !== cols) {
      const en = `${names[i]} is ${r}x${c} but ${owner} is ${rows}x${cols}: ranges must have the same shape (or be one cell)`;
      const zh = `${names[i]} 为 ${r}x${c}，而 ${owner} 为 ${rows}x${cols}：区域大小必须相同（或为单个单元格）`;
      throw new CallError(valueError(messageLanguage === "zh" ? zh : en));
    }
  });
  return [rows, cols];
}

/**
 * Reads one cell for an argument: its value, BLANK, the argument's fallback for a blank cell, or the
 * incoming error it holds (as passed on).
 */
function readCell<T>(arg: Arg<T>, cell: unknown): T | typeof BLANK | CustomFunctions.Error {
  // The common case first: a non-zero number (a date serial, an amount, a count).
  if (typeof cell === "number" && cell !== 0) return arg.read(cell);
  // Error cells: objects, or texts starting with "#" (excelError checks the first character first).
  if (typeof cell === "object" || typeof cell === "string") {
    const error = cellError(cell, arg.name);
    if (error !== null) return error;
  }
  if (isBlankCell(cell as Cell, arg.blank)) return arg.fallback !== undefined ? arg.fallback : BLANK;
  return arg.read(cell as Cell);
}

/** Maps the tuple of argument value types to the tuple of their Arg descriptions. */
export type Args<T extends readonly unknown[]> = { readonly [K in keyof T]: Arg<T[K]> };

/**
 * Applies `compute` element by element over ranges (broadcasting one-cell arguments), with blank
 * results for blank inputs, a `#VALUE!` in the cell of any bad input and an incoming error passed on in
 * its cell. Within an element the first argument (in argument order) that is bad or an error decides, as
 * in Excel; an error beats a blank. One-cell arguments are read once, not once per element: a column of a
 * million due dates against one as-of date reads that date once. `values` is reused between elements;
 * `compute` must not keep it.
 *
 * @param args the element-wise arguments, in order
 * @param grids what Excel passed for each (null when omitted)
 * @param compute the rule for one element, on core values
 */
export function mapCells<const T extends readonly unknown[]>(
  args: readonly [...Args<T>],
  grids: readonly (Grid | null)[],
  compute: (values: T) => Result,
): Result[][] {
  return guard(() => {
    const list = args as readonly Arg<unknown>[];
    const [rows, cols] = commonShape(
      list.map((a) => a.name),
      grids,
    );
    const n = list.length;
    // Per argument: its grid when it varies per element, else null and its one value in `values`, or
    // in `fixed` when that one value is blank or an error (it then decides every element it reaches).
    const perElement: (Grid | null)[] = new Array(n);
    const fixed: (typeof BLANK | CustomFunctions.Error | undefined)[] = new Array(n);
    const values = new Array<unknown>(n);
    let varying = false; // a per-element argument seen so far
    for (let i = 0; i < n; i++) {
      const grid = grids[i];
      const arg = list[i];
      if (grid !== null && !(grid.length === 1 && grid[0].length === 1)) {
        perElement[i] = grid;
        varying = true;
        continue;
      }
      perElement[i] = null;
      let value: unknown;
      try {
        value = grid === null ? (arg.fallback !== undefined ? arg.fallback : BLANK) : readCell(arg, grid[0][0]);
      } catch (error) {
        value = toExcelError(error);
      }
      if (value instanceof CustomFunctions.Error && !varying) {
        // No argument before it varies: this error is every element's answer.
        return Array.from({ length: rows }, () => new Array<Result>(cols).fill(value));
      }
      if (value === BLANK || value instanceof CustomFunctions.Error) fixed[i] = value;
      else values[i] = value;
    }
    // All one-cell arguments and one of them blank: the answer is blank.
    if (!varying && fixed.includes(BLANK)) return [[""]];
    const out: Result[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      if (cols === 1) {
        out[r] = [element(list, perElement, fixed, values as unknown as T, r, 0, compute)];
        continue;
      }
      const line: Result[] = new Array(cols);
      for (let c = 0; c < cols; c++) line[c] = element(list, perElement, fixed, values as unknown as T, r, c, compute);
      out[r] = line;
    }
    return out;
  });
}

function element<T extends readonly unknown[]>(
  args: readonly Arg<unknown>[],
  perElement: readonly (Grid | null)[],
  fixed: readonly (typeof BLANK | CustomFunctions.Error | undefined)[],
  values: T,
  r: number,
  c: number,
  compute: (values: T) => Result,
): Result {
  try {
    let blank = false;
    for (let i = 0; i < perElement.length; i++) {
      const grid = perElement[i];
      // A broadcast argument was read once: its value is in values, or its blank or error in fixed.
      const v = grid === null ? fixed[i] : readCell(args[i], grid[r][c]);
      if (v === undefined) continue;
      if (v === BLANK) {
        blank = true;
        continue;
      }
      if (v instanceof CustomFunctions.Error) return v; // the first error in argument order
      (values as unknown as unknown[])[i] = v;
    }
    // Blank anywhere gives blank, but only after every cell was read: a bad value still shows its error.
    return blank ? "" : cellValue(compute(values));
  } catch (error) {
    return toExcelError(error);
  }
}

/**
 * Runs a whole-call step (reading an option such as `output` or `edges`) and turns its RuleError into a
 * CallError, so that the function returns one `#VALUE!` explaining it.
 */
export function option<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof CallError ? error : new CallError(toExcelError(error));
  }
}

/** Reads an option that must be one cell (e.g. `output`); a range there is a mistake. Null when omitted. */
export function singleCell(value: unknown, name: string): Cell {
  const grid = asGrid(value, name);
  if (grid === null) return null;
  // An error cell makes the whole result that error, even in a range where one cell was expected.
  wholeCallArg(grid, name);
  if (grid.length !== 1 || grid[0].length !== 1) {
    throw new RuleError(name, "must be a single value, not a range", "必须是单个值，不能是区域");
  }
  const cell = grid[0][0];
  return isEmpty(cell) ? null : cell;
}

/** Wraps a whole function body: a CallError becomes its single error cell; nothing escapes. */
export function guard(body: () => Result[][]): Result[][] {
  try {
    return body();
  } catch (error) {
    return [[error instanceof CallError ? error.error : toExcelError(error)]];
  }
}

/**
 * A computed value as a cell Excel can show: a number that is not finite becomes #NUM! (Excel's answer to
 * an overflow) and anything that is not a cell value an error, so that no NaN, Infinity or undefined ever
 * reaches a cell. mapCells checks every element with it; rows built otherwise go through cellRows.
 */
export function cellValue(value: unknown): Result {
  if (typeof value === "number") return Number.isFinite(value) ? value : numError();
  if (typeof value === "string" || typeof value === "boolean" || value instanceof CustomFunctions.Error) return value;
  return toExcelError(`no cell value (${String(value)})`);
}

/** Rows of computed values (a spilled ladder, a plan) as cells Excel can show (see cellValue). */
export function cellRows(rows: readonly (readonly unknown[])[]): Result[][] {
  return rows.map((row) => row.map(cellValue));
}
