import { execFile } from "node:child_process";
import { promises as fs, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTable, writeTable } from "../../src/cli/table-io.js";
import { neutraliseFormula } from "../../src/result/cell-text.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => join(here, "fixtures", name);
const moduleFile = resolve(here, "../../src/cli/table-io.ts");

/** Excel serials, worked out by hand: 2024-02-29 is day 45351 (2024-01-01 is 45292, + 31 + 28). */
const LEAP_DAY = 45351;
const LEAP_DAY_1830 = LEAP_DAY + (18 * 60 + 30) / 1440;
const JULY_27_2025 = 45865;
const MARCH_30_2024 = 45381;

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), "table-io-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("neutraliseFormula", () => {
  it("prefixes text that a spreadsheet would run with a single quote", () => {
    for (const text of ["=1+1", "+cmd", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x")', "\t=1", "\r=1", "＝1+1", "－1"]) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    }
  });
  it("leaves other text alone", () => {
    for (const text of ["", "Acme", "1-2", "2024-02-29", " =1", "'=1", "甲公司", "100"]) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });
});

describe("readTable: CSV", () => {
  it("reads UTF-8 without BOM: text as in the file, a blank row in the middle kept, empty rows at the end dropped", async () => {
    const table = await readTable(fixture("utf8.csv"));
    expect(table).toEqual({
      headers: ["customer", "balance", "due_date"],
      rows: [
        ["Acme Ltd", "1200.50", "2025-07-27"],
        ["", "", ""],
        ["甲公司", "-300", "2025/7/1"],
      ],
      firstRowNumber: 2,
      source: fixture("utf8.csv"),
      encoding: "utf8",
      delimiter: ",",
    });
  });

  it("reads UTF-8 with BOM (no BOM left in the first header) and CRLF", async () => {
    const table = await readTable(fixture("utf8-bom.csv"));
    expect(table.encoding).toBe("utf8-bom");
    expect(table.headers).toEqual(["客户", "余额", "到期日"]);
    expect(table.rows).toEqual([
      ["甲公司", "120000", "2024-02-29"],
      ["乙公司", "0", ""],
    ]);
  });

  it("falls back to GB18030 for text Chinese Excel exported, four-byte characters included", async () => {
    const bytes = readFileSync(fixture("gb18030.csv"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    expect(bytes.subarray(0, 4)).toEqual(iconv.encode("客户", "gb18030"));
    const table = await readTable(fixture("gb18030.csv"));
    expect(table.encoding).toBe("gb18030");
    expect(table.headers).toEqual(["客户", "余额", "到期日"]);
    expect(table.rows).toEqual([
      ["甲公司", "120000", "2024年2月29日"],
      ["𠮷野家餐饮", "1,500.00", "2025/7/27"],
    ]);
    expect(await readTable(fixture("gb18030.csv"), { encoding: "gb18030" })).toEqual(table);
  });

  it("decodes as told when the encoding is forced", async () => {
    const forced = await readTable(fixture("gb18030.csv"), { encoding: "utf8" });
    expect(forced.encoding).toBe("utf8");
    expect(forced.headers[0]).toContain("\uFFFD");
    const utf8AsGb = await readTable(fixture("utf8-bom.csv"), { encoding: "gb18030" });
    expect(utf8AsGb.headers[1]).not.toBe("余额");
  });

  it("detects semicolons (decimal commas stay inside their field) and tabs", async () => {
    const semicolon = await readTable(fixture("semicolon.csv"));
    expect(semicolon.headers).toEqual(["Kunde", "Saldo", "Fällig"]);
    expect(semicolon.rows).toEqual([
      ["Müller GmbH", "1234,56", "27.07.2025"],
      ["Schmidt AG", "-0,5", ""],
    ]);
    const tab = await readTable(fixture("tab.csv"));
    expect(tab.headers).toEqual(["customer", "balance", "note"]);
    expect(tab.rows).toEqual([["Acme, Inc.", "10", "comma, inside"]]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks; a multi-line record is one sheet row", async () => {
    const table = await readTable(fixture("quoted.csv"));
    expect(table.headers).toEqual(["customer", "note", "balance"]);
    expect(table.rows).toEqual([
      ["Acme, Inc.", 'said "next week"', "100"],
      ["Beta Ltd", "line one\r\nline two", "200"],
      ["Gamma", "", "300"],
    ]);
    expect(table.firstRowNumber).toBe(2); // Gamma is on sheet row 4, though on line 5 of the file
  });

  it("skips blank lines before the header, honours Excel's sep= line and pads short rows", async () => {
    const file = join(dir, "hint.csv");
    await fs.writeFile(file, "sep=;\r\n\r\n\r\na;b;c\r\n1,5;2\r\n;;\r\nx;;z;\r\n");
    const table = await readTable(file);
    expect(table.headers).toEqual(["a", "b", "c"]);
    expect(table.rows).toEqual([
      ["1,5", "2", ""],
      ["", "", ""],
      ["x", "", "z"],
    ]);
    expect(table.firstRowNumber).toBe(4);
  });

  it("gives an empty table for an empty file and a clear error for a broken quote", async () => {
    const empty = join(dir, "empty.csv");
    await fs.writeFile(empty, "\uFEFF\r\n,,\r\n");
    expect(await readTable(empty)).toMatchObject({ headers: [], rows: [] });
    const broken = join(dir, "broken.csv");
    await fs.writeFile(broken, 'a,b\n1,"open\n');
    await expect(readTable(broken)).rejects.toThrow(`cannot read ${broken} as CSV`);
  });
});

describe("readTable: XLSX", () => {
  it("reads the first visible sheet: numbers, dates as serials, cached formula results, errors, booleans, rich text, merges, blanks", async () => {
    const table = await readTable(fixture("portfolio.xlsx"));
    expect(table.sheet).toBe("Portfolio"); // "Lookup", before it, is hidden
    expect(table.firstRowNumber).toBe(3); // row 1 is empty, the headers are on row 2
    expect(table.headers).toEqual(["客户", "余额", "到期日", "记录时间", "两倍余额", "状态", "已对账", "备注"]);
    const [r3, r4, r5, r6, r7, ...rest] = table.rows;
    expect(rest).toEqual([]); // formatted empty rows 8-10 are not data
    expect(r3[3]).toBeCloseTo(LEAP_DAY_1830, 8);
    expect(r3).toEqual(["甲公司", 120000.5, LEAP_DAY, r3[3], 240001, "#N/A", true, "急 需跟进"]);
    expect(r4).toEqual(["", "", "", "", "", "", "", ""]);
    expect(r5).toEqual(["乙公司", -300, JULY_27_2025, "", "#DIV/0!", "#VALUE!", false, "合同"]);
    expect(r6).toEqual(["合并单元格", "", MARCH_30_2024, "", "", "#REF!", "", ""]);
    expect(r7).toEqual(["丙公司", "", "", "", "", "", "", "末列"]);
  });

  it("reads a sheet by name, case-insensitively, and names the sheets when it is missing", async () => {
    const lookup = await readTable(fixture("portfolio.xlsx"), { sheet: "lookup" });
    expect(lookup).toMatchObject({ sheet: "Lookup", headers: ["code", "label"], rows: [["A", "good"]] });
    const other = await readTable(fixture("portfolio.xlsx"), { sheet: "Other" });
    expect(other.rows).toEqual([["x", 1]]);
    await expect(readTable(fixture("portfolio.xlsx"), { sheet: "Nope" })).rejects.toThrow(
      /no sheet named "Nope" \(sheets: "Lookup", "Portfolio", "Other"\)/,
    );
  });

  it("gives a 1904 workbook's serials as it holds them, and says it counts from 1904 (the triage moves them)", async () => {
    // Formatted as a date or not, a cell holds its 1904 serial; reading it as a Date would fix only the
    // formatted cells, and the plain numbers would stay four years off. The triage moves both (dateSystem).
    const table = await readTable(fixture("date1904.xlsx"));
    expect(table).toMatchObject({ dateSystem: "1904", rows: [[LEAP_DAY - 1462]] });
    expect((await readTable(fixture("portfolio.xlsx"))).dateSystem).toBe("1900");
  });

  it("refuses old .xls, files that are not workbooks and unknown types, naming the file", async () => {
    const xls = join(dir, "old.xls");
    await fs.writeFile(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await expect(readTable(xls)).rejects.toThrow(`${xls} is an old binary .xls workbook`);
    const fake = join(dir, "fake.xlsx");
    await fs.writeFile(fake, "customer,balance\n");
    await expect(readTable(fake)).rejects.toThrow(`${fake} is not a valid .xlsx workbook`);
    const odd = join(dir, "data.json");
    await fs.writeFile(odd, "{}");
    await expect(readTable(odd)).rejects.toThrow("unsupported file type");
    await expect(readTable(join(dir, "missing.csv"))).rejects.toThrow(/ENOENT/);
  });
});

const INJECTIONS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x")'];

describe("writeTable: CSV", () => {
  it("writes UTF-8 with BOM, CRLF, RFC 4180 quoting, neutralised text and untouched numbers", async () => {
    const file = join(dir, "out.csv");
    await writeTable(
      file,
      ["客户", "余额", "到期日", "备注", "=bad header"],
      [
        ["甲公司", -300, LEAP_DAY, 'a "quoted", text', true],
        ["乙公司", 0.1, null, "line one\nline two", false],
        ...INJECTIONS.map((text): (string | number | null)[] => [text, -2, JULY_27_2025, null, null]),
      ],
      { dateColumns: [2] },
    );
    const bytes = await fs.readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(
      [
        "客户,余额,到期日,备注,'=bad header",
        '甲公司,-300,2024-02-29,"a ""quoted"", text",TRUE',
        '乙公司,0.1,,"line one\nline two",FALSE',
        "'=1+1,-2,2025-07-27,,",
        "'+cmd,-2,2025-07-27,,",
        "'-2+3,-2,2025-07-27,,",
        "'@SUM(A1),-2,2025-07-27,,",
        `"'=HYPERLINK(""http://x"")",-2,2025-07-27,,`,
        "",
      ].join("\r\n"),
    );
  });

  it("round-trips through readTable", async () => {
    const file = join(dir, "round.csv");
    const rows = [
      ["甲公司", 120000.5, "2024-02-29", "中文, 逗号"],
      ["𠮷野家", -1, "", "two\r\nlines"],
      ["", "", "", ""],
      ["=1+1", 3, "x", "@me"],
    ];
    await writeTable(file, ["客户", "余额", "到期日", "备注"], rows);
    const table = await readTable(file);
    expect(table.encoding).toBe("utf8-bom");
    expect(table.headers).toEqual(["客户", "余额", "到期日", "备注"]);
    expect(table.rows).toEqual([
      ["甲公司", "120000.5", "2024-02-29", "中文, 逗号"],
      ["𠮷野家", "-1", "", "two\r\nlines"],
      ["", "", "", ""],
      ["'=1+1", "3", "x", "'@me"],
    ]);
  });
});

describe("writeTable: XLSX", () => {
  const headers = ["客户", "余额", "到期日", "预警级别", "公式?"];
  const rows = [
    ["甲公司", 120000.5, LEAP_DAY, 1, "=1+1"],
    ["乙公司", -300, JULY_27_2025, 2, "+cmd"],
    ["丙公司", 0, null, 3, "-2+3"],
    ["丁公司", null, LEAP_DAY_1830, 0, "@SUM(A1)"],
    ["戊公司", 7, null, null, '=HYPERLINK("http://x")'],
    [true, false, null, "2", null],
  ];

  it("round-trips through readTable: values, booleans, blanks, date serials, text as written", async () => {
    const file = join(dir, "round.xlsx");
    await writeTable(file, headers, rows, { dateColumns: [2], levelColumn: 3, sheetName: "Triage" });
    const table = await readTable(file);
    expect(table.sheet).toBe("Triage");
    expect(table.headers).toEqual(headers);
    expect(table.firstRowNumber).toBe(2);
    expect(table.rows[3][2]).toBeCloseTo(LEAP_DAY_1830, 8);
    expect(table.rows).toEqual(rows.map((row, r) => row.map((v, c) => (r === 3 && c === 2 ? table.rows[3][2] : (v ?? "")))));
  });

  it("writes formula-like text as string cells, never formulas, and formats the sheet", async () => {
    const file = join(dir, "format.xlsx");
    await writeTable(file, headers, rows, { dateColumns: [2], levelColumn: 3, sheetName: "Result: 1/2?" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Result_ 1_2_"]);
    const sheet = workbook.worksheets[0];
    INJECTIONS.forEach((text, i) => {
      const cell = sheet.getCell(i + 2, 5);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(text);
    });
    expect(sheet.getCell("B3").type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell("B3").value).toBe(-300);
    // Header: bold, frozen, with an autofilter over the table.
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:E7");
    // Dates as yyyy-mm-dd; the level column's rows filled yellow, orange, red, then none.
    expect(sheet.getCell("C2").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell("B2").numFmt).toBeUndefined();
    const fill = (address: string) => {
      const f = sheet.getCell(address).fill;
      return f && f.type === "pattern" ? f.fgColor?.argb : undefined;
    };
    expect([fill("A2"), fill("E2"), fill("A3"), fill("C4"), fill("A5"), fill("A6"), fill("A7")]).toEqual([
      "FFFFE699",
      "FFFFE699",
      "FFF4B183",
      "FFE06666",
      undefined,
      undefined, // no level: a row not triaged, in italic grey instead
      "FFF4B183", // the level "2" given as text
    ]);
    expect(sheet.getCell("A6").font).toMatchObject({ italic: true, color: { argb: "FF595959" } });
    expect(sheet.getCell("A5").font?.italic).toBeFalsy();
    const widths = sheet.columns.map((column) => column.width ?? 0);
    expect(widths.every((w) => w >= 6 && w <= 50)).toBe(true);
    expect(widths[4]).toBe(24); // the longest text, 22 characters, plus a margin
    expect(widths[0]).toBe(8); // "甲公司" counts six (Chinese characters are two wide): the minimum
  });
});

describe("writeTable: overwriting", () => {
  it("refuses to overwrite the input file, under any spelling of its path, and leaves it untouched", async () => {
    const input = join(dir, "input.csv");
    await fs.writeFile(input, "a,b\r\n1,2\r\n");
    const spellings = [input, join(dir, "sub", "..", "input.csv")];
    const link = join(dir, "input-link.csv");
    await fs.link(input, link);
    spellings.push(link);
    for (const target of spellings) {
      await expect(writeTable(target, ["x"], [["y"]], { protect: [input] })).rejects.toThrow(
        `refusing to overwrite the input file ${input} with the output ${target}`,
      );
    }
    expect(await fs.readFile(input, "utf8")).toBe("a,b\r\n1,2\r\n");
    // Nothing half-written was left behind, and another name is fine.
    await writeTable(join(dir, "result.xlsx"), ["x"], [["y"]], { protect: [input] });
    expect((await fs.readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses other output types", async () => {
    await expect(writeTable(join(dir, "out.xls"), ["x"], [])).rejects.toThrow("can only write .xlsx or .csv");
  });
});

describe("dates do not depend on the time zone", () => {
  const zones = [
    ["Asia/Shanghai", -480],
    ["America/Los_Angeles", 480],
    ["Pacific/Chatham", -825],
  ] as const;

  async function serials(): Promise<unknown[]> {
    const read = await readTable(fixture("portfolio.xlsx"));
    const file = join(dir, `tz-${process.env.TZ?.replace("/", "-")}.xlsx`);
    await writeTable(file, ["d"], [[LEAP_DAY], [LEAP_DAY_1830], [JULY_27_2025]], { dateColumns: [0] });
    const written = await readTable(file);
    return [read.rows[0][2], read.rows[0][3], read.rows[2][2], read.rows[3][2], ...written.rows.flat()];
  }

  it("gives identical serials in this process under three time zones", async () => {
    const saved = process.env.TZ;
    const results: unknown[][] = [];
    try {
      for (const [zone, offset] of zones) {
        process.env.TZ = zone;
        expect(new Date(2024, 0, 15).getTimezoneOffset()).toBe(offset); // the zone really changed
        results.push(await serials());
      }
    } finally {
      process.env.TZ = saved;
    }
    expect(results[0][0]).toBe(LEAP_DAY);
    expect(results[0][1]).toBeCloseTo(LEAP_DAY_1830, 8);
    expect(results[0].slice(2)).toEqual([JULY_27_2025, MARCH_30_2024, LEAP_DAY, results[0][5], JULY_27_2025]);
    expect(results[0][5]).toBeCloseTo(LEAP_DAY_1830, 8);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it("gives identical serials in child processes started in Shanghai and Los Angeles", async () => {
    const script = [
      `const m = await import(${JSON.stringify(moduleFile)});`,
      "const { readTable } = m.readTable ? m : m.default;",
      `const t = await readTable(${JSON.stringify(fixture("portfolio.xlsx"))});`,
      "console.log(JSON.stringify([new Date(2024, 0, 15).getTimezoneOffset(), t.rows[0][2], t.rows[0][3], t.rows[2][2], t.rows[3][2]]));",
    ].join("\n");
    const run = (zone: string) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        env: { ...process.env, TZ: zone },
        cwd: resolve(here, "../.."),
      }).then(({ stdout }) => JSON.parse(stdout) as number[]);
    const [shanghai, losAngeles] = await Promise.all([run("Asia/Shanghai"), run("America/Los_Angeles")]);
    expect(shanghai[0]).toBe(-480);
    expect(losAngeles[0]).toBe(480);
    expect(shanghai.slice(1)).toEqual(losAngeles.slice(1));
    expect(shanghai[1]).toBe(LEAP_DAY);
    expect(shanghai[2]).toBeCloseTo(LEAP_DAY_1830, 8);
    expect(shanghai.slice(3)).toEqual([JULY_27_2025, MARCH_30_2024]);
  });
});
