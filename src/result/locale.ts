/**
 * The user's language and calendar day, as the command line, the task pane and the functions pick them.
 */
import { serialFromCivil, type Language } from "../core/index.js";

export type { Language } from "../core/index.js";

/**
 * The language for a locale tag such as Office's display language or the browser's: zh-* (zh-CN, zh-TW,
 * zh-Hans, zh_CN, ...) gives Chinese; anything else, or nothing, gives English.
 */
export function pickLanguage(locale: string | null | undefined): Language {
  return /^zh(-|_|$)/i.test((locale ?? "").trim()) ? "zh" : "en";
}

/**
 * The Excel serial of today's date in the machine's calendar (local, not UTC): the one date of a triage
 * that comes from the clock.
 */
// eslint-disable-next-line no-restricted-syntax -- the faces' one clock reading, as a default they can override
export function todaySerial(now: Date = new Date()): number {
  return serialFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
