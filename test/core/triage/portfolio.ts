/**
 * A small hand-made debtor table for the triage tests: the articles' three debtors, a grade A customer,
 * and one row for each way a row can go wrong. As of 2025-07-27.
 */
import { serialFromCivil } from "../../../src/core/dates.js";

export const AS_OF = serialFromCivil(2025, 7, 27);

export const HEADERS = [
  "Customer",
  "Balance (CNY)",
  "Due date",
  "Overdue events (12 months)",
  "Largest overdue",
  "现金流",
  "Business operating",
  "Income stable",
  "Turnover decline",
  "Proposed plan",
  "Excuses",
  "Contradiction",
  "Broken promises",
  "Refuses contact",
  "Insolvent",
  "Dishonest debtor",
  "Operations stopped",
  "Free cash flow (monthly)",
  "最近对账日",
  "Signed contract",
  "Reconciliation",
  "Collection records",
  "Excuse",
  "Last demand",
  "Free estate",
  "Ordinary claims total",
];

const d = (y: number, m: number, day: number): number => serialFromCivil(y, m, day);

// prettier-ignore
export const ROWS: readonly (readonly unknown[])[] = [
  // 2: the restaurant supply chain (temporary): 20 outlets running, a short-term dip, comes forward with a plan
  ["Restaurant Supply Chain", 1_200_000, d(2025, 4, 27), 1, 20_000, "好", "yes", "yes", "short-term", "yes", "no", "no", 0, "no", "no", "no", "no", 150_000, d(2025, 7, 3), "yes", "yes", "yes", "none", d(2025, 1, 10), "", ""],
  // 3: the building-materials dealer (willful): "funds are tight" while winning a tender
  ["Building Materials Dealer", 800_000, "2025-01-27", 3, 200_000, "一般", "是", "", "", "", "是", "是", "", "", "", "", "", "", "", "是", "否", "", "没收到发票", "", "", ""],
  // 4: the bankrupt electronics customer (unable)
  ["Electronics Customer", 500_000, d(2025, 6, 10), 2, 0, "差", "否", "", "", "", "", "", "", "", "是", "", "", "", d(2025, 6, 30), "", "", "", "", d(2024, 2, 29), 1_000_000, 4_000_000],
  // 5: a grade A customer, not yet due
  ["Acme Trading", 100_000.05, "2025/8/15", 0, "", "good", "", "", "", "", "", "", "", "", "", "", "", "", d(2025, 7, 2), "", "", "", "", "", "", ""],
  // 6: text in an amount
  ["Bright Paper", "about 30k", d(2025, 7, 1), 0, 0, "fair", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  // 7: a missing due date
  ["Coastal Foods", 60_000, "", 2, 5_000, "poor", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  // 8: an impossible date
  ["Delta Metals", 45_000, "2025-02-30", 1, 45_000, "good", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  // 9: an Excel error value
  ["Eastern Textiles", "#N/A", d(2025, 5, 20), 0, 0, "good", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  // 10: a blank row in the middle
  ["", null, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  // 11: a duplicate customer (case and spaces differ)
  ["  acme trading ", 2_000, d(2025, 7, 20), 0, 0, "good", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  // 12: a bad optional cell: the other verdicts still come
  ["Fuji Parts", 20_000, d(2025, 5, 1), 0, 0, "excellent", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  // 13, 14: blank rows at the end (dropped)
  ["", "", "  "],
  [],
];
