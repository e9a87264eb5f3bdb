/**
 * The fake Excel.RequestContext: operations queue until `sync()`, which runs them in order, measures the
 * request and the response as JSON, refuses either over the payload limit, and fails where a test asked;
 * and the workbook-level proxies (the workbook, the application, defined names).
 */
import { FakeOfficeError } from "./errors.js";
import { ClientObject, CollectionProxy, type Operation } from "./client-object.js";
import { RangeProxy, WorksheetCollectionProxy } from "./worksheet-proxies.js";
import { TableCollectionProxy } from "./tables-charts.js";
import type { FakeWorkbook } from "./workbook.js";

/** Bytes each operation adds to a request besides its own data. */
const OVERHEAD = 64;

/** The fake Excel.RequestContext: a queue of operations and sync(). */
export class FakeRequestContext {
  readonly workbook: WorkbookProxy;
  private queue: Operation[] = [];

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** @internal */
  enqueue(op: Operation): void {
    this.queue.push(op);
  }

  /** Sends the queued operations: all of them run in order, or the sync rejects with an Office error. */
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const book = this.book;
    if (book.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, book.latencyMs));
    else await Promise.resolve();
    const started = performance.now();
    const number = book.syncs.length + 1;
    let requestBytes = 2;
    let cellsWritten = 0;
    for (const op of ops) {
      requestBytes += op.requestBytes + OVERHEAD;
      cellsWritten += op.cells ?? 0;
    }
    const result = { responseBytes: 2, cellsRead: 0 };
    const record = (failed?: string) =>
      book.syncs.push({
        operations: ops.length,
        requestBytes,
        responseBytes: result.responseBytes,
        cellsWritten,
        cellsRead: result.cellsRead,
        failed,
        elapsedMs: performance.now() - started,
      });
    if (requestBytes > book.payloadLimit) {
      record("RequestPayloadSizeLimitExceeded");
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${requestBytes} bytes > ${book.payloadLimit}).`,
      );
    }
    const failure = book.syncFailure(number);
    const failAt = failure === undefined ? -1 : Math.min(ops.length, failure.afterOperations ?? Math.floor(ops.length / 2));
    const commits: (() => void)[] = [];
    for (let i = 0; i < ops.length; i++) {
      if (i === failAt && failure) {
        record(failure.code);
        throw new FakeOfficeError(
          failure.code,
          `An internal error has occurred (injected at sync ${number}, after ${i} of ${ops.length} operations).`,
        );
      }
      const op = ops[i];
      try {
        const planned = book.operationFailure(op.name);
        if (planned !== null) throw new FakeOfficeError(planned, `${op.name} was refused (injected).`, op.name);
        const commit = op.run(result);
        if (commit) commits.push(commit);
      } catch (error) {
        const e = error instanceof FakeOfficeError ? error : new FakeOfficeError("GeneralException", String(error), op.name);
        record(e.code);
        throw e;
      }
    }
    if (failAt === ops.length && failure) {
      record(failure.code);
      throw new FakeOfficeError(failure.code, `An internal error has occurred (injected at sync ${number}, after all operations).`);
    }
    if (result.responseBytes > book.payloadLimit) {
      record("ResponsePayloadSizeLimitExceeded");
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${result.responseBytes} bytes > ${book.payloadLimit}).`,
      );
    }
    record();
    for (const commit of commits) commit();
  }
}

class WorkbookProxy extends ClientObject<FakeWorkbook> {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly application: ApplicationProxy;

  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.book, "Workbook");
    this.application = new ApplicationProxy(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, () => ({ book: ctx.book, sheet: null }), "TableCollection");
    this.names = new NamedItemCollectionProxy(ctx);
  }

  /** The selected range; a selection of several areas makes the sync fail (InvalidSelection), as in Excel. */
  getSelectedRange(): RangeProxy {
    const book = this.ctx.book;
    return new RangeProxy(this.ctx, () => {
      const sel = book.selection;
      if (!sel) throw new FakeOfficeError("InvalidSelection", "Nothing is selected.");
      if (sel.rects.length > 1)
        throw new FakeOfficeError("InvalidSelection", "The current selection is invalid for this operation (several areas are selected).");
      return { sheet: sel.sheet, rect: sel.rects[0] };
    });
  }

  /** Whether the workbook uses the 1904 date system (ExcelApi 1.16; load it first). */
  get use1904DateSystem(): boolean {
    return this.read("use1904DateSystem") as boolean;
  }

  protected override snapshot(prop: string, target: FakeWorkbook, result: { responseBytes: number; cellsRead: number }): unknown {
    if (prop === "use1904DateSystem") return target.use1904DateSystem;
    return super.snapshot(prop, target, result);
  }
}

/** The application: only calculate(), recorded in FakeWorkbook.calculations. */
class ApplicationProxy extends ClientObject<FakeWorkbook> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.book, "Application");
  }

  calculate(calculationType: string): void {
    this.call("calculate", [calculationType], (book) => void book.calculations.push(calculationType));
  }
}

class NamedItemCollectionProxy extends CollectionProxy<string, ClientObject<string>> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, () => ctx.book.names, "NamedItemCollection");
  }

  protected itemProxy(item: string): ClientObject<string> {
    return new NamedItemProxy(this.ctx, () => item);
  }

  protected itemProps(item: string, props: readonly string[]): Map<string, unknown> {
    return new Map(props.map((p) => [p, p === "name" ? item : null]));
  }
}

class NamedItemProxy extends ClientObject<string> {
  constructor(ctx: FakeRequestContext, resolver: () => string) {
    super(ctx, resolver, "NamedItem");
  }

  get name(): string {
    return this.read("name") as string;
  }
}
