/**
 * The IBM Watson Analytics "Accounts Receivable" sample (`WA_Fn-UseC_-Accounts-Receivable.csv`, 2,466
 * invoices of 100 customers, 2012-2013, every one settled): a loader and the analyses a credit manager
 * runs on payment histories. Days late by customer, the effect of disputes and of paperless billing,
 * receivables at month ends by aging bucket, and cohort settlement curves.
 *
 * The file: CRLF lines, US dates `M/D/YYYY`, `invoiceNumber` a zero-padded text, `Disputed` Yes/No,
 * `PaperlessBill` Paper/Electronic, `DaysLate` = days past due at settlement (the core's daysPastDue).
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { monthIndex, monthLabel, usDateToSerial } from "./calendar.js";
import { monthEndAging, type AgingOptions } from "./aging.js";
import { columnValues, numberColumn, requireColumns, serialColumn } from "./columns.js";
import { welchT } from "./series.js";

/**
 * The IBM sample as an Arquero table. Columns: country (text), customer (text), paperless_date
 * (serial), invoice (text, zero-padded as in the file), issue_date, due_date (serials), amount
 * (currency), disputed (boolean), settled_date (serial), paperless (boolean: electronic bill),
 * days_to_settle, days_late (days).
 */
export type IbmInvoices = ColumnTable;

const IBM_COLUMNS = [
  "countryCode",
  "customerID",
  "PaperlessDate",
  "invoiceNumber",
  "InvoiceDate",
  "DueDate",
  "InvoiceAmount",
  "Disputed",
  "SettledDate",
  "PaperlessBill",
  "DaysToSettle",
  "DaysLate",
];

/** Reads the IBM sample's CSV text (see {@link IbmInvoices}); throws on a missing column or a bad value. */
export function parseIbm(text: string): IbmInvoices {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0].replace(/^\uFEFF/, "").split(",");
  const at = IBM_COLUMNS.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`IBM sample: no column ${name}`);
    return i;
  });
  const n = lines.length - 1;
  const cols = {
    country: new Array<string>(n),
    customer: new Array<string>(n),
    paperless_date: new Int32Array(n),
    invoice: new Array<string>(n),
    issue_date: new Int32Array(n),
    due_date: new Int32Array(n),
    amount: new Float64Array(n),
    disputed: new Array<boolean>(n),
    settled_date: new Int32Array(n),
    paperless: new Array<boolean>(n),
    days_to_settle: new Int32Array(n),
    days_late: new Int32Array(n),
  };
  const yesNo = (v: string, row: number) => {
    if (v === "Yes") return true;
    if (v === "No") return false;
    throw new Error(`IBM sample row ${row}: Disputed ${JSON.stringify(v)} is not Yes/No`);
  };
  const paperOrElectronic = (v: string, row: number) => {
    if (v === "Electronic") return true;
    if (v === "Paper") return false;
    throw new Error(`IBM sample row ${row}: PaperlessBill ${JSON.stringify(v)} is not Paper/Electronic`);
  };
  const number = (v: string, row: number, name: string) => {
    const x = Number(v);
    if (v.trim() === "" || !Number.isFinite(x)) throw new Error(`IBM sample row ${row}: ${name} ${JSON.stringify(v)} is not a number`);
    return x;
  };
  for (let r = 0; r < n; r++) {
    const f = lines[r + 1].split(",");
    const v = (k: number) => f[at[k]] ?? "";
    const row = r + 2;
    cols.country[r] = v(0);
    cols.customer[r] = v(1);
    cols.paperless_date[r] = usDateToSerial(v(2));
    cols.invoice[r] = v(3);
    cols.issue_date[r] = usDateToSerial(v(4));
    cols.due_date[r] = usDateToSerial(v(5));
    cols.amount[r] = number(v(6), row, "InvoiceAmount");
    cols.disputed[r] = yesNo(v(7), row);
    cols.settled_date[r] = usDateToSerial(v(8));
    cols.paperless[r] = paperOrElectronic(v(9), row);
    cols.days_to_settle[r] = number(v(10), row, "DaysToSettle");
    cols.days_late[r] = number(v(11), row, "DaysLate");
  }
  return aq.table(cols);
}

