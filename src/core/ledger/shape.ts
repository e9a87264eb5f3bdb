/**
 * The shape of a receivables export as ERP systems write it: a title block above the header (report name,
 * company, "As of Jul 31, 2025", 截止日期 2025-07-31), then the items, interrupted by bucket or customer
 * headings ("1 - 30 days past due", "Acme Corp"), subtotal rows ("Total for Acme Corp", 小计, SAP's `*`)
 * and closed by a grand total ("TOTAL", 合计, SAP's `**`). QuickBooks' A/R Aging Detail, SAP's FBL5N line
 * items, Kingdee's and Yonyou's 应收款明细, ERPNext's Accounts Receivable all look like this.
 *
 * Here the header row is found, every row below it is told apart (data, blank, heading, subtotal, total)
 * and the export's own grand total is picked out so the caller can reconcile against it. Nothing is
 * parsed: amounts and dates stay the raw cell values, for the caller's readers. Nothing is guessed
 * either: a row with a document number or a date is an item, whatever else it lacks or says.
 */
import { RuleError } from "../errors.js";
import { FIELD_LABELS, recogniseColumns, type ColumnOverrides, type ColumnRecognition, type TriageField } from "../triage/headers.js";
import type { ColumnMapping } from "../triage/types.js";
import { readLedgerDate } from "./values.js";

/** Where the header of an export is. */
export interface HeaderLocation {
  /** 0-based row of the header in the grid. */
  readonly headerRow: number;
  /** How many fields its cells name (more is a surer header). */
  readonly score: number;
  /** The non-blank rows above it, each as its cells' text joined by a space (report title, company, date). */
  readonly titleRows: string[];
}

/** A cell value as the export holds it, not parsed: a number, trimmed text, or null for a blank cell. */
export type RawAmount = number | string | null;

/** What a row below the header is. */
export type RowKind =
  /** An item (or something meant as one: the caller reads it and reports what is wrong with it). */
  | { readonly kind: "data" }
  | { readonly kind: "blank" }
  /** A bucket or customer heading, or a repeated header: text only, no amount. */
  | { readonly kind: "heading"; readonly text: string }
  /** A subtotal (per customer, bucket or page; SAP `*`), with the raw amount of its balance (or amount) column. */
  | { readonly kind: "subtotal"; readonly text: string; readonly amount: RawAmount }
  /** A total (TOTAL, Grand Total, 合计, 总计; SAP `**` and more stars), with its raw amount. */
  | { readonly kind: "total"; readonly text: string; readonly amount: RawAmount };

/** The export's own grand total. */
export interface GrandTotal {
  /** 0-based row in the grid. */
  readonly row: number;
  readonly text: string;
  readonly amount: RawAmount;
}

/** An export's shape: its header, its columns, each row's kind and its grand total. */
export interface ExportShape {
  readonly header: HeaderLocation;
  readonly recognition: ColumnRecognition;
  /** The as-of date written in the title rows, as written (see titleAsOf); null when none is. */
  readonly asOfText: string | null;
  /** The kind of every row below the header: kinds[i] is grid row `header.headerRow + 1 + i`. */
  readonly kinds: RowKind[];
  /** The export's grand total, or null when it has none (see grandTotal). */
  readonly grandTotal: GrandTotal | null;
}

/** How far down a header is looked for: ERP title blocks take a handful of rows, never thirty. */
export const HEADER_SCAN_ROWS = 30;

/** The fields of which a header needs one each: who, how much, when. */
const NEEDED: readonly (readonly TriageField[])[] = [["customer"], ["balance", "amount"], ["dueDate", "invoiceDate", "paidDate"]];

const DATA: RowKind = Object.freeze({ kind: "data" });
const BLANK: RowKind = Object.freeze({ kind: "blank" });

