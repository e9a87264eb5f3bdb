// `--compare` on golden results made by the command line itself: the sample as of 2025-07-31, then a
// hand-edited portfolio as of 2025-08-31 (Blue River paid 20,000.50 and had a second overdue event, Qinghe
// paid in full, Meridian Tools left the ledger, Eastport Trading is new, Hengtai is spelled in capitals
// with two spaces). Every change asserted value by value.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, parseArguments, runTriage } from "../../src/cli/triage.js";
import { changesCsvPath } from "../../src/cli/compare.js";
import { readTable } from "../../src/cli/table-io.js";
import { PLAIN } from "../../src/cli/terminal.js";
import { serialFromCivil } from "../../src/core/index.js";

const dir = mkdtempSync(join(tmpdir(), "ar-compare-"));
const EDITED = join(__dirname, "fixtures/compare/portfolio-2025-08.csv");
const today = serialFromCivil(2030, 1, 1);

/** The sample's result as of a date, written by the command line in a language and format. */
async function sampleResult(asOf: string, file: string, lang: "en" | "zh" = "en"): Promise<string> {
  const out = join(dir, file);
  await runTriage(parseArguments(["--as-of", asOf, "--out", out, "--lang", lang], today));
  return out;
}

/** One printed line per logical line (the terminal wraps at 100 columns with a two-space indent). */
const unwrap = (lines: readonly string[]) => lines.join("\n").replace(/\n {2,}(?=\S)/g, " ");

