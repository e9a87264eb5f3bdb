/**
 * Reading one worksheet of an .xlsx workbook for the command line, streamed: the zip's central directory
 * is read in memory (unzipper, as exceljs reads zips), and the shared strings and the sheet are inflated
 * (zlib) and parsed (saxes, exceljs's XML parser) a chunk at a time, so that a sheet of a million rows
 * costs its cell values and never one string of its whole XML (exceljs's non-streaming reader fails on
 * such sheets with `Invalid string length`, its issue #1868).
 *
 * Why not exceljs's own streaming reader (`stream.xlsx.WorkbookReader`): on exceljs 4.4.0 its worksheet
 * reader drops the cached error of a formula (`=1/0` saved as `#DIV/0!` comes back without a result) and
 * gives a boolean result as 1 or 0 (both tried); and, by its source, it keeps only the last run of an
 * inline rich string, reads a shared string with a phonetic guide (`<rPh>`, Japanese Excel) as the guide
 * instead of the text, never emits a sheet whose part is not named `sheetN.xml`, throws a TypeError when
 * the workbook's relationships come before workbook.xml in the zip, and copies every sheet to a temporary
 * file when the sheets come before the shared strings (as in every file its own streaming writer makes).
 * Reading the parts ourselves with the same two libraries gives what the non-streaming reader gave, cell
 * for cell (test/cli/table-io.test.ts), and picks the sheet from workbook.xml before reading any row.
 *
 * Values are kept as the file holds them: numbers (dates included, as serials of the workbook's date
 * system, formatted or not: styles are not needed, and no Date round trip can move a time of day), text,
 * booleans, error texts such as `#N/A`, the cached result of a formula, and UncomputedFormula for a
 * formula the file holds without a result. The caller learns the date system (`dateSystem`) and passes
 * it to the triage, which moves numbers in date columns onto Excel's 1900 count.
 *
 * A damaged workbook (a truncated zip, a zip that is not a workbook, a missing part, broken XML) and a
 * sheet beyond Excel's limits give a WorkbookError naming the file and what is wrong, never a raw
 * exception.
 */
import { posix } from "node:path";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import unzipper, { type CentralDirectoryFile } from "unzipper";
import { TableFileError } from "./file-error.js";
import { UncomputedFormula } from "../core/triage/cells.js";
import type { DateSystem } from "../core/triage/triage.js";

/** Excel's sheet limits: a sheet beyond them was not written by Excel, and Excel could not open it. */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;
/**
 * Most non-empty cells read from one sheet. The rows are held in memory for the triage (about 60 bytes a
 * cell once read, triaged and written): 25 million cells is about 1.5 GB, under Node's default heap.
 */
export const MAX_CELLS = 25_000_000;
/**
 * Most characters of shared text held for a workbook (the shared strings are read whole before the
 * sheet): 400 million characters is up to 800 MB, near what one sheet of MAX_CELLS cells may need.
 */
export const MAX_SHARED_TEXT = 400_000_000;

/** A worksheet as read: its rows by sheet row number, and what the caller needs to know about it. */
export interface XlsxSheet {
  /** `records[r - 1]` is sheet row r (undefined for a row the file does not have); cells by column, undefined when empty. */
  readonly records: (unknown[] | undefined)[];
  /** The sheet's name, as the workbook spells it. */
  readonly sheet: string;
  /** The workbook's date system: date serials in `records` count from 1899-12-30 (1900) or 1904-01-01 (1904). */
  readonly dateSystem: DateSystem;
  /** The settings Office add-ins stored in the workbook (the pane's policy among them), read with the sheet. */
  readonly addins: readonly AddinSettings[];
}

/** A workbook that cannot be read as it is, or a sheet beyond Excel's limits: the message starts with the file. */
export class WorkbookError extends TableFileError {
  constructor(path: string, en: string, zh: string) {
    super(`${path}: ${en}`, `${path}：${zh}`);
    this.name = "WorkbookError";
  }
}

const number = (n: number) => n.toLocaleString("en-US");

function damaged(path: string, en: string, zh: string): WorkbookError {
  return new WorkbookError(
    path,
    `the workbook is damaged: ${en}; open it in Excel and save it again`,
    `工作簿已损坏：${zh}；请在 Excel 中打开并重新保存`,
  );
}

