/**
 * Reading the cells of a debtor table for triage: Excel error values, blanks, and the core's readers
 * (input.ts, dates.ts, grade.ts, profile.ts, prevention.ts) with fast paths for the common cells, so that
 * a million rows read in well under a second. The fast paths only accept what the core reader would
 * accept and give the same value; everything else goes to the core reader, whose RuleError becomes the
 * row's problem. CellReader reads the cells of one row at a time, for the run.
 */
import { RuleError, show, type Reason } from "../errors.js";
import { readDate } from "../dates.js";
import { readAmount, readCount, readNumber } from "../input.js";
import { readLedgerAmount, readLedgerDate } from "../ledger/values.js";
import { MAX_AMOUNT } from "../money.js";
import { readCashFlow, type CashFlow } from "../grade.js";
import { readSignal, readTurnoverDecline, type TurnoverDecline } from "../profile.js";
import { readExcuse, type Excuse } from "../prevention.js";
import { FIELD_LABELS, type TriageField } from "./headers.js";

/** The error values Excel (and its CSV export) shows in a cell. */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NULL!",
  "#NUM!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
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

/** True for a row whose every cell is blank (or that is no row at all). */
export function isBlankRow(row: unknown): boolean {
  if (!Array.isArray(row)) return true;
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
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
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9)
    return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1900 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 ? (leap ? 29 : 28) : MONTH_DAYS[month - 1])) return Number.NaN;
  // Days since 0001-01-01 (proleptic Gregorian), less those up to 1899-12-30, Excel's day 0 from
  // 1900-03-01 on; before it, Excel's count is one lower (its phantom 1900-02-29), as in serialFromCivil.
  const y = year - 1;
  const serial =
    y * 365 +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) +
    DAYS_BEFORE_MONTH[month - 1] +
    (leap && month > 2 ? 1 : 0) +
    day -
    693594;
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
  constructor(
    private readonly read: (text: string) => T,
    private readonly field: TriageField,
    private readonly keepValues: boolean,
  ) {}

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
    return [
      field,
      Object.freeze({ code: `missing:${field}`, en: `${label.en}: missing (blank cell)`, zh: `${label.zh}：缺失（空白单元格）` }),
    ];
  }),
) as Record<TriageField, Reason>;

/** A required cell that is blank. */
export function missingProblem(field: TriageField): Reason {
  return MISSING[field];
}