/**
 * The IBM invoices in the ledger shape the other analyses take (monthEndAging, collectionMetrics,
 * provisionMatrix): invoice_id (the invoice text), customer_id, issue_date, due_date, amount, paid (=
 * amount: every invoice is settled in full), paid_date (= settled_date), written_off 0, writeoff_date 0,
 * plus country, disputed and paperless.
 */
export function ibmLedger(ibm: IbmInvoices): ColumnTable {
  requireColumns(ibm, ["invoice", "customer", "issue_date", "due_date", "amount", "settled_date"], "ibmLedger");
  const n = ibm.numRows();
  return ibm
    .select(["invoice", "customer", "country", "issue_date", "due_date", "amount", "settled_date", "disputed", "paperless"])
    .rename({ invoice: "invoice_id", customer: "customer_id", settled_date: "paid_date" })
    .derive({ paid: "d => d.amount" })
    .assign({ written_off: new Float64Array(n), writeoff_date: new Int32Array(n) })
    .relocate("paid", { before: "paid_date" });
}

/**
 * Days late by customer, the latest payers first. Columns: customer, invoices, late (invoices paid after
 * the due date), late_share (late / invoices), mean_days_late (over all its invoices, days),
 * mean_days_late_when_late (over its late invoices; NaN when none), amount (currency),
 * weighted_days_late (amount-weighted mean days late), disputed_share, paperless_share.
 */
export function daysLateByCustomer(ibm: IbmInvoices): ColumnTable {
  requireColumns(ibm, ["customer", "days_late", "amount", "disputed", "paperless"], "daysLateByCustomer");
  return ibm
    .groupby("customer")
    .rollup({
      invoices: "d => op.count()",
      late: "d => op.sum(d.days_late > 0 ? 1 : 0)",
      mean_days_late: "d => op.mean(d.days_late)",
      late_days_total: "d => op.sum(d.days_late)",
      amount: "d => op.sum(d.amount)",
      amount_days: "d => op.sum(d.amount * d.days_late)",
      disputed_share: "d => op.mean(d.disputed ? 1 : 0)",
      paperless_share: "d => op.mean(d.paperless ? 1 : 0)",
    })
    .derive({
      late_share: "d => d.late / d.invoices",
      mean_days_late_when_late: "d => d.late > 0 ? d.late_days_total / d.late : NaN",
      weighted_days_late: "d => d.amount > 0 ? d.amount_days / d.amount : NaN",
    })
    .select([
      "customer",
      "invoices",
      "late",
      "late_share",
      "mean_days_late",
      "mean_days_late_when_late",
      "amount",
      "weighted_days_late",
      "disputed_share",
      "paperless_share",
    ])
    .orderby(aq.desc("mean_days_late"), "invoices", "customer");
}

/** The effect of a yes/no attribute on payment (see {@link effectOf}). */
export interface Effect {
  /** One row per value (false, then true): value, invoices, late_share, mean_days_late, sd_days_late, mean_days_to_settle, amount. */
  readonly table: ColumnTable;
  /** true minus false: mean days late (days), share late, mean days to settle (days). */
  readonly difference: { readonly meanDaysLate: number; readonly lateShare: number; readonly meanDaysToSettle: number };
  /** Welch's t statistic of the difference in mean days late, and its degrees of freedom. */
  readonly welch: { readonly t: number; readonly df: number };
}

/**
 * The effect of disputes (`disputed`) or of paperless billing (`paperless`) on days late and days to
 * settle: means by value, their difference (true - false) and Welch's t. Disputed invoices are paid
 * much later in the sample; electronic bills earlier.
 */
