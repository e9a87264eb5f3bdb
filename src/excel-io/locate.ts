/**
 * Finding the portfolio the user means: the selection (a single selected cell stands for its current
 * region), the current region around the selection, or a named Excel table; a selection inside a table
 * stands for the table. The current region runs down to the sheet's last used row: Excel's own stops at
 * the first blank row, which would drop the rows after a separator without a word. An ERP export has
 * title rows above its header (report name, company, "截止日期：2025年7月31日"): the first rows of the range
 * are read and the core's locateHeader finds the header among them; the portfolio starts there, and the
 * date the title states becomes the as-of date the pane offers. Only geometry and the first rows are read,
 * in two syncs at most: the data is read later, in chunks (read.ts).
 *
 * API sets: ExcelApi 1.7 (Range.getSurroundingRegion), 1.9 (Range.getTables).
 */
import { HEADER_SCAN_ROWS, locateHeader, titleAsOfDate } from "../core/index.js";
import { PaneError, checkAborted, errorMessage, officeErrorCode } from "./errors.js";
import { columnLetters } from "../result/index.js";
import type { PortfolioLocation, PortfolioSource } from "./types.js";

/** Most columns a portfolio may have: more means whole rows were selected, not a debtor table. */
export const MAX_PORTFOLIO_COLUMNS = 500;

/** A block of cells, 0-based. */
interface Bounds {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

const GEOMETRY = "rowIndex,columnIndex,rowCount,columnCount";

function boundsOf(range: Excel.Range): Bounds {
  return { row: range.rowIndex, column: range.columnIndex, rows: range.rowCount, columns: range.columnCount };
}

function contains(outer: Bounds, inner: Bounds): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.column + inner.columns <= outer.column + outer.columns
  );
}

/** The part of `a` inside `b`, or null. */
function intersect(a: Bounds, b: Bounds): Bounds | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const right = Math.min(a.column + a.columns, b.column + b.columns);
  return bottom > row && right > column ? { row, column, rows: bottom - row, columns: right - column } : null;
}

/**
 * A sheet-qualified A1 address, as Excel writes one: `Debtors!A1:W16`, `'My debtors'!A1:W16`.
 * Used for ranges whose address Excel was not asked for (a table without its totals row).
 */
export function formatAddress(sheetName: string, bounds: Bounds): string {
  const plain =
    /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(sheetName) &&
    !/^[A-Za-z]{1,3}\d+$/.test(sheetName) &&
    !/^[RrCc]\d*$/.test(sheetName);
  const sheet = plain ? sheetName : `'${sheetName.replace(/'/g, "''")}'`;
  const from = `${columnLetters(bounds.column)}${bounds.row + 1}`;
  const to = `${columnLetters(bounds.column + bounds.columns - 1)}${bounds.row + bounds.rows}`;
  return `${sheet}!${from === to ? from : `${from}:${to}`}`;
}

/** A header cell as text: Excel shows numbers and booleans as they are, "" for an empty cell. */
function headerText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value === null || value === undefined) return "";
  return String(value);
}

/**
 * The header among a range's first rows: an export's title rows above it are skipped (core locateHeader,
 * as the command line does). Returns the bounds from the header down, its cells and the title rows.
 */
function belowTitles(
  bounds: Bounds,
  firstRows: readonly (readonly unknown[])[],
): { bounds: Bounds; header: readonly unknown[]; titleRows: string[] } {
  const located = firstRows.length > 1 ? locateHeader(firstRows) : null;
  if (located === null || located.headerRow === 0) return { bounds, header: firstRows[0] ?? [], titleRows: [] };
  const skip = located.headerRow;
  return {
    bounds: { ...bounds, row: bounds.row + skip, rows: bounds.rows - skip },
    header: firstRows[skip],
    titleRows: located.titleRows,
  };
}

