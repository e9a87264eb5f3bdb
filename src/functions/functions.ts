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
  bankruptcyRecovery,
  largestInstalmentThatFits,
  claimFilingDeadline,
  collectionStep,
  CONFIRMATION_STATUS_NAMES,
  describeStep,
  EVIDENCE_COMPLETE,
  LIMITATION_STATUS_NAMES,
  PROFILE_NAMES,
  instalmentPlan,
  limitationDaysLeft,
  limitationEnd,
  limitationReasons,
  limitationStatus,
  readFilingPeriod,
  readNumber,
  confirmationOverdue,
  debtorProfile,
  factoring,
  missingEvidence,
  readBrokenPromises,
  readExcuse,
  readProfile,
  readSignal,
  readTurnoverDecline,
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
  futureBenefit,
  reasonText,
  settlementLadder,
  settlementOffer,
  warningLevel,
  type CashFlow,
  type DebtorProfile,
  type FilingPeriod,
  type Excuse,
  type TurnoverDecline,
  type CreditGrade,
  type Language,
  checkGraceDays,
  overdueHistory,
  RuleError,
  type HistoryInvoice,
  // the collection log's formulas (issue 13)
  calendarDay,
  checkContactNotAfter,
  checkPromises,
  followUpStatus,
  FOLLOW_UP_STATUS_NAMES,
  nextContactDue,
  PROMISE_STATE_NAMES,
  readGraceDays,
  readLoggedAmount,
  readWarningLevel,
  type PaymentInput,
  type PromiseInput,
  type WarningLevel,
} from "../core/index.js";
import { officeDisplayLanguage } from "../office/display-language.js";
import { loadWorkbookPolicy, recalculateWorkbook, workbookPolicy } from "../office/workbook-policy.js";
import {
  asGrid,
  cellRows,
  guard,
  isBlankCell,
  mapCells,
  option,
  setMessageLanguage,
  singleCell,
  valueError,
  wholeCallArg,
  type Arg,
  type Cell,
  type Result,
} from "./excel.js";

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
export function grade(
  overdue_count: any[][],
  overdue_amount: any[][],
  cash_flow: any[][],
  small_limit?: any[][],
  output?: any[][],
): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput(
      output,
      {
        grade: ["grade", "en"],
        term: ["term", "en"],
        reasons: ["reasons", "en"],
        等级: ["grade", "zh"],
        账期: ["term", "zh"],
        原因: ["reasons", "zh"],
      },
      "grade",
    );
    const cashFlowArg: Arg<CashFlow> = { name: "cash_flow", blank: "zero-is-blank", read: (v) => readCashFlow(v) };
    const args = [COUNT("overdue_count"), AMOUNT("overdue_amount"), cashFlowArg, AMOUNT("small_limit", policy.smallAmountLimit)] as const;
    return mapCells(
      args,
      [
        asGrid(overdue_count, "overdue_count"),
        asGrid(overdue_amount, "overdue_amount"),
        asGrid(cash_flow, "cash_flow"),
        asGrid(small_limit, "small_limit"),
      ],
      ([count, amount, cashFlow, limit]) => {
        checkOverdueRecord(count, amount);
        const letter = gradeOfRule(gradeRule(count, amount, cashFlow, limit));
        if (what === "grade") return letter;
        if (what === "term") return creditTerm(letter, policy);
        const reasons = gradeReasons({ overdueCount: count, largestOverdue: amount, cashFlow }, { ...policy, smallAmountLimit: limit });
        return reasonText(reasons, language);
      },
    );
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
    return mapCells([gradeArg], [asGrid(grade, "grade")], ([letter]) => creditTerm(letter, policy));
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
      {
        bucket: ["bucket", "en"],
        days: ["days", "en"],
        level: ["level", "en"],
        action: ["action", "en"],
        账龄段: ["bucket", "zh"],
        账龄: ["bucket", "zh"],
        天数: ["days", "zh"],
        逾期天数: ["days", "zh"],
        预警级别: ["level", "zh"],
        级别: ["level", "zh"],
        行动: ["action", "zh"],
      },
      "bucket",
    );
    const edgeList =
      edges === null || edges === undefined ? policy.agingEdges : option(() => readAgingEdges(wholeCallArg(edges, "edges"), "edges"));
    const warningDays = policy.warningDays;
    const labels = bucketLabels(edgeList, language);
    const actions = LADDER_ACTIONS[language];
    const args = [DATE("due_date"), DATE("as_of")] as const;
    const grids = [asGrid(due_date, "due_date"), asGrid(as_of, "as_of")];
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
    const ladder =
      tiers === null || tiers === undefined
        ? policy.settlementTiers
        : option(() => readSettlementTiers(wholeCallArg(tiers, "tiers"), "tiers"));
    const balanceArg = AMOUNT("balance");
    if (days_to_pay === null || days_to_pay === undefined) {
      const grid = asGrid(balance, "balance");
      if (grid !== null && (grid.length !== 1 || grid[0].length !== 1)) {
        return [[valueError("days_to_pay: needed when balance is a range (the ladder spills for one balance only)")]];
      }
      const rows = mapCells([balanceArg] as const, [grid], ([amount]) => amount);
      const amount = rows[0][0];
      if (typeof amount !== "number") return rows; // blank or error
      return cellRows(settlementLadder(amount, ladder).map((rung) => [rung.days ?? rung.label, rung.rate, rung.amount]));
    }
    return mapCells([balanceArg, COUNT("days_to_pay")] as const, [asGrid(balance, "balance"), asGrid(days_to_pay, "days_to_pay")], (v) =>
      settlementOffer(v[0], v[1], ladder),
    );
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
      {
        advance: ["advance", "en"],
        fee: ["fee", "en"],
        reserve: ["reserve", "en"],
        net: ["net", "en"],
        预付: ["advance", "zh"],
        手续费: ["fee", "zh"],
        尾款: ["reserve", "zh"],
        保留款: ["reserve", "zh"],
        净额: ["net", "zh"],
      },
      "advance",
    );
    const args = [AMOUNT("amount"), RATE("advance_rate", policy.factoringAdvanceRate), RATE("fee_rate", policy.factoringFeeRate)] as const;
    return mapCells(
      args,
      [asGrid(amount, "amount"), asGrid(advance_rate, "advance_rate"), asGrid(fee_rate, "fee_rate")],
      (v) => factoring(v[0], v[1], v[2])[what],
    );
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
    const [what] = readOutput<"payout" | "premium">(
      output,
      { payout: ["payout", "en"], premium: ["premium", "en"], 赔付: ["payout", "zh"], 保费: ["premium", "zh"] },
      "payout",
    );
    const premium = what === "premium";
    const args = [AMOUNT("loss"), RATE("rate", premium ? policy.insurancePremiumRate : policy.insuranceIndemnityRate)] as const;
    return mapCells(args, [asGrid(loss, "loss"), asGrid(rate, "rate")], (v) =>
      premium ? insurancePremium(v[0], v[1]) : insurancePayout(v[0], v[1]),
    );
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
    const bands =
      rates === null || rates === undefined
        ? policy.provisionRates
        : option(() => readProvisionRates(wholeCallArg(rates, "rates"), "rates"));
    const args = [AMOUNT("balance"), COUNT("days_past_due")] as const;
    return mapCells(args, [asGrid(balance, "balance"), asGrid(days_past_due, "days_past_due")], (v) => provisionFor(v[0], v[1], bands));
  });
}

