/**
 * Reading Arquero table columns as arrays for the columnar loops of the analyses, with errors that name
 * the missing column and the function that needs it.
 */
import type { ColumnTable } from "arquero";

/** The values of a column, in the table's row order (the stored array itself when the table is neither filtered nor ordered). */
export function columnValues<T = unknown>(table: ColumnTable, name: string): ArrayLike<T> {
  if (!table.columnNames().includes(name)) throw new Error(`column ${JSON.stringify(name)} is missing`);
  if (!table.isFiltered() && !table.isOrdered()) {
    const col = table.column(name) as unknown as ArrayLike<T> & { at?: (i: number) => T };
    // Arrow-backed columns have at() but no index access
    if (col && (ArrayBuffer.isView(col) || Array.isArray(col))) return col;
  }
  return table.array(name) as unknown as ArrayLike<T>;
}

/** Throws an Error naming `what` and every column of `names` the table lacks. */
export function requireColumns(table: ColumnTable, names: readonly string[], what: string): void {
  const have = new Set(table.columnNames());
  const missing = names.filter((n) => !have.has(n));
  if (missing.length > 0)
    throw new Error(
      `${what}: the table lacks column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (it has ${[...have].join(", ")})`,
    );
}

/** A numeric column as numbers (null and undefined read as NaN). */
export function numberColumn(table: ColumnTable, name: string): ArrayLike<number> {
  const values = columnValues<number | null>(table, name);
  if (ArrayBuffer.isView(values)) return values as unknown as ArrayLike<number>;
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? NaN : Number(v);
  }
  return out;
}

/** A date column as Excel serials (missing: 0). Accepts serial numbers, or UTC Dates (converted). */
export function serialColumn(table: ColumnTable, name: string): ArrayLike<number> {
  const values = columnValues<number | Date | null>(table, name);
  if (ArrayBuffer.isView(values)) return values as unknown as ArrayLike<number>;
  const out = new Int32Array(values.length);
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    if (v instanceof Date) out[i] = Math.floor(v.getTime() / 86_400_000) + 25569;
    else out[i] = v === null || v === undefined || !(v > 0) ? 0 : v;
  }
  return out;
}

/** The invoice columns behind a balance at a date (aging at month ends, provisions), checked present. */
export function invoiceBalanceColumns(invoices: ColumnTable, what: string) {
  requireColumns(invoices, ["issue_date", "due_date", "amount", "paid", "paid_date", "written_off", "writeoff_date"], what);
  return {
    issue: serialColumn(invoices, "issue_date"),
    due: serialColumn(invoices, "due_date"),
    amount: numberColumn(invoices, "amount"),
    paid: numberColumn(invoices, "paid"),
    paidDate: serialColumn(invoices, "paid_date"),
    written: numberColumn(invoices, "written_off"),
    woDate: serialColumn(invoices, "writeoff_date"),
  };
}