/** True for a cell that holds nothing: null, undefined (a hole in a sparse row), or white space only. */
function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** A cell as text: trimmed text, a number or boolean as written, "" for anything else. */
function cellText(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

/** A row's non-blank cells as one line of text. */
function rowText(row: readonly unknown[] | undefined): string {
  if (!row) return "";
  const parts: string[] = [];
  for (let i = 0; i < row.length; i++) {
    const text = cellText(row[i]);
    if (text !== "") parts.push(text);
  }
  return parts.join(" ");
}

/** Which of the needed fields (customer; balance or amount; a date) a mapping lacks, by their first name. */
function lacking(mapping: ColumnMapping): TriageField[] {
  return NEEDED.filter((any) => any.every((f) => mapping[f] === undefined)).map((any) => any[0]);
}

/**
 * Finds the header row of an export: among its first `maxScan` rows, the first of those whose cells name
 * the most fields, counting only rows that name a customer, a balance or amount, and a date (due,
 * invoice or paid date) — so a title such as "Customer Line Item Display" or "Customer: Acme" is never
 * taken for the header, and neither is a data row.
 * @param grid the export's rows (cells of any type; rows may be ragged or sparse)
 * @param maxScan how many rows to look at (default 30)
 * @returns the header's row, how many fields it names, and the non-blank rows above it as text; null
 *   when no row qualifies (the caller then says which columns are missing, see shapeExport)
 * @throws RuleError naming `maxScan` when it is not a whole number of at least 1
 */
export function locateHeader(grid: readonly (readonly unknown[])[], maxScan: number = HEADER_SCAN_ROWS): HeaderLocation | null {
  if (!Number.isInteger(maxScan) || maxScan < 1) {
    throw new RuleError(
      "maxScan",
      `${String(maxScan)} is not a whole number of rows of at least 1`,
      `${String(maxScan)} 不是不小于 1 的整数行数`,
    );
  }
  let headerRow = -1;
  let score = 0;
  const rows = Math.min(grid.length, maxScan);
  for (let r = 0; r < rows; r++) {
    const row = grid[r];
    if (!row || row.length === 0) continue;
    const { mapping } = recogniseColumns(row);
    if (lacking(mapping).length > 0) continue;
    const named = Object.keys(mapping).length;
    if (named > score) {
      headerRow = r;
      score = named;
    }
  }
  if (headerRow < 0) return null;
  const titleRows: string[] = [];
  for (let r = 0; r < headerRow; r++) {
    const text = rowText(grid[r]);
    if (text !== "") titleRows.push(text);
  }
  return { headerRow, score, titleRows };
}

/** Words that introduce the date an export is as of: English (and SAP's German) as words, Chinese anywhere. */
const AS_OF_WORDS = [
  "as\\s+(?:of|at|on)",
  "open\\s+at\\s+key\\s+date",
  "key\\s+date",
  "ag(?:e)?ing\\s+date",
  "report\\s+date",
  "statement\\s+date",
  "cut-?\\s*off(?:\\s+date)?",
  "stichtag",
].join("|");
const AS_OF_WORDS_ZH = ["账龄截止日期?", "对账截止日期?", "截止日期", "截止日", "截止到", "截至", "截止", "报表日期", "统计日期"].join("|");
const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
/** A date as exports write it; the caller's date reader decides what it means. */
const DATE_TEXT = [
  "\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}(?:\\s*日)?",
  "\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}",
  `${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`,
  `\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}`,
  "\\d{8}",
  // an Excel serial: a title cell holding a date, read as a value
  "\\d{5}(?:\\.\\d+)?",
].join("|");
const AS_OF = new RegExp(`(?:(?:^|[^\\p{L}])(?:${AS_OF_WORDS})|${AS_OF_WORDS_ZH})\\s*[:：]?\\s*(${DATE_TEXT})(?![\\p{N}])`, "iu");

/**
 * The as-of date a title block states ("As of July 31, 2025", "截止日期：2025-07-31", "截至2025年7月31日",
 * "Open at key date 31.07.2025"), as written (in half-width characters), for the caller's date reader.
 * Only a date introduced as the report's date is taken: a period ("2025-07-01 to 2025-07-31") or a
 * printing date is not an as-of date.
 * @param titleRows the title rows (HeaderLocation.titleRows)
 * @returns the date's text, from the first row that states one, or null
 */
export function titleAsOf(titleRows: readonly string[]): string | null {
  for (const row of titleRows) {
    const found = AS_OF.exec(row.normalize("NFKC"));
    if (found) return found[1].trim();
  }
  return null;
}

/** The as-of date an export's title states, as written and as an Excel 1900 serial. */
export interface TitleAsOfDate {
  /** The date as the title writes it (titleAsOf). */
  readonly text: string;
  /** Its Excel serial (1900 count). */
  readonly serial: number;
}

/**
 * The as-of date an export's title states (titleAsOf), read as a date (readLedgerDate); null when the
 * title states none or what it states is no real date (`2/1/2025` without a day/month order, `2025-02-30`):
 * a title's date is only a default, so one that does not read is left out rather than refused.
 * The command line and the task pane both take it as the as-of date when none is given.
 * @param titleRows the title rows (HeaderLocation.titleRows)
 */
export function titleAsOfDate(titleRows: readonly string[]): TitleAsOfDate | null {
  const text = titleAsOf(titleRows);
  if (text === null) return null;
  try {
    return { text, serial: readLedgerDate(text, "as_of") };
  } catch {
    return null;
  }
}

// Totals. A label is matched as a whole or at its start/end, never inside a name: `Totally Fresh` is no
// total, and `Total Logistics Ltd` or 总计划设计院 on an item's row is a customer (see classifyRow).
const STARS = /^\*+$/;
// 計 (traditional) beside 计: exports from Taiwan and Hong Kong write 合計, 小計, 總計.
const ZH_KEYWORD = "(?:小\\s*[计計]|合\\s*[计計]|累\\s*[计計]|[总總]\\s*[计計])";
const ZH_TOTAL = /^(?:[总總]\s*合\s*[计計]|合\s*[计計]|[总總]\s*[计計]|全部合[计計]|合[计計]总额)\s*[:：]?$/u;
const ZH_SUBTOTAL_START = new RegExp(`^(?:本页|本期|本月|本年)?${ZH_KEYWORD}(?:\\s*[:：(（]|$)`, "u");
const ZH_SUBTOTAL_END = new RegExp(`${ZH_KEYWORD}\\s*[:：]?$`, "u");
const EN_TOTAL =
  /^(?:grand\s+total|total|totals|report\s+total|total\s+receivables?|total\s+accounts\s+receivable|total\s+a\/?r)\s*[:.]?$/i;
const EN_SUBTOTAL_EXACT = /^sub-?\s?totals?\s*[:.]?$/i;
const EN_SUBTOTAL = /^(?:sub-?\s?totals?\b|total\b)|\btotal\s*[:.]?$/i;

/**
 * What a label cell says: a total, a subtotal, or nothing. `exact` is true for a label that can only be a
 * total (`TOTAL`, `合计`, `*`); a label that only starts or ends with the word (`Total for Acme`,
 * `华信机械 小计`) counts only on a row with an amount.
 */
function totalLabel(value: unknown): { readonly kind: "subtotal" | "total"; readonly exact: boolean } | null {
  if (typeof value !== "string") return null;
  const text = value.normalize("NFKC").trim();
  if (text === "") return null;
  if (STARS.test(text)) return { kind: text.length === 1 ? "subtotal" : "total", exact: true };
  if (ZH_TOTAL.test(text) || EN_TOTAL.test(text)) return { kind: "total", exact: true };
  if (EN_SUBTOTAL_EXACT.test(text)) return { kind: "subtotal", exact: true };
  if (ZH_SUBTOTAL_START.test(text) || ZH_SUBTOTAL_END.test(text) || EN_SUBTOTAL.test(text)) return { kind: "subtotal", exact: false };
  return null;
}

/** Text that holds nothing but an amount (`$1,200.00`, `(1,000.00)`, `1.000,00-`, `RMB 80万`), once its units are left out. */
const NUMERIC_TEXT = /^[\s\d.,()+\-−¥￥$€%]*\d[\s\d.,()+\-−¥￥$€%]*$/u;
const AMOUNT_UNITS = /rmb|cny|usd|eur|hkd|元|万|亿/giu;
function isNumericText(text: string): boolean {
  return NUMERIC_TEXT.test(text.replace(AMOUNT_UNITS, ""));
}

/** The cells of a row a person reads as its label: text that is not a number, outside the amount columns. */
function labelText(row: readonly unknown[], skip: ReadonlySet<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < row.length; i++) {
    if (skip.has(i)) continue;
    const value = row[i];
    if (typeof value !== "string") continue;
    const text = value.trim();
    if (text !== "" && !isNumericText(text)) parts.push(text);
  }
  return parts.join(" ");
}