/** A yes/no signal: blank (or 0, which is how Excel passes an empty cell) is unknown. */
const SIGNAL = (name: string): Arg<boolean | null> => ({ name, blank: "zero-is-blank", read: (v) => readSignal(v, name), fallback: null });

/**
 * Debtor profile before chasing: "temporary" (willing, unable for now), "willful" (able, unwilling), "unable" (bankrupt, insolvent, stopped) or "unclear" (signals missing or in conflict). Each signal is yes/no/是/否, blank if unknown.
 * @customfunction PROFILE
 * @param business_operating Core business alive and operating? (主营业务正常)
 * @param income_stable Optional. Main-business income over the last 3 months stable, per bank statements? (近3个月收入稳定)
 * @param turnover_decline Optional. AR turnover against the same period last year: none, short-term or persistent (无/短期/持续).
 * @param proposed_plan Optional. Did the debtor come forward with a repayment plan? (主动提出还款计划)
 * @param excuses Optional. Excuses such as "finance is away", "invoice not received", "product defect"? (找借口拖延)
 * @param contradiction Optional. A contradiction: a defect never raised before or without inspection report, or "no money" while buying equipment, opening a branch, winning a tender? (矛盾点)
 * @param broken_promises Optional. Payment promises made and not kept (a count). (承诺未兑现次数)
 * @param refuses_contact Optional. Refuses contact? (拒绝沟通)
 * @param insolvent Optional. Bankrupt or insolvent? (破产或资不抵债)
 * @param dishonest_debtor Optional. Listed as a dishonest judgment debtor (失信被执行人)?
 * @param operations_stopped Optional. Production stopped, equipment seized or owner unreachable? (停产、查封或失联)
 * @param output Optional. "profile" (default); "reasons"; "play": the strategy; "find out": what to check. Chinese: 类型, 原因, 策略, 待查.
 * @returns The profile (or reasons, strategy, checks) per row.
 */
export function profile(
  business_operating: any[][],
  income_stable?: any[][],
  turnover_decline?: any[][],
  proposed_plan?: any[][],
  excuses?: any[][],
  contradiction?: any[][],
  broken_promises?: any[][],
  refuses_contact?: any[][],
  insolvent?: any[][],
  dishonest_debtor?: any[][],
  operations_stopped?: any[][],
  output?: any[][],
): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput<"profile" | "reasons" | "play" | "find out">(
      output,
      {
        "profile": ["profile", "en"],
        "reasons": ["reasons", "en"],
        "play": ["play", "en"],
        "find out": ["find out", "en"],
        "findout": ["find out", "en"],
        "类型": ["profile", "zh"],
        "画像": ["profile", "zh"],
        "原因": ["reasons", "zh"],
        "策略": ["play", "zh"],
        "待查": ["find out", "zh"],
      },
      "profile",
    );
    const args = [
      SIGNAL("business_operating"),
      SIGNAL("income_stable"),
      {
        name: "turnover_decline",
        blank: "zero-is-blank",
        read: (v: Cell) => readTurnoverDecline(v),
        fallback: null,
      } as Arg<TurnoverDecline | null>,
      SIGNAL("proposed_plan"),
      SIGNAL("excuses"),
      SIGNAL("contradiction"),
      { name: "broken_promises", blank: "number", read: (v: Cell) => readBrokenPromises(v), fallback: null } as Arg<number | null>,
      SIGNAL("refuses_contact"),
      SIGNAL("insolvent"),
      SIGNAL("dishonest_debtor"),
      SIGNAL("operations_stopped"),
    ] as const;
    const grids = [
      business_operating,
      income_stable,
      turnover_decline,
      proposed_plan,
      excuses,
      contradiction,
      broken_promises,
      refuses_contact,
      insolvent,
      dishonest_debtor,
      operations_stopped,
    ].map((value, i) => asGrid(value, args[i].name));
    return mapCells(args, grids, (v) => {
      if (v.every((x) => x === null || x === 0)) return ""; // an empty row: nothing known
      const result = debtorProfile(
        {
          businessOperating: v[0],
          incomeStable: v[1],
          turnoverDecline: v[2],
          proposedPlan: v[3],
          excuses: v[4],
          contradiction: v[5],
          brokenPromises: v[6],
          refusesContact: v[7],
          insolvent: v[8],
          dishonestDebtor: v[9],
          operationsStopped: v[10],
        },
        policy,
      );
      if (what === "profile") return PROFILE_NAMES[language][result.profile];
      if (what === "play") return language === "zh" ? result.play.zh : result.play.en;
      return reasonText(what === "reasons" ? result.reasons : result.toFindOut, language);
    });
  });
}

