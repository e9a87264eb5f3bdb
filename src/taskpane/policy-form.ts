/**
 * The policy as a form: one text field per setting, in the words an accountant types (`50,000`, `80%`,
 * `30,60,90`, `10:90%,20:95%`), read back through the rules core's own readers so that a bad entry is
 * refused with a message naming the field. No DOM here: policy-tab.tsx draws it.
 */
import {
  formatRate,
  readAgingEdges,
  readAmount,
  readCount,
  readNumberList,
  readProvisionRates,
  readRate,
  readSettlementTiers,
  readSignal,
  RuleError,
  validatePolicy,
  type Policy,
  type Language,
} from "../core/index.js";

/** A form field: its key (also the name errors use), its labels, and how to show and read it. */
export interface PolicyField {
  readonly key: string;
  readonly label: Readonly<Record<Language, string>>;
  readonly show: (policy: Policy) => string;
  readonly read: (text: string, into: Mutable) => void;
}

type Mutable = { -readonly [K in keyof Policy]: Policy[K] };

const rate = (key: keyof Policy, en: string, zh: string): PolicyField => ({
  key,
  label: { en, zh },
  show: (p) => formatRate(p[key] as number),
  read: (t, into) => {
    (into as Record<string, unknown>)[key] = readRate(t, key);
  },
});
const whole = (key: keyof Policy, en: string, zh: string): PolicyField => ({
  key,
  label: { en, zh },
  show: (p) => String(p[key]),
  read: (t, into) => {
    (into as Record<string, unknown>)[key] = readCount(t, key);
  },
});
const amount = (key: keyof Policy, en: string, zh: string): PolicyField => ({
  key,
  label: { en, zh },
  // every decimal shown, so that saving again never changes an amount
  show: (p) => (p[key] as number).toLocaleString("en-US", { maximumFractionDigits: 20 }),
  read: (t, into) => {
    (into as Record<string, unknown>)[key] = readAmount(t, key);
  },
});
const yesNo = (key: keyof Policy, en: string, zh: string): PolicyField => ({
  key,
  label: { en, zh },
  show: (p) => (p[key] ? "yes" : "no"),
  read: (t, into) => {
    const value = readSignal(t, key);
    if (value === null) throw new RuleError(key, "needs yes or no", "请填写 是 或 否");
    (into as Record<string, unknown>)[key] = value;
  },
});
const term = (grade: "A" | "B" | "C"): PolicyField => ({
  key: `creditTermDays.${grade}`,
  label: { en: `Credit term, grade ${grade} (days)`, zh: `${grade} 级账期（天）` },
  show: (p) => String(p.creditTermDays[grade]),
  read: (t, into) => {
    into.creditTermDays = { ...into.creditTermDays, [grade]: readCount(t, `creditTermDays.${grade}`) };
  },
});

/** The groups of the form, in order, with the keys of their fields. */
export const POLICY_GROUPS: readonly { readonly label: Readonly<Record<Language, string>>; readonly keys: readonly string[] }[] = [
  {
    label: { en: "Credit grades and terms", zh: "信用分级与账期" },
    keys: ["smallAmountLimit", "creditTermDays.A", "creditTermDays.B", "creditTermDays.C", "overdueGraceDays"],
  },
  {
    label: { en: "Aging and collection", zh: "账龄与催收" },
    keys: ["agingEdges", "warningDays", "largeAmountThreshold", "brokenPromisesWillful", "lawyerLetterDeadlineDays"],
  },
  {
    label: { en: "Settlements and instalment plans", zh: "和解与分期" },
    keys: [
      "settlementTiers",
      "settlementFromLevel",
      "planMaxInstalments",
      "planMaxConcessionRate",
      "planMaxCashFlowShare",
      "planProposalCashFlowShare",
      "planLastInstalmentConcession",
      "futureBenefitOffered",
      "futureBenefitDays",
      "futureBenefitExtraDays",
      "futureBenefitDiscountRate",
    ],
  },
  {
    label: { en: "Factoring and credit insurance", zh: "保理与信用保险" },
    keys: ["factoringAdvanceRate", "factoringFeeRate", "insuranceIndemnityRate", "insurancePremiumRate"],
  },
  {
    label: { en: "Provisions, limitation, confirmations", zh: "坏账准备、诉讼时效、对账" },
    keys: ["provisionRates", "limitationYears", "limitationWarningDays", "confirmationDay"],
  },
  {
    label: { en: "Collection log", zh: "催收记录" },
    keys: ["promiseGraceDays", "followUpDaysLevel2", "followUpDaysLevel3"],
  },
];

