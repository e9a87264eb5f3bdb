// The hostile-input suite, command line and CSV: damaged, odd and hostile files, each run through the
// whole triage as a user runs it. Every case asserts the row accounting (rows in = ok + problems + blanks,
// one output row per input row, in order) or the message that refuses the file, and what the message says.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/cli/table-io.js";
import { neutraliseFormula } from "../../src/result/cell-text.js";
import { parseArguments, runTriage } from "../../src/cli/triage.js";
import { MAX_CELL_TEXT, printable, serialFromCivil } from "../../src/core/index.js";

const asOf = serialFromCivil(2025, 7, 31);
const dir = mkdtempSync(join(tmpdir(), "ar-hostile-csv-"));
let counter = 0;

/** Writes a file into the test folder and returns its path. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, `${++counter}-${name}`);
  writeFileSync(path, content);
  return path;
}

interface Run {
  lines: string[];
  /** The output table read back. */
  out: { headers: string[]; rows: unknown[][] };
  /** Counts from the summary's first line. */
  counts: { rows: number; ok: number; problems: number; blank: number };
  column: (name: string) => unknown[];
}

/** Runs the triage with --out and checks the accounting: one output row per input row, counts adding up. */
async function triage(path: string, expectedRows: number, ...extra: string[]): Promise<Run> {
  const out = join(dir, `${++counter}-out.csv`);
  const lines = await runTriage(parseArguments([path, "--as-of", "2025-07-31", "--out", out, ...extra], asOf));
  const m = /: (\d+) rows, (\d+) ok, (\d+) with problems, (\d+) blank;/.exec(unwrapped(lines));
  expect(m, lines[0]).not.toBeNull();
  const counts = { rows: Number(m![1]), ok: Number(m![2]), problems: Number(m![3]), blank: Number(m![4]) };
  expect(counts.rows).toBe(expectedRows);
  expect(counts.ok + counts.problems + counts.blank).toBe(counts.rows);
  const table = await readTable(out);
  expect(table.rows).toHaveLength(expectedRows);
  const column = (name: string) => {
    const c = table.headers.indexOf(name);
    if (c < 0) throw new Error(`no column ${name}`);
    return table.rows.map((r) => r[c]);
  };
  // every problem row carries its reason
  table.rows.forEach((_, i) => {
    if (column("status")[i] === "problem") expect(String(column("problems")[i])).not.toBe("");
  });
  return { lines, out: table, counts, column };
}

const HEADER = "customer,balance,due date";

/** The printout with its wrapped lines joined again (continuation lines start with two spaces). */
function unwrapped(lines: readonly string[]): string {
  return lines.join("\n").replace(/\n {2}(?=\S)/g, " ");
}

describe("line endings", () => {
  it("a CRLF header over LF rows (a file edited in two programs) loses no debtor", async () => {
    const path = file(
      "mixed-eol.csv",
      `${HEADER}\r\nL1,100,2025-01-01\nL2,200,2025-01-01\nL3,300,2025-01-01\nL4,400,2025-01-01\nL5,500,2025-01-01\n`,
    );
    const run = await triage(path, 5);
    expect(run.counts.ok).toBe(5);
    expect(run.column("customer")).toEqual(["L1", "L2", "L3", "L4", "L5"]);
    expect(run.column("balance")).toEqual(["100", "200", "300", "400", "500"]);
    expect(run.lines[0]).toMatch(/1,500 triaged$/);
  });

  it("CRLF lines followed by LF lines, and old Mac CR lines, read row by row", async () => {
    const crlfThenLf = file("crlf-lf.csv", `${HEADER}\r\nA,1,2025-01-01\r\nB,2,2025-01-01\nC,3,2025-01-01\nD,4,2025-01-01\n`);
    expect((await triage(crlfThenLf, 4)).column("customer")).toEqual(["A", "B", "C", "D"]);
    const cr = file("cr.csv", `${HEADER}\rA,1,2025-01-01\rB,2,2025-01-01\r`);
    expect((await triage(cr, 2)).column("balance")).toEqual(["1", "2"]);
  });

  it("a line break inside a quoted cell is one row, and the summary names it", async () => {
    const path = file("multiline.csv", `${HEADER}\n"Acme\nLtd",100,2025-01-01\nB,2,2025-01-01\n`);
    const run = await triage(path, 2);
    expect(run.column("customer")).toEqual(["Acme\nLtd", "B"]);
    expect(unwrapped(run.lines)).toContain(
      "note: 1 row holds a line break inside a quoted cell (row 2): each was read as one row, as Excel reads it; check it if a quote may be stray",
    );
  });
});

