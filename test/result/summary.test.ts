// The summary as people read it (src/result/summary.ts): the summary sheet's rows, the command line's
// lines and the pane's texts, in English and Chinese, from one set of labels.
import { describe, expect, it } from "vitest";
import { PANE_SUMMARY_TEXT, RESULT_TEXT, summaryHeadline, summaryLines, summarySheet } from "../../src/result/summary.js";
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
      ["blank rows", 1],
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
    expect(s.rows.slice(-4)).toEqual([
      ["rows with problems (2)"],
      ["source row", "customer", "first problem", "problems"],
      [4, "", "blank row between data rows", 1],
      ["... and 1 more rows with problems: filter the status column of the sheet Triage"],
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
    expect(zh.rows.at(-1)).toEqual(["……另有 1 行有问题：请在工作表“Triage”中按状态列筛选"]);
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

describe("the command line's printout", () => {
  it("opens with the file, the date and the counts", () => {
    const source = { name: "p.csv", detail: "utf8" };
    expect(summaryHeadline(summary, source, AS_OF, "en")).toBe(
      "p.csv (utf8) as of 2025-07-31: 4 rows, 2 ok, 1 with problems, 1 blank; 3,500.5 triaged",
    );
    expect(summaryHeadline(summary, source, AS_OF, "zh")).toBe(
      "p.csv（utf8）截至 2025-07-31：4 行，正常 2，有问题 1，空行 1；已分诊余额 3,500.5",
    );
    expect(summaryHeadline(summary, { ...source, dateSystem: "1904" }, AS_OF, "en")).toContain("(utf8, 1904 date system)");
    expect(summaryHeadline(summary, { ...source, dateSystem: "1904" }, AS_OF, "zh")).toContain("（utf8，1904 日期系统）");
  });

  it("lists the breakdowns with rows and the rows with problems, in English", () => {
    expect(summaryLines(summary, "en")).toEqual([
      "by profile:",
      "  unclear                       2           3,500.5",
      "by warning level:",
      "  level 0 (not due or under level 1)      1             1,000",
      "  level 1                       1           2,500.5",
      "rows with problems:",
      "  row 4 : blank row between data rows",
      '  row 5 Gamma: balance: "abc" is not a number',
    ]);
  });

  it("and in Chinese", () => {
    expect(summaryLines(summary, "zh")).toEqual([
      "按客户画像：",
      "  不明              2           3,500.5",
      "按预警级别：",
      "  0级（未到期或未达一级）      1             1,000",
      "  一级预警            1           2,500.5",
      "有问题的行：",
      "  第4行 : 数据行之间的空行",
      '  第5行 Gamma: 余额："abc" 不是数字',
    ]);
  });

  it("counts the rows with problems beyond the first 20", () => {
    const many = { ...summary, problemRows: Array.from({ length: 23 }, () => summary.problemRows[1]) };
    expect(summaryLines(many, "en").at(-1)).toBe("  ... 3 more");
  });
});

describe("the pane's summary texts", () => {
  it("take the sheet's labels as headings", () => {
    expect(PANE_SUMMARY_TEXT.en.byLevel).toBe("By warning level");
    expect(PANE_SUMMARY_TEXT.en.byProfile).toBe("By debtor profile");
    expect(PANE_SUMMARY_TEXT.en.groupColumns).toEqual({ group: "", count: "Rows", amount: "Balance" });
    expect(PANE_SUMMARY_TEXT.zh.byLevel).toBe("按预警级别");
    expect(PANE_SUMMARY_TEXT.zh.groupColumns).toEqual({ group: "", count: "行数", amount: "余额" });
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
