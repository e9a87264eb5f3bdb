/** The worksheet model: cells, number formats, fills and fonts, column widths, the current region. */
import { a1, columnOf, cols, MAX_COLUMNS, MAX_ROWS, parseAddress, rows, sheetRef, type Rect } from "./addresses.js";
import { invalidArgument } from "./errors.js";
import type { FakeChart, FakeConditionalFormat, FakeTable } from "./tables-charts.js";
import { startsAsText, typeString, valueOf, FakeFormula, type FakeCellInput, type Stored } from "./values.js";
import type { FakeWorkbook } from "./workbook.js";

/** A static format set on a rectangle (later layers win). */
export interface FormatLayer extends Rect {
  readonly numberFormat?: string;
  readonly fill?: string | null;
  readonly bold?: boolean;
  readonly fontColor?: string;
  readonly italic?: boolean;
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

  /** The font colour and italic a cell shows: from the conditional formats whose formula holds, else its own. */
  fontAt(row: number, column: number): { color: string | null; italic: boolean } {
    let color: string | null = null;
    let italic: boolean | null = null;
    for (const cf of this.conditionalFormats) {
      const r = cf.rect;
      if (row < r.top || row > r.bottom || column < r.left || column > r.right) continue;
      if (this.evaluate(cf.formula, row - r.top, column - r.left)) {
        color ??= cf.fontColor;
        italic ??= cf.italic;
        if (cf.stopIfTrue) break;
      }
    }
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      if (row < l.top || row > l.bottom || column < l.left || column > l.right) continue;
      if (l.fontColor !== undefined) color ??= l.fontColor;
      if (l.italic !== undefined) italic ??= l.italic;
    }
    return { color, italic: italic ?? false };
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
    for (let changed = true; changed;) {
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
      case "=":
        return cmp === 0;
      case "<>":
        return cmp !== 0;
      case ">":
        return cmp > 0;
      case "<":
        return cmp < 0;
      case ">=":
        return cmp >= 0;
      default:
        return cmp <= 0;
    }
  }
}
