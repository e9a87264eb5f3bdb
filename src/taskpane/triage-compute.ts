/**
 * The heavy part of a triage run, as the Web Worker does it (triage.worker.ts), and the messages between
 * the pane and the worker. Pure: no DOM, no Office, so Node tests run it in-process.
 *
 * The worker triages the table as it comes (triageLedger, as the command line does: a customer table row
 * by row, a list of open items rolled up per customer first), summarises the customers, and posts the
 * result sheet's cells and row levels (src/result: ledgerCustomerHead, ledgerCustomerRows) back in chunks,
 * then for an item list the item sheet's cells (ledgerItemRows), also in chunks, so that the pane shows
 * progress and never holds the records themselves (they are views over per-run arrays and do not cross
 * postMessage). The summary carries what the item list came to and its reconciliation, as lines.
 */
import {
  decideLedgerDecimal,
  NUMBER_FIELDS,
  RuleError,
  summarise,
  tableShape,
  triageLedger,
  type ColumnMapping,
  type DateSystem,
  type DayMonthOrder,
  type DecimalMark,
  type Language,
  type LedgerTriage,
  type Policy,
  type Reconciliation,
  type TriageSummary,
} from "../core/index.js";
import type { CellValue } from "../excel-io/types.js";
import {
  decimalLine,
  itemCounts,
  itemLines,
  ledgerCustomerHead,
  ledgerCustomerRows,
  ledgerItemHead,
  ledgerItemRows,
  liveAsOfCell,
  liveBlock,
  liveRowBuilder,
  LIVE_ROW_LIMIT,
  type LiveBlock,
  reconciliationLines,
  type ItemCounts,
  type RowLevel,
} from "../result/index.js";
import { TEXT } from "./texts.js";
import { computeChanges, type ChangesMessage, type PreviousRequest } from "./compare-compute.js";
import { collectionLogOf, logReport, workReport, type LogInput, type LogReport, type WorkReport } from "./work-compute.js";

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
  /** The header row's cells (an item list reads units such as 金额（万元） from them). */
  readonly headers?: readonly unknown[];
  /** Day/month order of dates like 2/1/2013 as the user chose it; decided from the dates when absent. */
  readonly dateOrder?: DayMonthOrder;
  /** Decimal mark of amounts written as text, when told; an item list's is decided from its amounts otherwise. */
  readonly decimal?: DecimalMark;
  /**
   * Live formulas (issue 13): the source sheet and its first column, to write the live columns as AR
   * formulas over it (src/result/live-formulas.ts). A customer table of a 1900 workbook only, of at most
   * LIVE_ROW_LIMIT customers: an item list (several rows per customer), a 1904 workbook (the functions count
   * days from 1900) and a larger table get values.
   */
  readonly live?: { readonly sheetName: string; readonly firstColumn: number };
  /** A previous result to compare this run with (compare-compute.ts); its rows may come in `previousRows` slices first. */
  readonly previous?: PreviousRequest;
  /** The workbook's collection log, when it has one (work-compute.ts): its facts go into the result; its rows may come in `logRows` slices first. */
  readonly log?: LogInput;
}

/**
 * Messages to the worker: the input rows in slices (`rows`), the previous result's (`previousRows`) and the
 * collection log's (`logRows`) likewise, then the request, whose own rows (usually none) come after the slices.
 */
export type PaneMessage =
  | { readonly type: "rows"; readonly rows: readonly (readonly unknown[])[] }
  | { readonly type: "previousRows"; readonly rows: readonly (readonly unknown[])[] }
  | { readonly type: "logRows"; readonly rows: readonly (readonly unknown[])[] }
  | TriageRequest;

/**
 * The worker's side of the protocol: collects the `rows`, `previousRows` and `logRows` slices and runs the
 * request when it comes (computeTriage), each slice list before the request's own rows, posting its
 * messages. One request per worker: the pane makes a fresh worker per run.
 */
export function workerHandler(post: (message: WorkerMessage) => void): (message: PaneMessage) => void {
  let slices: (readonly (readonly unknown[])[])[] = [];
  let previousSlices: (readonly (readonly unknown[])[])[] = [];
  let logSlices: (readonly (readonly unknown[])[])[] = [];
  return (message) => {
    if (message?.type === "rows") {
      slices.push(message.rows);
      return;
    }
    if (message?.type === "previousRows") {
      previousSlices.push(message.rows);
      return;
    }
    if (message?.type === "logRows") {
      logSlices.push(message.rows);
      return;
    }
    if (message?.type !== "triage") {
      post(errorMessage(new Error(`unknown message ${String((message as { type?: unknown } | null)?.type)}`)));
      return;
    }
    const rows = slices.length === 0 ? message.rows : ([] as (readonly unknown[])[]).concat(...slices, message.rows);
    slices = [];
    const previous =
      message.previous === undefined || previousSlices.length === 0
        ? message.previous
        : { ...message.previous, rows: ([] as (readonly unknown[])[]).concat(...previousSlices, message.previous.rows) };
    previousSlices = [];
    const log =
      message.log === undefined || logSlices.length === 0
        ? message.log
        : { ...message.log, rows: ([] as (readonly unknown[])[]).concat(...logSlices, message.log.rows) };
    logSlices = [];
    computeTriage({ ...message, rows, ...(previous === undefined ? {} : { previous }), ...(log === undefined ? {} : { log }) }, post);
  };
}

