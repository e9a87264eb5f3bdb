/**
 * `npm run bench`: the AR functions on 1,000,000-row ranges, through the Excel-facing function (a 2-D
 * array in, a 2-D array out, as Excel passes and takes them) and through the rules core alone.
 * "dist/functions.js" cases run the built add-in in a VM context, as Excel loads it; "function" cases the
 * same source bundled by esbuild; "core" cases the rules alone. Each case runs in its own process so that its peak memory is its own. Prints rows per second (best of
 * several runs after a warm-up) and peak memory. Run with: npm run bench [-- --rows 1000000 --runs 5]
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installExcelGlobals, makeExcelGlobals } from "../test/support/excel-globals.js";
import { bucketIndex, creditTerm, DEFAULT_POLICY, daysPastDue, gradeOfRule, gradeRule, settlementOffer, type CashFlow } from "../src/core/index.js";

type Grid = (number | string)[][];
interface CaseResult { name: string; rows: number; bestMs: number; medianMs: number; rowsPerSecond: number; peakRssMB: number; heapMB: number }

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROWS = arg("rows", 1_000_000);
const RUNS = arg("runs", 5);

/** Deterministic pseudo-random inputs (no Math.random: the same data on every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The input columns, each made on first use: a case holds only the ranges its call would get from Excel. */
function inputs(rows: number) {
  const cash: CashFlow[] = ["good", "fair", "poor"];
  const column = (seed: number, cell: (rnd: () => number, i: number) => number | string): Grid => {
    const rnd = lcg(seed);
    const out: Grid = new Array(rows);
    for (let i = 0; i < rows; i++) out[i] = [cell(rnd, i)];
    return out;
  };
  const made = new Map<string, Grid>();
  const lazy = (name: string, make: () => Grid) => () => {
    let grid = made.get(name);
    if (!grid) made.set(name, (grid = make()));
    return grid;
  };
  const count = lazy("count", () => column(2, (rnd) => (rnd() < 0.6 ? 0 : Math.floor(rnd() * 4))));
  return {
    get due() { return lazy("due", () => column(1, (rnd) => 45658 + Math.floor(rnd() * 365)))(); },
    asOf: [[45658 + 400]] as Grid,
    get count() { return count(); },
    // the largest overdue amount is 0 exactly where the count is 0, as the rule requires
    get amount() { return lazy("amount", () => { const c = count(); return column(3, (rnd, i) => (c[i][0] === 0 ? 0 : Math.round(rnd() * 200_000_00) / 100)); })(); },
    get cashFlow() { return lazy("cashFlow", () => column(4, (rnd) => cash[Math.floor(rnd() * 3)]))(); },
    get balance() { return lazy("balance", () => column(5, (rnd) => Math.round(rnd() * 5_000_000_00) / 100))(); },
    get days() { return lazy("days", () => column(6, (rnd) => Math.floor(rnd() * 40)))(); },
  };
}

type Inputs = ReturnType<typeof inputs>;