/** A date as a date column holds it: a serial number, or text shaped like a date (a bucket heading in a date column is not). */
const DATE_SHAPE = new RegExp(`^\\s*(?:${DATE_TEXT})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?\\s*$`, "iu");
/** Anything beyond printable ASCII (a tab too: harmless, it only costs a normalisation). */
const NOT_ASCII = /[^ -~]/u;
function looksDated(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "string") return false;
  // full-width digits (２０２５－０７－３１) only after the plain test failed: most dates are ASCII
  return DATE_SHAPE.test(value) || (NOT_ASCII.test(value) && DATE_SHAPE.test(value.normalize("NFKC")));
}

/** What could be a total label at all (checked before the exact patterns, on every row). */
const MAYBE_LABEL = /[*＊计計]|total|ｔｏｔａｌ/iu;

/** The columns classifyRow looks at, worked out once per mapping. */
interface RowPlan {
  readonly customer: number;
  readonly document: number;
  readonly dates: readonly number[];
  /** The balance, amount and paid-amount columns. */
  readonly amounts: ReadonlySet<number>;
  /** Every mapped column (for a repeated header). */
  readonly mapped: readonly number[];
}
const PLANS = new WeakMap<ColumnMapping, RowPlan>();
function planOf(mapping: ColumnMapping): RowPlan {
  let plan = PLANS.get(mapping);
  if (plan === undefined) {
    const columns = (fields: readonly TriageField[]) => fields.map((f) => mapping[f]).filter((c): c is number => c !== undefined);
    plan = {
      customer: mapping.customer ?? -1,
      document: mapping.document ?? -1,
      dates: columns(["dueDate", "invoiceDate", "paidDate"]),
      amounts: new Set(columns(["balance", "amount", "paidAmount"])),
      mapped: [...new Set(Object.values(mapping).filter((c): c is number => c !== undefined))],
    };
    PLANS.set(mapping, plan);
  }
  return plan;
}

