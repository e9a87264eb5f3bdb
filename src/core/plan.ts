/**
 * Instalment plans (分期还款, rules.md section 4): a balance split into equal monthly instalments, a small
 * concession taken off the end, due dates as Excel's EDATE gives them, and the check that an instalment
 * fits inside the debtor's free cash flow.
 *
 * Amounts are worked in integer cents, so that the instalments of a plan add up exactly to the cent to
 * the balance less the concession. The article's case: 1,200,000 over 12 months with 50,000 off the last
 * instalment is eleven instalments of 100,000 and one of 50,000, total 1,150,000; 100,000 a month fits
 * the debtor's 150,000 of free cash flow.
 */
import Decimal from "decimal.js";
import { RuleError, show, type Reason } from "./errors.js";
import { addMonths, isoFromSerial, readDate } from "./dates.js";
import { formatAmount, formatRate } from "./format.js";
import { amountToCents } from "./money.js";
import { DEFAULT_POLICY, type Policy } from "./policy.js";

const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** One instalment of a plan. */
export interface Instalment {
  /** 1 for the first instalment, up to the count of the plan. */
  readonly number: number;
  /** Excel serial of the due date, or null when the plan has no first due date. */
  readonly dueDate: number | null;
  /** The amount, in whole cents. */
  readonly amount: number;
}

/** An instalment plan: its rows, what they add up to, the concession granted, and why. */
export interface InstalmentPlan {
  readonly instalments: readonly Instalment[];
  /** The sum of the instalments: balance - concession, exactly to the cent. */
  readonly total: number;
  /** The concession granted (rounded to the cent). */
  readonly concession: number;
  readonly reasons: readonly Reason[];
}

/** Options of a plan. */
export interface PlanOptions {
  /** Amount taken off the end of the plan, >= 0, below the balance and within the policy's limit. Default 0. */
  readonly concession?: number;
  /** Excel serial of the first instalment's due date; null or left out: no due dates. */
  readonly firstDue?: number | null;
  /** Months between two instalments, a whole number >= 1. Default 1 (monthly). */
  readonly intervalMonths?: number;
}

/** The most months between instalments: the span of Excel's calendar, 1900-01 to 9999-12. */
const MAX_INTERVAL_MONTHS = 97_199;

/** The balance in cents: an amount of at least one cent. */
function balanceCents(balance: number): number {
  const cents = amountToCents(balance, "balance");
  if (cents < 1) {
    throw new RuleError("balance", `${show(balance)} must be above 0 (at least 0.01)`, `${show(balance)} 必须大于 0（至少 0.01）`);
  }
  return cents;
}

/** Cents as an amount. */
function amountOf(cents: number): number {
  return cents / 100;
}

/**
 * The largest concession the policy allows on a balance, in whole cents: planMaxConcessionRate x balance,
 * rounded down (a concession one cent above the exact limit is refused).
 */
function concessionLimitCents(balanceInCents: number, policy: Policy): number {
  const fast = floorRateTimes(policy.planMaxConcessionRate, balanceInCents);
  return fast === fast ? fast : new Exact(policy.planMaxConcessionRate).times(balanceInCents).floor().toNumber();
}

/**
 * floor(rate x cents) in integer arithmetic, for a rate of at most 6 decimals (90%, 2.5%) and whole
 * cents whose product stays below 2^53: the exact floor decimal.js gives. NaN otherwise (the caller then
 * asks decimal.js).
 */
function floorRateTimes(rate: number, cents: number): number {
  const micros = Math.round(rate * 1e6);
  if (!(micros >= 0 && micros / 1e6 === rate && Number.isInteger(cents) && cents >= 0)) return Number.NaN;
  const product = micros * cents;
  if (product > Number.MAX_SAFE_INTEGER) return Number.NaN;
  let quotient = Math.floor(product / 1e6);
  const remainder = product - quotient * 1e6;
  if (remainder < 0)
    quotient--; // the division rounded up onto the next whole number
  else if (remainder >= 1e6) quotient++;
  return quotient;
}

