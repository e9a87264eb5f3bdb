/**
 * What changed since the last triage (`--compare previous-result.csv`): two result tables of this tool, the
 * previous one read from its file and the current run's, matched customer by customer, and per customer
 * what moved: grade (with the grade's reasons of today), overdue events, warning level, days past due,
 * balance (exact to the cent), profile and next step; new customers and settled ones (gone from the
 * portfolio, or at a balance of 0). Pure: the file is read by the command line; this reads its cells.
 *
 * A customer is matched by its name with case, width and runs of spaces aside (logCustomerKey), as the triage finds
 * duplicates; a name on several rows is matched row by row in order (the first with the first), so a
 * duplicate row meets the duplicate row. A row that had a problem in either table is reported as a
 * problem with what each table says, never compared as if its verdicts were there.
 */
import {
  logCustomerKey,
  DEFAULT_POLICY,
  formatAmount,
  PROFILE_NAMES,
  RuleError,
  type DebtorProfile,
  type Language,
  type LedgerTriage,
} from "../core/index.js";
import { triageColumns } from "./columns.js";
import { ledgerCustomerSource } from "./ledger.js";
import type { TextTable, TextTableRow } from "./summary.js";
import type { ResultCell } from "./table.js";

/** The result columns the comparison reads, by key; customer, balance and status must be there. */
const READ_KEYS = [
  "sourceRow",
  "customer",
  "balance",
  "status",
  "problems",
  "grade",
  "daysPastDue",
  "level",
  "nextStep",
  "profile",
  "reasons",
] as const;
type ReadKey = (typeof READ_KEYS)[number];
const REQUIRED_KEYS: readonly ReadKey[] = ["customer", "balance", "status"];

/** The headers of the columns read, in both languages (they do not depend on the policy). */
const HEADERS: Readonly<Record<ReadKey, { readonly en: string; readonly zh: string }>> = (() => {
  const all = triageColumns(DEFAULT_POLICY);
  const out: Partial<Record<ReadKey, { en: string; zh: string }>> = {};
  for (const key of READ_KEYS) {
    const column = all.find((c) => c.key === key);
    if (column === undefined) throw new Error(`result column ${key} missing`);
    out[key] = { en: column.en, zh: column.zh };
  }
  return out as Record<ReadKey, { en: string; zh: string }>;
})();

const STATUS_WORDS: Readonly<Record<string, "ok" | "problem" | "blank">> = {
  ok: "ok",
  problem: "problem",
  blank: "blank",
  正常: "ok",
  有问题: "problem",
  空行: "blank",
};

/** One row of a result table as the comparison sees it. */
export interface ResultRowView {
  /** The input row the result row stands for (its source row column), or the row of the result file without one. */
  readonly row: number;
  readonly customer: string;
  /** The customer's key: logCustomerKey, the normalised form of the triage's duplicate key (customerKey, sameKey); "" without a name. */
  readonly key: string;
  readonly status: "ok" | "problem" | "blank";
  /** The row's problems as the table says them, plus what could not be read in the result file itself. */
  readonly problems: string;
  /** The balance in whole cents; null when blank or unreadable. */
  readonly balanceCents: number | null;
  readonly grade: string | null;
  readonly daysPastDue: number | null;
  readonly level: number | null;
  /** The profile, when the cell names one in either language. */
  readonly profile: DebtorProfile | null;
  readonly nextStep: string;
  readonly reasons: string;
}

/** A whole result table as the comparison sees it. */
export interface ResultView {
  /** The file it was read from (or the current portfolio's name), for the messages. */
  readonly source: string;
  /** The language its texts are in (its headers'). */
  readonly language: Language;
  readonly rows: readonly ResultRowView[];
}

/** How a table that is not a result is refused: the argument named, and what to give instead (the end of the message). */
export interface ResultRefusal {
  readonly argument: string;
  readonly en: string;
  readonly zh: string;
}

