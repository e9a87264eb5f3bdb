/**
 * Executes every notebook headless (npm run notebooks:run: tslab kernel under Debian's Jupyter) once, then
 * reads the executed notebooks in notebooks/out/: no error output anywhere, every chart output carries
 * both the SVG and the Vega-Lite spec, and the key figures the notebooks print (`[figure] name = json`)
 * match known values of the data and the rules core.
 *
 * Needs Jupyter (README, section Set up and test; docs/notebooks.md). Without it these tests fail, on purpose, with the setup line.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFigures, VEGALITE_MIME } from "../../src/charts/notebook.js";
import { creditGrade, type CashFlow } from "../../src/core/index.js";
import {
  compareBeforeAfter,
  generateTables,
  monthEndAging,
  overdueShare,
  planOutcomes,
  recoveryRates,
  type GeneratorOptions,
} from "../../src/analytics/index.js";
import { addMonths } from "../../src/core/index.js";
import { ibmSampleFile, publicDataDir } from "../../src/analytics/io.js";
import { ibmPresent, ibmSuite } from "../support/ibm-sample.js";

const root = path.resolve(__dirname, "../..");
const notebooksDir = path.join(root, "notebooks");
const outDir = path.join(notebooksDir, "out");
const SETUP =
  "Jupyter is needed for the notebook tests: apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-notebook (README, section Set up and test; docs/notebooks.md), then npm run notebooks:setup";

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
}

const joined = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
const names = fs
  .readdirSync(notebooksDir)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

let run: { status: number | null; output: string; seconds: number };
const executed = new Map<string, Notebook>();
const figures = new Map<string, Map<string, unknown>>();

function figureOf(notebook: string, name: string): unknown {
  const f = figures.get(notebook);
  if (!f) throw new Error(`${notebook} was not executed`);
  if (!f.has(name)) throw new Error(`${notebook} printed no figure "${name}" (printed: ${[...f.keys()].join(", ")})`);
  return f.get(name);
}

beforeAll(() => {
  for (const name of names) fs.rmSync(path.join(outDir, name), { force: true });
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "notebooks.mjs"), "run"], {
    cwd: root,
    encoding: "utf8",
    timeout: 170_000,
  });
  run = {
    status: r.status,
    output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`,
    seconds: (Date.now() - started) / 1000,
  };
  for (const name of names) {
    const file = path.join(outDir, name);
    if (!fs.existsSync(file)) continue;
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as Notebook;
    executed.set(name, nb);
    const text = nb.cells
      .flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => joined(o.text)))
      .join("\n");
    figures.set(name, parseFigures(text));
  }
}, 180_000);

describe("notebooks execute headless (npm run notebooks:run)", () => {
  it("has Jupyter and the tslab kernel set up", () => {
    if (/Jupyter nbconvert not found|tslab install failed|does not see the tslab kernel/.test(run.output)) {
      throw new Error(`${SETUP}\n\n${run.output}`);
    }
  });

  it("executes every notebook without an error", () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(run.status, run.output).toBe(0);
    expect([...executed.keys()]).toEqual(names);
    console.log(`notebooks executed in ${run.seconds.toFixed(1)} s`);
  });

  it.each(names)("%s: no error output, nothing on stderr", (name) => {
    const nb = executed.get(name);
    expect(nb, `${name} was not executed:\n${run.output}`).toBeDefined();
    for (const [i, cell] of nb!.cells.entries()) {
      for (const out of cell.outputs ?? []) {
        expect(out.output_type, `cell ${i + 1}: ${out.ename}: ${out.evalue}`).not.toBe("error");
        if (out.output_type === "stream") expect(out.name, `cell ${i + 1} stderr: ${joined(out.text)}`).toBe("stdout");
      }
    }
    expect((nb!.metadata.kernelspec as { name: string }).name).toBe("tslab");
  });

  it.each(names)("%s: every chart is one output with the SVG and the Vega-Lite v5 spec", (name) => {
    const nb = executed.get(name)!;
    const charts = nb.cells.flatMap((c) =>
      (c.outputs ?? []).filter((o) => o.data && (VEGALITE_MIME in o.data || "image/svg+xml" in o.data)),
    );
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const out of charts) {
      const data = out.data!;
      expect(Object.keys(data)).toEqual(expect.arrayContaining([VEGALITE_MIME, "image/svg+xml", "text/plain"]));
      const spec = data[VEGALITE_MIME] as { $schema: string; title: unknown };
      expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      const title = typeof spec.title === "string" ? spec.title : (spec.title as { text: string }).text;
      expect(title.length).toBeGreaterThan(0);
      const svg = joined(data["image/svg+xml"] as string | string[]);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).toContain(title.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
    }
  });
});

/** The SVG texts of a notebook's charts, joined (to look for labels). */
function chartText(notebook: string): string {
  return executed
    .get(notebook)!
    .cells.flatMap((c) => (c.outputs ?? []).map((o) => joined(o.data?.["image/svg+xml"] as string | string[] | undefined)))
    .join("\n");
}

