/**
 * The policy tab: the workbook's credit policy as a Fluent UI form, in the groups of policy-form.ts: one
 * labelled text box per setting, a small table (rows of cells, add and remove buttons) per list-type
 * setting, every amount labelled with the workbook's currency as typed. Save reads the form through
 * policy-form.ts (a refused entry is marked, its reason next to the field, in a table at its row and cell,
 * and nothing is stored), then workbook-policy.ts stores what differs from the defaults and recalculates the
 * workbook. "Reset to the rules' defaults" only fills the form. Text from the workbook's settings (a stored
 * policy's problem) only ever goes into React text nodes.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  Label,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { DEFAULT_POLICY, RuleError, type Policy } from "../core/index.js";
import { loadWorkbookPolicy, saveWorkbookPolicy } from "../office/workbook-policy.js";
import {
  describeRefusal,
  fieldLabel,
  formCurrency,
  formToPolicy,
  POLICY_FORM,
  POLICY_GROUPS,
  policyToForm,
  type FormValue,
  type PolicyField,
  type Refusal,
  type TableField,
  type TableRows,
} from "./policy-form.js";
import { TEXT, type PaneLanguage } from "./texts.js";

const useStyles = makeStyles({
  heading: { margin: `${tokens.spacingVerticalXS} 0 0` },
  hint: { display: "block", color: tokens.colorNeutralForeground3, marginBottom: tokens.spacingVerticalS },
  status: { marginBottom: tokens.spacingVerticalS },
  wrap: { overflowWrap: "anywhere" },
  group: {
    border: "none",
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    margin: `${tokens.spacingVerticalM} 0 0`,
    padding: `${tokens.spacingVerticalS} 0 0`,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  legend: { padding: `0 ${tokens.spacingHorizontalS} 0 0` },
  // a focused field scrolls clear of the sticky buttons
  input: { scrollMarginBottom: "72px", scrollMarginTop: "16px" },
  table: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed" },
  th: {
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    padding: `0 ${tokens.spacingHorizontalXS} 2px 0`,
  },
  td: { padding: `2px ${tokens.spacingHorizontalXS} 2px 0`, verticalAlign: "middle" },
  rowLabel: { width: "56px", color: tokens.colorNeutralForeground2 },
  removeColumn: { width: "28px" },
  removeButton: { minWidth: 0, width: "24px", padding: 0 },
  // the cells share the pane's width: neither the Field nor the <input> may keep its intrinsic width
  cellField: { minWidth: 0 },
  cellInput: { width: "100%", minWidth: 0, boxSizing: "border-box" },
  cellInner: { width: "100%", minWidth: 0 },
  tableError: { color: tokens.colorPaletteRedForeground1, display: "block", marginTop: "2px" },
  addRow: { alignSelf: "flex-start" },
  tableField: { display: "flex", flexDirection: "column", gap: "2px" },
  buttons: {
    position: "sticky",
    bottom: 0,
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

/** What the tab says above the form. */
type Status =
  | { readonly kind: "loaded"; readonly stored: boolean; readonly problem?: RuleError }
  | { readonly kind: "edited" | "filled" | "saved" }
  | { readonly kind: "refused" | "failed"; readonly text: string };

const FIELDS: ReadonlyMap<string, PolicyField> = new Map(POLICY_FORM.map((f) => [f.key, f]));

