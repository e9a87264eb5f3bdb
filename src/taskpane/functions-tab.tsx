/**
 * The Functions tab: every AR function from the metadata Excel gets (function-catalog.ts; bundled by the
 * build, so the list cannot drift from what Excel registers and needs no request), each with its syntax
 * (argument names as Excel shows them, optional ones in brackets, each argument's description on hover),
 * its description, one example with its result, and a link to its section of the formula reference
 * (copied next to the pane by the build). A filter box narrows the list. Fits a 350 px pane.
 */
import { useMemo, useState } from "react";
import { Body1, Caption1, Caption1Strong, Input, Link, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { builtCatalog, catalogEntries, matchesFilter, type BuiltCatalog, type CatalogEntry } from "./function-catalog.js";
import type { FormulaExample } from "./function-examples.js";
import { TEXT, type PaneLanguage } from "./texts.js";

const GREEN = "#107c41";

const useStyles = makeStyles({
  heading: { display: "block", margin: `${tokens.spacingVerticalXS} 0 0` },
  hint: { display: "block", color: tokens.colorNeutralForeground3, margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalM}` },
  filter: { width: "100%" },
  count: { display: "block", color: tokens.colorNeutralForeground3, margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  fn: {
    padding: "8px 10px",
    marginBottom: "8px",
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    minWidth: 0,
  },
  syntax: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere", margin: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, color: GREEN },
  argument: {
    textDecorationLine: "underline",
    textDecorationStyle: "dotted",
    textDecorationColor: tokens.colorNeutralStroke1,
    cursor: "help",
  },
  example: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    padding: "4px 6px",
    backgroundColor: tokens.colorNeutralBackground1,
    borderLeft: `3px solid ${GREEN}`,
    minWidth: 0,
  },
  formula: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  result: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  spill: { borderCollapse: "collapse", fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  spillCell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "0 6px", textAlign: "end" },
  note: { color: tokens.colorNeutralForeground3 },
});

/** The Functions tab (the catalog is the build's unless given, e.g. by a test). */
export function FunctionsTab({
  language,
  catalog = builtCatalog(),
}: {
  readonly language: PaneLanguage;
  readonly catalog?: BuiltCatalog | null;
}) {
  const t = TEXT[language];
  const styles = useStyles();
  const [filter, setFilter] = useState("");
  const entries = useMemo(() => (catalog ? catalogEntries(catalog, language) : []), [catalog, language]);
  const shown = entries.filter((e) => matchesFilter(e, filter));
  return (
    <section data-testid="functions">
      <Subtitle2 as="h2" className={styles.heading}>
        {t.functionsHeading}
      </Subtitle2>
      <Caption1 as="p" className={styles.hint}>
        {t.functionsHint}
      </Caption1>
      {catalog === null ? (
        <Body1 as="p">{t.functionsMissing}</Body1>
      ) : (
        <>
          <Input
            type="search"
            className={styles.filter}
            value={filter}
            placeholder={t.functionsFilter}
            aria-label={t.functionsFilter}
            spellCheck={false}
            autoComplete="off"
            onChange={(_, data) => setFilter(data.value)}
            data-testid="functions-filter"
          />
          <Caption1 as="p" className={styles.count} role="status" aria-live="polite" data-testid="functions-count">
            {shown.length === 0 ? t.functionsNone : t.functionsCount(shown.length, entries.length)}
          </Caption1>
          <ul className={styles.list}>
            {shown.map((entry) => (
              <FunctionItem key={entry.id} entry={entry} language={language} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FunctionItem({ entry, language }: { readonly entry: CatalogEntry; readonly language: PaneLanguage }) {
  const t = TEXT[language];
  const styles = useStyles();
  return (
    <li className={styles.fn} data-testid="function" data-id={entry.id}>
      <p className={styles.syntax} data-testid="function-syntax" aria-label={entry.syntax}>
        <span className={styles.name}>{entry.name}</span>(
        {entry.parameters.map((p, i) => (
          <span key={p.name}>
            {i > 0 ? ", " : ""}
            {p.optional ? "[" : ""}
            <span className={styles.argument} title={p.description}>
              {p.name}
            </span>
            {p.optional ? "]" : ""}
          </span>
        ))}
        )
      </p>
      <Body1>{entry.description}</Body1>
      {entry.example ? <Example example={entry.example} language={language} /> : null}
      <Link href={entry.href} target="_blank" rel="noreferrer" data-testid="function-reference">
        {t.functionsReference(entry.name)}
      </Link>
    </li>
  );
}

function Example({ example, language }: { readonly example: FormulaExample; readonly language: PaneLanguage }) {
  const t = TEXT[language];
  const styles = useStyles();
  return (
    <div className={styles.example} data-testid="function-example">
      <Caption1Strong>{t.functionsExample}</Caption1Strong>
      <code className={styles.formula}>{example.formula}</code>
      {typeof example.result === "string" ? (
        <code className={styles.result} data-testid="function-result">
          → {example.result}
        </code>
      ) : (
        <table className={styles.spill} data-testid="function-result">
          <tbody>
            {example.result.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c} className={styles.spillCell}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {example.note ? <Caption1 className={styles.note}>{example.note[language]}</Caption1> : null}
    </div>
  );
}
