// What the layer measures and how it writes text: the JSON size of values equals that of JSON.stringify in
// UTF-8; text Excel would turn into something else gets the apostrophe; sheet and table names are unique.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { jsonByteLength } from "../../src/excel-io/payload.js";
import { excelText } from "../../src/result/cell-text.js";
import { uniqueSheetName, uniqueTableName } from "../../src/excel-io/write.js";
import { FakeWorkbook } from "../support/fake-excel/index.js";

const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe("jsonByteLength", () => {
  it("equals the UTF-8 length of JSON.stringify for cell grids", () => {
    const cents = fc.integer({ min: -(10 ** 15), max: 10 ** 15 }).map((c) => c / 100);
    const cell = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc.double(),
      fc.integer(),
      cents,
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell)), (grid) => {
        expect(jsonByteLength(grid)).toBe(utf8(grid));
      }),
      { numRuns: 500 },
    );
  });

  it("measures long texts, measured again from its cache, as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", minLength: 64, maxLength: 400 }), { maxLength: 5 }), (texts) => {
        expect(jsonByteLength(texts)).toBe(utf8(texts));
        expect(jsonByteLength([texts, texts])).toBe(utf8([texts, texts]));
      }),
      { numRuns: 100 },
    );
  });

  it("counts escapes, CJK, emoji and lone surrogates", () => {
    for (const s of ['a"b\\c', "\n\t\u0001", "客户 華信", "😀", "\ud800x", "x\udc00"]) expect(jsonByteLength(s)).toBe(utf8(s));
    expect(jsonByteLength({ a: [1, "x"], b: true })).toBe(utf8({ a: [1, "x"], b: true }));
  });
});

describe("excelText", () => {
  it("prefixes text Excel would run or convert, and keeps the rest as it is", () => {
    expect(excelText('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    for (const s of [
      "+1",
      "-x",
      "@SUM(A1)",
      "'quoted",
      "#N/A",
      "00123",
      "2025-07-31",
      "12%",
      "TRUE",
      "false",
      "Jan 2025",
      " 5",
      "＝1",
      "31 July 2025",
      "12:30 pm",
      "1e5",
      "10 AM",
      "2025年7月31日",
      "1 2/3",
      "(100)",
      "$1,000.00",
    ]) {
      expect(excelText(s)).toBe(`'${s}`);
    }
    for (const s of [
      "Huaxin Machinery 华信机械",
      "华信",
      "ok",
      "unclear",
      "level 1",
      "Mayfair Ltd",
      "Trueman",
      "",
      "2 overdue events in 12 months (2 or more: C)",
      "10 instalments of 120,000: total 1,200,000",
      "3M Company",
    ]) {
      expect(excelText(s)).toBe(s);
    }
  });

  it("gives back every text unchanged when Excel reads it (on the fake)", async () => {
    const texts = ["=1+1", "+cmd", "-x", "@x", "'a", "#REF!", "007", "1e5", "2025-07-31", "TRUE", "March 5", "plain", "客户"];
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet("S");
    const ctx = wb.context();
    ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, texts.length, 1).values = texts.map((t) => [excelText(t)]);
    await ctx.sync();
    expect(sheet.values(`A1:A${texts.length}`).map((r) => r[0])).toEqual(texts);
    for (let r = 0; r < texts.length; r++) expect(sheet.formula(r, 0)).toBeNull();
  });
});

describe("unique names", () => {
  it("numbers sheet names as Excel users do, ignoring case, within 31 characters", () => {
    expect(uniqueSheetName("Triage", [])).toBe("Triage");
    expect(uniqueSheetName("Triage", ["triage"])).toBe("Triage (2)");
    expect(uniqueSheetName("Triage", ["Triage", "Triage (2)"])).toBe("Triage (3)");
    expect(uniqueSheetName("分诊结果", ["分诊结果"])).toBe("分诊结果 (2)");
    const long = uniqueSheetName("x".repeat(40), ["x".repeat(31)]);
    expect(long).toBe(`${"x".repeat(27)} (2)`);
    expect(uniqueSheetName("a/b:c", [])).toBe("a_b_c");
  });

  it("numbers table names, ignoring case", () => {
    expect(uniqueTableName("ARTriage", ["artriage", "ARTriage2"])).toBe("ARTriage3");
  });
});