/**
 * An instalment plan (rules.md section 4). Equal instalments of floor(balance / count) to the cent, the
 * rounding remainder added to the last one; then the concession is taken from the last instalment, and
 * when it is larger than the last, the rest from the one before, and so on (an instalment never goes
 * below 0). The instalments add up exactly to balance - concession.
 *
 * With a first due date, instalment k is due `intervalMonths x (k - 1)` months after it, each counted
 * from the first due date as Excel's EDATE does (2025-01-31, 2025-02-28, 2025-03-31, ...).
 * @example instalmentPlan(1200000, 12, { concession: 50000 }): 11 x 100,000 and 1 x 50,000, total 1,150,000
 * @param balance the amount owed, > 0 (rounded to the cent)
 * @param count the number of instalments, a whole number from 1 to policy.planMaxInstalments
 * @param options concession, first due date, months between instalments
 * @param policy planMaxInstalments and planMaxConcessionRate
 * @throws RuleError naming `balance`, `instalments`, `concession`, `first_due` or `interval_months`
 */
export function instalmentPlan(balance: number, count: number, options: PlanOptions = {}, policy: Policy = DEFAULT_POLICY): InstalmentPlan {
  const owed = balanceCents(balance);
  checkCount(count, policy);
  if (owed < count) {
    // Each instalment would be floor(owed / count) = 0 cents: a plan of empty instalments.
    const amount = formatAmount(amountOf(owed));
    throw new RuleError(
      "instalments",
      `${amount} cannot be split into ${count} instalments of at least 0.01: at most ${owed}`,
      `${amount} 无法分成 ${count} 期且每期至少 0.01：最多 ${owed} 期`,
    );
  }
  const concession = checkConcession(options.concession ?? 0, owed, policy);
  const interval = options.intervalMonths ?? 1;
  // At most the months Excel's calendar spans (1900-01 to 9999-12): beyond, no second instalment has a date.
  if (typeof interval !== "number" || !Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL_MONTHS) {
    throw new RuleError(
      "interval_months",
      `${show(interval)} is not a whole number of months from 1 to 97,199`,
      `${show(interval)} 不是 1 到 97,199 之间的整数月数`,
    );
  }
  const firstDue = options.firstDue === null || options.firstDue === undefined ? null : readDate(options.firstDue, "first_due");
  const dueDates = firstDue === null ? null : planDueDates(firstDue, count, interval);

  const each = Math.floor(owed / count);
  const cents: number[] = new Array<number>(count).fill(each);
  cents[count - 1] += owed - each * count;
  const lastBeforeConcession = cents[count - 1];
  let left = concession;
  let reduced = 0; // instalments the concession touched
  for (let i = count - 1; i >= 0 && left > 0; i--) {
    const take = Math.min(left, cents[i]);
    cents[i] -= take;
    left -= take;
    reduced++;
  }

  const instalments: Instalment[] = cents.map((c, i) => ({
    number: i + 1,
    dueDate: dueDates === null ? null : dueDates[i],
    amount: amountOf(c),
  }));
  const total = owed - concession;
  const reasons: Reason[] = [planReason(count, each, lastBeforeConcession, concession, reduced, total)];
  if (concession > 0) {
    const limit = concessionLimitCents(owed, policy);
    const share = formatShare(concession / owed);
    reasons.push({
      code: "concession",
      en: `concession ${formatAmount(amountOf(concession))} is ${share} of the balance ${formatAmount(amountOf(owed))}, within the policy limit of ${formatRate(policy.planMaxConcessionRate)} (${formatAmount(amountOf(limit))})`,
      zh: `减免 ${formatAmount(amountOf(concession))}，占欠款 ${formatAmount(amountOf(owed))} 的 ${share}，未超过政策上限 ${formatRate(policy.planMaxConcessionRate)}（${formatAmount(amountOf(limit))}）`,
    });
  }
  if (dueDates !== null) {
    const first = isoFromSerial(dueDates[0]);
    const last = isoFromSerial(dueDates[count - 1]);
    const every = interval === 1 ? "monthly" : `every ${interval} months`;
    const everyZh = interval === 1 ? "每月" : `每 ${interval} 个月`;
    reasons.push(
      count === 1
        ? { code: "due", en: `due ${first}`, zh: `${first} 到期` }
        : { code: "due", en: `due ${every} from ${first} to ${last}`, zh: `${everyZh}到期，自 ${first} 至 ${last}` },
    );
  }
  return { instalments, total: amountOf(total), concession: amountOf(concession), reasons };
}

function checkCount(count: number, policy: Policy): void {
  const max = policy.planMaxInstalments;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > max) {
    throw new RuleError(
      "instalments",
      `${show(count)} is not a whole number of instalments from 1 to ${max} (the policy limit)`,
      `${show(count)} 不是 1 到 ${max}（政策上限）之间的整数期数`,
    );
  }
}

