// Source of notebooks/03-real-data.ipynb ("percent" format: `// %%` starts a code cell,
// `// %% [markdown]` a markdown cell). Edit here, then `npm run notebooks:gen`.

// %% [markdown]
// # Real data: invoice payment histories and the credit cycle / 真实数据：发票回款记录与信用周期
//
// 1. The IBM Watson Analytics "Accounts Receivable" sample: 2,466 settled invoices of 100 customers
//    (2012-2013). Days late by customer, the effect of disputes and of paperless billing, receivables at
//    month ends by aging bucket, and cohort settlement curves.
// 2. Public macro series as a benchmark: Federal Reserve delinquency rates on loans of all US commercial
//    banks (all loans, business, consumer; FRED) and the FDIC net charge-off ratio of one bank (Cathay
//    Bank): peaks, troughs, rolling means and the phases of the credit cycle.
//
// 1. IBM Watson Analytics 的应收账款样本：100个客户、2,466张已结清发票（2012-2013）。按客户的逾期天数、争议和电子账单的影响、
//    月末账龄、按开票月份的回款曲线。
// 2. 公开宏观数据作为基准：美联储公布的美国商业银行贷款拖欠率（全部贷款、企业、消费；FRED）和一家银行（国泰银行）的 FDIC
//    净核销率：峰值、谷值、滚动均值与信用周期各阶段。
//
// The Fed and FDIC series ship with the project in `data/` (public domain; sources in `data/README.md`:
// Board of Governors of the Federal Reserve System (US), retrieved from FRED; FDIC BankFind). The IBM sample
// states no licence and is not shipped: it is read from `../shared/data` (or `$AR_DATA_DIR`), and when it is
// absent the IBM sections print `IBM sample absent (...): skipped`. Lines starting with `[figure]` are read
// by the tests. 美联储和 FDIC 数据随项目附带于 `data/`；IBM 样本未注明许可，不随项目附带，读自 `../shared/data`（或
// `$AR_DATA_DIR`），缺少时 IBM 部分输出“IBM sample absent … skipped”并跳过。以 `[figure]` 开头的行由测试读取。

// %%
import * as an from "ar-recovery/analytics";
import { ibmSampleAvailable, ibmSampleFile, loadFdic, loadFred, loadIbm } from "ar-recovery/analytics/io";
import { barChart, figure, lineChart, num, pct, show, showTable } from "ar-recovery/charts";

// %% [markdown]
// ## IBM invoices / IBM 发票样本

// %%
// Without the sample (not shipped) every IBM cell prints why it is skipped instead of failing.
const ibm = ibmSampleAvailable() ? loadIbm() : undefined;
const ibmAbsent = `IBM sample absent (${ibmSampleFile()}): skipped / 缺少 IBM 样本，已跳过`;
const lateByCustomer = ibm ? an.daysLateByCustomer(ibm) : undefined;
if (!ibm || !lateByCustomer) console.log(ibmAbsent);
else {
  const days = ibm.array("days_late") as ArrayLike<number>;
  let totalLate = 0;
  for (let i = 0; i < days.length; i++) totalLate += days[i];
  figure("ibm.invoices", ibm.numRows());
  figure("ibm.customers", lateByCustomer.numRows());
  figure("ibm.mean_days_late", totalLate / days.length);
  await showTable(
    lateByCustomer.select(
      "customer",
      "invoices",
      "late_share",
      "mean_days_late",
      "mean_days_late_when_late",
      "amount",
      "disputed_share",
      "paperless_share",
    ),
    {
      title: "Latest payers / 回款最慢的客户",
      limit: 10,
      format: {
        late_share: pct(0),
        mean_days_late: num(1),
        mean_days_late_when_late: num(1),
        amount: num(0),
        disputed_share: pct(0),
        paperless_share: pct(0),
      },
    },
  );
}

// %%
if (!lateByCustomer) console.log(ibmAbsent);
else {
  await show(
    barChart(lateByCustomer.slice(0, 15).objects(), {
      title: "Days late by customer: the 15 latest payers / 平均逾期天数最长的15个客户",
      category: "customer",
      value: "mean_days_late",
      categoryTitle: "Customer / 客户",
      valueTitle: "Mean days late per invoice (days) / 平均逾期天数",
      valueFormat: ".1f",
      horizontal: true,
      sort: "data",
      height: 320,
    }),
  );
}

// %% [markdown]
// ## Disputes and paperless billing / 争议与电子账单
//
// Mean days late by attribute, with the difference (yes − no) and Welch's t statistic.
// 按属性的平均逾期天数，差值（是 − 否）及 Welch t 统计量。

