// `npm run triage -- portfolio --policy policy.json`: the run's credit policy from a file in the form the pane
// stores in a workbook; refused naming the setting, as the pane refuses it; the file never written over.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArguments, runTriage } from "../../src/cli/triage.js";
import { readTable } from "../../src/cli/table-io.js";
import { serialFromCivil } from "../../src/core/index.js";

const asOf = serialFromCivil(2025, 7, 31);
const dir = mkdtempSync(join(tmpdir(), "ar-policy-"));
const PORTFOLIO = join(__dirname, "../../samples/portfolio.csv");
const US = join(__dirname, "../../samples/policy-us.json");
const flat = (lines: string[]) => lines.join("\n").replace(/\n {2}(?=\S)/g, " ");
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const run = (args: string[]) => runTriage(parseArguments([PORTFOLIO, "--as-of", "2025-07-31", ...args], asOf));

describe("npm run triage -- --policy", () => {
  it("triages by the file's settings and says which differ from the defaults", async () => {
    const base = join(dir, "default.csv");
    const us = join(dir, "us.csv");
    await run(["--out", base]);
    const lines = flat(await run(["--policy", US, "--out", us]));
    expect(lines).toContain("policy policy-us.json: 3 settings differ from the defaults: smallAmountLimit, creditTermDays, currency\n");
    const before = await readTable(base);
    const after = await readTable(us);
    const at = (t: typeof before, customer: string, header: string) =>
      t.rows.find((r) => String(r[1]).startsWith(customer))![t.headers.indexOf(header)];
    // one overdue event of 20,000: within the default small-amount limit 50,000 (B, 15 days), above 10,000 (C, cash)
    expect([at(before, "Blue River", "grade"), at(before, "Blue River", "term (days)")]).toEqual(["B", "15"]);
    expect([at(after, "Blue River", "grade"), at(after, "Blue River", "term (days)")]).toEqual(["C", "0"]);
    expect(String(at(after, "Blue River", "reasons"))).toMatch(/^1 overdue event of 20,000, above the small-amount limit 10,000 \(C\)/);
    // grade A: 30 days by default, 45 by the file
    expect([at(before, "Qinghe", "term (days)"), at(after, "Qinghe", "term (days)")]).toEqual(["30", "45"]);
    // nothing else moves: the same rows, balances and days past due
    expect(after.rows.map((r) => [r[0], r[2], r[7]])).toEqual(before.rows.map((r) => [r[0], r[2], r[7]]));
  });

  it("reads a file with a byte-order mark, and an empty object as the defaults (zh)", async () => {
    const path = file("empty.json", "\uFEFF{}");
    expect(flat(await run(["--policy", path, "--lang", "zh"]))).toContain("信用政策 empty.json：与默认值相同\n");
  });

  it("refuses a setting it does not know, a wrong type, an inconsistent ladder and text that is not JSON, naming them", async () => {
    await expect(run(["--policy", file("typo.json", '{"creditTerm": 45}')])).rejects.toThrow(
      "--policy typo.json: creditTerm: is not a policy setting",
    );
    await expect(run(["--policy", file("type.json", '{"smallAmountLimit": "10k"}')])).rejects.toThrow(
      '--policy type.json: smallAmountLimit: "10k" is not a number',
    );
    await expect(run(["--policy", file("ladder.json", '{"warningDays": [30, 20, 90]}')])).rejects.toThrow(
      "--policy ladder.json: warningDays: must increase: 30,20,90",
    );
    const notJson = run(["--policy", file("broken.json", '{"currency": "USD",')]);
    await expect(notJson).rejects.toThrow(/^--policy broken\.json is not JSON \(.+\): write the settings as \{"currency": "USD"/);
    await expect(notJson).rejects.toMatchObject({ zh: expect.stringMatching(/^--policy broken\.json 不是 JSON/) });
    await expect(run(["--policy", join(dir, "missing.json")])).rejects.toThrow(/^No file .*missing\.json\. Check the name/);
  });

  it("never writes over the policy file", async () => {
    const path = file("keep.json", '{"currency": "USD"}');
    await expect(run(["--policy", path, "--out", path])).rejects.toThrow();
    expect(readFileSync(path, "utf8")).toBe('{"currency": "USD"}');
  });

  it("is in the usage line", () => {
    expect(() => parseArguments(["--help"])).toThrow(/\[--policy policy\.json\]/);
    expect(() => parseArguments(["--policy"])).toThrow("--policy needs a value");
  });
});
