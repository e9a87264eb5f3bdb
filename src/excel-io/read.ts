/**
 * Reading the portfolio's rows in chunks: each chunk is one `values` read of whole rows, and one sync
 * carries as many chunks as fit under the payload ceiling (Excel on the web refuses a response over 5 MB,
 * and a read of more than 5,000,000 cells). The size of a row is not known before reading: the first sync
 * reads one chunk sized on a pessimistic guess, and every sync after it is sized on what the rows read so
 * far measured. A response that is still too large (rows much longer further down) is read again in
 * smaller chunks.
 *
 * Values only: dates arrive as serial numbers and error cells as their text (`#N/A`, `#DIV/0!`), which is
 * what the core reads.
 */
import type { DateSystem } from "../core/triage/triage.js";
import { checkAborted, errorMessage, isPayloadError, PaneError } from "./errors.js";
import { DEFAULT_CHUNK_ROWS, DEFAULT_MAX_REQUEST_BYTES, jsonByteLength, MAX_CELLS_PER_READ, OPERATION_OVERHEAD } from "./payload.js";
import type { ChunkOptions, PortfolioLocation, TransferReport } from "./types.js";

/** The guess of a cell's JSON size before anything was measured: long enough for most text cells. */
const FIRST_GUESS_BYTES_PER_CELL = 64;
/** Part of the ceiling a sync plans to use once rows were measured: room for rows longer than measured. */
const SAFETY = 0.8;
/** Rows sampled per chunk to measure it (all of a smaller chunk). */
const SAMPLE_ROWS = 512;
/** Times a sync refused as too large is retried with half the rows. */
const MAX_RETRIES = 6;

/** The rows read, in sheet order, and how the transfer went. */
export interface ReadResult {
  readonly rows: unknown[][];
  readonly report: TransferReport;
}

/** The estimated JSON size of a chunk of rows, measuring a sample of them when the chunk is large. */
function measureRows(values: readonly (readonly unknown[])[]): number {
  const n = values.length;
  if (n === 0) return 2;
  if (n <= SAMPLE_ROWS) return jsonByteLength(values);
  const step = n / SAMPLE_ROWS;
  let sampled = 0;
  for (let i = 0; i < SAMPLE_ROWS; i++) sampled += jsonByteLength(values[Math.floor(i * step)]) + 1;
  return Math.ceil((sampled * n) / SAMPLE_ROWS) + 1;
}

/**
 * Reads the data rows of a located portfolio (the rows under its header), in chunks.
 * @param location from locatePortfolio
 * @param options chunkRows (default 10,000), maxRequestBytes (default 4,000,000), onProgress, signal
 * @returns every data row in sheet order (trailing blank rows included: the core ignores them), and the
 *   syncs, chunks and estimated bytes of the transfer
 */
