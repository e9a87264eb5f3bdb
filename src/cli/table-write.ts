/**
 * Writing a result table for the command line: .csv (UTF-8 with BOM, formula-safe text) or .xlsx (values as
 * values, number formats, level fills, a print setup, more sheets such as a summary), through a temporary file
 * renamed into place. Node only.
 *
 * Both stream: rows are turned into text a few thousand at a time and written, so that a million rows never
 * make one string (V8 stops near 512 MB) and need not all be held as cells (a RowSource makes them one at a
 * time). The XLSX is written here as its XML parts in a zip (xlsx-zip.ts), not through exceljs: its
 * streaming writer looks every styled cell's style up by its XML text and took 220 s and 3 GB for a
 * million rows; here a cell's style index is decided once per column and row look (Styles).
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { isoFromSerial, MAX_SERIAL, PHANTOM_LEAP_DAY } from "../core/dates.js";
import { fitCellText, isWideCodePoint } from "../core/sheet-text.js";
import {
  AMOUNT_FORMAT,
  DATE_FORMAT,
  displayWidth,
  INTEGER_FORMAT,
  LEVEL_FILLS,
  neutraliseFormula,
  UNTRIAGED_FONT,
} from "../result/index.js";
import { ZipWriter } from "./xlsx-zip.js";

export { TableFileError } from "./file-error.js";
import type { CellAddress, GridSheet, OutputValue, RowSource, Rows, TableSheet, WriteOptions, WriteReport } from "./table-io.js";

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
 * XLSX: a sheet with a bold frozen header row and an autofilter, values as values (text is never a formula),
 * number cells in their column's format (dates `yyyy-mm-dd`), rows coloured by warning level and rows not
 * triaged in italic grey (src/result style.ts), then `options.moreSheets`; every sheet prints landscape,
 * one page wide, its header row repeated.
 *
 * Both: text longer than Excel's 32,767 characters per cell is cut, with a visible marker in the cell, and
 * control characters (NUL, ...) become U+FFFD; the report lists the cells concerned.
 * @throws Error naming the folder when it does not exist, the file when it cannot be written
 */
