/**
 * Vega-Lite chart builders with the project's defaults: a title and axis titles on every chart (units in
 * the axis title, e.g. "Write-off rate (%) / 核销率"), UTC time scales (dates in the data are calendar
 * dates, never shifted by the machine's time zone), a CJK-capable font so Chinese labels render, and
 * inline data only so a spec is self-contained (the same spec renders to SVG here and in JupyterLab).
 *
 * Specs are plain JSON objects in the Vega-Lite v5 dialect (what the `application/vnd.vegalite.v5+json`
 * MIME type renders); Vega-Lite 6 compiles them here.
 */

/** A Vega-Lite spec as plain JSON (kept loose on purpose: the declaration files must not need vega-lite's types). */
export type VegaLiteSpec = { [key: string]: unknown };

/**
 * A row of chart data: an object whose fields the chart reads by name (Arquero's `objects()` rows fit).
 * Dates may be `Date` objects or ISO strings.
 */
export type Row = object;

/** The schema the specs declare: Vega-Lite v5 (JupyterLab's renderer). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Fonts for chart text: Noto Sans CJK (Debian `fonts-noto-cjk`) first, so Chinese and Latin both render. */
export const CHART_FONT = "Noto Sans CJK SC, Noto Sans, DejaVu Sans, Arial, sans-serif";

/** Default chart size in pixels (the plot area, without axes and legend). */
export const DEFAULT_SIZE = { width: 560, height: 260 } as const;

/** Field types of Vega-Lite's encodings. */
export type FieldType = "quantitative" | "temporal" | "ordinal" | "nominal";

/** Options every chart takes. */
export interface ChartOptions {
  /** Chart title (required: a chart without a title is not readable in CI output). */
  readonly title: string;
  readonly subtitle?: string;
  readonly width?: number;
  readonly height?: number;
}

/** A vertical marker line at an x value, with a label (a policy change, a recession). */
export interface Marker {
  readonly x: unknown;
  readonly label: string;
}

/**
 * A shaded range of x values with a label (a comparison window, a transition period): drawn behind the
 * lines, its label at the top left inside the range (below the marker labels).
 */
export interface Band {
  readonly from: unknown;
  readonly to: unknown;
  readonly label: string;
  /** Fill colour (default a light grey). */
  readonly color?: string;
}

/** Categorical colours for up to 10 series; more series get {@link MANY_SERIES_SCHEME} so no two share a colour. */
export const MANY_SERIES_SCHEME = "tableau20";

/** Options of {@link lineChart}. */
export interface LineChartOptions extends ChartOptions {
  readonly x: string;
  readonly y: string;
  /** Axis titles, with units: `"Month / 月份"`, `"Write-off rate (%) / 核销率"`. */
  readonly xTitle: string;
  readonly yTitle: string;
  /** Type of the x field; temporal by default (drawn on a UTC scale). */
  readonly xType?: FieldType;
  /** A field that splits the data into one line per value (a legend appears). */
  readonly series?: string;
  readonly seriesTitle?: string;
  /** d3 format of y values, e.g. `".1%"` for fractions, `",.0f"` for amounts. */
  readonly yFormat?: string;
  /** d3 time format of x labels (temporal x), e.g. `"%Y-%m"`. */
  readonly xFormat?: string;
  /**
   * A rolling mean drawn as a second, thicker line: a number of points (computed by Vega-Lite's window
   * transform over the last n rows, per series), or the name of a field that already holds it.
   */
  readonly rolling?: number | { readonly field: string; readonly label: string };
  /** Legend label of the plain line when a rolling mean is drawn. */
  readonly lineLabel?: string;
  /** Draws points on the line. */
  readonly points?: boolean;
  readonly markers?: readonly Marker[];
  /** Shaded x ranges with labels (comparison windows, a transition), behind the lines. */
  readonly bands?: readonly Band[];
  /**
   * Vega colour scheme of the series. Default Vega's 10 categorical colours, or {@link MANY_SERIES_SCHEME}
   * when there are more than 10 series (Vega's default would repeat colours: two lines alike).
   */
  readonly seriesScheme?: string;
  /** Makes the y scale start at zero (default true). */
  readonly zero?: boolean;
}

