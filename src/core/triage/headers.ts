/**
 * Column recognition for portfolio triage: which column of a debtor table holds which input, from the
 * header texts, in English or Chinese. The task pane shows the mapping found and lets the user correct
 * it; the command line takes corrections as `--map field=Header` (or `--map field=3`, a 0-based column).
 *
 * Matching ignores case, full/half width, white space and punctuation, and unit suffixes such as `(元)`,
 * `（天）`, `CNY` or `(yes/no)`: `Balance (CNY)`, `余额（元）` and `ＢＡＬＡＮＣＥ` all mean `balance`.
 */
import { RuleError, show } from "../errors.js";

/**
 * The inputs of a triage, one per column. `customer`, `balance` and `dueDate` are required; every other
 * column is optional and unlocks the verdicts that need it.
 */
export type TriageField =
  | "customer"
  | "balance"
  | "dueDate"
  /** Overdue events in the trailing 12 months (AR.GRADE's overdue_count). */
  | "overdueCount"
  /** The largest of those overdue amounts (AR.GRADE's overdue_amount). */
  | "largestOverdue"
  | "cashFlow"
  // the eleven profile signals, named as in DebtorSignals (profile.ts)
  | "businessOperating"
  | "incomeStable"
  | "turnoverDecline"
  | "proposedPlan"
  | "excuses"
  | "contradiction"
  | "brokenPromises"
  | "refusesContact"
  | "insolvent"
  | "dishonestDebtor"
  | "operationsStopped"
  /** The debtor's monthly free cash flow (sizes an instalment plan). */
  | "freeCashFlow"
  /** Date of the last signed balance confirmation. */
  | "lastConfirmation"
  // the five evidence flags, named as in EvidenceHeld (prevention.ts)
  | "signedContract"
  | "reconciliation"
  | "collectionRecords"
  | "deliveryProof"
  | "acceptanceForm"
  /** The debtor's excuse: no invoice, defect, none (AR.EVIDENCE's excuse). */
  | "excuse"
  /** Date of the last demand, acknowledgement or suit (the limitation period restarts from it). */
  | "lastInterruption"
  /** Bankruptcy: the free estate of the debtor. */
  | "freeEstate"
  /** Bankruptcy: all ordinary claims admitted, this one included. */
  | "ordinaryClaimsTotal";

/** Every triage field, in the order of the reference table (README). */
export const TRIAGE_FIELDS: readonly TriageField[] = Object.freeze([
  "customer",
  "balance",
  "dueDate",
  "overdueCount",
  "largestOverdue",
  "cashFlow",
  "businessOperating",
  "incomeStable",
  "turnoverDecline",
  "proposedPlan",
  "excuses",
  "contradiction",
  "brokenPromises",
  "refusesContact",
  "insolvent",
  "dishonestDebtor",
  "operationsStopped",
  "freeCashFlow",
  "lastConfirmation",
  "signedContract",
  "reconciliation",
  "collectionRecords",
  "deliveryProof",
  "acceptanceForm",
  "excuse",
  "lastInterruption",
  "freeEstate",
  "ordinaryClaimsTotal",
] as const);

/** The fields that hold numbers (amounts and counts), which a file may write as text in its own convention. */
export const NUMBER_FIELDS: readonly TriageField[] = Object.freeze([
  "balance",
  "overdueCount",
  "largestOverdue",
  "brokenPromises",
  "freeCashFlow",
  "freeEstate",
  "ordinaryClaimsTotal",
] as const);

/** The fields without which a row cannot be triaged. */
export const REQUIRED_FIELDS: readonly TriageField[] = Object.freeze(["customer", "balance", "dueDate"] as const);

