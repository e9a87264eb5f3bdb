/**
 * The workbook's policy: stored in the workbook's add-in settings (so it travels with the file), read by
 * every AR function, edited in the task pane, and followed by a recalculation when it changes.
 *
 * In the shared runtime the functions (functions.js) and the task pane (taskpane.js) are two bundles in
 * one page, each with its own copy of this module; the policy in force therefore lives in one slot on the
 * runtime's global object (Symbol.for("ar-recovery.workbook-policy")), which both copies read and write.
 */
import { DEFAULT_POLICY, policyChanges, readPolicy, RuleError, validatePolicy, type Policy } from "../core/index.js";

/** The key of the policy in the workbook's settings (Office.context.document.settings). */
export const SETTINGS_KEY = "ar.policy";

/**
 * The add-in's id, manifest.xml's <Id>: a saved workbook keeps the settings under it (its web extension part),
 * where the command line finds the policy of a workbook the pane edited (test/manifest.test.ts checks it).
 */
export const ADDIN_ID = "e650684d-6dee-469f-9830-a7206707e635";

const SLOT = Symbol.for("ar-recovery.workbook-policy");
interface Slot {
  policy: Policy;
}

function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  let s = g[SLOT];
  if (!s) g[SLOT] = s = { policy: DEFAULT_POLICY };
  return s;
}

/** The policy every AR function reads now. */
export function workbookPolicy(): Policy {
  return slot().policy;
}

/** What loading found: the policy in force, and the stored policy's problem if it had one. */
export interface LoadedPolicy {
  readonly policy: Policy;
  readonly stored: boolean;
  readonly problem?: RuleError;
}

function settings(): Office.Settings | undefined {
  return typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
}

/**
 * Reads the policy stored in the workbook and puts it in force. A workbook without one uses the
 * defaults. A stored policy that is invalid (edited by hand, or written by a newer version) is not used:
 * the defaults apply and `problem` names the bad field, for the task pane to show.
 */
export function loadWorkbookPolicy(): LoadedPolicy {
  const stored = settings()?.get(SETTINGS_KEY) as unknown;
  if (stored === null || stored === undefined) {
    slot().policy = DEFAULT_POLICY;
    return { policy: DEFAULT_POLICY, stored: false };
  }
  try {
    const policy = readPolicy(stored);
    slot().policy = policy;
    return { policy, stored: true };
  } catch (error) {
    slot().policy = DEFAULT_POLICY;
    if (error instanceof RuleError) return { policy: DEFAULT_POLICY, stored: true, problem: error };
    throw error;
  }
}

/**
 * Validates a policy, stores it in the workbook (only the fields that differ from the defaults), puts
 * it in force and recalculates the workbook so every AR formula follows it. An inconsistent policy is
 * refused with a RuleError naming the field, and nothing is stored.
 */
export async function saveWorkbookPolicy(policy: Policy): Promise<void> {
  validatePolicy(policy);
  const s = settings();
  if (!s) throw new Error("no workbook settings: Office is not ready");
  const changes = policyChanges(policy);
  // A workbook on the defaults stores nothing, so it follows the defaults of later versions too.
  if (Object.keys(changes).length === 0) s.remove(SETTINGS_KEY);
  else s.set(SETTINGS_KEY, changes);
  await new Promise<void>((resolve, reject) =>
    s.saveAsync((result) =>
      result.status === Office.AsyncResultStatus.Succeeded
        ? resolve()
        : reject(new Error(result.error?.message ?? "saving the settings failed")),
    ),
  );
  slot().policy = policy;
  await recalculateWorkbook();
}

/** Recalculates every formula of the workbook (custom functions are not volatile, so they need a full pass). */
export async function recalculateWorkbook(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}
