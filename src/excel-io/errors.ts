/**
 * Errors of the Excel I/O layer, in English and Simplified Chinese like the core's RuleError, so that the
 * task pane shows them as they are. Office's own errors (OfficeExtension.Error: `code`, `message`) are
 * wrapped with a text the user can act on; the original stays as `cause`.
 */
import type { Language } from "../core/errors.js";

/** What went wrong, as a stable code for the pane and the tests. */
export type PaneErrorCode =
  | "no-data"
  | "header-only"
  | "no-headers"
  | "too-many-columns"
  | "too-many-rows"
  | "table-not-found"
  | "table-without-headers"
  | "selection"
  | "read-failed"
  | "write-failed"
  | "aborted";

/** An error the pane can show: a code and a message in each language. */
export class PaneError extends Error {
  readonly code: PaneErrorCode;
  readonly en: string;
  readonly zh: string;

  /**
   * @param code stable code
   * @param en the message in English
   * @param zh the same in Simplified Chinese
   * @param cause the error behind it (an Office error), kept for the console
   */
  constructor(code: PaneErrorCode, en: string, zh: string, cause?: unknown) {
    super(en, cause === undefined ? undefined : { cause });
    // An aborted run is an AbortError, as fetch and the DOM call it, so that `error.name` tells it apart.
    this.name = code === "aborted" ? "AbortError" : "PaneError";
    this.code = code;
    this.en = en;
    this.zh = zh;
  }

  /** The message in the given language. */
  text(language: Language): string {
    return language === "zh" ? this.zh : this.en;
  }
}

/** The error of a run stopped by its AbortSignal. */
export function abortError(): PaneError {
  return new PaneError("aborted", "Stopped: the triage was cancelled.", "已停止：分诊已取消。");
}

/** Throws the AbortError when the signal has fired (checked between chunks, never inside one). */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** The `code` of an Office error (OfficeExtension.Error), or undefined. */
export function officeErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** Office's message of an error, for the pane's details line. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Without its final stop, so that it can sit inside a sentence.
  return message.replace(/[.。]\s*$/, "");
}

/** Office error codes that mean a request or its response was too large (the layer retries smaller). */
export function isPayloadError(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}
