/**
 * Promises to pay and instalment plans checked against payments (issue 13; docs/collection-log.md).
 *
 * A promise is **kept** when the payments made from the day it was made up to its promised date plus the
 * grace (`promiseGraceDays`) cover its amount; **broken** once that last day is before the as-of date
 * without them; **pending** otherwise. A promise made after the as-of date is not counted (it had not been
 * made then), nor is a payment dated after it.
 *
 * Allocation, when promises overlap: each payment counts once. Promises take payments in the order of
 * their promised dates (then the day they were made, then their order in the log), each the earliest
 * payments it may count that no promise before it took; a payment larger than what a promise still needs
 * leaves the rest for the next. A partial payment is credited and named, but a promise is kept only when
 * covered in full. All sums are in whole cents.
 *
 * An instalment plan is checked cumulatively: instalment k (1-based) is kept when the payments from the day
 * the plan was agreed up to its due date plus the grace add up to k instalments; missed once that day is
 * before the as-of date without them (a later catch-up does not undo a miss; it keeps the instalments that
 * follow). Plans and promises are checked independently: a payment toward an instalment may also keep a
 * promise of the same money.
 */
import { addDays, addMonths, readDate } from "../dates.js";
import { RuleError, show } from "../errors.js";
import { readAmount, readCount } from "../input.js";
import { amountToCents } from "../money.js";

/** Where a promise to pay stands at the as-of date. */
export type PromiseStatus = "kept" | "broken" | "pending";

/** A promise to pay: when it was made, the date the money is promised for, and how much. */
export interface PromiseInput {
  /** Excel serial of the day the promise was made. */
  readonly made: number;
  /** Excel serial of the promised date (not before `made`). */
  readonly promisedDate: number;
  /** The amount promised, above 0. */
  readonly amount: number;
}

/** A payment received. */
export interface PaymentInput {
  /** Excel serial of the day it was received. */
  readonly date: number;
  /** The amount received, above 0. */
  readonly amount: number;
}

/** A promise checked against the payments. */
export interface PromiseEvaluation {
  /** Index of the promise in the input. */
  readonly index: number;
  readonly made: number;
  readonly promisedDate: number;
  readonly amount: number;
  /** The last day a payment counts for it: the promised date plus the grace days. */
  readonly lastDay: number;
  readonly status: PromiseStatus;
  /** What the payments credited to it add up to (at most its amount). */
  readonly paid: number;
  /** The day it was covered in full (kept), else null. */
  readonly keptOn: number | null;
  /** The payments credited to it: index into the payments, and the part of that payment. */
  readonly payments: readonly { readonly index: number; readonly amount: number }[];
}

/** Every promise checked at an as-of date. */
export interface PromiseCheck {
  /** The promises made on or before the as-of date, in input order. */
  readonly promises: readonly PromiseEvaluation[];
  /** Indexes of the promises made after the as-of date (not counted). */
  readonly afterAsOf: readonly number[];
  /** What is left of each payment after the promises took their part (0 for a payment after the as-of date too). */
  readonly unallocated: readonly number[];
}

/**
 * Checks promises to pay against payments at an as-of date, as the module comment says (each payment
 * counted once, promises served in the order of their promised dates, each the earliest payments it may
 * count). Inputs are taken as given (serials, amounts above 0): promiseStatus reads cell values.
 * @param graceDays days after the promised date a payment still keeps the promise (policy promiseGraceDays)
 */
