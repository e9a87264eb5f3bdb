/**
 * `npm run triage -- [portfolio.csv|portfolio.xlsx] [options]`: the task pane's portfolio triage without
 * Excel, on the same rules core. With no file it runs on the bundled sample portfolio.
 *
 * Options:
 *   --out <result.xlsx|result.csv>  write every row's verdicts (one row per input data row, in input order)
 *   --as-of <date>                  report date (ISO or 2025年7月31日); default the date an export's title states,
 *                                   the sample's own date (2025-07-31) for the sample, else today
 *   --map <field>=<header|column>   correct the column recognition, e.g. --map balance="Amt due" (repeatable)
 *   --sheet <name>                  the worksheet of an .xlsx (default: the first visible one)
 *   --encoding <name>               force a CSV's encoding: utf8, gb18030, big5, shift_jis, windows-1252 (default: detected)
 *   --lang <en|zh>                  language of the output and the summary (default en)
 *   --decimal <.|,>                 the decimal mark of amounts written as text (default: decided from the file)
 *   --date-order <mdy|dmy>          day/month order of dates like 2/1/2013 (default: decided from dates like 7/31/2025)
 *   --compare <previous-result>     what changed per customer since a result this tool wrote (.csv or .xlsx)
 *   --log <log.csv|log.xlsx>        the collection log (docs/collection-log.md): its facts per customer in the result,
 *                                   its problems listed (and a sheet "Log problems" in an .xlsx, result.log-problems.csv
 *                                   beside a .csv); in a workbook, the sheet "Collection log" / "催收记录", else the one
 *                                   sheet whose headers make a log (date, customer, action). Without --log, such a
 *                                   sheet of an .xlsx portfolio's own workbook is read.
 *   --log-sheet <name>              the worksheet of an .xlsx log (or of the portfolio's workbook, without --log)
 *   --policy <policy.json>          the credit policy: the settings that differ from the defaults, as the pane stores
 *                                   them in a workbook (docs/policy.md); default: the policy the pane stored in an
 *                                   .xlsx portfolio's workbook, else the defaults
 *
 * A list of open items (an ERP export: one row per invoice, credit note or payment, with a document number,
 * invoice date, paid date or document amount) is rolled up per customer first; `--out result.csv` then also
 * writes `result.items.csv` (every source row and what became of it), an .xlsx gets the items as a second sheet.
 * Every run prints today's work list (whom to contact today, by owner); `--out result.csv` writes it to
 * `result.work.csv`, an .xlsx gets it as its last sheet, "Today's work" (src/result/work-list.ts).
 */
import { basename, extname, join, resolve } from "node:path";
import {
  FIELD_LABELS,
  readDate,
  recogniseColumns,
  RuleError,
  summarise,
  TRIAGE_FIELDS,
  decideDecimalMark,
  decideLedgerDecimal,
  tableShape,
  titleAsOfDate,
  triageLedger,
  type DayMonthOrder,
  type TableShape,
  withDecimalPoint,
  NUMBER_FIELDS,
  type ColumnOverrides,
  type DecimalMark,
  type Language,
  type TriageField,
  type LedgerTriage,
  type TriageSummary,
  readCollectionLog,
  recogniseLogColumns,
  type CollectionLog,
} from "../core/index.js";
import {
  columnFormat,
  decimalLine,
  itemLines,
  ledgerCustomerSource,
  Legend,
  LEGEND_HEADERS,
  type ResultTable,
  ledgerItemSource,
  reconciliationLines,
  RESULT_TEXT,
  summaryHeadline,
  summaryCellFormat,
  summarySheet,
  summaryTables,
  blankRowsLine,
  todaySerial,
  LOG_DATE_KEYS,
  LOG_PROBLEM_HEADERS,
  LOG_PROBLEMS_SHEET,
  logLines,
  logProblemRows,
  WORK_LIST_SHEET,
  workListEmptyLine,
  workListHeading,
  triageWorkList,
  workListTable,
  workListTextTables,
  workListWithoutLogLine,
} from "../result/index.js";
import { UsageError } from "./file-error.js";
import { compareWithPrevious } from "./compare.js";
import { policyLine, readPolicyFile, refusedPolicyLine, storedPolicy } from "./policy-file.js";
import { PLAIN, render, terminalOf, type Block, type Terminal } from "./terminal.js";
import {
  CSV_ENCODINGS,
  readTable,
  sheetNames,
  TableFileError,
  type CsvEncoding,
  writeTable,
  type Table,
  type WriteReport,
} from "./table-io.js";

/** The sample portfolio that `npm run triage` uses without a file. */
export const SAMPLE = join(__dirname, "../../samples/portfolio.csv");

/** The date the sample portfolio is written for: run at today's date, every row would be at warning level 3. */
export const SAMPLE_AS_OF = "2025-07-31";

interface Options {
  file: string;
  out?: string;
  asOf: number;
  overrides: Record<string, string | number>;
  sheet?: string;
  encoding?: CsvEncoding;
  language: Language;
  decimal?: DecimalMark;
  /** Day/month order of dates like 2/1/2013 (`--date-order`); decided from the dates when not given. */
  dateOrder?: DayMonthOrder;
  /** A previous result file to compare this run with (`--compare`). */
  compare?: string;
  /** The collection log (`--log`) and its worksheet (`--log-sheet`). */
  log?: string;
  logSheet?: string;
  /** The credit policy's file (`--policy`, JSON of the settings that differ from the defaults). */
  policy?: string;
  /** Whether --as-of was given (else an export's title date, or today). */
  asOfGiven: boolean;
  /** Where the printout goes: its width and colours (default: plain, 100 wide). */
  terminal?: Terminal;
  /** Called with the run's summary and ledger once they are made (tests check the printout against them). */
  onResult?: (result: { readonly summary: TriageSummary; readonly ledger: LedgerTriage }) => void;
  /** Called as each phase of a run ends ("read", "triage", "write"): the bench times them. */
  onPhase?: (phase: "read" | "triage" | "write") => void;
}

