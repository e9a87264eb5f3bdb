/**
 * The collection log (催收记录, issue 13): one row per event of the collection cycle (a call, a letter, a
 * promise to pay, a payment, a dispute, a suit), read from a table as the triage reads a debtor table:
 * columns recognised by their header words in English or Chinese, cells read by the core's readers (and
 * the ledger's, for the amounts and dates exports write), every row accounted for. A row is an event, a
 * problem (with its reasons in both languages) or blank; nothing is dropped and the log is never rewritten.
 *
 * Columns: date, customer, invoice (optional), action, amount, promised date, who, note. The actions are
 * the seventeen of the issue (call / 电话 ... suit filed / 起诉), read ignoring case, width, spaces and
 * punctuation, with a few synonyms (`phone`, `email`, `催收函`, `还款`, ...).
 */
import { checkDateSystem, checkSheetRow, readDate } from "../dates.js";
import { RuleError, show, type Reason } from "../errors.js";
import { readAmount } from "../input.js";
import { readLedgerAmount, readLedgerDate } from "../ledger/values.js";
import { DATE_1904_OFFSET, type DateSystem } from "../triage/types.js";
import { excelError, isBlank, isBlankRow, UncomputedFormula } from "../triage/cells.js";

// ---- actions -------------------------------------------------------------------------------------------

/** What happened: the seventeen events of the collection cycle (issue 13). */
export type CollectionAction =
  | "call"
  | "visit"
  | "email"
  | "wechat"
  | "sms"
  | "dunningLetter"
  | "lawyerLetter"
  | "statementSent"
  | "balanceConfirmed"
  | "promise"
  | "payment"
  | "disputeOpened"
  | "disputeResolved"
  | "planAgreed"
  | "instalmentMissed"
  | "claimFiled"
  | "suitFiled";

/** Every action, in the order of the issue (and of the pane's list). */
export const COLLECTION_ACTIONS: readonly CollectionAction[] = Object.freeze([
  "call",
  "visit",
  "email",
  "wechat",
  "sms",
  "dunningLetter",
  "lawyerLetter",
  "statementSent",
  "balanceConfirmed",
  "promise",
  "payment",
  "disputeOpened",
  "disputeResolved",
  "planAgreed",
  "instalmentMissed",
  "claimFiled",
  "suitFiled",
] as const);

/** Each action as the log writes it, in both languages (the pane writes these; the reader reads them back). */
export const ACTION_LABELS: Readonly<Record<CollectionAction, { readonly en: string; readonly zh: string }>> = Object.freeze({
  call: { en: "call", zh: "电话" },
  visit: { en: "visit", zh: "上门拜访" },
  email: { en: "e-mail", zh: "邮件" },
  wechat: { en: "WeChat", zh: "微信" },
  sms: { en: "SMS", zh: "短信" },
  dunningLetter: { en: "dunning letter", zh: "催款函" },
  lawyerLetter: { en: "lawyer's letter", zh: "律师函" },
  statementSent: { en: "statement sent", zh: "发送对账单" },
  balanceConfirmed: { en: "balance confirmed", zh: "对账确认" },
  promise: { en: "promise to pay", zh: "承诺还款" },
  payment: { en: "payment", zh: "回款" },
  disputeOpened: { en: "dispute opened", zh: "提出异议" },
  disputeResolved: { en: "dispute resolved", zh: "异议解决" },
  planAgreed: { en: "plan agreed", zh: "达成分期" },
  instalmentMissed: { en: "instalment missed", zh: "分期逾期" },
  claimFiled: { en: "claim filed", zh: "申报债权" },
  suitFiled: { en: "suit filed", zh: "起诉" },
});

/**
 * Synonyms beyond the labels, as people type them in a log. Words that could mean two actions are left
 * out (`mail`: post or e-mail; `letter`: dunning or lawyer's; `confirmation`; `承诺` alone stays, since a
 * promise in a collection log is a promise to pay).
 */
