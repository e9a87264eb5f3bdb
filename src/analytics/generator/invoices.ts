/**
 * One invoice's life: its term and amount, when it is paid (on delivery, on time, late, in two parts),
 * and, when its customer defaults before paying it, its share of the collection case's cash, write-off
 * and recoveries, with the overdue events the later grades see.
 */
import { monthIndex } from "../calendar.js";
import { TEMPORARY, ultimateWriteOff, WILLFUL, type CasePlan } from "./cases.js";
import { methodAt, type Simulation } from "./state.js";

/** Payment behaviour by cash flow: probability of paying late, mean days late when late. */
const LATE_PROBABILITY = [0.22, 0.4, 0.6];
const LATE_MEAN_DAYS = [6, 12, 24];

/** Payment kinds (`payments.kind` codes, PAYMENT_KINDS). */
const REGULAR = 0;
const CASH = 1;
const COLLECTION = 2;

/** Records an overdue event (by the ledger date, inside the histogram) for the customer's later grades. */
function recordEvent(sim: Simulation, c: number, date: number, amount: number): void {
  const { o, H } = sim;
  const m = monthIndex(date) - o.startMonth + 12;
  if (m < 0 || m >= H || date > o.asOf) return;
  const at = c * H + m;
  const cu = sim.customers;
  if (cu.evCount[at] < 65535) cu.evCount[at]++;
  if (amount > cu.evMax[at]) cu.evMax[at] = amount;
}

/** Writes a payment row, if there is cash and it is received by the ledger date. */
function writePayment(sim: Simulation, inv: number, c: number, date: number, cents: number, kind: number): void {
  if (cents <= 0 || date > sim.o.asOf) return;
  const payBuf = sim.payBuf;
  const r = payBuf.next();
  const k = payBuf.cols;
  (k.payment_id as Int32Array)[r] = ++sim.totals.paymentId;
  (k.invoice_id as Int32Array)[r] = inv;
  (k.customer_id as Int32Array)[r] = c + 1;
  (k.date as Int32Array)[r] = date;
  (k.amount as Float64Array)[r] = cents / 100;
  (k.kind as Uint8Array)[r] = kind;
}

/**
 * Simulates an invoice of customer `c` issued on `issue`: its term (the grade's under the method, the
 * flat term before), its amount, and how it is paid: on delivery, in full (perhaps late, perhaps in two
 * parts), or not, in which case it joins the customer's collection case.
 */
export function simulateInvoice(sim: Simulation, c: number, issue: number): void {
  const { o, rng } = sim;
  const cu = sim.customers;
  const method = methodAt(o, issue);
  const gi = cu.grade[c];
  const term = method ? sim.terms[gi] : o.termBeforeDays;
  const inv = sim.invoice;
  inv.customer = c;
  inv.issue = issue;
  inv.due = issue + term;
  inv.cents = Math.max(5000, Math.round(cu.median[c] * rng.lognormal(1, 0.45) * 100));
  inv.id = ++sim.totals.invoiceId;
  inv.paidCents = 0;
  inv.paidDate = 0;
  inv.woCents = 0;
  inv.woDate = 0;
  inv.ultimate = 0;
  const plan = cu.caseOf[c];
  const T = cu.defaultDate[c];
  if (term === 0 && method) {
    // cash on delivery
    inv.paidCents = inv.cents;
    inv.paidDate = issue;
    writePayment(sim, inv.id, c, issue, inv.cents, CASH);
  } else {
    const late = daysLate(sim, c, issue, method);
    const early = late === 0 && term > 0 ? rng.int(0, Math.min(term, 10)) : 0;
    const payDate = inv.due + late - early;
    if (T > 0 && payDate >= T && plan !== null) collectInCase(sim, plan, T);
    else payInFull(sim, late, payDate);
  }
  const t = sim.totals;
  if (method) {
    t.salesAfter += inv.cents;
    t.lossAfter += inv.woCents;
    t.ultimateAfter += inv.ultimate;
  } else {
    t.salesBefore += inv.cents;
    t.lossBefore += inv.woCents;
    t.ultimateBefore += inv.ultimate;
  }
  writeInvoiceRow(sim, gi, term);
}

