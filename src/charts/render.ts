/**
 * Vega-Lite to SVG in Node, without a browser or a canvas: Vega-Lite compiles the spec to Vega, and a
 * Vega `View` with the `none` renderer writes SVG text.
 *
 * `vega` cannot be `require`d from CommonJS (its graph has a top-level await, `ERR_REQUIRE_ASYNC_MODULE`),
 * and tslab rewrites `import()` in notebook cells into `require`. So both libraries are loaded here with a
 * real dynamic `import()`: this file is compiled for notebooks with `module: node20`, which keeps
 * `import()` as it is in CommonJS output (a one-line `module.exports = (s) => import(s)` shim, in effect).
 */
import { isWideCodePoint } from "../core/sheet-text.js";
import type { VegaLiteSpec } from "./spec.js";

type VegaModule = typeof import("vega");
type VegaLiteModule = { compile(spec: unknown, options?: unknown): { spec: unknown }; version: string };

let vegaModule: Promise<VegaModule> | undefined;
let vegaLiteModule: Promise<VegaLiteModule> | undefined;

/**
 * Loads `vega` once (ESM with top-level await: only a real dynamic import works), with the text width
 * estimate replaced by {@link textWidth} (Vega's own guess without a canvas, 0.8 em per character, makes
 * long axis titles push the chart away from its title and CJK labels overlap their axis title).
 */
export function loadVega(): Promise<VegaModule> {
  vegaModule ??= import("vega").then((vega) => {
    const metrics = (vega as unknown as { textMetrics: unknown }).textMetrics as { width: (item: TextItem, text?: unknown) => number };
    metrics.width = (item, text) => {
      const width = textWidth(
        text == null ? "" : String(text).trim(),
        item.fontSize != null ? Number(item.fontSize) || 0 : 11,
        item.fontWeight,
      );
      return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
    };
    return vega;
  });
  return vegaModule;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/**
 * Estimated width in pixels of a text in Noto Sans / Noto Sans CJK: CJK and full-width characters are
 * one em, Latin letters and digits about half an em, narrow punctuation a quarter; bold adds 6%.
 */
export function textWidth(text: string, fontSize = 11, fontWeight?: number | string): number {
  let em = 0;
  for (const ch of text) {
    if (isWideCodePoint(ch.codePointAt(0) ?? 0)) em += 1;
    else if (/[A-Z]/.test(ch)) em += 0.64;
    else if (/[ .,:;'|!il()[\]]/.test(ch)) em += 0.27;
    else em += 0.54;
  }
  const bold = fontWeight === "bold" || Number(fontWeight) >= 600;
  return Math.ceil(em * fontSize * (bold ? 1.06 : 1));
}

/** Loads `vega-lite` once. */
export function loadVegaLite(): Promise<VegaLiteModule> {
  vegaLiteModule ??= import("vega-lite") as Promise<unknown> as Promise<VegaLiteModule>;
  return vegaLiteModule;
}

/** Compiles a Vega-Lite spec to a Vega spec (throws on an invalid spec, with Vega-Lite's message). */
export async function compileVegaLite(spec: VegaLiteSpec): Promise<Record<string, unknown>> {
  const vl = await loadVegaLite();
  const vega = await loadVega();
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
    warnings.push(`${level} ${args.map(String).join(" ")}`);
  });
  const compiled = vl.compile(spec, { logger }).spec as Record<string, unknown>;
  if (warnings.length > 0) throw new Error(`charts: Vega-Lite warned compiling ${titleOf(spec) || "a chart"}: ${warnings.join("; ")}`);
  return compiled;
}

/**
 * Renders a Vega-Lite spec to SVG text. Inline data only (`data.values`): no loader, no network.
 * Warnings from Vega-Lite and Vega (a dropped encoding, an unknown field) become errors, so a broken
 * chart fails loudly instead of rendering half blank.
 */
export async function vegaLiteToSvg(spec: VegaLiteSpec): Promise<string> {
  const vega = await loadVega();
  const vgSpec = await compileVegaLite(spec);
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
    warnings.push(`${level} ${args.map(String).join(" ")}`);
  });
  const view = new vega.View(vega.parse(vgSpec as never), {
    renderer: "none",
    logger,
    // No loader: a spec with a URL must fail here rather than reach for the network.
    loader: {
      load: () => Promise.reject(new Error("charts: inline data only (data.values)")),
      sanitize: () => Promise.reject(new Error("charts: inline data only")),
    } as never,
  });
  try {
    const svg = await view.toSVG();
    if (warnings.length > 0) throw new Error(`charts: Vega warned while rendering ${titleOf(spec) || "a chart"}: ${warnings.join("; ")}`);
    return svg;
  } finally {
    view.finalize();
  }
}

/** The title text of a spec (first line when it has several), or "". */
export function titleOf(spec: VegaLiteSpec): string {
  const title = spec.title;
  if (typeof title === "string") return title;
  if (Array.isArray(title)) return title.map(String).join(" ");
  if (title && typeof title === "object") {
    const text = (title as { text?: unknown }).text;
    return Array.isArray(text) ? text.map(String).join(" ") : typeof text === "string" ? text : "";
  }
  return "";
}
