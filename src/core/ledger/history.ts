/**
 * Grade inputs from payment history (issue 11, point 2; docs/rules.md "Grade inputs from payment history"):
 * from each invoice's due date, paid date and amount, the overdue events of the 12 months before the as-of
 * date, the largest of them and the amount-weighted average days late: what AR.GRADE needs, computed instead
 * of typed.
 */
import { calendarDay, civilFromSerial, addMonths } from "../dates.js";
import { RuleError, show } from "../errors.js";
import { roundMoney } from "../money.js";
import type { LedgerItem } from "./rollup.js";

/** One invoice of a payment history. */
export interface HistoryInvoice {
  /** Excel serial of the due date. */
  readonly dueDate: number;
  /** Excel serial of the day it was paid (settled, cleared); null: not paid. */
  readonly paidDate: number | null;
  /** The invoice amount, >= 0. */
  readonly amount: number;
}

/** The grade inputs a payment history gives. */
export interface OverdueHistory {
  /** Invoices due in the window that were paid late or are unpaid past their due date (+ grace). */
  readonly overdueEvents: number;
  /** The largest amount among those invoices, to the cent; 0 when there are none. */
  readonly largestOverdue: number;
  /** Days late weighted by amount over the invoices due in the window, to 0.1 day; null when none is due. */
  readonly averageDaysLate: number | null;
  /** Invoices due in the window. */
  readonly invoicesDue: number;
}

/** The largest grace a policy or a call may give: a year. */
export const MAX_GRACE_DAYS = 365;

/**
 * Checks a grace in days: a whole number from 0 to 365.
 * @param argument the name the user knows (`grace_days`, `overdueGraceDays`)
 */
export function checkGraceDays(value: number, argument = "grace_days"): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_GRACE_DAYS) {
    throw new RuleError(
      argument,
      `${show(value)} must be a whole number of days from 0 to ${MAX_GRACE_DAYS}`,
      `${show(value)} 必须是 0 到 ${MAX_GRACE_DAYS} 之间的整数天数`,
    );
  }
  return value;
}

/**
 * The first day after the window: invoices due after EDATE(asOf, -12) count. In 1900 the window reaches back
 * before Excel's calendar: every due date counts.
 */
function windowStart(asOf: number): number {
  return civilFromSerial(asOf).year <= 1900 ? 0 : addMonths(asOf, -12);
}

/** An exact sum of whole numbers: plain arithmetic while safe, BigInt beyond (cents x days of huge amounts). */
class ExactSum {
  private small = 0;
  private big: bigint | null = null;
  add(a: number, b = 1): void {
    const p = a * b;
    if (this.big === null && Number.isSafeInteger(p) && Number.isSafeInteger(this.small + p)) this.small += p;
    else this.big = (this.big ?? BigInt(this.small)) + BigInt(a) * BigInt(b);
  }
  value(): bigint {
    return this.big ?? BigInt(this.small);
  }
  isZero(): boolean {
    return this.big === null ? this.small === 0 : this.big === 0n;
  }
}

/** num / den to 0.1, half up (num, den >= 0, den > 0). */
function tenths(num: bigint, den: bigint): number {
  return Number((20n * num + den) / (2n * den)) / 10;
}

/**
 * Overdue record of a payment history at an as-of date: the inputs of AR.GRADE (rules.md section 1).
 *
 * The window is the 12 months before the as-of date: an invoice counts when its due date is after
 * EDATE(asOf, -12) and on or before asOf (due exactly 12 months before is outside; due on the as-of date is in).
 * What is known at the as-of date decides: a payment after the as-of date is not known then, so such an invoice
 * is unpaid at the as-of date. An invoice of the window is an **overdue event** when
 * - it was paid on or before the as-of date, more than `graceDays` days after its due date (paid on the due
 *   date, or within the grace, is on time), or
 * - it was unpaid at the as-of date (no paid date, or paid after it) and the as-of date is more than `graceDays`
 *   days after its due date.
 *
 * Largest overdue = the largest amount among the events (0 when none). Average days late = sum(amount x days
 * late) / sum(amount) over all invoices of the window, days late being max(0, paid − due) for a paid invoice and
 * max(0, asOf − due) for an unpaid one (the grace does not shorten them), rounded half up to 0.1 day; null when
 * no invoice is due in the window; when all their amounts are 0, the plain mean.
 *
 * @param invoices invoices only (not credit notes or payments), any order
 * @param asOf Excel serial of the report date
 * @param graceDays days after the due date still counted as on time (policy.overdueGraceDays), 0-365
 */
