/**
 * A fake Excel for the tests, the benchmark and the Playwright pane test: a workbook model (worksheets of
 * cells, the selection, tables, charts, number formats, fills, conditional formats) behind a fake
 * `Excel.RequestContext` that behaves as Office's does where the I/O layer depends on it:
 *
 * - Proxies queue operations; nothing happens until `context.sync()`, which runs the queue in order.
 *   A property is readable only after `load()` and a sync, else it throws PropertyNotLoaded. A failed
 *   operation rejects the sync: the operations before it stay applied, the rest are dropped.
 * - Each sync's request and response are measured as JSON (UTF-8 bytes); a request or a response over
 *   5 MB is refused (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded), as Excel on the
 *   web does, and so is a read of more than 5,000,000 cells (RangeExceedsLimit).
 * - A string written to `Range.values` is read as if typed, as Excel does: `=...` (and `+x`, `-x`, `@x`
 *   that are not numbers) becomes a formula, `123`, `12%`, `TRUE`, `#N/A`, `2025-07-31` become a number, a
 *   boolean, an error, a date; a leading `'` is swallowed and keeps the rest as text; a cell formatted as
 *   text (`@`) keeps the string as it is.
 * - It can be told to fail the Nth sync (half-way through its operations) or a kind of operation.
 *
 * Only the API surface the layer and the pane use is implemented; anything else is undefined, so a call
 * to it fails loudly. No Node or DOM imports: it is bundled into a browser page as a fake Office host.
 * Formulas are not evaluated (a formula cell reads as #NAME?), and `getUsedRange` ignores formats.
 */
import { jsonByteLength } from "./payload.js";

// ------------------------------------------------------------------------------------------------
// Errors

/** Office's error (OfficeExtension.Error): a `code` such as ItemNotFound, a message, debugInfo. */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { readonly code: string; readonly message: string; readonly errorLocation?: string };

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

const notFound = (what: string) => new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist. (${what})`);
const invalidArgument = (message: string, where?: string) => new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${message}`, where);

// ------------------------------------------------------------------------------------------------
// Cells

/** A formula cell: the fake keeps the formula and does not evaluate it. */
export class FakeFormula {
  constructor(readonly formula: string) {}
}

/** An error cell (#N/A, #DIV/0!, ...): `values` gives its code as a string, as Excel does. */
export class FakeErrorValue {
  constructor(readonly code: string) {}
}

/** What a cell holds (undefined: empty). */
type Stored = string | number | boolean | FakeFormula | FakeErrorValue;

/** A value to put in a cell when setting up a workbook: null or "" for empty, `fakeError("#N/A")` for an error. */
export type FakeCellInput = string | number | boolean | null | undefined | FakeErrorValue | FakeFormula;

/** An error value for a test workbook. */
export function fakeError(code: string): FakeErrorValue {
  return new FakeErrorValue(code);
}

const ERROR_CODES = new Set(["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"]);
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
function typeString(text: string, numberFormat: string, dateOffset = 0): Typed {
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
  if (ERROR_CODES.has(upper)) return { stored: new FakeErrorValue(upper), quotePrefix: false };
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const serial = dateSerial(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (serial === serial && serial - dateOffset >= 0) return { stored: serial - dateOffset, quotePrefix: false, numberFormat: "m/d/yyyy" };
  }
  return { stored: text, quotePrefix: false };
}

/** Whether a string is text whatever the cell's format: it starts with a letter other than t/f (TRUE, FALSE). */
function startsAsText(text: string): boolean {
  const c = text.charCodeAt(0);
  return ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0x3000) && c !== 84 && c !== 116 && c !== 70 && c !== 102;
}

/** A cell as `Range.values` gives it. */
function valueOf(stored: Stored | undefined): string | number | boolean {
  if (stored === undefined) return "";
  if (stored instanceof FakeErrorValue) return stored.code;
  if (stored instanceof FakeFormula) return "#NAME?"; // not evaluated
  return stored;
}

