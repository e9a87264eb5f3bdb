// The formula fuzz (issue 9): every exported custom function, every argument and every output word, fed
// random cells and ranges as Excel (and worse) could pass them. Whatever comes in, a function returns a
// rectangle of cells Excel can show: no exception, no NaN, Infinity or undefined; every error a
// CustomFunctions.Error, a #VALUE! naming one of the function's arguments, and an incoming error passed on
// with its own code.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { FakeExcelError, installExcelGlobals } from "../support/excel-globals.js";
import { GOOD, signatures, type Signature } from "../support/jsdoc.js";

type Fn = (...args: any[]) => unknown;
let fns: Record<string, Fn>;

beforeAll(async () => {
  installExcelGlobals("en-US");
  fns = (await import("../../src/functions/functions.js")) as unknown as Record<string, Fn>;
  (await import("../../src/functions/excel.js")).setMessageLanguage("en-US");
});

const SIGNATURES = signatures();

/** The codes a custom function may return (the runtime's ErrorCode, less the input-only #NAME? and #REF!). */
const RETURNABLE = new Set(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"]);
const ALL_CODES = [
  "#N/A",
  "#DIV/0!",
  "#NUM!",
  "#REF!",
  "#NAME?",
  "#NULL!",
  "#VALUE!",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#BUSY!",
  "#CONNECT!",
  "#FIELD!",
  "#BLOCKED!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
];

/** An error cell in each shape it may arrive in. */
const errorCell = (code: string): fc.Arbitrary<unknown> =>
  fc
    .constantFrom<() => unknown>(
      () => new FakeExcelError(code),
      () => ({ errorCode: code }),
      () => ({ code }),
      () => code,
    )
    .map((make) => make());
const anyErrorCell = fc.constantFrom(...ALL_CODES).chain(errorCell);

/** Cells: numbers of every size, text of every kind (words each function reads included), booleans, blanks, errors. */
function cell(words: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.integer({ min: -10, max: 200 }),
        fc.integer({ min: 1, max: 2_958_465 }),
        fc.double({ noNaN: false }),
        fc.constantFrom(
          0,
          -0,
          1e308,
          -1e308,
          5e-324,
          1e-300,
          0.005,
          1.005,
          90071992547409.91,
          90071992547410,
          2958465,
          2958466,
          Number.MAX_SAFE_INTEGER,
        ),
      ),
    },
    { weight: 4, arbitrary: fc.constantFrom(...words) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "1e999",
        "-1e999",
        "Infinity",
        "NaN",
        "-0",
        "1,200",
        "１２００",
        "90%",
        "2025-02-30",
        "2025-07-27",
        "2m",
        "45天",
        "10:0.9,20:0.95",
        "0:1%,*:50%",
        "30,60,90",
        "",
        " ",
        "\t",
        "#N/A",
        " #value! ",
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(5000), "\u0000\u0001\u001f\u007f", "\u202e", "😀".repeat(50)) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, {}, [], [1]) },
    { weight: 2, arbitrary: anyErrorCell },
  );
}

/** What is passed for one argument: omitted, one cell, a rectangle, a flat list, or a malformed range. */
function argument(words: readonly string[]): fc.Arbitrary<unknown> {
  const c = cell(words);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 5, arbitrary: c.map((v) => [[v]]) },
    {
      weight: 3,
      arbitrary: fc
        .integer({ min: 1, max: 4 })
        .chain((rows) =>
          fc
            .integer({ min: 1, max: 3 })
            .chain((cols) => fc.array(fc.array(c, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })),
        ),
    },
    { weight: 1, arbitrary: fc.array(c, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.array(c, { maxLength: 3 }), fc.constant(null), c), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: c },
  );
}

/** The vocabulary every function reads (so that random calls often get far into the rules). */
const COMMON_WORDS = [
  "good",
  "fair",
  "poor",
  "好",
  "一般",
  "差",
  "A",
  "B",
  "C",
  "yes",
  "no",
  "是",
  "否",
  "none",
  "short-term",
  "persistent",
  "temporary",
  "willful",
  "unable",
  "unclear",
  "no invoice",
  "defect",
  "没收到发票",
];

