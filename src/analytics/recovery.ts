/**
 * How collection cases turned out (rules.md sections 3-5): recovery rates by debtor profile and by
 * strategy, time to recover, discounts given against cash gained, instalment plans kept and broken.
 *
 * Input: a case table with one row per debtor in collection: `profile`, `strategy`, `balance` (the
 * amount in collection), `collected` (cash before the write-off), `recovered` (cash after it),
 * `written_off`, `discount`, `open_date`, `first_cash_date`, `last_cash_date`, and for the parts that need
 * them `offer_rate`, `days_to_pay`, `plan_kept`, `instalments`, `broken_at` (the generator's `cases`
 * table; or `casesFromTriage` joining the core's triage records with recorded outcomes). Dates are Excel
 * serials; amounts are currency.
 *
 * Rates (fractions):
 * - `recovery_rate` = (collected + recovered) / balance: cash obtained per unit of the amount in collection
 * - `writeoff_recovery_rate` = recovered / written_off: cash recovered after the write-off per unit written
 *   off (rules.md's "recovered / written off")
 * - `loss_rate` = (written_off - recovered) / balance: net loss per unit in collection
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { TriageRecord } from "../core/index.js";
import { requireColumns } from "./columns.js";

const AMOUNTS = ["balance", "collected", "recovered", "written_off", "discount"];

/**
 * Recovery by a grouping (`profile`, `strategy`, or several columns, e.g. ["method", "profile"]).
 * Columns: the group columns, cases, balance, collected, recovered, cash (collected + recovered),
 * written_off, discount, recovery_rate, writeoff_recovery_rate, loss_rate. A total row is not added
 * (call with `by: []` for the portfolio).
 */
export function recoveryRates(cases: ColumnTable, by: string | readonly string[] = "profile"): ColumnTable {
  const keys = typeof by === "string" ? [by] : [...by];
  requireColumns(cases, [...keys, ...AMOUNTS], "recoveryRates");
  return cases
    .groupby(keys)
    .rollup({
      cases: "d => op.count()",
      balance: "d => op.sum(d.balance)",
      collected: "d => op.sum(d.collected)",
      recovered: "d => op.sum(d.recovered)",
      written_off: "d => op.sum(d.written_off)",
      discount: "d => op.sum(d.discount)",
    })
    .derive({
      cash: "d => d.collected + d.recovered",
      recovery_rate: "d => d.balance > 0 ? (d.collected + d.recovered) / d.balance : NaN",
      writeoff_recovery_rate: "d => d.written_off > 0 ? d.recovered / d.written_off : NaN",
      loss_rate: "d => d.balance > 0 ? (d.written_off - d.recovered) / d.balance : NaN",
    })
    .relocate("cash", { after: "recovered" })
    .orderby(...keys);
}

/**
 * Days from opening a case to its first and its last cash (cases with cash only), by a grouping:
 * cases_with_cash, median_days_to_first_cash, mean_days_to_first_cash, median_days_to_last_cash,
 * mean_days_to_last_cash, p90_days_to_last_cash (days).
 */
export function timeToRecover(cases: ColumnTable, by: string | readonly string[] = "strategy"): ColumnTable {
  const keys = typeof by === "string" ? [by] : [...by];
  requireColumns(cases, [...keys, "open_date", "first_cash_date", "last_cash_date"], "timeToRecover");
  return cases
    .filter("d => d.first_cash_date > 0")
    .derive({ to_first: "d => d.first_cash_date - d.open_date", to_last: "d => d.last_cash_date - d.open_date" })
    .groupby(keys)
    .rollup({
      cases_with_cash: "d => op.count()",
      median_days_to_first_cash: "d => op.median(d.to_first)",
      mean_days_to_first_cash: "d => op.mean(d.to_first)",
      median_days_to_last_cash: "d => op.median(d.to_last)",
      mean_days_to_last_cash: "d => op.mean(d.to_last)",
      p90_days_to_last_cash: "d => op.quantile(d.to_last, 0.9)",
    })
    .orderby(...keys);
}

