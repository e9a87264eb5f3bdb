// Today's work list (src/core/work-list.ts; docs/rules.md "Today's work list"): who is on it, why, and the
// order, computed by hand on the sample portfolio and on hand-made rows, as of 2025-07-31.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import {
  collectionFacts,
  readCollectionLog,
  recogniseColumns,
  RuleError,
  serialFromCivil,
  triagePortfolio,
  workList,
  type TriageOutput,
  type WarningLevel,
  type WorkList,
} from "../../src/core/index.js";

const AS_OF = serialFromCivil(2025, 7, 31);
const read = (name: string) => parse(readFileSync(new URL(`../../samples/${name}`, import.meta.url)), { bom: true }) as string[][];
const triage = (table: readonly (readonly unknown[])[]): TriageOutput =>
  triagePortfolio(table.slice(1), recogniseColumns(table[0]).mapping, { asOf: AS_OF });
const levelsOf = (output: TriageOutput) =>
  new Map<string, WarningLevel | null>(output.records.filter((r) => r.status === "ok").map((r) => [r.customer, r.level]));
/** Each entry as [owner, source row, customer, urgency]. */
const entries = (list: WorkList) => list.items.map((i) => [i.owner.code, i.sourceRow, i.customer, i.urgency]);

describe("today's work list on the sample portfolio (2025-07-31)", () => {
  const output = triage(read("portfolio.csv"));

  it("without a log: every debtor from level 1 is to be contacted; limitation and claim window first", () => {
    const list = workList(output.records, AS_OF, { policy: output.policy });
    // Salesperson: two level-1 follow-ups, the larger balance first (1,500,000 before 95,000).
    // Finance manager: Fresh Table (temporary, level 3: instalment plan).
    // Legal: Meridian (limitation ends 2025-08-20), Dianzi (claim window), then level 3 before level 2, and
    // within level 2 the larger balance (800,000 before 310,000).
    // Not on it: Huaxin (row 2, level 0, no reason), Qinghe (not due: nobody acts), rows with a problem
    // (11, 12, 13, 15) and the blank row 14.
    expect(entries(list)).toEqual([
      ["salesperson", 10, "Hengtai Hardware 恒泰五金", "follow-up"],
      ["salesperson", 6, "Blue River Retail", "follow-up"],
      ["finance-manager", 3, "Fresh Table Catering 鲜味餐饮供应链", "follow-up"],
      ["legal", 16, "Meridian Tools", "limitation"],
      ["legal", 5, "Dianzi Electronics 电子元件厂", "claim-window"],
      ["legal", 7, "Golden Bay Logistics", "follow-up"],
      ["legal", 4, "Jiancai Building Materials 建材商贸", "follow-up"],
      ["legal", 9, "Northwind Textiles", "follow-up"],
    ]);
    expect(list.groups.map((g) => [g.owner.en, g.items.length])).toEqual([
      ["salesperson", 2],
      ["finance manager", 1],
      ["legal", 5],
    ]);
    const meridian = list.items[3];
    expect(meridian.why.map((w) => w.en)).toEqual([
      "the limitation period ends 2025-08-20 (20 days left)",
      "level 2: follow up every 7 days",
    ]);
    expect(meridian.why.map((w) => w.zh)).toEqual(["诉讼时效 2025-08-20 届满（剩余 20 天）", "二级预警：每 7 天跟进"]);
    expect([meridian.balance, meridian.level, meridian.daysPastDue, meridian.limitationDaysLeft]).toEqual([150000, 2, 62, 20]);
    expect(meridian.nextStep.rule).toBe("limitation-warning");
    expect(list.items[4].why[0].en).toBe("bankrupt or insolvent: the claim window is open and no claim is logged as filed");
    expect(list.asOf).toBe(AS_OF);
  });

  it("with the sample log: contacts and promises decide the follow-up, a filed claim closes the claim window", () => {
    const facts = collectionFacts(readCollectionLog(read("collection-log.csv")), AS_OF, output.policy, levelsOf(output));
    const list = workList(output.records, AS_OF, { policy: output.policy, facts });
    // Hengtai: called 2025-07-30 and a promise pending until 2025-08-05 + 3 days: not today.
    // Dianzi: claim filed 2025-07-15 (no claim-window reason); last contact the visit of 2025-06-10, level 3
    // every 3 days: overdue since 2025-06-13. Golden Bay: lawyer's letter 2025-07-28 + 3 = due today.
    expect(entries(list)).toEqual([
      ["salesperson", 6, "Blue River Retail", "follow-up"],
      ["finance-manager", 3, "Fresh Table Catering 鲜味餐饮供应链", "follow-up"],
      ["legal", 16, "Meridian Tools", "limitation"],
      ["legal", 7, "Golden Bay Logistics", "follow-up"],
      ["legal", 5, "Dianzi Electronics 电子元件厂", "follow-up"],
      ["legal", 4, "Jiancai Building Materials 建材商贸", "follow-up"],
      ["legal", 9, "Northwind Textiles", "follow-up"],
    ]);
    const why = (customer: string) => list.items.find((i) => i.customer === customer)?.why.map((w) => w.en);
    expect(why("Blue River Retail")).toEqual(["follow-up overdue since 2025-07-02 (last contact 2025-07-01; level 1: daily)"]);
    expect(why("Golden Bay Logistics")).toEqual(["follow-up due today (last contact 2025-07-28; level 3: every 3 days)"]);
    expect(why("Dianzi Electronics 电子元件厂")).toEqual([
      "follow-up overdue since 2025-06-13 (last contact 2025-06-10; level 3: every 3 days)",
    ]);
    expect(list.items.find((i) => i.customer === "Jiancai Building Materials 建材商贸")?.why[0].zh).toBe(
      "自 2025-07-27 起应跟进而未跟进（上次联系 2025-07-20；二级预警：每 7 天）",
    );
  });

  it("triaged with the sample log: each record's own facts; the dispute's step; a letter restarted Meridian's limitation", () => {
    const log = readCollectionLog(read("collection-log.csv"));
    const table = read("portfolio.csv");
    const withLog = triagePortfolio(table.slice(1), recogniseColumns(table[0]).mapping, { asOf: AS_OF, collectionLog: log });
    const list = workList(withLog.records, AS_OF, { policy: withLog.policy });
    // Meridian: the lawyer's letter of 2025-07-29 restarted the limitation period and is its last contact (level 2,
    // weekly: due 2025-08-05). Jiancai: its open dispute makes the finance manager's "resolve the dispute" the step,
    // and its follow-up is overdue (last contact 2025-07-20, weekly). Hengtai: held by its pending promise.
    expect(entries(list)).toEqual([
      ["salesperson", 6, "Blue River Retail", "follow-up"],
      ["finance-manager", 3, "Fresh Table Catering 鲜味餐饮供应链", "follow-up"],
      ["finance-manager", 4, "Jiancai Building Materials 建材商贸", "follow-up"],
      ["legal", 7, "Golden Bay Logistics", "follow-up"],
      ["legal", 5, "Dianzi Electronics 电子元件厂", "follow-up"],
      ["legal", 9, "Northwind Textiles", "follow-up"],
    ]);
    expect(list.items[2].nextStep.rule).toBe("dispute");
    expect(list.items[2].nextStep.what.en).toMatch(/^resolve the dispute/);
    // The facts given beside are not used for a record that has its own.
    expect(entries(workList(withLog.records, AS_OF, { policy: withLog.policy, facts: collectionFacts([], AS_OF) }))).toEqual(entries(list));
  });
});

