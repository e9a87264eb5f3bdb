/**
 * `--compare previous-result.csv|xlsx`: reads a result file this tool wrote before and tells what changed
 * since, customer by customer (src/result/compare.ts holds the comparison; this file reads the file and
 * shapes the printout, the changes CSV and the "Changes" sheet).
 */
import { basename, extname } from "node:path";
import type { Language, LedgerTriage } from "../core/index.js";
import {
  CHANGES_SHEET_NAME,
  columnFormat,
  compareWithLedger,
  comparisonHeadline,
  comparisonRows,
  comparisonTable,
  readResultView,
  type Comparison,
} from "../result/index.js";
import type { Block } from "./terminal.js";
import { readTable, TableFileError, writeTable, type TableSheet } from "./table-io.js";

/** A comparison made for the command line: its printout, and how to write it beside the result. */
export interface CompareSection {
  readonly comparison: Comparison;
  /** The headline and the table of what moved, for the printout. */
  readonly blocks: readonly Block[];
  /** The "Changes" sheet of an .xlsx result. */
  readonly sheet: TableSheet;
  /** Writes `result.changes.csv` beside a CSV result; returns the line that says so. */
  writeCsv(out: string, protect: string[]): Promise<string>;
}

/**
 * Reads the previous result `file` (CSV or XLSX, English or Chinese headers) and compares it with the
 * current run. A file that is not a result of this tool is refused naming the file and the missing
 * columns (RuleError, en + zh); a file that cannot be opened, with the reader's message.
 */
export async function compareWithPrevious(file: string, ledger: LedgerTriage, language: Language): Promise<CompareSection> {
  const zh = language === "zh";
  let table;
  try {
    table = await readTable(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") {
      throw new TableFileError(
        `--compare: no result file ${file}. Give the result a previous run wrote with --out.`,
        `--compare：没有结果文件 ${file}。请给出此前用 --out 写出的结果文件。`,
      );
    }
    throw error;
  }
  const name = basename(file);
  const previous = readResultView(file, table.headers, table.rows, table.firstRowNumber);
  // Compared in the previous file's language (next steps word for word), quoted in the printout's.
  const comparison = compareWithLedger(previous, ledger, language);
  const changes = comparisonRows(comparison, language);
  const formats = changes.columnKeys.map(columnFormat);
  const sheetName = CHANGES_SHEET_NAME[language];
  return {
    comparison,
    blocks: [
      { kind: "gap" },
      { kind: "line", text: comparisonHeadline(comparison, name, language), tone: "heading" },
      { kind: "table", table: comparisonTable(comparison, language) },
    ],
    sheet: { name: sheetName, headers: changes.headers, rows: changes.rows, columnFormats: formats },
    async writeCsv(out: string, protect: string[]): Promise<string> {
      const path = changesCsvPath(out);
      await writeTable(path, changes.headers, changes.rows, { protect });
      return zh ? `已写入 ${path}：${changes.rows.length} 行变化` : `wrote ${path}: ${changes.rows.length} changes, one per customer row`;
    },
  };
}

/** `result.csv` -> `result.changes.csv`: what changed since the previous result, beside the result. */
export function changesCsvPath(out: string): string {
  const ext = extname(out);
  return `${out.slice(0, out.length - ext.length)}.changes${ext}`;
}
