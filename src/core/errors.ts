/**
 * Errors of the rules core. Every message names the argument (or policy field) at fault and says what was
 * wrong, in English and Simplified Chinese, so that Excel, the task pane and the command line can show it
 * as it is.
 */

/** A value the rules cannot work with. `argument` is the name the user knows (`due_date`, `balance`). */
export class RuleError extends Error {
  readonly argument: string;
  readonly zh: string;
  /** What was wrong, without the argument name, in each language (for a UI that shows its own label). */
  readonly detail: Readonly<Record<Language, string>>;

  /**
   * @param argument the argument or field name, as the user sees it
   * @param en what was wrong, in English (without the argument name)
   * @param zh the same in Simplified Chinese (without the argument name)
   */
  constructor(argument: string, en: string, zh: string) {
    super(`${argument}: ${en}`);
    this.name = "RuleError";
    this.argument = argument;
    this.zh = `${argument}：${zh}`;
    this.detail = { en, zh };
  }

  /** The message in the given language. */
  text(language: Language): string {
    return language === "zh" ? this.zh : this.message;
  }
}

/** The two languages every user-facing text of the product comes in. */
export type Language = "en" | "zh";

/** One reason behind a verdict, in both languages, with a stable code for filtering and tests. */
export interface Reason {
  readonly code: string;
  readonly en: string;
  readonly zh: string;
}

/** Joins reasons into one line of text in the given language. */
export function reasonText(reasons: readonly Reason[], language: Language): string {
  return reasons.map((r) => (language === "zh" ? r.zh : r.en)).join(language === "zh" ? "；" : "; ");
}

/** Shows a value in a message: text quoted and shortened, numbers as they are. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value === null || value === undefined) return "nothing";
  return String(value);
}
