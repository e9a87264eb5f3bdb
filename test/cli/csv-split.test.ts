// The CSV splitter of the command line (csv-read.ts splitRecords) against csv-parse with the options it
// replaces: the same records on hand-picked cases and on random texts whose quotes are well formed.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { splitRecords } from "../../src/cli/csv-read.js";
import { numberText } from "../../src/cli/table-write.js";

const csvParse = (text: string, delimiter: string): string[][] =>
  parse(text, {
    delimiter,
    bom: true,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe("splitRecords", () => {
  it("splits as csv-parse does on the cases that matter", () => {
    const cases: [string, string[][]][] = [
      ["", []],
      ["\n", [[""]]],
      ["a,b\n", [["a", "b"]]],
      ["a,b\n\n", [["a", "b"], [""]]],
      ["a,b\r\n\r\nc", [["a", "b"], [""], ["c"]]],
      ["a\r\rb", [["a"], [""], ["b"]]],
      [",", [["", ""]]],
      ["a,\n", [["a", ""]]],
      ['"a""b",c', [['a"b', "c"]]],
      ['a"b,"c"\n', [['a"b', "c"]]],
      ['"a\nb",c\r\n', [["a\nb", "c"]]],
      ["\uFEFFa,b", [["a", "b"]]],
      ['"",x', [["", "x"]]],
      ['x,""', [["x", ""]]],
      [' "a",b', [[' "a"', "b"]]],
      ['Title\r\nCustomer,Amount\r\nAcme,"1,234.50"\r\n', [["Title"], ["Customer", "Amount"], ["Acme", "1,234.50"]]],
    ];
    for (const [text, records] of cases) {
      expect(splitRecords(text, ","), JSON.stringify(text)).toEqual(records);
      expect(csvParse(text, ","), JSON.stringify(text)).toEqual(records);
    }
  });

  it("gives csv-parse's records on 3,000 random texts with well-formed quotes, for comma, semicolon and tab", () => {
    const rnd = lcg(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    for (const delimiter of [",", ";", "\t"]) {
      for (let t = 0; t < 1000; t++) {
        const lines: string[] = [];
        const endings = ["\n", "\r\n", "\r"];
        const count = Math.floor(rnd() * 6);
        let text = rnd() < 0.1 ? "\uFEFF" : "";
        for (let l = 0; l < count; l++) {
          const fields: string[] = [];
          const width = Math.floor(rnd() * 4);
          for (let f = 0; f <= width; f++) {
            const plain = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(["a", "1", " ", "x", "é", "万"])).join("");
            if (rnd() < 0.3) {
              // quoted: may hold the delimiter, a doubled quote, a line break
              const inner = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(["a", delimiter, '""', "\n", "\r\n", " "])).join("");
              fields.push(`"${inner}"`);
            } else if (rnd() < 0.1 && plain.length > 0)
              fields.push(`${plain}"${plain}`); // a quote inside a field is text
            else fields.push(plain);
          }
          lines.push(fields.join(delimiter));
        }
        text += lines.map((line) => line + pick(endings)).join("");
        if (rnd() < 0.3 && text.length > 0) text = text.replace(/(\r\n|\n|\r)$/, "");
        expect(splitRecords(text, delimiter), JSON.stringify(text)).toEqual(csvParse(text, delimiter));
      }
    }
  });
});

describe("numberText (the CSV writer's numbers)", () => {
  it("writes every number as String does: cents, halves, large, tiny, negative, non-cent fractions", () => {
    const rnd = lcg(9);
    const values: number[] = [0.01, 0.1, 0.5, 1.05, -0.01, -1234.5, 14.125, 12.5 * 1.13, 0.1 + 0.2, 1e15 + 0.5, 9e12 + 0.01, 123456789.12];
    for (let i = 0; i < 200_000; i++) {
      const cents = Math.floor((rnd() - 0.3) * 10 ** Math.floor(rnd() * 16));
      values.push(cents / 100, cents / 1000, (cents * 1.13) / 100, rnd() * 1000);
    }
    // One assertion over the 800,000 values (an expect per value took 20 s on a loaded machine).
    const differ = values.filter((v) => numberText(v) !== String(v)).map((v) => `${String(v)} written ${numberText(v)}`);
    expect(differ).toEqual([]);
  });
});
