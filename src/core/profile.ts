/**
 * Debtor profile (欠款客户画像, rules.md section 3): before chasing a debt, tell a temporarily distressed
 * debtor (暂时困难型) from a willfully delinquent one (故意拖欠型) and from one unable to pay
 * (无能力偿还型), from signals an accountant can fill in a sheet, and give the play for each type.
 *
 * Every signal is tri-state: `true`, `false` or `null` (unknown, a blank cell). Unknown is never read as
 * "no": a profile that hangs on an unknown signal is `unclear`, and `toFindOut` says what to check.
 */
import { RuleError, show, type Reason, type Language } from "./errors.js";
import { isEmpty, readCount, readWord } from "./input.js";
import { DEFAULT_POLICY, type Policy } from "./policy.js";

/** How accounts-receivable turnover compares with the same period last year (应收账款周转率同比). */
export type TurnoverDecline = "none" | "short-term" | "persistent";

/**
 * What is known about a debtor. The order of the fields is the order of the Excel arguments
 * (see `SIGNAL_ARGUMENTS`).
 */
export interface DebtorSignals {
  /** The core business is alive (主营业务正常). */
  readonly businessOperating: boolean | null;
  /** Main-business income over the last 3 months is stable, per bank statements (近3个月主营收入稳定). */
  readonly incomeStable: boolean | null;
  /** AR turnover against the same period last year: not down, down short-term, in persistent decline (无/短期/持续). */
  readonly turnoverDecline: TurnoverDecline | null;
  /** The debtor came forward with a repayment plan (主动提出还款计划). */
  readonly proposedPlan: boolean | null;
  /** Excuses to delay: "finance is away", "invoice not received", "product defect" (找借口拖延). */
  readonly excuses: boolean | null;
  /**
   * A contradiction (矛盾点): a quality defect never raised before or without an inspection report; or it
   * claims to have no money while buying equipment, opening a branch or winning a tender.
   */
  readonly contradiction: boolean | null;
  /** Payment promises made and not kept (承诺还款未兑现次数), whole number >= 0. */
  readonly brokenPromises: number | null;
  /** Refuses contact (拒绝沟通). */
  readonly refusesContact: boolean | null;
  /** Bankrupt or insolvent (破产或资不抵债). */
  readonly insolvent: boolean | null;
  /** Listed as a dishonest judgment debtor (失信被执行人). */
  readonly dishonestDebtor: boolean | null;
  /** Production stopped, equipment seized, or the owner unreachable (停产、设备查封或老板失联). */
  readonly operationsStopped: boolean | null;
}

/** The three types of section 3, and `unclear` when the signals conflict or are missing. */
export type DebtorProfile = "temporary" | "willful" | "unable" | "unclear";

/** A debtor's profile, the signals that decided it, the play for it, and what is still to find out. */
export interface ProfileResult {
  readonly profile: DebtorProfile;
  /** The signals that decided the profile (never empty); for `unclear`, the last reason says why. */
  readonly reasons: readonly Reason[];
  /** The play of rules.md section 3 for the profile. */
  readonly play: Reason;
  /**
   * What to check, one item per check. Never empty for `unclear`. For `temporary` and `willful`, the
   * unknown signals that could still overturn the profile; empty for `unable`.
   */
  readonly toFindOut: readonly Reason[];
}

/** The Excel argument names of the signals, in the order of `DebtorSignals`. */
export const SIGNAL_ARGUMENTS = Object.freeze([
  "business_operating",
  "income_stable",
  "turnover_decline",
  "proposed_plan",
  "excuses",
  "contradiction",
  "broken_promises",
  "refuses_contact",
  "insolvent",
  "dishonest_debtor",
  "operations_stopped",
] as const);

/** One of the Excel argument names of the signals. */
export type SignalArgument = (typeof SIGNAL_ARGUMENTS)[number];

