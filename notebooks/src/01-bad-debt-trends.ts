// Source of notebooks/01-bad-debt-trends.ipynb ("percent" format: `// %%` starts a code cell,
// `// %% [markdown]` a markdown cell). Edit here, then `npm run notebooks:gen`.

// %% [markdown]
// # Bad-debt rate trends / 坏账率趋势
//
// A seeded demo ledger (generated, not real data) run through the analytics on the same rules core as the
// add-in: write-off rates by month and quarter with a rolling 12-month line, by grade, debtor profile and
// region, the share of receivables over 90 days, before and after the credit policy (the method) is
// adopted, roll rates between aging buckets, DSO / best DSO / ADD / CEI, and a provision matrix.
//
// 用固定种子生成的演示账本（非真实数据），在与 Excel 加载项相同的规则核心上分析：按月、按季度的核销率及滚动12个月线；
// 按信用等级、债务人画像和地区；逾期90天以上应收占比；政策实施前后对比；账龄迁徙率；DSO、最佳DSO、ADD、CEI；拨备矩阵。
//
// Lines starting with `[figure]` are key figures that the tests read. / 以 `[figure]` 开头的行是测试读取的关键数字。

// %%
import * as aq from "arquero";
import { creditGrade } from "ar-recovery/core";
import * as an from "ar-recovery/analytics";
import { barChart, figure, heatmap, lineChart, num, pct, show, showTable } from "ar-recovery/charts";

// %% [markdown]
// ## The ledger / 账本
//
// 100,000 invoices of 1,000 customers over 48 months (2021-2024), Chinese customer names and regions; the
// method (grades, terms, warning ladder, profile-led collection) is adopted in the middle month, 2023-01.
// A smaller ledger (say 200 customers) is quicker but lumpy: one large customer that defaults moves a
// month's figures by several points, so the monthly charts would show single customers rather than the
// method. 十万张发票、一千个客户、48个月（2021-2024年），中文客户名与地区；2023年1月（第25个月）起实施信用管理方法。
// 账本太小（如200个客户）时，一个大客户违约就会让当月数字跳动几个百分点，图上看到的是个别客户而不是方法的效果。

// %%
const options = { seed: 2024, invoices: 100_000, months: 48, start: "2021-01-01", language: "zh" } as const;
const ledger = an.generateTables(options);
const policyDate = ledger.summary.options.policyDate;
figure("ledger.options", options);
figure("ledger.rows", ledger.summary.rows);
figure("ledger.policy_date", an.serialToIso(policyDate));
const iso = (v: unknown) => an.serialToIso(v as number);
await showTable(ledger.invoices, {
  title: "Invoices (first rows; dates are Excel serials, shown as ISO) / 发票（前几行）",
  limit: 5,
  format: { amount: num(2), paid: num(2), written_off: num(2), issue_date: iso, due_date: iso, paid_date: iso, writeoff_date: iso },
});

// %% [markdown]
// ## Write-off rate by month and quarter / 按月、按季度核销率
//
// Rate = amount written off in the period / credit sales of the period; the rolling line is 12 months of
// write-offs over 12 months of sales. 核销率 = 当期核销金额 / 当期赊销额；滚动线为12个月核销合计 / 12个月赊销合计。

// %%
const monthly = an.writeOffRates(ledger.invoices, { by: "month" });
const marker = [{ x: an.serialToDate(policyDate), label: "Method adopted / 实施新方法" }];
await show(
  lineChart(monthly.objects(), {
    title: "Write-off rate by month / 月度核销率",
    subtitle: "Period basis, seeded demo ledger / 当期口径，演示数据",
    x: "start",
    y: "rate",
    xTitle: "Month / 月份",
    yTitle: "Write-off rate (% of sales) / 核销率",
    yFormat: ".1%",
    rolling: { field: "rolling_rate", label: "Rolling 12 months / 滚动12个月" },
    lineLabel: "Monthly / 月度",
    markers: marker,
  }),
);