/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartOptions {
  /** Category field (a grade, a region, a strategy). */
  readonly category: string;
  /** Value field. */
  readonly value: string;
  readonly categoryTitle: string;
  readonly valueTitle: string;
  /** A second category: bars grouped side by side per value, with a legend. */
  readonly group?: string;
  readonly groupTitle?: string;
  readonly valueFormat?: string;
  /** Horizontal bars (long category names, Chinese labels). */
  readonly horizontal?: boolean;
  /** Category order: an explicit list, or "data" for the order of the rows (default: as given). */
  readonly sort?: readonly string[] | "data" | "ascending" | "descending";
  /** Writes each bar's value next to it (default true without groups). */
  readonly labels?: boolean;
  /** With a group: stack the groups in one bar per category instead of side by side. */
  readonly stacked?: boolean;
  /** Order of the group values (legend, colours, stacking order from the axis up). Default: sorted. */
  readonly groupOrder?: readonly string[];
}

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends ChartOptions {
  readonly x: string;
  readonly y: string;
  readonly value: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly valueTitle: string;
  readonly valueFormat?: string;
  readonly xSort?: readonly string[];
  readonly ySort?: readonly string[];
  /** Vega color scheme (default "blues"). */
  readonly scheme?: string;
  /** Writes each cell's value in the cell (default true). */
  readonly labels?: boolean;
}

/** Fills the shared parts of a spec: schema, title, size, font, UTC-safe config. */
export function baseSpec(options: ChartOptions, data: readonly Row[]): VegaLiteSpec {
  if (!options.title || !options.title.trim()) throw new Error("charts: every chart needs a title");
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.subtitle ? { text: options.title, subtitle: options.subtitle } : options.title,
    width: options.width ?? DEFAULT_SIZE.width,
    height: options.height ?? DEFAULT_SIZE.height,
    data: { values: plainRows(data) },
    config: chartConfig(),
  };
}

/** The config block of every chart: the CJK font everywhere, readable sizes. */
export function chartConfig(): VegaLiteSpec {
  return {
    font: CHART_FONT,
    title: { font: CHART_FONT, fontSize: 15, anchor: "start", subtitleFont: CHART_FONT, subtitleColor: "#555" },
    axis: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" },
    legend: {
      labelFont: CHART_FONT,
      titleFont: CHART_FONT,
      labelFontSize: 11,
      titleFontSize: 12,
      orient: "bottom",
      labelLimit: 360,
      titleLimit: 360,
    },
    header: { labelFont: CHART_FONT, titleFont: CHART_FONT },
    text: { font: CHART_FONT },
    view: { stroke: null },
  };
}

/**
 * Rows as JSON-safe plain objects: `Date` becomes an ISO string (so the spec is the same in SVG and in
 * JupyterLab), non-finite numbers become null (a gap, not a crash).
 */
export function plainRows(data: readonly Row[]): Record<string, unknown>[] {
  return data.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      if (v instanceof Date) out[k] = Number.isNaN(v.getTime()) ? null : v.toISOString();
      else if (typeof v === "number" && !Number.isFinite(v)) out[k] = null;
      else if (typeof v === "bigint") out[k] = Number(v);
      else out[k] = v;
    }
    return out;
  });
}

function xEncoding(field: string, type: FieldType, title: string, format?: string): VegaLiteSpec {
  const enc: VegaLiteSpec = { field, type, title };
  if (type === "temporal") {
    enc.scale = { type: "utc" };
    enc.axis = { format: format ?? "%Y-%m", labelAngle: 0 }; // a utc scale formats labels in UTC
  } else if (format) {
    enc.axis = { format };
  }
  return enc;
}

/**
 * A line over time (or over any ordered x), optionally one per series, with an optional rolling mean and
 * vertical markers (a policy change, a crisis).
 */