const SIGNAL_WORDS: ReadonlyMap<string, boolean> = new Map([
  ["yes", true],
  ["y", true],
  ["true", true],
  ["1", true],
  ["no", false],
  ["n", false],
  ["false", false],
  ["0", false],
  ["是", true],
  ["有", true],
  ["对", true],
  ["否", false],
  ["无", false],
  ["没有", false],
  ["错", false],
]);

/**
 * Reads a tri-state signal: TRUE/FALSE cells, 1/0, yes/no/y/n/true/false in any case, 是/否, 有/无(没有),
 * 对/错; a blank cell is `null` (unknown). Anything else is a RuleError naming the argument.
 */
export function readSignal(value: unknown, argument: string): boolean | null {
  if (isEmpty(value)) return null;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (value === 1) return true;
    if (value === 0) return false;
    throw new RuleError(
      argument,
      `${show(value)} is not yes/no (use TRUE/FALSE, 1/0, 是/否, or leave blank if unknown)`,
      `${show(value)} 不是“是/否”（请用 TRUE/FALSE、1/0、是/否，未知请留空）`,
    );
  }
  return readWord(value, argument, SIGNAL_WORDS, "yes/no, TRUE/FALSE, 1/0, 是/否, 有/无, 对/错 (blank: unknown)");
}

const TURNOVER_WORDS: ReadonlyMap<string, TurnoverDecline> = new Map([
  ["none", "none"],
  ["no", "none"],
  ["无", "none"],
  ["未下降", "none"],
  ["short", "short-term"],
  ["short-term", "short-term"],
  ["short term", "short-term"],
  ["短期", "short-term"],
  ["暂时", "short-term"],
  ["短期下降", "short-term"],
  ["persistent", "persistent"],
  ["持续", "persistent"],
  ["持续下降", "persistent"],
]);

/**
 * Reads how AR turnover compares with the same period last year: none / short (short-term) / persistent,
 * or 无 / 短期 (暂时) / 持续; blank is `null` (unknown).
 */
export function readTurnoverDecline(value: unknown, argument = "turnover_decline"): TurnoverDecline | null {
  if (isEmpty(value)) return null;
  return readWord(value, argument, TURNOVER_WORDS, "none/short-term/persistent, 无/短期/持续 (blank: unknown)");
}

/** Reads a count of broken payment promises: a whole number >= 0, or blank for unknown. */
export function readBrokenPromises(value: unknown, argument = "broken_promises"): number | null {
  return isEmpty(value) ? null : readCount(value, argument);
}

/**
 * Reads the eleven signals from cell values in the order of `SIGNAL_ARGUMENTS` (missing trailing values
 * are blank). Each bad value is refused with its own argument name.
 */
export function readDebtorSignals(values: readonly unknown[]): DebtorSignals {
  const at = (i: number): unknown => values[i];
  const signal = (i: number): boolean | null => readSignal(at(i), SIGNAL_ARGUMENTS[i]);
  return {
    businessOperating: signal(0),
    incomeStable: signal(1),
    turnoverDecline: readTurnoverDecline(at(2), SIGNAL_ARGUMENTS[2]),
    proposedPlan: signal(3),
    excuses: signal(4),
    contradiction: signal(5),
    brokenPromises: readBrokenPromises(at(6), SIGNAL_ARGUMENTS[6]),
    refusesContact: signal(7),
    insolvent: signal(8),
    dishonestDebtor: signal(9),
    operationsStopped: signal(10),
  };
}

/** A signal set with every signal unknown: start from it and fill what is known. */
export const UNKNOWN_SIGNALS: DebtorSignals = Object.freeze({
  businessOperating: null,
  incomeStable: null,
  turnoverDecline: null,
  proposedPlan: null,
  excuses: null,
  contradiction: null,
  brokenPromises: null,
  refusesContact: null,
  insolvent: null,
  dishonestDebtor: null,
  operationsStopped: null,
});