const ACTION_SYNONYMS: Readonly<Record<CollectionAction, readonly string[]>> = {
  call: ["phone", "phone call", "telephone", "called", "tel", "打电话", "电话催收", "致电", "来电", "电话沟通"],
  visit: ["site visit", "meeting", "visited", "on-site visit", "上门", "拜访", "上门催收", "面谈", "现场拜访"],
  email: ["email", "e-mail sent", "电子邮件", "发邮件", "邮件催收"],
  wechat: ["weixin", "wechat message", "微信消息", "微信催收", "微信沟通"],
  sms: ["text", "text message", "短消息", "短信催收"],
  dunningLetter: ["dunning", "reminder letter", "demand letter", "collection letter", "催收函", "催告函", "催款通知书", "催款通知"],
  lawyerLetter: ["lawyers letter", "lawyer letter", "legal letter", "attorney letter", "attorney's letter", "律师信", "发律师函"],
  statementSent: ["statement", "send statement", "statement of account", "对账单", "寄送对账单", "发对账单"],
  balanceConfirmed: ["balance confirmation", "statement confirmed", "statement signed", "余额确认", "对账单确认", "确认余额", "签字对账"],
  promise: ["promise", "promised to pay", "payment promise", "ptp", "承诺", "承诺付款", "答应还款"],
  payment: ["paid", "payment received", "receipt", "收款", "还款", "付款", "到账"],
  disputeOpened: ["dispute", "disputed", "dispute raised", "异议", "争议", "提出争议"],
  disputeResolved: ["dispute closed", "dispute settled", "异议已解决", "争议解决", "异议消除"],
  planAgreed: ["instalment plan", "installment plan", "payment plan", "plan", "分期", "分期还款", "分期协议", "还款计划", "达成还款计划"],
  instalmentMissed: ["installment missed", "missed instalment", "missed installment", "分期未还", "分期违约", "逾期未还分期"],
  claimFiled: ["proof of claim", "claim", "bankruptcy claim", "债权申报", "申报破产债权"],
  suitFiled: ["suit", "lawsuit", "lawsuit filed", "sued", "litigation", "提起诉讼", "诉讼", "起诉立案"],
};

