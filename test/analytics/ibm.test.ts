// The IBM "Accounts Receivable" sample (../shared/data or $AR_DATA_DIR, not shipped: no licence stated;
// skipped when absent): loader and analyses,
// checked against figures computed independently with pandas 1.5 on the same file:
//   2,466 invoices, 100 customers, 5 countries, total 147,703.18
//   Disputed No: 1,905 invoices, 25.93% late, mean 1.929659 days late (sd 4.282597), 23.506037 days to settle
//   Disputed Yes: 561 invoices, 68.27% late, mean 8.579323 days late (sd 8.809565), 36.424242 days to settle
//   Electronic: 1,203, 27.51% late, 2.389859 days; Paper: 1,263, 43.23% late, 4.444972 days
//   latest payer: 2621-XCLEH, 15 invoices, 19.6 days late on average
//   open at 2013-06-30: 84 invoices, 5,119.85, of which 4,284.29 not yet due, nothing over 30 days
//   invoices of January 2013: 111; 62.7179% of their amount settled within 30 days of issue
import { beforeAll, describe, expect, it } from "vitest";
import { daysPastDue } from "../../src/core/index.js";
import { loadIbm } from "../../src/analytics/io.js";
import { cohortCurves, daysLateByCustomer, effectOf, ibmAging, ibmLedger, type IbmInvoices } from "../../src/analytics/ibm.js";
import { collectionMetrics } from "../../src/analytics/dso.js";
import { isoToSerial } from "../../src/analytics/calendar.js";
import { ibmPresent, ibmSuite } from "../support/ibm-sample.js";

let ibm: IbmInvoices;
beforeAll(() => {
  if (ibmPresent) ibm = loadIbm();
});
const rows = (t: { objects(): object[] }) => t.objects() as Record<string, any>[];

describe.skipIf(!ibmPresent)(ibmSuite("IBM invoice histories"), () => {
  it("loads every invoice with dates as serials and invoice numbers as text", () => {
    expect(ibm.numRows()).toBe(2466);
    const first = rows(ibm.slice(0, 1))[0];
    expect(first).toMatchObject({
      country: "391",
      customer: "0379-NEVHP",
      invoice: "0000611365",
      amount: 55.94,
      disputed: false,
      paperless: false,
      days_to_settle: 13,
      days_late: 0,
    });
    expect(first.issue_date).toBe(isoToSerial("2013-01-02"));
    expect(new Set(ibm.array("customer") as unknown as string[]).size).toBe(100);
    expect(ibm.rollup({ s: "d => op.sum(d.amount)" }).get("s", 0)).toBeCloseTo(147703.18, 6);
    // DaysLate is the core's days past due at settlement on every invoice
    const late = rows(ibm).filter((r) => daysPastDue(r.due_date, r.settled_date) !== r.days_late);
    expect(late).toEqual([]);
  });

  it("shows that disputed invoices are paid later", () => {
    const e = effectOf(ibm, "disputed");
    const [no, yes] = rows(e.table);
    expect(no).toMatchObject({ value: false, invoices: 1905 });
    expect(yes).toMatchObject({ value: true, invoices: 561 });
    expect(no.late_share).toBeCloseTo(0.259318, 6);
    expect(no.mean_days_late).toBeCloseTo(1.929659, 6);
    expect(no.sd_days_late).toBeCloseTo(4.282597, 6);
    expect(no.mean_days_to_settle).toBeCloseTo(23.506037, 6);
    expect(yes.late_share).toBeCloseTo(0.682709, 6);
    expect(yes.mean_days_late).toBeCloseTo(8.579323, 6);
    expect(yes.sd_days_late).toBeCloseTo(8.809565, 6);
    expect(e.difference.meanDaysLate).toBeCloseTo(8.579323 - 1.929659, 6);
    // Welch's t from the means and standard deviations above
    const t = (8.579323 - 1.929659) / Math.sqrt(8.809565 ** 2 / 561 + 4.282597 ** 2 / 1905);
    expect(e.welch.t).toBeCloseTo(t, 3);
  });

  it("shows that electronic bills are paid sooner", () => {
    const e = effectOf(ibm, "paperless");
    const [paper, electronic] = rows(e.table);
    expect(paper).toMatchObject({ value: false, invoices: 1263 });
    expect(electronic).toMatchObject({ value: true, invoices: 1203 });
    expect(paper.late_share).toBeCloseTo(0.432304, 6);
    expect(electronic.mean_days_late).toBeCloseTo(2.389859, 6);
    expect(electronic.mean_days_to_settle).toBeCloseTo(23.58936, 5);
    expect(e.difference.meanDaysLate).toBeCloseTo(2.389859 - 4.444972, 5);
  });

  it("ranks customers by days late", () => {
    const c = rows(daysLateByCustomer(ibm));
    expect(c.length).toBe(100);
    expect(c[0]).toMatchObject({ customer: "2621-XCLEH", invoices: 15 });
    expect(c[0].mean_days_late).toBeCloseTo(19.6, 12);
    expect(c.slice(1, 3).map((x) => x.customer)).toEqual(["8102-ABPKQ", "0688-XNJRO"]);
    expect(c[0].mean_days_late_when_late).toBeGreaterThanOrEqual(c[0].mean_days_late);
  });

  it("ages the receivables at month ends", () => {
    const aging = ibmAging(ibm);
    const june = rows(aging).filter((r) => r.label === "2013-06");
    expect(june.reduce((s, r) => s + r.invoices, 0)).toBe(84);
    expect(june.reduce((s, r) => s + r.balance, 0)).toBeCloseTo(5119.85, 6);
    expect(june[0]).toMatchObject({ bucket: "current" });
    expect(june[0].balance).toBeCloseTo(4284.29, 6);
    expect(june.filter((r) => r.from_days > 30).every((r) => r.balance === 0)).toBe(true);
    expect(rows(aging)[0].label).toBe("2012-01");
    // and DSO on it (ledger shape)
    const m = rows(collectionMetrics(ibmLedger(ibm), { aging }));
    const j = m.find((r) => r.label === "2013-06")!;
    expect(j.ending_ar).toBeCloseTo(5119.85, 6);
    expect(j.dso).toBeGreaterThan(0);
  });

  it("draws cohort settlement curves", () => {
    const c = rows(cohortCurves(ibm, { days: [0, 30, 400] }));
    const jan = c.filter((r) => r.label === "2013-01");
    expect(jan.map((r) => r.invoices)).toEqual([111, 111, 111]);
    expect(jan[1].amount_share).toBeCloseTo(0.627179, 6);
    expect(jan[2].amount_share).toBe(1); // everything is settled
    expect(new Set(c.map((r) => r.label)).size).toBe(24);
  });
});