// ------------------------------------------------------------------------------------------------
// Addresses

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function letters(column: number): string {
  let n = column + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnOf(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet name as Excel writes it in an address: quoted when it is not a plain word. */
function sheetRef(name: string): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

function a1(rect: Rect): string {
  const from = `${letters(rect.left)}${rect.top + 1}`;
  return rect.top === rect.bottom && rect.left === rect.right ? from : `${from}:${letters(rect.right)}${rect.bottom + 1}`;
}

/** Parses `A1`, `A1:C3`, `A:C`, `1:3`, optionally after `Sheet!` or `'My sheet'!`. */
function parseAddress(address: string): { sheet?: string; rect: Rect } {
  let sheet: string | undefined;
  let rest = address.trim();
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const parts = rest.split(":");
  if (parts.length > 2) throw invalidArgument(`bad address ${address}`);
  const cells = parts.map((p) => /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/.exec(p));
  if (cells.some((m) => m === null || (m[1] === undefined && m[2] === undefined))) throw invalidArgument(`bad address ${address}`);
  const [m1, m2] = [cells[0]!, (cells[1] ?? cells[0])!];
  const top = m1[2] === undefined ? 0 : Number(m1[2]) - 1;
  const bottom = m2[2] === undefined ? MAX_ROWS - 1 : Number(m2[2]) - 1;
  const left = m1[1] === undefined ? 0 : columnOf(m1[1]);
  const right = m2[1] === undefined ? MAX_COLUMNS - 1 : columnOf(m2[1]);
  const rect = { top: Math.min(top, bottom), bottom: Math.max(top, bottom), left: Math.min(left, right), right: Math.max(left, right) };
  if (rect.top < 0 || rect.bottom >= MAX_ROWS || rect.left < 0 || rect.right >= MAX_COLUMNS) throw invalidArgument(`address out of the sheet: ${address}`);
  return { sheet, rect };
}

const rows = (r: Rect) => r.bottom - r.top + 1;
const cols = (r: Rect) => r.right - r.left + 1;
const within = (inner: Rect, outer: Rect) => inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
const overlaps = (a: Rect, b: Rect) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

// ------------------------------------------------------------------------------------------------
// The workbook model

/** A static format set on a rectangle (later layers win). */
interface FormatLayer extends Rect {
  readonly numberFormat?: string;
  readonly fill?: string | null;
  readonly bold?: boolean;
  readonly fontColor?: string;
}

/** A conditional format of type Custom: a formula relative to the top-left cell of its range. */
export interface FakeConditionalFormat {
  readonly rect: Rect;
  formula: string;
  fill: string | null;
  fontColor: string | null;
  stopIfTrue: boolean;
}

/** A chart: its type, source range and the options the layer sets. */
export class FakeChart {
  title = "";
  legendVisible = true;
  position: { from: string; to?: string } | null = null;
  constructor(
    readonly sheet: FakeWorksheet,
    public name: string,
    readonly type: string,
    readonly source: Rect,
    readonly seriesBy: string,
  ) {}

  /** The chart's data as Excel plots a range with a header row and a category column (series by columns). */
  data(): { categories: (string | number | boolean)[]; series: { name: string; values: (string | number | boolean)[] }[] } {
    const grid = this.sheet.valuesOf(this.source);
    const header = grid[0].every((v) => typeof v === "string");
    const body = header ? grid.slice(1) : grid;
    const categoryColumn = body.length > 0 && body.every((r) => typeof r[0] === "string");
    const start = categoryColumn ? 1 : 0;
    const series = [];
    for (let c = start; c < grid[0].length; c++) {
      series.push({ name: header ? String(grid[0][c]) : `Series${c - start + 1}`, values: body.map((r) => r[c]) });
    }
    return { categories: categoryColumn ? body.map((r) => r[0]) : body.map((_, i) => i + 1), series };
  }
}

/** An Excel table. */
export class FakeTable {
  style = "TableStyleMedium2";
  showBandedRows = true;
  showFilterButton = true;
  deleted = false;
  constructor(
    readonly id: string,
    public name: string,
    readonly sheet: FakeWorksheet,
    public rect: Rect,
    public showHeaders: boolean,
    public showTotals: boolean,
  ) {}

  /** The header row, body and totals row as rectangles. */
  get headerRect(): Rect | null {
    return this.showHeaders ? { ...this.rect, bottom: this.rect.top } : null;
  }
  get bodyRect(): Rect {
    return { ...this.rect, top: this.rect.top + (this.showHeaders ? 1 : 0), bottom: this.rect.bottom - (this.showTotals ? 1 : 0) };
  }
}

/** A worksheet: cells by row, formats, tables' and charts' host. Read it in tests with values(), fillAt(), ... */
export class FakeWorksheet {
  visible = true;
  deleted = false;
  /** Writes, format changes, tables, charts, renames made through the API (0: untouched). */
  mutations = 0;
  frozenRows = 0;
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly charts: FakeChart[] = [];
  readonly columnWidths = new Map<number, number>();
  private readonly cells: (Stored | undefined)[][] = [];
  private readonly quoted = new Set<number>();
  private readonly cellFormats = new Map<number, string>();
  /** Number formats set on whole ranges, and fills and fonts: apart, so that looking up one never scans the other. */
  private readonly numberLayers: FormatLayer[] = [];
  private readonly layers: FormatLayer[] = [];

  constructor(
    readonly workbook: FakeWorkbook,
    readonly id: string,
    public name: string,
  ) {}

  // ---- reading (for tests) ----

  /** The cells of a range (an A1 address on this sheet, or a Rect) as `Range.values` gives them. */
  values(address?: string | Rect): (string | number | boolean)[][] {
    const rect = address === undefined ? this.usedRect() : typeof address === "string" ? parseAddress(address).rect : address;
    return rect === null ? [] : this.valuesOf(rect);
  }

  /** Row and column 0-based. */
  value(row: number, column: number): string | number | boolean {
    return valueOf(this.cells[row]?.[column]);
  }

  /** The formula of a cell, or null when it holds a constant. */
  formula(row: number, column: number): string | null {
    const s = this.cells[row]?.[column];
    return s instanceof FakeFormula ? s.formula : null;
  }

  /** Whether the cell's text was written with a leading apostrophe (Excel's quote prefix). */
  isQuotePrefixed(row: number, column: number): boolean {
    return this.quoted.has(row * MAX_COLUMNS + column);
  }

  /** The cell's number format (`General` when none was set). */
  numberFormatAt(row: number, column: number): string {
    const own = this.cellFormats.get(row * MAX_COLUMNS + column);
    if (own !== undefined) return own;
    for (let i = this.numberLayers.length - 1; i >= 0; i--) {
      const l = this.numberLayers[i];
      if (l.numberFormat !== undefined && row >= l.top && row <= l.bottom && column >= l.left && column <= l.right) return l.numberFormat;
    }
    return "General";
  }

  /** Whether the cell was made bold. */
  isBold(row: number, column: number): boolean {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      if (l.bold !== undefined && row >= l.top && row <= l.bottom && column >= l.left && column <= l.right) return l.bold;
    }
    return false;
  }

  /** The fill a cell shows: the first conditional format whose formula holds, else its own fill; null: none. */
  fillAt(row: number, column: number): string | null {
    for (const cf of this.conditionalFormats) {
      const r = cf.rect;
      if (row < r.top || row > r.bottom || column < r.left || column > r.right) continue;
      if (this.evaluate(cf.formula, row - r.top, column - r.left)) {
        if (cf.fill !== null) return cf.fill;
        if (cf.stopIfTrue) break;
      }
    }
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      if (l.fill !== undefined && row >= l.top && row <= l.bottom && column >= l.left && column <= l.right) return l.fill;
    }
    return null;
  }

  /** Width of a column in points (Excel's default 48). */
  columnWidth(column: number): number {
    return this.columnWidths.get(column) ?? 48;
  }

  /** The tables on this sheet. */
  get tables(): FakeTable[] {
    return this.workbook.tables.filter((t) => t.sheet === this && !t.deleted);
  }

  /** The bounds of the non-empty cells, or null for an empty sheet (getUsedRange(true)). */
  usedRect(): Rect | null {
    let top = -1;
    let bottom = -1;
    let left = MAX_COLUMNS;
    let right = -1;
    for (let r = 0; r < this.cells.length; r++) {
      const row = this.cells[r];
      if (row === undefined) continue;
      let any = false;
      for (let c = 0; c < row.length; c++) {
        if (row[c] === undefined) continue;
        any = true;
        if (c < left) left = c;
        if (c > right) right = c;
      }
      if (any) {
        if (top < 0) top = r;
        bottom = r;
      }
    }
    return top < 0 ? null : { top, bottom, left, right };
  }

  /** An A1 address on this sheet, as Excel gives `Range.address`. */
  address(rect: Rect): string {
    return `${sheetRef(this.name)}!${a1(rect)}`;
  }

  // ---- the model, as the API changes it ----

  /** @internal */
  isEmpty(row: number, column: number): boolean {
    return row < 0 || column < 0 || this.cells[row]?.[column] === undefined;
  }

  /** @internal */
  valuesOf(rect: Rect): (string | number | boolean)[][] {
    const out: (string | number | boolean)[][] = new Array(rows(rect));
    const width = cols(rect);
    for (let r = rect.top; r <= rect.bottom; r++) {
      const src = this.cells[r];
      const line: (string | number | boolean)[] = new Array(width);
      for (let c = 0; c < width; c++) line[c] = valueOf(src?.[rect.left + c]);
      out[r - rect.top] = line;
    }
    return out;
  }

  /** @internal The formulas of a range: the formula, or the constant as values gives it. */
  formulasOf(rect: Rect): (string | number | boolean)[][] {
    const out = this.valuesOf(rect);
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const f = this.formula(r, c);
        if (f !== null) out[r - rect.top][c - rect.left] = f;
      }
    }
    return out;
  }

  /** @internal */
  numberFormatsOf(rect: Rect): string[][] {
    const out: string[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const line: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) line.push(this.numberFormatAt(r, c));
      out.push(line);
    }
    return out;
  }

  /**
   * @internal Writes values into a range: `typed` strings are read as Excel reads typed text (formulas,
   * numbers, dates, the quote prefix); null leaves a cell as it is, as Office does.
   */
  write(rect: Rect, values: readonly (readonly FakeCellInput[])[], typed: boolean): void {
    for (let r = 0; r < values.length; r++) {
      const line = values[r];
      const row = r + rect.top;
      let target = this.cells[row];
      if (target === undefined) target = this.cells[row] = [];
      for (let c = 0; c < line.length; c++) {
        const v = line[c];
        if (v === null) continue;
        const column = rect.left + c;
        const key = row * MAX_COLUMNS + column;
        if (this.quoted.size > 0) this.quoted.delete(key);
        if (v === undefined || v === "") {
          target[column] = undefined;
          continue;
        }
        if (typeof v === "number") {
          if (!Number.isFinite(v)) throw invalidArgument(`${v} cannot be stored in a cell`);
          target[column] = v;
        } else if (typeof v !== "string" || !typed || startsAsText(v)) {
          target[column] = v;
        } else {
          const t = typeString(v, this.numberFormatAt(row, column), this.workbook.use1904DateSystem ? 1462 : 0);
          target[column] = t.stored;
          if (t.quotePrefix) this.quoted.add(key);
          if (t.numberFormat !== undefined && this.numberFormatAt(row, column) === "General") this.cellFormats.set(key, t.numberFormat);
        }
      }
    }
    this.mutations++;
  }

  /** @internal Number formats: a grid the size of the range, or one format for all its cells. */
  setNumberFormats(rect: Rect, formats: readonly (readonly (string | null)[])[]): void {
    if (formats.length === 1 && formats[0].length === 1) {
      if (formats[0][0] !== null) this.numberLayers.push({ ...rect, numberFormat: formats[0][0] });
      // A broadcast replaces the cells' own formats.
      for (const key of [...this.cellFormats.keys()]) {
        const r = Math.floor(key / MAX_COLUMNS);
        const c = key % MAX_COLUMNS;
        if (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right) this.cellFormats.delete(key);
      }
    } else {
      formats.forEach((line, r) =>
        line.forEach((f, c) => {
          if (f !== null) this.cellFormats.set((rect.top + r) * MAX_COLUMNS + rect.left + c, f);
        }),
      );
    }
    this.mutations++;
  }

  /** @internal */
  addLayer(layer: FormatLayer): void {
    this.layers.push(layer);
    this.mutations++;
  }

  /** @internal How many static format layers were set (what a fill per run of rows costs). */
  get formatLayerCount(): number {
    return this.layers.length;
  }

  /** @internal The current region around a cell: bounded by blank rows and columns (Ctrl+Shift+*). */
  region(row: number, column: number): Rect {
    let top = row;
    let bottom = row;
    let left = column;
    let right = column;
    const rowHas = (r: number, from: number, to: number) => {
      if (r < 0 || r >= MAX_ROWS) return false;
      const line = this.cells[r];
      if (line === undefined) return false;
      for (let c = Math.max(0, from); c <= Math.min(to, line.length - 1); c++) if (line[c] !== undefined) return true;
      return false;
    };
    const columnHas = (c: number, from: number, to: number) => {
      if (c < 0 || c >= MAX_COLUMNS) return false;
      for (let r = Math.max(0, from); r <= to; r++) if (this.cells[r]?.[c] !== undefined) return true;
      return false;
    };
    for (let changed = true; changed; ) {
      changed = false;
      while (rowHas(bottom + 1, left - 1, right + 1)) {
        bottom++;
        changed = true;
      }
      while (rowHas(top - 1, left - 1, right + 1)) {
        top--;
        changed = true;
      }
      while (columnHas(right + 1, top - 1, bottom + 1)) {
        right++;
        changed = true;
      }
      while (columnHas(left - 1, top - 1, bottom + 1)) {
        left--;
        changed = true;
      }
    }
    return { top, bottom, left, right };
  }

  /** @internal Column widths from the text of a range (Excel's autofit, about 7 points a character). */
  autofit(rect: Rect): void {
    for (let c = rect.left; c <= rect.right; c++) {
      let widest = 0;
      for (let r = rect.top; r <= rect.bottom; r++) {
        const v = this.cells[r]?.[c];
        if (v === undefined) continue;
        const text = String(valueOf(v));
        let w = 0;
        for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
        if (w > widest) widest = w;
      }
      this.columnWidths.set(c, Math.min(255 * 5.25, Math.max(12, widest * 5.25 + 8)));
    }
    this.mutations++;
  }

  /**
   * Evaluates a conditional format's formula at an offset from its range's top-left cell. The fake knows
   * comparisons of one cell with a constant (`=$J2=3`, `=A1>100`, `=$B2="x"`), which is what the layer writes.
   */
  private evaluate(formula: string, dr: number, dc: number): boolean {
    const m = /^=(\$?)([A-Z]{1,3})(\$?)(\d+)\s*(<>|>=|<=|=|>|<)\s*(-?\d+(?:\.\d+)?|"[^"]*")$/.exec(formula);
    if (m === null) throw new Error(`the fake Excel does not evaluate the conditional format ${formula}`);
    const column = columnOf(m[2]) + (m[1] === "$" ? 0 : dc);
    const row = Number(m[4]) - 1 + (m[3] === "$" ? 0 : dr);
    const cell = valueOf(this.cells[row]?.[column]);
    const literal: string | number = m[6].startsWith('"') ? m[6].slice(1, -1) : Number(m[6]);
    // Excel compares text and numbers as different types: "3" is not 3, and "" is not 0.
    const cmp = typeof cell === typeof literal ? (cell < literal ? -1 : cell > literal ? 1 : 0) : Number.NaN;
    switch (m[5]) {
      case "=": return cmp === 0;
      case "<>": return cmp !== 0;
      case ">": return cmp > 0;
      case "<": return cmp < 0;
      case ">=": return cmp >= 0;
      default: return cmp <= 0;
    }
  }
}

