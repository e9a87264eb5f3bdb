// The Functions tab's list: built from the metadata Excel gets (generated here from the JSDoc with the
// build's own generator and localizer), every function with one example that the functions, called as
// Excel calls them, really give.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { installExcelGlobals } from "../support/excel-globals.js";
import { evaluateGrid, shownCell, type ArFunctions } from "../support/formula.js";
import {
  builtCatalog,
  catalogEntries,
  matchesFilter,
  referenceHref,
  syntaxOf,
  type BuiltCatalog,
  type FunctionsMetadata,
} from "../../src/taskpane/function-catalog.js";
import { exampleFor, FUNCTION_EXAMPLES, type FormulaExample } from "../../src/taskpane/function-examples.js";

installExcelGlobals();
const functions = (await import("../../src/functions/functions.js")) as unknown as ArFunctions;
const root = join(__dirname, "../..");
const { localize } = createRequire(__filename)("../../scripts/build/localized-metadata-plugin.js") as {
  localize(en: FunctionsMetadata, table: unknown): { json: FunctionsMetadata; problems: string[] };
};

let catalog: BuiltCatalog;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata([join(root, "src/functions/functions.ts")], false);
  expect(generated.errors).toEqual([]);
  const en = JSON.parse(generated.metadataJson) as FunctionsMetadata;
  const { json: zh, problems } = localize(en, JSON.parse(readFileSync(join(root, "src/functions/functions.zh-CN.json"), "utf8")));
  expect(problems).toEqual([]);
  catalog = { en, zh, reference: "docs/formulas.html" };
}, 60_000);

/** What a formula shows, in the example's shape: one text, or rows of cells. */
function shown(example: FormulaExample): string | string[][] {
  const grid = evaluateGrid(functions, example.formula);
  const dates = new Set(example.dateColumns ?? []);
  const cells = grid.map((row) => row.map((v, c) => shownCell(v, dates.has(c))));
  return typeof example.result === "string" && cells.length === 1 && cells[0].length === 1 ? cells[0][0] : cells;
}

describe("the Functions tab's list", () => {
  it("lists every function of the metadata, 19, in both languages, each with an example", () => {
    const ids = catalog.en.functions.map((f) => f.id);
    expect(ids).toHaveLength(19);
    expect([...ids].sort()).toEqual(Object.keys(FUNCTION_EXAMPLES).sort());
    for (const language of ["en", "zh"] as const) {
      const entries = catalogEntries(catalog, language);
      expect(entries.map((e) => e.id)).toEqual(ids);
      for (const e of entries) {
        expect(e.example, e.id).toBeDefined();
        expect(e.description.length, e.id).toBeGreaterThan(10);
      }
    }
  });

  it("writes the syntax with the argument names Excel shows, optional ones in brackets, Chinese ones in Chinese", () => {
    const grade = (language: "en" | "zh") => catalogEntries(catalog, language).find((e) => e.id === "GRADE")!;
    expect(grade("en").syntax).toBe("AR.GRADE(overdue_count, overdue_amount, cash_flow, [small_limit], [output])");
    expect(grade("zh").syntax).toBe("AR.GRADE(逾期次数, 逾期金额, 现金流, [小额上限], [输出])");
    expect(grade("zh").description).toMatch(/^按近12个月逾期记录和现金流/);
    expect(grade("en").description).not.toMatch(/\n/);
    expect(syntaxOf({ id: "X", name: "X", parameters: [{ name: "a" }, { name: "b", optional: true, repeating: true }] })).toBe(
      "AR.X(a, [b, ...])",
    );
    expect(catalogEntries(catalog, "en").find((e) => e.id === "TERM")!.syntax).toBe("AR.TERM(grade)");
  });

  it("links each function to its heading in the formula reference (### AR.GRADE → #argrade)", () => {
    expect(referenceHref("GRADE", "docs/formulas.html")).toBe("docs/formulas.html#argrade");
    expect(referenceHref("CLAIMDEADLINE", "docs/formulas.html")).toBe("docs/formulas.html#arclaimdeadline");
    expect(catalogEntries(catalog, "zh")[0].href).toBe("docs/formulas.html#argrade");
  });

  it.skipIf(!existsSync(join(root, "docs/formulas.md")))("finds a heading for every function in docs/formulas.md", () => {
    const doc = readFileSync(join(root, "docs/formulas.md"), "utf8");
    for (const fn of catalog.en.functions) expect(doc, fn.id).toMatch(new RegExp(`^###\\s+\`?AR\\.${fn.id}\\b`, "m"));
  });

  it("filters by any words of the name, syntax or description", () => {
    const entries = catalogEntries(catalog, "en");
    expect(entries.filter((e) => matchesFilter(e, "=ar.settle")).map((e) => e.id)).toEqual(["SETTLE"]);
    expect(entries.filter((e) => matchesFilter(e, "")).length).toBe(19);
    expect(entries.filter((e) => matchesFilter(e, "BANKRUPTCY claim")).map((e) => e.id)).toContain("RECOVERY");
  });

  it("is not there outside a build (the constant is the build's)", () => {
    expect(builtCatalog()).toBeNull();
  });
});

describe("the Functions tab's examples", () => {
  const cases = Object.entries(FUNCTION_EXAMPLES).flatMap(([id, e]) => [
    [id, "en", exampleFor(id, "en")!] as const,
    ...(e.zh ? [[id, "zh", e.zh] as const] : []),
  ]);

  it.each(cases)("%s (%s): the example gives what the tab shows", (id, _language, example) => {
    expect(example.formula.startsWith(`=AR.${id}(`)).toBe(true);
    expect(shown(example)).toEqual(example.result);
  });
});
