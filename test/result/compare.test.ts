// The comparison of two results (src/result/compare.ts) on hand-made tables: reading a result's cells,
// matching customers, the kind of each change, the texts and the amounts to the cent.
import { describe, expect, it } from "vitest";
import {
  compareResults,
  comparisonHeadline,
  comparisonRows,
  comparisonTable,
  gradeClauses,
  overdueEventsOf,
  readCents,
  readResultView,
  type ResultView,
} from "../../src/result/index.js";
import { RuleError } from "../../src/core/index.js";

const EN = [
  "source row",
  "customer",
  "balance",
  "status",
  "problems",
  "grade",
  "days past due",
  "warning level",
  "next step",
  "profile",
  "reasons",
];
const ZH = ["源行号", "客户", "余额", "状态", "问题", "信用等级", "逾期天数", "预警级别", "下一步", "客户画像", "原因"];

/** A result row: source row, customer, balance, status, problems, grade, days, level, next step, profile, reasons. */
type Row = [number, string, number | string, string, string, string, number | string, number | string, string, string, string];

const view = (rows: Row[], headers = EN): ResultView => readResultView("prev.csv", headers, rows);
const ok = (
  row: number,
  customer: string,
  balance: number | string,
  grade: string,
  days: number,
  level: number,
  extra: Partial<{ step: string; profile: string; reasons: string }> = {},
): Row => [
  row,
  customer,
  balance,
  "ok",
  "",
  grade,
  days,
  level,
  extra.step ?? "salesperson: call",
  extra.profile ?? "unclear",
  extra.reasons ?? "",
];

describe("reading a result's cells", () => {
  it("reads amounts to the exact cent, as numbers or as the text this tool writes", () => {
    expect(readCents("95000")).toBe(9_500_000);
    expect(readCents("74999.5")).toBe(7_499_950);
    expect(readCents("1,234.50")).toBe(123_450);
    expect(readCents("12.300")).toBe(1_230);
    expect(readCents("-20")).toBe(-2_000);
    expect(readCents(0.1 + 0.2)).toBe(30);
    expect(readCents(56000.25)).toBe(5_600_025);
    expect(readCents("")).toBeNull();
    expect(readCents("abc")).toBeUndefined();
    expect(readCents("1.234")).toBeUndefined();
    expect(readCents(Number.NaN)).toBeUndefined();
  });

  it("finds the grade's clauses and the overdue events in the reasons, in English and Chinese", () => {
    const en = "2 overdue events in 12 months (2 or more: C); cash flow poor (C); credit term 0 days: cash on delivery; 3 promises (C)";
    expect(gradeClauses(en, "C")).toEqual(["2 overdue events in 12 months (2 or more: C)", "cash flow poor (C)"]);
    expect(gradeClauses("近12个月逾期2次（2次及以上：C级）；现金流差（C级）；账期0天", "C")).toEqual([
      "近12个月逾期2次（2次及以上：C级）",
      "现金流差（C级）",
    ]);
    expect(gradeClauses("credit term 30 days", "A")).toEqual([]);
    expect(overdueEventsOf(en)).toBe(2);
    expect(overdueEventsOf("1 overdue event of 20,000, within the small-amount limit 50,000 (B); credit term 15 days")).toBe(1);
    expect(overdueEventsOf("no overdue event in 12 months and cash flow good (A)")).toBe(0);
    expect(overdueEventsOf("近12个月逾期3次（2次及以上：C级）")).toBe(3);
    expect(overdueEventsOf("近12个月无逾期且现金流好（A级）")).toBe(0);
    expect(overdueEventsOf("cash flow poor (C)")).toBeNull();
  });

  it("reads Chinese headers, skips blank rows, and makes a row it cannot read a problem row with the reason", () => {
    const v = readResultView(
      "上次.csv",
      ZH,
      [
        [2, "华信机械", "180000", "正常", "", "A", "11", "0", "业务员：常规提醒", "不明", ""],
        [3, "", "", "空行", "表头之间的空行", "", "", "", "", "", ""],
        [4, "建材商贸", "八十万", "正常", "", "C", "77", "2", "", "故意拖欠型", ""],
        [5, "电子元件厂", "500000", "待定", "", "C", "153", "3", "", "", ""],
      ],
      2,
    );
    expect(v.language).toBe("zh");
    expect(v.rows.map((r) => [r.row, r.customer, r.status, r.balanceCents, r.profile])).toEqual([
      [2, "华信机械", "ok", 18_000_000, "unclear"],
      [4, "建材商贸", "problem", null, "willful"],
      [5, "电子元件厂", "problem", 50_000_000, null],
    ]);
    expect(v.rows[1].problems).toBe('余额 "八十万" 不是金额');
    expect(v.rows[2].problems).toBe('状态 "待定" 无法识别');
  });

  it("refuses a table without the customer, balance or status column, naming the file and the columns in both languages", () => {
    const attempt = () => readResultView("book.xlsx", ["Customer", "Amount due"], []);
    expect(attempt).toThrow(RuleError);
    try {
      attempt();
    } catch (error) {
      const e = error as RuleError;
      expect(e.message).toBe(
        '--compare: book.xlsx is not a triage result of this tool: no column "balance", "status" (or "余额", "状态") among its headers "Customer", "Amount due"; give the result file a run wrote with --out',
      );
      expect(e.zh).toBe(
        '--compare：book.xlsx 不是本工具的分诊结果：表头 "Customer"、"Amount due" 中没有“余额”、“状态”列（或 "balance", "status"）；请给出用 --out 写出的结果文件',
      );
    }
  });
});

