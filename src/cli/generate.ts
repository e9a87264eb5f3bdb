/**
 * Command line: generate a seeded demo ledger to CSV and/or Arrow files (src/analytics/generator.ts).
 *
 *   npm run generate -- --invoices 1000000 --seed 1 --out data/demo [--format csv,arrow]
 *
 * Other knobs: --customers N, --months N, --start 2022-01-01, --policy-date 2023-07-01 (or none),
 * --base-rate 0.05, --language en|zh|mixed, --regions East,North,..., --profile-shares 0.45,0.35,0.2
 * (temporary,willful,unable), --cash-flow-shares 0.6,0.3,0.1 (good,fair,poor), --term-before 60,
 * --median-amount 20000, --tables invoices,payments,..., --batch-rows 65536.
 */
import { writeLedgerFiles, type LedgerFormat } from "../analytics/io.js";
import { LEDGER_TABLES, type GeneratorOptions, type LedgerTableName } from "../analytics/generator.js";

const USAGE = `usage: npm run generate -- --out <dir> [--invoices N] [--seed N] [--format csv,arrow]
  [--customers N] [--months N] [--start YYYY-MM-DD] [--policy-date YYYY-MM-DD|none] [--base-rate 0.05]
  [--language en|zh|mixed] [--regions A,B,...] [--profile-shares T,W,U] [--cash-flow-shares G,F,P]
  [--term-before DAYS] [--median-amount X] [--tables ${LEDGER_TABLES.join(",")}] [--batch-rows N]`;

function fail(message: string): never {
  console.error(`generate: ${message}\n${USAGE}`);
  process.exit(2);
}

/** Parses the command line into generator options, the output folder and the formats. */
export function parseArgs(argv: readonly string[]): { options: GeneratorOptions; out: string; formats: LedgerFormat[] } {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    if (!a.startsWith("--")) fail(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) args.set(a.slice(2, eq), a.slice(eq + 1));
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) fail(`${a} needs a value`);
      args.set(a.slice(2), value);
      i++;
    }
  }
  const known = ["out", "invoices", "seed", "format", "customers", "months", "start", "policy-date", "base-rate", "language", "regions", "profile-shares", "cash-flow-shares", "term-before", "median-amount", "tables", "batch-rows"];
  for (const k of args.keys()) if (!known.includes(k)) fail(`unknown option --${k}`);
  const num = (k: string): number | undefined => {
    const v = args.get(k);
    if (v === undefined) return undefined;
    const x = Number(v.replace(/_/g, ""));
    if (!Number.isFinite(x)) fail(`--${k} ${v} is not a number`);
    return x;
  };
  const list = (k: string): string[] | undefined => args.get(k)?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const shares = (k: string): number[] | undefined => {
    const l = list(k);
    if (l === undefined) return undefined;
    if (l.length !== 3 || l.some((x) => !Number.isFinite(Number(x)))) fail(`--${k} needs three numbers`);
    return l.map(Number);
  };
  const out = args.get("out") ?? fail("--out is required");
  const formats = (list("format") ?? ["csv", "arrow"]) as LedgerFormat[];
  for (const f of formats) if (f !== "csv" && f !== "arrow") fail(`--format ${f}: use csv and/or arrow`);
  const ps = shares("profile-shares");
  const cs = shares("cash-flow-shares");
  const policyDate = args.get("policy-date");
  const options: GeneratorOptions = {
    invoices: num("invoices"),
    seed: num("seed"),
    customers: num("customers"),
    months: num("months"),
    start: args.get("start"),
    policyDate: policyDate === "none" ? null : policyDate,
    baseBadDebtRate: num("base-rate"),
    language: args.get("language") as GeneratorOptions["language"],
    regions: list("regions"),
    profileShares: ps && { temporary: ps[0], willful: ps[1], unable: ps[2] },
    cashFlowShares: cs && { good: cs[0], fair: cs[1], poor: cs[2] },
    termBeforeDays: num("term-before"),
    medianAmount: num("median-amount"),
    tables: list("tables") as LedgerTableName[] | undefined,
    batchRows: num("batch-rows"),
  };
  // drop undefined knobs so that the defaults apply
  for (const k of Object.keys(options) as (keyof GeneratorOptions)[]) if (options[k] === undefined) delete (options as Record<string, unknown>)[k];
  return { options, out, formats };
}

function main(): void {
  const { options, out, formats } = parseArgs(process.argv.slice(2));
  let written;
  try {
    written = writeLedgerFiles(options, out, formats);
  } catch (e) {
    fail((e as Error).message);
  }
  const { summary, files, seconds } = written;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  console.log(`generated in ${seconds.toFixed(1)} s (seed ${summary.options.seed}):`);
  for (const [t, n] of Object.entries(summary.rows)) console.log(`  ${t.padEnd(10)} ${n.toLocaleString("en-US").padStart(12)} rows`);
  for (const f of files) console.log(`  ${f.path} (${(f.bytes / 1e6).toFixed(1)} MB)`);
  console.log(`bad-debt rate (written off by the ledger date / credit sales, by issue date): before the policy ${pct(summary.before.rate)} (ultimately ${pct(summary.before.ultimateRate)}), after ${pct(summary.after.rate)} (ultimately ${pct(summary.after.ultimateRate)})`);
}

main();
