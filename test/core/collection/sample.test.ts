// The sample collection log (samples/collection-log.csv) read through the reader: every row accounted for,
// and the facts of each customer at 2025-07-31, computed by hand from the file.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import {
  collectionFacts,
  factsAtLevel,
  isoFromSerial,
  logCustomerKey,
  readCollectionLog,
  serialFromCivil,
  type CustomerFacts,
  type WarningLevel,
} from "../../../src/core/index.js";

const read = (name: string) => parse(readFileSync(new URL(`../../../samples/${name}`, import.meta.url)), { bom: true }) as string[][];
const ISO = (serial: number | null | undefined) => (serial === null || serial === undefined ? null : isoFromSerial(serial));
const AS_OF = serialFromCivil(2025, 7, 31);

// The warning level of each customer of samples/portfolio.csv at 2025-07-31 (days past due: 30 level 1, 60
// level 2, 90 level 3). Lakeside Hotel's due date (2025-02-30) does not exist: its level is unknown.
const LEVELS = new Map<string, WarningLevel | null>([
  ["Huaxin Machinery 华信机械", 0], // 11 days
  ["Fresh Table Catering 鲜味餐饮供应链", 3], // 122
  ["Jiancai Building Materials 建材商贸", 2], // 77
  ["Dianzi Electronics 电子元件厂", 3], // 153
  ["Blue River Retail", 1], // 51
  ["Golden Bay Logistics", 3], // 97
  ["Qinghe Pharmacy 清河大药房", null], // not due
  ["Northwind Textiles", 2], // 60
  ["Hengtai Hardware 恒泰五金", 1], // 33
  ["Meridian Tools", 2], // 62
  ["Lakeside Hotel 湖畔酒店", null],
]);

