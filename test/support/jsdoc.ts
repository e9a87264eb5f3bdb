/**
 * The Excel signature of every AR function as custom-functions-metadata reads it: the `@customfunction`
 * id and the `@param` names of the JSDoc in src/functions/functions.ts, the names Excel shows, with the
 * exported function each belongs to and the output words its body accepts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Signature {
  /** The Excel id (`GRADE`). */
  readonly id: string;
  /** The exported function's name (`grade`). */
  readonly fn: string;
  /** The `@param` names, in order. */
  readonly params: readonly string[];
  /** The words its `output` argument accepts (empty when it has none). */
  readonly outputWords: readonly string[];
}

export function signatures(): Signature[] {
  const source = readFileSync(join(__dirname, "../../src/functions/functions.ts"), "utf8");
  const out: Signature[] = [];
  const block = /\/\*\*((?:(?!\*\/)[\s\S])*?@customfunction\s+(\w+)(?:(?!\*\/)[\s\S])*?)\*\/\s*export function (\w+)\(/g;
  for (const m of source.matchAll(block)) {
    const params = [...m[1].matchAll(/@param\s+(\w+)/g)].map((p) => p[1]);
    // The body up to the next exported function: its readOutput words ("key: [" entries).
    const start = (m.index ?? 0) + m[0].length;
    const next = source.indexOf("\nexport function ", start);
    const body = source.slice(start, next < 0 ? undefined : next);
    const outputWords = params.includes("output")
      ? [...body.matchAll(/(?:"([^"]+)"|([\p{L}_]+)): \["[^"]+", "(?:en|zh)"\]/gu)].map((w) => w[1] ?? w[2])
      : [];
    out.push({ id: m[2], fn: m[3], params, outputWords });
  }
  return out;
}

/** A call of every function with every argument given and good (one cell each), to make one argument bad or an error. */
export const GOOD: Record<string, readonly unknown[]> = {
  GRADE: [1, 20000, "good", 50000, "grade"],
  TERM: ["A"],
  AGING: [45000, 45100, "bucket", "30,60,90"],
  SETTLE: [1000, 5, "10:0.9,20:0.95"],
  FACTOR: [1000, 0.8, 0.02, "advance"],
  INSURE: [1000, 0.8, "payout"],
  PROVISION: [1000, 10, "0:1%,30:2%,*:50%"],
  PROFILE: ["yes", "yes", "none", "yes", "no", "no", 0, "no", "no", "no", "no", "profile"],
  CHANNEL: [1000, 10, "temporary", "step"],
  CONFIRM: [45000, 45010, "status"],
  EVIDENCE: ["yes", "yes", "yes", "yes", "yes", "none", "missing"],
  PLAN: [1000, 3, 10, 45000, 1, 500],
  RECOVERY: [100, 1000, 10000, 10, 10, 10, "payout"],
  CLAIMDEADLINE: [45000, 45, "date"],
  LIMITATION: [45000, 45100, "days"],
  HISTORY: [45000, 45010, 1000, 45100, 0, "events"],
  BENEFIT: [1000000, 30, "offer"],
  PROMISE: [45809, 45818, 100000, 45815, 100000, 45869, 3, "status"],
  NEXTCONTACT: [45860, 2, 45869, "date"],
};
