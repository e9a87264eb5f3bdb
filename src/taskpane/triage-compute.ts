/**
 * The heavy part of a triage run, as the Web Worker does it (triage.worker.ts), and the messages between
 * the pane and the worker. Pure: no DOM, no Office, so Node tests run it in-process.
 *
 * The worker triages every row (triagePortfolio), summarises the records, and posts the result sheet's
 * cells and row levels (src/result: resultHead, resultRows) back in chunks, so that the pane shows progress and never holds the
 * records themselves (they are views over per-run arrays and do not cross postMessage).
 */
import {
  RuleError,
  summarise,
  triagePortfolio,
  type ColumnMapping,
  type DateSystem,
  type Language,
  type Policy,
  type TriageSummary,
} from "../core/index.js";
import type { CellValue } from "../excel-io/types.js";
import { resultHead, resultRows, type RowLevel } from "../result/index.js";

/** Rows of cells per chunk posted back (a few MB at most for 30 columns of text). */
export const DEFAULT_CHUNK_ROWS = 5_000;
/** Input rows per message to the worker: each message is cloned on the pane's thread, a slice at a time. */
export const ROWS_PER_MESSAGE = 10_000;

/** The pane asks the worker to triage a portfolio. */
export interface TriageRequest {
  readonly type: "triage";
  /** The data rows under the header, as Excel gives them. */
  readonly rows: readonly (readonly unknown[])[];
  readonly mapping: ColumnMapping;
  /** Excel serial of the as-of date. */
  readonly asOf: number;
  readonly policy: Policy;
  readonly language: Language;
  /** Sheet row number of rows[0]. */
  readonly firstRowNumber: number;
  /** The workbook's date system (default 1900): numbers in date columns of a 1904 workbook are moved onto the 1900 count. */
  readonly dateSystem?: DateSystem;
  readonly chunkRows?: number;
}

/**
 * Messages to the worker: the input rows in slices (`rows`), then the request, whose own rows (usually
 * none) come after the slices.
 */
export type PaneMessage = { readonly type: "rows"; readonly rows: readonly (readonly unknown[])[] } | TriageRequest;

/**
 * The worker's side of the protocol: collects the `rows` slices and runs the request when it comes
 * (computeTriage), posting its messages. One request per worker: the pane makes a fresh worker per run.
 */
export function workerHandler(post: (message: WorkerMessage) => void): (message: PaneMessage) => void {
  let slices: (readonly (readonly unknown[])[])[] = [];
  return (message) => {
    if (message?.type === "rows") {
      slices.push(message.rows);
      return;
    }
    if (message?.type !== "triage") {
      post(errorMessage(new Error(`unknown message ${String((message as { type?: unknown } | null)?.type)}`)));
      return;
    }
    const rows = slices.length === 0 ? message.rows : ([] as (readonly unknown[])[]).concat(...slices, message.rows);
    slices = [];
    computeTriage({ ...message, rows }, post);
  };
}

/** Messages from the worker, in the order they come: triaged, chunk..., done (or error at any point). */
export type WorkerMessage =
  /** Every row triaged; the cells follow. */
  | { readonly type: "triaged"; readonly records: number; readonly headers: readonly string[]; readonly columnKeys: readonly string[] }
  /** The cells of records [from, from + rows.length). */
  | {
      readonly type: "chunk";
      readonly from: number;
      readonly rows: readonly (readonly CellValue[])[];
      readonly levels: readonly RowLevel[];
    }
  | {
      readonly type: "done";
      readonly summary: TriageSummary;
      readonly records: number;
      readonly trailingBlankRows: number;
      /** Milliseconds the worker spent triaging, making the cells (posting included) and summarising. */
      readonly timings: { readonly triage: number; readonly cells: number; readonly summary: number };
    }
  /** The run failed: the message in both languages (a RuleError's own texts when it was one). */
  | { readonly type: "error"; readonly en: string; readonly zh: string };

/**
 * Runs a triage request and posts its messages: `triaged`, one `chunk` per `chunkRows` records, `done`;
 * or `error`. Never throws.
 * @param post where the messages go (the worker's postMessage, or a test's collector)
 */
export function computeTriage(request: TriageRequest, post: (message: WorkerMessage) => void): void {
  const now = () => performance.now();
  try {
    let t = now();
    const output = triagePortfolio(request.rows, request.mapping, {
      asOf: request.asOf,
      policy: request.policy,
      firstRowNumber: request.firstRowNumber,
      dateSystem: request.dateSystem,
    });
    const { records, policy } = output;
    const triageMs = now() - t;
    t = now();
    const language = request.language;
    post({ type: "triaged", records: records.length, ...resultHead(policy, language) });
    const size = Math.max(1, Math.floor(request.chunkRows ?? DEFAULT_CHUNK_ROWS));
    for (let from = 0; from < records.length; from += size) {
      const { rows, levels } = resultRows(records, language, policy, from, Math.min(records.length, from + size));
      post({ type: "chunk", from, rows, levels });
    }
    const cellsMs = now() - t;
    t = now();
    const summary = summarise(records, policy);
    post({
      type: "done",
      summary,
      records: records.length,
      trailingBlankRows: output.trailingBlankRows,
      timings: { triage: triageMs, cells: cellsMs, summary: now() - t },
    });
  } catch (error) {
    post(errorMessage(error));
  }
}

/** The `error` message for anything thrown: a RuleError in its two languages, anything else as it says. */
export function errorMessage(error: unknown): WorkerMessage {
  if (error instanceof RuleError) return { type: "error", en: error.message, zh: error.zh };
  const text = error instanceof Error ? error.message : String(error);
  return { type: "error", en: text, zh: text };
}
