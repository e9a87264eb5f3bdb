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
 * never depends on the machine's time zone. XLSX reading is in xlsx-read.ts (streamed).
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { isoFromSerial, MAX_SERIAL, PHANTOM_LEAP_DAY } from "../core/dates.js";
import type { Reason } from "../core/errors.js";
import { fitCellText } from "../core/sheet-text.js";
import type { DateSystem } from "../core/index.js";
import { DATE_FORMAT, displayWidth, LEVEL_FILLS, neutraliseFormula } from "../result/index.js";
import { TableFileError } from "./file-error.js";
import { readXlsx } from "./xlsx-read.js";

export { TableFileError } from "./file-error.js";

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
  /** What the reader noticed and the user should know (rows read in a way worth checking), in both languages. */
  readonly notes?: readonly ReaderNote[];
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

export interface WriteOptions {
  /** XLSX: the sheet name (default `Sheet1`); characters Excel refuses become `_`, and it is cut to 31. */
  sheetName?: string;
  /** 0-based columns holding Excel date serials: XLSX formats them `yyyy-mm-dd`, CSV writes `yyyy-mm-dd` text. */
  dateColumns?: number[];
  /** XLSX: 0-based column holding a warning level 0-3; levels 1, 2, 3 colour the row yellow, orange, red. */
  levelColumn?: number;
  /** Paths that must not be overwritten (the input file): writing to one of them throws. */
  protect?: string[];
}

/** Excel's sheet limits. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

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
      return shapeTable(read.records, path, { sheet: read.sheet, dateSystem: read.dateSystem });
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
function shapeTable(
  records: ReadonlyArray<ReadonlyArray<unknown> | undefined>,
  source: string,
  extra: { encoding?: string; sheet?: string; delimiter?: string; dateSystem?: DateSystem },
): Table {
  const isEmptyRecord = (record: ReadonlyArray<unknown> | undefined) =>
    record === undefined || record.every((value) => value === "" || value === undefined);
  let first = 0;
  while (first < records.length && isEmptyRecord(records[first])) first++;
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
  const widen = (record: ReadonlyArray<unknown> | undefined): unknown[] => {
    const row = new Array<unknown>(width);
    for (let c = 0; c < width; c++) {
      const value = record?.[c];
      row[c] = value === undefined ? "" : value;
    }
    return row;
  };
  const headers = widen(records[first]).map((value) => (typeof value === "string" ? value : String(value)));
  const rows: unknown[][] = [];
  for (let i = first + 1; i <= last; i++) rows.push(widen(records[i]));
  return { headers, rows, firstRowNumber: first + 2, source, ...extra };
}

// --- CSV ----------------------------------------------------------------------------------------

/** Bytes that start binary files often renamed or mistaken for CSV (zip is handled as .xlsx before). */
const BINARY_SIGNATURES: readonly (readonly [string, readonly number[]])[] = [
  ["PDF", [0x25, 0x50, 0x44, 0x46]],
  ["PNG", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG", [0xff, 0xd8, 0xff]],
  ["GIF", [0x47, 0x49, 0x46, 0x38]],
  ["gzip", [0x1f, 0x8b]],
  ["7-Zip", [0x37, 0x7a, 0xbc, 0xaf]],
  ["RAR", [0x52, 0x61, 0x72, 0x21]],
];

/**
 * UTF-16 without a byte order mark, told from the pattern of zero bytes: text in Latin letters, digits and
 * punctuation has a zero high byte in every other position (odd positions for little-endian). Only a
 * clear pattern counts: at least a quarter of the sampled pairs, all on one side.
 */
function utf16WithoutBom(bytes: Buffer): "utf16le" | "utf16be" | null {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros >= pairs / 4 && evenZeros === 0) return "utf16le";
  if (evenZeros >= pairs / 4 && oddZeros === 0) return "utf16be";
  return null;
}

/**
 * Characters that no spreadsheet text file holds: C0 controls other than tab, line feed and carriage
 * return, and U+FFFD (what a decoder makes of bytes that are not text).
 */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/g;

/** Refuses a file that starts like a known binary format, naming it. */
function refuseBinarySignature(path: string, bytes: Buffer): void {
  for (const [kind, signature] of BINARY_SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)) {
      throw new TableFileError(
        `${path} is not a text file (it is a ${kind} file): save the table as CSV or .xlsx`,
        `${path} 不是文本文件（是 ${kind} 文件）：请将表格另存为 CSV 或 .xlsx`,
      );
    }
  }
}