/**
 * The next collection step for an overdue receivable: who acts and how, from the overdue ladder, the amount (face to face from the large-amount threshold, 500,000) and the debtor profile.
 * @customfunction CHANNEL
 * @param balance The overdue balance, >= 0. One cell or a column.
 * @param days_past_due Days past due, a whole number >= 0 (e.g. AR.AGING(..., "days")).
 * @param profile Optional. Debtor profile: temporary, willful, unable, unclear (or 暂时困难型, 故意拖欠型, 无能力偿还型, 不明), e.g. from AR.PROFILE.
 * @param output Optional. "step" (default): the whole step; "who"; "how"; "code": a stable code. Chinese: 步骤, 负责人, 方式.
 * @returns The next step per row.
 */
export function channel(balance: any[][], days_past_due: any[][], profile?: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput<"step" | "who" | "how" | "code">(
      output,
      {
        step: ["step", "en"],
        who: ["who", "en"],
        how: ["how", "en"],
        code: ["code", "en"],
        步骤: ["step", "zh"],
        负责人: ["who", "zh"],
        方式: ["how", "zh"],
      },
      "step",
    );
    const profileArg: Arg<DebtorProfile | null> = { name: "profile", blank: "zero-is-blank", read: (v) => readProfile(v), fallback: null };
    const args = [AMOUNT("balance"), COUNT("days_past_due"), profileArg] as const;
    return mapCells(args, [asGrid(balance, "balance"), asGrid(days_past_due, "days_past_due"), asGrid(profile, "profile")], (v) => {
      const step = collectionStep(v[0], v[1], v[2], policy);
      if (what === "code") return step.code;
      if (what === "step") return describeStep(step, language);
      const r = what === "who" ? step.who : step.how;
      return language === "zh" ? r.zh : r.en;
    });
  });
}

/**
 * Monthly balance confirmation (定期对账): is the customer's signed balance confirmation overdue? Each month every customer confirms its balance by the 5th (policy).
 * @customfunction CONFIRM
 * @param last_confirmation Date of the customer's last signed or sealed balance confirmation. One cell or a column.
 * @param as_of The report date (use TODAY() for a live sheet).
 * @param output Optional. "status" (default): "confirmed" or "overdue"; "due": the date the expected confirmation was due; "reasons". Chinese: 状态 (已对账/逾期未对账), 原因.
 * @returns The status per row.
 */
export function confirm(last_confirmation: any[][], as_of: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput<"status" | "due" | "reasons">(
      output,
      { status: ["status", "en"], due: ["due", "en"], reasons: ["reasons", "en"], 状态: ["status", "zh"], 原因: ["reasons", "zh"] },
      "status",
    );
    return mapCells(
      [DATE("last_confirmation"), DATE("as_of")] as const,
      [asGrid(last_confirmation, "last_confirmation"), asGrid(as_of, "as_of")],
      (v) => {
        const result = confirmationOverdue(v[0], v[1], policy);
        if (what === "due") return result.dueBy;
        if (what === "reasons") return reasonText(result.reasons, language);
        return CONFIRMATION_STATUS_NAMES[language][result.overdue ? 1 : 0];
      },
    );
  });
}

/**
 * Evidence first (用证据封嘴): what to get before negotiating. Each item is yes/no/是/否 (blank: unknown).
 * @customfunction EVIDENCE
 * @param signed_contract Do you hold the original contract with the company seal? (盖章合同原件)
 * @param reconciliation Optional. A reconciliation statement signed or sealed by the customer? (对账单)
 * @param collection_records Optional. Collection records stating amount and deadline (chat messages, call recordings)? (催款记录)
 * @param delivery_proof Optional. The courier receipt signed by the customer, against "invoice not received"? (快递底单)
 * @param acceptance_form Optional. The acceptance form signed by the customer, against "defective product"? (验收单)
 * @param excuse Optional. The debtor's excuse: "no invoice", "defect" or none (没收到发票, 产品有问题, 无).
 * @param output Optional. "missing" (default): what to get; "count": how many items are missing or unknown. Chinese: 缺少.
 * @returns Per row: the evidence to get ("complete" when nothing is missing), or the count.
 */
export function evidence(
  signed_contract: any[][],
  reconciliation?: any[][],
  collection_records?: any[][],
  delivery_proof?: any[][],
  acceptance_form?: any[][],
  excuse?: any[][],
  output?: any[][],
): any[][] {
  return guard(() => {
    const [what, language] = readOutput<"missing" | "count">(
      output,
      { missing: ["missing", "en"], count: ["count", "en"], 缺少: ["missing", "zh"], 数量: ["count", "zh"] },
      "missing",
    );
    const excuseArg: Arg<Excuse | null> = { name: "excuse", blank: "zero-is-blank", read: (v) => readExcuse(v), fallback: null };
    const args = [
      SIGNAL("signed_contract"),
      SIGNAL("reconciliation"),
      SIGNAL("collection_records"),
      SIGNAL("delivery_proof"),
      SIGNAL("acceptance_form"),
      excuseArg,
    ] as const;
    const grids = [signed_contract, reconciliation, collection_records, delivery_proof, acceptance_form, excuse].map((value, i) =>
      asGrid(value, args[i].name),
    );
    return mapCells(args, grids, (v) => {
      if (v.every((x) => x === null)) return "";
      const missing = missingEvidence(
        { signedContract: v[0], reconciliation: v[1], collectionRecords: v[2], deliveryProof: v[3], acceptanceForm: v[4] },
        v[5],
      );
      if (what === "count") return missing.length;
      return missing.length > 0 ? reasonText(missing, language) : EVIDENCE_COMPLETE[language];
    });
  });
}

