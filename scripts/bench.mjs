// Runs a benchmark on the code as it ships: the entry is bundled with esbuild (as webpack bundles the
// add-in: one scope, no module getters between files) and run with --expose-gc.
// Usage: node scripts/bench.mjs bench/functions.bench.ts [-- benchmark arguments]
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/bench.mjs <bench file> [arguments]");
  process.exit(2);
}
// One folder per checkout: node_modules may be shared by several worktrees, each running its own bench.
const outDir = resolve("node_modules/.cache/ar-bench", basename(process.cwd()));
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, basename(entry).replace(/\.ts$/, ".cjs"));
await build({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile,
  logLevel: "warning",
  packages: "bundle",
});
const run = spawnSync(process.execPath, ["--expose-gc", outfile, ...rest.filter((a) => a !== "--")], { stdio: "inherit" });
process.exit(run.status ?? 1);
