// The workbook policy: stored in the workbook's settings, read by every function, followed by a full
// recalculation. Office's Settings and Excel.run are faked as the documented API behaves: values are
// JSON-serialised on saveAsync, and survive a reload of the document only once saved.
import { beforeEach, describe, expect, it } from "vitest";
import { installExcelGlobals } from "../support/excel-globals.js";
import { DEFAULT_POLICY, withOverrides } from "../../src/core/index.js";

installExcelGlobals();
const { grade, settle } = await import("../../src/functions/functions.js");
const store = await import("../../src/office/workbook-policy.js");

/** A restart of the runtime: the policy in force (one slot on the global object) back to the defaults. */
function restartRuntime(): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for("ar-recovery.workbook-policy")] = { policy: DEFAULT_POLICY };
}

/** A workbook's settings: `saved` is what the file holds. */
class FakeSettings {
  saved: Record<string, string> = {};
  private pending: Record<string, unknown> = {};
  failNextSave = false;
  get(name: string): unknown {
    if (this.removed.has(name)) return null;
    return name in this.pending ? this.pending[name] : name in this.saved ? JSON.parse(this.saved[name]) : null;
  }
  private removed = new Set<string>();
  /** As documented: removes from the in-memory copy; the file changes at the next saveAsync. */
  remove(name: string): void {
    delete this.pending[name];
    this.removed.add(name);
  }
  set(name: string, value: unknown): void {
    this.removed.delete(name);
    this.pending[name] = JSON.parse(JSON.stringify(value));
  }
  saveAsync(callback: (r: { status: string; error?: { message: string } }) => void): void {
    if (this.failNextSave) {
      this.failNextSave = false;
      callback({ status: "failed", error: { message: "the file is read-only" } });
      return;
    }
    for (const k of this.removed) delete this.saved[k];
    this.removed.clear();
    for (const [k, v] of Object.entries(this.pending)) this.saved[k] = JSON.stringify(v);
    this.pending = {};
    callback({ status: "succeeded" });
  }
}

let settings: FakeSettings;
let calculations: string[];

beforeEach(() => {
  settings = new FakeSettings();
  calculations = [];
  const g = globalThis as Record<string, unknown>;
  (g.Office as Record<string, unknown>).context = { displayLanguage: "en-US", document: { settings } };
  (g.Office as Record<string, unknown>).AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
  g.Excel = {
    CalculationType: { full: "Full", recalculate: "Recalculate", fullRebuild: "FullRebuild" },
    run: async (batch: (ctx: unknown) => Promise<void>) =>
      batch({ workbook: { application: { calculate: (type: string) => calculations.push(type) } }, sync: async () => undefined }),
  };
  restartRuntime();
});

describe("the workbook policy", () => {
  it("defaults when the workbook has none", () => {
    expect(store.loadWorkbookPolicy()).toEqual({ policy: DEFAULT_POLICY, stored: false });
    expect(grade([[1]], [[60000]], [["good"]])).toEqual([["C"]]);
  });

  it("is stored in the workbook, followed by the functions and a full recalculation", async () => {
    const policy = withOverrides({ smallAmountLimit: 100_000, settlementTiers: [{ days: 15, rate: 0.85 }] });
    await store.saveWorkbookPolicy(policy);
    expect(JSON.parse(settings.saved[store.SETTINGS_KEY])).toEqual({
      smallAmountLimit: 100_000,
      settlementTiers: [{ days: 15, rate: 0.85 }],
    });
    expect(calculations).toEqual(["Full"]);
    expect(grade([[1]], [[60000]], [["good"]])).toEqual([["B"]]);
    expect(settle([[1000000]], [[10]])).toEqual([[850000]]);
    // a per-call argument still wins
    expect(grade([[1]], [[60000]], [["good"]], [[50000]])).toEqual([["C"]]);
  });

  it("travels with the file: a reopened workbook reads it back", async () => {
    await store.saveWorkbookPolicy(withOverrides({ creditTermDays: { A: 45, B: 20, C: 0 } }));
    restartRuntime();
    const reopened = new FakeSettings();
    reopened.saved = { ...settings.saved };
    ((globalThis as Record<string, unknown>).Office as { context: { document: { settings: unknown } } }).context.document.settings =
      reopened;
    const loaded = store.loadWorkbookPolicy();
    expect(loaded.stored).toBe(true);
    expect(loaded.policy.creditTermDays).toEqual({ A: 45, B: 20, C: 0 });
    expect(grade([[0]], [[0]], [["good"]], null as never, [["term"]])).toEqual([[45]]);
  });

  it("stores nothing for the defaults, so the workbook follows later versions' defaults", async () => {
    await store.saveWorkbookPolicy(withOverrides({ smallAmountLimit: 1 }));
    await store.saveWorkbookPolicy(DEFAULT_POLICY);
    expect(settings.saved).toEqual({});
    expect(store.loadWorkbookPolicy().stored).toBe(false);
  });

  it("refuses an inconsistent policy naming the field, storing nothing", async () => {
    await expect(store.saveWorkbookPolicy({ ...DEFAULT_POLICY, agingEdges: [60, 30] })).rejects.toThrow(/^agingEdges: edges must increase/);
    expect(settings.saved).toEqual({});
    expect(calculations).toEqual([]);
    expect(store.workbookPolicy()).toBe(DEFAULT_POLICY);
  });

  it("keeps the old policy in force when the file cannot be saved", async () => {
    settings.failNextSave = true;
    await expect(store.saveWorkbookPolicy(withOverrides({ smallAmountLimit: 1 }))).rejects.toThrow("the file is read-only");
    expect(store.workbookPolicy()).toBe(DEFAULT_POLICY);
  });

  it("does not use a stored policy that is invalid, and says which field", () => {
    settings.saved[store.SETTINGS_KEY] = JSON.stringify({ smallAmountLimit: -3 });
    const loaded = store.loadWorkbookPolicy();
    expect(loaded.policy).toBe(DEFAULT_POLICY);
    expect(loaded.problem?.message).toMatch(/^smallAmountLimit: -3 must be an amount >= 0/);
    settings.saved[store.SETTINGS_KEY] = JSON.stringify({ smallAmountLimt: 5 });
    expect(store.loadWorkbookPolicy().problem?.message).toBe("smallAmountLimt: is not a policy setting");
  });

  it("is one policy for both bundles of the shared runtime", async () => {
    // taskpane.js and functions.js each carry a copy of the store module; the slot is global.
    const slot = (globalThis as unknown as Record<symbol, { policy: unknown }>)[Symbol.for("ar-recovery.workbook-policy")];
    const policy = withOverrides({ smallAmountLimit: 70_000 });
    slot.policy = policy;
    expect(store.workbookPolicy()).toBe(policy);
  });
});
