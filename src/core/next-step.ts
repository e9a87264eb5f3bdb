/**
 * One next step per debtor (issue 11): the overdue ladder (section 2), the debtor's profile (section 3),
 * the claim window of a bankruptcy (section 5) and the limitation period (Civil Code) each say what to do;
 * this file decides once, by an order of precedence (docs/rules.md, "One next step"), who does what, and
 * says why, naming the step it puts aside.
 */
import type { Language, Reason } from "./errors.js";
import { warningLevel } from "./aging.js";
import { collectionStep, collector, contactChannel, LADDER_STEPS, stepText, type CollectionStep } from "./channel.js";
import { isoFromSerial } from "./dates.js";
import { formatAmount } from "./format.js";
import { DEFAULT_POLICY, type Policy } from "./policy.js";
import { PROFILE_NAMES, type DebtorProfile, type ProfileResult } from "./profile.js";
import { MAX_FILING_MONTHS, MIN_FILING_DAYS } from "./recovery.js";
import type { LimitationStatus } from "./limitation.js";

/** Which rule of the precedence decided the step, from the first to the last. */
export type NextStepRule =
  | "nothing-owed"
  | "claim-window"
  | "limitation-expired"
  | "limitation-warning"
  | "dispute"
  | "dishonest-debtor"
  | "profile"
  | "ladder"
  | "not-due";

/** Why a debtor is unable to pay, as far as the next step cares: in bankruptcy (a claim window), listed as dishonest, or neither. */
export type UnableGround = "insolvent" | "dishonest-debtor" | null;

/** What the next step is decided from. */
export interface NextStepInput {
  /** The amount owed, >= 0. */
  readonly balance: number;
  /** Whole days past due, >= 0. */
  readonly daysPastDue: number;
  /** The debtor's profile, null when not profiled. */
  readonly profile: DebtorProfile | null;
  /** For an unable debtor, the signal that made it so (unableGround of its profile); null otherwise. */
  readonly unable?: UnableGround;
  /** The limitation period, when known: its status, last day (Excel serial) and days left. */
  readonly limitation?: { readonly status: LimitationStatus; readonly end: number; readonly daysLeft: number } | null;
  /** An open dispute (from the collection log): it holds the debtor out of escalation until it is resolved. */
  readonly dispute?: OpenDispute | null;
}

/** A dispute opened and not resolved (the collection log's DisputeFact). */
export interface OpenDispute {
  /** The invoice disputed; null for the whole debt. */
  readonly invoice: string | null;
  /** Excel serial of the day it was opened. */
  readonly opened: number;
  /** Its log row. */
  readonly sourceRow: number;
  /** What it is about, as the log's note says. */
  readonly note: string | null;
}

/** The one next step of a debtor: who does what, how the debtor is contacted, and why this step. */
export interface NextStep {
  readonly rule: NextStepRule;
  /** `who/what/how` (`legal/file-claim/meeting`), or `none`. */
  readonly code: string;
  /** Who acts: salesperson / finance manager / legal, or nobody. */
  readonly who: Reason;
  /** What is done. */
  readonly what: Reason;
  /** How the debtor is contacted (phone or meeting, confirmed by e-mail), none when nobody acts. */
  readonly how: Reason;
  /** Why this step: the rule that decided it, and the step it puts aside (the ladder's, the profile's). */
  readonly reason: Reason;
}

/**
 * Why an unable debtor is unable, from its profile's reasons (debtorProfile lists the unable signals
 * it found, by their codes `insolvent`, `dishonest-debtor`, `operations-stopped`): insolvent first (the
 * claim window), then a dishonest-debtor listing; null for any other profile or ground.
 */
export function unableGround(profile: ProfileResult | null): UnableGround {
  if (profile === null || profile.profile !== "unable") return null;
  if (profile.reasons.some((r) => r.code === "insolvent")) return "insolvent";
  if (profile.reasons.some((r) => r.code === "dishonest-debtor")) return "dishonest-debtor";
  return null;
}

const LEVEL_ZH = ["", "一", "二", "三"] as const;

/**
 * The ladder's own step for a number of days past due, in one line ("the ladder's level 2 step (finance
 * manager: contact the customer's owner)"); by the warning level alone, so that rows share it.
 */
