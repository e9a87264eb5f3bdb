/**
 * The manual served beside the pane (scripts/build/manual.js): every page of docs/ renders, every link
 * between pages lands on a page and an id that exists, nothing links out of what is served, no script.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { renderManualPage, pageHref } = require("../scripts/build/manual.js") as {
  renderManualPage: (markdown: string) => string;
  pageHref: (href: string) => string | null;
};

const DOCS = join(__dirname, "../docs");
const pages = new Map(
  readdirSync(DOCS)
    .filter((f) => f.endsWith(".md"))
    .map((f) => [f.replace(/\.md$/, ".html"), renderManualPage(readFileSync(join(DOCS, f), "utf8"))]),
);
const idsOf = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

describe("the manual as pages beside the pane", () => {
  it("rewrites links: pages of the manual to .html, anchors kept, files outside docs/ to none", () => {
    expect(pageHref("rules.md")).toBe("rules.html");
    expect(pageHref("rules.md#todays-work-list")).toBe("rules.html#todays-work-list");
    expect(pageHref("#argrade")).toBe("#argrade");
    expect(pageHref("https://example.org/x")).toBe("https://example.org/x");
    expect(pageHref("images/pane-log-en.png")).toBe("images/pane-log-en.png");
    expect(pageHref("../README.md")).toBeNull();
    expect(pageHref("../src/core/grade.ts")).toBeNull();
  });

  it("gives each function's heading the anchor the Functions tab links to", () => {
    const formulas = pages.get("formulas.html")!;
    const ids = idsOf(formulas);
    for (const id of ["argrade", "araging", "arsettle", "arpromise", "arnextcontact", "arlimitation"]) expect(ids.has(id), id).toBe(true);
    expect(formulas).toContain('<h3 id="argrade">');
    expect(formulas).toMatch(/<title>Formula reference · 公式参考<\/title>/);
  });

  it("links only to pages and ids that exist, runs no script and allows no request but its own images", () => {
    expect(pages.size).toBeGreaterThan(5);
    for (const [name, html] of pages) {
      expect(html, name).not.toMatch(/<script/i);
      expect(html, name).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'`);
      for (const [, href] of html.matchAll(/<a href="([^"]+)"/g)) {
        if (/^https?:/.test(href!)) continue;
        const [file, anchor] = href!.split("#");
        const target = file === "" ? name : file!;
        expect(pages.has(target), `${name} → ${href}`).toBe(true);
        if (anchor !== undefined) expect(idsOf(pages.get(target)!).has(decodeURIComponent(anchor)), `${name} → ${href}`).toBe(true);
      }
      for (const [, src] of html.matchAll(/<img src="([^"]+)"/g)) expect(src, name).toMatch(/^images\/[\w.-]+\.png$/);
      expect(html, name).not.toMatch(/href="[^"]*\.md[#"]/);
    }
  });
});
