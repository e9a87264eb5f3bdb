// `npm run triage -- portfolio --log log.csv`: the collection log read with the portfolio's readers, its
// facts in the result's last columns, every log row accounted for in the printout, its problems in a
// sheet "Log problems"; a log sheet found by name in the portfolio's own workbook.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArguments, runTriage } from "../../src/cli/triage.js";
import { readTable, writeTable } from "../../src/cli/table-io.js";
import { serialFromCivil } from "../../src/core/index.js";

const asOf = serialFromCivil(2025, 7, 31);
const dir = mkdtempSync(join(tmpdir(), "ar-triage-log-"));
const PORTFOLIO = join(__dirname, "../../samples/portfolio.csv");
const LOG = join(__dirname, "../../samples/collection-log.csv");
const flat = (lines: string[]) => lines.join("\n").replace(/\n {2}(?=\S)/g, " ");

describe("npm run triage -- --log", () => {
  it("reads the sample log: every row accounted for, its problems listed, its facts in the last columns", async () => {
    const out = join(dir, "r.xlsx");
    const lines = flat(await runTriage(parseArguments([PORTFOLIO, "--log", LOG, "--as-of", "2025-07-31", "--out", out], asOf)));
    expect(lines).toContain("log collection-log.csv: 33 rows = 30 events + 2 problems + 1 blank\n");
    expect(lines).toContain("every customer of the log is in the portfolio\n");
    expect(lines).toContain('log row 17: action: "fax sent" is not a known action (call, visit,');
    expect(lines).toContain('log row 24: amount: "about 20k" is not a number\n');
    const result = await readTable(out);
    expect(result.headers.slice(-8)).toEqual([
      "promises kept",
      "promises broken",
      "promises pending",
      "open dispute",
      "last contact",
      "next contact due",
      "follow-up overdue",
      "limitation restarted from (log)",
    ]);
    const jiancai = result.rows.find((r) => String(r[1]).startsWith("Jiancai")) as unknown[];
    expect(jiancai.slice(-8)).toEqual([
      0,
      2,
      0,
      "invoice JC-2025-0415 since 2025-06-12",
      serialFromCivil(2025, 7, 20),
      serialFromCivil(2025, 7, 27),
      "yes",
      serialFromCivil(2025, 6, 28),
    ]);
    expect(String(jiancai[result.headers.indexOf("next step")])).toMatch(
      /^finance manager: resolve the dispute: reconcile and send the evidence/,
    );
    const problems = await readTable(out, { sheet: "Log problems" });
    expect(problems.headers).toEqual(["log row", "customer", "problem"]);
    expect(problems.rows.map((r) => [r[0], r[1]])).toEqual([
      [17, "Summit Foods"],
      [24, "Orion Components"],
    ]);
  });

  it("writes the log's dates as dates in a CSV, and names the customers the portfolio lacks (zh)", async () => {
    const log = join(dir, "log.csv");
    writeFileSync(
      log,
      "日期,客户,催收动作,金额,承诺日期\n2025-07-20,Northwind Textiles,电话,,\n2025-07-21,Zenith Ltd,电话,,\n2025-07-22,Zenith Ltd,承诺还款,1000,2025-08-01\n",
    );
    const out = join(dir, "r.csv");
    const lines = flat(
      await runTriage(parseArguments([PORTFOLIO, "--log", log, "--as-of", "2025-07-31", "--out", out, "--lang", "zh"], asOf)),
    );
    expect(lines).toContain("催收记录 log.csv：3 行 = 3 个事件 + 0 行有问题 + 0 行空行");
    expect(lines).toContain("1 个客户不在组合中：Zenith Ltd（第 3、4 行）");
    const csv = readFileSync(out, "utf8");
    const northwind = csv.split("\r\n").find((l) => l.startsWith("9,Northwind")) as string;
    // last contact 2025-07-20, level 2: next due 2025-07-27, overdue; no demand with proof (a call)
    expect(northwind.endsWith(",0,0,0,,2025-07-20,2025-07-27,是,")).toBe(true);
  });

  it("reads the log for an ERP's open-item list, per customer as rolled up", async () => {
    const log = join(dir, "kingdee-log.csv");
    writeFileSync(
      log,
      "日期,客户,发票号,催收动作,金额,承诺日期,备注\n2025-07-10,华信机械,XSFP00000412,提出异议,,,质量问题\n2025-07-12,华信机械,,承诺还款,96000,2025-07-20,\n2025-07-15,不存在公司,,电话,,,\n",
    );
    const out = join(dir, "kingdee.csv");
    const kingdee = join(__dirname, "../../samples/kingdee-open-items.csv");
    const lines = flat(await runTriage(parseArguments([kingdee, "--log", log, "--out", out], asOf)));
    expect(lines).toContain(
      "log kingdee-log.csv: 3 rows = 3 events + 0 problems + 0 blank\n1 customer not in the portfolio: 不存在公司 (row 4)",
    );
    const result = await readTable(out);
    const huaxin = result.rows.find((r) => r[1] === "华信机械") as unknown[];
    expect(String(huaxin[result.headers.indexOf("next step")])).toMatch(/^finance manager: resolve the dispute/);
    // the promise of 96,000 by 2025-07-20 (grace to 07-23) was not paid: broken
    expect(huaxin.slice(-8)).toEqual([
      "0",
      "1",
      "0",
      "invoice XSFP00000412 since 2025-07-10",
      "2025-07-12",
      "2025-07-13",
      "yes",
      "2025-07-12",
    ]);
  });

  it("finds the sheet 'Collection log' of the portfolio's own workbook", async () => {
    const book = join(dir, "book.xlsx");
    const portfolio = await readTable(PORTFOLIO);
    const log = await readTable(LOG);
    await writeTable(book, portfolio.headers, portfolio.rows as string[][], {
      sheetName: "Portfolio",
      moreSheets: [{ name: "Collection log", headers: log.headers, rows: log.rows as string[][] }],
    });
    const lines = flat(await runTriage(parseArguments([book, "--log", book, "--as-of", "2025-07-31"], asOf)));
    expect(lines).toContain("log book.xlsx (Collection log): 33 rows = 30 events + 2 problems + 1 blank");
  });

  it("says plainly when the log file is missing or is no collection log", async () => {
    await expect(runTriage(parseArguments([PORTFOLIO, "--log", join(dir, "none.csv"), "--as-of", "2025-07-31"], asOf))).rejects.toThrow(
      /^No file .*none\.csv/,
    );
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "a,b\n1,2\n");
    await expect(runTriage(parseArguments([PORTFOLIO, "--log", bad, "--as-of", "2025-07-31"], asOf))).rejects.toThrow(/^--log bad\.csv: /);
  });
});

