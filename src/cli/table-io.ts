/**
 * Spreadsheet files for the command line: read a debtor table from .xlsx or .csv, write a result table to
 * .xlsx or .csv. Node only (the rules core stays pure; this is the file boundary around it).
 *
 * Reading keeps what the file holds and decides nothing: every row between the header row and the last
 * non-empty row is returned, blank rows included, so the triage can report them. Writing never turns text
 * into a formula: CSV text that Excel would run is neutralised, and .xlsx text is written as text.
 *
 * Dates: an .xlsx date cell is the serial number the file holds (whole days for dates, with the fraction
 * for date-times), in the workbook's date system (`Table.dateSystem`), never a JS Date: the result
 * never depends on the machine's time zone. XLSX reading is in xlsx-read.ts (streamed), CSV reading in csv-read.ts,
 * writing in table-write.ts; this file is the entry point and the shapes they share.
 */
import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import type { Reason } from "../core/errors.js";
import { HEADER_SCAN_ROWS, locateHeader, type DateSystem } from "../core/index.js";
import { readXlsx, xlsxSheetNames, type AddinSettings } from "./xlsx-read.js";

export { TableFileError } from "./file-error.js";
export { CSV_ENCODINGS, CsvQuoteError, type CsvEncoding } from "./csv-read.js";
export { writeTable } from "./table-write.js";
import { readCsv, type CsvEncoding } from "./csv-read.js";

/** A table read from a file: a header row and the data rows below it, every row as wide as the table. */
export interface Table {
  /** The header row, as text ("" for an empty header cell). */
  readonly headers: string[];
  /**
   * The data rows, each `headers.length` long. CSV cells are strings exactly as in the file ("" when
   * empty). XLSX cells are numbers, strings, booleans, date serials (numbers), error texts such as "#N/A",
   * or "" when empty; a formula saved without its computed value is an UncomputedFormula (core/triage/cells).
   */
  readonly rows: unknown[][];
  /** Sheet row number of `rows[0]` (1-based, as Excel numbers rows): `rows[i]` is row `firstRowNumber + i`. */
  readonly firstRowNumber: number;
  /** The path the table was read from. */
  readonly source: string;
  /** CSV only: the encoding the text was decoded from (`utf8`, `utf8-bom`, `gb18030`, `utf16le`, `utf16be`). */
  readonly encoding?: string;
  /** XLSX only: the name of the worksheet read. */
  readonly sheet?: string;
  /**
   * XLSX only: the workbook's date system. In a `1904` workbook, date serials (numbers) count from
   * 1904-01-01: pass it to the triage (TriageOptions.dateSystem), which moves them onto the 1900 count.
   */
  readonly dateSystem?: DateSystem;
  /**
   * CSV only: rows that cannot be trusted as read (0-based index into `rows` -> reason), such as a line
   * with more fields than the header; pass them to the triage (TriageOptions.rowProblems).
   */
  readonly rowProblems?: ReadonlyMap<number, Reason>;
  /** CSV only: the field separator found (`,`, `;`, tab, or the one a `sep=` line names). */
  readonly delimiter?: string;
  /** The title rows above the header (report name, company, "As of ..."), each as its cells' text; absent when the header is the first row. */
  readonly titleRows?: readonly string[];
  /** What the reader noticed and the user should know (rows read in a way worth checking), in both languages. */
  readonly notes?: readonly ReaderNote[];
  /** XLSX only: the settings Office add-ins stored in the workbook (the pane's policy among them). */
  readonly addins?: readonly AddinSettings[];
}

/** A remark of the reader about the file, in both languages. */
export interface ReaderNote {
  readonly en: string;
  readonly zh: string;
}

export interface ReadOptions {
  /** XLSX: the worksheet to read, by name (case-insensitive, as Excel compares names). Default: the first visible one. */
  sheet?: string;
  /**
   * CSV: force an encoding. Default `auto`: a BOM, UTF-16 by its zero bytes, UTF-8 when the bytes are valid
   * UTF-8, GB18030 when they look like Chinese text in it; anything else is refused, saying what it looks like.
   */
  encoding?: CsvEncoding;
}

