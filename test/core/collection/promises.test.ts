import { describe, expect, it } from "vitest";
import {
  checkPlan,
  checkPromises,
  isoFromSerial,
  promiseStatus,
  RuleError,
  serialFromCivil,
  type PromiseInput,
} from "../../../src/core/index.js";

const d = (iso: string) => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromCivil(y, m, day);
};
const promise = (made: string, promisedDate: string, amount: number): PromiseInput => ({
  made: d(made),
  promisedDate: d(promisedDate),
  amount,
});
const payment = (date: string, amount: number) => ({ date: d(date), amount });
const ISO = (serial: number | null) => (serial === null ? null : isoFromSerial(serial));

describe("promises to pay: kept, broken, pending", () => {
  it("keeps a promise paid in full by its date", () => {
    const check = checkPromises([promise("2025-06-01", "2025-06-10", 100_000)], [payment("2025-06-10", 100_000)], d("2025-07-31"), 0);
    expect(check.promises).toHaveLength(1);
    const p = check.promises[0];
    expect([p.status, p.paid, ISO(p.keptOn), ISO(p.lastDay)]).toEqual(["kept", 100_000, "2025-06-10", "2025-06-10"]);
    expect(p.payments).toEqual([{ index: 0, amount: 100_000 }]);
    expect(check.unallocated).toEqual([0]);
  });

  it("partial payments: kept when they add up within the grace, broken (with what was paid) when not", () => {
    const promises = [promise("2025-06-01", "2025-06-10", 100_000)];
    const payments = [payment("2025-06-07", 60_000), payment("2025-06-11", 40_000)];
    // grace 3: the last day is 2025-06-13, so 06-11 counts and completes the promise
    const withGrace = checkPromises(promises, payments, d("2025-07-31"), 3).promises[0];
    expect([withGrace.status, withGrace.paid, ISO(withGrace.keptOn), ISO(withGrace.lastDay)]).toEqual([
      "kept",
      100_000,
      "2025-06-11",
      "2025-06-13",
    ]);
    expect(withGrace.payments).toEqual([
      { index: 0, amount: 60_000 },
      { index: 1, amount: 40_000 },
    ]);
    // no grace: only the 60,000 of 06-07 counts
    const noGrace = checkPromises(promises, payments, d("2025-07-31"), 0);
    expect([noGrace.promises[0].status, noGrace.promises[0].paid, noGrace.promises[0].keptOn]).toEqual(["broken", 60_000, null]);
    expect(noGrace.unallocated).toEqual([0, 40_000]);
    // as of its last day, a promise short of its amount is still pending
    expect(checkPromises(promises, payments, d("2025-06-10"), 0).promises[0]).toMatchObject({ status: "pending", paid: 60_000 });
  });

  it("payments before the promise do not keep it", () => {
    const check = checkPromises([promise("2025-06-01", "2025-06-10", 100_000)], [payment("2025-05-30", 100_000)], d("2025-07-31"), 3);
    expect(check.promises[0]).toMatchObject({ status: "broken", paid: 0, keptOn: null, payments: [] });
    expect(check.unallocated).toEqual([100_000]);
    // a payment on the day the promise is made counts
    expect(
      checkPromises([promise("2025-06-01", "2025-06-10", 100)], [payment("2025-06-01", 100)], d("2025-07-31"), 0).promises[0].status,
    ).toBe("kept");
  });

  it("overlapping promises: the earliest promised date is served first, each payment counts once", () => {
    // A: made 06-01, 100,000 by 06-20; B: made 06-05, 50,000 by 06-10 (listed second, due first)
    const promises = [promise("2025-06-01", "2025-06-20", 100_000), promise("2025-06-05", "2025-06-10", 50_000)];
    const payments = [payment("2025-06-18", 70_000), payment("2025-06-08", 80_000)];
    const check = checkPromises(promises, payments, d("2025-07-31"), 0);
    const [a, b] = check.promises;
    // B takes 50,000 of the 80,000 of 06-08; A the other 30,000 and the 70,000 of 06-18
    expect([b.status, ISO(b.keptOn), b.payments]).toEqual(["kept", "2025-06-08", [{ index: 1, amount: 50_000 }]]);
    expect([a.status, ISO(a.keptOn), a.payments]).toEqual([
      "kept",
      "2025-06-18",
      [
        { index: 1, amount: 30_000 },
        { index: 0, amount: 70_000 },
      ],
    ]);
    expect(check.unallocated).toEqual([0, 0]);
    // with 60,000 on 06-18, A is 10,000 short
    const short = checkPromises(promises, [payment("2025-06-18", 60_000), payment("2025-06-08", 80_000)], d("2025-07-31"), 0);
    expect(short.promises.map((p) => [p.status, p.paid])).toEqual([
      ["broken", 90_000],
      ["kept", 50_000],
    ]);
  });

  it("two promises of the same money and one payment: the payment keeps one, the other is broken", () => {
    const check = checkPromises(
      [promise("2025-06-01", "2025-06-10", 100_000), promise("2025-06-03", "2025-06-10", 100_000)],
      [payment("2025-06-09", 100_000)],
      d("2025-07-31"),
      0,
    );
    expect(check.promises.map((p) => [p.status, p.paid])).toEqual([
      ["kept", 100_000],
      ["broken", 0],
    ]);
  });

  it("a renewed promise after a broken one is kept by the later payment", () => {
    const check = checkPromises(
      [promise("2025-06-01", "2025-06-10", 100_000), promise("2025-06-20", "2025-07-01", 100_000)],
      [payment("2025-06-28", 100_000)],
      d("2025-07-31"),
      3,
    );
    expect(check.promises.map((p) => p.status)).toEqual(["broken", "kept"]);
  });

  it("grace days: paid three days late keeps the promise with a grace of 3, not of 2", () => {
    const args = [[promise("2025-06-01", "2025-06-10", 5_000)], [payment("2025-06-13", 5_000)], d("2025-07-31")] as const;
    expect(checkPromises(...args, 3).promises[0].status).toBe("kept");
    expect(checkPromises(...args, 2).promises[0].status).toBe("broken");
    // broken the day after the last day, pending on it
    expect(checkPromises([promise("2025-06-01", "2025-06-10", 5_000)], [], d("2025-06-13"), 3).promises[0].status).toBe("pending");
    expect(checkPromises([promise("2025-06-01", "2025-06-10", 5_000)], [], d("2025-06-14"), 3).promises[0].status).toBe("broken");
  });

  it("a promise made after the as-of date is not counted, nor a payment after it", () => {
    const check = checkPromises(
      [promise("2025-07-20", "2025-08-05", 10_000), promise("2025-08-01", "2025-08-10", 10_000)],
      [payment("2025-08-02", 10_000)],
      d("2025-07-31"),
      3,
    );
    expect(check.promises.map((p) => [p.index, p.status, p.paid])).toEqual([[0, "pending", 0]]);
    expect(check.afterAsOf).toEqual([1]);
    expect(check.unallocated).toEqual([0]);
  });

  it("adds in whole cents: 0.10 + 0.20 covers 0.30", () => {
    const check = checkPromises(
      [promise("2025-06-01", "2025-06-10", 0.3)],
      [payment("2025-06-02", 0.1), payment("2025-06-03", 0.2)],
      d("2025-06-30"),
      0,
    );
    expect(check.promises[0]).toMatchObject({ status: "kept", paid: 0.3 });
  });
});

