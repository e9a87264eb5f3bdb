/**
 * A receivables table as it comes, triaged: the one entry the command line and the task pane call.
 *
 * A table with a document number, document type, invoice date, paid date or document amount column is a
 * list of open items (or an invoice history): its rows are read as items, the title, heading, subtotal and
 * total rows are recognised and kept aside, the items are rolled up to one row per customer (rollup.ts)
 * and the customers are triaged as a customer table would be. Every source row is accounted for in the
 * item table: rolled up, skipped (and why), or its problem. The export's own totals are checked against
 * the items (reconciliation). Any other table is a customer table, triaged row by row as before.
 */
import { RuleError, show, type Reason } from "../errors.js";
import { readDate } from "../dates.js";
import { formatAmount } from "../format.js";
import { centsOf } from "../money.js";
import { DEFAULT_POLICY, validatePolicy, type Policy } from "../policy.js";
import { bucketLabels } from "../aging.js";
import { triagePortfolio } from "../triage/triage.js";
import { customerKey } from "../triage/customers.js";
import {
  errorValueProblem,
  excelError,
  invalidProblem,
  isBlank,
  isBlankRow,
  missingProblem,
  UncomputedFormula,
  uncomputedFormulaProblem,
} from "../triage/cells.js";
import { FIELD_LABELS, ITEM_FIELDS, TRIAGE_FIELDS, type TriageField } from "../triage/headers.js";
import { DATE_1904_OFFSET, type ColumnMapping, type TriageOptions, type TriageOutput } from "../triage/types.js";
import { classifyRow, grandTotal, type RowKind } from "./shape.js";
import { detectDateOrder, headerScale, readLedgerAmount, readLedgerDate, type DayMonthOrder } from "./values.js";
import { documentKind, isGeneralDocument, signedAmount, type DocumentKind } from "./documents.js";
import { overdueHistory, type OverdueHistory } from "./history.js";
import { rollUpEach, type CustomerRollup, type LedgerItem } from "./rollup.js";
import type { LedgerPayment } from "../collection/facts.js";

/** What a table is: one row per customer, or one row per open item (or invoice). */
export type TableShape = "customers" | "items";

/** Whether a mapping describes a list of items (it maps a document, type, invoice date, paid date or amount column). */
export function tableShape(mapping: ColumnMapping): TableShape {
  return ITEM_FIELDS.some((f) => mapping[f] !== undefined) ? "items" : "customers";
}

/** What became of a source row of an item list. */
export type ItemFate = "rolled-up" | "history" | "skipped" | "problem" | "blank";

/** A source row of an item list, as the item table shows it. */
export interface ItemRow {
  /** Sheet row number. */
  readonly sourceRow: number;
  /** data, heading, subtotal, total or blank (shape.ts classifyRow). */
  readonly kind: "data" | "heading" | "subtotal" | "total" | "blank";
  readonly fate: ItemFate;
  /** The customer as written ("" for rows without one). */
  readonly customer: string;
  /** Index of the customer's record in the customer table's records, or -1. */
  readonly customerIndex: number;
  readonly document: string;
  readonly documentKind: DocumentKind | null;
  /** The document's amount, signed (credits and payments negative). */
  readonly amount: number | null;
  /** Open at the as-of date, signed. */
  readonly open: number | null;
  readonly dueDate: number | null;
  readonly paidDate: number | null;
  readonly daysPastDue: number | null;
  readonly bucketIndex: number | null;
  /** Why the row was skipped, or its problems. */
  readonly notes: readonly Reason[];
}

/** A customer of an item list: what its items add up to, beside its triage record. */
export interface CustomerItems {
  /** Sheet rows of its items. */
  readonly rows: readonly number[];
  /** Its items' open amounts at the as-of date, added up exactly (a credit balance is negative). */
  readonly balance: number;
  readonly openItems: number;
  readonly overdueItems: number;
  /** Amounts open per aging bucket (policy.agingEdges: current first), exact to the cent. */
  readonly bucketAmounts: readonly number[];
  /** Open amounts of invoices without a due date (not in any bucket): buckets + undated = balance. */
  readonly undatedAmount: number;
  /** Grade inputs worked out from the paid dates (null without a paid-date column). */
  readonly history: OverdueHistory | null;
}