/** The policy tab (needs the workbook's settings: Office.context.document.settings). */
export function PolicyTab({ language }: { readonly language: PaneLanguage }) {
  const t = TEXT[language].policy;
  const styles = useStyles();
  // Loading puts the stored policy in force (or the defaults, when it is invalid), once.
  const [loaded] = useState(() => loadWorkbookPolicy());
  const [current, setCurrent] = useState<Policy>(loaded.policy);
  const [form, setForm] = useState<Record<string, FormValue>>(() => policyToForm(loaded.policy));
  const [fieldError, setFieldError] = useState<Refusal | null>(null);
  const [status, setStatus] = useState<Status>(() => ({ kind: "loaded", stored: loaded.stored, problem: loaded.problem }));
  const [busy, setBusy] = useState(false);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const statusBar = useRef<HTMLDivElement>(null);

  // A refused field takes the focus (its reason is next to it); any other outcome is brought into view.
  useEffect(() => {
    if (fieldError?.key) {
      const { key, cell } = fieldError;
      // a row as a whole: its first input (the open last row's is its rate)
      (inputs.current.get(inputKey(key, cell?.row, cell?.column ?? 0)) ?? inputs.current.get(inputKey(key, cell?.row, 1)))?.focus();
    } else if (status.kind === "saved" || status.kind === "failed" || status.kind === "refused")
      statusBar.current?.scrollIntoView?.({ block: "nearest" });
  }, [fieldError, status]);

  const edit = (key: string, value: FormValue) => {
    setForm((f) => ({ ...f, [key]: value }));
    setFieldError((e) => (e?.key === key ? null : e));
    setStatus({ kind: "edited" });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFieldError(null);
    setBusy(true);
    try {
      const policy = formToPolicy(form, current);
      await saveWorkbookPolicy(policy);
      setCurrent(policy);
      setForm(policyToForm(policy));
      setStatus({ kind: "saved" });
    } catch (error) {
      if (error instanceof RuleError) {
        const refusal = describeRefusal(error, language, currency);
        if (refusal.key) setFieldError(refusal);
        setStatus({ kind: "refused", text: refusal.text });
      } else {
        setStatus({ kind: "failed", text: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  // amounts are labelled with the currency typed (while it is a valid code), else the one in force
  const currency = formCurrency(form, current.currency);
  const register = (key: string) => (element: HTMLInputElement | null) =>
    void (element ? inputs.current.set(key, element) : inputs.current.delete(key));

  const reset = () => {
    setForm(policyToForm(DEFAULT_POLICY));
    setFieldError(null);
    setStatus({ kind: "filled" });
  };

  return (
    <section data-testid="policy-editor">
      <Subtitle2 as="h2" block className={styles.heading}>
        {t.heading}
      </Subtitle2>
      <Caption1 as="p" className={styles.hint}>
        {t.hint}
      </Caption1>
      <div ref={statusBar} className={styles.status}>
        <div role="status" aria-live="polite">
          <StatusBar status={status} language={language} currency={currency} />
        </div>
      </div>
      <form noValidate onSubmit={(e) => void save(e)}>
        {POLICY_GROUPS.map((group) => (
          <fieldset key={group.label.en} className={styles.group}>
            <legend className={styles.legend}>
              <Body1Strong>{group.label[language]}</Body1Strong>
            </legend>
            {group.keys.map((key) => {
              const field = FIELDS.get(key);
              if (!field) return null;
              const error = fieldError?.key === key ? fieldError : undefined;
              const value = form[key];
              if (field.kind === "table") {
                return (
                  <TableEditor
                    key={key}
                    field={field}
                    label={fieldLabel(field, language, currency)}
                    rows={Array.isArray(value) ? (value as TableRows) : []}
                    error={error}
                    language={language}
                    onChange={(rows) => edit(key, rows)}
                    register={register}
                  />
                );
              }
              return (
                <Field
                  key={key}
                  label={fieldLabel(field, language, currency)}
                  validationState={error ? "error" : "none"}
                  validationMessage={error?.detail}
                >
                  <Input
                    name={key}
                    className={styles.input}
                    value={typeof value === "string" ? value : ""}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(_, data) => edit(key, data.value)}
                    ref={register(inputKey(key))}
                  />
                </Field>
              );
            })}
          </fieldset>
        ))}
        <div className={styles.buttons}>
          <Button appearance="primary" type="submit" disabled={busy} data-testid="policy-save">
            {t.save}
          </Button>
          <Button type="button" onClick={reset} disabled={busy} data-testid="policy-reset">
            {t.reset}
          </Button>
        </div>
      </form>
    </section>
  );
}

function StatusBar({
  status,
  language,
  currency,
}: {
  readonly status: Status;
  readonly language: PaneLanguage;
  readonly currency: string;
}) {
  const t = TEXT[language].policy;
  const styles = useStyles();
  switch (status.kind) {
    case "loaded":
      if (status.problem !== undefined) {
        return (
          <MessageBar layout="multiline" intent="warning" data-testid="policy-status">
            <MessageBarBody className={styles.wrap}>
              <MessageBarTitle>{t.invalid}</MessageBarTitle>
              {language === "zh" ? "" : " "}
              {describeRefusal(status.problem, language, currency).text}
            </MessageBarBody>
          </MessageBar>
        );
      }
      return (
        <MessageBar layout="multiline" intent="info" data-testid="policy-status">
          <MessageBarBody>{status.stored ? t.stored : t.none}</MessageBarBody>
        </MessageBar>
      );
    case "edited":
    case "filled":
      return (
        <MessageBar layout="multiline" intent="info" data-testid="policy-status">
          <MessageBarBody>{status.kind === "edited" ? t.edited : t.filled}</MessageBarBody>
        </MessageBar>
      );
    case "saved":
      return (
        <MessageBar layout="multiline" intent="success" data-testid="policy-status">
          <MessageBarBody>{t.saved}</MessageBarBody>
        </MessageBar>
      );
    case "refused":
    case "failed":
      return (
        <MessageBar layout="multiline" intent="error" data-testid="policy-status">
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{status.kind === "refused" ? t.refused : t.saveFailed}</MessageBarTitle>
            {language === "zh" ? "" : " "}
            {status.text}
          </MessageBarBody>
        </MessageBar>
      );
  }
}

/** The key of an input in the tab's map of inputs: a text field's key, or a table's key, row and column. */
function inputKey(key: string, row?: number, column = 0): string {
  return row === undefined ? key : `${key}:${row}:${column}`;
}

interface TableEditorProps {
  readonly field: TableField;
  readonly label: string;
  readonly rows: TableRows;
  /** The refusal pointing at this field, if any (at a cell, a row, or the whole list). */
  readonly error: Refusal | undefined;
  readonly language: PaneLanguage;
  readonly onChange: (rows: TableRows) => void;
  readonly register: (key: string) => (element: HTMLInputElement | null) => void;
}

/**
 * A list-type setting as a small table: a row per item with one input per column, a button to remove a
 * row and one to add a row (none for a fixed number of rows; the open last row stays last). The refusal's
 * reason is shown under the table, its cell (or its row's cells) marked.
 */
function TableEditor({ field, label, rows, error, language, onChange, register }: TableEditorProps) {
  const t = TEXT[language].policy;
  const styles = useStyles();
  const labelId = `policy-${field.key}-label`;
  const fixed = field.rowLabels !== undefined;
  const width = field.columns.length;
  const setCell = (row: number, column: number, text: string) =>
    onChange(
      rows.map((cells, r) => (r === row ? Array.from({ length: width }, (_, c) => (c === column ? text : (cells[c] ?? ""))) : cells)),
    );
  const remove = (row: number) => onChange(rows.filter((_, r) => r !== row));
  const add = () => {
    const blank = Array.from({ length: width }, () => "");
    // a new row goes above the open last row, which stays last
    onChange(field.openLastRow && rows.length > 0 ? [...rows.slice(0, -1), blank, rows[rows.length - 1]] : [...rows, blank]);
  };
  const marked = (row: number, column: number) =>
    error?.cell !== undefined && error.cell.row === row && (error.cell.column === null || error.cell.column === column);
  const where = error?.cell ? `${t.row(error.cell.row + 1)}${language === "zh" ? "：" : ": "}` : "";
  return (
    <div className={styles.tableField} role="group" aria-labelledby={labelId} data-testid={`policy-table-${field.key}`}>
      <Label id={labelId}>{label}</Label>
      <table className={styles.table}>
        <thead>
          <tr>
            {fixed ? <th className={`${styles.th} ${styles.rowLabel}`} aria-hidden="true" /> : null}
            {field.columns.map((column, c) => (
              <th key={c} scope="col" className={styles.th}>
                {column[language]}
              </th>
            ))}
            {fixed ? null : <th className={`${styles.th} ${styles.removeColumn}`} aria-hidden="true" />}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, row) => {
            const open = field.openLastRow !== undefined && row === rows.length - 1;
            const rowName = field.rowLabels?.[row]?.[language] ?? t.row(row + 1);
            return (
              <tr key={row}>
                {field.rowLabels ? (
                  <th scope="row" className={`${styles.td} ${styles.rowLabel}`}>
                    {rowName}
                  </th>
                ) : null}
                {field.columns.map((column, c) => {
                  if (open && c === 0) {
                    return (
                      <td key={c} className={styles.td}>
                        {field.openLastRow?.[language]}
                      </td>
                    );
                  }
                  return (
                    <td key={c} className={styles.td}>
                      <Field className={styles.cellField} validationState={marked(row, c) ? "error" : "none"}>
                        <Input
                          size="small"
                          className={`${styles.input} ${styles.cellInput}`}
                          input={{ className: styles.cellInner }}
                          value={cells[c] ?? ""}
                          aria-label={`${label}: ${rowName}, ${column[language]}`}
                          spellCheck={false}
                          autoComplete="off"
                          onChange={(_, data) => setCell(row, c, data.value)}
                          ref={register(inputKey(field.key, row, open ? 1 : c))}
                        />
                      </Field>
                    </td>
                  );
                })}
                {fixed ? null : (
                  <td className={`${styles.td} ${styles.removeColumn}`}>
                    {open ? null : (
                      <Button
                        type="button"
                        size="small"
                        appearance="subtle"
                        className={styles.removeButton}
                        aria-label={t.removeRow(row + 1)}
                        title={t.removeRow(row + 1)}
                        onClick={() => remove(row)}
                      >
                        ✕
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {error ? (
        <Caption1 role="alert" className={styles.tableError}>
          {where}
          {error.detail}
        </Caption1>
      ) : null}
      {fixed ? null : (
        <Button type="button" size="small" appearance="secondary" className={styles.addRow} onClick={add}>
          {t.addRow}
        </Button>
      )}
    </div>
  );
}
