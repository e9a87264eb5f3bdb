/**
 * A triage run of the task pane, without React: find the debtor table and its columns (inspect), then
 * locate → read (chunked, Excel) → triage (Web Worker) → write (chunked, Excel), reporting each phase's
 * progress and stopping when the AbortSignal fires. Excel and the worker come in as parameters, so Node
 * tests drive it with a fake Excel and an in-process worker.
 */
import {
  checkMapping,
  recogniseColumns,
  RuleError,
  tableShape,
  type ColumnMapping,
  type ColumnRecognition,
  type DateSystem,
  type DayMonthOrder,
  type Language,
  type Policy,
  type TriageSummary,
} from "../core/index.js";
import type {
  CellValue,
  MoreSheet,
  PortfolioLocation,
  PortfolioSource,
  TransferReport,
  TriageSheetData,
  WriteReport,
} from "../excel-io/types.js";
import type { ExcelIo } from "../office/excel-io.js";
import { CHANGES_SHEET_NAME, type LiveBlock, type RowLevel } from "../result/index.js";
import type { PaneText, RunPhase } from "./texts.js";
import {
  DEFAULT_CHUNK_ROWS,
  ROWS_PER_MESSAGE,
  type ItemSheetHead,
  type LedgerReport,
  type PaneMessage,
  type TriageRequest,
  type WorkerMessage,
} from "./triage-compute.js";
import type { Mapping } from "./pane-model.js";
import { ChangesCollector, type ChangesResult } from "./compare-compute.js";
import type { CollectionLogPlace, UnreadLogSheet } from "../excel-io/log-read.js";
import { logInput, moreSheets } from "./work-run.js";
import type { LogReport, WorkReport } from "./work-compute.js";

/** What a Web Worker is to a run (a real Worker, or a test's stand-in). */
export interface WorkerLike {
  postMessage(message: PaneMessage): void;
  onmessage: ((event: { readonly data: WorkerMessage }) => void) | null;
  onerror: ((event: { readonly message?: string }) => void) | null;
  terminate(): void;
}

/** Makes a fresh worker for one run (it is terminated when the run ends or is cancelled). */
export type WorkerFactory = () => WorkerLike;

/** Where a run is: its phase and, when known, rows done of rows in all (total 0: not known yet). */
export interface RunProgress {
  readonly phase: RunPhase;
  readonly done: number;
  readonly total: number;
}

/** The share of the whole run each phase takes on the progress bar (reading and writing cost the most). */
const PHASE_SPAN: Readonly<Record<RunPhase, readonly [from: number, to: number]>> = {
  locate: [0, 0.02],
  read: [0.02, 0.35],
  triage: [0.35, 0.6],
  write: [0.6, 1],
};

/** The whole run's progress from 0 to 1, for one progress bar over the phases. */
export function overallProgress(progress: RunProgress): number {
  const [from, to] = PHASE_SPAN[progress.phase];
  const share = progress.total > 0 ? Math.min(1, Math.max(0, progress.done / progress.total)) : 0;
  return from + (to - from) * share;
}

/**
 * A progress listener that passes on at most one report per `intervalMs` (the pane re-renders on each),
 * always the first of a phase and the last of a phase's rows at once; a report held back is passed on
 * when the interval ends, unless a newer one replaced it. `cancel` drops a held report.
 */
export function throttleProgress(
  emit: (progress: RunProgress) => void,
  intervalMs = 100,
  clock: () => number = () => Date.now(),
): { readonly report: (progress: RunProgress) => void; readonly cancel: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let phase: RunPhase | null = null;
  let held: RunProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pass = (progress: RunProgress) => {
    held = null;
    last = clock();
    phase = progress.phase;
    emit(progress);
  };
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    held = null;
  };
  const report = (progress: RunProgress) => {
    const finished = progress.total > 0 && progress.done >= progress.total;
    if (progress.phase !== phase || finished || clock() - last >= intervalMs) {
      cancel();
      pass(progress);
      return;
    }
    held = progress;
    timer ??= setTimeout(
      () => {
        timer = null;
        if (held !== null) pass(held);
      },
      Math.max(0, intervalMs - (clock() - last)),
    );
  };
  return { report, cancel };
}

/** Shows a sheet a run wrote (the result sheet: the outcome's "Open the result sheet"), in one Excel.run; nothing when the host cannot. */
export async function openSheet(io: ExcelIo, sheet: string): Promise<void> {
  const activate = io.activate;
  if (activate === undefined) return;
  await io.run((context) => activate(context, sheet));
}

