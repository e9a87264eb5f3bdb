/**
 * Calendar arithmetic for the analyses: months, quarters and month ends on Excel serial day numbers
 * (the core's date unit, see `../core/dates.ts`), without `Date` and without a time zone.
 *
 * Every ledger table of the analyses holds its dates as whole Excel serials (1 = 1900-01-01,
 * 45658 = 2025-01-01); a missing date is 0 (or null). A *month index* counts months from year 0:
 * `year * 12 + (month - 1)`, so consecutive months differ by 1 and `2025-01` is 24300. A *quarter
 * index* is `year * 4 + (quarter - 1)`.
 *
 * The functions `ar_month`, `ar_quarter`, `ar_year`, `ar_day` (serial to days since 1970-01-01) and
 * `ar_month_days` (days in a month index) are registered with Arquero when this module loads, so
 * expressions can use them: `"d => op.ar_month(d.issue_date)"`.
 */
import * as aq from "arquero";
import { calendarDay, civilFromSerial, daysInMonth, serialFromCivil } from "../core/index.js";

/** Serial of 1970-01-01 (valid from 1900-03-01 on). */
export const UNIX_EPOCH_SERIAL = 25569;

/** Milliseconds in a day. */
const DAY_MS = 86_400_000;

/**
 * The month index (`year * 12 + month - 1`) of an Excel serial; NaN for a missing date (0, null, NaN).
 * Pure arithmetic (H. Hinnant's civil_from_days), no allocation: the hot path of monthly grouping.
 * @example monthIndex(45658) === 2025 * 12 (2025-01-01)
 */
export function monthIndex(serial: number): number {
  if (!(serial > 0)) return NaN;
  const z = Math.floor(calendarDay(serial)) - UNIX_EPOCH_SERIAL + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** The quarter index (`year * 4 + quarter - 1`) of an Excel serial; NaN for a missing date. */
export function quarterIndex(serial: number): number {
  const m = monthIndex(serial);
  return Number.isNaN(m) ? NaN : Math.floor(m / 3);
}

/** The quarter index of a month index. */
export function quarterOfMonth(month: number): number {
  return Math.floor(month / 3);
}

/** Serial of the first day of a month index. */
export function monthStart(month: number): number {
  const year = Math.floor(month / 12);
  return serialFromCivil(year, month - year * 12 + 1, 1);
}

/** Serial of the last day of a month index (the month-end of aging reports). */
export function monthEnd(month: number): number {
  const year = Math.floor(month / 12);
  const m = month - year * 12 + 1;
  return serialFromCivil(year, m, daysInMonth(year, m));
}

/** Number of days in a month index (28-31). */
export function daysOfMonth(month: number): number {
  const year = Math.floor(month / 12);
  return daysInMonth(year, month - year * 12 + 1);
}

/** Serial of the first day of a quarter index. */
export function quarterStart(quarter: number): number {
  return monthStart(quarter * 3);
}

/** Serial of the last day of a quarter index. */
export function quarterEnd(quarter: number): number {
  return monthEnd(quarter * 3 + 2);
}

/** Number of days in a quarter index (90-92). */
export function daysOfQuarter(quarter: number): number {
  return daysOfMonth(quarter * 3) + daysOfMonth(quarter * 3 + 1) + daysOfMonth(quarter * 3 + 2);
}

/** `2025-01` for a month index. */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12);
  return `${year}-${String(month - year * 12 + 1).padStart(2, "0")}`;
}

/** `2025Q1` for a quarter index. */
export function quarterLabel(quarter: number): string {
  const year = Math.floor(quarter / 4);
  return `${year}Q${quarter - year * 4 + 1}`;
}

/** Reads `2025-01` (or `2025-1`) as a month index; throws on anything else. */
export function parseMonthLabel(text: string): number {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(text)}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/**
 * Reads an ISO date `YYYY-MM-DD` (also `YYYY/M/D`) as an Excel serial; an empty text is 0 (missing).
 * Throws a RangeError on anything else. Fast path for CSV columns (no regular expression for the
 * common 10-character form).
 */
export function isoToSerial(text: string): number {
  if (text === "") return 0;
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = digits(text, 0, 4);
    const m = digits(text, 5, 7);
    const d = digits(text, 8, 10);
    if (y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return serialFromCivil(y, m, d);
  }
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.trim());
  if (!match) throw new RangeError(`not an ISO date: ${JSON.stringify(text)}`);
  return serialFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
}

function digits(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Reads a US date `M/D/YYYY` (the IBM sample's form) as an Excel serial; throws on anything else. */
export function usDateToSerial(text: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) throw new RangeError(`not a M/D/YYYY date: ${JSON.stringify(text)}`);
  return serialFromCivil(Number(m[3]), Number(m[1]), Number(m[2]));
}

/** Reads `YYYYMMDD` (the FDIC form) as an Excel serial; throws on anything else. */
export function compactDateToSerial(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) throw new RangeError(`not a YYYYMMDD date: ${JSON.stringify(text)}`);
  return serialFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** ISO text of a serial, or "" for a missing date (0, null, NaN). */
export function serialToIso(serial: number | null | undefined): string {
  if (serial == null || !(serial > 0)) return "";
  const { year, month, day } = civilFromSerial(serial);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * A UTC `Date` (midnight) for a serial, for charts (Vega-Lite temporal fields) and display; null for a
 * missing date. Never a local-time Date: the result does not depend on the machine's time zone.
 */
export function serialToDate(serial: number | null | undefined): Date | null {
  if (serial == null || !(serial > 0)) return null;
  return new Date((calendarDay(serial) - UNIX_EPOCH_SERIAL) * DAY_MS);
}

/** The serial of a Date's UTC calendar day (time of day ignored). */
export function dateToSerial(date: Date): number {
  return serialFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Days since 1970-01-01 (Arrow `date32`) of a serial. */
export function serialToEpochDays(serial: number): number {
  return calendarDay(serial) - UNIX_EPOCH_SERIAL;
}

/** The serial of a day count since 1970-01-01 (Arrow `date32`). */
export function epochDaysToSerial(days: number): number {
  return days + UNIX_EPOCH_SERIAL;
}

/**
 * Reads a date given as an Excel serial or ISO text (`2025-07-01`) into a serial; the analyses' options
 * take either.
 */
export function toSerial(value: number | string): number {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 61) throw new RangeError(`not a date serial: ${value}`);
    return value;
  }
  return isoToSerial(value);
}

let registered = false;

/**
 * Registers `ar_month(serial)`, `ar_quarter(serial)`, `ar_year(serial)`, `ar_day(serial)` (days since
 * 1970-01-01) and `ar_month_days(month index)` as Arquero functions, so table expressions can group by month without `Date` objects.
 * Called when this module loads; safe to call again.
 */
export function registerArqueroFunctions(): void {
  if (registered) return;
  registered = true;
  aq.addFunction("ar_month", monthIndex, { override: true });
  aq.addFunction("ar_quarter", quarterIndex, { override: true });
  aq.addFunction("ar_year", (serial: number) => Math.floor(monthIndex(serial) / 12), { override: true });
  aq.addFunction("ar_day", (serial: number) => (serial > 0 ? calendarDay(serial) - UNIX_EPOCH_SERIAL : NaN), { override: true });
  aq.addFunction("ar_month_days", daysOfMonth, { override: true });
}

registerArqueroFunctions();
