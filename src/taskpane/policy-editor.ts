/**
 * The policy editor of the task pane: one labelled text box per setting, Save (stores the policy in the
 * workbook and recalculates) and Defaults. A refused entry is marked and its message shown, in the pane's
 * language. DOM is built with createElement and textContent only.
 */
import { DEFAULT_POLICY, RuleError, type Language, type Policy } from "../core/index.js";
import { loadWorkbookPolicy, saveWorkbookPolicy } from "../functions/workbook-policy.js";
import { fieldOf, formToPolicy, POLICY_FORM, POLICY_GROUPS, policyToForm } from "./policy-form.js";

const TEXT = {
  en: { heading: "Credit policy of this workbook", hint: "Every AR formula in this workbook follows these settings; a formula argument still wins.", save: "Save and recalculate", defaults: "Defaults", saved: "Saved in the workbook. Formulas recalculated.", stored: "This workbook's own policy.", none: "Default policy (nothing stored in this workbook yet).", invalid: "The policy stored in this workbook was not used, the defaults apply:", filled: "Defaults filled in: save to apply them.", edited: "Not saved yet." },
  zh: { heading: "本工作簿的信用政策", hint: "本工作簿中的所有 AR 公式都按这些设置计算；公式中给出的参数优先。", save: "保存并重新计算", defaults: "恢复默认", saved: "已保存到工作簿，公式已重新计算。", stored: "本工作簿自己的政策。", none: "默认政策（本工作簿尚未保存政策）。", invalid: "本工作簿中保存的政策未被采用，现按默认政策计算：", filled: "已填入默认值，保存后生效。", edited: "尚未保存。" },
} as const;

/** Draws the editor into `root` and wires it to the workbook. */
export function renderPolicyEditor(root: HTMLElement, language: Language): void {
  const t = TEXT[language];
  const section = document.createElement("section");
  section.className = "ar-policy";
  const heading = document.createElement("h2");
  heading.textContent = t.heading;
  const hint = document.createElement("p");
  hint.className = "ar-hint";
  hint.textContent = t.hint;
  const status = document.createElement("p");
  status.className = "ar-status";
  status.setAttribute("role", "status");

  const form = document.createElement("form");
  form.noValidate = true;
  const inputs = new Map<string, { input: HTMLInputElement; message: HTMLElement }>();
  for (const group of POLICY_GROUPS) {
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = group.label[language];
    fieldset.append(legend);
    for (const key of group.keys) {
      const field = POLICY_FORM.find((f) => f.key === key);
      if (!field) continue;
      const label = document.createElement("label");
      label.className = "ar-field";
      const caption = document.createElement("span");
      caption.textContent = field.label[language];
      const input = document.createElement("input");
      input.type = "text";
      input.name = field.key;
      input.spellcheck = false;
      const message = document.createElement("span");
      message.className = "ar-field-error";
      message.id = `ar-error-${field.key.replace(/\W/g, "-")}`;
      input.setAttribute("aria-describedby", message.id);
      input.addEventListener("input", () => show(t.edited));
      label.append(caption, input, message);
      fieldset.append(label);
      inputs.set(field.key, { input, message });
    }
    form.append(fieldset);
  }
  const clearErrors = () => {
    for (const { input, message } of inputs.values()) {
      input.removeAttribute("aria-invalid");
      message.textContent = "";
    }
  };
  const fill = (policy: Policy) => {
    const texts = policyToForm(policy);
    for (const [key, { input }] of inputs) input.value = texts[key];
    clearErrors();
  };
  const show = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle("ar-error", error);
  };

  const save = document.createElement("button");
  save.type = "submit";
  save.className = "ar-primary";
  save.textContent = t.save;
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = t.defaults;
  const buttons = document.createElement("div");
  buttons.className = "ar-buttons";
  buttons.append(save, reset);
  form.append(buttons);

  let current: Policy = DEFAULT_POLICY;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void (async () => {
      clearErrors();
      try {
        const texts = Object.fromEntries([...inputs].map(([k, { input }]) => [k, input.value]));
        const policy = formToPolicy(texts, current);
        save.disabled = true;
        await saveWorkbookPolicy(policy);
        current = policy;
        fill(policy);
        show(t.saved);
      } catch (error) {
        if (error instanceof RuleError) {
          // Name the field by its label, in the pane's language, next to the field and in the status.
          const field = fieldOf(error);
          const entry = field && inputs.get(field.key);
          const text = field ? `${field.label[language]}${language === "zh" ? "：" : ": "}${error.detail[language]}` : error.text(language);
          if (entry) {
            entry.input.setAttribute("aria-invalid", "true");
            entry.message.textContent = error.detail[language];
            entry.input.focus();
          }
          show(text, true);
        } else {
          show(error instanceof Error ? error.message : String(error), true);
        }
      } finally {
        save.disabled = false;
      }
    })();
  });
  reset.addEventListener("click", () => {
    fill(DEFAULT_POLICY);
    show(t.filled);
  });

  const loaded = loadWorkbookPolicy();
  current = loaded.policy;
  fill(current);
  if (loaded.problem) show(`${t.invalid}${language === "zh" ? "" : " "}${loaded.problem.text(language)}`, true);
  else show(loaded.stored ? t.stored : t.none);

  // The status stays in view: under the heading, and (by CSS) the buttons stick to the bottom of the pane.
  section.append(heading, hint, status, form);
  root.append(section);
}
