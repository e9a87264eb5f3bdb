/**
 * The triage result as a table, for the command line, the task pane's worker and the Excel I/O alike.
 * Presentation on top of the rules core: pure (no Office, no DOM, no Node), built on src/core only.
 * - columns: the result's columns (headers in English and Chinese) and the cells of one record
 * - table: the header row and the rows of a run, with each row's warning level
 * - style: the row fills per warning level and the number formats of amounts and dates
 * - summary: the summary's labels, as the summary sheet's rows, the command line's lines and the pane's tables
 * - cell-text: formula-safe text, display width, column letters
 * - locale: the user's language and today's date as a serial
 * - legend: long advice texts written once per file (the row keeps the first clause and a code)
 * - compare: what changed since a previous result (--compare), customer by customer
 * - work-list: today's work list as a result table and the printout's tables
 * - collection-log: what became of a collection log (its rows accounted for, its problems) as lines and a sheet
 * - live-formulas: a live result, the result columns as AR formulas over the source table
 */
export * from "./columns.js";
export * from "./table.js";
export * from "./style.js";
export * from "./summary.js";
export * from "./cell-text.js";
export * from "./locale.js";
export * from "./ledger.js";
export * from "./legend.js";
export * from "./compare.js";
export * from "./work-list.js";
export * from "./collection-log.js";
export * from "./live-formulas.js";