/**
 * Simulates how late customer `c` pays an invoice issued on `issue`: in a distress spell, by its hidden
 * type (the temporarily distressed drag on, the others pay until they stop); otherwise by its cash flow,
 * less often and less late under the method (follow-up at the warning levels).
 */
function daysLate(sim: Simulation, c: number, issue: number, method: boolean): number {
  const { rng } = sim;
  const cu = sim.customers;
  if (cu.defaultDate[c] > 0 && issue >= cu.distressStart[c]) {
    const plan = cu.caseOf[c];
    const type = plan === null ? TEMPORARY : plan.type;
    return type === TEMPORARY ? rng.int(10, 60) : type === WILLFUL ? rng.int(0, 45) : rng.int(0, 30);
  }
  const cf = cu.cashFlow[c];
  let late = rng.chance(LATE_PROBABILITY[cf] * (method ? 0.85 : 1)) ? 1 + Math.floor(rng.exponential(LATE_MEAN_DAYS[cf])) : 0;
  if (method && late > 30) late = 30 + Math.round((late - 30) * 0.5);
  return late;
}

/** Simulates an invoice paid on `payDate` (an overdue event if late enough), one time in ten in two parts. */
function payInFull(sim: Simulation, late: number, payDate: number): void {
  const { o, rng } = sim;
  const inv = sim.invoice;
  const { id, customer: c, issue, cents } = inv;
  if (late >= o.overdueEventDays) recordEvent(sim, c, inv.due + o.overdueEventDays, cents / 100);
  if (payDate - issue >= 2 && rng.chance(0.1)) {
    const part = Math.round(cents * rng.uniform(0.3, 0.7));
    const first = issue + rng.int(0, payDate - issue - 1);
    writePayment(sim, id, c, first, part, REGULAR);
    writePayment(sim, id, c, payDate, cents - part, REGULAR);
    if (first <= o.asOf) {
      inv.paidCents += part;
      inv.paidDate = first;
    }
  } else {
    writePayment(sim, id, c, payDate, cents, REGULAR);
  }
  if (payDate <= o.asOf) {
    inv.paidCents = cents;
    inv.paidDate = payDate;
  }
}

/**
 * Simulates an invoice left unpaid at the default on day `T`: perhaps a part paid before, the rest added
 * to the case's balance and settled by the case's course (cash, write-off, recoveries).
 */
function collectInCase(sim: Simulation, plan: CasePlan, T: number): void {
  const { o, rng } = sim;
  const inv = sim.invoice;
  let owed = inv.cents;
  if (inv.issue < T && rng.chance(0.25)) {
    const part = Math.round(inv.cents * rng.uniform(0.1, 0.5));
    const date = inv.issue + rng.int(0, Math.max(0, Math.min(inv.due, T - 1) - inv.issue));
    if (date <= o.asOf) {
      writePayment(sim, inv.id, inv.customer, date, part, REGULAR);
      inv.paidCents += part;
      inv.paidDate = date;
      owed -= part;
    }
  }
  plan.balance += owed;
  followCaseCash(sim, plan, owed);
  if (plan.writeOffDate > 0) inv.ultimate = ultimateWriteOff(plan, owed);
  if (inv.woCents > 0) writeOffInvoice(sim, plan);
  else inv.woCents = 0;
}

/**
 * Simulates the case's cash on `owed` cents of the invoice, in cumulative cents (exact sums), by the
 * ledger date: collection payments before the write-off, recoveries after it, the write-off of what is
 * left, and the overdue event once the invoice is `overdueEventDays` past due.
 */
