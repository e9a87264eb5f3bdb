// DSO, best possible DSO, ADD and CEI on the hand-worked ledger of fixtures.ts.
//   sales: Jan 1,500 (A + B), Feb 800 (C), later 0
//   AR at month ends (ending / current): Jan 1,500 / 1,000; Feb 2,100 / 800; Mar 1,100 / 0
import { describe, expect, it } from "vitest";
import { collectionMetrics } from "../../src/analytics/dso.js";
import { threeInvoices } from "./fixtures.js";

describe("collection measures by month", () => {
  const { invoices, payments } = threeInvoices();

  it("computes DSO, best DSO, ADD and CEI as rules.md defines them", () => {
    const rows = collectionMetrics(invoices, { payments, asOf: "2024-06-30" }).objects() as Record<string, number>[];
    const [jan, feb, mar] = rows;
    expect(jan).toMatchObject({ days: 31, sales: 1500, ending_ar: 1500, current_ar: 1000 });
    expect(jan.dso).toBeCloseTo((1500 / 1500) * 31, 12);
    expect(jan.best_dso).toBeCloseTo((1000 / 1500) * 31, 12);
    expect(jan.add).toBeCloseTo(31 - 62 / 3, 12);
    expect(jan.opening_ar).toBeNaN();
    expect(jan.cei).toBeNaN(); // no opening receivables for the first month
    expect(feb).toMatchObject({ days: 29, sales: 800, ending_ar: 2100, current_ar: 800, opening_ar: 1500 });
    expect(feb.dso).toBeCloseTo((2100 / 800) * 29, 12); // 76.125
    expect(feb.best_dso).toBeCloseTo(29, 12);
    expect(feb.add).toBeCloseTo(47.125, 12);
    expect(feb.cei).toBeCloseTo(((1500 + 800 - 2100) / (1500 + 800 - 800)) * 100, 12); // 13.33
    expect(mar.dso).toBeNaN(); // no sales in March
    expect(mar.cei).toBeCloseTo(((2100 + 0 - 1100) / (2100 + 0 - 0)) * 100, 12); // 47.62
  });

  it("uses several months of sales and days with a window", () => {
    const rows = collectionMetrics(invoices, { payments, asOf: "2024-06-30", window: 2 }).objects() as Record<string, number>[];
    expect(rows[0].dso).toBeNaN(); // the window is not full yet
    expect(rows[1].dso).toBeCloseTo((2100 / 2300) * 60, 12);
    expect(rows[2].dso).toBeCloseTo((1100 / 800) * 60, 12);
    expect(() => collectionMetrics(invoices, { window: 0 })).toThrow(RangeError);
  });

  it("breaks down by a segment", () => {
    const rows = collectionMetrics(invoices, { payments, asOf: "2024-02-29", segment: "region" }).objects() as Record<string, unknown>[];
    const febEast = rows.find((r) => r.region === "East" && r.label === "2024-02")!;
    // East: A 1,000 (1-30) + C 800 (current); sales in Feb: C 800
    expect(febEast).toMatchObject({ sales: 800, ending_ar: 1800, current_ar: 800, opening_ar: 1000 });
  });
});
