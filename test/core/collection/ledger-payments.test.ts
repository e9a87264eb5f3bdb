// Payments from the ledger's paid dates (issue 13, item 2): an item list's paid invoices count as payments for
// the log's promises and plans, each payment once (a log payment of the same customer, day and amount is the
// same payment), and the facts cite the item rows. Hand-made cases, each figure worked out in its comment.
import { describe, expect, it } from "vitest";
import {
  collectionFacts,
  isoFromSerial,
  matchLedgerPayments,
  readCollectionLog,
  recogniseColumns,
  RuleError,
  serialFromCivil,
  triageLedger,
  type CustomerFacts,
  type LedgerPayment,
} from "../../../src/core/index.js";

const d = (iso: string) => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromCivil(y, m, day);
};
const ISO = (serial: number | null | undefined) => (serial === null || serial === undefined ? null : isoFromSerial(serial));
const AS_OF = d("2025-07-31");

/** A log from rows [date, customer, action, amount?, promised date?, note?] (sheet rows from 2). */
function log(rows: [string, string, string, number?, string?, string?][]) {
  return readCollectionLog([
    ["Date", "Customer", "Action", "Amount", "Promised date", "Note"],
    ...rows.map(([date, customer, action, amount, promised, note]) => [date, customer, action, amount ?? "", promised ?? "", note ?? ""]),
  ]);
}
const paid = (customer: string, date: string, amount: number, sourceRow: number): LedgerPayment => ({
  customer,
  date: d(date),
  amount,
  sourceRow,
});
const one = (f: ReturnType<typeof collectionFacts>): CustomerFacts => {
  expect(f.customers).toHaveLength(1);
  return f.customers[0];
};
const reason = (c: CustomerFacts, code: string) => c.reasons.find((r) => r.code === code);

