/**
 * What the collection log's formulas (AR.PROMISE, AR.NEXTCONTACT) need beyond promiseStatus and
 * nextContactDue: the words their cells show in both languages, the status of a follow-up at an as-of
 * date, and readers that name the argument (issue 13; docs/collection-log.md, docs/formulas.md).
 */
import type { WarningLevel } from "../aging.js";
import { calendarDay, isoFromSerial } from "../dates.js";
import { RuleError, show, type Language } from "../errors.js";
import { readAmount, readCount } from "../input.js";
import type { PromiseState } from "./promises.js";

/** A promise's status as AR.PROMISE shows it; `afterAsOf`: made after the as-of date, not counted. */
export const PROMISE_STATE_NAMES: Readonly<Record<Language, Readonly<Record<PromiseState, string>>>> = {
  en: { kept: "kept", broken: "broken", pending: "pending", afterAsOf: "after as-of date" },
  zh: { kept: "已兑现", broken: "未兑现", pending: "待兑现", afterAsOf: "截止日后作出" },
};

/** Where the next contact stands at the as-of date: `none` when the ladder asks for no follow-up (level 0). */
export type FollowUpStatus = "overdue" | "dueToday" | "notDue" | "none";

/** Follow-up statuses as AR.NEXTCONTACT(..., "status") shows them. */
export const FOLLOW_UP_STATUS_NAMES: Readonly<Record<Language, Readonly<Record<FollowUpStatus, string>>>> = {
  en: { overdue: "overdue", dueToday: "due today", notDue: "not due", none: "none" },
  zh: { overdue: "已逾期", dueToday: "今日到期", notDue: "未到期", none: "无需跟进" },
};

/**
 * The status of a next contact due (nextContactDue's result) at an as-of date: overdue when it was due
 * before that day (a missed follow-up), due today on it, not due after it; none when nothing is due.
 * @example followUpStatus(45860, 45869) is "overdue" (due 2025-07-22, as of 2025-07-31: 9 days late)
 */
export function followUpStatus(due: number | null, asOf: number): FollowUpStatus {
  if (due === null) return "none";
  const late = calendarDay(asOf) - calendarDay(due);
  return late > 0 ? "overdue" : late === 0 ? "dueToday" : "notDue";
}

/**
 * Reads a warning level: a whole number from 0 to 3 (as AR.AGING(..., "level") gives it).
 * @throws RuleError naming the argument for anything else
 */
export function readWarningLevel(value: unknown, argument: string): WarningLevel {
  const level = readCount(value, argument);
  if (level > 3) {
    throw new RuleError(argument, `${show(value)} is not a warning level (0 to 3)`, `${show(value)} 不是预警级别（0 至 3）`);
  }
  return level as WarningLevel;
}

/**
 * Reads the amount of a promise or a payment: above 0 (an amount of 0 promises or pays nothing).
 * @throws RuleError naming the argument: not an amount, negative, or 0
 */
export function readLoggedAmount(value: unknown, argument: string): number {
  const amount = readAmount(value, argument);
  if (amount === 0) throw new RuleError(argument, "an amount of 0 promises or pays nothing", "金额为 0，既非承诺也非回款");
  return amount;
}

/**
 * Refuses a contact dated after the as-of date (it had not happened then).
 * @throws RuleError naming the argument
 */
export function checkContactNotAfter(lastContact: number, asOf: number, argument: string): void {
  if (calendarDay(lastContact) > calendarDay(asOf)) {
    const [contact, day] = [isoFromSerial(lastContact), isoFromSerial(asOf)];
    throw new RuleError(
      argument,
      `${contact} is after the as-of date ${day}: a contact not yet made`,
      `${contact} 晚于截止日 ${day}：该联系尚未发生`,
    );
  }
}
