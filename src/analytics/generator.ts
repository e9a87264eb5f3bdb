/**
 * A seeded generator of realistic receivable ledgers of any size, for demos, notebooks, tests and
 * benchmarks. Deterministic: the same options give the same ledger on every machine and in every time
 * zone (a seeded sfc32 stream, dates as Excel serials, amounts in whole cents).
 *
 * What it simulates, month by month from `start`:
 * - customers (name in Chinese or English, region, cash-flow assessment), some onboarding during the
 *   window; each month every active customer is graded with the core's grade rule (rules.md section 1)
 *   from its overdue events of the trailing 12 months and its cash flow (`grades` table);
 * - invoices: issue date, amount, and due date = issue + credit term. Before the policy date the firm
 *   gives everybody the same term (`termBeforeDays`); from the policy date on (the method is adopted) the
 *   term is the grade's (A 30, B 15, C 0 = cash on delivery) from the core's policy;
 * - payments: on time, early or late by the customer's cash flow, sometimes in two parts; an invoice
 *   still unpaid `overdueEventDays` after its due date is an overdue event for later grades;
 * - defaults: a customer may default (hazard calibrated to `baseBadDebtRate`), after a distress spell in
 *   which it pays late (so that the method's grades can see it coming and switch it to cash on
 *   delivery). Its unpaid invoices become a collection case. The case's debtor profile is the core's
 *   verdict (`debtorProfile`) on generated signals; the strategy follows it when the method is in force
 *   (temporary: instalment plan sized by the core; willful: lawyer's letter and the anchor-price
 *   settlement ladder; unable: bankruptcy claim filed in time, assets traced; unclear: the warning
 *   ladder), and is the old practice before (long dunning, then legal action; late bankruptcy claims);
 * - outcomes: cash collected on the case (payments of kind `collection`), discounts and concessions and
 *   uncollectible balances written off (`writeoffs`), cash received after the write-off (`recoveries`).
 *
 * The ledger is a snapshot at `asOf` = the last day of the last month: nothing later is recorded, so
 * recent invoices are open and recent cases unfinished, as in a real extract.
 *
 * Output goes to a sink, batch by batch, as columnar typed arrays (formats.ts): `io.ts` writes them to
 * CSV and Arrow files; {@link generateTables} collects them into Arquero tables.
 */
import type { ColumnTable } from "arquero";
import {
  addDays,
  addMonths,
  bankruptcyRecovery,
  daysInMonth,
  debtorProfile,
  DEFAULT_POLICY,
  gradeOfRule,
  gradeRule,
  instalmentPlan,
  moneyTimes,
  settlementOffer,
  settlementRate,
  validatePolicy,
  type CreditGrade,
  type DebtorProfile,
  type DebtorSignals,
  type Policy,
  type TurnoverDecline,
} from "../core/index.js";
import { monthEnd, monthIndex, monthStart, toSerial } from "./calendar.js";
import { BOOL_NULL, CATEGORY_NULL, INT_NULL, batchesToTable, type ColumnBatch, type ColumnData, type ColumnKind, type TableSchema } from "./formats.js";
import { companyNames, DEFAULT_REGIONS, type NameLanguage } from "./names.js";
import { Rng, searchCumulative } from "./prng.js";

// ------------------------------------------------------------------------------------------- options

/** Shares of the three debtor types among customers that default (they need not add up to 1). */
export interface ProfileShares {
  readonly temporary: number;
  readonly willful: number;
  readonly unable: number;
}

/** Shares of the cash-flow assessments among customers. */
export interface CashFlowShares {
  readonly good: number;
  readonly fair: number;
  readonly poor: number;
}

/** The tables a ledger has. */
export type LedgerTableName = "customers" | "grades" | "invoices" | "payments" | "writeoffs" | "recoveries" | "cases";

/** Every table, in the order they are written. */
export const LEDGER_TABLES: readonly LedgerTableName[] = Object.freeze(["customers", "grades", "invoices", "payments", "writeoffs", "recoveries", "cases"]);

/** The knobs of the generator. Every one has a default. */
export interface GeneratorOptions {
  /** Seed of the random stream (any number). Default 1. */
  readonly seed?: number;
  /** Number of invoice rows. Default 100,000. 10,000,000 take about a minute and a half to CSV and Arrow (every table), under 1 GB of memory. */
  readonly invoices?: number;
  /** Number of customers. Default invoices / 100 (at least 20). */
  readonly customers?: number;
  /**
   * Number of months from `start`. Default 48: two years before the policy date and two after. The
   * simulation starts with no defaults in progress, so write-offs ramp up over the first 12-18 months
   * (compare periods after that, or use the vintage basis).
   */
  readonly months?: number;
  /** The first month: an Excel serial or ISO date inside it (its day is ignored). Default 2021-01-01. */
  readonly start?: number | string;
  /** Region labels. Default East/North/South/West/Central (华东/华北/华南/西部/华中 for zh). */
  readonly regions?: readonly string[];
  /** Shares of temporary / willful / unable among defaulting debtors. Default 0.45 / 0.35 / 0.20. */
  readonly profileShares?: ProfileShares;
  /** Shares of good / fair / poor cash flow among customers. Default 0.6 / 0.3 / 0.1. */
  readonly cashFlowShares?: CashFlowShares;
  /**
   * Target bad-debt rate before the method: amount written off / credit sales of the invoices issued
   * before the policy date (a fraction, default 0.05 as in the article's machinery firm). It sets the
   * default hazard; the realised rate is near it (within about a fifth on 100k+ invoices). After the
   * policy date the rate falls by itself, through the method's terms, cash on delivery for C, the
   * warning ladder and profile-led collection (the article reports 5% to 1.2%).
   */
  readonly baseBadDebtRate?: number;
  /** Date the method is adopted (serial or ISO); null: never. Default: the first day of the middle month (2023-01-01). */
  readonly policyDate?: number | string | null;
  /** Language of names (and default regions): en, zh or mixed. Default en. */
  readonly language?: NameLanguage;
  /** The credit policy (terms, small-amount limit, settlement ladder, plan limits). Default the core's. */
  readonly policy?: Policy;
  /** Credit term in days for everybody before the method. Default 60. */
  readonly termBeforeDays?: number;
  /** Median invoice amount (currency units). Default 20,000. */
  readonly medianAmount?: number;
  /** Days past due at which an unpaid invoice counts as an overdue event for the grade. Default 30 (warning level 1). */
  readonly overdueEventDays?: number;
  /**
   * A collection case's unpaid balance is written off this many days after the case opens (after the
   * missed instalment, for a broken plan) if the case has not closed before; later cash is a recovery.
   * A plan being kept is not written off, only its concession at the end. Default 180.
   */
  readonly writeOffAfterDays?: number;
  /** Rows per batch handed to the sink. Default 65,536. */
  readonly batchRows?: number;
  /** Tables to hand to the sink. Default all. The ledger is the same whichever are chosen. */
  readonly tables?: readonly LedgerTableName[];
}