/** The command line's refusal (`--compare`). */
const CLI_REFUSAL: ResultRefusal = {
  argument: "--compare",
  en: "give the result file a run wrote with --out",
  zh: "请给出用 --out 写出的结果文件",
};

/** The task pane's refusal of a sheet chosen as the previous result. */
export const PANE_REFUSAL: ResultRefusal = {
  argument: "compare",
  en: "choose a result sheet a triage of this pane wrote",
  zh: "请选择本窗格分诊写出的结果工作表",
};

/** Where each column read is among the headers (first match), and how many headers matched in each language. */
function resultColumns(headers: readonly string[]): { at: Partial<Record<ReadKey, number>>; en: number; zh: number } {
  const norm = (h: string) => h.normalize("NFKC").trim().toLowerCase();
  const at: Partial<Record<ReadKey, number>> = {};
  let en = 0;
  let zh = 0;
  headers.forEach((header, c) => {
    const h = norm(String(header));
    for (const key of READ_KEYS) {
      if (at[key] !== undefined) continue;
      if (h === norm(HEADERS[key].en)) en++;
      else if (h === norm(HEADERS[key].zh)) zh++;
      else continue;
      at[key] = c;
    }
  });
  return { at, en, zh };
}

/**
 * Whether a header row is a result table of this tool: the check readResultView refuses a table by (the
 * customer, balance and status columns, in either language), without reading a row. The pane lists the
 * sheets that pass as the previous results it can compare with.
 */
export function isResultHeaders(headers: readonly unknown[]): boolean {
  const { at } = resultColumns(headers.map((h) => (h === null || h === undefined ? "" : String(h))));
  return REQUIRED_KEYS.every((k) => at[k] !== undefined);
}

/**
 * Reads a result table written by this tool (CSV or a sheet; headers in English or Chinese, as
 * src/result/columns.ts names them). Refuses (RuleError en + zh, naming the file and what is missing) a
 * table without the customer, balance and status columns: it is not a result of this tool. A cell that
 * cannot be read (a balance that is not a number) makes its row a problem row, with the reason.
 * @param source the file's name, for the messages
 * @param headers the header row
 * @param rows the data rows, as the readers give them (strings from a CSV, numbers from a workbook)
 * @param firstRowNumber the file row of rows[0] (used when the table has no source row column)
 * @param refusal the argument named and the advice that end the refusal (the command line's `--compare` by default)
 */
