/**
 * The overdue ladder (坏账预警线, rules.md section 2): days past due, aging bucket, warning level and
 * the next step for it.
 */
import type { Language, Reason } from "./errors.js";
import { calendarDay } from "./dates.js";
import { readNumberList } from "./input.js";
import { checkAgingEdges, DEFAULT_POLICY, type Policy } from "./policy.js";

/** Warning level: 0 = no warning (not due, or 1-29 days), 1-3 = the three levels of the ladder. */
export type WarningLevel = 0 | 1 | 2 | 3;

/**
 * Whole calendar days from the due date to the as-of date; 0 when not yet due.
 * @param dueDate Excel serial of the due date (whole)
 * @param asOf Excel serial of the report date (whole)
 */
export function daysPastDue(dueDate: number, asOf: number): number {
  const days = calendarDay(asOf) - calendarDay(dueDate);
  return days > 0 ? days : 0;
}

/**
 * Index of the aging bucket of a number of days past due: 0 = current (not due), 1 = up to the first
 * edge, ..., edges.length + 1 = beyond the last edge.
 * @param edges upper edges of the buckets, increasing (30, 60, 90 by default)
 */
export function bucketIndex(daysPastDue: number, edges: readonly number[]): number {
  if (daysPastDue <= 0) return 0;
  let i = 0;
  while (i < edges.length && daysPastDue > edges[i]) i++;
  return i + 1;
}

/**
 * The labels of the buckets for some edges: `current`, `1-30`, `31-60`, `61-90`, `90+` for 30,60,90;
 * in Chinese `未到期`, `1-30天`, ..., `90天以上`. Labels are stable texts for reports and pivot tables.
 */
export function bucketLabels(edges: readonly number[], language: Language = "en"): string[] {
  const zh = language === "zh";
  const labels = [zh ? "未到期" : "current"];
  let from = 1;
  for (const edge of edges) {
    labels.push(zh ? `${from}-${edge}天` : `${from}-${edge}`);
    from = edge + 1;
  }
  const last = edges[edges.length - 1];
  labels.push(zh ? `${last}天以上` : `${last}+`);
  return labels;
}

/** The aging bucket label of a number of days past due. */
export function agingBucket(daysPastDue: number, edges: readonly number[] = DEFAULT_POLICY.agingEdges, language: Language = "en"): string {
  return bucketLabels(edges, language)[bucketIndex(daysPastDue, edges)];
}

/**
 * The warning level of a number of days past due: 0 below the first threshold, then 1, 2, 3
 * (30, 60, 90 days by default).
 */
export function warningLevel(daysPastDue: number, warningDays: Policy["warningDays"] = DEFAULT_POLICY.warningDays): WarningLevel {
  if (daysPastDue >= warningDays[2]) return 3;
  if (daysPastDue >= warningDays[1]) return 2;
  if (daysPastDue >= warningDays[0]) return 1;
  return 0;
}

/** The next step on the ladder, one stable text per state. Index 0 = not due, 1 = level 0 (overdue), 2.. = levels 1-3. */
export const LADDER_ACTIONS: Readonly<Record<Language, readonly string[]>> = Object.freeze({
  en: Object.freeze([
    "current: no action",
    "routine reminder",
    "salesperson: daily follow-up and dunning letter",
    "finance manager: call the customer's owner",
    "legal: lawyer's letter, prepare the lawsuit",
  ]),
  zh: Object.freeze(["未到期：无需行动", "常规提醒", "业务员每日跟进并发催款函", "财务经理介入，致电客户老板", "法务发律师函，准备起诉"]),
});

/** The next step for a number of days past due (rules.md section 2), in English or Chinese. */
export function nextAction(
  daysPastDue: number,
  warningDays: Policy["warningDays"] = DEFAULT_POLICY.warningDays,
  language: Language = "en",
): string {
  return LADDER_ACTIONS[language][daysPastDue <= 0 ? 0 : 1 + warningLevel(daysPastDue, warningDays)];
}

/** Everything the ladder says about one receivable. */
export interface AgingResult {
  readonly daysPastDue: number;
  readonly bucket: string;
  readonly level: WarningLevel;
  readonly action: string;
  readonly reasons: readonly Reason[];
}

/**
 * Ages one receivable: days past due, bucket, warning level, next step, and the reason for the level.
 * @param dueDate Excel serial of the due date
 * @param asOf Excel serial of the report date
 */
export function ageReceivable(dueDate: number, asOf: number, policy: Policy = DEFAULT_POLICY, language: Language = "en"): AgingResult {
  const days = daysPastDue(dueDate, asOf);
  const level = warningLevel(days, policy.warningDays);
  const reason: Reason =
    days === 0
      ? { code: "not-due", en: "not yet due", zh: "尚未到期" }
      : level === 0
        ? {
            code: "level-0",
            en: `${days} days past due, below level 1 (${policy.warningDays[0]} days)`,
            zh: `逾期${days}天，未到一级预警（${policy.warningDays[0]}天）`,
          }
        : {
            code: `level-${level}`,
            en: `${days} days past due: level ${level} from ${policy.warningDays[level - 1]} days`,
            zh: `逾期${days}天：达到${["一", "二", "三"][level - 1]}级预警（${policy.warningDays[level - 1]}天起）`,
          };
  return {
    daysPastDue: days,
    bucket: agingBucket(days, policy.agingEdges, language),
    level,
    action: nextAction(days, policy.warningDays, language),
    reasons: [reason],
  };
}

/** Reads aging bucket edges from text `30,60,90,120` (also `30，60，90`) or a range of numbers, checked. */
export function readAgingEdges(value: unknown, argument = "edges"): readonly number[] {
  return checkAgingEdges(readNumberList(value, argument), argument);
}
