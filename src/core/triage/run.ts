/**
 * One triage run: the rows read one by one into a few flat arrays (the slabs), the verdicts that rows
 * share computed once each, and what records read back (record.ts). The rules are the core's; this file
 * only calls them and remembers results that repeat (the profile of a signal combination, the reason of a
 * day count, the step of a class of rows), so that a million rows take well under two seconds.
 */
import { RuleError, type Reason } from "../errors.js";
import type { Policy } from "../policy.js";
import { checkOverdueRecord, gradeRule, type CashFlow } from "../grade.js";
import { bucketIndex, bucketLabels, daysPastDue, warningLevel } from "../aging.js";
import { debtorProfile, type DebtorProfile, type ProfileResult } from "../profile.js";
import { collectionStep, type CollectionStep } from "../channel.js";
import { proposeInstalments } from "../plan.js";
import { nextStep, unableGround, type NextStep } from "../next-step.js";
import { futureBenefitWithheld, settlementWithheld, settlementWithheldCode } from "../settle.js";
import { bankruptcyRecovery } from "../recovery.js";
import { confirmationOverdue, missingEvidence, type ConfirmationResult, type Excuse } from "../prevention.js";
import { limitationDaysLeft, limitationEnd, limitationStatus } from "../limitation.js";
import { logCustomerKey } from "../collection/log.js";
import type { CustomerFacts } from "../collection/facts.js";
import { TRIAGE_FIELDS, type TriageField } from "./headers.js";
import { AMOUNT, CASH_FLOW, CellReader, COUNT, EXCUSE, FAILED, invalidProblem, NUMBER, SIGNAL, TURNOVER } from "./cells.js";
import { customerKey, FirstSeen, keyHash, plainKeyHash } from "./customers.js";
import {
  BLANK_ROW,
  duplicateProblem,
  FILE_CLAIM_REMINDER,
  FREE_CASH_FLOW_BLANK,
  GRADE_INPUTS,
  IMPLAUSIBLE_DAYS_PAST_DUE,
  implausibleDueDate,
  internalProblem,
  NO_CASH_FLOW,
  NO_FREE_CASH_FLOW_COLUMN,
  NO_GRADE,
  NO_GRADE_INPUT,
  NO_LARGEST_OVERDUE,
  NO_OVERDUE_COUNT,
  NO_PROFILE,
  noInstalmentPlan,
  NOT_OVERDUE_NO_PROFILE,
  NOTHING_OWED,
  type ReasonSources,
} from "./reasons.js";
import { ReasonTexts, SharedText, Verdicts } from "./shared.js";
import {
  EVIDENCE_FIELDS,
  EXCUSE_CODE,
  EXCUSE_SHIFT,
  heldOf,
  profileKey,
  SIGNAL_FIELDS,
  SIGNAL_KIND_AT,
  signalsOf,
  tri,
  UNKNOWN_SIGNALS,
  type HeldEvidence,
  type SignalValues,
} from "./signals.js";
import type { ColumnMapping, InstalmentProposal, LimitationVerdict, RecoveryEstimate } from "./types.js";
import {
  BALANCE,
  CASH_CODE,
  cashFlowCode,
  CODES,
  CONFIRMATION_REF,
  COUNT_READ,
  DUE,
  GRADE_MISSING,
  gradeRuleCode,
  HAS_EXTRA,
  INTS,
  LARGEST,
  LEVEL_CODE,
  LIMITATION_REF,
  NOT_PROFILED,
  NUMBERS,
  PROFILE_REF,
  RULE_CODE,
  STEP_CODE,
} from "./layout.js";

/** What only some rows have: kept out of the slabs, so that a million rows stay small. */
export interface Extra {
  instalments: InstalmentProposal | null;
  recovery: RecoveryEstimate | null;
  /** Why verdicts are missing, in the order found (see ReasonSources.notes). */
  notes: SharedText[];
}

/** A profile's code in a step key (0: no profile). */
const PROFILE_CODE: Readonly<Record<DebtorProfile, number>> = { temporary: 1, willful: 2, unable: 3, unclear: 4 };
/** Where the broken promises and the collection records sit among the signals and the evidence. */
const BROKEN_PROMISES_AT = SIGNAL_FIELDS.indexOf("brokenPromises");
const COLLECTION_RECORDS_AT = EVIDENCE_FIELDS.indexOf("collectionRecords");

