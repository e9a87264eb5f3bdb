/**
 * Bankruptcy (破产, rules.md section 5; PRC Enterprise Bankruptcy Law): what an ordinary claim recovers
 * from the free estate after the classes paid before it, and the last day to file the claim.
 *
 * Order of payment from the free estate (what is left after secured creditors took their collateral):
 * bankruptcy expenses and common-benefit debts (art. 43), then (art. 113) employees' wages, compensation
 * and the insurance owed into their accounts, then other social insurance and taxes, then ordinary claims
 * pro rata. Amounts are worked in whole cents and the pro-rata share in exact decimals, so results carry
 * no binary artefacts.
 */
import { RuleError, show, type Reason } from "./errors.js";
import { addDays, addMonths, calendarDay, isoFromSerial, readDate } from "./dates.js";
import { formatAmount, formatRate } from "./format.js";
import { amountToCents, mulDivCents, notAbove } from "./money.js";
import { isEmpty, readNumber } from "./input.js";

/** The free estate of a bankrupt debtor and the claims on it. Optional classes default to 0. */
export interface BankruptcyEstate {
  /** Assets left for distribution after secured creditors took their collateral, >= 0. */
  readonly freeEstate: number;
  /** All ordinary (unsecured, non-priority) claims admitted, this claim included: > 0 and >= the claim. */
  readonly ordinaryClaimsTotal: number;
  /** Employees' wages, medical and injury compensation, pension and medical insurance owed into their accounts (art. 113 (1)). */
  readonly employeeClaims?: number;
  /** Other social insurance and taxes owed (art. 113 (2)). */
  readonly taxClaims?: number;
  /** Bankruptcy expenses and common-benefit debts, paid first from the estate (art. 43). */
  readonly expenses?: number;
}

/** What an ordinary claim recovers, the waterfall that leads to it, and why. */
export interface RecoveryResult {
  /** What the claim receives, rounded to the cent: never more than the claim nor the ordinary pool. */
  readonly payout: number;
  /** Share of ordinary claims paid: ordinary pool / ordinary claims total, at most 1. */
  readonly ordinaryRate: number;
  /** What each class receives from the free estate; ordinaryPool is what is left for ordinary claims. */
  readonly waterfall: {
    readonly expenses: number;
    readonly employees: number;
    readonly taxes: number;
    readonly ordinaryPool: number;
  };
  readonly reasons: readonly Reason[];
}

/** Cents as an amount, for display. */
function money(cents: number): string {
  return formatAmount(cents / 100);
}

/**
 * What an ordinary claim recovers in a bankruptcy. From the free estate are paid, each in full or as far
 * as the estate goes: expenses (art. 43), employee claims, then social insurance and taxes (art. 113);
 * the rest is the ordinary pool, shared pro rata: payout = min(claim, pool x claim / ordinary claims
 * total), the exact quotient rounded as Excel's ROUND rounds it (15 significant digits, then half away
 * from zero to the cent: docs/rules.md, "Rounding"). All amounts are first
 * rounded to the cent. The payout never exceeds the claim or the pool and never falls when the estate
 * grows.
 * @example bankruptcyRecovery(500000, { freeEstate: 2800000, ordinaryClaimsTotal: 10000000 }).payout === 140000 (28%)
 * @param claim this creditor's ordinary claim, >= 0
 * @throws RuleError naming `claim`, `free_estate`, `ordinary_claims_total`, `employee_claims`, `tax_claims` or `expenses`
 */
