/**
 * Excel-shaped calls of the AR functions and what Excel must show: shared by the source-level test and
 * the test of the built bundle, so both prove the same contract (docs/functions.md).
 * Arguments are what Excel passes for `any[][]` parameters: a 1x1 or NxM array, null for an omitted
 * argument, 0 for an empty cell inside a range or an empty date cell on desktop.
 * An error cell is written "#VALUE! message".
 */
type Cell = number | string | boolean | null;
export interface Case {
  readonly name: string;
  readonly id: string;
  readonly args: readonly (Cell[][] | null)[];
  readonly expected: readonly (readonly (Cell | RegExp)[])[];
  readonly language?: string;
}

const col = (...values: Cell[]): Cell[][] => values.map((v) => [v]);
const one = (v: Cell): Cell[][] => [[v]];
const d = (iso: string): number => {
  const [y, m, day] = iso.split("-").map(Number);
  // serial = days since 1899-12-30 for dates after 1900-03-01
  return Math.round((Date.UTC(y, m - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
};

export const CASES: readonly Case[] = [
  // GRADE
  { name: "grade of one customer", id: "GRADE", args: [one(0), one(0), one("good"), null, null], expected: [["A"]] },
  {
    name: "grades down a column with blank rows at the bottom (Excel passes 0 for empty cells)",
    id: "GRADE",
    args: [col(0, 1, 1, 2, 0, 0), col(0, 20000, 60000, 0, 0, 0), col("good", "好", "good", "good", "一般", 0), null, null],
    expected: [["A"], ["B"], ["C"], ["C"], ["B"], [""]],
  },
  {
    name: "small_limit broadcast over the column",
    id: "GRADE",
    args: [col(1, 1), col(60000, 120000), one("good"), one(100000), null],
    expected: [["B"], ["C"]],
  },
  {
    name: "grade term output",
    id: "GRADE",
    args: [col(0, 1, 3), col(0, 100, 0), one("good"), null, one("term")],
    expected: [[30], [15], [0]],
  },
  {
    name: "grade reasons in English and Chinese",
    id: "GRADE",
    args: [col(2, 0), col(0, 0), col("poor", "fair"), null, one("reasons")],
    expected: [
      ["2 overdue events in 12 months (2 or more: C); cash flow poor (C); credit term 0 days: cash on delivery"],
      ["no overdue event in 12 months, cash flow fair (B); credit term 15 days"],
    ],
  },
  {
    name: "grade reasons in Chinese",
    id: "GRADE",
    args: [one(1), one(60000), one("好"), null, one("原因")],
    expected: [["近12个月逾期1次，金额60,000超过小额上限50,000（C级）；账期0天：现款现货"]],
  },
  {
    name: "bad values give #VALUE! in their own cell only",
    id: "GRADE",
    args: [col(0, "x", -1, 1.5, 0, 0), col(0, 0, 0, 0, -5, 10), col("good", "good", "good", "good", "good", "ok")],
    expected: [
      ["A"],
      ['#VALUE! overdue_count: "x" is not a number'],
      ["#VALUE! overdue_count: -1 is not a whole number >= 0"],
      ["#VALUE! overdue_count: 1.5 is not a whole number >= 0"],
      ["#VALUE! overdue_amount: -5 is negative; amounts must be >= 0"],
      [/^#VALUE! cash_flow: "ok" is not one of good\/fair\/poor/],
    ],
  },
  {
    name: "inconsistent record",
    id: "GRADE",
    args: [one(0), one(5000), one("good")],
    expected: [[/^#VALUE! overdue_amount: 5,000 overdue but overdue_count is 0/]],
  },
  {
    name: "shapes that differ",
    id: "GRADE",
    args: [col(0, 1), col(0, 0, 0), one("good")],
    expected: [["#VALUE! overdue_amount is 3x1 but overdue_count is 2x1: ranges must have the same shape (or be one cell)"]],
  },
  {
    name: "unknown output word",
    id: "GRADE",
    args: [one(0), one(0), one("good"), null, one("colour")],
    expected: [[/^#VALUE! output: "colour" is not one of grade\/term\/reasons/]],
  },
  { name: "blank cash flow text gives blank", id: "GRADE", args: [one(1), one(0), one("")], expected: [[""]] },
  {
    name: "Chinese error messages in Chinese Excel",
    id: "GRADE",
    args: [one("x"), one(0), one("好")],
    expected: [['#VALUE! overdue_count："x" 不是数字']],
    language: "zh-CN",
  },
  {
    name: "a 2x2 block spills 2x2",
    id: "GRADE",
    args: [
      [
        [0, 2],
        [1, 0],
      ],
      [
        [0, 0],
        [100, 0],
      ],
      one("good"),
    ],
    expected: [
      ["A", "C"],
      ["B", "A"],
    ],
  },

  // TERM
  {
    name: "terms of grades",
    id: "TERM",
    args: [col("A", "b", "C", "", 0, "D")],
    expected: [[30], [15], [0], [""], [""], ['#VALUE! grade: "D" is not one of A/B/C']],
  },

  // AGING
  {
    name: "ladder boundaries: days",
    id: "AGING",
    args: [
      col(
        d("2025-07-27"),
        d("2025-06-28"),
        d("2025-06-27"),
        d("2025-05-29"),
        d("2025-05-28"),
        d("2025-04-29"),
        d("2025-04-28"),
        d("2025-04-27"),
      ),
      one(d("2025-07-27")),
      one("days"),
    ],
    expected: [[0], [29], [30], [59], [60], [89], [90], [91]],
  },
  {
    name: "ladder boundaries: level",
    id: "AGING",
    args: [
      col(
        d("2025-07-27"),
        d("2025-06-28"),
        d("2025-06-27"),
        d("2025-05-29"),
        d("2025-05-28"),
        d("2025-04-29"),
        d("2025-04-28"),
        d("2025-04-27"),
      ),
      one(d("2025-07-27")),
      one("level"),
    ],
    expected: [[0], [0], [1], [1], [2], [2], [3], [3]],
  },
  {
    name: "buckets by default, blank date cells blank",
    id: "AGING",
    args: [col(d("2025-08-01"), d("2025-07-26"), d("2025-06-27"), d("2025-05-28"), d("2025-04-27"), 0, null), one(d("2025-07-27"))],
    expected: [["current"], ["1-30"], ["1-30"], ["31-60"], ["90+"], [""], [""]],
  },
  {
    name: "ISO and Chinese text dates, fractional serials",
    id: "AGING",
    args: [col("2025-06-27", "2025年6月27日", d("2025-06-27") + 0.99), one(d("2025-07-27") + 0.01), one("days")],
    expected: [[30], [30], [30]],
  },
  {
    name: "custom edges as text",
    id: "AGING",
    args: [col(d("2025-04-17"), d("2025-03-01")), one(d("2025-07-27")), null, one("30,60,90,120")],
    expected: [["91-120"], ["120+"]],
  },
  {
    name: "custom edges as a range",
    id: "AGING",
    args: [one(d("2025-04-17")), one(d("2025-07-27")), null, col(30, 60, 90, 120)],
    expected: [["91-120"]],
  },
  {
    name: "actions",
    id: "AGING",
    args: [col(d("2025-08-01"), d("2025-07-20"), d("2025-06-20"), d("2025-05-20"), d("2025-04-20")), one(d("2025-07-27")), one("action")],
    expected: [
      ["current: no action"],
      ["routine reminder"],
      ["salesperson: daily follow-up and dunning letter"],
      ["finance manager: call the customer's owner"],
      ["legal: lawyer's letter, prepare the lawsuit"],
    ],
  },
  {
    name: "Chinese bucket labels",
    id: "AGING",
    args: [col(d("2025-07-20"), d("2025-04-20")), one(d("2025-07-27")), one("账龄段")],
    expected: [["1-30天"], ["90天以上"]],
  },
  {
    name: "as_of per row",
    id: "AGING",
    args: [col(d("2025-01-01"), d("2025-01-01")), col(d("2025-01-31"), d("2025-04-01")), one("days")],
    expected: [[30], [90]],
  },
  {
    name: "bad dates, each in its cell",
    id: "AGING",
    args: [col("2025-02-30", "tomorrow", -3, true, 60), one(d("2025-07-27")), one("days")],
    expected: [
      ['#VALUE! due_date: "2025-02-30" is not a real date'],
      [/^#VALUE! due_date: "tomorrow" is not a date/],
      [/^#VALUE! due_date: -3 is not a date serial/],
      [/^#VALUE! due_date: true is not a date/],
      [/^#VALUE! due_date: serial 60 is Excel's phantom 1900-02-29/],
    ],
  },
  {
    name: "bad broadcast as_of fills the column with its error",
    id: "AGING",
    args: [col(d("2025-01-01"), d("2025-01-02")), one("today"), one("days")],
    expected: [[/^#VALUE! as_of: "today" is not a date/], [/^#VALUE! as_of: "today" is not a date/]],
  },
  {
    name: "edges beyond Excel's calendar",
    id: "AGING",
    args: [one(d("2025-01-01")), one(d("2025-07-27")), null, one(1e308)],
    expected: [["#VALUE! edges: 1e+308 is not a whole number of days from 1 to 2,958,465 (the span of Excel's calendar)"]],
  },
  {
    name: "bad edges",
    id: "AGING",
    args: [one(d("2025-01-01")), one(d("2025-07-27")), null, one("90,60")],
    expected: [["#VALUE! edges: edges must increase: 90,60"]],
  },
  {
    name: "output must be one cell",
    id: "AGING",
    args: [one(d("2025-01-01")), one(d("2025-07-27")), [["days", "level"]]],
    expected: [["#VALUE! output: must be a single value, not a range"]],
  },

  // SETTLE
  { name: "article: 1,000,000 within 10 days", id: "SETTLE", args: [one(1000000), one(10), null], expected: [[900000]] },
  {
    name: "article: 1,000,000 within 20 and 21 days, 800,000 within 15",
    id: "SETTLE",
    args: [col(1000000, 1000000, 800000), col(20, 21, 15)],
    expected: [[950000], [1000000], [760000]],
  },
  {
    name: "ladder spills for one balance",
    id: "SETTLE",
    args: [one(1000000), null, null],
    expected: [
      [10, 0.9, 900000],
      [20, 0.95, 950000],
      [">20", 1, 1000000],
    ],
  },
  {
    name: "custom tiers as text",
    id: "SETTLE",
    args: [one(1000000), null, one("7:85%,30:0.97")],
    expected: [
      [7, 0.85, 850000],
      [30, 0.97, 970000],
      [">30", 1, 1000000],
    ],
  },
  {
    name: "custom tiers as a range",
    id: "SETTLE",
    args: [
      one(500000),
      one(25),
      [
        [10, 0.9],
        [30, 0.98],
      ],
    ],
    expected: [[490000]],
  },
  { name: "blank balance gives blank", id: "SETTLE", args: [col(1000, null, ""), one(5)], expected: [[900], [""], [""]] },
  {
    name: "negative balance",
    id: "SETTLE",
    args: [one(-5), one(5)],
    expected: [["#VALUE! balance: -5 is negative; amounts must be >= 0"]],
  },
  {
    name: "ladder needs one balance",
    id: "SETTLE",
    args: [col(1, 2), null],
    expected: [["#VALUE! days_to_pay: needed when balance is a range (the ladder spills for one balance only)"]],
  },
  { name: "negative days", id: "SETTLE", args: [one(1000), one(-1)], expected: [["#VALUE! days_to_pay: -1 is not a whole number >= 0"]] },
  {
    name: "rounding to the cent, never above the balance as entered",
    id: "SETTLE",
    args: [col(100.01, 1234.565, 0.005, 1.005), col(15, 30, 23, 25)],
    expected: [[95.01], [1234.56], [0], [1]],
  },
  {
    name: "amounts above the one bound are refused",
    id: "SETTLE",
    args: [col(1e308, 10000000000000, "1e999", "Infinity"), one(5)],
    expected: [
      ["#VALUE! balance: 1e+308 is above the largest amount handled, 90,071,992,547,409.91"],
      [9000000000000],
      ['#VALUE! balance: "1e999" is too large a number'],
      ['#VALUE! balance: "Infinity" is not a number'],
    ],
  },
  {
    name: "the ladder of a balance above the bound",
    id: "SETTLE",
    args: [one(1e308), null, null],
    expected: [["#VALUE! balance: 1e+308 is above the largest amount handled, 90,071,992,547,409.91"]],
  },

  // FACTOR
  {
    name: "article: 1,500,000 overdue 30 days -> 1,200,000 cash",
    id: "FACTOR",
    args: [one(1500000), null, null, null],
    expected: [[1200000]],
  },
  { name: "fee, reserve and net", id: "FACTOR", args: [one(1000000), null, null, [["fee"]]], expected: [[20000]] },
  {
    name: "reserve per row, rates as percentages",
    id: "FACTOR",
    args: [col(1000000, 500000), one("85%"), one("3%"), one("尾款")],
    expected: [[150000], [75000]],
  },
  { name: "net", id: "FACTOR", args: [one(1000000), one(0.8), one(0.01), one("net")], expected: [[990000]] },
  {
    name: "bad rates",
    id: "FACTOR",
    args: [col(1000, 1000), col(0.9, 1.5), one(0.2)],
    expected: [
      ["#VALUE! advance_rate: 90% plus the fee rate 20% is more than 100% of the receivable: at most 80%"],
      ["#VALUE! advance_rate: 1.5 is not a rate between 0 and 1 (e.g. 0.9 or 90%)"],
    ],
  },
  {
    name: "an advance of 100% with the default fee blames advance_rate",
    id: "FACTOR",
    args: [one(1000), one(1), null, null],
    expected: [["#VALUE! advance_rate: 100% plus the fee rate 2% is more than 100% of the receivable: at most 98%"]],
  },
  {
    name: "huge amounts: refused, never NaN",
    id: "FACTOR",
    args: [col(1e308, "1e999"), null, null, one("net")],
    expected: [
      ["#VALUE! amount: 1e+308 is above the largest amount handled, 90,071,992,547,409.91"],
      ['#VALUE! amount: "1e999" is too large a number'],
    ],
  },
  {
    name: "reserve and net never above the amount as entered",
    id: "FACTOR",
    args: [col(0.005, 1.005), one(1), one(0), one("net")],
    expected: [[0], [1]],
  },

  // INSURE
  { name: "article: 800,000 lost -> 640,000 paid", id: "INSURE", args: [one(800000), null, null], expected: [[640000]] },
  {
    name: "premium at the default and a given rate",
    id: "INSURE",
    args: [col(10000000, 10000000), col(null, "0.5%"), one("premium")],
    expected: [[100000], [50000]],
  },
  { name: "Chinese output word", id: "INSURE", args: [one(10000000), one(0.02), one("保费")], expected: [[200000]] },
  { name: "negative loss", id: "INSURE", args: [one(-1)], expected: [["#VALUE! loss: -1 is negative; amounts must be >= 0"]] },
  {
    name: "a rate of 0 names rate, the argument's name",
    id: "INSURE",
    args: [one(1000), one(0)],
    expected: [[/^#VALUE! rate: 0 is not a rate above 0/]],
  },
  { name: "payout never above the loss as entered", id: "INSURE", args: [col(0.005, 2.675), one(1)], expected: [[0], [2.67]] },

  // PROVISION
  {
    name: "provision down a column by days past due",
    id: "PROVISION",
    args: [col(100000, 100000, 100000, 100000, 100000, 100000, 0), col(0, 30, 31, 90, 91, 181, 0)],
    expected: [[1000], [2000], [3000], [3000], [20000], [50000], [0]],
  },
  {
    name: "own rates as text",
    id: "PROVISION",
    args: [col(1000, 1000), col(10, 400), one("0:0.5%,365:10%,*:100%")],
    expected: [[100], [1000]],
  },
  {
    name: "bad rates",
    id: "PROVISION",
    args: [one(1000), one(10), one("0:5%,30:1%,*:50%")],
    expected: [["#VALUE! rates: an older bucket cannot have a lower rate than a younger one"]],
  },
  {
    name: "bad days",
    id: "PROVISION",
    args: [col(1000, 1000), col(-1, "x")],
    expected: [["#VALUE! days_past_due: -1 is not a whole number >= 0"], ['#VALUE! days_past_due: "x" is not a number']],
  },

  // PROFILE (the article's three debtors)
  {
    name: "article: restaurant supply chain, willing but short of cash -> temporary",
    id: "PROFILE",
    args: [one("是"), one("是"), one("短期"), one("是"), one("否"), one("否"), one(0), one("否"), one("否"), one("否"), one("否")],
    expected: [["temporary"]],
  },
  {
    name: "article: building-materials dealer who won a tender -> willful",
    id: "PROFILE",
    args: [one("yes"), null, null, null, one("yes"), one("yes"), null, null, null, null, null],
    expected: [["willful"]],
  },
  {
    name: "article: bankrupt electronics customer -> unable, in Chinese",
    id: "PROFILE",
    args: [one("否"), null, null, null, null, null, null, null, one("是"), null, null, one("类型")],
    expected: [["无能力偿还型"]],
  },
  {
    name: "a column of debtors with an empty row (0s) and a bad signal",
    id: "PROFILE",
    args: [col("yes", 0, "maybe"), col("yes", 0, "yes"), null, col("yes", 0, "yes")],
    expected: [[/^unclear|temporary$/], [""], [/^#VALUE! business_operating: "maybe" is not one of yes\/no/]],
  },
  {
    name: "the play for a temporary debtor",
    id: "PROFILE",
    args: [one(true), one(true), one("short-term"), one(true), null, null, null, null, null, null, null, one("play")],
    expected: [[/^keep it alive: an instalment plan sized to its free cash flow.*no lawyer's letter$/]],
  },
  {
    name: "what to find out when little is known",
    id: "PROFILE",
    args: [one("yes"), null, null, null, null, null, null, null, null, null, null, one("find out")],
    expected: [[/bank statements/]],
  },

  // CHANNEL
  {
    name: "ladder and amount tier",
    id: "CHANNEL",
    args: [col(100000, 100000, 600000, 100000, 100000), col(0, 10, 45, 70, 95), null, one("code")],
    expected: [
      ["none"],
      ["salesperson/reminder/phone"],
      ["salesperson/dunning-letter/meeting"],
      ["finance-manager/owner-call/phone"],
      ["legal/lawyer-letter/phone"],
    ],
  },
  {
    name: "at the large-amount threshold",
    id: "CHANNEL",
    args: [col(499999.99, 500000), one(45), null, one("how")],
    expected: [["phone, then an e-mail to confirm"], ["face-to-face meeting, then an e-mail to confirm"]],
  },
  {
    name: "profiles change the step",
    id: "CHANNEL",
    args: [one(100000), one(95), col("temporary", "故意拖欠型", "unable"), one("code")],
    expected: [["finance-manager/instalment-plan/phone"], [/^legal\/lawyer-letter-deadline/], [/file-claim/]],
  },
  {
    name: "output must be one cell",
    id: "CHANNEL",
    args: [col(100000, 100000), col(70, 70), null, col("step", "步骤")],
    expected: [["#VALUE! output: must be a single value, not a range"]],
  },
  {
    name: "the whole step in one line",
    id: "CHANNEL",
    args: [one(100000), one(70)],
    expected: [["finance manager: contact the customer's owner (phone, then an e-mail to confirm)"]],
  },
  {
    name: "the whole step in Chinese",
    id: "CHANNEL",
    args: [one(100000), one(70), null, one("步骤")],
    expected: [["财务经理：联系客户老板（电话沟通，邮件跟进确认）"]],
  },
  { name: "bad profile", id: "CHANNEL", args: [one(100), one(40), one("angry")], expected: [[/^#VALUE! profile: "angry" is not one of/]] },

  // CONFIRM (by the 5th of each month)
  {
    name: "confirmations on the 5th and the 6th",
    id: "CONFIRM",
    args: [
      col(d("2025-04-01"), d("2025-03-10"), d("2025-03-10"), 0),
      col(d("2025-04-06"), d("2025-04-05"), d("2025-04-06"), d("2025-04-06")),
    ],
    expected: [["confirmed"], ["confirmed"], ["overdue"], [""]],
  },
  {
    name: "January looks back to December, in Chinese",
    id: "CONFIRM",
    args: [col(d("2024-12-02"), d("2024-11-30")), one(d("2025-01-03")), one("状态")],
    expected: [["已对账"], ["逾期未对账"]],
  },

  // EVIDENCE
  {
    name: "what to get against 'no invoice'",
    id: "EVIDENCE",
    args: [one("yes"), one("no"), one("yes"), one("no"), null, one("没收到发票")],
    expected: [
      [
        "get: the reconciliation statement signed or sealed by the customer; get: the courier receipt showing the customer signed for the invoice",
      ],
    ],
  },
  {
    name: "complete, and counts",
    id: "EVIDENCE",
    args: [col("是", "是"), col("是", "否"), col("是", "否"), null, null, null, one("count")],
    expected: [[0], [2]],
  },
  { name: "complete", id: "EVIDENCE", args: [one(true), one(true), one(true)], expected: [["complete"]] },

  // PLAN (the article: 1,200,000 over 12 months, the last reduced by 50,000)
  {
    name: "article: eleven of 100,000 and one of 50,000",
    id: "PLAN",
    args: [one(1200000), one(12), one(50000), null, null, null],
    expected: [...Array.from({ length: 11 }, (_, i) => [i + 1, "", 100000]), [12, "", 50000]],
  },
  {
    name: "dates as EDATE and the cash-flow fit",
    id: "PLAN",
    args: [one(1200000), one(3), one(50000), one("2025-01-31"), null, one(150000)],
    expected: [
      [1, d("2025-01-31"), 400000, false],
      [2, d("2025-02-28"), 400000, false],
      [3, d("2025-03-31"), 350000, false],
    ],
  },
  {
    name: "the article's instalment fits 150,000 of free cash flow",
    id: "PLAN",
    args: [one(1200000), one(12), one(50000), null, null, one(150000)],
    expected: [...Array.from({ length: 11 }, (_, i) => [i + 1, "", 100000, true]), [12, "", 50000, true]],
  },
  {
    name: "cents add up",
    id: "PLAN",
    args: [one(100), one(3), null, one(d("2025-01-15")), one(3)],
    expected: [
      [1, d("2025-01-15"), 33.33],
      [2, d("2025-04-15"), 33.33],
      [3, d("2025-07-15"), 33.34],
    ],
  },
  {
    name: "concession above the policy limit",
    id: "PLAN",
    args: [one(1200000), one(12), one(100000)],
    expected: [["#VALUE! concession: 100,000 is above the policy limit of 5% of the balance (60,000)"]],
  },
  { name: "too many instalments", id: "PLAN", args: [one(1000), one(25)], expected: [[/^#VALUE! instalments: /]] },
  { name: "blank balance", id: "PLAN", args: [one(""), one(12)], expected: [[""]] },
  {
    name: "no instalment of 0",
    id: "PLAN",
    args: [one(0.01), one(3)],
    expected: [["#VALUE! instalments: 0.01 cannot be split into 3 instalments of at least 0.01: at most 1"]],
  },
  {
    name: "balance above the bound",
    id: "PLAN",
    args: [one(1e308), one(3)],
    expected: [["#VALUE! balance: 1e+308 is above the largest amount handled, 90,071,992,547,409.91"]],
  },
  {
    name: "one plan at a time",
    id: "PLAN",
    args: [col(1, 2), one(12)],
    expected: [["#VALUE! balance: must be a single value, not a range"]],
  },

  // RECOVERY
  {
    name: "waterfall then pro rata",
    id: "RECOVERY",
    args: [one(500000), one(1000000), one(4000000), one(100000), one(50000), one(50000)],
    expected: [[100000]],
  },
  {
    name: "pro rata rate",
    id: "RECOVERY",
    args: [one(500000), one(1000000), one(4000000), one(100000), one(50000), one(50000), one("rate")],
    expected: [[0.2]],
  },
  {
    name: "priority classes eat the estate",
    id: "RECOVERY",
    args: [col(500000, 500000), col(300000, 2000000), one(1000000), one(400000)],
    expected: [[0], [500000]],
  },
  {
    name: "never more than the claim as entered",
    id: "RECOVERY",
    args: [col(1.005, 0.005), one(1000000), col(1.005, 1)],
    expected: [[1], [0]],
  },
  {
    name: "amounts above the bound, the same message as everywhere",
    id: "RECOVERY",
    args: [one(1), one(1e308), one(10)],
    expected: [["#VALUE! free_estate: 1e+308 is above the largest amount handled, 90,071,992,547,409.91"]],
  },
  { name: "claim above the total", id: "RECOVERY", args: [one(5), one(100), one(4)], expected: [[/^#VALUE! ordinary_claims_total: /]] },

  // CLAIMDEADLINE (art. 45: 30 days to 3 months from the day after the announcement)
  {
    name: "30 days by default, months as EDATE, days",
    id: "CLAIMDEADLINE",
    args: [one(d("2025-01-31")), col(null, "2m", "3个月", 45)],
    expected: [[d("2025-03-02")], [d("2025-03-31")], [d("2025-04-30")], [d("2025-03-17")]],
  },
  { name: "less than 30 days refused", id: "CLAIMDEADLINE", args: [one(d("2025-01-31")), one(20)], expected: [[/^#VALUE! period: /]] },

  // LIMITATION (3 years from the last interruption)
  {
    name: "days left, 0 on the last day, negative after",
    id: "LIMITATION",
    args: [one(d("2024-02-29")), col(d("2025-07-27"), d("2027-02-28"), d("2027-03-01"))],
    expected: [[581], [0], [-1]],
  },
  {
    name: "status and end date",
    id: "LIMITATION",
    args: [one(d("2024-02-29")), col(d("2025-07-27"), d("2026-09-01"), d("2027-03-01")), one("status")],
    expected: [["running"], ["warning"], ["expired"]],
  },
  { name: "end date", id: "LIMITATION", args: [one(d("2024-02-29")), one(d("2025-07-27")), one("end")], expected: [[d("2027-02-28")]] },
  {
    name: "swapped dates",
    id: "LIMITATION",
    args: [one(d("2025-07-27")), one(d("2024-02-29"))],
    expected: [[/^#VALUE! as_of: .*swapped/]],
  },

  // HISTORY (grade inputs from payment history; docs/rules.md). As of 2025-06-30 the window is due dates after
  // 2024-06-30: A outside (due exactly 12 months before); B paid on the due date (on time); C paid 20 days late;
  // D unpaid 91 days (30 + 31 + 30); E due on the as-of date; F paid after the as-of date, unpaid then for 41 days;
  // then two empty rows at the bottom of the range (Excel passes 0 and null).
  // events C, D, F; largest 3000; average (3000x20 + 2000x91 + 1000x41) / 11000 = 283000 / 11000 = 25.727 -> 25.7
  {
    name: "one row: overdue events, largest overdue, average days late",
    id: "HISTORY",
    args: [
      col(d("2024-06-30"), d("2024-07-01"), d("2024-10-15"), d("2025-03-31"), d("2025-06-30"), d("2025-05-20"), 0, null),
      col(d("2024-09-01"), d("2024-07-01"), d("2024-11-04"), null, 0, d("2025-07-15"), 0, null),
      col(5000, 1000, 3000, 2000, 4000, 1000, 0, null),
      one(d("2025-06-30")),
    ],
    expected: [[3, 3000, 25.7]],
  },
  {
    name: "one value for AR.GRADE, grace from the call, Chinese words",
    id: "HISTORY",
    args: [
      col(d("2024-10-15"), d("2025-03-31"), d("2025-05-20")),
      col(d("2024-11-04"), null, d("2025-07-15")),
      col(3000, 2000, 1000),
      one(d("2025-06-30")),
      one(20),
      one("次数"),
    ],
    expected: [[2]], // C (20 days) is within the grace
  },
  {
    // docs/functions.md's example: (3000 x 20 + 2000 x 91 + 1000 x 41) / 6000 = 283000 / 6000 = 47.17 -> 47.2
    name: "the documented example",
    id: "HISTORY",
    args: [
      col(d("2024-10-15"), d("2025-03-31"), d("2025-05-20")),
      col(d("2024-11-04"), null, d("2025-07-15")),
      col(3000, 2000, 1000),
      one(d("2025-06-30")),
    ],
    expected: [[3, 3000, 47.2]],
  },
  {
    name: "largest, and a blank average when nothing is due in the 12 months",
    id: "HISTORY",
    args: [col(d("2025-07-10")), col(null), col(9000), one(d("2025-06-30"))],
    expected: [[0, 0, ""]],
  },
  {
    name: "ranges of different sizes refused, naming the argument",
    id: "HISTORY",
    args: [col(d("2025-01-01"), d("2025-02-01")), col(null, null, null), col(1, 2), one(d("2025-06-30"))],
    expected: [[/^#VALUE! paid_dates: is 3x1 but due_dates is 2x1: the ranges must be the same size/]],
  },
  {
    name: "a credit note among the invoices refused, naming the row",
    id: "HISTORY",
    args: [col(d("2025-01-01"), d("2025-02-01")), col(null, null), col(100, -40), one(d("2025-06-30")), null, one("largest")],
    expected: [[/^#VALUE! amounts: row 2: -40 is negative/]],
  },
  {
    name: "an amount without a due date refused, naming the row (in Chinese Excel, in Chinese)",
    id: "HISTORY",
    args: [col(d("2025-01-01"), 0), col(null, null), col(100, 40), one(d("2025-06-30"))],
    expected: [["#VALUE! due_dates：第 2 行：为空，但该行有发票"]],
    language: "zh-CN",
  },
  {
    name: "an incoming error in a range is passed on",
    id: "HISTORY",
    args: [col(d("2025-01-01"), "#N/A"), col(null, null), col(100, 40), one(d("2025-06-30"))],
    expected: [["#N/A due_dates: holds the error #N/A"]],
  },
  // BENEFIT (future benefit for present payment: 30 days, 15 more days of credit, 1% off)
  {
    name: "the article's offer, in words",
    id: "BENEFIT",
    args: [one(1000000)],
    expected: [["pay 1,000,000 in full within 30 days: the next order gets 15 more days of credit and 1% off"]],
  },
  {
    name: "the next order's term from the current one; cash on delivery gets no extra credit",
    id: "BENEFIT",
    args: [one(1000000), col(30, 15, 0), one("term")],
    expected: [[45], [30], [0]],
  },
  {
    name: "in Chinese, with the term",
    id: "BENEFIT",
    args: [one(600000), one(15), one("方案")],
    expected: [["30天内全额还清 600,000：下次合作账期延长15天（由15天延至30天），并给予1%折扣"]],
  },
  {
    name: "the discount and the days to pay",
    id: "BENEFIT",
    args: [col(5000, 6000), one(15), one("discount")],
    expected: [[0.01], [0.01]],
  },
  { name: "days to pay", id: "BENEFIT", args: [one(5000), one(15), one("天数")], expected: [[30]] },
  {
    name: "the output is one cell",
    id: "BENEFIT",
    args: [one(1234.565), one(""), col("discount", "days")],
    expected: [[/^#VALUE! output: /]],
  },
  { name: "amount to the cent", id: "BENEFIT", args: [one(1234.565), one(null), one("amount")], expected: [[1234.57]] },
  { name: "nothing owed is refused", id: "BENEFIT", args: [one(0)], expected: [[/^#VALUE! balance: /]] },
  { name: "the term output needs term_days", id: "BENEFIT", args: [one(1000), null, one("term")], expected: [[/^#VALUE! term_days: /]] },
  { name: "a blank term cell gives a blank term", id: "BENEFIT", args: [one(1000), one(null), one("term")], expected: [[""]] },

  // PROMISE (promises to pay checked against payments; docs/collection-log.md). As of 2025-07-31, grace 3 days:
  // A made 06-01 for 06-10, 50,000: 06-08 pays 50,000 (kept). B made 06-05 for 06-20, 30,000: 06-08 is taken by A,
  // 06-18 pays 10,000, last day 06-23 passed (broken, 10,000 paid). C made 07-01 for 07-10, 20,000: 07-12 is within
  // the grace to 07-13 (kept). D made 07-25 for 08-05: last day 08-08 (pending). The payment of 05-20 precedes every
  // promise. Then an empty row at the bottom of each range (Excel passes 0).
  {
    name: "each promise's status, overlapping promises taking payments once, a blank row",
    id: "PROMISE",
    args: [
      col(d("2025-06-01"), d("2025-06-05"), d("2025-07-01"), d("2025-07-25"), 0),
      col(d("2025-06-10"), d("2025-06-20"), d("2025-07-10"), d("2025-08-05"), 0),
      col(50000, 30000, 20000, 10000, 0),
      col(d("2025-05-20"), d("2025-06-08"), d("2025-06-18"), d("2025-07-12"), 0),
      col(5000, 50000, 10000, 20000, 0),
      one(d("2025-07-31")),
    ],
    expected: [["kept"], ["broken"], ["kept"], ["pending"], [""]],
  },
  {
    name: "the amount credited to each promise (partial payments shown), the grace from the policy",
    id: "PROMISE",
    args: [
      col(d("2025-06-01"), d("2025-06-05"), d("2025-07-01"), d("2025-07-25")),
      col(d("2025-06-10"), d("2025-06-20"), d("2025-07-10"), d("2025-08-05")),
      col(50000, 30000, 20000, 10000),
      col(d("2025-05-20"), d("2025-06-08"), d("2025-06-18"), d("2025-07-12")),
      col(5000, 50000, 10000, 20000),
      one(d("2025-07-31")),
      null,
      one("paid"),
    ],
    expected: [[50000], [10000], [20000], [0]],
  },
  {
    name: "broken promises counted for AR.PROFILE; without grace the payment of 07-12 is late for 07-10",
    id: "PROMISE",
    args: [
      col(d("2025-06-01"), d("2025-06-05"), d("2025-07-01"), d("2025-07-25")),
      col(d("2025-06-10"), d("2025-06-20"), d("2025-07-10"), d("2025-08-05")),
      col(50000, 30000, 20000, 10000),
      col(d("2025-06-08"), d("2025-06-18"), d("2025-07-12")),
      col(50000, 10000, 20000),
      one(d("2025-07-31")),
      one(0),
      one("count broken"),
    ],
    expected: [[2]],
  },
  {
    name: "as of 2025-07-20: the promise made 07-25 is not counted; in Chinese",
    id: "PROMISE",
    args: [
      col(d("2025-06-01"), d("2025-06-05"), d("2025-07-01"), d("2025-07-25")),
      col(d("2025-06-10"), d("2025-06-20"), d("2025-07-10"), d("2025-08-05")),
      col(50000, 30000, 20000, 10000),
      col(d("2025-06-08"), d("2025-06-18"), d("2025-07-12")),
      col(50000, 10000, 20000),
      one(d("2025-07-20")),
      null,
      one("状态"),
    ],
    expected: [["已兑现"], ["未兑现"], ["已兑现"], ["截止日后作出"]],
  },
  {
    name: "without as_of, the log as far as it goes (the promise of 07-25): the last promise pending",
    id: "PROMISE",
    args: [
      col(d("2025-07-01"), d("2025-07-25")),
      col(d("2025-07-10"), d("2025-08-05")),
      col(20000, 10000),
      col(d("2025-07-12")),
      col(20000),
      null,
      null,
      one("pending"),
    ],
    expected: [[1]],
  },
  {
    // two promises for the same day: the one made first takes the payment of 40,000 first (30,000), the other 10,000
    name: "two promises for one day share a payment: the earlier promise is kept, the other broken",
    id: "PROMISE",
    args: [
      col(d("2025-06-01"), d("2025-06-02")),
      col(d("2025-06-10"), d("2025-06-10")),
      col(30000, 30000),
      one(d("2025-06-09")),
      one(40000),
      one(d("2025-07-01")),
    ],
    expected: [["kept"], ["broken"]],
  },
  {
    name: "a payment on the day the promise was made keeps it; one the day before does not (cents exact)",
    id: "PROMISE",
    args: [
      col(d("2025-06-10"), d("2025-06-10")),
      col(d("2025-06-20"), d("2025-06-20")),
      col(1000.1, 0.2),
      col(d("2025-06-09"), d("2025-06-10")),
      col(0.2, 1000.1),
      one(d("2025-06-30")),
      null,
      one("paid"),
    ],
    expected: [[1000.1], [0]],
  },
  {
    name: "no payments (one blank cell): the promise is broken once its date and grace have passed",
    id: "PROMISE",
    args: [one(d("2025-06-01")), one(d("2025-06-10")), one(50000), one(null), one(null), one(d("2025-06-14"))],
    expected: [["broken"]],
  },
  {
    name: "promise ranges of different sizes refused, naming the argument",
    id: "PROMISE",
    args: [col(d("2025-06-01"), d("2025-06-02")), col(d("2025-06-10"), d("2025-06-11"), 0), col(1, 2), one(null), one(null)],
    expected: [[/^#VALUE! promised_dates: is 3x1 but made_dates is 2x1: the ranges must be the same size \(one cell per promise\)/]],
  },
  {
    name: "payment ranges of different sizes refused, naming the argument",
    id: "PROMISE",
    args: [one(d("2025-06-01")), one(d("2025-06-10")), one(1), col(d("2025-06-05"), d("2025-06-06")), one(1)],
    expected: [[/^#VALUE! payment_amounts: is 1x1 but payment_dates is 2x1/]],
  },
  {
    name: "a promised date before the day the promise was made refused, naming the row",
    id: "PROMISE",
    args: [col(d("2025-06-01"), d("2025-06-12")), col(d("2025-06-10"), d("2025-06-11")), col(1, 2), one(null), one(null)],
    expected: [["#VALUE! promised_dates: row 2: the promised date is before the day the promise was made"]],
  },
  {
    name: "a promise without its amount refused, naming the argument and the row (in Chinese Excel, in Chinese)",
    id: "PROMISE",
    args: [col(d("2025-06-01")), col(d("2025-06-10")), col(0), one(null), one(null)],
    expected: [["#VALUE! promised_amounts：第 1 行：为空，但该行有承诺"]],
    language: "zh-CN",
  },
  {
    name: "a payment amount that does not read refused, naming the row",
    id: "PROMISE",
    args: [one(d("2025-06-01")), one(d("2025-06-10")), one(1), col(d("2025-06-05"), d("2025-06-06")), col(1, "about 20k")],
    expected: [[/^#VALUE! payment_amounts: row 2: /]],
  },
  {
    name: "an incoming error in a range is passed on with its code",
    id: "PROMISE",
    args: [one(d("2025-06-01")), one(d("2025-06-10")), one(1), col(d("2025-06-05"), "#N/A"), col(1, 2)],
    expected: [["#N/A payment_dates: holds the error #N/A"]],
  },
  {
    name: "grace days above 365 refused",
    id: "PROMISE",
    args: [one(d("2025-06-01")), one(d("2025-06-10")), one(1), one(null), one(null), null, one(400)],
    expected: [[/^#VALUE! grace_days: 400 must be a whole number from 0 to 365/]],
  },

  // NEXTCONTACT (the next contact due by the ladder; docs/collection-log.md). As of 2025-07-31: level 2 weekly
  // (07-28 + 7 = 08-04), level 3 every 3 days (07-20 + 3 = 07-23, 8 days overdue), level 1 daily (07-30 + 1 =
  // 07-31, due today); no contact logged: due on the as-of date; an empty row at the bottom.
  {
    name: "the next contact's date by the ladder, a blank row at the bottom",
    id: "NEXTCONTACT",
    args: [col(d("2025-07-28"), d("2025-07-20"), d("2025-07-30"), 0, 0), col(2, 3, 1, 2, 0), one(d("2025-07-31"))],
    expected: [[d("2025-08-04")], [d("2025-07-23")], [d("2025-07-31")], [d("2025-07-31")], [""]],
  },
  {
    name: "status: a missed follow-up shows",
    id: "NEXTCONTACT",
    args: [col(d("2025-07-28"), d("2025-07-20"), d("2025-07-30"), d("2025-07-30")), col(2, 3, 1, 0), one(d("2025-07-31")), one("status")],
    expected: [["not due"], ["overdue"], ["due today"], ["none"]],
  },
  {
    name: "days overdue (negative: days to go), Chinese status",
    id: "NEXTCONTACT",
    args: [col(d("2025-07-28"), d("2025-07-20"), d("2025-07-30")), col(2, 3, 1), one(d("2025-07-31")), one("逾期天数")],
    expected: [[-4], [8], [0]],
  },
  {
    name: "status in Chinese",
    id: "NEXTCONTACT",
    args: [col(d("2025-07-28"), d("2025-07-20"), d("2025-07-30"), d("2025-07-30")), col(2, 3, 1, 0), one(d("2025-07-31")), one("状态")],
    expected: [["未到期"], ["已逾期"], ["今日到期"], ["无需跟进"]],
  },
  {
    name: "without as_of: the date from the last contact; a blank last contact needs as_of",
    id: "NEXTCONTACT",
    args: [col(d("2025-07-28"), 0), col(2, 3)],
    expected: [[d("2025-08-04")], [/^#VALUE! as_of: is needed when last_contact is blank/]],
  },
  {
    name: "the status needs as_of",
    id: "NEXTCONTACT",
    args: [one(d("2025-07-28")), one(2), null, one("status")],
    expected: [[/^#VALUE! as_of: is needed for the output "status"/]],
  },
  {
    name: "a level above 3 and a contact after the as-of date refused in their own cells",
    id: "NEXTCONTACT",
    args: [col(d("2025-07-28"), d("2025-08-02")), col(4, 1), one(d("2025-07-31"))],
    expected: [
      ["#VALUE! warning_level: 4 is not a warning level (0 to 3)"],
      [/^#VALUE! last_contact: 2025-08-02 is after the as-of date 2025-07-31/],
    ],
  },
  {
    name: "an incoming error passed on in its own cell",
    id: "NEXTCONTACT",
    args: [col(d("2025-07-28"), "#N/A"), col(2, 2), one(d("2025-07-31"))],
    expected: [[d("2025-08-04")], ["#N/A last_contact: holds the error #N/A"]],
  },
];

/** Normalises a result grid for comparison: errors become "#VALUE! message". */
export function normalise(grid: unknown): unknown[][] {
  if (!Array.isArray(grid)) throw new Error(`expected a 2-D array, got ${JSON.stringify(grid)}`);
  return grid.map((row) => {
    if (!Array.isArray(row)) throw new Error(`expected rows, got ${JSON.stringify(row)}`);
    return row.map((cell) => {
      if (cell && typeof cell === "object" && "code" in cell) {
        const e = cell as { code: string; message: string };
        return e.message ? `${e.code} ${e.message}` : e.code;
      }
      if (cell === null || cell === undefined || (typeof cell === "number" && !Number.isFinite(cell))) {
        throw new Error(`a cell Excel cannot show: ${String(cell)}`);
      }
      return cell;
    });
  });
}

/** Checks a normalised grid against the expected cells (RegExp for messages that go on). */
export function matches(actual: unknown[][], expected: Case["expected"]): boolean {
  if (actual.length !== expected.length) return false;
  return actual.every(
    (row, r) =>
      row.length === expected[r].length &&
      row.every((cell, c) => {
        const want = expected[r][c];
        return want instanceof RegExp ? typeof cell === "string" && want.test(cell) : cell === want;
      }),
  );
}