/** What one sync sent and received. */
export interface FakeSyncRecord {
  readonly operations: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Cells written with `values` and read with `load("values")`. */
  readonly cellsWritten: number;
  readonly cellsRead: number;
  /** The error code when the sync was refused or failed. */
  readonly failed?: string;
  /** Time the fake spent running the sync (the stand-in for Excel's work), without the latency. */
  readonly elapsedMs: number;
}

export interface FakeWorkbookOptions {
  /** Largest request or response (default 5,000,000 bytes, Excel on the web's 5 MB). */
  readonly payloadLimit?: number;
  /** Most cells one `values` read may return (default 5,000,000). */
  readonly cellsPerReadLimit?: number;
  /** Delay of each sync in milliseconds (a browser test can watch the progress). */
  readonly latencyMs?: number;
  /** The workbook counts dates from 1904-01-01 (older Mac Excel's default; `Workbook.use1904DateSystem`). */
  readonly use1904DateSystem?: boolean;
}

interface SyncFailure {
  at: number;
  afterOperations?: number;
  code: string;
}

interface OperationFailure {
  name: string;
  times: number;
  code: string;
}

/** A workbook: sheets, the selection, tables and defined names, and the syncs made on it. */
export class FakeWorkbook {
  readonly sheets: FakeWorksheet[] = [];
  readonly tables: FakeTable[] = [];
  /** Defined names (a table may not take one of them). */
  readonly names: string[] = [];
  readonly payloadLimit: number;
  readonly cellsPerReadLimit: number;
  readonly latencyMs: number;
  /** The 1904 date system: cells hold serials counted from 1904-01-01 (Workbook.use1904DateSystem). */
  use1904DateSystem: boolean;
  /** Every sync made through a context of this workbook, in order. */
  readonly syncs: FakeSyncRecord[] = [];
  /** The recalculations asked for (`Application.calculate`'s type: `Full`, `Recalculate`, ...), in order. */
  readonly calculations: string[] = [];
  active: FakeWorksheet | null = null;
  selection: { sheet: FakeWorksheet; rects: Rect[] } | null = null;
  private nextId = 1;
  private tableCount = 0;
  private chartCount = 0;
  private readonly syncFailures: SyncFailure[] = [];
  private readonly operationFailures: OperationFailure[] = [];

  constructor(options: FakeWorkbookOptions = {}) {
    this.payloadLimit = options.payloadLimit ?? 5_000_000;
    this.cellsPerReadLimit = options.cellsPerReadLimit ?? 5_000_000;
    this.latencyMs = options.latencyMs ?? 0;
    this.use1904DateSystem = options.use1904DateSystem ?? false;
  }

  // ---- setting up ----

  /**
   * Adds a sheet holding `values` from `at` (default A1). `typed` reads strings as Excel reads typed text
   * (as when a CSV file is opened): numbers, dates, booleans, errors, formulas; else strings stay strings.
   */
  addSheet(name: string, values: readonly (readonly FakeCellInput[])[] = [], options: { typed?: boolean; at?: string } = {}): FakeWorksheet {
    const sheet = this.createSheet(name);
    if (values.length > 0) {
      const at = parseAddress(options.at ?? "A1").rect;
      sheet.write({ top: at.top, left: at.left, bottom: at.top + values.length - 1, right: at.left }, values, options.typed ?? false);
      sheet.mutations = 0;
    }
    return sheet;
  }

