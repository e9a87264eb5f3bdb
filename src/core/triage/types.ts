/**
 * The public types of a triage: its options and column mapping, and what it gives (a record per row, the
 * verdicts a record carries, the output of a run).
 */
import type { Reason } from "../errors.js";
import type { CreditGrade, Policy } from "../policy.js";
import type { CashFlow, GradeRule } from "../grade.js";
import type { WarningLevel } from "../aging.js";
import type { DebtorProfile } from "../profile.js";
import type { CollectionStep } from "../channel.js";
import type { NextStep } from "../next-step.js";
import type { FutureBenefit } from "../settle.js";
import type { ConfirmationResult } from "../prevention.js";
import type { LimitationStatus } from "../limitation.js";
import type { TriageField } from "./headers.js";
import type { CollectionFacts, CollectionLog, CustomerFacts, LedgerPayment } from "../collection/index.js";

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
   * The sheet row number of each row, when the rows are not consecutive sheet rows (the customers of an
   * item list, each at the row of its first item); firstRowNumber + index when left out.
   */
  readonly rowNumbers?: readonly number[];
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
  /**
   * The collection log (issue 13; docs/collection-log.md), as read by readCollectionLog, or its facts
   * (collectionFacts). Per customer (matched by logCustomerKey): the broken promises it evaluates replace a
   * typed count when the log holds promises for the customer; an open dispute holds it out of escalation
   * (next step "resolve the dispute"); its last demand or acknowledgement restarts the limitation period
   * when later than a typed last-interruption date; its contacts are collection records held (evidence);
   * and the record carries the customer's facts (TriageRecord.collection). Without it, nothing changes.
   */
  readonly collectionLog?: CollectionLog | CollectionFacts;
  /**
   * Payments the ledger shows (the paid dates of an item list; triageLedger makes them): with a log given as
   * read (not as facts), they count as payments for its promises and plans, each payment once (a log payment
   * of the same customer, day and amount is the same payment). Ignored without a log.
   */
  readonly ledgerPayments?: readonly LedgerPayment[];
}

/** Excel's two date systems: serials counted from 1899-12-30 (`1900`) or from 1904-01-01 (`1904`). */
export type DateSystem = "1900" | "1904";

/** Days from the 1900 system's day 0 to the 1904 system's: a 1904 serial plus this is the 1900 serial. */
export const DATE_1904_OFFSET = 1462;

/** The instalment plan proposed to a temporarily distressed debtor (proposeInstalments: the sizing rule of rules.md section 4). */
export interface InstalmentProposal {
  /** The fewest monthly instalments each within planProposalCashFlowShare of the free cash flow. */
  readonly instalments: number;
  /** Each instalment but the last. */
  readonly amount: number;
  /** The last instalment (the rounding remainder added, the concession taken off). */
  readonly last: number;
  /** The concession on the last instalment (planLastInstalmentConcession of one instalment, within planMaxConcessionRate). */
  readonly concession: number;
  /** What the plan adds up to: the balance less the concession. */
  readonly total: number;
  /** The plan in one line, e.g. "12 instalments of 100,000, the last reduced by 50,000 (concession): total 1,150,000". */
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

/**
 * The triage of one input row. A verdict is null when its inputs are absent or could not be read, and on
 * a row with a problem (status `problem`: only what was read and the problem, no verdict).
 */
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
  /**
   * The ladder's own step for the days past due alone, in English (LADDER_ACTIONS.en, AR.AGING's "action"):
   * one input of nextStep, not what to do (the result table shows nextStep only).
   */
  readonly action: string | null;
  /** The debtor profile: from the signals present, unknown when absent (so `unclear` with no signals). */
  readonly profile: DebtorProfile | null;
  readonly play: Reason | null;
  readonly toFindOut: readonly Reason[];
  /** The collection step of AR.CHANNEL (channel.ts) from balance, days past due and profile: one input of nextStep. */
  readonly step: CollectionStep | null;
  /**
   * The one next step (next-step.ts): who does what, and why, by the order of precedence of rules.md
   * (claim window, limitation, dishonest listing, profile, ladder). Null when balance or due date is unknown.
   */
  readonly nextStep: NextStep | null;
  /**
   * Settlement amounts: one per policy tier (pay within its days), then the full balance. Null when not
   * offered (settlementWithheld: not due, below policy.settlementFromLevel, unable to pay; the reasons say why).
   */
  readonly offers: readonly number[] | null;
  /** The future-benefit offer beside the ladder (futureBenefit), when the policy makes it and the debtor is not willful. */
  readonly futureBenefit: FutureBenefit | null;
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
   * What the collection log says of the customer (its next contact due by this row's warning level): absent
   * when the run had no log; null when the log has nothing for the customer, or on a row with a problem.
   */
  readonly collection?: CustomerFacts | null;
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
  /** What became of the collection log, when the run had one (TriageOptions.collectionLog). */
  readonly collection?: TriageCollection;
}

/** The collection log of a run: its facts, and what the portfolio does not account for. */
export interface TriageCollection {
  /** The log as read, when the run was given one (null when it was given the facts). */
  readonly log: CollectionLog | null;
  /** The facts per customer, each customer's next contact due by the warning level of its first row. */
  readonly facts: CollectionFacts;
  /** The log's customers that no row of the portfolio names (reported, never ignored). */
  readonly notInPortfolio: readonly CustomerFacts[];
}
