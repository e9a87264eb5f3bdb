// One truthful count (issue 12): every source row is exactly one of ok (triaged), with a problem, or blank;
// the terminal's headline, its tables and lists, and the summary sheet's grid (src/result/summary.ts, the
// sheet the pane writes) say the same numbers, on every sample and every export fixture. For an item list,
// its rows by fate add up to the rows, and its customers to the customers triaged.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatAmount, isoFromSerial, type LedgerTriage, type TriageSummary } from "../../src/core/index.js";
import { itemCounts, rowCounts, sourceRowsText, summarySheet, type SummarySheet } from "../../src/result/index.js";
import { parseArguments, runTriage } from "../../src/cli/triage.js";

const ROOT = join(__dirname, "../..");
const EXPORTS = join(__dirname, "fixtures/exports");
const dir = mkdtempSync(join(tmpdir(), "ar-counts-"));

/** A customer table with every kind of row: ok, problems (unreadable, duplicate, missing date), blank in between. */
const MIXED = join(dir, "mixed.csv");
writeFileSync(
  MIXED,
  [
    "Customer,Balance,Due date",
    "Acme,1000,2025-06-01",
    "Beta,abc,2025-06-01",
    ",,",
    "Acme,5,2025-06-01",
    "Gamma,300,",
    ",,",
    ",,",
    "Delta,2500.5,2025-01-15",
    "Epsilon,70,2025-02-30",
    ",,",
  ].join("\n"),
);

/** Every sample and export fixture, with the as-of date it is meant for. */
const FILES: readonly { readonly file: string; readonly asOf: string }[] = [
  { file: join(ROOT, "samples/portfolio.csv"), asOf: "2025-07-31" },
  { file: join(ROOT, "samples/kingdee-open-items.csv"), asOf: "2025-07-31" },
  { file: join(ROOT, "samples/ar-history-en.csv"), asOf: "2025-07-31" },
  ...[
    "kingdee-open-items.csv",
    "yonyou-aging.csv",
    "sap-fbl5n.txt",
    "quickbooks-ar-aging-detail.csv",
    "erpnext-accounts-receivable.csv",
    "ar-history-en.csv",
  ].map((name) => {
    const expected = JSON.parse(readFileSync(join(EXPORTS, name.replace(/\.(csv|txt)$/, ".expected.json")), "utf8")) as {
      asOfSerial: number;
    };
    return { file: join(EXPORTS, name), asOf: isoFromSerial(expected.asOfSerial) };
  }),
  { file: MIXED, asOf: "2025-07-31" },
];

/** The printout with its wrapped lines joined again. */
const unwrap = (lines: readonly string[]) =>
  lines
    .join("\n")
    .replace(/\n {2}(?=\S)/g, " ")
    .split("\n");

/** The rows of the terminal table headed `title` (between its rule of dashes and its total or the blank line after it). */
function tableRows(lines: readonly string[], title: RegExp): string[] {
  const at = lines.findIndex((l) => title.test(l));
  if (at < 0) return [];
  const rule = lines.findIndex((l, i) => i > at && /^-+( {2}-+)+$/.test(l));
  const end = lines.findIndex((l, i) => i > rule && l === "");
  return lines.slice(rule + 1, end < 0 ? lines.length : end);
}

/** The sheet's row whose first cell is `label`. */
const sheetRow = (sheet: SummarySheet, label: string) => sheet.rows.find((r) => r[0] === label);

async function run(file: string, asOf: string, language: "en" | "zh" = "en") {
  let result: { summary: TriageSummary; ledger: LedgerTriage } | undefined;
  const lines = await runTriage({ ...parseArguments([file, "--as-of", asOf, "--lang", language]), onResult: (r) => (result = r) });
  if (result === undefined) throw new Error("no result");
  return { lines, ...result };
}

