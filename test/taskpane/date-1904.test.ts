// The pane in a workbook that uses the 1904 date system (older Mac Excel): its date cells hold serials
// counted from 1904-01-01, which the pane learns from Workbook.use1904DateSystem (ExcelApi 1.16) and
// passes to the worker, so that the verdicts are those of the same table in a 1900 workbook.
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, serialFromCivil } from "../../src/core/index.js";
import { FakeWorkbook, installFakeOffice } from "../support/fake-excel/index.js";
import { readDateSystem } from "../../src/excel-io/read.js";
import { officeExcelIo } from "../../src/office/excel-io.js";
import { inspectPortfolio, runTriage } from "../../src/taskpane/triage-run.js";
import { InProcessWorker, samplePortfolio } from "./support.js";

const asOf = serialFromCivil(2025, 7, 31);

function workbook(use1904DateSystem: boolean, excelApi = "1.17"): FakeWorkbook {
  const { headers, rows } = samplePortfolio();
  const book = new FakeWorkbook({ use1904DateSystem });
  book.addSheet("Debtors", [headers, ...rows], { typed: true }); // typed dates stored in the workbook's system
  book.select("Debtors!A1");
  installFakeOffice(globalThis, book, { excelApi });
  return book;
}

async function run(book: FakeWorkbook) {
  const io = officeExcelIo();
  const found = await inspectPortfolio(io, { kind: "selection" });
  const result = await runTriage(io, () => new InProcessWorker(), {
    source: { kind: "selection" },
    location: found.location,
    mapping: found.recognition.mapping,
    asOf,
    policy: DEFAULT_POLICY,
    language: "en",
  });
  return { result, cells: book.sheet(result.write.resultSheet).values(), summary: book.sheet(result.write.summarySheet).values() };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

describe("the 1904 date system in the task pane", () => {
  it("the fake stores typed dates 1,462 days lower in a 1904 workbook, and says so through use1904DateSystem", async () => {
    const book = workbook(true);
    const [head, first] = book.sheet("Debtors").values();
    const due = head.findIndex((h) => /due/i.test(String(h)));
    const plain = workbook(false).sheet("Debtors").values()[1][due] as number;
    expect(first[due]).toBe(plain - 1462);
    expect(await book.run((context) => readDateSystem(context))).toBe("1904");
    expect(await workbook(false).run((context) => readDateSystem(context))).toBe("1900");
  });

  it("gives the verdicts of the same table in a 1900 workbook, and the summary sheet says 1904", async () => {
    const in1900 = await run(workbook(false));
    const in1904 = await run(workbook(true));
    expect(in1904.result.dateSystem).toBe("1904");
    expect(in1900.result.dateSystem).toBe("1900");
    expect(in1904.cells).toEqual(in1900.cells);
    const days = in1904.cells[0].indexOf("days past due");
    expect(in1904.cells.slice(1).some((row) => typeof row[days] === "number" && (row[days] as number) > 0)).toBe(true);
    // Every row accounted for: rows in = ok + problems + blanks.
    const { summary } = in1904.result;
    expect(summary.rows).toBe(samplePortfolio().rows.length);
    expect(summary.ok + summary.problem + summary.blank).toBe(summary.rows);
    // The as-of date is written on the workbook's own count, so that it shows as 2025-07-31 there.
    const asOfRow = in1904.summary.find((row) => row[0] === "as of");
    expect(asOfRow?.[1]).toBe(asOf - 1462);
    expect(in1904.summary.find((row) => row[0] === "date system")?.[1]).toMatch(/^1904 \(dates count from 1904-01-01/);
    expect(in1900.summary.find((row) => row[0] === "as of")?.[1]).toBe(asOf);
    expect(in1900.summary.some((row) => row[0] === "date system")).toBe(false);
  });

  it("an Excel without ExcelApi 1.16 cannot say: 1900 is assumed, without asking", async () => {
    const book = workbook(true, "1.15");
    const syncs = book.syncs.length;
    expect(await book.run((context) => readDateSystem(context))).toBe("1900");
    expect(book.syncs.length).toBe(syncs);
    delete (globalThis as Record<string, unknown>).Office; // outside Office: no requirement sets either
    expect(await book.run((context) => readDateSystem(context))).toBe("1900");
  });
});
