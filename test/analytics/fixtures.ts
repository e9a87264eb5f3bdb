// Small hand-made ledgers for the analysis tests: every figure the tests expect is worked out by hand in
// the comments here.
import * as aq from "arquero";
import { isoToSerial } from "../../src/analytics/calendar.js";

export const d = isoToSerial;

/**
 * Three invoices through the first half of 2024 (a leap year):
 * - A: issued 01-10, due 02-09, 1,000, paid in full 03-15
 * - B: issued 01-20, due 01-20 (cash on delivery, unpaid), 500, paid 200 on 02-10 and 300 on 04-05
 * - C: issued 02-05, due 03-06, 800, never paid, written off 06-30
 *
 * Open balances at month ends with the payments (bucket by days past due):
 *   Jan 31: A 1,000 current (due 02-09); B 500 at 11 days (1-30)
 *   Feb 29: A 1,000 at 20 days (1-30); B 300 at 40 days (31-60); C 800 current
 *   Mar 31: B 300 at 71 days (61-90); C 800 at 25 days (1-30)
 *   Apr 30: C 800 at 55 days (31-60)
 *   May 31: C 800 at 86 days (61-90)
 *   Jun 30: nothing (C written off that day)
 * Without the payments table B counts as 500 until 04-05.
 */
export function threeInvoices() {
  const invoices = aq.table({
    invoice_id: [1, 2, 3],
    customer_id: [10, 20, 10],
    region: ["East", "West", "East"],
    issue_date: Int32Array.from([d("2024-01-10"), d("2024-01-20"), d("2024-02-05")]),
    due_date: Int32Array.from([d("2024-02-09"), d("2024-01-20"), d("2024-03-06")]),
    amount: Float64Array.from([1000, 500, 800]),
    paid: Float64Array.from([1000, 500, 0]),
    paid_date: Int32Array.from([d("2024-03-15"), d("2024-04-05"), 0]),
    written_off: Float64Array.from([0, 0, 800]),
    writeoff_date: Int32Array.from([0, 0, d("2024-06-30")]),
  });
  const payments = aq.table({
    invoice_id: [1, 2, 2],
    date: Int32Array.from([d("2024-03-15"), d("2024-04-05"), d("2024-02-10")]), // out of order on purpose
    amount: [1000, 300, 200],
  });
  return { invoices, payments };
}
