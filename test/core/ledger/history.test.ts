import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { overdueHistory, overdueHistoryByCustomer, RuleError, serialFromCivil, type LedgerItem } from "../../../src/core/index.js";
import { ibmSampleFile } from "../../../src/analytics/io.js";
import { ibmPresent, ibmSuite } from "../../support/ibm-sample.js";
import { installExcelGlobals } from "../../support/excel-globals.js";

const d = (iso: string): number => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromCivil(y, m, day);
};

describe("overdueHistory: grade inputs from payment history (hand-computed)", () => {
  // As of 2025-06-30 the window is due dates after 2024-06-30 up to 2025-06-30.
  const asOf = d("2025-06-30");
  const invoices = [
    { dueDate: d("2024-06-30"), paidDate: d("2024-09-01"), amount: 5000 }, // A: due exactly 12 months before: outside
    { dueDate: d("2024-07-01"), paidDate: d("2024-07-01"), amount: 1000 }, // B: paid on the due date: on time, 0 days
    { dueDate: d("2024-10-15"), paidDate: d("2024-11-04"), amount: 3000 }, // C: paid 20 days late: event
    { dueDate: d("2025-03-31"), paidDate: null, amount: 2000 }, // D: unpaid, 30 + 31 + 30 = 91 days late: event
    { dueDate: d("2025-06-30"), paidDate: null, amount: 4000 }, // E: due on the as-of date: in the window, not late
    { dueDate: d("2025-05-20"), paidDate: d("2025-07-15"), amount: 1000 }, // F: paid after the as-of date: unpaid then, 41 days: event
    { dueDate: d("2025-07-10"), paidDate: null, amount: 9000 }, // G: due after the as-of date: outside
  ];

  it("counts late payments and unpaid invoices past due in the 12 months", () => {
    // events C, D, F; largest 3000; due in the window B, C, D, E, F
    // average = (1000x0 + 3000x20 + 2000x91 + 4000x0 + 1000x41) / (1000 + 3000 + 2000 + 4000 + 1000)
    //         = (60000 + 182000 + 41000) / 11000 = 283000 / 11000 = 25.727... -> 25.7
    expect(overdueHistory(invoices, asOf)).toEqual({ overdueEvents: 3, largestOverdue: 3000, averageDaysLate: 25.7, invoicesDue: 5 });
  });

  it("gives the grace: late only more than graceDays after the due date; days late are not shortened", () => {
    // grace 20: C (20 days) is on time; D, F remain; largest 2000
    expect(overdueHistory(invoices, asOf, 20)).toEqual({ overdueEvents: 2, largestOverdue: 2000, averageDaysLate: 25.7, invoicesDue: 5 });
    // grace 41: F (41 days) on time too; D (91) remains
    expect(overdueHistory(invoices, asOf, 41)).toMatchObject({ overdueEvents: 1, largestOverdue: 2000 });
    expect(overdueHistory(invoices, asOf, 91)).toMatchObject({ overdueEvents: 0, largestOverdue: 0, averageDaysLate: 25.7 });
  });

  it("knows only what was known at the as-of date", () => {
    // As of 2024-11-03, C (due 2024-10-15, paid 2024-11-04) was unpaid for 19 days: an event.
    const c = [invoices[2]];
    expect(overdueHistory(c, d("2024-11-03"))).toEqual({ overdueEvents: 1, largestOverdue: 3000, averageDaysLate: 19, invoicesDue: 1 });
    // With a grace of 19 days it was not yet late, although it was paid 20 days late later.
    expect(overdueHistory(c, d("2024-11-03"), 19).overdueEvents).toBe(0);
  });

  it("has the window's edges at EDATE(as_of, -12), month ends included", () => {
    // 2025-02-28 - 12 months = 2024-02-28: due 2024-02-28 outside, 2024-02-29 inside
    const feb = [
      { dueDate: d("2024-02-28"), paidDate: null, amount: 10 },
      { dueDate: d("2024-02-29"), paidDate: null, amount: 20 },
    ];
    expect(overdueHistory(feb, d("2025-02-28"))).toMatchObject({ overdueEvents: 1, largestOverdue: 20, invoicesDue: 1 });
    // 2024-02-29 - 12 months = 2023-02-28
    expect(overdueHistory([{ dueDate: d("2023-02-28"), paidDate: null, amount: 5 }], d("2024-02-29")).invoicesDue).toBe(0);
    expect(overdueHistory([{ dueDate: d("2023-03-01"), paidDate: null, amount: 5 }], d("2024-02-29")).invoicesDue).toBe(1);
    // in 1900 the window reaches before the calendar: everything due so far counts
    expect(overdueHistory([{ dueDate: 1, paidDate: 3, amount: 5 }], 100)).toMatchObject({ overdueEvents: 1, averageDaysLate: 2 });
  });

  it("rounds the average half up to 0.1 day, and is null when nothing is due", () => {
    // (1000 x 1 + 3000 x 0) / 4000 = 0.25 -> 0.3
    const asOf2 = d("2025-01-31");
    const two = [
      { dueDate: d("2025-01-10"), paidDate: d("2025-01-11"), amount: 1000 },
      { dueDate: d("2025-01-10"), paidDate: d("2025-01-05"), amount: 3000 }, // paid early: 0 days late, not max(-5)
    ];
    expect(overdueHistory(two, asOf2)).toEqual({ overdueEvents: 1, largestOverdue: 1000, averageDaysLate: 0.3, invoicesDue: 2 });
    expect(overdueHistory([], asOf2)).toEqual({ overdueEvents: 0, largestOverdue: 0, averageDaysLate: null, invoicesDue: 0 });
    // all amounts 0: the plain mean, (10 + 0) / 2 = 5
    const zero = [
      { dueDate: d("2025-01-01"), paidDate: d("2025-01-11"), amount: 0 },
      { dueDate: d("2025-01-01"), paidDate: d("2025-01-01"), amount: 0 },
    ];
    expect(overdueHistory(zero, asOf2)).toEqual({ overdueEvents: 1, largestOverdue: 0, averageDaysLate: 5, invoicesDue: 2 });
  });

  it("stays exact with the largest amounts (sums beyond 2^53 cents x days)", () => {
    const big = 90_071_992_547_409.91;
    const rows = [
      { dueDate: d("2025-01-01"), paidDate: d("2025-01-31"), amount: big }, // 30 days
      { dueDate: d("2025-01-01"), paidDate: d("2025-01-01"), amount: big }, // 0 days
    ];
    expect(overdueHistory(rows, d("2025-06-30"))).toEqual({ overdueEvents: 1, largestOverdue: big, averageDaysLate: 15, invoicesDue: 2 });
  });

  it("refuses credits, bad dates and a bad grace, naming the argument and the row", () => {
    const asOf3 = d("2025-06-30");
    const refuse = (f: () => unknown, pattern: RegExp) => {
      expect(f).toThrow(RuleError);
      expect(f).toThrow(pattern);
    };
    refuse(() => overdueHistory([invoices[1], { ...invoices[1], amount: -5 }], asOf3), /^amounts: row 2: -5 is not an invoice amount >= 0/);
    refuse(() => overdueHistory([{ ...invoices[1], dueDate: 45000.5 }], asOf3), /^due_dates: row 1: /);
    refuse(() => overdueHistory([{ ...invoices[1], paidDate: Number.NaN }], asOf3), /^paid_dates: row 1: /);
    refuse(() => overdueHistory(invoices, asOf3, 366), /^grace_days: 366 must be a whole number of days from 0 to 365/);
    refuse(() => overdueHistory(invoices, asOf3, 1.5), /^grace_days: /);
    try {
      overdueHistory([{ ...invoices[1], amount: -5 }], asOf3);
    } catch (e) {
      expect((e as RuleError).zh).toMatch(/^amounts：第 1 行/);
    }
  });
});

