/**
 * The record of one row: a thin view on its run (run.ts), with every verdict read from the run's slabs
 * and caches, or derived from them, when asked for; and its reasons, built on access in the one order of
 * reasonParts (reasons.ts).
 */
import type { Language, Reason } from "../errors.js";
import type { CreditGrade } from "../policy.js";
import { creditTerm, gradeOfRule, type CashFlow, type GradeRule } from "../grade.js";
import { daysPastDue, LADDER_ACTIONS, type WarningLevel } from "../aging.js";
import type { DebtorProfile } from "../profile.js";
import type { CollectionStep } from "../channel.js";
import type { NextStep } from "../next-step.js";
import { futureBenefit, type FutureBenefit } from "../settle.js";
import { moneyTimes, notAbove, roundMoney } from "../money.js";
import type { ConfirmationResult } from "../prevention.js";
import type { CustomerFacts } from "../collection/facts.js";
import { BLANK_ROW, NOT_TRIAGED, reasonParts } from "./reasons.js";
import { append, NO_REASONS } from "./shared.js";
import {
  BALANCE,
  CASH_CODE,
  CASH_FLOWS,
  CONFIRMATION_REF,
  COUNT_READ,
  DUE,
  GRADE_RULES,
  LARGEST,
  LEVEL_CODE,
  LIMITATION_REF,
  RULE_CODE,
  STEP_CODE,
} from "./layout.js";
import type { Run } from "./run.js";
import type { InstalmentProposal, LimitationVerdict, RecoveryEstimate, TriageRecord, TriageStatus } from "./types.js";

/**
 * A record as triage builds it: a thin view on the run. Its numbers (balance, due date, the overdue
 * record) and codes live in the run's slabs, its shared verdicts (profile, step, evidence, confirmation,
 * limitation) in the run's caches, what only some rows have (instalments, recovery, notes) in the run's
 * extras; what follows from those (status, days, bucket, level, labels, offers) is derived, and the
 * reasons are built on access; so that a million records are cheap to make and to keep (two fields each).
 */
