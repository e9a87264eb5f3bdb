/**
 * Money: amounts rounded as Excel's ROUND(x, 2) rounds them.
 *
 * Excel shows a number by its first 15 significant digits and ROUND works on that view: 12.5 x 1.13 is
 * 14.124999999999998 in binary, shows as 14.125 and ROUND(..., 2) gives 14.13; 1.005 (binary
 * 1.00499999999999989...) shows as 1.005 and gives 1.01. So every amount is first taken to 15
 * significant digits, exactly (on the double's binary value) and half away from zero, then rounded half
 * away from zero to 0.01 (docs/rules.md, "Rounding"). From 1e12 on, where 15 digits are no finer than
 * the cent, the exact value is rounded, so that the cents of a large amount are kept. The fast path is
 * plain arithmetic; only values within a hair of a half cent (and amounts of billions, whose cents the
 * tolerance cannot tell) go through exact integer arithmetic, so results are exact and the hot loop stays
 * fast.
 */
import { RuleError, show } from "./errors.js";

/** Distance from a half-cent tie, relative to the amount in cents, under which the 15-digit view (which
 * moves a value by at most 5 parts in 1e15) or binary error (a few parts in 1e16) could decide the
 * rounding; 1e-12 leaves a wide margin. */
const TIE_TOLERANCE = 1e-12;

/** Significant digits of the value Excel shows, and rounds. */
const EXCEL_DIGITS = 15;

/**
 * Rounds an amount as Excel's ROUND(amount, 2) does: the amount to 15 significant digits (the digits Excel
 * shows), then half away from zero to 0.01. From 1e12 on, the exact value is rounded to the cent.
 * @example roundMoney(1.005) === 1.01; roundMoney(-2.675) === -2.68; roundMoney(12.5 * 1.13) === 14.13
 */