describe("overdueHistoryByCustomer: the history of a ledger", () => {
  it("takes each customer's invoices with a due date, not credits, payments or reversals", () => {
    const asOf = d("2025-06-30");
    const base = { open: null, paidAmount: null, paidDate: null };
    const items: LedgerItem[] = [
      { ...base, index: 0, customerKey: "B", kind: "invoice", amount: 700, dueDate: d("2025-06-01") }, // 29 days unpaid
      { ...base, index: 1, customerKey: "A", kind: "invoice", amount: 100, dueDate: d("2025-06-20"), paidDate: d("2025-06-25") }, // 5 late
      { ...base, index: 2, customerKey: "A", kind: "credit", amount: -900, dueDate: d("2025-01-01") }, // not an invoice
      { ...base, index: 3, customerKey: "A", kind: "payment", amount: -100, dueDate: null },
      { ...base, index: 4, customerKey: "A", kind: "invoice", amount: -50, dueDate: d("2025-01-01") }, // a reversal
      { ...base, index: 5, customerKey: "A", kind: "invoice", amount: null, open: 300, paidAmount: 200, dueDate: d("2025-06-10") }, // 500, 20 late
      { ...base, index: 6, customerKey: "C", kind: "payment", amount: -10, dueDate: null },
    ];
    const byCustomer = overdueHistoryByCustomer(items, asOf);
    expect([...byCustomer.keys()]).toEqual(["B", "A", "C"]);
    expect(byCustomer.get("B")).toEqual({ overdueEvents: 1, largestOverdue: 700, averageDaysLate: 29, invoicesDue: 1 });
    // (100 x 5 + 500 x 20) / 600 = 10500 / 600 = 17.5
    expect(byCustomer.get("A")).toEqual({ overdueEvents: 2, largestOverdue: 500, averageDaysLate: 17.5, invoicesDue: 2 });
    expect(byCustomer.get("C")).toEqual({ overdueEvents: 0, largestOverdue: 0, averageDaysLate: null, invoicesDue: 0 });
  });
});