export async function readPortfolioRows(
  context: Excel.RequestContext,
  location: PortfolioLocation,
  options: ChunkOptions = {},
): Promise<ReadResult> {
  const total = location.rowCount;
  const columns = location.columnCount;
  const ceiling = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const cellCap = Math.max(1, Math.floor(MAX_CELLS_PER_READ / columns));
  const rowCap = Math.max(1, Math.min(options.chunkRows ?? DEFAULT_CHUNK_ROWS, cellCap));
  const sheet = context.workbook.worksheets.getItem(location.sheetName);
  const rows: unknown[][] = [];
  let bytesPerRow = FIRST_GUESS_BYTES_PER_CELL * columns + 2;
  let measured = false;
  let syncs = 0;
  let chunks = 0;
  let maxBytes = 0;
  let totalBytes = 0;
  let retries = 0;

  while (rows.length < total) {
    checkAborted(options.signal);
    // Plan one sync: whole chunks while they fit the budget (the first chunk of a sync always goes, cut
    // to the budget), and a single chunk until a row's size was measured.
    const budget = measured ? ceiling * SAFETY : ceiling;
    const fitRows = Math.max(1, Math.floor((budget - OPERATION_OVERHEAD) / bytesPerRow));
    const planned: { range: Excel.Range; rows: number }[] = [];
    let plannedRows = 0;
    let plannedBytes = 0;
    let plannedCells = 0;
    while (rows.length + plannedRows < total) {
      const left = total - rows.length - plannedRows;
      let n = Math.min(rowCap, left);
      if (planned.length === 0) n = Math.min(n, fitRows);
      const bytes = n * bytesPerRow + OPERATION_OVERHEAD;
      if (planned.length > 0 && (plannedBytes + bytes > budget || plannedCells + n * columns > MAX_CELLS_PER_READ)) break;
      const range = sheet.getRangeByIndexes(location.headerRow + rows.length + plannedRows, location.firstColumn, n, columns);
      range.load("values");
      planned.push({ range, rows: n });
      plannedRows += n;
      plannedBytes += bytes;
      plannedCells += n * columns;
      if (!measured) break;
    }
    try {
      syncs++;
      // One sync per chunk of at most DEFAULT_MAX_REQUEST_BYTES: reading a large range needs several, by design (payload limit).
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (isPayloadError(error) && retries < MAX_RETRIES) {
        // Longer rows than measured: the same rows again, in chunks half the size.
        retries++;
        bytesPerRow *= 2;
        measured = true;
        continue;
      }
      throw new PaneError(
        "read-failed",
        `Could not read rows ${location.headerRow + 1 + rows.length} to ${location.headerRow + rows.length + plannedRows} of ${location.sheetName}: ${errorMessage(error)}`,
        `无法读取 ${location.sheetName} 的第 ${location.headerRow + 1 + rows.length} 至 ${location.headerRow + rows.length + plannedRows} 行：${errorMessage(error)}`,
        error,
      );
    }
    let syncBytes = 2;
    let syncRows = 0;
    for (const chunk of planned) {
      const values = chunk.range.values;
      syncBytes += measureRows(values) + OPERATION_OVERHEAD;
      syncRows += values.length;
      for (let i = 0; i < values.length; i++) rows.push(values[i]);
      chunks++;
    }
    maxBytes = Math.max(maxBytes, syncBytes);
    totalBytes += syncBytes;
    // Size the next sync on the rows just read, never below what earlier syncs measured by more than half:
    // a block of short rows must not make the next chunks too large for the long rows after it.
    const observed = Math.max(1, (syncBytes - planned.length * OPERATION_OVERHEAD) / Math.max(1, syncRows));
    bytesPerRow = measured ? Math.max(observed, bytesPerRow / 2) : observed;
    measured = true;
    options.onProgress?.(rows.length, total);
  }
  return { rows, report: { syncs, chunks, maxRequestBytes: maxBytes, totalBytes } };
}

/** The ExcelApi requirement set that tells a workbook's date system (`Workbook.use1904DateSystem`). */
export const DATE_SYSTEM_API = "1.16";

/** Whether the host supports an ExcelApi version (Office.context.requirements); false outside Office. */
function excelApiSupported(version: string): boolean {
  try {
    const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
    return typeof requirements?.isSetSupported === "function" && requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/**
 * The workbook's date system. In a `1904` workbook (older Mac Excel's default) date cells hold serials
 * counted from 1904-01-01, 1,462 days fewer than the 1900 count the core reads: the triage must be told
 * (TriageOptions.dateSystem). Read from `Workbook.use1904DateSystem` where the host has it (ExcelApi
 * 1.16); an older Excel cannot say, and `1900` (every Windows and web workbook's default) is assumed.
 * @param supported whether the host has ExcelApi 1.16 (default: asks Office.context.requirements)
 */
export async function readDateSystem(
  context: Excel.RequestContext,
  supported: boolean = excelApiSupported(DATE_SYSTEM_API),
): Promise<DateSystem> {
  if (!supported) return "1900";
  // Not yet in this project's Office typings (@types/office-js 1.0.612): the property as Office documents it.
  const workbook = context.workbook as unknown as { load(property: string): void; readonly use1904DateSystem: boolean };
  workbook.load("use1904DateSystem");
  await context.sync();
  return workbook.use1904DateSystem ? "1904" : "1900";
}
