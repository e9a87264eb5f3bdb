/**
 * Facts per customer from the collection log (issue 13; docs/collection-log.md), each citing the log rows
 * it rests on: promises to pay kept, broken or pending; open disputes; the last demand or acknowledgement,
 * from which the limitation period runs again (Civil Code art. 195); the last contact and the next one due
 * by the warning ladder; an agreed instalment plan tracked against payments; whether collection records
 * are held. Everything is "as of" a date: rows dated after it are not counted, and are listed.
 */
import { addDays, calendarDay, isoFromSerial, readDate } from "../dates.js";
import { RuleError, show, type Reason } from "../errors.js";
import { formatAmount } from "../format.js";
import { DEFAULT_POLICY, validatePolicy, type Policy } from "../policy.js";
import type { WarningLevel } from "../aging.js";
import { ACTION_LABELS, logCustomerKey, type CollectionAction, type CollectionLog, type LogEvent } from "./log.js";
import { checkPlan, checkPromises, type PaymentInput, type PlanEvaluation, type PromiseEvaluation } from "./promises.js";
import { amountToCents } from "../money.js";

/** Contacts with the debtor: any of them is a collection record and resets the follow-up clock. */
export const CONTACT_ACTIONS: ReadonlySet<CollectionAction> = new Set([
  "call",
  "visit",
  "email",
  "wechat",
  "sms",
  "dunningLetter",
  "lawyerLetter",
  "statementSent",
  "balanceConfirmed",
  "promise",
  "disputeOpened",
  "disputeResolved",
  "planAgreed",
]);

/**
 * Events that restart the limitation period (Civil Code art. 195): a demand by the creditor that reaches
 * the debtor and can be shown (a letter, a statement of the balance, an e-mail, WeChat or SMS message:
 * 数据电文, SPC Provisions on limitation art. 8); the debtor's agreement to perform (a confirmed balance, a
 * promise, a payment, an agreed plan: art. 14); a suit, or a claim filed in bankruptcy (art. 11). A call or a
 * visit is a demand too, but the log holds no proof of it (a recording), so it is not counted.
 */
export const INTERRUPTING_ACTIONS: ReadonlySet<CollectionAction> = new Set([
  "dunningLetter",
  "lawyerLetter",
  "statementSent",
  "email",
  "wechat",
  "sms",
  "balanceConfirmed",
  "promise",
  "payment",
  "planAgreed",
  "suitFiled",
  "claimFiled",
]);

/** An event a fact rests on: its day, its action and its log row. */
export interface LoggedEvent {
  readonly date: number;
  readonly action: CollectionAction;
  readonly sourceRow: number;
}

/**
 * A payment the ledger shows: an invoice of the triage's item list paid (settled) on its paid date, for its
 * paid amount, else its amount (issue 13, item 2: "from the ledger's paid dates, where the input has them").
 */
export interface LedgerPayment {
  /** The customer as the ledger writes it (matched by logCustomerKey). */
  readonly customer: string;
  /** Excel serial of the paid date. */
  readonly date: number;
  /** The amount paid, above 0. */
  readonly amount: number;
  /** Sheet row of the item (the row of the item list). */
  readonly sourceRow: number;
}

/** A ledger payment that is a payment of the log as well (same customer, day and amount): counted once. */
export interface SamePayment {
  /** The log's payment row (the payment counted). */
  readonly logRow: number;
  /** The item row of the ledger that records the same payment. */
  readonly itemRow: number;
}

/** A promise to pay of the log, checked (see checkPromises). */
export interface PromiseFact extends PromiseEvaluation {
  /** The log row of the promise. */
  readonly sourceRow: number;
  /** The log rows of the payments credited to it (those of the log). */
  readonly paymentRows: readonly number[];
  /**
   * The item rows of the ledger's payments credited to it: a ledger payment counted on its own, or one that
   * is the same payment as a log row of paymentRows (see CustomerFacts.samePayments).
   */
  readonly itemRows: readonly number[];
}