/** The location of a block whose first row is the header, after checking it makes a portfolio. */
function locationOf(
  sheetName: string,
  bounds: Bounds,
  headerValues: readonly unknown[],
  tableName?: string,
  titleRows: readonly string[] = [],
): PortfolioLocation {
  const headers = headerValues.map(headerText);
  const blank = headers.every((h) => h.trim() === "");
  const where = tableName === undefined ? formatAddress(sheetName, bounds) : tableName;
  if (blank && bounds.rows === 1) {
    throw new PaneError(
      "no-data",
      `There is no data at ${where}: select a cell in your debtor table (or the whole table) and try again.`,
      `${where} 处没有数据：请选中欠款客户表中的任一单元格（或整张表）后重试。`,
    );
  }
  if (blank) {
    throw new PaneError(
      "no-headers",
      `The first row of ${where} is empty: the first row must hold the column headers (customer, balance, due date, ...).`,
      `${where} 的第一行为空：第一行应为列标题（客户、余额、到期日等）。`,
    );
  }
  if (bounds.rows < 2) {
    throw new PaneError(
      "header-only",
      `${where} has a single row (${formatAddress(sheetName, bounds)}): select the headers and the debtor rows below them, or a cell inside the table.`,
      `${where} 只有一行（${formatAddress(sheetName, bounds)}）：请选中表头及其下方的欠款客户行，或选中表内任一单元格。`,
    );
  }
  return {
    sheetName,
    address: formatAddress(sheetName, bounds),
    headerRow: bounds.row + 1,
    firstColumn: bounds.column,
    headers,
    rowCount: bounds.rows - 1,
    columnCount: bounds.columns,
    ...(tableName === undefined ? {} : { tableName }),
    ...titleFields(titleRows),
  };
}

/** The title rows and the as-of date they state, for the location (nothing when there are none). */
function titleFields(titleRows: readonly string[]): Pick<PortfolioLocation, "titleRows" | "titleAsOf"> {
  if (titleRows.length === 0) return {};
  const asOf = titleAsOfDate(titleRows);
  return { titleRows: [...titleRows], ...(asOf === null ? {} : { titleAsOf: asOf }) };
}

function checkColumns(sheetName: string, bounds: Bounds): void {
  if (bounds.columns > MAX_PORTFOLIO_COLUMNS) {
    throw new PaneError(
      "too-many-columns",
      `${formatAddress(sheetName, bounds)} has ${bounds.columns} columns (at most ${MAX_PORTFOLIO_COLUMNS}): select the debtor table itself, not whole rows.`,
      `${formatAddress(sheetName, bounds)} 有 ${bounds.columns} 列（最多 ${MAX_PORTFOLIO_COLUMNS} 列）：请只选中欠款客户表，不要选中整行。`,
    );
  }
}

/** Syncs, turning Office's error into one the pane can show. */
async function syncOr(context: Excel.RequestContext, fail: (error: unknown) => PaneError): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    throw fail(error);
  }
}

/**
 * Finds the portfolio: its sheet, address, header row and size, without its data (one or two syncs).
 * Throws a PaneError (English and Chinese) when there is nothing to triage there: no data, a single row,
 * no headers, too many columns, no such table, a selection of several areas.
 * @param source the selection, the current region around it, or an Excel table by name
 * @param signal checked before each sync
 */
