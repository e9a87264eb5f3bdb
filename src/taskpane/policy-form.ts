/**
 * The policy as a form, in the words an accountant types (`50,000`, `80%`, `CNY`): one text field per
 * setting, and a small table (rows of one or two cells) for each list-type setting: the aging bucket edges,
 * the warning levels, the settlement ladder and the provision rates. Every cell is read back through the
 * rules core's own readers and checks, so a bad entry is refused with the same bilingual message as a
 * formula argument, pointing at its field and, in a table, at its row and cell. The policy it gives is the
 * one the workbook stores, in the same stored form as before the tables (workbook-policy.ts). No DOM here:
 * policy-tab.tsx draws it.
 */
import {
  checkAgingEdges,
  checkCurrency,
  checkProvisionRates,
  checkSettlementTiers,
  checkWarningDays,
  formatRate,
  readAmount,
  readCount,
  readNumber,
  readRate,
  readSignal,
  RuleError,
  toHalfWidth,
  validatePolicy,
  withCurrency,
  type Language,
  type Policy,
  type ProvisionRate,
  type SettlementTier,
} from "../core/index.js";

type Label = Readonly<Record<Language, string>>;
type Mutable = { -readonly [K in keyof Policy]: Policy[K] };

/** The rows of a table field, each a list of cell texts. */
export type TableRows = readonly (readonly string[])[];

/** What the form holds for a field: its text, or a table field's rows. */
export type FormValue = string | TableRows;

/** The whole form: a value per field key. */
export type PolicyFormValues = Readonly<Record<string, FormValue>>;

interface FieldBase {
  /** The key (a policy field, or `creditTermDays.A`), also the name its errors use. */
  readonly key: string;
  readonly label: Label;
  /** An amount of money: its label carries the workbook's currency. */
  readonly amount?: boolean;
}

/** A setting typed as one text. */
export interface TextField extends FieldBase {
  readonly kind: "text";
  readonly show: (policy: Policy) => string;
  readonly read: (text: string, into: Mutable) => void;
}

/** A list-type setting edited as a small table. */
export interface TableField extends FieldBase {
  readonly kind: "table";
  /** The headers of the editable columns. */
  readonly columns: readonly Label[];
  /** A fixed number of rows (no add or remove), each with this read-only label before its cells. */
  readonly rowLabels?: readonly Label[];
  /**
   * The last row is fixed and open-ended (the provision rate beyond the last bound): its first cell is this
   * read-only word, rows are added above it and it cannot be removed.
   */
  readonly openLastRow?: Label;
  readonly show: (policy: Policy) => string[][];
  /** Reads the rows (fully empty rows are skipped, as in a range); throws a RuleError, a PolicyCellError for a cell or a row. */
  readonly read: (rows: TableRows, into: Mutable) => void;
}

/** A field of the form. */
export type PolicyField = TextField | TableField;

/** A refused entry of a table: the core's RuleError, with the row (and the cell, when one cell is at fault). */
export class PolicyCellError extends RuleError {
  /** The row, from 0, as the table shows it (empty rows counted). */
  readonly row: number;
  /** The column, from 0, or null when the row as a whole breaks a rule (e.g. days that do not increase). */
  readonly column: number | null;

  constructor(error: RuleError, row: number, column: number | null) {
    super(error.argument, error.detail.en, error.detail.zh);
    this.row = row;
    this.column = column;
  }
}

const set = (into: Mutable, key: keyof Policy, value: unknown) => {
  (into as Record<string, unknown>)[key] = value;
};

const rate = (key: keyof Policy, en: string, zh: string): TextField => ({
  kind: "text",
  key,
  label: { en, zh },
  show: (p) => formatRate(p[key] as number),
  read: (t, into) => set(into, key, readRate(t, key)),
});
const whole = (key: keyof Policy, en: string, zh: string): TextField => ({
  kind: "text",
  key,
  label: { en, zh },
  show: (p) => String(p[key]),
  read: (t, into) => set(into, key, readCount(t, key)),
});
const amount = (key: keyof Policy, en: string, zh: string): TextField => ({
  kind: "text",
  key,
  label: { en, zh },
  amount: true,
  // every decimal shown, so that saving again never changes an amount
  show: (p) => (p[key] as number).toLocaleString("en-US", { maximumFractionDigits: 20 }),
  read: (t, into) => set(into, key, readAmount(t, key)),
});
const yesNo = (key: keyof Policy, en: string, zh: string): TextField => ({
  kind: "text",
  key,
  label: { en, zh },
  show: (p) => (p[key] ? "yes" : "no"),
  read: (t, into) => {
    const value = readSignal(t, key);
    if (value === null) throw new RuleError(key, "needs yes or no", "请填写 是 或 否");
    set(into, key, value);
  },
});
const term = (grade: "A" | "B" | "C"): TextField => ({
  kind: "text",
  key: `creditTermDays.${grade}`,
  label: { en: `Credit term, grade ${grade} (days)`, zh: `${grade} 级账期（天）` },
  show: (p) => String(p.creditTermDays[grade]),
  read: (t, into) => {
    into.creditTermDays = { ...into.creditTermDays, [grade]: readCount(t, `creditTermDays.${grade}`) };
  },
});