/** A dispute opened and not resolved at the as-of date. */
export interface DisputeFact {
  /** The invoice disputed; null for a dispute of the customer's whole debt. */
  readonly invoice: string | null;
  /** Excel serial of the day it was opened. */
  readonly opened: number;
  readonly sourceRow: number;
  /** What the dispute is about, as the log's note says. */
  readonly note: string | null;
}

/** The latest instalment plan agreed, tracked against payments (see checkPlan). */
export interface PlanFact extends PlanEvaluation {
  readonly sourceRow: number;
  readonly agreed: number;
  readonly firstDue: number;
  readonly instalment: number;
  /** How many instalments, when the note says (`12 monthly`, `12 instalments`, `分12期`, `12期`); else null. */
  readonly count: number | null;
  /** The log rows of the payments counted toward it. */
  readonly paymentRows: readonly number[];
  /** The item rows of the ledger's payments counted toward it (as PromiseFact.itemRows). */
  readonly itemRows: readonly number[];
  /** Rows of earlier plans this one replaced. */
  readonly supersededRows: readonly number[];
}

/** What the log says about one customer at the as-of date. */
export interface CustomerFacts {
  /** The customer as first written in the log. */
  readonly customer: string;
  /** The key it is matched by (logCustomerKey). */
  readonly key: string;
  /** The log rows of its events counted (dated on or before the as-of date). */
  readonly rows: readonly number[];
  /** The log rows of its events dated after the as-of date, not counted. */
  readonly afterAsOfRows: readonly number[];
  /** Its promises made on or before the as-of date, in log order. */
  readonly promises: readonly PromiseFact[];
  readonly promisesKept: number;
  readonly promisesBroken: number;
  readonly promisesPending: number;
  /** Disputes opened and not resolved, in log order. */
  readonly openDisputes: readonly DisputeFact[];
  /** The last demand or acknowledgement (INTERRUPTING_ACTIONS): the limitation period runs again from its day. */
  readonly lastInterruption: LoggedEvent | null;
  /** The last contact (CONTACT_ACTIONS). */
  readonly lastContact: LoggedEvent | null;
  /** The customer's warning level, as given to collectionFacts (null: not known). */
  readonly level: WarningLevel | null;
  /** When the next contact is due (nextContactDue); null when the ladder asks for none. */
  readonly nextContactDue: number | null;
  /** True when the next contact was due before the as-of date: a missed follow-up. */
  readonly followUpOverdue: boolean;
  /** The latest plan agreed, tracked; null when none. */
  readonly plan: PlanFact | null;
  /** Rows logging a missed instalment (`instalment missed`). */
  readonly instalmentMissedRows: readonly number[];
  /** Collection records (evidence, rules.md section 4): true when the log holds contacts. */
  readonly collectionRecords: boolean;
  /** The rows of those contacts. */
  readonly contactRows: readonly number[];
  /** Item rows of the ledger's payments counted on their own (dated on or before the as-of date), in date order. */
  readonly ledgerPaymentRows: readonly number[];
  /** Ledger payments that are log payments too, counted once (as the log's row). */
  readonly samePayments: readonly SamePayment[];
  /** The facts in words, in both languages. */
  readonly reasons: readonly Reason[];
}

/** The facts of a whole log. */
export interface CollectionFacts {
  readonly asOf: number;
  /** One per customer, in the order each first appears in the log. */
  readonly customers: readonly CustomerFacts[];
  /** The customer whose logCustomerKey is the key. */
  readonly byKey: ReadonlyMap<string, CustomerFacts>;
}

/** Each customer's warning level: a map from customer names (matched by logCustomerKey), or a function. */
export type LevelSource = ReadonlyMap<string, WarningLevel | null> | ((customer: string) => WarningLevel | null | undefined);