describe("payments from the ledger's paid dates", () => {
  const promise = log([["2025-06-01", "Acme", "promise to pay", 100_000, "2025-06-10"]]); // row 2

  it("keeps a promise with a ledger payment alone, citing the item row", () => {
    // Without the ledger: no payment by 06-10 + 3 days' grace, broken at 07-31.
    expect(one(collectionFacts(promise, AS_OF)).promises.map((p) => p.status)).toEqual(["broken"]);
    // Invoice paid 06-09 for 100,000 (item row 7): covers the promise in full, so kept on 06-09.
    const c = one(collectionFacts(promise, AS_OF, undefined, undefined, [paid("ACME", "2025-06-09", 100_000, 7)]));
    const p = c.promises[0];
    expect([p.status, p.paid, ISO(p.keptOn), p.paymentRows, p.itemRows]).toEqual(["kept", 100_000, "2025-06-09", [], [7]]);
    expect([c.promisesKept, c.promisesBroken, c.ledgerPaymentRows, c.samePayments]).toEqual([1, 0, [7], []]);
    expect(reason(c, "ledger-payments")).toEqual({
      code: "ledger-payments",
      en: "counted for promises and plans: 1 payment from the ledger's paid dates (item row 7)",
      zh: "计入承诺与分期：台账付款日期中的回款 1 笔（明细第 7 行）",
    });
  });

  it("does not count a payment twice when the log records it too (same customer, day and amount)", () => {
    // Promise of 60,000 by 06-20; 30,000 paid 06-15, in the log (row 3) and in the ledger (item row 12).
    // Counted once: 30,000 of 60,000, broken. Counted twice it would be kept.
    const l = log([
      ["2025-06-01", "Acme", "promise to pay", 60_000, "2025-06-20"],
      ["2025-06-15", "Acme", "payment", 30_000],
    ]);
    const c = one(collectionFacts(l, AS_OF, undefined, undefined, [paid("Acme", "2025-06-15", 30_000, 12)]));
    const p = c.promises[0];
    expect([p.status, p.paid, p.paymentRows, p.itemRows]).toEqual(["broken", 30_000, [3], [12]]);
    expect(c.samePayments).toEqual([{ logRow: 3, itemRow: 12 }]);
    expect(c.ledgerPaymentRows).toEqual([]);
    expect(reason(c, "ledger-payments")?.en).toBe(
      "counted for promises and plans: item row 12 = log row 3: the same payment, counted once",
    );
    expect(reason(c, "ledger-payments")?.zh).toBe("计入承诺与分期：明细第 12 行 = 催收记录第 3 行：同一笔回款，只计一次");
  });

  it("pairs same payments one to one: another day, another cent or a third equal payment counts on its own", () => {
    // Log rows 3 and 4: 5,000 each on 06-15. Ledger: items 20, 21, 22 of 5,000 on 06-15 (20 = row 3, 21 = row 4,
    // 22 on its own), item 23 of 5,000 on 06-16 (another day), item 24 of 5,000.01 on 06-15 (another amount).
    // Payments: rows 3, 4, items 22, 23 (4 x 5,000) + item 24 (5,000.01) = 25,000.01, covering the 25,000
    // promised by 06-20: kept (counted twice, items 20 and 21 would make it 35,000.01).
    const l = log([
      ["2025-06-01", "Acme", "promise to pay", 25_000, "2025-06-20"],
      ["2025-06-15", "Acme", "payment", 5_000],
      ["2025-06-15", "Acme", "payment", 5_000],
    ]);
    const ledger = [
      paid("Acme", "2025-06-15", 5_000.01, 24),
      paid("Acme", "2025-06-16", 5_000, 23),
      paid("Acme", "2025-06-15", 5_000, 22),
      paid("Acme", "2025-06-15", 5_000, 21),
      paid("Acme", "2025-06-15", 5_000, 20),
    ];
    const c = one(collectionFacts(l, AS_OF, undefined, undefined, ledger));
    expect(c.samePayments).toEqual([
      { logRow: 3, itemRow: 20 },
      { logRow: 4, itemRow: 21 },
    ]);
    expect(c.ledgerPaymentRows).toEqual([22, 24, 23]); // by date, then item row
    const p = c.promises[0];
    expect([p.status, p.paid, ISO(p.keptOn)]).toEqual(["kept", 25_000, "2025-06-16"]);
    // 06-15: rows 3 (= 20), 4 (= 21), items 22, 24 = 20,000.01; then 06-16 item 23 gives the last 4,999.99.
    expect(p.payments.map((x) => x.amount)).toEqual([5_000, 5_000, 5_000, 5_000.01, 4_999.99]);
    expect([p.paymentRows, p.itemRows]).toEqual([
      [3, 4],
      [20, 21, 22, 24, 23],
    ]);
    expect(matchLedgerPayments([{ date: d("2025-06-15"), amount: 5_000, sourceRow: 3 }], [])).toEqual([
      { date: d("2025-06-15"), amount: 5_000, logRow: 3, itemRow: null },
    ]);
  });

  it("tracks an instalment plan with the ledger's payments", () => {
    // Plan agreed 05-01: 10,000 monthly from 05-31, 3 instalments. Paid: 05-30 (item 5), 06-30 (item 6, also
    // log row 3). As of 07-31: instalment 1 (05-31) kept, 2 (06-30) kept with 20,000 by 07-03, 3 (07-31) in
    // grace to 08-03 with 20,000 of 30,000: pending.
    const l = log([
      ["2025-05-01", "Acme", "plan agreed", 10_000, "2025-05-31", "分3期"],
      ["2025-06-30", "Acme", "payment", 10_000],
    ]);
    const c = one(
      collectionFacts(l, AS_OF, undefined, undefined, [paid("Acme", "2025-05-30", 10_000, 5), paid("Acme", "2025-06-30", 10_000, 6)]),
    );
    const plan = c.plan;
    expect([plan?.kept, plan?.missed, plan?.pending, plan?.paid, plan?.paymentRows, plan?.itemRows]).toEqual([
      2,
      0,
      1,
      20_000,
      [3],
      [5, 6],
    ]);
    expect(c.samePayments).toEqual([{ logRow: 3, itemRow: 6 }]);
    expect(c.ledgerPaymentRows).toEqual([5]);
  });

  it("leaves out payments after the as-of date and customers the log does not name", () => {
    const f = collectionFacts(promise, AS_OF, undefined, undefined, [
      paid("Acme", "2025-08-01", 100_000, 9),
      paid("Other", "2025-06-09", 100_000, 8),
    ]);
    const c = one(f);
    expect([c.promises[0].status, c.ledgerPaymentRows, reason(c, "ledger-payments")]).toEqual(["broken", [], undefined]);
    expect(f.byKey.has("other")).toBe(false);
  });

  it("refuses a ledger payment that is not one, naming ledgerPayments", () => {
    const bad = [{ customer: "Acme", date: d("2025-06-09"), amount: 0, sourceRow: 7 }];
    expect(() => collectionFacts(promise, AS_OF, undefined, undefined, bad)).toThrow(RuleError);
    try {
      collectionFacts(promise, AS_OF, undefined, undefined, bad);
    } catch (error) {
      expect((error as RuleError).argument).toBe("ledgerPayments");
      expect((error as RuleError).zh).toContain("大于 0 的金额");
    }
  });
});

