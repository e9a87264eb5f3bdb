// The pane's triage run without React or a browser: the worker's computation and protocol, and the
// orchestration (locate -> read -> worker -> write) with its phases, progress, cancel and errors, on a
// stand-in Excel that records what it was asked.
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_POLICY, recogniseColumns, RuleError, serialFromCivil, validatePolicy } from "../../src/core/index.js";
import { triageColumns } from "../../src/result/index.js";
import type { ChunkOptions, PortfolioLocation, PortfolioSource, TriageSheetData, WriteReport } from "../../src/excel-io/types.js";
import {
  computeTriage,
  workerHandler,
  type PaneMessage,
  type TriageRequest,
  type WorkerMessage,
} from "../../src/taskpane/triage-compute.js";
import {
  errorText,
  inspectPortfolio,
  isAbortError,
  overallProgress,
  runTriage,
  StaleColumnsError,
  throttleProgress,
  triageInWorker,
  TriageWorkerError,
  type RunProgress,
} from "../../src/taskpane/triage-run.js";
import type { ExcelIo } from "../../src/office/excel-io.js";
import { TEXT } from "../../src/taskpane/texts.js";
import { InProcessWorker, samplePortfolio } from "./support.js";

const asOf = serialFromCivil(2025, 7, 31);
const sample = samplePortfolio();
const mapping = recogniseColumns(sample.headers).mapping;

function request(overrides: Partial<TriageRequest> = {}): TriageRequest {
  return {
    type: "triage",
    rows: sample.rows,
    mapping,
    asOf,
    policy: DEFAULT_POLICY,
    language: "en",
    firstRowNumber: 2,
    chunkRows: 4,
    ...overrides,
  };
}

/** A stand-in for Excel and src/excel-io: one sheet holding the sample, reads and writes in chunks. */
class StandInExcel implements ExcelIo {
  readonly calls: string[] = [];
  written: TriageSheetData | null = null;
  headers = sample.headers;
  runs = 0;
  constructor(private readonly rows: unknown[][] = sample.rows) {}

  location(): PortfolioLocation {
    return {
      sheetName: "Debtors",
      address: `Debtors!A1:W${this.rows.length + 1}`,
      headerRow: 1,
      firstColumn: 0,
      headers: this.headers,
      rowCount: this.rows.length,
      columnCount: this.headers.length,
    };
  }
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.runs++;
    return batch({} as Excel.RequestContext);
  }
  async locate(_: Excel.RequestContext, source: PortfolioSource): Promise<PortfolioLocation> {
    this.calls.push(`locate ${source.kind}`);
    return this.location();
  }
  async read(_: Excel.RequestContext, location: PortfolioLocation, options: ChunkOptions) {
    this.calls.push(`read ${location.address}`);
    const size = options.chunkRows ?? 5;
    for (let done = 0; done < this.rows.length; done += size) {
      await Promise.resolve();
      if (options.signal?.aborted) throw Object.assign(new Error("stopped"), { name: "AbortError" });
      options.onProgress?.(Math.min(this.rows.length, done + size), this.rows.length);
    }
    return { rows: this.rows, report: { syncs: 1, chunks: 1, maxRequestBytes: 1, totalBytes: 1 } };
  }
  async write(_: Excel.RequestContext, data: TriageSheetData, options: ChunkOptions): Promise<WriteReport> {
    this.calls.push(`write ${data.rows.length}`);
    const size = options.chunkRows ?? 5;
    for (let done = 0; done < data.rows.length; done += size) {
      await Promise.resolve();
      if (options.signal?.aborted) throw Object.assign(new Error("stopped"), { name: "AbortError" });
      options.onProgress?.(Math.min(data.rows.length, done + size), data.rows.length);
    }
    this.written = data;
    return {
      resultSheet: "Triage",
      summarySheet: "Triage summary",
      tableName: "Triage1",
      rows: data.rows.length,
      syncs: 1,
      chunks: 1,
      maxRequestBytes: 1,
      totalBytes: 1,
    };
  }
}

