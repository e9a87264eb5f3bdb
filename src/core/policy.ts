/**
 * The credit policy: every threshold of the rulebook (rules.md), with its defaults. A firm edits it once
 * for its workbook; formulas may override a value for one call. Every value is checked, and a bad one is
 * refused with a message that names the field.
 */
import { RuleError, show, type Language } from "./errors.js";

/** One step of the settlement ladder: pay within `days` days and `rate` of the balance settles it. */
export interface SettlementTier {
  readonly days: number;
  readonly rate: number;
}

/** Credit grades of rules.md section 1. */
export type CreditGrade = "A" | "B" | "C";

/** All thresholds of the rulebook. */
export interface Policy {
  /** Largest single overdue amount that still counts as small (grade B rather than C). Default 50,000. */
  readonly smallAmountLimit: number;
  /** Overdue amounts from this size on are chased face to face, not by phone. Default 500,000. */
  readonly largeAmountThreshold: number;
  /** Credit term in days for each grade. Default A 30, B 15, C 0 (cash on delivery). */
  readonly creditTermDays: Readonly<Record<CreditGrade, number>>;
  /** Upper edges of the aging buckets in days past due. Default 30, 60, 90. */
  readonly agingEdges: readonly number[];
  /** Days past due at which warning levels 1, 2 and 3 start. Default 30, 60, 90. */
  readonly warningDays: readonly [number, number, number];
  /** The settlement ladder. Default pay within 10 days: 90%; within 20 days: 95%. */
  readonly settlementTiers: readonly SettlementTier[];
  /** Most instalments a plan may have. Default 24 (decision; the article's plan has 12). */
  readonly planMaxInstalments: number;
  /** Largest concession as a share of the balance. Default 5% (decision; the article gives 50,000 of 1,200,000). */
  readonly planMaxConcessionRate: number;
  /** An instalment fits when it is at most this share of the debtor's monthly free cash flow. Default 80% (decision; the article's 100,000 of 150,000 fits). */
  readonly planMaxCashFlowShare: number;
  /** Share of a factored receivable advanced now. Default 80%. */
  readonly factoringAdvanceRate: number;
  /** Factoring fee on the receivable. Default 2% (decision: the middle of the articles' 1-3%). */
  readonly factoringFeeRate: number;
  /** Share of a loss that credit insurance pays. Default 80%. */
  readonly insuranceIndemnityRate: number;
  /** Premium rate on insured receivables. Default 1% (decision: within the articles' 0.5-2%). */
  readonly insurancePremiumRate: number;
  /** Expected-credit-loss rates by days past due (IFRS 9 simplified approach), in increasing `upTo` order, the last with `upTo` null (beyond). */
  readonly provisionRates: readonly ProvisionRate[];
  /** Years of the limitation period (PRC Civil Code art. 188). Default 3. */
  readonly limitationYears: number;
  /** Flag a debt this many days before its limitation period ends. Default 180 (decision). */
  readonly limitationWarningDays: number;
  /** Day of the month by which each customer confirms its balance. Default 5. */
  readonly confirmationDay: number;
  /** Broken payment promises that, with the ability to pay, mark a debtor as willfully delinquent. Default 2 (decision: "repeated"). */
  readonly brokenPromisesWillful: number;
  /** Deadline in days given in the lawyer's letter to a willful debtor. Default 3. */
  readonly lawyerLetterDeadlineDays: number;
  /** Days after the due date a payment still counts as on time in the payment history (overdue events). Default 0 (the issue: "a grace of N days is a policy setting, default 0"). */
  readonly overdueGraceDays: number;
  // ---- issue 11: rules applied where they belong (settlement from a level, the instalment proposal, the future benefit)
  /**
   * The settlement ladder is offered on debts from this warning level on (0: any overdue debt), never on a
   * debt not yet due nor to a debtor unable to pay (the claim route). Default 1 (decision: the ladder's
   * discounts are a lever for debts in collection, not for a reminder).
   */
  readonly settlementFromLevel: number;
  /**
   * The triage's instalment proposal sizes each instalment to at most this share of the debtor's monthly
   * free cash flow (the rest is the debtor's buffer), and never above planMaxCashFlowShare. Default 70%
   * (decision: the article's 100,000 of 150,000 is two thirds; 70% leaves a buffer of 30% and gives the
   * article's 12 instalments).
   */
  readonly planProposalCashFlowShare: number;
  /**
   * The proposal's concession: the last instalment reduced by this share of one instalment, within
   * planMaxConcessionRate of the balance. Default 50% (the article: 100,000 a month, the last reduced by 50,000).
   */
  readonly planLastInstalmentConcession: number;
  /** Whether the future-benefit offer (用未来利益换现在还款) is made beside the settlement ladder. Default true. */
  readonly futureBenefitOffered: boolean;
  /** The future benefit asks for the full balance within this many days. Default 30 (the article). */
  readonly futureBenefitDays: number;
  /** Days of credit added to the next order's term when the balance is paid in time. Default 15 (the article). */
  readonly futureBenefitExtraDays: number;
  /** Discount on the next order when the balance is paid in time. Default 1% (the article). */
  readonly futureBenefitDiscountRate: number;
  // ---- issue 12: the workbook's currency
  /**
   * ISO 4217 code of the workbook's amounts (three upper-case letters), shown next to every amount the pane
   * labels ("Small overdue limit, grade C above it (CNY)"). A label only: no rule converts or rounds by currency. Default "CNY"
   * (the articles' amounts are in yuan).
   */
  readonly currency: string;
  // ---- issue 13: the collection log (docs/collection-log.md)
  /**
   * Days after a promised date (or an instalment's due date) a payment still keeps the promise. Default 3
   * (decision: a transfer ordered on the promised day may arrive the next banking day, and a Friday
   * promise on the Monday).
   */
  readonly promiseGraceDays: number;
  /**
   * At warning level 2 the next contact is due this many days after the last one. Default 7 (decision: the
   * finance manager phones the owner weekly, about four recorded calls between level 2 at 60 days and level 3 at 90).
   */
  readonly followUpDaysLevel2: number;
  /**
   * At warning level 3 the next contact is due this many days after the last one. Default 3 (decision: the
   * deadline of the lawyer's letter, lawyerLetterDeadlineDays; legal follows up when it lapses).
   */
  readonly followUpDaysLevel3: number;
}