/** Totals that must agree, and whether they do. */
export interface Reconciliation {
  /** Open amount of the items read, at the as-of date. */
  readonly itemsTotal: number;
  /** Sum of the customers' balances (the same items, grouped). */
  readonly customersTotal: number;
  /** The export's own grand total and its row, when it has a total row. */
  readonly exportTotal: { readonly amount: number; readonly sourceRow: number } | null;
  /** What the export's open-amount column adds up to over its item rows (the figure its total should equal). */
  readonly exportItemsTotal: number | null;
  /** Subtotal rows whose amount is not the sum of the items above them (since the previous subtotal). */
  readonly subtotalMismatches: readonly { readonly sourceRow: number; readonly stated: number; readonly items: number }[];
  /** Rows whose amounts are not in the totals because they could not be read. */
  readonly unreadRows: number;
  readonly agrees: boolean;
}

/** A triage of a table as it comes. */
export interface LedgerTriage {
  readonly shape: TableShape;
  /** The customers' triage (for a customer table, one record per row as triagePortfolio gives). */
  readonly output: TriageOutput;
  /** Item lists: one entry per source row under the header, in order. */
  readonly items: readonly ItemRow[] | null;
  /** Item lists: per customer record, what its items add up to. */
  readonly customerItems: readonly CustomerItems[] | null;
  readonly reconciliation: Reconciliation | null;
  /** The day/month order the dates were read in, and how it was decided. */
  readonly dateOrder: {
    readonly order: DayMonthOrder | null;
    readonly source: "told" | "values" | "none";
    readonly evidence: readonly string[];
  } | null;
}

/** Options of a ledger triage: a triage's, plus how to read dates and amounts written as text. */
export interface LedgerOptions extends TriageOptions {
  /** The header row (for units such as 万元 in a header). */
  readonly headers?: readonly unknown[];
  /** Day/month order of dates like 2/1/2013, when told (else decided from the values, or asked for). */
  readonly dateOrder?: "mdy" | "dmy";
  /** The decimal mark of amounts written as text (default "."). */
  readonly decimal?: "." | ",";
}

/** Fields read per item; every other mapped field is the customer's and is copied to its row. */
const ITEM_LEVEL: ReadonlySet<TriageField> = new Set<TriageField>(["customer", "balance", "dueDate", ...ITEM_FIELDS]);
const DATE_FIELDS: ReadonlySet<TriageField> = new Set<TriageField>([
  "dueDate",
  "invoiceDate",
  "paidDate",
  "lastConfirmation",
  "lastInterruption",
]);

/**
 * Triages a receivables table as it comes: a customer table row by row (triagePortfolio), or a list of
 * open items (tableShape) rolled up per customer first. options.collectionLog (TriageOptions) is read per
 * customer either way (per rolled-up customer for an item list).
 * @param rows the rows under the header row (title rows above it are the caller's: shape.ts locateHeader)
 * @param mapping the column of each field (recogniseColumns)
 * @throws RuleError for a bad mapping or option (never for a cell: a cell that cannot be read is its row's problem)
 */
export function triageLedger(rows: readonly (readonly unknown[])[], mapping: ColumnMapping, options: LedgerOptions): LedgerTriage {
  if (tableShape(mapping) === "customers") {
    return {
      shape: "customers",
      output: triagePortfolio(rows, mapping, options),
      items: null,
      customerItems: null,
      reconciliation: null,
      dateOrder: null,
    };
  }
  return new ItemList(rows, mapping, options).triage();
}

/** An item table row being made (ItemRow, written to while the list is triaged). */
type Draft = { -readonly [K in keyof ItemRow]: ItemRow[K] };

/**
 * What the roll-up needs of the items read besides their rows, by item number (the order read): one
 * object per item (its Draft), the rest in flat arrays, so that a million items are not held twice.
 */