export function overdueHistory(invoices: readonly HistoryInvoice[], asOf: number, graceDays = 0): OverdueHistory {
  checkGraceDays(graceDays);
  if (!Number.isInteger(asOf) || asOf < 1) throw new RuleError("as_of", `${show(asOf)} is not a date serial`, `${show(asOf)} 不是日期序号`);
  const start = windowStart(asOf);
  const today = calendarDay(asOf);
  let events = 0;
  let largestCents = 0;
  let due = 0;
  const weighted = new ExactSum();
  const weights = new ExactSum();
  const plainDays = new ExactSum();
  invoices.forEach((invoice, i) => {
    const { dueDate, paidDate, amount } = invoice;
    const row = i + 1;
    if (!Number.isFinite(amount) || amount < 0) {
      throw new RuleError(
        "amounts",
        `row ${row}: ${show(amount)} is not an invoice amount >= 0 (credit notes and payments do not count)`,
        `第 ${row} 行：${show(amount)} 不是大于等于 0 的发票金额（贷项和收款不计）`,
      );
    }
    if (!Number.isInteger(dueDate)) {
      throw new RuleError("due_dates", `row ${row}: ${show(dueDate)} is not a date serial`, `第 ${row} 行：${show(dueDate)} 不是日期序号`);
    }
    if (paidDate !== null && !Number.isInteger(paidDate)) {
      throw new RuleError(
        "paid_dates",
        `row ${row}: ${show(paidDate)} is not a date serial`,
        `第 ${row} 行：${show(paidDate)} 不是日期序号`,
      );
    }
    if (dueDate <= start || dueDate > asOf) return;
    due++;
    const paidByThen = paidDate !== null && paidDate <= asOf;
    const late = (paidByThen ? calendarDay(paidDate) : today) - calendarDay(dueDate);
    const cents = Math.round(roundMoney(amount) * 100);
    if (late > graceDays) {
      events++;
      if (cents > largestCents) largestCents = cents;
    }
    const days = Math.max(0, late);
    weighted.add(cents, days);
    weights.add(cents);
    plainDays.add(days);
  });
  let average: number | null = null;
  if (due > 0) average = weights.isZero() ? tenths(plainDays.value(), BigInt(due)) : tenths(weighted.value(), weights.value());
  return { overdueEvents: events, largestOverdue: largestCents / 100, averageDaysLate: average, invoicesDue: due };
}

/**
 * overdueHistory per customer of a ledger: its invoices with a due date and an amount >= 0 (the amount, else the
 * exported open amount plus partial payments). Credit notes, payments, reversals (negative invoices) and
 * invoices without a due date do not count. Customers without such an invoice get the empty record
 * (0 events, average null).
 * @returns one record per customer key, in the order of the keys' first item
 */
export function overdueHistoryByCustomer(items: readonly LedgerItem[], asOf: number, graceDays = 0): Map<string, OverdueHistory> {
  const byKey = new Map<string, { first: number; invoices: HistoryInvoice[] }>();
  for (const item of items) {
    let entry = byKey.get(item.customerKey);
    if (entry === undefined) {
      entry = { first: item.index, invoices: [] };
      byKey.set(item.customerKey, entry);
    }
    entry.first = Math.min(entry.first, item.index);
    const amount = item.amount ?? (item.open === null ? null : item.open + (item.paidAmount ?? 0));
    if (item.kind === "invoice" && item.dueDate !== null && amount !== null && amount >= 0) {
      entry.invoices.push({ dueDate: item.dueDate, paidDate: item.paidDate, amount });
    }
  }
  const ordered = [...byKey.entries()].sort((a, b) => a[1].first - b[1].first || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(ordered.map(([key, entry]) => [key, overdueHistory(entry.invoices, asOf, graceDays)]));
}
