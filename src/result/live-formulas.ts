/**
 * A live result (issue 13, item 6): the result columns that one AR formula computes from the source row
 * of a customer, the workbook's policy and the as-of date, written as that formula instead of its value,
 * so the result sheet recalculates when the data change (and when the policy changes: the policy tab's
 * save recalculates the workbook).
 *
 * Which columns are live (LIVE_COLUMNS): grade and term (AR.GRADE), days past due, aging bucket and warning
 * level (AR.AGING), the settlement offers (AR.SETTLE), missing evidence (AR.EVIDENCE), balance confirmation
 * (AR.CONFIRM), limitation days left and status (AR.LIMITATION). The others stay values of the run: the
 * source row, customer and balance (copies, read and cleaned by the triage), status and problems, next
 * step, profile, strategy and what to find out (the profile is withheld while nothing is overdue, and the
 * step weighs the profile, the limitation and the ground: no single AR call gives them), future benefit,
 * instalments, recovery, reasons, and the collection log's columns.
 *
 * A cell is live only where the formula gives what the triage gives: on a row without problems, and when
 * the cells it reads hold what the AR function reads as the triage does (numbers as numbers, dates as
 * serials or ISO text, words as text). Anything else (an amount typed as text, a date as 2/1/2025, a
 * blank cash flow the overdue record alone grades, a confirmation never made, a log that restarts the
 * limitation period) keeps the value, so that the live sheet never shows less than the values would.
 *
 * The policy is not written into the formulas: the AR functions take every omitted policy argument from
 * the workbook's policy (the one the pane's run used), so a saved policy change reaches every live cell.
 * The as-of date is one cell beside the table (liveAsOfCell), holding the run's date as a serial: every
 * formula references it, so one edit (or `=TODAY()`) moves the whole sheet, and a fixed date keeps the
 * sheet reproducible (the functions are not volatile).
 *
 * Pure: no Office, no DOM; the pane's worker builds the formulas, excel-io writes them.
 */
import type { ColumnMapping, Language, Policy, TriageField, TriageRecord } from "../core/index.js";
import { columnLetters } from "./cell-text.js";

/** Where the source table is: its sheet, and the sheet columns of its table columns. */
export interface LiveSource {
  /** The source sheet's name, as Excel shows it (quoted in formulas when needed: quoteSheetName). */
  readonly sheetName: string;
  /** 0-based sheet column of the table's first column (the mapping's columns count from it). */
  readonly firstColumn: number;
}

/** What the formulas of a run are built from. */
export interface LiveContext {
  readonly source: LiveSource;
  /** The fields' columns in the source table (0-based from its first column). */
  readonly mapping: ColumnMapping;
  /** The result's column keys (triageColumns(policy, withLog)), in order. */
  readonly columnKeys: readonly string[];
  readonly policy: Policy;
  readonly language: Language;
  /** The as-of cell's absolute address on the result sheet (`$AB$2`): liveAsOfCell(width).address. */
  readonly asOf: string;
  /** Sheet row number (1-based) of the source table's first data row. */
  readonly firstRowNumber: number;
}

/**
 * Most customers a live result is written for: each live row sends about a dozen formulas (some 600 bytes)
 * and Excel recalculates each custom-function call on every change of the policy; beyond, values.
 */
export const LIVE_ROW_LIMIT = 100_000;

/** The live columns' keys (the offers' keys, `offer-10`, ..., `offer-full`, depend on the policy). */
export const LIVE_COLUMNS: readonly string[] = Object.freeze([
  "grade",
  "term",
  "daysPastDue",
  "bucket",
  "level",
  "offer-*",
  "missingEvidence",
  "confirmation",
  "limitationDays",
  "limitationStatus",
]);

/** Whether a result column may hold a formula (LIVE_COLUMNS, the offers by their prefix). */
export function isLiveColumn(key: string): boolean {
  return key.startsWith("offer-") || LIVE_COLUMNS.includes(key);
}

/** A sheet name that needs no quotes in a reference: a letter or _ first, then letters, digits, _ or . (ASCII). */
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** A name that reads as a cell (A1, XFD1048576) or an R1C1 reference (R, C, R1C2, RC): it must be quoted. */
const LOOKS_LIKE_CELL = /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]?\d*|[Cc]\d*)$/;

/**
 * A sheet name as a formula's reference writes it: bare when Excel would read it bare (`Portfolio`), else in
 * single quotes with each apostrophe doubled (`'Q3 debtors'`, `'O''Brien'`, `'客户'`, `'2025'`, `'A1'`,
 * `'TRUE'`); quoting is always valid, so any doubt quotes.
 */
