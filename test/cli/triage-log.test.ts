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
