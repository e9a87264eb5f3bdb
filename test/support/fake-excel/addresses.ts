/** A1 addresses and the rectangles of cells they name, 0-based and inclusive. */
import { invalidArgument } from "./errors.js";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function letters(column: number): string {
  let n = column + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnOf(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet name as Excel writes it in an address: quoted when it is not a plain word. */
export function sheetRef(name: string): string {
  const plain =
    /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function a1(rect: Rect): string {
  const from = `${letters(rect.left)}${rect.top + 1}`;
  return rect.top === rect.bottom && rect.left === rect.right ? from : `${from}:${letters(rect.right)}${rect.bottom + 1}`;
}

/** Parses `A1`, `A1:C3`, `A:C`, `1:3`, optionally after `Sheet!` or `'My sheet'!`. */
export function parseAddress(address: string): { sheet?: string; rect: Rect } {
  let sheet: string | undefined;
  let rest = address.trim();
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const parts = rest.split(":");
  if (parts.length > 2) throw invalidArgument(`bad address ${address}`);
  const cells = parts.map((p) => /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/.exec(p));
  if (cells.some((m) => m === null || (m[1] === undefined && m[2] === undefined))) throw invalidArgument(`bad address ${address}`);
  const [m1, m2] = [cells[0]!, (cells[1] ?? cells[0])!];
  const top = m1[2] === undefined ? 0 : Number(m1[2]) - 1;
  const bottom = m2[2] === undefined ? MAX_ROWS - 1 : Number(m2[2]) - 1;
  const left = m1[1] === undefined ? 0 : columnOf(m1[1]);
  const right = m2[1] === undefined ? MAX_COLUMNS - 1 : columnOf(m2[1]);
  const rect = { top: Math.min(top, bottom), bottom: Math.max(top, bottom), left: Math.min(left, right), right: Math.max(left, right) };
  if (rect.top < 0 || rect.bottom >= MAX_ROWS || rect.left < 0 || rect.right >= MAX_COLUMNS)
    throw invalidArgument(`address out of the sheet: ${address}`);
  return { sheet, rect };
}

export const rows = (r: Rect) => r.bottom - r.top + 1;
export const cols = (r: Rect) => r.right - r.left + 1;
export const within = (inner: Rect, outer: Rect) =>
  inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
export const overlaps = (a: Rect, b: Rect) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
