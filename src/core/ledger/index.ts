/**
 * Ledgers as ERP exports write them (issue 11): open items, one row per invoice, credit note or payment.
 * - values: amounts and dates as the exports write them (signs, currencies, 万/亿, local date forms)
 * - shape: the header below title rows, headings, subtotal and total rows, the grand total
 * - documents: document types (invoice, credit note, payment)
 * - rollup: open items rolled up per customer
 * - history: grade inputs from payment history
 */
export * from "./values.js";
export * from "./shape.js";
export * from "./documents.js";
export * from "./rollup.js";
export * from "./history.js";
export * from "./open-items.js";
