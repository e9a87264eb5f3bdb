/**
 * Receivables at month ends (the aging report, rules.md section 2, run on the last day of every month):
 * the open balance of every invoice at each month end, by aging bucket (the core's `bucketIndex` on the
 * core's `daysPastDue`), and what follows from it: the share of receivables over 90 days, and roll rates
 * between buckets from one month end to the next.
 *
 * Input: an invoice table with `issue_date`, `due_date`, `amount`, `paid`, `paid_date`, `written_off`,
 * `writeoff_date` (dates as Excel serials, 0 or null when missing; the generator's and `ibmLedger`'s
 * shape), and optionally the payments (`invoice_id`, `date`, `amount`) for exact balances between
 * partial payments (without them, `paid` counts as received in full on `paid_date`).
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { bucketIndex, bucketLabels, daysPastDue, DEFAULT_POLICY, type Language } from "../core/index.js";
import { monthEnd, monthIndex, monthLabel, serialToDate, toSerial } from "./calendar.js";
import { columnValues, invoiceBalanceColumns, numberColumn, requireColumns, serialColumn } from "./columns.js";

/** Options of {@link monthEndAging}. */
export interface AgingOptions {
  /** Upper edges of the aging buckets in days past due (default the policy's 30, 60, 90). */
  readonly edges?: readonly number[];
  /** Payments table (`invoice_id`, `date`, `amount`) for exact balances; the invoices then need `invoice_id`. */
  readonly payments?: ColumnTable;
  /** First month end (serial or ISO date in its month). Default: the month of the first issue date. */
  readonly from?: number | string;
  /** The ledger date: month ends after it are not reported. Default: the latest date in the table. */
  readonly asOf?: number | string;
  /** A column of the invoices to break the report down by (region, grade, ...). */
  readonly segment?: string;
  /** Language of the bucket labels. Default en (`current`, `1-30`, ..., `90+`). */
  readonly language?: Language;
}

/**
 * Open receivables at every month end, by aging bucket (and segment): one row per month end x bucket
 * (x segment), zeros included, in month then bucket order. Columns:
 * - `month` (month index), `label` (`2025-01`), `month_end` (serial), `date` (UTC Date of the month end)
 * - the segment column when asked
 * - `bucket_index` (0 = current/not due, 1 = 1-30, ...), `bucket` (label), `from_days` (first day past
 *   due of the bucket; 0 for current)
 * - `balance`: open amount at the month end (amount - payments received by then - write-offs by then),
 *   currency; `invoices`: count of open invoices
 * - `eventual_write_off`: the part of that balance written off later (by the ledger date), currency
 */
