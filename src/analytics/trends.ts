/**
 * Bad-debt (write-off) rate trends: by month or quarter, by segment (grade, region, profile...), with a
 * rolling 12-month line, and before/after the date the method was adopted.
 *
 * Definitions (rules.md "portfolio measures"; amounts in currency, rates as fractions):
 * - basis `period` (default): write-off rate of a period = amount written off *in* the period (by
 *   `writeoff_date`) / credit sales of the period (invoice amounts issued in it). The accounting view: it
 *   moves when write-offs are booked, which lags the sales that caused them.
 * - basis `vintage`: amount written off (by the ledger date) on the invoices *issued* in the period /
 *   their amount. The credit-quality view of a cohort; recent cohorts are immature (their write-offs are
 *   still to come), so compare vintages of equal age or mature ones only.
 * - over receivables (`writeOffToReceivables`): written off in the month / average receivables of the
 *   month ((opening + ending) / 2, from the month-end aging).
 * - rolling: over the last `rolling` periods (12 months or 4 quarters by default), the ratio of the sums
 *   (`rolling_rate` = written off / sales over the window) and the plain mean of the period rates
 *   (`rolling_mean_rate`); NaN until the window is full.
 *
 * Input: an invoice table with `issue_date`, `amount`, `written_off`, `writeoff_date` (Excel serials; the
 * generator's shape) and the segment column if any. The heavy step, grouping millions of invoices by
 * period and segment, is an Arquero rollup on groups computed columnar (grouping.ts); the small period x
 * segment table is then completed, joined and rolled with Arquero verbs.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { monthLabel, monthStart, quarterLabel, quarterStart, serialToDate, toSerial, monthIndex, quarterIndex } from "./calendar.js";
import { numberColumn, requireColumns } from "./columns.js";
import { factorize, gatherRows, groupRollup, periodKey, rowsWherePositive } from "./grouping.js";

/** Options of {@link writeOffRates}. */
export interface WriteOffRateOptions {
  /** A column of the invoices to break the rates down by. */
  readonly segment?: string;
  /** Period: month (default) or quarter. */
  readonly by?: "month" | "quarter";
  /** `period` (default) or `vintage` (see the module comment). */
  readonly basis?: "period" | "vintage";
  /** Periods in the rolling window. Default 12 months or 4 quarters. */
  readonly rolling?: number;
  /** First and last period to report (serials or ISO dates inside them). Default: all periods with sales or write-offs. */
  readonly from?: number | string;
  readonly to?: number | string;
}

/**
 * Write-off rates by period (and segment), every period x segment of the range present (zeros filled).
 * Columns: period (month or quarter index), label (`2025-01` / `2025Q1`), start (UTC Date of the
 * period's first day), [segment], sales, written_off, rate, rolling_sales, rolling_written_off,
 * rolling_rate, rolling_mean_rate. Rate is NaN for a period without sales.
 * @example writeOffRates(invoices, { segment: "region" })
 */
