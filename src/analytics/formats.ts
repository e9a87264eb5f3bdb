/**
 * Columnar batches and their file formats: CSV text and the Arrow IPC *stream* format, both written batch
 * by batch (so a 10-million-row table never sits in memory as one piece), and read back into Arquero
 * tables whose dates are Excel serials.
 *
 * Pure: bytes and strings in and out, no file system (see `io.ts` for files).
 *
 * Column kinds and their in-memory form (a batch holds one typed array per column):
 * - `int32`: Int32Array; `INT_NULL` is missing
 * - `float64`: Float64Array; NaN is missing
 * - `date`: Int32Array of Excel serials; 0 is missing. CSV: `YYYY-MM-DD`; Arrow: `date32` (days since
 *   1970-01-01)
 * - `bool`: Uint8Array of 0/1; `BOOL_NULL` (2) is missing. CSV: `true`/`false`
 * - `category`: Uint8Array of codes into the column's fixed `categories`; `CATEGORY_NULL` (255) is
 *   missing. CSV: the text; Arrow: dictionary-encoded utf8 with the same dictionary in every batch
 * - `string`: string[]; "" is written as an empty CSV field and an Arrow empty string
 *
 * The Arrow stream is: the schema, one dictionary batch per category column (written once: the
 * dictionaries are fixed), the record batches, the end-of-stream marker. Any Arrow reader opens it
 * (flechette `tableFromIPC`, Arquero `fromArrow`, pyarrow `ipc.open_stream`).
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import {
  batchType,
  bool,
  Column,
  columnFromValues,
  dateDay,
  dictionary,
  float64,
  int32,
  int8,
  tableFromColumns,
  tableFromIPC,
  tableToIPC,
  utf8,
} from "@uwdata/flechette";
import { isoToSerial, serialToIso, UNIX_EPOCH_SERIAL } from "./calendar.js";

/** The kinds of column a batch holds (see the module comment). */
export type ColumnKind = "int32" | "float64" | "date" | "bool" | "category" | "string";

/** One column of a table: its name, kind, and for a category its fixed list of values. */
export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The values of a `category` column, in code order (at most 127). */
  readonly categories?: readonly string[];
  /** What the column holds, with its unit (for the documentation and the notebooks). */
  readonly doc?: string;
}

/** A table's name and columns. */
export interface TableSchema {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
}

/** The in-memory data of one column in a batch. */
export type ColumnData = Int32Array | Float64Array | Uint8Array | string[];

/** A batch of rows, one array per column (arrays may be longer than `length`: only the first `length` count). */
export interface ColumnBatch {
  readonly length: number;
  readonly columns: Readonly<Record<string, ColumnData>>;
}

/** Missing value of an int32 column. */
export const INT_NULL = -2147483648;
/** Missing value of a bool column. */
export const BOOL_NULL = 2;
/** Missing value of a category column. */
export const CATEGORY_NULL = 255;

// ------------------------------------------------------------------------------------------------ CSV

/** Quotes a CSV field when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line of a table (with its line break). */
export function csvHeader(schema: TableSchema): string {
  return `${schema.columns.map((c) => csvField(c.name)).join(",")}\n`;
}

/** ISO texts of serials, cached by day (a ledger spans a few thousand days). */
const isoCache = new Map<number, string>();
function isoOf(serial: number): string {
  if (serial <= 0) return "";
  let text = isoCache.get(serial);
  if (text === undefined) {
    text = serialToIso(serial);
    if (isoCache.size < 200_000) isoCache.set(serial, text);
  }
  return text;
}

