/**
 * Settlement offers (和解谈判, rules.md section 4): the anchor price (the full balance) and a ladder of
 * discounts for paying within a deadline; beyond the last deadline the full balance and the legal route.
 */
import { RuleError, show } from "./errors.js";
import { readNumber, readRate, flatten, isEmpty } from "./input.js";
import { moneyTimes, notAbove, roundMoney } from "./money.js";
import { checkSettlementTiers, DEFAULT_POLICY, type SettlementTier } from "./policy.js";

/**
 * The rate of the balance to accept when the debtor pays within `daysToPay` days: the first tier whose
 * limit is >= the days, or 1 (the full balance) beyond the last tier.
 */
export function settlementRate(daysToPay: number, tiers: readonly SettlementTier[] = DEFAULT_POLICY.settlementTiers): number {
  for (const tier of tiers) if (daysToPay <= tier.days) return tier.rate;
  return 1;
}

/**
 * The amount to accept for paying within `daysToPay` days, balance x rate rounded as Excel's
 * =ROUND(balance*rate, 2) (see moneyTimes); never more than the balance as entered (0.005 gives 0, not
 * 0.01: see notAbove).
 * @example settlementOffer(1000000, 10) === 900000; settlementOffer(800000, 15) === 760000
 */
export function settlementOffer(
  balance: number,
  daysToPay: number,
  tiers: readonly SettlementTier[] = DEFAULT_POLICY.settlementTiers,
): number {
  return offerAt(balance, settlementRate(daysToPay, tiers));
}

/** balance x rate to the cent, never above the balance as entered. */
function offerAt(balance: number, rate: number): number {
  return notAbove(rate === 1 ? roundMoney(balance) : moneyTimes(balance, rate), balance);
}

/** One rung of the ladder: pay within `days` (null: after the last deadline) and `amount` settles it. */
export interface LadderRung {
  readonly days: number | null;
  /** `10` for a deadline, `>20` after the last one. */
  readonly label: string;
  readonly rate: number;
  readonly amount: number;
}

/**
 * The whole offer ladder for a balance, best offer first, ending with the full balance after the last
 * deadline. `settlementLadder(1000000)`: 10 days 900,000; 20 days 950,000; >20 days 1,000,000.
 */
export function settlementLadder(balance: number, tiers: readonly SettlementTier[] = DEFAULT_POLICY.settlementTiers): LadderRung[] {
  const rungs: LadderRung[] = tiers.map((t) => ({ days: t.days, label: String(t.days), rate: t.rate, amount: offerAt(balance, t.rate) }));
  rungs.push({ days: null, label: `>${tiers[tiers.length - 1].days}`, rate: 1, amount: offerAt(balance, 1) });
  return rungs;
}

/**
 * Reads a settlement ladder: text `10:0.90,20:0.95` (rates also as `90%`; `：` and `，` accepted) or a
 * two-column range of (days, rate) rows; empty rows are skipped. The ladder is checked as a policy is.
 */
export function readSettlementTiers(value: unknown, argument = "tiers"): readonly SettlementTier[] {
  const tiers: SettlementTier[] = [];
  const rows: unknown[][] = Array.isArray(value) ? (value as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[value]];
  const twoColumns = rows.length > 0 && rows.every((r) => r.length === 2);
  if (twoColumns) {
    for (const [days, rate] of rows) {
      if (isEmpty(days) && isEmpty(rate)) continue;
      tiers.push({ days: readNumber(days, argument), rate: readRate(rate, argument) });
    }
  } else {
    for (const cell of flatten(value)) {
      if (isEmpty(cell)) continue;
      if (typeof cell !== "string") {
        throw new RuleError(
          argument,
          `${show(cell)}: give tiers as text like 10:0.90,20:0.95 or a two-column range`,
          `${show(cell)}：请用 10:0.90,20:0.95 这样的文本或两列区域`,
        );
      }
      for (const part of cell.split(/[,;，；、\s]+/)) {
        if (part === "") continue;
        const pair = part.split(/[:：]/);
        if (pair.length !== 2) {
          throw new RuleError(argument, `${show(part)} is not days:rate (e.g. 10:0.90)`, `${show(part)} 不是“天数:比率”格式（如 10:0.90）`);
        }
        tiers.push({ days: readNumber(pair[0], argument), rate: readRate(pair[1], argument) });
      }
    }
  }
  return checkSettlementTiers(tiers, argument);
}
