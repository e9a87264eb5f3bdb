/**
 * The portfolio triage tab: find the debtor table, check and correct its columns, choose the as-of date,
 * run (with progress and cancel), and see the outcome. The work is triage-run.ts's; this draws it with
 * Fluent UI. Sheet text (headers, customer names, problems) only ever goes into React text nodes.
 * Laid out for a 350 x 800 pane: the recognised columns collapse into one line (only the missing or
 * doubtful ones open), so the run button is on the first screen; a run's outcome goes to the top of the
 * tab, its breakdowns folded under it.
 */
import { memo, useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Checkbox,
  Caption1,
  Field,
  InfoLabel,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  type LabelProps,
} from "@fluentui/react-components";
import {
  isoFromSerial,
  REQUIRED_FIELDS,
  withCurrency,
  tableShape,
  TRIAGE_FIELDS,
  type DayMonthOrder,
  type SummaryGroup,
  type TriageField,
} from "../core/index.js";
import { blankRowsLine, rowCounts } from "../result/index.js";
import type { PortfolioSource } from "../excel-io/types.js";
import type { ExcelIo } from "../office/excel-io.js";
import { workbookPolicy } from "../office/workbook-policy.js";
import {
  asOfSerial,
  columnChoices,
  HEADER_WIDTH,
  fieldLabel,
  fieldName,
  fieldsOpen,
  fieldsToShow,
  headerWords,
  letterOf,
  mappingIssues,
  mappingOverview,
  sentenceCase,
  todayIso,
  withChoice,
  type ColumnChoice,
  type FieldIssue,
  type Mapping,
} from "./pane-model.js";
import { TEXT, type PaneLanguage, type PaneText } from "./texts.js";
import {
  errorText,
  inspectPortfolio,
  isAbortError,
  overallProgress,
  runTriage,
  throttleProgress,
  type Inspection,
  type RunProgress,
  type RunResult,
  type WorkerFactory,
} from "./triage-run.js";
import { useSheetOpener } from "./open-sheet.js";
import { ChangesOutcome, CompareOption } from "./compare-option.js";
import { LogStatus, WorkPanel } from "./work-panel.js";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  hint: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  wrap: { overflowWrap: "anywhere" },
  // a native select is as wide as its longest option (a long header): keep it to the pane's width
  selectRoot: { minWidth: 0, maxWidth: "100%" },
  select: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  fields: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // the whole mapping: small labels over small dropdowns, the pane's whole width for the headers
  compactFields: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  // a heading's browser margins would cost a line each on the first screen
  heading: { margin: 0 },
  outcome: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
  panel: { margin: `0 0 ${tokens.spacingVerticalS}` },
  words: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  table: { tableLayout: "auto" },
  number: { textAlign: "end", whiteSpace: "nowrap" },
});

type SourceKind = PortfolioSource["kind"];

/** How the last run ended. */
type Outcome =
  | {
      readonly kind: "done";
      readonly result: RunResult;
      /** The policy's currency, which labels the amounts. */
      readonly currency: string;
      /** Live formulas were asked for (issue 13). */
      readonly live?: boolean;
    }
  | { readonly kind: "cancelled" }
  | { readonly kind: "error"; readonly message: string; readonly finding?: boolean };

const REQUIRED: ReadonlySet<TriageField> = new Set(REQUIRED_FIELDS);

/** Most problem rows listed in the pane (all of them are in the result sheet). */
const PROBLEM_ROWS_SHOWN = 50;

/** Props of the triage tab. */
export interface TriageTabProps {
  readonly language: PaneLanguage;
  /** Excel, or null outside Excel (the tab then only says so). */
  readonly io: ExcelIo | null;
  readonly createWorker: WorkerFactory;
  /** Excel is there but lacks ExcelApi 1.9 (the tab then says so instead of offering a run). */
  readonly oldExcel?: boolean;
}

