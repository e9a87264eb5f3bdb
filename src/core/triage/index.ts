/**
 * Portfolio triage (issue 4): a whole debtor table through the rulebook at once, on the same core as the
 * AR functions. One file per concern:
 * - headers: recognising the columns from their headers (English and Chinese), with the user's corrections
 * - cells: reading cells (Excel error values, blanks, fast paths onto the core's readers)
 * - triage: one record per input row, in input order, with its problems and verdicts
 * - summary: counts and amounts by profile, warning level, aging bucket and grade; the rows with problems
 * - decimal: the decimal mark of amounts written as text (1.500,00 or 1,500.00), decided from the file
 *
 * The result as a table (its columns, cells, fills and summary sheet) is presentation: src/result.
 */
export * from "./headers.js";
export { EXCEL_ERRORS, excelError, UncomputedFormula } from "./cells.js";
export * from "./triage.js";
export * from "./summary.js";
export * from "./decimal.js";
