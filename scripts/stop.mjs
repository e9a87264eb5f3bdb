// `npm stop`: stops the dev server started by `npm start` (scripts/start.mjs), from any terminal, and on
// Windows/macOS unregisters the sideloaded add-in with office-addin-debugging when that is installed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { isAlive, stateFileOf } from "./dev-server-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const isWindows = process.platform === "win32";
const stateFile = stateFileOf(root);

const log = (line) => console.log(`[stop] ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Command line of a process, or undefined when it cannot be read (then we trust the state file). */
function commandLine(pid) {
  try {
    if (process.platform === "linux") return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    if (!isWindows) {
      const ps = spawnSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" });
      return ps.status === 0 ? ps.stdout : "";
    }
  } catch {
    return "";
  }
  return undefined;
}

/** Alive and still the process we recorded (a recycled pid belongs to someone else: leave it alone). */
function isOurs(pid, marker) {
  if (!isAlive(pid)) return false;
  const cmd = commandLine(pid);
  return cmd === undefined || cmd.includes(marker);
}

async function waitGone(pids, ms) {
  const deadline = Date.now() + ms;
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(100);
  return !pids.some(isAlive);
}

function killTree(pid, signal) {
  try {
    if (isWindows) spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore", windowsHide: true });
    else process.kill(-pid, signal); // the server runs in its own process group
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function stopServer() {
  let state;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  } catch {
    log("No dev server started by `npm start` is running.");
    return;
  }
  const launcher = isOurs(state.launcherPid, "start.mjs") ? state.launcherPid : undefined;
  const server = isOurs(state.serverPid, "webpack") ? state.serverPid : undefined;
  if (!launcher && !server) {
    log("No dev server started by `npm start` is running (removing a stale record).");
    fs.rmSync(stateFile, { force: true });
    return;
  }
  log(`Stopping the dev server at ${state.url} (pid ${state.serverPid})...`);
  // Ask `npm start` to stop its server and exit cleanly (on Windows signals cannot be caught: kill the tree).
  if (launcher && !isWindows) {
    try {
      process.kill(launcher, "SIGTERM");
    } catch {
      // already gone
    }
    await waitGone([launcher, server].filter(Boolean), 10_000);
  }
  if (server && isAlive(server)) {
    killTree(server, "SIGTERM");
    if (!(await waitGone([server], 5000))) {
      killTree(server, "SIGKILL");
      await waitGone([server], 2000);
    }
  }
  if (launcher && isAlive(launcher)) {
    if (isWindows) killTree(launcher, "SIGKILL");
    else process.kill(launcher, "SIGKILL");
  }
  fs.rmSync(stateFile, { force: true });
  const left = [server, launcher].filter((pid) => pid && isAlive(pid));
  if (left.length) {
    console.error(`[stop] Could not stop process ${left.join(", ")}.`);
    process.exitCode = 1;
  } else {
    log("Dev server stopped.");
  }
}

function officeAddinDebuggingStop() {
  if (!(isWindows || process.platform === "darwin")) return;
  let cli;
  try {
    const pkgPath = require.resolve("office-addin-debugging/package.json");
    const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && pkg.bin["office-addin-debugging"];
    if (bin) cli = path.resolve(path.dirname(pkgPath), bin);
  } catch {
    return; // not installed: nothing was sideloaded automatically
  }
  if (!cli || !fs.existsSync(path.join(root, "manifest.xml"))) return;
  log("Unregistering the sideloaded add-in (office-addin-debugging stop manifest.xml)...");
  const env = { ...process.env };
  delete env.npm_package_scripts_dev_server;
  const result = spawnSync(process.execPath, [cli, "stop", "manifest.xml"], { cwd: root, env, stdio: "inherit", windowsHide: true });
  if (result.status !== 0) log("office-addin-debugging stop failed; see above.");
}

await stopServer();
officeAddinDebuggingStop();
