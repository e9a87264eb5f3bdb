// `npm run triage -- portfolio --policy policy.json`: the run's credit policy from a file in the form the pane
// stores in a workbook; refused naming the setting, as the pane refuses it; the file never written over.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArguments, runTriage } from "../../src/cli/triage.js";
import { readTable } from "../../src/cli/table-io.js";
import { serialFromCivil } from "../../src/core/index.js";
import { ZipWriter } from "../../src/cli/xlsx-zip.js";
import ExcelJS from "exceljs";
import unzipper from "unzipper";

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

/**
 * A workbook as Excel saves it after the pane stored a policy: the add-in's settings in its web extension part
 * ([MS-OWEXML]: we:webextension, we:reference with the manifest's id, we:property with the JSON text).
 */
async function workbookWithSettings(name: string, settings: Record<string, string>, id = "{E650684D-6DEE-469F-9830-A7206707E635}") {
  const table = await readTable(PORTFOLIO);
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Debtors").addRows([table.headers, ...table.rows]);
  const plain = Buffer.from(await book.xlsx.writeBuffer());
  const parts = (await unzipper.Open.buffer(plain)).files.filter((f) => f.type === "File");
  const path = join(dir, name);
  const zip = await ZipWriter.create(path);
  for (const part of parts) await zip.add(part.path, (await part.buffer()).toString("utf8"));
  const props = Object.entries(settings)
    .map(([key, value]) => `<we:property name="${key}" value="${value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"/>`)
    .join("");
  await zip.add(
    "xl/webextensions/webextension1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{1F3A6C3B-0000-4000-8000-000000000001}"><we:reference id="${id}" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties>${props}</we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`,
  );
  await zip.finish();
  return path;
}

describe("the policy the pane stored in the portfolio's workbook", () => {
  it("is used without --policy, so the command line grades as the workbook's formulas do", async () => {
    const path = await workbookWithSettings("stored.xlsx", { "ar.policy": JSON.stringify({ smallAmountLimit: 10000, currency: "USD" }) });
    const out = join(dir, "stored-result.csv");
    const lines = flat(await runTriage(parseArguments([path, "--as-of", "2025-07-31", "--out", out], asOf)));
    expect(lines).toContain("policy stored in the workbook stored.xlsx: 2 settings differ from the defaults: smallAmountLimit, currency\n");
    const result = await readTable(out);
    expect(result.rows.find((r) => String(r[1]).startsWith("Blue River"))![result.headers.indexOf("grade")]).toBe("C");
  });

  it("gives way to --policy, and is not taken from another add-in's settings", async () => {
    const path = await workbookWithSettings("both.xlsx", { "ar.policy": JSON.stringify({ smallAmountLimit: 10000 }) });
    const lines = flat(await runTriage(parseArguments([path, "--as-of", "2025-07-31", "--policy", US], asOf)));
    expect(lines).toContain("policy policy-us.json: 3 settings differ");
    expect(lines).not.toContain("stored in the workbook");
    const other = await workbookWithSettings("other.xlsx", { "ar.policy": JSON.stringify({ smallAmountLimit: 1 }) }, "wa104104476");
    expect(flat(await runTriage(parseArguments([other, "--as-of", "2025-07-31"], asOf)))).not.toContain("policy");
  });

  it("is not used when it does not read, and the printout says why (en + zh)", async () => {
    const path = await workbookWithSettings("bad.xlsx", { "ar.policy": JSON.stringify({ warningDays: [30, 20, 90] }) });
    const out = join(dir, "bad-result.csv");
    const lines = flat(await runTriage(parseArguments([path, "--as-of", "2025-07-31", "--out", out], asOf)));
    expect(lines).toContain(
      "the policy stored in the workbook bad.xlsx is not used (warningDays: must increase: 30,20,90): the defaults apply\n",
    );
    const result = await readTable(out);
    expect(result.rows.find((r) => String(r[1]).startsWith("Blue River"))![result.headers.indexOf("grade")]).toBe("B");
    const zh = flat(await runTriage(parseArguments([path, "--as-of", "2025-07-31", "--lang", "zh"], asOf)));
    expect(zh).toContain("工作簿 bad.xlsx 中保存的信用政策无法使用（warningDays：");
  });
});
