// The collection log from the pane (src/excel-io/collection-log.ts) on the fake Excel: creating the log
// table (its bilingual headers read back by the core's readCollectionLog), taking the customer from the
// selection, appending exactly one row, and touching no other sheet.
import { beforeEach, describe, expect, it } from "vitest";
import { readCollectionLog, recogniseLogHeader, RuleError, serialFromCivil } from "../../src/core/index.js";
import {
  appendLogEvent,
  createCollectionLog,
  findLogTable,
  logTableHeaders,
  readSelectedCustomer,
} from "../../src/excel-io/collection-log.js";
import { FakeWorkbook } from "../support/fake-excel/index.js";

let book: FakeWorkbook;
const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => book.run(batch);

beforeEach(() => {
  book = new FakeWorkbook();
  book.addSheet("Debtors", [
    ["Customer", "Balance"],
    ["Acme Ltd", 1200],
    ["华东贸易", 5000.5],
  ]);
  book.addSheet("Result", [
    ["row", "grade", "customer", "level"],
    [2, "B", "Acme Ltd", 2],
    [3, "C", "华东贸易", 3],
  ]);
  book.select("Result!A3");
});

describe("the collection log table", () => {
  it("has bilingual headers in LOG_FIELDS order, each read back as its column", () => {
    const headers = logTableHeaders();
    expect(headers).toEqual([
      "Date 日期",
      "Customer 客户",
      "Invoice 发票号",
      "Action 催收动作",
      "Amount 金额",
      "Promised date 承诺日期",
      "Who 经办人",
      "Note 备注",
    ]);
    expect(headers.map(recogniseLogHeader)).toEqual(["date", "customer", "invoice", "action", "amount", "promisedDate", "who", "note"]);
    // both languages must name the same column
    expect(recogniseLogHeader("Date 客户")).toBeNull();
  });

  it("is created on a new sheet only when the workbook has none, touching no other sheet", async () => {
    const made = await run((context) => createCollectionLog(context, "en"));
    expect(made).toEqual({ created: true, table: { name: "CollectionLog", sheet: "Collection log" } });
    expect(book.sheet("Collection log").values()[0]).toEqual(logTableHeaders());
    expect(book.sheet("Debtors").mutations).toBe(0);
    expect(book.sheet("Result").mutations).toBe(0);
    const log = readCollectionLog(book.sheet("Collection log").values());
    expect(log.columns.missingRequired).toEqual([]);
    expect(log.events).toEqual([]);
    // a second time: found, nothing changed
    const mutations = book.sheet("Collection log").mutations;
    expect(await run((context) => createCollectionLog(context, "en"))).toMatchObject({ created: false });
    expect(book.sheet("Collection log").mutations).toBe(mutations);
    expect(book.tables.filter((t) => !t.deleted)).toHaveLength(1);
  });

  it("is called 催收记录 in a Chinese workbook, and a sheet of that name without a log is not written over", async () => {
    book.addSheet("催收记录", [["随便"]]);
    const refused = run((context) => createCollectionLog(context, "zh"));
    await expect(refused).rejects.toThrow(RuleError);
    await expect(refused).rejects.toMatchObject({ argument: "log" });
    expect(book.sheet("催收记录").values()).toEqual([["随便"]]);
  });

  it("finds a log the user made, by its headers", async () => {
    book.addSheet("My log", [["日期", "客户名称", "催收动作"]]);
    book.addTable("My log!A1:C1", { name: "Contacts" });
    expect(await run(findLogTable)).toEqual({ name: "Contacts", sheet: "My log" });
  });
});

describe("the selected customer", () => {
  it("is the customer of the selected row of a result sheet (by its customer header)", async () => {
    book.select("Result!D2");
    expect(await run(readSelectedCustomer)).toEqual({ customer: "Acme Ltd", address: "Result!D2" });
    book.select("Debtors!B3");
    expect((await run(readSelectedCustomer)).customer).toBe("华东贸易");
  });

  it("is the selected cell's text on a sheet without a customer column", async () => {
    book.addSheet("Notes", [["call these"], ["  Beta Co  "]]);
    book.select("Notes!A2");
    expect((await run(readSelectedCustomer)).customer).toBe("Beta Co");
  });

  it("is refused for a header, a blank cell or several rows", async () => {
    for (const cell of ["Result!C1", "Result!F9", "Result!A2:A3"]) {
      book.select(cell);
      await expect(run(readSelectedCustomer)).rejects.toMatchObject({ argument: "customer" });
    }
  });
});

describe("recording an event", () => {
  const today = serialFromCivil(2026, 12, 7);

  it("appends exactly one row, as typed, and changes nothing else", async () => {
    await run((context) => createCollectionLog(context, "en"));
    const before = { debtors: book.sheet("Debtors").mutations, result: book.sheet("Result").mutations };
    const first = await run((context) =>
      appendLogEvent(context, { date: today, customer: "Acme Ltd", action: "call", who: "Li", note: "will pay Friday" }, "en"),
    );
    // The first event fills the blank row Excel puts under a header alone.
    expect(first.sheetRow).toBe(2);
    const second = await run((context) =>
      appendLogEvent(
        context,
        { date: today, customer: "Acme Ltd", action: "promise", amount: 1200.5, promisedDate: today + 7, who: "Li", note: "" },
        "zh",
      ),
    );
    expect(second.sheetRow).toBe(3);
    const values = book.sheet("Collection log").values();
    expect(values).toEqual([
      logTableHeaders(),
      [today, "Acme Ltd", "", "call", "", "", "Li", "will pay Friday"],
      [today, "Acme Ltd", "", "承诺还款", 1200.5, today + 7, "Li", ""],
    ]);
    expect(book.sheet("Collection log").numberFormatAt(2, 5)).toBe("yyyy-mm-dd");
    expect(book.sheet("Collection log").numberFormatAt(1, 0)).toBe("yyyy-mm-dd");
    expect(book.tables[0].rect).toMatchObject({ top: 0, bottom: 2 });
    expect(book.sheet("Debtors").mutations).toBe(before.debtors);
    expect(book.sheet("Result").mutations).toBe(before.result);
    // the core reads it back: two events, the promise with its amount and date
    const log = readCollectionLog(values);
    expect(log.problems).toEqual([]);
    expect(log.events.map((e) => [e.action, e.amount, e.promisedDate])).toEqual([
      ["call", null, null],
      ["promise", 1200.5, today + 7],
    ]);
  });

  it("writes serials of the 1904 count in a 1904 workbook", async () => {
    await run((context) => createCollectionLog(context, "en"));
    const written = await run((context) =>
      appendLogEvent(context, { date: today, customer: "A", action: "payment", amount: 10 }, "en", "1904"),
    );
    expect(written.row[0]).toBe(today - 1462);
  });

  it("is refused without a log table, writing nothing", async () => {
    await expect(run((context) => appendLogEvent(context, { date: today, customer: "A", action: "call" }, "en"))).rejects.toMatchObject({
      argument: "log",
    });
    expect(book.sheets.map((s) => s.name)).toEqual(["Debtors", "Result"]);
  });
});
