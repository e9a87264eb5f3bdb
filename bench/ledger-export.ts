/**
 * A generated ERP open-item export for `npm run bench:triage`: a title block, a header, one row per
 * invoice, credit memo or payment of about 100,000 customers (with the paid date of the invoices settled),
 * a "Total for <customer>" row under part of the customers and a grand total, amounts written as the
 * export writes them ("1,234.50", "-500.00", "(120.00)"), invoice dates like 2025/7/31 and due and paid
 * dates like 7/31/2025. Deterministic (a seeded generator): the same rows on every run.
 */
import { createWriteStream } from "node:fs";
import ExcelJS from "exceljs";
import { civilFromSerial } from "../src/core/index.js";

/** What the export holds, for the bench's checks. */
export interface LedgerExport {
  /** Item rows (invoices, credits, payments). */
  readonly items: number;
  readonly customers: number;
  /** "Total for" rows. */
  readonly subtotals: number;
  /** Rows of the file (title block, header, items, subtotals, total). */
  readonly rows: number;
  /** The open balance all items add up to, in cents. */
  readonly openCents: number;
}

const TITLE = ["Pacific Crest Supply Co.", "A/R Open Items with Payment History", "As of July 31, 2025"];
const HEADER = [
  "Customer No",
  "Customer",
  "Transaction Type",
  "Num",
  "Date",
  "Due Date",
  "Amount",
  "Date Paid",
  "Open Balance",
  "Sales Rep",
];
const WORDS = ["Golden", "Bay", "Meridian", "Summit", "Orion", "Northwind", "Apex", "Blue River", "Silverline", "Harbor", "Pinecrest"];
const TRADES = ["Logistics", "Tools", "Foods", "Components", "Textiles", "Dental Supply", "Retail", "Electric", "Marine", "Bakery"];
const FORMS = ["Ltd", "Inc.", "Co.", "LLC", "GmbH", "有限公司"];
const REPS = ["J. Smith", "L. Chen", "M. Garcia", "张伟", "李娜"];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const ymd = (serial: number) => {
  const { year, month, day } = civilFromSerial(serial);
  return `${year}/${month}/${day}`;
};
const mdy = (serial: number) => {
  const { year, month, day } = civilFromSerial(serial);
  return `${month}/${day}/${year}`;
};

/** Cents as an export writes them: grouped, two decimals, a minus or parentheses for negatives. */
function money(cents: number, parentheses = false): string {
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `${whole}.${String(abs % 100).padStart(2, "0")}`;
  return cents >= 0 ? text : parentheses ? `(${text})` : `-${text}`;
}

/** A file row: text cells (CSV) or typed cells (XLSX: numbers and date serials where a workbook has them). */
type Cell = string | number | null;

/**
 * The export's rows, one at a time.
 * @param items item rows to make (about 10 per customer)
 * @param typed true for an XLSX export: amounts as numbers, dates as serials
 */
function* exportRows(
  items: number,
  typed: boolean,
  summary: { customers: number; subtotals: number; openCents: number },
): Generator<Cell[]> {
  const rnd = lcg(11);
  const asOf = 45869; // 2025-07-31
  for (const t of TITLE) yield [t];
  yield [];
  yield HEADER;
  let made = 0;
  let doc = 100000;
  let totalAmount = 0;
  let totalOpen = 0;
  for (let c = 0; made < items; c++) {
    const id = `C${String(c + 1).padStart(6, "0")}`;
    const name = `${WORDS[c % WORDS.length]} ${TRADES[Math.floor(c / WORDS.length) % TRADES.length]} ${c + 1} ${FORMS[c % FORMS.length]}`;
    const rep = REPS[c % REPS.length];
    const n = Math.min(items - made, 1 + Math.floor(rnd() * 19));
    const lateHabit = rnd(); // some customers pay late, some on time
    let amountCents = 0;
    let openCents = 0;
    for (let k = 0; k < n; k++) {
      const r = rnd();
      const type = r < 0.85 ? "Invoice" : r < 0.92 ? "Credit Memo" : "Payment";
      const invoiceDate = asOf - 20 - Math.floor(rnd() * 500);
      const terms = [15, 30, 30, 45, 60][Math.floor(rnd() * 5)];
      const due = type === "Invoice" ? invoiceDate + terms : invoiceDate;
      let cents = Math.round(Math.exp(4 + rnd() * 8) * 100);
      let paid: number | null = null;
      if (type === "Invoice") {
        // Older invoices are mostly paid; a late payer pays after the due date.
        if (rnd() < (asOf - due > 60 ? 0.8 : 0.35)) paid = Math.max(invoiceDate, due + Math.floor((rnd() - 0.6) * 30 + lateHabit * 60));
      } else cents = -Math.min(cents, 500000);
      if (paid !== null && paid > asOf) paid = null;
      const open = paid === null ? cents : 0;
      amountCents += cents;
      openCents += open;
      const parentheses = type === "Credit Memo" && rnd() < 0.5;
      yield typed
        ? [id, name, type, String(doc++), invoiceDate, due, cents / 100, paid, open / 100, rep]
        : [
            id,
            name,
            type,
            String(doc++),
            ymd(invoiceDate),
            mdy(due),
            money(cents, parentheses),
            paid === null ? "" : mdy(paid),
            money(open, parentheses),
            rep,
          ];
      made++;
    }
    summary.customers++;
    totalAmount += amountCents;
    totalOpen += openCents;
    if (rnd() < 0.3) {
      summary.subtotals++;
      yield typed
        ? [`Total for ${name}`, null, null, null, null, null, amountCents / 100, null, openCents / 100, null]
        : [`Total for ${name}`, "", "", "", "", "", money(amountCents), "", money(openCents), ""];
    }
  }
  summary.openCents = totalOpen;
  yield typed
    ? ["TOTAL", null, null, null, null, null, totalAmount / 100, null, totalOpen / 100, null]
    : ["TOTAL", "", "", "", "", "", money(totalAmount), "", money(totalOpen), ""];
}

function csvField(cell: Cell): string {
  const text = cell === null ? "" : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes the export to `path` (.csv: UTF-8 text as exported; .xlsx: typed cells, dates formatted).
 * @param items item rows (1,000,000 for the bench)
 */
export async function writeLedgerExport(path: string, items: number): Promise<LedgerExport> {
  const summary = { customers: 0, subtotals: 0, openCents: 0 };
  let rows = 0;
  if (path.endsWith(".csv")) {
    const out = createWriteStream(path);
    let buffer: string[] = [];
    const flush = async () => {
      if (!out.write(buffer.join(""))) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      buffer = [];
    };
    for (const row of exportRows(items, false, summary)) {
      const cells = row.length === 0 ? [""] : row;
      buffer.push(cells.map(csvField).join(",") + "\r\n");
      rows++;
      if (buffer.length >= 10_000) await flush();
    }
    await flush();
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } else {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet("AR Open Items");
    let r = 0;
    for (const row of exportRows(items, true, summary)) {
      const sheetRow = sheet.getRow(++r);
      row.forEach((value, c) => {
        if (value === null || value === "") return;
        const cell = sheetRow.getCell(c + 1);
        cell.value = value;
        if ((c === 4 || c === 5 || c === 7) && typeof value === "number") cell.numFmt = "m/d/yyyy";
        else if ((c === 6 || c === 8) && typeof value === "number") cell.numFmt = "#,##0.00";
      });
      sheetRow.commit();
      rows++;
    }
    sheet.commit();
    await workbook.commit();
  }
  return { items, rows, ...summary };
}
