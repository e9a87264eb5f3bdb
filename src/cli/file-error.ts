/**
 * The one error of the command line's file boundary: a file that cannot be read or written as it is
 * (damaged, not text, an encoding that is not detected, a folder that does not exist), told in both
 * languages. The CSV reader, the .xlsx reader and the writer all throw it (or a subclass).
 */
import type { Language } from "../core/errors.js";

/** A problem with a file (cannot be read, cannot be written), told in both languages. */
export class TableFileError extends Error {
  /**
   * @param en the message in English
   * @param zh the same in Simplified Chinese
   */
  constructor(
    en: string,
    readonly zh: string,
  ) {
    super(en);
    this.name = "TableFileError";
  }

  /** The message in the given language. */
  text(language: Language): string {
    return language === "zh" ? this.zh : this.message;
  }
}

/**
 * A command line that cannot be run as written (an unknown option, a date that is not one, a value
 * missing), told in both languages; the program exits with 2, as for any usage error.
 */
export class UsageError extends Error {
  /**
   * @param en the message in English
   * @param zh the same in Simplified Chinese
   */
  constructor(
    en: string,
    readonly zh: string,
  ) {
    super(en);
    this.name = "UsageError";
  }

  /** The message in the given language. */
  text(language: Language): string {
    return language === "zh" ? this.zh : this.message;
  }
}
