/**
 * A provision matrix from the firm's own history (IFRS 9 simplified approach, rules.md "expected credit
 * loss provision"): the historical loss rate of each days-past-due band, to replace the policy's
 * illustrative rates, and the provision on today's receivables with the core's `provision` rule.
 *
 * Loss rate of a band = sum over month ends of the balance in the band that was written off later /
 * sum of the balance in the band (both currency). Only *mature* month ends count: those at least
 * `maturity` months before the ledger date, so that what will be written off has had time to be. Write-offs
 * are gross (recoveries after a write-off are not netted).
 */
import type { ColumnTable } from "arquero";
import * as aq from "arquero";
import {
  checkProvisionRates,
  DEFAULT_POLICY,
  daysPastDue,
  provision,
  provisionBandLabels,
  provisionRate,
  roundMoney,
  type ProvisionRate,
} from "../core/index.js";
import { monthEnd, monthIndex, toSerial } from "./calendar.js";
import { monthEndAging, type AgingOptions } from "./aging.js";
import { invoiceBalanceColumns, numberColumn, requireColumns, serialColumn } from "./columns.js";

/** The aging edges that make a set of provision bands: every bound above 0 (the first band must be `upTo: 0`, not due). */
export function bandEdges(rates: readonly ProvisionRate[]): number[] {
  checkProvisionRates(rates, "rates");
  if (rates[0].upTo !== 0) throw new RangeError("the first provision band must be `not due` (upTo 0) to build a matrix from aging buckets");
  return rates.filter((r) => r.upTo !== null && r.upTo > 0).map((r) => r.upTo as number);
}

/** Options of {@link provisionMatrix}. */
export interface ProvisionMatrixOptions extends Pick<AgingOptions, "payments" | "from" | "asOf"> {
  /** The bands (and the rates to compare with). Default the policy's (IFRS 9 illustration). */
  readonly rates?: readonly ProvisionRate[];
  /** Months a month end must lie before the ledger date to count. Default 12. */
  readonly maturity?: number;
}

/**
 * The provision matrix: one row per band with `band` (label), `up_to` (last day past due of the band;
 * null for the last), `balance` and `eventual_write_off` (summed over the mature month ends, currency),
 * `loss_rate` (eventual_write_off / balance; NaN without balance), `rate` (loss rate made usable as a
 * policy: never lower than a younger band's, NaN replaced by the younger band's), `policy_rate` (the
 * rates given, for comparison) and `month_ends` (how many month ends were used).
 */
export function provisionMatrix(invoices: ColumnTable, options: ProvisionMatrixOptions = {}): ColumnTable {
  const rates = options.rates ?? DEFAULT_POLICY.provisionRates;
  const edges = bandEdges(rates);
  const maturity = options.maturity ?? 12;
  const aging = monthEndAging(invoices, { edges, payments: options.payments, from: options.from, asOf: options.asOf });
  const asOf =
    options.asOf !== undefined ? toSerial(options.asOf) : (aging.rollup({ m: "d => op.max(d.month_end)" }).get("m", 0) as number);
  let lastMature = monthIndex(asOf) - maturity;
  if (monthEnd(monthIndex(asOf)) > asOf) lastMature--;
  const bands = aging
    .params({ lastMature })
    .filter("(d, $) => d.month <= $.lastMature")
    .groupby("bucket_index")
    .rollup({
      balance: "d => op.sum(d.balance)",
      eventual_write_off: "d => op.sum(d.eventual_write_off)",
      month_ends: "d => op.distinct(d.month)",
    })
    .orderby("bucket_index");
  const byBucket = new Map<number, { balance: number; eventual: number; months: number }>();
  (bands.objects() as Record<string, unknown>[]).forEach((r) =>
    byBucket.set(r.bucket_index as number, {
      balance: r.balance as number,
      eventual: r.eventual_write_off as number,
      months: r.month_ends as number,
    }),
  );
  const labels = provisionBandLabels(rates);
  const rows = rates.map((r, i) => {
    const b = byBucket.get(i) ?? { balance: 0, eventual: 0, months: 0 };
    return {
      band: labels[i],
      up_to: r.upTo,
      balance: Math.round(b.balance * 100) / 100,
      eventual_write_off: Math.round(b.eventual * 100) / 100,
      loss_rate: b.balance > 0 ? b.eventual / b.balance : NaN,
      policy_rate: r.rate,
      month_ends: b.months,
    };
  });
  let floor = 0;
  const usable = rows.map((r) => {
    floor = Number.isNaN(r.loss_rate) ? floor : Math.max(floor, r.loss_rate);
    return floor;
  });
  return aq.from(rows.map((r, i) => ({ ...r, rate: usable[i] }))).relocate("rate", { after: "loss_rate" });
}