export function roundMoney(amount: number): number {
  if (!Number.isFinite(amount)) throw new RangeError(`roundMoney: ${amount} is not a finite amount`);
  const cents = Math.abs(amount) * 100;
  const floor = Math.floor(cents);
  const fraction = cents - floor;
  if (Math.abs(fraction - 0.5) > TIE_TOLERANCE * Math.max(1, cents)) {
    // No half cent lies between the amount and its 15-digit view: both round to the same cent.
    const rounded = (fraction > 0.5 ? floor + 1 : floor) / 100;
    return amount < 0 && rounded !== 0 ? -rounded : rounded; // -0.004 rounds to 0, not -0
  }
  const [numerator, denominator] = exactCents(amount);
  const rounded = amountOfCents(excelCents(numerator, denominator, "half-up"));
  return amount < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Whole cents of an amount, rounded as money is (roundMoney): sums of cents are exact. */
export function centsOf(amount: number): number {
  return Math.round(roundMoney(amount) * 100);
}

/**
 * The exact value of |x| in cents as a fraction numerator / denominator: a double is a whole number
 * times a power of two, so 100 |x| is one exactly.
 */
function exactCents(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let exponent: number;
  if (biased === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return exponent >= 0 ? [(mantissa * 100n) << BigInt(exponent), 1n] : [mantissa * 100n, 1n << BigInt(-exponent)];
}

/**
 * Whole cents of the amount numerator / denominator cents (both >= 0), as Excel rounds it: the amount as
 * Excel shows it, to 15 significant digits half away from zero, then to the cent, half away from zero
 * ("half-up", ROUND) or toward zero ("down", ROUNDDOWN). From 1e12 on, 15 digits are no finer than the
 * cent (1e13 and more cannot even show the cents, which Excel does not hold: it keeps 15 digits of what is
 * typed); there the exact value is rounded to the cent, as LibreOffice Calc does, so that no cent is lost.
 * Exact: integer arithmetic only.
 */
function excelCents(numerator: bigint, denominator: bigint, mode: "half-up" | "down"): bigint {
  if (numerator === 0n) return 0n;
  // The amount and its cents have the same significant digits. Digits of the whole part of the cents:
  // those of floor(numerator x 10^k / denominator), less k (k makes the quotient at least 1).
  const k = Math.max(0, decimalLength(denominator) - decimalLength(numerator) + 1);
  const shift = EXCEL_DIGITS - (decimalLength((numerator * 10n ** BigInt(k)) / denominator) - k);
  if (shift >= 1) {
    // The 15 significant digits, rounded half up: floor(cents x 10^shift + 1/2); the view is them x
    // 10^-shift cents, finer than a cent.
    const unit = 10n ** BigInt(shift);
    const digits = (2n * numerator * unit + denominator) / (2n * denominator);
    return mode === "half-up" ? (2n * digits + unit) / (2n * unit) : digits / unit;
  }
  return mode === "half-up" ? (2n * numerator + denominator) / (2n * denominator) : numerator / denominator;
}

/** Decimal digits of a whole number >= 1. */
function decimalLength(n: bigint): number {
  return n.toString().length;
}

/** Whole cents as the nearest amount (for any size: beyond 2^53 cents, through the decimal text). */
function amountOfCents(cents: bigint): number {
  return cents <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(cents) / 100 : Number(`${cents}e-2`);
}

/**
 * An amount times a rate, as Excel's =ROUND(amount * rate, 2) gives it: the binary product (what Excel's
 * multiplication holds), taken to 15 significant digits, then half away from zero to 0.01. It differs from
 * rounding the exact decimal product only when that product needs more than 15 significant digits (Excel
 * cannot show them, and rounds what it shows). `moneyTimes(100.01, 0.95)` is 95.01 (95.0095; the binary
 * product 95.00949999999999... shows as 95.0095); `moneyTimes(12.5, 1.13)` is 14.13.
 */
export function moneyTimes(amount: number, rate: number): number {
  const product = amount * rate;
  if (!Number.isFinite(product)) throw new RangeError(`moneyTimes: ${amount} x ${rate} is not finite`);
  const cents = Math.abs(product) * 100;
  const fraction = cents - Math.floor(cents);
  if (Math.abs(fraction - 0.5) > TIE_TOLERANCE * Math.max(1, cents)) return roundMoney(product);
  // Near a tie (95.095 = 100.10 x 0.95 is a common one): an amount in whole cents times a rate of up to 6
  // decimals has an exact product of amountCents x rateMicros / 1e8. With at most 15 digits there (below
  // 1e15), Excel's view of the binary product is that exact decimal (the binary error, a few parts in
  // 1e16, is below half its last digit), so it rounds in integer arithmetic; anything else goes the exact way.
  const amountCents = Math.round(Math.abs(amount) * 100);
  const rateMicros = Math.round(rate * 1e6);
  const exact = amountCents * rateMicros;
  if (amountCents / 100 === Math.abs(amount) && rateMicros / 1e6 === rate && rateMicros >= 0 && exact < 1e15) {
    const whole = Math.floor(exact / 1e6);
    const rounded = (exact - whole * 1e6 >= 500_000 ? whole + 1 : whole) / 100;
    return amount < 0 && rounded !== 0 ? -rounded : rounded;
  }
  return roundMoney(product);
}

/** Adds amounts exactly to the cent (each rounded first, as roundMoney), so that totals never drift. */
export function sumMoney(amounts: readonly number[]): number {
  let cents = 0;
  for (const a of amounts) cents += Math.round(roundMoney(a) * 100);
  return cents / 100;
}

/**
 * The largest amount handled, 90,071,992,547,409.91: its cents (Number.MAX_SAFE_INTEGER) are the largest
 * whole number a double holds exactly, so sums and splits in cents stay exact. One bound for every money
 * argument (readAmount, amountToCents), so that no function answers where another refuses.
 */
export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER / 100;
/** MAX_AMOUNT as messages state it (formatAmount would show the double nearest to it, ...409.9). */
export const MAX_AMOUNT_TEXT = "90,071,992,547,409.91";

/**
 * Refuses, naming the argument, an amount above MAX_AMOUNT.
 * @param amount the amount read
 * @param value what the user gave (shown in the message)
 */
export function checkAmountBound(amount: number, value: unknown, argument: string): void {
  if (amount > MAX_AMOUNT) {
    throw new RuleError(
      argument,
      `${show(value)} is above the largest amount handled, ${MAX_AMOUNT_TEXT}`,
      `${show(value)} 超过可处理的最大金额 ${MAX_AMOUNT_TEXT}`,
    );
  }
}

/**
 * An amount worked out from an entered amount (an offer, a payout, an advance), never above the amount as
 * entered: rounding 0.005 half up gives 0.01, more than was owed, so such a result is rounded down to the
 * cent instead (0.005 gives 0, 1.005 gives 1).
 * @param result the amount rounded to the cent
 * @param entered the amount it must not exceed, as the user entered it
 */
export function notAbove(result: number, entered: number): number {
  if (result <= entered) return result;
  // Down to the cent on the digits Excel shows (1.005 is 1.00; 14.124999999999998, shown as 14.125, is
  // 14.12), as ROUNDDOWN(entered, 2): rare, so exact integer arithmetic.
  const [numerator, denominator] = exactCents(entered);
  const cents = amountOfCents(excelCents(numerator, denominator, "down"));
  return entered < 0 && cents !== 0 ? -cents : cents;
}

/**
 * An amount in whole cents, rounded as roundMoney rounds it (1.005 is 101 cents), for
 * sums that must add up exactly. Refuses, naming the argument, what is not an amount >= 0 or is too large
 * for exact cents.
 */
export function amountToCents(value: unknown, argument: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RuleError(argument, `${show(value)} must be an amount >= 0`, `${show(value)} 必须是大于等于 0 的金额`);
  }
  checkAmountBound(value, value, argument);
  // roundMoney's result is the double nearest to a whole number of cents over 100: times 100, it is within
  // a hair of that whole number.
  return Math.round(roundMoney(value) * 100);
}

/**
 * a x b / c cents rounded as Excel's ROUND(amount, 2) rounds that amount (15 significant digits, then half
 * away from zero to the cent), for whole numbers a, b >= 0 and c > 0; the exact quotient, never a binary
 * one. Integer arithmetic in doubles while a x b is below 2^53 and the quotient is clear of a half cent,
 * BigInt otherwise.
 */
export function mulDivCents(a: number, b: number, c: number): number {
  const product = a * b;
  if (product <= Number.MAX_SAFE_INTEGER) {
    const quotient = Math.floor(product / c);
    const remainder = product - quotient * c;
    // The 15-digit view moves the quotient by at most 5e-15 of itself: a distance from the half cent of
    // |2 remainder - c| / 2c cents above 1e-12 x quotient leaves the rounding to the exact quotient.
    if (Math.abs(2 * remainder - c) > TIE_TOLERANCE * 2 * product) return 2 * remainder >= c ? quotient + 1 : quotient;
  }
  return Number(excelCents(BigInt(a) * BigInt(b), BigInt(c), "half-up"));
}