/** What `inspectPortfolio` found: where the table is and the columns recognised from its headers. */
export interface Inspection {
  readonly location: PortfolioLocation;
  readonly recognition: ColumnRecognition;
}

/** Finds the debtor table of `source` and recognises its columns (one Excel.run, headers only). */
export async function inspectPortfolio(io: ExcelIo, source: PortfolioSource): Promise<Inspection> {
  const location = await io.run((context) => io.locate(context, source));
  return { location, recognition: recogniseColumns(location.headers) };
}

/** What a run needs. */
export interface RunInput {
  /** The source the columns were found in: a table is located again (it may have grown), a range is not. */
  readonly source: PortfolioSource;
  /** Where inspectPortfolio found the table; the mapping's columns are columns of it. */
  readonly location: PortfolioLocation;
  readonly mapping: Mapping;
  /** Excel serial of the as-of date. */
  readonly asOf: number;
  /** The workbook's policy (workbookPolicy()). */
  readonly policy: Policy;
  readonly language: Language;
  /** Day/month order of dates like 2/1/2013 as chosen in the pane; absent: decided from the dates. */
  readonly dateOrder?: DayMonthOrder;
  /** Live formulas (issue 13): the live columns as AR formulas over the source (a customer table only). */
  readonly live?: boolean;
  /** A previous result sheet to compare this run with (a "Changes" sheet is written); absent: no comparison. */
  readonly previousSheet?: string;
}

/** Options of a run. */
export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  /** Rows per chunk for Excel reads and writes (the layer lowers it to stay under its payload ceiling). */
  readonly excelChunkRows?: number;
  /** Rows per chunk the worker posts back. */
  readonly workerChunkRows?: number;
}

/** What a finished run did. */
export interface RunResult {
  readonly location: PortfolioLocation;
  /** The workbook's date system the dates were read in. */
  readonly dateSystem: DateSystem;
  readonly summary: TriageSummary;
  /** Records written: input rows up to the last non-blank one, or for an item list its customers. */
  readonly records: number;
  /** An item list's counts, reconciliation and summary lines (null for a customer table). */
  readonly ledger: LedgerReport | null;
  readonly trailingBlankRows: number;
  readonly read: TransferReport;
  readonly write: WriteReport;
  /** Milliseconds per phase. */
  readonly timings: Readonly<Record<RunPhase, number>>;
  /** Milliseconds inside the worker: triage, cells (with posting them), summary. */
  readonly workerTimings: WorkerResult["timings"];
  /** The comparison with the previous result sheet (its headline and first changes), or null when none was asked for. */
  readonly changes: Omit<ChangesResult, "rows" | "headers" | "columnKeys"> | null;
  /** Today's work list (issue 13): the entries the pane shows first; the sheet's name is write.moreSheets.work. */
  readonly work: WorkReport;
  /** The collection log the run read (where, and what became of its rows); null without one. */
  readonly log: { readonly place: CollectionLogPlace; readonly report: LogReport } | null;
  /** A sheet named as the log that holds no log header: not read, and said. */
  readonly unreadLog: UnreadLogSheet | null;
}

/** The headers of the table changed between finding the columns and running: find them again. */
export class StaleColumnsError extends Error {
  constructor() {
    super("the table's headers changed since its columns were found");
    this.name = "StaleColumnsError";
  }
}

/** Whether an error is a cancellation (an AbortError from the signal, excel-io or the worker). */
export function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

