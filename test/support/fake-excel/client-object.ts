/**
 * The base of every proxy: Office's load/sync contract (a property is readable only after `load()` and a
 * sync, else PropertyNotLoaded; a change is queued and shown at once), and live collections. The proxy files
 * import one another (a range gives its worksheet, a worksheet its tables); this base imports none of them, so
 * every proxy class can extend it whichever file loads first.
 */
import { jsonByteLength } from "../../../src/excel-io/index.js";
import { FakeOfficeError, invalidArgument, notFound } from "./errors.js";
import type { FakeRequestContext } from "./request-context.js";

/** One queued operation: what it sends, and what it does when the sync runs it. */
export interface Operation {
  readonly name: string;
  readonly requestBytes: number;
  readonly cells?: number;
  /** Runs the operation; for a load, returns what to hand to the proxy once the whole sync succeeded. */
  run(result: { responseBytes: number; cellsRead: number }): (() => void) | void;
}

export type LoadOption = string | string[] | { select?: string | string[] } | undefined;

export function loadProps(option: LoadOption, defaults: readonly string[]): string[] {
  if (option === undefined) return [...defaults];
  if (typeof option === "string")
    return option
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  if (Array.isArray(option)) return option;
  return loadProps(option.select, defaults);
}

/** The base of every proxy: resolves its target when a sync runs, holds what was loaded. */
export abstract class ClientObject<T> {
  /** @internal What the last syncs loaded (and what was set since). */
  readonly loaded = new Map<string, unknown>();
  private target: T | null | undefined;

  constructor(
    protected readonly ctx: FakeRequestContext,
    protected readonly resolver: () => T | null,
    protected readonly kind: string,
  ) {}

  get context(): FakeRequestContext {
    return this.ctx;
  }

  /** @internal The object this proxy stands for, resolved once, when a sync first needs it. */
  resolveOrNull(): T | null {
    if (this.target === undefined) this.target = this.resolver();
    if (this.target !== null && this.isGone(this.target)) throw notFound(this.kind);
    return this.target;
  }

  /** @internal */
  resolve(): T {
    const target = this.resolveOrNull();
    if (target === null) throw notFound(this.kind);
    return target;
  }

  protected isGone(target: T): boolean {
    void target;
    return false;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject") as boolean;
  }

  /** Queues a load of properties; they can be read after the next sync. */
  load(option?: LoadOption): this {
    const props = loadProps(option, this.defaultProps());
    this.ctx.enqueue({
      name: `${this.kind}.load`,
      requestBytes: jsonByteLength(props),
      run: (result) => {
        const target = this.resolveOrNull();
        const data = new Map<string, unknown>([["isNullObject", target === null]]);
        if (target !== null) for (const p of props) data.set(p, this.snapshot(p, target, result));
        let bytes = 2;
        for (const [k, v] of data) bytes += k.length + 4 + jsonByteLength(v);
        result.responseBytes += bytes;
        return () => {
          for (const [k, v] of data) this.loaded.set(k, v);
        };
      },
    });
    return this;
  }

  protected defaultProps(): readonly string[] {
    return [];
  }

  /** The value of a property when the sync runs (what the response carries). */
  protected snapshot(prop: string, target: T, result: { responseBytes: number; cellsRead: number }): unknown {
    void target;
    void result;
    throw invalidArgument(`the fake ${this.kind} cannot load "${prop}"`);
  }

  /** A loaded property, or Office's PropertyNotLoaded error. */
  protected read(prop: string): unknown {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        `${this.kind}.${prop}`,
      );
    }
    return this.loaded.get(prop);
  }

  /** Queues a property change; the proxy shows the new value at once, as Office's do. */
  protected write(prop: string, value: unknown, apply: (target: T) => void, cells = 0): void {
    this.loaded.set(prop, value);
    this.ctx.enqueue({ name: `${this.kind}.${prop}`, requestBytes: jsonByteLength(value), cells, run: () => apply(this.resolve()) });
  }

  /** Queues a method call that changes the workbook. */
  protected call(method: string, args: unknown, apply: (target: T) => void): void {
    this.ctx.enqueue({ name: `${this.kind}.${method}`, requestBytes: jsonByteLength(args), run: () => apply(this.resolve()) });
  }
}

export abstract class CollectionProxy<T, P extends ClientObject<T>> extends ClientObject<T[]> {
  private itemProxies: P[] | null = null;

  /** A collection is live: each load sees the items as they are then. */
  override resolveOrNull(): T[] {
    return this.resolver() ?? [];
  }

  get items(): P[] {
    this.read("items");
    return this.itemProxies ?? [];
  }

  protected abstract itemProxy(item: T): P;
  protected abstract itemProps(item: T, props: readonly string[]): Map<string, unknown>;

  override load(option?: LoadOption): this {
    const props = loadProps(option, ["items/name"])
      .map((p) => p.replace(/^items\//, ""))
      .filter((p) => p !== "items");
    this.ctx.enqueue({
      name: `${this.kind}.load`,
      requestBytes: jsonByteLength(props),
      run: (result) => {
        const items = this.resolve();
        const data = items.map((item) => this.itemProps(item, props.length > 0 ? props : ["name"]));
        for (const d of data) for (const [k, v] of d) result.responseBytes += k.length + 4 + jsonByteLength(v);
        return () => {
          this.loaded.set("items", true);
          this.itemProxies = items.map((item, i) => {
            const proxy = this.itemProxy(item);
            for (const [k, v] of data[i]) proxy.loaded.set(k, v);
            return proxy;
          });
        };
      },
    });
    return this;
  }
}