/** True when the row has a document number or a date outside the given column: the marks of an item. */
function itemised(row: readonly unknown[], plan: RowPlan, except: number): boolean {
  if (plan.document >= 0 && plan.document !== except && !isBlank(row[plan.document])) return true;
  for (const column of plan.dates) if (column !== except && looksDated(row[column])) return true;
  return false;
}

/** The raw amount of a subtotal or total row: its balance cell, else its amount cell. */
function rawAmount(row: readonly unknown[], mapping: ColumnMapping): RawAmount {
  for (const field of ["balance", "amount"] as const) {
    const column = mapping[field];
    if (column === undefined) continue;
    const value = row[column];
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}

/**
 * Tells what a row below the header is.
 *
 * - `blank`: no cell holds anything.
 * - `subtotal`/`total`: its first non-blank cell or its customer cell is a total label — `TOTAL`,
 *   `Grand Total`, `合计`, `总计` are totals; `Subtotal`, `小计`, `本页小计`, `累计`, `Total for Acme`,
 *   `Total Acme`, `Acme total`, `华信机械 合计` subtotals; a cell of stars is SAP's marking (`*` a subtotal,
 *   `**` and more a total of a higher level) — and no other cell holds a document number or a date: a row
 *   with those is an item, so the customer `Total Logistics Ltd` stays a customer. A label that only
 *   starts or ends with the word also needs a number somewhere on the row.
 * - `heading`: no amount, no document number, no date, and text in at most two cells ("Current",
 *   "1 - 30 days past due", a customer's name above its items); or the header repeated (page breaks).
 * - `data` otherwise, including a row without a customer but with an amount and a date: the caller reads
 *   it and reports what is missing. Never a guess the other way.
 * @param row the row's cells
 * @param mapping the export's columns (ExportShape.recognition.mapping); pass the same object for every
 *   row: the columns it names are worked out once per mapping object
 * @param header the header row, to recognise it repeated further down (optional)
 */
export function classifyRow(row: readonly unknown[] | undefined, mapping: ColumnMapping, header?: readonly unknown[]): RowKind {
  if (!row) return BLANK;
  let first = -1;
  let filled = 0;
  for (let i = 0; i < row.length; i++) {
    if (!isBlank(row[i])) {
      if (first < 0) first = i;
      filled++;
    }
  }
  if (first < 0) return BLANK;
  const plan = planOf(mapping);
  if (header && isRepeatedHeader(row, header, plan)) return { kind: "heading", text: rowText(row) };

  // The label: the first cell (QuickBooks' `Total for`, Kingdee's 合计, SAP's stars), else the customer's.
  let labelColumn = first;
  let label = maybeTotalLabel(row[first]);
  if (label === null && plan.customer >= 0 && plan.customer !== first) {
    label = maybeTotalLabel(row[plan.customer]);
    labelColumn = plan.customer;
  }
  if (label !== null && !itemised(row, plan, labelColumn) && (label.exact || hasNumber(row, labelColumn))) {
    const text = labelText(row, plan.amounts);
    return { kind: label.kind, text: text === "" ? cellText(row[labelColumn]) : text, amount: rawAmount(row, mapping) };
  }
  if (itemised(row, plan, -1)) return DATA;
  for (const column of plan.amounts) if (!isBlank(row[column])) return DATA;
  if (filled <= 2) return { kind: "heading", text: rowText(row) };
  return DATA;
}

/** totalLabel, after a cheap test that rules out nearly every cell of an export. */
function maybeTotalLabel(value: unknown): ReturnType<typeof totalLabel> {
  return typeof value === "string" && MAYBE_LABEL.test(value) ? totalLabel(value) : null;
}

/** True when some cell other than the label holds a number (an amount in any column, mapped or not). */
function hasNumber(row: readonly unknown[], labelColumn: number): boolean {
  for (let i = 0; i < row.length; i++) {
    if (i === labelColumn) continue;
    const value = row[i];
    if (typeof value === "number" && Number.isFinite(value)) return true;
    if (typeof value === "string" && value.trim() !== "" && isNumericText(value)) return true;
  }
  return false;
}

/** The header again (multi-page exports repeat it): every mapped cell says what the header's does. */
function isRepeatedHeader(row: readonly unknown[], header: readonly unknown[], plan: RowPlan): boolean {
  if (plan.mapped.length < 3) return false;
  for (const column of plan.mapped) {
    const cell = row[column];
    if (typeof cell !== "string" || cell.trim() === "" || cell.trim() !== cellText(header[column])) return false;
  }
  return true;
}

/**
 * The export's own grand total among its rows' kinds: the total row with the most stars (SAP marks the
 * highest level with the most), else the last total row — and only if no item follows it, for a total
 * with items after it totals only part of the export. Subtotals never count.
 * @param kinds the rows' kinds (ExportShape.kinds)
 * @returns the index into kinds, or -1 when the export states no grand total
 */
export function grandTotal(kinds: readonly RowKind[]): number {
  let best = -1;
  let bestStars = -1;
  let lastData = -1;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind.kind === "data") lastData = i;
    if (kind.kind !== "total") continue;
    const stars = /^\*+/.exec(kind.text)?.[0].length ?? 0;
    if (stars >= bestStars) {
      best = i;
      bestStars = stars;
    }
  }
  return best > lastData ? best : -1;
}