/** The words --date-order takes. */
const DATE_ORDERS: Readonly<Record<string, DayMonthOrder>> = {
  "mdy": "mdy",
  "us": "mdy",
  "month-first": "mdy",
  "dmy": "dmy",
  "eu": "dmy",
  "day-first": "dmy",
};

const USAGE =
  "usage: npm run triage -- [portfolio.csv|.xlsx] [--out result.xlsx|.csv] [--as-of 2025-07-31] [--map field=Header|column] [--sheet name] [--encoding utf8|gb18030|big5|shift_jis|windows-1252] [--lang en|zh] [--decimal .|,] [--date-order mdy|dmy] [--compare previous-result.csv|.xlsx] [--log log.csv|.xlsx] [--log-sheet name] [--policy policy.json]";
const USAGE_ZH =
  "用法：npm run triage -- [组合.csv|.xlsx] [--out 结果.xlsx|.csv] [--as-of 2025-07-31] [--map 字段=表头|列号] [--sheet 工作表] [--encoding utf8|gb18030|big5|shift_jis|windows-1252] [--lang en|zh] [--decimal .|,] [--date-order mdy|dmy] [--compare 上次结果.csv|.xlsx] [--log 催收记录.csv|.xlsx] [--log-sheet 工作表] [--policy 政策.json]";

/** The usage text in a language (`--help`). */
export function usage(language: Language): string {
  return language === "zh" ? USAGE_ZH : USAGE;
}

/** The language the command line asks for (`--lang zh`), read before the rest: usage errors are told in it. */
export function languageOf(argv: readonly string[]): Language {
  const i = argv.lastIndexOf("--lang");
  return i >= 0 && argv[i + 1]?.toLowerCase() === "zh" ? "zh" : "en";
}

/** A usage error with the usage line after it. */
function usageError(en: string, zh: string): UsageError {
  return new UsageError(`${en}\n${USAGE}`, `${zh}\n${USAGE_ZH}`);
}

/**
 * Reads the command line; throws a UsageError (en + zh) for one that cannot be run as written.
 * @param today the as-of date without --as-of (default today's date in the machine's calendar)
 */
export function parseArguments(argv: readonly string[], today: number = todaySerial()): Options {
  const options: Options = { file: SAMPLE, asOf: today, overrides: {}, language: "en", asOfGiven: false };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw usageError(`${arg} needs a value`, `${arg} 后面需要一个值`);
      // `--out --lang zh`: the value was forgotten, and the next option would be taken for it.
      if (/^--[a-z]/.test(v)) throw usageError(`${arg} needs a value (got the option ${v})`, `${arg} 后面需要一个值（其后是选项 ${v}）`);
      return v;
    };
    if (arg === "--out" || arg === "-o") {
      options.out = value();
      if (options.out.trim() === "")
        throw new UsageError(`${arg} needs a file name, e.g. --out result.xlsx`, `${arg} 需要文件名，如 --out result.xlsx`);
    } else if (arg === "--decimal") {
      const d = value();
      if (d !== "." && d !== ",")
        throw new UsageError(
          `--decimal: ${JSON.stringify(d)} is not . or , (the character before the cents: 1,5 is --decimal ,)`,
          `--decimal：${JSON.stringify(d)} 不是 . 或 ,（分位前的那个字符：1,5 即 --decimal ,）`,
        );
      options.decimal = d;
    } else if (arg === "--as-of") {
      options.asOf = readAsOf(value());
      options.asOfGiven = true;
    } else if (arg === "--date-order") {
      const d = value().toLowerCase();
      const order = DATE_ORDERS[d];
      if (order === undefined) {
        throw new UsageError(
          `--date-order: ${JSON.stringify(d)} is not mdy (month first, 7/31/2025) or dmy (day first, 31/7/2025)`,
          `--date-order：${JSON.stringify(d)} 不是 mdy（月在前，7/31/2025）或 dmy（日在前，31/7/2025）`,
        );
      }
      options.dateOrder = order;
    } else if (arg === "--compare") options.compare = value();
    else if (arg === "--sheet") options.sheet = value();
    else if (arg === "--log") options.log = value();
    else if (arg === "--log-sheet") options.logSheet = value();
    else if (arg === "--policy") options.policy = value();
    else if (arg === "--encoding") {
      const e = value().toLowerCase();
      const known = CSV_ENCODINGS.find((name) => name === e || name.replace(/[-_]/g, "") === e.replace(/[-_]/g, ""));
      if (known === undefined) {
        throw new UsageError(
          `--encoding: ${e} is not one of ${CSV_ENCODINGS.join(", ")}`,
          `--encoding：${e} 不是 ${CSV_ENCODINGS.join("、")} 之一`,
        );
      }
      options.encoding = known;
    } else if (arg === "--lang") {
      const l = value().toLowerCase();
      if (l !== "en" && l !== "zh") throw new UsageError(`--lang: ${l} is not en or zh`, `--lang：${l} 不是 en 或 zh`);
      options.language = l;
    } else if (arg === "--map") {
      const m = /^([A-Za-z]+)=(.*)$/.exec(value());
      if (!m)
        throw new UsageError(
          `--map takes field=Header or field=column number, e.g. --map balance="Amt due"\nfields: ${TRIAGE_FIELDS.join(", ")}`,
          `--map 的写法是 字段=表头 或 字段=列号，如 --map balance="Amt due"\n字段：${TRIAGE_FIELDS.join(", ")}`,
        );
      if (/^\d+$/.test(m[2]) && Number(m[2]) < 1) {
        throw new UsageError(`--map ${m[1]}=${m[2]}: columns are counted from 1`, `--map ${m[1]}=${m[2]}：列号从 1 起算`);
      }
      options.overrides[m[1]] = /^\d+$/.test(m[2]) ? Number(m[2]) - 1 : m[2];
    } else if (arg === "--help" || arg === "-h") throw new UsageError(USAGE, USAGE_ZH);
    else if (arg.startsWith("-")) throw usageError(`unknown option ${arg}`, `未知选项 ${arg}`);
    else if (file === undefined) file = arg;
    else throw usageError(`one portfolio at a time (got ${file} and ${arg})`, `一次只能分诊一个文件（给了 ${file} 和 ${arg}）`);
  }
  if (file !== undefined) options.file = file;
  return options;
}