describe("promiseStatus: the formula core over ranges", () => {
  it("gives the status of each promise from cell values", () => {
    // the JSDoc example: made 2025-06-01 for 2025-06-10, 60,000 on 06-07 and 40,000 on 06-11, grace 3
    expect(promiseStatus([45809], [45818], [100000], [45815, 45819], [60000, 40000], 45869, 3)).toEqual(["kept"]);
    expect(promiseStatus([45809], [45818], [100000], [45815, 45819], [60000, 40000], 45869, 0)).toEqual(["broken"]);
    expect(
      promiseStatus(
        ["2025-06-01", "2025-07-25", "2025-08-01"],
        ["2025-06-10", "2025-08-05", "2025-08-10"],
        ["1,000", 2000, 3000],
        [],
        [],
        "2025-07-31",
        "3",
      ),
    ).toEqual(["broken", "pending", "afterAsOf"]);
  });

  it("refuses bad ranges and values, naming the argument, in both languages", () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(RuleError);
        return [(e as RuleError).message, (e as RuleError).zh];
      }
      return null;
    };
    expect(refused(() => promiseStatus([45809], [45818], [], [], [], 45869, 3))).toEqual([
      "promised_amounts: has 0 cells where made_dates has 1",
      "promised_amounts：有 0 个单元格，而 made_dates 有 1 个",
    ]);
    expect(refused(() => promiseStatus([45818], [45809], [1], [], [], 45869, 3))).toEqual([
      "promised_dates: row 1: the promised date is before the day the promise was made",
      "promised_dates：第 1 行：承诺日期早于作出承诺之日",
    ]);
    expect(refused(() => promiseStatus([45809], [45818], [0], [], [], 45869, 3))?.[0]).toBe(
      "promised_amounts: an amount of 0 promises or pays nothing",
    );
    expect(refused(() => promiseStatus([], [], [], [45809], [-5], 45869, 3))?.[0]).toMatch(/^payment_amounts: -5 is negative/);
    expect(refused(() => promiseStatus([], [], [], ["soon"], [5], 45869, 3))?.[0]).toMatch(/^payment_dates: "soon" is not a date/);
    expect(refused(() => promiseStatus([], [], [], [], [], "x", 3))?.[0]).toMatch(/^as_of: "x" is not a date/);
    expect(refused(() => promiseStatus([], [], [], [], [], 45869, 366))?.[0]).toBe("grace_days: 366 must be a whole number from 0 to 365");
    expect(refused(() => promiseStatus([], [], [], [], [], 45869, 1.5))?.[0]).toMatch(/^grace_days: 1.5 is not a whole number/);
  });
});

