/**
 * Reading the cells of a debtor table for triage: Excel error values, blanks, and the core's readers
 * (input.ts, dates.ts, grade.ts, profile.ts, prevention.ts) with fast paths for the common cells, so that
 * a million rows read in well under a second. The fast paths only accept what the core reader would
 * accept and give the same value; everything else goes to the core reader, whose RuleError becomes the
 * row's problem.
 */
import { RuleError, show, type Reason } from "../errors.js";
import { FIELD_LABELS, type TriageField } from "./headers.js";

/** The error values Excel (and its CSV export) shows in a cell. */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA",
  "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!",
]);

/** The Excel error value a cell holds (`#N/A`, `#REF!`, ...), or null. */
export function excelError(value: unknown): string | null {
  if (typeof value !== "string" || value.length < 2) return null;
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127 && first !== 35) return null; // a printable ASCII first character other than "#": no trimming to do
  const text = first === 35 ? value : value.trim();
  if (text.charCodeAt(0) !== 35) return null; // "#"
  const upper = text.toUpperCase();
  return EXCEL_ERRORS.has(upper) ? upper : null;
}

/** True for a blank cell: null, undefined, "" or white space (the core's isEmpty, inlined for the hot path). */
export function isBlank(value: unknown): boolean {
  if (typeof value === "string") {
    if (value.length === 0) return true;
    const c = value.charCodeAt(0);
    // A printable ASCII or CJK first character: not blank, without trimming.
    if ((c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff)) return false;
    return value.trim() === "";
  }
  return value === null || value === undefined;
}

/**
 * A number typed as plain digits with at most one decimal point (`1200000`, `1200000.50`, `.5`), as a CSV
 * file gives amounts; NaN for anything else (signs, thousands separators, exponents and full-width digits
 * are left to the core's readNumber). Equal to readNumber on every text it accepts, without a regex.
 */
export function plainNumber(text: string): number {
  const n = text.length;
  if (n === 0 || n > 22) return Number.NaN;
  let dot = -1;
  let mantissa = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      continue;
    }
    if (c === 46 && dot < 0) {
      dot = i;
      continue;
    }
    return Number.NaN;
  }
  if (n === 1 && dot === 0) return Number.NaN;
  const decimals = dot < 0 ? 0 : n - 1 - dot;
  // Up to 15 digits the mantissa is exact and m / 10^k is the correctly rounded value, which is what
  // Number(text) gives; longer texts are left to Number.
  if (n - (dot < 0 ? 0 : 1) <= 15) return decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
  return Number(text);
}

const POWERS_OF_TEN: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The Excel serial of a date typed as `yyyy-mm-dd` (the form a CSV export gives), or NaN for any other
 * text (left to the core's readDate). The date is checked as serialFromCivil checks it, and its serial
 * counted as serialFromCivil counts it (a property test compares them); an impossible date (2025-02-30)
 * is NaN too, so that readDate refuses it with its own message.
 */
export function isoDateSerial(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const m0 = text.charCodeAt(5) - 48;
  const m1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  // every character an ASCII digit: each difference in 0..9 (a negative one is above 9 as unsigned)
  if (
    y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9
  ) return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1900 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 ? (leap ? 29 : 28) : MONTH_DAYS[month - 1])) return Number.NaN;
  // Days since 0001-01-01 (proleptic Gregorian), less those up to 1899-12-30, Excel's day 0 from
  // 1900-03-01 on; before it, Excel's count is one lower (its phantom 1900-02-29), as in serialFromCivil.
  const y = year - 1;
  const serial = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)
    + DAYS_BEFORE_MONTH[month - 1] + (leap && month > 2 ? 1 : 0) + day - 693594;
  return serial <= 60 ? serial - 1 : serial;
}

const MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days of a common year before the first of each month. */
const DAYS_BEFORE_MONTH: readonly number[] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Most distinct texts a column remembers. */
const CACHE_LIMIT = 100_000;

/**
 * A formula cell whose file holds no computed value (a workbook written by a script and never opened in
 * Excel, which computes and saves the results): file readers put one in the cell instead of "", so that
 * the triage says what is wrong with the cell rather than calling it blank. `formula` is its text without
 * "=" ("" when the file does not say, as for the cells of a shared formula).
 */
export class UncomputedFormula {
  constructor(readonly formula: string) {}

  /** The formula as Excel shows it (`=B2*2`), or "(formula)" when its text is unknown. */
  toString(): string {
    return this.formula === "" ? "(formula)" : `=${this.formula}`;
  }
}