/** What each field is called in messages and column lists, in both languages. */
export const FIELD_LABELS: Readonly<Record<TriageField, { readonly en: string; readonly zh: string }>> = Object.freeze({
  customer: { en: "customer", zh: "客户" },
  balance: { en: "balance", zh: "余额" },
  dueDate: { en: "due date", zh: "到期日" },
  overdueCount: { en: "overdue events in 12 months", zh: "近12个月逾期次数" },
  largestOverdue: { en: "largest overdue amount", zh: "最大逾期金额" },
  cashFlow: { en: "cash flow", zh: "现金流" },
  businessOperating: { en: "business operating", zh: "主营业务正常" },
  incomeStable: { en: "income stable", zh: "收入稳定" },
  turnoverDecline: { en: "turnover decline", zh: "周转率下降" },
  proposedPlan: { en: "proposed plan", zh: "主动提出还款计划" },
  excuses: { en: "excuses", zh: "找借口拖延" },
  contradiction: { en: "contradiction", zh: "矛盾点" },
  brokenPromises: { en: "broken promises", zh: "承诺未兑现次数" },
  refusesContact: { en: "refuses contact", zh: "拒绝沟通" },
  insolvent: { en: "insolvent", zh: "破产或资不抵债" },
  dishonestDebtor: { en: "dishonest debtor", zh: "失信被执行人" },
  operationsStopped: { en: "operations stopped", zh: "停产" },
  freeCashFlow: { en: "free cash flow", zh: "自由现金流" },
  lastConfirmation: { en: "last confirmation", zh: "最近对账日" },
  signedContract: { en: "signed contract", zh: "盖章合同" },
  reconciliation: { en: "reconciliation", zh: "对账单" },
  collectionRecords: { en: "collection records", zh: "催款记录" },
  deliveryProof: { en: "delivery proof", zh: "快递底单" },
  acceptanceForm: { en: "acceptance form", zh: "验收单" },
  excuse: { en: "excuse", zh: "拖欠理由" },
  lastInterruption: { en: "last interruption", zh: "时效中断日" },
  freeEstate: { en: "free estate", zh: "破产财产" },
  ordinaryClaimsTotal: { en: "ordinary claims total", zh: "普通债权总额" },
});

/**
 * The header words known for each field, strongest first, English then Chinese. The field's own name
 * (`dueDate`) and its Excel argument name (`due_date`) are recognised too. When two columns match the
 * same field, the one matching the stronger word wins (then the one further left); the other is
 * reported as a duplicate. Words that usually head other data are left out on purpose: `turnover`
 * (sales in British usage), `周转率` (a ratio, not its trend), `contract`/`合同` (often a contract number),
 * `主营业务` and `还款计划` (often a description): a wrong guess would fail every row of the column.
 */
