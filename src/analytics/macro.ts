/**
 * The credit cycle in public data: the Federal Reserve's delinquency rates (FRED `DRALACBS` all loans,
 * `DRBLACBS` business, `DRCLACBS` consumer; quarterly, percent, seasonally adjusted) and the FDIC net
 * charge-off ratio of one bank (`NTLNLSCOQR`, annualised percent; negative quarters are net recoveries).
 * Loaders, and the analyses: peak and trough, rolling means, turning points and the phases between them
 * (the cycle), and the correlation of two series.
 *
 * A quarterly series is an Arquero table with columns `series` (its id), `quarter` (quarter index,
 * year * 4 + q - 1), `label` (`2010Q1`), `date` (Excel serial: FRED's first day of the quarter, FDIC's
 * quarter end), `value` (percent).
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { compactDateToSerial, isoToSerial, quarterIndex, quarterLabel, serialToDate } from "./calendar.js";
import { numberColumn, requireColumns } from "./columns.js";
import { correlation, extremes, phases, rollingMean, turningPoints } from "./series.js";

/** A quarterly series (see the module comment). */
export type QuarterlySeries = ColumnTable;

function seriesTable(id: string, dates: number[], values: number[]): QuarterlySeries {
  const quarters = dates.map(quarterIndex);
  for (let i = 1; i < quarters.length; i++) {
    if (quarters[i] <= quarters[i - 1]) throw new Error(`${id}: quarters out of order or repeated at ${quarterLabel(quarters[i])}`);
  }
  return aq.table({
    series: dates.map(() => id),
    quarter: Int32Array.from(quarters),
    label: quarters.map(quarterLabel),
    date: Int32Array.from(dates),
    value: Float64Array.from(values),
  });
}

/** Splits CSV text into rows of unquoted fields (the FRED and FDIC files have no commas inside fields). */
function csvLines(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .map((l) => l.split(",").map((f) => f.trim().replace(/^"(.*)"$/, "$1")));
}

/**
 * Reads a FRED CSV (`DATE,<ID>`, dates `YYYY-MM-DD` on the first day of the quarter; FRED's `.` for a
 * missing value is skipped). The series id is the second header.
 */
export function parseFred(text: string): QuarterlySeries {
  const [header, ...rows] = csvLines(text);
  if (!header || header.length < 2 || header[0].toUpperCase() !== "DATE") throw new Error("FRED file: the header must be DATE,<series id>");
  const dates: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    if (r[1] === "." || r[1] === "") continue;
    const v = Number(r[1]);
    if (!Number.isFinite(v)) throw new Error(`FRED file: ${JSON.stringify(r[1])} on ${r[0]} is not a number`);
    dates.push(isoToSerial(r[0]));
    values.push(v);
  }
  return seriesTable(header[1], dates, values);
}

/** Reads the FDIC BankFind time series CSV (`"ID","<FIELD>","REPDTE"`, REPDTE the quarter end `YYYYMMDD`). */
export function parseFdic(text: string): QuarterlySeries {
  const [header, ...rows] = csvLines(text);
  const at = header ? header.indexOf("REPDTE") : -1;
  if (!header || at < 0) throw new Error("FDIC file: no REPDTE column");
  const valueAt = header.findIndex((h, i) => i !== at && h !== "ID");
  const pairs = rows.map((r) => ({ date: compactDateToSerial(r[at]), value: Number(r[valueAt]) }));
  pairs.sort((a, b) => a.date - b.date);
  for (const p of pairs) if (!Number.isFinite(p.value)) throw new Error("FDIC file: a value is not a number");
  return seriesTable(
    header[valueAt],
    pairs.map((p) => p.date),
    pairs.map((p) => p.value),
  );
}

/** A point of a series: its quarter label, date (serial and UTC Date) and value. */
export interface SeriesPoint {
  readonly label: string;
  readonly date: number;
  readonly utcDate: Date | null;
  readonly value: number;
}

function pointAt(series: QuarterlySeries, row: number): SeriesPoint {
  const date = series.get("date", row) as number;
  return { label: series.get("label", row) as string, date, utcDate: serialToDate(date), value: series.get("value", row) as number };
}

/** The highest and the lowest value of a series (the first quarter on ties). */
export function seriesExtremes(series: QuarterlySeries): { readonly peak: SeriesPoint; readonly trough: SeriesPoint } {
  requireColumns(series, ["label", "date", "value"], "seriesExtremes");
  const { max, min } = extremes(numberColumn(series, "value"));
  if (max < 0) throw new Error("seriesExtremes: the series has no value");
  return { peak: pointAt(series, max), trough: pointAt(series, min) };
}

/**
 * The series with a trailing rolling mean of `window` quarters added as `rolling_mean` (percent; NaN
 * until the window is full), e.g. 4 for a one-year mean, 20 for five years.
 */
export function withRollingMean(series: QuarterlySeries, window = 4): QuarterlySeries {
  requireColumns(series, ["value"], "withRollingMean");
  return series.assign({ rolling_mean: rollingMean(numberColumn(series, "value"), window) });
}

/**
 * Turning points of the cycle: quarters whose value is the highest (peak) or lowest (trough) within
 * `window` quarters on either side (default 8: two years), alternating. Columns: label, date, value,
 * kind (`peak` / `trough`).
 */
export function cycleTurningPoints(series: QuarterlySeries, window = 8): ColumnTable {
  requireColumns(series, ["label", "date", "value"], "cycleTurningPoints");
  const points = turningPoints(numberColumn(series, "value"), window);
  return aq.from(points.map((p) => ({ ...pointAt(series, p.index), kind: p.kind }))).select(["label", "date", "value", "kind"]);
}

/**
 * The phases of the cycle between consecutive turning points: from, to (quarter labels), kind
 * (`rising` trough to peak, `falling` peak to trough), quarters, from_value, to_value, change
 * (percentage points).
 */
export function cyclePhases(series: QuarterlySeries, window = 8): ColumnTable {
  requireColumns(series, ["label", "value"], "cyclePhases");
  const values = numberColumn(series, "value");
  const list = phases(turningPoints(values, window));
  return aq.from(
    list.map((p) => ({
      from: series.get("label", p.from) as string,
      to: series.get("label", p.to) as string,
      kind: p.kind,
      quarters: p.periods,
      from_value: values[p.from],
      to_value: values[p.to],
      change: p.change,
    })),
  );
}

/**
 * Two series side by side on the quarters both have: quarter, label, and the two values under their
 * series ids (or `a` / `b` when the ids are equal).
 */
export function alignSeries(a: QuarterlySeries, b: QuarterlySeries): ColumnTable {
  const idA = (a.get("series", 0) as string) ?? "a";
  let idB = (b.get("series", 0) as string) ?? "b";
  if (idB === idA) idB = `${idB}_b`;
  return a
    .select(["quarter", "label", "value"])
    .rename({ value: idA })
    .join(b.select(["quarter", "value"]).rename({ value: idB }), [["quarter"], ["quarter"]])
    .orderby("quarter");
}

/** Pearson correlation of two series over their common quarters (and how many there are). */
export function seriesCorrelation(a: QuarterlySeries, b: QuarterlySeries): { readonly r: number; readonly quarters: number } {
  const t = alignSeries(a, b);
  const [x, y] = t.columnNames().slice(2);
  return { r: correlation(numberColumn(t, x), numberColumn(t, y)), quarters: t.numRows() };
}
