/** The Office globals a task pane page expects (`Office`, `Excel`, `OfficeExtension`), on the fake workbook. */
import { FakeOfficeError } from "./errors.js";
import type { FakeWorkbook } from "./workbook.js";

/** Options of installFakeOffice. */
export interface FakeOfficeOptions {
  /** Office.context.displayLanguage (default `en-US`; `zh-CN` for Chinese Excel). */
  readonly displayLanguage?: string;
  /** Office.onReady's platform (default `OfficeOnline`, Excel on the web). */
  readonly platform?: string;
  /** The newest ExcelApi requirement set supported (default `1.17`; `1.8` for an Excel too old for the triage). */
  readonly excelApi?: string;
}

/** What installFakeOffice put on the global object. */
export interface FakeOfficeGlobals {
  readonly Office: Record<string, unknown>;
  readonly Excel: Record<string, unknown>;
  readonly OfficeExtension: Record<string, unknown>;
  /** The document settings as saved (Office.context.document.settings.saveAsync). */
  readonly savedSettings: Map<string, unknown>;
}

/**
 * Installs `Office`, `Excel` and `OfficeExtension` on a global object (a page's `window`, or `globalThis`
 * in a test) so that a task pane runs on the fake workbook: `Office.onReady`, `Office.context` (display
 * language, document settings, requirement sets), `Excel.run` and the enums the layer and the pane use.
 */
export function installFakeOffice(globalObject: object, workbook: FakeWorkbook, options: FakeOfficeOptions = {}): FakeOfficeGlobals {
  const settings = new Map<string, unknown>();
  const savedSettings = new Map<string, unknown>();
  const info = { host: "Excel", platform: options.platform ?? "OfficeOnline" };
  const asyncResult = (value?: unknown) => ({ status: "succeeded", value, error: null });
  const Office: Record<string, unknown> = {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady(callback?: (i: typeof info) => void) {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      displayLanguage: options.displayLanguage ?? "en-US",
      contentLanguage: options.displayLanguage ?? "en-US",
      requirements: {
        isSetSupported(name: string, version?: string | number) {
          if (name !== "ExcelApi") return false;
          // Versions compare part by part: 1.9 is older than 1.17.
          const [major, minor = 0] = String(version ?? "1.1")
            .split(".")
            .map(Number);
          const [newestMajor, newestMinor = 0] = (options.excelApi ?? "1.17").split(".").map(Number);
          return major < newestMajor || (major === newestMajor && minor <= newestMinor);
        },
      },
      document: {
        settings: {
          get: (name: string) => (settings.has(name) ? settings.get(name) : null),
          set: (name: string, value: unknown) => void settings.set(name, value),
          remove: (name: string) => void settings.delete(name),
          saveAsync(callback?: (result: ReturnType<typeof asyncResult>) => void) {
            savedSettings.clear();
            for (const [k, v] of settings) savedSettings.set(k, v);
            setTimeout(() => callback?.(asyncResult()), 0);
          },
        },
      },
    },
  };
  const Excel: Record<string, unknown> = {
    run: (a: unknown, b?: unknown) => {
      const batch = (typeof a === "function" ? a : b) as (context: Excel.RequestContext) => Promise<unknown>;
      return workbook.run(batch);
    },
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    ConditionalFormatType: { custom: "Custom" },
    ChartType: { columnClustered: "ColumnClustered", barClustered: "BarClustered", pie: "Pie" },
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
    ErrorCodes: {
      itemNotFound: "ItemNotFound",
      invalidArgument: "InvalidArgument",
      generalException: "GeneralException",
      accessDenied: "AccessDenied",
    },
  };
  const OfficeExtension: Record<string, unknown> = { Error: FakeOfficeError };
  Object.assign(globalObject, { Office, Excel, OfficeExtension });
  return { Office, Excel, OfficeExtension, savedSettings };
}
