import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  confirmationOverdue,
  EVIDENCE_ARGUMENTS,
  missingEvidence,
  readEvidenceHeld,
  readExcuse,
  readLastConfirmation,
  type EvidenceHeld,
} from "../../src/core/prevention.js";
import { civilFromSerial, isoFromSerial, serialFromCivil } from "../../src/core/dates.js";
import { withOverrides } from "../../src/core/policy.js";

const d = serialFromCivil;

describe("monthly balance confirmation (定期对账, rules.md section 7)", () => {
  it("on the 5th the month's confirmation may still come: last month's is the one expected", () => {
    const r = confirmationOverdue(d(2025, 6, 3), d(2025, 7, 5));
    expect(r.overdue).toBe(false);
    expect(isoFromSerial(r.dueBy)).toBe("2025-06-05");
    expect(r.reasons).toEqual([
      {
        code: "confirmation-current",
        en: "confirmed on 2025-06-03, within the 2025-06 cycle, due by 2025-06-05",
        zh: "已于2025-06-03确认余额，属2025年6月对账周期（应于2025-06-05前完成）",
      },
    ]);
  });

  it("on the 6th the month's confirmation is due: a June one is overdue", () => {
    const r = confirmationOverdue(d(2025, 6, 30), d(2025, 7, 6));
    expect(r.overdue).toBe(true);
    expect(isoFromSerial(r.dueBy)).toBe("2025-07-05");
    expect(r.reasons).toEqual([
      {
        code: "confirmation-overdue",
        en: "last confirmation 2025-06-30 is older than the 2025-07 cycle, due by 2025-07-05",
        zh: "最近一次对账确认为2025-06-30，早于2025年7月对账周期（应于2025-07-05前完成）",
      },
    ]);
    // any day of July counts for July's cycle, including a late one
    expect(confirmationOverdue(d(2025, 7, 1), d(2025, 7, 6)).overdue).toBe(false);
    expect(confirmationOverdue(d(2025, 7, 6), d(2025, 7, 6)).overdue).toBe(false);
  });

  it("on the 5th, a confirmation older than last month's 1st is overdue", () => {
    expect(confirmationOverdue(d(2025, 5, 31), d(2025, 7, 5)).overdue).toBe(true);
    expect(confirmationOverdue(d(2025, 6, 1), d(2025, 7, 5)).overdue).toBe(false);
  });

  it("no confirmation at all is overdue", () => {
    const r = confirmationOverdue(null, d(2025, 7, 27));
    expect(r.overdue).toBe(true);
    expect(isoFromSerial(r.dueBy)).toBe("2025-07-05");
    expect(r.reasons[0]).toEqual({
      code: "no-confirmation",
      en: "no balance confirmation on record; the one for 2025-07 was due by 2025-07-05",
      zh: "无余额确认记录；2025年7月的对账确认应于2025-07-05前完成",
    });
  });

  it("January's first days look back to the previous December", () => {
    const r = confirmationOverdue(d(2024, 12, 1), d(2025, 1, 5));
    expect(r.overdue).toBe(false);
    expect(isoFromSerial(r.dueBy)).toBe("2024-12-05");
    expect(confirmationOverdue(d(2024, 11, 30), d(2025, 1, 1)).overdue).toBe(true);
    expect(isoFromSerial(confirmationOverdue(null, d(2025, 1, 6)).dueBy)).toBe("2025-01-05");
    expect(confirmationOverdue(d(2024, 12, 31), d(2025, 1, 6)).overdue).toBe(true);
  });

  it("month ends: the 31st and the end of February", () => {
    expect(isoFromSerial(confirmationOverdue(null, d(2025, 3, 31)).dueBy)).toBe("2025-03-05");
    expect(confirmationOverdue(d(2025, 2, 28), d(2025, 3, 5)).overdue).toBe(false);
    expect(confirmationOverdue(d(2025, 2, 28), d(2025, 3, 6)).overdue).toBe(true);
    expect(confirmationOverdue(d(2024, 2, 29), d(2024, 3, 1)).overdue).toBe(false);
    expect(confirmationOverdue(d(2024, 1, 31), d(2024, 3, 1)).overdue).toBe(true);
  });

  it("follows policy.confirmationDay, up to 28 (February's end)", () => {
    const p28 = withOverrides({ confirmationDay: 28 });
    expect(isoFromSerial(confirmationOverdue(null, d(2025, 2, 28), p28).dueBy)).toBe("2025-01-28");
    expect(isoFromSerial(confirmationOverdue(null, d(2025, 3, 1), p28).dueBy)).toBe("2025-02-28");
    const p10 = withOverrides({ confirmationDay: 10 });
    expect(confirmationOverdue(d(2025, 6, 20), d(2025, 7, 10), p10).overdue).toBe(false);
    expect(confirmationOverdue(d(2025, 6, 20), d(2025, 7, 11), p10).overdue).toBe(true);
  });

  it("refuses bad dates naming the argument", () => {
    expect(() => confirmationOverdue(null, 45000.5)).toThrow(/^as_of: 45000.5 is not a whole date serial/);
    expect(() => confirmationOverdue(null, 0)).toThrow(/^as_of: /);
    expect(() => confirmationOverdue(60, 45000)).toThrow(/^last_confirmation: 60 is not a whole date serial/);
    expect(() => confirmationOverdue(-1, 45000)).toThrow(/^last_confirmation: /);
    expect(() => confirmationOverdue(d(2025, 7, 28), d(2025, 7, 27))).toThrow("last_confirmation: 2025-07-28 is after as_of 2025-07-27");
    expect(() => confirmationOverdue(null, d(1900, 1, 3))).toThrow(/^as_of: 1900-01-03 is before the first confirmation cycle/);
  });

  it("reads the last confirmation as a date or blank", () => {
    expect(readLastConfirmation("")).toBeNull();
    expect(readLastConfirmation(null)).toBeNull();
    expect(readLastConfirmation("2025-07-03")).toBe(d(2025, 7, 3));
    expect(readLastConfirmation(45841.75)).toBe(45841);
    expect(readLastConfirmation("2025年7月3日")).toBe(d(2025, 7, 3));
    expect(() => readLastConfirmation("soon")).toThrow(/^last_confirmation: "soon" is not a date/);
  });

  it("properties: dueBy is the confirmation day of the last month whose deadline has passed; a confirmation on the as-of date is never overdue", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: d(1900, 3, 1), max: d(9999, 12, 31) }),
        fc.nat(120),
        fc.integer({ min: 1, max: 28 }),
        (asOf, back, day) => {
          const policy = withOverrides({ confirmationDay: day });
          const r = confirmationOverdue(null, asOf, policy);
          expect(r.overdue).toBe(true);
          expect(r.dueBy).toBeLessThan(asOf);
          expect(asOf - r.dueBy).toBeLessThanOrEqual(31);
          expect(civilFromSerial(r.dueBy).day).toBe(day);
          expect(confirmationOverdue(asOf, asOf, policy).overdue).toBe(false);
          // overdue exactly when the last confirmation is before the 1st of the due month
          const last = asOf - back;
          fc.pre(last >= 61);
          const { year, month } = civilFromSerial(r.dueBy);
          expect(confirmationOverdue(last, asOf, policy).overdue).toBe(last < d(year, month, 1));
        },
      ),
    );
  });
});

