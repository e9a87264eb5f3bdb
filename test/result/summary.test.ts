// The summary as people read it (src/result/summary.ts): the summary sheet's rows, the command line's
// lines and the pane's texts, in English and Chinese, from one set of labels.
import { describe, expect, it } from "vitest";
import {
  blankRowsLine,
  PANE_SUMMARY_TEXT,
  RESULT_TEXT,
  rowCounts,
  sourceRowsText,
  summaryHeadline,
  summarySheet,
  summaryTables,
} from "../../src/result/summary.js";
import { AS_OF, smallRun } from "./support.js";

const { summary } = smallRun();
const sheet = (language: "en" | "zh", extra: { dateSystem?: "1900" | "1904"; tableName?: string } = {}) =>
  summarySheet({
    summary,
    language,
    asOf: AS_OF,
    dateSystem: extra.dateSystem,
    source: { address: "Debtors!A1:C5", tableName: extra.tableName },
    resultSheet: "Triage",
    problemRowLimit: 1,
  });

describe("the summary sheet", () => {
  it("has the run's figures, four breakdowns and the rows with problems, in English", () => {
    const s = sheet("en");
    expect(s.rows.slice(0, 12)).toEqual([
      ["Portfolio triage"],
      ["as of", AS_OF],
      ["source", "Debtors!A1:C5"],
      ["result sheet", "Triage"],
      ["rows", 4],
      ["ok", 2],
      ["with problems", 1],
      ["blank rows", 1, "row 4"],
      ["triaged (balance and due date read)", 2],
      ["triaged balance", 3500.5],
      [],
      ["by warning level", "balance", "rows"],
    ]);
    expect(s.rows.slice(12, 16)).toEqual([
      ["level 0 (not due or under level 1)", 1000, 1],
      ["level 1", 2500.5, 1],
      ["level 2", 0, 0],
      ["level 3", 0, 0],
    ]);
    // The blank row is named on its count's row, not listed as a problem: as many problems listed as counted.
    expect(s.rows.slice(-3)).toEqual([
      ["rows with problems (1)"],
      ["source row", "customer", "first problem", "problems"],
      [5, "Gamma", 'balance: "abc" is not a number', 1],
    ]);
    expect(s.width).toBe(4);
    expect(s.asOfRow).toBe(1);
    expect(s.levelBlock).toBe(11);
    expect(s.bold).toEqual([0, 11, 17, 24, 31, 37, 38]);
    expect(s.amounts).toEqual([9, 12, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 28, 29, 32, 33, 34, 35]);
    for (const row of s.rows) expect(row.length).toBeLessThanOrEqual(s.width);
  });

  it("says the same in Chinese, row for row", () => {
    const en = sheet("en");
    const zh = sheet("zh");
    expect(zh.rows.length).toBe(en.rows.length);
    expect(zh.bold).toEqual(en.bold);
    expect(zh.amounts).toEqual(en.amounts);
    expect(zh.rows.slice(0, 3)).toEqual([["应收账款组合分诊"], ["截至日期", AS_OF], ["数据来源", "Debtors!A1:C5"]]);
    expect(zh.rows[11]).toEqual(["按预警级别", "余额", "行数"]);
    expect(zh.rows[12]).toEqual(["0级（未到期或未达一级）", 1000, 1]);
    expect(zh.rows[7]).toEqual(["空行", 1, "第 4 行"]);
    expect(zh.rows.at(-1)).toEqual([5, "Gamma", '余额："abc" 不是数字', 1]);
  });

  it("writes the as-of date in a 1904 workbook's count and says so; names the table", () => {
    const s = sheet("en", { dateSystem: "1904", tableName: "Debtors" });
    expect(s.rows[1]).toEqual(["as of", AS_OF - 1462]);
    expect(s.rows[2]).toEqual(["date system", RESULT_TEXT.en.dateSystem1904]);
    expect(s.rows[3]).toEqual(["source", "Debtors (Debtors!A1:C5)"]);
    expect(s.levelBlock).toBe(12);
  });

  it("says none when no row has a problem", () => {
    const s = summarySheet({
      summary: { ...summary, problemRows: [] },
      language: "zh",
      asOf: AS_OF,
      source: { address: "A1:C3" },
      resultSheet: "分诊结果",
      problemRowLimit: 200,
    });
    expect(s.rows.slice(-2)).toEqual([["有问题的行 (0)"], ["无"]]);
  });
});

describe("the one count", () => {
  it("divides the rows once: ok, with a problem (listed), blank (named, not a problem)", () => {
    const c = rowCounts(summary);
    expect([c.rows, c.ok, c.problem, c.blank]).toEqual([4, 2, 1, 1]);
    expect(c.problemRows.map((p) => [p.sourceRow, p.customer, p.problem.code])).toEqual([[5, "Gamma", "invalid:balance"]]);
    expect(c.blankRows).toEqual([4]);
  });

  it("names source rows as a short list", () => {
    expect(sourceRowsText([14], "en")).toBe("row 14");
    expect(sourceRowsText([3, 4, 5, 9], "en")).toBe("rows 3-5, 9");
    expect(sourceRowsText([3, 4, 5, 9], "zh")).toBe("第 3-5、9 行");
  });

  it("shows more than the limit of problem rows as a count, never a blank row among them", () => {
    const many = {
      ...summary,
      problem: 23,
      problemRows: [summary.problemRows[0], ...Array.from({ length: 23 }, () => summary.problemRows[1])],
    };
    const s = summarySheet({
      summary: many,
      language: "en",
      asOf: AS_OF,
      source: { address: "A1" },
      resultSheet: "Triage",
      problemRowLimit: 20,
    });
    expect(s.rows.at(-1)).toEqual(["... and 3 more rows with problems: filter the status column of the sheet Triage"]);
    expect(s.rows).toContainEqual(["rows with problems (23)"]);
  });
});