/** What writing had to do to the text of some cells, so that the file opens and says what it holds. */
export interface WriteReport {
  /** Cells whose text was longer than Excel's 32,767 characters and was cut, with a marker in the cell. */
  readonly cutCells: readonly CellAddress[];
  /** Cells holding control characters (NUL and the like) that were replaced by U+FFFD. */
  readonly controlCells: readonly CellAddress[];
}

/** A cell of a written table: 1-based row of the file (1 = header row) and 0-based column. */
export interface CellAddress {
  readonly row: number;
  readonly column: number;
}

/** A value to write: text, a number, a boolean, or null for an empty cell. */
export type OutputValue = string | number | boolean | null;

/**
 * Rows made one at a time, so that a million rows are never all held as cells: `row(i)` for i from 0 to
 * `length - 1`, in order (the XLSX writer reads the first 2,000 twice, to size the columns). `length` is
 * read when the table's turn to be written comes: a later sheet may fill up while an earlier one is written.
 */
export interface RowSource {
  readonly length: number;
  /** The widest row (cells beyond the headers are written under an empty header). */
  readonly width: number;
  row(index: number): readonly OutputValue[];
}

/** Rows to write: held (an array of rows) or made one at a time (a RowSource). */
export type Rows = readonly (readonly OutputValue[])[] | RowSource;

export interface WriteOptions {
  /** XLSX: the sheet name (default `Sheet1`); characters Excel refuses become `_`, and it is cut to 31. */
  sheetName?: string;
  /** 0-based columns holding Excel date serials: XLSX formats them `yyyy-mm-dd`, CSV writes `yyyy-mm-dd` text. */
  dateColumns?: number[];
  /**
   * XLSX: the number format of each 0-based column's number cells (`#,##0.00`, `0`, ...; src/result
   * columnFormat gives a result column's), null or absent for General. A date column's is DATE_FORMAT.
   */
  columnFormats?: readonly (string | null | undefined)[];
  /**
   * XLSX: 0-based column holding a warning level 0-3: levels 1, 2, 3 fill the row (src/result LEVEL_FILLS);
   * an empty level cell marks a row that was not triaged (a problem or blank row), shown in UNTRIAGED_FONT.
   */
  levelColumn?: number;
  /** Paths that must not be overwritten (the input file): writing to one of them throws. */
  protect?: string[];
  /**
   * XLSX: more sheets after the first, in this order: tables (the item table, the legend), each with its
   * own headers, rows and formats, or a grid (the summary sheet).
   */
  moreSheets?: readonly (TableSheet | GridSheet)[];
}

/** A sheet of a header row and data rows, written like the first sheet (frozen header, autofilter). */
export interface TableSheet {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: Rows;
  readonly dateColumns?: number[];
  /** Number formats by 0-based column, as WriteOptions.columnFormats. */
  readonly columnFormats?: readonly (string | null | undefined)[];
  /** Leave the sheet out when it has no rows by the time it is written (a legend nothing went into). */
  readonly skipWhenEmpty?: boolean;
}

/** A sheet of cells laid out freely from A1, without a header row (the summary sheet, src/result summarySheet). */
export interface GridSheet {
  readonly name: string;
  /** Rows of cells from row 1; an empty row is `[]`. */
  readonly grid: readonly (readonly OutputValue[])[];
  /** 0-based rows in bold (titles, the headers of blocks). */
  readonly boldRows?: readonly number[];
  /** The number format of a number cell (0-based row and column), or null for General. */
  readonly cellFormat?: (row: number, column: number) => string | null;
  /** Make it the sheet shown when the workbook opens (as the task pane activates its summary sheet). */
  readonly active?: boolean;
}

/** Excel's sheet limits. */
// ------------------------------------------------------------------------------------------------
// Reading

/**
 * Reads the table of a .xlsx or .csv file (also .xlsm, .tsv, .txt). The header row is the first non-empty
 * row; the data rows run from the row below it to the last non-empty row (blank rows in between are kept as
 * rows of ""); the width is that of the widest non-empty row.
 */
