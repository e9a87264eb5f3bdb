/**
 * Notebook output for tslab: a chart becomes one Jupyter output holding both the rendered SVG
 * (`image/svg+xml`, readable in CI and in any viewer) and the Vega-Lite spec
 * (`application/vnd.vegalite.v5+json`, interactive in JupyterLab), plus a `text/plain` line; tables are
 * shown as HTML and aligned text; key figures are printed as `[figure] name = <json>` lines that tests
 * parse. (The real-data folder is `dataDir()` of the analytics.)
 *
 * tslab's own `display.raw(type, data)` sends one MIME type per output, so the bundle goes through the
 * kernel's current `display_data` writer (`tslab/dist/jupyter`'s `lastWriteDisplayData`, set for each
 * executed cell) — the same call `display.raw` makes, with several entries in `data`.
 */
import { displayWidth } from "../core/sheet-text.js";
import { titleOf, vegaLiteToSvg } from "./render.js";
import type { VegaLiteSpec } from "./spec.js";

/** The MIME type JupyterLab renders Vega-Lite with (there is no v6 type). */
export const VEGALITE_MIME = "application/vnd.vegalite.v5+json";

/** A Jupyter MIME bundle: MIME type to content. */
export type MimeBundle = { [mime: string]: unknown };

/** Something that sends a display_data message (tslab's writer, or a test double). */
export type DisplaySink = (bundle: MimeBundle) => void;

/** The bundle for a chart: SVG, the Vega-Lite spec, and a text line with the title. */
export async function chartBundle(spec: VegaLiteSpec): Promise<MimeBundle> {
  const svg = await vegaLiteToSvg(spec);
  return {
    "image/svg+xml": svg,
    [VEGALITE_MIME]: spec,
    "text/plain": `[chart] ${titleOf(spec)}`,
  };
}

/** The display_data writer of the running tslab kernel. Throws outside a tslab cell. */
export async function tslabSink(): Promise<DisplaySink> {
  let jupyter: { lastWriteDisplayData: ((data: unknown, update: boolean) => void) | null };
  try {
    // A CommonJS module: `default` is its live `module.exports`, shared with the kernel's own copy.
    const mod = (await import("tslab/dist/jupyter.js")) as unknown as { default?: typeof jupyter } & typeof jupyter;
    jupyter = mod.default ?? mod;
  } catch (e) {
    throw new Error(`charts.show: tslab is not installed (${(e as Error).message})`);
  }
  return (bundle) => {
    const write = jupyter.lastWriteDisplayData;
    if (write == null) throw new Error("charts.show: not running inside a tslab kernel cell");
    write({ data: bundle, metadata: {}, transient: {} }, false);
  };
}

/**
 * Shows a chart in the notebook: one output with the SVG and the Vega-Lite spec. Resolves to nothing, so
 * `await show(...)` as a cell's last line prints nothing more (use `vegaLiteToSvg` for the SVG text).
 * @param sink where the bundle goes (default: the running tslab kernel)
 */
export async function show(spec: VegaLiteSpec, sink?: DisplaySink): Promise<void> {
  const bundle = await chartBundle(spec);
  (sink ?? (await tslabSink()))(bundle);
}

/** A table to show: rows of plain objects, or anything with `objects()` (an Arquero table). */
export type TableLike = readonly { readonly [k: string]: unknown }[] | { objects(options?: { limit?: number }): object[] };

/** Options of {@link tableBundle} and {@link showTable}. */
export interface TableOptions {
  readonly title?: string;
  /** Most rows shown (default 20). */
  readonly limit?: number;
  /** Per-column formatter, e.g. `{ rate: pct(1) }`. Unlisted numbers get up to 4 significant decimals. */
  readonly format?: { readonly [column: string]: (v: unknown) => string };
}

/** Formats a fraction as a percentage with the given decimals: pct(1)(0.0123) is "1.2%". */
export function pct(decimals = 1): (v: unknown) => string {
  return (v) => (typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(decimals)}%` : cellText(v));
}

/** Formats a number with thousands separators and fixed decimals: num(0)(1234.5) is "1,235". */
export function num(decimals = 0): (v: unknown) => string {
  return (v) =>
    typeof v === "number" && Number.isFinite(v)
      ? v.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
      : cellText(v);
}

function cellText(v: unknown): string {
  if (v == null) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);
}

/** The bundle for a table: HTML and aligned plain text (the text is what CI logs show). */
export function tableBundle(table: TableLike, options: TableOptions = {}): MimeBundle {
  const limit = options.limit ?? 20;
  const all = (
    Array.isArray(table) ? table : (table as { objects(o?: { limit?: number }): object[] }).objects({ limit: limit + 1 })
  ) as Record<string, unknown>[];
  const rows = all.slice(0, limit);
  const columns: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  const fmt = (c: string, v: unknown) => (options.format?.[c] ?? cellText)(v);
  const cells = rows.map((r) => columns.map((c) => fmt(c, r[c])));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]))));
  const pad = (s: string, i: number, right: boolean) => {
    const fill = " ".repeat(widths[i] - displayWidth(s));
    return right ? fill + s : s + fill;
  };
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === "number"));
  const more =
    all.length > limit ||
    (!Array.isArray(table) && "numRows" in (table as object) && (table as unknown as { numRows(): number }).numRows() > limit);
  const lines = [
    ...(options.title ? [options.title] : []),
    columns.map((c, i) => pad(c, i, numeric[i])).join("  "),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map((r) => r.map((s, i) => pad(s, i, numeric[i])).join("  ")),
    ...(more ? [`... (first ${limit} rows)`] : []),
  ];
  const html = [
    options.title ? `<p><b>${escapeHtml(options.title)}</b></p>` : "",
    "<table><thead><tr>",
    ...columns.map((c, i) => `<th style="text-align:${numeric[i] ? "right" : "left"}">${escapeHtml(c)}</th>`),
    "</tr></thead><tbody>",
    ...cells.map(
      (r) => `<tr>${r.map((s, i) => `<td style="text-align:${numeric[i] ? "right" : "left"}">${escapeHtml(s)}</td>`).join("")}</tr>`,
    ),
    "</tbody></table>",
    more ? `<p>… first ${limit} rows</p>` : "",
  ].join("");
  return { "text/html": html, "text/plain": lines.join("\n") };
}

/** Shows a table in the notebook (HTML, with aligned text as the plain fallback). */
export async function showTable(table: TableLike, options: TableOptions = {}, sink?: DisplaySink): Promise<void> {
  (sink ?? (await tslabSink()))(tableBundle(table, options));
}

/** The text of a key-figure line: `[figure] name = <json>` (one line, parsed by the notebook tests). */
export function figureLine(name: string, value: unknown): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`figure: name ${JSON.stringify(name)} must be letters, digits, _ . -`);
  return `[figure] ${name} = ${JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v))}`;
}

/** Prints a key figure on its own line (`[figure] name = <json>`) so tests can read it from the executed notebook. */
export function figure(name: string, value: unknown): void {
  console.log(figureLine(name, value));
}

/** Reads every `[figure] name = json` line of a text (the inverse of {@link figureLine}). */
export function parseFigures(text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of text.matchAll(/^\[figure\] ([A-Za-z0-9_.-]+) = (.*)$/gm)) out.set(m[1], JSON.parse(m[2]));
  return out;
}
