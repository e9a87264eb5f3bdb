/**
 * The result of a triage as a table: the headers and keys of its columns and one row of cells per record,
 * with the warning level each row is coloured by. The one builder behind the command line's output file,
 * the pane's worker and the Excel result sheet.
 */
import type { Language, Policy, TriageOutput, TriageRecord } from "../core/index.js";
import { recordCells, triageColumns } from "./columns.js";

/** A cell of the result: a number, a text or a boolean, as a sheet holds it. */
export type ResultCell = string | number | boolean;

/** A row's warning level as its level cell shows it (the row's colour), or null without one. */
export type RowLevel = 0 | 1 | 2 | 3 | null;

/** The header row: each column's header in the language and its stable key (`balance`, `offer-10`, ...). */
export interface ResultHead {
  readonly headers: string[];
  readonly columnKeys: string[];
}

/** Rows of cells in the order of the columns, and each row's warning level. */
export interface ResultRows {
  readonly rows: ResultCell[][];
  readonly levels: RowLevel[];
}

/** A whole result table. */
export interface ResultTable extends ResultHead, ResultRows {}

/** The header row of a policy's result columns (triageColumns; the log's too when `withLog`) in the language. */
export function resultHead(policy: Policy, language: Language, withLog = false): ResultHead {
  const columns = triageColumns(policy, withLog);
  return { headers: columns.map((c) => c[language]), columnKeys: columns.map((c) => c.key) };
}

/**
 * The rows of records [from, to) (recordCells) and their warning levels.
 * @param policy the policy the records were triaged with
 */
export function resultRows(
  records: readonly TriageRecord[],
  language: Language,
  policy: Policy,
  from = 0,
  to = records.length,
): ResultRows {
  const rows: ResultCell[][] = new Array(to - from);
  const levels: RowLevel[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    const record = records[i];
    rows[i - from] = recordCells(record, language, policy);
    levels[i - from] = record.level;
  }
  return { rows, levels };
}

/** The result table of a triage run in the language: one row per record, in input order. */
export function resultTable(output: Pick<TriageOutput, "records" | "policy" | "collection">, language: Language): ResultTable {
  return {
    ...resultHead(output.policy, language, output.collection !== undefined),
    ...resultRows(output.records, language, output.policy),
  };
}