export function effectOf(ibm: IbmInvoices, attribute: "disputed" | "paperless"): Effect {
  requireColumns(ibm, [attribute, "days_late", "days_to_settle", "amount"], "effectOf");
  const table = ibm
    .groupby(attribute)
    .rollup({
      invoices: "d => op.count()",
      late_share: "d => op.mean(d.days_late > 0 ? 1 : 0)",
      mean_days_late: "d => op.mean(d.days_late)",
      sd_days_late: "d => op.stdev(d.days_late)",
      mean_days_to_settle: "d => op.mean(d.days_to_settle)",
      amount: "d => op.sum(d.amount)",
    })
    .rename({ [attribute]: "value" })
    .orderby("value");
  const rows = table.objects() as Record<string, number | boolean>[];
  const yes = rows.find((r) => r.value === true);
  const no = rows.find((r) => r.value === false);
  const diff = (k: string) => (yes && no ? (yes[k] as number) - (no[k] as number) : NaN);
  const flags = columnValues<boolean>(ibm, attribute);
  const late = numberColumn(ibm, "days_late");
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < late.length; i++) (flags[i] ? a : b).push(late[i]);
  const w = welchT(a, b);
  return {
    table,
    difference: { meanDaysLate: diff("mean_days_late"), lateShare: diff("late_share"), meanDaysToSettle: diff("mean_days_to_settle") },
    welch: { t: w.t, df: w.df },
  };
}

/**
 * Receivables of the IBM sample at every month end from its first invoice to its last settlement, by
 * aging bucket (monthEndAging on ibmLedger: an invoice is open from its issue date until the day before
 * it is settled).
 */
export function ibmAging(ibm: IbmInvoices, options: Omit<AgingOptions, "payments"> = {}): ColumnTable {
  return monthEndAging(ibmLedger(ibm), options);
}

/** Options of {@link cohortCurves}. */
export interface CohortOptions {
  /** Days after issue at which to measure (default 0, 10, 20, ..., 90). */
  readonly days?: readonly number[];
}

/**
 * Cohort settlement curves: for the invoices issued in each month (the cohort), the share of their
 * amount (and of their count) settled within k days of issue, for each k. Long format for a line chart:
 * cohort (month index), label (`2013-01`), day (k), invoices, amount_share, count_share (fractions).
 * Every IBM invoice is settled, so each curve reaches 1.
 */
export function cohortCurves(ibm: IbmInvoices, options: CohortOptions = {}): ColumnTable {
  requireColumns(ibm, ["issue_date", "settled_date", "amount"], "cohortCurves");
  const days = options.days ?? [0, 10, 20, 30, 40, 50, 60, 70, 80, 90];
  const issue = serialColumn(ibm, "issue_date");
  const settled = serialColumn(ibm, "settled_date");
  const amount = numberColumn(ibm, "amount");
  const cohorts = new Map<number, number[]>();
  for (let i = 0; i < issue.length; i++) {
    const m = monthIndex(issue[i]);
    const list = cohorts.get(m) ?? [];
    list.push(i);
    cohorts.set(m, list);
  }
  const rows: { cohort: number; label: string; day: number; invoices: number; amount_share: number; count_share: number }[] = [];
  for (const m of [...cohorts.keys()].sort((x, y) => x - y)) {
    const members = cohorts.get(m)!;
    let total = 0;
    for (const i of members) total += amount[i];
    for (const k of days) {
      let amt = 0;
      let cnt = 0;
      for (const i of members) {
        if (settled[i] - issue[i] <= k) {
          amt += amount[i];
          cnt++;
        }
      }
      rows.push({
        cohort: m,
        label: monthLabel(m),
        day: k,
        invoices: members.length,
        amount_share: total > 0 ? amt / total : NaN,
        count_share: cnt / members.length,
      });
    }
  }
  return aq.from(rows);
}
