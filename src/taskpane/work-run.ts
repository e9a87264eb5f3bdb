/**
 * The run's side of today's work and the collection log (issue 13), kept out of triage-run.ts: the log's
 * cells as the worker takes them, and the sheets written after the summary ("Today's work" and, when the
 * log has problem rows or customers not in the portfolio, "Log problems"), named as the command line's.
 */
import type { Language } from "../core/index.js";
import type { CollectionLogRows } from "../excel-io/log-read.js";
import type { MoreSheet } from "../excel-io/types.js";
import { LOG_PROBLEMS_SHEET, WORK_LIST_SHEET } from "../result/index.js";
import type { LogInput, LogReport, WorkReport } from "./work-compute.js";

/** The log as read from the workbook, as the worker's request carries it. */
export function logInput(log: CollectionLogRows): LogInput {
  return { headers: log.headers, rows: log.rows, headerRow: log.location.headerRow };
}

/** The sheets after the summary: "Log problems" (when it has rows), then "Today's work" (always: the command line's order). */
export function moreSheets(triaged: { readonly work: WorkReport; readonly log: LogReport | null }, language: Language): MoreSheet[] {
  const sheets: MoreSheet[] = [];
  const problems = triaged.log?.sheet ?? null;
  if (problems !== null)
    sheets.push({ key: "logProblems", name: LOG_PROBLEMS_SHEET[language], headers: problems.headers, rows: problems.rows });
  const work = triaged.work.sheet;
  sheets.push({ key: "work", name: WORK_LIST_SHEET[language], headers: work.headers, columnKeys: work.columnKeys, rows: work.rows });
  return sheets;
}