/** Reads a whole-call argument that must be one cell: null when omitted or blank. */
function oneCell(value: unknown, name: string): Cell {
  return option(() => singleCell(value, name));
}

/**
 * Instalment plan: spills one row per instalment (number, due date, amount). Equal instalments rounded to the cent; the rounding remainder and the concession come off the last instalment(s), so the amounts add up exactly to balance - concession.
 * @customfunction PLAN
 * @param balance The amount owed, > 0. One cell.
 * @param instalments Number of instalments, a whole number from 1 to the policy's limit (24).
 * @param concession Optional. Amount forgiven on the last instalment(s), >= 0, at most the policy's share of the balance (5%).
 * @param first_due Optional. Due date of the first instalment; the others follow every interval_months months (month ends as EDATE). Without it the date column is empty.
 * @param interval_months Optional. Months between instalments, a whole number >= 1; default 1.
 * @param free_cash_flow Optional. The debtor's monthly free cash flow: adds a column saying whether each instalment fits (at most 80% of it, from the policy).
 * @returns Rows of [number, due date, amount] (and [fits] with free_cash_flow). Format the date column as dates.
 */
export function plan(
  balance: any[][],
  instalments: any[][],
  concession?: any[][],
  first_due?: any[][],
  interval_months?: any[][],
  free_cash_flow?: any[][],
): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const cells = {
      balance: oneCell(balance, "balance"),
      instalments: oneCell(instalments, "instalments"),
      concession: oneCell(concession, "concession"),
      firstDue: oneCell(first_due, "first_due"),
      interval: oneCell(interval_months, "interval_months"),
      cashFlow: oneCell(free_cash_flow, "free_cash_flow"),
    };
    if (cells.balance === null || cells.instalments === null) return [[""]];
    const result = option(() =>
      instalmentPlan(
        readAmount(cells.balance, "balance"),
        readCount(cells.instalments, "instalments"),
        {
          concession: cells.concession === null ? 0 : readAmount(cells.concession, "concession"),
          firstDue: cells.firstDue === null || cells.firstDue === 0 ? null : readDate(cells.firstDue, "first_due"),
          intervalMonths: cells.interval === null ? 1 : readCount(cells.interval, "interval_months"),
        },
        policy,
      ),
    );
    const cashFlow = cells.cashFlow === null ? null : option(() => readNumber(cells.cashFlow, "free_cash_flow"));
    // The largest instalment that fits, once per plan (cashFlowFit's rule: at most the policy's share).
    const largest = cashFlow === null || cashFlow <= 0 ? null : largestInstalmentThatFits(cashFlow, policy);
    return cellRows(
      result.instalments.map((row) => {
        const line: Result[] = [row.number, row.dueDate ?? "", row.amount];
        if (cashFlow !== null) line.push(largest !== null && row.amount <= largest);
        return line;
      }),
    );
  });
}

/**
 * Bankruptcy recovery: expected payout on an ordinary claim from the free estate, paid in the order of the PRC Enterprise Bankruptcy Law (expenses, then employee claims, then social insurance and taxes, then ordinary claims pro rata). Never more than the claim.
 * @customfunction RECOVERY
 * @param claim Your ordinary (unsecured) claim, >= 0. One cell or a column.
 * @param free_estate The debtor's estate free of security, >= 0.
 * @param ordinary_claims_total All ordinary claims including yours, > 0 and >= claim.
 * @param employee_claims Optional. Wages, compensation and pension/medical insurance owed to employees, paid first; default 0.
 * @param tax_claims Optional. Other social insurance and taxes owed, paid next; default 0.
 * @param expenses Optional. Bankruptcy expenses and common-benefit debts, paid before all; default 0.
 * @param output Optional. "payout" (default); "rate": the pro rata rate of ordinary claims; "reasons" (原因 in Chinese).
 * @returns The expected payout per row, rounded to the cent.
 */
export function recovery(
  claim: any[][],
  free_estate: any[][],
  ordinary_claims_total: any[][],
  employee_claims?: any[][],
  tax_claims?: any[][],
  expenses?: any[][],
  output?: any[][],
): any[][] {
  return guard(() => {
    const [what, language] = readOutput<"payout" | "rate" | "reasons">(
      output,
      {
        payout: ["payout", "en"],
        rate: ["rate", "en"],
        reasons: ["reasons", "en"],
        受偿额: ["payout", "zh"],
        清偿率: ["rate", "zh"],
        原因: ["reasons", "zh"],
      },
      "payout",
    );
    const args = [
      AMOUNT("claim"),
      AMOUNT("free_estate"),
      AMOUNT("ordinary_claims_total"),
      AMOUNT("employee_claims", 0),
      AMOUNT("tax_claims", 0),
      AMOUNT("expenses", 0),
    ] as const;
    const grids = [claim, free_estate, ordinary_claims_total, employee_claims, tax_claims, expenses].map((value, i) =>
      asGrid(value, args[i].name),
    );
    return mapCells(args, grids, (v) => {
      const r = bankruptcyRecovery(v[0], {
        freeEstate: v[1],
        ordinaryClaimsTotal: v[2],
        employeeClaims: v[3],
        taxClaims: v[4],
        expenses: v[5],
      });
      if (what === "rate") return r.ordinaryRate;
      return what === "reasons" ? reasonText(r.reasons, language) : r.payout;
    });
  });
}

