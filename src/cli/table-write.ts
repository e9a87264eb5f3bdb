/**
 * Writing a result table for the command line: .csv (UTF-8 with BOM, formula-safe text) or .xlsx (values as
 * values, level fills, date formats), through a temporary file renamed into place. Node only.
 *
 * Both stream: rows are turned into text a few thousand at a time and written, so that a million rows never
 * make one string (V8 stops near 512 MB) and need not all be held as cells (a RowSource makes them one at a
 * time). The XLSX is written here as its XML parts in a zip (xlsx-zip.ts), not through exceljs: its
 * streaming writer looks every styled cell's style up by its XML text and took 220 s and 3 GB for a
 * million rows; here a cell's style is one of nine fixed indexes.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { isoFromSerial, MAX_SERIAL, PHANTOM_LEAP_DAY } from "../core/dates.js";
import { fitCellText } from "../core/sheet-text.js";
import { DATE_FORMAT, displayWidth, LEVEL_FILLS, neutraliseFormula } from "../result/index.js";
import { ZipWriter } from "./xlsx-zip.js";

export { TableFileError } from "./file-error.js";
import type { CellAddress, OutputValue, RowSource, Rows, WriteOptions, WriteReport } from "./table-io.js";

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

/** Row fills by warning level as the XLSX styles hold them (ARGB), from the colours the task pane uses too. */
const LEVEL_ARGB: Record<number, string> = Object.fromEntries(
  Object.entries(LEVEL_FILLS).map(([level, rgb]) => [level, `FF${rgb.slice(1)}`]),
);

function levelOf(value: OutputValue | undefined): number {
  const level = typeof value === "number" ? value : typeof value === "string" && /^\s*[0-3]\s*$/.test(value) ? Number(value) : 0;
  return Number.isInteger(level) && level >= 0 && level <= 3 ? level : 0;
}

/** Sheet name Excel accepts: no `\ / ? * [ ] :`, not starting or ending with `'`, 1-31 characters. */
function safeSheetName(name: string | undefined): string {
  const cleaned = (name ?? "")
    .replace(/[\\/?*[\]:]/g, "_")
    .replace(/^'+|'+$/g, "")
    .slice(0, 31);
  return cleaned.trim() === "" ? "Sheet1" : cleaned;
}

// ------------------------------------------------------------------------------------------------
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
const STYLE = { plain: 0, header: 1, date: 2, level: (level: number) => 2 + level, levelDate: (level: number) => 5 + level } as const;

function stylesXml(): string {
  const fill = (level: number) =>
    `<fill><patternFill patternType="solid"><fgColor rgb="${LEVEL_ARGB[level]}"/><bgColor indexed="64"/></patternFill></fill>`;
  const xf = (numFmt: number, font: number, fillId: number, border: number, extra = "") => {
    const applied =
      (numFmt !== 0 ? ' applyNumberFormat="1"' : "") +
      (font !== 0 ? ' applyFont="1"' : "") +
      (fillId !== 0 ? ' applyFill="1"' : "") +
      (border !== 0 ? ' applyBorder="1"' : "");
    const head = `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fillId}" borderId="${border}" xfId="0"${applied}`;
    return extra === "" ? `${head}/>` : `${head} applyAlignment="1">${extra}</xf>`;
  };
  // Fills 0 and 1 are the two Excel reserves (none, gray125); 2-4 the warning levels 1-3.
  const xfs = [
    xf(0, 0, 0, 0),
    xf(0, 1, 0, 1, '<alignment vertical="top"/>'),
    xf(164, 0, 0, 0),
    ...[1, 2, 3].map((level) => xf(0, 0, level + 1, 0)),
    ...[1, 2, 3].map((level) => xf(164, 0, level + 1, 0)),
  ];
  const font = (bold: boolean) =>
    `<font>${bold ? "<b/>" : ""}<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
  return (
    XML_HEAD +
    `<styleSheet xmlns="${MAIN_NS}">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="${DATE_FORMAT}"/></numFmts>` +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    `<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fill(1)}${fill(2)}${fill(3)}</fills>` +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
    '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
    "</styleSheet>"
  );
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** One sheet to write. */
interface SheetPlan {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: RowSource;
  readonly dates: ReadonlySet<number>;
  readonly levelColumn: number | undefined;
  /** The width written: the headers' or the widest row's. */
  readonly width: number;
}

async function writeXlsx(
  file: string,
  headers: readonly string[],
  rows: RowSource,
  options: WriteOptions,
  report: WriteReport,
): Promise<void> {
  const given = [
    { name: options.sheetName, headers, rows, dateColumns: options.dateColumns, levelColumn: options.levelColumn, skipWhenEmpty: false },
    ...(options.moreSheets ?? []).map((sheet) => ({
      ...sheet,
      rows: sourceOf(sheet.rows),
      levelColumn: undefined,
      skipWhenEmpty: sheet.skipWhenEmpty ?? false,
    })),
  ];
  const names = new Set<string>();
  const sheets: SheetPlan[] = [];
  const zip = await ZipWriter.create(file);
  try {
    // The sheets first, each planned when its turn comes (a later sheet may be made while an earlier one is
    // written, as the legend is), then the parts that list them.
    for (const sheet of given) {
      if (sheet.skipWhenEmpty && sheet.rows.length === 0) continue;
      // Names differ in Excel without regard to case: a second "Result" would make the file unreadable.
      let name = safeSheetName(sheet.name);
      for (let n = 2; names.has(name.toLowerCase()); n++) name = `${safeSheetName(sheet.name).slice(0, 27)} (${n})`;
      names.add(name.toLowerCase());
      const width = Math.max(1, sheet.headers.length, sheet.rows.width);
      if (sheet.rows.length + 1 > MAX_ROWS) {
        throw new Error(`${sheet.rows.length} rows do not fit in an Excel sheet (at most ${MAX_ROWS - 1} below the header): write CSV`);
      }
      if (width > MAX_COLUMNS) throw new Error(`${width} columns do not fit in an Excel sheet (at most ${MAX_COLUMNS})`);
      const plan: SheetPlan = {
        name,
        headers: sheet.headers,
        rows: sheet.rows,
        dates: new Set(sheet.dateColumns ?? []),
        levelColumn: sheet.levelColumn,
        width,
      };
      sheets.push(plan);
      // Cells of a later sheet are checked by the same rules but not mixed into the first sheet's report.
      await writeSheetXml(
        zip,
        `xl/worksheets/sheet${sheets.length}.xml`,
        plan,
        sheets.length === 1 ? report : { cutCells: [], controlCells: [] },
      );
    }
    const sheetList = sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
    const filters = sheets
      .map(
        (s, i) =>
          `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlText(s.name.replace(/'/g, "''"))}'!$A$1:$${columnLetters(s.width - 1)}$${s.rows.length + 1}</definedName>`,
      )
      .join("");
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
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView/></bookViews>` +
        `<sheets>${sheetList}</sheets><definedNames>${filters}</definedNames><calcPr calcId="171027"/></workbook>`,
    );
    await zip.add(
      "xl/_rels/workbook.xml.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    await zip.add("xl/styles.xml", stylesXml());
    await zip.finish();
  } catch (error) {
    await zip.abandon();
    throw error;
  }
}

