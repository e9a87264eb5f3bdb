/**
 * The task pane as a Fluent UI (v9) React app: a header and four tabs, portfolio triage, the collection
 * log (log-tab.tsx), the workbook's credit policy (policy-tab.tsx) and the list of AR functions (functions-tab.tsx).
 * Every tab stays mounted, so switching tabs keeps a run, its mapping and unsaved policy edits.
 */
import { useState } from "react";
import { Body1, Caption1, FluentProvider, makeStyles, Tab, TabList, Title3, tokens, webLightTheme } from "@fluentui/react-components";
import type { ExcelIo } from "../office/excel-io.js";
import { FunctionsTab } from "./functions-tab.js";
import { LOG_TEXT } from "./log-form.js";
import { LogTab } from "./log-tab.js";
import { PolicyTab } from "./policy-tab.js";
import { TEXT, type PaneLanguage } from "./texts.js";
import { TriageTab } from "./triage-tab.js";
import type { WorkerFactory } from "./triage-run.js";

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  header: { backgroundColor: "#107c41", color: "#ffffff", padding: "16px 20px 12px" },
  title: { margin: 0 },
  subtitle: { margin: "4px 0 0", color: "#ffffff" },
  tabs: { padding: `0 ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  main: { padding: "12px 20px 24px" },
});

type TabId = "triage" | "log" | "policy" | "functions";

/** Props of the pane. */
export interface AppProps {
  readonly language: PaneLanguage;
  /** Excel (null outside Excel). */
  readonly io: ExcelIo | null;
  readonly createWorker: WorkerFactory;
  /** Whether the workbook's settings are there (the policy editor needs them). */
  readonly hasSettings: boolean;
  /** Excel is there but lacks ExcelApi 1.9 (io is then null). */
  readonly oldExcel?: boolean;
}

/** The task pane. */
export function App({ language, io, createWorker, hasSettings, oldExcel = false }: AppProps) {
  const t = TEXT[language];
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>("triage");
  return (
    <FluentProvider theme={webLightTheme} lang={t.htmlLang} className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1" block className={styles.title}>
          {t.product}
        </Title3>
        <Caption1 as="p" block className={styles.subtitle}>
          {t.summary}
        </Caption1>
      </header>
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as TabId)} size="small">
        <Tab value="triage" id="ar-tab-triage">
          {t.tabs.triage}
        </Tab>
        <Tab value="log" id="ar-tab-log">
          {LOG_TEXT[language].tab}
        </Tab>
        <Tab value="policy" id="ar-tab-policy">
          {t.tabs.policy}
        </Tab>
        <Tab value="functions" id="ar-tab-functions">
          {t.tabs.functions}
        </Tab>
      </TabList>
      <main className={styles.main}>
        <div role="tabpanel" aria-labelledby="ar-tab-triage" hidden={tab !== "triage"}>
          <TriageTab language={language} io={io} createWorker={createWorker} oldExcel={oldExcel} />
        </div>
        <div role="tabpanel" aria-labelledby="ar-tab-log" hidden={tab !== "log"}>
          <LogTab language={language} io={io} />
        </div>
        <div role="tabpanel" aria-labelledby="ar-tab-policy" hidden={tab !== "policy"}>
          {hasSettings ? <PolicyTab language={language} /> : <Body1>{t.notInExcel}</Body1>}
        </div>
        <div role="tabpanel" aria-labelledby="ar-tab-functions" hidden={tab !== "functions"}>
          <FunctionsTab language={language} />
        </div>
      </main>
    </FluentProvider>
  );
}
