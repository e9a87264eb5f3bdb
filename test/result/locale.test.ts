// The user's language and day (src/result/locale.ts): one picker for the pane and the functions.
import { describe, expect, it } from "vitest";
import { serialFromCivil } from "../../src/core/index.js";
import { pickLanguage, todaySerial } from "../../src/result/locale.js";

describe("the language", () => {
  it.each([
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["zh-Hans", "zh"],
    ["ZH_cn", "zh"],
    [" zh-CN ", "zh"],
    ["zh", "zh"],
    ["en-US", "en"],
    ["de-DE", "en"],
    ["", "en"],
    [undefined, "en"],
    [null, "en"],
    ["zhx", "en"],
  ])("%j gives %s", (locale, language) => {
    expect(pickLanguage(locale)).toBe(language);
  });
});

describe("today", () => {
  it("is the user's local date, not UTC's", () => {
    // Pacific/Chatham (the tests' time zone) is UTC+13:45 in January: 00:30 local is still the day before in UTC.
    const earlyMorning = new Date(2025, 0, 1, 0, 30);
    expect(earlyMorning.toISOString().slice(0, 10)).toBe("2024-12-31");
    expect(todaySerial(earlyMorning)).toBe(serialFromCivil(2025, 1, 1));
    expect(todaySerial(new Date(2025, 6, 31, 23, 59))).toBe(45869);
  });
});