describe("quotes", () => {
  it("a stray opening quote is refused with its line and column, not merged into one debtor", async () => {
    const path = file("stray.csv", `${HEADER}\n"Acme,100,2025-01-01\nB,200,2025-01-01\n"C",300,2025-01-01\nD,400,2025-01-01\n`);
    const out = join(dir, "stray-out.csv");
    await expect(runTriage(parseArguments([path, "--out", out], asOf))).rejects.toThrow(
      /the quote at line 2, column 1 opens a field that runs over into line 4 and goes on after its closing quote \(line 4, column 1\)/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("a quote never closed is refused with its line and column", async () => {
    const path = file("unclosed.csv", `${HEADER}\nA,1,2025-01-01\nB,"2,2025-01-01\nC,3,2025-01-01\n`);
    await expect(runTriage(parseArguments([path], asOf))).rejects.toThrow(/the quote at line 3, column 3 is never closed/);
    // and in Chinese
    const error = await runTriage(parseArguments([path, "--lang", "zh"], asOf)).catch((e: unknown) => e);
    expect((error as { text: (l: string) => string }).text("zh")).toMatch(/第 3 行第 3 列的引号没有闭合/);
  });

  it("a quote inside an unquoted name is text, as Excel reads it", async () => {
    const path = file("inner-quote.csv", `${HEADER}\nAcme "Big" Co,100,2025-01-01\n"Quoted ""Inc""",5,2025-01-01\n`);
    expect((await triage(path, 2)).column("customer")).toEqual(['Acme "Big" Co', 'Quoted "Inc"']);
  });
});

describe("encodings and non-text files", () => {
  const body = `客户,余额,到期日\r\n张三公司,100,2025-01-01\r\nAcme,200,2025-01-01\r\n`;
  it.each([
    ["UTF-16LE without BOM", iconv.encode(body, "utf-16le"), "UTF-16"],
    ["UTF-16BE without BOM", iconv.encode(body, "utf-16be"), "UTF-16"],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(body, "utf-16le")]), "UTF-16"],
    ["GB18030", iconv.encode(body, "gb18030"), "Chinese GB18030"],
  ])("%s is read with its headers", async (_name, bytes, encoding) => {
    const path = file("encoded.csv", bytes);
    const run = await triage(path, 2);
    expect(run.lines[0]).toContain(`(${encoding})`);
    expect(run.column("customer")).toEqual(["张三公司", "Acme"]);
  });

  it("binary garbage named .csv is refused as not a text file", async () => {
    // Deterministic "random" bytes (a linear congruential sequence), as binary data looks.
    const bytes = Buffer.alloc(4000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      bytes[i] = x >> 16;
    }
    await expect(runTriage(parseArguments([file("garbage.csv", bytes)], asOf))).rejects.toThrow(
      /is not a text file \(it holds binary data\)/,
    );
    await expect(runTriage(parseArguments([file("report.csv", "%PDF-1.7\n%âãÏÓ\n")], asOf))).rejects.toThrow(
      /is not a text file \(it is a PDF file\)/,
    );
  });

  it("an empty file, a file of blank lines and a header without rows say so", async () => {
    await expect(runTriage(parseArguments([file("empty.csv", "")], asOf))).rejects.toThrow(/is empty: it has no header row and no data/);
    await expect(runTriage(parseArguments([file("blank.csv", "\r\n\r\n,,\r\n")], asOf))).rejects.toThrow(/is empty/);
    const run = await triage(file("header-only.csv", `${HEADER}\r\n`), 0);
    expect(run.lines).toContain("there are no data rows below the header row");
  });

  it("a missing input file is named, without a raw ENOENT", async () => {
    await expect(runTriage(parseArguments([join(dir, "nothing.csv")], asOf))).rejects.toThrow(
      /^No file .*nothing\.csv\. Check the name or give the full path\.$/,
    );
  });
});

