// The analyst notebooks (tslab kernel, Jupyter from Debian). No network.
//
//   node scripts/notebooks.mjs build   compile src/core, src/analytics, src/charts to a CommonJS package
//                                      notebooks/node_modules/ar-recovery (.js + .d.ts) that tslab can import
//   node scripts/notebooks.mjs setup   check Jupyter, register the tslab kernel in .jupyter/ (idempotent) and
//                                      check that it starts and runs a cell
//   node scripts/notebooks.mjs open    build + setup, then start Jupyter on notebooks/ (no browser) and print the URL
//   node scripts/notebooks.mjs run [name...]
//                                      build + setup, then execute every notebook headless into notebooks/out/;
//                                      exits non-zero on any cell error
//   node scripts/notebooks.mjs gen     write notebooks/*.ipynb from their readable sources notebooks/src/*.ts
//   node scripts/notebooks.mjs check   fail if a notebook differs from its source or holds outputs
//
// Jupyter state stays in the project: JUPYTER_PATH, JUPYTER_DATA_DIR, JUPYTER_RUNTIME_DIR and
// JUPYTER_CONFIG_DIR point into .jupyter/ (gitignored). Environment: JUPYTER (the jupyter command,
// default /usr/bin/jupyter), AR_PYTHON (the Python that has jupyter_client, default /usr/bin/python3),
// AR_NOTEBOOK_PORT (default 8888), AR_DATA_DIR (the IBM sample's folder, default ../shared/data;
// the Fed/FDIC series ship in data/).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const notebooksDir = path.join(root, "notebooks");
export const sourceDir = path.join(notebooksDir, "src");
export const outDir = path.join(notebooksDir, "out");
export const packageDir = path.join(notebooksDir, "node_modules", "ar-recovery");
const jupyterHome = path.join(root, ".jupyter");
const kernelName = "tslab";
const tslabBinary = path.join(root, "node_modules", ".bin", "tslab");
const SETUP_HINT =
  "Install Jupyter from Debian (README, section Set up and test; docs/notebooks.md): apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-notebook, then npm run notebooks:setup";

const log = (line) => console.log(`[notebooks] ${line}`);
class NotebookError extends Error {}

/** The environment Jupyter runs with: every Jupyter folder inside the project. */
export function jupyterEnv(base = process.env) {
  return {
    ...base,
    JUPYTER_PATH: path.join(jupyterHome, "share", "jupyter"),
    JUPYTER_DATA_DIR: path.join(jupyterHome, "data"),
    JUPYTER_RUNTIME_DIR: path.join(jupyterHome, "runtime"),
    JUPYTER_CONFIG_DIR: path.join(jupyterHome, "config"),
    IPYTHONDIR: path.join(jupyterHome, "ipython"),
  };
}

