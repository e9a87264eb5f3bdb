/**
 * How a triage result looks in a sheet, shared by the command line's .xlsx output and the task pane's result
 * sheet so that both colour a row the same way and format a column alike.
 */
import type { SummarySheet } from "./summary.js";
import type { RowLevel } from "./table.js";

/**
 * Row fill per warning level, as `#RRGGBB`: yellow, orange, red from Office's palette (gold 60%, orange 40%,
 * a mid red), chosen by relative luminance (0.80, 0.52, 0.26 against white's 1.00) so that the levels stay
 * apart in greyscale print and for red-green colour-blind readers, for whom the hues merge and lightness is
 * what is left. Black text keeps a contrast of at least 6:1 on each. Level 0 and rows without a level keep
 * no fill; the level number stays in its own column.
 */
export const LEVEL_FILLS: Readonly<Record<1 | 2 | 3, string>> = Object.freeze({ 1: "#FFE699", 2: "#F4B183", 3: "#E06666" });

/**
 * The text of a row that was not triaged (a row with a problem, or a blank row): italic dark grey on no
 * fill, so that it is never read as a warning level (it has none, no next step and no offers).
 */
export const UNTRIAGED_FONT: Readonly<{ italic: true; color: string }> = Object.freeze({ italic: true, color: "#595959" });

/** How a row of the result is shown: by its warning level 0-3, or as not triaged. */
export type RowLook = 0 | 1 | 2 | 3 | "untriaged";

/**
 * A row's look from its warning level: a triaged row always has a level (0 when not due or under level 1);
 * a row without one (null) is a row with a problem or a blank row.
 */
export function rowLook(level: RowLevel): RowLook {
  return level === null ? "untriaged" : level;
}

/** Number format of amount cells (balance, offers, recovery payout, open amounts). */
export const AMOUNT_FORMAT = "#,##0.00";

/** Number format of date cells: ISO, the same in every locale. */
export const DATE_FORMAT = "yyyy-mm-dd";

/** Number format of whole numbers (source rows, days, counts, the level): no separators, no decimals. */
export const INTEGER_FORMAT = "0";

/** Number format of day averages, kept to tenths by the core (average days late). */
export const TENTHS_FORMAT = "0.0";

/**
 * Keys of the columns that hold amounts, formatted with AMOUNT_FORMAT when they hold a number: the triage's
 * balance, recovery payout and offers (triageColumns), an item list's open amount per aging bucket and
 * largest overdue invoice (customerItemColumns), the item table's amount and open amount (ITEM_COLUMNS).
 */
export function isAmountColumn(key: string): boolean {
  return (
    key === "balance" ||
    key === "recovery" ||
    key.startsWith("offer-") ||
    key.startsWith("bucket-") ||
    key === "historyLargest" ||
    key === "amount" ||
    key === "open"
  );
}

/** Keys of the columns of whole numbers: source rows, days, counts and the warning level. */
const INTEGER_KEYS: ReadonlySet<string> = new Set([
  "sourceRow",
  "term",
  "daysPastDue",
  "level",
  "limitationDays",
  "openItems",
  "overdueItems",
  "historyEvents",
  "promisesKept",
  "promisesBroken",
  "promisesPending",
  // the changes table (compare.ts CHANGE_COLUMNS)
  "previousRow",
  "currentRow",
  "previousLevel",
  "previousDays",
]);

/** Keys of the changes table's amounts beside `balance` (compare.ts CHANGE_COLUMNS). */
const CHANGE_AMOUNT_KEYS: ReadonlySet<string> = new Set(["previousBalance", "balanceChange"]);

/** Keys of the columns holding Excel date serials (the item table's due and paid dates; the collection log's dates). */
const DATE_KEYS: ReadonlySet<string> = new Set(["dueDate", "paidDate", "lastContact", "nextContactDue", "limitationRestartedFrom"]);

/**
 * The number format of a result column by its key (triageColumns, customerItemColumns, ITEM_COLUMNS), or
 * null for a column of text: what both writers put on its number cells.
 */
export function columnFormat(key: string): string | null {
  if (isAmountColumn(key) || CHANGE_AMOUNT_KEYS.has(key)) return AMOUNT_FORMAT;
  if (DATE_KEYS.has(key)) return DATE_FORMAT;
  if (INTEGER_KEYS.has(key)) return INTEGER_FORMAT;
  if (key === "historyDaysLate") return TENTHS_FORMAT;
  return null;
}

/**
 * The number format of a summary sheet's number cell (summarySheet's rows, 0-based): the as-of date, the
 * amounts of the amount rows (their second cell), and every other number a count.
 */
export function summaryCellFormat(sheet: Pick<SummarySheet, "amounts" | "asOfRow">): (row: number, column: number) => string {
  const amounts = new Set(sheet.amounts);
  return (row, column) => {
    if (row === sheet.asOfRow && column === 1) return DATE_FORMAT;
    if (column === 1 && amounts.has(row)) return AMOUNT_FORMAT;
    return INTEGER_FORMAT;
  };
}
