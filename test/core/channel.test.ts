import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { collectionStep, STEP_ESCALATION, stepEscalation, WHO_ESCALATION, type StepCode, type WhoCode } from "../../src/core/channel.js";
import { DEFAULT_POLICY, withOverrides } from "../../src/core/policy.js";
import type { DebtorProfile } from "../../src/core/profile.js";

const SMALL = 80_000;
const LARGE = 1_200_000;

describe("collection step: the ladder without a profile (rules.md section 2)", () => {
  it.each([
    [0, "none", "none", "none"],
    [1, "salesperson/reminder/phone", "salesperson", "reminder"],
    [29, "salesperson/reminder/phone", "salesperson", "reminder"],
    [30, "salesperson/dunning-letter/phone", "salesperson", "dunning-letter"],
    [59, "salesperson/dunning-letter/phone", "salesperson", "dunning-letter"],
    [60, "finance-manager/owner-call/phone", "finance-manager", "owner-call"],
    [89, "finance-manager/owner-call/phone", "finance-manager", "owner-call"],
    [90, "legal/lawyer-letter/phone", "legal", "lawyer-letter"],
    [365, "legal/lawyer-letter/phone", "legal", "lawyer-letter"],
  ])("%i days past due: %s", (days, code, who, step) => {
    const r = collectionStep(SMALL, days);
    expect(r.code).toBe(code);
    expect(r.who.code).toBe(who);
    expect(r.step.code).toBe(step);
    expect(collectionStep(SMALL, days, "unclear")).toEqual(r); // unclear follows the ladder
  });

  it("gives stable texts in both languages", () => {
    expect(collectionStep(SMALL, 0)).toEqual({
      code: "none",
      who: { code: "none", en: "nobody", zh: "无需" },
      how: { code: "none", en: "none", zh: "无" },
      step: { code: "none", en: "not due or nothing owed: no action", zh: "未到期或无欠款：无需行动" },
    });
    const level1 = collectionStep(SMALL, 45);
    expect(level1.step).toEqual({ code: "dunning-letter", en: "daily follow-up and a dunning letter", zh: "每日跟进并发催款函" });
    expect(level1.who).toEqual({ code: "salesperson", en: "salesperson", zh: "业务员" });
    expect(level1.how).toEqual({ code: "phone", en: "phone, then an e-mail to confirm", zh: "电话沟通，邮件跟进确认" });
    const level3 = collectionStep(LARGE, 120);
    expect(level3.step).toEqual({ code: "lawyer-letter", en: "lawyer's letter and prepare the lawsuit", zh: "发律师函，准备起诉" });
    expect(level3.who.zh).toBe("法务");
    expect(level3.how).toEqual({ code: "meeting", en: "face-to-face meeting, then an e-mail to confirm", zh: "上门面谈，邮件跟进确认" });
    expect(collectionStep(SMALL, 70).step.zh).toBe("联系客户老板");
    expect(collectionStep(SMALL, 70).who.zh).toBe("财务经理");
  });

  it("the amount tier decides how: face to face from policy.largeAmountThreshold on", () => {
    const t = DEFAULT_POLICY.largeAmountThreshold;
    expect(collectionStep(t - 0.01, 45).how.code).toBe("phone");
    expect(collectionStep(t, 45).how.code).toBe("meeting");
    expect(collectionStep(t, 45).code).toBe("salesperson/dunning-letter/meeting");
    const policy = withOverrides({ largeAmountThreshold: 1_000_000 });
    expect(collectionStep(800_000, 45, null, policy).how.code).toBe("phone");
  });

  it("follows policy.warningDays", () => {
    const policy = withOverrides({ warningDays: [15, 45, 75] });
    expect(collectionStep(SMALL, 14, null, policy).step.code).toBe("reminder");
    expect(collectionStep(SMALL, 15, null, policy).step.code).toBe("dunning-letter");
    expect(collectionStep(SMALL, 45, null, policy).step.code).toBe("owner-call");
    expect(collectionStep(SMALL, 75, null, policy).step.code).toBe("lawyer-letter");
  });

  it("nothing owed: no action, whatever the profile", () => {
    for (const p of [null, "temporary", "willful", "unable", "unclear"] as const) expect(collectionStep(0, 120, p).code).toBe("none");
  });
});

