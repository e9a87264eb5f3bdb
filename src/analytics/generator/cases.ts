/**
 * Collection cases: a defaulting customer's hidden debtor type and the signals the core profiles, the
 * whole course of its case drawn when the customer is created (strategy, outcome, cash shares and dates,
 * write-off), and the `cases` table's rows once the ledger date is reached.
 *
 * Under the method the strategy follows the core's profile (temporary: instalment plan; willful: the
 * anchor-price settlement ladder; unable: bankruptcy claim in time; unclear: the warning ladder); before
 * it, the old practice (long dunning, then legal action; late bankruptcy claims).
 */
import {
  addDays,
  addMonths,
  bankruptcyRecovery,
  debtorProfile,
  instalmentPlan,
  moneyTimes,
  settlementOffer,
  settlementRate,
  type DebtorProfile,
  type DebtorSignals,
  type Policy,
  type TurnoverDecline,
} from "../../core/index.js";
import { BOOL_NULL, CATEGORY_NULL, INT_NULL } from "../formats.js";
import type { Rng } from "../prng.js";
import type { ResolvedOptions } from "./options.js";
import { OUTCOMES, PROFILES, STRATEGIES, TURNOVER, type TableBuffer } from "./schemas.js";

/** Hidden debtor types (`debtor_type` code + 1). */
export const TEMPORARY = 1;
export const WILLFUL = 2;
export const UNABLE = 3;

/** A customer's collection case: drawn when the customer is created, filled as its invoices are generated. */
export interface CasePlan {
  customer: number;
  type: number;
  signals: DebtorSignals;
  profile: DebtorProfile;
  defaultDate: number;
  openDate: number;
  method: boolean;
  strategy: (typeof STRATEGIES)[number];
  outcome: (typeof OUTCOMES)[number];
  /** Cash events: dates and cumulative shares of the balance received by then. */
  cashDates: number[];
  cashCumulative: number[];
  /** Write-off date (0: none) and the reason of the amount written off. */
  writeOffDate: number;
  writeOffReason: number;
  closeDate: number;
  daysToPay: number;
  offerRate: number;
  instalments: number;
  concessionRate: number;
  planKept: number;
  brokenAt: number;
  /** Due date of the instalment missed (0: not broken). */
  brokenDate: number;
  claimInTime: number;
  ordinaryRate: number;
  estate: { free: number; expenses: number; employees: number; taxes: number } | null;
  gradeAtOpen: number;
  // accumulated from the invoices, in cents
  balance: number;
  collected: number;
  discount: number;
  writtenOff: number;
  recovered: number;
  firstCash: number;
  lastCash: number;
}

/** Rounds to the cent. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Generated debtor signals for a hidden type, each unknown with some probability (so some profiles are unclear). */
export function drawSignals(rng: Rng, type: number): DebtorSignals {
  const known = <T>(value: T): T | null => (rng.chance(0.15) ? null : value);
  const yes = (p: number): boolean | null => known(rng.chance(p));
  if (type === TEMPORARY) {
    return {
      businessOperating: yes(0.95),
      incomeStable: yes(0.8),
      turnoverDecline: known<TurnoverDecline>(rng.chance(0.7) ? "short-term" : rng.chance(0.7) ? "none" : "persistent"),
      proposedPlan: yes(0.85),
      excuses: yes(0.05),
      contradiction: yes(0.03),
      brokenPromises: known(rng.chance(0.8) ? 0 : 1),
      refusesContact: yes(0.02),
      insolvent: yes(0.01),
      dishonestDebtor: yes(0.01),
      operationsStopped: yes(0.02),
    };
  }
  if (type === WILLFUL) {
    return {
      businessOperating: yes(0.95),
      incomeStable: yes(0.9),
      turnoverDecline: known<TurnoverDecline>(rng.chance(0.8) ? "none" : "short-term"),
      proposedPlan: yes(0.15),
      excuses: yes(0.8),
      contradiction: yes(0.55),
      brokenPromises: known(rng.int(rng.chance(0.7) ? 2 : 0, 5)),
      refusesContact: yes(0.4),
      insolvent: yes(0.01),
      dishonestDebtor: yes(0.02),
      operationsStopped: yes(0.01),
    };
  }
  return {
    businessOperating: yes(0.1),
    incomeStable: yes(0.1),
    turnoverDecline: known<TurnoverDecline>(rng.chance(0.8) ? "persistent" : "short-term"),
    proposedPlan: yes(0.1),
    excuses: yes(0.3),
    contradiction: yes(0.05),
    brokenPromises: known(rng.int(0, 3)),
    refusesContact: yes(0.3),
    insolvent: yes(0.7),
    dishonestDebtor: yes(0.4),
    operationsStopped: yes(0.6),
  };
}

