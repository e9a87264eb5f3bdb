/** Formatting of amounts and numbers inside reasons and messages (not of cell values). */
import { roundMoney } from "./money.js";

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/**
 * An amount with thousands separators and at most two decimals, rounded as roundMoney rounds it (Excel's
 * ROUND: 15 significant digits, then half away from zero): 1200000 -> "1,200,000", 12.5 x 1.13 -> "14.13".
 */
export function formatAmount(amount: number): string {
  // Intl.NumberFormat of the rounded amount (exact: a whole number of cents shows as itself). For a
  // positive amount from 1e-6 to 1e13 (whole cents exact in a double) that is done here, several times
  // faster; anything else, negatives included, goes to Intl. A property test compares the two.
  if (amount >= 1e-6 && amount < 1e13) {
    let cents: number;
    const scaled = amount * 100;
    const floor = Math.floor(scaled);
    const fraction = scaled - floor;
    if (Math.abs(fraction - 0.5) > TIE_TOLERANCE * Math.max(1, scaled)) {
      // Far from a half cent, binary error (parts in 1e16) cannot change the rounded cent (as in roundMoney).
      cents = fraction > 0.5 ? floor + 1 : floor;
    } else {
      // Near one: round the 15 significant digits Excel shows (no exponent in this range).
      const text = amount.toPrecision(15);
      const dot = text.indexOf(".");
      if (dot < 0 || text.length - dot <= 3) return formatCents(Math.round(Number(text) * 100)); // from 1e12: cents
      cents = Number(text.slice(0, dot)) * 100 + (text.charCodeAt(dot + 1) - 48) * 10 + (text.charCodeAt(dot + 2) - 48);
      if (text.charCodeAt(dot + 3) >= 53) cents++; // a third decimal of 5 or more: up
    }
    return formatCents(cents);
  }
  return grouped.format(Number.isFinite(amount) ? roundMoney(amount) : amount);
}

/** Whole cents >= 0 (below 2^53) as an amount: grouped, "1,234.5" and "1,234" without trailing zeros. */
function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  const integer = groupDigits(String(whole));
  if (rest === 0) return integer;
  return rest % 10 === 0 ? `${integer}.${rest / 10}` : `${integer}.${rest < 10 ? "0" : ""}${rest}`;
}

/** How close to a half cent (relative to the amount in cents) an amount is rounded on its decimal digits. */
const TIE_TOLERANCE = 1e-12;

/** ASCII digits with a comma every three from the right (en-US grouping). */
function groupDigits(digits: string): string {
  const n = digits.length;
  if (n <= 3) return digits;
  let head = n % 3 === 0 ? 3 : n % 3;
  let out = digits.slice(0, head);
  for (; head < n; head += 3) out += `,${digits.slice(head, head + 3)}`;
  return out;
}

/** A rate as a percentage: 0.95 -> "95%". */
export function formatRate(rate: number): string {
  return `${Number((rate * 100).toFixed(4))}%`;
}