/**
 * Last day to file a claim in a bankruptcy: the period the court set (at least 30 days, at most 3 months) counted from the day after its announcement of accepting the case. A claim filed late gets nothing from distributions already made.
 * @customfunction CLAIMDEADLINE
 * @param announcement Date of the court's announcement of accepting the bankruptcy case. One cell or a column.
 * @param period Optional. The period the court set: days (e.g. 45) or text like "2m", "2个月", "45天"; default 30 days, the earliest the court may set.
 * @param output Optional. "date" (default): the last day; "reasons" (原因 in Chinese).
 * @returns The last day to file, as a date serial (format the cell as a date).
 */
export function claimdeadline(announcement: any[][], period?: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const [what, language] = readOutput<"date" | "reasons">(
      output,
      { date: ["date", "en"], reasons: ["reasons", "en"], 日期: ["date", "zh"], 原因: ["reasons", "zh"] },
      "date",
    );
    const periodArg: Arg<FilingPeriod> = {
      name: "period",
      blank: "zero-is-blank",
      read: (v) => readFilingPeriod(v, "period"),
      fallback: {},
    };
    return mapCells([DATE("announcement"), periodArg] as const, [asGrid(announcement, "announcement"), asGrid(period, "period")], (v) => {
      const r = claimFilingDeadline(v[0], v[1]);
      return what === "reasons" ? reasonText(r.reasons, language) : r.lastDay;
    });
  });
}

/**
 * Limitation period (诉讼时效, 3 years): days left before it ends, counting from the last demand for payment, acknowledgement by the debtor or suit; negative once expired.
 * @customfunction LIMITATION
 * @param last_interruption Date of the last demand, acknowledgement or suit (each restarts the period). One cell or a column.
 * @param as_of The report date (use TODAY() for a live sheet).
 * @param output Optional. "days" (default): days left; "end": the last day; "status": running, warning (within 180 days) or expired; "reasons". Chinese: 天数, 届满日, 状态, 原因.
 * @returns Days left per row (negative once expired), or the end date, status or reasons.
 */
export function limitation(last_interruption: any[][], as_of: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput<"days" | "end" | "status" | "reasons">(
      output,
      {
        days: ["days", "en"],
        end: ["end", "en"],
        status: ["status", "en"],
        reasons: ["reasons", "en"],
        天数: ["days", "zh"],
        届满日: ["end", "zh"],
        状态: ["status", "zh"],
        原因: ["reasons", "zh"],
      },
      "days",
    );
    return mapCells(
      [DATE("last_interruption"), DATE("as_of")] as const,
      [asGrid(last_interruption, "last_interruption"), asGrid(as_of, "as_of")],
      (v) => {
        const days = limitationDaysLeft(v[0], v[1], policy);
        if (what === "days") return days;
        if (what === "end") return limitationEnd(v[0], policy);
        if (what === "status") {
          return LIMITATION_STATUS_NAMES[language][limitationStatus(days, policy)];
        }
        return reasonText(limitationReasons(v[0], v[1], policy), language);
      },
    );
  });
}

type HistoryOutput = "row" | "events" | "largest" | "days late";

/** Refuses ranges of different sizes, naming the argument that differs from due_dates. */
function sameSize(grid: Cell[][], name: string, reference: Cell[][]): void {
  const [r, c, rr, rc] = [grid.length, grid[0].length, reference.length, reference[0].length];
  if (r !== rr || c !== rc) {
    throw new RuleError(
      name,
      `is ${r}x${c} but due_dates is ${rr}x${rc}: the ranges must be the same size (one cell per invoice)`,
      `为 ${r}x${c}，而 due_dates 为 ${rr}x${rc}：各区域大小必须相同（每张发票一格）`,
    );
  }
}

/** Reads one cell of a history range, the message naming the argument and the row of the range. */
function atRow<T>(name: string, row: number, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    throw new RuleError(name, `row ${row}: ${error.detail.en}`, `第 ${row} 行：${error.detail.zh}`);
  }
}

/**
 * Grade inputs from payment history: overdue events in the 12 months before as_of (invoices due after the same day a year earlier and on or before as_of, paid more than grace_days after the due date, or unpaid past it at as_of), the largest of them and the amount-weighted average days late. Feeds AR.GRADE.
 * @customfunction HISTORY
 * @param due_dates Due dates of the customer's invoices: a column (or row) of dates, one per invoice. Empty rows are skipped.
 * @param paid_dates The date each invoice was paid, the same size as due_dates; a blank cell is not paid (a payment after as_of counts as not paid then).
 * @param amounts The invoice amounts, >= 0, the same size as due_dates (invoices only: no credit notes or payments).
 * @param as_of The report date: one cell. Use TODAY() for a live sheet.
 * @param grace_days Optional. Days after the due date a payment is still on time, 0 to 365; default from the policy (0).
 * @param output Optional. Default: one row [overdue events, largest overdue amount, average days late]; "events", "largest" or "days late" gives that value alone. Chinese: 次数, 最大金额, 平均逾期天数.
 * @returns The three grade inputs as one row, or the one asked for; the average is blank when no invoice is due in the 12 months.
 */
