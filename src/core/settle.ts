/**
 * Settlement offers (和解谈判, rules.md section 4): the anchor price (the full balance) and a ladder of
 * discounts for paying within a deadline; beyond the last deadline the full balance and the legal route.
 */
import { RuleError, show, type Reason } from "./errors.js";
import { readNumber, readRate, flatten, isEmpty } from "./input.js";
import { moneyTimes, notAbove, roundMoney } from "./money.js";
import { checkSettlementTiers, DEFAULT_POLICY, type Policy, type SettlementTier } from "./policy.js";
import { warningLevel } from "./aging.js";
import { formatAmount, formatRate } from "./format.js";
import type { DebtorProfile } from "./profile.js";

/**
 * The rate of the balance to accept when the debtor pays within `daysToPay` days: the first tier whose
 * limit is >= the days, or 1 (the full balance) beyond the last tier.
 */
export function settlementRate(daysToPay: number, tiers: readonly SettlementTier[] = DEFAULT_POLICY.settlementTiers): number {
  for (const tier of tiers) if (daysToPay <= tier.days) return tier.rate;
  return 1;
}

/**
 * The amount to accept for paying within `daysToPay` days, balance x rate rounded as Excel's
 * =ROUND(balance*rate, 2) (see moneyTimes); never more than the balance as entered (0.005 gives 0, not
 * 0.01: see notAbove).
 * @example settlementOffer(1000000, 10) === 900000; settlementOffer(800000, 15) === 760000
 */
export function settlementOffer(
  balance: number,
  daysToPay: number,
  tiers: readonly SettlementTier[] = DEFAULT_POLICY.settlementTiers,
): number {
  return offerAt(balance, settlementRate(daysToPay, tiers));
}

/** balance x rate to the cent, never above the balance as entered. */
function offerAt(balance: number, rate: number): number {
  return notAbove(rate === 1 ? roundMoney(balance) : moneyTimes(balance, rate), balance);
}

/** One rung of the ladder: pay within `days` (null: after the last deadline) and `amount` settles it. */
export interface LadderRung {
  readonly days: number | null;
  /** `10` for a deadline, `>20` after the last one. */
  readonly label: string;
  readonly rate: number;
  readonly amount: number;
}

/**
 * The whole offer ladder for a balance, best offer first, ending with the full balance after the last
 * deadline. `settlementLadder(1000000)`: 10 days 900,000; 20 days 950,000; >20 days 1,000,000.
 */
export function settlementLadder(balance: number, tiers: readonly SettlementTier[] = DEFAULT_POLICY.settlementTiers): LadderRung[] {
  const rungs: LadderRung[] = tiers.map((t) => ({ days: t.days, label: String(t.days), rate: t.rate, amount: offerAt(balance, t.rate) }));
  rungs.push({ days: null, label: `>${tiers[tiers.length - 1].days}`, rate: 1, amount: offerAt(balance, 1) });
  return rungs;
}

/**
 * Reads a settlement ladder: text `10:0.90,20:0.95` (rates also as `90%`; `：` and `，` accepted) or a
 * two-column range of (days, rate) rows; empty rows are skipped. The ladder is checked as a policy is.
 */
export function readSettlementTiers(value: unknown, argument = "tiers"): readonly SettlementTier[] {
  const tiers: SettlementTier[] = [];
  const rows: unknown[][] = Array.isArray(value) ? (value as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[value]];
  const twoColumns = rows.length > 0 && rows.every((r) => r.length === 2);
  if (twoColumns) {
    for (const [days, rate] of rows) {
      if (isEmpty(days) && isEmpty(rate)) continue;
      tiers.push({ days: readNumber(days, argument), rate: readRate(rate, argument) });
    }
  } else {
    for (const cell of flatten(value)) {
      if (isEmpty(cell)) continue;
      if (typeof cell !== "string") {
        throw new RuleError(
          argument,
          `${show(cell)}: give tiers as text like 10:0.90,20:0.95 or a two-column range`,
          `${show(cell)}：请用 10:0.90,20:0.95 这样的文本或两列区域`,
        );
      }
      for (const part of cell.split(/[,;，；、\s]+/)) {
        if (part === "") continue;
        const pair = part.split(/[:：]/);
        if (pair.length !== 2) {
          throw new RuleError(argument, `${show(part)} is not days:rate (e.g. 10:0.90)`, `${show(part)} 不是“天数:比率”格式（如 10:0.90）`);
        }
        tiers.push({ days: readNumber(pair[0], argument), rate: readRate(pair[1], argument) });
      }
    }
  }
  return checkSettlementTiers(tiers, argument);
}

