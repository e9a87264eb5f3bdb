/**
 * `npm run triage -- [portfolio.csv|portfolio.xlsx] [options]`: the task pane's portfolio triage without
 * Excel, on the same rules core. With no file it runs on the bundled sample portfolio.
 *
 * Options:
 *   --out <result.xlsx|result.csv>  write every row's verdicts (one row per input data row, in input order)
 *   --as-of <date>                  report date (ISO or 2025年7月31日); default today
 *   --map <field>=<header|column>   correct the column recognition, e.g. --map balance="Amt due" (repeatable)
 *   --sheet <name>                  the worksheet of an .xlsx (default: the first visible one)
 *   --encoding <name>               force a CSV's encoding: utf8, gb18030, big5, shift_jis, windows-1252 (default: detected)
 *   --lang <en|zh>                  language of the output and the summary (default en)
 *   --decimal <.|,>                 the decimal mark of amounts written as text (default: decided from the file)
 */
import { basename, join } from "node:path";
import {
  FIELD_LABELS,
  readDate,
  recogniseColumns,
  RuleError,
  summarise,
  TRIAGE_FIELDS,
  triagePortfolio,
  decideDecimalMark,
  withDecimalPoint,
  printable,
  NUMBER_FIELDS,
  type ColumnOverrides,
  type DecimalMark,
  type Language,
  type TriageField,
} from "../core/index.js";
import { RESULT_TEXT, resultTable, summaryHeadline, summaryLines, todaySerial } from "../result/index.js";
import { CSV_ENCODINGS, readTable, TableFileError, type CsvEncoding, writeTable, type Table, type WriteReport } from "./table-io.js";

/** The sample portfolio that `npm run triage` uses without a file. */
export const SAMPLE = join(__dirname, "../../samples/portfolio.csv");

interface Options {
  file: string;
  out?: string;
  asOf: number;
  overrides: Record<string, string | number>;
  sheet?: string;
  encoding?: CsvEncoding;
  language: Language;
  decimal?: DecimalMark;
}

const USAGE =
  "usage: npm run triage -- [portfolio.csv|.xlsx] [--out result.xlsx|.csv] [--as-of 2025-07-31] [--map field=Header|column] [--sheet name] [--encoding utf8|gb18030|big5|shift_jis|windows-1252] [--lang en|zh] [--decimal .|,]";

/**
 * Reads the command line; throws an Error with a message for the user.
 * @param today the as-of date without --as-of (default today's date in the machine's calendar)
 */
