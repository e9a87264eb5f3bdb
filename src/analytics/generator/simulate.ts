/**
 * The simulation, month by month from the first month to the ledger date: customers and their defaults,
 * the monthly grade review, each month's invoices (their lives in `invoices.ts`), and the ledger date's
 * snapshot. {@link generateLedger} runs the steps in order; each step draws from the one seeded stream,
 * so their order (and the order of draws inside them) is the ledger.
 */
import { addDays, daysInMonth, gradeOfRule, gradeRule } from "../../core/index.js";
import { monthStart } from "../calendar.js";
import { Rng, searchCumulative } from "../prng.js";
import { drawCase, drawSignals, newCasePlan, round2, TEMPORARY, WILLFUL, writeCaseRows, type CasePlan } from "./cases.js";
import { simulateInvoice } from "./invoices.js";
import { resolveOptions, type GeneratorOptions, type LedgerTableName, type ResolvedOptions } from "./options.js";
import { CASH_FLOWS, PROFILES, type LedgerSink, type TableBuffer } from "./schemas.js";
import { methodAt, openTable, startSimulation, type Simulation } from "./state.js";

/** Default hazard multiplier by cash flow (good, fair, poor); weighted mean about 1 with the default shares. */
const RISK_BY_CASH_FLOW = [0.6, 1.3, 2.5];
/** Overdue events a year before the window, by cash flow (history for the first grades). */
const PRIOR_EVENTS_PER_YEAR = [0.15, 0.5, 1.5];
/**
 * Amount written off per unit of a defaulting customer's yearly sales under the old practice: calibrates
 * the default hazard so that the write-off rate before the method is near `baseBadDebtRate`. Measured on
 * generated ledgers (see test/analytics/generator.test.ts).
 */
const LOSS_PER_DEFAULT_YEAR = 0.232;

/** A Poisson draw (Knuth's method: for small means). */
function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

// ------------------------------------------------------------------------------------------ summary

/** Credit sales of a period's invoices and what is written off on them. */
export interface PeriodLoss {
  /** Invoice amounts issued in the period (currency). */
  readonly sales: number;
  /** Written off on them by the ledger date (currency). */
  readonly writtenOff: number;
  /** writtenOff / sales. */
  readonly rate: number;
  /** Written off on them in the end, including write-offs after the ledger date (the generator knows them). */
  readonly ultimate: number;
  /** ultimate / sales: the period's true bad-debt rate (vintage basis). */
  readonly ultimateRate: number;
}

/** What a generation produced. */
export interface GenerationSummary {
  readonly options: ResolvedOptions;
  /** Rows generated per table (whether written or not). */
  readonly rows: Readonly<Record<LedgerTableName, number>>;
  /** Invoices issued before the policy date (all of them when there is none). */
  readonly before: PeriodLoss;
  /** Invoices issued on or after the policy date. */
  readonly after: PeriodLoss;
}

/** A period's sums in cents as currency, with its rates (NaN without sales). */
function period(sales: number, loss: number, ultimate: number): PeriodLoss {
  return {
    sales: sales / 100,
    writtenOff: loss / 100,
    rate: sales > 0 ? loss / sales : NaN,
    ultimate: ultimate / 100,
    ultimateRate: sales > 0 ? ultimate / sales : NaN,
  };
}

// ------------------------------------------------------------------------------------------ customers

/** How customers are drawn: weights of regions, cash flows and debtor types, and the default hazard. */
interface CustomerMix {
  readonly regionWeights: readonly number[];
  readonly regionRisk: readonly number[];
  readonly cashWeights: readonly number[];
  readonly typeWeights: readonly number[];
  readonly hazardPerYear: number;
}

/**
 * The mix the options ask for: region weights 1/2, 1/3, ... with risk factors spread in [0.75, 1.25) by the
 * golden ratio, the cash-flow and debtor-type shares, and the yearly default hazard from the target rate.
 */
function customerMix(o: ResolvedOptions): CustomerMix {
  return {
    regionWeights: o.regions.map((_, i) => 1 / (i + 2)),
    regionRisk: o.regions.map((_, i) => 0.75 + 0.5 * ((i * 0.6180339887) % 1)),
    cashWeights: [o.cashFlowShares.good, o.cashFlowShares.fair, o.cashFlowShares.poor],
    typeWeights: [o.profileShares.temporary, o.profileShares.willful, o.profileShares.unable],
    hazardPerYear: o.baseBadDebtRate / LOSS_PER_DEFAULT_YEAR,
  };
}