export function readResultView(
  source: string,
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  firstRowNumber = 2,
  refusal: ResultRefusal = CLI_REFUSAL,
): ResultView {
  const { at, en, zh } = resultColumns(headers);
  const missing = REQUIRED_KEYS.filter((k) => at[k] === undefined);
  if (missing.length > 0) {
    const shown = headers.slice(0, 8).map((h) => JSON.stringify(h));
    const more = headers.length > 8 ? ", ..." : "";
    throw new RuleError(
      refusal.argument,
      `${source} is not a triage result of this tool: no column ${missing.map((k) => `"${HEADERS[k].en}"`).join(", ")} (or ${missing.map((k) => `"${HEADERS[k].zh}"`).join(", ")}) among its headers ${shown.join(", ")}${more}; ${refusal.en}`,
      `${source} 不是本工具的分诊结果：表头 ${shown.join("、")}${more === "" ? "" : "、……"} 中没有${missing.map((k) => `“${HEADERS[k].zh}”`).join("、")}列（或 ${missing.map((k) => `"${HEADERS[k].en}"`).join(", ")}）；${refusal.zh}`,
    );
  }
  const language: Language = zh > en ? "zh" : "en";
  const cell = (row: readonly unknown[], key: ReadKey): unknown => (at[key] === undefined ? "" : row[at[key] as number]);
  const text = (row: readonly unknown[], key: ReadKey): string => {
    const v = cell(row, key);
    return v === undefined || v === null ? "" : String(v).trim();
  };
  const views: ResultRowView[] = [];
  rows.forEach((row, i) => {
    const fileRow = firstRowNumber + i;
    const unread: string[] = [];
    const sourceRow = readWhole(cell(row, "sourceRow"));
    const customer = text(row, "customer");
    const statusText = text(row, "status");
    let status = STATUS_WORDS[statusText.toLowerCase()];
    if (status === undefined) {
      unread.push(language === "zh" ? `状态 ${JSON.stringify(statusText)} 无法识别` : `status ${JSON.stringify(statusText)} not known`);
      status = "problem";
    }
    const balanceCell = cell(row, "balance");
    const balanceCents = readCents(balanceCell);
    if (balanceCents === undefined) {
      unread.push(
        language === "zh"
          ? `余额 ${JSON.stringify(String(balanceCell))} 不是金额`
          : `balance ${JSON.stringify(String(balanceCell))} is not an amount`,
      );
    }
    const level = readWhole(cell(row, "level"));
    const profileText = text(row, "profile");
    const problems = [text(row, "problems"), ...unread].filter((p) => p !== "").join(language === "zh" ? "；" : "; ");
    if (status === "blank" && customer === "") return; // a blank row between data rows: no customer to compare
    views.push({
      row: sourceRow ?? fileRow,
      customer,
      key: customer === "" ? "" : logCustomerKey(customer),
      status: unread.length > 0 ? "problem" : status,
      problems,
      balanceCents: balanceCents ?? null,
      grade: text(row, "grade") === "" ? null : text(row, "grade"),
      daysPastDue: readWhole(cell(row, "daysPastDue")),
      level: level !== null && level >= 0 && level <= 3 ? level : null,
      profile: profileOf(profileText),
      nextStep: text(row, "nextStep"),
      reasons: text(row, "reasons"),
    });
  });
  return { source, language, rows: views };
}

/**
 * The current run's customer table as the comparison sees it, in the language of the table it is compared
 * with (so that the next steps compare word for word): the same cells --out would write.
 */
export function ledgerResultView(ledger: LedgerTriage, language: Language, source: string): ResultView {
  const table = ledgerCustomerSource(ledger, language);
  const rows: ResultCell[][] = [];
  for (let i = 0; i < table.length; i++) rows.push(table.row(i));
  return readResultView(source, table.headers, rows);
}

/** A whole number from a cell (a number or its text), else null. */
function readWhole(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

/**
 * An amount in whole cents: a number (an .xlsx cell) rounded to the cent, or a text as this tool writes
 * numbers (`95000`, `1234.5`, `-20`, also `1,234.50`), read digit by digit; null for an empty cell,
 * undefined for anything else.
 */
export function readCents(value: unknown): number | null | undefined {
  if (value === "" || value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) && Math.abs(value) < 9e13 ? Math.round(value * 100) : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2})0*)?$/.exec(value.trim());
  if (m === null) return value.trim() === "" ? null : undefined;
  const whole = Number(m[2].replace(/,/g, ""));
  if (whole >= 9e11) return undefined;
  const cents = whole * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -cents : cents;
}

function profileOf(text: string): DebtorProfile | null {
  const t = text.toLowerCase();
  for (const language of ["en", "zh"] as const) {
    for (const [profile, name] of Object.entries(PROFILE_NAMES[language])) if (name.toLowerCase() === t) return profile as DebtorProfile;
  }
  return null;
}

/** What became of a customer: the direction of its grade and level (then its balance), or new, settled, a problem. */
export type ChangeKind = "worse" | "better" | "changed" | "new" | "settled" | "problem" | "unchanged";

/** The kinds in the order they are counted and listed. */
export const CHANGE_KINDS: readonly ChangeKind[] = ["worse", "better", "new", "settled", "changed", "problem", "unchanged"];

/** One thing that moved, in both languages. */
export interface Move {
  readonly what: "grade" | "overdueEvents" | "level" | "daysPastDue" | "balance" | "profile" | "nextStep" | "new" | "gone" | "problem";
  readonly en: string;
  readonly zh: string;
}

