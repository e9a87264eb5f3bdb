// Fed delinquency rates and the FDIC charge-off ratio (shipped in data/fred and data/fdic): loaders, peaks and troughs found
// in the files (and checked against the files' own values), rolling means, turning points, correlation.
//   DRALACBS (all loans, 1985Q1-2019Q4): peak 7.40% in 2010Q1, trough 1.44% in 2019Q4
//   DRCLACBS (consumer): peak 4.85% in 2009Q2; DRBLACBS (business): the series' high is its first quarter
//   FDIC Cathay Bank NTLNLSCOQR (1984Q1-2025Q2): peak 2.344024% at 2009-12-31; lowest -0.203441% (1994Q2)
import { beforeAll, describe, expect, it } from "vitest";
import { serialFromCivil } from "../../src/core/index.js";
import { loadFdic, loadFred } from "../../src/analytics/io.js";
import {
  alignSeries,
  cycleTurningPoints,
  cyclePhases,
  parseFdic,
  parseFred,
  seriesCorrelation,
  seriesExtremes,
  withRollingMean,
  type QuarterlySeries,
} from "../../src/analytics/macro.js";

let all: QuarterlySeries;
let business: QuarterlySeries;
let consumer: QuarterlySeries;
let fdic: QuarterlySeries;
beforeAll(() => {
  all = loadFred("DRALACBS");
  business = loadFred("DRBLACBS");
  consumer = loadFred("DRCLACBS");
  fdic = loadFdic();
});
const rows = (t: { objects(): object[] }) => t.objects() as Record<string, any>[];

describe("Fed delinquency and FDIC charge-off series", () => {
  it("loads the quarters", () => {
    expect([all.numRows(), business.numRows(), consumer.numRows(), fdic.numRows()]).toEqual([140, 150, 150, 166]);
    expect(rows(all.slice(0, 1))[0]).toMatchObject({ series: "DRALACBS", label: "1985Q1", date: serialFromCivil(1985, 1, 1), value: 4.61 });
    expect(rows(fdic.slice(0, 1))[0]).toMatchObject({ series: "NTLNLSCOQR", label: "1984Q1", date: serialFromCivil(1984, 3, 31) });
    expect(rows(fdic.slice(165))[0]).toMatchObject({ label: "2025Q2" });
  });

  it("finds the peaks and troughs", () => {
    const a = seriesExtremes(all);
    expect(a.peak).toMatchObject({ label: "2010Q1", value: 7.4 });
    expect(a.peak.utcDate!.toISOString()).toBe("2010-01-01T00:00:00.000Z");
    expect(a.trough).toMatchObject({ label: "2019Q4", value: 1.44 });
    expect(seriesExtremes(consumer).peak).toMatchObject({ label: "2009Q2", value: 4.85 });
    expect(seriesExtremes(business).peak).toMatchObject({ label: "1987Q1", value: 6.75 });
    const f = seriesExtremes(fdic);
    expect(f.peak.label).toBe("2009Q4");
    expect(f.peak.date).toBe(serialFromCivil(2009, 12, 31));
    expect(f.peak.value).toBeCloseTo(2.34402426669338, 12);
    expect(f.trough.label).toBe("1994Q2");
    expect(f.trough.value).toBeCloseTo(-0.2034414364156734, 12);
  });

  it("rolls a mean over quarters", () => {
    const r = rows(withRollingMean(all, 4));
    expect(r[2].rolling_mean).toBeNaN();
    expect(r[3].rolling_mean).toBeCloseTo((4.61 + 4.92 + 4.91 + 4.77) / 4, 12);
    const peak = r.find((x) => x.label === "2010Q1")!;
    const window = r.filter((x) => x.quarter > peak.quarter - 4 && x.quarter <= peak.quarter).map((x) => x.value);
    expect(peak.rolling_mean).toBeCloseTo(window.reduce((s, v) => s + v, 0) / 4, 12);
  });

  it("dates the cycle: early-1990s, 2001 and 2008 peaks of delinquencies, troughs between", () => {
    const tp = rows(cycleTurningPoints(all, 8));
    expect(tp.map((x) => [x.label, x.kind, x.value])).toEqual([
      ["1991Q2", "peak", 6.2],
      ["1999Q4", "trough", 2.05],
      ["2002Q1", "peak", 2.75],
      ["2006Q1", "trough", 1.51],
      ["2010Q1", "peak", 7.4],
    ]);
    const ph = rows(cyclePhases(all, 8));
    expect(ph.map((x) => [x.from, x.to, x.kind, x.quarters])).toEqual([
      ["1991Q2", "1999Q4", "falling", 34],
      ["1999Q4", "2002Q1", "rising", 9],
      ["2002Q1", "2006Q1", "falling", 16],
      ["2006Q1", "2010Q1", "rising", 16],
    ]);
    expect(ph[3].change).toBeCloseTo(7.4 - 1.51, 12);
    // the bank's charge-offs peak with the cycle
    expect(rows(cycleTurningPoints(fdic, 8)).find((x) => x.label === "2009Q4")).toMatchObject({ kind: "peak" });
  });

  it("aligns and correlates series on their common quarters", () => {
    const t = alignSeries(all, business);
    expect(t.numRows()).toBe(132); // 1987Q1-2019Q4
    expect(t.columnNames()).toEqual(["quarter", "label", "DRALACBS", "DRBLACBS"]);
    const c = seriesCorrelation(all, consumer);
    expect(c.quarters).toBe(132);
    expect(c.r).toBeGreaterThan(0.5);
  });

  it("parses the file forms it is given and refuses others", () => {
    expect(rows(parseFred("DATE,X\n2001-01-01,1.4\n2001-04-01,.\n2001-07-01,2\n"))).toEqual([
      { series: "X", quarter: 8004, label: "2001Q1", date: serialFromCivil(2001, 1, 1), value: 1.4 },
      { series: "X", quarter: 8006, label: "2001Q3", date: serialFromCivil(2001, 7, 1), value: 2 },
    ]);
    expect(() => parseFred("when,X\n")).toThrow(/DATE/);
    expect(() => parseFred("DATE,X\n2001-01-01,1\n2001-02-01,2\n")).toThrow(/out of order or repeated/);
    expect(rows(parseFdic('"ID","V","REPDTE"\n"a_2",2,"20010630"\n"a_1",1,"20010331"'))).toMatchObject([
      { label: "2001Q1", value: 1 },
      { label: "2001Q2", value: 2 },
    ]);
  });
});