// The IBM "Accounts Receivable" sample (2,466 invoices of 100 customers, not shipped; skipped when absent):
// the overdue record of every customer computed here from the raw file with plain code (UTC day counts,
// a 12-month window by calendar arithmetic, float sums), independently of the core's dates and money.
interface Raw {
  customer: string;
  due: Date;
  settled: Date;
  cents: number;
}
const DAY = 86_400_000;
function usDate(text: string): Date {
  const [m, day, y] = text.split("/").map(Number);
  return new Date(Date.UTC(y, m - 1, day));
}
function serialOf(date: Date): number {
  return Math.round((date.getTime() - Date.UTC(1899, 11, 30)) / DAY);
}

let raw: Raw[] = [];
beforeAll(() => {
  if (!ibmPresent) return;
  const lines = readFileSync(ibmSampleFile(), "utf8")
    .split(/\r?\n/)
    .filter((l) => l !== "");
  const header = lines[0].split(",");
  const col = (name: string) => header.indexOf(name);
  raw = lines.slice(1).map((line) => {
    const f = line.split(",");
    return {
      customer: f[col("customerID")],
      due: usDate(f[col("DueDate")]),
      settled: usDate(f[col("SettledDate")]),
      cents: Math.round(Number(f[col("InvoiceAmount")]) * 100),
    };
  });
});

/** The rule written out plainly, for one customer. */
function expected(rows: readonly Raw[], asOf: Date, grace: number) {
  const start = new Date(Date.UTC(asOf.getUTCFullYear() - 1, asOf.getUTCMonth(), asOf.getUTCDate())); // no 29 Feb at our dates
  let events = 0;
  let largest = 0;
  let weighted = 0;
  let weights = 0;
  let due = 0;
  for (const r of rows) {
    if (!(r.due > start && r.due <= asOf)) continue;
    due++;
    const until = r.settled <= asOf ? r.settled : asOf;
    const late = Math.round((until.getTime() - r.due.getTime()) / DAY);
    if (late > grace) {
      events++;
      largest = Math.max(largest, r.cents);
    }
    weighted += r.cents * Math.max(0, late);
    weights += r.cents;
  }
  return {
    overdueEvents: events,
    largestOverdue: largest / 100,
    averageDaysLate: due === 0 ? null : Math.round((weighted * 10) / weights) / 10,
    invoicesDue: due,
  };
}

