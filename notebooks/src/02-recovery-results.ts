// Source of notebooks/02-recovery-results.ipynb ("percent" format: `// %%` starts a code cell,
// `// %% [markdown]` a markdown cell). Edit here, then `npm run notebooks:gen`.

// %% [markdown]
// # Recovery results / 回款结果
//
// The debtors in collection go through the core's portfolio triage (the same as the add-in's triage
// pane: grade, aging, warning level, debtor profile, next step); their recorded outcomes are then joined
// on the customer to see what each profile and strategy brought in: recovery rates, time to recover,
// discounts given against cash gained, instalment plans kept and broken. Seeded demo data, not real.
//
// 催收中的债务人先经过规则核心的组合分诊（与加载项的分诊面板相同：等级、账龄、预警级别、债务人画像、下一步），再按客户
// 关联记录下来的结果，看各画像、各策略的回收率、回款用时、让步金额与回款、分期计划的履约与违约。演示数据，非真实数据。
//
// Lines starting with `[figure]` are key figures that the tests read. / 以 `[figure]` 开头的行是测试读取的关键数字。

// %%
import * as aq from "arquero";
import * as core from "ar-recovery/core";
import * as an from "ar-recovery/analytics";
import { barChart, figure, num, pct, show, showTable } from "ar-recovery/charts";

// %% [markdown]
// ## Triage of the debtors in collection / 催收债务人分诊
//
// One row per debtor, as it would be pasted into Excel: customer, balance, due date, the grade inputs and
// the eleven profile signals (blank where unknown). 每个债务人一行，如同粘贴到 Excel：客户、余额、到期日、评级输入和11个画像信号（未知留空）。
//
// The ledger has 200,000 invoices of 2,000 customers (48 months, the method adopted in 2023-01), so that
// each strategy has dozens of cases: with a few hundred customers a strategy has a handful, and one case
// more or less turns a rate upside down. 账本有二十万张发票、两千个客户（48个月，2023年1月起实施新方法），
// 使每种策略都有几十个案件；只有几百个客户时，一种策略只有寥寥几个案件，多一个少一个就会让比率颠倒。

// %%
const options = { seed: 7, invoices: 200_000, months: 48, start: "2021-01-01", language: "zh" } as const;
const ledger = an.generateTables(options);
const asOf = ledger.summary.options.asOf;
figure("ledger.options", options);

const fields: core.TriageField[] = [
  "customer",
  "balance",
  "dueDate",
  "overdueCount",
  "largestOverdue",
  "cashFlow",
  "businessOperating",
  "incomeStable",
  "turnoverDecline",
  "proposedPlan",
  "excuses",
  "contradiction",
  "brokenPromises",
  "refusesContact",
  "insolvent",
  "dishonestDebtor",
  "operationsStopped",
];
const sourceColumns = [
  "name",
  "balance",
  "default_date",
  "overdue_count_12m",
  "largest_overdue_12m",
  "cash_flow",
  "business_operating",
  "income_stable",
  "turnover_decline",
  "proposed_plan",
  "excuses",
  "contradiction",
  "broken_promises",
  "refuses_contact",
  "insolvent",
  "dishonest_debtor",
  "operations_stopped",
];
const debtors = ledger.cases
  .select(aq.not("region", "grade"))
  .join(ledger.customers.select("customer_id", "name", "cash_flow", "overdue_count_12m", "largest_overdue_12m"), "customer_id");
const rows = debtors.objects().map((r: any) => sourceColumns.map((c) => r[c]));
const mapping = Object.fromEntries(fields.map((f, i) => [f, i])) as core.ColumnMapping;
const triage = core.triagePortfolio(rows, mapping, { asOf: asOf });
const summary = core.summarise(triage.records);
await showTable(
  triage.records.slice(0, 6).map((r) => ({
    customer: r.customer,
    balance: r.balance,
    grade: r.grade,
    days_past_due: r.daysPastDue,
    level: r.level,
    profile: r.profile,
    next_step: r.nextStep === null ? "" : core.describeNextStep(r.nextStep, "en"),
  })),
  { title: `Triage as of ${an.serialToIso(asOf)} (first rows) / 分诊结果（前几行）`, format: { balance: num(2) } },
);
figure("triage.rows", triage.records.length);
figure("triage.problems", triage.records.filter((r) => r.status !== "ok").length);