/** One customer (one row of it, for a name on several rows) and what changed. */
export interface CustomerChange {
  readonly kind: ChangeKind;
  readonly customer: string;
  /** Its row in the previous table (null: new). */
  readonly previous: ResultRowView | null;
  /** Its row in the current table (null: gone). */
  readonly current: ResultRowView | null;
  /** Balance now less balance before, in cents (null unless both are known). */
  readonly balanceChangeCents: number | null;
  readonly moves: readonly Move[];
}

/** The comparison of two result tables. */
export interface Comparison {
  readonly previousSource: string;
  readonly changes: readonly CustomerChange[];
  readonly counts: Readonly<Record<ChangeKind, number>>;
}

const GRADE_RANK: Readonly<Record<string, number>> = { A: 0, B: 1, C: 2 };

/** A cent amount as the reasons write amounts (1,234.5), with a sign when asked. */
function money(cents: number): string {
  return cents < 0 ? `-${formatAmount(-cents / 100)}` : formatAmount(cents / 100);
}

/**
 * The leading clauses of a row's reasons that gave its grade (they end in "(C)", "(2 or more: C)", "（C级）").
 */
export function gradeClauses(reasons: string, grade: string): string[] {
  const clauses = reasons.split(/; |；/);
  const out: string[] = [];
  for (const clause of clauses) {
    const c = clause.trim();
    if (c.endsWith(`${grade})`) || c.endsWith(`${grade}级）`)) out.push(c);
    else break;
  }
  return out;
}

/** The overdue events in 12 months a row's grade reasons state (0 for "no overdue event"), or null. */
export function overdueEventsOf(reasons: string): number | null {
  const first = reasons.split(/; |；/)[0] ?? "";
  if (/^no overdue event in 12 months/.test(first) || first.startsWith("近12个月无逾期")) return 0;
  const en = /^(\d+) overdue events? /.exec(first);
  if (en) return Number(en[1]);
  const zh = /^近12个月逾期(\d+)次/.exec(first);
  return zh ? Number(zh[1]) : null;
}

const ORDINAL_EN = ["", "a first", "a second", "a third", "a fourth", "a fifth"];

function rowWords(view: ResultRowView): { en: string; zh: string } {
  return { en: `row ${view.row}`, zh: `第 ${view.row} 行` };
}

/**
 * The moves of a customer present and ok in both tables; `shown` is its current row in the language of
 * the printout (the texts of today: the grade's reasons, the next step).
 */