export async function writeTable(path: string, headers: readonly string[], rows: Rows, options: WriteOptions = {}): Promise<WriteReport> {
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
    if (ext === ".csv") await writeCsv(temp, headers, sourceOf(rows), options, report);
    else await writeXlsx(temp, headers, sourceOf(rows), options, report);
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

/** Rows as a source (an array is one already held). */
function sourceOf(rows: Rows): RowSource {
  if (!Array.isArray(rows)) return rows as RowSource;
  const held = rows as readonly (readonly OutputValue[])[];
  let width = 0;
  for (const row of held) if (row.length > width) width = row.length;
  return { length: held.length, width, row: (i) => held[i] };
}

/**
 * The encoded text of cells, remembered per column for the last text seen: a result repeats the same text
 * down a column (a strategy, a bucket, a customer over its items), and encoding it is the writer's main
 * cost. Only text that needed no change is remembered, so that every cut or replaced cell is reported.
 */
class ColumnMemo {
  private readonly raw: (string | undefined)[] = [];
  private readonly out: string[] = [];
  constructor(private readonly encode: (text: string) => string) {}

  get(column: number, text: string, row: number, report: WriteReport): string {
    if (this.raw[column] === text) return this.out[column];
    const fitted = fitCellText(text);
    if (fitted.cut > 0 || fitted.replaced > 0) {
      if (fitted.cut > 0) (report.cutCells as CellAddress[]).push({ row, column });
      if (fitted.replaced > 0) (report.controlCells as CellAddress[]).push({ row, column });
      this.raw[column] = undefined;
      return this.encode(fitted.text);
    }
    const out = this.encode(text);
    this.raw[column] = text;
    this.out[column] = out;
    return out;
  }
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

/**
 * Text gathered as UTF-8 bytes and handed on a buffer at a time: each line is encoded straight into the
 * buffer (nine times faster than joining the lines into one string and encoding that).
 */
class ByteChunks {
  private buffer: Buffer;
  private used = 0;

  /** @param flush takes a full buffer, which it may keep (a new one is used after it) */
  constructor(
    private readonly size: number,
    private readonly flush: (bytes: Buffer) => Promise<void>,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Adds text; returns a promise only when a buffer had to be handed on (await it then). */
  add(text: string): Promise<void> | undefined {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
    if (text.length * 3 <= this.size - this.used) {
      this.used += this.buffer.write(text, this.used, "utf8");
      return undefined;
    }
    return this.addSlowly(text);
  }

  private async addSlowly(text: string): Promise<void> {
    await this.end();
    if (text.length * 3 > this.size) await this.flush(Buffer.from(text, "utf8"));
    else this.used += this.buffer.write(text, this.used, "utf8");
  }

  /** Hands on what is gathered. */
  async end(): Promise<void> {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
    await this.flush(full);
  }
}

/** Bytes gathered before one write: large enough to be cheap, small enough not to hold much. */
const CHUNK_BYTES = 1 << 20;

/**
 * A number as String(value) writes it, through integer arithmetic for amounts in cents (three times faster
 * than the shortest-decimal conversion, on the two or three amounts of every item row): when value is the
 * double nearest to whole.ff, that decimal, without a trailing zero, is the shortest text that reads back as
 * value, which is what String gives. Everything else goes to String.
 */
export function numberText(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const cents = Math.round(value * 100);
  if (cents / 100 !== value || cents > 9e14 || cents < -9e14) return String(value);
  const abs = cents < 0 ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  const digits = fraction % 10 === 0 ? String(fraction / 10) : fraction < 10 ? `0${fraction}` : String(fraction);
  return `${cents < 0 ? "-" : ""}${whole}.${digits}`;
}

/** Characters that make a CSV field need quotes (RFC 4180; as csv-stringify decides with CRLF records). */
const CSV_QUOTE = /[",\r\n]/;
const QUOTES = /"/g;

/** A CSV field of a text: quoted when it holds a comma, a quote or a line break, its quotes doubled. */
function csvField(text: string): string {
  return CSV_QUOTE.test(text) ? `"${text.replace(QUOTES, '""')}"` : text;
}

/**
 * Writes the CSV piece by piece (UTF-8 with BOM, CRLF, RFC 4180 quoting), never the whole file as one string.
 * Text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (neutralised before fitting, so that a
 * control character in front of `=` still gets its quote); numbers stay numbers; booleans are TRUE/FALSE;
 * date columns hold yyyy-mm-dd.
 */
async function writeCsv(
  file: string,
  headers: readonly string[],
  rows: RowSource,
  options: WriteOptions,
  report: WriteReport,
): Promise<void> {
  const dates = new Set(options.dateColumns ?? []);
  const width = Math.max(headers.length, rows.width);
  const memo = new ColumnMemo((text) => csvField(text));
  // Dates as text, per serial (an export has a few hundred distinct days), and each column's last number.
  const isoDates = new Map<number, string>();
  const lastNumber: (number | undefined)[] = new Array<number | undefined>(width);
  const lastNumberText: string[] = new Array<string>(width);
  const handle = await fs.open(file, "w");
  try {
    const header: string[] = [];
    for (let c = 0; c < width; c++) header.push(csvField(cellText(neutraliseFormula(headers[c] ?? ""), 1, c, report)));
    // Lines gathered and joined once per write (a string grown by += is a deep rope, slow to encode).
    const out = new ByteChunks(CHUNK_BYTES, async (bytes) => void (await handle.write(bytes)));
    await out.add("\uFEFF" + header.join(",") + "\r\n");
    const line: string[] = new Array<string>(width);
    for (let r = 0; r < rows.length; r++) {
      const values = rows.row(r);
      for (let c = 0; c < width; c++) {
        const value = values[c];
        let field: string;
        if (value === null || value === undefined) field = "";
        else if (typeof value === "number") {
          if (value === lastNumber[c] && !Object.is(value, -0)) field = lastNumberText[c];
          else if (!Number.isFinite(value)) field = neutraliseFormula(String(value));
          else if (dates.has(c) && isDateSerial(value)) {
            const day = Math.floor(value);
            let iso = isoDates.get(day);
            if (iso === undefined) {
              iso = isoFromSerial(day);
              if (isoDates.size < 100_000) isoDates.set(day, iso);
            }
            field = iso;
          } else {
            field = Object.is(value, -0) ? "0" : numberText(value);
            lastNumber[c] = value;
            lastNumberText[c] = field;
          }
        } else if (typeof value === "boolean") field = value ? "TRUE" : "FALSE";
        else field = memo.get(c, neutraliseFormula(value), r + 2, report);
        line[c] = field;
      }
      const pending = out.add(line.join(",") + "\r\n");
      if (pending !== undefined) await pending;
    }
    await out.end();
  } finally {
    await handle.close();
  }
}

/** A row's look from its level cell: 1-3 a warning level (a number, or its text), empty a row not triaged, else 0. */
function lookOf(value: OutputValue | undefined): number {
  if (value === null || value === undefined || value === "") return LOOK_UNTRIAGED;
  const level = typeof value === "number" ? value : typeof value === "string" && /^\s*[0-3]\s*$/.test(value) ? Number(value) : 0;
  return Number.isInteger(level) && level >= 0 && level <= 3 ? level : 0;
}

/** The looks a row can have, as indexes: 0-3 its warning level, 4 not triaged (src/result rowLook). */
const LOOK_UNTRIAGED = 4;
const LOOKS = 5;

/** Sheet name Excel accepts: no `\ / ? * [ ] :`, not starting or ending with `'`, 1-31 characters. */
function safeSheetName(name: string | undefined): string {
  const cleaned = (name ?? "")
    .replace(/[\\/?*[\]:]/g, "_")
    .replace(/^'+|'+$/g, "")
    .slice(0, 31);
  return cleaned.trim() === "" ? "Sheet1" : cleaned;
}

// XLSX parts

/** Text for XML: `&`, `<`, `>` escaped (and `"` in attributes). Control characters are gone already (fitCellText). */
const XML_SPECIAL = /[&<>"]/;
function xmlText(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An inline string cell's body; spaces at either end or a line break are kept with xml:space. */
function inlineString(text: string): string {
  const keep = text.length > 0 && (text[0] === " " || text[text.length - 1] === " " || text.includes("\n") || text.includes("\t"));
  return `t="inlineStr"><is><t${keep ? ' xml:space="preserve"' : ""}>${xmlText(text)}</t></is></c>`;
}

/** Column letters of a 0-based column: 0 -> A, 26 -> AA. */
function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    letters = String.fromCharCode(65 + m) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The cell styles (cellXfs), by index: 0 plain, 1 the header (bold, bottom border, top-aligned), 2 a date,
 * 3-5 a row of warning level 1-3, 6-8 a date in such a row.
 */

/** Fonts of the styles: plain, bold (headers, a summary's titles), a row not triaged (UNTRIAGED_FONT). */
const FONT = { plain: 0, bold: 1, untriaged: 2 } as const;
/** Borders: none, a thin line under the header row. */
const BORDER = { none: 0, underHeader: 1 } as const;

/**
 * The workbook's cell styles (cellXfs), made as the sheets are planned: each distinct font, fill, number
 * format and alignment gets one index, which every cell of that look in that column shares (a million
 * rows use the same few dozen). Index 0 is the plain style, 1 the header's.
 */
class Styles {
  private readonly numFmts = new Map<string, number>();
  private readonly indexes = new Map<string, number>();
  private readonly xfs: string[] = [];

  constructor() {
    this.index(FONT.plain, 0, null, BORDER.none);
    this.index(FONT.bold, 0, null, BORDER.underHeader, '<alignment vertical="top" wrapText="1"/>');
  }

  /** The style index of a font, a fill (0 none, 2-4 levels 1-3), a number format (null: General), a border. */
  index(font: number, fill: number, format: string | null, border: number = BORDER.none, alignment = ""): number {
    let numFmt = 0;
    if (format !== null) {
      numFmt = this.numFmts.get(format) ?? 164 + this.numFmts.size;
      this.numFmts.set(format, numFmt);
    }
    const key = `${font}|${fill}|${numFmt}|${border}|${alignment}`;
    let index = this.indexes.get(key);
    if (index === undefined) {
      const applied =
        (numFmt !== 0 ? ' applyNumberFormat="1"' : "") +
        (font !== 0 ? ' applyFont="1"' : "") +
        (fill !== 0 ? ' applyFill="1"' : "") +
        (border !== 0 ? ' applyBorder="1"' : "");
      const head = `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applied}`;
      this.xfs.push(alignment === "" ? `${head}/>` : `${head} applyAlignment="1">${alignment}</xf>`);
      index = this.xfs.length - 1;
      this.indexes.set(key, index);
    }
    return index;
  }

  /**
   * The style of a body cell in a row of a look (0-3 a level, 4 not triaged) under a column's number format,
   * top-aligned (a row with wrapped text is taller), wrapped in a column of long text.
   */
  row(look: number, format: string | null, wrap: boolean): number {
    const alignment = wrap ? '<alignment vertical="top" wrapText="1"/>' : '<alignment vertical="top"/>';
    if (look === LOOK_UNTRIAGED) return this.index(FONT.untriaged, 0, format, BORDER.none, alignment);
    return this.index(FONT.plain, look === 0 ? 0 : look + 1, format, BORDER.none, alignment);
  }

  xml(): string {
    const argb = (rgb: string) => `FF${rgb.slice(1).toUpperCase()}`;
    const fill = (level: 1 | 2 | 3) =>
      `<fill><patternFill patternType="solid"><fgColor rgb="${argb(LEVEL_FILLS[level])}"/><bgColor indexed="64"/></patternFill></fill>`;
    const font = (extra: string) =>
      `<font>${extra}<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
    const untriaged = `<font>${UNTRIAGED_FONT.italic ? "<i/>" : ""}<sz val="11"/><color rgb="${argb(UNTRIAGED_FONT.color)}"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`).join("");
    return (
      XML_HEAD +
      `<styleSheet xmlns="${MAIN_NS}">` +
      (this.numFmts.size > 0 ? `<numFmts count="${this.numFmts.size}">${numFmts}</numFmts>` : "") +
      `<fonts count="3">${font("")}${font("<b/>")}${untriaged}</fonts>` +
      // Fills 0 and 1 are the two Excel reserves (none, gray125); 2-4 the warning levels 1-3.
      `<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fill(1)}${fill(2)}${fill(3)}</fills>` +
      '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
      '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * The print setup of every sheet: A4 landscape, scaled to one page wide (as many pages down as it takes),
 * narrow margins, gridlines printed, the sheet's name and the page number in the footer. The header row
 * is repeated on every page by the workbook's Print_Titles names.
 */
const SHEET_PR = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
const PRINT_SETUP =
  '<printOptions gridLines="1"/>' +
  '<pageMargins left="0.25" right="0.25" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
  "<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter>";

/** The sheet view: the header row frozen (tables), the tab selected when it is the sheet shown on opening. */
function sheetView(frozenHeader: boolean, active: boolean): string {
  const open = `<sheetViews><sheetView${active ? ' tabSelected="1"' : ""} workbookViewId="0"`;
  if (!frozenHeader) return `${open}/></sheetViews>`;
  return (
    `${open}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
  );
}

/** One table sheet to write. */
interface TablePlan {
  readonly kind: "table";
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: RowSource;
  /** Each column's number format (null: General). */
  readonly formats: readonly (string | null)[];
  readonly levelColumn: number | undefined;
  /** The width written: the headers' or the widest row's. */
  readonly width: number;
}

/** One grid sheet to write. */
interface GridPlan {
  readonly kind: "grid";
  readonly name: string;
  readonly sheet: GridSheet;
  readonly width: number;
  readonly active: boolean;
}

type SheetPlan = TablePlan | GridPlan;

async function writeXlsx(
  file: string,
  headers: readonly string[],
  rows: RowSource,
  options: WriteOptions,
  report: WriteReport,
): Promise<void> {
  type Given =
    | (TableSheet & { readonly rows: RowSource; readonly levelColumn: number | undefined; readonly kind: "table" })
    | (GridSheet & { readonly kind: "grid" });
  const given: Given[] = [
    {
      kind: "table",
      name: options.sheetName ?? "",
      headers,
      rows,
      dateColumns: options.dateColumns,
      columnFormats: options.columnFormats,
      levelColumn: options.levelColumn,
    },
    ...(options.moreSheets ?? []).map((sheet): Given =>
      "grid" in sheet ? { ...sheet, kind: "grid" } : { ...sheet, kind: "table", rows: sourceOf(sheet.rows), levelColumn: undefined },
    ),
  ];
  const names = new Set<string>();
  const sheets: SheetPlan[] = [];
  const styles = new Styles();
  // The sheet shown on opening: the last one asked for, else the first.
  let active = 0;
  given.forEach((sheet, i) => {
    if (sheet.kind === "grid" && sheet.active === true) active = i;
  });
  const zip = await ZipWriter.create(file);
  try {
    // The sheets first, each planned when its turn comes (a later sheet may be made while an earlier one is
    // written, as the legend is), then the parts that list them.
    for (const [i, sheet] of given.entries()) {
      if (sheet.kind === "table" && sheet.skipWhenEmpty === true && sheet.rows.length === 0) continue;
      // Names differ in Excel without regard to case: a second "Result" would make the file unreadable.
      let name = safeSheetName(sheet.name);
      for (let n = 2; names.has(name.toLowerCase()); n++) name = `${safeSheetName(sheet.name).slice(0, 27)} (${n})`;
      names.add(name.toLowerCase());
      const part = `xl/worksheets/sheet${sheets.length + 1}.xml`;
      // Cells of a later sheet are checked by the same rules but not mixed into the first sheet's report.
      const sheetReport = sheets.length === 0 ? report : { cutCells: [], controlCells: [] };
      const isActive = i === active;
      if (sheet.kind === "grid") {
        const width = Math.max(1, ...sheet.grid.map((row) => row.length));
        if (sheet.grid.length > MAX_ROWS) throw new Error(`${sheet.grid.length} rows do not fit in an Excel sheet`);
        const plan: GridPlan = { kind: "grid", name, sheet, width, active: isActive };
        sheets.push(plan);
        await zip.add(part, gridSheetXml(plan, styles, sheetReport));
        continue;
      }
      const width = Math.max(1, sheet.headers.length, sheet.rows.width);
      if (sheet.rows.length + 1 > MAX_ROWS) {
        throw new Error(`${sheet.rows.length} rows do not fit in an Excel sheet (at most ${MAX_ROWS - 1} below the header): write CSV`);
      }
      if (width > MAX_COLUMNS) throw new Error(`${width} columns do not fit in an Excel sheet (at most ${MAX_COLUMNS})`);
      const dates = new Set(sheet.dateColumns ?? []);
      const formats = Array.from({ length: width }, (_, c) => (dates.has(c) ? DATE_FORMAT : (sheet.columnFormats?.[c] ?? null)));
      const plan: TablePlan = {
        kind: "table",
        name,
        headers: sheet.headers,
        rows: sheet.rows,
        formats,
        levelColumn: sheet.levelColumn,
        width,
      };
      sheets.push(plan);
      await writeSheetXml(zip, part, plan, styles, isActive, sheetReport);
    }
    const quoted = (s: SheetPlan) => `'${xmlText(s.name.replace(/'/g, "''"))}'`;
    const sheetList = sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
    const definedNames = sheets
      .map((s, i) =>
        s.kind === "grid"
          ? ""
          : `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${quoted(s)}!$A$1:$${columnLetters(s.width - 1)}$${s.rows.length + 1}</definedName>` +
            `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${quoted(s)}!$1:$1</definedName>`,
      )
      .join("");
    const activeTab = sheets.findIndex((s) => s.kind === "grid" && s.active);
    await zip.add(
      "[Content_Types].xml",
      XML_HEAD +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join("") +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        "</Types>",
    );
    await zip.add(
      "_rels/.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    await zip.add(
      "xl/workbook.xml",
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/>` +
        `<bookViews><workbookView${activeTab > 0 ? ` activeTab="${activeTab}"` : ""}/></bookViews>` +
        `<sheets>${sheetList}</sheets><definedNames>${definedNames}</definedNames><calcPr calcId="171027"/></workbook>`,
    );
    await zip.add(
      "xl/_rels/workbook.xml.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    await zip.add("xl/styles.xml", styles.xml());
    await zip.finish();
  } catch (error) {
    await zip.abandon();
    throw error;
  }
}

/** Widest column, in characters; a column of longer text is wrapped at this width. */
const MAX_WIDTH = 50;
/** Narrowest column. */
const MIN_WIDTH = 6;

/** The `<cols>` of widths in characters (a margin of 2 added), between MIN_WIDTH and MAX_WIDTH. */
function colsXml(widths: readonly number[]): string {
  return widths
    .map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2))}" customWidth="1"/>`)
    .join("");
}

/**
 * The width a header asks of its column: its longest word, or a third of it when that is more (the header
 * wraps onto at most about three lines), so that a column of short numbers under a long header stays narrow.
 */
function headerWidth(header: string): number {
  const words = header.split(/\s+/).map(displayWidth);
  return Math.max(0, Math.ceil(displayWidth(header) / 3), ...words);
}

/** Points per line of Calibri 11 (Excel's default row height), and the most a row can be. */
const LINE_POINTS = 15;
const MAX_ROW_POINTS = 409;
/**
 * Most lines a data row is given: enough for a next step or a short reason, few enough that the table still
 * reads as a table on screen and on paper (a long reason or checklist is whole in its cell and in the legend).
 */
const MAX_ROW_LINES = 4;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * How many lines a text takes in a wrapped column `width` characters wide, wrapping as a spreadsheet does
 * at spaces (a word longer than a line is broken), after each wide (CJK) character, and at line breaks.
 * An estimate in character widths: it sets the row's height, which neither Excel nor LibreOffice would
 * work out for a row written without one when the file is printed or converted.
 */
export function wrappedLines(text: string, width: number): number {
  // A column's width counts digits; text averages narrower (a 40-wide column holds about 44 letters).
  const room = Math.max(1, Math.floor(width * 1.1) - 1);
  if (text.length <= room && !text.includes("\n")) return 1;
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let used = 0;
    lines++;
    if (!NON_ASCII.test(paragraph)) {
      for (const word of paragraph.split(" ")) {
        const w = word.length;
        if (used > 0 && used + 1 + w <= room) used += 1 + w;
        else {
          if (used > 0) lines++;
          lines += Math.max(0, Math.ceil(w / room) - 1);
          used = w % room === 0 && w > 0 ? room : w % room;
        }
      }
      continue;
    }
    // Wide characters break anywhere: count character by character, a space or a wide character being a break.
    let word = 0;
    for (const ch of paragraph) {
      const wide = isWideCodePoint(ch.codePointAt(0) ?? 0);
      if (ch === " " || wide) {
        const w = word + (wide ? 2 : 1);
        if (used + w > room && used > 0) {
          lines++;
          used = 0;
        }
        used += w;
        word = 0;
      } else word++;
      if (word > room) {
        lines++;
        word = 1;
        used = 0;
      }
    }
    if (used + word > room && used > 0) lines++;
  }
  return lines;
}

/** The `ht` attributes of a row of `lines` lines ("" for one line, the default height). */
function rowHeight(lines: number): string {
  const shown = Math.min(MAX_ROW_LINES, lines);
  return shown <= 1 ? "" : ` ht="${Math.min(MAX_ROW_POINTS, shown * LINE_POINTS)}" customHeight="1"`;
}

/**
 * One worksheet's XML, streamed into the zip: a frozen bold header row with an autofilter, column widths
 * from the header and the first 2,000 rows (a column of longer text wrapped, top-aligned, so that it prints
 * and shows whole), numbers as numbers in their column's number format (dates yyyy-mm-dd), text as inline
 * strings (never a formula, whatever it starts with), booleans; each row of the level column's warning
 * level 1-3 filled across the table's width, a row without a level (not triaged) in the untriaged font;
 * the print setup.
 */
async function writeSheetXml(
  zip: ZipWriter,
  part: string,
  sheet: TablePlan,
  styles: Styles,
  active: boolean,
  report: WriteReport,
): Promise<void> {
  const { rows, formats, levelColumn, width } = sheet;
  const letters = Array.from({ length: width }, (_, c) => columnLetters(c));
  const widths = new Array<number>(width).fill(0);
  const measure = (value: OutputValue | undefined, c: number) => {
    if (value === null || value === undefined) return;
    // A number shows with its format's separators and decimals: "1,200,000.00" is 12 wide, not 7.
    const w = typeof value === "number" ? shownWidth(value, formats[c]) : displayWidth(String(value));
    if (w > widths[c]) widths[c] = w;
  };
  sheet.headers.forEach((header, c) => (widths[c] = headerWidth(header)));
  // Sized from the first rows (enough to size a column, cheap on a million rows); a row source is read
  // twice for them, which it allows (row(i) makes the same cells again).
  for (let r = 0; r < rows.length && r < 2000; r++) rows.row(r).forEach((value, c) => measure(value, c));
  // Per look (0-3 a level, 4 not triaged), per column: the cell's ` s="n"` attribute.
  const wrapped = widths.map((w) => w + 2 > MAX_WIDTH);
  const cellStyles: string[][] = [];
  for (let look = 0; look < LOOKS; look++) cellStyles.push(formats.map((format, c) => ` s="${styles.row(look, format, wrapped[c])}"`));
  const lastRef = `${letters[width - 1]}${rows.length + 1}`;
  const stream = await zip.stream(part);
  let chunk =
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${SHEET_PR}<dimension ref="A1:${lastRef}"/>` +
    sheetView(true, active) +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${colsXml(widths)}</cols><sheetData>`;
  // Printed and converted rows keep the height they are given: a wrapped header or cell sets its row's.
  const columnWidths = widths.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)));
  let headerLines = 1;
  for (let c = 0; c < width; c++) headerLines = Math.max(headerLines, wrappedLines(sheet.headers[c] ?? "", columnWidths[c]));
  chunk += `<row r="1"${rowHeight(headerLines)}>`;
  for (let c = 0; c < width; c++) {
    chunk += `<c r="${letters[c]}1" s="1" ${inlineString(cellText(sheet.headers[c] ?? "", 1, c, report))}`;
  }
  chunk += "</row>";
  const out = new ByteChunks(CHUNK_BYTES, (bytes) => stream.write(bytes));
  await out.add(chunk);
  const memo = new ColumnMemo(inlineString);
  const wrapColumns = wrapped.flatMap((w, c) => (w ? [c] : []));
  // Each wrapped column's last text and its lines: a column repeats its text down the rows.
  const lastText: (string | undefined)[] = new Array<string | undefined>(width);
  const lastLines: number[] = new Array<number>(width).fill(1);
  for (let r = 0; r < rows.length; r++) {
    const values = rows.row(r);
    const n = r + 2;
    const look = levelColumn === undefined ? 0 : lookOf(values[levelColumn]);
    const style = cellStyles[look];
    const filled = look >= 1 && look <= 3;
    let lines = 1;
    for (const c of wrapColumns) {
      const value = values[c];
      if (typeof value !== "string") continue;
      if (value !== lastText[c]) {
        lastText[c] = value;
        lastLines[c] = wrappedLines(value, columnWidths[c]);
      }
      if (lastLines[c] > lines) lines = lastLines[c];
    }
    let line = `<row r="${n}"${rowHeight(lines)}>`;
    for (let c = 0; c < width; c++) {
      const value = values[c];
      if (value === null || value === undefined || value === "") {
        // An empty cell is written only to carry its row's fill.
        if (filled) line += `<c r="${letters[c]}${n}"${style[c]}/>`;
        continue;
      }
      if (typeof value === "number") {
        if (!Number.isFinite(value)) line += `<c r="${letters[c]}${n}"${style[c]} ${inlineString(String(value))}`;
        else line += `<c r="${letters[c]}${n}"${style[c]}><v>${Object.is(value, -0) ? 0 : value}</v></c>`;
      } else if (typeof value === "boolean") {
        line += `<c r="${letters[c]}${n}"${style[c]} t="b"><v>${value ? 1 : 0}</v></c>`;
      } else {
        line += `<c r="${letters[c]}${n}"${style[c]} ${memo.get(c, value, n, report)}`;
      }
    }
    const pending = out.add(line + "</row>");
    if (pending !== undefined) await pending;
  }
  await out.add(`</sheetData><autoFilter ref="A1:${lastRef}"/>${PRINT_SETUP}</worksheet>`);
  await out.end();
  await stream.end();
}

/**
 * The width of a number as its format shows it: an amount with group separators and two decimals, a date
 * ten characters, a whole number its digits, General its shortest text.
 */
function shownWidth(value: number, format: string | null): number {
  if (format === DATE_FORMAT) return 10;
  const digits = String(Math.trunc(Math.abs(value))).length;
  const sign = value < 0 ? 1 : 0;
  if (format === AMOUNT_FORMAT) return digits + Math.floor((digits - 1) / 3) + 3 + sign;
  if (format === INTEGER_FORMAT) return digits + sign;
  return String(value).length;
}

/**
 * A grid sheet's XML (small: held whole): its cells from A1, bold rows, each number cell in its format,
 * column widths from the rows of more than one cell (a title or a note alone in its row runs over the
 * empty cells beside it), the print setup.
 */
function gridSheetXml(plan: GridPlan, styles: Styles, report: WriteReport): string {
  const { sheet, width } = plan;
  const bold = new Set(sheet.boldRows ?? []);
  const widths = new Array<number>(width).fill(0);
  const parts: string[] = [];
  sheet.grid.forEach((cells, r) => {
    const n = r + 1;
    const font = bold.has(r) ? FONT.bold : FONT.plain;
    let line = `<row r="${n}">`;
    cells.forEach((value, c) => {
      if (value === null || value === undefined || value === "") return;
      const format = typeof value === "number" ? (sheet.cellFormat?.(r, c) ?? null) : null;
      const index = styles.index(font, 0, format);
      const s = index === 0 ? "" : ` s="${index}"`;
      const ref = `${columnLetters(c)}${n}`;
      if (cells.length > 1) {
        const w = typeof value === "number" ? shownWidth(value, format) : displayWidth(String(value));
        if (w > widths[c]) widths[c] = w;
      }
      if (typeof value === "number") {
        line += Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s} ${inlineString(String(value))}`;
      } else if (typeof value === "boolean") line += `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
      else line += `<c r="${ref}"${s} ${inlineString(cellText(value, n, c, report))}`;
    });
    parts.push(`${line}</row>`);
  });
  const last = `${columnLetters(width - 1)}${Math.max(1, sheet.grid.length)}`;
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${SHEET_PR}<dimension ref="A1:${last}"/>` +
    sheetView(false, plan.active) +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${colsXml(widths)}</cols><sheetData>${parts.join("")}</sheetData>${PRINT_SETUP}</worksheet>`
  );
}
