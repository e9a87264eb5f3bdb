/**
 * Today's work list (issue 13): from a triage's records and, when there is one, the collection log's facts,
 * who is to be contacted today, grouped by who acts (the one next step's owner) and most urgent first. The
 * order and the reasons a debtor is on the list are the rules of docs/rules.md, "Today's work list".
 */
import type { Reason } from "./errors.js";
import type { WarningLevel } from "./aging.js";
import type { WhoCode } from "./channel.js";
import { isoFromSerial, readDate } from "./dates.js";
import { formatAmount } from "./format.js";
import { DEFAULT_POLICY, type Policy } from "./policy.js";
import type { NextStep } from "./next-step.js";
import type { TriageRecord } from "./triage/types.js";
import { followUpDays, nextContactDue, type CollectionFacts, type CustomerFacts } from "./collection/facts.js";
import { logCustomerKey } from "./collection/log.js";

/**
 * Why a debtor is on today's list, most urgent first: the limitation period run out (a written
 * acknowledgement is the only way back, Civil Code art. 192), the limitation period about to expire, the claim
 * window of a bankruptcy open, a promise to pay due today, a promise broken and not followed up, a
 * follow-up due by the ladder's cadence (or no contact logged at warning level 1 or above).
 */
export type WorkUrgency = "limitation-expired" | "limitation" | "claim-window" | "promise-due" | "promise-broken" | "follow-up";

/** The urgencies in their order (the first is the most urgent). */
export const WORK_URGENCIES: readonly WorkUrgency[] = Object.freeze([
  "limitation-expired",
  "limitation",
  "claim-window",
  "promise-due",
  "promise-broken",
  "follow-up",
] as const);

/** The owners of the list's groups, in the order the list shows them (as the ladder escalates). */
export const WORK_OWNERS: readonly Exclude<WhoCode, "none">[] = Object.freeze(["salesperson", "finance-manager", "legal"] as const);

/** One reason a debtor is on today's list; `code` is its urgency. */
export interface WhyToday extends Reason {
  readonly code: WorkUrgency;
}

/** One debtor to contact today. */
export interface WorkItem {
  readonly customer: string;
  /** Sheet row number of the triage's input row. */
  readonly sourceRow: number;
  /** Who acts: the next step's owner (salesperson, finance manager, legal). */
  readonly owner: Reason;
  /** The one next step of the triage (what, how, and its reason). */
  readonly nextStep: NextStep;
  /** Why today, most urgent first (at least one). */
  readonly why: readonly WhyToday[];
  /** The most urgent reason's urgency (why[0].code): the first key of the order. */
  readonly urgency: WorkUrgency;
  readonly balance: number;
  readonly level: WarningLevel;
  readonly daysPastDue: number;
  /** Days left in the limitation period, when the row has one. */
  readonly limitationDaysLeft: number | null;
}

/** The list of one owner. */
export interface WorkGroup {
  readonly owner: Reason;
  readonly items: readonly WorkItem[];
}

/** Today's work list. */
export interface WorkList {
  /** Excel serial of the day the list is for (the triage's as-of date). */
  readonly asOf: number;
  /** Every entry, by owner (WORK_OWNERS order), then most urgent first. */
  readonly items: readonly WorkItem[];
  /** The owners with entries, in WORK_OWNERS order. */
  readonly groups: readonly WorkGroup[];
}

/** Options of workList. */
export interface WorkListOptions {
  /**
   * The collection log's facts at the same as-of date (collectionFacts), for records triaged without the log;
   * a record triaged with it (TriageRecord.collection set) uses its own. None: the records alone decide.
   */
  readonly facts?: CollectionFacts | null;
  /** The triage's policy (the follow-up cadence, promiseGraceDays of the facts); the defaults when left out. */
  readonly policy?: Policy;
}

const LEVEL_ZH = ["零", "一", "二", "三"] as const;