/**
 * Days between contacts by the warning ladder (rules.md section 2): level 1 daily (the article's 每天跟进);
 * levels 2 and 3 the policy's cadence (followUpDaysLevel2, followUpDaysLevel3); null below level 1 (a
 * routine reminder, no follow-up cadence) and when the level is unknown.
 * @throws RuleError naming `level` for anything but 0-3 or null
 */
export function followUpDays(level: WarningLevel | null, policy: Policy = DEFAULT_POLICY): number | null {
  if (level === null || level === undefined) return null;
  if (level !== 0 && level !== 1 && level !== 2 && level !== 3) {
    throw new RuleError("level", `${show(level)} is not a warning level (0 to 3)`, `${show(level)} 不是预警级别（0 至 3）`);
  }
  return level === 0 ? null : level === 1 ? 1 : level === 2 ? policy.followUpDaysLevel2 : policy.followUpDaysLevel3;
}

/**
 * When the next contact is due: the last contact plus the ladder's days (followUpDays); the as-of date
 * when no contact is logged; held to the day after a pending promise's last day (promised date plus grace,
 * when it is kept or broken), since chasing a debtor before the date it promised asks nothing new. Null
 * when the ladder asks for no follow-up (level 0 or unknown).
 * @param lastContact Excel serial of the last contact, or null when none is logged
 * @param heldUntil the last day of a pending promise (PromiseEvaluation.lastDay), or null
 * @example nextContactDue(2025-07-28, 2, 2025-07-31) is 2025-08-04 (weekly at level 2)
 * @throws RuleError naming `last_contact`, `level`, `as_of` or `held_until`
 */
export function nextContactDue(
  lastContact: number | null,
  level: WarningLevel | null,
  asOf: number,
  policy: Policy = DEFAULT_POLICY,
  heldUntil: number | null = null,
): number | null {
  const today = readDate(asOf, "as_of");
  const days = followUpDays(level, policy);
  const last = lastContact === null || lastContact === undefined ? null : readDate(lastContact, "last_contact");
  const held = heldUntil === null || heldUntil === undefined ? null : readDate(heldUntil, "held_until");
  if (days === null) return null;
  const due = last === null ? today : addDays(last, days);
  return held !== null && addDays(held, 1) > due ? addDays(held, 1) : due;
}

/** The number of instalments a plan's note states (`12 monthly`, `12 instalments`, `分12期`, `12期`), or null. */
export function planCount(note: string | null): number | null {
  if (note === null) return null;
  const text = note.normalize("NFKC");
  const m =
    /(\d{1,3})\s*(?:monthly|instal?lments?|months?|payments?)\b/i.exec(text) ?? /分\s*(\d{1,3})\s*期|(\d{1,3})\s*(?:期|个月)/.exec(text);
  if (!m) return null;
  const n = Number(m[1] ?? m[2]);
  return n >= 1 ? n : null;
}

/**
 * The facts of a collection log per customer at an as-of date, each citing its log rows (see the
 * interfaces and docs/collection-log.md for the rules).
 * @param log a log read by readCollectionLog, or its events
 * @param asOf Excel serial of the report date; events dated after it are not counted (afterAsOfRows)
 * @param policy promiseGraceDays, followUpDaysLevel2, followUpDaysLevel3 (the defaults when left out)
 * @param levels each customer's warning level (for the next contact due); none: no follow-up is computed
 * @param ledgerPayments the ledger's payments (paid dates of an item list): payments for the promises and plans
 *   of the log's customers, each counted once beside the log's own (matchLedgerPayments); a customer the log
 *   does not name gets no facts from them
 * @throws RuleError naming `as_of`, a policy field, `level`, or `ledgerPayments` for a payment that is not one
 */