/**
 * Simulates a customer: region, cash flow, size, onboarding (most before the window, some during it),
 * its overdue history of the year before the window, and whether and when it defaults.
 */
function drawCustomer(sim: Simulation, mix: CustomerMix, c: number): void {
  const { o, rng, H } = sim;
  const { start, asOf } = o;
  const cu = sim.customers;
  cu.region[c] = rng.pick(mix.regionWeights);
  cu.cashFlow[c] = rng.pick(mix.cashWeights);
  cu.weight[c] = rng.lognormal(1, 0.9);
  cu.median[c] = o.medianAmount * rng.lognormal(1, 0.6);
  cu.onboard[c] = rng.chance(0.75) ? addDays(start, -rng.int(30, 1500)) : addDays(start, rng.int(0, Math.max(0, asOf - start - 30)));
  if (cu.onboard[c] < start) {
    // overdue events of the year before the window, for the first grades
    const events = poisson(rng, PRIOR_EVENTS_PER_YEAR[cu.cashFlow[c]]);
    for (let k = 0; k < Math.min(events, 6); k++) {
      const m = rng.int(0, 11);
      const at = c * H + m;
      cu.evCount[at]++;
      cu.evMax[at] = Math.max(cu.evMax[at], round2(cu.median[c] * rng.lognormal(1, 0.5)));
    }
  }
  const hazard = mix.hazardPerYear * RISK_BY_CASH_FLOW[cu.cashFlow[c]] * mix.regionRisk[cu.region[c]];
  const from = Math.max(cu.onboard[c], start);
  const t = addDays(from, Math.floor(rng.exponential(365 / Math.max(hazard, 1e-9))));
  const type = 1 + rng.pick(mix.typeWeights);
  if (hazard > 0 && t <= addDays(asOf, 180)) drawDefault(sim, c, t, type);
}

/**
 * Simulates a default on day `t`: the distress spell before it (late payments), the day supply stops and
 * the case opens (the method's warning levels, or the old practice's long dunning), and the case's course.
 */
function drawDefault(sim: Simulation, c: number, t: number, type: number): void {
  const { o, rng } = sim;
  const cu = sim.customers;
  cu.defaultDate[c] = t;
  cu.distressStart[c] = addDays(t, -(type === TEMPORARY ? rng.int(60, 180) : type === WILLFUL ? rng.int(60, 240) : rng.int(20, 120)));
  const method = methodAt(o, t);
  // the method: level 1 at 30 days past due (follow-up), level 2 at 60 (supply stops, the case opens)
  const openDate = addDays(t, method ? rng.int(60, 75) : rng.int(90, 150));
  cu.stopDate[c] = Math.min(openDate, addDays(t, method ? 60 : 90));
  const signals = drawSignals(rng, type);
  const plan = newCasePlan(c, type, signals, o.policy, { defaultDate: t, openDate, method: methodAt(o, openDate) });
  drawCase(rng, plan, o);
  cu.caseOf[c] = plan;
}

/** Invoices per month: mild growth, a year-end peak, a February (Spring Festival) dip; they add up to `invoices`. */
function invoicesPerMonth(o: ResolvedOptions): number[] {
  const M = o.months;
  const monthWeights: number[] = [];
  for (let m = 0; m < M; m++) {
    const calMonth = ((o.startMonth + m) % 12) + 1;
    monthWeights.push((1 + (0.15 * m) / M) * (1 + 0.08 * Math.cos((2 * Math.PI * (calMonth - 12)) / 12)) * (calMonth === 2 ? 0.8 : 1));
  }
  const totalWeight = monthWeights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let assigned = 0;
  for (let m = 0; m < M; m++) {
    cumulative += monthWeights[m];
    const upTo = m === M - 1 ? o.invoices : Math.round((o.invoices * cumulative) / totalWeight);
    counts.push(upTo - assigned);
    assigned = upTo;
  }
  return counts;
}

/**
 * Simulates a grade review in month `m` (histogram month m + 12) on `date`: the core's grade rule on the
 * overdue events of the 12 months before and the cash flow (which bank statements show as poor, now and
 * then, during a distress spell). Written to `grades` when `write`.
 */
