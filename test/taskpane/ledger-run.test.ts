// The pane on an ERP export (issue 11): the Kingdee sample's cells in a sheet as Excel opens the CSV (title
// rows above the header, a 小计 subtotal, the 合计 total; amounts with grouping become numbers, 2025/5/20
// becomes a date, 2025年6月19日 and 80万 stay text). The pane finds the header below the titles, offers the
// title's as-of date, triages through the worker protocol and writes the customer sheet the command line
// writes for the same file, an Items sheet with one row per source row, and the reconciliation on the
// summary sheet. The same in a 1904 workbook; the day/month order setting reaches the core.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, isoFromSerial, serialFromCivil, type DayMonthOrder } from "../../src/core/index.js";
import { parseArguments, runTriage as runCli } from "../../src/cli/triage.js";
import { officeExcelIo } from "../../src/office/excel-io.js";
import { mappingIssues } from "../../src/taskpane/pane-model.js";
import { inspectPortfolio, runTriage } from "../../src/taskpane/triage-run.js";
import { FakeWorkbook, installFakeOffice, type FakeCellInput } from "../support/fake-excel/index.js";
import { Legend, type ResultCell } from "../../src/result/index.js";
import { InProcessWorker, samplePortfolio } from "./support.js";

const root = join(__dirname, "../..");
const csv = (path: string): string[][] => parse(readFileSync(path, "utf8"), { bom: true, relax_column_count: true }) as string[][];
const KINGDEE = join(root, "samples/kingdee-open-items.csv");
const asOf = serialFromCivil(2025, 7, 31);
const out = mkdtempSync(join(tmpdir(), "ar-pane-ledger-"));

afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

/** A workbook holding a CSV's cells from A1 as Excel opens the file (typed), `select` selected. */
function workbook(rows: FakeCellInput[][], options: { use1904DateSystem?: boolean; select?: string } = {}): FakeWorkbook {
  const book = new FakeWorkbook({ use1904DateSystem: options.use1904DateSystem ?? false });
  book.addSheet("应收款明细", rows, { typed: true });
  book.select(options.select ?? "应收款明细!B20");
  installFakeOffice(globalThis, book, { excelApi: "1.17" });
  return book;
}

/** What the pane does: find the table from the selection, take the as-of date it offers, run. */
async function paneRun(book: FakeWorkbook, language: "en" | "zh" = "en", dateOrder?: DayMonthOrder, runAsOf?: number) {
  const io = officeExcelIo();
  const found = await inspectPortfolio(io, { kind: "selection" });
  const result = await runTriage(
    io,
    () => new InProcessWorker(),
    {
      source: { kind: "selection" },
      location: found.location,
      mapping: found.recognition.mapping,
      asOf: runAsOf ?? found.location.titleAsOf?.serial ?? asOf,
      policy: DEFAULT_POLICY,
      language,
      ...(dateOrder === undefined ? {} : { dateOrder }),
    },
    { excelChunkRows: 7, workerChunkRows: 4 },
  );
  const sheet = (name: string | undefined) => book.sheet(name as string);
  return {
    found,
    result,
    customers: sheet(result.write.resultSheet).values(),
    items: result.write.itemSheet === undefined ? null : sheet(result.write.itemSheet),
    summary: sheet(result.write.summarySheet).values(),
  };
}

/** A cell as the command line's CSV writes it (dates of date columns as yyyy-mm-dd, formula-like text quoted). */
function asCsv(value: string | number | boolean, date = false): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return date ? isoFromSerial(value) : String(value);
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

const kingdee = () => csv(KINGDEE);

/**
 * The pane's customer sheet as the command line's file writes it: the file moves the long to-find-out
 * checklists to its legend (src/result/legend.ts), the sheet holds them whole.
 */
function asFile(sheet: readonly (readonly ResultCell[])[]): ResultCell[][] {
  const headers = sheet[0].map((h) => String(h));
  const legend = new Legend(
    headers.map((h) => (h === "to find out" || h === "待查" ? "toFindOut" : h)),
    headers,
    "en",
  );
  return [[...sheet[0]], ...sheet.slice(1).map((row) => legend.row([...row]))];
}

