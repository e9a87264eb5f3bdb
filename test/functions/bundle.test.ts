// The built add-in as Excel runs it: dist/functions.js evaluated in a plain JavaScript context whose
// only globals are CustomFunctions and Office, registering exactly the ids of dist/functions.json,
// then called with Excel-shaped arguments. Needs `npm run build` first (`npm test` does it).
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { makeExcelGlobals } from "../support/excel-globals.js";
import { CASES, matches, normalise } from "./cases.js";

const dist = join(__dirname, "../../dist");

/** The public interface: every function's id and argument order (docs/functions.md, issue 3). */
const CONTRACT: Record<string, string[]> = {
  GRADE: ["overdue_count", "overdue_amount", "cash_flow", "small_limit", "output"],
  TERM: ["grade"],
  AGING: ["due_date", "as_of", "output", "edges"],
  SETTLE: ["balance", "days_to_pay", "tiers"],
  FACTOR: ["amount", "advance_rate", "fee_rate", "output"],
  INSURE: ["loss", "rate", "output"],
  PROVISION: ["balance", "days_past_due", "rates"],
  PROFILE: [
    "business_operating",
    "income_stable",
    "turnover_decline",
    "proposed_plan",
    "excuses",
    "contradiction",
    "broken_promises",
    "refuses_contact",
    "insolvent",
    "dishonest_debtor",
    "operations_stopped",
    "output",
  ],
  CHANNEL: ["balance", "days_past_due", "profile", "output"],
  CONFIRM: ["last_confirmation", "as_of", "output"],
  EVIDENCE: ["signed_contract", "reconciliation", "collection_records", "delivery_proof", "acceptance_form", "excuse", "output"],
  PLAN: ["balance", "instalments", "concession", "first_due", "interval_months", "free_cash_flow"],
  RECOVERY: ["claim", "free_estate", "ordinary_claims_total", "employee_claims", "tax_claims", "expenses", "output"],
  CLAIMDEADLINE: ["announcement", "period", "output"],
  LIMITATION: ["last_interruption", "as_of", "output"],
  HISTORY: ["due_dates", "paid_dates", "amounts", "as_of", "grace_days", "output"],
  BENEFIT: ["balance", "term_days", "output"],
  PROMISE: ["made_dates", "promised_dates", "promised_amounts", "payment_dates", "payment_amounts", "as_of", "grace_days", "output"],
  NEXTCONTACT: ["last_contact", "warning_level", "as_of", "output"],
};
interface ParamMeta {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  parameters: ParamMeta[];
  result: { dimensionality?: string };
}

let metadata: { functions: FunctionMeta[] };
let zh: { functions: FunctionMeta[] };
let excel: ReturnType<typeof makeExcelGlobals>;

function load(displayLanguage: string) {
  const globals = makeExcelGlobals(displayLanguage);
  const context = vm.createContext({ CustomFunctions: globals.CustomFunctions, Office: globals.Office });
  vm.runInContext(readFileSync(join(dist, "functions.js"), "utf8"), context, { filename: "functions.js" });
  return globals;
}

beforeAll(() => {
  if (!existsSync(join(dist, "functions.js"))) throw new Error("dist/functions.js is missing: run `npm run build` first (npm test does)");
  metadata = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8"));
  zh = JSON.parse(readFileSync(join(dist, "functions.zh-CN.json"), "utf8"));
  excel = load("en-US");
});

describe("dist/functions.json (metadata Excel reads)", () => {
  it("lists every function with its arguments in contract order", () => {
    const byId = Object.fromEntries(metadata.functions.map((f) => [f.id, f.parameters.map((p) => p.name)]));
    expect(byId).toEqual(CONTRACT);
  });

  it("describes every function and argument, takes ranges and spills", () => {
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description?.length, f.id).toBeGreaterThan(30);
      expect(f.result.dimensionality, f.id).toBe("matrix");
      for (const p of f.parameters) {
        expect(p.description?.length, `${f.id}.${p.name}`).toBeGreaterThan(15);
        expect(p.dimensionality, `${f.id}.${p.name}`).toBe("matrix");
      }
    }
    const optional = (id: string) =>
      metadata.functions
        .find((f) => f.id === id)!
        .parameters.filter((p) => p.optional)
        .map((p) => p.name);
    // every argument after the required ones is optional, so a formula can stop early
    for (const f of metadata.functions) {
      const flags = f.parameters.map((p) => Boolean(p.optional));
      expect(flags.indexOf(true) === -1 || flags.slice(flags.indexOf(true)).every(Boolean), f.id).toBe(true);
    }
    expect(optional("GRADE")).toEqual(["small_limit", "output"]);
    expect(optional("PLAN")).toEqual(["concession", "first_due", "interval_months", "free_cash_flow"]);
    expect(optional("AGING")).toEqual(["output", "edges"]);
    expect(optional("SETTLE")).toEqual(["days_to_pay", "tiers"]);
    expect(optional("PROMISE")).toEqual(["as_of", "grace_days", "output"]);
    expect(optional("NEXTCONTACT")).toEqual(["as_of", "output"]);
  });

  it("has Simplified Chinese metadata with the same ids, types and shapes", () => {
    expect(zh.functions.map((f) => f.id)).toEqual(metadata.functions.map((f) => f.id));
    zh.functions.forEach((f, i) => {
      const en = metadata.functions[i];
      expect(f.name).toBe(en.name); // Chinese Excel keeps English function names (SUM, VLOOKUP)
      expect(f.description).toMatch(/[\u4e00-\u9fff]/);
      expect(f.result).toEqual(en.result);
      f.parameters.forEach((p, j) => {
        expect(p.name, `${f.id} argument ${j}`).toMatch(/[\u4e00-\u9fff]/);
        expect(p.description).toMatch(/[\u4e00-\u9fff]/);
        expect({ ...p, name: "", description: "" }).toEqual({ ...en.parameters[j], name: "", description: "" });
      });
    });
  });
});

describe("dist/functions.js loaded as Excel loads it", () => {
  it("registers exactly the ids in functions.json", () => {
    expect([...excel.associations.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });

  it.each(CASES.filter((c) => !c.language))("$id: $name", (c) => {
    const actual = normalise(excel.associations.get(c.id)!(...c.args));
    expect(matches(actual, c.expected), JSON.stringify({ actual, expected: c.expected.map((r) => r.map(String)) })).toBe(true);
  });

  it("speaks Chinese in Chinese Excel once Office is ready", () => {
    const chinese = load("zh-CN");
    chinese.ready();
    for (const c of CASES.filter((x) => x.language === "zh-CN")) {
      expect(matches(normalise(chinese.associations.get(c.id)!(...c.args)), c.expected)).toBe(true);
    }
  });

  it("handles a 10,000-row range in one call", () => {
    const due = Array.from({ length: 10_000 }, (_, i) => [45658 + (i % 200)]);
    const out = excel.associations.get("AGING")!(due, [[45858]], [["days"]]) as number[][];
    expect(out.length).toBe(10_000);
    expect(out[0][0]).toBe(200);
    expect(out[199][0]).toBe(1);
    expect(out[9999][0]).toBe(200 - (9999 % 200));
  });
});
