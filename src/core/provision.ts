/**
 * Expected credit loss provision by aging bucket (IFRS 9 simplified approach; CAS 22 in China; CECL in
 * the US): each receivable carries the loss rate of its days-past-due band; the provision is balance x
 * rate. Rates come from the policy (IFRS 9 B5.5.35's illustration by default) or the firm's own history.
 */
import { RuleError, show } from "./errors.js";
import { flatten, isEmpty, readNumber, readRate } from "./input.js";
import { moneyTimes, notAbove } from "./money.js";
import { checkProvisionRates, DEFAULT_POLICY, type ProvisionRate } from "./policy.js";
import { formatRate } from "./format.js";

/** The loss rate for a number of days past due: the first band whose bound is >= the days. */
export function provisionRate(daysPastDue: number, rates: readonly ProvisionRate[] = DEFAULT_POLICY.provisionRates): number {
  for (const band of rates) if (band.upTo === null || daysPastDue <= band.upTo) return band.rate;
  return rates[rates.length - 1].rate;
}

/**
 * The provision for one receivable: balance x the loss rate of its band, rounded as Excel's
 * =ROUND(balance*rate, 2) (see moneyTimes), never above the balance as entered.
 * @example provision(100000, 45) === 3000 (31-90 days: 3%)
 */
export function provision(balance: number, daysPastDue: number, rates: readonly ProvisionRate[] = DEFAULT_POLICY.provisionRates): number {
  return notAbove(moneyTimes(balance, provisionRate(daysPastDue, rates)), balance);
}

/** Labels of the bands, for reports: `not due`, `1-30`, `31-90`, `91-180`, `180+`. */
export function provisionBandLabels(rates: readonly ProvisionRate[]): string[] {
  let from = 0;
  return rates.map((band, i) => {
    const previous = i > 0 ? rates[i - 1].upTo : null;
    if (band.upTo === null) return `${previous ?? 0}+`;
    const label = band.upTo === 0 ? "not due" : `${from}-${band.upTo}`;
    from = band.upTo + 1;
    return label;
  });
}

/** One-line description of a set of rates, e.g. `not due 1%, 1-30 2%, 31-90 3%, 91-180 20%, 180+ 50%`. */
export function describeProvisionRates(rates: readonly ProvisionRate[]): string {
  const labels = provisionBandLabels(rates);
  return rates.map((r, i) => `${labels[i]} ${formatRate(r.rate)}`).join(", ");
}

/**
 * Reads provision rates: text `0:1%,30:2%,90:3%,180:20%,*:50%` (the bound is the last day of the band;
 * `*` or `>180` for everything beyond) or a two-column range (bound, rate) whose last bound is empty or
 * `*`. Checked as the policy's are: bounds increasing, rates never lower for older debts.
 */
export function readProvisionRates(value: unknown, argument = "rates"): readonly ProvisionRate[] {
  const bands: ProvisionRate[] = [];
  const readBound = (bound: unknown): number | null => {
    if (isEmpty(bound) || (typeof bound === "string" && /^\s*(\*|>\s*\d+)\s*$/.test(bound))) return null;
    return readNumber(bound, argument);
  };
  const rows: unknown[][] = Array.isArray(value) ? (value as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[value]];
  if (rows.length > 0 && rows.every((r) => r.length === 2)) {
    for (const [bound, rate] of rows) {
      if (isEmpty(bound) && isEmpty(rate)) continue;
      bands.push({ upTo: readBound(bound), rate: readRate(rate, argument) });
    }
  } else {
    for (const cell of flatten(value)) {
      if (isEmpty(cell)) continue;
      if (typeof cell !== "string") {
        throw new RuleError(
          argument,
          `${show(cell)}: give rates as text like 0:1%,30:2%,90:3%,180:20%,*:50% or a two-column range`,
          `${show(cell)}：请用 0:1%,30:2%,90:3%,180:20%,*:50% 这样的文本或两列区域`,
        );
      }
      for (const part of cell.split(/[,;，；、\s]+/)) {
        if (part === "") continue;
        const pair = part.split(/[:：]/);
        if (pair.length !== 2)
          throw new RuleError(argument, `${show(part)} is not days:rate (e.g. 30:2%)`, `${show(part)} 不是“天数:比率”格式（如 30:2%）`);
        bands.push({ upTo: readBound(pair[0]), rate: readRate(pair[1], argument) });
      }
    }
  }
  return checkProvisionRates(bands, argument);
}
