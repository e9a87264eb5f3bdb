/**
 * Today's work after a triage (issue 13), the first thing the outcome shows: the heading "Today's work (N)",
 * the first entries grouped by owner (customer, the one next step, why today), the button that opens the
 * "Today's work" sheet; and the line saying whether a collection log was read. Every text (customer names,
 * reasons) goes into React text nodes only, never into HTML.
 */
import { useLayoutEffect, useRef, useState } from "react";
import { Body1, Body1Strong, Button, Caption1, Link, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { ExcelIo } from "../office/excel-io.js";
import { TEXT, type PaneLanguage } from "./texts.js";
import type { RunResult } from "./triage-run.js";
import { useSheetOpener } from "./open-sheet.js";
import { WORK_TEXT } from "./work-texts.js";
import { sentenceCase } from "./pane-model.js";

const useStyles = makeStyles({
  work: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM },
  heading: { margin: 0 },
  owner: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  entry: { overflowWrap: "anywhere", borderLeft: `3px solid ${tokens.colorNeutralStroke2}`, paddingLeft: tokens.spacingHorizontalS },
  level3: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  line: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  amount: { whiteSpace: "nowrap" },
  head: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  step: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  why: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground3 },
  hint: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  problems: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  toggle: { fontSize: tokens.fontSizeBase200, alignSelf: "flex-start" },
});

