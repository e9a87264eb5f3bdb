/**
 * Portfolio triage: every row of a debtor table through the rulebook at once. One record per input row,
 * in input order, never dropped: a row that cannot be read carries its problems, and still gets every
 * verdict whose inputs did read.
 *
 * The entry points: triagePortfolio and checkMapping, and the texts of a record's reasons (reasonsText,
 * sharedReasonText). The work is done by the files beside this one: types (what a triage takes and gives),
 * cells (reading a cell), signals (the debtor signals and evidence, by name), run (one run: the rows read
 * into flat arrays, the verdicts rows share made once), record (the record view on a run), reasons (the
 * triage's own reasons, and their order) and shared (the reasons and verdicts that rows share).
 * The texts (reasons, labels) are built when they are read, not while the portfolio is triaged.
 */
import { reasonText, RuleError, type Language, type Reason } from "../errors.js";
import { checkDateSystem, checkSheetRow, readDate } from "../dates.js";
import { DEFAULT_POLICY, validatePolicy } from "../policy.js";
import { FIELD_LABELS, REQUIRED_FIELDS, TRIAGE_FIELDS } from "./headers.js";
import { isBlankRow } from "./cells.js";
import { RecordImpl } from "./record.js";
import { Run } from "./run.js";
import { SharedText } from "./shared.js";
import {
  DATE_1904_OFFSET,
  type ColumnMapping,
  type TriageCollection,
  type TriageOptions,
  type TriageOutput,
  type TriageRecord,
} from "./types.js";
import { collectionFacts, customersNotIn, factsAtLevel, type CollectionFacts, type CollectionLog } from "../collection/index.js";
import type { WarningLevel } from "../aging.js";

// What a triage takes and gives, with its entry points.
export {
  DATE_1904_OFFSET,
  type ColumnMapping,
  type DateSystem,
  type InstalmentProposal,
  type LimitationVerdict,
  type RecoveryEstimate,
  type TriageOptions,
  type TriageOutput,
  type TriageRecord,
  type TriageStatus,
  type TriageCollection,
} from "./types.js";
export { FILE_CLAIM_REMINDER } from "./reasons.js";

/**
 * Checks a column mapping: known fields, whole column numbers >= 0, no column used twice, and the
 * required fields (customer, balance, due date) present.
 * @throws RuleError naming the field (or `mapping` for missing required fields)
 */
export function checkMapping(mapping: ColumnMapping): void {
  if (typeof mapping !== "object" || mapping === null)
    throw new RuleError("mapping", "is not a field -> column mapping", "不是“字段 -> 列”的对应关系");
  const used = new Map<number, string>();
  for (const [field, column] of Object.entries(mapping)) {
    if (column === undefined) continue;
    if (!(TRIAGE_FIELDS as readonly string[]).includes(field)) {
      throw new RuleError(
        field,
        `is not a triage field (known: ${TRIAGE_FIELDS.join(", ")})`,
        `不是可识别的字段（可用：${TRIAGE_FIELDS.join("、")}）`,
      );
    }
    if (typeof column !== "number" || !Number.isInteger(column) || column < 0) {
      throw new RuleError(field, `column ${String(column)} is not a 0-based column number`, `列号 ${String(column)} 不是从 0 起算的列号`);
    }
    const other = used.get(column);
    if (other !== undefined)
      throw new RuleError(field, `column ${column + 1} is already mapped to ${other}`, `第 ${column + 1} 列已对应字段 ${other}`);
    used.set(column, field);
  }
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  if (missing.length > 0) {
    throw new RuleError(
      "mapping",
      `no column for ${missing.map((f) => FIELD_LABELS[f].en).join(", ")} (customer, balance and due date are required)`,
      `缺少${missing.map((f) => FIELD_LABELS[f].zh).join("、")}列（客户、余额和到期日为必需列）`,
    );
  }
}

/**
 * Triages every row of a debtor table (the rows under the header), in input order.
 *
 * Every row up to the last non-blank one gives exactly one record with its sheet row number; blank rows
 * after it are dropped (counted in `trailingBlankRows`), a blank row before it is a `blank` record.
 * A row never throws: each cell that cannot be read (text in an amount, a missing or impossible date, an
 * Excel error value such as `#N/A`) and each second or later occurrence of a customer (case and width
 * ignored) is a problem of the row, and every verdict whose inputs did read is still given:
 * - grade and term (AR.GRADE): from overdue count, largest overdue amount and cash flow; a blank largest
 *   amount with 0 overdue events is 0; otherwise blank inputs give no grade and a reason saying what is
 *   missing;
 * - days past due, bucket, warning level and the ladder's action (AR.AGING) from the due date;
 * - profile, play and what to find out (AR.PROFILE) from the signal columns present, blank or absent
 *   signals being unknown; no profile when a signal cell cannot be read;
 * - the next collection step (AR.CHANNEL), the settlement ladder (AR.SETTLE: one amount per policy tier,
 *   then the full balance);
 * - for a temporary debtor with a free cash flow, the fewest instalments that fit it (AR.PLAN, no
 *   concession); for a debtor unable to pay, the bankruptcy payout (AR.RECOVERY) when the free estate
 *   and the ordinary claims total are known, else the reminder to file the claim;
 * - missing evidence (AR.EVIDENCE) when the table has evidence columns and the row fills one;
 * - whether the balance confirmation is overdue (AR.CONFIRM; a blank date means none on record);
 * - days left and status of the limitation period (AR.LIMITATION) when the row has a date.
 * @param rows the data rows (cells as Excel gives them: numbers, text, booleans, null or "")
 * @param mapping the column of each field (recogniseColumns's mapping)
 * - in a 1904 workbook (`options.dateSystem`), numbers in date columns count from 1904-01-01.
 * A formula cell a file holds without its computed value (UncomputedFormula) is a problem of its field.
 * @throws RuleError only for a bad mapping, as-of date, first row number, date system or policy
 */
