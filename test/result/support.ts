// A small portfolio for the result's tests: two debtors, a blank row, an unreadable balance.
import { recogniseColumns, serialFromCivil, summarise, triagePortfolio } from "../../src/core/index.js";
import type { TriageOutput, TriageSummary } from "../../src/core/index.js";

export const AS_OF = serialFromCivil(2025, 7, 31);

/** Acme (5 days past due), Beta (40 days, level 1), a blank row, Gamma with the balance "abc". */
export function smallRun(): { output: TriageOutput; summary: TriageSummary } {
  const headers = ["Customer", "Balance", "Due date"];
  const rows = [
    ["Acme", 1000, AS_OF - 5],
    ["Beta", 2500.5, AS_OF - 40],
    ["", "", ""],
    ["Gamma", "abc", AS_OF - 10],
  ];
  const output = triagePortfolio(rows, recogniseColumns(headers).mapping, { asOf: AS_OF, firstRowNumber: 2 });
  return { output, summary: summarise(output.records, output.policy) };
}