export function bankruptcyRecovery(claim: number, estate: BankruptcyEstate): RecoveryResult {
  const claimCents = amountToCents(claim, "claim");
  const estateCents = amountToCents(estate.freeEstate, "free_estate");
  const totalCents = amountToCents(estate.ordinaryClaimsTotal, "ordinary_claims_total");
  if (totalCents <= 0) {
    throw new RuleError(
      "ordinary_claims_total",
      `${show(estate.ordinaryClaimsTotal)} must be above 0`,
      `${show(estate.ordinaryClaimsTotal)} 必须大于 0`,
    );
  }
  if (totalCents < claimCents) {
    throw new RuleError(
      "ordinary_claims_total",
      `${money(totalCents)} is below the claim ${money(claimCents)}; the total includes this claim`,
      `${money(totalCents)} 小于本债权 ${money(claimCents)}；普通债权总额应包含本债权`,
    );
  }
  const employeeCents = amountToCents(estate.employeeClaims ?? 0, "employee_claims");
  const taxCents = amountToCents(estate.taxClaims ?? 0, "tax_claims");
  const expenseCents = amountToCents(estate.expenses ?? 0, "expenses");

  // The numbers first; the bilingual reasons only when someone reads them (a column of a million
  // claims through AR.RECOVERY wants the payout, not a million explanations).
  let left = estateCents;
  const pay = (owed: number): number => {
    const paid = Math.min(owed, left);
    left -= paid;
    return paid;
  };
  const expensesPaid = pay(expenseCents);
  const employeesPaid = pay(employeeCents);
  const taxesPaid = pay(taxCents);
  const pool = left;

  const rate = pool >= totalCents ? 1 : pool / totalCents;
  const share = mulDivCents(pool, claimCents, totalCents);
  // Never more than the claim as entered: 1.005 is 101 cents rounded, but pays at most 1.00.
  const claimLimit = Math.round(notAbove(claimCents / 100, claim) * 100);
  const payoutCents = Math.min(claimLimit, share, pool);
  let reasons: Reason[] | undefined;
  return {
    payout: payoutCents / 100,
    ordinaryRate: rate,
    waterfall: { expenses: expensesPaid / 100, employees: employeesPaid / 100, taxes: taxesPaid / 100, ordinaryPool: pool / 100 },
    get reasons(): readonly Reason[] {
      if (reasons) return reasons;
      const list: Reason[] = [
        { code: "estate", en: `free estate ${money(estateCents)}`, zh: `破产财产（扣除担保财产后）${money(estateCents)}` },
      ];
      const step = (owed: number, paid: number, code: string, en: string, zh: string) => {
        if (owed <= 0) return;
        const short = paid < owed;
        list.push({
          code,
          en: `${en}: ${money(paid)} of ${money(owed)} paid${short ? ", the estate is exhausted" : " in full"}`,
          zh: `${zh}：${short ? `受偿 ${money(paid)}（共 ${money(owed)}），财产已不足` : `全额受偿 ${money(paid)}`}`,
        });
      };
      step(
        expenseCents,
        expensesPaid,
        "expenses",
        "bankruptcy expenses and common-benefit debts first (art. 43)",
        "破产费用和共益债务优先清偿（第43条）",
      );
      step(
        employeeCents,
        employeesPaid,
        "employees",
        "then employee wages, compensation and insurance (art. 113 (1))",
        "其次职工工资、补偿金及社会保险费用（第113条第一项）",
      );
      step(
        taxCents,
        taxesPaid,
        "taxes",
        "then other social insurance and taxes (art. 113 (2))",
        "再次其他社会保险费用和税款（第113条第二项）",
      );
      const rateText = formatRate(rate);
      list.push(
        {
          code: "ordinary-pool",
          en: `left for ordinary claims: ${money(pool)} for ${money(totalCents)} claimed`,
          zh: `可供普通债权分配：${money(pool)}，普通债权总额 ${money(totalCents)}`,
        },
        { code: "ordinary-rate", en: `ordinary claims receive ${rateText} pro rata`, zh: `普通债权按比例受偿 ${rateText}` },
        {
          code: "payout",
          en: `this claim of ${money(claimCents)} receives ${money(payoutCents)}`,
          zh: `本债权 ${money(claimCents)} 可受偿 ${money(payoutCents)}`,
        },
      );
      return (reasons = list);
    },
  };
}

/** The claim filing period set by the court: a number of days or of months (one of them). */
export interface FilingPeriod {
  readonly days?: number;
  readonly months?: number;
}

/** Shortest filing period the court may set, in days (art. 45). */
export const MIN_FILING_DAYS = 30;
/** Longest filing period the court may set, in months (art. 45). */
export const MAX_FILING_MONTHS = 3;

/**
 * The last day to file a claim (art. 45): the period runs from the court's announcement of accepting the
 * bankruptcy case, at least 30 days and at most 3 months. It starts the day after the announcement
 * (Civil Code art. 201), so a period of `days` ends on announcement + days, and one of `months` on the
 * same day `months` later, or the month's last day (art. 202, Excel's EDATE). Without a period: 30 days,
 * the earliest deadline the court may set (the safe assumption).
 *
 * Not applied: the extension of a last day that falls on a public holiday (art. 203), since the core
 * knows no holiday calendar; the date returned is never later than the legal one.
 * A period of 1 month can be shorter than 30 days (from 31 January); it is accepted as the court set it,
 * with a reason saying so.
 * @param announcement Excel serial of the announcement
 * @param period the period the court set: `{ days }` (30 up to 3 months) or `{ months }` (1 to 3)
 * @throws RuleError naming `announcement` or `period`
 */