/** `--as-of`'s date: ISO or 2025年7月31日 (an Excel serial is read too); anything else is refused plainly. */
function readAsOf(text: string): number {
  try {
    return readDate(text, "--as-of");
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    throw new UsageError(
      `--as-of ${text} is not a date: write it as 2025-07-31`,
      `--as-of ${text} 不是日期：请写成 2025-07-31 或 2025年7月31日`,
    );
  }
}

/** Runs a triage; returns the lines of its summary. */
export async function runTriage(options: Options): Promise<string[]> {
  const zh = options.language === "zh";
  const table = await readInput(options);
  options.onPhase?.("read");
  if (table.headers.length === 0) {
    throw new TableFileError(
      `${table.source} is empty: it has no header row and no data (is it the right file?)`,
      `${table.source} 是空文件：没有表头也没有数据（文件是否选对？）`,
    );
  }
  const recognition = recogniseColumns(table.headers, options.overrides as ColumnOverrides);
  const label = (f: TriageField) => (zh ? FIELD_LABELS[f].zh : FIELD_LABELS[f].en);
  const shape = tableShape(recognition.mapping);
  checkColumns(table, recognition.mapping, shape, recognition.missingRequired, zh);
  const decimal = readDecimalMark(table, recognition.mapping, options.decimal, shape, zh);
  // An export's title may say its date ("As of July 31, 2025", 截止日期：2025年7月31日): without --as-of, use it.
  let asOf = options.asOf;
  let asOfNote: string | null = null;
  let sampleNote: string | null = null;
  const titleDate = options.asOfGiven ? null : titleAsOfDate(table.titleRows ?? []);
  if (titleDate !== null) {
    asOf = titleDate.serial;
    asOfNote = zh
      ? `截至日期取自导出文件标题 ${JSON.stringify(titleDate.text)}（用 --as-of 指定其他日期）`
      : `as-of date taken from the export's title ${JSON.stringify(titleDate.text)} (give --as-of for another)`;
  } else if (!options.asOfGiven && options.file === SAMPLE) {
    asOf = readDate(SAMPLE_AS_OF, "--as-of");
    sampleNote = zh
      ? `样例组合 samples/portfolio.csv，按其自身日期 ${SAMPLE_AS_OF} 计算（用 --as-of 指定其他日期）`
      : `the sample portfolio samples/portfolio.csv, as of its own date ${SAMPLE_AS_OF} (give --as-of for another)`;
  }
  // The log: --log's file, else a log sheet of the portfolio's own workbook (by name or headers).
  // --log naming the portfolio's own workbook: its portfolio sheet is not looked at for a log (an item list's
  // Date, Customer and Type columns could pass for one).
  // The policy first: a bad one stops the run before anything is triaged or written.
  // --policy's file, else the policy the pane stored in the portfolio's workbook (the one its formulas use).
  const stored = options.policy === undefined ? storedPolicy(table) : null;
  const policyFile =
    options.policy !== undefined ? await readPolicyFile(options.policy, openError) : stored !== null && "policy" in stored ? stored : null;
  const collectionLog =
    options.log !== undefined
      ? await readLog(options.log, options.logSheet, resolve(options.log) === resolve(options.file) ? table.sheet : undefined)
      : await logOfPortfolio(options, table);
  const ledger = triageLedger(table.rows, recognition.mapping, {
    ...(collectionLog === null ? {} : { collectionLog: collectionLog.log }),
    ...(policyFile === null ? {} : { policy: policyFile.policy }),
    asOf,
    firstRowNumber: table.firstRowNumber,
    dateSystem: table.dateSystem,
    rowProblems: table.rowProblems,
    headers: table.headers,
    dateOrder: options.dateOrder,
    decimal: decimal.mark,
  });
  const output = ledger.output;
  // The rows read are not needed any more: let them go before the result is written (a million rows of
  // cells are hundreds of MB; what the result keeps of them, it holds itself).
  const dataRows = table.rows.length;
  table.rows.length = 0;
  const summary = summarise(output.records, output.policy);
  options.onResult?.({ summary, ledger });
  options.onPhase?.("triage");
  // The printout: the headline, how the file was read, the tables, then what was written. Rendered at the end
  // for the terminal (wrapped, aligned, coloured on a TTY); `lines` collects the plain lines between tables.
  const blocks: Block[] = [];
  const lines = {
    push: (...texts: string[]) => {
      for (const text of texts) blocks.push({ kind: "line", text });
      return blocks.length;
    },
  };
  const source = {
    name: basename(table.source),
    detail: sourceDetail(table, zh),
    dateSystem: table.dateSystem,
    items: ledger.items !== null,
  };
  if (sampleNote) lines.push(sampleNote);
  blocks.push({ kind: "line", text: summaryHeadline(summary, source, output.asOf, options.language), tone: "heading" });
  if (asOfNote) lines.push(asOfNote);
  if (policyFile !== null) lines.push(policyLine(policyFile, zh));
  if (stored !== null && "refused" in stored) lines.push(refusedPolicyLine(basename(options.file), stored.refused, zh));
  if (dataRows === 0) lines.push(zh ? "表头下没有数据行" : "there are no data rows below the header row");
  if (table.titleRows && table.titleRows.length > 0) {
    lines.push(
      zh
        ? `表头在第 ${table.firstRowNumber - 1} 行；其上的 ${table.titleRows.length} 行为标题：${table.titleRows.map((t) => JSON.stringify(t)).join("、")}`
        : `header found at row ${table.firstRowNumber - 1}, below ${table.titleRows.length} title row${table.titleRows.length === 1 ? "" : "s"}: ${table.titleRows.map((t) => JSON.stringify(t)).join(", ")}`,
    );
  }
  for (const note of table.notes ?? []) lines.push(zh ? `注意：${note.zh}` : `note: ${note.en}`);
  if (decimal.line) lines.push(decimal.line);
  if (ledger.items !== null) lines.push(...itemLines(ledger, options.language, DATE_ORDER_WORDS));
  lines.push(columnsLine(recognition.mapping, table.headers, options.language));
  // A header that names a field already taken: say which column was used, which was not and why.
  for (const d of recognition.duplicates) {
    const used = d.usedColumn;
    lines.push(
      zh
        ? `${label(d.field)}：第 ${d.column + 1} 列 ${JSON.stringify(d.header)} 未使用，已采用第 ${used + 1} 列 ${JSON.stringify(table.headers[used])}（${used < d.column ? "标题同样匹配时取靠左的一列" : "其标题匹配得更准确"}）；如要改用第 ${d.column + 1} 列：--map ${d.field}=${d.column + 1}`
        : `${label(d.field)}: column ${d.column + 1} ${JSON.stringify(d.header)} not used; took column ${used + 1} ${JSON.stringify(table.headers[used])} (${used < d.column ? "the leftmost of equally good matches" : "its header matches more exactly"}); to take the other: --map ${d.field}=${d.column + 1}`,
    );
  }
  if (recognition.unmatched.length > 0) {
    lines.push(`${zh ? "未识别的列" : "columns not used"}${zh ? "：" : ": "}${recognition.unmatched.join(zh ? "、" : ", ")}`);
  }
  for (const t of summaryTables(summary, options.language)) blocks.push({ kind: "gap" }, { kind: "table", table: t });
  const blank = blankRowsLine(summary, options.language);
  if (blank !== null) blocks.push({ kind: "gap" }, { kind: "line", text: blank });
  // Today's work (issue 13): whom to contact today, by owner, most urgent first (src/core/work-list.ts).
  // With --log, the run's facts (each record's own, TriageRecord.collection); without, the records alone.
  const work = triageWorkList(output);
  blocks.push({ kind: "gap" }, { kind: "line", text: workListHeading(work, options.language), tone: "heading" });
  if (work.items.length === 0) blocks.push({ kind: "line", text: workListEmptyLine(options.language) });
  for (const t of workListTextTables(work, options.language)) blocks.push({ kind: "table", table: t });
  if (output.collection === undefined && work.items.length > 0)
    blocks.push({ kind: "line", text: workListWithoutLogLine(options.language) });
  const workTable = workListTable(work, options.language);
  const workSheet = {
    name: WORK_LIST_SHEET[options.language],
    headers: workTable.headers,
    rows: workTable.rows,
    columnFormats: workTable.columnKeys.map(columnFormat),
  };
  blocks.push({ kind: "gap" });
  if (ledger.reconciliation !== null) {
    lines.push(...reconciliationLines(ledger.reconciliation, options.language));
    blocks.push({ kind: "gap" });
  }
  // What changed since a previous result (--compare): read in full before anything is written.
  const changes = options.compare === undefined ? null : await compareWithPrevious(options.compare, ledger, options.language);
  // The files this run read are never written over: the portfolio, the previous result, the log, the policy.
  const readFiles = [
    options.file,
    ...(options.compare === undefined ? [] : [options.compare]),
    ...(options.log === undefined ? [] : [options.log]),
    ...(options.policy === undefined ? [] : [options.policy]),
  ];
  if (changes !== null) blocks.push(...changes.blocks, { kind: "gap" });
  const collection = output.collection ?? null;
  if (collectionLog !== null && collection !== null) {
    if (options.log === undefined)
      lines.push(
        zh
          ? `催收记录：同一工作簿的工作表“${collectionLog.sheet ?? ""}”`
          : `collection log: sheet ${collectionLog.sheet ?? ""} of the same workbook`,
      );
    lines.push(...logLines(collection, collectionLog.name, options.language));
    blocks.push({ kind: "gap" });
  }
  if (options.out) {
    // Both tables are made row by row as they are written: a million rows are never held as cells. The
    // checklists of what to find out, 900 characters each, go once into the legend (src/result/legend.ts).
    const customers = ledgerCustomerSource(ledger, options.language);
    const legend = new Legend(customers.columnKeys, customers.headers, options.language);
    const result = { ...customers, row: (i: number) => legend.row(customers.row(i)) };
    let legendTable: ResultTable | null = null;
    const legendRows = () => (legendTable ??= legend.table());
    const items = ledgerItemSource(ledger, options.language);
    const text = RESULT_TEXT[options.language];
    const csv = extname(options.out).toLowerCase() === ".csv";
    const itemsPath = items !== null && csv ? itemsCsvPath(options.out) : null;
    const legendName = zh ? "说明" : "Legend";
    const itemName = zh ? "明细" : "Items";
    // The summary sheet, as the task pane writes it after the result (and item) sheet: the same summary
    // the lines above print, so that the file and the terminal give the same counts.
    const summaryGrid = summarySheet({
      summary,
      language: options.language,
      asOf: output.asOf,
      source: table.sheet === undefined ? { address: basename(table.source) } : { tableName: basename(table.source), address: table.sheet },
      resultSheet: text.result,
      ...(items === null ? {} : { itemSheet: itemName }),
      notes:
        ledger.items === null || ledger.reconciliation === null
          ? []
          : [
              ...itemLines(ledger, options.language, DATE_ORDER_WORDS),
              ...(decimal.line === null ? [] : [decimal.line]),
              ...reconciliationLines(ledger.reconciliation, options.language),
            ],
      problemRowLimit: 200,
    });
    const logDates = result.columnKeys.flatMap((key, i) => (LOG_DATE_KEYS.includes(key) ? [i] : []));
    const logProblems = collection === null ? [] : logProblemRows(collection, options.language);
    const logProblemsName = LOG_PROBLEMS_SHEET[options.language];
    const report = await writeTable(options.out, result.headers, result, {
      sheetName: text.result,
      levelColumn: result.columnKeys.indexOf("level"),
      columnFormats: result.columnKeys.map(columnFormat),
      ...(logDates.length === 0 ? {} : { dateColumns: logDates }),
      protect: readFiles,
      moreSheets: csv
        ? []
        : [
            ...(items === null
              ? []
              : [{ name: itemName, headers: items.headers, rows: items, columnFormats: items.columnKeys.map(columnFormat) }]),
            ...(changes === null ? [] : [changes.sheet]),
            {
              name: text.summary,
              grid: summaryGrid.rows,
              boldRows: summaryGrid.bold,
              cellFormat: summaryCellFormat(summaryGrid),
              active: true,
            },
            {
              name: legendName,
              headers: LEGEND_HEADERS[options.language],
              // Filled while the result sheet is written: its size is read when its turn comes.
              rows: {
                get length() {
                  return legend.size;
                },
                width: LEGEND_HEADERS.en.length,
                row: (i: number) => legendRows().rows[i],
              },
              skipWhenEmpty: true,
            },
            // After the sheets a run without a log writes, so that they keep their places.
            ...(logProblems.length === 0
              ? []
              : [{ name: logProblemsName, headers: LOG_PROBLEM_HEADERS[options.language], rows: logProblems }]),
            // Last, so that the sheets before it keep their places (the summary stays the one shown on opening).
            workSheet,
          ],
    });
    const customersWord = ledger.items === null ? (zh ? "行" : "rows, one per input row") : zh ? "个客户" : "customers";
    lines.push(zh ? `已写入 ${options.out}：${result.length} ${customersWord}` : `wrote ${options.out}: ${result.length} ${customersWord}`);
    lines.push(...writeReportLines(report, zh));
    if (items !== null) {
      if (itemsPath !== null) {
        const itemReport = await writeTable(itemsPath, items.headers, items, {
          protect: readFiles,
          dateColumns: itemDateColumns(items),
        });
        lines.push(
          zh
            ? `已写入 ${itemsPath}：${items.length} 行明细（每个源行一行）`
            : `wrote ${itemsPath}: ${items.length} item rows, one per source row`,
        );
        lines.push(...writeReportLines(itemReport, zh));
      } else {
        lines.push(zh ? `明细表（${items.length} 行）在第二个工作表` : `the item table (${items.length} rows) is the second sheet`);
      }
    }
    if (csv) {
      const workPath = workCsvPath(options.out);
      const workReport = await writeTable(workPath, workTable.headers, workTable.rows, { protect: readFiles });
      lines.push(
        zh ? `已写入 ${workPath}：今日工作 ${work.items.length} 项` : `wrote ${workPath}: today's work, ${work.items.length} entries`,
      );
      lines.push(...writeReportLines(workReport, zh));
    } else {
      lines.push(zh ? `今日工作在工作表“${workSheet.name}”` : `today's work is the sheet "${workSheet.name}"`);
    }
    if (csv && logProblems.length > 0) {
      // The log's problems and the customers the portfolio lacks, as the .xlsx sheet "Log problems" has them.
      const problemsPath = logProblemsCsvPath(options.out);
      const problemsReport = await writeTable(problemsPath, LOG_PROBLEM_HEADERS[options.language], logProblems, { protect: readFiles });
      lines.push(
        zh
          ? `已写入 ${problemsPath}：催收记录问题 ${logProblems.length} 行`
          : `wrote ${problemsPath}: ${logProblems.length} log problem${logProblems.length === 1 ? "" : "s"} (rows that could not be read, customers not in the portfolio)`,
      );
      lines.push(...writeReportLines(problemsReport, zh));
    }
    if (changes !== null)
      lines.push(
        csv
          ? await changes.writeCsv(options.out, [options.file])
          : zh
            ? `变化表在工作表“${changes.sheet.name}”`
            : `the changes are the sheet "${changes.sheet.name}"`,
      );
    if (legend.size > 0) {
      const legendPath = csv ? legendCsvPath(options.out) : null;
      if (legendPath !== null) await writeTable(legendPath, legendRows().headers, legendRows().rows, { protect: readFiles });
      const where = legendPath ?? (zh ? `工作表“${legendName}”` : `the sheet "${legendName}"`);
      lines.push(
        zh
          ? `${legendPath !== null ? `已写入 ${where}` : where}：${legend.size} 段较长的待查清单只写一次；结果行中显示其第一项和说明代码（如 F1）`
          : `${legendPath !== null ? `wrote ${where}` : where}: ${legend.size} long to-find-out checklist${legend.size === 1 ? "" : "s"} written once; the rows show the first check and the legend code (such as F1)`,
      );
    }
  } else {
    lines.push(zh ? "用 --out result.xlsx 写出每一行的结果" : "write every row's verdicts with --out result.xlsx (or .csv)");
  }
  options.onPhase?.("write");
  return render(blocks, options.terminal ?? PLAIN);
}

