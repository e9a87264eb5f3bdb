// One next step per debtor (src/core/next-step.ts, docs/rules.md "One next step per debtor"): the order of
// precedence, who acts, and the reason naming what was put aside, on hand-made cases.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { collectionStep } from "../../src/core/channel.js";
import { serialFromCivil } from "../../src/core/dates.js";
import { debtorProfile, UNKNOWN_SIGNALS, type DebtorProfile } from "../../src/core/profile.js";
import { describeNextStep, nextStep, unableGround, type NextStepInput } from "../../src/core/next-step.js";
import { DEFAULT_POLICY } from "../../src/core/policy.js";
import { expectRuleError } from "../support/rule-error.js";

const END = serialFromCivil(2025, 8, 20);
const warning = { status: "warning", end: END, daysLeft: 20 } as const;
const expired = { status: "expired", end: serialFromCivil(2025, 7, 1), daysLeft: -30 } as const;
const step = (input: NextStepInput) => nextStep(input);

describe("one next step per debtor", () => {
  it("Fresh Table Catering: the instalment plan of a temporary debtor, not the ladder's lawyer's letter", () => {
    const s = step({ balance: 1_200_000, daysPastDue: 122, profile: "temporary" });
    expect(s.rule).toBe("profile");
    expect(s.code).toBe("finance-manager/instalment-plan/meeting");
    expect(describeNextStep(s, "en")).toBe(
      "finance manager: negotiate an instalment plan sized to its free cash flow; no lawyer's letter (face-to-face meeting, then an e-mail to confirm)",
    );
    expect(s.reason.en).toBe(
      "profile temporary: its play instead of the ladder's level 3 step (legal: lawyer's letter and prepare the lawsuit)",
    );
    expect(s.reason.zh).toBe("客户画像为暂时困难型：按其策略处理，代替三级预警的步骤（法务：发律师函，准备起诉）");
  });

  it("Meridian Tools: a limitation period about to end comes before the dishonest listing and the ladder", () => {
    const s = step({ balance: 150_000, daysPastDue: 62, profile: "unable", unable: "dishonest-debtor", limitation: warning });
    expect(s.rule).toBe("limitation-warning");
    expect(s.who.en).toBe("legal");
    expect(s.code).toBe("legal/limitation-demand/phone");
    expect(s.what.en).toBe(
      "before 2025-08-20: a written demand for payment (traceable) or a signed acknowledgement, or sue, to restart the limitation period (art. 195)",
    );
    expect(s.reason.en).toBe(
      "the limitation period comes first (20 days left); before the dishonest-debtor route (sue, join the enforcement) and the ladder's level 2 step (finance manager: contact the customer's owner)",
    );
    // without the limitation warning: the dishonest-debtor route, not the ladder's owner call
    const listed = step({ balance: 150_000, daysPastDue: 62, profile: "unable", unable: "dishonest-debtor" });
    expect(listed.rule).toBe("dishonest-debtor");
    expect(listed.what.code).toBe("enforcement");
    expect(listed.reason.en).toBe(
      "listed as a dishonest judgment debtor: other creditors are already enforcing; before the ladder's level 2 step (finance manager: contact the customer's owner)",
    );
  });

  it("an open claim window comes first of all, even before the due date and an expired limitation", () => {
    const s = step({ balance: 500_000, daysPastDue: 0, profile: "unable", unable: "insolvent", limitation: expired });
    expect(s.rule).toBe("claim-window");
    expect(s.code).toBe("legal/file-claim/meeting");
    expect(s.reason.en).toMatch(/^bankrupt or insolvent: the claim must be filed inside the court's window \(30 days to 3 months/);
    expect(step({ balance: 500_000, daysPastDue: 153, profile: "unable", unable: "insolvent" }).reason.en).toMatch(
      /; before the ladder's level 3 step \(legal: lawyer's letter and prepare the lawsuit\)$/,
    );
  });

  it("an expired limitation: save the claim first, naming the willful play it puts aside", () => {
    const s = step({ balance: 80_000, daysPastDue: 400, profile: "willful", limitation: expired });
    expect(s.rule).toBe("limitation-expired");
    expect(s.what.code).toBe("limitation-acknowledgement");
    expect(s.reason.en).toBe(
      "the limitation period ended 2025-07-01: saving the claim comes first; before the willful play (lawyer's letter with the contract and proof it can pay, deadline 3 days; prepare the lawsuit) and the ladder's level 3 step (legal: lawyer's letter and prepare the lawsuit)",
    );
  });

  it("the ladder, by warning level, for an unclear or missing profile and below level 1", () => {
    expect(step({ balance: 95_000, daysPastDue: 51, profile: "unclear" })).toMatchObject({
      rule: "ladder",
      code: "salesperson/dunning-letter/phone",
      reason: { en: "the ladder's step: the profile is unclear, the ladder applies until it is found out" },
    });
    expect(step({ balance: 95_000, daysPastDue: 70, profile: null })).toMatchObject({
      rule: "ladder",
      code: "finance-manager/owner-call/phone",
      reason: { en: "the ladder's step for the warning level" },
    });
    expect(step({ balance: 95_000, daysPastDue: 10, profile: "willful" })).toMatchObject({
      rule: "ladder",
      code: "salesperson/reminder/phone",
      reason: { en: "the ladder's step: below level 1 the profile's play waits" },
    });
  });

  it("not due and nothing owed: nobody acts", () => {
    expect(step({ balance: 45_000, daysPastDue: 0, profile: null })).toMatchObject({ rule: "not-due", code: "none" });
    expect(describeNextStep(step({ balance: 45_000, daysPastDue: 0, profile: null }), "zh")).toBe("尚未到期：无需行动");
    expect(step({ balance: 0, daysPastDue: 200, profile: "unable", unable: "insolvent" })).toMatchObject({
      rule: "nothing-owed",
      code: "none",
    });
  });

  it("reads the unable ground from the profile's reasons: insolvent before a listing", () => {
    const both = debtorProfile({ ...UNKNOWN_SIGNALS, insolvent: true, dishonestDebtor: true });
    expect(unableGround(both)).toBe("insolvent");
    expect(unableGround(debtorProfile({ ...UNKNOWN_SIGNALS, dishonestDebtor: true }))).toBe("dishonest-debtor");
    expect(unableGround(debtorProfile({ ...UNKNOWN_SIGNALS, operationsStopped: true }))).toBeNull();
    expect(unableGround(debtorProfile({ ...UNKNOWN_SIGNALS, businessOperating: true }))).toBeNull();
    expect(unableGround(null)).toBeNull();
  });

  it("refuses what collectionStep refuses, naming the argument", () => {
    expectRuleError(() => step({ balance: -1, daysPastDue: 3, profile: null }), "balance", "balance: -1 must be an amount >= 0");
    expectRuleError(
      () => step({ balance: 1, daysPastDue: 1.5, profile: null }),
      "days_past_due",
      "days_past_due: 1.5 is not a whole number",
    );
  });

  it("without a claim window, a limitation or a listing, it is AR.CHANNEL's step; who acts never falls as days grow", () => {
    const profiles: (DebtorProfile | null)[] = ["temporary", "willful", "unable", "unclear", null];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000_000 }), fc.integer({ min: 1, max: 500 }), fc.constantFrom(...profiles), (b, d, p) => {
        const s = step({ balance: b, daysPastDue: d, profile: p });
        const c = collectionStep(b, d, p, DEFAULT_POLICY);
        expect([s.code, s.who, s.what, s.how]).toEqual([c.code, c.who, c.step, c.how]);
        const rank = { "none": 0, "salesperson": 1, "finance-manager": 2, "legal": 3 } as Record<string, number>;
        expect(rank[step({ balance: b, daysPastDue: d + 30, profile: p }).who.code]).toBeGreaterThanOrEqual(rank[s.who.code]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("nextStep: an open dispute (collection log, issue 13)", () => {
  const dispute = { invoice: "INV-7", opened: serialFromCivil(2025, 6, 12), sourceRow: 4, note: "quality problem" };

  it("holds a willful debtor at level 3 out of the lawyer's letter: the finance manager sends the evidence", () => {
    const step = nextStep({ balance: 800000, daysPastDue: 95, profile: "willful", dispute });
    expect(step.rule).toBe("dispute");
    expect(step.code).toBe("finance-manager/resolve-dispute/meeting");
    expect(step.reason.en).toBe(
      "open dispute on invoice INV-7 since 2025-06-12 (quality problem), log row 4: held out of escalation until resolved; instead of legal: lawyer's letter with the contract and proof it can pay, deadline 3 days; prepare the lawsuit",
    );
    expect(step.reason.zh).toBe(
      "发票 INV-7 自 2025-06-12 起存在异议（quality problem），催收记录第 4 行：异议解决前暂停升级；暂缓法务：发律师函（附合同及其有支付能力的证据），限3天内还款；准备起诉",
    );
  });

  it("comes after the claim window and the limitation period, before the due date and the dishonest-debtor route", () => {
    const limitation = { status: "warning" as const, end: serialFromCivil(2025, 8, 20), daysLeft: 20 };
    expect(nextStep({ balance: 1000, daysPastDue: 10, profile: "unable", unable: "insolvent", dispute }).rule).toBe("claim-window");
    expect(nextStep({ balance: 1000, daysPastDue: 10, profile: null, limitation, dispute }).rule).toBe("limitation-warning");
    expect(nextStep({ balance: 1000, daysPastDue: 10, profile: "unable", unable: "dishonest-debtor", dispute }).rule).toBe("dispute");
    const notDue = nextStep({ balance: 1000, daysPastDue: 0, profile: null, dispute: { ...dispute, invoice: null, note: null } });
    expect([notDue.rule, notDue.code]).toEqual(["dispute", "finance-manager/resolve-dispute/phone"]);
    expect(notDue.reason.en).toBe("open dispute since 2025-06-12, log row 4: held out of escalation until resolved");
    expect(nextStep({ balance: 0, daysPastDue: 0, profile: null, dispute }).rule).toBe("nothing-owed");
  });
});