/**
 * The matrix's rates as provision rates for the policy (`Policy.provisionRates`), checked by the core
 * (bounds increasing, rates in [0, 1] and never lower for older debts).
 */
export function ratesFromMatrix(matrix: ColumnTable): ProvisionRate[] {
  requireColumns(matrix, ["up_to", "rate"], "ratesFromMatrix");
  const rates = (matrix.objects() as Record<string, unknown>[]).map((r) => ({
    upTo: r.up_to as number | null,
    rate: Math.min(1, Math.max(0, r.rate as number)),
  }));
  return checkProvisionRates(rates, "rates") as ProvisionRate[];
}

/**
 * The provision on the receivables open at `asOf`, by band: each open invoice's provision is the core's
 * `provision(balance, daysPastDue, rates)` (rounded to the cent), summed per band. Columns: band, up_to,
 * rate, invoices, balance, provision (currency). `total` gives the sums; `matrixProvision` is
 * sum over bands of band balance x rate, which equals `total.provision` up to the per-invoice rounding.
 * Balances are amount - paid (when paid by asOf) - written off (when by asOf), as in monthEndAging
 * without payments; pass the payments for exact balances.
 */
export function provisionAsOf(
  invoices: ColumnTable,
  asOfDate: number | string,
  rates: readonly ProvisionRate[] = DEFAULT_POLICY.provisionRates,
  options: { readonly payments?: ColumnTable } = {},
): {
  readonly table: ColumnTable;
  readonly total: { readonly balance: number; readonly provision: number };
  readonly matrixProvision: number;
} {
  checkProvisionRates(rates, "rates");
  const asOf = toSerial(asOfDate);
  const labels = provisionBandLabels(rates);
  const bandOf = (dpd: number) => {
    for (let i = 0; i < rates.length; i++) if (rates[i].upTo === null || dpd <= (rates[i].upTo as number)) return i;
    return rates.length - 1;
  };
  const { issue, due, amount, paid, paidDate, written, woDate } = invoiceBalanceColumns(invoices, "provisionAsOf");
  let received: Float64Array | null = null;
  if (options.payments) {
    requireColumns(invoices, ["invoice_id"], "provisionAsOf with payments");
    const ids = invoices.array("invoice_id") as unknown as ArrayLike<unknown>;
    const rowOf = new Map<unknown, number>();
    for (let i = 0; i < ids.length; i++) rowOf.set(ids[i], i);
    received = new Float64Array(ids.length);
    const pid = options.payments.array("invoice_id") as unknown as ArrayLike<unknown>;
    const pdate = serialColumn(options.payments, "date");
    const pamount = numberColumn(options.payments, "amount");
    for (let j = 0; j < pid.length; j++) {
      const r = rowOf.get(pid[j]);
      if (r !== undefined && pdate[j] <= asOf) received[r] += pamount[j];
    }
  }
  const n = rates.length;
  const count = new Float64Array(n);
  const balance = new Float64Array(n);
  const provided = new Float64Array(n);
  for (let i = 0; i < issue.length; i++) {
    if (!(issue[i] > 0) || issue[i] > asOf) continue;
    const got = received ? received[i] : paidDate[i] > 0 && paidDate[i] <= asOf ? paid[i] : 0;
    const wo = written[i] > 0 && woDate[i] > 0 && woDate[i] <= asOf ? written[i] : 0;
    const open = Math.round((amount[i] - got - wo) * 100) / 100;
    if (open <= 0) continue;
    const dpd = daysPastDue(due[i], asOf);
    const b = bandOf(dpd);
    count[b]++;
    balance[b] += open;
    provided[b] += provision(open, dpd, rates);
  }
  const rows = rates.map((r, i) => ({
    band: labels[i],
    up_to: r.upTo,
    rate: provisionRate(r.upTo ?? Number.MAX_SAFE_INTEGER, rates),
    invoices: count[i],
    balance: Math.round(balance[i] * 100) / 100,
    provision: Math.round(provided[i] * 100) / 100,
  }));
  const total = {
    balance: Math.round(rows.reduce((s, r) => s + r.balance, 0) * 100) / 100,
    provision: Math.round(rows.reduce((s, r) => s + r.provision, 0) * 100) / 100,
  };
  // Balance x rate summed, then rounded as Excel's =ROUND(SUMPRODUCT(balance, rate), 2) rounds it.
  const matrixProvision = roundMoney(rows.reduce((s, r) => s + r.balance * r.rate, 0));
  return { table: aq.from(rows), total, matrixProvision };
}
