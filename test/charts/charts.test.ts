import { describe, expect, it } from "vitest";
import {
  VEGALITE_MIME,
  VEGA_LITE_SCHEMA,
  barChart,
  chartBundle,
  compileVegaLite,
  figureLine,
  heatmap,
  lineChart,
  parseFigures,
  pct,
  plainRows,
  show,
  tableBundle,
  vegaLiteToSvg,
  type MimeBundle,
} from "../../src/charts/index.js";

const months = Array.from({ length: 24 }, (_, i) => ({ month: new Date(Date.UTC(2023, i, 1)), rate: 0.05 - i * 0.001 }));

/** The texts of an SVG's <text> elements, entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'"),
  );
}

describe("lineChart", () => {
  const spec = lineChart(months, {
    title: "核销率 Write-off rate",
    subtitle: "Seeded ledger / 模拟账本",
    x: "month",
    y: "rate",
    xTitle: "Month / 月份",
    yTitle: "Write-off rate (%) / 核销率",
    yFormat: ".1%",
    rolling: 12,
    markers: [{ x: new Date(Date.UTC(2024, 0, 1)), label: "Policy change / 新政策" }],
  });

  it("is a self-contained Vega-Lite v5 spec (inline data, dates as ISO text)", () => {
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    expect(values).toHaveLength(24);
    expect(values[0].month).toBe("2023-01-01T00:00:00.000Z");
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it("compiles without Vega-Lite warnings", async () => {
    const vg = await compileVegaLite(spec);
    expect(vg.$schema).toMatch(/vega\/v\d/);
  });

  it("renders SVG with the title, subtitle, axis titles with units, percent ticks and the marker", async () => {
    const svg = await vegaLiteToSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    const texts = svgTexts(svg);
    expect(texts).toContain("核销率 Write-off rate");
    expect(texts).toContain("Seeded ledger / 模拟账本");
    expect(texts).toContain("Month / 月份");
    expect(texts).toContain("Write-off rate (%) / 核销率");
    expect(texts).toContain("5.0%");
    expect(texts).toContain("Policy change / 新政策");
    expect(texts.some((t) => t.startsWith("Rolling 12"))).toBe(true);
    expect(svg).toContain("Noto Sans CJK SC");
  });

  it("labels months in UTC whatever the machine's zone (tests run in Pacific/Chatham)", async () => {
    const texts = svgTexts(await vegaLiteToSvg(spec));
    expect(texts).toContain("2024-01");
    expect(texts.some((t) => /^2022-12|^2023-12-31/.test(t))).toBe(false);
  });

  it("draws one line per series with a legend", async () => {
    const rows = months.flatMap((m) => [
      { ...m, grade: "A" },
      { ...m, grade: "C", rate: m.rate * 3 },
    ]);
    const texts = svgTexts(
      await vegaLiteToSvg(
        lineChart(rows, {
          title: "By grade",
          x: "month",
          y: "rate",
          series: "grade",
          seriesTitle: "Grade / 等级",
          xTitle: "Month",
          yTitle: "Rate (%)",
          yFormat: ".0%",
          rolling: 3,
        }),
      ),
    );
    expect(texts).toEqual(expect.arrayContaining(["Grade / 等级", "A", "C"]));
  });

  it("shades comparison windows with their labels, under the marker labels", async () => {
    const spec = lineChart(months, {
      title: "Windows / 比较区间",
      x: "month",
      y: "rate",
      xTitle: "Month / 月份",
      yTitle: "Rate (%)",
      yFormat: ".0%",
      markers: [{ x: new Date(Date.UTC(2024, 0, 1)), label: "Policy / 政策" }],
      bands: [
        { from: new Date(Date.UTC(2023, 0, 1)), to: new Date(Date.UTC(2023, 11, 31)), label: "Before / 实施前" },
        { from: new Date(Date.UTC(2024, 6, 1)), to: new Date(Date.UTC(2024, 11, 31)), label: "After / 实施后", color: "#2ca02c" },
      ],
    });
    const layers = spec.layer as Record<string, any>[];
    const rects = layers.filter((l) => l.mark?.type === "rect");
    expect(rects.map((r) => [r.data.values[0].__from, r.data.values[0].__to, r.mark.color])).toEqual([
      ["2023-01-01T00:00:00.000Z", "2023-12-31T00:00:00.000Z", "#7f7f7f"],
      ["2024-07-01T00:00:00.000Z", "2024-12-31T00:00:00.000Z", "#2ca02c"],
    ]);
    expect(rects[0].encoding.x.scale).toEqual({ type: "utc" });
    expect(rects[0].encoding.color).toBeUndefined(); // the bands stay out of the series legend
    const bandText = layers.find(
      (l) => l.mark?.type === "text" && l.encoding.text.field === "__label" && l.data.values[0].__from !== undefined,
    )!;
    expect(bandText.mark.y).toBeGreaterThan(12); // a line below the marker label
    const svg = await vegaLiteToSvg(spec);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(["Before / 实施前", "After / 实施后", "Policy / 政策"]));
    expect(svg).toContain("#2ca02c");
    const withSeries = lineChart(
      months.flatMap((m) => [
        { ...m, part: "all / 全部" },
        { ...m, part: "legacy / 遗留", rate: m.rate / 2 },
      ]),
      {
        title: "Split / 拆分",
        x: "month",
        y: "rate",
        series: "part",
        seriesTitle: "Part / 部分",
        xTitle: "Month",
        yTitle: "Rate (%)",
        bands: [{ from: new Date(Date.UTC(2023, 0, 1)), to: new Date(Date.UTC(2023, 11, 31)), label: "Before / 实施前" }],
      },
    );
    expect(svgTexts(await vegaLiteToSvg(withSeries))).toEqual(
      expect.arrayContaining(["Part / 部分", "all / 全部", "legacy / 遗留", "Before / 实施前"]),
    );
  });

  it("gives every series its own colour beyond ten series", async () => {
    const rows = Array.from({ length: 12 }, (_, k) =>
      months.slice(0, 3).map((m) => ({ ...m, cohort: `2013-${String(k + 1).padStart(2, "0")}` })),
    ).flat();
    const spec = lineChart(rows, { title: "Cohorts / 批次", x: "month", y: "rate", series: "cohort", xTitle: "Month", yTitle: "Rate (%)" });
    const color = (spec.layer as Record<string, any>[])[0].encoding.color;
    expect(color.scale).toEqual({ scheme: "tableau20" });
    const svg = await vegaLiteToSvg(spec);
    const strokes = new Set([...svg.matchAll(/<path[^>]*aria-roledescription="line mark"[^>]*stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    expect(strokes.size).toBe(12);
    // ten series or fewer keep Vega's default colours; a scheme can be chosen
    expect(
      (
        lineChart(rows.slice(0, 30), { title: "t", x: "month", y: "rate", series: "cohort", xTitle: "x", yTitle: "y" }).layer as Record<
          string,
          any
        >[]
      )[0].encoding.color.scale,
    ).toBeUndefined();
    expect(
      (
        lineChart(rows, { title: "t", x: "month", y: "rate", series: "cohort", xTitle: "x", yTitle: "y", seriesScheme: "viridis" })
          .layer as Record<string, any>[]
      )[0].encoding.color.scale,
    ).toEqual({ scheme: "viridis" });
  });

  it("refuses a chart without a title", () => {
    expect(() => lineChart(months, { title: " ", x: "month", y: "rate", xTitle: "x", yTitle: "y" })).toThrow(/title/);
  });
});

describe("barChart and heatmap", () => {
  it("renders grouped horizontal bars with Chinese category labels", async () => {
    const rows = [
      { region: "华东", grade: "A", rate: 0.01 },
      { region: "华东", grade: "C", rate: 0.08 },
      { region: "华南", grade: "A", rate: 0.012 },
      { region: "华南", grade: "C", rate: 0.09 },
    ];
    const spec = barChart(rows, {
      title: "按地区 By region",
      category: "region",
      value: "rate",
      group: "grade",
      groupTitle: "Grade / 等级",
      categoryTitle: "Region / 地区",
      valueTitle: "Write-off rate (%) / 核销率",
      valueFormat: ".1%",
      horizontal: true,
    });
    const texts = svgTexts(await vegaLiteToSvg(spec));
    expect(texts).toEqual(
      expect.arrayContaining(["按地区 By region", "华东", "华南", "Region / 地区", "Write-off rate (%) / 核销率", "Grade / 等级"]),
    );
  });

  it("writes values on simple bars, in the given category order", async () => {
    const rows = [
      { s: "call / 电话", v: 1200 },
      { s: "letter / 函件", v: 800 },
    ];
    const spec = barChart(rows, {
      title: "Cash by strategy",
      category: "s",
      value: "v",
      categoryTitle: "Strategy / 策略",
      valueTitle: "Cash (CNY) / 回款（元）",
      valueFormat: ",.0f",
      sort: ["letter / 函件", "call / 电话"],
    });
    const svg = await vegaLiteToSvg(spec);
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(["1,200", "800", "Cash (CNY) / 回款（元）"]));
    expect(svg.indexOf("letter / 函件")).toBeLessThan(svg.indexOf("call / 电话"));
  });

  it("renders a roll-rate heatmap with a value in every cell", async () => {
    const buckets = ["0-30", "31-60", "61-90", "90+"];
    const rows = buckets.flatMap((from, i) =>
      buckets.map((to, j) => ({ from, to, rate: j === i + 1 ? 0.2 + i / 10 : j === i ? 0.7 : 0.01 })),
    );
    const spec = heatmap(rows, {
      title: "Roll rates / 迁徙率",
      x: "to",
      y: "from",
      value: "rate",
      xTitle: "To bucket (days) / 迁入",
      yTitle: "From bucket (days) / 迁出",
      valueTitle: "Share of balance (%)",
      valueFormat: ".0%",
      xSort: buckets,
      ySort: buckets,
    });
    const texts = svgTexts(await vegaLiteToSvg(spec));
    expect(texts.filter((t) => t === "70%")).toHaveLength(4);
    expect(texts).toEqual(expect.arrayContaining(["20%", "30%", "40%", "Roll rates / 迁徙率", "To bucket (days) / 迁入"]));
  });
});

describe("rendering is strict and offline", () => {
  it("rejects a spec Vega-Lite warns about instead of drawing it half blank", async () => {
    await expect(
      vegaLiteToSvg({
        $schema: VEGA_LITE_SCHEMA,
        title: "bad",
        data: { values: [{ a: 1 }] },
        mark: "bar",
        encoding: { x: { field: "a", type: "banana" } },
      }),
    ).rejects.toThrow();
  });

  it("never loads data from a URL", async () => {
    await expect(
      vegaLiteToSvg({
        $schema: VEGA_LITE_SCHEMA,
        title: "remote",
        data: { url: "https://example.com/x.csv" },
        mark: "point",
        encoding: { x: { field: "a", type: "quantitative" } },
      }),
    ).rejects.toThrow();
  });

  it("turns non-finite numbers into gaps and dates into ISO text", () => {
    expect(plainRows([{ a: Number.NaN, b: Infinity, c: new Date(Date.UTC(2024, 1, 29)), d: "x" }])).toEqual([
      { a: null, b: null, c: "2024-02-29T00:00:00.000Z", d: "x" },
    ]);
  });
});

describe("notebook output", () => {
  it("shows a chart as one bundle with SVG, the Vega-Lite v5 spec and a text line", async () => {
    const spec = lineChart(months, { title: "Trend / 趋势", x: "month", y: "rate", xTitle: "Month / 月份", yTitle: "Rate (%)" });
    const sent: MimeBundle[] = [];
    await show(spec, (b) => sent.push(b));
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]).sort()).toEqual([VEGALITE_MIME, "image/svg+xml", "text/plain"].sort());
    expect(VEGALITE_MIME).toBe("application/vnd.vegalite.v5+json");
    expect(sent[0][VEGALITE_MIME]).toEqual(spec);
    expect(sent[0]["text/plain"]).toBe("[chart] Trend / 趋势");
    expect(sent[0]["image/svg+xml"]).toContain("Trend / 趋势");
    expect(await chartBundle(spec)).toEqual(sent[0]);
  });

  it("fails clearly outside a tslab kernel", async () => {
    const spec = lineChart(months, { title: "t", x: "month", y: "rate", xTitle: "x", yTitle: "y" });
    await expect(show(spec)).rejects.toThrow(/tslab/);
  });

  it("shows tables as HTML and aligned text, CJK counted as two columns", () => {
    const b = tableBundle(
      [
        { 地区: "华东", rate: 0.0123, n: 12 },
        { 地区: "西北<", rate: 0.5, n: 3 },
      ],
      { title: "Rates / 比率", format: { rate: pct(1) } },
    );
    expect(b["text/plain"]).toBe(
      ["Rates / 比率", "地区    rate   n", "-----  -----  --", "华东    1.2%  12", "西北<  50.0%   3"].join("\n"),
    );
    expect(b["text/html"]).toContain("西北&lt;");
    const limited = tableBundle(
      Array.from({ length: 30 }, (_, i) => ({ i })),
      { limit: 5 },
    );
    expect(limited["text/plain"]).toMatch(/first 5 rows/);
  });

  it("prints key figures as parseable lines", () => {
    const text = [
      "noise",
      figureLine("fdic.peak", { date: "2009-12-31", value: 3.2 }),
      figureLine("n", 2466),
      figureLine("nan", Number.NaN),
    ].join("\n");
    const figures = parseFigures(text);
    expect(figures.get("fdic.peak")).toEqual({ date: "2009-12-31", value: 3.2 });
    expect(figures.get("n")).toBe(2466);
    expect(figures.get("nan")).toBeNull();
    expect(() => figureLine("bad name", 1)).toThrow(/name/);
  });
});

describe("barChart options", () => {
  it("stacks groups in the given order and keeps whole-number axes whole", async () => {
    const rows = ["2013-01", "2013-02"].flatMap((m) => [
      { month: m, bucket: "not due", n: 3 },
      { month: m, bucket: "1-30", n: 1 },
    ]);
    const spec = barChart(rows, {
      title: "Stacked / 堆叠",
      category: "month",
      value: "n",
      group: "bucket",
      stacked: true,
      groupOrder: ["not due", "1-30"],
      categoryTitle: "Month",
      valueTitle: "Invoices (count)",
    });
    const layer = (spec.layer as Record<string, any>[])[0];
    expect(layer.encoding.xOffset).toBeUndefined();
    expect(layer.encoding.color.sort).toEqual(["not due", "1-30"]);
    expect(layer.encoding.y.axis.tickMinStep).toBe(1);
    const texts = svgTexts(await vegaLiteToSvg(spec));
    expect(texts).toEqual(expect.arrayContaining(["not due", "1-30", "4"]));
    expect(texts).not.toContain("0.5");
    expect(() =>
      barChart(rows, {
        title: "x",
        category: "month",
        value: "n",
        group: "bucket",
        stacked: true,
        labels: true,
        categoryTitle: "m",
        valueTitle: "n",
      }),
    ).toThrow(/stacked/);
  });

  it("puts grouped bars side by side in the legend's order", async () => {
    const rows = ["not due", "1-30"].flatMap((band) => [
      { band, source: "Policy rate", v: 0.02 },
      { band, source: "Historical", v: 0.05 },
      { band, source: "Applied", v: 0.06 },
    ]);
    const order = ["Historical", "Applied", "Policy rate"];
    const spec = barChart(rows, {
      title: "Matrix",
      category: "band",
      value: "v",
      group: "source",
      groupOrder: order,
      categoryTitle: "Band",
      valueTitle: "Rate (%)",
      labels: true,
    });
    for (const layer of spec.layer as Record<string, any>[]) expect(layer.encoding.xOffset.sort).toEqual(order);
    const svg = await vegaLiteToSvg(spec);
    // the first band's bars from left to right carry the colours of the legend, in its order
    const bars = [
      ...svg.matchAll(
        /<path aria-label="([^"]*)"[^>]*role="graphics-symbol"[^>]*aria-roledescription="bar"[^>]*d="M([\d.]+),[^"]*"[^>]*fill="(#[0-9a-f]+)"/g,
      ),
    ]
      .filter((m) => m[1].includes("not due"))
      .map((m) => ({ label: m[1], x: Number(m[2]) }))
      .sort((a, b) => a.x - b.x);
    expect(bars.map((b) => order.findIndex((g) => b.label.includes(`: ${g}`)))).toEqual([0, 1, 2]);
  });

  it("leaves room past the longest bar for its value label", async () => {
    const rows = [
      { plan: "kept", n: 2 },
      { plan: "broken", n: 4 },
    ];
    const spec = barChart(rows, {
      title: "Plans / 计划",
      category: "plan",
      value: "n",
      categoryTitle: "Plan",
      valueTitle: "Plans (count)",
    });
    const y = (spec.layer as Record<string, any>[])[0].encoding.y;
    expect(y.scale.domainMax).toBeGreaterThanOrEqual(4 * 1.05); // a label of 11 px needs about 5% of 260 px
    expect(svgTexts(await vegaLiteToSvg(spec))).toEqual(expect.arrayContaining(["2", "4", "Plans (count)"]));
    const h = barChart([{ r: "华东", v: 0.04 }], {
      title: "h",
      category: "r",
      value: "v",
      categoryTitle: "c",
      valueTitle: "v",
      horizontal: true,
      valueFormat: ".1%",
    });
    expect((h.layer as Record<string, any>[])[0].encoding.x.scale.domainMax).toBeGreaterThan(0.045);
    // no labels, or negative values: the scale is left alone
    const grouped = barChart([{ c: "a", g: "x", v: 3 }], {
      title: "g",
      category: "c",
      value: "v",
      group: "g",
      categoryTitle: "c",
      valueTitle: "v",
    });
    expect((grouped.layer as Record<string, any>[])[0].encoding.y.scale).toBeUndefined();
    const negative = barChart(
      [
        { c: "a", v: -3 },
        { c: "b", v: 2 },
      ],
      { title: "n", category: "c", value: "v", categoryTitle: "c", valueTitle: "v" },
    );
    expect((negative.layer as Record<string, any>[])[0].encoding.y.scale).toBeUndefined();
  });

  it("estimates text widths for Noto Sans, CJK as one em", async () => {
    const { textWidth } = await import("../../src/charts/render.js");
    expect(textWidth("地区", 10)).toBe(20);
    expect(textWidth("Region", 10)).toBeLessThan(textWidth("地区地区", 10));
    expect(textWidth("Write-off rate by month", 15, "bold")).toBeGreaterThan(textWidth("Write-off rate by month", 15));
  });
});