export function claimFilingDeadline(
  announcement: number,
  period: FilingPeriod = {},
): { readonly lastDay: number; readonly reasons: readonly Reason[] } {
  const start = readDate(announcement, "announcement");
  const { days, months } = period ?? {};
  if (days !== undefined && months !== undefined) {
    throw new RuleError("period", "give days or months, not both", "请只填写天数或月数之一");
  }
  const latest = shiftMonths(start, MAX_FILING_MONTHS);
  const startText = isoFromSerial(start);
  const reasons: Reason[] = [];
  let lastDay: number;
  if (months !== undefined) {
    if (typeof months !== "number" || !Number.isInteger(months) || months < 1 || months > MAX_FILING_MONTHS) {
      throw new RuleError(
        "period",
        `${show(months)} months: the court sets 1 to 3 months (art. 45)`,
        `${show(months)} 个月：法院确定的期限为 1 至 3 个月（第45条）`,
      );
    }
    lastDay = shiftMonths(start, months);
    reasons.push({
      code: "period",
      en: `claim filing period of ${months} month${months === 1 ? "" : "s"} from the announcement of ${startText}: file by ${isoFromSerial(lastDay)} (art. 45)`,
      zh: `债权申报期限自 ${startText} 受理公告起 ${months} 个月：最迟于 ${isoFromSerial(lastDay)} 申报（第45条）`,
    });
    const length = calendarDay(lastDay) - calendarDay(start);
    if (length < MIN_FILING_DAYS) {
      reasons.push({
        code: "short-period",
        en: `${months} month from ${startText} is only ${length} days, less than the 30 days of art. 45: file by ${isoFromSerial(lastDay)} all the same`,
        zh: `自 ${startText} 起 ${months} 个月仅 ${length} 天，少于第45条规定的 30 天：仍应于 ${isoFromSerial(lastDay)} 前申报`,
      });
    }
  } else {
    const n = days ?? MIN_FILING_DAYS;
    if (typeof n !== "number" || !Number.isInteger(n) || n < MIN_FILING_DAYS) {
      throw new RuleError(
        "period",
        `${show(n)} days: the period is a whole number of at least 30 days (art. 45)`,
        `${show(n)} 天：申报期限至少为 30 天的整数天数（第45条）`,
      );
    }
    lastDay = addDays(start, n);
    if (lastDay > latest) {
      throw new RuleError(
        "period",
        `${n} days from ${startText} ends ${isoFromSerial(lastDay)}, after the 3-month limit ${isoFromSerial(latest)} (art. 45)`,
        `自 ${startText} 起 ${n} 天届满于 ${isoFromSerial(lastDay)}，超过 3 个月上限 ${isoFromSerial(latest)}（第45条）`,
      );
    }
    reasons.push(
      days === undefined
        ? {
            code: "period",
            en: `claim filing period not given: 30 days from the announcement of ${startText}, the shortest the court may set: file by ${isoFromSerial(lastDay)} (art. 45)`,
            zh: `未给出申报期限：按法院可定的最短期限，自 ${startText} 受理公告起 30 天，最迟于 ${isoFromSerial(lastDay)} 申报（第45条）`,
          }
        : {
            code: "period",
            en: `claim filing period of ${n} days from the announcement of ${startText}: file by ${isoFromSerial(lastDay)} (art. 45)`,
            zh: `债权申报期限自 ${startText} 受理公告起 ${n} 天：最迟于 ${isoFromSerial(lastDay)} 申报（第45条）`,
          },
    );
  }
  reasons.push({
    code: "late-filing",
    en: "a claim filed late may still be filed before the final distribution, but gets nothing from distributions already made (art. 56)",
    zh: "逾期未申报的，可在最后分配前补充申报，但此前已进行的分配不再补充分配（第56条）",
  });
  return { lastDay, reasons };
}

/** addMonths, refusing a date past 9999-12-31 as a RuleError on `announcement`. */
function shiftMonths(serial: number, months: number): number {
  try {
    return addMonths(serial, months);
  } catch {
    throw new RuleError(
      "announcement",
      `${isoFromSerial(serial)}: the period would end after 9999-12-31`,
      `${isoFromSerial(serial)}：期限将超过 9999-12-31`,
    );
  }
}

const DAY_UNITS = /^(?:d|day|days|天|日)$/i;
const MONTH_UNITS = /^(?:m|mo|mon|month|months|个月|個月)$/i;
const CHINESE_NUMERALS: ReadonlyMap<string, number> = new Map([
  ["一", 1],
  ["二", 2],
  ["两", 2],
  ["兩", 2],
  ["三", 3],
]);

/**
 * Reads a claim filing period as a user types it: a number of days (45), or text: `45d`, `45 days`,
 * `45天`, `45日`; `2m`, `2 months`, `2个月`, `两个月`, `三个月`. Empty: `{}` (the default, 30 days).
 * Only the form is read here; claimFilingDeadline checks the range against the announcement.
 * @throws RuleError naming `argument` (default `period`)
 */
export function readFilingPeriod(value: unknown, argument = "period"): { days?: number; months?: number } {
  if (isEmpty(value)) return {};
  if (typeof value === "number") return { days: readNumber(value, argument) };
  if (typeof value === "string") {
    // Full-width letters and digits (２ｍ) as their ASCII forms, as Chinese input methods may type them.
    const text = value.trim().replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    const m = /^([+-]?[\d.]+|[一二两兩三])\s*(.*)$/.exec(text);
    if (m) {
      const [, amount, unit] = m;
      const n = CHINESE_NUMERALS.get(amount) ?? tryNumber(amount, argument);
      if (n !== undefined) {
        if (unit === "" || DAY_UNITS.test(unit)) return { days: n };
        if (MONTH_UNITS.test(unit)) return { months: n };
      }
    }
  }
  throw new RuleError(
    argument,
    `${show(value)} is not a filing period (use days like 45 or 45d, or months like 2m or 2个月)`,
    `${show(value)} 不是申报期限（请用 45、45天 这样的天数，或 2m、2个月 这样的月数）`,
  );
}

/** A number read from text, or undefined when the text is not one. */
function tryNumber(text: string, argument: string): number | undefined {
  try {
    return readNumber(text, argument);
  } catch {
    return undefined;
  }
}