/** A collection log read for `--log` (or found in the portfolio's workbook), with the name to call it by. */
interface ReadLog {
  readonly log: CollectionLog;
  readonly name: string;
  /** The worksheet it was read from, when a workbook's. */
  readonly sheet?: string;
}

/** The sheet names a collection log is looked for by in a workbook, before its headers (case ignored). */
const LOG_SHEET_NAMES = ["Collection log", "催收记录"];

/**
 * Reads the collection log of `--log` with the readers of the portfolio (readTable): a CSV, or a workbook's
 * sheet `--log-sheet`, else the log sheet findLogSheet finds, else its first visible sheet (which then says
 * what it lacks).
 * @param skip a sheet not to look at by headers (the portfolio's, when the log is the portfolio's workbook)
 * @throws TableFileError (en + zh) naming the file for one that cannot be opened or is no collection log, or
 *   naming the sheets when two are logs by their headers
 */
async function readLog(path: string, sheet: string | undefined, skip?: string): Promise<ReadLog> {
  let table: Table | null = null;
  try {
    if (sheet === undefined) table = await findLogSheet(path, skip);
    table ??= await readTable(path, { sheet, encoding: "auto" });
  } catch (error) {
    throw openError(error, path) ?? error;
  }
  return logOf(table, path);
}

