import { describe, expect, it } from "vitest";
import {
  collectionFacts,
  customersNotIn,
  DEFAULT_POLICY,
  followUpDays,
  isoFromSerial,
  nextContactDue,
  planCount,
  readCollectionLog,
  readPolicy,
  serialFromCivil,
  withOverrides,
  type CustomerFacts,
  type WarningLevel,
} from "../../../src/core/index.js";

const d = (iso: string) => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromCivil(y, m, day);
};
const ISO = (serial: number | null | undefined) => (serial === null || serial === undefined ? null : isoFromSerial(serial));
const HEADERS = ["日期", "客户", "发票号", "催收动作", "金额", "承诺日期", "经办人", "备注"];

/** A log from rows [date, customer, action, amount?, promised date?, invoice?, note?] (sheet rows from 2). */
function log(rows: [string, string, string, (number | string)?, string?, string?, string?][]) {
  return readCollectionLog([
    HEADERS,
    ...rows.map(([date, customer, action, amount, promised, invoice, note]) => [
      date,
      customer,
      invoice ?? "",
      action,
      amount ?? "",
      promised ?? "",
      "",
      note ?? "",
    ]),
  ]);
}
const facts = (rows: Parameters<typeof log>[0], asOf: string, levels?: Map<string, WarningLevel | null>, policy = DEFAULT_POLICY) =>
  collectionFacts(log(rows), d(asOf), policy, levels);
const only = (f: ReturnType<typeof facts>): CustomerFacts => {
  expect(f.customers).toHaveLength(1);
  return f.customers[0];
};
const texts = (c: CustomerFacts, language: "en" | "zh" = "en") => c.reasons.map((r) => r[language]);

describe("collection facts: promises", () => {
  it("counts promises kept, broken and pending, and cites their rows and the payments' rows", () => {
    const c = only(
      facts(
        [
          ["2025-05-20", "Jiancai", "promise to pay", 200_000, "2025-06-10"], // row 2: broken
          ["2025-06-15", "Jiancai", "承诺还款", 200_000, "2025-07-01"], // row 3: broken, 50,000 paid
          ["2025-06-28", "Jiancai", "payment", 50_000], // row 4
          ["2025-07-01", "Jiancai", "promise to pay", 30_000, "2025-07-10"], // row 5: kept by row 6
          ["2025-07-09", "Jiancai", "回款", 30_000], // row 6
          ["2025-07-30", "Jiancai", "promise to pay", 100_000, "2025-08-05"], // row 7: pending
        ],
        "2025-07-31",
      ),
    );
    expect([c.promisesKept, c.promisesBroken, c.promisesPending]).toEqual([1, 2, 1]);
    expect(c.promises.map((p) => [p.sourceRow, p.status, p.paid, p.paymentRows])).toEqual([
      [2, "broken", 0, []],
      [3, "broken", 50_000, [4]],
      [5, "kept", 30_000, [6]],
      [7, "pending", 0, []],
    ]);
    expect(texts(c).slice(0, 3)).toEqual([
      "2 promises not kept: 2025-06-10, 2025-07-01",
      "1 promise kept: 2025-07-10",
      "promise pending: 100,000 by 2025-08-05, grace to 2025-08-08",
    ]);
    expect(texts(c, "zh").slice(0, 3)).toEqual([
      "2 次承诺未兑现：2025-06-10、2025-07-01",
      "1 次承诺已兑现：2025-07-10",
      "承诺待兑现：2025-08-05 前还款 100,000，宽限至 2025-08-08",
    ]);
  });

  it("uses the policy's grace (promiseGraceDays, default 3)", () => {
    const rows: Parameters<typeof log>[0] = [
      ["2025-06-01", "A", "promise to pay", 1_000, "2025-06-10"],
      ["2025-06-13", "A", "payment", 1_000],
    ];
    expect(only(facts(rows, "2025-07-31")).promisesKept).toBe(1);
    expect(only(facts(rows, "2025-07-31", undefined, withOverrides({ promiseGraceDays: 0 }))).promisesBroken).toBe(1);
  });

  it("does not count rows dated after the as-of date, and says so", () => {
    const c = only(
      facts(
        [
          ["2025-07-01", "A", "call"],
          ["2025-08-01", "A", "promise to pay", 1_000, "2025-08-10"],
          ["2025-08-02", "A", "payment", 1_000],
        ],
        "2025-07-31",
      ),
    );
    expect(c.promises).toEqual([]);
    expect(c.rows).toEqual([2]);
    expect(c.afterAsOfRows).toEqual([3, 4]);
    expect(c.reasons.at(-1)).toEqual({
      code: "after-as-of",
      en: "rows 3, 4 dated after the as-of date 2025-07-31: not counted",
      zh: "第 3、4 行晚于报告日 2025-07-31：未计入",
    });
  });
});

