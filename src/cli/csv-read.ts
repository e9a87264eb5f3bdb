/**
 * CSV and other text tables for the command line: refuse binary files, decode the text (BOM, UTF-16 without
 * BOM, strict UTF-8, GB18030 only when plausible, or the encoding the user names), find the delimiter, check
 * the quotes, and report lines wider than the header and quoted cells spanning lines. Node only.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import type { Reason } from "../core/errors.js";
import { TableFileError } from "./file-error.js";

export { TableFileError } from "./file-error.js";
import { shapeTable, type ReaderNote, type Table } from "./table-io.js";

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
// eslint-disable-next-line no-control-regex -- control characters are what marks a binary file
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
  for (let i = 0; i < bytes.length;) {
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
  for (let i = 0; i < bytes.length;) {
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
  if (isUtf8(bytes)) {
    // Checked, then decoded (3 times faster than a fatal TextDecoder on a 100 MB file); the BOM dropped as the decoder drops it.
    const text = bytes.toString("utf8");
    return { text: utf8Bom ? text.slice(1) : text, encoding: utf8Bom ? "utf8-bom" : "utf8" };
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
  const delimiter = counts["\t"] > counts[","] && counts["\t"] > counts[";"] ? "\t" : counts[";"] > counts[","] ? ";" : ",";
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

export function readCsv(path: string, bytes: Buffer, encoding: CsvEncoding): Table {
  refuseBinarySignature(path, bytes);
  const decoded = decodeText(path, bytes, encoding);
  // A forced encoding that does not fit the bytes gives U+FFFD: that is the user's call, not binary data.
  refuseBinary(path, encoding === "auto" ? decoded.text : decoded.text.replace(/\uFFFD/g, ""));
  const { delimiter, body } = detectDelimiter(decoded.text);
  const spansLines = checkQuotes(path, body, delimiter);
  let records: string[][];
  if (delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    // A `sep=` line naming a quote or a line end: the general parser, which knows what to make of it.
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
  } else records = splitRecords(body, delimiter);
  const table = shapeTable(records, path, { encoding: decoded.encoding, delimiter });
  const notes = spansLines ? multiLineNotes(records, table.firstRowNumber) : [];
  const rowProblems = widerThanHeader(records, table);
  return { ...table, ...(notes.length > 0 ? { notes } : {}), ...(rowProblems.size > 0 ? { rowProblems } : {}) };
}

/** Fields looked up per column before deciding whether its texts repeat enough to keep them once. */
const INTERN_TRIAL = 4096;
/** Most distinct texts kept per column. */
const INTERN_LIMIT = 65_536;

/**
 * Splits CSV text whose quotes checkQuotes has accepted into records, as csv-parse does with every line
 * ending (CRLF, LF, CR, mixed), a leading BOM dropped, rows of any length, empty lines kept as one empty
 * field, and a quote inside an unquoted field kept as text (relax_quotes) — 15 times faster on a million
 * lines, where csv-parse builds an error object (with its stack) for every row whose length differs from the
 * first, as in every export with a title block. test/cli/csv-split.test.ts compares the two.
 * @param text the text after any `sep=` line
 * @param delimiter one character, not a quote or a line end
 */
export function splitRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= n) return records;
  let record: string[] = [];
  // The previous row's fields: a field equal to the one above it (a customer over its items, a type, a
  // date) is that same string, so that a million rows hold one copy of each repeated text, not one each.
  let above: string[] = [];
  // Texts repeated further apart (dates, types, statuses) are kept once per column too; a column whose
  // texts are mostly distinct (document numbers, amounts) stops being looked up after its first rows.
  const seen: (Map<string, string> | null | undefined)[] = [];
  const looked: number[] = [];
  const intern = (column: number, value: string): string => {
    let texts = seen[column];
    if (texts === null) return value;
    if (texts === undefined) {
      seen[column] = texts = new Map();
      looked[column] = 0;
    }
    const known = texts.get(value);
    if (++looked[column] === INTERN_TRIAL && texts.size > INTERN_TRIAL / 2) seen[column] = null;
    if (known !== undefined) return known;
    if (texts.size < INTERN_LIMIT) texts.set(value, value);
    return value;
  };
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      // A quoted field runs to the lone quote that closes it; "" inside is one quote.
      let value = "";
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new Error("unclosed quote"); // checkQuotes refuses this first
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      const same = above[record.length];
      record.push(same !== undefined && same === value ? same : value);
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === 10 || c === 13) break;
        j++;
      }
      const column = record.length;
      const same = above[column];
      if (same !== undefined && same.length === j - i && text.startsWith(same, i)) record.push(same);
      else record.push(intern(column, text.slice(i, j)));
      i = j;
    }
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= n) {
        record.push("");
        break;
      }
      continue;
    }
    // A line end (after a closing quote, checkQuotes allows nothing else): CRLF, LF or CR.
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    records.push(record);
    above = record;
    record = [];
    if (i >= n) return records;
  }
  records.push(record);
  return records;
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
