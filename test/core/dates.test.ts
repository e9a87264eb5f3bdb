import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, addMonths, calendarDay, civilFromSerial, isoFromSerial, readDate, serialFromCivil } from "../../src/core/dates.js";
import { RuleError } from "../../src/core/errors.js";

describe("Excel 1900 date serials", () => {
  it.each([
    [1900, 1, 1, 1],
    [1900, 2, 28, 59],
    [1900, 3, 1, 61], // after the phantom 1900-02-29 (serial 60)
    [1970, 1, 1, 25569],
    [2025, 1, 1, 45658],
    [2024, 2, 29, 45351],
    [9999, 12, 31, 2958465],
  ])("%i-%i-%i is serial %i", (y, m, d, serial) => {
    expect(serialFromCivil(y, m, d)).toBe(serial);
    expect(civilFromSerial(serial)).toEqual({ year: y, month: m, day: d });
  });

  it("round-trips every serial (but the phantom day) through the calendar", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60),
        (serial) => {
          const { year, month, day } = civilFromSerial(serial);
          expect(serialFromCivil(year, month, day)).toBe(serial);
        },
      ),
    );
  });

  it("counts real calendar days across the phantom leap day", () => {
    expect(calendarDay(61) - calendarDay(59)).toBe(1); // 1900-02-28 -> 1900-03-01
    expect(addDays(59, 1)).toBe(61);
    expect(addDays(61, -1)).toBe(59);
  });

  it("adds months as EDATE does", () => {
    expect(isoFromSerial(addMonths(serialFromCivil(2025, 1, 31), 1))).toBe("2025-02-28");
    expect(isoFromSerial(addMonths(serialFromCivil(2024, 1, 31), 1))).toBe("2024-02-29");
    expect(isoFromSerial(addMonths(serialFromCivil(2024, 2, 29), 12))).toBe("2025-02-28");
    expect(isoFromSerial(addMonths(serialFromCivil(2025, 3, 31), -1))).toBe("2025-02-28");
    expect(isoFromSerial(addMonths(serialFromCivil(2025, 12, 15), 1))).toBe("2026-01-15");
  });
});

describe("readDate", () => {
  it.each([
    [45658, 45658],
    [45658.75, 45658], // time of day ignored
    ["2025-01-01", 45658],
    ["2025/1/1", 45658],
    ["2025.01.01", 45658],
    ["2025年1月1日", 45658],
    ["2025-01-01T23:59:59", 45658],
    [" 2024-02-29 ", 45351],
    ["45658", 45658],
  ])("reads %j as %i", (value, serial) => {
    expect(readDate(value, "due_date")).toBe(serial);
  });

  it.each([
    ["2025-02-29", /not a real date/],
    ["2025-13-01", /not a real date/],
    ["1899-12-31", /outside/],
    ["01/02/2025", /not a date/],
    ["soon", /not a date/],
    [true, /not a date/],
    [-1, /not a date serial/],
    [0.5, /not a date serial/],
    [2958466, /not a date serial/],
    [Number.NaN, /not a date serial/],
    [60, /phantom 1900-02-29/],
  ])("refuses %j naming the argument", (value, pattern) => {
    let error: unknown;
    try {
      readDate(value, "as_of");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).argument).toBe("as_of");
    expect((error as RuleError).message).toMatch(/^as_of: /);
    expect((error as RuleError).message).toMatch(pattern);
    expect((error as RuleError).zh).toMatch(/^as_of：/);
  });
});
