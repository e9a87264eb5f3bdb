/**
 * One worked example per AR function, shown in the pane's Functions tab: the formula and what the cell
 * shows. test/taskpane/function-examples.test.ts evaluates every one through the functions as Excel calls
 * them and checks that every function of the metadata has one. Pure data (the pane may not import
 * src/functions, another face: docs/architecture.md).
 */
import type { Language } from "../core/index.js";

/** A result as the cell shows it: one text, or a spilled result as rows of cells. */
export type ShownResult = string | readonly (readonly string[])[];

/** A formula and its result. */
export interface FormulaExample {
  readonly formula: string;
  readonly result: ShownResult;
  /** The result's date cells (by column) are formatted as dates: shown yyyy-mm-dd, a serial in the cell. */
  readonly dateColumns?: readonly number[];
  /** What the result means, when a bare value would not say it. */
  readonly note?: Readonly<Record<Language, string>>;
}

/** A function's example: the same in both languages unless the function answers in the words it is asked in. */
export interface FunctionExample extends FormulaExample {
  /** The Chinese pane's example (Chinese words give Chinese results). */
  readonly zh?: FormulaExample;
}

/** The examples by function id (`GRADE`). */
export const FUNCTION_EXAMPLES: Readonly<Record<string, FunctionExample>> = {
  GRADE: { formula: '=AR.GRADE(1, 20000, "good")', result: "B", zh: { formula: '=AR.GRADE(1, 20000, "好")', result: "B" } },
  TERM: { formula: '=AR.TERM("B")', result: "15" },
  HISTORY: {
    formula: "=AR.HISTORY(DATE(2024,10,15), DATE(2024,11,4), 3000, DATE(2025,6,30))",
    result: [["1", "3000", "20"]],
    note: { en: "overdue events, largest overdue, average days late", zh: "逾期次数、最大逾期金额、平均逾期天数" },
  },
  AGING: {
    formula: '=AR.AGING("2025-06-27", "2025-07-27", "action")',
    result: "salesperson: daily follow-up and dunning letter",
    zh: { formula: '=AR.AGING("2025-06-27", "2025-07-27", "行动")', result: "业务员每日跟进并发催款函" },
  },
  SETTLE: { formula: "=AR.SETTLE(1000000, 10)", result: "900000" },
  FACTOR: { formula: "=AR.FACTOR(1500000)", result: "1200000" },
  INSURE: { formula: "=AR.INSURE(800000)", result: "640000" },
  PROVISION: { formula: "=AR.PROVISION(100000, 45)", result: "3000" },
  PROFILE: {
    formula: '=AR.PROFILE("yes", "yes", "short-term", "yes")',
    result: "temporary",
    zh: { formula: '=AR.PROFILE("是", "是", "短期", "是", , , , , , , , "类型")', result: "暂时困难型" },
  },
  CHANNEL: {
    formula: "=AR.CHANNEL(100000, 70)",
    result: "finance manager: contact the customer's owner (phone, then an e-mail to confirm)",
    zh: { formula: '=AR.CHANNEL(100000, 70, , "步骤")', result: "财务经理：联系客户老板（电话沟通，邮件跟进确认）" },
  },
  CONFIRM: {
    formula: "=AR.CONFIRM(DATE(2025,3,10), DATE(2025,4,6))",
    result: "overdue",
    zh: { formula: '=AR.CONFIRM(DATE(2025,3,10), DATE(2025,4,6), "状态")', result: "逾期未对账" },
  },
  EVIDENCE: {
    formula: '=AR.EVIDENCE("yes", "no", "yes", "no", , "no invoice", "count")',
    result: "2",
    note: {
      en: "pieces of evidence to get before negotiating: the signed reconciliation, the invoice's courier receipt",
      zh: "谈判前须补齐的证据数：盖章对账单、发票签收快递单",
    },
  },
  PLAN: {
    formula: "=AR.PLAN(300000, 3, 10000, DATE(2025,1,31))",
    result: [
      ["1", "2025-01-31", "100000"],
      ["2", "2025-02-28", "100000"],
      ["3", "2025-03-31", "90000"],
    ],
    dateColumns: [1],
  },
  RECOVERY: { formula: "=AR.RECOVERY(500000, 1000000, 4000000, 100000, 50000, 50000)", result: "100000" },
  CLAIMDEADLINE: { formula: '=AR.CLAIMDEADLINE(DATE(2025,1,31), "3个月")', result: "2025-04-30", dateColumns: [0] },
  LIMITATION: {
    formula: "=AR.LIMITATION(DATE(2024,2,29), DATE(2025,7,27))",
    result: "581",
    note: { en: "days left: the period ends 2027-02-28", zh: "剩余天数：时效于 2027-02-28 届满" },
  },
  BENEFIT: {
    formula: '=AR.BENEFIT(1000000, 30, "term")',
    result: "45",
    note: { en: "the next order's credit term in days", zh: "下次合作的账期天数" },
  },
  PROMISE: {
    formula: "=AR.PROMISE(DATE(2025,6,1), DATE(2025,6,10), 100000, DATE(2025,6,11), 100000, DATE(2025,7,31))",
    result: "kept",
    note: { en: "paid on 06-11, within the 3 days' grace", zh: "6月11日付清，在 3 天宽限期内" },
    zh: {
      formula: '=AR.PROMISE(DATE(2025,6,1), DATE(2025,6,10), 100000, DATE(2025,6,11), 100000, DATE(2025,7,31), , "状态")',
      result: "已兑现",
      note: { en: "paid on 06-11, within the 3 days' grace", zh: "6月11日付清，在 3 天宽限期内" },
    },
  },
  NEXTCONTACT: {
    formula: "=AR.NEXTCONTACT(DATE(2025,7,28), 2, DATE(2025,7,31))",
    result: "2025-08-04",
    dateColumns: [0],
    note: { en: "level 2: the finance manager calls weekly", zh: "二级预警：财务经理每周跟进" },
  },
};

/** A function's example in a language (the Chinese one where there is one). */
export function exampleFor(id: string, language: Language): FormulaExample | undefined {
  const example = FUNCTION_EXAMPLES[id];
  if (!example) return undefined;
  return language === "zh" && example.zh ? example.zh : example;
}
