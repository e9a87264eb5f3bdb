// Finding the portfolio: a selected range, a single cell standing for its region, the region down past a
// blank row, a named table, a selection inside a table; bilingual errors; at most two syncs, no data read.
import { describe, expect, it } from "vitest";
import { FakeWorkbook } from "../support/fake-excel/index.js";
import { locatePortfolio } from "../../src/excel-io/locate.js";
import { PaneError } from "../../src/excel-io/errors.js";

const HEADERS = ["Customer", "Balance", "Due date"];
const debtors = (n: number) => Array.from({ length: n }, (_, i) => [`Customer ${i + 1}`, 1000 * (i + 1), 45800 + i]);

async function paneError(promise: Promise<unknown>): Promise<PaneError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PaneError);
    const e = error as PaneError;
    expect(e.en.length).toBeGreaterThan(10);
    expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    return e;
  }
  throw new Error("expected a PaneError");
}

describe("locatePortfolio", () => {
  it("takes a single selected cell's current region, header row first, and reads no data beyond the first 30 rows", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Notes", [["hello"]]);
    wb.addSheet("Debtors", [HEADERS, ...debtors(50)], { at: "B3" });
    wb.select("Debtors!C10");
    const location = await locatePortfolio(wb.context(), { kind: "selection" });
    expect(location).toEqual({
      sheetName: "Debtors",
      address: "Debtors!B3:D53",
      headerRow: 3,
      firstColumn: 1,
      headers: HEADERS,
      rowCount: 50,
      columnCount: 3,
    });
    expect(wb.syncs.length).toBeLessThanOrEqual(2);
    // the first 30 rows only, where an export's header may lie below title rows (HEADER_SCAN_ROWS)
    expect(wb.syncs.reduce((n, s) => n + s.cellsRead, 0)).toBe(30 * 3);
  });

  it("runs the region on past a blank row to the last used row (the core reports the blank row)", async () => {
    const wb = new FakeWorkbook();
    const rows = [HEADERS, ...debtors(5), [], ...debtors(2)];
    wb.addSheet("Debtors", rows);
    wb.select("Debtors!A2");
    const location = await locatePortfolio(wb.context(), { kind: "currentRegion" });
    expect(location.address).toBe("Debtors!A1:C9");
    expect(location.rowCount).toBe(8);
  });

  it("takes a selected range as it is, cut to the used range (whole columns selected)", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Debtors", [HEADERS, ...debtors(20)]);
    wb.select("Debtors!A1:B11");
    expect((await locatePortfolio(wb.context(), { kind: "selection" })).address).toBe("Debtors!A1:B11");
    wb.select("Debtors!A:C");
    const whole = await locatePortfolio(wb.context(), { kind: "selection" });
    expect(whole.address).toBe("Debtors!A1:C21");
    expect(whole.rowCount).toBe(20);
  });

  it("finds a named table, without its totals row", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("My debtors", [["title"], [], HEADERS, ...debtors(10)]);
    wb.addTable("'My debtors'!A3:C13", { name: "Ledger", showTotals: true });
    const location = await locatePortfolio(wb.context(), { kind: "table", name: "ledger" });
    expect(location).toMatchObject({
      sheetName: "My debtors",
      address: "'My debtors'!A3:C13",
      headerRow: 3,
      rowCount: 10,
      tableName: "Ledger",
      headers: HEADERS,
    });
    expect(wb.syncs).toHaveLength(1);
  });

  it("uses the table when the selection lies in one", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Debtors", [HEADERS, ...debtors(10), [], ["other", "stuff", "below"]]);
    wb.addTable("Debtors!A1:C11", { name: "Ledger" });
    wb.select("Debtors!B4:C6");
    const location = await locatePortfolio(wb.context(), { kind: "selection" });
    expect(location.tableName).toBe("Ledger");
    expect(location.address).toBe("Debtors!A1:C11");
    expect(wb.syncs).toHaveLength(2);
  });

  it("says what is wrong, in English and Chinese", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Empty");
    wb.addSheet("One row", [HEADERS]);
    wb.addSheet("Wide", [Array.from({ length: 600 }, (_, i) => `h${i}`), Array.from({ length: 600 }, () => 1)]);
    wb.addSheet("No header", [["title"], [], ["a", 1]]);
    wb.select("Empty!A1");
    expect((await paneError(locatePortfolio(wb.context(), { kind: "selection" }))).code).toBe("no-data");
    wb.select("'One row'!B1");
    expect((await paneError(locatePortfolio(wb.context(), { kind: "selection" }))).code).toBe("header-only");
    wb.select("Wide!A1");
    expect((await paneError(locatePortfolio(wb.context(), { kind: "selection" }))).code).toBe("too-many-columns");
    wb.select("'No header'!A2:B3");
    expect((await paneError(locatePortfolio(wb.context(), { kind: "selection" }))).code).toBe("no-headers");
    expect((await paneError(locatePortfolio(wb.context(), { kind: "table", name: "Missing" }))).code).toBe("table-not-found");
    wb.select("'One row'!A1:A2,C1");
    expect((await paneError(locatePortfolio(wb.context(), { kind: "selection" }))).code).toBe("selection");
  });

  it("stops before syncing when the signal has fired", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Debtors", [HEADERS, ...debtors(3)]);
    const controller = new AbortController();
    controller.abort();
    const error = await paneError(locatePortfolio(wb.context(), { kind: "selection" }, controller.signal));
    expect(error.name).toBe("AbortError");
    expect(wb.syncs).toHaveLength(0);
  });

  it("finds an export's header below its title rows (the region, or a range selected from the title) and the title's date", async () => {
    const titles = [["A/R Aging Detail"], ["Greenfield Trading LLC"], ["As of July 31, 2025"]];
    const wb = new FakeWorkbook();
    wb.addSheet("Export", [...titles, HEADERS, ...debtors(20)], { at: "B2" });
    wb.select("Export!C10");
    const expected = {
      sheetName: "Export",
      address: "Export!B5:D25",
      headerRow: 5,
      firstColumn: 1,
      headers: HEADERS,
      rowCount: 20,
      columnCount: 3,
      titleRows: ["A/R Aging Detail", "Greenfield Trading LLC", "As of July 31, 2025"],
      titleAsOf: { text: "July 31, 2025", serial: 45869 },
    };
    expect(await locatePortfolio(wb.context(), { kind: "selection" })).toEqual(expected);
    expect(wb.syncs.length).toBeLessThanOrEqual(2);
    wb.select("Export!B2:D25");
    expect(await locatePortfolio(wb.context(), { kind: "selection" })).toEqual(expected);
    // Selected from the header down: no title rows; a title without a date: none offered.
    wb.select("Export!B5:D25");
    expect(await locatePortfolio(wb.context(), { kind: "selection" })).toEqual({ ...expected, titleRows: undefined, titleAsOf: undefined });
    const plain = new FakeWorkbook();
    plain.addSheet("Export", [["Open items"], HEADERS, ...debtors(3)]);
    plain.select("Export!A3");
    const undated = await locatePortfolio(plain.context(), { kind: "selection" });
    expect([undated.address, undated.titleRows, undated.titleAsOf]).toEqual(["Export!A2:C5", ["Open items"], undefined]);
  });

  it("takes a table whose first row names no customer, amount and date as it is (no header search below it)", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Debtors", [["Name", "Owed", "Note"], ...debtors(3).map((r) => [r[0], r[1], "x"])]);
    wb.select("Debtors!A2");
    const location = await locatePortfolio(wb.context(), { kind: "selection" });
    expect([location.address, location.headerRow, location.titleRows]).toEqual(["Debtors!A1:C4", 1, undefined]);
  });
});
