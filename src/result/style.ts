/**
 * How a triage result looks in a sheet, shared by the command line's .xlsx output and the task pane's result
 * sheet so that both colour a row the same way.
 */

/**
 * Row fill per warning level, as `#RRGGBB`: soft tints from Office's palette (gold 80%, orange 60%, Excel's
 * "Bad" red). Level 0 and rows without a level keep no fill.
 */
export const LEVEL_FILLS: Readonly<Record<1 | 2 | 3, string>> = Object.freeze({ 1: "#FFF2CC", 2: "#F8CBAD", 3: "#FFC7CE" });

/** Number format of amount cells (balance, offers, recovery payout). */
export const AMOUNT_FORMAT = "#,##0.00";

/** Number format of date cells: ISO, the same in every locale. */
export const DATE_FORMAT = "yyyy-mm-dd";

/** Keys of the triage columns (triageColumns) that hold amounts: formatted with AMOUNT_FORMAT when they hold a number. */
export function isAmountColumn(key: string): boolean {
  return key === "balance" || key === "recovery" || key.startsWith("offer-");
}
