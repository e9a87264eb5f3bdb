import { describe, expect, it } from "vitest";
import { isEmpty, readAmount, readCount, readNumber, readNumberList, readRate } from "../../src/core/input.js";

describe("input readers", () => {
  it.each([
    [1200000, 1200000],
    ["1200000", 1200000],
    ["1,200,000", 1200000],
    [" 1,200,000.50 ", 1200000.5],
    ["1.5e6", 1500000],
    ["１２００", 1200],
    ["-3", -3],
    [".5", 0.5],
  ])("readNumber(%j) = %d", (value, n) => {
    expect(readNumber(value, "balance")).toBe(n);
  });

  it.each([["12,00"], ["1 200"], ["abc"], [true], [null], [Number.POSITIVE_INFINITY], [""], ["1,2345"]])(
    "readNumber refuses %j",
    (value) => {
      expect(() => readNumber(value, "balance")).toThrow(/^balance: .* is not a number$/);
    },
  );

  it("amounts are >= 0, counts whole", () => {
    expect(() => readAmount(-0.01, "balance")).toThrow("balance: -0.01 is negative; amounts must be >= 0");
    expect(readAmount(0, "balance")).toBe(0);
    expect(readCount("3", "overdue_count")).toBe(3);
    expect(() => readCount(1.5, "overdue_count")).toThrow("overdue_count: 1.5 is not a whole number >= 0");
    expect(() => readCount(-1, "overdue_count")).toThrow(/whole number >= 0/);
  });

  it("rates as fractions or percentages", () => {
    expect(readRate(0.9, "rate")).toBe(0.9);
    expect(readRate("90%", "rate")).toBe(0.9);
    expect(readRate("95％", "rate")).toBe(0.95);
    expect(() => readRate(90, "rate")).toThrow("rate: 90 is not a rate between 0 and 1 (e.g. 0.9 or 90%)");
  });

  it("lists from text or ranges", () => {
    expect(readNumberList("30, 60;90、120", "edges")).toEqual([30, 60, 90, 120]);
    expect(
      readNumberList(
        [
          [30, 60],
          [90, null],
        ],
        "edges",
      ),
    ).toEqual([30, 60, 90]);
  });

  it("knows an empty cell", () => {
    expect([null, undefined, "", "  "].every(isEmpty)).toBe(true);
    expect([0, "0", false].some(isEmpty)).toBe(false);
  });
});