export function history(
  due_dates: any[][],
  paid_dates: any[][],
  amounts: any[][],
  as_of: any[][],
  grace_days?: any[][],
  output?: any[][],
): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what] = readOutput<HistoryOutput>(
      output,
      {
        "events": ["events", "en"],
        "largest": ["largest", "en"],
        "days late": ["days late", "en"],
        "次数": ["events", "zh"],
        "逾期次数": ["events", "zh"],
        "最大金额": ["largest", "zh"],
        "最大逾期金额": ["largest", "zh"],
        "平均逾期天数": ["days late", "zh"],
      },
      "row",
    );
    const dues = asGrid(wholeCallArg(due_dates, "due_dates"), "due_dates");
    const paids = asGrid(wholeCallArg(paid_dates, "paid_dates"), "paid_dates");
    const sums = asGrid(wholeCallArg(amounts, "amounts"), "amounts");
    const asOfCell = oneCell(as_of, "as_of");
    const graceCell = oneCell(grace_days, "grace_days");
    const grace = graceCell === null ? policy.overdueGraceDays : checkGraceDays(readCount(graceCell, "grace_days"));
    if (dues === null) throw new RuleError("due_dates", "is needed: the invoices' due dates", "不能为空：各发票的到期日");
    if (sums === null) throw new RuleError("amounts", "is needed: the invoices' amounts", "不能为空：各发票的金额");
    if (paids !== null) sameSize(paids, "paid_dates", dues);
    sameSize(sums, "amounts", dues);
    if (asOfCell === null || asOfCell === 0) return [[""]];
    const asOf = readDate(asOfCell, "as_of");
    const invoices: HistoryInvoice[] = [];
    const width = dues[0].length;
    for (let r = 0; r < dues.length; r++) {
      for (let c = 0; c < width; c++) {
        const row = r * width + c + 1;
        const due = dues[r][c];
        const paid = paids === null ? null : paids[r][c];
        const amount = sums[r][c];
        const paidBlank = isBlankCell(paid, "zero-is-blank");
        if (isBlankCell(due, "zero-is-blank")) {
          // An empty row at the bottom of the range (its amount arrives as 0): skipped.
          if (paidBlank && (isBlankCell(amount, "number") || amount === 0)) continue;
          throw new RuleError("due_dates", `row ${row}: blank, but the row has an invoice`, `第 ${row} 行：为空，但该行有发票`);
        }
        if (isBlankCell(amount, "number")) throw new RuleError("amounts", `row ${row}: blank`, `第 ${row} 行：为空`);
        invoices.push({
          dueDate: atRow("due_dates", row, () => readDate(due, "due_dates")),
          paidDate: paidBlank ? null : atRow("paid_dates", row, () => readDate(paid, "paid_dates")),
          amount: atRow("amounts", row, () => readAmount(amount, "amounts")),
        });
      }
    }
    const h = overdueHistory(invoices, asOf, grace);
    const days = h.averageDaysLate ?? "";
    if (what === "events") return [[h.overdueEvents]];
    if (what === "largest") return [[h.largestOverdue]];
    if (what === "days late") return [[days]];
    return cellRows([[h.overdueEvents, h.largestOverdue, days]]);
  });
}

/**
 * Future benefit for present payment (用未来利益换现在还款): pay the full balance within 30 days and the next order gets 15 more days of credit and 1% off (from the policy). A cash-on-delivery customer (term 0) gets the discount only.
 * @customfunction BENEFIT
 * @param balance The full amount owed, > 0. One cell or a column.
 * @param term_days Optional. The customer's current credit term in days (e.g. AR.GRADE(..., "term")): the offer then names the next order's term.
 * @param output Optional. "offer" (default): the offer in words; "term": the next order's credit term in days (needs term_days); "discount": the next order's discount; "days": pay within this many days; "amount": the amount to pay now. Chinese: 方案, 账期, 折扣, 天数, 金额.
 * @returns The offer per row, or the number asked for.
 */
export function benefit(balance: any[][], term_days?: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput<"offer" | "term" | "discount" | "days" | "amount">(
      output,
      {
        offer: ["offer", "en"],
        term: ["term", "en"],
        discount: ["discount", "en"],
        days: ["days", "en"],
        amount: ["amount", "en"],
        方案: ["offer", "zh"],
        账期: ["term", "zh"],
        折扣: ["discount", "zh"],
        天数: ["days", "zh"],
        金额: ["amount", "zh"],
      },
      "offer",
    );
    if (what === "term" && (term_days === null || term_days === undefined)) {
      return [[valueError("term_days: needed for the next order's term")]];
    }
    const termArg: Arg<number | null> = { name: "term_days", blank: "number", read: (v) => readCount(v, "term_days"), fallback: null };
    return mapCells([AMOUNT("balance"), termArg] as const, [asGrid(balance, "balance"), asGrid(term_days, "term_days")], (v) => {
      const offer = futureBenefit(v[0], v[1], policy);
      switch (what) {
        case "term":
          return offer.nextTermDays ?? "";
        case "discount":
          return offer.discountRate;
        case "days":
          return offer.payWithinDays;
        case "amount":
          return offer.amount;
        default:
          return language === "zh" ? offer.reason.zh : offer.reason.en;
      }
    });
  });
}

// ---- the collection log (issue 13; docs/collection-log.md) ------------------------------------------------

/** Refuses two ranges of the log of different sizes, naming the one that differs from its reference. */
function sameSizeAs(grid: Cell[][], name: string, reference: Cell[][], referenceName: string, each: readonly [string, string]): void {
  const [r, c, rr, rc] = [grid.length, grid[0].length, reference.length, reference[0].length];
  if (r !== rr || c !== rc) {
    throw new RuleError(
      name,
      `is ${r}x${c} but ${referenceName} is ${rr}x${rc}: the ranges must be the same size (one cell per ${each[0]})`,
      `为 ${r}x${c}，而 ${referenceName} 为 ${rr}x${rc}：各区域大小必须相同（每${each[1]}一格）`,
    );
  }
}

/** True for the cell of an amount left empty (Excel passes 0 for an empty cell inside a range). */
const blankAmount = (cell: Cell): boolean => isBlankCell(cell, "number") || cell === 0;

type PromiseOutput = "status" | "paid" | "broken" | "kept" | "pending";

