import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  debtorProfile,
  profilePlay,
  readBrokenPromises,
  readDebtorSignals,
  readProfile,
  readSignal,
  readTurnoverDecline,
  SIGNAL_ARGUMENTS,
  UNKNOWN_SIGNALS,
  type DebtorSignals,
  type TurnoverDecline,
} from "../../src/core/profile.js";
import { DEFAULT_POLICY, withOverrides } from "../../src/core/policy.js";
import { reasonText } from "../../src/core/errors.js";

const codes = (rs: readonly { code: string }[]): string[] => rs.map((r) => r.code);

/** A debtor with every signal known and clean: business running, nothing wrong, but no plan yet. */
const CLEAN: DebtorSignals = {
  businessOperating: true,
  incomeStable: true,
  turnoverDecline: "none",
  proposedPlan: false,
  excuses: false,
  contradiction: false,
  brokenPromises: 0,
  refusesContact: false,
  insolvent: false,
  dishonestDebtor: false,
  operationsStopped: false,
};

describe("debtor profile: the article's three debtors (rules.md section 3)", () => {
  it("the restaurant supply chain (20 outlets running, 150,000 a month left, works out a plan) is temporary", () => {
    // Closed 3 stores in the epidemic: a short-term dip; 800,000 a month still flows through 20 outlets.
    const r = debtorProfile({ ...CLEAN, turnoverDecline: "short-term", proposedPlan: true });
    expect(r.profile).toBe("temporary");
    expect(codes(r.reasons)).toEqual(["business-operating", "income-stable", "turnover-short-term", "proposed-plan", "no-unwillingness"]);
    expect(r.play.code).toBe("play-temporary");
    expect(r.play.en).toContain("no lawyer's letter");
    expect(r.play.zh).toContain("软担保");
    expect(r.toFindOut).toEqual([]);
  });

  it("the building-materials dealer ('funds are tight' while winning a tender) is willful", () => {
    const r = debtorProfile({
      ...CLEAN,
      incomeStable: null,
      turnoverDecline: null,
      excuses: true,
      contradiction: true,
      brokenPromises: null,
    });
    expect(r.profile).toBe("willful");
    expect(codes(r.reasons)).toEqual(["business-operating", "excuses", "contradiction"]);
    expect(r.play.en).toBe(
      "press its core interest (qualification, big orders, credit record): a lawyer's letter with the contract, proof it can pay, and notice of what follows if it does not pay within 3 days",
    );
    expect(r.play.zh).toContain("3天内不还款");
    // the bank statements and the turnover back the "proof it can pay" of the letter
    expect(codes(r.toFindOut)).toEqual(["find-income_stable", "find-turnover_decline"]);
  });

  it("the dealer is willful on the contradiction alone, and the unknowns that could overturn it are still to check", () => {
    const r = debtorProfile({ ...UNKNOWN_SIGNALS, contradiction: true });
    expect(r.profile).toBe("willful");
    expect(codes(r.reasons)).toEqual(["contradiction"]);
    expect(codes(r.toFindOut)).toEqual([
      "find-business_operating",
      "find-income_stable",
      "find-turnover_decline",
      "find-proposed_plan",
      "find-insolvent",
      "find-dishonest_debtor",
      "find-operations_stopped",
    ]);
    expect(r.toFindOut[5].zh).toBe("在中国执行信息公开网查询是否为失信被执行人");
  });

  it("the bankrupt electronics customer is unable, whatever else is known", () => {
    const r = debtorProfile({ ...UNKNOWN_SIGNALS, insolvent: true });
    expect(r.profile).toBe("unable");
    expect(r.reasons).toEqual([{ code: "insolvent", en: "bankrupt or insolvent", zh: "已破产或资不抵债" }]);
    expect(r.play.code).toBe("play-unable");
    expect(r.play.en).toContain("file the claim with the court inside the claim window");
    expect(r.play.zh).toContain("申报债权");
    expect(r.toFindOut).toEqual([]);
  });
});

