/**
 * A faithful stand-in for the globals Excel's custom-functions runtime gives a functions script:
 * `CustomFunctions.Error(code, message)` (Excel shows the message only for #VALUE! and #N/A),
 * `CustomFunctions.ErrorCode`, `CustomFunctions.associate(id, fn)`, and `Office.onReady`.
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** Excel's CustomFunctions.Error: a code and an optional message. */
export class FakeExcelError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.code = code;
    if (message !== undefined && code !== ErrorCode.invalidValue && code !== ErrorCode.notAvailable) {
      throw new Error(`Excel accepts a message only with #VALUE! or #N/A, not ${code}`);
    }
  }
}

/** The globals of a functions script, with the associations it made. */
export function makeExcelGlobals(displayLanguage = "en-US") {
  const associations = new Map<string, (...args: unknown[]) => unknown>();
  const readyCallbacks: Array<() => void> = [];
  const CustomFunctions = {
    Error: FakeExcelError,
    ErrorCode,
    associate(id: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown) {
      if (typeof id === "object") {
        for (const [k, f] of Object.entries(id)) associations.set(k.toUpperCase(), f);
        return;
      }
      if (typeof fn !== "function") throw new Error(`associate(${id}) without a function`);
      if (associations.has(id.toUpperCase())) throw new Error(`${id} associated twice`);
      associations.set(id.toUpperCase(), fn);
    },
  };
  const Office = {
    context: { displayLanguage },
    onReady(callback?: () => void) {
      if (callback) readyCallbacks.push(callback);
      return Promise.resolve({ host: "Excel", platform: "PC" });
    },
  };
  return { CustomFunctions, Office, associations, ready: () => readyCallbacks.forEach((cb) => cb()) };
}

/** Installs the fake globals on globalThis (for tests that import the TypeScript sources directly). */
export function installExcelGlobals(displayLanguage = "en-US") {
  const g = makeExcelGlobals(displayLanguage);
  Object.assign(globalThis, { CustomFunctions: g.CustomFunctions, Office: g.Office });
  return g;
}
