/**
 * Text from a debtor's file on its way out: into a spreadsheet cell (CSV or XLSX) or onto a terminal.
 * Cell text is the user's data, so nothing here changes a printable character; it only cuts what no
 * cell can hold and replaces what no file or screen should receive.
 */

/** The most characters an Excel cell holds (Excel's specification limit). */
export const MAX_CELL_TEXT = 32_767;

/**
 * Control characters that an XLSX cannot store (XML 1.0 refuses C0 controls) or should not (DEL and the
 * C1 controls, which XML discourages and terminals act on), and that a CSV should not carry (a NUL ends
 * the text in many programs): all but tab, line feed and carriage return.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CELL_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CELL_CONTROLS = new RegExp(CELL_CONTROL.source, "g");

/** Text fitted to a cell, and what had to be done to it. */
export interface CellText {
  readonly text: string;
  /** Characters cut beyond {@link MAX_CELL_TEXT} (0 when the text fitted). */
  readonly cut: number;
  /** Control characters replaced by U+FFFD. */
  readonly replaced: number;
}

/**
 * Fits text into one spreadsheet cell: control characters become U+FFFD (visible, and legal in XML), and
 * text longer than Excel's 32,767 characters is cut with a visible marker saying how much was cut, so
 * that the cell shows it was cut and the file still opens.
 */
export function fitCellText(text: string): CellText {
  let replaced = 0;
  const out = CELL_CONTROL.test(text)
    ? text.replace(CELL_CONTROLS, () => {
        replaced++;
        return "\uFFFD";
      })
    : text;
  if (out.length <= MAX_CELL_TEXT) return { text: out, cut: 0, replaced };
  const marker = (n: number) =>
    ` …[${n.toLocaleString("en-US")} more characters cut: Excel holds ${MAX_CELL_TEXT.toLocaleString("en-US")} in a cell]`;
  // The marker's own length depends on the count it shows; one pass with the longest count is enough.
  let keep = MAX_CELL_TEXT - marker(out.length).length;
  // Never split a surrogate pair.
  if (keep > 0 && isHighSurrogate(out.charCodeAt(keep - 1))) keep--;
  const cut = out.length - keep;
  return { text: out.slice(0, keep) + marker(cut), cut, replaced };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Characters a terminal acts on or does not show: C0 and C1 controls, DEL, the Unicode bidirectional
 * controls that reorder what is shown (`Trojan Source`), and the invisible ones (zero-width spaces and
 * joiners, soft hyphen, byte order mark) that would make `"2025-01-31\u200b" is not a date` look wrong.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const TERMINAL_CONTROL = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Text safe to print on a terminal: every control character is shown as a visible escape (`\x1b`,
 * `\u202e`) instead of being sent, so that a debtor's name cannot clear the screen, set the window title
 * or reorder a line.
 */
export function printable(text: string): string {
  return text.replace(TERMINAL_CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Whether a code point shows two columns wide: East Asian Wide and Fullwidth (CJK, kana, Hangul, full-width forms). */
export function isWideCodePoint(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/**
 * Display width of a text in Excel's character units: wide characters (CJK, full-width) count twice, by
 * code point (a surrogate pair is one character); a text of several lines is as wide as its widest line.
 * `客户A` is 5 wide.
 */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r?\n/)) {
    let width = 0;
    for (const ch of line) width += isWideCodePoint(ch.codePointAt(0) ?? 0) ? 2 : 1;
    if (width > widest) widest = width;
  }
  return widest;
}
