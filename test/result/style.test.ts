// The result's look (src/result/style.ts): level fills told apart by lightness (greyscale print, red-green
// colour blindness), readable black text on each, the untriaged font; number formats per column key.
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../src/core/index.js";
import { customerItemColumns, ITEM_COLUMNS } from "../../src/result/ledger.js";
import { triageColumns } from "../../src/result/columns.js";
import { columnFormat, LEVEL_FILLS, rowLook, summaryCellFormat, UNTRIAGED_FONT } from "../../src/result/style.js";

/** sRGB channels 0-255 of `#RRGGBB`. */
const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
/** An sRGB channel 0-255 as linear light 0-1 (WCAG 2). */
const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
/** WCAG relative luminance of linear RGB. */
const luminanceOfLinear = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const luminance = (hex: string) => luminanceOfLinear(rgb(hex).map(linear));
/** WCAG contrast ratio of two luminances. */
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
/** The grey a printer makes of a colour: Rec. 601 luma, 0-255. */
const grey = (hex: string) => {
  const [r, g, b] = rgb(hex);
  return Math.round(0.299 * r + 0.587 * g + 0.114 * b);
};
/** Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB: what protanopes and deuteranopes see. */
const SIMULATIONS: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.22797],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
};
const seenAs = (hex: string, m: number[][]) => {
  const v = rgb(hex).map(linear);
  return luminanceOfLinear(m.map((row) => Math.min(1, Math.max(0, row[0] * v[0] + row[1] * v[1] + row[2] * v[2]))));
};

const WHITE = "#FFFFFF";
const ladder = [WHITE, LEVEL_FILLS[1], LEVEL_FILLS[2], LEVEL_FILLS[3]];

describe("level fills", () => {
  it("are yellow, orange and red from light to dark", () => {
    expect(LEVEL_FILLS).toEqual({ 1: "#FFE699", 2: "#F4B183", 3: "#E06666" });
    // Hand-computed: #FFE699 = 0.2126 + 0.7152 * 0.7913 + 0.0722 * 0.3185 = 0.802.
    expect(luminance(LEVEL_FILLS[1])).toBeCloseTo(0.802, 3);
    expect(ladder.map(luminance).map((l) => Number(l.toFixed(2)))).toEqual([1, 0.8, 0.52, 0.26]);
  });

  it("differ in luminance by at least 0.12 from one level to the next (level 0: no fill, white)", () => {
    for (let i = 1; i < ladder.length; i++) expect(luminance(ladder[i - 1]) - luminance(ladder[i])).toBeGreaterThanOrEqual(0.12);
  });

  it("print as four clearly different greys", () => {
    const greys = ladder.map(grey);
    // By hand: #F4B183 = 0.299 * 244 + 0.587 * 177 + 0.114 * 131 = 191.8.
    expect(greys).toEqual([255, 229, 192, 138]);
    for (let i = 1; i < greys.length; i++) expect(greys[i - 1] - greys[i]).toBeGreaterThanOrEqual(25);
  });

  it("stay apart for protanopes and deuteranopes, by lightness", () => {
    for (const [name, m] of Object.entries(SIMULATIONS)) {
      const seen = ladder.map((hex) => seenAs(hex, m));
      for (let i = 1; i < seen.length; i++) expect(seen[i - 1] - seen[i], `${name} level ${i}`).toBeGreaterThanOrEqual(0.12);
    }
  });

  it("keep black text readable (contrast at least 4.5:1, WCAG AA)", () => {
    for (const fill of ladder) expect(contrast(luminance(fill), 0)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(luminance(LEVEL_FILLS[3]), 0)).toBeCloseTo(6.26, 2);
  });
});

describe("rows not triaged", () => {
  it("are italic dark grey on no fill, readable on white", () => {
    expect(UNTRIAGED_FONT).toEqual({ italic: true, color: "#595959" });
    expect(contrast(luminance(UNTRIAGED_FONT.color), 1)).toBeGreaterThanOrEqual(7);
    expect([rowLook(null), rowLook(0), rowLook(3)]).toEqual(["untriaged", 0, 3]);
  });
});

describe("columnFormat", () => {
  it("formats every amount, date and count column of the three tables, and leaves text General", () => {
    const formats = (columns: readonly { key: string; en: string }[]) =>
      Object.fromEntries(columns.map((c) => [c.en, columnFormat(c.key)]));
    expect(formats(triageColumns(DEFAULT_POLICY))).toEqual({
      "source row": "0",
      "customer": null,
      "balance": "#,##0.00",
      "status": null,
      "problems": null,
      "grade": null,
      "term (days)": "0",
      "days past due": "0",
      "aging bucket": null,
      "warning level": "0",
      "next step": null,
      "profile": null,
      "strategy": null,
      "to find out": null,
      "pay within 10 days (90%)": "#,##0.00",
      "pay within 20 days (95%)": "#,##0.00",
      "full balance (after 20 days)": "#,##0.00",
      "future benefit (pay in full now)": null,
      "instalment proposal": null,
      "recovery estimate": "#,##0.00",
      "missing evidence": null,
      "balance confirmation": null,
      "limitation: days left": "0",
      "limitation status": null,
      "reasons": null,
    });
    expect(formats(customerItemColumns(DEFAULT_POLICY, true))).toEqual({
      "open items": "0",
      "overdue items": "0",
      "open current": "#,##0.00",
      "open 1-30": "#,##0.00",
      "open 31-60": "#,##0.00",
      "open 61-90": "#,##0.00",
      "open 90+": "#,##0.00",
      "overdue events (12 months, from paid dates)": "0",
      "largest overdue invoice (12 months)": "#,##0.00",
      "average days late (amount-weighted)": "0.0",
      "item rows": null,
    });
    expect(formats(ITEM_COLUMNS)).toEqual({
      "source row": "0",
      "customer": null,
      "document": null,
      "document kind": null,
      "amount": "#,##0.00",
      "open at as-of date": "#,##0.00",
      "due date": "yyyy-mm-dd",
      "paid date": "yyyy-mm-dd",
      "days past due": "0",
      "aging bucket": null,
      "what became of it": null,
      "problems / notes": null,
    });
  });

  it("gives the summary sheet's as-of date, amounts and counts their formats", () => {
    const format = summaryCellFormat({ asOfRow: 1, amounts: [10, 13] });
    expect([format(1, 1), format(10, 1), format(13, 1), format(13, 2), format(6, 1), format(40, 0)]).toEqual([
      "yyyy-mm-dd",
      "#,##0.00",
      "#,##0.00",
      "0",
      "0",
      "0",
    ]);
  });
});