// ---- who is offered the ladder, and the future benefit (issue 11) ------------------------------------------

const LEVEL_NAMES_ZH = ["零", "一", "二", "三"] as const;

/**
 * Why a debt gets no settlement offer, or null when the ladder is offered (rules.md section 4):
 * 1. a debtor profiled as unable to pay gets the claim route, not a discount (it could not pay it);
 * 2. a debt not yet due is not discounted;
 * 3. a debt below warning level policy.settlementFromLevel (1: from 30 days past due) is chased by the
 *    ladder first; a discount there would only teach customers to pay late.
 * @param daysPastDue whole days past due, >= 0
 * @param profile the debtor's profile, null when not profiled
 */
export function settlementWithheld(daysPastDue: number, profile: DebtorProfile | null, policy: Policy = DEFAULT_POLICY): Reason | null {
  const why = settlementWithheldCode(daysPastDue, profile, policy);
  if (why === null) return null;
  if (why === "unable") {
    return {
      code: "no-offer-unable",
      en: "no settlement offer: a debtor unable to pay gets the claim route, not a discount",
      zh: "不提供和解报价：无能力偿还型客户走债权申报路线，不给折扣",
    };
  }
  if (why === "not-due") return { code: "no-offer-not-due", en: "no settlement offer: not yet due", zh: "不提供和解报价：尚未到期" };
  const from = policy.settlementFromLevel;
  const days = policy.warningDays[from - 1];
  return {
    code: "no-offer-below-level",
    en: `no settlement offer: ${daysPastDue} days past due, below level ${from} (${days} days), from which the ladder is offered`,
    zh: `不提供和解报价：逾期${daysPastDue}天，未到${LEVEL_NAMES_ZH[from]}级预警（${days}天），该级起才提供报价`,
  };
}

/**
 * settlementWithheld's decision without its text (no allocation: the triage asks it for every row):
 * `unable`, `not-due`, `below-level`, or null when the ladder is offered.
 */
export function settlementWithheldCode(
  daysPastDue: number,
  profile: DebtorProfile | null,
  policy: Policy = DEFAULT_POLICY,
): "unable" | "not-due" | "below-level" | null {
  if (profile === "unable") return "unable";
  if (daysPastDue <= 0) return "not-due";
  const from = policy.settlementFromLevel;
  return from > 0 && warningLevel(daysPastDue, policy.warningDays) < from ? "below-level" : null;
}

/** The future-benefit offer (用未来利益换现在还款): pay the full balance in time, and the next order gets more credit and a discount. */
export interface FutureBenefit {
  /** What to pay: the full balance, to the cent (no discount now: the benefit is on the next order). */
  readonly amount: number;
  /** Pay within this many days (policy.futureBenefitDays). */
  readonly payWithinDays: number;
  /** Days of credit added to the next order's term (0 for a cash-on-delivery customer: see futureBenefit). */
  readonly extraDays: number;
  /** The next order's credit term, when the current one is known. */
  readonly nextTermDays: number | null;
  /** Discount on the next order. */
  readonly discountRate: number;
  /** The offer in one line. */
  readonly reason: Reason;
}

/**
 * The future-benefit offer of rules.md section 4: "pay 1,000,000 within 30 days and the next contract
 * gets 15 more days of credit and a 1% discount". The amount is the full balance; the benefit comes on
 * the next order: policy.futureBenefitExtraDays more days of credit and policy.futureBenefitDiscountRate
 * off. A customer whose term is 0 days (grade C: cash on delivery, section 1) gets the discount but no
 * extra credit (decision: the grade decides its credit, not a settlement).
 * @example futureBenefit(1000000, 30).reason.en === "pay 1,000,000 in full within 30 days: the next order gets 15 more days of credit (45 days instead of 30) and 1% off"
 * @param balance the full amount owed, > 0
 * @param termDays the customer's current credit term in days, or null when not known
 * @throws RuleError naming `balance` or `term_days`, or `futureBenefitDiscountRate` when the policy leaves
 *   nothing to offer (no extra credit for this customer and no discount)
 */
