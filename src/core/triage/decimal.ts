/**
 * The decimal mark of amounts written as text. A European export (semicolon CSV) writes one and a half
 * thousand as `1.500,00` and one and a half as `1,5`; an English one writes `1,500.00` and `1.5`. `1,500`
 * alone could be either. The file decides: the amounts that can only be read one way show its convention,
 * and when none does, the user is asked rather than a guess made.
 */
import { RuleError } from "../errors.js";
import { toHalfWidth } from "../input.js";

/** The character that separates the whole part of a number from its fraction. */
export type DecimalMark = "." | ",";

/**
 * How a text amount bears on the decimal mark: evidence for one mark; ambiguous, with the one separator
 * it has followed by three digits (`1,500`: "ambiguous-comma", `1.500`: "ambiguous-dot"); or nothing.
 */
export type MarkEvidence = DecimalMark | "ambiguous-comma" | "ambiguous-dot" | null;

const SIGN = "[+-]?";
const BOTH_COMMA_LAST = new RegExp(`^${SIGN}\\d{1,3}(?:\\.\\d{3})+,\\d+$`); // 1.234,56
const BOTH_DOT_LAST = new RegExp(`^${SIGN}\\d{1,3}(?:,\\d{3})+\\.\\d+$`); // 1,234.56
const ONE_COMMA = new RegExp(`^${SIGN}(\\d+),(\\d+)$`); // 1,5  1500,50  1,500
const ONE_DOT = new RegExp(`^${SIGN}(\\d+)\\.(\\d+)$`); // 1.5  1500.50  1.500
const COMMA_GROUPS = new RegExp(`^${SIGN}\\d{1,3}(?:,\\d{3}){2,}$`); // 1,234,567
const DOT_GROUPS = new RegExp(`^${SIGN}\\d{1,3}(?:\\.\\d{3}){2,}$`); // 1.234.567

/**
 * What one text amount says about the decimal mark: `","` or `"."` when it can be read only one way,
 * ambiguous for a single separator followed by exactly three digits (`1,500`, `1.500`), null when it
 * has no separator or is not a number. Full-width digits and separators count as their ASCII forms.
 */
export function markEvidence(text: string): MarkEvidence {
  const t = toHalfWidth(text.trim());
  if (BOTH_COMMA_LAST.test(t) || DOT_GROUPS.test(t)) return ",";
  if (BOTH_DOT_LAST.test(t) || COMMA_GROUPS.test(t)) return ".";
  const comma = ONE_COMMA.exec(t);
  if (comma) return comma[2].length === 3 && comma[1].length <= 3 && !/^[+-]?0$/.test(comma[1]) ? "ambiguous-comma" : ",";
  const dot = ONE_DOT.exec(t);
  if (dot) return dot[2].length === 3 && dot[1].length <= 3 && !/^[+-]?0$/.test(dot[1]) ? "ambiguous-dot" : ".";
  return null;
}

/** The decimal mark decided for a file, and the amounts it was decided from. */
export interface DecimalDecision {
  readonly mark: DecimalMark;
  /** How it was decided: the file's own amounts, the user, or the convention of the separator. */
  readonly source: "amounts" | "user" | "default";
  /** Up to three amounts that can be read only with this mark (empty unless `source` is "amounts"). */
  readonly examples: readonly string[];
  /** How many amounts could be read either way (`1,500`). */
  readonly ambiguous: number;
}

/**
 * Decides the decimal mark of a file's text amounts.
 * @param texts the text cells of the number columns
 * @param fieldSeparator the file's field separator: a comma file cannot hold an unquoted decimal comma, so
 *   its quoted `"1,500"` is read with the decimal point (one thousand five hundred); every other ambiguous
 *   amount (`1.500` in any file, `1,500` where the separator is not the comma) is a question for the user
 * @param told the mark the user gave (`--decimal`), which decides
 * @param numberPart the number within a text, when amounts come with signs, currencies or units around it
 *   (a ledger's `1.000,00-`, `€ 1.234,50`); examples still show the texts as written
 * @throws RuleError ("decimal") when the amounts contradict each other, or when some are ambiguous and
 *   nothing else decides, naming examples and how to answer
 */
