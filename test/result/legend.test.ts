// The legend of a result file (src/result/legend.ts): long to-find-out checklists written once, the row
// keeping the first check and the code; everything else untouched.
import { describe, expect, it } from "vitest";
import { Legend, LEGEND_MIN_LENGTH, withLegend, type ResultTable } from "../../src/result/index.js";

const LONG_EN = [
  "get the last 3 months' bank statements and check the main-business income",
  "compare AR turnover with the same period last year: a short-term dip or a persistent decline?",
  "talk to the debtor and see whether it comes forward with a repayment plan",
].join("; ");
const OTHER_EN = [
  "check the courts' bankruptcy announcements and whether its debts exceed its assets",
  "search the dishonest judgment debtor list (中国执行信息公开网, zxgk.court.gov.cn)",
  "visit the site: production running, equipment seized, owner reachable?",
].join("; ");
const LONG_ZH = Array.from({ length: 6 }, () => "获取近 3 个月银行流水并核对主营业务收入；与债务人沟通，看其是否主动提出还款计划").join(
  "；",
);

function table(rows: (string | number)[][]): ResultTable {
  return {
    headers: ["customer", "strategy", "to find out"],
    columnKeys: ["customer", "strategy", "toFindOut"],
    rows,
    levels: rows.map(() => null),
  };
}

describe("Legend", () => {
  it("moves each long checklist once, codes by first appearance, counts its rows, leaves other columns whole", () => {
    const strategy = "x".repeat(400); // long, but not a legend column: stays in the row
    const { table: out, legend } = withLegend(
      table([
        ["A", strategy, LONG_EN],
        ["B", strategy, OTHER_EN],
        ["C", strategy, LONG_EN],
        ["D", strategy, "call the owner"],
        ["E", strategy, ""],
      ]),
      "en",
    );
    expect(LONG_EN.length).toBeGreaterThan(LEGEND_MIN_LENGTH);
    expect(out.rows).toEqual([
      ["A", strategy, "get the last 3 months' bank statements and check the main-business income; … [legend F1]"],
      ["B", strategy, "check the courts' bankruptcy announcements and whether its debts exceed its assets; … [legend F2]"],
      ["C", strategy, "get the last 3 months' bank statements and check the main-business income; … [legend F1]"],
      ["D", strategy, "call the owner"],
      ["E", strategy, ""],
    ]);
    expect(legend).not.toBeNull();
    expect(legend!.headers).toEqual(["legend code", "column", "rows", "full text"]);
    expect(legend!.rows).toEqual([
      ["F1", "to find out", 2, LONG_EN],
      ["F2", "to find out", 1, OTHER_EN],
    ]);
  });

  it("keeps a checklist of up to 200 characters, and a long text of one check, in the row", () => {
    const short = "a".repeat(90) + "; " + "b".repeat(90); // 182 characters
    const oneCheck = "c".repeat(300);
    const { table: out, legend } = withLegend(
      table([
        ["A", "", short],
        ["B", "", oneCheck],
      ]),
      "en",
    );
    expect(out.rows).toEqual([
      ["A", "", short],
      ["B", "", oneCheck],
    ]);
    expect(legend).toBeNull();
  });

  it("writes the Chinese form with the Chinese separator and headers", () => {
    const legend = new Legend(["customer", "toFindOut"], ["客户", "待查"], "zh");
    const row = legend.row(["甲", LONG_ZH]);
    expect(row).toEqual(["甲", "获取近 3 个月银行流水并核对主营业务收入；…［说明 F1］"]);
    expect(legend.table().headers).toEqual(["说明代码", "列", "行数", "全文"]);
    expect(legend.table().rows).toEqual([["F1", "待查", 1, LONG_ZH]]);
  });

  it("returns the row itself when nothing is moved (no copy per row), and a table without the column has no legend", () => {
    const legend = new Legend(["customer", "toFindOut"], ["customer", "to find out"], "en");
    const row = ["A", "short"];
    expect(legend.row(row)).toBe(row);
    const none = new Legend(["customer"], ["customer"], "en");
    expect(none.applies).toBe(false);
  });
});
