// "Compare with a previous result" in the pane, on the real Excel I/O layer and the fake Excel: the sample
// triaged as of 2025-07-31, then the debtor table edited as the command line's golden compare is
// (test/cli/fixtures/compare/portfolio-2025-08.csv: Blue River paid 20,000.50 and had a second overdue
// event, Qinghe paid in full, Meridian Tools left, Eastport Trading is new, Hengtai in capitals) and triaged
// as of 2025-08-31 against the first result sheet. Values checked by hand against the edit (and agreeing
// with test/cli/compare.test.ts); the previous sheet is only read.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, recogniseColumns, RuleError, serialFromCivil } from "../../src/core/index.js";
import { officeExcelIo } from "../../src/office/excel-io.js";
import { listResultSheets, readPreviousResult } from "../../src/excel-io/previous-result.js";
import { AMOUNT_FORMAT, INTEGER_FORMAT, isResultHeaders } from "../../src/result/index.js";
import { inspectPortfolio, runTriage, type RunInput } from "../../src/taskpane/triage-run.js";
import { computeTriage, workerHandler, type TriageRequest, type WorkerMessage } from "../../src/taskpane/triage-compute.js";
import { FakeWorkbook, installFakeOffice } from "../support/fake-excel/index.js";
import { InProcessWorker, samplePortfolio } from "./support.js";

const JULY = serialFromCivil(2025, 7, 31);
const AUGUST = serialFromCivil(2025, 8, 31);
const sample = samplePortfolio();
const edited = readFileSync(join(__dirname, "../cli/fixtures/compare/portfolio-2025-08.csv"), "utf8")
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(","));
let book: FakeWorkbook;

beforeEach(() => {
  book = new FakeWorkbook();
  book.addSheet("Debtors", [sample.headers, ...sample.rows], { typed: true });
  book.addSheet("Notes", [
    ["customer", "balance"],
    ["Blue River Retail", 1],
  ]);
  book.select("Debtors!A1:W16");
  installFakeOffice(globalThis, book, { displayLanguage: "en-US" });
});

/** Triages the Debtors sheet (the whole sample's range) as of a date, optionally against a previous result sheet. */
async function triage(asOf: number, language: "en" | "zh", previousSheet?: string) {
  const io = officeExcelIo();
  book.select("Debtors!A1:W16"); // a run shows its summary sheet: the user selects the table again
  const found = await inspectPortfolio(io, { kind: "selection" });
  const input: RunInput = {
    source: { kind: "selection" },
    location: found.location,
    mapping: found.recognition.mapping,
    asOf,
    policy: DEFAULT_POLICY,
    language,
    ...(previousSheet === undefined ? {} : { previousSheet }),
  };
  return runTriage(io, () => new InProcessWorker(), input, { excelChunkRows: 4, workerChunkRows: 3 });
}

/** The July result, then the Debtors sheet edited to August's portfolio. */
async function julyThenEdit(language: "en" | "zh" = "en"): Promise<string> {
  const july = await triage(JULY, language);
  book.sheet("Debtors").write({ top: 1, left: 0, bottom: edited.length, right: sample.headers.length - 1 }, edited, true);
  return july.write.resultSheet;
}