describe("the triage worker's computation", () => {
  it("posts triaged, the cells in order in chunks, then done with the summary", () => {
    const messages: WorkerMessage[] = [];
    computeTriage(request(), (m) => messages.push(m));
    expect(messages.map((m) => m.type)).toEqual(["triaged", "chunk", "chunk", "chunk", "chunk", "done"]);
    const triaged = messages[0] as Extract<WorkerMessage, { type: "triaged" }>;
    expect(triaged.headers).toEqual(triageColumns(DEFAULT_POLICY).map((c) => c.en));
    expect(triaged.columnKeys).toEqual(triageColumns(DEFAULT_POLICY).map((c) => c.key));
    const chunks = messages.filter((m): m is Extract<WorkerMessage, { type: "chunk" }> => m.type === "chunk");
    expect(chunks.map((c) => c.from)).toEqual([0, 4, 8, 12]);
    const rows = chunks.flatMap((c) => c.rows);
    expect(rows.map((r) => r[0])).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const levels = chunks.flatMap((c) => c.levels);
    expect(levels).toHaveLength(15);
    // a level as the row's level cell shows it; none for a row with a problem (no colour) nor for the blank row
    expect(levels[9]).toBeNull(); // Summit Foods: balance "abc", due 2025-06-30: only its problem
    expect(levels[12]).toBeNull();
    expect(levels[13]).toBeNull(); // Orion Components: no due date
    expect(levels[2]).toBe(2); // Jiancai: 2025-05-15, 77 days past due on 2025-07-31
    const done = messages[5] as Extract<WorkerMessage, { type: "done" }>;
    expect(done.summary).toMatchObject({ rows: 15, ok: 10, problem: 4, blank: 1, amount: 5_400_000 }); // the duplicate (12,000) is not triaged
    expect(done.records).toBe(15);
  });

  it("for a list of open items posts the customer rows, then the item rows in chunks, and the reconciliation with done", () => {
    // Customer, document, due date (two forms), open amount; a credit note, a total row; as of 2025-07-31.
    const rows = [
      ["Acme", "INV-1", "2025-06-30", "1,000.50"],
      ["Acme", "CN-1", "7/10/2025", "-200.00"],
      ["Beta", "INV-2", "2025-08-15", 500],
      ["Beta", "INV-3", "7/30/2025", 99.5],
      ["Total", "", "", "1,400.00"],
    ];
    const messages: WorkerMessage[] = [];
    const items = { customer: 0, document: 1, dueDate: 2, balance: 3 };
    computeTriage(request({ rows, mapping: items, headers: ["Customer", "Num", "Due", "Open"], chunkRows: 2 }), (m) => messages.push(m));
    expect(messages.map((m) => m.type)).toEqual(["triaged", "chunk", "items", "items", "items", "done"]);
    const triaged = messages[0] as Extract<WorkerMessage, { type: "triaged" }>;
    expect(triaged.records).toBe(2);
    expect(triaged.columnKeys).toContain("openItems");
    expect(triaged.items).toMatchObject({ rows: 5 });
    const itemRows = messages.filter((m): m is Extract<WorkerMessage, { type: "items" }> => m.type === "items");
    expect(itemRows.map((m) => m.from)).toEqual([0, 2, 4]);
    expect(itemRows.flatMap((m) => m.rows).map((r) => r[0])).toEqual([2, 3, 4, 5, 6]);
    const done = messages[5] as Extract<WorkerMessage, { type: "done" }>;
    expect(done.ledger?.counts).toEqual({ rows: 5, items: 4, rolledUp: 4, history: 0, problem: 0, skipped: 1, blank: 0, customers: 2 });
    // 1,000.50 - 200 + 500 + 99.50 = 1,400.00, as the export's total says
    expect(done.ledger?.reconciliation).toMatchObject({ itemsTotal: 1400, customersTotal: 1400, agrees: true });
    expect(done.ledger?.lines).toEqual([
      "item list: 5 rows = 4 items (4 rolled up into 2 customers, 0 paid by the as-of date, 0 with problems) + 1 heading/subtotal/total rows + 0 blank",
      'dates: month first (7/31/2025), decided from dates such as "7/30/2025"',
      'amounts: decimal point (1,500.50), decided from amounts such as "1,000.50", "-200.00", "1,400.00"',
      "reconciliation: open items 1,400 = customer balances 1,400",
      "the export's own total (row 6) 1,400 equals the sum of its items",
    ]);
    expect(done.summary).toMatchObject({ rows: 2, amount: 1400 });
  });

  it("writes the cells in Chinese for a Chinese pane", () => {
    const messages: WorkerMessage[] = [];
    computeTriage(request({ language: "zh" }), (m) => messages.push(m));
    expect((messages[0] as Extract<WorkerMessage, { type: "triaged" }>).headers[0]).toBe("源行号");
    const first = (messages[1] as Extract<WorkerMessage, { type: "chunk" }>).rows[0];
    expect(first[3]).toBe("正常");
  });

  it("follows the workbook's policy (its settlement tiers make the columns)", () => {
    const policy = validatePolicy({
      ...DEFAULT_POLICY,
      settlementTiers: [
        { days: 7, rate: 0.85 },
        { days: 14, rate: 0.9 },
        { days: 30, rate: 0.97 },
      ],
    });
    const messages: WorkerMessage[] = [];
    computeTriage(request({ policy }), (m) => messages.push(m));
    const headers = (messages[0] as Extract<WorkerMessage, { type: "triaged" }>).headers;
    expect(headers).toContain("pay within 7 days (85%)");
    expect(headers).toContain("full balance (after 30 days)");
  });

  it("answers an unknown message with an error", () => {
    const messages: WorkerMessage[] = [];
    workerHandler((m) => messages.push(m))({ type: "bogus" } as unknown as PaneMessage);
    expect(messages).toEqual([{ type: "error", en: "unknown message bogus", zh: "unknown message bogus" }]);
  });

  it("reports a refused run in both languages instead of throwing", () => {
    const messages: WorkerMessage[] = [];
    computeTriage(request({ asOf: 60 }), (m) => messages.push(m));
    expect(messages).toEqual([
      { type: "error", en: expect.stringMatching(/^as_of: serial 60/), zh: expect.stringMatching(/^as_of：序号 60/) },
    ]);
  });
});

