/**
 * Customer credit grade (客户信用分级, rules.md section 1): A, B or C from the overdue record of the
 * trailing 12 months and a cash-flow assessment, and the credit term that goes with the grade.
 */
import { RuleError, show, type Reason } from "./errors.js";
import { readWord } from "./input.js";
import { DEFAULT_POLICY, type CreditGrade, type Policy } from "./policy.js";
import { formatAmount } from "./format.js";

/** Cash-flow assessment: good / fair / poor (好 / 一般 / 差). */
export type CashFlow = "good" | "fair" | "poor";

/** Which rule of section 1 decided the grade (the first that matches, from C down). */
export type GradeRule = "C-repeat-overdue" | "C-poor-cash-flow" | "C-large-overdue" | "B-small-overdue" | "B-fair-cash-flow" | "A-clean";

const CASH_FLOW_WORDS: ReadonlyMap<string, CashFlow> = new Map([
  ["good", "good"],
  ["fair", "fair"],
  ["poor", "poor"],
  ["好", "good"],
  ["良好", "good"],
  ["一般", "fair"],
  ["中", "fair"],
  ["差", "poor"],
  ["较差", "poor"],
]);

/** Reads a cash-flow word: good/fair/poor in any case, or 好/良好, 一般/中, 差/较差. */
export function readCashFlow(value: unknown, argument = "cash_flow"): CashFlow {
  return readWord(value, argument, CASH_FLOW_WORDS, "good/fair/poor, 好/一般/差");
}

const GRADE_WORDS: ReadonlyMap<string, CreditGrade> = new Map([
  ["a", "A"],
  ["b", "B"],
  ["c", "C"],
]);

/** Reads a grade letter A, B or C (any case). */
export function readGrade(value: unknown, argument = "grade"): CreditGrade {
  return readWord(value, argument, GRADE_WORDS, "A/B/C");
}

/**
 * The rule of section 1 that decides a customer's grade. Cheap (no allocation): the hot path of
 * `AR.GRADE` down a column.
 * @param overdueCount overdue events in the trailing 12 months, whole number >= 0
 * @param largestOverdue the largest overdue amount among them, >= 0 (0 when none)
 * @param cashFlow the cash-flow assessment
 * @param smallAmountLimit the largest single overdue amount still counted as small
 */
export function gradeRule(overdueCount: number, largestOverdue: number, cashFlow: CashFlow, smallAmountLimit: number): GradeRule {
  if (overdueCount >= 2) return "C-repeat-overdue";
  if (cashFlow === "poor") return "C-poor-cash-flow";
  if (overdueCount === 1) return largestOverdue > smallAmountLimit ? "C-large-overdue" : "B-small-overdue";
  return cashFlow === "fair" ? "B-fair-cash-flow" : "A-clean";
}

/** The grade a rule gives. */
export function gradeOfRule(rule: GradeRule): CreditGrade {
  return rule.charAt(0) as CreditGrade;
}

/** Input of a customer's grade. */
export interface GradeInput {
  readonly overdueCount: number;
  readonly largestOverdue: number;
  readonly cashFlow: CashFlow;
}

/** A grade with its credit term and the reasons that decided it. */
export interface GradeResult {
  readonly grade: CreditGrade;
  readonly termDays: number;
  readonly rule: GradeRule;
  readonly reasons: readonly Reason[];
}

/**
 * Checks that an overdue record is consistent: counts whole and >= 0, amount >= 0, and no overdue amount
 * without an overdue event. Throws a RuleError naming the argument.
 */
