/**
 * Open items rolled up per customer (issue 11, point 1): what an ERP's open-item list or history export says,
 * one row per document, becomes one line per customer: balance, oldest overdue item, amounts per aging
 * bucket, counts. The items are already read (the caller parses cells, normalises customer keys and signs);
 * this file holds the rule, and the same items in any order give the same customers.
 *
 * Money is summed in whole cents, so a customer's balance is exactly the sum of its items' open amounts and
 * the bucket amounts add up exactly to the balance.
 */
import { bucketIndex, daysPastDue } from "../aging.js";
import { RuleError, show } from "../errors.js";
import { centsOf, roundMoney } from "../money.js";
import type { Policy } from "../policy.js";
import type { DocumentKind } from "./documents.js";

/** One open item (or history line), already read from its row. */
export interface LedgerItem {
  /** Position in the source (the row of the item table): customers are listed by their first item. */
  readonly index: number;
  /** The grouping key (the caller normalises names or numbers). */
  readonly customerKey: string;
  readonly kind: DocumentKind;
  /** The document's amount, signed (credit notes and payments negative); null when the export has none. */
  readonly amount: number | null;
  /** The open amount as exported, signed; null: derive it from amount and paidAmount. */
  readonly open: number | null;
  /** Partial payments to date (>= 0), when the export has them. */
  readonly paidAmount: number | null;
  /** Excel serial of the due date; null when the export has none. */
  readonly dueDate: number | null;
  /** Excel serial of the day it was paid (settled, cleared); null: not paid. */
  readonly paidDate: number | null;
}

/** What the roll-up says about one item. */
export interface ItemAging {
  readonly index: number;
  readonly customerKey: string;
  /** Open amount at the as-of date, signed, to the cent (0 when settled by then). */
  readonly openAmount: number;
  /** Days past due at the as-of date; null when the item is not open or has no due date. */
  readonly daysPastDue: number | null;
  /** Aging bucket index (0 = current, 1 = 1-30, ... as AR.AGING); null when daysPastDue is. */
  readonly bucket: number | null;
  /** An amount owed (open amount > 0) past its due date. Credit notes and payments are never overdue. */
  readonly overdue: boolean;
}

/** One customer's open items, rolled up. */
export interface CustomerRollup {
  readonly customerKey: string;
  /** Sum of the open amounts at the as-of date (invoices less credit notes and unapplied payments), exact to the cent. */
  readonly balance: number;
  /** Sum of the open amounts of the overdue items. */
  readonly overdueAmount: number;
  /** Earliest due date among open items with a positive open amount; null when none (or a net credit). */
  readonly oldestDueDate: number | null;
  /** Days past due of that item (0 when it is not yet due); null when there is none (or a net credit). */
  readonly daysPastDue: number | null;
  /** Open amounts per aging bucket (policy.agingEdges: current, 1-30, 31-60, 61-90, 90+), exact to the cent. */
  readonly buckets: readonly number[];
  /** Open amounts of items without a due date (an invoice that cannot be aged); buckets + undated = balance. */
  readonly undatedAmount: number;
  /** Items with an open amount other than 0 at the as-of date. */
  readonly openItems: number;
  /** Items owed and past due. */
  readonly overdueItems: number;
  /** The balance is 0 or below (credits and payments cover the invoices): nothing to chase, no aging. */
  readonly netCredit: boolean;
  /** All items of the customer, open or not. */
  readonly itemCount: number;
}

/** The roll-up: customers in order of their first item (smallest index), and one result per item in input order. */
export interface Rollup {
  readonly customers: readonly CustomerRollup[];
  readonly items: readonly ItemAging[];
}

function checkNumber(value: number | null, field: string, index: number): void {
  if (value !== null && !Number.isFinite(value)) {
    throw new RuleError(`${field} (item ${index})`, `${show(value)} is not a number`, `${show(value)} 不是数字`);
  }
}

/**
 * The open amount of an item at the as-of date, signed, rounded to the cent:
 * - paid (paidDate) on or before the as-of date: 0;
 * - paid after the as-of date: it was open then for its amount, less paidAmount when that is a partial payment
 *   (smaller than the amount; a paidAmount equal to the amount is the settlement that came after the as-of date);
 *   without an amount, the exported open amount;
 * - not paid: the exported open amount when given, else amount − paidAmount.
 *
 * Throws a RuleError naming the item when it has neither an amount nor an open amount.
 * @param asOf Excel serial of the report date
 */
export function openAmountAt(item: LedgerItem, asOf: number): number {
  const { amount, open, paidAmount, paidDate, index } = item;
  checkNumber(amount, "amount", index);
  checkNumber(open, "open", index);
  checkNumber(paidAmount, "paidAmount", index);
  checkNumber(item.dueDate, "dueDate", index);
  checkNumber(paidDate, "paidDate", index);
  if (paidDate !== null && paidDate <= asOf) return 0;
  const paid = paidAmount ?? 0;
  if (paidDate !== null && amount !== null) {
    return roundMoney(Math.abs(paid) < Math.abs(amount) ? reduce(amount, paid) : amount);
  }
  if (open !== null) return roundMoney(open);
  if (amount === null) {
    throw new RuleError(`amount (item ${index})`, "is missing, and so is the open amount", "缺失，未结金额也缺失");
  }
  return roundMoney(reduce(amount, paid));
}

