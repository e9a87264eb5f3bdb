// Rolling sums, means and ratios, extremes, turning points, phases, correlation: hand-computed figures.
import { describe, expect, it } from "vitest";
import {
  correlation,
  extremes,
  meanSd,
  phases,
  rollingMean,
  rollingRatio,
  rollingSum,
  turningPoints,
  welchT,
} from "../../src/analytics/series.js";

describe("series helpers", () => {
  it("rolls sums and means over a trailing window, NaN until it is full", () => {
    expect(Array.from(rollingSum([1, 2, 3, 4], 2))).toEqual([NaN, 3, 5, 7]);
    expect(Array.from(rollingMean([1, 2, 3, 4], 3))).toEqual([NaN, NaN, 2, 3]);
    expect(Array.from(rollingMean([2, 4, 6, 8], 4, 1))).toEqual([2, 3, 4, 5]);
  });

  it("skips missing values: the window counts what it has", () => {
    expect(Array.from(rollingMean([1, null, 3, NaN, 5], 2, 1))).toEqual([1, 1, 3, 3, 5]);
    expect(Array.from(rollingSum([1, null, 3], 2))).toEqual([NaN, NaN, NaN]);
  });

  it("rolls a rate as a ratio of sums, not a mean of ratios", () => {
    // months: 10/100, 30/100, 0/200 -> 2 months: 40/200 = 0.2, 30/300 = 0.1
    expect(Array.from(rollingRatio([10, 30, 0], [100, 100, 200], 2))).toEqual([NaN, 0.2, 0.1]);
    expect(Array.from(rollingRatio([1], [0], 1))).toEqual([NaN]);
    expect(() => rollingSum([1], 0)).toThrow(RangeError);
  });

  it("finds extremes (first on ties) and turning points that alternate", () => {
    expect(extremes([3, 7, 7, 1, 1])).toEqual({ max: 1, min: 3 });
    expect(extremes([])).toEqual({ max: -1, min: -1 });
    const v = [3, 2, 1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3, 2, 1];
    const tp = turningPoints(v, 2);
    expect(tp).toEqual([
      { index: 2, kind: "trough", value: 1 },
      { index: 6, kind: "peak", value: 5 },
      { index: 10, kind: "trough", value: 1 },
      { index: 12, kind: "peak", value: 3 },
    ]);
    expect(phases(tp)).toEqual([
      { from: 2, to: 6, kind: "rising", periods: 4, change: 4 },
      { from: 6, to: 10, kind: "falling", periods: 4, change: -4 },
      { from: 10, to: 12, kind: "rising", periods: 2, change: 2 },
    ]);
    // the ends count only when asked
    expect(turningPoints(v, 2, true)[0]).toEqual({ index: 0, kind: "peak", value: 3 });
    // of two peaks in a row, the higher stays
    expect(turningPoints([0, 0, 5, 1, 4, 1, 9, 0, 0], 2)).toEqual([{ index: 6, kind: "peak", value: 9 }]);
  });

  it("correlates and compares means", () => {
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(correlation([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    const s = meanSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    // Welch: means 2 and 5, variances 1 and 1, n 3 and 3 -> t = -3 / sqrt(2/3)
    const w = welchT([1, 2, 3], [4, 5, 6]);
    expect(w.t).toBeCloseTo(-3 / Math.sqrt(2 / 3), 12);
    expect(w.df).toBeCloseTo(4, 12);
  });
});
