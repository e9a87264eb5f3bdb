// Every example of the formula reference (docs/formulas.md) that fits in one cell is evaluated here, through the
// functions as Excel calls them: a new user typing it into Excel gets what the reference says. The README's set-up
// block is what CI runs.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installExcelGlobals } from "./support/excel-globals.js";
import { isoFromSerial } from "../src/core/index.js";
import { evaluateGrid, type ArFunctions } from "./support/formula.js";

installExcelGlobals();
const functions = (await import("../src/functions/functions.js")) as unknown as ArFunctions;

const readme = readFileSync(join(__dirname, "../README.md"), "utf8");
const reference = readFileSync(join(__dirname, "../docs/formulas.md"), "utf8");

interface Example {
  formula: string;
  expected: string;
}
const examples: Example[] = [];
for (const line of reference.split("\n")) {
  const cells = line
    .split("|")
    .slice(1, -1)
    .map((c) => c.trim());
  // an example table's row: the formula in a code span ending its cell, the result in the next cell
  const at = cells.findIndex((c) => /`=AR\.[A-Z]+\(.*\)`$/.test(c));
  if (at < 0 || at + 1 >= cells.length) continue;
  const formula = /`(=AR\.[A-Z]+\(.*\))`$/.exec(cells[at]);
  const result = /^`([^`]*)`/.exec(cells[at + 1]);
  if (formula && result && !/[A-Z]+\d+:[A-Z]+\d+/.test(formula[1]) && !formula[1].includes(" / ")) {
    examples.push({ formula: formula[1], expected: result[1] });
  }
}

/** A formula's first row as the reference shows it: a spilled ladder by its row, "10 0.9 900000". */
function evaluate(formula: string): unknown {
  const grid = evaluateGrid(functions, formula);
  return grid[0].length > 1 ? grid[0].join(" ") : grid[0][0];
}

describe("the formula reference's examples (docs/formulas.md)", () => {
  it("has a section and single-cell examples for every function but AR.PLAN (a schedule spills)", () => {
    const sections = [...reference.matchAll(/^### AR\.([A-Z]+)$/gm)].map((m) => m[1]);
    expect(sections.sort()).toEqual(
      Object.keys(functions)
        .map((k) => k.toUpperCase())
        .sort(),
    );
    const names = new Set(examples.map((e) => /^=AR\.([A-Z]+)/.exec(e.formula)![1]));
    expect([...names].sort()).toEqual([
      "AGING",
      "BENEFIT",
      "CHANNEL",
      "CLAIMDEADLINE",
      "CONFIRM",
      "EVIDENCE",
      "FACTOR",
      "GRADE",
      "HISTORY",
      "INSURE",
      "LIMITATION",
      "NEXTCONTACT",
      "PROFILE",
      "PROMISE",
      "PROVISION",
      "RECOVERY",
      "SETTLE",
      "TERM",
    ]);
  });

  it.each(examples)("$formula gives $expected", ({ formula, expected }) => {
    const value = evaluate(formula);
    const shown = typeof value === "number" && /^\d{4}-\d{2}-\d{2}$/.test(expected) ? isoFromSerial(value) : String(value);
    expect(shown).toBe(expected);
  });
});

describe("the README's set-up is what CI runs", () => {
  it(".ci/run runs exactly the commands of the README's set-up block", () => {
    const setup = readme.slice(readme.indexOf("## Set up and test"));
    const block = /```sh\n([\s\S]*?)```/.exec(setup)![1];
    const commands = (text: string) =>
      text
        .split("\n")
        .map((l) => l.replace(/\s+#.*$/, "").trim())
        .filter((l) => l !== "" && !l.startsWith("#") && !/^(set|cd) /.test(l));
    const ci = readFileSync(join(__dirname, "../.ci/run"), "utf8");
    expect(commands(ci)).toEqual(commands(block));
    expect(commands(block)).toContain("npm test");
  });
});
