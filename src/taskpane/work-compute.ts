/**
 * The worker's side of today's work and the collection log (issue 13): the log's cells as the pane read
 * them become the run's collection log (core readCollectionLog, handed to triageLedger), and a finished
 * triage gives today's work list (the sheet's table and the first entries the pane shows) and what became
 * of the log (its rows accounted for, its customers not in the portfolio, its problem rows and their
 * sheet). Pure, as triage-compute.ts: the words are src/result's, shared with the command line.
 */
import {
  readCollectionLog,
  type CollectionLog,
  type DateSystem,
  type Language,
  type LedgerTriage,
  type WarningLevel,
} from "../core/index.js";
import {
  LOG_PROBLEM_HEADERS,
  logProblemLine,
  logProblemRows,
  logRowsText,
  notInPortfolioLine,
  triageWorkList,
  workListEmptyLine,
  workListHeading,
  workListTable,
  workListWithoutLogLine,
} from "../result/index.js";
import type { CellValue } from "../excel-io/types.js";

/** The collection log as the pane read it from the workbook, sent with the triage request. */
export interface LogInput {
  /** The header row's cells. */
  readonly headers: readonly unknown[];
  /** The rows under it, as Excel gives them. */
  readonly rows: readonly (readonly unknown[])[];
  /** Sheet row number of the header row (the log's rows are named by their sheet rows). */
  readonly headerRow: number;
  /** The workbook's date system (the log's dates are moved onto the 1900 count in a 1904 workbook). */
  readonly dateSystem?: DateSystem;
}

/** Entries of today's work the pane shows after a run (the sheet has them all). */
export const WORK_ENTRIES_SHOWN = 3;

/** One entry of today's work as the pane shows it: plain text (drawn as text, never as HTML). */
export interface WorkEntry {
  readonly customer: string;
  readonly sourceRow: number;
  /** The one next step: what to do (its owner is the group's; how, in the sheet). */
  readonly nextStep: string;
  /** Why today, every reason in one line. */
  readonly why: string;
  readonly balance: number;
  readonly level: WarningLevel;
}

/** Today's work of a run, for the pane and its sheet. */
export interface WorkReport {
  /** "Today's work (8)" / "今日工作（8）". */
  readonly heading: string;
  /** Entries in all. */
  readonly count: number;
  /** The first WORK_ENTRIES_SHOWN entries, by owner as the list orders them; `total` is the owner's count. */
  readonly groups: readonly { readonly owner: string; readonly total: number; readonly entries: readonly WorkEntry[] }[];
  /** The line when nobody is to be contacted today, else null. */
  readonly empty: string | null;
  /** The line saying no log was read (the list is by the ladder's cadence), else null. */
  readonly withoutLog: string | null;
  /** The "Today's work" sheet (workListTable). */
  readonly sheet: { readonly headers: readonly string[]; readonly columnKeys: readonly string[]; readonly rows: CellValue[][] };
}

/** What became of the run's collection log, for the pane and the "Log problems" sheet. */
export interface LogReport {
  /** "33 rows = 30 events + 2 problems + 1 blank" (logRowsText). */
  readonly rows: string;
  readonly events: number;
  readonly problems: number;
  /** The log's customers not in the portfolio, or that there are none (notInPortfolioLine). */
  readonly notInPortfolio: string;
  /**
   * The first LOG_PROBLEMS_SHOWN problem rows with their reasons, as the command line prints them
   * (logProblemLine: "log row 7: amount: ..."); the other `problems - problemLines.length` are on the sheet.
   */
  readonly problemLines: readonly string[];
  /** The "Log problems" sheet (problem rows, then customers not in the portfolio); null when it has no rows. */
  readonly sheet: { readonly headers: readonly string[]; readonly rows: CellValue[][] } | null;
}

/** Problem rows of the log the pane lists under the log line (the "Log problems" sheet has them all). */
export const LOG_PROBLEMS_SHOWN = 5;

/** How the pane is given a log, for the line saying none was: where the Log tab makes one. */
const LOG_HOW: Readonly<Record<Language, string>> = { en: "none in this workbook", zh: "本工作簿中没有" };

/**
 * The run's collection log from the cells the pane read (readCollectionLog), or undefined without one.
 * @throws RuleError (`log`) when the log lacks a date, customer or action column
 */
export function collectionLogOf(log: LogInput | undefined, dateSystem: DateSystem | undefined): CollectionLog | undefined {
  if (log === undefined) return undefined;
  return readCollectionLog([log.headers, ...log.rows], { headerRow: log.headerRow, dateSystem: log.dateSystem ?? dateSystem ?? "1900" });
}

/** Today's work of a triage (triageWorkList, as the command line makes it), as the pane shows it and as its sheet. */
export function workReport(ledger: LedgerTriage, language: Language): WorkReport {
  const output = ledger.output;
  const list = triageWorkList(output);
  const shown = list.items.slice(0, WORK_ENTRIES_SHOWN);
  const groups = list.groups
    .map((group) => ({
      owner: group.owner[language],
      total: group.items.length,
      entries: shown
        .filter((item) => group.items.includes(item))
        .map((item) => ({
          customer: item.customer,
          sourceRow: item.sourceRow,
          nextStep: item.nextStep.what[language],
          why: item.why.map((w) => w[language]).join(language === "zh" ? "；" : "; "),
          balance: item.balance,
          level: item.level,
        })),
    }))
    .filter((group) => group.entries.length > 0);
  const table = workListTable(list, language);
  return {
    heading: workListHeading(list, language),
    count: list.items.length,
    groups,
    empty: list.items.length === 0 ? workListEmptyLine(language) : null,
    withoutLog: output.collection === undefined && list.items.length > 0 ? workListWithoutLogLine(language, LOG_HOW) : null,
    sheet: { headers: table.headers, columnKeys: table.columnKeys, rows: table.rows.map((r) => [...r] as CellValue[]) },
  };
}

/** What became of the run's log (null when the run had none). */
export function logReport(ledger: LedgerTriage, language: Language): LogReport | null {
  const collection = ledger.output.collection;
  if (collection === undefined || collection.log === null) return null;
  const log = collection.log;
  const problemRows = logProblemRows(collection, language);
  return {
    rows: logRowsText(log, language),
    events: log.events.length,
    problems: log.problems.length,
    notInPortfolio: notInPortfolioLine(collection, language),
    // only those the pane shows cross postMessage: a log of thousands of bad rows has them on its sheet
    problemLines: log.problems.slice(0, LOG_PROBLEMS_SHOWN).map((p) => logProblemLine(p, language)),
    sheet: problemRows.length === 0 ? null : { headers: LOG_PROBLEM_HEADERS[language], rows: problemRows },
  };
}
