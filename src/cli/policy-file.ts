/**
 * `--policy policy.json`: the credit policy of a command-line run, in the form the task pane stores in a
 * workbook (only the settings that differ from the defaults, by their names: `{"currency": "USD",
 * "creditTermDays": {"A": 45, "B": 30, "C": 0}}`). Read by the core's readPolicy, so a typo, a wrong type or an
 * inconsistent ladder is refused naming the setting, exactly as the pane refuses it; nothing is guessed.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { policyChanges, readPolicy, RuleError, type Policy } from "../core/index.js";
import { TableFileError } from "./file-error.js";

/** A policy read from a file, with the settings it changes (for the printout). */
export interface PolicyFile {
  readonly policy: Policy;
  /** The file's name as the printout shows it. */
  readonly name: string;
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
    return { policy, name, changed: Object.keys(policyChanges(policy)) as (keyof Policy)[] };
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    throw new TableFileError(`--policy ${name}: ${error.message}`, `--policy ${name}：${error.zh}`);
  }
}

/** The printout's line: which file, and which settings it changes ("policy us.json: currency, creditTermDays"). */
export function policyLine(file: PolicyFile, zh: boolean): string {
  if (file.changed.length === 0) {
    return zh ? `信用政策 ${file.name}：与默认值相同` : `policy ${file.name}: the defaults (no setting differs)`;
  }
  return zh
    ? `信用政策 ${file.name}：${file.changed.length} 项与默认值不同：${file.changed.join("、")}`
    : `policy ${file.name}: ${file.changed.length} setting${file.changed.length === 1 ? "" : "s"} differ${file.changed.length === 1 ? "s" : ""} from the defaults: ${file.changed.join(", ")}`;
}
