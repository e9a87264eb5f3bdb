/**
 * The Log tab's form without React: which fields an action asks for, today's date as the pane shows it, the
 * texts of the tab, and the check that turns what was typed into one log entry or into a message per field
 * (in both languages, as RuleErrors). Nothing is written to the workbook unless the check passes.
 */
import { ACTION_LABELS, COLLECTION_ACTIONS, type CollectionAction } from "../core/collection/index.js";
import { readDate } from "../core/dates.js";
import { RuleError, show } from "../core/errors.js";
import type { LogEntry } from "../excel-io/collection-log.js";
import type { PaneLanguage } from "./texts.js";

/** The fields of the form that can be refused. */
export type LogFormField = "customer" | "date" | "amount" | "promisedDate";

/** What the user typed or picked. */
export interface LogForm {
  /** The customer taken from the selection (null: none taken yet). */
  readonly customer: string | null;
  readonly action: CollectionAction;
  /** yyyy-mm-dd, as the date field holds it. */
  readonly date: string;
  readonly amount: string;
  readonly promisedDate: string;
  readonly who: string;
  readonly note: string;
}

/** Actions that carry an amount (promised, paid, per instalment). */
const WITH_AMOUNT: ReadonlySet<CollectionAction> = new Set(["promise", "payment", "planAgreed"]);
/** Actions that carry a date to pay by (a promise's, a plan's first instalment). */
const WITH_PROMISED_DATE: ReadonlySet<CollectionAction> = new Set(["promise", "planAgreed"]);

/** Whether the form shows the amount field for an action. */
export const asksAmount = (action: CollectionAction): boolean => WITH_AMOUNT.has(action);
/** Whether the form shows the promised-date field for an action. */
export const asksPromisedDate = (action: CollectionAction): boolean => WITH_PROMISED_DATE.has(action);

/** Today's date (the pane's clock, local time) as the date field shows it: yyyy-mm-dd. */
export function todayText(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The actions in the order of the picker, each labelled in the pane's language. */
export function actionOptions(language: PaneLanguage): { readonly value: CollectionAction; readonly label: string }[] {
  return COLLECTION_ACTIONS.map((value) => ({ value, label: ACTION_LABELS[value][language] }));
}

/** An amount of money as typed: digits with at most two decimals (thousands commas allowed), above 0. */
function readTypedAmount(text: string): number {
  const plain = text.trim().replace(/[,，]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(plain) || Number(plain) <= 0) {
    throw new RuleError(
      "amount",
      `${show(text)} is not an amount above 0 (up to 2 decimals)`,
      `${show(text)} 不是大于 0 的金额（最多两位小数）`,
    );
  }
  return Number(plain);
}

/** The outcome of checking the form: the entry to append, or what is wrong with each field. */
export type LogFormCheck =
  | { readonly ok: true; readonly entry: LogEntry }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<LogFormField, RuleError>>> };

/**
 * Checks the form: a customer taken from the selection, a real date, and for a promise or a plan an amount
 * above 0 and a promised date not before the event's; for a payment an amount. Fields the action does not
 * ask for are left out of the entry.
 */