const PROFILE_WORDS: ReadonlyMap<string, DebtorProfile> = new Map([
  ["temporary", "temporary"],
  ["暂时困难", "temporary"],
  ["暂时困难型", "temporary"],
  ["willful", "willful"],
  ["故意拖欠", "willful"],
  ["故意拖欠型", "willful"],
  ["unable", "unable"],
  ["无能力偿还", "unable"],
  ["无能力偿还型", "unable"],
  ["unclear", "unclear"],
  ["不明", "unclear"],
  ["不明确", "unclear"],
]);

/** Reads a profile word: temporary/willful/unable/unclear, or 暂时困难(型)/故意拖欠(型)/无能力偿还(型)/不明. */
export function readProfile(value: unknown, argument = "profile"): DebtorProfile {
  return readWord(value, argument, PROFILE_WORDS, "temporary/willful/unable/unclear, 暂时困难/故意拖欠/无能力偿还/不明");
}

// ---- the texts -------------------------------------------------------------------------------------

const FACT = {
  insolvent: { code: "insolvent", en: "bankrupt or insolvent", zh: "已破产或资不抵债" },
  dishonestDebtor: { code: "dishonest-debtor", en: "listed as a dishonest judgment debtor", zh: "被列为失信被执行人" },
  operationsStopped: {
    code: "operations-stopped",
    en: "production stopped, equipment seized or owner unreachable",
    zh: "停产、设备被查封或老板失联",
  },
  businessOperating: { code: "business-operating", en: "core business operating", zh: "主营业务正常" },
  businessDown: { code: "business-down", en: "core business not operating", zh: "主营业务不正常" },
  incomeStable: { code: "income-stable", en: "main-business income stable over the last 3 months", zh: "近3个月主营业务收入稳定" },
  incomeUnstable: {
    code: "income-unstable",
    en: "main-business income not stable over the last 3 months",
    zh: "近3个月主营业务收入不稳定",
  },
  turnoverNone: { code: "turnover-none", en: "AR turnover not down against the same period last year", zh: "应收账款周转率同比未下降" },
  turnoverShort: {
    code: "turnover-short-term",
    en: "AR turnover down only short-term against the same period last year",
    zh: "应收账款周转率同比仅短期下降",
  },
  turnoverPersistent: {
    code: "turnover-persistent",
    en: "AR turnover in persistent decline against the same period last year",
    zh: "应收账款周转率同比持续下降",
  },
  proposedPlan: { code: "proposed-plan", en: "came forward with a repayment plan", zh: "主动提出还款计划" },
  noPlan: { code: "no-plan", en: "has not come forward with a repayment plan", zh: "未主动提出还款计划" },
  excuses: {
    code: "excuses",
    en: "makes excuses to delay (finance away, invoice not received, product defect)",
    zh: "找借口拖延（财务不在、发票没收到、产品有问题）",
  },
  contradiction: {
    code: "contradiction",
    en: "contradiction: a defect never raised before or without an inspection report, or no money while buying equipment, opening a branch or winning a tender",
    zh: "存在矛盾点：质量问题从未提过或没有检测报告，或声称没钱却购置设备、开分公司、中标",
  },
  refusesContact: { code: "refuses-contact", en: "refuses contact", zh: "拒绝沟通" },
  noUnwillingness: {
    code: "no-unwillingness",
    en: "no excuses, contradiction, broken promises or refusal of contact",
    zh: "无借口、无矛盾点、无失信承诺、不拒绝沟通",
  },
} as const satisfies Record<string, Reason>;

function brokenPromisesFact(count: number, policy: Policy): Reason {
  return {
    code: "broken-promises",
    en: `${count} payment promises not kept (willful from ${policy.brokenPromisesWillful})`,
    zh: `承诺还款${count}次未兑现（${policy.brokenPromisesWillful}次起视为故意拖欠）`,
  };
}

function planDiscountedFact(count: number): Reason {
  return {
    code: "plan-discounted",
    en: `its repayment plan does not count as willingness after ${count} broken promises`,
    zh: `已有${count}次承诺未兑现，其还款计划不能视为还款意愿`,
  };
}

