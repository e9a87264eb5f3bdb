/**
 * Portfolio triage: every row of a debtor table through the rulebook at once. One record per input row,
 * in input order, never dropped: a row that cannot be read carries its problems, and still gets every
 * verdict whose inputs did read.
 *
 * The rules are the core's (grade.ts, aging.ts, profile.ts, channel.ts, settle.ts, plan.ts, recovery.ts,
 * prevention.ts, limitation.ts): this file only reads cells, calls them, and remembers results that
 * repeat (the profile of a signal combination, the text of a yes/no word, the reason of a day count), and
 * keeps a record's numbers in a few flat arrays, so that a million rows take well under two seconds.
 * The texts (reasons, labels) are built when they are read, not while the portfolio is triaged.
 */
import { reasonText, RuleError, show, type Language, type Reason } from "../errors.js";
import { isoFromSerial, readDate } from "../dates.js";
import { readAmount, readCount, readNumber } from "../input.js";
import { DEFAULT_POLICY, validatePolicy, type CreditGrade, type Policy } from "../policy.js";
import { checkOverdueRecord, creditTerm, gradeOfRule, gradeReasons, gradeRule, readCashFlow, type CashFlow, type GradeRule } from "../grade.js";
import { ageReceivable, bucketIndex, bucketLabels, daysPastDue, LADDER_ACTIONS, warningLevel, type WarningLevel } from "../aging.js";
import { debtorProfile, readSignal, readTurnoverDecline, type DebtorProfile, type DebtorSignals, type ProfileResult, type TurnoverDecline } from "../profile.js";
import { collectionStep, type CollectionStep } from "../channel.js";
import { MAX_AMOUNT, moneyTimes, notAbove, roundMoney } from "../money.js";
import { instalmentPlan, instalmentsNeeded } from "../plan.js";
import { bankruptcyRecovery, MAX_FILING_MONTHS, MIN_FILING_DAYS } from "../recovery.js";
import { confirmationOverdue, missingEvidence, readExcuse, type ConfirmationResult, type Excuse } from "../prevention.js";
import { limitationDaysLeft, limitationEnd, limitationReasons, limitationStatus, type LimitationStatus } from "../limitation.js";
import { FIELD_LABELS, REQUIRED_FIELDS, TRIAGE_FIELDS, type TriageField } from "./headers.js";
import { BLANK, ColumnTexts, customerKey, FirstSeen, isoDateSerial, keyHash, plainKeyHash, errorValueProblem, excelError, invalidProblem, isBlank, missingProblem, plainNumber, Refused, UncomputedFormula, uncomputedFormulaProblem } from "./cells.js";

/** `ok`: everything read; `problem`: something could not be read (see problems); `blank`: a blank row between data rows. */
export type TriageStatus = "ok" | "problem" | "blank";

/** Field -> 0-based column index (from recogniseColumns, corrected by the user). */
export type ColumnMapping = Readonly<Partial<Record<TriageField, number>>>;

/** Options of a triage run. */
export interface TriageOptions {
  /** Excel serial of the report date (days past due, confirmations and limitation are "as of" it). */
  readonly asOf: number;
  /** The workbook's policy; the defaults of rules.md when left out. */
  readonly policy?: Policy;
  /** Sheet row number of rows[0]; default 2 (the row under the header). */
  readonly firstRowNumber?: number;
  /**
   * The date system of the workbook the rows come from (default `1900`). In a `1904` workbook (older Mac
   * Excel) a date cell holds a serial counted from 1904-01-01, 1,462 days fewer than Excel's 1900 count:
   * numbers in date columns are moved onto the 1900 count; dates written as text are not numbers and
   * stay as they read. Every serial the triage gives (due dates, limitation ends) is a 1900 serial.
   */
  readonly dateSystem?: DateSystem;
  /**
   * Problems a file reader found in rows before any cell was read (0-based index into `rows` -> reason),
   * e.g. a CSV line with more fields than the header, whose cells are likely shifted. Each becomes the
   * first problem of its row, so the row is reported and never trusted as ok.
   */
  readonly rowProblems?: ReadonlyMap<number, Reason>;
}

/** Days past due beyond which a due date is taken for a number that is not a date (100 years). */
const IMPLAUSIBLE_DAYS_PAST_DUE = 36_525;

/** The problem of a due date more than 100 years before the as-of date. */
function implausibleDueDate(serial: number): Reason {
  const iso = isoFromSerial(serial);
  return {
    code: "implausible:dueDate",
    en: `due date: ${iso} is more than 100 years ago: is the cell a number rather than a date (a serial such as 500, or a shifted amount)?`,
    zh: `到期日：${iso} 早于 100 年前：该单元格是否为数字而非日期（如序号 500，或错位的金额）？`,
  };
}

/** Excel's two date systems: serials counted from 1899-12-30 (`1900`) or from 1904-01-01 (`1904`). */
export type DateSystem = "1900" | "1904";

/** Days from the 1900 system's day 0 to the 1904 system's: a 1904 serial plus this is the 1900 serial. */
export const DATE_1904_OFFSET = 1462;

/** An instalment plan sized to the debtor's free cash flow (AR.PLAN with instalmentsNeeded instalments). */
export interface InstalmentProposal {
  /** The fewest monthly instalments whose largest fits the free cash flow (instalmentsNeeded). */
  readonly instalments: number;
  /** Each instalment but the last. */
  readonly amount: number;
  /** The last instalment (it carries the rounding remainder). */
  readonly last: number;
  /** What the plan adds up to: the balance (the concession is left to the negotiation). */
  readonly total: number;
  /** The plan in one line, e.g. "10 instalments of 120,000: total 1,200,000". */
  readonly reason: Reason;
}

/** Bankruptcy: the expected payout on the balance, or (without the estate's figures) the reminder to file. */
export type RecoveryEstimate =
  | { readonly kind: "estimate"; readonly payout: number; readonly ordinaryRate: number; readonly reasons: readonly Reason[] }
  | { readonly kind: "file-claim"; readonly reason: Reason };

/** Where the debt stands in its limitation period. */
export interface LimitationVerdict {
  readonly lastInterruption: number;
  /** Excel serial of the last day of the period. */
  readonly end: number;
  /** Days left (negative once expired). */
  readonly daysLeft: number;
  readonly status: LimitationStatus;
}

/** The triage of one input row. A verdict is null when its inputs are absent or could not be read. */
export interface TriageRecord {
  /** Sheet row number of the input row. */
  readonly sourceRow: number;
  /** The customer as written (trimmed); "" when blank or unreadable. */
  readonly customer: string;
  readonly status: TriageStatus;
  /** What could not be read and why, one per cell (plus `duplicate`, `blank-row`); empty when ok. */
  readonly problems: readonly Reason[];
  readonly balance: number | null;
  /** Excel serial of the due date. */
  readonly dueDate: number | null;
  readonly overdueCount: number | null;
  readonly largestOverdue: number | null;
  readonly cashFlow: CashFlow | null;
  readonly grade: CreditGrade | null;
  readonly gradeRule: GradeRule | null;
  readonly termDays: number | null;
  readonly daysPastDue: number | null;
  /** 0 = current, 1 = first bucket, ... (aging.ts bucketIndex). */
  readonly bucketIndex: number | null;
  /** The bucket label in English (`current`, `1-30`, ..., `90+`). */
  readonly bucket: string | null;
  readonly level: WarningLevel | null;
  /** The ladder's next step in English (LADDER_ACTIONS.en). */
  readonly action: string | null;
  /** The debtor profile: from the signals present, unknown when absent (so `unclear` with no signals). */
  readonly profile: DebtorProfile | null;
  readonly play: Reason | null;
  readonly toFindOut: readonly Reason[];
  /** The next collection step (channel.ts), from balance, days past due and profile. */
  readonly step: CollectionStep | null;
  /** Settlement amounts: one per policy tier (pay within its days), then the full balance. */
  readonly offers: readonly number[] | null;
  /** For a temporary debtor whose free cash flow is known. */
  readonly instalments: InstalmentProposal | null;
  /** For a debtor unable to pay. */
  readonly recovery: RecoveryEstimate | null;
  /** The evidence to get (empty: complete), when the table has evidence columns and the row says something. */
  readonly missingEvidence: readonly Reason[] | null;
  /** Whether the balance confirmation is overdue, when the table has a last-confirmation column. */
  readonly confirmation: ConfirmationResult | null;
  /** The limitation period, when the row has a last-interruption date. */
  readonly limitation: LimitationVerdict | null;
  /**
   * The reasons behind the verdicts: grade, aging, profile, confirmation, limitation, and why a verdict
   * is missing. Built on each access, not kept (to send records by structured clone, use `toJSON()`).
   */
  readonly reasons: readonly Reason[];
  /** A plain object with every field, reasons included (for JSON or a worker's postMessage). */
  toJSON(): Omit<TriageRecord, "toJSON">;
}

