// Months, quarters and month ends on Excel serials: checked day by day against the core's calendar,
// and with the test run's time zone pinned far from UTC (vitest.config.mts), so a slip into local time shows.
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { civilFromSerial, serialFromCivil } from "../../src/core/index.js";
import {
  compactDateToSerial,
  dateToSerial,
  daysOfMonth,
  daysOfQuarter,
  epochDaysToSerial,
  isoToSerial,
  monthEnd,
  monthIndex,
  monthLabel,
  monthStart,
  parseMonthLabel,
  quarterEnd,
  quarterIndex,
  quarterLabel,
  quarterOfMonth,
  quarterStart,
  serialToDate,
  serialToEpochDays,
  serialToIso,
  toSerial,
  usDateToSerial,
} from "../../src/analytics/calendar.js";

describe("calendar on Excel serials", () => {
  it("gives every day's month as the core's calendar does (1900-03-01 to 2100-12-31)", () => {
    const wrong: number[] = [];
    for (let s = 61; s <= serialFromCivil(2100, 12, 31); s++) {
      const { year, month } = civilFromSerial(s);
      if (monthIndex(s) !== year * 12 + month - 1) wrong.push(s);
    }
    expect(wrong).toEqual([]);
  });

  it("has month starts, ends, lengths and labels", () => {
    const jan2025 = 2025 * 12;
    expect(monthIndex(45658)).toBe(jan2025); // 2025-01-01
    expect(monthStart(jan2025)).toBe(45658);
    expect(monthEnd(jan2025)).toBe(45688);
    expect(monthEnd(jan2025 + 1)).toBe(serialFromCivil(2025, 2, 28));
    expect(monthEnd(2024 * 12 + 1)).toBe(serialFromCivil(2024, 2, 29));
    expect(daysOfMonth(2024 * 12 + 1)).toBe(29);
    expect(monthLabel(jan2025)).toBe("2025-01");
    expect(monthLabel(jan2025 + 11)).toBe("2025-12");
    expect(parseMonthLabel("2025-7")).toBe(jan2025 + 6);
    expect(() => parseMonthLabel("2025-13")).toThrow(RangeError);
  });

  it("has quarters", () => {
    expect(quarterIndex(serialFromCivil(2010, 3, 31))).toBe(2010 * 4);
    expect(quarterIndex(serialFromCivil(2010, 4, 1))).toBe(2010 * 4 + 1);
    expect(quarterOfMonth(2010 * 12 + 11)).toBe(2010 * 4 + 3);
    expect(quarterLabel(2010 * 4)).toBe("2010Q1");
    expect(quarterStart(2010 * 4 + 1)).toBe(serialFromCivil(2010, 4, 1));
    expect(quarterEnd(2009 * 4 + 3)).toBe(serialFromCivil(2009, 12, 31));
    expect(daysOfQuarter(2024 * 4)).toBe(91); // leap-year Q1
  });

  it("reads and writes dates in the data sets' forms", () => {
    expect(isoToSerial("2025-07-27")).toBe(serialFromCivil(2025, 7, 27));
    expect(isoToSerial("2025/7/27")).toBe(serialFromCivil(2025, 7, 27));
    expect(isoToSerial("")).toBe(0);
    expect(() => isoToSerial("2025-02-30")).toThrow(RangeError);
    expect(usDateToSerial("4/6/2013")).toBe(serialFromCivil(2013, 4, 6));
    expect(compactDateToSerial("20091231")).toBe(serialFromCivil(2009, 12, 31));
    expect(serialToIso(45658)).toBe("2025-01-01");
    expect(serialToIso(0)).toBe("");
    expect(toSerial("2025-01-01")).toBe(45658);
    expect(toSerial(45658)).toBe(45658);
  });

  it("makes UTC dates whatever the machine's time zone", () => {
    expect(process.env.TZ).toBe("Pacific/Chatham");
    const d = serialToDate(45658)!;
    expect(d.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(dateToSerial(d)).toBe(45658);
    expect(serialToDate(0)).toBeNull();
    expect(serialToEpochDays(25569)).toBe(0);
    expect(epochDaysToSerial(20089)).toBe(45658);
  });

  it("registers month functions for Arquero expressions", () => {
    const t = aq
      .table({ d: Int32Array.from([45658, 45688, 45689, 0]) })
      .derive({ m: "d => op.ar_month(d.d)", q: "d => op.ar_quarter(d.d)", n: "d => op.ar_month_days(op.ar_month(d.d))" });
    expect(t.array("m")).toEqual([24300, 24300, 24301, NaN]);
    expect(t.array("q")).toEqual([8100, 8100, 8100, NaN]);
    expect(t.array("n").slice(0, 3)).toEqual([31, 31, 28]);
  });
});
