import { describe, expect, it } from "vitest";
import {
  ACTION_LABELS,
  COLLECTION_ACTIONS,
  logCustomerKey,
  readAction,
  readCollectionLog,
  recogniseLogColumns,
  recogniseLogHeader,
  RuleError,
  serialFromCivil,
  type CollectionLog,
} from "../../../src/core/index.js";
import { UncomputedFormula } from "../../../src/core/triage/cells.js";

const d = (iso: string) => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromCivil(y, m, day);
};

const HEADERS = ["Date", "Customer", "Invoice", "Action", "Amount", "Promised date", "Who", "Note"];

/** Every data row is an event, a problem, a blank row or a trailing blank row. */
function accounted(log: CollectionLog): number {
  return log.events.length + log.problems.length + log.blankRows.length + log.trailingBlankRows;
}

describe("collection log: actions", () => {
  it("reads each of the seventeen actions by its English and its Chinese label", () => {
    expect(COLLECTION_ACTIONS).toHaveLength(17);
    for (const action of COLLECTION_ACTIONS) {
      expect(readAction(ACTION_LABELS[action].en)).toBe(action);
      expect(readAction(ACTION_LABELS[action].zh)).toBe(action);
    }
    // the issue's list, word for word
    const issue: [string, string, string][] = [
      ["call", "电话", "call"],
      ["visit", "上门拜访", "visit"],
      ["e-mail", "邮件", "email"],
      ["WeChat", "微信", "wechat"],
      ["SMS", "短信", "sms"],
      ["dunning letter", "催款函", "dunningLetter"],
      ["lawyer's letter", "律师函", "lawyerLetter"],
      ["statement sent", "发送对账单", "statementSent"],
      ["balance confirmed", "对账确认", "balanceConfirmed"],
      ["promise to pay", "承诺还款", "promise"],
      ["payment", "回款", "payment"],
      ["dispute opened", "提出异议", "disputeOpened"],
      ["dispute resolved", "异议解决", "disputeResolved"],
      ["plan agreed", "达成分期", "planAgreed"],
      ["instalment missed", "分期逾期", "instalmentMissed"],
      ["claim filed", "申报债权", "claimFiled"],
      ["suit filed", "起诉", "suitFiled"],
    ];
    for (const [en, zh, action] of issue) {
      expect(readAction(en)).toBe(action);
      expect(readAction(zh)).toBe(action);
    }
  });

  it("ignores case, width, spaces and punctuation, and knows a few synonyms", () => {
    expect(readAction("  LAWYERS LETTER ")).toBe("lawyerLetter");
    expect(readAction("Lawyer’s Letter")).toBe("lawyerLetter");
    expect(readAction("email")).toBe("email");
    expect(readAction("E-Mail")).toBe("email");
    expect(readAction("ＷｅＣｈａｔ")).toBe("wechat");
    expect(readAction("Promise-to-pay")).toBe("promise");
    expect(readAction("phone")).toBe("call");
    expect(readAction("installment missed")).toBe("instalmentMissed");
    expect(readAction("催收函")).toBe("dunningLetter");
    expect(readAction("还款")).toBe("payment");
    expect(readAction("lawsuit")).toBe("suitFiled");
  });

  it("reads a cell that gives both languages of one action", () => {
    expect(readAction("call / 电话")).toBe("call");
    expect(readAction("电话 call")).toBe("call");
    expect(readAction("律师函（lawyer's letter）")).toBe("lawyerLetter");
    expect(() => readAction("call / 律师函")).toThrow(RuleError);
  });

  it("refuses an unknown action in both languages, naming the argument", () => {
    try {
      readAction("fax sent");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      const error = e as RuleError;
      expect(error.message).toMatch(/^action: "fax sent" is not a known action \(call, visit, e-mail, /);
      expect(error.zh).toMatch(/^action："fax sent" 不是可识别的催收动作（电话、上门拜访、邮件、/);
    }
    expect(() => readAction("letter")).toThrow(/is not a known action/); // dunning or lawyer's: not guessed
    expect(() => readAction(3)).toThrow(/^action: 3 is not a known action/);
  });
});

describe("collection log: columns", () => {
  it("recognises English and Chinese headers", () => {
    expect(recogniseLogColumns(HEADERS).mapping).toEqual({
      date: 0,
      customer: 1,
      invoice: 2,
      action: 3,
      amount: 4,
      promisedDate: 5,
      who: 6,
      note: 7,
    });
    expect(recogniseLogColumns(["日期", "客户名称", "单据编号", "催收动作", "金额（元）", "承诺还款日", "负责人", "备注"]).mapping).toEqual(
      {
        date: 0,
        customer: 1,
        invoice: 2,
        action: 3,
        amount: 4,
        promisedDate: 5,
        who: 6,
        note: 7,
      },
    );
    expect(["客户", "发票号", "动作", "方式", "承诺日期", "经办人"].map(recogniseLogHeader)).toEqual([
      "customer",
      "invoice",
      "action",
      "action",
      "promisedDate",
      "who",
    ]);
    expect(recogniseLogHeader("Amount (CNY)")).toBe("amount");
    expect(recogniseLogHeader("PROMISED  DATE")).toBe("promisedDate");
  });

  it("reports unknown and duplicate headers and the required columns missing", () => {
    const found = recogniseLogColumns(["Date", "客户", "Customer", "Channel", "Action"]);
    expect(found.mapping).toEqual({ date: 0, customer: 1, action: 4 });
    expect(found.unmatched).toEqual(["Channel"]);
    expect(found.duplicates).toEqual([{ field: "customer", column: 2, header: "Customer" }]);
    expect(found.missingRequired).toEqual([]);
    expect(recogniseLogColumns(["Date", "Note"]).missingRequired).toEqual(["customer", "action"]);
  });

  it("takes the user's corrections first", () => {
    const found = recogniseLogColumns(["When", "Customer", "Channel"], { date: 0, action: 2 });
    expect(found.mapping).toEqual({ date: 0, action: 2, customer: 1 });
    expect(() => recogniseLogColumns(["a"], { action: 3 })).toThrow(/^action: 3 is not a free column of the log/);
    expect(() => recogniseLogColumns(["a"], { colour: 0 } as never)).toThrow(/^colour: is not a column of the log/);
  });

  it("refuses a table without a date, customer or action column, in both languages", () => {
    expect(() => readCollectionLog([["Date", "Customer", "Note"]])).toThrow(/^log: no column for action/);
    try {
      readCollectionLog([["Note"]]);
    } catch (e) {
      expect((e as RuleError).zh).toBe("log：缺少列：日期、客户、催收动作");
    }
    expect(() => readCollectionLog([])).toThrow(/^log: has no header row/);
  });
});

describe("collection log: rows", () => {
  it("reads an event with every column", () => {
    const log = readCollectionLog([
      HEADERS,
      ["2025-06-05", " Jiancai 建材商贸 ", "JC-1", "promise to pay", "200,000", "2025-06-10", "Wang", "on the phone"],
    ]);
    expect(log.events).toEqual([
      {
        sourceRow: 2,
        date: d("2025-06-05"),
        customer: "Jiancai 建材商贸",
        invoice: "JC-1",
        action: "promise",
        amount: 200000,
        promisedDate: d("2025-06-10"),
        who: "Wang",
        note: "on the phone",
      },
    ]);
    expect(log.problems).toEqual([]);
  });

  it("reads serials, numbers and the forms exports write (31.07.2025, 7/31/2025, ¥1,234.50, 80万)", () => {
    const log = readCollectionLog([
      HEADERS,
      [d("2025-07-01"), "A", 1001, "回款", 1234.5, null, null, null],
      ["31.07.2025", "A", "", "payment", "¥1,234.50", "", "", ""],
      ["7/31/2025", "A", "", "承诺还款", "80万", "2025年8月15日", "", ""],
    ]);
    expect(log.problems).toEqual([]);
    expect(log.events.map((e) => [e.date, e.invoice, e.amount, e.promisedDate])).toEqual([
      [d("2025-07-01"), "1001", 1234.5, null],
      [d("2025-07-31"), null, 1234.5, null],
      [d("2025-07-31"), null, 800000, d("2025-08-15")],
    ]);
  });

  it("reports each row that cannot be read with its reasons in both languages, and counts every row", () => {
    const table = [
      HEADERS,
      ["", "A", "", "call", "", "", "", ""], // 2: no date
      ["2025-07-01", "A", "", "fax sent", "", "", "", ""], // 3: unknown action
      ["2025-07-01", "A", "", "payment", "about 20k", "", "", ""], // 4: amount text
      ["2025-07-01", "A", "", "promise to pay", "1000", "", "", ""], // 5: promise without promised date
      [null, null, null, null, null, null, null, null], // 6: blank
      ["2025-07-01", "A", "", "promise to pay", "", "2025-07-10", "", ""], // 7: promise without amount
      ["2025-07-10", "A", "", "promise to pay", "1000", "2025-07-01", "", ""], // 8: promised before the row's date
      ["2025-07-01", "#N/A", "", "payment", "0", "", "", ""], // 9: error value, payment of 0
      ["2025-07-01", "", "", "", "-500", "", "", ""], // 10: no customer, no action, negative amount
      ["2025-02-30", "A", "", "plan agreed", "", "", "", ""], // 11: no such date; plan without amount or first due date
      ["2025-07-01", "A", "", new UncomputedFormula("B2"), "", "", "", ""], // 12: formula without value
      ["2025-07-01", "A", "", "call", "", "", "", ""], // 13: read
      ["", "", "", "", "", "", "", ""], // trailing
      [],
    ];
    const log = readCollectionLog(table);
    expect(log.rowCount).toBe(table.length - 1);
    expect(accounted(log)).toBe(log.rowCount);
    expect(log.events.map((e) => e.sourceRow)).toEqual([13]);
    expect(log.blankRows).toEqual([6]);
    expect(log.trailingBlankRows).toBe(2);
    const byRow = Object.fromEntries(log.problems.map((p) => [p.sourceRow, p.problems.map((r) => r.en)]));
    expect(byRow).toEqual({
      2: ["date: missing (blank cell)"],
      3: [expect.stringMatching(/^action: "fax sent" is not a known action \(call, visit, /)],
      4: [expect.stringMatching(/^amount: "about 20k" is not a number/)],
      5: ["promised date: missing; a promise to pay needs the date the money is promised for"],
      7: ["amount: missing; a promise to pay needs the amount promised"],
      8: ["promised date: before the row's date (were the two dates swapped?)"],
      9: ["customer: the cell holds the Excel error #N/A", "amount: a payment of 0 is no payment"],
      10: ["customer: missing (blank cell)", "action: missing (blank cell)", "amount: -500 is negative; amounts must be >= 0"],
      11: [
        expect.stringMatching(/^date: "2025-02-30" is not a real date/),
        "amount: missing; a plan agreed needs the amount of each instalment",
        "promised date: missing; a plan agreed needs the first instalment's due date",
      ],
      12: ["action: the cell holds a formula without a computed value; open and save the file in Excel"],
    });
    const zh = Object.fromEntries(log.problems.map((p) => [p.sourceRow, p.problems.map((r) => r.zh)]));
    expect(zh[2]).toEqual(["日期：缺失（空白单元格）"]);
    expect(zh[5]).toEqual(["承诺日期：缺失；承诺还款须填写承诺还款的日期"]);
    expect(zh[9]).toEqual(["客户：单元格为 Excel 错误值 #N/A", "金额：回款金额为 0"]);
    expect(log.problems.find((p) => p.sourceRow === 4)?.customer).toBe("A");
    expect(log.problems.find((p) => p.sourceRow === 10)?.customer).toBeNull();
  });

  it("numbers rows from the header row given, and reads a 1904 workbook's date numbers", () => {
    const log = readCollectionLog(
      [
        HEADERS,
        [d("2025-07-01") - 1462, "A", null, "call", null, null, null, null],
        ["2025-07-02", "A", null, "call", null, null, null, null],
      ],
      { headerRow: 4, dateSystem: "1904" },
    );
    expect(log.events.map((e) => [e.sourceRow, e.date])).toEqual([
      [5, d("2025-07-01")],
      [6, d("2025-07-02")],
    ]);
    expect(() => readCollectionLog([HEADERS], { headerRow: 0 })).toThrow(/^headerRow: 0 is not a sheet row number/);
    expect(() => readCollectionLog([HEADERS], { dateSystem: "1905" as never })).toThrow(/^dateSystem: "1905" is not an Excel date system/);
  });

  it("matches customers ignoring case, width and runs of spaces", () => {
    expect(logCustomerKey(" Huaxin  Machinery 华信机械 ")).toBe("huaxin machinery 华信机械");
    expect(logCustomerKey("ＢＬＵＥ River Retail")).toBe(logCustomerKey("blue river retail"));
  });
});