describe("debtor profile: each row of the decision table", () => {
  it("row 1: every unable signal is listed", () => {
    const r = debtorProfile({ ...CLEAN, proposedPlan: true, insolvent: true, dishonestDebtor: true, operationsStopped: true });
    expect(r.profile).toBe("unable");
    expect(codes(r.reasons)).toEqual(["insolvent", "dishonest-debtor", "operations-stopped"]);
    expect(debtorProfile({ ...UNKNOWN_SIGNALS, dishonestDebtor: true }).profile).toBe("unable");
    expect(debtorProfile({ ...UNKNOWN_SIGNALS, operationsStopped: true }).profile).toBe("unable");
  });

  it("row 2: a persistent decline with no insolvency signal is unclear, and says what to check", () => {
    const r = debtorProfile({ ...UNKNOWN_SIGNALS, businessOperating: true, turnoverDecline: "persistent", proposedPlan: true });
    expect(r.profile).toBe("unclear");
    expect(codes(r.reasons)).toEqual(["turnover-persistent", "unclear-ability"]);
    expect(codes(r.toFindOut)).toEqual([
      "find-income_stable",
      "find-insolvent",
      "find-dishonest_debtor",
      "find-operations_stopped",
      "find-cash-flow",
    ]);
    expect(r.toFindOut[0].en).toBe("get the last 3 months' bank statements and check the main-business income");
    expect(r.play.code).toBe("play-unclear");
  });

  it("row 2: a business down, income unstable, known not insolvent: work out the cash flow", () => {
    const r = debtorProfile({ ...CLEAN, businessOperating: false, incomeStable: false, excuses: true });
    expect(r.profile).toBe("unclear");
    expect(codes(r.reasons)).toEqual(["business-down", "income-unstable", "unclear-ability"]);
    expect(codes(r.toFindOut)).toEqual(["find-cash-flow"]);
  });

  it("row 3: a plan of its own but refusing contact is a conflict", () => {
    const r = debtorProfile({ ...CLEAN, proposedPlan: true, refusesContact: true });
    expect(r.profile).toBe("unclear");
    expect(codes(r.reasons)).toEqual(["proposed-plan", "refuses-contact", "unclear-conflict"]);
    expect(codes(r.toFindOut)).toEqual(["find-plan-test"]);
    expect(reasonText(r.reasons, "zh")).toBe("主动提出还款计划；拒绝沟通；主动提出还款计划，却又有拖欠意图的迹象：信号相互矛盾");
  });

  it("row 4: a plan offered after repeated broken promises does not count: willful", () => {
    const r = debtorProfile({ ...CLEAN, proposedPlan: true, brokenPromises: 2 });
    expect(r.profile).toBe("willful");
    expect(codes(r.reasons)).toEqual(["business-operating", "broken-promises", "plan-discounted"]);
    expect(r.reasons[1].en).toBe("2 payment promises not kept (willful from 2)");
    expect(r.reasons[1].zh).toBe("承诺还款2次未兑现（2次起视为故意拖欠）");
  });

  it("broken promises count from policy.brokenPromisesWillful", () => {
    expect(debtorProfile({ ...CLEAN, brokenPromises: 1 }).profile).toBe("unclear"); // one broken promise: not yet
    expect(debtorProfile({ ...CLEAN, brokenPromises: 2 }).profile).toBe("willful");
    const strict = withOverrides({ brokenPromisesWillful: 3 });
    expect(debtorProfile({ ...CLEAN, brokenPromises: 2 }, strict).profile).toBe("unclear");
    expect(debtorProfile({ ...CLEAN, brokenPromises: 3 }, strict).profile).toBe("willful");
    // below the threshold, a plan is still credible
    expect(debtorProfile({ ...CLEAN, proposedPlan: true, brokenPromises: 1 }).profile).toBe("temporary");
  });

  it("row 5: excuses without any sign of ability are unclear", () => {
    const r = debtorProfile({ ...UNKNOWN_SIGNALS, excuses: true, refusesContact: true });
    expect(r.profile).toBe("unclear");
    expect(codes(r.reasons)).toEqual(["excuses", "refuses-contact", "unclear-ability-unknown"]);
    expect(codes(r.toFindOut)).toEqual([
      "find-business_operating",
      "find-income_stable",
      "find-contradiction",
      "find-insolvent",
      "find-dishonest_debtor",
      "find-operations_stopped",
    ]);
  });

  it("row 6: temporary with income unknown but only a short-term dip; the unknowns are listed", () => {
    const r = debtorProfile({ ...UNKNOWN_SIGNALS, businessOperating: true, turnoverDecline: "short-term", proposedPlan: true });
    expect(r.profile).toBe("temporary");
    expect(codes(r.reasons)).toEqual(["business-operating", "turnover-short-term", "proposed-plan"]);
    expect(codes(r.toFindOut)).toEqual([
      "find-income_stable",
      "find-excuses",
      "find-contradiction",
      "find-broken_promises",
      "find-refuses_contact",
      "find-insolvent",
      "find-dishonest_debtor",
      "find-operations_stopped",
    ]);
  });

  it("row 7: all clean but no plan of its own: ask for one", () => {
    const r = debtorProfile(CLEAN);
    expect(r.profile).toBe("unclear");
    expect(codes(r.reasons)).toEqual(["business-operating", "income-stable", "turnover-none", "no-plan", "unclear-not-enough"]);
    expect(codes(r.toFindOut)).toEqual(["find-ask-plan"]);
  });

  it("row 7: nothing known: every check, in argument order", () => {
    const r = debtorProfile(UNKNOWN_SIGNALS);
    expect(r.profile).toBe("unclear");
    expect(codes(r.reasons)).toEqual(["unclear-not-enough"]);
    expect(codes(r.toFindOut)).toEqual(SIGNAL_ARGUMENTS.map((a) => `find-${a}`));
    expect(r.play.en).toBe("find out first (see what to find out), then choose the play; meanwhile follow the overdue ladder");
  });

  it("row 7: a plan and a running business, but neither income nor turnover known", () => {
    const r = debtorProfile({ ...CLEAN, incomeStable: null, turnoverDecline: null, proposedPlan: true });
    expect(r.profile).toBe("unclear");
    expect(codes(r.toFindOut)).toEqual(["find-income_stable", "find-turnover_decline"]);
  });

  it("the willful play follows policy.lawyerLetterDeadlineDays", () => {
    const policy = withOverrides({ lawyerLetterDeadlineDays: 7 });
    expect(debtorProfile({ ...CLEAN, excuses: true }, policy).play.en).toContain("within 7 days");
    expect(profilePlay("willful", policy).zh).toContain("7天内不还款");
  });

  it("refuses a bad count of broken promises", () => {
    expect(() => debtorProfile({ ...CLEAN, brokenPromises: 1.5 })).toThrow("broken_promises: 1.5 is not a whole number >= 0");
    expect(() => debtorProfile({ ...CLEAN, brokenPromises: -1 })).toThrow(/^broken_promises: /);
    expect(() => debtorProfile({ ...CLEAN, turnoverDecline: "bad" as TurnoverDecline })).toThrow(/^turnover_decline: /);
  });
});

