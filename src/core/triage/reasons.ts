/**
 * The triage's own reasons: the problems of a row that no cell reader gives (a duplicate, a blank row, an
 * implausible due date), the reasons that explain a missing verdict, and the one order in which a record's
 * reasons are given (reasonParts), which the record's `reasons` and the line of reasonsText both follow.
 */
import { isoFromSerial } from "../dates.js";
import type { Reason } from "../errors.js";
import { MAX_FILING_MONTHS, MIN_FILING_DAYS } from "../recovery.js";
import { FIELD_LABELS, type TriageField } from "./headers.js";
import { SharedText } from "./shared.js";

// ---- problems of a row ----------------------------------------------------------------------------------

export const BLANK_ROW: Reason = Object.freeze({ code: "blank-row", en: "blank row between data rows", zh: "数据行之间的空行" });

/** The problem of the second and later rows of a customer. */
export function duplicateProblem(firstRow: number): Reason {
  return { code: "duplicate", en: `customer: duplicate of row ${firstRow}`, zh: `客户：与第 ${firstRow} 行重复` };
}

/** Days past due beyond which a due date is taken for a number that is not a date (100 years). */
export const IMPLAUSIBLE_DAYS_PAST_DUE = 36_525;

/** The problem of a due date more than 100 years before the as-of date. */
export function implausibleDueDate(serial: number): Reason {
  const iso = isoFromSerial(serial);
  return {
    code: "implausible:dueDate",
    en: `due date: ${iso} is more than 100 years ago: is the cell a number rather than a date (a serial such as 500, or a shifted amount)?`,
    zh: `到期日：${iso} 早于 100 年前：该单元格是否为数字而非日期（如序号 500，或错位的金额）？`,
  };
}

/** The one problem of a row the rules failed on in a way no reader foresaw (a bug, not the user's data). */
export function internalProblem(error: unknown): Reason {
  const message = error instanceof Error ? error.message : String(error);
  return { code: "internal", en: `this row could not be triaged: ${message}`, zh: `此行无法分析：${message}` };
}

// ---- reasons that explain a missing verdict ------------------------------------------------------------

/** The inputs of a grade; a row's missing ones are a mask, bit i for GRADE_INPUTS[i] (see NO_GRADE). */
export const GRADE_INPUTS = ["overdueCount", "largestOverdue", "cashFlow"] as const satisfies readonly TriageField[];
export const NO_OVERDUE_COUNT = 1 << GRADE_INPUTS.indexOf("overdueCount");
export const NO_LARGEST_OVERDUE = 1 << GRADE_INPUTS.indexOf("largestOverdue");
export const NO_CASH_FLOW = 1 << GRADE_INPUTS.indexOf("cashFlow");
/** The mask of a table without any grade column. */
export const NO_GRADE_INPUT = NO_OVERDUE_COUNT | NO_LARGEST_OVERDUE | NO_CASH_FLOW;

/** "no grade" reasons (with their text) by the mask of missing grade inputs. */
export const NO_GRADE: readonly SharedText[] = Array.from({ length: NO_GRADE_INPUT + 1 }, (_, mask) => {
  const missing = GRADE_INPUTS.filter((_, i) => mask & (1 << i));
  const en = missing.map((f) => FIELD_LABELS[f].en).join(", ");
  const zh = missing.map((f) => FIELD_LABELS[f].zh).join("、");
  return shared({
    code: "no-grade",
    en: `no grade: ${en} not known (a grade needs the overdue events in 12 months, the largest overdue amount and the cash flow)`,
    zh: `无法评级：缺少${zh}（评级需要近12个月逾期次数、最大逾期金额和现金流）`,
  });
});

export const NO_PROFILE = shared({
  code: "no-profile",
  en: "no profile: a debtor signal could not be read (see problems); the next step follows the ladder",
  zh: "无法画像：有客户信号无法识别（见问题列）；下一步按逾期预警线处理",
});

/** Why a customer with nothing overdue is not profiled (a profile is for choosing how to chase a debt). */
export const NOT_OVERDUE_NO_PROFILE = shared({
  code: "no-profile-not-overdue",
  en: "not overdue: no profile needed",
  zh: "未逾期：无需画像",
});

/** The one reason of a row with a problem: it gets no verdict (level, colour, next step, offers) until the problem is fixed. */
export const NOT_TRIAGED = shared({
  code: "not-triaged",
  en: "not triaged until the problem is fixed",
  zh: "问题修正前不作分析",
});