export const HEADER_WORDS: Readonly<Record<TriageField, readonly string[]>> = Object.freeze({
  customer: [
    "customer",
    "customer name",
    "client",
    "client name",
    "debtor",
    "debtor name",
    "account name",
    "company",
    "company name",
    "buyer",
    "name",
    "客户",
    "客户名称",
    "客户名",
    "单位名称",
    "欠款单位",
    "欠款客户",
    "债务人",
    "公司名称",
    "购货单位",
    "往来单位",
    "名称",
  ],
  balance: [
    "balance",
    "amount owed",
    "outstanding",
    "outstanding balance",
    "outstanding amount",
    "receivable",
    "receivables",
    "balance due",
    "amount due",
    "open amount",
    "ar balance",
    "amount",
    "余额",
    "欠款金额",
    "应收余额",
    "应收账款",
    "应收账款余额",
    "欠款余额",
    "欠款",
    "应收金额",
    "未收金额",
    "金额",
  ],
  dueDate: [
    "due date",
    "due",
    "date due",
    "payment due date",
    "payment due",
    "due on",
    "到期日",
    "应收日期",
    "约定付款日",
    "到期日期",
    "约定付款日期",
    "付款到期日",
    "账款到期日",
    "应付款日",
  ],
  overdueCount: [
    "overdue count",
    "overdue events",
    "overdue events in 12 months",
    "overdue events 12 months",
    "overdue times",
    "times overdue",
    "late payments",
    "number of late payments",
    "逾期次数",
    "近12个月逾期次数",
    "12个月逾期次数",
    "逾期次数近12个月",
    "逾期笔数",
  ],
  largestOverdue: [
    "largest overdue",
    "largest overdue amount",
    "max overdue",
    "maximum overdue",
    "max overdue amount",
    "maximum overdue amount",
    "overdue amount",
    "最大逾期金额",
    "单笔最大逾期金额",
    "最大单笔逾期金额",
    "逾期金额",
  ],
  cashFlow: ["cash flow", "cash flow rating", "cash flow assessment", "cash position", "现金流", "现金流状况", "现金流评估", "现金流情况"],
  businessOperating: [
    "business operating",
    "core business operating",
    "operating",
    "business running",
    "主营业务正常",
    "主营正常",
    "经营正常",
    "主营业务是否正常",
  ],
  incomeStable: [
    "income stable",
    "stable income",
    "income stable 3 months",
    "收入稳定",
    "主营收入稳定",
    "近3个月收入稳定",
    "近3个月主营收入稳定",
  ],
  turnoverDecline: [
    "turnover decline",
    "ar turnover decline",
    "turnover trend",
    "ar turnover trend",
    "周转率下降",
    "应收账款周转率下降",
    "周转率同比",
    "应收账款周转率同比",
    "周转率变化",
  ],
  proposedPlan: [
    "proposed plan",
    "plan proposed",
    "plan offered",
    "came forward with a plan",
    "主动提出还款计划",
    "提出还款计划",
    "是否提出还款计划",
  ],
  excuses: ["excuses", "makes excuses", "找借口拖延", "找借口", "借口拖延"],
  contradiction: ["contradiction", "contradictions", "矛盾点", "存在矛盾", "矛盾"],
  brokenPromises: [
    "broken promises",
    "promises broken",
    "broken payment promises",
    "承诺未兑现次数",
    "承诺还款未兑现次数",
    "未兑现承诺",
    "失信承诺次数",
  ],
  refusesContact: ["refuses contact", "refused contact", "refuses to talk", "拒绝沟通", "拒绝联系"],
  insolvent: ["insolvent", "bankrupt", "bankruptcy", "insolvency", "破产或资不抵债", "资不抵债", "破产", "已破产"],
  dishonestDebtor: ["dishonest debtor", "dishonest judgment debtor", "blacklisted", "失信被执行人", "失信名单", "失信"],
  operationsStopped: ["operations stopped", "production stopped", "stopped", "停产", "停产停业", "停业", "停产查封或失联", "停产查封失联"],
  freeCashFlow: [
    "free cash flow",
    "monthly free cash flow",
    "free cash flow per month",
    "fcf",
    "自由现金流",
    "月自由现金流",
    "每月自由现金流",
    "可支配现金流",
    "每月可支配现金流",
  ],
  lastConfirmation: [
    "last confirmation",
    "last balance confirmation",
    "balance confirmed",
    "confirmed on",
    "last confirmed",
    "最近对账日",
    "最近对账日期",
    "上次对账日期",
    "最后对账日",
    "对账日期",
    "余额确认日期",
    "最近余额确认日",
  ],
  signedContract: [
    "signed contract",
    "sealed contract",
    "original contract",
    "contract on file",
    "盖章合同",
    "合同原件",
    "盖公章的合同原件",
    "签章合同",
    "合同原件齐全",
  ],
  reconciliation: ["reconciliation", "signed reconciliation", "reconciliation statement", "对账单", "签章对账单", "客户签字对账单"],
  collectionRecords: ["collection records", "dunning records", "催款记录", "催收记录"],
  deliveryProof: ["delivery proof", "courier receipt", "invoice receipt", "快递底单", "快递签收单", "发票签收"],
  acceptanceForm: ["acceptance form", "signed acceptance", "signed acceptance form", "验收单", "验收报告", "签字验收单"],
  excuse: ["excuse", "excuse given", "debtor's excuse", "reason for non-payment", "拖欠理由", "借口", "不付款理由", "拒付理由", "客户理由"],
  lastInterruption: [
    "last interruption",
    "last demand",
    "last demand date",
    "limitation start",
    "时效中断日",
    "最后催告日",
    "最近催告日期",
    "最后一次催告",
    "最近催收日期",
    "诉讼时效起算日",
  ],
  freeEstate: ["free estate", "bankruptcy estate", "estate", "破产财产", "可分配财产", "破产财产金额"],
  ordinaryClaimsTotal: ["ordinary claims total", "total ordinary claims", "ordinary claims", "普通债权总额", "普通债权合计", "普通债权"],
});

/** Excel argument names of the fields that have one (AR.GRADE's overdue_count, ...), also recognised. */
const ARGUMENT_NAMES: Partial<Record<TriageField, string>> = {
  dueDate: "due_date",
  overdueCount: "overdue_count",
  largestOverdue: "overdue_amount",
  cashFlow: "cash_flow",
  businessOperating: "business_operating",
  incomeStable: "income_stable",
  turnoverDecline: "turnover_decline",
  proposedPlan: "proposed_plan",
  brokenPromises: "broken_promises",
  refusesContact: "refuses_contact",
  dishonestDebtor: "dishonest_debtor",
  operationsStopped: "operations_stopped",
  freeCashFlow: "free_cash_flow",
  lastConfirmation: "last_confirmation",
  signedContract: "signed_contract",
  collectionRecords: "collection_records",
  deliveryProof: "delivery_proof",
  acceptanceForm: "acceptance_form",
  lastInterruption: "last_interruption",
  freeEstate: "free_estate",
  ordinaryClaimsTotal: "ordinary_claims_total",
};

/**
 * Units and format hints that may follow a header, in brackets (`余额（元）`, `Due (yyyy-mm-dd)`) or
 * at its end (`Balance CNY`). Compared after normalising (lower case, no punctuation or spaces).
 */
