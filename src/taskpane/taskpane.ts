/*
 * Task pane of AR Recovery (shared runtime: the same page hosts the custom functions).
 * For now it introduces the add-in and lists the AR.* functions, in English or Simplified Chinese
 * following Office's display language. DOM is built with createElement/textContent only.
 */

import { renderPolicyEditor } from "./policy-editor.js";

export type PaneLanguage = "en" | "zh";

interface PaneText {
  readonly htmlLang: string;
  readonly product: string;
  readonly summary: string;
  readonly functionsHeading: string;
  readonly functionsHint: string;
  readonly functions: ReadonlyArray<readonly [id: string, description: string]>;
}

export const TEXT: Readonly<Record<PaneLanguage, PaneText>> = {
  en: {
    htmlLang: "en",
    product: "AR Recovery",
    summary:
      "Formulas for bad-debt recovery: grade customers' credit, set credit terms, age receivables and price settlement offers.",
    functionsHeading: "Functions",
    functionsHint: "Type =AR. in a cell to use them.",
    functions: [
      ["GRADE", "Credit grade A, B or C from the last 12 months' overdue record and the cash flow."],
      ["TERM", "Credit term in days for a grade (by default A 30, B 15, C 0: cash on delivery)."],
      ["AGING", "Days past due, aging bucket, warning level or next collection step of a receivable."],
      ["SETTLE", "Settlement offer on the anchor-price ladder: less for paying early, the full balance later."],
    ],
  },
  zh: {
    htmlLang: "zh-CN",
    product: "坏账回收助手",
    summary: "坏账回收公式：评定客户信用等级、确定账期、计算应收账款账龄、给出和解报价。",
    functionsHeading: "函数",
    functionsHint: "在单元格中输入 =AR. 即可使用。",
    functions: [
      ["GRADE", "按近 12 个月的逾期记录和现金流评定 A/B/C 信用等级。"],
      ["TERM", "信用等级对应的账期天数（默认 A 30 天、B 15 天、C 0 天即现款现货）。"],
      ["AGING", "应收账款的逾期天数、账龄段、预警级别或下一步催收行动。"],
      ["SETTLE", "按锚点定价阶梯给出和解报价：早还款少付，逾期则收全额。"],
    ],
  },
};

/** zh-* (zh-CN, zh-TW, zh-Hans, ...) gives Chinese; anything else, or nothing, gives English. */
export function pickLanguage(displayLanguage: string | null | undefined): PaneLanguage {
  return /^zh(-|_|$)/i.test((displayLanguage ?? "").trim()) ? "zh" : "en";
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function render(root: HTMLElement, language: PaneLanguage): void {
  const t = TEXT[language];
  document.documentElement.lang = t.htmlLang;
  document.title = t.product;

  const header = element("header", "ar-header");
  header.append(element("h1", undefined, t.product));

  const main = element("main", "ar-main");
  main.append(element("p", "ar-summary", t.summary));

  const section = element("section");
  const headingId = "ar-functions-heading";
  const heading = element("h2", undefined, t.functionsHeading);
  heading.id = headingId;
  const list = element("ul", "ar-functions");
  list.setAttribute("aria-labelledby", headingId);
  for (const [id, description] of t.functions) {
    const item = element("li");
    item.append(element("code", undefined, `AR.${id}`), element("span", undefined, description));
    list.append(item);
  }
  section.append(heading, element("p", "ar-hint", t.functionsHint), list);
  main.append(section);

  root.replaceChildren(header, main);
}

function displayLanguage(): string | undefined {
  try {
    return Office.context?.displayLanguage;
  } catch {
    return undefined;
  }
}

function start(): void {
  const root = document.getElementById("app");
  if (!root) return;
  // Outside Office (page opened in a plain browser) office.js may be missing: fall back to the browser's language.
  if (typeof Office === "undefined") {
    render(root, pickLanguage(navigator.language));
    return;
  }
  void Office.onReady(() => {
    const language = pickLanguage(displayLanguage() || navigator.language);
    render(root, language);
    const main = root.querySelector("main");
    if (main && Office.context?.document?.settings) renderPolicyEditor(main, language);
  });
}

start();