/** Adds cash events to a case: `share` of the balance at `date` (cumulative shares kept). */
function addCash(plan: CasePlan, date: number, portion: number): void {
  const last = plan.cashCumulative.length ? plan.cashCumulative[plan.cashCumulative.length - 1] : 0;
  plan.cashDates.push(date);
  plan.cashCumulative.push(Math.min(1, last + portion));
}

/** The legal route: judgment paid in full, a part recovered by enforcement, or nothing. */
function legalRoute(rng: Rng, plan: CasePlan, from: number, left: number, fullChance: number): void {
  if (rng.chance(fullChance)) {
    addCash(plan, addDays(from, rng.int(120, 360)), left);
    plan.outcome = plan.outcome === "open" ? "judgment" : plan.outcome;
  } else if (rng.chance(0.5)) {
    addCash(plan, addDays(from, rng.int(180, 540)), left * rng.uniform(0.05, 0.4));
    plan.outcome = plan.outcome === "open" ? "partial" : plan.outcome;
  } else {
    plan.outcome = plan.outcome === "open" ? "nothing" : plan.outcome;
  }
}

/** A bankruptcy's estate, relative to ordinary claims of 10,000,000, and the core's ordinary rate. */
function drawEstate(rng: Rng): { estate: NonNullable<CasePlan["estate"]>; rate: number } {
  const total = 10_000_000;
  const estate = {
    free: round2(total * rng.uniform(0.05, 0.6)),
    expenses: round2(total * rng.uniform(0.01, 0.06)),
    employees: round2(total * rng.uniform(0, 0.15)),
    taxes: round2(total * rng.uniform(0, 0.08)),
  };
  const r = bankruptcyRecovery(1, {
    freeEstate: estate.free,
    ordinaryClaimsTotal: total,
    employeeClaims: estate.employees,
    taxClaims: estate.taxes,
    expenses: estate.expenses,
  });
  return { estate, rate: r.ordinaryRate };
}

/** A new case of `customer`, its course not drawn yet; its profile is the core's verdict on the signals. */
export function newCasePlan(
  customer: number,
  type: number,
  signals: DebtorSignals,
  policy: Policy,
  dates: { readonly defaultDate: number; readonly openDate: number; readonly method: boolean },
): CasePlan {
  return {
    customer,
    type,
    signals,
    profile: debtorProfile(signals, policy).profile,
    defaultDate: dates.defaultDate,
    openDate: dates.openDate,
    method: dates.method,
    strategy: "legal",
    outcome: "open",
    cashDates: [],
    cashCumulative: [],
    writeOffDate: 0,
    writeOffReason: -1,
    closeDate: 0,
    daysToPay: INT_NULL,
    offerRate: NaN,
    instalments: INT_NULL,
    concessionRate: 0,
    planKept: BOOL_NULL,
    brokenAt: INT_NULL,
    claimInTime: BOOL_NULL,
    ordinaryRate: NaN,
    estate: null,
    gradeAtOpen: 0,
    brokenDate: 0,
    balance: 0,
    collected: 0,
    discount: 0,
    writtenOff: 0,
    recovered: 0,
    firstCash: 0,
    lastCash: 0,
  };
}

/** Draws the whole course of a case (strategy, outcome, cash shares and dates) when the customer is created. */
export function drawCase(rng: Rng, plan: CasePlan, o: ResolvedOptions): void {
  if (plan.method) drawMethodCourse(rng, plan, o.policy);
  else drawOldPracticeCourse(rng, plan);
  drawClose(rng, plan, o.writeOffAfterDays);
}

