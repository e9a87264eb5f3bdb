/**
 * "Compare with a previous result" in the triage worker: the previous result sheet's rows come with the
 * request, and the worker, which holds this run's ledger, compares them customer by customer as the
 * command line's `--compare` does (src/result: readResultView, compareWithLedger, comparisonRows), then
 * posts the headline, the first changes and the changes sheet's cells in chunks. Pure: no DOM, no Office.
 */
import type { LedgerTriage, Language } from "../core/index.js";
import type { CellValue } from "../excel-io/types.js";
import {
  compareWithLedger,
  comparisonHeadline,
  comparisonPreview,
  comparisonRows,
  PANE_REFUSAL,
  readResultView,
  type ChangeKind,
  type ChangeLine,
} from "../result/index.js";

/** Changes listed in the pane under the headline (all of them are in the changes sheet). */
export const CHANGES_SHOWN = 3;

/** The previous result as the request carries it (its rows may come in `previousRows` slices before it). */
export interface PreviousRequest {
  /** The sheet's name: the headline and the messages name it. */
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  /** Sheet row number of rows[0]. */
  readonly firstRowNumber: number;
}

/** The worker's messages about the comparison: `compared` once, then the changes sheet's rows in chunks. */
export type ChangesMessage =
  | {
      readonly type: "compared";
      readonly headline: string;
      readonly counts: Readonly<Record<ChangeKind, number>>;
      readonly preview: readonly ChangeLine[];
      readonly headers: readonly string[];
      readonly columnKeys: readonly string[];
      /** Rows of the changes sheet to come (one per customer row of either result). */
      readonly rows: number;
    }
  | { readonly type: "changeRows"; readonly from: number; readonly rows: readonly (readonly CellValue[])[] };

/**
 * Compares the previous result with this run's ledger and posts `compared`, then `changeRows` chunks of at
 * most `chunkRows`. Texts in `language` (the pane's), the comparison in the previous result's own.
 * @throws RuleError when the previous sheet is not a result (the caller posts it as the run's error)
 */
export function computeChanges(
  ledger: LedgerTriage,
  previous: PreviousRequest,
  language: Language,
  chunkRows: number,
  post: (message: ChangesMessage) => void,
): void {
  const view = readResultView(previous.sheet, previous.headers, previous.rows, previous.firstRowNumber, PANE_REFUSAL);
  const comparison = compareWithLedger(view, ledger, language);
  const table = comparisonRows(comparison, language);
  post({
    type: "compared",
    headline: comparisonHeadline(comparison, previous.sheet, language),
    counts: comparison.counts,
    preview: comparisonPreview(comparison, language, CHANGES_SHOWN),
    headers: table.headers,
    columnKeys: table.columnKeys,
    rows: table.rows.length,
  });
  const size = Math.max(1, Math.floor(chunkRows));
  for (let from = 0; from < table.rows.length; from += size) {
    post({ type: "changeRows", from, rows: table.rows.slice(from, from + size) as CellValue[][] });
  }
}

/** What the pane collected of a comparison: the outcome's texts and the changes sheet's cells. */
export interface ChangesResult {
  readonly previousSheet: string;
  readonly headline: string;
  readonly counts: Readonly<Record<ChangeKind, number>>;
  readonly preview: readonly ChangeLine[];
  readonly headers: readonly string[];
  readonly columnKeys: readonly string[];
  readonly rows: CellValue[][];
}

/** Collects a comparison's messages on the pane's side (triageInWorker hands them over as they come). */
export class ChangesCollector {
  private head: Extract<ChangesMessage, { type: "compared" }> | null = null;
  private rows: CellValue[][] = [];
  private received = 0;

  constructor(private readonly previousSheet: string | null) {}

  /** Takes one message of the comparison. */
  take(message: ChangesMessage): void {
    if (message.type === "compared") {
      this.head = message;
      this.rows = new Array<CellValue[]>(message.rows);
      return;
    }
    for (let i = 0; i < message.rows.length; i++) this.rows[message.from + i] = message.rows[i] as CellValue[];
    this.received += message.rows.length;
  }

  /** What is missing when the worker is done: null when complete (or when nothing was to be compared). */
  missing(): { en: string; zh: string } | null {
    if (this.previousSheet === null) return null;
    if (this.head === null) return { en: "the worker did not compare the previous result", zh: "后台线程未比较上次结果" };
    if (this.received !== this.head.rows) {
      return {
        en: `the worker sent ${this.received} of ${this.head.rows} change rows`,
        zh: `后台线程只返回了 ${this.head.rows} 行变化中的 ${this.received} 行`,
      };
    }
    return null;
  }

  /** The comparison, or null when none was asked for. */
  result(): ChangesResult | null {
    if (this.previousSheet === null || this.head === null) return null;
    const { headline, counts, preview, headers, columnKeys } = this.head;
    return { previousSheet: this.previousSheet, headline, counts, preview, headers, columnKeys, rows: this.rows };
  }
}
