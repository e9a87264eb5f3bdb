// The command line's .xlsx read back: number formats on the right cells, the summary sheet with the counts
// of the result sheet, the print setup in the XML, rows not triaged shown as such; and LibreOffice's print
// of it (when soffice is installed): a few landscape pages, not the twenty portrait pages it used to be.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import unzipper from "unzipper";
import { describe, expect, it } from "vitest";
import { wrappedLines } from "../../src/cli/table-write.js";
import { parseArguments, runTriage } from "../../src/cli/triage.js";
import { serialFromCivil } from "../../src/core/index.js";
import { LEVEL_FILLS, RESULT_TEXT } from "../../src/result/index.js";

const asOf = serialFromCivil(2025, 7, 31);
const dir = mkdtempSync(join(tmpdir(), "ar-xlsx-"));
const SAMPLE_ITEMS = join(__dirname, "../../samples/kingdee-open-items.csv");

/** Runs the triage as `npm run triage -- <args>` would; returns its lines. */
async function triage(args: string[]): Promise<string[]> {
  return runTriage(parseArguments(args, asOf));
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

/** The text of a part of the .xlsx (a zip). */
async function part(file: string, name: string): Promise<string> {
  const zip = await unzipper.Open.file(file);
  const entry = zip.files.find((f) => f.path === name);
  if (entry === undefined) throw new Error(`no ${name} in ${file}`);
  return (await entry.buffer()).toString("utf8");
}

const columnOf = (sheet: ExcelJS.Worksheet, header: string): number => {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const c = headers.indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  return c + 1;
};

const fillOf = (cell: ExcelJS.Cell): string | undefined => (cell.fill?.type === "pattern" ? cell.fill.fgColor?.argb : undefined);

describe("the command line's .xlsx: the bundled sample", async () => {
  const file = join(dir, "sample.xlsx");
  const lines = await triage(["--as-of", "2025-07-31", "--out", file]);
  const book = await workbook(file);
  const result = book.getWorksheet("Triage")!;
  const summary = book.getWorksheet("Triage summary")!;

  it("writes today's work: by owner, most urgent first, amounts formatted, numbers as numbers", () => {
    const work = book.getWorksheet("Today's work")!;
    expect((work.getRow(1).values as unknown[]).slice(1)).toEqual([
      "owner",
      "customer",
      "source row",
      "next step",
      "why this step",
      "why today",
      "balance",
      "warning level",
      "days past due",
    ]);
    // As test/core/work-list.test.ts computes it on the sample without a log.
    const rows = [2, 3, 4, 5, 6, 7, 8, 9].map((r) => (work.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[2], r[6], r[7], r[8]])).toEqual([
      ["salesperson", 10, 1500000, 1, 33],
      ["salesperson", 6, 95000, 1, 51],
      ["finance manager", 3, 1200000, 3, 122],
      ["legal", 16, 150000, 2, 62],
      ["legal", 5, 500000, 3, 153],
      ["legal", 7, 620000, 3, 97],
      ["legal", 4, 800000, 2, 77],
      ["legal", 9, 310000, 2, 60],
    ]);
    expect(work.rowCount).toBe(9);
    expect(rows[3][5]).toBe("the limitation period ends 2025-08-20 (20 days left); level 2, no contact logged");
    expect(work.getCell(2, 7).numFmt).toBe("#,##0.00");
    expect(lines).toContain(`today's work is the sheet "Today's work"`);
  });

  it("has the result sheet, then the summary sheet as the pane writes it (shown on opening), then the legend, then today's work", () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(["Triage", "Triage summary", "Legend", "Today's work"]);
    expect(book.views[0].activeTab).toBe(1);
    expect(lines.some((l) => l.startsWith(`wrote ${file}: 15 rows`))).toBe(true);
  });

  it("formats amounts #,##0.00 and whole numbers 0, on every row that holds one", () => {
    const amounts = [
      "balance",
      "pay within 10 days (90%)",
      "pay within 20 days (95%)",
      "full balance (after 20 days)",
      "recovery estimate",
    ];
    const integers = ["source row", "term (days)", "days past due", "warning level", "limitation: days left"];
    let checked = 0;
    for (let r = 2; r <= 16; r++) {
      for (const header of amounts) {
        const cell = result.getCell(r, columnOf(result, header));
        if (typeof cell.value !== "number") continue;
        expect(cell.numFmt, `${header} row ${r}`).toBe("#,##0.00");
        checked++;
      }
      for (const header of integers) {
        const cell = result.getCell(r, columnOf(result, header));
        if (typeof cell.value !== "number") continue;
        expect(cell.numFmt, `${header} row ${r}`).toBe("0");
        checked++;
      }
    }
    // 15 source rows, 14 balances read; 10 triaged rows with their days, levels, terms; 7 with offers.
    expect(checked).toBeGreaterThan(70);
    expect(result.getCell(3, columnOf(result, "balance")).value).toBe(1_200_000);
    expect(result.getCell(3, columnOf(result, "customer")).numFmt).toBeUndefined();
  });

  it("freezes the header row, filters on it, and prints landscape, one page wide, the header on every page", async () => {
    expect(result.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(result.autoFilter).toBe("A1:Y16");
    const xml = await part(file, "xl/worksheets/sheet1.xml");
    expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(xml).toContain('<printOptions gridLines="1"/>');
    expect(xml).toMatch(/<pageMargins left="0.25" right="0.25" /);
    const books = await part(file, "xl/workbook.xml");
    expect(books).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Triage'!$1:$1</definedName>`);
    expect(books).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="2">'Legend'!$1:$1</definedName>`);
    // Every sheet prints the same way, the summary too (it has no header row to repeat).
    for (const sheet of ["sheet2", "sheet3"]) {
      expect(await part(file, `xl/worksheets/${sheet}.xml`)).toContain('orientation="landscape" fitToWidth="1" fitToHeight="0"');
    }
    expect(result.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
  });

  it("fills triaged rows by level and shows rows with a problem (and the blank row) as not triaged", () => {
    const status = columnOf(result, "status");
    const level = columnOf(result, "warning level");
    const untriaged = [];
    for (let r = 2; r <= 16; r++) {
      const row = result.getRow(r);
      const lv = row.getCell(level).value;
      const s = row.getCell(status).value;
      if (s === "ok") {
        expect(typeof lv).toBe("number");
        const expected = lv === 0 ? undefined : `FF${LEVEL_FILLS[lv as 1 | 2 | 3].slice(1)}`;
        expect(fillOf(row.getCell(1)), `row ${r}`).toBe(expected);
        expect(row.getCell(1).font?.italic).toBeFalsy();
        continue;
      }
      untriaged.push(row.getCell(1).value);
      // No level, no next step, no offers; no fill; italic dark grey.
      expect(lv).toBeNull();
      expect(row.getCell(columnOf(result, "next step")).value).toBeNull();
      expect(row.getCell(columnOf(result, "pay within 10 days (90%)")).value).toBeNull();
      for (const c of [1, 2, status, columnOf(result, "reasons")]) {
        const cell = row.getCell(c);
        if (cell.value === null) continue;
        expect(fillOf(cell)).toBeUndefined();
        expect(cell.font).toMatchObject({ italic: true, color: { argb: "FF595959" } });
      }
    }
    expect(untriaged).toEqual([11, 12, 13, 14, 15]);
  });

  it("writes the summary the pane writes, with the counts of the result sheet", () => {
    const T = RESULT_TEXT.en;
    const byLabel = new Map<string, ExcelJS.Cell>();
    summary.eachRow((row) => {
      const label = row.getCell(1).value;
      if (typeof label === "string" && !byLabel.has(label)) byLabel.set(label, row.getCell(2));
    });
    const value = (label: string) => byLabel.get(label)?.value;
    expect(summary.getCell("A1").value).toBe(T.title);
    expect(summary.getCell("A1").font?.bold).toBe(true);
    // exceljs reads a date-formatted cell as a Date at UTC midnight: the serial's day.
    expect((value(T.asOf) as Date).toISOString().slice(0, 10)).toBe("2025-07-31");
    expect(byLabel.get(T.asOf)?.numFmt).toBe("yyyy-mm-dd");
    expect(value(T.source)).toBe("portfolio.csv");
    expect(value(T.resultSheet)).toBe("Triage");
    // Each source row is ok, a problem or blank: the summary says what the status column holds.
    const statuses = new Map<string, number>();
    for (let r = 2; r <= 16; r++) {
      const s = String(result.getCell(r, columnOf(result, "status")).value);
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    expect(value(T.rows)).toBe(15);
    expect([value(T.ok), value(T.problem), value(T.blank)]).toEqual([statuses.get("ok"), statuses.get("problem"), statuses.get("blank")]);
    expect([value(T.ok), value(T.problem), value(T.blank)]).toEqual([10, 4, 1]);
    expect(value(T.amount)).toBe(5_400_000);
    expect(byLabel.get(T.amount)?.numFmt).toBe("#,##0.00");
    expect(byLabel.get(T.rows)?.numFmt).toBe("0");
    // The level breakdown: amounts formatted, and its balance adds up to the triaged balance.
    const levels = ["level 1", "level 2", "level 3"].map((l) => byLabel.get(l)!);
    expect(levels.map((c) => c.numFmt)).toEqual(["#,##0.00", "#,##0.00", "#,##0.00"]);
    expect(levels.map((c) => c.value)).toEqual([1_595_000, 1_260_000, 2_320_000]);
    // The rows with problems, as on the terminal.
    const heading = [...byLabel.keys()].find((k) => k.startsWith(T.problems));
    expect(heading).toBe(`${T.problems} (4)`); // the blank row between rows is counted as blank, not listed here
    expect(summary.getCell(1, 1).numFmt).toBeUndefined();
  });
});

describe("the command line's .xlsx: an item list", async () => {
  const file = join(dir, "items.xlsx");
  await triage([SAMPLE_ITEMS, "--out", file]);
  const book = await workbook(file);

  it("formats the customers' bucket amounts and the items' amounts and dates", () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(["Triage", "Items", "Triage summary", "Legend", "Today's work"]);
    const customers = book.getWorksheet("Triage")!;
    const bucket = columnOf(customers, "open 90+");
    const formatted = [];
    for (let r = 2; r <= 11; r++) {
      const cell = customers.getCell(r, bucket);
      if (typeof cell.value === "number") formatted.push(cell.numFmt);
    }
    expect(formatted.length).toBe(10);
    expect(new Set(formatted)).toEqual(new Set(["#,##0.00"]));
    expect(customers.getCell(2, columnOf(customers, "open items")).numFmt).toBe("0");
    const items = book.getWorksheet("Items")!;
    // Row 2 of the sheet is source row 5: 96,000.00 due 2025-06-19.
    expect(items.getCell(2, columnOf(items, "source row")).value).toBe(5);
    expect(items.getCell(2, columnOf(items, "amount")).value).toBe(96_000);
    expect(items.getCell(2, columnOf(items, "amount")).numFmt).toBe("#,##0.00");
    expect(items.getCell(2, columnOf(items, "open at as-of date")).numFmt).toBe("#,##0.00");
    expect((items.getCell(2, columnOf(items, "due date")).value as Date).toISOString().slice(0, 10)).toBe("2025-06-19");
    expect(items.getCell(2, columnOf(items, "due date")).numFmt).toBe("yyyy-mm-dd");
    expect(items.getCell(2, columnOf(items, "days past due")).numFmt).toBe("0");
  });

  it("puts the item counts and the reconciliation on the summary sheet, as the pane does", () => {
    const summary = book.getWorksheet("Triage summary")!;
    const texts: string[] = [];
    summary.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts).toContain(RESULT_TEXT.en.ledger);
    expect(texts.some((t) => t.startsWith("item list: 42 rows = 40 items"))).toBe(true);
    expect(texts.some((t) => t.startsWith("reconciliation: open items 6,878,641.08"))).toBe(true);
  });
});

describe("wrappedLines (the height of a row of wrapped text)", () => {
  it("counts lines as a spreadsheet wraps them: at spaces, long words broken, after wide characters", () => {
    // A 10-wide column holds 10 characters a line (10 * 1.1 - 1).
    expect(wrappedLines("short", 10)).toBe(1);
    expect(wrappedLines("aaaa bbbb cccc", 10)).toBe(2); // "aaaa bbbb" | "cccc"
    expect(wrappedLines("aaaa bbbb cccc dddd eeee", 10)).toBe(3);
    expect(wrappedLines("a".repeat(25), 10)).toBe(3); // broken at 10 and 20
    expect(wrappedLines("one\ntwo", 40)).toBe(2);
    expect(wrappedLines("华".repeat(12), 10)).toBe(3); // 24 wide: 10 + 10 + 4
  });
});

/** soffice on the PATH (LibreOffice), or null. */
function soffice(): string | null {
  try {
    return execFileSync("which", ["soffice"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

const office = soffice();

// Skipped where LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui): the .ci/run list lacks it.
describe.skipIf(office === null)("LibreOffice prints it (soffice --convert-to pdf; skipped without soffice)", () => {
  it("on a few landscape pages: the 15-row result one page, the summary two, the legend one", async () => {
    const file = join(dir, "print.xlsx");
    await triage(["--as-of", "2025-07-31", "--out", file]);
    const out = join(dir, "pdf");
    await promisify(execFile)(
      office as string,
      ["--headless", `-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--convert-to", "pdf", "--outdir", out, file],
      {
        timeout: 180_000,
      },
    );
    const pdf = readFileSync(join(out, "print.pdf")).toString("latin1");
    const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    // Before the print setup: 20 portrait pages for the result sheet alone.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.length).toBeLessThanOrEqual(5);
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      const [x0, y0, x1, y1] = box.slice(1).map(Number);
      expect(x1 - x0).toBeGreaterThan(y1 - y0); // landscape
      expect(Math.round(x1 - x0)).toBe(842); // A4: 297 mm
    }
  }, 240_000);
});
