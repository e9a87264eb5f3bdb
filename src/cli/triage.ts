/**
 * `npm run triage -- [portfolio.csv|portfolio.xlsx] [options]`: the task pane's portfolio triage without
 * Excel, on the same rules core. With no file it runs on the bundled sample portfolio.
 *
 * Options:
 *   --out <result.xlsx|result.csv>  write every row's verdicts (one row per input data row, in input order)
 *   --as-of <date>                  report date (ISO or 2025年7月31日); default today
 *   --map <field>=<header|column>   correct the column recognition, e.g. --map balance="Amt due" (repeatable)
 *   --sheet <name>                  the worksheet of an .xlsx (default: the first visible one)
 *   --encoding <utf8|gb18030>       force a CSV's encoding (default: detected)
 *   --lang <en|zh>                  language of the output and the summary (default en)
 */
import { basename, join } from "node:path";
import {
  FIELD_LABELS,
  readDate,
  recogniseColumns,
  recordCells,
  RuleError,
  serialFromCivil,
  summarise,
  TRIAGE_FIELDS,
  triageColumns,
  triagePortfolio,
  isoFromSerial,
  formatAmount,
  type ColumnOverrides,
  type Language,
  type TriageField,
} from "../core/index.js";
import { readTable, writeTable } from "./table-io.js";

/** The sample portfolio that `npm run triage` uses without a file. */
export const SAMPLE = join(__dirname, "../../samples/portfolio.csv");

interface Options {
  file: string;
  out?: string;
  asOf: number;
  overrides: Record<string, string | number>;
  sheet?: string;
  encoding?: "utf8" | "gb18030";
  language: Language;
}

const USAGE = "usage: npm run triage -- [portfolio.csv|.xlsx] [--out result.xlsx|.csv] [--as-of 2025-07-31] [--map field=Header] [--sheet name] [--encoding utf8|gb18030] [--lang en|zh]";

/** Today's date in the machine's calendar: the one date of the triage that comes from the clock. */
function today(): number {
  const now = new Date();
  return serialFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Reads the command line; throws an Error with a message for the user. */
export function parseArguments(argv: readonly string[], todaySerial: number = today()): Options {
  const options: Options = { file: SAMPLE, asOf: todaySerial, overrides: {}, language: "en" };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === "--out" || arg === "-o") options.out = value();
    else if (arg === "--as-of") options.asOf = readDate(value(), "--as-of");
    else if (arg === "--sheet") options.sheet = value();
    else if (arg === "--encoding") {
      const e = value().toLowerCase();
      if (e !== "utf8" && e !== "gb18030") throw new Error(`--encoding: ${e} is not utf8 or gb18030`);
      options.encoding = e;
    } else if (arg === "--lang") {
      const l = value().toLowerCase();
      if (l !== "en" && l !== "zh") throw new Error(`--lang: ${l} is not en or zh`);
      options.language = l;
    } else if (arg === "--map") {
      const m = /^([A-Za-z]+)=(.*)$/.exec(value());
      if (!m) throw new Error(`--map takes field=Header or field=column number, e.g. --map balance="Amt due"\nfields: ${TRIAGE_FIELDS.join(", ")}`);
      options.overrides[m[1]] = /^\d+$/.test(m[2]) ? Number(m[2]) - 1 : m[2];
    } else if (arg === "--help" || arg === "-h") throw new Error(USAGE);
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (file === undefined) file = arg;
    else throw new Error(`one portfolio at a time (got ${file} and ${arg})`);
  }
  if (file !== undefined) options.file = file;
  return options;
}

