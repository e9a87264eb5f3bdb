// The export-shaped fixtures (test/cli/fixtures/exports) and their expectations stay in step: every export has
// its <name>.expected.json, written for exactly these bytes (sha256), whose rows account for every line of the
// file and whose item count is the number of data rows. The expectations themselves come from
// compute-expected.py (Python, independent of our TypeScript); a few are re-derived here by hand as a guard.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const exportsDir = join(here, "fixtures", "exports");
const samplesDir = resolve(here, "../../samples");

type RowKind = "title" | "header" | "data" | "subtotal" | "total" | "heading" | "blank";
type Bucket = "current" | "1-30" | "31-60" | "61-90" | "90+";
const BUCKETS: readonly Bucket[] = ["current", "1-30", "31-60", "61-90", "90+"];

interface Expected {
  file: string;
  sha256: string;
  encoding: "UTF-8" | "UTF-8 with BOM" | "GB18030";
  delimiter: "comma" | "tab";
  lineEnding: "CRLF" | "LF";
  asOfSerial: number;
  layout: {
    rowCount: number;
    headerRow: number;
    header: string[];
    titleRows: number[];
    blankRows: number[];
    headingRows: number[];
    subtotalRows: number[];
    totalRows: number[];
    dataRows: number;
  };
  itemCount: number;
  grandTotal: number | null;
  grandTotalRow: number | null;
  itemsOpenAsExported: number;
  reconciles: boolean;
  openAtAsOf: number;
  bucketTotals: Record<Bucket, number>;
  customers: {
    customer: string;
    items: number;
    openBalance: number;
    openItems: number;
    overdueItems: number;
    oldestDaysPastDue: number;
    buckets: Record<Bucket, number>;
    netCredit: boolean;
    overdueEvents12M?: number;
    largestOverdue?: number;
    averageDaysLate?: number | null;
    overdueEventDocuments?: string[];
  }[];
  items: { row: number; customer: string; document: string; dueSerial: number; openAtAsOf: number; daysPastDue: number | null }[];
  rows: { row: number; kind: RowKind; customer?: string }[];
}

const EXPORTS = [
  "kingdee-open-items.csv",
  "ar-history-en.csv",
  "sap-fbl5n.txt",
  "quickbooks-ar-aging-detail.csv",
  "erpnext-accounts-receivable.csv",
  "yonyou-aging.csv",
];

const sidecar = (file: string) => file.replace(/\.[^.]+$/, ".expected.json");
const expected = (file: string): Expected => JSON.parse(readFileSync(join(exportsDir, sidecar(file)), "utf8")) as Expected;
const cents = (amount: number) => Math.round(amount * 100);
const sumCents = (amounts: Iterable<number>) => [...amounts].reduce((total, amount) => total + cents(amount), 0);

/** The file's text, decoded as its expectation says it is encoded (the BOM checked and dropped). */
function decode(bytes: Buffer, encoding: Expected["encoding"]): string {
  if (encoding === "GB18030") return iconv.decode(bytes, "gb18030");
  const text = bytes.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(encoding === "UTF-8 with BOM");
  return text.replace(/^\uFEFF/, "");
}

describe("export fixtures and their expectations", () => {
  it("every export in the folder has an expectation, and every expectation its export", () => {
    const names = readdirSync(exportsDir);
    const data = names.filter((name) => /\.(csv|txt)$/.test(name));
    expect(data.sort()).toEqual([...EXPORTS].sort());
    expect(names.filter((name) => name.endsWith(".expected.json")).sort()).toEqual(EXPORTS.map(sidecar).sort());
  });

  it("the two samples are byte-for-byte the fixtures' copies", () => {
    for (const name of ["kingdee-open-items.csv", "ar-history-en.csv"]) {
      expect(readFileSync(join(samplesDir, name)).equals(readFileSync(join(exportsDir, name))), name).toBe(true);
    }
  });

  describe.each(EXPORTS)("%s", (file) => {
    const bytes = readFileSync(join(exportsDir, file));
    const want = expected(file);
    const text = decode(bytes, want.encoding);
    // No fixture quotes a line break inside a field, so a line is a row.
    const lines = text.split(/\r?\n/);
    if (lines.at(-1) === "") lines.pop();

    it("was computed from exactly these bytes (rerun compute-expected.py after changing the file)", () => {
      expect(want.file).toBe(file);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(want.sha256);
    });

    it("has the line ends, delimiter and header it says", () => {
      expect(text.includes("\r\n")).toBe(want.lineEnding === "CRLF");
      if (want.lineEnding === "CRLF") expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
      const delimiter = want.delimiter === "tab" ? "\t" : ",";
      expect(lines[want.layout.headerRow - 1].split(delimiter).join("|")).toBe(want.layout.header.join("|"));
    });

    it("accounts for every row once, and its item count is the number of data rows", () => {
      expect(want.layout.rowCount).toBe(lines.length);
      expect(want.rows.map((row) => row.row)).toEqual(lines.map((_, index) => index + 1));
      const rowsOf = (kind: RowKind) => want.rows.filter((row) => row.kind === kind).map((row) => row.row);
      expect(rowsOf("header")).toEqual([want.layout.headerRow]);
      expect(rowsOf("title")).toEqual(want.layout.titleRows);
      expect(rowsOf("blank")).toEqual(want.layout.blankRows);
      expect(rowsOf("heading")).toEqual(want.layout.headingRows);
      expect(rowsOf("subtotal")).toEqual(want.layout.subtotalRows);
      expect(rowsOf("total")).toEqual(want.layout.totalRows);
      const dataRows = rowsOf("data");
      expect(dataRows).toHaveLength(want.itemCount);
      expect(want.layout.dataRows).toBe(want.itemCount);
      expect(want.items.map((item) => item.row)).toEqual(dataRows);
      expect(want.customers.reduce((count, customer) => count + customer.items, 0)).toBe(want.itemCount);
      // Blank rows are blank in the file, data rows are not.
      for (const row of rowsOf("blank")) expect(lines[row - 1].replace(/[,\t\s]/g, "")).toBe("");
      for (const row of dataRows) expect(lines[row - 1].replace(/[,\t\s]/g, "")).not.toBe("");
    });

    it("adds up: customers to the open total, buckets to balances, items to customers", () => {
      expect(sumCents(want.customers.map((customer) => customer.openBalance))).toBe(cents(want.openAtAsOf));
      expect(sumCents(BUCKETS.map((bucket) => want.bucketTotals[bucket]))).toBe(cents(want.openAtAsOf));
      for (const customer of want.customers) {
        expect(sumCents(BUCKETS.map((bucket) => customer.buckets[bucket])), customer.customer).toBe(cents(customer.openBalance));
        const own = want.items.filter((item) => item.customer === customer.customer);
        expect(own).toHaveLength(customer.items);
        expect(sumCents(own.map((item) => item.openAtAsOf))).toBe(cents(customer.openBalance));
        expect(customer.netCredit).toBe(customer.openBalance < 0);
        for (const item of own) {
          if (item.daysPastDue !== null) expect(item.daysPastDue).toBe(Math.max(0, want.asOfSerial - item.dueSerial));
        }
      }
      if (want.grandTotal !== null) expect(want.reconciles).toBe(cents(want.grandTotal) === cents(want.itemsOpenAsExported));
    });
  });
});

