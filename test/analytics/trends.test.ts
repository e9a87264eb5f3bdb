// Write-off rates by period and segment, rolling 12 months, before/after, over receivables.
//   i1: East, issued 2024-01-05, 1,000, nothing written off
//   i2: West, issued 2024-01-20, 500, 100 written off on 2024-03-10
//   i3: East, issued 2024-02-10, 800, 800 written off on 2024-02-28
// period basis (written off in the month / sales of the month): Jan 0/1,500 = 0; Feb 800/800 = 1;
//   Mar 100/0 = NaN. Vintage (written off on the month's invoices): Jan 100/1,500; Feb 800/800.
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { attachCustomerColumns, compareBeforeAfter, writeOffRates, writeOffToReceivables } from "../../src/analytics/trends.js";
import { monthEndAging } from "../../src/analytics/aging.js";
import { generateTables } from "../../src/analytics/generator/index.js";
import { monthIndex } from "../../src/analytics/calendar.js";
import { d, threeInvoices } from "./fixtures.js";

const invoices = aq.table({
  region: ["East", "West", "East"],
  issue_date: Int32Array.from([d("2024-01-05"), d("2024-01-20"), d("2024-02-10")]),
  amount: Float64Array.from([1000, 500, 800]),
  written_off: Float64Array.from([0, 100, 800]),
  writeoff_date: Int32Array.from([0, d("2024-03-10"), d("2024-02-28")]),
});
const rows = (t: { objects(): object[] }) => t.objects() as Record<string, any>[];

