// The README and docs/ render on GitHub as written: every table block is a table (a header, a separator
// row, every row with the header's column count), every relative link reaches a file and, with an anchor,
// a heading of that file (GitHub's slugs) or an explicit id, and every picture exists.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = join(__dirname, "..");
const documents = [
  "README.md",
  "samples/README.md",
  "notebooks/README.md",
  "data/README.md",
  "test/cli/fixtures/exports/README.md",
  ...readdirSync(join(root, "docs"), { withFileTypes: true }).flatMap((e) =>
    e.isFile() && e.name.endsWith(".md") ? [`docs/${e.name}`] : [],
  ),
];

/** The lines of a Markdown text with fenced code blocks blanked (they are neither tables nor links). */
export function proseLines(text: string): string[] {
  let fenced = false;
  return text.split(/\r?\n/).map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line;
  });
}

/** The cells of a table row: split at pipes not escaped with a backslash (GitHub splits inside code spans too). */
export function tableCells(line: string): string[] {
  const cells = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/);
  return cells.map((c) => c.trim());
}

/** The problems of every table block (consecutive lines starting with `|`; a blank line ends a block). */
export function tableProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = proseLines(text);
  let block: { start: number; rows: string[] } | null = null;
  const check = (b: { start: number; rows: string[] }) => {
    const columns = tableCells(b.rows[0]).length;
    if (b.rows.length < 2 || !tableCells(b.rows[1]).every((c) => /^:?-+:?$/.test(c))) {
      problems.push(`line ${b.start}: a table block without a separator row second (${b.rows[0].slice(0, 60)}...)`);
    }
    b.rows.forEach((row, i) => {
      const n = tableCells(row).length;
      if (n !== columns) problems.push(`line ${b.start + i}: ${n} cells, the header has ${columns} (${row.slice(0, 60)}...)`);
    });
  };
  lines.forEach((line, i) => {
    if (/^\s*\|/.test(line)) {
      if (block === null) block = { start: i + 1, rows: [] };
      block.rows.push(line);
    } else if (block !== null) {
      check(block);
      block = null;
    }
  });
  if (block !== null) check(block);
  return problems;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped (but - and _), spaces to hyphens; Chinese kept. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/[`*]/g, "");
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a Markdown file: its headings' slugs (repeats numbered as GitHub numbers them) and explicit ids. */
export function anchors(text: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(m[1]);
  }
  return found;
}

interface Link {
  line: number;
  target: string;
  image: boolean;
}

/** The links and images of a Markdown text outside code (fenced blocks and inline code spans). */
export function links(text: string): Link[] {
  const out: Link[] = [];
  proseLines(text).forEach((line, i) => {
    const prose = line.replace(/`[^`]*`/g, "``");
    for (const m of prose.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      out.push({ line: i + 1, target: m[2], image: m[1] === "!" });
    }
  });
  return out;
}

/** The problems of a document's relative links: a missing file, a missing anchor, a missing picture. */
function linkProblems(document: string): string[] {
  const path = join(root, document);
  const text = readFileSync(path, "utf8");
  const problems: string[] = [];
  for (const link of links(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link.target)) continue; // https:, mailto:
    const [file, anchor] = link.target.split("#", 2) as [string, string | undefined];
    const targetPath = file === "" ? path : resolve(dirname(path), decodeURIComponent(file));
    const where = `${document}:${link.line} ${link.target}`;
    if (!targetPath.startsWith(root) || !existsSync(targetPath)) {
      problems.push(`${where}: no ${link.image ? "picture" : "file"} ${relative(root, targetPath)}`);
      continue;
    }
    if (anchor !== undefined && anchor !== "") {
      if (!targetPath.endsWith(".md") || statSync(targetPath).isDirectory())
        problems.push(`${where}: an anchor into a file without headings`);
      else if (!anchors(readFileSync(targetPath, "utf8")).has(anchor))
        problems.push(`${where}: no heading or id #${anchor} in ${relative(root, targetPath)}`);
    }
  }
  return problems;
}

describe("the checks themselves", () => {
  it("slugs headings as GitHub does", () => {
    expect(slug("The workbook's policy · 工作簿政策")).toBe("the-workbooks-policy--工作簿政策");
    expect(slug("AR.GRADE")).toBe("argrade");
    expect(slug("`AR.HISTORY(due_dates, ...)` -> the inputs")).toBe("arhistorydue_dates----the-inputs");
    expect(slug("One next step per debtor (decision)")).toBe("one-next-step-per-debtor-decision");
  });

  it("numbers repeated headings and reads explicit ids", () => {
    expect([...anchors('# A\n## A\n<a id="ar-grade"></a>\n```\n# not a heading\n```\n')]).toEqual(["a", "a-1", "ar-grade"]);
  });

  it("finds a table split by a blank line, a short row, and a table without its separator", () => {
    const split = "| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n";
    expect(tableProblems(split)).toEqual(["line 5: a table block without a separator row second (| 3 | 4 |...)"]);
    expect(tableProblems("| a | b |\n|---|---|\n| 1 |\n")).toEqual(["line 3: 1 cells, the header has 2 (| 1 |...)"]);
    expect(tableProblems("| a | b |\n|---|---:|\n| `x \\| y` | 2 |\n")).toEqual([]);
  });

  it("finds links and pictures outside code only", () => {
    const text = "See [rules](docs/rules.md#rounding) and ![pane](docs/images/p.png).\n`[no](x.md)`\n```\n[no](y.md)\n```\n";
    expect(links(text)).toEqual([
      { line: 1, target: "docs/rules.md#rounding", image: false },
      { line: 1, target: "docs/images/p.png", image: true },
    ]);
  });
});

describe.each(documents)("%s", (document) => {
  const text = readFileSync(join(root, document), "utf8");

  it("has tables that render: a separator row second, the header's column count on every row", () => {
    expect(tableProblems(text)).toEqual([]);
  });

  it("links only to files, headings and pictures that exist", () => {
    expect(linkProblems(document)).toEqual([]);
  });
});
