/**
 * The contract of the Excel I/O layer of the triage pane: find the portfolio the user means, read it in
 * chunks, write the result and summary sheets in chunks. Office-typed (Excel.RequestContext), no DOM, so
 * it runs in the pane, in tests on a fake Excel, and in the benchmark.
 */
import type { TriageSummary } from "../core/index.js";
import type { LiveBlock } from "../result/index.js";

/** A value as Excel's `Range.values` gives or takes it. */
export type CellValue = string | number | boolean;

/** Which range holds the portfolio: the selection, the current region around it, or a named Excel table. */
export type PortfolioSource =
  { readonly kind: "selection" } | { readonly kind: "currentRegion" } | { readonly kind: "table"; readonly name: string };

/** Where the portfolio is: its header row and the size of its data, without the data. */
export interface PortfolioLocation {
  readonly sheetName: string;
  /** Address of the whole range, header included, e.g. `Debtors!A1:R1001`. */
  readonly address: string;
  /** 1-based sheet row of the header row (data starts on the next row). */
  readonly headerRow: number;
  /** 0-based sheet column of the first column. */
  readonly firstColumn: number;
  /** The header cells as text. */
  readonly headers: readonly string[];
  /** Data rows under the header (trailing blank rows included; the core ignores them). */
  readonly rowCount: number;
  readonly columnCount: number;
  /** The table's name when the source is (or lies in) an Excel table. */
  readonly tableName?: string;
  /**
   * An export's title rows above the header (each row's cells as one text), when the range starts with
   * them; the location then starts at the header.
   */
  readonly titleRows?: readonly string[];
  /** The as-of date the title rows state ("截止日期：2025年7月31日"): the date as written and its serial (1900 count). */
  readonly titleAsOf?: { readonly text: string; readonly serial: number };
}

/** How a chunked transfer went: what the benchmark and the tests measure. */
export interface TransferReport {
  /** `context.sync()` calls made. */
  readonly syncs: number;
  /** Chunks (one read or one write request each). */
  readonly chunks: number;
  /** Estimated payload of the largest request or response, in bytes (JSON of the values). */
  readonly maxRequestBytes: number;
  readonly totalBytes: number;
}

/** Options common to chunked reads and writes. */
export interface ChunkOptions {
  /** Upper bound on rows per chunk; the layer lowers it further to stay under maxRequestBytes. */
  readonly chunkRows?: number;
  /** Payload ceiling per request; default 4 MB (Excel on the web refuses over 5 MB). */
  readonly maxRequestBytes?: number;
  /** Called after each chunk with rows done and rows in all. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between chunks; an aborted run stops with an AbortError and cleans up what it wrote. */
  readonly signal?: AbortSignal;
}

/** What the result sheet is made of: ready-made cells (src/result: resultTable). */
export interface TriageSheetData {
  /** Column headers, in the pane's language. */
  readonly headers: readonly string[];
  /**
   * The stable key of each column (triageColumns(policy)[i].key): tells the writer which columns hold
   * amounts and which the warning level. Without it the headers are matched against the default columns.
   */
  readonly columnKeys?: readonly string[];
  /** One row per input row, in input order (source row number first). */
  readonly rows: readonly (readonly CellValue[])[];
  /**
   * Warning level per row (0-3), as its level cell shows it, or null when the row has none (balance or due
   * date unreadable, blank row): the row's colour when the writer colours by fills (see WriteOptions).
   */
  readonly levels: readonly (0 | 1 | 2 | 3 | null)[];
  readonly summary: TriageSummary;
  readonly language: "en" | "zh";
  /** Where the portfolio came from, shown on the summary sheet. */
  readonly source: PortfolioLocation;
  /** Excel serial of the as-of date. */
  readonly asOf: number;
  /**
   * The workbook's date system (default 1900). The summary sheet writes its as-of date in it (a 1900
   * serial in a 1904 workbook would show four years late) and says when it is 1904.
   */
  readonly dateSystem?: "1900" | "1904";
  /**
   * An item list's item table (src/result ledgerItemTable), written to a sheet of its own after the
   * result sheet: one row per source row under the header. Its date columns (keys `dueDate`, `paidDate`)
   * hold 1900 serials and are written on the workbook's count. Absent or null for a customer table.
   */
  readonly items?: {
    readonly headers: readonly string[];
    readonly columnKeys: readonly string[];
    readonly rows: readonly (readonly CellValue[])[];
  } | null;
  /** Lines for the summary sheet (an item list's counts and reconciliation, reconciliationLines), as plain text. */
  readonly notes?: readonly string[];
  /**
   * A live result (src/result/live-formulas.ts): per row of `rows`, the formula of each cell (null: the
   * value stays) or null for a row of values; and the block beside the table (the as-of cell the formulas
   * reference, the legend of the live columns). Absent: values only.
   */
  readonly live?: {
    readonly formulas: readonly (readonly (string | null)[] | null)[];
    readonly block: LiveBlock;
  };
  /**
   * Sheets written after the summary, each under a name no sheet has yet (issue 13: "Changes", "Log
   * problems", "Today's work"): a table each, numbers formatted by their column keys (src/result columnFormat).
   */
  readonly moreSheets?: readonly MoreSheet[];
}

/** A sheet of a table written after the summary sheet (TriageSheetData.moreSheets). */
export interface MoreSheet {
  /** What the sheet is, for the report (WriteReport.moreSheets): `changes`, `logProblems`, `work`. */
  readonly key: string;
  /** Its name; ` (2)`, ` (3)`, ... is added when a sheet has it. */
  readonly name: string;
  readonly headers: readonly string[];
  /** Column keys (formats by columnFormat: amounts, whole numbers, dates as 1900 serials); none: General. */
  readonly columnKeys?: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** Options of writeTriageSheets. */
export interface WriteOptions extends ChunkOptions {
  /**
   * How rows are coloured by warning level: `conditional` (default) adds one conditional format per level
   * on the level column, a fixed number of requests whatever the size; `fills` sets a fill per run of rows
   * of the same level (one request per run).
   */
  readonly colouring?: "conditional" | "fills";
  /** The sheet to show when done (default `summary`). */
  readonly activate?: "summary" | "result" | "none";
  /** Most rows with problems listed on the summary sheet (default 200); the rest are counted. */
  readonly problemRowLimit?: number;
}

/** What was written. */
export interface WriteReport extends TransferReport {
  readonly resultSheet: string;
  /** The result sheet's range, header included, e.g. `Triage!A1:AB16`. */
  readonly resultAddress?: string;
  readonly summarySheet: string;
  readonly tableName: string;
  readonly rows: number;
  /** The item sheet's name and rows written, for an item list. */
  readonly itemSheet?: string;
  readonly itemRows?: number;
  /** Cells written as live formulas (a live result only). */
  readonly liveFormulas?: number;
  /** The names the sheets of TriageSheetData.moreSheets were written under, by key. */
  readonly moreSheets?: Readonly<Record<string, string>>;
}
