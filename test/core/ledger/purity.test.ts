// The ledger reading is part of the rules core: the same checks as test/core/purity.test.ts, on src/core/ledger.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(__dirname, "../../../src/core/ledger");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("ledger purity", () => {
  it("has its files", () => {
    expect(files).toContain("index.ts");
    expect(files).toContain("values.ts");
  });

  it.each(files)("%s uses no clock, randomness, Office, DOM or Node, and imports only the core and decimal.js", (file) => {
    const code = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\bnew Date\b|\bDate\.(now|parse)\b|Math\.random|performance\.now/);
    expect(code).not.toMatch(/\b(Office|Excel|CustomFunctions|window|document|process)\./);
    for (const m of code.matchAll(/from\s+["']([^"']+)["']/g)) {
      expect(/^\.\.?\/[^/]+(\/[^/]+)?\.js$/.test(m[1]) || m[1] === "decimal.js", `${file} imports ${m[1]}`).toBe(true);
    }
  });

  it("every file is exported from the ledger index, and the ledger from the core's registry", () => {
    const index = readFileSync(join(dir, "index.ts"), "utf8");
    for (const file of files.filter((f) => f !== "index.ts")) expect(index).toContain(`export * from "./${file.replace(/\.ts$/, ".js")}";`);
    expect(readFileSync(join(dir, "../index.ts"), "utf8")).toContain('export * from "./ledger/index.js";');
  });
});