/** One provision rate: receivables up to `upTo` days past due (null: beyond the previous bound) carry `rate`. */
export interface ProvisionRate {
  readonly upTo: number | null;
  readonly rate: number;
}

/** The defaults of rules.md. */
export const DEFAULT_POLICY: Policy = Object.freeze({
  smallAmountLimit: 50_000,
  largeAmountThreshold: 500_000,
  creditTermDays: Object.freeze({ A: 30, B: 15, C: 0 }),
  agingEdges: Object.freeze([30, 60, 90]),
  warningDays: Object.freeze([30, 60, 90]) as readonly [number, number, number],
  settlementTiers: Object.freeze([Object.freeze({ days: 10, rate: 0.9 }), Object.freeze({ days: 20, rate: 0.95 })]),
  planMaxInstalments: 24,
  planMaxConcessionRate: 0.05,
  planMaxCashFlowShare: 0.8,
  factoringAdvanceRate: 0.8,
  factoringFeeRate: 0.02,
  insuranceIndemnityRate: 0.8,
  insurancePremiumRate: 0.01,
  // IFRS 9 B5.5.35 illustration: not due 1%, 1-30 days 2%, 31-90 days 3%, 91-180 days 20%; beyond 180 days
  // 50% (decision: the illustration stops at 180 days).
  provisionRates: Object.freeze([
    Object.freeze({ upTo: 0, rate: 0.01 }),
    Object.freeze({ upTo: 30, rate: 0.02 }),
    Object.freeze({ upTo: 90, rate: 0.03 }),
    Object.freeze({ upTo: 180, rate: 0.2 }),
    Object.freeze({ upTo: null, rate: 0.5 }),
  ]),
  limitationYears: 3,
  limitationWarningDays: 180,
  confirmationDay: 5,
  brokenPromisesWillful: 2,
  lawyerLetterDeadlineDays: 3,
  overdueGraceDays: 0,
  settlementFromLevel: 1,
  planProposalCashFlowShare: 0.7,
  planLastInstalmentConcession: 0.5,
  futureBenefitOffered: true,
  futureBenefitDays: 30,
  futureBenefitExtraDays: 15,
  futureBenefitDiscountRate: 0.01,
  currency: "CNY",
  promiseGraceDays: 3,
  followUpDaysLevel2: 7,
  followUpDaysLevel3: 3,
});

/** A partial policy: the fields a firm or a call changes. */
export type PolicyOverrides = { -readonly [K in keyof Policy]?: Policy[K] };

