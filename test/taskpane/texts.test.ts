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
  });

  it("say the summary's counts after a run: triaged, with problems, blank, and where they were written", () => {
    expect(TEXT.en.done(25, 4, 1, "Triage")).toBe("25 triaged, 4 with problems, 1 blank: written to “Triage”.");
    expect(TEXT.zh.done(25, 4, 1, "分诊结果")).toBe("已分诊 25 行，有问题 4 行，空行 1 行：结果写入“分诊结果”。");
    expect(TEXT.en.done(12500, 0, 0, "Triage")).toBe("12,500 triaged, 0 with problems, 0 blank: written to “Triage”.");
    expect(TEXT.en.doneItems(10, 42, 9, 1, "Triage", "Items")).toBe(
      "42 item rows, 10 customers: 9 triaged, 1 with problems; written to “Triage”, each item row in “Items”.",
    );
    expect(TEXT.zh.doneItems(10, 42, 9, 1, "分诊结果", "明细")).toBe(
      "42 行明细汇总为 10 个客户：已分诊 9 个，有问题 1 个；结果写入“分诊结果”，每行明细见“明细”。",
    );
  });

  it("sum up the columns found in one line", () => {
    expect(TEXT.en.mappingSummary(23, 3, 3)).toBe("23 columns recognised, 3 required found");
    expect(TEXT.en.mappingSummary(22, 2, 3)).toBe("22 columns recognised, 2 of 3 required found");
    expect(TEXT.en.mappingSummary(1, 1, 3)).toBe("1 column recognised, 1 of 3 required found");
    expect(TEXT.zh.mappingSummary(23, 3, 3)).toBe("已识别 23 列，3 个必需列已找到");
    expect(TEXT.zh.mappingSummary(22, 2, 3)).toBe("已识别 22 列，必需列已找到 2 个（共 3 个）");
  });

  it("say what every field means, in both languages", () => {
    for (const table of [TEXT.en, TEXT.zh]) {
      for (const [field, meaning] of Object.entries(table.fieldMeanings)) expect(meaning.length, field).toBeGreaterThan(8);
    }
  });
});