export function lineChart(data: readonly Row[], o: LineChartOptions): VegaLiteSpec {
  const xType = o.xType ?? "temporal";
  const x = xEncoding(o.x, xType, o.xTitle, o.xFormat);
  const y: VegaLiteSpec = { field: o.y, type: "quantitative", title: o.yTitle, scale: { zero: o.zero ?? true } };
  if (o.yFormat) y.axis = { format: o.yFormat };
  const tooltip = [
    { field: o.x, type: xType, title: o.xTitle, ...(xType === "temporal" ? { timeUnit: "utcyearmonthdate", format: "%Y-%m-%d" } : {}) },
    { field: o.y, type: "quantitative", title: o.yTitle, ...(o.yFormat ? { format: o.yFormat } : {}) },
  ];
  const layers: VegaLiteSpec[] = [...bandLayers(o.bands, o.x, xType, (o.markers?.length ?? 0) > 0)];
  const line: VegaLiteSpec = {
    mark: { type: "line", point: o.points ?? false, strokeWidth: o.rolling ? 1.2 : 2 },
    encoding: { x, y, tooltip },
  };
  let seriesScale: VegaLiteSpec | undefined;
  if (o.series) {
    const scheme = o.seriesScheme ?? (distinctCount(data, o.series) > 10 ? MANY_SERIES_SCHEME : undefined);
    seriesScale = scheme ? { scheme } : undefined;
    (line.encoding as VegaLiteSpec).color = {
      field: o.series,
      type: "nominal",
      title: o.seriesTitle ?? o.series,
      ...(seriesScale ? { scale: seriesScale } : {}),
    };
    tooltip.push({ field: o.series, type: "nominal", title: o.seriesTitle ?? o.series } as never);
  }
  if (o.rolling !== undefined) {
    const lineLabel = o.lineLabel ?? "Value / 数值";
    let rollingField: string;
    let rollingLabel: string;
    const rolling: VegaLiteSpec = { mark: { type: "line", strokeWidth: 2.5 }, encoding: {} };
    if (typeof o.rolling === "number") {
      if (!Number.isInteger(o.rolling) || o.rolling < 2) throw new Error("charts: rolling must be a whole number of points >= 2");
      rollingField = `__rolling_${o.rolling}`;
      rollingLabel = `Rolling ${o.rolling} / 滚动${o.rolling}期均值`;
      // The mean of the last n values present, drawn only once the window is full (as series.rollingMean).
      rolling.transform = [
        {
          window: [
            { op: "mean", field: o.y, as: "__rolling_mean" },
            { op: "valid", field: o.y, as: "__rolling_n" },
          ],
          frame: [-(o.rolling - 1), 0],
          sort: [{ field: o.x, order: "ascending" }],
          ...(o.series ? { groupby: [o.series] } : {}),
        },
        { calculate: `datum.__rolling_n >= ${o.rolling} ? datum.__rolling_mean : null`, as: rollingField },
      ];
    } else {
      rollingField = o.rolling.field;
      rollingLabel = o.rolling.label;
    }
    if (!o.series) {
      (line.encoding as VegaLiteSpec).color = { datum: lineLabel, type: "nominal", title: null, scale: { range: ["#9ecae1", "#08519c"] } };
      (rolling.encoding as VegaLiteSpec).color = { datum: rollingLabel, type: "nominal" };
    } else {
      (rolling.encoding as VegaLiteSpec).color = {
        field: o.series,
        type: "nominal",
        title: o.seriesTitle ?? o.series,
        ...(seriesScale ? { scale: seriesScale } : {}),
      };
      (rolling.encoding as VegaLiteSpec).strokeDash = { datum: rollingLabel, type: "nominal", title: null };
    }
    rolling.encoding = {
      ...(rolling.encoding as VegaLiteSpec),
      x,
      y: { field: rollingField, type: "quantitative", title: o.yTitle, ...(o.yFormat ? { axis: { format: o.yFormat } } : {}) },
      tooltip: [
        tooltip[0],
        { field: rollingField, type: "quantitative", title: rollingLabel, ...(o.yFormat ? { format: o.yFormat } : {}) },
      ],
    };
    layers.push(line, rolling);
  } else {
    layers.push(line);
  }
  layers.push(...markerLayers(o.markers, o.x, xType));
  return { ...baseSpec(o, data), layer: layers };
}

function distinctCount(data: readonly Row[], field: string): number {
  return new Set(data.map((r) => (r as Record<string, unknown>)[field])).size;
}

