/** Formatting of amounts and numbers inside reasons and messages (not of cell values). */

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** An amount with thousands separators and at most two decimals: 1200000 -> "1,200,000". */
export function formatAmount(amount: number): string {
  return grouped.format(amount);
}

/** A rate as a percentage: 0.95 -> "95%". */
export function formatRate(rate: number): string {
  return `${Number((rate * 100).toFixed(4))}%`;
}