describe("instalment plans: kept and missed instalments", () => {
  const plan = { agreed: d("2025-06-20"), firstDue: d("2025-07-01"), instalment: 100_000, count: 12 };

  it("an instalment paid within the grace is kept; the next one is due a month later", () => {
    const p = checkPlan(plan, [payment("2025-07-02", 100_000)], d("2025-07-31"), 3);
    expect(p.instalments.map((i) => [i.number, ISO(i.due), ISO(i.lastDay), i.status])).toEqual([[1, "2025-07-01", "2025-07-04", "kept"]]);
    expect([p.kept, p.missed, p.pending, p.paid, ISO(p.nextDue)]).toEqual([1, 0, 0, 100_000, "2025-08-01"]);
    expect(p.paymentIndexes).toEqual([0]);
  });

  it("counts cumulatively: a late payment does not undo a miss, and keeps the instalments after it", () => {
    const payments = [payment("2025-07-02", 100_000), payment("2025-08-10", 100_000), payment("2025-09-01", 100_000)];
    const p = checkPlan(plan, payments, d("2025-09-10"), 3);
    // 07-01: 100,000 by 07-04 (kept); 08-01: still 100,000 by 08-04 of 200,000 (missed); 09-01: 300,000 by 09-04 (kept)
    expect(p.instalments.map((i) => [ISO(i.due), i.status])).toEqual([
      ["2025-07-01", "kept"],
      ["2025-08-01", "missed"],
      ["2025-09-01", "kept"],
    ]);
    expect([p.kept, p.missed, p.pending, p.paid, ISO(p.nextDue)]).toEqual([2, 1, 0, 300_000, "2025-10-01"]);
  });

  it("an instalment within its grace is pending; payments before the plan do not count", () => {
    const p = checkPlan(plan, [payment("2025-06-19", 100_000), payment("2025-07-03", 100_000)], d("2025-08-03"), 3);
    expect(p.instalments.map((i) => i.status)).toEqual(["kept", "pending"]);
    expect(p.paymentIndexes).toEqual([1]);
    expect(p.paid).toBe(100_000);
  });

  it("stops at the count, and falls on month ends as EDATE does", () => {
    const p = checkPlan({ agreed: d("2025-01-15"), firstDue: d("2025-01-31"), instalment: 10, count: 3 }, [], d("2025-07-31"), 0);
    expect(p.instalments.map((i) => [ISO(i.due), i.status])).toEqual([
      ["2025-01-31", "missed"],
      ["2025-02-28", "missed"],
      ["2025-03-31", "missed"],
    ]);
    expect(p.nextDue).toBeNull();
    // without a count, it runs on
    expect(ISO(checkPlan({ ...plan, count: null }, [], d("2026-09-15"), 0).nextDue)).toBe("2026-10-01");
  });
});
