/**
 * The Excel I/O layer of the triage pane: locate the portfolio, read it in chunks, write the result and
 * summary sheets in chunks. Office-typed, no DOM: the pane runs it on Excel, the tests and the benchmark on
 * the fake Excel (test/support/fake-excel/, outside src so that the pane's bundle never carries it).
 */
export * from "./types.js";
export * from "./errors.js";
export { locatePortfolio, formatAddress, MAX_PORTFOLIO_COLUMNS } from "./locate.js";
export { readPortfolioRows, readDateSystem, DATE_SYSTEM_API, type ReadResult } from "./read.js";
export { writeTriageSheets, triageSheetData, ledgerSheetData, uniqueSheetName, uniqueTableName } from "./write.js";
export { jsonByteLength, EXCEL_PAYLOAD_LIMIT, MAX_CELLS_PER_READ, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_CHUNK_ROWS } from "./payload.js";