// %%
const quarterly = an.writeOffRates(ledger.invoices, { by: "quarter" });
await show(
  barChart(quarterly.objects(), {
    title: "Write-off rate by quarter / 季度核销率",
    category: "label",
    value: "rate",
    categoryTitle: "Quarter / 季度",
    valueTitle: "Write-off rate (% of sales) / 核销率",
    valueFormat: ".1%",
    sort: "data",
    width: 640,
  }),
);

// %% [markdown]
// ## Before and after the method / 实施前后对比
//
// The article reports 5% → 1.2%. On the vintage basis (write-offs on the invoices issued in the period),
// before and after the policy date; the last 6 months are left out as immature (their write-offs are
// still to come). 文章报告坏账率从5%降至1.2%。按发票批次（vintage）口径比较，剔除最近6个月尚未成熟的批次。
//
// `policy.summary` is the generator's own count: `after` is what was written off *by the ledger date* on
// the invoices issued from the policy date on, `after_ultimate` what will be written off on them in the
// end (the generator knows the future: cases still running at the ledger date, customers that stop paying
// in the months after it). The gap is the immaturity of the youngest invoices, not a flaw of the method;
// both are far below the rate before. Only the rate before is a knob of the generator (5%); the rate
// after follows from the simulated method and here falls further than the article's 1.2%.
// `policy.summary` 是生成器自己的统计：`after` 是截至账本日对政策实施后开出的发票已核销的金额占比，`after_ultimate`
// 是这些发票最终会核销的占比（包括账本日仍在进行的案件、账本日后才停止付款的客户）。两者之差来自最近批次尚未成熟，
// 并非方法的缺陷；两者都远低于实施前。生成器只设定实施前的坏账率（5%），实施后的坏账率由模拟的方法得出，这里比文章的1.2%更低。

// %%
const vintage = an.writeOffRates(ledger.invoices, { by: "month", basis: "vintage" });
const beforeAfter = an.compareBeforeAfter(vintage, { policyDate: policyDate, dropLast: 6 });
await showTable(beforeAfter, {
  title: "Bad-debt rate before / after / 实施前后坏账率",
  format: { numerator: num(0), denominator: num(0), ratio: pct(2), change: pct(1) },
});
figure("policy.vintage", beforeAfter.objects());
figure("policy.summary", {
  before: ledger.summary.before.rate,
  after: ledger.summary.after.rate,
  after_ultimate: ledger.summary.after.ultimateRate,
});
await showTable(
  [
    {
      invoices: "issued before / 实施前开出",
      booked_by_ledger_date: ledger.summary.before.rate,
      ultimate: ledger.summary.before.ultimateRate,
    },
    {
      invoices: "issued after / 实施后开出",
      booked_by_ledger_date: ledger.summary.after.rate,
      ultimate: ledger.summary.after.ultimateRate,
    },
  ],
  {
    title: "Generator's bad-debt rates: booked by the ledger date and ultimate / 生成器统计：截至账本日与最终",
    format: { booked_by_ledger_date: pct(2), ultimate: pct(2) },
  },
);

// %% [markdown]
// ## By grade, debtor profile and region / 按等级、画像和地区
//
// Grades are the core's (the same rule as `AR.GRADE`): we re-grade a few customers here with the core's
// `creditGrade` and compare with the ledger. 等级来自规则核心（与 `AR.GRADE` 相同）：这里用核心的 `creditGrade` 重新评级几个客户并与账本比较。

// %%
const columns = ["customer_id", "name", "overdue_count_12m", "largest_overdue_12m", "cash_flow", "grade"];
const sample = ledger.customers
  .select(columns)
  .filter("d => d.overdue_count_12m > 0")
  .slice(0, 5)
  .concat(ledger.customers.select(columns).filter("d => d.overdue_count_12m === 0").slice(0, 4));
const regraded = sample.objects().map((c: any) => ({
  ...c,
  core_grade: creditGrade({ overdueCount: c.overdue_count_12m, largestOverdue: c.largest_overdue_12m, cashFlow: c.cash_flow }).grade,
}));
await showTable(regraded, { title: "Ledger grade vs core creditGrade / 账本等级与核心评级", format: { largest_overdue_12m: num(0) } });
figure(
  "grade.sample",
  regraded.map((r) => ({
    overdueCount: r.overdue_count_12m,
    largestOverdue: r.largest_overdue_12m,
    cashFlow: r.cash_flow,
    grade: r.grade,
    core: r.core_grade,
  })),
);

