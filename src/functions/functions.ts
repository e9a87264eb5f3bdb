/**
 * The AR custom functions: one thin wrapper per Excel function that converts Excel values to core types
 * (through ./excel.ts) and hands over to the rules core. The JSDoc below is the source of Excel's
 * metadata (dist/functions.json): it is what accountants read in autocomplete and argument tooltips,
 * so it must explain every argument. Chinese metadata: functions.zh-CN.json (same ids).
 *
 * custom-functions-metadata reads only top-level `function` declarations with plain types, and Excel
 * passes null for an omitted argument (a default in the signature would never apply): hence `any[][]`
 * at this boundary, and defaults from the workbook policy.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands over untyped cells; they are read at once. */
import {
  bucketIndex,
  bucketLabels,
  checkOverdueRecord,
  creditTerm,
  daysPastDue,
  gradeOfRule,
  gradeReasons,
  gradeRule,
  LADDER_ACTIONS,
  factoring,
  insurancePayout,
  insurancePremium,
  provision as provisionFor,
  readAgingEdges,
  readProvisionRates,
  readRate,
  readAmount,
  readCashFlow,
  readCount,
  readDate,
  readGrade,
  readSettlementTiers,
  readWord,
  reasonText,
  settlementLadder,
  settlementOffer,
  warningLevel,
  type CashFlow,
  type CreditGrade,
  type Language,
} from "../core/index.js";
import { loadWorkbookPolicy, recalculateWorkbook, workbookPolicy } from "./workbook-policy.js";
import { asGrid, guard, mapCells, option, setMessageLanguage, singleCell, valueError, type Arg, type Result } from "./excel.js";


const COUNT = (name: string): Arg<number> => ({ name, blank: "number", read: (v) => readCount(v, name) });
const AMOUNT = (name: string, fallback?: number): Arg<number> => ({ name, blank: "number", read: (v) => readAmount(v, name), fallback });
const DATE = (name: string): Arg<number> => ({ name, blank: "zero-is-blank", read: (v) => readDate(v, name) });

/** Reads an `output` option: one of the given words; a Chinese word also makes texts Chinese. */
function readOutput<T extends string>(value: unknown, words: Record<string, readonly [T, Language]>, fallback: T): readonly [T, Language] {
  const cell = option(() => singleCell(value, "output"));
  if (cell === null) return [fallback, "en"];
  const map = new Map(Object.entries(words));
  return option(() => readWord(cell, "output", map, Object.keys(words).join("/")));
}

/**
 * Customer credit grade A, B or C from the overdue record of the last 12 months and the cash flow:
 * C for 2+ overdue events, poor cash flow, or 1 overdue event above the small-amount limit; B for 1 small
 * overdue event or no event with fair cash flow; A for no event and good cash flow.
 * @customfunction GRADE
 * @param overdue_count Overdue events in the trailing 12 months: a whole number >= 0. One cell or a column.
 * @param overdue_amount Largest overdue amount among those events, >= 0 (0 when there were none).
 * @param cash_flow Cash-flow assessment: good, fair or poor (or 好, 一般, 差).
 * @param small_limit Optional. Largest overdue amount still counted as small; default from the policy (50,000).
 * @param output Optional. "grade" (default): A/B/C; "term": credit term in days; "reasons": why (原因: in Chinese).
 * @returns The grade (A, B or C) per row, spilled with the shape of the inputs.
 */
export function grade(overdue_count: any[][], overdue_amount: any[][], cash_flow: any[][], small_limit?: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput(
      output,
      { grade: ["grade", "en"], term: ["term", "en"], reasons: ["reasons", "en"], 等级: ["grade", "zh"], 账期: ["term", "zh"], 原因: ["reasons", "zh"] },
      "grade",
    );
    const cashFlowArg: Arg<CashFlow> = { name: "cash_flow", blank: "zero-is-blank", read: (v) => readCashFlow(v) };
    const args = [COUNT("overdue_count"), AMOUNT("overdue_amount"), cashFlowArg, AMOUNT("small_limit", policy.smallAmountLimit)] as const;
    return mapCells(args, [asGrid(overdue_count), asGrid(overdue_amount), asGrid(cash_flow), asGrid(small_limit)], ([count, amount, cashFlow, limit]) => {
      checkOverdueRecord(count, amount);
      const letter = gradeOfRule(gradeRule(count, amount, cashFlow, limit));
      if (what === "grade") return letter;
      if (what === "term") return creditTerm(letter, policy);
      const reasons = gradeReasons({ overdueCount: count, largestOverdue: amount, cashFlow }, { ...policy, smallAmountLimit: limit });
      return reasonText(reasons, language);
    });
  });
}

