import { describe, expect, it } from "vitest";
import { serialFromCivil } from "../../../src/core/dates.js";
import { UncomputedFormula } from "../../../src/core/triage/cells.js";
import { DATE_1904_OFFSET, triagePortfolio, type ColumnMapping } from "../../../src/core/triage/triage.js";
import { summarise } from "../../../src/core/triage/summary.js";
import { ruleError } from "../../support/rule-error.js";

const AS_OF = serialFromCivil(2025, 7, 31);
const MAP: ColumnMapping = { customer: 0, balance: 1, dueDate: 2, lastInterruption: 3 };
const DUE = serialFromCivil(2025, 5, 2); // 90 days before the as-of date

describe("triage: the 1904 date system", () => {
  it("moves numbers in date columns onto the 1900 count; text dates and amounts stay as they read", () => {
    const rows = [
      ["A", 1000, DUE - DATE_1904_OFFSET, DUE - DATE_1904_OFFSET],
      ["B", 1000, "2025-05-02", ""],
      ["C", 1000, DUE - DATE_1904_OFFSET + 0.75, ""], // a date-time: the time of day is not a day
    ];
    const out = triagePortfolio(rows, MAP, { asOf: AS_OF, dateSystem: "1904" });
    expect(out.dateSystem).toBe("1904");
    expect(out.records.map((r) => [r.status, r.dueDate, r.daysPastDue, r.balance])).toEqual([
      ["ok", DUE, 90, 1000],
      ["ok", DUE, 90, 1000],
      ["ok", DUE, 90, 1000],
    ]);
    expect(out.records[0].limitation?.lastInterruption).toBe(DUE);
    // The same numbers read in the 1900 system are four years (1,462 days) earlier.
    const as1900 = triagePortfolio(rows, MAP, { asOf: AS_OF });
    expect(as1900.dateSystem).toBe("1900");
    expect(as1900.records[0].daysPastDue).toBe(90 + DATE_1904_OFFSET);
    expect(as1900.records[1].daysPastDue).toBe(90);
  });

  it("1904 serial 0 is 1904-01-01; a number beyond the calendar is still refused, naming the field", () => {
    const out = triagePortfolio(
      [
        ["A", 1, 0],
        ["B", 1, 2958466],
      ],
      MAP,
      { asOf: AS_OF, dateSystem: "1904" },
    );
    expect(out.records[0].dueDate).toBe(serialFromCivil(1904, 1, 1));
    expect(out.records[1].status).toBe("problem");
    expect(out.records[1].problems[0].code).toBe("invalid:dueDate");
  });

  it("refuses an unknown date system", () => {
    expect(ruleError(() => triagePortfolio([], MAP, { asOf: AS_OF, dateSystem: "1901" as never })).argument).toBe("dateSystem");
  });
});

describe("triage: a formula saved without its computed value", () => {
  it("is a problem of its field, in both languages, never a blank cell", () => {
    const rows = [
      ["A", new UncomputedFormula("D2*2"), DUE],
      [new UncomputedFormula(""), 5, DUE],
      ["C", 5, new UncomputedFormula("TODAY()-30"), ""],
      [new UncomputedFormula("X1"), "", "", ""],
    ];
    const out = triagePortfolio(rows, MAP, { asOf: AS_OF });
    expect(out.records.map((r) => r.status)).toEqual(["problem", "problem", "problem", "problem"]);
    expect(out.records[0].problems).toEqual([
      {
        code: "uncomputed-formula:balance",
        en: 'balance: the cell holds a formula "=D2*2" without a computed value (the file was not saved by Excel); open and save the file in Excel to compute it',
        zh: '余额：单元格是公式（"=D2*2"），但文件中没有计算结果（文件不是由 Excel 保存的）；请在 Excel 中打开并保存文件以计算公式',
      },
    ]);
    expect(out.records[1].problems[0].en).toBe(
      "customer: the cell holds a formula without a computed value (the file was not saved by Excel); open and save the file in Excel to compute it",
    );
    expect(out.records[2].problems.map((p) => p.code)).toEqual(["uncomputed-formula:dueDate"]);
    expect(out.records[2].balance).toBe(5); // what did read still gives its verdicts
    expect(out.records[3].problems.map((p) => p.code)).toEqual(["uncomputed-formula:customer", "missing:balance", "missing:dueDate"]);
    const summary = summarise(out.records, out.policy);
    expect([summary.rows, summary.ok, summary.problem, summary.blank]).toEqual([4, 0, 4, 0]);
  });
});
