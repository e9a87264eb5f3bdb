// The provision matrix from history (IFRS 9 simplified approach) on the hand-worked ledger of
// fixtures.ts, with the policy's bands (not due, 1-30, 31-90, 91-180, 180+):
//   Jan: A 1,000 not due; B 500 1-30            Feb: C 800 not due; A 1,000 1-30; B 300 31-90
//   Mar: C 800 1-30; B 300 31-90                Apr: C 800 31-90      May: C 800 31-90
// C (800) is written off later: its balance at each month end is "eventual write-off".
//   not due: 1,800 of which 800 -> 44.4%;  1-30: 2,300 of which 800 -> 34.8%;  31-90: 2,200 of which 1,600 -> 72.7%
import { describe, expect, it } from "vitest";
import { checkProvisionRates, DEFAULT_POLICY, provision } from "../../src/core/index.js";
import { bandEdges, provisionAsOf, provisionMatrix, ratesFromMatrix } from "../../src/analytics/provision.js";
import { generateTables } from "../../src/analytics/generator/index.js";
import { threeInvoices } from "./fixtures.js";

describe("provision matrix from history", () => {
  const { invoices, payments } = threeInvoices();

  it("maps the policy's bands to aging edges", () => {
    expect(bandEdges(DEFAULT_POLICY.provisionRates)).toEqual([30, 90, 180]);
    expect(() =>
      bandEdges([
        { upTo: 30, rate: 0.01 },
        { upTo: null, rate: 0.5 },
      ]),
    ).toThrow(/not due/);
  });

  it("gives each band's historical loss rate, made usable as a policy", () => {
    const m = provisionMatrix(invoices, { payments, asOf: "2024-06-30", maturity: 0 }).objects() as Record<string, any>[];
    expect(m.map((r) => r.band)).toEqual(["not due", "1-30", "31-90", "91-180", "180+"]);
    expect(m.map((r) => r.balance)).toEqual([1800, 2300, 2200, 0, 0]);
    expect(m.map((r) => r.eventual_write_off)).toEqual([800, 800, 1600, 0, 0]);
    expect(m[0].loss_rate).toBeCloseTo(800 / 1800, 12);
    expect(m[1].loss_rate).toBeCloseTo(800 / 2300, 12);
    expect(m[2].loss_rate).toBeCloseTo(1600 / 2200, 12);
    expect(m[3].loss_rate).toBeNaN();
    // never lower for older debts; an empty band takes the younger band's
    expect(m.map((r) => r.rate)).toEqual([800 / 1800, 800 / 1800, 1600 / 2200, 1600 / 2200, 1600 / 2200]);
    expect(m.map((r) => r.policy_rate)).toEqual([0.01, 0.02, 0.03, 0.2, 0.5]);
    const rates = ratesFromMatrix(provisionMatrix(invoices, { payments, asOf: "2024-06-30", maturity: 0 }));
    expect(checkProvisionRates(rates)).toBe(rates);
    expect(rates.map((r) => r.upTo)).toEqual([0, 30, 90, 180, null]);
  });

  it("counts only mature month ends", () => {
    // maturity 3 months from 2024-06-30: month ends up to March
    const m = provisionMatrix(invoices, { payments, asOf: "2024-06-30", maturity: 3 }).objects() as Record<string, any>[];
    expect(m.map((r) => r.balance)).toEqual([1800, 2300, 600, 0, 0]);
    expect(m.map((r) => r.month_ends)).toEqual([3, 3, 3, 3, 3]);
  });

  it("provides on today's receivables with the core's provision rule, band by band", () => {
    // 2024-03-31: B 300 at 71 days (31-90: 3%) = 9; C 800 at 25 days (1-30: 2%) = 16
    const p = provisionAsOf(invoices, "2024-03-31", DEFAULT_POLICY.provisionRates, { payments });
    expect(p.total).toEqual({ balance: 1100, provision: 25 });
    expect(p.matrixProvision).toBe(25);
    expect((p.table.objects() as Record<string, number>[]).map((r) => r.provision)).toEqual([0, 16, 9, 0, 0]);
    // without the payments B is 500 until it is paid: 500 x 3% = 15
    expect(provisionAsOf(invoices, "2024-03-31").total).toEqual({ balance: 1300, provision: 31 });
  });

  it("agrees with the core invoice by invoice on a generated ledger, and the bands' sum is within rounding", () => {
    const { invoices: inv, payments: pay } = generateTables({ invoices: 20_000, seed: 5, tables: ["invoices", "payments"] });
    const asOf = 45000;
    const rates = ratesFromMatrix(provisionMatrix(inv, { payments: pay }));
    const p = provisionAsOf(inv, asOf, rates, { payments: pay });
    // the core, invoice by invoice, straight from the rows
    const received = new Map<number, number>();
    for (const r of pay.objects() as Record<string, number>[])
      if (r.date <= asOf) received.set(r.invoice_id, (received.get(r.invoice_id) ?? 0) + r.amount);
    let expected = 0;
    let open = 0;
    for (const r of inv.objects() as Record<string, number>[]) {
      if (r.issue_date > asOf) continue;
      const balance =
        Math.round(
          (r.amount - (received.get(r.invoice_id) ?? 0) - (r.writeoff_date > 0 && r.writeoff_date <= asOf ? r.written_off : 0)) * 100,
        ) / 100;
      if (balance <= 0) continue;
      open++;
      expected += provision(balance, Math.max(0, r.due_date < asOf ? asOf - r.due_date : 0), rates);
    }
    expect(open).toBeGreaterThan(100);
    expect(p.total.provision).toBeCloseTo(expected, 2);
    expect(Math.abs(p.total.provision - p.matrixProvision)).toBeLessThanOrEqual(0.005 * open);
  });
});
