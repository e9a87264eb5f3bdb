/**
 * Excel's transfer limits and how the layer measures what it sends: the JSON size of cell values. (The
 * text a cell must be given so that Excel keeps it as that text is excelText, in src/result/cell-text.ts.)
 */

/** Excel on the web refuses a request or a response larger than this (documented as 5 MB). */
export const EXCEL_PAYLOAD_LIMIT = 5_000_000;
/** Excel refuses to read more cells than this in one range. */
export const MAX_CELLS_PER_READ = 5_000_000;
/** The layer's default ceiling per request: a fifth under Excel's limit, for the wrapper and estimates. */
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;
/** Default rows per chunk (Microsoft's advice: start at 5,000-20,000 rows). */
export const DEFAULT_CHUNK_ROWS = 10_000;
/** Rows and columns of a worksheet. */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;
/** Bytes counted per queued operation for the request's own JSON around its arguments. */
export const OPERATION_OVERHEAD = 128;

/**
 * The UTF-8 size of `JSON.stringify(value)` without building the string: null, booleans, numbers, strings,
 * arrays and plain objects (what Office sends). Walking is cheaper than stringifying a 4 MB chunk and
 * encoding it, and allocates nothing.
 */
export function jsonByteLength(value: unknown): number {
  if (typeof value === "string") return stringBytes(value);
  if (typeof value === "number") return numberBytes(value);
  if (typeof value === "boolean") return value ? 4 : 5;
  if (value === null || value === undefined) return 4;
  if (Array.isArray(value)) {
    let n = 2 + (value.length > 0 ? value.length - 1 : 0);
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      // Cells are mostly strings and numbers: test them inline before recursing.
      n += typeof v === "string" ? stringBytes(v) : typeof v === "number" ? numberBytes(v) : jsonByteLength(v);
    }
    return n;
  }
  if (typeof value === "object") {
    let n = 2;
    let first = true;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || typeof v === "function") continue;
      n += (first ? 0 : 1) + stringBytes(key) + 1 + jsonByteLength(v);
      first = false;
    }
    return n;
  }
  return 4;
}

/** JSON size of a number: digits counted without a string for integers (most cells), else its text. */
function numberBytes(n: number): number {
  if (!Number.isFinite(n)) return 4; // null
  if (Number.isInteger(n) && n > -1e15 && n < 1e15) {
    const a = n < 0 ? -n : n;
    let digits = 1;
    for (let p = 10; p <= a; p *= 10) digits++;
    return n < 0 ? digits + 1 : digits;
  }
  // Amounts have cents: when n is exactly cents / 100, its shortest text has the integer part's digits,
  // a point and one or two decimals (below 1e13, where a double still tells cents apart).
  if (n > -1e13 && n < 1e13) {
    const cents = Math.round(n * 100);
    if (cents / 100 === n) {
      const a = Math.trunc(n < 0 ? -n : n);
      let digits = 1;
      for (let p = 10; p <= a; p *= 10) digits++;
      return digits + (cents % 10 === 0 ? 2 : 3) + (n < 0 ? 1 : 0);
    }
  }
  return String(n).length;
}

/** Characters whose JSON is not themselves in one byte: controls, `"`, `\\`, and everything beyond ASCII. */
const SPECIAL = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/**
 * Sizes of long texts already measured. A result sheet repeats a few long verdict texts on every row (a
 * strategy, what to find out: hundreds of characters each), which a lookup answers without a scan; the
 * cache is emptied when it fills, so that a column of unique texts costs a hash each and no memory.
 */
const LONG_TEXT = 64;
const CACHE_LIMIT = 4096;
const sizes = new Map<string, number>();

/** JSON size of a string in UTF-8: quotes, escapes, multi-byte characters. */
function stringBytes(s: string): number {
  if (s.length < LONG_TEXT) return scanBytes(s);
  let n = sizes.get(s);
  if (n === undefined) {
    n = scanBytes(s);
    if (sizes.size >= CACHE_LIMIT) sizes.clear();
    sizes.set(s, n);
  }
  return n;
}

function scanBytes(s: string): number {
  // Most cells are plain ASCII: one native scan answers them.
  if (!SPECIAL.test(s)) return s.length + 2;
  let n = s.length + 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20)
        n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5; // \n or \u00XX
      else if (c === 34 || c === 92) n += 1; // \" \\
    } else if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
        i++;
      } else n += 5; // a lone surrogate: JSON.stringify writes \udXXX
    } else if (c >= 0xd800 && c <= 0xdfff) n += 5;
    else n += 2;
  }
  return n;
}