/**
 * The most days a count of days past due (or a ladder's deadline) can be: the span of Excel's calendar,
 * 1900-01-01 to 9999-12-31. An edge beyond it could never be reached, and would only make labels absurd.
 */
export const MAX_DAYS = 2_958_465;

/**
 * Checks aging bucket edges: whole numbers from 1 to MAX_DAYS, strictly increasing, at least one.
 * @returns the edges, for chaining
 */
export function checkAgingEdges(edges: readonly number[], field = "agingEdges"): readonly number[] {
  if (edges.length === 0) throw new RuleError(field, "needs at least one edge, e.g. 30,60,90", "至少需要一个分界，如 30,60,90");
  edges.forEach((edge, i) => {
    if (!Number.isInteger(edge) || edge < 1 || edge > MAX_DAYS) {
      throw new RuleError(
        field,
        `${show(edge)} is not a whole number of days from 1 to 2,958,465 (the span of Excel's calendar)`,
        `${show(edge)} 不是 1 到 2,958,465（Excel 日历的跨度）之间的整数天数`,
      );
    }
    if (i > 0 && edge <= edges[i - 1]) {
      throw new RuleError(field, `edges must increase: ${edges.join(",")}`, `分界必须递增：${edges.join(",")}`);
    }
  });
  return edges;
}

/**
 * Checks a settlement ladder: days whole, >= 0 and strictly increasing; rates in (0, 1] and never lower
 * for a later deadline (paying later must never cost the debtor less).
 */
export function checkSettlementTiers(tiers: readonly SettlementTier[], field = "settlementTiers"): readonly SettlementTier[] {
  if (tiers.length === 0) throw new RuleError(field, "needs at least one tier, e.g. 10:0.90,20:0.95", "至少需要一档，如 10:0.90,20:0.95");
  tiers.forEach((tier, i) => {
    if (!Number.isInteger(tier.days) || tier.days < 0 || tier.days > MAX_DAYS) {
      throw new RuleError(
        field,
        `days ${show(tier.days)} is not a whole number from 0 to 2,958,465`,
        `天数 ${show(tier.days)} 不是 0 到 2,958,465 之间的整数`,
      );
    }
    if (!(tier.rate > 0 && tier.rate <= 1)) {
      throw new RuleError(field, `rate ${show(tier.rate)} is not in (0, 1]`, `比率 ${show(tier.rate)} 不在 (0, 1] 之内`);
    }
    if (i > 0 && tier.days <= tiers[i - 1].days) {
      throw new RuleError(field, "days must increase from tier to tier", "各档天数必须递增");
    }
    if (i > 0 && tier.rate < tiers[i - 1].rate) {
      throw new RuleError(field, "a later tier cannot have a lower rate than an earlier one", "后一档的比率不能低于前一档");
    }
  });
  return tiers;
}

/**
 * Checks the days at which warning levels start (their count, three, is the policy's to check): whole
 * numbers >= 1, strictly increasing.
 * @returns the days, for chaining
 */
export function checkWarningDays(days: readonly number[], field = "warningDays"): readonly number[] {
  days.forEach((d, i) => {
    checkDays(d, field);
    if (d < 1) throw new RuleError(field, "must be >= 1 day", "必须大于等于 1 天");
    if (i > 0 && d <= days[i - 1]) throw new RuleError(field, `must increase: ${days.join(",")}`, `必须递增：${days.join(",")}`);
  });
  return days;
}

function checkAmount(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RuleError(field, `${show(value)} must be an amount >= 0`, `${show(value)} 必须是大于等于 0 的金额`);
  }
}

function checkDays(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RuleError(field, `${show(value)} must be a whole number of days >= 0`, `${show(value)} 必须是大于等于 0 的整数天数`);
  }
}

/**
 * Checks a whole policy and returns it. Throws a RuleError naming the first bad field
 * (`creditTermDays.B`, `warningDays`, ...).
 */