/** A cell holding a formula without a computed value (UncomputedFormula), as a problem of the field. */
export function uncomputedFormulaProblem(field: TriageField, cell: UncomputedFormula): Reason {
  const label = FIELD_LABELS[field];
  const formula = cell.formula === "" ? "" : ` ${show(`=${cell.formula}`)}`;
  const formulaZh = cell.formula === "" ? "" : `（${show(`=${cell.formula}`)}）`;
  return {
    code: `uncomputed-formula:${field}`,
    en: `${label.en}: the cell holds a formula${formula} without a computed value (the file was not saved by Excel); open and save the file in Excel to compute it`,
    zh: `${label.zh}：单元格是公式${formulaZh}，但文件中没有计算结果（文件不是由 Excel 保存的）；请在 Excel 中打开并保存文件以计算公式`,
  };
}

/** A text a column's reader refused, with the problem to report (remembered like a value). */
export class Refused {
  constructor(readonly problem: Reason) {}
}

/** What ColumnTexts gives for a blank text (white space only, or ""). */
export const BLANK: unique symbol = Symbol("blank");

/** What a text of a column reads as: its value, BLANK, or the problem that refuses it. */
export type TextRead<T> = T | Refused | typeof BLANK;

/**
 * The texts of one column, each read once: a column of a million `是`/`否`, blanks, dates or placeholders
 * such as `n/a` costs one check for blanks and Excel error values and one core call (and, for a
 * refusal, one RuleError) per distinct text. A text is first looked for among the last ones read, one
 * per slot of a small table indexed by its length and first character, which answers a column of a
 * few words (yes/no, 好/一般/差) with one comparison and no hashing.
 */
export class ColumnTexts<T> {
  private readonly values = new Map<string, TextRead<T>>();
  private readonly recentTexts: (string | null)[] = new Array<string | null>(RECENT_SLOTS).fill(null);
  private readonly recentValues: (TextRead<T> | null)[] = new Array<TextRead<T> | null>(RECENT_SLOTS).fill(null);

  /**
   * @param read the core's reader for the column; it throws a RuleError for a text it refuses
   * @param field the column's field, named in the problem of a refused text
   * @param keepValues remember what texts read as (words, dates), or only blanks and refusals (amounts,
   *   whose texts rarely repeat)
   */
  constructor(private readonly read: (text: string) => T, private readonly field: TriageField, private readonly keepValues: boolean) {}

  /**
   * What a text reads as: BLANK for white space (isBlank), the problem of an Excel error value
   * (errorValueProblem) or of a text the reader refuses (invalidProblem), else the reader's value.
   */
  get(text: string): TextRead<T> {
    const n = text.length;
    if (n === 0) return BLANK;
    const slot = (text.charCodeAt(0) + 7 * n) & (RECENT_SLOTS - 1);
    if (this.recentTexts[slot] === text) return this.recentValues[slot] as TextRead<T>;
    let value = this.values.get(text);
    if (value === undefined) {
      let keep = true;
      if (isBlank(text)) {
        value = BLANK;
      } else {
        const error = excelError(text);
        if (error !== null) {
          value = new Refused(errorValueProblem(this.field, error));
        } else {
          try {
            value = this.read(text);
            keep = this.keepValues;
          } catch (error) {
            value = new Refused(invalidProblem(this.field, error));
          }
        }
      }
      if (keep && this.values.size < CACHE_LIMIT) this.values.set(text, value);
      if (!keep) return value;
    }
    this.recentTexts[slot] = text;
    this.recentValues[slot] = value;
    return value;
  }
}

/** Slots of ColumnTexts's table of recent texts (a power of two). */
const RECENT_SLOTS = 32;

/** The kinds of problem a row can have; the code of a problem is `kind:field` (or `duplicate`, `blank-row`). */
export type ProblemKind = "missing" | "invalid" | "error-value" | "uncomputed-formula";

const MISSING: Readonly<Record<TriageField, Reason>> = Object.fromEntries(
  (Object.keys(FIELD_LABELS) as TriageField[]).map((field) => {
    const label = FIELD_LABELS[field];
    return [field, Object.freeze({ code: `missing:${field}`, en: `${label.en}: missing (blank cell)`, zh: `${label.zh}：缺失（空白单元格）` })];
  }),
) as Record<TriageField, Reason>;

/** A required cell that is blank. */
export function missingProblem(field: TriageField): Reason {
  return MISSING[field];
}

/** A cell holding an Excel error value. */
export function errorValueProblem(field: TriageField, error: string): Reason {
  const label = FIELD_LABELS[field];
  return { code: `error-value:${field}`, en: `${label.en}: the cell holds the Excel error ${error}`, zh: `${label.zh}：单元格为 Excel 错误值 ${error}` };
}

/**
 * A value the core refused (a RuleError from a reader or a rule), as a problem of the field: the core's
 * message without its argument name, after the field's label in each language. Anything else thrown
 * (which the core should never do) is reported the same way rather than lost.
 */
