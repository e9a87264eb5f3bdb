/**
 * The result of an item list's triage as tables: the customer table (the triage's columns, with what each
 * customer's items add up to after its balance) and the item table (every source row, what became of it).
 * Also the reconciliation as lines a person reads. Pure, like the rest of src/result.
 */
import {
  bucketLabels,
  formatAmount,
  reasonText,
  type CustomerItems,
  type DecimalDecision,
  type ItemRow,
  type Language,
  type LedgerTriage,
  type Policy,
  type Reason,
  type Reconciliation,
} from "../core/index.js";
import { resultHead, resultRows, type ResultCell, type ResultHead, type ResultRows, type ResultTable, type RowLevel } from "./table.js";
import { recordCells, type TriageColumn } from "./columns.js";

/** The columns an item list adds to the customer table, after the balance. */
export function customerItemColumns(policy: Policy, history: boolean): TriageColumn[] {
  const en = bucketLabels(policy.agingEdges, "en");
  const zh = bucketLabels(policy.agingEdges, "zh");
  const columns: TriageColumn[] = [
    { key: "openItems", en: "open items", zh: "未清明细数" },
    { key: "overdueItems", en: "overdue items", zh: "逾期明细数" },
    ...en.map((label, i) => ({ key: `bucket-${i}`, en: `open ${label}`, zh: `未清 ${zh[i]}` })),
  ];
  if (history) {
    columns.push(
      { key: "historyEvents", en: "overdue events (12 months, from paid dates)", zh: "近12个月逾期次数（按核销日期）" },
      { key: "historyLargest", en: "largest overdue invoice (12 months)", zh: "近12个月最大逾期发票金额" },
      { key: "historyDaysLate", en: "average days late (amount-weighted)", zh: "平均逾期天数（按金额加权）" },
    );
  }
  columns.push({ key: "itemRows", en: "item rows", zh: "明细行号" });
  return columns;
}

function customerItemCells(items: CustomerItems, history: boolean): ResultCell[] {
  const cells: ResultCell[] = [items.openItems, items.overdueItems, ...items.bucketAmounts];
  if (history) {
    const h = items.history;
    cells.push(h?.overdueEvents ?? "", h?.largestOverdue ?? "", h?.averageDaysLate ?? "");
  }
  cells.push(rowList(items.rows));
  return cells;
}