/** A cell holding an Excel error value. */
export function errorValueProblem(field: TriageField, error: string): Reason {
  const label = FIELD_LABELS[field];
  return {
    code: `error-value:${field}`,
    en: `${label.en}: the cell holds the Excel error ${error}`,
    zh: `${label.zh}：单元格为 Excel 错误值 ${error}`,
  };
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

// ---- reading the cells of a row -------------------------------------------------------------------------

// How a cell is read: each kind is one core reader (see reader).
export const AMOUNT = 0;
export const NUMBER = 1;
export const COUNT = 2;
export const DATE = 3;
export const SIGNAL = 4;
export const TURNOVER = 5;
export const CASH_FLOW = 6;
export const EXCUSE = 7;
/** How a cell is read (AMOUNT ... EXCUSE). */
export type CellKind = NumberKind | WordKind;
/** The kinds of a cell that reads as a number. */
export type NumberKind = typeof AMOUNT | typeof NUMBER | typeof COUNT | typeof DATE;
/** The kinds of a column of words: each distinct text is read once (see CellReader.prepareWords). */
export type WordKind = typeof SIGNAL | typeof TURNOVER | typeof CASH_FLOW | typeof EXCUSE;

/**
 * The core's reader for a kind of cell, naming the field in its RuleError. A number it reads as
 * Infinity ("1e400" for readNumber) is refused: no rule can work with it.
 */
export function reader(kind: CellKind, field: TriageField): (value: unknown) => unknown {
  const finite = (n: number, value: unknown): number => {
    if (!Number.isFinite(n)) throw new RuleError(field, `${show(value)} is too large a number`, `${show(value)} 数值过大`);
    return n;
  };
  switch (kind) {
    case AMOUNT:
      // Amounts as ledgers write them too (¥1,234.50, 80万, 1,234.50 CNY): readAmount's bound and sign rule.
      // The core's message stays for what neither reads.
      return (v) =>
        finite(
          orLedger(
            () => readAmount(v, field),
            () => readAmount(readLedgerAmount(v, field), field),
          ),
          v,
        );
    case NUMBER:
      return (v) => finite(readNumber(v, field), v);
    case COUNT:
      return (v) => readCount(v, field);
    case DATE:
      // Dates as exports write them too (31.07.2025, 7/31/2025, 31-Jul-2025); 2/1/2013 asks for the order.
      // A serial in full-width digits (１２００) stays refused, as the core refuses it.
      return (v) =>
        orLedger(
          () => readDate(v, field),
          () => (typeof v === "string" && /^[\s０-９]+$/.test(v) ? readDate(v, field) : readLedgerDate(v, field)),
        );
    case SIGNAL:
      return (v) => readSignal(v, field);
    case TURNOVER:
      return (v) => readTurnoverDecline(v, field);
    case CASH_FLOW:
      return (v) => readCashFlow(v, field);
    default:
      return (v) => readExcuse(v, field) ?? "none";
  }
}

/**
 * The core reader's value, else the ledger reader's (values.ts) for what exports write beyond the core's
 * forms; when neither reads it, the core reader's error, whose message the tables and tests know.
 */
function orLedger<T>(core: () => T, ledger: () => T): T {
  try {
    return core();
  } catch (error) {
    try {
      return ledger();
    } catch {
      throw error;
    }
  }
}

/** A failed read: the cell's problem is already on the row. */
export const FAILED = Symbol("failed");
/** What a cell reads as: its value, null for a blank cell, FAILED when it cannot be read. */
export type Read<T> = T | null | typeof FAILED;

/**
 * Reads the cells of one row at a time, each as its field's core reader would, and keeps the row's problems:
 * the texts of each column are read once each (ColumnTexts), numbers and plain texts take fast paths.
 */
export class CellReader {
  /** Days added to a number in a date column: DATE_1904_OFFSET in a 1904 workbook, else 0. */
  dateOffset = 0;
  /** The problems of the row being read (null until its first one). */
  problems: Reason[] | null = null;
  /** The row being read. */
  private cells: readonly unknown[] = [];
  /** The texts of each column, read once each (see ColumnTexts). */
  private readonly texts: (ColumnTexts<unknown> | undefined)[] = [];

  /** Starts reading a row. */
  startRow(cells: readonly unknown[]): void {
    this.cells = cells;
    this.problems = null;
  }

  /** Adds a problem to the row being read. */
  problem(reason: Reason): void {
    if (this.problems === null)
      this.problems = [reason]; // sized for the one problem most rows with any have
    else this.problems.push(reason);
  }

  /** Readies a column of words for word(): its texts' cache, made when the run starts. */
  prepareWords(kind: WordKind, column: number, field: TriageField): void {
    this.columnTexts(kind, column, field);
  }

  /** The customer in `column`: a name (trimmed), or null with the row's problem (blank, an Excel error, not a name). */
  customer(column: number): string | null {
    const value = this.cells[column];
    if (typeof value === "string") {
      const n = value.length;
      if (n !== 0) {
        // A name from a printable ASCII character other than "#" to another: no error value, nothing to trim.
        const first = value.charCodeAt(0);
        const last = value.charCodeAt(n - 1);
        if (first > 32 && first < 127 && first !== 35 && last > 32 && last < 127) return value;
      }
      const error = excelError(value);
      if (error !== null) {
        this.problem(errorValueProblem("customer", error));
        return null;
      }
      const name = value.trim();
      if (name !== "") return name;
    } else if (typeof value === "number" || typeof value === "boolean") {
      return String(value);
    } else if (value instanceof UncomputedFormula) {
      this.problem(uncomputedFormulaProblem("customer", value));
      return null;
    } else if (value !== null && value !== undefined) {
      this.problem(invalidProblem("customer", new RuleError("customer", `${show(value)} is not a name`, `${show(value)} 不是名称`)));
      return null;
    }
    this.problem(missingProblem("customer"));
    return null;
  }
  /**
   * Reads the cell in `column` of the current row for `field`. Null for a blank cell (a problem when
   * `required`), FAILED when it holds an Excel error or the core's reader refuses it (the problem is
   * added). Number cells and plain texts take a fast path that gives what the reader would.
   */
  read(kind: NumberKind, column: number, field: TriageField, required?: boolean): Read<number>;
  read(kind: typeof SIGNAL, column: number, field: TriageField): Read<boolean>;
  read(kind: typeof TURNOVER, column: number, field: TriageField): Read<TurnoverDecline>;
  read(kind: typeof CASH_FLOW, column: number, field: TriageField): Read<CashFlow>;
  read(kind: typeof EXCUSE, column: number, field: TriageField): Read<Excuse | "none">;
  read(kind: CellKind, column: number, field: TriageField, required = false): Read<unknown> {
    const value = this.cells[column];
    if (typeof value === "string") {
      switch (kind) {
        case AMOUNT: {
          const n = plainNumber(value);
          if (n <= MAX_AMOUNT) return n; // not NaN, within readAmount's bound
          break;
        }
        case NUMBER: {
          const n = plainNumber(value);
          if (n === n) return n; // not NaN
          break;
        }
        case COUNT: {
          const n = plainNumber(value);
          if (Number.isInteger(n)) return n; // plain digits: >= 0
          break;
        }
        case DATE: {
          const serial = isoDateSerial(value);
          if (serial === serial) return serial;
          break;
        }
      }
      // Blanks, Excel error values and every other text, each distinct text checked and read once.
      const read = this.columnTexts(kind, column, field).get(value);
      if (read === BLANK) {
        if (required) this.problem(missingProblem(field));
        return null;
      }
      if (read instanceof Refused) {
        this.problem(read.problem);
        return FAILED;
      }
      return read;
    }
    switch (kind) {
      case AMOUNT:
        if (typeof value === "number" && value >= 0 && value <= MAX_AMOUNT) return value;
        break;
      case NUMBER:
        if (typeof value === "number" && value > -Infinity && value < Infinity) return value;
        break;
      case COUNT:
        if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
        break;
      case DATE:
        if (typeof value === "number") {
          // A 1904 workbook's serial moved onto the 1900 count first, so that the checks see the real day.
          const serial = value + this.dateOffset;
          if (serial >= 1 && serial < 2958466 && serial !== 60) return readDate(serial, field);
          if (this.dateOffset !== 0) {
            try {
              return readDate(serial, field);
            } catch (e) {
              this.problem(invalidProblem(field, e));
              return FAILED;
            }
          }
        }
        break;
      case SIGNAL:
        if (typeof value === "boolean") return value;
        if (value === 1 || value === 0) return value === 1; // as readSignal reads 1 and 0
        break;
    }
    if (value === null || value === undefined) {
      if (required) this.problem(missingProblem(field));
      return null;
    }
    if (value instanceof UncomputedFormula) {
      this.problem(uncomputedFormulaProblem(field, value));
      return FAILED;
    }
    try {
      return reader(kind, field)(value);
    } catch (e) {
      this.problem(invalidProblem(field, e));
      return FAILED;
    }
  }

  /** Reads an amount as read does, with its fast paths small enough to be inlined where it is read. */
  amount(column: number, field: TriageField, required: boolean): Read<number> {
    const value = this.cells[column];
    if (typeof value === "string") {
      const n = plainNumber(value);
      if (n <= MAX_AMOUNT) return n; // not NaN, within readAmount's bound
    } else if (typeof value === "number" && value >= 0 && value <= MAX_AMOUNT) {
      return value;
    }
    return this.read(AMOUNT, column, field, required);
  }

  /** Reads a date as read does, with its fast path for ISO text small enough to be inlined where it is read. */
  date(column: number, field: TriageField, required: boolean): Read<number> {
    const value = this.cells[column];
    if (typeof value === "string") {
      const serial = isoDateSerial(value);
      if (serial === serial) return serial; // not NaN
    }
    return this.read(DATE, column, field, required);
  }

  /**
   * Reads a cell of a word column (a signal, turnover, cash flow or excuse), as read does: a text straight
   * from the column's texts (made when the run starts), anything else through read.
   */
  word(kind: typeof SIGNAL, column: number, field: TriageField): Read<boolean>;
  word(kind: typeof TURNOVER, column: number, field: TriageField): Read<TurnoverDecline>;
  word(kind: typeof CASH_FLOW, column: number, field: TriageField): Read<CashFlow>;
  word(kind: typeof EXCUSE, column: number, field: TriageField): Read<Excuse | "none">;
  word(kind: WordKind, column: number, field: TriageField): Read<unknown> {
    const value = this.cells[column];
    if (typeof value !== "string") return this.read(kind as typeof SIGNAL, column, field);
    const read = (this.texts[column] as ColumnTexts<unknown>).get(value);
    if (read === BLANK) return null;
    if (read instanceof Refused) {
      this.problem(read.problem);
      return FAILED;
    }
    return read;
  }

  /** The texts of a column (each column is always read as one kind, for one field). */
  private columnTexts(kind: CellKind, column: number, field: TriageField): ColumnTexts<unknown> {
    let texts = this.texts[column];
    if (texts === undefined) {
      // Amounts and numbers rarely repeat: remember only the texts refused (placeholders such as "n/a").
      texts = new ColumnTexts<unknown>(reader(kind, field), field, kind !== AMOUNT && kind !== NUMBER);
      this.texts[column] = texts;
    }
    return texts;
  }
}
