// npm run generate: --help documents every knob on one line (from the one KNOBS table, which is also the
// table in notebooks/README.md), a small ledger is written to CSV and Arrow, and bad flags fail with
// exit code 2 and a message naming the flag.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLedger } from "../../src/analytics/io.js";
import { GENERATOR_KNOBS, LEDGER_TABLES, ledgerSchemas, resolveOptions } from "../../src/analytics/generator/index.js";
import { CLI_KNOBS, helpText, knobsMarkdown, OUTPUT_KNOBS, parseArgs, UsageError } from "../../src/cli/generate.js";

const root = resolve(__dirname, "../..");
const tsx = join(root, "node_modules", "tsx", "dist", "cli.mjs");
const dir = mkdtempSync(join(tmpdir(), "ar-generate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generate(...args: string[]) {
  const r = spawnSync(process.execPath, [tsx, join(root, "src", "cli", "generate.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run generate -- --help", () => {
  const help = generate("--help");

  it("exits 0 and prints the help on stdout", () => {
    expect(help.status).toBe(0);
    expect(help.stderr).toBe("");
    expect(help.stdout.trim()).toBe(helpText());
    expect(generate("-h").stdout).toBe(help.stdout);
  });

  it("documents every knob on one line: flag, meaning, unit, default", () => {
    const lines = help.stdout.split("\n");
    expect(CLI_KNOBS.length).toBe(OUTPUT_KNOBS.length + Object.keys(GENERATOR_KNOBS).length);
    for (const k of CLI_KNOBS) {
      const mine = lines.filter((l) => l.trimStart().startsWith(`${k.flag} `));
      expect(mine, k.flag).toHaveLength(1);
      expect(mine[0]).toContain(k.meaning);
      expect(mine[0]).toContain(k.unit);
      expect(mine[0]).toContain(k.default);
      expect(k.meaning.length).toBeGreaterThan(10);
    }
    // Chinese terms in brackets
    expect(help.stdout).toContain("[发票数]");
    expect(help.stdout).toContain("[新方法实施日]");
  });

  it("gives defaults that are the generator's own", () => {
    const o = resolveOptions();
    expect(GENERATOR_KNOBS.invoices.default).toBe(String(o.invoices));
    expect(GENERATOR_KNOBS.seed.default).toBe(String(o.seed));
    expect(GENERATOR_KNOBS.months.default).toBe(String(o.months));
    expect(GENERATOR_KNOBS.baseBadDebtRate.default).toBe(String(o.baseBadDebtRate));
    expect(GENERATOR_KNOBS.termBeforeDays.default).toBe(String(o.termBeforeDays));
    expect(GENERATOR_KNOBS.medianAmount.default).toBe(String(o.medianAmount));
    expect(GENERATOR_KNOBS.overdueEventDays.default).toBe(String(o.overdueEventDays));
    expect(GENERATOR_KNOBS.writeOffAfterDays.default).toBe(String(o.writeOffAfterDays));
    expect(GENERATOR_KNOBS.batchRows.default).toBe(String(o.batchRows));
    expect(GENERATOR_KNOBS.language.default).toBe(o.language);
    expect(GENERATOR_KNOBS.profileShares.default).toBe(Object.values(o.profileShares).join(","));
    expect(GENERATOR_KNOBS.cashFlowShares.default).toBe(Object.values(o.cashFlowShares).join(","));
    expect(GENERATOR_KNOBS.regions.default.startsWith(o.regions.join(","))).toBe(true);
  });

  it("is the table of notebooks/README.md (section The ledger generator), which lists every table's columns", () => {
    const readme = readFileSync(join(root, "notebooks", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### The ledger generator / 台账生成器"));
    expect(section.length).toBeLessThan(readme.length);
    expect(section).toContain(`${knobsMarkdown()}\n`);
    const schemas = ledgerSchemas([]);
    for (const t of LEDGER_TABLES) {
      const row = section.split("\n").find((l) => l.startsWith(`| \`${t}\` |`));
      expect(row, `README row for ${t}`).toBeDefined();
      expect(
        row!
          .split("|")[3]
          .split(",")
          .map((c) => c.trim()),
      ).toEqual(schemas[t].columns.map((c) => c.name));
    }
    expect(section).toContain(".arrows");
  });
});

describe("npm run generate writes a ledger", () => {
  it("--invoices 1000 --seed 1 --format csv,arrow: every table in both formats, the same rows", async () => {
    const out = join(dir, "g");
    const r = generate("--invoices", "1000", "--seed", "1", "--out", out, "--format", "csv,arrow");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/invoices +1,000 rows/);
    for (const t of LEDGER_TABLES) {
      expect(existsSync(join(out, `${t}.csv`)), t).toBe(true);
      expect(existsSync(join(out, `${t}.arrows`)), t).toBe(true);
    }
    const meta = JSON.parse(readFileSync(join(out, "ledger.json"), "utf8"));
    expect(meta.rows.invoices).toBe(1000);
    expect(meta.options.seed).toBe(1);
    const arrow = await readLedger(out); // Arrow preferred
    expect(arrow.invoices!.numRows()).toBe(1000);
    for (const t of LEDGER_TABLES) expect(arrow[t]!.numRows(), t).toBe(meta.rows[t]);
    const csvLines = readFileSync(join(out, "invoices.csv"), "utf8").trimEnd().split("\n");
    expect(csvLines).toHaveLength(1001);
    expect(csvLines[0]).toBe(
      ledgerSchemas([])
        .invoices.columns.map((c) => c.name)
        .join(","),
    );
  });

  it("parses every knob, --flag value and --flag=value", () => {
    const p = parseArgs([
      "--out",
      "x",
      "--invoices=2_000",
      "--seed",
      "3",
      "--customers",
      "40",
      "--months",
      "24",
      "--start",
      "2022-03-15",
      "--policy-date",
      "none",
      "--base-rate",
      "0.04",
      "--language",
      "zh",
      "--regions",
      "甲,乙",
      "--profile-shares",
      "1,1,0",
      "--cash-flow-shares",
      "0.5,0.5,0",
      "--term-before",
      "45",
      "--median-amount",
      "1000",
      "--overdue-event-days",
      "60",
      "--write-off-after",
      "90",
      "--tables",
      "invoices,cases",
      "--batch-rows",
      "1000",
      "--format",
      "arrow",
    ]);
    expect(p).toEqual({
      help: false,
      out: "x",
      formats: ["arrow"],
      options: {
        invoices: 2000,
        seed: 3,
        customers: 40,
        months: 24,
        start: "2022-03-15",
        policyDate: null,
        baseBadDebtRate: 0.04,
        language: "zh",
        regions: ["甲", "乙"],
        profileShares: { temporary: 1, willful: 1, unable: 0 },
        cashFlowShares: { good: 0.5, fair: 0.5, poor: 0 },
        termBeforeDays: 45,
        medianAmount: 1000,
        overdueEventDays: 60,
        writeOffAfterDays: 90,
        tables: ["invoices", "cases"],
        batchRows: 1000,
      },
    });
    expect(parseArgs(["--out", "x"])).toEqual({ help: false, out: "x", formats: ["csv", "arrow"], options: {} });
  });
});

describe("npm run generate rejects a bad command line with exit code 2, naming the flag", () => {
  const cases: [string[], RegExp][] = [
    [["--invoices", "abc"], /^--invoices "abc": not a whole number/],
    [["--invoices", "1.5"], /^--invoices "1.5": not a whole number/],
    [["--invoices=-5"], /^--invoices "-5": must be a whole number >= 0/],
    [["--start", "2025-02-30"], /^--start "2025-02-30": not a calendar date YYYY-MM-DD/],
    [["--start", "2025-13-01"], /^--start "2025-13-01": not a calendar date/],
    [["--policy-date", "soon"], /^--policy-date "soon": not a calendar date YYYY-MM-DD \(or none\)/],
    [["--bogus", "1"], /^unknown flag --bogus/],
    [["--months", "0"], /^--months "0": must be a whole number >= 1/],
    [["--base-rate", "0.7"], /^--base-rate "0.7": must be in \[0, 0.5\)/],
    [["--seed", "x"], /^--seed "x": not a number/],
    [["--language", "fr"], /^--language "fr": use en, zh or mixed/],
    [["--regions", "A,A"], /^--regions "A,A": must be 1-100 distinct labels/],
    [["--profile-shares", "1,2"], /^--profile-shares "1,2": needs three shares/],
    [["--cash-flow-shares", "0,0,0"], /^--cash-flow-shares "0,0,0": the shares must not all be 0/],
    [["--format", "csv,xls"], /^--format "csv,xls": unknown format xls/],
    [["--tables", "invoices,foo"], /^--tables "invoices,foo": unknown table foo/],
    [["--invoices"], /^--invoices needs a value/],
    [["--seed", "1", "--seed", "2"], /^--seed given twice/],
    [["stray"], /^unexpected argument "stray"/],
  ];

  it.each(cases)("%j", (args, message) => {
    expect(() => parseArgs(["--out", join(dir, "never"), ...args])).toThrow(UsageError);
    expect(() => parseArgs(["--out", join(dir, "never"), ...args])).toThrow(message);
  });

  it("requires --out", () => {
    expect(() => parseArgs(["--invoices", "10"])).toThrow(/--out is required/);
  });

  it("exits 2 from the command line, message on stderr, nothing written", () => {
    const bad: [string[], string][] = [
      [["--invoices", "abc"], 'generate: --invoices "abc": not a whole number'],
      [["--start", "2025-02-30"], 'generate: --start "2025-02-30": not a calendar date'],
      [["--unknown-flag", "1"], "generate: unknown flag --unknown-flag"],
    ];
    for (const [args, message] of bad) {
      const out = join(dir, "bad");
      const r = generate("--out", out, ...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("--help");
      expect(existsSync(out)).toBe(false);
    }
  });
});
