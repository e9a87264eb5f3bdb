/**
 * `--policy policy.json`: the credit policy of a command-line run, in the form the task pane stores in a
 * workbook (only the settings that differ from the defaults, by their names: `{"currency": "USD",
 * "creditTermDays": {"A": 45, "B": 30, "C": 0}}`). Read by the core's readPolicy, so a typo, a wrong type or an
 * inconsistent ladder is refused naming the setting, exactly as the pane refuses it; nothing is guessed.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { policyChanges, readPolicy, RuleError, type Policy } from "../core/index.js";
import { ADDIN_ID, SETTINGS_KEY } from "../office/workbook-policy.js";
import { TableFileError } from "./file-error.js";
import type { Table } from "./table-io.js";

/** A policy read from a file, with the settings it changes (for the printout). */
export interface PolicyFile {
  readonly policy: Policy;
  /** The file's name as the printout shows it. */
  readonly name: string;
  /** Where it came from: `--policy`'s file, or the settings the pane stored in the portfolio's workbook. */
  readonly from: "file" | "workbook";
  /** The settings that differ from the defaults, in the policy's order. */
  readonly changed: readonly (keyof Policy)[];
}

/**
 * Reads `--policy`'s file: UTF-8 JSON (a byte-order mark allowed) of policy settings.
 * @throws TableFileError (en + zh) for a missing or unreadable file, text that is not JSON, or a setting the
 *   policy refuses (named, with the reason)
 */
export async function readPolicyFile(path: string, openError: (error: unknown, file: string) => Error | null): Promise<PolicyFile> {
  const name = basename(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw openError(error, path) ?? error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TableFileError(
      `--policy ${name} is not JSON (${reason}): write the settings as {"currency": "USD", "creditTermDays": {"A": 45, "B": 30, "C": 0}}`,
      `--policy ${name} 不是 JSON（${reason}）：请写成 {"currency": "USD", "creditTermDays": {"A": 45, "B": 30, "C": 0}}`,
    );
  }
  try {
    const policy = readPolicy(value);
    return { policy, name, from: "file", changed: Object.keys(policyChanges(policy)) as (keyof Policy)[] };
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    throw new TableFileError(`--policy ${name}: ${error.message}`, `--policy ${name}：${error.zh}`);
  }
}

/**
 * The policy the task pane stored in the portfolio's workbook (its add-in settings, key `ar.policy`, read
 * with the sheet: Table.addins), so that the command line triages a workbook by the same policy its AR
 * formulas use. Null when the table is not from a workbook or the workbook holds none; `refused` with the
 * reason (en + zh) when the stored policy does not read (edited by hand, or written by a newer version): the
 * pane does not use it either, and the defaults apply.
 */
export function storedPolicy(table: Pick<Table, "source" | "addins">): PolicyFile | { readonly refused: RuleError } | null {
  const id = (text: string) => text.replace(/[{}]/g, "").trim().toLowerCase();
  const stored = table.addins?.find((a) => id(a.reference) === ADDIN_ID)?.properties.get(SETTINGS_KEY);
  if (stored === undefined) return null;
  try {
    const policy = readPolicy(JSON.parse(stored) as unknown);
    return { policy, name: basename(table.source), from: "workbook", changed: Object.keys(policyChanges(policy)) as (keyof Policy)[] };
  } catch (error) {
    if (error instanceof RuleError) return { refused: error };
    if (error instanceof SyntaxError) return { refused: new RuleError("policy", "is not JSON", "不是 JSON") };
    throw error;
  }
}

/** The printout's line: which policy, and which settings it changes ("policy us.json: 2 settings differ ...: currency, creditTermDays"). */
export function policyLine(file: PolicyFile, zh: boolean): string {
  const whose =
    file.from === "workbook" ? (zh ? `工作簿 ${file.name} 中保存的信用政策` : `policy stored in the workbook ${file.name}`) : null;
  const head = whose ?? (zh ? `信用政策 ${file.name}` : `policy ${file.name}`);
  if (file.changed.length === 0) return zh ? `${head}：与默认值相同` : `${head}: the defaults (no setting differs)`;
  const n = file.changed.length;
  return zh
    ? `${head}：${n} 项与默认值不同：${file.changed.join("、")}`
    : `${head}: ${n} setting${n === 1 ? "" : "s"} differ${n === 1 ? "s" : ""} from the defaults: ${file.changed.join(", ")}`;
}

/** The line for a stored policy that does not read: not used, the defaults apply (as in the pane). */
export function refusedPolicyLine(name: string, refused: RuleError, zh: boolean): string {
  return zh
    ? `工作簿 ${name} 中保存的信用政策无法使用（${refused.zh}），按默认值分诊`
    : `the policy stored in the workbook ${name} is not used (${refused.message}): the defaults apply`;
}