/** The triage tab. */
export function TriageTab({ language, io, createWorker, oldExcel = false }: TriageTabProps) {
  const t = TEXT[language];
  const styles = useStyles();
  const [sourceKind, setSourceKind] = useState<SourceKind>("selection");
  const [tables, setTables] = useState<string[] | null>(null);
  const [tableName, setTableName] = useState("");
  const [inspection, setInspection] = useState<(Inspection & { source: PortfolioSource }) | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [asOf, setAsOf] = useState(() => todayIso());
  // Whether the user typed an as-of date: then an export's title date no longer replaces it.
  const [asOfTyped, setAsOfTyped] = useState(false);
  const [titleDate, setTitleDate] = useState<{ readonly iso: string; readonly text: string } | null>(null);
  const [dateOrder, setDateOrder] = useState<DayMonthOrder | "auto">("auto");
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState<"inspect" | "run" | null>(null);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const status = useRef<HTMLDivElement>(null);
  // "Compare with a previous result": the chosen result sheet ("" none), the list read again after each run.
  const [previousSheet, setPreviousSheet] = useState("");
  const [runs, setRuns] = useState(0);

  // A run's outcome is drawn at the top of the tab: bring its start (today's work) into view however far the
  // user had scrolled; an outcome whose start shows is left where it is (it may run past the first screen).
  useEffect(() => {
    if (!outcome || (outcome.kind === "error" && outcome.finding) || !status.current) return;
    const top = status.current.getBoundingClientRect?.().top ?? -1;
    if (top < 0 || top > window.innerHeight - 100) status.current.scrollIntoView?.({ block: "start" });
  }, [outcome]);

  // The workbook's tables, listed when the table source is chosen.
  useEffect(() => {
    if (sourceKind !== "table" || !io?.tables) return;
    let live = true;
    const list = io.tables;
    void io
      .run((context) => list(context))
      .then((names) => {
        if (!live) return;
        setTables(names);
        setTableName((current) => (names.includes(current) ? current : (names[0] ?? "")));
      })
      .catch(() => live && setTables([]));
    return () => {
      live = false;
    };
  }, [sourceKind, io]);

  const issues = useMemo(() => mappingIssues(mapping), [mapping]);
  const asOfValue = asOfSerial(asOf);
  const canRun = io !== null && inspection !== null && issues.size === 0 && asOfValue !== null && busy === null;

  const source = (): PortfolioSource => (sourceKind === "table" ? { kind: "table", name: tableName } : { kind: sourceKind });

  const find = async () => {
    if (!io) return;
    setBusy("inspect");
    setOutcome(null);
    try {
      const from = source();
      const found = await inspectPortfolio(io, from);
      setInspection({ ...found, source: from });
      setMapping({ ...found.recognition.mapping });
      // An export's title states its as-of date: the default, unless the user typed one.
      const stated = found.location.titleAsOf;
      const offered = stated === undefined ? null : { iso: isoFromSerial(stated.serial), text: stated.text };
      setTitleDate(offered);
      if (!asOfTyped) setAsOf(offered?.iso ?? todayIso());
    } catch (error) {
      setInspection(null);
      setOutcome({ kind: "error", message: errorText(error, language, t), finding: true });
    } finally {
      setBusy(null);
    }
  };

  const run = async () => {
    if (!io || !inspection || asOfValue === null) return;
    const controller = new AbortController();
    abort.current = controller;
    setBusy("run");
    setOutcome(null);
    setProgress({ phase: "locate", done: 0, total: 0 });
    // one re-render per 100 ms at most, however many chunks report
    const throttled = throttleProgress(setProgress, 100);
    const policy = workbookPolicy();
    try {
      const result = await runTriage(
        io,
        createWorker,
        {
          source: inspection.source,
          location: inspection.location,
          mapping,
          asOf: asOfValue,
          policy,
          language,
          ...(dateOrder === "auto" ? {} : { dateOrder }),
          ...(live ? { live } : {}),
          ...(previousSheet === "" ? {} : { previousSheet }),
        },
        { signal: controller.signal, onProgress: throttled.report },
      );
      setOutcome({ kind: "done", result, currency: policy.currency, ...(live ? { live } : {}) });
    } catch (error) {
      setOutcome(isAbortError(error) ? { kind: "cancelled" } : { kind: "error", message: errorText(error, language, t) });
    } finally {
      throttled.cancel();
      abort.current = null;
      setBusy(null);
      setProgress(null);
      setRuns((n) => n + 1);
    }
  };

  if (!io) {
    return (
      <MessageBar intent={oldExcel ? "warning" : "info"}>
        <MessageBarBody>{oldExcel ? t.oldExcel : t.notInExcel}</MessageBarBody>
      </MessageBar>
    );
  }

  const location = inspection?.location;
  const itemList = tableShape(mapping) === "items";

  const runOutcome = outcome && !(outcome.kind === "error" && outcome.finding) ? outcome : null;
  const findError = outcome?.kind === "error" && outcome.finding ? outcome : null;

  return (
    <div data-testid="triage-tab">
      <div ref={status} aria-live="polite">
        {runOutcome && <OutcomeView outcome={runOutcome} language={language} text={t} io={io} />}
      </div>
      <section className={styles.section} aria-labelledby="ar-source-heading">
        <Subtitle2 as="h2" id="ar-source-heading" className={styles.heading}>
          {t.sourceHeading}
        </Subtitle2>
        {!location && <Caption1 className={styles.hint}>{t.sourceHint}</Caption1>}
        <Field label={t.sourceLabel}>
          <RadioGroup
            value={sourceKind}
            disabled={busy !== null}
            onChange={(_, data) => setSourceKind(data.value as SourceKind)}
            data-testid="source"
          >
            <Radio value="selection" label={t.sources.selection} />
            <Radio value="currentRegion" label={t.sources.currentRegion} />
            <Radio value="table" label={t.sources.table} />
          </RadioGroup>
        </Field>
        {sourceKind === "table" && (
          <Field
            label={t.tableLabel}
            validationState={tables !== null && tables.length === 0 ? "warning" : "none"}
            validationMessage={tables !== null && tables.length === 0 ? t.noTables : undefined}
          >
            {tables === null || !io.tables ? (
              <Input value={tableName} onChange={(_, data) => setTableName(data.value)} disabled={busy !== null} />
            ) : (
              <Select value={tableName} onChange={(_, data) => setTableName(data.value)} disabled={busy !== null || tables.length === 0}>
                {tables.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <div className={styles.row}>
          <Button
            onClick={() => void find()}
            disabled={busy !== null || (sourceKind === "table" && tableName.trim() === "")}
            data-testid="find"
          >
            {t.findColumns}
          </Button>
        </div>
        {location && (
          <Body1 className={styles.wrap} data-testid="found">
            {t.found(location.address, location.rowCount, location.tableName)}
          </Body1>
        )}
        {location?.titleRows && (
          <Caption1 className={styles.hint} data-testid="title-rows">
            {t.titleRows(location.titleRows.length)}
          </Caption1>
        )}
        {findError && <OutcomeView outcome={findError} language={language} text={t} io={io} />}
      </section>

      {inspection && (
        <MappingEditor
          key={inspection.location.address}
          language={language}
          inspection={inspection}
          mapping={mapping}
          issues={issues}
          disabled={busy !== null}
          onChange={setMapping}
        />
      )}

      {location && (
        <section className={styles.section} aria-label={t.run}>
          <Field
            label={{
              children: (_: unknown, props: LabelProps) => (
                <InfoLabel {...props} info={t.asOfHint}>
                  {t.asOfLabel}
                </InfoLabel>
              ),
            }}
            validationState={asOfValue === null ? "error" : "none"}
            validationMessage={asOfValue === null ? t.asOfInvalid : undefined}
          >
            <Input
              type="date"
              value={asOf}
              onChange={(_, data) => {
                setAsOf(data.value);
                setAsOfTyped(true);
              }}
              disabled={busy !== null}
              data-testid="as-of"
            />
          </Field>
          {titleDate !== null && titleDate.iso === asOf && (
            <Caption1 className={styles.hint} data-testid="as-of-title">
              {t.asOfFromTitle(titleDate.iso, titleDate.text)}
            </Caption1>
          )}
          {itemList && (
            <Field
              label={{
                children: (_: unknown, props: LabelProps) => (
                  <InfoLabel {...props} info={t.dateOrderHint}>
                    {t.dateOrderLabel}
                  </InfoLabel>
                ),
              }}
            >
              <Select
                value={dateOrder}
                onChange={(_, data) => setDateOrder(data.value as DayMonthOrder | "auto")}
                disabled={busy !== null}
                data-testid="date-order"
              >
                <option value="auto">{t.dateOrders.auto}</option>
                <option value="mdy">{t.dateOrders.mdy}</option>
                <option value="dmy">{t.dateOrders.dmy}</option>
              </Select>
            </Field>
          )}
          <CompareOption io={io} text={t} value={previousSheet} onChange={setPreviousSheet} disabled={busy !== null} refresh={runs} />
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void run()} disabled={!canRun} data-testid="run">
              {t.run}
            </Button>
            {busy === "run" && (
              <Button onClick={() => abort.current?.abort()} data-testid="cancel">
                {t.cancel}
              </Button>
            )}
            <Checkbox
              label={{
                children: (_: unknown, props: LabelProps) => (
                  <InfoLabel {...props} info={t.liveHint}>
                    {t.liveLabel}
                  </InfoLabel>
                ),
              }}
              checked={live}
              onChange={(_, data) => setLive(data.checked === true)}
              disabled={busy !== null}
              data-testid="live"
            />
          </div>
          {itemList && live && (
            <Caption1 className={styles.hint} data-testid="live-items">
              {t.liveItemList}
            </Caption1>
          )}
          {issues.size > 0 && busy === null && <Caption1 className={styles.hint}>{t.fixMapping}</Caption1>}
          <Caption1 className={styles.hint}>{t.policyNote}</Caption1>
          {progress && (
            <Field
              label={t.phases[progress.phase]}
              hint={progress.total > 0 ? t.progress(progress.done, progress.total) : undefined}
              data-testid="progress"
            >
              <ProgressBar value={overallProgress(progress)} max={1} thickness="large" />
            </Field>
          )}
        </section>
      )}
    </div>
  );
}

interface MappingEditorProps {
  readonly language: PaneLanguage;
  readonly inspection: Inspection;
  readonly mapping: Mapping;
  readonly issues: ReadonlyMap<TriageField, FieldIssue>;
  readonly disabled: boolean;
  readonly onChange: Dispatch<SetStateAction<Mapping>>;
}

/**
 * The columns found and their correction. Collapsed (the default): one line, "23 columns recognised,
 * 3 required found · Edit", and only the fields to look at open (missing, chosen twice, doubtful: see
 * fieldsOpen; once open, a field stays open while it is corrected). "Edit" opens a dropdown of the table's
 * columns per field (required ones first, the fields not found on demand) and the header words. The
 * headers not used and the duplicates are always said. Memoised: a run's progress does not re-render its
 * hundreds of options.
 */
const MappingEditor = memo(function MappingEditor({ language, inspection, mapping, issues, disabled, onChange }: MappingEditorProps) {
  const t = TEXT[language];
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const [showWords, setShowWords] = useState(false);
  const { location, recognition } = inspection;
  const [kept, setKept] = useState<ReadonlySet<TriageField>>(() => new Set(fieldsOpen(mapping, recognition)));
  const open = fieldsOpen(mapping, recognition, kept);
  // A field that needed a look stays open after its correction (it must not vanish under the user's pointer).
  useEffect(() => {
    if (open.some((f) => !kept.has(f))) setKept(new Set(open));
  }, [open, kept]);
  // a long header shortened to what each layout's dropdown shows at 350 px
  const choices = useMemo(
    () => ({ compact: columnChoices(location, t, HEADER_WIDTH.compact), stacked: columnChoices(location, t, HEADER_WIDTH.stacked) }),
    [location, t],
  );
  const shown = fieldsToShow(mapping, showAll);
  const overview = mappingOverview(mapping);
  const letter = (column: number) => letterOf(location, column);
  const field = (f: TriageField, layout: "stacked" | "compact") => (
    <MappingField
      key={f}
      field={f}
      layout={layout}
      language={language}
      text={t}
      value={mapping[f] === undefined ? "" : String(mapping[f])}
      choices={choices[layout]}
      issue={issues.get(f)}
      letter={letter}
      disabled={disabled}
      onChange={(value) => onChange((m) => withChoice(m, f, value))}
    />
  );
  return (
    <section className={styles.section} aria-labelledby="ar-mapping-heading" data-testid="mapping">
      <Subtitle2 as="h2" id="ar-mapping-heading" className={styles.heading}>
        {t.mappingHeading}
      </Subtitle2>
      <Body1>
        <span data-testid="mapping-summary">{t.mappingSummary(overview.recognised, overview.requiredFound, overview.required)}</span>
        <span aria-hidden="true"> · </span>
        <Link as="button" inline onClick={() => setEditing(!editing)} aria-expanded={editing} data-testid="edit-mapping">
          {editing ? t.closeMapping : t.editMapping}
        </Link>
      </Body1>
      {editing ? (
        <>
          <Caption1 className={styles.hint}>{t.mappingHint}</Caption1>
          <div className={styles.compactFields}>{shown.fields.map((f) => field(f, "compact"))}</div>
        </>
      ) : (
        open.length > 0 && <div className={styles.fields}>{open.map((f) => field(f, "stacked"))}</div>
      )}
      {(editing || open.length > 0) && (
        <div className={styles.row}>
          {editing && (shown.hidden > 0 || showAll) && (
            <Link as="button" onClick={() => setShowAll(!showAll)} data-testid="more-fields">
              {showAll ? t.showFewerFields : t.showMoreFields(shown.hidden)}
            </Link>
          )}
          <Link as="button" onClick={() => setShowWords(!showWords)} aria-expanded={showWords} data-testid="header-words">
            {t.headerWordsLink}
          </Link>
        </div>
      )}
      {showWords && (editing || open.length > 0) && <HeaderWords language={language} text={t} fields={TRIAGE_FIELDS} />}
      {recognition.unmatched.length > 0 && (
        <Caption1 className={styles.hint} data-testid="unmatched">
          {t.unmatched} {recognition.unmatched.join(language === "zh" ? "、" : ", ")}
        </Caption1>
      )}
      {recognition.duplicates.map((d) => (
        <MessageBar key={d.column} intent="warning">
          <MessageBarBody>{t.duplicate(d.header, letter(d.column), fieldName(d.field, language), letter(d.usedColumn))}</MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
});

interface MappingFieldProps {
  readonly field: TriageField;
  /** `stacked`: the few fields open in the collapsed mapping; `compact`: smaller, the whole mapping. */
  readonly layout: "stacked" | "compact";
  readonly language: PaneLanguage;
  readonly text: PaneText;
  readonly value: string;
  readonly choices: readonly ColumnChoice[];
  readonly issue: FieldIssue | undefined;
  readonly letter: (column: number) => string;
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
}

/**
 * One field of the mapping: its label in sentence case (required ones marked) with what it means behind
 * an information button, and a dropdown of the table's columns (a long header shortened in its middle,
 * whole in the tooltip).
 */
function MappingField({ field, layout, language, text, value, choices, issue, letter, disabled, onChange }: MappingFieldProps) {
  const styles = useStyles();
  const label = fieldLabel(field, language);
  const message =
    issue === undefined
      ? undefined
      : issue.kind === "required"
        ? text.requiredMissing
        : text.columnTwice(letter(issue.column), fieldName(issue.other, language));
  const chosen = choices.find((c) => c.value === value);
  return (
    <Field
      size={layout === "compact" ? "small" : "medium"}
      label={{
        children: (_: unknown, props: LabelProps) => (
          <InfoLabel
            {...props}
            info={
              <>
                <strong>{label}</strong>
                {language === "zh" ? "：" : ": "}
                {text.fieldMeanings[field]}
              </>
            }
            infoButton={{ "aria-label": text.fieldInfo(label) }}
          >
            {label}
          </InfoLabel>
        ),
      }}
      required={REQUIRED.has(field)}
      validationState={message ? "error" : "none"}
      validationMessage={message}
    >
      <Select
        size={layout === "compact" ? "small" : "medium"}
        className={styles.selectRoot}
        select={{ className: styles.select, title: chosen?.title }}
        value={value}
        disabled={disabled}
        onChange={(_, data) => onChange(data.value)}
        data-field={field}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value} title={choice.title}>
            {choice.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The header words each field is recognised by (the list of docs/triage-headers.md). */
function HeaderWords({
  language,
  text,
  fields,
}: {
  readonly language: PaneLanguage;
  readonly text: PaneText;
  readonly fields: readonly TriageField[];
}) {
  const styles = useStyles();
  return (
    <div data-testid="header-word-list">
      <Caption1 className={styles.hint}>
        {text.headerWordsHint} {/* docs/triage-headers.md, copied next to the pane by the build */}
        <Link href="triage-headers.md" target="_blank" rel="noreferrer" inline>
          {text.headerWordsDocument}
        </Link>
      </Caption1>
      <ul className={styles.words}>
        {fields.map((field) => (
          <li key={field}>
            <strong>{fieldLabel(field, language)}</strong>
            {language === "zh" ? "：" : ": "}
            {headerWords(field).join(language === "zh" ? "、" : ", ")}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** How the run ended: the counts, the sheet to open and the summary folded under it; or why it stopped. */
function OutcomeView({
  outcome,
  language,
  text: t,
  io,
}: {
  readonly outcome: Outcome;
  readonly language: PaneLanguage;
  readonly text: PaneText;
  readonly io: ExcelIo;
}) {
  const styles = useStyles();
  const opener = useSheetOpener(io, language, t.openFailed);
  if (outcome.kind === "cancelled") {
    return (
      <MessageBar intent="warning" data-testid="outcome" className={styles.outcome}>
        <MessageBarBody>{t.cancelled}</MessageBarBody>
      </MessageBar>
    );
  }
  if (outcome.kind === "error") {
    return (
      <MessageBar intent="error" data-testid="outcome" className={styles.outcome}>
        <MessageBarBody>
          <MessageBarTitle>{outcome.finding ? t.findFailed : t.failed}</MessageBarTitle>
          {outcome.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const { summary, write, ledger } = outcome.result;
  const amount = (n: number) => n.toLocaleString(t.numberLocale, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
  const open = () => opener.open(write.resultSheet);
  const groups = (title: string, list: readonly SummaryGroup[], id: string) => (
    <Table size="extra-small" className={styles.table} aria-label={title} data-testid={id}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t.groupColumns.group}</TableHeaderCell>
          <TableHeaderCell className={styles.number}>{t.groupColumns.count}</TableHeaderCell>
          <TableHeaderCell className={styles.number}>{withCurrency(t.groupColumns.amount, outcome.currency, language)}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {list
          .filter((g) => g.count > 0)
          .map((g) => (
            <TableRow key={g.key}>
              <TableCell>{sentenceCase(g[language])}</TableCell>
              <TableCell className={styles.number}>{g.count.toLocaleString(t.numberLocale)}</TableCell>
              <TableCell className={styles.number}>{amount(g.amount)}</TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
  // The problem list holds problems only (a blank row between data rows is counted and named as blank).
  const problems = rowCounts(summary).problemRows;
  const blankLine = blankRowsLine(summary, language);
  const itemList = ledger !== null && write.itemSheet !== undefined;
  return (
    <section className={styles.outcome} data-testid="outcome" aria-label={t.doneTitle}>
      <WorkPanel result={outcome.result} language={language} io={io} />
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.doneTitle}</MessageBarTitle>
          <div data-testid="outcome-counts">
            {itemList
              ? t.doneItems(
                  outcome.result.records,
                  write.itemRows ?? 0,
                  summary.ok,
                  summary.problem,
                  write.resultSheet,
                  write.itemSheet ?? "",
                )
              : t.done(summary.ok, summary.problem, summary.blank, write.resultSheet)}
          </div>
          {blankLine !== null && (
            <div className={styles.hint} data-testid="blank-rows">
              {blankLine}
            </div>
          )}
          <div className={styles.hint}>{t.doneSummary(write.summarySheet)}</div>
          <LogStatus result={outcome.result} language={language} />
          {outcome.live === true && (
            <div className={styles.hint} data-testid="outcome-live">
              {write.liveFormulas === undefined ? t.liveValues : t.liveDone(write.liveFormulas, write.resultSheet)}
            </div>
          )}
        </MessageBarBody>
      </MessageBar>
      {io.activate && (
        <div className={styles.row}>
          <Button appearance="primary" onClick={open} data-testid="open-result">
            {t.openResult}
          </Button>
        </div>
      )}
      {opener.failure}
      <ChangesOutcome result={outcome.result} io={io} language={language} text={t} />
      <Accordion multiple collapsible data-testid="outcome-details">
        {ledger !== null && (
          <AccordionItem value="ledger">
            <AccordionHeader size="small">{t.ledgerHeading}</AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <ul className={styles.words} data-testid="ledger-lines">
                {ledger.lines.map((line, i) => (
                  <li key={i} className={styles.wrap}>
                    {line}
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        )}
        <AccordionItem value="level">
          <AccordionHeader size="small">{t.byLevel}</AccordionHeader>
          <AccordionPanel className={styles.panel}>{groups(t.byLevel, summary.byLevel, "by-level")}</AccordionPanel>
        </AccordionItem>
        <AccordionItem value="profile">
          <AccordionHeader size="small">{t.byProfile}</AccordionHeader>
          <AccordionPanel className={styles.panel}>{groups(t.byProfile, summary.byProfile, "by-profile")}</AccordionPanel>
        </AccordionItem>
        {problems.length > 0 && (
          <AccordionItem value="problems">
            <AccordionHeader size="small" data-testid="problems-header">
              {t.problemsHeading(problems.length)}
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <Table size="extra-small" className={styles.table} data-testid="problems">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t.problemColumns.row}</TableHeaderCell>
                    <TableHeaderCell>{t.problemColumns.customer}</TableHeaderCell>
                    <TableHeaderCell>{t.problemColumns.problem}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {problems.slice(0, PROBLEM_ROWS_SHOWN).map((p) => (
                    <TableRow key={p.sourceRow}>
                      <TableCell>{p.sourceRow}</TableCell>
                      <TableCell className={styles.wrap}>{p.customer}</TableCell>
                      <TableCell className={styles.wrap}>{p.problem[language]}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {problems.length > PROBLEM_ROWS_SHOWN && <Caption1>{t.moreProblems(problems.length - PROBLEM_ROWS_SHOWN)}</Caption1>}
            </AccordionPanel>
          </AccordionItem>
        )}
      </Accordion>
    </section>
  );
}