describe("headers", () => {
  it("two columns for one field: which was taken, which not, and how to take the other", async () => {
    const run = await triage(file("dup.csv", "customer,Balance,due date,Balance\nA,100,2025-01-01,999\n"), 1);
    expect(unwrapped(run.lines)).toContain(
      'balance: column 4 "Balance" not used; took column 2 "Balance" (the leftmost of equally good matches); to take the other: --map balance=4',
    );
    expect(run.column("balance")).toEqual(["100"]);
    const other = await triage(file("dup.csv", "customer,Balance,due date,Balance\nA,100,2025-01-01,999\n"), 1, "--map", "balance=4");
    expect(other.column("balance")).toEqual(["999"]);
  });

  it("--map counts columns from 1, in its messages too", async () => {
    const path = file("map.csv", "Name,Amt,When\nA,100,2025-07-01\n");
    await expect(runTriage(parseArguments([path, "--map", "balance=Amt", "--map", "dueDate=999"], asOf))).rejects.toThrow(
      "dueDate: column 999 is not a column of the table (1 to 3)",
    );
    expect(() => parseArguments([path, "--map", "dueDate=0"], asOf)).toThrow(/columns are counted from 1/);
  });
});

describe("decimal marks", () => {
  it("a semicolon export with 1.500,50 reads 1,5 as one and a half, and says how it decided", async () => {
    const path = file("semi.csv", "customer;balance;due date\nA;1.500,50;2025-01-01\nB;1,5;2025-01-01\nC;1.500;2025-01-01\n");
    const run = await triage(path, 3);
    expect(run.column("balance")).toEqual(["1500.5", "1.5", "1500"]);
    expect(run.lines).toContain('amounts: decimal comma (1.500,50), decided from amounts such as "1.500,50", "1,5"');
  });

  it("amounts that read two ways with nothing to settle it: the user is asked, and answers with --decimal", async () => {
    const path = file("semi-amb.csv", "customer;balance;due date\nA;1,500;2025-01-01\nB;2,500;2025-01-01\n");
    await expect(runTriage(parseArguments([path], asOf))).rejects.toThrow(/"1,500", "2,500" can be read two ways .* --decimal ,/);
    expect((await triage(path, 2, "--decimal", ",")).column("balance")).toEqual(["1.5", "2.5"]);
    const run = await triage(path, 2, "--decimal", ".");
    expect(run.column("balance")).toEqual(["1500", "2500"]);
    expect(run.lines).toContain("amounts: decimal point (1,500.50), as told by --decimal");
  });

  it("a comma file's quoted 1,500 is one thousand five hundred; contradicting amounts are refused", async () => {
    const run = await triage(file("comma.csv", `${HEADER}\nA,"1,500",2025-01-01\n`), 1);
    expect(run.column("balance")).toEqual(["1500"]);
    const mixed = file("contra.csv", "customer;balance;due date\nA;1.500,50;2025-01-01\nB;2,000.25;2025-01-01\n");
    await expect(runTriage(parseArguments([mixed], asOf))).rejects.toThrow(/use both decimal marks/);
  });
});