export function collectionFacts(
  log: CollectionLog | readonly LogEvent[],
  asOf: number,
  policy: Policy = DEFAULT_POLICY,
  levels?: LevelSource,
  ledgerPayments: readonly LedgerPayment[] = [],
): CollectionFacts {
  const today = readDate(asOf, "as_of");
  validatePolicy(policy);
  const events = Array.isArray(log) ? (log as readonly LogEvent[]) : (log as CollectionLog).events;
  const groups = new Map<string, LogEvent[]>();
  for (const event of events) {
    const key = logCustomerKey(event.customer);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  }
  const levelMap =
    levels instanceof Map
      ? new Map([...(levels as ReadonlyMap<string, WarningLevel | null>)].map(([k, v]) => [logCustomerKey(k), v]))
      : null;
  const levelOf = (customer: string, key: string): WarningLevel | null => {
    if (levels === undefined) return null;
    const level = levelMap !== null ? levelMap.get(key) : (levels as (c: string) => WarningLevel | null | undefined)(customer);
    return level ?? null;
  };
  const ledger = new Map<string, LedgerPayment[]>();
  for (const payment of checkLedgerPayments(ledgerPayments)) {
    const key = logCustomerKey(payment.customer);
    if (!groups.has(key)) continue; // promises and plans are the log's: a customer without log rows has none
    const list = ledger.get(key);
    if (list === undefined) ledger.set(key, [payment]);
    else list.push(payment);
  }
  const customers: CustomerFacts[] = [];
  const byKey = new Map<string, CustomerFacts>();
  for (const [key, group] of groups) {
    const facts = customerFacts(group, key, today, policy, levelOf(group[0].customer, key), ledger.get(key) ?? []);
    customers.push(facts);
    byKey.set(key, facts);
  }
  return { asOf: today, customers, byKey };
}

/** The ledger's payments checked: an array of payments with a customer, a date serial, an amount above 0 and a row. */
function checkLedgerPayments(payments: readonly LedgerPayment[]): readonly LedgerPayment[] {
  if (!Array.isArray(payments)) throw new RuleError("ledgerPayments", "is not a list of payments", "不是回款列表");
  payments.forEach((p, i) => {
    const ok =
      typeof p === "object" &&
      p !== null &&
      typeof p.customer === "string" &&
      Number.isInteger(p.date) &&
      p.date > 0 &&
      typeof p.amount === "number" &&
      Number.isFinite(p.amount) &&
      p.amount > 0 &&
      Number.isInteger(p.sourceRow);
    if (!ok) {
      throw new RuleError(
        "ledgerPayments",
        `payment ${i + 1} (${show(p)}) needs a customer, a date serial, an amount above 0 and a row number`,
        `第 ${i + 1} 笔回款（${show(p)}）须有客户、日期序列号、大于 0 的金额和行号`,
      );
    }
  });
  return payments;
}

/** One payment of a customer, from the log, the ledger or both (the same payment recorded in each). */
interface PaymentSource {
  readonly date: number;
  readonly amount: number;
  /** The log's row, when the log records it. */
  readonly logRow: number | null;
  /** The ledger's item row, when the ledger records it. */
  readonly itemRow: number | null;
}

/**
 * A customer's payments from its log rows and its ledger payments, each payment once: a ledger payment of
 * the same day and the same amount (to the cent) as a log payment is that payment, paired one to one in
 * log order with the ledger's rows in row order (two log rows of 5,000 on a day and one such item: one pair,
 * one log payment alone). Everything else counts on its own. In log order, then the ledger's in row order.
 */
export function matchLedgerPayments(
  logPayments: readonly Pick<LogEvent, "date" | "amount" | "sourceRow">[],
  ledgerPayments: readonly Pick<LedgerPayment, "date" | "amount" | "sourceRow">[],
): { readonly date: number; readonly amount: number; readonly logRow: number | null; readonly itemRow: number | null }[] {
  const unpaired = [...ledgerPayments].sort((a, b) => a.sourceRow - b.sourceRow);
  const taken = new Set<number>();
  const sources: PaymentSource[] = logPayments.map((e) => {
    const cents = amountToCents(e.amount as number, "amount");
    const j = unpaired.findIndex((p, i) => !taken.has(i) && p.date === e.date && amountToCents(p.amount, "amount") === cents);
    if (j >= 0) taken.add(j);
    return { date: e.date, amount: e.amount as number, logRow: e.sourceRow, itemRow: j >= 0 ? unpaired[j].sourceRow : null };
  });
  unpaired.forEach((p, i) => {
    if (!taken.has(i)) sources.push({ date: p.date, amount: p.amount, logRow: null, itemRow: p.sourceRow });
  });
  return sources;
}