/** Options of shapeExport. */
export interface ShapeOptions {
  /** The user's corrections of the columns (as recogniseColumns takes them). */
  readonly overrides?: ColumnOverrides;
  /** The header's 0-based row when the user says where it is (no search then). */
  readonly headerRow?: number;
  /** How many rows to search for the header (default 30). */
  readonly maxScan?: number;
}

/**
 * Reads the shape of an export: its header row (found below any title rows, or as told), its columns,
 * the as-of date its title states, the kind of every row below the header and its grand total.
 * @param grid the export's rows
 * @returns the shape; see locateHeader, classifyRow, titleAsOf and grandTotal
 * @throws RuleError naming `header` when no row of the first `maxScan` names a customer, a balance or
 *   amount, and a date, saying what the likeliest row lacks (one message, in English and Chinese); naming
 *   `headerRow` when it is not a row of the grid; as recogniseColumns for a bad override
 */
export function shapeExport(grid: readonly (readonly unknown[])[], options: ShapeOptions = {}): ExportShape {
  const maxScan = options.maxScan ?? HEADER_SCAN_ROWS;
  let header: HeaderLocation | null;
  if (options.headerRow !== undefined) {
    const r = options.headerRow;
    if (!Number.isInteger(r) || r < 0 || r >= grid.length) {
      throw new RuleError(
        "headerRow",
        `row ${String(r)} is not a row of the table (0 to ${grid.length - 1})`,
        `第 ${String(r)} 行不在表格中（0 至 ${grid.length - 1}）`,
      );
    }
    const titleRows = grid
      .slice(0, r)
      .map(rowText)
      .filter((t) => t !== "");
    header = { headerRow: r, score: Object.keys(recogniseColumns(grid[r] ?? []).mapping).length, titleRows };
  } else {
    header = locateHeader(grid, maxScan);
  }
  if (header === null) throw noHeader(grid, maxScan);
  const headerCells = grid[header.headerRow] ?? [];
  const recognition = recogniseColumns(headerCells, options.overrides);
  const kinds: RowKind[] = [];
  for (let r = header.headerRow + 1; r < grid.length; r++) kinds.push(classifyRow(grid[r], recognition.mapping, headerCells));
  const g = grandTotal(kinds);
  const total = g < 0 ? null : (kinds[g] as Extract<RowKind, { kind: "total" }>);
  return {
    header,
    recognition,
    asOfText: titleAsOf(header.titleRows),
    kinds,
    grandTotal: total === null ? null : { row: header.headerRow + 1 + g, text: total.text, amount: total.amount },
  };
}

