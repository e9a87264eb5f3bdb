// Issue 4's promise: `npm run triage` on a file gives the same verdicts as the AR.* formulas would on the
// same cells. The sample portfolio goes through the command line (CSV out) and, column by column, through
// the custom functions as Excel calls them (one range per argument, as a user fills a column).
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installExcelGlobals } from "../support/excel-globals.js";
import { parseArguments, runTriage } from "../../src/cli/triage.js";
import { readTable, type Table } from "../../src/cli/table-io.js";
import { readDate, readLedgerAmount, readLedgerDate, serialFromCivil } from "../../src/core/index.js";

type Fn = (...args: any[]) => unknown[][];
let fns: Record<string, Fn>;
let input: Table;
let output: Table;
const asOf = serialFromCivil(2025, 7, 31);

beforeAll(async () => {
  installExcelGlobals("en-US");
  fns = (await import("../../src/functions/functions.js")) as unknown as Record<string, Fn>;
  const out = join(mkdtempSync(join(tmpdir(), "ar-agree-")), "sample.csv");
  const options = parseArguments(["--as-of", "2025-07-31", "--out", out], asOf);
  await runTriage(options);
  input = await readTable(options.file);
  output = await readTable(out);
});

/** The input column as Excel would hold it: numbers as numbers, dates as serials, empty cells as null. */
function column(header: string, kind: "number" | "date" | "text" = "text"): unknown[][] {
  const c = input.headers.indexOf(header);
  if (c < 0) throw new Error(`sample has no column ${header}`);
  return okRows().map((r) => {
    const v = String(r[c] ?? "").trim();
    if (v === "") return [null];
    if (kind === "number") return [Number(v)];
    if (kind === "date") return [readDate(v, header)];
    return [v];
  });
}

/** Input rows whose triage status is ok (the others carry a problem instead of a verdict). */
function okRows(): readonly (readonly unknown[])[] {
  const status = output.headers.indexOf("status");
  return input.rows.filter((_, i) => output.rows[i]?.[status] === "ok");
}

function triaged(header: string): string[] {
  const status = output.headers.indexOf("status");
  const c = output.headers.indexOf(header);
  if (c < 0) throw new Error(`triage output has no column ${header}`);
  return output.rows.filter((r) => r[status] === "ok").map((r) => String(r[c]));
}

const flat = (cells: unknown[][]) => cells.map((r) => String(r[0]));

describe("npm run triage gives what the AR.* formulas give on the same cells (samples/portfolio.csv)", () => {
  it("has ok rows to compare, one output row per input row", () => {
    expect(output.rows.length).toBe(input.rows.length);
    expect(okRows().length).toBe(10);
  });

  it("AR.GRADE and AR.TERM", () => {
    const grades = fns.grade(
      column("Overdue events (12 months)", "number"),
      column("Largest overdue amount", "number"),
      column("Cash flow"),
    );
    expect(flat(grades)).toEqual(triaged("grade"));
    expect(flat(fns.term(grades))).toEqual(triaged("term (days)"));
  });

  it("AR.AGING: days past due, bucket, warning level", () => {
    const due = column("Due date", "date");
    expect(flat(fns.aging(due, [[asOf]], [["days"]]))).toEqual(triaged("days past due"));
    expect(flat(fns.aging(due, [[asOf]], [["bucket"]]))).toEqual(triaged("aging bucket"));
    expect(flat(fns.aging(due, [[asOf]], [["level"]]))).toEqual(triaged("warning level"));
    // the ladder's own action is the next step wherever nothing comes before it (no profile's play, no
    // claim window, no limitation warning): here the rows without a profile's play or an unable debtor
    const actions = flat(fns.aging(due, [[asOf]], [["action"]]));
    const profiles = triaged("profile");
    const limitation = triaged("limitation status");
    const steps = triaged("next step");
    const ladderRows = actions.map((_, i) => i).filter((i) => ["", "unclear"].includes(profiles[i]) && limitation[i] === "running");
    expect(ladderRows.length).toBeGreaterThan(3);
    // AR.AGING names who acts in its own words; the next step adds the channel
    const who = (text: string) => text.split(":")[0];
    for (const i of ladderRows)
      if (actions[i] !== "current: no action" && actions[i] !== "routine reminder") expect(who(steps[i])).toBe(who(actions[i]));
  });

  it("AR.PROFILE and AR.CHANNEL", () => {
    const signals = ["Business operating", "Income stable", "Turnover decline", "Proposed plan", "Excuses", "Contradiction"].map((h) =>
      column(h),
    );
    const tail = ["Refuses contact", "Insolvent", "Dishonest debtor", "Operations stopped"].map((h) => column(h));
    const profiles = fns.profile(...signals, column("Broken promises", "number"), ...tail);
    const days = fns.aging(column("Due date", "date"), [[asOf]], [["days"]]);
    // a customer with nothing overdue is not profiled (unless unable to pay)
    const notProfiled = (i: number) => days[i][0] === 0 && profiles[i][0] !== "unable";
    expect(flat(profiles).map((p, i) => (notProfiled(i) ? "" : p))).toEqual(triaged("profile"));
    // AR.CHANNEL is the next step but where the limitation period comes first, and when not yet due
    const limitation = triaged("limitation status");
    const channel = flat(fns.channel(column("Balance", "number"), days, profiles));
    const expected = channel.map((c, i) =>
      limitation[i] !== "running" ? "(limitation)" : days[i][0] === 0 ? "not yet due: no action" : c,
    );
    const steps = triaged("next step").map((s, i) => (limitation[i] !== "running" ? "(limitation)" : s));
    expect(steps).toEqual(expected);
    expect(limitation.filter((l) => l !== "running")).toHaveLength(1);
  });

  it("AR.SETTLE: the anchor-price ladder", () => {
    const balance = column("Balance", "number");
    // offered from warning level 1 on, not to a debtor unable to pay: the others are blank
    const offered = triaged("pay within 10 days (90%)").map((c) => c !== "");
    expect(offered.filter(Boolean).length).toBe(6);
    const where = (cells: string[]) => cells.map((c, i) => (offered[i] ? c : ""));
    expect(where(flat(fns.settle(balance, [[10]])))).toEqual(triaged("pay within 10 days (90%)"));
    expect(where(flat(fns.settle(balance, [[20]])))).toEqual(triaged("pay within 20 days (95%)"));
    expect(where(flat(fns.settle(balance, [[21]])))).toEqual(triaged("full balance (after 20 days)"));
  });

  it("AR.CONFIRM and AR.LIMITATION", () => {
    expect(flat(fns.confirm(column("Last balance confirmation", "date"), [[asOf]]))).toEqual(triaged("balance confirmation"));
    const lastDemand = column("Last demand", "date");
    expect(flat(fns.limitation(lastDemand, [[asOf]], [["days"]]))).toEqual(triaged("limitation: days left"));
    expect(flat(fns.limitation(lastDemand, [[asOf]], [["status"]]))).toEqual(triaged("limitation status"));
  });

  it("AR.EVIDENCE", () => {
    const evidence = fns.evidence(column("Signed contract"), column("Reconciliation"), column("Collection records"));
    expect(flat(evidence)).toEqual(triaged("missing evidence"));
  });
});