describe("collection step: profile overrides (rules.md section 3)", () => {
  it("unable: file the claim at once, at every level, even before the due date", () => {
    for (const days of [0, 1, 29, 30, 60, 90, 400]) {
      const r = collectionStep(SMALL, days, "unable");
      expect(r.code).toBe("legal/file-claim/phone");
      expect(r.step.zh).toBe("立即向法院或破产管理人申报债权，查找财产线索，要求以物抵债");
    }
    // the electronics firm: 500,000 owed by a bankrupt customer -> face to face with the administrator
    expect(collectionStep(500_000, 10, "unable").code).toBe("legal/file-claim/meeting");
  });

  it("willful: a lawyer's letter with the deadline from level 1 on", () => {
    expect(collectionStep(800_000, 29, "willful").code).toBe("salesperson/reminder/meeting");
    for (const days of [30, 59, 60, 89, 90])
      expect(collectionStep(800_000, days, "willful").code).toBe("legal/lawyer-letter-deadline/meeting");
    const r = collectionStep(800_000, 30, "willful");
    expect(r.step.en).toBe("lawyer's letter with the contract and proof it can pay, deadline 3 days; prepare the lawsuit");
    expect(r.step.zh).toBe("发律师函（附合同及其有支付能力的证据），限3天内还款；准备起诉");
    expect(collectionStep(800_000, 30, "willful", withOverrides({ lawyerLetterDeadlineDays: 5 })).step.en).toContain("deadline 5 days");
  });

  it("temporary: an instalment plan, never a lawyer's letter, face to face for a large amount", () => {
    // the restaurant supply chain: 1,200,000, past level 3
    const r = collectionStep(LARGE, 95, "temporary");
    expect(r.code).toBe("finance-manager/instalment-plan/meeting");
    expect(r.step.en).toBe("negotiate an instalment plan sized to its free cash flow; no lawyer's letter");
    expect(r.step.zh).toBe("按其自由现金流协商分期还款方案；不发律师函");
    expect(collectionStep(LARGE, 29, "temporary").code).toBe("salesperson/reminder/meeting");
    expect(collectionStep(LARGE, 30, "temporary").code).toBe("salesperson/instalment-plan/meeting");
    expect(collectionStep(LARGE, 60, "temporary").code).toBe("finance-manager/instalment-plan/meeting");
    expect(collectionStep(SMALL, 90, "temporary").code).toBe("finance-manager/instalment-plan/phone");
    expect(collectionStep(LARGE, 0, "temporary").code).toBe("none");
  });

  it("refuses bad input naming the argument", () => {
    expect(() => collectionStep(-0.01, 10)).toThrow("balance: -0.01 must be an amount >= 0");
    expect(() => collectionStep(Number.NaN, 10)).toThrow(/^balance: /);
    expect(() => collectionStep(100, -1)).toThrow("days_past_due: -1 is not a whole number of days >= 0");
    expect(() => collectionStep(100, 1.5)).toThrow(/^days_past_due: /);
    expect(() => collectionStep(100, Number.POSITIVE_INFINITY)).toThrow(/^days_past_due: /);
  });
});

const profiles = fc.constantFrom<DebtorProfile | null>(null, "temporary", "willful", "unable", "unclear");

describe("collection step: properties", () => {
  it("never lowers its escalation (step or who) as days grow, for a fixed balance and profile", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5e6, noNaN: true }), profiles, fc.nat(400), fc.nat(400), (balance, profile, days, more) => {
        const a = collectionStep(balance, days, profile);
        const b = collectionStep(balance, days + more, profile);
        expect(stepEscalation(b)).toBeGreaterThanOrEqual(stepEscalation(a));
        expect(WHO_ESCALATION[b.who.code as WhoCode]).toBeGreaterThanOrEqual(WHO_ESCALATION[a.who.code as WhoCode]);
        expect(b.how.code === "none" || a.how.code === "none" || a.how.code === b.how.code).toBe(true);
      }),
    );
  });

  it("a temporary debtor never gets a lawyer's letter; an unable one always has its claim filed", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 5e6, noNaN: true }), fc.nat(1000), (balance, days) => {
        expect(collectionStep(balance, days, "temporary").step.code).not.toMatch(/lawyer/);
        expect(collectionStep(balance, days, "unable").step.code).toBe("file-claim");
      }),
    );
  });

  it("codes are who/step/how and every text is filled", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5e6, noNaN: true }), profiles, fc.nat(400), (balance, profile, days) => {
        const r = collectionStep(balance, days, profile);
        expect(r.code).toBe(r.step.code === "none" ? "none" : `${r.who.code}/${r.step.code}/${r.how.code}`);
        expect(Object.keys(STEP_ESCALATION)).toContain(r.step.code as StepCode);
        for (const x of [r.who, r.how, r.step]) {
          expect(x.en).not.toBe("");
          expect(x.zh).not.toBe("");
        }
      }),
    );
  });
});