function sheetDamaged(path: string, sheet: string, detail: string): WorkbookError {
  return damaged(path, `the sheet "${sheet}" cannot be read (${detail})`, `无法读取工作表“${sheet}”（${detail}）`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads one worksheet of an .xlsx workbook.
 * @param path the file's path (named in messages)
 * @param bytes the file's bytes (a zip)
 * @param sheetName the sheet to read, by name (case-insensitive, as Excel compares names); default: the
 *   first visible worksheet
 * @param limits `maxCells`: most non-empty cells (default MAX_CELLS), `maxSharedText`: most characters of
 *   shared text (default MAX_SHARED_TEXT); tests lower them
 * @throws WorkbookError for a damaged workbook, a missing sheet, or a sheet beyond Excel's limits
 */
export async function readXlsx(
  path: string,
  bytes: Buffer,
  sheetName?: string,
  limits: { readonly maxCells?: number; readonly maxSharedText?: number } = {},
): Promise<XlsxSheet> {
  const { zip, book, rels, sheets } = await openWorkbook(path, bytes);
  let chosen: (typeof sheets)[number] | undefined;
  if (sheetName !== undefined) {
    chosen = sheets.find((s) => s.name === sheetName) ?? sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!chosen) {
      const names = sheets.map((s) => `"${s.name}"`).join(", ");
      throw new WorkbookError(
        path,
        `has no sheet named "${sheetName}" (sheets: ${names})`,
        `没有名为“${sheetName}”的工作表（工作表：${names}）`,
      );
    }
  } else {
    chosen = sheets.find((s) => s.state === "visible") ?? sheets[0];
  }
  const sheetPath = chosen.rel?.target;
  const sheetFile = sheetPath === undefined ? undefined : zip.get(sheetPath.toLowerCase());
  if (!sheetFile) {
    throw sheetDamaged(
      path,
      chosen.name,
      sheetPath === undefined ? "the workbook does not say where it is" : `its part ${sheetPath} is missing`,
    );
  }

  const stringsPath = rels.find((r) => r.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";
  const stringsFile = zip.get(stringsPath.toLowerCase());
  const strings = stringsFile ? await readSharedStrings(path, stringsPath, stringsFile, limits.maxSharedText ?? MAX_SHARED_TEXT) : [];
  const records = await readSheet(path, chosen.name, sheetFile, strings, book.dateSystem, limits.maxCells ?? MAX_CELLS);
  return { records, sheet: chosen.name, dateSystem: book.dateSystem, addins: await webExtensions(path, zip) };
}

/**
 * The names of a workbook's worksheets, in the workbook's order (hidden ones too; chart sheets left out).
 * @throws WorkbookError for a file that is not a workbook, or has no worksheet
 */
export async function xlsxSheetNames(path: string, bytes: Buffer): Promise<{ readonly name: string; readonly visible: boolean }[]> {
  const { sheets } = await openWorkbook(path, bytes);
  return sheets.map((s) => ({ name: s.name, visible: s.state === "visible" }));
}

/** The settings one Office add-in stored in a workbook (Office.context.document.settings). */
export interface AddinSettings {
  /** The add-in's id as the workbook names it (its manifest's <Id>, possibly in braces and upper case). */
  readonly reference: string;
  /** Each setting's key and value, as Office keeps it: the JSON text of the setting. */
  readonly properties: ReadonlyMap<string, string>;
}

/**
 * The add-ins' settings of a workbook, from its web extension parts (xl/webextensions/webextensionN.xml,
 * [MS-OWEXML]: a `we:reference` with the add-in's id, `we:property` elements with name and value).
 * @throws WorkbookError for a web extension part that is not XML
 */
async function webExtensions(path: string, zip: Map<string, CentralDirectoryFile>): Promise<AddinSettings[]> {
  const found: AddinSettings[] = [];
  for (const [name, file] of zip) {
    if (!/^xl\/webextensions\/webextension\d*\.xml$/.test(name)) continue;
    const parser = new SaxesParser({ xmlns: false });
    let reference: string | null = null;
    const properties = new Map<string, string>();
    parser.on("opentag", (tag: SaxesTagPlain) => {
      const local = tag.name.replace(/^.*:/, "");
      if (local === "reference" && reference === null) reference = String(tag.attributes.id ?? "");
      else if (local === "property" && typeof tag.attributes.name === "string")
        properties.set(tag.attributes.name, String(tag.attributes.value ?? ""));
    });
    try {
      parser.write(await partText(path, file)).close();
    } catch (error) {
      if (error instanceof TableFileError) throw error;
      throw damaged(path, `its part ${file.path} is not XML (${messageOf(error)})`, `其中的 ${file.path} 不是 XML（${messageOf(error)}）`);
    }
    if (reference !== null) found.push({ reference, properties });
  }
  return found;
}

/** The zip, its workbook part, the workbook's relationships and its worksheets (readXlsx, xlsxSheetNames). */
async function openWorkbook(path: string, bytes: Buffer) {
  const zip = await openZip(path, bytes);

  // The workbook part: where the package's relationships say, else where Excel puts it.
  const rootRels = zip.get("_rels/.rels");
  const root = rootRels ? relationships(path, "_rels/.rels", await partText(path, rootRels), "") : [];
  const workbookPath = root.find((r) => r.type.endsWith("/officeDocument") && zip.has(r.target.toLowerCase()))?.target ?? "xl/workbook.xml";
  const workbookFile = zip.get(workbookPath.toLowerCase());
  if (!workbookFile) {
    throw new WorkbookError(
      path,
      `is not an Excel workbook: the zip archive has no ${workbookPath} (is it another kind of file named .xlsx?)`,
      `不是 Excel 工作簿：压缩包中没有 ${workbookPath}（是否是改了扩展名的其他文件？）`,
    );
  }
  const book = parseWorkbook(path, workbookPath, await partText(path, workbookFile));
  const relsPath = posix.join(posix.dirname(workbookPath), "_rels", `${posix.basename(workbookPath)}.rels`);
  const relsFile = zip.get(relsPath.toLowerCase());
  const rels = relsFile ? relationships(path, relsPath, await partText(path, relsFile), posix.dirname(workbookPath)) : [];

  // Worksheets only (chart sheets hold no cells); a sheet without a relationship is kept, so that
  // choosing it says its part is missing.
  const sheets = book.sheets
    .map((s) => ({ ...s, rel: rels.find((r) => r.id === s.rId) }))
    .filter((s) => s.rel === undefined || s.rel.type.endsWith("/worksheet"));
  if (sheets.length === 0) throw new WorkbookError(path, "has no worksheet", "没有工作表");
  return { zip, book, rels, sheets };
}

// ------------------------------------------------------------------------------------------------
// The zip and the small parts

/** The zip's files by lower-case path (part names are case-insensitive in a workbook). */
async function openZip(path: string, bytes: Buffer): Promise<Map<string, CentralDirectoryFile>> {
  let files: CentralDirectoryFile[];
  try {
    files = (await unzipper.Open.buffer(bytes)).files;
  } catch (error) {
    // unzipper says FILE_ENDED when it finds no end of the central directory: the file was cut short.
    const detail =
      messageOf(error) === "FILE_ENDED" ? "its end is missing: was it cut short while copying or downloading?" : messageOf(error);
    throw damaged(
      path,
      `it is not a complete zip archive (${detail})`,
      `不是完整的 zip 压缩包（${detail === messageOf(error) ? detail : "文件结尾缺失：复制或下载时是否被截断？"}）`,
    );
  }
  const parts = new Map<string, CentralDirectoryFile>();
  for (const file of files) if (file.type === "File") parts.set(file.path.replace(/^\/+/, "").toLowerCase(), file);
  return parts;
}

/** Parts read whole (workbook.xml and relationships) must be small; anything larger is not what it says. */
const MAX_SMALL_PART = 64 * 1024 * 1024;

async function partText(path: string, file: CentralDirectoryFile): Promise<string> {
  if (file.uncompressedSize > MAX_SMALL_PART)
    throw damaged(
      path,
      `its part ${file.path} is ${number(file.uncompressedSize)} bytes long`,
      `其中的 ${file.path} 长达 ${number(file.uncompressedSize)} 字节`,
    );
  try {
    return new StringDecoder("utf8").end(await file.buffer());
  } catch (error) {
    throw damaged(
      path,
      `its part ${file.path} cannot be unpacked (${messageOf(error)})`,
      `其中的 ${file.path} 无法解压（${messageOf(error)}）`,
    );
  }
}

/** A tag's name without its namespace prefix (`x:row` from some generators is `row`). */
function local(name: string): string {
  // The sheet's own tags (c, v, f, t, is, row) are short and unprefixed: no search for those.
  if (name.length <= 3 && name.charCodeAt(1) !== 58) return name;
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Parses a small XML part, calling `open` for each element. */
function parseSmall(path: string, part: string, text: string, open: (name: string, attributes: Record<string, string>) => void): void {
  const parser = new SaxesParser();
  parser.on("opentag", (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes));
  try {
    parser.write(text).close();
  } catch (error) {
    throw damaged(
      path,
      `its part ${part} is not well-formed XML (${messageOf(error)})`,
      `其中的 ${part} 不是格式正确的 XML（${messageOf(error)}）`,
    );
  }
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's path in the zip. */
  readonly target: string;
}

/** The relationships of a part; targets resolved against `base`, the folder of the part they belong to. */
function relationships(path: string, part: string, text: string, base: string): Relationship[] {
  const found: Relationship[] = [];
  parseSmall(path, part, text, (name, a) => {
    if (name !== "Relationship" || a.TargetMode === "External" || a.Target === undefined) return;
    const target = a.Target.startsWith("/") ? a.Target.slice(1) : posix.normalize(posix.join(base, a.Target));
    found.push({ id: a.Id ?? "", type: a.Type ?? "", target });
  });
  return found;
}

interface WorkbookInfo {
  readonly dateSystem: DateSystem;
  readonly sheets: { readonly name: string; readonly state: string; readonly rId: string }[];
}

function parseWorkbook(path: string, part: string, text: string): WorkbookInfo {
  let dateSystem: DateSystem = "1900";
  const sheets: { name: string; state: string; rId: string }[] = [];
  parseSmall(path, part, text, (name, a) => {
    if (name === "workbookPr") {
      // xsd:boolean: Excel writes "1", other programs may write "true".
      const flag = (a.date1904 ?? "").trim().toLowerCase();
      if (flag === "1" || flag === "true") dateSystem = "1904";
    } else if (name === "sheet") {
      // The relationship id is `r:id`, whatever prefix the file gives its namespace.
      const idKey = Object.keys(a).find((k) => k.endsWith(":id"));
      sheets.push({ name: a.name ?? "", state: a.state ?? "visible", rId: idKey === undefined ? "" : a[idKey] });
    }
  });
  return { dateSystem, sheets };
}

// ------------------------------------------------------------------------------------------------
// Streamed parts

/** Feeds a part's inflated bytes to a parser, a chunk at a time (UTF-8 characters split across chunks kept whole). */
async function stream(parser: SaxesParser, part: Readable): Promise<void> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of part) parser.write(decoder.write(chunk as Buffer));
  parser.write(decoder.end());
  parser.close();
}

/** The shared strings, each as its plain text (rich text runs joined, phonetic guides left out). */
async function readSharedStrings(path: string, part: string, file: CentralDirectoryFile, maxText: number): Promise<string[]> {
  const strings: string[] = [];
  let total = 0;
  const parser = new SaxesParser();
  let inItem = false;
  let inText = false;
  let phonetic = 0;
  let text = "";
  parser.on("opentag", (tag: SaxesTagPlain) => {
    switch (local(tag.name)) {
      case "si":
        inItem = true;
        text = "";
        break;
      case "rPh":
        phonetic++;
        break;
      case "t":
        inText = inItem && phonetic === 0;
        break;
    }
  });
  const onText = (t: string) => {
    if (inText) text += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag: SaxesTagPlain) => {
    switch (local(tag.name)) {
      case "si":
        // Every shared text is held while the sheet is read: refuse before they outgrow memory.
        total += text.length + 16;
        if (total > maxText) {
          throw new WorkbookError(
            path,
            `its shared texts (${part}) hold more than ${number(maxText)} characters, more than the triage holds in memory: keep only the sheet and the columns the triage needs`,
            `其共享文本（${part}）超过 ${number(maxText)} 个字符，超出分诊可在内存中处理的数量：请只保留需要分诊的工作表和列`,
          );
        }
        strings.push(text);
        inItem = false;
        break;
      case "rPh":
        phonetic--;
        break;
      case "t":
        inText = false;
        break;
    }
  });
  try {
    await stream(parser, file.stream());
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    throw damaged(
      path,
      `its shared texts (${part}) cannot be read (${messageOf(error)})`,
      `其共享文本（${part}）无法读取（${messageOf(error)}）`,
    );
  }
  return strings;
}

