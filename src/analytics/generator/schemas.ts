/**
 * The ledger's tables: the categories their codes stand for, their schemas ({@link ledgerSchemas}), and
 * the buffer that fills a table row by row and hands it to the sink batch by batch.
 */
import type { CreditGrade } from "../../core/index.js";
import type { ColumnBatch, ColumnData, ColumnKind, ColumnSpec, TableSchema } from "../formats.js";
import type { LedgerTableName } from "./options.js";

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
export const OUTCOMES = Object.freeze([
  "open",
  "paid",
  "settled",
  "plan-kept",
  "plan-broken",
  "judgment",
  "partial",
  "distribution",
  "nothing",
] as const);
/** Turnover decline as the core names it (`turnover_decline` codes). */
export const TURNOVER = Object.freeze(["none", "short-term", "persistent"] as const);

/** A column's spec (with a `categories` key, undefined when it has none). */
function column(name: string, kind: ColumnKind, doc: string, categories?: readonly string[]): ColumnSpec {
  return { name, kind, doc, categories };
}

/** The schemas of a ledger's tables (the region list is part of them). */
export function ledgerSchemas(regions: readonly string[]): Readonly<Record<LedgerTableName, TableSchema>> {
  const c = column;
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
    cases: casesSchema(region),
  };
}

/** The `cases` table: one row per case opened by the ledger date, its signals, course and outcome. */
function casesSchema(region: ColumnSpec): TableSchema {
  const c = column;
  return {
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
      c(
        "plan_kept",
        "bool",
        "instalment plan: kept (true, once paid off) or broken (false, once an instalment is missed); empty while running",
      ),
      c("broken_at", "int32", "instalment plan: the instalment missed"),
      c("claim_in_time", "bool", "bankruptcy: claim filed within the filing period"),
      c("ordinary_rate", "float64", "bankruptcy: share paid to ordinary claims (core bankruptcyRecovery)"),
    ],
  };
}

// ------------------------------------------------------------------------------------------ buffers

/** Receives the generated tables batch by batch. */
export interface LedgerSink {
  /** One batch of a table (arrays may be longer than `batch.length`). The arrays are not reused. */
  write(table: LedgerTableName, schema: TableSchema, batch: ColumnBatch): void;
}

/** A table being filled row by row into typed arrays, handed to the sink when full. */
export class TableBuffer {
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
      cols[c.name] =
        c.kind === "float64"
          ? new Float64Array(n)
          : c.kind === "bool" || c.kind === "category"
            ? new Uint8Array(n)
            : c.kind === "string"
              ? new Array<string>(n)
              : new Int32Array(n);
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