describe("collection facts: disputes", () => {
  it("keeps a dispute open until resolved, per invoice when the row names one", () => {
    const c = only(
      facts(
        [
          ["2025-06-12", "B", "提出异议", "", "", "INV-1", "quality problem"], // row 2: open
          ["2025-06-20", "B", "dispute opened", "", "", "INV-2"], // row 3: resolved by row 4
          ["2025-07-01", "B", "dispute resolved", "", "", "INV-2"], // row 4
        ],
        "2025-07-31",
      ),
    );
    expect(c.openDisputes).toEqual([{ invoice: "INV-1", opened: d("2025-06-12"), sourceRow: 2, note: "quality problem" }]);
    expect(c.reasons.find((r) => r.code === "dispute-open")).toEqual({
      code: "dispute-open",
      en: "open dispute on invoice INV-1 since 2025-06-12 (quality problem), row 2: held out of escalation until resolved",
      zh: "发票 INV-1 自 2025-06-12 起存在异议（quality problem），第 2 行：异议解决前暂停升级",
    });
  });

  it("a dispute of the whole debt; a resolution naming no invoice closes every dispute", () => {
    const open = only(facts([["2025-06-12", "B", "dispute"]], "2025-07-31"));
    expect(open.openDisputes.map((x) => [x.invoice, x.sourceRow])).toEqual([[null, 2]]);
    expect(open.reasons.find((r) => r.code === "dispute-open")?.en).toBe(
      "open dispute since 2025-06-12, row 2: held out of escalation until resolved",
    );
    const closed = only(
      facts(
        [
          ["2025-06-12", "B", "dispute opened"],
          ["2025-06-13", "B", "dispute opened", "", "", "INV-9"],
          ["2025-07-01", "B", "异议解决"],
        ],
        "2025-07-31",
      ),
    );
    expect(closed.openDisputes).toEqual([]);
    // a resolution dated after the as-of date does not count yet
    expect(
      only(
        facts(
          [
            ["2025-06-12", "B", "dispute opened"],
            ["2025-08-01", "B", "dispute resolved"],
          ],
          "2025-07-31",
        ),
      ).openDisputes,
    ).toHaveLength(1);
  });
});

