/**
 * Office's display language: the language of Excel's own menus, which the pane's texts and the functions'
 * error messages follow (pickLanguage, src/result, makes it en or zh).
 */

/** `Office.context.displayLanguage` (`en-US`, `zh-CN`, ...), or undefined outside Office or before it is ready. */
export function officeDisplayLanguage(): string | undefined {
  try {
    return typeof Office === "undefined" ? undefined : Office.context?.displayLanguage;
  } catch {
    return undefined;
  }
}
