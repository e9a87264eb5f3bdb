// The result as a table (src/result/table.ts): the one builder of the command line, the worker and the
// Excel result sheet.
import { describe, expect, it } from "vitest";
import { withOverrides } from "../../src/core/index.js";
import { recordCells, triageColumns } from "../../src/result/columns.js";
import { LEVEL_FILLS, isAmountColumn } from "../../src/result/style.js";
import { resultHead, resultRows, resultTable } from "../../src/result/table.js";
import { smallRun } from "./support.js";

const { output } = smallRun();

describe("the result table", () => {
  it("has the policy's columns in the language and one row per record", () => {
    const en = resultTable(output, "en");
    expect(en.headers).toEqual(triageColumns(output.policy).map((c) => c.en));
    expect(en.columnKeys).toEqual(triageColumns(output.policy).map((c) => c.key));
    expect(en.headers.slice(0, 4)).toEqual(["source row", "customer", "balance", "status"]);
    expect(resultTable(output, "zh").headers.slice(0, 4)).toEqual(["源行号", "客户", "余额", "状态"]);
    expect(en.rows).toEqual(output.records.map((r) => recordCells(r, "en", output.policy)));
    expect(en.rows[1].slice(0, 10)).toEqual([3, "Beta", 2500.5, "ok", "", "", "", 40, "31-60", 1]);
    expect(resultTable(output, "zh").rows[1].slice(3, 4)).toEqual(["正常"]);
  });

  it("gives each row the warning level its level cell shows, null without one (a blank row, a row with a problem)", () => {
    const table = resultTable(output, "en");
    // Gamma's balance is unreadable: no level, so no colour, only its problem
    expect(table.levels).toEqual([0, 1, null, null]);
    const level = table.columnKeys.indexOf("level");
    table.levels.forEach((l, i) => expect(table.rows[i][level]).toBe(l ?? ""));
  });

  it("is the same in chunks as whole (the worker posts it in chunks)", () => {
    const whole = resultTable(output, "zh");
    const chunks = [resultRows(output.records, "zh", output.policy, 0, 3), resultRows(output.records, "zh", output.policy, 3, 4)];
    expect(chunks.flatMap((c) => c.rows)).toEqual(whole.rows);
    expect(chunks.flatMap((c) => c.levels)).toEqual(whole.levels);
  });

  it("follows the policy's settlement tiers", () => {
    const policy = withOverrides({ settlementTiers: [{ days: 15, rate: 0.85 }] });
    const head = resultHead(policy, "en");
    expect(head.columnKeys.filter((k) => k.startsWith("offer-"))).toEqual(["offer-15", "offer-full"]);
    expect(head.columnKeys.filter(isAmountColumn)).toEqual(["balance", "offer-15", "offer-full", "recovery"]);
  });
});

describe("the result's style", () => {
  it("fills levels 1 to 3", () => {
    expect(LEVEL_FILLS).toEqual({ 1: "#FFE699", 2: "#F4B183", 3: "#E06666" });
  });
});
