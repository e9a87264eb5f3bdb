// The command line's printout on a terminal (src/cli/terminal.ts): tables aligned by display width with
// Chinese labels, lines wrapped at word boundaries to the width, colours only when asked for, and a
// debtor's control characters never sent, colours or not.
import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/core/index.js";
import { parseArguments, runTriage } from "../../src/cli/triage.js";
import { PLAIN, render, renderTable, terminalOf, truncate, wrapLine, wrapText } from "../../src/cli/terminal.js";
import type { TextTable } from "../../src/result/index.js";

const ANSI = /\u001b\[[0-9;]*m/;

const ANSI_ALL = /\u001b\[[0-9;]*m/g;
const strip = (line: string) => line.replace(ANSI_ALL, "");

const BREAKDOWN: TextTable = {
  headers: ["按预警级别", "行数", "余额"],
  align: ["left", "right", "right"],
  rows: [
    { cells: ["0级（未到期或未达一级）", "2", "225,000"] },
    { cells: ["三级预警", "3", "2,320,000"], tone: "level3" },
    { cells: ["合计", "10", "5,400,000"] },
  ],
};

const PROBLEMS: TextTable = {
  title: "Rows with problems (3)",
  headers: ["Row", "Customer", "Problem"],
  align: ["right", "left", "left"],
  rows: [
    { cells: ["11", "Summit Foods", 'balance: "abc" is not a number'], tone: "problem" },
    { cells: ["12", "Lakeside Hotel 湖畔酒店", 'due date: "2025-02-30" is not a real date'], tone: "problem" },
    { cells: ["9", "华信机械", "customer: duplicate of row 2"], tone: "problem" },
  ],
};

describe("tables", () => {
  it("align by display width, Chinese labels too: every line of a breakdown as wide as the next", () => {
    const lines = renderTable(BREAKDOWN, PLAIN);
    expect(lines).toEqual([
      "按预警级别               行数       余额",
      "-----------------------  ----  ---------",
      "0级（未到期或未达一级）     2    225,000",
      "三级预警                    3  2,320,000",
      "合计                       10  5,400,000",
    ]);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });

  it("a table of rows with problems: its title, header and columns starting at the same display column", () => {
    const lines = renderTable(PROBLEMS, PLAIN);
    expect(lines[0]).toBe("Rows with problems (3)");
    expect(lines[1]).toBe("Row  Customer                 Problem");
    expect(lines[3]).toBe(' 11  Summit Foods             balance: "abc" is not a number');
    expect(lines[4]).toBe(' 12  Lakeside Hotel 湖畔酒店  due date: "2025-02-30" is not a real date');
    // the problem column starts at the same display column on every row (header included)
    const start = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    expect(start(lines[1], "Problem")).toBe(30);
    expect(start(lines[3], "balance")).toBe(30);
    expect(start(lines[4], "due date")).toBe(30);
    expect(start(lines[5], "customer")).toBe(30);
    expect(lines[5]).toBe("  9  华信机械                 customer: duplicate of row 2");
  });

  it("wraps the problem column of a table wider than the terminal, and cuts a very long name", () => {
    const long: TextTable = {
      ...PROBLEMS,
      rows: [
        { cells: ["7", "x".repeat(5000), "due date: missing (blank cell); " + "balance: not a number; ".repeat(6)] },
        { cells: ["8", "名".repeat(30), "余额：" + "不是数字；".repeat(20)] },
      ],
    };
    const lines = renderTable(long, { width: 80, color: false });
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines[3]).toMatch(/^ {2}7 {2}x{39}… {2}due date: missing/);
    expect(lines.length).toBeGreaterThan(6);
  });

  it("shows a debtor's control characters as escapes, not as codes sent to the terminal", () => {
    const evil: TextTable = { ...PROBLEMS, rows: [{ cells: ["3", "\u001b[2JEvil\u202eCo", "x"], tone: "problem" }] };
    const lines = renderTable(evil, { width: 100, color: true });
    expect(lines.join("\n")).toContain("\\x1b[2JEvil\\u202eCo");
    expect(lines.map(strip).join("\n")).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe("wrapping", () => {
  it("wraps English at spaces, no line over the width, nothing lost", () => {
    const text = `23 columns recognised; ${Array.from({ length: 30 }, (_, i) => `field ${i} ← "Header ${i}"`).join(", ")}`;
    const lines = wrapLine(text, 60);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(lines.slice(1).every((l) => l.startsWith("  ") && l[2] !== " ")).toBe(true);
    expect(lines.join("\n").replace(/\n {2}/g, " ")).toBe(text);
  });

  it("wraps Chinese between characters, never before a closing mark or inside a quote's edge", () => {
    const text =
      '明细表：42 行 = 40 条明细（40 条汇总到 10 个客户，0 条截至日前已核销，0 条有问题）+ 2 行标题/小计/合计 + 0 行空行；余额 ← "未核销金额"';
    for (const width of [20, 30, 41, 57]) {
      const lines = wrapLine(text, width);
      for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      for (const line of lines.slice(1)) expect(line.slice(2)).not.toMatch(/^[，。、；：）]/);
      expect(lines.join("").replace(/ {2}/g, "").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
      // the opening quote stays with what it quotes
      for (const line of lines.slice(0, -1)) expect(line).not.toMatch(/"$/);
    }
  });

  it("cuts a word longer than the line (a long path)", () => {
    const lines = wrapLine(`wrote /${"a".repeat(150)}/result.csv: 10 customers`, 50);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(50);
    expect(lines.join("").replace(/ {2}/g, "")).toContain("a".repeat(100));
  });

  it("keeps a line's own line breaks and makes every line printable", () => {
    expect(wrapText("one\ntwo\u0007", 100)).toEqual(["one", "two\\x07"]);
    expect(truncate("湖畔酒店湖畔酒店", 7)).toBe("湖畔酒…");
  });
});

describe("colours", () => {
  it("only on a terminal, and not when NO_COLOR is set; 100 wide off a terminal", () => {
    expect(terminalOf({ isTTY: false, columns: 80 }, {})).toEqual({ width: 100, color: false });
    expect(terminalOf({}, { FORCE_COLOR: "1" })).toEqual({ width: 100, color: false });
    expect(terminalOf({ isTTY: true, columns: 80 }, {})).toEqual({ width: 80, color: true });
    expect(terminalOf({ isTTY: true, columns: 80 }, { NO_COLOR: "1" })).toEqual({ width: 80, color: false });
    expect(terminalOf({ isTTY: true, columns: 12 }, {})).toEqual({ width: 40, color: true });
  });

  it("headings bold, level 3 red, problems yellow when coloured; no code at all when not", () => {
    const plain = render(
      [
        { kind: "line", text: "headline", tone: "heading" },
        { kind: "table", table: BREAKDOWN },
      ],
      PLAIN,
    );
    expect(plain.join("\n")).not.toMatch(ANSI);
    const colour = { width: 100, color: true };
    const [heading] = render([{ kind: "line", text: "headline", tone: "heading" }], colour);
    expect(heading).toBe("\u001b[1mheadline\u001b[22m");
    const table = renderTable(BREAKDOWN, colour);
    expect(table[0]).toContain("\u001b[1m按预警级别\u001b[22m");
    expect(table[3]).toContain("\u001b[31m三级预警\u001b[39m");
    expect(renderTable(PROBLEMS, colour)[3]).toContain("\u001b[33mSummit Foods\u001b[39m");
    // aligned the same, codes aside
    expect(table.map(strip)).toEqual(renderTable(BREAKDOWN, PLAIN));
  });
});

describe("the whole printout", () => {
  it.each(["en", "zh"])("of the sample (%s) keeps within the width and is coloured only on a terminal", async (lang) => {
    const args = ["--as-of", "2025-07-31", "--lang", lang];
    const narrow = await runTriage({ ...parseArguments(args), terminal: { width: 72, color: false } });
    for (const line of narrow) expect(displayWidth(line), line).toBeLessThanOrEqual(72);
    expect(narrow.join("\n")).not.toMatch(ANSI);
    const coloured = await runTriage({ ...parseArguments(args), terminal: { width: 72, color: true } });
    expect(coloured.join("\n")).toMatch(ANSI);
    expect(coloured.map(strip)).toEqual(narrow);
  });

  it("prints the sample as headed tables, the blank row named once, in English", async () => {
    const lines = await runTriage(parseArguments(["--as-of", "2025-07-31"]));
    const text = lines.join("\n");
    expect(lines[0]).toBe("portfolio.csv as of 2025-07-31: 15 rows, 10 ok, 4 with problems, 1 blank; 5,400,000 triaged");
    expect(text).not.toContain("utf8");
    expect(lines[1]).toMatch(/^23 columns recognised; 20 by their own name: customer, balance, due date,/);
    expect(text).toContain(
      [
        "By profile  Rows    Balance",
        "----------  ----  ---------",
        "temporary      2  2,700,000",
        "willful        2  1,110,000",
        "unable         2    650,000",
        "unclear        3    895,000",
        "no profile     1     45,000",
        "total         10  5,400,000",
      ].join("\n"),
    );
    expect(text).toContain(
      [
        "Rows with problems (4)",
        "Row  Customer                   Problem",
        "---  -------------------------  -----------------------------------------",
        ' 11  Summit Foods               balance: "abc" is not a number',
        ' 12  Lakeside Hotel 湖畔酒店    due date: "2025-02-30" is not a real date',
        " 13  Huaxin Machinery 华信机械  customer: duplicate of row 2",
        " 15  Orion Components           due date: missing (blank cell)",
        "",
        "Blank rows between data rows: row 14",
      ].join("\n"),
    );
  });

  it("and in Chinese, aligned by display width", async () => {
    const lines = await runTriage(parseArguments(["--as-of", "2025-07-31", "--lang", "zh"]));
    const text = lines.join("\n");
    expect(lines[0]).toBe("portfolio.csv 截至 2025-07-31：15 行，正常 10，有问题 4，空行 1；已分诊余额 5,400,000");
    expect(text).toContain(
      [
        "按预警级别               行数       余额",
        "-----------------------  ----  ---------",
        "0级（未到期或未达一级）     2    225,000",
        "一级预警                    2  1,595,000",
        "二级预警                    3  1,260,000",
        "三级预警                    3  2,320,000",
        "合计                       10  5,400,000",
      ].join("\n"),
    );
    expect(text).toContain("有问题的行（4）\n行号  客户                       问题\n");
    expect(text).toContain("数据行之间的空行：第 14 行");
  });
});
