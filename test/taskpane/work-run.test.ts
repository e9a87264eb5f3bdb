// The pane's triage with the workbook's collection log (issue 13), on the fake Excel: the log table (or a
// sheet named "Collection log") is read, never written; its facts fill the result's log columns as the
// command line's .xlsx has them; a "Today's work" sheet and a "Log problems" sheet are written after the
// summary, each the same as the command line's; without a log the result is as before and today's work
// lists the debtors by the ladder's cadence.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DATE_1904_OFFSET, DEFAULT_POLICY, recogniseColumns, serialFromCivil } from "../../src/core/index.js";
import { parseArguments, runTriage as runCli } from "../../src/cli/triage.js";
import { readTable } from "../../src/cli/table-io.js";
import { officeExcelIo } from "../../src/office/excel-io.js";
import { triageColumns, WORK_LIST_COLUMNS } from "../../src/result/index.js";
import { inspectPortfolio, runTriage, triageInWorker, type RunProgress } from "../../src/taskpane/triage-run.js";
import { workerHandler, type TriageRequest, type WorkerMessage } from "../../src/taskpane/triage-compute.js";
import { LOG_PROBLEMS_SHOWN, WORK_ENTRIES_SHOWN } from "../../src/taskpane/work-compute.js";
import { WORK_TEXT } from "../../src/taskpane/work-texts.js";
import { FakeWorkbook, installFakeOffice, type FakeCellInput } from "../support/fake-excel/index.js";
import { InProcessWorker, samplePortfolio } from "./support.js";

const root = join(__dirname, "../..");
const LOG = join(root, "samples/collection-log.csv");
const PORTFOLIO = join(root, "samples/portfolio.csv");
const asOf = serialFromCivil(2025, 7, 31);
const out = mkdtempSync(join(tmpdir(), "ar-pane-log-"));
const logCells = () => parse(readFileSync(LOG, "utf8"), { bom: true }) as string[][];

afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

/** The sample portfolio on "Debtors" (selected), and the log's cells where `log` says. */
function workbook(log: { sheet: string; table?: string; cells?: FakeCellInput[][] } | null, use1904DateSystem = false): FakeWorkbook {
  const { headers, rows } = samplePortfolio();
  const book = new FakeWorkbook({ use1904DateSystem });
  book.addSheet("Debtors", [headers, ...rows], { typed: true });
  if (log !== null) {
    const cells = log.cells ?? logCells();
    book.addSheet(log.sheet, cells, { typed: true });
    if (log.table !== undefined) book.addTable(`'${log.sheet}'!A1:H${cells.length}`, { name: log.table });
  }
  book.select("Debtors!A1:W16");
  installFakeOffice(globalThis, book, { excelApi: "1.17" });
  return book;
}

async function paneRun(
  book: FakeWorkbook,
  language: "en" | "zh" = "en",
  options: { onProgress?: (progress: RunProgress) => void; workers?: InProcessWorker[] } = {},
) {
  const io = officeExcelIo();
  const found = await inspectPortfolio(io, { kind: "selection" });
  const result = await runTriage(
    io,
    () => {
      const worker = new InProcessWorker();
      options.workers?.push(worker);
      return worker;
    },
    { source: { kind: "selection" }, location: found.location, mapping: found.recognition.mapping, asOf, policy: DEFAULT_POLICY, language },
    { excelChunkRows: 7, workerChunkRows: 4, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) },
  );
  return { result, values: (name: string | undefined) => book.sheet(name as string).values() };
}

