/**
 * The summary of a triage run as people read it, in English and Chinese: the summary sheet's rows (task
 * pane), the lines the command line prints, and the pane's summary tables. One set of labels for the three;
 * the counts themselves are the core's (summarise).
 */
import {
  DATE_1904_OFFSET,
  formatAmount,
  isoFromSerial,
  type DateSystem,
  type Language,
  type ProblemRow,
  type TriageSummary,
} from "../core/index.js";
import type { ResultCell } from "./table.js";
import { rowList } from "./ledger.js";

// ------------------------------------------------------------------------------------------------
// The one count

/**
 * How the source rows divide, the one count the terminal, the summary sheet and the pane show: every row
 * is exactly one of ok (triaged: read and given a verdict), with a problem, or blank (a blank row between
 * data rows, listed as such and not among the problems). `ok + problem + blank = rows`,
 * `problemRows.length = problem`, `blankRows.length = blank`.
 */
export interface RowCounts {
  /** Rows of the table (up to the last non-blank one); for an item list, its customers. */
  readonly rows: number;
  /** Triaged: every cell read, a verdict given; the rows of the breakdowns. */
  readonly ok: number;
  readonly problem: number;
  readonly blank: number;
  /** The rows with a problem, in input order. */
  readonly problemRows: readonly ProblemRow[];
  /** The source row numbers of the blank rows between data rows, in input order. */
  readonly blankRows: readonly number[];
}

/** The problem code of a blank row between data rows (the core's BLANK_ROW). */
const BLANK_ROW_CODE = "blank-row";

/** The summary's rows divided once: triaged, with a problem, blank (RowCounts). */
export function rowCounts(summary: TriageSummary): RowCounts {
  const problemRows: ProblemRow[] = [];
  const blankRows: number[] = [];
  // The core lists blank rows with the problem rows (their one "problem" says blank row): they are told apart here.
  for (const p of summary.problemRows) {
    if (p.problem.code === BLANK_ROW_CODE) blankRows.push(p.sourceRow);
    else problemRows.push(p);
  }
  return { rows: summary.rows, ok: summary.ok, problem: summary.problem, blank: summary.blank, problemRows, blankRows };
}

/** "14, 20-21" as a phrase: "row 14" / "rows 14, 20-21" / "第 14、20-21 行". */
export function sourceRowsText(rows: readonly number[], language: Language): string {
  const list = rowList(rows);
  if (language === "zh") return `第 ${list.replace(/, /g, "、")} 行`;
  return `${rows.length === 1 ? "row" : "rows"} ${list}`;
}

/** The texts of the result and summary sheets, one shape for both languages. */
export interface ResultText {
  /** Name of the result sheet (the pane's new sheet, the command line's .xlsx sheet). */
  readonly result: string;
  /** Name of the item sheet (an item list's source rows and what became of them). */
  readonly items: string;
  /** Name of the summary sheet. */
  readonly summary: string;
  /** Appended to the name of a sheet a failed write could not remove. */
  readonly incomplete: string;
  readonly title: string;
  readonly asOf: string;
  readonly dateSystem: string;
  readonly dateSystem1904: string;
  readonly source: string;
  readonly resultSheet: string;
  readonly itemSheet: string;
  /** Heading of an item list's counts and reconciliation lines. */
  readonly ledger: string;
  readonly rows: string;
  readonly ok: string;
  readonly problem: string;
  readonly blank: string;
  readonly triaged: string;
  readonly amount: string;
  readonly amountHeader: string;
  readonly countHeader: string;
  readonly byLevel: string;
  readonly byProfile: string;
  readonly byBucket: string;
  readonly byGrade: string;
  readonly problems: string;
  readonly problemHeaders: readonly [string, string, string, string];
  readonly more: (n: number, sheet: string) => string;
  readonly none: string;
  readonly chart: string;
}