  /** The sheet of that name (case-insensitive, as Excel compares them). */
  sheet(name: string): FakeWorksheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  /** Selects a range (`Sheet!B2:C5`, or an address on the active sheet; `A1:B2,D4` for several areas). */
  select(address: string): void {
    const areas = address.split(",").map((a) => parseAddress(a));
    const sheet = areas[0].sheet === undefined ? this.active : this.findSheet(areas[0].sheet);
    if (!sheet) throw new Error(`no sheet for ${address}`);
    this.selection = { sheet, rects: areas.map((a) => a.rect) };
    this.active = sheet;
  }

  /** Makes a range an Excel table, as a user would (`Sheet!A1:D10`). */
  addTable(address: string, options: { name?: string; hasHeaders?: boolean; showTotals?: boolean } = {}): FakeTable {
    const { sheet: sheetName, rect } = parseAddress(address);
    const sheet = sheetName === undefined ? this.active : this.findSheet(sheetName);
    if (!sheet) throw new Error(`no sheet for ${address}`);
    const table = this.createTable(sheet, rect, options.hasHeaders ?? true);
    if (options.name) this.renameTable(table, options.name);
    if (options.showTotals) {
      table.showTotals = true;
      table.rect = { ...table.rect, bottom: table.rect.bottom + 1 };
    }
    sheet.mutations = 0;
    return table;
  }

  /** Adds a defined name. */
  addName(name: string): void {
    this.names.push(name);
  }

  /** Makes the `nth` next sync fail (1: the next one) after `afterOperations` of its operations (default: half). */
  failSync(nth: number, options: { afterOperations?: number; code?: string } = {}): void {
    this.syncFailures.push({ at: this.syncs.length + nth, afterOperations: options.afterOperations, code: options.code ?? "GeneralException" });
  }

  /** Makes an operation fail (`Worksheet.delete`, `Worksheet.name`, `Range.values`, ...), `times` times (default always). */
  failOperation(name: string, options: { times?: number; code?: string } = {}): void {
    this.operationFailures.push({ name, times: options.times ?? Number.POSITIVE_INFINITY, code: options.code ?? "AccessDenied" });
  }

  /** A new request context on this workbook, typed as Office's. */
  context(): Excel.RequestContext {
    return new FakeRequestContext(this) as unknown as Excel.RequestContext;
  }

  /** Excel.run: a context for the batch, and a last sync of what it left queued. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const context = new FakeRequestContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending > 0) await context.sync();
    return result;
  }

  // ---- the model, as the API changes it ----

  /** @internal */
  findSheet(name: string): FakeWorksheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => !s.deleted && s.name.toLowerCase() === lower);
  }

  /** @internal */
  createSheet(name?: string): FakeWorksheet {
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    this.checkSheetName(sheetName, null);
    const sheet = new FakeWorksheet(this, `{${String(this.nextId++).padStart(8, "0")}}`, sheetName);
    this.sheets.push(sheet);
    if (this.active === null) {
      this.active = sheet;
      this.selection = { sheet, rects: [{ top: 0, left: 0, bottom: 0, right: 0 }] };
    }
    return sheet;
  }

  /** @internal */
  checkSheetName(name: string, self: FakeWorksheet | null): void {
    if (name.length < 1 || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
      throw invalidArgument(`"${name}" is not a valid sheet name`);
    }
    const other = this.findSheet(name);
    if (other && other !== self) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
  }

  /** @internal */
  deleteSheet(sheet: FakeWorksheet): void {
    const visible = this.sheets.filter((s) => !s.deleted && s.visible);
    if (visible.length <= 1 && visible[0] === sheet) throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    sheet.deleted = true;
    for (const t of this.tables) if (t.sheet === sheet) t.deleted = true;
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    if (this.active === sheet || this.selection?.sheet === sheet) {
      const next = this.sheets[Math.max(0, index - 1)];
      this.active = next;
      this.selection = { sheet: next, rects: [{ top: 0, left: 0, bottom: 0, right: 0 }] };
    }
  }

  /** @internal */
  findTable(name: string): FakeTable | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => !t.deleted && t.name.toLowerCase() === lower);
  }

  /** @internal Converts a range to a table; the header row's cells become unique texts, as Excel makes them. */
  createTable(sheet: FakeWorksheet, rect: Rect, hasHeaders: boolean): FakeTable {
    let r = rect;
    for (const t of sheet.tables) if (overlaps(t.rect, r)) throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
    if (!hasHeaders) {
      // Excel inserts a header row above the data (Column1, Column2, ...): the fake only allows it with room.
      if (r.top === 0) throw new FakeOfficeError("InvalidOperation", "no room for a header row above the range");
      r = { ...r, top: r.top - 1 };
    }
    const header = sheet.valuesOf({ ...r, bottom: r.top })[0];
    const seen = new Set<string>();
    const names = header.map((v, i) => {
      let name = v === "" ? `Column${i + 1}` : String(v);
      let n = 2;
      const base = name;
      while (seen.has(name.toLowerCase())) name = `${base}${n++}`;
      seen.add(name.toLowerCase());
      return name;
    });
    sheet.write({ ...r, bottom: r.top }, [names], false);
    // A table needs a data row: Excel adds an empty one under a header alone.
    if (r.bottom === r.top) r = { ...r, bottom: r.top + 1 };
    let n = ++this.tableCount;
    while (this.findTable(`Table${n}`)) n = ++this.tableCount;
    const table = new FakeTable(`{T${this.nextId++}}`, `Table${n}`, sheet, r, true, false);
    this.tables.push(table);
    sheet.mutations++;
    return table;
  }

  /** @internal Table names: unique among tables and defined names, a valid name, not a cell reference. */
  renameTable(table: FakeTable, name: string): void {
    if (!/^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || name.length > 255) {
      throw invalidArgument(`"${name}" is not a valid table name`);
    }
    const other = this.findTable(name);
    if ((other && other !== table) || this.names.some((n) => n.toLowerCase() === name.toLowerCase())) {
      throw new FakeOfficeError("InvalidArgument", `A table or name "${name}" already exists.`);
    }
    table.name = name;
    table.sheet.mutations++;
  }

  /** @internal */
  newChartName(): string {
    return `Chart ${++this.chartCount}`;
  }

  /** @internal Whether a failure was asked for this operation (and uses it up). */
  operationFailure(name: string): string | null {
    const f = this.operationFailures.find((x) => x.name === name && x.times > 0);
    if (!f) return null;
    f.times--;
    return f.code;
  }

  /** @internal The failure planned for the sync about to run (1-based count), if any. */
  syncFailure(syncNumber: number): SyncFailure | undefined {
    return this.syncFailures.find((f) => f.at === syncNumber);
  }
}

// ------------------------------------------------------------------------------------------------
// The request context and its proxies

/** One queued operation: what it sends, and what it does when the sync runs it. */
interface Operation {
  readonly name: string;
  readonly requestBytes: number;
  readonly cells?: number;
  /** Runs the operation; for a load, returns what to hand to the proxy once the whole sync succeeded. */
  run(result: { responseBytes: number; cellsRead: number }): (() => void) | void;
}

const OVERHEAD = 64;

type LoadOption = string | string[] | { select?: string | string[] } | undefined;

function loadProps(option: LoadOption, defaults: readonly string[]): string[] {
  if (option === undefined) return [...defaults];
  if (typeof option === "string") return option.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (Array.isArray(option)) return option;
  return loadProps(option.select, defaults);
}

/** The fake Excel.RequestContext: a queue of operations and sync(). */
class FakeRequestContext {
  readonly workbook: WorkbookProxy;
  private queue: Operation[] = [];

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** @internal */
  enqueue(op: Operation): void {
    this.queue.push(op);
  }

