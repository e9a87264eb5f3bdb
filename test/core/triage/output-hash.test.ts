// The triage's whole output on messy portfolios, hashed: every record's cells and reasons line in English
// and Chinese, its toJSON, and the summary. The hashes were computed on the triage before it was split
// into files by concern (issue 10); a change of any byte of any output shows here. If an output is meant
// to change, check the change in the other tests first, then replace the hash.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { serialFromCivil } from "../../../src/core/dates.js";
import { DEFAULT_POLICY, withOverrides, type Policy } from "../../../src/core/policy.js";
import type { Reason } from "../../../src/core/errors.js";
import { generateTables } from "../../../src/analytics/generator/index.js";
import { Rng } from "../../../src/analytics/prng.js";
import { ITEM_FIELDS, recogniseColumns, TRIAGE_FIELDS, type ItemField, type TriageField } from "../../../src/core/triage/headers.js";
import { recordCells } from "../../../src/result/index.js";
import { summarise } from "../../../src/core/triage/summary.js";
import { UncomputedFormula } from "../../../src/core/triage/cells.js";
import {
  reasonsText,
  triagePortfolio,
  type ColumnMapping,
  type TriageOptions,
  type TriageOutput,
} from "../../../src/core/triage/triage.js";
import { AS_OF, HEADERS, ROWS } from "./portfolio.js";

/** JSON that tells -0, NaN and the infinities apart (plain JSON writes them as 0 and null). */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "number") return v;
    if (Object.is(v, -0)) return "<-0>";
    return Number.isFinite(v) ? v : `<${String(v)}>`;
  });
}

/** sha256 of everything a triage gives: per record its cells and reasons line (en, zh) and toJSON; the summary. */
function outputHash(out: TriageOutput): string {
  const hash = createHash("sha256");
  hash.update(stable({ trailingBlankRows: out.trailingBlankRows, asOf: out.asOf, policy: out.policy, dateSystem: out.dateSystem }));
  for (const record of out.records) {
    for (const language of ["en", "zh"] as const) {
      hash.update(`\n${stable(recordCells(record, language, out.policy))}`);
      hash.update(`\n${reasonsText(record, language)}`);
    }
    hash.update(`\n${stable(record.toJSON())}`);
  }
  hash.update(`\n${stable(summarise(out.records, out.policy))}`);
  return hash.digest("hex");
}

const OTHER_POLICY: Policy = withOverrides({
  settlementTiers: [
    { days: 5, rate: 0.855 },
    { days: 15, rate: 0.9 },
    { days: 30, rate: 0.975 },
  ],
  agingEdges: [15, 45, 120, 365],
  warningDays: [10, 40, 100],
  largeAmountThreshold: 250_000,
  smallAmountLimit: 10_000,
  planMaxInstalments: 36,
});

/** Every field of a one-row-per-customer table mapped, in the reference order (the open-item fields come after them). */
type CustomerField = Exclude<TriageField, ItemField>;
const FIELDS = TRIAGE_FIELDS.filter((f): f is CustomerField => !(ITEM_FIELDS as readonly TriageField[]).includes(f));
const MAPPING: ColumnMapping = Object.fromEntries(FIELDS.map((f, i) => [f, i]));
const at = (field: CustomerField): number => FIELDS.indexOf(field);

/** What a careless ledger puts in a cell now and then. */
const JUNK: readonly unknown[] = [
  "",
  " ",
  "\u3000",
  null,
  undefined,
  "#N/A",
  " #value! ",
  "#REF!",
  "#DIV/0!",
  "n/a",
  "-",
  "1,200",
  "１２００",
  "-5",
  "1e400",
  "Infinity",
  "NaN",
  "2025-02-30",
  "2025-13-01",
  "1900-02-29",
  "maybe",
  true,
  false,
  -1,
  0,
  60,
  500,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  {},
  [1, 2],
  "是",
  "0",
  "1",
  "60",
  "=1+1",
  new UncomputedFormula("B2*2"),
  new UncomputedFormula(""),
  "2025年7月1日",
  "7/1/2025",
  "45000",
  "45000.5",
  "-0",
  "0.005",
];