/**
 * Today's work list from a triage's records, as docs/rules.md "Today's work list" says: a row is on it when
 * it is `ok`, has a next step someone acts on, and at least one of: its limitation period has run out; it is
 * in its warning window; it is in a claim window (and the log has no claim filed); a promise to pay falls due today; a
 * promise was broken with no contact since; the next contact by the ladder is due on or before the as-of
 * date (no contact logged counts from warning level 1). Rows with a problem are left out (the summary lists
 * them). Order: by owner (salesperson, finance manager, legal), then urgency, then fewest limitation days
 * left, highest warning level, largest balance, and the source row.
 * @param records the triage's records (TriageOutput.records)
 * @param asOf Excel serial of the day (the triage's as-of date)
 * @throws RuleError naming `as_of` when it is not a date
 */
export function workList(records: readonly TriageRecord[], asOf: number, options: WorkListOptions = {}): WorkList {
  const today = readDate(asOf, "as_of");
  const policy = options.policy ?? DEFAULT_POLICY;
  const facts = options.facts ?? null;
  const items: WorkItem[] = [];
  for (const record of records) {
    const step = record.nextStep;
    if (record.status !== "ok" || step === null || step.who.code === "none") continue;
    if (record.balance === null || record.level === null || record.daysPastDue === null) continue;
    // The record's own facts when its triage read the log (next contact due by this row's level), else the given facts.
    const customerFacts =
      record.collection !== undefined
        ? record.collection
        : facts === null
          ? null
          : (facts.byKey.get(logCustomerKey(record.customer)) ?? null);
    // Without any log nothing is known of contacts: the ladder alone puts a debtor on today's list.
    const logged = record.collection !== undefined || facts !== null;
    const why = whyToday(record, step, record.level, customerFacts, logged, today, policy);
    if (why.length === 0) continue;
    items.push({
      customer: record.customer,
      sourceRow: record.sourceRow,
      owner: step.who,
      nextStep: step,
      why,
      urgency: why[0].code,
      balance: record.balance,
      level: record.level,
      daysPastDue: record.daysPastDue,
      limitationDaysLeft: record.limitation?.daysLeft ?? null,
    });
  }
  items.sort(compareWork);
  const groups: WorkGroup[] = [];
  for (const owner of WORK_OWNERS) {
    const mine = items.filter((i) => i.owner.code === owner);
    if (mine.length > 0) groups.push({ owner: mine[0].owner, items: mine });
  }
  return { asOf: today, items: groups.flatMap((g) => g.items), groups };
}

/** The order within an owner's list: urgency, limitation days left, level (high first), balance (large first), source row. */
function compareWork(a: WorkItem, b: WorkItem): number {
  const urgency = WORK_URGENCIES.indexOf(a.urgency) - WORK_URGENCIES.indexOf(b.urgency);
  if (urgency !== 0) return urgency;
  if (a.urgency === "limitation") {
    const left = (a.limitationDaysLeft ?? 0) - (b.limitationDaysLeft ?? 0);
    if (left !== 0) return left;
  }
  return b.level - a.level || b.balance - a.balance || a.sourceRow - b.sourceRow;
}