describe("reading the signals", () => {
  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["yes", true],
    ["YES", true],
    ["y", true],
    ["Y", true],
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["no", false],
    ["No", false],
    ["n", false],
    ["false", false],
    ["FALSE", false],
    ["0", false],
    ["是", true],
    ["有", true],
    ["对", true],
    ["否", false],
    ["无", false],
    ["没有", false],
    ["错", false],
    [" yes ", true],
    ["Ｙｅｓ", true],
    ["１", true],
    [null, null],
    [undefined, null],
    ["", null],
    ["  ", null],
  ])("readSignal(%j) = %j", (value, expected) => {
    expect(readSignal(value, "excuses")).toBe(expected);
  });

  it.each([["maybe"], [2], [-1], [0.5], ["是的吧"], ["yess"], [Number.NaN]])("readSignal refuses %j naming the argument", (value) => {
    expect(() => readSignal(value, "refuses_contact")).toThrow(/^refuses_contact: /);
  });

  it("gives the accepted words in the message, in both languages", () => {
    try {
      readSignal("maybe", "insolvent");
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('insolvent: "maybe" is not one of yes/no, TRUE/FALSE, 1/0, 是/否, 有/无, 对/错 (blank: unknown)');
      expect((e as { zh: string }).zh).toBe(
        'insolvent："maybe" 不在可选值 yes/no, TRUE/FALSE, 1/0, 是/否, 有/无, 对/错 (blank: unknown) 之中',
      );
    }
    expect(() => readSignal(2, "insolvent")).toThrow("insolvent: 2 is not yes/no (use TRUE/FALSE, 1/0, 是/否, or leave blank if unknown)");
  });

  it.each([
    ["none", "none"],
    ["NONE", "none"],
    ["short", "short-term"],
    ["short-term", "short-term"],
    ["Short-Term", "short-term"],
    ["persistent", "persistent"],
    ["无", "none"],
    ["短期", "short-term"],
    ["暂时", "short-term"],
    ["持续", "persistent"],
    ["", null],
    [null, null],
  ] as const)("readTurnoverDecline(%j) = %j", (value, expected) => {
    expect(readTurnoverDecline(value)).toBe(expected);
  });

  it("refuses an unknown turnover word", () => {
    expect(() => readTurnoverDecline("down")).toThrow(
      'turnover_decline: "down" is not one of none/short-term/persistent, 无/短期/持续 (blank: unknown)',
    );
    expect(() => readTurnoverDecline(true)).toThrow(/^turnover_decline: true is not one of/);
  });

  it("reads broken promises as a count or blank", () => {
    expect(readBrokenPromises(3)).toBe(3);
    expect(readBrokenPromises("2")).toBe(2);
    expect(readBrokenPromises("")).toBeNull();
    expect(readBrokenPromises(null)).toBeNull();
    expect(() => readBrokenPromises(1.5)).toThrow("broken_promises: 1.5 is not a whole number >= 0");
    expect(() => readBrokenPromises("many")).toThrow(/^broken_promises: "many" is not a number/);
  });

  it("reads the eleven signals in argument order", () => {
    const s = readDebtorSignals(["是", "yes", "短期", 1, "否", false, "0", "n", "无", "", null]);
    expect(s).toEqual({
      businessOperating: true,
      incomeStable: true,
      turnoverDecline: "short-term",
      proposedPlan: true,
      excuses: false,
      contradiction: false,
      brokenPromises: 0,
      refusesContact: false,
      insolvent: false,
      dishonestDebtor: null,
      operationsStopped: null,
    });
    expect(readDebtorSignals([])).toEqual(UNKNOWN_SIGNALS);
    expect(Object.keys(s)).toEqual([
      "businessOperating",
      "incomeStable",
      "turnoverDecline",
      "proposedPlan",
      "excuses",
      "contradiction",
      "brokenPromises",
      "refusesContact",
      "insolvent",
      "dishonestDebtor",
      "operationsStopped",
    ]);
  });

  it.each(SIGNAL_ARGUMENTS.map((a, i) => [a, i] as const))("a bad %s is refused with its own name", (argument, i) => {
    const values: unknown[] = new Array(11).fill("");
    values[i] = "maybe";
    expect(() => readDebtorSignals(values)).toThrow(new RegExp(`^${argument}: `));
  });

  it.each([
    ["temporary", "temporary"],
    ["Temporary", "temporary"],
    ["willful", "willful"],
    ["UNABLE", "unable"],
    ["unclear", "unclear"],
    ["暂时困难", "temporary"],
    ["暂时困难型", "temporary"],
    ["故意拖欠", "willful"],
    ["故意拖欠型", "willful"],
    ["无能力偿还", "unable"],
    ["无能力偿还型", "unable"],
    ["不明", "unclear"],
  ] as const)("readProfile(%j) = %s", (value, expected) => {
    expect(readProfile(value)).toBe(expected);
  });

  it("refuses an unknown profile naming the argument", () => {
    expect(() => readProfile("bad")).toThrow(
      'profile: "bad" is not one of temporary/willful/unable/unclear, 暂时困难/故意拖欠/无能力偿还/不明',
    );
    expect(() => readProfile("")).toThrow(/^profile: /);
    expect(() => readProfile(1, "debtor_profile")).toThrow(/^debtor_profile: /);
  });
});