/** Today's work of a finished run, with "Open today's work" when the host can show a sheet. */
export function WorkPanel({ result, language, io }: { readonly result: RunResult; readonly language: PaneLanguage; readonly io: ExcelIo }) {
  const styles = useStyles();
  const t = WORK_TEXT[language];
  const locale = TEXT[language].numberLocale;
  const opener = useSheetOpener(io, language, WORK_TEXT[language].openFailed);
  const work = result.work;
  const sheet = result.write.moreSheets?.work;
  const shown = work.groups.reduce((n, g) => n + g.entries.length, 0);
  const open = () => {
    if (sheet !== undefined) opener.open(sheet);
  };
  return (
    <section className={styles.work} data-testid="work" aria-labelledby="ar-work-heading">
      <div className={styles.head}>
        <Subtitle2 as="h2" id="ar-work-heading" className={styles.heading} data-testid="work-heading">
          {work.heading}
        </Subtitle2>
        {io.activate && sheet !== undefined && (
          <Button appearance="primary" size="small" onClick={open} data-testid="open-work">
            {t.openWork}
          </Button>
        )}
      </div>
      {work.empty !== null && <Body1>{work.empty}</Body1>}
      {work.groups.map((group) => (
        <div key={group.owner}>
          <h3 className={styles.owner}>{t.owner(group.owner, group.total)}</h3>
          <ul className={styles.list}>
            {group.entries.map((entry) => (
              <li key={entry.sourceRow} className={`${styles.entry} ${entry.level === 3 ? styles.level3 : ""}`} data-testid="work-item">
                <div className={styles.line}>
                  <Body1Strong data-testid="work-customer">{entry.customer}</Body1Strong>
                  <Body1 className={styles.amount}>{entry.balance.toLocaleString(locale, { maximumFractionDigits: 2 })}</Body1>
                </div>
                <div className={styles.step} data-testid="work-step">
                  {entry.nextStep}
                </div>
                <div className={styles.why} data-testid="work-why">
                  {t.today}
                  {language === "zh" ? "：" : ": "}
                  {entry.why}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {work.count > shown && sheet !== undefined && <Caption1 className={styles.hint}>{t.more(work.count - shown, sheet)}</Caption1>}
      {work.withoutLog !== null && (
        <Caption1 className={styles.hint} data-testid="work-without-log">
          {work.withoutLog}
        </Caption1>
      )}
      {opener.failure}
    </section>
  );
}

/** A line of the command line's printout as a sentence in the pane: first letter upper case, a full stop (。 in Chinese). */
function asSentence(line: string): string {
  return /[.。:：]$/.test(line) ? sentenceCase(line) : `${sentenceCase(line)}${/[\u3400-\u9fff]/.test(line) ? "。" : "."}`;
}

/**
 * Height kept free under the log's problem rows on the first screen: the rest of the outcome's message and
 * its "Open the result sheet" button (a small button, the message's padding, the gap).
 */
const FIRST_SCREEN_RESERVE_PX = 64;

/**
 * Whether the open list of the log's problem rows runs past the first screen, the outcome drawn from its
 * top (the tab brings the outcome's start, today's work, into view after a run).
 */
function pastFirstScreen(list: HTMLElement): boolean {
  const outcome = list.closest('[data-testid="outcome"]');
  const top = outcome === null ? 0 : outcome.getBoundingClientRect().top;
  return list.getBoundingClientRect().bottom - top > window.innerHeight - FIRST_SCREEN_RESERVE_PX;
}

/** How the log's problem rows are drawn: open while measured, then open, folded, or unfolded by the user. */
type ProblemsView = "measuring" | "open" | "folded" | "unfolded";

/**
 * Whether the run read a collection log, and where; its problem rows' sheet (the outcome's line), then the
 * first problem rows with their reasons as the command line prints them (at most LOG_PROBLEMS_SHOWN, then
 * how many more the sheet has). The list is folded behind a toggle when drawing it open would push the
 * rest of the outcome past the first screen: today's work stays first and the result's button in view.
 */
export function LogStatus({ result, language }: { readonly result: RunResult; readonly language: PaneLanguage }) {
  const styles = useStyles();
  const t = WORK_TEXT[language];
  const log = result.log;
  const problemsSheet = result.write.moreSheets?.logProblems;
  const line =
    log !== null ? t.logRead(log.report.rows, log.place) : result.unreadLog !== null ? t.logUnread(result.unreadLog.sheet) : t.logNone;
  const problemLines = log?.report.problemLines ?? [];
  const moreProblems = (log?.report.problems ?? 0) - problemLines.length;
  // The view belongs to one result: a new run's list is measured again.
  const [state, setState] = useState<{ readonly of: RunResult; readonly view: ProblemsView } | null>(null);
  const view: ProblemsView = state?.of === result ? state.view : "measuring";
  const list = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (view !== "measuring" || list.current === null) return;
    setState({ of: result, view: pastFirstScreen(list.current) ? "folded" : "open" });
  }, [view, result]);
  const toggle = (next: ProblemsView, label: string) => (
    <Link
      as="button"
      inline
      className={styles.toggle}
      aria-expanded={next === "folded"}
      onClick={() => setState({ of: result, view: next })}
      data-testid="log-problems-toggle"
    >
      {label}
    </Link>
  );
  return (
    <>
      <div className={styles.hint} data-testid="log-read">
        {line}
      </div>
      {log !== null && (
        <div className={styles.hint} data-testid="log-read-customers">
          {asSentence(log.report.notInPortfolio)}
        </div>
      )}
      {log !== null && problemsSheet !== undefined && (log.report.sheet?.rows.length ?? 0) > 0 && (
        <div className={styles.hint} data-testid="log-read-problems">
          {t.logProblems(log.report.sheet?.rows.length ?? 0, problemsSheet)}
        </div>
      )}
      {problemLines.length > 0 && view === "folded" && toggle("unfolded", t.showLogProblems(log?.report.problems ?? 0))}
      {problemLines.length > 0 && view !== "folded" && (
        <div ref={list} data-testid="log-problem-lines">
          <ul className={styles.problems}>
            {problemLines.map((problem, i) => (
              <li key={i} data-testid="log-problem">
                {asSentence(problem)}
              </li>
            ))}
          </ul>
          {moreProblems > 0 && problemsSheet !== undefined && (
            <div className={styles.hint} data-testid="log-problems-more">
              {t.more(moreProblems, problemsSheet)}
            </div>
          )}
          {view === "unfolded" && toggle("folded", t.hideLogProblems)}
        </div>
      )}
    </>
  );
}