export function monthEndAging(invoices: ColumnTable, options: AgingOptions = {}): ColumnTable {
  const edges = options.edges ?? DEFAULT_POLICY.agingEdges;
  const labels = bucketLabels(edges, options.language ?? "en");
  const nb = labels.length;
  const { issue, due, amount, paid, paidDate, written, woDate } = invoiceBalanceColumns(invoices, "monthEndAging");
  const n = issue.length;

  // ledger date and month range
  let first = Infinity;
  let last = 0;
  for (let i = 0; i < n; i++) {
    if (issue[i] > 0 && issue[i] < first) first = issue[i];
    last = Math.max(last, issue[i], paidDate[i], woDate[i]);
  }
  const asOf = options.asOf !== undefined ? toSerial(options.asOf) : last;
  const m0 = options.from !== undefined ? monthIndex(toSerial(options.from)) : monthIndex(first);
  let m1 = monthIndex(asOf);
  if (monthEnd(m1) > asOf) m1--;
  const nm = Number.isFinite(m0) && m1 >= m0 ? m1 - m0 + 1 : 0;
  const ends = new Int32Array(nm);
  for (let k = 0; k < nm; k++) ends[k] = monthEnd(m0 + k);

  // segments
  const segValues = options.segment ? columnValues<unknown>(invoices, options.segment) : null;
  const segIndex = new Map<unknown, number>();
  const segCode = new Int32Array(n);
  if (segValues) for (let i = 0; i < n; i++) segCode[i] = segIndex.get(segValues[i]) ?? segIndex.set(segValues[i], segIndex.size).size - 1;
  const ns = Math.max(1, segIndex.size);

  // payments by invoice (CSR), sorted by date
  let payStart: Int32Array | null = null;
  let payDates: Int32Array | null = null;
  let payAmounts: Float64Array | null = null;
  if (options.payments) {
    requireColumns(invoices, ["invoice_id"], "monthEndAging with payments");
    requireColumns(options.payments, ["invoice_id", "date", "amount"], "monthEndAging payments");
    const ids = columnValues<unknown>(invoices, "invoice_id");
    const rowOf = new Map<unknown, number>();
    for (let i = 0; i < n; i++) rowOf.set(ids[i], i);
    const pid = columnValues<unknown>(options.payments, "invoice_id");
    const pdate = serialColumn(options.payments, "date");
    const pamount = numberColumn(options.payments, "amount");
    const np = pid.length;
    const rows = new Int32Array(np);
    payStart = new Int32Array(n + 1);
    for (let j = 0; j < np; j++) {
      const r = rowOf.get(pid[j]);
      rows[j] = r === undefined ? -1 : r;
      if (r !== undefined) payStart[r + 1]++;
    }
    for (let i = 0; i < n; i++) payStart[i + 1] += payStart[i];
    const fill = payStart.slice(0, n);
    payDates = new Int32Array(payStart[n]);
    payAmounts = new Float64Array(payStart[n]);
    for (let j = 0; j < np; j++) {
      const r = rows[j];
      if (r < 0) continue;
      const at = fill[r]++;
      payDates[at] = pdate[j];
      payAmounts[at] = pamount[j];
    }
    for (let i = 0; i < n; i++) {
      // insertion sort by date (an invoice has few payments)
      for (let a = payStart[i] + 1; a < payStart[i + 1]; a++) {
        const d = payDates[a];
        const v = payAmounts[a];
        let b = a - 1;
        while (b >= payStart[i] && payDates[b] > d) {
          payDates[b + 1] = payDates[b];
          payAmounts[b + 1] = payAmounts[b];
          b--;
        }
        payDates[b + 1] = d;
        payAmounts[b + 1] = v;
      }
    }
  }

  const cells = nm * ns * nb;
  const balance = new Float64Array(cells);
  const count = new Float64Array(cells);
  const eventual = new Float64Array(cells);
  for (let i = 0; i < n; i++) {
    const iss = issue[i];
    if (!(iss > 0)) continue;
    let k = monthIndex(iss) - m0;
    if (k < 0) k = 0;
    const amt = amount[i];
    const wo = written[i] > 0 && woDate[i] > 0 ? written[i] : 0;
    const wd = woDate[i];
    let p = payStart ? payStart[i] : 0;
    const pEnd = payStart ? payStart[i + 1] : 0;
    let received = 0;
    for (; k < nm; k++) {
      const e = ends[k];
      if (iss > e) continue;
      if (payStart) {
        while (p < pEnd && payDates![p] <= e) received += payAmounts![p++];
      } else if (paidDate[i] > 0 && paidDate[i] <= e) {
        received = paid[i];
      }
      const writtenOff = wo > 0 && wd <= e ? wo : 0;
      const open = Math.round((amt - received - writtenOff) * 100) / 100;
      if (open <= 0) break; // paid or written off: closed for good
      const cell = (k * ns + segCode[i]) * nb + bucketIndex(daysPastDue(due[i], e), edges);
      balance[cell] += open;
      count[cell] += 1;
      if (wo > 0 && wd > e) eventual[cell] += Math.min(wo, open);
    }
  }

  // the long table
  const segNames = [...segIndex.keys()];
  const fromDays = labels.map((_, b) => (b === 0 ? 0 : b === 1 ? 1 : edges[b - 2] + 1));
  const out = {
    month: new Int32Array(cells),
    label: new Array<string>(cells),
    month_end: new Int32Array(cells),
    date: new Array<Date | null>(cells),
    segment: new Array<unknown>(cells),
    bucket_index: new Int32Array(cells),
    bucket: new Array<string>(cells),
    from_days: new Int32Array(cells),
    balance: new Float64Array(cells),
    invoices: new Int32Array(cells),
    eventual_write_off: new Float64Array(cells),
  };
  for (let k = 0, at = 0; k < nm; k++) {
    const label = monthLabel(m0 + k);
    const date = serialToDate(ends[k]);
    for (let s = 0; s < ns; s++) {
      for (let b = 0; b < nb; b++, at++) {
        out.month[at] = m0 + k;
        out.label[at] = label;
        out.month_end[at] = ends[k];
        out.date[at] = date;
        out.segment[at] = segNames[s];
        out.bucket_index[at] = b;
        out.bucket[at] = labels[b];
        out.from_days[at] = fromDays[b];
        out.balance[at] = Math.round(balance[at] * 100) / 100;
        out.invoices[at] = count[at];
        out.eventual_write_off[at] = Math.round(eventual[at] * 100) / 100;
      }
    }
  }
  const { segment, ...rest } = out;
  let table = aq.table(rest);
  if (options.segment) table = table.assign({ [options.segment]: segment }).relocate(options.segment, { after: "date" });
  return table;
}

