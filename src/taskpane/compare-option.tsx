/**
 * "Compare with a previous result" in the triage tab: a dropdown of the workbook's result sheets (those
 * whose headers pass the check the command line's `--compare` refuses a file by), and after a run the
 * comparison's headline, its first changes and "Open the changes sheet". Sheet text (sheet names, customer
 * names, what moved) only ever goes into React text nodes. Fits a 350 px pane: one dropdown, its width
 * the pane's.
 */
import { useEffect, useState } from "react";
import {
  Button,
  Field,
  InfoLabel,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  tokens,
  type LabelProps,
} from "@fluentui/react-components";
import type { ExcelIo } from "../office/excel-io.js";
import type { PaneText } from "./texts.js";
import type { RunResult } from "./triage-run.js";
import { useSheetOpener } from "./open-sheet.js";
import type { PaneLanguage } from "./texts.js";

const useStyles = makeStyles({
  selectRoot: { minWidth: 0, maxWidth: "100%" },
  select: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  hint: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  changes: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  item: { overflowWrap: "anywhere" },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

/** Props of the compare option. */
export interface CompareOptionProps {
  readonly io: ExcelIo;
  readonly text: PaneText;
  /** The chosen sheet, "" for none. */
  readonly value: string;
  readonly onChange: (sheet: string) => void;
  readonly disabled: boolean;
  /** Changes after each run (a run writes a new result sheet): the list is read again. */
  readonly refresh: number;
}

/**
 * The option: hidden when the host cannot list sheets or the workbook has no result sheet yet, else a
 * dropdown ("none" first). A choice that is no longer a result sheet falls back to none.
 */
export function CompareOption({ io, text, value, onChange, disabled, refresh }: CompareOptionProps) {
  const styles = useStyles();
  const [sheets, setSheets] = useState<string[] | null>(null);
  const list = io.resultSheets;
  useEffect(() => {
    if (list === undefined) return;
    let live = true;
    void io
      .run((context) => list(context))
      .then((names) => live && setSheets(names))
      .catch(() => live && setSheets([]));
    return () => {
      live = false;
    };
  }, [io, list, refresh]);
  useEffect(() => {
    if (sheets !== null && value !== "" && !sheets.includes(value)) onChange("");
  }, [sheets, value, onChange]);
  // Nothing to compare with (a workbook never triaged): hidden, so the run button stays on the first screen.
  if (list === undefined || io.readPrevious === undefined || sheets === null || sheets.length === 0) return null;
  const t = text.compare;
  return (
    <Field
      label={{
        children: (_: unknown, props: LabelProps) => (
          <InfoLabel {...props} info={t.hint}>
            {t.label}
          </InfoLabel>
        ),
      }}
    >
      <Select
        className={styles.selectRoot}
        select={{ className: styles.select, title: value === "" ? t.none : value }}
        value={sheets.includes(value) ? value : ""}
        disabled={disabled}
        onChange={(_, data) => onChange(data.value)}
        data-testid="compare-with"
      >
        <option value="">{t.none}</option>
        {sheets.map((name) => (
          <option key={name} value={name} title={name}>
            {name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** After a run that compared: the headline, the first changes as text, and the button to the changes sheet. */
export function ChangesOutcome({
  result,
  io,
  language,
  text,
}: {
  readonly result: RunResult;
  readonly io: ExcelIo;
  readonly language: PaneLanguage;
  readonly text: PaneText;
}) {
  const styles = useStyles();
  const opener = useSheetOpener(io, language, text.compare.openFailed);
  const changes = result.changes;
  const sheet = result.write.moreSheets?.changes;
  if (changes === null || sheet === undefined) return null;
  const t = text.compare;
  const moved = Object.entries(changes.counts).reduce((n, [kind, count]) => (kind === "unchanged" ? n : n + count), 0);
  const open = () => opener.open(sheet);
  return (
    <section className={styles.changes} aria-label={t.heading} data-testid="changes">
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.heading}</MessageBarTitle>
          <div className={styles.item} data-testid="changes-headline">
            {changes.headline}
          </div>
          {changes.preview.length > 0 && (
            <ul className={styles.list} data-testid="changes-list">
              {changes.preview.map((line, i) => (
                <li key={i} className={styles.item}>
                  {`${line.kindName}${language === "zh" ? "：" : ": "}${line.customer}${language === "zh" ? "——" : " — "}${line.text}`}
                </li>
              ))}
            </ul>
          )}
          {moved > changes.preview.length && <div className={styles.hint}>{t.more(moved - changes.preview.length, sheet)}</div>}
        </MessageBarBody>
      </MessageBar>
      {io.activate && (
        <div className={styles.row}>
          <Button onClick={open} data-testid="open-changes">
            {t.openChanges}
          </Button>
        </div>
      )}
      {opener.failure}
    </section>
  );
}