/** Runs a triage; returns the lines of its summary. */
export async function runTriage(options: Options): Promise<string[]> {
  const zh = options.language === "zh";
  const table = await readTable(options.file, { sheet: options.sheet, encoding: options.encoding ?? "auto" });
  const recognition = recogniseColumns(table.headers, options.overrides as ColumnOverrides);
  const label = (f: TriageField) => (zh ? FIELD_LABELS[f].zh : FIELD_LABELS[f].en);
  if (recognition.missingRequired.length > 0) {
    throw new RuleError(
      "columns",
      `no column for ${recognition.missingRequired.map(label).join(", ")} among the headers ${table.headers.map((h) => JSON.stringify(h)).join(", ")}; name it with --map, e.g. --map ${recognition.missingRequired[0]}="Your header"`,
      `找不到${recognition.missingRequired.map(label).join("、")}列（表头：${table.headers.join("、")}）；请用 --map 指定，如 --map ${recognition.missingRequired[0]}="表头"`,
    );
  }
  const output = triagePortfolio(table.rows, recognition.mapping, { asOf: options.asOf, firstRowNumber: table.firstRowNumber, dateSystem: table.dateSystem });
  const summary = summarise(output.records, output.policy);
  const lines: string[] = [];
  const amount = (n: number) => formatAmount(n);
  lines.push(
    zh
      ? `${basename(table.source)}（${table.encoding ?? table.sheet ?? ""}）截至 ${isoFromSerial(output.asOf)}：${summary.rows} 行，正常 ${summary.ok}，有问题 ${summary.problem}，空行 ${summary.blank}；已分诊余额 ${amount(summary.amount)}`
      : `${basename(table.source)} (${table.encoding ?? table.sheet ?? ""}) as of ${isoFromSerial(output.asOf)}: ${summary.rows} rows, ${summary.ok} ok, ${summary.problem} with problems, ${summary.blank} blank; ${amount(summary.amount)} triaged`,
  );
  const columns = Object.entries(recognition.mapping).map(([f, c]) => `${label(f as TriageField)} ← ${JSON.stringify(table.headers[c as number])}`);
  lines.push(`${zh ? "列" : "columns"}: ${columns.join("; ")}`);
  if (recognition.unmatched.length > 0) lines.push(`${zh ? "未识别的列" : "columns not used"}: ${recognition.unmatched.join(", ")}`);
  const breakdown = (title: string, groups: readonly { en: string; zh: string; count: number; amount: number }[]) => {
    lines.push(title);
    for (const g of groups) if (g.count > 0) lines.push(`  ${(zh ? g.zh : g.en).padEnd(zh ? 10 : 24)} ${String(g.count).padStart(6)}  ${amount(g.amount).padStart(16)}`);
  };
  breakdown(zh ? "按客户画像：" : "by profile:", summary.byProfile);
  breakdown(zh ? "按预警级别：" : "by warning level:", summary.byLevel);
  if (summary.problemRows.length > 0) {
    lines.push(zh ? "有问题的行：" : "rows with problems:");
    for (const p of summary.problemRows.slice(0, 20)) {
      lines.push(`  ${zh ? "第" : "row "}${p.sourceRow}${zh ? "行" : ""} ${p.customer}: ${zh ? p.problem.zh : p.problem.en}${p.problemCount > 1 ? ` (+${p.problemCount - 1})` : ""}`);
    }
    if (summary.problemRows.length > 20) lines.push(`  ... ${summary.problemRows.length - 20} more`);
  }
  if (options.out) {
    const cols = triageColumns(output.policy);
    const cells = output.records.map((r) => recordCells(r, options.language, output.policy));
    await writeTable(options.out, cols.map((c) => (zh ? c.zh : c.en)), cells, {
      sheetName: zh ? "分诊结果" : "Triage",
      levelColumn: cols.findIndex((c) => c.key === "level"),
      protect: [options.file],
    });
    lines.push(zh ? `已写入 ${options.out}：${cells.length} 行` : `wrote ${options.out}: ${cells.length} rows, one per input row`);
  } else {
    lines.push(zh ? "用 --out result.xlsx 写出每一行的结果" : "write every row's verdicts with --out result.xlsx (or .csv)");
  }
  return lines;
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  try {
    for (const line of await runTriage(options)) console.log(line);
  } catch (error) {
    const message = error instanceof RuleError ? error.text(options.language) : error instanceof Error ? error.message : String(error);
    console.error(`triage: ${message}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