describe("an item list with paid dates, triaged with a log", () => {
  // Item rows 2-6 of a payment history; the log's promise (row 2) is kept by invoice INV-1 paid 06-09 (item row 2).
  const items = [
    ["Customer", "Invoice", "Type", "Due date", "Amount", "Paid date"],
    ["Acme", "INV-1", "Invoice", "2025-05-31", "100000", "2025-06-09"], // row 2: paid, a payment of 100,000
    ["Acme", "INV-2", "Invoice", "2025-06-30", "50000", ""], // row 3: open, 31 days past due
    ["Acme", "PMT-1", "Payment", "", "-100000", "2025-06-09"], // row 4: the payment document clearing INV-1: not counted again
    ["Beta", "INV-3", "Invoice", "2025-06-30", "20000", "2025-07-10"], // row 5: Beta is not in the log
    ["Acme", "INV-4", "Invoice", "2025-07-15", "8000", "2025-08-02"], // row 6: paid after the as-of date
  ];
  const mapping = recogniseColumns(items[0]).mapping;
  const l = log([
    ["2025-06-01", "Acme", "promise to pay", 100_000, "2025-06-10"],
    ["2025-06-01", "Acme", "promise to pay", 100_000, "2025-06-12"], // a second promise: the payment document must not keep it
    ["2025-07-20", "Acme", "call"],
  ]);

  it("counts each paid invoice once, for the customer named in the log, and cites its item row", () => {
    expect(mapping.paidDate).toBe(5);
    const out = triageLedger(items.slice(1), mapping, { asOf: AS_OF, collectionLog: l }).output;
    const acme = out.records.find((r) => r.customer === "Acme");
    const beta = out.records.find((r) => r.customer === "Beta");
    expect(acme?.balance).toBe(58_000); // INV-2 50,000 + INV-4 8,000 (open at 07-31); INV-1 and the payment settle each other
    const c = acme?.collection;
    expect(c?.promises.map((p) => [p.sourceRow, p.status, p.itemRows])).toEqual([
      [2, "kept", [2]],
      [3, "broken", []],
    ]);
    expect(c?.ledgerPaymentRows).toEqual([2]);
    expect(beta?.collection).toBeNull();
    expect(out.collection?.notInPortfolio).toEqual([]);
  });

  it("changes nothing without a log", () => {
    const out = triageLedger(items.slice(1), mapping, { asOf: AS_OF }).output;
    expect(out.collection).toBeUndefined();
    expect(out.records.every((r) => r.collection === undefined)).toBe(true);
  });
});
