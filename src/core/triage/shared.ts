/**
 * What the rows of a run share, made once: a list of reasons with its text in each language (SharedText),
 * the distinct verdicts of one kind (Verdicts), each found again by the key of what it was computed from,
 * and the reasons of a grade, an aging or a limitation period by what they depend on (ReasonTexts). A
 * million rows then hold ids, not objects, and their reasons are joined once per distinct list.
 */
import { reasonText, type Language, type Reason } from "../errors.js";
import type { Policy } from "../policy.js";
import { gradeReasons } from "../grade.js";
import { ageReceivable } from "../aging.js";
import { limitationReasons } from "../limitation.js";
import { CASH_FLOWS } from "./layout.js";

/** No reasons (one frozen list, shared). */
export const NO_REASONS: readonly Reason[] = Object.freeze([]);

/**
 * A list of reasons that rows share, and its text in each language (reasonText), joined when first read;
 * also after the separator of a line of reasons (reasonsText), so that adding it to a line is one
 * concatenation.
 */
export class SharedText {
  private en: string | null = null;
  private zh: string | null = null;
  private enTail: string | null = null;
  private zhTail: string | null = null;

  constructor(readonly reasons: readonly Reason[]) {}

  text(language: Language): string {
    if (language === "zh") return (this.zh ??= reasonText(this.reasons, language));
    return (this.en ??= reasonText(this.reasons, language));
  }

  /** The text after the separator ("; ", in Chinese "；"). */
  tail(language: Language): string {
    if (language === "zh") return (this.zhTail ??= `；${this.text(language)}`);
    return (this.enTail ??= `; ${this.text(language)}`);
  }
}

/**
 * A line of reasons with a shared list added as reasonsText adds it: nothing for an empty list, else its
 * text, after the separator unless the line is still empty. Concatenation, not join: the engine keeps the
 * pieces and copies them once, when the text is written.
 */
export function append(line: string, part: SharedText, language: Language): string {
  if (part.reasons.length === 0) return line;
  return line === "" ? part.text(language) : line + part.tail(language);
}

/** Verdicts.idOf's table of recent keys: 2^RECENT_KEY_BITS slots. */
const RECENT_KEY_BITS = 12;
const RECENT_KEYS = 1 << RECENT_KEY_BITS;

/**
 * The distinct verdicts of one kind in a run (profiles, evidence lists, confirmations, limitation
 * verdicts), each computed once: a dense id per verdict, found by the key of what it was computed from;
 * a key may instead be refused (the rule threw for it), remembered as a negative id.
 */
export class Verdicts<T> {
  /** @param reasons the reasons of a verdict, for textOf */
  constructor(private readonly reasons: (verdict: T) => readonly Reason[] = () => NO_REASONS) {}

  /** The verdicts by id. */
  readonly list: T[] = [];
  /** Key (a whole number >= 0) -> id (>= 0), or -1 - the refusal's index. */
  private readonly ids = new Map<number, number>();
  /** The keys last looked up and their ids, one per slot by the key's hash: most rows find theirs here, without the Map. */
  private readonly recentKeys = new Int32Array(RECENT_KEYS).fill(-1);
  private readonly recentIds = new Int32Array(RECENT_KEYS);
  private readonly texts: (SharedText | undefined)[] = [];

  /** The id of a key's verdict, -1 - the refusal's index when refused, undefined when not met yet. */
  idOf(key: number): number | undefined {
    const slot = Math.imul(key, 0x9e3779b1) >>> (32 - RECENT_KEY_BITS);
    if (this.recentKeys[slot] === key) return this.recentIds[slot];
    const id = this.ids.get(key);
    if (id !== undefined) {
      this.recentKeys[slot] = key;
      this.recentIds[slot] = id;
    }
    return id;
  }

  /** Remembers a verdict (under a key, or under none: a verdict no key describes) and gives its id. */
  add(verdict: T, key?: number): number {
    const id = this.list.length;
    this.list.push(verdict);
    if (key !== undefined) this.ids.set(key, id);
    return id;
  }

