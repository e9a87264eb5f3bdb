import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readSettlementTiers, settlementLadder, settlementOffer, settlementRate } from "../../src/core/settle.js";
import { DEFAULT_POLICY } from "../../src/core/policy.js";

describe("settlement ladder (rules.md section 4)", () => {
  it("reproduces the article examples", () => {
    expect(settlementOffer(1_000_000, 10)).toBe(900_000);
    expect(settlementOffer(1_000_000, 20)).toBe(950_000);
    expect(settlementOffer(1_000_000, 21)).toBe(1_000_000);
    expect(settlementOffer(800_000, 15)).toBe(760_000); // the food firm: 760,000 of 800,000 within 15 days
  });

  it("spills the whole ladder with the full balance last", () => {
    expect(settlementLadder(1_000_000)).toEqual([
      { days: 10, label: "10", rate: 0.9, amount: 900_000 },
      { days: 20, label: "20", rate: 0.95, amount: 950_000 },
      { days: null, label: ">20", rate: 1, amount: 1_000_000 },
    ]);
  });

  it("rounds offers to the cent on the decimal product", () => {
    expect(settlementOffer(100.01, 5)).toBe(90.01); // 90.009
    expect(settlementOffer(100.01, 15)).toBe(95.01); // 95.0095
    // The full balance is never more than the balance as entered: 1234.565 is offered as 1234.56.
    expect(settlementOffer(1234.565, 30)).toBe(1234.56);
    expect(settlementOffer(0.005, 23)).toBe(0);
    expect(settlementOffer(1.005, 5)).toBe(0.9); // 0.9045 rounds to 0.90, within the balance
    expect(settlementLadder(0.005).map((r) => r.amount)).toEqual([0, 0, 0]);
  });

  it("reads tiers as text or a two-column range", () => {
    expect(readSettlementTiers("10:0.90,20:0.95")).toEqual(DEFAULT_POLICY.settlementTiers);
    expect(readSettlementTiers("10：90%，20：95%")).toEqual([
      { days: 10, rate: 0.9 },
      { days: 20, rate: 0.95 },
    ]);
    expect(
      readSettlementTiers([
        [10, 0.9],
        [20, 0.95],
        ["", ""],
      ]),
    ).toEqual([
      { days: 10, rate: 0.9 },
      { days: 20, rate: 0.95 },
    ]);
    expect(readSettlementTiers([["10:0.9"]])).toEqual([{ days: 10, rate: 0.9 }]);
  });

  it.each([
    ["10:0.9,5:0.95", /days must increase/],
    ["10:0.95,20:0.9", /lower rate/],
    ["10:1.5", /not a rate between 0 and 1/],
    ["10:0", /rate 0 is not in \(0, 1\]/],
    ["10-0.9", /not days:rate/],
    ["", /needs at least one tier/],
    ["x:0.9", /"x" is not a number/],
  ])("refuses tiers %j", (text, pattern) => {
    expect(() => readSettlementTiers(text)).toThrow(/^tiers: /);
    expect(() => readSettlementTiers(text)).toThrow(pattern);
  });

  it("never offers more than the balance nor less than the lowest rate times the balance", () => {
    const tiers = fc.uniqueArray(fc.integer({ min: 0, max: 365 }), { minLength: 1, maxLength: 5 }).chain((days) =>
      fc.array(fc.integer({ min: 1, max: 100 }), { minLength: days.length, maxLength: days.length }).map((rates) => {
        const sortedDays = [...days].sort((a, b) => a - b);
        const sortedRates = [...rates].sort((a, b) => a - b);
        return sortedDays.map((d, i) => ({ days: d, rate: sortedRates[i] / 100 }));
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }).map((c) => c / 100),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        tiers,
        (balance, days, ladder) => {
          const offer = settlementOffer(balance, days, ladder);
          expect(offer).toBeLessThanOrEqual(balance);
          expect(offer).toBeGreaterThanOrEqual(Math.floor(ladder[0].rate * balance * 100) / 100);
          expect(Number(offer.toFixed(2))).toBe(offer); // whole cents
          expect(settlementRate(days, ladder)).toBeGreaterThanOrEqual(ladder[0].rate);
        },
      ),
    );
  });
});