interface ItemColumns {
  /** Index into rows. */
  readonly row: Int32Array;
  /** The customer's grouping key ("" without a readable customer). */
  readonly key: string[];
  /** The open amount as exported, signed (NaN: none). */
  readonly exportedOpen: Float64Array;
  /** Partial payments to date (NaN: none). */
  readonly paidAmount: Float64Array;
  /** The customer's number among the customers (-1: none). */
  readonly group: Int32Array;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

const NO_PROBLEMS: readonly Reason[] = Object.freeze([]);
/** Most distinct texts remembered per column (dates, amounts, types): a bound on memory, not on speed. */
const CACHE_LIMIT = 200_000;

/** One item list's triage (triageLedger). */
class ItemList {
  private readonly asOf: number;
  private readonly policy: Policy;
  private readonly first: number;
  private readonly dateOffset: number;
  private readonly scale: Partial<Record<TriageField, number>> = {};
  private order: DayMonthOrder | null = null;
  private orderSource: "told" | "values" | "none" = "none";
  private orderEvidence: readonly string[] = [];
  /** The last customer cell read and its text (a customer's items come one after another). */
  private lastCustomer: { readonly cell: unknown; readonly text: string; readonly key: string } = { cell: undefined, text: "", key: "" };
  /** Problems of the item being read (copied out when there are any). */
  private readonly problems: Reason[] = [];
  /**
   * Texts read before, per field: an export repeats its dates (a few hundred days) and its document types
   * down a million rows, and many amounts (0.00) from one row to the next. Only texts that read are kept; a
   * text that does not is read again, so that each row gets its own problem.
   */
  private readonly dateTexts = new Map<string, Map<string, number>>();
  private readonly lastAmount: Partial<Record<TriageField, { readonly text: string; readonly amount: number }>> = {};
  private readonly kindTexts = new Map<string, DocumentKind | "general" | null>();

  constructor(
    private readonly rows: readonly (readonly unknown[])[],
    private readonly mapping: ColumnMapping,
    private readonly options: LedgerOptions,
  ) {
    const missing: string[] = [];
    if (mapping.customer === undefined) missing.push("customer");
    if (mapping.balance === undefined && mapping.amount === undefined) missing.push("open amount (or document amount)");
    if (mapping.dueDate === undefined) missing.push("due date");
    if (missing.length > 0) {
      throw new RuleError(
        "mapping",
        `no column for ${missing.join(", ")}: an item list needs the customer, the open (or document) amount and the due date`,
        `缺少${missing.map((m) => ({ "customer": "客户", "due date": "到期日" })[m] ?? "未核销金额（或单据金额）").join("、")}列：明细表需要客户、未核销金额（或单据金额）和到期日`,
      );
    }
    this.asOf = readDate(options.asOf, "as_of");
    this.policy = validatePolicy(options.policy ?? DEFAULT_POLICY);
    this.first = options.firstRowNumber ?? 2;
    this.dateOffset = options.dateSystem === "1904" ? DATE_1904_OFFSET : 0;
    for (const field of ["balance", "amount", "paidAmount"] as const) {
      const c = mapping[field];
      const header = c === undefined ? undefined : options.headers?.[c];
      if (typeof header === "string") this.scale[field] = headerScale(header);
    }
  }