export function checkLogForm(form: LogForm): LogFormCheck {
  const errors: Partial<Record<LogFormField, RuleError>> = {};
  const attempt = <T>(field: LogFormField, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      errors[field] = error;
      return undefined;
    }
  };
  const customer = form.customer?.trim() ?? "";
  if (customer === "") {
    errors.customer = new RuleError(
      "customer",
      "no customer: select a customer's cell (or a result row) and press “Use the selected cell”",
      "尚未选定客户：请选中客户单元格（或结果表中的一行），再点“使用选中的单元格”",
    );
  }
  const blank = (field: LogFormField, en: string, zh: string) => new RuleError(field, `is needed for ${en}`, `${zh}时必填`);
  const date = attempt("date", () => readDate(form.date.trim(), "date"));
  const label = ACTION_LABELS[form.action];
  let amount: number | undefined;
  if (asksAmount(form.action)) {
    amount = attempt("amount", () => {
      if (form.amount.trim() === "") throw blank("amount", `a ${label.en}`, `记录${label.zh}`);
      return readTypedAmount(form.amount);
    });
  }
  let promisedDate: number | undefined;
  if (asksPromisedDate(form.action)) {
    promisedDate = attempt("promisedDate", () => {
      if (form.promisedDate.trim() === "") throw blank("promisedDate", `a ${label.en}`, `记录${label.zh}`);
      const day = readDate(form.promisedDate.trim(), "promisedDate");
      if (date !== undefined && day < date) {
        throw new RuleError(
          "promisedDate",
          `${form.promisedDate.trim()} is before the event's date`,
          `${form.promisedDate.trim()} 早于记录日期`,
        );
      }
      return day;
    });
  }
  if (Object.keys(errors).length > 0 || date === undefined) return { ok: false, errors };
  const who = form.who.trim();
  const note = form.note.trim();
  return {
    ok: true,
    entry: {
      date,
      customer,
      action: form.action,
      ...(amount === undefined ? {} : { amount }),
      ...(promisedDate === undefined ? {} : { promisedDate }),
      ...(who === "" ? {} : { who }),
      ...(note === "" ? {} : { note }),
    },
  };
}

/** The Log tab's texts. */
export interface LogText {
  readonly tab: string;
  readonly intro: string;
  readonly create: string;
  readonly created: (sheet: string) => string;
  readonly exists: (sheet: string) => string;
  readonly take: string;
  readonly customer: string;
  readonly noCustomer: string;
  readonly action: string;
  readonly date: string;
  readonly amount: string;
  readonly promisedDate: string;
  readonly who: string;
  readonly note: string;
  readonly add: string;
  readonly added: (action: string, customer: string, sheet: string, row: number) => string;
  readonly appendOnly: string;
  readonly notInExcel: string;
}

/** The Log tab's texts in each language. */
export const LOG_TEXT: Readonly<Record<PaneLanguage, LogText>> = {
  en: {
    tab: "Log",
    intro: "Record a call, a promise, a payment or a dispute: select a customer's cell or a result row, then add it to the collection log.",
    create: "Create the collection log",
    created: (sheet) => `Created the collection log on the sheet “${sheet}”.`,
    exists: (sheet) => `The workbook already has a collection log (sheet “${sheet}”): nothing changed.`,
    take: "Use the selected cell",
    customer: "Customer",
    noCustomer: "(none: select a customer's cell)",
    action: "Action",
    date: "Date",
    amount: "Amount",
    promisedDate: "Promised date",
    who: "Who",
    note: "Note",
    add: "Add to log",
    added: (action, customer, sheet, row) => `Added: ${action}, ${customer} (${sheet}, row ${row}).`,
    appendOnly: "The add-in only adds rows to the log; edit or delete them in the sheet.",
    notInExcel: "Open the add-in in Excel to keep a collection log.",
  },
  zh: {
    tab: "催收记录",
    intro: "记录电话、承诺还款、回款或异议：选中客户单元格或结果表中的一行，再添加到催收记录。",
    create: "创建催收记录表",
    created: (sheet) => `已在工作表“${sheet}”中创建催收记录表。`,
    exists: (sheet) => `工作簿中已有催收记录表（工作表“${sheet}”），未作更改。`,
    take: "使用选中的单元格",
    customer: "客户",
    noCustomer: "（未选定：请选中客户单元格）",
    action: "催收动作",
    date: "日期",
    amount: "金额",
    promisedDate: "承诺日期",
    who: "经办人",
    note: "备注",
    add: "添加到催收记录",
    added: (action, customer, sheet, row) => `已添加：${action}，${customer}（${sheet}，第 ${row} 行）。`,
    appendOnly: "本加载项只向催收记录追加行；如需修改或删除，请在工作表中操作。",
    notInExcel: "请在 Excel 中打开本加载项以记录催收。",
  },
};