async function cases(): Promise<Record<string, (x: Inputs) => unknown>> {
  installExcelGlobals();
  const f = await import("../src/functions/functions.js");
  const asOf = 45658 + 400;
  const edges = DEFAULT_POLICY.agingEdges;
  const labels = ["current", "1-30", "31-60", "61-90", "90+"];
  // The built add-in as Excel runs it: dist/functions.js with Excel's two globals, CustomFunctions and
  // Office. (The bundle test evaluates it in a node:vm context to prove it needs nothing else; here it is
  // evaluated with new Function, because node:vm slows every global lookup such as Math or Array through
  // its interceptors, a cost no Excel runtime has.)
  const excel = makeExcelGlobals();
  new Function("CustomFunctions", "Office", readFileSync(join(process.cwd(), "dist/functions.js"), "utf8"))(excel.CustomFunctions, excel.Office);
  const built = (id: string) => excel.associations.get(id) as (...a: unknown[]) => unknown[][];
  return {
    "AR.AGING (dist/functions.js)": (x) => built("AGING")(x.due, x.asOf),
    "AR.AGING (function)": (x) => f.aging(x.due, x.asOf),
    "AR.AGING days (function)": (x) => f.aging(x.due, x.asOf, [["days"]]),
    "aging (core)": (x) => {
      const out = new Array<string>(x.due.length);
      for (let i = 0; i < x.due.length; i++) out[i] = labels[bucketIndex(daysPastDue(x.due[i][0] as number, asOf), edges)];
      return out;
    },
    "AR.GRADE (dist/functions.js)": (x) => built("GRADE")(x.count, x.amount, x.cashFlow),
    "AR.GRADE (function)": (x) => f.grade(x.count, x.amount, x.cashFlow),
    "grade (core)": (x) => {
      const out = new Array<number>(x.count.length);
      for (let i = 0; i < x.count.length; i++) {
        out[i] = creditTerm(gradeOfRule(gradeRule(x.count[i][0] as number, x.amount[i][0] as number, x.cashFlow[i][0] as CashFlow, 50_000)));
      }
      return out;
    },
    "AR.SETTLE (dist/functions.js)": (x) => built("SETTLE")(x.balance, x.days),
    "AR.SETTLE (function)": (x) => f.settle(x.balance, x.days),
    "settle (core)": (x) => {
      const out = new Array<number>(x.balance.length);
      for (let i = 0; i < x.balance.length; i++) out[i] = settlementOffer(x.balance[i][0] as number, x.days[i][0] as number);
      return out;
    },
  };
}

async function runCase(name: string): Promise<CaseResult> {
  const all = await cases();
  const fn = all[name];
  if (!fn) throw new Error(`unknown case ${name}`);
  const data = inputs(ROWS);
  fn(inputs(10_000)); // warm-up: let the JIT compile the hot path
  fn(data); // and make the (lazy) input columns this case uses, outside the timed runs
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: number[] = [];
  let heap = 0;
  for (let r = 0; r < RUNS; r++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    const out = fn(data);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
    if (!Array.isArray(out) || out.length !== ROWS) throw new Error(`${name}: expected ${ROWS} rows, got ${Array.isArray(out) ? out.length : typeof out}`);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    rows: ROWS,
    bestMs: times[0],
    medianMs: times[Math.floor(times.length / 2)],
    rowsPerSecond: ROWS / (times[0] / 1000),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: heap / 2 ** 20,
  };
}

async function main() {
  const only = args.indexOf("--case");
  if (only >= 0) {
    process.stdout.write(JSON.stringify(await runCase(args[only + 1])));
    return;
  }
  const names = Object.keys(await cases());
  console.log(`AR functions benchmark: ${ROWS.toLocaleString("en-US")} rows, best of ${RUNS} runs, one process per case, Node ${process.version}`);
  const results: CaseResult[] = [];
  for (const name of names) {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, "--case", name, "--rows", String(ROWS), "--runs", String(RUNS)], { encoding: "utf8", maxBuffer: 1 << 20 });
    results.push(JSON.parse(out) as CaseResult);
  }
  const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log("| case | rows/s | best ms | median ms | peak RSS MB | heap growth per call MB |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of results) {
    console.log(`| ${r.name} | ${fmt(r.rowsPerSecond)} | ${fmt(r.bestMs, 1)} | ${fmt(r.medianMs, 1)} | ${fmt(r.peakRssMB)} | ${fmt(r.heapMB, 1)} |`);
  }
  const aging = results.find((r) => r.name === "AR.AGING (dist/functions.js)")!;
  const target = 5_000_000;
  console.log(`AR.AGING through the built function: ${fmt(aging.rowsPerSecond)} rows/s (target ${fmt(target)}): ${aging.rowsPerSecond >= target ? "met" : "NOT met"}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