/** The result and summary sheets' texts by language. */
export const RESULT_TEXT: Readonly<Record<Language, ResultText>> = {
  en: {
    result: "Triage",
    items: "Items",
    summary: "Triage summary",
    incomplete: " (incomplete)",
    title: "Portfolio triage",
    asOf: "as of",
    dateSystem: "date system",
    dateSystem1904: "1904 (dates count from 1904-01-01, as in older Mac Excel; read as such)",
    source: "source",
    resultSheet: "result sheet",
    itemSheet: "item sheet",
    ledger: "open items and reconciliation",
    rows: "rows",
    ok: "ok",
    problem: "with problems",
    blank: "blank rows",
    triaged: "triaged (balance and due date read)",
    amount: "triaged balance",
    amountHeader: "balance",
    countHeader: "rows",
    byLevel: "by warning level",
    byProfile: "by debtor profile",
    byBucket: "by aging bucket",
    byGrade: "by credit grade",
    problems: "rows with problems",
    problemHeaders: ["source row", "customer", "first problem", "problems"],
    more: (n, sheet) => `... and ${n} more rows with problems: filter the status column of the sheet ${sheet}`,
    none: "none",
    chart: "Balance by warning level",
  },
  zh: {
    result: "分诊结果",
    items: "明细",
    summary: "分诊汇总",
    incomplete: "（未完成）",
    title: "应收账款组合分诊",
    asOf: "截至日期",
    dateSystem: "日期系统",
    dateSystem1904: "1904（日期从 1904-01-01 起算，旧版 Mac Excel 的默认设置；已按此读取）",
    source: "数据来源",
    resultSheet: "结果工作表",
    itemSheet: "明细工作表",
    ledger: "明细与对账",
    rows: "行数",
    ok: "正常",
    problem: "有问题",
    blank: "空行",
    triaged: "已分诊（余额和到期日可读）",
    amount: "已分诊余额",
    amountHeader: "余额",
    countHeader: "行数",
    byLevel: "按预警级别",
    byProfile: "按客户画像",
    byBucket: "按账龄段",
    byGrade: "按信用等级",
    problems: "有问题的行",
    problemHeaders: ["源行号", "客户", "首个问题", "问题数"],
    more: (n, sheet) => `……另有 ${n} 行有问题：请在工作表“${sheet}”中按状态列筛选`,
    none: "无",
    chart: "各预警级别余额",
  },
};

// ------------------------------------------------------------------------------------------------
// The summary sheet

/** What the summary sheet shows besides the summary. */
export interface SummarySheetInput {
  readonly summary: TriageSummary;
  readonly language: Language;
  /** Excel serial of the as-of date (1900 count). */
  readonly asOf: number;
  /** The workbook's date system: in a 1904 workbook the as-of cell holds the 1904 count, and a line says so. */
  readonly dateSystem?: DateSystem;
  /** Where the portfolio came from. */
  readonly source: { readonly address: string; readonly tableName?: string };
  /** The result sheet's name. */
  readonly resultSheet: string;
  /** The item sheet's name, for an item list. */
  readonly itemSheet?: string;
  /** An item list's counts and reconciliation (src/result ledger.ts), shown under the figures as plain text. */
  readonly notes?: readonly string[];
  /** Most rows with problems listed (the rest are counted in one line). */
  readonly problemRowLimit: number;
}

/** The summary sheet as rows of cells, and which rows to format how. */
export interface SummarySheet {
  /** Rows of at most `width` cells; an empty row is `[]`. */
  readonly rows: ResultCell[][];
  readonly width: number;
  /** Rows in bold (the title and the headers of the blocks). */
  readonly bold: number[];
  /** Rows whose second cell is an amount. */
  readonly amounts: number[];
  /** The row whose second cell is the as-of date. */
  readonly asOfRow: number;
  /** The header row of the breakdown by warning level, followed by one row per level: the chart's data. */
  readonly levelBlock: number;
}

/**
 * The summary sheet: the run's figures, the breakdowns by warning level, profile, aging bucket and grade
 * (amount, then count), and the rows with problems.
 */