/** The item sheet's header row and size, for an item list. */
export interface ItemSheetHead {
  readonly headers: readonly string[];
  readonly columnKeys: readonly string[];
  /** Item rows to come (one per source row under the header). */
  readonly rows: number;
}

/** What an item list came to, for the summary (null for a customer table). */
export interface LedgerReport {
  readonly counts: ItemCounts;
  readonly reconciliation: Reconciliation;
  /**
   * Lines a person reads, in the run's language: the item counts, how dates and amounts were read (or the
   * question when the day/month order could not be decided), the reconciliation.
   */
  readonly lines: readonly string[];
}

/** Messages from the worker, in the order they come: triaged, chunk..., items..., [compared, changeRows...], done (or error at any point). */
export type WorkerMessage =
  | ChangesMessage
  /** Every row triaged; the cells follow. */
  | {
      readonly type: "triaged";
      readonly records: number;
      readonly headers: readonly string[];
      readonly columnKeys: readonly string[];
      /** The item sheet to come, or null for a customer table. */
      readonly items: ItemSheetHead | null;
      /** A live result's block beside the table; absent when the result is values only. */
      readonly live?: LiveBlock;
    }
  /** The cells of records [from, from + rows.length). */
  | {
      readonly type: "chunk";
      readonly from: number;
      readonly rows: readonly (readonly CellValue[])[];
      readonly levels: readonly RowLevel[];
      /** A live result's formulas per row (null: the row's values stay), beside `rows`. */
      readonly formulas?: readonly (readonly (string | null)[] | null)[];
    }
  /** The item sheet's cells of item rows [from, from + rows.length). */
  | { readonly type: "items"; readonly from: number; readonly rows: readonly (readonly CellValue[])[] }
  | {
      readonly type: "done";
      readonly summary: TriageSummary;
      readonly records: number;
      readonly trailingBlankRows: number;
      /** Milliseconds the worker spent triaging, making the cells (posting included) and summarising. */
      readonly timings: { readonly triage: number; readonly cells: number; readonly summary: number };
      /** An item list's counts, reconciliation and lines; null for a customer table. */
      readonly ledger: LedgerReport | null;
      /** Today's work list (issue 13): what the pane shows first, and its sheet. */
      readonly work: WorkReport;
      /** What became of the collection log; null when the run had none. */
      readonly log: LogReport | null;
    }
  /** The run failed: the message in both languages (a RuleError's own texts when it was one). */
  | { readonly type: "error"; readonly en: string; readonly zh: string };

/**
 * Runs a triage request and posts its messages: `triaged`, one `chunk` per `chunkRows` customer records,
 * one `items` per `chunkRows` item rows (item lists only), `done`; or `error`. Never throws.
 * @param post where the messages go (the worker's postMessage, or a test's collector)
 */
export function computeTriage(request: TriageRequest, post: (message: WorkerMessage) => void): void {
  const now = () => performance.now();
  try {
    let t = now();
    const decimal = itemDecimal(request);
    const ledger = triageLedger(request.rows, request.mapping, {
      asOf: request.asOf,
      policy: request.policy,
      firstRowNumber: request.firstRowNumber,
      dateSystem: request.dateSystem,
      headers: request.headers,
      dateOrder: request.dateOrder,
      decimal: decimal.mark,
      ...(request.log === undefined ? {} : { collectionLog: collectionLogOf(request.log, request.dateSystem) }),
    });
    const { records, policy } = ledger.output;
    const triageMs = now() - t;
    t = now();
    const language = request.language;
    const itemRows = ledger.items?.length ?? 0;
    const head = ledgerCustomerHead(ledger, language);
    const live = liveOf(request, ledger, head);
    post({
      type: "triaged",
      records: records.length,
      ...head,
      items: ledger.items === null ? null : { ...ledgerItemHead(language), rows: itemRows },
      ...(live === null ? {} : { live: live.block }),
    });
    const size = Math.max(1, Math.floor(request.chunkRows ?? DEFAULT_CHUNK_ROWS));
    for (let from = 0; from < records.length; from += size) {
      const to = Math.min(records.length, from + size);
      const { rows, levels } = ledgerCustomerRows(ledger, language, from, to);
      if (live === null) post({ type: "chunk", from, rows, levels });
      else post({ type: "chunk", from, rows, levels, formulas: live.formulas(from, to) });
    }
    for (let from = 0; from < itemRows; from += size) {
      post({ type: "items", from, rows: ledgerItemRows(ledger, language, from, Math.min(itemRows, from + size)) });
    }
    if (request.previous !== undefined) computeChanges(ledger, request.previous, language, size, post);
    const cellsMs = now() - t;
    t = now();
    const summary = summarise(records, policy);
    post({
      type: "done",
      summary,
      records: records.length,
      trailingBlankRows: ledger.output.trailingBlankRows,
      timings: { triage: triageMs, cells: cellsMs, summary: now() - t },
      ledger: ledgerReport(ledger, language, decimal.line),
      work: workReport(ledger, language),
      log: logReport(ledger, language),
    });
  } catch (error) {
    post(errorMessage(error));
  }
}

