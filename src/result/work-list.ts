/**
 * Today's work list (src/core/work-list.ts) as the faces show it: a result table with headers in the
 * language (the "Today's work" / "今日工作" sheet, result.work.csv) and, for the command line, one text
 * table per owner under the heading "Today's work (N)".
 */
import { describeNextStep, formatAmount, workList, type Language, type TriageOutput, type WorkItem, type WorkList } from "../core/index.js";
import type { TextTable } from "./summary.js";
import type { ResultCell } from "./table.js";

/** The columns of the work-list table: keys and headers as the result table's (columns.ts) where they are the same. */
export const WORK_LIST_COLUMNS: readonly { readonly key: string; readonly en: string; readonly zh: string }[] = Object.freeze([
  { key: "owner", en: "owner", zh: "负责人" },
  { key: "customer", en: "customer", zh: "客户" },
  { key: "sourceRow", en: "source row", zh: "源行号" },
  { key: "nextStep", en: "next step", zh: "下一步" },
  { key: "nextStepReason", en: "why this step", zh: "为何此步" },
  { key: "whyToday", en: "why today", zh: "为何今日" },
  { key: "balance", en: "balance", zh: "余额" },
  { key: "level", en: "warning level", zh: "预警级别" },
  { key: "daysPastDue", en: "days past due", zh: "逾期天数" },
]);

/** The name of the work-list sheet (xlsx; the pane's sheet) in each language. */
export const WORK_LIST_SHEET: Readonly<Record<Language, string>> = Object.freeze({ en: "Today's work", zh: "今日工作" });

/**
 * Today's work list of a triage, as every face makes it: with the run's collection log, each record's own
 * facts (TriageRecord.collection); without one, the records alone (the ladder's cadence).
 */
export function triageWorkList(output: Pick<TriageOutput, "records" | "asOf" | "policy" | "collection">): WorkList {
  return workList(output.records, output.asOf, { policy: output.policy, facts: output.collection?.facts ?? null });
}

/** The work list as a table: headers in the language, their keys, and one row per entry in the list's order. */
export interface WorkListTable {
  readonly headers: readonly string[];
  readonly columnKeys: readonly string[];
  readonly rows: readonly (readonly ResultCell[])[];
}

/** The reasons an entry is on today's list, in one cell. */
function whyText(item: WorkItem, language: Language): string {
  return item.why.map((w) => w[language]).join(language === "zh" ? "；" : "; ");
}

/**
 * The work list as a result table (one row per entry, by owner then most urgent first): owner, customer,
 * source row, the next step in one line (describeNextStep) and its reason, why today, balance, warning
 * level, days past due. Amounts and numbers stay numbers.
 */
export function workListTable(list: WorkList, language: Language): WorkListTable {
  return {
    headers: WORK_LIST_COLUMNS.map((c) => c[language]),
    columnKeys: WORK_LIST_COLUMNS.map((c) => c.key),
    rows: list.items.map((item) => [
      item.owner[language],
      item.customer,
      item.sourceRow,
      describeNextStep(item.nextStep, language),
      item.nextStep.reason[language],
      whyText(item, language),
      item.balance,
      item.level,
      item.daysPastDue,
    ]),
  };
}

/** The heading of the printout's section: "Today's work (8)" / "今日工作（8）". */
export function workListHeading(list: WorkList, language: Language): string {
  const n = list.items.length;
  return language === "zh" ? `今日工作（${n}）` : `Today's work (${n})`;
}

/** The line under the heading when nobody is to be contacted today. */
export function workListEmptyLine(language: Language): string {
  return language === "zh" ? "今日无需联系任何客户" : "nobody to contact today";
}

/**
 * The line under the list when no collection log was given: nothing is known of contacts, so every debtor
 * from warning level 1 is listed by the ladder's cadence.
 * @param how how a face is given a log, in brackets after "no collection log given" (the command line's `--log`)
 */
export function workListWithoutLogLine(language: Language, how: Readonly<Record<Language, string>> = { en: "--log", zh: "--log" }): string {
  return language === "zh"
    ? `未提供催收记录（${how.zh}）：一级预警及以上的客户均按跟进频率列出；有记录时只列今日应联系的客户`
    : `no collection log given (${how.en}): every debtor from level 1 is listed by the ladder's cadence; with a log, only those due today`;
}

const TERMINAL_HEADERS: Readonly<Record<Language, readonly string[]>> = {
  en: ["Row", "Customer", "Balance", "What, and why today"],
  zh: ["行号", "客户", "余额", "做什么，为何今日"],
};

/**
 * The printout's tables: one per owner, titled "Salesperson (2)", each row the source row, customer,
 * balance, and in the last (wrapped) column what to do (the next step without its owner, who is the
 * table's, and without how: the sheet has it) and why today, so that it reads at 100 columns (72 too). Level 3 rows are marked (red). Cells may hold a
 * debtor's text: the terminal prints them through `printable`.
 */
export function workListTextTables(list: WorkList, language: Language): TextTable[] {
  const zh = language === "zh";
  // A column of amounts shows cents on every row when any amount has them (1,234.50 over 95,000.00), as the summary's.
  const cents = list.items.some((i) => formatAmount(i.balance).includes("."));
  const money = (amount: number): string => {
    const text = formatAmount(amount);
    if (!cents) return text;
    const point = text.indexOf(".");
    return point < 0 ? `${text}.00` : text.padEnd(point + 3, "0");
  };
  return list.groups.map((group) => {
    const owner = group.owner[language];
    return {
      title: zh ? `${owner}（${group.items.length}）` : `${owner.charAt(0).toUpperCase()}${owner.slice(1)} (${group.items.length})`,
      headers: TERMINAL_HEADERS[language],
      align: ["right", "left", "right", "left"],
      rows: group.items.map((item) => ({
        cells: [
          String(item.sourceRow),
          item.customer,
          money(item.balance),
          zh ? `${item.nextStep.what.zh}。今日：${whyText(item, language)}` : `${item.nextStep.what.en}. Today: ${whyText(item, language)}`,
        ],
        ...(item.level === 3 ? { tone: "level3" as const } : {}),
      })),
    };
  });
}