// %% [markdown]
// By the grade the customer had when the invoice was issued (vintage basis). Under the method grade C buys
// cash on delivery, so its line drops to zero; the last quarters are immature (their write-offs are still
// to come). 按开票时客户的等级（批次口径）。新方法下C级现款现货，其核销率降为零；最近几个季度尚未成熟（核销还未发生）。

// %%
const byGrade = an.writeOffRates(ledger.invoices, { by: "quarter", segment: "grade", basis: "vintage" });
await show(
  lineChart(byGrade.objects(), {
    title: "Write-off rate by grade at issue / 按开票时等级的核销率",
    x: "start",
    y: "rate",
    series: "grade",
    seriesTitle: "Grade / 等级",
    points: true,
    xFormat: "%Y Q%q",
    subtitle: "Vintage basis, by quarter; recent quarters immature / 批次口径，按季度；近期季度尚未成熟",
    xTitle: "Quarter issued / 开票季度",
    yTitle: "Written off (% of sales) / 核销率",
    yFormat: ".0%",
    markers: marker,
  }),
);

// %%
const withProfile = ledger.invoices.join_left(ledger.customers.select("customer_id", "profile"), "customer_id");
const segmentTotals = (segment: string) =>
  withProfile
    .groupby(segment)
    .rollup({ sales: "d => op.sum(d.amount)", written_off: "d => op.sum(d.written_off)" })
    .derive({ rate: "d => d.written_off / d.sales" })
    .orderby(aq.desc("rate"));
const byRegion = segmentTotals("region");
const byProfile = segmentTotals("profile");
await show(
  barChart(byRegion.objects(), {
    title: "Write-off rate by region / 各地区核销率",
    category: "region",
    value: "rate",
    horizontal: true,
    height: 160,
    categoryTitle: "Region / 地区",
    valueTitle: "Written off (% of sales, whole ledger) / 核销率",
    valueFormat: ".1%",
    sort: "data",
  }),
);
await show(
  barChart(byProfile.objects(), {
    title: "Write-off rate by debtor profile / 按债务人画像的核销率",
    category: "profile",
    value: "rate",
    horizontal: true,
    height: 160,
    subtitle: "none: never in collection / none：未进入催收",
    categoryTitle: "Profile / 画像",
    valueTitle: "Written off (% of sales, whole ledger) / 核销率",
    valueFormat: ".1%",
    sort: "data",
  }),
);
figure(
  "region.rates",
  byRegion.objects().map((r: any) => ({ region: r.region, rate: r.rate })),
);

