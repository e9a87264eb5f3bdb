/**
 * The outcome's "Open the … sheet" buttons (the result, today's work, the changes): activate a sheet the run
 * wrote and, when Excel refuses, say so under the button with Excel's reason. One home for the three.
 */
import { useState, type ReactNode } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ExcelIo } from "../office/excel-io.js";
import { TEXT, type PaneLanguage } from "./texts.js";
import { errorText, openSheet } from "./triage-run.js";

/** What a button that opens a sheet needs: `open(sheet)` for its click, `failure` to show where the refusal goes. */
export interface SheetOpener {
  readonly open: (sheet: string) => void;
  /** The refusal (title, then Excel's reason), or null while there is none. */
  readonly failure: ReactNode;
}

/**
 * A hook for a button that opens a sheet of the run.
 * @param failedTitle the refusal's title ("Could not open the changes sheet:")
 */
export function useSheetOpener(io: ExcelIo, language: PaneLanguage, failedTitle: string): SheetOpener {
  const [error, setError] = useState<string | null>(null);
  const open = (sheet: string) => {
    setError(null);
    openSheet(io, sheet).catch((e: unknown) => setError(errorText(e, language, TEXT[language])));
  };
  const failure =
    error === null ? null : (
      <MessageBar intent="error" data-testid="open-failed">
        <MessageBarBody>
          <MessageBarTitle>{failedTitle}</MessageBarTitle>
          {error}
        </MessageBarBody>
      </MessageBar>
    );
  return { open, failure };
}
