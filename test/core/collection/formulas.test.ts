// The words and readers of the collection log's formulas (AR.PROMISE, AR.NEXTCONTACT): src/core/collection/formulas.ts.
import { describe, expect, it } from "vitest";
import {
  checkContactNotAfter,
  FOLLOW_UP_STATUS_NAMES,
  followUpStatus,
  nextContactDue,
  PROMISE_STATE_NAMES,
  readLoggedAmount,
  readWarningLevel,
  RuleError,
  serialFromCivil,
} from "../../../src/core/index.js";

const d = (iso: string) => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromCivil(y, m, day);
};

/** The RuleError a call throws (fails when it does not throw one). */
function refusal(call: () => unknown): RuleError {
  try {
    call();
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("followUpStatus", () => {
  const asOf = d("2025-07-31");
  it("is overdue when the next contact was due before the as-of date, due today on it, not due after it", () => {
    expect(followUpStatus(d("2025-07-22"), asOf)).toBe("overdue");
    expect(followUpStatus(d("2025-07-30"), asOf)).toBe("overdue");
    expect(followUpStatus(asOf, asOf)).toBe("dueToday");
    expect(followUpStatus(d("2025-08-01"), asOf)).toBe("notDue");
    expect(followUpStatus(null, asOf)).toBe("none");
  });

  it("agrees with nextContactDue on the ladder: level 3 every 3 days, level 2 weekly, level 0 none", () => {
    expect(followUpStatus(nextContactDue(d("2025-07-27"), 3, asOf), asOf)).toBe("overdue"); // due 07-30
    expect(followUpStatus(nextContactDue(d("2025-07-28"), 3, asOf), asOf)).toBe("dueToday"); // due 07-31
    expect(followUpStatus(nextContactDue(d("2025-07-25"), 2, asOf), asOf)).toBe("notDue"); // due 08-01
    expect(followUpStatus(nextContactDue(d("2025-07-01"), 0, asOf), asOf)).toBe("none");
    expect(followUpStatus(nextContactDue(null, 1, asOf), asOf)).toBe("dueToday"); // no contact logged
  });

  it("has a word for every status in both languages", () => {
    expect(FOLLOW_UP_STATUS_NAMES.en).toEqual({ overdue: "overdue", dueToday: "due today", notDue: "not due", none: "none" });
    expect(Object.values(FOLLOW_UP_STATUS_NAMES.zh)).toEqual(["已逾期", "今日到期", "未到期", "无需跟进"]);
    expect(PROMISE_STATE_NAMES.zh).toEqual({ kept: "已兑现", broken: "未兑现", pending: "待兑现", afterAsOf: "截止日后作出" });
  });
});

describe("the readers name the argument", () => {
  it("reads a warning level 0 to 3, as a number or text", () => {
    expect([0, 1, 2, 3, "2"].map((v) => readWarningLevel(v, "warning_level"))).toEqual([0, 1, 2, 3, 2]);
    const e = refusal(() => readWarningLevel(4, "warning_level"));
    expect(e.argument).toBe("warning_level");
    expect(e.text("en")).toBe("warning_level: 4 is not a warning level (0 to 3)");
    expect(e.text("zh")).toBe("warning_level：4 不是预警级别（0 至 3）");
    expect(refusal(() => readWarningLevel(1.5, "warning_level")).argument).toBe("warning_level");
    expect(refusal(() => readWarningLevel(-1, "warning_level")).argument).toBe("warning_level");
  });

  it("reads an amount above 0 to the cent, refusing 0 and negatives", () => {
    expect(readLoggedAmount("1234.50", "payment_amounts")).toBe(1234.5);
    expect(refusal(() => readLoggedAmount(0, "payment_amounts")).text("en")).toBe(
      "payment_amounts: an amount of 0 promises or pays nothing",
    );
    expect(refusal(() => readLoggedAmount(-5, "promised_amounts")).argument).toBe("promised_amounts");
  });

  it("refuses a contact after the as-of date, and takes one on it", () => {
    expect(() => checkContactNotAfter(d("2025-07-31"), d("2025-07-31"), "last_contact")).not.toThrow();
    const e = refusal(() => checkContactNotAfter(d("2025-08-02"), d("2025-07-31"), "last_contact"));
    expect(e.text("en")).toBe("last_contact: 2025-08-02 is after the as-of date 2025-07-31: a contact not yet made");
  });
});