export function validatePolicy(policy: Policy): Policy {
  checkAmount(policy.smallAmountLimit, "smallAmountLimit");
  checkAmount(policy.largeAmountThreshold, "largeAmountThreshold");
  if (policy.largeAmountThreshold < policy.smallAmountLimit) {
    throw new RuleError("largeAmountThreshold", "must not be below smallAmountLimit", "不能低于 smallAmountLimit（小额上限）");
  }
  for (const grade of ["A", "B", "C"] as const) checkDays(policy.creditTermDays[grade], `creditTermDays.${grade}`);
  checkAgingEdges(policy.agingEdges);
  if (policy.warningDays.length !== 3)
    throw new RuleError("warningDays", "needs exactly three values (levels 1, 2, 3)", "需要三个值（一、二、三级预警）");
  checkWarningDays(policy.warningDays);
  checkSettlementTiers(policy.settlementTiers);
  checkWhole(policy.planMaxInstalments, "planMaxInstalments", 1, 600);
  checkRate(policy.planMaxConcessionRate, "planMaxConcessionRate");
  checkRate(policy.planMaxCashFlowShare, "planMaxCashFlowShare", true);
  checkRate(policy.factoringAdvanceRate, "factoringAdvanceRate", true);
  checkRate(policy.factoringFeeRate, "factoringFeeRate");
  if (policy.factoringAdvanceRate + policy.factoringFeeRate > 1) {
    throw new RuleError("factoringFeeRate", "advance rate plus fee rate cannot exceed 100%", "预付比例加手续费率不能超过 100%");
  }
  checkRate(policy.insuranceIndemnityRate, "insuranceIndemnityRate", true);
  checkRate(policy.insurancePremiumRate, "insurancePremiumRate");
  checkProvisionRates(policy.provisionRates);
  checkWhole(policy.limitationYears, "limitationYears", 1, 30);
  checkWhole(policy.limitationWarningDays, "limitationWarningDays", 0, 3650);
  checkWhole(policy.confirmationDay, "confirmationDay", 1, 28);
  checkWhole(policy.brokenPromisesWillful, "brokenPromisesWillful", 1, 100);
  checkWhole(policy.lawyerLetterDeadlineDays, "lawyerLetterDeadlineDays", 1, 365);
  checkWhole(policy.overdueGraceDays, "overdueGraceDays", 0, 365);
  checkWhole(policy.settlementFromLevel, "settlementFromLevel", 0, 3);
  checkRate(policy.planProposalCashFlowShare, "planProposalCashFlowShare", true);
  checkRate(policy.planLastInstalmentConcession, "planLastInstalmentConcession");
  if (typeof policy.futureBenefitOffered !== "boolean") {
    throw new RuleError(
      "futureBenefitOffered",
      `${show(policy.futureBenefitOffered)} is not true or false`,
      `${show(policy.futureBenefitOffered)} 不是 是/否`,
    );
  }
  checkWhole(policy.futureBenefitDays, "futureBenefitDays", 1, 365);
  checkWhole(policy.futureBenefitExtraDays, "futureBenefitExtraDays", 0, 365);
  checkRate(policy.futureBenefitDiscountRate, "futureBenefitDiscountRate");
  if (policy.futureBenefitOffered && policy.futureBenefitExtraDays === 0 && policy.futureBenefitDiscountRate === 0) {
    throw new RuleError(
      "futureBenefitDiscountRate",
      "0% and no extra days of credit: an offered future benefit must give something (or set futureBenefitOffered to false)",
      "0% 且不延长账期：提供未来利益时须至少给予一项（或将 futureBenefitOffered 设为否）",
    );
  }
  checkCurrency(policy.currency);
  checkWhole(policy.promiseGraceDays, "promiseGraceDays", 0, 365);
  checkWhole(policy.followUpDaysLevel2, "followUpDaysLevel2", 1, 365);
  checkWhole(policy.followUpDaysLevel3, "followUpDaysLevel3", 1, 365);
  return policy;
}

/**
 * Checks a currency code: three upper-case letters A-Z (the shape of an ISO 4217 code; the list itself is
 * not checked, so a new code works without an update).
 * @returns the code, for chaining
 */
export function checkCurrency(code: unknown, field = "currency"): string {
  if (typeof code !== "string" || !/^[A-Z]{3}$/.test(code)) {
    throw new RuleError(
      field,
      `${show(code)} is not a currency code of three upper-case letters (e.g. CNY, USD, EUR)`,
      `${show(code)} 不是由三个大写字母组成的币种代码（如 CNY、USD、EUR）`,
    );
  }
  return code;
}

/**
 * A label with the currency of its amount: "Balance (CNY)", "余额（CNY）". For every amount a screen or sheet
 * labels with the workbook's currency (policy.currency).
 */
export function withCurrency(label: string, currency: string, language: Language): string {
  return language === "zh" ? `${label}（${currency}）` : `${label} (${currency})`;
}