describe("write-off rates", () => {
  it("by month on the period basis, with the rolling ratio of sums and mean of rates", () => {
    const r = rows(writeOffRates(invoices, { rolling: 2 }));
    expect(r.map((x) => x.label)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(r.map((x) => x.sales)).toEqual([1500, 800, 0]);
    expect(r.map((x) => x.written_off)).toEqual([0, 800, 100]);
    expect(r[0].rate).toBe(0);
    expect(r[1].rate).toBe(1);
    expect(r[2].rate).toBeNaN();
    expect(r[0].rolling_rate).toBeNaN(); // window not full
    expect(r[1].rolling_rate).toBeCloseTo(800 / 2300, 12);
    expect(r[2].rolling_rate).toBeCloseTo(900 / 800, 12);
    expect(r[1].rolling_mean_rate).toBeCloseTo(0.5, 12); // mean of 0 and 1
    expect(r[2].rolling_mean_rate).toBe(1); // mean of 1 (March has no rate)
    expect(r[0].start.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(r[0].period).toBe(monthIndex(d("2024-01-01")));
  });

  it("on the vintage basis, by quarter, by segment", () => {
    const v = rows(writeOffRates(invoices, { basis: "vintage", rolling: 1 }));
    expect(v.map((x) => [x.label, x.sales, x.written_off])).toEqual([
      ["2024-01", 1500, 100],
      ["2024-02", 800, 800],
    ]);
    expect(v[0].rolling_rate).toBeCloseTo(100 / 1500, 12);
    const q = rows(writeOffRates(invoices, { by: "quarter" }));
    expect(q.map((x) => [x.label, x.sales, x.written_off])).toEqual([["2024Q1", 2300, 900]]);
    const s = rows(writeOffRates(invoices, { segment: "region", rolling: 3 }));
    expect(s.map((x) => [x.region, x.label, x.sales, x.written_off])).toEqual([
      ["East", "2024-01", 1000, 0],
      ["East", "2024-02", 800, 800],
      ["East", "2024-03", 0, 0],
      ["West", "2024-01", 500, 0],
      ["West", "2024-02", 0, 0],
      ["West", "2024-03", 0, 100],
    ]);
    expect(s[2].rolling_rate).toBeCloseTo(800 / 1800, 12);
    expect(s[5].rolling_rate).toBeCloseTo(100 / 500, 12);
  });

  it("takes a period range", () => {
    const r = rows(writeOffRates(invoices, { from: "2023-12-01", to: "2024-04-30" }));
    expect(r.map((x) => x.label)).toEqual(["2023-12", "2024-01", "2024-02", "2024-03", "2024-04"]);
    expect(r[0].sales).toBe(0);
  });

  it("agrees with a plain Arquero groupby on a generated ledger", () => {
    const { invoices: inv } = generateTables({ invoices: 20_000, seed: 3, tables: ["invoices"] });
    const fast = rows(writeOffRates(inv, { segment: "grade" }));
    const sales = rows(
      inv.derive({ period: "d => op.ar_month(d.issue_date)" }).groupby("period", "grade").rollup({ s: "d => op.sum(d.amount)" }),
    );
    const wo = rows(
      inv
        .filter("d => d.written_off > 0")
        .derive({ period: "d => op.ar_month(d.writeoff_date)" })
        .groupby("period", "grade")
        .rollup({ w: "d => op.sum(d.written_off)" }),
    );
    for (const x of sales) {
      const f = fast.find((y) => y.period === x.period && y.grade === x.grade)!;
      expect(f.sales).toBeCloseTo(x.s, 6);
    }
    for (const x of wo) {
      const f = fast.find((y) => y.period === x.period && y.grade === x.grade)!;
      expect(f.written_off).toBeCloseTo(x.w, 6);
    }
    expect(fast.reduce((a, x) => a + x.sales, 0)).toBeCloseTo(inv.rollup({ s: "d => op.sum(d.amount)" }).get("s", 0) as number, 4);
  });
});

describe("before and after the policy date", () => {
  it("sums numerator and denominator on each side and compares the ratios", () => {
    const r = rows(compareBeforeAfter(writeOffRates(invoices), { policyDate: "2024-02-01" }));
    expect(r.map((x) => [x.phase, x.periods, x.numerator, x.denominator])).toEqual([
      ["before", 1, 0, 1500],
      ["after", 2, 900, 800],
    ]);
    expect(r[1].ratio).toBeCloseTo(900 / 800, 12);
    expect(r[1].change).toBe(Infinity);
    // a policy date inside a month: that month is before, the next after
    const mid = rows(compareBeforeAfter(writeOffRates(invoices), { policyDate: "2024-01-15" }));
    expect(mid.map((x) => x.periods)).toEqual([1, 2]);
    const skipped = rows(compareBeforeAfter(writeOffRates(invoices), { policyDate: "2024-02-01", skip: 1, dropFirst: 0, dropLast: 0 }));
    expect(skipped.map((x) => [x.phase, x.numerator, x.denominator])).toEqual([
      ["before", 0, 1500],
      ["after", 100, 0],
    ]);
  });

  it("by segment and with an aging table's columns", () => {
    const r = rows(compareBeforeAfter(writeOffRates(invoices, { segment: "region" }), { policyDate: "2024-02-01", segment: "region" }));
    expect(r.map((x) => [x.region, x.phase, x.numerator, x.denominator])).toEqual([
      ["East", "before", 0, 1000],
      ["East", "after", 800, 800],
      ["West", "before", 0, 500],
      ["West", "after", 100, 0],
    ]);
  });
});

describe("write-offs over receivables", () => {
  it("divides the month's write-offs by its average receivables", () => {
    const { invoices: inv, payments } = threeInvoices();
    const r = rows(writeOffToReceivables(inv, monthEndAging(inv, { payments, asOf: "2024-06-30" })));
    expect(r.map((x) => x.ending_ar)).toEqual([1500, 2100, 1100, 800, 800, 0]);
    expect(r.map((x) => x.written_off)).toEqual([0, 0, 0, 0, 0, 800]);
    expect(r[0].rate).toBeNaN();
    expect(r[5].average_ar).toBe(400);
    expect(r[5].rate).toBe(2);
  });
});

describe("rates by a customer attribute", () => {
  it("copies customer columns onto the invoices and breaks the rates down by them", () => {
    const inv = invoices.assign({ customer_id: [1, 2, 9] });
    const customers = aq.table({ customer_id: [2, 1], profile: ["willful", "none"] });
    const t = attachCustomerColumns(inv, customers, ["profile"]);
    expect(t.array("profile")).toEqual(["none", "willful", null]);
    const r = rows(writeOffRates(t, { segment: "profile", by: "quarter" }));
    expect(r.map((x) => [x.profile, x.sales, x.written_off])).toEqual([
      ["none", 1000, 0],
      ["willful", 500, 100],
      [null, 800, 800], // unknown customer: a segment of its own, last
    ]);
  });
});