/**
 * How one knob is set and what it means, as `npm run generate -- --help` prints it and the table of
 * notebooks/README.md ("The ledger generator") shows it. The one place these descriptions are written:
 * the help text and the README table are made from {@link GENERATOR_KNOBS}, and a test keeps the README
 * equal to it.
 */
export interface GeneratorKnob {
  /** The command-line flag, with its leading dashes (`--invoices`). */
  readonly flag: string;
  /** What the flag takes (`N`, `YYYY-MM-DD`, `T,W,U`). */
  readonly value: string;
  /** What it means (English, with the Chinese term in brackets). */
  readonly meaning: string;
  /** Unit or form of the value. */
  readonly unit: string;
  /** The default, as text. */
  readonly default: string;
}

/**
 * Every knob of {@link GeneratorOptions} but `policy` (an object, set from code only), keyed by option,
 * in the order the help lists them.
 */
export const GENERATOR_KNOBS: { readonly [K in Exclude<keyof GeneratorOptions, "policy">]-?: GeneratorKnob } = Object.freeze({
  seed: { flag: "--seed", value: "N", meaning: "seed of the random stream; the same seed and knobs give the same ledger [随机种子]", unit: "integer", default: "1" },
  invoices: { flag: "--invoices", value: "N", meaning: "number of invoice rows [发票数]", unit: "rows", default: "100000" },
  customers: { flag: "--customers", value: "N", meaning: "number of customers [客户数]", unit: "customers", default: "invoices / 100, at least 20" },
  months: { flag: "--months", value: "N", meaning: "months simulated from --start; write-offs ramp up over the first 12-18 [月数]", unit: "months", default: "48" },
  start: { flag: "--start", value: "YYYY-MM-DD", meaning: "first month of the ledger (the day is ignored) [起始月份]", unit: "date", default: "2021-01-01" },
  policyDate: { flag: "--policy-date", value: "YYYY-MM-DD|none", meaning: "day the method is adopted (graded terms, profile-led collection); none: never [新方法实施日]", unit: "date", default: "first day of the middle month (2023-01-01 with the default --start and --months)" },
  baseBadDebtRate: { flag: "--base-rate", value: "X", meaning: "target bad-debt rate before the method: written off / credit sales [实施前坏账率]", unit: "fraction in [0, 0.5)", default: "0.05" },
  language: { flag: "--language", value: "en|zh|mixed", meaning: "language of customer names and default regions [语言]", unit: "en, zh or mixed", default: "en" },
  regions: { flag: "--regions", value: "A,B,...", meaning: "region labels [地区]", unit: "1-100 distinct labels", default: `${DEFAULT_REGIONS.en.join(",")} (zh: ${DEFAULT_REGIONS.zh.join(",")})` },
  profileShares: { flag: "--profile-shares", value: "T,W,U", meaning: "shares of temporary / willful / unable among defaulting debtors [暂时困难 / 恶意拖欠 / 无力偿还]", unit: "3 shares >= 0, need not add to 1", default: "0.45,0.35,0.2" },
  cashFlowShares: { flag: "--cash-flow-shares", value: "G,F,P", meaning: "shares of good / fair / poor cash flow among customers [现金流 良好 / 一般 / 差]", unit: "3 shares >= 0, need not add to 1", default: "0.6,0.3,0.1" },
  termBeforeDays: { flag: "--term-before", value: "DAYS", meaning: "credit term for everybody before the method [实施前账期]", unit: "days", default: "60" },
  medianAmount: { flag: "--median-amount", value: "X", meaning: "median invoice amount [发票金额中位数]", unit: "currency units", default: "20000" },
  overdueEventDays: { flag: "--overdue-event-days", value: "DAYS", meaning: "days past due at which an unpaid invoice counts as an overdue event for the grade [逾期事件天数]", unit: "days", default: "30" },
  writeOffAfterDays: { flag: "--write-off-after", value: "DAYS", meaning: "a case's unpaid balance is written off this long after it opens; later cash is a recovery [核销期限]", unit: "days", default: "180" },
  tables: { flag: "--tables", value: "LIST", meaning: `tables to write, of ${LEDGER_TABLES.join(",")}; the ledger is the same whichever [输出表]`, unit: "comma-separated names", default: "all" },
  batchRows: { flag: "--batch-rows", value: "N", meaning: "rows per batch handed to the writers (memory vs speed) [批大小]", unit: "rows", default: "65536" },
});

/** The options with every default filled in. */
export interface ResolvedOptions {
  readonly seed: number;
  readonly invoices: number;
  readonly customers: number;
  readonly months: number;
  /** Month index of the first month. */
  readonly startMonth: number;
  /** Serial of the first day. */
  readonly start: number;
  /** Serial of the last day: the ledger is as of it. */
  readonly asOf: number;
  readonly regions: readonly string[];
  readonly profileShares: ProfileShares;
  readonly cashFlowShares: CashFlowShares;
  readonly baseBadDebtRate: number;
  /** Serial of the policy date, or 0 when the method is never adopted. */
  readonly policyDate: number;
  readonly language: NameLanguage;
  readonly policy: Policy;
  readonly termBeforeDays: number;
  readonly medianAmount: number;
  readonly overdueEventDays: number;
  readonly writeOffAfterDays: number;
  readonly batchRows: number;
  readonly tables: readonly LedgerTableName[];
}

function positiveInt(value: number, name: string, min = 1): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number >= ${min}, not ${value}`);
  return value;
}

function share(value: number, name: string): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a share >= 0, not ${value}`);
  return value;
}