const WHY_UNCLEAR = {
  ability: {
    code: "unclear-ability",
    en: "signs it may not be able to pay, but no bankruptcy, dishonest-debtor listing or stoppage is known: unable, or distressed for longer than a short dip?",
    zh: "有无力偿还的迹象，但未见破产、失信或停产：是无能力偿还，还是并非短期的困难？",
  },
  conflict: {
    code: "unclear-conflict",
    en: "a repayment plan of its own, yet signs of unwillingness: the signals conflict",
    zh: "主动提出还款计划，却又有拖欠意图的迹象：信号相互矛盾",
  },
  abilityUnknown: {
    code: "unclear-ability-unknown",
    en: "signs of unwillingness, but nothing shows that it can pay",
    zh: "有拖欠意图的迹象，但无证据表明其有还款能力",
  },
  notEnough: {
    code: "unclear-not-enough",
    en: "not enough signals: a temporarily distressed debtor needs a running business, stable income or only a short-term dip, and a plan of its own",
    zh: "信号不足：暂时困难型需主营业务正常、收入稳定或仅短期下降，且主动提出还款计划",
  },
} as const satisfies Record<string, Reason>;

/** One check per signal: what to do to fill it. */
const FIND_OUT: Readonly<Record<SignalArgument, Reason>> = Object.freeze({
  business_operating: {
    code: "find-business_operating",
    en: "check that the core business is running (orders, outlets, a site visit)",
    zh: "核实主营业务是否正常（订单、门店、实地走访）",
  },
  income_stable: {
    code: "find-income_stable",
    en: "get the last 3 months' bank statements and check the main-business income",
    zh: "调取近3个月银行流水，看主营业务收入是否稳定",
  },
  turnover_decline: {
    code: "find-turnover_decline",
    en: "compare AR turnover with the same period last year: a short-term dip or a persistent decline?",
    zh: "对比去年同期应收账款周转率：短期下降还是持续恶化",
  },
  proposed_plan: {
    code: "find-proposed_plan",
    en: "talk to the debtor and see whether it comes forward with a repayment plan",
    zh: "与客户沟通，看其是否主动提出还款计划",
  },
  excuses: {
    code: "find-excuses",
    en: "record the reasons it gives for not paying and check them against the evidence",
    zh: "记录客户不付款的理由，并与证据核对",
  },
  contradiction: {
    code: "find-contradiction",
    en: "background check: new equipment, a new branch, a tender won; a defect claim never raised before or without an inspection report",
    zh: "做背调：是否新购设备、开分公司、中标；质量异议是否从未提过、有无检测报告",
  },
  broken_promises: {
    code: "find-broken_promises",
    en: "count the payment promises made and not kept (chat records, call recordings)",
    zh: "统计承诺还款未兑现的次数（聊天记录、通话录音）",
  },
  refuses_contact: {
    code: "find-refuses_contact",
    en: "call the owner and note whether it refuses contact",
    zh: "致电客户老板，看其是否拒绝沟通",
  },
  insolvent: {
    code: "find-insolvent",
    en: "check the courts' bankruptcy announcements and whether its debts exceed its assets",
    zh: "查询法院破产公告，看其是否资不抵债",
  },
  dishonest_debtor: {
    code: "find-dishonest_debtor",
    en: "search the dishonest judgment debtor list (中国执行信息公开网, zxgk.court.gov.cn)",
    zh: "在中国执行信息公开网查询是否为失信被执行人",
  },
  operations_stopped: {
    code: "find-operations_stopped",
    en: "visit the site: production running, equipment seized, owner reachable?",
    zh: "实地走访：是否停产、设备被查封、老板失联",
  },
});

