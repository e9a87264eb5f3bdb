/**
 * Charts for the analyst notebooks: Vega-Lite specs with the project's defaults (titles, axis titles
 * with units, UTC dates, a CJK font), rendered to SVG in Node, and shown in tslab as one output holding
 * the SVG and the Vega-Lite spec. Also the small notebook helpers: tables, key-figure lines, data folder.
 */
export * from "./spec.js";
export * from "./render.js";
export * from "./notebook.js";
