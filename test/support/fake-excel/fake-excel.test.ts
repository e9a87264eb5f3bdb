// The fake Excel behaves as Office does where the I/O layer depends on it: batching and load/sync, the
// PropertyNotLoaded error, the 5 MB and 5,000,000-cell limits, a failing sync leaving what ran before it,
// strings written to `values` read as typed text (the formula hazard), and the Office globals of a page.
import { describe, expect, it } from "vitest";
import { EXCEL_ERRORS } from "../../../src/core/index.js";
import { FakeOfficeError, FakeWorkbook, fakeError, installFakeOffice } from "./index.js";

async function officeError(promise: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FakeOfficeError);
    return error as FakeOfficeError;
  }
  throw new Error("expected an Office error");
}

function officeErrorOf(call: () => unknown): FakeOfficeError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(FakeOfficeError);
    return error as FakeOfficeError;
  }
  throw new Error("expected an Office error");
}

describe("fake Excel: load and sync", () => {
  it("queues operations until sync, and a property is readable only once loaded and synced", async () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet("Data", [
      ["a", 1],
      ["b", 2],
    ]);
    const ctx = wb.context();
    const range = ctx.workbook.worksheets.getItem("Data").getRange("A1:B2");
    expect(officeErrorOf(() => range.values).code).toBe("PropertyNotLoaded");
    range.load("values,address");
    expect(officeErrorOf(() => range.values).code).toBe("PropertyNotLoaded");
    const write = ctx.workbook.worksheets.getItem("Data").getRange("C1");
    write.values = [[3]];
    expect(sheet.value(0, 2)).toBe(""); // not yet sent
    await ctx.sync();
    expect(range.values).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect(range.address).toBe("Data!A1:B2");
    expect(sheet.value(0, 2)).toBe(3);
    expect(wb.syncs).toHaveLength(1);
    expect(wb.syncs[0].operations).toBe(2);
  });

  it("runs a batch in order: a load after a write sees the write", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    const ctx = wb.context();
    const r = ctx.workbook.worksheets.getItem("S").getRange("A1:A2");
    r.values = [["x"], ["y"]];
    r.load("values");
    await ctx.sync();
    expect(r.values).toEqual([["x"], ["y"]]);
  });

  it("rejects a missing sheet at sync, and loads isNullObject for OrNullObject", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    const ctx = wb.context();
    const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
    missing.load("name");
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    ctx.workbook.worksheets.getItem("Nope").load("name");
    expect((await officeError(ctx.sync())).code).toBe("ItemNotFound");
  });

  it("refuses values whose shape does not match the range; broadcasts a 1x1 number format", async () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet("S", [
      [1, 2],
      [3, 4],
    ]);
    const ctx = wb.context();
    ctx.workbook.worksheets.getItem("S").getRange("A1:B2").values = [[1]];
    expect((await officeError(ctx.sync())).code).toBe("InvalidArgument");
    ctx.workbook.worksheets.getItem("S").getRange("A1:B2").numberFormat = [["0.00"]];
    await ctx.sync();
    expect(sheet.numberFormatAt(1, 1)).toBe("0.00");
    expect(sheet.numberFormatAt(2, 2)).toBe("General");
  });
});

