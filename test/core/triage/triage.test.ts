import { describe, expect, it } from "vitest";
import { reasonText, RuleError } from "../../../src/core/errors.js";
import { serialFromCivil } from "../../../src/core/dates.js";
import { DEFAULT_POLICY, withOverrides } from "../../../src/core/policy.js";
import { recogniseColumns } from "../../../src/core/triage/headers.js";
import { FILE_CLAIM_REMINDER, triagePortfolio, type ColumnMapping, type TriageRecord } from "../../../src/core/triage/triage.js";
import { recordCells, TRIAGE_COLUMNS, triageColumns } from "../../../src/result/columns.js";
import { summarise } from "../../../src/core/triage/summary.js";
import { ruleError } from "../../support/rule-error.js";
import { AS_OF, HEADERS, ROWS } from "./portfolio.js";

const { mapping } = recogniseColumns(HEADERS);
const output = triagePortfolio(ROWS, mapping, { asOf: AS_OF });
const records = output.records;
const cells = (r: TriageRecord, language: "en" | "zh" = "en") => recordCells(r, language, output.policy);
const codes = (rs: readonly { code: string }[]) => rs.map((r) => r.code);

/** The one reason of a row with a problem: no verdict until it is fixed. */
const NOT_TRIAGED_TEXT = "not triaged until the problem is fixed";
const NO_CONFIRMATION = "no balance confirmation on record; the one for 2025-07 was due by 2025-07-05";

