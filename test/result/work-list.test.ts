// Today's work list as the faces show it (src/result/work-list.ts): the table's headers and cells in both
// languages, and the printout's tables per owner, on hand-made rows as of 2025-07-31.
import { describe, expect, it } from "vitest";
import { recogniseColumns, serialFromCivil, triagePortfolio, workList } from "../../src/core/index.js";
import { WORK_LIST_SHEET, workListEmptyLine, workListHeading, workListTable, workListTextTables } from "../../src/result/index.js";

const AS_OF = serialFromCivil(2025, 7, 31);
// Ada: 45 days past due (level 1, salesperson); Bo: 95 days (level 3, legal); Cy: not due (not listed).
const table = [
  ["Customer", "Balance", "Due date"],
  ["Ada", 1234.5, "2025-06-16"],
  ["Bo", 600000, "2025-04-27"],
  ["Cy", 1000, "2025-08-30"],
];
const output = triagePortfolio(table.slice(1), recogniseColumns(table[0]).mapping, { asOf: AS_OF });
const list = workList(output.records, AS_OF, { policy: output.policy });

describe("the work list's table", () => {
  it("has one row per entry, by owner, numbers as numbers, in English", () => {
    const t = workListTable(list, "en");
    expect(t.columnKeys).toEqual([
      "owner",
      "customer",
      "sourceRow",
      "nextStep",
      "nextStepReason",
      "whyToday",
      "balance",
      "level",
      "daysPastDue",
    ]);
    expect(t.rows.map((r) => [r[0], r[1], r[2], r[5], r[6], r[7], r[8]])).toEqual([
      ["salesperson", "Ada", 2, "level 1, no contact logged", 1234.5, 1, 45],
      ["legal", "Bo", 3, "level 3, no contact logged", 600000, 3, 95],
    ]);
    expect(t.rows[0][3]).toBe("salesperson: daily follow-up and a dunning letter (phone, then an e-mail to confirm)");
    expect(t.rows[0][4]).toBe("the ladder's step: the profile is unclear, the ladder applies until it is found out");
  });

  it("and in Chinese", () => {
    const t = workListTable(list, "zh");
    expect(t.headers).toEqual(["负责人", "客户", "源行号", "下一步", "为何此步", "为何今日", "余额", "预警级别", "逾期天数"]);
    expect(t.rows.map((r) => [r[0], r[5]])).toEqual([
      ["业务员", "一级预警，无联系记录"],
      ["法务", "三级预警，无联系记录"],
    ]);
    expect(WORK_LIST_SHEET).toEqual({ en: "Today's work", zh: "今日工作" });
  });
});

describe("the work list in the printout", () => {
  it("is a heading and one table per owner, level 3 marked", () => {
    expect(workListHeading(list, "en")).toBe("Today's work (2)");
    expect(workListHeading(list, "zh")).toBe("今日工作（2）");
    const tables = workListTextTables(list, "en");
    expect(tables.map((t) => t.title)).toEqual(["Salesperson (1)", "Legal (1)"]);
    expect(tables[0].headers).toEqual(["Row", "Customer", "Balance", "What, and why today"]);
    expect(tables[0].rows).toEqual([
      { cells: ["2", "Ada", "1,234.50", "daily follow-up and a dunning letter. Today: level 1, no contact logged"] },
    ]);
    expect(tables[1].rows[0].tone).toBe("level3");
    expect(tables[1].rows[0].cells[2]).toBe("600,000.00"); // cents on every row, as the column has some
    expect(workListTextTables(list, "zh").map((t) => t.title)).toEqual(["业务员（1）", "法务（1）"]);
  });

  it("says so when nobody is to be contacted", () => {
    const empty = workList([], AS_OF);
    expect(workListTextTables(empty, "en")).toEqual([]);
    expect(workListHeading(empty, "en")).toBe("Today's work (0)");
    expect([workListEmptyLine("en"), workListEmptyLine("zh")]).toEqual(["nobody to contact today", "今日无需联系任何客户"]);
  });
});