describe("npm run triage -- --compare previous-result", () => {
  it("tells per customer what moved since the previous result, in the printout and in result.changes.csv", async () => {
    const previous = await sampleResult("2025-07-31", "result-2025-07-31.csv");
    const out = join(dir, "result-2025-08-31.csv");
    const lines = await runTriage(parseArguments([EDITED, "--as-of", "2025-08-31", "--compare", previous, "--out", out], today));
    const text = unwrap(lines);
    expect(text).toContain("Changes since result-2025-07-31.csv: 5 worse, 1 new, 2 settled, 4 with a problem, 3 unchanged");
    expect(text).toContain(`wrote ${changesCsvPath(out)}: 15 changes, one per customer row`);
    // The terminal table lists what moved, worse first; the unchanged ones are only counted.
    expect(text).not.toMatch(/^unchanged/m);

    const changes = await readTable(changesCsvPath(out));
    expect(changes.headers).toEqual([
      "change",
      "customer",
      "previous source row",
      "source row now",
      "previous balance",
      "balance now",
      "balance change",
      "previous grade",
      "grade now",
      "previous warning level",
      "warning level now",
      "previous days past due",
      "days past due now",
      "what moved",
    ]);
    const rows = changes.rows.map((r) => r.slice(0, 13));
    expect(rows).toEqual([
      ["worse", "Huaxin Machinery 华信机械", "2", "2", "180000", "180000", "0", "A", "A", "0", "1", "11", "42"],
      ["worse", "Jiancai Building Materials 建材商贸", "4", "4", "800000", "800000", "0", "C", "C", "2", "3", "77", "108"],
      ["worse", "Blue River Retail", "6", "6", "95000", "74999.5", "-20000.5", "B", "C", "1", "2", "51", "82"],
      ["worse", "Northwind Textiles", "9", "9", "310000", "310000", "0", "C", "C", "2", "3", "60", "91"],
      // the same customer, spelled in capitals with two spaces: matched as the triage matches duplicates
      ["worse", "HENGTAI  HARDWARE 恒泰五金", "10", "10", "1500000", "1500000", "0", "B", "B", "1", "2", "33", "64"],
      ["new", "Eastport Trading 东港贸易", "", "16", "", "56000.25", "", "", "A", "", "0", "", "21"],
      ["settled", "Qinghe Pharmacy 清河大药房", "8", "8", "45000", "0", "-45000", "A", "A", "0", "0", "0", "16"],
      ["settled", "Meridian Tools", "16", "", "150000", "", "", "C", "", "2", "", "62", ""],
      // a row with a problem is reported as one, in both files, never compared as if ok
      ["problem", "Summit Foods", "11", "11", "", "", "", "", "", "", "", "", ""],
      ["problem", "Lakeside Hotel 湖畔酒店", "12", "12", "260000", "260000", "0", "", "", "", "", "", ""],
      ["problem", "Huaxin Machinery 华信机械", "13", "13", "12000", "12000", "0", "", "", "", "", "", ""],
      ["problem", "Orion Components", "15", "15", "88000", "88000", "0", "", "", "", "", "", ""],
      ["unchanged", "Fresh Table Catering 鲜味餐饮供应链", "3", "3", "1200000", "1200000", "0", "B", "B", "3", "3", "122", "153"],
      ["unchanged", "Dianzi Electronics 电子元件厂", "5", "5", "500000", "500000", "0", "C", "C", "3", "3", "153", "184"],
      ["unchanged", "Golden Bay Logistics", "7", "7", "620000", "620000", "0", "C", "C", "3", "3", "97", "128"],
    ]);
    const moved = (customer: string, n = 0) => changes.rows.filter((r) => r[1] === customer)[n][13];
    expect(moved("Blue River Retail")).toBe(
      "grade B → C (2 overdue events in 12 months (2 or more: C)); a second overdue event: overdue events in 12 months 1 → 2; " +
        "warning level 1 → 2; days past due 51 → 82; balance down by 20,000.5 (95,000 → 74,999.5); " +
        "next step now: finance manager: contact the customer's owner (phone, then an e-mail to confirm) " +
        "(was: salesperson: daily follow-up and a dunning letter (phone, then an e-mail to confirm))",
    );
    expect(moved("Jiancai Building Materials 建材商贸")).toBe("warning level 2 → 3; days past due 77 → 108");
    expect(moved("Eastport Trading 东港贸易")).toBe("new: balance 56,000.25, grade A, warning level 0");
    expect(moved("Qinghe Pharmacy 清河大药房")).toBe("settled: balance now 0 (was 45,000)");
    expect(moved("Meridian Tools")).toBe("not in this portfolio any more (balance was 150,000)");
    expect(moved("Summit Foods")).toBe(
      'previous result, row 11: balance: "abc" is not a number; now, row 11: balance: "abc" is not a number',
    );
    expect(moved("Huaxin Machinery 华信机械", 1)).toBe(
      "previous result, row 13: customer: duplicate of row 2; now, row 13: customer: duplicate of row 2",
    );
    expect(moved("Dianzi Electronics 电子元件厂")).toBe("days past due 153 → 184");
  });

  it("reads a previous .xlsx result in Chinese and writes the changes as a sheet of the workbook, headed in Chinese", async () => {
    const previous = await sampleResult("2025-07-31", "结果-0731.xlsx", "zh");
    const out = join(dir, "结果-0831.xlsx");
    const lines = await runTriage(
      parseArguments([EDITED, "--as-of", "2025-08-31", "--compare", previous, "--out", out, "--lang", "zh"], today),
    );
    const text = unwrap(lines);
    expect(text).toContain("与 结果-0731.xlsx 相比：变差 5，新增 1，已结清 2，有问题 4，无变化 3");
    expect(text).toContain("变化表在工作表“变化”");
    const sheet = await readTable(out, { sheet: "变化" });
    expect(sheet.headers.slice(0, 7)).toEqual(["变化", "客户", "上次源行号", "本次源行号", "上次余额", "本次余额", "余额变动"]);
    const blue = sheet.rows.find((r) => r[1] === "Blue River Retail")!;
    // amounts as numbers, exact to the cent
    expect(blue.slice(0, 13)).toEqual(["变差", "Blue River Retail", 6, 6, 95000, 74999.5, -20000.5, "B", "C", 1, 2, 51, 82]);
    expect(blue[13]).toMatch(/^信用等级 B → C（近12个月逾期2次（2次及以上：C级））；第2次逾期：近12个月逾期次数 1 → 2；预警级别 1 → 2；/);
    expect(blue[13]).toContain("余额减少 20,000.5（95,000 → 74,999.5）");
  });

  it("compares a Chinese result with an English run: the verdicts by value, today's texts in the printout's language", async () => {
    const previous = await sampleResult("2025-07-31", "zh-0731.csv", "zh");
    const out = join(dir, "en-0831.csv");
    await runTriage(parseArguments([EDITED, "--as-of", "2025-08-31", "--compare", previous, "--out", out], today));
    const changes = await readTable(changesCsvPath(out));
    expect(changes.rows.map((r) => r[0])).toEqual([
      ...Array(5).fill("worse"),
      "new",
      "settled",
      "settled",
      ...Array(4).fill("problem"),
      ...Array(3).fill("unchanged"),
    ]);
    const blue = changes.rows.find((r) => r[1] === "Blue River Retail")!;
    expect(blue[13]).toMatch(/^grade B → C \(2 overdue events in 12 months \(2 or more: C\)\); /);
    expect(blue[13]).toContain("(was: 业务员：每日跟进并发催款函（电话沟通，邮件跟进确认）)");
  });

  it("reports the rows that had a problem in the previous result as such (the sample as of 2025-06-30: dates after it)", async () => {
    const previous = await sampleResult("2025-06-30", "result-2025-06-30.csv");
    const lines = await runTriage(parseArguments(["--as-of", "2025-07-31", "--compare", previous], today));
    const text = unwrap(lines);
    expect(text).toContain("Changes since result-2025-06-30.csv: 2 worse, 11 with a problem, 1 unchanged");
    expect(text).toMatch(
      /problem {2}Blue River Retail {20}previous result, row 6: last confirmation: 2025-07-03 is after as_of 2025-06-30\n/,
    );
    expect(text).toMatch(/worse {4}Meridian Tools {23}warning level 1 → 2; days past due 31 → 62\n/);
    expect(text).toMatch(/worse {4}Golden Bay Logistics {17}warning level 2 → 3; days past due 66 → 97/);
  });

  it("refuses a file that is not a result of this tool, naming the file and the missing column (en + zh)", async () => {
    const notResult = join(dir, "not-a-result.csv");
    writeFileSync(notResult, "source row,balance,status,grade\n2,100,ok,A\n");
    const run = async (...args: string[]) => {
      let stderr = "";
      const code = await cli(args, { out: () => {}, err: (l) => (stderr += `${l}\n`), outTerminal: PLAIN, errTerminal: PLAIN });
      return { code, stderr: stderr.replace(/\n {2,}(?=\S)/g, " ").trim() };
    };
    const en = await run("--compare", notResult);
    expect(en.code).toBe(1);
    expect(en.stderr).toBe(
      `--compare: ${notResult} is not a triage result of this tool: no column "customer" (or "客户") among its headers "source row", "balance", "status", "grade"; give the result file a run wrote with --out`,
    );
    const zh = await run("--compare", notResult, "--lang", "zh");
    expect(zh.stderr).toBe(
      `--compare：${notResult} 不是本工具的分诊结果：表头 "source row"、"balance"、"status"、"grade" 中没有“客户”列（或 "customer"）；请给出用 --out 写出的结果文件`,
    );
    const missing = await run("--compare", join(dir, "nothing-here.csv"));
    expect(missing.stderr).toBe(
      `--compare: no result file ${join(dir, "nothing-here.csv")}. Give the result a previous run wrote with --out.`,
    );
    // --compare without a file is a usage error
    expect((await run("--compare")).code).toBe(2);
  });
});
