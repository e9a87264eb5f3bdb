import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { describeProvisionRates, provision, provisionBandLabels, provisionRate, readProvisionRates } from "../../src/core/provision.js";
import { DEFAULT_POLICY } from "../../src/core/policy.js";

describe("expected credit loss provision (IFRS 9 simplified approach)", () => {
  it.each([
    [0, 0.01],
    [1, 0.02],
    [30, 0.02],
    [31, 0.03],
    [90, 0.03],
    [91, 0.2],
    [180, 0.2],
    [181, 0.5],
    [5000, 0.5],
  ])("%i days past due: %s", (days, rate) => {
    expect(provisionRate(days)).toBe(rate);
  });

  it("provides balance x rate to the cent", () => {
    expect(provision(100_000, 45)).toBe(3_000);
    expect(provision(100_000, 0)).toBe(1_000);
    expect(provision(12_345.67, 100)).toBe(2_469.13);
  });

  it("labels and describes its bands", () => {
    expect(provisionBandLabels(DEFAULT_POLICY.provisionRates)).toEqual(["not due", "1-30", "31-90", "91-180", "180+"]);
    expect(describeProvisionRates(DEFAULT_POLICY.provisionRates)).toBe("not due 1%, 1-30 2%, 31-90 3%, 91-180 20%, 180+ 50%");
  });

  it("reads rates as text or a range", () => {
    expect(readProvisionRates("0:1%,30:2%,90:3%,180:20%,*:50%")).toEqual(DEFAULT_POLICY.provisionRates);
    expect(readProvisionRates("0：1%，60：5%，>60：40%")).toEqual([
      { upTo: 0, rate: 0.01 },
      { upTo: 60, rate: 0.05 },
      { upTo: null, rate: 0.4 },
    ]);
    expect(
      readProvisionRates([
        [0, 0.01],
        [90, 0.05],
        ["", 0.6],
      ]),
    ).toEqual([
      { upTo: 0, rate: 0.01 },
      { upTo: 90, rate: 0.05 },
      { upTo: null, rate: 0.6 },
    ]);
  });

  it.each([
    ["0:1%,30:2%", /the last rate must cover everything beyond/],
    ["30:2%,0:1%,*:5%", /bounds must increase/],
    ["0:5%,30:2%,*:50%", /an older bucket cannot have a lower rate/],
    ["0:1%,*:50%,*:60%", /only the last rate may be open-ended/],
    ["0:150%,*:100%", /not a rate between 0 and 1/],
    ["abc", /not days:rate/],
  ])("refuses %j", (text, pattern) => {
    expect(() => readProvisionRates(text)).toThrow(/^rates: /);
    expect(() => readProvisionRates(text)).toThrow(pattern);
  });

  it("never falls as days past due grow", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }).map((c) => c / 100),
        fc.nat(2000),
        fc.nat(2000),
        (balance, days, more) => {
          expect(provision(balance, days + more)).toBeGreaterThanOrEqual(provision(balance, days));
          expect(provision(balance, days)).toBeLessThanOrEqual(balance);
        },
      ),
    );
  });
});
