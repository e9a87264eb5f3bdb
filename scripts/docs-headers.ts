/** Writes docs/triage-headers.md: the header words the triage recognises (npm run docs:headers). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIELD_LABELS, HEADER_WORDS, REQUIRED_FIELDS, TRIAGE_FIELDS } from "../src/core/index.js";

/** The document's text, from the rules core's own tables. */
export function headerWordsDocument(): string {
  const lines = [
    "# Column headers the triage recognises · 分诊可识别的列名",
    "",
    "Generated from `src/core/triage/headers.ts` by `npm run docs:headers`; do not edit by hand.",
    "Matching ignores case, full/half width, spaces, punctuation and units such as `(元)` or `（天）`.",
    "Unusual headers: correct the mapping on the command line with",
    "`--map field=Header` (or `--map field=3` for the third column). Required: " + REQUIRED_FIELDS.map((f) => `\`${f}\``).join(", ") + ".",
    "",
    "| field (`--map` name) | meaning | 含义 | headers recognised |",
    "|---|---|---|---|",
  ];
  for (const field of TRIAGE_FIELDS) {
    const words = HEADER_WORDS[field].map((w) => `\`${w}\``).join(", ");
    lines.push(`| \`${field}\` | ${FIELD_LABELS[field].en} | ${FIELD_LABELS[field].zh} | ${words} |`);
  }
  return lines.join("\n") + "\n";
}

if (require.main === module) {
  writeFileSync(join(__dirname, "../docs/triage-headers.md"), headerWordsDocument());
  console.log("wrote docs/triage-headers.md");
}