function movesOf(p: ResultRowView, c: ResultRowView, shown: ResultRowView): Move[] {
  const moves: Move[] = [];
  if (p.grade !== c.grade) {
    const why = shown.grade === null ? [] : gradeClauses(shown.reasons, shown.grade);
    moves.push({
      what: "grade",
      en: `grade ${p.grade ?? "none"} → ${c.grade ?? "none"}${why.length > 0 ? ` (${why.join("; ")})` : ""}`,
      zh: `信用等级 ${p.grade ?? "无"} → ${c.grade ?? "无"}${why.length > 0 ? `（${why.join("；")}）` : ""}`,
    });
  }
  const eventsBefore = overdueEventsOf(p.reasons);
  const eventsNow = overdueEventsOf(c.reasons);
  if (eventsBefore !== null && eventsNow !== null && eventsBefore !== eventsNow) {
    const nth = eventsNow === eventsBefore + 1 && eventsNow < ORDINAL_EN.length ? `${ORDINAL_EN[eventsNow]} overdue event: ` : "";
    moves.push({
      what: "overdueEvents",
      en: `${nth}overdue events in 12 months ${eventsBefore} → ${eventsNow}`,
      zh: `${eventsNow === eventsBefore + 1 ? `第${eventsNow}次逾期：` : ""}近12个月逾期次数 ${eventsBefore} → ${eventsNow}`,
    });
  }
  if (p.level !== c.level) {
    moves.push({
      what: "level",
      en: `warning level ${p.level ?? "none"} → ${c.level ?? "none"}`,
      zh: `预警级别 ${p.level ?? "无"} → ${c.level ?? "无"}`,
    });
  }
  if (p.daysPastDue !== c.daysPastDue) {
    moves.push({
      what: "daysPastDue",
      en: `days past due ${p.daysPastDue ?? "none"} → ${c.daysPastDue ?? "none"}`,
      zh: `逾期天数 ${p.daysPastDue ?? "无"} → ${c.daysPastDue ?? "无"}`,
    });
  }
  if (p.balanceCents !== null && c.balanceCents !== null && p.balanceCents !== c.balanceCents) {
    const d = c.balanceCents - p.balanceCents;
    const by = money(Math.abs(d));
    moves.push({
      what: "balance",
      en: `balance ${d < 0 ? "down" : "up"} by ${by} (${money(p.balanceCents)} → ${money(c.balanceCents)})`,
      zh: `余额${d < 0 ? "减少" : "增加"} ${by}（${money(p.balanceCents)} → ${money(c.balanceCents)}）`,
    });
  }
  if (p.profile !== c.profile) {
    const name = (profile: DebtorProfile | null, language: Language) =>
      profile === null ? (language === "zh" ? "无" : "none") : PROFILE_NAMES[language][profile];
    moves.push({
      what: "profile",
      en: `profile ${name(p.profile, "en")} → ${name(c.profile, "en")}`,
      zh: `客户画像 ${name(p.profile, "zh")} → ${name(c.profile, "zh")}`,
    });
  }
  if (p.nextStep !== c.nextStep) {
    moves.push({
      what: "nextStep",
      en: `next step now: ${shown.nextStep === "" ? "none" : shown.nextStep} (was: ${p.nextStep === "" ? "none" : p.nextStep})`,
      zh: `下一步改为：${shown.nextStep === "" ? "无" : shown.nextStep}（原为：${p.nextStep === "" ? "无" : p.nextStep}）`,
    });
  }
  return moves;
}

/** The problem move of a row: which table, which row, what its problems are. */
function problemMove(view: ResultRowView, which: "previous" | "current"): Move {
  const r = rowWords(view);
  const what = view.problems === "" ? (view.status === "blank" ? "blank" : "problem") : view.problems;
  return {
    what: "problem",
    en: `${which === "previous" ? "previous result" : "now"}, ${r.en}: ${what}`,
    zh: `${which === "previous" ? "上次结果" : "本次"}${r.zh}：${what}`,
  };
}

/** The kind of a customer present, ok, and not settled in both tables: grade and level first, then the balance. */
function directionOf(p: ResultRowView, c: ResultRowView, moves: readonly Move[]): ChangeKind {
  const rank = (g: string | null) => (g === null ? undefined : GRADE_RANK[g]);
  const gp = rank(p.grade);
  const gc = rank(c.grade);
  const grade = gp === undefined || gc === undefined ? 0 : Math.sign(gc - gp);
  const level = p.level === null || c.level === null ? 0 : Math.sign(c.level - p.level);
  const worse = grade > 0 || level > 0;
  const better = grade < 0 || level < 0;
  if (worse && !better) return "worse";
  if (better && !worse) return "better";
  if (worse && better) return "changed";
  if (p.balanceCents !== null && c.balanceCents !== null && p.balanceCents !== c.balanceCents) {
    return c.balanceCents > p.balanceCents ? "worse" : "better";
  }
  // Days past due grow with the calendar alone: only a changed profile or step is a change of its own.
  return moves.some((m) => m.what === "profile" || m.what === "nextStep" || m.what === "grade" || m.what === "level")
    ? "changed"
    : "unchanged";
}

