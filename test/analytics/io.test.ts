// Files: the data folder, ledgers written to CSV and Arrow and read back, the command line.
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  dataDir,
  ibmSampleAvailable,
  ibmSampleFile,
  ledgerFileName,
  loadFdic,
  loadFred,
  projectRoot,
  publicDataDir,
  readLedger,
  readLedgerTable,
  writeLedgerFiles,
} from "../../src/analytics/io.js";
import { generateTables, LEDGER_TABLES } from "../../src/analytics/generator/index.js";

const tmp = mkdtempSync(join(tmpdir(), "ar-ledger-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const root = join(__dirname, "../..");

describe("data folders", () => {
  it("reads the public series from data/ in the project, whatever lies beside it", () => {
    expect(projectRoot(join(root, "src", "analytics"))).toBe(root);
    const saved = process.env.AR_DATA_DIR;
    try {
      process.env.AR_DATA_DIR = tmp; // no series there: the shipped copies are read all the same
      expect(publicDataDir()).toBe(join(root, "data"));
      for (const id of ["DRALACBS", "DRBLACBS", "DRCLACBS"]) expect(existsSync(join(root, "data", "fred", `${id}.csv`))).toBe(true);
      expect(existsSync(join(root, "data", "fdic", "fdic_CATY_NTLNLSCOQR_timeseries.csv"))).toBe(true);
      expect(loadFred("DRALACBS").numRows()).toBe(140);
      expect(loadFdic().numRows()).toBe(166);
    } finally {
      if (saved === undefined) delete process.env.AR_DATA_DIR;
      else process.env.AR_DATA_DIR = saved;
    }
  });

  it("looks for the IBM sample in ../shared/data from the project root, or $AR_DATA_DIR", () => {
    const saved = process.env.AR_DATA_DIR;
    try {
      delete process.env.AR_DATA_DIR;
      expect(dataDir()).toBe(join(root, "..", "shared", "data"));
      process.env.AR_DATA_DIR = tmp;
      expect(dataDir()).toBe(tmp);
      expect(ibmSampleFile()).toBe(join(tmp, "WA_Fn-UseC_-Accounts-Receivable.csv"));
      expect(ibmSampleAvailable()).toBe(false); // absent is a normal state: the sample is not shipped
    } finally {
      if (saved === undefined) delete process.env.AR_DATA_DIR;
      else process.env.AR_DATA_DIR = saved;
    }
  });
});

describe("ledger files", () => {
  it("writes every table to CSV and Arrow and reads back the generated tables", async () => {
    const dir = join(tmp, "both");
    const written = writeLedgerFiles({ invoices: 4_000, seed: 5, batchRows: 1500 }, dir);
    expect(written.files.length).toBe(LEDGER_TABLES.length * 2);
    const meta = JSON.parse(readFileSync(join(dir, "ledger.json"), "utf8"));
    expect(meta.rows.invoices).toBe(4000);
    expect(meta.options.seed).toBe(5);
    const memory = generateTables({ invoices: 4_000, seed: 5 });
    const fromArrow = await readLedger(dir);
    for (const t of LEDGER_TABLES) {
      expect(fromArrow[t]!.objects(), t).toEqual(memory[t].objects());
      const csv = await readLedgerTable(join(dir, ledgerFileName(t, "csv")));
      expect(csv.objects(), `${t}.csv`).toEqual(memory[t].objects());
    }
  });

  it("writes only the tables and formats asked for", async () => {
    const dir = join(tmp, "some");
    writeLedgerFiles({ invoices: 1_000, seed: 5, tables: ["invoices", "cases"] }, dir, ["arrow"]);
    expect(existsSync(join(dir, "invoices.arrows"))).toBe(true);
    expect(existsSync(join(dir, "invoices.csv"))).toBe(false);
    expect(existsSync(join(dir, "payments.arrows"))).toBe(false);
    const l = await readLedger(dir);
    expect(Object.keys(l).sort()).toEqual(["cases", "invoices"]);
    expect((await readLedgerTable(join(dir, "invoices.arrows"), { columns: ["amount"] })).columnNames()).toEqual(["amount"]);
  });

  it("runs from the command line (npm run generate)", () => {
    const dir = join(tmp, "cli");
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "src/cli/generate.ts", "--invoices", "2000", "--seed", "3", "--out", dir, "--format", "csv", "--language", "zh"],
      { cwd: root, encoding: "utf8" },
    );
    expect(out).toMatch(/invoices\s+2,000 rows/);
    expect(out).toMatch(/bad-debt rate/);
    expect(readFileSync(join(dir, "customers.csv"), "utf8").split("\n")[1]).toMatch(/[\u4e00-\u9fff]/);
    const bad = (() => {
      try {
        execFileSync(process.execPath, ["--import", "tsx", "src/cli/generate.ts", "--invoices", "x", "--out", dir], {
          cwd: root,
          encoding: "utf8",
          stdio: "pipe",
        });
        return "";
      } catch (e) {
        return String((e as { stderr: string }).stderr);
      }
    })();
    expect(bad).toMatch(/--invoices "x": not a whole number/); // test/cli/generate.test.ts checks the flags in detail
  }, 30_000);
});
