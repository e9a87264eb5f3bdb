// The pane's "Live formulas" option (issue 13, item 6) on the real Excel I/O layer and the fake Excel: the
// result sheet holds AR formulas over the source sheet's cells where a formula computes the column, each
// giving what the values-mode run writes in that cell; the as-of cell beside the table, the legend; the
// source sheet is never written; an item list gets values.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, serialFromCivil } from "../../src/core/index.js";
import { officeExcelIo } from "../../src/office/excel-io.js";
import { inspectPortfolio, runTriage } from "../../src/taskpane/triage-run.js";
import { DATE_FORMAT, liveAsOfCell } from "../../src/result/index.js";
import { FakeWorkbook, installFakeOffice, type FakeCellInput } from "../support/fake-excel/index.js";
import { installExcelGlobals } from "../support/excel-globals.js";
import { evaluateGrid, type ArFunctions } from "../support/formula.js";
import { InProcessWorker, samplePortfolio } from "./support.js";

installExcelGlobals();
const functions = (await import("../../src/functions/functions.js")) as unknown as ArFunctions;
const asOf = serialFromCivil(2025, 7, 31);

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

/** A run as the pane makes it: find the table from the selection, run with or without live formulas. */
async function paneRun(book: FakeWorkbook, live: boolean, language: "en" | "zh" = "en") {
  const io = officeExcelIo();
  const found = await inspectPortfolio(io, { kind: "selection" });
  return runTriage(
    io,
    () => new InProcessWorker(),
    {
      source: { kind: "selection" },
      location: found.location,
      mapping: found.recognition.mapping,
      asOf: found.location.titleAsOf?.serial ?? asOf,
      policy: DEFAULT_POLICY,
      language,
      live,
    },
    { excelChunkRows: 4, workerChunkRows: 5 },
  );
}

describe("the pane's live formulas", () => {
  it.each(["en", "zh"] as const)(
    "writes the live columns as formulas that give the values-mode cells, and never writes the source (%s)",
    async (language) => {
      const { headers, rows } = samplePortfolio();
      const book = new FakeWorkbook();
      // a sheet name that must be quoted, and the table away from A1
      const source = book.addSheet("Q3 debtors", [headers, ...rows], { typed: true, at: "B3" });
      book.select("'Q3 debtors'!B3:X18");
      installFakeOffice(globalThis, book, { displayLanguage: "en-US" });

      const values = await paneRun(book, false, language);
      book.select("'Q3 debtors'!B3:X18"); // the first run showed its summary sheet
      const live = await paneRun(book, true, language);
      expect(source.mutations).toBe(0);
      expect(values.write.liveFormulas).toBeUndefined();
      const plain = book.sheet(values.write.resultSheet);
      const sheet = book.sheet(live.write.resultSheet);
      const width = plain.values()[0].length;
      const cell = liveAsOfCell(width);

      // the block beside the table: the label, the as-of cell (a date), the legend
      expect(sheet.value(cell.row, cell.column)).toBe(asOf);
      expect(sheet.numberFormatAt(cell.row, cell.column)).toBe(DATE_FORMAT);
      expect(String(sheet.value(0, cell.column))).toMatch(language === "en" ? /^as of/ : /^基准日/);
      expect(String(sheet.value(3, cell.column))).toMatch(language === "en" ? /^Live columns/ : /^实时列/);
      expect(sheet.value(0, width)).toBe(""); // the blank column between the table and the block

      const resolve = (name: string | null, row: number, column: number): unknown =>
        name === null ? sheet.value(row, column) : book.sheet(name).value(row, column);
      let formulas = 0;
      const table = plain.values();
      for (let r = 0; r < table.length; r++) {
        for (let c = 0; c < width; c++) {
          const formula = sheet.formula(r, c);
          if (formula === null) {
            expect(sheet.value(r, c), `${r},${c}`).toStrictEqual(table[r][c]);
            continue;
          }
          formulas++;
          expect(formula).toMatch(/^=AR\.[A-Z]+\(/);
          expect(formula).toContain("'Q3 debtors'!$");
          const grid = evaluateGrid(functions, formula, resolve);
          expect(grid[0][0], `${r},${c}: ${formula}`).toStrictEqual(table[r][c]);
        }
      }
      expect(formulas).toBe(live.write.liveFormulas);
      expect(formulas).toBeGreaterThan(100);
      // the first customer's grade reads its own source row (sheet row 4: the header is on row 3)
      const grade = table[0].indexOf(language === "en" ? "grade" : "信用等级");
      expect(sheet.formula(1, grade)).toBe("=AR.GRADE('Q3 debtors'!$E4,'Q3 debtors'!$F4,'Q3 debtors'!$G4)");
      expect(source.mutations).toBe(0);
    },
  );

  it("writes an item list (several rows per customer) as values, without the block", async () => {
    const rows = parse(readFileSync(join(__dirname, "../../samples/kingdee-open-items.csv"), "utf8"), {
      bom: true,
      relax_column_count: true,
    }) as FakeCellInput[][];
    const book = new FakeWorkbook();
    const source = book.addSheet("应收款明细", rows, { typed: true });
    book.select("应收款明细!B20");
    installFakeOffice(globalThis, book, { excelApi: "1.17" });
    const result = await paneRun(book, true, "zh");
    expect(result.write.itemSheet).toBeDefined();
    expect(result.write.liveFormulas).toBeUndefined();
    const sheet = book.sheet(result.write.resultSheet);
    const [head, ...body] = sheet.values();
    body.forEach((line, r) => line.forEach((_, c) => expect(sheet.formula(r + 1, c)).toBeNull()));
    expect(sheet.value(0, head.length + 1)).toBe("");
    expect(source.mutations).toBe(0);
  });
});
