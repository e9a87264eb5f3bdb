// The mapping editor and the as-of date as data (pane-model.ts).
import { describe, expect, it } from "vitest";
import { displayWidth, recogniseColumns, serialFromCivil } from "../../src/core/index.js";
import type { PortfolioLocation } from "../../src/excel-io/types.js";
import {
  asOfSerial,
  columnChoices,
  fieldLabel,
  fieldName,
  fieldsOpen,
  fieldsToShow,
  HEADER_WIDTH,
  mappingIssues,
  mappingOverview,
  middleEllipsis,
  todayIso,
  withChoice,
} from "../../src/taskpane/pane-model.js";
import { TEXT } from "../../src/taskpane/texts.js";

const location: PortfolioLocation = {
  sheetName: "Debtors",
  address: "Debtors!C4:F10",
  headerRow: 4,
  firstColumn: 2,
  headers: ["Customer", "Saldo", "", "Due date"],
  rowCount: 6,
  columnCount: 4,
};

describe("the mapping editor", () => {
  it("offers 'not used' and every column with its sheet letter and header, as text", () => {
    expect(columnChoices(location, TEXT.en)).toEqual([
      { value: "", label: "(not used)", title: "(not used)" },
      { value: "0", label: "C: Customer", title: "C: Customer" },
      { value: "1", label: "D: Saldo", title: "D: Saldo" },
      { value: "2", label: "E: (no header)", title: "E: (no header)" },
      { value: "3", label: "F: Due date", title: "F: Due date" },
    ]);
    expect(columnChoices(location, TEXT.zh)[2]).toEqual({ value: "1", label: "D：Saldo", title: "D：Saldo" });
  });

  it("shortens a long header in its middle to the layout's width (CJK counts two), the whole header in the tooltip", () => {
    const long = { ...location, headers: ["Overdue events (12 months)", "Amount in local currency (CNY, incl. VAT)", "近12个月逾期次数"] };
    const [, fits, shortened, chinese] = columnChoices(long, TEXT.en, 24);
    // 26 wide > 24: 12 columns, the ellipsis, 11 columns
    expect(fits).toEqual({ value: "0", label: "C: Overdue even…(12 months)", title: "C: Overdue events (12 months)" });
    expect(shortened).toEqual({ value: "1", label: "D: Amount in lo… incl. VAT)", title: "D: Amount in local currency (CNY, incl. VAT)" });
    // 16 wide: whole
    expect(chinese.label).toBe("E: 近12个月逾期次数");
    // the open fields' dropdowns (34 wide, the default) and the whole mapping's (40 wide)
    expect(columnChoices(long, TEXT.en)[1].label).toBe("C: Overdue events (12 months)");
    expect(columnChoices(long, TEXT.en)[2].label).toBe("D: Amount in local c…(CNY, incl. VAT)");
    expect(columnChoices(long, TEXT.en, HEADER_WIDTH.compact)[2].label).toBe("D: Amount in local curr…cy (CNY, incl. VAT)");
    expect(middleEllipsis("应收账款余额（人民币元，含税，截至报告日）", 9)).toBe("应收…日）");
    expect(middleEllipsis("😀😀😀😀😀😀", 5)).toBe("😀😀…😀😀");
    expect(middleEllipsis("short", 24)).toBe("short");
    for (const width of [5, 9, 24, 40]) {
      expect(displayWidth(middleEllipsis("Amount in local currency (CNY, incl. VAT) 应收账款余额", width))).toBeLessThanOrEqual(width);
    }
  });

  it("marks a missing required field, and both fields of a column chosen twice", () => {
    const found = recogniseColumns(location.headers).mapping;
    expect(found).toEqual({ customer: 0, dueDate: 3 });
    expect([...mappingIssues(found)]).toEqual([["balance", { kind: "required" }]]);
    const fixed = withChoice(found, "balance", "1");
    expect(mappingIssues(fixed).size).toBe(0);
    const twice = withChoice(fixed, "cashFlow", "1");
    expect(Object.fromEntries(mappingIssues(twice))).toEqual({
      cashFlow: { kind: "twice", column: 1, other: "balance" },
      balance: { kind: "twice", column: 1, other: "cashFlow" },
    });
    expect(withChoice(twice, "cashFlow", "")).toEqual(fixed);
  });

  it("needs no balance for a list of open items that has the document amount, and still one for a customer table", () => {
    // customer, document number, due date, document amount: an item list (its open amount is the document amount)
    expect(mappingIssues({ customer: 0, document: 1, dueDate: 2, amount: 3 }).size).toBe(0);
    expect([...mappingIssues({ customer: 0, document: 1, dueDate: 2 })]).toEqual([["balance", { kind: "required" }]]);
    expect([...mappingIssues({ customer: 0, dueDate: 2, cashFlow: 3 })]).toEqual([["balance", { kind: "required" }]]);
  });

  it("lists required fields first, then the mapped ones, the others on demand", () => {
    const mapping = { customer: 0, dueDate: 3, cashFlow: 2 };
    const few = fieldsToShow(mapping, false);
    expect(few.fields).toEqual(["customer", "balance", "dueDate", "cashFlow"]);
    // 28 fields of a one-row-per-customer table and 6 of an open-item list
    expect(few.hidden).toBe(30);
    const all = fieldsToShow(mapping, true);
    expect(all.fields).toHaveLength(34);
    expect(new Set(all.fields).size).toBe(34);
    expect(all.hidden).toBe(0);
  });
});

