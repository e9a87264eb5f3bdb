// `npm run docs:result-picture`: draws docs/images/result-sheet.png, the picture of a result sheet the README
// shows, from the command line's own output, so that the picture stays what the file looks like.
//
// 1. triage samples/kingdee-open-items.csv (an ERP export; its as-of date comes from its title) to .xlsx;
// 2. LibreOffice prints it to PDF (`soffice --headless --convert-to pdf`: the file's own print setup);
// 3. Chromium (playwright-core, /usr/bin/chromium) shows the PDF's first page, zoomed, and the top-left
//    of the result sheet (the customers, their balances and buckets, level colours, the next step) is cut out.
// Needs soffice (apt-get install -y libreoffice-calc-nogui) and chromium (apt-get install -y chromium).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { parseArguments, runTriage } from "../src/cli/triage.js";

const root = resolve(__dirname, "..");
const out = join(root, "docs/images/result-sheet.png");
/** The viewer's zoom in percent: at 300 a point of the page is 4 pixels (96 / 72 * 3). */
const ZOOM = 300;
const PX = (ZOOM / 100) * (96 / 72);
/** Where the viewer puts the page's top-left corner, in pixels (its grey border). */
const PAGE = { x: 14, y: 6 };
/**
 * The part of the first page shown, in points from its top-left corner: the left margin (0.25 in) to the
 * "next step" column, the header and the first five customers (rows of wrapped text are tall).
 */
const CUT = { x: 15, y: 33, width: 352, height: 182 };

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "ar-picture-"));
  try {
    const xlsx = join(work, "result.xlsx");
    await runTriage(parseArguments([join(root, "samples/kingdee-open-items.csv"), "--out", xlsx]));
    execFileSync(
      "soffice",
      ["--headless", `-env:UserInstallation=file://${join(work, "profile")}`, "--convert-to", "pdf", "--outdir", work, xlsx],
      {
        stdio: "ignore",
        timeout: 180_000,
      },
    );
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      // The new headless mode has Chromium's PDF viewer; toolbar=0 hides its bar.
      args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`file://${join(work, "result.pdf")}#toolbar=0&zoom=${ZOOM},0,0`);
      // The viewer draws the page after it has loaded: no event says when.
      await page.waitForTimeout(6000);
      mkdirSync(join(root, "docs/images"), { recursive: true });
      await page.screenshot({
        path: out,
        clip: { x: PAGE.x + CUT.x * PX, y: PAGE.y + CUT.y * PX, width: CUT.width * PX, height: CUT.height * PX },
      });
    } finally {
      await browser.close();
    }
    console.log(`wrote ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