/** Refuses text full of characters no spreadsheet text holds (binary data, or bytes decoded wrongly). */
function refuseBinary(path: string, text: string): void {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  const odd = sample.match(NOT_TEXT)?.length ?? 0;
  // A few control characters can be junk in a cell or two (they are read, and never printed raw);
  // binary data is full of them (random bytes: about one in eight).
  if (odd >= 8 && odd / sample.length >= 0.02) {
    throw new TableFileError(
      `${path} is not a text file (it holds binary data): save the table as CSV or .xlsx`,
      `${path} 不是文本文件（含二进制数据）：请将表格另存为 CSV 或 .xlsx`,
    );
  }
}

/** The encodings a CSV can be forced to (`--encoding`), besides `auto`. */
export const CSV_ENCODINGS = ["utf8", "gb18030", "big5", "shift_jis", "windows-1252"] as const;
/** A CSV encoding to force, or `auto` to detect it. */
export type CsvEncoding = (typeof CSV_ENCODINGS)[number] | "auto";

/** How bytes that are not UTF-8 look: UTF-8 with a few bad bytes, or a legacy double-byte or single-byte text. */
interface NotUtf8 {
  /** Byte offset of the first sequence that is not UTF-8, and its 1-based line. */
  readonly firstBad: { readonly offset: number; readonly line: number };
  /** Well-formed UTF-8 sequences of two bytes or more (Chinese text in UTF-8 is full of them). */
  readonly utf8Sequences: number;
  /** Bytes above ASCII that start no well-formed UTF-8 sequence. */
  readonly badBytes: number;
  /** Double-byte pairs in GB2312's range (the common hanzi and symbols of a Chinese GBK/GB18030 file). */
  readonly gbPairs: number;
  /** Other bytes above ASCII: a lead byte with a trail outside GB2312, or a byte no pair explains. */
  readonly otherPairs: number;
}

/** The length of the well-formed UTF-8 sequence at `i` (2-4), or 0. */
function utf8SequenceAt(bytes: Buffer, i: number): number {
  const b = bytes[i];
  const cont = (k: number) => i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b >= 0xf0 && b <= 0xf4) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Looks at bytes that failed strict UTF-8 decoding: where, and what they look like instead. */
function notUtf8(bytes: Buffer): NotUtf8 {
  let firstBad = -1;
  let utf8Sequences = 0;
  let badBytes = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n > 0) {
      utf8Sequences++;
      i += n;
    } else {
      if (firstBad < 0) firstBad = i;
      badBytes++;
      i++;
    }
  }
  let gbPairs = 0;
  let otherPairs = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trail = i + 1 < bytes.length ? bytes[i + 1] : -1;
    const digit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
    const high = (b: number | undefined) => b !== undefined && b >= 0x81 && b <= 0xfe;
    if (high(lead) && digit(trail) && high(bytes[i + 2]) && digit(bytes[i + 3])) {
      gbPairs++; // GB18030's four-byte form (𠮷 and the rest of Unicode)
      i += 4;
      continue;
    }
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) gbPairs++;
    else otherPairs++;
    i += lead >= 0x81 && lead <= 0xfe && trail >= 0x40 ? 2 : 1;
  }
  let line = 1;
  const bad = Math.max(0, firstBad);
  for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
  return { firstBad: { offset: bad, line }, utf8Sequences, badBytes, gbPairs, otherPairs };
}

/**
 * Decodes CSV bytes: a BOM decides; else UTF-16 told from its zero bytes; else strict UTF-8; else GB18030
 * (Chinese Excel's "CSV") when the bytes look like Chinese text in it. Anything else is refused with what
 * it looks like, never decoded into the wrong characters: UTF-8 with a few bad bytes (their line is
 * named), Western (Windows-1252) or Japanese (Shift-JIS) text, which GB18030 would turn into hanzi.
 * A forced encoding is decoded as told.
 */
