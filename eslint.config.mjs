// ESLint (flat config): typescript-eslint's recommended rules, Microsoft's Office add-in rules where Office.js is
// called, and the layering of docs/architecture.md as import rules, so that a wrong import shows in the editor.
// Formatting is Prettier's (`npm run format`); eslint-config-prettier turns off the rules it owns.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import prettierOff from "eslint-config-prettier";
import globals from "globals";

const PURE = "Pure code: no host, machine, clock or network state (docs/architecture.md).";

/** Globals that pure code may not touch: the host, the machine, the network. */
const HOST_GLOBALS = [
  "Office",
  "Excel",
  "CustomFunctions",
  "OfficeRuntime",
  "window",
  "document",
  "navigator",
  "localStorage",
  "sessionStorage",
  "process",
  "Buffer",
  "require",
  "__dirname",
  "performance",
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "EventSource",
  "self",
].map((name) => ({ name, message: PURE }));

/** Network globals: the product makes no network calls of its own (receivables are confidential). */
const NETWORK_GLOBALS = ["fetch", "XMLHttpRequest", "WebSocket", "EventSource"].map((name) => ({
  name,
  message: "No network calls of our own: receivables are confidential.",
}));

/** No clock and no randomness in pure code: a result may not depend on when or where it runs. */
const NO_CLOCK = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "No clock in pure code: take the as-of date as an argument.",
  },
  {
    selector: "MemberExpression[object.name='Date'][property.name=/^(now|parse)$/]",
    message: "No clock or locale date parsing in pure code.",
  },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: "No randomness in pure code (use a seeded PRNG)." },
];

/** Import patterns forbidding a layer to a lower one: imports point down. */
const above = (...layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}/**`, `**/${layer}`, `**/${layer}/index.js`],
    message: `A lower layer may not import ${layer}/ (docs/architecture.md: imports point down).`,
  }));

export default tseslint.config(
  {
    ignores: ["dist/**", "coverage/**", "notebooks/node_modules/**", "notebooks/**/*.js", "**/*.d.ts", ".scratch/**", "node_modules/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierOff,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["src/**/*.{ts,tsx}", "notebooks/src/**/*.ts"],
    rules: { "no-restricted-globals": ["error", ...NETWORK_GLOBALS] },
  },
  {
    // Microsoft's Office add-in rules, where Office.js is called.
    files: ["src/excel-io/**/*.ts", "src/office/**/*.ts", "src/taskpane/**/*.{ts,tsx}", "src/functions/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    // The rules core: pure TypeScript; imports only itself and decimal.js (exact money).
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", ...HOST_GLOBALS],
      "no-restricted-syntax": ["error", ...NO_CLOCK],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(?!\\.|decimal\\.js$)", message: "The rules core imports only itself and decimal.js (docs/architecture.md)." },
            ...above("analytics", "charts", "result", "excel-io", "office", "functions", "taskpane", "cli"),
          ],
        },
      ],
    },
  },
  {
    // The result table: pure, above the core, below every face.
    files: ["src/result/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", ...HOST_GLOBALS],
      "no-restricted-syntax": ["error", ...NO_CLOCK],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^node:", message: "The result table is pure: no Node modules." },
            ...above("analytics", "charts", "excel-io", "office", "functions", "taskpane", "cli"),
          ],
        },
      ],
    },
  },
  {
    // Analytics and charts serve the notebooks; they may read files (analytics/io.ts) but never reach up into the add-in.
    files: ["src/analytics/**/*.ts", "src/charts/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: above("result", "excel-io", "office", "functions", "taskpane", "cli") }],
    },
  },
  {
    // The Excel I/O and the Office glue: no DOM, no faces above them.
    files: ["src/excel-io/**/*.ts", "src/office/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: above("functions", "taskpane", "cli", "analytics", "charts") }],
    },
  },
  {
    // CommonJS build scripts (webpack.config.js, scripts/*.js) and the tslab notebooks, which load the package with require().
    files: ["**/*.{js,cjs}", "notebooks/src/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests read Arquero rows and Vega specs as plain records, and feed control characters on purpose.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "no-control-regex": "off" },
  },
  {
    // The fake Excel's API objects close over the proxy that made them, as Office.js's own objects do.
    files: ["test/support/fake-excel/**/*.ts"],
    rules: { "@typescript-eslint/no-this-alias": "off" },
  },
  {
    // Excel I/O: every sync goes through syncOr() (errors named in English and Chinese), which the Office rules cannot
    // follow, so they see loads that are never synced; geometry is loaded through the GEOMETRY constant, seen as an empty load.
    files: ["src/excel-io/locate.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/call-sync-after-load": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/no-empty-load": "off",
    },
  },
  {
    // Notebook cells hand tslab's display and Vega's views untyped values.
    files: ["notebooks/src/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