export function parseArguments(argv: readonly string[], today: number = todaySerial()): Options {
  const options: Options = { file: SAMPLE, asOf: today, overrides: {}, language: "en" };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      // `--out --lang zh`: the value was forgotten, and the next option would be taken for it.
      if (/^--[a-z]/.test(v)) throw new Error(`${arg} needs a value (got the option ${v})\n${USAGE}`);
      return v;
    };
    if (arg === "--out" || arg === "-o") {
      options.out = value();
      if (options.out.trim() === "") throw new Error(`${arg} needs a file name, e.g. --out result.xlsx`);
    } else if (arg === "--decimal") {
      const d = value();
      if (d !== "." && d !== ",")
        throw new Error(`--decimal: ${JSON.stringify(d)} is not . or , (the character before the cents: 1,5 is --decimal ,)`);
      options.decimal = d;
    } else if (arg === "--as-of") options.asOf = readDate(value(), "--as-of");
    else if (arg === "--sheet") options.sheet = value();
    else if (arg === "--encoding") {
      const e = value().toLowerCase();
      const known = CSV_ENCODINGS.find((name) => name === e || name.replace(/[-_]/g, "") === e.replace(/[-_]/g, ""));
      if (known === undefined) throw new Error(`--encoding: ${e} is not one of ${CSV_ENCODINGS.join(", ")}`);
      options.encoding = known;
    } else if (arg === "--lang") {
      const l = value().toLowerCase();
      if (l !== "en" && l !== "zh") throw new Error(`--lang: ${l} is not en or zh`);
      options.language = l;
    } else if (arg === "--map") {
      const m = /^([A-Za-z]+)=(.*)$/.exec(value());
      if (!m)
        throw new Error(
          `--map takes field=Header or field=column number, e.g. --map balance="Amt due"\nfields: ${TRIAGE_FIELDS.join(", ")}`,
        );
      if (/^\d+$/.test(m[2]) && Number(m[2]) < 1) throw new Error(`--map ${m[1]}=${m[2]}: columns are counted from 1`);
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
  const table = await readInput(options);
  if (table.headers.length === 0) {
    throw new TableFileError(
      `${table.source} is empty: it has no header row and no data (is it the right file?)`,
      `${table.source} 是空文件：没有表头也没有数据（文件是否选对？）`,
    );
  }
  const recognition = recogniseColumns(table.headers, options.overrides as ColumnOverrides);
  const label = (f: TriageField) => (zh ? FIELD_LABELS[f].zh : FIELD_LABELS[f].en);
  if (recognition.missingRequired.length > 0) {
    throw new RuleError(
      "columns",
      `no column for ${recognition.missingRequired.map(label).join(", ")} among the headers ${table.headers.map((h) => JSON.stringify(h)).join(", ")}; name it with --map, e.g. --map ${recognition.missingRequired[0]}="Your header"`,
      `找不到${recognition.missingRequired.map(label).join("、")}列（表头：${table.headers.map((h) => JSON.stringify(h)).join("、")}）；请用 --map 指定，如 --map ${recognition.missingRequired[0]}="表头"`,
    );
  }
  const decimalLine = readDecimalMark(table, recognition.mapping, options.decimal, zh);
  const output = triagePortfolio(table.rows, recognition.mapping, {
    asOf: options.asOf,
    firstRowNumber: table.firstRowNumber,
    dateSystem: table.dateSystem,
    rowProblems: table.rowProblems,
  });
  const summary = summarise(output.records, output.policy);
  const lines: string[] = [];
  const source = { name: basename(table.source), detail: table.encoding ?? table.sheet ?? "", dateSystem: table.dateSystem };
  lines.push(summaryHeadline(summary, source, output.asOf, options.language));
  if (table.rows.length === 0) lines.push(zh ? "表头下没有数据行" : "there are no data rows below the header row");
  for (const note of table.notes ?? []) lines.push(zh ? `注意：${note.zh}` : `note: ${note.en}`);
  if (decimalLine) lines.push(decimalLine);
  const columns = Object.entries(recognition.mapping).map(
    ([f, c]) => `${label(f as TriageField)} ← ${JSON.stringify(table.headers[c as number])}`,
  );
  lines.push(`${zh ? "列" : "columns"}: ${columns.join("; ")}`);
  // A header that names a field already taken: say which column was used, which was not and why.
  for (const d of recognition.duplicates) {
    const used = d.usedColumn;
    lines.push(
      zh
        ? `${label(d.field)}：第 ${d.column + 1} 列 ${JSON.stringify(d.header)} 未使用，已采用第 ${used + 1} 列 ${JSON.stringify(table.headers[used])}（${used < d.column ? "标题同样匹配时取靠左的一列" : "其标题匹配得更准确"}）；如要改用第 ${d.column + 1} 列：--map ${d.field}=${d.column + 1}`
        : `${label(d.field)}: column ${d.column + 1} ${JSON.stringify(d.header)} not used; took column ${used + 1} ${JSON.stringify(table.headers[used])} (${used < d.column ? "the leftmost of equally good matches" : "its header matches more exactly"}); to take the other: --map ${d.field}=${d.column + 1}`,
    );
  }
  if (recognition.unmatched.length > 0) lines.push(`${zh ? "未识别的列" : "columns not used"}: ${recognition.unmatched.join(", ")}`);
  lines.push(...summaryLines(summary, options.language));
  if (options.out) {
    const result = resultTable(output, options.language);
    const cells = result.rows;
    const report = await writeTable(options.out, result.headers, cells, {
      sheetName: RESULT_TEXT[options.language].result,
      levelColumn: result.columnKeys.indexOf("level"),
      protect: [options.file],
    });
    lines.push(zh ? `已写入 ${options.out}：${cells.length} 行` : `wrote ${options.out}: ${cells.length} rows, one per input row`);
    lines.push(...writeReportLines(report, zh));
  } else {
    lines.push(zh ? "用 --out result.xlsx 写出每一行的结果" : "write every row's verdicts with --out result.xlsx (or .csv)");
  }
  return lines;
}

