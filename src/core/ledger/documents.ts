/**
 * Document types of an open-item (or history) export: which rows are invoices, which credit notes, which
 * payments. ERPs write the type as a word (QuickBooks `Invoice`, `Credit Memo`, `Payment`), as a code (SAP
 * `RV`, `DR`, `DG`, `DZ`) or in Chinese (Kingdee, Yonyou: `销售发票`, `应收单`, `收款单`, `红字发票`).
 *
 * General documents say nothing by their type: SAP `AB` (accounting document, used for clearing, residual
 * items and transfers) and `DA` (customer document), a QuickBooks `Journal Entry`, a Kingdee `核销` (clearing)
 * or `调整` (adjustment). Their kind follows the sign of their amount, when the caller has it: a debit to the
 * customer (> 0) is a charge like an invoice, a credit (< 0) reduces the balance like a credit note *(decision)*.
 */

/** What a document does to a customer's balance: an invoice raises it, a credit note or a payment lowers it. */
export type DocumentKind = "invoice" | "credit" | "payment";

/** "general": a document whose type does not tell (its amount's sign decides). */
type Entry = DocumentKind | "general";

/**
 * The words, normalised (see normaliseType): lower case, full-width folded, spaces and punctuation removed,
 * so that `Credit Memo`, `credit-memo` and `CREDIT MEMO` are one key.
 */
const TYPES: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  // invoices: QuickBooks, Xero, NetSuite, SAP (RV billing document from SD, DR customer invoice), Chinese ERPs
  ...(
    [
      "invoice",
      "inv",
      "salesinvoice",
      "taxinvoice",
      "arinvoice",
      "customerinvoice",
      "debitmemo",
      "debitnote",
      "rv",
      "dr",
      "销售发票",
      "发票",
      "应收单",
      "其他应收单",
      "应收",
      "增值税专用发票",
      "增值税普通发票",
      "专用发票",
      "普通发票",
      "蓝字发票",
      "销售单",
    ] as const
  ).map((w) => [w, "invoice"] as const),
  // credit notes: SAP DG (customer credit memo); red-letter invoices and returns in Chinese ERPs
  ...(
    [
      "creditmemo",
      "creditnote",
      "credit",
      "cn",
      "cm",
      "dg",
      "customercreditmemo",
      "贷项",
      "贷项通知单",
      "红字发票",
      "红字应收单",
      "退货",
      "退货单",
      "销售退货",
      "销售退货单",
      "折让",
      "销售折让",
    ] as const
  ).map((w) => [w, "credit"] as const),
  // payments: SAP DZ (customer payment); receipts and advance receipts
  ...(
    [
      "payment",
      "paymententry",
      "pmt",
      "receipt",
      "cashreceipt",
      "customerpayment",
      "paymentonaccount",
      "unappliedpayment",
      "dz",
      "收款单",
      "收款",
      "回款",
      "预收款",
      "预收款单",
      "预收单",
      "预收",
    ] as const
  ).map((w) => [w, "payment"] as const),
  // general documents: the type does not tell
  ...(["ab", "da", "journalentry", "journal", "je", "generaljournal", "adjustment", "核销", "调整", "调整单", "转账"] as const).map(
    (w) => [w, "general"] as const,
  ),
]);

/** `DR - Customer invoice`, `RV: Billing doc.transfer`: an SAP code followed by its description. */
const CODE_AND_TEXT = /^\s*([A-Za-z]{2})\s*[-–—:：]\s*\S/;

/** A type as a key of TYPES: NFKC (full-width letters and punctuation folded), lower case, letters, digits and CJK only. */
function normaliseType(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Chinese ERPs compose their type names (红字销售发票, 销售专用发票, 其他应收单, 预收款单): by the words
 * they contain, a reversal first (a red-letter invoice is a credit, whatever else it says).
 */
const CHINESE_PARTS: readonly (readonly [RegExp, DocumentKind])[] = [
  [/红字|红冲|冲销|退货|折让|贷项/, "credit"],
  [/收款|预收|回款/, "payment"],
  [/发票|应收单|销售单|销货单/, "invoice"],
];

function lookUp(text: string): Entry | null {
  const key = normaliseType(text);
  const direct = TYPES.get(key);
  if (direct !== undefined) return direct;
  if (/[\u4e00-\u9fff]/.test(key)) for (const [words, kind] of CHINESE_PARTS) if (words.test(key)) return kind;
  const code = CODE_AND_TEXT.exec(text);
  if (code) {
    const byCode = TYPES.get(code[1].toLowerCase());
    if (byCode !== undefined) return byCode;
    return TYPES.get(normaliseType(text.slice(code[0].length - 1))) ?? null;
  }
  return null;
}

/**
 * The kind of a document from the text of its type column.
 *
 * @param text the cell of the document type column (`Invoice`, `INV`, `Credit Memo`, `CN`, `Payment`, `Receipt`,
 *   SAP `RV`/`DR` invoice, `DG` credit memo, `DZ` payment, `DR - Customer invoice`; Chinese `销售发票`, `发票`, `应收单`,
 *   `其他应收单`, `贷项`, `红字发票`, `退货`, `收款单`, `预收款`, ...). Case, spaces, punctuation and full-width forms
 *   do not matter.
 * @param amount the document's amount, signed as the export writes it, for a general document (SAP `AB`, `DA`,
 *   `Journal Entry`, `核销`, `调整`): > 0 is an invoice (a charge), < 0 a credit; 0, null or omitted: null.
 * @returns the kind, or null when the type is unknown (or general without a signed amount): the caller reports the row.
 * @example documentKind("Credit Memo") === "credit"; documentKind("DZ") === "payment"; documentKind("AB", -50) === "credit"
 */
export function documentKind(text: unknown, amount?: number | null): DocumentKind | null {
  if (typeof text !== "string") return null;
  const entry = lookUp(text);
  if (entry !== "general") return entry;
  if (typeof amount !== "number" || !Number.isFinite(amount) || amount === 0) return null;
  return amount > 0 ? "invoice" : "credit";
}

/** Whether a document type is a general one (SAP `AB`, `DA`, `Journal Entry`, `核销`, ...), whose kind its amount's sign decides. */
export function isGeneralDocument(text: unknown): boolean {
  return typeof text === "string" && lookUp(text) === "general";
}

/**
 * An amount with the sign the roll-up expects: invoices as exported (a negative invoice is a reversal), credit
 * notes and payments negative. Many exports write credit notes and receipts as positive amounts in their own
 * rows; a negative one is kept (it already lowers the balance).
 */
export function signedAmount(kind: DocumentKind, amount: number): number {
  if (kind === "invoice" || amount <= 0) return amount;
  return -amount;
}