  triage(): LedgerTriage {
    const rows = this.rows;
    let last = rows.length - 1;
    while (last >= 0 && isBlankRow(rows[last])) last--;
    this.decideDateOrder(last);
    const items: Draft[] = [];
    const columns: ItemColumns = {
      row: new Int32Array(last + 1),
      key: [],
      exportedOpen: new Float64Array(last + 1),
      paidAmount: new Float64Array(last + 1),
      group: new Int32Array(last + 1).fill(-1),
    };
    const kinds: ItemRow["kind"][] = new Array<ItemRow["kind"]>(last + 1);
    const shapes: RowKind[] = new Array<RowKind>(last + 1);
    const skipped = new Map<number, Reason>();
    const totals: { row: number; kind: "subtotal" | "total"; amount: number | null; text: string }[] = [];
    const exportColumn = this.mapping.balance ?? this.mapping.amount;
    const exportField: TriageField = this.mapping.balance !== undefined ? "balance" : "amount";
    let exportItemsCents = 0;
    let sinceSubtotalCents = 0;
    // A subtotal sums the items since the last subtotal, total or heading (a bucket's items), or the run
    // of one customer's items just above it (Kingdee's 小计 under a customer).
    let runKey = "";
    let runCents = 0;
    const subtotalMismatches: { sourceRow: number; stated: number; items: number }[] = [];
    for (let i = 0; i <= last; i++) {
      const row = rows[i];
      const shape = isBlankRow(row) ? BLANK_ROW : classifyRow(row, this.mapping, this.options.headers);
      shapes[i] = shape;
      if (shape.kind === "data") {
        kinds[i] = "data";
        const k = items.length;
        const stated = this.readItem(row, i, exportField, k, columns, items);
        const key = columns.key[k];
        // The export's own open-amount column, as it states it, for comparing with its totals.
        if (exportColumn !== undefined) {
          if (key !== runKey) {
            runKey = key;
            runCents = 0;
          }
          if (stated !== null) {
            exportItemsCents += centsOf(stated);
            sinceSubtotalCents += centsOf(stated);
            runCents += centsOf(stated);
          }
        }
        continue;
      }
      kinds[i] = shape.kind;
      if (shape.kind === "blank") continue;
      if (shape.kind === "heading") {
        sinceSubtotalCents = 0;
        skipped.set(i, { code: "heading", en: `heading row ${shapeText(shape.text)}`, zh: `标题行 ${shapeText(shape.text)}` });
        continue;
      }
      const amount = shape.amount === null || shape.amount === undefined ? null : this.statedAmount(shape.amount, exportField);
      totals.push({ row: i, kind: shape.kind, amount, text: shape.text });
      if (shape.kind === "subtotal") {
        const stated = amount === null ? null : centsOf(amount);
        if (stated !== null && stated !== sinceSubtotalCents && stated !== runCents) {
          subtotalMismatches.push({ sourceRow: this.first + i, stated: amount as number, items: sinceSubtotalCents / 100 });
        }
        sinceSubtotalCents = 0;
        runKey = "";
        runCents = 0;
        skipped.set(i, {
          code: "subtotal",
          en: `subtotal row ${shapeText(shape.text)}: not an item`,
          zh: `小计行 ${shapeText(shape.text)}：不是明细`,
        });
      } else {
        sinceSubtotalCents = 0;
        skipped.set(i, {
          code: "total",
          en: `total row ${shapeText(shape.text)}: not an item`,
          zh: `合计行 ${shapeText(shape.text)}：不是明细`,
        });
      }
    }
    const g = grandTotal(shapes);
    const grand = g < 0 ? null : (totals.find((t) => t.row === g) ?? null);
    return this.rollUp(
      items,
      columns,
      kinds,
      skipped,
      grand,
      exportColumn === undefined ? null : exportItemsCents / 100,
      subtotalMismatches,
      last,
    );
  }

  /** Decides the day/month order of dates like 2/1/2013: told, or from the date columns' values that decide it. */
  private decideDateOrder(last: number): void {
    if (this.options.dateOrder !== undefined) {
      this.order = this.options.dateOrder;
      this.orderSource = "told";
      return;
    }
    const columns = (["dueDate", "invoiceDate", "paidDate"] as const)
      .map((f) => this.mapping[f])
      .filter((c): c is number => c !== undefined);
    const rows = this.rows;
    function* texts(): Generator<string> {
      for (let i = 0; i <= last; i++) {
        const row = rows[i];
        if (!Array.isArray(row)) continue;
        for (const c of columns) if (typeof row[c] === "string") yield row[c] as string;
      }
    }
    const decision = detectDateOrder(texts());
    if (decision.order !== null && !decision.conflict) {
      this.order = decision.order;
      this.orderSource = "values";
      this.orderEvidence = decision.evidence;
    }
  }

  /** An amount as the export states it (subtotals, totals, the open column), or null when it does not read. */
  private statedAmount(value: unknown, field: TriageField): number | null {
    if (typeof value === "number") return Number.isFinite(value) ? value * (this.scale[field] ?? 1) : null;
    if (isBlank(value) || excelError(value) !== null || typeof value !== "string") return null;
    try {
      return readLedgerAmount(value, field, { decimal: this.options.decimal, scale: this.scale[field] });
    } catch {
      return null;
    }
  }

