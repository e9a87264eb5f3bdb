import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ageReceivable, agingBucket, bucketLabels, daysPastDue, nextAction, readAgingEdges, warningLevel } from "../../src/core/aging.js";
import { serialFromCivil } from "../../src/core/dates.js";

const asOf = serialFromCivil(2025, 7, 27);

describe("aging ladder (rules.md section 2)", () => {
  it.each([
    [0, 0, "current", 0, "current: no action"],
    [1, 1, "1-30", 0, "routine reminder"],
    [29, 29, "1-30", 0, "routine reminder"],
    [30, 30, "1-30", 1, "salesperson: daily follow-up and dunning letter"],
    [31, 31, "31-60", 1, "salesperson: daily follow-up and dunning letter"],
    [59, 59, "31-60", 1, "salesperson: daily follow-up and dunning letter"],
    [60, 60, "31-60", 2, "finance manager: call the customer's owner"],
    [61, 61, "61-90", 2, "finance manager: call the customer's owner"],
    [89, 89, "61-90", 2, "finance manager: call the customer's owner"],
    [90, 90, "61-90", 3, "legal: lawyer's letter, prepare the lawsuit"],
    [91, 91, "90+", 3, "legal: lawyer's letter, prepare the lawsuit"],
    [-5, 0, "current", 0, "current: no action"], // due in 5 days
  ])("due %i days before the as-of date: %i days, %s, level %i", (ago, days, bucket, level, action) => {
    const r = ageReceivable(asOf - ago, asOf);
    expect(r.daysPastDue).toBe(days);
    expect(r.bucket).toBe(bucket);
    expect(r.level).toBe(level);
    expect(r.action).toBe(action);
  });

  it("counts calendar days across month ends and leap days", () => {
    expect(daysPastDue(serialFromCivil(2024, 2, 28), serialFromCivil(2024, 3, 1))).toBe(2);
    expect(daysPastDue(serialFromCivil(2023, 2, 28), serialFromCivil(2023, 3, 1))).toBe(1);
    expect(daysPastDue(serialFromCivil(2024, 12, 31), serialFromCivil(2025, 12, 31))).toBe(365);
    expect(daysPastDue(serialFromCivil(2023, 12, 31), serialFromCivil(2024, 12, 31))).toBe(366);
    expect(daysPastDue(59, 61)).toBe(1); // over Excel's phantom 1900-02-29
  });

  it("takes configurable bucket edges", () => {
    const edges = readAgingEdges("30,60,90,120");
    expect(bucketLabels(edges)).toEqual(["current", "1-30", "31-60", "61-90", "91-120", "120+"]);
    expect(agingBucket(100, edges)).toBe("91-120");
    expect(agingBucket(121, edges)).toBe("120+");
    expect(agingBucket(120, edges)).toBe("91-120");
    expect(bucketLabels([30, 60, 90], "zh")).toEqual(["未到期", "1-30天", "31-60天", "61-90天", "90天以上"]);
    expect(readAgingEdges([[30], [60], [""], [90]])).toEqual([30, 60, 90]);
    expect(readAgingEdges("30，60，90")).toEqual([30, 60, 90]);
  });

  it("refuses bad edges naming the argument", () => {
    expect(() => readAgingEdges("60,30")).toThrow("edges: edges must increase: 60,30");
    expect(() => readAgingEdges("30,x")).toThrow('edges: "x" is not a number');
    expect(() => readAgingEdges("0,30")).toThrow("edges: 0 is not a whole number of days from 1 to 2,958,465");
    expect(() => readAgingEdges("30.5")).toThrow(/^edges: 30.5 is not a whole number/);
    expect(() => readAgingEdges("")).toThrow(/^edges: needs at least one edge/);
  });

  it("gives the next step in Chinese", () => {
    expect(nextAction(95, undefined, "zh")).toBe("法务发律师函，准备起诉");
    expect(ageReceivable(asOf - 45, asOf, undefined, "zh").reasons[0].zh).toBe("逾期45天：达到一级预警（30天起）");
  });

  it("never lowers the warning level for a later as-of date", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_900_000 }), fc.integer({ min: -400, max: 400 }), fc.nat(400), (due, offset, later) => {
        const first = due + offset;
        fc.pre(first >= 61);
        const a = warningLevel(daysPastDue(due, first));
        const b = warningLevel(daysPastDue(due, first + later));
        expect(b).toBeGreaterThanOrEqual(a);
        expect(daysPastDue(due, first + later)).toBeGreaterThanOrEqual(daysPastDue(due, first));
      }),
    );
  });
});
