// `npm run bench:xlsx`: reading a large .xlsx with the command line's streamed reader (src/cli/xlsx-read.ts).
//
// Writes a workbook of --rows data rows (default 800,000) × 8 columns with exceljs's streaming writer
// (shared strings, a date format on the due date, a blank row every 100,000 and a few unreadable
// balances) into bench/data/ (gitignored; reused when already there, --fresh writes it again), then reads
// it in a child process of its own, so that its peak RSS is the reader's: readTable (unzip, XML, shared
// strings) and, unless --read-only, the triage and its summary, as `npm run triage` does. Prints the
// time of each phase, the peak RSS (process.resourceUsage().maxRSS) and the row accounting, which must
// add up to the rows written.
//
// Usage: npm run bench:xlsx -- [--rows 800000] [--fresh] [--read-only]
// The child alone, e.g. under /usr/bin/time -v: node --import tsx scripts/bench-xlsx.ts --read <file.xlsx>
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { readTable } from "../src/cli/table-io.js";
import { recogniseColumns, serialFromCivil, summarise, triagePortfolio } from "../src/core/index.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The generated workbook's rows: what each cell holds is a function of the row number, so that a run checks itself. */
const isBlankRow = (i: number) => i % 100_000 === 50_000;
const isBadBalance = (i: number) => i % 10_000 === 7;

async function generate(path: string, rows: number): Promise<void> {
  const started = Date.now();
  const temp = `${path}.part`;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet("Ledger");
  sheet
    .addRow(["customer", "balance", "due date", "overdue events (12 months)", "largest overdue amount", "cash flow", "note", "region"])
    .commit();
  for (let i = 0; i < rows; i++) {
    if (isBlankRow(i)) {
      sheet.addRow([]).commit();
      continue;
    }
    const row = sheet.addRow([
      `Customer ${i}`,
      isBadBalance(i) ? "n/a" : 1000 + (i % 97_711) / 100,
      new Date(Date.UTC(2024, 0, 1 + (i % 700))),
      i % 4,
      (i % 4) * 250,
      ["good", "fair", "poor"][i % 3],
      `note ${i % 500}`,
      `R${i % 31}`,
    ]);
    row.getCell(3).numFmt = "yyyy-mm-dd";
    row.commit();
    if (i % 100_000 === 99_999) process.stdout.write(`  written ${(i + 1).toLocaleString("en-US")} rows\r`);
  }
  sheet.commit();
  await book.commit();
  renameSync(temp, path);
  console.log(
    `wrote ${path}: ${rows.toLocaleString("en-US")} rows × 8 columns, ${mb(statSync(path).size)}, in ${seconds(Date.now() - started)}`,
  );
}

/** The child: read (and triage) the file, print the figures as JSON. */
async function read(path: string, readOnly: boolean): Promise<void> {
  const t0 = performance.now();
  const table = await readTable(path);
  const t1 = performance.now();
  const readRss = process.resourceUsage().maxRSS * 1024;
  const figures: Record<string, unknown> = {
    rows: table.rows.length,
    readMs: t1 - t0,
    readPeakRss: readRss,
    heapUsed: process.memoryUsage().heapUsed,
  };
  if (!readOnly) {
    const { mapping } = recogniseColumns(table.headers);
    const output = triagePortfolio(table.rows, mapping, {
      asOf: serialFromCivil(2025, 12, 31),
      firstRowNumber: table.firstRowNumber,
      dateSystem: table.dateSystem,
    });
    const summary = summarise(output.records, output.policy);
    Object.assign(figures, {
      triageMs: performance.now() - t1,
      ok: summary.ok,
      problem: summary.problem,
      blank: summary.blank,
      records: summary.rows,
    });
  }
  figures.peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify(figures));
}

async function main(): Promise<void> {
  if (args[0] === "--read") {
    await read(args[1], args.includes("--read-only"));
    return;
  }
  const rows = Number(arg("rows", "800000").replace(/_/g, ""));
  if (!Number.isInteger(rows) || rows < 1 || rows > 1_048_575) throw new Error("--rows: 1 to 1,048,575 (Excel's rows less the header)");
  const dir = resolve("bench/data");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `xlsx-${rows}.xlsx`);
  if (args.includes("--fresh") || !existsSync(path)) await generate(path, rows);
  else console.log(`reusing ${path} (${mb(statSync(path).size)}; --fresh writes it again)`);

  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", __filename, "--read", path, ...(args.includes("--read-only") ? ["--read-only"] : [])],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  if (child.status !== 0) throw new Error(`the reading process failed (exit ${child.status})`);
  const f = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, number>;
  console.log(
    `read ${f.rows.toLocaleString("en-US")} rows in ${seconds(f.readMs)}; peak RSS after reading ${mb(f.readPeakRss)} (heap in use ${mb(f.heapUsed)})`,
  );
  if (f.triageMs !== undefined) {
    const blanks = Array.from({ length: rows }, (_, i) => i).filter(isBlankRow).length;
    const bad = Array.from({ length: rows }, (_, i) => i).filter((i) => isBadBalance(i) && !isBlankRow(i)).length;
    const accounted = f.records === rows && f.ok + f.problem + f.blank === rows && f.blank === blanks && f.problem === bad;
    console.log(
      `triaged in ${seconds(f.triageMs)}: ${f.records.toLocaleString("en-US")} rows = ${f.ok.toLocaleString("en-US")} ok + ${f.problem} with problems + ${f.blank} blank (${accounted ? "all accounted for" : "NOT ACCOUNTED FOR"})`,
    );
    if (!accounted) process.exitCode = 1;
  }
  console.log(`peak RSS of the reading process: ${mb(f.peakRss)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