describe("the history columns of an item list are what AR.HISTORY gives on each customer's invoices (samples/ar-history-en.csv)", () => {
  let items: Table;
  let customers: Table;
  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), "ar-agree-history-")), "history.csv");
    const options = parseArguments(["samples/ar-history-en.csv", "--as-of", "2025-07-31", "--out", out], asOf);
    await runTriage(options);
    items = await readTable(options.file);
    customers = await readTable(out);
  });

  it("AR.HISTORY over due dates, paid dates and amounts, per customer, as AR.GRADE would be fed", () => {
    const h = (name: string) => items.headers.indexOf(name);
    const [customer, type, due, paid, amount] = [h("Customer"), h("Transaction Type"), h("Due Date"), h("Date Paid"), h("Amount")];
    const o = (name: string) => customers.headers.indexOf(name);
    const names = customers.rows.map((r) => String(r[o("customer")]));
    expect(names.length).toBe(12);
    for (const [i, name] of names.entries()) {
      const invoices = items.rows.filter((r) => r[customer] === name && r[type] === "Invoice");
      const cell = (v: unknown, read: (x: unknown) => number) => (String(v ?? "").trim() === "" ? null : read(v));
      const dueRange = invoices.map((r) => [cell(r[due], (x) => readLedgerDate(x, "due", "mdy"))]);
      const paidRange = invoices.map((r) => [cell(r[paid], (x) => readLedgerDate(x, "paid", "mdy"))]);
      const amountRange = invoices.map((r) => [cell(r[amount], (x) => readLedgerAmount(x, "amount"))]);
      const [[events, largest, daysLate]] = fns.history(dueRange, paidRange, amountRange, [[asOf]]);
      const row = customers.rows[i];
      expect(String(events), name).toBe(String(row[o("overdue events (12 months, from paid dates)")]));
      expect(String(largest), name).toBe(String(row[o("largest overdue invoice (12 months)")]));
      expect(String(daysLate), name).toBe(String(row[o("average days late (amount-weighted)")]));
      // Without a cash-flow column the history alone decides grade C (2 or more events, or one above the
      // small-amount limit of 50,000), as AR.GRADE's rule does from C down; A and B need the cash flow.
      const decidesC = Number(events) >= 2 || (Number(events) === 1 && Number(largest) > 50000);
      expect(String(row[o("grade")]), name).toBe(decidesC ? "C" : "");
      if (decidesC) expect(fns.grade([[events]], [[largest]], [["fair"]])).toEqual([["C"]]);
    }
  });
});