export async function locatePortfolio(
  context: Excel.RequestContext,
  source: PortfolioSource,
  signal?: AbortSignal,
): Promise<PortfolioLocation> {
  checkAborted(signal);
  if (source.kind === "table") return locateTable(context, source.name, signal);

  // Sync 1: the selection, the region around its top-left cell, the sheet's used range, tables it touches.
  const selected = context.workbook.getSelectedRange();
  selected.load(GEOMETRY);
  const sheet = selected.worksheet;
  sheet.load("name");
  const region = selected.getSurroundingRegion();
  region.load(GEOMETRY);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(GEOMETRY);
  const tables = selected.getTables(false);
  tables.load("items/name");
  await syncOr(context, (error) =>
    officeErrorCode(error) === "InvalidSelection"
      ? new PaneError("selection", "Select one range: the selection has several areas.", "请只选中一个区域：当前选中了多个区域。", error)
      : new PaneError(
          "read-failed",
          `Could not read the selection: ${errorMessage(error)}`,
          `无法读取选中区域：${errorMessage(error)}`,
          error,
        ),
  );
  const sheetName = sheet.name;
  const selection = boundsOf(selected);
  const single = selection.rows === 1 && selection.columns === 1;
  let bounds: Bounds | null;
  if (source.kind === "currentRegion" || single) {
    // Excel's current region stops at a blank row; a debtor table often has one (a separator, a deleted
    // row). Down to the sheet's last used row, so that no row after it is silently left out: the core
    // reports a blank row between data rows and ignores blank rows at the end.
    const around = boundsOf(region);
    const last = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
    bounds = last > around.row + around.rows ? { ...around, rows: last - around.row } : around;
  } else bounds = used.isNullObject ? null : intersect(selection, boundsOf(used)); // whole columns: only the used part
  if (bounds === null) {
    throw new PaneError(
      "no-data",
      `There is no data in the selection ${formatAddress(sheetName, selection)}: select your debtor table and try again.`,
      `选中区域 ${formatAddress(sheetName, selection)} 中没有数据：请选中欠款客户表后重试。`,
    );
  }
  const tableName = tables.items.length > 0 ? tables.items[0].name : undefined;
  if (tableName === undefined) checkColumns(sheetName, bounds);

  // Sync 2: the first rows (the header, or title rows above it); and, when the selection touches a table,
  // the table's geometry and header row too, to decide whether the selection lies in the table (then the
  // table is the portfolio).
  checkAborted(signal);
  const header =
    bounds.columns <= MAX_PORTFOLIO_COLUMNS
      ? context.workbook.worksheets
          .getItem(sheetName)
          .getRangeByIndexes(bounds.row, bounds.column, Math.min(bounds.rows, HEADER_SCAN_ROWS), bounds.columns)
      : null;
  header?.load("values");
  let table: { proxy: Excel.Table; range: Excel.Range; first: Excel.Range } | null = null;
  if (tableName !== undefined) {
    const proxy = context.workbook.tables.getItem(tableName);
    proxy.load("showHeaders,showTotals");
    const range = proxy.getRange();
    range.load(GEOMETRY);
    const first = range.getRow(0);
    first.load("values");
    table = { proxy, range, first };
  }
  await syncOr(
    context,
    (error) =>
      new PaneError(
        "read-failed",
        `Could not read the header row: ${errorMessage(error)}`,
        `无法读取表头行：${errorMessage(error)}`,
        error,
      ),
  );
  if (table !== null && tableName !== undefined && contains(boundsOf(table.range), selection)) {
    return tableLocation(sheetName, tableName, table.proxy, table.range, table.first);
  }
  checkColumns(sheetName, bounds);
  const found = belowTitles(bounds, header === null ? [] : header.values);
  return locationOf(sheetName, found.bounds, found.header, undefined, found.titleRows);
}

/** A named table: its header row and data body, without a totals row (one sync). */
async function locateTable(context: Excel.RequestContext, name: string, signal?: AbortSignal): Promise<PortfolioLocation> {
  const proxy = context.workbook.tables.getItem(name);
  proxy.load("name,showHeaders,showTotals");
  const sheet = proxy.worksheet;
  sheet.load("name");
  const range = proxy.getRange();
  range.load(GEOMETRY);
  const first = range.getRow(0);
  first.load("values");
  await syncOr(context, (error) =>
    officeErrorCode(error) === "ItemNotFound"
      ? new PaneError(
          "table-not-found",
          `There is no table named "${name}" in this workbook.`,
          `此工作簿中没有名为“${name}”的表格。`,
          error,
        )
      : new PaneError(
          "read-failed",
          `Could not read the table "${name}": ${errorMessage(error)}`,
          `无法读取表格“${name}”：${errorMessage(error)}`,
          error,
        ),
  );
  checkAborted(signal);
  return tableLocation(sheet.name, proxy.name, proxy, range, first);
}

function tableLocation(
  sheetName: string,
  tableName: string,
  proxy: Excel.Table,
  range: Excel.Range,
  first: Excel.Range,
): PortfolioLocation {
  if (!proxy.showHeaders) {
    throw new PaneError(
      "table-without-headers",
      `The table "${tableName}" has its header row turned off: turn it on (Table Design → Header Row) so that the columns can be recognised.`,
      `表格“${tableName}”未显示标题行：请打开标题行（表设计 → 标题行），以便识别各列。`,
    );
  }
  const all = boundsOf(range);
  const bounds = { ...all, rows: all.rows - (proxy.showTotals ? 1 : 0) };
  checkColumns(sheetName, bounds);
  return locationOf(sheetName, bounds, first.values[0], tableName);
}