// %%
if (!ibm) console.log(ibmAbsent);
else {
  const disputed = an.effectOf(ibm, "disputed");
  const paperless = an.effectOf(ibm, "paperless");
  const effects = [
    ...disputed.table.objects().map((r: any) => ({
      attribute: "Disputed / 有争议",
      value: r.value ? "yes / 是" : "no / 否",
      mean_days_late: r.mean_days_late,
      late_share: r.late_share,
      invoices: r.invoices,
    })),
    ...paperless.table.objects().map((r: any) => ({
      attribute: "Electronic bill / 电子账单",
      value: r.value ? "yes / 是" : "no / 否",
      mean_days_late: r.mean_days_late,
      late_share: r.late_share,
      invoices: r.invoices,
    })),
  ];
  await show(
    barChart(effects, {
      title: "Disputes and paperless billing vs days late / 争议、电子账单与逾期天数",
      category: "attribute",
      value: "mean_days_late",
      group: "value",
      groupTitle: "Attribute present / 是否",
      categoryTitle: "Attribute / 属性",
      valueTitle: "Mean days late (days) / 平均逾期天数",
      valueFormat: ".1f",
      labels: true,
    }),
  );
  await showTable(effects, { title: "Effects / 影响", format: { mean_days_late: num(2), late_share: pct(1) } });
  figure("ibm.disputed", { difference: disputed.difference.meanDaysLate, t: disputed.welch.t });
  figure("ibm.paperless", { difference: paperless.difference.meanDaysLate, t: paperless.welch.t });
}

// %% [markdown]
// ## Receivables at month ends / 月末应收账龄
//
// An invoice is open from its issue date until it is settled; aged with the core's buckets. The sample's
// last invoice is dated 2013-12-02 (9 invoices in December against about 100 a month before), so the
// 2013-12 month end would show a collapse of receivables that is only the end of the extract: the report
// stops at 2013-11. 发票自开票日起至结清日前为未结；按核心的账龄段分段。样本最后一张发票开于2013-12-02（12月只有9张，
// 此前每月约100张），2013年12月末的应收骤降只是数据截止造成的，所以报表截至2013年11月。

// %%
if (!ibm) console.log(ibmAbsent);
else {
  const ibmAging = an.ibmAging(ibm, { asOf: "2013-11-30" });
  const bucketName = (b: string) =>
    b === "current" ? "not due / 未到期" : b.endsWith("+") ? `over ${b.slice(0, -1)} days / ${b.slice(0, -1)}天以上` : `${b} days / ${b}天`;
  const agingRows = ibmAging.objects().map((r: any) => ({ ...r, bucket: bucketName(r.bucket) }));
  await show(
    barChart(agingRows, {
      title: "IBM sample: receivables at month ends by aging bucket / 月末应收账龄",
      category: "label",
      value: "balance",
      group: "bucket",
      stacked: true,
      groupTitle: "Days past due / 逾期天数",
      groupOrder: ["current", "1-30", "31-60", "61-90", "90+"].map(bucketName),
      categoryTitle: "Month end / 月末",
      valueTitle: "Open balance (USD) / 未结余额",
      valueFormat: ",.0f",
      sort: "data",
      width: 640,
    }),
  );
  const ibmOver = an.overdueShare(ibmAging, { over: 30 });
  figure("ibm.aging_months", ibmOver.numRows());
}

// %% [markdown]
// ## Cohort settlement curves / 按开票月份的回款曲线
//
// Share of each month's invoiced amount settled within k days of issue. 每月开票金额在开票后 k 天内结清的比例。

// %%
if (!ibm) console.log(ibmAbsent);
else {
  const cohorts = an.cohortCurves(ibm, { days: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90] });
  // 2013-12 is left out: 9 invoices, the end of the extract (see the aging above)
  await show(
    lineChart(cohorts.filter("d => d.label >= '2013-01' && d.label <= '2013-11'").objects(), {
      title: "Cohort settlement curves, 2013 cohorts (Jan-Nov) / 2013年1-11月各月发票回款曲线",
      x: "day",
      xType: "quantitative",
      y: "amount_share",
      series: "label",
      seriesTitle: "Issued in / 开票月份",
      xTitle: "Days after issue / 开票后天数",
      yTitle: "Settled (% of amount) / 已结清比例",
      yFormat: ".0%",
      points: true,
    }),
  );
  const at30 = cohorts.filter("d => d.day === 30");
  figure("ibm.settled_within_30_days", {
    cohorts: at30.numRows(),
    mean_share: (at30.array("amount_share") as number[]).reduce((a, b) => a + b, 0) / at30.numRows(),
  });
}