/** The facts of one customer's events (in log order), with its ledger payments. */
function customerFacts(
  all: readonly LogEvent[],
  key: string,
  asOf: number,
  policy: Policy,
  level: WarningLevel | null,
  ledgerPayments: readonly LedgerPayment[],
): CustomerFacts {
  const events = all.filter((e) => e.date <= asOf);
  const afterAsOfRows = all.filter((e) => e.date > asOf).map((e) => e.sourceRow);
  // In date order (then log order): what "last" and "open" mean.
  const dated = [...events].sort((a, b) => a.date - b.date || a.sourceRow - b.sourceRow);
  const grace = policy.promiseGraceDays;

  // The payments: the log's, and the ledger's that are not the same payment as one of the log's.
  const paymentSources = matchLedgerPayments(
    events.filter((e) => e.action === "payment"),
    ledgerPayments.filter((p) => p.date <= asOf),
  );
  const payments: PaymentInput[] = paymentSources.map((p) => ({ date: p.date, amount: p.amount }));
  const rowsOf = (indexes: readonly number[]) => ({
    paymentRows: indexes.flatMap((i) => (paymentSources[i].logRow === null ? [] : [paymentSources[i].logRow as number])),
    itemRows: indexes.flatMap((i) => (paymentSources[i].itemRow === null ? [] : [paymentSources[i].itemRow as number])),
  });
  const promiseEvents = events.filter((e) => e.action === "promise");
  const check = checkPromises(
    promiseEvents.map((e) => ({ made: e.date, promisedDate: e.promisedDate as number, amount: e.amount as number })),
    payments,
    asOf,
    grace,
  );
  const promises: PromiseFact[] = check.promises.map((p) => ({
    ...p,
    sourceRow: promiseEvents[p.index].sourceRow,
    ...rowsOf(p.payments.map((x) => x.index)),
  }));
  const count = (status: string) => promises.filter((p) => p.status === status).length;

  const open = new Map<string, DisputeFact>(); // "" for the customer's whole debt, else the invoice
  for (const e of dated) {
    if (e.action === "disputeOpened") {
      const slot = e.invoice ?? "";
      if (!open.has(slot)) open.set(slot, { invoice: e.invoice, opened: e.date, sourceRow: e.sourceRow, note: e.note });
    } else if (e.action === "disputeResolved") {
      if (e.invoice === null) open.clear();
      else open.delete(e.invoice);
    }
  }
  const openDisputes = [...open.values()].sort((a, b) => a.sourceRow - b.sourceRow);

  const lastOf = (actions: ReadonlySet<CollectionAction>): LoggedEvent | null => {
    for (let i = dated.length - 1; i >= 0; i--) {
      const e = dated[i];
      if (actions.has(e.action)) return { date: e.date, action: e.action, sourceRow: e.sourceRow };
    }
    return null;
  };
  const lastInterruption = lastOf(INTERRUPTING_ACTIONS);
  const lastContact = lastOf(CONTACT_ACTIONS);
  const contactRows = events.filter((e) => CONTACT_ACTIONS.has(e.action)).map((e) => e.sourceRow);

  const planEvents = dated.filter((e) => e.action === "planAgreed");
  let plan: PlanFact | null = null;
  if (planEvents.length > 0) {
    const latest = planEvents[planEvents.length - 1];
    const planCountOf = planCount(latest.note);
    const evaluation = checkPlan(
      { agreed: latest.date, firstDue: latest.promisedDate as number, instalment: latest.amount as number, count: planCountOf },
      payments,
      asOf,
      grace,
    );
    plan = {
      ...evaluation,
      sourceRow: latest.sourceRow,
      agreed: latest.date,
      firstDue: latest.promisedDate as number,
      instalment: latest.amount as number,
      count: planCountOf,
      ...rowsOf(evaluation.paymentIndexes),
      supersededRows: planEvents.slice(0, -1).map((e) => e.sourceRow),
    };
  }
  const instalmentMissedRows = events.filter((e) => e.action === "instalmentMissed").map((e) => e.sourceRow);

  const facts = {
    customer: all[0].customer,
    key,
    rows: events.map((e) => e.sourceRow),
    afterAsOfRows,
    promises,
    promisesKept: count("kept"),
    promisesBroken: count("broken"),
    promisesPending: count("pending"),
    openDisputes,
    lastInterruption,
    lastContact,
    ...followUp(promises, lastContact, level, asOf, policy),
    plan,
    instalmentMissedRows,
    collectionRecords: contactRows.length > 0,
    contactRows,
    ledgerPaymentRows: paymentSources
      .filter((p) => p.logRow === null)
      .sort((a, b) => a.date - b.date || (a.itemRow as number) - (b.itemRow as number))
      .map((p) => p.itemRow as number),
    samePayments: paymentSources.flatMap((p) =>
      p.logRow !== null && p.itemRow !== null ? [{ logRow: p.logRow, itemRow: p.itemRow }] : [],
    ),
  };
  return { ...facts, reasons: factReasons(facts, asOf, policy) };
}