/**
 * A live result's block and formulas (src/result/live-formulas.ts), or null when the result is values: not
 * asked, an item list, a 1904 workbook, or more than LIVE_ROW_LIMIT customers.
 */
function liveOf(
  request: TriageRequest,
  ledger: LedgerTriage,
  head: { readonly headers: readonly string[]; readonly columnKeys: readonly string[] },
): { readonly block: LiveBlock; readonly formulas: (from: number, to: number) => ((string | null)[] | null)[] } | null {
  const live = request.live;
  if (live === undefined || ledger.items !== null || tableShape(request.mapping) !== "customers" || request.dateSystem === "1904") {
    return null;
  }
  const { records, policy, asOf } = ledger.output;
  if (records.length > LIVE_ROW_LIMIT) return null;
  const cell = liveAsOfCell(head.headers.length);
  const build = liveRowBuilder({
    source: live,
    mapping: request.mapping,
    columnKeys: head.columnKeys,
    policy,
    language: request.language,
    asOf: cell.address,
    firstRowNumber: request.firstRowNumber,
  });
  const rows = request.rows;
  return {
    block: liveBlock(head.headers, head.columnKeys, asOf, request.language),
    formulas: (from, to) => {
      const out: ((string | null)[] | null)[] = new Array(to - from);
      for (let i = from; i < to; i++) {
        const cells = rows[records[i].sourceRow - request.firstRowNumber];
        out[i - from] = cells === undefined ? null : build(records[i], cells);
      }
      return out;
    },
  };
}

/**
 * The decimal mark of an item list's amounts written as text (¥1,234.50, 1.000,00-), decided from those
 * only one mark reads (decideLedgerDecimal, as the command line does); a pasted sheet has no field
 * separator. A customer table's numbers are read as before (the default mark). Returns the line that says
 * which mark was used when any amount depended on it.
 */
function itemDecimal(request: TriageRequest): { readonly mark: DecimalMark; readonly line: string | null } {
  if (tableShape(request.mapping) !== "items") return { mark: request.decimal ?? ".", line: null };
  const columns = NUMBER_FIELDS.map((f) => request.mapping[f]).filter((c): c is number => c !== undefined);
  const rows = request.rows;
  function* texts(): Generator<string> {
    for (const row of rows) for (const c of columns) if (typeof row[c] === "string") yield row[c] as string;
  }
  const decision = decideLedgerDecimal(texts(), "", request.decimal);
  return { mark: decision.mark, line: decimalLine(decision, request.language, DECIMAL_TOLD) };
}

/** How the pane credits a mark it was told (the pane has no decimal setting yet: only the request's). */
const DECIMAL_TOLD: Readonly<Record<Language, string>> = { en: "as told", zh: "按指定" };

/** An item list's counts, reconciliation and lines for the summary; null for a customer table. */
function ledgerReport(ledger: LedgerTriage, language: Language, decimal: string | null): LedgerReport | null {
  const counts = itemCounts(ledger);
  if (counts === null || ledger.reconciliation === null) return null;
  const words = {
    told: { en: TEXT.en.dateOrderTold, zh: TEXT.zh.dateOrderTold },
    choose: { en: TEXT.en.dateOrderChoose, zh: TEXT.zh.dateOrderChoose },
  };
  const lines = itemLines(ledger, language, words);
  if (decimal !== null) lines.push(decimal);
  lines.push(...reconciliationLines(ledger.reconciliation, language));
  return { counts, reconciliation: ledger.reconciliation, lines };
}

/** The `error` message for anything thrown: a RuleError in its two languages, anything else as it says. */
export function errorMessage(error: unknown): WorkerMessage {
  if (error instanceof RuleError) return { type: "error", en: error.message, zh: error.zh };
  const text = error instanceof Error ? error.message : String(error);
  return { type: "error", en: text, zh: text };
}
