/**
 * Time-series helpers on plain arrays (one value per period, in period order): rolling sums, means and
 * ratios, extremes, turning points and the phases between them, correlation. Missing values are null,
 * undefined or NaN, and are skipped (a window counts only the values it has).
 */

type Values = ArrayLike<number | null | undefined>;

function valueAt(values: Values, i: number): number {
  const v = values[i];
  return v === null || v === undefined ? NaN : v;
}

/**
 * Trailing rolling sum over `window` periods (this one and the window - 1 before): NaN until the window
 * holds at least `minPeriods` values (default: the whole window).
 * @example rollingSum([1, 2, 3, 4], 2) -> [NaN, 3, 5, 7]
 */
export function rollingSum(values: Values, window: number, minPeriods: number = window): Float64Array {
  return rollingWindow(values, window, minPeriods, (sum, count, i) => (count >= minPeriods && i >= minPeriods - 1 ? sum : NaN));
}

/**
 * Trailing rolling mean over `window` periods: the mean of the values present in the window, NaN until
 * it holds at least `minPeriods` (default: the whole window).
 * @example rollingMean([1, 2, 3, 4], 2) -> [NaN, 1.5, 2.5, 3.5]
 */
export function rollingMean(values: Values, window: number, minPeriods: number = window): Float64Array {
  return rollingWindow(values, window, minPeriods, (sum, count) => (count >= minPeriods && count > 0 ? sum / count : NaN));
}

/** The trailing window both rolling statistics share: the sum and count of the values present (NaN skipped). */
function rollingWindow(
  values: Values,
  window: number,
  minPeriods: number,
  finish: (sum: number, count: number, i: number) => number,
): Float64Array {
  checkWindow(window, minPeriods);
  const n = values.length;
  const out = new Float64Array(n);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = valueAt(values, i);
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
    if (i >= window) {
      const old = valueAt(values, i - window);
      if (!Number.isNaN(old)) {
        sum -= old;
        count--;
      }
    }
    out[i] = finish(sum, count, i);
  }
  return out;
}

/**
 * Trailing rolling ratio of sums: sum(numerator) / sum(denominator) over `window` periods (the right way
 * to roll a rate: a 12-month write-off rate is 12 months of write-offs over 12 months of sales, not the
 * mean of 12 monthly rates). NaN until the window is full, or when the denominator sum is 0.
 */
export function rollingRatio(numerator: Values, denominator: Values, window: number): Float64Array {
  const num = rollingSum(numerator, window);
  const den = rollingSum(denominator, window);
  const out = new Float64Array(num.length);
  for (let i = 0; i < out.length; i++) out[i] = den[i] !== 0 ? num[i] / den[i] : NaN;
  return out;
}

function checkWindow(window: number, minPeriods: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a whole number >= 1, not ${window}`);
  if (!Number.isInteger(minPeriods) || minPeriods < 1 || minPeriods > window)
    throw new RangeError(`minPeriods must be 1..window, not ${minPeriods}`);
}

/** Index of the largest and the smallest value (the first one on ties); -1 when there is no value. */
export function extremes(values: Values): { readonly max: number; readonly min: number } {
  let max = -1;
  let min = -1;
  for (let i = 0; i < values.length; i++) {
    const v = valueAt(values, i);
    if (Number.isNaN(v)) continue;
    if (max < 0 || v > valueAt(values, max)) max = i;
    if (min < 0 || v < valueAt(values, min)) min = i;
  }
  return { max, min };
}

/** A turning point of a series: a local peak or trough. */
export interface TurningPoint {
  readonly index: number;
  readonly kind: "peak" | "trough";
  readonly value: number;
}

/**
 * Turning points (a simple Bry-Boschan-style dating): a peak is a value that is the largest within
 * `window` periods on each side (the first of equal values), a trough the smallest; peaks and troughs
 * then alternate (of two peaks in a row the higher is kept, of two troughs the lower). The ends of the
 * series count when the window is cut short by them only if `includeEnds` (default false).
 */
export function turningPoints(values: Values, window: number, includeEnds = false): TurningPoint[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a whole number >= 1, not ${window}`);
  const n = values.length;
  const raw: TurningPoint[] = [];
  for (let i = 0; i < n; i++) {
    const v = valueAt(values, i);
    if (Number.isNaN(v)) continue;
    if (!includeEnds && (i < window || i + window >= n)) continue;
    let peak = true;
    let trough = true;
    for (let j = Math.max(0, i - window); j <= Math.min(n - 1, i + window); j++) {
      if (j === i) continue;
      const w = valueAt(values, j);
      if (Number.isNaN(w)) continue;
      // strict on the left, so that the first of a flat top is the peak
      if (j < i ? w >= v : w > v) peak = false;
      if (j < i ? w <= v : w < v) trough = false;
    }
    if (peak) raw.push({ index: i, kind: "peak", value: v });
    else if (trough) raw.push({ index: i, kind: "trough", value: v });
  }
  const out: TurningPoint[] = [];
  for (const p of raw) {
    const last = out[out.length - 1];
    if (last && last.kind === p.kind) {
      if ((p.kind === "peak" && p.value > last.value) || (p.kind === "trough" && p.value < last.value)) out[out.length - 1] = p;
    } else {
      out.push(p);
    }
  }
  return out;
}

/** A phase between two turning points. */
export interface Phase {
  readonly from: number;
  readonly to: number;
  /** `rising` from a trough to a peak, `falling` from a peak to a trough. */
  readonly kind: "rising" | "falling";
  /** Periods from the first turning point to the second. */
  readonly periods: number;
  /** Value at the end minus value at the start. */
  readonly change: number;
}

/** The phases between consecutive turning points. */
export function phases(points: readonly TurningPoint[]): Phase[] {
  const out: Phase[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    out.push({
      from: a.index,
      to: b.index,
      kind: a.kind === "trough" ? "rising" : "falling",
      periods: b.index - a.index,
      change: b.value - a.value,
    });
  }
  return out;
}

/** Pearson correlation of two equally long series over the periods where both have a value; NaN with fewer than 2. */
export function correlation(x: Values, y: Values): number {
  if (x.length !== y.length) throw new RangeError(`series of different lengths: ${x.length} and ${y.length}`);
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = valueAt(x, i);
    const b = valueAt(y, i);
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = valueAt(x, i);
    const b = valueAt(y, i);
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    cxy += (a - mx) * (b - my);
    cxx += (a - mx) ** 2;
    cyy += (b - my) ** 2;
  }
  return cxy / Math.sqrt(cxx * cyy);
}

/** Mean and sample standard deviation of the values present; NaN when there are none (sd: fewer than 2). */
export function meanSd(values: Values): { readonly n: number; readonly mean: number; readonly sd: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = valueAt(values, i);
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = valueAt(values, i);
    if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  }
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

/**
 * Welch's t statistic for the difference of two means (unequal variances) and its Welch-Satterthwaite
 * degrees of freedom.
 */
export function welchT(a: Values, b: Values): { readonly t: number; readonly df: number; readonly difference: number } {
  const x = meanSd(a);
  const y = meanSd(b);
  const va = (x.sd * x.sd) / x.n;
  const vb = (y.sd * y.sd) / y.n;
  const t = (x.mean - y.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / ((va * va) / (x.n - 1) + (vb * vb) / (y.n - 1));
  return { t, df, difference: x.mean - y.mean };
}
