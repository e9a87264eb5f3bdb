/**
 * The command line's printout on a terminal: lines wrapped at word boundaries (Chinese between any two
 * characters) to the terminal's width, tables with a header row aligned by display width (cli-table3, so
 * Chinese labels line up), and colours only on a terminal that wants them. Every text is made printable
 * (no control character of a debtor's text reaches the terminal) before any colour code is added.
 */
import Table from "cli-table3";
import { createColors } from "picocolors";
import { displayWidth, isWideCodePoint, printable } from "../core/index.js";
import type { TextTable } from "../result/index.js";

/** How to print: the width lines are wrapped at, and whether to colour. */
export interface Terminal {
  readonly width: number;
  readonly color: boolean;
}

/** Width when the output is not a terminal (a file, a pipe, a test): lines stay readable in an editor. */
export const DEFAULT_WIDTH = 100;

/** Plain output, 100 wide: a file, a pipe, a test. */
export const PLAIN: Terminal = { width: DEFAULT_WIDTH, color: false };

/**
 * The terminal an output stream is: on a TTY its width (at least 40) and colours unless NO_COLOR is set
 * (https://no-color.org); otherwise 100 wide and no colours (FORCE_COLOR is not honoured: a file gets no codes).
 */
export function terminalOf(
  stream: { readonly isTTY?: boolean; readonly columns?: number },
  env: Readonly<Record<string, string | undefined>>,
): Terminal {
  if (stream.isTTY !== true) return PLAIN;
  const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : DEFAULT_WIDTH;
  return { width: Math.max(40, columns), color: env.NO_COLOR === undefined || env.NO_COLOR === "" };
}

/** One block of the printout. */
export type Block =
  | { readonly kind: "line"; readonly text: string; readonly tone?: "heading" | "problem" }
  | { readonly kind: "table"; readonly table: TextTable }
  | { readonly kind: "gap" };

/** Closing punctuation that must not begin a line, opening punctuation that must not end one (Chinese line breaking). */
const NO_LINE_START = new Set([..."，。、；：！？）》」』】〕”’…,.;:!?)]"]);
const NO_LINE_END = new Set([..."（《「『【〔“‘(["]);

/**
 * Wraps a line at word boundaries to `width` display columns: at spaces, and between two characters of
 * which one is wide (Chinese breaks between characters, not before a closing mark). Continuation lines
 * start with `indent`; a word longer than a line (a long path) is cut. Leading spaces of the line are kept.
 */
export function wrapLine(text: string, width: number, indent = "  "): string[] {
  if (displayWidth(text) <= width) return [text];
  const lead = /^ */.exec(text)?.[0] ?? "";
  // Pieces that stay together, each with whether a space came before it.
  const pieces: { text: string; space: boolean }[] = [];
  for (const [w, word] of text.slice(lead.length).split(/ +/).entries()) {
    let start = 0;
    const chars = [...word];
    for (let i = 1; i < chars.length; i++) {
      const before = chars[i - 1];
      const after = chars[i];
      const wide = isWideCodePoint(before.codePointAt(0) ?? 0) || isWideCodePoint(after.codePointAt(0) ?? 0);
      // A straight quote stays with the text it quotes (it may open or close: no break on either side of it).
      if (wide && !NO_LINE_START.has(after) && !NO_LINE_END.has(before) && before !== '"' && after !== '"') {
        pieces.push({ text: chars.slice(start, i).join(""), space: start === 0 && w > 0 });
        start = i;
      }
    }
    pieces.push({ text: chars.slice(start).join(""), space: start === 0 && w > 0 });
  }
  const lines: string[] = [];
  let line = lead;
  let lineWidth = displayWidth(lead);
  let fresh = true; // nothing on the line yet but its lead or indent
  const room = (): number => width - lineWidth;
  for (const piece of pieces) {
    const gap = piece.space && !fresh ? 1 : 0;
    let pieceWidth = displayWidth(piece.text);
    if (gap + pieceWidth > room() && !fresh) {
      lines.push(line);
      line = indent;
      lineWidth = displayWidth(indent);
      fresh = true;
    }
    let rest = piece.text;
    // A piece wider than a whole line: cut it where the line ends.
    while (pieceWidth > room() && fresh) {
      let cut = "";
      let cutWidth = 0;
      for (const ch of rest) {
        const w = displayWidth(ch);
        if (cutWidth + w > room()) break;
        cut += ch;
        cutWidth += w;
      }
      if (cut === "") break;
      lines.push(line + cut);
      rest = rest.slice(cut.length);
      pieceWidth -= cutWidth;
      line = indent;
      lineWidth = displayWidth(indent);
    }
    const g = piece.space && !fresh ? " " : "";
    line += g + rest;
    lineWidth += g.length + pieceWidth;
    fresh = false;
  }
  lines.push(line);
  return lines;
}