describe("triageInWorker", () => {
  it("collects the chunks with progress and terminates the worker", async () => {
    const worker = new InProcessWorker();
    const progress: [number, number][] = [];
    const result = await triageInWorker(() => worker, request(), { onProgress: (d, t) => progress.push([d, t]) });
    expect(result.rows).toHaveLength(15);
    expect(result.rows[14][1]).toBe("Meridian Tools");
    expect(progress).toEqual([
      [0, 15],
      [4, 15],
      [8, 15],
      [12, 15],
      [15, 15],
    ]);
    expect(worker.terminated).toBe(true);
  });

  it("sends a large portfolio in slices, one per task, and gets the same result", async () => {
    const whole = await triageInWorker(() => new InProcessWorker(), request());
    const worker = new InProcessWorker();
    const sliced = await triageInWorker(() => worker, request(), { rowsPerMessage: 4 });
    expect(worker.received.map((m) => `${m.type} ${m.rows.length}`)).toEqual(["rows 4", "rows 4", "rows 4", "rows 3", "triage 0"]);
    expect(sliced.rows).toEqual(whole.rows);
    expect(sliced.summary).toEqual(whole.summary);
  });

  it("stops at once when cancelled: the worker is terminated and the promise rejects with an AbortError", async () => {
    const controller = new AbortController();
    const worker = new InProcessWorker((m) => m.type === "chunk" && m.from === 4 && controller.abort());
    const error = await triageInWorker(() => worker, request(), { signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(worker.terminated).toBe(true);
    expect(worker.delivered.map((m) => m.type)).toEqual(["triaged", "chunk"]);
  });

  it("passes on the worker's error, and a worker that fails to load", async () => {
    const refused = await triageInWorker(() => new InProcessWorker(), request({ mapping: { customer: 0 } })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TriageWorkerError);
    expect((refused as TriageWorkerError).text("zh")).toMatch(/缺少余额、到期日列/);
    const broken = new InProcessWorker();
    broken.postMessage = () => setTimeout(() => broken.onerror?.({}), 0);
    const failed = await triageInWorker(() => broken, request()).catch((e: unknown) => e);
    expect((failed as Error).message).toBe("the triage worker failed to start");
    expect(broken.terminated).toBe(true);
  });
});

describe("runTriage", () => {
  const input = (excel: StandInExcel, source: PortfolioSource = { kind: "selection" }) => ({
    source,
    location: excel.location(),
    mapping,
    asOf,
    policy: DEFAULT_POLICY,
    language: "en" as const,
  });

  it("reads, triages in the worker and writes, phase after phase, with progress that only grows", async () => {
    const excel = new StandInExcel();
    const progress: RunProgress[] = [];
    const result = await runTriage(excel, () => new InProcessWorker(), input(excel), {
      onProgress: (p) => progress.push(p),
      excelChunkRows: 5,
      workerChunkRows: 6,
    });
    expect(excel.calls).toEqual(["read Debtors!A1:W16", "write 15"]);
    expect([...new Set(progress.map((p) => p.phase))]).toEqual(["locate", "read", "triage", "write"]);
    const overall = progress.map(overallProgress);
    for (let i = 1; i < overall.length; i++) expect(overall[i]).toBeGreaterThanOrEqual(overall[i - 1]);
    expect(overall.at(-1)).toBe(1);
    const data = excel.written!;
    expect(data.rows.map((r) => r[0])).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(data.headers[0]).toBe("source row");
    expect(data.columnKeys?.[2]).toBe("balance");
    expect(data.levels).toHaveLength(15);
    expect(data.asOf).toBe(asOf);
    expect(data.source.address).toBe("Debtors!A1:W16");
    expect(result.summary.ok).toBe(10);
    expect(result.write.resultSheet).toBe("Triage");
  });

  it("numbers rows from the sheet row under the header", async () => {
    const excel = new StandInExcel();
    const location = { ...excel.location(), headerRow: 7 };
    await runTriage(excel, () => new InProcessWorker(), { ...input(excel), location });
    expect(excel.written!.rows[0][0]).toBe(8);
  });

  it("locates a table again, and refuses to run when its headers changed since the columns were found", async () => {
    const excel = new StandInExcel();
    const found = await inspectPortfolio(excel, { kind: "table", name: "Debtors" });
    expect(found.recognition.mapping).toEqual(mapping);
    await runTriage(excel, () => new InProcessWorker(), { ...input(excel, { kind: "table", name: "Debtors" }), location: found.location });
    expect(excel.calls).toEqual(["locate table", "locate table", "read Debtors!A1:W16", "write 15"]);
    excel.headers = ["Customer", "Balance", "Due"];
    const error = await runTriage(excel, () => new InProcessWorker(), {
      ...input(excel, { kind: "table", name: "Debtors" }),
      location: found.location,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleColumnsError);
    expect(errorText(error, "zh", TEXT.zh)).toBe(TEXT.zh.staleColumns);
  });

  it("refuses a mapping without the required columns before touching Excel", async () => {
    const excel = new StandInExcel();
    const error = await runTriage(excel, () => new InProcessWorker(), { ...input(excel), mapping: { customer: 0, balance: 1 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RuleError);
    expect(errorText(error, "en", TEXT.en)).toMatch(/no column for due date/);
    expect(excel.runs).toBe(0);
  });

  it.each(["read", "triage", "write"] as const)(
    "cancelled while it %ss: nothing is written, the worker is gone, AbortError",
    async (phase) => {
      const excel = new StandInExcel();
      const controller = new AbortController();
      const workers: InProcessWorker[] = [];
      const error = await runTriage(
        excel,
        () => {
          const w = new InProcessWorker();
          workers.push(w);
          return w;
        },
        input(excel),
        {
          signal: controller.signal,
          excelChunkRows: 5,
          workerChunkRows: 5,
          onProgress: (p) => p.phase === phase && p.done > 0 && controller.abort(),
        },
      ).catch((e: unknown) => e);
      expect(isAbortError(error)).toBe(true);
      expect(excel.written).toBeNull();
      expect(workers.every((w) => w.terminated)).toBe(true);
      expect(workers).toHaveLength(phase === "read" ? 0 : 1);
    },
  );

  it("explains errors in the pane's language", () => {
    expect(errorText(new TriageWorkerError("bad", "坏"), "zh", TEXT.zh)).toBe("坏");
    expect(errorText({ text: (l: string) => (l === "zh" ? "中文" : "English") }, "zh", TEXT.zh)).toBe("中文");
    expect(errorText(new Error("plain"), "zh", TEXT.zh)).toBe("plain");
    expect(errorText("text", "en", TEXT.en)).toBe("text");
  });
});

describe("throttleProgress", () => {
  it("passes the first and last report of each phase at once, at most one per interval in between, and the latest held one later", () => {
    vi.useFakeTimers();
    try {
      const seen: string[] = [];
      const { report, cancel } = throttleProgress(
        (p) => seen.push(`${p.phase} ${p.done}/${p.total}`),
        100,
        () => Date.now(),
      );
      report({ phase: "read", done: 0, total: 30 });
      report({ phase: "read", done: 10, total: 30 }); // held
      vi.advanceTimersByTime(50);
      report({ phase: "read", done: 20, total: 30 }); // replaces the held one
      expect(seen).toEqual(["read 0/30"]);
      vi.advanceTimersByTime(50);
      expect(seen).toEqual(["read 0/30", "read 20/30"]);
      report({ phase: "read", done: 30, total: 30 }); // finished: at once
      report({ phase: "triage", done: 0, total: 30 }); // new phase: at once
      report({ phase: "triage", done: 5, total: 30 }); // held, then dropped
      cancel();
      vi.advanceTimersByTime(200);
      expect(seen).toEqual(["read 0/30", "read 20/30", "read 30/30", "triage 0/30"]);
    } finally {
      vi.useRealTimers();
    }
  });
});
