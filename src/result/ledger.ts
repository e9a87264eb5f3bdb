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
  type ItemRow,
  type Language,
  type LedgerTriage,
  type Policy,
  type Reconciliation,
} from "../core/index.js";
import { resultHead, type ResultCell, type ResultHead, type ResultTable, type RowLevel } from "./table.js";
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
  const source = ledgerCustomerRows(ledger, language);
  const rows: ResultCell[][] = new Array<ResultCell[]>(source.length);
  for (let i = 0; i < source.length; i++) rows[i] = source.row(i);
  return { headers: source.headers, columnKeys: source.columnKeys, rows, levels: ledger.output.records.map((r) => r.level) };
}

/**
 * The customer table's rows (ledgerCustomerTable), made one at a time: one per record, each row's cells
 * built when it is written (a million customers are never held as cells).
 */
export function ledgerCustomerRows(ledger: LedgerTriage, language: Language): ResultRowSource {
  const { records, policy } = ledger.output;
  const head = resultHead(policy, language);
  const items = ledger.customerItems;
  if (items === null) {
    return { ...head, length: records.length, width: head.headers.length, row: (i) => recordCells(records[i], language, policy) };
  }
  const history = items.some((c) => c.history !== null);
  const extra = customerItemColumns(policy, history);
  const at = head.columnKeys.indexOf("balance") + 1;
  const headers = [...head.headers];
  const keys = [...head.columnKeys];
  headers.splice(at, 0, ...extra.map((c) => c[language]));
  keys.splice(at, 0, ...extra.map((c) => c.key));
  return {
    headers,
    columnKeys: keys,
    length: records.length,
    width: headers.length,
    row(i: number): ResultCell[] {
      const cells = recordCells(records[i], language, policy);
      cells.splice(at, 0, ...customerItemCells(items[i], history));
      return cells;
    },
  };
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

/** A table whose rows are made one at a time (row(i), i from 0 to length - 1): a million rows never held as cells. */
export interface ResultRowSource extends ResultHead {
  readonly length: number;
  /** The number of cells of every row. */
  readonly width: number;
  row(index: number): ResultCell[];
}

/**
 * The item table's rows, made one at a time from the ledger's items: one row per source row under the
 * header, in order (what ledgerItemTable holds, without holding it).
 */
export function ledgerItemRows(ledger: LedgerTriage, language: Language): ResultRowSource | null {
  const items = ledger.items;
  if (items === null) return null;
  const labels = bucketLabels(ledger.output.policy.agingEdges, language);
  const fates = Object.fromEntries(Object.entries(FATES).map(([k, v]) => [k, v[language]])) as Record<ItemRow["fate"], string>;
  const kinds = { invoice: KINDS.invoice[language], credit: KINDS.credit[language], payment: KINDS.payment[language] };
  return {
    headers: ITEM_COLUMNS.map((c) => c[language]),
    columnKeys: ITEM_COLUMNS.map((c) => c.key),
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

/** The item table: one row per source row under the header, in order; levels null (items are not coloured by level). */
export function ledgerItemTable(ledger: LedgerTriage, language: Language): ResultTable | null {
  const source = ledgerItemRows(ledger, language);
  if (source === null) return null;
  const rows: ResultCell[][] = new Array<ResultCell[]>(source.length);
  for (let i = 0; i < source.length; i++) rows[i] = source.row(i);
  const levels: RowLevel[] = rows.map(() => null);
  return { headers: source.headers, columnKeys: source.columnKeys, rows, levels };
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
