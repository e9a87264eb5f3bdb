// The rules core must run anywhere (Excel, task pane, command line, notebooks) and give the same answer
// on every machine: no Office or DOM, no clock, no randomness, no time zone. tsconfig.core.json
// type-checks it without Office, DOM or Node types; this test also reads the sources.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const coreDir = join(__dirname, "../../src/core");
const files = readdirSync(coreDir).filter((f) => f.endsWith(".ts"));

describe("rules core purity", () => {
  it("has source files", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)("%s uses no clock, randomness, Office, DOM or Node", (file) => {
    const code = readFileSync(join(coreDir, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\bnew Date\b|\bDate\.(now|parse)\b|Math\.random|performance\.now/);
    expect(code).not.toMatch(/\b(Office|Excel|CustomFunctions|window|document|process)\./);
    expect(code).not.toMatch(/from\s+["'](node:|fs|path|os)["']/);
    for (const m of code.matchAll(/from\s+["']([^"']+)["']/g)) {
      expect(m[1].startsWith("./") || m[1] === "decimal.js", `${file} imports ${m[1]}`).toBe(true);
    }
  });
});
