/**
 * The rules core: the bad-debt recovery rulebook (rules.md) as pure functions. No Office, no DOM, no
 * Node: the same code runs in Excel's custom functions, the task pane, the command line and notebooks,
 * so a grade in a notebook equals `AR.GRADE` in Excel.
 *
 * Grouped by domain, one file per rule family:
 * - values: errors, input, money, dates, format, policy
 * - rules: grade (section 1), aging (section 2), settle (section 4), tools (section 6: factoring,
 *   insurance), provision (expected credit loss), profile (section 3), channel (collection steps),
 *   prevention (section 7 balance confirmation, section 4 evidence), plan (section 4 instalments),
 *   recovery (section 5 bankruptcy), limitation (limitation period)
 */
export * from "./errors.js";
export * from "./input.js";
export * from "./money.js";
export * from "./dates.js";
export * from "./format.js";
export * from "./policy.js";
export * from "./grade.js";
export * from "./aging.js";
export * from "./settle.js";
export * from "./tools.js";
export * from "./provision.js";
export * from "./profile.js";
export * from "./channel.js";
export * from "./prevention.js";
export * from "./plan.js";
export * from "./recovery.js";
export * from "./limitation.js";
export * from "./next-step.js";
export * from "./sheet-text.js";
export * from "./triage/index.js";
export * from "./ledger/index.js";
export * from "./collection/index.js";
export * from "./work-list.js";
