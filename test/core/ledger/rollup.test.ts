import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_POLICY,
  openAmountAt,
  rollUp,
  RuleError,
  serialFromCivil,
  withOverrides,
  type LedgerItem,
} from "../../../src/core/index.js";

const d = (iso: string): number => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromCivil(y, m, day);
};
const asOf = d("2025-07-31");

let next = 0;
/** An item with defaults: an invoice, nothing paid, no due date. */
function item(customerKey: string, fields: Partial<LedgerItem>): LedgerItem {
  return {
    index: next++,
    customerKey,
    kind: "invoice",
    amount: null,
    open: null,
    paidAmount: null,
    dueDate: null,
    paidDate: null,
    ...fields,
  };
}

describe("openAmountAt: the open amount at the as-of date", () => {
  it("is 0 once paid on or before the as-of date, the whole amount when paid after it", () => {
    expect(openAmountAt(item("A", { amount: 800, paidDate: d("2025-07-31") }), asOf)).toBe(0); // paid on the day
    expect(openAmountAt(item("A", { amount: 800, paidDate: d("2025-08-01") }), asOf)).toBe(800); // paid the day after
    // A history export: the open column says 0 (paid since), but at the as-of date it was owed.
    expect(openAmountAt(item("A", { amount: 800, open: 0, paidDate: d("2025-08-01") }), asOf)).toBe(800);
  });

  it("takes the exported open amount, else amount less partial payments", () => {
    expect(openAmountAt(item("A", { amount: 2500.1, open: 1234.56 }), asOf)).toBe(1234.56);
    expect(openAmountAt(item("A", { amount: 2500.1, paidAmount: 500.05 }), asOf)).toBe(2000.05);
    expect(openAmountAt(item("A", { amount: 0.3, paidAmount: 0.1 }), asOf)).toBe(0.2); // in cents, not 0.19999999999999998
    expect(openAmountAt(item("A", { open: 99.995 }), asOf)).toBe(100); // rounded to the cent, half away from zero
    // paid after the as-of date with a partial payment recorded: less the partial payment
    expect(openAmountAt(item("A", { amount: 1000, paidAmount: 400, paidDate: d("2025-09-01") }), asOf)).toBe(600);
    // ... but a "paid amount" equal to the amount is the settlement that came after the as-of date
    expect(openAmountAt(item("A", { amount: 1000, paidAmount: 1000, paidDate: d("2025-09-01") }), asOf)).toBe(1000);
  });

  it("keeps credits and payments negative, partial application bringing them toward 0", () => {
    expect(openAmountAt(item("A", { kind: "credit", amount: -150.15 }), asOf)).toBe(-150.15);
    expect(openAmountAt(item("A", { kind: "payment", amount: -500, paidAmount: 200 }), asOf)).toBe(-300);
  });

  it("refuses an item without amount and open amount, naming it", () => {
    const bad = { ...item("A", {}), index: 7 };
    expect(() => openAmountAt(bad, asOf)).toThrow(RuleError);
    expect(() => openAmountAt(bad, asOf)).toThrow(/^amount \(item 7\): is missing, and so is the open amount/);
    expect(() => openAmountAt({ ...bad, amount: Number.NaN }, asOf)).toThrow(/^amount \(item 7\): NaN is not a number/);
  });
});