/** Options of {@link overdueShare}. */
export interface OverdueShareOptions {
  /** Count buckets that start beyond this many days past due. Default 90 (the article's "over 90 days"). */
  readonly over?: number;
  /** A segment column of the aging table to keep. */
  readonly segment?: string;
}

/**
 * The share of receivables over `over` days past due at each month end (the article's home-appliance
 * firm cut it from 10% to 3%): `over_balance` / `total` where total is all open receivables at the month
 * end (denominator) and over_balance those in buckets starting beyond `over` days. Columns: month,
 * label, month_end, date, [segment], total, over_balance, share (NaN when there is no receivable).
 * The buckets must have an edge at `over` (default edges 30, 60, 90 do for 90).
 */
export function overdueShare(aging: ColumnTable, options: OverdueShareOptions = {}): ColumnTable {
  const over = options.over ?? 90;
  requireColumns(aging, ["month", "label", "month_end", "date", "from_days", "balance"], "overdueShare");
  const keys = ["month", "label", "month_end", "date", ...(options.segment ? [options.segment] : [])];
  return aging
    .params({ over })
    .groupby(keys)
    .rollup({
      total: "d => op.sum(d.balance)",
      over_balance: "(d, $) => op.sum(d.from_days > $.over ? d.balance : 0)",
    })
    .derive({ share: "d => d.total > 0 ? d.over_balance / d.total : NaN" })
    .orderby(...(options.segment ? [options.segment] : []), "month");
}

/**
 * Roll rates between aging buckets from one month end to the next (rules.md: roll rate from bucket k to
 * k + 1 = balance in k + 1 now / balance in k one month earlier). One row per month (from the second) x
 * transition (x segment): month, label, [segment], from_index, from (label), to (label), from_balance
 * (bucket k at the previous month end: the denominator), to_balance (bucket k + 1 now), rate (NaN when
 * the denominator is 0). The last bucket has no transition (it holds everything older).
 */
export function rollRates(aging: ColumnTable, options: { readonly segment?: string } = {}): ColumnTable {
  requireColumns(aging, ["month", "bucket_index", "bucket", "balance"], "rollRates");
  const seg = options.segment ? [options.segment] : [];
  const maxBucket = aging.rollup({ m: "d => op.max(d.bucket_index)" }).get("m", 0) as number;
  const previous = aging
    .params({ maxBucket })
    .filter("(d, $) => d.bucket_index < $.maxBucket")
    .derive({ month: "d => d.month + 1", to_index: "d => d.bucket_index + 1" })
    .select(["month", "to_index", "bucket_index", "bucket", "balance", ...seg])
    .rename({ bucket_index: "from_index", bucket: "from", balance: "from_balance" });
  const now = aging
    .select(["month", "label", "bucket_index", "bucket", "balance", ...seg])
    .rename({ bucket_index: "to_index", bucket: "to", balance: "to_balance" });
  return previous
    .join(now, [
      ["month", "to_index", ...seg],
      ["month", "to_index", ...seg],
    ])
    .derive({ rate: "d => d.from_balance > 0 ? d.to_balance / d.from_balance : NaN" })
    .select(["month", "label", ...seg, "from_index", "from", "to", "from_balance", "to_balance", "rate"])
    .orderby(...seg, "month", "from_index");
}

/**
 * Average roll rates over months: for each transition, the balance-weighted rate sum(to_balance) /
 * sum(from_balance) over the months with a denominator, and the plain mean of the monthly rates.
 * Columns: [segment], from_index, from, to, months, from_balance, to_balance, rate, mean_rate.
 * @param from first month index to include (default all)
 * @param to last month index to include (default all)
 */
export function averageRollRates(
  rolls: ColumnTable,
  options: { readonly segment?: string; readonly from?: number; readonly to?: number } = {},
): ColumnTable {
  const seg = options.segment ? [options.segment] : [];
  return rolls
    .params({ from: options.from ?? -Infinity, to: options.to ?? Infinity })
    .filter("(d, $) => d.month >= $.from && d.month <= $.to && d.from_balance > 0")
    .groupby([...seg, "from_index", "from", "to"])
    .rollup({
      months: "d => op.count()",
      from_balance: "d => op.sum(d.from_balance)",
      to_balance: "d => op.sum(d.to_balance)",
      mean_rate: "d => op.mean(d.rate)",
    })
    .derive({ rate: "d => d.to_balance / d.from_balance" })
    .relocate("rate", { before: "mean_rate" })
    .orderby(...seg, "from_index");
}