export function summarySheet(input: SummarySheetInput): SummarySheet {
  const T = RESULT_TEXT[input.language];
  const zh = input.language === "zh";
  const s = input.summary;
  const rows: ResultCell[][] = [];
  const bold: number[] = [];
  const amounts: number[] = [];
  const add = (...cells: ResultCell[]) => {
    rows.push(cells);
    return rows.length - 1;
  };
  bold.push(add(T.title));
  // In a 1904 workbook a date cell shows its serial counted from 1904-01-01: the as-of date moved onto that count.
  const in1904 = input.dateSystem === "1904";
  const asOfRow = add(T.asOf, in1904 ? input.asOf - DATE_1904_OFFSET : input.asOf);
  if (in1904) add(T.dateSystem, T.dateSystem1904);
  add(T.source, input.source.tableName === undefined ? input.source.address : `${input.source.tableName} (${input.source.address})`);
  add(T.resultSheet, input.resultSheet);
  if (input.itemSheet !== undefined) add(T.itemSheet, input.itemSheet);
  add(T.rows, s.rows);
  add(T.ok, s.ok);
  add(T.problem, s.problem);
  const counts = rowCounts(s);
  if (counts.blankRows.length === 0) add(T.blank, s.blank);
  else add(T.blank, s.blank, sourceRowsText(counts.blankRows, input.language));
  add(T.triaged, s.triaged);
  amounts.push(add(T.amount, s.amount));
  if (input.notes !== undefined && input.notes.length > 0) {
    add();
    bold.push(add(T.ledger));
    for (const line of input.notes) add(line);
  }
  let levelBlock = -1;
  const breakdowns = [
    [T.byLevel, s.byLevel],
    [T.byProfile, s.byProfile],
    [T.byBucket, s.byBucket],
    [T.byGrade, s.byGrade],
  ] as const;
  for (const [title, groups] of breakdowns) {
    add();
    const head = add(title, T.amountHeader, T.countHeader);
    bold.push(head);
    if (groups === s.byLevel) levelBlock = head;
    for (const g of groups) amounts.push(add(zh ? g.zh : g.en, g.amount, g.count));
  }
  add();
  // As many rows listed as counted above: the blank rows are not problems (they are named on their count's row).
  const problems = counts.problemRows;
  bold.push(add(`${T.problems} (${problems.length})`));
  const limit = input.problemRowLimit;
  if (problems.length === 0) add(T.none);
  else {
    bold.push(add(...T.problemHeaders));
    for (const p of problems.slice(0, limit)) add(p.sourceRow, p.customer, zh ? p.problem.zh : p.problem.en, p.problemCount);
    if (problems.length > limit) add(T.more(problems.length - limit, input.resultSheet));
  }
  return { rows, width: 4, bold, amounts, asOfRow, levelBlock };
}

// ------------------------------------------------------------------------------------------------
// The command line's printout

/** The file a summary is about, as the command line names it. */
export interface SummarySource {
  /** The file's name. */
  readonly name: string;
  /** What to say about how it was read, if anything: an encoding other than UTF-8, the worksheet. */
  readonly detail?: string;
  readonly dateSystem?: DateSystem;
  /** An item list: the summary's rows are the customers its items were rolled up into. */
  readonly items?: boolean;
}

/** The first line of the printout: the file, the as-of date, the one count (RowCounts) and the triaged balance. */
export function summaryHeadline(summary: TriageSummary, source: SummarySource, asOf: number, language: Language): string {
  const s = summary;
  const amount = formatAmount(s.amount);
  if (language === "zh") {
    const about = [source.detail ?? "", source.dateSystem === "1904" ? "1904 日期系统" : ""].filter((t) => t !== "").join("，");
    const unit = source.items ? "个客户" : "行";
    const counts = `${s.rows} ${unit}，正常 ${s.ok}，有问题 ${s.problem}，空行 ${s.blank}`;
    return `${source.name}${about === "" ? " " : `（${about}）`}截至 ${isoFromSerial(asOf)}：${counts}；已分诊余额 ${amount}`;
  }
  const about = [source.detail ?? "", source.dateSystem === "1904" ? "1904 date system" : ""].filter((t) => t !== "").join(", ");
  const unit = source.items ? "customers" : "rows";
  const counts = `${s.rows} ${unit}, ${s.ok} ok, ${s.problem} with problems, ${s.blank} blank`;
  return `${source.name}${about === "" ? "" : ` (${about})`} as of ${isoFromSerial(asOf)}: ${counts}; ${amount} triaged`;
}