/** The classes of a step key (see Run.step): balance 0 / below / from the large-amount threshold; days 0 / warning level 0-3. */
const AMOUNT_CLASSES = 3;
const DAY_CLASSES = 5;
/** The step keys: amount class x day class x profile code (0-4). */
const STEP_CLASSES = AMOUNT_CLASSES * DAY_CLASSES * 5;

/** The state of one triage run: the options, the column of each field, the reader, the caches and the slabs. */
export class Run implements ReasonSources {
  readonly col: Readonly<Record<TriageField, number>>;
  readonly signalCols: Int32Array;
  readonly evidenceCols: Int32Array;
  readonly tierRates: Float64Array;
  readonly labels: readonly string[];
  readonly hasSignals: boolean;
  readonly hasEvidence: boolean;
  readonly hasGradeColumns: boolean;
  /** Reads the cells of the row being triaged, and keeps its problems. */
  readonly reader = new CellReader();
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
  /** CODES small codes per row: grade rule, cash flow, missing grade inputs, step, has an extra, warning level (RULE_CODE ...). */
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

  /** The distinct verdicts of the run, each once; a row keeps 1 + the id of its own (see INTS). */
  readonly profiles = new Verdicts<ProfileResult>((profile) => profile.reasons);
  readonly evidence = new Verdicts<readonly Reason[]>();
  readonly confirmations = new Verdicts<ConfirmationResult>((confirmation) => confirmation.reasons);
  readonly limitations = new Verdicts<LimitationVerdict>();
  /** The problem of a last-confirmation or last-interruption date the rule refuses, by its id (see Verdicts.refuse). */
  private readonly refused: Reason[] = [];
  readonly steps: (CollectionStep | undefined)[] = [];
  /** The next steps of the run, by the key of what decides them (see nextStepOf), with their reasons' text. */
  private readonly nextSteps = new Map<number, { readonly step: NextStep; readonly reason: SharedText }>();
  /** Why no settlement offer: by reason code, and below the ladder's level by days past due. */
  private readonly withheld = new Map<string, SharedText>();
  private readonly belowLevel: (SharedText | undefined)[] = [];
  /** The reasons of the run's grades, agings and limitation periods, with their text. */
  private readonly texts: ReasonTexts;
  /** The customer key of each row (customerKey of its name; none for a row without one) and its keyHash. */
  private readonly keys: (string | undefined)[];
  private readonly hashes: Int32Array;
  /** Rows the rules failed on (see failed). */
  private readonly failedRows = new Set<number>();

  /**
   * The collection log's facts by customer key (logCustomerKey), null when the run has no log
   * (TriageOptions.collectionLog); and the facts of each row whose customer the log has, by row index.
   */
  logFacts: ReadonlyMap<string, CustomerFacts> | null = null;
  readonly rowFacts = new Map<number, CustomerFacts>();
  /** The next step of a row held by an open dispute, by row index (few rows: not shared). */
  private readonly disputeSteps = new Map<number, { readonly step: NextStep; readonly reason: SharedText }>();
  /** The text of each customer's log reasons. */
  private readonly logTexts = new Map<CustomerFacts, SharedText>();
  /** The same, less the open disputes, for rows whose next step tells them (rule `dispute`). */
  private readonly logTextsTold = new Map<CustomerFacts, SharedText>();

  /** Scratch space for the signals and the evidence of the row being read. */
  private readonly signalValues: SignalValues = new Array(SIGNAL_FIELDS.length).fill(null);
  private readonly held: HeldEvidence = new Array(EVIDENCE_FIELDS.length).fill(null);
  /** Scratch space for the parts of a record's reasons (see reasonParts). */
  readonly reasonParts: SharedText[] = [];

