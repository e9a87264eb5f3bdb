import { beforeAll, describe, expect, it } from "vitest";
import { installExcelGlobals } from "../support/excel-globals.js";
import { CASES, matches, normalise } from "./cases.js";

type Fn = (...args: any[]) => unknown;
let fns: Record<string, Fn>;
let excel: ReturnType<typeof installExcelGlobals>;

beforeAll(async () => {
  excel = installExcelGlobals("en-US");
  const m = await import("../../src/functions/functions.js");
  const { setMessageLanguage } = await import("../../src/functions/excel.js");
  fns = {
    ...Object.fromEntries(
      Object.entries(m)
        .filter(([, f]) => typeof f === "function")
        .map(([name, f]) => [name.toUpperCase(), f as Fn]),
    ),
    setLanguage: setMessageLanguage as Fn,
  };
});

describe("AR functions, from the sources (docs/functions.md)", () => {
  it.each(CASES)("$id: $name", (c) => {
    fns.setLanguage(c.language ?? "en-US");
    const actual = normalise(fns[c.id](...c.args));
    expect(matches(actual, c.expected), JSON.stringify({ actual, expected: c.expected.map((r) => r.map(String)) })).toBe(true);
  });

  it("never throws, whatever it is given", () => {
    fns.setLanguage("en-US");
    const junk: unknown[] = [
      undefined,
      null,
      [],
      [[]],
      [[undefined]],
      [[{}]],
      [[Symbol.iterator as unknown]],
      "text",
      5,
      [[NaN]],
      [[1], [2, 3]],
    ];
    for (const id of Object.keys(fns).filter((k) => k !== "setLanguage")) {
      for (const a of junk) {
        for (const b of junk) {
          const result = fns[id](a, b, a, b, a);
          expect(Array.isArray(result)).toBe(true);
          expect(Array.isArray((result as unknown[])[0])).toBe(true);
        }
      }
    }
  });

  it("follows Office's display language once ready", () => {
    fns.setLanguage("en-US");
    (globalThis as unknown as { Office: { context: { displayLanguage: string } } }).Office.context.displayLanguage = "zh-CN";
    excel.ready();
    const out = normalise(fns.TERM([["X"]]));
    expect(out[0][0]).toBe('#VALUE! grade："X" 不在可选值 A/B/C 之中');
    fns.setLanguage("en-US");
  });
});
