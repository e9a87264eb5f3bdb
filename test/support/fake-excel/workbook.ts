/** The workbook model: sheets, the selection, tables and defined names, the syncs made on it, failures to inject. */
import { parseAddress, overlaps, type Rect } from "./addresses.js";
import { FakeOfficeError, invalidArgument } from "./errors.js";
import { FakeRequestContext } from "./request-context.js";
import { FakeTable } from "./tables-charts.js";
import type { FakeCellInput } from "./values.js";
import { FakeWorksheet } from "./worksheet.js";

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

export interface SyncFailure {
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
  addSheet(
    name: string,
    values: readonly (readonly FakeCellInput[])[] = [],
    options: { typed?: boolean; at?: string } = {},
  ): FakeWorksheet {
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
    this.syncFailures.push({
      at: this.syncs.length + nth,
      afterOperations: options.afterOperations,
      code: options.code ?? "GeneralException",
    });
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
    if (
      name.length < 1 ||
      name.length > 31 ||
      /[\\/?*[\]:]/.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'") ||
      name.toLowerCase() === "history"
    ) {
      throw invalidArgument(`"${name}" is not a valid sheet name`);
    }
    const other = this.findSheet(name);
    if (other && other !== self) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
  }

  /** @internal */
  deleteSheet(sheet: FakeWorksheet): void {
    const visible = this.sheets.filter((s) => !s.deleted && s.visible);
    if (visible.length <= 1 && visible[0] === sheet)
      throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
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
    for (const t of sheet.tables)
      if (overlaps(t.rect, r)) throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
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
    if (
      !/^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*$/.test(name) ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^[RrCc]$/.test(name) ||
      /^[Rr]\d*[Cc]\d*$/.test(name) ||
      name.length > 255
    ) {
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