/** The result of a triage run. */
export interface TriageOutput {
  /** One per input row up to the last non-blank one, in input order. */
  readonly records: readonly TriageRecord[];
  /** Blank rows after the last data row, ignored. */
  readonly trailingBlankRows: number;
  /** The as-of date used (whole Excel serial). */
  readonly asOf: number;
  /** The policy used. */
  readonly policy: Policy;
  /** The date system the date cells were read in (TriageOptions.dateSystem). */
  readonly dateSystem: DateSystem;
}

// ---- reasons that explain a missing verdict ------------------------------------------------------------

const GRADE_INPUTS: readonly TriageField[] = ["overdueCount", "largestOverdue", "cashFlow"];

/** "no grade" reasons by the mask of missing grade inputs (bit 0 overdue count, 1 amount, 2 cash flow). */
const NO_GRADE: readonly Reason[] = Array.from({ length: 8 }, (_, mask) => {
  const missing = GRADE_INPUTS.filter((_, i) => mask & (1 << i));
  const en = missing.map((f) => FIELD_LABELS[f].en).join(", ");
  const zh = missing.map((f) => FIELD_LABELS[f].zh).join("、");
  return Object.freeze({
    code: "no-grade",
    en: `no grade: ${en} not known (a grade needs the overdue events in 12 months, the largest overdue amount and the cash flow)`,
    zh: `无法评级：缺少${zh}（评级需要近12个月逾期次数、最大逾期金额和现金流）`,
  });
});

const NO_PROFILE: Reason = Object.freeze({
  code: "no-profile",
  en: "no profile: a debtor signal could not be read (see problems); the next step follows the ladder",
  zh: "无法画像：有客户信号无法识别（见问题列）；下一步按逾期预警线处理",
});

const NO_FREE_CASH_FLOW_COLUMN: Reason = Object.freeze({
  code: "no-instalment-plan",
  en: "no instalment proposal: the table has no free cash flow column",
  zh: "无分期方案：表格中没有自由现金流列",
});

const FREE_CASH_FLOW_BLANK: Reason = Object.freeze({
  code: "no-instalment-plan",
  en: "no instalment proposal: free cash flow not known",
  zh: "无分期方案：自由现金流未知",
});

const NOTHING_OWED: Reason = Object.freeze({ code: "no-instalment-plan", en: "no instalment proposal: nothing owed", zh: "无分期方案：无欠款" });

/** The claim-filing reminder for a debtor unable to pay when the estate's figures are not known. */
export const FILE_CLAIM_REMINDER: Reason = Object.freeze({
  code: "file-claim",
  en: `file the claim within the court's window (${MIN_FILING_DAYS} days to ${MAX_FILING_MONTHS} months from its announcement; AR.CLAIMDEADLINE gives the last day); no estimate without the free estate and the ordinary claims total`,
  zh: `在申报期内（法院受理公告后${MIN_FILING_DAYS}天至${MAX_FILING_MONTHS}个月，AR.CLAIMDEADLINE 可算最后一天）申报债权；缺少破产财产和普通债权总额，无法估算受偿额`,
});

const BLANK_ROW: Reason = Object.freeze({ code: "blank-row", en: "blank row between data rows", zh: "数据行之间的空行" });

function duplicateProblem(firstRow: number): Reason {
  return { code: "duplicate", en: `customer: duplicate of row ${firstRow}`, zh: `客户：与第 ${firstRow} 行重复` };
}

const NO_PROBLEMS: readonly Reason[] = Object.freeze([]);

// ---- the record -------------------------------------------------------------------------------------

/** A failed read: the cell's problem is already on the row. */
const FAILED = Symbol("failed");
type Read<T> = T | null | typeof FAILED;

/** What only some rows have: kept out of the record itself, so that a million records stay small. */
interface Extra {
  instalments: InstalmentProposal | null;
  recovery: RecoveryEstimate | null;
  notes: Reason[];
}

function newExtra(): Extra {
  return { instalments: null, recovery: null, notes: [] };
}

const GRADE_RULES: readonly GradeRule[] = ["C-repeat-overdue", "C-poor-cash-flow", "C-large-overdue", "B-small-overdue", "B-fair-cash-flow", "A-clean"];
/** 1 + the index of a rule in GRADE_RULES (a switch: no lookup by text per row). */
function gradeRuleCode(rule: GradeRule): number {
  switch (rule) {
    case "C-repeat-overdue": return 1;
    case "C-poor-cash-flow": return 2;
    case "C-large-overdue": return 3;
    case "B-small-overdue": return 4;
    case "B-fair-cash-flow": return 5;
    default: return 6; // A-clean
  }
}
const CASH_FLOWS: readonly CashFlow[] = ["good", "fair", "poor"];
/** 1 + the index of a cash flow in CASH_FLOWS. */
function cashFlowCode(cashFlow: CashFlow): number {
  return cashFlow === "good" ? 1 : cashFlow === "fair" ? 2 : 3;
}

// Where a row's numbers sit in the run's number slab (NaN: none).
const BALANCE = 0;
const COUNT_READ = 1;
const LARGEST = 2;
const NUMBERS = 3;
// Where a row's whole numbers sit in the run's integer slab, as 1 + the number (0: none).
const DUE = 0;
/** The row's shared verdicts, as 1 + their ids in the run's Verdicts (see Run.profileOf and the getters). */
const PROFILE_REF = 1;
const CONFIRMATION_REF = 2;
const LIMITATION_REF = 3;
const INTS = 4;
// Where a row's small codes sit in the run's code slab.
const RULE_CODE = 0;
const CASH_CODE = 1;
const GRADE_MISSING = 2;
/** 1 + the key of the row's step in Run.steps, 0: none. */
const STEP_CODE = 3;
/** 1: the row has an Extra in Run.extras. */
const HAS_EXTRA = 4;
/** The warning level (0-3), when the due date read. */
const LEVEL_CODE = 5;
const CODES = 6;

/**
 * A record as triage builds it: a thin view on the run. Its numbers (balance, due date, the overdue
 * record) and codes live in the run's slabs, its shared verdicts (profile, step, evidence, confirmation,
 * limitation) in the run's caches, what only some rows have (instalments, recovery, notes) in the run's
 * extras; what follows from those (status, days, bucket, level, labels, offers) is derived, and the
 * reasons are built on access; so that a million records are cheap to make and to keep (two fields each).
 */
class RecordImpl implements TriageRecord {
  #run: Run;
  #index: number;

  constructor(run: Run, index: number) {
    this.#run = run;
    this.#index = index;
  }

  get customer(): string {
    return this.#run.customers[this.#index] ?? "";
  }

  get problems(): readonly Reason[] {
    return this.#run.problemLists[this.#index] ?? NO_PROBLEMS;
  }

  /** From the problems: none is ok, a blank row's only problem is BLANK_ROW. */
  get status(): TriageStatus {
    const problems = this.problems;
    return problems.length === 0 ? "ok" : problems[0] === BLANK_ROW ? "blank" : "problem";
  }

  get sourceRow(): number {
    return this.#run.firstRow + this.#index;
  }

  get balance(): number | null {
    return this.#run.numberOf(this.#index, BALANCE);
  }

  /**
   * The settlement ladder as settlementLadder computes it (moneyTimes per tier, then roundMoney of the
   * full balance, each never above the balance as entered), without its labels: the amounts of AR.SETTLE.
   */
  get offers(): readonly number[] | null {
    const balance = this.balance;
    if (balance === null) return null;
    const rates = this.#run.tierRates;
    const offers: number[] = new Array(rates.length + 1);
    for (let i = 0; i < rates.length; i++) offers[i] = notAbove(moneyTimes(balance, rates[i]), balance);
    offers[rates.length] = notAbove(roundMoney(balance), balance);
    return offers;
  }

  get dueDate(): number | null {
    return this.#run.intOf(this.#index, DUE);
  }

