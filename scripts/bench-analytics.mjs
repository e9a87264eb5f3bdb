// `npm run bench:analytics`: the bad-debt-rate trend pipeline (load the invoices, group by month and
// region, rates, rolling 12 months) in Arquero and in pandas on the same generated files, in the same run.
//
// For each size (1,000,000 and 10,000,000 invoices by default) the seeded generator writes invoices.csv
// and invoices.arrows into bench/data/ledger-<n>-seed<s>/ (gitignored; reused when already there), then
// three processes run, one after the other, each measured on its own (peak RSS of the process):
//   arquero  arrow  bench/analytics.bench.ts on invoices.arrows (Arrow IPC: Arquero's native fast format)
//   arquero  csv    the same on invoices.csv (Arquero's streaming CSV reader)
//   pandas   csv    bench/trend_pandas.py on invoices.csv (/usr/bin/python3, pandas' C parser; no pyarrow
//                   here, so pandas cannot read Arrow)
// Load and compute are timed apart (compute: a first run, reported apart because JavaScript compiles its
// hot loops during it, then the median of --runs runs), and the results are checked equal.
//
// Usage: node scripts/bench-analytics.mjs [--sizes 1000000,10000000] [--runs 3] [--seed 1] [--no-arquero-csv]
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = arg("sizes", "1000000,10000000")
  .split(",")
  .map((s) => Number(s.replace(/_/g, "")));
const runs = arg("runs", "3");
const seed = arg("seed", "1");
const arqueroCsv = !args.includes("--no-arquero-csv");
const python = process.env.AR_PYTHON || "/usr/bin/python3";
const root = resolve(".");
const dataRoot = join(root, "bench", "data");
const outDir = resolve("node_modules/.cache/ar-bench");
mkdirSync(outDir, { recursive: true });

// bundle as the add-in ships: one scope (see scripts/bench.mjs)
const bundle = async (entry, name) => {
  const outfile = join(outDir, name);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile,
    logLevel: "warning",
    packages: "bundle",
  });
  return outfile;
};
const benchFile = await bundle("bench/analytics.bench.ts", "analytics.bench.cjs");
const generateFile = await bundle("src/cli/generate.ts", "generate.cjs");

const heap = ["--max-old-space-size=16384"];

function ensureData(n) {
  const dir = join(dataRoot, `ledger-${n}-seed${seed}`);
  const meta = join(dir, "ledger.json");
  const ok =
    existsSync(meta) &&
    existsSync(join(dir, "invoices.csv")) &&
    existsSync(join(dir, "invoices.arrows")) &&
    (() => {
      const m = JSON.parse(readFileSync(meta, "utf8"));
      return m.options.invoices === n && m.options.seed === Number(seed) && m.formats.includes("csv") && m.formats.includes("arrow");
    })();
  if (ok) {
    console.log(`[data] ${n.toLocaleString("en-US")} invoices: cached in ${dir}`);
    return dir;
  }
  console.log(`[data] generating ${n.toLocaleString("en-US")} invoices into ${dir} ...`);
  const r = spawnSync(
    process.execPath,
    [...heap, generateFile, "--invoices", String(n), "--seed", seed, "--out", dir, "--tables", "invoices", "--format", "csv,arrow"],
    { stdio: "inherit" },
  );
  if (r.status !== 0) throw new Error(`generation failed (${r.status})`);
  return dir;
}

function runJson(command, argv) {
  const r = spawnSync(command, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${argv.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop();
  return JSON.parse(line);
}

function sameResult(a, b) {
  const close = (x, y) =>
    (x === null && y === null) ||
    (Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)));
  const problems = [];
  for (const k of ["rows", "periods"]) if (a[k] !== b[k]) problems.push(`${k} ${a[k]} vs ${b[k]}`);
  for (const k of ["sales", "written_off"]) if (!close(a[k], b[k])) problems.push(`${k} ${a[k]} vs ${b[k]}`);
  for (const k of ["last_rolling_rate", "last_rolling_mean_rate"]) {
    for (const region of new Set([...Object.keys(a[k]), ...Object.keys(b[k])])) {
      if (!close(a[k][region] ?? NaN, b[k][region] ?? NaN)) problems.push(`${k}.${region} ${a[k][region]} vs ${b[k][region]}`);
    }
  }
  return problems;
}