  /**
   * Reads one item row into `items[k]` and `columns` at k; each cell that cannot be read is a problem of the
   * item. Returns the export's open amount as it states it (for its totals), or null when it does not read.
   */
  private readItem(
    row: readonly unknown[],
    index: number,
    exportField: TriageField,
    k: number,
    columns: ItemColumns,
    items: Draft[],
  ): number | null {
    const m = this.mapping;
    const problems = this.problems;
    problems.length = 0;
    const customerCell = row[m.customer as number];
    let customer = "";
    let key: string | null = null;
    if (customerCell === this.lastCustomer.cell) ({ text: customer, key } = this.lastCustomer);
    else if (typeof customerCell === "string" || typeof customerCell === "number") {
      // A copy of its own (not a slice of the file's text, which it would keep alive for the whole run),
      // made once per run of the customer's rows, as its key.
      customer = ownCopy(String(customerCell).trim());
      key = customer === "" ? "" : customerKey(customer);
      this.lastCustomer = { cell: customerCell, text: customer, key };
    }
    const customerError = excelError(customerCell);
    if (customerError !== null) {
      problems.push(errorValueProblem("customer", customerError));
      customer = "";
    } else if (customer === "") problems.push(missingProblem("customer"));
    const documentCell = m.document === undefined ? undefined : row[m.document];
    const document = typeof documentCell === "string" || typeof documentCell === "number" ? String(documentCell).trim() : "";
    const open = this.amountCell(row, "balance");
    const amount = this.amountCell(row, "amount");
    const paid = this.amountCell(row, "paidAmount");
    // The export's open-amount column as it states it, for its totals: a text cell reads as it just did
    // (null when it did not); a number is scaled by the header's unit as the totals are (statedAmount).
    const statedCell = row[this.mapping[exportField] as number];
    const stated =
      typeof statedCell === "string" ? (exportField === "balance" ? open : amount) : this.statedAmount(statedCell, exportField);
    let kind: DocumentKind | null = null;
    if (m.documentType !== undefined && !isBlank(row[m.documentType])) {
      kind = this.kindOf(row[m.documentType], amount ?? open);
      if (kind === null) {
        problems.push(
          invalidProblem(
            "documentType",
            new RuleError(
              "documentType",
              `${show(row[m.documentType])} is not a known document type (an invoice, a credit note or a payment)`,
              `${show(row[m.documentType])} 不是可识别的单据类型（发票、贷项/红字或收款）`,
            ),
          ),
        );
      }
    }
    const dueDate = this.dateCell(row, "dueDate");
    const paidDate = this.dateCell(row, "paidDate");
    this.dateCell(row, "invoiceDate"); // read for its problems: an unreadable date is reported, not ignored
    // Credits and payments reduce the balance: a positive amount on a credit note is taken as a credit.
    if (kind === null && problems.length === 0) kind = (open ?? amount ?? 0) < 0 ? "credit" : "invoice";
    const signed = (x: number | null) => (x === null || kind === null ? x : signedAmount(kind, x));
    if (kind === "invoice" && dueDate === null && m.dueDate !== undefined && isBlank(row[m.dueDate]))
      problems.push(missingProblem("dueDate"));
    if (open === null && amount === null && problems.length === 0)
      problems.push(missingProblem(m.balance !== undefined ? "balance" : "amount"));
    columns.row[k] = index;
    columns.key[k] = customer === "" ? "" : (key ?? customerKey(customer));
    columns.exportedOpen[k] = open === null ? NaN : (signed(open) as number);
    columns.paidAmount[k] = paid === null ? NaN : Math.abs(paid);
    const failed = problems.length > 0;
    items.push({
      sourceRow: this.first + index,
      kind: "data",
      fate: failed ? "problem" : paidDate !== null && paidDate <= this.asOf ? "history" : "rolled-up",
      customer,
      customerIndex: -1,
      document,
      documentKind: kind,
      amount: signed(amount),
      open: null, // at the as-of date: the roll-up's
      dueDate,
      paidDate,
      daysPastDue: null,
      bucketIndex: null,
      notes: failed ? problems.slice() : NO_PROBLEMS,
    });
    return stated;
  }

  /** A document type's kind (documentKind), remembered per text unless the amount's sign decides it (a general type). */
  private kindOf(cell: unknown, amount: number | null): DocumentKind | null {
    if (typeof cell !== "string") return documentKind(cell, amount);
    let known = this.kindTexts.get(cell);
    if (known === undefined) {
      known = isGeneralDocument(cell) ? "general" : documentKind(cell);
      if (this.kindTexts.size < CACHE_LIMIT) this.kindTexts.set(cell, known);
    }
    return known === "general" ? documentKind(cell, amount) : known;
  }

