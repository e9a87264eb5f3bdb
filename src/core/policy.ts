/**
 * The credit policy: every threshold of the rulebook (rules.md), with its defaults. A firm edits it once
 * for its workbook; formulas may override a value for one call. Every value is checked, and a bad one is
 * refused with a message that names the field.
 */
import { RuleError, show } from "./errors.js";

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
}

/** The defaults of rules.md. */
export const DEFAULT_POLICY: Policy = Object.freeze({
  smallAmountLimit: 50_000,
  largeAmountThreshold: 500_000,
  creditTermDays: Object.freeze({ A: 30, B: 15, C: 0 }),
  agingEdges: Object.freeze([30, 60, 90]),
  warningDays: Object.freeze([30, 60, 90]) as readonly [number, number, number],
  settlementTiers: Object.freeze([Object.freeze({ days: 10, rate: 0.9 }), Object.freeze({ days: 20, rate: 0.95 })]),
});

/** A partial policy: the fields a firm or a call changes. */
export type PolicyOverrides = { -readonly [K in keyof Policy]?: Policy[K] };

/**
 * Checks aging bucket edges: whole numbers >= 1, strictly increasing, at least one.
 * @returns the edges, for chaining
 */
export function checkAgingEdges(edges: readonly number[], field = "agingEdges"): readonly number[] {
  if (edges.length === 0) throw new RuleError(field, "needs at least one edge, e.g. 30,60,90", "至少需要一个分界，如 30,60,90");
  edges.forEach((edge, i) => {
    if (!Number.isInteger(edge) || edge < 1) {
      throw new RuleError(field, `${show(edge)} is not a whole number of days >= 1`, `${show(edge)} 不是大于等于 1 的整数天数`);
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
    if (!Number.isInteger(tier.days) || tier.days < 0) {
      throw new RuleError(field, `days ${show(tier.days)} is not a whole number >= 0`, `天数 ${show(tier.days)} 不是大于等于 0 的整数`);
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
  const w = policy.warningDays;
  if (w.length !== 3) throw new RuleError("warningDays", "needs exactly three values (levels 1, 2, 3)", "需要三个值（一、二、三级预警）");
  w.forEach((d, i) => {
    checkDays(d, "warningDays");
    if (d < 1) throw new RuleError("warningDays", "must be >= 1 day", "必须大于等于 1 天");
    if (i > 0 && d <= w[i - 1]) throw new RuleError("warningDays", `must increase: ${w.join(",")}`, `必须递增：${w.join(",")}`);
  });
  checkSettlementTiers(policy.settlementTiers);
  return policy;
}

/**
 * A policy with some fields changed, checked as a whole.
 * @param overrides the fields to change
 * @param base the policy to start from (the defaults unless given)
 */
export function withOverrides(overrides: PolicyOverrides, base: Policy = DEFAULT_POLICY): Policy {
  return validatePolicy({ ...base, ...overrides });
}
