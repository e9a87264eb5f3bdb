// The mapping editor and the as-of date as data (pane-model.ts).
import { describe, expect, it } from "vitest";
import { recogniseColumns, serialFromCivil } from "../../src/core/index.js";
import type { PortfolioLocation } from "../../src/excel-io/types.js";
import { asOfSerial, columnChoices, fieldsToShow, mappingIssues, todayIso, withChoice } from "../../src/taskpane/pane-model.js";
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
      { value: "", label: "(not used)" },
      { value: "0", label: "C: Customer" },
      { value: "1", label: "D: Saldo" },
      { value: "2", label: "E: (no header)" },
      { value: "3", label: "F: Due date" },
    ]);
    expect(columnChoices(location, TEXT.zh)[2]).toEqual({ value: "1", label: "D：Saldo" });
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