export function checkOverdueRecord(overdueCount: number, largestOverdue: number): void {
  if (!Number.isInteger(overdueCount) || overdueCount < 0) {
    throw new RuleError("overdue_count", `${show(overdueCount)} is not a whole number >= 0`, `${show(overdueCount)} 不是大于等于 0 的整数`);
  }
  if (!Number.isFinite(largestOverdue) || largestOverdue < 0) {
    throw new RuleError(
      "overdue_amount",
      `${show(largestOverdue)} must be an amount >= 0`,
      `${show(largestOverdue)} 必须是大于等于 0 的金额`,
    );
  }
  if (overdueCount === 0 && largestOverdue > 0) {
    throw new RuleError(
      "overdue_amount",
      `${formatAmount(largestOverdue)} overdue but overdue_count is 0; give the count of overdue events or 0 as amount`,
      `逾期金额 ${formatAmount(largestOverdue)}，但逾期次数为 0；请填写逾期次数，或将金额填为 0`,
    );
  }
}

/**
 * Grades a customer (rules.md section 1) and explains why.
 * @example creditGrade({ overdueCount: 1, largestOverdue: 20000, cashFlow: "good" }).grade === "B"
 */
export function creditGrade(input: GradeInput, policy: Policy = DEFAULT_POLICY): GradeResult {
  checkOverdueRecord(input.overdueCount, input.largestOverdue);
  const rule = gradeRule(input.overdueCount, input.largestOverdue, input.cashFlow, policy.smallAmountLimit);
  const grade = gradeOfRule(rule);
  return { grade, termDays: policy.creditTermDays[grade], rule, reasons: gradeReasons(input, policy) };
}

/** The credit term in days of a grade (A 30, B 15, C 0 = cash on delivery, by default). */
export function creditTerm(grade: CreditGrade, policy: Policy = DEFAULT_POLICY): number {
  return policy.creditTermDays[grade];
}

/**
 * Every reason that bears on the grade: for C, all the C conditions that hold (a person checking the
 * verdict wants them all, not only the first); otherwise the one rule that gave B or A; then the term.
 */
export function gradeReasons(input: GradeInput, policy: Policy = DEFAULT_POLICY): Reason[] {
  const { overdueCount: n, largestOverdue: amount, cashFlow } = input;
  const limit = formatAmount(policy.smallAmountLimit);
  const reasons: Reason[] = [];
  if (n >= 2) {
    reasons.push({
      code: "C-repeat-overdue",
      en: `${n} overdue events in 12 months (2 or more: C)`,
      zh: `近12个月逾期${n}次（2次及以上：C级）`,
    });
  }
  if (cashFlow === "poor") reasons.push({ code: "C-poor-cash-flow", en: "cash flow poor (C)", zh: "现金流差（C级）" });
  if (n === 1 && amount > policy.smallAmountLimit) {
    reasons.push({
      code: "C-large-overdue",
      en: `1 overdue event of ${formatAmount(amount)}, above the small-amount limit ${limit} (C)`,
      zh: `近12个月逾期1次，金额${formatAmount(amount)}超过小额上限${limit}（C级）`,
    });
  }
  if (reasons.length === 0) {
    if (n === 1) {
      reasons.push({
        code: "B-small-overdue",
        en: `1 overdue event of ${formatAmount(amount)}, within the small-amount limit ${limit} (B)`,
        zh: `近12个月逾期1次，金额${formatAmount(amount)}未超过小额上限${limit}（B级）`,
      });
    } else if (cashFlow === "fair") {
      reasons.push({
        code: "B-fair-cash-flow",
        en: "no overdue event in 12 months, cash flow fair (B)",
        zh: "近12个月无逾期，现金流一般（B级）",
      });
    } else {
      reasons.push({ code: "A-clean", en: "no overdue event in 12 months and cash flow good (A)", zh: "近12个月无逾期且现金流好（A级）" });
    }
  }
  const grade = gradeOfRule(gradeRule(n, amount, cashFlow, policy.smallAmountLimit));
  const days = policy.creditTermDays[grade];
  reasons.push(
    days === 0
      ? { code: "term", en: "credit term 0 days: cash on delivery", zh: "账期0天：现款现货" }
      : { code: "term", en: `credit term ${days} days`, zh: `账期${days}天` },
  );
  return reasons;
}