const tri = fc.constantFrom<boolean | null>(true, false, null);
const signalsArb: fc.Arbitrary<DebtorSignals> = fc.record({
  businessOperating: tri,
  incomeStable: tri,
  turnoverDecline: fc.constantFrom<TurnoverDecline | null>("none", "short-term", "persistent", null),
  proposedPlan: tri,
  excuses: tri,
  contradiction: tri,
  brokenPromises: fc.option(fc.nat(5), { nil: null }),
  refusesContact: tri,
  insolvent: tri,
  dishonestDebtor: tri,
  operationsStopped: tri,
});

/** The ways to add one unwillingness signal. */
const addUnwillingness = fc.constantFrom<(s: DebtorSignals) => DebtorSignals>(
  (s) => ({ ...s, excuses: true }),
  (s) => ({ ...s, contradiction: true }),
  (s) => ({ ...s, refusesContact: true }),
  (s) => ({ ...s, brokenPromises: Math.max(s.brokenPromises ?? 0, DEFAULT_POLICY.brokenPromisesWillful) }),
);

describe("debtor profile: properties", () => {
  it("unable signals always win", () => {
    const unable = fc.constantFrom<Partial<DebtorSignals>>({ insolvent: true }, { dishonestDebtor: true }, { operationsStopped: true });
    fc.assert(
      fc.property(signalsArb, unable, (s, u) => {
        const r = debtorProfile({ ...s, ...u });
        expect(r.profile).toBe("unable");
        expect(r.play.code).toBe("play-unable");
      }),
    );
  });

  it("adding an unwillingness signal never turns a willful debtor into temporary (it stays willful)", () => {
    fc.assert(
      fc.property(signalsArb, addUnwillingness, (s, add) => {
        fc.pre(debtorProfile(s).profile === "willful");
        const after = debtorProfile(add(s)).profile;
        expect(after).not.toBe("temporary");
        expect(after).toBe("willful");
      }),
    );
  });

  it("an unwillingness signal never yields temporary", () => {
    fc.assert(
      fc.property(signalsArb, addUnwillingness, (s, add) => {
        expect(debtorProfile(add(s)).profile).not.toBe("temporary");
      }),
    );
  });

  it("reasons are never empty, the play fits the profile, and an unclear profile always says what to find out", () => {
    fc.assert(
      fc.property(signalsArb, (s) => {
        const r = debtorProfile(s);
        expect(r.reasons.length).toBeGreaterThan(0);
        for (const reason of [...r.reasons, r.play, ...r.toFindOut]) {
          expect(reason.code).not.toBe("");
          expect(reason.en).not.toBe("");
          expect(reason.zh).not.toBe("");
        }
        expect(r.play.code).toBe(`play-${r.profile}`);
        if (r.profile === "unclear") expect(r.toFindOut.length).toBeGreaterThan(0);
        if (r.profile === "unable") expect(r.toFindOut).toEqual([]);
      }),
    );
  });

  it("unknown is never read as no: a profile decided with a blank signal is the same with either answer, or says to check it", () => {
    fc.assert(
      fc.property(signalsArb, (s) => {
        const r = debtorProfile(s);
        if (r.profile !== "temporary" && r.profile !== "willful") return;
        // every unknown that could overturn the profile is in toFindOut
        const listed = new Set(r.toFindOut.map((x) => x.code));
        for (const [i, arg] of SIGNAL_ARGUMENTS.entries()) {
          const key = Object.keys(UNKNOWN_SIGNALS)[i] as keyof DebtorSignals;
          if (s[key] !== null) continue;
          const fills: unknown[] =
            key === "turnoverDecline" ? ["none", "short-term", "persistent"] : key === "brokenPromises" ? [0, 10] : [true, false];
          const changes = fills.some((v) => debtorProfile({ ...s, [key]: v } as DebtorSignals).profile !== r.profile);
          if (changes) expect(listed.has(`find-${arg}`), `${arg} can change ${r.profile}`).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
