// Text on its way into a spreadsheet (src/result/cell-text.ts): one formula rule for files and sheets,
// one display width, one set of column letters.
import { describe, expect, it } from "vitest";
import { columnLetters, displayWidth, excelText, neutraliseFormula, startsLikeFormula } from "../../src/result/cell-text.js";

describe("formula-safe text", () => {
  const formulas = ["=1+1", "+1", "-1", "@SUM(A1)", "＝1", "＋1", "－1", "＠x", "\t=1", "\r=1", "\u0000=1", "\u001f"];

  it.each(formulas)("%j is taken for a formula and gets a quote, in a file and in a sheet", (text) => {
    expect(startsLikeFormula(text)).toBe(true);
    expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(excelText(text)).toBe(`'${text}`);
  });

  const notFormulas = ["", "Acme", "客户A", "'quoted", "#N/A", "2025-07-31", "00123", "TRUE"];
  it.each(notFormulas)("%j is no formula: a file keeps it as it is", (text) => {
    expect(startsLikeFormula(text)).toBe(false);
    expect(neutraliseFormula(text)).toBe(text);
  });

  it("quotes in a sheet what Excel would read as a value", () => {
    for (const text of ["'quoted", "#N/A", "2025-07-31", "00123", "1e5", "12%", "TRUE", "false ", "Jan 2025", "2025年7月31日"]) {
      expect(excelText(text), text).toBe(`'${text}`);
    }
  });

  it("leaves names, verdicts and Chinese text as they are in a sheet", () => {
    for (const text of ["", "Acme Ltd", "客户A", "2 overdue events", "Marchant & Co", "true blue", "level 1"]) {
      expect(excelText(text), text).toBe(text);
    }
  });
});

describe("display width", () => {
  it("counts wide characters twice", () => {
    expect(displayWidth("客户A")).toBe(5);
    expect(displayWidth("Acme")).toBe(4);
    expect(displayWidth("")).toBe(0);
    expect(displayWidth("ＡＢ")).toBe(4); // full-width forms
    expect(displayWidth("한국")).toBe(4);
    expect(displayWidth("ｱ")).toBe(1); // half-width katakana
  });

  it("counts a character beyond the BMP once or twice, never per UTF-16 unit", () => {
    expect(displayWidth("𠀋")).toBe(2); // CJK Extension B
    expect(displayWidth("𝐀")).toBe(1);
  });

  it("is the width of the widest line", () => {
    expect(displayWidth("ab\r\n客户客户\nabc")).toBe(8);
  });
});

describe("column letters", () => {
  it("name 0-based columns as Excel does", () => {
    const columns = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16383];
    expect(columns.map(columnLetters)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]);
  });
});