/** The reasons a record is on today's list, most urgent first; empty when it is not. */
function whyToday(
  record: TriageRecord,
  step: NextStep,
  level: WarningLevel,
  facts: CustomerFacts | null,
  logged: boolean,
  today: number,
  policy: Policy,
): WhyToday[] {
  const why: WhyToday[] = [];
  const limitation = record.limitation;
  if (limitation !== null && limitation.status === "expired") {
    // Listed every day until the log restarts the period (a promise, a confirmed balance: its verdict is then no
    // longer expired): the debtor may still acknowledge the debt in writing, and then cannot plead the limitation.
    const end = isoFromSerial(limitation.end);
    const ago = -limitation.daysLeft;
    why.push({
      code: "limitation-expired",
      en: `the limitation period ran out on ${end} (${formatAmount(ago)} day${ago === 1 ? "" : "s"} ago): get a written acknowledgement (a new promise or a confirmed statement) to restart it`,
      zh: `诉讼时效已于 ${end} 届满（已过 ${formatAmount(ago)} 天）：取得书面确认（新的还款承诺或签字确认的对账单），使时效重新起算`,
    });
  }
  if (limitation !== null && limitation.status === "warning") {
    const end = isoFromSerial(limitation.end);
    const left = limitation.daysLeft;
    why.push({
      code: "limitation",
      en: `the limitation period ends ${end} (${formatAmount(left)} day${left === 1 ? "" : "s"} left)`,
      zh: `诉讼时效 ${end} 届满（剩余 ${formatAmount(left)} 天）`,
    });
  }
  const claimFiled = facts !== null && facts.lastInterruption !== null && facts.lastInterruption.action === "claimFiled";
  if (step.rule === "claim-window" && !claimFiled) {
    why.push({
      code: "claim-window",
      en: "bankrupt or insolvent: the claim window is open and no claim is logged as filed",
      zh: "已破产或资不抵债：债权申报期已开始，记录中尚无申报",
    });
  }
  const lastContact = facts?.lastContact ?? null;
  for (const p of facts?.promises ?? []) {
    if (p.status === "pending" && p.promisedDate === today) {
      why.push({
        code: "promise-due",
        en: `promise to pay ${formatAmount(p.amount)} due today (log row ${p.sourceRow}): check the payment`,
        zh: `承诺今日还款 ${formatAmount(p.amount)}（催收记录第 ${p.sourceRow} 行）：核对是否到账`,
      });
    }
  }
  for (const p of facts?.promises ?? []) {
    // A broken promise is chased once: a contact after its last day (promised date plus grace) has done it.
    if (p.status === "broken" && (lastContact === null || lastContact.date <= p.lastDay)) {
      const due = isoFromSerial(p.promisedDate);
      why.push({
        code: "promise-broken",
        en: `promise to pay ${formatAmount(p.amount)} by ${due} not kept (log row ${p.sourceRow}), no contact since`,
        zh: `承诺 ${due} 前还款 ${formatAmount(p.amount)} 未兑现（催收记录第 ${p.sourceRow} 行），此后未再联系`,
      });
    }
  }
  if (level >= 1) {
    if (!logged) {
      const days = followUpDays(level, policy) as number;
      why.push({
        code: "follow-up",
        en: `level ${level}: follow up ${days === 1 ? "daily" : `every ${days} days`}`,
        zh: `${LEVEL_ZH[level]}级预警：${days === 1 ? "每天" : `每 ${days} 天`}跟进`,
      });
    } else if (lastContact === null) {
      why.push({
        code: "follow-up",
        en: `level ${level}, no contact logged`,
        zh: `${LEVEL_ZH[level]}级预警，无联系记录`,
      });
    } else {
      const pending = (facts?.promises ?? []).filter((p) => p.status === "pending");
      const held = pending.length === 0 ? null : Math.max(...pending.map((p) => p.lastDay));
      const due = nextContactDue(lastContact.date, level, today, policy, held);
      if (due !== null && due <= today) {
        const days = followUpDays(level, policy) as number;
        const last = isoFromSerial(lastContact.date);
        const cadence = days === 1 ? { en: "daily", zh: "每天" } : { en: `every ${days} days`, zh: `每 ${days} 天` };
        why.push(
          due === today
            ? {
                code: "follow-up",
                en: `follow-up due today (last contact ${last}; level ${level}: ${cadence.en})`,
                zh: `今日应跟进（上次联系 ${last}；${LEVEL_ZH[level]}级预警：${cadence.zh}）`,
              }
            : {
                code: "follow-up",
                en: `follow-up overdue since ${isoFromSerial(due)} (last contact ${last}; level ${level}: ${cadence.en})`,
                zh: `自 ${isoFromSerial(due)} 起应跟进而未跟进（上次联系 ${last}；${LEVEL_ZH[level]}级预警：${cadence.zh}）`,
              },
        );
      }
    }
  }
  return why;
}
