/**
 * The collection log (催收记录, issue 13) from the task pane: create it as an Excel table with bilingual
 * headers, take the customer from the selected cell, and append one event to it. The add-in only ever
 * appends (table.rows.add): it never edits or deletes a log row, and touches no other sheet.
 */
import {
  ACTION_LABELS,
  LOG_FIELD_LABELS,
  LOG_FIELDS,
  recogniseLogColumns,
  recogniseLogHeader,
  type CollectionAction,
} from "../core/collection/index.js";
import { RuleError } from "../core/errors.js";
import { DATE_1904_OFFSET, type DateSystem } from "../core/triage/types.js";
import type { Language } from "../core/errors.js";

/** The log sheet's name in each language. */
export const LOG_SHEET_NAMES: Readonly<Record<Language, string>> = Object.freeze({ en: "Collection log", zh: "催收记录" });
/** The name of the log table the pane creates. */
export const LOG_TABLE_NAME = "CollectionLog";
/** The number format of the log's date cells. */
const DATE_FORMAT = "yyyy-mm-dd";
/** Rows at the top of a sheet searched for a customer header. */
const HEADER_SEARCH_ROWS = 10;

/** The headers the pane writes, in LOG_FIELDS order: English then Chinese (`Date 日期`, `Customer 客户`, ...). */
export function logTableHeaders(): string[] {
  return LOG_FIELDS.map((field) => {
    const { en, zh } = LOG_FIELD_LABELS[field];
    return `${en.charAt(0).toUpperCase()}${en.slice(1)} ${zh}`;
  });
}

/** An Excel table holding a collection log. */
export interface LogTableRef {
  readonly name: string;
  readonly sheet: string;
}

/**
 * The workbook's collection log table: the one named CollectionLog, else the first table whose header row
 * has the log's date, customer and action columns; null when there is none.
 */
export async function findLogTable(context: Excel.RequestContext): Promise<LogTableRef | null> {
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  const heads = tables.items.map((table) => ({
    table,
    sheet: table.worksheet.load("name"),
    header: table.getHeaderRowRange().load("values"),
  }));
  if (heads.length === 0) return null;
  await context.sync();
  const isLog = (h: (typeof heads)[number]) => recogniseLogColumns(h.header.values[0] ?? []).missingRequired.length === 0;
  const found = heads.find((h) => h.table.name === LOG_TABLE_NAME && isLog(h)) ?? heads.find(isLog);
  return found === undefined ? null : { name: found.table.name, sheet: found.sheet.name };
}

/** What createCollectionLog did. */
export interface CreateLogResult {
  /** False when the workbook already had a log table (nothing was changed). */
  readonly created: boolean;
  readonly table: LogTableRef;
}

/**
 * Creates the collection log: a new sheet ("Collection log" / "催收记录") with an Excel table of the log's
 * bilingual headers, only when the workbook has no log table yet. No other sheet is touched.
 * @throws RuleError (`log`) when a sheet of that name already exists (it is not written over)
 */
export async function createCollectionLog(context: Excel.RequestContext, language: Language): Promise<CreateLogResult> {
  const existing = await findLogTable(context);
  if (existing !== null) return { created: false, table: existing };
  const sheetName = LOG_SHEET_NAMES[language];
  const taken = context.workbook.worksheets.getItemOrNullObject(sheetName);
  taken.load("name");
  await context.sync();
  if (!taken.isNullObject) {
    throw new RuleError(
      "log",
      `a sheet "${sheetName}" exists but holds no log table (date, customer, action): rename it, then create the log`,
      `已有名为“${sheetName}”的工作表，但其中没有催收记录表（日期、客户、催收动作）：请先重命名该表，再创建催收记录`,
    );
  }
  const headers = logTableHeaders();
  const sheet = context.workbook.worksheets.add(sheetName);
  const headerRange = sheet.getRangeByIndexes(0, 0, 1, headers.length);
  headerRange.values = [headers];
  const table = sheet.tables.add(headerRange, true);
  table.name = LOG_TABLE_NAME;
  headerRange.format.autofitColumns();
  await context.sync();
  return { created: true, table: { name: LOG_TABLE_NAME, sheet: sheetName } };
}

/** The customer the selection names, and where it was found. */
export interface SelectedCustomer {
  readonly customer: string;
  /** The selected cell, e.g. `Result!C5`. */
  readonly address: string;
}

/**
 * The customer of the selected cell: on a sheet with a customer column (a header such as "customer" /
 * "客户" in its first rows: a debtor table, a result sheet), the customer of the selected row; on a sheet
 * without one, the selected cell's own text.
 * @throws RuleError (`customer`) when the selection is blank, the header row itself, or not one row
 */