const UNITS: ReadonlySet<string> = new Set([
  "元",
  "人民币",
  "人民币元",
  "cny",
  "rmb",
  "yuan",
  "usd",
  "eur",
  "hkd",
  "¥",
  "$",
  "天",
  "日",
  "日数",
  "day",
  "days",
  "d",
  "次",
  "笔",
  "times",
  "count",
  "个",
  "是否",
  "yesno",
  "yn",
  "truefalse",
  "bool",
  "date",
  "日期",
  "yyyymmdd",
  "yyyymd",
  "年月日",
  "月",
  "month",
  "monthly",
  "per month",
  "permonth",
  "每月",
  "12months",
  "近12个月",
  "12个月",
  "%",
]);
/** Units recognised at the end of a header without brackets (longest first). */
const TRAILING_UNITS: readonly string[] = ["人民币元", "人民币", "yuan", "cny", "rmb", "usd", "元"];

const BRACKETED = /[([{<【〔「『]([^)\]}>】〕」』]*)[)\]}>】〕」』]/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower case, half width (NFKC), no spaces or punctuation: `Customer Name` -> `customername`. */
function compact(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(NOT_WORD, "");
}

/**
 * The forms under which a header is looked up, most exact first: the whole text; without unit groups
 * and trailing units; without any bracketed group.
 */
function headerForms(header: string): string[] {
  const text = header.normalize("NFKC").toLowerCase();
  const forms = [text.replace(NOT_WORD, "")];
  let noUnits = text.replace(BRACKETED, (group, inner: string) =>
    UNITS.has(inner.replace(NOT_WORD, "")) || UNITS.has(inner.trim()) ? " " : group,
  );
  noUnits = noUnits.replace(NOT_WORD, "");
  for (const unit of TRAILING_UNITS) {
    if (noUnits.length > unit.length && noUnits.endsWith(unit)) {
      noUnits = noUnits.slice(0, -unit.length);
      break;
    }
  }
  forms.push(noUnits);
  forms.push(text.replace(BRACKETED, " ").replace(NOT_WORD, ""));
  return forms;
}

/** Normalised word -> [field, strength] (0 = strongest). Built once. */
const WORD_INDEX: ReadonlyMap<string, readonly [TriageField, number]> = (() => {
  const index = new Map<string, readonly [TriageField, number]>();
  const add = (word: string, field: TriageField, strength: number): void => {
    const key = compact(word);
    const known = index.get(key);
    if (known && known[0] !== field) throw new Error(`header word ${word} is given for both ${known[0]} and ${field}`);
    if (!known || known[1] > strength) index.set(key, [field, strength]);
  };
  for (const field of TRIAGE_FIELDS) {
    HEADER_WORDS[field].forEach((word, i) => add(word, field, i));
    add(field, field, 0);
    const argument = ARGUMENT_NAMES[field];
    if (argument) add(argument, field, 0);
  }
  return index;
})();

/**
 * The field a header names, or null. Tried as a whole, then without units, then without any bracketed
 * group (`Overdue events (last year)` -> overdue events).
 * @returns the field, how exact the match was (0 best) and the word's strength (0 strongest)
 */
export function recogniseHeader(header: unknown): { readonly field: TriageField; readonly pass: number; readonly strength: number } | null {
  const text = headerText(header);
  if (text === "") return null;
  const forms = headerForms(text);
  for (let pass = 0; pass < forms.length; pass++) {
    const hit = forms[pass] === "" ? undefined : WORD_INDEX.get(forms[pass]);
    if (hit) return { field: hit[0], pass, strength: hit[1] };
  }
  return null;
}

/** A header cell as text ("" for a blank one). */
function headerText(header: unknown): string {
  if (header === null || header === undefined) return "";
  if (typeof header === "string") return header.trim();
  if (typeof header === "number" || typeof header === "boolean") return String(header);
  return "";
}

/** A header that matched a field already taken by another column. */
export interface DuplicateColumn {
  readonly field: TriageField;
  /** 0-based column of the header that was not used. */
  readonly column: number;
  readonly header: string;
  /** 0-based column used for the field. */
  readonly usedColumn: number;
}

/** The columns found for the triage fields, and what could not be placed. */
export interface ColumnRecognition {
  /** Field -> 0-based column index. */
  readonly mapping: Partial<Record<TriageField, number>>;
  /** Non-blank headers that name no field (left to right). */
  readonly unmatched: string[];
  /** Headers that also name a field already mapped to another column (the user may want to swap). */
  readonly duplicates: DuplicateColumn[];
  /** Required fields (customer, balance, dueDate) that no column provides. */
  readonly missingRequired: TriageField[];
}