export function futureBenefit(balance: number, termDays: number | null = null, policy: Policy = DEFAULT_POLICY): FutureBenefit {
  if (typeof balance !== "number" || !Number.isFinite(balance) || balance <= 0) {
    throw new RuleError("balance", `${show(balance)} must be an amount above 0`, `${show(balance)} 必须是大于 0 的金额`);
  }
  if (termDays !== null && (typeof termDays !== "number" || !Number.isInteger(termDays) || termDays < 0)) {
    throw new RuleError("term_days", `${show(termDays)} is not a whole number of days >= 0`, `${show(termDays)} 不是大于等于 0 的整数天数`);
  }
  const amount = roundMoney(balance);
  const within = policy.futureBenefitDays;
  const rate = policy.futureBenefitDiscountRate;
  const extra = termDays === 0 ? 0 : policy.futureBenefitExtraDays;
  const nextTerm = termDays === null ? null : termDays + extra;
  if (extra === 0 && rate === 0) {
    throw new RuleError(
      "futureBenefitDiscountRate",
      termDays === 0
        ? "0%: a cash-on-delivery customer gets no extra credit, so the future benefit has nothing to offer"
        : "0% and no extra days of credit: the future benefit has nothing to offer",
      termDays === 0 ? "0%：现款现货客户不延长账期，未来利益无可提供" : "0% 且不延长账期：未来利益无可提供",
    );
  }
  const en: string[] = [];
  const zh: string[] = [];
  if (extra > 0) {
    en.push(`${extra} more days of credit${nextTerm === null ? "" : ` (${nextTerm} days instead of ${termDays})`}`);
    zh.push(`账期延长${extra}天${nextTerm === null ? "" : `（由${termDays}天延至${nextTerm}天）`}`);
  }
  if (rate > 0) {
    en.push(`${formatRate(rate)} off`);
    zh.push(`给予${formatRate(rate)}折扣`);
  }
  const cod = termDays === 0 && policy.futureBenefitExtraDays > 0;
  return {
    amount,
    payWithinDays: within,
    extraDays: extra,
    nextTermDays: nextTerm,
    discountRate: rate,
    reason: {
      code: "future-benefit",
      en: `pay ${formatAmount(amount)} in full within ${within} days: the next order gets ${en.join(" and ")}${cod ? " (no extra credit: cash on delivery)" : ""}`,
      zh: `${within}天内全额还清 ${formatAmount(amount)}：下次合作${zh.join("，并")}${cod ? "（现款现货客户不延长账期）" : ""}`,
    },
  };
}

/**
 * Why the future benefit is not offered beside a settlement ladder that is (decisions): a willfully
 * delinquent debtor is pressed, not rewarded with better terms; a temporarily distressed one cannot pay
 * in full within the month, and gets the instalment plan.
 * Null when it is offered, and when the policy does not offer it at all (policy.futureBenefitOffered
 * false: nothing to explain on every row).
 */
export function futureBenefitWithheld(profile: DebtorProfile | null, policy: Policy = DEFAULT_POLICY): Reason | null {
  if (!policy.futureBenefitOffered) return null;
  if (profile === "willful") {
    return {
      code: "no-future-benefit-willful",
      en: "no future benefit: a willful debtor is pressed, not rewarded with better terms",
      zh: "不提供未来利益：故意拖欠型客户应施压，不以更优条件奖励",
    };
  }
  if (profile === "temporary") {
    return {
      code: "no-future-benefit-temporary",
      en: "no future benefit: a temporarily distressed debtor cannot pay in full now; it gets the instalment plan",
      zh: "不提供未来利益：暂时困难型客户目前无力一次还清，采用分期方案",
    };
  }
  return null;
}
