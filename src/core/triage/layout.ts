/**
 * Where a triage run keeps a row's values: a few flat arrays for the whole run (the slabs: numbers,
 * whole numbers, small codes), each row at a fixed offset in each, instead of an object per row. The run
 * (run.ts) writes them, the record (record.ts) reads them.
 */
import type { CashFlow, GradeRule } from "../grade.js";

// A row's numbers in the number slab (NaN: none).
export const BALANCE = 0;
export const COUNT_READ = 1;
export const LARGEST = 2;
export const NUMBERS = 3;
// A row's whole numbers in the integer slab, as 1 + the number (0: none).
export const DUE = 0;
/** The row's shared verdicts, as 1 + their ids in the run's Verdicts (see Run.profileOf and the record's getters). */
export const PROFILE_REF = 1;
export const CONFIRMATION_REF = 2;
export const LIMITATION_REF = 3;
export const INTS = 4;
// A row's small codes in the code slab.
/** 1 + the index of the grade rule in GRADE_RULES, 0: none. */
export const RULE_CODE = 0;
/** 1 + the index of the cash flow in CASH_FLOWS, 0: none. */
export const CASH_CODE = 1;
/** The missing grade inputs (a mask, see NO_GRADE). */
export const GRADE_MISSING = 2;
/** 1 + the key of the row's step in Run.steps, 0: none. */
export const STEP_CODE = 3;
/** 1: the row has an Extra in Run.extras. */
export const HAS_EXTRA = 4;
/** The warning level (0-3), when the due date read. */
export const LEVEL_CODE = 5;
/** 1: not profiled because nothing is overdue (see Run.profileRow). */
export const NOT_PROFILED = 6;
export const CODES = 7;

/** The grade rules, in the order of their codes. */
export const GRADE_RULES: readonly GradeRule[] = [
  "C-repeat-overdue",
  "C-poor-cash-flow",
  "C-large-overdue",
  "B-small-overdue",
  "B-fair-cash-flow",
  "A-clean",
];
/** 1 + the index of a rule in GRADE_RULES (a switch: no lookup by text per row). */
export function gradeRuleCode(rule: GradeRule): number {
  switch (rule) {
    case "C-repeat-overdue":
      return 1;
    case "C-poor-cash-flow":
      return 2;
    case "C-large-overdue":
      return 3;
    case "B-small-overdue":
      return 4;
    case "B-fair-cash-flow":
      return 5;
    default:
      return 6; // A-clean
  }
}
/** The cash flows, in the order of their codes. */
export const CASH_FLOWS: readonly CashFlow[] = ["good", "fair", "poor"];
/** 1 + the index of a cash flow in CASH_FLOWS. */
export function cashFlowCode(cashFlow: CashFlow): number {
  return cashFlow === "good" ? 1 : cashFlow === "fair" ? 2 : 3;
}
