// Test doubles for the pane's run: an in-process worker that behaves like a Web Worker (messages cloned
// and delivered one per task, nothing after terminate) and the sample portfolio's cells.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { workerHandler, type PaneMessage, type WorkerMessage } from "../../src/taskpane/triage-compute.js";
import type { WorkerLike } from "../../src/taskpane/triage-run.js";

/** A worker running triage-compute.ts in this process (workerHandler, as triage.worker.ts), delivering asynchronously. */
export class InProcessWorker implements WorkerLike {
  onmessage: ((event: { readonly data: WorkerMessage }) => void) | null = null;
  onerror: ((event: { readonly message?: string }) => void) | null = null;
  terminated = false;
  /** Messages delivered so far. */
  readonly delivered: WorkerMessage[] = [];
  /** Messages received from the pane. */
  readonly received: PaneMessage[] = [];
  private readonly queue: WorkerMessage[] = [];
  // structuredClone both ways: what cannot cross postMessage fails here as it would in a browser.
  private readonly handle = workerHandler((m) => this.queue.push(structuredClone(m)));

  /** @param beforeDelivery called before each message is delivered (a test may cancel there) */
  constructor(private readonly beforeDelivery?: (message: WorkerMessage) => void) {}

  postMessage(message: PaneMessage): void {
    if (this.terminated) return;
    this.received.push(message);
    const before = this.queue.length;
    this.handle(structuredClone(message));
    if (before > 0 || this.queue.length === 0) return; // already delivering, or nothing to deliver
    const next = () => {
      if (this.terminated) return;
      const message = this.queue.shift();
      if (message === undefined) return;
      this.beforeDelivery?.(message);
      if (this.terminated) return;
      this.delivered.push(message);
      this.onmessage?.({ data: message });
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** samples/portfolio.csv as headers and rows of cells (plain CSV: no quoted fields in it). */
export function samplePortfolio(): { headers: string[]; rows: string[][] } {
  const lines = readFileSync(join(__dirname, "../../samples/portfolio.csv"), "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l, i, all) => l !== "" || i < all.length - 1);
  const [head, ...rest] = lines.map((l) => l.split(","));
  if (lines.some((l) => l.includes('"'))) throw new Error("samples/portfolio.csv has quoted fields: use a CSV reader");
  return { headers: head, rows: rest };
}
