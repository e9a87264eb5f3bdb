/**
 * The policy tab: the workbook's credit policy as a Fluent UI form, one labelled text box per setting in
 * the groups of policy-form.ts. Save reads the form through policy-form.ts (a refused entry is marked, its
 * reason next to the field, and nothing is stored), then workbook-policy.ts stores what differs from the
 * defaults and recalculates the workbook. "Reset to the rules' defaults" only fills the form. Text from the
 * workbook's settings (a stored policy's problem) only ever goes into React text nodes.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { DEFAULT_POLICY, RuleError, type Policy } from "../core/index.js";
import { loadWorkbookPolicy, saveWorkbookPolicy } from "../office/workbook-policy.js";
import { describeRefusal, formToPolicy, POLICY_FORM, POLICY_GROUPS, policyToForm, type PolicyField } from "./policy-form.js";
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
  const [form, setForm] = useState<Record<string, string>>(() => policyToForm(loaded.policy));
  const [fieldError, setFieldError] = useState<{ readonly key: string; readonly detail: string } | null>(null);
  const [status, setStatus] = useState<Status>(() => ({ kind: "loaded", stored: loaded.stored, problem: loaded.problem }));
  const [busy, setBusy] = useState(false);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const statusBar = useRef<HTMLDivElement>(null);

  // A refused field takes the focus (its reason is next to it); any other outcome is brought into view.
  useEffect(() => {
    if (fieldError) inputs.current.get(fieldError.key)?.focus();
    else if (status.kind === "saved" || status.kind === "failed" || status.kind === "refused")
      statusBar.current?.scrollIntoView?.({ block: "nearest" });
  }, [fieldError, status]);

  const edit = (key: string, value: string) => {
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
        const refusal = describeRefusal(error, language);
        if (refusal.key) setFieldError({ key: refusal.key, detail: refusal.detail });
        setStatus({ kind: "refused", text: refusal.text });
      } else {
        setStatus({ kind: "failed", text: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setBusy(false);
    }
  };

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
          <StatusBar status={status} language={language} />
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
              const error = fieldError?.key === key ? fieldError.detail : undefined;
              return (
                <Field key={key} label={field.label[language]} validationState={error ? "error" : "none"} validationMessage={error}>
                  <Input
                    name={key}
                    className={styles.input}
                    value={form[key] ?? ""}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(_, data) => edit(key, data.value)}
                    ref={(element: HTMLInputElement | null) =>
                      void (element ? inputs.current.set(key, element) : inputs.current.delete(key))
                    }
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

function StatusBar({ status, language }: { readonly status: Status; readonly language: PaneLanguage }) {
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
              {describeRefusal(status.problem, language).text}
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
