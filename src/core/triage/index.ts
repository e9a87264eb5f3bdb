/**
 * Portfolio triage (issue 4): a whole debtor table through the rulebook at once, on the same core as the
 * AR functions. One file per concern:
 * - headers: recognising the columns from their headers (English and Chinese), with the user's corrections
 * - triage: the entry points (triagePortfolio, checkMapping, reasonsText): one record per input row, in
 *   input order, with its problems and verdicts; with the public types of types.ts. Behind it:
 *   - cells: reading a cell (Excel error values, blanks, fast paths onto the core's readers), a row at a time
 *   - customers: customer keys, for finding duplicates
 *   - signals: the debtor signals and the evidence columns by name, and their cache keys
 *   - run: one run, the rows read into the flat arrays of layout, the verdicts rows share made once
 *   - record: the record of a row, a view on its run
 *   - reasons: the triage's own reasons and the one order of a record's reasons
 *   - shared: the reasons and verdicts that rows share, each with its text made once
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