function decodeText(path: string, bytes: Buffer, encoding: CsvEncoding): { text: string; encoding: string } {
  const utf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === "utf8") {
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: utf8Bom ? "utf8-bom" : "utf8" };
  }
  if (encoding !== "auto") return { text: iconv.decode(bytes, encoding), encoding };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(bytes, "utf-16le"), encoding: "utf16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(bytes, "utf-16be"), encoding: "utf16be" };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16 !== null) {
    return { text: iconv.decode(bytes, utf16 === "utf16le" ? "utf-16le" : "utf-16be"), encoding: utf16 };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: utf8Bom ? "utf8-bom" : "utf8" };
  } catch {
    // not UTF-8: judged below
  }
  // Binary data is not UTF-8 either: say that first, rather than guess at an encoding. Control bytes tell
  // it (ASCII controls are the same in every encoding tried here).
  refuseBinary(path, String.fromCharCode(...bytes.subarray(0, 65_536).filter((b) => b < 0x80)));
  const look = notUtf8(bytes);
  const where = `line ${look.firstBad.line} (byte ${look.firstBad.offset + 1})`;
  const whereZh = `第 ${look.firstBad.line} 行（第 ${look.firstBad.offset + 1} 个字节）`;
  // Text in another encoding makes a well-formed UTF-8 sequence only now and then; UTF-8 with a few
  // damaged bytes has more good sequences than bad bytes.
  if (utf8Bom || (look.utf8Sequences > 0 && look.utf8Sequences >= look.badBytes)) {
    throw new TableFileError(
      `${path} is UTF-8 text with bytes that are not UTF-8, first at ${where}: the file may be cut or pasted together from another program. Fix that line, or read it anyway with --encoding utf8 (the bad bytes show as �)`,
      `${path} 是 UTF-8 文本，但含有无效字节，首处在${whereZh}：文件可能被截断或由其他程序拼接。请修正该行，或用 --encoding utf8 照读（无效字节显示为 �）`,
    );
  }
  // Chinese GBK/GB18030 text is mostly pairs in GB2312's range; Windows-1252 and Shift-JIS text is not.
  if (look.gbPairs > 0 && look.otherPairs <= look.gbPairs / 10) return { text: iconv.decode(bytes, "gb18030"), encoding: "gb18030" };
  throw new TableFileError(
    `${path} is neither UTF-8 nor Chinese GB18030 text (first unreadable byte at ${where}): it may be Western (Windows-1252, Latin-1), Japanese (Shift-JIS) or Traditional Chinese (Big5) text. Save it from Excel as "CSV UTF-8", or name its encoding: --encoding windows-1252, shift_jis, big5 or gb18030`,
    `${path} 既不是 UTF-8 也不是中文 GB18030 文本（首个无法识别的字节在${whereZh}）：可能是西文（Windows-1252、Latin-1）、日文（Shift-JIS）或繁体中文（Big5）文本。请在 Excel 中另存为“CSV UTF-8”，或指定编码：--encoding windows-1252、shift_jis、big5 或 gb18030`,
  );
}

/**
 * The separator: Excel's `sep=;` line when present; else, in the header line (outside quotes), tab or
 * semicolon when it occurs more often than the comma; else the comma.
 */
function detectDelimiter(text: string): { delimiter: string; body: string } {
  // Excel writes `sep=;`; a file saved again by Excel may pad it with separators (`sep=;;;`).
  const hint = /^(?:\uFEFF)?"?sep=(.)\1*"?(?:\r\n|\n|\r)/i.exec(text);
  if (hint) return { delimiter: hint[1], body: text.slice(hint[0].length) };
  let i = 0;
  while (i < text.length && (text[i] === "\n" || text[i] === "\r" || text[i] === "\uFEFF")) i++;
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) counts[ch]++;
  }
  const delimiter =
    counts["\t"] > counts[","] && counts["\t"] > counts[";"] ? "\t" : counts[";"] > counts[","] ? ";" : ",";
  return { delimiter, body: text };
}

/** Where a quote makes a CSV ambiguous: its line and column (1-based), and what is wrong. */
export class CsvQuoteError extends TableFileError {
  /**
   * @param line where the quote that opened the field is (1-based line of the file)
   * @param column its column (1-based character of the line)
   * @param closedAt for text after the closing quote: where that quote is
   */
  constructor(
    readonly path: string,
    readonly line: number,
    readonly column: number,
    readonly problem: "unclosed" | "text-after-closing-quote",
    readonly closedAt?: { readonly line: number; readonly column: number },
  ) {
    const at = closedAt ?? { line, column };
    super(
      problem === "unclosed"
        ? `cannot read ${path} as CSV: the quote at line ${line}, column ${column} is never closed, so every line after it would run into one cell. Remove the stray quote or close it ("..."), then run again`
        : `cannot read ${path} as CSV: the quote at line ${line}, column ${column} opens a field that ${at.line !== line ? `runs over into line ${at.line} and ` : ""}goes on after its closing quote (line ${at.line}, column ${at.column}), so where the field ends would be a guess. Remove the stray quote, or quote the whole field and double the quotes inside it (""), then run again`,
      problem === "unclosed"
        ? `无法按 CSV 读取 ${path}：第 ${line} 行第 ${column} 列的引号没有闭合，其后各行会并入同一个单元格。请删除多余的引号或补上闭合引号后重试`
        : `无法按 CSV 读取 ${path}：第 ${line} 行第 ${column} 列的引号开始的字段${at.line !== line ? `延续到第 ${at.line} 行，并` : ""}在闭合引号（第 ${at.line} 行第 ${at.column} 列）之后仍有文字，字段在哪里结束只能猜测。请删除多余的引号，或给整个字段加引号并把其中的引号写成两个（""）后重试`,
    );
    this.name = "CsvQuoteError";
  }
}