// %% [markdown]
// ## Receivables over 90 days / 逾期90天以上应收占比
//
// Month-end aging with the core's buckets: the share of open receivables more than 90 days past due. The
// article's appliance maker cut it from 10% to 3%. 月末账龄按核心的账龄段计算：逾期超过90天的应收占全部未结应收的比例；
// 文章中的家电企业把它从10%降到3%。
//
// Comparing all 24 months before the policy date with all 24 after it shows the share *rising*. Two
// things in the ledger, not in the method, cause that, and the chart below shows both:
//
// - **Ramp-up (2021).** The simulation starts with no customer in default, so for the first months
//   nothing is over 90 days; under the old practice a default stays on the books for up to 150 + 180
//   days (case opened 90-150 days after the customer stops paying, written off 180 days later), so the
//   share only settles after about a year. The first 12 months are left out.
// - **Transition (2023).** Customers that stopped paying before the policy date are still being worked
//   out in its first year: the line "of which issued before the method" is their over-90 balance
//   (invoices issued before the policy date). At the same time the method shortens credit terms (60
//   days for everybody before; 30 / 15 days and cash on delivery for grade C after), so within two
//   months total receivables fall to under a third, and the same legacy balance becomes a much larger
//   *share* of a much smaller total. The longest a legacy default can stay open (about 11 months) sets
//   the transition: the first 12 months after the policy date are left out.
//
// So the comparison is steady state against steady state: 2022 (the last year of the old practice) with
// 2024 (the second year of the method), the same calendar months on both sides. Both comparisons are in
// the table; `[figure] over90.before_after` is the steady one.
//
// 直接比较政策实施前后各24个月，会看到占比**上升**。原因在账本本身而不在方法，下图同时展示了两点：
//
// - **起步期（2021年）。** 模拟开始时没有任何客户处于违约中，最初几个月没有逾期90天以上的余额；旧做法下一笔违约要在账上
//   挂150 + 180天（停止付款后90-150天立案，立案180天后核销），占比约一年后才稳定。因此剔除前12个月。
// - **过渡期（2023年）。** 政策实施前已停止付款的客户在实施后第一年仍在处理中：“其中实施前开出的发票”一线是它们的逾期90天以上余额。
//   同时新方法缩短了信用期（实施前统一60天；实施后30天、15天，C级现款现货），两个月内应收总额降到不足三分之一，同样的遗留余额
//   在小得多的总额中占比大得多。遗留违约最长约11个月才能结清，因此剔除政策实施后的前12个月。
//
// 所以比较的是稳定期对稳定期：2022年（旧做法的最后一年）对2024年（新方法的第二年），两边是相同的日历月份。表中列出两种比较；
// `[figure] over90.before_after` 是稳定期的比较。

// %%
const edges = [30, 60, 90, 120];
const aging = an.monthEndAging(ledger.invoices, { payments: ledger.payments, edges: edges });
const over90 = an.overdueShare(aging, { over: 90 });
// the same month ends, split by when the invoice was issued (before the policy date: legacy)
const byIssue = ledger.invoices
  .params({ policyDate: policyDate })
  .derive({ issued: "(d, $) => d.issue_date < $.policyDate ? 'legacy' : 'new'" });
const legacy = an
  .overdueShare(an.monthEndAging(byIssue, { payments: ledger.payments, edges: edges, segment: "issued" }), { over: 90, segment: "issued" })
  .filter("d => d.issued === 'legacy'")
  .select("month", "over_balance")
  .rename({ over_balance: "legacy_over" });
const over90Split = over90.join_left(legacy, "month").derive({ legacy_over: "d => d.legacy_over == null ? 0 : d.legacy_over" });

const rampUp = 12; // months left out at the start: the ledger starts with no default in progress
const transition = 12; // months after the policy date left out: the legacy defaults are worked out
const firstMonth = over90.get("month", 0) as number;
const lastMonth = over90.get("month", over90.numRows() - 1) as number;
const policyMonth = an.monthIndex(policyDate);
const windows = {
  before: { from: firstMonth + rampUp, to: policyMonth - 1 },
  after: { from: policyMonth + transition, to: lastMonth },
};
const over90Rows = over90Split.objects().flatMap((r: any) => [
  { date: r.date, share: r.share, part: "All open invoices / 全部未结发票" },
  ...(r.month >= policyMonth
    ? [
        {
          date: r.date,
          share: r.total > 0 ? r.legacy_over / r.total : NaN,
          part: "of which issued before the method / 其中实施前开出的发票",
        },
      ]
    : []),
]);
const band = (w: { from: number; to: number }, label: string, color: string) => ({
  from: an.serialToDate(an.monthStart(w.from)),
  to: an.serialToDate(an.monthEnd(w.to)),
  label: label,
  color: color,
});
await show(
  lineChart(over90Rows, {
    title: "Share of receivables over 90 days past due / 逾期90天以上应收占比",
    subtitle: `Shaded: the months compared / 阴影为比较的月份: ${an.monthLabel(windows.before.from)}..${an.monthLabel(windows.before.to)}, ${an.monthLabel(windows.after.from)}..${an.monthLabel(windows.after.to)}`,
    x: "date",
    y: "share",
    series: "part",
    seriesTitle: "Over 90 days past due / 逾期90天以上",
    xTitle: "Month end / 月末",
    yTitle: "Over 90 days (% of receivables) / 占比",
    yFormat: ".0%",
    markers: marker,
    bands: [band(windows.before, "Before / 实施前", "#1f77b4"), band(windows.after, "After / 实施后", "#2ca02c")],
  }),
);