  constructor(
    mapping: ColumnMapping,
    readonly asOf: number,
    readonly policy: Policy,
    readonly firstRow: number,
    rows: number,
    /** Sheet row numbers of the rows, when not consecutive (TriageOptions.rowNumbers). */
    readonly rowNumbers: readonly number[] | null = null,
  ) {
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
    this.texts = new ReasonTexts(asOf, policy);
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
      const kind = SIGNAL_KIND_AT[i];
      if (col[f] >= 0 && kind !== COUNT) this.reader.prepareWords(kind, col[f], f);
    });
    EVIDENCE_FIELDS.forEach((f) => {
      if (col[f] >= 0) this.reader.prepareWords(SIGNAL, col[f], f);
    });
    if (col.cashFlow >= 0) this.reader.prepareWords(CASH_FLOW, col.cashFlow, "cashFlow");
    if (col.excuse >= 0) this.reader.prepareWords(EXCUSE, col.excuse, "excuse");
  }

  /** The sheet row number of row `index`. */
  sheetRow(index: number): number {
    return this.rowNumbers === null ? this.firstRow + index : this.rowNumbers[index];
  }

  // ---- what records read --------------------------------------------------------------------------------

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

  /** A small code of a row from the code slab. */
  codeOf(index: number, offset: number): number {
    return this.codes[index * CODES + offset];
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

  // ---- the parts of a row's reasons (ReasonSources, in the order of reasonParts) -----------------------

  gradeReasons(index: number): SharedText | null {
    const codes = index * CODES;
    if (this.codes[codes + RULE_CODE] !== 0) {
      const at = index * NUMBERS;
      return this.texts.grade(this.numbers[at + COUNT_READ], this.numbers[at + LARGEST], this.codes[codes + CASH_CODE]);
    }
    const missing = this.codes[codes + GRADE_MISSING];
    return missing === 0 ? null : NO_GRADE[missing];
  }

  agingReasons(index: number): SharedText | null {
    const due = this.ints[index * INTS + DUE] - 1;
    return due < 0 ? null : this.texts.aging(due, daysPastDue(due, this.asOf));
  }

  profileReasons(index: number): SharedText | null {
    const ref = this.ints[index * INTS + PROFILE_REF];
    if (ref !== 0) return this.profiles.textOf(ref - 1);
    if (this.codes[index * CODES + NOT_PROFILED] !== 0) return NOT_OVERDUE_NO_PROFILE;
    return this.hasSignals ? NO_PROFILE : null;
  }

  nextStepReasons(index: number): SharedText | null {
    const next = this.nextStepEntry(index);
    // not due, nothing owed: the aging reason and the step say it all
    return next === null || next.step.rule === "not-due" || next.step.rule === "nothing-owed" ? null : next.reason;
  }

  offerReasons(index: number): SharedText | null {
    const days = this.daysOf(index);
    if (days < 0 || Number.isNaN(this.numbers[index * NUMBERS + BALANCE])) return null;
    const profile = this.profileOf(index)?.profile ?? null;
    const code = settlementWithheldCode(days, profile, this.policy);
    if (code === null) {
      if (profile !== "willful" && profile !== "temporary") return null;
      return this.withheldText(`benefit-${profile}`, () => futureBenefitWithheld(profile, this.policy));
    }
    if (code !== "below-level") return this.withheldText(code, () => settlementWithheld(days, profile, this.policy));
    return (this.belowLevel[days] ??= new SharedText([settlementWithheld(days, profile, this.policy) as Reason]));
  }

  /** Whether a row gets the settlement ladder: its days past due read and settlementWithheld has nothing against it. */
  offered(index: number): boolean {
    const days = this.daysOf(index);
    return days >= 0 && settlementWithheldCode(days, this.profileOf(index)?.profile ?? null, this.policy) === null;
  }

  /** The next step of a row (nextStep), or null when its balance or due date did not read. */
  nextStepOf(index: number): NextStep | null {
    const next = this.nextStepEntry(index);
    return next === null ? null : next.step;
  }

  /**
   * A row's next step and its reason, shared by the rows nextStep cannot tell apart: the class of the
   * collection step (Run.step: balance class, day class, profile), the ground of an unable profile, and
   * the limitation verdict when it is a warning or expired (its last day is in the text).
   */
  private nextStepEntry(index: number): { readonly step: NextStep; readonly reason: SharedText } | null {
    const code = this.codes[index * CODES + STEP_CODE];
    if (code === 0) return null;
    const profile = this.profileOf(index);
    const ground = unableGround(profile);
    const limitationRef = this.ints[index * INTS + LIMITATION_REF];
    const limitation = limitationRef === 0 ? null : this.limitations.list[limitationRef - 1];
    const urgent = limitation !== null && limitation.status !== "running";
    const facts = this.rowFacts.size === 0 ? undefined : this.rowFacts.get(index);
    if (facts !== undefined && facts.openDisputes.length > 0) {
      // An open dispute of the log: the step of this row alone (its reason names the dispute).
      let held = this.disputeSteps.get(index);
      if (held === undefined) {
        const step = nextStep(
          {
            balance: this.numbers[index * NUMBERS + BALANCE],
            daysPastDue: Math.max(0, this.daysOf(index)),
            profile: profile === null ? null : profile.profile,
            unable: ground,
            limitation: urgent ? limitation : null,
            dispute: facts.openDisputes[0],
          },
          this.policy,
        );
        held = { step, reason: new SharedText([step.reason]) };
        this.disputeSteps.set(index, held);
      }
      return held;
    }
    const key = code - 1 + STEP_CLASSES * ((ground === null ? 0 : ground === "insolvent" ? 1 : 2) + 3 * (urgent ? limitationRef : 0));
    let entry = this.nextSteps.get(key);
    if (entry === undefined) {
      const step = nextStep(
        {
          balance: this.numbers[index * NUMBERS + BALANCE],
          daysPastDue: Math.max(0, this.daysOf(index)), // nothing owed and no due date: nothing aged
          profile: profile === null ? null : profile.profile,
          unable: ground,
          limitation: urgent ? limitation : null,
        },
        this.policy,
      );
      entry = { step, reason: new SharedText([step.reason]) };
      this.nextSteps.set(key, entry);
    }
    return entry;
  }

  /** Days past due of a row, -1 when its due date did not read. */
  private daysOf(index: number): number {
    const due = this.ints[index * INTS + DUE] - 1;
    return due < 0 ? -1 : daysPastDue(due, this.asOf);
  }

  /** A reason that rows share, by its key, made once (null reasons: none). */
  private withheldText(key: string, reason: () => Reason | null): SharedText | null {
    let text = this.withheld.get(key);
    if (text === undefined) {
      const made = reason();
      text = new SharedText(made === null ? [] : [made]);
      this.withheld.set(key, text);
    }
    return text.reasons.length === 0 ? null : text;
  }

  confirmationReasons(index: number): SharedText | null {
    const ref = this.ints[index * INTS + CONFIRMATION_REF];
    return ref === 0 ? null : this.confirmations.textOf(ref - 1);
  }

  limitationReasons(index: number): SharedText | null {
    const ref = this.ints[index * INTS + LIMITATION_REF];
    return ref === 0 ? null : this.texts.limitation(ref - 1, this.limitations.list[ref - 1].lastInterruption);
  }

  notes(index: number): readonly SharedText[] | null {
    const extra = this.extraOf(index);
    return extra === undefined ? null : extra.notes;
  }

  logReasons(index: number): SharedText | null {
    if (this.rowFacts.size === 0) return null;
    const facts = this.rowFacts.get(index);
    if (facts === undefined) return null;
    // A dispute that decided the next step is told there, with its row: not twice.
    const told = facts.openDisputes.length > 0 && this.nextStepOf(index)?.rule === "dispute";
    const texts = told ? this.logTextsTold : this.logTexts;
    let text = texts.get(facts);
    if (text === undefined) {
      text = new SharedText(told ? facts.reasons.filter((r) => r.code !== "dispute-open") : facts.reasons);
      texts.set(facts, text);
    }
    return text;
  }

  // ---- the collection log -----------------------------------------------------------------------------

  /** Files the log's facts of the row's customer, if the log has it. */
  private logRow(index: number): void {
    const customer = this.customers[index];
    const facts = customer === undefined ? undefined : (this.logFacts as ReadonlyMap<string, CustomerFacts>).get(logCustomerKey(customer));
    if (facts !== undefined) this.rowFacts.set(index, facts);
  }

  /**
   * Puts the facts computed again with each customer's warning level (the next contact due) in place of
   * the ones the rows were triaged with (the same promises, disputes and interruptions).
   */
  relevel(byKey: ReadonlyMap<string, CustomerFacts>): void {
    this.logFacts = byKey;
    for (const [index, facts] of this.rowFacts) {
      const levelled = byKey.get(facts.key);
      if (levelled !== undefined) this.rowFacts.set(index, levelled);
    }
  }

  // ---- rows that are not triaged ----------------------------------------------------------------------

  /** A blank row between data rows. */
  blank(index: number): void {
    this.problemLists[index] = [BLANK_ROW];
  }

  /**
   * A row the rules failed on in a way no reader foresaw (a bug, not the user's data): its problem says
   * so, and it keeps no verdict, rather than stopping the run.
   */
  failed(index: number, error: unknown): void {
    this.failedRows.add(index);
    this.numbers.fill(Number.NaN, index * NUMBERS, (index + 1) * NUMBERS);
    this.ints.fill(0, index * INTS, (index + 1) * INTS);
    this.codes.fill(0, index * CODES, (index + 1) * CODES);
    this.evidenceRefs[index] = 0;
    this.buckets[index] = 0;
    this.customers[index] = undefined;
    this.extras.delete(index);
    this.problemLists[index] = [internalProblem(error)];
  }

  /** True for a row the rules failed on (its one problem says so). */
  isFailed(index: number): boolean {
    return this.failedRows.has(index);
  }

  // ---- problems found after the rows are read ---------------------------------------------------------

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
      const first = seen.firstRowHashed(key, hashes[i], this.sheetRow(i));
      if (first < 0 || this.failedRows.has(i)) continue;
      const problems = this.problemLists[i];
      this.problemLists[i] = problems === undefined ? [duplicateProblem(first)] : [duplicateProblem(first), ...problems];
    }
  }

  /** A problem a file reader found in a row, put first among the row's problems (not on blank rows). */
  readerProblem(index: number, reason: Reason): void {
    const problems = this.problemLists[index];
    if (problems !== undefined && problems[0] === BLANK_ROW) return;
    this.problemLists[index] = problems === undefined ? [reason] : [reason, ...problems];
  }

  // ---- one row, step by step --------------------------------------------------------------------------

  /** Triages one non-blank row, the index-th of the table: its cells read, its verdicts in the slabs. */
  row(cells: readonly unknown[], index: number): void {
    const reader = this.reader;
    const col = this.col;
    reader.startRow(cells);
    // ---- the required fields
    this.customerRow(index);
    if (this.logFacts !== null) this.logRow(index);
    const balance = reader.amount(col.balance, "balance", true);
    // Nothing owed (a customer whose items are all paid): no due date needed, nothing to age.
    const due = reader.date(col.dueDate, "dueDate", balance !== 0);
    // A number that is not a date reads as a serial of 1900-1901 (`500`, a shifted amount): say so.
    if (typeof due === "number" && this.asOf - due > IMPLAUSIBLE_DAYS_PAST_DUE) reader.problem(implausibleDueDate(due));
    // ---- grade (rules.md section 1)
    if (this.hasGradeColumns) this.gradeRow(index);
    else this.codes[index * CODES + GRADE_MISSING] = NO_GRADE_INPUT;
    // ---- aging (section 2)
    // Nothing owed and no due date: as not due, for the profile and the step (nothing is aged).
    const days = typeof due === "number" ? this.agingRow(index, due) : balance === 0 && due === null ? 0 : -1;
    // ---- profile (section 3)
    const profile = this.profileRow(index, days);
    // ---- next step, settlement ladder, instalments, bankruptcy
    if (typeof balance === "number") this.balanceRow(index, balance, days, profile);
    // ---- evidence, confirmation, limitation (sections 4 and 7, Civil Code)
    if (this.hasEvidence) this.evidenceRow(index);
    if (col.lastConfirmation >= 0) this.confirmationRow(index);
    if (col.lastInterruption >= 0 || this.rowFacts.has(index)) this.limitationRow(index);

    if (reader.problems !== null) this.problemLists[index] = reader.problems;
  }

  /** Reads the customer, and files its key and hash (duplicates are found once every row is read: markDuplicates). */
  private customerRow(index: number): void {
    const customer = this.reader.customer(this.col.customer);
    if (customer === null) return;
    this.customers[index] = customer;
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

  /** Reads the overdue record and grades the customer (AR.GRADE's rule). */
  private gradeRow(index: number): void {
    const col = this.col;
    const reader = this.reader;
    let missing = 0;
    const n = col.overdueCount >= 0 ? reader.read(COUNT, col.overdueCount, "overdueCount") : null;
    let amount = col.largestOverdue >= 0 ? reader.amount(col.largestOverdue, "largestOverdue", false) : null;
    const cashFlow = col.cashFlow >= 0 ? reader.word(CASH_FLOW, col.cashFlow, "cashFlow") : null;
    if (n === null) missing |= NO_OVERDUE_COUNT;
    // No overdue event and no amount written: the largest overdue amount is 0.
    if (amount === null) {
      if (n === 0) amount = 0;
      else missing |= NO_LARGEST_OVERDUE;
    }
    if (cashFlow === null) missing |= NO_CASH_FLOW;
    const at = index * NUMBERS;
    const codes = index * CODES;
    if (typeof n === "number") this.numbers[at + COUNT_READ] = n;
    if (typeof amount === "number") this.numbers[at + LARGEST] = amount;
    if (cashFlow !== null && cashFlow !== FAILED) this.codes[codes + CASH_CODE] = cashFlowCode(cashFlow);
    if (n === FAILED || amount === FAILED || cashFlow === FAILED) return;
    // Without a cash-flow assessment the overdue record alone decides grade C (2 or more events, or one
    // above the small-amount limit: "first match from C down"); A and B need the cash flow.
    const historyDecidesC =
      missing === NO_CASH_FLOW &&
      typeof n === "number" &&
      typeof amount === "number" &&
      (n >= 2 || (n === 1 && amount > this.policy.smallAmountLimit));
    if (missing !== 0 && !historyDecidesC) {
      this.codes[codes + GRADE_MISSING] = missing;
      return;
    }
    const count = n as number;
    const largest = amount as number;
    try {
      checkOverdueRecord(count, largest);
    } catch (e) {
      reader.problem(invalidProblem(e instanceof RuleError && e.argument === "overdue_count" ? "overdueCount" : "largestOverdue", e));
      return;
    }
    // The grade and its term follow from the rule (gradeOfRule, creditTerm) in the record's getters.
    const rule = gradeRule(count, largest, historyDecidesC ? "fair" : (cashFlow as CashFlow), this.policy.smallAmountLimit);
    this.codes[codes + RULE_CODE] = gradeRuleCode(rule);
  }

  /**
   * Keeps a due date that read, with its bucket and warning level (days past due follow from the due date,
   * in the record's getter).
   * @returns the days past due
   */
  private agingRow(index: number, due: number): number {
    const days = daysPastDue(due, this.asOf);
    this.ints[index * INTS + DUE] = due + 1;
    this.buckets[index] = bucketIndex(days, this.policy.agingEdges);
    this.codes[index * CODES + LEVEL_CODE] = warningLevel(days, this.policy.warningDays);
    return days;
  }

  /**
   * Reads the signals and profiles the debtor (one debtorProfile call per signal combination). A customer
   * with nothing overdue (`days` 0) is not profiled (NOT_PROFILED), unless the signals say it is unable to
   * pay: a bankruptcy or a listing matters before the due date (the claim route).
   * @param days days past due, -1 when the due date did not read
   */
  private profileRow(index: number, days: number): DebtorProfile | null {
    let key = 0;
    const values = this.signalValues;
    // The log's broken promises, when it holds promises of the customer: they replace a typed count.
    const logged = this.rowFacts.size === 0 ? undefined : this.rowFacts.get(index);
    const brokenFromLog = logged !== undefined && logged.promises.length > 0 ? logged.promisesBroken : -1;
    const signalled = this.hasSignals || brokenFromLog >= 0;
    if (!this.hasSignals && signalled) values.fill(null);
    if (this.hasSignals) {
      const cols = this.signalCols;
      const reader = this.reader;
      let bad = false;
      for (let i = 0; i < SIGNAL_FIELDS.length; i++) {
        values[i] = null;
        const column = cols[i];
        if (column < 0) continue;
        const field = SIGNAL_FIELDS[i];
        const kind = SIGNAL_KIND_AT[i];
        const v =
          kind === COUNT
            ? reader.read(COUNT, column, field)
            : kind === TURNOVER
              ? reader.word(TURNOVER, column, field)
              : reader.word(SIGNAL, column, field);
        if (v === FAILED) bad = true;
        else values[i] = v;
      }
      if (bad) return null; // no profile: the reasons say NO_PROFILE
    }
    if (brokenFromLog >= 0) values[BROKEN_PROMISES_AT] = brokenFromLog;
    if (signalled) key = profileKey(values);
    // A combination met before: its profile; else debtorProfile's, remembered (unless it makes no key).
    let id = key < 0 ? undefined : this.profiles.idOf(key);
    if (id === undefined) {
      const result = debtorProfile(signalled ? signalsOf(values) : UNKNOWN_SIGNALS, this.policy);
      id = key < 0 ? this.profiles.add(result) : this.profiles.add(result, key);
    }
    const profile = this.profiles.list[id].profile;
    if (days === 0 && profile !== "unable") {
      this.codes[index * CODES + NOT_PROFILED] = 1;
      return null;
    }
    this.ints[index * INTS + PROFILE_REF] = id + 1;
    return profile;
  }

  /**
   * What follows from a balance that read: the next step (when the due date read too), and the
   * instalments of a temporary debtor or the recovery from an unable one (the settlement offers follow
   * from the balance, in the record's getter).
   */
  private balanceRow(index: number, balance: number, days: number, profile: DebtorProfile | null): void {
    this.numbers[index * NUMBERS + BALANCE] = balance;
    if (days >= 0) this.codes[index * CODES + STEP_CODE] = 1 + this.step(balance, days, profile);
    if (profile === "temporary") this.instalmentRow(index, balance);
    else if (profile === "unable") this.recoveryRow(index, balance);
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
    const profileCode = profile === null ? 0 : PROFILE_CODE[profile];
    const key = amountClass + AMOUNT_CLASSES * (dayClass + DAY_CLASSES * profileCode);
    if (this.steps[key] === undefined) this.steps[key] = collectionStep(balance, days, profile, this.policy);
    return key;
  }

  /** A temporary debtor: the instalment plan proposed for its free cash flow (proposeInstalments, the sizing rule of rules.md). */
  private instalmentRow(index: number, balance: number): void {
    const column = this.col.freeCashFlow;
    if (column < 0) {
      this.note(index, NO_FREE_CASH_FLOW_COLUMN);
      return;
    }
    const fcf = this.reader.read(NUMBER, column, "freeCashFlow");
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
      const plan = proposeInstalments(balance, fcf, this.policy);
      const n = plan.count;
      this.extraFor(index).instalments = {
        instalments: n,
        amount: plan.instalments[0].amount,
        last: plan.instalments[n - 1].amount,
        concession: plan.concession,
        total: plan.total,
        reason: plan.reasons[0],
      };
    } catch (e) {
      if (e instanceof RuleError && e.argument === "free_cash_flow") {
        this.note(index, noInstalmentPlan(e.message, e.zh));
      } else {
        this.reader.problem(invalidProblem("balance", e));
      }
    }
  }

  /** A debtor unable to pay: the bankruptcy payout (AR.RECOVERY), or the reminder to file the claim. */
  private recoveryRow(index: number, balance: number): void {
    const col = this.col;
    const estate = col.freeEstate >= 0 ? this.reader.read(AMOUNT, col.freeEstate, "freeEstate") : null;
    const total = col.ordinaryClaimsTotal >= 0 ? this.reader.read(AMOUNT, col.ordinaryClaimsTotal, "ordinaryClaimsTotal") : null;
    if (estate === FAILED || total === FAILED) return;
    if (estate === null || total === null) {
      this.extraFor(index).recovery = { kind: "file-claim", reason: FILE_CLAIM_REMINDER };
      return;
    }
    try {
      const result = bankruptcyRecovery(balance, { freeEstate: estate, ordinaryClaimsTotal: total });
      const { payout, ordinaryRate, reasons } = result;
      this.extraFor(index).recovery = { kind: "estimate", payout, ordinaryRate, reasons };
    } catch (e) {
      const argument = e instanceof RuleError ? e.argument : "";
      const field = argument === "free_estate" ? "freeEstate" : argument === "claim" ? "balance" : "ordinaryClaimsTotal";
      this.reader.problem(invalidProblem(field, e));
    }
  }

  /** The evidence to get (AR.EVIDENCE), one missingEvidence call per combination. */
  private evidenceRow(index: number): void {
    const cols = this.evidenceCols;
    const held = this.held;
    const reader = this.reader;
    let key = 0;
    let bad = false;
    let known = false;
    for (let i = 0; i < EVIDENCE_FIELDS.length; i++) {
      held[i] = null;
      const column = cols[i];
      if (column < 0) continue;
      const v = reader.word(SIGNAL, column, EVIDENCE_FIELDS[i]);
      if (v === FAILED) bad = true;
      else if (v !== null) {
        held[i] = v;
        known = true;
        key += tri(v) << (2 * i);
      }
    }
    // Contacts in the log are collection records held (rules.md section 4), whatever the column says.
    const logged = this.rowFacts.size === 0 ? undefined : this.rowFacts.get(index);
    if (logged !== undefined && logged.collectionRecords && cols[COLLECTION_RECORDS_AT] >= 0 && held[COLLECTION_RECORDS_AT] !== true) {
      const was = held[COLLECTION_RECORDS_AT];
      if (was !== null) key -= tri(was) << (2 * COLLECTION_RECORDS_AT);
      held[COLLECTION_RECORDS_AT] = true;
      key += tri(true) << (2 * COLLECTION_RECORDS_AT);
      known = true;
    }
    let excuse: Excuse | null = null;
    const excuseColumn = this.col.excuse;
    if (excuseColumn >= 0) {
      const v = reader.word(EXCUSE, excuseColumn, "excuse");
      if (v === FAILED) bad = true;
      else if (v !== null && v !== "none") {
        // "none" counts as blank, as in AR.EVIDENCE (readExcuse reads it as no excuse)
        known = true;
        excuse = v;
        key += EXCUSE_CODE[v] << EXCUSE_SHIFT;
      }
    }
    // As AR.EVIDENCE: nothing known about the evidence gives no verdict.
    if (bad || !known) return;
    let id = this.evidence.idOf(key);
    if (id === undefined) id = this.evidence.add(missingEvidence(heldOf(held), excuse), key);
    this.evidenceRefs[index] = id + 1;
  }

  /** Whether the balance confirmation is overdue (AR.CONFIRM), one call per date. */
  private confirmationRow(index: number): void {
    const last = this.reader.date(this.col.lastConfirmation, "lastConfirmation", false);
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
      this.reader.problem(this.refused[-1 - id]);
      return;
    }
    this.ints[index * INTS + CONFIRMATION_REF] = id + 1;
  }

  /** Days left and status of the limitation period (AR.LIMITATION), one call per date. */
  private limitationRow(index: number): void {
    const typed = this.col.lastInterruption >= 0 ? this.reader.date(this.col.lastInterruption, "lastInterruption", false) : null;
    if (typed === FAILED) return;
    // The log's last demand or acknowledgement restarts the period when it is later than the typed date.
    const logged = this.rowFacts.size === 0 ? undefined : this.rowFacts.get(index)?.lastInterruption?.date;
    const last = logged === undefined || (typed !== null && typed >= logged) ? typed : logged;
    if (last === null) return;
    let id = this.limitations.idOf(last);
    if (id === undefined) {
      try {
        const daysLeft = limitationDaysLeft(last, this.asOf, this.policy);
        const end = limitationEnd(last, this.policy);
        id = this.limitations.add({ lastInterruption: last, end, daysLeft, status: limitationStatus(daysLeft, this.policy) }, last);
      } catch (e) {
        id = -1 - this.refused.length;
        this.refused.push(invalidProblem("lastInterruption", e));
        this.limitations.refuse(last, -1 - id);
      }
    }
    if (id < 0) {
      this.reader.problem(this.refused[-1 - id]);
      return;
    }
    this.ints[index * INTS + LIMITATION_REF] = id + 1;
  }

  /** A row's extra, made at its first use. */
  private extraFor(index: number): Extra {
    let extra = this.extras.get(index);
    if (extra === undefined) {
      extra = { instalments: null, recovery: null, notes: [] };
      this.extras.set(index, extra);
      this.codes[index * CODES + HAS_EXTRA] = 1;
    }
    return extra;
  }

  /** Adds a reason that explains a missing verdict. */
  private note(index: number, reason: SharedText): void {
    this.extraFor(index).notes.push(reason);
  }
}