describe.each(FILES)("$file", ({ file, asOf }) => {
  it("the terminal: rows = ok + problems + blank, as many problems listed and blank rows named as counted", async () => {
    const { lines, summary, ledger } = await run(file, asOf);
    const c = rowCounts(summary);
    expect(c.ok + c.problem + c.blank).toBe(c.rows);
    expect(c.problemRows).toHaveLength(c.problem);
    expect(c.blankRows).toHaveLength(c.blank);
    const text = unwrap(lines);
    const head = /: (\d+) (rows|customers), (\d+) ok, (\d+) with problems, (\d+) blank;/.exec(text[0]);
    expect(head, text[0]).not.toBeNull();
    const [rows, ok, problem, blank] = [1, 3, 4, 5].map((i) => Number(head?.[i]));
    expect([rows, ok, problem, blank]).toEqual([c.rows, c.ok, c.problem, c.blank]);
    expect(ok + problem + blank).toBe(rows);
    expect(head?.[2]).toBe(ledger.items === null ? "rows" : "customers");
    // The rows with problems: the title's count, one table row each (up to 20), no blank row among them.
    // (tables from the lines as printed: a row number right-aligned would read as a wrapped line's indent)
    const listed = tableRows(lines, /^Rows with problems \(/).filter((l) => /^ *\d+ {2}/.test(l));
    if (problem === 0) expect(text.some((l) => l.startsWith("Rows with problems"))).toBe(false);
    else expect(text).toContain(`Rows with problems (${problem})`);
    expect(listed).toHaveLength(Math.min(problem, 20));
    expect(listed.map((l) => Number(/^ *(\d+)/.exec(l)?.[1]))).toEqual(c.problemRows.slice(0, 20).map((p) => p.sourceRow));
    expect(listed.join("\n")).not.toContain("blank row");
    // The blank rows: named once, as such.
    const blankLine = text.filter((l) => l.startsWith("Blank rows between data rows"));
    expect(blankLine).toEqual(blank === 0 ? [] : [`Blank rows between data rows: ${sourceRowsText(c.blankRows, "en")}`]);
    // Each breakdown: its groups add up to its total, the rows triaged (ok) and their balance.
    // A customer with nothing open (an item list's settled customer) is ok without a level: a row of its own.
    for (const title of [/^By profile /, /^By warning level /]) {
      const body = tableRows(lines, title);
      const total = body.at(-1) ?? "";
      // the total's amount as the headline has it, with cents when any amount of the table has them
      const cents = [summary.amount, ...summary.byLevel.map((g) => g.amount)].some((a) => formatAmount(a).includes("."));
      const shown = cents
        ? Number(summary.amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        : formatAmount(summary.amount);
      expect(total).toMatch(new RegExp(`^total +${ok} +${shown.replace(/[.]/g, "\\.")}$`));
      const groups = body.slice(0, -1);
      expect(groups.reduce((n, l) => n + Number(/^.*?\s(\d+)(\s+[\d,.-]+)?$/.exec(l)?.[1]), 0)).toBe(ok);
      const untriaged = groups.filter((l) => l.startsWith("nothing open"));
      expect(untriaged).toHaveLength(summary.triaged === ok ? 0 : 1);
      if (untriaged.length > 0) expect(untriaged[0]).toMatch(new RegExp(`^nothing open \\(no due date\\) +${ok - summary.triaged}$`));
    }
  });

  it("an item list: its rows by fate add up to its rows, and its customers to the customers triaged", async () => {
    const { lines, summary, ledger } = await run(file, asOf);
    const items = itemCounts(ledger);
    if (items === null) {
      expect(unwrap(lines).some((l) => l.startsWith("item list:"))).toBe(false);
      return;
    }
    expect(items.rolledUp + items.history + items.problem + items.skipped + items.blank).toBe(items.rows);
    expect(items.rolledUp + items.history + items.problem).toBe(items.items);
    expect(items.rows).toBe(ledger.items?.length);
    expect(items.customers).toBe(summary.rows);
    const line = unwrap(lines).find((l) => l.startsWith("item list:")) ?? "";
    const m =
      /^item list: (\d+) rows = (\d+) items \((\d+) rolled up into (\d+) customers, (\d+) paid by the as-of date, (\d+) with problems\) \+ (\d+) heading\/subtotal\/total rows \+ (\d+) blank$/.exec(
        line,
      );
    expect(m, line).not.toBeNull();
    const [n, i, r, customers, h, p, s, b] = (m ?? []).slice(1).map(Number);
    expect(i + s + b).toBe(n);
    expect(r + h + p).toBe(i);
    expect([n, i, r, customers, h, p, s, b]).toEqual([
      items.rows,
      items.items,
      items.rolledUp,
      items.customers,
      items.history,
      items.problem,
      items.skipped,
      items.blank,
    ]);
  });

  it.each(["en", "zh"] as const)("the summary sheet's grid (%s) says the same numbers", async (language) => {
    const { summary } = await run(file, asOf, language);
    const c = rowCounts(summary);
    const sheet = summarySheet({
      summary,
      language,
      asOf: 45869,
      source: { address: basename(file) },
      resultSheet: "Triage",
      problemRowLimit: 200,
    });
    const L =
      language === "en"
        ? {
            rows: "rows",
            ok: "ok",
            problem: "with problems",
            blank: "blank rows",
            problems: "rows with problems",
            byLevel: "by warning level",
          }
        : { rows: "行数", ok: "正常", problem: "有问题", blank: "空行", problems: "有问题的行", byLevel: "按预警级别" };
    const [rows, ok, problem, blank] = [L.rows, L.ok, L.problem, L.blank].map((label) => sheetRow(sheet, label)?.[1]);
    expect([rows, ok, problem, blank]).toEqual([c.rows, c.ok, c.problem, c.blank]);
    expect(c.ok + c.problem + c.blank).toBe(c.rows);
    expect(sheetRow(sheet, L.blank)?.[2]).toBe(c.blank === 0 ? undefined : sourceRowsText(c.blankRows, language));
    // The problem block: its heading's count, then one row per problem row (all of them under the limit).
    const heading = sheet.rows.findIndex((r) => r[0] === `${L.problems} (${c.problem})`);
    expect(heading).toBeGreaterThan(0);
    const listed = sheet.rows.slice(heading + 2).filter((r) => typeof r[0] === "number");
    expect(listed.map((r) => r[0])).toEqual(c.problemRows.map((p) => p.sourceRow));
    // The level block adds up to the rows triaged and the balance triaged; the ok rows not triaged (nothing open) are counted.
    const levels = sheet.rows.slice(sheet.levelBlock + 1, sheet.levelBlock + 5);
    expect(levels.reduce((n, r) => n + Number(r[2]), 0)).toBe(summary.triaged);
    expect(summary.triaged).toBeLessThanOrEqual(c.ok);
    expect(Math.round(levels.reduce((n, r) => n + Number(r[1]) * 100, 0))).toBe(Math.round(summary.amount * 100));
    expect(sheet.rows[sheet.levelBlock][0]).toBe(L.byLevel);
  });
});

describe("the mixed table", () => {
  it("counts its rows by hand: rows 2-10 = 2 ok + 4 with problems + 3 blank (the trailing blank row is not a row)", async () => {
    const { lines, summary } = await run(MIXED, "2025-07-31");
    const c = rowCounts(summary);
    expect([c.rows, c.ok, c.problem, c.blank]).toEqual([9, 2, 4, 3]);
    expect(c.blankRows).toEqual([4, 7, 8]);
    expect(c.problemRows.map((p) => p.sourceRow)).toEqual([3, 5, 6, 10]);
    expect(lines).toContain("Blank rows between data rows: rows 4, 7-8");
  });
});