/** Every setting of the policy. */
export const POLICY_FORM: readonly PolicyField[] = [
  amount("smallAmountLimit", "Small-amount limit (grade B/C)", "小额上限（B/C 级分界）"),
  term("A"),
  term("B"),
  term("C"),
  {
    key: "agingEdges",
    label: { en: "Aging bucket edges (days)", zh: "账龄分段（天）" },
    show: (p) => p.agingEdges.join(","),
    read: (t, into) => {
      into.agingEdges = readAgingEdges(t, "agingEdges");
    },
  },
  {
    key: "warningDays",
    label: { en: "Warning levels 1, 2, 3 from (days)", zh: "一、二、三级预警起点（天）" },
    show: (p) => p.warningDays.join(","),
    read: (t, into) => {
      const days = readNumberList(t, "warningDays");
      if (days.length !== 3)
        throw new RuleError("warningDays", "needs exactly three values (levels 1, 2, 3)", "需要三个值（一、二、三级预警）");
      into.warningDays = [days[0], days[1], days[2]];
    },
  },
  amount("largeAmountThreshold", "Large amount: meet face to face from", "大额（面谈催收）起点"),
  {
    key: "settlementTiers",
    label: { en: "Settlement ladder (days:rate)", zh: "和解报价阶梯（天数:比率）" },
    show: (p) => p.settlementTiers.map((t) => `${t.days}:${formatRate(t.rate)}`).join(","),
    read: (t, into) => {
      into.settlementTiers = readSettlementTiers(t, "settlementTiers");
    },
  },
  whole("settlementFromLevel", "Settlement ladder offered from warning level", "从该预警级别起提供和解报价"),
  whole("planMaxInstalments", "Instalment plan: most instalments", "分期方案：最多期数"),
  rate("planMaxConcessionRate", "Instalment plan: largest concession", "分期方案：最大减免比例"),
  rate("planMaxCashFlowShare", "Instalment fits within this share of free cash flow", "每期还款不超过自由现金流的比例"),
  rate("planProposalCashFlowShare", "Instalment proposal: share of free cash flow", "分期建议：每期占自由现金流的比例"),
  rate(
    "planLastInstalmentConcession",
    "Instalment proposal: last instalment reduced by (share of one)",
    "分期建议：最后一期减免（占一期的比例）",
  ),
  yesNo("futureBenefitOffered", "Offer a future benefit for paying now", "提供“未来利益换现在还款”"),
  whole("futureBenefitDays", "Future benefit: pay in full within (days)", "未来利益：须在几天内全额还清"),
  whole("futureBenefitExtraDays", "Future benefit: extra days of credit on the next order", "未来利益：下次合作延长账期（天）"),
  rate("futureBenefitDiscountRate", "Future benefit: discount on the next order", "未来利益：下次合作折扣"),
  rate("factoringAdvanceRate", "Factoring: advance", "保理：预付比例"),
  rate("factoringFeeRate", "Factoring: fee", "保理：手续费率"),
  rate("insuranceIndemnityRate", "Credit insurance: share of a loss paid", "信用保险：赔付比例"),
  rate("insurancePremiumRate", "Credit insurance: premium", "信用保险：保费率"),
  {
    key: "provisionRates",
    label: { en: "Provision rates (days:rate, * beyond)", zh: "坏账准备计提比例（天数:比率，* 为其余）" },
    show: (p) => p.provisionRates.map((r) => `${r.upTo === null ? "*" : r.upTo}:${formatRate(r.rate)}`).join(","),
    read: (t, into) => {
      into.provisionRates = readProvisionRates(t, "provisionRates");
    },
  },
  whole("limitationYears", "Limitation period (years)", "诉讼时效（年）"),
  whole("limitationWarningDays", "Warn before the limitation ends (days)", "时效届满前预警（天）"),
  whole("confirmationDay", "Monthly balance confirmation by day", "每月对账截止日"),
  whole("brokenPromisesWillful", "Broken promises that mark a willful debtor", "认定故意拖欠的失信次数"),
  whole("lawyerLetterDeadlineDays", "Deadline in the lawyer's letter (days)", "律师函期限（天）"),
  whole("overdueGraceDays", "Payment history: grace after the due date (days)", "付款记录：到期后宽限天数"),
  whole("promiseGraceDays", "Promise to pay: grace after the promised date (days)", "承诺还款：承诺日期后宽限天数"),
  whole("followUpDaysLevel2", "Warning level 2: next contact after (days)", "二级预警：下次跟进间隔（天）"),
  whole("followUpDaysLevel3", "Warning level 3: next contact after (days)", "三级预警：下次跟进间隔（天）"),
];

/** The form's texts for a policy. */
export function policyToForm(policy: Policy): Record<string, string> {
  return Object.fromEntries(POLICY_FORM.map((f) => [f.key, f.show(policy)]));
}

/**
 * Reads the form back into a policy, field by field and then as a whole. Throws the first RuleError,
 * whose `argument` is the field's key (so the pane can point at it).
 */
export function formToPolicy(texts: Readonly<Record<string, string>>, base: Policy): Policy {
  const into = { ...base } as Mutable;
  for (const field of POLICY_FORM) {
    const text = texts[field.key];
    if (text === undefined) continue;
    field.read(text, into);
  }
  return validatePolicy(into);
}

/** The field of the form a RuleError points at, if any. */
export function fieldOf(error: RuleError): PolicyField | undefined {
  return POLICY_FORM.find((f) => f.key === error.argument);
}

/** A refused entry as the pane shows it. */
export interface Refusal {
  /** The key of the field it points at, if it points at one of the form. */
  readonly key?: string;
  /** The reason alone, for next to the field. */
  readonly detail: string;
  /** The reason naming the field by its label, in the pane's language (for a message away from the field). */
  readonly text: string;
}

/** How the pane shows a RuleError from the form or from a stored policy: by the field's label, not its key. */
export function describeRefusal(error: RuleError, language: Language): Refusal {
  const field = fieldOf(error);
  if (!field) return { detail: error.detail[language], text: error.text(language) };
  return {
    key: field.key,
    detail: error.detail[language],
    text: `${field.label[language]}${language === "zh" ? "：" : ": "}${error.detail[language]}`,
  };
}
