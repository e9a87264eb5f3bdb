// `npm run bench:csv`: the command line on a large CSV export, end to end: read (decode, quote check,
// parse), triage, and write the result CSV piece by piece, as `npm run triage -- file.csv --out x.csv` does.
//
// Writes a CSV of --rows data rows (default 1,000,000; CRLF header over LF rows, quoted names with commas
// and doubled quotes, a blank row every 100,000, a line with an extra field every 50,000) into bench/data/
// (gitignored; reused when there, --fresh writes it again), then runs each phase in a child process of its
// own so that the peak RSS is that run's. Prints rows per second, the time of each phase, the peak RSS,
// the output size, and the row accounting, which must add up to the rows written.
//
// Usage: npm run bench:csv -- [--rows 1000000] [--fresh]
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { readTable } from "../src/cli/table-io.js";
import { parseArguments, runTriage } from "../src/cli/triage.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function generate(path: string, rows: number): Promise<void> {
  const temp = `${path}.part`;
  const out = createWriteStream(temp);
  const write = (text: string) => new Promise<void>((done) => (out.write(text) ? done() : out.once("drain", done)));
  await write("customer,balance,due date,overdue events (12 months),largest overdue amount,cash flow\r\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    if (i % 100_000 === 50_000) chunk += ",,,,,\n";
    else if (i % 50_000 === 7) chunk += `Shifted ${i},1,500,2025-01-01,0,0,good\n`;
    else {
      const name = i % 10 === 0 ? `"Customer ${i}, ""Ltd"""` : `Customer ${i}`;
      chunk += `${name},${1000 + (i % 97_711) / 100},2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},${i % 4},${(i % 4) * 250},${["good", "fair", "poor"][i % 3]}\n`;
    }
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((done) => out.end(done));
  renameSync(temp, path);
}

/** The child: one phase, its time and peak RSS as one JSON line. */
async function child(phase: string, file: string): Promise<void> {
  const started = performance.now();
  let rows = 0;
  let accounting = "";
  if (phase === "read") {
    rows = (await readTable(file)).rows.length;
  } else {
    const out = `${file}.result.csv`;
    const lines = await runTriage(parseArguments([file, "--as-of", "2025-07-31", "--out", out]));
    accounting = lines[0];
    rows = Number(/: (\d+) rows/.exec(lines[0])?.[1] ?? 0);
    accounting += ` | output ${mb(statSync(out).size)}`;
    rmSync(out);
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ phase, rows, ms, rss: process.resourceUsage().maxRSS * 1024, accounting }));
}

async function main(): Promise<void> {
  if (args[0] === "--child") return child(args[1], args[2]);
  const rows = Number(arg("rows", "1000000"));
  const dir = resolve(__dirname, "../bench/data");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `csv-${rows}.csv`);
  if (!existsSync(file) || args.includes("--fresh")) await generate(file, rows);
  const expected = rows;
  console.log(`CSV export: ${file}, ${expected.toLocaleString("en-US")} data lines, ${mb(statSync(file).size)}; Node ${process.version}`);
  console.log("| phase | rows | seconds | rows/s | peak RSS |");
  console.log("|---|---:|---:|---:|---:|");
  for (const phase of ["read", "triage and write"]) {
    const run = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child", phase === "read" ? "read" : "all", file], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    if (run.status !== 0) throw new Error(`${phase} failed: ${run.stderr}`);
    const result = JSON.parse(run.stdout.trim().split("\n").pop()!) as { rows: number; ms: number; rss: number; accounting: string };
    if (result.rows !== expected) throw new Error(`${phase}: ${result.rows} rows, expected ${expected}`);
    console.log(
      `| ${phase} | ${result.rows.toLocaleString("en-US")} | ${(result.ms / 1000).toFixed(1)} | ${Math.round((result.rows / result.ms) * 1000).toLocaleString("en-US")} | ${mb(result.rss)} |`,
    );
    if (result.accounting) console.log(`  ${result.accounting}`);
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
