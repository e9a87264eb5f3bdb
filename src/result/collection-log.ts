/**
 * What became of a collection log in a triage (TriageOutput.collection), as the faces report it: the line
 * that accounts for every log row, the log's customers the portfolio does not have, each problem row with
 * its reasons, and the "Log problems" sheet. One home for the command line's printout and .xlsx and the
 * task pane's outcome and sheet.
 */
import type { CollectionLog, Language, LogProblem, TriageCollection } from "../core/index.js";

/** The name of the sheet of the log's problem rows (xlsx; the pane's sheet) in each language. */
export const LOG_PROBLEMS_SHEET: Readonly<Record<Language, string>> = Object.freeze({ en: "Log problems", zh: "催收记录问题" });

/** The headers of the sheet "Log problems". */
export const LOG_PROBLEM_HEADERS: Readonly<Record<Language, readonly string[]>> = Object.freeze({
  en: ["log row", "customer", "problem"],
  zh: ["催收记录行号", "客户", "问题"],
});

/** Every row of the log accounted for: "33 rows = 30 events + 2 problems + 1 blank" / "33 行 = 30 个事件 + 2 行有问题 + 1 行空行". */
export function logRowsText(log: CollectionLog, language: Language): string {
  const blank = log.blankRows.length + log.trailingBlankRows;
  return language === "zh"
    ? `${log.rowCount} 行 = ${log.events.length} 个事件 + ${log.problems.length} 行有问题 + ${blank} 行空行`
    : `${log.rowCount} rows = ${log.events.length} events + ${log.problems.length} problem${log.problems.length === 1 ? "" : "s"} + ${blank} blank`;
}

/**
 * The log's section of the printout: every row accounted for ("log: 33 rows = 30 events + 2 problems + 1
 * blank"), the log's customers the portfolio does not have, and each problem row with its reasons.
 * @param name what to call the log by (its file, its sheet)
 */
export function logLines(collection: TriageCollection, name: string, language: Language): string[] {
  const zh = language === "zh";
  const lines: string[] = [];
  const log = collection.log;
  if (log !== null) lines.push(zh ? `催收记录 ${name}：${logRowsText(log, language)}` : `log ${name}: ${logRowsText(log, language)}`);
  lines.push(notInPortfolioLine(collection, language));
  for (const p of log?.problems ?? []) lines.push(logProblemLine(p, language));
  return lines;
}

/** A problem row of the log with its reasons: "log row 7: amount: missing; ..." / "催收记录第 7 行：...". */
export function logProblemLine(problem: LogProblem, language: Language): string {
  const zh = language === "zh";
  const reasons = problem.problems.map((r) => (zh ? r.zh : r.en)).join(zh ? "；" : "; ");
  return zh ? `催收记录第 ${problem.sourceRow} 行：${reasons}` : `log row ${problem.sourceRow}: ${reasons}`;
}

/** The log's customers that no row of the portfolio names, with their log rows; or that there are none. */
export function notInPortfolioLine(collection: TriageCollection, language: Language): string {
  const zh = language === "zh";
  const missing = collection.notInPortfolio;
  if (missing.length === 0) return zh ? "催收记录中的客户均在组合中" : "every customer of the log is in the portfolio";
  const names = missing.map((c) => {
    const rows = [...c.rows, ...c.afterAsOfRows].sort((x, y) => x - y);
    return zh ? `${c.customer}（第 ${rows.join("、")} 行）` : `${c.customer} (${rows.length === 1 ? "row" : "rows"} ${rows.join(", ")})`;
  });
  return zh
    ? `${missing.length} 个客户不在组合中：${names.join("；")}`
    : `${missing.length} customer${missing.length === 1 ? "" : "s"} not in the portfolio: ${names.join("; ")}`;
}

/** The rows of the sheet "Log problems": each problem row, then each customer not in the portfolio (at its first row). */
export function logProblemRows(collection: TriageCollection, language: Language): (string | number)[][] {
  const zh = language === "zh";
  const rows: (string | number)[][] = [];
  for (const p of collection.log?.problems ?? []) {
    rows.push([p.sourceRow, p.customer ?? "", p.problems.map((r) => (zh ? r.zh : r.en)).join(zh ? "；" : "; ")]);
  }
  for (const c of collection.notInPortfolio) {
    const all = [...c.rows, ...c.afterAsOfRows].sort((a, b) => a - b);
    rows.push([
      all[0],
      c.customer,
      zh
        ? `客户不在组合中（第 ${all.join("、")} 行）`
        : `customer not in the portfolio (${all.length === 1 ? "row" : "rows"} ${all.join(", ")})`,
    ]);
  }
  return rows;
}