/** Sheet rows as a short list: 12-15, 18, 20-21. */
export function rowList(rows: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    parts.push(j === i ? String(rows[i]) : `${rows[i]}-${rows[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

/**
 * The customer table of a ledger triage: the triage's result table, with (for an item list) the columns of
 * customerItemColumns inserted after the balance.
 */
export function ledgerCustomerTable(ledger: LedgerTriage, language: Language): ResultTable {
  return { ...ledgerCustomerHead(ledger, language), ...ledgerCustomerRows(ledger, language) };
}

/** Where an item list's columns go in the customer table (after the balance) and which they are; null for a customer table. */
function customerItemLayout(ledger: LedgerTriage, head: ResultHead): { at: number; extra: TriageColumn[]; history: boolean } | null {
  const items = ledger.customerItems;
  if (items === null) return null;
  const history = items.some((c) => c.history !== null);
  return { at: head.columnKeys.indexOf("balance") + 1, extra: customerItemColumns(ledger.output.policy, history), history };
}

/** The customer table's header row (ledgerCustomerTable's, without its rows). */
export function ledgerCustomerHead(ledger: LedgerTriage, language: Language): ResultHead {
  const head = resultHead(ledger.output.policy, language, ledger.output.collection !== undefined);
  const layout = customerItemLayout(ledger, head);
  if (layout === null) return head;
  const headers = [...head.headers];
  const keys = [...head.columnKeys];
  headers.splice(layout.at, 0, ...layout.extra.map((c) => c[language]));
  keys.splice(layout.at, 0, ...layout.extra.map((c) => c.key));
  return { headers, columnKeys: keys };
}

/**
 * The customer table's rows [from, to) and their levels (ledgerCustomerTable's rows, a slice at a time:
 * the pane's worker posts them in chunks).
 */
export function ledgerCustomerRows(ledger: LedgerTriage, language: Language, from = 0, to = ledger.output.records.length): ResultRows {
  const { records, policy } = ledger.output;
  const part = resultRows(records, language, policy, from, to);
  const layout = customerItemLayout(ledger, resultHead(policy, language, ledger.output.collection !== undefined));
  const items = ledger.customerItems;
  if (layout === null || items === null) return part;
  const rows = part.rows.map((row, r) => {
    const out = [...row];
    out.splice(layout.at, 0, ...customerItemCells(items[from + r], layout.history));
    return out;
  });
  return { rows, levels: part.levels };
}

/** The item table's columns. */
export const ITEM_COLUMNS: readonly TriageColumn[] = [
  { key: "sourceRow", en: "source row", zh: "源行号" },
  { key: "customer", en: "customer", zh: "客户" },
  { key: "document", en: "document", zh: "单据编号" },
  { key: "documentKind", en: "document kind", zh: "单据类别" },
  { key: "amount", en: "amount", zh: "金额" },
  { key: "open", en: "open at as-of date", zh: "截至日未清金额" },
  { key: "dueDate", en: "due date", zh: "到期日" },
  { key: "paidDate", en: "paid date", zh: "核销日期" },
  { key: "daysPastDue", en: "days past due", zh: "逾期天数" },
  { key: "bucket", en: "aging bucket", zh: "账龄段" },
  { key: "fate", en: "what became of it", zh: "处理结果" },
  { key: "notes", en: "problems / notes", zh: "问题/说明" },
];

const FATES: Readonly<Record<ItemRow["fate"], Readonly<Record<Language, string>>>> = {
  "rolled-up": { en: "rolled up into its customer", zh: "已汇总到客户" },
  "history": { en: "paid by the as-of date: history only", zh: "截至日前已核销：仅计入付款历史" },
  "skipped": { en: "skipped", zh: "跳过" },
  "problem": { en: "problem: not rolled up", zh: "有问题：未汇总" },
  "blank": { en: "blank row", zh: "空行" },
};

const KINDS: Readonly<Record<"invoice" | "credit" | "payment", Readonly<Record<Language, string>>>> = {
  invoice: { en: "invoice", zh: "发票" },
  credit: { en: "credit note", zh: "贷项" },
  payment: { en: "payment", zh: "收款" },
};

/** The item table: one row per source row under the header, in order; levels null (items are not coloured by level). */
export function ledgerItemTable(ledger: LedgerTriage, language: Language): ResultTable | null {
  if (ledger.items === null) return null;
  const rows = ledgerItemRows(ledger, language);
  const levels: RowLevel[] = rows.map(() => null);
  return { ...ledgerItemHead(language), rows, levels };
}

/** The item table's header row. */
export function ledgerItemHead(language: Language): ResultHead {
  return { headers: ITEM_COLUMNS.map((c) => c[language]), columnKeys: ITEM_COLUMNS.map((c) => c.key) };
}

/** The item table's rows [from, to) (ledgerItemTable's rows, a slice at a time); none for a customer table. */
export function ledgerItemRows(ledger: LedgerTriage, language: Language, from = 0, to = ledger.items?.length ?? 0): ResultCell[][] {
  const source = ledgerItemSource(ledger, language);
  if (source === null) return [];
  const rows: ResultCell[][] = new Array<ResultCell[]>(Math.max(0, to - from));
  for (let i = from; i < to; i++) rows[i - from] = source.row(i);
  return rows;
}

/** A table whose rows are made one at a time (row(i), i from 0 to length - 1): a million rows never held as cells. */
export interface ResultRowSource extends ResultHead {
  readonly length: number;
  /** The number of cells of every row. */
  readonly width: number;
  row(index: number): ResultCell[];
}

/**
 * The item table as a row source: one row per source row under the header, in order, each row's cells
 * made when it is asked for (the command line writes a million rows without holding them); null for a
 * customer table.
 */
export function ledgerItemSource(ledger: LedgerTriage, language: Language): ResultRowSource | null {
  const items = ledger.items;
  if (items === null) return null;
  const labels = bucketLabels(ledger.output.policy.agingEdges, language);
  const fates = Object.fromEntries(Object.entries(FATES).map(([k, v]) => [k, v[language]])) as Record<ItemRow["fate"], string>;
  const kinds = { invoice: KINDS.invoice[language], credit: KINDS.credit[language], payment: KINDS.payment[language] };
  return {
    ...ledgerItemHead(language),
    length: items.length,
    width: ITEM_COLUMNS.length,
    row(index: number): ResultCell[] {
      const item = items[index];
      return [
        item.sourceRow,
        item.customer,
        item.document,
        item.documentKind === null ? "" : kinds[item.documentKind],
        item.amount ?? "",
        item.open ?? "",
        item.dueDate ?? "",
        item.paidDate ?? "",
        item.daysPastDue ?? "",
        item.bucketIndex === null ? "" : labels[item.bucketIndex],
        fates[item.fate],
        item.notes.length === 0 ? "" : reasonText(item.notes, language),
      ];
    },
  };
}

/**
 * The customer table as a row source (ledgerCustomerTable's rows, each made when it is asked for: the
 * command line writes a million customers without holding their cells).
 */
export function ledgerCustomerSource(ledger: LedgerTriage, language: Language): ResultRowSource {
  const { records, policy } = ledger.output;
  const head = ledgerCustomerHead(ledger, language);
  const layout = customerItemLayout(ledger, resultHead(policy, language, ledger.output.collection !== undefined));
  const items = ledger.customerItems;
  const width = head.headers.length;
  if (layout === null || items === null) {
    return { ...head, length: records.length, width, row: (i) => recordCells(records[i], language, policy) };
  }
  return {
    ...head,
    length: records.length,
    width,
    row(i: number): ResultCell[] {
      const cells = recordCells(records[i], language, policy);
      cells.splice(layout.at, 0, ...customerItemCells(items[i], layout.history));
      return cells;
    },
  };
}

/** The item table's columns holding dates (Excel serials, 1900 count) and amounts, by key. */
export const ITEM_DATE_KEYS: readonly string[] = ["dueDate", "paidDate"];
export const ITEM_AMOUNT_KEYS: readonly string[] = ["amount", "open"];

/** What an item list came to: its rows, by what became of them. */
export interface ItemCounts {
  /** Source rows under the header (up to the last non-blank one). */
  readonly rows: number;
  /** Rows read as items. */
  readonly items: number;
  readonly rolledUp: number;
  /** Paid by the as-of date: in the payment history only. */
  readonly history: number;
  readonly problem: number;
  /** Heading, subtotal and total rows. */
  readonly skipped: number;
  readonly blank: number;
  /** Customers the items were rolled up into. */
  readonly customers: number;
}

/** The item list's counts (ItemCounts); null for a customer table. */
export function itemCounts(ledger: LedgerTriage): ItemCounts | null {
  const items = ledger.items;
  if (items === null) return null;
  const counts = { rows: items.length, items: 0, rolledUp: 0, history: 0, problem: 0, skipped: 0, blank: 0 };
  for (const item of items) {
    if (item.kind === "data") counts.items++;
    if (item.fate === "rolled-up") counts.rolledUp++;
    else if (item.fate === "history") counts.history++;
    else if (item.fate === "problem") counts.problem++;
    else if (item.fate === "skipped") counts.skipped++;
    else counts.blank++;
  }
  return { ...counts, customers: ledger.output.records.length };
}

/** How the face names its day/month setting, for the lines that say how dates were read (itemLines). */
export interface DateOrderWords {
  /** How an order the user gave is credited: "as told by --date-order". */
  readonly told: Readonly<Record<Language, string>>;
  /** Where the user chooses it: "--date-order mdy|dmy". */
  readonly choose: Readonly<Record<Language, string>>;
}

/**
 * What an item list came to, as lines a person reads: its rows by fate, the day/month order its dates
 * were read in and why, or (when it could not be decided and dates were left unread) the question.
 * Empty for a customer table.
 */
export function itemLines(ledger: LedgerTriage, language: Language, words: DateOrderWords): string[] {
  const c = itemCounts(ledger);
  if (c === null) return [];
  const zh = language === "zh";
  const lines = [
    zh
      ? `明细表：${c.rows} 行 = ${c.items} 条明细（${c.rolledUp} 条汇总到 ${c.customers} 个客户，${c.history} 条截至日前已核销，${c.problem} 条有问题）+ ${c.skipped} 行标题/小计/合计 + ${c.blank} 行空行`
      : `item list: ${c.rows} rows = ${c.items} items (${c.rolledUp} rolled up into ${c.customers} customers, ${c.history} paid by the as-of date, ${c.problem} with problems) + ${c.skipped} heading/subtotal/total rows + ${c.blank} blank`,
  ];
  const order = ledger.dateOrder;
  if (order !== null && order.order !== null) {
    const how =
      order.order === "mdy"
        ? zh
          ? "月在前（7/31/2025）"
          : "month first (7/31/2025)"
        : zh
          ? "日在前（31/7/2025）"
          : "day first (31/7/2025)";
    const why =
      order.source === "told"
        ? words.told[language]
        : zh
          ? `依据 ${order.evidence.map((e) => JSON.stringify(e)).join("、")} 等日期判断`
          : `decided from dates such as ${order.evidence.map((e) => JSON.stringify(e)).join(", ")}`;
    lines.push(zh ? `日期：${how}，${why}` : `dates: ${how}, ${why}`);
  } else if (order !== null) {
    // Undecided: the rows whose dates read two ways carry the core's question as their problem.
    const unread = (ledger.items ?? []).filter((item) => item.notes.some(isOrderQuestion));
    if (unread.length > 0) {
      const first = unread[0];
      const note = first.notes.find(isOrderQuestion) as Reason;
      lines.push(
        zh
          ? `日期：无法判断日/月顺序，${unread.length} 行明细的日期有两种读法，未汇总（如第 ${first.sourceRow} 行，${note.zh}）；请选择${words.choose.zh}后重新运行`
          : `dates: the day/month order could not be decided, ${unread.length} item row${unread.length === 1 ? " has a date" : "s have dates"} that read two ways and ${unread.length === 1 ? "was" : "were"} not rolled up (such as row ${first.sourceRow}, ${note.en}); choose ${words.choose.en} and run again`,
      );
    }
  }
  return lines;
}

/** A problem of a date cell that reads two ways (readLedgerDate's question). */
function isOrderQuestion(reason: Reason): boolean {
  return reason.code.startsWith("invalid:") && reason.en.includes("choose the day/month order");
}

/**
 * Which decimal mark amounts written as text were read with, and why, as a line; null when no amount
 * depended on it (every amount reads one way, and nothing was told).
 * @param told how the face credits a mark the user gave ("as told by --decimal")
 */
export function decimalLine(decision: DecimalDecision, language: Language, told: Readonly<Record<Language, string>>): string | null {
  if (decision.source === "default" && decision.ambiguous === 0) return null;
  const zh = language === "zh";
  const mark =
    decision.mark === ","
      ? zh
        ? "小数逗号（1.500,50）"
        : "decimal comma (1.500,50)"
      : zh
        ? "小数点（1,500.50）"
        : "decimal point (1,500.50)";
  const why =
    decision.source === "user"
      ? told[language]
      : decision.source === "amounts"
        ? zh
          ? `依据 ${decision.examples.map((e) => JSON.stringify(e)).join("、")} 等金额判断`
          : `decided from amounts such as ${decision.examples.map((e) => JSON.stringify(e)).join(", ")}`
        : zh
          ? "逗号分隔的文件中带引号的 1,500 为一千五百"
          : "in a comma-separated file a quoted 1,500 is one thousand five hundred";
  return zh ? `金额：${mark}，${why}` : `amounts: ${mark}, ${why}`;
}

/**
 * The reconciliation in lines a person reads: items to customers to the export's own total, and plainly
 * where they differ.
 */
export function reconciliationLines(rec: Reconciliation, language: Language): string[] {
  const zh = language === "zh";
  const a = formatAmount;
  const lines: string[] = [];
  lines.push(
    zh
      ? `对账：明细未清合计 ${a(rec.itemsTotal)} = 客户余额合计 ${a(rec.customersTotal)}${rec.itemsTotal === rec.customersTotal ? "" : "（不相等！）"}`
      : `reconciliation: open items ${a(rec.itemsTotal)} = customer balances ${a(rec.customersTotal)}${rec.itemsTotal === rec.customersTotal ? "" : " (they differ!)"}`,
  );
  if (rec.exportTotal !== null && rec.exportItemsTotal !== null) {
    const diff = Math.round((rec.exportTotal.amount - rec.exportItemsTotal) * 100) / 100;
    lines.push(
      diff === 0
        ? zh
          ? `导出文件的合计（第 ${rec.exportTotal.sourceRow} 行）${a(rec.exportTotal.amount)} 与其明细之和一致`
          : `the export's own total (row ${rec.exportTotal.sourceRow}) ${a(rec.exportTotal.amount)} equals the sum of its items`
        : zh
          ? `导出文件的合计（第 ${rec.exportTotal.sourceRow} 行）${a(rec.exportTotal.amount)} 与其明细之和 ${a(rec.exportItemsTotal)} 相差 ${a(diff)}：请核对导出文件`
          : `the export's own total (row ${rec.exportTotal.sourceRow}) ${a(rec.exportTotal.amount)} differs from the sum of its items ${a(rec.exportItemsTotal)} by ${a(diff)}: check the export`,
    );
  } else if (rec.exportTotal === null) {
    lines.push(zh ? "导出文件没有合计行：无法与其合计核对" : "the export has no total row to check against");
  }
  for (const s of rec.subtotalMismatches) {
    lines.push(
      zh
        ? `第 ${s.sourceRow} 行小计 ${a(s.stated)} 不等于其上方明细之和 ${a(s.items)}`
        : `subtotal at row ${s.sourceRow} ${a(s.stated)} is not the sum of the items above it, ${a(s.items)}`,
    );
  }
  if (rec.unreadRows > 0) {
    lines.push(
      zh
        ? `${rec.unreadRows} 行明细无法读取，其金额不在以上合计中（见明细表）`
        : `${rec.unreadRows} item row${rec.unreadRows === 1 ? "" : "s"} could not be read and ${rec.unreadRows === 1 ? "is" : "are"} not in these totals (see the item table)`,
    );
  }
  return lines;
}