describe("a pane triage with the workbook's collection log", async () => {
  // The command line's .xlsx for the same portfolio and log: the reference.
  const cliOut = join(out, "with-log.xlsx");
  await runCli(parseArguments([PORTFOLIO, "--log", LOG, "--as-of", "2025-07-31", "--out", cliOut], asOf));
  const cliResult = await readTable(cliOut);
  const cliWork = await readTable(cliOut, { sheet: "Today's work" });
  const cliProblems = await readTable(cliOut, { sheet: "Log problems" });

  it("reads the log table (never writing it): the log columns, Today's work and Log problems as the command line's", async () => {
    const book = workbook({ sheet: "Collection log", table: "CollectionLog" });
    const before = book.sheet("Collection log").values();
    const { result, values } = await paneRun(book);

    // The log read, every row accounted for, and where it was.
    expect(result.log?.place).toEqual({ kind: "table", table: "CollectionLog", sheet: "Collection log" });
    expect(result.log?.report.rows).toBe("33 rows = 30 events + 2 problems + 1 blank");
    expect(result.log?.report.notInPortfolio).toBe("every customer of the log is in the portfolio");
    expect(WORK_TEXT.en.logRead(result.log!.report.rows, result.log!.place)).toBe(
      "Collection log: 33 rows = 30 events + 2 problems + 1 blank (table CollectionLog, sheet Collection log); read, not changed.",
    );
    // never written: no mutation, the same cells
    expect(book.sheet("Collection log").mutations).toBe(0);
    expect(book.sheet("Collection log").values()).toEqual(before);
    expect(book.sheet("Debtors").mutations).toBe(0);

    // The result sheet: the default columns, then the log's eight, as the command line's file.
    const result0 = values(result.write.resultSheet);
    const head = result0[0];
    expect(head).toEqual(triageColumns(DEFAULT_POLICY, true).map((c) => c.en));
    expect(head.slice(-8)).toEqual(cliResult.headers.slice(-8));
    const jiancai = result0.find((r) => String(r[1]).startsWith("Jiancai"))!;
    expect(jiancai.slice(-8)).toEqual([
      0,
      2,
      0,
      "invoice JC-2025-0415 since 2025-06-12",
      serialFromCivil(2025, 7, 20),
      serialFromCivil(2025, 7, 27),
      "yes",
      serialFromCivil(2025, 6, 28),
    ]);
    expect(result0.slice(1).map((r) => r.slice(-8))).toEqual(cliResult.rows.map((r) => r.slice(-8).map((v) => v ?? "")));
    // the log's dates formatted as dates
    const nextDue = head.indexOf("next contact due");
    expect(book.sheet(result.write.resultSheet).numberFormatAt(1, nextDue)).toBe("yyyy-mm-dd");

    // The sheets after the summary: Log problems, then Today's work, under the command line's names.
    expect(book.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual([
      "Debtors",
      "Collection log",
      "Triage",
      "Triage summary",
      "Log problems",
      "Today's work",
    ]);
    expect(result.write.moreSheets).toEqual({ logProblems: "Log problems", work: "Today's work" });
    const problems = values("Log problems");
    expect(problems[0]).toEqual(["log row", "customer", "problem"]);
    expect(problems.slice(1).map((r) => [r[0], r[1]])).toEqual([
      [17, "Summit Foods"],
      [24, "Orion Components"],
    ]);
    expect(problems.slice(1)).toEqual(cliProblems.rows);
    // the outcome's list of them: as the command line prints them
    expect(result.log?.report.problemLines).toEqual([
      `log row 17: action: "fax sent" is not a known action (call, visit, e-mail, WeChat, SMS, dunning letter, lawyer's letter, statement sent, balance confirmed, promise to pay, payment, dispute opened, dispute resolved, plan agreed, instalment missed, claim filed, suit filed)`,
      `log row 24: amount: "about 20k" is not a number`,
    ]);
    expect(result.log?.report.problems).toBe(2);
    const work = values("Today's work");
    expect(work[0]).toEqual(WORK_LIST_COLUMNS.map((c) => c.en));
    expect(work.slice(1)).toEqual(cliWork.rows);
    expect(work).toHaveLength(1 + result.work.count);
    // By owner (salesperson, finance manager, legal), most urgent first: six debtors are due a contact on 2025-07-31.
    expect(work.slice(1).map((r) => [r[0], r[2], r[5]])).toEqual([
      ["salesperson", 6, "follow-up overdue since 2025-07-02 (last contact 2025-07-01; level 1: daily)"],
      ["finance manager", 3, "follow-up overdue since 2025-06-23 (last contact 2025-06-20; level 3: every 3 days)"],
      ["finance manager", 4, "follow-up overdue since 2025-07-27 (last contact 2025-07-20; level 2: every 7 days)"],
      ["legal", 7, "follow-up due today (last contact 2025-07-28; level 3: every 3 days)"],
      ["legal", 5, "follow-up overdue since 2025-06-13 (last contact 2025-06-10; level 3: every 3 days)"],
      ["legal", 9, "follow-up overdue since 2025-07-22 (last contact 2025-07-15; level 2: every 7 days)"],
    ]);
    expect(
      book.sheet("Today's work").numberFormatAt(
        1,
        WORK_LIST_COLUMNS.findIndex((c) => c.key === "balance"),
      ),
    ).toBe(book.sheet(result.write.resultSheet).numberFormatAt(1, head.indexOf("balance")));

    // What the pane shows first: the heading, the first entries by owner, no "no log" line.
    expect(result.work.heading).toBe(`Today's work (${work.length - 1})`);
    expect(result.work.withoutLog).toBeNull();
    const shown = result.work.groups.flatMap((g) => g.entries);
    expect(shown).toHaveLength(Math.min(WORK_ENTRIES_SHOWN, result.work.count));
    expect(shown.map((e) => e.customer)).toEqual(work.slice(1, 1 + shown.length).map((r) => r[1]));
    expect(result.work.groups.map((g) => [g.owner, g.total, g.entries.length])).toEqual([
      ["salesperson", 1, 1],
      ["finance manager", 2, 2],
    ]);
    expect(shown[0]).toEqual({
      customer: "Blue River Retail",
      sourceRow: 6,
      nextStep: "daily follow-up and a dunning letter",
      why: "follow-up overdue since 2025-07-02 (last contact 2025-07-01; level 1: daily)",
      balance: 95000,
      level: 1,
    });
  });

  it("lists at most five of the log's problem rows for the outcome, the others counted (the sheet has them all)", async () => {
    // the sample's log and seven payments of an amount that is not a number, at sheet rows 35 to 41
    const bad = Array.from({ length: 7 }, (_, i) => [
      "2025-07-0" + String(i + 1),
      "Northwind Textiles",
      "",
      "payment",
      `${i + 1}0k`,
      "",
      "Li",
      "",
    ]);
    const book = workbook({ sheet: "Collection log", table: "CollectionLog", cells: [...logCells(), ...bad] });
    const { result, values } = await paneRun(book);
    expect(result.log?.report.rows).toBe("40 rows = 30 events + 9 problems + 1 blank");
    expect(result.log?.report.problems).toBe(9);
    expect(result.log?.report.problemLines).toHaveLength(LOG_PROBLEMS_SHOWN);
    expect(result.log?.report.problemLines.slice(1)).toEqual([
      `log row 24: amount: "about 20k" is not a number`,
      `log row 35: amount: "10k" is not a number`,
      `log row 36: amount: "20k" is not a number`,
      `log row 37: amount: "30k" is not a number`,
    ]);
    // the four others: "4 more in “Log problems”", where all nine are
    expect(WORK_TEXT.en.more(9 - LOG_PROBLEMS_SHOWN, "Log problems")).toBe("4 more in “Log problems”.");
    expect(
      values("Log problems")
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([17, 24, 35, 36, 37, 38, 39, 40, 41]);
  });

  it("finds the log on a sheet named 催收记录 by its headers (below a title row), in Chinese", async () => {
    const book = workbook({ sheet: "催收记录", cells: [["催收记录（2025年）"], ...logCells()] });
    const { result, values } = await paneRun(book, "zh");
    expect(result.log?.place).toEqual({ kind: "sheet", sheet: "催收记录" });
    expect(result.log?.report.rows).toBe("33 行 = 30 个事件 + 2 行有问题 + 1 行空行");
    // the rows are named by their sheet rows: one more than in the CSV
    expect(
      values("催收记录问题")
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([18, 25]);
    expect(book.sheet("催收记录").mutations).toBe(0);
    expect(values("今日工作")[0]).toEqual(WORK_LIST_COLUMNS.map((c) => c.zh));
    expect(values(result.write.resultSheet)[0].slice(-1)).toEqual(["时效重新起算日（催收记录）"]);
  });

  it("gives the same facts in a 1904 workbook: its log dates read, and the result's written, on the workbook's count", async () => {
    const reference = await paneRun(workbook({ sheet: "Collection log", table: "CollectionLog" }));
    const referenceRows = reference.values(reference.result.write.resultSheet);
    // The log's dates as a 1904 workbook holds them: serials 1,462 days fewer.
    const cells: FakeCellInput[][] = logCells().map((row, r) =>
      row.map((cell, c) => {
        const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
        return r > 0 && (c === 0 || c === 5) && iso ? serialFromCivil(+iso[1], +iso[2], +iso[3]) - DATE_1904_OFFSET : cell;
      }),
    );
    const book = workbook({ sheet: "Collection log", table: "CollectionLog", cells }, true);
    const { result, values } = await paneRun(book);
    expect(result.dateSystem).toBe("1904");
    expect(result.log?.report.rows).toBe("33 rows = 30 events + 2 problems + 1 blank");
    const rows = values(result.write.resultSheet);
    const head = rows[0];
    const dates = ["last contact", "next contact due", "limitation restarted from (log)"].map((h) => head.indexOf(h));
    const on1904 = referenceRows.map((row, r) =>
      row.map((v, c) => (r > 0 && dates.includes(c) && typeof v === "number" ? v - DATE_1904_OFFSET : v)),
    );
    expect(rows.map((r) => r.slice(-8))).toEqual(on1904.map((r) => r.slice(-8)));
    const jiancai = rows.find((r) => String(r[1]).startsWith("Jiancai"))!;
    expect(jiancai[head.indexOf("last contact")]).toBe(serialFromCivil(2025, 7, 20) - DATE_1904_OFFSET);
    expect(book.sheet("Collection log").mutations).toBe(0);
  });
});

describe("the collection log on its way to the worker (issue 13 follow-up)", () => {
  it("reads the log as part of the read phase: the progress counts the portfolio's rows, then the log's", async () => {
    const progress: RunProgress[] = [];
    await paneRun(workbook({ sheet: "Collection log", table: "CollectionLog" }), "en", { onProgress: (p) => progress.push(p) });
    const read = progress.filter((p) => p.phase === "read").map((p) => [p.done, p.total]);
    // 15 portfolio rows (A2:W16), then the log's 33 rows (A2:H34) after them, one report per sync (a first
    // sync of one chunk of 7 measures the rows, the next reads several chunks of 7 at once).
    expect(read).toEqual([
      [0, 15],
      [7, 15],
      [15, 15],
      [22, 48],
      [48, 48],
    ]);
  });

  it("sends a large log in `logRows` slices, never inside the request, and the result is the same as a log sent whole", async () => {
    const book = workbook({ sheet: "Collection log", table: "CollectionLog" });
    const workers: InProcessWorker[] = [];
    const { result, values } = await paneRun(book, "en", { workers });
    // 15 + 33 rows are under ROWS_PER_MESSAGE: the run sent one request with everything in it.
    expect(workers[0].received.map((m) => m.type)).toEqual(["triage"]);
    const whole = workers[0].received[0] as TriageRequest;
    expect(whole.log?.rows).toHaveLength(33);

    // The same request in slices of 10 rows: 2 of the portfolio, 4 of the log, then the request without rows.
    const sliced = new InProcessWorker();
    const again = await triageInWorker(() => sliced, whole, { rowsPerMessage: 10 });
    expect(sliced.received.map((m) => m.type)).toEqual(["rows", "rows", "logRows", "logRows", "logRows", "logRows", "triage"]);
    expect(sliced.received.filter((m) => m.type === "logRows").map((m) => m.rows.length)).toEqual([10, 10, 10, 3]);
    const request = sliced.received.at(-1) as TriageRequest;
    expect(request.rows).toEqual([]);
    expect(request.log).toEqual({ ...whole.log, rows: [] });
    // the same facts, today's work and log report as the run's own
    expect(again.log).toEqual(result.log?.report);
    expect(again.work).toEqual(result.work);
    expect(again.rows).toEqual(values(result.write.resultSheet).slice(1));
  });

  it("puts the log's slices before the request's own log rows, in order, in the worker", () => {
    const log = logCells();
    const { headers, rows } = samplePortfolio();
    const request: TriageRequest = {
      type: "triage",
      rows,
      mapping: recogniseColumns(headers).mapping,
      asOf,
      policy: DEFAULT_POLICY,
      language: "en",
      firstRowNumber: 2,
      chunkRows: 100,
      log: { headers: log[0], rows: log.slice(1), headerRow: 1 },
    };
    const whole: WorkerMessage[] = [];
    workerHandler((m) => whole.push(m))(request);
    const sliced: WorkerMessage[] = [];
    const handle = workerHandler((m) => sliced.push(m));
    handle({ type: "logRows", rows: log.slice(1, 11) });
    handle({ type: "logRows", rows: log.slice(11, 30) });
    handle({ ...request, log: { ...request.log!, rows: log.slice(30) } });
    const done = (messages: WorkerMessage[]) => messages.find((m) => m.type === "done") as Extract<WorkerMessage, { type: "done" }>;
    expect(done(whole).log?.rows).toBe("33 rows = 30 events + 2 problems + 1 blank");
    expect(sliced.map((m) => ({ ...m, ...(m.type === "done" ? { timings: null } : {}) }))).toEqual(
      whole.map((m) => ({ ...m, ...(m.type === "done" ? { timings: null } : {}) })),
    );
  });
});

describe("a pane triage without a collection log", () => {
  it("writes the result as before, and today's work by the ladder's cadence with the line saying no log was read", async () => {
    const book = workbook(null);
    const { result, values } = await paneRun(book);
    expect(result.log).toBeNull();
    expect(result.unreadLog).toBeNull();
    expect(values(result.write.resultSheet)[0]).toEqual(triageColumns(DEFAULT_POLICY).map((c) => c.en));
    expect(book.sheets.map((s) => s.name)).toEqual(["Debtors", "Triage", "Triage summary", "Today's work"]);
    expect(result.write.moreSheets).toEqual({ work: "Today's work" });
    const work = values("Today's work");
    expect(work).toHaveLength(1 + result.work.count);
    expect(result.work.count).toBeGreaterThan(0);
    expect(result.work.withoutLog).toBe(
      "no collection log given (none in this workbook): every debtor from level 1 is listed by the ladder's cadence; with a log, only those due today",
    );
  });

  it("says so when a sheet named as the log holds no log header, and reads nothing from it", async () => {
    const book = workbook({ sheet: "Collection log", cells: [["notes"], ["call Acme"]] });
    const { result } = await paneRun(book);
    expect(result.log).toBeNull();
    expect(result.unreadLog).toEqual({ sheet: "Collection log" });
    expect(book.sheet("Collection log").mutations).toBe(0);
    expect(WORK_TEXT.en.logUnread("Collection log")).toContain("not read");
  });
});

describe("the texts of today's work and the log line", () => {
  const place = { kind: "sheet", sheet: "Log" } as const;
  const all = (language: "en" | "zh") => {
    const t = WORK_TEXT[language];
    return [
      t.openWork,
      t.owner(language === "zh" ? "法务" : "legal", 2),
      t.today,
      t.more(3, "S"),
      t.logRead("R", place),
      t.logNone,
      t.logUnread("S"),
      t.logProblems(2, "S"),
      t.showLogProblems(2),
      t.hideLogProblems,
      t.openFailed,
    ];
  };

  it("say the same things in both languages, Chinese in Chinese and never Chinese in English", () => {
    expect(Object.keys(WORK_TEXT.zh)).toEqual(Object.keys(WORK_TEXT.en));
    for (const text of all("zh")) expect(text).toMatch(/[\u4e00-\u9fff]/);
    for (const text of all("en")) expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("name where the log was read and count what is left to check", () => {
    expect(WORK_TEXT.en.logRead("33 rows = 30 events + 2 problems + 1 blank", { kind: "sheet", sheet: "Collection log" })).toBe(
      "Collection log: 33 rows = 30 events + 2 problems + 1 blank (sheet Collection log); read, not changed.",
    );
    expect(WORK_TEXT.en.owner("finance manager", 2)).toBe("Finance manager (2)");
    expect(WORK_TEXT.en.logProblems(1, "Log problems")).toBe("1 log entry to check in “Log problems”.");
    expect(WORK_TEXT.en.showLogProblems(1)).toBe("Show the problem row");
    expect(WORK_TEXT.en.showLogProblems(9)).toBe("Show the 9 problem rows");
    expect(WORK_TEXT.zh.showLogProblems(9)).toBe("显示 9 行有问题的记录");
    expect(WORK_TEXT.zh.more(3, "今日工作")).toBe("另有 3 项，见“今日工作”。");
  });
});