/** Lower case, half width (NFKC), no spaces or punctuation: `Lawyer's Letter` -> `lawyersletter`. */
function compact(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

const ACTION_INDEX: ReadonlyMap<string, CollectionAction> = (() => {
  const index = new Map<string, CollectionAction>();
  const add = (word: string, action: CollectionAction): void => {
    const key = compact(word);
    const known = index.get(key);
    if (known !== undefined && known !== action) throw new Error(`action word ${word} is given for both ${known} and ${action}`);
    index.set(key, action);
  };
  for (const action of COLLECTION_ACTIONS) {
    add(action, action);
    add(ACTION_LABELS[action].en, action);
    add(ACTION_LABELS[action].zh, action);
    for (const word of ACTION_SYNONYMS[action]) add(word, action);
  }
  return index;
})();

const ACTION_HINT_EN = COLLECTION_ACTIONS.map((a) => ACTION_LABELS[a].en).join(", ");
const ACTION_HINT_ZH = COLLECTION_ACTIONS.map((a) => ACTION_LABELS[a].zh).join("、");

/**
 * Reads an action: its English or Chinese label or a synonym, ignoring case, width, spaces and punctuation
 * (`Lawyer's letter`, `LAWYERS LETTER`, `律师函`), or both languages at once (`call / 电话`, `电话 call`)
 * when they name the same action.
 * @throws RuleError naming `argument` for a blank, a word no action has, or two words naming different actions
 */
export function readAction(value: unknown, argument = "action"): CollectionAction {
  if (typeof value === "string") {
    const found = ACTION_INDEX.get(compact(value));
    if (found !== undefined) return found;
    // Both languages in one cell: every part must name the same action.
    const parts = value
      .normalize("NFKC")
      .split(/[/|,;，；、()（）]+|\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+/u)
      .map(compact)
      .filter((p) => p !== "");
    if (parts.length > 1) {
      const actions = new Set(parts.map((p) => ACTION_INDEX.get(p)));
      if (actions.size === 1 && !actions.has(undefined)) return [...actions][0] as CollectionAction;
    }
  }
  throw new RuleError(
    argument,
    `${show(value)} is not a known action (${ACTION_HINT_EN})`,
    `${show(value)} 不是可识别的催收动作（${ACTION_HINT_ZH}）`,
  );
}

// ---- columns -------------------------------------------------------------------------------------------

/** The columns of a collection log. `date`, `customer` and `action` are required. */
export type LogField = "date" | "customer" | "invoice" | "action" | "amount" | "promisedDate" | "who" | "note";

/** Every column of the log, in the order the pane writes them. */
export const LOG_FIELDS: readonly LogField[] = Object.freeze([
  "date",
  "customer",
  "invoice",
  "action",
  "amount",
  "promisedDate",
  "who",
  "note",
] as const);

/** The columns without which a row cannot be read. */
export const LOG_REQUIRED_FIELDS: readonly LogField[] = Object.freeze(["date", "customer", "action"] as const);

/** What each column is called in messages and in the headers the pane writes, in both languages. */
export const LOG_FIELD_LABELS: Readonly<Record<LogField, { readonly en: string; readonly zh: string }>> = Object.freeze({
  date: { en: "date", zh: "日期" },
  customer: { en: "customer", zh: "客户" },
  invoice: { en: "invoice", zh: "发票号" },
  action: { en: "action", zh: "催收动作" },
  amount: { en: "amount", zh: "金额" },
  promisedDate: { en: "promised date", zh: "承诺日期" },
  who: { en: "who", zh: "经办人" },
  note: { en: "note", zh: "备注" },
});

/** The header words of each column, English then Chinese (compared as compact() leaves them). */
export const LOG_HEADER_WORDS: Readonly<Record<LogField, readonly string[]>> = Object.freeze({
  date: ["date", "event date", "contact date", "log date", "日期", "催收日期", "记录日期", "发生日期", "跟进日期"],
  customer: [
    "customer",
    "customer name",
    "client",
    "client name",
    "debtor",
    "account name",
    "客户",
    "客户名称",
    "债务人",
    "欠款单位",
    "单位名称",
  ],
  invoice: [
    "invoice",
    "invoice number",
    "invoice no",
    "document",
    "document number",
    "document no",
    "发票号",
    "发票号码",
    "单据编号",
    "单据号",
    "发票",
  ],
  action: ["action", "collection action", "event", "activity", "method", "type", "动作", "催收动作", "方式", "催收方式", "事项", "类型"],
  amount: ["amount", "amount promised or paid", "金额", "承诺或回款金额"],
  promisedDate: [
    "promised date",
    "promise date",
    "promised by",
    "promised for",
    "promised payment date",
    "承诺日期",
    "承诺还款日",
    "承诺还款日期",
    "约定还款日",
  ],
  who: ["who", "owner", "by", "handled by", "collector", "staff", "经办人", "负责人", "催收人", "跟进人"],
  note: ["note", "notes", "comment", "comments", "remark", "remarks", "备注", "说明", "内容"],
});

const LOG_WORD_INDEX: ReadonlyMap<string, LogField> = (() => {
  const index = new Map<string, LogField>();
  for (const field of LOG_FIELDS) {
    for (const word of [field, ...LOG_HEADER_WORDS[field]]) {
      const key = compact(word);
      const known = index.get(key);
      if (known !== undefined && known !== field) throw new Error(`log header word ${word} is given for both ${known} and ${field}`);
      index.set(key, field);
    }
  }
  return index;
})();

/** Brackets around a unit or hint after a header: `金额（元）`, `Date (yyyy-mm-dd)`. */
const BRACKETED = /[([{【（][^)\]}】）]*[)\]}】）]/gu;

/**
 * The log column a header names (as a whole, then without bracketed groups, then as English and Chinese
 * side by side, `Date 日期`, the headers the pane writes, when both name the same column), or null.
 */
export function recogniseLogHeader(header: unknown): LogField | null {
  if (typeof header !== "string" && typeof header !== "number") return null;
  const text = String(header).normalize("NFKC");
  const found = LOG_WORD_INDEX.get(compact(text)) ?? LOG_WORD_INDEX.get(compact(text.replace(BRACKETED, " ")));
  if (found !== undefined) return found;
  // Split where Latin text meets Chinese: every part must name the same column.
  const parts = text
    .replace(BRACKETED, " ")
    .split(/(?<=[\p{Script=Han}])(?=[^\p{Script=Han}])|(?<=[^\p{Script=Han}])(?=[\p{Script=Han}])|[/|]/u)
    .map(compact)
    .filter((p) => p !== "");
  if (parts.length < 2) return null;
  const fields = new Set(parts.map((p) => LOG_WORD_INDEX.get(p)));
  return fields.size === 1 && !fields.has(undefined) ? ([...fields][0] as LogField) : null;
}

/** Log column -> 0-based column index. */
export type LogMapping = Readonly<Partial<Record<LogField, number>>>;