/** Corrections of the mapping: a field -> a header text or a 0-based column index. */
export type ColumnOverrides = Readonly<Partial<Record<TriageField, string | number>>>;

/**
 * Recognises the columns of a debtor table from its header row.
 *
 * Overrides come first (the user's word is final): a field given as a header text takes the column with
 * that header (compared as headers are: case, width, spaces and punctuation ignored), given as a number
 * takes that 0-based column. A column taken by an override is not matched to any other field. Then every
 * other header is matched against HEADER_WORDS; when several columns name the same field, the one with
 * the most exact and strongest match wins, then the leftmost, and the others are listed in `duplicates`.
 * @param headers the header row (cells of any type; blank cells are skipped)
 * @param overrides corrections, e.g. `{ balance: "Amt", dueDate: 4 }` (from `--map balance=Amt`)
 * @throws RuleError naming the field when an override is not a known field, names no header, is not a
 *   column of the table, or takes a column another override already took
 */
export function recogniseColumns(headers: readonly unknown[], overrides: ColumnOverrides = {}): ColumnRecognition {
  const mapping: Partial<Record<TriageField, number>> = {};
  const taken = new Map<number, TriageField>();
  for (const [key, target] of Object.entries(overrides)) {
    if (target === undefined) continue;
    if (!(TRIAGE_FIELDS as readonly string[]).includes(key)) {
      throw new RuleError(
        key,
        `is not a triage field (known: ${TRIAGE_FIELDS.join(", ")})`,
        `不是可识别的字段（可用：${TRIAGE_FIELDS.join("、")}）`,
      );
    }
    const field = key as TriageField;
    const column = overrideColumn(field, target, headers);
    const other = taken.get(column);
    if (other !== undefined) {
      throw new RuleError(field, `column ${column + 1} is already mapped to ${other}`, `第 ${column + 1} 列已对应字段 ${other}`);
    }
    mapping[field] = column;
    taken.set(column, field);
  }

  // Best candidate per field: lowest (pass, strength, column).
  const candidates: { field: TriageField; column: number; header: string; pass: number; strength: number }[] = [];
  const unmatched: string[] = [];
  headers.forEach((cell, column) => {
    if (taken.has(column)) return;
    const text = headerText(cell);
    if (text === "") return;
    const hit = recogniseHeader(text);
    if (hit === null) {
      unmatched.push(text);
      return;
    }
    // A field already set by an override still collects its other columns, reported as duplicates.
    candidates.push({ field: hit.field, column, header: text, pass: hit.pass, strength: hit.strength });
  });
  candidates.sort((a, b) => a.pass - b.pass || a.strength - b.strength || a.column - b.column);
  const duplicates: DuplicateColumn[] = [];
  for (const c of candidates) {
    const used = mapping[c.field];
    if (used === undefined) {
      mapping[c.field] = c.column;
      taken.set(c.column, c.field);
    } else {
      duplicates.push({ field: c.field, column: c.column, header: c.header, usedColumn: used });
    }
  }
  duplicates.sort((a, b) => a.column - b.column);
  const missingRequired = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  return { mapping, unmatched, duplicates, missingRequired };
}

/** The column an override names: a 0-based index, or the column whose header matches the text. */
function overrideColumn(field: TriageField, target: string | number, headers: readonly unknown[]): number {
  if (typeof target === "number") {
    if (!Number.isInteger(target) || target < 0 || target >= headers.length) {
      // Shown 1-based, as the user counts columns (and as --map takes them).
      const shown = Number.isInteger(target) ? show(target + 1) : show(target);
      throw new RuleError(
        field,
        `column ${shown} is not a column of the table (1 to ${headers.length})`,
        `第 ${shown} 列不是表格中的列（1 至 ${headers.length}）`,
      );
    }
    return target;
  }
  if (typeof target !== "string" || target.trim() === "") {
    throw new RuleError(field, `${show(target)} is neither a header nor a column number`, `${show(target)} 既不是列标题也不是列号`);
  }
  const wanted = target.trim();
  let found = headers.findIndex((h) => headerText(h) === wanted);
  if (found < 0) {
    const key = compact(wanted);
    found = headers.findIndex((h) => key !== "" && compact(headerText(h)) === key);
  }
  if (found < 0) {
    throw new RuleError(field, `no column is headed ${show(wanted)}`, `没有标题为 ${show(wanted)} 的列`);
  }
  return found;
}
