/**
 * Writing a triage: a new result sheet (one row per input row or, for an item list, per customer; an
 * Excel table, rows coloured by warning level), for an item list an item sheet (every source row and what
 * became of it, dates and amounts formatted), and a summary sheet (counts and amounts, an item list's
 * reconciliation, the rows with problems, a chart), all under names no sheet has yet. The source sheet is
 * never touched.
 *
 * Values go in chunks of whole rows, several chunks per sync while the request stays under the ceiling
 * (Excel on the web refuses a request over 5 MB); formats come after the values, in a fixed number of
 * requests: the table, one number format per amount column, one conditional format per warning level, the
 * frozen header, column widths from a sample of rows. Text is written so that Excel keeps it as text
 * (result/cell-text.ts excelText): a customer called `=HYPERLINK(...)` stays a name, never a formula.
 *
 * On failure (a sync refused half-way, or the signal aborted) the sheets written so far are deleted; if
 * that fails too, they are renamed with an "(incomplete)" mark. A rerun picks fresh names.
 *
 * API sets: ExcelApi 1.6 (conditional formats), 1.7 (freezePanes).
 */
import { DATE_1904_OFFSET, type DateSystem, type LedgerTriage, type TriageOutput } from "../core/index.js";
import {
  AMOUNT_FORMAT,
  ITEM_AMOUNT_KEYS,
  ITEM_DATE_KEYS,
  LOG_DATE_KEYS,
  ledgerCustomerTable,
  ledgerItemTable,
  columnFormat,
  columnLetters,
  DATE_FORMAT,
  displayWidth,
  excelText,
  isAmountColumn,
  LEVEL_FILLS,
  RESULT_TEXT,
  resultTable,
  summarySheet,
  triageColumns,
  UNTRIAGED_FONT,
  type Language,
} from "../result/index.js";
import { abortError, checkAborted, errorMessage, PaneError } from "./errors.js";
import { formatAddress } from "./locate.js";
import { DEFAULT_CHUNK_ROWS, DEFAULT_MAX_REQUEST_BYTES, jsonByteLength, OPERATION_OVERHEAD, SHEET_COLUMNS, SHEET_ROWS } from "./payload.js";
import type { CellValue, MoreSheet, PortfolioLocation, TriageSheetData, WriteOptions, WriteReport } from "./types.js";

/** Table names start with this (ASCII: a table name is used in formulas such as `=SUM(ARTriage[balance])`). */
const TABLE_BASE = "ARTriage";
/** The item sheet's table name. */
const ITEM_TABLE_BASE = "ARItems";
/** Rows sampled to size the columns: autofit on the whole of a million rows would take Excel minutes. */
const WIDTH_SAMPLE = 100;
/** Widest column in characters; verdict and reason columns are longer and stay one line high. */
const MAX_COLUMN_CHARS = 60;
/** Points per character of Excel's default font (Calibri 11: 7 pixels). */
const POINTS_PER_CHAR = 5.25;

// ------------------------------------------------------------------------------------------------
// Names

const FORBIDDEN_IN_SHEET_NAMES = /[\\/?*[\]:]/g;

/**
 * A sheet name no sheet has (compared as Excel compares them, ignoring case): `base`, then `base (2)`,
 * `base (3)`, ...; characters Excel refuses become `_`, and the base is cut so the name stays within 31.
 */
