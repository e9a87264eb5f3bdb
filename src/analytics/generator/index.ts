/**
 * A seeded generator of realistic receivable ledgers of any size, for demos, notebooks, tests and
 * benchmarks. Deterministic: the same options give the same ledger on every machine and in every time
 * zone (a seeded sfc32 stream, dates as Excel serials, amounts in whole cents).
 *
 * What it simulates, month by month from `start`:
 * - customers (name in Chinese or English, region, cash-flow assessment), some onboarding during the
 *   window; each month every active customer is graded with the core's grade rule (rules.md section 1)
 *   from its overdue events of the trailing 12 months and its cash flow (`grades` table);
 * - invoices: issue date, amount, and due date = issue + credit term. Before the policy date the firm
 *   gives everybody the same term (`termBeforeDays`); from the policy date on (the method is adopted) the
 *   term is the grade's (A 30, B 15, C 0 = cash on delivery) from the core's policy;
 * - payments: on time, early or late by the customer's cash flow, sometimes in two parts; an invoice
 *   still unpaid `overdueEventDays` after its due date is an overdue event for later grades;
 * - defaults: a customer may default (hazard calibrated to `baseBadDebtRate`), after a distress spell in
 *   which it pays late (so that the method's grades can see it coming and switch it to cash on
 *   delivery). Its unpaid invoices become a collection case. The case's debtor profile is the core's
 *   verdict (`debtorProfile`) on generated signals; the strategy follows it when the method is in force
 *   (temporary: instalment plan sized by the core; willful: lawyer's letter and the anchor-price
 *   settlement ladder; unable: bankruptcy claim filed in time, assets traced; unclear: the warning
 *   ladder), and is the old practice before (long dunning, then legal action; late bankruptcy claims);
 * - outcomes: cash collected on the case (payments of kind `collection`), discounts and concessions and
 *   uncollectible balances written off (`writeoffs`), cash received after the write-off (`recoveries`).
 *
 * The ledger is a snapshot at `asOf` = the last day of the last month: nothing later is recorded, so
 * recent invoices are open and recent cases unfinished, as in a real extract.
 *
 * Output goes to a sink, batch by batch, as columnar typed arrays (formats.ts): `io.ts` writes them to
 * CSV and Arrow files; {@link generateTables} collects them into Arquero tables.
 *
 * Files: `options.ts` (the knobs, their defaults and checks), `schemas.ts` (the tables and their buffer),
 * `simulate.ts` (the month-by-month simulation, {@link generateLedger}), `cases.ts` (collection cases:
 * their course and their rows); this index is the public surface.
 */
import type { ColumnTable } from "arquero";
import { batchesToTable, type ColumnBatch } from "../formats.js";
import type { GeneratorOptions, LedgerTableName } from "./options.js";
import { ledgerSchemas } from "./schemas.js";
import { generateLedger, type GenerationSummary } from "./simulate.js";

export {
  GENERATOR_KNOBS,
  LEDGER_TABLES,
  resolveOptions,
  type CashFlowShares,
  type GeneratorKnob,
  type GeneratorOptions,
  type LedgerTableName,
  type ProfileShares,
  type ResolvedOptions,
} from "./options.js";
export {
  CASH_FLOWS,
  DEBTOR_TYPES,
  GRADES,
  ledgerSchemas,
  OUTCOMES,
  PAYMENT_KINDS,
  PROFILES,
  STRATEGIES,
  WRITEOFF_REASONS,
  type LedgerSink,
} from "./schemas.js";
export { generateLedger, type GenerationSummary, type PeriodLoss } from "./simulate.js";

/** A generated ledger as Arquero tables (dates as Excel serials, 0 when missing). */
export interface Ledger {
  readonly customers: ColumnTable;
  readonly grades: ColumnTable;
  readonly invoices: ColumnTable;
  readonly payments: ColumnTable;
  readonly writeoffs: ColumnTable;
  readonly recoveries: ColumnTable;
  readonly cases: ColumnTable;
  readonly summary: GenerationSummary;
}

/**
 * Generates a ledger in memory as Arquero tables (for notebooks and tests; a few million rows at most).
 * Tables not chosen in `options.tables` are empty.
 */
export function generateTables(options: GeneratorOptions = {}): Ledger {
  const batches = new Map<LedgerTableName, ColumnBatch[]>();
  const summary = generateLedger(options, {
    write(table, _schema, batch) {
      const list = batches.get(table) ?? [];
      list.push(batch);
      batches.set(table, list);
    },
  });
  const schemas = ledgerSchemas(summary.options.regions);
  const table = (name: LedgerTableName) => batchesToTable(schemas[name], batches.get(name) ?? []);
  return {
    customers: table("customers"),
    grades: table("grades"),
    invoices: table("invoices"),
    payments: table("payments"),
    writeoffs: table("writeoffs"),
    recoveries: table("recoveries"),
    cases: table("cases"),
    summary,
  };
}
