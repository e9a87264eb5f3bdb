// A live result (src/result/live-formulas.ts): every formula the pane's worker writes, evaluated as Excel
// would (the AR functions over the source sheet's cells and the as-of cell), equals the value the values-mode
// triage writes in the same cell; sheet names quoted as Excel quotes them.
import { describe, expect, it } from "vitest";
import { installExcelGlobals } from "../support/excel-globals.js";
import { evaluateGrid, type ArFunctions, type CellResolver } from "../support/formula.js";
import { DEFAULT_POLICY, FIELD_LABELS, recogniseColumns, serialFromCivil, validatePolicy, type Policy } from "../../src/core/index.js";
import { isLiveColumn, liveAsOfCell, quoteSheetName, sourceCellRef, type LiveBlock } from "../../src/result/index.js";
import { computeTriage, type TriageRequest, type WorkerMessage } from "../../src/taskpane/triage-compute.js";
import type { CellValue } from "../../src/excel-io/types.js";
import { samplePortfolio } from "../taskpane/support.js";

installExcelGlobals();
const functions = (await import("../../src/functions/functions.js")) as unknown as ArFunctions;

/** Puts a policy in force for the AR functions, as the pane's policy tab does (the workbook's policy slot). */
function useWorkbookPolicy(policy: Policy): void {
  (globalThis as unknown as Record<symbol, { policy: Policy }>)[Symbol.for("ar-recovery.workbook-policy")] = { policy };
}

/** A CSV cell as Excel holds it once the file is opened: numbers and ISO dates typed, the rest text. */
function excelCell(text: string): unknown {
  if (text === "") return "";
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    try {
      return serialFromCivil(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    } catch {
      return text; // 2025-02-30: no date, Excel keeps the text
    }
  }
  return text;
}