// %% [markdown]
// The generator profiled the same debtors with the core's `debtorProfile`; the triage must agree.
// 生成器已用核心的 `debtorProfile` 为同一批债务人画像，分诊结果必须一致。

// %%
const ledgerProfiles = debtors.array("profile") as string[];
const agree = triage.records.filter((r, i) => r.profile === ledgerProfiles[i]).length;
figure("triage.profile_agreement", { agree: agree, of: triage.records.length });
await showTable(
  summary.byProfile.map((g) => ({ profile: g.key, 画像: g.zh, debtors: g.count, balance: g.amount })),
  { title: "Debtors by profile (core summary) / 按画像汇总", format: { balance: num(0) } },
);

// %% [markdown]
// ## Outcomes joined on the customer / 按客户关联结果
//
// `casesFromTriage` keeps the triage's profile and balance and adds the recorded outcome (strategy,
// cash collected before and recovered after the write-off, discounts, dates).
// `casesFromTriage` 保留分诊的画像和余额，加上记录的结果（策略、核销前回款与核销后追回、让步、日期）。

// %%
const outcomes = ledger.cases
  .join(ledger.customers.select("customer_id", "name"), "customer_id")
  .select(
    "name",
    "method",
    "strategy",
    "outcome",
    "collected",
    "recovered",
    "written_off",
    "discount",
    "open_date",
    "first_cash_date",
    "last_cash_date",
    "offer_rate",
    "days_to_pay",
    "plan_kept",
    "instalments",
    "broken_at",
  )
  .rename({ name: "customer" });
const cases = an.casesFromTriage(triage.records, outcomes).derive({ period: "d => d.method ? 'with method / 新方法' : 'before / 旧做法'" });
figure("cases.rows", cases.numRows());

// %% [markdown]
// ## Recovery rate by profile and strategy / 按画像与策略的回收率
//
// Recovery rate = cash (collected before the write-off + recovered after) / amount in collection.
// 回收率 = 现金（核销前回款 + 核销后追回）/ 催收金额。
//
// The profile chart is split by when the case opened, as the strategy chart below is. Pooling the two
// periods would mislead: about three cases in five opened before the method, when every debtor got the
// same long dunning and late legal action whatever its profile, and temporarily distressed debtors, mostly
// left to drag on, recovered about a third of their balance, less than willful ones. Pooled, that old gap
// carries over and temporary debtors come out well below willful ones, which says more about the old
// practice than about the debtors. Under the method (instalment plans sized to the cash flow for
// temporary debtors, the anchor-price settlement ladder for willful ones) temporary and willful debtors
// recover about the same large share (around four fifths), unclear ones about half, and unable debtors
// least: a bankruptcy distribution pays a small part of an ordinary claim, even filed in time. Some recent
// cases are still open (plans running), so the rates with the method are a little below where they will end.
//
// 画像图按立案时间分为实施前和实施后，与下面的策略图一致。两个时期混在一起会误导读者：约五分之三的案件立于实施前，
// 那时不论画像如何，一律长期催讨、很晚才诉讼，暂时困难的债务人大多被拖着，只收回余额的三分之一左右，低于恶意拖欠者。
// 混在一起算，这一旧差距被带入，暂时困难者远低于恶意拖欠者，反映的是旧做法而不是债务人本身。新方法下（暂时困难者按
// 现金流测算分期计划，恶意拖欠者按锚定价格阶梯和解），暂时困难者和恶意拖欠者的回收率相近且都很高（约五分之四），
// 画像不明者约一半，无力偿还者最低：即使按时申报债权，破产分配也只付普通债权的一小部分。部分近期案件仍在进行（分期
// 计划未完），所以实施后的回收率略低于最终水平。

