// Test portfolios on the fake Excel, triaged by the core as the pane does: locate, read, triage, cells.
import { FakeWorkbook, type FakeCellInput } from "../support/fake-excel/index.js";
import { locatePortfolio } from "../../src/excel-io/locate.js";
import { readPortfolioRows } from "../../src/excel-io/read.js";
import { triageSheetData } from "../../src/excel-io/write.js";
import type { TriageSheetData } from "../../src/excel-io/types.js";
import { recogniseColumns, serialFromCivil, summarise, triagePortfolio } from "../../src/core/index.js";

export const AS_OF = serialFromCivil(2025, 7, 31);
export const HEADERS = ["Customer", "Balance", "Due date", "Overdue events (12 months)", "Largest overdue amount", "Cash flow"];

/** A debtor ledger as a sheet holds it: amounts as numbers, due dates as serials, levels 0 to 3 in turn. */
export function ledger(n: number, customer: (i: number) => FakeCellInput = (i) => `Customer ${i}`): FakeCellInput[][] {
  const rows: FakeCellInput[][] = [HEADERS];
  // Days past due cycle through 5, 40, 70, 120: warning levels 0, 1, 2, 3.
  const overdue = [5, 40, 70, 120];
  for (let i = 0; i < n; i++)
    rows.push([customer(i), 1000 + i, AS_OF - overdue[i % 4], i % 5 === 0 ? 1 : 0, i % 5 === 0 ? 20000 : 0, i % 2 === 0 ? "good" : "fair"]);
  return rows;
}

/** A workbook with the ledger on sheet Debtors, A1 selected. */
export function ledgerWorkbook(n: number, customer?: (i: number) => FakeCellInput, options: { payloadLimit?: number } = {}): FakeWorkbook {
  const wb = new FakeWorkbook(options);
  wb.addSheet("Debtors", ledger(n, customer));
  wb.select("Debtors!A1");
  return wb;
}

/** Locate, read and triage the selection as the pane does; the sheet data to write. */
export async function triageOf(wb: FakeWorkbook, language: "en" | "zh" = "en"): Promise<TriageSheetData> {
  const ctx = wb.context();
  const location = await locatePortfolio(ctx, { kind: "selection" });
  const { rows } = await readPortfolioRows(ctx, location);
  const { mapping } = recogniseColumns(location.headers);
  const output = triagePortfolio(rows, mapping, { asOf: AS_OF, firstRowNumber: location.headerRow + 1 });
  return triageSheetData(output, summarise(output.records, output.policy), location, language);
}