function jupyterCommand() {
  if (process.env.JUPYTER) return process.env.JUPYTER;
  // The Debian Jupyter; `jupyter` on PATH may be a pyenv shim without nbconvert.
  return fs.existsSync("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";
}

function pythonCommand() {
  return process.env.AR_PYTHON || (fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}

/** Checks that Jupyter with nbconvert is there; throws with the setup hint when it is not. */
export function checkJupyter() {
  const jupyter = jupyterCommand();
  const r = spawnSync(jupyter, ["nbconvert", "--version"], { encoding: "utf8", env: jupyterEnv() });
  if (r.error || r.status !== 0) {
    throw new NotebookError(
      `Jupyter nbconvert not found (${jupyter}: ${r.error?.message ?? (r.stderr || "").trim().split("\n").pop()}). ${SETUP_HINT}`,
    );
  }
  return { jupyter, nbconvert: r.stdout.trim() };
}

// ---------------------------------------------------------------------------------------------- build

/** Compiles the package for the notebooks. Incremental: a second build with no change takes ~1 s. */
export function build() {
  const started = Date.now();
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc"); // not .bin/tsc: tslab links its own TypeScript 5.0 there
  const r = spawnSync(
    process.execPath,
    [tsc, "-p", path.join(root, "tsconfig.notebooks.json"), "--incremental", "--tsBuildInfoFile", path.join(packageDir, ".tsbuildinfo")],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new NotebookError(`build failed (tsc -p tsconfig.notebooks.json):\n${r.stdout}${r.stderr}`);
  const parts = ["core", "analytics", "charts"].filter((p) => fs.existsSync(path.join(packageDir, p, "index.js")));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const write = (name, text) => {
    const file = path.join(packageDir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  };
  write(
    "package.json",
    `${JSON.stringify(
      {
        name: "ar-recovery",
        version: pkg.version,
        private: true,
        description: "Generated by scripts/notebooks.mjs build from src/core, src/analytics and src/charts: do not edit.",
        main: "index.js",
        types: "index.d.ts",
      },
      null,
      2,
    )}\n`,
  );
  write(
    "index.js",
    `"use strict";\n// Generated: the package's parts as namespaces. Import a part directly: "ar-recovery/core".\n${parts.map((p) => `exports.${p} = require("./${p}/index.js");`).join("\n")}\n`,
  );
  write("index.d.ts", `${parts.map((p) => `export * as ${p} from "./${p}/index.js";`).join("\n")}\n`);
  log(`built ${path.relative(root, packageDir)} (${parts.join(", ")}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return parts;
}

// ---------------------------------------------------------------------------------------------- setup

// Starts the kernel, runs one TypeScript cell, stops it: proves zeromq's prebuilt binary and tslab work.
const SMOKE_TEST = `
import sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="tslab", startup_timeout=60)
try:
    reply = kc.execute_interactive("const answer: number = 6 * 7; console.log(answer)", timeout=60, output_hook=lambda m: m["msg_type"] == "stream" and sys.stdout.write(m["content"]["text"]))
    sys.exit(0 if reply["content"]["status"] == "ok" else 1)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
`;

/**
 * Registers the tslab kernel in .jupyter/ unless it is registered already with this binary.
 * @param smoke also start the kernel and run one cell (npm run notebooks:setup does)
 */
export function setup({ smoke = false } = {}) {
  const { jupyter, nbconvert } = checkJupyter();
  for (const dir of ["data", "runtime", "config", "ipython"]) fs.mkdirSync(path.join(jupyterHome, dir), { recursive: true });
  const kernelJson = path.join(jupyterHome, "share", "jupyter", "kernels", kernelName, "kernel.json");
  let current;
  try {
    current = JSON.parse(fs.readFileSync(kernelJson, "utf8"));
  } catch {
    current = undefined;
  }
  if (!fs.existsSync(tslabBinary)) throw new NotebookError(`tslab is not installed (${tslabBinary} missing): run npm ci`);
  if (current?.argv?.[0] !== tslabBinary) {
    const python = pythonCommand();
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules", "tslab", "bin", "tslab"),
        "install",
        `--python=${python}`,
        `--binary=${tslabBinary}`,
        `--prefix=${jupyterHome}`,
      ],
      {
        cwd: root,
        encoding: "utf8",
        env: jupyterEnv(),
      },
    );
    if (r.status !== 0 || !fs.existsSync(kernelJson)) {
      throw new NotebookError(`tslab install failed with ${python}:\n${r.stdout}${r.stderr}\n${SETUP_HINT}`);
    }
    log(`registered the tslab kernel in ${path.relative(root, path.dirname(kernelJson))}`);
  }
  // Debian has no jupyter-kernelspec command: ask jupyter_client directly, as nbconvert will.
  const specs = spawnSync(
    pythonCommand(),
    ["-c", "import json; from jupyter_client.kernelspec import KernelSpecManager as K; print(json.dumps(K().find_kernel_specs()))"],
    { encoding: "utf8", env: jupyterEnv() },
  );
  if (specs.status !== 0 || !(kernelName in JSON.parse(specs.stdout || "{}"))) {
    throw new NotebookError(`Jupyter does not see the tslab kernel (JUPYTER_PATH=${jupyterEnv().JUPYTER_PATH}):\n${specs.stderr}`);
  }
  log(`Jupyter ready: ${jupyter} (nbconvert ${nbconvert}), kernel "${kernelName}" -> ${path.relative(root, tslabBinary)}`);
  if (smoke) {
    const r = spawnSync(pythonCommand(), ["-c", SMOKE_TEST], { cwd: notebooksDir, encoding: "utf8", env: jupyterEnv(), timeout: 120_000 });
    if (r.status !== 0 || r.stdout.trim() !== "42") {
      throw new NotebookError(`the tslab kernel did not run a cell (expected 42):\n${r.stdout}${r.stderr}`);
    }
    log("the tslab kernel starts and runs TypeScript (6 * 7 = 42)");
  }
}

// ---------------------------------------------------------------------------------------------- open

function hasJupyterLab(jupyter) {
  const r = spawnSync(jupyter, ["lab", "--version"], { encoding: "utf8", env: jupyterEnv() });
  return !r.error && r.status === 0;
}

/** Starts Jupyter on notebooks/ in the foreground (Ctrl-C stops it). */
export async function open() {
  setup();
  build();
  const jupyter = jupyterCommand();
  const app = hasJupyterLab(jupyter) ? "lab" : "notebook";
  const port = process.env.AR_NOTEBOOK_PORT || "8888";
  const args = [app, "--no-browser", `--notebook-dir=${notebooksDir}`, "--ip=127.0.0.1", `--port=${port}`];
  if (process.getuid?.() === 0) args.push("--allow-root");
  log(
    `starting jupyter ${app} on ${path.relative(root, notebooksDir)}/ (kernel: TypeScript / tslab)${app === "notebook" ? "; charts show as SVG (JupyterLab would also render the Vega-Lite spec)" : ""}`,
  );
  const child = spawn(jupyter, args, { cwd: notebooksDir, env: jupyterEnv(), stdio: ["inherit", "pipe", "pipe"] });
  let announced = false;
  const watch = (stream, out) => {
    let buffer = "";
    stream.on("data", (chunk) => {
      out.write(chunk);
      buffer += chunk.toString("utf8");
      const m = !announced && buffer.match(/https?:\/\/127\.0\.0\.1:\d+\/\S*token=[0-9a-f]+/);
      if (m) {
        announced = true;
        log(`open ${m[0]}`);
      }
      if (buffer.length > 10_000) buffer = buffer.slice(-2_000);
    });
  };
  watch(child.stdout, process.stdout);
  watch(child.stderr, process.stderr);
  const stop = () => child.kill("SIGINT");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 0)));
  process.exitCode = code;
}

// ---------------------------------------------------------------------------------------------- run

/** The notebooks to execute: notebooks/*.ipynb, or those whose name starts with one of `names`. */
export function notebookFiles(names = []) {
  const all = fs
    .readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  const chosen = names.length === 0 ? all : all.filter((f) => names.some((n) => f.startsWith(n) || f === n));
  if (chosen.length === 0) throw new NotebookError(`no notebook matches ${names.join(", ") || "notebooks/*.ipynb"}`);
  return chosen;
}

/** Errors of an executed notebook: error outputs, and stderr text (tslab reports type errors there). */
export function notebookProblems(nb) {
  const problems = [];
  nb.cells.forEach((cell, i) => {
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") problems.push(`cell ${i + 1}: ${out.ename}: ${out.evalue}`);
      if (out.output_type === "stream" && out.name === "stderr")
        problems.push(`cell ${i + 1} wrote to stderr: ${[].concat(out.text).join("").trim().slice(0, 500)}`);
    }
  });
  return problems;
}

function execute(jupyter, file) {
  const started = Date.now();
  return new Promise((resolve) => {
    const args = [
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      `--ExecutePreprocessor.kernel_name=${kernelName}`,
      "--ExecutePreprocessor.timeout=300",
      // Keep executing after an error so that the written notebook shows every problem; run() fails on them.
      "--ExecutePreprocessor.allow_errors=True",
      "--output-dir",
      outDir,
      path.join(notebooksDir, file),
    ];
    const child = spawn(jupyter, args, { cwd: notebooksDir, env: jupyterEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", (e) => resolve({ file, code: -1, output: String(e), seconds: 0 }));
    child.on("exit", (code) => resolve({ file, code: code ?? -1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/** Executes the notebooks headless (two at a time), writes them to notebooks/out/, checks them. */
export async function run(names = []) {
  const started = Date.now();
  const files = notebookFiles(names);
  // No stale result may survive a failed run.
  for (const f of files) fs.rmSync(path.join(outDir, f), { force: true });
  const stale = outOfSync();
  if (stale.length > 0)
    log(`warning: ${stale.join(", ")} differ from notebooks/src (npm run notebooks:gen rewrites them); running the .ipynb as they are`);
  setup();
  build();
  const jupyter = jupyterCommand();
  fs.mkdirSync(outDir, { recursive: true });
  const parallel = Math.max(1, Math.min(files.length, os.availableParallelism?.() ?? 2, 3));
  const queue = [...files];
  const results = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) results.push(await execute(jupyter, f));
    }),
  );
  let failed = 0;
  for (const r of results.sort((a, b) => a.file.localeCompare(b.file))) {
    const outFile = path.join(outDir, r.file);
    const problems = [];
    if (r.code !== 0)
      problems.push(
        `nbconvert exited with ${r.code}:\n${r.output
          .split("\n")
          .filter((l) => !/MissingIDFieldWarning|validate\(nb\)/.test(l))
          .slice(-40)
          .join("\n")}`,
      );
    if (fs.existsSync(outFile)) problems.push(...notebookProblems(JSON.parse(fs.readFileSync(outFile, "utf8"))));
    else if (r.code === 0) problems.push("no executed notebook written");
    if (problems.length > 0) {
      failed++;
      log(`FAIL ${r.file} (${r.seconds.toFixed(1)} s)`);
      for (const p of problems) console.error(`  ${p.replace(/\n/g, "\n  ")}`);
    } else {
      log(`ok   ${r.file} (${r.seconds.toFixed(1)} s) -> ${path.relative(root, outFile)}`);
    }
  }
  log(`${files.length - failed}/${files.length} notebooks executed without errors in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed > 0) throw new NotebookError(`${failed} notebook(s) failed`);
}

// ---------------------------------------------------------------------------------------------- gen / check

/**
 * Parses a notebook source in the "percent" format (as jupytext writes it): `// %% [markdown]` starts a
 * markdown cell whose lines are `// ` comments, `// %%` starts a code cell. Text before the first marker
 * is a file comment and is left out.
 */
export function parsePercent(text) {
  const cells = [];
  let cell;
  for (const line of text.replace(/\r\n/g, "\n").split("\n")) {
    const marker = line.match(/^\/\/ %%(?:\s*\[(markdown|md)\])?\s*$/);
    if (marker) {
      cell = { cell_type: marker[1] ? "markdown" : "code", lines: [] };
      cells.push(cell);
    } else if (cell) {
      cell.lines.push(cell.cell_type === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
    }
  }
  return cells
    .map((c) => {
      while (c.lines.length > 0 && c.lines[c.lines.length - 1].trim() === "") c.lines.pop();
      while (c.lines.length > 0 && c.lines[0].trim() === "") c.lines.shift();
      return { cell_type: c.cell_type, source: c.lines.join("\n") };
    })
    .filter((c) => c.source !== "");
}

/** The .ipynb JSON text (nbformat 4.5, no outputs, stable cell ids) for a notebook source. */
export function notebookFromSource(name, text) {
  const slug = name
    .replace(/\.ts$/, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .slice(0, 40);
  const lines = (s) => s.split("\n").map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
  const nb = {
    cells: parsePercent(text).map((c, i) =>
      c.cell_type === "markdown"
        ? { cell_type: "markdown", id: `${slug}-${String(i + 1).padStart(2, "0")}`, metadata: {}, source: lines(c.source) }
        : {
            cell_type: "code",
            execution_count: null,
            id: `${slug}-${String(i + 1).padStart(2, "0")}`,
            metadata: {},
            outputs: [],
            source: lines(c.source),
          },
    ),
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: kernelName },
      language_info: {
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}

function sources() {
  return fs
    .readdirSync(sourceDir)
    .filter((f) => f.endsWith(".ts"))
    .sort();
}

/** Writes notebooks/<name>.ipynb for every notebooks/src/<name>.ts. */
export function gen() {
  for (const f of sources()) {
    const target = path.join(notebooksDir, f.replace(/\.ts$/, ".ipynb"));
    const text = notebookFromSource(f, fs.readFileSync(path.join(sourceDir, f), "utf8"));
    if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text) {
      fs.writeFileSync(target, text);
      log(`wrote ${path.relative(root, target)}`);
    }
  }
}

/** The notebooks that differ from their sources (or have no source). */
export function outOfSync() {
  const stale = [];
  const expected = new Set();
  for (const f of sources()) {
    const name = f.replace(/\.ts$/, ".ipynb");
    expected.add(name);
    const target = path.join(notebooksDir, name);
    if (
      !fs.existsSync(target) ||
      fs.readFileSync(target, "utf8") !== notebookFromSource(f, fs.readFileSync(path.join(sourceDir, f), "utf8"))
    )
      stale.push(name);
  }
  for (const f of notebookFiles()) if (!expected.has(f)) stale.push(`${f} (no source in notebooks/src)`);
  return stale;
}

// ---------------------------------------------------------------------------------------------- main

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "build":
      build();
      break;
    case "setup":
      setup({ smoke: true });
      break;
    case "open":
      await open();
      break;
    case "run":
      await run(rest);
      break;
    case "gen":
      gen();
      break;
    case "check": {
      const stale = outOfSync();
      if (stale.length > 0) throw new NotebookError(`notebooks differ from notebooks/src (run npm run notebooks:gen): ${stale.join(", ")}`);
      log("notebooks match their sources");
      break;
    }
    default:
      console.error("usage: node scripts/notebooks.mjs build | setup | open | run [name...] | gen | check");
      process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`[notebooks] ${e instanceof NotebookError ? e.message : (e?.stack ?? e)}`);
    process.exitCode = 1;
  });
}
