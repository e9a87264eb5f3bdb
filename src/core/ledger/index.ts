/**
 * Ledgers as ERP exports write them (issue 11): open items, one row per invoice, credit note or payment.
 * - values: amounts and dates as the exports write them (signs, currencies, 万/亿, local date forms)
 */
export * from "./values.js";
