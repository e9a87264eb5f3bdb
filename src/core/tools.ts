/**
 * Tools that lower the risk (rules.md section 6): factoring with recourse (有追索权保理) and domestic
 * trade credit insurance (国内贸易信用保险).
 */
import { RuleError, show } from "./errors.js";
import { moneyTimes, notAbove, roundMoney } from "./money.js";
import { formatRate } from "./format.js";
import { DEFAULT_POLICY } from "./policy.js";

/** What factoring a receivable gives: cash now, the reserve paid when the customer pays, the fee. */
export interface FactoringResult {
  /** Cash advanced now: amount x advance rate. */
  readonly advance: number;
  /** Held back until the customer pays: amount - advance. */
  readonly reserve: number;
  /** The factor's fee: amount x fee rate. */
  readonly fee: number;
  /** All the cash the firm gets in the end: amount - fee. */
  readonly net: number;
}

function checkRate(rate: number, argument: string): void {
  if (!(rate > 0 && rate <= 1)) {
    throw new RuleError(
      argument,
      `${show(rate)} is not a rate above 0 up to 1 (e.g. 0.8 or 80%)`,
      `${show(rate)} 不是大于 0 且不超过 1 的比率（如 0.8 或 80%）`,
    );
  }
}

/**
 * Factoring with recourse: the factor advances a share of the receivable now and the rest (less its fee)
 * when the customer pays; if the customer never pays, the factor turns to the firm.
 * @example factoring(1500000).advance === 1200000 (the pharmaceutical firm of the article)
 * @param amount the receivable, >= 0
 * @param advanceRate share advanced now (default 80%)
 * @param feeRate the fee on the receivable (default 2%, the articles say 1-3%)
 */
export function factoring(
  amount: number,
  advanceRate = DEFAULT_POLICY.factoringAdvanceRate,
  feeRate = DEFAULT_POLICY.factoringFeeRate,
): FactoringResult {
  checkRate(advanceRate, "advance_rate");
  if (!(feeRate >= 0 && feeRate < 1)) {
    throw new RuleError(
      "fee_rate",
      `${show(feeRate)} is not a fee rate from 0 up to 1 (e.g. 0.02 or 2%)`,
      `${show(feeRate)} 不是 0 到 1 之间的费率（如 0.02 或 2%）`,
    );
  }
  if (advanceRate + feeRate > 1) {
    // The advance is what must fit in what the fee leaves (the fee may be the policy's default, not typed).
    const most = formatRate(Math.max(0, 1 - feeRate));
    throw new RuleError(
      "advance_rate",
      `${formatRate(advanceRate)} plus the fee rate ${formatRate(feeRate)} is more than 100% of the receivable: at most ${most}`,
      `${formatRate(advanceRate)} 加手续费率 ${formatRate(feeRate)} 超过应收账款的 100%：最多 ${most}`,
    );
  }
  // Never more than the amount as entered (0.005 is 0 to the cent here, not 0.01).
  const total = notAbove(roundMoney(amount), amount);
  const advance = Math.min(moneyTimes(amount, advanceRate), total);
  const fee = Math.min(moneyTimes(amount, feeRate), total);
  // In cents, so that advance + reserve is the amount exactly.
  return {
    advance,
    reserve: (Math.round(total * 100) - Math.round(advance * 100)) / 100,
    fee,
    net: (Math.round(total * 100) - Math.round(fee * 100)) / 100,
  };
}

/**
 * Credit insurance payout on a loss: the insurer pays a share (default 80%).
 * @example insurancePayout(800000) === 640000 (the chemical firm of the article)
 */
export function insurancePayout(loss: number, indemnityRate = DEFAULT_POLICY.insuranceIndemnityRate): number {
  checkRate(indemnityRate, "rate"); // AR.INSURE's argument
  return notAbove(moneyTimes(loss, indemnityRate), loss);
}

/**
 * Credit insurance premium on insured receivables (default 1%; the articles say 0.5-2%).
 * @example insurancePremium(10000000, 0.01) === 100000
 */
export function insurancePremium(insuredAmount: number, premiumRate = DEFAULT_POLICY.insurancePremiumRate): number {
  checkRate(premiumRate, "rate");
  return notAbove(moneyTimes(insuredAmount, premiumRate), insuredAmount);
}
