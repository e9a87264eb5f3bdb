// What `npm start` and `npm stop` share: where the running dev server is written down, and whether a
// process is still there.
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";

/** The state file of the dev server of one project folder (outside the tree, one per folder). */
export function stateFileOf(root) {
  return path.join(os.tmpdir(), `ar-recovery-dev-server-${createHash("sha256").update(root).digest("hex").slice(0, 12)}.json`);
}

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
