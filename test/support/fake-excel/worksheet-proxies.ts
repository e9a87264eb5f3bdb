/** The proxies of worksheets and ranges: values, number formats, fills and fonts, regions, column widths. */
import { jsonByteLength } from "../../../src/excel-io/index.js";
import { a1, cols, MAX_COLUMNS, MAX_ROWS, overlaps, parseAddress, rows, within, type Rect } from "./addresses.js";
import { ClientObject, CollectionProxy } from "./client-object.js";
import { FakeOfficeError, invalidArgument, notFound } from "./errors.js";
import type { FakeRequestContext } from "./request-context.js";
import {
  ChartCollectionProxy,
  ConditionalFormatCollectionProxy,
  TableCollectionProxy,
  TableScopedCollectionProxy,
} from "./tables-charts.js";
import type { FakeCellInput } from "./values.js";
import type { FakeWorksheet } from "./worksheet.js";

export interface RangeTarget {
  readonly sheet: FakeWorksheet;
  readonly rect: Rect;
}

export class WorksheetCollectionProxy extends CollectionProxy<FakeWorksheet, WorksheetProxy> {
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
    case "name":
      return sheet.name;
    case "id":
      return sheet.id;
    case "position":
      return sheet.workbook.sheets.indexOf(sheet);
    case "visibility":
      return sheet.visible ? "Visible" : "Hidden";
    default:
      throw invalidArgument(`the fake worksheet cannot load "${prop}"`);
  }
}

export class WorksheetProxy extends ClientObject<FakeWorksheet> {
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
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase())
        throw invalidArgument(`${address} is not on ${sheet.name}`);
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

export class RangeProxy extends ClientObject<RangeTarget> {
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
        throw new FakeOfficeError(
          "RangeExceedsLimit",
          `The cell count in the range has exceeded the maximum supported number (${cells} > ${this.ctx.book.cellsPerReadLimit}).`,
          `Range.${prop}`,
        );
      }
      result.cellsRead += cells;
    };
    switch (prop) {
      case "address":
      case "addressLocal":
        return t.sheet.address(r);
      case "rowIndex":
        return r.top;
      case "columnIndex":
        return r.left;
      case "rowCount":
        return rows(r);
      case "columnCount":
        return cols(r);
      case "cellCount":
        return cells;
      case "values":
        large();
        return t.sheet.valuesOf(r);
      case "text":
        large();
        return t.sheet.valuesOf(r).map((line) => line.map(String));
      case "formulas":
        large();
        return t.sheet.formulasOf(r);
      case "numberFormat":
        large();
        return t.sheet.numberFormatsOf(r);
      default:
        return super.snapshot(prop, t, result);
    }
  }

  get address(): string {
    return this.read("address") as string;
  }
  get rowIndex(): number {
    return this.read("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.read("columnIndex") as number;
  }
  get rowCount(): number {
    return this.read("rowCount") as number;
  }
  get columnCount(): number {
    return this.read("columnCount") as number;
  }
  get cellCount(): number {
    return this.read("cellCount") as number;
  }
  get text(): string[][] {
    return this.read("text") as string[][];
  }
  get formulas(): unknown[][] {
    return this.read("formulas") as unknown[][];
  }
  /** As Excel: a string starting with = is a formula, anything else a constant read as typed text. */
  set formulas(formulas: unknown[][]) {
    let cells = 0;
    for (const line of formulas) cells += line.length;
    this.write(
      "formulas",
      formulas,
      (t) => {
        if (formulas.length !== rows(t.rect) || formulas.some((line) => line.length !== cols(t.rect))) {
          throw invalidArgument(
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${formulas.length}x${formulas[0]?.length ?? 0} for ${a1(t.rect)}).`,
            "Range.formulas",
          );
        }
        t.sheet.write(t.rect, formulas as FakeCellInput[][], true);
      },
      cells,
    );
  }

  get values(): unknown[][] {
    return this.read("values") as unknown[][];
  }
  set values(values: unknown[][]) {
    let cells = 0;
    for (const line of values) cells += line.length;
    this.write(
      "values",
      values,
      (t) => {
        if (values.length !== rows(t.rect) || values.some((line) => line.length !== cols(t.rect))) {
          throw invalidArgument(
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${values.length}x${values[0]?.length ?? 0} for ${a1(t.rect)}).`,
            "Range.values",
          );
        }
        t.sheet.write(t.rect, values as FakeCellInput[][], true);
      },
      cells,
    );
  }

  get numberFormat(): unknown[][] {
    return this.read("numberFormat") as unknown[][];
  }
  set numberFormat(formats: unknown[][]) {
    this.write("numberFormat", formats, (t) => {
      const broadcast = formats.length === 1 && formats[0].length === 1;
      if (!broadcast && (formats.length !== rows(t.rect) || formats.some((line) => line.length !== cols(t.rect)))) {
        throw invalidArgument(
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
          "Range.numberFormat",
        );
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
  readonly font: { bold: boolean; color: string; italic: boolean };

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
      get italic(): boolean {
        return self.read("font/italic") as boolean;
      },
      set italic(italic: boolean) {
        self.write("font/italic", italic, (t) => t.sheet.addLayer({ ...t.rect, italic }));
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
