// The fake Office host of the browser test (pane.browser.test.ts): bundled by esbuild and served in place
// of office.js from Microsoft's CDN. It builds a FakeWorkbook from the test's description (window.__AR_HOST__,
// set before the page's scripts run), installs Office, Excel and OfficeExtension on the page, a stub of
// the custom-functions runtime (functions.js registers the AR functions), and exposes the workbook for
// the test to inspect (window.__arHost).
import { FakeWorkbook, installFakeOffice, type FakeCellInput } from "../support/fake-excel/index.js";

/** A sheet of the test workbook. */
export interface HostSheet {
  readonly name: string;
  readonly values: FakeCellInput[][];
  /** Read strings as Excel reads typed text (numbers, dates), as when a CSV file is opened. */
  readonly typed?: boolean;
  /** Grow the sheet to this many data rows by repeating its data rows (customers numbered), for size tests. */
  readonly growTo?: number;
  /** Make this range (`A1:D10`) an Excel table with that name. */
  readonly table?: { readonly address: string; readonly name: string };
}

/** What the test asks for. */
export interface HostConfig {
  readonly displayLanguage: string;
  readonly sheets: readonly HostSheet[];
  /** The selection, e.g. `Debtors!B3`. */
  readonly select: string;
  /** Delay of each sync (ms). */
  readonly latencyMs?: number;
  /** The newest ExcelApi requirement set this Excel supports (default 1.17). */
  readonly excelApi?: string;
  /** Settings already stored in the workbook (Office.context.document.settings), e.g. `ar.policy`. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** What the test reads back. */
export interface HostProbe {
  sheetNames(): string[];
  values(sheet: string): (string | number | boolean)[][];
  /** The used range's formulas (a formula, or the constant as values gives it). */
  formulas(sheet: string): (string | number | boolean)[][];
  mutations(sheet: string): number;
  tableNames(): string[];
  chartCount(sheet: string): number;
  /** A setting as saved in the workbook (saveAsync), or undefined. */
  savedSetting(name: string): unknown;
  /** The recalculations asked for (`Full`, ...). */
  calculations(): string[];
  /** The active sheet's name (what Excel shows), or null. */
  activeSheet(): string | null;
  /** Types values into a sheet from a 0-based row and column, as a user would (between two runs). */
  type(sheet: string, row: number, column: number, values: FakeCellInput[][]): void;
  /** Makes Excel refuse an operation (`Worksheet.activate`, ...) from now on, with an Office error code (default AccessDenied). */
  failOperation(name: string, code?: string): void;
}

const page = window as unknown as { __AR_HOST__?: HostConfig; __arHost?: HostProbe };
const config = page.__AR_HOST__;
if (!config) throw new Error("fake host: window.__AR_HOST__ is not set");

const workbook = new FakeWorkbook({ latencyMs: config.latencyMs ?? 0 });
for (const sheet of config.sheets) {
  workbook.addSheet(sheet.name, sheet.growTo ? grow(sheet.values, sheet.growTo) : sheet.values, { typed: sheet.typed ?? false });
  if (sheet.table) workbook.addTable(`${sheet.name}!${sheet.table.address}`, { name: sheet.table.name });
}
workbook.select(config.select);

/** The header and `rows` data rows made of the given ones, over and over, each customer (column A) numbered. */
function grow(values: FakeCellInput[][], rows: number): FakeCellInput[][] {
  const [head, ...data] = values;
  const out: FakeCellInput[][] = [head];
  for (let i = 0; i < rows; i++) {
    const row = [...data[i % data.length]];
    if (typeof row[0] === "string" && row[0] !== "") row[0] = `${row[0]} #${i + 1}`;
    out.push(row);
  }
  return out;
}
const globals = installFakeOffice(window, workbook, { displayLanguage: config.displayLanguage, excelApi: config.excelApi });
// The settings the workbook was opened with: set and saved, as a previous session left them.
const settings = (globals.Office.context as { document: { settings: Office.Settings } }).document.settings;
for (const [name, value] of Object.entries(config.settings ?? {})) settings.set(name, value);
if (config.settings) settings.saveAsync();

// The custom-functions runtime functions.js expects in the shared runtime: registrations are accepted.
class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? "");
  }
}
Object.assign(window, {
  CustomFunctions: {
    associate: () => undefined,
    Error: CustomFunctionError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
  },
});

page.__arHost = {
  sheetNames: () => workbook.sheets.filter((s) => !s.deleted).map((s) => s.name),
  values: (name) => workbook.sheet(name).values(),
  formulas: (name) => {
    const sheet = workbook.sheet(name);
    const rect = sheet.usedRect();
    return rect === null ? [] : sheet.formulasOf(rect);
  },
  mutations: (name) => workbook.sheet(name).mutations,
  tableNames: () => workbook.tables.filter((t) => !t.deleted).map((t) => t.name),
  chartCount: (name) => workbook.sheet(name).charts.length,
  savedSetting: (name) => globals.savedSettings.get(name),
  calculations: () => [...workbook.calculations],
  activeSheet: () => workbook.active?.name ?? null,
  type: (name, row, column, values) =>
    workbook
      .sheet(name)
      .write(
        { top: row, left: column, bottom: row + values.length - 1, right: column + Math.max(...values.map((v) => v.length)) - 1 },
        values,
        true,
      ),
  failOperation: (name, code) => workbook.failOperation(name, code === undefined ? {} : { code }),
};