/**
 * Promises to pay checked against payments (承诺还款): a promise is kept when the payments from the day it was made up to its promised date plus the grace days cover its amount, broken once that day has passed without them, else pending. Each payment counts once; promises take payments in the order of their promised dates.
 * @customfunction PROMISE
 * @param made_dates The days the promises were made: a column (or row) of dates, one per promise (e.g. the log's dates of "promise to pay" rows, with FILTER). Empty rows are skipped.
 * @param promised_dates The date each promise names for the payment, the same size as made_dates; not before the day it was made.
 * @param promised_amounts The amount each promise names, > 0, the same size as made_dates.
 * @param payment_dates The days the payments were received: a column (or row), one per payment; one blank cell when there are none.
 * @param payment_amounts The amount of each payment, > 0, the same size as payment_dates.
 * @param as_of Optional. The report date, one cell (TODAY() for a live sheet); promises and payments after it are not counted. Default: the latest day a promise was made or a payment received.
 * @param grace_days Optional. Days after the promised date a payment still keeps the promise, 0 to 365; default from the policy (3).
 * @param output Optional. "status" (default): kept, broken or pending per promise; "paid": the amount credited to each; "broken", "kept" or "pending": how many, in one cell ("broken" feeds AR.PROFILE's broken_promises). Chinese: 状态, 已付, 未兑现, 已兑现, 待兑现.
 * @returns The status of each promise, spilled with the shape of made_dates; or one count.
 */
export function promise(
  made_dates: any[][],
  promised_dates: any[][],
  promised_amounts: any[][],
  payment_dates: any[][],
  payment_amounts: any[][],
  as_of?: any[][],
  grace_days?: any[][],
  output?: any[][],
): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput<PromiseOutput>(
      output,
      {
        "status": ["status", "en"],
        "paid": ["paid", "en"],
        "broken": ["broken", "en"],
        "count broken": ["broken", "en"],
        "kept": ["kept", "en"],
        "count kept": ["kept", "en"],
        "pending": ["pending", "en"],
        "count pending": ["pending", "en"],
        "状态": ["status", "zh"],
        "已付": ["paid", "zh"],
        "已付金额": ["paid", "zh"],
        "未兑现": ["broken", "zh"],
        "未兑现次数": ["broken", "zh"],
        "已兑现": ["kept", "zh"],
        "已兑现次数": ["kept", "zh"],
        "待兑现": ["pending", "zh"],
        "待兑现次数": ["pending", "zh"],
      },
      "status",
    );
    const made = asGrid(wholeCallArg(made_dates, "made_dates"), "made_dates");
    const promised = asGrid(wholeCallArg(promised_dates, "promised_dates"), "promised_dates");
    const amounts = asGrid(wholeCallArg(promised_amounts, "promised_amounts"), "promised_amounts");
    const paidOn = asGrid(wholeCallArg(payment_dates, "payment_dates"), "payment_dates");
    const paid = asGrid(wholeCallArg(payment_amounts, "payment_amounts"), "payment_amounts");
    const asOfCell = oneCell(as_of, "as_of");
    const graceCell = oneCell(grace_days, "grace_days");
    const grace = graceCell === null ? policy.promiseGraceDays : readGraceDays(graceCell, "grace_days");
    const givenAsOf = asOfCell === null || asOfCell === 0 ? null : readDate(asOfCell, "as_of");
    if (made === null) throw new RuleError("made_dates", "is needed: the days the promises were made", "不能为空：各项承诺作出的日期");
    if (promised === null) throw new RuleError("promised_dates", "is needed: the dates the promises name", "不能为空：各项承诺的还款日期");
    if (amounts === null) throw new RuleError("promised_amounts", "is needed: the amounts promised", "不能为空：各项承诺的金额");
    const perPromise = ["promise", "项承诺"] as const;
    sameSizeAs(promised, "promised_dates", made, "made_dates", perPromise);
    sameSizeAs(amounts, "promised_amounts", made, "made_dates", perPromise);
    if (paidOn === null && paid !== null) {
      throw new RuleError(
        "payment_dates",
        "is needed with payment_amounts: the day of each payment",
        "不能为空：需与回款金额对应的回款日期",
      );
    }
    if (paid === null && paidOn !== null) {
      throw new RuleError(
        "payment_amounts",
        "is needed with payment_dates: the amount of each payment",
        "不能为空：需与回款日期对应的回款金额",
      );
    }
    if (paidOn !== null && paid !== null) sameSizeAs(paid, "payment_amounts", paidOn, "payment_dates", ["payment", "笔回款"]);

    // The promises, row by row (reading order); slot: each cell's promise, -1 for an empty row.
    const [madeCells, promisedCells, amountCells] = [made.flat(), promised.flat(), amounts.flat()];
    const promises: PromiseInput[] = [];
    const slot: number[] = [];
    const promiseArgs = ["made_dates", "promised_dates", "promised_amounts"];
    madeCells.forEach((madeCell, i) => {
      const row = i + 1;
      const blank = [isBlankCell(madeCell, "zero-is-blank"), isBlankCell(promisedCells[i], "zero-is-blank"), blankAmount(amountCells[i])];
      if (blank.every(Boolean)) {
        slot.push(-1);
        return;
      }
      if (blank.includes(true)) {
        throw new RuleError(
          promiseArgs[blank.indexOf(true)],
          `row ${row}: blank, but the row has a promise`,
          `第 ${row} 行：为空，但该行有承诺`,
        );
      }
      const madeOn = atRow("made_dates", row, () => readDate(madeCell, "made_dates"));
      const promisedDate = atRow("promised_dates", row, () => readDate(promisedCells[i], "promised_dates"));
      if (calendarDay(promisedDate) < calendarDay(madeOn)) {
        throw new RuleError(
          "promised_dates",
          `row ${row}: the promised date is before the day the promise was made`,
          `第 ${row} 行：承诺日期早于作出承诺之日`,
        );
      }
      const amount = atRow("promised_amounts", row, () => readLoggedAmount(amountCells[i], "promised_amounts"));
      slot.push(promises.length);
      promises.push({ made: madeOn, promisedDate, amount });
    });
    const payments: PaymentInput[] = [];
    const [dayCells, paidCells] = [paidOn?.flat() ?? [], paid?.flat() ?? []];
    dayCells.forEach((dayCell, i) => {
      const row = i + 1;
      const [noDay, noAmount] = [isBlankCell(dayCell, "zero-is-blank"), blankAmount(paidCells[i])];
      if (noDay && noAmount) return;
      if (noDay || noAmount) {
        throw new RuleError(
          noDay ? "payment_dates" : "payment_amounts",
          `row ${row}: blank, but the row has a payment`,
          `第 ${row} 行：为空，但该行有回款`,
        );
      }
      payments.push({
        date: atRow("payment_dates", row, () => readDate(dayCell, "payment_dates")),
        amount: atRow("payment_amounts", row, () => readLoggedAmount(paidCells[i], "payment_amounts")),
      });
    });

    const counting = what === "broken" || what === "kept" || what === "pending";
    if (promises.length === 0) return counting ? [[0]] : made.map((line) => line.map(() => ""));
    // Without an as-of date, the log is read as far as it goes: its latest promise or payment.
    const asOf = givenAsOf ?? Math.max(...promises.map((p) => p.made), ...payments.map((p) => p.date));
    const check = checkPromises(promises, payments, asOf, grace);
    if (counting) return [[check.promises.filter((p) => p.status === what).length]];
    const byIndex = new Map(check.promises.map((p) => [p.index, p]));
    const names = PROMISE_STATE_NAMES[language];
    const width = made[0].length;
    return made.map((line, r) =>
      line.map((_, c): Result => {
        const k = slot[r * width + c];
        if (k < 0) return "";
        const evaluation = byIndex.get(k);
        if (what === "paid") return evaluation === undefined ? "" : evaluation.paid;
        return evaluation === undefined ? names.afterAsOf : names[evaluation.status];
      }),
    );
  });
}