interface Sheet {
  readonly name: string;
  /** 1-based sheet row of the header. */
  readonly headerRow: number;
  /** 0-based sheet column of the table's first column. */
  readonly firstColumn: number;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

interface LiveRun {
  readonly columnKeys: readonly string[];
  readonly rows: CellValue[][];
  readonly formulas: ((string | null)[] | null)[];
  readonly block: LiveBlock | undefined;
}

/** The worker's run of a source sheet with live formulas asked for. */
function liveRun(sheet: Sheet, options: { language?: "en" | "zh"; policy?: Policy; asOf?: number; dateSystem?: "1904" } = {}): LiveRun {
  const mapping = recogniseColumns(sheet.headers).mapping;
  const request: TriageRequest = {
    type: "triage",
    rows: sheet.rows,
    mapping,
    asOf: options.asOf ?? serialFromCivil(2025, 7, 31),
    policy: options.policy ?? DEFAULT_POLICY,
    language: options.language ?? "en",
    firstRowNumber: sheet.headerRow + 1,
    chunkRows: 3,
    live: { sheetName: sheet.name, firstColumn: sheet.firstColumn },
    ...(options.dateSystem === undefined ? {} : { dateSystem: options.dateSystem }),
  };
  const messages: WorkerMessage[] = [];
  computeTriage(request, (m) => messages.push(m));
  const rows: CellValue[][] = [];
  const formulas: ((string | null)[] | null)[] = [];
  let columnKeys: readonly string[] = [];
  let block: LiveBlock | undefined;
  for (const m of messages) {
    if (m.type === "error") throw new Error(m.en);
    if (m.type === "triaged") {
      columnKeys = m.columnKeys;
      block = m.live;
    }
    if (m.type === "chunk") {
      rows.push(...(m.rows as CellValue[][]));
      formulas.push(...((m.formulas ?? m.rows.map(() => null)) as ((string | null)[] | null)[]));
    }
  }
  return { columnKeys, rows, formulas, block };
}

/** Resolves the formulas' references: the source sheet's cells, and the result sheet's as-of cell. */
function resolverOf(sheet: Sheet, block: LiveBlock): CellResolver {
  return (name, row, column) => {
    if (name === null) {
      if (column !== block.column) throw new Error(`a formula reads result column ${column}`);
      return block.rows[row]?.[0] ?? "";
    }
    if (name !== sheet.name) throw new Error(`a formula reads sheet ${name}`);
    const r = row - sheet.headerRow; // 0-based sheet row → data row index
    if (r < 0) throw new Error(`a formula reads the header or above (row ${row + 1})`);
    const c = column - sheet.firstColumn;
    if (c < 0 || c >= sheet.headers.length) throw new Error(`a formula reads column ${column} outside the table`);
    return sheet.rows[r]?.[c] ?? "";
  };
}

/**
 * Evaluates every live formula and compares it with the value in its cell; returns the live cells per
 * column key and the cells compared.
 */
function checkLive(sheet: Sheet, run: LiveRun): { byKey: Map<string, number>; compared: number } {
  expect(run.block).toBeDefined();
  const block = run.block as LiveBlock;
  const resolve = resolverOf(sheet, block);
  const byKey = new Map<string, number>();
  let compared = 0;
  run.formulas.forEach((line, i) => {
    if (line === null) return;
    line.forEach((formula, c) => {
      if (formula === null) return;
      const key = run.columnKeys[c];
      expect(isLiveColumn(key), key).toBe(true);
      const grid = evaluateGrid(functions, formula, resolve);
      expect([grid.length, grid[0].length], formula).toEqual([1, 1]);
      expect(grid[0][0], `row ${i + 1} ${key}: ${formula}`).toStrictEqual(run.rows[i][c]);
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
      compared++;
    });
  });
  return { byKey, compared };
}

describe("quoteSheetName and sourceCellRef", () => {
  it.each([
    ["Portfolio", "Portfolio"],
    ["Sheet1_2025", "Sheet1_2025"],
    ["Q3 debtors", "'Q3 debtors'"],
    ["O'Brien", "'O''Brien'"],
    ["客户", "'客户'"],
    ["客户 O'Brien 表", "'客户 O''Brien 表'"],
    ["2025", "'2025'"],
    ["A1", "'A1'"],
    ["xfd100", "'xfd100'"],
    ["R1C1", "'R1C1'"],
    ["R", "'R'"],
    ["TRUE", "'TRUE'"],
    ["a-b", "'a-b'"],
    ["Debtors (2)", "'Debtors (2)'"],
  ])("%s → %s", (name, quoted) => {
    expect(quoteSheetName(name)).toBe(quoted);
  });

  it("makes the column absolute and the row relative", () => {
    expect(sourceCellRef("Portfolio", 2, 7)).toBe("Portfolio!$C7");
    expect(sourceCellRef("O'Brien", 27, 1000)).toBe("'O''Brien'!$AB1000");
  });

  it("puts the as-of cell under its label, one blank column after the table", () => {
    expect(liveAsOfCell(25)).toEqual({ row: 1, column: 26, address: "$AA$2" });
    expect(liveAsOfCell(2)).toEqual({ row: 1, column: 3, address: "$D$2" });
  });
});

describe("the sample portfolio as live formulas", () => {
  const sample = samplePortfolio();
  const sheet: Sheet = {
    name: "Portfolio",
    headerRow: 1,
    firstColumn: 0,
    headers: sample.headers,
    rows: sample.rows.map((r) => r.map(excelCell)),
  };

  it("writes the formulas a person would type, referencing the source row and the as-of cell", () => {
    useWorkbookPolicy(DEFAULT_POLICY);
    const run = liveRun(sheet);
    const keys = run.columnKeys;
    const first = run.formulas[0] as (string | null)[];
    const at = (key: string) => first[keys.indexOf(key)];
    const asOf = liveAsOfCell(keys.length).address;
    expect(at("grade")).toBe("=AR.GRADE(Portfolio!$D2,Portfolio!$E2,Portfolio!$F2)");
    expect(at("term")).toBe('=AR.GRADE(Portfolio!$D2,Portfolio!$E2,Portfolio!$F2,,"term")');
    expect(at("daysPastDue")).toBe(`=AR.AGING(Portfolio!$C2,${asOf},"days")`);
    expect(at("bucket")).toBe(`=AR.AGING(Portfolio!$C2,${asOf},"bucket")`);
    expect(at("level")).toBe(`=AR.AGING(Portfolio!$C2,${asOf},"level")`);
    // no offer for 11 days past due (the run withholds it: the value, blank, stays); the next row has one
    expect(at("offer-10")).toBeNull();
    expect(run.rows[0][keys.indexOf("offer-10")]).toBe("");
    const second = run.formulas[1] as (string | null)[];
    expect(second[keys.indexOf("offer-10")]).toBe("=AR.SETTLE(Portfolio!$B3,10)");
    expect(second[keys.indexOf("offer-full")]).toBe("=AR.SETTLE(Portfolio!$B3,21)");
    expect(at("confirmation")).toBe(`=AR.CONFIRM(Portfolio!$S2,${asOf},"status")`);
    expect(at("limitationDays")).toBe(`=AR.LIMITATION(Portfolio!$W2,${asOf},"days")`);
    expect(at("limitationStatus")).toBe(`=AR.LIMITATION(Portfolio!$W2,${asOf},"status")`);
    expect(at("missingEvidence")).toBe('=AR.EVIDENCE(Portfolio!$T2,Portfolio!$U2,Portfolio!$V2,,,,"missing")');
    // values stay values
    for (const key of ["sourceRow", "customer", "balance", "status", "nextStep", "profile", "reasons"]) expect(at(key), key).toBeNull();
    // the block beside the table: label, the as-of serial the formulas read, the legend
    expect(run.block?.column).toBe(keys.length + 1);
    expect(run.block?.rows[1]).toEqual([serialFromCivil(2025, 7, 31)]);
    expect(String(run.block?.rows[3][0])).toMatch(/^Live columns .*: grade, term \(days\), days past due, aging bucket, warning level, /);
  });

  it("every live formula equals the value the values-mode triage writes (English)", () => {
    useWorkbookPolicy(DEFAULT_POLICY);
    const run = liveRun(sheet);
    const { byKey, compared } = checkLive(sheet, run);
    // 15 customers: every live column is live on most rows (rows with a problem or an odd input keep values)
    expect(compared).toBeGreaterThan(100);
    for (const key of ["grade", "term", "daysPastDue", "bucket", "level", "confirmation", "limitationDays", "limitationStatus"]) {
      expect(byKey.get(key) ?? 0, key).toBeGreaterThanOrEqual(10);
    }
    expect(byKey.get("missingEvidence") ?? 0).toBeGreaterThanOrEqual(10);
    expect(byKey.get("offer-10") ?? 0).toBeGreaterThanOrEqual(3);
  });

  it("writes values in a 1904 workbook (the AR functions count dates from 1900)", () => {
    const run = liveRun(sheet, { dateSystem: "1904" });
    expect(run.block).toBeUndefined();
    expect(run.formulas.every((f) => f === null)).toBe(true);
  });

  it("in Chinese, and under a firm's policy in force in the workbook", () => {
    const policy = validatePolicy({
      ...DEFAULT_POLICY,
      smallAmountLimit: 100_000,
      agingEdges: [15, 45, 90, 180],
      settlementTiers: [
        { days: 7, rate: 0.85 },
        { days: 15, rate: 0.9 },
        { days: 30, rate: 0.97 },
      ],
    });
    useWorkbookPolicy(policy);
    try {
      const run = liveRun(sheet, { language: "zh", policy, asOf: serialFromCivil(2025, 9, 30) });
      const { byKey } = checkLive(sheet, run);
      expect(run.columnKeys).toContain("offer-30");
      expect(byKey.get("offer-30") ?? 0).toBeGreaterThanOrEqual(3);
      expect(byKey.get("bucket") ?? 0).toBeGreaterThanOrEqual(10);
      const second = run.formulas[1] as (string | null)[];
      expect(second[run.columnKeys.indexOf("bucket")]).toMatch(/"账龄段"\)$/);
      expect(second[run.columnKeys.indexOf("offer-full")]).toBe("=AR.SETTLE(Portfolio!$B3,31)");
    } finally {
      useWorkbookPolicy(DEFAULT_POLICY);
    }
  });
});

