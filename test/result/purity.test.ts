// The result as a table is pure: no Office, DOM or Node, and built on the core only (tsconfig.core.json
// type-checks it without those types; this says it in words).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(__dirname, "../../src/result");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("result purity", () => {
  it.each(files)("%s uses no Office, DOM, Node or randomness, and imports only itself and the core", (file) => {
    const code = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/Math\.random|performance\.now/);
    expect(code).not.toMatch(/\b(Office|Excel|CustomFunctions|window|document|process|navigator)\./);
    for (const m of code.matchAll(/from\s+["']([^"']+)["']/g)) {
      expect(/^\.\/[^/]+\.js$|^\.\.\/core\/index\.js$/.test(m[1]), `${file} imports ${m[1]}`).toBe(true);
    }
  });

  it("reads the clock only for today's date", () => {
    for (const file of files) {
      const code = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      if (file !== "locale.ts") expect(code, file).not.toMatch(/\bnew Date\b|\bDate\.(now|parse)\b/);
    }
  });
});