function ladderLine(days: number, policy: Policy): Reason | null {
  if (days <= 0) return null;
  const level = warningLevel(days, policy.warningDays);
  const [what, who] = LADDER_STEPS[level];
  const w = collector(who);
  const t = stepText(what, policy);
  return level === 0
    ? { code: "ladder", en: `the ladder's ${t.en} (below level 1)`, zh: `预警线的${t.zh}（未到一级预警）` }
    : {
        code: "ladder",
        en: `the ladder's level ${level} step (${w.en}: ${t.en})`,
        zh: `${LEVEL_ZH[level]}级预警的步骤（${w.zh}：${t.zh}）`,
      };
}

/**
 * A step by legal that puts other steps aside, with its reason: the rule's own words, then what it comes
 * before (the dishonest-debtor route, the profile's play, the ladder's step), so that nothing is dropped
 * silently.
 */
function override(
  rule: NextStepRule,
  what: Reason,
  input: NextStepInput,
  collection: CollectionStep,
  because: Reason,
  policy: Policy,
): NextStep {
  const { balance, daysPastDue: days, profile } = input;
  const how = contactChannel(balance, policy);
  const aside: Reason[] = [];
  if (rule !== "dishonest-debtor" && profile === "unable" && input.unable === "dishonest-debtor") aside.push(DISHONEST_ROUTE);
  const level = days > 0 ? warningLevel(days, policy.warningDays) : -1;
  if ((profile === "temporary" || profile === "willful") && level >= 1 && collection.step.code !== LADDER_STEPS[level][0]) {
    aside.push({
      code: "play",
      en: `the ${PROFILE_NAMES.en[profile]} play (${collection.step.en})`,
      zh: `${PROFILE_NAMES.zh[profile]}的策略（${collection.step.zh}）`,
    });
  }
  const ladder = ladderLine(days, policy);
  if (ladder !== null) aside.push(ladder);
  return {
    rule,
    code: `legal/${what.code}/${how.code}`,
    who: collector("legal"),
    what,
    how,
    reason:
      aside.length === 0
        ? because
        : {
            code: rule,
            en: `${because.en}; before ${aside.map((r) => r.en).join(" and ")}`,
            zh: `${because.zh}；优先于${aside.map((r) => r.zh).join("及")}`,
          },
  };
}

const DISHONEST_ROUTE: Reason = {
  code: "dishonest-route",
  en: "the dishonest-debtor route (sue, join the enforcement)",
  zh: "失信被执行人路线（起诉、参与分配）",
};

/**
 * The one next step for a debtor, by this order of precedence (the first that applies decides):
 *
 * 1. nothing owed (balance 0): nobody acts;
 * 2. **claim window**: the debtor is bankrupt or insolvent (profile `unable` on the insolvent signal):
 *    legal files the claim at once, even before the due date (a claim not yet due counts as due once the
 *    case is accepted, Enterprise Bankruptcy Law art. 46; a late claim gets nothing from distributions
 *    already made, art. 56); filing also restarts the limitation period;
 * 3. **limitation expired**: legal seeks a signed acknowledgement or a payment (after which the debtor
 *    cannot rely on the limitation, Civil Code art. 192);
 * 4. **limitation warning** (within policy.limitationWarningDays of its end): legal sends a written
 *    demand or gets a signed acknowledgement before the last day, or sues (art. 195);
 * 5. **open dispute** (collection log): the finance manager resolves it: reconciles the account and sends the
 *    evidence (contract, delivery proof, signed acceptance); no escalation (no lawyer's letter, no suit)
 *    while it is open, even before the due date;
 * 5b. **dishonest-debtor listing** (profile `unable` on that signal): legal sues (or applies for
 *    enforcement), joins the distribution of its assets and traces assets; no more supply on credit;
 * 6. **profile route** (collectionStep): `unable` otherwise -> legal files the claim and traces assets;
 *    from warning level 1, `willful` -> legal's lawyer's letter with a short deadline, `temporary` -> an
 *    instalment plan (never a lawyer's letter, at most the finance manager);
 * 7. **ladder** by warning level: reminder (salesperson), dunning letter (salesperson), owner call
 *    (finance manager), lawyer's letter (legal); an `unclear` or missing profile follows it;
 * 8. not yet due: nobody acts.
 *
 * The reason names the rule and, for rules 2-6, the ladder's step it puts aside.
 * @example nextStep({ balance: 1200000, daysPastDue: 122, profile: "temporary" }).code === "finance-manager/instalment-plan/meeting"
 * @throws RuleError as collectionStep does (balance, days_past_due)
 */