describe("a Chinese customer table, lower right on a sheet with a quoted name", () => {
  const L = (f: keyof typeof FIELD_LABELS) => FIELD_LABELS[f].zh;
  const headers = [
    L("customer"),
    L("balance"),
    L("dueDate"),
    L("overdueCount"),
    L("largestOverdue"),
    L("cashFlow"),
    L("lastConfirmation"),
    L("signedContract"),
    L("reconciliation"),
    L("deliveryProof"),
    L("excuse"),
    L("lastInterruption"),
  ];
  const d = (y: number, m: number, day: number) => serialFromCivil(y, m, day);
  // customer, balance, due, events, largest, cash flow, confirmed, contract, reconciliation, courier, excuse, last demand
  const rows: unknown[][] = [
    ["甲公司", 500000, d(2025, 5, 31), 1, 30000, "一般", d(2025, 7, 3), "是", "是", "否", "没收到发票", d(2025, 6, 1)],
    ["乙公司", 80000, "2025-07-15", 0, 0, "好", d(2025, 4, 2), "是", "", "", "", "2023-01-10"],
    // blank cash flow, two events: the overdue record alone grades C (the value stays)
    ["丙公司", 1200000, d(2025, 2, 28), 2, 300000, "", "", "否", "否", "是", "产品有问题", d(2022, 10, 1)],
    // no events, largest left blank (read as 0 by the triage, blank to AR.GRADE: the value stays)
    ["丁公司", 60000, d(2025, 8, 15), 0, "", "好", d(2025, 7, 5), "", "", "", "", ""],
    // an amount typed as text and a date written 2025/3/1: values
    ["戊公司", "1,250,000.50", "2025/3/1", 1, 60000, "差", d(2025, 7, 4), "是", "是", "是", "无", d(2025, 3, 1)],
    // a problem row (negative balance): values only
    ["己公司", -5, d(2025, 6, 30), 0, 0, "好", d(2025, 7, 1), "是", "是", "是", "", d(2025, 6, 30)],
    ["庚公司", 0, "", 0, 0, "好", d(2025, 7, 1), "是", "是", "是", "", d(2025, 1, 15)],
  ];
  const sheet: Sheet = { name: "客户 O'Brien 表", headerRow: 4, firstColumn: 2, headers, rows };

  it("recognises the table", () => {
    expect(Object.keys(recogniseColumns(headers).mapping)).toHaveLength(headers.length);
  });

  it("every live formula equals the value the values-mode triage writes (Chinese)", () => {
    useWorkbookPolicy(DEFAULT_POLICY);
    const run = liveRun(sheet, { language: "zh" });
    const { compared } = checkLive(sheet, run);
    expect(compared).toBeGreaterThan(40);
    const keys = run.columnKeys;
    const formulaAt = (row: number, key: string) => run.formulas[row]?.[keys.indexOf(key)] ?? null;
    expect(formulaAt(0, "grade")).toBe("=AR.GRADE('客户 O''Brien 表'!$F5,'客户 O''Brien 表'!$G5,'客户 O''Brien 表'!$H5)");
    expect(formulaAt(0, "missingEvidence")).toBe(
      "=AR.EVIDENCE('客户 O''Brien 表'!$J5,'客户 O''Brien 表'!$K5,,'客户 O''Brien 表'!$L5,,'客户 O''Brien 表'!$M5,\"缺少\")",
    );
    // the cases that keep their values
    expect(formulaAt(2, "grade")).toBeNull();
    expect(run.rows[2][keys.indexOf("grade")]).toBe("C");
    expect(formulaAt(2, "confirmation")).toBeNull();
    expect(formulaAt(2, "daysPastDue")).not.toBeNull();
    expect(formulaAt(3, "grade")).toBeNull();
    expect(run.rows[3][keys.indexOf("grade")]).toBe("A");
    expect(formulaAt(4, "offer-10")).toBeNull();
    expect(formulaAt(4, "daysPastDue")).toBeNull();
    expect(formulaAt(4, "grade")).not.toBeNull();
    expect(run.formulas[5]).toBeNull();
    expect(run.rows[5][keys.indexOf("status")]).toBe("有问题");
    expect(formulaAt(6, "daysPastDue")).toBeNull();
  });
});