function review(sim: Simulation, c: number, m: number, date: number, write: boolean): void {
  const { rng, H } = sim;
  const cu = sim.customers;
  let count = 0;
  let largest = 0;
  for (let k = m; k < m + 12; k++) {
    const at = c * H + k;
    count += cu.evCount[at];
    if (cu.evMax[at] > largest) largest = cu.evMax[at];
  }
  let cf = cu.cashFlow[c];
  const distressed = cu.defaultDate[c] > 0 && date >= cu.distressStart[c] && date < cu.defaultDate[c] + 400;
  if (distressed && rng.chance(0.1)) cf = 2; // bank statements show the distress
  const g = gradeOfRule(gradeRule(count, largest, CASH_FLOWS[cf], sim.o.policy.smallAmountLimit));
  const gi = g === "A" ? 0 : g === "B" ? 1 : 2;
  cu.grade[c] = gi;
  const plan = cu.caseOf[c];
  if (plan && date <= plan.openDate) plan.gradeAtOpen = gi;
  cu.lastCount[c] = count;
  cu.lastLargest[c] = largest;
  cu.lastCashFlow[c] = cf;
  if (!write) return;
  const gradesBuf = sim.gradesBuf;
  const r = gradesBuf.next();
  const k = gradesBuf.cols;
  (k.customer_id as Int32Array)[r] = c + 1;
  (k.review_date as Int32Array)[r] = date;
  (k.overdue_count_12m as Int32Array)[r] = count;
  (k.largest_overdue_12m as Float64Array)[r] = largest;
  (k.cash_flow as Uint8Array)[r] = cf;
  (k.grade as Uint8Array)[r] = gi;
  (k.term_days as Int32Array)[r] = sim.terms[gi];
  (k.method as Uint8Array)[r] = methodAt(sim.o, date) ? 1 : 0;
}

// ------------------------------------------------------------------------------------------- months

/**
 * Simulates month `m`: the monthly review of the customers active in it (onboarded, still supplied),
 * then its `n` invoices on uniformly drawn days, in day order, each to a customer drawn by weight.
 */
function simulateMonth(sim: Simulation, m: number, n: number): void {
  const { o, rng, active, cumWeights, days } = sim;
  const cu = sim.customers;
  const mStart = monthStart(o.startMonth + m);
  const dim = daysInMonth(Math.floor((o.startMonth + m) / 12), ((o.startMonth + m) % 12) + 1);
  let nActive = 0;
  let running = 0;
  for (let c = 0; c < o.customers; c++) {
    if (cu.onboard[c] >= mStart || (cu.stopDate[c] > 0 && cu.stopDate[c] <= mStart)) continue;
    review(sim, c, m, mStart, true);
    running += cu.weight[c];
    cumWeights[nActive] = running;
    active[nActive++] = c;
  }
  if (nActive === 0 || n === 0) return;
  // issue days, sorted (a counting sort of uniform days)
  days.fill(0);
  for (let i = 0; i < n; i++) days[rng.int(0, dim - 1)]++;
  let day = 0;
  let leftToday = days[0];
  for (let i = 0; i < n; i++) {
    while (leftToday === 0) leftToday = days[++day];
    leftToday--;
    const issue = mStart + day;
    simulateInvoice(sim, pickBuyer(sim, issue, nActive, running), issue);
  }
}

/**
 * Simulates who buys on `issue`: a customer drawn by weight, drawn again (up to 20 times) while the
 * supplier no longer sells to it, else the first active customer that still buys.
 */
function pickBuyer(sim: Simulation, issue: number, nActive: number, running: number): number {
  const { rng, active, cumWeights } = sim;
  const stopDate = sim.customers.stopDate;
  let c = active[searchCumulative(cumWeights, nActive, rng.next() * running)];
  for (let tries = 0; tries < 20 && stopDate[c] > 0 && issue >= stopDate[c]; tries++)
    c = active[searchCumulative(cumWeights, nActive, rng.next() * running)];
  if (stopDate[c] > 0 && issue >= stopDate[c]) {
    for (let j = 0; j < nActive; j++) {
      const other = active[j];
      if (!(stopDate[other] > 0 && issue >= stopDate[other])) {
        c = other;
        break;
      }
    }
  }
  return c;
}

// --------------------------------------------------------------------------------------- ledger date