/** The warning level's follow-up: when the next contact is due (held while a promise is pending), and whether it was missed. */
function followUp(
  promises: readonly PromiseFact[],
  lastContact: LoggedEvent | null,
  level: WarningLevel | null,
  asOf: number,
  policy: Policy,
): Pick<CustomerFacts, "level" | "nextContactDue" | "followUpOverdue"> {
  const pending = promises.filter((p) => p.status === "pending");
  const heldUntil = pending.length === 0 ? null : Math.max(...pending.map((p) => p.lastDay));
  const due = nextContactDue(lastContact?.date ?? null, level, asOf, policy, heldUntil);
  return { level, nextContactDue: due, followUpOverdue: due !== null && due < asOf };
}

/**
 * A customer's facts at another warning level: the follow-up and its reason again, the rest as it was (the
 * triage learns the levels only after reading the rows; the promises need not be evaluated twice).
 * @param asOf the facts' as-of date (CollectionFacts.asOf)
 */
export function factsAtLevel(f: CustomerFacts, level: WarningLevel | null, asOf: number, policy: Policy = DEFAULT_POLICY): CustomerFacts {
  if (level === f.level) return f;
  const facts: Omit<CustomerFacts, "reasons"> = { ...f, ...followUp(f.promises, f.lastContact, level, asOf, policy) };
  return { ...facts, reasons: factReasons(facts, asOf, policy) };
}

const iso = isoFromSerial;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const rowsEn = (rows: readonly number[]) => `${rows.length === 1 ? "row" : "rows"} ${rows.join(", ")}`;
const rowsZh = (rows: readonly number[]) => `第 ${rows.join("、")} 行`;

