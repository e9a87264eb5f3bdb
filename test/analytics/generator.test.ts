// The seeded ledger generator: deterministic per seed (and independent of the time zone), grades,
// terms, profiles and offers exactly the core's, tables consistent with each other, and the bad-debt
// rate near its knob before the method and lower after it.
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ColumnTable } from "arquero";
import {
  creditGrade,
  creditTerm,
  debtorProfile,
  DEFAULT_POLICY,
  instalmentPlan,
  settlementOffer,
  settlementRate,
  type CashFlow,
  type DebtorSignals,
} from "../../src/core/index.js";
import {
  generateLedger,
  generateTables,
  LEDGER_TABLES,
  resolveOptions,
  type GeneratorOptions,
  type Ledger,
} from "../../src/analytics/generator/index.js";
import { monthEnd, monthIndex, serialToIso } from "../../src/analytics/calendar.js";

const rows = (t: ColumnTable) => t.objects() as Record<string, any>[];

/** A digest of every table of a ledger (its rows as JSON). */
export function digest(ledger: Ledger): string {
  const h = createHash("sha256");
  for (const name of LEDGER_TABLES) h.update(name).update(JSON.stringify(ledger[name].objects()));
  return h.digest("hex").slice(0, 16);
}

let L: Ledger;
beforeAll(() => {
  L = generateTables({ invoices: 60_000, seed: 11 });
});

describe("generator: determinism", () => {
  it("gives the same ledger for the same seed, and another for another seed", () => {
    const a = generateTables({ invoices: 5_000, seed: 1 });
    const b = generateTables({ invoices: 5_000, seed: 1 });
    expect(digest(a)).toBe(digest(b));
    expect(digest(generateTables({ invoices: 5_000, seed: 2 }))).not.toBe(digest(a));
  });

  it("gives the same ledger in other time zones (a separate process)", () => {
    const here = digest(generateTables({ invoices: 5_000, seed: 1 }));
    const code = [
      'const { generateTables, LEDGER_TABLES } = require("./src/analytics/generator/index.ts");',
      'const { createHash } = require("node:crypto");',
      "const l = generateTables({ invoices: 5000, seed: 1 });",
      'const h = createHash("sha256"); for (const n of LEDGER_TABLES) h.update(n).update(JSON.stringify(l[n].objects()));',
      'process.stdout.write(h.digest("hex").slice(0, 16));',
    ].join("\n");
    const root = join(__dirname, "../..");
    for (const tz of ["UTC", "America/Los_Angeles", "Asia/Shanghai"]) {
      const out = execFileSync(process.execPath, ["--import", "tsx", "-e", code], {
        cwd: root,
        env: { ...process.env, TZ: tz },
        encoding: "utf8",
      });
      expect(out, tz).toBe(here);
    }
  }, 60_000);

  it("is the same ledger whichever tables are handed out", () => {
    const only = generateTables({ invoices: 5_000, seed: 1, tables: ["invoices"] });
    const full = generateTables({ invoices: 5_000, seed: 1 });
    expect(only.payments.numRows()).toBe(0);
    expect(only.invoices.objects()).toEqual(full.invoices.objects());
    expect(only.summary.rows).toEqual(full.summary.rows);
  });
});

/**
 * Ledgers pinned by their digest (every table and the summary), computed once on the generator as it was
 * before it was split into modules: any change to the stream of draws or to a table shows here. The
 * combinations reach every knob of GENERATOR_KNOBS (and CLI_KNOBS) and a policy set from code.
 */
const PINNED: readonly { readonly options: GeneratorOptions; readonly digest: string }[] = [
  { options: { invoices: 5_000, seed: 1 }, digest: "0f517673b7e36873" },
  { options: { invoices: 20_000, seed: 42 }, digest: "87b036090da26d99" },
  { options: { invoices: 8_000, seed: 7, language: "zh", months: 30, start: "2020-06-10", batchRows: 1_000 }, digest: "3a3e6f624dc42262" },
  {
    options: {
      invoices: 12_000,
      seed: 2024,
      customers: 90,
      language: "mixed",
      regions: ["North", "South", "Export"],
      baseBadDebtRate: 0.12,
      profileShares: { temporary: 0.2, willful: 0.5, unable: 0.3 },
      cashFlowShares: { good: 0.3, fair: 0.4, poor: 0.3 },
      policyDate: "2022-04-15",
      overdueEventDays: 15,
      writeOffAfterDays: 90,
      medianAmount: 4_500,
    },
    digest: "83b65afc2e1990f0",
  },
  {
    options: { invoices: 6_000, seed: 123_456_789, policyDate: null, termBeforeDays: 45, months: 36, start: 44_927 },
    digest: "28260036878a27bc",
  },
  {
    options: { invoices: 6_000, seed: 5, tables: ["invoices", "cases"], batchRows: 777, policyDate: "2021-01-01" },
    digest: "a560eaf798bbec6c",
  },
  {
    options: {
      invoices: 10_000,
      seed: 9,
      baseBadDebtRate: 0.2,
      writeOffAfterDays: 365,
      policy: {
        ...DEFAULT_POLICY,
        creditTermDays: { A: 45, B: 20, C: 7 },
        planMaxInstalments: 8,
        planMaxConcessionRate: 0.1,
        settlementTiers: [
          { days: 5, rate: 0.85 },
          { days: 15, rate: 0.92 },
        ],
      },
    },
    digest: "b85b9122d3083d3b",
  },
];

