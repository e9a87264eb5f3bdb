/**
 * What the triage tab shows, as data: the mapping editor's fields, choices and problems, and the as-of
 * date. Pure (no DOM, no React, no Office): the components in triage-tab.tsx only draw it.
 */
import {
  displayWidth,
  FIELD_LABELS,
  isWideCodePoint,
  HEADER_WORDS,
  readDate,
  REQUIRED_FIELDS,
  tableShape,
  TRIAGE_FIELDS,
  type ColumnRecognition,
  type TriageField,
} from "../core/index.js";
import type { PortfolioLocation } from "../excel-io/types.js";
import { columnLetters } from "../result/index.js";
import type { PaneLanguage, PaneText } from "./texts.js";

/** Field -> 0-based column of the located range (the core's ColumnMapping, editable). */
export type Mapping = Partial<Record<TriageField, number>>;

/** A choice of a field's dropdown: "" for "not used", else the column index as text. */
export interface ColumnChoice {
  readonly value: string;
  /** Column letter and header, e.g. `C: Due date`, a long header shortened in its middle. Sheet text: shown as text only. */
  readonly label: string;
  /** The same with the whole header (the option's tooltip). */
  readonly title: string;
}

/**
 * How wide a header may show in a dropdown, in display columns (a CJK character counts two): what a
 * 350-px pane's full-width dropdown shows after the column letter, in the whole mapping's small type and
 * in the open fields' normal type.
 */
export const HEADER_WIDTH = { compact: 40, stacked: 34 } as const;

/**
 * `text` at most `maxWidth` display columns wide (displayWidth: CJK counts two): a wider one keeps its
 * start and its end around an ellipsis (headers differ as often at the end, `Amount (CNY)` / `Amount (USD)`,
 * as at the start). Never splits a character outside the BMP.
 */
export function middleEllipsis(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text;
  const chars = [...text];
  const width = (ch: string) => (isWideCodePoint(ch.codePointAt(0) ?? 0) ? 2 : 1);
  const budget = Math.max(2, maxWidth - 1); // the ellipsis takes one column
  let head = 0;
  let headWidth = 0;
  while (head < chars.length && headWidth + width(chars[head]) <= Math.ceil(budget / 2)) headWidth += width(chars[head++]);
  let tail = chars.length;
  let tailWidth = 0;
  while (tail > head && tailWidth + width(chars[tail - 1]) <= budget - headWidth) tailWidth += width(chars[--tail]);
  return `${chars.slice(0, head).join("")}…${chars.slice(tail).join("")}`;
}

/**
 * The choices for every field: "not used", then each column of the range with its letter and header, the
 * header shortened in its middle to `headerWidth` display columns (whole in `title`).
 */
export function columnChoices(location: PortfolioLocation, text: PaneText, headerWidth: number = HEADER_WIDTH.stacked): ColumnChoice[] {
  const choices: ColumnChoice[] = [{ value: "", label: text.notUsed, title: text.notUsed }];
  location.headers.forEach((header, i) => {
    const shown = header.trim() === "" ? text.noHeader : header;
    const letter = columnLetters(location.firstColumn + i);
    choices.push({
      value: String(i),
      label: text.columnOption(letter, middleEllipsis(shown, headerWidth)),
      title: text.columnOption(letter, shown),
    });
  });
  return choices;
}

/** The sheet column letter of a 0-based column of the range. */
export function letterOf(location: PortfolioLocation, column: number): string {
  return columnLetters(location.firstColumn + column);
}

/** A problem of one field of the mapping. */
export type FieldIssue = { readonly kind: "required" } | { readonly kind: "twice"; readonly column: number; readonly other: TriageField };

/**
 * The problems of a mapping, by field: a required field without a column, and a column chosen for two
 * fields (both fields are marked, each naming the other). Empty when the mapping can be run. A list of
 * open items (tableShape) needs the open amount or the document amount: with the latter, no balance.
 */
