// Issue 9, items 6, 7 and 10: incoming Excel errors pass on with their own code, malformed ranges are
// refused naming the argument, and no NaN or Infinity reaches a cell.
import { beforeAll, describe, expect, it } from "vitest";
import { FakeExcelError, installExcelGlobals } from "../support/excel-globals.js";
import { normalise } from "./cases.js";

type Fn = (...args: any[]) => unknown[][];
let fns: Record<string, Fn>;
let excel: typeof import("../../src/functions/excel.js");

beforeAll(async () => {
  installExcelGlobals("en-US");
  const m = await import("../../src/functions/functions.js");
  excel = await import("../../src/functions/excel.js");
  fns = Object.fromEntries(
    Object.entries(m)
      .filter(([, f]) => typeof f === "function")
      .map(([name, f]) => [name.toUpperCase(), f as Fn]),
  );
  excel.setMessageLanguage("en-US");
});

const one = (v: unknown): unknown[][] => [[v]];
const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const NA = () => new FakeExcelError("#N/A");
const DIV0 = () => new FakeExcelError("#DIV/0!");
const DUE = 45_000;
const AS_OF = 45_100;
const run = (id: string, ...args: unknown[]) => normalise(fns[id](...args));

describe("an error cell in an element-wise argument (item 7)", () => {
  it("gives its own code, as Excel's functions do: AR.GRADE(#N/A, ...) is #N/A", () => {
    expect(run("GRADE", one(NA()), one(0), one("good"))).toEqual([["#N/A overdue_count: holds the error #N/A"]]);
    expect(run("GRADE", one(DIV0()), one(0), one("good"))).toEqual([["#DIV/0!"]]);
    expect(run("GRADE", one(0), one(new FakeExcelError("#NUM!")), one("good"))).toEqual([["#NUM!"]]);
    expect(run("GRADE", one(0), one(0), one(new FakeExcelError("#NULL!")))).toEqual([["#NULL!"]]);
    expect(run("GRADE", one(new FakeExcelError("#VALUE!", "from another formula")), one(0), one("good"))).toEqual([
      ["#VALUE! overdue_count: holds the error #VALUE!"],
    ]);
  });

  it("reads the plain-object shapes ({errorCode}, {code}) and error texts pasted from CSV alike", () => {
    expect(run("SETTLE", one({ errorCode: "#N/A" }), one(5))).toEqual([["#N/A balance: holds the error #N/A"]]);
    expect(run("SETTLE", one({ code: "#DIV/0!" }), one(5))).toEqual([["#DIV/0!"]]);
    expect(run("SETTLE", one({ errorCode: "#div/0!" }), one(5))).toEqual([["#DIV/0!"]]);
    expect(run("SETTLE", one("#N/A"), one(5))).toEqual([["#N/A balance: holds the error #N/A"]]);
    expect(run("SETTLE", one(" #num! "), one(5))).toEqual([["#NUM!"]]);
    expect(run("TERM", col("A", "#N/A", "#DIV/0!"))).toEqual([[30], ["#N/A grade: holds the error #N/A"], ["#DIV/0!"]]);
  });

  it("gives #VALUE! naming the code and the argument where a custom function cannot return that code", () => {
    expect(run("AGING", one(new FakeExcelError("#REF!")), one(AS_OF))).toEqual([
      ["#VALUE! due_date: holds the error #REF!, which a custom function cannot pass on"],
    ]);
    expect(run("AGING", one(DUE), one("#NAME?"))).toEqual([
      ["#VALUE! as_of: holds the error #NAME?, which a custom function cannot pass on"],
    ]);
    for (const code of [
      "#SPILL!",
      "#CALC!",
      "#GETTING_DATA",
      "#BUSY!",
      "#CONNECT!",
      "#FIELD!",
      "#BLOCKED!",
      "#UNKNOWN!",
      "#EXTERNAL!",
      "#PYTHON!",
    ]) {
      expect(run("PROVISION", one({ errorCode: code }), one(10))).toEqual([
        [`#VALUE! balance: holds the error ${code}, which a custom function cannot pass on`],
      ]);
    }
  });

  it("refuses an object that is no cell value, naming the argument", () => {
    expect(run("SETTLE", one({}), one(5))).toEqual([["#VALUE! balance: an object is not a cell value"]]);
    expect(run("SETTLE", one({ errorCode: "#OOPS!" }), one(5))).toEqual([["#VALUE! balance: an object is not a cell value"]]);
    expect(run("SETTLE", [[[1]]], one(5))).toEqual([["#VALUE! balance: a nested array is not a cell value"]]);
  });

  it("passes on element by element in ranges", () => {
    expect(run("AGING", col(DUE, NA(), "#DIV/0!", 0), one(AS_OF), one("days"))).toEqual([
      [100],
      ["#N/A due_date: holds the error #N/A"],
      ["#DIV/0!"],
      [""],
    ]);
    expect(
      run(
        "FACTOR",
        [
          [1000, DIV0()],
          [NA(), 2000],
        ],
        null,
        null,
        null,
      ),
    ).toEqual([
      [800, "#DIV/0!"],
      ["#N/A amount: holds the error #N/A", 1600],
    ]);
  });

  it("lets the first bad or error argument in argument order decide each element, an error before a blank", () => {
    // overdue_count before overdue_amount: its error (or its bad value) wins
    expect(run("GRADE", col(DIV0(), "x", 0, 1), col(NA(), NA(), NA(), 0), one("good"))).toEqual([
      ["#DIV/0!"],
      ['#VALUE! overdue_count: "x" is not a number'],
      ["#N/A overdue_amount: holds the error #N/A"],
      ["B"],
    ]);
    // a one-cell error after a per-element argument: that argument's own errors come first
    const out = run("AGING", col(DUE, "tomorrow", NA()), one(DIV0()), one("days"));
    expect(out[0]).toEqual(["#DIV/0!"]);
    expect(out[1][0]).toMatch(/^#VALUE! due_date: "tomorrow" is not a date/);
    expect(out[2]).toEqual(["#N/A due_date: holds the error #N/A"]);
    // an error beats a blank in the same element; a blank one-cell argument still gives blanks elsewhere
    expect(run("AGING", col(NA(), DUE), one(0), one("days"))).toEqual([["#N/A due_date: holds the error #N/A"], [""]]);
    expect(run("AGING", one(DUE), one(NA()), one("days"))).toEqual([["#N/A as_of: holds the error #N/A"]]);
  });

  it("messages follow the display language", () => {
    excel.setMessageLanguage("zh-CN");
    try {
      expect(run("GRADE", one(NA()), one(0), one("good"))).toEqual([["#N/A overdue_count：为错误值 #N/A"]]);
      expect(run("GRADE", one("#SPILL!"), one(0), one("good"))).toEqual([
        ["#VALUE! overdue_count：为错误值 #SPILL!，自定义函数无法原样返回"],
      ]);
    } finally {
      excel.setMessageLanguage("en-US");
    }
  });
});

describe("an error cell in a whole-call argument (item 7)", () => {
  it("makes the whole result that error", () => {
    expect(run("GRADE", col(0, 1), col(0, 0), one("good"), null, one(NA()))).toEqual([["#N/A output: holds the error #N/A"]]);
    expect(run("AGING", col(DUE, DUE), one(AS_OF), null, col(30, DIV0(), 90))).toEqual([["#DIV/0!"]]);
    expect(run("AGING", col(DUE, DUE), one(AS_OF), null, one("#N/A"))).toEqual([["#N/A edges: holds the error #N/A"]]);
    expect(
      run("SETTLE", col(1000, 2000), one(5), [
        [10, 0.9],
        [20, { errorCode: "#NUM!" }],
      ]),
    ).toEqual([["#NUM!"]]);
    expect(run("SETTLE", one(1000), null, one(NA()))).toEqual([["#N/A tiers: holds the error #N/A"]]);
    expect(run("PROVISION", one(1000), one(10), one(DIV0()))).toEqual([["#DIV/0!"]]);
    expect(run("FACTOR", one(1000), null, null, one("#N/A"))).toEqual([["#N/A output: holds the error #N/A"]]);
    // PLAN reads one-cell arguments for the whole plan
    expect(run("PLAN", one(NA()), one(3))).toEqual([["#N/A balance: holds the error #N/A"]]);
    expect(run("PLAN", one(1000), one(DIV0()))).toEqual([["#DIV/0!"]]);
    expect(run("PLAN", one(1000), one(3), null, null, null, one("#N/A"))).toEqual([["#N/A free_cash_flow: holds the error #N/A"]]);
    expect(run("PLAN", one(1000), one(3), null, one({ errorCode: "#REF!" }))).toEqual([
      ["#VALUE! first_due: holds the error #REF!, which a custom function cannot pass on"],
    ]);
    // an error inside a range given where one cell was expected is still that error
    expect(run("PLAN", col(1000, NA()), one(3))).toEqual([["#N/A balance: holds the error #N/A"]]);
  });
});

describe("malformed ranges (item 10)", () => {
  it("answers #VALUE! naming the argument, never an internal error", () => {
    expect(run("GRADE", [[1], null], one(0), one("good"))).toEqual([
      ["#VALUE! overdue_count: malformed range: row 2 is null, not a row of cells"],
    ]);
    expect(run("AGING", one(DUE), [[AS_OF, AS_OF], [AS_OF]])).toEqual([["#VALUE! as_of: malformed range: row 2 is 1 cell wide, row 1 2"]]);
    expect(run("SETTLE", one(1000), one(5), [[10, 0.9], 7])).toEqual([
      ["#VALUE! tiers: malformed range: row 2 is number, not a row of cells"],
    ]);
    expect(run("PLAN", [[1000], null], one(3))).toEqual([["#VALUE! balance: malformed range: row 2 is null, not a row of cells"]]);
    expect(run("RECOVERY", one(1), one(1), one(2), [5, [1]])).toEqual([
      ["#VALUE! employee_claims: malformed range: row 2 is a row among cells"],
    ]);
    expect(run("PROFILE", one("yes"), [["yes"], undefined])).toEqual([
      ["#VALUE! income_stable: malformed range: row 2 is undefined, not a row of cells"],
    ]);
  });

  it("still reads empty ranges and flat lists as before", () => {
    expect(run("SETTLE", one(1000), [[]])).toEqual([[""]]); // an empty range: blank, as before
    expect(run("SETTLE", [1000, 2000], one(5))).toEqual([[900], [1800]]);
  });
});

describe("no NaN or Infinity in a cell (item 6)", () => {
  it("refuses huge amounts instead of computing NaN", () => {
    for (const output of ["advance", "fee", "reserve", "net"]) {
      expect(run("FACTOR", one(1e308), null, null, one(output))).toEqual([
        ["#VALUE! amount: 1e+308 is above the largest amount handled, 90,071,992,547,409.91"],
      ]);
    }
    expect(run("FACTOR", one("1e999"), one(0.9))).toEqual([['#VALUE! amount: "1e999" is too large a number']]);
    expect(run("SETTLE", one(1e308), one(5))).toEqual([
      ["#VALUE! balance: 1e+308 is above the largest amount handled, 90,071,992,547,409.91"],
    ]);
  });

  it("applies the one bound to every money argument of every function", () => {
    const limit = "is above the largest amount handled, 90,071,992,547,409.91";
    const calls: [string, string, unknown[]][] = [
      ["GRADE", "overdue_amount", [one(1), one(1e14), one("good")]],
      ["GRADE", "small_limit", [one(1), one(1), one("good"), one(1e14)]],
      ["SETTLE", "balance", [one(1e14), one(5)]],
      ["FACTOR", "amount", [one(1e14)]],
      ["INSURE", "loss", [one(1e14)]],
      ["PROVISION", "balance", [one(1e14), one(5)]],
      ["CHANNEL", "balance", [one(1e14), one(5)]],
      ["PLAN", "balance", [one(1e14), one(5)]],
      ["PLAN", "concession", [one(1000), one(5), one(1e14)]],
      ["RECOVERY", "claim", [one(1e14), one(1), one(1e15)]],
      ["RECOVERY", "free_estate", [one(1), one(1e14), one(2)]],
      ["RECOVERY", "ordinary_claims_total", [one(1), one(1), one(1e14)]],
      ["RECOVERY", "employee_claims", [one(1), one(1), one(2), one(1e14)]],
      ["RECOVERY", "tax_claims", [one(1), one(1), one(2), null, one(1e14)]],
      ["RECOVERY", "expenses", [one(1), one(1), one(2), null, null, one(1e14)]],
    ];
    for (const [id, name, args] of calls)
      expect(run(id, ...args), `${id} ${name}`).toEqual([[`#VALUE! ${name}: 100000000000000 ${limit}`]]);
  });

  it("turns a result that is not finite into #NUM! and a missing cell into an error, at the boundary", () => {
    const grid = excel.mapCells([{ name: "x", blank: "number", read: (v) => Number(v) }] as const, [[[1], [2], [3]]], ([x]) =>
      x === 1 ? Number.POSITIVE_INFINITY : x === 2 ? (undefined as unknown as number) : x,
    );
    expect(normalise(grid)).toEqual([["#NUM!"], ["#VALUE! internal error: no cell value (undefined)"], [3]]);
    const out = excel.cellRows([[Number.POSITIVE_INFINITY, Number.NaN, 1, "", true, undefined]]);
    expect(normalise(out)).toEqual([["#NUM!", "#NUM!", 1, "", true, "#VALUE! internal error: no cell value (undefined)"]]);
  });
});

describe("results never above the amount as entered (item 9)", () => {
  it("SETTLE, RECOVERY, FACTOR, INSURE, PROVISION", () => {
    expect(run("SETTLE", one(0.005), one(23))).toEqual([[0]]);
    expect(run("SETTLE", one(0.005), null)).toEqual([
      [10, 0.9, 0],
      [20, 0.95, 0],
      [">20", 1, 0],
    ]);
    expect(run("RECOVERY", one(1.005), one(1000), one(1.005))).toEqual([[1]]);
    expect(run("FACTOR", one(0.005), one(1), one(0), one("reserve"))).toEqual([[0]]);
    expect(run("INSURE", one(1.005), one(1))).toEqual([[1]]);
    expect(run("PROVISION", one(0.005), one(400), one("0:100%,*:100%"))).toEqual([[0]]);
  });

  it("PLAN refuses instalments of 0 and AGING refuses edges beyond Excel's calendar", () => {
    expect(run("PLAN", one(0.01), one(3))).toEqual([
      ["#VALUE! instalments: 0.01 cannot be split into 3 instalments of at least 0.01: at most 1"],
    ]);
    expect(run("PLAN", one(0.03), one(3))).toEqual([
      [1, "", 0.01],
      [2, "", 0.01],
      [3, "", 0.01],
    ]);
    expect(run("AGING", one(DUE), one(AS_OF), null, one("30,1e308"))).toEqual([
      ["#VALUE! edges: 1e+308 is not a whole number of days from 1 to 2,958,465 (the span of Excel's calendar)"],
    ]);
    expect(run("AGING", one(DUE), one(AS_OF), null, one("30,2958465"))).toEqual([["31-2958465"]]);
    expect(run("AGING", one(DUE), one(AS_OF), null, one("30,2958466"))[0][0]).toMatch(
      /^#VALUE! edges: 2958466 is not a whole number of days from 1 to 2,958,465/,
    );
  });
});
