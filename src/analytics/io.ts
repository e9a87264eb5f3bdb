/**
 * Files for the analyses (Node only; the analysis modules themselves never touch the file system):
 * where the real data lives, writing generated ledgers to CSV and Arrow files batch by batch, and
 * reading ledger tables and the real data sets back as Arquero tables.
 *
 * Two homes for real data: the Federal Reserve and FDIC series ship in the repository (`data/`, public
 * domain, see data/README.md) and are always read from there, so every clone gets the same figures; the
 * IBM sample states no licence, so it is not shipped and is read from `../shared/data` or `$AR_DATA_DIR`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { ArrowStreamWriter, arrowToTable, csvHeader, csvParseOptions, csvRows, typedDates, type TableSchema } from "./formats.js";
import {
  generateLedger,
  LEDGER_TABLES,
  ledgerSchemas,
  type GenerationSummary,
  type GeneratorOptions,
  type LedgerTableName,
} from "./generator/index.js";
import { parseIbm, type IbmInvoices } from "./ibm.js";
import { parseFdic, parseFred, type QuarterlySeries } from "./macro.js";

/**
 * The project root: the nearest folder above `from` (default the working directory) that holds a
 * package.json and is not inside node_modules.
 */
export function projectRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && !dir.split(path.sep).includes("node_modules")) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

/**
 * The folder of the data the project may not ship (the IBM sample): `$AR_DATA_DIR`, else `../shared/data`
 * from the project root. It may be absent: see {@link ibmSampleAvailable}.
 */
export function dataDir(): string {
  const env = process.env.AR_DATA_DIR;
  return env && env.trim() ? path.resolve(env) : path.resolve(projectRoot(), "../shared/data");
}

/** The file formats a ledger can be written in. */
export type LedgerFormat = "csv" | "arrow";

/** File name of a table in a format: `invoices.csv`, `invoices.arrows` (Arrow IPC stream). */
export function ledgerFileName(table: LedgerTableName, format: LedgerFormat): string {
  return `${table}.${format === "csv" ? "csv" : "arrows"}`;
}

/** What {@link writeLedgerFiles} wrote. */
export interface WrittenLedger {
  readonly summary: GenerationSummary;
  /** Paths written, with their sizes in bytes. */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  /** Wall-clock seconds. */
  readonly seconds: number;
}

/**
 * Generates a ledger straight to files in `outDir` (created if needed): one file per table and format,
 * written batch by batch (CSV: header then rows; Arrow: an IPC stream, `.arrows`), plus `ledger.json`
 * with the options and row counts. Memory stays flat whatever the size.
 */
export function writeLedgerFiles(
  options: GeneratorOptions,
  outDir: string,
  formats: readonly LedgerFormat[] = ["csv", "arrow"],
): WrittenLedger {
  const started = performance.now();
  fs.mkdirSync(outDir, { recursive: true });
  const handles = new Map<string, { fd: number; bytes: number; path: string; arrow?: ArrowStreamWriter }>();
  const open = (table: LedgerTableName, schema: TableSchema, format: LedgerFormat) => {
    const key = `${table}.${format}`;
    let h = handles.get(key);
    if (!h) {
      const file = path.join(outDir, ledgerFileName(table, format));
      h = { fd: fs.openSync(file, "w"), bytes: 0, path: file, arrow: format === "arrow" ? new ArrowStreamWriter(schema) : undefined };
      handles.set(key, h);
      if (format === "csv") write(h, csvHeader(schema));
    }
    return h;
  };
  const write = (h: { fd: number; bytes: number }, data: string | Uint8Array) => {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let at = 0;
    while (at < bytes.byteLength) at += fs.writeSync(h.fd, bytes, at, bytes.byteLength - at);
    h.bytes += bytes.byteLength;
  };
  try {
    const summary = generateLedger(options, {
      write(table, schema, batch) {
        for (const format of formats) {
          const h = open(table, schema, format);
          write(h, format === "csv" ? csvRows(schema, batch) : h.arrow!.batch(batch));
        }
      },
    });
    // tables with no rows still get their files (header / schema only)
    const schemas = ledgerSchemas(summary.options.regions);
    for (const table of summary.options.tables) for (const format of formats) open(table, schemas[table], format);
    for (const h of handles.values()) if (h.arrow) write(h, h.arrow.end());
    const files = [...handles.values()].map((h) => ({ path: h.path, bytes: h.bytes }));
    const meta = {
      options: { ...summary.options, policy: undefined },
      rows: summary.rows,
      before: summary.before,
      after: summary.after,
      formats,
    };
    fs.writeFileSync(path.join(outDir, "ledger.json"), `${JSON.stringify(meta, null, 2)}\n`);
    return { summary, files, seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const h of handles.values()) fs.closeSync(h.fd);
  }
}