/** Reads the input table, with a plain message for a file that is not there or cannot be opened. */
async function readInput(options: Options): Promise<Table> {
  try {
    return await readTable(options.file, { sheet: options.sheet, encoding: options.encoding ?? "auto" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new TableFileError(`file not found: ${options.file}`, `找不到文件：${options.file}`);
    if (code === "EISDIR") throw new TableFileError(`${options.file} is a folder, not a file`, `${options.file} 是文件夹，不是文件`);
    if (code === "EACCES" || code === "EPERM") {
      throw new TableFileError(`cannot open ${options.file}: permission denied`, `无法打开 ${options.file}：没有权限`);
    }
    throw error;
  }
}

/**
 * Reads amounts written as text with the file's decimal mark: decided from the amounts that can be read
 * only one way, or told with --decimal; with a decimal comma, the number columns are rewritten with a
 * decimal point before the triage reads them. Returns the line that says which mark was used, if any
 * amount depended on it.
 */
function readDecimalMark(
  table: Table,
  mapping: Readonly<Partial<Record<TriageField, number>>>,
  told: DecimalMark | undefined,
  zh: boolean,
): string | null {
  const columns = NUMBER_FIELDS.map((f) => mapping[f]).filter((c): c is number => c !== undefined);
  function* texts(): Generator<string> {
    for (const row of table.rows) for (const c of columns) if (typeof row[c] === "string") yield row[c] as string;
  }
  const decision = decideDecimalMark(texts(), table.delimiter ?? ",", told);
  if (decision.mark === ",") {
    for (const row of table.rows) for (const c of columns) if (typeof row[c] === "string") row[c] = withDecimalPoint(row[c] as string);
  }
  if (decision.source === "default" && decision.ambiguous === 0) return null;
  const mark =
    decision.mark === ","
      ? zh
        ? "小数逗号（1.500,50）"
        : "decimal comma (1.500,50)"
      : zh
        ? "小数点（1,500.50）"
        : "decimal point (1,500.50)";
  const why =
    decision.source === "user"
      ? zh
        ? "按 --decimal 指定"
        : "as told by --decimal"
      : decision.source === "amounts"
        ? zh
          ? `依据 ${decision.examples.map((e) => JSON.stringify(e)).join("、")} 等金额判断`
          : `decided from amounts such as ${decision.examples.map((e) => JSON.stringify(e)).join(", ")}`
        : zh
          ? "逗号分隔的文件中带引号的 1,500 为一千五百"
          : "in a comma-separated file a quoted 1,500 is one thousand five hundred";
  return zh ? `金额：${mark}，${why}` : `amounts: ${mark}, ${why}`;
}

/** What writing did to cells that no spreadsheet cell can hold as they were. */
function writeReportLines(report: WriteReport, zh: boolean): string[] {
  const lines: string[] = [];
  const where = (cells: readonly { row: number; column: number }[]) =>
    cells
      .slice(0, 5)
      .map((c) => `${zh ? "第" : "row "}${c.row}${zh ? "行" : ""}`)
      .join(", ") + (cells.length > 5 ? ", ..." : "");
  if (report.cutCells.length > 0) {
    lines.push(
      zh
        ? `注意：${report.cutCells.length} 个单元格的文字超过 Excel 单元格上限 32,767 个字符，已截断并在单元格中标明（${where(report.cutCells)}）`
        : `note: ${report.cutCells.length} cell${report.cutCells.length === 1 ? "" : "s"} held more than Excel's 32,767 characters per cell and ${report.cutCells.length === 1 ? "was" : "were"} cut, marked in the cell (${where(report.cutCells)})`,
    );
  }
  if (report.controlCells.length > 0) {
    lines.push(
      zh
        ? `注意：${report.controlCells.length} 个单元格含控制字符（如 NUL），已替换为 \uFFFD（${where(report.controlCells)}）`
        : `note: ${report.controlCells.length} cell${report.controlCells.length === 1 ? "" : "s"} held control characters (such as NUL), replaced by \uFFFD (${where(report.controlCells)})`,
    );
  }
  return lines;
}

/** Text made safe for the terminal line by line (its own line breaks kept, every other control shown). */
function printableLines(text: string): string {
  return text.split("\n").map(printable).join("\n");
}

async function main(): Promise<void> {
  // Output piped into a program that stops reading (`| head`): stop quietly, as command-line tools do.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  let options: Options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(printableLines(error instanceof Error ? error.message : String(error)));
    process.exit(2);
  }
  try {
    // Everything printed may hold a debtor's text: no control character reaches the terminal.
    for (const line of await runTriage(options)) console.log(printable(line));
  } catch (error) {
    const message =
      error instanceof RuleError || error instanceof TableFileError
        ? error.text(options.language)
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`triage: ${printableLines(message)}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
