// The pane's texts: both tables say the same things, and the Chinese one is Chinese (the language is
// picked by src/result/locale.ts, tested in test/result/locale.test.ts).
import { describe, expect, it } from "vitest";
import { TEXT, type PaneText } from "../../src/taskpane/texts.js";

const CJK = /[\u4e00-\u9fff]/;

/** Every text of a table, functions called with sample arguments, as [path, text] pairs. */
function texts(table: PaneText): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") out.push([path, value]);
    else if (typeof value === "function") out.push([path, String((value as (...a: unknown[]) => unknown)(1234, "X", "Y", "Z"))]);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(table, "");
  return out;
}

describe("the pane's texts", () => {
  it("have the same entries in both languages", () => {
    expect(texts(TEXT.zh).map(([p]) => p)).toEqual(texts(TEXT.en).map(([p]) => p));
  });

  it("are Chinese in Chinese (except codes, column labels and empty column heads) and never Chinese in English", () => {
    for (const [path, text] of texts(TEXT.zh)) {
      if (/^(htmlLang|numberLocale|groupColumns\.group|columnOption)$|^functions\[\d+\]\[0\]$/.test(path)) continue;
      expect(text, path).toMatch(CJK);
    }
    for (const [path, text] of texts(TEXT.en)) expect(text, path).not.toMatch(CJK);
  });

  it("format counts in each language's way", () => {
    expect(TEXT.en.progress(12500, 100000)).toBe("12,500 of 100,000 rows");
    expect(TEXT.zh.progress(12500, 100000)).toBe("12,500 / 100,000 行");
    expect(TEXT.en.done(3, "Triage", "Triage summary")).toContain("“Triage”");
  });
});