export function triagePortfolio(rows: readonly (readonly unknown[])[], mapping: ColumnMapping, options: TriageOptions): TriageOutput {
  checkMapping(mapping);
  if (typeof options !== "object" || options === null)
    throw new RuleError("options", "are missing (as_of is needed)", "缺失（需要报告日 as_of）");
  const asOf = readDate(options.asOf, "as_of");
  const policy = validatePolicy(options.policy ?? DEFAULT_POLICY);
  const first = checkSheetRow(options.firstRowNumber ?? 2, "firstRowNumber");
  let last = rows.length - 1;
  while (last >= 0 && isBlankRow(rows[last])) last--;
  const dateSystem = checkDateSystem(options.dateSystem);
  const rowNumbers = options.rowNumbers ?? null;
  if (rowNumbers !== null && (!Array.isArray(rowNumbers) || rowNumbers.length < rows.length)) {
    throw new RuleError("rowNumbers", "must give a sheet row number for every row", "须为每一行给出工作表行号");
  }
  const run = new Run(mapping, asOf, policy, first, last + 1, rowNumbers);
  if (dateSystem === "1904") run.reader.dateOffset = DATE_1904_OFFSET;
  const given = options.collectionLog;
  let log: CollectionLog | null = null;
  let facts: CollectionFacts | null = null;
  if (given !== undefined && given !== null) {
    if (typeof given === "object" && Array.isArray((given as CollectionLog).events)) {
      log = given as CollectionLog;
      facts = collectionFacts(log, asOf, policy, undefined, options.ledgerPayments); // levels come after the rows are read (see below)
    } else if (typeof given === "object" && (given as CollectionFacts).byKey instanceof Map) {
      facts = given as CollectionFacts;
    } else {
      throw new RuleError(
        "collectionLog",
        "is not a collection log (readCollectionLog) or its facts (collectionFacts)",
        "不是催收记录（readCollectionLog）或其事实（collectionFacts）",
      );
    }
    run.logFacts = facts.byKey;
  }
  const records: RecordImpl[] = new Array(last + 1);
  // A bad cell is a RuleError thrown by a core reader and caught here, row after row in a messy ledger
  // (credit balances, say): without a stack trace, which nobody reads, it costs a tenth. The run is
  // synchronous, so nothing else sees the setting, and it is restored however the run ends.
  const errors = Error as { stackTraceLimit?: number };
  const stackTraceLimit = errors.stackTraceLimit;
  errors.stackTraceLimit = 0;
  try {
    for (let i = 0; i <= last; i++) {
      const row = rows[i];
      if (isBlankRow(row)) {
        run.blank(i);
      } else {
        try {
          run.row(row, i);
        } catch (error) {
          run.failed(i, error); // never expected: every reader's refusal is already a problem
        }
      }
      records[i] = new RecordImpl(run, i);
    }
    run.markDuplicates(records.length);
    for (const [index, reason] of options.rowProblems ?? []) {
      if (Number.isInteger(index) && index >= 0 && index <= last && !run.isFailed(index)) run.readerProblem(index, reason);
    }
  } finally {
    errors.stackTraceLimit = stackTraceLimit;
  }
  const output: TriageOutput = { records, trailingBlankRows: rows.length - 1 - last, asOf, policy, dateSystem };
  if (facts === null) return output;
  return { ...output, collection: collectionOf(run, records, log, facts) };
}

/**
 * The log's facts once the rows are read: each customer's follow-up at its warning level (that of its first
 * row; factsAtLevel, the promises are not evaluated again), put in the records' place; and the log's
 * customers no row names.
 */
function collectionOf(run: Run, records: readonly TriageRecord[], log: CollectionLog | null, facts: CollectionFacts): TriageCollection {
  let final = facts;
  if (log !== null) {
    const levels = new Map<string, WarningLevel | null>();
    for (const [index, f] of run.rowFacts) if (!levels.has(f.key)) levels.set(f.key, records[index].level);
    const customers = facts.customers.map((f) => factsAtLevel(f, levels.get(f.key) ?? null, facts.asOf, run.policy));
    final = { asOf: facts.asOf, customers, byKey: new Map(customers.map((f) => [f.key, f])) };
    run.relevel(final.byKey);
  }
  const names: string[] = [];
  for (const record of records) if (record.customer !== "") names.push(record.customer);
  return { log, facts: final, notInPortfolio: customersNotIn(final, names) };
}

/** The text of each shared list of reasons, per language, built once. */
const joined = new WeakMap<object, SharedText>();

/** The text of a list of reasons (reasonText), remembered for a list that rows share (it must not change). */
export function sharedReasonText(reasons: readonly Reason[], language: Language): string {
  if (reasons.length === 0) return "";
  let shared = joined.get(reasons);
  if (shared === undefined) {
    shared = new SharedText(reasons);
    joined.set(reasons, shared);
  }
  return shared.text(language);
}

/**
 * The reasons of a record in one line, as `reasonText(record.reasons, language)` gives them, built from
 * the parts that rows share (each part's text is joined once per run), so that writing a million rows
 * does not join a million lists.
 */
export function reasonsText(record: TriageRecord, language: Language): string {
  return record instanceof RecordImpl ? record.reasonsLine(language) : reasonText(record.reasons, language);
}
