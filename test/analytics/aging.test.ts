// Month-end aging, share over 90 days and roll rates on a hand-worked ledger (fixtures.ts).
import { describe, expect, it } from "vitest";
import { averageRollRates, monthEndAging, overdueShare, rollRates } from "../../src/analytics/aging.js";
import { monthIndex } from "../../src/analytics/calendar.js";
import { generateTables } from "../../src/analytics/generator/index.js";
import { compareBeforeAfter } from "../../src/analytics/trends.js";
import { d, threeInvoices } from "./fixtures.js";

const rowsOf = (t: { objects(): object[] }) => t.objects() as Record<string, unknown>[];

/** balance by month label and bucket, non-zero only. */
function balances(aging: ReturnType<typeof monthEndAging>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rowsOf(aging)) {
    out[r.label as string] ??= {};
    if ((r.balance as number) !== 0) out[r.label as string][r.bucket as string] = r.balance as number;
  }
  return out;
}

describe("month-end aging", () => {
  const { invoices, payments } = threeInvoices();

  it("ages every open balance at every month end, with the payments", () => {
    const aging = monthEndAging(invoices, { payments, asOf: "2024-06-30" });
    expect(aging.numRows()).toBe(6 * 5); // every month x bucket, zeros included
    expect(balances(aging)).toEqual({
      "2024-01": { "current": 1000, "1-30": 500 },
      "2024-02": { "current": 800, "1-30": 1000, "31-60": 300 },
      "2024-03": { "1-30": 800, "61-90": 300 },
      "2024-04": { "31-60": 800 },
      "2024-05": { "61-90": 800 },
      "2024-06": {},
    });
    const feb = rowsOf(aging).filter((r) => r.label === "2024-02");
    expect(feb.map((r) => r.invoices)).toEqual([1, 1, 1, 0, 0]);
    expect(feb.map((r) => r.eventual_write_off)).toEqual([800, 0, 0, 0, 0]); // C will be written off
    expect(feb[0].month_end).toBe(d("2024-02-29"));
    expect((feb[0].date as Date).toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(feb.map((r) => r.from_days)).toEqual([0, 1, 31, 61, 91]);
  });

  it("without the payments table counts a partly paid invoice until its last payment", () => {
    const aging = monthEndAging(invoices, { asOf: "2024-06-30" });
    expect(balances(aging)["2024-02"]).toEqual({ "current": 800, "1-30": 1000, "31-60": 500 });
  });

  it("breaks down by a segment and takes other bucket edges and labels", () => {
    const aging = monthEndAging(invoices, { payments, asOf: "2024-03-31", segment: "region", edges: [60], language: "zh" });
    const mar = rowsOf(aging).filter((r) => r.label === "2024-03" && (r.balance as number) > 0);
    expect(mar).toEqual([
      expect.objectContaining({ region: "East", bucket: "1-60天", balance: 800 }),
      expect.objectContaining({ region: "West", bucket: "60天以上", balance: 300 }),
    ]);
  });

  it("stops at the ledger date", () => {
    expect(monthEndAging(invoices, { asOf: "2024-03-30" }).rollup({ m: "d => op.max(d.label)" }).get("m", 0)).toBe("2024-02");
    // default: the latest date in the table (C's write-off on 06-30)
    expect(monthEndAging(invoices).rollup({ m: "d => op.max(d.label)" }).get("m", 0)).toBe("2024-06");
  });
});

describe("share over 90 days and roll rates", () => {
  const { invoices, payments } = threeInvoices();
  const aging = monthEndAging(invoices, { payments, asOf: "2024-06-30" });

  it("gives the share of receivables beyond a number of days (denominator: all open receivables)", () => {
    const over30 = rowsOf(overdueShare(aging, { over: 30 }));
    expect(over30.map((r) => r.total)).toEqual([1500, 2100, 1100, 800, 800, 0]);
    expect(over30.map((r) => r.over_balance)).toEqual([0, 300, 300, 800, 800, 0]);
    expect(over30[1].share).toBeCloseTo(300 / 2100, 12);
    expect(over30[5].share).toBeNaN();
    expect(rowsOf(overdueShare(aging)).map((r) => r.over_balance)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("rolls balances from bucket k to k + 1 month end to month end", () => {
    const rolls = rowsOf(rollRates(aging));
    const rate = (label: string, from: string) => rolls.find((r) => r.label === label && r.from === from)!.rate as number;
    expect(rolls.length).toBe(5 * 4); // Feb..Jun x 4 transitions
    expect(rate("2024-02", "current")).toBe(1); // Jan current 1,000 -> Feb 1-30 1,000
    expect(rate("2024-02", "1-30")).toBe(0.6); // Jan 1-30 500 -> Feb 31-60 300
    expect(rate("2024-02", "31-60")).toBeNaN(); // nothing in 31-60 in January
    expect(rate("2024-03", "1-30")).toBe(0); // Feb 1-30 1,000 (A) was paid
    expect(rate("2024-03", "31-60")).toBe(1); // B 300
    expect(rate("2024-04", "61-90")).toBe(0); // B paid in April
    expect(rate("2024-05", "31-60")).toBe(1); // C 800
  });

  it("averages roll rates weighted by balance, and plainly", () => {
    const avg = rowsOf(averageRollRates(rollRates(aging)));
    const current = avg.find((r) => r.from === "current")!;
    // Feb 1,000/1,000 and Mar 800/800
    expect(current).toMatchObject({ months: 2, from_balance: 1800, to_balance: 1800, rate: 1, mean_rate: 1 });
    const b1 = avg.find((r) => r.from === "1-30")!;
    // Feb 300/500, Mar 0/1,000, Apr 800/800: (300 + 0 + 800) / 2,300; mean of 0.6, 0, 1
    expect(b1.rate).toBeCloseTo(1100 / 2300, 12);
    expect(b1.mean_rate).toBeCloseTo(1.6 / 3, 12);
  });
});

describe("share over 90 days on a generated ledger, before and after the method", () => {
  // Why notebook 01 compares 2022 with 2024 rather than all 24 months with all 24: the ledger starts with no
  // default in progress (a ramp-up year), and in the first year of the method the defaults of before are
  // still open while shorter terms shrink the receivables (a transition year).
  const ledger = generateTables({ seed: 11, invoices: 50_000 });
  const policyDate = ledger.summary.options.policyDate;
  const over90 = overdueShare(monthEndAging(ledger.invoices, { payments: ledger.payments, edges: [30, 60, 90, 120] }));
  const ratios = (dropFirst: number, skip: number) =>
    rowsOf(
      compareBeforeAfter(over90, { policyDate, period: "month", numerator: "over_balance", denominator: "total", dropFirst, skip }),
    ).map((r) => r.ratio as number);

  it("falls from the steady state before to the steady state after", () => {
    const [before, after] = ratios(12, 12);
    expect(after).toBeLessThan(before * 0.5);
  });

  it("is held up in the transition year by invoices issued before the policy date", () => {
    const [, allAfter] = ratios(0, 0);
    expect(allAfter).toBeGreaterThan(ratios(12, 12)[1] * 1.5);
    const byIssue = ledger.invoices.params({ policyDate }).derive({ issued: "(d, $) => d.issue_date < $.policyDate ? 'legacy' : 'new'" });
    const split = rowsOf(
      overdueShare(monthEndAging(byIssue, { payments: ledger.payments, edges: [30, 60, 90, 120], segment: "issued" }), {
        segment: "issued",
      }),
    );
    const first = monthIndex(policyDate);
    const legacyShare = (from: number, to: number) => {
      const rows = split.filter((r) => (r.month as number) >= from && (r.month as number) <= to);
      const sum = (xs: Record<string, unknown>[]) => xs.reduce((a, r) => a + (r.over_balance as number), 0);
      return sum(rows.filter((r) => r.issued === "legacy")) / sum(rows);
    };
    expect(legacyShare(first, first + 11)).toBeGreaterThan(0.6);
    expect(legacyShare(first + 12, first + 23)).toBeLessThan(0.05);
    // the terms shorten: receivables after are well under half of those before
    const total = (from: number, to: number) =>
      rowsOf(over90)
        .filter((r) => (r.month as number) >= from && (r.month as number) <= to)
        .reduce((a, r) => a + (r.total as number), 0);
    expect(total(first + 12, first + 23)).toBeLessThan(total(first - 12, first - 1) * 0.5);
  });
});
