/**
 * What the triage tab shows, as data: the mapping editor's fields, choices and problems, and the as-of
 * date. Pure (no DOM, no React, no Office): the components in triage-tab.tsx only draw it.
 */
import { FIELD_LABELS, HEADER_WORDS, readDate, REQUIRED_FIELDS, tableShape, TRIAGE_FIELDS, type TriageField } from "../core/index.js";
import type { PortfolioLocation } from "../excel-io/types.js";
import { columnLetters } from "../result/index.js";
import type { PaneLanguage, PaneText } from "./texts.js";

/** Field -> 0-based column of the located range (the core's ColumnMapping, editable). */
export type Mapping = Partial<Record<TriageField, number>>;

/** A choice of a field's dropdown: "" for "not used", else the column index as text. */
export interface ColumnChoice {
  readonly value: string;
  /** Column letter and header, e.g. `C: Due date`. Sheet text: shown as text only. */
  readonly label: string;
}

/** The choices for every field: "not used", then each column of the range with its letter and header. */
export function columnChoices(location: PortfolioLocation, text: PaneText): ColumnChoice[] {
  const choices: ColumnChoice[] = [{ value: "", label: text.notUsed }];
  location.headers.forEach((header, i) => {
    const shown = header.trim() === "" ? text.noHeader : header;
    choices.push({ value: String(i), label: text.columnOption(columnLetters(location.firstColumn + i), shown) });
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

/** A field's name in the pane's language. */
export function fieldLabel(field: TriageField, language: PaneLanguage): string {
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
