/**
 * Text on its way into a spreadsheet: what keeps a debtor's text from running as a formula, how wide it
 * shows, and the letters of a column. One rule each for the command line's files and the pane's sheets.
 */

export { displayWidth } from "../core/index.js";

/**
 * Leading characters that make a spreadsheet read text as a formula (OWASP "CSV injection", ASVS 5.0
 * 1.2.10): `=`, `+`, `-`, `@`, tab, carriage return and NUL, the other C0 controls (which some programs
 * skip before looking at the next character), and the full-width forms that some programs fold to ASCII.
 */
const FORMULA_TRIGGERS = new Set([
  "=",
  "+",
  "-",
  "@",
  "\uFF1D",
  "\uFF0B",
  "\uFF0D",
  "\uFF20",
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)),
]);

/** Whether a spreadsheet would take this text for a formula (see FORMULA_TRIGGERS). */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]);
}

/**
 * Neutralises text that a spreadsheet would run as a formula by prefixing a single quote: `=1+1` becomes
 * `'=1+1`. Other text is returned unchanged. The rule for files (CSV), where nothing else is read into a
 * value. Only for text: numbers are written as numbers and never pass here.
 */
export function neutraliseFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/** Beyond the formula triggers, Excel swallows a leading `'` and reads a leading `#` as an error value (`#N/A`). */
const VALUE_STARTS = new Set(["'", "#"]);
const BOOLEAN = /^\s*(true|false)\s*$/i;
/** A month name followed by a number reads as a date in an English Excel ("Jan 2025", "March 5", "Jul-25"). */
const MONTH_DATE = /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-/,]*\d/i;
/** A word of three letters or more that is not (the start of) a month name: no number or date has one. */
const PLAIN_WORD = /(?<![A-Za-z])(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[A-Za-z]{3,}/i;
// eslint-disable-next-line no-control-regex -- the range starts at NUL: everything outside ASCII
const NOT_ASCII = /[^\x00-\x7f]/;
/** First letters of the months, lower case (j, f, m, a, s, o, n, d). */
const MONTH_STARTS = new Set([..."jfmasond"].map((ch) => ch.charCodeAt(0)));

/**
 * The text to write to `Range.values` so that Excel keeps `text` as that text. Excel treats a string
 * written to `values` as if it were typed: formulas (the same triggers as neutraliseFormula), and `00123`,
 * `1e5`, `12%`, `2025-07-31`, `31 July 2025`, `TRUE`, `#N/A` become numbers, dates, booleans or errors,
 * and a leading `'` is swallowed. A leading apostrophe makes Excel store the rest as text (its quote
 * prefix) without changing the value read back, so such texts get one; everything else is written as it
 * is. The test errs on the side of the apostrophe, which is harmless where it was not needed. Cheaper than
 * formatting cells as text ("@") first, which would be one more request per chunk and would also turn later
 * numbers into text.
 */
export function excelText(text: string): string {
  if (text.length === 0) return text;
  const first = text[0];
  if (FORMULA_TRIGGERS.has(first) || VALUE_STARTS.has(first)) return `'${text}`;
  const c = text.charCodeAt(0);
  if (c >= 0x3000) return text; // CJK
  const lower = c | 32;
  if (lower >= 97 && lower <= 122) {
    // Most texts (names, verdicts) start with a letter: only booleans and month-led dates need the prefix,
    // and only texts starting like one are given to the regexes.
    if ((lower === 116 || lower === 102) && text.length <= 12 && BOOLEAN.test(text)) return `'${text}`;
    return MONTH_STARTS.has(lower) && MONTH_DATE.test(text) ? `'${text}` : text;
  }
  // Anything else (digits, spaces, brackets, currency) may read as a number, a date or a time, unless it
  // has a word of three letters or more that is not a month ("2 overdue events", "10 instalments of ...").
  // Texts beyond ASCII are prefixed: Chinese Excel reads 2025年7月31日 as a date.
  return NOT_ASCII.test(text) || !PLAIN_WORD.test(text) ? `'${text}` : text;
}

/** The column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