describe("the pane on an ERP export with title rows (samples/kingdee-open-items.csv)", async () => {
  // The command line's result for the same file (as of the title's date, as it takes it): the reference.
  const cliOut = join(out, "kingdee.csv");
  const cliLines = await runCli(parseArguments([KINGDEE, "--out", cliOut]));
  const cliCustomers = csv(cliOut);
  const cliItems = csv(join(out, "kingdee.items.csv"));

  it("finds the header below the three title rows and offers the title's as-of date", async () => {
    const book = workbook(kingdee());
    const found = await inspectPortfolio(officeExcelIo(), { kind: "selection" });
    expect(found.location).toMatchObject({
      sheetName: "应收款明细",
      address: "应收款明细!A4:K46",
      headerRow: 4,
      rowCount: 42,
      columnCount: 11,
      titleRows: ["应收款明细表", "公司：杭州明远机电设备有限公司", "期间：2025年7月 截止日期：2025年7月31日 币别：人民币"],
      titleAsOf: { text: "2025年7月31日", serial: asOf },
    });
    expect(found.location.headers.slice(0, 3)).toEqual(["客户编码", "客户名称", "单据类型"]);
    expect(found.recognition.mapping).toMatchObject({ customer: 1, documentType: 2, document: 3, balance: 8, amount: 6 });
    expect(mappingIssues(found.recognition.mapping).size).toBe(0);
    expect(book.syncs.length).toBeLessThanOrEqual(2);
  });

  it("writes the command line's customer table, cell for cell, and one item row per source row", async () => {
    const book = workbook(kingdee());
    const { result, customers, items, summary } = await paneRun(book);
    expect(result.records).toBe(10);
    expect(asFile(customers).map((row) => row.map((v) => asCsv(v)))).toEqual(cliCustomers);
    // The item sheet: 42 source rows (40 items, the 小计 and the 合计), as the command line's items CSV.
    expect(items).not.toBeNull();
    const itemCells = items!.values();
    expect(itemCells).toHaveLength(43);
    const head = itemCells[0];
    const dates = [head.indexOf("due date"), head.indexOf("paid date")];
    expect(itemCells.map((row) => row.map((v, c) => asCsv(v, dates.includes(c))))).toEqual(cliItems);
    expect(itemCells.slice(1).map((row) => row[0])).toEqual(Array.from({ length: 42 }, (_, i) => 5 + i));
    // Row 16 is the 小计, row 46 the 合计: skipped and said why.
    const fate = head.indexOf("what became of it");
    expect(itemCells[16 - 4][fate]).toBe("skipped");
    expect(itemCells[16 - 4][head.indexOf("problems / notes")]).toMatch(/^subtotal row/);
    expect(String(itemCells[46 - 4][head.indexOf("problems / notes")])).toMatch(/^total row/);
    // Dates formatted as dates, amounts as amounts; the first item's due date 2025年6月19日.
    expect(itemCells[1][dates[0]]).toBe(serialFromCivil(2025, 6, 19));
    expect(items!.numberFormatAt(1, dates[0])).toBe("yyyy-mm-dd");
    expect(items!.numberFormatAt(1, head.indexOf("amount"))).toBe("#,##0.00");
    // The summary sheet: the item sheet named, the counts and the reconciliation as plain text.
    const row = (label: string) => summary.find((r) => r[0] === label);
    expect(row("item sheet")?.[1]).toBe(result.write.itemSheet);
    expect(row("rows")?.[1]).toBe(10);
    expect(row("triaged balance")?.[1]).toBe(6_878_641.08);
    const lines = summary.map((r) => r[0]).filter((c): c is string => typeof c === "string");
    expect(lines).toContain(
      "item list: 42 rows = 40 items (40 rolled up into 10 customers, 0 paid by the as-of date, 0 with problems) + 2 heading/subtotal/total rows + 0 blank",
    );
    expect(lines).toContain("reconciliation: open items 6,878,641.08 = customer balances 6,878,641.08");
    expect(lines).toContain("the export's own total (row 46) 6,878,641.08 equals the sum of its items");
    // The same lines as the command line prints, and in the run's result for the pane to show.
    for (const line of ["reconciliation: open items 6,878,641.08 = customer balances 6,878,641.08"]) expect(cliLines).toContain(line);
    expect(result.ledger?.lines).toContain("the export's own total (row 46) 6,878,641.08 equals the sum of its items");
    expect(result.ledger?.counts).toEqual({
      rows: 42,
      items: 40,
      rolledUp: 40,
      history: 0,
      problem: 0,
      skipped: 2,
      blank: 0,
      customers: 10,
    });
    expect(result.ledger?.reconciliation.agrees).toBe(true);
    // The export is only read.
    expect(book.sheet("应收款明细").mutations).toBe(0);
  });

  it("says plainly when the export's own total differs from its items", async () => {
    const rows = kingdee();
    rows[45][8] = "6,878,641.18"; // the 合计's open amount, ten cents too much
    const { summary, result } = await paneRun(workbook(rows));
    const text = summary.map((r) => r[0]);
    expect(text).toContain(
      "the export's own total (row 46) 6,878,641.18 differs from the sum of its items 6,878,641.08 by 0.1: check the export",
    );
    expect(result.ledger?.reconciliation.agrees).toBe(false);
  });

  it("writes in Chinese: the sheets 分诊结果, 明细, 分诊汇总", async () => {
    const { result, items, summary } = await paneRun(workbook(kingdee()), "zh");
    expect([result.write.resultSheet, result.write.itemSheet, result.write.summarySheet]).toEqual(["分诊结果", "明细", "分诊汇总"]);
    expect(items!.values()[0][0]).toBe("源行号");
    expect(summary.map((r) => r[0])).toContain("导出文件的合计（第 46 行）6,878,641.08 与其明细之和一致");
  });

  it("gives the same result in a 1904 workbook, its item dates on the workbook's count", async () => {
    const in1900 = await paneRun(workbook(kingdee()));
    const in1904 = await paneRun(workbook(kingdee(), { use1904DateSystem: true }));
    expect(in1904.result.dateSystem).toBe("1904");
    expect(in1904.customers).toEqual(in1900.customers);
    const a = in1900.items!.values();
    const b = in1904.items!.values();
    const dates = [a[0].indexOf("due date"), a[0].indexOf("paid date")];
    expect(b.map((row) => row.map((v, c) => (dates.includes(c) && typeof v === "number" ? v + 1462 : v)))).toEqual(a);
    // 2025/5/20 was typed as a date (a 1904 serial), 2025年6月19日 is text: both read as the same days.
    expect(b[1][dates[0]]).toBe(serialFromCivil(2025, 6, 19) - 1462);
    expect(in1904.summary.find((r) => r[0] === "as of")?.[1]).toBe(asOf - 1462);
  });

  it("a customer table is written as before (samples/portfolio.csv: no item sheet, no ledger lines)", async () => {
    const { headers, rows } = samplePortfolio();
    const book = workbook([headers, ...rows], { select: "应收款明细!A1" });
    const { result, customers, items, summary } = await paneRun(book, "en", undefined, asOf);
    expect(result.ledger).toBeNull();
    expect(items).toBeNull();
    expect(result.write.itemSheet).toBeUndefined();
    const golden = csv(join(root, "test/cli/golden/sample-triage.csv"));
    expect(asFile(customers).map((row) => row.map((v) => asCsv(v)))).toEqual(golden);
    expect(summary.some((r) => r[0] === "item sheet" || r[0] === "open items and reconciliation")).toBe(false);
  });
});