/** amount less payments to date, in cents; payments reduce a negative amount (a credit) toward 0 too. */
function reduce(amount: number, paid: number): number {
  const cents = centsOf(amount);
  const paidCents = centsOf(Math.abs(paid));
  return (cents >= 0 ? cents - paidCents : cents + paidCents) / 100;
}

/**
 * Rolls open items up per customer at an as-of date (issue 11, point 1; docs/rules.md "Open items rolled up").
 * Per item: open amount at the as-of date (openAmountAt), its days past due and bucket with the policy's edges
 * (as AR.AGING), overdue or not. Per customer: balance, oldest overdue item, bucket amounts, counts, net credit.
 * The result does not depend on the order of the items (customers come in the order of their smallest index).
 * @param asOf Excel serial of the report date
 * @param policy for the aging bucket edges
 */
export function rollUp(items: readonly LedgerItem[], asOf: number, policy: Policy): Rollup {
  const results: ItemAging[] = new Array(items.length);
  const customers = rollUpEach(
    items.length,
    (i) => items[i],
    asOf,
    policy,
    (i, item, openAmount, days, bucket, overdue) => {
      results[i] = { index: item.index, customerKey: item.customerKey, openAmount, daysPastDue: days, bucket, overdue };
    },
  );
  return { customers, items: results };
}

/**
 * rollUp, an item at a time: `itemAt(i)` for i from 0 to count - 1 (an item may be made for the call and
 * dropped after it), each item's aging given to `aged` instead of kept as an object (a million items
 * need not be held twice). The customers as rollUp gives them.
 */
export function rollUpEach(
  count: number,
  itemAt: (i: number) => LedgerItem,
  asOf: number,
  policy: Policy,
  aged: (i: number, item: LedgerItem, openAmount: number, daysPastDue: number | null, bucket: number | null, overdue: boolean) => void,
): CustomerRollup[] {
  const bucketCount = policy.agingEdges.length + 2;
  interface Acc {
    key: string;
    first: number;
    balance: number;
    overdue: number;
    undated: number;
    buckets: number[];
    oldest: number | null;
    openItems: number;
    overdueItems: number;
    itemCount: number;
  }
  const byKey = new Map<string, Acc>();
  // The last customer's account: a customer's items mostly come one after another.
  let last: Acc | undefined;
  for (let i = 0; i < count; i++) {
    const item = itemAt(i);
    const openAmount = openAmountAt(item, asOf);
    const cents = centsOf(openAmount);
    let acc = last !== undefined && last.key === item.customerKey ? last : byKey.get(item.customerKey);
    if (acc === undefined) {
      acc = {
        key: item.customerKey,
        first: item.index,
        balance: 0,
        overdue: 0,
        undated: 0,
        buckets: new Array<number>(bucketCount).fill(0),
        oldest: null,
        openItems: 0,
        overdueItems: 0,
        itemCount: 0,
      };
      byKey.set(item.customerKey, acc);
    }
    last = acc;
    acc.first = Math.min(acc.first, item.index);
    acc.itemCount++;
    let days: number | null = null;
    let bucket: number | null = null;
    let overdue = false;
    if (cents !== 0) {
      acc.openItems++;
      acc.balance += cents;
      if (item.dueDate !== null) {
        days = daysPastDue(item.dueDate, asOf);
        bucket = bucketIndex(days, policy.agingEdges);
        acc.buckets[bucket] += cents;
        if (cents > 0) {
          overdue = days > 0;
          if (acc.oldest === null || item.dueDate < acc.oldest) acc.oldest = item.dueDate;
        }
      } else if (cents < 0) {
        // A credit note or payment without a due date is available at once: current, never overdue.
        days = 0;
        bucket = 0;
        acc.buckets[0] += cents;
      } else {
        acc.undated += cents; // an invoice that cannot be aged: kept apart, not hidden in "current"
      }
      if (overdue) {
        acc.overdueItems++;
        acc.overdue += cents;
      }
    }
    aged(i, item, cents / 100, days, bucket, overdue);
  }
  const customers = [...byKey.values()]
    .sort((a, b) => a.first - b.first || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((acc): CustomerRollup => {
      const netCredit = acc.balance <= 0;
      const oldest = netCredit ? null : acc.oldest;
      return {
        customerKey: acc.key,
        balance: acc.balance / 100,
        overdueAmount: acc.overdue / 100,
        oldestDueDate: oldest,
        daysPastDue: oldest === null ? null : daysPastDue(oldest, asOf),
        buckets: acc.buckets.map((c) => c / 100),
        undatedAmount: acc.undated / 100,
        openItems: acc.openItems,
        overdueItems: acc.overdueItems,
        netCredit,
        itemCount: acc.itemCount,
      };
    });
  return customers;
}