/** Fills in the defaults and checks the options; throws a RangeError naming a bad knob. */
export function resolveOptions(options: GeneratorOptions = {}): ResolvedOptions {
  const invoices = positiveInt(options.invoices ?? 100_000, "invoices", 0);
  const months = positiveInt(options.months ?? 48, "months");
  const startMonth = monthIndex(toSerial(options.start ?? "2021-01-01"));
  const language = options.language ?? "en";
  if (language !== "en" && language !== "zh" && language !== "mixed") throw new RangeError(`language must be en, zh or mixed, not ${String(language)}`);
  const regions = options.regions ?? DEFAULT_REGIONS[language === "zh" ? "zh" : "en"];
  if (regions.length === 0 || regions.length > 100 || new Set(regions).size !== regions.length) throw new RangeError("regions must be 1-100 distinct labels");
  const policyDate = options.policyDate === null ? 0 : options.policyDate === undefined ? monthStart(startMonth + Math.floor(months / 2)) : toSerial(options.policyDate);
  const rate = options.baseBadDebtRate ?? 0.05;
  if (!(rate >= 0 && rate < 0.5)) throw new RangeError(`baseBadDebtRate must be in [0, 0.5), not ${rate}`);
  const ps = options.profileShares ?? { temporary: 0.45, willful: 0.35, unable: 0.2 };
  const cs = options.cashFlowShares ?? { good: 0.6, fair: 0.3, poor: 0.1 };
  for (const [k, v] of Object.entries(ps)) share(v, `profileShares.${k}`);
  for (const [k, v] of Object.entries(cs)) share(v, `cashFlowShares.${k}`);
  if (ps.temporary + ps.willful + ps.unable <= 0) throw new RangeError("profileShares must not all be 0");
  if (cs.good + cs.fair + cs.poor <= 0) throw new RangeError("cashFlowShares must not all be 0");
  const tables = options.tables ?? LEDGER_TABLES;
  for (const t of tables) if (!LEDGER_TABLES.includes(t)) throw new RangeError(`unknown table ${t}`);
  return {
    seed: options.seed ?? 1,
    invoices,
    customers: positiveInt(options.customers ?? Math.max(20, Math.round(invoices / 100)), "customers"),
    months,
    startMonth,
    start: monthStart(startMonth),
    asOf: monthEnd(startMonth + months - 1),
    regions,
    profileShares: ps,
    cashFlowShares: cs,
    baseBadDebtRate: rate,
    policyDate,
    language,
    policy: validatePolicy(options.policy ?? DEFAULT_POLICY),
    termBeforeDays: positiveInt(options.termBeforeDays ?? 60, "termBeforeDays", 0),
    medianAmount: share(options.medianAmount ?? 20_000, "medianAmount"),
    overdueEventDays: positiveInt(options.overdueEventDays ?? 30, "overdueEventDays"),
    writeOffAfterDays: positiveInt(options.writeOffAfterDays ?? 180, "writeOffAfterDays"),
    batchRows: positiveInt(options.batchRows ?? 65_536, "batchRows"),
    tables,
  };
}

// ------------------------------------------------------------------------------------------- schemas

/** Cash-flow words, in code order. */
export const CASH_FLOWS = Object.freeze(["good", "fair", "poor"] as const);
/** Grades, in code order. */
export const GRADES: readonly CreditGrade[] = Object.freeze(["A", "B", "C"]);
/** Debtor profiles as the core names them, plus `none` for a customer never in collection. */
export const PROFILES = Object.freeze(["temporary", "willful", "unable", "unclear", "none"] as const);
/** Debtor types (the generator's hidden truth), plus `none`. */
export const DEBTOR_TYPES = Object.freeze(["temporary", "willful", "unable", "none"] as const);
/** Payment kinds: `regular` (credit sale paid), `cash` (cash on delivery), `collection` (a case's cash before the write-off). */
export const PAYMENT_KINDS = Object.freeze(["regular", "cash", "collection"] as const);
/** Why an amount was written off. */
export const WRITEOFF_REASONS = Object.freeze(["discount", "concession", "uncollectible"] as const);
/** Collection strategies. */
export const STRATEGIES = Object.freeze(["instalment", "settlement", "legal", "bankruptcy", "ladder"] as const);
/**
 * Case outcomes as of the ledger date: `open` (still running), `paid` (in full), `settled` (anchor-price
 * settlement paid), `plan-kept`, `plan-broken`, `judgment` (paid in full after legal action), `partial`
 * (part recovered), `distribution` (bankruptcy distribution or assets in kind), `nothing`.
 */
export const OUTCOMES = Object.freeze(["open", "paid", "settled", "plan-kept", "plan-broken", "judgment", "partial", "distribution", "nothing"] as const);
const TURNOVER = Object.freeze(["none", "short-term", "persistent"] as const);

