// The Log tab's form (src/taskpane/log-form.ts): which fields an action asks for, and the check that turns
// what was typed into one log entry or refuses it field by field, in both languages.
import { describe, expect, it } from "vitest";
import { serialFromCivil } from "../../src/core/index.js";
import { actionOptions, asksAmount, asksPromisedDate, checkLogForm, todayText, type LogForm } from "../../src/taskpane/log-form.js";

const form = (change: Partial<LogForm> = {}): LogForm => ({
  customer: "Acme Ltd",
  action: "call",
  date: "2026-12-07",
  amount: "",
  promisedDate: "",
  who: "",
  note: "",
  ...change,
});
const day = serialFromCivil(2026, 12, 7);

describe("the Log tab's form", () => {
  it("asks an amount for a promise, a payment and a plan, a promised date for a promise and a plan", () => {
    expect(
      actionOptions("en")
        .filter((o) => asksAmount(o.value))
        .map((o) => o.label),
    ).toEqual(["promise to pay", "payment", "plan agreed"]);
    expect(
      actionOptions("zh")
        .filter((o) => asksPromisedDate(o.value))
        .map((o) => o.label),
    ).toEqual(["承诺还款", "达成分期"]);
    expect(actionOptions("en")).toHaveLength(17);
  });

  it("shows today's date as yyyy-mm-dd", () => {
    expect(todayText(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });

  it("makes a call into an entry: blank fields left out, text trimmed", () => {
    expect(checkLogForm(form({ who: " Li ", note: "  " }))).toEqual({
      ok: true,
      entry: { date: day, customer: "Acme Ltd", action: "call", who: "Li" },
    });
    // an amount typed before switching to a call is not written
    expect(checkLogForm(form({ amount: "5" }))).toMatchObject({ ok: true, entry: { action: "call" } });
  });

  it("makes a promise into an entry with its amount (to the cent) and promised date", () => {
    expect(checkLogForm(form({ action: "promise", amount: "12,000.50", promisedDate: "2026/12/20" }))).toEqual({
      ok: true,
      entry: { date: day, customer: "Acme Ltd", action: "promise", amount: 12000.5, promisedDate: day + 13 },
    });
  });

  it("refuses a promise without amount and date, and says so per field in both languages", () => {
    const checked = checkLogForm(form({ action: "promise" }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(["amount", "promisedDate"]);
    expect(checked.errors.amount?.message).toBe("amount: is needed for a promise to pay");
    expect(checked.errors.amount?.zh).toBe("amount：记录承诺还款时必填");
    expect(checked.errors.promisedDate?.detail.zh).toBe("记录承诺还款时必填");
  });

  it("refuses no customer, a bad date, a bad amount and a promised date before the event", () => {
    const checked = checkLogForm(form({ customer: null, date: "2026-13-01", action: "payment", amount: "1.005" }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(["amount", "customer", "date"]);
    expect(checked.errors.amount?.detail.en).toBe('"1.005" is not an amount above 0 (up to 2 decimals)');
    expect(checked.errors.customer?.argument).toBe("customer");
    const early = checkLogForm(form({ action: "promise", amount: "100", promisedDate: "2026-12-01" }));
    expect(early.ok ? null : early.errors.promisedDate?.detail.en).toBe("2026-12-01 is before the event's date");
    for (const amount of ["0", "-5", "abc"]) {
      expect(checkLogForm(form({ action: "payment", amount })).ok).toBe(false);
    }
  });
});