  /** Remembers that a key is refused, with the index of its problem. */
  refuse(key: number, refusal: number): void {
    this.ids.set(key, -1 - refusal);
  }

  /** The reasons of a verdict, with their text, shared by the verdict's rows. */
  textOf(id: number): SharedText {
    let shared = this.texts[id];
    if (shared === undefined) {
      shared = new SharedText(this.reasons(this.list[id]));
      this.texts[id] = shared;
    }
    return shared;
  }
}

/** Keys below this index arrays directly (day counts, grade keys). */
const SMALL_KEYS = 1 << 16;

/** The reasons of a run's grades, agings and limitation periods, with their text, each made once. */
export class ReasonTexts {
  /**
   * Grade reasons by 4 x count + cash flow, for counts other than 1 (the amount plays no part then;
   * counts beyond SMALL_KEYS / 4 are not kept).
   */
  private readonly byCount = new Array<SharedText | undefined>(SMALL_KEYS);
  /** Grade reasons of one overdue event of 0, per cash flow. */
  private readonly atZero: (SharedText | undefined)[] = [undefined, undefined, undefined];
  /** The aging reason of each day count (by days, the few beyond SMALL_KEYS in a Map). */
  private readonly byDays = new Array<SharedText | undefined>(SMALL_KEYS);
  private readonly beyond = new Map<number, SharedText>();
  /** The first reason of each limitation verdict, by its id. */
  private readonly byLimitation: SharedText[] = [];

  constructor(
    private readonly asOf: number,
    private readonly policy: Policy,
  ) {}

  /**
   * The grade reasons of an overdue record (gradeReasons) with their text. gradeReasons names the amount
   * only for one overdue event, so for any other count the reasons are shared whatever the amount (a test
   * compares them with gradeReasons); for one event they are made for the row (amounts seldom repeat, and
   * keeping them would cost more than making them).
   */
  grade(overdueCount: number, largestOverdue: number, cashCode: number): SharedText {
    const cash = cashCode - 1;
    if (overdueCount !== 1) {
      const key = overdueCount * 4 + cash; // 4 > the cash flows' codes 0-2
      const small = key < SMALL_KEYS;
      let shared = small ? this.byCount[key] : undefined;
      if (shared === undefined) {
        shared = new SharedText(gradeReasons({ overdueCount, largestOverdue, cashFlow: CASH_FLOWS[cash] }, this.policy));
        if (small) this.byCount[key] = shared;
      }
      return shared;
    }
    if (largestOverdue === 0) {
      // 0 and -0 (typed "-0") share the reasons first made for either, as they always have
      let shared = this.atZero[cash];
      if (shared === undefined) {
        shared = new SharedText(gradeReasons({ overdueCount, largestOverdue, cashFlow: CASH_FLOWS[cash] }, this.policy));
        this.atZero[cash] = shared;
      }
      return shared;
    }
    return new SharedText(gradeReasons({ overdueCount, largestOverdue, cashFlow: CASH_FLOWS[cash] }, this.policy));
  }

  /**
   * The first reason of a limitation verdict (limitationReasons: when it ends, the days left), with its
   * text, by the verdict's id.
   */
  limitation(id: number, lastInterruption: number): SharedText {
    let shared = this.byLimitation[id];
    if (shared === undefined) {
      shared = new SharedText([limitationReasons(lastInterruption, this.asOf, this.policy)[0]]);
      this.byLimitation[id] = shared;
    }
    return shared;
  }

  /** The aging reason of a due date `days` past due (ageReceivable's), with its text, one per day count. */
  aging(dueDate: number, days: number): SharedText {
    const small = days < SMALL_KEYS;
    let shared = small ? this.byDays[days] : this.beyond.get(days);
    if (shared === undefined) {
      shared = new SharedText(ageReceivable(dueDate, this.asOf, this.policy).reasons);
      if (small) this.byDays[days] = shared;
      else this.beyond.set(days, shared);
    }
    return shared;
  }
}