/** The schemas of a ledger's tables (the region list is part of them). */
export function ledgerSchemas(regions: readonly string[]): Readonly<Record<LedgerTableName, TableSchema>> {
  const c = (name: string, kind: ColumnKind, doc: string, categories?: readonly string[]) => ({ name, kind, doc, categories });
  const region = c("region", "category", "sales region", regions);
  return {
    customers: {
      name: "customers",
      columns: [
        c("customer_id", "int32", "customer number (1..)"),
        c("name", "string", "company name"),
        region,
        c("cash_flow", "category", "cash-flow assessment at the last review", CASH_FLOWS),
        c("onboard_date", "date", "first day of the relationship"),
        c("grade", "category", "grade at the ledger date (core grade rule on the two columns after)", GRADES),
        c("overdue_count_12m", "int32", "overdue events in the 12 months before the ledger date"),
        c("largest_overdue_12m", "float64", "largest of them (currency; 0 when none)"),
        c("term_days", "int32", "credit term of the grade under the policy (days)"),
        c("profile", "category", "debtor profile of its collection case (core debtorProfile), none without a case", PROFILES),
        c("default_date", "date", "day it stopped paying (empty: never, within the ledger)"),
      ],
    },
    grades: {
      name: "grades",
      columns: [
        c("customer_id", "int32", "customer number"),
        c("review_date", "date", "first day of the month of the review"),
        c("overdue_count_12m", "int32", "overdue events in the 12 months before the review"),
        c("largest_overdue_12m", "float64", "largest of them (currency; 0 when none)"),
        c("cash_flow", "category", "cash-flow assessment at the review", CASH_FLOWS),
        c("grade", "category", "core grade rule on the three columns before", GRADES),
        c("term_days", "int32", "credit term of the grade under the policy (days)"),
        c("method", "bool", "true when the method is in force (the term applies)"),
      ],
    },
    invoices: {
      name: "invoices",
      columns: [
        c("invoice_id", "int32", "invoice number (1.., in issue order)"),
        c("customer_id", "int32", "customer number"),
        region,
        c("grade", "category", "customer's grade at issue", GRADES),
        c("term_days", "int32", "credit term granted (days; 0 = cash on delivery)"),
        c("issue_date", "date", "issue (sale) date"),
        c("due_date", "date", "due date = issue + term"),
        c("amount", "float64", "invoice amount (currency)"),
        c("paid", "float64", "cash received by the ledger date before any write-off (currency)"),
        c("paid_date", "date", "date of the last such payment (empty: none)"),
        c("written_off", "float64", "amount written off by the ledger date (currency)"),
        c("writeoff_date", "date", "date of the write-off (empty: none)"),
      ],
    },
    payments: {
      name: "payments",
      columns: [
        c("payment_id", "int32", "payment number (1..)"),
        c("invoice_id", "int32", "invoice paid"),
        c("customer_id", "int32", "customer number"),
        c("date", "date", "date received"),
        c("amount", "float64", "amount received (currency)"),
        c("kind", "category", "regular, cash (on delivery) or collection (a case's cash before write-off)", PAYMENT_KINDS),
      ],
    },
    writeoffs: {
      name: "writeoffs",
      columns: [
        c("invoice_id", "int32", "invoice written off"),
        c("customer_id", "int32", "customer number"),
        c("case_id", "int32", "collection case"),
        c("date", "date", "date of the write-off"),
        c("amount", "float64", "amount written off (currency)"),
        c("reason", "category", "discount (settlement), concession (instalment plan) or uncollectible", WRITEOFF_REASONS),
      ],
    },
    recoveries: {
      name: "recoveries",
      columns: [
        c("invoice_id", "int32", "invoice written off earlier"),
        c("customer_id", "int32", "customer number"),
        c("case_id", "int32", "collection case"),
        c("date", "date", "date received"),
        c("amount", "float64", "amount recovered after the write-off (currency)"),
      ],
    },
    cases: {
      name: "cases",
      columns: [
        c("case_id", "int32", "case number: its customer's number (a customer has at most one case)"),
        c("customer_id", "int32", "customer number"),
        region,
        c("grade", "category", "customer's grade when the case opened", GRADES),
        c("profile", "category", "core debtorProfile on the signal columns", PROFILES),
        c("debtor_type", "category", "the generator's hidden truth", DEBTOR_TYPES),
        c("business_operating", "bool", "signal (empty: unknown)"),
        c("income_stable", "bool", "signal"),
        c("turnover_decline", "category", "signal: none / short-term / persistent", TURNOVER),
        c("proposed_plan", "bool", "signal"),
        c("excuses", "bool", "signal"),
        c("contradiction", "bool", "signal"),
        c("broken_promises", "int32", "signal: promises not kept (empty: unknown)"),
        c("refuses_contact", "bool", "signal"),
        c("insolvent", "bool", "signal"),
        c("dishonest_debtor", "bool", "signal"),
        c("operations_stopped", "bool", "signal"),
        c("default_date", "date", "day the customer stopped paying"),
        c("open_date", "date", "day the case opened (collection starts)"),
        c("method", "bool", "true when the method was in force at opening"),
        c("strategy", "category", "instalment, settlement, legal, bankruptcy or ladder", STRATEGIES),
        c("outcome", "category", "as of the ledger date (see OUTCOMES; plan-broken as soon as an instalment is missed)", OUTCOMES),
        c("balance", "float64", "amount in collection: the unpaid invoices' balances (currency)"),
        c("collected", "float64", "cash received before the write-off (currency)"),
        c("discount", "float64", "settlement discount or plan concession written off (currency)"),
        c("written_off", "float64", "all amounts written off, discount included (currency)"),
        c("recovered", "float64", "cash received after the write-off (currency)"),
        c("first_cash_date", "date", "first cash received on the case (empty: none)"),
        c("last_cash_date", "date", "last cash received on the case (empty: none)"),
        c("close_date", "date", "day the case closed (empty: open)"),
        c("days_to_pay", "int32", "settlement: days from the offer to payment"),
        c("offer_rate", "float64", "settlement: share of the balance accepted (core settlementRate)"),
        c("offer", "float64", "settlement: core settlementOffer on the balance (currency)"),
        c("instalments", "int32", "instalment plan: number of instalments"),
        c("concession", "float64", "instalment plan: concession on the last instalment (currency)"),
        c("plan_total", "float64", "instalment plan: core instalmentPlan total (currency)"),
        c("plan_kept", "bool", "instalment plan: kept (true, once paid off) or broken (false, once an instalment is missed); empty while running"),
        c("broken_at", "int32", "instalment plan: the instalment missed"),
        c("claim_in_time", "bool", "bankruptcy: claim filed within the filing period"),
        c("ordinary_rate", "float64", "bankruptcy: share paid to ordinary claims (core bankruptcyRecovery)"),
      ],
    },
  };
}

// ----------------------------------------------------------------------------------------- buffers

/** Receives the generated tables batch by batch. */
export interface LedgerSink {
  /** One batch of a table (arrays may be longer than `batch.length`). The arrays are not reused. */
  write(table: LedgerTableName, schema: TableSchema, batch: ColumnBatch): void;
}

/** A table being filled row by row into typed arrays, handed to the sink when full. */
class TableBuffer {
  cols: Record<string, ColumnData> = {};
  row = 0;
  written = 0;

  constructor(
    readonly name: LedgerTableName,
    readonly schema: TableSchema,
    private readonly capacity: number,
    private readonly sink: LedgerSink | null,
  ) {
    this.allocate();
  }

  private allocate(): void {
    const n = this.capacity;
    const cols: Record<string, ColumnData> = {};
    for (const c of this.schema.columns) {
      cols[c.name] = c.kind === "float64" ? new Float64Array(n) : c.kind === "bool" || c.kind === "category" ? new Uint8Array(n) : c.kind === "string" ? new Array<string>(n) : new Int32Array(n);
    }
    this.cols = cols;
    this.row = 0;
  }

  /** The index of a new row (flushing first when full). */
  next(): number {
    if (this.row === this.capacity) this.flush();
    this.written++;
    return this.row++;
  }

  flush(): void {
    if (this.row === 0) return;
    this.sink?.write(this.name, this.schema, { length: this.row, columns: this.cols });
    this.allocate();
  }
}

// -------------------------------------------------------------------------------------------- model

const TEMPORARY = 1;
const WILLFUL = 2;
const UNABLE = 3;