describe("fake Excel: strings written to values are read as typed", () => {
  async function typed(texts: string[], numberFormat?: string) {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet("S");
    const ctx = wb.context();
    const range = ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, texts.length, 1);
    if (numberFormat) range.numberFormat = [[numberFormat]];
    range.values = texts.map((t) => [t]);
    await ctx.sync();
    return sheet;
  }

  it("turns =, +x, -x and @x into formulas (the injection hazard)", async () => {
    const sheet = await typed(['=HYPERLINK("http://evil.example","click")', "+cmd", "-2+3*A1", "@SUM(A1)", "=1+1"]);
    expect(sheet.formula(0, 0)).toBe('=HYPERLINK("http://evil.example","click")');
    expect(sheet.formula(1, 0)).toBe("=+cmd");
    expect(sheet.formula(2, 0)).toBe("=-2+3*A1");
    expect(sheet.formula(3, 0)).toBe("=SUM(A1)");
    expect(sheet.value(4, 0)).toBe("#NAME?"); // the fake does not evaluate formulas
  });

  it("turns numbers, percents, booleans, errors and ISO dates into values of their type", async () => {
    const sheet = await typed(["00123", "-5", "1,234.5", "12%", "true", "#N/A", "2025-07-31", "2025-02-30", "Acme"]);
    expect(sheet.values("A1:A9").map((r) => r[0])).toEqual([123, -5, 1234.5, 0.12, true, "#N/A", 45869, "2025-02-30", "Acme"]);
    expect(sheet.numberFormatAt(6, 0)).toBe("m/d/yyyy");
  });

  it("knows every error value of the core's list, #EXTERNAL! and #PYTHON! included (typed in lower case, read in upper)", async () => {
    const codes = [...EXCEL_ERRORS];
    expect(codes).toEqual(expect.arrayContaining(["#EXTERNAL!", "#PYTHON!", "#BLOCKED!", "#GETTING_DATA"]));
    const sheet = await typed(codes.map((c) => c.toLowerCase()));
    expect(sheet.values(`A1:A${codes.length}`).map((r) => r[0])).toEqual(codes);
  });

  it("keeps text after a leading apostrophe (without it) and in a cell formatted as text", async () => {
    const sheet = await typed(["'=HYPERLINK(1)", "'00123", "''quoted"]);
    expect(sheet.values("A1:A3").map((r) => r[0])).toEqual(["=HYPERLINK(1)", "00123", "'quoted"]);
    expect(sheet.formula(0, 0)).toBeNull();
    expect(sheet.isQuotePrefixed(0, 0)).toBe(true);
    const text = await typed(["=1+1", "00123"], "@");
    expect(text.values("A1:A2").map((r) => r[0])).toEqual(["=1+1", "00123"]);
    expect(text.formula(0, 0)).toBeNull();
  });

  it("gives error cells as their text, as Range.values does", () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet("S", [[fakeError("#DIV/0!"), "ok"]]);
    expect(sheet.values("A1:B1")).toEqual([["#DIV/0!", "ok"]]);
  });
});

describe("fake Excel: limits and failures", () => {
  it("refuses a request over the payload limit and applies none of it", async () => {
    const wb = new FakeWorkbook({ payloadLimit: 10_000 });
    const sheet = wb.addSheet("S");
    const ctx = wb.context();
    ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["small"]];
    ctx.workbook.worksheets.getItem("S").getRange("A2:A1001").values = Array.from({ length: 1000 }, () => ["0123456789"]);
    expect((await officeError(ctx.sync())).code).toBe("RequestPayloadSizeLimitExceeded");
    expect(sheet.value(0, 0)).toBe("");
    expect(wb.syncs[0].failed).toBe("RequestPayloadSizeLimitExceeded");
  });

  it("refuses a response over the payload limit, and a read of more cells than allowed", async () => {
    const wb = new FakeWorkbook({ payloadLimit: 10_000, cellsPerReadLimit: 500 });
    wb.addSheet(
      "S",
      Array.from({ length: 400 }, (_, i) => [`row ${i} with some text`]),
    );
    const ctx = wb.context();
    ctx.workbook.worksheets.getItem("S").getRange("A1:A400").load("values");
    expect((await officeError(ctx.sync())).code).toBe("ResponsePayloadSizeLimitExceeded");
    ctx.workbook.worksheets.getItem("S").getRange("A1:B300").load("values");
    expect((await officeError(ctx.sync())).code).toBe("RangeExceedsLimit");
    const ok = ctx.workbook.worksheets.getItem("S").getRange("A1:A10");
    ok.load("values");
    await ctx.sync();
    expect(ok.values[9]).toEqual(["row 9 with some text"]);
  });

  it("fails the Nth sync half-way: the operations before the failure stay applied", async () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet("S");
    wb.failSync(2, { afterOperations: 1 });
    const ctx = wb.context();
    const ws = ctx.workbook.worksheets.getItem("S");
    ws.getRange("A1").values = [[1]];
    await ctx.sync();
    ws.getRange("A2").values = [[2]];
    ws.getRange("A3").values = [[3]];
    const error = await officeError(ctx.sync());
    expect(error.code).toBe("GeneralException");
    expect(sheet.values("A1:A3")).toEqual([[1], [2], [""]]);
    // the context stays usable, and the queue was dropped
    ws.getRange("A4").values = [[4]];
    await ctx.sync();
    expect(sheet.values("A1:A4")).toEqual([[1], [2], [""], [4]]);
  });

  it("can refuse a kind of operation", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.addSheet("T");
    wb.failOperation("Worksheet.delete", { times: 1 });
    const ctx = wb.context();
    ctx.workbook.worksheets.getItem("T").delete();
    expect((await officeError(ctx.sync())).code).toBe("AccessDenied");
    ctx.workbook.worksheets.getItem("T").delete();
    await ctx.sync();
    expect(wb.sheets.map((s) => s.name)).toEqual(["S"]);
  });

  it("keeps sheet names unique and valid, ignoring case, as Excel does", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Triage");
    const ctx = wb.context();
    ctx.workbook.worksheets.add("triage");
    expect((await officeError(ctx.sync())).code).toBe("ItemAlreadyExists");
    ctx.workbook.worksheets.add("a/b");
    expect((await officeError(ctx.sync())).code).toBe("InvalidArgument");
    ctx.workbook.worksheets.add("x".repeat(32));
    expect((await officeError(ctx.sync())).code).toBe("InvalidArgument");
  });

  it("measures each sync's request and response in bytes", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S", [["é中"]]);
    const ctx = wb.context();
    const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
    r.load("values");
    await ctx.sync();
    // [["é中"]]: 4 brackets + 2 quotes + 2 + 3 bytes of UTF-8
    expect(wb.syncs[0].responseBytes).toBeGreaterThanOrEqual(11);
    expect(wb.syncs[0].cellsRead).toBe(1);
  });
});

