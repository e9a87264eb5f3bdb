/**
 * The export-shaped fixtures (test/cli/fixtures/exports: Kingdee, Yonyou, SAP FBL5N, QuickBooks A/R Aging
 * Detail, ERPNext, an English invoice history) read as the command line reads them and triaged by
 * triageLedger, against the expectations computed independently in Python (compute-expected.py): header
 * row, every row's kind, each customer's balance, items, oldest days past due, bucket amounts and (from the
 * paid dates) grade inputs, and the reconciliation with the export's own total.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recogniseColumns, triageLedger, type LedgerTriage } from "../../src/core/index.js";
import { readTable } from "../../src/cli/table-io.js";
import { parseArguments, runTriage } from "../../src/cli/triage.js";

const DIR = join(__dirname, "fixtures/exports");

interface ExpectedCustomer {
  customer: string;
  items: number;
  openBalance: number;
  openItems: number;
  overdueItems: number;
  oldestDaysPastDue: number;
  buckets: Record<string, number>;
  netCredit: boolean;
  settled: boolean;
  overdueEvents12M?: number;
  largestOverdue?: number;
  averageDaysLate?: number | null;
}

interface Expected {
  asOfSerial: number;
  columns: { decimalMark: "." | "," };
  layout: { rowCount: number; headerRow: number; titleRows: number[] };
  itemCount: number;
  grandTotal: number | null;
  grandTotalRow: number | null;
  reconciles: boolean;
  openAtAsOf: number;
  customers: ExpectedCustomer[];
  rows: { row: number; kind: string; customer?: string }[];
}

const FIXTURES = [
  "kingdee-open-items.csv",
  "yonyou-aging.csv",
  "sap-fbl5n.txt",
  "quickbooks-ar-aging-detail.csv",
  "erpnext-accounts-receivable.csv",
  "ar-history-en.csv",
];

async function triageFixture(file: string, shuffle = false): Promise<{ ledger: LedgerTriage; expected: Expected; firstRow: number }> {
  const expected = JSON.parse(readFileSync(join(DIR, file.replace(/\.(csv|txt)$/, ".expected.json")), "utf8")) as Expected;
  const table = await readTable(join(DIR, file));
  const recognition = recogniseColumns(table.headers);
  let rows = table.rows;
  if (shuffle) {
    // Reversed rows: a different order of the same items (the roll-up must not depend on it).
    rows = [...rows].reverse();
  }
  const ledger = triageLedger(rows, recognition.mapping, {
    asOf: expected.asOfSerial,
    firstRowNumber: table.firstRowNumber,
    dateSystem: table.dateSystem,
    rowProblems: table.rowProblems,
    headers: table.headers,
    decimal: expected.columns.decimalMark,
  });
  return { ledger, expected, firstRow: table.firstRowNumber };
}

describe.each(FIXTURES)("%s", (file) => {
  it("finds the header below the title rows and accounts for every row by its kind", async () => {
    const { ledger, expected, firstRow } = await triageFixture(file);
    expect(ledger.shape).toBe("items");
    expect(firstRow - 1).toBe(expected.layout.headerRow);
    const items = ledger.items ?? [];
    const below = expected.rows.filter((r) => r.row > expected.layout.headerRow);
    // Trailing blank rows are not rows of the table.
    let last = below.length - 1;
    while (last >= 0 && below[last].kind === "blank") last--;
    expect(items.map((i) => i.sourceRow)).toEqual(below.slice(0, last + 1).map((r) => r.row));
    expect(items.map((i) => i.kind)).toEqual(below.slice(0, last + 1).map((r) => r.kind));
    expect(items.filter((i) => i.kind === "data")).toHaveLength(expected.itemCount);
    // rows in = rows accounted for: every data row rolled up, history, or a problem; nothing else dropped
    expect(items.filter((i) => i.fate === "problem")).toEqual([]);
    for (const item of items.filter((i) => i.kind === "data")) {
      expect(item.customer).toBe(expected.rows.find((r) => r.row === item.sourceRow)?.customer);
    }
  });

  it("rolls the items up per customer as computed independently", async () => {
    const { ledger, expected } = await triageFixture(file);
    const records = ledger.output.records;
    const sums = ledger.customerItems ?? [];
    expect(records.map((r) => r.customer)).toEqual(expected.customers.map((c) => c.customer));
    expected.customers.forEach((c, i) => {
      const got = sums[i];
      expect(got.balance, c.customer).toBeCloseTo(c.openBalance, 9);
      expect(got.rows).toHaveLength(c.items);
      expect(got.openItems, c.customer).toBe(c.openItems);
      expect(got.overdueItems, c.customer).toBe(c.overdueItems);
      expect(
        got.bucketAmounts.map((a) => Math.round(a * 100) / 100),
        c.customer,
      ).toEqual(Object.values(c.buckets));
      if (!c.netCredit && !c.settled) expect(records[i].daysPastDue, c.customer).toBe(c.oldestDaysPastDue);
      if (c.overdueEvents12M !== undefined) {
        expect(got.history?.overdueEvents, c.customer).toBe(c.overdueEvents12M);
        expect(got.history?.largestOverdue, c.customer).toBe(c.largestOverdue);
        expect(got.history?.averageDaysLate ?? null, c.customer).toBe(c.averageDaysLate ?? null);
      }
    });
  });

  it("reconciles items, customers and the export's own total", async () => {
    const { ledger, expected } = await triageFixture(file);
    const rec = ledger.reconciliation;
    expect(rec).not.toBeNull();
    expect(rec?.itemsTotal).toBeCloseTo(expected.openAtAsOf, 9);
    expect(rec?.customersTotal).toBe(rec?.itemsTotal);
    if (expected.grandTotal === null) expect(rec?.exportTotal).toBeNull();
    else expect(rec?.exportTotal).toEqual({ amount: expected.grandTotal, sourceRow: expected.grandTotalRow });
    expect(rec?.agrees).toBe(expected.reconciles);
  });

  it("gives the same customers whatever the order of the rows", async () => {
    const { ledger } = await triageFixture(file);
    const { ledger: reversed } = await triageFixture(file, true);
    const byName = (l: LedgerTriage) =>
      new Map(l.output.records.map((r, i) => [r.customer, { balance: l.customerItems?.[i].balance, grade: r.grade, dpd: r.daysPastDue }]));
    expect(byName(reversed)).toEqual(byName(ledger));
  });
});

describe("the README's first triage command", () => {
  it("prints what the README shows", async () => {
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    // the first try: `npm ci`, then this command, then what it prints
    const command =
      /```sh\n(?:npm ci\n)?npm run triage -- (samples\/kingdee-open-items\.csv) --out result\.csv\n```\n\n```text\n([\s\S]*?)```/.exec(
        readme,
      );
    expect(command).not.toBeNull();
    const shown = (command?.[2] ?? "").trim().split("\n");
    const dir = mkdtempSync(join(tmpdir(), "ar-readme-"));
    const lines = await runTriage(parseArguments([join(__dirname, "../..", command?.[1] ?? ""), "--out", join(dir, "result.csv")]));
    const printed = lines.map((l) => l.replace(dir + "/", ""));
    for (const line of shown) expect(printed, line).toContain(line);
  });
});