describe("collection facts: the limitation period restarts from the last demand or acknowledgement", () => {
  it("counts letters, written messages, confirmations, promises, payments, plans, suits and claims; not calls or visits", () => {
    const c = only(
      facts(
        [
          ["2025-06-05", "C", "催款函"], // row 2
          ["2025-06-10", "C", "call"], // row 3
          ["2025-06-11", "C", "visit"], // row 4
        ],
        "2025-07-31",
      ),
    );
    expect(c.lastInterruption).toEqual({ date: d("2025-06-05"), action: "dunningLetter", sourceRow: 2 });
    expect(c.reasons.find((r) => r.code === "limitation-restarted")).toEqual({
      code: "limitation-restarted",
      en: "limitation period runs again from 2025-06-05: dunning letter, row 2 (Civil Code art. 195)",
      zh: "诉讼时效自 2025-06-05 重新起算：催款函，第 2 行（《民法典》第195条）",
    });
    const interrupting = [
      "dunning letter",
      "lawyer's letter",
      "statement sent",
      "e-mail",
      "WeChat",
      "SMS",
      "balance confirmed",
      "payment",
      "suit filed",
      "claim filed",
    ];
    for (const action of interrupting) {
      const amount = action === "payment" ? 10 : "";
      expect(only(facts([["2025-07-20", "C", action, amount]], "2025-07-31")).lastInterruption?.date, action).toBe(d("2025-07-20"));
    }
    for (const action of ["call", "visit", "dispute opened", "instalment missed", "dispute resolved"]) {
      expect(only(facts([["2025-07-20", "C", action]], "2025-07-31")).lastInterruption, action).toBeNull();
    }
    expect(only(facts([["2025-07-20", "C", "promise to pay", 5, "2025-07-25"]], "2025-07-31")).lastInterruption?.action).toBe("promise");
    expect(only(facts([["2025-07-20", "C", "plan agreed", 5, "2025-08-01"]], "2025-07-31")).lastInterruption?.action).toBe("planAgreed");
  });

  it("takes the latest by date, whatever the log order; ties go to the later row", () => {
    const c = only(
      facts(
        [
          ["2025-07-10", "C", "lawyer's letter"], // row 2
          ["2025-06-01", "C", "dunning letter"], // row 3, logged late
          ["2025-07-10", "C", "SMS"], // row 4
        ],
        "2025-07-31",
      ),
    );
    expect(c.lastInterruption).toEqual({ date: d("2025-07-10"), action: "sms", sourceRow: 4 });
  });
});

describe("collection facts: last contact and the next contact due by the ladder", () => {
  it("has the ladder's cadence: level 1 daily, levels 2 and 3 the policy's (7 and 3 days), none below", () => {
    expect([0, 1, 2, 3, null].map((l) => followUpDays(l as WarningLevel | null))).toEqual([null, 1, 7, 3, null]);
    const policy = withOverrides({ followUpDaysLevel2: 5, followUpDaysLevel3: 2 });
    expect([followUpDays(2, policy), followUpDays(3, policy)]).toEqual([5, 2]);
    expect(() => followUpDays(4 as WarningLevel)).toThrow(/^level: 4 is not a warning level \(0 to 3\)/);
  });

  it("nextContactDue: last contact plus the cadence; the as-of date without one; held to the day after a pending promise", () => {
    expect(ISO(nextContactDue(d("2025-07-28"), 2, d("2025-07-31")))).toBe("2025-08-04");
    expect(ISO(nextContactDue(d("2025-07-28"), 1, d("2025-07-31")))).toBe("2025-07-29");
    expect(ISO(nextContactDue(d("2025-07-28"), 3, d("2025-07-31")))).toBe("2025-07-31");
    expect(ISO(nextContactDue(null, 3, d("2025-07-31")))).toBe("2025-07-31");
    expect(nextContactDue(d("2025-07-28"), 0, d("2025-07-31"))).toBeNull();
    expect(ISO(nextContactDue(d("2025-07-30"), 1, d("2025-07-31"), DEFAULT_POLICY, d("2025-08-08")))).toBe("2025-08-09");
    expect(ISO(nextContactDue(d("2025-07-30"), 2, d("2025-07-31"), DEFAULT_POLICY, d("2025-08-01")))).toBe("2025-08-06");
    expect(() => nextContactDue(d("2025-07-30"), 1, "x" as never)).toThrow(/^as_of: "x" is not a date/);
    expect(() => nextContactDue("soon" as never, 1, d("2025-07-31"))).toThrow(/^last_contact: "soon" is not a date/);
  });

  it("shows a missed follow-up, by the customer's level (matched ignoring case and spaces)", () => {
    const rows: Parameters<typeof log>[0] = [
      ["2025-07-15", "Northwind Textiles", "微信"], // row 2
      ["2025-07-16", "Northwind Textiles", "payment", 1_000], // row 3: not a contact
    ];
    const c = only(facts(rows, "2025-07-31", new Map([["northwind  TEXTILES", 2 as WarningLevel]])));
    expect(c.lastContact).toEqual({ date: d("2025-07-15"), action: "wechat", sourceRow: 2 });
    expect([c.level, ISO(c.nextContactDue), c.followUpOverdue]).toEqual([2, "2025-07-22", true]);
    expect(c.reasons.filter((r) => r.code === "last-contact" || r.code === "follow-up-overdue")).toEqual([
      { code: "last-contact", en: "last contact 2025-07-15: WeChat, row 2", zh: "最近一次联系 2025-07-15：微信，第 2 行" },
      {
        code: "follow-up-overdue",
        en: "follow-up overdue: the next contact was due 2025-07-22 (level 2: every 7 days), 9 days ago",
        zh: "跟进已逾期：下次联系应在 2025-07-22（二级预警：每 7 天跟进），已过 9 天",
      },
    ]);
    // level 1, contacted yesterday: due today, not overdue
    const fresh = only(collectionFacts(log([["2025-07-30", "A", "call"]]), d("2025-07-31"), DEFAULT_POLICY, () => 1));
    expect([ISO(fresh.nextContactDue), fresh.followUpOverdue]).toEqual(["2025-07-31", false]);
    expect(fresh.reasons.find((r) => r.code === "next-contact")).toEqual({
      code: "next-contact",
      en: "next contact due 2025-07-31 (level 1: daily follow-up)",
      zh: "下次联系日 2025-07-31（一级预警：每天跟进）",
    });
    // no level given: no follow-up computed
    const unknown = only(facts([["2025-07-01", "A", "call"]], "2025-07-31"));
    expect([unknown.level, unknown.nextContactDue, unknown.followUpOverdue]).toEqual([null, null, false]);
  });

  it("a pending promise holds the follow-up until the day after its last day", () => {
    const c = only(
      collectionFacts(
        log([
          ["2025-07-30", "Hengtai", "call"],
          ["2025-07-30", "Hengtai", "promise to pay", 500_000, "2025-08-05"],
        ]),
        d("2025-07-31"),
        DEFAULT_POLICY,
        () => 1,
      ),
    );
    expect([ISO(c.nextContactDue), c.followUpOverdue]).toEqual(["2025-08-09", false]);
  });
});