/** The facts in words, in both languages: promises, disputes, limitation, contact, plan, records, rows not counted. */
function factReasons(f: Omit<CustomerFacts, "reasons">, asOf: number, policy: Policy): Reason[] {
  const reasons: Reason[] = [];
  const broken = f.promises.filter((p) => p.status === "broken");
  if (broken.length > 0) {
    const dates = broken.map((p) => iso(p.promisedDate));
    reasons.push({
      code: "promises-broken",
      en: `${plural(broken.length, "promise")} not kept: ${dates.join(", ")}`,
      zh: `${broken.length} 次承诺未兑现：${dates.join("、")}`,
    });
  }
  const kept = f.promises.filter((p) => p.status === "kept");
  if (kept.length > 0) {
    const dates = kept.map((p) => iso(p.promisedDate));
    reasons.push({
      code: "promises-kept",
      en: `${plural(kept.length, "promise")} kept: ${dates.join(", ")}`,
      zh: `${kept.length} 次承诺已兑现：${dates.join("、")}`,
    });
  }
  for (const p of f.promises.filter((x) => x.status === "pending")) {
    const paid = p.paid > 0 ? { en: ` (${formatAmount(p.paid)} paid so far)`, zh: `（已付 ${formatAmount(p.paid)}）` } : { en: "", zh: "" };
    reasons.push({
      code: "promise-pending",
      en: `promise pending: ${formatAmount(p.amount)} by ${iso(p.promisedDate)}, grace to ${iso(p.lastDay)}${paid.en}`,
      zh: `承诺待兑现：${iso(p.promisedDate)} 前还款 ${formatAmount(p.amount)}，宽限至 ${iso(p.lastDay)}${paid.zh}`,
    });
  }
  for (const d of f.openDisputes) {
    const about = d.note === null ? { en: "", zh: "" } : { en: ` (${d.note})`, zh: `（${d.note}）` };
    reasons.push({
      code: "dispute-open",
      en: `open dispute${d.invoice === null ? "" : ` on invoice ${d.invoice}`} since ${iso(d.opened)}${about.en}, row ${d.sourceRow}: held out of escalation until resolved`,
      zh: `${d.invoice === null ? "" : `发票 ${d.invoice} `}自 ${iso(d.opened)} 起存在异议${about.zh}，第 ${d.sourceRow} 行：异议解决前暂停升级`,
    });
  }
  if (f.lastInterruption !== null) {
    const e = f.lastInterruption;
    reasons.push({
      code: "limitation-restarted",
      en: `limitation period runs again from ${iso(e.date)}: ${ACTION_LABELS[e.action].en}, row ${e.sourceRow} (Civil Code art. 195)`,
      zh: `诉讼时效自 ${iso(e.date)} 重新起算：${ACTION_LABELS[e.action].zh}，第 ${e.sourceRow} 行（《民法典》第195条）`,
    });
  }
  if (f.lastContact !== null) {
    const e = f.lastContact;
    reasons.push({
      code: "last-contact",
      en: `last contact ${iso(e.date)}: ${ACTION_LABELS[e.action].en}, row ${e.sourceRow}`,
      zh: `最近一次联系 ${iso(e.date)}：${ACTION_LABELS[e.action].zh}，第 ${e.sourceRow} 行`,
    });
  }
  if (f.nextContactDue !== null && f.level !== null) {
    const days = followUpDays(f.level, policy) as number;
    const cadence =
      f.level === 1
        ? { en: "level 1: daily follow-up", zh: "一级预警：每天跟进" }
        : {
            en: `level ${f.level}: every ${plural(days, "day")}`,
            zh: `${f.level === 2 ? "二" : "三"}级预警：每 ${days} 天跟进`,
          };
    const due = iso(f.nextContactDue);
    if (f.followUpOverdue) {
      const late = calendarDay(asOf) - calendarDay(f.nextContactDue);
      reasons.push({
        code: "follow-up-overdue",
        en: `follow-up overdue: the next contact was due ${due} (${cadence.en}), ${plural(late, "day")} ago`,
        zh: `跟进已逾期：下次联系应在 ${due}（${cadence.zh}），已过 ${late} 天`,
      });
    } else {
      const none = f.lastContact === null ? { en: "no contact logged; ", zh: "尚无联系记录；" } : { en: "", zh: "" };
      reasons.push({
        code: "next-contact",
        en: `${none.en}next contact due ${due} (${cadence.en})`,
        zh: `${none.zh}下次联系日 ${due}（${cadence.zh}）`,
      });
    }
  }
  if (f.plan !== null) {
    const p = f.plan;
    const of = p.count === null ? { en: "", zh: "" } : { en: ` of ${p.count}`, zh: `（共 ${p.count} 期）` };
    const missed = p.instalments.filter((i) => i.status === "missed").map((i) => iso(i.due));
    const missedText = missed.length > 0 ? { en: ` (${missed.join(", ")})`, zh: `（${missed.join("、")}）` } : { en: "", zh: "" };
    const next = p.nextDue === null ? { en: "", zh: "" } : { en: `; next due ${iso(p.nextDue)}`, zh: `；下期 ${iso(p.nextDue)}` };
    reasons.push({
      code: p.missed > 0 ? "plan-missed" : "plan",
      en: `instalment plan of ${iso(p.agreed)}, row ${p.sourceRow}: ${formatAmount(p.instalment)} monthly${of.en}; ${plural(p.instalments.length, "instalment")} due, ${p.kept} kept, ${p.missed} missed${missedText.en}${p.pending > 0 ? `, ${p.pending} in grace` : ""}${next.en}`,
      zh: `${iso(p.agreed)} 达成分期（第 ${p.sourceRow} 行）：每月 ${formatAmount(p.instalment)}${of.zh}；已到期 ${p.instalments.length} 期，按期 ${p.kept} 期，逾期 ${p.missed} 期${missedText.zh}${p.pending > 0 ? `，宽限中 ${p.pending} 期` : ""}${next.zh}`,
    });
  }
  if (f.ledgerPaymentRows.length > 0 || f.samePayments.length > 0) {
    const own =
      f.ledgerPaymentRows.length === 0
        ? { en: "", zh: "" }
        : {
            en: `${plural(f.ledgerPaymentRows.length, "payment")} from the ledger's paid dates (item ${rowsEn(f.ledgerPaymentRows)})`,
            zh: `台账付款日期中的回款 ${f.ledgerPaymentRows.length} 笔（明细${rowsZh(f.ledgerPaymentRows)}）`,
          };
    const same =
      f.samePayments.length === 0
        ? { en: "", zh: "" }
        : {
            en: `${f.samePayments.map((s) => `item row ${s.itemRow} = log row ${s.logRow}`).join(", ")}: the same payment, counted once`,
            zh: `${f.samePayments.map((s) => `明细第 ${s.itemRow} 行 = 催收记录第 ${s.logRow} 行`).join("、")}：同一笔回款，只计一次`,
          };
    reasons.push({
      code: "ledger-payments",
      en: `counted for promises and plans: ${[own.en, same.en].filter((t) => t !== "").join("; ")}`,
      zh: `计入承诺与分期：${[own.zh, same.zh].filter((t) => t !== "").join("；")}`,
    });
  }
  if (f.instalmentMissedRows.length > 0) {
    reasons.push({
      code: "instalment-missed-logged",
      en: `instalment missed logged: ${rowsEn(f.instalmentMissedRows)}`,
      zh: `记录的分期逾期：${rowsZh(f.instalmentMissedRows)}`,
    });
  }
  reasons.push(
    f.collectionRecords
      ? {
          code: "collection-records",
          en: `collection records held: ${plural(f.contactRows.length, "contact")} logged`,
          zh: `有催款记录：${f.contactRows.length} 次联系`,
        }
      : { code: "no-collection-records", en: "no contact logged: no collection records", zh: "没有联系记录：缺少催款记录" },
  );
  if (f.afterAsOfRows.length > 0) {
    reasons.push({
      code: "after-as-of",
      en: `${rowsEn(f.afterAsOfRows)} dated after the as-of date ${iso(asOf)}: not counted`,
      zh: `${rowsZh(f.afterAsOfRows)}晚于报告日 ${iso(asOf)}：未计入`,
    });
  }
  return reasons;
}

/**
 * The customers of the log that are not among `customers` (a portfolio's names, matched by
 * logCustomerKey), with their facts and rows: a log for an unknown customer is reported, never ignored.
 */
export function customersNotIn(facts: CollectionFacts, customers: Iterable<string>): CustomerFacts[] {
  const known = new Set<string>();
  for (const name of customers) known.add(logCustomerKey(name));
  return facts.customers.filter((c) => !known.has(c.key));
}
