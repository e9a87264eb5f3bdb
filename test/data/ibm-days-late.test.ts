// A real check of days past due: the IBM Watson "Accounts Receivable" sample (2,466 settled invoices,
// ../shared/data or $AR_DATA_DIR, not shipped: no licence stated; skipped when absent). Its DaysLate column is the days past due at settlement,
// computed by someone else: our daysPastDue(DueDate, SettledDate) must agree on every invoice, and
// AR.AGING through the Excel function must agree with the core.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { agingBucket, daysPastDue, serialFromCivil, warningLevel } from "../../src/core/index.js";
import { ibmSampleFile } from "../../src/analytics/io.js";
import { installExcelGlobals } from "../support/excel-globals.js";
import { ibmPresent, ibmSuite } from "../support/ibm-sample.js";

/** The file's US-order dates, M/D/YYYY, as Excel serials. */
function usDate(text: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) throw new Error(`not a M/D/YYYY date: ${text}`);
  return serialFromCivil(Number(m[3]), Number(m[1]), Number(m[2]));
}

interface Invoice { invoice: string; due: number; settled: number; daysLate: number }
let invoices: Invoice[];

beforeAll(() => {
  if (!ibmPresent) return;
  const lines = readFileSync(ibmSampleFile(), "utf8").split(/\r?\n/).filter((l) => l !== "");
  const header = lines[0].split(",");
  const col = (name: string) => header.indexOf(name);
  invoices = lines.slice(1).map((line) => {
    const f = line.split(",");
    return { invoice: f[col("invoiceNumber")], due: usDate(f[col("DueDate")]), settled: usDate(f[col("SettledDate")]), daysLate: Number(f[col("DaysLate")]) };
  });
});

describe.skipIf(!ibmPresent)(ibmSuite("IBM invoice histories: DaysLate = days past due at settlement"), () => {
  it("reads every invoice", () => {
    expect(invoices.length).toBe(2466);
    expect(invoices[0].invoice).toBe("0000611365"); // kept as text
  });

  it("agrees with DaysLate on every invoice", () => {
    const wrong = invoices.filter((i) => daysPastDue(i.due, i.settled) !== i.daysLate);
    expect(wrong).toEqual([]);
    expect(invoices.filter((i) => i.daysLate > 0).length).toBe(877);
  });

  it("AR.AGING through the Excel function gives the same days, in one call for the whole column", async () => {
    installExcelGlobals();
    const { aging } = await import("../../src/functions/functions.js");
    const out = aging(invoices.map((i) => [i.due]), invoices.map((i) => [i.settled]), [["days"]]);
    expect(out.map((r) => r[0])).toEqual(invoices.map((i) => i.daysLate));
  });

  it("spreads over the ladder as the data says", () => {
    const buckets = new Map<string, number>();
    for (const i of invoices) {
      const b = agingBucket(daysPastDue(i.due, i.settled));
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    const level1Plus = invoices.filter((i) => warningLevel(i.daysLate) >= 1).length;
    expect(buckets.get("current")).toBe(2466 - 877);
    expect([...buckets.values()].reduce((a, b) => a + b, 0)).toBe(2466);
    expect(level1Plus).toBe(invoices.filter((i) => i.daysLate >= 30).length);
    expect(level1Plus).toBeGreaterThan(0);
  });
});