const compare = (name: string, dropFirst: number, skip: number) =>
  an
    .compareBeforeAfter(over90, {
      policyDate: policyDate,
      period: "month",
      numerator: "over_balance",
      denominator: "total",
      dropFirst: dropFirst,
      skip: skip,
    })
    .derive({ over_90_per_month: "d => d.numerator / d.periods", receivables_per_month: "d => d.denominator / d.periods" })
    .params({ name: name })
    .derive({ months: "(d, $) => $.name" })
    .select("months", "phase", "periods", "over_90_per_month", "receivables_per_month", "ratio", "change");
const steady = compare("2022 vs 2024 (steady) / 稳定期", rampUp, transition);
const allMonths = compare("all 24 vs all 24 / 全部月份", 0, 0);
await showTable(steady.concat(allMonths), {
  title: "Over 90 days, before / after (balance-weighted, monthly means) / 实施前后（按余额加权，月均）",
  format: { over_90_per_month: num(0), receivables_per_month: num(0), ratio: pct(1), change: pct(1) },
});
figure(
  "over90.before_after",
  steady.objects().map((r: any) => ({ phase: r.phase, months: r.periods, ratio: r.ratio })),
);
figure("over90.windows", {
  before: [an.monthLabel(windows.before.from), an.monthLabel(windows.before.to)],
  after: [an.monthLabel(windows.after.from), an.monthLabel(windows.after.to)],
});
figure(
  "over90.all_months",
  allMonths.objects().map((r: any) => ({ phase: r.phase, ratio: r.ratio })),
);
// how much of the over-90 balance is legacy, in the transition year and in the "after" window
const legacyShare = (from: number, to: number) => {
  const rows = over90Split.objects().filter((r: any) => r.month >= from && r.month <= to) as any[];
  const over = rows.reduce((a, r) => a + r.over_balance, 0);
  return over > 0 ? rows.reduce((a, r) => a + r.legacy_over, 0) / over : NaN;
};
figure("over90.legacy_share", {
  transition: legacyShare(policyMonth, policyMonth + transition - 1),
  after: legacyShare(windows.after.from, windows.after.to),
});

// %% [markdown]
// ## Roll rates between aging buckets / 账龄迁徙率
//
// Balance in bucket k+1 at a month end / balance in bucket k one month earlier. Buckets up to 120 days so
// that the roll into 91-120 is bounded (the open-ended 120+ bucket is left out).
// 迁徙率 = 本月末 k+1 段余额 / 上月末 k 段余额；账龄段到120天，不含开放的120天以上段。

// %%
const rolls = an.rollRates(aging).filter("d => d.to !== '120+'").derive({ transition: "d => d.from + ' → ' + d.to" });
const transitions = an
  .averageRollRates(an.rollRates(aging))
  .filter("d => d.to !== '120+'")
  .derive({ transition: "d => d.from + ' → ' + d.to" });
await show(
  heatmap(rolls.objects(), {
    title: "Monthly roll rates / 月度迁徙率",
    x: "label",
    y: "transition",
    value: "rate",
    labels: false,
    width: 720,
    height: 160,
    xTitle: "Month end / 月末",
    yTitle: "Days past due / 迁徙",
    valueTitle: "Roll rate (%) / 迁徙率",
    valueFormat: ".0%",
    ySort: transitions.array("transition") as string[],
  }),
);
await showTable(transitions.select("transition", "months", "from_balance", "to_balance", "rate", "mean_rate"), {
  title: "Average roll rates / 平均迁徙率",
  format: { from_balance: num(0), to_balance: num(0), rate: pct(1), mean_rate: pct(1) },
});