/**
 * Compares the previous result with the current one, customer by customer (customerKey; a name on several
 * rows matched row by row in order). Every row of either table is in one change: compared, new, gone, or
 * a problem (a row without a customer name cannot be matched and is a problem of its own).
 * @param current the current table in the previous one's language (its texts compare word for word)
 * @param shown the current table in the language of the printout, row for row as `current` (its texts are
 *   quoted: the grade's reasons, the new next step, the problems); `current` when left out
 */
export function compareResults(previous: ResultView, current: ResultView, shown: ResultView = current): Comparison {
  if (shown.rows.length !== current.rows.length) throw new Error("compareResults: the shown table is not the current one");
  const byKey = new Map<string, ResultRowView[]>();
  for (const row of previous.rows) {
    if (row.key === "") continue;
    const list = byKey.get(row.key);
    if (list === undefined) byKey.set(row.key, [row]);
    else list.push(row);
  }
  const changes: CustomerChange[] = [];
  const taken = new Set<ResultRowView>();
  current.rows.forEach((c, i) => {
    const s = shown.rows[i];
    if (c.key === "") {
      changes.push({
        kind: "problem",
        customer: "",
        previous: null,
        current: c,
        balanceChangeCents: null,
        moves: [problemMove(s, "current")],
      });
      return;
    }
    const p = byKey.get(c.key)?.shift() ?? null;
    if (p !== null) taken.add(p);
    changes.push(changeOf(p, c, s));
  });
  for (const p of previous.rows) if (!taken.has(p)) changes.push(changeOf(p, null, null));
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const change of changes) counts[change.kind]++;
  // Listed by kind (worse first), each kind in the current table's order, then the previous one's.
  const order = (x: CustomerChange) => CHANGE_KINDS.indexOf(x.kind);
  const sorted = changes
    .map((change, i) => ({ change, i }))
    .sort((x, y) => order(x.change) - order(y.change) || x.i - y.i)
    .map((x) => x.change);
  return { previousSource: previous.source, changes: sorted, counts };
}

function changeOf(p: ResultRowView | null, c: ResultRowView | null, shown: ResultRowView | null): CustomerChange {
  const customer = c?.customer ?? p?.customer ?? "";
  const delta = p !== null && c !== null && p.balanceCents !== null && c.balanceCents !== null ? c.balanceCents - p.balanceCents : null;
  const base = { customer, previous: p, current: c, balanceChangeCents: delta };
  const problems: Move[] = [];
  if (p !== null && p.status !== "ok") problems.push(problemMove(p, "previous"));
  if (c !== null && shown !== null && c.status !== "ok") problems.push(problemMove(shown, "current"));
  if (problems.length > 0) {
    if (p === null) problems.unshift({ what: "new", en: "new since the previous result", zh: "上次结果中没有" });
    if (c === null) problems.unshift({ what: "gone", en: "not in this portfolio any more", zh: "本次组合中已没有" });
    return { ...base, kind: "problem", moves: problems };
  }
  if (p === null && c !== null) {
    const state = [
      c.balanceCents === null ? "" : `balance ${money(c.balanceCents)}`,
      c.grade === null ? "" : `grade ${c.grade}`,
      c.level === null ? "" : `warning level ${c.level}`,
    ].filter((s) => s !== "");
    const stateZh = [
      c.balanceCents === null ? "" : `余额 ${money(c.balanceCents)}`,
      c.grade === null ? "" : `信用等级 ${c.grade}`,
      c.level === null ? "" : `预警级别 ${c.level}`,
    ].filter((s) => s !== "");
    return {
      ...base,
      kind: "new",
      moves: [{ what: "new", en: `new: ${state.join(", ")}`, zh: `新客户：${stateZh.join("，")}` }],
    };
  }
  if (c === null && p !== null) {
    const was = p.balanceCents === null ? "" : money(p.balanceCents);
    return {
      ...base,
      kind: "settled",
      moves: [
        {
          what: "gone",
          en: `not in this portfolio any more${was === "" ? "" : ` (balance was ${was})`}`,
          zh: `本次组合中已没有${was === "" ? "" : `（上次余额 ${was}）`}`,
        },
      ],
    };
  }
  const prev = p as ResultRowView;
  const cur = c as ResultRowView;
  const moves = movesOf(prev, cur, shown ?? cur);
  if (cur.balanceCents !== null && cur.balanceCents <= 0 && (prev.balanceCents === null || prev.balanceCents > 0)) {
    const balanceMove = moves.find((m) => m.what === "balance");
    return {
      ...base,
      kind: "settled",
      moves: [
        {
          what: "balance",
          en: `settled: balance now ${money(cur.balanceCents)}${balanceMove === undefined ? "" : ` (was ${money(prev.balanceCents ?? 0)})`}`,
          zh: `已结清：余额现为 ${money(cur.balanceCents)}${balanceMove === undefined ? "" : `（上次 ${money(prev.balanceCents ?? 0)}）`}`,
        },
      ],
    };
  }
  return { ...base, kind: directionOf(prev, cur, moves), moves };
}