describe("a log sheet found by its headers, and in the portfolio's own workbook", () => {
  /** A workbook of the sample portfolio ("Portfolio") and more sheets of [name, table file]. */
  async function book(name: string, sheets: [string, string][]): Promise<string> {
    const path = join(dir, name);
    const portfolio = await readTable(PORTFOLIO);
    const more = [];
    for (const [sheet, file] of sheets) {
      const t = await readTable(file);
      more.push({ name: sheet, headers: t.headers, rows: t.rows as string[][] });
    }
    await writeTable(path, portfolio.headers, portfolio.rows as string[][], { sheetName: "Portfolio", moreSheets: more });
    return path;
  }
  const notes = join(dir, "notes.csv");
  writeFileSync(notes, "Topic,Text\nrates,call the bank\n");

  it("reads the one sheet whose headers make a log, whatever its name", async () => {
    const path = await book("by-headers.xlsx", [
      ["Notes", notes],
      ["Contacts 2025", LOG],
    ]);
    const lines = flat(await runTriage(parseArguments([PORTFOLIO, "--log", path, "--as-of", "2025-07-31"], asOf)));
    expect(lines).toContain("log by-headers.xlsx (Contacts 2025): 33 rows = 30 events + 2 problems + 1 blank");
  });

  it("refuses two sheets that are both logs by their headers, naming them and asking for --log-sheet", async () => {
    const path = await book("two-logs.xlsx", [
      ["Log A", LOG],
      ["Log B", LOG],
    ]);
    const run = runTriage(parseArguments([PORTFOLIO, "--log", path, "--as-of", "2025-07-31"], asOf));
    await expect(run).rejects.toThrow(
      'two-logs.xlsx: the sheets "Log A" and "Log B" are both collection logs by their headers (date, customer, action): name the log with --log-sheet, e.g. --log-sheet "Log A"',
    );
    await expect(run).rejects.toMatchObject({ zh: expect.stringContaining("工作表 “Log A”和“Log B” 的表头都是催收记录") });
    const lines = flat(await runTriage(parseArguments([PORTFOLIO, "--log", path, "--log-sheet", "Log B", "--as-of", "2025-07-31"], asOf)));
    expect(lines).toContain("log two-logs.xlsx (Log B): 33 rows");
  });

  it("reads the log sheet of an .xlsx portfolio without --log, and says so", async () => {
    const path = await book("with-log.xlsx", [["催收记录", LOG]]);
    const out = join(dir, "with-log-result.xlsx");
    const lines = flat(await runTriage(parseArguments([path, "--as-of", "2025-07-31", "--out", out], asOf)));
    expect(lines).toContain("collection log: sheet 催收记录 of the same workbook\nlog with-log.xlsx (催收记录): 33 rows = 30 events");
    const result = await readTable(out);
    expect(result.headers.at(-1)).toBe("limitation restarted from (log)");
    const zh = flat(await runTriage(parseArguments([path, "--as-of", "2025-07-31", "--lang", "zh"], asOf)));
    expect(zh).toContain("催收记录：同一工作簿的工作表“催收记录”");
    // By headers too, and --log-sheet names it without --log.
    const byHeaders = await book("log-by-headers.xlsx", [
      ["Notes", notes],
      ["Calls", LOG],
    ]);
    expect(flat(await runTriage(parseArguments([byHeaders, "--as-of", "2025-07-31"], asOf)))).toContain(
      "collection log: sheet Calls of the same workbook",
    );
    expect(flat(await runTriage(parseArguments([byHeaders, "--log-sheet", "calls", "--as-of", "2025-07-31"], asOf)))).toContain(
      "collection log: sheet Calls of the same workbook",
    );
  });

  it("never takes the portfolio's own sheet for the log, though an item list's Date, Customer and Type pass for one", async () => {
    const path = join(dir, "items-book.xlsx");
    const log = await readTable(LOG);
    await writeTable(
      path,
      ["Date", "Customer", "Type", "Due date", "Amount"],
      [
        ["2025-05-01", "Northwind Textiles", "Invoice", "2025-05-31", 100000],
        ["2025-06-01", "Northwind Textiles", "Invoice", "2025-07-01", 50000],
      ],
      { sheetName: "Items", moreSheets: [{ name: "Calls", headers: log.headers, rows: log.rows as string[][] }] },
    );
    for (const argv of [[path], [path, "--log", path]]) {
      const lines = flat(await runTriage(parseArguments([...argv, "--as-of", "2025-07-31"], asOf)));
      expect(lines).toContain("log items-book.xlsx (Calls): 33 rows = 30 events + 2 problems + 1 blank");
    }
  });

  it("reads no log from a workbook without a log sheet, and refuses --log-sheet for a CSV portfolio", async () => {
    const path = await book("no-log.xlsx", [["Notes", notes]]);
    const lines = flat(await runTriage(parseArguments([path, "--as-of", "2025-07-31"], asOf)));
    expect(lines).not.toContain("collection log:");
    expect(lines).not.toMatch(/^log /m);
    expect(lines).toContain("no collection log given (--log)");
    await expect(runTriage(parseArguments([PORTFOLIO, "--log-sheet", "Log", "--as-of", "2025-07-31"], asOf))).rejects.toThrow(
      /^--log-sheet Log: name the log's workbook with --log log\.xlsx/,
    );
  });
});