const YES: readonly unknown[] = ["yes", "是", "Yes", true, 1, "有"];
const NO: readonly unknown[] = ["no", "否", "NO", false, 0, "没有"];
const yesNo = (rng: Rng, v: boolean | null): unknown => (v === null ? "" : rng.choice(v ? YES : NO));

/** A cell written as a number, or as the text a CSV gives, or as text with separators or full-width digits. */
function asText(rng: Rng, n: number): unknown {
  const k = rng.next();
  if (k < 0.5) return n;
  if (k < 0.8) return String(n);
  if (k < 0.9) return n.toLocaleString("en-US");
  return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
}

/** Year, month and day of a serial (from 1900-03-01 on). */
function civil(serial: number): [number, number, number] {
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** A serial as `yyyy-mm-dd`. */
function isoText(serial: number): string {
  const [y, m, day] = civil(serial);
  return `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A date as a serial, an ISO text, a slashed text or a Chinese date. */
function asDate(rng: Rng, serial: number): unknown {
  const k = rng.next();
  if (k < 0.45) return serial;
  const [y, m, day] = civil(serial);
  if (k < 0.8) return isoText(serial);
  if (k < 0.9) return `${y}/${m}/${day}`;
  return `${y}年${m}月${day}日`;
}

/**
 * A portfolio from the ledger generator's customers and collection cases (signals as its debtors show
 * them), with dates around `asOf`, then made messy: junk in one cell of about one row in eight, duplicates,
 * blank rows, short rows.
 */
function generatedPortfolio(seed: number, language: "en" | "zh" | "mixed"): unknown[][] {
  const ledger = generateTables({ seed, invoices: 40_000, language, tables: ["customers", "cases"] });
  const rng = new Rng(seed * 7 + 1);
  const cases = new Map<number, Record<string, unknown>>();
  for (const c of ledger.cases.objects() as Record<string, unknown>[]) cases.set(c.customer_id as number, c);
  const rows: unknown[][] = [];
  for (const customer of ledger.customers.objects() as Record<string, unknown>[]) {
    const c = cases.get(customer.customer_id as number);
    const row: unknown[] = new Array(FIELDS.length).fill("");
    // now and then a customer of an earlier row again, spelt otherwise: a duplicate
    const again = rng.chance(0.03) && rows.length > 0;
    row[at("customer")] = again ? ` ${String(rows[rng.int(0, rows.length - 1)][0]).toUpperCase()}` : customer.name;
    const balance = c === undefined ? Math.round(rng.lognormal(40_000, 1.2) * 100) / 100 : (c.balance as number);
    row[at("balance")] = asText(rng, rng.chance(0.02) ? 0 : balance);
    row[at("dueDate")] = asDate(rng, AS_OF - rng.int(-60, 900));
    row[at("overdueCount")] = asText(rng, customer.overdue_count_12m as number);
    const noAmount = (customer.overdue_count_12m as number) === 0 && rng.chance(0.5);
    row[at("largestOverdue")] = noAmount ? "" : asText(rng, customer.largest_overdue_12m as number);
    const cashFlowZh = { good: "好", fair: "一般", poor: "差" }[customer.cash_flow as string];
    row[at("cashFlow")] = rng.choice([customer.cash_flow, customer.cash_flow, cashFlowZh]);
    if (c !== undefined) {
      row[at("businessOperating")] = yesNo(rng, c.business_operating as boolean | null);
      row[at("incomeStable")] = yesNo(rng, c.income_stable as boolean | null);
      row[at("turnoverDecline")] = c.turnover_decline ?? "";
      row[at("proposedPlan")] = yesNo(rng, c.proposed_plan as boolean | null);
      row[at("excuses")] = yesNo(rng, c.excuses as boolean | null);
      row[at("contradiction")] = yesNo(rng, c.contradiction as boolean | null);
      row[at("brokenPromises")] = c.broken_promises === null ? "" : asText(rng, c.broken_promises as number);
      row[at("refusesContact")] = yesNo(rng, c.refuses_contact as boolean | null);
      row[at("insolvent")] = yesNo(rng, c.insolvent as boolean | null);
      row[at("dishonestDebtor")] = yesNo(rng, c.dishonest_debtor as boolean | null);
      row[at("operationsStopped")] = yesNo(rng, c.operations_stopped as boolean | null);
      if (rng.chance(0.7)) row[at("freeCashFlow")] = asText(rng, Math.round(rng.lognormal(20_000, 1)));
      if (rng.chance(0.5)) row[at("freeEstate")] = asText(rng, Math.round(rng.lognormal(1_000_000, 1)));
      if (rng.chance(0.5)) row[at("ordinaryClaimsTotal")] = asText(rng, Math.round(rng.lognormal(5_000_000, 1)));
    }
    if (rng.chance(0.8)) row[at("lastConfirmation")] = asDate(rng, AS_OF - rng.int(0, 400));
    for (const f of ["signedContract", "reconciliation", "collectionRecords", "deliveryProof", "acceptanceForm"] as const) {
      if (rng.chance(0.6)) row[at(f)] = yesNo(rng, rng.chance(0.7));
    }
    row[at("excuse")] = rng.choice(["", "", "", "none", "no-invoice", "defect", "没收到发票", "质量"]);
    if (rng.chance(0.6)) row[at("lastInterruption")] = asDate(rng, AS_OF - rng.int(0, 1400));
    if (rng.chance(0.13)) row[rng.int(0, FIELDS.length - 1)] = rng.choice(JUNK);
    if (rng.chance(0.01)) rows.push(rng.choice([[], ["", null, " "], ["\u3000"]]));
    rows.push(rng.chance(0.01) ? row.slice(0, rng.int(1, 5)) : row);
  }
  rows.push([], ["", ""]);
  return rows;
}

/** A hostile table: every cell is a valid value, a blank or junk, at random; many duplicates. */
function hostilePortfolio(seed: number, rows: number): unknown[][] {
  const rng = new Rng(seed);
  const date = () =>
    rng.choice<unknown>([AS_OF - rng.int(-400, 2000), AS_OF - rng.int(-400, 2000) + 0.5, asDate(rng, AS_OF - rng.int(-400, 40_000))]);
  const amount = () =>
    rng.choice<unknown>([
      rng.int(0, 3e8) / 100,
      (rng.int(0, 3e8) / 100).toFixed(2),
      String(rng.int(0, 3e6)),
      0.005,
      1.005,
      2.675,
      499_999.995,
      "1,200,000.50",
      "1.5e3",
      -0,
    ]);
  const count = () => rng.choice<unknown>([0, 1, 2, 3, "0", "1", "2", "4", 1.5, "2.0", 999, 1000, 1001, "１"]);
  const yn = () => rng.choice<unknown>(["", "yes", "no", "是", "否", "Yes", "NO", "y", "n", true, false, 1, 0, "有", "没有"]);
  const column: Record<CustomerField, () => unknown> = {
    customer: () =>
      rng.choice<unknown>([
        "Acme",
        "ACME ",
        "ＡＣＭＥ",
        "客户甲",
        "客户 甲",
        "Beta  Co",
        "beta co",
        7,
        true,
        `Customer ${rng.int(0, rows)}`,
        `客户${rng.int(0, 50)}`,
      ]),
    balance: amount,
    dueDate: date,
    overdueCount: count,
    largestOverdue: amount,
    cashFlow: () => rng.choice(["good", "fair", "poor", "好", "一般", "差", "良好", "中", "较差", " GOOD "]),
    businessOperating: yn,
    incomeStable: yn,
    turnoverDecline: () => rng.choice(["", "none", "short-term", "persistent", "短期", "持续", "无"]),
    proposedPlan: yn,
    excuses: yn,
    contradiction: yn,
    brokenPromises: count,
    refusesContact: yn,
    insolvent: () => rng.choice(["yes", "no", "", "否", "是"]),
    dishonestDebtor: yn,
    operationsStopped: yn,
    freeCashFlow: () => (rng.chance(0.8) ? amount() : rng.choice<unknown>(["", -5, "-100", 0])),
    lastConfirmation: () => (rng.chance(0.8) ? date() : ""),
    signedContract: yn,
    reconciliation: yn,
    collectionRecords: yn,
    deliveryProof: yn,
    acceptanceForm: yn,
    excuse: () => rng.choice(["", "none", "no-invoice", "defect", "没收到发票", "质量", "无", "发票"]),
    lastInterruption: () => (rng.chance(0.8) ? date() : ""),
    freeEstate: () => (rng.chance(0.7) ? amount() : ""),
    ordinaryClaimsTotal: () => rng.choice<unknown>([amount(), rng.int(4e6, 1e8), ""]),
  };
  const out: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const k = rng.next();
    if (k < 0.03) {
      out.push(rng.choice<unknown[]>([[], ["", null, " "], ["Short row", 100], [null]]));
      continue;
    }
    out.push(
      FIELDS.map((f) => {
        const p = rng.next();
        return p < 0.8 ? column[f]() : p < 0.9 ? "" : rng.choice(JUNK);
      }),
    );
  }
  return out;
}

/** Rows as a CSV export gives them (every cell text), like the benchmark's. */
function csvLikePortfolio(seed: number, rows: number): string[][] {
  const rng = new Rng(seed);
  const yn = ["yes", "no", "", "是", "否"];
  const out: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const n = rng.chance(0.6) ? 0 : rng.int(0, 3);
    out.push(
      FIELDS.map((f) => {
        switch (f) {
          case "customer":
            return rng.chance(0.01) ? "Customer 1" : `Customer ${i}`;
          case "balance":
            return rng.chance(0.002) ? "n/a" : (rng.int(0, 2e8) / 100).toFixed(2);
          case "dueDate":
            return rng.chance(0.002) ? "" : isoText(AS_OF - rng.int(-60, 600));
          case "overdueCount":
            return String(n);
          case "largestOverdue":
            return n === 0 ? "0" : String(rng.int(0, 100_000));
          case "cashFlow":
            return rng.choice(["good", "fair", "poor", "好", "一般", "差"]);
          case "turnoverDecline":
            return rng.choice(["none", "short-term", "persistent", ""]);
          case "brokenPromises":
            return String(rng.int(0, 2));
          case "insolvent":
            return rng.chance(0.03) ? "yes" : "no";
          case "freeCashFlow":
            return rng.chance(0.5) ? String(rng.int(0, 300_000)) : "";
          case "lastConfirmation":
          case "lastInterruption":
            return isoText(AS_OF - rng.int(0, 900));
          case "excuse":
            return "";
          case "freeEstate":
          case "ordinaryClaimsTotal":
            return "";
          default:
            return rng.choice(yn);
        }
      }),
    );
  }
  return out;
}

/** The sample portfolio of the README, as its CSV gives it (all text). */
function samplePortfolio(): { headers: string[]; rows: string[][] } {
  const table = parse(readFileSync(new URL("../../../samples/portfolio.csv", import.meta.url)), { bom: true }) as string[][];
  return { headers: table[0], rows: table.slice(1) };
}

/** Moves the numbers in date columns onto the 1904 count, as a 1904 workbook holds them. */
function as1904(rows: readonly unknown[][]): unknown[][] {
  const dates = new Set([at("dueDate"), at("lastConfirmation"), at("lastInterruption")]);
  return rows.map((row) => row.map((cell, i) => (dates.has(i) && typeof cell === "number" ? cell - 1462 : cell)));
}

const triage = (rows: readonly (readonly unknown[])[], mapping: ColumnMapping, options: Partial<TriageOptions> = {}) =>
  outputHash(triagePortfolio(rows, mapping, { asOf: AS_OF, ...options }));

describe("the triage's output, byte for byte", () => {
  it("the hand-made portfolio and the sample portfolio", () => {
    const hand = recogniseColumns(HEADERS).mapping;
    const sample = samplePortfolio();
    expect({
      hand: triage(ROWS, hand),
      handOtherPolicy: triage(ROWS, hand, { policy: OTHER_POLICY, firstRowNumber: 7 }),
      sample: triage(sample.rows, recogniseColumns(sample.headers).mapping, { asOf: serialFromCivil(2025, 7, 31) }),
    }).toEqual({
      hand: "80b27d247947ac1e64a7100ebf51639bbb67548193688fa98063bbb35cb7ea45",
      handOtherPolicy: "8788c119e8fb4f0da85a4df9d87fdeb9bd200dd7aa01847a2ed30c46ef365aae",
      sample: "f13a3f13e2f355e39a2e40ab6cba9f37357f9e58dc292d44ae256e4fd71e72ac",
    });
  });

  it("portfolios from the ledger generator, made messy, in both date systems", () => {
    const en = generatedPortfolio(3, "en");
    const mixed = generatedPortfolio(4, "mixed");
    const rowProblems = new Map<number, Reason>([
      [0, { code: "reader", en: "shifted", zh: "错位" }],
      [5, { code: "reader", en: "long line", zh: "行过长" }],
      [-1, { code: "x", en: "x", zh: "x" }], // not a row: ignored
    ]);
    expect({
      rows: [en.length, mixed.length],
      en: triage(en, MAPPING),
      enOtherPolicy: triage(en, MAPPING, { policy: OTHER_POLICY }),
      mixed: triage(mixed, MAPPING, { rowProblems, firstRowNumber: 4 }),
      mixed1904: triage(as1904(mixed), MAPPING, { dateSystem: "1904" }),
      few: triage(en, { customer: 0, balance: 1, dueDate: 2, cashFlow: 5, brokenPromises: 12, excuse: 24 }),
    }).toEqual({
      rows: [407, 407],
      en: "bee71eafe62e58b978ea5c665c33c7f37167e118d4b2d27453aa4a82eb287a8f",
      enOtherPolicy: "6c116d9623fbbd06bb997d474cb241eac60c77ffce489fb83b0651ae9af47b40",
      mixed: "c39c3e741db6a5aa817f7de039f554cabe5ba9f9447452c1a583e2af579ecc02",
      mixed1904: "9ce93dbff9c4b74459042b8a5c2a2d4b404512f2e9c324b08eac813e474dc99e",
      few: "eef0f00999c40cddb6e2456220503dd5f74b80bfd070bc885b931f4fa2789ee7",
    });
  });

  it("hostile tables (junk, error values, blanks, bad dates, text numbers, duplicates) and a CSV-like table", () => {
    const hostile = hostilePortfolio(11, 2_000);
    const csv = csvLikePortfolio(12, 1_500);
    expect({
      hostile: triage(hostile, MAPPING),
      hostileOtherPolicy: triage(hostile, MAPPING, { policy: OTHER_POLICY }),
      hostile1904: triage(hostile, MAPPING, { dateSystem: "1904", policy: DEFAULT_POLICY }),
      csv: triage(csv, MAPPING),
    }).toEqual({
      hostile: "fa62a82c8ceeec894dcad0746e8d6ac804b153c80d63619e3220553b35d096c0",
      hostileOtherPolicy: "9a5cbb83701ce9f85943e212da35a105800bd4af532aaa3b833cb4f319d79b56",
      hostile1904: "2c29f4f77071b63698cd323a01437b716a4ca44df87d5512a5d2e01edab937a9",
      csv: "851ed1fb48faf0d077a5a6ce789bb671d68cbed7d62eead03514ca71cf0aecad",
    });
  });
});