describe("the day/month order setting", () => {
  // An invoice history whose dates read two ways (2/1/2025): no date has a day above 12.
  const history = (): FakeCellInput[][] => [
    ["Invoice history", "", "", "", ""],
    ["As of 3/12/2025", "", "", "", ""],
    ["Customer", "Num", "Due Date", "Amount", "Date Paid"],
    ["Acme", "INV-1", "2/1/2025", "1,000.00", ""],
    ["Acme", "INV-2", "3/1/2025", "500.00", "3/2/2025"],
    ["Beta", "INV-3", "1/3/2025", "250.00", ""],
  ];

  it("auto cannot decide: the items are not rolled up and the run's lines say to choose the order", async () => {
    const { result, items } = await paneRun(workbook(history(), { select: "应收款明细!A4" }), "en", undefined, asOf);
    expect(result.ledger?.counts.problem).toBe(3);
    const question = result.ledger?.lines.find((l) => l.startsWith("dates:"));
    expect(question).toMatch(/^dates: the day\/month order could not be decided, 3 item rows have dates that read two ways/);
    expect(question).toContain("choose month first or day first under Day/month order and run again");
    expect(String(items!.values()[1][11])).toContain("can be read two ways");
  });

  it("month first or day first, as chosen: the dates read that way and the line credits the setting", async () => {
    const mdy = await paneRun(workbook(history(), { select: "应收款明细!A4" }), "en", "mdy", asOf);
    const dmy = await paneRun(workbook(history(), { select: "应收款明细!A4" }), "en", "dmy", asOf);
    const due = (run: typeof mdy) => run.items!.values()[1][6];
    expect(due(mdy)).toBe(serialFromCivil(2025, 2, 1));
    expect(due(dmy)).toBe(serialFromCivil(2025, 1, 2));
    expect(mdy.result.ledger?.counts.problem).toBe(0);
    expect(mdy.result.ledger?.lines).toContain("dates: month first (7/31/2025), as chosen under Day/month order");
    // The title's "As of 3/12/2025" reads two ways too: it is not offered as the as-of date.
    expect(mdy.found.location.titleAsOf).toBeUndefined();
  });
});
