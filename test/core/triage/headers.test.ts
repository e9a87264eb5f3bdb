import { describe, expect, it } from "vitest";
import {
  HEADER_WORDS,
  ITEM_FIELDS,
  recogniseColumns,
  recogniseHeader,
  REQUIRED_FIELDS,
  TRIAGE_FIELDS,
  type TriageField,
} from "../../../src/core/triage/headers.js";
import { ruleError } from "../../support/rule-error.js";

describe("header words", () => {
  it("knows every field, in English and Chinese, with several synonyms each", () => {
    expect(Object.keys(HEADER_WORDS).sort()).toEqual([...TRIAGE_FIELDS].sort());
    for (const field of TRIAGE_FIELDS) {
      const words = HEADER_WORDS[field];
      expect(words.length, field).toBeGreaterThanOrEqual(4);
      expect(
        words.some((w) => /[a-z]/i.test(w)),
        `${field} has English words`,
      ).toBe(true);
      expect(
        words.some((w) => /[\u4e00-\u9fff]/.test(w)),
        `${field} has Chinese words`,
      ).toBe(true);
    }
  });

  it("recognises every word it lists as its own field (no word is claimed by two fields)", () => {
    for (const field of TRIAGE_FIELDS) {
      for (const word of HEADER_WORDS[field]) expect(recogniseHeader(word)?.field, `${word}`).toBe(field);
    }
  });

  it("recognises the field names and the AR functions' argument names", () => {
    expect(recogniseHeader("dueDate")?.field).toBe("dueDate");
    expect(recogniseHeader("due_date")?.field).toBe("dueDate");
    expect(recogniseHeader("overdue_amount")?.field).toBe("largestOverdue");
    expect(recogniseHeader("ordinary_claims_total")?.field).toBe("ordinaryClaimsTotal");
    expect(recogniseHeader("freeCashFlow")?.field).toBe("freeCashFlow");
  });

  it.each([
    ["Customer Name", "customer"],
    ["CUSTOMER", "customer"],
    ["ＣＵＳＴＯＭＥＲ　ＮＡＭＥ", "customer"], // full width, ideographic space
    ["  customer   name ", "customer"],
    ["customer_name", "customer"],
    ["Customer-Name:", "customer"],
    ["欠款单位", "customer"],
    ["单位名称", "customer"],
    ["Balance (CNY)", "balance"],
    ["Balance CNY", "balance"],
    ["Outstanding [RMB]", "balance"],
    ["余额（元）", "balance"],
    ["应收账款余额(元)", "balance"],
    ["欠款金额 人民币", "balance"],
    ["Amount owed ¥", "balance"],
    ["Due date (yyyy-mm-dd)", "dueDate"],
    ["到期日", "dueDate"],
    ["约定付款日（日期）", "dueDate"],
    ["应收日期", "dueDate"],
    ["Overdue events (12 months)", "overdueCount"],
    ["近12个月逾期次数（次）", "overdueCount"],
    ["逾期次数", "overdueCount"],
    ["Largest overdue amount (元)", "largestOverdue"],
    ["最大逾期金额", "largestOverdue"],
    ["Cash flow", "cashFlow"],
    ["现金流状况", "cashFlow"],
    ["主营业务正常（是/否）", "businessOperating"],
    ["Insolvent (yes/no)", "insolvent"],
    ["失信被执行人", "dishonestDebtor"],
    ["承诺未兑现次数（次）", "brokenPromises"],
    ["Free cash flow (monthly)", "freeCashFlow"],
    ["每月自由现金流（元）", "freeCashFlow"],
    ["最近对账日", "lastConfirmation"],
    ["快递底单", "deliveryProof"],
    ["验收单", "acceptanceForm"],
    ["拖欠理由", "excuse"],
    ["Excuses", "excuses"],
    ["最后催告日", "lastInterruption"],
    ["破产财产", "freeEstate"],
    ["普通债权总额（元）", "ordinaryClaimsTotal"],
    ["Overdue events (last year)", "overdueCount"], // any bracketed note, as a last resort
  ] as const)("%s -> %s", (header, field) => {
    expect(recogniseHeader(header)?.field).toBe(field);
  });

  it("prefers an exact match over one found by dropping units or notes", () => {
    expect(recogniseHeader("Balance")?.pass).toBe(0);
    expect(recogniseHeader("Balance (CNY)")?.pass).toBe(1);
    expect(recogniseHeader("Balance (as of month end)")?.pass).toBe(2);
  });

  it("does not guess", () => {
    for (const header of [
      "备注",
      "Salesperson",
      "Notes (元)",
      "Turnover",
      "周转率",
      "Contract",
      "合同",
      "合同编号",
      "主营业务",
      "还款计划",
      // from ERP exports: a row number, the IBM sample's other columns, a GL account, a count, a title
      "No.",
      "No",
      "#",
      "序号",
      "countryCode",
      "PaperlessDate",
      "PaperlessBill",
      "Disputed",
      "DaysToSettle",
      "DaysLate",
      "Receivable Account",
      "Customer count",
      "Overdue",
      "Amount in DC",
      "Customer Line Item Display",
      "A/R Aging Detail",
      "",
      "   ",
      null,
      undefined,
      2025,
    ]) {
      expect(recogniseHeader(header), String(header)).toBeNull();
    }
  });
});

