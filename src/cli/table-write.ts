/**
 * Writing a result table for the command line: .csv (UTF-8 with BOM, formula-safe text, streamed in chunks) or
 * .xlsx (values as values, level fills, date formats), through a temporary file renamed into place. Node only.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { isoFromSerial, MAX_SERIAL, PHANTOM_LEAP_DAY } from "../core/dates.js";
import { fitCellText } from "../core/sheet-text.js";
import { DATE_FORMAT, displayWidth, LEVEL_FILLS, neutraliseFormula } from "../result/index.js";

export { TableFileError } from "./file-error.js";
import type { CellAddress, OutputValue, WriteOptions, WriteReport } from "./table-io.js";

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

// ------------------------------------------------------------------------------------------------
// Writing

/**
 * Writes a table to .csv or .xlsx (by the extension of `path`), replacing the file if it exists; never one of
 * `options.protect`. The file is written next to its destination and renamed into place, so a failure leaves
 * no half-written file behind.
 *
 * CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting; text starting with `=`, `+`, `-`, `@`, tab or CR gets a
 * leading `'` (see {@link neutraliseFormula}); numbers stay numbers; booleans are `TRUE`/`FALSE`.
 * XLSX: one sheet, bold frozen header row with an autofilter, values as values (text is never a formula),
 * date columns formatted `yyyy-mm-dd`, rows coloured by warning level.
 *
 * Both: text longer than Excel's 32,767 characters per cell is cut, with a visible marker in the cell, and
 * control characters (NUL, ...) become U+FFFD; the report lists the cells concerned.
 * @throws Error naming the folder when it does not exist, the file when it cannot be written
 */
