/**
 * The task pane's texts in English and Simplified Chinese (the summary's come from src/result, shared with
 * the summary sheet). Pure data and string functions: no DOM, no Office, so tests read them in Node.
 * Sheet text (headers, customer names) is never part of these strings' markup: the pane puts it in React
 * text nodes.
 */
import type { TriageField } from "../core/index.js";
import { PANE_SUMMARY_TEXT, type Language, type PaneSummaryText } from "../result/index.js";

/** The pane's language: the core's two languages (picked by pickLanguage, src/result). */
export type PaneLanguage = Language;

/** The phases of a triage run, in order. */
export type RunPhase = "locate" | "read" | "triage" | "write";

/** Every text of the pane, one shape for both languages; the result's summary texts are src/result's. */
export interface PaneText extends PaneSummaryText {
  readonly htmlLang: string;
  readonly numberLocale: string;
  readonly product: string;
  readonly summary: string;
  readonly tabs: { readonly triage: string; readonly policy: string; readonly functions: string };
  // the portfolio
  readonly sourceHeading: string;
  readonly sourceHint: string;
  readonly sourceLabel: string;
  readonly sources: { readonly selection: string; readonly currentRegion: string; readonly table: string };
  readonly tableLabel: string;
  readonly noTables: string;
  readonly findColumns: string;
  readonly found: (address: string, rows: number, table: string | undefined) => string;
  // the mapping
  readonly mappingHeading: string;
  readonly mappingHint: string;
  /** The collapsed mapping in one line: fields with a column, required fields found of all required. */
  readonly mappingSummary: (recognised: number, requiredFound: number, required: number) => string;
  /** Opens the whole mapping (the link after the one-line summary) and closes it again. */
  readonly editMapping: string;
  readonly closeMapping: string;
  /** Above the fields kept open in the collapsed mapping: missing or doubtful. */
  readonly checkFields: string;
  /** What each field means (its label's tooltip). */
  readonly fieldMeanings: Readonly<Record<TriageField, string>>;
  /** The accessible name of a field's information button. */
  readonly fieldInfo: (field: string) => string;
  readonly notUsed: string;
  readonly columnOption: (letter: string, header: string) => string;
  readonly noHeader: string;
  readonly requiredMissing: string;
  readonly columnTwice: (letter: string, otherField: string) => string;
  readonly showMoreFields: (count: number) => string;
  readonly showFewerFields: string;
  readonly unmatched: string;
  readonly duplicate: (header: string, letter: string, field: string, usedLetter: string) => string;
  readonly headerWordsLink: string;
  readonly headerWordsHint: string;
  readonly headerWordsDocument: string;
  // the run
  readonly asOfLabel: string;
  readonly asOfHint: string;
  readonly asOfInvalid: string;
  /** The as-of date offered from an export's title rows: the date (yyyy-mm-dd) and the title's text. */
  readonly asOfFromTitle: (iso: string, written: string) => string;
  readonly titleRows: (count: number) => string;
  readonly dateOrderLabel: string;
  readonly dateOrderHint: string;
  readonly dateOrders: { readonly auto: string; readonly mdy: string; readonly dmy: string };
  /** How the run's lines credit an order chosen here. */
  readonly dateOrderTold: string;
  /** Where the run's lines ask to choose the order. */
  readonly dateOrderChoose: string;
  // a live result (issue 13, item 6)
  readonly liveLabel: string;
  readonly liveHint: string;
  /** Under the option when the mapping is an item list: it gets values. */
  readonly liveItemList: string;
  /** After a live run: how many cells are formulas, on which sheet. */
  readonly liveDone: (cells: number, sheet: string) => string;
  /** After a run asked to be live that wrote values (an item list, a 1904 workbook). */
  readonly liveValues: string;
  readonly policyNote: string;
  readonly staleColumns: string;
  readonly findFirst: string;
  readonly run: string;
  readonly cancel: string;
  readonly phases: Readonly<Record<RunPhase, string>>;
  readonly progress: (done: number, total: number) => string;
  readonly cancelled: string;
  readonly failed: string;
  readonly findFailed: string;
  readonly fixMapping: string;
  // the result
  readonly doneTitle: string;
  /** A customer table's outcome: the summary's counts (ok + problem + blank = rows) and the result sheet. */
  readonly done: (ok: number, problem: number, blank: number, resultSheet: string) => string;
  /** An item list's outcome: customers, from how many item rows, how many triaged and with problems (the summary's), the sheets. */
  readonly doneItems: (customers: number, itemRows: number, ok: number, problem: number, resultSheet: string, itemSheet: string) => string;
  /** Where the summary is; the source untouched. */
  readonly doneSummary: (summarySheet: string) => string;
  readonly openResult: string;
  readonly openFailed: string;
  readonly ledgerHeading: string;
  // the policy tab
  readonly policy: {
    readonly heading: string;
    readonly hint: string;
    readonly save: string;
    readonly reset: string;
    readonly saved: string;
    readonly stored: string;
    readonly none: string;
    readonly invalid: string;
    readonly filled: string;
    readonly edited: string;
    readonly refused: string;
    readonly saveFailed: string;
    /** The list-type settings' tables. */
    readonly addRow: string;
    readonly removeRow: (row: number) => string;
    readonly row: (row: number) => string;
  };
  // the functions tab
  readonly functionsHeading: string;
  readonly functionsHint: string;
  readonly functionsFilter: string;
  /** How many functions are listed (of how many, when filtered). */
  readonly functionsCount: (shown: number, total: number) => string;
  readonly functionsNone: string;
  readonly functionsExample: string;
  readonly functionsReference: (name: string) => string;
  /** The page was not built with the function list (a development build without the catalog). */
  readonly functionsMissing: string;
  readonly notInExcel: string;
  /** Excel is there but older than the API set the triage needs. */
  readonly oldExcel: string;
  /** "Compare with a previous result" (compare-option.tsx). */
  readonly compare: {
    readonly label: string;
    readonly hint: string;
    readonly none: string;
    readonly heading: string;
    readonly openChanges: string;
    /** Where the whole list is: the changes sheet's name and how many changes are not shown. */
    readonly more: (count: number, sheet: string) => string;
    readonly openFailed: string;
  };
}