/** Rows of a simple CSV file (no commas inside fields), quotes removed. */
function csvRows(file: string): string[][] {
  return fs
    .readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .map((l) => l.split(",").map((f) => f.replace(/^"(.*)"$/, "$1")));
}

describe("01-bad-debt-trends: figures from the seeded ledger and the core", () => {
  const nb = "01-bad-debt-trends.ipynb";

  it("reports the generator's before/after bad-debt rates for the options it printed", () => {
    const options = figureOf(nb, "ledger.options") as GeneratorOptions;
    const ledger = generateTables(options);
    expect(figureOf(nb, "ledger.rows")).toEqual(ledger.summary.rows);
    const summary = figureOf(nb, "policy.summary") as { before: number; after: number };
    expect(summary.before).toBeCloseTo(ledger.summary.before.rate, 12);
    expect(summary.after).toBeCloseTo(ledger.summary.after.rate, 12);
    const vintage = figureOf(nb, "policy.vintage") as { phase: string; ratio: number }[];
    expect(vintage.map((r) => r.phase)).toEqual(["before", "after"]);
    // before the policy date the vintage ratio is the generator's own pre-policy rate
    expect(vintage[0].ratio).toBeCloseTo(ledger.summary.before.rate, 10);
    expect(vintage[1].ratio).toBeLessThan(vintage[0].ratio / 2);
    // booked by the ledger date vs in the end: the youngest invoices are immature, both far below before
    const ultimate = (figureOf(nb, "policy.summary") as { after_ultimate: number }).after_ultimate;
    expect(ultimate).toBeCloseTo(ledger.summary.after.ultimateRate, 12);
    expect(ultimate).toBeGreaterThanOrEqual(summary.after);
    expect(ultimate).toBeLessThan(summary.before / 4);
  });

  it("finds the share over 90 days falling from the steady state before to the steady state after", () => {
    const options = figureOf(nb, "ledger.options") as GeneratorOptions;
    expect(options.invoices).toBeGreaterThanOrEqual(100_000); // 1,000 customers: one default does not swing a month
    const ledger = generateTables(options);
    const over90 = overdueShare(monthEndAging(ledger.invoices, { payments: ledger.payments, edges: [30, 60, 90, 120] }), { over: 90 });
    const compare = (dropFirst: number, skip: number) =>
      compareBeforeAfter(over90, {
        policyDate: ledger.summary.options.policyDate,
        period: "month",
        numerator: "over_balance",
        denominator: "total",
        dropFirst,
        skip,
      }).objects() as { phase: string; periods: number; ratio: number }[];
    // the windows compared: 2022 (after the ramp-up year) against 2024 (after the transition year)
    expect(figureOf(nb, "over90.windows")).toEqual({ before: ["2022-01", "2022-12"], after: ["2024-01", "2024-12"] });
    const steady = figureOf(nb, "over90.before_after") as { phase: string; months: number; ratio: number }[];
    const expected = compare(12, 12);
    expect(steady.map((r) => [r.phase, r.months])).toEqual([
      ["before", 12],
      ["after", 12],
    ]);
    steady.forEach((r, i) => expect(r.ratio).toBeCloseTo(expected[i].ratio, 12));
    expect(steady[1].ratio).toBeLessThan(steady[0].ratio * 0.5); // the article: 10% -> 3%
    expect(steady[0].ratio).toBeGreaterThan(0.1);
    expect(steady[1].ratio).toBeLessThan(0.1);
    // all 24 months against all 24: the ramp-up and the transition hide the fall (printed, explained)
    const all = figureOf(nb, "over90.all_months") as { phase: string; ratio: number }[];
    compare(0, 0).forEach((r, i) => expect(all[i].ratio).toBeCloseTo(r.ratio, 12));
    expect(all[0].ratio).toBeLessThan(steady[0].ratio);
    expect(all[1].ratio).toBeGreaterThan(steady[1].ratio * 1.5);
    // the transition year's over-90 balance is mostly legacy (invoices issued before the policy date); the after window's is not
    const legacy = figureOf(nb, "over90.legacy_share") as { transition: number; after: number };
    expect(legacy.transition).toBeGreaterThan(0.6);
    expect(legacy.after).toBeLessThan(0.05);
  });

  it("grades customers as the core does (the grade AR.GRADE gives)", () => {
    const sample = figureOf(nb, "grade.sample") as {
      overdueCount: number;
      largestOverdue: number;
      cashFlow: CashFlow;
      grade: string;
      core: string;
    }[];
    expect(sample.length).toBeGreaterThanOrEqual(5);
    expect(new Set(sample.map((r) => r.grade)).size).toBeGreaterThanOrEqual(2);
    for (const r of sample) {
      const expected = creditGrade({ overdueCount: r.overdueCount, largestOverdue: r.largestOverdue, cashFlow: r.cashFlow }).grade;
      expect(r.grade).toBe(expected);
      expect(r.core).toBe(expected);
    }
  });

  it("labels Chinese data in Chinese and gives every measure a value", () => {
    expect(chartText(nb)).toContain("华东");
    const regions = figureOf(nb, "region.rates") as { region: string; rate: number }[];
    expect(regions.map((r) => r.region).sort()).toEqual(["华东", "华中", "华北", "华南", "西部"].sort());
    const dso = figureOf(nb, "dso.last") as { dso: number; best_dso: number; add: number; cei: number };
    expect(dso.add).toBeCloseTo(dso.dso - dso.best_dso, 9);
    expect(dso.cei).toBeGreaterThan(0);
    expect(dso.cei).toBeLessThanOrEqual(100);
    const provision = figureOf(nb, "provision.total") as { balance: number; provision: number };
    expect(provision.provision).toBeGreaterThan(0);
    expect(provision.provision).toBeLessThan(provision.balance);
  });
});