/** Writes the `customers` rows: each customer as of the ledger date (the final review's grade, its case's profile). */
function writeCustomerRows(sim: Simulation, custBuf: TableBuffer, hasCase: Uint8Array): void {
  const { o, terms } = sim;
  const cu = sim.customers;
  const asOf = o.asOf;
  for (let c = 0; c < o.customers; c++) {
    const r = custBuf.next();
    const k = custBuf.cols;
    (k.customer_id as Int32Array)[r] = c + 1;
    (k.name as string[])[r] = cu.names[c];
    (k.region as Uint8Array)[r] = cu.region[c];
    (k.cash_flow as Uint8Array)[r] = cu.lastCashFlow[c];
    (k.onboard_date as Int32Array)[r] = cu.onboard[c];
    (k.grade as Uint8Array)[r] = cu.grade[c];
    (k.overdue_count_12m as Int32Array)[r] = cu.lastCount[c];
    (k.largest_overdue_12m as Float64Array)[r] = cu.lastLargest[c];
    (k.term_days as Int32Array)[r] = terms[cu.grade[c]];
    const plan = hasCase[c] ? cu.caseOf[c] : null;
    (k.profile as Uint8Array)[r] = plan ? PROFILES.indexOf(plan.profile) : PROFILES.indexOf("none");
    (k.default_date as Int32Array)[r] = cu.defaultDate[c] > 0 && cu.defaultDate[c] <= asOf ? cu.defaultDate[c] : 0;
  }
}

/**
 * Simulates the ledger date: the final review (the grade as of it, written only for customers active
 * then), then the customers and the cases opened by then with something owed (a case's number is its
 * customer's), and the last batches of every table.
 */
function closeLedger(sim: Simulation): { customers: number; cases: number } {
  const { o } = sim;
  const asOf = o.asOf;
  const N = o.customers;
  const cu = sim.customers;
  sim.invBuf.flush();
  sim.payBuf.flush();
  for (let c = 0; c < N; c++) {
    const active = cu.onboard[c] <= asOf && !(cu.stopDate[c] > 0 && cu.stopDate[c] <= asOf);
    review(sim, c, o.months, addDays(asOf, 1), active);
  }
  sim.gradesBuf.flush();

  const cases: CasePlan[] = [];
  for (const plan of cu.caseOf) if (plan && plan.openDate <= asOf && plan.balance > 0) cases.push(plan);
  cases.sort((a, b) => a.openDate - b.openDate || a.customer - b.customer);
  const hasCase = new Uint8Array(N);
  for (const p of cases) hasCase[p.customer] = 1;

  const custBuf = openTable(sim, "customers");
  writeCustomerRows(sim, custBuf, hasCase);
  custBuf.flush();
  const caseBuf = openTable(sim, "cases");
  writeCaseRows(caseBuf, cases, cu.region, o);
  caseBuf.flush();
  sim.woBuf.flush();
  sim.recBuf.flush();
  return { customers: custBuf.written, cases: caseBuf.written };
}

/**
 * Generates a ledger and hands its tables to `sink` batch by batch (cases and customers at the end).
 * Synchronous; memory stays at a few batches plus per-customer state.
 * @returns row counts and the write-off rates before and after the policy date (vintage basis: amounts
 *   written off by the ledger date on invoices issued in the period / their amount)
 */
export function generateLedger(options: GeneratorOptions, sink: LedgerSink): GenerationSummary {
  const o = resolveOptions(options);
  const sim = startSimulation(o, sink);
  const mix = customerMix(o);
  for (let c = 0; c < o.customers; c++) drawCustomer(sim, mix, c);
  const counts = invoicesPerMonth(o);
  for (let m = 0; m < o.months; m++) simulateMonth(sim, m, counts[m]);
  const last = closeLedger(sim);
  const t = sim.totals;
  const rows = {
    customers: last.customers,
    grades: sim.gradesBuf.written,
    invoices: sim.invBuf.written,
    payments: sim.payBuf.written,
    writeoffs: sim.woBuf.written,
    recoveries: sim.recBuf.written,
    cases: last.cases,
  };
  return {
    options: o,
    rows,
    before: period(t.salesBefore, t.lossBefore, t.ultimateBefore),
    after: period(t.salesAfter, t.lossAfter, t.ultimateAfter),
  };
}
