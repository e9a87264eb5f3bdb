/**
 * The state of one generation: the resolved options, the seeded stream, the tables being filled, the
 * per-customer arrays, the running totals and the invoice being simulated. Shared by the steps of
 * `simulate.ts` and `invoices.ts`.
 */
import type { TableSchema } from "../formats.js";
import { companyNames } from "../names.js";
import { Rng } from "../prng.js";
import type { CasePlan } from "./cases.js";
import type { LedgerTableName, ResolvedOptions } from "./options.js";
import { ledgerSchemas, TableBuffer, type LedgerSink } from "./schemas.js";

/** Per-customer state, one array per attribute indexed by customer (0-based; the customer number is + 1). */
export interface Customers {
  readonly names: readonly string[];
  readonly region: Uint8Array;
  readonly cashFlow: Uint8Array;
  /** Share of the invoices it gets among the active customers. */
  readonly weight: Float64Array;
  /** Its median invoice amount (currency). */
  readonly median: Float64Array;
  readonly onboard: Int32Array;
  /** Day it stops paying (0: never, within the simulation). */
  readonly defaultDate: Int32Array;
  /** First day of the late payments before the default. */
  readonly distressStart: Int32Array;
  /** Day the supplier stops selling to it. */
  readonly stopDate: Int32Array;
  /** Grade code of the last review, and what that review saw. */
  readonly grade: Uint8Array;
  readonly lastCount: Int32Array;
  readonly lastLargest: Float64Array;
  readonly lastCashFlow: Uint8Array;
  readonly caseOf: (CasePlan | null)[];
  /** Overdue events by customer and histogram month: count and largest amount. */
  readonly evCount: Uint16Array;
  readonly evMax: Float64Array;
}

/** Running totals: the last numbers given and the period sums, in cents. */
export interface Totals {
  invoiceId: number;
  paymentId: number;
  salesBefore: number;
  salesAfter: number;
  lossBefore: number;
  lossAfter: number;
  ultimateBefore: number;
  ultimateAfter: number;
}

/** The invoice being simulated (one object, reused: millions of invoices allocate nothing). */
export interface Invoice {
  id: number;
  customer: number;
  issue: number;
  due: number;
  cents: number;
  /** Cash received by the ledger date before any write-off, and the date of the last such payment. */
  paidCents: number;
  paidDate: number;
  /** Written off by the ledger date, and when. */
  woCents: number;
  woDate: number;
  /** Written off in the end, whatever the ledger date. */
  ultimate: number;
}

/** The state of one generation. */
export interface Simulation {
  readonly o: ResolvedOptions;
  readonly rng: Rng;
  readonly schemas: Readonly<Record<LedgerTableName, TableSchema>>;
  readonly sink: LedgerSink;
  /** Months of the event histogram: 12 before the window, then the window. */
  readonly H: number;
  /** Credit term of each grade code under the method. */
  readonly terms: readonly number[];
  readonly gradesBuf: TableBuffer;
  readonly invBuf: TableBuffer;
  readonly payBuf: TableBuffer;
  readonly woBuf: TableBuffer;
  readonly recBuf: TableBuffer;
  readonly customers: Customers;
  readonly totals: Totals;
  readonly invoice: Invoice;
  /** Scratch of the monthly draw: the active customers, their cumulative weights, invoices per day. */
  readonly active: Int32Array;
  readonly cumWeights: Float64Array;
  readonly days: Int32Array;
}

/** A table's buffer, handing its batches to the sink only when the table was asked for. */
export function openTable(sim: Pick<Simulation, "o" | "schemas" | "sink">, name: LedgerTableName): TableBuffer {
  return new TableBuffer(name, sim.schemas[name], sim.o.batchRows, sim.o.tables.includes(name) ? sim.sink : null);
}

/** True when the method is in force on `date`. */
export function methodAt(o: ResolvedOptions, date: number): boolean {
  return o.policyDate > 0 && date >= o.policyDate;
}

/** The simulation's state before anything is drawn but the customers' names (the stream's first draws). */
export function startSimulation(o: ResolvedOptions, sink: LedgerSink): Simulation {
  const rng = new Rng(o.seed);
  const base = { o, schemas: ledgerSchemas(o.regions), sink };
  const N = o.customers;
  const H = o.months + 12;
  const { policy } = o;
  return {
    ...base,
    rng,
    H,
    terms: [policy.creditTermDays.A, policy.creditTermDays.B, policy.creditTermDays.C],
    gradesBuf: openTable(base, "grades"),
    invBuf: openTable(base, "invoices"),
    payBuf: openTable(base, "payments"),
    woBuf: openTable(base, "writeoffs"),
    recBuf: openTable(base, "recoveries"),
    customers: {
      names: companyNames(rng, N, o.language),
      region: new Uint8Array(N),
      cashFlow: new Uint8Array(N),
      weight: new Float64Array(N),
      median: new Float64Array(N),
      onboard: new Int32Array(N),
      defaultDate: new Int32Array(N),
      distressStart: new Int32Array(N),
      stopDate: new Int32Array(N),
      grade: new Uint8Array(N),
      lastCount: new Int32Array(N),
      lastLargest: new Float64Array(N),
      lastCashFlow: new Uint8Array(N),
      caseOf: new Array<CasePlan | null>(N).fill(null),
      evCount: new Uint16Array(N * H),
      evMax: new Float64Array(N * H),
    },
    totals: { invoiceId: 0, paymentId: 0, salesBefore: 0, salesAfter: 0, lossBefore: 0, lossAfter: 0, ultimateBefore: 0, ultimateAfter: 0 },
    invoice: { id: 0, customer: 0, issue: 0, due: 0, cents: 0, paidCents: 0, paidDate: 0, woCents: 0, woDate: 0, ultimate: 0 },
    active: new Int32Array(N),
    cumWeights: new Float64Array(N),
    days: new Int32Array(31),
  };
}
