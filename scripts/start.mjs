// `npm start`: build (development) when dist/ is stale, serve the add-in at https://localhost:<port> with
// webpack-dev-server in a child process, then sideload it into desktop Excel where that is possible
// (Windows/macOS with office-addin-debugging installed). Runs in the foreground: Ctrl-C, or `npm stop` from
// another terminal, stops the server. No network, no sudo (certificates: scripts/certs.js).
//
// Environment: npm_package_config_dev_server_port (package.json "config", set by npm) chooses the port;
// AR_NO_SIDELOAD=1 skips sideloading.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { isAlive, stateFileOf } from "./dev-server-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const url = `https://localhost:${port}`;
const isWindows = process.platform === "win32";
const canSideload = isWindows || process.platform === "darwin";
const stateFile = stateFileOf(root);
const webpackCli = require.resolve("webpack-cli/bin/cli.js");
const readyTimeoutMs = 180_000;

const log = (line) => console.log(`[start] ${line}`);
const fail = (line, code = 1) => {
  console.error(`[start] ${line}`);
  process.exit(code);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readState() {
  try {
    return JSON.parse(fs.readFileSync(stateFile, "utf8"));
  } catch {
    return undefined;
  }
}

/** Is something accepting connections on host:port? */
function isListening(host, p) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: p });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Can we bind host:port? Resolves "ok", "in-use", "denied" or "unavailable" (e.g. no IPv6). */
function tryBind(host, p) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (err) => resolve(err.code === "EADDRINUSE" ? "in-use" : err.code === "EACCES" ? "denied" : "unavailable"));
    server.listen({ host, port: p, exclusive: true }, () => server.close(() => resolve("ok")));
  });
}

function portInUseMessage() {
  return (
    `Port ${port} is already in use, so the dev server cannot start. If it is an earlier \`npm start\`, ` +
    `stop it with \`npm stop\`; otherwise find the process (Linux/macOS: \`lsof -i :${port}\`; ` +
    `Windows: \`netstat -ano | findstr :${port}\`) and stop it. ` +
    `manifest.xml points at ${url}, so free the port rather than change it.`
  );
}

async function checkPort() {
  for (const host of ["127.0.0.1", "::1"]) {
    if (await isListening(host, port)) fail(portInUseMessage());
  }
  for (const host of ["127.0.0.1", "::1"]) {
    const result = await tryBind(host, port);
    if (result === "in-use") fail(portInUseMessage());
    if (result === "denied") fail(`Not allowed to listen on port ${port} (${host}); use a port above 1023.`);
  }
}

/** Newest modification time (ms) of the build inputs. */
function newestInput() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ["src", "assets", "manifest.xml", "webpack.config.js", "scripts/build", "package.json", "tsconfig.json"]) {
    visit(path.join(root, p));
  }
  return newest;
}

/** dist/ holds a development build newer than every input? (The stamp is written only after a dev build by
 * this script; any other build cleans dist/ and so removes it.) */
function devBuildIsCurrent(stamp) {
  try {
    return fs.statSync(stamp).mtimeMs >= newestInput();
  } catch {
    return false;
  }
}

function build() {
  const stamp = path.join(root, "dist", ".dev-build-stamp");
  if (devBuildIsCurrent(stamp)) {
    log("dist/ is up to date (development build).");
    return;
  }
  log("Building the add-in (webpack --mode development)...");
  const result = spawnSync(process.execPath, [webpackCli, "--mode", "development", "--stats", "errors-warnings"], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
    windowsHide: true,
  });
  if (result.error) fail(`Build could not run: ${result.error.message}`);
  if (result.status !== 0) fail(`Build failed (exit code ${result.status ?? result.signal}); see the errors above.`);
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  log("Build done (dist/).");
}

/** GET url/functions.json; resolves the HTTP status, or 0 when nothing answers yet. Loopback only, and the
 * certificate is ours, so it is not verified here. */