describe("recogniseColumns", () => {
  it("maps an English table and lists what it does not know", () => {
    const r = recogniseColumns([
      "Invoice no.",
      "Customer name",
      "Outstanding (CNY)",
      "Due date",
      "Salesperson",
      "Cash flow",
      "",
      "Overdue events (12 months)",
    ]);
    expect(r.mapping).toEqual({ document: 0, customer: 1, balance: 2, dueDate: 3, cashFlow: 5, overdueCount: 7 });
    expect(r.unmatched).toEqual(["Salesperson"]);
    expect(r.duplicates).toEqual([]);
    expect(r.missingRequired).toEqual([]);
  });

  it("maps a Chinese table exported from Chinese Excel", () => {
    const headers = [
      "序号",
      "客户名称",
      "应收余额（元）",
      "约定付款日",
      "近12个月逾期次数",
      "最大逾期金额（元）",
      "现金流",
      "主营业务正常",
      "收入稳定",
      "周转率同比",
      "主动提出还款计划",
      "找借口拖延",
      "矛盾点",
      "承诺未兑现次数",
      "拒绝沟通",
      "破产或资不抵债",
      "失信被执行人",
      "停产",
      "自由现金流",
      "最近对账日",
      "合同原件",
      "对账单",
      "催款记录",
      "快递底单",
      "验收单",
      "拖欠理由",
      "时效中断日",
      "破产财产",
      "普通债权总额",
    ];
    const r = recogniseColumns(headers);
    expect(r.unmatched).toEqual(["序号"]);
    expect(r.missingRequired).toEqual([]);
    // every field of a one-row-per-customer table, which come first in TRIAGE_FIELDS
    const fields = TRIAGE_FIELDS.filter((f) => !(ITEM_FIELDS as readonly TriageField[]).includes(f));
    expect(Object.keys(r.mapping).length).toBe(fields.length);
    fields.forEach((field, i) => expect(r.mapping[field], field).toBe(i + 1));
    expect(TRIAGE_FIELDS.slice(fields.length)).toEqual(ITEM_FIELDS);
  });

  it("reports missing required fields", () => {
    const r = recogniseColumns(["Client", "Notes"]);
    expect(r.mapping).toEqual({ customer: 0 });
    expect(r.missingRequired).toEqual(["balance", "dueDate"]);
    expect(REQUIRED_FIELDS).toEqual(["customer", "balance", "dueDate"]);
  });

  it("when two columns name one field, takes the stronger word and reports the other", () => {
    const r = recogniseColumns(["Customer", "Outstanding", "Balance", "Due"]);
    expect(r.mapping.balance).toBe(2);
    expect(r.duplicates).toEqual([{ field: "balance", column: 1, header: "Outstanding", usedColumn: 2 }]);
  });

  it("when two columns name one field equally, takes the leftmost", () => {
    const r = recogniseColumns(["客户", "余额", "到期日", "余额（元）"]);
    expect(r.mapping.balance).toBe(1);
    expect(r.duplicates).toEqual([{ field: "balance", column: 3, header: "余额（元）", usedColumn: 1 }]);
  });

  it("takes overrides by header text (as headers are compared) or 0-based column, before anything else", () => {
    const headers = ["Kunde", "Betrag", "Fällig", "Balance", "Due date"];
    const r = recogniseColumns(headers, { customer: "kunde", balance: "Betrag", dueDate: 2 });
    expect(r.mapping).toEqual({ customer: 0, balance: 1, dueDate: 2 });
    // the recognised columns of overridden fields are reported, not lost
    expect(r.duplicates).toEqual([
      { field: "balance", column: 3, header: "Balance", usedColumn: 1 },
      { field: "dueDate", column: 4, header: "Due date", usedColumn: 2 },
    ]);
    expect(r.missingRequired).toEqual([]);
  });

  it("a column taken by an override is not matched to another field", () => {
    const r = recogniseColumns(["Client", "Balance", "Due", "Outstanding"], { freeCashFlow: "Balance", balance: 3 });
    expect(r.mapping).toEqual({ customer: 0, dueDate: 2, freeCashFlow: 1, balance: 3 });
    expect(r.duplicates).toEqual([]);
  });

  it("refuses a bad override with a message naming the field, in both languages", () => {
    const headers = ["Customer", "Balance", "Due"];
    let e = ruleError(() => recogniseColumns(headers, { balance: "Amt" }));
    expect(e.message).toBe('balance: no column is headed "Amt"');
    expect(e.zh).toBe('balance：没有标题为 "Amt" 的列');
    e = ruleError(() => recogniseColumns(headers, { dueDate: 3 }));
    expect(e.message).toBe("dueDate: column 4 is not a column of the table (1 to 3)");
    e = ruleError(() => recogniseColumns(headers, { customer: 0, balance: "customer" }));
    expect(e.message).toBe("balance: column 1 is already mapped to customer");
    e = ruleError(() => recogniseColumns(headers, { amountOwed: 1 } as unknown as Record<TriageField, number>));
    expect(e.argument).toBe("amountOwed");
    expect(e.message).toMatch(/^amountOwed: is not a triage field \(known: customer, balance, dueDate, /);
    e = ruleError(() => recogniseColumns(headers, { balance: 1.5 }));
    expect(e.argument).toBe("balance");
    e = ruleError(() => recogniseColumns(headers, { balance: " " }));
    expect(e.message).toBe('balance: " " is neither a header nor a column number');
  });
});

describe("the words of ERP exports (open-item lists)", () => {
  it.each([
    // the open-item fields
    ["Invoice number", "document"],
    ["Invoice No.", "document"],
    ["Num", "document"],
    ["Document Number", "document"],
    ["DocumentNo", "document"],
    ["Doc. No.", "document"],
    ["Inv #", "document"],
    ["invoiceNumber", "document"],
    ["单据编号", "document"],
    ["发票号", "document"],
    ["Type", "documentType"],
    ["Transaction Type", "documentType"],
    ["Document Type", "documentType"],
    ["Doc. Type", "documentType"],
    ["Typ", "documentType"],
    ["单据类型", "documentType"],
    ["Date", "invoiceDate"],
    ["Invoice Date", "invoiceDate"],
    ["Document Date", "invoiceDate"],
    ["Doc. Date", "invoiceDate"],
    ["Posting Date", "invoiceDate"],
    ["Pstng Date", "invoiceDate"],
    ["单据日期", "invoiceDate"],
    ["业务日期", "invoiceDate"],
    ["InvoiceDate", "invoiceDate"],
    ["Paid date", "paidDate"],
    ["Settled date", "paidDate"],
    ["Clearing date", "paidDate"],
    ["核销日期", "paidDate"],
    ["收款日期", "paidDate"],
    ["SettledDate", "paidDate"],
    ["Amount", "amount"],
    ["Invoice Amount", "amount"],
    ["Amt", "amount"],
    ["Orig. Amt", "amount"],
    ["原币金额", "amount"],
    ["应收金额", "amount"],
    ["价税合计", "amount"],
    ["金额（万元）", "amount"],
    ["InvoiceAmount", "amount"],
    ["Paid amount", "paidAmount"],
    ["Amount Paid", "paidAmount"],
    ["已核销金额", "paidAmount"],
    ["已收金额", "paidAmount"],
    // the existing fields under the words of open-item lists
    ["Open Balance", "balance"],
    ["Open Bal.", "balance"],
    ["Amt Due", "balance"],
    ["Amount Due", "balance"],
    ["未核销金额", "balance"],
    ["未收金额", "balance"],
    ["余额", "balance"],
    ["Amount in local currency", "balance"],
    ["Amt in loc.cur.", "balance"],
    ["Amount in LC", "balance"],
    ["Outstanding Amount", "balance"],
    ["Net due dt", "dueDate"],
    ["Net due date", "dueDate"],
    ["Due Date", "dueDate"],
    ["Due dt", "dueDate"],
    ["DueDate", "dueDate"],
    ["到期日", "dueDate"],
    ["应收日期", "dueDate"],
    ["客户名称", "customer"],
    ["客户", "customer"],
    ["Name", "customer"],
    ["Name 1", "customer"],
    ["Customer Name", "customer"],
    ["Cust. Name", "customer"],
    ["customerID", "customer"],
    ["Party", "customer"],
    ["Account", "customer"],
    ["Overdue Count 12M", "overdueCount"],
    ["Overdue events 12M", "overdueCount"],
    ["# overdue (12 months)", "overdueCount"],
    ["Overdue count (12M)", "overdueCount"],
    ["ＯＶＥＲＤＵＥ　ＣＯＵＮＴ　１２Ｍ", "overdueCount"], // full width
  ] as const)("%s -> %s", (header, field) => {
    expect(recogniseHeader(header)?.field).toBe(field);
  });

  it("reads words and abbreviations only after every exact form failed", () => {
    expect(recogniseHeader("Amount Due")?.pass).toBe(0);
    expect(recogniseHeader("Amt Due")?.pass).toBe(3);
    expect(recogniseHeader("Overdue Count 12M")?.pass).toBe(3);
  });

  it("prefers the customer's name to its number (SAP Customer + Name 1, ERPNext Party + Customer Name, Kingdee 客户 + 客户名称)", () => {
    expect(recogniseColumns(["Customer", "Name 1", "Net due dt", "Amount in local currency"]).mapping.customer).toBe(1);
    expect(recogniseColumns(["Party", "Customer Name", "Due Date", "Outstanding Amount"]).mapping.customer).toBe(1);
    expect(recogniseColumns(["customerID", "Customer Name"]).mapping.customer).toBe(1);
    expect(recogniseColumns(["客户", "客户名称", "到期日", "未核销金额"]).mapping.customer).toBe(1);
    const sap = recogniseColumns(["Account", "Name 1"]);
    expect(sap.mapping.customer).toBe(1);
    expect(sap.duplicates).toEqual([{ field: "customer", column: 0, header: "Account", usedColumn: 1 }]);
  });

  it("keeps a document's amount apart from its open balance", () => {
    const r = recogniseColumns(["Customer", "Amount", "Open Balance", "Due Date"]);
    expect(r.mapping).toEqual({ customer: 0, amount: 1, balance: 2, dueDate: 3 });
    expect(r.amountAsBalance).toBe(false);
    expect(r.duplicates).toEqual([]);
  });

  it("reads the amount as the balance when nothing else says what is open (a one-row-per-customer table)", () => {
    for (const headers of [
      ["Customer", "Amount", "Due date"],
      ["客户", "金额（元）", "到期日"],
    ]) {
      const r = recogniseColumns(headers);
      expect(r.mapping, headers.join()).toEqual({ customer: 0, balance: 1, dueDate: 2 });
      expect(r.amountAsBalance).toBe(true);
      expect(r.missingRequired).toEqual([]);
    }
    // a second amount column stays reported, now as a second balance
    const two = recogniseColumns(["Customer", "Amount", "金额", "Due"]);
    expect(two.mapping.balance).toBe(1);
    expect(two.duplicates).toEqual([{ field: "balance", column: 2, header: "金额", usedColumn: 1 }]);
  });

  it("does not read the amount as the balance when payments are in the table or the user named the amount", () => {
    let r = recogniseColumns(["Customer", "Amount", "Due date", "Paid date"]);
    expect(r.mapping).toEqual({ customer: 0, amount: 1, dueDate: 2, paidDate: 3 });
    expect(r.missingRequired).toEqual(["balance"]);
    expect(r.amountAsBalance).toBe(false);
    r = recogniseColumns(["Customer", "Invoice amount", "Paid amount", "Due date"]);
    expect(r.missingRequired).toEqual(["balance"]);
    r = recogniseColumns(["Customer", "Amt", "Due date"], { amount: "Amt" });
    expect(r.mapping).toEqual({ customer: 0, amount: 1, dueDate: 2 });
    expect(r.missingRequired).toEqual(["balance"]);
  });

  it("maps the IBM sample's header (invoice histories)", () => {
    const header =
      "countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate";
    const r = recogniseColumns(header.split(","));
    expect(r.mapping).toEqual({ customer: 1, document: 3, invoiceDate: 4, dueDate: 5, amount: 6, paidDate: 8 });
    expect(r.unmatched).toEqual(["countryCode", "PaperlessDate", "Disputed", "PaperlessBill", "DaysToSettle", "DaysLate"]);
    expect(r.missingRequired).toEqual(["balance"]);
  });
});