/** The columns found in a log's header row. */
export interface LogColumns {
  readonly mapping: LogMapping;
  /** Non-blank headers that name no column of the log (left to right). */
  readonly unmatched: readonly string[];
  /** Headers naming a column already found further left: field, 0-based column, header. */
  readonly duplicates: readonly { readonly field: LogField; readonly column: number; readonly header: string }[];
  /** Required columns (date, customer, action) that no header names. */
  readonly missingRequired: readonly LogField[];
}

/**
 * Recognises the columns of a collection log from its header row. The user's overrides come first (a
 * field -> a 0-based column); every other header is matched against LOG_HEADER_WORDS, the leftmost
 * column winning when two name the same field.
 * @throws RuleError naming the field when an override is not a log field or not a column of the table
 */
export function recogniseLogColumns(headers: readonly unknown[], overrides: LogMapping = {}): LogColumns {
  const mapping: Partial<Record<LogField, number>> = {};
  const taken = new Set<number>();
  for (const [key, column] of Object.entries(overrides)) {
    if (column === undefined) continue;
    if (!(LOG_FIELDS as readonly string[]).includes(key)) {
      throw new RuleError(key, `is not a column of the log (${LOG_FIELDS.join(", ")})`, `不是催收记录的列（${LOG_FIELDS.join("、")}）`);
    }
    if (!Number.isInteger(column) || column < 0 || column >= headers.length || taken.has(column)) {
      throw new RuleError(
        key,
        `${show(column)} is not a free column of the log (0 to ${headers.length - 1})`,
        `${show(column)} 不是催收记录中可用的列（0 至 ${headers.length - 1}）`,
      );
    }
    mapping[key as LogField] = column;
    taken.add(column);
  }
  const unmatched: string[] = [];
  const duplicates: { field: LogField; column: number; header: string }[] = [];
  headers.forEach((cell, column) => {
    if (taken.has(column) || isBlank(cell)) return;
    const field = recogniseLogHeader(cell);
    const text = String(cell).trim();
    if (field === null) unmatched.push(text);
    else if (mapping[field] !== undefined) duplicates.push({ field, column, header: text });
    else mapping[field] = column;
  });
  const missingRequired = LOG_REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  return { mapping, unmatched, duplicates, missingRequired };
}

// ---- rows ----------------------------------------------------------------------------------------------

/** One event of the log, as read. */
export interface LogEvent {
  /** Sheet row number of the log row (the rows each fact rests on are these). */
  readonly sourceRow: number;
  /** Excel serial of the day it happened. */
  readonly date: number;
  /** The customer as written (trimmed). */
  readonly customer: string;
  /** The invoice it concerns, when the row names one. */
  readonly invoice: string | null;
  readonly action: CollectionAction;
  /** The amount promised, paid, confirmed or disputed (per instalment for a plan); null when blank. */
  readonly amount: number | null;
  /** Excel serial of the promised date (a promise), the first instalment's (a plan); null when blank. */
  readonly promisedDate: number | null;
  readonly who: string | null;
  readonly note: string | null;
}

/** A log row that could not be read, with every reason. */
export interface LogProblem {
  readonly sourceRow: number;
  /** The customer, when its cell could be read. */
  readonly customer: string | null;
  readonly problems: readonly Reason[];
}

/** A log as read: every row up to the last non-blank one is an event, a problem or blank. */
export interface CollectionLog {
  readonly columns: LogColumns;
  /** The events, in log order. */
  readonly events: readonly LogEvent[];
  /** The rows that could not be read, in log order. */
  readonly problems: readonly LogProblem[];
  /** Sheet row numbers of the blank rows between data rows. */
  readonly blankRows: readonly number[];
  /** Blank rows after the last data row. */
  readonly trailingBlankRows: number;
  /** Data rows below the header: events + problems + blank rows + trailing blank rows. */
  readonly rowCount: number;
}

/** How to read a log. */
export interface LogOptions {
  /** Sheet row number of the header row; default 1 (data from row 2). */
  readonly headerRow?: number;
  /** Corrections of the recognised columns (field -> 0-based column). */
  readonly overrides?: LogMapping;
  /** The workbook's date system; numbers in date columns of a `1904` workbook are moved onto the 1900 count. */
  readonly dateSystem?: DateSystem;
}

