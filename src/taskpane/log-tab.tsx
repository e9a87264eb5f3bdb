/**
 * The Log tab (催收记录, issue 13): creates the collection log table when the workbook has none, and records
 * one event in two clicks: "Use the selected cell" takes the customer (a customer cell, or any cell of a
 * result row), "Add to log" appends one row (table.rows.add). Amount and promised date show only for the
 * actions that carry them; bad input is refused next to its field and nothing is written. Append-only:
 * no edit or delete. Fits a 350 px pane.
 */
import { useState } from "react";
import { Body1, Button, Caption1, Field, Input, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { ACTION_LABELS, RuleError, withCurrency, type CollectionAction } from "../core/index.js";
import { appendLogEvent, createCollectionLog, readSelectedCustomer } from "../excel-io/collection-log.js";
import type { ExcelIo } from "../office/excel-io.js";
import { workbookPolicy } from "../office/workbook-policy.js";
import {
  actionOptions,
  asksAmount,
  asksPromisedDate,
  checkLogForm,
  LOG_TEXT,
  todayText,
  type LogForm,
  type LogFormField,
} from "./log-form.js";
import type { PaneLanguage } from "./texts.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  intro: { display: "block", color: tokens.colorNeutralForeground3, marginBottom: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-start", minWidth: 0 },
  half: { flex: "1 1 0", minWidth: 0 },
  // two fields share the pane's width: neither the Field nor the <input> may keep its intrinsic width
  input: { width: "100%", minWidth: 0, boxSizing: "border-box" },
  inner: { width: "100%", minWidth: 0 },
  customer: { overflowWrap: "anywhere", fontWeight: tokens.fontWeightSemibold },
  status: { display: "block", margin: `${tokens.spacingVerticalS} 0` },
  error: { display: "block", color: tokens.colorPaletteRedForeground1, margin: `${tokens.spacingVerticalS} 0` },
  note: { display: "block", color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalM },
});

/** Props of the Log tab. */
export interface LogTabProps {
  readonly language: PaneLanguage;
  /** Excel (null outside Excel). */
  readonly io: ExcelIo | null;
}

const message = (error: unknown, language: PaneLanguage): string =>
  error instanceof RuleError ? error.text(language) : error instanceof Error ? error.message : String(error);

/** The Log tab. */
export function LogTab({ language, io }: LogTabProps) {
  const t = LOG_TEXT[language];
  const styles = useStyles();
  const [form, setForm] = useState<LogForm>(() => ({
    customer: null,
    action: "call",
    date: todayText(),
    amount: "",
    promisedDate: "",
    who: "",
    note: "",
  }));
  const [errors, setErrors] = useState<Partial<Record<LogFormField, RuleError>>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (io === null) return <Body1>{t.notInExcel}</Body1>;

  const set = (change: Partial<LogForm>, fields: LogFormField[] = []) => {
    setForm((f) => ({ ...f, ...change }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k as LogFormField))));
  };
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(message(error, language));
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    act(async () => {
      const made = await io.run((context) => createCollectionLog(context, language));
      setStatus(made.created ? t.created(made.table.sheet) : t.exists(made.table.sheet));
    });
  const take = () =>
    act(async () => {
      try {
        const selected = await io.run(readSelectedCustomer);
        set({ customer: selected.customer }, ["customer"]);
      } catch (error) {
        if (!(error instanceof RuleError)) throw error;
        setForm((f) => ({ ...f, customer: null }));
        setErrors((e) => ({ ...e, customer: error }));
      }
    });
  const add = () =>
    act(async () => {
      const checked = checkLogForm(form);
      if (!checked.ok) {
        setErrors(checked.errors);
        return;
      }
      setErrors({});
      const written = await io.run(async (context) => {
        const dateSystem = io.dateSystem ? await io.dateSystem(context) : "1900";
        return appendLogEvent(context, checked.entry, language, dateSystem);
      });
      setStatus(t.added(ACTION_LABELS[checked.entry.action][language], checked.entry.customer, written.table.sheet, written.sheetRow));
      setForm((f) => ({ ...f, amount: "", promisedDate: "", note: "" }));
    });
  const fieldError = (field: LogFormField) => {
    const error = errors[field];
    return error === undefined ? undefined : error.detail[language];
  };
  /** A half-width text field of the form; typing clears the errors of `clears` (a date also its promised date's). */
  const text = (
    field: "date" | "amount" | "promisedDate" | "who" | "note",
    label: string,
    testId: string,
    clears: LogFormField[],
    extra: { readonly inputMode?: "decimal"; readonly placeholder?: string } = {},
  ) => {
    const error = field === "who" || field === "note" ? undefined : errors[field]; // who and note are never refused
    return (
      <Field label={label} className={styles.half} validationMessage={error?.detail[language]} validationState={error ? "error" : "none"}>
        <Input
          className={styles.input}
          input={{ className: styles.inner }}
          data-testid={testId}
          {...extra}
          value={form[field]}
          onChange={(_, data) => set({ [field]: data.value }, clears)}
        />
      </Field>
    );
  };
  return (
    <div className={styles.form} data-testid="log-tab">
      <Caption1 className={styles.intro}>{t.intro}</Caption1>
      <Button data-testid="log-create" onClick={() => void create()} disabled={busy}>
        {t.create}
      </Button>
      <Field label={t.customer} validationMessage={fieldError("customer")} validationState={errors.customer ? "error" : "none"}>
        <Text className={styles.customer} data-testid="log-customer">
          {form.customer ?? t.noCustomer}
        </Text>
      </Field>
      <Button data-testid="log-take" onClick={() => void take()} disabled={busy}>
        {t.take}
      </Button>
      <div className={styles.row}>
        <Field label={t.action} className={styles.half}>
          <Select
            className={styles.input}
            data-testid="log-action"
            value={form.action}
            onChange={(_, data) => set({ action: data.value as CollectionAction }, ["amount", "promisedDate"])}
          >
            {actionOptions(language).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        {text("date", t.date, "log-date", ["date", "promisedDate"])}
      </div>
      {(asksAmount(form.action) || asksPromisedDate(form.action)) && (
        <div className={styles.row}>
          {asksAmount(form.action) &&
            text("amount", withCurrency(t.amount, workbookPolicy().currency, language), "log-amount", ["amount"], { inputMode: "decimal" })}
          {asksPromisedDate(form.action) &&
            text("promisedDate", t.promisedDate, "log-promised", ["promisedDate"], { placeholder: "yyyy-mm-dd" })}
        </div>
      )}
      <div className={styles.row}>
        {text("who", t.who, "log-who", [])}
        {text("note", t.note, "log-note", [])}
      </div>
      <Button appearance="primary" data-testid="log-add" onClick={() => void add()} disabled={busy}>
        {t.add}
      </Button>
      {status !== null && (
        <Body1 className={styles.status} data-testid="log-status" role="status">
          {status}
        </Body1>
      )}
      {failure !== null && (
        <Body1 className={styles.error} data-testid="log-failure" role="alert">
          {failure}
        </Body1>
      )}
      <Caption1 className={styles.note}>{t.appendOnly}</Caption1>
    </div>
  );
}