export function invalidProblem(field: TriageField, error: unknown): Reason {
  const label = FIELD_LABELS[field];
  let en: string;
  let zh: string;
  if (error instanceof RuleError) {
    en = strip(error.message, `${error.argument}: `);
    zh = strip(error.zh, `${error.argument}：`);
  } else {
    en = error instanceof Error ? error.message : String(error);
    zh = en;
  }
  return { code: `invalid:${field}`, en: `${label.en}: ${en}`, zh: `${label.zh}：${zh}` };
}

function strip(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/**
 * A key under which two spellings of one customer meet, compared with `sameKey`: case, width and runs
 * of white space ignored (`ACME  Ltd`, `acme ltd`, `ＡＣＭＥ Ltd`). A name of plain ASCII or CJK with
 * single spaces is its own key, without a copy (case is folded when keys are hashed and compared);
 * any other name is normalised (NFKC, lower case, single spaces).
 */
export function customerKey(name: string): string {
  let space = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const isSpace = c === 32;
    if (c < 32 || (c > 126 && c < 0x4e00) || c > 0x9fff || (isSpace && space)) {
      return name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
    }
    space = isSpace;
  }
  return name;
}

/** ASCII A-Z as a-z: how customer keys are hashed and compared. */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** The hash FirstSeen files a customer key under: FNV-1a of the case-folded key, as a 32-bit integer. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ fold(key.charCodeAt(i)), 0x01000193);
  return h;
}

/**
 * keyHash(name) for a name that is its own customerKey (plain ASCII or CJK with single spaces), in the
 * same pass that checks it; NaN for any other name (whose key is customerKey's normalised form).
 */
export function plainKeyHash(name: string): number {
  let h = 0x811c9dc5 | 0;
  let space = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const isSpace = c === 32;
    // customerKey's test for a name that needs normalising
    if (c < 32 || (c > 126 && c < 0x4e00) || c > 0x9fff || (isSpace && space)) return Number.NaN;
    space = isSpace;
    h = Math.imul(h ^ fold(c), 0x01000193);
  }
  return h;
}

/** Whether two customer keys are the same customer (ASCII case folded). */
export function sameKey(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (fold(a.charCodeAt(i)) !== fold(b.charCodeAt(i))) return false;
  return true;
}

/**
 * The first row each customer key was seen in (keys compared as sameKey does): an open-addressing hash
 * table on a typed array, each slot holding
 * a key's hash next to its number (one cache line per probe), about three times faster than a Map for a
 * million customer names, and without a copy of the keys.
 */
export class FirstSeen {
  /** Slots: [hash, 1 + index of the key] pairs; 0 as index: empty. */
  private table: Int32Array;
  private slots: number;
  private rows: Int32Array;
  /** The keys in the order first seen (`count` of them), in an array sized for the expected keys. */
  private readonly keys: string[];
  private count = 0;

  /** @param expected how many keys to expect (the table grows beyond it) */
  constructor(expected = 1024) {
    let slots = 1024;
    while (slots < expected * 2) slots *= 2;
    this.slots = slots;
    this.table = new Int32Array(2 * slots);
    this.rows = new Int32Array(slots / 2);
    this.keys = new Array<string>(slots / 2);
  }

  /** The row `key` (a customerKey) was first seen in; or, the first time, -1 after remembering `row` for it. */
  firstRow(key: string, row: number): number {
    return this.firstRowHashed(key, keyHash(key), row);
  }

  /** firstRow with the key's hash (keyHash) already computed. */
  firstRowHashed(key: string, h: number, row: number): number {
    const mask = this.slots - 1;
    const table = this.table;
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const entry = table[2 * slot + 1];
      if (entry === 0) break;
      if (table[2 * slot] === h && sameKey(this.keys[entry - 1], key)) return this.rows[entry - 1];
      slot = (slot + 1) & mask;
    }
    const index = this.count++;
    this.keys[index] = key;
    if (index >= this.rows.length) {
      const rows = new Int32Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    this.rows[index] = row;
    table[2 * slot] = h;
    table[2 * slot + 1] = index + 1;
    if (this.count * 2 >= this.slots) this.grow();
    return -1;
  }

  private grow(): void {
    const old = this.table;
    this.slots *= 2;
    const mask = this.slots - 1;
    const table = new Int32Array(2 * this.slots);
    for (let s = 0; s < old.length; s += 2) {
      const entry = old[s + 1];
      if (entry === 0) continue;
      const h = old[s];
      let slot = (h ^ (h >>> 16)) & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = h;
      table[2 * slot + 1] = entry;
    }
    this.table = table;
  }
}