/** Simulates collection under the method: the strategy the core's profile calls for. */
function drawMethodCourse(rng: Rng, plan: CasePlan, policy: Policy): void {
  switch (plan.profile) {
    case "temporary":
      drawInstalmentPlan(rng, plan, policy);
      break;
    case "willful":
      drawSettlement(rng, plan, policy);
      break;
    case "unable":
      drawBankruptcyInTime(rng, plan);
      break;
    default:
      drawWarningLadder(rng, plan);
  }
}

/** Simulates an instalment plan sized within the policy's limits: kept (perhaps paid off early) or broken, then sued for. */
function drawInstalmentPlan(rng: Rng, plan: CasePlan, policy: Policy): void {
  const O = plan.openDate;
  const type = plan.type;
  plan.strategy = "instalment";
  const n = Math.min(policy.planMaxInstalments, rng.int(6, 12));
  plan.instalments = n;
  plan.concessionRate = Math.floor(rng.uniform(0, policy.planMaxConcessionRate) * 200) / 200;
  const first = addDays(O, 15);
  const each = 1 / n;
  const kept = rng.chance(type === TEMPORARY ? 0.72 : type === WILLFUL ? 0.45 : 0.2);
  plan.planKept = kept ? 1 : 0;
  if (kept) {
    const payoff = rng.chance(0.3) ? n - rng.int(1, Math.min(3, n - 1)) : n;
    for (let k = 1; k < payoff; k++) addCash(plan, addMonths(first, k - 1), each);
    addCash(plan, addMonths(first, payoff - 1), 1 - (payoff - 1) * each - plan.concessionRate);
    plan.outcome = "plan-kept";
    plan.writeOffReason = 1;
  } else {
    const k = rng.int(2, n);
    plan.brokenAt = k;
    plan.brokenDate = addMonths(first, k - 1);
    for (let j = 1; j < k; j++) addCash(plan, addMonths(first, j - 1), each);
    plan.outcome = "plan-broken";
    legalRoute(rng, plan, addMonths(first, k - 1), 1 - (k - 1) * each, 0.25);
  }
}

/** Simulates the lawyer's letter and the anchor-price settlement ladder: settled within a tier's days, or sued for. */
function drawSettlement(rng: Rng, plan: CasePlan, policy: Policy): void {
  const O = plan.openDate;
  const type = plan.type;
  plan.strategy = "settlement";
  if (rng.chance(type === WILLFUL ? 0.68 : type === TEMPORARY ? 0.55 : 0.1)) {
    const d = rng.chance(0.6) ? rng.int(1, 10) : rng.int(11, 20);
    plan.daysToPay = d;
    plan.offerRate = settlementRate(d, policy.settlementTiers);
    if (d > 3 && rng.chance(0.4)) {
      // the article's debtor paid most at once and the rest within the deadline
      const part = plan.offerRate * rng.uniform(0.6, 0.8);
      addCash(plan, addDays(O, rng.int(1, d - 1)), part);
      addCash(plan, addDays(O, d), plan.offerRate - part);
    } else {
      addCash(plan, addDays(O, d), plan.offerRate);
    }
    plan.outcome = "settled";
    plan.writeOffReason = 0;
  } else {
    plan.strategy = "legal";
    legalRoute(rng, plan, O, 1, type === WILLFUL ? 0.6 : 0.3);
  }
}

/** Simulates a bankruptcy claim filed in time (assets traced, perhaps taken in kind), paid at the estate's ordinary rate. */
function drawBankruptcyInTime(rng: Rng, plan: CasePlan): void {
  const O = plan.openDate;
  plan.strategy = "bankruptcy";
  plan.claimInTime = rng.chance(0.95) ? 1 : 0;
  if (rng.chance(0.4)) addCash(plan, addDays(O, rng.int(30, 120)), rng.uniform(0.1, 0.3)); // assets in kind
  const { estate, rate } = drawEstate(rng);
  plan.estate = estate;
  plan.ordinaryRate = rate;
  const left = 1 - (plan.cashCumulative[0] ?? 0);
  if (plan.claimInTime && rate > 0) addCash(plan, addDays(O, rng.int(300, 720)), left * rate);
  plan.outcome = plan.cashDates.length ? "distribution" : "nothing";
}

