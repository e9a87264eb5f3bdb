import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, POLICY_FIELDS, RuleError } from "../src/core/index.js";
import { describeRefusal, fieldOf, formToPolicy, POLICY_FORM, POLICY_GROUPS, policyToForm } from "../src/taskpane/policy-form.js";

describe("the policy form of the task pane", () => {
  it("shows the defaults in the words an accountant types", () => {
    const form = policyToForm(DEFAULT_POLICY);
    expect(form.smallAmountLimit).toBe("50,000");
    expect(form["creditTermDays.B"]).toBe("15");
    expect(form.settlementTiers).toBe("10:90%,20:95%");
    expect(form.provisionRates).toBe("0:1%,30:2%,90:3%,180:20%,*:50%");
    expect(form.planMaxCashFlowShare).toBe("80%");
    expect([form.settlementFromLevel, form.planProposalCashFlowShare, form.futureBenefitOffered, form.futureBenefitDiscountRate]).toEqual([
      "1",
      "70%",
      "yes",
      "1%",
    ]);
  });

  it("reads the future-benefit switch as yes/no, in either language", () => {
    const form = policyToForm(DEFAULT_POLICY);
    expect(formToPolicy({ ...form, futureBenefitOffered: "否" }, DEFAULT_POLICY).futureBenefitOffered).toBe(false);
    expect(
      formToPolicy({ ...form, futureBenefitOffered: "no", futureBenefitExtraDays: "0", futureBenefitDiscountRate: "0" }, DEFAULT_POLICY),
    ).toMatchObject({
      futureBenefitOffered: false,
    });
    expect(() => formToPolicy({ ...form, futureBenefitOffered: "" }, DEFAULT_POLICY)).toThrow(/futureBenefitOffered: needs yes or no/);
  });

  it("covers every policy field", () => {
    const covered = new Set(POLICY_FORM.map((f) => f.key.split(".")[0]));
    expect([...POLICY_FIELDS].filter((k) => !covered.has(k))).toEqual([]);
    for (const f of POLICY_FORM) {
      expect(f.label.en.length).toBeGreaterThan(5);
      expect(f.label.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("shows every field in exactly one group", () => {
    const grouped = POLICY_GROUPS.flatMap((g) => g.keys);
    expect([...grouped].sort()).toEqual(POLICY_FORM.map((f) => f.key).sort());
    for (const g of POLICY_GROUPS) expect(g.label.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it("never changes an amount by showing it: three decimals survive a save", () => {
    const p = formToPolicy({ ...policyToForm(DEFAULT_POLICY), smallAmountLimit: "50000.555" }, DEFAULT_POLICY);
    expect(formToPolicy(policyToForm(p), DEFAULT_POLICY).smallAmountLimit).toBe(50000.555);
  });

  it("gives the bare reason for the pane to put its own label in front", () => {
    try {
      formToPolicy({ ...policyToForm(DEFAULT_POLICY), warningDays: "60,30,90" }, DEFAULT_POLICY);
    } catch (e) {
      expect((e as RuleError).detail).toEqual({ en: "must increase: 60,30,90", zh: "必须递增：60,30,90" });
    }
    expect.assertions(1);
  });

  it("reads its own texts back to the same policy", () => {
    expect(formToPolicy(policyToForm(DEFAULT_POLICY), DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it("reads edits", () => {
    const p = formToPolicy(
      {
        ...policyToForm(DEFAULT_POLICY),
        "smallAmountLimit": "80,000",
        "creditTermDays.A": "45",
        "settlementTiers": "7:85%,15:92%",
        "agingEdges": "30，60，90，180",
      },
      DEFAULT_POLICY,
    );
    expect(p.smallAmountLimit).toBe(80_000);
    expect(p.creditTermDays).toEqual({ A: 45, B: 15, C: 0 });
    expect(p.settlementTiers).toEqual([
      { days: 7, rate: 0.85 },
      { days: 15, rate: 0.92 },
    ]);
    expect(p.agingEdges).toEqual([30, 60, 90, 180]);
  });

  it.each([
    ["smallAmountLimit", "-5", /^smallAmountLimit: "-5" is negative/],
    ["creditTermDays.C", "x", /^creditTermDays\.C: "x" is not a number/],
    ["warningDays", "30,60", /^warningDays: needs exactly three values/],
    ["warningDays", "60,30,90", /^warningDays: must increase/],
    ["settlementTiers", "10:95%,20:90%", /^settlementTiers: a later tier cannot have a lower rate/],
    ["factoringFeeRate", "30%", /^factoringFeeRate: advance rate plus fee rate cannot exceed 100%/],
    ["provisionRates", "0:1%,30:2%", /^provisionRates: the last rate must cover/],
    ["confirmationDay", "31", /^confirmationDay: 31 must be a whole number from 1 to 28/],
  ])("refuses %s = %j naming the field", (key, text, pattern) => {
    let error: unknown;
    try {
      formToPolicy({ ...policyToForm(DEFAULT_POLICY), [key]: text }, DEFAULT_POLICY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).message).toMatch(pattern);
    expect(fieldOf(error as RuleError)?.key).toBe(key);
  });

  it("describes a refusal by the field's label, in each language, with the bare reason for next to the field", () => {
    let error: RuleError | undefined;
    try {
      formToPolicy({ ...policyToForm(DEFAULT_POLICY), warningDays: "60,30,90" }, DEFAULT_POLICY);
    } catch (e) {
      error = e as RuleError;
    }
    expect(describeRefusal(error!, "en")).toEqual({
      key: "warningDays",
      detail: "must increase: 60,30,90",
      text: "Warning levels 1, 2, 3 from (days): must increase: 60,30,90",
    });
    expect(describeRefusal(error!, "zh")).toEqual({
      key: "warningDays",
      detail: "必须递增：60,30,90",
      text: "一、二、三级预警起点（天）：必须递增：60,30,90",
    });
  });

  it("describes a refusal of no form field (a stored key it does not know) by the error's own words", () => {
    const error = new RuleError("smallAmountLimt", "is not a policy setting", "不是政策设置项");
    expect(describeRefusal(error, "en")).toEqual({ detail: "is not a policy setting", text: "smallAmountLimt: is not a policy setting" });
    expect(describeRefusal(error, "zh").text).toBe("smallAmountLimt：不是政策设置项");
  });
});
