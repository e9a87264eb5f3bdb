// The command-line triage on golden files: the bundled sample (its whole output compared byte for byte
// with test/cli/golden/sample-triage.csv) and a messy Chinese portfolio in GB18030, every row accounted for.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { parseArguments, runTriage, SAMPLE } from "../../src/cli/triage.js";
import { readTable } from "../../src/cli/table-io.js";
import { serialFromCivil } from "../../src/core/index.js";

const asOf = serialFromCivil(2025, 7, 31);
const dir = mkdtempSync(join(tmpdir(), "ar-triage-"));
const column = (headers: string[], name: string) => {
  const i = headers.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
};

describe("npm run triage", () => {
  it("runs on the bundled sample without a file", () => {
    expect(parseArguments([], asOf).file).toBe(SAMPLE);
  });

  it("triages the sample as of its own date (2025-07-31), not today, and says so first", async () => {
    const lines = await runTriage(parseArguments([], serialFromCivil(2030, 1, 15)));
    expect(lines[0]).toBe("the sample portfolio samples/portfolio.csv, as of its own date 2025-07-31 (give --as-of for another)");
    expect(lines[1]).toBe("portfolio.csv as of 2025-07-31: 15 rows, 10 ok, 4 with problems, 1 blank; 5,400,000 triaged");
    // --as-of still wins, and then nothing is said about the sample's date
    const given = await runTriage(parseArguments(["--as-of", "2025-08-31"], asOf));
    expect(given[0]).toMatch(/^portfolio\.csv as of 2025-08-31:/);
  });

  it("gives the golden output on the sample, one row per input row in input order", async () => {
    const out = join(dir, "sample.csv");
    const lines = await runTriage({ ...parseArguments(["--as-of", "2025-07-31", "--out", out], asOf) });
    expect(lines[0]).toBe("portfolio.csv as of 2025-07-31: 15 rows, 10 ok, 4 with problems, 1 blank; 5,400,000 triaged");
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(__dirname, "golden/sample-triage.csv"), "utf8"));
    // The long to-find-out checklists are written once, beside it (src/result/legend.ts).
    expect(lines.join("\n").replace(/\n {2}(?=\S)/g, " ")).toContain(
      `wrote ${join(dir, "sample.legend.csv")}: 2 long to-find-out checklists written once; the rows show the first check and the legend code (such as F1)`,
    );
    expect(readFileSync(join(dir, "sample.legend.csv"), "utf8")).toBe(
      readFileSync(join(__dirname, "golden/sample-triage.legend.csv"), "utf8"),
    );
    // Today's work beside it (src/result/work-list.ts), in the order test/core/work-list.test.ts computes.
    expect(lines).toContain(`wrote ${join(dir, "sample.work.csv")}: today's work, 8 entries`);
    const work = await readTable(join(dir, "sample.work.csv"));
    expect(work.headers.slice(0, 3)).toEqual(["owner", "customer", "source row"]);
    expect(work.rows.map((r) => [r[0], r[2]])).toEqual([
      ["salesperson", "10"],
      ["salesperson", "6"],
      ["finance manager", "3"],
      ["legal", "16"],
      ["legal", "5"],
      ["legal", "7"],
      ["legal", "4"],
      ["legal", "9"],
    ]);
    const table = await readTable(out);
    const h = table.headers;
    expect(table.rows.map((r) => r[column(h, "source row")])).toEqual([
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
      "13",
      "14",
      "15",
      "16",
    ]);
    const byRow = (n: number) => table.rows.find((r) => r[column(h, "source row")] === String(n))!;
    // the article's debtors
    expect(byRow(3)[column(h, "profile")]).toBe("temporary");
    expect(byRow(4)[column(h, "profile")]).toBe("willful");
    expect(byRow(5)[column(h, "profile")]).toBe("unable");
    expect(byRow(3)[column(h, "instalment proposal")]).not.toBe("");
    // problems carry their reason, never dropped
    expect(byRow(11)[column(h, "problems")]).toMatch(/balance: "abc" is not a number/);
    expect(byRow(12)[column(h, "problems")]).toMatch(/"2025-02-30" is not a real date/);
    expect(byRow(13)[column(h, "problems")]).toMatch(/duplicate of row 2/);
    expect(byRow(14)[column(h, "status")]).toBe("blank");
    expect(byRow(15)[column(h, "problems")]).toMatch(/due date: missing/);
  });

  it("reads a messy Chinese portfolio in GB18030 and accounts for every row", async () => {
    const csv = [
      "客户名称,欠款金额,到期日,近12个月逾期次数,最大逾期金额,现金流",
      "甲公司,120000,2025-06-01,0,0,好",
      '=HYPERLINK("http://x"),50000,2025-07-01,1,10000,一般',
      "乙公司,壹万,2025-07-01,0,0,好",
      "丙公司,80000,#N/A,0,0,差",
      "甲公司,3000,2025-07-10,0,0,好",
      ",,,,,",
      "丁公司,-5,2025-07-01,0,0,好",
      "戊公司,66000,2025年5月1日,2,9000,差",
      ",,,,,",
      ",,,,,",
    ].join("\r\n");
    const file = join(dir, "messy.csv");
    writeFileSync(file, iconv.encode(csv, "gb18030"));
    const out = join(dir, "messy-out.csv");
    const lines = await runTriage(parseArguments([file, "--as-of", "2025-07-31", "--out", out, "--lang", "zh"], asOf));
    expect(lines[0]).toBe("messy.csv（GB18030 编码）截至 2025-07-31：8 行，正常 3，有问题 4，空行 1；已分诊余额 236,000"); // the duplicate 甲公司 (3,000) is not triaged
    const text = readFileSync(out, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff); // BOM, so Excel reads the Chinese
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`); // neutralised, not a formula
    const table = await readTable(out);
    expect(table.rows.length).toBe(8); // trailing blank rows ignored, the one in between reported
    const h = table.headers;
    expect(table.rows.map((r) => r[column(h, "源行号")])).toEqual(["2", "3", "4", "5", "6", "7", "8", "9"]);
    const problems = table.rows.map((r) => r[column(h, "问题")]);
    expect(problems[2]).toMatch(/欠款金额|余额/);
    expect(problems[3]).toMatch(/#N\/A/);
    expect(problems[4]).toBe("客户：与第 2 行重复");
    expect(problems[6]).toMatch(/-5/);
    expect(table.rows[7][column(h, "信用等级")]).toBe("C");
    expect(table.rows[7][column(h, "逾期天数")]).toBe("91");
  });

  it("writes .xlsx with text never as formulas", async () => {
    const out = join(dir, "sample.xlsx");
    await runTriage(parseArguments(["--as-of", "2025-07-31", "--out", out], asOf));
    const table = await readTable(out);
    expect(table.rows.length).toBe(15);
    expect(table.rows[1][1]).toBe("Fresh Table Catering 鲜味餐饮供应链");
  });

  it("says what is wrong with the command line", async () => {
    expect(() => parseArguments(["--bogus"], asOf)).toThrow(/unknown option --bogus/);
    expect(() => parseArguments(["--as-of", "someday"], asOf)).toThrow(/^--as-of someday is not a date: write it as 2025-07-31$/);
    expect(() => parseArguments(["--map", "balance"], asOf)).toThrow(/--map takes field=Header/);
    const file = join(dir, "odd.csv");
    // `Amt` would be read as the amount, hence the balance: a header no word names
    writeFileSync(file, "Name,Summe,When\nA,100,2025-07-01\n");
    await expect(runTriage(parseArguments([file], asOf))).rejects.toThrow(/no column for balance, due date/);
    const lines = await runTriage(parseArguments([file, "--map", "balance=Summe", "--map", "dueDate=3", "--as-of", "2025-07-31"], asOf));
    expect(lines[0]).toMatch(/1 rows, 1 ok/);
    await expect(runTriage(parseArguments([file, "--map", "balance=Summe", "--map", "dueDate=3", "--out", file], asOf))).rejects.toThrow(
      /refusing to overwrite the input file/,
    );
  });
});

describe("docs/triage-headers.md", () => {
  it("lists exactly the header words the triage knows (regenerate with npm run docs:headers)", async () => {
    const { headerWordsDocument } = await import("../../scripts/docs-headers.js");
    expect(readFileSync(join(__dirname, "../../docs/triage-headers.md"), "utf8")).toBe(headerWordsDocument());
  });
});