/** The one message for an export without a header: which columns the likeliest row lacks. */
function noHeader(grid: readonly (readonly unknown[])[], maxScan: number): RuleError {
  let best: { row: number; missing: TriageField[] } | null = null;
  for (let r = 0; r < Math.min(grid.length, maxScan); r++) {
    const row = grid[r];
    if (!row) continue;
    const missing = lacking(recogniseColumns(row).mapping);
    if (missing.length < NEEDED.length && (best === null || missing.length < best.missing.length)) best = { row: r, missing };
  }
  const rows = Math.min(grid.length, maxScan);
  if (best === null) {
    return new RuleError(
      "header",
      `none of the first ${rows} rows names a customer, a balance or amount, and a date: name the columns (customer, balance, dueDate)`,
      `前 ${rows} 行中没有一行包含客户、余额或金额及日期列：请指定各列（customer、balance、dueDate）`,
    );
  }
  const en = best.missing.map((f) => (f === "balance" ? "balance or amount" : f === "dueDate" ? "a date" : FIELD_LABELS[f].en)).join(", ");
  const zh = best.missing.map((f) => (f === "balance" ? "余额或金额" : f === "dueDate" ? "日期" : FIELD_LABELS[f].zh)).join("、");
  return new RuleError(
    "header",
    `row ${best.row + 1} looks like the header but has no column for ${en}: name the column that holds it`,
    `第 ${best.row + 1} 行像是表头，但缺少${zh}列：请指定对应的列`,
  );
}