const rows = [];
for (const n of sizes) {
  const dir = ensureData(n);
  const runsFor = [];
  console.log(`[run] ${n.toLocaleString("en-US")}: arquero on Arrow ...`);
  runsFor.push(runJson(process.execPath, [...heap, benchFile, "--file", join(dir, "invoices.arrows"), "--runs", runs]));
  if (arqueroCsv) {
    console.log(`[run] ${n.toLocaleString("en-US")}: arquero on CSV ...`);
    runsFor.push(runJson(process.execPath, [...heap, benchFile, "--file", join(dir, "invoices.csv"), "--runs", runs]));
  }
  console.log(`[run] ${n.toLocaleString("en-US")}: pandas on CSV ...`);
  const pandas = runJson(python, [join(root, "bench", "trend_pandas.py"), "--file", join(dir, "invoices.csv"), "--runs", runs]);
  runsFor.push(pandas);
  for (const r of runsFor) {
    const problems = r === pandas ? [] : sameResult(r.result, pandas.result);
    if (problems.length) throw new Error(`results differ (${r.engine} ${r.format} vs pandas):\n  ${problems.join("\n  ")}`);
    rows.push({ n, ...r });
  }
}

const fmt = (x, d = 2) => x.toFixed(d);
console.log("\nbad-debt-rate trend pipeline: load, group by issue/write-off month x region, rates, rolling 12 months");
console.log(`(results equal across engines; compute: the first run, then the median of ${runs} runs after it; total = load + median)\n`);
console.log("invoices     engine          input   load s  compute 1st s  compute s  total s  peak RSS MB");
for (const r of rows) {
  console.log(
    `${r.n.toLocaleString("en-US").padStart(10)}   ${r.engine.padEnd(14)}  ${r.format.padEnd(6)} ${fmt(r.load_s).padStart(7)}  ${fmt(r.compute_cold_s, 3).padStart(13)}  ${fmt(r.compute_s, 3).padStart(9)}  ${fmt(r.load_s + r.compute_s).padStart(7)}  ${fmt(r.peak_rss_mb, 0).padStart(11)}`,
  );
}
console.log("");
for (const n of sizes) {
  const mine = rows.filter((r) => r.n === n);
  const pandas = mine.find((r) => r.engine.startsWith("pandas"));
  const arrow = mine.find((r) => r.engine.startsWith("arquero") && r.format === "arrow");
  const csv = mine.find((r) => r.engine.startsWith("arquero") && r.format === "csv");
  const ratio = (a, b) => `${fmt(a / b)}x`;
  console.log(
    `${n.toLocaleString("en-US")} invoices: compute arquero/pandas ${ratio(arrow.compute_s, pandas.compute_s)}; load+compute arquero(Arrow)/pandas(CSV) ${ratio(arrow.load_s + arrow.compute_s, pandas.load_s + pandas.compute_s)}` +
      (csv
        ? `; CSV load arquero/pandas ${ratio(csv.load_s, pandas.load_s)}; load+compute arquero(CSV)/pandas(CSV) ${ratio(csv.load_s + csv.compute_s, pandas.load_s + pandas.compute_s)}`
        : ""),
  );
}
const slower = sizes.filter((n) => {
  const mine = rows.filter((r) => r.n === n);
  return mine.find((r) => r.format === "arrow").compute_s > mine.find((r) => r.engine.startsWith("pandas")).compute_s;
});
console.log(
  slower.length
    ? `\ntarget missed: Arquero's compute is slower than pandas' at ${slower.join(", ")} invoices`
    : "\ntarget met: Arquero's compute is no slower than pandas' at every size",
);
