/**
 * The columns of a triage result (the result sheet of the task pane, the command line's output file) and
 * the cells of one record, in English or Chinese. Texts are built here, when a row is written, not while
 * the portfolio is triaged.
 */
import {
  bucketLabels,
  CONFIRMATION_STATUS_NAMES,
  DEFAULT_POLICY,
  describeNextStep,
  EVIDENCE_COMPLETE,
  formatRate,
  LIMITATION_STATUS_NAMES,
  PROFILE_NAMES,
  reasonsText,
  reasonText,
  sharedReasonText,
  type Language,
  type Policy,
  type Reason,
  type TriageRecord,
  type TriageStatus,
  type CustomerFacts,
  isoFromSerial,
} from "../core/index.js";

/** One output column: a stable key and its header in each language. */
export interface TriageColumn {
  readonly key: string;
  readonly en: string;
  readonly zh: string;
}

const HEAD: readonly TriageColumn[] = [
  { key: "sourceRow", en: "source row", zh: "源行号" },
  { key: "customer", en: "customer", zh: "客户" },
  { key: "balance", en: "balance", zh: "余额" },
  { key: "status", en: "status", zh: "状态" },
  { key: "problems", en: "problems", zh: "问题" },
  { key: "grade", en: "grade", zh: "信用等级" },
  { key: "term", en: "term (days)", zh: "账期（天）" },
  { key: "daysPastDue", en: "days past due", zh: "逾期天数" },
  { key: "bucket", en: "aging bucket", zh: "账龄段" },
  { key: "level", en: "warning level", zh: "预警级别" },
  { key: "nextStep", en: "next step", zh: "下一步" },
  { key: "profile", en: "profile", zh: "客户画像" },
  { key: "strategy", en: "strategy", zh: "策略" },
  { key: "toFindOut", en: "to find out", zh: "待查" },
];

const TAIL: readonly TriageColumn[] = [
  { key: "futureBenefit", en: "future benefit (pay in full now)", zh: "未来利益（现在全额还款）" },
  { key: "instalments", en: "instalment proposal", zh: "分期方案" },
  { key: "recovery", en: "recovery estimate", zh: "预计受偿" },
  { key: "missingEvidence", en: "missing evidence", zh: "缺少的证据" },
  { key: "confirmation", en: "balance confirmation", zh: "对账状态" },
  { key: "limitationDays", en: "limitation: days left", zh: "诉讼时效剩余天数" },
  { key: "limitationStatus", en: "limitation status", zh: "诉讼时效状态" },
  { key: "reasons", en: "reasons", zh: "原因" },
];

/**
 * The columns of the collection log's facts (issue 13), after the reasons (so that every other column keeps
 * its place), only in the result of a run given a log: promises kept, broken and pending, the open
 * dispute, the last contact, the next contact due and whether it is overdue, and the day the limitation
 * period runs again from by the log (dates as Excel serials).
 */
export const LOG_COLUMNS: readonly TriageColumn[] = Object.freeze([
  { key: "promisesKept", en: "promises kept", zh: "承诺已兑现" },
  { key: "promisesBroken", en: "promises broken", zh: "承诺未兑现" },
  { key: "promisesPending", en: "promises pending", zh: "承诺待兑现" },
  { key: "openDispute", en: "open dispute", zh: "未决异议" },
  { key: "lastContact", en: "last contact", zh: "最近联系" },
  { key: "nextContactDue", en: "next contact due", zh: "下次联系日" },
  { key: "followUpOverdue", en: "follow-up overdue", zh: "跟进逾期" },
  { key: "limitationRestartedFrom", en: "limitation restarted from (log)", zh: "时效重新起算日（催收记录）" },
]);

/** The keys of the log's date columns (Excel serials: a writer formats them as dates). */
export const LOG_DATE_KEYS: readonly string[] = Object.freeze(["lastContact", "nextContactDue", "limitationRestartedFrom"]);

const YES_NO: Readonly<Record<Language, readonly [string, string]>> = { en: ["yes", "no"], zh: ["是", "否"] };

/**
 * The log's cells of a record (LOG_COLUMNS): blank when the log has nothing for the customer or the row
 * has a problem. The open dispute reads "invoice JC-1 since 2025-06-12" (the first, and how many more).
 */