  /** Sends the queued operations: all of them run in order, or the sync rejects with an Office error. */
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const book = this.book;
    if (book.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, book.latencyMs));
    else await Promise.resolve();
    const started = performance.now();
    const number = book.syncs.length + 1;
    let requestBytes = 2;
    let cellsWritten = 0;
    for (const op of ops) {
      requestBytes += op.requestBytes + OVERHEAD;
      cellsWritten += op.cells ?? 0;
    }
    const result = { responseBytes: 2, cellsRead: 0 };
    const record = (failed?: string) =>
      book.syncs.push({ operations: ops.length, requestBytes, responseBytes: result.responseBytes, cellsWritten, cellsRead: result.cellsRead, failed, elapsedMs: performance.now() - started });
    if (requestBytes > book.payloadLimit) {
      record("RequestPayloadSizeLimitExceeded");
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${requestBytes} bytes > ${book.payloadLimit}).`);
    }
    const failure = book.syncFailure(number);
    const failAt = failure === undefined ? -1 : Math.min(ops.length, failure.afterOperations ?? Math.floor(ops.length / 2));
    const commits: (() => void)[] = [];
    for (let i = 0; i < ops.length; i++) {
      if (i === failAt && failure) {
        record(failure.code);
        throw new FakeOfficeError(failure.code, `An internal error has occurred (injected at sync ${number}, after ${i} of ${ops.length} operations).`);
      }
      const op = ops[i];
      try {
        const planned = book.operationFailure(op.name);
        if (planned !== null) throw new FakeOfficeError(planned, `${op.name} was refused (injected).`, op.name);
        const commit = op.run(result);
        if (commit) commits.push(commit);
      } catch (error) {
        const e = error instanceof FakeOfficeError ? error : new FakeOfficeError("GeneralException", String(error), op.name);
        record(e.code);
        throw e;
      }
    }
    if (failAt === ops.length && failure) {
      record(failure.code);
      throw new FakeOfficeError(failure.code, `An internal error has occurred (injected at sync ${number}, after all operations).`);
    }
    if (result.responseBytes > book.payloadLimit) {
      record("ResponsePayloadSizeLimitExceeded");
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${result.responseBytes} bytes > ${book.payloadLimit}).`);
    }
    record();
    for (const commit of commits) commit();
  }
}

/** The base of every proxy: resolves its target when a sync runs, holds what was loaded. */
abstract class ClientObject<T> {
  /** @internal What the last syncs loaded (and what was set since). */
  readonly loaded = new Map<string, unknown>();
  private target: T | null | undefined;

  constructor(
    protected readonly ctx: FakeRequestContext,
    protected readonly resolver: () => T | null,
    protected readonly kind: string,
  ) {}

  get context(): FakeRequestContext {
    return this.ctx;
  }

  /** @internal The object this proxy stands for, resolved once, when a sync first needs it. */
  resolveOrNull(): T | null {
    if (this.target === undefined) this.target = this.resolver();
    if (this.target !== null && this.isGone(this.target)) throw notFound(this.kind);
    return this.target;
  }

  /** @internal */
  resolve(): T {
    const target = this.resolveOrNull();
    if (target === null) throw notFound(this.kind);
    return target;
  }

  protected isGone(target: T): boolean {
    void target;
    return false;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject") as boolean;
  }

  /** Queues a load of properties; they can be read after the next sync. */
  load(option?: LoadOption): this {
    const props = loadProps(option, this.defaultProps());
    this.ctx.enqueue({
      name: `${this.kind}.load`,
      requestBytes: jsonByteLength(props),
      run: (result) => {
        const target = this.resolveOrNull();
        const data = new Map<string, unknown>([["isNullObject", target === null]]);
        if (target !== null) for (const p of props) data.set(p, this.snapshot(p, target, result));
        let bytes = 2;
        for (const [k, v] of data) bytes += k.length + 4 + jsonByteLength(v);
        result.responseBytes += bytes;
        return () => {
          for (const [k, v] of data) this.loaded.set(k, v);
        };
      },
    });
    return this;
  }

  protected defaultProps(): readonly string[] {
    return [];
  }

  /** The value of a property when the sync runs (what the response carries). */
  protected snapshot(prop: string, target: T, result: { responseBytes: number; cellsRead: number }): unknown {
    void target;
    void result;
    throw invalidArgument(`the fake ${this.kind} cannot load "${prop}"`);
  }

  /** A loaded property, or Office's PropertyNotLoaded error. */
  protected read(prop: string): unknown {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        `${this.kind}.${prop}`,
      );
    }
    return this.loaded.get(prop);
  }

  /** Queues a property change; the proxy shows the new value at once, as Office's do. */
  protected write(prop: string, value: unknown, apply: (target: T) => void, cells = 0): void {
    this.loaded.set(prop, value);
    this.ctx.enqueue({ name: `${this.kind}.${prop}`, requestBytes: jsonByteLength(value), cells, run: () => apply(this.resolve()) });
  }

  /** Queues a method call that changes the workbook. */
  protected call(method: string, args: unknown, apply: (target: T) => void): void {
    this.ctx.enqueue({ name: `${this.kind}.${method}`, requestBytes: jsonByteLength(args), run: () => apply(this.resolve()) });
  }
}

interface RangeTarget {
  readonly sheet: FakeWorksheet;
  readonly rect: Rect;
}

class WorkbookProxy extends ClientObject<FakeWorkbook> {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly application: ApplicationProxy;

  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.book, "Workbook");
    this.application = new ApplicationProxy(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, () => ({ book: ctx.book, sheet: null }), "TableCollection");
    this.names = new NamedItemCollectionProxy(ctx);
  }

  /** The selected range; a selection of several areas makes the sync fail (InvalidSelection), as in Excel. */
  getSelectedRange(): RangeProxy {
    const book = this.ctx.book;
    return new RangeProxy(this.ctx, () => {
      const sel = book.selection;
      if (!sel) throw new FakeOfficeError("InvalidSelection", "Nothing is selected.");
      if (sel.rects.length > 1) throw new FakeOfficeError("InvalidSelection", "The current selection is invalid for this operation (several areas are selected).");
      return { sheet: sel.sheet, rect: sel.rects[0] };
    });
  }

  /** Whether the workbook uses the 1904 date system (ExcelApi 1.16; load it first). */
  get use1904DateSystem(): boolean {
    return this.read("use1904DateSystem") as boolean;
  }

  protected override snapshot(prop: string, target: FakeWorkbook, result: { responseBytes: number; cellsRead: number }): unknown {
    if (prop === "use1904DateSystem") return target.use1904DateSystem;
    return super.snapshot(prop, target, result);
  }
}

/** The application: only calculate(), recorded in FakeWorkbook.calculations. */
class ApplicationProxy extends ClientObject<FakeWorkbook> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.book, "Application");
  }

  calculate(calculationType: string): void {
    this.call("calculate", [calculationType], (book) => void book.calculations.push(calculationType));
  }
}

abstract class CollectionProxy<T, P extends ClientObject<T>> extends ClientObject<T[]> {
  private itemProxies: P[] | null = null;

  /** A collection is live: each load sees the items as they are then. */
  override resolveOrNull(): T[] {
    return this.resolver() ?? [];
  }

  get items(): P[] {
    this.read("items");
    return this.itemProxies ?? [];
  }

  protected abstract itemProxy(item: T): P;
  protected abstract itemProps(item: T, props: readonly string[]): Map<string, unknown>;

  override load(option?: LoadOption): this {
    const props = loadProps(option, ["items/name"]).map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
    this.ctx.enqueue({
      name: `${this.kind}.load`,
      requestBytes: jsonByteLength(props),
      run: (result) => {
        const items = this.resolve();
        const data = items.map((item) => this.itemProps(item, props.length > 0 ? props : ["name"]));
        for (const d of data) for (const [k, v] of d) result.responseBytes += k.length + 4 + jsonByteLength(v);
        return () => {
          this.loaded.set("items", true);
          this.itemProxies = items.map((item, i) => {
            const proxy = this.itemProxy(item);
            for (const [k, v] of data[i]) proxy.loaded.set(k, v);
            return proxy;
          });
        };
      },
    });
    return this;
  }
}