export function nextStep(input: NextStepInput, policy: Policy = DEFAULT_POLICY): NextStep {
  const { balance, daysPastDue: days, profile } = input;
  const step = collectionStep(balance, days, profile, policy); // checks the balance and the days
  const legal = (rule: NextStepRule, what: Reason, because: Reason): NextStep => override(rule, what, input, step, because, policy);
  if (balance === 0) {
    return {
      rule: "nothing-owed",
      code: "none",
      who: collector("none"),
      what: { code: "none", en: "nothing owed: no action", zh: "无欠款：无需行动" },
      how: step.how,
      reason: { code: "nothing-owed", en: "nothing owed", zh: "无欠款" },
    };
  }
  const unable = profile === "unable" ? (input.unable ?? null) : null;
  if (unable === "insolvent") {
    return legal("claim-window", stepText("file-claim", policy), {
      code: "claim-window",
      en: `bankrupt or insolvent: the claim must be filed inside the court's window (${MIN_FILING_DAYS} days to ${MAX_FILING_MONTHS} months from its announcement; AR.CLAIMDEADLINE), even before the due date, and filing restarts the limitation period`,
      zh: `已破产或资不抵债：须在法院申报期内（受理公告后${MIN_FILING_DAYS}天至${MAX_FILING_MONTHS}个月，见 AR.CLAIMDEADLINE）申报债权，未到期债权亦可申报，申报同时中断诉讼时效`,
    });
  }
  const limitation = input.limitation ?? null;
  if (limitation !== null && limitation.status === "expired") {
    const end = isoFromSerial(limitation.end);
    return legal(
      "limitation-expired",
      {
        code: "limitation-acknowledgement",
        en: "get a signed acknowledgement of the debt or a payment (then the debtor cannot rely on the limitation, art. 192); a suit now meets the limitation defence",
        zh: "争取债务人签章确认欠款或付款（此后不得再以时效届满抗辩，第192条）；此时起诉将面临时效抗辩",
      },
      {
        code: "limitation-expired",
        en: `the limitation period ended ${end}: saving the claim comes first`,
        zh: `诉讼时效已于 ${end} 届满：先挽救债权`,
      },
    );
  }
  if (limitation !== null && limitation.status === "warning") {
    const end = isoFromSerial(limitation.end);
    const left = limitation.daysLeft;
    return legal(
      "limitation-warning",
      {
        code: "limitation-demand",
        en: `before ${end}: a written demand for payment (traceable) or a signed acknowledgement, or sue, to restart the limitation period (art. 195)`,
        zh: `在 ${end} 前书面催告（留存凭证）或取得债务人签章确认，或起诉，使诉讼时效重新计算（第195条）`,
      },
      {
        code: "limitation-warning",
        en: `the limitation period comes first (${formatAmount(left)} day${left === 1 ? "" : "s"} left)`,
        zh: `诉讼时效优先（剩余 ${formatAmount(left)} 天）`,
      },
    );
  }
  const dispute = input.dispute ?? null;
  if (dispute !== null) return disputeStep(input, step, dispute, policy);
  if (unable === "dishonest-debtor") {
    return legal(
      "dishonest-debtor",
      {
        code: "enforcement",
        en: "sue (or apply for enforcement on a judgment), join the distribution of its assets, trace assets (receivables, equipment, inventory) and have them preserved; no more supply on credit",
        zh: "起诉（已有判决的申请强制执行），申请参与分配，查找并申请保全财产（应收账款、设备、库存）；停止赊销",
      },
      {
        code: "dishonest-debtor",
        en: "listed as a dishonest judgment debtor: other creditors are already enforcing",
        zh: "已被列为失信被执行人：其他债权人已在执行",
      },
    );
  }
  if (days === 0 && profile !== "unable") {
    return {
      rule: "not-due",
      code: "none",
      who: collector("none"),
      what: { code: "none", en: "not yet due: no action", zh: "尚未到期：无需行动" },
      how: step.how,
      reason: { code: "not-due", en: "not yet due", zh: "尚未到期" },
    };
  }
  const level = warningLevel(days, policy.warningDays);
  if (profile === "unable" || step.step.code !== LADDER_STEPS[level][0]) {
    const ladder = ladderLine(days, policy);
    const name = PROFILE_NAMES.en[profile ?? "unclear"];
    const nameZh = PROFILE_NAMES.zh[profile ?? "unclear"];
    const because: Reason = {
      code: "profile",
      en: `profile ${name}: its play${ladder === null ? "" : ` instead of ${ladder.en}`}`,
      zh: `客户画像为${nameZh}：按其策略处理${ladder === null ? "" : `，代替${ladder.zh}`}`,
    };
    return fromCollection("profile", step, because);
  }
  return fromCollection(
    "ladder",
    step,
    LADDER_WHY[profile === null ? "none" : profile === "unclear" ? "unclear" : level === 0 ? "waits" : "none"],
  );
}

