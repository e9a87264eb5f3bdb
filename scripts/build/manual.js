// The manual (docs/*.md) as pages served beside the task pane, so the Functions tab's "Reference" link opens
// the function's own section, formatted, offline, scrolled to its heading (a .md file opened in a browser is
// plain text and its anchors do not scroll). marked renders GitHub-flavoured Markdown; marked-gfm-heading-id
// gives each heading the id GitHub gives it (`### AR.GRADE` → #argrade, Chinese kept), so the anchors the
// docs already use between themselves work here too. Links to another page of the manual (`rules.md#...`)
// point to its .html; links out of docs/ (the README, source files) stay as their text, because only docs/ is
// served. The pages are our own Markdown, never sheet text. Each page carries a policy that allows no script
// and no request but its own images.
const { Marked } = require("marked");
const { gfmHeadingId } = require("marked-gfm-heading-id");

/** The page's Content-Security-Policy: no script at all, styles of the page itself, images of the manual. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'";

const STYLE = `
body { font-family: "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif; line-height: 1.5;
  max-width: 60rem; margin: 0 auto; padding: 1rem; color: #242424; }
code, pre { font-family: Consolas, "Noto Sans Mono CJK SC", monospace; background: #f5f5f5; border-radius: 3px; }
code { padding: 0 0.2em; } pre { padding: 0.6em; overflow-x: auto; } pre code { padding: 0; }
table { border-collapse: collapse; margin: 0.5em 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #d1d1d1; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; } img { max-width: 100%; } h1, h2, h3 { line-height: 1.25; } h3 { margin-top: 2em; }
:target { background: #fff4ce; }
`;

/** A link's new address: another page of the manual as .html, an anchor as is, anything else: none. */
function pageHref(href) {
  if (/^(https?:|mailto:)/i.test(href) || href.startsWith("#")) return href;
  const match = /^([\w.-]+)\.md(#.*)?$/.exec(href);
  if (match) return `${match[1]}.html${match[2] ?? ""}`;
  if (/^images\/[\w.-]+$/.test(href)) return href;
  return null;
}

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/**
 * One page of the manual as a standalone HTML document.
 * @param {string} markdown the page's Markdown
 * @returns {string} the HTML page
 */
function renderManualPage(markdown) {
  const instance = new Marked({ gfm: true }, gfmHeadingId(), {
    walkTokens(token) {
      if (token.type !== "link") return;
      token.page = pageHref(token.href);
      if (token.page !== null) token.href = token.page;
    },
    renderer: {
      link(token) {
        if (token.page === null) return this.parser.parseInline(token.tokens); // a file outside docs/: its text
        return false; // marked's own <a>, its address rewritten above
      },
    },
  });
  const body = instance.parse(markdown);
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? "AR Recovery";
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title.replace(/[`*]/g, ""))}</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}

module.exports = { renderManualPage, pageHref, PAGE_POLICY };