class WorksheetCollectionProxy extends CollectionProxy<FakeWorksheet, WorksheetProxy> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.book.sheets.filter((s) => !s.deleted), "WorksheetCollection");
  }

  protected itemProxy(item: FakeWorksheet): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => item);
  }

  protected itemProps(item: FakeWorksheet, props: readonly string[]): Map<string, unknown> {
    return new Map(props.map((p) => [p, worksheetProp(item, p)]));
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.findSheet(name) ?? null);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.findSheet(name) ?? null, true);
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.active);
  }

  add(name?: string): WorksheetProxy {
    let created: FakeWorksheet | null = null;
    this.ctx.enqueue({
      name: "WorksheetCollection.add",
      requestBytes: jsonByteLength(name ?? null),
      run: () => {
        created = this.ctx.book.createSheet(name);
      },
    });
    return new WorksheetProxy(this.ctx, () => {
      if (created === null) throw notFound("the added worksheet");
      return created;
    });
  }
}

function worksheetProp(sheet: FakeWorksheet, prop: string): unknown {
  switch (prop) {
    case "name": return sheet.name;
    case "id": return sheet.id;
    case "position": return sheet.workbook.sheets.indexOf(sheet);
    case "visibility": return sheet.visible ? "Visible" : "Hidden";
    default: throw invalidArgument(`the fake worksheet cannot load "${prop}"`);
  }
}

class WorksheetProxy extends ClientObject<FakeWorksheet> {
  readonly freezePanes: { freezeRows: (count?: number) => void };

  constructor(
    ctx: FakeRequestContext,
    resolver: () => FakeWorksheet | null,
    private readonly orNull = false,
  ) {
    super(ctx, resolver, "Worksheet");
    this.freezePanes = {
      freezeRows: (count = 1) =>
        this.call("freezeRows", [count], (sheet) => {
          sheet.frozenRows = count;
          sheet.mutations++;
        }),
    };
  }

  protected override isGone(target: FakeWorksheet): boolean {
    return target.deleted;
  }

  protected override defaultProps(): readonly string[] {
    return ["name", "id", "position", "visibility"];
  }

  protected override snapshot(prop: string, target: FakeWorksheet): unknown {
    return worksheetProp(target, prop);
  }

  override resolveOrNull(): FakeWorksheet | null {
    const target = super.resolveOrNull();
    if (target === null && !this.orNull) throw notFound("worksheet");
    return target;
  }

  get name(): string {
    return this.read("name") as string;
  }
  set name(value: string) {
    this.write("name", value, (sheet) => {
      sheet.workbook.checkSheetName(value, sheet);
      sheet.name = value;
      sheet.mutations++;
    });
  }

  get id(): string {
    return this.read("id") as string;
  }

  get position(): number {
    return this.read("position") as number;
  }

  get tables(): TableCollectionProxy {
    return new TableCollectionProxy(this.ctx, () => ({ book: this.ctx.book, sheet: this.resolve() }), "TableCollection");
  }

  get charts(): ChartCollectionProxy {
    return new ChartCollectionProxy(this.ctx, () => this.resolve());
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const sheet = this.resolve();
      if (address === undefined) return { sheet, rect: { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 } };
      const parsed = parseAddress(address);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) throw invalidArgument(`${address} is not on ${sheet.name}`);
      return { sheet, rect: parsed.rect };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const rect = { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 };
      if (rowCount < 1 || columnCount < 1 || rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLUMNS) {
        throw invalidArgument(`getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`);
      }
      return { sheet: this.resolve(), rect };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(this.ctx, () => {
      const sheet = this.resolve();
      const rect = sheet.usedRect();
      return rect === null ? null : { sheet, rect };
    });
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(this.ctx, () => {
      const sheet = this.resolve();
      return { sheet, rect: sheet.usedRect() ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }

  delete(): void {
    this.call("delete", [], (sheet) => sheet.workbook.deleteSheet(sheet));
  }

  activate(): void {
    this.call("activate", [], (sheet) => {
      sheet.workbook.active = sheet;
      sheet.workbook.selection = { sheet, rects: [{ top: 0, left: 0, bottom: 0, right: 0 }] };
    });
  }
}

class RangeProxy extends ClientObject<RangeTarget> {
  constructor(ctx: FakeRequestContext, resolver: () => RangeTarget | null) {
    super(ctx, resolver, "Range");
  }

  protected override isGone(target: RangeTarget): boolean {
    return target.sheet.deleted;
  }

  protected override defaultProps(): readonly string[] {
    return ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "cellCount", "values", "numberFormat", "formulas"];
  }

  protected override snapshot(prop: string, t: RangeTarget, result: { responseBytes: number; cellsRead: number }): unknown {
    const r = t.rect;
    const cells = rows(r) * cols(r);
    const large = () => {
      if (cells > this.ctx.book.cellsPerReadLimit) {
        throw new FakeOfficeError("RangeExceedsLimit", `The cell count in the range has exceeded the maximum supported number (${cells} > ${this.ctx.book.cellsPerReadLimit}).`, `Range.${prop}`);
      }
      result.cellsRead += cells;
    };
    switch (prop) {
      case "address":
      case "addressLocal": return t.sheet.address(r);
      case "rowIndex": return r.top;
      case "columnIndex": return r.left;
      case "rowCount": return rows(r);
      case "columnCount": return cols(r);
      case "cellCount": return cells;
      case "values": large(); return t.sheet.valuesOf(r);
      case "text": large(); return t.sheet.valuesOf(r).map((line) => line.map(String));
      case "formulas": large(); return t.sheet.formulasOf(r);
      case "numberFormat": large(); return t.sheet.numberFormatsOf(r);
      default: return super.snapshot(prop, t, result);
    }
  }

  get address(): string { return this.read("address") as string; }
  get rowIndex(): number { return this.read("rowIndex") as number; }
  get columnIndex(): number { return this.read("columnIndex") as number; }
  get rowCount(): number { return this.read("rowCount") as number; }
  get columnCount(): number { return this.read("columnCount") as number; }
  get cellCount(): number { return this.read("cellCount") as number; }
  get text(): string[][] { return this.read("text") as string[][]; }
  get formulas(): unknown[][] { return this.read("formulas") as unknown[][]; }

  get values(): unknown[][] {
    return this.read("values") as unknown[][];
  }
  set values(values: unknown[][]) {
    let cells = 0;
    for (const line of values) cells += line.length;
    this.write("values", values, (t) => {
      if (values.length !== rows(t.rect) || values.some((line) => line.length !== cols(t.rect))) {
        throw invalidArgument(`The number of rows or columns in the input array doesn't match the size or dimensions of the range (${values.length}x${values[0]?.length ?? 0} for ${a1(t.rect)}).`, "Range.values");
      }
      t.sheet.write(t.rect, values as FakeCellInput[][], true);
    }, cells);
  }

  get numberFormat(): unknown[][] {
    return this.read("numberFormat") as unknown[][];
  }
  set numberFormat(formats: unknown[][]) {
    this.write("numberFormat", formats, (t) => {
      const broadcast = formats.length === 1 && formats[0].length === 1;
      if (!broadcast && (formats.length !== rows(t.rect) || formats.some((line) => line.length !== cols(t.rect)))) {
        throw invalidArgument("The number of rows or columns in the input array doesn't match the size or dimensions of the range.", "Range.numberFormat");
      }
      t.sheet.setNumberFormats(t.rect, formats as (string | null)[][]);
    });
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.resolve().sheet);
  }

  get format(): RangeFormatProxy {
    return new RangeFormatProxy(this.ctx, () => this.resolve());
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return new ConditionalFormatCollectionProxy(this.ctx, () => this.resolve());
  }