/** The names of the kinds in each language. */
export const CHANGE_KIND_NAMES: Readonly<Record<Language, Readonly<Record<ChangeKind, string>>>> = {
  en: { worse: "worse", better: "better", new: "new", settled: "settled", changed: "changed", problem: "problem", unchanged: "unchanged" },
  zh: { worse: "变差", better: "好转", new: "新增", settled: "已结清", changed: "有变化", problem: "有问题", unchanged: "无变化" },
};

/**
 * The headline: "Changes since result-2025-06-30.csv: 3 worse, 2 better, 1 new, 1 settled" (kinds with
 * none left out; the unchanged and problem counts too when there are any).
 */
export function comparisonHeadline(comparison: Comparison, sourceName: string, language: Language): string {
  const parts = CHANGE_KINDS.filter((k) => comparison.counts[k] > 0).map((k) =>
    language === "zh"
      ? `${CHANGE_KIND_NAMES.zh[k]} ${comparison.counts[k]}`
      : `${comparison.counts[k]} ${k === "problem" ? "with a problem" : CHANGE_KIND_NAMES.en[k]}`,
  );
  if (language === "zh") return `与 ${sourceName} 相比：${parts.length === 0 ? "两次结果中都没有客户" : parts.join("，")}`;
  return `Changes since ${sourceName}: ${parts.length === 0 ? "no customers in either result" : parts.join(", ")}`;
}

/** The terminal's table of changes: every customer that moved (unchanged ones only counted), at most `limit` rows. */
export function comparisonTable(comparison: Comparison, language: Language, limit = 40): TextTable {
  const zh = language === "zh";
  const moved = comparison.changes.filter((c) => c.kind !== "unchanged");
  const rows: TextTableRow[] = moved.slice(0, limit).map((c) => ({
    cells: [
      CHANGE_KIND_NAMES[language][c.kind],
      c.customer === "" ? (zh ? "（无名称）" : "(no name)") : c.customer,
      movesText(c, language),
    ],
    ...(c.kind === "problem" ? { tone: "problem" as const } : c.kind === "worse" ? { tone: "level3" as const } : {}),
  }));
  const rest = moved.length - rows.length;
  return {
    headers: zh ? ["变化", "客户", "说明"] : ["change", "customer", "what moved"],
    align: ["left", "left", "left"],
    rows,
    ...(rest > 0 ? { footer: zh ? `……另有 ${rest} 个，见变化表` : `... and ${rest} more in the changes table` } : {}),
  };
}

/** The moves of a change as one text in the language. */
export function movesText(change: CustomerChange, language: Language): string {
  if (change.moves.length === 0) return language === "zh" ? "无变化" : "no change";
  return change.moves.map((m) => m[language]).join(language === "zh" ? "；" : "; ");
}