/** A customer's collection case: drawn when the customer is created, filled as its invoices are generated. */
interface CasePlan {
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

/** Default hazard multiplier by cash flow (good, fair, poor); weighted mean about 1 with the default shares. */
const RISK_BY_CASH_FLOW = [0.6, 1.3, 2.5];
/** Payment behaviour by cash flow: probability of paying late, mean days late when late. */
const LATE_PROBABILITY = [0.22, 0.4, 0.6];
const LATE_MEAN_DAYS = [6, 12, 24];
/** Overdue events a year before the window, by cash flow (history for the first grades). */
const PRIOR_EVENTS_PER_YEAR = [0.15, 0.5, 1.5];
/**
 * Amount written off per unit of a defaulting customer's yearly sales under the old practice: calibrates
 * the default hazard so that the write-off rate before the method is near `baseBadDebtRate`. Measured on
 * generated ledgers (see test/analytics/generator.test.ts).
 */
const LOSS_PER_DEFAULT_YEAR = 0.232;

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A Poisson draw (Knuth's method: for small means). */
function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Generated debtor signals for a hidden type, each unknown with some probability (so some profiles are unclear). */
function drawSignals(rng: Rng, type: number): DebtorSignals {
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
  const r = bankruptcyRecovery(1, { freeEstate: estate.free, ordinaryClaimsTotal: total, employeeClaims: estate.employees, taxClaims: estate.taxes, expenses: estate.expenses });
  return { estate, rate: r.ordinaryRate };
}

/** Draws the whole course of a case (strategy, outcome, cash shares and dates) when the customer is created. */
function drawCase(rng: Rng, plan: CasePlan, o: ResolvedOptions): void {
  const O = plan.openDate;
  const type = plan.type;
  const policy = o.policy;
  if (plan.method) {
    switch (plan.profile) {
      case "temporary": {
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
        break;
      }
      case "willful": {
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
        break;
      }
      case "unable": {
        plan.strategy = "bankruptcy";
        plan.claimInTime = rng.chance(0.95) ? 1 : 0;
        if (rng.chance(0.4)) addCash(plan, addDays(O, rng.int(30, 120)), rng.uniform(0.1, 0.3)); // assets in kind
        const { estate, rate } = drawEstate(rng);
        plan.estate = estate;
        plan.ordinaryRate = rate;
        const left = 1 - (plan.cashCumulative[0] ?? 0);
        if (plan.claimInTime && rate > 0) addCash(plan, addDays(O, rng.int(300, 720)), left * rate);
        plan.outcome = plan.cashDates.length ? "distribution" : "nothing";
        break;
      }
      default: {
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
    }
  } else if (type === UNABLE || plan.profile === "unable") {
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
  // close and write-off dates
  const received = plan.cashCumulative.length ? plan.cashCumulative[plan.cashCumulative.length - 1] : 0;
  const lastCash = plan.cashDates.length ? Math.max(...plan.cashDates) : 0;
  plan.closeDate = lastCash || addDays(O, rng.int(180, 365));
  if (received < 1 - 1e-12) {
    if (plan.strategy === "instalment" && plan.planKept === 1) {
      // a plan being kept is not written off: only its concession, when it is paid off
      plan.writeOffDate = plan.closeDate;
    } else {
      // written off when the case closes, or writeOffAfterDays after it opened (after the broken instalment, for a plan)
      const limit = addDays(plan.brokenDate || O, o.writeOffAfterDays);
      plan.writeOffDate = Math.min(plan.closeDate, limit);
      if (plan.writeOffDate < plan.closeDate) plan.writeOffReason = 2;
    }
    if (plan.writeOffReason < 0) plan.writeOffReason = 2;
  }
  if (received >= 1 - 1e-12 && plan.outcome === "partial") plan.outcome = "paid";
}

// ------------------------------------------------------------------------------------------ generate

/** Credit sales of a period's invoices and what is written off on them. */
export interface PeriodLoss {
  /** Invoice amounts issued in the period (currency). */
  readonly sales: number;
  /** Written off on them by the ledger date (currency). */
  readonly writtenOff: number;
  /** writtenOff / sales. */
  readonly rate: number;
  /** Written off on them in the end, including write-offs after the ledger date (the generator knows them). */
  readonly ultimate: number;
  /** ultimate / sales: the period's true bad-debt rate (vintage basis). */
  readonly ultimateRate: number;
}

/** What a generation produced. */
export interface GenerationSummary {
  readonly options: ResolvedOptions;
  /** Rows generated per table (whether written or not). */
  readonly rows: Readonly<Record<LedgerTableName, number>>;
  /** Invoices issued before the policy date (all of them when there is none). */
  readonly before: PeriodLoss;
  /** Invoices issued on or after the policy date. */
  readonly after: PeriodLoss;
}

function period(sales: number, loss: number, ultimate: number): PeriodLoss {
  return { sales: sales / 100, writtenOff: loss / 100, rate: sales > 0 ? loss / sales : NaN, ultimate: ultimate / 100, ultimateRate: sales > 0 ? ultimate / sales : NaN };
}

/**
 * Generates a ledger and hands its tables to `sink` batch by batch (cases and customers at the end).
 * Synchronous; memory stays at a few batches plus per-customer state.
 * @returns row counts and the write-off rates before and after the policy date (vintage basis: amounts
 *   written off by the ledger date on invoices issued in the period / their amount)
 */
export function generateLedger(options: GeneratorOptions, sink: LedgerSink): GenerationSummary {
  const o = resolveOptions(options);
  const rng = new Rng(o.seed);
  const schemas = ledgerSchemas(o.regions);
  const wanted = new Set(o.tables);
  const buffer = (name: LedgerTableName) => new TableBuffer(name, schemas[name], o.batchRows, wanted.has(name) ? sink : null);
  const gradesBuf = buffer("grades");
  const invBuf = buffer("invoices");
  const payBuf = buffer("payments");
  const woBuf = buffer("writeoffs");
  const recBuf = buffer("recoveries");

  const N = o.customers;
  const M = o.months;
  const H = M + 12; // event histogram months: 12 before the window, then the window
  const { asOf, start, policyDate, policy } = o;
  const methodAt = (date: number) => policyDate > 0 && date >= policyDate;
  const smallLimit = policy.smallAmountLimit;
  const terms = [policy.creditTermDays.A, policy.creditTermDays.B, policy.creditTermDays.C];

  // ---- customers
  const region = new Uint8Array(N);
  const cashFlow = new Uint8Array(N);
  const weight = new Float64Array(N);
  const median = new Float64Array(N);
  const onboard = new Int32Array(N);
  const defaultDate = new Int32Array(N);
  const distressStart = new Int32Array(N);
  const stopDate = new Int32Array(N);
  const grade = new Uint8Array(N);
  const lastCount = new Int32Array(N);
  const lastLargest = new Float64Array(N);
  const lastCashFlow = new Uint8Array(N);
  const caseOf: (CasePlan | null)[] = new Array(N).fill(null);
  const evCount = new Uint16Array(N * H);
  const evMax = new Float64Array(N * H);

  const regionWeights = o.regions.map((_, i) => 1 / (i + 2));
  const regionRisk = o.regions.map((_, i) => 0.75 + 0.5 * ((i * 0.6180339887) % 1));
  const cashWeights = [o.cashFlowShares.good, o.cashFlowShares.fair, o.cashFlowShares.poor];
  const typeWeights = [o.profileShares.temporary, o.profileShares.willful, o.profileShares.unable];
  const hazardPerYear = o.baseBadDebtRate / LOSS_PER_DEFAULT_YEAR;
  const names = companyNames(rng, N, o.language);

  const recordEvent = (c: number, date: number, amount: number): void => {
    const m = monthIndex(date) - o.startMonth + 12;
    if (m < 0 || m >= H || date > asOf) return;
    const at = c * H + m;
    if (evCount[at] < 65535) evCount[at]++;
    if (amount > evMax[at]) evMax[at] = amount;
  };

  for (let c = 0; c < N; c++) {
    region[c] = rng.pick(regionWeights);
    cashFlow[c] = rng.pick(cashWeights);
    weight[c] = rng.lognormal(1, 0.9);
    median[c] = o.medianAmount * rng.lognormal(1, 0.6);
    onboard[c] = rng.chance(0.75) ? addDays(start, -rng.int(30, 1500)) : addDays(start, rng.int(0, Math.max(0, asOf - start - 30)));
    if (onboard[c] < start) {
      // overdue events of the year before the window, for the first grades
      const events = poisson(rng, PRIOR_EVENTS_PER_YEAR[cashFlow[c]]);
      for (let k = 0; k < Math.min(events, 6); k++) {
        const m = rng.int(0, 11);
        const at = c * H + m;
        evCount[at]++;
        evMax[at] = Math.max(evMax[at], round2(median[c] * rng.lognormal(1, 0.5)));
      }
    }
    const hazard = hazardPerYear * RISK_BY_CASH_FLOW[cashFlow[c]] * regionRisk[region[c]];
    const from = Math.max(onboard[c], start);
    const t = addDays(from, Math.floor(rng.exponential(365 / Math.max(hazard, 1e-9))));
    const type = 1 + rng.pick(typeWeights);
    if (hazard > 0 && t <= addDays(asOf, 180)) {
      defaultDate[c] = t;
      distressStart[c] = addDays(t, -(type === TEMPORARY ? rng.int(60, 180) : type === WILLFUL ? rng.int(60, 240) : rng.int(20, 120)));
      const method = methodAt(t);
      // the method: level 1 at 30 days past due (follow-up), level 2 at 60 (supply stops, the case opens)
      const openDate = addDays(t, method ? rng.int(60, 75) : rng.int(90, 150));
      stopDate[c] = Math.min(openDate, addDays(t, method ? 60 : 90));
      const signals = drawSignals(rng, type);
      const plan: CasePlan = {
        customer: c, type, signals, profile: debtorProfile(signals, policy).profile,
        defaultDate: t, openDate, method: methodAt(openDate), strategy: "legal", outcome: "open",
        cashDates: [], cashCumulative: [], writeOffDate: 0, writeOffReason: -1, closeDate: 0,
        daysToPay: INT_NULL, offerRate: NaN, instalments: INT_NULL, concessionRate: 0, planKept: BOOL_NULL, brokenAt: INT_NULL,
        claimInTime: BOOL_NULL, ordinaryRate: NaN, estate: null, gradeAtOpen: 0, brokenDate: 0,
        balance: 0, collected: 0, discount: 0, writtenOff: 0, recovered: 0, firstCash: 0, lastCash: 0,
      };
      drawCase(rng, plan, o);
      caseOf[c] = plan;
    }
  }

  // ---- invoice counts by month: mild growth, a year-end peak, a February (Spring Festival) dip
  const monthWeights: number[] = [];
  for (let m = 0; m < M; m++) {
    const calMonth = ((o.startMonth + m) % 12) + 1;
    monthWeights.push((1 + (0.15 * m) / M) * (1 + 0.08 * Math.cos((2 * Math.PI * (calMonth - 12)) / 12)) * (calMonth === 2 ? 0.8 : 1));
  }
  const totalWeight = monthWeights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let assigned = 0;
  for (let m = 0; m < M; m++) {
    cumulative += monthWeights[m];
    const upTo = m === M - 1 ? o.invoices : Math.round((o.invoices * cumulative) / totalWeight);
    counts.push(upTo - assigned);
    assigned = upTo;
  }

  // ---- accumulators
  let invoiceId = 0;
  let paymentId = 0;
  let salesBefore = 0;
  let salesAfter = 0;
  let lossBefore = 0;
  let lossAfter = 0;
  let ultimateBefore = 0;
  let ultimateAfter = 0;
  const cumWeights = new Float64Array(N);
  const active = new Int32Array(N);

  const writePayment = (inv: number, c: number, date: number, cents: number, kind: number): void => {
    if (cents <= 0 || date > asOf) return;
    const r = payBuf.next();
    const k = payBuf.cols;
    (k.payment_id as Int32Array)[r] = ++paymentId;
    (k.invoice_id as Int32Array)[r] = inv;
    (k.customer_id as Int32Array)[r] = c + 1;
    (k.date as Int32Array)[r] = date;
    (k.amount as Float64Array)[r] = cents / 100;
    (k.kind as Uint8Array)[r] = kind;
  };

  const review = (c: number, m: number, date: number, write: boolean): void => {
    // events of the 12 months before month m (histogram index m + 12 is month m)
    let count = 0;
    let largest = 0;
    for (let k = m; k < m + 12; k++) {
      const at = c * H + k;
      count += evCount[at];
      if (evMax[at] > largest) largest = evMax[at];
    }
    let cf = cashFlow[c];
    if (defaultDate[c] > 0 && date >= distressStart[c] && date < defaultDate[c] + 400 && rng.chance(0.1)) cf = 2; // bank statements show the distress
    const g = gradeOfRule(gradeRule(count, largest, CASH_FLOWS[cf], smallLimit));
    const gi = g === "A" ? 0 : g === "B" ? 1 : 2;
    grade[c] = gi;
    const plan = caseOf[c];
    if (plan && date <= plan.openDate) plan.gradeAtOpen = gi;
    lastCount[c] = count;
    lastLargest[c] = largest;
    lastCashFlow[c] = cf;
    if (!write) return;
    const r = gradesBuf.next();
    const k = gradesBuf.cols;
    (k.customer_id as Int32Array)[r] = c + 1;
    (k.review_date as Int32Array)[r] = date;
    (k.overdue_count_12m as Int32Array)[r] = count;
    (k.largest_overdue_12m as Float64Array)[r] = largest;
    (k.cash_flow as Uint8Array)[r] = cf;
    (k.grade as Uint8Array)[r] = gi;
    (k.term_days as Int32Array)[r] = terms[gi];
    (k.method as Uint8Array)[r] = methodAt(date) ? 1 : 0;
  };

  const days = new Int32Array(31);
  for (let m = 0; m < M; m++) {
    const mStart = monthStart(o.startMonth + m);
    const dim = daysInMonth(Math.floor((o.startMonth + m) / 12), ((o.startMonth + m) % 12) + 1);
    // monthly review and the active customers' weights
    let nActive = 0;
    let running = 0;
    for (let c = 0; c < N; c++) {
      if (onboard[c] >= mStart || (stopDate[c] > 0 && stopDate[c] <= mStart)) continue;
      review(c, m, mStart, true);
      running += weight[c];
      cumWeights[nActive] = running;
      active[nActive++] = c;
    }
    const n = counts[m];
    if (nActive === 0 || n === 0) continue;
    // issue days, sorted (a counting sort of uniform days)
    days.fill(0);
    for (let i = 0; i < n; i++) days[rng.int(0, dim - 1)]++;
    let day = 0;
    let leftToday = days[0];
    for (let i = 0; i < n; i++) {
      while (leftToday === 0) leftToday = days[++day];
      leftToday--;
      const issue = mStart + day;
      let c = active[searchCumulative(cumWeights, nActive, rng.next() * running)];
      for (let tries = 0; tries < 20 && stopDate[c] > 0 && issue >= stopDate[c]; tries++) c = active[searchCumulative(cumWeights, nActive, rng.next() * running)];
      if (stopDate[c] > 0 && issue >= stopDate[c]) {
        // the supplier no longer sells to it: the first active customer that still buys
        for (let j = 0; j < nActive; j++) {
          const other = active[j];
          if (!(stopDate[other] > 0 && issue >= stopDate[other])) {
            c = other;
            break;
          }
        }
      }
      const method = methodAt(issue);
      const gi = grade[c];
      const term = method ? terms[gi] : o.termBeforeDays;
      const due = issue + term;
      const cents = Math.max(5000, Math.round(median[c] * rng.lognormal(1, 0.45) * 100));
      const id = ++invoiceId;
      const cf = cashFlow[c];
      let paidCents = 0;
      let paidDate = 0;
      let woCents = 0;
      let woDate = 0;
      let ultimate = 0;
      const plan = caseOf[c];
      const T = defaultDate[c];
      if (term === 0 && method) {
        // cash on delivery
        paidCents = cents;
        paidDate = issue;
        writePayment(id, c, issue, cents, 1);
      } else {
        // when would it be paid?
        let late: number;
        if (T > 0 && issue >= distressStart[c]) {
          // distress: late, by type (the temporarily distressed drag on, the others pay until they stop)
          const type = plan === null ? TEMPORARY : plan.type;
          late = type === TEMPORARY ? rng.int(10, 60) : type === WILLFUL ? rng.int(0, 45) : rng.int(0, 30);
        }
        else {
          late = rng.chance(LATE_PROBABILITY[cf] * (method ? 0.85 : 1)) ? 1 + Math.floor(rng.exponential(LATE_MEAN_DAYS[cf])) : 0;
          if (method && late > 30) late = 30 + Math.round((late - 30) * 0.5);
        }
        const early = late === 0 && term > 0 ? rng.int(0, Math.min(term, 10)) : 0;
        const payDate = due + late - early;
        if (T > 0 && payDate >= T && plan !== null) {
          // unpaid: part of the collection case
          let owed = cents;
          if (issue < T && rng.chance(0.25)) {
            const part = Math.round(cents * rng.uniform(0.1, 0.5));
            const date = issue + rng.int(0, Math.max(0, Math.min(due, T - 1) - issue));
            if (date <= asOf) {
              writePayment(id, c, date, part, 0);
              paidCents += part;
              paidDate = date;
              owed -= part;
            }
          }
          plan.balance += owed;
          // the case's cash on this invoice, in cumulative cents (exact sums)
          let before = 0; // cents allocated so far
          let woDone = false;
          const eventDay = due + o.overdueEventDays;
          let recordedEvent = false;
          for (let k = 0; k < plan.cashDates.length; k++) {
            const date = plan.cashDates[k];
            if (!recordedEvent && date > eventDay) {
              recordEvent(c, eventDay, (owed - before) / 100);
              recordedEvent = true;
            }
            if (plan.writeOffDate > 0 && !woDone && date > plan.writeOffDate) {
              woDone = true;
              if (plan.writeOffDate <= asOf) {
                woCents = owed - before;
                woDate = plan.writeOffDate;
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
              writePayment(id, c, date, amount, 2);
              paidCents += amount;
              paidDate = date;
              plan.collected += amount;
            } else {
              plan.recovered += amount;
              const r = recBuf.next();
              const kk = recBuf.cols;
              (kk.invoice_id as Int32Array)[r] = id;
              (kk.customer_id as Int32Array)[r] = c + 1;
              (kk.case_id as Int32Array)[r] = c + 1;
              (kk.date as Int32Array)[r] = date;
              (kk.amount as Float64Array)[r] = amount / 100;
            }
          }
          if (!recordedEvent) recordEvent(c, eventDay, (owed - before) / 100);
          if (!woDone && plan.writeOffDate > 0 && plan.writeOffDate <= asOf) {
            woCents = owed - before;
            woDate = plan.writeOffDate;
          }
          if (plan.writeOffDate > 0) {
            // what will be written off in the end, whatever the ledger date
            let atWriteOff = 0;
            for (let k = 0; k < plan.cashDates.length && plan.cashDates[k] <= plan.writeOffDate; k++) atWriteOff = plan.cashCumulative[k];
            ultimate = owed - Math.round(owed * atWriteOff);
          }
          if (woCents > 0) {
            plan.writtenOff += woCents;
            const reason = plan.writeOffReason < 0 ? 2 : plan.writeOffReason;
            if (reason !== 2) plan.discount += woCents;
            const r = woBuf.next();
            const kk = woBuf.cols;
            (kk.invoice_id as Int32Array)[r] = id;
            (kk.customer_id as Int32Array)[r] = c + 1;
            (kk.case_id as Int32Array)[r] = c + 1;
            (kk.date as Int32Array)[r] = woDate;
            (kk.amount as Float64Array)[r] = woCents / 100;
            (kk.reason as Uint8Array)[r] = reason;
          } else {
            woCents = 0;
          }
        } else {
          // paid, perhaps in two parts
          if (late >= o.overdueEventDays) recordEvent(c, due + o.overdueEventDays, cents / 100);
          if (payDate - issue >= 2 && rng.chance(0.1)) {
            const part = Math.round(cents * rng.uniform(0.3, 0.7));
            const first = issue + rng.int(0, payDate - issue - 1);
            writePayment(id, c, first, part, 0);
            writePayment(id, c, payDate, cents - part, 0);
            if (first <= asOf) {
              paidCents += part;
              paidDate = first;
            }
          } else {
            writePayment(id, c, payDate, cents, 0);
          }
          if (payDate <= asOf) {
            paidCents = cents;
            paidDate = payDate;
          }
        }
      }
      if (method) {
        salesAfter += cents;
        lossAfter += woCents;
        ultimateAfter += ultimate;
      } else {
        salesBefore += cents;
        lossBefore += woCents;
        ultimateBefore += ultimate;
      }
      const r = invBuf.next();
      const k = invBuf.cols;
      (k.invoice_id as Int32Array)[r] = id;
      (k.customer_id as Int32Array)[r] = c + 1;
      (k.region as Uint8Array)[r] = region[c];
      (k.grade as Uint8Array)[r] = gi;
      (k.term_days as Int32Array)[r] = term;
      (k.issue_date as Int32Array)[r] = issue;
      (k.due_date as Int32Array)[r] = due;
      (k.amount as Float64Array)[r] = cents / 100;
      (k.paid as Float64Array)[r] = paidCents / 100;
      (k.paid_date as Int32Array)[r] = paidDate;
      (k.written_off as Float64Array)[r] = woCents / 100;
      (k.writeoff_date as Int32Array)[r] = woDate;
    }
  }
  invBuf.flush();
  payBuf.flush();

  // ---- final review (the grade as of the ledger date) and the customers table
  const finalMonth = M;
  for (let c = 0; c < N; c++) review(c, finalMonth, addDays(asOf, 1), onboard[c] <= asOf && !(stopDate[c] > 0 && stopDate[c] <= asOf));
  gradesBuf.flush();

  // ---- cases: those opened by the ledger date with something owed; a case's number is its customer's
  const cases: CasePlan[] = [];
  for (const plan of caseOf) if (plan && plan.openDate <= asOf && plan.balance > 0) cases.push(plan);
  cases.sort((a, b) => a.openDate - b.openDate || a.customer - b.customer);
  const hasCase = new Uint8Array(N);
  for (const p of cases) hasCase[p.customer] = 1;

  const custBuf = buffer("customers");
  for (let c = 0; c < N; c++) {
    const r = custBuf.next();
    const k = custBuf.cols;
    (k.customer_id as Int32Array)[r] = c + 1;
    (k.name as string[])[r] = names[c];
    (k.region as Uint8Array)[r] = region[c];
    (k.cash_flow as Uint8Array)[r] = lastCashFlow[c];
    (k.onboard_date as Int32Array)[r] = onboard[c];
    (k.grade as Uint8Array)[r] = grade[c];
    (k.overdue_count_12m as Int32Array)[r] = lastCount[c];
    (k.largest_overdue_12m as Float64Array)[r] = lastLargest[c];
    (k.term_days as Int32Array)[r] = terms[grade[c]];
    const plan = hasCase[c] ? caseOf[c] : null;
    (k.profile as Uint8Array)[r] = plan ? PROFILES.indexOf(plan.profile) : PROFILES.indexOf("none");
    (k.default_date as Int32Array)[r] = defaultDate[c] > 0 && defaultDate[c] <= asOf ? defaultDate[c] : 0;
  }
  custBuf.flush();

  const caseBuf = buffer("cases");
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
    (k.offer as Float64Array)[r] = p.strategy === "settlement" && !Number.isNaN(p.offerRate) ? settlementOffer(balance, p.daysToPay, o.policy.settlementTiers) : NaN;
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
  caseBuf.flush();

  woBuf.flush();
  recBuf.flush();

  const rows = {
    customers: custBuf.written,
    grades: gradesBuf.written,
    invoices: invBuf.written,
    payments: payBuf.written,
    writeoffs: woBuf.written,
    recoveries: recBuf.written,
    cases: caseBuf.written,
  };
  return {
    options: o,
    rows,
    before: period(salesBefore, lossBefore, ultimateBefore),
    after: period(salesAfter, lossAfter, ultimateAfter),
  };
}

/** A generated ledger as Arquero tables (dates as Excel serials, 0 when missing). */
export interface Ledger {
  readonly customers: ColumnTable;
  readonly grades: ColumnTable;
  readonly invoices: ColumnTable;
  readonly payments: ColumnTable;
  readonly writeoffs: ColumnTable;
  readonly recoveries: ColumnTable;
  readonly cases: ColumnTable;
  readonly summary: GenerationSummary;
}

/**
 * Generates a ledger in memory as Arquero tables (for notebooks and tests; a few million rows at most).
 * Tables not chosen in `options.tables` are empty.
 */
export function generateTables(options: GeneratorOptions = {}): Ledger {
  const batches = new Map<LedgerTableName, ColumnBatch[]>();
  const summary = generateLedger(options, {
    write(table, _schema, batch) {
      const list = batches.get(table) ?? [];
      list.push(batch);
      batches.set(table, list);
    },
  });
  const schemas = ledgerSchemas(summary.options.regions);
  const table = (name: LedgerTableName) => batchesToTable(schemas[name], batches.get(name) ?? []);
  return {
    customers: table("customers"),
    grades: table("grades"),
    invoices: table("invoices"),
    payments: table("payments"),
    writeoffs: table("writeoffs"),
    recoveries: table("recoveries"),
    cases: table("cases"),
    summary,
  };
}