/**
 * The collection log among a workbook's sheets (issue 13: "a sheet of the same workbook found by its name or
 * headers"): the sheet named "Collection log" / "催收记录", else the one sheet whose header row names a date,
 * a customer and an action (recogniseLogColumns). A sheet that cannot be read is not a log found.
 * @param skip a sheet not to look at (the portfolio's own)
 * @returns the sheet's table, or null for a CSV or a workbook without a log sheet
 * @throws TableFileError naming the sheets when two or more are logs by their headers (--log-sheet decides)
 */
export async function findLogSheet(path: string, skip?: string): Promise<Table | null> {
  const names = await sheetNames(path);
  if (names === null) return null;
  const others = names.filter((n) => skip === undefined || n.toLowerCase() !== skip.toLowerCase());
  for (const word of LOG_SHEET_NAMES) {
    const named = others.find((n) => n.toLowerCase() === word.toLowerCase());
    if (named !== undefined) return readTable(path, { sheet: named });
  }
  const logs: Table[] = [];
  for (const name of others) {
    let table: Table;
    try {
      table = await readTable(path, { sheet: name });
    } catch (error) {
      if (error instanceof TableFileError) continue;
      throw error;
    }
    if (table.headers.length > 0 && recogniseLogColumns(table.headers).missingRequired.length === 0) logs.push(table);
  }
  if (logs.length > 1) {
    const quoted = logs.map((t) => JSON.stringify(t.sheet));
    throw new TableFileError(
      `${basename(path)}: the sheets ${quoted.join(" and ")} are both collection logs by their headers (date, customer, action): name the log with --log-sheet, e.g. --log-sheet ${quoted[0]}`,
      `${basename(path)}：工作表 ${logs.map((t) => `“${t.sheet}”`).join("和")} 的表头都是催收记录（日期、客户、催收动作）：请用 --log-sheet 指定，如 --log-sheet ${quoted[0]}`,
    );
  }
  return logs[0] ?? null;
}