describe("collection facts: instalment plans", () => {
  it("reads the plan from its row (amount each, first due date, count in the note) and tracks it", () => {
    const c = only(
      facts(
        [
          ["2025-05-10", "F", "plan agreed", 50_000, "2025-06-01", "", "6 instalments"], // row 2: replaced
          ["2025-06-20", "F", "达成分期", 100_000, "2025-07-01", "", "分12期，最后一期减免50,000"], // row 3
          ["2025-07-02", "F", "回款", 100_000], // row 4
          ["2025-06-25", "F", "payment", 20_000], // row 5: before the first due date, counts toward it
          ["2025-07-20", "F", "instalment missed", "", "", "", "logged by hand"], // row 6
        ],
        "2025-08-10",
      ),
    );
    const plan = c.plan;
    expect(plan).not.toBeNull();
    if (plan === null) return;
    expect([plan.sourceRow, ISO(plan.agreed), ISO(plan.firstDue), plan.instalment, plan.count, plan.supersededRows]).toEqual([
      3,
      "2025-06-20",
      "2025-07-01",
      100_000,
      12,
      [2],
    ]);
    // 07-01: 120,000 by 07-04 (kept); 08-01: 120,000 by 08-04 of 200,000 (missed)
    expect(plan.instalments.map((i) => [ISO(i.due), i.status])).toEqual([
      ["2025-07-01", "kept"],
      ["2025-08-01", "missed"],
    ]);
    expect([plan.kept, plan.missed, plan.paid, ISO(plan.nextDue), plan.paymentRows]).toEqual([1, 1, 120_000, "2025-09-01", [5, 4]]);
    expect(c.instalmentMissedRows).toEqual([6]);
    expect(c.reasons.find((r) => r.code === "plan-missed")).toEqual({
      code: "plan-missed",
      en: "instalment plan of 2025-06-20, row 3: 100,000 monthly of 12; 2 instalments due, 1 kept, 1 missed (2025-08-01); next due 2025-09-01",
      zh: "2025-06-20 达成分期（第 3 行）：每月 100,000（共 12 期）；已到期 2 期，按期 1 期，逾期 1 期（2025-08-01）；下期 2025-09-01",
    });
    expect(c.reasons.find((r) => r.code === "instalment-missed-logged")?.en).toBe("instalment missed logged: row 6");
  });

  it("reads the count of instalments from the note", () => {
    expect(
      ["12 monthly", "12 instalments", "12 installments", "分12期", "12期", "12个月", "twelve", null, "0 monthly"].map((n) => planCount(n)),
    ).toEqual([12, 12, 12, 12, 12, 12, null, null, null]);
  });
});