export async function readTable(path: string, options: ReadOptions = {}): Promise<Table> {
  const bytes = await fs.readFile(path);
  switch (fileKind(path, bytes)) {
    case "xlsx": {
      const read = await readXlsx(path, bytes, options.sheet);
      return { ...shapeTable(read.records, path, { sheet: read.sheet, dateSystem: read.dateSystem }), addins: read.addins };
    }
    case "csv":
      return readCsv(path, bytes, options.encoding ?? "auto");
    case "ole":
      throw new Error(
        `${path} is an old binary .xls workbook or a password-protected one: save it as .xlsx (without a password) or as CSV`,
      );
    default:
      throw new Error(`${path}: unsupported file type (expected .xlsx or .csv)`);
  }
}

/**
 * The worksheet names of a workbook, in its order (hidden ones too), or null for a file that is not a
 * workbook (a CSV: one table, no sheets).
 */
export async function sheetNames(path: string): Promise<string[] | null> {
  const bytes = await fs.readFile(path);
  if (fileKind(path, bytes) !== "xlsx") return null;
  return (await xlsxSheetNames(path, bytes)).map((s) => s.name);
}

type FileKind = "xlsx" | "csv" | "ole" | "unknown";

/** By content first (a zip is an .xlsx whatever its name), then by extension. */
function fileKind(path: string, bytes: Buffer): FileKind {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return "xlsx";
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) return "ole";
  const ext = nodePath.extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  if (ext === ".xlsx" || ext === ".xlsm") {
    throw new Error(`${path} is not a valid .xlsx workbook (it is not a zip archive)`);
  }
  return "unknown";
}

/** Keeps the rows from the first non-empty one to the last non-empty one and makes them equally wide. */
export function shapeTable(
  records: ReadonlyArray<ReadonlyArray<unknown> | undefined>,
  source: string,
  extra: { encoding?: string; sheet?: string; delimiter?: string; dateSystem?: DateSystem },
): Table {
  const isEmptyRecord = (record: ReadonlyArray<unknown> | undefined) =>
    record === undefined || record.every((value) => value === "" || value === undefined);
  let first = 0;
  while (first < records.length && isEmptyRecord(records[first])) first++;
  // An ERP export puts a title block above its header (company, report name, "As of ..."): the header is
  // the first row that names a customer, an amount and a date (locateHeader); the rows above are titles.
  const titleRows: string[] = [];
  const scan = records.slice(first, first + HEADER_SCAN_ROWS).map((r) => r ?? []);
  const located = scan.length > 1 ? locateHeader(scan) : null;
  if (located !== null && located.headerRow > 0) {
    titleRows.push(...located.titleRows);
    first += located.headerRow;
  }
  let last = records.length - 1;
  while (last > first && isEmptyRecord(records[last])) last--;
  if (first >= records.length) {
    return { headers: [], rows: [], firstRowNumber: 2, source, ...extra };
  }
  let width = 0;
  for (let i = first; i <= last; i++) {
    const record = records[i];
    if (record === undefined) continue;
    for (let c = record.length - 1; c >= width; c--) {
      const value = record[c];
      if (value !== "" && value !== undefined) {
        width = c + 1;
        break;
      }
    }
  }
  // Each record made exactly `width` cells long, in place: the reader's records are the caller's to
  // change, and a million rows are not copied (trailing cells cut here are empty: `width` reaches the
  // last non-empty cell of every row).
  const widen = (record: ReadonlyArray<unknown> | undefined): unknown[] => {
    if (record === undefined) return new Array<unknown>(width).fill("");
    const row = record as unknown[];
    for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = "";
    if (row.length > width) row.length = width;
    return row;
  };
  const headers = widen(records[first]).map((value) => (typeof value === "string" ? value : String(value)));
  const rows: unknown[][] = [];
  for (let i = first + 1; i <= last; i++) rows.push(widen(records[i]));
  return { headers, rows, firstRowNumber: first + 2, source, ...extra, ...(titleRows.length > 0 ? { titleRows } : {}) };
}