/** A table as text for a terminal: a header row, aligned columns, rows that may be marked. */
export interface TextTable {
  /** A heading line above the table, if any (the breakdowns name themselves in their first header). */
  readonly title?: string;
  readonly headers: readonly string[];
  readonly align: readonly ("left" | "right")[];
  readonly rows: readonly TextTableRow[];
  /** A line under the table ("... and 3 more"), if any. */
  readonly footer?: string;
}

/** One row of a TextTable; `tone` says how a terminal may mark it (warning level 3, a problem). */
export interface TextTableRow {
  readonly cells: readonly string[];
  readonly tone?: "level3" | "problem";
}

/** The command line's texts of its tables. */
const TERMINAL_TEXT: Readonly<
  Record<
    Language,
    {
      readonly byProfile: string;
      readonly byLevel: string;
      readonly rows: string;
      readonly balance: string;
      readonly total: string;
      readonly nothingOpen: string;
      readonly problems: (n: number) => string;
      readonly problemHeaders: readonly [string, string, string];
      readonly more: (n: number) => string;
      readonly moreRows: (n: number) => string;
      readonly blankRows: (rows: string) => string;
    }
  >
> = {
  en: {
    byProfile: "By profile",
    byLevel: "By warning level",
    rows: "Rows",
    balance: "Balance",
    total: "total",
    nothingOpen: "nothing open (no due date)",
    problems: (n) => `Rows with problems (${n})`,
    problemHeaders: ["Row", "Customer", "Problem"],
    more: (n) => ` (+${n} more)`,
    moreRows: (n) => `... and ${n} more rows with problems: write them all with --out`,
    blankRows: (rows) => `Blank rows between data rows: ${rows}`,
  },
  zh: {
    byProfile: RESULT_TEXT.zh.byProfile,
    byLevel: RESULT_TEXT.zh.byLevel,
    rows: "行数",
    balance: "余额",
    total: "合计",
    nothingOpen: "无未清款项（无到期日）",
    problems: (n) => `有问题的行（${n}）`,
    problemHeaders: ["行号", "客户", "问题"],
    more: (n) => `（另有 ${n} 个问题）`,
    moreRows: (n) => `……另有 ${n} 行有问题：用 --out 写出全部`,
    blankRows: (rows) => `数据行之间的空行：${rows}`,
  },
};

/** Rows with problems the command line prints (the rest are counted). */
const TERMINAL_PROBLEM_ROWS = 20;

/**
 * The printout's tables: the breakdowns by profile and by warning level (label, rows, balance; groups with
 * rows only; level 3 marked) and the first rows with problems (row, customer, first problem). Cells may
 * hold a debtor's text: print them through `printable`.
 */
export function summaryTables(summary: TriageSummary, language: Language): TextTable[] {
  const T = TERMINAL_TEXT[language];
  // Each breakdown ends with its total, the rows triaged (ok) and their balance: the headline's figures.
  // A column of amounts shows cents on every row when any amount has them (956,749.00 under 1,824,032.08).
  const cents = [summary.amount, ...summary.byLevel.map((g) => g.amount)].some((a) => formatAmount(a).includes("."));
  const money = (amount: number): string => {
    const text = formatAmount(amount);
    if (!cents) return text;
    const point = text.indexOf(".");
    return point < 0 ? `${text}.00` : text.padEnd(point + 3, "0");
  };
  const breakdown = (title: string, groups: TriageSummary["byLevel"]): TextTable => ({
    headers: [title, T.rows, T.balance],
    align: ["left", "right", "right"],
    rows: [
      ...groups
        .filter((g) => g.count > 0)
        .map((g) => ({
          cells: [g[language], String(g.count), money(g.amount)],
          ...(groups === summary.byLevel && g.key === "3" ? { tone: "level3" as const } : {}),
        })),
      // Rows read without a problem but with nothing to triage (an item list's customer whose items are all
      // paid or credited: no due date, no level): counted here so that the total is the headline's ok.
      ...(summary.ok > summary.triaged ? [{ cells: [T.nothingOpen, String(summary.ok - summary.triaged), ""] }] : []),
      { cells: [T.total, String(summary.ok), money(summary.amount)] },
    ],
  });
  const tables = [breakdown(T.byProfile, summary.byProfile), breakdown(T.byLevel, summary.byLevel)];
  const problems = rowCounts(summary).problemRows;
  if (problems.length > 0) {
    tables.push({
      title: T.problems(problems.length),
      headers: T.problemHeaders,
      align: ["right", "left", "left"],
      rows: problems.slice(0, TERMINAL_PROBLEM_ROWS).map((p) => ({
        cells: [String(p.sourceRow), p.customer, p.problem[language] + (p.problemCount > 1 ? T.more(p.problemCount - 1) : "")],
        tone: "problem" as const,
      })),
      ...(problems.length > TERMINAL_PROBLEM_ROWS ? { footer: T.moreRows(problems.length - TERMINAL_PROBLEM_ROWS) } : {}),
    });
  }
  return tables;
}