export function uniqueSheetName(base: string, existing: Iterable<string>): string {
  const taken = new Set<string>();
  for (const name of existing) taken.add(name.toLowerCase());
  const clean =
    base
      .replace(FORBIDDEN_IN_SHEET_NAMES, "_")
      .replace(/^'+|'+$/g, "")
      .trim() || "Sheet";
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const name = clean.slice(0, 31 - suffix.length).trimEnd() + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** A table name no table or defined name has: `base`, `base2`, `base3`, ... (names ignore case). */
export function uniqueTableName(base: string, existing: Iterable<string>): string {
  const taken = new Set<string>();
  for (const name of existing) taken.add(name.toLowerCase());
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}${n}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

// ------------------------------------------------------------------------------------------------
// The sheet data from a triage run

/**
 * The result sheet's data from a triage run: the columns of its policy in the language, one row per
 * record (resultTable), each row's warning level (what its level cell shows, as the command line colours
 * it; null without one), the summary, where the portfolio came from and the as-of date.
 */
export function triageSheetData(
  output: TriageOutput,
  summary: TriageSheetData["summary"],
  source: PortfolioLocation,
  language: Language,
): TriageSheetData {
  const table = resultTable(output, language);
  return {
    headers: table.headers,
    columnKeys: table.columnKeys,
    rows: table.rows,
    levels: table.levels,
    summary,
    language,
    source,
    asOf: output.asOf,
    dateSystem: output.dateSystem,
  };
}

/**
 * The sheets' data from a ledger triage (core triageLedger), as the pane's worker posts it: the customer
 * table (ledgerCustomerTable: an item list's columns after the balance), for an item list the item table
 * (ledgerItemTable) and the summary sheet's lines.
 * @param extra notes: lines for the summary sheet (the item counts and reconciliation, src/result
 *   ledger.ts); dateSystem: the workbook's (an item list's customers are triaged on the 1900 count whatever it is)
 */
export function ledgerSheetData(
  ledger: LedgerTriage,
  summary: TriageSheetData["summary"],
  source: PortfolioLocation,
  language: Language,
  extra: { readonly notes?: readonly string[]; readonly dateSystem?: DateSystem } = {},
): TriageSheetData {
  const table = ledgerCustomerTable(ledger, language);
  const items = ledgerItemTable(ledger, language);
  return {
    headers: table.headers,
    columnKeys: table.columnKeys,
    rows: table.rows,
    levels: table.levels,
    summary,
    language,
    source,
    asOf: ledger.output.asOf,
    dateSystem: extra.dateSystem ?? ledger.output.dateSystem,
    items: items === null ? null : { headers: items.headers, columnKeys: items.columnKeys, rows: items.rows },
    notes: extra.notes ?? [],
  };
}

/** The columns' keys: given, or found by matching the headers with the default policy's columns. */
function keysOf(data: TriageSheetData): (string | undefined)[] {
  if (data.columnKeys !== undefined) return [...data.columnKeys];
  const byHeader = new Map<string, string>();
  for (const c of triageColumns()) {
    byHeader.set(c.en, c.key);
    byHeader.set(c.zh, c.key);
  }
  return data.headers.map((h) => byHeader.get(h));
}

// ------------------------------------------------------------------------------------------------
// Writing

/**
 * A row as Excel must receive it: exactly `width` cells, text made safe, no NaN (which JSON cannot carry).
 * A row that needs no change is sent as it is, without a copy (a million rows make a lot of garbage); the
 * sheet data is only read, and Office serialises it at the next sync.
 */
function rowCells(row: readonly CellValue[] | undefined, width: number): CellValue[] {
  let cells: CellValue[] | null = row !== undefined && row.length === width ? null : new Array<CellValue>(width);
  for (let c = 0; c < width; c++) {
    const v = row?.[c];
    let out: CellValue;
    if (typeof v === "string") out = excelText(v);
    else if (typeof v === "number") out = Number.isFinite(v) ? v : String(v);
    else if (typeof v === "boolean") out = v;
    else out = "";
    if (cells === null) {
      if (out === v) continue;
      // The first cell that changes: copy the ones before it.
      cells = new Array<CellValue>(width);
      for (let k = 0; k < c; k++) cells[k] = (row as readonly CellValue[])[k];
    }
    cells[c] = out;
  }
  return cells ?? (row as CellValue[]);
}

/** Counts the syncs and bytes of a write, and syncs only when something is queued. */
class Batches {
  syncs = 0;
  chunks = 0;
  maxBytes = 0;
  totalBytes = 0;
  /** Bytes and operations queued since the last sync. */
  pending = 2;
  operations = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    readonly ceiling: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Counts an operation queued with `bytes` of arguments. */
  queued(bytes: number): void {
    this.pending += bytes + OPERATION_OVERHEAD;
    this.operations++;
  }

  /** Whether `bytes` more would still fit in this sync. */
  fits(bytes: number): boolean {
    return this.pending + bytes + OPERATION_OVERHEAD <= this.ceiling;
  }

  async sync(): Promise<void> {
    checkAborted(this.signal);
    this.syncs++;
    this.maxBytes = Math.max(this.maxBytes, this.pending);
    this.totalBytes += this.pending;
    this.pending = 2;
    this.operations = 0;
    await this.context.sync();
  }

  /** Syncs when the next operation of `bytes` would not fit. */
  async makeRoom(bytes: number): Promise<void> {
    if (this.operations > 0 && !this.fits(bytes)) await this.sync();
  }
}

/**
 * Writes rows into a sheet from `firstRow` (0-based) in chunks of at most `rowCap` rows, as many chunks per
 * sync as fit under the ceiling; the last chunk stays queued for the caller's next sync.
 */
async function writeRows(
  batches: Batches,
  sheet: Excel.Worksheet,
  firstRow: number,
  rows: readonly (readonly CellValue[])[],
  width: number,
  rowCap: number,
  onRows?: (done: number) => void,
  adjust?: (row: readonly CellValue[]) => readonly CellValue[],
  formulas?: readonly (readonly (string | null)[] | null)[],
): Promise<number> {
  let r = 0;
  let live = 0;
  while (r < rows.length) {
    const start = r;
    const chunk: CellValue[][] = [];
    let bytes = 2;
    let full = false;
    let withFormulas = false;
    while (r < rows.length && chunk.length < rowCap) {
      let cells = rowCells(adjust === undefined || rows[r] === undefined ? rows[r] : adjust(rows[r]), width);
      const line = formulas?.[r];
      if (line !== null && line !== undefined) {
        // A live row: its formulas over its safe values (the formulas are ours, built from references only).
        cells = cells.slice();
        for (let c = 0; c < width; c++) {
          const f = line[c];
          if (f !== null && f !== undefined) {
            cells[c] = f;
            live++;
          }
        }
        withFormulas = true;
      }
      const b = jsonByteLength(cells) + 1;
      if (!batches.fits(bytes + b)) {
        if (chunk.length > 0) {
          full = true;
          break;
        }
        if (batches.operations > 0) {
          await batches.sync();
          onRows?.(start);
          continue;
        }
        throw new PaneError(
          "write-failed",
          `Row ${start + 1} is too large to send to Excel (${b} bytes; the limit is ${batches.ceiling}).`,
          `第 ${start + 1} 行过大，无法发送到 Excel（${b} 字节；上限 ${batches.ceiling}）。`,
        );
      }
      chunk.push(cells);
      bytes += b;
      r++;
    }
    const range = sheet.getRangeByIndexes(firstRow + start, 0, chunk.length, width);
    // `formulas` takes constants as they are (the text's quote prefix included) and formulas as formulas.
    if (withFormulas) range.formulas = chunk;
    else range.values = chunk;
    batches.queued(bytes);
    batches.chunks++;
    if (full) {
      await batches.sync();
      onRows?.(r);
    }
  }
  return live;
}

/** Runs of consecutive rows with the same warning level 1-3 (one fill each) or without a level (not triaged). */
function levelRuns(levels: readonly (0 | 1 | 2 | 3 | null)[]): { start: number; length: number; level: 1 | 2 | 3 | null }[] {
  const runs: { start: number; length: number; level: 1 | 2 | 3 | null }[] = [];
  let i = 0;
  while (i < levels.length) {
    const level = levels[i];
    let j = i + 1;
    while (j < levels.length && levels[j] === level) j++;
    if (level !== 0) runs.push({ start: i, length: j - i, level });
    i = j;
  }
  return runs;
}

/**
 * Writes the result sheet and the summary sheet of a triage into new sheets (the source is never touched).
 * @param data the cells to write (see triageSheetData)
 * @param options chunkRows (default 10,000), maxRequestBytes (default 4,000,000), onProgress (rows written),
 *   signal (checked before each sync: an aborted write removes what it wrote), colouring, activate,
 *   problemRowLimit
 * @returns the sheets' and the table's names, and the syncs, chunks and bytes of the transfer
 * @throws PaneError `too-many-rows`, `write-failed` (after cleaning up), `aborted` (after cleaning up)
 */
export async function writeTriageSheets(
  context: Excel.RequestContext,
  data: TriageSheetData,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const T = RESULT_TEXT[data.language];
  const width = data.headers.length;
  const n = data.rows.length;
  if (n + 1 > SHEET_ROWS) {
    throw new PaneError(
      "too-many-rows",
      `${n.toLocaleString("en-US")} rows do not fit in a worksheet (at most ${(SHEET_ROWS - 1).toLocaleString("en-US")} under the header): triage a part of the portfolio, or use the command line (npm run triage).`,
      `${n} 行超出工作表容量（表头下最多 ${SHEET_ROWS - 1} 行）：请分批分诊，或使用命令行（npm run triage）。`,
    );
  }
  if (width < 1 || width > SHEET_COLUMNS) throw new RangeError(`a result sheet needs 1 to ${SHEET_COLUMNS} columns, not ${width}`);
  const ceiling = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const rowCap = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const batches = new Batches(context, ceiling, options.signal);
  const sheets = context.workbook.worksheets;

  // Sync 1: the names in use, so that nothing existing is overwritten or clashes.
  sheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  const names = context.workbook.names;
  names.load("items/name");
  batches.queued(0);
  try {
    await batches.sync();
  } catch (error) {
    if (error instanceof PaneError) throw error;
    throw new PaneError(
      "write-failed",
      `Could not read the workbook's sheet names: ${errorMessage(error)}`,
      `无法读取工作簿的工作表名称：${errorMessage(error)}`,
      error,
    );
  }
  const taken = sheets.items.map((s) => s.name);
  const resultName = uniqueSheetName(T.result, taken);
  const items = data.items ?? null;
  const itemName = items === null ? null : uniqueSheetName(T.items, [...taken, resultName]);
  const summaryName = uniqueSheetName(T.summary, [...taken, resultName, ...(itemName === null ? [] : [itemName])]);
  const tableNames = [...tables.items.map((t) => t.name), ...names.items.map((x) => x.name)];
  const tableName = uniqueTableName(TABLE_BASE, tableNames);
  const itemTableName = uniqueTableName(ITEM_TABLE_BASE, [...tableNames, tableName]);
  // Today's work, Log problems (issue 13): after the summary, each under a name and table name of its own.
  const more = moreSheetNames(
    data.moreSheets ?? [],
    [...taken, resultName, ...(itemName === null ? [] : [itemName]), summaryName],
    [...tableNames, tableName, itemTableName],
  );
  const m = items?.rows.length ?? 0;
  if (m + 1 > SHEET_ROWS) {
    throw new PaneError(
      "too-many-rows",
      `${m.toLocaleString("en-US")} item rows do not fit in a worksheet (at most ${(SHEET_ROWS - 1).toLocaleString("en-US")} under the header): triage a part of the export, or use the command line (npm run triage), which writes them to a CSV file.`,
      `${m} 行明细超出工作表容量（表头下最多 ${SHEET_ROWS - 1} 行）：请分批分诊，或使用命令行（npm run triage）将明细写入 CSV 文件。`,
    );
  }
  const created: string[] = [];

  try {
    // ---- the result sheet: values first ----
    const sheet = sheets.add(resultName);
    created.push(resultName);
    batches.queued(jsonByteLength(resultName));
    const header = data.headers.map(excelText);
    sheet.getRangeByIndexes(0, 0, 1, width).values = [header];
    batches.queued(jsonByteLength(header));
    // The collection log's date columns hold 1900 serials: moved onto a 1904 workbook's count.
    const keys = keysOf(data);
    const logDates = keys.flatMap((key, c) => (key !== undefined && LOG_DATE_KEYS.includes(key) ? [c] : []));
    const live = data.live;
    const liveFormulas = await writeRows(
      batches,
      sheet,
      1,
      data.rows,
      width,
      rowCap,
      (done) => options.onProgress?.(done, n + m),
      dateShift(logDates, data.dateSystem),
      live?.formulas,
    );
    if (live !== undefined) writeLiveBlock(batches, sheet, live.block);

    // ---- then its formats, a fixed number of requests ----
    const bodyRows = Math.max(1, n);
    await batches.makeRoom(4 * 1024);
    const table = sheet.tables.add(sheet.getRangeByIndexes(0, 0, bodyRows + 1, width), true);
    table.name = tableName;
    table.style = "TableStyleLight1";
    // Banded rows would fight the level colours.
    table.showBandedRows = false;
    batches.queued(256);
    if (n > 0) {
      keys.forEach((key, c) => {
        if (key !== undefined && isAmountColumn(key)) {
          sheet.getRangeByIndexes(1, c, n, 1).numberFormat = [[AMOUNT_FORMAT]];
          batches.queued(32);
        }
        if (logDates.includes(c)) {
          sheet.getRangeByIndexes(1, c, n, 1).numberFormat = [[DATE_FORMAT]];
          batches.queued(32);
        }
      });
      await colourRows(batches, sheet, data, keys, n, width, options.colouring ?? "conditional");
    }
    sheet.freezePanes.freezeRows(1);
    batches.queued(8);
    sizeColumns(batches, sheet, data.headers, data.rows, width);
    await batches.sync();
    options.onProgress?.(n, n + m);

    // ---- an item list's item sheet: every source row and what became of it ----
    if (items !== null && itemName !== null) {
      const itemSheet = sheets.add(itemName);
      created.push(itemName);
      batches.queued(jsonByteLength(itemName));
      await writeItemSheet(batches, itemSheet, items, itemTableName, data.dateSystem ?? "1900", rowCap, (done) =>
        options.onProgress?.(n + done, n + m),
      );
      await batches.sync();
      options.onProgress?.(n + m, n + m);
    }

    // ---- the summary sheet ----
    const summary = sheets.add(summaryName);
    created.push(summaryName);
    batches.queued(jsonByteLength(summaryName));
    const resultAddress = formatAddress(resultName, { row: 0, column: 0, rows: bodyRows + 1, columns: width });
    await writeSummary(batches, summary, data, resultName, itemName, rowCap, options.problemRowLimit ?? 200);

    for (const extra of more) {
      await batches.sync();
      const moreSheet = sheets.add(extra.name);
      created.push(extra.name);
      batches.queued(jsonByteLength(extra.name));
      await writeMoreSheet(batches, moreSheet, extra, data.dateSystem ?? "1900", rowCap);
    }
    const activate = options.activate ?? "summary";
    if (activate !== "none") {
      (activate === "summary" ? summary : sheet).activate();
      batches.queued(8);
    }
    await batches.sync();
    return {
      syncs: batches.syncs,
      chunks: batches.chunks,
      maxRequestBytes: batches.maxBytes,
      totalBytes: batches.totalBytes,
      resultSheet: resultName,
      resultAddress,
      summarySheet: summaryName,
      tableName,
      rows: n,
      ...(itemName === null ? {} : { itemSheet: itemName, itemRows: m }),
      ...(live === undefined ? {} : { liveFormulas }),
      ...(more.length === 0 ? {} : { moreSheets: Object.fromEntries(more.map((x) => [x.sheet.key, x.name])) }),
    };
  } catch (error) {
    const cleanup = await removePartialSheets(context, created, T.incomplete);
    const aborted = error instanceof PaneError && error.code === "aborted";
    if (aborted) {
      const stop = abortError();
      throw new PaneError("aborted", `${stop.en} ${cleanup.en}`, `${stop.zh}${cleanup.zh}`, error);
    }
    throw new PaneError(
      "write-failed",
      `Could not write the triage to the workbook: ${errorMessage(error)}. ${cleanup.en} Your data was not changed; run the triage again.`,
      `无法将分诊结果写入工作簿：${errorMessage(error)}。${cleanup.zh}您的数据未被改动，请重新运行分诊。`,
      error,
    );
  }
}

/**
 * The item sheet: its header and rows in chunks (values first), then a table, the date and amount formats,
 * the frozen header and column widths, a fixed number of requests. Its dates are 1900 serials: in a 1904
 * workbook they are moved onto its count, so that a date shows as the same day.
 */
async function writeItemSheet(
  batches: Batches,
  sheet: Excel.Worksheet,
  items: NonNullable<TriageSheetData["items"]>,
  tableName: string,
  dateSystem: DateSystem,
  rowCap: number,
  onRows: (done: number) => void,
): Promise<void> {
  const width = items.headers.length;
  const n = items.rows.length;
  const header = items.headers.map(excelText);
  sheet.getRangeByIndexes(0, 0, 1, width).values = [header];
  batches.queued(jsonByteLength(header));
  const dateColumns = ITEM_DATE_KEYS.map((k) => items.columnKeys.indexOf(k)).filter((c) => c >= 0);
  await writeRows(batches, sheet, 1, items.rows, width, rowCap, onRows, dateShift(dateColumns, dateSystem));
  await batches.makeRoom(4 * 1024);
  const table = sheet.tables.add(sheet.getRangeByIndexes(0, 0, Math.max(1, n) + 1, width), true);
  table.name = tableName;
  table.style = "TableStyleLight1";
  batches.queued(256);
  if (n > 0) {
    for (const c of dateColumns) {
      sheet.getRangeByIndexes(1, c, n, 1).numberFormat = [[DATE_FORMAT]];
      batches.queued(32);
    }
    for (const key of ITEM_AMOUNT_KEYS) {
      const c = items.columnKeys.indexOf(key);
      if (c < 0) continue;
      sheet.getRangeByIndexes(1, c, n, 1).numberFormat = [[AMOUNT_FORMAT]];
      batches.queued(32);
    }
  }
  sheet.freezePanes.freezeRows(1);
  batches.queued(8);
  sizeColumns(batches, sheet, items.headers, items.rows, width);
}

/**
 * Moves the date columns' 1900 serials onto a 1904 workbook's count, so that a date shows as the same
 * day; nothing to do (undefined) in a 1900 workbook or without date columns.
 */
function dateShift(
  dateColumns: readonly number[],
  dateSystem: DateSystem | undefined,
): ((row: readonly CellValue[]) => readonly CellValue[]) | undefined {
  if (dateSystem !== "1904" || dateColumns.length === 0) return undefined;
  return (row) => {
    if (!dateColumns.some((c) => typeof row[c] === "number")) return row;
    const out = [...row];
    for (const c of dateColumns) if (typeof out[c] === "number") out[c] = (out[c] as number) - DATE_1904_OFFSET;
    return out;
  };
}

/**
 * Colours rows by warning level (src/result style.ts, as the command line's file): conditional formats on
 * the level column, or fills per run of rows; a row without a level (a problem or blank row, not triaged)
 * gets no fill and the untriaged font.
 */
async function colourRows(
  batches: Batches,
  sheet: Excel.Worksheet,
  data: TriageSheetData,
  keys: readonly (string | undefined)[],
  n: number,
  width: number,
  colouring: "conditional" | "fills",
): Promise<void> {
  const levelColumn = keys.indexOf("level");
  if (colouring === "conditional" && levelColumn >= 0) {
    // One rule per level on the whole body: three requests for any number of rows, and the colour follows
    // the row when the user sorts or filters the table. `$J2` is the level cell of the rule's first row.
    const body = sheet.getRangeByIndexes(1, 0, n, width);
    const level = `$${columnLetters(levelColumn)}2`;
    for (const l of [1, 2, 3] as const) {
      const format = body.conditionalFormats.add("Custom");
      format.custom.rule.formula = `=${level}=${l}`;
      format.custom.format.fill.color = LEVEL_FILLS[l];
      batches.queued(64);
    }
    const untriaged = body.conditionalFormats.add("Custom");
    untriaged.custom.rule.formula = `=${level}=""`;
    untriaged.custom.format.font.color = UNTRIAGED_FONT.color;
    untriaged.custom.format.font.italic = UNTRIAGED_FONT.italic;
    batches.queued(64);
    return;
  }
  // One fill per run of rows of the same level, queued like values (a run costs a request, whatever its length).
  for (const run of levelRuns(data.levels.slice(0, n))) {
    await batches.makeRoom(64);
    const rows = sheet.getRangeByIndexes(1 + run.start, 0, run.length, width);
    if (run.level === null) {
      rows.format.font.color = UNTRIAGED_FONT.color;
      rows.format.font.italic = UNTRIAGED_FONT.italic;
    } else rows.format.fill.color = LEVEL_FILLS[run.level];
    batches.queued(64);
  }
}

/** Column widths: autofit on the header and a sample of rows, then long text columns capped. */
function sizeColumns(
  batches: Batches,
  sheet: Excel.Worksheet,
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
  width: number,
): void {
  const sample = Math.min(rows.length, WIDTH_SAMPLE);
  sheet.getRangeByIndexes(0, 0, sample + 1, width).format.autofitColumns();
  batches.queued(8);
  for (let c = 0; c < width; c++) {
    let widest = displayWidth(headers[c] ?? "");
    for (let r = 0; r < sample; r++) {
      const v = rows[r][c];
      if (v !== undefined && v !== "") widest = Math.max(widest, displayWidth(String(v)));
    }
    if (widest > MAX_COLUMN_CHARS) {
      sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(MAX_COLUMN_CHARS * POINTS_PER_CHAR);
      batches.queued(16);
    }
  }
}

/**
 * A live result's block beside the table (src/result liveBlock): the as-of label, the as-of cell the
 * formulas reference (formatted as a date), the legend of the live columns; three requests.
 */
function writeLiveBlock(batches: Batches, sheet: Excel.Worksheet, block: NonNullable<TriageSheetData["live"]>["block"]): void {
  const cells = block.rows.map((row) => rowCells(row, 1));
  sheet.getRangeByIndexes(0, block.column, cells.length, 1).values = cells;
  batches.queued(jsonByteLength(cells));
  sheet.getRangeByIndexes(block.asOfRow, block.column, 1, 1).numberFormat = [[DATE_FORMAT]];
  batches.queued(32);
  sheet.getRangeByIndexes(0, block.column, 1, 1).format.columnWidth = Math.round(24 * POINTS_PER_CHAR);
  batches.queued(16);
}

/** The summary sheet: the run's figures, breakdowns with a chart of the balance by level, the rows with problems. */
async function writeSummary(
  batches: Batches,
  sheet: Excel.Worksheet,
  data: TriageSheetData,
  resultName: string,
  itemName: string | null,
  rowCap: number,
  problemLimit: number,
): Promise<void> {
  const s = data.summary;
  const { rows, width, bold, amounts, asOfRow, levelBlock } = summarySheet({
    summary: s,
    language: data.language,
    asOf: data.asOf,
    dateSystem: data.dateSystem,
    source: data.source,
    resultSheet: resultName,
    ...(itemName === null ? {} : { itemSheet: itemName }),
    notes: data.notes ?? [],
    problemRowLimit: problemLimit,
  });
  await writeRows(batches, sheet, 0, rows, width, rowCap);
  await batches.makeRoom(4 * 1024);
  sheet.getRangeByIndexes(asOfRow, 1, 1, 1).numberFormat = [[DATE_FORMAT]];
  batches.queued(16);
  for (const r of amounts) {
    sheet.getRangeByIndexes(r, 1, 1, 1).numberFormat = [[AMOUNT_FORMAT]];
    batches.queued(16);
  }
  for (const r of bold) {
    sheet.getRangeByIndexes(r, 0, 1, width).format.font.bold = true;
    batches.queued(16);
  }
  sizeColumns(batches, sheet, [], rows, width);
  // The chart: balance by warning level, from the level block's labels and amounts.
  const chart = sheet.charts.add("ColumnClustered", sheet.getRangeByIndexes(levelBlock, 0, 1 + s.byLevel.length, 2), "Columns");
  chart.title.text = RESULT_TEXT[data.language].chart;
  chart.legend.visible = false;
  chart.setPosition("F2", "M20");
  batches.queued(128);
}

/**
 * Removes the sheets a failed write created (best effort, never throwing): deleted; if that fails,
 * renamed with the incomplete mark so that nobody takes them for a result. Says what it did.
 */
async function removePartialSheets(
  context: Excel.RequestContext,
  created: readonly string[],
  mark: string,
): Promise<{ en: string; zh: string }> {
  if (created.length === 0) return { en: "Nothing was written.", zh: "未写入任何内容。" };
  const present = async (): Promise<string[]> => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const names = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    return created.filter((name) => names.has(name.toLowerCase()));
  };
  let left: string[];
  try {
    left = await present();
    if (left.length === 0) return { en: "Nothing was left behind.", zh: "未留下任何内容。" };
    for (const name of left) context.workbook.worksheets.getItem(name).delete();
    await context.sync();
    return { en: `The partial sheets (${left.join(", ")}) were removed.`, zh: `已删除未完成的工作表（${left.join("、")}）。` };
  } catch {
    // Deleting failed (a protected workbook, a lost connection): mark what is left as incomplete.
  }
  try {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const taken = sheets.items.map((s) => s.name);
    const lower = new Set(taken.map((name) => name.toLowerCase()));
    left = created.filter((name) => lower.has(name.toLowerCase()));
    const renamed: string[] = [];
    for (const name of left) {
      const marked = uniqueSheetName(`${name.slice(0, 31 - mark.length)}${mark}`, [...taken, ...renamed]);
      context.workbook.worksheets.getItem(name).name = marked;
      renamed.push(marked);
    }
    await context.sync();
    return {
      en: `The partial sheets could not be removed and were renamed: ${renamed.join(", ")}.`,
      zh: `未完成的工作表无法删除，已重命名为：${renamed.join("、")}。`,
    };
  } catch {
    return {
      en: `The partial sheets ${created.join(", ")} could not be removed: delete them by hand.`,
      zh: `未完成的工作表 ${created.join("、")} 无法删除，请手动删除。`,
    };
  }
}