export const NO_FREE_CASH_FLOW_COLUMN = shared({
  code: "no-instalment-plan",
  en: "no instalment proposal: the table has no free cash flow column",
  zh: "无分期方案：表格中没有自由现金流列",
});

export const FREE_CASH_FLOW_BLANK = shared({
  code: "no-instalment-plan",
  en: "no instalment proposal: free cash flow not known",
  zh: "无分期方案：自由现金流未知",
});

export const NOTHING_OWED = shared({ code: "no-instalment-plan", en: "no instalment proposal: nothing owed", zh: "无分期方案：无欠款" });

/** No instalment proposal because the plan rules refuse the free cash flow (their message). */
export function noInstalmentPlan(message: string, messageZh: string): SharedText {
  return new SharedText([{ code: "no-instalment-plan", en: `no instalment proposal: ${message}`, zh: `无分期方案：${messageZh}` }]);
}

/** The claim-filing reminder for a debtor unable to pay when the estate's figures are not known. */
export const FILE_CLAIM_REMINDER: Reason = Object.freeze({
  code: "file-claim",
  en: `file the claim within the court's window (${MIN_FILING_DAYS} days to ${MAX_FILING_MONTHS} months from its announcement; AR.CLAIMDEADLINE gives the last day); no estimate without the free estate and the ordinary claims total`,
  zh: `在申报期内（法院受理公告后${MIN_FILING_DAYS}天至${MAX_FILING_MONTHS}个月，AR.CLAIMDEADLINE 可算最后一天）申报债权；缺少破产财产和普通债权总额，无法估算受偿额`,
});

/** One reason, frozen, as a shared text of its own (rows share the text, joined once). */
function shared(reason: Reason): SharedText {
  return new SharedText([Object.freeze(reason)]);
}

// ---- the order of a record's reasons ----------------------------------------------------------------------

/**
 * Where the reasons of a row come from, each part a list of reasons shared with other rows (null: the row
 * has no such part).
 */
export interface ReasonSources {
  /** The grade's reasons, or why there is no grade (NO_GRADE). */
  gradeReasons(index: number): SharedText | null;
  /** The aging reason of the due date. */
  agingReasons(index: number): SharedText | null;
  /** The profile's reasons, or why there is no profile (NO_PROFILE). */
  profileReasons(index: number): SharedText | null;
  /** Why the next step is this one (the rule of precedence that decided it). */
  nextStepReasons(index: number): SharedText | null;
  /** Why no settlement offer (or no future benefit) is made. */
  offerReasons(index: number): SharedText | null;
  /** The balance confirmation's reasons. */
  confirmationReasons(index: number): SharedText | null;
  /** The limitation period's first reason (when it ends, the days left). */
  limitationReasons(index: number): SharedText | null;
  /** Why verdicts are missing (the instalment proposal), in the order found; null: none. */
  notes(index: number): readonly SharedText[] | null;
  /** What the collection log says of the customer (its facts' reasons); null without a log or facts. */
  logReasons(index: number): SharedText | null;
}

/**
 * The parts of a row's reasons in the one order a record gives them, into `parts` (a scratch list the
 * caller reuses, so that writing a million lines allocates none): grade, aging, profile, next step, why no
 * offer, confirmation, limitation, then the notes on missing verdicts.
 * @returns how many parts were written
 */
export function reasonParts(sources: ReasonSources, index: number, parts: SharedText[]): number {
  let n = 0;
  const grade = sources.gradeReasons(index);
  if (grade !== null) parts[n++] = grade;
  const aging = sources.agingReasons(index);
  if (aging !== null) parts[n++] = aging;
  const profile = sources.profileReasons(index);
  if (profile !== null) parts[n++] = profile;
  const next = sources.nextStepReasons(index);
  if (next !== null) parts[n++] = next;
  const offer = sources.offerReasons(index);
  if (offer !== null) parts[n++] = offer;
  const confirmation = sources.confirmationReasons(index);
  if (confirmation !== null) parts[n++] = confirmation;
  const limitation = sources.limitationReasons(index);
  if (limitation !== null) parts[n++] = limitation;
  const notes = sources.notes(index);
  if (notes !== null) for (const note of notes) parts[n++] = note;
  const log = sources.logReasons(index);
  if (log !== null) parts[n++] = log;
  return n;
}