describe("02-recovery-results: triage plus outcomes", () => {
  const nb = "02-recovery-results.ipynb";

  it("triages every debtor with the profile the generator's core verdict gave", () => {
    const agreement = figureOf(nb, "triage.profile_agreement") as { agree: number; of: number };
    expect(agreement.of).toBeGreaterThan(50);
    expect(agreement.agree).toBe(agreement.of);
    expect(figureOf(nb, "triage.problems")).toBe(0);
    expect(figureOf(nb, "cases.rows")).toBe(agreement.of);
  });

  it("gets the same recovery rates by profile and period as the ledger's own cases", () => {
    const ledger = generateTables(figureOf(nb, "ledger.options") as GeneratorOptions);
    const expected = recoveryRates(ledger.cases, ["method", "profile"]).objects() as {
      method: boolean;
      profile: string;
      cases: number;
      recovery_rate: number;
    }[];
    const printed = figureOf(nb, "recovery.by_profile") as typeof expected;
    const key = (r: { method: boolean; profile: string }) => `${r.method}/${r.profile}`;
    expect(printed.map(key).sort()).toEqual(expected.map(key).sort());
    expect(printed.map(key).sort()).toEqual([
      "false/temporary",
      "false/unable",
      "false/unclear",
      "false/willful",
      "true/temporary",
      "true/unable",
      "true/unclear",
      "true/willful",
    ]);
    for (const r of printed) {
      const e = expected.find((x) => key(x) === key(r))!;
      expect(r.cases).toBe(e.cases);
      expect(r.recovery_rate).toBeCloseTo(e.recovery_rate, 9);
    }
    const plans = figureOf(nb, "plans") as { plan: string; cases: number }[];
    expect(plans.map((p) => p.plan)).toEqual(expect.arrayContaining(["kept", "broken"]));
  });

  it("finds, under the method, temporary debtors recovering far more than unable ones and as much as willful ones", () => {
    const printed = figureOf(nb, "recovery.by_profile") as { method: boolean; profile: string; cases: number; recovery_rate: number }[];
    const rate = (method: boolean, profile: string) => {
      const r = printed.find((x) => x.method === method && x.profile === profile);
      expect(r, `${profile} ${method ? "with" : "before"} the method`).toBeDefined();
      expect(r!.cases).toBeGreaterThanOrEqual(30); // enough cases for a rate
      return r!.recovery_rate;
    };
    // with the method: temporary (plans) and willful (settlement ladder) about four fifths, unable least
    expect(rate(true, "temporary")).toBeGreaterThan(0.7);
    expect(rate(true, "willful")).toBeGreaterThan(0.7);
    expect(Math.abs(rate(true, "temporary") - rate(true, "willful"))).toBeLessThan(0.05);
    expect(rate(true, "temporary")).toBeGreaterThan(3 * rate(true, "unable"));
    expect(rate(true, "unclear")).toBeGreaterThan(rate(true, "unable"));
    expect(rate(true, "unclear")).toBeLessThan(rate(true, "temporary"));
    // before the method temporary debtors were left to drag on: below willful ones, and far below their rate with the method
    expect(rate(false, "temporary")).toBeLessThan(rate(false, "willful"));
    expect(rate(false, "temporary")).toBeLessThan(0.45);
    expect(rate(true, "temporary")).toBeGreaterThan(rate(false, "temporary") + 0.3);
    // every profile recovers more with the method
    for (const p of ["temporary", "willful", "unclear", "unable"]) expect(rate(true, p)).toBeGreaterThan(rate(false, p));
  });

  it("finds instalment plans sized to the cash flow mostly kept, counted on plans old enough to be over", () => {
    const ledger = generateTables(figureOf(nb, "ledger.options") as GeneratorOptions);
    const count = (rows: { plan: string; cases: number }[], plan: string) => rows.find((r) => r.plan === plan)?.cases ?? 0;
    const all = figureOf(nb, "plans") as { plan: string; cases: number; share: number | null }[];
    const expectedAll = planOutcomes(ledger.cases).objects() as { plan: string; cases: number }[];
    expect(all.map((r) => [r.plan, r.cases])).toEqual(expectedAll.map((r) => [r.plan, r.cases]));
    expect(count(all, "kept") + count(all, "broken")).toBeGreaterThanOrEqual(30); // enough plans to say something
    expect(count(all, "kept")).toBeGreaterThan(2 * count(all, "broken"));

    const mature = figureOf(nb, "plans.mature") as {
      opened_by: string;
      longest: number;
      plans: { plan: string; cases: number; share: number }[];
    };
    const asOf = ledger.summary.options.asOf;
    expect(mature.longest).toBe(Math.max(...(ledger.cases.filter("d => d.strategy === 'instalment'").array("instalments") as number[])));
    const cut = addMonths(asOf, -(mature.longest + 1));
    const expected = planOutcomes(ledger.cases.params({ cut }).filter("(d, $) => d.open_date <= $.cut")).objects() as {
      plan: string;
      cases: number;
      share: number;
    }[];
    expect(mature.plans.map((r) => [r.plan, r.cases])).toEqual(expected.map((r) => [r.plan, r.cases]));
    // every plan that old has ended: none running, and most were kept
    expect(mature.plans.map((r) => r.plan)).not.toContain("running");
    const kept = mature.plans.find((r) => r.plan === "kept")!;
    expect(kept.share).toBeGreaterThan(0.6);
    expect(count(mature.plans, "kept") + count(mature.plans, "broken")).toBeGreaterThanOrEqual(20);
  });
});