describe("collection facts: collection records and customers", () => {
  it("holds collection records when the log has contacts, citing their rows", () => {
    const c = only(
      facts(
        [
          ["2025-07-01", "A", "call"],
          ["2025-07-02", "A", "payment", 10],
          ["2025-07-03", "A", "dunning letter"],
        ],
        "2025-07-31",
      ),
    );
    expect([c.collectionRecords, c.contactRows]).toEqual([true, [2, 4]]);
    expect(c.reasons.find((r) => r.code === "collection-records")).toEqual({
      code: "collection-records",
      en: "collection records held: 2 contacts logged",
      zh: "有催款记录：2 次联系",
    });
    const none = only(facts([["2025-07-02", "A", "payment", 10]], "2025-07-31"));
    expect([none.collectionRecords, none.reasons.at(-1)?.code]).toEqual([false, "no-collection-records"]);
  });

  it("groups the rows by customer, matched ignoring case and spaces, in order of first appearance", () => {
    const f = facts(
      [
        ["2025-07-01", "Blue River Retail", "call"],
        ["2025-07-02", "Huaxin 华信", "call"],
        ["2025-07-03", "blue  river retail", "SMS"],
      ],
      "2025-07-31",
    );
    expect(f.customers.map((c) => [c.customer, c.rows])).toEqual([
      ["Blue River Retail", [2, 4]],
      ["Huaxin 华信", [3]],
    ]);
    expect(f.byKey.get("blue river retail")?.lastContact?.action).toBe("sms");
    expect(f.asOf).toBe(d("2025-07-31"));
    // a customer of the log not in the portfolio is reported with its rows
    expect(customersNotIn(f, ["BLUE RIVER RETAIL", "Meridian Tools"]).map((c) => [c.customer, c.rows])).toEqual([["Huaxin 华信", [3]]]);
  });

  it("refuses a bad as-of date or policy, naming it", () => {
    expect(() => collectionFacts([], "x" as never)).toThrow(/^as_of: /);
    expect(() => collectionFacts([], d("2025-07-31"), { ...DEFAULT_POLICY, followUpDaysLevel2: 0 })).toThrow(
      /^followUpDaysLevel2: 0 must be a whole number from 1 to 365/,
    );
  });
});

describe("policy settings of issue 13 (the collection log)", () => {
  it("has their defaults and checks them", () => {
    expect(DEFAULT_POLICY).toMatchObject({ promiseGraceDays: 3, followUpDaysLevel2: 7, followUpDaysLevel3: 3 });
    expect(readPolicy({}).promiseGraceDays).toBe(3);
    expect(readPolicy({ followUpDaysLevel3: 5 }).followUpDaysLevel3).toBe(5);
    expect(() => withOverrides({ promiseGraceDays: -1 })).toThrow(/^promiseGraceDays: -1 must be a whole number from 0 to 365/);
    expect(() => withOverrides({ followUpDaysLevel3: 1.5 })).toThrow(/^followUpDaysLevel3: 1.5 must be a whole number from 1 to 365/);
    expect(() => readPolicy({ followUpDaysLevel2: "7" })).toThrow(/^followUpDaysLevel2: "7" is not a number/);
  });
});