/** Checks one result against the contract; `names` are the function's arguments. */
function checkResult(id: string, names: readonly string[], result: unknown): void {
  expect(Array.isArray(result), `${id} returns rows`).toBe(true);
  const rows = result as unknown[];
  expect(rows.length).toBeGreaterThan(0);
  const nameAtStart = new RegExp(`^(${names.join("|")})(: |：| is )`);
  for (const row of rows) {
    expect(Array.isArray(row), `${id} returns rows of cells`).toBe(true);
    expect((row as unknown[]).length).toBeGreaterThan(0);
    for (const value of row as unknown[]) {
      if (typeof value === "number") {
        expect(Number.isFinite(value), `${id}: a number Excel cannot show: ${value}`).toBe(true);
        continue;
      }
      if (typeof value === "string" || typeof value === "boolean") continue;
      expect(value, `${id}: not a cell value: ${String(value)}`).toBeInstanceOf(CustomFunctions.Error);
      const error = value as CustomFunctions.Error;
      expect(RETURNABLE.has(error.code), `${id}: ${error.code} cannot be returned`).toBe(true);
      if (error.code === "#VALUE!") expect(error.message ?? "", `${id}: ${error.message}`).toMatch(nameAtStart);
    }
  }
}

/** The error an argument holding `code` gives: that code where it can be returned, else #VALUE!. */
function expectedCode(code: string): string {
  return RETURNABLE.has(code) ? code : "#VALUE!";
}

describe("the formula fuzz", () => {
  it("finds every exported custom function in the JSDoc", () => {
    expect(SIGNATURES.map((s) => s.id).sort()).toEqual(Object.keys(GOOD).sort());
    for (const s of SIGNATURES) expect(typeof fns[s.fn], s.fn).toBe("function");
  });

  it.each(SIGNATURES.map((s) => [s.id, s] as const))(
    "%s: any cells, any shapes: cells Excel can show, errors that name an argument",
    (id, s: Signature) => {
      const words = [...COMMON_WORDS, ...s.outputWords];
      const outputIndex = s.params.indexOf("output");
      const args = fc.tuple(
        ...s.params.map((_, i) =>
          i === outputIndex
            ? fc.oneof(
                fc.constantFrom(...words, null).map((w) => (w === null ? null : [[w]])),
                argument(words),
              )
            : argument(words),
        ),
      );
      fc.assert(
        fc.property(args, (values) => {
          checkResult(id, s.params, fns[s.fn](...values));
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each(SIGNATURES.map((s) => [s.id, s] as const))(
    "%s: every output word on a good call gives cells Excel can show",
    (id, s: Signature) => {
      const good = GOOD[id].map((v) => [[v]]);
      const outputIndex = s.params.indexOf("output");
      for (const word of outputIndex < 0 ? [null] : s.outputWords) {
        const args = good.slice();
        if (outputIndex >= 0) args[outputIndex] = [[word]];
        const result = fns[s.fn](...args);
        checkResult(id, s.params, result);
        const errors = (result as unknown[][]).flat().filter((v) => v instanceof CustomFunctions.Error);
        expect(errors, `${id} output ${String(word)}`).toEqual([]);
      }
    },
  );

  it.each(SIGNATURES.map((s) => [s.id, s] as const))(
    "%s: an error cell in any argument of a good call passes on its code",
    (id, s: Signature) => {
      const good = GOOD[id].map((v) => [[v]]);
      fc.assert(
        fc.property(fc.nat(s.params.length - 1), fc.constantFrom(...ALL_CODES), fc.integer({ min: 0, max: 3 }), (i, code, shape) => {
          const args = good.slice();
          const error = [() => new FakeExcelError(code), () => ({ errorCode: code }), () => ({ code }), () => code][shape]();
          args[i] = [[error]];
          const result = fns[s.fn](...args) as unknown[][];
          checkResult(id, s.params, result);
          for (const value of result.flat()) {
            expect(value, `${id}(${s.params[i]} = ${code})`).toBeInstanceOf(CustomFunctions.Error);
            const e = value as CustomFunctions.Error;
            expect(e.code).toBe(expectedCode(code));
            if (e.code === "#VALUE!" || e.code === "#N/A") expect(e.message).toContain(`${s.params[i]}: holds the error ${code}`);
          }
        }),
        { numRuns: 40 },
      );
    },
  );
});
