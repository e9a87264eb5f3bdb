/**
 * The triage run's Excel side in Office: `Excel.run` and the excel-io layer (locate, chunked read, chunked
 * write). Kept apart from triage-run.ts so that the orchestration runs in Node tests on a fake Excel.
 */
import { locatePortfolio } from "../excel-io/locate.js";
import { readDateSystem, readPortfolioRows } from "../excel-io/read.js";
import { writeTriageSheets } from "../excel-io/write.js";
import type { ExcelIo } from "./triage-run.js";

/** The names of the workbook's Excel tables, in workbook order. */
export async function listTables(context: Excel.RequestContext): Promise<string[]> {
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  return tables.items.map((table) => table.name);
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
  };
}
