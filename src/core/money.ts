/**
 * Money: amounts rounded half away from zero to 0.01 on their decimal value.
 *
 * A double such as 1.005 is really 1.00499999999999989...; rounding its binary value would give 1.00,
 * while the accountant typed 1.005 and expects 1.01 (as Excel's ROUND does). We round the shortest
 * decimal that reads back as the same double, which is what the user typed. The fast path is plain
 * arithmetic; only values within a hair of a half cent go through decimal.js, so results are exact and
 * the hot loop stays fast.
 */
import Decimal from "decimal.js";
import { RuleError, show } from "./errors.js";

const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Distance from a half-cent tie, relative to the amount in cents, under which binary error (a few parts
 * in 1e16) could decide the rounding; 1e-12 leaves a wide margin. */
const TIE_TOLERANCE = 1e-12;

/**
 * Rounds an amount half away from zero to 0.01, on its decimal value.
 * @example roundMoney(1.005) === 1.01; roundMoney(-2.675) === -2.68
 */
export function roundMoney(amount: number): number {
  if (!Number.isFinite(amount)) throw new RangeError(`roundMoney: ${amount} is not a finite amount`);
  const cents = Math.abs(amount) * 100;
  const floor = Math.floor(cents);
  const fraction = cents - floor;
  if (Math.abs(fraction - 0.5) > TIE_TOLERANCE * Math.max(1, cents)) {
    const rounded = (fraction > 0.5 ? floor + 1 : floor) / 100;
    return amount < 0 && rounded !== 0 ? -rounded : rounded; // -0.004 rounds to 0, not -0
  }
  return noNegativeZero(new Money(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
}

/** -0 shows as 0 in Excel but not in every consumer (JSON, `Object.is`, CSV): always give +0. */
function noNegativeZero(x: number): number {
  return x === 0 ? 0 : x;
}

/**
 * Multiplies an amount by a rate and rounds the exact decimal product to 0.01 (half away from zero).
 * `moneyTimes(100.01, 0.95)` is 95.01 because 100.01 x 0.95 = 95.0095 exactly, whatever the binary
 * product says.
 */
export function moneyTimes(amount: number, rate: number): number {
  const product = amount * rate;
  if (!Number.isFinite(product)) throw new RangeError(`moneyTimes: ${amount} x ${rate} is not finite`);
  const cents = Math.abs(product) * 100;
  const fraction = cents - Math.floor(cents);
  // Binary error of the inputs and of the product is a few parts in 1e16 of the value: far from a tie,
  // it cannot change the rounded cent.
  if (Math.abs(fraction - 0.5) > TIE_TOLERANCE * Math.max(1, cents)) return roundMoney(product);
  // Near a tie: amounts in whole cents times rates of up to 6 decimals (the usual case: 90%, 2.5%) are
  // exact integers, so round the product in integer arithmetic; anything else goes to decimal.js.
  const amountCents = Math.round(Math.abs(amount) * 100);
  const rateMicros = Math.round(rate * 1e6);
  if (
    amountCents / 100 === Math.abs(amount) &&
    rateMicros / 1e6 === rate &&
    rateMicros >= 0 &&
    amountCents * rateMicros <= Number.MAX_SAFE_INTEGER
  ) {
    const rounded = mulDivCents(amountCents, rateMicros, 1_000_000) / 100;
    return amount < 0 && rounded !== 0 ? -rounded : rounded;
  }
  return noNegativeZero(new Money(amount).times(new Money(rate)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
}

/** Adds amounts exactly to the cent (each rounded first), so that totals never drift. */
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
  // Down to the cent on the decimal value (1.005 is 1.00, not 1.00499... rounded): rare, so decimal.js.
  return noNegativeZero(new Money(entered).toDecimalPlaces(2, Decimal.ROUND_DOWN).toNumber());
}

/**
 * An amount in whole cents, rounded half away from zero on its decimal value (1.005 is 101 cents), for
 * sums that must add up exactly. Refuses, naming the argument, what is not an amount >= 0 or is too large
 * for exact cents.
 */
export function amountToCents(value: unknown, argument: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RuleError(argument, `${show(value)} must be an amount >= 0`, `${show(value)} 必须是大于等于 0 的金额`);
  }
  checkAmountBound(value, value, argument);
  // roundMoney is exact on the decimal value (decimal.js only near a half-cent tie), and its result times
  // 100 is within a hair of a whole number of cents.
  return Math.round(roundMoney(value) * 100);
}

/**
 * round(a x b / c) half up, for whole numbers of cents >= 0 and c > 0: exact integer arithmetic while a x b
 * is below 2^53, decimal.js beyond.
 */
export function mulDivCents(a: number, b: number, c: number): number {
  const product = a * b;
  if (product <= Number.MAX_SAFE_INTEGER) {
    const quotient = Math.floor(product / c);
    const remainder = product - quotient * c;
    return 2 * remainder >= c ? quotient + 1 : quotient;
  }
  return new Money(a).times(b).div(c).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}