/** Actions that need an amount above 0 (what was promised, paid, or is due per instalment). */
const NEEDS_AMOUNT: ReadonlySet<CollectionAction> = new Set(["promise", "payment", "planAgreed"]);
/** Actions that need a promised date (when the money is promised; the first instalment's due date). */
const NEEDS_PROMISED_DATE: ReadonlySet<CollectionAction> = new Set(["promise", "planAgreed"]);

/**
 * Reads a collection log: `table[0]` is the header row, every other row a log row. A row is read into an
 * event when its date, customer and action read and what its action needs is there (an amount above 0 for
 * a promise, a payment or a plan; a promised date, not before the row's date, for a promise or a plan);
 * otherwise it is a problem with every reason in both languages. Blank rows are counted, never dropped.
 * @throws RuleError (`log`) when the table has no header row or lacks a date, customer or action column;
 *   naming the option for a bad header row number or date system
 */
export function readCollectionLog(table: readonly (readonly unknown[])[], options: LogOptions = {}): CollectionLog {
  if (!Array.isArray(table) || table.length === 0 || !Array.isArray(table[0])) {
    throw new RuleError("log", "has no header row", "没有标题行");
  }
  const headerRow = checkSheetRow(options.headerRow ?? 1, "headerRow");
  const dateSystem = checkDateSystem(options.dateSystem);
  const columns = recogniseLogColumns(table[0], options.overrides);
  if (columns.missingRequired.length > 0) {
    const en = columns.missingRequired.map((f) => LOG_FIELD_LABELS[f].en).join(", ");
    const zh = columns.missingRequired.map((f) => LOG_FIELD_LABELS[f].zh).join("、");
    throw new RuleError(
      "log",
      `no column for ${en} (headers such as ${columns.missingRequired.map((f) => LOG_HEADER_WORDS[f][0]).join(", ")})`,
      `缺少列：${zh}`,
    );
  }
  const offset = dateSystem === "1904" ? DATE_1904_OFFSET : 0;
  const rows = table.slice(1);
  let last = rows.length - 1;
  while (last >= 0 && isBlankRow(rows[last])) last--;
  const events: LogEvent[] = [];
  const problems: LogProblem[] = [];
  const blankRows: number[] = [];
  for (let i = 0; i <= last; i++) {
    const sourceRow = headerRow + 1 + i;
    const row = Array.isArray(rows[i]) ? rows[i] : [];
    if (isBlankRow(row)) {
      blankRows.push(sourceRow);
      continue;
    }
    const read = readRow(row, columns.mapping, sourceRow, offset);
    if ("problems" in read) problems.push(read);
    else events.push(read);
  }
  return { columns, events, problems, blankRows, trailingBlankRows: rows.length - 1 - last, rowCount: rows.length };
}