export function quoteSheetName(name: string): string {
  if (BARE_NAME.test(name) && !LOOKS_LIKE_CELL.test(name) && !/^(?:true|false)$/i.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * A reference to one source cell with the column absolute and the row relative (`Portfolio!$C2`), so a
 * formula filled or copied down a column follows its row and never another column.
 * @param column 0-based sheet column; @param row 1-based sheet row
 */
export function sourceCellRef(sheetName: string, column: number, row: number): string {
  return `${quoteSheetName(sheetName)}!$${columnLetters(column)}${row}`;
}

/**
 * The as-of cell of a live result sheet: the second row of the column after the one left blank beside
 * the table (`width` columns from A), under its label, so that the table can be sorted and filtered
 * without moving it.
 * @returns 0-based row and column and the absolute address (`$AB$2`)
 */
export function liveAsOfCell(width: number): { readonly row: number; readonly column: number; readonly address: string } {
  const column = width + 1;
  return { row: 1, column, address: `$${columnLetters(column)}$2` };
}

type Kind = "number" | "date" | "word";

/** Whether the AR functions read a cell as the triage reads it: see the file's comment. Blank is not plain. */
function plain(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "date":
      return (typeof value === "number" && Number.isInteger(value) && value > 0) || (typeof value === "string" && ISO_DATE.test(value));
    default:
      return (typeof value === "string" && value.trim() !== "") || typeof value === "boolean";
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function blank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The output words of the AR functions per language (a Chinese word makes the text Chinese). */
const WORDS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: { grade: "grade", term: "term", days: "days", bucket: "bucket", level: "level", missing: "missing", status: "status" },
  zh: { grade: "等级", term: "账期", days: "天数", bucket: "账龄段", level: "预警级别", missing: "缺少", status: "状态" },
};

/** The evidence arguments of AR.EVIDENCE in order, then its excuse. */
const EVIDENCE_ARGS: readonly TriageField[] = [
  "signedContract",
  "reconciliation",
  "collectionRecords",
  "deliveryProof",
  "acceptanceForm",
  "excuse",
];

/** The formulas of one source row: a cell per result column, null where the value stays. */
type RowBuilder = (record: TriageRecord, cells: readonly unknown[]) => (string | null)[] | null;

/**
 * The builder of a run's live rows (liveRow per record): decides once per run which columns can be live
 * (their input columns are mapped) and how each formula reads.
 */
export function liveRowBuilder(context: LiveContext): RowBuilder {
  const { source, mapping, columnKeys, policy, language, asOf, firstRowNumber } = context;
  const w = WORDS[language];
  const quoted = quoteSheetName(source.sheetName);
  const columnOf = (field: TriageField): string | null => {
    const c = mapping[field];
    return c === undefined ? null : `${quoted}!$${columnLetters(source.firstColumn + c)}`;
  };
  const at = (field: TriageField, cells: readonly unknown[]): unknown => {
    const c = mapping[field];
    return c === undefined ? undefined : cells[c];
  };
  const tiers = policy.settlementTiers;
  const lastDays = tiers[tiers.length - 1].days;
  const due = columnOf("dueDate");
  const balance = columnOf("balance");
  const count = columnOf("overdueCount");
  const largest = columnOf("largestOverdue");
  const cash = columnOf("cashFlow");
  const confirmation = columnOf("lastConfirmation");
  const interruption = columnOf("lastInterruption");
  const evidence = EVIDENCE_ARGS.map(columnOf);
  const hasEvidence = evidence.some((c) => c !== null);

  /** One column's formula for a row (given its sheet row r), or null: the value stays. */
  type Cell = (record: TriageRecord, cells: readonly unknown[], r: number) => string | null;
  const cellOf = (key: string): Cell | null => {
    switch (key) {
      case "grade":
      case "term": {
        if (count === null || largest === null || cash === null) return null;
        const output = key === "grade" ? "" : `,,"${w.term}"`;
        return (_, cells, r) =>
          plain(at("overdueCount", cells), "number") && plain(at("largestOverdue", cells), "number") && plain(at("cashFlow", cells), "word")
            ? `=AR.GRADE(${count}${r},${largest}${r},${cash}${r}${output})`
            : null;
      }
      case "daysPastDue":
      case "bucket":
      case "level": {
        if (due === null) return null;
        const output = key === "daysPastDue" ? w.days : key === "bucket" ? w.bucket : w.level;
        return (_, cells, r) => (plain(at("dueDate", cells), "date") ? `=AR.AGING(${due}${r},${asOf},"${output}")` : null);
      }
      case "missingEvidence": {
        if (!hasEvidence) return null;
        return (record, cells, r) => {
          // The log's contacts count as collection records held: its verdict then differs from the columns'.
          if (record.collection?.collectionRecords === true) return null;
          let known = false;
          for (const field of EVIDENCE_ARGS) {
            const v = at(field, cells);
            if (blank(v)) continue;
            if (!plain(v, "word")) return null;
            known = true;
          }
          if (!known) return null;
          const args = evidence.map((c) => (c === null ? "" : `${c}${r}`));
          return `=AR.EVIDENCE(${args.join(",")},"${w.missing}")`;
        };
      }
      case "confirmation":
        if (confirmation === null) return null;
        // A blank confirmation date is "no confirmation on record" to the triage, blank to AR.CONFIRM: the value stays.
        return (_, cells, r) =>
          plain(at("lastConfirmation", cells), "date") ? `=AR.CONFIRM(${confirmation}${r},${asOf},"${w.status}")` : null;
      case "limitationDays":
      case "limitationStatus": {
        if (interruption === null) return null;
        const output = key === "limitationDays" ? w.days : w.status;
        return (record, cells, r) =>
          // A date from the collection log may restart the period later than the typed one: the value stays.
          plain(at("lastInterruption", cells), "date") && (record.collection?.lastInterruption ?? null) === null
            ? `=AR.LIMITATION(${interruption}${r},${asOf},"${output}")`
            : null;
      }
      default: {
        if (!key.startsWith("offer-") || balance === null) return null;
        const days = key === "offer-full" ? lastDays + 1 : Number(key.slice("offer-".length));
        if (!Number.isInteger(days)) return null;
        // Whether an offer is made (not withheld) is the run's decision; its amount follows the balance.
        return (record, cells, r) =>
          record.offers !== null && plain(at("balance", cells), "number") ? `=AR.SETTLE(${balance}${r},${days})` : null;
      }
    }
  };
  const builders = columnKeys.map(cellOf);
  return (record, cells) => {
    if (record.status !== "ok") return null;
    const r = record.sourceRow;
    if (r < firstRowNumber) return null;
    let any = false;
    const out: (string | null)[] = new Array(builders.length);
    for (let i = 0; i < builders.length; i++) {
      const build = builders[i];
      const f = build === null ? null : build(record, cells, r);
      out[i] = f;
      if (f !== null) any = true;
    }
    return any ? out : null;
  };
}

/**
 * The formulas of records [from, to): per record, its cells' formulas (null: the value stays) or null
 * when the row has none. The source row of a record is `rows[record.sourceRow - firstRowNumber]`.
 */
export function liveFormulas(
  records: readonly TriageRecord[],
  rows: readonly (readonly unknown[])[],
  context: LiveContext,
  from = 0,
  to = records.length,
): ((string | null)[] | null)[] {
  const build = liveRowBuilder(context);
  const out: ((string | null)[] | null)[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    const record = records[i];
    const cells = rows[record.sourceRow - context.firstRowNumber];
    out[i - from] = cells === undefined ? null : build(record, cells);
  }
  return out;
}

/** The texts of the block beside a live table: the as-of label, and which columns are formulas. */
const LEGEND: Readonly<Record<Language, { readonly asOf: string; readonly live: string; readonly values: string }>> = {
  en: {
    asOf: "as of (the live columns' date: change it, or type =TODAY())",
    live: "Live columns (AR formulas over the source table and the workbook's policy): ",
    values:
      "The other columns, and cells whose input the formulas do not read as the triage does (or rows with a problem), are values of the run.",
  },
  zh: {
    asOf: "基准日（实时列所用日期：可修改，或输入 =TODAY()）",
    live: "实时列（引用源表与工作簿政策的 AR 公式）：",
    values: "其余各列，以及公式无法与分诊同样读取其输入的单元格（或有问题的行），均为本次运行的值。",
  },
};

/** A live result's block beside the table: its column, the as-of cell's row in it, and its rows of one cell. */
export interface LiveBlock {
  /** 0-based sheet column (liveAsOfCell(width).column). */
  readonly column: number;
  /** 0-based sheet row of the as-of cell (a date: the writer formats it). */
  readonly asOfRow: number;
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * The block beside a live result table, from the top of its column: the as-of label (row 1), the as-of
 * serial (row 2, the cell the formulas reference), a blank row, which columns are live (by their
 * headers) and that the others are values; in the language.
 * @param asOf Excel serial of the run's as-of date
 */
export function liveBlock(headers: readonly string[], columnKeys: readonly string[], asOf: number, language: Language): LiveBlock {
  const T = LEGEND[language];
  const cell = liveAsOfCell(headers.length);
  const live = headers.filter((_, i) => isLiveColumn(columnKeys[i]));
  return {
    column: cell.column,
    asOfRow: cell.row,
    rows: [[T.asOf], [asOf], [""], [T.live + live.join(language === "zh" ? "、" : ", ")], [T.values]],
  };
}
