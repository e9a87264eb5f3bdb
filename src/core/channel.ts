/**
 * The next collection step (分层催收, rules.md sections 2 and 3): who acts, how the debtor is contacted,
 * and what is done, from the balance, the days past due and, when known, the debtor's profile.
 */
import { RuleError, show, type Reason, type Language } from "./errors.js";
import { warningLevel } from "./aging.js";
import { DEFAULT_POLICY, type Policy } from "./policy.js";
import type { DebtorProfile } from "./profile.js";

/** One step of collection: who acts, how (the channel), and what is done. */
export interface CollectionStep {
  /** `who/step/how`, e.g. `salesperson/dunning-letter/phone`; `none` when there is nothing to do. */
  readonly code: string;
  readonly who: Reason;
  readonly how: Reason;
  readonly step: Reason;
}

/** What is done, from the least to the most escalated (see `STEP_ESCALATION`). */
export type StepCode =
  "none" | "reminder" | "dunning-letter" | "instalment-plan" | "owner-call" | "lawyer-letter" | "lawyer-letter-deadline" | "file-claim";

/** Who acts. */
export type WhoCode = "none" | "salesperson" | "finance-manager" | "legal";

/** How the debtor is contacted. */
export type HowCode = "none" | "phone" | "meeting";

/**
 * Escalation rank of each step: none 0, reminder 1, dunning letter 2, instalment plan 3, call or meet
 * the owner 3, lawyer's letter 4 (with or without the willful deadline), filing the claim 5. For a fixed
 * balance and profile the rank never falls as the days past due grow.
 */
export const STEP_ESCALATION: Readonly<Record<StepCode, number>> = Object.freeze({
  "none": 0,
  "reminder": 1,
  "dunning-letter": 2,
  "instalment-plan": 3,
  "owner-call": 3,
  "lawyer-letter": 4,
  "lawyer-letter-deadline": 4,
  "file-claim": 5,
});

/** Rank of who acts: nobody 0, salesperson 1, finance manager 2, legal 3. */
export const WHO_ESCALATION: Readonly<Record<WhoCode, number>> = Object.freeze({
  "none": 0,
  "salesperson": 1,
  "finance-manager": 2,
  "legal": 3,
});

const WHO: Readonly<Record<WhoCode, Reason>> = Object.freeze({
  "none": { code: "none", en: "nobody", zh: "无需" },
  "salesperson": { code: "salesperson", en: "salesperson", zh: "业务员" },
  "finance-manager": { code: "finance-manager", en: "finance manager", zh: "财务经理" },
  "legal": { code: "legal", en: "legal", zh: "法务" },
});

const HOW: Readonly<Record<HowCode, Reason>> = Object.freeze({
  none: { code: "none", en: "none", zh: "无" },
  phone: { code: "phone", en: "phone, then an e-mail to confirm", zh: "电话沟通，邮件跟进确认" },
  meeting: { code: "meeting", en: "face-to-face meeting, then an e-mail to confirm", zh: "上门面谈，邮件跟进确认" },
});

/** Who acts, as a reason (its code, English and Chinese name): salesperson / 业务员, finance manager / 财务经理, legal / 法务. */
export function collector(who: WhoCode): Reason {
  return WHO[who];
}

/** How a debtor owing `balance` is contacted (分层催收): face to face from policy.largeAmountThreshold, else by phone; each confirmed by e-mail. */
export function contactChannel(balance: number, policy: Policy = DEFAULT_POLICY): Reason {
  return HOW[balance >= policy.largeAmountThreshold ? "meeting" : "phone"];
}

/** The text of a step code (what is done), e.g. `owner-call`: contact the customer's owner / 联系客户老板. */
export function stepText(code: StepCode, policy: Policy = DEFAULT_POLICY): Reason {
  switch (code) {
    case "none":
      return { code, en: "not due or nothing owed: no action", zh: "未到期或无欠款：无需行动" };
    case "reminder":
      return { code, en: "routine reminder", zh: "常规提醒" };
    case "dunning-letter":
      return { code, en: "daily follow-up and a dunning letter", zh: "每日跟进并发催款函" };
    case "owner-call":
      return { code, en: "contact the customer's owner", zh: "联系客户老板" };
    case "instalment-plan":
      return {
        code,
        en: "negotiate an instalment plan sized to its free cash flow; no lawyer's letter",
        zh: "按其自由现金流协商分期还款方案；不发律师函",
      };
    case "lawyer-letter":
      return { code, en: "lawyer's letter and prepare the lawsuit", zh: "发律师函，准备起诉" };
    case "lawyer-letter-deadline": {
      const d = policy.lawyerLetterDeadlineDays;
      return {
        code,
        en: `lawyer's letter with the contract and proof it can pay, deadline ${d} days; prepare the lawsuit`,
        zh: `发律师函（附合同及其有支付能力的证据），限${d}天内还款；准备起诉`,
      };
    }
    case "file-claim":
      return {
        code,
        en: "file the claim with the court or administrator at once, trace assets, ask for assets in kind",
        zh: "立即向法院或破产管理人申报债权，查找财产线索，要求以物抵债",
      };
  }
}

/** Ladder steps and who takes them, by warning level 0-3 (rules.md section 2). */
export const LADDER_STEPS: readonly (readonly [StepCode, WhoCode])[] = [
  ["reminder", "salesperson"],
  ["dunning-letter", "salesperson"],
  ["owner-call", "finance-manager"],
  ["lawyer-letter", "legal"],
];