type NextContactOutput = "date" | "status" | "days overdue";

/**
 * The next contact due by the warning ladder (催收跟进): the last contact plus 1 day at level 1 (the salesperson follows up daily), 7 days at level 2 and 3 days at level 3 (the policy's cadence); none at level 0. With no contact logged, it is due on the as-of date.
 * @customfunction NEXTCONTACT
 * @param last_contact The day of the last contact with the debtor (a call, visit, message, letter, promise, ...); blank when none is logged. One cell or a column.
 * @param warning_level The warning level, 0 to 3 (e.g. AR.AGING(..., "level")). One cell or a column.
 * @param as_of Optional. The report date (TODAY() for a live sheet); needed when last_contact is blank, and for the outputs "status" and "days overdue".
 * @param output Optional. "date" (default): the day the next contact is due (format the cell as a date), blank at level 0; "status": overdue, due today, not due or none; "days overdue": days since it was due (0 due today, negative: days to go). Chinese: 日期, 状态, 逾期天数.
 * @returns The next contact's date per row, or its status, or the days overdue.
 */
export function nextcontact(last_contact: any[][], warning_level: any[][], as_of?: any[][], output?: any[][]): any[][] {
  return guard(() => {
    const policy = workbookPolicy();
    const [what, language] = readOutput<NextContactOutput>(
      output,
      {
        "date": ["date", "en"],
        "status": ["status", "en"],
        "days overdue": ["days overdue", "en"],
        "日期": ["date", "zh"],
        "下次联系日": ["date", "zh"],
        "状态": ["status", "zh"],
        "逾期天数": ["days overdue", "zh"],
      },
      "date",
    );
    const lastArg: Arg<number | null> = {
      name: "last_contact",
      blank: "zero-is-blank",
      read: (v) => readDate(v, "last_contact"),
      fallback: null,
    };
    const levelArg: Arg<WarningLevel> = { name: "warning_level", blank: "number", read: (v) => readWarningLevel(v, "warning_level") };
    const asOfArg: Arg<number | null> = { name: "as_of", blank: "zero-is-blank", read: (v) => readDate(v, "as_of"), fallback: null };
    const names = FOLLOW_UP_STATUS_NAMES[language];
    const grids = [asGrid(last_contact, "last_contact"), asGrid(warning_level, "warning_level"), asGrid(as_of, "as_of")];
    return mapCells([lastArg, levelArg, asOfArg] as const, grids, ([last, level, asOf]) => {
      // No contact and level 0: nothing to follow up (and how Excel passes an empty row of a range).
      if (last === null && level === 0) return "";
      if (asOf === null) {
        if (last === null) {
          throw new RuleError(
            "as_of",
            "is needed when last_contact is blank: with no contact logged, the next contact is due on the as-of date",
            "在最近联系日为空时不能为空：尚无联系记录时，下次联系日即截止日",
          );
        }
        if (what !== "date") throw new RuleError("as_of", `is needed for the output "${what}"`, `输出“${what}”时不能为空`);
        return nextContactDue(last, level, last, policy) ?? "";
      }
      if (last !== null) checkContactNotAfter(last, asOf, "last_contact");
      const due = nextContactDue(last, level, asOf, policy);
      if (what === "date") return due ?? "";
      if (what === "status") return names[followUpStatus(due, asOf)];
      return due === null ? "" : calendarDay(asOf) - calendarDay(due);
    });
  });
}

// Once Office is ready: error messages follow Excel's display language, and the workbook's own policy
// replaces the defaults (then formulas computed before that are computed again).
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady(() => {
    setMessageLanguage(officeDisplayLanguage());
    const loaded = loadWorkbookPolicy();
    if (loaded.stored && !loaded.problem && typeof Excel !== "undefined") recalculateWorkbook().catch(() => undefined);
  });
}