export function checkPromises(
  promises: readonly PromiseInput[],
  payments: readonly PaymentInput[],
  asOf: number,
  graceDays: number,
): PromiseCheck {
  const remaining = payments.map((p) => (p.date <= asOf ? amountToCents(p.amount, "payment_amounts") : 0));
  const paymentOrder = payments.map((_, i) => i).sort((a, b) => payments[a].date - payments[b].date || a - b);
  const afterAsOf: number[] = [];
  const counted: number[] = [];
  promises.forEach((p, i) => (p.made > asOf ? afterAsOf : counted).push(i));
  const order = [...counted].sort(
    (a, b) => promises[a].promisedDate - promises[b].promisedDate || promises[a].made - promises[b].made || a - b,
  );
  const results = new Map<number, PromiseEvaluation>();
  for (const i of order) {
    const promise = promises[i];
    const lastDay = addDays(promise.promisedDate, graceDays);
    const owed = amountToCents(promise.amount, "promised_amounts");
    let paid = 0;
    let keptOn: number | null = null;
    const credited: { index: number; amount: number }[] = [];
    for (const j of paymentOrder) {
      if (paid === owed) break;
      const payment = payments[j];
      if (payment.date < promise.made || payment.date > lastDay || payment.date > asOf || remaining[j] === 0) continue;
      const take = Math.min(remaining[j], owed - paid);
      remaining[j] -= take;
      paid += take;
      credited.push({ index: j, amount: take / 100 });
      if (paid === owed) keptOn = payment.date;
    }
    const status: PromiseStatus = keptOn !== null ? "kept" : lastDay < asOf ? "broken" : "pending";
    results.set(i, {
      index: i,
      made: promise.made,
      promisedDate: promise.promisedDate,
      amount: owed / 100,
      lastDay,
      status,
      paid: paid / 100,
      keptOn,
      payments: credited,
    });
  }
  return {
    promises: counted.map((i) => results.get(i) as PromiseEvaluation),
    afterAsOf,
    unallocated: remaining.map((c) => c / 100),
  };
}

/** A promise's status as promiseStatus gives it: the check's, or `afterAsOf` for a promise made after the as-of date. */
export type PromiseState = PromiseStatus | "afterAsOf";

/**
 * The status of each promise to pay, from ranges of a sheet (the core of a formula over the log): the
 * days the promises were made, their promised dates and amounts, the payments' dates and amounts, the
 * as-of date and the grace days. Rules as checkPromises.
 * @example promiseStatus([45809], [45818], [100000], [45815, 45819], [60000, 40000], 45869, 3) is ["kept"]
 *   (made 2025-06-01 for 2025-06-10; 60,000 on 06-07 and 40,000 on 06-11, within the 3 days' grace)
 * @throws RuleError naming the argument: ranges of different lengths, a date or amount that does not read,
 *   an amount of 0 or less, a promised date before the day the promise was made, grace days not 0 to 365
 */
export function promiseStatus(
  madeDates: readonly unknown[],
  promisedDates: readonly unknown[],
  promisedAmounts: readonly unknown[],
  paymentDates: readonly unknown[],
  paymentAmounts: readonly unknown[],
  asOf: unknown,
  graceDays: unknown,
): PromiseState[] {
  sameLength(madeDates, "made_dates", promisedDates, "promised_dates");
  sameLength(madeDates, "made_dates", promisedAmounts, "promised_amounts");
  sameLength(paymentDates, "payment_dates", paymentAmounts, "payment_amounts");
  const today = readDate(asOf, "as_of");
  const grace = readGraceDays(graceDays, "grace_days");
  const promises = madeDates.map((made, i): PromiseInput => {
    const madeOn = readDate(made, "made_dates");
    const promisedDate = readDate(promisedDates[i], "promised_dates");
    if (promisedDate < madeOn) {
      throw new RuleError(
        "promised_dates",
        `row ${i + 1}: the promised date is before the day the promise was made`,
        `第 ${i + 1} 行：承诺日期早于作出承诺之日`,
      );
    }
    return { made: madeOn, promisedDate, amount: positiveAmount(promisedAmounts[i], "promised_amounts") };
  });
  const payments = paymentDates.map((date, i): PaymentInput => ({
    date: readDate(date, "payment_dates"),
    amount: positiveAmount(paymentAmounts[i], "payment_amounts"),
  }));
  const check = checkPromises(promises, payments, today, grace);
  const states: PromiseState[] = promises.map(() => "afterAsOf");
  for (const p of check.promises) states[p.index] = p.status;
  return states;
}

/** Grace days: a whole number from 0 to 365 (as the policy's promiseGraceDays). */
export function readGraceDays(value: unknown, argument: string): number {
  const days = readCount(value, argument);
  if (days > 365)
    throw new RuleError(argument, `${show(value)} must be a whole number from 0 to 365`, `${show(value)} 必须是 0 到 365 之间的整数`);
  return days;
}

