/**
 * Column recognition for portfolio triage: which column of a debtor table holds which input, from the
 * header texts, in English or Chinese. The task pane shows the mapping found and lets the user correct
 * it; the command line takes corrections as `--map field=Header` (or `--map field=3`, a 0-based column).
 *
 * Matching ignores case, full/half width, white space and punctuation, and unit suffixes such as `(元)`,
 * `（天）`, `CNY` or `(yes/no)`: `Balance (CNY)`, `余额（元）` and `ＢＡＬＡＮＣＥ` all mean `balance`. As a
 * last resort a header is read word by word with the abbreviations of ERP exports expanded (`Amt Due`,
 * `Net due dt`, `Overdue Count 12M`). Open-item lists (ERP exports: one row per document) have columns
 * of their own (ITEM_FIELDS), recognised beside the others.
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
  | "ordinaryClaimsTotal"
  // the columns of an open-item list (one row per invoice, credit note or payment): see ITEM_FIELDS
  /** The document's number (invoice, credit note, payment). */
  | "document"
  /** What the document is: invoice, credit note, payment (QuickBooks "Transaction Type", SAP "Document Type"). */
  | "documentType"
  /** The document's date (invoice, document or posting date). */
  | "invoiceDate"
  /** The date the document was paid, settled or cleared (blank while it is open). */
  | "paidDate"
  /** The document's original amount (not what is still open: that is `balance`). */
  | "amount"
  /** What has been paid or applied against the document so far. */
  | "paidAmount";

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
  // appended, so the columns and output of a one-row-per-customer table stay as they were
  "document",
  "documentType",
  "invoiceDate",
  "paidDate",
  "amount",
  "paidAmount",
] as const);

/** The fields only an open-item list has (one row per document): a one-row-per-customer table has none of them. */
export type ItemField = "document" | "documentType" | "invoiceDate" | "paidDate" | "amount" | "paidAmount";