describe("the command line's printout", () => {
  it("opens with the file, the date and the counts; says how the file was read only when it helps", () => {
    const source = { name: "p.csv" };
    expect(summaryHeadline(summary, source, AS_OF, "en")).toBe(
      "p.csv as of 2025-07-31: 4 rows, 2 ok, 1 with problems, 1 blank; 3,500.5 triaged",
    );
    expect(summaryHeadline(summary, source, AS_OF, "zh")).toBe("p.csv 截至 2025-07-31：4 行，正常 2，有问题 1，空行 1；已分诊余额 3,500.5");
    const gb = { name: "p.csv", detail: "Chinese GB18030", dateSystem: "1904" as const };
    expect(summaryHeadline(summary, gb, AS_OF, "en")).toContain("p.csv (Chinese GB18030, 1904 date system) as of");
    expect(summaryHeadline(summary, { ...gb, detail: "GB18030 编码" }, AS_OF, "zh")).toContain("p.csv（GB18030 编码，1904 日期系统）截至");
    expect(summaryHeadline(summary, { name: "k.csv", items: true }, AS_OF, "en")).toContain(": 4 customers, 2 ok,");
    expect(summaryHeadline(summary, { name: "k.csv", items: true }, AS_OF, "zh")).toContain("：4 个客户，正常 2，");
  });

  it("has headed tables: the breakdowns with their total, the rows with problems, in English", () => {
    expect(summaryTables(summary, "en")).toEqual([
      {
        headers: ["By profile", "Rows", "Balance"],
        align: ["left", "right", "right"],
        rows: [{ cells: ["unclear", "2", "3,500.50"] }, { cells: ["total", "2", "3,500.50"] }],
      },
      {
        headers: ["By warning level", "Rows", "Balance"],
        align: ["left", "right", "right"],
        rows: [
          { cells: ["level 0 (not due or under level 1)", "1", "1,000.00"] },
          { cells: ["level 1", "1", "2,500.50"] },
          { cells: ["total", "2", "3,500.50"] },
        ],
      },
      {
        title: "Rows with problems (1)",
        headers: ["Row", "Customer", "Problem"],
        align: ["right", "left", "left"],
        rows: [{ cells: ["5", "Gamma", 'balance: "abc" is not a number'], tone: "problem" }],
      },
    ]);
    expect(blankRowsLine(summary, "en")).toBe("Blank rows between data rows: row 4");
  });

  it("and in Chinese", () => {
    const [profile, level, problems] = summaryTables(summary, "zh");
    expect(profile.headers).toEqual(["按客户画像", "行数", "余额"]);
    expect(level.rows.map((r) => r.cells[0])).toEqual(["0级（未到期或未达一级）", "一级预警", "合计"]);
    expect(problems.title).toBe("有问题的行（1）");
    expect(problems.rows[0].cells).toEqual(["5", "Gamma", '余额："abc" 不是数字']);
    expect(blankRowsLine(summary, "zh")).toBe("数据行之间的空行：第 4 行");
  });

  it("counts the rows with problems beyond the first 20; marks level 3", () => {
    const many = { ...summary, problemRows: Array.from({ length: 23 }, () => summary.problemRows[1]) };
    expect(summaryTables(many, "en")[2].footer).toBe("... and 3 more rows with problems: write them all with --out");
    expect(summaryTables(many, "en")[2].rows).toHaveLength(20);
    const level3 = { ...summary, byLevel: summary.byLevel.map((g) => (g.key === "3" ? { ...g, count: 1, amount: 5 } : g)) };
    expect(
      summaryTables(level3, "en")[1]
        .rows.filter((r) => r.tone === "level3")
        .map((r) => r.cells[0]),
    ).toEqual(["level 3"]);
  });
});

describe("the pane's summary texts", () => {
  it("take the sheet's labels as headings", () => {
    expect(PANE_SUMMARY_TEXT.en.byLevel).toBe("By warning level");
    expect(PANE_SUMMARY_TEXT.en.byProfile).toBe("By debtor profile");
    expect(PANE_SUMMARY_TEXT.en.groupColumns).toEqual({ group: "", count: "Rows", amount: "Balance" });
    expect(PANE_SUMMARY_TEXT.zh.byLevel).toBe("按预警级别");
    expect(PANE_SUMMARY_TEXT.zh.groupColumns).toEqual({ group: "", count: "行数", amount: "余额" });
    expect(PANE_SUMMARY_TEXT.en.blankRows([14])).toBe("Blank rows between data rows: row 14.");
    expect(PANE_SUMMARY_TEXT.zh.blankRows([14, 15])).toBe("数据行之间的空行：第 14-15 行。");
  });

  it("format counts in each language's way", () => {
    expect(PANE_SUMMARY_TEXT.en.counts(1234, 5, 0)).toBe("1,234 ok, 5 with problems, 0 blank.");
    expect(PANE_SUMMARY_TEXT.zh.counts(1234, 5, 0)).toBe("正常 1,234 行，有问题 5 行，空行 0 行。");
    expect(PANE_SUMMARY_TEXT.en.problemsHeading(1234)).toBe("Rows with problems (1,234)");
    expect(PANE_SUMMARY_TEXT.zh.problemsHeading(1234)).toBe("有问题的行（1,234）");
    expect(PANE_SUMMARY_TEXT.en.moreProblems(7)).toBe("… and 7 more in the result sheet.");
    expect(PANE_SUMMARY_TEXT.zh.moreProblems(7)).toBe("……另有 7 行，见结果工作表。");
  });
});