/** A column's cells of a batch as CSV text fields. */
function csvCells(spec: ColumnSpec, data: ColumnData, n: number): string[] {
  const out = new Array<string>(n);
  switch (spec.kind) {
    case "int32": {
      const a = data as Int32Array;
      for (let i = 0; i < n; i++) out[i] = a[i] === INT_NULL ? "" : String(a[i]);
      break;
    }
    case "float64": {
      const a = data as Float64Array;
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(a[i]) ? "" : String(a[i]);
      break;
    }
    case "date": {
      const a = data as Int32Array;
      for (let i = 0; i < n; i++) out[i] = isoOf(a[i]);
      break;
    }
    case "bool": {
      const a = data as Uint8Array;
      for (let i = 0; i < n; i++) out[i] = a[i] === 1 ? "true" : a[i] === 0 ? "false" : "";
      break;
    }
    case "category": {
      const a = data as Uint8Array;
      const texts = (spec.categories ?? []).map(csvField);
      for (let i = 0; i < n; i++) out[i] = a[i] === CATEGORY_NULL ? "" : texts[a[i]];
      break;
    }
    case "string": {
      const a = data as string[];
      for (let i = 0; i < n; i++) out[i] = csvField(a[i] ?? "");
      break;
    }
  }
  return out;
}

/** The rows of a batch as CSV text (one line per row, each ending with `\n`; no header). */
export function csvRows(schema: TableSchema, batch: ColumnBatch): string {
  const n = batch.length;
  if (n === 0) return "";
  const cells = schema.columns.map((c) => csvCells(c, columnOf(batch, c.name), n));
  const lines = new Array<string>(n);
  const k = cells.length;
  for (let i = 0; i < n; i++) {
    let line = cells[0][i];
    for (let j = 1; j < k; j++) line += "," + cells[j][i];
    lines[i] = line;
  }
  return `${lines.join("\n")}\n`;
}

function columnOf(batch: ColumnBatch, name: string): ColumnData {
  const data = batch.columns[name];
  if (data === undefined) throw new Error(`batch has no column ${name}`);
  return data;
}

// ---------------------------------------------------------------------------------------------- Arrow

type FlechetteType = Parameters<typeof batchType>[0];

function validityOf(n: number, isNull: (i: number) => boolean): { validity: Uint8Array; nullCount: number } {
  let nullCount = 0;
  for (let i = 0; i < n; i++) if (isNull(i)) nullCount++;
  if (nullCount === 0) return { validity: new Uint8Array(0), nullCount };
  const validity = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (!isNull(i)) validity[i >> 3] |= 1 << (i & 7);
  return { validity, nullCount };
}

function directColumn(
  type: FlechetteType,
  values: Int32Array | Float64Array | Int8Array,
  n: number,
  isNull: (i: number) => boolean,
): Column<unknown> {
  const { validity, nullCount } = validityOf(n, isNull);
  const BatchClass = batchType(type) as unknown as new (options: object) => unknown;
  const batch = new BatchClass({ length: n, nullCount, type, validity, values: values.subarray(0, n) });
  return new Column([batch as never], type as never);
}

/** Builds the flechette column of one batch column. */
function arrowColumn(spec: ColumnSpec, data: ColumnData, n: number, dictionaries: Map<string, Column<unknown>>): Column<unknown> {
  switch (spec.kind) {
    case "int32": {
      const a = data as Int32Array;
      return directColumn(int32(), a, n, (i) => a[i] === INT_NULL);
    }
    case "float64": {
      const a = data as Float64Array;
      return directColumn(float64(), a, n, (i) => Number.isNaN(a[i]));
    }
    case "date": {
      const a = data as Int32Array;
      const days = new Int32Array(n);
      for (let i = 0; i < n; i++) days[i] = a[i] > 0 ? a[i] - UNIX_EPOCH_SERIAL : 0;
      return directColumn(dateDay(), days, n, (i) => !(a[i] > 0));
    }
    case "bool": {
      const a = data as Uint8Array;
      const values: (boolean | null)[] = new Array(n);
      for (let i = 0; i < n; i++) values[i] = a[i] === 1 ? true : a[i] === 0 ? false : null;
      return columnFromValues(values, bool()) as Column<unknown>;
    }
    case "category": {
      const a = data as Uint8Array;
      const categories = spec.categories ?? [];
      if (categories.length > 127) throw new Error(`column ${spec.name}: more than 127 categories`);
      let dict = dictionaries.get(spec.name);
      if (!dict) {
        dict = columnFromValues(categories as string[], utf8()) as Column<unknown>;
        dictionaries.set(spec.name, dict);
      }
      const type = dictionary(dict.type, int8());
      const keys = new Int8Array(a.buffer, a.byteOffset, n);
      const { validity, nullCount } = validityOf(n, (i) => a[i] === CATEGORY_NULL);
      const BatchClass = batchType(type) as unknown as new (options: object) => { setDictionary(d: Column<unknown>): unknown };
      const batch = new BatchClass({ length: n, nullCount, type, validity, values: keys });
      batch.setDictionary(dict);
      return new Column([batch as never], type as never);
    }
    case "string": {
      const a = data as string[];
      return columnFromValues(a.slice(0, n), utf8()) as Column<unknown>;
    }
  }
}