const ALL: EvidenceHeld = {
  signedContract: true,
  reconciliation: true,
  collectionRecords: true,
  deliveryProof: true,
  acceptanceForm: true,
};

describe("evidence first (用证据封嘴, rules.md section 4)", () => {
  it("nothing missing: ready to negotiate", () => {
    expect(missingEvidence(ALL)).toEqual([]);
    expect(missingEvidence(ALL, "no-invoice")).toEqual([]);
  });

  it("lists the three pieces always needed", () => {
    const none: EvidenceHeld = {
      signedContract: false,
      reconciliation: false,
      collectionRecords: false,
      deliveryProof: false,
      acceptanceForm: false,
    };
    expect(missingEvidence(none)).toEqual([
      { code: "contract", en: "get: the original contract with the company seal", zh: "需取得：加盖公章的合同原件" },
      {
        code: "reconciliation",
        en: "get: the reconciliation statement signed or sealed by the customer",
        zh: "需取得：客户签字或盖章的对账单",
      },
      {
        code: "collection-records",
        en: "get: collection records stating the amount and the deadline (chat messages, call recordings)",
        zh: "需取得：写明欠款金额和还款期限的催款记录（微信聊天记录、电话录音）",
      },
    ]);
  });

  it("against 'no invoice' the courier receipt, against 'defect' the acceptance form", () => {
    const held: EvidenceHeld = { ...ALL, deliveryProof: false, acceptanceForm: false };
    expect(missingEvidence(held)).toEqual([]);
    expect(missingEvidence(held, null)).toEqual([]);
    expect(missingEvidence(held, "no-invoice")).toEqual([
      {
        code: "courier-receipt",
        en: "get: the courier receipt showing the customer signed for the invoice",
        zh: "需取得：显示客户已签收发票的快递底单",
      },
    ]);
    expect(missingEvidence(held, "defect")).toEqual([
      {
        code: "acceptance-form",
        en: "get: the acceptance form signed by the customer, showing the product passed",
        zh: "需取得：客户签字的验收单（显示产品合格）",
      },
    ]);
  });

  it("an unknown piece is to be checked, not assumed held", () => {
    const r = missingEvidence({ ...ALL, reconciliation: null, acceptanceForm: null }, "defect");
    expect(r.map((x) => x.code)).toEqual(["reconciliation", "acceptance-form"]);
    expect(r[0].en).toBe("check you hold: the reconciliation statement signed or sealed by the customer");
    expect(r[0].zh).toBe("需核实是否持有：客户签字或盖章的对账单");
  });

  it.each([
    ["none", null],
    ["", null],
    [null, null],
    ["无", null],
    ["no-invoice", "no-invoice"],
    ["invoice", "no-invoice"],
    ["INVOICE", "no-invoice"],
    ["发票", "no-invoice"],
    ["没收到发票", "no-invoice"],
    ["defect", "defect"],
    ["Quality", "defect"],
    ["质量", "defect"],
    ["产品有问题", "defect"],
  ] as const)("readExcuse(%j) = %j", (value, expected) => {
    expect(readExcuse(value)).toBe(expected);
  });

  it("refuses an unknown excuse naming the argument", () => {
    expect(() => readExcuse("finance away")).toThrow('excuse: "finance away" is not one of none/no-invoice/defect, 无/发票/质量');
    expect(() => readExcuse(1)).toThrow(/^excuse: /);
  });

  it("reads the evidence flags in argument order, each bad one under its own name", () => {
    expect(readEvidenceHeld(["是", "yes", 0, "", "无"])).toEqual({
      signedContract: true,
      reconciliation: true,
      collectionRecords: false,
      deliveryProof: null,
      acceptanceForm: false,
    });
    EVIDENCE_ARGUMENTS.forEach((argument, i) => {
      const values: unknown[] = ["", "", "", "", ""];
      values[i] = "perhaps";
      expect(() => readEvidenceHeld(values)).toThrow(new RegExp(`^${argument}: `));
    });
  });

  it("property: the list grows only with what is not held, and only the excuse's own proof is asked for", () => {
    const tri = fc.constantFrom<boolean | null>(true, false, null);
    const heldArb = fc.record({
      signedContract: tri,
      reconciliation: tri,
      collectionRecords: tri,
      deliveryProof: tri,
      acceptanceForm: tri,
    });
    fc.assert(
      fc.property(heldArb, fc.constantFrom<"no-invoice" | "defect" | null>("no-invoice", "defect", null), (held, excuse) => {
        const got = missingEvidence(held, excuse).map((r) => r.code);
        const base = [held.signedContract, held.reconciliation, held.collectionRecords].filter((v) => v !== true).length;
        const extra = excuse === "no-invoice" ? held.deliveryProof : excuse === "defect" ? held.acceptanceForm : true;
        expect(got.length).toBe(base + (extra === true ? 0 : 1));
        if (excuse !== "no-invoice") expect(got).not.toContain("courier-receipt");
        if (excuse !== "defect") expect(got).not.toContain("acceptance-form");
      }),
    );
  });
});