/** The concession in cents, checked: >= 0, below the balance, within the policy's share of the balance. */
function checkConcession(concession: number, owed: number, policy: Policy): number {
  const cents = amountToCents(concession, "concession");
  if (cents >= owed) {
    throw new RuleError(
      "concession",
      `${formatAmount(amountOf(cents))} must be less than the balance ${formatAmount(amountOf(owed))}`,
      `${formatAmount(amountOf(cents))} 必须小于欠款 ${formatAmount(amountOf(owed))}`,
    );
  }
  const limit = concessionLimitCents(owed, policy);
  if (cents > limit) {
    const rate = formatRate(policy.planMaxConcessionRate);
    throw new RuleError(
      "concession",
      `${formatAmount(amountOf(cents))} is above the policy limit of ${rate} of the balance (${formatAmount(amountOf(limit))})`,
      `${formatAmount(amountOf(cents))} 超过政策上限：欠款的 ${rate}（${formatAmount(amountOf(limit))}）`,
    );
  }
  return cents;
}

/** Due dates of a plan, each counted from the first (EDATE), refusing a plan that runs past 9999-12-31. */
function planDueDates(firstDue: number, count: number, interval: number): number[] {
  const dates: number[] = [];
  for (let k = 0; k < count; k++) {
    try {
      dates.push(addMonths(firstDue, k * interval));
    } catch {
      throw new RuleError(
        "first_due",
        `${isoFromSerial(firstDue)}: the plan would run past 9999-12-31`,
        `${isoFromSerial(firstDue)}：还款计划将超过 9999-12-31`,
      );
    }
  }
  return dates;
}

/** The one-line summary of a plan, e.g. "12 instalments of 100,000, the last reduced by 50,000 (concession): total 1,150,000". */
function planReason(count: number, each: number, lastBeforeConcession: number, concession: number, reduced: number, total: number): Reason {
  const remainder = lastBeforeConcession - each;
  const en: string[] = [];
  const zh: string[] = [];
  if (count === 1) {
    en.push(`1 instalment of ${formatAmount(amountOf(each))}`);
    zh.push(`一次付清 ${formatAmount(amountOf(each))}`);
    if (concession > 0) {
      en.push(`reduced by ${formatAmount(amountOf(concession))} (concession)`);
      zh.push(`减免 ${formatAmount(amountOf(concession))}`);
    }
  } else {
    en.push(`${count} instalments of ${formatAmount(amountOf(each))}`);
    zh.push(`分 ${count} 期，每期 ${formatAmount(amountOf(each))}`);
    if (remainder > 0) {
      en.push(`the last ${formatAmount(amountOf(lastBeforeConcession))} with the rounding remainder`);
      zh.push(`尾差计入最后一期（${formatAmount(amountOf(lastBeforeConcession))}）`);
    }
    if (concession > 0 && reduced <= 1) {
      en.push(`${remainder > 0 ? "then" : "the last"} reduced by ${formatAmount(amountOf(concession))} (concession)`);
      zh.push(`最后一期${remainder > 0 ? "再" : ""}减免 ${formatAmount(amountOf(concession))}`);
    } else if (concession > 0) {
      en.push(`the concession of ${formatAmount(amountOf(concession))} taken from the last ${reduced} instalments`);
      zh.push(`减免 ${formatAmount(amountOf(concession))} 从最后 ${reduced} 期中扣减`);
    }
  }
  return {
    code: "plan",
    en: `${en.join(", ")}: total ${formatAmount(amountOf(total))}`,
    zh: `${zh.join("，")}：合计 ${formatAmount(amountOf(total))}`,
  };
}

/** A share as a percentage with at most two decimals: 2/3 -> "66.67%". */
function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

/** Reads the free cash flow: any finite amount (0 or below means none). */
function checkFreeCashFlow(freeCashFlow: number): void {
  if (typeof freeCashFlow !== "number" || !Number.isFinite(freeCashFlow)) {
    throw new RuleError("free_cash_flow", `${show(freeCashFlow)} is not an amount`, `${show(freeCashFlow)} 不是金额`);
  }
}

/** Whether an instalment fits a debtor's free cash flow, the share it takes, and why. */
export interface CashFlowFit {
  readonly fits: boolean;
  /** instalment / free cash flow; Infinity when there is no free cash flow (0 or below). */
  readonly share: number;
  readonly reasons: readonly Reason[];
}