describe("hostile text", () => {
  it("a debtor's name cannot drive the terminal: control characters are shown, not sent", async () => {
    const evil = "\u001b[2J\u001b]0;pwned\u0007Evil\u202eCo";
    expect(printable(evil)).toBe("\\x1b[2J\\x1b]0;pwned\\x07Evil\\u202eCo");
    const path = file("evil.csv", `${HEADER}\n${evil},abc,2025-01-01\n`);
    const tsx = resolve(__dirname, "../../node_modules/.bin/tsx");
    const cli = resolve(__dirname, "../../src/cli/triage.ts");
    const { stdout } = await promisify(execFile)(tsx, [cli, path, "--as-of", "2025-07-31"], { env: { ...process.env, NO_COLOR: "1" } });
    expect(stdout).toContain("\\x1b[2J\\x1b]0;pwned\\x07Evil\\u202eCo");
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  }, 30_000);

  it("formula text, NUL and other controls: neutralised in CSV, replaced and reported", async () => {
    const names = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTab", "\u0000=1+1", "Nul\u0000Name", "＝1+1"];
    const path = file("inject.csv", [HEADER, ...names.map((n, i) => `"${n.replace(/"/g, '""')}",${i + 1},2025-01-01`)].join("\n"));
    const run = await triage(path, names.length);
    const written = readFileSync(
      run.lines
        .find((l) => l.startsWith("wrote "))!
        .slice(6)
        .split(":")[0],
      "utf8",
    );
    for (const cell of run.column("customer")) {
      const text = String(cell);
      expect(text.startsWith("'") || /^[A-Za-z]/.test(text), text).toBe(true);
    }
    expect(written).not.toContain("\u0000");
    expect(run.column("customer")[6]).toBe("Nul\uFFFDName");
    expect(run.column("customer")[5]).toBe("'\uFFFD=1+1");
    expect(unwrapped(run.lines)).toContain("note: 2 cells held control characters (such as NUL), replaced by \uFFFD (row 7, row 8)");
    expect(neutraliseFormula("\u0000=1")).toBe("'\u0000=1");
  });

  it("a 10 MB cell is cut to Excel's 32,767 characters with a visible marker, in CSV and XLSX", async () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const path = file("huge.csv", `${HEADER}\n${huge},100,2025-01-01\nB,5,2025-01-01\n`);
    const run = await triage(path, 2);
    const name = String(run.column("customer")[0]);
    expect(name.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(name).toMatch(/ …\[10,453,057 more characters cut: Excel holds 32,767 in a cell\]$/);
    expect(unwrapped(run.lines)).toContain(
      "note: 1 cell held more than Excel's 32,767 characters per cell and was cut, marked in the cell (row 2)",
    );
    const xlsx = join(dir, "huge.xlsx");
    await runTriage(parseArguments([path, "--as-of", "2025-07-31", "--out", xlsx], asOf));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const cell = String(workbook.worksheets[0].getCell("B2").value);
    expect(cell.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(cell.startsWith("xxxx")).toBe(true);
  }, 60_000);
});

describe("the command line itself", () => {
  it("names a missing output folder, refuses an empty --out and a time of day that does not exist", async () => {
    const path = file("ok.csv", `${HEADER}\nA,1,2025-01-01\n`);
    await expect(runTriage(parseArguments([path, "--out", join(dir, "no-such-folder", "r.csv")], asOf))).rejects.toThrow(
      `cannot write ${join(dir, "no-such-folder", "r.csv")}: the folder ${join(dir, "no-such-folder")} does not exist`,
    );
    expect(() => parseArguments([path, "--out", ""], asOf)).toThrow("--out needs a file name, e.g. --out result.xlsx");
    expect(() => parseArguments([path, "--as-of", "2025-07-31T25:99"], asOf)).toThrow(
      "--as-of 2025-07-31T25:99 is not a date: write it as 2025-07-31",
    );
    expect(parseArguments([path, "--as-of", "2025-07-31T23:59"], asOf).asOf).toBe(asOf);
    expect(() => parseArguments([path, "--decimal", ";"], asOf)).toThrow(/--decimal: ";" is not \. or ,/);
  });
});

describe("found by a hostile review", () => {
  it("a line with more fields than the header (an unquoted 1,500) is a problem of its row, not a due date in 1901", async () => {
    const run = await triage(file("shift.csv", `${HEADER}\nAcme,1,500,2025-01-01\nBeta,200,2025-01-01\n`), 2);
    expect(run.column("status")).toEqual(["problem", "ok"]);
    expect(String(run.column("problems")[0])).toMatch(/^this line has 4 fields but the header has 3: a separator inside a value/);
    // trailing empty fields are not extra fields
    expect((await triage(file("trailing.csv", `${HEADER}\nAcme,1,2025-01-01,,,\n`), 1)).counts.ok).toBe(1);
  });

  it("a number in the due-date column that reads as a date of 1900 is a problem, not 45,000 days past due", async () => {
    const run = await triage(file("serial.csv", `${HEADER}\nA,100,500\nB,100,44\nC,100,45800\n`), 3);
    expect(run.column("status")).toEqual(["problem", "problem", "ok"]);
    expect(String(run.column("problems")[0])).toBe(
      "due date: 1901-05-14 is more than 100 years ago: is the cell a number rather than a date (a serial such as 500, or a shifted amount)?",
    );
  });

  it("Western, Japanese and Traditional Chinese files are refused with what they look like, never read as hanzi", async () => {
    const latin1 = file("latin1.csv", iconv.encode(`${HEADER}\nMüller GmbH,100,2025-01-01\nSociété Générale,200,2025-01-01\n`, "latin1"));
    await expect(runTriage(parseArguments([latin1], asOf))).rejects.toThrow(
      /is neither UTF-8 nor Chinese GB18030 text \(first unreadable byte at line 2 \(byte 28\)\): it may be Western/,
    );
    const run = await triage(latin1, 2, "--encoding", "windows-1252");
    expect(run.column("customer")).toEqual(["Müller GmbH", "Société Générale"]);
    const sjis = file("sjis.csv", iconv.encode(`${HEADER}\n株式会社ソニー,100,2025-01-01\nトヨタ,5,2025-01-01\n`, "shift_jis"));
    await expect(runTriage(parseArguments([sjis], asOf))).rejects.toThrow(/is neither UTF-8 nor Chinese GB18030/);
    expect((await triage(sjis, 2, "--encoding", "shift_jis")).column("customer")).toEqual(["株式会社ソニー", "トヨタ"]);
    const big5 = file("big5.csv", iconv.encode(`${HEADER}\n張三公司,100,2025-01-01\n`, "big5"));
    await expect(runTriage(parseArguments([big5], asOf))).rejects.toThrow(/Traditional Chinese \(Big5\)/);
    expect((await triage(big5, 1, "--encoding", "big5")).column("customer")).toEqual(["張三公司"]);
    // Simplified Chinese in GBK is still detected
    const gbk = file("gbk.csv", iconv.encode(`客户,余额,到期日\n北京鑫源贸易有限公司,200,2025-01-01\n`, "gbk"));
    expect((await triage(gbk, 1)).column("customer")).toEqual(["北京鑫源贸易有限公司"]);
  });

  it("UTF-8 with a few damaged bytes is refused with their line, not decoded as GB18030", async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\nAcme,1,2025-01-01\n张三公司,2,2025-01-01\n`),
      Buffer.from([0x42, 0xff, 0xfe]),
      Buffer.from("Name,300,2025-01-01\n"),
    ]);
    const path = file("utf8-bad.csv", bytes);
    await expect(runTriage(parseArguments([path], asOf))).rejects.toThrow(
      /is UTF-8 text with bytes that are not UTF-8, first at line 4 \(byte 72\)/,
    );
    const run = await triage(path, 3, "--encoding", "utf8");
    expect(run.column("customer")).toEqual(["Acme", "张三公司", "B\uFFFD\uFFFDName"]);
  });

  it("full-width amounts follow the file's decimal mark; an unquoted 1.500 in a comma file is asked about", async () => {
    const semi = file("fw.csv", "customer;balance;due date\nA;1.500,50;2025-01-01\nB;１,５００;2025-01-01\nC;１，５;2025-01-01\n");
    expect((await triage(semi, 3)).column("balance")).toEqual(["1500.5", "1.5", "1.5"]);
    const comma = file("dot.csv", `${HEADER}\nA,1.500,2025-01-01\nB,2.500,2025-01-01\n`);
    await expect(runTriage(parseArguments([comma], asOf))).rejects.toThrow(/"1\.500", "2\.500" can be read two ways/);
    expect((await triage(comma, 2, "--decimal", ",")).column("balance")).toEqual(["1500", "2500"]);
    expect((await triage(file("dot2.csv", `${HEADER}\nA,1.500,2025-01-01\nB,12.50,2025-01-01\n`), 2)).column("balance")).toEqual([
      "1.5",
      "12.5",
    ]);
  });

  it("a sep= line padded by Excel, a forgotten option value, DEL and C1 controls in cells", async () => {
    const run = await triage(file("sep.csv", `sep=;;;\r\ncustomer;balance;due date\r\nA;1,5;2025-01-01\r\n`), 1);
    expect(run.column("balance")).toEqual(["1.5"]);
    expect(() => parseArguments(["in.csv", "--out", "--lang", "zh"], asOf)).toThrow(/^--out needs a value \(got the option --lang\)/);
    const controls = await triage(file("c1.csv", `${HEADER}\nA\u007fB\u0085C,1,2025-01-01\n`), 1);
    expect(controls.column("customer")).toEqual(["A\uFFFDB\uFFFDC"]);
    expect(printable("2025-01-31\u200b")).toBe("2025-01-31\\u200b");
  });

  it("an output name the file system refuses is named plainly", async () => {
    const path = file("ok.csv", `${HEADER}\nA,1,2025-01-01\n`);
    const long = join(dir, `${"a".repeat(300)}.csv`);
    await expect(runTriage(parseArguments([path, "--out", long], asOf))).rejects.toThrow(/: the name is too long for the file system$/);
  });
});
