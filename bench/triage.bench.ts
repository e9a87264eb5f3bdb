/**
 * `npm run bench:triage`: the portfolio triage of the rules core on 100,000 and 1,000,000 generated debtor
 * rows (cells as a sheet or a CSV gives them), each size in its own process: rows per second, best of
 * several runs after a warm-up, and peak memory. The Excel I/O layer of the task pane (chunks, syncs,
 * bytes per request) is measured once it exists (issue 4).
 */
import { execFileSync } from "node:child_process";
import { recogniseColumns, recordCells, serialFromCivil, summarise, triagePortfolio } from "../src/core/index.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = arg("runs", 3);

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const HEADERS = ["Customer", "Balance", "Due date", "Overdue events (12 months)", "Largest overdue amount", "Cash flow", "Business operating", "Income stable", "Turnover decline", "Proposed plan", "Excuses", "Broken promises", "Insolvent", "Free cash flow", "Last balance confirmation", "Signed contract", "Reconciliation", "Last demand"];

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
    const iso = (serialDay: number) => `${y}-${String(1 + (serialDay % 12)).padStart(2, "0")}-${String(1 + (serialDay % 28)).padStart(2, "0")}`;
    out[i] = [
      rnd() < 0.001 ? "Customer 1" : `Customer ${i}`,
      rnd() < 0.001 ? "n/a" : (Math.round(rnd() * 2_000_000_00) / 100).toFixed(2),
      rnd() < 0.001 ? "" : iso(due),
      String(n),
      n === 0 ? "0" : String(Math.round(rnd() * 100_000)),
      pick(["good", "fair", "poor", "好", "一般", "差"]),
      pick(yn), pick(yn), pick(["none", "short-term", "persistent", ""]), pick(yn), pick(yn), String(Math.floor(rnd() * 3)), rnd() < 0.03 ? "yes" : "no",
      rnd() < 0.5 ? String(Math.round(rnd() * 300_000)) : "",
      iso(due + 30), pick(yn), pick(yn), iso(due + 60),
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
  return { rows, bestMs: times[0], medianMs: times[Math.floor(times.length / 2)], cellsMs, peakRssMB: process.resourceUsage().maxRSS / 1024 };
}

function main() {
  const only = args.indexOf("--size");
  if (only >= 0) {
    process.stdout.write(JSON.stringify(runSize(Number(args[only + 1]))));
    return;
  }
  console.log(`Triage benchmark (rules core), best of ${RUNS} runs, one process per size, Node ${process.version}`);
  console.log("| rows | triage rows/s | triage best ms | median ms | output cells + summary ms | peak RSS MB |");
  console.log("|---:|---:|---:|---:|---:|---:|");
  for (const size of [100_000, 1_000_000]) {
    const r = JSON.parse(execFileSync(process.execPath, [...process.execArgv, __filename, "--size", String(size), "--runs", String(RUNS)], { encoding: "utf8", maxBuffer: 1 << 20 }));
    const f = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
    console.log(`| ${f(r.rows)} | ${f(r.rows / (r.bestMs / 1000))} | ${f(r.bestMs, 1)} | ${f(r.medianMs, 1)} | ${f(r.cellsMs, 1)} | ${f(r.peakRssMB)} |`);
    if (size === 1_000_000) console.log(`1,000,000 rows triaged by the core in ${f(r.bestMs / 1000, 2)} s (target: under 2 s): ${r.bestMs < 2000 ? "met" : "NOT met"}`);
  }
}

main();
