// Reading rows in chunks: every row in order, every sync under the payload ceiling and the cell limit,
// syncs growing with the chunks (several chunks per sync) and never with the rows, a retry in smaller
// chunks when rows turn out longer than measured, values as Excel gives them (serials, error texts), abort.
import { describe, expect, it } from "vitest";
import { FakeWorkbook, fakeError, type FakeCellInput } from "../support/fake-excel/index.js";
import { locatePortfolio } from "../../src/excel-io/locate.js";
import { readPortfolioRows } from "../../src/excel-io/read.js";
import { PaneError } from "../../src/excel-io/errors.js";
import type { PortfolioLocation } from "../../src/excel-io/types.js";

const HEADERS = ["Customer", "Balance", "Due date", "Cash flow"];

function ledger(n: number, text = (i: number) => `Customer ${i}`): FakeCellInput[][] {
  const rows: FakeCellInput[][] = [HEADERS];
  for (let i = 0; i < n; i++) rows.push([text(i), 1000 + i * 7.25, 45000 + (i % 900), i % 3 === 0 ? "good" : "fair"]);
  return rows;
}

async function setUp(n: number, options: { payloadLimit?: number; text?: (i: number) => string } = {}) {
  const wb = new FakeWorkbook({ payloadLimit: options.payloadLimit });
  wb.addSheet("Debtors", ledger(n, options.text));
  wb.select("Debtors!A1");
  const location = await locatePortfolio(wb.context(), { kind: "selection" });
  wb.syncs.length = 0;
  return { wb, location };
}

function expectInOrder(rows: unknown[][], n: number): void {
  expect(rows).toHaveLength(n);
  for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 997))) expect(rows[i][0]).toBe(`Customer ${i}`);
  expect(rows[n - 1][0]).toBe(`Customer ${n - 1}`);
}

describe("readPortfolioRows", () => {
  it("reads 100,000 rows in many chunks under a small ceiling, all in order, every response under it", async () => {
    const { wb, location } = await setUp(100_000, { payloadLimit: 250_000 });
    const progress: number[] = [];
    const { rows, report } = await readPortfolioRows(wb.context(), location, {
      maxRequestBytes: 200_000,
      onProgress: (done) => progress.push(done),
    });
    expectInOrder(rows, 100_000);
    expect(rows[5]).toEqual(["Customer 5", 1036.25, 45005, "fair"]);
    expect(report.chunks).toBeGreaterThan(20);
    expect(report.syncs).toBe(wb.syncs.length);
    expect(Math.max(...wb.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(200_000);
    expect(report.maxRequestBytes).toBeLessThanOrEqual(200_000);
    expect(report.totalBytes).toBeGreaterThan(100_000 * 30);
    expect(progress.at(-1)).toBe(100_000);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("puts several chunks in one sync when they fit: syncs grow with chunks, not with rows", async () => {
    const { wb, location } = await setUp(100_000);
    const { rows, report } = await readPortfolioRows(wb.context(), location, { chunkRows: 1000 });
    expectInOrder(rows, 100_000);
    expect(report.chunks).toBeGreaterThanOrEqual(100);
    expect(report.syncs).toBeLessThan(report.chunks / 5);
    expect(Math.max(...wb.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(4_000_000);

    // Twice the rows, twice the chunks and about twice the syncs; never one sync per row.
    const twice = await setUp(200_000);
    const second = await readPortfolioRows(twice.wb.context(), twice.location, { chunkRows: 1000 });
    expect(second.report.chunks).toBe(2 * report.chunks);
    expect(second.report.syncs).toBeLessThanOrEqual(2 * report.syncs + 1);
    expect(second.report.syncs).toBeGreaterThan(report.syncs);
  });

  it("reads again in smaller chunks when the rows further down are longer than measured", async () => {
    const long = "x".repeat(400);
    const { wb, location } = await setUp(20_000, {
      payloadLimit: 300_000,
      text: (i) => (i < 2000 ? `Customer ${i}` : `Customer ${i} ${long}`),
    });
    const { rows, report } = await readPortfolioRows(wb.context(), location, { maxRequestBytes: 300_000 });
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999][0]).toBe(`Customer 19999 ${long}`);
    expect(rows[1999][0]).toBe("Customer 1999");
    expect(wb.syncs.some((s) => s.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(report.syncs).toBe(wb.syncs.length);
  });

  it("keeps every read under 5,000,000 cells", async () => {
    const wb = new FakeWorkbook({ payloadLimit: 200_000_000 });
    const width = 300;
    wb.addSheet("Wide", [
      Array.from({ length: width }, (_, i) => `h${i}`),
      ...Array.from({ length: 20_000 }, () => new Array<number>(width).fill(0)),
    ]);
    const location: PortfolioLocation = {
      sheetName: "Wide",
      address: "Wide!A1:KN20001",
      headerRow: 1,
      firstColumn: 0,
      headers: [],
      rowCount: 20_000,
      columnCount: width,
    };
    const { rows, report } = await readPortfolioRows(wb.context(), location, { chunkRows: 50_000, maxRequestBytes: 100_000_000 });
    expect(rows).toHaveLength(20_000);
    expect(Math.max(...wb.syncs.map((s) => s.cellsRead))).toBeLessThanOrEqual(5_000_000);
    expect(report.chunks).toBeGreaterThanOrEqual(2);
  });

  it('gives values as Excel does: dates as serials, error cells as their text, empty cells as ""', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S", [HEADERS, ["A", fakeError("#DIV/0!"), 45869, ""], ["B", 10, fakeError("#N/A"), true]]);
    wb.select("S!A1");
    const ctx = wb.context();
    const { rows } = await readPortfolioRows(ctx, await locatePortfolio(ctx, { kind: "selection" }));
    expect(rows).toEqual([
      ["A", "#DIV/0!", 45869, ""],
      ["B", 10, "#N/A", true],
    ]);
  });

  it("stops between chunks when the signal fires", async () => {
    const { wb, location } = await setUp(50_000);
    const controller = new AbortController();
    const read = readPortfolioRows(wb.context(), location, {
      chunkRows: 1000,
      maxRequestBytes: 100_000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const error = await read.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaneError);
    expect((error as PaneError).name).toBe("AbortError");
    expect(wb.syncs).toHaveLength(1);
  });

  it("turns a failed sync into a PaneError naming the rows", async () => {
    const { wb, location } = await setUp(10);
    wb.failSync(1, { code: "GeneralException" });
    const error = await readPortfolioRows(wb.context(), location).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaneError);
    expect((error as PaneError).code).toBe("read-failed");
    expect((error as PaneError).en).toMatch(/rows 2 to 11 of Debtors/);
  });
});
