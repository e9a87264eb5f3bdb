// The dev server (webpack serve, HTTPS with scripts/certs.js) starts on a free port on 127.0.0.1 and serves
// the custom-function metadata and the task pane. Runs the real webpack build: a few seconds.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const certs = require("../scripts/certs.js") as {
  ensureCertificates(options?: { quiet?: boolean }): Promise<{ ca: Buffer }>;
};
const webpackCli = require.resolve("webpack-cli/bin/cli.js");
const isWindows = process.platform === "win32";
// Generous: the first webpack build takes ~20 s on two loaded cores; a slow start is not what this test checks.
const startupTimeoutMs = 60_000;

let server: ChildProcess | undefined;
let exited: Promise<void> = Promise.resolve();
let output = "";
let port = 0;
let ca: Buffer;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** GET over HTTPS from 127.0.0.1, verifying the certificate against our CA for the name "localhost". */
function get(pathname: string): Promise<{ status: number; type: string; csp: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: "127.0.0.1", port, path: pathname, ca, servername: "localhost", agent: false, timeout: 5000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"] ?? ""),
          csp: String(res.headers["content-security-policy"] ?? ""),
          body,
        }),
      );
      res.on("error", reject);
    });
    req.once("timeout", () => req.destroy(new Error("timeout")));
    req.once("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function killServer(signal: NodeJS.Signals): void {
  if (!server?.pid || server.exitCode !== null || server.signalCode !== null) return;
  try {
    if (isWindows) spawnSync("taskkill", ["/pid", String(server.pid), "/T", "/F"], { stdio: "ignore" });
    else process.kill(-server.pid, signal); // its own process group
  } catch {
    // already gone
  }
}

beforeAll(async () => {
  // Certificates first (generated once into .certs/ if needed), so the server does not race us for them.
  ca = (await certs.ensureCertificates({ quiet: true })).ca;
  port = await freePort();
  server = spawn(process.execPath, [webpackCli, "serve", "--mode", "development", "--host", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, npm_package_config_dev_server_port: String(port), FORCE_COLOR: "0" },
    detached: !isWindows,
    stdio: ["ignore", "pipe", "pipe"],
    windowsHide: true,
  });
  const child = server;
  exited = new Promise((resolve) => child.once("exit", () => resolve()));
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const deadline = Date.now() + startupTimeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const res = await get("/functions.json");
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(300);
  }
  throw new Error(`dev server not ready on port ${port} (${last}); its output:\n${output}`);
}, startupTimeoutMs + 10_000);

afterAll(async () => {
  killServer("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!stopped) {
    killServer("SIGKILL");
    await Promise.race([exited, sleep(2000)]);
  }
}, 10_000);

describe("dev server", () => {
  it("serves functions.json over HTTPS with the AR function ids", async () => {
    const res = await get("/functions.json");
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/json/);
    const ids = (JSON.parse(res.body) as { functions: Array<{ id: string }> }).functions.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["GRADE", "TERM", "AGING", "SETTLE"]));
  });

  it("serves the task pane with office.js and both bundles (shared runtime)", async () => {
    const res = await get("/taskpane.html");
    expect(res.status).toBe(200);
    expect(res.body).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(res.body).toMatch(/<script[^>]*src="?functions\.js/);
    expect(res.body).toMatch(/<script[^>]*src="?taskpane\.js/);
  });

  it("sends the pages' Content-Security-Policy as a header too, the same as the page's <meta>", async () => {
    const { CONTENT_SECURITY_POLICY } = require("../scripts/build/csp.js") as { CONTENT_SECURITY_POLICY: string };
    const res = await get("/taskpane.html");
    expect(res.csp).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    // the triage worker's script too (a worker does not inherit the page's policy)
    expect((await get("/triage-worker.js")).csp).toBe(CONTENT_SECURITY_POLICY);
  });
});