/** One message of an Arrow IPC stream: its header type (1 schema, 2 dictionary batch, 3 record batch) and byte range. */
interface IpcMessage {
  readonly type: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits Arrow IPC stream bytes into messages by reading each message's framing and the two fields of
 * its flatbuffer header that are needed: the header type and the body length.
 */
export function ipcMessages(bytes: Uint8Array): IpcMessage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: IpcMessage[] = [];
  let pos = 0;
  while (pos + 4 <= bytes.byteLength) {
    let metaLength = view.getInt32(pos, true);
    let metaStart = pos + 4;
    if (metaLength === -1) {
      metaLength = view.getInt32(pos + 4, true);
      metaStart = pos + 8;
    }
    if (metaLength === 0) break; // end of stream
    const table = metaStart + view.getUint32(metaStart, true);
    const vtable = table - view.getInt32(table, true);
    const vtableSize = view.getUint16(vtable, true);
    const field = (index: number): number => {
      const at = vtable + 4 + 2 * index;
      return at < vtable + vtableSize ? view.getUint16(at, true) : 0;
    };
    const typeOffset = field(1);
    const bodyOffset = field(3);
    const type = typeOffset ? view.getUint8(table + typeOffset) : 0;
    const bodyLength = bodyOffset ? Number(view.getBigInt64(table + bodyOffset, true)) : 0;
    const end = metaStart + metaLength + bodyLength;
    out.push({ type, start: pos, end });
    pos = end;
  }
  return out;
}

/** The end-of-stream marker of the Arrow IPC stream format. */
export const ARROW_EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * Writes a table as an Arrow IPC stream, one record batch per call: the first call's bytes start with
 * the schema and the (fixed) dictionaries, `end()` gives the end-of-stream marker. Concatenate the
 * pieces, in order, to get the stream.
 */
export class ArrowStreamWriter {
  private started = false;
  private readonly dictionaries = new Map<string, Column<unknown>>();

  constructor(readonly schema: TableSchema) {}

  /** The bytes of one batch (with the schema and dictionaries before the first). */
  batch(batch: ColumnBatch): Uint8Array {
    const n = batch.length;
    const columns: Record<string, Column<unknown>> = {};
    for (const spec of this.schema.columns) columns[spec.name] = arrowColumn(spec, columnOf(batch, spec.name), n, this.dictionaries);
    const bytes = tableToIPC(tableFromColumns(columns), { format: "stream" }) as Uint8Array;
    const messages = ipcMessages(bytes);
    const keep = messages.filter((m) => !this.started || m.type === 3);
    this.started = true;
    if (keep.length === messages.length) return bytes.subarray(0, keep[keep.length - 1].end);
    const size = keep.reduce((s, m) => s + m.end - m.start, 0);
    const out = new Uint8Array(size);
    let at = 0;
    for (const m of keep) {
      out.set(bytes.subarray(m.start, m.end), at);
      at += m.end - m.start;
    }
    return out;
  }