function bandLayers(bands: readonly Band[] | undefined, x: string, xType: FieldType, belowMarkers: boolean): VegaLiteSpec[] {
  if (!bands || bands.length === 0) return [];
  const scale = xType === "temporal" ? { scale: { type: "utc" } } : {};
  const values = plainRows(bands.map((b) => ({ __from: b.from, __to: b.to, __label: b.label })));
  // one layer per band, its colour on the mark: a colour encoding would join the series' legend
  const rects = bands.map((b, i) => ({
    data: { values: [values[i]] },
    mark: { type: "rect", opacity: 0.12, color: b.color ?? "#7f7f7f" },
    encoding: { x: { field: "__from", type: xType, ...scale }, x2: { field: "__to" } },
  }));
  return [
    ...rects,
    {
      data: { values },
      // one text line below the marker labels (markers write theirs at the top)
      mark: { type: "text", align: "left", baseline: "top", dx: 4, y: belowMarkers ? 18 : 2, color: "#444", fontSize: 11 },
      encoding: { x: { field: "__from", type: xType, ...scale }, text: { field: "__label", type: "nominal" } },
    },
  ];
}

function markerLayers(markers: readonly Marker[] | undefined, x: string, xType: FieldType): VegaLiteSpec[] {
  if (!markers || markers.length === 0) return [];
  const values = plainRows(markers.map((m) => ({ [x]: m.x, __label: m.label })));
  const enc = { field: x, type: xType, ...(xType === "temporal" ? { scale: { type: "utc" } } : {}) };
  return [
    { data: { values }, mark: { type: "rule", color: "#d62728", strokeDash: [4, 3] }, encoding: { x: enc } },
    {
      data: { values },
      mark: { type: "text", align: "left", baseline: "top", dx: 4, y: 2, color: "#d62728", fontSize: 11 },
      encoding: { x: enc, text: { field: "__label", type: "nominal" } },
    },
  ];
}

/** Bars per category (a grade, a region), optionally grouped side by side by a second category. */
export function barChart(data: readonly Row[], o: BarChartOptions): VegaLiteSpec {
  const sort = o.sort === "data" ? null : Array.isArray(o.sort) ? [...o.sort] : ((o.sort as string | undefined) ?? null);
  const cat: VegaLiteSpec = {
    field: o.category,
    type: "nominal",
    title: o.categoryTitle,
    sort,
    // Many categories along x (months): drop the labels that would overlap.
    axis: { labelAngle: 0, labelLimit: 200, ...(o.horizontal ? {} : { labelOverlap: "greedy" }) },
  };
  // Counts and other whole numbers: no fractional ticks (they would print as repeated labels).
  const whole = data.every((r) => Number.isInteger((r as Record<string, unknown>)[o.value]));
  const labelled = o.labels ?? !o.group;
  // Value labels sit past the end of their bar: leave room for the longest one inside the plot (a
  // label on a bar that reaches the top of the scale would run into the title or off the chart).
  const headroom = labelled && !o.stacked ? labelHeadroom(data, o.value, o.horizontal ? 0.14 : 0.08) : undefined;
  const val: VegaLiteSpec = {
    field: o.value,
    type: "quantitative",
    title: o.valueTitle,
    ...(o.valueFormat || whole
      ? { axis: { ...(o.valueFormat ? { format: o.valueFormat } : {}), ...(whole ? { tickMinStep: 1 } : {}) } }
      : {}),
    ...(headroom !== undefined ? { scale: { domainMax: headroom } } : {}),
  };
  const catChannel = o.horizontal ? "y" : "x";
  const valChannel = o.horizontal ? "x" : "y";
  const tooltip: VegaLiteSpec[] = [
    { field: o.category, type: "nominal", title: o.categoryTitle },
    { field: o.value, type: "quantitative", title: o.valueTitle, ...(o.valueFormat ? { format: o.valueFormat } : {}) },
  ];
  const encoding: VegaLiteSpec = { [catChannel]: cat, [valChannel]: val, tooltip };
  // side by side in the legend's order (the offset scale would sort the groups by name otherwise)
  const offset: VegaLiteSpec = { field: o.group, type: "nominal", ...(o.groupOrder ? { sort: [...o.groupOrder] } : {}) };
  const transform: VegaLiteSpec[] = [];
  if (o.group) {
    encoding.color = {
      field: o.group,
      type: "nominal",
      title: o.groupTitle ?? o.group,
      ...(o.groupOrder ? { sort: [...o.groupOrder] } : {}),
    };
    if (o.stacked && o.groupOrder) {
      // stack in the given order: the first value next to the axis
      transform.push({ calculate: `indexof(${JSON.stringify(o.groupOrder)}, datum[${JSON.stringify(o.group)}])`, as: "__group_order" });
      encoding.order = { field: "__group_order", type: "quantitative" };
    }
    if (!o.stacked) encoding[o.horizontal ? "yOffset" : "xOffset"] = offset;
    tooltip.push({ field: o.group, type: "nominal", title: o.groupTitle ?? o.group });
  } else {
    encoding.color = { value: "#4c78a8" };
  }
  const layers: VegaLiteSpec[] = [{ mark: { type: "bar" }, encoding, ...(transform.length > 0 ? { transform } : {}) }];
  if (labelled) {
    if (o.group && o.stacked) throw new Error("charts: value labels on stacked bars are not supported");
    layers.push({
      mark: { type: "text", ...(o.horizontal ? { align: "left", dx: 3 } : { baseline: "bottom", dy: -2 }), fontSize: 10 },
      encoding: {
        [catChannel]: cat,
        [valChannel]: val,
        text: { field: o.value, type: "quantitative", ...(o.valueFormat ? { format: o.valueFormat } : {}) },
        ...(o.group ? { [o.horizontal ? "yOffset" : "xOffset"]: offset } : {}),
      },
    });
  }
  return { ...baseSpec(o, data), layer: layers };
}