const FIND_CASH_FLOW: Reason = {
  code: "find-cash-flow",
  en: "work out its free cash flow after costs: what an instalment plan could take each month",
  zh: "测算其扣除成本后的自由现金流：每月能承担多少分期还款",
};
const FIND_PLAN_TEST: Reason = {
  code: "find-plan-test",
  en: "test the plan: ask for the bank statements behind it and a first instalment now",
  zh: "检验还款计划：要求提供支撑计划的银行流水，并先付首期款",
};
const FIND_ASK_PLAN: Reason = {
  code: "find-ask-plan",
  en: "ask the owner for a repayment plan with amounts and dates",
  zh: "请客户老板提出写明金额和日期的还款计划",
};

/**
 * The play of rules.md section 3 for a profile, in both languages. The willful play names the deadline of
 * the lawyer's letter (`policy.lawyerLetterDeadlineDays`, 3 days by default).
 */
export function profilePlay(profile: DebtorProfile, policy: Policy = DEFAULT_POLICY): Reason {
  switch (profile) {
    case "temporary":
      return {
        code: "play-temporary",
        en: "keep it alive: an instalment plan sized to its free cash flow, a small concession on the last instalment, a soft guarantee (e.g. the right to stop supplying named outlets on default); no lawyer's letter",
        zh: "帮客户活下来：按其自由现金流定分期方案，最后一期小幅减免，设软担保（如逾期即停止向指定门店供货）；不发律师函",
      };
    case "willful": {
      const d = policy.lawyerLetterDeadlineDays;
      return {
        code: "play-willful",
        en: `press its core interest (qualification, big orders, credit record): a lawyer's letter with the contract, proof it can pay, and notice of what follows if it does not pay within ${d} days`,
        zh: `找准其核心利益点（资质、大订单、征信）施压：发律师函，附合同和其有支付能力的证据，并告知${d}天内不还款的后果`,
      };
    }
    case "unable":
      return {
        code: "play-unable",
        en: "race the clock: file the claim with the court inside the claim window, trace assets (receivables, idle equipment, inventory), ask the administrator for assets in kind",
        zh: "抢时间：在申报期内向法院申报债权，查找财产线索（应收账款、闲置设备、库存），要求破产管理人以物抵债",
      };
    case "unclear":
      return {
        code: "play-unclear",
        en: "find out first (see what to find out), then choose the play; meanwhile follow the overdue ladder",
        zh: "先查清情况（见待核实事项）再定策略；其间按逾期预警线跟进",
      };
  }
}

// ---- the rule ---------------------------------------------------------------------------------------

function checkSignals(s: DebtorSignals): void {
  const p = s.brokenPromises;
  if (p !== null && (!Number.isInteger(p) || p < 0)) {
    throw new RuleError("broken_promises", `${show(p)} is not a whole number >= 0`, `${show(p)} 不是大于等于 0 的整数`);
  }
  if (
    s.turnoverDecline !== null &&
    s.turnoverDecline !== "none" &&
    s.turnoverDecline !== "short-term" &&
    s.turnoverDecline !== "persistent"
  ) {
    throw new RuleError(
      "turnover_decline",
      `${show(s.turnoverDecline)} is not none/short-term/persistent`,
      `${show(s.turnoverDecline)} 不是 无/短期/持续`,
    );
  }
}

/** The checks for the signals among `args` that are unknown, in argument order. */
function unknownChecks(s: DebtorSignals, args: readonly SignalArgument[]): Reason[] {
  const value: Record<SignalArgument, unknown> = {
    business_operating: s.businessOperating,
    income_stable: s.incomeStable,
    turnover_decline: s.turnoverDecline,
    proposed_plan: s.proposedPlan,
    excuses: s.excuses,
    contradiction: s.contradiction,
    broken_promises: s.brokenPromises,
    refuses_contact: s.refusesContact,
    insolvent: s.insolvent,
    dishonest_debtor: s.dishonestDebtor,
    operations_stopped: s.operationsStopped,
  };
  return SIGNAL_ARGUMENTS.filter((a) => args.includes(a) && value[a] === null).map((a) => FIND_OUT[a]);
}