/** A table read as a collection log, named by its file (and sheet). */
function logOf(table: Table, path: string): ReadLog {
  const name = table.sheet === undefined ? basename(path) : `${basename(path)} (${table.sheet})`;
  try {
    const log = readCollectionLog([table.headers, ...table.rows], {
      headerRow: table.firstRowNumber - 1,
      ...(table.dateSystem === undefined ? {} : { dateSystem: table.dateSystem }),
    });
    return { log, name, ...(table.sheet === undefined ? {} : { sheet: table.sheet }) };
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    throw new TableFileError(`--log ${name}: ${error.message}`, `--log ${name}：${error.zh}`);
  }
}

/**
 * Without --log, the collection log of the portfolio's own workbook: the sheet --log-sheet names, else the one
 * findLogSheet finds (not the portfolio's sheet); null for a CSV portfolio or a workbook without a log sheet.
 * @throws UsageError for --log-sheet with a CSV portfolio and no --log
 */
async function logOfPortfolio(options: Options, portfolio: Table): Promise<ReadLog | null> {
  if (portfolio.sheet === undefined) {
    if (options.logSheet === undefined) return null;
    throw usageError(
      `--log-sheet ${options.logSheet}: name the log's workbook with --log log.xlsx (the portfolio ${basename(options.file)} has no sheets)`,
      `--log-sheet ${options.logSheet}：请用 --log 催收记录.xlsx 指定其工作簿（组合 ${basename(options.file)} 没有工作表）`,
    );
  }
  const found =
    options.logSheet !== undefined
      ? await readTable(options.file, { sheet: options.logSheet })
      : await findLogSheet(options.file, portfolio.sheet);
  return found === null ? null : logOf(found, options.file);
}

