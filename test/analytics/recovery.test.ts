// Recovery by profile and strategy, time to recover, discounts, plans: a hand-made case table.
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { recogniseColumns, triagePortfolio } from "../../src/core/index.js";
import { casesFromTriage, discountVersusCash, planOutcomes, recoveryRates, timeToRecover } from "../../src/analytics/recovery.js";

const N = null;
const cases = aq.table({
  customer: ["c1", "c2", "c3", "c4", "c5", "c6"],
  profile: ["temporary", "temporary", "willful", "willful", "unable", "unable"],
  strategy: ["instalment", "instalment", "settlement", "settlement", "bankruptcy", "bankruptcy"],
  balance: [1000, 500, 2000, 1000, 4000, 1000],
  collected: [900, 100, 1800, 950, 0, 0],
  recovered: [0, 50, 0, 0, 400, 0],
  written_off: [100, 400, 200, 50, 4000, 1000],
  discount: [100, 0, 200, 50, 0, 0],
  open_date: [100, 200, 300, 300, 100, 100],
  first_cash_date: [115, 215, 305, 318, 500, 0],
  last_cash_date: [400, 600, 305, 318, 500, 0],
  plan_kept: [true, false, N, N, N, N],
  instalments: [10, 5, N, N, N, N],
  broken_at: [N, 2, N, N, N, N],
  offer_rate: [N, N, 0.9, 0.95, N, N],
  days_to_pay: [N, N, 5, 18, N, N],
});
const rows = (t: { objects(): object[] }) => t.objects() as Record<string, any>[];

describe("recovery analyses", () => {
  it("recovery rates by profile: cash / amount in collection, recovered / written off, net loss", () => {
    const r = rows(recoveryRates(cases, "profile"));
    expect(r.map((x) => [x.profile, x.cases, x.balance, x.cash, x.written_off])).toEqual([
      ["temporary", 2, 1500, 1050, 500],
      ["unable", 2, 5000, 400, 5000],
      ["willful", 2, 3000, 2750, 250],
    ]);
    expect(r[0].recovery_rate).toBeCloseTo(0.7, 12);
    expect(r[0].writeoff_recovery_rate).toBeCloseTo(0.1, 12);
    expect(r[0].loss_rate).toBeCloseTo(0.3, 12);
    expect(r[1].recovery_rate).toBeCloseTo(0.08, 12);
    expect(r[1].loss_rate).toBeCloseTo(0.92, 12);
    expect(r[2].recovery_rate).toBeCloseTo(2750 / 3000, 12);
    expect(r[2].writeoff_recovery_rate).toBe(0);
    const all = rows(recoveryRates(cases, []));
    expect(all[0]).toMatchObject({ cases: 6, balance: 9500, cash: 4200 });
  });

  it("time to first and last cash by strategy (cases with cash)", () => {
    const r = rows(timeToRecover(cases));
    const inst = r.find((x) => x.strategy === "instalment")!;
    expect(inst).toMatchObject({
      cases_with_cash: 2,
      median_days_to_first_cash: 15,
      median_days_to_last_cash: 350,
      mean_days_to_last_cash: 350,
    });
    expect(inst.p90_days_to_last_cash).toBeCloseTo(390, 12);
    expect(r.find((x) => x.strategy === "settlement")).toMatchObject({ median_days_to_first_cash: 11.5 });
    expect(r.find((x) => x.strategy === "bankruptcy")).toMatchObject({ cases_with_cash: 1, median_days_to_last_cash: 400 });
  });

  it("discount given against cash gained by the rate of the anchor-price ladder", () => {
    const r = rows(discountVersusCash(cases));
    expect(r.map((x) => [x.offer_rate, x.cases, x.balance, x.discount, x.cash, x.mean_days_to_pay])).toEqual([
      [0.9, 1, 2000, 200, 1800, 5],
      [0.95, 1, 1000, 50, 950, 18],
    ]);
    expect(r[0].discount_per_cash).toBeCloseTo(1 / 9, 12);
    expect(r[1].discount_per_cash).toBeCloseTo(1 / 19, 12);
  });

  it("instalment plans kept against broken", () => {
    const r = rows(planOutcomes(cases));
    expect(r.map((x) => [x.plan, x.cases, x.share, x.cash])).toEqual([
      ["broken", 1, 0.5, 150],
      ["kept", 1, 0.5, 900],
    ]);
    expect(r[0].recovery_rate).toBeCloseTo(0.3, 12);
    expect(r[0].mean_broken_at).toBe(2);
    expect(r[1].mean_broken_at).toBeNaN();
  });

  it("builds cases from the core's triage and recorded outcomes", () => {
    const headers = ["Customer", "Balance", "Due date", "Business operating", "Income stable", "Proposed plan", "Insolvent"];
    const sheet = [
      ["Acme", 1000, "2025-01-01", "yes", "yes", "yes", "no"],
      ["Bolt", 4000, "2025-02-01", "", "", "", "yes"],
      ["", 10, "2025-02-01", "", "", "", ""],
    ];
    const { mapping } = recogniseColumns(headers);
    const { records } = triagePortfolio(sheet, mapping, { asOf: 45838 });
    const outcomes = aq.table({
      customer: ["Acme", "Bolt", "Nobody"],
      strategy: ["instalment", "bankruptcy", "ladder"],
      collected: [900, 0, 5],
      recovered: [0, 300, 0],
      written_off: [100, 4000, 0],
      discount: [100, 0, 0],
    });
    const c = rows(casesFromTriage(records, outcomes));
    expect(c.map((x) => [x.customer, x.profile, x.balance, x.strategy])).toEqual([
      ["Acme", "temporary", 1000, "instalment"],
      ["Bolt", "unable", 4000, "bankruptcy"],
    ]);
    expect(rows(recoveryRates(casesFromTriage(records, outcomes), "profile")).map((x) => x.recovery_rate)).toEqual([0.9, 0.075]);
  });
});
