/**
 * The triage run's Excel side in Office: `Excel.run` and the excel-io layer (locate, chunked read, chunked
 * write). Kept apart from the pane's triage-run.ts so that the orchestration runs in Node tests on a fake
 * Excel.
 */
import type { DateSystem } from "../core/index.js";
import { locatePortfolio } from "../excel-io/locate.js";
import { readDateSystem, readPortfolioRows } from "../excel-io/read.js";
import type { ChunkOptions, PortfolioLocation, PortfolioSource, TransferReport, TriageSheetData, WriteReport } from "../excel-io/types.js";
import { writeTriageSheets } from "../excel-io/write.js";
import { listResultSheets, readPreviousResult, type PreviousResultRows } from "../excel-io/previous-result.js";

/** The Excel side of a run: `Excel.run` and the excel-io functions (src/excel-io); tests give a stand-in. */
export interface ExcelIo {
  /** Excel.run: runs a batch with a fresh request context. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  locate(context: Excel.RequestContext, source: PortfolioSource): Promise<PortfolioLocation>;
  read(
    context: Excel.RequestContext,
    location: PortfolioLocation,
    options: ChunkOptions,
  ): Promise<{ rows: unknown[][]; report: TransferReport }>;
  write(context: Excel.RequestContext, data: TriageSheetData, options: ChunkOptions): Promise<WriteReport>;
  /** The names of the workbook's Excel tables (for the "table" source), when the host can list them. */
  tables?(context: Excel.RequestContext): Promise<string[]>;
  /** The workbook's date system (readDateSystem); without it, 1900. */
  dateSystem?(context: Excel.RequestContext): Promise<DateSystem>;
  /** Shows a sheet (the result sheet after a run: the pane's "Open the result sheet"), when the host can. */
  activate?(context: Excel.RequestContext, sheet: string): Promise<void>;
  /** The sheets that are results of this tool (listResultSheets): the previous results a run can compare with. */
  resultSheets?(context: Excel.RequestContext): Promise<string[]>;
  /** Reads a previous result sheet in chunks (readPreviousResult), refusing a sheet that is not a result. */
  readPrevious?(context: Excel.RequestContext, sheet: string, options: ChunkOptions): Promise<PreviousResultRows>;
}

/** The names of the workbook's Excel tables, in workbook order. */
export async function listTables(context: Excel.RequestContext): Promise<string[]> {
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  return tables.items.map((table) => table.name);
}

/** Makes a sheet of the workbook the active one (`worksheet.activate()`), as clicking its tab does. */
export async function activateSheet(context: Excel.RequestContext, sheet: string): Promise<void> {
  context.workbook.worksheets.getItem(sheet).activate();
  await context.sync();
}

/** Excel as the pane uses it: the global `Excel.run` (Office's, or a fake host's) and src/excel-io. */
export function officeExcelIo(): ExcelIo {
  return {
    run: (batch) => Excel.run(batch),
    locate: locatePortfolio,
    read: readPortfolioRows,
    write: writeTriageSheets,
    tables: listTables,
    dateSystem: (context) => readDateSystem(context),
    activate: activateSheet,
    resultSheets: listResultSheets,
    readPrevious: readPreviousResult,
  };
}