describe("the collapsed mapping", () => {
  it("counts the fields with a column and the required ones found", () => {
    expect(mappingOverview({ customer: 0, dueDate: 3, cashFlow: 2 })).toEqual({ recognised: 3, requiredFound: 2, required: 3 });
    expect(mappingOverview({ customer: 0, balance: 1, dueDate: 3 })).toEqual({ recognised: 3, requiredFound: 3, required: 3 });
    // an item list's document amount stands in for the balance
    expect(mappingOverview({ customer: 0, document: 1, dueDate: 2, amount: 3 })).toEqual({ recognised: 4, requiredFound: 3, required: 3 });
    expect(mappingOverview({})).toEqual({ recognised: 0, requiredFound: 0, required: 3 });
  });

  it("keeps open only the missing, twice-chosen and doubtful fields, and those opened before", () => {
    const clean = { duplicates: [], amountAsBalance: false };
    expect(fieldsOpen({ customer: 0, balance: 1, dueDate: 3 }, clean)).toEqual([]);
    expect(fieldsOpen({ customer: 0, dueDate: 3 }, clean)).toEqual(["balance"]);
    expect(fieldsOpen({ customer: 0, balance: 1, dueDate: 3, cashFlow: 1 }, clean)).toEqual(["balance", "cashFlow"]);
    // a second header naming the due date; an Amount column taken as the balance
    const doubtful = { duplicates: [{ column: 4, header: "Due", field: "dueDate" as const, usedColumn: 3 }], amountAsBalance: true };
    expect(fieldsOpen({ customer: 0, balance: 1, dueDate: 3 }, doubtful)).toEqual(["balance", "dueDate"]);
    // corrected, balance stays open
    expect(fieldsOpen({ customer: 0, balance: 1, dueDate: 3 }, clean, new Set(["balance"]))).toEqual(["balance"]);
  });

  it("labels fields in sentence case, and names them in lower case inside a sentence", () => {
    expect(fieldLabel("overdueCount", "en")).toBe("Overdue events in 12 months");
    expect(fieldLabel("dueDate", "en")).toBe("Due date");
    expect(fieldLabel("dueDate", "zh")).toBe("到期日");
    expect(fieldName("cashFlow", "en")).toBe("cash flow");
  });
});

describe("the as-of date", () => {
  it("defaults to the user's local date, not UTC's", () => {
    // Pacific/Chatham (the tests' time zone) is UTC+13:45 in January: 00:30 local is still the day before in UTC.
    const earlyMorning = new Date(2025, 0, 1, 0, 30);
    expect(earlyMorning.toISOString().slice(0, 10)).toBe("2024-12-31");
    expect(todayIso(earlyMorning)).toBe("2025-01-01");
  });

  it("reads what the date box gives and what a user types", () => {
    expect(asOfSerial("2025-07-31")).toBe(serialFromCivil(2025, 7, 31));
    expect(asOfSerial("2025年7月31日")).toBe(serialFromCivil(2025, 7, 31));
    expect(asOfSerial("")).toBeNull();
    expect(asOfSerial("2025-02-30")).toBeNull();
    expect(asOfSerial("soon")).toBeNull();
  });
});
