/**
 * Command line: generate a seeded demo ledger to CSV and/or Arrow files (src/analytics/generator/).
 *
 *   npm run generate -- --invoices 1000000 --seed 1 --out data/demo [--format csv,arrow]
 *
 * `npm run generate -- --help` lists every knob with its meaning, unit and default. The descriptions
 * live in one place, {@link GENERATOR_KNOBS} (generator/options.ts) plus the two output flags here
 * ({@link OUTPUT_KNOBS}); the table in notebooks/README.md is {@link knobsMarkdown} and a test keeps it so.
 *
 * Exit codes: 0 done (or --help), 2 a bad command line (the message names the flag), 1 a failure while
 * writing.
 */
import { isoToSerial } from "../analytics/calendar.js";
import { writeLedgerFiles, type LedgerFormat } from "../analytics/io.js";
import {
  GENERATOR_KNOBS,
  LEDGER_TABLES,
  resolveOptions,
  type GeneratorKnob,
  type GeneratorOptions,
  type LedgerTableName,
} from "../analytics/generator/index.js";

/** The flags that say where and how to write, not what to generate. */
export const OUTPUT_KNOBS: readonly GeneratorKnob[] = Object.freeze([
  { flag: "--out", value: "DIR", meaning: "folder to write the files to, created if needed [输出目录]", unit: "path", default: "required" },
  {
    flag: "--format",
    value: "LIST",
    meaning: "file formats: csv and/or arrow (Arrow IPC stream, .arrows) [文件格式]",
    unit: "comma-separated",
    default: "csv,arrow",
  },
]);

type KnobKey = keyof typeof GENERATOR_KNOBS;

/** Every flag of the command, in the order --help lists them. */
export const CLI_KNOBS: readonly GeneratorKnob[] = Object.freeze([...OUTPUT_KNOBS, ...Object.values(GENERATOR_KNOBS)]);

/** The --help text: a usage line, then one line per knob (flag and value, meaning, unit, default). */
export function helpText(): string {
  const width = Math.max(...CLI_KNOBS.map((k) => `${k.flag} ${k.value}`.length)) + 2;
  const lines = CLI_KNOBS.map(
    (k) =>
      `  ${`${k.flag} ${k.value}`.padEnd(width)}${k.meaning} (${k.unit}; ${k.default === "required" ? "required" : `default ${k.default}`})`,
  );
  return [
    "usage: npm run generate -- --out <dir> [--invoices N] [--seed N] [--format csv,arrow] [knobs...]",
    "Generates a seeded demo receivable ledger (customers, grades, invoices, payments, write-offs, recoveries,",
    "collection cases) as CSV and/or Arrow files, one per table, plus ledger.json. Flags take `--flag value` or `--flag=value`.",
    "",
    "knobs:",
    ...lines,
    "  --help, -h".padEnd(width + 2) + "print this help",
    "",
    "example: npm run generate -- --invoices 1000 --seed 1 --out /tmp/ledger --format csv,arrow",
  ].join("\n");
}

/** The knobs as the Markdown table of notebooks/README.md (flag, meaning, unit, default). */
export function knobsMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "| flag | meaning | unit | default |",
    "|---|---|---|---|",
    ...CLI_KNOBS.map((k) => `| \`${cell(`${k.flag} ${k.value}`)}\` | ${cell(k.meaning)} | ${cell(k.unit)} | ${cell(k.default)} |`),
  ].join("\n");
}

/** A bad command line: the message names the flag. Exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** What the command line asks for. */
export type Parsed =
  | { readonly help: true }
  | { readonly help: false; readonly options: GeneratorOptions; readonly out: string; readonly formats: LedgerFormat[] };

const FLAG_TO_KEY = new Map<string, KnobKey | "out" | "format">([
  ["--out", "out"],
  ["--format", "format"],
  ...(Object.entries(GENERATOR_KNOBS) as [KnobKey, GeneratorKnob][]).map(([key, k]) => [k.flag, key] as [string, KnobKey]),
]);

/**
 * Parses the command line into generator options, the output folder and the formats, and checks every
 * value (with the generator's own checks); throws a {@link UsageError} naming the flag.
 */
