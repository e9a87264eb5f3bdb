// The analysis modules run in notebooks, tests and benchmarks alike: only io.ts touches Node; none uses a
// clock or Math.random (the generator has its own seeded stream); imports are relative (the rules core by
// ../core/index.js) or Arquero and flechette.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(__dirname, "../../src/analytics");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("analytics purity", () => {
  it("has a test file for every module", () => {
    const tests = new Set(readdirSync(__dirname));
    const untested = files.filter((f) => !["index.ts", "names.ts", "columns.ts"].includes(f) && !tests.has(f.replace(/\.ts$/, ".test.ts")));
    expect(untested).toEqual([]);
  });

  it.each(files.filter((f) => f !== "io.ts"))("%s uses no Node API, clock or Math.random", (file) => {
    const code = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\bDate\.(now|parse)\b|Math\.random|performance\.now|\bprocess\./);
    for (const m of code.matchAll(/from\s+["']([^"']+)["']/g)) {
      expect(m[1].startsWith("./") || m[1].startsWith("../core/") || m[1] === "arquero" || m[1] === "@uwdata/flechette", `${file} imports ${m[1]}`).toBe(true);
    }
    expect(code).not.toMatch(/\baq\.escape\b/);
  });

  it("re-exports every module from the index", () => {
    const index = readFileSync(join(dir, "index.ts"), "utf8");
    for (const f of files.filter((x) => x !== "index.ts")) expect(index, f).toContain(`export * from "./${f.replace(/\.ts$/, ".js")}";`);
  });
});