export function writeOffRates(invoices: ColumnTable, options: WriteOffRateOptions = {}): ColumnTable {
  requireColumns(
    invoices,
    ["issue_date", "amount", "written_off", "writeoff_date", ...(options.segment ? [options.segment] : [])],
    "writeOffRates",
  );
  const by = options.by ?? "month";
  const window = options.rolling ?? (by === "month" ? 12 : 4);
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`rolling must be a whole number >= 1, not ${window}`);
  const seg = options.segment ? [options.segment] : [];
  const woDateColumn = (options.basis ?? "period") === "period" ? "writeoff_date" : "issue_date";

  // the heavy part: two grouped sums over the invoices, grouped columnar (grouping.ts)
  const base = invoices.select([...new Set(["issue_date", "amount", "written_off", woDateColumn, ...seg])]);
  const segPart = seg.length ? [factorize(base, seg[0])] : [];
  const sales = groupRollup(base, [periodKey(base, "issue_date", by), ...segPart], { sales: "d => op.sum(d.amount)" });
  const woPeriod = periodKey(base, woDateColumn, by);
  const woAmount = numberColumn(base, "written_off");
  // few invoices are written off: gather them into a small table rather than grouping them all
  const woRows = rowsWherePositive(woAmount, woPeriod.codes);
  const woSubset = gatherRows(woRows, [woPeriod, ...segPart], { written_off: woAmount });
  const written = groupRollup(woSubset.table, woSubset.parts, { written_off: "d => op.sum(d.written_off)" });

  // the complete period x segment grid
  const periodsOf = (t: ColumnTable) => t.array("period") as unknown as ArrayLike<number>;
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of [sales, written]) {
    const p = periodsOf(t);
    for (let i = 0; i < p.length; i++) {
      if (p[i] < lo) lo = p[i];
      if (p[i] > hi) hi = p[i];
    }
  }
  const index = (date: number | string) => (by === "month" ? monthIndex(toSerial(date)) : quarterIndex(toSerial(date)));
  if (options.from !== undefined) lo = index(options.from);
  if (options.to !== undefined) hi = index(options.to);
  // every period x segment of the range, zeros filled (filled columnar: a null segment is a segment too)
  const segValues = (t: ColumnTable) => (seg.length ? (t.array(seg[0]) as unknown as unknown[]) : []);
  const segments = seg.length ? [...new Set([...segValues(sales), ...segValues(written)])] : [null];
  segments.sort((a, b) => (a === null ? 1 : b === null ? -1 : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  const segIndex = new Map<unknown, number>(segments.map((v, i) => [v, i]));
  const np = Number.isFinite(lo) ? hi - lo + 1 : 0;
  const cells = segments.length * np;
  const salesOut = new Float64Array(cells);
  const writtenOut = new Float64Array(cells);
  const fill = (t: ColumnTable, column: string, out: Float64Array) => {
    const p = t.array("period") as unknown as ArrayLike<number>;
    const v = t.array(column) as unknown as ArrayLike<number>;
    const sv = segValues(t);
    for (let i = 0; i < p.length; i++) {
      if (p[i] < lo || p[i] > hi) continue;
      out[(seg.length ? segIndex.get(sv[i])! : 0) * np + (p[i] - lo)] += v[i];
    }
  };
  fill(sales, "sales", salesOut);
  fill(written, "written_off", writtenOut);
  const grid: Record<string, unknown> = {
    period: new Int32Array(cells),
    label: new Array<string>(cells),
    start: new Array<Date | null>(cells),
  };
  if (seg.length) grid[seg[0]] = new Array<unknown>(cells);
  for (let si = 0, at = 0; si < segments.length; si++) {
    for (let k = 0; k < np; k++, at++) {
      const p = lo + k;
      (grid.period as Int32Array)[at] = p;
      (grid.label as string[])[at] = by === "month" ? monthLabel(p) : quarterLabel(p);
      (grid.start as (Date | null)[])[at] = serialToDate(by === "month" ? monthStart(p) : quarterStart(p));
      if (seg.length) (grid[seg[0]] as unknown[])[at] = segments[si];
    }
  }
  grid.sales = salesOut;
  grid.written_off = writtenOut;
  const frame: [number, number] = [-(window - 1), 0];
  return aq
    .table(grid)
    .derive({ rate: "d => d.sales > 0 ? d.written_off / d.sales : NaN" })
    .groupby(seg)
    .orderby("period")
    .derive({
      rolling_sales: aq.rolling("d => op.sum(d.sales)", frame),
      rolling_written_off: aq.rolling("d => op.sum(d.written_off)", frame),
      rolling_mean_rate: aq.rolling("d => op.mean(d.rate)", frame),
      rolling_n: aq.rolling("d => op.count()", frame),
    })
    .params({ window })
    .derive({
      rolling_rate: "(d, $) => d.rolling_n >= $.window && d.rolling_sales > 0 ? d.rolling_written_off / d.rolling_sales : NaN",
      rolling_mean_rate: "(d, $) => d.rolling_n >= $.window ? d.rolling_mean_rate : NaN",
    })
    .ungroup()
    .unorder() // back to the grid's order: segment, then period
    .select([
      "period",
      "label",
      "start",
      ...seg,
      "sales",
      "written_off",
      "rate",
      "rolling_sales",
      "rolling_written_off",
      "rolling_rate",
      "rolling_mean_rate",
    ]);
}

/**
 * Monthly write-offs over average receivables: written off in the month / ((opening + ending
 * receivables) / 2), from a month-end aging of the same invoices (monthEndAging). Columns: month,
 * label, written_off, opening_ar, ending_ar, average_ar, rate (NaN without receivables or for the first
 * month, which has no opening). Use `annualised = rate x 12` to compare with yearly figures.
 */
export function writeOffToReceivables(invoices: ColumnTable, aging: ColumnTable): ColumnTable {
  requireColumns(invoices, ["written_off", "writeoff_date"], "writeOffToReceivables");
  requireColumns(aging, ["month", "label", "balance"], "writeOffToReceivables aging");
  const ar = aging.groupby(["month", "label"]).rollup({ ending_ar: "d => op.sum(d.balance)" });
  const written = invoices
    .select(["written_off", "writeoff_date"])
    .filter("d => d.written_off > 0")
    .derive({ month: "d => op.ar_month(d.writeoff_date)" })
    .groupby("month")
    .rollup({ written_off: "d => op.sum(d.written_off)" });
  return ar
    .join_left(written, [["month"], ["month"]])
    .derive({ written_off: "d => d.written_off == null ? 0 : d.written_off" })
    .orderby("month")
    .derive({ opening_ar: "d => op.lag(d.ending_ar, 1)" })
    .derive({
      opening_ar: "d => d.opening_ar == null ? NaN : d.opening_ar",
      average_ar: "d => d.opening_ar == null ? NaN : (d.opening_ar + d.ending_ar) / 2",
    })
    .derive({ rate: "d => d.average_ar > 0 ? d.written_off / d.average_ar : NaN" })
    .select(["month", "label", "written_off", "opening_ar", "ending_ar", "average_ar", "rate"]);
}

/**
 * Copies customer columns (e.g. `profile`, `cash_flow`) onto the invoices by `customer_id`, so that
 * write-off rates can be broken down by them: a columnar lookup, not a row join (fast on millions of
 * invoices). An invoice whose customer is not in the table gets null.
 */
export function attachCustomerColumns(invoices: ColumnTable, customers: ColumnTable, columns: readonly string[]): ColumnTable {
  requireColumns(invoices, ["customer_id"], "attachCustomerColumns");
  requireColumns(customers, ["customer_id", ...columns], "attachCustomerColumns customers");
  const ids = customers.array("customer_id") as unknown as ArrayLike<unknown>;
  const rowOf = new Map<unknown, number>();
  for (let i = 0; i < ids.length; i++) rowOf.set(ids[i], i);
  const invoiceCustomer = invoices.array("customer_id") as unknown as ArrayLike<unknown>;
  const rows = new Int32Array(invoiceCustomer.length);
  for (let i = 0; i < rows.length; i++) rows[i] = rowOf.get(invoiceCustomer[i]) ?? -1;
  const out: Record<string, unknown[]> = {};
  for (const name of columns) {
    const values = customers.array(name) as unknown as ArrayLike<unknown>;
    const col = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = rows[i] < 0 ? null : values[rows[i]];
    out[name] = col;
  }
  return invoices.assign(out);
}

/** Options of {@link compareBeforeAfter}. */
export interface BeforeAfterOptions {
  /** The date the method was adopted (serial or ISO): periods starting on or after it are `after`. */
  readonly policyDate: number | string;
  /** Column with the period index (default `period`; `month` for aging tables). */
  readonly period?: string;
  /** Period unit of that column. Default month. */
  readonly by?: "month" | "quarter";
  /** Numerator and denominator columns (default written_off over sales). */
  readonly numerator?: string;
  readonly denominator?: string;
  /** A segment column to keep. */
  readonly segment?: string;
  /** Periods right after the policy date to leave out (the transition). Default 0. */
  readonly skip?: number;
  /** First periods of the table to leave out (a ramp-up). Default 0. */
  readonly dropFirst?: number;
  /** Last periods of the table to leave out (immature vintages). Default 0. */
  readonly dropLast?: number;
}

/**
 * Before and after the policy date: sums of numerator and denominator over the periods before it and
 * from it on, and their ratio (e.g. the bad-debt rate 5% -> 1.2% of the article; or, on overdueShare's
 * table with numerator over_balance and denominator total, the balance-weighted share over 90 days).
 * Columns: [segment], phase (`before` / `after`), periods, numerator, denominator, ratio, and
 * `change` (after ratio / before ratio - 1, on the after row).
 */
export function compareBeforeAfter(table: ColumnTable, options: BeforeAfterOptions): ColumnTable {
  const period = options.period ?? "period";
  const num = options.numerator ?? "written_off";
  const den = options.denominator ?? "sales";
  const seg = options.segment ? [options.segment] : [];
  requireColumns(table, [period, num, den, ...seg], "compareBeforeAfter");
  const policy = toSerial(options.policyDate);
  const by = options.by ?? "month";
  // the first period starting on or after the policy date
  let first = by === "month" ? monthIndex(policy) : quarterIndex(policy);
  if ((by === "month" ? monthStart(first) : quarterStart(first)) < policy) first++;
  const periods = table.array(period) as unknown as ArrayLike<number>;
  let last = -Infinity;
  let earliest = Infinity;
  for (let i = 0; i < periods.length; i++) {
    last = Math.max(last, periods[i]);
    earliest = Math.min(earliest, periods[i]);
  }
  return table
    .params({ first, skip: options.skip ?? 0, lastKept: last - (options.dropLast ?? 0), firstKept: earliest + (options.dropFirst ?? 0) })
    .filter(
      `(d, $) => d.${period} >= $.firstKept && d.${period} <= $.lastKept && (d.${period} < $.first || d.${period} >= $.first + $.skip)`,
    )
    .derive({ phase: `(d, $) => d.${period} < $.first ? 'before' : 'after'` })
    .groupby([...seg, "phase"])
    .rollup({ periods: `d => op.distinct(d.${period})`, numerator: `d => op.sum(d.${num})`, denominator: `d => op.sum(d.${den})` })
    .derive({ ratio: "d => d.denominator > 0 ? d.numerator / d.denominator : NaN" })
    .groupby(seg)
    .orderby(aq.desc("phase"))
    .derive({ change: "d => d.phase === 'after' ? d.ratio / op.lag(d.ratio, 1) - 1 : NaN" })
    .ungroup()
    .orderby(...seg, aq.desc("phase"));
}