/** The largest value plus `share` of it (the scale is then made nice), or undefined with negative or no values. */
function labelHeadroom(data: readonly Row[], field: string, share: number): number | undefined {
  let max = -Infinity;
  for (const row of data) {
    const v = (row as Record<string, unknown>)[field];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    if (v < 0) return undefined;
    if (v > max) max = v;
  }
  return max > 0 ? max * (1 + share) : undefined;
}

/** A matrix of values (roll rates from bucket to bucket, a provision matrix), with the value in each cell. */
export function heatmap(data: readonly Row[], o: HeatmapOptions): VegaLiteSpec {
  const x: VegaLiteSpec = {
    field: o.x,
    type: "ordinal",
    title: o.xTitle,
    sort: o.xSort ? [...o.xSort] : null,
    axis: { labelAngle: 0, orient: "top", labelOverlap: "greedy" },
  };
  const y: VegaLiteSpec = { field: o.y, type: "ordinal", title: o.yTitle, sort: o.ySort ? [...o.ySort] : null };
  const fmt = o.valueFormat ? { format: o.valueFormat } : {};
  const layers: VegaLiteSpec[] = [
    {
      mark: { type: "rect" },
      encoding: {
        x,
        y,
        color: {
          field: o.value,
          type: "quantitative",
          title: o.valueTitle,
          scale: { scheme: o.scheme ?? "blues" },
          legend: { orient: "right", ...fmt },
        },
        tooltip: [
          { field: o.y, type: "ordinal", title: o.yTitle },
          { field: o.x, type: "ordinal", title: o.xTitle },
          { field: o.value, type: "quantitative", title: o.valueTitle, ...fmt },
        ],
      },
    },
  ];
  if (o.labels ?? true) {
    layers.push({
      mark: { type: "text", fontSize: 11 },
      encoding: {
        x,
        y,
        text: { field: o.value, type: "quantitative", ...fmt },
        color: {
          condition: { test: `datum[${JSON.stringify(o.value)}] > ${JSON.stringify(midpoint(data, o.value))}`, value: "white" },
          value: "black",
        },
      },
    });
  }
  return { ...baseSpec(o, data), layer: layers };
}

function midpoint(data: readonly Row[], field: string): number {
  let min = Infinity;
  let max = -Infinity;
  for (const row of data) {
    const v = (row as Record<string, unknown>)[field];
    if (typeof v === "number" && Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return Number.isFinite(min) ? (min + max) / 2 : 0;
}