function followCaseCash(sim: Simulation, plan: CasePlan, owed: number): void {
  const { o } = sim;
  const asOf = o.asOf;
  const inv = sim.invoice;
  const c = inv.customer;
  let before = 0; // cents allocated so far
  let woDone = false;
  const eventDay = inv.due + o.overdueEventDays;
  let recordedEvent = false;
  for (let k = 0; k < plan.cashDates.length; k++) {
    const date = plan.cashDates[k];
    if (!recordedEvent && date > eventDay) {
      recordEvent(sim, c, eventDay, (owed - before) / 100);
      recordedEvent = true;
    }
    if (plan.writeOffDate > 0 && !woDone && date > plan.writeOffDate) {
      woDone = true;
      if (plan.writeOffDate <= asOf) {
        inv.woCents = owed - before;
        inv.woDate = plan.writeOffDate;
      }
    }
    if (date > asOf) break;
    const upTo = Math.round(owed * plan.cashCumulative[k]);
    const amount = upTo - before;
    before = upTo;
    if (amount <= 0) continue;
    if (plan.firstCash === 0 || date < plan.firstCash) plan.firstCash = date;
    if (date > plan.lastCash) plan.lastCash = date;
    if (!woDone) {
      writePayment(sim, inv.id, c, date, amount, COLLECTION);
      inv.paidCents += amount;
      inv.paidDate = date;
      plan.collected += amount;
    } else {
      plan.recovered += amount;
      writeRecovery(sim, date, amount);
    }
  }
  if (!recordedEvent) recordEvent(sim, c, eventDay, (owed - before) / 100);
  if (!woDone && plan.writeOffDate > 0 && plan.writeOffDate <= asOf) {
    inv.woCents = owed - before;
    inv.woDate = plan.writeOffDate;
  }
}

/** Writes a recovery row: cash on the invoice after its write-off. */
function writeRecovery(sim: Simulation, date: number, cents: number): void {
  const inv = sim.invoice;
  const recBuf = sim.recBuf;
  const r = recBuf.next();
  const kk = recBuf.cols;
  (kk.invoice_id as Int32Array)[r] = inv.id;
  (kk.customer_id as Int32Array)[r] = inv.customer + 1;
  (kk.case_id as Int32Array)[r] = inv.customer + 1;
  (kk.date as Int32Array)[r] = date;
  (kk.amount as Float64Array)[r] = cents / 100;
}

/** Writes off the invoice's unpaid part in its case, with the case's reason (uncollectible unless a discount or concession). */
function writeOffInvoice(sim: Simulation, plan: CasePlan): void {
  const inv = sim.invoice;
  plan.writtenOff += inv.woCents;
  const reason = plan.writeOffReason < 0 ? 2 : plan.writeOffReason;
  if (reason !== 2) plan.discount += inv.woCents;
  const woBuf = sim.woBuf;
  const r = woBuf.next();
  const kk = woBuf.cols;
  (kk.invoice_id as Int32Array)[r] = inv.id;
  (kk.customer_id as Int32Array)[r] = inv.customer + 1;
  (kk.case_id as Int32Array)[r] = inv.customer + 1;
  (kk.date as Int32Array)[r] = inv.woDate;
  (kk.amount as Float64Array)[r] = inv.woCents / 100;
  (kk.reason as Uint8Array)[r] = reason;
}

/** Writes the invoice's row: as issued, and what is paid and written off on it by the ledger date. */
function writeInvoiceRow(sim: Simulation, gi: number, term: number): void {
  const inv = sim.invoice;
  const c = inv.customer;
  const invBuf = sim.invBuf;
  const r = invBuf.next();
  const k = invBuf.cols;
  (k.invoice_id as Int32Array)[r] = inv.id;
  (k.customer_id as Int32Array)[r] = c + 1;
  (k.region as Uint8Array)[r] = sim.customers.region[c];
  (k.grade as Uint8Array)[r] = gi;
  (k.term_days as Int32Array)[r] = term;
  (k.issue_date as Int32Array)[r] = inv.issue;
  (k.due_date as Int32Array)[r] = inv.due;
  (k.amount as Float64Array)[r] = inv.cents / 100;
  (k.paid as Float64Array)[r] = inv.paidCents / 100;
  (k.paid_date as Int32Array)[r] = inv.paidDate;
  (k.written_off as Float64Array)[r] = inv.woCents / 100;
  (k.writeoff_date as Int32Array)[r] = inv.woDate;
}