describe("samples/collection-log.csv", () => {
  const table = read("collection-log.csv");
  const log = readCollectionLog(table);

  it("accounts for every row: 30 events, 2 problems, 1 blank row", () => {
    expect(table).toHaveLength(34);
    expect(log.rowCount).toBe(33);
    expect(log.events.length + log.problems.length + log.blankRows.length + log.trailingBlankRows).toBe(33);
    expect([log.events.length, log.problems.length, log.blankRows, log.trailingBlankRows]).toEqual([30, 2, [18], 0]);
    expect(log.columns.unmatched).toEqual([]);
    expect(log.problems.map((p) => [p.sourceRow, p.customer, p.problems.map((r) => r.code)])).toEqual([
      [17, "Summit Foods", ["invalid:action"]],
      [24, "Orion Components", ["invalid:amount"]],
    ]);
    expect(log.problems[0].problems[0].zh).toMatch(
      /^催收动作："fax sent" 不是可识别的催收动作（电话、上门拜访、邮件、微信、短信、催款函、/,
    );
    expect(log.problems[1].problems[0].en).toBe('amount: "about 20k" is not a number');
  });

  it("mixes the two languages' actions and logs only the portfolio's customers", () => {
    const actions = new Set(log.events.map((e) => e.action));
    // every action of the issue but dispute resolved, instalment missed and suit filed
    expect([...actions].sort()).toEqual(
      [
        "balanceConfirmed",
        "call",
        "claimFiled",
        "disputeOpened",
        "dunningLetter",
        "email",
        "lawyerLetter",
        "payment",
        "planAgreed",
        "promise",
        "sms",
        "statementSent",
        "visit",
        "wechat",
      ].sort(),
    );
    const raw = table.slice(1).map((row) => row[3]);
    expect(raw.filter((a) => /[\u4e00-\u9fff]/.test(a))).toHaveLength(14);
    const portfolio = new Set(
      read("portfolio.csv")
        .slice(1)
        .map((row) => logCustomerKey(row[0])),
    );
    const logged = [...log.events.map((e) => e.customer), ...log.problems.map((p) => p.customer as string)];
    expect(logged.filter((c) => !portfolio.has(logCustomerKey(c)))).toEqual([]);
  });

  it("gives each customer's facts at 2025-07-31", () => {
    const facts = collectionFacts(log, AS_OF, undefined, LEVELS);
    expect(facts.customers.map((c) => c.customer)).toEqual([
      "Lakeside Hotel 湖畔酒店",
      "Jiancai Building Materials 建材商贸",
      "Golden Bay Logistics",
      "Northwind Textiles",
      "Dianzi Electronics 电子元件厂",
      "Fresh Table Catering 鲜味餐饮供应链",
      "Blue River Retail",
      "Huaxin Machinery 华信机械",
      "Hengtai Hardware 恒泰五金",
      "Qinghe Pharmacy 清河大药房",
      "Meridian Tools",
    ]);
    const summary = (c: CustomerFacts) => ({
      promises: [c.promisesKept, c.promisesBroken, c.promisesPending],
      disputes: c.openDisputes.map((x) => `${x.invoice ?? "all"}@${x.sourceRow}`),
      restarted:
        c.lastInterruption === null ? null : `${ISO(c.lastInterruption.date)} ${c.lastInterruption.action}@${c.lastInterruption.sourceRow}`,
      contact: c.lastContact === null ? null : `${ISO(c.lastContact.date)}@${c.lastContact.sourceRow}`,
      next: ISO(c.nextContactDue),
      overdue: c.followUpOverdue,
    });
    const got = Object.fromEntries(facts.customers.map((c) => [c.customer.split(" ")[0], summary(c)]));
    expect(got).toEqual({
      Lakeside: { promises: [0, 0, 0], disputes: [], restarted: null, contact: "2025-05-01@2", next: null, overdue: false },
      // promises of 06-10 and 07-01 broken (only 50,000 of 200,000 paid on 06-28); a quality dispute open
      Jiancai: {
        promises: [0, 2, 0],
        disputes: ["JC-2025-0415@11"],
        restarted: "2025-06-28 payment@16",
        contact: "2025-07-20@29",
        next: "2025-07-27",
        overdue: true,
      },
      Golden: {
        promises: [0, 1, 0],
        disputes: [],
        restarted: "2025-07-28 lawyerLetter@31",
        contact: "2025-07-28@31",
        next: "2025-07-31",
        overdue: false,
      },
      // 30,000 paid 06-20: after the first promise's grace (06-18), before the second was made (06-25)
      Northwind: {
        promises: [0, 2, 0],
        disputes: [],
        restarted: "2025-07-15 wechat@28",
        contact: "2025-07-15@28",
        next: "2025-07-22",
        overdue: true,
      },
      Dianzi: {
        promises: [0, 0, 0],
        disputes: [],
        restarted: "2025-07-15 claimFiled@27",
        contact: "2025-06-10@10",
        next: "2025-06-13",
        overdue: true,
      },
      Fresh: {
        promises: [0, 0, 0],
        disputes: [],
        restarted: "2025-07-02 payment@23",
        contact: "2025-06-20@13",
        next: "2025-06-23",
        overdue: true,
      },
      Blue: {
        promises: [1, 0, 0],
        disputes: [],
        restarted: "2025-07-14 payment@26",
        contact: "2025-07-01@20",
        next: "2025-07-02",
        overdue: true,
      },
      Huaxin: {
        promises: [0, 0, 0],
        disputes: [],
        restarted: "2025-07-02 balanceConfirmed@22",
        contact: "2025-07-02@22",
        next: null,
        overdue: false,
      },
      // the promise of 500,000 by 08-05 (grace to 08-08) holds the daily follow-up until 08-09
      Hengtai: {
        promises: [0, 0, 1],
        disputes: ["HT-2025-0612@25"],
        restarted: "2025-07-30 promise@34",
        contact: "2025-07-30@34",
        next: "2025-08-09",
        overdue: false,
      },
      Qinghe: { promises: [0, 0, 0], disputes: [], restarted: "2025-07-25 sms@30", contact: "2025-07-25@30", next: null, overdue: false },
      Meridian: {
        promises: [0, 0, 0],
        disputes: [],
        restarted: "2025-07-29 lawyerLetter@32",
        contact: "2025-07-29@32",
        next: "2025-08-05",
        overdue: false,
      },
    });
    const jiancai = facts.byKey.get(logCustomerKey("Jiancai Building Materials 建材商贸")) as CustomerFacts;
    expect(jiancai.reasons[0]).toEqual({
      code: "promises-broken",
      en: "2 promises not kept: 2025-06-10, 2025-07-01",
      zh: "2 次承诺未兑现：2025-06-10、2025-07-01",
    });
    const fresh = facts.byKey.get(logCustomerKey("Fresh Table Catering 鲜味餐饮供应链")) as CustomerFacts;
    expect(
      fresh.plan && [
        fresh.plan.sourceRow,
        fresh.plan.count,
        fresh.plan.kept,
        fresh.plan.missed,
        ISO(fresh.plan.nextDue),
        fresh.plan.paymentRows,
      ],
    ).toEqual([13, 12, 1, 0, "2025-08-01", [23]]);
    // every customer of the log holds collection records but none of the two without contacts
    expect(facts.customers.filter((c) => !c.collectionRecords).map((c) => c.customer)).toEqual([]);
  });

  it("gives each customer the same facts at its level whether the levels come first or after (factsAtLevel)", () => {
    const first = collectionFacts(log, AS_OF, undefined, LEVELS);
    const after = collectionFacts(log, AS_OF).customers.map((f) => factsAtLevel(f, LEVELS.get(f.customer) ?? null, AS_OF));
    expect(after).toEqual(first.customers);
    // the follow-up moved with the level: Jiancai (level 2, last contact 2025-07-20) was due 2025-07-27
    expect(ISO(after.find((f) => f.customer.startsWith("Jiancai"))!.nextContactDue)).toBe("2025-07-27");
  });
});