/** The columns of the changes table (result.changes.csv, the "Changes" sheet), by key, in both languages. */
export const CHANGE_COLUMNS: readonly { readonly key: string; readonly en: string; readonly zh: string }[] = [
  { key: "change", en: "change", zh: "变化" },
  { key: "customer", en: "customer", zh: "客户" },
  { key: "previousRow", en: "previous source row", zh: "上次源行号" },
  { key: "currentRow", en: "source row now", zh: "本次源行号" },
  { key: "previousBalance", en: "previous balance", zh: "上次余额" },
  { key: "balance", en: "balance now", zh: "本次余额" },
  { key: "balanceChange", en: "balance change", zh: "余额变动" },
  { key: "previousGrade", en: "previous grade", zh: "上次信用等级" },
  { key: "grade", en: "grade now", zh: "本次信用等级" },
  { key: "previousLevel", en: "previous warning level", zh: "上次预警级别" },
  { key: "level", en: "warning level now", zh: "本次预警级别" },
  { key: "previousDays", en: "previous days past due", zh: "上次逾期天数" },
  { key: "daysPastDue", en: "days past due now", zh: "本次逾期天数" },
  { key: "whatMoved", en: "what moved", zh: "变化说明" },
];

/** The changes table: its headers in the language, its keys and one row per change (amounts as numbers, exact to the cent). */
export function comparisonRows(
  comparison: Comparison,
  language: Language,
): { headers: string[]; columnKeys: string[]; rows: ResultCell[][] } {
  const amount = (cents: number | null | undefined): ResultCell => (cents === null || cents === undefined ? "" : cents / 100);
  const rows = comparison.changes.map((c): ResultCell[] => {
    const p = c.previous;
    const n = c.current;
    return [
      CHANGE_KIND_NAMES[language][c.kind],
      c.customer,
      p?.row ?? "",
      n?.row ?? "",
      amount(p?.balanceCents),
      amount(n?.balanceCents),
      amount(c.balanceChangeCents),
      p?.grade ?? "",
      n?.grade ?? "",
      p?.level ?? "",
      n?.level ?? "",
      p?.daysPastDue ?? "",
      n?.daysPastDue ?? "",
      movesText(c, language),
    ];
  });
  return { headers: CHANGE_COLUMNS.map((c) => c[language]), columnKeys: CHANGE_COLUMNS.map((c) => c.key), rows };
}

// ------------------------------------------------------------------------------------------------
// What the command line and the pane both make of a previous result (src/cli/compare.ts, the pane's worker)

/** The name of the changes sheet (the command line's .xlsx, the pane's workbook) in each language. */
export const CHANGES_SHEET_NAME: Readonly<Record<Language, string>> = { en: "Changes", zh: "变化" };

/**
 * Compares a previous result with the current run's customer table: the current table made in the
 * previous one's language (its next steps compare word for word), quoted in `language` (the printout's or
 * the pane's: the grade's reasons, the new next step, the problems).
 */
export function compareWithLedger(previous: ResultView, ledger: LedgerTriage, language: Language): Comparison {
  const current = ledgerResultView(ledger, previous.language, "now");
  const shown = previous.language === language ? current : ledgerResultView(ledger, language, "now");
  return compareResults(previous, current, shown);
}

/** One line of a short list of changes: the kind's name, the customer, what moved (plain text). */
export interface ChangeLine {
  readonly kind: ChangeKind;
  readonly kindName: string;
  readonly customer: string;
  readonly text: string;
}

/**
 * The first `limit` changes that moved (the unchanged ones are only counted), worst first as the
 * comparison lists them: the pane shows them under the headline.
 */
export function comparisonPreview(comparison: Comparison, language: Language, limit = 5): ChangeLine[] {
  return comparison.changes
    .filter((c) => c.kind !== "unchanged")
    .slice(0, Math.max(0, limit))
    .map((c) => ({ kind: c.kind, kindName: CHANGE_KIND_NAMES[language][c.kind], customer: c.customer, text: movesText(c, language) }));
}