/**
 * Whether an instalment fits inside the debtor's monthly free cash flow: at most planMaxCashFlowShare of
 * it (80% by default), compared exactly on the decimal values. With no free cash flow (0 or below)
 * nothing fits, and the share is Infinity.
 * @example cashFlowFit(100000, 150000).fits === true (the article: 100,000 of 150,000 is 66.67%)
 * @param instalment the instalment, an amount >= 0
 * @param freeCashFlow what the debtor keeps each month after its costs
 * @throws RuleError naming `instalment` or `free_cash_flow`
 */
export function cashFlowFit(instalment: number, freeCashFlow: number, policy: Policy = DEFAULT_POLICY): CashFlowFit {
  if (typeof instalment !== "number" || !Number.isFinite(instalment) || instalment < 0) {
    throw new RuleError("instalment", `${show(instalment)} must be an amount >= 0`, `${show(instalment)} 必须是大于等于 0 的金额`);
  }
  checkFreeCashFlow(freeCashFlow);
  const rate = formatRate(policy.planMaxCashFlowShare);
  if (freeCashFlow <= 0) {
    return {
      fits: false,
      share: Number.POSITIVE_INFINITY,
      reasons: [
        {
          code: "no-cash-flow",
          en: `no free cash flow (${formatAmount(freeCashFlow)}): no instalment fits`,
          zh: `无可支配现金流（${formatAmount(freeCashFlow)}）：任何分期金额都无法承受`,
        },
      ],
    };
  }
  const limit = new Exact(policy.planMaxCashFlowShare).times(freeCashFlow);
  const fits = new Exact(instalment).lte(limit);
  const share = instalment / freeCashFlow;
  let reasons: Reason[] | undefined;
  return {
    fits,
    share,
    // Built on first read: AR.PLAN asks every instalment whether it fits, not why.
    get reasons(): readonly Reason[] {
      if (reasons) return reasons;
      const head = `instalment ${formatAmount(instalment)} is ${formatShare(share)} of the free cash flow ${formatAmount(freeCashFlow)}`;
      const headZh = `每期 ${formatAmount(instalment)} 占可支配现金流 ${formatAmount(freeCashFlow)} 的 ${formatShare(share)}`;
      const limitText = formatAmount(limit.toNumber());
      return (reasons = [
        fits
          ? { code: "fits", en: `${head}, within the ${rate} limit (${limitText})`, zh: `${headZh}，未超过 ${rate} 上限（${limitText}）` }
          : {
              code: "too-large",
              en: `${head}, above the ${rate} limit (${limitText})`,
              zh: `${headZh}，超过 ${rate} 上限（${limitText}）`,
            },
      ]);
    },
  };
}

/**
 * The largest instalment that fits, in whole cents (0 when there is no free cash flow): `share` (by default
 * planMaxCashFlowShare) x the free cash flow, rounded down to the cent.
 */
function largestFittingCents(freeCashFlow: number, policy: Policy, share = policy.planMaxCashFlowShare): number {
  checkFreeCashFlow(freeCashFlow);
  if (freeCashFlow <= 0) return 0;
  // A free cash flow in whole cents (below 1e13, where a double tells cents apart, so that the cents are
  // the decimal value decimal.js reads) takes the integer path.
  const cents = Math.round(freeCashFlow * 100);
  if (freeCashFlow < 1e13 && cents / 100 === freeCashFlow) {
    const fast = floorRateTimes(share, cents);
    if (fast === fast) return fast;
  }
  return new Exact(share).times(freeCashFlow).times(100).floor().toNumber();
}

/**
 * The largest instalment that fits a free cash flow: planMaxCashFlowShare x free cash flow, rounded down
 * to the cent; 0 when there is no free cash flow (0 or below).
 * @example largestInstalmentThatFits(150000) === 120000
 * @throws RuleError naming `free_cash_flow` when it is not a finite amount
 */
export function largestInstalmentThatFits(freeCashFlow: number, policy: Policy = DEFAULT_POLICY): number {
  return amountOf(largestFittingCents(freeCashFlow, policy));
}

/**
 * The smallest number of instalments whose largest instalment (the last one, which carries the rounding
 * remainder; no concession) fits the free cash flow.
 * @example instalmentsNeeded(1200000, 150000) === 10 (10 x 120,000; the article's debtor paid off in month 10)
 * @throws RuleError naming `balance`, or `free_cash_flow` when there is none or when more than
 *   policy.planMaxInstalments instalments would be needed
 */
