/**
 * The Functions tab's list, from the metadata Excel gets: the build (scripts/build/function-catalog.js)
 * bundles dist/functions.json and dist/functions.zh-CN.json, generated in the same build from the JSDoc of
 * src/functions/functions.ts, as the constant AR_FUNCTION_CATALOG. Each function's entry: its syntax with
 * the argument names Excel shows (optional ones in brackets, Chinese names in Chinese), its description,
 * one example (function-examples.ts) and the link to its section of the formula reference. Pure: no DOM.
 */
import type { Language } from "../core/index.js";
import { exampleFor, type FormulaExample } from "./function-examples.js";

/** An argument as the metadata describes it. */
export interface ParameterMetadata {
  readonly name: string;
  readonly description?: string;
  readonly optional?: boolean;
  readonly repeating?: boolean;
}

/** A function as the metadata describes it. */
export interface FunctionMetadata {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly parameters: readonly ParameterMetadata[];
}

/** A metadata file (functions.json, functions.zh-CN.json). */
export interface FunctionsMetadata {
  readonly functions: readonly FunctionMetadata[];
}

/** What the build bundles: the metadata in both languages and the reference's file name beside the pane. */
export interface BuiltCatalog {
  readonly en: FunctionsMetadata;
  readonly zh: FunctionsMetadata;
  /** The formula reference's page beside the pane, `docs/formulas.html` (a heading per function). */
  readonly reference: string;
}

/** The custom functions' namespace (manifest.xml). */
export const NAMESPACE = "AR";

/** Replaced by the build (DefinePlugin) with the catalog; undefined where nothing replaces it (a test). */
declare const AR_FUNCTION_CATALOG: BuiltCatalog | null | undefined;

/** The bundled catalog, or null outside a build (a test imports this module directly). */
export function builtCatalog(): BuiltCatalog | null {
  return typeof AR_FUNCTION_CATALOG === "undefined" ? null : AR_FUNCTION_CATALOG;
}

/** One function as the tab shows it. */
export interface CatalogEntry {
  readonly id: string;
  /** `AR.GRADE(overdue_count, overdue_amount, cash_flow, [small_limit], [output])`. */
  readonly syntax: string;
  readonly name: string;
  readonly parameters: readonly { readonly name: string; readonly description: string; readonly optional: boolean }[];
  readonly description: string;
  readonly example: FormulaExample | undefined;
  /** The reference's address, relative to the pane. */
  readonly href: string;
}

/** A function's syntax: `AR.NAME(arg1, arg2, [optional])`, a repeating argument followed by `...`. */
export function syntaxOf(fn: FunctionMetadata): string {
  const args = fn.parameters.map((p) => {
    const name = p.repeating ? `${p.name}, ...` : p.name;
    return p.optional ? `[${name}]` : name;
  });
  return `${NAMESPACE}.${fn.name}(${args.join(", ")})`;
}

/**
 * The reference's address for a function: its heading in the formula reference (`### AR.GRADE` →
 * `#argrade`, the anchor GitHub gives it, which the rendered page keeps).
 */
export function referenceHref(id: string, reference: string): string {
  return `${reference}#${NAMESPACE.toLowerCase()}${id.toLowerCase()}`;
}

/** Descriptions are JSDoc wrapped at 110 columns: one paragraph. */
const oneLine = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

/** The tab's entries in a language, in the metadata's order. */
export function catalogEntries(catalog: BuiltCatalog, language: Language): CatalogEntry[] {
  return catalog[language].functions.map((fn) => ({
    id: fn.id,
    syntax: syntaxOf(fn),
    name: `${NAMESPACE}.${fn.name}`,
    parameters: fn.parameters.map((p) => ({ name: p.name, description: oneLine(p.description), optional: p.optional === true })),
    description: oneLine(fn.description),
    example: exampleFor(fn.id, language),
    href: referenceHref(fn.id, catalog.reference),
  }));
}

/** Whether an entry matches what is typed in the filter: every word in its name, syntax or description (any case). */
export function matchesFilter(entry: CatalogEntry, filter: string): boolean {
  const haystack = `${entry.name} ${entry.syntax} ${entry.description}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== "")
    .every((w) => haystack.includes(w.replace(/^=/, "")));
}