/** 0-based column of a cell reference (`B12` → 1), or -1 when it has no letters. */
function columnOf(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32; // lower case
    if (c < 97 || c > 122) break;
    column = column * 26 + (c - 96);
  }
  return i === 0 ? -1 : column - 1;
}

/** 0-based row of a cell reference (`B12` → 11), or -1. */
function rowOf(ref: string): number {
  const digits = /\d+$/.exec(ref);
  return digits ? Number(digits[0]) - 1 : -1;
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: day 0 of Excel's 1900 count from 1900-03-01 on. */
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);

/** A `t="d"` cell (an ISO 8601 date, strict OOXML) as a serial of the workbook's date system. */
function isoCellSerial(text: string, dateSystem: DateSystem): number | string {
  const iso = /T.*(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : text.includes("T") ? `${text}Z` : `${text}T00:00:00Z`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return "#VALUE!";
  let serial = (ms - EPOCH_1900_MS) / MS_PER_DAY;
  if (serial < 61) serial -= 1; // Excel's count before 1900-03-01 is one lower (its phantom 1900-02-29)
  return dateSystem === "1904" ? serial - 1462 : serial;
}

// What the text inside a cell's elements is.
const NONE = 0;
const VALUE = 1;
const FORMULA = 2;
const INLINE = 3;

/**
 * Reads a sheet's cells, streamed. Empty cells (styled but without a value) are left out; the cells of a
 * merged range other than its top-left one read as empty, as Excel shows them.
 */
/**
 * Texts kept once per column: the parser makes a new string for every cell, and a million rows repeat
 * their customers, types, dates and statuses (a customer's name over its ten items is one string, not ten).
 * A column whose texts are mostly distinct (document numbers) stops being looked up after its first rows.
 */
class ColumnTexts {
  private readonly seen: (Map<string, string> | null | undefined)[] = [];
  private readonly looked: number[] = [];

  keep(column: number, text: string): string {
    let texts = this.seen[column];
    if (texts === null) return ownText(text);
    if (texts === undefined) {
      this.seen[column] = texts = new Map();
      this.looked[column] = 0;
    }
    const known = texts.get(text);
    if (++this.looked[column] === 4096 && texts.size > 2048) this.seen[column] = null;
    if (known !== undefined) return known;
    const own = ownText(text);
    if (texts.size < 65_536) texts.set(own, own);
    return own;
  }
}

/**
 * A text that does not keep the parser's input alive: the XML parser's texts are cuts of the chunk of XML
 * they came from, and a kept cut (13 characters or more, V8) keeps the whole chunk, so that a sheet's cells
 * held the sheet's XML many times over. Adding a character and cutting it off again copies the text.
 */
function ownText(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

async function readSheet(
  path: string,
  name: string,
  file: CentralDirectoryFile,
  strings: readonly string[],
  dateSystem: DateSystem,
  maxCells: number,
): Promise<(unknown[] | undefined)[]> {
  const records: (unknown[] | undefined)[] = [];
  const merges: string[] = [];
  const texts = new ColumnTexts();
  const parser = new SaxesParser();
  let record: unknown[] | null = null;
  let nextRow = 0;
  let nextColumn = 0;
  let cells = 0;
  // the cell being read
  let column = 0;
  let type = "n";
  let ref = "";
  let capture = NONE;
  let hasValue = false;
  let hasFormula = false;
  let value = "";
  let formula = "";
  let inline = "";
  let inInline = false;
  let phonetic = 0;

  const beyond = (what: string, whatZh: string) =>
    new WorkbookError(
      path,
      `the sheet "${name}" ${what}: Excel could not open it either; split it into sheets within Excel's limits, or triage it as CSV`,
      `工作表“${name}”${whatZh}：Excel 也无法打开；请拆分为不超出 Excel 限制的工作表，或另存为 CSV 再分诊`,
    );

  const cellValue = (): unknown => {
    if (!hasValue || (value === "" && type !== "str" && type !== "inlineStr")) {
      return hasFormula ? new UncomputedFormula(formula.trim()) : undefined;
    }
    switch (type) {
      case "s": {
        const text = strings[Number(value)];
        if (text === undefined)
          throw sheetDamaged(path, name, `cell ${ref} refers to shared text ${value.trim()}, which the workbook does not have`);
        return text;
      }
      case "str":
        return value;
      case "inlineStr":
        return inline;
      case "b":
        return value.trim() === "1" || value.trim().toLowerCase() === "true";
      case "e":
        return value.trim();
      case "d":
        return isoCellSerial(value.trim(), dateSystem);
      default: {
        const n = Number(value);
        return Number.isFinite(n) ? n : "#NUM!";
      }
    }
  };

  parser.on("opentag", (tag: SaxesTagPlain) => {
    const a = tag.attributes;
    switch (local(tag.name)) {
      case "row": {
        const row = a.r === undefined ? nextRow : Number(a.r) - 1;
        if (!Number.isInteger(row) || row < 0) throw sheetDamaged(path, name, `a row is numbered ${JSON.stringify(a.r)}`);
        if (row >= MAX_SHEET_ROWS)
          throw beyond(
            `goes beyond Excel's limit of ${number(MAX_SHEET_ROWS)} rows (row ${number(row + 1)})`,
            `超出 Excel 的 ${number(MAX_SHEET_ROWS)} 行上限（第 ${number(row + 1)} 行）`,
          );
        record = records[row] ?? [];
        records[row] = record;
        nextRow = row + 1;
        nextColumn = 0;
        break;
      }
      case "c":
        ref = a.r ?? "";
        column = ref === "" ? nextColumn : columnOf(ref);
        if (column < 0) throw sheetDamaged(path, name, `a cell has the reference ${JSON.stringify(ref)}`);
        if (column >= MAX_SHEET_COLUMNS)
          throw beyond(
            `goes beyond Excel's limit of ${number(MAX_SHEET_COLUMNS)} columns (cell ${ref})`,
            `超出 Excel 的 ${number(MAX_SHEET_COLUMNS)} 列上限（单元格 ${ref}）`,
          );
        type = a.t ?? "n";
        hasValue = false;
        hasFormula = false;
        value = "";
        formula = "";
        inline = "";
        break;
      case "v":
        capture = VALUE;
        value = "";
        break;
      case "f":
        capture = FORMULA;
        hasFormula = true;
        break;
      case "is":
        inInline = true;
        inline = "";
        break;
      case "rPh":
        phonetic++;
        break;
      case "t":
        if (inInline && phonetic === 0) capture = INLINE;
        break;
      case "mergeCell":
        if (a.ref !== undefined) merges.push(a.ref);
        break;
      case "dimension": {
        // The used range, before the rows: a sheet that says it goes beyond Excel's rows is refused at once,
        // not after a million rows were read (a sheet without it is caught at its first row beyond).
        const last = rowOf((a.ref ?? "").split(":").at(-1) ?? "");
        if (last >= MAX_SHEET_ROWS)
          throw beyond(
            `goes beyond Excel's limit of ${number(MAX_SHEET_ROWS)} rows (its used range is ${a.ref})`,
            `超出 Excel 的 ${number(MAX_SHEET_ROWS)} 行上限（已用区域为 ${a.ref}）`,
          );
        break;
      }
    }
  });
  const onText = (text: string) => {
    if (capture === VALUE) value += text;
    else if (capture === INLINE) inline += text;
    else if (capture === FORMULA) formula += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag: SaxesTagPlain) => {
    switch (local(tag.name)) {
      case "v":
        capture = NONE;
        hasValue = true;
        break;
      case "f":
        capture = NONE;
        break;
      case "t":
        if (capture === INLINE) capture = NONE;
        break;
      case "rPh":
        phonetic--;
        break;
      case "is":
        inInline = false;
        hasValue = true;
        value = inline;
        break;
      case "c": {
        nextColumn = column + 1;
        if (record === null) break; // a cell outside a row: nothing to file it under
        const cell = cellValue();
        if (cell === undefined) break;
        if (++cells > maxCells) {
          throw new WorkbookError(
            path,
            `the sheet "${name}" has more than ${number(maxCells)} filled cells, more than the triage holds in memory: keep only the columns the triage needs, or split the rows into several files`,
            `工作表“${name}”的非空单元格超过 ${number(maxCells)} 个，超出分诊可在内存中处理的数量：请只保留分诊需要的列，或把行拆分到多个文件`,
          );
        }
        record[column] = typeof cell === "string" ? texts.keep(column, cell) : cell;
        break;
      }
      case "row":
        record = null;
        break;
    }
  });

  try {
    await stream(parser, file.stream());
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    throw sheetDamaged(path, name, messageOf(error));
  }

  // The cells of a merged range other than its top-left one read as empty (Excel keeps only that one).
  for (const range of merges) {
    const [from, to = from] = range.split(":");
    const top = rowOf(from);
    const left = columnOf(from);
    const bottom = Math.min(rowOf(to), records.length - 1);
    const right = columnOf(to);
    if (top < 0 || left < 0 || right < left) continue;
    for (let r = top; r <= bottom; r++) {
      const row = records[r];
      if (row === undefined) continue;
      for (let c = r === top ? left + 1 : left; c <= right && c < row.length; c++) row[c] = undefined;
    }
  }
  return records;
}