export async function writeTable(path: string, headers: string[], rows: OutputValue[][], options: WriteOptions = {}): Promise<WriteReport> {
  if (path.trim() === "") throw new Error("the output file has no name: give one, e.g. --out result.xlsx");
  const ext = nodePath.extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") throw new Error(`${path}: can only write .xlsx or .csv`);
  await refuseProtected(path, options.protect ?? []);
  const target = nodePath.resolve(path);
  const folder = nodePath.dirname(target);
  const folderStat = await fs.stat(folder).catch(() => undefined);
  if (!folderStat) throw new Error(`cannot write ${path}: the folder ${folder} does not exist`);
  if (!folderStat.isDirectory()) throw new Error(`cannot write ${path}: ${folder} is not a folder`);
  const targetStat = await fs.stat(target).catch(() => undefined);
  if (targetStat?.isDirectory())
    throw new Error(`cannot write ${path}: it is a folder; name a file, e.g. ${nodePath.join(path, "result.xlsx")}`);
  // A short name of its own: the target's name plus a suffix could pass the file system's name limit.
  const temp = nodePath.join(folder, `.ar-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  const report = { cutCells: [] as CellAddress[], controlCells: [] as CellAddress[] };
  try {
    if (ext === ".csv") await writeCsv(temp, headers, rows, options, report);
    else await writeXlsx(temp, headers, rows, options, report);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EBUSY" || code === "EPERM" || code === "EACCES" || code === "EROFS") {
      throw new Error(`cannot write ${path} (${code}): is it open in Excel, or is the file or its folder read-only?`);
    }
    if (code === "ENOSPC") throw new Error(`cannot write ${path}: the disk is full`);
    if (code === "ENAMETOOLONG") throw new Error(`cannot write ${path}: the name is too long for the file system`);
    if (typeof code === "string")
      throw new Error(`cannot write ${path} (${code}): ${(error as Error).message.replace(/^[A-Z]+: /, "").split(",")[0]}`);
    throw error;
  }
  return report;
}

/** Text fitted to a cell (see fitCellText), noting in the report what was done to it. */
function cellText(text: string, row: number, column: number, report: WriteReport): string {
  const fitted = fitCellText(text);
  if (fitted.cut > 0) (report.cutCells as CellAddress[]).push({ row, column });
  if (fitted.replaced > 0) (report.controlCells as CellAddress[]).push({ row, column });
  return fitted.text;
}

/** Throws when `path` names one of `protect`: the same path, or the same file under another name (link). */
async function refuseProtected(path: string, protect: readonly string[]): Promise<void> {
  if (protect.length === 0) return;
  const target = nodePath.resolve(path);
  const caseless = process.platform === "win32" || process.platform === "darwin";
  const same = (a: string, b: string) => (caseless ? a.toLowerCase() === b.toLowerCase() : a === b);
  const targetStat = await fs.stat(target, { bigint: true }).catch(() => undefined);
  for (const input of protect) {
    const resolved = nodePath.resolve(input);
    let clash = same(resolved, target);
    if (!clash && targetStat) {
      const inputStat = await fs.stat(resolved, { bigint: true }).catch(() => undefined);
      clash = inputStat !== undefined && inputStat.dev === targetStat.dev && inputStat.ino === targetStat.ino;
    }
    if (clash) throw new Error(`refusing to overwrite the input file ${input} with the output ${path}`);
  }
}

/** A whole serial Excel shows as a date (not 60, the phantom 1900-02-29). */
function isDateSerial(value: number): boolean {
  return Number.isFinite(value) && value >= 1 && value <= MAX_SERIAL && Math.floor(value) !== PHANTOM_LEAP_DAY;
}

function csvCell(value: OutputValue | undefined, isDate: boolean, text: (s: string) => string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return neutraliseFormula(String(value));
    if (isDate && isDateSerial(value)) return isoFromSerial(Math.floor(value));
    return Object.is(value, -0) ? "0" : String(value);
  }
  // Neutralised before fitting, so that a control character in front of `=` still gets its quote.
  return text(neutraliseFormula(String(value)));
}

/** Rows per piece of CSV text: a whole result as one string would pass V8's ~512 MB limit near 400,000 rows. */
const CSV_CHUNK_ROWS = 5_000;

/** Writes the CSV piece by piece (UTF-8 with BOM, CRLF, RFC 4180 quoting), never the whole file as one string. */
async function writeCsv(
  file: string,
  headers: readonly string[],
  rows: readonly OutputValue[][],
  options: WriteOptions,
  report: WriteReport,
): Promise<void> {
  const dates = new Set(options.dateColumns ?? []);
  const width = tableWidth(headers, rows);
  const pad = (cells: string[]) => {
    while (cells.length < width) cells.push("");
    return cells;
  };
  const handle = await fs.open(file, "w");
  try {
    let records: string[][] = [pad(headers.map((header, c) => csvCell(header, false, (s) => cellText(s, 1, c, report))))];
    let first = true;
    const flush = async () => {
      const text = stringifyCsv(records, {
        bom: first,
        record_delimiter: "\r\n",
        quote_record_delimiter: true,
        escape_formulas: false, // done in csvCell, on text only
      });
      await handle.write(text);
      first = false;
      records = [];
    };
    for (let r = 0; r < rows.length; r++) {
      records.push(pad(rows[r].map((value, c) => csvCell(value, dates.has(c), (s) => cellText(s, r + 2, c, report)))));
      if (records.length >= CSV_CHUNK_ROWS) await flush();
    }
    if (records.length > 0 || first) await flush();
  } finally {
    await handle.close();
  }
}

function tableWidth(headers: readonly string[], rows: readonly OutputValue[][]): number {
  let width = headers.length;
  for (const row of rows) if (row.length > width) width = row.length;
  return width;
}

/** Row fills by warning level as exceljs takes them (ARGB), from the colours the task pane uses too. */
const LEVEL_ARGB: Record<number, string> = Object.fromEntries(
  Object.entries(LEVEL_FILLS).map(([level, rgb]) => [level, `FF${rgb.slice(1)}`]),
);

function levelOf(value: OutputValue | undefined): number {
  const level = typeof value === "number" ? value : typeof value === "string" && /^\s*[0-3]\s*$/.test(value) ? Number(value) : 0;
  return Number.isInteger(level) ? level : 0;
}

/** Sheet name Excel accepts: no `\ / ? * [ ] :`, not starting or ending with `'`, 1-31 characters. */
function safeSheetName(name: string | undefined): string {
  const cleaned = (name ?? "")
    .replace(/[\\/?*[\]:]/g, "_")
    .replace(/^'+|'+$/g, "")
    .slice(0, 31);
  return cleaned.trim() === "" ? "Sheet1" : cleaned;
}

async function writeXlsx(
  file: string,
  headers: readonly string[],
  rows: readonly OutputValue[][],
  options: WriteOptions,
  report: WriteReport,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const names = new Set<string>();
  const sheets = [
    { name: options.sheetName, headers, rows, dateColumns: options.dateColumns, levelColumn: options.levelColumn },
    ...(options.moreSheets ?? []),
  ];
  for (const sheet of sheets) {
    // Names differ in Excel without regard to case: a second "Result" would make the file unreadable.
    let name = safeSheetName(sheet.name);
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${safeSheetName(sheet.name).slice(0, 27)} (${n})`;
    names.add(name.toLowerCase());
    writeSheet(
      workbook,
      name,
      sheet.headers,
      sheet.rows,
      new Set(sheet.dateColumns ?? []),
      "levelColumn" in sheet ? sheet.levelColumn : undefined,
      report,
      sheet === sheets[0],
    );
  }
  await workbook.commit();
}

function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  headers: readonly string[],
  rows: readonly OutputValue[][],
  dates: ReadonlySet<number>,
  levelColumn: number | undefined,
  report: WriteReport,
  reported: boolean,
): void {
  const width = Math.max(1, tableWidth(headers, rows));
  if (rows.length + 1 > MAX_ROWS) {
    throw new Error(`${rows.length} rows do not fit in an Excel sheet (at most ${MAX_ROWS - 1} below the header): write CSV`);
  }
  if (width > MAX_COLUMNS) throw new Error(`${width} columns do not fit in an Excel sheet (at most ${MAX_COLUMNS})`);
  // Cells of a second sheet are reported by the same rules but not mixed into the first sheet's rows.
  const sheetReport: WriteReport = reported ? report : { cutCells: [], controlCells: [] };

  // Column widths from the header and the first rows (enough to size a column, cheap on a million rows).
  const widths = new Array<number>(width).fill(0);
  const measure = (value: OutputValue | undefined, c: number) => {
    if (value === null || value === undefined) return;
    const w = dates.has(c) && typeof value === "number" ? 10 : displayWidth(String(value));
    if (w > widths[c]) widths[c] = w;
  };
  headers.forEach((header, c) => measure(header, c));
  for (let r = 0; r < rows.length && r < 2000; r++) rows[r].forEach((value, c) => measure(value, c));

  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
  });
  sheet.columns = widths.map((w) => ({ width: Math.min(60, Math.max(8, w + 2)) }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: width } };

  const headerRow = sheet.getRow(1);
  for (let c = 0; c < width; c++) {
    const cell = headerRow.getCell(c + 1);
    cell.value = cellText(headers[c] ?? "", 1, c, sheetReport);
    cell.font = { bold: true };
    cell.border = { bottom: { style: "thin" } };
    cell.alignment = { vertical: "top" };
  }
  headerRow.commit();

  for (let r = 0; r < rows.length; r++) {
    const values = rows[r];
    const row = sheet.getRow(r + 2);
    const fill = levelColumn === undefined ? undefined : LEVEL_ARGB[levelOf(values[levelColumn])];
    for (let c = 0; c < width; c++) {
      const value = values[c];
      const hasValue = value !== null && value !== undefined;
      if (!hasValue && !fill) continue;
      const cell = row.getCell(c + 1);
      if (typeof value === "number") {
        // Not-a-number and infinities cannot be stored in a sheet: keep them as their text.
        cell.value = Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : String(value);
        if (dates.has(c) && Number.isFinite(value)) cell.numFmt = DATE_FORMAT;
      } else if (typeof value === "string") {
        // exceljs writes a JS string as a string cell, whatever it starts with: never a formula.
        cell.value = cellText(value, r + 2, c, sheetReport);
      } else if (typeof value === "boolean") {
        cell.value = value;
      }
      if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
    }
    row.commit();
  }
  sheet.commit();
}