/** The fields of an open-item list, in TRIAGE_FIELDS order. */
export const ITEM_FIELDS: readonly ItemField[] = Object.freeze([
  "document",
  "documentType",
  "invoiceDate",
  "paidDate",
  "amount",
  "paidAmount",
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
  "amount",
  "paidAmount",
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
  document: { en: "document number", zh: "单据编号" },
  documentType: { en: "document type", zh: "单据类型" },
  invoiceDate: { en: "invoice date", zh: "单据日期" },
  paidDate: { en: "paid date", zh: "核销日期" },
  amount: { en: "original amount", zh: "原币金额" },
  paidAmount: { en: "paid amount", zh: "已核销金额" },
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
  // Names before numbers: SAP's `Customer` is the account number beside `Name 1`, ERPNext's `Party` an id
  // beside `Customer Name`, Kingdee's `客户` beside `客户名称`; when both are there, the name is the customer.
  customer: [
    "customer name",
    "client name",
    "debtor name",
    "account name",
    "company name",
    "party name",
    "name 1",
    "客户名称",
    "单位名称",
    "公司名称",
    "往来单位名称",
    "customer",
    "client",
    "debtor",
    "company",
    "buyer",
    "name",
    "party",
    "account",
    "customer id",
    "客户",
    "客户名",
    "欠款单位",
    "欠款客户",
    "债务人",
    "购货单位",
    "往来单位",
    "名称",
  ],
  // What is still open. `Amount` and `应收金额` head the document's original amount (the `amount` field);
  // a table with no open-balance or payment column reads its amount column as the balance (recogniseColumns).
  balance: [
    "balance",
    "amount owed",
    "outstanding",
    "outstanding balance",
    "open balance",
    "outstanding amount",
    "receivable",
    "receivables",
    "balance due",
    "amount due",
    "open amount",
    "open item amount",
    "amount in local currency",
    "ar balance",
    "余额",
    "欠款金额",
    "应收余额",
    "应收账款",
    "应收账款余额",
    "欠款余额",
    "欠款",
    "未核销金额",
    "未收金额",
    "未收款金额",
    "未核销余额",
  ],
  dueDate: [
    "due date",
    "due",
    "date due",
    "net due date",
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
    "number of overdue",
    "number of overdue events",
    "number of overdue invoices",
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
  // `No.` alone is left out: it is as often a row number (序号) as a document number.
  document: [
    "document number",
    "invoice number",
    "invoice no",
    "document no",
    "doc no",
    "voucher no",
    "voucher number",
    "transaction number",
    "num",
    "单据编号",
    "单据号",
    "发票号",
    "发票号码",
    "发票编号",
    "单号",
  ],
  documentType: ["document type", "transaction type", "voucher type", "type", "单据类型", "业务类型", "交易类型"],
  invoiceDate: [
    "invoice date",
    "document date",
    "posting date",
    "transaction date",
    "bill date",
    "date",
    "单据日期",
    "业务日期",
    "发票日期",
    "开票日期",
    "记账日期",
    "日期",
  ],
  paidDate: [
    "paid date",
    "date paid",
    "settled date",
    "settlement date",
    "clearing date",
    "payment date",
    "核销日期",
    "收款日期",
    "回款日期",
    "结清日期",
  ],
  amount: [
    "invoice amount",
    "invoiced amount",
    "original amount",
    "document amount",
    "amount",
    "原币金额",
    "应收金额",
    "价税合计",
    "发票金额",
    "单据金额",
    "金额",
  ],
  paidAmount: ["paid amount", "amount paid", "settled amount", "applied amount", "已核销金额", "已收金额", "已收款金额", "核销金额"],
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
  documentType: "document_type",
  invoiceDate: "invoice_date",
  paidDate: "paid_date",
  paidAmount: "paid_amount",
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

/**
 * Abbreviations of ERP column headers, expanded word by word before a header is looked up again: SAP's
 * `Net due dt`, `Pstng Date`, `Amt in loc.cur.`, `Typ`, QuickBooks' `Amt Due`, `Open Bal.`, `Overdue Count 12M`.
 * Only whole words are expanded and the result must still be a known header as a whole, so an expansion
 * cannot turn an unknown header into a guess.
 */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["amt", "amount"],
  ["amnt", "amount"],
  ["bal", "balance"],
  ["dt", "date"],
  ["doc", "document"],
  ["inv", "invoice"],
  ["cust", "customer"],
  ["acct", "account"],
  ["pstng", "posting"],
  ["clrng", "clearing"],
  ["typ", "type"],
  ["orig", "original"],
  ["pmt", "payment"],
  ["loc", "local"],
  ["cur", "currency"],
  ["curr", "currency"],
  ["lc", "local currency"],
  ["12m", "12 months"],
  ["12mo", "12 months"],
  ["12mos", "12 months"],
]);
/** Words that may trail a header without changing its field: the period of a count, a currency. */
const TRAILING_WORDS: ReadonlySet<string> = new Set([
  "12months",
  "last12months",
  "past12months",
  "in12months",
  "cny",
  "rmb",
  "usd",
  "eur",
  "hkd",
  "yuan",
  "元",
]);

/**
 * The header read word by word, for the last pass: camelCase split (`invoiceNumber`), `No.`/`Nr.` and a
 * trailing `No` read as "number", `#` as "number" (a leading `#` as "number of": `# overdue`),
 * abbreviations expanded, then the same without trailing period or currency words (`Overdue Count 12M`).
 * A lone `No.` stays unknown: it is as often a row number.
 */
function wordForms(header: string): string[] {
  const text = header
    .normalize("NFKC")
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .toLowerCase();
  const forms: string[] = [];
  const variants = [
    text.replace(BRACKETED, (group, inner: string) => (UNITS.has(inner.replace(NOT_WORD, "")) || UNITS.has(inner.trim()) ? " " : group)),
    text.replace(BRACKETED, " "),
  ];
  for (const variant of variants) {
    const marked = variant
      .replace(/^\s*#\s*(?:of\b)?/u, " number of ")
      .replace(/#/gu, " number ")
      .replace(/(^|[^\p{L}\p{N}])(?:no|nr)\.(?=[^\p{L}\p{N}]|$)/gu, "$1 number ");
    const words = marked.split(NOT_WORD).filter((w) => w !== "");
    if (words.length > 1 && (words[words.length - 1] === "no" || words[words.length - 1] === "nr")) words[words.length - 1] = "number";
    if (words.length < 2 && !ABBREVIATIONS.has(words[0] ?? "")) continue;
    const expanded = words.flatMap((w) => (ABBREVIATIONS.get(w) ?? w).split(" "));
    forms.push(expanded.join(""));
    for (let tail = 1; tail <= 3 && tail < expanded.length; tail++) {
      if (TRAILING_WORDS.has(expanded.slice(-tail).join(""))) forms.push(expanded.slice(0, -tail).join(""));
    }
  }
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
    // The field's own name counts as its strongest word, unless it is one of its words already
    // (`customer`, `amount`: their place in the list decides, so `Name 1` beats SAP's `Customer`).
    if (!index.has(compact(field))) add(field, field, 0);
    const argument = ARGUMENT_NAMES[field];
    if (argument) add(argument, field, 0);
  }
  return index;
})();

/**
 * The field a header names, or null. Tried as a whole, then without units, then without any bracketed
 * group (`Overdue events (last year)` -> overdue events), then word by word with ERP abbreviations
 * expanded (`Amt Due`, `Net due dt`, `Overdue Count 12M`, `Doc. No.`; see wordForms).
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
  for (const form of wordForms(text)) {
    const hit = form === "" ? undefined : WORD_INDEX.get(form);
    if (hit) return { field: hit[0], pass: forms.length, strength: hit[1] };
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
  /**
   * True when no column names the open balance, none a payment, and the amount column (`Amount`, `金额`)
   * was taken as the balance: what a one-row-per-customer table means by it.
   */
  readonly amountAsBalance: boolean;
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
  // A table without an open balance and without payments: its amount is what is owed, as `Amount` always
  // meant in a one-row-per-customer table. With a payment column the balance is the caller's to compute.
  let amountAsBalance = false;
  const amountColumn = mapping.amount;
  if (
    mapping.balance === undefined &&
    amountColumn !== undefined &&
    overrides.amount === undefined &&
    mapping.paidAmount === undefined &&
    mapping.paidDate === undefined
  ) {
    mapping.balance = amountColumn;
    delete mapping.amount;
    amountAsBalance = true;
    duplicates.forEach((d, i) => {
      if (d.field === "amount") duplicates[i] = { ...d, field: "balance" };
    });
  }
  const missingRequired = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  return { mapping, unmatched, duplicates, missingRequired, amountAsBalance };
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