describe.skipIf(!ibmPresent)(ibmSuite("overdueHistory on the IBM invoice histories, computed independently"), () => {
  it.each([
    ["2013-12-31", 0],
    ["2013-06-30", 0],
    ["2013-12-31", 5],
  ])("as of %s, grace %i days: every customer agrees", (iso, grace) => {
    const asOf = new Date(`${iso}T00:00:00Z`);
    const customers = new Map<string, Raw[]>();
    for (const r of raw) customers.set(r.customer, [...(customers.get(r.customer) ?? []), r]);
    expect(customers.size).toBe(100);
    let withEvents = 0;
    for (const [customer, rows] of customers) {
      const got = overdueHistory(
        rows.map((r) => ({ dueDate: serialOf(r.due), paidDate: serialOf(r.settled), amount: r.cents / 100 })),
        serialOf(asOf),
        grace,
      );
      expect({ customer, ...got }).toEqual({ customer, ...expected(rows, asOf, grace) });
      if (got.overdueEvents > 0) withEvents++;
    }
    expect(withEvents).toBeGreaterThan(10); // the comparison is not trivially all zeros
  });

  it("AR.HISTORY, as Excel calls it over each customer's columns, gives the same", async () => {
    installExcelGlobals("en-US");
    const { history } = await import("../../../src/functions/functions.js");
    const asOf = serialOf(new Date("2013-12-31T00:00:00Z"));
    const customers = new Map<string, Raw[]>();
    for (const r of raw) customers.set(r.customer, [...(customers.get(r.customer) ?? []), r]);
    for (const [customer, rows] of customers) {
      const got = history(
        rows.map((r) => [serialOf(r.due)]),
        rows.map((r) => [serialOf(r.settled)]),
        rows.map((r) => [r.cents / 100]),
        [[asOf]],
      );
      const want = expected(rows, new Date("2013-12-31T00:00:00Z"), 0);
      expect([customer, ...got[0]]).toEqual([customer, want.overdueEvents, want.largestOverdue, want.averageDaysLate ?? ""]);
    }
  });

  it("the triage of the file as the command line reads it (an item list with paid dates) gives the same per customer", async () => {
    const { readTable } = await import("../../../src/cli/table-io.js");
    const { recogniseColumns, triageLedger } = await import("../../../src/core/index.js");
    const table = await readTable(ibmSampleFile());
    const asOf = new Date("2013-12-31T00:00:00Z");
    const ledger = triageLedger(table.rows, recogniseColumns(table.headers).mapping, {
      asOf: serialOf(asOf),
      firstRowNumber: table.firstRowNumber,
      headers: table.headers,
    });
    expect(ledger.shape).toBe("items");
    expect(ledger.items).toHaveLength(2466); // every invoice accounted for
    expect(ledger.dateOrder?.order).toBe("mdy"); // decided from dates such as 1/15/2013
    const customers = new Map<string, Raw[]>();
    for (const r of raw) customers.set(r.customer, [...(customers.get(r.customer) ?? []), r]);
    expect(ledger.output.records).toHaveLength(customers.size);
    ledger.output.records.forEach((record, i) => {
      const want = expected(customers.get(record.customer) ?? [], asOf, 0);
      const got = ledger.customerItems?.[i].history;
      expect({ customer: record.customer, ...got }).toEqual({ customer: record.customer, ...want });
      // the grade the triage gives follows from them (no cash-flow column: C or none)
      const c = want.overdueEvents >= 2 || (want.overdueEvents === 1 && want.largestOverdue > 50000);
      expect(record.grade).toBe(c ? "C" : null);
    });
  });

  it("pins a few figures as of 2013-12-31 (13 invoices settled after it count as unpaid then)", () => {
    const asOf = serialOf(new Date("2013-12-31T00:00:00Z"));
    const invoicesOf = (rows: readonly Raw[]) =>
      rows.map((r) => ({ dueDate: serialOf(r.due), paidDate: serialOf(r.settled), amount: r.cents / 100 }));
    expect(raw.filter((r) => serialOf(r.settled) > asOf).length).toBe(13);
    expect(overdueHistory(invoicesOf(raw), asOf)).toEqual({
      overdueEvents: 416,
      largestOverdue: 126.31,
      averageDaysLate: 3.1,
      invoicesDue: 1294,
    });
    // the most often late customer: 19 of its 21 invoices due in 2013
    expect(overdueHistory(invoicesOf(raw.filter((r) => r.customer === "0688-XNJRO")), asOf)).toEqual({
      overdueEvents: 19,
      largestOverdue: 56.04,
      averageDaysLate: 13.6,
      invoicesDue: 21,
    });
  });
});
