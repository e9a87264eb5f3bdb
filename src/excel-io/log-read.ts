/**
 * Reading the workbook's collection log (催收记录, issue 13) for a triage: the log table (findLogTable: the
 * table CollectionLog, else any table with date, customer and action headers), else a sheet named
 * "Collection log" / "催收记录" whose header is among its first rows. Only read, never written: the rows
 * come in chunks as the portfolio's do (readPortfolioRows, with progress), values only, and the core reads them
 * (readCollectionLog) in the worker.
 */
import { recogniseLogColumns } from "../core/collection/index.js";
import { formatAddress } from "./locate.js";
import { LOG_SHEET_NAMES, findLogTable } from "./collection-log.js";
import { readPortfolioRows } from "./read.js";
import type { ChunkOptions, PortfolioLocation, TransferReport } from "./types.js";

/** Rows at the top of a log sheet searched for its header row. */
const HEADER_SEARCH_ROWS = 10;

/** Where the log is: an Excel table, or a sheet found by its name. */
export type CollectionLogPlace =
  { readonly kind: "table"; readonly table: string; readonly sheet: string } | { readonly kind: "sheet"; readonly sheet: string };

/** The log as read from the workbook: where, its header row's cells and the rows under it. */
export interface CollectionLogRows {
  readonly place: CollectionLogPlace;
  /** Where the rows are: header row (1-based sheet row), first column, rows and columns. */
  readonly location: PortfolioLocation;
  /** The header row's cells, as Excel gives them. */
  readonly headers: readonly unknown[];
  /** The data rows under the header, as Excel gives them (trailing blank rows included). */
  readonly rows: unknown[][];
  readonly report: TransferReport;
}

/** A sheet named as a log whose first rows hold no log header (date, customer, action): not read, and said. */
export interface UnreadLogSheet {
  readonly sheet: string;
}

/** What a look for the log found: the log, a log sheet that could not be read, or nothing (both null). */
export interface CollectionLogLookup {
  readonly log: CollectionLogRows | null;
  readonly unread: UnreadLogSheet | null;
}

const GEOMETRY = "rowIndex,columnIndex,rowCount,columnCount";

/**
 * Finds and reads the workbook's collection log; never writes. A log table that is the portfolio itself
 * (`portfolio.tableName`), or a log sheet that is the portfolio's sheet, is not taken for the log.
 * @param portfolio where the portfolio is (from locatePortfolio)
 * @param options chunkRows, maxRequestBytes, signal, onProgress (as readPortfolioRows: the log's rows read
 *   of its rows; the caller adds the portfolio's); onProgress is not called when there is no log
 */
export async function readCollectionLogRows(
  context: Excel.RequestContext,
  portfolio: Pick<PortfolioLocation, "sheetName" | "tableName">,
  options: ChunkOptions = {},
): Promise<CollectionLogLookup> {
  const table = await findLogTable(context);
  if (table !== null && table.name !== portfolio.tableName) {
    const proxy = context.workbook.tables.getItem(table.name);
    proxy.load("showHeaders,showTotals");
    const range = proxy.getRange().load(GEOMETRY);
    const header = proxy.getHeaderRowRange().load("values");
    await context.sync();
    if (proxy.showHeaders) {
      const rows = range.rowCount - 1 - (proxy.showTotals ? 1 : 0);
      const location = logLocation(table.sheet, range.rowIndex, range.columnIndex, rows, range.columnCount, header.values[0], table.name);
      return {
        log: await readRows(context, { kind: "table", table: table.name, sheet: table.sheet }, location, header.values[0], options),
        unread: null,
      };
    }
  }
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const wanted = Object.values(LOG_SHEET_NAMES).map((n) => n.toLowerCase());
  const named = sheets.items.find((sheet) => {
    const lower = sheet.name.toLowerCase();
    return wanted.includes(lower) && lower !== portfolio.sheetName.toLowerCase();
  });
  if (named === undefined) return { log: null, unread: null };
  const sheet = context.workbook.worksheets.getItem(named.name);
  const used = sheet.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (used.isNullObject) return { log: null, unread: { sheet: named.name } };
  const top = sheet
    .getRangeByIndexes(used.rowIndex, used.columnIndex, Math.min(HEADER_SEARCH_ROWS, used.rowCount), used.columnCount)
    .load("values");
  await context.sync();
  const firstRows = top.values;
  const at = firstRows.findIndex((row) => recogniseLogColumns(row).missingRequired.length === 0);
  if (at < 0) return { log: null, unread: { sheet: named.name } };
  const headerIndex = used.rowIndex + at;
  const rows = used.rowIndex + used.rowCount - headerIndex - 1;
  const location = logLocation(named.name, headerIndex, used.columnIndex, rows, used.columnCount, firstRows[at]);
  return { log: await readRows(context, { kind: "sheet", sheet: named.name }, location, firstRows[at], options), unread: null };
}

/** The log's block as a location readPortfolioRows reads: `headerIndex` is the header's 0-based sheet row. */
function logLocation(
  sheetName: string,
  headerIndex: number,
  column: number,
  rows: number,
  columns: number,
  headers: readonly unknown[],
  tableName?: string,
): PortfolioLocation {
  return {
    sheetName,
    address: formatAddress(sheetName, { row: headerIndex, column, rows: rows + 1, columns }),
    headerRow: headerIndex + 1,
    firstColumn: column,
    headers: headers.map((h) => (typeof h === "string" ? h : h === null || h === undefined ? "" : String(h))),
    rowCount: Math.max(0, rows),
    columnCount: columns,
    ...(tableName === undefined ? {} : { tableName }),
  };
}

async function readRows(
  context: Excel.RequestContext,
  place: CollectionLogPlace,
  location: PortfolioLocation,
  headers: readonly unknown[],
  options: ChunkOptions,
): Promise<CollectionLogRows> {
  const read = await readPortfolioRows(context, location, options);
  return { place, location, headers: [...headers], rows: read.rows, report: read.report };
}
