// Office's display language (src/office/display-language.ts): read where Office is, nothing where it is not.
import { afterEach, describe, expect, it } from "vitest";
import { officeDisplayLanguage } from "../../src/office/display-language.js";

const g = globalThis as Record<string, unknown>;
const saved = g.Office;
afterEach(() => {
  g.Office = saved;
});

describe("the display language", () => {
  it("is Office's", () => {
    g.Office = { context: { displayLanguage: "zh-CN" } };
    expect(officeDisplayLanguage()).toBe("zh-CN");
  });

  it("is undefined outside Office, before it is ready, or when reading it throws", () => {
    delete g.Office;
    expect(officeDisplayLanguage()).toBeUndefined();
    g.Office = {};
    expect(officeDisplayLanguage()).toBeUndefined();
    g.Office = {
      get context(): never {
        throw new Error("Office.js has not fully loaded");
      },
    };
    expect(officeDisplayLanguage()).toBeUndefined();
  });
});
