// The task pane in a real browser: Debian's Chromium (playwright-core, headless) loads the built
// dist/taskpane.html from a local server on 127.0.0.1, with a fake Office host (test/support/fake-excel/,
// bundled by esbuild) served in place of office.js. The test finds the columns of a debtor table,
// corrects one through the UI, triages, and checks the sheets written in the fake workbook; a customer
// named `<img src=x onerror=alert(1)>` must show as text. The Policy tab saves (settings `ar.policy`, a full
// recalculation) or refuses next to the field; an Excel without ExcelApi 1.9 gets the "too old" message.
// At 350 x 800 (a task pane's usual size) the run button and a run's outcome are on the first screen; the
// outcome's "Open the result sheet" activates it. The README's pictures (docs/images/pane-triage-*.png) are
// taken here on every run, so they show the pane as it is. Every other request leaves nothing: the test
// fails if the page tries one. The pages' Content-Security-Policy (scripts/build/csp.js) is in force as
// the built <meta> delivers it: every test fails on a violation or a console error, and one injects an
// inline script, an inline handler, eval and outside requests, which the policy must refuse while the pane
// still triages. Needs `npm run build` first (npm test does it) and /usr/bin/chromium.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { build } from "esbuild";
import { parse } from "csv-parse/sync";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostConfig, HostProbe } from "./fake-host.js";
import { samplePortfolio } from "./support.js";
import { serialFromCivil } from "../../src/core/index.js";

/** Debian's Chromium (AR_CHROMIUM names another build of Chromium, e.g. /usr/bin/chromium-browser). */
const CHROMIUM = process.env.AR_CHROMIUM || "/usr/bin/chromium";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const root = join(__dirname, "../..");
const dist = join(root, "dist");
const EVIL = "<img src=x onerror=alert(1)>";
/** A task pane's usual size in Excel (350 px wide); the first screen is what shows without scrolling. */
const VIEWPORT = { width: 350, height: 800 };
/** Where the README's pictures of the pane go. */
const IMAGES = join(root, "docs/images");
const EVIL_HEADER = "<b onmouseover=alert(2)>notes</b>";
const csp = createRequire(__filename)("../../scripts/build/csp.js") as {
  CONTENT_SECURITY_POLICY: string;
  withPolicy(html: string): { html: string } | { error: string };
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
};

let server: Server;
let origin = "";
let fakeHost = "";
let profile = "";
let context: BrowserContext;

/** What went wrong in a page, besides the test's own assertions. */
interface Watch {
  readonly outside: string[];
  /** URLs of the Web Workers the page started. */
  readonly workers: string[];
  readonly dialogs: string[];
  readonly errors: string[];
  /** Content-Security-Policy violations reported in the page: `<effective directive> <blocked URI>`. */
  readonly csp: string[];
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the task pane test needs it. Run the README's setup ` +
        "(on Debian: apt-get install -y chromium; elsewhere set AR_CHROMIUM to a Chromium executable), then npm test again.",
    );
  }
  if (!existsSync(join(dist, "taskpane.html")) || !existsSync(join(dist, "triage-worker.js"))) {
    throw new Error("dist/ has no task pane: run `npm run build` first (npm test does).");
  }
  const bundle = await build({
    entryPoints: [join(__dirname, "fake-host.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome110",
    write: false,
    logLevel: "silent",
  });
  fakeHost = bundle.outputFiles[0].text;

  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = normalize(join(dist, path === "/" ? "taskpane.html" : path));
    if (!file.startsWith(dist + sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  profile = mkdtempSync(join(tmpdir(), "ar-pane-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      // nothing resolves but the local server, whatever the page tries
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
    viewport: VIEWPORT,
    serviceWorkers: "block",
  });
}, 30_000);

afterAll(async () => {
  await context?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens the pane on a fake workbook; office.js is the fake host, every other outside request is refused. */
async function openPane(config: HostConfig): Promise<{ page: Page; watch: Watch }> {
  const watch: Watch = { outside: [], dialogs: [], errors: [], workers: [], csp: [] };
  const page = await context.newPage();
  await page.exposeFunction("__arCspViolation", (v: string) => watch.csp.push(v));
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: fakeHost });
    if (url.startsWith(`${origin}/`)) return route.continue();
    watch.outside.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("dialog", (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => watch.errors.push(error.message));
  page.on("worker", (worker) => watch.workers.push(worker.url()));
  page.on("console", (message) => message.type() === "error" && watch.errors.push(message.text()));
  await page.addInitScript((hostConfig) => {
    const w = window as unknown as { __AR_HOST__: unknown; __arImages: string[]; __arCspViolation(v: string): void };
    w.__AR_HOST__ = hostConfig;
    document.addEventListener("securitypolicyviolation", (e) => w.__arCspViolation(`${e.effectiveDirective} ${e.blockedURI}`), true);
    // Every <img> ever put in the document, even one removed at once.
    w.__arImages = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (node instanceof Element) {
            for (const img of [node, ...node.querySelectorAll("*")].filter((e) => e.tagName === "IMG")) w.__arImages.push(img.outerHTML);
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  }, config);
  await page.goto(`${origin}/taskpane.html`);
  return { page, watch };
}

const sheetValues = (page: Page, name: string) =>
  page.evaluate((n) => (window as unknown as { __arHost: HostProbe }).__arHost.values(n), name);
const sheetNames = (page: Page) => page.evaluate(() => (window as unknown as { __arHost: HostProbe }).__arHost.sheetNames());
const savedSetting = (page: Page, name: string) =>
  page.evaluate((n) => (window as unknown as { __arHost: HostProbe }).__arHost.savedSetting(n), name);
const calculations = (page: Page) => page.evaluate(() => (window as unknown as { __arHost: HostProbe }).__arHost.calculations());
const mutations = (page: Page, name: string) =>
  page.evaluate((n) => (window as unknown as { __arHost: HostProbe }).__arHost.mutations(n), name);

const activeSheet = (page: Page) => page.evaluate(() => (window as unknown as { __arHost: HostProbe }).__arHost.activeSheet());

/** With AR_PANE_SCREENSHOTS=<folder>, saves a full-page screenshot there (to look at the pane). */
async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.AR_PANE_SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** Whether an element is wholly inside the viewport (boundingBox is relative to it). */
async function inView(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= VIEWPORT.height && box.x + box.width <= VIEWPORT.width;
}

/** Whether an element is wholly inside the first screen: in view, the page not scrolled. */
async function onFirstScreen(page: Page, testId: string): Promise<boolean> {
  return (await page.evaluate(() => window.scrollY)) === 0 && (await inView(page, testId));
}

/** The sample portfolio with "Balance" headed "Saldo" (a header the pane does not know), an evil customer and an evil extra column. */
function englishBook(): HostConfig {
  const { headers, rows } = samplePortfolio();
  const head = headers.map((h) => (h === "Balance" ? "Saldo" : h));
  const evil = [...rows[0]];
  evil[0] = EVIL;
  evil[1] = "lots"; // a balance that cannot be read: the row is listed with its problem
  // an extra column of notes, blank on the sample's blank row
  const data = [...rows, evil].map((r) => [...r, r.every((c) => c === "") ? "" : "x"]);
  // the user selected the whole table (its blank row would end the current region)
  return {
    displayLanguage: "en-US",
    sheets: [{ name: "Debtors", values: [[...head, EVIL_HEADER], ...data], typed: true }],
    select: "Debtors!A1:X17",
  };
}

/** A Chinese debtor table, as an Excel table. */
function chineseBook(): HostConfig {
  const values = [
    ["客户名称", "欠款金额", "到期日", "近12个月逾期次数", "最大逾期金额", "现金流"],
    ["甲公司", 120000, "2025-06-01", 0, 0, "好"],
    ["乙公司", 50000, "2025-07-01", 1, 10000, "一般"],
    ["丙公司", 80000, "2025-04-01", 2, 90000, "差"],
  ];
  return {
    displayLanguage: "zh-CN",
    sheets: [{ name: "应收账款", values, typed: true, table: { address: "A1:F4", name: "欠款表" } }],
    select: "应收账款!H10", // an empty cell, away from the table
  };
}

/** samples/collection-log.csv as a sheet with the table CollectionLog, as the Log tab makes it (sheet name in the language). */
function sampleLogSheet(name: string): HostConfig["sheets"][number] {
  const cells = parse(readFileSync(join(root, "samples/collection-log.csv"), "utf8"), { bom: true }) as string[][];
  return { name, values: cells, typed: true, table: { address: `A1:H${cells.length}`, name: "CollectionLog" } };
}

/** samples/portfolio.csv as it is, the whole table selected, and the sample's collection log: the README's picture of a run. */
function sampleBook(): HostConfig {
  const { headers, rows } = samplePortfolio();
  return {
    displayLanguage: "en-US",
    sheets: [{ name: "Debtors", values: [headers, ...rows], typed: true }, sampleLogSheet("Collection log")],
    select: "Debtors!A1:W16",
  };
}

/**
 * Two debtors and a log sheet of nine rows, seven of them payments whose amount is not a number (sheet rows
 * 3 to 9): a short outcome with more problem rows than the pane lists.
 */
function smallLogBook(): HostConfig {
  const log = [
    ["Date", "Customer", "Invoice", "Action", "Amount", "Promised date", "Who", "Note"],
    ["2025-07-01", "Acme Trading", "", "call", "", "", "Li", ""],
    ...Array.from({ length: 7 }, (_, i) => [`2025-07-0${i + 2}`, "Acme Trading", "", "payment", `${i + 1}0k`, "", "Li", ""]),
    ["2025-07-20", "Harbour Steel", "", "call", "", "", "Li", ""],
  ];
  return {
    displayLanguage: "en-US",
    sheets: [
      {
        name: "Debtors",
        values: [
          ["Customer", "Balance", "Due date"],
          ["Acme Trading", 120000, "2025-06-01"],
          ["Harbour Steel", 50000, "2025-07-15"],
        ],
        typed: true,
      },
      { name: "Collection log", values: log, typed: true },
    ],
    select: "Debtors!A1:C3",
  };
}

/** The Chinese header of each of the sample's columns, and the Chinese of its words. */
const SAMPLE_ZH_HEADERS = [
  "客户名称",
  "欠款金额",
  "到期日",
  "近12个月逾期次数",
  "最大逾期金额",
  "现金流",
  "主营业务正常",
  "收入稳定",
  "周转率下降",
  "主动提出还款计划",
  "找借口拖延",
  "矛盾点",
  "承诺未兑现次数",
  "拒绝沟通",
  "破产或资不抵债",
  "失信被执行人",
  "停产",
  "自由现金流",
  "最近对账日",
  "盖章合同",
  "对账单",
  "催款记录",
  "最后催告日",
];
const SAMPLE_ZH_WORDS: Readonly<Record<string, string>> = {
  "yes": "是",
  "no": "否",
  "good": "好",
  "fair": "一般",
  "poor": "差",
  "none": "无",
  "short-term": "短期",
  "persistent": "持续",
};

/** The sample in Chinese (headers and words; the customers' names as they are), in Chinese Excel. */
function sampleBookZh(): HostConfig {
  const { headers, rows } = samplePortfolio();
  expect(SAMPLE_ZH_HEADERS).toHaveLength(headers.length);
  const values = rows.map((r) => r.map((c) => SAMPLE_ZH_WORDS[c] ?? c));
  return {
    displayLanguage: "zh-CN",
    sheets: [{ name: "应收账款", values: [SAMPLE_ZH_HEADERS, ...values], typed: true }, sampleLogSheet("催收记录")],
    select: "应收账款!A1:W16",
  };
}

/** The first screen (350 x 800, not the full page) as a README picture, docs/images/<name>.png. */
async function readmePicture(page: Page, name: string): Promise<void> {
  mkdirSync(IMAGES, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1); // no hover on a button
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // no focus ring
  // No transitions at all: a button's hover-out was caught half-way on a loaded machine (a fresh clone's
  // run redrew the Log picture's button border); with them off the state is final at once.
  await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; animation: none !important; }" });
  await page.waitForTimeout(300);
  const shot = await page.screenshot({ fullPage: false, animations: "disabled", caret: "hide" });
  const path = join(IMAGES, `${name}.png`);
  if (!samePicture(path, shot)) writeFileSync(path, shot);
}

/**
 * Whether the picture at `path` shows what `shot` shows: same size, and no pixel off by more than 2 levels
 * per channel. A clicked button's rounded corners come out 1 level apart from run to run (Chromium
 * composites it on its own layer for a while), which would rewrite a README picture on every run.
 */
function samePicture(path: string, shot: Buffer): boolean {
  if (!existsSync(path)) return false;
  const a = PNG.sync.read(readFileSync(path));
  const b = PNG.sync.read(shot);
  if (a.width !== b.width || a.height !== b.height) return false;
  for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i]! - b.data[i]!) > 2) return false;
  return true;
}