// %% [markdown]
// ## The credit cycle: Fed delinquency rates / 信用周期：美联储贷款拖欠率

// %%
const fred = ["DRALACBS", "DRBLACBS", "DRCLACBS"].map((id) => loadFred(id));
const names: Record<string, string> = {
  DRALACBS: "All loans / 全部贷款",
  DRBLACBS: "Business loans / 企业贷款",
  DRCLACBS: "Consumer loans / 消费贷款",
};
const fredRows = fred.flatMap((s) =>
  s.objects().map((r: any) => ({ series: names[r.series], date: an.serialToDate(r.date), value: r.value / 100 })),
);
const allLoans = an.seriesExtremes(fred[0]);
await show(
  lineChart(fredRows, {
    title: "Delinquency rate on loans, all US commercial banks / 美国商业银行贷款拖欠率",
    subtitle: "Quarterly, seasonally adjusted. Source: Federal Reserve via FRED / 季度、季调；来源：美联储（FRED）",
    x: "date",
    y: "value",
    series: "series",
    seriesTitle: "Loans / 贷款",
    xTitle: "Quarter / 季度",
    yTitle: "Delinquency rate (%) / 拖欠率",
    yFormat: ".0%",
    xFormat: "%Y",
    markers: [{ x: allLoans.peak.utcDate, label: `Peak ${allLoans.peak.label}: ${allLoans.peak.value}%` }],
  }),
);
const fredTable = fred.map((s) => {
  const e = an.seriesExtremes(s);
  return {
    series: s.get("series", 0),
    quarters: s.numRows(),
    peak: e.peak.label,
    peak_value: e.peak.value,
    trough: e.trough.label,
    trough_value: e.trough.value,
  };
});
await showTable(fredTable, { title: "Peaks and troughs (%) / 峰值与谷值（%）" });
figure(
  "fred.peaks",
  fredTable.map((r) => ({ series: r.series, peak: r.peak, value: r.peak_value })),
);

// %% [markdown]
// ## FDIC net charge-off ratio / FDIC 净核销率
//
// Annualised net charge-offs over loans of one bank (negative quarters are net recoveries), with a
// one-year rolling mean and the turning points of the cycle (highest or lowest within two years).
// 一家银行的年化净核销率（负值为净回收），附一年滚动均值和周期拐点（前后两年内的最高或最低点）。

// %%
const fdic = an.withRollingMean(loadFdic(), 4);
const fdicExtremes = an.seriesExtremes(fdic);
const turns = an.cycleTurningPoints(fdic, 8);
const fdicRows = fdic
  .objects()
  .map((r: any) => ({ date: an.serialToDate(r.date), value: r.value / 100, rolling_mean: r.rolling_mean / 100 }));
await show(
  lineChart(fdicRows, {
    title: "Net charge-off ratio, Cathay Bank / 国泰银行净核销率",
    subtitle: "Annualised, quarterly. Source: FDIC BankFind / 年化、季度；来源：FDIC BankFind",
    x: "date",
    y: "value",
    xTitle: "Quarter end / 季末",
    yTitle: "Net charge-offs (% of loans) / 净核销率",
    yFormat: ".1%",
    xFormat: "%Y",
    rolling: { field: "rolling_mean", label: "Rolling 4 quarters / 滚动4季均值" },
    lineLabel: "Quarterly / 季度",
    zero: false,
    markers: turns
      .filter("d => d.kind === 'peak' && d.value > 1")
      .objects()
      .map((r: any) => ({ x: an.serialToDate(r.date), label: `${r.label} ${r.value.toFixed(2)}%` })),
  }),
);
figure("fdic.quarters", fdic.numRows());
figure("fdic.peak", { label: fdicExtremes.peak.label, date: an.serialToIso(fdicExtremes.peak.date), value: fdicExtremes.peak.value });
figure("fdic.trough", {
  label: fdicExtremes.trough.label,
  date: an.serialToIso(fdicExtremes.trough.date),
  value: fdicExtremes.trough.value,
});

// %%
const phases = an.cyclePhases(fdic, 8);
await showTable(phases, {
  title: "Phases of the cycle (net charge-off ratio, %) / 周期阶段",
  limit: 30,
  format: { from_value: num(2), to_value: num(2), change: num(2) },
});
const corr = an.seriesCorrelation(loadFdic(), fred[0]);
figure("fdic.vs_all_loans", corr);