// %% [markdown]
// ## DSO, best DSO, ADD and CEI / 应收周转天数与回款效率
//
// DSO = ending receivables / sales × days (3-month window); best DSO uses only current receivables;
// ADD = DSO − best DSO (days delinquent); CEI = collected / collectible × 100.
// DSO = 期末应收 / 赊销额 × 天数（3个月窗口）；最佳DSO只计未到期应收；ADD = DSO − 最佳DSO；CEI = 已回收 / 可回收 × 100。

// %%
const metrics = an.collectionMetrics(ledger.invoices, { aging: aging, window: 3 });
const dsoLong = metrics
  .fold(["dso", "best_dso", "add"], { as: ["measure", "days"] })
  .derive({ measure: "d => d.measure === 'dso' ? 'DSO' : d.measure === 'best_dso' ? 'Best DSO / 最佳DSO' : 'ADD / 平均逾期天数'" })
  .filter("d => d.days === d.days");
await show(
  lineChart(dsoLong.objects(), {
    title: "DSO, best possible DSO and ADD / 应收周转天数",
    x: "date",
    y: "days",
    series: "measure",
    seriesTitle: "Measure / 指标",
    xTitle: "Month end / 月末",
    yTitle: "Days / 天",
    markers: marker,
  }),
);
const cei = metrics.assign({ cei_12m: an.rollingMean(metrics.array("cei") as ArrayLike<number>, 12) }).filter("d => d.cei === d.cei");
await show(
  lineChart(cei.objects(), {
    title: "Collection effectiveness index (CEI) / 回款效率指数",
    x: "date",
    y: "cei",
    xTitle: "Month end / 月末",
    yTitle: "CEI (%) / 回款效率",
    zero: false,
    rolling: { field: "cei_12m", label: "12-month mean / 12个月均值" },
    lineLabel: "Monthly / 月度",
    markers: marker,
  }),
);
const last = metrics.objects()[metrics.numRows() - 1] as any;
figure("dso.last", { label: last.label, dso: last.dso, best_dso: last.best_dso, add: last.add, cei: last.cei });

// %% [markdown]
// ## Provision matrix / 拨备矩阵
//
// Historical loss rate of each days-past-due band (IFRS 9 simplified approach, mature month ends only),
// against the policy's illustrative rates, and the provision on receivables at the ledger date with the
// core's `provision` rule. The rate applied is the historical one raised where needed so that an older
// band never gets a lower rate than a younger one (the core refuses such a table). 各逾期天数段的历史损失率（IFRS 9 简化法，只用已成熟的月末），与政策示例费率对比；
// 并用核心的 `provision` 规则计算账本日的拨备。采用费率是历史损失率，必要时上调，使账龄更长的段费率不低于较短的段（核心不接受递减的费率表）。

// %%
const matrix = an.provisionMatrix(ledger.invoices, { payments: ledger.payments });
const matrixLong = matrix.fold(["loss_rate", "rate", "policy_rate"], { as: ["source", "value"] }).derive({
  source:
    "d => d.source === 'loss_rate' ? 'Historical loss rate / 历史损失率' : d.source === 'rate' ? 'Applied (never lower for older debts) / 采用费率' : 'Policy rate / 政策费率'",
});
await show(
  barChart(matrixLong.objects(), {
    title: "Provision matrix: loss rate by band / 拨备矩阵",
    category: "band",
    value: "value",
    group: "source",
    groupTitle: "Rate / 费率",
    categoryTitle: "Days past due / 逾期天数",
    valueTitle: "Loss rate (% of balance) / 损失率",
    valueFormat: ".0%",
    sort: "data",
    groupOrder: ["Historical loss rate / 历史损失率", "Applied (never lower for older debts) / 采用费率", "Policy rate / 政策费率"],
  }),
);
const provision = an.provisionAsOf(ledger.invoices, ledger.summary.options.asOf, an.ratesFromMatrix(matrix), { payments: ledger.payments });
await showTable(provision.table, {
  title: `Provision at ${an.serialToIso(ledger.summary.options.asOf)} with the historical rates / 账本日拨备`,
  format: { rate: pct(1), balance: num(2), provision: num(2) },
});
figure("provision.total", provision.total);