/**
 * One worksheet's XML, streamed into the zip: a frozen bold header row with an autofilter, column widths
 * from the header and the first 2,000 rows, numbers as numbers (dates styled yyyy-mm-dd), text as inline
 * strings (never a formula, whatever it starts with), booleans, and each row of the level column's
 * warning level 1-3 filled across the table's width.
 */
async function writeSheetXml(zip: ZipWriter, part: string, sheet: SheetPlan, report: WriteReport): Promise<void> {
  const { rows, dates, levelColumn, width } = sheet;
  const letters = Array.from({ length: width }, (_, c) => columnLetters(c));
  const widths = new Array<number>(width).fill(0);
  const measure = (value: OutputValue | undefined, c: number) => {
    if (value === null || value === undefined) return;
    const w = dates.has(c) && typeof value === "number" ? 10 : displayWidth(String(value));
    if (w > widths[c]) widths[c] = w;
  };
  sheet.headers.forEach((header, c) => measure(header, c));
  // Sized from the first rows (enough to size a column, cheap on a million rows); a row source is read
  // twice for them, which it allows (row(i) makes the same cells again).
  for (let r = 0; r < rows.length && r < 2000; r++) rows.row(r).forEach((value, c) => measure(value, c));
  const cols = widths
    .map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(60, Math.max(8, w + 2))}" customWidth="1"/>`)
    .join("");
  const lastRef = `${letters[width - 1]}${rows.length + 1}`;
  const stream = await zip.stream(part);
  let chunk =
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${lastRef}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">`;
  for (let c = 0; c < width; c++) {
    chunk += `<c r="${letters[c]}1" s="${STYLE.header}" ${inlineString(cellText(sheet.headers[c] ?? "", 1, c, report))}`;
  }
  chunk += "</row>";
  const out = new ByteChunks(CHUNK_BYTES, (bytes) => stream.write(bytes));
  await out.add(chunk);
  const memo = new ColumnMemo(inlineString);
  for (let r = 0; r < rows.length; r++) {
    const values = rows.row(r);
    const n = r + 2;
    const level = levelColumn === undefined ? 0 : levelOf(values[levelColumn]);
    const plainStyle = level === 0 ? "" : ` s="${STYLE.level(level)}"`;
    const dateStyle = ` s="${level === 0 ? STYLE.date : STYLE.levelDate(level)}"`;
    let line = `<row r="${n}">`;
    for (let c = 0; c < width; c++) {
      const value = values[c];
      if (value === null || value === undefined || value === "") {
        // An empty cell is written only to carry its row's fill.
        if (level !== 0) line += `<c r="${letters[c]}${n}"${plainStyle}/>`;
        continue;
      }
      if (typeof value === "number") {
        if (!Number.isFinite(value)) line += `<c r="${letters[c]}${n}"${plainStyle} ${inlineString(String(value))}`;
        else {
          const style = dates.has(c) ? dateStyle : plainStyle;
          line += `<c r="${letters[c]}${n}"${style}><v>${Object.is(value, -0) ? 0 : value}</v></c>`;
        }
      } else if (typeof value === "boolean") {
        line += `<c r="${letters[c]}${n}"${plainStyle} t="b"><v>${value ? 1 : 0}</v></c>`;
      } else {
        line += `<c r="${letters[c]}${n}"${plainStyle} ${memo.get(c, value, n, report)}`;
      }
    }
    const pending = out.add(line + "</row>");
    if (pending !== undefined) await pending;
  }
  await out.add(
    `</sheetData><autoFilter ref="A1:${lastRef}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
  );
  await out.end();
  await stream.end();
}