/**
 * The step of an open dispute: the finance manager reconciles and sends the evidence (a quality dispute is
 * answered with evidence, not with a lawyer's letter), naming the dispute and the step it holds back.
 */
function disputeStep(input: NextStepInput, collection: CollectionStep, dispute: OpenDispute, policy: Policy): NextStep {
  const how = contactChannel(input.balance, policy);
  const what: Reason = {
    code: "resolve-dispute",
    en: "resolve the dispute: reconcile and send the evidence (contract, delivery proof, signed acceptance)",
    zh: "解决异议：对账并提供证据（合同、送货凭证、签收单）",
  };
  const on = dispute.invoice === null ? { en: "", zh: "" } : { en: ` on invoice ${dispute.invoice}`, zh: `发票 ${dispute.invoice} ` };
  const about = dispute.note === null ? { en: "", zh: "" } : { en: ` (${dispute.note})`, zh: `（${dispute.note}）` };
  const since = isoFromSerial(dispute.opened);
  const days = input.daysPastDue;
  const held =
    days > 0 && collection.code !== "none"
      ? { en: `; instead of ${collection.who.en}: ${collection.step.en}`, zh: `；暂缓${collection.who.zh}：${collection.step.zh}` }
      : { en: "", zh: "" };
  return {
    rule: "dispute",
    code: `finance-manager/resolve-dispute/${how.code}`,
    who: collector("finance-manager"),
    what,
    how,
    reason: {
      code: "dispute",
      en: `open dispute${on.en} since ${since}${about.en}, log row ${dispute.sourceRow}: held out of escalation until resolved${held.en}`,
      zh: `${on.zh}自 ${since} 起存在异议${about.zh}，催收记录第 ${dispute.sourceRow} 行：异议解决前暂停升级${held.zh}`,
    },
  };
}

/** Why the ladder's step is the next step: no profile, an unclear one, or a play that waits for level 1. */
const LADDER_WHY: Readonly<Record<"none" | "unclear" | "waits", Reason>> = {
  none: { code: "ladder", en: "the ladder's step for the warning level", zh: "按预警级别的步骤" },
  unclear: {
    code: "ladder",
    en: "the ladder's step: the profile is unclear, the ladder applies until it is found out",
    zh: "按预警线处理：客户画像不明，查清前按预警线跟进",
  },
  waits: {
    code: "ladder",
    en: "the ladder's step: below level 1 the profile's play waits",
    zh: "按预警线处理：未到一级预警，暂不启用画像策略",
  },
};

function fromCollection(rule: NextStepRule, step: CollectionStep, reason: Reason): NextStep {
  return { rule, code: step.code, who: step.who, what: step.step, how: step.how, reason };
}

/** The one-line text of each next step, per language (a run's steps are shared between rows). */
const lines = new WeakMap<NextStep, Readonly<Record<Language, string>>>();

/**
 * A next step in one line, as the triage's "next step" column shows it: "legal: file the claim ... (face-to-face
 * meeting, then an e-mail to confirm)"; the step alone when nobody acts.
 */
export function describeNextStep(step: NextStep, language: Language): string {
  let texts = lines.get(step);
  if (texts === undefined) {
    texts =
      step.who.code === "none"
        ? { en: step.what.en, zh: step.what.zh }
        : { en: `${step.who.en}: ${step.what.en} (${step.how.en})`, zh: `${step.who.zh}：${step.what.zh}（${step.how.zh}）` };
    lines.set(step, texts);
  }
  return texts[language];
}
