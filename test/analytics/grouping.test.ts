// Columnar grouping handed to Arquero: the same sums as Arquero's own groupby, missing codes left out,
// Arrow dictionary keys used as they are.
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { factorize, gatherRows, groupRollup, periodKey, rowsWherePositive } from "../../src/analytics/grouping.js";
import { arrowToTable, ArrowStreamWriter, type TableSchema } from "../../src/analytics/formats.js";
import { d } from "./fixtures.js";

const t = aq.table({
  date: Int32Array.from([d("2024-01-05"), d("2024-01-31"), d("2024-02-01"), 0, d("2024-04-30")]),
  seg: ["x", "y", "x", "y", null],
  v: [1, 2, 4, 8, 16],
});

describe("columnar grouping", () => {
  it("codes periods through a lookup table and values in order of first appearance", () => {
    const p = periodKey(t, "date");
    expect(Array.from(p.codes)).toEqual([0, 0, 1, -1, 3]);
    expect(p.values).toEqual([24288, 24289, 24290, 24291]);
    const q = periodKey(t, "date", "quarter");
    expect(Array.from(q.codes)).toEqual([0, 0, 0, -1, 1]);
    const f = factorize(t, "seg");
    expect(Array.from(f.codes)).toEqual([0, 1, 0, 1, 2]);
    expect(f.values).toEqual(["x", "y", null]);
  });

  it("rolls up like Arquero's own groupby, leaving out rows with a missing code", () => {
    const out = groupRollup(t, [periodKey(t, "date"), factorize(t, "seg")], { total: "d => op.sum(d.v)", n: "d => op.count()" });
    expect(out.objects()).toEqual([
      { period: 24288, seg: "x", total: 1, n: 1 },
      { period: 24288, seg: "y", total: 2, n: 1 },
      { period: 24289, seg: "x", total: 4, n: 1 },
      { period: 24291, seg: null, total: 16, n: 1 },
    ]);
    const plain = t
      .filter("d => d.date > 0")
      .derive({ period: "d => op.ar_month(d.date)" })
      .groupby("period", "seg")
      .rollup({ total: "d => op.sum(d.v)", n: "d => op.count()" });
    expect(out.objects()).toEqual(plain.objects());
    expect(() => groupRollup(t.filter("d => d.v > 1"), [factorize(t, "seg")], { n: "d => op.count()" })).toThrow(/unfiltered/);
  });

  it("gathers a few rows into a small table", () => {
    const p = periodKey(t, "date");
    const rows = rowsWherePositive(Float64Array.from([0, 3, 0, 5, 1]), p.codes);
    expect(Array.from(rows)).toEqual([1, 4]); // row 3 has no date
    const g = gatherRows(rows, [p], { v: Float64Array.from([1, 2, 4, 8, 16]) });
    expect(groupRollup(g.table, g.parts, { s: "d => op.sum(d.v)" }).objects()).toEqual([
      { period: 24288, s: 2 },
      { period: 24291, s: 16 },
    ]);
  });

  it("takes the keys of an Arrow dictionary column as they are", () => {
    const schema: TableSchema = {
      name: "t",
      columns: [
        { name: "seg", kind: "category", categories: ["b", "a"] },
        { name: "v", kind: "float64" },
      ],
    };
    const w = new ArrowStreamWriter(schema);
    const parts = [
      w.batch({ length: 3, columns: { seg: Uint8Array.from([1, 0, 1]), v: Float64Array.from([1, 2, 3]) } }),
      w.batch({ length: 2, columns: { seg: Uint8Array.from([0, 0]), v: Float64Array.from([4, 5]) } }),
      w.end(),
    ];
    const bytes = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.byteLength;
    }
    const table = arrowToTable(bytes);
    const f = factorize(table, "seg");
    expect(Array.from(f.codes)).toEqual([1, 0, 1, 0, 0]);
    expect(f.values).toEqual(["b", "a"]);
    expect(table.array("seg")).toEqual(["a", "b", "a", "b", "b"]); // code 1 is "a"
    expect(groupRollup(table, [f], { s: "d => op.sum(d.v)" }).objects()).toEqual([
      { seg: "a", s: 4 },
      { seg: "b", s: 11 },
    ]);
  });
});