export async function readSelectedCustomer(context: Excel.RequestContext): Promise<SelectedCustomer> {
  const selected = context.workbook.getSelectedRange().load(["address", "rowIndex", "columnIndex", "rowCount", "values"]);
  const sheet = selected.worksheet;
  const used = sheet.getUsedRangeOrNullObject(true).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
  await context.sync();
  const noCustomer = () =>
    new RuleError(
      "customer",
      "select a customer's cell, or any cell of a customer's row in a result sheet or debtor table",
      "请选中客户名称单元格，或结果表、欠款表中该客户所在行的任一单元格",
    );
  if (selected.rowCount !== 1) {
    throw new RuleError("customer", "select the cells of one row (one customer)", "请只选中一行（一个客户）的单元格");
  }
  const row = selected.rowIndex;
  let customerCell: unknown = selected.values[0]?.[0];
  if (!used.isNullObject && row > used.rowIndex) {
    const top = sheet
      .getRangeByIndexes(used.rowIndex, used.columnIndex, Math.min(HEADER_SEARCH_ROWS, row - used.rowIndex), used.columnCount)
      .load("values");
    await context.sync();
    const column = top.values.map((header) => header.findIndex((cell) => recogniseLogHeader(cell) === "customer")).find((c) => c >= 0);
    if (column !== undefined) {
      const cell = sheet.getRangeByIndexes(row, used.columnIndex + column, 1, 1).load("values");
      await context.sync();
      customerCell = cell.values[0][0];
    }
  }
  const customer = typeof customerCell === "number" ? String(customerCell) : typeof customerCell === "string" ? customerCell.trim() : "";
  if (customer === "" || recogniseLogHeader(customer) === "customer") throw noCustomer();
  return { customer, address: selected.address };
}

/** One event as the pane records it: dates as Excel serials in the 1900 count, amounts in yuan. */
export interface LogEntry {
  readonly date: number;
  readonly customer: string;
  readonly invoice?: string;
  readonly action: CollectionAction;
  readonly amount?: number;
  readonly promisedDate?: number;
  readonly who?: string;
  readonly note?: string;
}

/** What appendLogEvent wrote. */
export interface AppendResult {
  readonly table: LogTableRef;
  /** The row written, in the table's column order, as written (serials in the workbook's date system). */
  readonly row: (string | number)[];
  /** The sheet row number (1-based) of the new row. */
  readonly sheetRow: number;
}

/**
 * Appends one event to the log table (table.rows.add), its cells in the table's own column order (found by
 * header, so a log the user made or reordered works too) and its date cells formatted as dates. The
 * action is written as its label in the given language (ACTION_LABELS), which the log reader reads back.
 * @throws RuleError (`log`) when the workbook has no log table
 */
export async function appendLogEvent(
  context: Excel.RequestContext,
  entry: LogEntry,
  language: Language,
  dateSystem: DateSystem = "1900",
): Promise<AppendResult> {
  const ref = await findLogTable(context);
  if (ref === null) {
    throw new RuleError("log", "the workbook has no collection log: create it first", "工作簿中没有催收记录表：请先创建");
  }
  const table = context.workbook.tables.getItem(ref.name);
  const header = table.getHeaderRowRange().load(["values", "rowIndex", "columnIndex"]);
  const whole = table.getRange().load(["rowCount"]);
  const body = table.getDataBodyRange().load(["values", "rowCount"]);
  await context.sync();
  const headers = header.values[0];
  const { mapping } = recogniseLogColumns(headers);
  const serial = (day: number) => (dateSystem === "1904" ? day - DATE_1904_OFFSET : day);
  const cells: Readonly<Record<string, string | number | undefined>> = {
    date: serial(entry.date),
    customer: entry.customer,
    invoice: entry.invoice,
    action: ACTION_LABELS[entry.action][language],
    amount: entry.amount,
    promisedDate: entry.promisedDate === undefined ? undefined : serial(entry.promisedDate),
    who: entry.who,
    note: entry.note,
  };
  const row: (string | number)[] = headers.map(() => "");
  for (const field of LOG_FIELDS) {
    const column = mapping[field];
    if (column !== undefined) row[column] = cells[field] ?? "";
  }
  // A table made from a header row alone has one blank body row in Excel: the first event fills it.
  const blankBody = body.rowCount === 1 && body.values[0].every((v) => v === "" || v === null);
  let sheetRow: number;
  if (blankBody) {
    body.values = [row];
    sheetRow = header.rowIndex + 2;
  } else {
    table.rows.add(undefined, [row]);
    sheetRow = header.rowIndex + whole.rowCount + 1;
  }
  const sheet = context.workbook.worksheets.getItem(ref.sheet);
  for (const field of ["date", "promisedDate"] as const) {
    const column = mapping[field];
    if (column !== undefined && cells[field] !== undefined) {
      sheet.getRangeByIndexes(sheetRow - 1, header.columnIndex + column, 1, 1).numberFormat = [[DATE_FORMAT]];
    }
  }
  await context.sync();
  return { table: ref, row, sheetRow };
}