/** The line naming the blank rows between data rows ("Blank rows between data rows: row 14"); null when there are none. */
export function blankRowsLine(summary: TriageSummary, language: Language): string | null {
  const rows = rowCounts(summary).blankRows;
  return rows.length === 0 ? null : TERMINAL_TEXT[language].blankRows(sourceRowsText(rows, language));
}

// ------------------------------------------------------------------------------------------------
// The task pane's summary

/** The texts of the pane's summary (its counts, breakdown tables and rows with problems). */
export interface PaneSummaryText {
  readonly counts: (ok: number, problem: number, blank: number) => string;
  readonly byLevel: string;
  readonly byProfile: string;
  readonly groupColumns: { readonly group: string; readonly count: string; readonly amount: string };
  readonly problemsHeading: (count: number) => string;
  readonly problemColumns: { readonly row: string; readonly customer: string; readonly problem: string };
  readonly moreProblems: (count: number) => string;
  /** The blank rows between data rows, named (RowCounts.blankRows): "Blank rows between data rows: row 14." */
  readonly blankRows: (rows: readonly number[]) => string;
}

/** A label as a heading: its first letter upper case ("by warning level" → "By warning level"). */
function heading(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function paneSummaryText(language: Language): PaneSummaryText {
  const T = RESULT_TEXT[language];
  const locale = language === "zh" ? "zh-CN" : "en-US";
  const n = (count: number) => count.toLocaleString(locale);
  const shared = {
    byLevel: heading(T.byLevel),
    byProfile: heading(T.byProfile),
    groupColumns: { group: "", count: heading(T.countHeader), amount: heading(T.amountHeader) },
  };
  if (language === "zh") {
    return {
      ...shared,
      counts: (ok, problem, blank) => `正常 ${n(ok)} 行，有问题 ${n(problem)} 行，空行 ${n(blank)} 行。`,
      problemsHeading: (count) => `${T.problems}（${n(count)}）`,
      problemColumns: { row: "行号", customer: "客户", problem: "问题" },
      moreProblems: (count) => `……另有 ${n(count)} 行，见结果工作表。`,
      blankRows: (rows) => `数据行之间的空行：${sourceRowsText(rows, "zh")}。`,
    };
  }
  return {
    ...shared,
    counts: (ok, problem, blank) => `${n(ok)} ok, ${n(problem)} with problems, ${n(blank)} blank.`,
    problemsHeading: (count) => `${heading(T.problems)} (${n(count)})`,
    problemColumns: { row: "Row", customer: "Customer", problem: "Problem" },
    moreProblems: (count) => `… and ${n(count)} more in the result sheet.`,
    blankRows: (rows) => `Blank rows between data rows: ${sourceRowsText(rows, "en")}.`,
  };
}

/** The pane's summary texts by language. */
export const PANE_SUMMARY_TEXT: Readonly<Record<Language, PaneSummaryText>> = { en: paneSummaryText("en"), zh: paneSummaryText("zh") };
