/**
 * The Arquero side of `npm run bench:analytics` (scripts/bench-analytics.mjs runs it in its own process
 * for each file): load the generated invoices (Arrow IPC stream or CSV), then run the bad-debt-rate
 * trend pipeline of src/analytics/trends.ts, `writeOffRates(invoices, { segment: "region" })`: credit
 * sales by issue month x region, write-offs by write-off month x region, the complete grid, rates, and
 * the rolling 12-month ratio and mean. The same computation as bench/trend_pandas.py.
 *
 * Prints one JSON line: load and compute seconds (compute: the first, cold run, and the median of --runs
 * runs after it), peak RSS, and a result
 * summary the orchestrator compares with pandas'.
 * Usage (bundled by the orchestrator): node analytics.bench.cjs --file invoices.arrows [--runs 3]
 */
import { readLedgerTable } from "../src/analytics/io.js";
import { writeOffRates } from "../src/analytics/trends.js";
import type { ColumnTable } from "arquero";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const file = arg("file", "");
const runs = Number(arg("runs", "3"));
if (!file) throw new Error("usage: analytics.bench --file <invoices.arrows|invoices.csv> [--runs N]");

function summary(table: ColumnTable) {
  const rows = table.objects() as Record<string, number | string>[];
  const last = Math.max(...rows.map((r) => r.period as number));
  const lastRows = rows.filter((r) => r.period === last).sort((a, b) => String(a.region).localeCompare(String(b.region)));
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return {
    rows: rows.length,
    periods: new Set(rows.map((r) => r.period)).size,
    sales: rows.reduce((s, r) => s + (r.sales as number), 0),
    written_off: rows.reduce((s, r) => s + (r.written_off as number), 0),
    last_rolling_rate: Object.fromEntries(lastRows.map((r) => [r.region, num(r.rolling_rate)])),
    last_rolling_mean_rate: Object.fromEntries(lastRows.map((r) => [r.region, num(r.rolling_mean_rate)])),
  };
}

async function main() {
  let t0 = performance.now();
  const invoices = await readLedgerTable(file);
  const loadS = (performance.now() - t0) / 1000;
  // a first (cold) run, reported apart: the JIT compiles the hot loops during it
  t0 = performance.now();
  let result: ColumnTable = writeOffRates(invoices, { segment: "region" });
  const coldS = (performance.now() - t0) / 1000;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    result = writeOffRates(invoices, { segment: "region" });
    times.push((performance.now() - t0) / 1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      engine: "arquero 8.0.3",
      format: /\.csv$/.test(file) ? "csv" : "arrow",
      invoices: invoices.numRows(),
      load_s: loadS,
      compute_s: sorted[Math.floor(sorted.length / 2)],
      compute_cold_s: coldS,
      compute_runs_s: times,
      peak_rss_mb: process.resourceUsage().maxRSS / 1024,
      result: summary(result),
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
