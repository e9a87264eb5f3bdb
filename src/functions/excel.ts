/**
 * The Excel boundary of the AR functions: what Excel hands a custom function (cells and ranges of
 * numbers, text, booleans, null) becomes core values, and what the core says (values, RuleErrors)
 * becomes cells (values, "" for blank, `#VALUE!` with a message). Nothing else happens here: the rules
 * are in src/core.
 *
 * Behaviour (spec/functions.md): ranges of the same shape are processed element by element and the
 * result spills with that shape; a one-cell argument is broadcast; blank inputs give ""; a bad value is a
 * `#VALUE!` in its own cell only; nothing ever throws out of a function.
 */
import { isEmpty, RuleError, type Language } from "../core/index.js";

/** A cell value as Excel passes it to a custom function. */
export type Cell = number | string | boolean | null;
/** A range (or a single cell, as a 1x1 range). */
export type Grid = Cell[][];
/** What a function returns for one element: a value, "" for blank, or an Excel error. */
export type Result = number | string | boolean | CustomFunctions.Error;

/** Language of error messages: follows Excel's display language (set when Office is ready). */
let messageLanguage: Language = "en";

/** Sets the language of error messages (from `Office.context.displayLanguage`). */
export function setMessageLanguage(displayLanguage: string | undefined): void {
  messageLanguage = displayLanguage && displayLanguage.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** `#VALUE!` with a message (the only error code, with #N/A, that shows a message). */
export function valueError(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
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
 * Coerces what Excel passed for a matrix argument to a Grid (a bare value becomes 1x1; null stays null).
 * Excel's arrays are used as they are, never copied (a million-row column stays one array). Excel always
 * passes rectangles; should a row be short or not an array, its missing cells read as blank (`undefined`)
 * and a malformed row gives `#VALUE!` in its cells, never an exception.
 */
export function asGrid(value: unknown): Grid | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) return [[value as Cell]];
  if (value.length === 0) return null;
  if (!Array.isArray(value[0])) return (value as Cell[]).map((cell) => [cell]);
  return (value[0] as Cell[]).length === 0 ? null : (value as Grid);
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

/** Reads one cell for an argument: its value, BLANK, or the argument's fallback for a blank cell. */
function readCell<T>(arg: Arg<T>, cell: Cell): T | typeof BLANK {
  // The common case first: a non-zero number (a date serial, an amount, a count).
  if (typeof cell === "number" && cell !== 0) return arg.read(cell);
  if (isBlankCell(cell, arg.blank)) return arg.fallback !== undefined ? arg.fallback : BLANK;
  return arg.read(cell);
}

/** Maps the tuple of argument value types to the tuple of their Arg descriptions. */
export type Args<T extends readonly unknown[]> = { readonly [K in keyof T]: Arg<T[K]> };

/**
 * Applies `compute` element by element over ranges (broadcasting one-cell arguments), with blank
 * results for blank inputs and a `#VALUE!` in the cell of any bad input. One-cell arguments are read
 * once, not once per element: a column of a million due dates against one as-of date reads that date
 * once. `values` is reused between elements; `compute` must not keep it.
 *
 * @param args the element-wise arguments, in order
 * @param grids what Excel passed for each (null when omitted)
 * @param compute the rule for one element, on core values
 */
export function mapCells<const T extends readonly unknown[]>(args: readonly [...Args<T>], grids: readonly (Grid | null)[], compute: (values: T) => Result): Result[][] {
  return guard(() => {
    const list = args as readonly Arg<unknown>[];
    const [rows, cols] = commonShape(list.map((a) => a.name), grids);
    const n = list.length;
    // Per argument: its grid when it varies per element, else null and its one value in `values`.
    const perElement: (Grid | null)[] = new Array(n);
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const grid = grids[i];
      const arg = list[i];
      if (grid !== null && !(grid.length === 1 && grid[0].length === 1)) {
        perElement[i] = grid;
        continue;
      }
      perElement[i] = null;
      let value: unknown;
      try {
        value = grid === null ? (arg.fallback !== undefined ? arg.fallback : BLANK) : readCell(arg, grid[0][0]);
      } catch (error) {
        value = toExcelError(error);
      }
      // A broadcast argument that is blank or bad decides every element.
      if (value === BLANK || value instanceof CustomFunctions.Error) {
        const fill: Result = value === BLANK ? "" : (value as CustomFunctions.Error);
        return Array.from({ length: rows }, () => new Array<Result>(cols).fill(fill));
      }
      values[i] = value;
    }
    const out: Result[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      if (cols === 1) {
        out[r] = [element(list, perElement, values as unknown as T, r, 0, compute)];
        continue;
      }
      const line: Result[] = new Array(cols);
      for (let c = 0; c < cols; c++) line[c] = element(list, perElement, values as unknown as T, r, c, compute);
      out[r] = line;
    }
    return out;
  });
}

function element<T extends readonly unknown[]>(args: readonly Arg<unknown>[], perElement: readonly (Grid | null)[], values: T, r: number, c: number, compute: (values: T) => Result): Result {
  try {
    let blank = false;
    for (let i = 0; i < perElement.length; i++) {
      const grid = perElement[i];
      if (grid === null) continue; // broadcast: read once, already in values
      const v = readCell(args[i], grid[r][c]);
      if (v === BLANK) blank = true;
      (values as unknown as unknown[])[i] = v;
    }
    // Blank anywhere gives blank, but only after every cell was read: a bad value still shows its error.
    return blank ? "" : compute(values);
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
    throw new CallError(toExcelError(error));
  }
}

/** Reads an option that must be one cell (e.g. `output`); a range there is a mistake. Null when omitted. */
export function singleCell(value: unknown, name: string): Cell {
  const grid = asGrid(value);
  if (grid === null) return null;
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