// %%
const periodOrder = ["before / 旧做法", "with method / 新方法"];
const profileOrder = ["temporary", "willful", "unclear", "unable"];
const byProfile = an.recoveryRates(cases, ["period", "profile"]);
await show(
  barChart(byProfile.objects(), {
    title: "Recovery rate by debtor profile, before and with the method / 各画像回收率（实施前后）",
    category: "profile",
    value: "recovery_rate",
    group: "period",
    groupTitle: "Cases opened / 立案时",
    categoryTitle: "Profile / 画像",
    valueTitle: "Recovery rate (% of balance) / 回收率",
    valueFormat: ".0%",
    sort: profileOrder,
    groupOrder: periodOrder,
  }),
);
await showTable(byProfile.select("period", "profile", "cases", "balance", "cash", "written_off", "recovery_rate", "loss_rate"), {
  title: "Recovery by profile, before and with the method / 各画像回收（实施前后）",
  format: { balance: num(0), cash: num(0), written_off: num(0), recovery_rate: pct(1), loss_rate: pct(1) },
});
figure(
  "recovery.by_profile",
  byProfile
    .objects()
    .map((r: any) => ({ method: r.period === periodOrder[1], profile: r.profile, cases: r.cases, recovery_rate: r.recovery_rate })),
);

// %%
const byStrategy = an.recoveryRates(cases, ["period", "strategy"]);
await show(
  barChart(byStrategy.objects(), {
    title: "Recovery rate by strategy, before and with the method / 各策略回收率（实施前后）",
    category: "strategy",
    value: "recovery_rate",
    group: "period",
    groupTitle: "Cases opened / 立案时",
    categoryTitle: "Strategy / 策略",
    valueTitle: "Recovery rate (% of balance) / 回收率",
    valueFormat: ".0%",
    sort: ["ladder", "instalment", "settlement", "legal", "bankruptcy"],
    groupOrder: periodOrder,
  }),
);
const byPeriod = an.recoveryRates(cases, "period");
await showTable(byPeriod.select("period", "cases", "balance", "cash", "recovery_rate", "loss_rate"), {
  title: "Before and with the method / 实施前后",
  format: { balance: num(0), cash: num(0), recovery_rate: pct(1), loss_rate: pct(1) },
});
figure(
  "recovery.by_period",
  byPeriod.objects().map((r: any) => ({ period: r.period, cases: r.cases, recovery_rate: r.recovery_rate })),
);

// %% [markdown]
// ## Time to recover / 回款用时
//
// Days from opening the case to the first and to the last cash (cases with cash only).
// 从立案到首笔、末笔回款的天数（只计有回款的案件）。

// %%
const times = an.timeToRecover(cases, "strategy");
const timesLong = times
  .fold(["median_days_to_first_cash", "median_days_to_last_cash"], { as: ["measure", "days"] })
  .derive({ measure: "d => d.measure === 'median_days_to_first_cash' ? 'First cash / 首笔回款' : 'Last cash / 末笔回款'" });
await show(
  barChart(timesLong.objects(), {
    title: "Median days to recover by strategy / 各策略回款用时（中位数）",
    category: "strategy",
    value: "days",
    group: "measure",
    groupTitle: "From case opening to / 自立案至",
    categoryTitle: "Strategy / 策略",
    valueTitle: "Days (median) / 天数（中位数）",
    valueFormat: ",.0f",
    horizontal: true,
    sort: ["ladder", "instalment", "settlement", "legal", "bankruptcy"],
  }),
);
await showTable(times, {
  title: "Time to recover (days) / 回款用时（天）",
  format: { mean_days_to_first_cash: num(0), mean_days_to_last_cash: num(0), p90_days_to_last_cash: num(0) },
});

// %% [markdown]
// ## Discount given vs cash gained / 让步与回款
//
// Settlements on the anchor-price ladder: the share of the balance accepted, what was given up and what
// came in. 按锚定价格阶梯和解：接受的比例、让出的金额与收回的现金。

// %%
const discounts = an.discountVersusCash(cases);
const discountsLong = discounts
  .derive({ offer: "d => op.round(d.offer_rate * 100) + '% of balance / 余额的' + op.round(d.offer_rate * 100) + '%'" })
  .fold(["discount", "cash"], { as: ["kind", "amount"] })
  .derive({ kind: "d => d.kind === 'discount' ? 'Discount given / 让步金额' : 'Cash gained / 回收现金'" });
