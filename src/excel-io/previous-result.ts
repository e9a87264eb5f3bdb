/**
 * A previous result sheet of the workbook, for the pane's "Compare with a previous result": which sheets
 * are results this tool wrote (recognised by their header row with the check the command line refuses a
 * file by: src/result isResultHeaders / readResultView), and the chosen sheet's rows, read in chunks as the
 * portfolio is. Only read: the previous result is never written.
 */
import { isResultHeaders, PANE_REFUSAL, readResultView } from "../result/index.js";
import { errorMessage, PaneError } from "./errors.js";
import { formatAddress, MAX_PORTFOLIO_COLUMNS } from "./locate.js";
import { readPortfolioRows } from "./read.js";
import type { ChunkOptions, PortfolioLocation, TransferReport } from "./types.js";

/** A previous result as read from its sheet: its header row and data rows, as readResultView takes them. */
export interface PreviousResultRows {
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly rows: unknown[][];
  /** Sheet row number (1-based) of rows[0]. */
  readonly firstRowNumber: number;
  readonly report: TransferReport;
}

/** A header cell as text. */
function headerText(cell: unknown): string {
  return cell === null || cell === undefined ? "" : String(cell).trim();
}

/**
 * The names of the workbook's sheets whose first used row is a result of this tool's header row, in
 * workbook order. Three syncs whatever the number of sheets: the names, the used ranges, their first rows
 * (at most MAX_PORTFOLIO_COLUMNS cells each).
 */
export async function listResultSheets(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const used = sheets.items.map((sheet) => ({
    sheet,
    range: sheet.getUsedRangeOrNullObject(true).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]),
  }));
  await context.sync();
  const heads = used
    .filter((u) => !u.range.isNullObject && u.range.rowCount > 1)
    .map((u) => ({
      name: u.sheet.name,
      head: u.sheet
        .getRangeByIndexes(u.range.rowIndex, u.range.columnIndex, 1, Math.min(u.range.columnCount, MAX_PORTFOLIO_COLUMNS))
        .load("values"),
    }));
  if (heads.length === 0) return [];
  await context.sync();
  return heads.filter((h) => isResultHeaders(h.head.values[0] ?? [])).map((h) => h.name);
}

/**
 * Reads a previous result sheet: its used range, the first row as headers, the rows under it in chunks
 * (readPortfolioRows: the payload ceiling, progress, abort).
 * @throws RuleError (`compare`, en + zh) when the sheet is not a result of this tool, naming the columns
 *   missing; PaneError `read-failed` when the sheet is gone or empty
 */
export async function readPreviousResult(
  context: Excel.RequestContext,
  sheetName: string,
  options: ChunkOptions = {},
): Promise<PreviousResultRows> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load("name");
  const gone = () =>
    new PaneError(
      "read-failed",
      `The previous result sheet ${sheetName} is not in the workbook any more, or is empty.`,
      `上次结果工作表 ${sheetName} 已不在工作簿中，或为空。`,
    );
  let used: Excel.Range;
  try {
    await context.sync();
    if (sheet.isNullObject) throw gone();
    used = sheet.getUsedRangeOrNullObject(true).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
    await context.sync();
  } catch (error) {
    if (error instanceof PaneError) throw error;
    throw new PaneError(
      "read-failed",
      `Could not read the sheet ${sheetName}: ${errorMessage(error)}`,
      `无法读取工作表 ${sheetName}：${errorMessage(error)}`,
      error,
    );
  }
  if (used.isNullObject) throw gone();
  const columns = Math.min(used.columnCount, MAX_PORTFOLIO_COLUMNS);
  const head = sheet.getRangeByIndexes(used.rowIndex, used.columnIndex, 1, columns).load("values");
  await context.sync();
  const headers = (head.values[0] ?? []).map(headerText);
  // Refused before a row is read: the command line's message, naming what is missing.
  readResultView(sheetName, headers, [], used.rowIndex + 2, PANE_REFUSAL);
  const location: PortfolioLocation = {
    sheetName,
    address: formatAddress(sheetName, { row: used.rowIndex, column: used.columnIndex, rows: used.rowCount, columns }),
    headerRow: used.rowIndex + 1,
    firstColumn: used.columnIndex,
    headers,
    rowCount: used.rowCount - 1,
    columnCount: columns,
  };
  const { rows, report } = await readPortfolioRows(context, location, options);
  return { sheet: sheetName, headers, rows, firstRowNumber: used.rowIndex + 2, report };
}