export function instalmentsNeeded(balance: number, freeCashFlow: number, policy: Policy = DEFAULT_POLICY): number {
  return fewestInstalments(balance, freeCashFlow, policy, policy.planMaxCashFlowShare);
}

/** The fewest instalments of `balance` whose largest is at most `share` x the free cash flow (see instalmentsNeeded). */
function fewestInstalments(balance: number, freeCashFlow: number, policy: Policy, share: number): number {
  const owed = balanceCents(balance);
  const fitting = largestFittingCents(freeCashFlow, policy, share);
  if (freeCashFlow <= 0) {
    throw new RuleError(
      "free_cash_flow",
      `${formatAmount(freeCashFlow)} leaves nothing for instalments; it must be above 0`,
      `${formatAmount(freeCashFlow)} 无法支付任何分期；必须大于 0`,
    );
  }
  const max = policy.planMaxInstalments;
  // The largest instalment of n is not monotone in n (rounding), so try every count from 1 up.
  for (let n = 1; n <= max; n++) {
    const largest = owed - (n - 1) * Math.floor(owed / n);
    if (largest <= fitting) return n;
  }
  throw new RuleError(
    "free_cash_flow",
    `${formatAmount(freeCashFlow)} fits instalments of at most ${formatAmount(amountOf(fitting))}: ${formatAmount(amountOf(owed))} would need more than ${max} instalments (the policy limit)`,
    `${formatAmount(freeCashFlow)} 只能承受每期最多 ${formatAmount(amountOf(fitting))}：偿还 ${formatAmount(amountOf(owed))} 需要超过 ${max} 期（政策上限）`,
  );
}

/** The instalment plan the triage proposes to a temporarily distressed debtor, and how it was sized. */
export interface InstalmentProposalPlan extends InstalmentPlan {
  /** The number of instalments. */
  readonly count: number;
  /** The largest instalment the sizing allowed: planProposalCashFlowShare x the free cash flow, to the cent. */
  readonly ceiling: number;
}

/**
 * The instalment plan proposed to a temporarily distressed debtor (rules.md section 4, the sizing rule):
 *
 * 1. the ceiling of an instalment is planProposalCashFlowShare (70%, at most planMaxCashFlowShare) of the
 *    debtor's monthly free cash flow, rounded down to the cent: the debtor keeps the rest to stay alive;
 * 2. the plan has the fewest equal monthly instalments (instalmentPlan's split: equal to the cent, the
 *    remainder on the last) whose largest is within the ceiling, at most planMaxInstalments;
 * 3. the last instalment is reduced by planLastInstalmentConcession (50%) of one instalment, rounded down
 *    to the cent and never above planMaxConcessionRate (5%) of the balance (the small concession on the
 *    last instalment of the article's play).
 *
 * The article's debtor: 1,200,000 owed, 150,000 free cash flow a month: ceiling 105,000, 12 instalments of
 * 100,000 (11 would be 109,090.91), the last reduced by 50,000: total 1,150,000.
 * @example proposeInstalments(1200000, 150000).total === 1150000
 * @throws RuleError naming `balance`, or `free_cash_flow` when there is none or the plan would need more
 *   than planMaxInstalments instalments
 */
export function proposeInstalments(balance: number, freeCashFlow: number, policy: Policy = DEFAULT_POLICY): InstalmentProposalPlan {
  // never above the share within which an instalment fits (cashFlowFit)
  const share = Math.min(policy.planProposalCashFlowShare, policy.planMaxCashFlowShare);
  const count = fewestInstalments(balance, freeCashFlow, policy, share);
  const owed = balanceCents(balance);
  const each = Math.floor(owed / count);
  const wanted = floorRateTimes(policy.planLastInstalmentConcession, each);
  const concessionCents = Math.min(
    wanted === wanted ? wanted : new Exact(policy.planLastInstalmentConcession).times(each).floor().toNumber(),
    concessionLimitCents(owed, policy),
    // a plan of one instalment keeps at least a cent to pay
    owed - 1,
  );
  const plan = instalmentPlan(balance, count, { concession: amountOf(concessionCents) }, policy);
  return { ...plan, count, ceiling: amountOf(largestFittingCents(freeCashFlow, policy, share)) };
}