const isBlank = (cell: string | undefined) => cell === undefined || cell.trim() === "";

/** Reads one cell with a core reader; its refusal points at the cell. */
function cell<T>(read: (text: string, argument: string) => T, text: string | undefined, key: string, row: number, column: number): T {
  try {
    return read(text ?? "", key);
  } catch (error) {
    if (error instanceof RuleError) throw new PolicyCellError(error, row, column);
    throw error;
  }
}

/**
 * Checks a list as the core does and, when it is refused, points the refusal at the first row that breaks
 * the rule: the first prefix of the list the check refuses ends there. The message is the whole list's.
 * @param complete makes a prefix a whole list for the check (the provision rates' open last band)
 */
function checkRows<T>(items: readonly T[], rows: readonly number[], check: (items: readonly T[]) => unknown, complete = (p: T[]) => p) {
  try {
    check(items);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    for (let k = 1; k < items.length; k++) {
      try {
        check(complete(items.slice(0, k)));
      } catch {
        throw new PolicyCellError(error, rows[k - 1], null);
      }
    }
    throw items.length > 0 ? new PolicyCellError(error, rows[items.length - 1], null) : error;
  }
}

/** The rows that hold something, with their row numbers (empty rows are skipped, as in a range). */
function filled(rows: TableRows): { readonly cells: readonly string[]; readonly row: number }[] {
  return rows.map((cells, row) => ({ cells, row })).filter((r) => !r.cells.every(isBlank));
}

const RATE: Label = { en: "Rate", zh: "比率" };

