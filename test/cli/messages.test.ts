// The command line's plain messages (issue 12), run as a user runs it: a missing file, a folder, a file
// that cannot be read, a bad --as-of, an unknown option; in English and Chinese, on stderr, without a
// stack trace; exit 2 for a command line that cannot be run as written, 1 for input that cannot be read.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, openError } from "../../src/cli/triage.js";
import { PLAIN } from "../../src/cli/terminal.js";

const ROOT = resolve(__dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const CLI = join(ROOT, "src/cli/triage.ts");
const dir = mkdtempSync(join(tmpdir(), "ar-messages-"));
const PICTURE = join(dir, "picture.csv");
writeFileSync(PICTURE, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0]));

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line in this process (as main does, not on a terminal), from the project folder. */
async function triage(...args: string[]): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = await cli(args, {
      out: (line) => (stdout += `${line}\n`),
      err: (line) => (stderr += `${line}\n`),
      outTerminal: PLAIN,
      errTerminal: PLAIN,
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

/** Runs `npm run triage -- ...args` as a user would: a process of its own (not a terminal: no colours). */
function spawnTriage(...args: string[]): Promise<Outcome> {
  return new Promise((done) => {
    execFile(TSX, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "" } }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : Number((error as { code?: number }).code), stdout, stderr });
    });
  });
}

const CASES: readonly { readonly name: string; readonly args: string[]; readonly code: number; readonly stderr: string | RegExp }[] = [
  { name: "a missing file", args: ["samples/x.csv"], code: 1, stderr: "No file samples/x.csv. Check the name or give the full path.\n" },
  {
    name: "a missing file (zh)",
    args: ["samples/x.csv", "--lang", "zh"],
    code: 1,
    stderr: "没有文件 samples/x.csv。请检查文件名，或给出完整路径。\n",
  },
  { name: "a folder", args: ["samples"], code: 1, stderr: "samples is a folder, not a file. Give the .csv or .xlsx file in it.\n" },
  {
    name: "a folder (zh)",
    args: ["samples", "--lang", "zh"],
    code: 1,
    stderr: "samples 是文件夹，不是文件。请给出其中的 .csv 或 .xlsx 文件。\n",
  },
  { name: "a file that is not text", args: [PICTURE], code: 1, stderr: /^\S+picture\.csv is not a text file \(it is a PNG file\)/ },
  { name: "a file that is not text (zh)", args: [PICTURE, "--lang", "zh"], code: 1, stderr: /picture\.csv 不是文本文件/ },
  { name: "a bad --as-of", args: ["--as-of", "2025-13-01"], code: 2, stderr: "--as-of 2025-13-01 is not a date: write it as 2025-07-31\n" },
  {
    name: "a bad --as-of (zh)",
    args: ["--lang", "zh", "--as-of", "2025-13-01"],
    code: 2,
    stderr: "--as-of 2025-13-01 不是日期：请写成 2025-07-31 或 2025年7月31日\n",
  },
  {
    name: "an unknown option",
    args: ["--bogus"],
    code: 2,
    stderr: /^unknown option --bogus\nusage: npm run triage -- \[portfolio\.csv\|\.xlsx\]/,
  },
  { name: "an unknown option (zh)", args: ["--bogus", "--lang", "zh"], code: 2, stderr: /^未知选项 --bogus\n用法：npm run triage -- / },
  { name: "an option without its value", args: ["--out"], code: 2, stderr: /^--out needs a value\nusage: / },
];

describe("plain messages", () => {
  // All at once: each is a process of its own.
  const outcomes = Promise.all(CASES.map((c) => triage(...c.args)));

  it.each(CASES.map((c, i) => [c.name, i] as const))("%s", async (_name, i) => {
    const { code, stdout, stderr } = (await outcomes)[i];
    const want = CASES[i];
    if (typeof want.stderr === "string") expect(stderr).toBe(want.stderr);
    else expect(stderr).toMatch(want.stderr);
    expect(code).toBe(want.code);
    expect(stdout).toBe("");
    // no stack trace, no raw error code, no jargon
    expect(stderr).not.toMatch(/\n\s+at |ENOENT|EISDIR|Error:|date cell|Excel serial/);
    for (const line of stderr.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });

  it("as a process: the message on stderr, the exit code, no stack trace", async () => {
    const [missing, date] = await Promise.all([spawnTriage("samples/x.csv", "--lang", "zh"), spawnTriage("--as-of", "2025-13-01")]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "没有文件 samples/x.csv。请检查文件名，或给出完整路径。\n" });
    expect(date).toEqual({ code: 2, stdout: "", stderr: "--as-of 2025-13-01 is not a date: write it as 2025-07-31\n" });
  }, 120_000);

  it("prints the usage on stdout for --help, exit 0", async () => {
    const en = await triage("--help");
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^usage: npm run triage -- /);
    const zh = await triage("-h", "--lang", "zh");
    expect(zh.stdout).toMatch(/^用法：npm run triage -- /);
  });

  it("names a file the system will not let be read (permissions), in both languages", () => {
    const denied = openError(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" }), "secret.csv");
    expect(denied?.text("en")).toBe(
      "Cannot read secret.csv: you have no permission to read it. Check its permissions, or copy it to a folder of yours.",
    );
    expect(denied?.text("zh")).toBe("无法读取 secret.csv：没有读取权限。请检查文件权限，或将它复制到自己的文件夹。");
    expect(openError(Object.assign(new Error("x"), { code: "EPERM" }), "a.csv")?.message).toMatch(
      /^Cannot read a\.csv: you have no permission/,
    );
    expect(openError(new Error("something else"), "a.csv")).toBeNull();
  });
});
