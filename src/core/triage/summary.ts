/**
 * The summary of a triage run: counts and amounts by profile, warning level, aging bucket and grade, and
 * the rows with problems, for the command line's printout and the task pane's summary sheet.
 */
import type { Reason } from "../errors.js";
import { bucketLabels } from "../aging.js";
import { DEFAULT_POLICY, type CreditGrade, type Policy } from "../policy.js";
import { roundMoney } from "../money.js";
import { PROFILE_NAMES, type DebtorProfile } from "../profile.js";
import type { TriageRecord } from "./triage.js";

/** One line of a breakdown: a stable key, its label in each language, how many rows and their balance. */
export interface SummaryGroup {
  readonly key: string;
  readonly en: string;
  readonly zh: string;
  readonly count: number;
  /** The sum of the balances, exact to the cent. */
  readonly amount: number;
}

/** A row with problems: where, whose, its first problem and how many it has. */
export interface ProblemRow {
  readonly sourceRow: number;
  readonly customer: string;
  readonly problem: Reason;
  readonly problemCount: number;
}

/** What a triage run found. */
export interface TriageSummary {
  /** Records (input rows up to the last non-blank one). */
  readonly rows: number;
  readonly ok: number;
  /** Rows with status `problem` (blank rows in between are counted in `blank`). */
  readonly problem: number;
  readonly blank: number;
  /** Rows whose balance and due date read: the ones in the breakdowns. */
  readonly triaged: number;
  /** The balance of the triaged rows, exact to the cent. */
  readonly amount: number;
  /** temporary, willful, unable, unclear, then `none` (no profile: a signal could not be read). */
  readonly byProfile: readonly SummaryGroup[];
  /** Warning levels 0 (not due or under 30 days) to 3. */
  readonly byLevel: readonly SummaryGroup[];
  /** The policy's aging buckets, `current` first. */
  readonly byBucket: readonly SummaryGroup[];
  /** A, B, C, then `none` (no grade). */
  readonly byGrade: readonly SummaryGroup[];
  /** Every row with status `problem` or `blank`, in input order. */
  readonly problemRows: readonly ProblemRow[];
}

interface Tally {
  count: number;
  cents: number;
}

// The profile names are AR.PROFILE's own (profile.ts); "none" is a row not profiled: nothing overdue, or no signals.
const PROFILES = [
  ...(["temporary", "willful", "unable", "unclear"] as const).map((k) => [k, PROFILE_NAMES.en[k], PROFILE_NAMES.zh[k]] as const),
  ["none", "no profile", "未画像"] as const,
];

const LEVELS = [
  ["0", "level 0 (not due or under level 1)", "0级（未到期或未达一级）"],
  ["1", "level 1", "一级预警"],
  ["2", "level 2", "二级预警"],
  ["3", "level 3", "三级预警"],
] as const;

const GRADES = [
  ["A", "A", "A级"],
  ["B", "B", "B级"],
  ["C", "C", "C级"],
  ["none", "no grade", "未评级"],
] as const;

/**
 * Summarises triaged records. The breakdowns count the rows triaged: no problem (a row with a problem,
 * such as a duplicate customer, has no level and is left out: its problem is listed in problemRows for
 * the user to fix); amounts add up exactly to the cent.
 * @param policy the policy of the run (its aging buckets); the defaults when left out
 */
export function summarise(records: readonly TriageRecord[], policy: Policy = DEFAULT_POLICY): TriageSummary {
  const en = bucketLabels(policy.agingEdges, "en");
  const zh = bucketLabels(policy.agingEdges, "zh");
  const profile: Tally[] = PROFILES.map(() => ({ count: 0, cents: 0 }));
  const level: Tally[] = LEVELS.map(() => ({ count: 0, cents: 0 }));
  const bucket: Tally[] = en.map(() => ({ count: 0, cents: 0 }));
  const grade: Tally[] = GRADES.map(() => ({ count: 0, cents: 0 }));
  const problemRows: ProblemRow[] = [];
  let ok = 0;
  let problem = 0;
  let blank = 0;
  let triaged = 0;
  let total = 0;
  for (const r of records) {
    // each getter once (a record's fields are derived on access)
    const status = r.status;
    if (status === "ok") ok++;
    else if (status === "blank") blank++;
    else problem++;
    if (status !== "ok") {
      const problems = r.problems;
      if (problems.length > 0)
        problemRows.push({ sourceRow: r.sourceRow, customer: r.customer, problem: problems[0], problemCount: problems.length });
    }
    const balance = r.balance;
    if (balance === null || r.dueDate === null) continue;
    const rowLevel = r.level;
    const rowBucket = r.bucketIndex;
    if (rowLevel === null || rowBucket === null) continue;
    triaged++;
    const cents = Math.round(roundMoney(balance) * 100);
    total += cents;
    add(profile[profileIndex(r.profile)], cents);
    add(level[rowLevel], cents);
    add(bucket[rowBucket], cents);
    add(grade[gradeIndex(r.grade)], cents);
  }
  const groups = (
    defs: readonly (readonly [string, string, string])[],
    tally: (key: string, i: number) => Tally | undefined,
  ): SummaryGroup[] =>
    defs.map(([key, labelEn, labelZh], i) => {
      const t = tally(key, i) ?? { count: 0, cents: 0 };
      return { key, en: labelEn, zh: labelZh, count: t.count, amount: t.cents / 100 };
    });
  return {
    rows: records.length,
    ok,
    problem,
    blank,
    triaged,
    amount: total / 100,
    byProfile: groups(PROFILES, (_, i) => profile[i]),
    byLevel: groups(LEVELS, (_, i) => level[i]),
    byBucket: groups(
      en.map((label, i) => [label, label, zh[i]] as const),
      (_, i) => bucket[i],
    ),
    byGrade: groups(GRADES, (_, i) => grade[i]),
    problemRows,
  };
}

/** The index of a profile's group in PROFILES (no profile: `none`, last); -1 for no group. */
function profileIndex(profile: DebtorProfile | null | undefined): number {
  switch (profile ?? "none") {
    case "temporary":
      return 0;
    case "willful":
      return 1;
    case "unable":
      return 2;
    case "unclear":
      return 3;
    case "none":
      return 4;
    default:
      return -1;
  }
}

/** The index of a grade's group in GRADES (no grade: `none`, last); -1 for no group. */
function gradeIndex(grade: CreditGrade | null | undefined): number {
  switch (grade ?? "none") {
    case "A":
      return 0;
    case "B":
      return 1;
    case "C":
      return 2;
    case "none":
      return 3;
    default:
      return -1;
  }
}

function add(tally: Tally | undefined, cents: number): void {
  if (tally === undefined) return;
  tally.count++;
  tally.cents += cents;
}
