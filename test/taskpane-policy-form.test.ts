import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, POLICY_FIELDS, policyChanges, readPolicy, RuleError } from "../src/core/index.js";
import {
  describeRefusal,
  fieldLabel,
  fieldOf,
  formCurrency,
  formToPolicy,
  PolicyCellError,
  POLICY_FORM,
  POLICY_GROUPS,
  policyToForm,
  type FormValue,
} from "../src/taskpane/policy-form.js";

const defaults = () => policyToForm(DEFAULT_POLICY);

/** The refusal of a form with one value changed. */
function refusal(key: string, value: FormValue): RuleError {
  try {
    formToPolicy({ ...defaults(), [key]: value }, DEFAULT_POLICY);
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error(`${key} accepted`);
}

describe("the policy form of the task pane", () => {
  it("shows the defaults in the words an accountant types, the lists as rows of cells", () => {
    const form = defaults();
    expect(form.smallAmountLimit).toBe("50,000");
    expect(form["creditTermDays.B"]).toBe("15");
    expect(form.currency).toBe("CNY");
    expect(form.agingEdges).toEqual([["30"], ["60"], ["90"]]);
    expect(form.warningDays).toEqual([["30"], ["60"], ["90"]]);
    expect(form.settlementTiers).toEqual([
      ["10", "90%"],
      ["20", "95%"],
    ]);
    // the last band is the open one: no bound, the pane writes "Beyond" there
    expect(form.provisionRates).toEqual([
      ["0", "1%"],
      ["30", "2%"],
      ["90", "3%"],
      ["180", "20%"],
      ["", "50%"],
    ]);
    expect(form.planMaxCashFlowShare).toBe("80%");
    expect([form.settlementFromLevel, form.planProposalCashFlowShare, form.futureBenefitOffered, form.futureBenefitDiscountRate]).toEqual([
      "1",
      "70%",
      "yes",
      "1%",
    ]);
  });

  it("reads the future-benefit switch as yes/no, in either language", () => {
    const form = defaults();
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

  it("edits the list-type settings as tables", () => {
    expect(POLICY_FORM.filter((f) => f.kind === "table").map((f) => f.key)).toEqual([
      "agingEdges",
      "warningDays",
      "settlementTiers",
      "provisionRates",
    ]);
  });

  it("shows every field in exactly one group", () => {
    const grouped = POLICY_GROUPS.flatMap((g) => g.keys);
    expect([...grouped].sort()).toEqual(POLICY_FORM.map((f) => f.key).sort());
    for (const g of POLICY_GROUPS) expect(g.label.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it("never changes an amount by showing it: three decimals survive a save", () => {
    const p = formToPolicy({ ...defaults(), smallAmountLimit: "50000.555" }, DEFAULT_POLICY);
    expect(formToPolicy(policyToForm(p), DEFAULT_POLICY).smallAmountLimit).toBe(50000.555);
  });

  it("gives the bare reason for the pane to put its own label in front", () => {
    const e = refusal("warningDays", [["60"], ["30"], ["90"]]);
    expect(e.detail).toEqual({ en: "must increase: 60,30,90", zh: "必须递增：60,30,90" });
  });

  it("reads its own values back to the same policy", () => {
    expect(formToPolicy(defaults(), DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it("reads edits, tables included, into the form a workbook has always stored", () => {
    const p = formToPolicy(
      {
        ...defaults(),
        "smallAmountLimit": "80,000",
        "creditTermDays.A": "45",
        "settlementTiers": [
          ["7", "85%"],
          ["", ""],
          ["15", "0.92"],
        ],
        "agingEdges": [["30"], ["６０"], ["90"], ["180"]],
        "provisionRates": [
          ["0", "1%"],
          ["60", "5%"],
          ["", "40%"],
        ],
      },
      DEFAULT_POLICY,
    );
    expect(p.smallAmountLimit).toBe(80_000);
    expect(p.creditTermDays).toEqual({ A: 45, B: 15, C: 0 });
    // the empty row is skipped, as an empty row of a range is
    expect(p.settlementTiers).toEqual([
      { days: 7, rate: 0.85 },
      { days: 15, rate: 0.92 },
    ]);
    expect(p.agingEdges).toEqual([30, 60, 90, 180]);
    expect(p.provisionRates).toEqual([
      { upTo: 0, rate: 0.01 },
      { upTo: 60, rate: 0.05 },
      { upTo: null, rate: 0.4 },
    ]);
    // what a workbook stores (workbook-policy.ts) and reads back: the same JSON as the mini-syntax gave
    const stored = JSON.parse(JSON.stringify(policyChanges(p))) as Record<string, unknown>;
    expect(stored.settlementTiers).toEqual([
      { days: 7, rate: 0.85 },
      { days: 15, rate: 0.92 },
    ]);
    expect(stored.provisionRates).toEqual([
      { upTo: 0, rate: 0.01 },
      { upTo: 60, rate: 0.05 },
      { upTo: null, rate: 0.4 },
    ]);
    expect(readPolicy(stored)).toEqual(p);
  });

  it.each<[string, FormValue, RegExp]>([
    ["smallAmountLimit", "-5", /^smallAmountLimit: "-5" is negative/],
    ["creditTermDays.C", "x", /^creditTermDays\.C: "x" is not a number/],
    ["warningDays", [["60"], ["30"], ["90"]], /^warningDays: must increase/],
    ["factoringFeeRate", "30%", /^factoringFeeRate: advance rate plus fee rate cannot exceed 100%/],
    ["agingEdges", [[""], [" "]], /^agingEdges: needs at least one edge/],
    ["confirmationDay", "31", /^confirmationDay: 31 must be a whole number from 1 to 28/],
    ["currency", "C1Y", /^currency: "C1Y" is not a currency code of three upper-case letters/],
    ["currency", "", /^currency: "" is not a currency code/],
  ])("refuses %s = %j naming the field", (key, value, pattern) => {
    const error = refusal(key, value);
    expect(error.message).toMatch(pattern);
    expect(fieldOf(error)?.key).toBe(key);
  });

  it.each<[string, FormValue, number, number | null, { en: string; zh: string }]>([
    // a cell that is not a number, with the core's message
    ["agingEdges", [["30"], ["sixty"], ["90"]], 1, 0, { en: '"sixty" is not a number', zh: '"sixty" 不是数字' }],
    ["warningDays", [["30"], ["60"], [""]], 2, 0, { en: '"" is not a number', zh: '"" 不是数字' }],
    [
      "settlementTiers",
      [
        ["10", "90%"],
        ["20", "120%"],
      ],
      1,
      1,
      { en: '"120%" is not a rate between 0 and 1 (e.g. 0.9 or 90%)', zh: '"120%" 不是 0 到 1 之间的比率（如 0.9 或 90%）' },
    ],
    // a row that breaks a rule of the list: the first row where it breaks
    [
      "settlementTiers",
      [
        ["10", "95%"],
        ["20", "90%"],
      ],
      1,
      null,
      { en: "a later tier cannot have a lower rate than an earlier one", zh: "后一档的比率不能低于前一档" },
    ],
    ["agingEdges", [["30"], ["60"], ["45"], ["90"]], 2, null, { en: "edges must increase: 30,60,45,90", zh: "分界必须递增：30,60,45,90" }],
    ["warningDays", [["0"], ["60"], ["90"]], 0, null, { en: "must be >= 1 day", zh: "必须大于等于 1 天" }],
    [
      "provisionRates",
      [
        ["0", "1%"],
        ["90", "3%"],
        ["30", "5%"],
        ["", "50%"],
      ],
      2,
      null,
      { en: "bounds must increase", zh: "各档上限必须递增" },
    ],
    [
      "provisionRates",
      [
        ["0", "1%"],
        ["30", "20%"],
        ["", "10%"],
      ],
      2,
      null,
      { en: "an older bucket cannot have a lower rate than a younger one", zh: "账龄更长的一档比率不能低于账龄更短的一档" },
    ],
    [
      "provisionRates",
      [
        ["0", "1%"],
        ["", "2%"],
        ["", "50%"],
      ],
      1,
      0,
      { en: '"" is not a number', zh: '"" 不是数字' },
    ],
  ])("points a refusal of %s %j at row %i, cell %j", (key, rows, row, column, detail) => {
    const error = refusal(key, rows);
    expect(error).toBeInstanceOf(PolicyCellError);
    expect(error.argument).toBe(key);
    expect([(error as PolicyCellError).row, (error as PolicyCellError).column]).toEqual([row, column]);
    expect(error.detail).toEqual(detail);
  });

  it("describes a refusal by the field's label, in each language, with the bare reason for next to the field", () => {
    const error = refusal("warningDays", [["60"], ["30"], ["90"]]);
    expect(describeRefusal(error, "en")).toEqual({
      key: "warningDays",
      cell: { row: 1, column: null },
      detail: "must increase: 60,30,90",
      text: "Warning levels 1, 2, 3 from (days), row 2: must increase: 60,30,90",
    });
    expect(describeRefusal(error, "zh")).toEqual({
      key: "warningDays",
      cell: { row: 1, column: null },
      detail: "必须递增：60,30,90",
      text: "一、二、三级预警起点（天）第 2 行：必须递增：60,30,90",
    });
    // a stored policy's problem has no row
    const stored = (() => {
      try {
        readPolicy({ warningDays: [60, 30, 90] });
      } catch (e) {
        return e as RuleError;
      }
      throw new Error("accepted");
    })();
    expect(describeRefusal(stored, "en").text).toBe("Warning levels 1, 2, 3 from (days): must increase: 60,30,90");
  });

  it("describes a refusal of no form field (a stored key it does not know) by the error's own words", () => {
    const error = new RuleError("smallAmountLimt", "is not a policy setting", "不是政策设置项");
    expect(describeRefusal(error, "en")).toEqual({ detail: "is not a policy setting", text: "smallAmountLimt: is not a policy setting" });
    expect(describeRefusal(error, "zh").text).toBe("smallAmountLimt：不是政策设置项");
  });
});

describe("the workbook's currency in the policy form", () => {
  it("labels every amount with it, and nothing else", () => {
    const amounts = POLICY_FORM.filter((f) => fieldLabel(f, "en", "USD").endsWith(" (USD)")).map((f) => f.key);
    expect(amounts).toEqual(["smallAmountLimit", "largeAmountThreshold"]);
    const small = POLICY_FORM.find((f) => f.key === "smallAmountLimit")!;
    expect(fieldLabel(small, "en", "CNY")).toBe("Small overdue limit, grade C above it (CNY)");
    expect(fieldLabel(small, "zh", "CNY")).toBe("小额逾期上限，超过为 C 级（CNY）");
    expect(
      fieldLabel(
        POLICY_FORM.find((f) => f.key === "currency")!,
        "zh",
        "CNY",
      ),
    ).toBe("币种");
    expect(describeRefusal(refusal("smallAmountLimit", "-5"), "en", "EUR").text).toBe(
      'Small overdue limit, grade C above it (EUR): "-5" is negative; amounts must be >= 0',
    );
  });

  it("takes a code typed in any case or width, stores it upper-case, and follows what is typed while it is valid", () => {
    expect(formToPolicy({ ...defaults(), currency: " usd " }, DEFAULT_POLICY).currency).toBe("USD");
    expect(formToPolicy({ ...defaults(), currency: "ＥＵＲ" }, DEFAULT_POLICY).currency).toBe("EUR");
    expect(policyChanges(formToPolicy({ ...defaults(), currency: "HKD" }, DEFAULT_POLICY))).toEqual({ currency: "HKD" });
    expect(formCurrency({ ...defaults(), currency: "jpy" }, "CNY")).toBe("JPY");
    expect(formCurrency({ ...defaults(), currency: "JP" }, "CNY")).toBe("CNY");
  });
});
