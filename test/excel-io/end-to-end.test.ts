// The pane's whole path on the fake Excel: the sample portfolio opened in Excel (its cells read as Excel
// reads a CSV: numbers, date serials, text), a cell selected, located, read in chunks, triaged by the core,
// written. The result sheet holds what the command line writes for the same file (the golden CSV), cell
// for cell; the summary agrees with the command line's summary line.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { FakeWorkbook, installFakeOffice } from "../support/fake-excel/index.js";
import { locatePortfolio, readPortfolioRows, triageSheetData, writeTriageSheets } from "../../src/excel-io/index.js";
import { recogniseColumns, serialFromCivil, summarise, triagePortfolio } from "../../src/core/index.js";
import { Legend, triageColumns, type ResultCell } from "../../src/result/index.js";

const root = join(__dirname, "../..");
const csv = (path: string): string[][] =>
  parse(readFileSync(join(root, path), "utf8"), { bom: true, relax_column_count: true }) as string[][];

/** A cell of the result sheet as the command line's CSV writes it. */
function asCsv(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

describe("the triage pane's path on the fake Excel", () => {
  it("gives the command line's result for samples/portfolio.csv, cell for cell", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("portfolio", csv("samples/portfolio.csv"), { typed: true });
    wb.select("portfolio!B7");
    const page: Record<string, unknown> = {};
    installFakeOffice(page, wb);
    const run = (page.Excel as { run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T> }).run;

    const asOf = serialFromCivil(2025, 7, 31);
    const report = await run(async (context) => {
      const location = await locatePortfolio(context, { kind: "selection" });
      expect(location.address).toBe("portfolio!A1:W16");
      const { rows } = await readPortfolioRows(context, location, { chunkRows: 4 });
      expect(rows).toHaveLength(15);
      expect(rows[0].slice(0, 3)).toEqual(["Huaxin Machinery 华信机械", 180000, serialFromCivil(2025, 7, 20)]);
      const { mapping } = recogniseColumns(location.headers);
      const output = triagePortfolio(rows, mapping, { asOf, firstRowNumber: location.headerRow + 1 });
      const summary = summarise(output.records, output.policy);
      expect([summary.rows, summary.ok, summary.problem, summary.blank, summary.amount]).toEqual([15, 10, 4, 1, 5_400_000]); // the duplicate (12,000) is not triaged
      return writeTriageSheets(context, triageSheetData(output, summary, location, "en"), { chunkRows: 5 });
    });

    const golden = csv("test/cli/golden/sample-triage.csv");
    const result = wb.sheet(report.resultSheet).values();
    expect(result.length).toBe(golden.length);
    // The command line's file writes the long to-find-out checklists once, in its legend; the pane's sheet
    // holds them whole: the same rows once they pass through the same legend (src/result/legend.ts).
    const legend = new Legend(
      triageColumns().map((c) => c.key),
      result[0].map((h) => String(h)),
      "en",
    );
    const asFile = [result[0], ...result.slice(1).map((row) => legend.row(row as ResultCell[]))];
    expect(asFile.map((row) => row.map(asCsv))).toEqual(golden);
    expect(legend.table().rows.map((row) => row.map((v) => asCsv(v)))).toEqual(csv("test/cli/golden/sample-triage.legend.csv").slice(1));
    expect(wb.sheet("portfolio").mutations).toBe(0);
    // the summary sheet says what the command line's first line says
    const summary = wb.sheet(report.summarySheet).values();
    const figure = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect([figure("rows"), figure("ok"), figure("with problems"), figure("blank rows"), figure("triaged balance")]).toEqual([
      15, 10, 4, 1, 5_400_000,
    ]);
    expect(figure("as of")).toBe(asOf);
  });
});