describe("a CSV result keeps the log's problems", () => {
  it("writes result.log-problems.csv beside result.csv (formula-safe), and says so", async () => {
    const log = join(dir, "problems-log.csv");
    writeFileSync(
      log,
      'Date,Customer,Action,Amount,Promised date\n2025-07-20,Northwind Textiles,fax,,\n2025-07-21,=HYPERLINK("x"),call,,\n2025-07-22,Northwind Textiles,call,,\n',
    );
    const out = join(dir, "kept.csv");
    const lines = flat(await runTriage(parseArguments([PORTFOLIO, "--log", log, "--as-of", "2025-07-31", "--out", out], asOf)));
    const path = join(dir, "kept.log-problems.csv");
    expect(lines).toContain(`wrote ${path}: 2 log problems (rows that could not be read, customers not in the portfolio)`);
    const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
    expect(text.split("\r\n")).toEqual([
      "log row,customer,problem",
      expect.stringMatching(/^2,Northwind Textiles,"action: ""fax"" is not a known action \(call, visit, /),
      `3,"'=HYPERLINK(""x"")",customer not in the portfolio (row 3)`,
      "",
    ]);
    // No problems, no file: the sample log in zh has 2 problems, a clean log none.
    const clean = join(dir, "clean-log.csv");
    writeFileSync(clean, "日期,客户,催收动作\n2025-07-20,Northwind Textiles,电话\n");
    const cleanOut = join(dir, "clean.csv");
    const zh = flat(
      await runTriage(parseArguments([PORTFOLIO, "--log", clean, "--as-of", "2025-07-31", "--out", cleanOut, "--lang", "zh"], asOf)),
    );
    expect(zh).not.toContain("催收记录问题");
    expect(() => readFileSync(join(dir, "clean.log-problems.csv"))).toThrow();
    const zhProblems = flat(
      await runTriage(parseArguments([PORTFOLIO, "--log", LOG, "--as-of", "2025-07-31", "--out", cleanOut, "--lang", "zh"], asOf)),
    );
    expect(zhProblems).toContain(`已写入 ${join(dir, "clean.log-problems.csv")}：催收记录问题 2 行`);
  });
});