/**
 * Checks the quotes of a CSV text as RFC 4180 and Excel read them, before any parser guesses: a field
 * that starts with a quote runs to the next lone quote, which must be followed by the separator, a line
 * end or the end of the file; a quote inside an unquoted field is an ordinary character (`Acme "Big" Co`).
 * Throws a CsvQuoteError with the line and column of the first ambiguous quote.
 * @returns true when a quoted field holds a line break (the only way a record runs over several lines)
 */
function checkQuotes(path: string, text: string, delimiter: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let spansLines = false;
  // From quote to quote (most files have few), so that a million-row file costs one indexOf pass.
  for (let q = text.indexOf('"', start); q >= 0; q = text.indexOf('"', q + 1)) {
    const before = text[q - 1];
    if (q > start && before !== delimiter && before !== "\n" && before !== "\r") continue; // a quote inside a field is text
    let close = text.indexOf('"', q + 1);
    while (close >= 0 && text[close + 1] === '"') close = text.indexOf('"', close + 2);
    if (close < 0) {
      const at = lineAndColumn(text, q, start);
      throw new CsvQuoteError(path, at.line, at.column, "unclosed");
    }
    const after = text[close + 1];
    if (after !== undefined && after !== delimiter && after !== "\n" && after !== "\r") {
      const at = lineAndColumn(text, q, start);
      throw new CsvQuoteError(path, at.line, at.column, "text-after-closing-quote", lineAndColumn(text, close, start));
    }
    if (!spansLines) {
      const field = text.slice(q + 1, close);
      spansLines = field.includes("\n") || field.includes("\r");
    }
    q = close;
  }
  return spansLines;
}