/** Simulates the warning ladder for an unclear profile: paid (in up to three parts, perhaps partly), or sued for. */
function drawWarningLadder(rng: Rng, plan: CasePlan): void {
  const O = plan.openDate;
  const type = plan.type;
  plan.strategy = "ladder";
  if (rng.chance(0.45)) {
    const portion = rng.chance(0.5) ? 1 : rng.uniform(0.5, 1);
    const parts = rng.int(1, 3);
    for (let k = 0; k < parts; k++) addCash(plan, addDays(O, rng.int(10, 40) * (k + 1)), portion / parts);
    plan.outcome = portion === 1 ? "paid" : "partial";
  } else {
    legalRoute(rng, plan, O, 1, type === WILLFUL ? 0.6 : 0.3);
  }
}

/** Simulates the old practice: long dunning then legal action, or a bankruptcy claim, filed late half the time. */
function drawOldPracticeCourse(rng: Rng, plan: CasePlan): void {
  const O = plan.openDate;
  const type = plan.type;
  if (type === UNABLE || plan.profile === "unable") {
    plan.strategy = "bankruptcy";
    plan.claimInTime = rng.chance(0.5) ? 1 : 0;
    const { estate, rate } = drawEstate(rng);
    plan.estate = estate;
    plan.ordinaryRate = rate;
    if (plan.claimInTime && rate > 0) addCash(plan, addDays(O, rng.int(300, 720)), rate);
    plan.outcome = plan.cashDates.length ? "distribution" : "nothing";
  } else {
    plan.strategy = "legal";
    legalRoute(rng, plan, O, 1, type === TEMPORARY ? 0.35 : 0.45);
  }
}

/** Simulates the case's end: its close date and, for what is not received, the write-off date and reason. */
function drawClose(rng: Rng, plan: CasePlan, writeOffAfterDays: number): void {
  const O = plan.openDate;
  const received = plan.cashCumulative.length ? plan.cashCumulative[plan.cashCumulative.length - 1] : 0;
  const lastCash = plan.cashDates.length ? Math.max(...plan.cashDates) : 0;
  plan.closeDate = lastCash || addDays(O, rng.int(180, 365));
  if (received < 1 - 1e-12) {
    if (plan.strategy === "instalment" && plan.planKept === 1) {
      // a plan being kept is not written off: only its concession, when it is paid off
      plan.writeOffDate = plan.closeDate;
    } else {
      // written off when the case closes, or writeOffAfterDays after it opened (after the broken instalment, for a plan)
      const limit = addDays(plan.brokenDate || O, writeOffAfterDays);
      plan.writeOffDate = Math.min(plan.closeDate, limit);
      if (plan.writeOffDate < plan.closeDate) plan.writeOffReason = 2;
    }
    if (plan.writeOffReason < 0) plan.writeOffReason = 2;
  }
  if (received >= 1 - 1e-12 && plan.outcome === "partial") plan.outcome = "paid";
}

/** What will be written off in the end on `owed` cents of a case's invoice, whatever the ledger date. */
export function ultimateWriteOff(plan: CasePlan, owed: number): number {
  let atWriteOff = 0;
  for (let k = 0; k < plan.cashDates.length && plan.cashDates[k] <= plan.writeOffDate; k++) atWriteOff = plan.cashCumulative[k];
  return owed - Math.round(owed * atWriteOff);
}

/**
 * Writes the `cases` rows: the cases opened by the ledger date, as known then (outcome, close date and a
 * plan kept or broken only once they are), with the core's offer and plan on each balance.
 */