describe("03-real-data: the IBM sample and the Fed/FDIC series", () => {
  const nb = "03-real-data.ipynb";

  // the sample is not shipped (no licence stated): without it the notebook says so in every IBM cell
  it.runIf(!ibmPresent)("says the IBM sample is absent and prints none of its figures", () => {
    const text = executed
      .get(nb)!
      .cells.flatMap((c) => (c.outputs ?? []).map((o) => joined(o.text)))
      .join("\n");
    expect(text.match(/IBM sample absent \(.*\): skipped/g)).toHaveLength(5);
    expect([...figures.get(nb)!.keys()].filter((k) => k.startsWith("ibm."))).toEqual([]);
  });

  it.skipIf(!ibmPresent)(ibmSuite("reads all 2,466 IBM invoices of 100 customers, 3.44 days late on average"), () => {
    const rows = csvRows(ibmSampleFile());
    const header = rows[0];
    const late = rows.slice(1).map((r) => Number(r[header.indexOf("DaysLate")]));
    expect(figureOf(nb, "ibm.invoices")).toBe(2466);
    expect(late).toHaveLength(2466);
    expect(figureOf(nb, "ibm.customers")).toBe(100);
    const mean = late.reduce((a, b) => a + b, 0) / late.length;
    expect(mean).toBeCloseTo(3.4424, 4);
    expect(figureOf(nb, "ibm.mean_days_late") as number).toBeCloseTo(mean, 9);
  });

  it.skipIf(!ibmPresent)(ibmSuite("finds disputed invoices paid later and electronic bills paid earlier"), () => {
    const rows = csvRows(ibmSampleFile());
    const h = rows[0];
    const meanLate = (col: string, value: string) => {
      const xs = rows
        .slice(1)
        .filter((r) => r[h.indexOf(col)] === value)
        .map((r) => Number(r[h.indexOf("DaysLate")]));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const disputed = figureOf(nb, "ibm.disputed") as { difference: number; t: number };
    expect(disputed.difference).toBeCloseTo(meanLate("Disputed", "Yes") - meanLate("Disputed", "No"), 9);
    expect(disputed.difference).toBeCloseTo(6.65, 2);
    const paperless = figureOf(nb, "ibm.paperless") as { difference: number; t: number };
    expect(paperless.difference).toBeCloseTo(meanLate("PaperlessBill", "Electronic") - meanLate("PaperlessBill", "Paper"), 9);
    expect(paperless.difference).toBeLessThan(0);
  });

  it("finds the FDIC charge-off peak of 2.34% in 2009Q4 (quarter ending 2009-12-31)", () => {
    const rows = csvRows(path.join(publicDataDir(), "fdic", "fdic_CATY_NTLNLSCOQR_timeseries.csv")).slice(1);
    expect(figureOf(nb, "fdic.quarters")).toBe(rows.length);
    expect(rows).toHaveLength(166);
    const top = rows.reduce((a, b) => (Number(b[1]) > Number(a[1]) ? b : a));
    expect(top[2]).toBe("20091231");
    const peak = figureOf(nb, "fdic.peak") as { label: string; date: string; value: number };
    expect(peak).toEqual({ label: "2009Q4", date: "2009-12-31", value: Number(top[1]) });
    expect(peak.value).toBeCloseTo(2.344, 3);
    const trough = figureOf(nb, "fdic.trough") as { value: number };
    expect(trough.value).toBeLessThan(0);
  });

  it("finds the Fed delinquency peaks: all loans 7.4% in 2010Q1", () => {
    const peaks = figureOf(nb, "fred.peaks") as { series: string; peak: string; value: number }[];
    expect(peaks).toContainEqual({ series: "DRALACBS", peak: "2010Q1", value: 7.4 });
    expect(peaks).toContainEqual({ series: "DRCLACBS", peak: "2009Q2", value: 4.85 });
    const corr = figureOf(nb, "fdic.vs_all_loans") as { r: number; quarters: number };
    expect(corr.quarters).toBe(140);
    expect(corr.r).toBeGreaterThan(0);
  });
});

describe("notebook sources", () => {
  it("keeps every .ipynb equal to its source in notebooks/src, without outputs", () => {
    const r = spawnSync(process.execPath, [path.join(root, "scripts", "notebooks.mjs"), "check"], { cwd: root, encoding: "utf8" });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    for (const name of names) {
      const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), "utf8")) as Notebook;
      for (const cell of nb.cells) expect(cell.outputs ?? []).toEqual([]);
    }
  });
});