/**
 * Reads one ledger table written by {@link writeLedgerFiles}: `.arrows`/`.arrow` through
 * {@link arrowToTable} (fast: typed arrays, dictionary columns), `.csv` through Arquero's streaming CSV
 * reader with the table's dates read as Excel serials.
 */
export async function readLedgerTable(file: string, options: { columns?: readonly string[] } = {}): Promise<ColumnTable> {
  if (/\.arrows?$/.test(file)) return arrowToTable(fs.readFileSync(file), options);
  const table = path.basename(file).replace(/\.csv$/, "") as LedgerTableName;
  const schema = LEDGER_TABLES.includes(table) ? schemaFor(table) : undefined;
  const t = typedDates(await aq.loadCSV(file, csvParseOptions(schema)), schema);
  return options.columns ? t.select(options.columns as string[]) : t;
}

/** The schema of a ledger table, for reading (region categories are not needed to read text). */
function schemaFor(table: LedgerTableName): TableSchema {
  return ledgerSchemas([])[table];
}

/** A ledger read from a folder: the tables that are there (Arrow preferred over CSV). */
export async function readLedger(
  dir: string,
  tables: readonly LedgerTableName[] = LEDGER_TABLES,
): Promise<Partial<Record<LedgerTableName, ColumnTable>>> {
  const out: Partial<Record<LedgerTableName, ColumnTable>> = {};
  for (const table of tables) {
    const arrow = path.join(dir, ledgerFileName(table, "arrow"));
    const csv = path.join(dir, ledgerFileName(table, "csv"));
    if (fs.existsSync(arrow)) out[table] = await readLedgerTable(arrow);
    else if (fs.existsSync(csv)) out[table] = await readLedgerTable(csv);
  }
  return out;
}

/**
 * The public series shipped with the project: `data/` under the project root (`fred/`, `fdic/`). No
 * fallback to `../shared/data`: the files are part of the checkout, and reading whatever lies beside it
 * would make the figures depend on the machine.
 */
export function publicDataDir(): string {
  return path.resolve(projectRoot(), "data");
}

/** File name of the IBM sample in {@link dataDir}. */
export const IBM_SAMPLE_FILE = "WA_Fn-UseC_-Accounts-Receivable.csv";

/** Path of the IBM sample in a data folder (default {@link dataDir}); the file may not exist. */
export function ibmSampleFile(dir: string = dataDir()): string {
  return path.join(dir, IBM_SAMPLE_FILE);
}

/** Whether the IBM sample is there: it is not shipped, so tests and notebook 03 skip it when absent. */
export function ibmSampleAvailable(dir: string = dataDir()): boolean {
  return fs.existsSync(ibmSampleFile(dir));
}

/** The IBM "Accounts Receivable" sample from the data folder (see ibm.ts); throws when it is absent. */
export function loadIbm(dir: string = dataDir()): IbmInvoices {
  return parseIbm(fs.readFileSync(ibmSampleFile(dir), "utf8"));
}

/** A FRED series file by its id (`DRALACBS`, `DRBLACBS`, `DRCLACBS`), by default the shipped copy in `data/fred`. */
export function loadFred(id: string, dir: string = path.join(publicDataDir(), "fred")): QuarterlySeries {
  return parseFred(fs.readFileSync(path.join(dir, `${id}.csv`), "utf8"));
}

/** The FDIC net charge-off ratio of Cathay Bank, by default the shipped copy in `data/fdic`. */
export function loadFdic(dir: string = path.join(publicDataDir(), "fdic")): QuarterlySeries {
  return parseFdic(fs.readFileSync(path.join(dir, "fdic_CATY_NTLNLSCOQR_timeseries.csv"), "utf8"));
}