describe("comparing two results", () => {
  it("classifies each customer: grade and level first, then the balance; a changed profile or step alone is a change", () => {
    const previous = view([
      ok(2, "Up Ltd", "100.10", "B", 40, 1),
      ok(3, "Down Ltd", 500, "C", 70, 2),
      ok(4, "Mixed Ltd", 500, "C", 20, 0),
      ok(5, "More Ltd", 1000, "A", 10, 0),
      ok(6, "Less Ltd", 1000, "A", 10, 0),
      ok(7, "Profile Ltd", 1000, "A", 10, 0),
      ok(8, "Calm Ltd", 1000, "A", 5, 0),
      ok(9, "Credit Ltd", 1000, "A", 5, 0),
    ]);
    const current = view([
      ok(2, "up ltd", "100.30", "C", 71, 2),
      ok(3, "Down Ltd", 500, "B", 10, 0),
      ok(4, "Mixed Ltd", 500, "B", 45, 1),
      ok(5, "More Ltd", 1000.01, "A", 10, 0),
      ok(6, "Less Ltd", 999.99, "A", 10, 0),
      ok(7, "Profile Ltd", 1000, "A", 10, 0, { profile: "willful" }),
      ok(8, "ＣＡＬＭ  Ltd", 1000, "A", 9, 0),
      ok(9, "Credit Ltd", -0.01, "A", 5, 0),
    ]);
    const c = compareResults(previous, current);
    expect(c.changes.map((x) => [x.kind, x.customer, x.balanceChangeCents])).toEqual([
      ["worse", "up ltd", 20],
      ["worse", "More Ltd", 1],
      ["better", "Down Ltd", 0],
      ["better", "Less Ltd", -1],
      ["settled", "Credit Ltd", -100_001],
      ["changed", "Mixed Ltd", 0],
      ["changed", "Profile Ltd", 0],
      ["unchanged", "ＣＡＬＭ  Ltd", 0],
    ]);
    expect(c.counts).toEqual({ worse: 2, better: 2, new: 0, settled: 1, changed: 2, problem: 0, unchanged: 1 });
    const moves = (customer: string) => c.changes.find((x) => x.customer === customer)!.moves.map((m) => m.en);
    expect(moves("up ltd")).toEqual(["grade B → C", "warning level 1 → 2", "days past due 40 → 71", "balance up by 0.2 (100.1 → 100.3)"]);
    expect(moves("Profile Ltd")).toEqual(["profile unclear → willful"]);
    expect(moves("Credit Ltd")).toEqual(["settled: balance now -0.01 (was 1,000)"]);
    expect(c.changes.find((x) => x.customer === "Profile Ltd")!.moves[0].zh).toBe("客户画像 不明 → 故意拖欠型");
    // the changes table: balances and their change exact to the cent
    const table = comparisonRows(c, "en");
    expect(table.rows[0].slice(0, 7)).toEqual(["worse", "up ltd", 2, 2, 100.1, 100.3, 0.2]);
    expect(comparisonHeadline(c, "prev.csv", "en")).toBe("Changes since prev.csv: 2 worse, 2 better, 1 settled, 2 changed, 1 unchanged");
    expect(comparisonHeadline(c, "prev.csv", "zh")).toBe("与 prev.csv 相比：变差 2，好转 2，已结清 1，有变化 2，无变化 1");
    // the terminal lists what moved; the unchanged are only counted
    expect(comparisonTable(c, "en").rows.map((r) => r.cells[1])).toEqual([
      "up ltd",
      "More Ltd",
      "Down Ltd",
      "Less Ltd",
      "Credit Ltd",
      "Mixed Ltd",
      "Profile Ltd",
    ]);
  });

  it("matches a name on several rows row by row in order; a row with a problem or without a name is a problem, never compared", () => {
    const previous = view([
      ok(2, "Acme", 100, "A", 5, 0),
      [3, "Acme", 50, "problem", "customer: duplicate of row 2", "", "", "", "", "", ""],
      [4, "Gone Ltd", "", "problem", 'balance: "x" is not a number', "", "", "", "", "", ""],
    ]);
    const current = view([
      ok(2, "ACME", 80, "A", 36, 1),
      [3, "acme", 50, "problem", "customer: duplicate of row 2", "", "", "", "", "", ""],
      [4, "Acme", 10, "problem", "customer: duplicate of row 2", "", "", "", "", "", ""],
      [5, "", 70, "problem", "customer: missing (blank cell)", "", "", "", "", "", ""],
      ok(6, "Fresh Co", 1234.56, "B", 0, 0),
    ]);
    const c = compareResults(previous, current);
    expect(c.changes.map((x) => [x.kind, x.customer, x.previous?.row ?? null, x.current?.row ?? null])).toEqual([
      ["worse", "ACME", 2, 2],
      ["new", "Fresh Co", null, 6],
      ["problem", "acme", 3, 3],
      ["problem", "Acme", null, 4],
      ["problem", "", null, 5],
      ["problem", "Gone Ltd", 4, null],
    ]);
    const moves = c.changes.map((x) => x.moves.map((m) => m.en).join(" | "));
    expect(moves).toEqual([
      "warning level 0 → 1; days past due 5 → 36; balance down by 20 (100 → 80)".replace(/; /g, " | "),
      "new: balance 1,234.56, grade B, warning level 0",
      "previous result, row 3: customer: duplicate of row 2 | now, row 3: customer: duplicate of row 2",
      "new since the previous result | now, row 4: customer: duplicate of row 2",
      "now, row 5: customer: missing (blank cell)",
      'not in this portfolio any more | previous result, row 4: balance: "x" is not a number',
    ]);
    // every row of either table is in one change
    expect(c.changes.length).toBe(6);
    expect(Object.values(c.counts).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("quotes today's texts in the printout's language while comparing in the previous table's", () => {
    const previous = view(
      [ok(2, "华信机械", 100, "B", 5, 0, { step: "业务员：常规提醒", reasons: "近12个月逾期1次，金额20,000未超过小额上限50,000（B级）" })],
      ZH,
    );
    const current = view(
      [ok(2, "华信机械", 100, "C", 5, 0, { step: "财务经理：联系老板", reasons: "近12个月逾期2次（2次及以上：C级）" })],
      ZH,
    );
    const shown = view([
      ok(2, "华信机械", 100, "C", 5, 0, {
        step: "finance manager: contact the owner",
        reasons: "2 overdue events in 12 months (2 or more: C)",
      }),
    ]);
    const c = compareResults(previous, current, shown);
    expect(c.changes[0].kind).toBe("worse");
    expect(c.changes[0].moves.map((m) => m.en)).toEqual([
      "grade B → C (2 overdue events in 12 months (2 or more: C))",
      "a second overdue event: overdue events in 12 months 1 → 2",
      "next step now: finance manager: contact the owner (was: 业务员：常规提醒)",
    ]);
    expect(c.changes[0].moves[1].zh).toBe("第2次逾期：近12个月逾期次数 1 → 2");
  });
});