describe("hand-checked expectations", () => {
  // As-of 2025-07-31 is serial 45869 (2025-01-01 is 45658, + 211 days).
  it("Kingdee: the article's debtor owes 1,200,000 = 80万 + (450,000 - 50,000), all 122 days past due", () => {
    const kingdee = expected("kingdee-open-items.csv");
    expect(kingdee.asOfSerial).toBe(45869);
    const fresh = kingdee.customers.find((customer) => customer.customer === "鲜味餐饮供应链");
    // Due 2025-03-31: 31 - 31 (March) + 30 + 31 + 30 + 31 = 122 days.
    expect(fresh).toMatchObject({ openBalance: 1_200_000, openItems: 2, overdueItems: 2, oldestDaysPastDue: 122 });
    expect(fresh?.buckets["90+"]).toBe(1_200_000);
    // 建材商贸: 300,000 (due 5/15, 77 days) + 200,000 (6/18, 43) + 226,000 (7/24, 7) + 113,000 (9/28, current)
    // - 39,000 (credit note of 7/8, 23 days) = 800,000, and its 小计 row says so.
    const jiancai = kingdee.customers.find((customer) => customer.customer === "建材商贸");
    expect(jiancai?.buckets).toEqual({ "current": 113_000, "1-30": 187_000, "31-60": 200_000, "61-90": 300_000, "90+": 0 });
    expect(kingdee.layout).toMatchObject({ headerRow: 4, titleRows: [1, 2, 3], subtotalRows: [16], totalRows: [46] });
    expect(kingdee.grandTotal).toBe(6_878_641.08);
  });

  it("history: the 12-month window starts after 2024-07-31; paid after the as-of date counts as unpaid", () => {
    const history = expected("ar-history-en.csv");
    const golden = history.customers.find((customer) => customer.customer === "Golden Bay Logistics");
    const meridian = history.customers.find((customer) => customer.customer === "Meridian Tools");
    // Invoice 3001 (Golden Bay, due 2024-07-31, paid 8/20/2024) is outside; 3002 (Meridian, due 2024-08-01, paid
    // 8/9/2024: 8 days late) is inside.
    expect(golden?.overdueEventDocuments).not.toContain("3001");
    expect(meridian?.overdueEventDocuments?.[0]).toBe("3002");
    // Redwood's invoice due 7/28/2025, paid 8/5/2025: open at the as-of date, 3 days past due, an overdue event.
    const redwood = history.customers.find((customer) => customer.customer === "Redwood Office Partners");
    expect(redwood).toMatchObject({ overdueItems: 1, oldestDaysPastDue: 3, overdueEvents12M: 1 });
    // The export's TOTAL is what was open when printed (8/12/2025); at 7/31 more was open.
    expect(history.reconciles).toBe(true);
    expect(history.openAtAsOf).toBeGreaterThan(history.grandTotal ?? Infinity);
  });

  it("Yonyou: 万元 amounts read as yuan, exact", () => {
    const yonyou = expected("yonyou-aging.csv");
    // 总计 未收金额（万元） 372.6121 = 3,726,121 yuan; 瑞喆商贸 46.8000 + 22.1234 - 10.0000 = 58.9234 万元.
    expect(yonyou.grandTotal).toBe(3_726_121);
    expect(yonyou.customers.find((customer) => customer.customer === "瑞喆商贸有限公司")?.openBalance).toBe(589_234);
  });
});