  getSurroundingRegion(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      return { sheet: t.sheet, rect: t.sheet.region(t.rect.top, t.rect.left) };
    });
  }

  getRow(row: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      if (row < 0 || row >= rows(t.rect)) throw invalidArgument(`getRow(${row})`);
      return { sheet: t.sheet, rect: { ...t.rect, top: t.rect.top + row, bottom: t.rect.top + row } };
    });
  }

  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      const top = t.rect.top + row;
      const left = t.rect.left + column;
      return { sheet: t.sheet, rect: { top, left, bottom: top, right: left } };
    });
  }

  /** Tables overlapping the range (or fully inside it). */
  getTables(fullyContained = false): TableScopedCollectionProxy {
    return new TableScopedCollectionProxy(this.ctx, () => {
      const t = this.resolve();
      return t.sheet.tables.filter((table) => (fullyContained ? within(table.rect, t.rect) : overlaps(table.rect, t.rect)));
    });
  }

  select(): void {
    this.call("select", [], (t) => {
      t.sheet.workbook.active = t.sheet;
      t.sheet.workbook.selection = { sheet: t.sheet, rects: [t.rect] };
    });
  }
}

class RangeFormatProxy extends ClientObject<RangeTarget> {
  readonly fill: { color: string; clear: () => void };
  readonly font: { bold: boolean; color: string };

  constructor(ctx: FakeRequestContext, resolver: () => RangeTarget) {
    super(ctx, resolver, "RangeFormat");
    const self = this;
    this.fill = {
      get color(): string {
        return self.read("fill/color") as string;
      },
      set color(color: string) {
        self.write("fill/color", color, (t) => t.sheet.addLayer({ ...t.rect, fill: color }));
      },
      clear: () => self.call("fill.clear", [], (t) => t.sheet.addLayer({ ...t.rect, fill: null })),
    };
    this.font = {
      get bold(): boolean {
        return self.read("font/bold") as boolean;
      },
      set bold(bold: boolean) {
        self.write("font/bold", bold, (t) => t.sheet.addLayer({ ...t.rect, bold }));
      },
      get color(): string {
        return self.read("font/color") as string;
      },
      set color(color: string) {
        self.write("font/color", color, (t) => t.sheet.addLayer({ ...t.rect, fontColor: color }));
      },
    };
  }

  set columnWidth(width: number) {
    this.write("columnWidth", width, (t) => {
      for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.columnWidths.set(c, width);
      t.sheet.mutations++;
    });
  }
  get columnWidth(): number {
    return this.read("columnWidth") as number;
  }

  autofitColumns(): void {
    this.call("autofitColumns", [], (t) => t.sheet.autofit(t.rect));
  }
}

class ConditionalFormatCollectionProxy extends ClientObject<RangeTarget> {
  constructor(ctx: FakeRequestContext, resolver: () => RangeTarget) {
    super(ctx, resolver, "ConditionalFormatCollection");
  }

  /** Adds a conditional format at the top priority; the fake knows the Custom type. */
  add(type: string): ConditionalFormatProxy {
    let created: FakeConditionalFormat | null = null;
    this.call("add", [type], (t) => {
      if (type !== "Custom") throw invalidArgument(`the fake supports Custom conditional formats, not ${type}`);
      created = { rect: t.rect, formula: "", fill: null, fontColor: null, stopIfTrue: false };
      t.sheet.conditionalFormats.unshift(created);
      t.sheet.mutations++;
    });
    return new ConditionalFormatProxy(this.ctx, () => created);
  }
}

class ConditionalFormatProxy extends ClientObject<FakeConditionalFormat> {
  readonly custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string } } };

  constructor(ctx: FakeRequestContext, resolver: () => FakeConditionalFormat | null) {
    super(ctx, resolver, "ConditionalFormat");
    const self = this;
    this.custom = {
      rule: {
        get formula(): string {
          return self.read("custom/rule/formula") as string;
        },
        set formula(formula: string) {
          self.write("custom/rule/formula", formula, (cf) => {
            if (!formula.startsWith("=")) throw invalidArgument(`a rule formula starts with "=": ${formula}`);
            cf.formula = formula;
          });
        },
      },
      format: {
        fill: {
          get color(): string {
            return self.read("custom/format/fill/color") as string;
          },
          set color(color: string) {
            self.write("custom/format/fill/color", color, (cf) => {
              cf.fill = color;
            });
          },
        },
        font: {
          get color(): string {
            return self.read("custom/format/font/color") as string;
          },
          set color(color: string) {
            self.write("custom/format/font/color", color, (cf) => {
              cf.fontColor = color;
            });
          },
        },
      },
    };
  }

  set stopIfTrue(value: boolean) {
    this.write("stopIfTrue", value, (cf) => {
      cf.stopIfTrue = value;
    });
  }
  get stopIfTrue(): boolean {
    return this.read("stopIfTrue") as boolean;
  }
}

function tableProp(t: FakeTable, prop: string): unknown {
  switch (prop) {
    case "name": return t.name;
    case "id": return t.id;
    case "showHeaders": return t.showHeaders;
    case "showTotals": return t.showTotals;
    case "style": return t.style;
    case "showBandedRows": return t.showBandedRows;
    case "showFilterButton": return t.showFilterButton;
    default: throw invalidArgument(`the fake table cannot load "${prop}"`);
  }
}

class TableCollectionProxy extends CollectionProxy<FakeTable, TableProxy> {
  constructor(
    ctx: FakeRequestContext,
    private readonly scope: () => { book: FakeWorkbook; sheet: FakeWorksheet | null },
    kind: string,
  ) {
    super(ctx, () => {
      const s = scope();
      return s.sheet === null ? s.book.tables.filter((t) => !t.deleted) : s.sheet.tables;
    }, kind);
  }

  protected itemProxy(item: FakeTable): TableProxy {
    return new TableProxy(this.ctx, () => item);
  }

  protected itemProps(item: FakeTable, props: readonly string[]): Map<string, unknown> {
    return new Map(props.map((p) => [p, tableProp(item, p)]));
  }

  getItem(name: string): TableProxy {
    return new TableProxy(this.ctx, () => this.ctx.book.findTable(name) ?? null, false);
  }

  getItemOrNullObject(name: string): TableProxy {
    return new TableProxy(this.ctx, () => this.ctx.book.findTable(name) ?? null, true);
  }

  /** Makes a range a table: a Range proxy or an address (sheet-qualified on the workbook's collection). */
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let created: FakeTable | null = null;
    this.call("add", [typeof address === "string" ? address : "(range)", hasHeaders], () => {
      let sheet: FakeWorksheet;
      let rect: Rect;
      if (typeof address === "string") {
        const parsed = parseAddress(address);
        const scoped = this.scope().sheet;
        const named = parsed.sheet === undefined ? scoped : this.ctx.book.findSheet(parsed.sheet) ?? null;
        if (named === null) throw invalidArgument(`no sheet for ${address}`);
        sheet = named;
        rect = parsed.rect;
      } else {
        const t = address.resolve();
        sheet = t.sheet;
        rect = t.rect;
      }
      created = this.ctx.book.createTable(sheet, rect, hasHeaders);
    });
    return new TableProxy(this.ctx, () => created);
  }
}

class TableScopedCollectionProxy extends CollectionProxy<FakeTable, TableProxy> {
  constructor(ctx: FakeRequestContext, resolver: () => FakeTable[]) {
    super(ctx, resolver, "TableScopedCollection");
  }

  protected itemProxy(item: FakeTable): TableProxy {
    return new TableProxy(this.ctx, () => item);
  }

  protected itemProps(item: FakeTable, props: readonly string[]): Map<string, unknown> {
    return new Map(props.map((p) => [p, tableProp(item, p)]));
  }
}

class TableProxy extends ClientObject<FakeTable> {
  constructor(
    ctx: FakeRequestContext,
    resolver: () => FakeTable | null,
    private readonly orNull = false,
  ) {
    super(ctx, resolver, "Table");
  }

