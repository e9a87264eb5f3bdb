/**
 * The generator's knobs: {@link GeneratorOptions} as given, {@link GENERATOR_KNOBS} as the command line and
 * the notebooks' README describe them, and {@link resolveOptions}, which fills in the defaults and checks them.
 */
import { DEFAULT_POLICY, validatePolicy, type Policy } from "../../core/index.js";
import { monthEnd, monthIndex, monthStart, toSerial } from "../calendar.js";
import { DEFAULT_REGIONS, type NameLanguage } from "../names.js";

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
export const LEDGER_TABLES: readonly LedgerTableName[] = Object.freeze([
  "customers",
  "grades",
  "invoices",
  "payments",
  "writeoffs",
  "recoveries",
  "cases",
]);

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
  seed: {
    flag: "--seed",
    value: "N",
    meaning: "seed of the random stream; the same seed and knobs give the same ledger [随机种子]",
    unit: "integer",
    default: "1",
  },
  invoices: { flag: "--invoices", value: "N", meaning: "number of invoice rows [发票数]", unit: "rows", default: "100000" },
  customers: {
    flag: "--customers",
    value: "N",
    meaning: "number of customers [客户数]",
    unit: "customers",
    default: "invoices / 100, at least 20",
  },
  months: {
    flag: "--months",
    value: "N",
    meaning: "months simulated from --start; write-offs ramp up over the first 12-18 [月数]",
    unit: "months",
    default: "48",
  },
  start: {
    flag: "--start",
    value: "YYYY-MM-DD",
    meaning: "first month of the ledger (the day is ignored) [起始月份]",
    unit: "date",
    default: "2021-01-01",
  },
  policyDate: {
    flag: "--policy-date",
    value: "YYYY-MM-DD|none",
    meaning: "day the method is adopted (graded terms, profile-led collection); none: never [新方法实施日]",
    unit: "date",
    default: "first day of the middle month (2023-01-01 with the default --start and --months)",
  },
  baseBadDebtRate: {
    flag: "--base-rate",
    value: "X",
    meaning: "target bad-debt rate before the method: written off / credit sales [实施前坏账率]",
    unit: "fraction in [0, 0.5)",
    default: "0.05",
  },
  language: {
    flag: "--language",
    value: "en|zh|mixed",
    meaning: "language of customer names and default regions [语言]",
    unit: "en, zh or mixed",
    default: "en",
  },
  regions: {
    flag: "--regions",
    value: "A,B,...",
    meaning: "region labels [地区]",
    unit: "1-100 distinct labels",
    default: `${DEFAULT_REGIONS.en.join(",")} (zh: ${DEFAULT_REGIONS.zh.join(",")})`,
  },
  profileShares: {
    flag: "--profile-shares",
    value: "T,W,U",
    meaning: "shares of temporary / willful / unable among defaulting debtors [暂时困难 / 恶意拖欠 / 无力偿还]",
    unit: "3 shares >= 0, need not add to 1",
    default: "0.45,0.35,0.2",
  },
  cashFlowShares: {
    flag: "--cash-flow-shares",
    value: "G,F,P",
    meaning: "shares of good / fair / poor cash flow among customers [现金流 良好 / 一般 / 差]",
    unit: "3 shares >= 0, need not add to 1",
    default: "0.6,0.3,0.1",
  },
  termBeforeDays: {
    flag: "--term-before",
    value: "DAYS",
    meaning: "credit term for everybody before the method [实施前账期]",
    unit: "days",
    default: "60",
  },
  medianAmount: {
    flag: "--median-amount",
    value: "X",
    meaning: "median invoice amount [发票金额中位数]",
    unit: "currency units",
    default: "20000",
  },
  overdueEventDays: {
    flag: "--overdue-event-days",
    value: "DAYS",
    meaning: "days past due at which an unpaid invoice counts as an overdue event for the grade [逾期事件天数]",
    unit: "days",
    default: "30",
  },
  writeOffAfterDays: {
    flag: "--write-off-after",
    value: "DAYS",
    meaning: "a case's unpaid balance is written off this long after it opens; later cash is a recovery [核销期限]",
    unit: "days",
    default: "180",
  },
  tables: {
    flag: "--tables",
    value: "LIST",
    meaning: `tables to write, of ${LEDGER_TABLES.join(",")}; the ledger is the same whichever [输出表]`,
    unit: "comma-separated names",
    default: "all",
  },
  batchRows: {
    flag: "--batch-rows",
    value: "N",
    meaning: "rows per batch handed to the writers (memory vs speed) [批大小]",
    unit: "rows",
    default: "65536",
  },
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
  if (language !== "en" && language !== "zh" && language !== "mixed")
    throw new RangeError(`language must be en, zh or mixed, not ${String(language)}`);
  const regions = options.regions ?? DEFAULT_REGIONS[language === "zh" ? "zh" : "en"];
  if (regions.length === 0 || regions.length > 100 || new Set(regions).size !== regions.length)
    throw new RangeError("regions must be 1-100 distinct labels");
  const policyDate =
    options.policyDate === null
      ? 0
      : options.policyDate === undefined
        ? monthStart(startMonth + Math.floor(months / 2))
        : toSerial(options.policyDate);
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