/**
 * Credit term in days for a credit grade: A 30, B 15, C 0 (cash on delivery), from the policy.
 * @customfunction TERM
 * @param grade Credit grade: A, B or C (e.g. the result of AR.GRADE). One cell or a column.
 * @returns The credit term in days per row.
 */
export function term(grade: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const gradeArg: Arg<CreditGrade> = { name: "grade", blank: "zero-is-blank", read: (v) => readGrade(v) };
    return mapCells([gradeArg], [asGrid(grade)], ([letter]) => creditTerm(letter, policy));
  });
}

type AgingOutput = "days" | "bucket" | "level" | "action";

/**
 * Ages receivables: days past due, aging bucket, warning level (30/60/90 days) or the next collection step.
 * @customfunction AGING
 * @param due_date Due date: a date cell, Excel serial or text like 2025-07-27. One cell or a column.
 * @param as_of Report date the aging is "as of": a date (use TODAY() for a live sheet). One cell or a column.
 * @param output Optional. "bucket" (default): current, 1-30, 31-60, 61-90, 90+; "days": days past due; "level": warning level 0-3; "action": next step. Chinese words (账龄段, 天数, 预警级别, 行动) give Chinese text.
 * @param edges Optional. Bucket edges in days, increasing: text "30,60,90,120" or a range of numbers; default from the policy (30,60,90).
 * @returns Per row: the bucket, days past due, level or action, spilled with the shape of the dates.
 */
export function aging(due_date: any[][], as_of: any[][], output?: any[][], edges?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput<AgingOutput>(
      output,
      { bucket: ["bucket", "en"], days: ["days", "en"], level: ["level", "en"], action: ["action", "en"], 账龄段: ["bucket", "zh"], 账龄: ["bucket", "zh"], 天数: ["days", "zh"], 逾期天数: ["days", "zh"], 预警级别: ["level", "zh"], 级别: ["level", "zh"], 行动: ["action", "zh"] },
      "bucket",
    );
    const edgeList = edges === null || edges === undefined ? policy.agingEdges : option(() => readAgingEdges(edges, "edges"));
    const warningDays = policy.warningDays;
    const labels = bucketLabels(edgeList, language);
    const actions = LADDER_ACTIONS[language];
    const args = [DATE("due_date"), DATE("as_of")] as const;
    const grids = [asGrid(due_date), asGrid(as_of)];
    switch (what) {
      case "days":
        return mapCells(args, grids, (v) => daysPastDue(v[0], v[1]));
      case "level":
        return mapCells(args, grids, (v) => warningLevel(daysPastDue(v[0], v[1]), warningDays));
      case "action":
        return mapCells(args, grids, (v) => {
          const days = daysPastDue(v[0], v[1]);
          return actions[days === 0 ? 0 : 1 + warningLevel(days, warningDays)];
        });
      default:
        // Index access, not destructuring: this runs once per row of a million-row column.
        return mapCells(args, grids, (v) => labels[bucketIndex(daysPastDue(v[0], v[1]), edgeList)]);
    }
  });
}

/**
 * Settlement offer by the anchor-price ladder: pay within 10 days 90% of the balance, within 20 days 95%, later the full balance. Without days_to_pay, spills the whole ladder (days, rate, amount).
 * @customfunction SETTLE
 * @param balance The full amount owed (the anchor), >= 0. One cell or a column.
 * @param days_to_pay Optional. The debtor pays within this many days (whole number >= 0); omit it to spill the whole ladder for one balance.
 * @param tiers Optional. The ladder: text "10:0.90,20:0.95" or a two-column range (days, rate); default from the policy.
 * @returns The amount to accept per row, or the ladder as rows of [days, rate, amount].
 */
export function settle(balance: any[][], days_to_pay?: any[][], tiers?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const ladder = tiers === null || tiers === undefined ? policy.settlementTiers : option(() => readSettlementTiers(tiers, "tiers"));
    const balanceArg = AMOUNT("balance");
    if (days_to_pay === null || days_to_pay === undefined) {
      const grid = asGrid(balance);
      if (grid !== null && (grid.length !== 1 || grid[0].length !== 1)) {
        return [[valueError("days_to_pay: needed when balance is a range (the ladder spills for one balance only)")]];
      }
      const rows = mapCells([balanceArg] as const, [grid], ([amount]) => amount);
      const amount = rows[0][0];
      if (typeof amount !== "number") return rows; // blank or error
      return settlementLadder(amount, ladder).map((rung): Result[] => [rung.days ?? rung.label, rung.rate, rung.amount]);
    }
    return mapCells([balanceArg, COUNT("days_to_pay")] as const, [asGrid(balance), asGrid(days_to_pay)], (v) => settlementOffer(v[0], v[1], ladder));
  });
}