/**
 * Discount given against cash gained, for settlement cases (anchor-price ladder), by the rate accepted:
 * offer_rate (share of the balance accepted), cases, balance, discount (currency given up), cash
 * (currency received), discount_per_cash (discount / cash), mean_days_to_pay (days).
 */
export function discountVersusCash(cases: ColumnTable): ColumnTable {
  requireColumns(cases, ["strategy", "offer_rate", "days_to_pay", ...AMOUNTS], "discountVersusCash");
  return cases
    .filter("d => d.strategy === 'settlement' && d.offer_rate > 0")
    .groupby("offer_rate")
    .rollup({
      cases: "d => op.count()",
      balance: "d => op.sum(d.balance)",
      discount: "d => op.sum(d.discount)",
      cash: "d => op.sum(d.collected + d.recovered)",
      mean_days_to_pay: "d => op.mean(d.days_to_pay)",
    })
    .derive({ discount_per_cash: "d => d.cash > 0 ? d.discount / d.cash : NaN" })
    .relocate("discount_per_cash", { after: "cash" })
    .orderby("offer_rate");
}

/**
 * Instalment plans kept against broken: plan (`kept` / `broken` from `plan_kept` true / false, `running`
 * when it is not known yet),
 * cases, share (of the plans with a known outcome; NaN for running), balance, cash, concession (currency),
 * recovery_rate (cash / balance), mean_instalments, mean_broken_at (the instalment missed).
 */
export function planOutcomes(cases: ColumnTable): ColumnTable {
  requireColumns(cases, ["strategy", "plan_kept", "instalments", "broken_at", ...AMOUNTS], "planOutcomes");
  const plans = cases
    .filter("d => d.strategy === 'instalment'")
    .derive({ plan: "d => d.plan_kept === true ? 'kept' : d.plan_kept === false ? 'broken' : 'running'" })
    .groupby("plan")
    .rollup({
      cases: "d => op.count()",
      balance: "d => op.sum(d.balance)",
      cash: "d => op.sum(d.collected + d.recovered)",
      concession: "d => op.sum(d.discount)",
      mean_instalments: "d => op.mean(d.instalments)",
      mean_broken_at: "d => op.mean(d.broken_at)",
    });
  const known = plans.filter("d => d.plan !== 'running'").rollup({ n: "d => op.sum(d.cases)" }).get("n", 0) as number;
  return plans
    .params({ known })
    .derive({
      share: "(d, $) => d.plan !== 'running' && $.known > 0 ? d.cases / $.known : NaN",
      recovery_rate: "d => d.balance > 0 ? d.cash / d.balance : NaN",
      mean_broken_at: "d => d.plan === 'broken' ? d.mean_broken_at : NaN",
    })
    .relocate("share", { after: "cases" })
    .orderby("plan");
}

/**
 * A case table from the core's triage (one record per debtor row: customer, profile, balance, grade,
 * warning level) and a table of recorded outcomes keyed by customer (the columns the functions above
 * need: strategy, collected, recovered, written_off, discount, dates...). Triage rows without a
 * readable customer or balance are left out; outcomes without a triaged customer too (inner join).
 * @param key the outcomes' customer column (default `customer`)
 */
export function casesFromTriage(records: readonly TriageRecord[], outcomes: ColumnTable, key = "customer"): ColumnTable {
  requireColumns(outcomes, [key], "casesFromTriage");
  const rows = records.filter((r) => r.customer !== "" && r.balance !== null);
  const triage = aq.table({
    [key]: rows.map((r) => r.customer),
    profile: rows.map((r) => r.profile ?? "unclear"),
    balance: rows.map((r) => r.balance as number),
    grade: rows.map((r) => r.grade),
    level: rows.map((r) => r.level),
    days_past_due: rows.map((r) => r.daysPastDue),
  });
  const drop = outcomes.columnNames().filter((c) => c !== key && ["profile", "balance", "grade", "level", "days_past_due"].includes(c));
  return triage.join(outcomes.select(aq.not(...drop)), [[key], [key]]);
}