const en: PaneText = {
  htmlLang: "en",
  numberLocale: "en-US",
  product: "AR Recovery",
  summary: "Triage a whole debtor table on the bad-debt recovery rulebook, or use the AR.* formulas in cells.",
  tabs: { triage: "Portfolio triage", policy: "Policy", functions: "Functions" },
  sourceHeading: "Debtor table",
  sourceHint: "Select the table (header row included), or click a cell in it, then find its columns.",
  sourceLabel: "Take",
  sources: { selection: "The selected range", currentRegion: "The region around the selected cell", table: "An Excel table" },
  tableLabel: "Table",
  noTables: "This workbook has no Excel table.",
  findColumns: "Find the columns",
  found: (address, rows, table) => `${address}: ${rows.toLocaleString("en-US")} rows under the header${table ? ` (table ${table})` : ""}.`,
  mappingHeading: "Columns",
  mappingHint: "Recognised from the headers. Check them and correct any that is wrong; customer, balance and due date are required.",
  mappingSummary: (recognised, found, required) =>
    `${recognised} column${recognised === 1 ? "" : "s"} recognised, ${found === required ? `${required} required found` : `${found} of ${required} required found`}`,
  editMapping: "Edit",
  closeMapping: "Close",
  checkFields: "Check these:",
  fieldMeanings: {
    customer: "The customer's name: one row per customer, or per open item of a customer.",
    balance: "What the customer owes now.",
    dueDate: "When the balance fell due: days past due, aging bucket and warning level count from it.",
    overdueCount: "How many times the customer paid late in the 12 months before the as-of date (credit grade).",
    largestOverdue: "The largest of those late amounts, 0 if none (credit grade).",
    cashFlow: "The customer's cash flow: good, fair or poor (credit grade).",
    businessOperating: "Yes if the core business is still running (profile: temporarily distressed).",
    incomeStable: "Yes if main-business income was stable over the last 3 months, e.g. by bank statements (profile).",
    turnoverDecline: "How receivables turnover fell against last year: none, short-term or persistent (profile).",
    proposedPlan: "Yes if the debtor came forward with a repayment plan (profile: temporarily distressed).",
    excuses: "Yes if the debtor puts payment off with excuses such as “finance is away” (profile: willful).",
    contradiction: "Yes if what the debtor says contradicts what it does, e.g. “no money” while buying equipment (profile: willful).",
    brokenPromises: "How many promises to pay were not kept (profile: willful).",
    refusesContact: "Yes if the debtor refuses to talk (profile: willful).",
    insolvent: "Yes if the debtor is bankrupt or insolvent (profile: unable to pay).",
    dishonestDebtor: "Yes if a court lists the debtor as a dishonest judgment debtor: legal acts.",
    operationsStopped: "Yes if production stopped, equipment was seized or the owner cannot be reached (profile: unable to pay).",
    freeCashFlow: "The debtor's free cash flow per month: sizes an instalment plan.",
    lastConfirmation: "When the customer last confirmed the balance in writing: an old one is flagged.",
    signedContract: "Yes if the sealed contract is on file (evidence for a claim).",
    reconciliation: "Yes if a reconciliation statement signed by the customer is on file (evidence).",
    collectionRecords: "Yes if the demands (letters, calls, messages) are on record (evidence).",
    deliveryProof: "Yes if the courier receipt of the invoices is kept (evidence).",
    acceptanceForm: "Yes if the customer signed an acceptance of the goods or work (evidence).",
    excuse: "The reason the debtor gives for not paying: no invoice, a defect, none (evidence to collect).",
    lastInterruption: "The last demand, acknowledgement or suit: the limitation period restarts from it.",
    freeEstate: "In a bankruptcy: the debtor's free estate (recovery estimate).",
    ordinaryClaimsTotal: "In a bankruptcy: all ordinary claims admitted, this one included (recovery estimate, pro rata).",
    document: "An open item's number: invoice, credit note or payment (a list of open items).",
    documentType: "What an item is: invoice, credit note, payment (a list of open items).",
    invoiceDate: "An item's document or posting date (a list of open items).",
    paidDate: "When an item was paid or cleared; blank while it is open.",
    amount: "An item's original amount; without a balance column, the item's open amount.",
    paidAmount: "What has been paid or applied against an item so far.",
  },
  fieldInfo: (field) => `What “${field}” means`,
  notUsed: "(not used)",
  columnOption: (letter, header) => `${letter}: ${header}`,
  noHeader: "(no header)",
  requiredMissing: "Required: choose the column.",
  columnTwice: (letter, other) => `Column ${letter} is also chosen for ${other}.`,
  showMoreFields: (count) => `Show the ${count} other fields`,
  showFewerFields: "Hide the fields not used",
  unmatched: "Headers not used:",
  duplicate: (header, letter, field, used) => `“${header}” (column ${letter}) also looks like ${field}; column ${used} is used.`,
  headerWordsLink: "Which headers are recognised?",
  headerWordsHint: "Case, width, spaces, punctuation and units such as (CNY) are ignored.",
  headerWordsDocument: "The whole list (triage-headers.md)",
  asOfLabel: "As of",
  asOfHint: "Days past due, confirmations and the limitation period are counted to this date.",
  asOfInvalid: "Enter a date.",
  asOfFromTitle: (iso, written) => `As of ${iso}, from the export's title (“${written}”).`,
  titleRows: (count) => `The header is below ${count} title row${count === 1 ? "" : "s"} of the export, which are not read as data.`,
  dateOrderLabel: "Day/month order",
  dateOrderHint: "For dates written like 2/1/2013. Automatic decides it from dates such as 7/31/2025 or 31/7/2025.",
  dateOrders: { auto: "Automatic (from the dates)", mdy: "Month first (7/31/2025)", dmy: "Day first (31/7/2025)" },
  dateOrderTold: "as chosen under Day/month order",
  dateOrderChoose: "month first or day first under Day/month order",
  liveLabel: "Live formulas",
  liveHint:
    "Writes the columns a formula computes (grade, term, aging, offers, evidence, confirmation, limitation) as AR formulas over this table and an as-of cell beside the result, so the result recalculates when the data, the date or the policy change. Off: values.",
  liveItemList: "An item list (several rows per customer) is written as values: live formulas need one row per customer.",
  liveDone: (cells, sheet) =>
    `${cells.toLocaleString("en-US")} cells of ${sheet} are live formulas; the as-of date and the list of live columns are beside the table.`,
  liveValues:
    "Written as values: live formulas need a customer table (one row per customer) of at most 100,000 rows, in a workbook on the 1900 date system.",
  policyNote: "The workbook's credit policy applies (Policy tab).",
  staleColumns: "The table's headers changed since its columns were found: find the columns again.",
  findFirst: "Find the columns of the debtor table first.",
  run: "Triage every row",
  cancel: "Cancel",
  phases: { locate: "Finding the table…", read: "Reading the rows…", triage: "Triaging…", write: "Writing the result sheets…" },
  progress: (done, total) => `${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows`,
  cancelled: "Cancelled. Nothing was written.",
  failed: "The triage failed:",
  findFailed: "The debtor table was not found:",
  fixMapping: "Correct the columns first.",
  doneTitle: "Done",
  done: (ok, problem, blank, result) =>
    `${ok.toLocaleString("en-US")} triaged, ${problem.toLocaleString("en-US")} with problems, ${blank.toLocaleString("en-US")} blank: written to “${result}”.`,
  doneItems: (customers, items, ok, problem, result, itemSheet) =>
    `${items.toLocaleString("en-US")} item rows, ${customers.toLocaleString("en-US")} customers: ${ok.toLocaleString("en-US")} triaged, ${problem.toLocaleString("en-US")} with problems; written to “${result}”, each item row in “${itemSheet}”.`,
  doneSummary: (summary) => `Summary in “${summary}”. The source table was not changed.`,
  openResult: "Open the result sheet",
  openFailed: "The result sheet could not be opened:",
  ledgerHeading: "Open items and reconciliation",
  ...PANE_SUMMARY_TEXT.en,
  policy: {
    heading: "Credit policy of this workbook",
    hint: "Every AR formula in this workbook follows these settings; a formula argument still wins.",
    save: "Save and recalculate",
    reset: "Reset to the rules' defaults",
    saved: "Saved in the workbook. Formulas recalculated.",
    stored: "This workbook's own policy.",
    none: "Default policy (nothing stored in this workbook yet).",
    invalid: "The policy stored in this workbook was not used, the defaults apply:",
    filled: "The rules' defaults are filled in: save to apply them.",
    edited: "Not saved yet.",
    refused: "Not saved:",
    saveFailed: "Saving failed:",
    addRow: "Add a row",
    removeRow: (row) => `Remove row ${row}`,
    row: (row) => `Row ${row}`,
  },
  functionsHeading: "Functions",
  functionsHint: "Type =AR. in a cell to use them. Optional arguments are in [brackets]; point at an argument for what it takes.",
  functionsFilter: "Filter the functions",
  functionsCount: (shown, total) => (shown === total ? `${total} functions` : `${shown} of ${total} functions`),
  functionsNone: "No function matches.",
  functionsExample: "Example",
  functionsReference: (name) => `${name} in the formula reference`,
  functionsMissing: "The list of functions is missing from this build of the add-in.",
  notInExcel: "Open this pane in Excel to triage a workbook.",
  compare: {
    label: "Compare with a previous result",
    hint: "A result sheet a previous triage wrote: the run adds a sheet saying, per customer, what moved since (grade, warning level, balance; new and settled customers). The previous sheet is only read.",
    none: "(none)",
    heading: "What changed",
    openChanges: "Open the changes sheet",
    more: (count, sheet) => `… and ${count.toLocaleString("en-US")} more in “${sheet}”.`,
    openFailed: "Could not open the changes sheet:",
  },
  oldExcel:
    "This version of Excel is too old for the portfolio triage (it needs ExcelApi 1.9: Excel 2019 or later, Microsoft 365 or Excel on the web). The AR formulas work as usual.",
};

