/**
 * `npm run bench:triage`: the portfolio triage of the rules core on 100,000 and 1,000,000 generated debtor
 * rows (cells as a sheet or a CSV gives them), each size in its own process: rows per second, best of
 * several runs after a warm-up, and peak memory. Then the Excel I/O layer of the task pane on the fake
 * Excel (test/support/fake-excel/), with its default chunks: locate and read the portfolio, triage it,
 * write the result and summary sheets; rows per second, syncs, chunks, the largest request or response
 * and the bytes in all (as the layer estimates them and as the fake measures them), the share of the time
 * spent inside the fake (the stand-in for Excel's own work), and peak memory.
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recogniseColumns, serialFromCivil, summarise, triagePortfolio } from "../src/core/index.js";
import { recordCells } from "../src/result/index.js";
import { FakeWorkbook } from "../test/support/fake-excel/index.js";
import { locatePortfolio, readPortfolioRows, triageSheetData, writeTriageSheets } from "../src/excel-io/index.js";
import { itemsCsvPath, parseArguments, runTriage } from "../src/cli/triage.js";
import { writeLedgerExport } from "./ledger-export.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = arg("runs", 3);

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const HEADERS = [
  "Customer",
  "Balance",
  "Due date",
  "Overdue events (12 months)",
  "Largest overdue amount",
  "Cash flow",
  "Business operating",
  "Income stable",
  "Turnover decline",
  "Proposed plan",
  "Excuses",
  "Broken promises",
  "Insolvent",
  "Free cash flow",
  "Last balance confirmation",
  "Signed contract",
  "Reconciliation",
  "Last demand",
];

/** Rows as a CSV gives them (all text), with a few bad cells, duplicates and blanks like a real ledger. */
function portfolio(rows: number): string[][] {
  const rnd = lcg(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const yn = ["yes", "no", "", "是", "否"];
  const out: string[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const n = rnd() < 0.6 ? 0 : Math.floor(rnd() * 4);
    const due = 45658 + Math.floor(rnd() * 500);
    const y = 2025 + Math.floor((due - 45658) / 365);
    const iso = (serialDay: number) =>
      `${y}-${String(1 + (serialDay % 12)).padStart(2, "0")}-${String(1 + (serialDay % 28)).padStart(2, "0")}`;
    out[i] = [
      rnd() < 0.001 ? "Customer 1" : `Customer ${i}`,
      rnd() < 0.001 ? "n/a" : (Math.round(rnd() * 2_000_000_00) / 100).toFixed(2),
      rnd() < 0.001 ? "" : iso(due),
      String(n),
      n === 0 ? "0" : String(Math.round(rnd() * 100_000)),
      pick(["good", "fair", "poor", "好", "一般", "差"]),
      pick(yn),
      pick(yn),
      pick(["none", "short-term", "persistent", ""]),
      pick(yn),
      pick(yn),
      String(Math.floor(rnd() * 3)),
      rnd() < 0.03 ? "yes" : "no",
      rnd() < 0.5 ? String(Math.round(rnd() * 300_000)) : "",
      iso(due + 30),
      pick(yn),
      pick(yn),
      iso(due + 60),
    ];
  }
  return out;
}

function runSize(rows: number) {
  const data = portfolio(rows);
  const { mapping } = recogniseColumns(HEADERS);
  const asOf = serialFromCivil(2026, 7, 31);
  triagePortfolio(data.slice(0, 10_000), mapping, { asOf }); // warm-up
  const times: number[] = [];
  let cellsMs = 0;
  for (let r = 0; r < RUNS; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = process.hrtime.bigint();
    const output = triagePortfolio(data, mapping, { asOf });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (output.records.length !== rows) throw new Error(`expected ${rows} records, got ${output.records.length}`);
    if (r === 0) {
      const t1 = process.hrtime.bigint();
      for (const record of output.records) recordCells(record, "en", output.policy);
      summarise(output.records, output.policy);
      cellsMs = Number(process.hrtime.bigint() - t1) / 1e6;
    }
  }
  times.sort((a, b) => a - b);
  return {
    rows,
    bestMs: times[0],
    medianMs: times[Math.floor(times.length / 2)],
    cellsMs,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/** Milliseconds since t0. */
const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** The Excel I/O layer on the fake Excel: the portfolio opened in Excel (typed cells), read, triaged, written. */
async function runIo(rows: number) {
  const wb = new FakeWorkbook();
  wb.addSheet("Debtors", [HEADERS, ...portfolio(rows)], { typed: true }); // as Excel opens the CSV: numbers, dates
  wb.select("Debtors!B2");
  const asOf = serialFromCivil(2026, 7, 31);
  (globalThis as { gc?: () => void }).gc?.();
  const fakeMs = (from: number) => wb.syncs.slice(from).reduce((n, s) => n + s.elapsedMs, 0);
  const fakeMax = (from: number) => wb.syncs.slice(from).reduce((m, s) => Math.max(m, s.requestBytes, s.responseBytes), 0);
  const context = wb.context();

  let t0 = process.hrtime.bigint();
  const location = await locatePortfolio(context, { kind: "selection" });
  const read = await readPortfolioRows(context, location);
  const readMs = since(t0);
  if (read.rows.length !== rows) throw new Error(`read ${read.rows.length} rows, expected ${rows}`);
  const readFake = {
    ms: fakeMs(0),
    maxBytes: fakeMax(0),
    bytes: wb.syncs.reduce((n, s) => n + s.responseBytes, 0),
    syncs: wb.syncs.length,
  };

  t0 = process.hrtime.bigint();
  const { mapping } = recogniseColumns(location.headers);
  const output = triagePortfolio(read.rows, mapping, { asOf, firstRowNumber: location.headerRow + 1 });
  const data = triageSheetData(output, summarise(output.records, output.policy), location, "en");
  const triageMs = since(t0);

  const before = wb.syncs.length;
  t0 = process.hrtime.bigint();
  const write = await writeTriageSheets(context, data);
  const writeMs = since(t0);
  const writeFake = {
    ms: fakeMs(before),
    maxBytes: fakeMax(before),
    bytes: wb.syncs.slice(before).reduce((n, s) => n + s.requestBytes, 0),
  };
  if (wb.sheet(write.resultSheet).value(rows, 0) !== rows + 1) throw new Error("the result sheet is short");

  // The other way to colour rows, for comparison: one fill per run of rows of the same level; both written
  // again, warm, so that the times compare.
  let fills: { ms: number; syncs: number; requests: number; conditionalMs: number } | null = null;
  if (rows <= 100_000) {
    const from = wb.syncs.length;
    t0 = process.hrtime.bigint();
    const again = await writeTriageSheets(context, data, { colouring: "fills" });
    const ms = since(t0);
    const requests = wb.syncs.slice(from).reduce((n, s) => n + s.operations, 0);
    t0 = process.hrtime.bigint();
    await writeTriageSheets(context, data);
    fills = { ms, syncs: again.syncs, requests, conditionalMs: since(t0) };
  }
  return {
    rows,
    columns: location.columnCount,
    readMs,
    read: read.report,
    readFake,
    triageMs,
    writeMs,
    write: { syncs: write.syncs, chunks: write.chunks, maxRequestBytes: write.maxRequestBytes, totalBytes: write.totalBytes },
    writeFake,
    writeRequests: wb.syncs.slice(before, before + write.syncs).reduce((n, s) => n + s.operations, 0),
    fills,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/** The open-item export of `items` rows (bench/ledger-export.ts), made once per size and kind in a temporary folder. */
function ledgerExport(items: number, ext: "csv" | "xlsx"): string {
  const folder = join(tmpdir(), "ar-bench-ledger");
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `open-items-v1-${items}.${ext}`);
  if (!existsSync(path)) {
    execFileSync(process.execPath, [...process.execArgv, __filename, "--make-ledger", path, String(items)], { stdio: "inherit" });
  }
  return path;
}

/** The customer table of `rows` debtors (portfolio) as a CSV file, made once, for the command-line runs. */
function customerFile(rows: number): string {
  const folder = join(tmpdir(), "ar-bench-ledger");
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `customers-v1-${rows}.csv`);
  if (!existsSync(path)) {
    const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    const lines = [HEADERS.join(","), ...portfolio(rows).map((row) => row.map(quote).join(","))];
    const fd = openSync(path, "w");
    for (let i = 0; i < lines.length; i += 50_000) writeSync(fd, lines.slice(i, i + 50_000).join("\r\n") + "\r\n");
    closeSync(fd);
  }
  return path;
}

/** Bytes of a file, 0 when absent. */
const fileBytes = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/**
 * One command-line run on an open-item export, as `npm run triage -- <input> --out <output>` runs it:
 * read, shape, roll up, triage, write the customer and item tables. In its own process: peak memory is the run's.
 */
async function runLedger(input: string, out: string) {
  // Files of an earlier run must not count as this run's output.
  for (const old of [out, itemsCsvPath(out), out.replace(/\.(csv|xlsx)$/, ".legend.$1")]) rmSync(old, { force: true });
  const options = parseArguments([input, "--out", out, "--as-of", "2025-07-31"]);
  const t0 = process.hrtime.bigint();
  const phases: Record<string, number> = {};
  const heap: Record<string, string> = {};
  let last = t0;
  options.onPhase = (phase) => {
    const now = process.hrtime.bigint();
    phases[phase] = Number(now - last) / 1e6;
    if (process.env.AR_BENCH_GC) (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    heap[phase] = `heap ${Math.round(m.heapUsed / 1e6)} MB, rss ${Math.round(m.rss / 1e6)} MB`;
    last = now;
  };
  const cpu0 = process.cpuUsage();
  const lines = await runTriage(options);
  const ms = since(t0);
  const cpu = process.cpuUsage(cpu0);
  const itemsOut = out.endsWith(".csv") ? itemsCsvPath(out) : null;
  const legendOut = out.endsWith(".csv") ? out.replace(/\.csv$/, ".legend.csv") : null;
  return {
    ms,
    phases,
    heap,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    inputBytes: fileBytes(input),
    outBytes: fileBytes(out),
    itemBytes: itemsOut === null ? 0 : fileBytes(itemsOut),
    legendBytes: legendOut === null ? 0 : fileBytes(legendOut),
    lines: lines.filter((l) => /^(item list|reconciliation|wrote|the export's own total)/.test(l)),
  };
}

/** The command line on 1,000,000 open items: CSV in, CSV out and XLSX out; XLSX in, XLSX out. */
function ledgerSection(items: number) {
  const f = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log("");
  console.log(
    `Command line (runTriage) on an open-item export (bench/ledger-export.ts: ${f(items)} items of ~100,000 customers, title block, "Total for" rows, grand total), and on a customer table of ${f(items)} rows (as above), one process per run`,
  );
  console.log(
    "| input | output | seconds (read + triage + write) | CPU s | rows/s | peak RSS MB | input bytes/row | output bytes/row (customers + items + legend) | target |",
  );
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---|");
  const out = join(tmpdir(), "ar-bench-ledger");
  const runs: ["csv" | "xlsx" | "customers", "csv" | "xlsx", number][] = [
    ["csv", "csv", 15],
    ["csv", "xlsx", 60],
    ["xlsx", "xlsx", 60],
    ["customers", "csv", Infinity],
    ["customers", "xlsx", Infinity],
  ];
  for (const [inKind, outKind, limit] of runs) {
    const input = inKind === "customers" ? customerFile(items) : ledgerExport(items, inKind);
    const r = JSON.parse(
      execFileSync(process.execPath, [...process.execArgv, __filename, "--ledger", input, join(out, `result.${outKind}`)], {
        encoding: "utf8",
        maxBuffer: 1 << 24,
      }),
    );
    const bytes = r.outBytes + r.itemBytes + r.legendBytes;
    const met = r.ms / 1000 < limit && r.peakRssMB < 1536;
    const target = limit === Infinity ? "no target (customer table)" : `under ${limit} s, 1.5 GB: ${met ? "met" : "NOT met"}`;
    console.log(
      `| ${inKind} ${f(r.inputBytes / 1e6, 1)} MB | ${outKind} ${f(bytes / 1e6, 1)} MB | ${f(r.ms / 1000, 1)} (${f(r.phases.read / 1000, 1)} + ${f(r.phases.triage / 1000, 1)} + ${f(r.phases.write / 1000, 1)}) | ${f(r.cpuMs / 1000, 1)} | ${f(items / (r.ms / 1000))} | ${f(r.peakRssMB)} | ${f(r.inputBytes / items)} | ${f(bytes / items)} (${f(r.outBytes / 1e6, 1)} + ${f(r.itemBytes / 1e6, 1)} + ${f(r.legendBytes / 1e6, 2)} MB) | ${target} |`,
    );
    for (const line of r.lines) console.log(`  ${line}`);
  }
}

function main() {
  const make = args.indexOf("--make-ledger");
  if (make >= 0) {
    writeLedgerExport(args[make + 1], Number(args[make + 2])).then(
      (r) => console.error(`made ${args[make + 1]}: ${JSON.stringify(r)}`),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
    return;
  }
  const ledger = args.indexOf("--ledger");
  if (ledger >= 0) {
    runLedger(args[ledger + 1], args[ledger + 2]).then(
      (r) => process.stdout.write(JSON.stringify(r)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
    return;
  }
  const itemsOnly = args.indexOf("--items");
  if (itemsOnly >= 0) {
    ledgerSection(Number(args[itemsOnly + 1]));
    return;
  }
  const only = args.indexOf("--size");
  if (only >= 0) {
    process.stdout.write(JSON.stringify(runSize(Number(args[only + 1]))));
    return;
  }
  const io = args.indexOf("--io");
  if (io >= 0) {
    runIo(Number(args[io + 1])).then(
      (r) => process.stdout.write(JSON.stringify(r)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
    return;
  }
  console.log(`Triage benchmark (rules core), best of ${RUNS} runs, one process per size, Node ${process.version}`);
  console.log("| rows | triage rows/s | triage best ms | median ms | output cells + summary ms | peak RSS MB |");
  console.log("|---:|---:|---:|---:|---:|---:|");
  for (const size of [100_000, 1_000_000]) {
    const r = JSON.parse(
      execFileSync(process.execPath, [...process.execArgv, __filename, "--size", String(size), "--runs", String(RUNS)], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      }),
    );
    const f = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
    console.log(
      `| ${f(r.rows)} | ${f(r.rows / (r.bestMs / 1000))} | ${f(r.bestMs, 1)} | ${f(r.medianMs, 1)} | ${f(r.cellsMs, 1)} | ${f(r.peakRssMB)} |`,
    );
    if (size === 1_000_000)
      console.log(
        `1,000,000 rows triaged by the core in ${f(r.bestMs / 1000, 2)} s (target: under 2 s): ${r.bestMs < 2000 ? "met" : "NOT met"}`,
      );
  }

  console.log("");
  console.log(
    "Excel I/O layer of the task pane on the fake Excel (default chunks: 10,000 rows, 4,000,000 bytes per request; Excel on the web refuses over 5 MB), one process per size",
  );
  console.log(
    "| rows | read rows/s | read syncs | read chunks | largest response (layer / fake) | read MB | triage + cells ms | write rows/s | write syncs | write chunks | write requests | largest request (layer / fake) | write MB | time inside the fake | peak RSS MB |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  const f = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  const mb = (n: number) => f(n / 1e6, 1);
  for (const size of [100_000, 1_000_000]) {
    // A million rows are held four times (the sheet, the rows read, the records' cells, the result sheet).
    const flags = [...process.execArgv, "--max-old-space-size=12288"];
    const r = JSON.parse(
      execFileSync(process.execPath, [...flags, __filename, "--io", String(size)], { encoding: "utf8", maxBuffer: 1 << 20 }),
    );
    const inside = (r.readFake.ms + r.writeFake.ms) / (r.readMs + r.writeMs);
    console.log(
      `| ${f(r.rows)} | ${f(r.rows / (r.readMs / 1000))} | ${r.read.syncs} | ${r.read.chunks} | ${f(r.read.maxRequestBytes)} / ${f(r.readFake.maxBytes)} | ${mb(r.readFake.bytes)} | ${f(r.triageMs)} | ${f(r.rows / (r.writeMs / 1000))} | ${r.write.syncs} | ${r.write.chunks} | ${f(r.writeRequests)} | ${f(r.write.maxRequestBytes)} / ${f(r.writeFake.maxBytes)} | ${mb(r.writeFake.bytes)} | ${f(100 * inside)}% | ${f(r.peakRssMB)} |`,
    );
    if (r.fills) {
      console.log(
        `  ${f(r.rows)} rows coloured by fills per run of rows instead of 3 conditional formats: ${f(r.fills.requests)} requests in ${r.fills.syncs} syncs, write ${f(r.fills.ms)} ms warm (conditional formats: ${f(r.writeRequests)} requests, ${f(r.fills.conditionalMs)} ms warm)`,
      );
    }
  }
  ledgerSection(1_000_000);
}

main();
