/**
 * The limitation period (诉讼时效, rules.md "Beyond the articles"; PRC Civil Code art. 188 and 195): 3
 * years from when the creditor knew of the default, restarted by a demand for payment, an acknowledgement
 * by the debtor or a suit. A debt drifting toward the end of its period is flagged long before.
 *
 * The period starts the day after the last interruption (art. 201) and, counted in years, ends on the
 * same date that many years later, or the month's last day when there is none (art. 202, Excel's EDATE):
 * 2025-07-27 -> 2028-07-27, 2024-02-29 -> 2027-02-28. A last day on a public holiday is not moved to the
 * next working day (art. 203): the core knows no holiday calendar, and the earlier date is the safe one.
 */
import { RuleError, show, type Reason, type Language } from "./errors.js";
import { addMonths, calendarDay, isoFromSerial, readDate } from "./dates.js";
import { formatAmount } from "./format.js";
import { DEFAULT_POLICY, type Policy } from "./policy.js";

/** Where a debt stands in its limitation period. */
export type LimitationStatus = "running" | "warning" | "expired";

/**
 * The last day of the limitation period: `limitationYears` (3 by default) after the last demand for
 * payment, acknowledgement or suit, as EDATE counts it.
 * @example limitationEnd(serial of 2025-07-27) is the serial of 2028-07-27
 * @param lastInterruption Excel serial of the last demand, acknowledgement or suit (time of day ignored)
 * @throws RuleError naming `last_interruption`
 */
export function limitationEnd(lastInterruption: number, policy: Policy = DEFAULT_POLICY): number {
  const start = readDate(lastInterruption, "last_interruption");
  try {
    return addMonths(start, 12 * policy.limitationYears);
  } catch {
    throw new RuleError(
      "last_interruption",
      `${isoFromSerial(start)}: the limitation period would end after 9999-12-31`,
      `${isoFromSerial(start)}：诉讼时效期间将超过 9999-12-31`,
    );
  }
}

/**
 * Whole calendar days from the as-of date to the last day of the limitation period: 0 on the last day,
 * negative once it has expired. Falls by exactly 1 for each day the as-of date moves on.
 * @param lastInterruption Excel serial of the last demand, acknowledgement or suit
 * @param asOf Excel serial of the report date, not before lastInterruption
 * @throws RuleError naming `last_interruption`, or `as_of` when it is before the last interruption (most
 *   likely the two dates were swapped)
 */
export function limitationDaysLeft(lastInterruption: number, asOf: number, policy: Policy = DEFAULT_POLICY): number {
  const end = limitationEnd(lastInterruption, policy);
  const start = readDate(lastInterruption, "last_interruption");
  const today = readDate(asOf, "as_of");
  if (today < start) {
    throw new RuleError(
      "as_of",
      `${isoFromSerial(today)} is before last_interruption ${isoFromSerial(start)}; were the two dates swapped?`,
      `${isoFromSerial(today)} 早于最后一次中断日 ${isoFromSerial(start)}；两个日期是否填反了？`,
    );
  }
  return calendarDay(end) - calendarDay(today);
}

/**
 * The status of a debt from the days left of its limitation period: `expired` below 0, `warning` from
 * `limitationWarningDays` (180 by default) down to 0, `running` above.
 * @throws RuleError naming `days_left` when it is not a whole number
 */
export function limitationStatus(daysLeft: number, policy: Policy = DEFAULT_POLICY): LimitationStatus {
  if (typeof daysLeft !== "number" || !Number.isInteger(daysLeft)) {
    throw new RuleError("days_left", `${show(daysLeft)} is not a whole number of days`, `${show(daysLeft)} 不是整数天数`);
  }
  if (daysLeft < 0) return "expired";
  return daysLeft <= policy.limitationWarningDays ? "warning" : "running";
}

/**
 * Why a debt stands where it does in its limitation period, in English and Chinese: when the period
 * ends and how many days are left (or since when it has expired), then what to do about it.
 * @example limitationReasons(2025-07-27, 2025-07-27)[0].en === "limitation period ends 2028-07-27: 1,096 days left"
 * @throws RuleError as limitationDaysLeft does
 */
export function limitationReasons(lastInterruption: number, asOf: number, policy: Policy = DEFAULT_POLICY): Reason[] {
  const daysLeft = limitationDaysLeft(lastInterruption, asOf, policy);
  const end = isoFromSerial(limitationEnd(lastInterruption, policy));
  const start = isoFromSerial(readDate(lastInterruption, "last_interruption"));
  const years = policy.limitationYears;
  const status = limitationStatus(daysLeft, policy);
  const reasons: Reason[] = [];
  if (status === "expired") {
    const ago = -daysLeft;
    reasons.push({
      code: "expired",
      en: `limitation period ended ${end}: expired ${formatAmount(ago)} day${ago === 1 ? "" : "s"} ago`,
      zh: `诉讼时效已于 ${end} 届满：已过 ${formatAmount(ago)} 天`,
    });
  } else {
    reasons.push({
      code: "ends",
      en: `limitation period ends ${end}: ${formatAmount(daysLeft)} day${daysLeft === 1 ? "" : "s"} left`,
      zh: `诉讼时效于 ${end} 届满：剩余 ${formatAmount(daysLeft)} 天`,
    });
  }
  reasons.push({
    code: "start",
    en: `${years} year${years === 1 ? "" : "s"} from the day after the last demand, acknowledgement or suit on ${start} (Civil Code art. 188, 195)`,
    zh: `自最后一次催告、债务人承认或起诉（${start}）次日起 ${years} 年（《民法典》第188条、第195条）`,
  });
  if (status === "warning") {
    reasons.push({
      code: "warning",
      en: `within the ${formatAmount(policy.limitationWarningDays)}-day warning window: demand payment in writing, get a signed acknowledgement or sue to restart the period (art. 195)`,
      zh: `已进入 ${formatAmount(policy.limitationWarningDays)} 天预警期：书面催告、取得债务人签章确认或起诉，使时效重新计算（第195条）`,
    });
  } else if (status === "expired") {
    reasons.push({
      code: "expired-effect",
      en: "the debtor may refuse to pay; if it agrees to pay or pays all the same, it cannot rely on the limitation any more (art. 192)",
      zh: "债务人可以提出不履行义务的抗辩；但其同意履行或已自愿履行的，不得再以时效届满为由抗辩或请求返还（第192条）",
    });
  }
  return reasons;
}

/** Limitation statuses as AR.LIMITATION(..., "status") shows them. */
export const LIMITATION_STATUS_NAMES: Readonly<Record<Language, Readonly<Record<LimitationStatus, string>>>> = {
  en: { running: "running", warning: "warning", expired: "expired" },
  zh: { running: "进行中", warning: "即将届满", expired: "已届满" },
};