/** The rows of a result sheet as objects keyed by header. */
function records(values: (string | number | boolean)[][]): Record<string, string | number | boolean>[] {
  const [head, ...rows] = values;
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i]])));
}

describe("the task pane in Chromium on a fake Excel", () => {
  it("finds the columns, takes a correction, triages into new sheets and shows sheet text as text", async () => {
    const { page, watch } = await openPane(englishBook());
    await expect(page.getByRole("tab", { name: "Portfolio triage" }).isVisible()).resolves.toBe(true);
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    expect(await page.getByTestId("found").textContent()).toBe("Debtors!A1:X17: 16 rows under the header.");

    // The columns found, in one line: 22 of the 24 headers name a field ("Saldo" and the evil one do not),
    // so balance is missing, and it is the one field open; the run button is on the first screen.
    expect(await page.getByTestId("mapping-summary").textContent()).toBe("22 columns recognised, 2 of 3 required found");
    const openFields = () => page.locator("[data-field]").evaluateAll((all) => all.map((e) => e.getAttribute("data-field")));
    expect(await openFields()).toEqual(["balance"]);
    expect(await page.locator("[data-field=balance]").inputValue()).toBe("");
    await expect(page.getByText("Required: choose the column.").isVisible()).resolves.toBe(true);
    expect(await page.getByTestId("run").isDisabled()).toBe(true);
    expect(await onFirstScreen(page, "run")).toBe(true);
    // Headers are offered as text, the evil one too.
    const options = await page.locator("[data-field=balance] option").allTextContents();
    expect(options.slice(0, 3)).toEqual(["(not used)", "A: Customer", "B: Saldo"]);
    expect(options).toContain(`X: ${EVIL_HEADER}`);
    expect(await page.getByTestId("unmatched").textContent()).toBe(`Headers not used: Saldo, ${EVIL_HEADER}`);
    // The field's label says what it means.
    await page.getByRole("button", { name: "What “Balance” means" }).click();
    await expect(page.getByText("Balance: What the customer owes now.").isVisible()).resolves.toBe(true);
    await page.keyboard.press("Escape");
    // The header words the pane knows, and the whole list next to the pane.
    await page.getByTestId("header-words").click();
    expect(await page.getByTestId("header-word-list").textContent()).toContain("Balance: balance, amount owed, outstanding");
    const list = await page.getByTestId("header-word-list").getByRole("link").getAttribute("href");
    expect((await fetch(new URL(list!, `${origin}/taskpane.html`))).status).toBe(200);
    await page.getByTestId("header-words").click();

    // The user corrects it without opening the whole mapping: balance is column B. The field stays open.
    await page.locator("[data-field=balance]").selectOption("1");
    expect(await page.getByTestId("run").isEnabled()).toBe(true);
    expect(await openFields()).toEqual(["balance"]);
    expect(await page.getByTestId("mapping-summary").textContent()).toBe("23 columns recognised, 3 required found");
    await page.getByTestId("as-of").fill("2025-07-31");
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await onFirstScreen(page, "run")).toBe(true);

    // "Edit" opens the whole mapping: customer A, due date C, last demand W, each label in sentence case.
    await page.getByTestId("edit-mapping").click();
    expect(await page.locator("[data-field=customer]").inputValue()).toBe("0");
    expect(await page.locator("[data-field=dueDate]").inputValue()).toBe("2");
    expect(await page.locator("[data-field=lastInterruption]").inputValue()).toBe("22");
    expect(await page.locator("[data-field=balance]").inputValue()).toBe("1");
    expect((await openFields()).length).toBe(23);
    // each option and each dropdown has its whole text as its tooltip (a long header is shortened in its middle)
    const evilOption = page.locator("[data-field=customer] option").last();
    expect(await evilOption.textContent()).toBe(`X: ${EVIL_HEADER}`);
    expect(await evilOption.getAttribute("title")).toBe(`X: ${EVIL_HEADER}`);
    expect(await page.locator("[data-field=customer]").getAttribute("title")).toBe("A: Customer");
    const mappingText = (await page.getByTestId("mapping").textContent()) ?? "";
    for (const label of ["Overdue events in 12 months", "Largest overdue amount", "Last interruption"])
      expect(mappingText).toContain(label);
    await screenshot(page, "en-mapping");
    await page.getByTestId("edit-mapping").click();
    expect(await openFields()).toEqual(["balance"]);

    await page.getByTestId("run").click();
    await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
    const outcome = await page.getByTestId("outcome").textContent();
    await screenshot(page, "en-done");
    // The summary's counts (ok + problem + blank = the 16 rows), the sheet written, on the first screen.
    const counts = (await page.getByTestId("outcome-counts").textContent()) ?? "";
    const [ok, problem, blank] = (/^(\d+) triaged, (\d+) with problems, (\d+) blank: written to “Triage”\.$/.exec(counts) ?? [])
      .slice(1)
      .map(Number);
    expect(ok + problem + blank).toBe(16);
    expect(blank).toBe(1);
    expect(await onFirstScreen(page, "outcome-counts")).toBe(true);
    expect(await onFirstScreen(page, "open-result")).toBe(true);

    // The result sheet: one row per input row with its source row number, in order; the source untouched.
    const names = await sheetNames(page);
    expect(names[0]).toBe("Debtors");
    // the result, its summary and today's work (no log in this workbook: by the ladder's cadence)
    expect(names).toEqual(["Debtors", "Triage", "Triage summary", "Today's work"]);
    expect(await page.getByTestId("log-read").textContent()).toMatch(/^Collection log: none in this workbook/);
    expect(await page.getByTestId("work-without-log").textContent()).toMatch(/^no collection log given \(none in this workbook\)/);
    const resultName = names.find((n) => n !== "Debtors" && (outcome ?? "").includes(`written to “${n}”`));
    expect(resultName).toBe("Triage");
    // The write shows the summary sheet; the outcome's button opens the result sheet.
    expect(await activeSheet(page)).toBe("Triage summary");
    await page.getByTestId("open-result").click();
    await expect.poll(() => activeSheet(page)).toBe("Triage");
    const result = records(await sheetValues(page, resultName!));
    expect(result).toHaveLength(16);
    expect(result.map((r) => r["source row"])).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
    expect(result[1]).toMatchObject({ customer: "Fresh Table Catering 鲜味餐饮供应链", balance: 1_200_000, profile: "temporary" });
    expect(result[2].profile).toBe("willful");
    expect(result[3].profile).toBe("unable");
    expect(result[12].status).toBe("blank");
    expect(result[15]).toMatchObject({ customer: EVIL, status: "problem" });
    expect(String(result[15].problems)).toMatch(/balance: "lots" is not a number/);
    expect(await mutations(page, "Debtors")).toBe(0);

    // The evil customer is listed among the rows with problems (folded under the outcome), as text: no
    // element made of it, no alert.
    expect(await page.getByTestId("problems").count()).toBe(0);
    await page.getByTestId("problems-header").click();
    const problems = page.getByTestId("problems");
    expect(await problems.textContent()).toContain(EVIL);
    // The list is as long as the count above it; the blank row is named as blank, not listed as a problem.
    expect(await page.getByTestId("problems-header").textContent()).toContain(`(${problem})`);
    expect(await problems.locator("tbody tr").count()).toBe(problem);
    expect(await page.getByTestId("blank-rows").textContent()).toBe("Blank rows between data rows: row 14");
    expect(await page.evaluate(() => (window as unknown as { __arImages: string[] }).__arImages)).toEqual([]);
    expect(await page.locator("img, b[onmouseover]").count()).toBe(0);

    // A second run writes new sheets and leaves the first result as it was.
    const first = await sheetValues(page, resultName!);
    await page.getByTestId("run").click();
    await page.waitForFunction(() => (window as unknown as { __arHost: HostProbe }).__arHost.sheetNames().length === 7, undefined, {
      timeout: 10_000,
    });
    await page.getByTestId("outcome").waitFor();
    expect(await sheetValues(page, resultName!)).toEqual(first);
    expect(new Set(await sheetNames(page)).size).toBe(7);

    // The triage ran in a Web Worker loaded from the pane's own origin.
    expect(watch.workers).toContain(`${origin}/triage-worker.js`);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("writes a live result: the live columns as AR formulas over the source, the as-of cell beside the table (issue 13)", async () => {
    const { headers, rows } = samplePortfolio();
    const { page, watch } = await openPane({
      displayLanguage: "en-US",
      sheets: [{ name: "Q3 debtors", values: [headers, ...rows], typed: true }],
      select: "'Q3 debtors'!A1:W16",
    });
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    await page.getByTestId("as-of").fill("2025-07-31");
    expect(await page.getByTestId("live").isChecked()).toBe(false);
    await page.getByTestId("live").check();
    expect(await page.getByTestId("live-items").count()).toBe(0); // a customer table: no item-list note
    expect(await onFirstScreen(page, "run")).toBe(true);
    await page.getByTestId("run").click();
    await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
    const live = (await page.getByTestId("outcome-live").textContent()) ?? "";
    const cells = Number((/^([\d,]+) cells of Triage are live formulas;/.exec(live) ?? ["", "0"])[1].replace(/,/g, ""));
    expect(cells).toBeGreaterThan(100);
    const formulas = await page.evaluate(() => (window as unknown as { __arHost: HostProbe }).__arHost.formulas("Triage"));
    const head = formulas[0];
    expect(formulas[1][head.indexOf("grade")]).toBe("=AR.GRADE('Q3 debtors'!$D2,'Q3 debtors'!$E2,'Q3 debtors'!$F2)");
    expect(formulas[1][head.indexOf("customer")]).toBe("Huaxin Machinery 华信机械");
    const asOfColumn = head.length - 1; // the block's column is the last one used
    expect(formulas[1][asOfColumn]).toBe(45869);
    expect(String(formulas[0][asOfColumn])).toMatch(/^as of/);
    expect(formulas.flat().filter((f) => typeof f === "string" && f.startsWith("=AR.")).length).toBe(cells);
    expect(await mutations(page, "Q3 debtors")).toBe(0);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("triages an ERP export: header below its title rows, the title's as-of date, an Items sheet and the reconciliation", async () => {
    const cells = parse(readFileSync(join(root, "samples/kingdee-open-items.csv"), "utf8"), { bom: true }) as string[][];
    const { page, watch } = await openPane({
      displayLanguage: "en-US",
      sheets: [{ name: "Export", values: cells, typed: true }],
      select: "Export!B20",
    });
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    expect(await page.getByTestId("found").textContent()).toBe("Export!A4:K46: 42 rows under the header.");
    expect(await page.getByTestId("title-rows").textContent()).toContain("below 3 title rows");
    expect(await page.getByTestId("as-of").inputValue()).toBe("2025-07-31");
    expect(await page.getByTestId("as-of-title").textContent()).toBe("As of 2025-07-31, from the export's title (“2025年7月31日”).");
    expect(await page.getByTestId("date-order").inputValue()).toBe("auto");
    await page.getByTestId("date-order").selectOption("dmy");
    await page.getByTestId("run").click();
    await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
    const outcome = (await page.getByTestId("outcome").textContent()) ?? "";
    await screenshot(page, "en-export-done");
    expect(outcome).toContain("42 item rows, 10 customers: ");
    expect(outcome).toContain("written to “Triage”, each item row in “Items”.");
    expect(await onFirstScreen(page, "outcome-counts")).toBe(true);
    await page.getByRole("button", { name: "Open items and reconciliation" }).click();
    const lines = await page.getByTestId("ledger-lines").locator("li").allTextContents();
    expect(lines).toContain("the export's own total (row 46) 6,878,641.08 equals the sum of its items");
    const names = await sheetNames(page);
    expect(names).toEqual(["Export", "Triage", "Items", "Triage summary", "Today's work"]);
    expect(await sheetValues(page, "Items")).toHaveLength(43);
    expect(await sheetValues(page, "Triage")).toHaveLength(11);
    expect((await sheetValues(page, "Triage summary")).map((r) => r[0])).toContain(
      "reconciliation: open items 6,878,641.08 = customer balances 6,878,641.08",
    );
    expect(await mutations(page, "Export")).toBe(0);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("speaks Chinese in Chinese Excel and triages an Excel table with Chinese headers", async () => {
    const { page, watch } = await openPane(chineseBook());
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await expect(page.getByRole("tab", { name: "组合分诊" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("tab", { name: "信用政策" }).isVisible()).resolves.toBe(true);
    // Nothing at the selected cell: the pane says so, in Chinese.
    await page.getByTestId("find").click();
    await page.getByTestId("outcome").waitFor();
    expect(await page.getByTestId("outcome").textContent()).toMatch(/^未找到欠款客户表：.*没有数据/);
    await page.getByText("Excel 表格").click();
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    expect(await page.getByTestId("found").textContent()).toBe("应收账款!A1:F4：标题行下共 3 行（表格 欠款表）。");
    // Every column recognised: nothing open, the run button on the first screen.
    expect(await page.getByTestId("mapping-summary").textContent()).toBe("已识别 6 列，3 个必需列已找到");
    expect(await page.locator("[data-field]").count()).toBe(0);
    expect(await onFirstScreen(page, "run")).toBe(true);
    await page.getByText("修改", { exact: true }).click();
    expect(await page.locator("[data-field=balance]").inputValue()).toBe("1");
    const mappingText = await page.getByTestId("mapping").textContent();
    for (const label of ["客户", "余额", "到期日", "近12个月逾期次数", "现金流"]) expect(mappingText).toContain(label);
    expect(mappingText).not.toContain("due date");
    await page.getByTestId("as-of").fill("2025-07-31");
    await page.getByRole("button", { name: "对每一行分诊" }).click();
    await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("outcome-counts").textContent()).toBe("已分诊 3 行，有问题 0 行，空行 0 行：结果写入“分诊结果”。");
    // the page was scrolled down to the run button (the whole mapping open): the outcome is brought into view
    expect(await inView(page, "open-result")).toBe(true);
    await screenshot(page, "zh-done");
    await page.getByRole("button", { name: "打开结果工作表" }).click();
    await expect.poll(() => activeSheet(page)).toBe("分诊结果");
    const names = await sheetNames(page);
    const result = records(await sheetValues(page, names[1]));
    expect(result.map((r) => r["源行号"])).toEqual([2, 3, 4]);
    expect(result[2]).toMatchObject({ 客户: "丙公司", 信用等级: "C", 预警级别: 3 });
    expect(await mutations(page, "应收账款")).toBe(0);
    // The policy editor lives on in its tab, in Chinese, and refuses an inconsistent entry there too.
    await page.getByRole("tab", { name: "信用政策" }).click();
    await expect(page.getByRole("heading", { name: "本工作簿的信用政策" }).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId("policy-status").textContent()).toBe("默认政策（本工作簿尚未保存政策）。");
    await page.getByLabel("每月对账截止日").fill("31");
    await page.getByRole("button", { name: "保存并重新计算" }).click();
    await expect(page.getByText("31 必须是 1 到 28 之间的整数", { exact: true }).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId("policy-status").textContent()).toBe("未保存：每月对账截止日：31 必须是 1 到 28 之间的整数");
    expect(await savedSetting(page, "ar.policy")).toBeUndefined();
    await screenshot(page, "zh-policy");
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("draws the README's pictures: the sample and its log triaged at 350 x 800, in English and in Chinese, today's work first", async () => {
    for (const [config, name] of [
      [sampleBook(), "pane-triage-en"],
      [sampleBookZh(), "pane-triage-zh"],
    ] as const) {
      const { page, watch } = await openPane(config);
      await page.getByTestId("find").click();
      await page.getByTestId("mapping").waitFor();
      // every column of the sample is recognised: one line, nothing to correct
      expect(await page.getByTestId("mapping-summary").textContent()).toBe(
        name.endsWith("en") ? "23 columns recognised, 3 required found" : "已识别 23 列，3 个必需列已找到",
      );
      expect(await onFirstScreen(page, "run")).toBe(true);
      await page.getByTestId("as-of").fill("2025-07-31");
      await page.getByTestId("run").click();
      await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
      expect(await page.getByTestId("outcome-counts").textContent()).toBe(
        name.endsWith("en")
          ? "10 triaged, 4 with problems, 1 blank: written to “Triage”."
          : "已分诊 10 行，有问题 4 行，空行 1 行：结果写入“分诊结果”。",
      );
      const en = name.endsWith("en");
      // Today's work is the first thing shown, wholly on the first screen: its heading, the first entries
      // by owner (customer, the one next step, why today), and the button to its sheet.
      expect(await onFirstScreen(page, "work")).toBe(true);
      const work = page.getByTestId("work");
      const outcomeBox = await page.getByTestId("outcome").boundingBox();
      const workBox = await work.boundingBox();
      expect(workBox!.y).toBeLessThanOrEqual(outcomeBox!.y + 1);
      expect(await page.getByTestId("work-heading").textContent()).toBe(en ? "Today's work (6)" : "今日工作（6）");
      expect(await work.locator("h3").allTextContents()).toEqual(
        en ? ["Salesperson (1)", "Finance manager (2)"] : ["业务员（1）", "财务经理（2）"],
      );
      expect(await page.getByTestId("work-customer").allTextContents()).toEqual([
        "Blue River Retail",
        "Fresh Table Catering 鲜味餐饮供应链",
        "Jiancai Building Materials 建材商贸",
      ]);
      expect((await page.getByTestId("work-why").allTextContents())[0]).toMatch(
        en
          ? "Today: follow-up overdue since 2025-07-02 (last contact 2025-07-01; level 1: daily)"
          : /^今日：自 2025-07-02 起应跟进而未跟进/,
      );
      expect(await page.getByTestId("work-without-log").count()).toBe(0);
      expect(await page.getByTestId("log-read").textContent()).toBe(
        en
          ? "Collection log: 33 rows = 30 events + 2 problems + 1 blank (table CollectionLog, sheet Collection log); read, not changed."
          : "催收记录：33 行 = 30 个事件 + 2 行有问题 + 1 行空行（表格 CollectionLog，工作表“催收记录”）；只读取，未改动。",
      );
      // The log's two problem rows under the log line, folded: open, they would run past the first screen.
      const toggle = page.getByTestId("log-problems-toggle");
      expect(await toggle.textContent()).toBe(en ? "Show the 2 problem rows" : "显示 2 行有问题的记录");
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await page.getByTestId("log-problem").count()).toBe(0);
      expect(await mutations(page, en ? "Collection log" : "催收记录")).toBe(0);
      expect(await sheetNames(page)).toEqual(
        en
          ? ["Debtors", "Collection log", "Triage", "Triage summary", "Log problems", "Today's work"]
          : ["应收账款", "催收记录", "分诊结果", "分诊汇总", "催收记录问题", "今日工作"],
      );
      expect(await onFirstScreen(page, "open-work")).toBe(true);
      await readmePicture(page, name);
      // "Open today's work" shows its sheet.
      await page.getByTestId("open-work").click();
      await expect.poll(() => activeSheet(page)).toBe(en ? "Today's work" : "今日工作");
      // Unfolded: each problem row with its reasons, as the command line prints them (a sentence), as text.
      await toggle.click();
      expect(await page.getByTestId("log-problem").allTextContents()).toEqual(
        en
          ? [
              `Log row 17: action: "fax sent" is not a known action (call, visit, e-mail, WeChat, SMS, dunning letter, lawyer's letter, statement sent, balance confirmed, promise to pay, payment, dispute opened, dispute resolved, plan agreed, instalment missed, claim filed, suit filed).`,
              `Log row 24: amount: "about 20k" is not a number.`,
            ]
          : [
              expect.stringMatching(/^催收记录第 17 行：催收动作：.*fax sent.*。$/),
              expect.stringMatching(/^催收记录第 24 行：.*about 20k.*。$/),
            ],
      );
      expect(await page.getByTestId("log-problems-more").count()).toBe(0);
      const logLine = await page.getByTestId("log-read").boundingBox();
      expect((await page.getByTestId("log-problem-lines").boundingBox())!.y).toBeGreaterThan(logLine!.y);
      expect(await toggle.textContent()).toBe(en ? "Hide the problem rows" : "收起有问题的记录");
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await toggle.click();
      expect(await page.getByTestId("log-problem").count()).toBe(0);
      // the breakdown by warning level, folded under the outcome; amounts say their currency: the workbook policy's, CNY by default
      await page.getByRole("button", { name: en ? "By warning level" : "按预警级别" }).click();
      await page.getByTestId("by-level").waitFor();
      expect(await page.getByTestId("by-level").locator("th").allTextContents()).toContain(en ? "Balance (CNY)" : "余额（CNY）");
      expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
      await page.close();
    }
  });

  it("lists a log's problem rows under the log line, open when they fit: five of them, then how many more are on the sheet", async () => {
    const { page, watch } = await openPane(smallLogBook());
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    await page.getByTestId("as-of").fill("2025-07-31");
    await page.getByTestId("run").click();
    await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("log-read").textContent()).toBe(
      "Collection log: 9 rows = 2 events + 7 problems + 0 blank (sheet Collection log); read, not changed.",
    );
    // open at once: the list fits on the first screen under today's work, the result's button with it
    expect(await page.getByTestId("log-problems-toggle").count()).toBe(0);
    expect(await page.getByTestId("log-problem").allTextContents()).toEqual(
      [3, 4, 5, 6, 7].map((row) => `Log row ${row}: amount: "${row - 2}0k" is not a number.`),
    );
    expect(await page.getByTestId("log-problems-more").textContent()).toBe("2 more in “Log problems”.");
    expect(await onFirstScreen(page, "work")).toBe(true);
    expect(await onFirstScreen(page, "log-problem-lines")).toBe(true);
    expect(await onFirstScreen(page, "open-result")).toBe(true);
    expect((await sheetValues(page, "Log problems")).slice(1).map((r) => r[0])).toEqual([3, 4, 5, 6, 7, 8, 9]);
    await screenshot(page, "en-log-problems");
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("says so when Excel refuses to open a sheet: the refusal's title and Excel's reason under its button, nothing else changes", async () => {
    const { page, watch } = await openPane(smallLogBook());
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    await page.getByTestId("as-of").fill("2025-07-31");
    await page.getByTestId("run").click();
    await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
    const outcomeText = await page.getByTestId("outcome").textContent();
    const names = await sheetNames(page);
    const counts = await Promise.all(names.map((n) => mutations(page, n)));
    expect(await activeSheet(page)).toBe("Triage summary");
    await page.evaluate(() => (window as unknown as { __arHost: HostProbe }).__arHost.failOperation("Worksheet.activate"));

    // "Open the result sheet": refused, said under the button (the title, then Excel's reason), as text.
    const refusals = page.getByTestId("open-failed");
    await page.getByTestId("open-result").click();
    await expect.poll(() => refusals.count()).toBe(1);
    expect(await refusals.textContent()).toBe("The result sheet could not be opened:Worksheet.activate was refused (injected).");
    expect(await refusals.locator(".fui-MessageBarTitle").textContent()).toBe("The result sheet could not be opened:");
    const button = await page.getByTestId("open-result").boundingBox();
    expect((await refusals.boundingBox())!.y).toBeGreaterThan(button!.y);
    // "Open today's work": its own refusal, under its own button in today's work; the first one stays.
    await page.getByTestId("open-work").click();
    await expect.poll(() => refusals.count()).toBe(2);
    expect(await page.getByTestId("work").getByTestId("open-failed").textContent()).toBe(
      "Could not open the sheetWorksheet.activate was refused (injected).",
    );
    // Nothing else changed: the same sheets, none written, the same one active, the rest of the outcome as it was.
    expect(await sheetNames(page)).toEqual(names);
    expect(await Promise.all(names.map((n) => mutations(page, n)))).toEqual(counts);
    expect(await activeSheet(page)).toBe("Triage summary");
    const now = (await page.getByTestId("outcome").textContent()) ?? "";
    expect(
      now
        .replace("Could not open the sheetWorksheet.activate was refused (injected).", "")
        .replace("The result sheet could not be opened:Worksheet.activate was refused (injected).", ""),
    ).toBe(outcomeText);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("edits the workbook's policy: saves what differs from the defaults and recalculates, refuses an inconsistent entry next to its field", async () => {
    const { page, watch } = await openPane(englishBook());
    await page.getByRole("tab", { name: "Policy" }).click();
    await expect(page.getByRole("heading", { name: "Credit policy of this workbook" }).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId("policy-status").textContent()).toBe("Default policy (nothing stored in this workbook yet).");
    const grade = page.getByLabel("Credit term, grade A (days)");
    expect(await grade.inputValue()).toBe("30");
    await screenshot(page, "en-policy");

    // A change, saved: only that field is stored, and every formula recalculated (a full pass).
    await grade.fill("45");
    expect(await page.getByTestId("policy-status").textContent()).toBe("Not saved yet.");
    await page.getByRole("button", { name: "Save and recalculate" }).click();
    await page.getByText("Saved in the workbook. Formulas recalculated.").waitFor();
    expect(await savedSetting(page, "ar.policy")).toEqual({ creditTermDays: { A: 45, B: 15, C: 0 } });
    expect(await calculations(page)).toEqual(["Full"]);
    await screenshot(page, "en-policy-saved");

    // A confirmation day past the 28th: refused next to the field, named by its label, nothing stored.
    const warning = page.getByLabel("Monthly balance confirmation by day");
    await warning.fill("31");
    await page.getByRole("button", { name: "Save and recalculate" }).click();
    await expect(page.getByText("31 must be a whole number from 1 to 28", { exact: true }).isVisible()).resolves.toBe(true);
    expect(await warning.getAttribute("aria-invalid")).toBe("true");
    // the reason is the field's description (next to it), and the field has the focus
    const describedBy = (await warning.getAttribute("aria-describedby")) ?? "";
    const descriptions = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(descriptions).toContain("31 must be a whole number from 1 to 28");
    expect(await warning.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await page.getByTestId("policy-status").textContent()).toBe(
      "Not saved: Monthly balance confirmation by day: 31 must be a whole number from 1 to 28",
    );
    expect(await savedSetting(page, "ar.policy")).toEqual({ creditTermDays: { A: 45, B: 15, C: 0 } });
    expect(await calculations(page)).toEqual(["Full"]);
    await screenshot(page, "en-policy-refused");

    // Editing the field clears its mark; the rules' defaults filled in and saved store nothing at all.
    await warning.fill("5");
    expect(await warning.getAttribute("aria-invalid")).not.toBe("true");
    await page.getByRole("button", { name: "Reset to the rules' defaults" }).click();
    expect(await grade.inputValue()).toBe("30");
    expect(await page.getByTestId("policy-status").textContent()).toBe("The rules' defaults are filled in: save to apply them.");
    await page.getByRole("button", { name: "Save and recalculate" }).click();
    await page.getByText("Saved in the workbook. Formulas recalculated.").waitFor();
    expect(await savedSetting(page, "ar.policy")).toBeUndefined();
    expect(await calculations(page)).toEqual(["Full", "Full"]);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("does not use an invalid stored policy and says why, as text", async () => {
    const stored = { creditTermDays: { A: 45 }, warningDays: [60, 30, 90], [EVIL]: 1 };
    const { page, watch } = await openPane({ ...englishBook(), settings: { "ar.policy": stored } });
    await page.getByRole("tab", { name: "Policy" }).click();
    const status = page.getByTestId("policy-status");
    await status.waitFor();
    // the stored key shows as text (no element made of it)
    expect(await status.textContent()).toBe(
      `The policy stored in this workbook was not used, the defaults apply: ${EVIL}: is not a policy setting`,
    );
    // the defaults are shown, not the stored 45
    expect(await page.getByLabel("Credit term, grade A (days)").inputValue()).toBe("30");
    expect(await page.evaluate(() => (window as unknown as { __arImages: string[] }).__arImages)).toEqual([]);
    await screenshot(page, "en-policy-invalid");
    // a stored policy with only the bad warning levels names that field by its label
    await page.close();
    const second = await openPane({ ...englishBook(), settings: { "ar.policy": { warningDays: [60, 30, 90] } } });
    await second.page.getByRole("tab", { name: "Policy" }).click();
    expect(await second.page.getByTestId("policy-status").textContent()).toBe(
      "The policy stored in this workbook was not used, the defaults apply: Warning levels 1, 2, 3 from (days): must increase: 60,30,90",
    );
    expect(await savedSetting(second.page, "ar.policy")).toEqual({ warningDays: [60, 30, 90] });
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    expect({ ...second.watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await second.page.close();
  });

  it("says an Excel without ExcelApi 1.9 is too old for the triage, instead of offering it", async () => {
    const { page, watch } = await openPane({ ...englishBook(), excelApi: "1.8" });
    await expect(page.getByRole("tab", { name: "Portfolio triage" }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/^This version of Excel is too old for the portfolio triage/).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId("find").count()).toBe(0);
    expect(await page.getByTestId("run").count()).toBe(0);
    await screenshot(page, "en-old-excel");
    // the policy still works: it needs only the settings
    await page.getByRole("tab", { name: "Policy" }).click();
    await expect(page.getByRole("heading", { name: "Credit policy of this workbook" }).isVisible()).resolves.toBe(true);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("compares a run with a previous result sheet: the option lists result sheets only, a Changes sheet, the headline as text", async () => {
    const { page, watch } = await openPane({
      ...sampleBook(),
      // a sheet with customers and balances but no status column is not a result: never offered
      sheets: [
        ...sampleBook().sheets,
        {
          name: "Notes",
          values: [
            ["customer", "balance"],
            [EVIL, 1],
          ],
        },
      ],
    });
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    // no result sheet yet: the option is not there
    expect(await page.getByTestId("compare-with").count()).toBe(0);
    await page.getByTestId("as-of").fill("2025-07-31");
    await page.getByTestId("run").click();
    await page.getByTestId("outcome-counts").waitFor({ timeout: 10_000 });
    // the run wrote "Triage": now offered, and only it
    await page.getByTestId("compare-with").waitFor();
    expect(await page.getByTestId("compare-with").locator("option").allTextContents()).toEqual(["(none)", "Triage"]);
    expect(await page.getByTestId("compare-with").inputValue()).toBe("");

    // A month later (test/cli/fixtures/compare: Blue River paid 20,000.50 and was overdue again, Qinghe
    // paid in full, Meridian Tools left, Eastport Trading is new), compared with the July result.
    const edited = readFileSync(join(root, "test/cli/fixtures/compare/portfolio-2025-08.csv"), "utf8")
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l !== "")
      .map((l) => l.split(","));
    await page.evaluate((rows) => (window as unknown as { __arHost: HostProbe }).__arHost.type("Debtors", 1, 0, rows), edited);
    const before = await mutations(page, "Triage");
    await page.getByTestId("as-of").fill("2025-08-31");
    await page.getByTestId("compare-with").selectOption("Triage");
    await page.getByTestId("run").click();
    await page.getByTestId("changes-headline").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("changes-headline").textContent()).toBe(
      "Changes since Triage: 5 worse, 1 new, 2 settled, 4 with a problem, 3 unchanged",
    );
    const listed = await page.getByTestId("changes-list").locator("li").allTextContents();
    // the first three, worst first; the other 9 that moved are in the sheet
    expect(listed).toHaveLength(3);
    expect(await page.getByTestId("changes").textContent()).toContain("… and 9 more in “Changes”.");
    expect(listed[2]).toMatch(/^worse: Blue River Retail — grade B → C \(2 overdue events in 12 months \(2 or more: C\)\);/);
    expect(listed[2]).toContain("balance down by 20,000.5 (95,000 → 74,999.5)");
    await screenshot(page, "en-compare");
    expect(await mutations(page, "Triage")).toBe(before);
    expect(await sheetNames(page)).toEqual([
      "Debtors",
      "Collection log",
      "Notes",
      "Triage",
      "Triage summary",
      "Log problems",
      "Today's work",
      "Triage (2)",
      "Triage summary (2)",
      "Changes",
      "Log problems (2)",
      "Today's work (2)",
    ]);
    const changes = records(await sheetValues(page, "Changes"));
    expect(changes).toHaveLength(15);
    expect(changes.find((r) => r.customer === "Blue River Retail")).toMatchObject({
      "change": "worse",
      "previous balance": 95000,
      "balance now": 74999.5,
      "balance change": -20000.5,
      "previous grade": "B",
      "grade now": "C",
    });
    expect(changes.find((r) => r.customer === "Eastport Trading 东港贸易")?.change).toBe("new");
    expect(changes.filter((r) => r.change === "settled").map((r) => r.customer)).toEqual(["Qinghe Pharmacy 清河大药房", "Meridian Tools"]);
    await page.getByTestId("open-changes").click();
    await expect.poll(() => activeSheet(page)).toBe("Changes");
    // the new result is offered next time, the changes sheet and the notes never
    await expect
      .poll(() => page.getByTestId("compare-with").locator("option").allTextContents())
      .toEqual(["(none)", "Triage", "Triage (2)"]);
    expect(await page.locator("img").count()).toBe(0);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("cancels a run: nothing is written", async () => {
    const { page, watch } = await openPane({ ...englishBook(), latencyMs: 150 });
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    await page.locator("[data-field=balance]").selectOption("1");
    await page.getByTestId("run").click();
    await page.getByTestId("progress").waitFor();
    await screenshot(page, "en-progress");
    await page.getByTestId("cancel").click();
    await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("outcome").textContent()).toBe("Cancelled. Nothing was written.");
    expect(await sheetNames(page)).toEqual(["Debtors"]);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });
});

/** A policy's directives by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== "")
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe("the pages' Content-Security-Policy", () => {
  it("is first in every built page's <head>: scripts from the add-in and Office's CDN only, no inline script, no eval, no network", async () => {
    const pages = readdirSync(dist).filter((f) => f.endsWith(".html"));
    expect(pages).toContain("taskpane.html");
    for (const name of pages) {
      const html = readFileSync(join(dist, name), "utf8").replace(/<!--[\s\S]*?-->/g, ""); // (a development build keeps comments)
      const metas = [...html.matchAll(/<meta\s+http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"\s*\/?>/gi)];
      expect(metas, name).toHaveLength(1);
      expect(metas[0][1], name).toBe(csp.CONTENT_SECURITY_POLICY);
      // A <meta> policy governs only what follows it: nothing to load or run comes before it.
      expect(html.slice(0, metas[0].index), name).not.toMatch(/<(script|style|link|img|iframe)\b/i);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, name).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(body.trim(), `${name}: inline script`).toBe("");
        const src = /\ssrc="?([^"\s>]+)/i.exec(attributes)?.[1] ?? "";
        // office.js from Microsoft's CDN, everything else a file of the add-in (relative URL)
        expect(src === OFFICE_JS || /^[\w-]+\.js$/.test(src), `${name}: script ${src}`).toBe(true);
      }
      expect(html, `${name}: inline event handler`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    }

    const policy = directives(csp.CONTENT_SECURITY_POLICY);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com/lib/1/hosted/"]);
    expect(OFFICE_JS.startsWith(policy.get("script-src")![1])).toBe(true);
    expect(policy.get("worker-src")).toEqual(["'self'"]);
    expect(policy.get("object-src") ?? ["'none'"]).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'none'"]);
    // no network of its own: connect-src is default-src's 'none'
    expect(policy.has("connect-src")).toBe(false);
    expect(csp.CONTENT_SECURITY_POLICY).not.toMatch(
      /unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic|\*|data:|blob:|http:|'unsafe-inline'.*script|\bscript[^;]*'unsafe-inline'/,
    );

    // Neither build uses an eval source map (the policy would refuse it).
    const config = createRequire(__filename)("../../webpack.config.js") as (
      env: object,
      options: { mode: string },
    ) => Promise<{ devtool: unknown }>;
    for (const mode of ["development", "production"]) expect(String((await config({}, { mode })).devtool), mode).not.toMatch(/eval/);

    // The build puts the policy right after <meta charset> and refuses a page with an inline script.
    expect(csp.withPolicy('<html><head><meta charset="utf-8"><title>x</title><script src="a.js"></script></head></html>')).toEqual({
      html: `<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp.CONTENT_SECURITY_POLICY}"><title>x</title><script src="a.js"></script></head></html>`,
    });
    expect(csp.withPolicy("<html><head><!-- no inline <script> --><script>alert(1)</script></head></html>")).toEqual({
      error: "inline script <script>: the policy refuses it; load it from a file",
    });
  });

  it("in Chromium refuses an injected inline script, inline handler, eval and outside requests, and the pane still triages", async () => {
    const { page, watch } = await openPane(englishBook());
    await expect(page.getByRole("tab", { name: "Portfolio triage" }).isVisible()).resolves.toBe(true);
    // The page loaded with its policy and without a violation.
    expect(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content"))).toBe(
      csp.CONTENT_SECURITY_POLICY,
    );
    expect(watch).toMatchObject({ csp: [], errors: [], outside: [] });

    const injected = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const added: Element[] = [];
      const add = <E extends Element>(parent: Element, element: E): E => {
        added.push(element);
        parent.append(element);
        return element;
      };
      const fromString = (run: () => unknown) => {
        try {
          run();
          return "ran";
        } catch (e) {
          return (e as Error).name;
        }
      };
      const request = async (url: string) => {
        try {
          await fetch(url);
          return "fetched";
        } catch (e) {
          return (e as Error).name;
        }
      };
      const script = document.createElement("script");
      script.textContent = "window.__arInjected = 'ran'";
      add(document.body, script);
      const button = document.createElement("button");
      button.setAttribute("onclick", "window.__arClicked = 'ran'");
      add(document.body, button).click();
      // In a task of the page's own (CDP lets code it evaluates directly use eval whatever the policy).
      const [evalResult, functionResult] = await new Promise<string[]>((resolve) =>
        setTimeout(
          () =>
            resolve([
              // The test tries eval and new Function: the page's policy must refuse both.
              // eslint-disable-next-line no-eval
              fromString(() => (0, eval)("window.__arEval = 'ran'")),
              // eslint-disable-next-line no-new-func
              fromString(() => new Function("window.__arFunction = 'ran'")()),
            ]),
          0,
        ),
      );
      const outsideScript = document.createElement("script");
      outsideScript.src = "https://evil.example/x.js";
      add(document.head, outsideScript);
      const image = document.createElement("img");
      image.src = "https://evil.example/pixel.png";
      add(document.body, image);
      const fetchOutside = await request("https://evil.example/collect");
      const fetchOwn = await request("/triage-headers.md");
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const element of added) element.remove();
      return {
        ran: [w.__arInjected, w.__arClicked, w.__arEval, w.__arFunction].filter((v) => v !== undefined),
        eval: evalResult,
        function: functionResult,
        fetchOutside,
        fetchOwn,
      };
    });
    expect(injected).toEqual({ ran: [], eval: "EvalError", function: "EvalError", fetchOutside: "TypeError", fetchOwn: "TypeError" });
    // Each refusal reported as a violation of the directive that refused it; nothing reached the network.
    const expected = [
      "connect-src https://evil.example/collect",
      `connect-src ${origin}/triage-headers.md`,
      "img-src https://evil.example/pixel.png",
      "script-src eval",
      "script-src eval",
      "script-src-attr inline",
      "script-src-elem https://evil.example/x.js",
      "script-src-elem inline",
    ].sort();
    await expect.poll(() => [...watch.csp].sort(), { timeout: 5000 }).toEqual(expected);
    expect(watch.outside).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors.length).toBeGreaterThan(0);
    for (const error of watch.errors) expect(error).toMatch(/Content Security Policy/);

    // The pane still works under the policy, with no further violation or error.
    watch.csp.length = 0;
    watch.errors.length = 0;
    await page.getByTestId("find").click();
    await page.getByTestId("mapping").waitFor();
    await page.locator("[data-field=balance]").selectOption("1");
    await page.getByTestId("as-of").fill("2025-07-31");
    await page.getByTestId("run").click();
    await page.getByTestId("outcome").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("outcome-counts").textContent()).toMatch(/ triaged, \d+ with problems, 1 blank: written to “Triage”\.$/);
    await page.getByRole("tab", { name: "Policy" }).click();
    await page.getByLabel("Credit term, grade A (days)").fill("45");
    await page.getByRole("button", { name: "Save and recalculate" }).click();
    await page.getByText("Saved in the workbook. Formulas recalculated.").waitFor();
    expect(watch.workers).toContain(`${origin}/triage-worker.js`);
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });
});

// ---- issue 12: the Functions tab from Excel's own metadata; list-type policy settings as tables; the currency
describe("the Functions tab and the policy's tables (issue 12)", () => {
  it("lists every function of dist/functions.json with its syntax, an example and a link to its reference, at 350 px", async () => {
    const metadata = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as {
      functions: { id: string; parameters: { name: string; optional?: boolean }[] }[];
    };
    const { page, watch } = await openPane(englishBook());
    await page.setViewportSize({ width: 350, height: 800 });
    await page.getByRole("tab", { name: "Functions" }).click();
    const items = page.getByTestId("function");
    await items.first().waitFor();
    // every function Excel registers, in its order: 19
    const ids = await items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-id")));
    expect(ids).toEqual(metadata.functions.map((f) => f.id));
    expect(ids).toHaveLength(19);
    expect(await page.getByTestId("functions-count").textContent()).toBe("19 functions");
    const syntaxes = await page.getByTestId("function-syntax").allTextContents();
    expect(syntaxes).toEqual(
      metadata.functions.map((f) => `AR.${f.id}(${f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`),
    );
    expect(syntaxes[0]).toBe("AR.GRADE(overdue_count, overdue_amount, cash_flow, [small_limit], [output])");
    // one example per function, the formula of that function with a result
    const examples = await page.getByTestId("function-example").evaluateAll((nodes) =>
      nodes.map((n) => ({
        formula: n.querySelector("code")?.textContent ?? "",
        result: n.querySelector("[data-testid=function-result]")?.textContent ?? "",
      })),
    );
    expect(examples.map((e) => /^=AR\.([A-Z]+)\(/.exec(e.formula)?.[1])).toEqual(ids);
    for (const e of examples) expect(e.result.replace(/^→\s*/, "").trim().length, e.formula).toBeGreaterThan(0);
    expect(examples[0]).toEqual({ formula: '=AR.GRADE(1, 20000, "good")', result: "→ B" });
    // every link opens the formula reference's page served beside the pane, at the function's own heading
    const hrefs = await page.getByTestId("function-reference").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("href") ?? ""));
    expect(hrefs).toHaveLength(19);
    expect(new Set(hrefs.map((h) => h.split("#")[0]))).toEqual(new Set(["docs/formulas.html"]));
    expect(hrefs[0]).toBe("docs/formulas.html#argrade");
    const reference = await page.context().newPage();
    await reference.goto(`${origin}/docs/formulas.html#arpromise`);
    for (const id of ids) expect(await reference.locator(`h3#ar${String(id).toLowerCase()}`).count(), String(id)).toBe(1);
    // the page scrolled to the function's heading, and its links to the rest of the manual are pages too
    expect(await reference.evaluate(() => document.getElementById("arpromise")!.getBoundingClientRect().top)).toBeLessThan(50);
    const rules = await reference.locator("a[href^='rules.html']").first().getAttribute("href");
    expect((await fetch(`${origin}/docs/${rules!.split("#")[0]}`)).status).toBe(200);
    await reference.close();
    // the heading and its hint are separate blocks with space between; nothing is wider than the pane
    const heading = await page.getByRole("heading", { name: "Functions" }).boundingBox();
    const hint = await page.getByText("Type =AR. in a cell to use them.", { exact: false }).boundingBox();
    expect(hint!.y).toBeGreaterThanOrEqual(heading!.y + heading!.height + 2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(350);
    await readmePicture(page, "pane-functions-en");
    // the filter narrows the list
    await page.getByTestId("functions-filter").fill("claimdeadline");
    expect(await items.count()).toBe(1);
    expect(await page.getByTestId("functions-count").textContent()).toBe("1 of 19 functions");
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("lists them in Chinese Excel with the Chinese argument names and descriptions", async () => {
    const { page, watch } = await openPane(chineseBook());
    await page.getByRole("tab", { name: "函数" }).click();
    await page.getByTestId("function").first().waitFor();
    expect(await page.getByTestId("function").count()).toBe(19);
    expect(await page.getByTestId("functions-count").textContent()).toBe("共 19 个函数");
    const grade = page.locator("[data-testid=function][data-id=GRADE]");
    expect(await grade.getByTestId("function-syntax").textContent()).toBe("AR.GRADE(逾期次数, 逾期金额, 现金流, [小额上限], [输出])");
    expect(await grade.textContent()).toContain("按近12个月逾期记录和现金流");
    expect(await grade.getByTestId("function-example").locator("code").first().textContent()).toBe('=AR.GRADE(1, 20000, "好")');
    await screenshot(page, "zh-functions");
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });

  it("edits a list-type setting as a table, refuses a bad cell at that cell, and labels amounts with the currency", async () => {
    const { page, watch } = await openPane(englishBook());
    await page.setViewportSize({ width: 350, height: 800 });
    await page.getByRole("tab", { name: "Policy" }).click();
    // amounts carry the workbook's currency, and follow the currency as it is typed
    await expect(page.getByLabel("Small overdue limit, grade C above it (CNY)").inputValue()).resolves.toBe("50,000");
    await page.getByLabel("Currency").fill("usd");
    await expect(page.getByLabel("Small overdue limit, grade C above it (USD)").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Large amount: meet face to face from (USD)").isVisible()).resolves.toBe(true);

    const ladder = page.getByTestId("policy-table-settlementTiers");
    const cells = async () =>
      ladder
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("input")].map((i) => (i as HTMLInputElement).value)));
    expect(await cells()).toEqual([
      ["10", "90%"],
      ["20", "95%"],
    ]);
    await ladder.getByRole("button", { name: "Add a row" }).click();
    const row = (i: number) => ladder.locator("tbody tr").nth(i).locator("input");
    await row(2).nth(0).fill("30");
    await row(2).nth(1).fill("98%");
    await row(1).nth(1).fill("120%");
    await ladder.scrollIntoViewIfNeeded();
    await page.getByRole("button", { name: "Save and recalculate" }).click();
    // refused at its cell, with the core's message, the cell focused, nothing stored
    await expect(ladder.getByRole("alert").textContent()).resolves.toBe('Row 2: "120%" is not a rate between 0 and 1 (e.g. 0.9 or 90%)');
    expect(await row(1).nth(1).getAttribute("aria-invalid")).toBe("true");
    expect(await row(1).nth(0).getAttribute("aria-invalid")).not.toBe("true");
    expect(
      await row(1)
        .nth(1)
        .evaluate((e) => e === document.activeElement),
    ).toBe(true);
    expect(await page.getByTestId("policy-status").textContent()).toBe(
      'Not saved: Settlement ladder: pay within (days), settle for (share of the balance), row 2: "120%" is not a rate between 0 and 1 (e.g. 0.9 or 90%)',
    );
    expect(await savedSetting(page, "ar.policy")).toBeUndefined();
    await screenshot(page, "en-policy-table-refused");
    // corrected, a row removed and the rest saved in the form workbooks have always stored
    await row(1).nth(1).fill("95%");
    await ladder.getByRole("button", { name: "Remove row 1" }).click();
    expect(await cells()).toEqual([
      ["20", "95%"],
      ["30", "98%"],
    ]);
    await page.getByRole("button", { name: "Save and recalculate" }).click();
    await page.getByText("Saved in the workbook. Formulas recalculated.").waitFor();
    expect(await savedSetting(page, "ar.policy")).toEqual({
      settlementTiers: [
        { days: 20, rate: 0.95 },
        { days: 30, rate: 0.98 },
      ],
      currency: "USD",
    });
    // the warning levels are three fixed rows; the provision rates end with the open band, which stays
    const warning = page.getByTestId("policy-table-warningDays");
    expect(await warning.locator("tbody tr").count()).toBe(3);
    expect(await warning.getByRole("button").count()).toBe(0);
    const provision = page.getByTestId("policy-table-provisionRates");
    expect(await provision.locator("tbody tr").last().textContent()).toContain("Beyond");
    expect(await provision.getByRole("button", { name: /^Remove row/ }).count()).toBe(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(350);
    await provision.scrollIntoViewIfNeeded();
    await screenshot(page, "en-policy-tables");
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });
});

describe("the Log tab (issue 13)", () => {
  it("records a promise in the collection log from a result row: one row appended, nothing else changed", async () => {
    const { page, watch } = await openPane({
      displayLanguage: "en-US",
      sheets: [
        {
          name: "Debtors",
          values: [
            ["Customer", "Balance"],
            ["Acme Ltd", 1200],
            [EVIL, 80],
          ],
        },
        {
          name: "Triage result",
          values: [
            ["row", "grade", "customer", "level"],
            [2, "B", "Acme Ltd", 2],
            [3, "C", EVIL, 3],
          ],
        },
      ],
      select: "Triage result!D2",
    });
    await page.getByRole("tab", { name: "Log" }).click();
    await page.getByTestId("log-create").click();
    await expect.poll(() => page.getByTestId("log-status").textContent()).toBe("Created the collection log on the sheet “Collection log”.");
    expect(await sheetNames(page)).toEqual(["Debtors", "Triage result", "Collection log"]);
    const headers = [
      "Date 日期",
      "Customer 客户",
      "Invoice 发票号",
      "Action 催收动作",
      "Amount 金额",
      "Promised date 承诺日期",
      "Who 经办人",
      "Note 备注",
    ];
    const empty = [headers]; // and the blank row Excel puts under a header alone
    expect(await sheetValues(page, "Collection log")).toEqual(empty);
    // No customer taken yet: refused next to the field, nothing written.
    await page.getByTestId("log-add").click();
    await expect(page.getByText(/^no customer: select a customer's cell/).isVisible()).resolves.toBe(true);
    // A cell of a result row gives its customer (shown as text).
    await page.getByTestId("log-take").click();
    await expect.poll(() => page.getByTestId("log-customer").textContent()).toBe("Acme Ltd");
    expect(await page.getByTestId("log-amount").count()).toBe(0);
    await page.getByTestId("log-action").selectOption("promise");
    // the amount is labelled with the workbook's currency, as the Policy tab's amounts are
    await expect(page.getByLabel("Amount (CNY)").isVisible()).resolves.toBe(true);
    // A promise without amount and date is refused per field.
    await page.getByTestId("log-add").click();
    await expect(page.getByText("is needed for a promise to pay").first().isVisible()).resolves.toBe(true);
    expect(await page.getByText("is needed for a promise to pay").count()).toBe(2);
    expect(await sheetValues(page, "Collection log")).toEqual(empty);
    const mutationsBefore = await mutations(page, "Collection log");
    await page.getByTestId("log-date").fill("2026-12-07");
    await page.getByTestId("log-amount").fill("1,200.50");
    await page.getByTestId("log-promised").fill("2026-12-20");
    await page.getByTestId("log-who").fill("Li");
    await page.getByTestId("log-add").click();
    await expect.poll(() => page.getByTestId("log-status").textContent()).toBe("Added: promise to pay, Acme Ltd (Collection log, row 2).");
    const day = serialFromCivil(2026, 12, 7);
    expect(await sheetValues(page, "Collection log")).toEqual([
      headers,
      [day, "Acme Ltd", "", "promise to pay", 1200.5, day + 13, "Li", ""],
    ]);
    expect(await mutations(page, "Collection log")).toBeGreaterThan(mutationsBefore);
    expect(await mutations(page, "Debtors")).toBe(0);
    expect(await mutations(page, "Triage result")).toBe(0);
    expect(await sheetNames(page)).toEqual(["Debtors", "Triage result", "Collection log"]);
    await readmePicture(page, "pane-log-en");
    await screenshot(page, "en-log");
    expect({ ...watch, workers: [] }).toEqual({ outside: [], dialogs: [], errors: [], workers: [], csp: [] });
    await page.close();
  });
});
