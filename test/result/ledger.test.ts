// The ledger's tables a slice at a time (the pane's worker posts them in chunks) equal the whole tables
// the command line writes; an item list's lines: counts, how dates and amounts were read, the question
// when the day/month order is undecided. Hand-made item list, as of 2025-07-31.
import { describe, expect, it } from "vitest";
import { decideLedgerDecimal, serialFromCivil, triageLedger, type LedgerTriage } from "../../src/core/index.js";
import {
  decimalLine,
  itemCounts,
  itemLines,
  ledgerCustomerHead,
  ledgerCustomerRows,
  ledgerCustomerTable,
  ledgerItemHead,
  ledgerItemRows,
  ledgerItemTable,
} from "../../src/result/index.js";

const asOf = serialFromCivil(2025, 7, 31);
const WORDS = { told: { en: "as told", zh: "按指定" }, choose: { en: "--date-order", zh: "--date-order" } };

/** Customer, document, due date, open amount: Acme 1,000 (31 days past due) less a credit of 200; Beta 500 not due; the total. */
function ledger(dates: readonly string[] = ["2025-06-30", "2025-07-10", "2025-08-15"], dateOrder?: "mdy" | "dmy"): LedgerTriage {
  const rows = [
    ["Acme", "INV-1", dates[0], 1000],
    ["Acme", "CN-1", dates[1], -200],
    ["Beta", "INV-2", dates[2], 500],
    ["Total", "", "", 1300],
  ];
  return triageLedger(rows, { customer: 0, document: 1, dueDate: 2, balance: 3 }, { asOf, firstRowNumber: 2, dateOrder });
}

describe("the ledger's tables, a slice at a time", () => {
  it("customer rows and item rows in slices are the whole tables' rows", () => {
    const l = ledger();
    const whole = ledgerCustomerTable(l, "en");
    expect(ledgerCustomerHead(l, "en")).toEqual({ headers: whole.headers, columnKeys: whole.columnKeys });
    expect([...ledgerCustomerRows(l, "en", 0, 1).rows, ...ledgerCustomerRows(l, "en", 1, 2).rows]).toEqual(whole.rows);
    expect(ledgerCustomerRows(l, "en", 1, 2).levels).toEqual(whole.levels.slice(1));
    const items = ledgerItemTable(l, "zh");
    expect(ledgerItemHead("zh").headers).toEqual(items?.headers);
    expect([...ledgerItemRows(l, "zh", 0, 3), ...ledgerItemRows(l, "zh", 3, 4)]).toEqual(items?.rows);
    // Acme: 800 open in 2 items, 1 overdue; its rows 2-3.
    const keys = whole.columnKeys;
    const acme = whole.rows[0];
    expect([acme[keys.indexOf("balance")], acme[keys.indexOf("openItems")], acme[keys.indexOf("overdueItems")]]).toEqual([800, 2, 1]);
    expect(acme[keys.indexOf("itemRows")]).toBe("2-3");
  });

  it("counts the rows by fate", () => {
    expect(itemCounts(ledger())).toEqual({ rows: 4, items: 3, rolledUp: 3, history: 0, problem: 0, skipped: 1, blank: 0, customers: 2 });
  });
});

describe("itemLines", () => {
  it("says what the list came to, and how its dates were read", () => {
    expect(itemLines(ledger(), "en", WORDS)).toEqual([
      "item list: 4 rows = 3 items (3 rolled up into 2 customers, 0 paid by the as-of date, 0 with problems) + 1 heading/subtotal/total rows + 0 blank",
    ]);
    expect(itemLines(ledger(["6/30/2025", "7/10/2025", "8/15/2025"]), "en", WORDS)[1]).toBe(
      'dates: month first (7/31/2025), decided from dates such as "6/30/2025", "8/15/2025"',
    );
    expect(itemLines(ledger(["6/3/2025", "7/10/2025", "8/5/2025"], "dmy"), "zh", WORDS)[1]).toBe("日期：日在前（31/7/2025），按指定");
  });

  it("asks for the order when no date decides it, naming the rows not rolled up", () => {
    const lines = itemLines(ledger(["6/3/2025", "7/10/2025", "8/5/2025"]), "en", WORDS);
    // The customers stay, each with its problem (items unread): nothing is dropped.
    expect(lines[0]).toContain("(0 rolled up into 2 customers, 0 paid by the as-of date, 3 with problems)");
    expect(lines[1]).toMatch(
      /^dates: the day\/month order could not be decided, 3 item rows have dates that read two ways and were not rolled up \(such as row 2, due date: "6\/3\/2025" can be read two ways/,
    );
    expect(lines[1]).toMatch(/choose --date-order and run again$/);
  });
});

describe("decimalLine", () => {
  it("says which mark amounts were read with when any depended on it", () => {
    expect(decimalLine(decideLedgerDecimal(["1,234.50", "7.00"], ""), "en", WORDS.told)).toBe(
      'amounts: decimal point (1,500.50), decided from amounts such as "1,234.50", "7.00"',
    );
    expect(decimalLine(decideLedgerDecimal(["1.234,50-"], ""), "zh", WORDS.told)).toBe(
      '金额：小数逗号（1.500,50），依据 "1.234,50-" 等金额判断',
    );
    expect(decimalLine(decideLedgerDecimal(["7"], "", ","), "en", WORDS.told)).toBe("amounts: decimal comma (1.500,50), as told");
    expect(decimalLine(decideLedgerDecimal(["7", "12"], ""), "en", WORDS.told)).toBeNull();
  });
});