export class RecordImpl implements TriageRecord {
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
    return this.#run.problemLists[this.#index] ?? NO_REASONS;
  }

  /** From the problems: none is ok, a blank row's only problem is BLANK_ROW. */
  get status(): TriageStatus {
    const problems = this.problems;
    return problems.length === 0 ? "ok" : problems[0] === BLANK_ROW ? "blank" : "problem";
  }

  /** Whether the row may carry verdicts: no problem (a row with one gets only its problem; blank rows have none). */
  #trusted(): boolean {
    return this.#run.problemLists[this.#index] === undefined;
  }

  get sourceRow(): number {
    return this.#run.sheetRow(this.#index);
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
    if (balance === null || !this.#trusted() || !this.#run.offered(this.#index)) return null;
    const rates = this.#run.tierRates;
    const offers: number[] = new Array(rates.length + 1);
    for (let i = 0; i < rates.length; i++) offers[i] = notAbove(moneyTimes(balance, rates[i]), balance);
    offers[rates.length] = notAbove(roundMoney(balance), balance);
    return offers;
  }

  get dueDate(): number | null {
    return this.#run.intOf(this.#index, DUE);
  }

  /**
   * The future-benefit offer (futureBenefit with the customer's term), beside a settlement ladder that is
   * offered, when the policy makes it and the debtor is not willful (futureBenefitWithheld).
   */
  get futureBenefit(): FutureBenefit | null {
    const run = this.#run;
    const balance = this.balance;
    if (!run.policy.futureBenefitOffered || balance === null || balance <= 0 || !this.#trusted() || !run.offered(this.#index)) return null;
    const profile = this.profile;
    // futureBenefitWithheld's decision, without making its reason
    if (profile === "willful" || profile === "temporary") return null;
    return futureBenefit(balance, this.termDays, run.policy);
  }

  get daysPastDue(): number | null {
    const due = this.dueDate;
    return due === null || !this.#trusted() ? null : daysPastDue(due, this.#run.asOf);
  }

  get bucketIndex(): number | null {
    return this.dueDate === null || !this.#trusted() ? null : this.#run.buckets[this.#index];
  }

  get level(): WarningLevel | null {
    return this.dueDate === null || !this.#trusted() ? null : (this.#run.codeOf(this.#index, LEVEL_CODE) as WarningLevel);
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
    return code === 0 || !this.#trusted() ? null : GRADE_RULES[code - 1];
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

  /** The row's profile verdict, none on a row with a problem (or not profiled). */
  #profile() {
    return this.#trusted() ? this.#run.profileOf(this.#index) : null;
  }

  get profile(): DebtorProfile | null {
    const profile = this.#profile();
    return profile === null ? null : profile.profile;
  }

  get play(): Reason | null {
    const profile = this.#profile();
    return profile === null ? null : profile.play;
  }

  get toFindOut(): readonly Reason[] {
    const profile = this.#profile();
    return profile === null ? NO_REASONS : profile.toFindOut;
  }

  get step(): CollectionStep | null {
    const code = this.#run.codeOf(this.#index, STEP_CODE);
    return code === 0 || !this.#trusted() ? null : (this.#run.steps[code - 1] as CollectionStep);
  }

  get nextStep(): NextStep | null {
    return this.#trusted() ? this.#run.nextStepOf(this.#index) : null;
  }

  get missingEvidence(): readonly Reason[] | null {
    const ref = this.#run.evidenceRefs[this.#index];
    return ref === 0 || !this.#trusted() ? null : this.#run.evidence.list[ref - 1];
  }

  get confirmation(): ConfirmationResult | null {
    const ref = this.#run.intOf(this.#index, CONFIRMATION_REF);
    return ref === null || !this.#trusted() ? null : this.#run.confirmations.list[ref];
  }

  get limitation(): LimitationVerdict | null {
    const ref = this.#run.intOf(this.#index, LIMITATION_REF);
    return ref === null || !this.#trusted() ? null : this.#run.limitations.list[ref];
  }

  /** The log's facts of the customer: undefined without a log, null when it has none or the row has a problem. */
  get collection(): CustomerFacts | null | undefined {
    const run = this.#run;
    if (run.logFacts === null) return undefined;
    return this.#trusted() ? (run.rowFacts.get(this.#index) ?? null) : null;
  }

  get instalments(): InstalmentProposal | null {
    const extra = this.#run.extraOf(this.#index);
    return extra === undefined || !this.#trusted() ? null : extra.instalments;
  }

  get recovery(): RecoveryEstimate | null {
    const extra = this.#run.extraOf(this.#index);
    return extra === undefined || !this.#trusted() ? null : extra.recovery;
  }

  /**
   * The reasons, built on each access from the run's shared parts, in the order of reasonParts; a row
   * with a problem has the one reason NOT_TRIAGED (its problems are in `problems`).
   */
  get reasons(): readonly Reason[] {
    const out: Reason[] = [];
    if (this.status === "blank") return out;
    if (this.status === "problem") return NOT_TRIAGED.reasons;
    const parts = this.#run.reasonParts;
    const n = reasonParts(this.#run, this.#index, parts);
    for (let i = 0; i < n; i++) out.push(...parts[i].reasons);
    return out;
  }

  /**
   * The reasons in one line (reasonsText), as reasonText joins `reasons`: the same parts, each shared
   * list's text joined once per run and kept with it, so that no list is joined and no lookup is made by
   * object per row.
   */
  reasonsLine(language: Language): string {
    if (this.status === "blank") return "";
    if (this.status === "problem") return NOT_TRIAGED.text(language);
    const parts = this.#run.reasonParts;
    const n = reasonParts(this.#run, this.#index, parts);
    let text = "";
    for (let i = 0; i < n; i++) text = append(text, parts[i], language);
    return text;
  }

  toJSON(): Omit<TriageRecord, "toJSON"> {
    const collection = this.collection;
    return {
      sourceRow: this.sourceRow,
      customer: this.customer,
      status: this.status,
      problems: this.problems,
      balance: this.balance,
      dueDate: this.dueDate,
      overdueCount: this.overdueCount,
      largestOverdue: this.largestOverdue,
      cashFlow: this.cashFlow,
      grade: this.grade,
      gradeRule: this.gradeRule,
      termDays: this.termDays,
      daysPastDue: this.daysPastDue,
      bucketIndex: this.bucketIndex,
      bucket: this.bucket,
      level: this.level,
      action: this.action,
      profile: this.profile,
      play: this.play,
      toFindOut: this.toFindOut,
      step: this.step,
      nextStep: this.nextStep,
      offers: this.offers,
      futureBenefit: this.futureBenefit,
      instalments: this.instalments,
      recovery: this.recovery,
      missingEvidence: this.missingEvidence,
      confirmation: this.confirmation,
      limitation: this.limitation,
      reasons: this.reasons,
      ...(collection === undefined ? {} : { collection }),
    };
  }
}
