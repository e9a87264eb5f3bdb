/**
 * Analyses of receivables and bad debts for the analyst notebooks, on the rules core (`../core`):
 * Arquero tables in, Arquero tables out; dates are Excel serials, amounts currency, rates fractions.
 *
 * One file per family:
 * - calendar: months, quarters and month ends on serials (and the `op.ar_month` Arquero functions)
 * - prng, names, generator: a seeded ledger generator (customers, grades, invoices, payments,
 *   write-offs, recoveries, collection cases) of any size
 * - formats: columnar batches to CSV and Arrow IPC streams and back (pure); io: files (Node only)
 * - columns, grouping: column access; fast grouping of millions of rows handed to Arquero's rollup
 * - series: rolling sums, means and ratios, turning points, correlation
 * - trends: write-off rates by period and segment, rolling 12 months, before/after the policy date
 * - aging: month-end aging, share over 90 days, roll rates
 * - dso: DSO, best possible DSO, ADD, CEI
 * - provision: a provision matrix from history (IFRS 9 simplified approach), checked with the core
 * - recovery: recovery by profile and strategy, time to recover, discounts, plans kept and broken
 * - ibm, macro: the real data sets (IBM invoice histories; Fed delinquency and FDIC charge-off series)
 *
 * Only io.ts uses Node (node:fs, node:path); every other module runs anywhere Arquero runs. A browser
 * bundle should import the modules it needs rather than this index, which re-exports io.ts too.
 */
export * from "./calendar.js";
export * from "./prng.js";
export * from "./names.js";
export * from "./formats.js";
export * from "./generator/index.js";
export * from "./columns.js";
export * from "./grouping.js";
export * from "./series.js";
export * from "./aging.js";
export * from "./dso.js";
export * from "./trends.js";
export * from "./provision.js";
export * from "./recovery.js";
export * from "./ibm.js";
export * from "./macro.js";
export * from "./io.js";
