/**
 * The legend of a result file: a long advice text that many rows repeat word for word is written once, in
 * the legend (a `result.legend.csv` beside the CSV, a "Legend" sheet in the workbook), and the row keeps
 * its first clause and the legend's code, e.g. `check that the core business is running (...); … [legend F1]`.
 *
 * Only the checklist of what to find out is moved: it runs to 900 characters and is the same on every row
 * of a profile (half of a 100,000-row result's bytes). Every other column stays whole, so that a person
 * filtering the result sheet understands a row without the legend: status, level, next step, profile,
 * strategy, offers and reasons are in the row. A short checklist (one check, or up to 200 characters)
 * stays whole too. Pure, like the rest of src/result.
 */
import type { Language } from "../core/index.js";
import type { ResultCell, ResultTable, RowLevel } from "./table.js";

/** The columns (by key) whose long texts go to the legend, with the letter of their codes. */
export const LEGEND_COLUMNS: Readonly<Record<string, string>> = Object.freeze({ toFindOut: "F" });

/** A text up to this long stays in its row. */
export const LEGEND_MIN_LENGTH = 200;

/** The legend's columns: code, the column it belongs to, how many rows use it, the full text. */
export const LEGEND_HEADERS: Readonly<Record<Language, readonly string[]>> = Object.freeze({
  en: ["legend code", "column", "rows", "full text"],
  zh: ["说明代码", "列", "行数", "全文"],
});

interface Entry {
  readonly code: string;
  readonly column: string;
  readonly short: string;
  count: number;
}

/**
 * Collects the long texts of a result's legend columns as its rows are written, and gives each row's short
 * cell. One legend per output file (the customer table), codes numbered by first appearance per column.
 */
export class Legend {
  private readonly entries = new Map<string, Entry>();
  private readonly counters = new Map<string, number>();
  /** The legend column of each column index of the table, or undefined. */
  private readonly letters: (string | undefined)[];

  /**
   * @param columnKeys the table's column keys (resultHead / ledgerCustomerTable)
   * @param headers the table's headers in the language (the legend names the column by its header)
   */
  constructor(
    private readonly columnKeys: readonly string[],
    private readonly headers: readonly string[],
    private readonly language: Language,
  ) {
    this.letters = columnKeys.map((key) => LEGEND_COLUMNS[key]);
  }

  /** Whether the table has a column whose texts may go to the legend. */
  get applies(): boolean {
    return this.letters.some((letter) => letter !== undefined);
  }

  /** The row's cells with long texts of legend columns replaced by their short form (the same array when none is). */
  row(cells: ResultCell[]): ResultCell[] {
    let out: ResultCell[] | null = null;
    for (let c = 0; c < this.letters.length; c++) {
      const letter = this.letters[c];
      const text = cells[c];
      if (letter === undefined || typeof text !== "string" || text.length <= LEGEND_MIN_LENGTH) continue;
      const short = this.cell(c, letter, text);
      if (short === text) continue;
      out ??= [...cells];
      out[c] = short;
    }
    return out ?? cells;
  }

  private cell(column: number, letter: string, text: string): string {
    let entry = this.entries.get(text);
    if (entry === undefined) {
      const separator = this.language === "zh" ? "；" : "; ";
      const cut = text.indexOf(separator);
      if (cut < 0) return text; // one check: nothing to shorten
      const n = (this.counters.get(letter) ?? 0) + 1;
      this.counters.set(letter, n);
      const code = `${letter}${n}`;
      const first = text.slice(0, cut);
      const short = this.language === "zh" ? `${first}；…［说明 ${code}］` : `${first}; … [legend ${code}]`;
      entry = { code, column: this.headers[column] ?? this.columnKeys[column], short, count: 0 };
      this.entries.set(text, entry);
    }
    entry.count++;
    return entry.short;
  }

  /** How many distinct texts the legend holds. */
  get size(): number {
    return this.entries.size;
  }

  /** The legend as a table: one row per text, in the order of their codes (first appearance). */
  table(): ResultTable {
    const rows: ResultCell[][] = [];
    for (const [text, entry] of this.entries) rows.push([entry.code, entry.column, entry.count, text]);
    const levels: RowLevel[] = rows.map(() => null);
    return { headers: [...LEGEND_HEADERS[this.language]], columnKeys: ["code", "column", "rows", "text"], rows, levels };
  }
}

/**
 * A whole result table with its long texts moved to a legend (see Legend): the table as a file writes it,
 * and the legend (null when nothing was moved).
 */
export function withLegend(table: ResultTable, language: Language): { table: ResultTable; legend: ResultTable | null } {
  const legend = new Legend(table.columnKeys, table.headers, language);
  if (!legend.applies) return { table, legend: null };
  const rows = table.rows.map((row) => legend.row(row));
  return { table: { ...table, rows }, legend: legend.size === 0 ? null : legend.table() };
}