  /** The end-of-stream marker (after a schema-only stream when no batch was written). */
  end(): Uint8Array {
    if (this.started) return ARROW_EOS;
    // no rows: the schema alone (columns without batches), then the end marker
    const columns: Record<string, Column<unknown>> = {};
    this.schema.columns.forEach((spec, i) => {
      const type =
        spec.kind === "int32"
          ? int32()
          : spec.kind === "float64"
            ? float64()
            : spec.kind === "date"
              ? dateDay()
              : spec.kind === "bool"
                ? bool()
                : spec.kind === "string"
                  ? utf8()
                  : dictionary(utf8(), int8(), false, i);
      columns[spec.name] = new Column([], type as never);
    });
    this.started = true;
    return tableToIPC(tableFromColumns(columns), { format: "stream" }) as Uint8Array;
  }
}

// ------------------------------------------------------------------------------------------ reading

/** Options of {@link arrowToTable}. */
export interface ReadArrowOptions {
  /** Only these columns (default all). */
  readonly columns?: readonly string[];
}

/**
 * An Arquero table from Arrow IPC bytes (stream or file format). Dates (`date32`/`date64`) become Excel
 * serials in an Int32Array (0 when missing); numbers without nulls become flat typed arrays; numbers with
 * nulls become arrays with null; dictionary-encoded strings stay dictionary columns (fast grouping);
 * other strings and booleans become plain arrays.
 */
export function arrowToTable(bytes: Uint8Array, options: ReadArrowOptions = {}): ColumnTable {
  const arrow = tableFromIPC(bytes, { useDate: false });
  const names = (options.columns ?? arrow.names) as string[];
  const columns: Record<string, unknown> = {};
  const dictNames: string[] = [];
  for (const name of names) {
    const col = arrow.getChild(name);
    if (!col) throw new Error(`Arrow table has no column ${name}`);
    const typeId = (col.type as { typeId: number }).typeId;
    if (typeId === -1) {
      // Arquero's fast dictionary columns; with nulls, plain text (Arquero 8.0.3 misreads the null bitmap
      // of a dictionary column split into batches whose length is not a multiple of 8)
      if (col.nullCount === 0 && col.length > 0) dictNames.push(name);
      else columns[name] = col.toArray();
      continue;
    }
    if (typeId === 8) {
      // Date: DAY unit values are epoch days (Int32Array); MILLISECOND values are ms
      const out = new Int32Array(col.length);
      let at = 0;
      const unit = (col.type as { unit: number }).unit;
      for (const batch of col.data as unknown as {
        length: number;
        values: ArrayLike<number | bigint>;
        validity: Uint8Array;
        nullCount: number;
      }[]) {
        for (let i = 0; i < batch.length; i++) {
          const valid = !batch.nullCount || (batch.validity[i >> 3] & (1 << (i & 7))) !== 0;
          const raw = batch.values[i];
          const days = unit === 0 ? Number(raw) : Math.floor(Number(raw) / 86_400_000);
          out[at++] = valid ? days + UNIX_EPOCH_SERIAL : 0;
        }
      }
      columns[name] = out;
      continue;
    }
    columns[name] = col.toArray();
  }
  let table = aq.table(columns);
  if (dictNames.length > 0) {
    const dicts = aq.fromArrow(arrow as never, { columns: dictNames });
    table = names.length === dictNames.length ? dicts : table.assign(dicts);
    table = table.select(names);
  }
  return table;
}

/**
 * An Arquero table from CSV text written by {@link csvRows} (or any CSV with a header): the schema's
 * `date` columns are read as Excel serials (0 when empty), `bool` columns as true/false/null, category
 * and string columns stay text, numbers are numbers.
 */
export function csvToTable(text: string, schema?: TableSchema): ColumnTable {
  return typedDates(aq.fromCSV(text, csvParseOptions(schema)), schema);
}

/**
 * A CSV-read table with its schema's date columns as Int32Arrays of serials, 0 where empty (Arquero
 * leaves an empty field null without calling the parser), as the other readers give them.
 */
