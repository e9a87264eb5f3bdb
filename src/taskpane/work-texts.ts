/**
 * The texts of today's work and the collection log in the triage tab's outcome (work-panel.tsx), in
 * English and Chinese. Apart from texts.ts so that the pane's other options keep their own files.
 */
import type { CollectionLogPlace } from "../excel-io/log-read.js";
import type { PaneLanguage } from "./texts.js";

/** Today's work and the log line after a run. */
export interface WorkText {
  /** The button that shows the "Today's work" sheet. */
  readonly openWork: string;
  /** An owner's group heading: "Finance manager (3)". */
  readonly owner: (owner: string, count: number) => string;
  /** Why the entry is on today's list. */
  readonly today: string;
  /** Entries not shown here. */
  readonly more: (count: number, sheet: string) => string;
  /** The log read: "Collection log: 33 rows = 30 events + 2 problems + 1 blank (sheet Collection log)". */
  readonly logRead: (rows: string, place: CollectionLogPlace) => string;
  /** No log in the workbook. */
  readonly logNone: string;
  /** A sheet named as the log without a log header in its first rows. */
  readonly logUnread: (sheet: string) => string;
  /** The log's problem rows and customers not in the portfolio, listed on a sheet. */
  readonly logProblems: (count: number, sheet: string) => string;
  /** What the folded list of the log's problem rows is called on its toggle: "Show the 2 problem rows". */
  readonly showLogProblems: (count: number) => string;
  readonly hideLogProblems: string;
  readonly openFailed: string;
}

const en: WorkText = {
  openWork: "Open today's work",
  owner: (owner, count) => `${owner.charAt(0).toUpperCase()}${owner.slice(1)} (${count})`,
  today: "Today",
  more: (count, sheet) => `${count.toLocaleString("en-US")} more in “${sheet}”.`,
  logRead: (rows, place) =>
    `Collection log: ${rows} (${place.kind === "table" ? `table ${place.table}, sheet ${place.sheet}` : `sheet ${place.sheet}`}); read, not changed.`,
  logNone: "Collection log: none in this workbook; the Log tab creates one.",
  logUnread: (sheet) => `Collection log: the sheet “${sheet}” has no date, customer and action headers in its first rows; not read.`,
  logProblems: (count, sheet) => `${count.toLocaleString("en-US")} log ${count === 1 ? "entry" : "entries"} to check in “${sheet}”.`,
  showLogProblems: (count) => `Show the ${count === 1 ? "problem row" : `${count.toLocaleString("en-US")} problem rows`}`,
  hideLogProblems: "Hide the problem rows",
  openFailed: "Could not open the sheet",
};

const zh: WorkText = {
  openWork: "打开今日工作",
  owner: (owner, count) => `${owner}（${count}）`,
  today: "今日",
  more: (count, sheet) => `另有 ${count.toLocaleString("zh-CN")} 项，见“${sheet}”。`,
  logRead: (rows, place) =>
    `催收记录：${rows}（${place.kind === "table" ? `表格 ${place.table}，工作表“${place.sheet}”` : `工作表“${place.sheet}”`}）；只读取，未改动。`,
  logNone: "催收记录：本工作簿中没有；可在“催收记录”页签中创建。",
  logUnread: (sheet) => `催收记录：工作表“${sheet}”的前几行中没有日期、客户和催收动作列，未读取。`,
  logProblems: (count, sheet) => `${count.toLocaleString("zh-CN")} 项催收记录待核对，见“${sheet}”。`,
  showLogProblems: (count) => `显示 ${count.toLocaleString("zh-CN")} 行有问题的记录`,
  hideLogProblems: "收起有问题的记录",
  openFailed: "无法打开工作表",
};

/** The texts in each language. */
export const WORK_TEXT: Readonly<Record<PaneLanguage, WorkText>> = { en, zh };