describe("triage of a hand-made portfolio (as of 2025-07-27)", () => {
  it("has one record per input row up to the last non-blank one, in input order, with sheet row numbers", () => {
    expect(records.map((r) => r.sourceRow)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(records.map((r) => r.customer)).toEqual([
      "Restaurant Supply Chain",
      "Building Materials Dealer",
      "Electronics Customer",
      "Acme Trading",
      "Bright Paper",
      "Coastal Foods",
      "Delta Metals",
      "Eastern Textiles",
      "",
      "acme trading",
      "Fuji Parts",
    ]);
    expect(records.map((r) => r.status)).toEqual([
      "ok",
      "ok",
      "ok",
      "ok",
      "problem",
      "problem",
      "problem",
      "problem",
      "blank",
      "problem",
      "problem",
    ]);
    expect(output.trailingBlankRows).toBe(2);
    expect(output.asOf).toBe(AS_OF);
    expect(output.policy).toBe(DEFAULT_POLICY);
  });

  it("the columns and their headers in both languages", () => {
    expect(TRIAGE_COLUMNS.map((c) => c.key)).toEqual([
      "sourceRow",
      "customer",
      "balance",
      "status",
      "problems",
      "grade",
      "term",
      "daysPastDue",
      "bucket",
      "level",
      "nextStep",
      "profile",
      "strategy",
      "toFindOut",
      "offer-10",
      "offer-20",
      "offer-full",
      "futureBenefit",
      "instalments",
      "recovery",
      "missingEvidence",
      "confirmation",
      "limitationDays",
      "limitationStatus",
      "reasons",
    ]);
    expect(TRIAGE_COLUMNS.map((c) => c.en)).toEqual([
      "source row",
      "customer",
      "balance",
      "status",
      "problems",
      "grade",
      "term (days)",
      "days past due",
      "aging bucket",
      "warning level",
      "next step",
      "profile",
      "strategy",
      "to find out",
      "pay within 10 days (90%)",
      "pay within 20 days (95%)",
      "full balance (after 20 days)",
      "future benefit (pay in full now)",
      "instalment proposal",
      "recovery estimate",
      "missing evidence",
      "balance confirmation",
      "limitation: days left",
      "limitation status",
      "reasons",
    ]);
    expect(TRIAGE_COLUMNS.map((c) => c.zh)).toEqual([
      "源行号",
      "客户",
      "余额",
      "状态",
      "问题",
      "信用等级",
      "账期（天）",
      "逾期天数",
      "账龄段",
      "预警级别",
      "下一步",
      "客户画像",
      "策略",
      "待查",
      "10天内付清（90%）",
      "20天内付清（95%）",
      "全额（20天后）",
      "未来利益（现在全额还款）",
      "分期方案",
      "预计受偿",
      "缺少的证据",
      "对账状态",
      "诉讼时效剩余天数",
      "诉讼时效状态",
      "原因",
    ]);
    for (const r of records) expect(cells(r)).toHaveLength(TRIAGE_COLUMNS.length);
  });

  it("row 2, the restaurant supply chain: temporary, an instalment plan within its free cash flow", () => {
    const r = records[0];
    expect(cells(r)).toEqual([
      2,
      "Restaurant Supply Chain",
      1200000,
      "ok",
      "",
      "B",
      15,
      91,
      "90+",
      3,
      "finance manager: negotiate an instalment plan sized to its free cash flow; no lawyer's letter (face-to-face meeting, then an e-mail to confirm)",
      "temporary",
      "keep it alive: an instalment plan sized to its free cash flow, a small concession on the last instalment, a soft guarantee (e.g. the right to stop supplying named outlets on default); no lawyer's letter",
      "",
      1080000,
      1140000,
      1200000,
      "",
      "12 instalments of 100,000, the last reduced by 50,000 (concession): total 1,150,000",
      "",
      "complete",
      "confirmed",
      897,
      "running",
      "1 overdue event of 20,000, within the small-amount limit 50,000 (B); credit term 15 days; 91 days past due: level 3 from 90 days; " +
        "core business operating; main-business income stable over the last 3 months; AR turnover down only short-term against the same period last year; " +
        "came forward with a repayment plan; no excuses, contradiction, broken promises or refusal of contact; " +
        "profile temporary: its play instead of the ladder's level 3 step (legal: lawyer's letter and prepare the lawsuit); " +
        "no future benefit: a temporarily distressed debtor cannot pay in full now; it gets the instalment plan; " +
        "confirmed on 2025-07-03, within the 2025-07 cycle, due by 2025-07-05; limitation period ends 2028-01-10: 897 days left",
    ]);
    expect(cells(r, "zh")).toEqual([
      2,
      "Restaurant Supply Chain",
      1200000,
      "正常",
      "",
      "B",
      15,
      91,
      "90天以上",
      3,
      "财务经理：按其自由现金流协商分期还款方案；不发律师函（上门面谈，邮件跟进确认）",
      "暂时困难型",
      "帮客户活下来：按其自由现金流定分期方案，最后一期小幅减免，设软担保（如逾期即停止向指定门店供货）；不发律师函",
      "",
      1080000,
      1140000,
      1200000,
      "",
      "分 12 期，每期 100,000，最后一期减免 50,000：合计 1,150,000",
      "",
      "证据齐全",
      "已对账",
      897,
      "进行中",
      "近12个月逾期1次，金额20,000未超过小额上限50,000（B级）；账期15天；逾期91天：达到三级预警（90天起）；主营业务正常；近3个月主营业务收入稳定；" +
        "应收账款周转率同比仅短期下降；主动提出还款计划；无借口、无矛盾点、无失信承诺、不拒绝沟通；" +
        "客户画像为暂时困难型：按其策略处理，代替三级预警的步骤（法务：发律师函，准备起诉）；不提供未来利益：暂时困难型客户目前无力一次还清，采用分期方案；已于2025-07-03确认余额，属2025年7月对账周期（应于2025-07-05前完成）；" +
        "诉讼时效于 2028-01-10 届满：剩余 897 天",
    ]);
    // the article's plan for the article's debtor: 1,200,000 owed, 150,000 free cash flow a month
    expect(r.instalments).toEqual({
      instalments: 12,
      amount: 100000,
      last: 50000,
      concession: 50000,
      total: 1150000,
      reason: {
        code: "plan",
        en: "12 instalments of 100,000, the last reduced by 50,000 (concession): total 1,150,000",
        zh: "分 12 期，每期 100,000，最后一期减免 50,000：合计 1,150,000",
      },
    });
    expect(r).toMatchObject({
      balance: 1200000,
      dueDate: serialFromCivil(2025, 4, 27),
      overdueCount: 1,
      largestOverdue: 20000,
      cashFlow: "good",
      grade: "B",
      gradeRule: "B-small-overdue",
      termDays: 15,
      daysPastDue: 91,
      bucketIndex: 4,
      bucket: "90+",
      level: 3,
      action: "legal: lawyer's letter, prepare the lawsuit",
      profile: "temporary",
      offers: [1080000, 1140000, 1200000],
      futureBenefit: null,
      recovery: null,
      missingEvidence: [],
    });
    expect(r.step?.code).toBe("finance-manager/instalment-plan/meeting");
    // one next step: the profile's play over the ladder's lawyer's letter, and why
    expect(r.nextStep).toMatchObject({ rule: "profile", code: "finance-manager/instalment-plan/meeting" });
    expect(r.nextStep?.reason.en).toBe(
      "profile temporary: its play instead of the ladder's level 3 step (legal: lawyer's letter and prepare the lawsuit)",
    );
    expect(r.confirmation?.overdue).toBe(false);
    expect(r.limitation).toEqual({
      lastInterruption: serialFromCivil(2025, 1, 10),
      end: serialFromCivil(2028, 1, 10),
      daysLeft: 897,
      status: "running",
    });
  });

  it("row 3, the building-materials dealer: willful, the lawyer's letter with a deadline, evidence to get first", () => {
    const r = records[1];
    expect(cells(r)).toEqual([
      3,
      "Building Materials Dealer",
      800000,
      "ok",
      "",
      "C",
      0,
      181,
      "90+",
      3,
      "legal: lawyer's letter with the contract and proof it can pay, deadline 3 days; prepare the lawsuit (face-to-face meeting, then an e-mail to confirm)",
      "willful",
      "press its core interest (qualification, big orders, credit record): a lawyer's letter with the contract, proof it can pay, and notice of what follows if it does not pay within 3 days",
      "get the last 3 months' bank statements and check the main-business income; compare AR turnover with the same period last year: a short-term dip or a persistent decline?; " +
        "talk to the debtor and see whether it comes forward with a repayment plan; check the courts' bankruptcy announcements and whether its debts exceed its assets; " +
        "search the dishonest judgment debtor list (中国执行信息公开网, zxgk.court.gov.cn); visit the site: production running, equipment seized, owner reachable?",
      720000,
      760000,
      800000,
      "",
      "",
      "",
      "get: the reconciliation statement signed or sealed by the customer; check you hold: collection records stating the amount and the deadline (chat messages, call recordings); " +
        "check you hold: the courier receipt showing the customer signed for the invoice",
      "overdue",
      "",
      "",
      "3 overdue events in 12 months (2 or more: C); credit term 0 days: cash on delivery; 181 days past due: level 3 from 90 days; core business operating; " +
        "makes excuses to delay (finance away, invoice not received, product defect); contradiction: a defect never raised before or without an inspection report, " +
        "or no money while buying equipment, opening a branch or winning a tender; " +
        "profile willful: its play instead of the ladder's level 3 step (legal: lawyer's letter and prepare the lawsuit); " +
        "no future benefit: a willful debtor is pressed, not rewarded with better terms; " +
        NO_CONFIRMATION,
    ]);
    expect(codes(r.missingEvidence ?? [])).toEqual(["reconciliation", "collection-records", "courier-receipt"]);
    expect(r.step?.code).toBe("legal/lawyer-letter-deadline/meeting");
    expect(r.limitation).toBeNull();
  });

  it("row 4, the bankrupt electronics customer: unable, file the claim at once, the expected payout", () => {
    const r = records[2];
    expect(cells(r)).toEqual([
      4,
      "Electronics Customer",
      500000,
      "ok",
      "",
      "C",
      0,
      47,
      "31-60",
      1,
      "legal: file the claim with the court or administrator at once, trace assets, ask for assets in kind (face-to-face meeting, then an e-mail to confirm)",
      "unable",
      "race the clock: file the claim with the court inside the claim window, trace assets (receivables, idle equipment, inventory), ask the administrator for assets in kind",
      "",
      "",
      "",
      "",
      "",
      "",
      125000,
      "",
      "overdue",
      581,
      "running",
      "2 overdue events in 12 months (2 or more: C); cash flow poor (C); credit term 0 days: cash on delivery; 47 days past due: level 1 from 30 days; " +
        "bankrupt or insolvent; " +
        "bankrupt or insolvent: the claim must be filed inside the court's window (30 days to 3 months from its announcement; AR.CLAIMDEADLINE), " +
        "even before the due date, and filing restarts the limitation period; before the ladder's level 1 step (salesperson: daily follow-up and a dunning letter); " +
        "no settlement offer: a debtor unable to pay gets the claim route, not a discount; last confirmation 2025-06-30 is older than the 2025-07 cycle, due by 2025-07-05; limitation period ends 2027-02-28: 581 days left",
    ]);
    expect(r.recovery).toMatchObject({ kind: "estimate", payout: 125000, ordinaryRate: 0.25 });
    expect(r.offers).toBeNull();
    expect(r.nextStep?.rule).toBe("claim-window");
  });

  it("row 5, a grade A customer not yet due: nothing to do, no profile, no offer", () => {
    expect(cells(records[3])).toEqual([
      5,
      "Acme Trading",
      100000.05,
      "ok",
      "",
      "A",
      30,
      0,
      "current",
      0,
      "not yet due: no action",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "confirmed",
      "",
      "",
      "no overdue event in 12 months and cash flow good (A); credit term 30 days; not yet due; not overdue: no profile needed; " +
        "no settlement offer: not yet due; confirmed on 2025-07-02, within the 2025-07 cycle, due by 2025-07-05",
    ]);
    expect(records[3]).toMatchObject({ profile: null, play: null, toFindOut: [], offers: null, futureBenefit: null });
    expect(records[3].nextStep).toMatchObject({ rule: "not-due", code: "none" });
    // a blank largest overdue amount with no overdue event is 0
    expect(records[3].largestOverdue).toBe(0);
  });

  it("row 6, text in an amount: only the problem, no verdict", () => {
    const r = records[4];
    expect(cells(r)).toEqual([
      6,
      "Bright Paper",
      "",
      "problem",
      'balance: "about 30k" is not a number',
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      NOT_TRIAGED_TEXT,
    ]);
    expect(r.problems).toEqual([{ code: "invalid:balance", en: 'balance: "about 30k" is not a number', zh: '余额："about 30k" 不是数字' }]);
    expect(r.balance).toBeNull();
    expect(r.offers).toBeNull();
    expect(r.step).toBeNull();
  });

  it("row 7, a missing due date: only the problem", () => {
    const r = records[5];
    expect(cells(r)).toEqual([
      7,
      "Coastal Foods",
      60000,
      "problem",
      "due date: missing (blank cell)",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      NOT_TRIAGED_TEXT,
    ]);
    expect(r.problems).toEqual([{ code: "missing:dueDate", en: "due date: missing (blank cell)", zh: "到期日：缺失（空白单元格）" }]);
  });

  it("row 8, an impossible date (2025-02-30): only the problem", () => {
    const r = records[6];
    expect(cells(r)).toEqual([
      8,
      "Delta Metals",
      45000,
      "problem",
      'due date: "2025-02-30" is not a real date',
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      NOT_TRIAGED_TEXT,
    ]);
    expect(r.problems[0].zh).toBe('到期日："2025-02-30" 不是有效日期');
  });

  it("row 9, an Excel error value (#N/A) in the balance: only the problem", () => {
    const r = records[7];
    expect(cells(r)).toEqual([
      9,
      "Eastern Textiles",
      "",
      "problem",
      "balance: the cell holds the Excel error #N/A",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      NOT_TRIAGED_TEXT,
    ]);
    expect(r.problems).toEqual([
      { code: "error-value:balance", en: "balance: the cell holds the Excel error #N/A", zh: "余额：单元格为 Excel 错误值 #N/A" },
    ]);
  });

  it("row 10, a blank row between data rows, is reported as blank", () => {
    const r = records[8];
    expect(cells(r)).toEqual([
      10,
      "",
      "",
      "blank",
      "blank row between data rows",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
    expect(cells(r, "zh").slice(0, 5)).toEqual([10, "", "", "空行", "数据行之间的空行"]);
    expect(r.reasons).toEqual([]);
    expect(r.profile).toBeNull();
  });

  it("row 11, a duplicate customer (case and spaces ignored): duplicate of row 5, no verdict (it would be chased twice)", () => {
    const r = records[9];
    expect(cells(r)).toEqual([
      11,
      "acme trading",
      2000,
      "problem",
      "customer: duplicate of row 5",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      NOT_TRIAGED_TEXT,
    ]);
    expect(r.problems).toEqual([{ code: "duplicate", en: "customer: duplicate of row 5", zh: "客户：与第 5 行重复" }]);
  });

  it("row 12, a bad optional cell: only the problem (no verdict on a row not read in full)", () => {
    const r = records[10];
    expect(cells(r)).toEqual([
      12,
      "Fuji Parts",
      20000,
      "problem",
      'cash flow: "excellent" is not one of good/fair/poor, 好/一般/差',
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      NOT_TRIAGED_TEXT,
    ]);
    expect(r.problems[0].zh).toBe('现金流："excellent" 不在可选值 good/fair/poor, 好/一般/差 之中');
    expect(r.cashFlow).toBeNull();
    expect(r.overdueCount).toBe(0);
  });

  it("summarises counts and amounts by profile, level, bucket and grade, and the rows with problems", () => {
    const s = summarise(records);
    // rows with a problem have no level: only the 4 rows triaged are in the breakdowns
    expect(s).toMatchObject({ rows: 11, ok: 4, problem: 6, blank: 1, triaged: 4, amount: 2600000.05 });
    const brief = (groups: readonly { key: string; count: number; amount: number }[]) => groups.map((g) => [g.key, g.count, g.amount]);
    expect(brief(s.byProfile)).toEqual([
      ["temporary", 1, 1200000],
      ["willful", 1, 800000],
      ["unable", 1, 500000],
      ["unclear", 0, 0],
      ["none", 1, 100000.05],
    ]);
    expect(brief(s.byLevel)).toEqual([
      ["0", 1, 100000.05],
      ["1", 1, 500000],
      ["2", 0, 0],
      ["3", 2, 2000000],
    ]);
    expect(brief(s.byBucket)).toEqual([
      ["current", 1, 100000.05],
      ["1-30", 0, 0],
      ["31-60", 1, 500000],
      ["61-90", 0, 0],
      ["90+", 2, 2000000],
    ]);
    expect(brief(s.byGrade)).toEqual([
      ["A", 1, 100000.05],
      ["B", 1, 1200000],
      ["C", 2, 1300000],
      ["none", 0, 0],
    ]);
    expect(s.byBucket.map((g) => g.zh)).toEqual(["未到期", "1-30天", "31-60天", "61-90天", "90天以上"]);
    expect(s.byProfile.map((g) => g.zh)).toEqual(["暂时困难型", "故意拖欠型", "无能力偿还型", "不明", "未画像"]);
    expect(s.problemRows.map((p) => [p.sourceRow, p.customer, p.problem.code, p.problemCount])).toEqual([
      [6, "Bright Paper", "invalid:balance", 1],
      [7, "Coastal Foods", "missing:dueDate", 1],
      [8, "Delta Metals", "invalid:dueDate", 1],
      [9, "Eastern Textiles", "error-value:balance", 1],
      [10, "", "blank-row", 1],
      [11, "acme trading", "duplicate", 1],
      [12, "Fuji Parts", "invalid:cashFlow", 1],
    ]);
  });

  it("gives the same verdicts when every cell is text, as a CSV file gives them", () => {
    const iso = (serial: number) => {
      // dates as the ISO text a CSV export holds
      for (let y = 2024; y <= 2025; y++)
        for (let m = 1; m <= 12; m++)
          for (let d = 1; d <= 31; d++) {
            try {
              if (serialFromCivil(y, m, d) === serial) return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
            } catch {
              /* not a date */
            }
          }
      throw new Error(`no date for ${serial}`);
    };
    const dateColumns = new Set([2, 18, 23]);
    const text = ROWS.map((row) =>
      row.map((cell, c) => (typeof cell === "number" ? (dateColumns.has(c) ? iso(cell) : String(cell)) : cell)),
    );
    const again = triagePortfolio(text, mapping, { asOf: AS_OF }).records;
    expect(again.map((r) => cells(r))).toEqual(records.map((r) => cells(r)));
  });

  it("toJSON gives every field as plain data, reasons included", () => {
    const plain = JSON.parse(JSON.stringify(records[0])) as Record<string, unknown>;
    expect(plain.sourceRow).toBe(2);
    expect(plain.grade).toBe("B");
    expect(plain.offers).toEqual([1080000, 1140000, 1200000]);
    expect((plain.reasons as unknown[]).length).toBe(records[0].reasons.length);
    expect(Object.keys(plain).sort()).toEqual(Object.keys(records[0].toJSON()).sort());
    expect(Object.keys(plain)).toHaveLength(30);
    expect(plain.nextStep).toMatchObject({ rule: "profile", code: "finance-manager/instalment-plan/meeting" });
  });
});

describe("triage: what a row says when a verdict cannot be given", () => {
  const headers = [
    "Customer",
    "Balance",
    "Due",
    "Overdue count",
    "Largest overdue",
    "Cash flow",
    "Insolvent",
    "Proposed plan",
    "Business operating",
    "Income stable",
    "Free cash flow",
    "Free estate",
    "Ordinary claims total",
    "Last confirmation",
    "Last interruption",
  ];
  const map = recogniseColumns(headers).mapping;
  const due = serialFromCivil(2025, 5, 1);
  const one = (row: unknown[], options = {}) => triagePortfolio([row], map, { asOf: AS_OF, ...options }).records[0];

  it("names the grade inputs that are missing", () => {
    expect(reasonText(one(["A", 1, due, 1, "", "good"]).reasons, "en")).toMatch(
      /^no grade: largest overdue amount not known \(a grade needs/,
    );
    expect(reasonText(one(["A", 1, due, "", "", ""]).reasons, "zh")).toMatch(/^无法评级：缺少近12个月逾期次数、最大逾期金额、现金流（/);
    const noColumns = triagePortfolio([["A", 1, due]], { customer: 0, balance: 1, dueDate: 2 }, { asOf: AS_OF }).records[0];
    expect(noColumns.reasons[0].code).toBe("no-grade");
    expect(noColumns.status).toBe("ok");
  });

  it("an overdue amount without an overdue event is a problem of the row", () => {
    const r = one(["A", 1, due, 0, 5000, "good"]);
    expect(r.grade).toBeNull();
    expect(r.problems[0]).toMatchObject({
      code: "invalid:largestOverdue",
      en: "largest overdue amount: 5,000 overdue but overdue_count is 0; give the count of overdue events or 0 as amount",
    });
  });

  it("a temporary debtor without a free cash flow gets no plan, and the reason why", () => {
    const temporary = ["B", 600000, due, 0, 0, "good", "no", "yes", "yes", "yes"];
    expect(one([...temporary, ""]).instalments).toBeNull();
    expect(codes(one([...temporary, ""]).reasons)).toContain("no-instalment-plan");
    const tooSmall = one([...temporary, 1000]);
    expect(tooSmall.instalments).toBeNull();
    expect(tooSmall.status).toBe("ok");
    expect(tooSmall.reasons.at(-1)?.en).toBe(
      "no instalment proposal: free_cash_flow: 1,000 fits instalments of at most 700: 600,000 would need more than 24 instalments (the policy limit)",
    );
    expect(one([...temporary, -5]).reasons.at(-1)?.en).toMatch(
      /^no instalment proposal: free_cash_flow: -5 leaves nothing for instalments/,
    );
    expect(one([...temporary, "lots"]).problems[0].code).toBe("invalid:freeCashFlow");
    // the sizing rule: at most 70% of 50,000 = 35,000 a month -> 18 instalments of 33,333.33 (the last 33,333.39),
    // the last reduced by half an instalment (16,666.66, within 5% of the balance): total 583,333.34
    const fits = one([...temporary, 50000]).instalments;
    expect(fits).toMatchObject({ instalments: 18, amount: 33333.33, last: 16666.73, concession: 16666.66, total: 583333.34 });
  });

  it("a debtor unable to pay: the reminder to file without the estate's figures, a problem when they contradict the claim", () => {
    const unable = ["C", 500000, due, 0, 0, "good", "yes", "", "", "", ""];
    expect(one([...unable, "", ""]).recovery).toEqual({ kind: "file-claim", reason: FILE_CLAIM_REMINDER });
    expect(cells(one([...unable, "", ""]))[19]).toBe(FILE_CLAIM_REMINDER.en);
    const wrong = one([...unable, 1000000, 100000]);
    expect(wrong.recovery).toBeNull();
    expect(wrong.problems[0]).toMatchObject({
      code: "invalid:ordinaryClaimsTotal",
      en: "ordinary claims total: 100,000 is below the claim 500,000; the total includes this claim",
    });
  });

  it("dates that contradict the as-of date are problems of their column", () => {
    const r = one(["D", 1, due, 0, 0, "good", "", "", "", "", "", "", "", serialFromCivil(2025, 8, 1), serialFromCivil(2025, 9, 1)]);
    expect(codes(r.problems)).toEqual(["invalid:lastConfirmation", "invalid:lastInterruption"]);
    expect(r.problems[0].en).toBe("last confirmation: 2025-08-01 is after as_of 2025-07-27");
    expect(r.problems[1].zh).toBe("时效中断日：2025-07-27 早于最后一次中断日 2025-09-01；两个日期是否填反了？");
    expect(r.confirmation).toBeNull();
    expect(r.limitation).toBeNull();
  });

  it("a signal that cannot be read is a problem of the row: no profile, no next step, only the problem", () => {
    const r = one(["E", 100000, due, 0, 0, "good", "maybe"]);
    expect(r.profile).toBeNull();
    expect(r.problems[0].code).toBe("invalid:insolvent");
    expect(codes(r.reasons)).toEqual(["not-triaged"]);
    expect(r.step).toBeNull();
    expect(r.nextStep).toBeNull();
    expect(r.level).toBeNull();
  });

  it("reads every Excel error value, a customer that is not text, and never throws on junk", () => {
    for (const error of ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", " #n/a "]) {
      expect(one(["F", error, due]).problems[0].code, error).toBe("error-value:balance");
    }
    expect(one(["#REF!", 1, due]).problems[0].code).toBe("error-value:customer");
    expect(one([1001, 1, due]).customer).toBe("1001");
    expect(one([{ name: "x" }, 1, due]).problems[0].code).toBe("invalid:customer");
    expect(one(["", 1, due]).problems[0]).toMatchObject({ code: "missing:customer", zh: "客户：缺失（空白单元格）" });
    expect(one(["G", -5, due]).problems[0]).toMatchObject({ code: "invalid:balance", en: "balance: -5 is negative; amounts must be >= 0" });
    expect(one(["G", true, due]).problems[0].code).toBe("invalid:balance");
    expect(one(["G", 1, 60]).problems[0].en).toBe("due date: serial 60 is Excel's phantom 1900-02-29, a day that never existed");
  });

  it("refuses numbers too large to work with (1e400 reads as Infinity)", () => {
    const r = one(["G", "1e400", due, "1e400"]);
    expect(r.problems.map((p) => p.en)).toEqual([
      'balance: "1e400" is too large a number',
      'overdue events in 12 months: "1e400" is too large a number',
    ]);
    expect(r.balance).toBeNull();
  });

  it("a row the rules fail on unexpectedly becomes a problem row; the run goes on", () => {
    let reads = 0;
    const policy = {
      ...DEFAULT_POLICY,
      get warningDays(): readonly [number, number, number] {
        reads++;
        if (reads > 12) throw new Error("boom");
        return [30, 60, 90];
      },
    };
    const rows = Array.from({ length: 8 }, (_, i) => [`C${i}`, 100, due]);
    const out = triagePortfolio(rows, map, { asOf: AS_OF, policy });
    expect(out.records).toHaveLength(8);
    const failed = out.records.filter((r) => r.problems.some((p) => p.code === "internal"));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].problems[0]).toEqual({ code: "internal", en: "this row could not be triaged: boom", zh: "此行无法分析：boom" });
    expect(failed[0]).toMatchObject({ status: "problem", balance: null, grade: null, daysPastDue: null, profile: null, step: null });
    expect(cells(failed[0])).toHaveLength(TRIAGE_COLUMNS.length);
  });

  it("follows the policy: tiers, edges, terms", () => {
    const policy = withOverrides({
      settlementTiers: [
        { days: 7, rate: 0.85 },
        { days: 15, rate: 0.9 },
        { days: 30, rate: 0.97 },
      ],
      agingEdges: [30, 60, 90, 120],
      creditTermDays: { A: 45, B: 20, C: 0 },
    });
    const r = one(["H", 1000, serialFromCivil(2025, 3, 1), 0, 0, "good"], { policy });
    expect(r.offers).toEqual([850, 900, 970, 1000]);
    expect(r.bucket).toBe("120+");
    expect(r.termDays).toBe(45);
    const columns = triageColumns(policy);
    expect(columns.slice(14, 18).map((c) => [c.key, c.en, c.zh])).toEqual([
      ["offer-7", "pay within 7 days (85%)", "7天内付清（85%）"],
      ["offer-15", "pay within 15 days (90%)", "15天内付清（90%）"],
      ["offer-30", "pay within 30 days (97%)", "30天内付清（97%）"],
      ["offer-full", "full balance (after 30 days)", "全额（30天后）"],
    ]);
    const row = recordCells(r, "zh", policy);
    expect(row).toHaveLength(columns.length);
    expect(row.slice(14, 18)).toEqual([850, 900, 970, 1000]);
    expect(row[8]).toBe("120天以上");
  });

  it("numbers rows from firstRowNumber", () => {
    const out = triagePortfolio([["A", 1, due], [], ["B", 2, due]], map, { asOf: AS_OF, firstRowNumber: 10 });
    expect(out.records.map((r) => [r.sourceRow, r.status])).toEqual([
      [10, "ok"],
      [11, "blank"],
      [12, "ok"],
    ]);
    expect(triagePortfolio([], map, { asOf: AS_OF }).records).toEqual([]);
    expect(triagePortfolio([[], ["", " "]], map, { asOf: AS_OF })).toMatchObject({ records: [], trailingBlankRows: 2 });
  });
});

describe("triage: only a bad mapping or bad options throw", () => {
  const rows = [["A", 1, 45000]];
  const map: ColumnMapping = { customer: 0, balance: 1, dueDate: 2 };

  it("refuses a mapping without the required fields, naming them in both languages", () => {
    const e = ruleError(() => triagePortfolio(rows, { customer: 0 }, { asOf: AS_OF }));
    expect(e.message).toBe("mapping: no column for balance, due date (customer, balance and due date are required)");
    expect(e.zh).toBe("mapping：缺少余额、到期日列（客户、余额和到期日为必需列）");
  });

  it("refuses bad columns and unknown fields", () => {
    expect(ruleError(() => triagePortfolio(rows, { ...map, cashFlow: 1 }, { asOf: AS_OF })).message).toBe(
      "cashFlow: column 2 is already mapped to balance",
    );
    expect(ruleError(() => triagePortfolio(rows, { ...map, cashFlow: -1 }, { asOf: AS_OF })).argument).toBe("cashFlow");
    expect(ruleError(() => triagePortfolio(rows, { ...map, cashFlow: 1.5 }, { asOf: AS_OF })).argument).toBe("cashFlow");
    expect(ruleError(() => triagePortfolio(rows, { ...map, colour: 4 } as ColumnMapping, { asOf: AS_OF })).argument).toBe("colour");
  });

  it("refuses a bad as-of date, first row number or policy", () => {
    expect(ruleError(() => triagePortfolio(rows, map, { asOf: 60 })).argument).toBe("as_of");
    expect(ruleError(() => triagePortfolio(rows, map, { asOf: Number.NaN })).argument).toBe("as_of");
    expect(ruleError(() => triagePortfolio(rows, map, { asOf: AS_OF, firstRowNumber: 0 })).argument).toBe("firstRowNumber");
    expect(ruleError(() => triagePortfolio(rows, map, { asOf: AS_OF, policy: { ...DEFAULT_POLICY, agingEdges: [60, 30] } })).argument).toBe(
      "agingEdges",
    );
    expect(() => triagePortfolio(rows, map, undefined as never)).toThrow(RuleError);
  });
});
