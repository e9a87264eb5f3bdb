/** Ledgers as ERP systems export them: the shape of an export (title rows, header, headings, subtotals, totals). */
export * from "./shape.js";