const zh: PaneText = {
  htmlLang: "zh-CN",
  numberLocale: "zh-CN",
  product: "坏账回收助手",
  summary: "按坏账回收规则对整张欠款客户表分诊，或在单元格中使用 AR.* 公式。",
  tabs: { triage: "组合分诊", policy: "信用政策", functions: "函数" },
  sourceHeading: "欠款客户表",
  sourceHint: "选中表格（含标题行），或单击表格中的一个单元格，然后识别列。",
  sourceLabel: "范围",
  sources: { selection: "所选区域", currentRegion: "所选单元格周围的数据区域", table: "Excel 表格" },
  tableLabel: "表格",
  noTables: "本工作簿中没有 Excel 表格。",
  findColumns: "识别列",
  found: (address, rows, table) => `${address}：标题行下共 ${rows.toLocaleString("zh-CN")} 行${table ? `（表格 ${table}）` : ""}。`,
  mappingHeading: "列",
  mappingHint: "根据标题自动识别。请核对，有误的请更正；客户、余额和到期日为必需列。",
  mappingSummary: (recognised, found, required) =>
    `已识别 ${recognised} 列，${found === required ? `${required} 个必需列已找到` : `必需列已找到 ${found} 个（共 ${required} 个）`}`,
  editMapping: "修改",
  closeMapping: "收起",
  checkFields: "请核对：",
  fieldMeanings: {
    customer: "客户名称：每个客户一行，或客户的每笔未清明细一行。",
    balance: "客户现在的欠款金额。",
    dueDate: "余额的到期日：逾期天数、账龄段和预警级别都从这一天算起。",
    overdueCount: "报告日之前 12 个月内逾期付款的次数（用于信用评级）。",
    largestOverdue: "这些逾期中最大的一笔金额，没有逾期填 0（用于信用评级）。",
    cashFlow: "客户的现金流：好、一般或差（用于信用评级）。",
    businessOperating: "主营业务是否仍在正常经营（客户画像：暂时困难型）。",
    incomeStable: "近 3 个月主营收入是否稳定，如银行流水所示（客户画像）。",
    turnoverDecline: "应收账款周转率同比下降的情况：无、短期或持续（客户画像）。",
    proposedPlan: "债务人是否主动提出还款计划（客户画像：暂时困难型）。",
    excuses: "是否以“财务不在”等借口拖延付款（客户画像：故意拖欠型）。",
    contradiction: "债务人言行是否矛盾，如称没钱却在购置设备（客户画像：故意拖欠型）。",
    brokenPromises: "承诺还款而未兑现的次数（客户画像：故意拖欠型）。",
    refusesContact: "债务人是否拒绝沟通（客户画像：故意拖欠型）。",
    insolvent: "是否已破产或资不抵债（客户画像：无能力偿还型）。",
    dishonestDebtor: "是否被法院列为失信被执行人（转法务处理）。",
    operationsStopped: "是否停产、设备被查封或负责人失联（客户画像：无能力偿还型）。",
    freeCashFlow: "债务人每月的自由现金流：据此确定分期方案。",
    lastConfirmation: "客户最近一次书面确认余额的日期：过旧的会被提示。",
    signedContract: "是否有盖章合同原件（追索证据）。",
    reconciliation: "是否有客户签字盖章的对账单（证据）。",
    collectionRecords: "是否留有催款记录：函件、电话、消息（证据）。",
    deliveryProof: "是否保留发票的快递底单（证据）。",
    acceptanceForm: "是否有客户签字的验收单（证据）。",
    excuse: "债务人给出的拖欠理由：未收到发票、质量问题、无（需补的证据）。",
    lastInterruption: "最近一次催告、债务人确认或起诉的日期：诉讼时效从这一天重新计算。",
    freeEstate: "破产程序中债务人的破产财产（用于估算受偿）。",
    ordinaryClaimsTotal: "破产程序中确认的普通债权总额，含本笔（按比例估算受偿）。",
    document: "未清明细的编号：发票、红字发票或收款（明细表）。",
    documentType: "明细的类型：发票、红字发票、收款（明细表）。",
    invoiceDate: "明细的单据日期或记账日期（明细表）。",
    paidDate: "明细的核销日期；未核销时为空。",
    amount: "明细的原币金额；没有余额列时即为未清金额。",
    paidAmount: "明细中已核销的金额。",
  },
  fieldInfo: (field) => `“${field}”的含义`,
  notUsed: "（不使用）",
  columnOption: (letter, header) => `${letter}：${header}`,
  noHeader: "（无标题）",
  requiredMissing: "必需：请选择对应的列。",
  columnTwice: (letter, other) => `第 ${letter} 列也被选为“${other}”。`,
  showMoreFields: (count) => `显示其余 ${count} 个字段`,
  showFewerFields: "隐藏未使用的字段",
  unmatched: "未使用的标题：",
  duplicate: (header, letter, field, used) => `“${header}”（第 ${letter} 列）也像是“${field}”；现使用第 ${used} 列。`,
  headerWordsLink: "可识别哪些标题？",
  headerWordsHint: "不区分大小写、全角半角、空格、标点和（元）等单位。",
  headerWordsDocument: "完整列表（triage-headers.md）",
  asOfLabel: "报告日",
  asOfHint: "逾期天数、对账和诉讼时效都计算到这一天。",
  asOfInvalid: "请输入日期。",
  asOfFromTitle: (iso, written) => `报告日 ${iso}，取自导出文件标题（“${written}”）。`,
  titleRows: (count) => `表头位于导出文件的 ${count} 行标题之下，标题行不作为数据读取。`,
  dateOrderLabel: "日/月顺序",
  dateOrderHint: "用于 2/1/2013 这样的日期。“自动”根据 7/31/2025 或 31/7/2025 这样的日期判断。",
  dateOrders: { auto: "自动（根据日期判断）", mdy: "月在前（7/31/2025）", dmy: "日在前（31/7/2025）" },
  dateOrderTold: "按“日/月顺序”的设置",
  dateOrderChoose: "“日/月顺序”（月在前或日在前）",
  liveLabel: "实时公式",
  liveHint:
    "将可由公式计算的列（信用等级、账期、账龄、和解报价、证据、对账、诉讼时效）写为引用本表和结果旁基准日单元格的 AR 公式，数据、日期或政策变化时结果自动重算。不勾选：写入数值。",
  liveItemList: "明细清单（每个客户多行）按值写入：实时公式仅适用于每个客户一行的客户表。",
  liveDone: (cells, sheet) => `“${sheet}”中 ${cells} 个单元格为实时公式；基准日和实时列清单位于表格右侧。`,
  liveValues: "已按值写入：实时公式仅适用于不超过 100,000 行的客户表（每个客户一行），且工作簿须使用 1900 日期系统。",
  policyNote: "按本工作簿的信用政策计算（见“信用政策”标签）。",
  staleColumns: "识别列之后表格的标题行已改变，请重新识别列。",
  findFirst: "请先识别欠款客户表的列。",
  run: "对每一行分诊",
  cancel: "取消",
  phases: { locate: "正在查找表格…", read: "正在读取数据…", triage: "正在分诊…", write: "正在写入结果工作表…" },
  progress: (done, total) => `${done.toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")} 行`,
  cancelled: "已取消，未写入任何内容。",
  failed: "分诊失败：",
  findFailed: "未找到欠款客户表：",
  fixMapping: "请先更正列的对应关系。",
  doneTitle: "完成",
  done: (ok, problem, blank, result) =>
    `已分诊 ${ok.toLocaleString("zh-CN")} 行，有问题 ${problem.toLocaleString("zh-CN")} 行，空行 ${blank.toLocaleString("zh-CN")} 行：结果写入“${result}”。`,
  doneItems: (customers, items, ok, problem, result, itemSheet) =>
    `${items.toLocaleString("zh-CN")} 行明细汇总为 ${customers.toLocaleString("zh-CN")} 个客户：已分诊 ${ok.toLocaleString("zh-CN")} 个，有问题 ${problem.toLocaleString("zh-CN")} 个；结果写入“${result}”，每行明细见“${itemSheet}”。`,
  doneSummary: (summary) => `汇总见“${summary}”。原表未做任何修改。`,
  openResult: "打开结果工作表",
  openFailed: "无法打开结果工作表：",
  ledgerHeading: "明细与对账",
  ...PANE_SUMMARY_TEXT.zh,
  policy: {
    heading: "本工作簿的信用政策",
    hint: "本工作簿中的所有 AR 公式都按这些设置计算；公式中给出的参数优先。",
    save: "保存并重新计算",
    reset: "恢复规则默认值",
    saved: "已保存到工作簿，公式已重新计算。",
    stored: "本工作簿自己的政策。",
    none: "默认政策（本工作簿尚未保存政策）。",
    invalid: "本工作簿中保存的政策未被采用，现按默认政策计算：",
    filled: "已填入规则默认值，保存后生效。",
    edited: "尚未保存。",
    refused: "未保存：",
    saveFailed: "保存失败：",
    addRow: "添加一行",
    removeRow: (row) => `删除第 ${row} 行`,
    row: (row) => `第 ${row} 行`,
  },
  functionsHeading: "函数",
  functionsHint: "在单元格中输入 =AR. 即可使用。方括号 [ ] 中的参数可省略；鼠标指向参数可查看其说明。",
  functionsFilter: "筛选函数",
  functionsCount: (shown, total) => (shown === total ? `共 ${total} 个函数` : `${total} 个函数中的 ${shown} 个`),
  functionsNone: "没有符合条件的函数。",
  functionsExample: "示例",
  functionsReference: (name) => `公式参考中的 ${name}`,
  functionsMissing: "本版本的加载项缺少函数列表。",
  notInExcel: "请在 Excel 中打开本窗格以对工作簿分诊。",
  compare: {
    label: "与上次结果比较",
    hint: "选择此前分诊写出的结果工作表：本次运行将另写一张工作表，按客户说明自上次以来的变化（信用等级、预警级别、余额；新增和已结清的客户）。上次结果表只读不改。",
    none: "（不比较）",
    heading: "变化情况",
    openChanges: "打开变化工作表",
    more: (count, sheet) => `……另有 ${count.toLocaleString("zh-CN")} 项，见“${sheet}”。`,
    openFailed: "无法打开变化工作表：",
  },
  oldExcel:
    "此版本的 Excel 过旧，无法进行组合分诊（需要 ExcelApi 1.9：Excel 2019 及以上、Microsoft 365 或网页版 Excel）。AR 公式照常可用。",
};

/** The pane's texts by language. */
export const TEXT: Readonly<Record<PaneLanguage, PaneText>> = { en, zh };