const UNABLE_ARGS: readonly SignalArgument[] = ["insolvent", "dishonest_debtor", "operations_stopped"];
const UNWILLING_ARGS: readonly SignalArgument[] = ["excuses", "contradiction", "broken_promises", "refuses_contact"];

/**
 * Profiles a debtor (rules.md section 3) and explains why.
 *
 * Terms: an *unable signal* is insolvent, dishonest_debtor or operations_stopped TRUE. A *doubt on
 * ability* is business_operating FALSE, income_stable FALSE or turnover_decline `persistent`. An
 * *unwillingness signal* is excuses TRUE, contradiction TRUE, broken_promises >= `brokenPromisesWillful`
 * (2 by default) or refuses_contact TRUE. *Able* means business_operating TRUE or a contradiction (the
 * contradiction itself shows money: a tender won, new equipment). A *credible plan* is proposed_plan TRUE
 * with fewer broken promises than `brokenPromisesWillful` (a plan offered after repeated broken promises
 * is one more promise, not willingness). Blank (unknown) is never read as FALSE.
 *
 * | # | first row that matches                                                                      | profile   |
 * |---|----------------------------------------------------------------------------------------------|-----------|
 * | 1 | an unable signal                                                                             | unable    |
 * | 2 | a doubt on ability (no unable signal known)                                                  | unclear   |
 * | 3 | a credible plan and an unwillingness signal (conflict)                                       | unclear   |
 * | 4 | an unwillingness signal, and able                                                            | willful   |
 * | 5 | an unwillingness signal, ability not shown                                                   | unclear   |
 * | 6 | business_operating TRUE, a credible plan, and income_stable TRUE or turnover none/short-term | temporary |
 * | 7 | anything else (signals missing, or no plan)                                                  | unclear   |
 *
 * Consequences: unable signals always win; a willful debtor stays willful when another unwillingness
 * signal is added; a temporary debtor shows no unwillingness signal.
 *
 * `toFindOut` for `unclear` names the checks that would decide it (bank statements, the dishonest-debtor
 * list, a background check, ...) and is never empty; for `temporary` and `willful` it lists every unknown
 * signal that could still overturn the profile (for `willful` the bank statements and turnover also back
 * the "proof it can pay" of the lawyer's letter); for `unable` it is empty.
 * @param signals what is known about the debtor; brokenPromises must be a whole number >= 0 or null
 * @example debtorProfile({ ...UNKNOWN_SIGNALS, insolvent: true }).profile === "unable"
 */