describe("fake Office globals", () => {
  it("installs Office and Excel.run on a global object", async () => {
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet("S");
    const page: Record<string, unknown> = {};
    const globals = installFakeOffice(page, wb, { displayLanguage: "zh-CN" });
    const office = page.Office as {
      onReady: () => Promise<{ host: string }>;
      context: {
        displayLanguage: string;
        document: { settings: { set(k: string, v: unknown): void; get(k: string): unknown; saveAsync(cb: () => void): void } };
      };
    };
    expect((await office.onReady()).host).toBe("Excel");
    expect(office.context.displayLanguage).toBe("zh-CN");
    office.context.document.settings.set("policy", { a: 1 });
    await new Promise<void>((resolve) => office.context.document.settings.saveAsync(resolve));
    expect(globals.savedSettings.get("policy")).toEqual({ a: 1 });
    const excel = page.Excel as { run: (batch: (ctx: Excel.RequestContext) => Promise<void>) => Promise<void> };
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("B2").values = [["left queued"]];
    });
    expect(sheet.value(1, 1)).toBe("left queued"); // Excel.run syncs what the batch left queued
  });
});

describe("the fake host's requirement sets", () => {
  it("compares API versions part by part (1.9 is older than 1.17)", () => {
    const page: { Office?: { context: { requirements: { isSetSupported(name: string, version?: string): boolean } } } } = {};
    installFakeOffice(page, new FakeWorkbook());
    const supported = (v: string) => page.Office!.context.requirements.isSetSupported("ExcelApi", v);
    expect([supported("1.1"), supported("1.9"), supported("1.17"), supported("1.18"), supported("2.0")]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(page.Office!.context.requirements.isSetSupported("WordApi", "1.1")).toBe(false);
  });

  it("can play an older Excel (ExcelApi 1.8: no 1.9)", () => {
    const page: { Office?: { context: { requirements: { isSetSupported(name: string, version?: string): boolean } } } } = {};
    installFakeOffice(page, new FakeWorkbook(), { excelApi: "1.8" });
    const supported = (v: string) => page.Office!.context.requirements.isSetSupported("ExcelApi", v);
    expect([supported("1.1"), supported("1.8"), supported("1.9"), supported("1.17")]).toEqual([true, true, false, false]);
  });
});

describe("the fake application", () => {
  it("records the recalculations asked for, once synced", async () => {
    const wb = new FakeWorkbook();
    const ctx = wb.context();
    ctx.workbook.application.calculate("Full" as Excel.CalculationType);
    expect(wb.calculations).toEqual([]);
    await ctx.sync();
    expect(wb.calculations).toEqual(["Full"]);
  });
});
