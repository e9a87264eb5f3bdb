// The shapes of real receivables exports: the header found below the title block, every row told apart
// (item, blank, heading, subtotal, total), the export's own grand total picked out. The grids are built
// after the exports' documented layouts: QuickBooks Online "A/R Aging Detail" (CSV), SAP FBL5N customer
// line items (spreadsheet download, `*`/`**` marking the result rows of the list), a Kingdee-style
// 应收款明细表, ERPNext's "Accounts Receivable" report, and the IBM sample's invoice history.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  classifyRow,
  grandTotal,
  locateHeader,
  shapeExport,
  serialFromCivil,
  titleAsOf,
  titleAsOfDate,
  type ColumnMapping,
  type RowKind,
} from "../../../src/core/index.js";
import { ibmSampleFile } from "../../../src/analytics/io.js";
import { ibmPresent, ibmSuite } from "../../support/ibm-sample.js";
import { expectRuleError } from "../../support/rule-error.js";

/** The kinds of a shape's rows, one letter each (d data, b blank, h heading, s subtotal, t total), for a compact assertion. */
function letters(kinds: readonly RowKind[]): string {
  return kinds.map((k) => ({ data: "d", blank: "b", heading: "h", subtotal: "s", total: "t" })[k.kind]).join("");
}

// prettier-ignore
const QUICKBOOKS: unknown[][] = [
  ["Greenfield Trading LLC"],
  ["A/R Aging Detail"],
  ["As of July 31, 2025"],
  [],
  ["", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Past Due", "Amount", "Open Balance"],
  ["Current"],
  ["", "07/15/2025", "Invoice", "1045", "Total Logistics Ltd", "08/14/2025", "-14", "1,200.00", "1,200.00"],
  ["", "07/20/2025", "Invoice", "1046", "Cool Cars", "08/19/2025", "-19", "350.00", "350.00"],
  ["Total for Current", "", "", "", "", "", "", "$1,550.00", "$1,550.00"],
  [],
  ["1 - 30 days past due"],
  ["", "06/20/2025", "Invoice", "1032", "Totally Fresh Foods", "07/20/2025", "11", "800.00", "500.00"],
  ["", "06/25/2025", "Credit Memo", "1033", "Cool Cars", "07/25/2025", "6", "-50.00", "-50.00"],
  ["Total for 1 - 30 days past due", "", "", "", "", "", "", "$750.00", "$450.00"],
  ["91 or more days past due"],
  ["", "03/01/2025", "Invoice", "1001", "", "03/31/2025", "122", "2,000.00", "2,000.00"],
  ["Total for 91 or more days past due", "", "", "", "", "", "", "$2,000.00", "$2,000.00"],
  [],
  ["TOTAL", "", "", "", "", "", "", "$4,300.00", "$4,000.00"],
  [],
  ["Monday, August 04, 2025 09:12 AM GMT-07:00"],
];

// prettier-ignore
const SAP_FBL5N: unknown[][] = [
  ["Customer Line Item Display"],
  [],
  ["Customer", "100001"],
  ["Company Code", "1000"],
  ["Name", "Huaxin Machinery"],
  ["Open at key date 31.07.2025"],
  [],
  ["St", "Assignment", "DocumentNo", "Typ", "Doc. Date", "Net due dt", "Arrears", "Amount in local currency", "LCurr", "Clrng doc.", "Customer", "Name 1"],
  ["", "0090001234", "1800000123", "RV", "15.06.2025", "15.07.2025", "16", "12.500,00", "EUR", "", "100001", "Huaxin Machinery"],
  ["", "0090001240", "1800000130", "DG", "20.06.2025", "20.06.2025", "41", "1.000,00-", "EUR", "", "100001", "Huaxin Machinery"],
  ["*", "", "", "", "", "", "", "11.500,00", "EUR", "", "100001", ""],
  ["", "0090001301", "1800000201", "RV", "01.07.2025", "31.08.2025", "-31", "3.000,00", "EUR", "", "100002", "Meridian Tools GmbH"],
  ["*", "", "", "", "", "", "", "3.000,00", "EUR", "", "100002", ""],
  ["**", "", "", "", "", "", "", "14.500,00", "EUR", "", "", ""],
];

// prettier-ignore
const KINGDEE: unknown[][] = [
  ["应收款明细表"],
  ["公司：华信集团有限公司", "", "", "截止日期：2025-07-31"],
  ["币别：人民币", "", "", "单位：元"],
  ["单据日期", "单据编号", "单据类型", "客户编码", "客户名称", "到期日", "价税合计", "已核销金额", "未核销金额", "业务员"],
  ["2025-05-10", "AR-2025-0012", "销售发票", "C001", "华信机械", "2025-06-09", "113,000.00", "13,000.00", "100,000.00", "张三"],
  ["2025-06-18", "AR-2025-0031", "销售发票", "C001", "华信机械", "2025-07-18", "56,500.00", "0.00", "56,500.00", "张三"],
  ["", "", "", "", "华信机械 小计", "", "169,500.00", "13,000.00", "156,500.00", ""],
  ["2025-07-02", "AR-2025-0040", "其他应收单", "C002", "鲜味餐饮供应链", "2025-08-01", "80万", "", "80万", "李四"],
  ["2025-07-05", "SK-2025-0002", "收款单", "C002", "鲜味餐饮供应链", "", "-20,000.00", "", "-20,000.00", "李四"],
  ["", "", "", "", "鲜味餐饮供应链 小计", "", "780,000.00", "0.00", "780,000.00", ""],
  ["合　计", "", "", "", "", "", "949,500.00", "13,000.00", "936,500.00", ""],
];

// prettier-ignore
const ERPNEXT: unknown[][] = [
  ["Posting Date", "Customer", "Customer Name", "Receivable Account", "Voucher Type", "Voucher No", "Due Date", "Invoiced Amount", "Paid Amount", "Credit Note", "Outstanding Amount", "Age (Days)", "0-30", "31-60", "61-90", "91-120", "121-Above", "Currency", "Territory", "Customer Group"],
  ["2025-06-01", "CUST-00012", "Fresh Table Catering", "Debtors - FT", "Sales Invoice", "ACC-SINV-2025-00041", "2025-07-01", 1_200_000, 0, 0, 1_200_000, 30, 1_200_000, 0, 0, 0, 0, "CNY", "China", "Commercial"],
  ["2025-07-10", "CUST-00012", "Fresh Table Catering", "Debtors - FT", "Sales Invoice", "ACC-SINV-2025-00077", "2025-08-09", 50_000, 20_000, 0, 30_000, 0, 30_000, 0, 0, 0, 0, "CNY", "China", "Commercial"],
  ["2025-07-12", "CUST-00020", "Total Logistics Ltd", "Debtors - FT", "Sales Invoice", "ACC-SINV-2025-00080", "2025-08-11", 8_000, 0, 0, 8_000, 0, 8_000, 0, 0, 0, 0, "CNY", "China", "Commercial"],
  ["Total", "", "", "", "", "", "", 1_258_000, 20_000, 0, 1_238_000, "", 1_238_000, 0, 0, 0, 0, "", "", ""],
];

const IBM_HEADER =
  "countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate".split(
    ",",
  );

describe("QuickBooks Online: A/R Aging Detail", () => {
  const shape = shapeExport(QUICKBOOKS);

  it("finds the header below the title block and keeps the title as text", () => {
    expect(locateHeader(QUICKBOOKS)).toEqual({
      headerRow: 4,
      score: 7,
      titleRows: ["Greenfield Trading LLC", "A/R Aging Detail", "As of July 31, 2025"],
    });
    expect(shape.asOfText).toBe("July 31, 2025");
  });

  it("maps every column an item needs, the amount apart from the open balance", () => {
    expect(shape.recognition.mapping).toEqual({
      invoiceDate: 1,
      documentType: 2,
      document: 3,
      customer: 4,
      dueDate: 5,
      amount: 7,
      balance: 8,
    });
    expect(shape.recognition.unmatched).toEqual(["Past Due"]);
    expect(shape.recognition.missingRequired).toEqual([]);
  });

  it("tells bucket headings, items, bucket totals and the grand total apart", () => {
    expect(letters(shape.kinds)).toBe("hddsbhddshdsbtbh");
    expect(shape.kinds[0]).toEqual({ kind: "heading", text: "Current" });
    // "Total Logistics Ltd" and "Totally Fresh Foods" are customers: their rows carry a number and dates
    expect(shape.kinds[1]).toEqual({ kind: "data" });
    expect(shape.kinds[6]).toEqual({ kind: "data" });
    expect(shape.kinds[3]).toEqual({ kind: "subtotal", text: "Total for Current", amount: "$1,550.00" });
    expect(shape.kinds[5]).toEqual({ kind: "heading", text: "1 - 30 days past due" });
    // no customer, but a number, dates and amounts: an item, whose missing customer the caller reports
    expect(shape.kinds[10]).toEqual({ kind: "data" });
    expect(shape.kinds[13]).toEqual({ kind: "total", text: "TOTAL", amount: "$4,000.00" });
    // the printing line under the report
    expect(shape.kinds[15]).toEqual({ kind: "heading", text: "Monday, August 04, 2025 09:12 AM GMT-07:00" });
    expect(shape.grandTotal).toEqual({ row: 18, text: "TOTAL", amount: "$4,000.00" });
  });
});

describe("SAP FBL5N: customer line items", () => {
  const shape = shapeExport(SAP_FBL5N);

  it("finds the header under a selection block that names a customer, and reads the key date", () => {
    const header = locateHeader(SAP_FBL5N);
    expect(header?.headerRow).toBe(7);
    expect(header?.titleRows).toEqual([
      "Customer Line Item Display",
      "Customer 100001",
      "Company Code 1000",
      "Name Huaxin Machinery",
      "Open at key date 31.07.2025",
    ]);
    expect(shape.asOfText).toBe("31.07.2025");
  });

  it("maps SAP's abbreviated headers, the name (Name 1) before the account number (Customer)", () => {
    expect(shape.recognition.mapping).toEqual({
      document: 2,
      documentType: 3,
      invoiceDate: 4,
      dueDate: 5,
      balance: 7,
      customer: 11,
    });
    expect(shape.recognition.duplicates).toEqual([{ field: "customer", column: 10, header: "Customer", usedColumn: 11 }]);
    expect(shape.recognition.unmatched).toEqual(["St", "Assignment", "Arrears", "LCurr", "Clrng doc."]);
  });

  it("reads `*` as a subtotal and `**` as the grand total, with their raw amounts", () => {
    expect(letters(shape.kinds)).toBe("ddsdst");
    expect(shape.kinds[2]).toEqual({ kind: "subtotal", text: "* EUR", amount: "11.500,00" });
    expect(shape.kinds[5]).toEqual({ kind: "total", text: "** EUR", amount: "14.500,00" });
    expect(shape.grandTotal).toEqual({ row: 13, text: "** EUR", amount: "14.500,00" });
  });
});

describe("Kingdee-style 应收款明细表", () => {
  const shape = shapeExport(KINGDEE);

  it("finds the header under the title block and reads 截止日期", () => {
    expect(shape.header).toEqual({
      headerRow: 3,
      score: 8,
      titleRows: ["应收款明细表", "公司：华信集团有限公司 截止日期：2025-07-31", "币别：人民币 单位：元"],
    });
    expect(shape.asOfText).toBe("2025-07-31");
  });

  it("maps the Chinese headers: 客户名称 as the customer, 价税合计 as the amount, 未核销金额 as the balance", () => {
    expect(shape.recognition.mapping).toEqual({
      invoiceDate: 0,
      document: 1,
      documentType: 2,
      customer: 4,
      dueDate: 5,
      amount: 6,
      paidAmount: 7,
      balance: 8,
    });
    expect(shape.recognition.unmatched).toEqual(["客户编码", "业务员"]);
  });

  it("reads per-customer 小计 rows as subtotals and 合计 (in the date column, full-width space) as the total", () => {
    expect(letters(shape.kinds)).toBe("ddsddst");
    expect(shape.kinds[2]).toEqual({ kind: "subtotal", text: "华信机械 小计", amount: "156,500.00" });
    // a payment on account without a due date is still an item: it has a number and a date
    expect(shape.kinds[4]).toEqual({ kind: "data" });
    expect(shape.kinds[6]).toEqual({ kind: "total", text: "合　计", amount: "936,500.00" });
    expect(shape.grandTotal).toEqual({ row: 10, text: "合　计", amount: "936,500.00" });
  });
});

describe("ERPNext: Accounts Receivable", () => {
  const shape = shapeExport(ERPNEXT);

  it("takes the first row as the header when there is no title block", () => {
    expect(shape.header).toEqual({ headerRow: 0, score: 8, titleRows: [] });
    expect(shape.asOfText).toBeNull();
    expect(shape.recognition.mapping).toEqual({
      invoiceDate: 0,
      customer: 2,
      documentType: 4,
      document: 5,
      dueDate: 6,
      amount: 7,
      paidAmount: 8,
      balance: 10,
    });
    // the party id is a customer column too, left for the name
    expect(shape.recognition.duplicates).toEqual([{ field: "customer", column: 1, header: "Customer", usedColumn: 2 }]);
  });

  it("reads its total row (typed numbers) and keeps the customer Total Logistics Ltd", () => {
    expect(letters(shape.kinds)).toBe("dddt");
    expect(shape.kinds[3]).toEqual({ kind: "total", text: "Total", amount: 1_238_000 });
    expect(shape.grandTotal).toEqual({ row: 4, text: "Total", amount: 1_238_000 });
  });
});

describe("the IBM sample's invoice history", () => {
  it("finds its header in the first row: customer, amount and dates, no title, no totals", () => {
    const grid = [
      IBM_HEADER,
      ["391", "0379-NEVHP", "4/6/2013", "0000611365", "1/2/2013", "2/1/2013", "55.94", "No", "1/15/2013", "Paper", "13", "0"],
    ];
    const shape = shapeExport(grid);
    expect(shape.header).toEqual({ headerRow: 0, score: 6, titleRows: [] });
    expect(shape.recognition.mapping).toEqual({ customer: 1, document: 3, invoiceDate: 4, dueDate: 5, amount: 6, paidDate: 8 });
    // a history with paid dates: the open balance is the caller's to compute, so it is not taken from the amount
    expect(shape.recognition.missingRequired).toEqual(["balance"]);
    expect(shape.recognition.amountAsBalance).toBe(false);
    expect(letters(shape.kinds)).toBe("d");
    expect(shape.grandTotal).toBeNull();
  });

  it.skipIf(!ibmPresent)(ibmSuite("reads every row of the real file as an item"), () => {
    const lines = readFileSync(ibmSampleFile(), "utf8")
      .split(/\r?\n/)
      .filter((l) => l !== "");
    const shape = shapeExport(lines.map((l) => l.split(",")));
    expect(shape.header.headerRow).toBe(0);
    expect(shape.recognition.mapping).toEqual({ customer: 1, document: 3, invoiceDate: 4, dueDate: 5, amount: 6, paidDate: 8 });
    expect(shape.kinds.length).toBe(2466);
    expect(shape.kinds.every((k) => k.kind === "data")).toBe(true);
  });
});

describe("hostile shapes", () => {
  it("an empty grid, a grid of blank rows, a grid of one row", () => {
    expect(locateHeader([])).toBeNull();
    expect(locateHeader([[], [null, "", " "], []])).toBeNull();
    expect(locateHeader([["Customer", "Balance", "Due date"]])).toEqual({ headerRow: 0, score: 3, titleRows: [] });
    const one = shapeExport([["Customer", "Balance", "Due date"]]);
    expect(one.kinds).toEqual([]);
    expect(one.grandTotal).toBeNull();
    expect(locateHeader([["Acme", 100, 45_000]])).toBeNull();
  });

  it("a title row that names a customer (or even a balance) is not the header", () => {
    const grid = [
      ["Customer balances", "", ""],
      ["Customer:", "Acme Holdings", "Balance"],
      ["Customer", "Balance", "Due date", "Cash flow"],
      ["Acme Holdings", 100, 45_000, "good"],
    ];
    expect(locateHeader(grid)).toEqual({ headerRow: 2, score: 4, titleRows: ["Customer balances", "Customer: Acme Holdings Balance"] });
  });

  it("takes the row that names the most fields, the first of equals", () => {
    const grid = [
      ["Customer", "Balance", "Due date"],
      ["Customer", "Balance", "Due date", "Invoice No."],
      ["Customer", "Amount", "Date", "Num"],
    ];
    expect(locateHeader(grid)?.headerRow).toBe(1);
    expect(locateHeader(grid, 1)?.headerRow).toBe(0);
  });

  it("looks only at the first rows (30 unless told)", () => {
    const grid: unknown[][] = [...Array.from({ length: 30 }, (_, i) => [`note ${i}`]), ["Customer", "Balance", "Due date"]];
    expect(locateHeader(grid)).toBeNull();
    expect(locateHeader(grid, 31)?.headerRow).toBe(30);
    expectRuleError(() => locateHeader(grid, 0), "maxScan", "maxScan: 0 is not a whole number");
    expectRuleError(() => locateHeader(grid, 2.5), "maxScan", "maxScan: 2.5 is not a whole number");
  });

  it("full-width and ideographic-space headers and totals", () => {
    const grid = [
      ["应收账款明细", "", ""],
      ["截至２０２５年７月３１日", "", ""],
      ["ＣＵＳＴＯＭＥＲ　ＮＡＭＥ", "ＯＰＥＮ　ＢＡＬＡＮＣＥ", "ＤＵＥ　ＤＡＴＥ"],
      ["华信机械", "１２，０００．００", "２０２５－０７－１５"],
      ["总　计", "１２，０００．００", ""],
    ];
    const shape = shapeExport(grid);
    expect(shape.header.headerRow).toBe(2);
    expect(shape.recognition.mapping).toEqual({ customer: 0, balance: 1, dueDate: 2 });
    expect(shape.asOfText).toBe("2025年7月31日");
    expect(letters(shape.kinds)).toBe("dt");
    expect(shape.grandTotal).toEqual({ row: 4, text: "总　计", amount: "１２，０００．００" });
  });

  it("says once, in both languages, which column a near-header lacks", () => {
    let e = expectRuleError(
      () => shapeExport([["Report"], ["Customer", "Invoice No.", "Due date"], ["Acme", "1", "2025-07-01"]]),
      "header",
      "header: row 2 looks like the header but has no column for balance or amount",
    );
    expect(e.zh).toBe("header：第 2 行像是表头，但缺少余额或金额列：请指定对应的列");
    e = expectRuleError(() => shapeExport([["Kunde", "Betrag"]]), "header", "header: none of the first 1 rows names a customer");
    expect(e.zh).toMatch(/^header：前 1 行中没有一行包含客户、余额或金额及日期列/);
    expectRuleError(() => shapeExport([]), "header", "header: none of the first 0 rows");
  });

  it("takes the header row when told, and the user's corrections of the columns", () => {
    const grid = [
      ["Kunde", "Betrag", "Fällig"],
      ["Acme", "100", "2025-07-01"],
      ["Summe", "100", ""],
    ];
    const shape = shapeExport(grid, { headerRow: 0, overrides: { customer: "Kunde", balance: "Betrag", dueDate: "Fällig" } });
    expect(shape.recognition.mapping).toEqual({ customer: 0, balance: 1, dueDate: 2 });
    expect(letters(shape.kinds)).toBe("dd"); // "Summe" is no total word: an item the caller will question
    expectRuleError(() => shapeExport(grid, { headerRow: 3 }), "headerRow", "headerRow: row 3 is not a row of the table");
  });
});

describe("classifyRow", () => {
  // Customer, Document, Due date, Balance
  const mapping: ColumnMapping = { customer: 0, document: 1, dueDate: 2, balance: 3 };

  it.each<[string, unknown[], RowKind]>([
    ["blank", ["", null, " ", "\u3000"], { kind: "blank" }],
    ["a sparse row", new Array<unknown>(4), { kind: "blank" }],
    ["an item", ["Acme", "INV-1", "2025-07-01", "100.00"], { kind: "data" }],
    ["an item without a customer", ["", "INV-2", "2025-07-01", "100.00"], { kind: "data" }],
    ["an item without customer or number (amount and date)", ["", "", 45_839, 100], { kind: "data" }],
    ["an item with an unreadable balance", ["Acme", "INV-3", "2025-07-01", "n/a"], { kind: "data" }],
    ["text in three cells and nothing else", ["Acme", "see note", "", "", "call back"], { kind: "data" }],
    ["Total Logistics Ltd, an item", ["Total Logistics Ltd", "INV-4", "2025-07-01", "500.00"], { kind: "data" }],
    ["Total Logistics Ltd, with a due date only", ["Total Logistics Ltd", "", "2025-07-01", "500.00"], { kind: "data" }],
    ["总计划设计院, an item", ["总计划设计院", "FP-1", "2025-07-01", "500.00"], { kind: "data" }],
    ["a customer heading", ["Total Logistics Ltd"], { kind: "heading", text: "Total Logistics Ltd" }],
    ["a bucket heading", ["", "", "91 or more days past due"], { kind: "heading", text: "91 or more days past due" }],
    ["a heading in the due-date column", ["", "", "Current"], { kind: "heading", text: "Current" }],
    ["Total for a customer", ["Total for Acme", "", "", "1,200.00"], { kind: "subtotal", text: "Total for Acme", amount: "1,200.00" }],
    [
      "Total <customer>, QuickBooks Desktop",
      ["Total Acme Corp", "", "", 1200],
      { kind: "subtotal", text: "Total Acme Corp", amount: 1200 },
    ],
    ["<customer> Total", ["Acme Corp Total", "", "", "(50.00)"], { kind: "subtotal", text: "Acme Corp Total", amount: "(50.00)" }],
    ["Subtotal", ["Subtotal:", "", "", "300"], { kind: "subtotal", text: "Subtotal:", amount: "300" }],
    ["Sub-total without an amount", ["Sub-total"], { kind: "subtotal", text: "Sub-total", amount: null }],
    ["小计", ["小计", "", "", "1,000.00"], { kind: "subtotal", text: "小计", amount: "1,000.00" }],
    ["本页小计", ["本页小计", "", "", "1,000.00"], { kind: "subtotal", text: "本页小计", amount: "1,000.00" }],
    ["本年累计", ["本年累计", "", "", "9,000.00"], { kind: "subtotal", text: "本年累计", amount: "9,000.00" }],
    ["SAP *", ["*", "", "", "1.000,00-"], { kind: "subtotal", text: "*", amount: "1.000,00-" }],
    ["SAP ** (full width)", ["＊＊", "", "", "5.000,00"], { kind: "total", text: "＊＊", amount: "5.000,00" }],
    ["SAP ***", ["***", "", "", "5.000,00"], { kind: "total", text: "***", amount: "5.000,00" }],
    ["TOTAL", ["TOTAL", "", "", "$4,000.00"], { kind: "total", text: "TOTAL", amount: "$4,000.00" }],
    ["Grand Total", ["Grand Total", "", "", 4000], { kind: "total", text: "Grand Total", amount: 4000 }],
    ["Total without an amount", ["Total"], { kind: "total", text: "Total", amount: null }],
    ["合计", ["合计", "", "", "80万"], { kind: "total", text: "合计", amount: "80万" }],
    ["合 计 with a colon", ["合 计：", "", "", "1"], { kind: "total", text: "合 计：", amount: "1" }],
    ["总计", ["总计", "", "", "1"], { kind: "total", text: "总计", amount: "1" }],
    ["合計 (traditional)", ["合計", "", "", "1"], { kind: "total", text: "合計", amount: "1" }],
    ["a date with a time", ["", "", "2025-07-31 00:00:00", "1"], { kind: "data" }],
    ["a lone date with a time", ["", "", "2025-07-31 00:00:00"], { kind: "data" }],
    ["a total word in an unmapped column of an item's row", ["", "", "", "1,000", "", "Total"], { kind: "data" }],
  ])("%s", (_, row, kind) => {
    expect(classifyRow(row, mapping)).toEqual(kind);
  });

  it("reads the label from the customer column when the first cell is something else", () => {
    const m: ColumnMapping = { document: 0, customer: 1, dueDate: 2, balance: 3 };
    expect(classifyRow(["", "Total for Acme", "", "700"], m)).toEqual({ kind: "subtotal", text: "Total for Acme", amount: "700" });
    expect(classifyRow(["", "华信机械 合计", "", "700"], m)).toEqual({ kind: "subtotal", text: "华信机械 合计", amount: "700" });
    // a row number before the label (序号): the label is the customer cell's
    expect(classifyRow([3, "合计", "", "700"], { customer: 1, dueDate: 2, balance: 3 })).toEqual({
      kind: "total",
      text: "合计",
      amount: "700",
    });
  });

  it("a total label that only starts a name needs an amount on its row", () => {
    expect(classifyRow(["Total Logistics Ltd", "", "", ""], mapping)).toEqual({ kind: "heading", text: "Total Logistics Ltd" });
    expect(classifyRow(["Totally Fresh Foods", "", "", "10"], mapping)).toEqual({ kind: "data" });
  });

  it("takes the balance's raw amount, else the document amount's", () => {
    const m: ColumnMapping = { customer: 0, amount: 1, balance: 2 };
    expect(classifyRow(["Total", "1,000.00", "800.00"], m)).toEqual({ kind: "total", text: "Total", amount: "800.00" });
    expect(classifyRow(["Total", "1,000.00", ""], m)).toEqual({ kind: "total", text: "Total", amount: "1,000.00" });
    expect(classifyRow(["Total", " ", null], m)).toEqual({ kind: "total", text: "Total", amount: null });
  });

  it("knows the header repeated at a page break", () => {
    const header = ["Customer", "Invoice No.", "Due date", "Balance"];
    expect(classifyRow([...header], mapping, header)).toEqual({ kind: "heading", text: "Customer Invoice No. Due date Balance" });
    expect(classifyRow([...header], mapping)).toEqual({ kind: "data" }); // without the header to compare: an item with bad cells
  });
});

describe("grandTotal", () => {
  const d: RowKind = { kind: "data" };
  const s = (text: string): RowKind => ({ kind: "subtotal", text, amount: 1 });
  const t = (text: string): RowKind => ({ kind: "total", text, amount: 1 });

  it("is the last total, after every item", () => {
    expect(grandTotal([d, s("Total for A"), d, t("TOTAL")])).toBe(3);
    expect(grandTotal([d, t("合计"), d, t("总计"), { kind: "blank" }, { kind: "heading", text: "printed" }])).toBe(3);
  });

  it("is the one with the most stars in an SAP list", () => {
    expect(grandTotal([d, s("*"), d, s("*"), t("***"), t("**")])).toBe(4);
  });

  it("is none when the export has no total, or items follow its last one (a customer's 合计)", () => {
    expect(grandTotal([])).toBe(-1);
    expect(grandTotal([d, s("Subtotal"), d])).toBe(-1);
    expect(grandTotal([d, t("合计"), d, t("合计"), d])).toBe(-1);
  });
});

describe("titleAsOf", () => {
  it.each([
    [["A/R Aging Detail", "As of July 31, 2025"], "July 31, 2025"],
    [["As of Jul 31, 2025"], "Jul 31, 2025"],
    [["Aged receivables as at 31 July 2025"], "31 July 2025"],
    [["AS OF 7/31/2025"], "7/31/2025"],
    [["Open at key date 31.07.2025"], "31.07.2025"],
    [["Key date: 20250731"], "20250731"],
    [["Report date 2025-07-31 (printed 2025-08-04)"], "2025-07-31"],
    [["截止日期：2025-07-31"], "2025-07-31"],
    [["应收款明细表 截至2025年7月31日"], "2025年7月31日"],
    [["账龄截止日 2025/7/31"], "2025/7/31"],
    [["截止日期：２０２５－０７－３１"], "2025-07-31"],
    [["As of 45869"], "45869"], // a date cell read as its serial
  ] as const)("%j -> %s", (rows, text) => {
    expect(titleAsOf(rows)).toBe(text);
  });

  it("takes no date that is not stated as the report's date", () => {
    for (const rows of [
      [],
      ["A/R Aging Detail"],
      ["Period 2025-07-01 to 2025-07-31"],
      ["Printed 2025-08-04"],
      ["期间：2025年7月"],
      ["Gas of 2025-07-31"],
      ["As of today"],
    ]) {
      expect(titleAsOf(rows), JSON.stringify(rows)).toBeNull();
    }
  });
});

describe("classifyRow, on any row", () => {
  const mapping: ColumnMapping = { customer: 0, document: 1, dueDate: 2, balance: 3 };
  const cell = fc.oneof(
    fc.constantFrom<unknown>(
      "",
      " ",
      null,
      undefined,
      "Total",
      "TOTAL",
      "合计",
      "小计",
      "*",
      "**",
      "Total for Acme",
      "Current",
      "n/a",
      0,
      100,
      "1,200.00",
    ),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -1e6, max: 1e6 }),
  );
  const row = fc.array(cell, { maxLength: 6 });

  it("an item stays an item: a row with a document number and a dated due date is data, whatever else it holds", () => {
    fc.assert(
      fc.property(
        row,
        fc.string({ minLength: 1, maxLength: 10 }).filter((t) => t.trim() !== ""),
        fc.integer({ min: 1, max: 80_000 }),
        (cells, number, due) => {
          const r = [...cells];
          r[1] = number;
          r[2] = due;
          return classifyRow(r, mapping).kind === "data";
        },
      ),
    );
  });

  it("a row is blank exactly when every cell is", () => {
    fc.assert(
      fc.property(row, (cells) => {
        const blank = cells.every((c) => c === null || c === undefined || (typeof c === "string" && c.trim() === ""));
        return (classifyRow(cells, mapping).kind === "blank") === blank;
      }),
    );
  });

  it("a heading has no amount, no document number and no date", () => {
    fc.assert(
      fc.property(row, (cells) => {
        const kind = classifyRow(cells, mapping);
        if (kind.kind !== "heading") return true;
        const empty = (c: unknown) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");
        return empty(cells[1]) && empty(cells[3]) && typeof cells[2] !== "number";
      }),
    );
  });
});

describe("titleAsOfDate", () => {
  const july31 = serialFromCivil(2025, 7, 31);
  it.each([
    [["A/R Aging Detail", "As of July 31, 2025"], "July 31, 2025"],
    [["应收款明细表", "期间：2025年7月 截止日期：2025年7月31日"], "2025年7月31日"],
    [["Open at key date 31.07.2025"], "31.07.2025"],
    [["AS OF 7/31/2025"], "7/31/2025"],
    [["As of 45869"], "45869"],
  ] as const)("%j -> 2025-07-31 (serial 45869)", (rows, text) => {
    expect(titleAsOfDate(rows)).toEqual({ text, serial: july31 });
  });

  it("gives null for no stated date, and for one that is no date or reads two ways (a default, never refused)", () => {
    expect(titleAsOfDate(["A/R Aging Detail"])).toBeNull();
    expect(titleAsOfDate(["As of 2/1/2025"])).toBeNull(); // February 1 or January 2
    expect(titleAsOfDate(["截止日期：2025-02-30"])).toBeNull();
  });
});