function checkRate(value: number, field: string, positive = false): void {
  if (!Number.isFinite(value) || value < 0 || value > 1 || (positive && value === 0)) {
    throw new RuleError(
      field,
      `${show(value)} must be a rate ${positive ? "above 0" : "from 0"} up to 1 (e.g. 0.8 for 80%)`,
      `${show(value)} 必须是${positive ? "大于 0" : "0 到"} 1 之间的比率（如 0.8 表示 80%）`,
    );
  }
}

function checkWhole(value: number, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RuleError(
      field,
      `${show(value)} must be a whole number from ${min} to ${max}`,
      `${show(value)} 必须是 ${min} 到 ${max} 之间的整数`,
    );
  }
}

/**
 * Checks provision rates: bounds whole, >= 0 and strictly increasing, the last one open (null); rates in
 * [0, 1] and never lower for older debts (a provision must not fall as a debt ages).
 */
export function checkProvisionRates(rates: readonly ProvisionRate[], field = "provisionRates"): readonly ProvisionRate[] {
  if (rates.length === 0 || rates[rates.length - 1].upTo !== null) {
    throw new RuleError(
      field,
      "the last rate must cover everything beyond the last bound (e.g. *:50%)",
      "最后一档必须覆盖其余所有天数（如 *:50%）",
    );
  }
  rates.forEach((r, i) => {
    if (r.upTo === null && i < rates.length - 1)
      throw new RuleError(field, "only the last rate may be open-ended", "只有最后一档可以不设上限");
    if (r.upTo !== null && (!Number.isInteger(r.upTo) || r.upTo < 0 || r.upTo > MAX_DAYS)) {
      throw new RuleError(
        field,
        `bound ${show(r.upTo)} is not a whole number of days from 0 to 2,958,465`,
        `上限 ${show(r.upTo)} 不是 0 到 2,958,465 之间的整数天数`,
      );
    }
    const previous = rates[i - 1];
    if (r.upTo !== null && previous && previous.upTo !== null && r.upTo <= previous.upTo) {
      throw new RuleError(field, "bounds must increase", "各档上限必须递增");
    }
    if (!(r.rate >= 0 && r.rate <= 1))
      throw new RuleError(field, `rate ${show(r.rate)} is not in [0, 1]`, `比率 ${show(r.rate)} 不在 [0, 1] 之内`);
    if (previous && r.rate < previous.rate) {
      throw new RuleError(field, "an older bucket cannot have a lower rate than a younger one", "账龄更长的一档比率不能低于账龄更短的一档");
    }
  });
  return rates;
}

/**
 * A policy with some fields changed, checked as a whole.
 * @param overrides the fields to change
 * @param base the policy to start from (the defaults unless given)
 */
export function withOverrides(overrides: PolicyOverrides, base: Policy = DEFAULT_POLICY): Policy {
  return validatePolicy({ ...base, ...overrides });
}

/** Field names of the policy, in the order they are shown and stored. */
export const POLICY_FIELDS = Object.keys(DEFAULT_POLICY) as readonly (keyof Policy)[];

/**
 * Reads a stored policy (e.g. the JSON a workbook carries): fields missing from an older version take
 * the defaults, unknown fields are refused (a typo must not pass silently), each field's type is checked,
 * then the whole policy. Throws a RuleError naming the field.
 */