function probe() {
  return new Promise((resolve) => {
    const req = https.get(`${url}/functions.json`, { rejectUnauthorized: false, timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once("timeout", () => req.destroy());
    req.once("error", () => resolve(0));
  });
}

function resolveOfficeAddinDebugging() {
  try {
    const pkgPath = require.resolve("office-addin-debugging/package.json");
    const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && pkg.bin["office-addin-debugging"];
    return bin ? path.resolve(path.dirname(pkgPath), bin) : undefined;
  } catch {
    return undefined;
  }
}

function manualSideloadHelp() {
  return [
    `To load the add-in, sideload manifest.xml while this server runs:`,
    `  - desktop Excel (Windows/macOS): in another terminal, \`npx office-addin-debugging@7 start manifest.xml desktop\``,
    `    (it finds this server already running), or on macOS copy manifest.xml to`,
    `    ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel;`,
    `  - Excel on the web: Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in > manifest.xml.`,
    `See docs/excel.md.`,
  ].join("\n");
}

async function sideload() {
  if (!canSideload) {
    log(
      `Excel is not available on this machine (${process.platform === "linux" ? "Linux" : process.platform}): ` +
        `the add-in is served at ${url} — sideload manifest.xml into Excel on the web in a browser on this machine (see docs/excel.md); for other machines, build for a host they can reach (AR_ADDIN_URL)`,
    );
    return;
  }
  if (process.env.AR_NO_SIDELOAD === "1") {
    log(`Sideloading skipped (AR_NO_SIDELOAD=1). The add-in is served at ${url}.`);
    console.log(manualSideloadHelp());
    return;
  }
  if (!fs.existsSync(path.join(root, "manifest.xml"))) {
    log("manifest.xml is missing: nothing to sideload.");
    return;
  }
  const cli = resolveOfficeAddinDebugging();
  if (!cli) {
    log("office-addin-debugging is not installed in this project, so the add-in is not sideloaded automatically.");
    console.log(manualSideloadHelp());
    return;
  }
  log("Sideloading into desktop Excel (office-addin-debugging start manifest.xml desktop)...");
  // Without npm's dev-server script in its environment it does not try to start a second dev server.
  const env = { ...process.env };
  delete env.npm_package_scripts_dev_server;
  const result = await new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, "start", "manifest.xml", "desktop"], {
      cwd: root,
      env,
      stdio: "inherit",
      windowsHide: true,
    });
    child.once("error", (err) => resolve(err.message));
    child.once("exit", (code) => resolve(code === 0 ? undefined : `exit code ${code}`));
  });
  if (result) {
    log(`Sideloading failed (${result}).`);
    console.log(manualSideloadHelp());
  }
}

async function main() {
  const previous = readState();
  if (previous) {
    if (isAlive(previous.serverPid) || isAlive(previous.launcherPid)) {
      fail(
        `A dev server started by \`npm start\` is already running (pid ${previous.serverPid}, ${previous.url}). Stop it with \`npm stop\` first.`,
      );
    }
    fs.rmSync(stateFile, { force: true });
  }
  if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`Invalid dev server port: ${port}.`);
  await checkPort();
  if (!fs.existsSync(path.join(root, "manifest.xml"))) log("Warning: manifest.xml is missing.");
  build();

  log(`Starting the dev server at ${url} (webpack serve --mode development)...`);
  const server = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd: root,
    // Own process group on POSIX, so that stopping it stops everything it started; Ctrl-C reaches it via us.
    detached: !isWindows,
    stdio: ["ignore", "pipe", "pipe"],
    env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" } : process.env,
    windowsHide: true,
  });
  let addressInUse = false;
  const forward = (from, to) =>
    from.on("data", (chunk) => {
      if (!addressInUse && chunk.includes("EADDRINUSE")) addressInUse = true;
      to.write(chunk);
    });
  forward(server.stdout, process.stdout);
  forward(server.stderr, process.stderr);
  server.once("error", (err) => fail(`Could not start the dev server: ${err.message}`));
  fs.writeFileSync(
    stateFile,
    JSON.stringify({ launcherPid: process.pid, serverPid: server.pid, port, url, root, startedAt: new Date().toISOString() }),
  );

  let stopping = false;
  let exited = false;
  let failure; // set when we stop the server because it failed
  const exitedPromise = new Promise((resolve) => {
    server.once("exit", (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  const kill = (signal) => {
    if (exited) return;
    try {
      if (isWindows) spawnSync("taskkill", ["/pid", String(server.pid), "/T", "/F"], { stdio: "ignore", windowsHide: true });
      else process.kill(-server.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping the dev server...`);
    kill("SIGTERM");
    setTimeout(() => kill("SIGKILL"), 5000).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
    process.on(signal, () => stop(signal === "SIGINT" ? "Interrupted" : `Stop requested (${signal})`));
  // Last resort if we exit some other way: never leave an orphaned server behind.
  process.on("exit", () => kill("SIGKILL"));

  const onExit = exitedPromise.then(({ code, signal }) => {
    const state = readState();
    if (state && state.launcherPid === process.pid) fs.rmSync(stateFile, { force: true });
    if (failure) fail(failure);
    if (stopping || signal === "SIGTERM" || signal === "SIGINT") {
      log("Dev server stopped.");
      process.exit(0);
    }
    if (addressInUse) fail(portInUseMessage());
    fail(`The dev server exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); see the output above.`);
  });

  const deadline = Date.now() + readyTimeoutMs;
  let status = 0;
  while (!exited && !stopping && Date.now() < deadline) {
    status = await probe();
    if (status === 200) break;
    await sleep(500);
  }
  if (exited || stopping) return onExit;
  if (status !== 200) {
    failure = `The dev server did not serve ${url}/functions.json within ${readyTimeoutMs / 1000} s (last status ${status || "none"}).`;
    stop("Not ready in time");
    return onExit;
  }
  log(`The add-in is served at ${url} (dev server pid ${server.pid}). Stop it with Ctrl-C or \`npm stop\`.`);
  await sideload();
  return onExit;
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