describe("today's work list on hand-made rows", () => {
  // Row 2 Alpha: 10 days past due (level 0); a promise of 50,000 for today.
  // Row 3 Bravo: 40 days (level 1); promised 50,000 by 2025-07-10, nothing paid, no contact since.
  // Row 4 Charlie: 61 days (level 2); called yesterday: next contact 2025-08-06.
  // Row 5 Delta: 91 days (level 3); last demand 2022-08-10: the limitation period ends 2025-08-10.
  // Row 6 Delta Two: 10 days (level 0); last demand 2022-08-05: ends 2025-08-05, 5 days left.
  // Row 7 Echo: insolvent, 30 days (level 1); the log has its claim filed and a call today.
  // Row 8 Foxtrot: 45 days (level 1), no contact logged. Row 9 Golf: the same, called yesterday.
  // Row 10 Hotel: an unreadable balance. Row 11 India: not due, but a promise for today.
  // Row 12 Juliet: 45 days (level 1), same balance as Foxtrot and Golf (ties go by the source row).
  const table = [
    ["Customer", "Balance", "Due date", "Insolvent", "Last demand"],
    ["Alpha", 100000, "2025-07-21", "", ""],
    ["Bravo", 200000, "2025-06-21", "", ""],
    ["Charlie", 300000, "2025-05-31", "", ""],
    ["Delta", 50000, "2025-05-01", "", "2022-08-10"],
    ["Delta Two", 1000, "2025-07-21", "", "2022-08-05"],
    ["Echo", 400000, "2025-07-01", "yes", ""],
    ["Foxtrot", 10000, "2025-06-16", "", ""],
    ["Golf", 10000, "2025-06-16", "", ""],
    ["Hotel", "abc", "2025-06-16", "", ""],
    ["India", 70000, "2025-08-30", "", ""],
    ["Juliet", 10000, "2025-06-16", "", ""],
  ];
  const log = readCollectionLog([
    ["Date", "Customer", "Action", "Amount", "Promised date"],
    ["2025-07-25", "Alpha", "promise to pay", 50000, "2025-07-31"],
    ["2025-07-01", "Bravo", "promise to pay", 50000, "2025-07-10"],
    ["2025-07-30", "Charlie", "call", "", ""],
    ["2025-07-15", "Echo", "claim filed", 400000, ""],
    ["2025-07-31", "Echo", "call", "", ""],
    ["2025-07-30", "Golf", "call", "", ""],
    ["2025-07-20", "India", "promise to pay", 70000, "2025-07-31"],
    ["2025-07-31", "Hotel", "call", "", ""],
  ]);
  const output = triage(table);
  const facts = collectionFacts(log, AS_OF, output.policy, levelsOf(output));

  it("orders by owner, then limitation (fewest days first), claim window, promise due, broken promise, level, balance", () => {
    const list = workList(output.records, AS_OF, { policy: output.policy, facts });
    expect(entries(list)).toEqual([
      ["salesperson", 2, "Alpha", "promise-due"],
      ["salesperson", 3, "Bravo", "promise-broken"],
      ["salesperson", 8, "Foxtrot", "follow-up"],
      ["salesperson", 9, "Golf", "follow-up"],
      ["salesperson", 12, "Juliet", "follow-up"],
      ["legal", 6, "Delta Two", "limitation"],
      ["legal", 5, "Delta", "limitation"],
    ]);
    const byName = new Map(list.items.map((i) => [i.customer, i]));
    expect(byName.get("Alpha")?.why.map((w) => w.en)).toEqual(["promise to pay 50,000 due today (log row 2): check the payment"]);
    expect(byName.get("Alpha")?.why[0].zh).toBe("承诺今日还款 50,000（催收记录第 2 行）：核对是否到账");
    // Bravo's promise: 2025-07-10 + 3 grace days passed unpaid; its last contact is the promise itself.
    expect(byName.get("Bravo")?.why.map((w) => w.en)).toEqual([
      "promise to pay 50,000 by 2025-07-10 not kept (log row 3), no contact since",
      "follow-up overdue since 2025-07-02 (last contact 2025-07-01; level 1: daily)",
    ]);
    expect(byName.get("Golf")?.why.map((w) => w.en)).toEqual(["follow-up due today (last contact 2025-07-30; level 1: daily)"]);
    expect(byName.get("Foxtrot")?.why.map((w) => w.zh)).toEqual(["一级预警，无联系记录"]);
    expect([byName.get("Delta Two")?.limitationDaysLeft, byName.get("Delta")?.limitationDaysLeft]).toEqual([5, 10]);
    expect(byName.get("Delta")?.why[0].en).toBe("the limitation period ends 2025-08-10 (10 days left)");
    // Delta Two is below level 1 (the salesperson's reminder), but the limitation makes it legal's.
    expect([byName.get("Delta Two")?.level, byName.get("Delta Two")?.owner.code]).toEqual([0, "legal"]);
  });

  it("without the log: the claim window and every level from 1 count; promises are unknown", () => {
    const list = workList(output.records, AS_OF, { policy: output.policy });
    expect(entries(list)).toEqual([
      ["salesperson", 3, "Bravo", "follow-up"],
      ["salesperson", 8, "Foxtrot", "follow-up"],
      ["salesperson", 9, "Golf", "follow-up"],
      ["salesperson", 12, "Juliet", "follow-up"],
      ["finance-manager", 4, "Charlie", "follow-up"],
      ["legal", 6, "Delta Two", "limitation"],
      ["legal", 5, "Delta", "limitation"],
      ["legal", 7, "Echo", "claim-window"],
    ]);
  });

  it("leaves out rows with a problem, rows nobody acts on, and an empty input", () => {
    const list = workList(output.records, AS_OF, { facts });
    expect(list.items.some((i) => i.customer === "Hotel" || i.customer === "India")).toBe(false);
    expect(workList([], AS_OF)).toEqual({ asOf: AS_OF, items: [], groups: [] });
  });

  it("refuses an as-of date that is not a date, naming it", () => {
    expect(() => workList(output.records, Number.NaN)).toThrow(RuleError);
    expect(() => workList(output.records, Number.NaN)).toThrow(/as_of/);
  });
});

