/**
 * Excel dates in the 1900 date system, as pure arithmetic: no `Date`, no time zone.
 *
 * Serial 1 is 1900-01-01. Excel keeps Lotus 1-2-3's phantom 1900-02-29 as serial 60, so from serial 61
 * (1900-03-01) on, serial - 25569 is the count of days since 1970-01-01. Serial 60 names a day that never
 * existed; we refuse it rather than guess which real day was meant.
 */
import { RuleError, show } from "./errors.js";
import type { DateSystem } from "./triage/types.js";

/** Serial of 1970-01-01 (valid for every date from 1900-03-01 on). */
const UNIX_EPOCH_SERIAL = 25569;
/** Excel's phantom 1900-02-29. */
export const PHANTOM_LEAP_DAY = 60;
/** 9999-12-31, the last date Excel knows. */
export const MAX_SERIAL = 2958465;

/** A calendar date. Months and days count from 1. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date `days` after 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** True for a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : MONTH_DAYS[month - 1];
}

/** The Excel serial of a calendar date (1900-01-01 .. 9999-12-31); throws a RangeError outside. */
export function serialFromCivil(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1900 || year > 9999) {
    throw new RangeError(`${year}-${month}-${day} is not a date Excel can hold`);
  }
  const serial = daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
  // Before 1900-03-01 Excel's count is one lower: the phantom leap day has not happened yet.
  return serial <= PHANTOM_LEAP_DAY ? serial - 1 : serial;
}

/** The calendar date of a whole Excel serial (not 60, the phantom day). */
export function civilFromSerial(serial: number): CivilDate {
  if (serial === PHANTOM_LEAP_DAY) return { year: 1900, month: 2, day: 29 };
  return civilFromDays((serial < PHANTOM_LEAP_DAY ? serial + 1 : serial) - UNIX_EPOCH_SERIAL);
}

/** ISO text (`2025-07-27`) of a whole Excel serial. */
export function isoFromSerial(serial: number): string {
  const { year, month, day } = civilFromSerial(serial);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * A day count that ignores the phantom leap day: the difference of two of these is the number of real
 * calendar days between two dates.
 */
export function calendarDay(serial: number): number {
  return serial < PHANTOM_LEAP_DAY ? serial + 1 : serial;
}

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const CHINESE_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$/;
const SERIAL_TEXT = /^\d+(?:\.\d+)?$/;

/**
 * Reads a date as Excel hands it over: a serial number (time of day ignored), ISO text `2025-07-27`
 * (also `2025/7/27`, `2025.7.27` and `2025年7月27日`, the forms Chinese Excel shows), or a serial typed
 * as text. Throws a RuleError naming `argument` for anything else.
 * Blank cells are the caller's business: this only sees values that are meant to be dates.
 * @returns the whole Excel serial of the date
 */
export function readDate(value: unknown, argument: string): number {
  if (typeof value === "number") return serialFromNumber(value, argument);
  if (typeof value === "string") {
    const text = value.trim();
    const m = ISO_DATE.exec(text) ?? CHINESE_DATE.exec(text);
    if (m) {
      const year = Number(m[1]);
      const month = Number(m[2]);
      const day = Number(m[3]);
      // A time of day is allowed (and ignored) only when it is a real one: 2025-07-31T25:99 is refused.
      const [hour, minute, second] = [m[4], m[5], m[6]].map((part) => (part === undefined ? 0 : Number(part)));
      if (hour > 23 || minute > 59 || second > 59) {
        throw new RuleError(argument, `${show(value)} has no real time of day`, `${show(value)} 的时刻无效`);
      }
      if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        throw new RuleError(argument, `${show(value)} is not a real date`, `${show(value)} 不是有效日期`);
      }
      if (year < 1900 || year > 9999) {
        throw new RuleError(argument, `${show(value)} is outside 1900-01-01..9999-12-31`, `${show(value)} 超出 1900-01-01 至 9999-12-31`);
      }
      return serialFromCivil(year, month, day);
    }
    if (SERIAL_TEXT.test(text)) return serialFromNumber(Number(text), argument);
  }
  throw new RuleError(
    argument,
    `${show(value)} is not a date (use a date cell, an Excel serial or text like 2025-07-27)`,
    `${show(value)} 不是日期（请用日期单元格、Excel 日期序号或 2025-07-27 这样的文本）`,
  );
}

function serialFromNumber(value: number, argument: string): number {
  if (!Number.isFinite(value) || value < 1 || value >= MAX_SERIAL + 1) {
    throw new RuleError(
      argument,
      `${show(value)} is not a date serial (1 = 1900-01-01 .. ${MAX_SERIAL} = 9999-12-31)`,
      `${show(value)} 不是有效的日期序号（1 = 1900-01-01 至 ${MAX_SERIAL} = 9999-12-31）`,
    );
  }
  const serial = Math.floor(value); // the time of day does not count
  if (serial === PHANTOM_LEAP_DAY) {
    throw new RuleError(
      argument,
      "serial 60 is Excel's phantom 1900-02-29, a day that never existed",
      "序号 60 是 Excel 虚构的 1900-02-29，该日期并不存在",
    );
  }
  return serial;
}

/**
 * Excel's EDATE: the same day `months` months later, or the month's last day when it is shorter
 * (2025-01-31 + 1 month = 2025-02-28).
 */
export function addMonths(serial: number, months: number): number {
  const { year, month, day } = civilFromSerial(serial);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return serialFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Adds whole calendar days to a serial, stepping over the phantom leap day. */
export function addDays(serial: number, days: number): number {
  const target = calendarDay(serial) + days;
  return target <= PHANTOM_LEAP_DAY ? target - 1 : target;
}

/**
 * A sheet row number given to a reader (the row of a header, of the first data row): a whole number from 1.
 * @throws RuleError naming `argument`
 */
export function checkSheetRow(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RuleError(argument, `${show(value)} is not a sheet row number (1 or more)`, `${show(value)} 不是工作表行号（须大于等于 1）`);
  }
  return value;
}

/**
 * A workbook's date system as a reader is told it: "1900" (the default) or "1904".
 * @throws RuleError naming `argument`
 */
export function checkDateSystem(value: DateSystem | undefined, argument = "dateSystem"): DateSystem {
  const system = value ?? "1900";
  if (system !== "1900" && system !== "1904") {
    throw new RuleError(
      argument,
      `${show(system)} is not an Excel date system (1900 or 1904)`,
      `${show(system)} 不是 Excel 日期系统（1900 或 1904）`,
    );
  }
  return system;
}