  private amountCell(row: readonly unknown[], field: "balance" | "amount" | "paidAmount"): number | null {
    const c = this.mapping[field];
    if (c === undefined) return null;
    const value = row[c];
    if (isBlank(value)) return null;
    // The same text as this column's last one (0.00 down a run of paid items): its amount again.
    const last = this.lastAmount[field];
    if (last !== undefined && last.text === value) return last.amount;
    const error = excelError(value);
    if (error !== null) {
      this.problems.push(errorValueProblem(field, error));
      return null;
    }
    if (value instanceof UncomputedFormula) {
      this.problems.push(uncomputedFormulaProblem(field, value));
      return null;
    }
    try {
      const amount = readLedgerAmount(value, field, { decimal: this.options.decimal, scale: this.scale[field] });
      if (typeof value === "string") this.lastAmount[field] = { text: value, amount };
      return amount;
    } catch (e) {
      this.problems.push(invalidProblem(field, e));
      return null;
    }
  }

  private dateCell(row: readonly unknown[], field: "dueDate" | "paidDate" | "invoiceDate"): number | null {
    const c = this.mapping[field];
    if (c === undefined) return null;
    const value = row[c];
    if (isBlank(value)) return null;
    let texts: Map<string, number> | undefined;
    if (typeof value === "string") {
      texts = this.dateTexts.get(field);
      if (texts === undefined) this.dateTexts.set(field, (texts = new Map()));
      const known = texts.get(value);
      if (known !== undefined) return known;
    }
    const error = excelError(value);
    if (error !== null) {
      this.problems.push(errorValueProblem(field, error));
      return null;
    }
    if (value instanceof UncomputedFormula) {
      this.problems.push(uncomputedFormulaProblem(field, value));
      return null;
    }
    try {
      // A number in a 1904 workbook counts from 1904-01-01: onto the 1900 count, as the triage does.
      if (typeof value === "number") return readDate(value + this.dateOffset, field);
      const date = readLedgerDate(value, field, this.order ?? undefined);
      if (texts !== undefined && texts.size < CACHE_LIMIT) texts.set(value as string, date);
      return date;
    } catch (e) {
      this.problems.push(invalidProblem(field, e));
      return null;
    }
  }