/** The groups of the form, in order, with the keys of their fields. */
export const POLICY_GROUPS: readonly { readonly label: Label; readonly keys: readonly string[] }[] = [
  {
    label: { en: "Credit grades and terms", zh: "信用分级与账期" },
    keys: ["currency", "smallAmountLimit", "creditTermDays.A", "creditTermDays.B", "creditTermDays.C", "overdueGraceDays"],
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
  {
    kind: "text",
    key: "currency",
    label: { en: "Currency", zh: "币种" },
    show: (p) => p.currency,
    // typed in any case or width (cny, ＣＮＹ); stored as the code
    read: (t, into) => {
      const typed = toHalfWidth(t.trim());
      into.currency = checkCurrency(/^[A-Za-z]{3}$/.test(typed) ? typed.toUpperCase() : t, "currency");
    },
  },
  amount("smallAmountLimit", "Small overdue limit, grade C above it", "小额逾期上限，超过为 C 级"),
  term("A"),
  term("B"),
  term("C"),
  {
    kind: "table",
    key: "agingEdges",
    label: { en: "Aging buckets: each ends at (days past due)", zh: "账龄分段：各段截止于（逾期天数）" },
    columns: [{ en: "Ends at (days)", zh: "截止（天）" }],
    show: (p) => p.agingEdges.map((d) => [String(d)]),
    read: (rows, into) => {
      const items = filled(rows);
      const edges = items.map((r) => cell(readNumber, r.cells[0], "agingEdges", r.row, 0));
      checkRows(
        edges,
        items.map((r) => r.row),
        (e) => checkAgingEdges(e, "agingEdges"),
      );
      into.agingEdges = edges;
    },
  },
  {
    kind: "table",
    key: "warningDays",
    label: { en: "Warning levels 1, 2, 3 from (days)", zh: "一、二、三级预警起点（天）" },
    columns: [{ en: "From (days past due)", zh: "起点（逾期天数）" }],
    rowLabels: [
      { en: "Level 1", zh: "一级" },
      { en: "Level 2", zh: "二级" },
      { en: "Level 3", zh: "三级" },
    ],
    show: (p) => p.warningDays.map((d) => [String(d)]),
    read: (rows, into) => {
      const days = [0, 1, 2].map((row) => cell(readNumber, rows[row]?.[0], "warningDays", row, 0));
      checkRows(days, [0, 1, 2], (d) => checkWarningDays(d, "warningDays"));
      into.warningDays = [days[0], days[1], days[2]];
    },
  },
  amount("largeAmountThreshold", "Large amount: meet face to face from", "大额起点：上门面谈催收"),
  {
    kind: "table",
    key: "settlementTiers",
    label: {
      en: "Settlement ladder: pay within (days), settle for (share of the balance)",
      zh: "和解报价阶梯：几天内还款，按余额的多少比例和解",
    },
    columns: [
      { en: "Within (days)", zh: "天数内" },
      { en: "Share", zh: "比率" },
    ],
    show: (p) => p.settlementTiers.map((t) => [String(t.days), formatRate(t.rate)]),
    read: (rows, into) => {
      const items = filled(rows);
      const tiers: SettlementTier[] = items.map((r) => ({
        days: cell(readNumber, r.cells[0], "settlementTiers", r.row, 0),
        rate: cell(readRate, r.cells[1], "settlementTiers", r.row, 1),
      }));
      checkRows(
        tiers,
        items.map((r) => r.row),
        (t) => checkSettlementTiers(t, "settlementTiers"),
      );
      into.settlementTiers = tiers;
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
    kind: "table",
    key: "provisionRates",
    label: { en: "Provision rates by days past due", zh: "坏账准备计提比例（按逾期天数）" },
    columns: [{ en: "Up to (days)", zh: "至（天）" }, RATE],
    openLastRow: { en: "Beyond", zh: "其余" },
    show: (p) => p.provisionRates.map((r) => [r.upTo === null ? "" : String(r.upTo), formatRate(r.rate)]),
    read: (rows, into) => {
      const last = rows.length - 1;
      // the open band is the last row, always there; empty rows above it are skipped
      const items = [...filled(rows.slice(0, last)), { cells: rows[last] ?? [], row: last }];
      const bands: ProvisionRate[] = items.map((r) => ({
        upTo: r.row === last ? null : cell(readNumber, r.cells[0], "provisionRates", r.row, 0),
        rate: cell(readRate, r.cells[1], "provisionRates", r.row, 1),
      }));
      checkRows(
        bands,
        items.map((r) => r.row),
        (b) => checkProvisionRates(b, "provisionRates"),
        // a prefix ends with an open band of 100%, which no rule refuses after any band
        (prefix) => [...prefix, { upTo: null, rate: 1 }],
      );
      into.provisionRates = bands;
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

/** A field's label in a language, an amount's with the workbook's currency: "Small overdue limit, grade C above it (CNY)". */
export function fieldLabel(field: PolicyField, language: Language, currency: string): string {
  return field.amount ? withCurrency(field.label[language], currency, language) : field.label[language];
}

/** The form's values for a policy: texts, and rows of cell texts for the tables. */
export function policyToForm(policy: Policy): Record<string, FormValue> {
  return Object.fromEntries(POLICY_FORM.map((f) => [f.key, f.show(policy)]));
}

/**
 * The currency the form's amount labels show: the one typed in the form when it is a valid code (as it
 * would be saved), else the given one (the policy in force).
 */
export function formCurrency(values: PolicyFormValues, fallback: string): string {
  const typed = values.currency;
  if (typeof typed !== "string") return fallback;
  const code = toHalfWidth(typed.trim()).toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : fallback;
}

/**
 * Reads the form back into a policy, field by field and then as a whole. Throws the first RuleError,
 * whose `argument` is the field's key (so the pane can point at it); a PolicyCellError also names the row
 * and cell of a table.
 */
export function formToPolicy(values: PolicyFormValues, base: Policy): Policy {
  const into = { ...base } as Mutable;
  for (const field of POLICY_FORM) {
    const value = values[field.key];
    if (value === undefined) continue;
    if (field.kind === "text") {
      if (typeof value !== "string") throw new TypeError(`${field.key} is a text field`);
      field.read(value, into);
    } else {
      if (typeof value === "string") throw new TypeError(`${field.key} is a table field`);
      field.read(value, into);
    }
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
  /** In a table: the row (from 0) and the column (from 0; null for the row as a whole). */
  readonly cell?: { readonly row: number; readonly column: number | null };
  /** The reason alone, for next to the field. */
  readonly detail: string;
  /** The reason naming the field by its label (and a table's row), in the pane's language (for a message away from the field). */
  readonly text: string;
}

/**
 * How the pane shows a RuleError from the form or from a stored policy: by the field's label (an amount's
 * with the currency, when given), not its key; in a table also by the row, counted from 1.
 */
export function describeRefusal(error: RuleError, language: Language, currency?: string): Refusal {
  const field = fieldOf(error);
  if (!field) return { detail: error.detail[language], text: error.text(language) };
  const label = currency === undefined ? field.label[language] : fieldLabel(field, language, currency);
  const detail = error.detail[language];
  if (error instanceof PolicyCellError) {
    const where = language === "zh" ? `${label}第 ${error.row + 1} 行` : `${label}, row ${error.row + 1}`;
    return {
      key: field.key,
      cell: { row: error.row, column: error.column },
      detail,
      text: `${where}${language === "zh" ? "：" : ": "}${detail}`,
    };
  }
  return { key: field.key, detail, text: `${label}${language === "zh" ? "：" : ": "}${detail}` };
}
