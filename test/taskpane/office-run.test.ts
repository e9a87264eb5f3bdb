// The pane's run on the real Excel I/O layer (src/excel-io) and the fake Excel behind `Excel.run`, as
// the pane calls it in Office (office-io.ts): find the table, triage through the worker protocol, write
// new sheets; the source is never written; a cancelled write leaves nothing behind.
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, serialFromCivil } from "../../src/core/index.js";
import { FakeWorkbook, installFakeOffice } from "../support/fake-excel/index.js";
import { officeExcelIo } from "../../src/office/excel-io.js";
import { withChoice } from "../../src/taskpane/pane-model.js";
import { inspectPortfolio, isAbortError, openSheet, runTriage, type RunProgress } from "../../src/taskpane/triage-run.js";
import { InProcessWorker, samplePortfolio } from "./support.js";

const asOf = serialFromCivil(2025, 7, 31);
let book: FakeWorkbook;

function setUp(latencyMs = 0): void {
  const { headers, rows } = samplePortfolio();
  book = new FakeWorkbook({ latencyMs });
  book.addSheet("Debtors", [headers.map((h) => (h === "Balance" ? "Saldo" : h)), ...rows], { typed: true });
  book.addSheet("Notes", [["note"], ["a note"]]);
  book.addTable("Notes!A1:A2", { name: "NotesTable" });
  book.select("Debtors!A1:W16");
  installFakeOffice(globalThis, book, { displayLanguage: "en-US" });
}

beforeEach(() => setUp());

describe("a triage run in Office (src/office/excel-io.ts on src/excel-io)", () => {
  it("finds the selected table, takes the user's correction and writes the result and summary sheets", async () => {
    const io = officeExcelIo();
    const found = await inspectPortfolio(io, { kind: "selection" });
    expect(found.location).toMatchObject({ sheetName: "Debtors", address: "Debtors!A1:W16", headerRow: 1, rowCount: 15 });
    expect(found.recognition.missingRequired).toEqual(["balance"]);
    const mapping = withChoice(found.recognition.mapping, "balance", "1");
    const phases: RunProgress["phase"][] = [];
    const result = await runTriage(
      io,
      () => new InProcessWorker(),
      { source: { kind: "selection" }, location: found.location, mapping, asOf, policy: DEFAULT_POLICY, language: "en" },
      { onProgress: (p) => phases.push(p.phase), excelChunkRows: 4 },
    );
    expect([...new Set(phases)]).toEqual(["locate", "read", "triage", "write"]);
    expect(result.read.chunks).toBe(4);
    const sheet = book.sheet(result.write.resultSheet);
    const [head, ...rows] = sheet.values();
    expect(head[0]).toBe("source row");
    expect(rows.map((r) => r[0])).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(rows[2][head.indexOf("profile")]).toBe("willful");
    expect(book.sheet("Debtors").mutations).toBe(0);
    expect(book.sheet(result.write.summarySheet).charts.length).toBeGreaterThan(0);

    // The write shows the summary; "Open the result sheet" activates the result sheet (worksheet.activate()).
    expect(book.active?.name).toBe(result.write.summarySheet);
    await openSheet(io, result.write.resultSheet);
    expect(book.active?.name).toBe(result.write.resultSheet);
    // a sheet deleted meanwhile: the error reaches the pane (it says so), the active sheet stays
    await expect(openSheet(io, "No such sheet")).rejects.toThrow();
    expect(book.active?.name).toBe(result.write.resultSheet);
    // a host that cannot activate: nothing happens
    await openSheet({ ...io, activate: undefined }, result.write.summarySheet);
    expect(book.active?.name).toBe(result.write.resultSheet);

    // Running again never overwrites the first result.
    const again = await runTriage(io, () => new InProcessWorker(), {
      source: { kind: "selection" },
      location: found.location,
      mapping,
      asOf,
      policy: DEFAULT_POLICY,
      language: "zh",
    });
    expect(again.write.resultSheet).not.toBe(result.write.resultSheet);
    expect(book.sheet(result.write.resultSheet).values()).toEqual([head, ...rows]);
    expect(book.sheet(again.write.resultSheet).values()[0][0]).toBe("源行号");
  });

  it("lists the workbook's tables for the table source", async () => {
    const io = officeExcelIo();
    book.addTable("Debtors!A1:W16", { name: "Ledger" });
    expect(await io.run((context) => io.tables!(context))).toEqual(["NotesTable", "Ledger"]);
    const found = await inspectPortfolio(io, { kind: "table", name: "Ledger" });
    expect(found.location.tableName).toBe("Ledger");
  });

  it("cancelled while writing: no sheet is left behind", async () => {
    setUp(5);
    const io = officeExcelIo();
    const found = await inspectPortfolio(io, { kind: "selection" });
    const mapping = withChoice(found.recognition.mapping, "balance", "1");
    const controller = new AbortController();
    const error = await runTriage(
      io,
      () => new InProcessWorker(),
      { source: { kind: "selection" }, location: found.location, mapping, asOf, policy: DEFAULT_POLICY, language: "en" },
      { signal: controller.signal, excelChunkRows: 3, onProgress: (p) => p.phase === "write" && p.done > 0 && controller.abort() },
    ).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(book.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual(["Debtors", "Notes"]);
  });
});