/** One row: its event, or its problems. */
function readRow(row: readonly unknown[], mapping: LogMapping, sourceRow: number, dateOffset: number): LogEvent | LogProblem {
  const problems: Reason[] = [];
  const cell = (field: LogField): unknown => {
    const column = mapping[field];
    return column === undefined ? null : row[column];
  };
  /** Reads a cell: null when blank, undefined when it cannot be read (its problem added). */
  const read = <T>(field: LogField, reader: (value: unknown) => T, required: boolean): T | null | undefined => {
    const value = cell(field);
    const label = LOG_FIELD_LABELS[field];
    if (isBlank(value)) {
      if (required)
        problems.push({ code: `missing:${field}`, en: `${label.en}: missing (blank cell)`, zh: `${label.zh}：缺失（空白单元格）` });
      return null;
    }
    const error = excelError(value);
    if (error !== null) {
      problems.push({
        code: `error-value:${field}`,
        en: `${label.en}: the cell holds the Excel error ${error}`,
        zh: `${label.zh}：单元格为 Excel 错误值 ${error}`,
      });
      return undefined;
    }
    if (value instanceof UncomputedFormula) {
      problems.push({
        code: `uncomputed-formula:${field}`,
        en: `${label.en}: the cell holds a formula without a computed value; open and save the file in Excel`,
        zh: `${label.zh}：单元格是公式，但文件中没有计算结果；请在 Excel 中打开并保存文件`,
      });
      return undefined;
    }
    try {
      return reader(value);
    } catch (e) {
      problems.push(invalid(field, e));
      return undefined;
    }
  };
  const text = (value: unknown): string => {
    if (typeof value === "string") return value.trim();
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw new RuleError("value", `${show(value)} is not text`, `${show(value)} 不是文本`);
  };
  const date = (field: LogField) => (value: unknown) => logDate(value, LOG_FIELD_LABELS[field].en, dateOffset);

  const day = read("date", date("date"), true);
  const customer = read("customer", text, true);
  const invoice = read("invoice", text, false);
  const action = read("action", (v) => readAction(v), true);
  const amount = read("amount", (v) => logAmount(v), false);
  const promisedDate = read("promisedDate", date("promisedDate"), false);
  const who = read("who", text, false);
  const note = read("note", text, false);

  if (action !== null && action !== undefined) {
    const name = ACTION_LABELS[action];
    if (NEEDS_AMOUNT.has(action)) {
      if (amount === null) {
        problems.push({
          code: "missing:amount",
          en: `amount: missing; a ${name.en} needs the amount ${action === "planAgreed" ? "of each instalment" : action === "payment" ? "paid" : "promised"}`,
          zh: `金额：缺失；${name.zh}须填写${action === "planAgreed" ? "每期金额" : action === "payment" ? "回款金额" : "承诺金额"}`,
        });
      } else if (amount === 0) {
        problems.push({ code: "invalid:amount", en: `amount: a ${name.en} of 0 is no ${name.en}`, zh: `金额：${name.zh}金额为 0` });
      }
    }
    if (NEEDS_PROMISED_DATE.has(action)) {
      if (promisedDate === null) {
        problems.push({
          code: "missing:promisedDate",
          en: `promised date: missing; a ${name.en} needs ${action === "planAgreed" ? "the first instalment's due date" : "the date the money is promised for"}`,
          zh: `承诺日期：缺失；${name.zh}须填写${action === "planAgreed" ? "首期到期日" : "承诺还款的日期"}`,
        });
      } else if (promisedDate !== undefined && typeof day === "number" && promisedDate < day) {
        problems.push({
          code: "invalid:promisedDate",
          en: `promised date: before the row's date (were the two dates swapped?)`,
          zh: `承诺日期：早于本行日期（两个日期是否填反了？）`,
        });
      }
    }
  }
  if (problems.length > 0) return { sourceRow, customer: typeof customer === "string" ? customer : null, problems };
  return {
    sourceRow,
    date: day as number,
    customer: customer as string,
    invoice: invoice ?? null,
    action: action as CollectionAction,
    amount: amount ?? null,
    promisedDate: promisedDate ?? null,
    who: who ?? null,
    note: note ?? null,
  };
}

/** A cell the reader refused, as a problem of the column: the reader's message after the column's label. */
function invalid(field: LogField, error: unknown): Reason {
  const label = LOG_FIELD_LABELS[field];
  if (error instanceof RuleError)
    return { code: `invalid:${field}`, en: `${label.en}: ${error.detail.en}`, zh: `${label.zh}：${error.detail.zh}` };
  const message = error instanceof Error ? error.message : String(error);
  return { code: `invalid:${field}`, en: `${label.en}: ${message}`, zh: `${label.zh}：${message}` };
}

/**
 * A date of the log: what readDate reads (a serial, `2025-07-31`, `2025年7月31日`), else what exports
 * write (`31.07.2025`, `7/31/2025`, `31-Jul-2025`); a number in a 1904 workbook moved onto the 1900 count.
 */
function logDate(value: unknown, argument: string, offset: number): number {
  if (typeof value === "number") return readDate(value + offset, argument);
  try {
    return readDate(value, argument);
  } catch (error) {
    try {
      return readLedgerDate(value, argument);
    } catch {
      throw error;
    }
  }
}

/** An amount of the log: >= 0, as readAmount reads it, else as exports write it (`¥1,234.50`, `80万`). */
function logAmount(value: unknown): number {
  try {
    return readAmount(value, "amount");
  } catch (error) {
    let amount: number;
    try {
      amount = readLedgerAmount(value, "amount");
    } catch {
      throw error;
    }
    return readAmount(amount, "amount"); // a negative amount is refused with readAmount's message
  }
}

/**
 * The key a customer is matched by, between the log and the portfolio: half width (NFKC), lower case,
 * runs of white space as one space, trimmed (`Huaxin  Machinery` and `huaxin machinery` are one customer).
 */
export function logCustomerKey(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}