  /** Groups the items read by customer, rolls them up, triages the customers and accounts for every row. */
  private rollUp(
    items: Draft[],
    columns: ItemColumns,
    kinds: readonly ItemRow["kind"][],
    skipped: ReadonlyMap<number, Reason>,
    grand: { row: number; amount: number | null } | null,
    exportItemsTotal: number | null,
    subtotalMismatches: Reconciliation["subtotalMismatches"],
    last: number,
  ): LedgerTriage {
    const m = this.mapping;
    // Customers in order of first appearance (item numbers per customer); an item without a readable
    // customer belongs to none.
    const customerOf = new Map<string, number>();
    const groups: number[][] = [];
    let lastKey = "";
    let lastGroup = -1;
    for (let k = 0; k < items.length; k++) {
      const key = columns.key[k];
      if (key === "") continue;
      let g = key === lastKey ? lastGroup : customerOf.get(key);
      if (g === undefined) {
        g = groups.length;
        customerOf.set(key, g);
        groups.push([]);
      }
      lastKey = key;
      lastGroup = g;
      groups[g].push(k);
      columns.group[k] = g;
      items[k].customerIndex = g;
    }
    // The items read without a problem, rolled up: each made for the roll-up and dropped, its aging
    // written into its row.
    const good: number[] = [];
    for (let k = 0; k < items.length; k++) if (items[k].notes.length === 0 && columns.key[k] !== "") good.push(k);
    let itemsCents = 0;
    const rolledCustomers = rollUpEach(
      good.length,
      (j): LedgerItem => {
        const k = good[j];
        const item = items[k];
        return {
          index: columns.row[k],
          customerKey: columns.key[k],
          kind: item.documentKind ?? "invoice",
          amount: item.amount,
          open: orNull(columns.exportedOpen[k]),
          paidAmount: orNull(columns.paidAmount[k]),
          dueDate: item.dueDate,
          paidDate: item.paidDate,
        };
      },
      this.asOf,
      this.policy,
      (j, _item, openAmount, days, bucket) => {
        const item = items[good[j]];
        item.open = openAmount;
        item.daysPastDue = days;
        item.bucketIndex = bucket;
        itemsCents += centsOf(openAmount);
      },
    );
    const byCustomer = new Map<string, CustomerRollup>();
    for (const c of rolledCustomers) byCustomer.set(c.customerKey, c);
    // The customer table the triage reads: one row per customer, its fields in fixed columns.
    const copied = TRIAGE_FIELDS.filter(
      (f) => !ITEM_LEVEL.has(f) && m[f] !== undefined && !(m.paidDate !== undefined && (f === "overdueCount" || f === "largestOverdue")),
    );
    const derivedHistory = m.paidDate !== undefined;
    const mapping: Partial<Record<TriageField, number>> = { customer: 0, balance: 1, dueDate: 2 };
    if (derivedHistory) {
      mapping.overdueCount = 3;
      mapping.largestOverdue = 4;
    }
    copied.forEach((f, i) => (mapping[f] = 5 + i));
    const customerRows: unknown[][] = [];
    const rowNumbers: number[] = [];
    const rowProblems = new Map<number, Reason>();
    const customerItems: CustomerItems[] = [];
    // The paid dates as payments for the collection log's promises and plans (only with a log: nothing else reads them).
    const withLog = this.options.collectionLog !== undefined && this.options.collectionLog !== null;
    const ledgerPayments: LedgerPayment[] = [];
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const firstItem = items[group[0]];
      if (withLog) ledgerPayments.push(...paymentsOf(group, items, columns, firstItem.customer));
      const summary = byCustomer.get(columns.key[group[0]]);
      const unread = group.filter((k) => items[k].notes.length > 0);
      const history = derivedHistory
        ? overdueHistory(
            group
              .filter((k) => items[k].notes.length === 0 && items[k].documentKind === "invoice" && items[k].dueDate !== null)
              .map((k) => ({
                dueDate: items[k].dueDate as number,
                paidDate: items[k].paidDate,
                amount: Math.abs(items[k].amount ?? orNull(columns.exportedOpen[k]) ?? 0),
              })),
            this.asOf,
            this.policy.overdueGraceDays,
          )
        : null;
      const row: unknown[] = new Array<unknown>(5 + copied.length).fill("");
      row[0] = firstItem.customer;
      // A credit balance is not a debt: the triage gets 0 (nothing owed) and the problem says why.
      row[1] = summary === undefined ? 0 : Math.max(0, summary.balance);
      row[2] = summary?.oldestDueDate ?? "";
      if (history !== null) {
        row[3] = history.overdueEvents;
        row[4] = history.largestOverdue;
      }
      // The customer's own columns (cash flow, signals, ...): the first filled cell among its items;
      // a different value further down is a problem (which one is right cannot be told).
      const conflicts: string[] = [];
      copied.forEach((f, i) => {
        const c = m[f] as number;
        let value: unknown = "";
        let from = -1;
        for (const k of group) {
          const index = columns.row[k];
          const cell = this.rows[index][c];
          if (isBlank(cell)) continue;
          if (from < 0) {
            value = cell;
            from = index;
            continue;
          }
          if (!sameCell(cell, value)) conflicts.push(`${FIELD_LABELS[f].en} (rows ${this.first + from} and ${this.first + index})`);
        }
        row[5 + i] = typeof value === "number" && DATE_FIELDS.has(f) ? value + this.dateOffset : value;
      });
      if (unread.length > 0) {
        const where =
          unread
            .slice(0, 5)
            .map((k) => items[k].sourceRow)
            .join(", ") + (unread.length > 5 ? ", ..." : "");
        rowProblems.set(g, {
          code: "items-unread",
          en: `${unread.length} of its ${group.length} items could not be read (row ${where}): the balance is incomplete`,
          zh: `其 ${group.length} 条明细中有 ${unread.length} 条无法读取（第 ${where} 行）：余额不完整`,
        });
      } else if (conflicts.length > 0) {
        rowProblems.set(g, {
          code: "items-disagree",
          en: `its items disagree on ${conflicts.join("; ")}`,
          zh: `其明细在以下字段上不一致：${conflicts.join("；")}`,
        });
      } else if (summary !== undefined && summary.balance < 0) {
        rowProblems.set(g, {
          code: "credit-balance",
          en: `credit balance ${formatAmount(summary.balance)}: credits and payments exceed the invoices, nothing to collect (refund or apply them)`,
          zh: `贷方余额 ${formatAmount(summary.balance)}：贷项和收款超过发票，无需催收（请退款或核销）`,
        });
      }
      customerRows.push(row);
      rowNumbers.push(firstItem.sourceRow);
      customerItems.push({
        rows: group.map((k) => items[k].sourceRow),
        balance: summary?.balance ?? 0,
        openItems: summary?.openItems ?? 0,
        overdueItems: summary?.overdueItems ?? 0,
        bucketAmounts: summary?.buckets ?? bucketLabels(this.policy.agingEdges).map(() => 0),
        undatedAmount: summary?.undatedAmount ?? 0,
        history,
      });
    }
    const output = triagePortfolio(customerRows, mapping, {
      asOf: this.asOf,
      policy: this.policy,
      firstRowNumber: this.first,
      rowNumbers,
      dateSystem: "1900", // the customer rows hold 1900 serials (item dates were moved onto the 1900 count)
      rowProblems,
      // The collection log, per customer as rolled up (its facts in the customer table).
      ...(this.options.collectionLog === undefined ? {} : { collectionLog: this.options.collectionLog }),
      ...(ledgerPayments.length === 0 ? {} : { ledgerPayments }),
    });
    // Every source row, accounted for.
    const itemRows: ItemRow[] = new Array<ItemRow>(last + 1);
    for (let k = 0; k < items.length; k++) itemRows[columns.row[k]] = items[k];
    for (let i = 0; i <= last; i++) {
      if (itemRows[i] !== undefined) continue;
      const note = skipped.get(i);
      itemRows[i] = {
        sourceRow: this.first + i,
        kind: kinds[i],
        fate: kinds[i] === "blank" ? "blank" : "skipped",
        customer: "",
        customerIndex: -1,
        document: "",
        documentKind: null,
        amount: null,
        open: null,
        dueDate: null,
        paidDate: null,
        daysPastDue: null,
        bucketIndex: null,
        notes: note === undefined ? NO_PROBLEMS : [note],
      };
    }
    // The customers' balances as rolled up (a credit balance included, which the triage itself refuses).
    let customersCents = 0;
    for (const c of rolledCustomers) customersCents += centsOf(c.balance);
    const unreadRows = items.filter((item) => item.fate === "problem").length;
    const exportTotal =
      grand === null || grand.amount === null ? null : { amount: grand.amount as number, sourceRow: this.first + grand.row };
    const agrees =
      itemsCents === customersCents &&
      unreadRows === 0 &&
      subtotalMismatches.length === 0 &&
      (exportTotal === null || exportItemsTotal === null || centsOf(exportTotal.amount) === centsOf(exportItemsTotal));
    return {
      shape: "items",
      output,
      items: itemRows,
      customerItems,
      reconciliation: {
        itemsTotal: itemsCents / 100,
        customersTotal: customersCents / 100,
        exportTotal,
        exportItemsTotal,
        subtotalMismatches,
        unreadRows,
        agrees,
      },
      dateOrder: { order: this.order, source: this.orderSource, evidence: this.orderEvidence },
    };
  }
}