/** How the file was read, when it is worth saying: an encoding other than UTF-8, the worksheet of a workbook. */
function sourceDetail(table: Table, zh: boolean): string {
  if (table.sheet !== undefined) return zh ? `工作表“${table.sheet}”` : `sheet "${table.sheet}"`;
  const names: Readonly<Record<string, string>> = {
    gb18030: zh ? "GB18030 编码" : "Chinese GB18030",
    utf16le: "UTF-16",
    utf16be: "UTF-16",
    big5: zh ? "Big5 编码" : "Traditional Chinese Big5",
    shift_jis: zh ? "Shift-JIS 编码" : "Japanese Shift-JIS",
    ["windows-1252"]: "Windows-1252",
  };
  const encoding = table.encoding ?? "utf8";
  return encoding.startsWith("utf8") ? "" : (names[encoding] ?? encoding);
}

/**
 * The columns recognised, in the file's order, as one line to wrap: those headed by the field's own name
 * listed by name, the others as field ← "header", so the few read from another header stand out.
 */
export function columnsLine(
  mapping: Readonly<Partial<Record<TriageField, number>>>,
  headers: readonly string[],
  language: Language,
): string {
  const zh = language === "zh";
  const label = (f: TriageField) => FIELD_LABELS[f][language];
  const fields = (Object.entries(mapping) as [TriageField, number][]).sort((x, y) => x[1] - y[1]);
  // A header that is the field's name in either language (an English file read with --lang zh too).
  const same = (f: TriageField, c: number) => {
    const header = (headers[c] ?? "").trim().toLowerCase();
    return header === FIELD_LABELS[f].en.toLowerCase() || header === FIELD_LABELS[f].zh.toLowerCase();
  };
  const byName = fields.filter(([f, c]) => same(f, c)).map(([f]) => label(f));
  const byOther = fields.filter(([f, c]) => !same(f, c)).map(([f, c]) => `${label(f)} ← ${JSON.stringify(headers[c] ?? "")}`);
  const list = (items: string[]) => items.join(zh ? "、" : ", ");
  if (zh) {
    const parts = [
      byName.length > 0 ? `${byName.length} 列表头即字段名：${list(byName)}` : "",
      byOther.length > 0 ? `${byOther.length} 列按其他表头：${list(byOther)}` : "",
    ].filter((p) => p !== "");
    return `识别出 ${fields.length} 列。${parts.join("；")}`;
  }
  const parts = [
    byName.length > 0 ? `${byName.length} by their own name: ${list(byName)}` : "",
    byOther.length > 0 ? `${byOther.length} by another header: ${list(byOther)}` : "",
  ].filter((p) => p !== "");
  return `${fields.length} column${fields.length === 1 ? "" : "s"} recognised; ${parts.join("; ")}`;
}

/** `result.csv` -> `result.legend.csv`: the long texts the rows refer to by code (src/result/legend.ts). */
export function legendCsvPath(out: string): string {
  const ext = extname(out);
  return `${out.slice(0, out.length - ext.length)}.legend${ext}`;
}

/** `result.csv` -> `result.work.csv`: today's work list beside the result. */
export function workCsvPath(out: string): string {
  const ext = extname(out);
  return `${out.slice(0, out.length - ext.length)}.work${ext}`;
}

/** `result.csv` -> `result.log-problems.csv`: the collection log's problems beside the result (the .xlsx sheet "Log problems"). */
export function logProblemsCsvPath(out: string): string {
  const ext = extname(out);
  return `${out.slice(0, out.length - ext.length)}.log-problems${ext}`;
}

/** `result.csv` -> `result.items.csv`: the item table beside the customer table. */
export function itemsCsvPath(out: string): string {
  const ext = extname(out);
  return `${out.slice(0, out.length - ext.length)}.items${ext}`;
}

function itemDateColumns(items: { readonly columnKeys: readonly string[] }): number[] {
  return ["dueDate", "paidDate"].map((k) => items.columnKeys.indexOf(k)).filter((c) => c >= 0);
}

/** How the command line names where the day/month order is given (itemLines). */
const DATE_ORDER_WORDS = {
  told: { en: "as told by --date-order", zh: "按 --date-order 指定" },
  choose: { en: "--date-order mdy|dmy", zh: "--date-order mdy|dmy" },
} as const;

