// The triage is part of the rules core: the same checks as test/core/purity.test.ts, on src/core/triage.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(__dirname, "../../../src/core/triage");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("triage purity", () => {
  it("has its files", () => {
    expect(files.sort()).toEqual([
      "cells.ts",
      "customers.ts",
      "decimal.ts",
      "headers.ts",
      "index.ts",
      "layout.ts",
      "reasons.ts",
      "record.ts",
      "run.ts",
      "shared.ts",
      "signals.ts",
      "summary.ts",
      "triage.ts",
      "types.ts",
    ]);
  });

  it.each(files)("%s uses no clock, randomness, Office, DOM or Node, and imports only the core", (file) => {
    const code = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\bnew Date\b|\bDate\.(now|parse)\b|Math\.random|performance\.now/);
    expect(code).not.toMatch(/\b(Office|Excel|CustomFunctions|window|document|process)\./);
    for (const m of code.matchAll(/from\s+["']([^"']+)["']/g)) {
      expect(/^\.\.?\/((ledger|collection)\/)?[^/]+\.js$/.test(m[1]), `${file} imports ${m[1]}`).toBe(true);
    }
  });

  it("is exported from the core's registry", () => {
    const index = readFileSync(join(dir, "../index.ts"), "utf8");
    expect(index).toContain('export * from "./triage/index.js";');
  });
});