export function debtorProfile(signals: DebtorSignals, policy: Policy = DEFAULT_POLICY): ProfileResult {
  checkSignals(signals);
  const s = signals;
  const result = (profile: DebtorProfile, reasons: Reason[], toFindOut: Reason[]): ProfileResult => ({
    profile,
    reasons,
    play: profilePlay(profile, policy),
    toFindOut,
  });

  // 1. unable
  const unable: Reason[] = [];
  if (s.insolvent === true) unable.push(FACT.insolvent);
  if (s.dishonestDebtor === true) unable.push(FACT.dishonestDebtor);
  if (s.operationsStopped === true) unable.push(FACT.operationsStopped);
  if (unable.length > 0) return result("unable", unable, []);

  const promisesBroken = s.brokenPromises !== null && s.brokenPromises >= policy.brokenPromisesWillful;
  const doubts: Reason[] = [];
  if (s.businessOperating === false) doubts.push(FACT.businessDown);
  if (s.incomeStable === false) doubts.push(FACT.incomeUnstable);
  if (s.turnoverDecline === "persistent") doubts.push(FACT.turnoverPersistent);
  const unwilling: Reason[] = [];
  if (s.excuses === true) unwilling.push(FACT.excuses);
  if (s.contradiction === true) unwilling.push(FACT.contradiction);
  if (promisesBroken) unwilling.push(brokenPromisesFact(s.brokenPromises as number, policy));
  if (s.refusesContact === true) unwilling.push(FACT.refusesContact);
  const crediblePlan = s.proposedPlan === true && !promisesBroken;

  // 2. a doubt on ability without an unable signal
  if (doubts.length > 0) {
    return result(
      "unclear",
      [...doubts, WHY_UNCLEAR.ability],
      [...unknownChecks(s, [...UNABLE_ARGS, "income_stable", "turnover_decline"]), FIND_CASH_FLOW],
    );
  }

  // 3. a credible plan, yet unwillingness
  if (crediblePlan && unwilling.length > 0) {
    return result(
      "unclear",
      [FACT.proposedPlan, ...unwilling, WHY_UNCLEAR.conflict],
      [FIND_PLAN_TEST, ...unknownChecks(s, ["business_operating", "income_stable", "turnover_decline", ...UNABLE_ARGS])],
    );
  }

  // 4-5. unwillingness
  if (unwilling.length > 0) {
    const discounted = s.proposedPlan === true ? [planDiscountedFact(s.brokenPromises as number)] : [];
    if (s.businessOperating === true || s.contradiction === true) {
      const able = s.businessOperating === true ? [FACT.businessOperating] : [];
      // What could still overturn it: a doubt on ability (row 2), a credible plan (row 3), an unable signal (row 1).
      const open: SignalArgument[] = [
        "business_operating",
        "income_stable",
        "turnover_decline",
        ...(promisesBroken ? [] : ["proposed_plan" as const]),
        ...UNABLE_ARGS,
      ];
      return result("willful", [...able, ...unwilling, ...discounted], unknownChecks(s, open));
    }
    return result(
      "unclear",
      [...unwilling, ...discounted, WHY_UNCLEAR.abilityUnknown],
      [...unknownChecks(s, ["business_operating", "income_stable", "contradiction", ...UNABLE_ARGS])],
    );
  }

  // 6. temporary
  const incomeOk = s.incomeStable === true || s.turnoverDecline === "none" || s.turnoverDecline === "short-term";
  const incomeFacts: Reason[] = [];
  if (s.incomeStable === true) incomeFacts.push(FACT.incomeStable);
  if (s.turnoverDecline === "none") incomeFacts.push(FACT.turnoverNone);
  if (s.turnoverDecline === "short-term") incomeFacts.push(FACT.turnoverShort);
  const unwillingUnknown = unknownChecks(s, UNWILLING_ARGS);
  if (s.businessOperating === true && crediblePlan && incomeOk) {
    return result(
      "temporary",
      [FACT.businessOperating, ...incomeFacts, FACT.proposedPlan, ...(unwillingUnknown.length === 0 ? [FACT.noUnwillingness] : [])],
      [...unknownChecks(s, ["income_stable", "turnover_decline"]), ...unwillingUnknown, ...unknownChecks(s, UNABLE_ARGS)],
    );
  }

  // 7. not enough
  const seen: Reason[] = [];
  if (s.businessOperating === true) seen.push(FACT.businessOperating);
  seen.push(...incomeFacts);
  if (s.proposedPlan === true) seen.push(FACT.proposedPlan);
  if (s.proposedPlan === false) seen.push(FACT.noPlan);
  const checks = unknownChecks(s, [
    "business_operating",
    ...(incomeOk ? [] : (["income_stable", "turnover_decline"] as const)),
    "proposed_plan",
    ...UNWILLING_ARGS,
    ...UNABLE_ARGS,
  ]);
  if (s.proposedPlan === false) checks.push(FIND_ASK_PLAN);
  return result("unclear", [...seen, WHY_UNCLEAR.notEnough], checks);
}

/** Profile names as AR.PROFILE shows them. */
export const PROFILE_NAMES: Readonly<Record<Language, Readonly<Record<DebtorProfile, string>>>> = {
  en: { temporary: "temporary", willful: "willful", unable: "unable", unclear: "unclear" },
  zh: { temporary: "暂时困难型", willful: "故意拖欠型", unable: "无能力偿还型", unclear: "不明" },
};