export function typedDates(table: ColumnTable, schema?: TableSchema): ColumnTable {
  const dates: Record<string, Int32Array> = {};
  for (const c of schema?.columns ?? []) {
    if (c.kind !== "date" || !table.columnNames().includes(c.name)) continue;
    const values = table.array(c.name) as unknown as ArrayLike<number | null>;
    const out = new Int32Array(values.length);
    for (let i = 0; i < out.length; i++) out[i] = values[i] ?? 0;
    dates[c.name] = out;
  }
  return Object.keys(dates).length ? table.assign(dates) : table;
}

/** Arquero CSV options that read a schema's columns as {@link csvToTable} describes. */
export function csvParseOptions(schema?: TableSchema): { parse: Record<string, (text: string) => unknown>; autoType: boolean } {
  const parse: Record<string, (text: string) => unknown> = {};
  for (const c of schema?.columns ?? []) {
    if (c.kind === "date") parse[c.name] = isoToSerial;
    else if (c.kind === "bool") parse[c.name] = (t: string) => (t === "true" ? true : t === "false" ? false : null);
    else if (c.kind === "category" || c.kind === "string") parse[c.name] = (t: string) => t;
    else if (c.kind === "int32" || c.kind === "float64") parse[c.name] = (t: string) => (t === "" ? null : Number(t));
  }
  return { parse, autoType: true };
}

/**
 * An Arquero table from batches (as a sink receives them), with the same values as reading the table's
 * CSV or Arrow file: dates as Excel serials in an Int32Array (0 when missing); int32 and float64 as typed
 * arrays, or arrays with null when some value is missing; bool as true/false/null; category and string
 * as text (null for a missing category).
 */
export function batchesToTable(schema: TableSchema, batches: readonly ColumnBatch[]): ColumnTable {
  const total = batches.reduce((s, b) => s + b.length, 0);
  const columns: Record<string, unknown> = {};
  for (const spec of schema.columns) {
    const parts = batches.map((b) => ({ data: columnOf(b, spec.name), n: b.length }));
    switch (spec.kind) {
      case "date":
      case "int32": {
        const out = concatBatches(new Int32Array(total), parts);
        columns[spec.name] = spec.kind === "int32" && out.includes(INT_NULL) ? Array.from(out, (v) => (v === INT_NULL ? null : v)) : out;
        break;
      }
      case "float64": {
        const out = concatBatches(new Float64Array(total), parts);
        columns[spec.name] = out.some(Number.isNaN) ? Array.from(out, (v) => (Number.isNaN(v) ? null : v)) : out;
        break;
      }
      case "bool": {
        const out: (boolean | null)[] = [];
        for (const p of parts)
          for (let i = 0; i < p.n; i++) out.push((p.data as Uint8Array)[i] === 1 ? true : (p.data as Uint8Array)[i] === 0 ? false : null);
        columns[spec.name] = out;
        break;
      }
      case "category": {
        const cats = spec.categories ?? [];
        const out: (string | null)[] = [];
        for (const p of parts)
          for (let i = 0; i < p.n; i++) out.push((p.data as Uint8Array)[i] === CATEGORY_NULL ? null : cats[(p.data as Uint8Array)[i]]);
        columns[spec.name] = out;
        break;
      }
      case "string": {
        const out: string[] = [];
        for (const p of parts) for (let i = 0; i < p.n; i++) out.push((p.data as string[])[i]);
        columns[spec.name] = out;
        break;
      }
    }
  }
  return aq.table(columns);
}

/** Copies the filled part of each batch's typed column into `out`, one after the other. */
function concatBatches<T extends Int32Array | Float64Array>(out: T, parts: readonly { readonly data: unknown; readonly n: number }[]): T {
  let at = 0;
  for (const p of parts) {
    out.set((p.data as T).subarray(0, p.n), at);
    at += p.n;
  }
  return out;
}
