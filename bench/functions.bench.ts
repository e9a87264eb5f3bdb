/**
 * `npm run bench`: the AR functions on 1,000,000-row ranges, through the Excel-facing function (a 2-D
 * array in, a 2-D array out, as Excel passes and takes them) and through the rules core alone.
 * "dist/functions.js" cases run the built add-in in a VM context, as Excel loads it; "function" cases the
 * same source bundled by esbuild; "core" cases the rules alone. Each case runs in its own process so that its peak memory is its own. Prints rows per second (best of
 * several runs after a warm-up) and peak memory.
 *
 * AR.PLAN returns one plan (a spilled range) per call, so its cases call it once per plan on single cells
 * (100,000 plans of 24 instalments by default); for them "rows" in the table are plans.
 *
 * Every input is valid, so the cases measure the normal path; each case checks its output once (right
 * row count, no error and no blank cell) before the timed runs and fails loudly otherwise.
 *
 * Run with: npm run bench [-- --rows 1000000 --runs 5 --plans 100000 --only PROFILE]
 * --plans defaults to 100,000 (or --rows when smaller); --only runs the cases whose name contains the text.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installExcelGlobals, makeExcelGlobals } from "../test/support/excel-globals.js";
import {
  bankruptcyRecovery,
  bucketIndex,
  collectionStep,
  creditTerm,
  DEFAULT_POLICY,
  daysPastDue,
  debtorProfile,
  gradeOfRule,
  gradeRule,
  instalmentPlan,
  provision,
  readDebtorSignals,
  settlementOffer,
  type CashFlow,
  type DebtorProfile,
} from "../src/core/index.js";

type Grid = (number | string)[][];
interface CaseResult {
  name: string;
  rows: number;
  bestMs: number;
  medianMs: number;
  rowsPerSecond: number;
  peakRssMB: number;
  heapMB: number;
}

const args = process.argv.slice(2);
const text = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const arg = (name: string, fallback: number) => {
  const value = text(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: ${value} is not a whole number >= 1`);
  return n;
};
const ROWS = arg("rows", 1_000_000);
const RUNS = arg("runs", 5);
/** AR.PLAN cases: plans (calls) per run. */
const PLANS = arg("plans", Math.min(100_000, ROWS));
/** Instalments per plan in the AR.PLAN cases (the policy's limit). */
const INSTALMENTS = 24;
const AS_OF = 45658 + 400;

