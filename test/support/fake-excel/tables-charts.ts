/** Tables, charts and conditional formats: the model and the proxies that change it. */
import { parseAddress, type Rect } from "./addresses.js";
import { ClientObject, CollectionProxy } from "./client-object.js";
import { FakeOfficeError, invalidArgument, notFound } from "./errors.js";
import type { FakeRequestContext } from "./request-context.js";
import type { FakeWorkbook } from "./workbook.js";
import type { FakeWorksheet } from "./worksheet.js";
import { RangeProxy, WorksheetProxy, type RangeTarget } from "./worksheet-proxies.js";

/** A conditional format of type Custom: a formula relative to the top-left cell of its range. */
export interface FakeConditionalFormat {
  readonly rect: Rect;
  formula: string;
  fill: string | null;
  fontColor: string | null;
  italic: boolean | null;
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

export class ConditionalFormatCollectionProxy extends ClientObject<RangeTarget> {
  constructor(ctx: FakeRequestContext, resolver: () => RangeTarget) {
    super(ctx, resolver, "ConditionalFormatCollection");
  }

  /** Adds a conditional format at the top priority; the fake knows the Custom type. */
  add(type: string): ConditionalFormatProxy {
    let created: FakeConditionalFormat | null = null;
    this.call("add", [type], (t) => {
      if (type !== "Custom") throw invalidArgument(`the fake supports Custom conditional formats, not ${type}`);
      created = { rect: t.rect, formula: "", fill: null, fontColor: null, italic: null, stopIfTrue: false };
      t.sheet.conditionalFormats.unshift(created);
      t.sheet.mutations++;
    });
    return new ConditionalFormatProxy(this.ctx, () => created);
  }
}

class ConditionalFormatProxy extends ClientObject<FakeConditionalFormat> {
  readonly custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string; italic: boolean } } };

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
          get italic(): boolean {
            return self.read("custom/format/font/italic") as boolean;
          },
          set italic(italic: boolean) {
            self.write("custom/format/font/italic", italic, (cf) => {
              cf.italic = italic;
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
    case "name":
      return t.name;
    case "id":
      return t.id;
    case "showHeaders":
      return t.showHeaders;
    case "showTotals":
      return t.showTotals;
    case "style":
      return t.style;
    case "showBandedRows":
      return t.showBandedRows;
    case "showFilterButton":
      return t.showFilterButton;
    default:
      throw invalidArgument(`the fake table cannot load "${prop}"`);
  }
}

export class TableCollectionProxy extends CollectionProxy<FakeTable, TableProxy> {
  constructor(
    ctx: FakeRequestContext,
    private readonly scope: () => { book: FakeWorkbook; sheet: FakeWorksheet | null },
    kind: string,
  ) {
    super(
      ctx,
      () => {
        const s = scope();
        return s.sheet === null ? s.book.tables.filter((t) => !t.deleted) : s.sheet.tables;
      },
      kind,
    );
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
        const named = parsed.sheet === undefined ? scoped : (this.ctx.book.findSheet(parsed.sheet) ?? null);
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

export class TableScopedCollectionProxy extends CollectionProxy<FakeTable, TableProxy> {
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

  /** The table's rows: `add(index, values)` appends rows under the body (the fake appends only at the end). */
  get rows(): { add(index: number | null | undefined, values: readonly (readonly (string | number | boolean)[])[]): void } {
    return {
      add: (index, values) =>
        this.call("rows.add", [index ?? null, values], (t) => {
          if (index !== undefined && index !== null) throw invalidArgument("the fake table appends rows at the end only (index null)");
          if (t.showTotals) throw invalidArgument("the fake table cannot add rows above a totals row");
          if (values.length === 0 || values.some((line) => line.length !== t.rect.right - t.rect.left + 1)) {
            throw invalidArgument("The number of columns of the rows doesn't match the table.");
          }
          const rect = { ...t.rect, top: t.rect.bottom + 1, bottom: t.rect.bottom + values.length };
          for (let r = rect.top; r <= rect.bottom; r++)
            for (let c = rect.left; c <= rect.right; c++)
              if (!t.sheet.isEmpty(r, c)) throw invalidArgument("the fake table cannot shift the cells under it down");
          t.sheet.write(rect, values, false);
          t.rect = { ...t.rect, bottom: rect.bottom };
        }),
    };
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

export class ChartCollectionProxy extends ClientObject<FakeWorksheet> {
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