/** Refuses, in one message, a table without the columns it needs. */
function checkColumns(
  table: Table,
  mapping: Readonly<Partial<Record<TriageField, number>>>,
  shape: TableShape,
  missingRequired: readonly TriageField[],
  zh: boolean,
): void {
  const label = (f: TriageField) => (zh ? FIELD_LABELS[f].zh : FIELD_LABELS[f].en);
  // An item list needs the open amount or the document amount; a customer table the balance.
  const missing = shape === "items" ? missingRequired.filter((f) => !(f === "balance" && mapping.amount !== undefined)) : missingRequired;
  if (missing.length === 0) return;
  throw new RuleError(
    "columns",
    `no column for ${missing.map(label).join(", ")} among the headers ${table.headers.map((h) => JSON.stringify(h)).join(", ")}; name it with --map, e.g. --map ${missing[0]}="Your header"`,
    `找不到${missing.map(label).join("、")}列（表头：${table.headers.map((h) => JSON.stringify(h)).join("、")}）；请用 --map 指定，如 --map ${missing[0]}="表头"`,
  );
}

/** Reads the input table, with a plain message for a file that is not there or cannot be opened. */
async function readInput(options: Options): Promise<Table> {
  try {
    return await readTable(options.file, { sheet: options.sheet, encoding: options.encoding ?? "auto" });
  } catch (error) {
    throw openError(error, options.file) ?? error;
  }
}

/**
 * The plain message (en + zh) for a file the system would not open: not there, a folder, no permission;
 * null for any other error (those of the readers already say what is wrong with the file).
 */
export function openError(error: unknown, file: string): TableFileError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new TableFileError(`No file ${file}. Check the name or give the full path.`, `没有文件 ${file}。请检查文件名，或给出完整路径。`);
  }
  if (code === "EISDIR") {
    return new TableFileError(
      `${file} is a folder, not a file. Give the .csv or .xlsx file in it.`,
      `${file} 是文件夹，不是文件。请给出其中的 .csv 或 .xlsx 文件。`,
    );
  }
  if (code === "EACCES" || code === "EPERM") {
    return new TableFileError(
      `Cannot read ${file}: you have no permission to read it. Check its permissions, or copy it to a folder of yours.`,
      `无法读取 ${file}：没有读取权限。请检查文件权限，或将它复制到自己的文件夹。`,
    );
  }
  return null;
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
  shape: TableShape,
  zh: boolean,
): { readonly mark: DecimalMark; readonly line: string | null } {
  const columns = NUMBER_FIELDS.map((f) => mapping[f]).filter((c): c is number => c !== undefined);
  function* texts(): Generator<string> {
    for (const row of table.rows) for (const c of columns) if (typeof row[c] === "string") yield row[c] as string;
  }
  // An item list's amounts come with currencies and signs around them (¥1,234.50, 1.000,00-): its reader
  // takes the mark; a customer table's number columns are rewritten with a decimal point for the triage.
  const decision =
    shape === "items"
      ? decideLedgerDecimal(texts(), table.delimiter ?? ",", told)
      : decideDecimalMark(texts(), table.delimiter ?? ",", told);
  if (decision.mark === "," && shape === "customers") {
    for (const row of table.rows) for (const c of columns) if (typeof row[c] === "string") row[c] = withDecimalPoint(row[c] as string);
  }
  return { mark: decision.mark, line: decimalLine(decision, zh ? "zh" : "en", { en: "as told by --decimal", zh: "按 --decimal 指定" }) };
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

/** Where the command line writes: its summary (stdout) and its messages (stderr), each with its terminal. */
export interface CliOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly outTerminal: Terminal;
  readonly errTerminal: Terminal;
}

/**
 * The command line: prints the summary (wrapped and coloured for the terminal it is on), or a plain message
 * without a stack trace; returns the exit code: 0, 2 for a command line that cannot be run as written, 1
 * for input that cannot be read or a result that cannot be written.
 */
export async function cli(argv: readonly string[], io: CliOutput): Promise<number> {
  const language = languageOf(argv);
  if (argv.includes("--help") || argv.includes("-h")) {
    for (const line of render([{ kind: "line", text: usage(language) }], io.outTerminal)) io.out(line);
    return 0;
  }
  // Everything printed may hold a debtor's text: render makes it printable.
  const fail = (message: string, code: number): number => {
    for (const line of render([{ kind: "line", text: message }], io.errTerminal)) io.err(line);
    return code;
  };
  let options: Options;
  try {
    options = parseArguments(argv);
  } catch (error) {
    return fail(error instanceof UsageError ? error.text(language) : error instanceof Error ? error.message : String(error), 2);
  }
  try {
    for (const line of await runTriage({ ...options, terminal: io.outTerminal })) io.out(line);
    return 0;
  } catch (error) {
    const message =
      error instanceof RuleError || error instanceof TableFileError || error instanceof UsageError
        ? error.text(options.language)
        : error instanceof Error
          ? error.message
          : String(error);
    return fail(message, error instanceof UsageError ? 2 : 1);
  }
}

async function main(): Promise<void> {
  // Output piped into a program that stops reading (`| head`): stop quietly, as command-line tools do.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  process.exitCode = await cli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    outTerminal: terminalOf(process.stdout, process.env),
    errTerminal: terminalOf(process.stderr, process.env),
  });
}

// The program itself (`tsx src/cli/triage.ts`), not a bundle that includes this file (the bench calls runTriage).
if (require.main === module && /triage\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) void main();