  protected override isGone(target: FakeTable): boolean {
    return target.deleted;
  }

  override resolveOrNull(): FakeTable | null {
    const target = super.resolveOrNull();
    if (target === null && !this.orNull) throw notFound("table");
    return target;
  }

  protected override defaultProps(): readonly string[] {
    return ["name", "id", "showHeaders", "showTotals", "style", "showBandedRows", "showFilterButton"];
  }

  protected override snapshot(prop: string, target: FakeTable): unknown {
    return tableProp(target, prop);
  }

  get name(): string {
    return this.read("name") as string;
  }
  set name(name: string) {
    this.write("name", name, (t) => t.sheet.workbook.renameTable(t, name));
  }

  get showHeaders(): boolean {
    return this.read("showHeaders") as boolean;
  }
  get showTotals(): boolean {
    return this.read("showTotals") as boolean;
  }

  set style(style: string) {
    this.write("style", style, (t) => {
      t.style = style;
    });
  }
  get style(): string {
    return this.read("style") as string;
  }

  set showBandedRows(show: boolean) {
    this.write("showBandedRows", show, (t) => {
      t.showBandedRows = show;
    });
  }
  get showBandedRows(): boolean {
    return this.read("showBandedRows") as boolean;
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.resolve().sheet);
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      return { sheet: t.sheet, rect: t.rect };
    });
  }

  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      const rect = t.headerRect;
      if (rect === null) throw new FakeOfficeError("InvalidOperation", "The table has no header row.");
      return { sheet: t.sheet, rect };
    });
  }

  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      return { sheet: t.sheet, rect: t.bodyRect };
    });
  }
}

class ChartCollectionProxy extends ClientObject<FakeWorksheet> {
  constructor(ctx: FakeRequestContext, resolver: () => FakeWorksheet) {
    super(ctx, resolver, "ChartCollection");
  }

  add(type: string, sourceData: RangeProxy, seriesBy = "Auto"): ChartProxy {
    let created: FakeChart | null = null;
    this.call("add", [type, "(range)", seriesBy], (sheet) => {
      const source = sourceData.resolve();
      if (source.sheet !== sheet) throw invalidArgument("the fake keeps a chart on its data's sheet");
      created = new FakeChart(sheet, sheet.workbook.newChartName(), type, source.rect, seriesBy);
      sheet.charts.push(created);
      sheet.mutations++;
    });
    return new ChartProxy(this.ctx, () => created);
  }
}

class ChartProxy extends ClientObject<FakeChart> {
  readonly title: { text: string };
  readonly legend: { visible: boolean };

  constructor(ctx: FakeRequestContext, resolver: () => FakeChart | null) {
    super(ctx, resolver, "Chart");
    const self = this;
    this.title = {
      get text(): string {
        return self.read("title/text") as string;
      },
      set text(text: string) {
        self.write("title/text", text, (chart) => {
          chart.title = text;
        });
      },
    };
    this.legend = {
      get visible(): boolean {
        return self.read("legend/visible") as boolean;
      },
      set visible(visible: boolean) {
        self.write("legend/visible", visible, (chart) => {
          chart.legendVisible = visible;
        });
      },
    };
  }

  set name(name: string) {
    this.write("name", name, (chart) => {
      chart.name = name;
    });
  }
  get name(): string {
    return this.read("name") as string;
  }

  setPosition(startCell: string, endCell?: string): void {
    this.call("setPosition", [startCell, endCell ?? null], (chart) => {
      parseAddress(startCell);
      if (endCell !== undefined) parseAddress(endCell);
      chart.position = { from: startCell, to: endCell };
    });
  }
}

class NamedItemCollectionProxy extends CollectionProxy<string, ClientObject<string>> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.book.names, "NamedItemCollection");
  }

  protected itemProxy(item: string): ClientObject<string> {
    return new NamedItemProxy(this.ctx, () => item);
  }

  protected itemProps(item: string, props: readonly string[]): Map<string, unknown> {
    return new Map(props.map((p) => [p, p === "name" ? item : null]));
  }
}

class NamedItemProxy extends ClientObject<string> {
  constructor(ctx: FakeRequestContext, resolver: () => string) {
    super(ctx, resolver, "NamedItem");
  }

  get name(): string {
    return this.read("name") as string;
  }
}

// ------------------------------------------------------------------------------------------------
// Office globals for a page

/** Options of installFakeOffice. */
export interface FakeOfficeOptions {
  /** Office.context.displayLanguage (default `en-US`; `zh-CN` for Chinese Excel). */
  readonly displayLanguage?: string;
  /** Office.onReady's platform (default `OfficeOnline`, Excel on the web). */
  readonly platform?: string;
  /** The newest ExcelApi requirement set supported (default `1.17`; `1.8` for an Excel too old for the triage). */
  readonly excelApi?: string;
}

/** What installFakeOffice put on the global object. */
export interface FakeOfficeGlobals {
  readonly Office: Record<string, unknown>;
  readonly Excel: Record<string, unknown>;
  readonly OfficeExtension: Record<string, unknown>;
  /** The document settings as saved (Office.context.document.settings.saveAsync). */
  readonly savedSettings: Map<string, unknown>;
}

/**
 * Installs `Office`, `Excel` and `OfficeExtension` on a global object (a page's `window`, or `globalThis`
 * in a test) so that a task pane runs on the fake workbook: `Office.onReady`, `Office.context` (display
 * language, document settings, requirement sets), `Excel.run` and the enums the layer and the pane use.
 */
export function installFakeOffice(globalObject: object, workbook: FakeWorkbook, options: FakeOfficeOptions = {}): FakeOfficeGlobals {
  const settings = new Map<string, unknown>();
  const savedSettings = new Map<string, unknown>();
  const info = { host: "Excel", platform: options.platform ?? "OfficeOnline" };
  const asyncResult = (value?: unknown) => ({ status: "succeeded", value, error: null });
  const Office: Record<string, unknown> = {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady(callback?: (i: typeof info) => void) {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      displayLanguage: options.displayLanguage ?? "en-US",
      contentLanguage: options.displayLanguage ?? "en-US",
      requirements: {
        isSetSupported(name: string, version?: string | number) {
          if (name !== "ExcelApi") return false;
          // Versions compare part by part: 1.9 is older than 1.17.
          const [major, minor = 0] = String(version ?? "1.1").split(".").map(Number);
          const [newestMajor, newestMinor = 0] = (options.excelApi ?? "1.17").split(".").map(Number);
          return major < newestMajor || (major === newestMajor && minor <= newestMinor);
        },
      },
      document: {
        settings: {
          get: (name: string) => (settings.has(name) ? settings.get(name) : null),
          set: (name: string, value: unknown) => void settings.set(name, value),
          remove: (name: string) => void settings.delete(name),
          saveAsync(callback?: (result: ReturnType<typeof asyncResult>) => void) {
            savedSettings.clear();
            for (const [k, v] of settings) savedSettings.set(k, v);
            setTimeout(() => callback?.(asyncResult()), 0);
          },
        },
      },
    },
  };
  const Excel: Record<string, unknown> = {
    run: (a: unknown, b?: unknown) => {
      const batch = (typeof a === "function" ? a : b) as (context: Excel.RequestContext) => Promise<unknown>;
      return workbook.run(batch);
    },
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    ConditionalFormatType: { custom: "Custom" },
    ChartType: { columnClustered: "ColumnClustered", barClustered: "BarClustered", pie: "Pie" },
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
    ErrorCodes: { itemNotFound: "ItemNotFound", invalidArgument: "InvalidArgument", generalException: "GeneralException", accessDenied: "AccessDenied" },
  };
  const OfficeExtension: Record<string, unknown> = { Error: FakeOfficeError };
  Object.assign(globalObject, { Office, Excel, OfficeExtension });
  return { Office, Excel, OfficeExtension, savedSettings };
}