await show(
  barChart(discountsLong.objects(), {
    title: "Settlements: discount given vs cash gained / 和解：让步与回款",
    category: "offer",
    value: "amount",
    group: "kind",
    groupTitle: "Amount / 金额",
    categoryTitle: "Offer accepted / 接受的和解比例",
    valueTitle: "Amount (CNY) / 金额（元）",
    valueFormat: ",.0f",
  }),
);
await showTable(discounts, {
  title: "Discount vs cash / 让步与回款",
  format: { offer_rate: pct(0), balance: num(0), discount: num(0), cash: num(0), discount_per_cash: pct(1), mean_days_to_pay: num(1) },
});

// %% [markdown]
// ## Instalment plans kept vs broken / 分期计划履约与违约
//
// Under the method a temporarily distressed debtor gets a plan sized by the core (at most 12 monthly
// instalments here, the first 15 days after the case opens). At the ledger date a plan's outcome is known
// only once it is over: kept when the last instalment is paid, broken as soon as one is missed. A broken
// plan is therefore known months before a kept one, and the plans still running are mostly plans being
// kept; counting only the known outcomes of all plans overstates the broken ones. The fair count is on
// the plans opened long enough ago to have finished (longest plan + 1 month before the ledger date):
// every one of them has a known outcome.
//
// 新方法下，暂时困难的债务人获得由规则核心测算的分期计划（这里最多12期，立案后15天付第一期）。在账本日，计划的结果
// 只有在结束时才知道：付清最后一期才算履约，而一旦有一期未付就算违约。违约比履约早几个月被发现，仍在进行的计划大多是
// 正在履约的；只数全部计划中已知的结果会高估违约。公平的计数只看立案足够早、已经结束的计划（早于账本日“最长期数 + 1个月”），
// 它们的结果都已知。

// %%
const plans = an.planOutcomes(cases);
const longestPlan = Math.max(...(cases.filter("d => d.strategy === 'instalment'").array("instalments") as number[]));
const matureBefore = core.addMonths(asOf, -(longestPlan + 1));
const maturePlans = an.planOutcomes(cases.params({ cut: matureBefore }).filter("(d, $) => d.open_date <= $.cut"));
const planLabel = { kept: "kept / 履约", broken: "broken / 违约", running: "running / 进行中" } as Record<string, string>;
const planRows = [
  ...plans.objects().map((r: any) => ({ ...r, plan: planLabel[r.plan], plans: "All plans / 全部计划" })),
  ...maturePlans
    .objects()
    .map((r: any) => ({ ...r, plan: planLabel[r.plan], plans: `Opened by ${an.serialToIso(matureBefore)} / 立案于此日前` })),
];
await show(
  barChart(planRows, {
    title: "Instalment plans: kept vs broken / 分期计划履约情况",
    category: "plan",
    value: "cases",
    group: "plans",
    groupTitle: "Plans / 计划",
    categoryTitle: "Outcome at the ledger date / 账本日的结果",
    valueTitle: "Plans (count) / 计划数",
    valueFormat: ",.0f",
    labels: true,
    sort: ["kept / 履约", "broken / 违约", "running / 进行中"],
    groupOrder: ["All plans / 全部计划", planRows[planRows.length - 1].plans],
  }),
);
await showTable(
  planRows.map((r: any) => ({
    plans: r.plans,
    plan: r.plan,
    cases: r.cases,
    share: r.share,
    balance: r.balance,
    cash: r.cash,
    concession: r.concession,
    recovery_rate: r.recovery_rate,
    mean_instalments: r.mean_instalments,
    mean_broken_at: r.mean_broken_at,
  })),
  {
    title: "Plans / 分期计划",
    format: {
      share: pct(0),
      balance: num(0),
      cash: num(0),
      concession: num(0),
      recovery_rate: pct(1),
      mean_instalments: num(1),
      mean_broken_at: num(1),
    },
  },
);
figure(
  "plans",
  plans.objects().map((r: any) => ({ plan: r.plan, cases: r.cases, share: r.share })),
);
figure("plans.mature", {
  opened_by: an.serialToIso(matureBefore),
  longest: longestPlan,
  plans: maturePlans.objects().map((r: any) => ({ plan: r.plan, cases: r.cases, share: r.share })),
});
