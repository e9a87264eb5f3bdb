/**
 * Collection measures by month (rules.md, "portfolio measures"), from credit sales and the month-end
 * aging: DSO, best possible DSO, ADD and CEI.
 *
 * For month m with credit sales S (invoices issued in the month), D days, ending receivables A (all open
 * balances at the month end), current receivables C (not yet due), and opening receivables A' (the
 * previous month end):
 * - DSO = A / S x D (days); best possible DSO = C / S x D; ADD (average days delinquent) = DSO - best
 * - CEI (collection effectiveness index) = (A' + S - A) / (A' + S - C) x 100 (percent: what was collected
 *   of what could have been; write-offs count as reductions, as in the standard formula)
 * With `window` = w > 1, DSO and best DSO use the sales and days of the last w months (a smoother DSO);
 * CEI stays monthly.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import "./calendar.js";
import { monthEndAging, type AgingOptions } from "./aging.js";
import { requireColumns } from "./columns.js";

/** Options of {@link collectionMetrics}. */
export interface CollectionOptions extends AgingOptions {
  /** A month-end aging of the same invoices (monthEndAging, same segment); computed when left out. */
  readonly aging?: ColumnTable;
  /** Months of sales and days in the DSO denominator. Default 1 (the month itself). */
  readonly window?: number;
}

/**
 * DSO, best possible DSO, ADD and CEI at every month end (and segment). Columns: month, label,
 * month_end, date, [segment], days, sales, ending_ar, current_ar, opening_ar, dso, best_dso, add (days),
 * cei (percent). NaN where a measure is undefined: no sales in the window, the first month (no opening
 * AR), a zero CEI denominator.
 * @param invoices needs issue_date and amount, plus what monthEndAging needs unless `aging` is given
 */
export function collectionMetrics(invoices: ColumnTable, options: CollectionOptions = {}): ColumnTable {
  requireColumns(invoices, ["issue_date", "amount"], "collectionMetrics");
  const w = options.window ?? 1;
  if (!Number.isInteger(w) || w < 1) throw new RangeError(`window must be a whole number of months >= 1, not ${w}`);
  const aging = options.aging ?? monthEndAging(invoices, options);
  const seg = options.segment ? [options.segment] : [];
  const ar = aging.groupby(["month", "label", "month_end", "date", ...seg]).rollup({
    ending_ar: "d => op.sum(d.balance)",
    current_ar: "d => op.sum(d.bucket_index === 0 ? d.balance : 0)",
  });
  const sales = invoices
    .select(["issue_date", "amount", ...seg])
    .derive({ month: "d => op.ar_month(d.issue_date)" })
    .groupby(["month", ...seg])
    .rollup({ sales: "d => op.sum(d.amount)" });
  const frame = `[${-(w - 1)}, 0]`;
  return ar
    .join_left(sales, [
      ["month", ...seg],
      ["month", ...seg],
    ])
    .derive({ sales: "d => d.sales == null ? 0 : d.sales", days: "d => op.ar_month_days(d.month)" })
    .groupby(seg)
    .orderby("month")
    .derive({
      opening_ar: "d => op.lag(d.ending_ar, 1)",
      sales_w: aq.rolling("d => op.sum(d.sales)", JSON.parse(frame)),
      days_w: aq.rolling("d => op.sum(d.days)", JSON.parse(frame)),
      months_w: aq.rolling("d => op.count()", JSON.parse(frame)),
    })
    .params({ w })
    .derive({
      dso: "(d, $) => d.months_w >= $.w && d.sales_w > 0 ? d.ending_ar / d.sales_w * d.days_w : NaN",
      best_dso: "(d, $) => d.months_w >= $.w && d.sales_w > 0 ? d.current_ar / d.sales_w * d.days_w : NaN",
      cei: "d => d.opening_ar != null && (d.opening_ar + d.sales - d.current_ar) > 0 ? (d.opening_ar + d.sales - d.ending_ar) / (d.opening_ar + d.sales - d.current_ar) * 100 : NaN",
    })
    .derive({
      add: "d => d.dso - d.best_dso",
      opening_ar: "d => d.opening_ar == null ? NaN : d.opening_ar",
    })
    .ungroup()
    .select([
      "month",
      "label",
      "month_end",
      "date",
      ...seg,
      "days",
      "sales",
      "ending_ar",
      "current_ar",
      "opening_ar",
      "dso",
      "best_dso",
      "add",
      "cei",
    ])
    .orderby(...seg, "month");
}
