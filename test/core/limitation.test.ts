import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { limitationDaysLeft, limitationEnd, limitationReasons, limitationStatus } from "../../src/core/limitation.js";
import { addDays, isoFromSerial, serialFromCivil } from "../../src/core/dates.js";
import { withOverrides } from "../../src/core/policy.js";
import { expectRuleError } from "../support/rule-error.js";

const day = (y: number, m: number, d: number): number => serialFromCivil(y, m, d);
const iso = (serial: number): string => isoFromSerial(serial);

describe("limitation period (Civil Code art. 188, 195)", () => {
  it("ends 3 years after the last interruption, as EDATE counts", () => {
    expect(iso(limitationEnd(day(2025, 7, 27)))).toBe("2028-07-27");
    expect(iso(limitationEnd(day(2024, 2, 29)))).toBe("2027-02-28"); // no 29 February in 2027
    expect(iso(limitationEnd(day(2025, 2, 28)))).toBe("2028-02-28"); // 2028 is a leap year, but the 28th corresponds
    expect(iso(limitationEnd(day(2025, 12, 31)))).toBe("2028-12-31");
    expect(iso(limitationEnd(day(2024, 2, 29), withOverrides({ limitationYears: 4 })))).toBe("2028-02-29");
    expect(iso(limitationEnd(day(2025, 7, 27), withOverrides({ limitationYears: 2 })))).toBe("2027-07-27");
    expect(limitationEnd(day(2025, 7, 27) + 0.75)).toBe(day(2028, 7, 27)); // time of day ignored
  });

  it("counts the days left: 1,096 at the start, 0 on the last day, negative after", () => {
    const start = day(2025, 7, 27);
    expect(limitationDaysLeft(start, start)).toBe(1096); // 2026, 2027 and 2028 (leap): 365 + 365 + 366
    expect(limitationDaysLeft(start, day(2028, 7, 26))).toBe(1);
    expect(limitationDaysLeft(start, day(2028, 7, 27))).toBe(0);
    expect(limitationDaysLeft(start, day(2028, 7, 28))).toBe(-1);
    expect(limitationDaysLeft(start, day(2030, 7, 27))).toBe(-730);
    expect(limitationDaysLeft(day(2024, 2, 29), day(2027, 2, 28))).toBe(0);
    expect(limitationDaysLeft(day(2024, 2, 29), day(2024, 2, 29))).toBe(365 + 365 + 365);
    expect(limitationDaysLeft(start, start + 0.9)).toBe(1096);
    // across Excel's phantom 1900-02-29 (serial 60): real calendar days
    expect(limitationDaysLeft(day(1900, 1, 1), day(1900, 1, 1))).toBe(365 + 365 + 365);
  });

  it("turns to warning at 180 days left and to expired below 0", () => {
    expect(limitationStatus(1096)).toBe("running");
    expect(limitationStatus(181)).toBe("running");
    expect(limitationStatus(180)).toBe("warning");
    expect(limitationStatus(1)).toBe("warning");
    expect(limitationStatus(0)).toBe("warning");
    expect(limitationStatus(-1)).toBe("expired");
    const policy = withOverrides({ limitationWarningDays: 30 });
    expect(limitationStatus(31, policy)).toBe("running");
    expect(limitationStatus(30, policy)).toBe("warning");
    expect(limitationStatus(0, withOverrides({ limitationWarningDays: 0 }))).toBe("warning");
    expect(limitationStatus(1, withOverrides({ limitationWarningDays: 0 }))).toBe("running");
  });

  it("explains in English and Chinese", () => {
    const start = day(2025, 7, 27);
    expect(limitationReasons(start, start)).toEqual([
      { code: "ends", en: "limitation period ends 2028-07-27: 1,096 days left", zh: "诉讼时效于 2028-07-27 届满：剩余 1,096 天" },
      {
        code: "start",
        en: "3 years from the day after the last demand, acknowledgement or suit on 2025-07-27 (Civil Code art. 188, 195)",
        zh: "自最后一次催告、债务人承认或起诉（2025-07-27）次日起 3 年（《民法典》第188条、第195条）",
      },
    ]);
    const warning = limitationReasons(start, day(2028, 3, 1));
    expect(warning.map((r) => r.code)).toEqual(["ends", "start", "warning"]);
    expect(warning[0].en).toBe("limitation period ends 2028-07-27: 148 days left");
    expect(warning[2].en).toBe(
      "within the 180-day warning window: demand payment in writing, get a signed acknowledgement or sue to restart the period (art. 195)",
    );
    expect(limitationReasons(start, day(2028, 7, 26))[0].en).toBe("limitation period ends 2028-07-27: 1 day left");
    const expired = limitationReasons(start, day(2028, 7, 28));
    expect(expired.map((r) => r.code)).toEqual(["expired", "start", "expired-effect"]);
    expect(expired[0]).toEqual({
      code: "expired",
      en: "limitation period ended 2028-07-27: expired 1 day ago",
      zh: "诉讼时效已于 2028-07-27 届满：已过 1 天",
    });
    expect(limitationReasons(start, day(2030, 7, 27))[0].en).toBe("limitation period ended 2028-07-27: expired 730 days ago");
    expect(limitationReasons(start, start, withOverrides({ limitationYears: 1 }))[1].en.startsWith("1 year from")).toBe(true);
  });

  it.each([
    ["last_interruption", () => limitationEnd(60), "last_interruption: serial 60 is Excel's phantom 1900-02-29"],
    ["last_interruption", () => limitationEnd(0), "last_interruption: 0 is not a date serial"],
    ["last_interruption", () => limitationEnd(Number.NaN), "last_interruption: NaN is not a date serial"],
    [
      "last_interruption",
      () => limitationEnd(day(9997, 1, 1)),
      "last_interruption: 9997-01-01: the limitation period would end after 9999-12-31",
    ],
    ["last_interruption", () => limitationDaysLeft(-5, day(2025, 1, 1)), "last_interruption: -5 is not a date serial"],
    [
      "as_of",
      () => limitationDaysLeft(day(2025, 7, 27), day(2025, 7, 26)),
      "as_of: 2025-07-26 is before last_interruption 2025-07-27; were the two dates swapped?",
    ],
    ["as_of", () => limitationDaysLeft(day(2025, 7, 27), 60), "as_of: serial 60 is Excel's phantom 1900-02-29"],
    ["as_of", () => limitationReasons(day(2025, 7, 27), 3e6), "as_of: 3000000 is not a date serial"],
    ["days_left", () => limitationStatus(1.5), "days_left: 1.5 is not a whole number of days"],
    ["days_left", () => limitationStatus(Number.NaN), "days_left: NaN is not a whole number of days"],
  ])("refuses a bad %s", (argument, call, message) => {
    expectRuleError(call, argument, message);
  });

  it("loses exactly one day left per day of the as-of date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: day(9980, 1, 1) }).filter((s) => s !== 60),
        fc.integer({ min: 0, max: 4000 }),
        (interruption, offset) => {
          const asOf = addDays(interruption, offset);
          const next = addDays(asOf, 1);
          expect(limitationDaysLeft(interruption, next)).toBe(limitationDaysLeft(interruption, asOf) - 1);
        },
      ),
    );
  });

  it("has 0 days left exactly on limitationEnd, and a status that only worsens with time", () => {
    const rank = { running: 0, warning: 1, expired: 2 } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: day(9990, 1, 1) }).filter((s) => s !== 60),
        fc.integer({ min: 0, max: 1200 }),
        (interruption, offset) => {
          expect(limitationDaysLeft(interruption, limitationEnd(interruption))).toBe(0);
          const asOf = addDays(interruption, offset);
          const now = limitationStatus(limitationDaysLeft(interruption, asOf));
          const later = limitationStatus(limitationDaysLeft(interruption, addDays(asOf, 1)));
          expect(rank[later]).toBeGreaterThanOrEqual(rank[now]);
          // 3 years are 1,095 or 1,096 days
          const total = limitationDaysLeft(interruption, interruption);
          expect(total === 1095 || total === 1096).toBe(true);
        },
      ),
    );
  });
});
