// Issue 9, item 8: every message names the argument exactly as Excel shows it (the JSDoc @param name).
// For every function and every argument, from a call that works, one argument at a time is made bad.
import { beforeAll, describe, expect, it } from "vitest";
import { installExcelGlobals } from "../support/excel-globals.js";
import { GOOD, signatures } from "../support/jsdoc.js";
import { normalise } from "./cases.js";

type Fn = (...args: any[]) => unknown[][];
let fns: Record<string, Fn>;

beforeAll(async () => {
  installExcelGlobals("en-US");
  const m = await import("../../src/functions/functions.js");
  fns = m as unknown as Record<string, Fn>;
  (await import("../../src/functions/excel.js")).setMessageLanguage("en-US");
});

/** Values bad on their own for any argument, or at least never good in a way that blames another one. */
const BAD: readonly unknown[] = ["zzz", -1, "1e999", 1e308, Number.NaN, {}, "\u0000"];

const SIGNATURES = signatures();

describe("messages name the argument as Excel shows it", () => {
  it("covers every exported custom function", () => {
    expect(SIGNATURES.map((s) => s.id).sort()).toEqual(Object.keys(GOOD).sort());
    for (const s of SIGNATURES) expect(GOOD[s.id], s.id).toHaveLength(s.params.length);
  });

  it.each(SIGNATURES.map((s) => [s.id, s] as const))("%s: each argument made bad is named in its message", (id, s) => {
    const good = GOOD[id].map((v) => [[v]]);
    const ok = normalise(fns[s.fn](...good));
    expect(
      ok.flat().some((cell) => typeof cell === "string" && cell.startsWith("#")),
      `${id} with good arguments: ${JSON.stringify(ok)}`,
    ).toBe(false);
    s.params.forEach((name, i) => {
      let refused = false;
      for (const bad of BAD) {
        const args = good.slice();
        args[i] = [[bad]];
        for (const cell of normalise(fns[s.fn](...args)).flat()) {
          if (typeof cell !== "string" || !cell.startsWith("#VALUE!")) continue;
          refused = true;
          expect(cell.startsWith(`#VALUE! ${name}: `), `${id}(${name} = ${String(bad)}): ${cell}`).toBe(true);
        }
      }
      expect(refused, `${id}: no bad value of ${name} was refused`).toBe(true);
    });
  });

  it("the reviewed cases: AR.FACTOR(1000, 1) blames advance_rate, AR.INSURE(1000, 0) names rate", () => {
    expect(normalise(fns.factor([[1000]], [[1]]))[0][0]).toMatch(/^#VALUE! advance_rate: /);
    expect(normalise(fns.factor([[1000]], [[0.5]], [[0.6]]))[0][0]).toMatch(/^#VALUE! advance_rate: 50% plus the fee rate 60%/);
    expect(normalise(fns.insure([[1000]], [[0]]))[0][0]).toMatch(/^#VALUE! rate: 0 is not a rate above 0/);
    expect(normalise(fns.insure([[1000]], [[0]], [["premium"]]))[0][0]).toMatch(/^#VALUE! rate: 0 is not a rate above 0/);
  });
});