export function mappingIssues(mapping: Mapping): Map<TriageField, FieldIssue> {
  const issues = new Map<TriageField, FieldIssue>();
  const byColumn = new Map<number, TriageField>();
  for (const field of TRIAGE_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    const other = byColumn.get(column);
    if (other === undefined) {
      byColumn.set(column, field);
      continue;
    }
    issues.set(field, { kind: "twice", column, other });
    if (!issues.has(other)) issues.set(other, { kind: "twice", column, other: field });
  }
  const itemAmount = tableShape(mapping) === "items" && mapping.amount !== undefined;
  for (const field of REQUIRED_FIELDS) {
    if (mapping[field] === undefined && !(field === "balance" && itemAmount)) issues.set(field, { kind: "required" });
  }
  return issues;
}

/** The mapping with `field` set to a column (a choice's value), or removed for "". */
export function withChoice(mapping: Mapping, field: TriageField, value: string): Mapping {
  const next: Mapping = { ...mapping };
  if (value === "") delete next[field];
  else next[field] = Number(value);
  return next;
}

/**
 * The fields in the order the editor lists them: required first, then the mapped ones, then (only when
 * `all`) the others, each group in TRIAGE_FIELDS order. `hidden` counts the fields left out.
 */
export function fieldsToShow(mapping: Mapping, all: boolean): { readonly fields: TriageField[]; readonly hidden: number } {
  const required = new Set<TriageField>(REQUIRED_FIELDS);
  const mapped = TRIAGE_FIELDS.filter((f) => !required.has(f) && mapping[f] !== undefined);
  const others = TRIAGE_FIELDS.filter((f) => !required.has(f) && mapping[f] === undefined);
  return { fields: [...REQUIRED_FIELDS, ...mapped, ...(all ? others : [])], hidden: all ? 0 : others.length };
}

/**
 * The columns found, in one line: how many fields have a column, and how many of the required ones (a
 * required field with its "required" issue open is not found; an item list's amount stands in for the balance).
 */
export function mappingOverview(mapping: Mapping): {
  readonly recognised: number;
  readonly requiredFound: number;
  readonly required: number;
} {
  const issues = mappingIssues(mapping);
  const missing = REQUIRED_FIELDS.filter((f) => issues.get(f)?.kind === "required").length;
  return {
    recognised: TRIAGE_FIELDS.filter((f) => mapping[f] !== undefined).length,
    requiredFound: REQUIRED_FIELDS.length - missing,
    required: REQUIRED_FIELDS.length,
  };
}

/**
 * The fields the collapsed editor keeps open, in TRIAGE_FIELDS order: those with an issue (a required
 * field without a column, a column chosen twice) and the doubtful ones (a second header also naming the
 * field; an `Amount` column taken as the balance), plus `keep` (fields opened before stay open while the
 * user corrects them).
 */
export function fieldsOpen(
  mapping: Mapping,
  recognition: Pick<ColumnRecognition, "duplicates" | "amountAsBalance">,
  keep: ReadonlySet<TriageField> = new Set(),
): TriageField[] {
  const open = new Set<TriageField>(keep);
  for (const field of mappingIssues(mapping).keys()) open.add(field);
  for (const duplicate of recognition.duplicates) open.add(duplicate.field);
  if (recognition.amountAsBalance) open.add("balance");
  return TRIAGE_FIELDS.filter((f) => open.has(f));
}

/** A text with its first letter upper case: a label in sentence case (`due date` → `Due date`). */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A field's label in the pane's language, in sentence case (`Overdue events in 12 months`). */
export function fieldLabel(field: TriageField, language: PaneLanguage): string {
  return sentenceCase(FIELD_LABELS[field][language]);
}

/** A field's name inside a sentence (lower case in English: `… also chosen for “cash flow”`). */
export function fieldName(field: TriageField, language: PaneLanguage): string {
  return FIELD_LABELS[field][language];
}

/** The header words recognised for a field, in the language's words first (the list of docs/triage-headers.md). */
export function headerWords(field: TriageField): readonly string[] {
  return HEADER_WORDS[field];
}

/** Today's local date (the user's calendar, not UTC) as `yyyy-mm-dd`, the value of a date input. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The Excel serial of the as-of date typed (`2025-07-31`, `2025/7/31`, `2025年7月31日`), or null when it is no date. */
export function asOfSerial(text: string): number | null {
  if (text.trim() === "") return null;
  try {
    return readDate(text, "as_of");
  } catch {
    return null;
  }
}