/** Deterministic pseudo-random inputs (no Math.random: the same data on every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A deterministic number in [0, 1) for row i: lets separately made columns agree on a row's kind. */
function hash01(i: number, seed: number): number {
  let h = Math.imul(i ^ seed, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** One of the values, picked by weight. */
function pick<T>(rnd: () => number, choices: readonly (readonly [number, T])[]): T {
  const total = choices.reduce((s, [w]) => s + w, 0);
  let r = rnd() * total;
  for (const [w, v] of choices) if ((r -= w) < 0) return v;
  return choices[choices.length - 1][1];
}
/** A yes/no/blank signal cell. */
const yn = (rnd: () => number, yes: number, no: number, blank: number) =>
  pick(rnd, [
    [yes, "yes"],
    [no, "no"],
    [blank, ""],
  ] as const);

/**
 * The debtor kind of row i for the AR.PROFILE signals: 0 temporarily distressed, 1 willful, 2 unable,
 * 3 anything (mostly unclear). Each signal column draws its cell from the row's kind.
 */
const debtorKind = (i: number) => Math.floor(hash01(i, 0x5eed) * 4);

/** The input columns, each made on first use: a case holds only the ranges its call would get from Excel. */
function inputs(rows: number, plans: number) {
  const cash: CashFlow[] = ["good", "fair", "poor"];
  const columnOf = (length: number, seed: number, cell: (rnd: () => number, i: number) => number | string): Grid => {
    const rnd = lcg(seed);
    const out: Grid = new Array(length);
    for (let i = 0; i < length; i++) out[i] = [cell(rnd, i)];
    return out;
  };
  const column = (seed: number, cell: (rnd: () => number, i: number) => number | string) => columnOf(rows, seed, cell);
  /** One single-cell range per AR.PLAN call. */
  const cells = (seed: number, cell: (rnd: () => number, i: number) => number): Grid[] => {
    const rnd = lcg(seed);
    const out: Grid[] = new Array(plans);
    for (let i = 0; i < plans; i++) out[i] = [[cell(rnd, i)]];
    return out;
  };
  const made = new Map<string, unknown>();
  const lazy =
    <T>(name: string, make: () => T) =>
    () => {
      let grid = made.get(name) as T | undefined;
      if (!grid) made.set(name, (grid = make()));
      return grid;
    };
  const count = lazy("count", () => column(2, (rnd) => (rnd() < 0.6 ? 0 : Math.floor(rnd() * 4))));
  const claim = lazy("claim", () => column(20, (rnd) => Math.round(rnd() * 1_000_000_00) / 100));
  const planBalance = lazy("planBalance", () => cells(40, (rnd) => Math.round((10_000 + rnd() * 4_990_000) * 100) / 100));
  /** A signal column of AR.PROFILE: per debtor kind, the weights of its values. */
  const signal = (name: string, seed: number, byKind: readonly (readonly (readonly [number, number | string])[])[]) =>
    lazy(name, () => column(seed, (rnd, i) => pick(rnd, byKind[debtorKind(i)])));
  const [Y, N, B] = ["yes", "no", ""];
  const profileSignals = [
    // business_operating: never blank, so that no row is empty (an empty row gives a blank cell)
    signal("business_operating", 30, [
      [[1, Y]],
      [
        [4, Y],
        [1, N],
      ],
      [
        [3, N],
        [1, Y],
      ],
      [
        [1, Y],
        [1, N],
      ],
    ]),
    signal("income_stable", 31, [
      [
        [3, Y],
        [2, B],
      ],
      [
        [1, Y],
        [1, B],
      ],
      [
        [2, N],
        [1, B],
      ],
      [
        [1, Y],
        [1, N],
        [1, B],
      ],
    ]),
    signal("turnover_decline", 32, [
      [
        [2, "none"],
        [2, "short-term"],
        [1, B],
      ],
      [
        [2, "none"],
        [1, B],
      ],
      [
        [2, "persistent"],
        [1, B],
      ],
      [
        [1, "none"],
        [1, "short-term"],
        [1, "persistent"],
        [1, B],
      ],
    ]),
    signal("proposed_plan", 33, [
      [[1, Y]],
      [
        [2, N],
        [1, B],
      ],
      [
        [1, N],
        [1, B],
      ],
      [
        [1, Y],
        [1, N],
        [1, B],
      ],
    ]),
    signal("excuses", 34, [
      [
        [3, N],
        [1, B],
      ],
      [
        [2, Y],
        [1, N],
      ],
      [
        [1, N],
        [1, B],
      ],
      [
        [1, Y],
        [1, N],
        [1, B],
      ],
    ]),
    signal("contradiction", 35, [
      [
        [3, N],
        [1, B],
      ],
      [
        [1, Y],
        [1, N],
      ],
      [
        [1, N],
        [1, B],
      ],
      [
        [1, Y],
        [2, N],
        [1, B],
      ],
    ]),
    signal("broken_promises", 36, [
      [
        [3, 0],
        [1, 1],
      ],
      [
        [1, 2],
        [1, 3],
        [1, 4],
      ],
      [
        [1, B],
        [1, 0],
        [1, 3],
      ],
      [
        [1, B],
        [1, 0],
        [1, 1],
        [1, 2],
      ],
    ]),
    signal("refuses_contact", 37, [
      [
        [3, N],
        [1, B],
      ],
      [
        [1, Y],
        [1, N],
      ],
      [
        [1, N],
        [1, B],
      ],
      [
        [1, Y],
        [2, N],
        [1, B],
      ],
    ]),
    signal("insolvent", 38, [
      [
        [3, N],
        [1, B],
      ],
      [
        [3, N],
        [1, B],
      ],
      [
        [1, Y],
        [1, N],
      ],
      [
        [1, Y],
        [6, N],
        [3, B],
      ],
    ]),
    signal("dishonest_debtor", 39, [
      [
        [3, N],
        [1, B],
      ],
      [
        [3, N],
        [1, B],
      ],
      [
        [1, Y],
        [2, N],
      ],
      [
        [1, Y],
        [6, N],
        [3, B],
      ],
    ]),
    signal("operations_stopped", 40, [
      [
        [3, N],
        [1, B],
      ],
      [
        [3, N],
        [1, B],
      ],
      [
        [2, Y],
        [1, N],
      ],
      [
        [1, Y],
        [6, N],
        [3, B],
      ],
    ]),
  ];
  const evidence = (name: string, seed: number, blank: number) => lazy(name, () => column(seed, (rnd) => yn(rnd, 2, 1, blank)));
  const evidenceColumns = [
    evidence("signed_contract", 50, 0), // never blank, so that no row is empty
    evidence("reconciliation", 51, 1),
    evidence("collection_records", 52, 1),
    evidence("delivery_proof", 53, 1),
    evidence("acceptance_form", 54, 1),
  ];
  const amountOrZero = (seed: number, max: number) => column(seed, (rnd) => (rnd() < 0.3 ? 0 : Math.round(rnd() * max * 100) / 100));
  return {
    get due() {
      return lazy("due", () => column(1, (rnd) => 45658 + Math.floor(rnd() * 365)))();
    },
    asOf: [[AS_OF]] as Grid,
    get count() {
      return count();
    },
    // the largest overdue amount is 0 exactly where the count is 0, as the rule requires
    get amount() {
      return lazy("amount", () => {
        const c = count();
        return column(3, (rnd, i) => (c[i][0] === 0 ? 0 : Math.round(rnd() * 200_000_00) / 100));
      })();
    },
    get cashFlow() {
      return lazy("cashFlow", () => column(4, (rnd) => cash[Math.floor(rnd() * 3)]))();
    },
    /** Also the amount of AR.FACTOR and the loss of AR.INSURE. */
    get balance() {
      return lazy("balance", () => column(5, (rnd) => Math.round(rnd() * 5_000_000_00) / 100))();
    },
    get days() {
      return lazy("days", () => column(6, (rnd) => Math.floor(rnd() * 40)))();
    },
    /** Days past due for PROVISION and CHANNEL: a fifth not due, the rest over every band up to 400 days. */
    get daysPastDue() {
      return lazy("daysPastDue", () => column(7, (rnd) => (rnd() < 0.2 ? 0 : 1 + Math.floor(rnd() * 400))))();
    },
    get profile() {
      return lazy("profile", () =>
        column(8, (rnd) =>
          pick(rnd, [
            [1, "temporary"],
            [1, "willful"],
            [1, "unable"],
            [1, "unclear"],
            [1, ""],
          ]),
        ),
      )();
    },
    /** The 11 AR.PROFILE signals, in argument order. */
    get signals() {
      return profileSignals.map((s) => s());
    },
    /** Dates of the last demand, acknowledgement or suit: up to ~4 years before as_of (some expired). */
    get lastInterruption() {
      return lazy("lastInterruption", () => column(9, (rnd) => AS_OF - Math.floor(rnd() * 1500)))();
    },
    /** Dates of the last balance confirmation: up to 4 months before as_of. */
    get lastConfirmation() {
      return lazy("lastConfirmation", () => column(10, (rnd) => AS_OF - Math.floor(rnd() * 120)))();
    },
    get claim() {
      return claim();
    },
    get freeEstate() {
      return lazy("freeEstate", () => column(21, (rnd) => Math.round(rnd() * 50_000_000_00) / 100))();
    },
    // the total of ordinary claims includes this claim: the claim plus at least 1
    get ordinaryClaimsTotal() {
      return lazy("ordinaryClaimsTotal", () => {
        const c = claim();
        return column(22, (rnd, i) => (Math.round((c[i][0] as number) * 100) + 100 + Math.floor(rnd() * 100_000_000_00)) / 100);
      })();
    },
    get employeeClaims() {
      return lazy("employeeClaims", () => amountOrZero(23, 5_000_000))();
    },
    get taxClaims() {
      return lazy("taxClaims", () => amountOrZero(24, 3_000_000))();
    },
    get expenses() {
      return lazy("expenses", () => amountOrZero(25, 2_000_000))();
    },
    /** The 5 AR.EVIDENCE yes/no columns, in argument order. */
    get evidence() {
      return evidenceColumns.map((e) => e());
    },
    get excuse() {
      return lazy("excuse", () =>
        column(55, (rnd) =>
          pick(rnd, [
            [1, "none"],
            [2, "no-invoice"],
            [2, "defect"],
            [1, ""],
          ]),
        ),
      )();
    },
    get announcement() {
      return lazy("announcement", () => column(60, (rnd) => 45658 + Math.floor(rnd() * 365)))();
    },
    /** Claim filing periods as a court sets them: days (30 to 60) or months (1 to 3), as numbers or text; blank is 30 days. */
    get period() {
      return lazy("period", () =>
        column(61, (rnd) =>
          pick(rnd, [
            [2, 30],
            [2, 45],
            [1, 60],
            [1, "45天"],
            [1, "2m"],
            [1, "3个月"],
            [1, "两个月"],
            [1, "1m"],
            [1, ""],
          ] as (readonly [number, number | string])[]),
        ),
      )();
    },
    // AR.PLAN: one single-cell range per call
    get planBalance() {
      return planBalance();
    },
    // within the policy's 5%: at most 1/21 of the balance, in whole cents
    get planConcession() {
      return lazy("planConcession", () => {
        const b = planBalance();
        return cells(41, (rnd, i) => Math.floor((Math.round((b[i][0][0] as number) * 100) * rnd()) / 21) / 100);
      })();
    },
    get planFirstDue() {
      return lazy("planFirstDue", () => cells(42, (rnd) => 45658 + Math.floor(rnd() * 365)))();
    },
    get planCashFlow() {
      return lazy("planCashFlow", () => {
        const b = planBalance();
        return cells(43, (rnd, i) => Math.round(((b[i][0][0] as number) / INSTALMENTS) * (0.5 + rnd() * 1.5) * 100) / 100);
      })();
    },
    planInstalments: [[INSTALMENTS]] as Grid,
  };
}

type Inputs = ReturnType<typeof inputs>;
type Run = (x: Inputs) => unknown;

/** Cases whose rows are plans (one call per plan) rather than rows of a range. */
const PER_PLAN = new WeakSet<Run>();
const perPlan = (run: Run): Run => (PER_PLAN.add(run), run);

async function cases(): Promise<Record<string, Run>> {
  installExcelGlobals();
  const f = await import("../src/functions/functions.js");
  const asOf = AS_OF;
  const edges = DEFAULT_POLICY.agingEdges;
  const labels = ["current", "1-30", "31-60", "61-90", "90+"];
  // The built add-in as Excel runs it: dist/functions.js with Excel's two globals, CustomFunctions and
  // Office. (The bundle test evaluates it in a node:vm context to prove it needs nothing else; here it is
  // evaluated with new Function, because node:vm slows every global lookup such as Math or Array through
  // its interceptors, a cost no Excel runtime has.)
  const excel = makeExcelGlobals();
  // eslint-disable-next-line no-new-func -- the built bundle, run as Excel runs it (see above)
  new Function("CustomFunctions", "Office", readFileSync(join(process.cwd(), "dist/functions.js"), "utf8"))(
    excel.CustomFunctions,
    excel.Office,
  );
  const built = (id: string) => {
    const fn = excel.associations.get(id) as ((...a: unknown[]) => unknown[][]) | undefined;
    if (!fn) throw new Error(`dist/functions.js does not associate ${id}: run npm run build`);
    return fn;
  };
  return {
    "AR.AGING (dist/functions.js)": (x) => built("AGING")(x.due, x.asOf),
    "AR.AGING (function)": (x) => f.aging(x.due, x.asOf),
    "AR.AGING days (function)": (x) => f.aging(x.due, x.asOf, [["days"]]),
    // Core loops read the columns into locals first: an Inputs getter makes a closure and looks up a Map
    // on every call, which inside the loop would cost as much as the rule itself.
    "aging (core)": (x) => {
      const due = x.due;
      const out = new Array<string>(due.length);
      for (let i = 0; i < due.length; i++) out[i] = labels[bucketIndex(daysPastDue(due[i][0] as number, asOf), edges)];
      return out;
    },
    "AR.GRADE (dist/functions.js)": (x) => built("GRADE")(x.count, x.amount, x.cashFlow),
    "AR.GRADE (function)": (x) => f.grade(x.count, x.amount, x.cashFlow),
    "grade (core)": (x) => {
      const [count, amount, cashFlow] = [x.count, x.amount, x.cashFlow];
      const out = new Array<number>(count.length);
      for (let i = 0; i < count.length; i++) {
        out[i] = creditTerm(gradeOfRule(gradeRule(count[i][0] as number, amount[i][0] as number, cashFlow[i][0] as CashFlow, 50_000)));
      }
      return out;
    },
    "AR.SETTLE (dist/functions.js)": (x) => built("SETTLE")(x.balance, x.days),
    "AR.SETTLE (function)": (x) => f.settle(x.balance, x.days),
    "settle (core)": (x) => {
      const [balance, days] = [x.balance, x.days];
      const out = new Array<number>(balance.length);
      for (let i = 0; i < balance.length; i++) out[i] = settlementOffer(balance[i][0] as number, days[i][0] as number);
      return out;
    },

    // The rest of the rulebook through the built add-in, and the core under the heavier ones.
    "AR.PROVISION (dist/functions.js)": (x) => built("PROVISION")(x.balance, x.daysPastDue),
    "provision (core)": (x) => {
      const balance = x.balance;
      const days = x.daysPastDue;
      const out = new Array<number>(balance.length);
      for (let i = 0; i < balance.length; i++) out[i] = provision(balance[i][0] as number, days[i][0] as number);
      return out;
    },
    "AR.FACTOR (dist/functions.js)": (x) => built("FACTOR")(x.balance),
    "AR.INSURE (dist/functions.js)": (x) => built("INSURE")(x.balance),
    "AR.CHANNEL (dist/functions.js)": (x) => built("CHANNEL")(x.balance, x.daysPastDue, x.profile),
    "channel (core)": (x) => {
      const balance = x.balance;
      const days = x.daysPastDue;
      const profile = x.profile;
      const out = new Array<string>(balance.length);
      for (let i = 0; i < balance.length; i++) {
        out[i] = collectionStep(
          balance[i][0] as number,
          days[i][0] as number,
          ((profile[i][0] as string) || null) as DebtorProfile | null,
        ).code;
      }
      return out;
    },
    "AR.PROFILE (dist/functions.js)": (x) => built("PROFILE")(...x.signals),
    // with the core's own reader of the signal cells (yes/no/blank, words, counts), as the CLI reads them
    "profile (core)": (x) => {
      const signals = x.signals;
      const n = signals[0].length;
      const out = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const row = new Array<unknown>(11);
        for (let k = 0; k < 11; k++) row[k] = signals[k][i][0];
        out[i] = debtorProfile(readDebtorSignals(row)).profile;
      }
      return out;
    },
    "AR.LIMITATION (dist/functions.js)": (x) => built("LIMITATION")(x.lastInterruption, x.asOf),
    "AR.CONFIRM (dist/functions.js)": (x) => built("CONFIRM")(x.lastConfirmation, x.asOf),
    "AR.RECOVERY (dist/functions.js)": (x) =>
      built("RECOVERY")(x.claim, x.freeEstate, x.ordinaryClaimsTotal, x.employeeClaims, x.taxClaims, x.expenses),
    "recovery (core)": (x) => {
      const [claim, estate, total, employees, taxes, expenses] = [
        x.claim,
        x.freeEstate,
        x.ordinaryClaimsTotal,
        x.employeeClaims,
        x.taxClaims,
        x.expenses,
      ];
      const out = new Array<number>(claim.length);
      for (let i = 0; i < claim.length; i++) {
        out[i] = bankruptcyRecovery(claim[i][0] as number, {
          freeEstate: estate[i][0] as number,
          ordinaryClaimsTotal: total[i][0] as number,
          employeeClaims: employees[i][0] as number,
          taxClaims: taxes[i][0] as number,
          expenses: expenses[i][0] as number,
        }).payout;
      }
      return out;
    },
    "AR.EVIDENCE (dist/functions.js)": (x) => built("EVIDENCE")(...x.evidence, x.excuse),
    "AR.CLAIMDEADLINE (dist/functions.js)": (x) => built("CLAIMDEADLINE")(x.announcement, x.period),
    [`AR.PLAN, ${INSTALMENTS} instalments (plans)`]: perPlan((x) => {
      const plan = built("PLAN");
      const [balance, concession, firstDue, cashFlow, instalments] = [
        x.planBalance,
        x.planConcession,
        x.planFirstDue,
        x.planCashFlow,
        x.planInstalments,
      ];
      const out = new Array<unknown>(balance.length);
      // interval_months omitted: Excel passes null
      for (let i = 0; i < balance.length; i++) out[i] = plan(balance[i], instalments, concession[i], firstDue[i], null, cashFlow[i]);
      return out;
    }),
    [`plan (core), ${INSTALMENTS} instalments (plans)`]: perPlan((x) => {
      const [balance, concession, firstDue] = [x.planBalance, x.planConcession, x.planFirstDue];
      const out = new Array<unknown>(balance.length);
      for (let i = 0; i < balance.length; i++) {
        out[i] = instalmentPlan(balance[i][0][0] as number, INSTALMENTS, {
          concession: concession[i][0][0] as number,
          firstDue: firstDue[i][0][0] as number,
          intervalMonths: 1,
        });
      }
      return out;
    }),
  };
}

/** An Excel error cell: an object with a `code` (CustomFunctions.Error). */
const isError = (cell: unknown): cell is { code: string; message?: string } => typeof cell === "object" && cell !== null && "code" in cell;

/**
 * Fails loudly unless `out` has `rows` rows (plans) and none of its cells is an error or blank: the case
 * must measure the normal path, not a function turning bad input into #VALUE!.
 */
function checkOutput(name: string, out: unknown, rows: number, plan: boolean): void {
  if (!Array.isArray(out) || out.length !== rows)
    throw new Error(`${name}: expected ${rows} ${plan ? "plans" : "rows"}, got ${Array.isArray(out) ? out.length : typeof out}`);
  const bad = (i: number, cell: unknown, what: string) =>
    new Error(
      `${name}: ${plan ? "plan" : "row"} ${i + 1} ${what}: ${isError(cell) ? `${cell.code} ${cell.message ?? ""}` : JSON.stringify(cell)}`,
    );
  const checkCell = (i: number, cell: unknown) => {
    if (isError(cell)) throw bad(i, cell, "is an error");
    if (cell === "" || cell === null || cell === undefined) throw bad(i, cell, "is blank");
  };
  for (let i = 0; i < out.length; i++) {
    const row: unknown = out[i];
    if (!plan) {
      if (Array.isArray(row)) for (const cell of row) checkCell(i, cell);
      else checkCell(i, row);
      continue;
    }
    // a plan: the function's spilled rows [number, due date, amount, fits], or the core's InstalmentPlan
    const lines: unknown = Array.isArray(row) ? row : (row as { instalments?: unknown }).instalments;
    if (!Array.isArray(lines) || lines.length !== INSTALMENTS) {
      throw bad(
        i,
        Array.isArray(lines) ? lines[0] : row,
        `has ${Array.isArray(lines) ? lines.length : "no"} instalments, not ${INSTALMENTS}`,
      );
    }
    for (const line of lines) for (const cell of Array.isArray(line) ? line : Object.values(line as object)) checkCell(i, cell);
  }
}

async function runCase(name: string): Promise<CaseResult> {
  const all = await cases();
  const fn = all[name];
  if (!fn) throw new Error(`unknown case ${name}`);
  const plan = PER_PLAN.has(fn);
  const rows = plan ? PLANS : ROWS;
  const data = inputs(ROWS, PLANS);
  const [smallRows, smallPlans] = [Math.min(10_000, ROWS), Math.min(10_000, PLANS)];
  checkOutput(`${name} (warm-up)`, fn(inputs(smallRows, smallPlans)), plan ? smallPlans : smallRows, plan); // warm-up: let the JIT compile the hot path
  checkOutput(name, fn(data), rows, plan); // and make the (lazy) input columns this case uses, outside the timed runs
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: number[] = [];
  let heap = 0;
  for (let r = 0; r < RUNS; r++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    const out = fn(data);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
    if (!Array.isArray(out) || out.length !== rows)
      throw new Error(`${name}: expected ${rows} rows, got ${Array.isArray(out) ? out.length : typeof out}`);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    rows,
    bestMs: times[0],
    medianMs: times[Math.floor(times.length / 2)],
    rowsPerSecond: rows / (times[0] / 1000),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: heap / 2 ** 20,
  };
}

async function main() {
  const one = text("case");
  if (one !== undefined) {
    process.stdout.write(JSON.stringify(await runCase(one)));
    return;
  }
  const only = text("only");
  const all = Object.keys(await cases());
  const names = only === undefined ? all : all.filter((n) => n.toLowerCase().includes(only.toLowerCase()));
  if (names.length === 0) throw new Error(`--only ${only}: no case matches; cases:\n  ${all.join("\n  ")}`);
  const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(
    `AR functions benchmark: ${fmt(ROWS)} rows (AR.PLAN: ${fmt(PLANS)} plans), best of ${RUNS} runs, one process per case, Node ${process.version}`,
  );
  const results: CaseResult[] = [];
  for (const name of names) {
    let out: string;
    try {
      // the case's stderr goes straight to ours: a failed check shows its own message
      out = execFileSync(
        process.execPath,
        [...process.execArgv, __filename, "--case", name, "--rows", String(ROWS), "--runs", String(RUNS), "--plans", String(PLANS)],
        { encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "inherit"] },
      );
    } catch {
      throw new Error(`case "${name}" failed (its error is above)`);
    }
    results.push(JSON.parse(out) as CaseResult);
  }
  console.log("| case | rows/s | best ms | median ms | peak RSS MB | heap growth per call MB |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of results) {
    console.log(
      `| ${r.name} | ${fmt(r.rowsPerSecond)} | ${fmt(r.bestMs, 1)} | ${fmt(r.medianMs, 1)} | ${fmt(r.peakRssMB)} | ${fmt(r.heapMB, 1)} |`,
    );
  }
  const aging = results.find((r) => r.name === "AR.AGING (dist/functions.js)");
  const target = 5_000_000;
  if (aging) {
    console.log(
      `AR.AGING through the built function: ${fmt(aging.rowsPerSecond)} rows/s (target ${fmt(target)}): ${aging.rowsPerSecond >= target ? "met" : "NOT met"}`,
    );
  } else {
    console.log(`AR.AGING through the built function: not run (--only ${only}), target ${fmt(target)} rows/s not checked`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