/**
 * The next collection step for one receivable.
 *
 * 1. Nothing owed (balance 0) -> `none`.
 * 2. Profile `unable` -> `file-claim` by legal at once, whatever the level, **even when not yet due**
 *    (decision: a claim not yet due counts as due once a bankruptcy case is accepted, PRC Enterprise
 *    Bankruptcy Law art. 46, and a claim filed late gets nothing from earlier distributions, art. 56).
 * 3. Not due (0 days) -> `none`.
 * 4. The warning level (`warningLevel(daysPastDue, policy.warningDays)`) gives the ladder step and who:
 *    level 0 (1-29 days) salesperson, `reminder`; level 1 salesperson, `dunning-letter`; level 2 finance
 *    manager, `owner-call`; level 3 legal, `lawyer-letter`.
 * 5. Profile overrides from level 1 on: `willful` -> `lawyer-letter-deadline` by legal (deadline
 *    `policy.lawyerLetterDeadlineDays`); `temporary` -> `instalment-plan`, never a lawyer's letter, taken
 *    by the ladder's person but at most the finance manager (decision: a debtor kept alive is not handed
 *    to legal). Level 0 stays a reminder for every profile; `unclear` and no profile follow the ladder.
 * 6. How, from the amount (分层催收): balance >= `policy.largeAmountThreshold` (500,000) -> `meeting`
 *    (face to face), below -> `phone`; both confirmed by e-mail (multi-channel, humane).
 *
 * Step texts (code: en / zh): none: not due or nothing owed: no action / 未到期或无欠款：无需行动;
 * reminder: routine reminder / 常规提醒; dunning-letter: daily follow-up and a dunning letter /
 * 每日跟进并发催款函; owner-call: contact the customer's owner / 联系客户老板; instalment-plan: negotiate an
 * instalment plan sized to its free cash flow; no lawyer's letter / 按其自由现金流协商分期还款方案；不发律师函;
 * lawyer-letter: lawyer's letter and prepare the lawsuit / 发律师函，准备起诉; lawyer-letter-deadline:
 * lawyer's letter with the contract and proof it can pay, deadline 3 days; prepare the lawsuit /
 * 发律师函（附合同及其有支付能力的证据），限3天内还款；准备起诉; file-claim: file the claim with the court or
 * administrator at once, trace assets, ask for assets in kind / 立即向法院或破产管理人申报债权，查找财产线索，要求以物抵债.
 * Who: salesperson / 业务员, finance manager / 财务经理, legal / 法务. How: phone / meeting, each "then an
 * e-mail to confirm" / 电话沟通或上门面谈，邮件跟进确认.
 * @param balance the amount owed, >= 0
 * @param daysPastDue whole days past due, >= 0 (0 = not due)
 * @param profile the debtor's profile, or null when not profiled
 * @example collectionStep(1200000, 95, "temporary").code === "finance-manager/instalment-plan/meeting"
 */
export function collectionStep(
  balance: number,
  daysPastDue: number,
  profile: DebtorProfile | null = null,
  policy: Policy = DEFAULT_POLICY,
): CollectionStep {
  if (!Number.isFinite(balance) || balance < 0) {
    throw new RuleError("balance", `${show(balance)} must be an amount >= 0`, `${show(balance)} 必须是大于等于 0 的金额`);
  }
  if (!Number.isInteger(daysPastDue) || daysPastDue < 0) {
    throw new RuleError(
      "days_past_due",
      `${show(daysPastDue)} is not a whole number of days >= 0`,
      `${show(daysPastDue)} 不是大于等于 0 的整数天数`,
    );
  }
  const how: HowCode = balance >= policy.largeAmountThreshold ? "meeting" : "phone";
  if (balance === 0) return makeStep("none", "none", "none", policy);
  if (profile === "unable") return makeStep("file-claim", "legal", how, policy);
  if (daysPastDue === 0) return makeStep("none", "none", "none", policy);
  const level = warningLevel(daysPastDue, policy.warningDays);
  const [ladderStep, ladderWho] = LADDER_STEPS[level];
  if (level >= 1 && profile === "willful") return makeStep("lawyer-letter-deadline", "legal", how, policy);
  if (level >= 1 && profile === "temporary") {
    return makeStep("instalment-plan", ladderWho === "legal" ? "finance-manager" : ladderWho, how, policy);
  }
  return makeStep(ladderStep, ladderWho, how, policy);
}

function makeStep(step: StepCode, who: WhoCode, how: HowCode, policy: Policy): CollectionStep {
  return {
    code: step === "none" ? "none" : `${who}/${step}/${how}`,
    who: WHO[who],
    how: HOW[how],
    step: stepText(step, policy),
  };
}

/** The escalation rank of a step (`STEP_ESCALATION` of its step code). */
export function stepEscalation(step: CollectionStep): number {
  return STEP_ESCALATION[step.step.code as StepCode];
}

/** The one-line text of each step, per language (the steps of a run are shared between rows). */
const stepTexts = new WeakMap<CollectionStep, Readonly<Record<Language, string>>>();

/**
 * A collection step in one line, as AR.CHANNEL's "step" output: "finance manager: contact the
 * customer's owner (phone, then an e-mail to confirm)"; the step alone when nobody acts.
 */
export function describeStep(step: CollectionStep, language: Language): string {
  let texts = stepTexts.get(step);
  if (texts === undefined) {
    texts =
      step.who.code === "none"
        ? { en: step.step.en, zh: step.step.zh }
        : { en: `${step.who.en}: ${step.step.en} (${step.how.en})`, zh: `${step.who.zh}：${step.step.zh}（${step.how.zh}）` };
    stepTexts.set(step, texts);
  }
  return texts[language];
}