const BLANK_ROW: RowKind = { kind: "blank" };

/**
 * The payments a customer's items show (docs/collection-log.md, "Payments from the ledger"): each invoice read
 * without a problem that has a paid date, for its paid amount when the export gives one above 0 (what was
 * received), else its amount. Payment and credit-note rows are not counted: they clear invoices whose paid
 * dates already say so, and a credit is no money received.
 * @param customer the customer's name as its record has it (all its items are one customer)
 */
function paymentsOf(group: readonly number[], items: readonly Draft[], columns: ItemColumns, customer: string): LedgerPayment[] {
  const payments: LedgerPayment[] = [];
  for (const k of group) {
    const item = items[k];
    if (item.notes.length > 0 || item.documentKind !== "invoice" || item.paidDate === null) continue;
    const paid = orNull(columns.paidAmount[k]);
    const amount = paid !== null && paid > 0 ? paid : Math.abs(item.amount ?? 0);
    if (amount > 0) payments.push({ customer, date: item.paidDate, amount, sourceRow: item.sourceRow });
  }
  return payments;
}

/**
 * A string that holds its own characters: a text cut from a large one (a CSV file's whole text) refers to
 * it, and keeps it in memory while the cut is kept; one copied character by character does not.
 */
function ownCopy(text: string): string {
  if (text.length < 13) return text; // shorter cuts are copies already (V8)
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  let out = "";
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

/** Two cells that say the same (text compared trimmed, case-blind). */
function sameCell(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.trim().toLowerCase() === b.trim().toLowerCase();
  return a === b;
}

function shapeText(text: string): string {
  return show(text);
}