describe("today's work list: a limitation period that has run out", () => {
  // Three years from the last demand (rules.md section 6), as of 2025-07-31, all at warning level 3 or due long ago:
  // Row 2 Old Co: last demand 2022-06-30, ran out 2025-06-30, 31 days ago; called yesterday (next contact 08-02),
  //   so without its own urgency it would be missing from the list.
  // Row 3 Older Co: last demand 2022-03-01, ran out 2025-03-01, 152 days ago (31 + 30 + 31 + 30 + 30 days).
  // Row 4 Soon Co: last demand 2022-08-10, ends 2025-08-10, 10 days left: about to expire, after the expired.
  // Row 5 Restarted Co: ran out 2025-06-30 by its typed date, but the log's confirmed balance of 2025-07-10
  //   restarted it: not expired; its follow-up (every 3 days at level 3) is overdue since 07-13.
  const table = [
    ["Customer", "Balance", "Due date", "Last demand"],
    ["Old Co", 80000, "2022-01-31", "2022-06-30"],
    ["Older Co", 500000, "2022-01-31", "2022-03-01"],
    ["Soon Co", 60000, "2025-05-01", "2022-08-10"],
    ["Restarted Co", 90000, "2022-01-31", "2022-06-30"],
  ];
  const log = readCollectionLog([
    ["Date", "Customer", "Action", "Amount"],
    ["2025-07-10", "Restarted Co", "balance confirmed", 90000],
    ["2025-07-30", "Old Co", "call", ""],
  ]);
  const mapping = recogniseColumns(table[0]).mapping;

  it("lists it first, with its own urgency and the step to restart it, the larger balance first", () => {
    const output = triagePortfolio(table.slice(1), mapping, { asOf: AS_OF, collectionLog: log });
    const list = workList(output.records, AS_OF, { policy: output.policy });
    expect(entries(list)).toEqual([
      ["legal", 3, "Older Co", "limitation-expired"],
      ["legal", 2, "Old Co", "limitation-expired"],
      ["legal", 4, "Soon Co", "limitation"],
      ["legal", 5, "Restarted Co", "follow-up"],
    ]);
    expect(list.items[1].why).toEqual([
      {
        code: "limitation-expired",
        en: "the limitation period ran out on 2025-06-30 (31 days ago): get a written acknowledgement (a new promise or a confirmed statement) to restart it",
        zh: "诉讼时效已于 2025-06-30 届满（已过 31 天）：取得书面确认（新的还款承诺或签字确认的对账单），使时效重新起算",
      },
    ]);
    expect(list.items[0].why.map((w) => [w.code, w.en.slice(0, 60)])).toEqual([
      ["limitation-expired", "the limitation period ran out on 2025-03-01 (152 days ago): "],
      ["follow-up", "level 3, no contact logged"],
    ]);
    expect([list.items[0].nextStep.rule, list.items[0].limitationDaysLeft]).toEqual(["limitation-expired", -152]);
    expect(list.items[3].limitationDaysLeft).toBe(1075); // 2025-07-10 + 3 years = 2028-07-10
  });

  it("without the log: Restarted Co ran out too, and the larger balance goes first", () => {
    const output = triagePortfolio(table.slice(1), mapping, { asOf: AS_OF });
    expect(entries(workList(output.records, AS_OF, { policy: output.policy }))).toEqual([
      ["legal", 3, "Older Co", "limitation-expired"],
      ["legal", 5, "Restarted Co", "limitation-expired"],
      ["legal", 2, "Old Co", "limitation-expired"],
      ["legal", 4, "Soon Co", "limitation"],
    ]);
  });
});