export function writeCaseRows(caseBuf: TableBuffer, cases: readonly CasePlan[], region: Uint8Array, o: ResolvedOptions): void {
  const asOf = o.asOf;
  for (const p of cases) {
    const r = caseBuf.next();
    const k = caseBuf.cols;
    const s = p.signals;
    const b = (v: boolean | null) => (v === null ? BOOL_NULL : v ? 1 : 0);
    const balance = p.balance / 100;
    (k.case_id as Int32Array)[r] = p.customer + 1;
    (k.customer_id as Int32Array)[r] = p.customer + 1;
    (k.region as Uint8Array)[r] = region[p.customer];
    (k.grade as Uint8Array)[r] = p.gradeAtOpen;
    (k.profile as Uint8Array)[r] = PROFILES.indexOf(p.profile);
    (k.debtor_type as Uint8Array)[r] = p.type - 1;
    (k.business_operating as Uint8Array)[r] = b(s.businessOperating);
    (k.income_stable as Uint8Array)[r] = b(s.incomeStable);
    (k.turnover_decline as Uint8Array)[r] = s.turnoverDecline === null ? CATEGORY_NULL : TURNOVER.indexOf(s.turnoverDecline);
    (k.proposed_plan as Uint8Array)[r] = b(s.proposedPlan);
    (k.excuses as Uint8Array)[r] = b(s.excuses);
    (k.contradiction as Uint8Array)[r] = b(s.contradiction);
    (k.broken_promises as Int32Array)[r] = s.brokenPromises === null ? INT_NULL : s.brokenPromises;
    (k.refuses_contact as Uint8Array)[r] = b(s.refusesContact);
    (k.insolvent as Uint8Array)[r] = b(s.insolvent);
    (k.dishonest_debtor as Uint8Array)[r] = b(s.dishonestDebtor);
    (k.operations_stopped as Uint8Array)[r] = b(s.operationsStopped);
    (k.default_date as Int32Array)[r] = p.defaultDate;
    (k.open_date as Int32Array)[r] = p.openDate;
    (k.method as Uint8Array)[r] = p.method ? 1 : 0;
    (k.strategy as Uint8Array)[r] = STRATEGIES.indexOf(p.strategy);
    const finished = p.closeDate <= asOf && (p.writeOffDate === 0 || p.writeOffDate <= asOf);
    const brokenKnown = p.brokenDate > 0 && p.brokenDate <= asOf;
    (k.outcome as Uint8Array)[r] = OUTCOMES.indexOf(finished || brokenKnown ? p.outcome : "open");
    (k.balance as Float64Array)[r] = balance;
    (k.collected as Float64Array)[r] = p.collected / 100;
    (k.discount as Float64Array)[r] = p.discount / 100;
    (k.written_off as Float64Array)[r] = p.writtenOff / 100;
    (k.recovered as Float64Array)[r] = p.recovered / 100;
    (k.first_cash_date as Int32Array)[r] = p.firstCash;
    (k.last_cash_date as Int32Array)[r] = p.lastCash;
    (k.close_date as Int32Array)[r] = finished ? p.closeDate : 0;
    (k.days_to_pay as Int32Array)[r] = p.daysToPay;
    (k.offer_rate as Float64Array)[r] = p.offerRate;
    (k.offer as Float64Array)[r] =
      p.strategy === "settlement" && !Number.isNaN(p.offerRate) ? settlementOffer(balance, p.daysToPay, o.policy.settlementTiers) : NaN;
    (k.instalments as Int32Array)[r] = p.instalments;
    let concession = NaN;
    let planTotal = NaN;
    if (p.strategy === "instalment" && p.instalments > 0 && balance >= 0.01) {
      concession = moneyTimes(balance, p.concessionRate);
      planTotal = instalmentPlan(balance, p.instalments, { concession }, o.policy).total;
    }
    (k.concession as Float64Array)[r] = concession;
    (k.plan_total as Float64Array)[r] = planTotal;
    // known by the ledger date: kept once the plan is done, broken once an instalment is missed
    (k.plan_kept as Uint8Array)[r] = brokenKnown ? 0 : p.planKept === 1 && finished ? 1 : BOOL_NULL;
    (k.broken_at as Int32Array)[r] = brokenKnown ? p.brokenAt : INT_NULL;
    (k.claim_in_time as Uint8Array)[r] = p.claimInTime;
    (k.ordinary_rate as Float64Array)[r] = p.ordinaryRate;
  }
}
