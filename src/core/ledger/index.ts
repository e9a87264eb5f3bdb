/**
 * Ledgers as ERPs export them: document types, open items rolled up per customer, grade inputs from payment
 * history (issue 11). Pure, typed inputs: the faces parse cells and hand over numbers.
 */
export * from "./documents.js";
export * from "./rollup.js";
export * from "./history.js";