describe("the pane's comparison with a previous result sheet", () => {
  it("writes a Changes sheet with what moved per customer; the previous result is only read", async () => {
    const previous = await julyThenEdit();
    expect(previous).toBe("Triage");
    const before = book.sheet(previous).values();
    book.sheet(previous).mutations = 0;

    const august = await triage(AUGUST, "en", previous);
    expect(book.sheet(previous).mutations).toBe(0);
    expect(book.sheet(previous).values()).toEqual(before);
    expect(august.write.moreSheets?.changes).toBe("Changes");
    expect(book.sheet("Changes").values()).toHaveLength(16); // the header and one row per customer row of either result
    // the changes sheet comes after the run's own sheets; the source and the notes are untouched
    expect(book.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual([
      "Debtors",
      "Notes",
      "Triage",
      "Triage summary",
      "Today's work",
      "Triage (2)",
      "Triage summary (2)",
      "Changes",
      "Today's work (2)",
    ]);

    const [head, ...rows] = book.sheet("Changes").values();
    expect(head).toEqual([
      "change",
      "customer",
      "previous source row",
      "source row now",
      "previous balance",
      "balance now",
      "balance change",
      "previous grade",
      "grade now",
      "previous warning level",
      "warning level now",
      "previous days past due",
      "days past due now",
      "what moved",
    ]);
    const row = (customer: string, n = 0) => rows.filter((r) => r[1] === customer)[n];
    // Blue River: 95,000 - 74,999.50 = 20,000.50 paid; a second overdue event makes it C (2 or more);
    // days past due from 2025-06-10: 51 on 07-31, 82 on 08-31.
    expect(row("Blue River Retail").slice(0, 13)).toEqual([
      "worse",
      "Blue River Retail",
      6,
      6,
      95000,
      74999.5,
      -20000.5,
      "B",
      "C",
      1,
      2,
      51,
      82,
    ]);
    expect(row("Blue River Retail")[13]).toMatch(
      /^grade B → C \(2 overdue events in 12 months \(2 or more: C\)\); a second overdue event: overdue events in 12 months 1 → 2; warning level 1 → 2; days past due 51 → 82; balance down by 20,000\.5 \(95,000 → 74,999\.5\); /,
    );
    // new since July, and settled: paid in full (Qinghe) or gone from the ledger (Meridian)
    expect(row("Eastport Trading 东港贸易").slice(0, 7)).toEqual(["new", "Eastport Trading 东港贸易", "", 16, "", 56000.25, ""]);
    expect(row("Eastport Trading 东港贸易")[13]).toBe("new: balance 56,000.25, grade A, warning level 0");
    expect(row("Qinghe Pharmacy 清河大药房").slice(0, 7)).toEqual(["settled", "Qinghe Pharmacy 清河大药房", 8, 8, 45000, 0, -45000]);
    expect(row("Qinghe Pharmacy 清河大药房")[13]).toBe("settled: balance now 0 (was 45,000)");
    expect(row("Meridian Tools").slice(0, 7)).toEqual(["settled", "Meridian Tools", 16, "", 150000, "", ""]);
    // the same customer spelled in capitals with two spaces is matched
    expect(row("HENGTAI  HARDWARE 恒泰五金").slice(0, 4)).toEqual(["worse", "HENGTAI  HARDWARE 恒泰五金", 10, 10]);
    expect(rows.map((r) => r[0])).toEqual([
      ...Array(5).fill("worse"),
      "new",
      "settled",
      "settled",
      ...Array(4).fill("problem"),
      ...Array(3).fill("unchanged"),
    ]);
    // amounts formatted as amounts (previous balance, balance now, change), row numbers and days as whole
    // numbers; an Excel table like the run's other sheets
    for (const c of [4, 5, 6]) expect(book.sheet("Changes").numberFormatAt(1, c)).toBe(AMOUNT_FORMAT);
    expect(book.sheet("Changes").numberFormatAt(1, 11)).toBe(INTEGER_FORMAT);
    expect(book.sheet("Changes").tables.filter((t) => !t.deleted)).toHaveLength(1);

    // The outcome: the CLI's headline naming the sheet, and the first changes as text.
    expect(august.changes?.headline).toBe("Changes since Triage: 5 worse, 1 new, 2 settled, 4 with a problem, 3 unchanged");
    expect(august.changes?.previousSheet).toBe("Triage");
    expect(august.changes?.preview.map((p) => [p.kindName, p.customer])).toEqual([
      ["worse", "Huaxin Machinery 华信机械"],
      ["worse", "Jiancai Building Materials 建材商贸"],
      ["worse", "Blue River Retail"],
    ]);
    expect(august.changes?.preview[1].text).toBe("warning level 2 → 3; days past due 77 → 108");
  });

  it("compares a Chinese previous result with an English run (verdicts by value), and names the changes sheet in the run's language", async () => {
    const previous = await julyThenEdit("zh");
    expect(previous).toBe("分诊结果");
    const english = await triage(AUGUST, "en", previous);
    expect(english.write.moreSheets?.changes).toBe("Changes");
    expect(english.changes?.headline).toBe("Changes since 分诊结果: 5 worse, 1 new, 2 settled, 4 with a problem, 3 unchanged");
    const chinese = await triage(AUGUST, "zh", previous);
    expect(chinese.write.moreSheets?.changes).toBe("变化");
    expect(chinese.changes?.headline).toBe("与 分诊结果 相比：变差 5，新增 1，已结清 2，有问题 4，无变化 3");
    const blue = book
      .sheet("变化")
      .values()
      .find((r) => r[1] === "Blue River Retail")!;
    expect(blue.slice(0, 13)).toEqual(["变差", "Blue River Retail", 6, 6, 95000, 74999.5, -20000.5, "B", "C", 1, 2, 51, 82]);
    expect(String(blue[13])).toContain("余额减少 20,000.5（95,000 → 74,999.5）");
  });

  it("lists only the sheets that are results of this tool", async () => {
    const io = officeExcelIo();
    expect(await io.run(listResultSheets)).toEqual([]);
    await julyThenEdit();
    await triage(AUGUST, "zh", "Triage");
    book.addSheet("Empty", []);
    book.addSheet("Header only", [["customer", "balance", "status"]]);
    // Debtors, Notes (customer and balance, no status), the summaries and the changes sheet are not results
    expect(await io.run(listResultSheets)).toEqual(["Triage", "分诊结果"]);
    expect(isResultHeaders(["客户", "余额", "状态"])).toBe(true);
    expect(isResultHeaders(["customer", "balance now", "change"])).toBe(false);
  });

  it("refuses a sheet that is not a result with the command line's message naming what is missing, before the triage", async () => {
    const io = officeExcelIo();
    const error = await io.run((context) => readPreviousResult(context, "Notes")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).message).toBe(
      'compare: Notes is not a triage result of this tool: no column "status" (or "状态") among its headers "customer", "balance"; choose a result sheet a triage of this pane wrote',
    );
    expect((error as RuleError).zh).toBe(
      'compare：Notes 不是本工具的分诊结果：表头 "customer"、"balance" 中没有“状态”列（或 "status"）；请选择本窗格分诊写出的结果工作表',
    );
    const names = () => book.sheets.filter((s) => !s.deleted).map((s) => s.name);
    const run = await triage(JULY, "en", "Notes").catch((e: unknown) => e);
    expect(run).toBeInstanceOf(RuleError);
    expect(names()).toEqual(["Debtors", "Notes"]);
    await expect(triage(JULY, "en", "No such sheet")).rejects.toThrow(/not in the workbook any more/);
  });

  it("sends a large previous result to the worker in slices and compares it whole", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => [i + 2, `Customer ${i}`, 1000 + i, "ok"]);
    const request: TriageRequest = {
      type: "triage",
      rows: sample.rows,
      mapping: recogniseColumns(sample.headers).mapping,
      asOf: JULY,
      policy: DEFAULT_POLICY,
      language: "en",
      firstRowNumber: 2,
      previous: { sheet: "Old", headers: ["source row", "customer", "balance", "status"], rows: [], firstRowNumber: 2 },
    };
    const whole: WorkerMessage[] = [];
    computeTriage({ ...request, previous: { ...request.previous!, rows } }, (m) => whole.push(m));
    const sliced: WorkerMessage[] = [];
    const handle = workerHandler((m) => sliced.push(m));
    for (let from = 0; from < rows.length; from += 10) handle({ type: "previousRows", rows: rows.slice(from, from + 10) });
    handle(request);
    const head = (messages: WorkerMessage[]) => messages.find((m) => m.type === "compared");
    expect(head(sliced)).toEqual(head(whole));
    // 25 previous customers all gone; of the sample's 15 rows, 10 ok ones are new, 4 are problems, 1 is blank (not compared)
    expect(head(whole)).toMatchObject({ rows: 39, counts: { new: 10, settled: 25, problem: 4 } });
  });
});
