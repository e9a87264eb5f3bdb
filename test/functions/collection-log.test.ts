// The collection log's formulas agree with the facts the triage reads from the same log: AR.PROMISE over each
// customer's promises and payments of samples/collection-log.csv gives the statuses of collectionFacts, and
// AR.NEXTCONTACT over its last contact and level the next contact due (where no pending promise holds it).
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { installExcelGlobals } from "../support/excel-globals.js";
import { normalise } from "./cases.js";
import { collectionFacts, readCollectionLog, serialFromCivil, type WarningLevel } from "../../src/core/index.js";

type Fn = (...args: unknown[]) => unknown[][];
let promise: Fn;
let nextcontact: Fn;

beforeAll(async () => {
  installExcelGlobals("en-US");
  const m = (await import("../../src/functions/functions.js")) as unknown as Record<string, Fn>;
  [promise, nextcontact] = [m.promise, m.nextcontact];
});

const table = parse(readFileSync(new URL("../../samples/collection-log.csv", import.meta.url)), { bom: true }) as string[][];
const log = readCollectionLog(table);
const AS_OF = serialFromCivil(2025, 7, 31);
// The levels of samples/portfolio.csv at 2025-07-31 (test/core/collection/sample.test.ts).
const LEVELS = new Map<string, WarningLevel | null>([
  ["Huaxin Machinery 华信机械", 0],
  ["Fresh Table Catering 鲜味餐饮供应链", 3],
  ["Jiancai Building Materials 建材商贸", 2],
  ["Dianzi Electronics 电子元件厂", 3],
  ["Blue River Retail", 1],
  ["Golden Bay Logistics", 3],
  ["Northwind Textiles", 2],
  ["Hengtai Hardware 恒泰五金", 1],
  ["Meridian Tools", 2],
]);
const facts = collectionFacts(log, AS_OF, undefined, LEVELS);
const column = (values: readonly (number | null)[]) => (values.length === 0 ? [[null]] : values.map((v) => [v]));

describe("AR.PROMISE and AR.NEXTCONTACT over samples/collection-log.csv agree with collectionFacts", () => {
  it("gives every customer's promises the statuses of the facts, and the broken count", () => {
    let promises = 0;
    for (const f of facts.customers) {
      const events = log.events.filter((e) => f.rows.includes(e.sourceRow));
      const made = events.filter((e) => e.action === "promise");
      const paid = events.filter((e) => e.action === "payment");
      if (made.length === 0) continue;
      const args = [
        column(made.map((e) => e.date)),
        column(made.map((e) => e.promisedDate)),
        column(made.map((e) => e.amount)),
        column(paid.map((e) => e.date)),
        column(paid.map((e) => e.amount)),
        [[AS_OF]],
      ];
      expect(normalise(promise(...args)).flat(), f.customer).toEqual(f.promises.map((p) => p.status));
      expect(normalise(promise(...args, null, [["paid"]])).flat(), f.customer).toEqual(f.promises.map((p) => p.paid));
      expect(normalise(promise(...args, null, [["broken"]])), f.customer).toEqual([[f.promisesBroken]]);
      promises += made.length;
    }
    // the sample's promises, kept, broken and pending among them
    expect(promises).toBe(facts.customers.reduce((n, f) => n + f.promises.length, 0));
    expect(new Set(facts.customers.flatMap((f) => f.promises.map((p) => p.status)))).toEqual(new Set(["kept", "broken", "pending"]));
  });

  it("gives the next contact due of the facts to every customer no pending promise holds", () => {
    let compared = 0;
    for (const f of facts.customers) {
      if (f.level === null || f.promisesPending > 0) continue;
      const due = normalise(nextcontact([[f.lastContact?.date ?? null]], [[f.level]], [[AS_OF]]))[0][0];
      expect(due, f.customer).toBe(f.nextContactDue ?? "");
      const status = normalise(nextcontact([[f.lastContact?.date ?? null]], [[f.level]], [[AS_OF]], [["status"]]))[0][0];
      expect(status === "overdue", f.customer).toBe(f.followUpOverdue);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });
});