function positiveAmount(value: unknown, argument: string): number {
  const amount = readAmount(value, argument);
  if (amount === 0) throw new RuleError(argument, "an amount of 0 promises or pays nothing", "金额为 0，既非承诺也非回款");
  return amount;
}

function sameLength(a: readonly unknown[], aName: string, b: readonly unknown[], bName: string): void {
  if (!Array.isArray(a)) throw new RuleError(aName, "is not a range", "不是区域");
  if (!Array.isArray(b)) throw new RuleError(bName, "is not a range", "不是区域");
  if (a.length !== b.length) {
    throw new RuleError(
      bName,
      `has ${b.length} cells where ${aName} has ${a.length}`,
      `有 ${b.length} 个单元格，而 ${aName} 有 ${a.length} 个`,
    );
  }
}

// ---- instalment plans ------------------------------------------------------------------------------------

/** An agreed instalment plan: monthly instalments of one amount from a first due date. */
export interface PlanInput {
  /** Excel serial of the day the plan was agreed (payments from that day count). */
  readonly agreed: number;
  /** Excel serial of the first instalment's due date; the others fall monthly after it (EDATE). */
  readonly firstDue: number;
  /** Each instalment, above 0. */
  readonly instalment: number;
  /** How many instalments; null when the log does not say (the plan runs until the balance is paid). */
  readonly count: number | null;
}

/** Where an instalment stands. */
export type InstalmentStatus = "kept" | "missed" | "pending";

/** One instalment due on or before the as-of date. */
export interface InstalmentEvaluation {
  /** 1 for the first instalment. */
  readonly number: number;
  /** Excel serial of its due date. */
  readonly due: number;
  /** The last day a payment counts for it (due date plus grace). */
  readonly lastDay: number;
  readonly status: InstalmentStatus;
}

/** A plan checked against the payments at an as-of date. */
export interface PlanEvaluation {
  /** The instalments due on or before the as-of date. */
  readonly instalments: readonly InstalmentEvaluation[];
  readonly kept: number;
  readonly missed: number;
  readonly pending: number;
  /** What the payments since the plan was agreed add up to (up to the as-of date). */
  readonly paid: number;
  /** Excel serial of the next instalment due after the as-of date; null when the plan has no more. */
  readonly nextDue: number | null;
  /** Indexes of the payments that count toward the plan (dated from the day it was agreed to the as-of date). */
  readonly paymentIndexes: readonly number[];
}

/**
 * Checks an instalment plan against payments, cumulatively (see the module comment): instalment k is kept
 * when the payments from the agreed day to its due date plus `graceDays` reach k instalments.
 */
export function checkPlan(plan: PlanInput, payments: readonly PaymentInput[], asOf: number, graceDays: number): PlanEvaluation {
  const instalmentCents = amountToCents(plan.instalment, "instalment");
  const counted = payments
    .map((p, index) => ({ index, date: p.date, cents: amountToCents(p.amount, "payment_amounts") }))
    .filter((p) => p.date >= plan.agreed && p.date <= asOf)
    .sort((a, b) => a.date - b.date || a.index - b.index);
  const paidBy = (day: number): number => counted.reduce((sum, p) => (p.date <= day ? sum + p.cents : sum), 0);
  const instalments: InstalmentEvaluation[] = [];
  let nextDue: number | null = null;
  for (let k = 0; plan.count === null || k < plan.count; k++) {
    const due = addMonths(plan.firstDue, k);
    if (due > asOf) {
      nextDue = due;
      break;
    }
    const lastDay = addDays(due, graceDays);
    const status: InstalmentStatus =
      paidBy(Math.min(lastDay, asOf)) >= (k + 1) * instalmentCents ? "kept" : lastDay < asOf ? "missed" : "pending";
    instalments.push({ number: k + 1, due, lastDay, status });
  }
  const count = (s: InstalmentStatus) => instalments.filter((i) => i.status === s).length;
  return {
    instalments,
    kept: count("kept"),
    missed: count("missed"),
    pending: count("pending"),
    paid: counted.reduce((sum, p) => sum + p.cents, 0) / 100,
    nextDue,
    paymentIndexes: counted.map((p) => p.index),
  };
}