  get daysPastDue(): number | null {
    const due = this.dueDate;
    return due === null ? null : daysPastDue(due, this.#run.asOf);
  }

  get bucketIndex(): number | null {
    return this.dueDate === null ? null : this.#run.buckets[this.#index];
  }

  get level(): WarningLevel | null {
    return this.dueDate === null ? null : (this.#run.codeOf(this.#index, LEVEL_CODE) as WarningLevel);
  }

  get overdueCount(): number | null {
    return this.#run.numberOf(this.#index, COUNT_READ);
  }

  get largestOverdue(): number | null {
    return this.#run.numberOf(this.#index, LARGEST);
  }

  get cashFlow(): CashFlow | null {
    const code = this.#run.codeOf(this.#index, CASH_CODE);
    return code === 0 ? null : CASH_FLOWS[code - 1];
  }

  get gradeRule(): GradeRule | null {
    const code = this.#run.codeOf(this.#index, RULE_CODE);
    return code === 0 ? null : GRADE_RULES[code - 1];
  }

  get grade(): CreditGrade | null {
    const rule = this.gradeRule;
    return rule === null ? null : gradeOfRule(rule);
  }

  get termDays(): number | null {
    const rule = this.gradeRule;
    return rule === null ? null : creditTerm(gradeOfRule(rule), this.#run.policy);
  }

  get bucket(): string | null {
    const i = this.bucketIndex;
    return i === null ? null : this.#run.labels[i];
  }

  get action(): string | null {
    const days = this.daysPastDue;
    const level = this.level;
    if (days === null || level === null) return null;
    return LADDER_ACTIONS.en[days === 0 ? 0 : 1 + level];
  }

  get profile(): DebtorProfile | null {
    const profile = this.#run.profileOf(this.#index);
    return profile === null ? null : profile.profile;
  }

  get play(): Reason | null {
    const profile = this.#run.profileOf(this.#index);
    return profile === null ? null : profile.play;
  }

  get toFindOut(): readonly Reason[] {
    const profile = this.#run.profileOf(this.#index);
    return profile === null ? NO_PROBLEMS : profile.toFindOut;
  }

  get step(): CollectionStep | null {
    const code = this.#run.codeOf(this.#index, STEP_CODE);
    return code === 0 ? null : (this.#run.steps[code - 1] as CollectionStep);
  }

  get missingEvidence(): readonly Reason[] | null {
    const ref = this.#run.evidenceRefs[this.#index];
    return ref === 0 ? null : this.#run.evidence.list[ref - 1];
  }

  get confirmation(): ConfirmationResult | null {
    const ref = this.#run.ints[this.#index * INTS + CONFIRMATION_REF];
    return ref === 0 ? null : this.#run.confirmations.list[ref - 1];
  }

  get limitation(): LimitationVerdict | null {
    const ref = this.#run.ints[this.#index * INTS + LIMITATION_REF];
    return ref === 0 ? null : this.#run.limitations.list[ref - 1];
  }

  get instalments(): InstalmentProposal | null {
    const extra = this.#run.extraOf(this.#index);
    return extra === undefined ? null : extra.instalments;
  }

  get recovery(): RecoveryEstimate | null {
    const extra = this.#run.extraOf(this.#index);
    return extra === undefined ? null : extra.recovery;
  }

  /** The reasons, built on each access from the run's shared parts (see reasonParts). */
  get reasons(): readonly Reason[] {
    const out: Reason[] = [];
    for (const part of this.reasonParts()) {
      if (Array.isArray(part)) out.push(...(part as readonly Reason[]));
      else out.push(part as Reason);
    }
    return out;
  }

  /**
   * The reasons in parts, most of them shared between rows (the aging reason of a day count, the
   * profile's reasons, a confirmation's): grade, aging, profile, confirmation, limitation, notes.
   */
  reasonParts(): (Reason | readonly Reason[])[] {
    const run = this.#run;
    const index = this.#index;
    const parts: (Reason | readonly Reason[])[] = [];
    if (this.status === "blank") return parts;
    if (run.codeOf(index, RULE_CODE) !== 0) {
      parts.push(run.gradeText(this.overdueCount as number, this.largestOverdue as number, run.codeOf(index, CASH_CODE)).reasons);
    } else {
      const missing = run.codeOf(index, GRADE_MISSING);
      if (missing !== 0) parts.push(NO_GRADE[missing]);
    }
    const due = this.dueDate;
    if (due !== null) parts.push(run.agingText(due, daysPastDue(due, run.asOf)).reasons);
    const profile = run.profileOf(index);
    if (profile !== null) parts.push(profile.reasons);
    else if (run.hasSignals) parts.push(NO_PROFILE);
    const confirmation = this.confirmation;
    if (confirmation !== null) parts.push(confirmation.reasons);
    const limitation = run.ints[index * INTS + LIMITATION_REF];
    if (limitation !== 0) parts.push(run.limitationReason(limitation - 1));
    const extra = run.extraOf(index);
    if (extra !== undefined) for (const note of extra.notes) parts.push(note);
    return parts;
  }

  /**
   * The reasons in one line (reasonsText): the parts of reasonParts, each shared list's text joined once
   * per run and kept with it, so that no list is joined and no lookup is made by object per row.
   */
  reasonsLine(language: Language): string {
    const run = this.#run;
    const index = this.#index;
    if (this.status === "blank") return "";
    let text = "";
    if (run.codeOf(index, RULE_CODE) !== 0) {
      text = append(text, run.gradeText(this.overdueCount as number, this.largestOverdue as number, run.codeOf(index, CASH_CODE)), language);
    } else {
      const missing = run.codeOf(index, GRADE_MISSING);
      if (missing !== 0) text = append(text, NO_GRADE_TEXTS[missing], language);
    }
    const due = this.dueDate;
    if (due !== null) text = append(text, run.agingText(due, daysPastDue(due, run.asOf)), language);
    const profile = run.ints[index * INTS + PROFILE_REF];
    if (profile !== 0) text = append(text, run.profiles.textOf(profile - 1), language);
    else if (run.hasSignals) text = append(text, NO_PROFILE_TEXT, language);
    const confirmation = run.ints[index * INTS + CONFIRMATION_REF];
    if (confirmation !== 0) text = append(text, run.confirmations.textOf(confirmation - 1), language);
    const limitation = run.ints[index * INTS + LIMITATION_REF];
    if (limitation !== 0) text = append(text, run.limitationText(limitation - 1), language);
    const extra = run.extraOf(index);
    if (extra !== undefined) {
      const separator = language === "zh" ? "；" : "; ";
      for (const note of extra.notes) {
        const piece = language === "zh" ? note.zh : note.en;
        text = text === "" ? piece : text + separator + piece;
      }
    }
    return text;
  }

  toJSON(): Omit<TriageRecord, "toJSON"> {
    return {
      sourceRow: this.sourceRow, customer: this.customer, status: this.status, problems: this.problems,
      balance: this.balance, dueDate: this.dueDate, overdueCount: this.overdueCount, largestOverdue: this.largestOverdue,
      cashFlow: this.cashFlow, grade: this.grade, gradeRule: this.gradeRule, termDays: this.termDays,
      daysPastDue: this.daysPastDue, bucketIndex: this.bucketIndex, bucket: this.bucket, level: this.level, action: this.action,
      profile: this.profile, play: this.play, toFindOut: this.toFindOut, step: this.step, offers: this.offers,
      instalments: this.instalments, recovery: this.recovery, missingEvidence: this.missingEvidence,
      confirmation: this.confirmation, limitation: this.limitation, reasons: this.reasons,
    };
  }
}

// ---- one run ------------------------------------------------------------------------------------------

const SIGNAL_FIELDS = [
  "businessOperating", "incomeStable", "turnoverDecline", "proposedPlan", "excuses", "contradiction",
  "brokenPromises", "refusesContact", "insolvent", "dishonestDebtor", "operationsStopped",
] as const satisfies readonly (TriageField & keyof DebtorSignals)[];

const EVIDENCE_FIELDS = ["signedContract", "reconciliation", "collectionRecords", "deliveryProof", "acceptanceForm"] as const satisfies readonly TriageField[];

/** 0 unknown, 1 no, 2 yes: a tri-state signal as two bits of a cache key. */
function tri(value: boolean | null): number {
  return value === null ? 0 : value ? 2 : 1;
}

const TURNOVER_CODE: Readonly<Record<TurnoverDecline, number>> = { "none": 1, "short-term": 2, "persistent": 3 };
const EXCUSE_CODE: Readonly<Record<Excuse, number>> = { "no-invoice": 1, "defect": 2 };
const PROFILE_CODE: Readonly<Record<DebtorProfile, number>> = { temporary: 1, willful: 2, unable: 3, unclear: 4 };

// How a cell is read: each kind is one core reader (see reader).
const AMOUNT = 0;
const NUMBER = 1;
const COUNT = 2;
const DATE = 3;
const SIGNAL = 4;
const TURNOVER = 5;
const CASH_FLOW = 6;
const EXCUSE = 7;

/**
 * The core's reader for a kind of cell, naming the field in its RuleError. A number it reads as
 * Infinity ("1e400" for readNumber) is refused: no rule can work with it.
 */
function reader(kind: number, field: TriageField): (value: unknown) => unknown {
  const finite = (n: number, value: unknown): number => {
    if (!Number.isFinite(n)) throw new RuleError(field, `${show(value)} is too large a number`, `${show(value)} 数值过大`);
    return n;
  };
  switch (kind) {
    case AMOUNT: return (v) => finite(readAmount(v, field), v);
    case NUMBER: return (v) => finite(readNumber(v, field), v);
    case COUNT: return (v) => readCount(v, field);
    case DATE: return (v) => readDate(v, field);
    case SIGNAL: return (v) => readSignal(v, field);
    case TURNOVER: return (v) => readTurnoverDecline(v, field);
    case CASH_FLOW: return (v) => readCashFlow(v, field);
    default: return (v) => readExcuse(v, field) ?? "none";
  }
}

/**
 * A list of reasons that rows share, and its text in each language (reasonText), joined when first read;
 * also after the separator of a line of reasons (reasonsText), so that adding it to a line is one
 * concatenation.
 */
class SharedText {
  private en: string | null = null;
  private zh: string | null = null;
  private enTail: string | null = null;
  private zhTail: string | null = null;

  constructor(readonly reasons: readonly Reason[]) {}

  text(language: Language): string {
    if (language === "zh") return (this.zh ??= reasonText(this.reasons, language));
    return (this.en ??= reasonText(this.reasons, language));
  }

  /** The text after the separator ("; ", in Chinese "；"). */
  tail(language: Language): string {
    if (language === "zh") return (this.zhTail ??= `；${this.text(language)}`);
    return (this.enTail ??= `; ${this.text(language)}`);
  }
}

/**
 * A line of reasons with a shared list added as reasonsText adds it: nothing for an empty list, else its
 * text, after the separator unless the line is still empty. Concatenation, not join: the engine keeps the
 * pieces and copies them once, when the text is written.
 */
function append(line: string, part: SharedText, language: Language): string {
  if (part.reasons.length === 0) return line;
  return line === "" ? part.text(language) : line + part.tail(language);
}

const NO_GRADE_TEXTS: readonly SharedText[] = NO_GRADE.map((reason) => new SharedText([reason]));
const NO_PROFILE_TEXT = new SharedText([NO_PROFILE]);

/**
 * The distinct verdicts of one kind in a run (profiles, evidence lists, confirmations, limitation
 * verdicts), each computed once: a dense id per verdict, found by the key of what it was computed from;
 * a key may instead be refused (the rule threw for it), remembered as a negative id.
 */
class Verdicts<T> {
  /** @param reasons the reasons of a verdict, for textOf */
  constructor(private readonly reasons: (verdict: T) => readonly Reason[] = () => NO_PROBLEMS) {}

  /** The verdicts by id. */
  readonly list: T[] = [];
  /** Key (a whole number >= 0) -> id (>= 0), or -1 - the refusal's index. */
  private readonly ids = new Map<number, number>();
  /** The keys last looked up and their ids, one per slot by the key's hash: most rows find theirs here, without the Map. */
  private readonly recentKeys = new Int32Array(RECENT_KEYS).fill(-1);
  private readonly recentIds = new Int32Array(RECENT_KEYS);
  private readonly texts: (SharedText | undefined)[] = [];

  /** The id of a key's verdict, -1 - the refusal's index when refused, undefined when not met yet. */
  idOf(key: number): number | undefined {
    const slot = Math.imul(key, 0x9e3779b1) >>> (32 - RECENT_KEY_BITS);
    if (this.recentKeys[slot] === key) return this.recentIds[slot];
    const id = this.ids.get(key);
    if (id !== undefined) {
      this.recentKeys[slot] = key;
      this.recentIds[slot] = id;
    }
    return id;
  }

  /** Remembers a verdict (under a key, or under none: a verdict no key describes) and gives its id. */
  add(verdict: T, key?: number): number {
    const id = this.list.length;
    this.list.push(verdict);
    if (key !== undefined) this.ids.set(key, id);
    return id;
  }

  /** Remembers that a key is refused, with the index of its problem. */
  refuse(key: number, refusal: number): void {
    this.ids.set(key, -1 - refusal);
  }

  /** The reasons of a verdict, with their text, shared by the verdict's rows. */
  textOf(id: number): SharedText {
    let shared = this.texts[id];
    if (shared === undefined) {
      shared = new SharedText(this.reasons(this.list[id]));
      this.texts[id] = shared;
    }
    return shared;
  }
}

/** Keys below this index arrays directly (day counts, grade keys). */
const SMALL_KEYS = 1 << 16;
const RECENT_KEY_BITS = 12;
const RECENT_KEYS = 1 << RECENT_KEY_BITS;

/** The state of one triage run: the options, the column of each field, the caches, the slabs, and the row being read. */
class Run {
  readonly col: Readonly<Record<TriageField, number>>;
  readonly signalCols: Int32Array;
  readonly evidenceCols: Int32Array;
  readonly tierRates: Float64Array;
  readonly labels: readonly string[];
  readonly hasSignals: boolean;
  readonly hasEvidence: boolean;
  readonly hasGradeColumns: boolean;
  /**
   * NUMBERS numbers per row: the balance, the overdue count and the largest overdue amount (BALANCE,
   * COUNT_READ, LARGEST); NaN where nothing read. One slab for the run instead of fields per row (a
   * plain array: a typed array this large would count as external memory, and the run's typed arrays
   * are kept small enough not to cost a full garbage collection for it).
   */
  readonly numbers: number[];
  /**
   * INTS whole numbers per row, each as 1 + the number (0: none, so that the slab needs no filling): the
   * due date (DUE), then the ids of the row's profile, confirmation and limitation verdicts
   * (PROFILE_REF ...).
   */
  readonly ints: Int32Array;
  /** CODES small codes per row: grade rule, cash flow (1-based, 0 none), missing grade inputs (NO_GRADE mask), step (1 + its key in steps), has an extra, warning level. */
  readonly codes: Uint8Array;
  /** 1 + the id of each row's evidence verdict in `evidence` (0: none). */
  readonly evidenceRefs: Uint16Array;
  /** Each row's aging bucket, when the due date read (two bytes, unless the policy has that many edges). */
  readonly buckets: Uint16Array | Int32Array;
  /** What only some rows have (instalments, recovery, notes), by row (see HAS_EXTRA). */
  private readonly extras = new Map<number, Extra>();
  /** Each row's customer as written (trimmed; none when blank or unreadable) and its problems (none: no problem). */
  readonly customers: (string | undefined)[];
  readonly problemLists: (readonly Reason[] | undefined)[];

  /** The texts of each column, read once each (see ColumnTexts). */
  private readonly texts: (ColumnTexts<unknown> | undefined)[] = [];
  /** The distinct verdicts of the run, each once; a row keeps 1 + the id of its own (see INTS). */
  readonly profiles = new Verdicts<ProfileResult>((profile) => profile.reasons);
  readonly evidence = new Verdicts<readonly Reason[]>();
  readonly confirmations = new Verdicts<ConfirmationResult>((confirmation) => confirmation.reasons);
  readonly limitations = new Verdicts<LimitationVerdict>();
  /** The first reason of each limitation verdict (by its id), with its text. */
  private readonly limitationTexts: SharedText[] = [];
  /** The problem of a last-confirmation or last-interruption date the rule refuses, by its id (see Verdicts.refuse). */
  private readonly refused: Reason[] = [];
  readonly steps: (CollectionStep | undefined)[] = [];
  /** The aging reason of each day count, with its text (by days, the few beyond SMALL_KEYS in a Map). */
  private readonly aging = new Array<SharedText | undefined>(SMALL_KEYS);
  private readonly agingBeyond = new Map<number, SharedText>();
  /**
   * Grade reasons with their text by 4 x count + cash flow, for counts other than 1 (the amount plays no
   * part then; counts beyond SMALL_KEYS / 4 are not kept).
   */
  private readonly gradeByCount = new Array<SharedText | undefined>(SMALL_KEYS);
  /** Grade reasons of one overdue event of 0, per cash flow. */
  private readonly gradeAtZero: (SharedText | undefined)[] = [undefined, undefined, undefined];
  /** The customer key of each row (customerKey of its name; none for a row without one) and its keyHash. */
  private readonly keys: (string | undefined)[];
  private readonly hashes: Int32Array;
  /** Rows the rules failed on (see failed). */
  private readonly failedRows = new Set<number>();

  /** The row being read and its problems (allocated at the first one). */
  private cells: readonly unknown[] = [];
  private problems: Reason[] | null = null;
  /** Scratch space for the signals and the evidence of the row being read. */
  private readonly signalValues: (boolean | TurnoverDecline | number | null)[] = new Array(SIGNAL_FIELDS.length).fill(null);
  private readonly held: (boolean | null)[] = [null, null, null, null, null];

  /** Days added to a number in a date column: DATE_1904_OFFSET in a 1904 workbook, else 0. */
  dateOffset = 0;

  constructor(mapping: ColumnMapping, readonly asOf: number, readonly policy: Policy, readonly firstRow: number, rows: number) {
    const col = {} as { [F in TriageField]: number };
    for (const field of TRIAGE_FIELDS) col[field] = mapping[field] ?? -1;
    this.col = col;
    this.signalCols = Int32Array.from(SIGNAL_FIELDS, (f) => col[f]);
    this.evidenceCols = Int32Array.from(EVIDENCE_FIELDS, (f) => col[f]);
    this.tierRates = Float64Array.from(policy.settlementTiers, (t) => t.rate);
    this.labels = bucketLabels(policy.agingEdges, "en");
    this.hasSignals = SIGNAL_FIELDS.some((f) => col[f] >= 0);
    this.hasEvidence = EVIDENCE_FIELDS.some((f) => col[f] >= 0) || col.excuse >= 0;
    this.hasGradeColumns = GRADE_INPUTS.some((f) => col[f] >= 0);
    this.numbers = new Array<number>(rows * NUMBERS).fill(Number.NaN);
    this.ints = new Int32Array(rows * INTS);
    this.codes = new Uint8Array(rows * CODES);
    this.evidenceRefs = new Uint16Array(rows);
    this.buckets = policy.agingEdges.length < 0xfff0 ? new Uint16Array(rows) : new Int32Array(rows);
    this.keys = new Array<string | undefined>(rows);
    this.customers = new Array<string | undefined>(rows);
    this.problemLists = new Array<readonly Reason[] | undefined>(rows);
    this.hashes = new Int32Array(rows);
    // The word columns' texts, ready for word()
    SIGNAL_FIELDS.forEach((f, i) => {
      if (col[f] >= 0 && i !== 6) this.columnTexts(i === 2 ? TURNOVER : SIGNAL, col[f], f);
    });
    EVIDENCE_FIELDS.forEach((f) => {
      if (col[f] >= 0) this.columnTexts(SIGNAL, col[f], f);
    });
    if (col.cashFlow >= 0) this.columnTexts(CASH_FLOW, col.cashFlow, "cashFlow");
    if (col.excuse >= 0) this.columnTexts(EXCUSE, col.excuse, "excuse");
  }

  /** A number of a row from the number slab, null when it did not read (NaN). */
  numberOf(index: number, offset: number): number | null {
    const n = this.numbers[index * NUMBERS + offset];
    return n === n ? n : null;
  }

  /** A whole number of a row from the integer slab, null when none (stored 0). */
  intOf(index: number, offset: number): number | null {
    const n = this.ints[index * INTS + offset];
    return n === 0 ? null : n - 1;
  }

  /** The profile of a row. */
  profileOf(index: number): ProfileResult | null {
    const ref = this.ints[index * INTS + PROFILE_REF];
    return ref === 0 ? null : this.profiles.list[ref - 1];
  }

  /** What only some rows have, if the row has it. */
  extraOf(index: number): Extra | undefined {
    return this.codes[index * CODES + HAS_EXTRA] === 0 ? undefined : this.extras.get(index);
  }

  private extraFor(index: number): Extra {
    let extra = this.extras.get(index);
    if (extra === undefined) {
      extra = newExtra();
      this.extras.set(index, extra);
      this.codes[index * CODES + HAS_EXTRA] = 1;
    }
    return extra;
  }

  /** Adds a reason that explains a missing verdict. */
  private note(index: number, reason: Reason): void {
    this.extraFor(index).notes.push(reason);
  }

  /** A small code of a row from the code slab. */
  codeOf(index: number, offset: number): number {
    return this.codes[index * CODES + offset];
  }

  /**
   * The grade reasons of an overdue record (gradeReasons) with their text. gradeReasons names the amount
   * only for one overdue event, so for any other count the reasons are shared whatever the amount (a test
   * compares them with gradeReasons); for one event they are made for the row (amounts seldom repeat, and
   * keeping them would cost more than making them).
   */
  gradeText(overdueCount: number, largestOverdue: number, cashCode: number): SharedText {
    const cash = cashCode - 1;
    if (overdueCount !== 1) {
      const key = overdueCount * 4 + cash;
      const small = key < SMALL_KEYS;
      let shared = small ? this.gradeByCount[key] : undefined;
      if (shared === undefined) {
        shared = new SharedText(gradeReasons({ overdueCount, largestOverdue, cashFlow: CASH_FLOWS[cash] }, this.policy));
        if (small) this.gradeByCount[key] = shared;
      }
      return shared;
    }
    if (largestOverdue === 0) {
      // 0 and -0 (typed "-0") share the reasons first made for either, as they always have
      return (this.gradeAtZero[cash] ??= new SharedText(gradeReasons({ overdueCount, largestOverdue, cashFlow: CASH_FLOWS[cash] }, this.policy)));
    }
    return new SharedText(gradeReasons({ overdueCount, largestOverdue, cashFlow: CASH_FLOWS[cash] }, this.policy));
  }

  /** The first reason of a limitation verdict (limitationReasons: when it ends, the days left), by its id. */
  limitationReason(id: number): Reason {
    return this.limitationText(id).reasons[0];
  }

  /** limitationReason with its text. */
  limitationText(id: number): SharedText {
    let shared = this.limitationTexts[id];
    if (shared === undefined) {
      shared = new SharedText([limitationReasons(this.limitations.list[id].lastInterruption, this.asOf, this.policy)[0]]);
      this.limitationTexts[id] = shared;
    }
    return shared;
  }

  /** The aging reason of a due date `days` past due (ageReceivable's), with its text, one per day count. */
  agingText(dueDate: number, days: number): SharedText {
    const small = days < SMALL_KEYS;
    let shared = small ? this.aging[days] : this.agingBeyond.get(days);
    if (shared === undefined) {
      shared = new SharedText(ageReceivable(dueDate, this.asOf, this.policy).reasons);
      if (small) this.aging[days] = shared;
      else this.agingBeyond.set(days, shared);
    }
    return shared;
  }

  /**
   * The next collection step (channel.ts collectionStep), shared between rows that collectionStep cannot
   * tell apart. Its rule (see its JSDoc) looks at the balance only as 0, below or from the large-amount
   * threshold, and at the days past due only as 0 or through warningLevel; so one call per class of
   * (balance, days, profile) gives every row's step, without a million objects. A property test checks
   * that the shared step equals collectionStep's for random rows.
   * @returns the key of the step in `steps`
   */
  private step(balance: number, days: number, profile: DebtorProfile | null): number {
    const amountClass = balance === 0 ? 0 : balance >= this.policy.largeAmountThreshold ? 2 : 1;
    const dayClass = days === 0 ? 0 : 1 + warningLevel(days, this.policy.warningDays);
    const key = amountClass + 3 * dayClass + 15 * (profile === null ? 0 : PROFILE_CODE[profile]);
    if (this.steps[key] === undefined) this.steps[key] = collectionStep(balance, days, profile, this.policy);
    return key;
  }

  private problem(reason: Reason): void {
    if (this.problems === null) this.problems = [reason]; // sized for the one problem most rows with any have
    else this.problems.push(reason);
  }

  /**
   * A row the rules failed on in a way no reader foresaw (a bug, not the user's data): its problem says
   * so, and it keeps no verdict, rather than stopping the run.
   */
  failed(index: number, error: unknown): RecordImpl {
    this.failedRows.add(index);
    this.numbers.fill(Number.NaN, index * NUMBERS, (index + 1) * NUMBERS);
    this.ints.fill(0, index * INTS, (index + 1) * INTS);
    this.codes.fill(0, index * CODES, (index + 1) * CODES);
    this.evidenceRefs[index] = 0;
    this.buckets[index] = 0;
    this.customers[index] = undefined;
    this.extras.delete(index);
    const message = error instanceof Error ? error.message : String(error);
    this.problemLists[index] = [{ code: "internal", en: `this row could not be triaged: ${message}`, zh: `此行无法分析：${message}` }];
    return new RecordImpl(this, index);
  }

  /**
   * The second and later rows of each customer (keys compared as sameKey does): a `duplicate` problem
   * naming the first row, first among the row's problems. The keys are filed in one pass after the rows
   * are read, in row order, which keeps the hash table's memory accesses in a tight loop.
   */
  markDuplicates(rows: number): void {
    const keys = this.keys;
    const hashes = this.hashes;
    let count = 0;
    for (let i = 0; i < rows; i++) if (keys[i] !== undefined) count++;
    const seen = new FirstSeen(count);
    for (let i = 0; i < rows; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      const first = seen.firstRowHashed(key, hashes[i], this.firstRow + i);
      if (first < 0 || this.failedRows.has(i)) continue;
      const problems = this.problemLists[i];
      this.problemLists[i] = problems === undefined ? [duplicateProblem(first)] : [duplicateProblem(first), ...problems];
    }
  }

  /** True for a row the rules failed on (its one problem says so). */
  isFailed(index: number): boolean {
    return this.failedRows.has(index);
  }

  /** A problem a file reader found in a row, put first among the row's problems (not on blank rows). */
  readerProblem(index: number, reason: Reason): void {
    const problems = this.problemLists[index];
    if (problems !== undefined && problems[0] === BLANK_ROW) return;
    this.problemLists[index] = problems === undefined ? [reason] : [reason, ...problems];
  }

  /** A blank row between data rows. */
  blank(index: number): RecordImpl {
    this.problemLists[index] = [BLANK_ROW];
    return new RecordImpl(this, index);
  }

  /** Triages one non-blank row, the index-th of the table. */
  row(cells: readonly unknown[], index: number): RecordImpl {
    this.cells = cells;
    this.problems = null;
    const col = this.col;
    const policy = this.policy;
    const numbers = this.numbers;

    // ---- the required fields
    const customer = this.customerCell(cells[col.customer]);
    if (customer !== null) {
      this.customers[index] = customer;
      // Its key and hash; duplicates are found once every row is read (markDuplicates).
      const h = plainKeyHash(customer);
      if (h === h) {
        this.keys[index] = customer;
        this.hashes[index] = h;
      } else {
        const key = customerKey(customer);
        this.keys[index] = key;
        this.hashes[index] = keyHash(key);
      }
    }
    const balance = this.amount(col.balance, "balance", true);
    const due = this.date(col.dueDate, "dueDate", true);
    // A number that is not a date reads as a serial of 1900-1901 (`500`, a shifted amount): say so.
    if (typeof due === "number" && this.asOf - due > IMPLAUSIBLE_DAYS_PAST_DUE) this.problem(implausibleDueDate(due));

    // ---- grade (rules.md section 1)
    if (this.hasGradeColumns) this.gradeRow(index);
    else this.codes[index * CODES + GRADE_MISSING] = 7;

    // ---- aging (section 2)
    // (days past due follow from the due date, in the record's getter)
    let days = -1;
    if (typeof due === "number") {
      days = daysPastDue(due, this.asOf);
      this.ints[index * INTS + DUE] = due + 1;
      this.buckets[index] = bucketIndex(days, policy.agingEdges);
      this.codes[index * CODES + LEVEL_CODE] = warningLevel(days, policy.warningDays);
    }

    // ---- profile (section 3)
    const profile = this.profileRow(index);

    // ---- next step, settlement ladder, instalments, bankruptcy
    if (typeof balance === "number") {
      numbers[index * NUMBERS + BALANCE] = balance;
      if (days >= 0) this.codes[index * CODES + STEP_CODE] = 1 + this.step(balance, days, profile);
      // (the settlement offers follow from the balance, in the record's getter)
      if (profile === "temporary") this.instalmentRow(index, balance);
      else if (profile === "unable") this.recoveryRow(index, balance);
    }

    // ---- evidence, confirmation, limitation (sections 4 and 7, Civil Code)
    if (this.hasEvidence) this.evidenceRow(index);
    if (col.lastConfirmation >= 0) this.confirmationRow(index);
    if (col.lastInterruption >= 0) this.limitationRow(index);

    if (this.problems !== null) this.problemLists[index] = this.problems;
    return new RecordImpl(this, index);
  }

  private customerCell(value: unknown): string | null {
    if (typeof value === "string") {
      const n = value.length;
      if (n !== 0) {
        // A name from a printable ASCII character other than "#" to another: no error value, nothing to trim.
        const first = value.charCodeAt(0);
        const last = value.charCodeAt(n - 1);
        if (first > 32 && first < 127 && first !== 35 && last > 32 && last < 127) return value;
      }
      const error = excelError(value);
      if (error !== null) {
        this.problem(errorValueProblem("customer", error));
        return null;
      }
      const name = value.trim();
      if (name !== "") return name;
    } else if (typeof value === "number" || typeof value === "boolean") {
      return String(value);
    } else if (value instanceof UncomputedFormula) {
      this.problem(uncomputedFormulaProblem("customer", value));
      return null;
    } else if (value !== null && value !== undefined) {
      this.problem(invalidProblem("customer", new RuleError("customer", `${show(value)} is not a name`, `${show(value)} 不是名称`)));
      return null;
    }
    this.problem(missingProblem("customer"));
    return null;
  }

  /**
   * Reads the cell in `column` of the current row for `field`. Null for a blank cell (a problem when
   * `required`), FAILED when it holds an Excel error or the core's reader refuses it (the problem is
   * added). Number cells and plain texts take a fast path that gives what the reader would.
   */
  private read(kind: typeof AMOUNT | typeof NUMBER | typeof COUNT | typeof DATE, column: number, field: TriageField, required?: boolean): Read<number>;
  private read(kind: typeof SIGNAL, column: number, field: TriageField): Read<boolean>;
  private read(kind: typeof TURNOVER, column: number, field: TriageField): Read<TurnoverDecline>;
  private read(kind: typeof CASH_FLOW, column: number, field: TriageField): Read<CashFlow>;
  private read(kind: typeof EXCUSE, column: number, field: TriageField): Read<Excuse | "none">;
  private read(kind: number, column: number, field: TriageField, required = false): Read<unknown> {
    const value = this.cells[column];
    if (typeof value === "string") {
      switch (kind) {
        case AMOUNT: {
          const n = plainNumber(value);
          if (n <= MAX_AMOUNT) return n; // not NaN, within readAmount's bound
          break;
        }
        case NUMBER: {
          const n = plainNumber(value);
          if (n === n) return n; // not NaN
          break;
        }
        case COUNT: {
          const n = plainNumber(value);
          if (Number.isInteger(n)) return n; // plain digits: >= 0
          break;
        }
        case DATE: {
          const serial = isoDateSerial(value);
          if (serial === serial) return serial;
          break;
        }
      }
      // Blanks, Excel error values and every other text, each distinct text checked and read once.
      const read = this.columnTexts(kind, column, field).get(value);
      if (read === BLANK) {
        if (required) this.problem(missingProblem(field));
        return null;
      }
      if (read instanceof Refused) {
        this.problem(read.problem);
        return FAILED;
      }
      return read;
    }
    switch (kind) {
      case AMOUNT:
        if (typeof value === "number" && value >= 0 && value <= MAX_AMOUNT) return value;
        break;
      case NUMBER:
        if (typeof value === "number" && value > -Infinity && value < Infinity) return value;
        break;
      case COUNT:
        if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
        break;
      case DATE:
        if (typeof value === "number") {
          // A 1904 workbook's serial moved onto the 1900 count first, so that the checks see the real day.
          const serial = value + this.dateOffset;
          if (serial >= 1 && serial < 2958466 && serial !== 60) return readDate(serial, field);
          if (this.dateOffset !== 0) {
            try {
              return readDate(serial, field);
            } catch (e) {
              this.problem(invalidProblem(field, e));
              return FAILED;
            }
          }
        }
        break;
      case SIGNAL:
        if (typeof value === "boolean") return value;
        if (value === 1 || value === 0) return value === 1; // as readSignal reads 1 and 0
        break;
    }
    if (value === null || value === undefined) {
      if (required) this.problem(missingProblem(field));
      return null;
    }
    if (value instanceof UncomputedFormula) {
      this.problem(uncomputedFormulaProblem(field, value));
      return FAILED;
    }
    try {
      return reader(kind, field)(value);
    } catch (e) {
      this.problem(invalidProblem(field, e));
      return FAILED;
    }
  }

  /** Reads an amount as read does, with its fast paths small enough to be inlined where it is read. */
  private amount(column: number, field: TriageField, required: boolean): Read<number> {
    const value = this.cells[column];
    if (typeof value === "string") {
      const n = plainNumber(value);
      if (n <= MAX_AMOUNT) return n; // not NaN, within readAmount's bound
    } else if (typeof value === "number" && value >= 0 && value <= MAX_AMOUNT) {
      return value;
    }
    return this.read(AMOUNT, column, field, required);
  }

  /** Reads a date as read does, with its fast path for ISO text small enough to be inlined where it is read. */
  private date(column: number, field: TriageField, required: boolean): Read<number> {
    const value = this.cells[column];
    if (typeof value === "string") {
      const serial = isoDateSerial(value);
      if (serial === serial) return serial; // not NaN
    }
    return this.read(DATE, column, field, required);
  }

  /**
   * Reads a cell of a word column (a signal, turnover, cash flow or excuse), as read does: a text straight
   * from the column's texts (made when the run starts), anything else through read.
   */
  private word(kind: typeof SIGNAL, column: number, field: TriageField): Read<boolean>;
  private word(kind: typeof TURNOVER, column: number, field: TriageField): Read<TurnoverDecline>;
  private word(kind: typeof CASH_FLOW, column: number, field: TriageField): Read<CashFlow>;
  private word(kind: typeof EXCUSE, column: number, field: TriageField): Read<Excuse | "none">;
  private word(kind: number, column: number, field: TriageField): Read<unknown> {
    const value = this.cells[column];
    if (typeof value !== "string") return this.read(kind as typeof SIGNAL, column, field);
    const read = (this.texts[column] as ColumnTexts<unknown>).get(value);
    if (read === BLANK) return null;
    if (read instanceof Refused) {
      this.problem(read.problem);
      return FAILED;
    }
    return read;
  }

  /** The texts of a column (each column is always read as one kind, for one field). */
  private columnTexts(kind: number, column: number, field: TriageField): ColumnTexts<unknown> {
    let texts = this.texts[column];
    if (texts === undefined) {
      // Amounts and numbers rarely repeat: remember only the texts refused (placeholders such as "n/a").
      texts = new ColumnTexts<unknown>(reader(kind, field), field, kind !== AMOUNT && kind !== NUMBER);
      this.texts[column] = texts;
    }
    return texts;
  }

  /** Reads the overdue record and grades the customer (AR.GRADE's rule). */
  private gradeRow(index: number): void {
    const col = this.col;
    let missing = 0;
    const n = col.overdueCount >= 0 ? this.read(COUNT, col.overdueCount, "overdueCount") : null;
    let amount = col.largestOverdue >= 0 ? this.amount(col.largestOverdue, "largestOverdue", false) : null;
    const cashFlow = col.cashFlow >= 0 ? this.word(CASH_FLOW, col.cashFlow, "cashFlow") : null;
    if (n === null) missing |= 1;
    // No overdue event and no amount written: the largest overdue amount is 0.
    if (amount === null) {
      if (n === 0) amount = 0;
      else missing |= 2;
    }
    if (cashFlow === null) missing |= 4;
    const at = index * NUMBERS;
    const codes = index * CODES;
    if (typeof n === "number") this.numbers[at + COUNT_READ] = n;
    if (typeof amount === "number") this.numbers[at + LARGEST] = amount;
    if (cashFlow !== null && cashFlow !== FAILED) this.codes[codes + CASH_CODE] = cashFlowCode(cashFlow);
    if (n === FAILED || amount === FAILED || cashFlow === FAILED) return;
    if (missing !== 0) {
      this.codes[codes + GRADE_MISSING] = missing;
      return;
    }
    const count = n as number;
    const largest = amount as number;
    try {
      checkOverdueRecord(count, largest);
    } catch (e) {
      this.problem(invalidProblem(e instanceof RuleError && e.argument === "overdue_count" ? "overdueCount" : "largestOverdue", e));
      return;
    }
    // The grade and its term follow from the rule (gradeOfRule, creditTerm) in the record's getters.
    const rule = gradeRule(count, largest, cashFlow as CashFlow, this.policy.smallAmountLimit);
    this.codes[codes + RULE_CODE] = gradeRuleCode(rule);
  }

  /** Reads the signals and profiles the debtor (one debtorProfile call per signal combination). */
  private profileRow(index: number): DebtorProfile | null {
    let key = 0;
    const values = this.signalValues;
    if (this.hasSignals) {
      const cols = this.signalCols;
      let bad = false;
      for (let i = 0; i < SIGNAL_FIELDS.length; i++) {
        values[i] = null;
        const column = cols[i];
        if (column < 0) continue;
        const field = SIGNAL_FIELDS[i];
        const v = i === 2 ? this.word(TURNOVER, column, field) : i === 6 ? this.read(COUNT, column, field) : this.word(SIGNAL, column, field);
        if (v === FAILED) bad = true;
        else values[i] = v;
      }
      if (bad) return null; // no profile: the reasons say NO_PROFILE
      const promises = values[6] === null ? 0 : (values[6] as number) < 1000 ? (values[6] as number) + 1 : -1;
      const turnover = values[2] === null ? 0 : TURNOVER_CODE[values[2] as TurnoverDecline];
      key = promises < 0
        ? -1
        : tri(values[0] as boolean | null) + 4 * tri(values[1] as boolean | null) + 16 * turnover + 64 * tri(values[3] as boolean | null)
          + 256 * tri(values[4] as boolean | null) + 1024 * tri(values[5] as boolean | null) + 4096 * tri(values[7] as boolean | null)
          + 16384 * tri(values[8] as boolean | null) + 65536 * tri(values[9] as boolean | null) + 262144 * tri(values[10] as boolean | null)
          + 1048576 * promises;
    }
    // A combination met before: its profile; else debtorProfile's, remembered (unless it makes no key).
    let id = key < 0 ? undefined : this.profiles.idOf(key);
    if (id === undefined) {
      const result = debtorProfile(this.hasSignals ? signalsOf(values) : UNKNOWN, this.policy);
      id = key < 0 ? this.profiles.add(result) : this.profiles.add(result, key);
    }
    this.ints[index * INTS + PROFILE_REF] = id + 1;
    return this.profiles.list[id].profile;
  }

  /** A temporary debtor: the fewest instalments that fit its free cash flow (AR.PLAN, no concession). */
  private instalmentRow(index: number, balance: number): void {
    const column = this.col.freeCashFlow;
    if (column < 0) {
      this.note(index, NO_FREE_CASH_FLOW_COLUMN);
      return;
    }
    const fcf = this.read(NUMBER, column, "freeCashFlow");
    if (fcf === FAILED) return;
    if (fcf === null) {
      this.note(index, FREE_CASH_FLOW_BLANK);
      return;
    }
    if (balance === 0) {
      this.note(index, NOTHING_OWED);
      return;
    }
    try {
      const n = instalmentsNeeded(balance, fcf, this.policy);
      const plan = instalmentPlan(balance, n, {}, this.policy);
      this.extraFor(index).instalments = { instalments: n, amount: plan.instalments[0].amount, last: plan.instalments[n - 1].amount, total: plan.total, reason: plan.reasons[0] };
    } catch (e) {
      if (e instanceof RuleError && e.argument === "free_cash_flow") {
        this.note(index, { code: "no-instalment-plan", en: `no instalment proposal: ${e.message}`, zh: `无分期方案：${e.zh}` });
      } else {
        this.problem(invalidProblem("balance", e));
      }
    }
  }

  /** A debtor unable to pay: the bankruptcy payout (AR.RECOVERY), or the reminder to file the claim. */
  private recoveryRow(index: number, balance: number): void {
    const col = this.col;
    const estate = col.freeEstate >= 0 ? this.read(AMOUNT, col.freeEstate, "freeEstate") : null;
    const total = col.ordinaryClaimsTotal >= 0 ? this.read(AMOUNT, col.ordinaryClaimsTotal, "ordinaryClaimsTotal") : null;
    if (estate === FAILED || total === FAILED) return;
    if (estate === null || total === null) {
      this.extraFor(index).recovery = { kind: "file-claim", reason: FILE_CLAIM_REMINDER };
      return;
    }
    try {
      const result = bankruptcyRecovery(balance, { freeEstate: estate, ordinaryClaimsTotal: total });
      this.extraFor(index).recovery = { kind: "estimate", payout: result.payout, ordinaryRate: result.ordinaryRate, reasons: result.reasons };
    } catch (e) {
      const argument = e instanceof RuleError ? e.argument : "";
      this.problem(invalidProblem(argument === "free_estate" ? "freeEstate" : argument === "claim" ? "balance" : "ordinaryClaimsTotal", e));
    }
  }

  /** The evidence to get (AR.EVIDENCE), one missingEvidence call per combination. */
  private evidenceRow(index: number): void {
    const cols = this.evidenceCols;
    const held = this.held;
    let key = 0;
    let bad = false;
    let known = false;
    for (let i = 0; i < EVIDENCE_FIELDS.length; i++) {
      held[i] = null;
      const column = cols[i];
      if (column < 0) continue;
      const v = this.word(SIGNAL, column, EVIDENCE_FIELDS[i]);
      if (v === FAILED) bad = true;
      else if (v !== null) {
        held[i] = v;
        known = true;
        key += tri(v) << (2 * i);
      }
    }
    let excuse: Excuse | null = null;
    const excuseColumn = this.col.excuse;
    if (excuseColumn >= 0) {
      const v = this.word(EXCUSE, excuseColumn, "excuse");
      if (v === FAILED) bad = true;
      else if (v !== null && v !== "none") {
        // "none" counts as blank, as in AR.EVIDENCE (readExcuse reads it as no excuse)
        known = true;
        excuse = v;
        key += EXCUSE_CODE[v] << 10;
      }
    }
    // As AR.EVIDENCE: nothing known about the evidence gives no verdict.
    if (bad || !known) return;
    let id = this.evidence.idOf(key);
    if (id === undefined) {
      const held5 = { signedContract: held[0], reconciliation: held[1], collectionRecords: held[2], deliveryProof: held[3], acceptanceForm: held[4] };
      id = this.evidence.add(missingEvidence(held5, excuse), key);
    }
    this.evidenceRefs[index] = id + 1;
  }

  /** Whether the balance confirmation is overdue (AR.CONFIRM), one call per date. */
  private confirmationRow(index: number): void {
    const last = this.date(this.col.lastConfirmation, "lastConfirmation", false);
    if (last === FAILED) return;
    // A blank cell: no confirmation on record (AR.CONFIRM's "none").
    const key = last === null ? 0 : last;
    let id = this.confirmations.idOf(key);
    if (id === undefined) {
      try {
        id = this.confirmations.add(confirmationOverdue(last, this.asOf, this.policy), key);
      } catch (e) {
        id = -1 - this.refused.length;
        this.refused.push(invalidProblem("lastConfirmation", e));
        this.confirmations.refuse(key, -1 - id);
      }
    }
    if (id < 0) {
      this.problem(this.refused[-1 - id]);
      return;
    }
    this.ints[index * INTS + CONFIRMATION_REF] = id + 1;
  }

  /** Days left and status of the limitation period (AR.LIMITATION), one call per date. */
  private limitationRow(index: number): void {
    const last = this.date(this.col.lastInterruption, "lastInterruption", false);
    if (last === FAILED || last === null) return;
    let id = this.limitations.idOf(last);
    if (id === undefined) {
      try {
        const daysLeft = limitationDaysLeft(last, this.asOf, this.policy);
        id = this.limitations.add({ lastInterruption: last, end: limitationEnd(last, this.policy), daysLeft, status: limitationStatus(daysLeft, this.policy) }, last);
      } catch (e) {
        id = -1 - this.refused.length;
        this.refused.push(invalidProblem("lastInterruption", e));
        this.limitations.refuse(last, -1 - id);
      }
    }
    if (id < 0) {
      this.problem(this.refused[-1 - id]);
      return;
    }
    this.ints[index * INTS + LIMITATION_REF] = id + 1;
  }
}

const UNKNOWN: DebtorSignals = Object.freeze({
  businessOperating: null, incomeStable: null, turnoverDecline: null, proposedPlan: null, excuses: null, contradiction: null,
  brokenPromises: null, refusesContact: null, insolvent: null, dishonestDebtor: null, operationsStopped: null,
});

/** The signals read in the order of SIGNAL_FIELDS, as DebtorSignals. */
function signalsOf(values: readonly (boolean | TurnoverDecline | number | null)[]): DebtorSignals {
  return {
    businessOperating: values[0] as boolean | null,
    incomeStable: values[1] as boolean | null,
    turnoverDecline: values[2] as TurnoverDecline | null,
    proposedPlan: values[3] as boolean | null,
    excuses: values[4] as boolean | null,
    contradiction: values[5] as boolean | null,
    brokenPromises: values[6] as number | null,
    refusesContact: values[7] as boolean | null,
    insolvent: values[8] as boolean | null,
    dishonestDebtor: values[9] as boolean | null,
    operationsStopped: values[10] as boolean | null,
  };
}

function isBlankRow(row: unknown): boolean {
  if (!Array.isArray(row)) return true;
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}

/**
 * Checks a column mapping: known fields, whole column numbers >= 0, no column used twice, and the
 * required fields (customer, balance, due date) present.
 * @throws RuleError naming the field (or `mapping` for missing required fields)
 */
export function checkMapping(mapping: ColumnMapping): void {
  if (typeof mapping !== "object" || mapping === null) throw new RuleError("mapping", "is not a field -> column mapping", "不是“字段 -> 列”的对应关系");
  const used = new Map<number, string>();
  for (const [field, column] of Object.entries(mapping)) {
    if (column === undefined) continue;
    if (!(TRIAGE_FIELDS as readonly string[]).includes(field)) {
      throw new RuleError(field, `is not a triage field (known: ${TRIAGE_FIELDS.join(", ")})`, `不是可识别的字段（可用：${TRIAGE_FIELDS.join("、")}）`);
    }
    if (typeof column !== "number" || !Number.isInteger(column) || column < 0) {
      throw new RuleError(field, `column ${String(column)} is not a 0-based column number`, `列号 ${String(column)} 不是从 0 起算的列号`);
    }
    const other = used.get(column);
    if (other !== undefined) throw new RuleError(field, `column ${column + 1} is already mapped to ${other}`, `第 ${column + 1} 列已对应字段 ${other}`);
    used.set(column, field);
  }
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  if (missing.length > 0) {
    throw new RuleError(
      "mapping",
      `no column for ${missing.map((f) => FIELD_LABELS[f].en).join(", ")} (customer, balance and due date are required)`,
      `缺少${missing.map((f) => FIELD_LABELS[f].zh).join("、")}列（客户、余额和到期日为必需列）`,
    );
  }
}

/**
 * Triages every row of a debtor table (the rows under the header), in input order.
 *
 * Every row up to the last non-blank one gives exactly one record with its sheet row number; blank rows
 * after it are dropped (counted in `trailingBlankRows`), a blank row before it is a `blank` record.
 * A row never throws: each cell that cannot be read (text in an amount, a missing or impossible date, an
 * Excel error value such as `#N/A`) and each second or later occurrence of a customer (case and width
 * ignored) is a problem of the row, and every verdict whose inputs did read is still given:
 * - grade and term (AR.GRADE): from overdue count, largest overdue amount and cash flow; a blank largest
 *   amount with 0 overdue events is 0; otherwise blank inputs give no grade and a reason saying what is
 *   missing;
 * - days past due, bucket, warning level and the ladder's action (AR.AGING) from the due date;
 * - profile, play and what to find out (AR.PROFILE) from the signal columns present, blank or absent
 *   signals being unknown; no profile when a signal cell cannot be read;
 * - the next collection step (AR.CHANNEL), the settlement ladder (AR.SETTLE: one amount per policy tier,
 *   then the full balance);
 * - for a temporary debtor with a free cash flow, the fewest instalments that fit it (AR.PLAN, no
 *   concession); for a debtor unable to pay, the bankruptcy payout (AR.RECOVERY) when the free estate
 *   and the ordinary claims total are known, else the reminder to file the claim;
 * - missing evidence (AR.EVIDENCE) when the table has evidence columns and the row fills one;
 * - whether the balance confirmation is overdue (AR.CONFIRM; a blank date means none on record);
 * - days left and status of the limitation period (AR.LIMITATION) when the row has a date.
 * @param rows the data rows (cells as Excel gives them: numbers, text, booleans, null or "")
 * @param mapping the column of each field (recogniseColumns's mapping)
 * - in a 1904 workbook (`options.dateSystem`), numbers in date columns count from 1904-01-01.
 * A formula cell a file holds without its computed value (UncomputedFormula) is a problem of its field.
 * @throws RuleError only for a bad mapping, as-of date, first row number, date system or policy
 */
export function triagePortfolio(rows: readonly (readonly unknown[])[], mapping: ColumnMapping, options: TriageOptions): TriageOutput {
  checkMapping(mapping);
  if (typeof options !== "object" || options === null) throw new RuleError("options", "are missing (as_of is needed)", "缺失（需要报告日 as_of）");
  const asOf = readDate(options.asOf, "as_of");
  const policy = validatePolicy(options.policy ?? DEFAULT_POLICY);
  const first = options.firstRowNumber ?? 2;
  if (!Number.isInteger(first) || first < 1) {
    throw new RuleError("firstRowNumber", `${String(first)} is not a sheet row number (1 or more)`, `${String(first)} 不是工作表行号（须大于等于 1）`);
  }
  let last = rows.length - 1;
  while (last >= 0 && isBlankRow(rows[last])) last--;
  const dateSystem = options.dateSystem ?? "1900";
  if (dateSystem !== "1900" && dateSystem !== "1904") {
    throw new RuleError("dateSystem", `${show(dateSystem)} is not an Excel date system (1900 or 1904)`, `${show(dateSystem)} 不是 Excel 日期系统（1900 或 1904）`);
  }
  const run = new Run(mapping, asOf, policy, first, last + 1);
  if (dateSystem === "1904") run.dateOffset = DATE_1904_OFFSET;
  const records: RecordImpl[] = new Array(last + 1);
  // A bad cell is a RuleError thrown by a core reader and caught here, row after row in a messy ledger
  // (credit balances, say): without a stack trace, which nobody reads, it costs a tenth. The run is
  // synchronous, so nothing else sees the setting, and it is restored however the run ends.
  const errors = Error as { stackTraceLimit?: number };
  const stackTraceLimit = errors.stackTraceLimit;
  errors.stackTraceLimit = 0;
  try {
    for (let i = 0; i <= last; i++) {
      const row = rows[i];
      if (isBlankRow(row)) {
        records[i] = run.blank(i);
        continue;
      }
      try {
        records[i] = run.row(row, i);
      } catch (error) {
        records[i] = run.failed(i, error); // never expected: every reader's refusal is already a problem
      }
    }
    run.markDuplicates(records.length);
    for (const [index, reason] of options.rowProblems ?? []) {
      if (Number.isInteger(index) && index >= 0 && index <= last && !run.isFailed(index)) run.readerProblem(index, reason);
    }
  } finally {
    errors.stackTraceLimit = stackTraceLimit;
  }
  return { records, trailingBlankRows: rows.length - 1 - last, asOf, policy, dateSystem };
}

/** The text of each shared list of reasons, per language, built once. */
const joined = new WeakMap<object, SharedText>();

/** The text of a list of reasons (reasonText), remembered for a list that rows share (it must not change). */
export function sharedReasonText(reasons: readonly Reason[], language: Language): string {
  if (reasons.length === 0) return "";
  let shared = joined.get(reasons);
  if (shared === undefined) {
    shared = new SharedText(reasons);
    joined.set(reasons, shared);
  }
  return shared.text(language);
}

/**
 * The reasons of a record in one line, as `reasonText(record.reasons, language)` gives them, built from
 * the parts that rows share (each part's text is joined once per run), so that writing a million rows
 * does not join a million lists.
 */
export function reasonsText(record: TriageRecord, language: Language): string {
  return record instanceof RecordImpl ? record.reasonsLine(language) : reasonText(record.reasons, language);
}