export function logCells(facts: CustomerFacts | null | undefined, language: Language): (string | number)[] {
  if (facts === null || facts === undefined) return ["", "", "", "", "", "", "", ""];
  const disputes = facts.openDisputes;
  let dispute = "";
  if (disputes.length > 0) {
    const d = disputes[0];
    const since = isoFromSerial(d.opened);
    dispute =
      language === "zh"
        ? `${d.invoice === null ? "全部欠款" : `发票 ${d.invoice}`}，自 ${since} 起${disputes.length > 1 ? `（另有 ${disputes.length - 1} 项）` : ""}`
        : `${d.invoice === null ? "whole debt" : `invoice ${d.invoice}`} since ${since}${disputes.length > 1 ? ` (and ${disputes.length - 1} more)` : ""}`;
  }
  return [
    facts.promisesKept,
    facts.promisesBroken,
    facts.promisesPending,
    dispute,
    facts.lastContact?.date ?? "",
    facts.nextContactDue ?? "",
    facts.nextContactDue === null ? "" : YES_NO[language][facts.followUpOverdue ? 0 : 1],
    facts.lastInterruption?.date ?? "",
  ];
}

/**
 * The output columns for a policy, in order: source row, customer, balance, status, problems, grade,
 * term, days past due, bucket, level, next step (the one step decided by nextStep: who, what, how; why
 * is in the reasons), profile, strategy, to find out, one settlement offer per tier of the policy
 * (`offer-10`: "pay within 10 days (90%)") and the full balance (`offer-full`), the future benefit,
 * instalment proposal, recovery estimate, missing evidence, balance confirmation, limitation days left
 * and status, reasons; then, for a run given a collection log (`withLog`), LOG_COLUMNS.
 */
export function triageColumns(policy: Policy = DEFAULT_POLICY, withLog = false): TriageColumn[] {
  const tiers = policy.settlementTiers;
  const lastDays = tiers[tiers.length - 1].days;
  const offers: TriageColumn[] = tiers.map((t) => ({
    key: `offer-${t.days}`,
    en: `pay within ${t.days} days (${formatRate(t.rate)})`,
    zh: `${t.days}天内付清（${formatRate(t.rate)}）`,
  }));
  offers.push({ key: "offer-full", en: `full balance (after ${lastDays} days)`, zh: `全额（${lastDays}天后）` });
  return withLog ? [...HEAD, ...offers, ...TAIL, ...LOG_COLUMNS] : [...HEAD, ...offers, ...TAIL];
}

/** The output columns under the default policy (settlement tiers 10 and 20 days). */
export const TRIAGE_COLUMNS: readonly TriageColumn[] = Object.freeze(triageColumns(DEFAULT_POLICY));

const STATUS: Readonly<Record<Language, Readonly<Record<TriageStatus, string>>>> = {
  en: { ok: "ok", problem: "problem", blank: "blank" },
  zh: { ok: "正常", problem: "有问题", blank: "空行" },
};

/** Bucket labels of a policy's edges per language, computed once per policy. */
const labelCache = new WeakMap<Policy, Readonly<Record<Language, readonly string[]>>>();

let lastPolicy: Policy | null = null;
let lastLabels: Readonly<Record<Language, readonly string[]>> | undefined;

function labelsOf(policy: Policy, language: Language): readonly string[] {
  if (policy !== lastPolicy) {
    let labels = labelCache.get(policy);
    if (labels === undefined) {
      labels = { en: bucketLabels(policy.agingEdges, "en"), zh: bucketLabels(policy.agingEdges, "zh") };
      labelCache.set(policy, labels);
    }
    lastPolicy = policy; // the policy of the rows being written: no lookup for the next row
    lastLabels = labels;
  }
  return (lastLabels as Readonly<Record<Language, readonly string[]>>)[language];
}

function text(reason: Reason, language: Language): string {
  return language === "zh" ? reason.zh : reason.en;
}

/**
 * The cells of one record in the order of `triageColumns(policy)`: numbers as numbers (source row,
 * balance, term, days, level, offers, recovery payout, days left), texts in the language, "" for an
 * empty verdict. The recovery column holds the payout when it could be estimated, else the reminder to
 * file the claim. A record of a run given a collection log (its `collection` not undefined) gets the log's
 * cells (logCells) after the reasons. Cell texts are not escaped: the writers make them safe (cell-text.ts).
 * @param policy the policy the record was triaged with (its tiers and bucket edges)
 */