function abortError(): Error {
  return typeof DOMException === "function"
    ? new DOMException("the triage was cancelled", "AbortError")
    : Object.assign(new Error("the triage was cancelled"), { name: "AbortError" });
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/**
 * Runs a triage: locate (tables only) → read → triage in the worker → write the result and summary
 * sheets. The source range is only read. Progress is reported per phase; aborting the signal stops the
 * run at once (the worker is terminated, excel-io stops between chunks and removes what it wrote) and the
 * returned promise rejects with an AbortError.
 * @throws RuleError for a mapping the core refuses; StaleColumnsError when a table's headers changed
 */
export async function runTriage(io: ExcelIo, createWorker: WorkerFactory, input: RunInput, options: RunOptions = {}): Promise<RunResult> {
  const { signal, onProgress } = options;
  const report = (phase: RunPhase, done: number, total: number) => onProgress?.({ phase, done, total });
  const timings: Record<RunPhase, number> = { locate: 0, read: 0, triage: 0, write: 0 };
  const clock = () => (typeof performance !== "undefined" ? performance.now() : Date.now());
  checkRunMapping(input.mapping);
  checkAborted(signal);

  let t = clock();
  report("locate", 0, 0);
  let location = input.location;
  if (input.source.kind === "table") {
    location = await io.run((context) => io.locate(context, input.source));
    if (!sameHeaders(location.headers, input.location.headers)) throw new StaleColumnsError();
  }
  timings.locate = clock() - t;
  checkAborted(signal);

  t = clock();
  report("read", 0, location.rowCount);
  const chunkRows = options.excelChunkRows;
  // The date system with the rows: in a 1904 workbook every date cell is 1,462 days short of the core's count.
  const {
    rows,
    report: readReport,
    dateSystem,
    log,
  } = await io.run(async (context) => {
    const system: DateSystem = io.dateSystem ? await io.dateSystem(context) : "1900";
    const read = await io.read(context, location, { chunkRows, signal, onProgress: (done, total) => report("read", done, total) });
    // The collection log, when the workbook has one: read (never written), its facts go into the result.
    // Its rows are part of the read: progress counts them after the portfolio's.
    const portfolioRows = location.rowCount;
    const found = io.readLog
      ? await io.readLog(context, location, {
          chunkRows,
          signal,
          onProgress: (done, total) => report("read", portfolioRows + done, portfolioRows + total),
        })
      : { log: null, unread: null };
    return { ...read, dateSystem: system, log: found };
  });
  const previous =
    input.previousSheet === undefined
      ? undefined
      : await readPrevious(io, input.previousSheet, location.rowCount + (log.log?.location.rowCount ?? 0), options, report);
  timings.read = clock() - t;
  checkAborted(signal);

  t = clock();
  report("triage", 0, rows.length);
  const request: TriageRequest = {
    type: "triage",
    rows,
    mapping: input.mapping,
    asOf: input.asOf,
    policy: input.policy,
    language: input.language,
    firstRowNumber: location.headerRow + 1,
    dateSystem,
    chunkRows: options.workerChunkRows ?? DEFAULT_CHUNK_ROWS,
    headers: location.headers,
    ...(input.dateOrder === undefined ? {} : { dateOrder: input.dateOrder }),
    ...(input.live === true ? { live: { sheetName: location.sheetName, firstColumn: location.firstColumn } } : {}),
    ...(previous === undefined ? {} : { previous }),
    ...(log.log === null ? {} : { log: logInput(log.log) }),
  };
  const triaged = await triageInWorker(createWorker, request, { signal, onProgress: (done, total) => report("triage", done, total) });
  timings.triage = clock() - t;
  checkAborted(signal);

  t = clock();
  report("write", 0, triaged.rows.length + (triaged.items?.rows.length ?? 0));
  const data: TriageSheetData = {
    headers: triaged.headers,
    columnKeys: triaged.columnKeys,
    rows: triaged.rows,
    levels: triaged.levels,
    summary: triaged.summary,
    language: input.language,
    source: location,
    asOf: input.asOf,
    dateSystem,
    items: triaged.items,
    notes: triaged.ledger?.lines ?? [],
    ...(triaged.live === undefined ? {} : { live: triaged.live }),
    // after the summary: what changed since the previous result, the log's problems, today's work
    moreSheets: [...changesSheet(triaged.changes, input.language), ...moreSheets(triaged, input.language)],
  };
  const written = await io.run((context) =>
    io.write(context, data, { chunkRows, signal, onProgress: (done, total) => report("write", done, total) }),
  );
  timings.write = clock() - t;
  return {
    location,
    dateSystem,
    summary: triaged.summary,
    records: triaged.records,
    ledger: triaged.ledger,
    trailingBlankRows: triaged.trailingBlankRows,
    read: readReport,
    write: written,
    timings,
    workerTimings: triaged.timings,
    changes: changesOutcome(triaged.changes),
    work: triaged.work,
    log: log.log === null || triaged.log === null ? null : { place: log.log.place, report: triaged.log },
    unreadLog: log.unread,
  };
}

/** The changes sheet (src/result comparisonRows), when the run compared with a previous result. */
function changesSheet(changes: ChangesResult | null, language: Language): MoreSheet[] {
  if (changes === null) return [];
  const { headers, columnKeys, rows } = changes;
  return [{ key: "changes", name: CHANGES_SHEET_NAME[language], headers, columnKeys, rows }];
}

/** The comparison as the outcome shows it (the changes sheet's cells are written, not kept). */
function changesOutcome(changes: ChangesResult | null): RunResult["changes"] {
  if (changes === null) return null;
  const { previousSheet, headline, counts, preview } = changes;
  return { previousSheet, headline, counts, preview };
}

/**
 * Reads the previous result sheet (one Excel.run; chunked like the portfolio, its progress after the
 * portfolio's and the log's on the read phase). The sheet is only read.
 * @param portfolioRows rows read before it (the portfolio's and the log's)
 */
async function readPrevious(
  io: ExcelIo,
  sheet: string,
  portfolioRows: number,
  options: RunOptions,
  report: (phase: RunPhase, done: number, total: number) => void,
): Promise<NonNullable<TriageRequest["previous"]>> {
  const read = io.readPrevious;
  if (read === undefined) throw new Error("this Excel cannot read a previous result");
  checkAborted(options.signal);
  const previous = await io.run((context) =>
    read(context, sheet, {
      chunkRows: options.excelChunkRows,
      signal: options.signal,
      onProgress: (done, total) => report("read", portfolioRows + done, portfolioRows + total),
    }),
  );
  return { sheet: previous.sheet, headers: previous.headers, rows: previous.rows, firstRowNumber: previous.firstRowNumber };
}

/**
 * Refuses a mapping the core would refuse, before touching Excel (checkMapping). An item list needs the
 * open amount or the document amount: its document amount stands in for the balance in the check.
 */
function checkRunMapping(mapping: Mapping): void {
  if (tableShape(mapping) === "customers" || mapping.balance !== undefined || mapping.amount === undefined) {
    checkMapping(mapping);
    return;
  }
  const { amount, ...rest } = mapping;
  const checked: ColumnMapping = { ...rest, balance: amount };
  checkMapping(checked);
}

function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

/** What the worker gave back. */
export interface WorkerResult {
  readonly headers: readonly string[];
  /** The stable key of each column (triageColumns(policy)[i].key). */
  readonly columnKeys: readonly string[];
  readonly rows: CellValue[][];
  readonly levels: RowLevel[];
  /** An item list's item sheet: its header row and one row per source row; null for a customer table. */
  readonly items: { readonly headers: readonly string[]; readonly columnKeys: readonly string[]; readonly rows: CellValue[][] } | null;
  readonly ledger: LedgerReport | null;
  readonly summary: TriageSummary;
  readonly records: number;
  readonly trailingBlankRows: number;
  readonly timings: Extract<WorkerMessage, { type: "done" }>["timings"];
  /** A live result's formulas per row and the block beside its table (asked for, and a customer table). */
  readonly live?: NonNullable<TriageSheetData["live"]>;
  /** The comparison with the previous result, when the request carried one. */
  readonly changes: ChangesResult | null;
  readonly work: WorkReport;
  readonly log: LogReport | null;
}

/** An error the worker reported, in both languages. */
export class TriageWorkerError extends Error {
  constructor(
    readonly en: string,
    readonly zh: string,
  ) {
    super(en);
    this.name = "TriageWorkerError";
  }

  /** The message in a language. */
  text(language: Language): string {
    return language === "zh" ? this.zh : this.en;
  }
}

/**
 * Sends a request to a fresh worker and collects its chunks in order. The input rows go in slices of
 * `rowsPerMessage`, one per task, so that cloning a large portfolio never holds the pane's thread for
 * long. The worker is terminated when the result is complete, on an error, and on abort (which rejects
 * with an AbortError).
 */
export function triageInWorker(
  createWorker: WorkerFactory,
  request: TriageRequest,
  options: {
    readonly signal?: AbortSignal;
    readonly onProgress?: (done: number, total: number) => void;
    readonly rowsPerMessage?: number;
  } = {},
): Promise<WorkerResult> {
  const { signal, onProgress } = options;
  const slice = Math.max(1, Math.floor(options.rowsPerMessage ?? ROWS_PER_MESSAGE));
  return new Promise<WorkerResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const worker = createWorker();
    let headers: readonly string[] = [];
    let columnKeys: readonly string[] = [];
    let rows: CellValue[][] = [];
    let levels: RowLevel[] = [];
    let itemHead: ItemSheetHead | null = null;
    let itemRows: CellValue[][] = [];
    let itemsReceived = 0;
    let liveBlock: LiveBlock | undefined;
    let formulas: ((string | null)[] | null)[] = [];
    let total = 0;
    let received = 0;
    let ended = false;
    const changes = new ChangesCollector(request.previous?.sheet ?? null);
    const finish = (outcome: () => void) => {
      ended = true;
      worker.onmessage = null;
      worker.onerror = null;
      signal?.removeEventListener("abort", onAbort);
      worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(abortError()));
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.onerror = (event) =>
      finish(() =>
        reject(new TriageWorkerError(event.message || "the triage worker failed to start", event.message || "分诊后台线程未能启动")),
      );
    worker.onmessage = ({ data: message }) => {
      switch (message.type) {
        case "triaged":
          headers = message.headers;
          columnKeys = message.columnKeys;
          itemHead = message.items;
          total = message.records + (itemHead?.rows ?? 0);
          rows = new Array(message.records);
          levels = new Array(message.records);
          itemRows = new Array(itemHead?.rows ?? 0);
          liveBlock = message.live;
          if (liveBlock !== undefined) formulas = new Array<null>(message.records).fill(null);
          onProgress?.(0, total);
          break;
        case "chunk":
          for (let i = 0; i < message.rows.length; i++) {
            rows[message.from + i] = message.rows[i] as CellValue[];
            levels[message.from + i] = message.levels[i];
          }
          if (message.formulas !== undefined) {
            for (let i = 0; i < message.formulas.length; i++) formulas[message.from + i] = message.formulas[i] as (string | null)[] | null;
          }
          received += message.rows.length;
          onProgress?.(received + itemsReceived, total);
          break;
        case "items":
          for (let i = 0; i < message.rows.length; i++) itemRows[message.from + i] = message.rows[i] as CellValue[];
          itemsReceived += message.rows.length;
          onProgress?.(received + itemsReceived, total);
          break;
        case "compared":
        case "changeRows":
          changes.take(message);
          break;
        case "done":
          if (received !== message.records) {
            const text = `the worker sent ${received} of ${message.records} rows`;
            finish(() => reject(new TriageWorkerError(text, `后台线程只返回了 ${message.records} 行中的 ${received} 行`)));
            return;
          }
          if (itemsReceived !== (itemHead?.rows ?? 0)) {
            const expected = itemHead?.rows ?? 0;
            const text = `the worker sent ${itemsReceived} of ${expected} item rows`;
            finish(() => reject(new TriageWorkerError(text, `后台线程只返回了 ${expected} 行明细中的 ${itemsReceived} 行`)));
            return;
          }
          {
            const missing = changes.missing();
            if (missing !== null) {
              finish(() => reject(new TriageWorkerError(missing.en, missing.zh)));
              return;
            }
          }
          finish(() =>
            resolve({
              headers,
              columnKeys,
              rows,
              levels,
              items: itemHead === null ? null : { headers: itemHead.headers, columnKeys: itemHead.columnKeys, rows: itemRows },
              ledger: message.ledger,
              summary: message.summary,
              records: message.records,
              trailingBlankRows: message.trailingBlankRows,
              timings: message.timings,
              ...(liveBlock === undefined ? {} : { live: { formulas, block: liveBlock } }),
              changes: changes.result(),
              work: message.work,
              log: message.log,
            }),
          );
          break;
        case "error":
          finish(() => reject(new TriageWorkerError(message.en, message.zh)));
          break;
      }
    };
    void (async () => {
      const rows = request.rows;
      const previousRows = request.previous?.rows ?? [];
      const logRows = request.log?.rows ?? [];
      if (rows.length + previousRows.length + logRows.length <= slice) {
        worker.postMessage(request);
        return;
      }
      for (let from = 0; from < rows.length; from += slice) {
        if (ended) return;
        worker.postMessage({ type: "rows", rows: rows.slice(from, from + slice) });
        await new Promise((resolve) => setTimeout(resolve, 0)); // let the pane breathe between slices
      }
      // A previous result's rows go the same way, before the request that says what to do with them.
      for (let from = 0; from < previousRows.length; from += slice) {
        if (ended) return;
        worker.postMessage({ type: "previousRows", rows: previousRows.slice(from, from + slice) });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      // And the collection log's: the request then carries neither the log's rows nor anyone else's.
      for (let from = 0; from < logRows.length; from += slice) {
        if (ended) return;
        worker.postMessage({ type: "logRows", rows: logRows.slice(from, from + slice) });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const previous = request.previous === undefined ? {} : { previous: { ...request.previous, rows: [] } };
      const log = request.log === undefined ? {} : { log: { ...request.log, rows: [] } };
      if (!ended) worker.postMessage({ ...request, rows: [], ...previous, ...log });
    })();
  });
}

/**
 * An error as the user reads it: in the pane's language when the error has both (the core's RuleError,
 * excel-io's PaneError and TriageWorkerError have `text(language)`), else its message.
 */
export function errorText(error: unknown, language: Language, text: PaneText): string {
  if (error instanceof StaleColumnsError) return text.staleColumns;
  if (error instanceof RuleError) return error.text(language);
  const bilingual = typeof error === "object" && error !== null ? (error as { text?: unknown }).text : undefined;
  if (typeof bilingual === "function") {
    const said: unknown = bilingual.call(error, language);
    if (typeof said === "string" && said !== "") return said;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