// ------------------------------------------------------------------------------------------------
// Sheets after the summary (issue 13: Today's work, Log problems)

/** A sheet of TriageSheetData.moreSheets with the sheet and table names it gets. */
interface NamedMoreSheet {
  readonly sheet: MoreSheet;
  readonly name: string;
  readonly tableName: string;
}

/** Names no sheet or table has, for each of the sheets after the summary (table `AR` + its key: `ARWork`). */
function moreSheetNames(sheets: readonly MoreSheet[], takenSheets: readonly string[], takenTables: readonly string[]): NamedMoreSheet[] {
  const names = [...takenSheets];
  const tables = [...takenTables];
  return sheets.map((sheet) => {
    const name = uniqueSheetName(sheet.name, names);
    const tableName = uniqueTableName(`AR${sheet.key.charAt(0).toUpperCase()}${sheet.key.slice(1)}`.replace(/[^A-Za-z0-9_]/g, "_"), tables);
    names.push(name);
    tables.push(tableName);
    if (sheet.rows.length + 1 > SHEET_ROWS) {
      throw new PaneError(
        "too-many-rows",
        `${sheet.rows.length.toLocaleString("en-US")} rows of "${sheet.name}" do not fit in a worksheet: use the command line (npm run triage).`,
        `“${sheet.name}”的 ${sheet.rows.length} 行超出工作表容量：请使用命令行（npm run triage）。`,
      );
    }
    return { sheet, name, tableName };
  });
}