export function recordCells(record: TriageRecord, language: Language, policy: Policy = DEFAULT_POLICY): (string | number | boolean)[] {
  const r = record;
  // Each getter once (a record's fields are derived on access), each cell in a local.
  const days = r.daysPastDue;
  const level = r.level;
  const bucket = r.bucketIndex;
  const profile = r.profile;
  const play = r.play;
  const step = r.nextStep;
  const problems = r.problems;
  const instalments = r.instalments;
  const recovery = r.recovery;
  const evidence = r.missingEvidence;
  const confirmation = r.confirmation;
  const limitation = r.limitation;
  const sourceRow = r.sourceRow;
  const customer = r.customer;
  const balance = r.balance ?? "";
  const status = STATUS[language][r.status];
  const problemText = problems.length === 0 ? "" : problems.length === 1 ? text(problems[0], language) : reasonText(problems, language);
  const grade = r.grade ?? "";
  const term = r.termDays ?? "";
  const daysCell = days ?? "";
  const bucketCell = bucket === null ? "" : (labelsOf(policy, language)[bucket] ?? "");
  const levelCell = level ?? "";
  const profileCell = profile === null ? "" : PROFILE_NAMES[language][profile];
  const strategy = play === null ? "" : text(play, language);
  const toFindOut = sharedReasonText(r.toFindOut, language);
  const nextStep = step === null ? "" : describeNextStep(step, language);
  const benefit = r.futureBenefit;
  const benefitCell = benefit === null ? "" : text(benefit.reason, language);
  const tiers = policy.settlementTiers.length + 1;
  const offers = r.offers;
  const instalmentCell = instalments === null ? "" : text(instalments.reason, language);
  const recoveryCell = recovery === null ? "" : recovery.kind === "estimate" ? recovery.payout : text(recovery.reason, language);
  const evidenceCell = evidence === null ? "" : evidence.length === 0 ? EVIDENCE_COMPLETE[language] : sharedReasonText(evidence, language);
  const confirmationCell = confirmation === null ? "" : CONFIRMATION_STATUS_NAMES[language][confirmation.overdue ? 1 : 0];
  const daysLeft = limitation === null ? "" : limitation.daysLeft;
  const limitationStatus = limitation === null ? "" : LIMITATION_STATUS_NAMES[language][limitation.status];
  const reasons = reasonsText(r, language);
  const collection = r.collection;
  if (collection !== undefined) {
    const cells: (string | number | boolean)[] = [sourceRow, customer, balance, status, problemText, grade, term, daysCell, bucketCell];
    cells.push(levelCell, nextStep, profileCell, strategy, toFindOut);
    for (let i = 0; i < tiers; i++) cells.push(offers === null ? "" : (offers[i] ?? ""));
    cells.push(benefitCell, instalmentCell, recoveryCell, evidenceCell, confirmationCell, daysLeft, limitationStatus, reasons);
    cells.push(...logCells(collection, language));
    return cells;
  }
  if (tiers === 3) {
    // The default policy's two tiers and the full balance: one array literal (the quickest to make).
    return [
      sourceRow,
      customer,
      balance,
      status,
      problemText,
      grade,
      term,
      daysCell,
      bucketCell,
      levelCell,
      nextStep,
      profileCell,
      strategy,
      toFindOut,
      offers === null ? "" : (offers[0] ?? ""),
      offers === null ? "" : (offers[1] ?? ""),
      offers === null ? "" : (offers[2] ?? ""),
      benefitCell,
      instalmentCell,
      recoveryCell,
      evidenceCell,
      confirmationCell,
      daysLeft,
      limitationStatus,
      reasons,
    ];
  }
  const cells: (string | number | boolean)[] = [
    sourceRow,
    customer,
    balance,
    status,
    problemText,
    grade,
    term,
    daysCell,
    bucketCell,
    levelCell,
    nextStep,
    profileCell,
    strategy,
    toFindOut,
  ];
  for (let i = 0; i < tiers; i++) cells.push(offers === null ? "" : (offers[i] ?? ""));
  cells.push(benefitCell, instalmentCell, recoveryCell, evidenceCell, confirmationCell, daysLeft, limitationStatus, reasons);
  return cells;
}
