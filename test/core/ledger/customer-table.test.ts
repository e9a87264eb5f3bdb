// A one-row-per-customer table written as exports write amounts and dates: the triage reads them with the
// ledger readers when the core's own forms do not (and keeps the core's message for what neither reads).
import { describe, expect, it } from "vitest";
import { triagePortfolio } from "../../../src/core/index.js";

const AS_OF = 45869; // 2025-07-31

describe("customer tables with export forms", () => {
  it("reads 80万, ¥ and $ amounts, dotted, US and month-name dates", () => {
    const rows = [
      ["Fresh Table", "80万", "31.03.2025"], // 800,000; 2025-03-31 = 45747
      ["Huaxin", "¥180,000.00", "7/20/2025"], // 45858
      ["Meridian", "$1,234.50", "15-Jul-2025"], // 45853
      ["Jiancai", "1.5亿", "2025年5月15日"], // 150,000,000; 45792
    ];
    const out = triagePortfolio(rows, { customer: 0, balance: 1, dueDate: 2 }, { asOf: AS_OF });
    expect(out.records.map((r) => [r.status, r.balance, r.dueDate])).toEqual([
      ["ok", 800000, 45747],
      ["ok", 180000, 45858],
      ["ok", 1234.5, 45853],
      ["ok", 150000000, 45792],
    ]);
    expect(out.records.map((r) => r.daysPastDue)).toEqual([122, 11, 16, 77]);
  });

  it("keeps refusing what no reader reads, with the core's message, and a credit as a negative balance", () => {
    const rows = [
      ["A", "lots", "2025-07-01"],
      ["B", "(1,000.00)", "2025-07-01"],
      ["C", "100", "2/1/2013"],
      ["D", "100", "１２００"],
    ];
    const out = triagePortfolio(rows, { customer: 0, balance: 1, dueDate: 2 }, { asOf: AS_OF });
    expect(out.records[0].problems.map((p) => p.en)).toEqual(['balance: "lots" is not a number']);
    expect(out.records[1].problems.map((p) => p.en)).toEqual(['balance: "(1,000.00)" is not a number']);
    expect(out.records[2].problems.map((p) => p.code)).toEqual(["invalid:dueDate"]);
    expect(out.records[3].problems.map((p) => p.code)).toEqual(["invalid:dueDate"]);
  });
});

describe("what a ledger's customers need from the triage", () => {
  it("a customer with nothing owed needs no due date: nothing aged, nobody acts, no profile", () => {
    const out = triagePortfolio([["Paid up", 0, ""]], { customer: 0, balance: 1, dueDate: 2 }, { asOf: AS_OF });
    const r = out.records[0];
    expect([r.status, r.problems, r.daysPastDue, r.level, r.profile, r.offers]).toEqual(["ok", [], null, null, null, null]);
    expect(r.nextStep?.rule).toBe("nothing-owed");
    // ... while an amount owed still needs its due date
    const owed = triagePortfolio([["Owes", 10, ""]], { customer: 0, balance: 1, dueDate: 2 }, { asOf: AS_OF });
    expect(owed.records[0].problems.map((p) => p.code)).toEqual(["missing:dueDate"]);
  });

  it("without a cash-flow column the overdue record alone decides grade C; A and B wait for the cash flow", () => {
    const rows = [
      ["Two events", 100, "2025-07-01", 2, 1000], // C: 2 or more events
      ["One large", 100, "2025-07-01", 1, 60000], // C: one event above the small-amount limit 50,000
      ["One small", 100, "2025-07-01", 1, 10000], // B or C (poor cash flow): not decided
      ["Clean", 100, "2025-07-01", 0, 0], // A or B: not decided
    ];
    const out = triagePortfolio(rows, { customer: 0, balance: 1, dueDate: 2, overdueCount: 3, largestOverdue: 4 }, { asOf: AS_OF });
    expect(out.records.map((r) => [r.grade, r.termDays, r.cashFlow])).toEqual([
      ["C", 0, null],
      ["C", 0, null],
      [null, null, null],
      [null, null, null],
    ]);
    expect(out.records.map((r) => r.gradeRule)).toEqual(["C-repeat-overdue", "C-large-overdue", null, null]);
  });
});