/** One sheet after the summary: header and rows (values first), then a table, number formats by column key, the frozen header, widths. */
async function writeMoreSheet(
  batches: Batches,
  sheet: Excel.Worksheet,
  named: NamedMoreSheet,
  dateSystem: DateSystem,
  rowCap: number,
): Promise<void> {
  const { headers, rows, columnKeys = [] } = named.sheet;
  const width = headers.length;
  const n = rows.length;
  const header = headers.map(excelText);
  sheet.getRangeByIndexes(0, 0, 1, width).values = [header];
  batches.queued(jsonByteLength(header));
  const formats = columnKeys.map((key) => columnFormat(key));
  const dates = formats.flatMap((f, c) => (f === DATE_FORMAT ? [c] : []));
  await writeRows(batches, sheet, 1, rows, width, rowCap, undefined, dateShift(dates, dateSystem));
  await batches.makeRoom(4 * 1024);
  const table = sheet.tables.add(sheet.getRangeByIndexes(0, 0, Math.max(1, n) + 1, width), true);
  table.name = named.tableName;
  table.style = "TableStyleLight1";
  batches.queued(256);
  if (n > 0) {
    formats.forEach((format, c) => {
      if (format === null || c >= width) return;
      sheet.getRangeByIndexes(1, c, n, 1).numberFormat = [[format]];
      batches.queued(32);
    });
  }
  sheet.freezePanes.freezeRows(1);
  batches.queued(8);
  sizeColumns(batches, sheet, headers, rows, width);
}
