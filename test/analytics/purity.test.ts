// The analysis modules run in notebooks, tests and benchmarks alike: only io.ts touches Node; none uses a
// clock or Math.random (the generator has its own seeded stream); imports are relative (the rules core by
// ../core/index.js) or Arquero and flechette.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, sep } from "node:path";

const dir = join(__dirname, "../../src/analytics");
// the files of src/analytics and of its module folders (generator/), as paths from it with "/"
const files = readdirSync(dir, { recursive: true })
  .map((f) => String(f).split(sep).join("/"))
  .filter((f) => f.endsWith(".ts"));
/** The module a file belongs to: itself, or its folder's index (the folder is tested and re-exported as one). */
const moduleOf = (f: string) => (f.includes("/") ? `${f.split("/")[0]}/index.ts` : f);

describe("analytics purity", () => {
  it("has a test file for every module", () => {
    const tests = new Set(readdirSync(__dirname));
    const testOf = (f: string) => moduleOf(f).replace(/(\/index)?\.ts$/, ".test.ts");
    const untested = files.filter((f) => !["index.ts", "names.ts", "columns.ts"].includes(f) && !tests.has(testOf(f)));
    expect(untested).toEqual([]);
  });

  it.each(files.filter((f) => f !== "io.ts"))("%s uses no Node API, clock or Math.random", (file) => {
    const code = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\bDate\.(now|parse)\b|Math\.random|performance\.now|\bprocess\./);
    for (const m of code.matchAll(/from\s+["']([^"']+)["']/g)) {
      const target = posix.join(posix.dirname(file), m[1]); // from src/analytics
      const allowed = m[1].startsWith(".")
        ? !target.startsWith("../") || target.startsWith("../core/")
        : m[1] === "arquero" || m[1] === "@uwdata/flechette";
      expect(allowed, `${file} imports ${m[1]}`).toBe(true);
    }
    expect(code).not.toMatch(/\baq\.escape\b/);
  });

  it("re-exports every module from the index", () => {
    const index = readFileSync(join(dir, "index.ts"), "utf8");
    const modules = new Set(files.filter((x) => x !== "index.ts").map(moduleOf));
    for (const f of modules) expect(index, f).toContain(`export * from "./${f.replace(/\.ts$/, ".js")}";`);
  });
});