/** The 1-based line (CRLF, LF and a lone CR each end one) and column of a position in the text. */
function lineAndColumn(text: string, position: number, start: number): { line: number; column: number } {
  let line = 1;
  let lineStart = start;
  for (let i = start; i < position; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

function readCsv(path: string, bytes: Buffer, encoding: CsvEncoding): Table {
  refuseBinarySignature(path, bytes);
  const decoded = decodeText(path, bytes, encoding);
  // A forced encoding that does not fit the bytes gives U+FFFD: that is the user's call, not binary data.
  refuseBinary(path, encoding === "auto" ? decoded.text : decoded.text.replace(/\uFFFD/g, ""));
  const { delimiter, body } = detectDelimiter(decoded.text);
  const spansLines = checkQuotes(path, body, delimiter);
  let records: string[][];
  try {
    records = parseCsv(body, {
      delimiter,
      bom: true,
      // Every line ending, mixed in one file (a file edited in two programs): csv-parse otherwise keeps
      // the first ending it sees and runs the other lines into one field.
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      // Only for quotes inside unquoted fields (Excel keeps them as text); checkQuotes has refused every
      // other quote that would make the parser guess.
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new Error(`cannot read ${path} as CSV: ${(error as Error).message}`);
  }
  const table = shapeTable(records, path, { encoding: decoded.encoding, delimiter });
  const notes = spansLines ? multiLineNotes(records, table.firstRowNumber) : [];
  const rowProblems = widerThanHeader(records, table);
  return { ...table, ...(notes.length > 0 ? { notes } : {}), ...(rowProblems.size > 0 ? { rowProblems } : {}) };
}

/**
 * Lines with values beyond the header's last column: a separator inside an unquoted value (`1,500` in a
 * comma file) has shifted their cells, so what reads as the due date may be part of the amount. Each is
 * a problem of its row (TriageOptions.rowProblems), never read as if nothing happened.
 */
function widerThanHeader(records: readonly (readonly string[])[], table: Table): Map<number, Reason> {
  const problems = new Map<number, Reason>();
  let headerWidth = table.headers.length;
  while (headerWidth > 0 && table.headers[headerWidth - 1].trim() === "") headerWidth--;
  table.rows.forEach((_, i) => {
    const record = records[table.firstRowNumber - 1 + i];
    if (record === undefined || record.length <= headerWidth) return;
    let fields = record.length;
    while (fields > headerWidth && record[fields - 1].trim() === "") fields--;
    if (fields <= headerWidth) return;
    problems.set(i, {
      code: "csv-extra-fields",
      en: `this line has ${fields} fields but the header has ${headerWidth}: a separator inside a value (an amount like 1,500 without quotes?) has shifted the cells; fix the line`,
      zh: `此行有 ${fields} 个字段，而表头只有 ${headerWidth} 个：某个值中的分隔符（如未加引号的 1,500）使各列错位；请修正此行`,
    });
  });
  return problems;
}

/**
 * Records that run over several lines of the file (a quoted field holding a line break). They are read as
 * the file says, one row each, and named, since a stray but closed quote looks the same.
 */
function multiLineNotes(records: readonly (readonly string[])[], firstRowNumber: number): ReaderNote[] {
  const rows: number[] = [];
  records.forEach((record, index) => {
    const rowNumber = index + 1;
    if (rowNumber >= firstRowNumber && record.some((field) => field.includes("\n") || field.includes("\r"))) {
      rows.push(rowNumber);
    }
  });
  if (rows.length === 0) return [];
  const list = rows.slice(0, 10).join(", ") + (rows.length > 10 ? ", ..." : "");
  return [
    {
      en: `${rows.length} row${rows.length === 1 ? " holds" : "s hold"} a line break inside a quoted cell (row${rows.length === 1 ? "" : "s"} ${list}): each was read as one row, as Excel reads it; check ${rows.length === 1 ? "it" : "them"} if a quote may be stray`,
      zh: `${rows.length} 行的带引号单元格内含换行（第 ${list} 行）：已按 Excel 的读法各读作一行；如引号可能多余，请核对`,
    },
  ];
}

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
export async function writeTable(
  path: string,
  headers: string[],
  rows: OutputValue[][],
  options: WriteOptions = {},
): Promise<WriteReport> {
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
  if (targetStat?.isDirectory()) throw new Error(`cannot write ${path}: it is a folder; name a file, e.g. ${nodePath.join(path, "result.xlsx")}`);
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
    if (typeof code === "string") throw new Error(`cannot write ${path} (${code}): ${(error as Error).message.replace(/^[A-Z]+: /, "").split(",")[0]}`);
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
async function writeCsv(file: string, headers: readonly string[], rows: readonly OutputValue[][], options: WriteOptions, report: WriteReport): Promise<void> {
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
  const cleaned = (name ?? "").replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").slice(0, 31);
  return cleaned.trim() === "" ? "Sheet1" : cleaned;
}

async function writeXlsx(
  file: string,
  headers: readonly string[],
  rows: readonly OutputValue[][],
  options: WriteOptions,
  report: WriteReport,
): Promise<void> {
  const width = Math.max(1, tableWidth(headers, rows));
  if (rows.length + 1 > MAX_ROWS) {
    throw new Error(`${rows.length} rows do not fit in an Excel sheet (at most ${MAX_ROWS - 1} below the header): write CSV`);
  }
  if (width > MAX_COLUMNS) throw new Error(`${width} columns do not fit in an Excel sheet (at most ${MAX_COLUMNS})`);
  const dates = new Set(options.dateColumns ?? []);
  const levelColumn = options.levelColumn;

  // Column widths from the header and the first rows (enough to size a column, cheap on a million rows).
  const widths = new Array<number>(width).fill(0);
  const measure = (value: OutputValue | undefined, c: number) => {
    if (value === null || value === undefined) return;
    const w = dates.has(c) && typeof value === "number" ? 10 : displayWidth(String(value));
    if (w > widths[c]) widths[c] = w;
  };
  headers.forEach((header, c) => measure(header, c));
  for (let r = 0; r < rows.length && r < 2000; r++) rows[r].forEach((value, c) => measure(value, c));

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName), {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
  });
  sheet.columns = widths.map((w) => ({ width: Math.min(60, Math.max(8, w + 2)) }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: width } };

  const headerRow = sheet.getRow(1);
  for (let c = 0; c < width; c++) {
    const cell = headerRow.getCell(c + 1);
    cell.value = cellText(headers[c] ?? "", 1, c, report);
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
        cell.value = cellText(value, r + 2, c, report);
      } else if (typeof value === "boolean") {
        cell.value = value;
      }
      if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
    }
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}