export function readPolicy(value: unknown): Policy {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RuleError("policy", "is not an object of settings", "不是一组设置");
  }
  const stored = value as Record<string, unknown>;
  for (const key of Object.keys(stored)) {
    if (!(POLICY_FIELDS as readonly string[]).includes(key)) throw new RuleError(key, "is not a policy setting", "不是政策设置项");
  }
  const number = (key: keyof Policy): number => {
    const v = stored[key];
    if (v === undefined) return DEFAULT_POLICY[key] as number;
    if (typeof v !== "number") throw new RuleError(key, `${show(v)} is not a number`, `${show(v)} 不是数字`);
    return v;
  };
  const flag = (key: keyof Policy): boolean => {
    const v = stored[key];
    if (v === undefined) return DEFAULT_POLICY[key] as boolean;
    if (typeof v !== "boolean") throw new RuleError(key, `${show(v)} is not true or false`, `${show(v)} 不是 是/否`);
    return v;
  };
  const list = <T>(key: keyof Policy, item: (x: unknown) => T): readonly T[] => {
    const v = stored[key];
    if (v === undefined) return DEFAULT_POLICY[key] as unknown as readonly T[];
    if (!Array.isArray(v)) throw new RuleError(key, "is not a list", "不是列表");
    return v.map(item);
  };
  const num =
    (key: string) =>
    (x: unknown): number => {
      if (typeof x !== "number") throw new RuleError(key, `${show(x)} is not a number`, `${show(x)} 不是数字`);
      return x;
    };
  const record =
    (key: keyof Policy, fields: readonly string[]) =>
    (x: unknown): Record<string, unknown> => {
      if (typeof x !== "object" || x === null)
        throw new RuleError(key, `${show(x)} is not a {${fields.join(", ")}} entry`, `${show(x)} 不是 {${fields.join(", ")}} 项`);
      return x as Record<string, unknown>;
    };
  const terms = stored.creditTermDays;
  if (terms !== undefined && (typeof terms !== "object" || terms === null))
    throw new RuleError("creditTermDays", "is not {A, B, C}", "不是 {A, B, C}");
  const termsOf = (terms ?? DEFAULT_POLICY.creditTermDays) as Record<string, unknown>;
  const policy: Policy = {
    smallAmountLimit: number("smallAmountLimit"),
    largeAmountThreshold: number("largeAmountThreshold"),
    creditTermDays: {
      A: num("creditTermDays.A")(termsOf.A ?? DEFAULT_POLICY.creditTermDays.A),
      B: num("creditTermDays.B")(termsOf.B ?? DEFAULT_POLICY.creditTermDays.B),
      C: num("creditTermDays.C")(termsOf.C ?? DEFAULT_POLICY.creditTermDays.C),
    },
    agingEdges: list("agingEdges", num("agingEdges")),
    warningDays: list("warningDays", num("warningDays")) as unknown as Policy["warningDays"],
    settlementTiers: list("settlementTiers", (x) => {
      const t = record("settlementTiers", ["days", "rate"])(x);
      return { days: num("settlementTiers")(t.days), rate: num("settlementTiers")(t.rate) };
    }),
    planMaxInstalments: number("planMaxInstalments"),
    planMaxConcessionRate: number("planMaxConcessionRate"),
    planMaxCashFlowShare: number("planMaxCashFlowShare"),
    factoringAdvanceRate: number("factoringAdvanceRate"),
    factoringFeeRate: number("factoringFeeRate"),
    insuranceIndemnityRate: number("insuranceIndemnityRate"),
    insurancePremiumRate: number("insurancePremiumRate"),
    provisionRates: list("provisionRates", (x) => {
      const r = record("provisionRates", ["upTo", "rate"])(x);
      return { upTo: r.upTo === null ? null : num("provisionRates")(r.upTo), rate: num("provisionRates")(r.rate) };
    }),
    limitationYears: number("limitationYears"),
    limitationWarningDays: number("limitationWarningDays"),
    confirmationDay: number("confirmationDay"),
    brokenPromisesWillful: number("brokenPromisesWillful"),
    lawyerLetterDeadlineDays: number("lawyerLetterDeadlineDays"),
    overdueGraceDays: number("overdueGraceDays"),
    settlementFromLevel: number("settlementFromLevel"),
    planProposalCashFlowShare: number("planProposalCashFlowShare"),
    planLastInstalmentConcession: number("planLastInstalmentConcession"),
    futureBenefitOffered: flag("futureBenefitOffered"),
    futureBenefitDays: number("futureBenefitDays"),
    futureBenefitExtraDays: number("futureBenefitExtraDays"),
    futureBenefitDiscountRate: number("futureBenefitDiscountRate"),
    currency: stored.currency === undefined ? DEFAULT_POLICY.currency : checkCurrency(stored.currency),
    promiseGraceDays: number("promiseGraceDays"),
    followUpDaysLevel2: number("followUpDaysLevel2"),
    followUpDaysLevel3: number("followUpDaysLevel3"),
  };
  return validatePolicy(policy);
}

/** The fields of a policy that differ from the defaults (what a workbook stores). */
export function policyChanges(policy: Policy): Partial<Policy> {
  const changes: Record<string, unknown> = {};
  for (const key of POLICY_FIELDS) {
    if (JSON.stringify(policy[key]) !== JSON.stringify(DEFAULT_POLICY[key])) changes[key] = policy[key];
  }
  return changes as Partial<Policy>;
}