const RATE = (name: string, fallback: number): Arg<number> => ({ name, blank: "number", read: (v) => readRate(v, name), fallback });

/**
 * Factoring with recourse: the cash a factor advances now on a receivable (default 80%), or its fee, the reserve paid when the customer pays, or the net cash in the end.
 * @customfunction FACTOR
 * @param amount The receivable to factor, >= 0. One cell or a column.
 * @param advance_rate Optional. Share advanced now, e.g. 0.8 or 80%; default from the policy (80%).
 * @param fee_rate Optional. The factor's fee on the receivable, e.g. 0.02 or 2%; default from the policy (2%; the articles say 1-3%).
 * @param output Optional. "advance" (default): cash now; "fee"; "reserve": paid when the customer pays; "net": amount less fee. Chinese: 预付, 手续费, 尾款, 净额.
 * @returns The amount per row, rounded to the cent.
 */
export function factor(amount: any[][], advance_rate?: any[][], fee_rate?: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what] = readOutput<"advance" | "fee" | "reserve" | "net">(
      output,
      { advance: ["advance", "en"], fee: ["fee", "en"], reserve: ["reserve", "en"], net: ["net", "en"], 预付: ["advance", "zh"], 手续费: ["fee", "zh"], 尾款: ["reserve", "zh"], 保留款: ["reserve", "zh"], 净额: ["net", "zh"] },
      "advance",
    );
    const args = [AMOUNT("amount"), RATE("advance_rate", policy.factoringAdvanceRate), RATE("fee_rate", policy.factoringFeeRate)] as const;
    return mapCells(args, [asGrid(amount), asGrid(advance_rate), asGrid(fee_rate)], (v) => factoring(v[0], v[1], v[2])[what]);
  });
}

/**
 * Trade credit insurance: the insurer's payout on a loss (default 80%), or with output "premium" the premium on an insured amount at a premium rate.
 * @customfunction INSURE
 * @param loss The loss (or, with output "premium", the insured receivables), >= 0. One cell or a column.
 * @param rate Optional. Share of the loss paid (default 80%), or with "premium" the premium rate (default 1%; the articles say 0.5-2%); from the policy.
 * @param output Optional. "payout" (default) or "premium". Chinese: 赔付, 保费.
 * @returns The payout or premium per row, rounded to the cent.
 */
export function insure(loss: any[][], rate?: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what] = readOutput<"payout" | "premium">(output, { payout: ["payout", "en"], premium: ["premium", "en"], 赔付: ["payout", "zh"], 保费: ["premium", "zh"] }, "payout");
    const premium = what === "premium";
    const args = [AMOUNT("loss"), RATE("rate", premium ? policy.insurancePremiumRate : policy.insuranceIndemnityRate)] as const;
    return mapCells(args, [asGrid(loss), asGrid(rate)], (v) => (premium ? insurancePremium(v[0], v[1]) : insurancePayout(v[0], v[1])));
  });
}

/**
 * Expected credit loss provision (IFRS 9 simplified approach): balance x the loss rate of its days-past-due band. Works down whole columns.
 * @customfunction PROVISION
 * @param balance The receivable's balance, >= 0. One cell or a column.
 * @param days_past_due Days past due, a whole number >= 0 (e.g. AR.AGING(..., "days")). One cell or a column.
 * @param rates Optional. Loss rates by band: text "0:1%,30:2%,90:3%,180:20%,*:50%" (last day of each band; * beyond) or a two-column range; default from the policy.
 * @returns The provision per row, rounded to the cent.
 */
export function provision(balance: any[][], days_past_due: any[][], rates?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const bands = rates === null || rates === undefined ? policy.provisionRates : option(() => readProvisionRates(rates, "rates"));
    const args = [AMOUNT("balance"), COUNT("days_past_due")] as const;
    return mapCells(args, [asGrid(balance), asGrid(days_past_due)], (v) => provisionFor(v[0], v[1], bands));
  });
}

// Once Office is ready: error messages follow Excel's display language, and the workbook's own policy
// replaces the defaults (then formulas computed before that are computed again).
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady(() => {
    setMessageLanguage(Office.context?.displayLanguage);
    const loaded = loadWorkbookPolicy();
    if (loaded.stored && !loaded.problem && typeof Excel !== "undefined") recalculateWorkbook().catch(() => undefined);
  });
}