export function parseArgs(argv: readonly string[]): Parsed {
  const given = new Map<string, string>(); // flag -> value
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    if (!a.startsWith("--")) throw new UsageError(`unexpected argument ${JSON.stringify(a)} (flags start with --)`);
    const eq = a.indexOf("=");
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (!FLAG_TO_KEY.has(flag)) throw new UsageError(`unknown flag ${flag} (see --help)`);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      value = next;
      i++;
    }
    if (given.has(flag)) throw new UsageError(`${flag} given twice`);
    given.set(flag, value);
  }
  const flagOf = (key: KnobKey) => GENERATOR_KNOBS[key].flag;
  const bad = (flag: string, value: string, why: string): never => {
    throw new UsageError(`${flag} ${JSON.stringify(value)}: ${why}`);
  };
  const text = (key: KnobKey) => given.get(flagOf(key));
  const int = (key: KnobKey): number | undefined => {
    const v = text(key);
    if (v === undefined) return undefined;
    if (!/^-?\d+(_\d+)*$/.test(v.trim())) bad(flagOf(key), v, "not a whole number");
    return Number(v.replace(/_/g, ""));
  };
  const num = (key: KnobKey): number | undefined => {
    const v = text(key);
    if (v === undefined) return undefined;
    const x = Number(v.replace(/_/g, ""));
    if (v.trim() === "" || !Number.isFinite(x)) bad(flagOf(key), v, "not a number");
    return x;
  };
  const splitList = (v: string) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  const date = (key: KnobKey, noneAllowed: boolean): string | null | undefined => {
    const v = text(key);
    if (v === undefined) return undefined;
    if (noneAllowed && v === "none") return null;
    let ok = /^\d{4}-\d{2}-\d{2}$/.test(v);
    if (ok) {
      try {
        isoToSerial(v);
      } catch {
        ok = false;
      }
      const [y, m, d] = v.split("-").map(Number);
      ok = ok && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
    }
    if (!ok) bad(flagOf(key), v, `not a calendar date YYYY-MM-DD${noneAllowed ? " (or none)" : ""}`);
    return v;
  };
  const shares = (key: KnobKey): number[] | undefined => {
    const v = text(key);
    if (v === undefined) return undefined;
    const l = splitList(v);
    if (l.length !== 3 || l.some((x) => !Number.isFinite(Number(x)) || Number(x) < 0))
      bad(flagOf(key), v, `needs three shares >= 0 (${GENERATOR_KNOBS[key].value})`);
    if (l.every((x) => Number(x) === 0)) bad(flagOf(key), v, "the shares must not all be 0");
    return l.map(Number);
  };

  const out = given.get("--out");
  if (out === undefined || out.trim() === "") throw new UsageError("--out is required (the folder to write to)");
  const formats = splitList(given.get("--format") ?? "csv,arrow");
  if (formats.length === 0) bad("--format", given.get("--format")!, "use csv and/or arrow");
  for (const f of formats)
    if (f !== "csv" && f !== "arrow") bad("--format", given.get("--format")!, `unknown format ${f}: use csv and/or arrow`);
  const language = text("language");
  if (language !== undefined && language !== "en" && language !== "zh" && language !== "mixed")
    bad("--language", language, "use en, zh or mixed");
  const tables = text("tables") === undefined ? undefined : splitList(text("tables")!);
  if (tables) {
    if (tables.length === 0) bad("--tables", text("tables")!, "name at least one table");
    for (const t of tables)
      if (!LEDGER_TABLES.includes(t as LedgerTableName))
        bad("--tables", text("tables")!, `unknown table ${t}: use ${LEDGER_TABLES.join(",")}`);
  }
  const regions = text("regions") === undefined ? undefined : splitList(text("regions")!);
  const ps = shares("profileShares");
  const cs = shares("cashFlowShares");
  const options: GeneratorOptions = {
    seed: num("seed"),
    invoices: int("invoices"),
    customers: int("customers"),
    months: int("months"),
    start: date("start", false) ?? undefined,
    policyDate: date("policyDate", true),
    baseBadDebtRate: num("baseBadDebtRate"),
    language: language as GeneratorOptions["language"],
    regions,
    profileShares: ps && { temporary: ps[0], willful: ps[1], unable: ps[2] },
    cashFlowShares: cs && { good: cs[0], fair: cs[1], poor: cs[2] },
    termBeforeDays: int("termBeforeDays"),
    medianAmount: num("medianAmount"),
    overdueEventDays: int("overdueEventDays"),
    writeOffAfterDays: int("writeOffAfterDays"),
    tables: tables as LedgerTableName[] | undefined,
    batchRows: int("batchRows"),
  };
  // drop undefined knobs so that the defaults apply
  for (const k of Object.keys(options) as (keyof GeneratorOptions)[])
    if (options[k] === undefined) delete (options as Record<string, unknown>)[k];
  // the generator's own checks (ranges), reported against the flag
  try {
    resolveOptions(options);
  } catch (e) {
    const message = (e as Error).message;
    const key = (Object.keys(GENERATOR_KNOBS) as KnobKey[]).find((k) => message.startsWith(k));
    if (!key) throw new UsageError(message);
    const flag = flagOf(key);
    bad(flag, given.get(flag) ?? "", message.slice(key.length).replace(/^[.\w]*\s+/, ""));
  }
  return { help: false, options, out, formats: formats as LedgerFormat[] };
}

function main(): void {
  let parsed: Parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`generate: ${e.message}\nusage: npm run generate -- --out <dir> [knobs...]; npm run generate -- --help lists them`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(helpText());
    return;
  }
  const { options, out, formats } = parsed;
  let written;
  try {
    written = writeLedgerFiles(options, out, formats);
  } catch (e) {
    console.error(`generate: ${(e as Error).message}`);
    process.exit(1);
  }
  const { summary, files, seconds } = written;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  console.log(`generated in ${seconds.toFixed(1)} s (seed ${summary.options.seed}):`);
  for (const [t, n] of Object.entries(summary.rows)) console.log(`  ${t.padEnd(10)} ${n.toLocaleString("en-US").padStart(12)} rows`);
  for (const f of files) console.log(`  ${f.path} (${(f.bytes / 1e6).toFixed(1)} MB)`);
  console.log(
    `bad-debt rate (written off by the ledger date / credit sales, by issue date): before the policy ${pct(summary.before.rate)} (ultimately ${pct(summary.before.ultimateRate)}), after ${pct(summary.after.rate)} (ultimately ${pct(summary.after.ultimateRate)})`,
  );
}

if (require.main === module) main();