/** Wraps every line of a text (its own line breaks kept) and makes it printable. */
export function wrapText(text: string, width: number, indent = "  "): string[] {
  return text.split("\n").flatMap((line) => wrapLine(printable(line), width, indent));
}

/** Borders off but for a rule of dashes under the header; two spaces between columns. */
const TABLE_CHARS = {
  "top": "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  "bottom": "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  "left": "",
  "left-mid": "",
  "mid": "-",
  "mid-mid": "  ",
  "right": "",
  "right-mid": "",
  "middle": "  ",
};

/** Widest a column other than the wrapped one gets (a customer's name of 10 MB is cut, not padded into every row). */
const MAX_COLUMN = 40;

/** A text cut to `max` display columns, ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  let width = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

/** Narrowest a wrapped column gets before the table is allowed to be wider than the terminal. */
const MIN_WRAPPED_COLUMN = 16;

/**
 * A table as lines: header, a rule, the rows, aligned by display width. A table wider than `width` has
 * its widest left-aligned column (the problem texts) wrapped to fit. Rows are coloured by their tone.
 */
export function renderTable(table: TextTable, terminal: Terminal): string[] {
  const c = createColors(terminal.color);
  const safe = (text: string) => printable(text);
  const headers = table.headers.map(safe);
  // Wrap the last left-aligned column (the free text) when the table would be wider than the terminal.
  let wrapColumn = -1;
  for (let i = table.align.length - 1; i >= 0; i--) {
    if (table.align[i] === "left") {
      wrapColumn = i;
      break;
    }
  }
  const rows = table.rows.map((r) => ({
    cells: r.cells.map((cell, i) => (i === wrapColumn ? safe(cell) : truncate(safe(cell), MAX_COLUMN))),
    tone: r.tone,
  }));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r.cells[i] ?? ""))));
  const gaps = 2 * (headers.length - 1);
  const total = widths.reduce((a, b) => a + b, 0) + gaps;
  let wrapWidth = Infinity;
  if (total > terminal.width && wrapColumn >= 0) {
    wrapWidth = Math.max(MIN_WRAPPED_COLUMN, widths[wrapColumn] - (total - terminal.width));
  }
  const tone = (text: string, t: "level3" | "problem" | undefined) =>
    t === "level3" ? c.red(text) : t === "problem" ? c.yellow(text) : text;
  const body = rows.map((r) =>
    r.cells.map((cell, i) => {
      const lines = i === wrapColumn && displayWidth(cell) > wrapWidth ? wrapLine(cell, wrapWidth, "") : [cell];
      // Each line coloured on its own: a code never spans a line break inside a cell.
      return lines.map((l) => tone(l, r.tone)).join("\n");
    }),
  );
  const t = new Table({
    head: headers.map((h) => c.bold(h)),
    chars: TABLE_CHARS,
    style: { "head": [], "border": [], "padding-left": 0, "padding-right": 0, "compact": true },
    colAligns: [...table.align],
    wordWrap: false,
  });
  t.push(...body);
  const lines = t
    .toString()
    .split("\n")
    .map((l) => l.trimEnd());
  const out: string[] = [];
  if (table.title !== undefined) out.push(...wrapText(table.title, terminal.width).map((l) => c.bold(l)));
  out.push(...lines);
  if (table.footer !== undefined) out.push(...wrapText(table.footer, terminal.width));
  return out;
}

/** The printout as lines for a terminal: lines wrapped, tables aligned, colours if the terminal wants them. */
export function render(blocks: readonly Block[], terminal: Terminal): string[] {
  const c = createColors(terminal.color);
  const out: string[] = [];
  for (const block of blocks) {
    if (block.kind === "gap") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
    } else if (block.kind === "table") out.push(...renderTable(block.table, terminal));
    else {
      const paint = block.tone === "heading" ? c.bold : block.tone === "problem" ? c.yellow : (s: string) => s;
      out.push(...wrapText(block.text, terminal.width).map((l) => paint(l)));
    }
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}