export function decideDecimalMark(
  texts: Iterable<string>,
  fieldSeparator: string,
  told?: DecimalMark,
  numberPart?: (text: string) => string,
): DecimalDecision {
  // Counts, with the first three different examples of each kind: a million amounts are read once and kept nowhere.
  const found = {
    ".": { count: 0, examples: [] as string[] },
    ",": { count: 0, examples: [] as string[] },
    "question": { count: 0, examples: [] as string[] },
  };
  let ambiguous = 0;
  const note = (kind: keyof typeof found, text: string) => {
    const f = found[kind];
    f.count++;
    if (f.examples.length < 3) {
      const shown = text.trim();
      if (!f.examples.includes(shown)) f.examples.push(shown);
    }
  };
  // The last text's evidence, remembered: a column repeats many amounts (0.00) down its rows.
  let lastText: string | undefined;
  let lastEvidence: MarkEvidence = null;
  for (const text of texts) {
    const evidence: MarkEvidence = text === lastText ? lastEvidence : markEvidence(numberPart === undefined ? text : numberPart(text));
    lastText = text;
    lastEvidence = evidence;
    if (evidence === "ambiguous-comma" || evidence === "ambiguous-dot") {
      ambiguous++;
      if (evidence === "ambiguous-dot" || fieldSeparator !== ",") note("question", text);
    } else if (evidence !== null) note(evidence, text);
  }
  if (told !== undefined) return { mark: told, source: "user", examples: [], ambiguous };
  const dots = found["."].examples;
  const commas = found[","].examples;
  if (dots.length > 0 && commas.length > 0) {
    throw new RuleError(
      "decimal",
      `the amounts use both decimal marks (${quoteList(dots)} read with a decimal point, ${quoteList(commas)} with a decimal comma): tell which the file uses with --decimal . or --decimal ,`,
      `金额同时使用了两种小数点（${quoteList(dots)} 为小数点，${quoteList(commas)} 为小数逗号）：请用 --decimal . 或 --decimal , 指定`,
    );
  }
  if (dots.length > 0 || commas.length > 0) {
    const mark: DecimalMark = dots.length > 0 ? "." : ",";
    return { mark, source: "amounts", examples: mark === "." ? dots : commas, ambiguous };
  }
  const questions = found.question.examples;
  if (questions.length > 0) {
    throw new RuleError(
      "decimal",
      `amounts such as ${quoteList(questions)} can be read two ways (one thousand five hundred, or one and a half), and no other amount in the file settles it: tell which with --decimal , (1.500 is one thousand five hundred, 1,5 one and a half) or --decimal . (1,500 is one thousand five hundred, 1.5 one and a half)`,
      `${quoteList(questions)} 等金额有两种读法（一千五百或一点五），文件中没有其他金额可以判断：请用 --decimal ,（1.500 为一千五百，1,5 为一点五）或 --decimal .（1,500 为一千五百，1.5 为一点五）指定`,
    );
  }
  return { mark: ".", source: "default", examples: [], ambiguous };
}

/**
 * An amount written with a decimal comma, rewritten with a decimal point and no grouping (`1.234,56` →
 * `1234.56`, `1,5` → `1.5`, `1.500` → `1500`); any other text unchanged (left to the number reader).
 */
export function withDecimalPoint(text: string): string {
  const evidence = markEvidence(text);
  if (evidence !== "," && evidence !== "ambiguous-comma" && evidence !== "ambiguous-dot") return text;
  return toHalfWidth(text.trim()).replace(/\./g, "").replace(",", ".");
}

function quoteList(texts: readonly string[]): string {
  return texts
    .slice(0, 3)
    .map((t) => JSON.stringify(t))
    .join(", ");
}