describe("rollUp: one line per customer", () => {
  next = 0;
  const items: LedgerItem[] = [
    item("ACME", { amount: 1000, dueDate: d("2025-05-01") }), // 0: 91 days past due (May 30 + Jun 30 + Jul 31 days), 90+
    item("Beta", { amount: 100, open: 100, dueDate: d("2025-07-01") }), // 1: 30 days, bucket 1-30
    item("ACME", { amount: 2500.1, paidAmount: 500.05, dueDate: d("2025-07-15") }), // 2: open 2000.05, 16 days, 1-30
    item("ACME", { amount: 800, dueDate: d("2025-06-01"), paidDate: d("2025-07-20") }), // 3: paid before the as-of date: 0
    item("Gamma", { amount: 0.1, dueDate: d("2025-08-15") }), // 4: current
    item("ACME", { amount: 300, dueDate: d("2025-06-30"), paidDate: d("2025-08-10") }), // 5: paid later: open 300, 31 days, 31-60
    item("Beta", { kind: "payment", amount: -250 }), // 6: unapplied payment, no due date: current
    item("ACME", { kind: "credit", amount: -150.15 }), // 7: credit note, current
    item("Gamma", { amount: 0.2, dueDate: d("2025-08-15") }), // 8: current
    item("ACME", { amount: 1200, dueDate: d("2025-08-31") }), // 9: not yet due: current
  ];
  const result = rollUp(items, asOf, DEFAULT_POLICY);

  it("adds invoices less credit notes and payments, exactly to the cent, by bucket", () => {
    const [acme, beta, gamma] = result.customers;
    expect(result.customers.map((c) => c.customerKey)).toEqual(["ACME", "Beta", "Gamma"]);
    // balance 1000 + 2000.05 + 0 + 300 - 150.15 + 1200 = 4349.90
    // buckets: current 1200 - 150.15 = 1049.85; 1-30: 2000.05; 31-60: 300; 61-90: 0; 90+: 1000
    expect(acme).toEqual({
      customerKey: "ACME",
      balance: 4349.9,
      overdueAmount: 3300.05, // 1000 + 2000.05 + 300
      oldestDueDate: d("2025-05-01"),
      daysPastDue: 91,
      buckets: [1049.85, 2000.05, 300, 0, 1000],
      undatedAmount: 0,
      openItems: 5,
      overdueItems: 3,
      netCredit: false,
      itemCount: 6,
    });
    // 100 - 250 = -150: a net credit, no aging; the buckets still reconcile (-250 current, 100 in 1-30)
    expect(beta).toMatchObject({ balance: -150, netCredit: true, daysPastDue: null, oldestDueDate: null, buckets: [-250, 100, 0, 0, 0] });
    expect(beta.overdueItems).toBe(1);
    // 0.1 + 0.2 in cents is 0.3, not 0.30000000000000004
    expect(gamma).toMatchObject({ balance: 0.3, daysPastDue: 0, overdueItems: 0, buckets: [0.3, 0, 0, 0, 0] });
  });

  it("ages each item on its own", () => {
    expect(result.items.map((i) => [i.index, i.openAmount, i.daysPastDue, i.bucket, i.overdue])).toEqual([
      [0, 1000, 91, 4, true],
      [1, 100, 30, 1, true],
      [2, 2000.05, 16, 1, true],
      [3, 0, null, null, false],
      [4, 0.1, 0, 0, false],
      [5, 300, 31, 2, true],
      [6, -250, 0, 0, false],
      [7, -150.15, 0, 0, false],
      [8, 0.2, 0, 0, false],
      [9, 1200, 0, 0, false],
    ]);
  });

  it("uses the policy's bucket edges", () => {
    const policy = withOverrides({ agingEdges: [15, 45] });
    const [acme] = rollUp(items, asOf, policy).customers;
    // current 1049.85; 1-15: 0; 16-45: 2000.05 + 300; 45+: 1000
    expect(acme.buckets).toEqual([1049.85, 0, 2300.05, 1000]);
  });

  it("keeps an invoice without a due date apart (undated), never overdue", () => {
    next = 0;
    const r = rollUp([item("U", { amount: 500 }), item("U", { amount: 70, dueDate: d("2025-07-01") })], asOf, DEFAULT_POLICY);
    expect(r.customers[0]).toMatchObject({ balance: 570, undatedAmount: 500, buckets: [0, 70, 0, 0, 0], overdueItems: 1, daysPastDue: 30 });
    expect(r.items[0]).toMatchObject({ openAmount: 500, daysPastDue: null, bucket: null, overdue: false });
  });

  it("lists customers by their first item, whatever the array order", () => {
    const reversed = rollUp([...items].reverse(), asOf, DEFAULT_POLICY);
    expect(reversed.customers).toEqual(result.customers);
    expect(reversed.items.map((i) => i.index)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]); // results in input order
  });
});

/** Random ledgers: a few customers, amounts in cents, dates around the as-of date. */
const ledger = fc
  .array(
    fc.record({
      customerKey: fc.constantFrom("A", "B", "C", "D"),
      kind: fc.constantFrom("invoice", "invoice", "credit", "payment") as fc.Arbitrary<LedgerItem["kind"]>,
      cents: fc.integer({ min: 0, max: 100_000_000 }),
      paidCents: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
      openCents: fc.option(fc.integer({ min: -100_000_000, max: 100_000_000 }), { nil: null }),
      due: fc.option(fc.integer({ min: -400, max: 120 }), { nil: null }),
      paid: fc.option(fc.integer({ min: -400, max: 120 }), { nil: null }),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, index): LedgerItem => ({
      index,
      customerKey: r.customerKey,
      kind: r.kind,
      amount: ((r.kind === "invoice" ? 1 : -1) * r.cents) / 100,
      open: r.openCents === null ? null : r.openCents / 100,
      paidAmount: r.paidCents === null ? null : r.paidCents / 100,
      dueDate: r.due === null ? null : asOf + r.due,
      paidDate: r.paid === null ? null : asOf + r.paid,
    })),
  );

describe("rollUp properties", () => {
  it("does not depend on row order", () => {
    fc.assert(
      fc.property(
        ledger.chain((items) =>
          fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length })),
        ),
        ([items, shuffled]) => {
          const a = rollUp(items, asOf, DEFAULT_POLICY);
          const b = rollUp(shuffled, asOf, DEFAULT_POLICY);
          expect(b.customers).toEqual(a.customers);
          const byIndex = (r: typeof a) => [...r.items].sort((x, y) => x.index - y.index);
          expect(byIndex(b)).toEqual(byIndex(a));
        },
      ),
    );
  });

  it("item amounts add up to customer balances, and buckets plus undated to the balance, to the cent", () => {
    fc.assert(
      fc.property(ledger, (items) => {
        const r = rollUp(items, asOf, DEFAULT_POLICY);
        const cents = (x: number) => Math.round(x * 100);
        for (const c of r.customers) {
          const own = r.items.filter((i) => i.customerKey === c.customerKey);
          expect(own.length).toBe(c.itemCount);
          expect(cents(c.balance)).toBe(own.reduce((s, i) => s + cents(i.openAmount), 0));
          expect(cents(c.balance)).toBe(c.buckets.reduce((s, b) => s + cents(b), cents(c.undatedAmount)));
          expect(c.balance).toBe(cents(c.balance) / 100); // a whole number of cents
          expect(c.overdueItems).toBe(own.filter((i) => i.overdue).length);
          expect(c.netCredit).toBe(c.balance <= 0);
          if (!c.netCredit && c.overdueItems > 0)
            expect(c.daysPastDue).toBe(Math.max(...own.filter((i) => i.overdue).map((i) => i.daysPastDue!)));
        }
        expect(r.customers.reduce((s, c) => s + c.itemCount, 0)).toBe(items.length); // every item accounted for
      }),
    );
  });
});