/** A digest of every table of a ledger and its summary. */
function pinnedDigest(ledger: Ledger): string {
  const h = createHash("sha256");
  for (const name of LEDGER_TABLES) h.update(name).update(JSON.stringify(ledger[name].objects()));
  h.update(JSON.stringify(ledger.summary));
  return h.digest("hex").slice(0, 16);
}

describe("generator: pinned ledgers", () => {
  it.each(PINNED.map((p, i) => [i, p] as const))("gives ledger %i its pinned digest", (_, { options, digest: expected }) => {
    expect(pinnedDigest(generateTables(options))).toBe(expected);
  });

  it("gives the same digests in the notebooks' CommonJS build (tsconfig.notebooks.json)", () => {
    const root = join(__dirname, "../..");
    const out = mkdtempSync(join(tmpdir(), "ar-generator-cjs-"));
    try {
      const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
      execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.notebooks.json"), "--outDir", out, "--declaration", "false"], {
        cwd: root,
        encoding: "utf8",
      });
      const code = [
        `const { generateTables, LEDGER_TABLES } = require(${JSON.stringify(join(out, "analytics", "index.js"))});`,
        'const { createHash } = require("node:crypto");',
        `const options = ${JSON.stringify(PINNED.map((p) => p.options))};`,
        "const digests = options.map((o) => {",
        "  const l = generateTables(o);",
        '  const h = createHash("sha256"); for (const n of LEDGER_TABLES) h.update(n).update(JSON.stringify(l[n].objects()));',
        '  h.update(JSON.stringify(l.summary)); return h.digest("hex").slice(0, 16);',
        "});",
        "process.stdout.write(JSON.stringify(digests));",
      ].join("\n");
      const env = { ...process.env, NODE_PATH: join(root, "node_modules"), TZ: "Asia/Shanghai" };
      const digests = JSON.parse(execFileSync(process.execPath, ["-e", code], { cwd: out, env, encoding: "utf8" })) as string[];
      expect(digests).toEqual(PINNED.map((p) => p.digest));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("generator: the core's rules", () => {
  it("grades every customer at every review with the core's grade rule", () => {
    const wrong = rows(L.grades).filter(
      (r) =>
        creditGrade({ overdueCount: r.overdue_count_12m, largestOverdue: r.largest_overdue_12m, cashFlow: r.cash_flow as CashFlow })
          .grade !== r.grade || creditTerm(r.grade) !== r.term_days,
    );
    expect(wrong).toEqual([]);
    const grades = new Set(rows(L.grades).map((r) => r.grade));
    expect([...grades].sort()).toEqual(["A", "B", "C"]);
    const cust = rows(L.customers).filter(
      (r) =>
        creditGrade({ overdueCount: r.overdue_count_12m, largestOverdue: r.largest_overdue_12m, cashFlow: r.cash_flow }).grade !== r.grade,
    );
    expect(cust).toEqual([]);
    // the histories are real: repeated overdue events, large ones, poor cash flow all occur
    expect(rows(L.grades).some((r) => r.overdue_count_12m >= 2)).toBe(true);
    expect(rows(L.grades).some((r) => r.overdue_count_12m === 1 && r.largest_overdue_12m > 50_000)).toBe(true);
  });

  it("sets due dates by the grade's term once the method is adopted, one flat term before", () => {
    const o = L.summary.options;
    expect(serialToIso(o.policyDate)).toBe("2023-01-01");
    const wrong = rows(L.invoices).filter(
      (r) => r.due_date - r.issue_date !== r.term_days || r.term_days !== (r.issue_date >= o.policyDate ? creditTerm(r.grade) : 60),
    );
    expect(wrong).toEqual([]);
  });

  it("profiles every debtor with the core's debtorProfile on its signals", () => {
    const cases = rows(L.cases);
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) {
      const s: DebtorSignals = {
        businessOperating: c.business_operating,
        incomeStable: c.income_stable,
        turnoverDecline: c.turnover_decline,
        proposedPlan: c.proposed_plan,
        excuses: c.excuses,
        contradiction: c.contradiction,
        brokenPromises: c.broken_promises,
        refusesContact: c.refuses_contact,
        insolvent: c.insolvent,
        dishonestDebtor: c.dishonest_debtor,
        operationsStopped: c.operations_stopped,
      };
      expect(debtorProfile(s).profile).toBe(c.profile);
    }
    const profiles = new Set(cases.map((c) => c.profile));
    expect([...profiles].sort()).toEqual(["temporary", "unable", "unclear", "willful"]);
  });

  it("follows the profile under the method, with the core's offers and plans", () => {
    const method = rows(L.cases).filter((c) => c.method);
    const strategyOf = {
      temporary: "instalment",
      willful: ["settlement", "legal"],
      unable: "bankruptcy",
      unclear: ["ladder", "legal"],
    } as const;
    for (const c of method) expect([strategyOf[c.profile as keyof typeof strategyOf]].flat()).toContain(c.strategy);
    const settled = method.filter((c) => c.strategy === "settlement");
    expect(settled.length).toBeGreaterThan(5);
    for (const c of settled) {
      expect(c.offer_rate).toBe(settlementRate(c.days_to_pay));
      expect(c.offer).toBe(settlementOffer(c.balance, c.days_to_pay));
      expect([0.9, 0.95]).toContain(c.offer_rate);
    }
    const plans = method.filter((c) => c.strategy === "instalment");
    expect(plans.length).toBeGreaterThan(5);
    for (const c of plans) {
      expect(c.concession).toBeLessThanOrEqual(c.balance * DEFAULT_POLICY.planMaxConcessionRate + 0.005);
      expect(c.plan_total).toBe(instalmentPlan(c.balance, c.instalments, { concession: c.concession }).total);
    }
    // before the method: the old practice (legal action, or a bankruptcy claim)
    for (const c of rows(L.cases).filter((x) => !x.method)) expect(["legal", "bankruptcy"]).toContain(c.strategy);
  });
});

describe("generator: consistent tables", () => {
  it("keeps every invoice's payments and write-offs adding up", () => {
    const paid = new Map<number, number>();
    for (const p of rows(L.payments)) paid.set(p.invoice_id, (paid.get(p.invoice_id) ?? 0) + p.amount);
    const written = new Map<number, number>();
    for (const w of rows(L.writeoffs)) written.set(w.invoice_id, (written.get(w.invoice_id) ?? 0) + w.amount);
    const asOf = L.summary.options.asOf;
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
    const wrong = rows(L.invoices).filter(
      (r) =>
        !near(r.paid, paid.get(r.invoice_id) ?? 0) ||
        !near(r.written_off, written.get(r.invoice_id) ?? 0) ||
        r.paid + r.written_off > r.amount + 0.005 ||
        r.issue_date < L.summary.options.start ||
        r.issue_date > asOf ||
        r.paid_date > asOf ||
        r.writeoff_date > asOf ||
        (r.written_off > 0 && !(r.writeoff_date > 0)),
    );
    expect(wrong).toEqual([]);
    for (const t of [L.payments, L.writeoffs, L.recoveries]) expect(rows(t).filter((r) => r.date > asOf)).toEqual([]);
    expect(L.payments.numRows()).toBeGreaterThan(L.invoices.numRows());
    expect(L.recoveries.numRows()).toBeGreaterThan(0);
  });

  it("keeps every case's totals equal to its invoices'", () => {
    const byCase = new Map<number, { written: number; recovered: number }>();
    for (const w of rows(L.writeoffs)) {
      const c = byCase.get(w.case_id) ?? { written: 0, recovered: 0 };
      c.written += w.amount;
      byCase.set(w.case_id, c);
    }
    for (const r of rows(L.recoveries)) {
      const c = byCase.get(r.case_id) ?? { written: 0, recovered: 0 };
      c.recovered += r.amount;
      byCase.set(r.case_id, c);
    }
    for (const c of rows(L.cases)) {
      const t = byCase.get(c.case_id) ?? { written: 0, recovered: 0 };
      expect(c.written_off).toBeCloseTo(t.written, 6);
      expect(c.recovered).toBeCloseTo(t.recovered, 6);
      expect(c.collected + c.written_off).toBeLessThanOrEqual(c.balance + 0.005);
      expect(c.discount).toBeLessThanOrEqual(c.written_off + 0.005);
      if (c.first_cash_date > 0) expect(c.first_cash_date).toBeGreaterThanOrEqual(c.open_date);
      expect(c.open_date).toBeGreaterThan(c.default_date);
    }
    // every write-off and recovery belongs to a case that is in the table
    const ids = new Set(rows(L.cases).map((c) => c.case_id));
    for (const w of rows(L.writeoffs)) expect(ids.has(w.case_id)).toBe(true);
  });
});

describe("generator: the knobs", () => {
  it("lands the bad-debt rate near its knob before the method, and far lower after", () => {
    const s = generateLedger({ invoices: 300_000, seed: 3, tables: [] }, { write() {} });
    expect(s.before.ultimateRate).toBeGreaterThan(0.04);
    expect(s.before.ultimateRate).toBeLessThan(0.06);
    expect(s.after.ultimateRate).toBeLessThan(s.before.ultimateRate / 3);
    const low = generateLedger({ invoices: 300_000, seed: 3, tables: [], baseBadDebtRate: 0.02 }, { write() {} });
    expect(low.before.ultimateRate).toBeGreaterThan(0.014);
    expect(low.before.ultimateRate).toBeLessThan(0.026);
    const none = generateLedger({ invoices: 50_000, seed: 3, tables: [], baseBadDebtRate: 0 }, { write() {} });
    expect(none.rows.cases).toBe(0);
  });

  it("speaks Chinese, takes regions, months, start and the profile and cash-flow shares", () => {
    const zh = generateTables({ invoices: 3_000, seed: 4, language: "zh", months: 12, start: "2024-03-15" });
    expect(rows(zh.customers).every((r) => /[\u4e00-\u9fff]/.test(r.name))).toBe(true);
    expect(new Set(rows(zh.customers).map((r) => r.name)).size).toBe(zh.customers.numRows()); // unique
    expect(new Set(rows(zh.invoices).map((r) => r.region))).toEqual(new Set(["华东", "华北", "华南", "西部", "华中"]));
    const months = new Set(rows(zh.invoices).map((r) => monthIndex(r.issue_date)));
    expect(months.size).toBe(12);
    expect(Math.min(...months)).toBe(2024 * 12 + 2);
    expect(zh.summary.options.asOf).toBe(monthEnd(2025 * 12 + 1));
    const custom = generateTables({
      invoices: 20_000,
      seed: 4,
      regions: ["N", "S"],
      profileShares: { temporary: 0, willful: 0, unable: 1 },
      baseBadDebtRate: 0.1,
    });
    expect(new Set(rows(custom.invoices).map((r) => r.region))).toEqual(new Set(["N", "S"]));
    expect(new Set(rows(custom.cases).map((r) => r.debtor_type))).toEqual(new Set(["unable"]));
    const poor = generateTables({ invoices: 2_000, seed: 4, cashFlowShares: { good: 0, fair: 0, poor: 1 }, tables: ["grades"] });
    expect(new Set(rows(poor.grades).map((r) => r.grade))).toEqual(new Set(["C"]));
  });

  it("never adopts the method without a policy date", () => {
    const never = generateTables({ invoices: 5_000, seed: 4, policyDate: null, termBeforeDays: 45 });
    expect(new Set(rows(never.invoices).map((r) => r.term_days))).toEqual(new Set([45]));
    expect(rows(never.grades).every((r) => r.method === false)).toBe(true);
    expect(never.summary.after.sales).toBe(0);
  });

  it("refuses bad knobs by name", () => {
    expect(() => resolveOptions({ invoices: -1 })).toThrow(/invoices/);
    expect(() => resolveOptions({ language: "fr" as never })).toThrow(/language/);
    expect(() => resolveOptions({ regions: [] })).toThrow(/regions/);
    expect(() => resolveOptions({ baseBadDebtRate: 0.7 })).toThrow(/baseBadDebtRate/);
    expect(() => resolveOptions({ profileShares: { temporary: 0, willful: 0, unable: 0 } })).toThrow(/profileShares/);
    expect(() => resolveOptions({ tables: ["ledgers" as never] })).toThrow(/unknown table/);
    expect(resolveOptions().customers).toBe(1000);
  });
});
