/**
 * A fake Excel for the tests, the benchmark and the Playwright pane test: a workbook model (worksheets of
 * cells, the selection, tables, charts, number formats, fills, conditional formats) behind a fake
 * `Excel.RequestContext` that behaves as Office's does where the I/O layer depends on it:
 *
 * - Proxies queue operations; nothing happens until `context.sync()`, which runs the queue in order.
 *   A property is readable only after `load()` and a sync, else it throws PropertyNotLoaded. A failed
 *   operation rejects the sync: the operations before it stay applied, the rest are dropped.
 * - Each sync's request and response are measured as JSON (UTF-8 bytes); a request or a response over
 *   5 MB is refused (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded), as Excel on the
 *   web does, and so is a read of more than 5,000,000 cells (RangeExceedsLimit).
 * - A string written to `Range.values` is read as if typed, as Excel does: `=...` (and `+x`, `-x`, `@x`
 *   that are not numbers) becomes a formula, `123`, `12%`, `TRUE`, `#N/A`, `2025-07-31` become a number, a
 *   boolean, an error, a date; a leading `'` is swallowed and keeps the rest as text; a cell formatted as
 *   text (`@`) keeps the string as it is.
 * - It can be told to fail the Nth sync (half-way through its operations) or a kind of operation.
 *
 * Only the API surface the layer and the pane use is implemented; anything else is undefined, so a call
 * to it fails loudly. No Node or DOM imports: it is bundled into a browser page as a fake Office host.
 * Formulas are not evaluated (a formula cell reads as #NAME?), and `getUsedRange` ignores formats.
 *
 * One file per thing faked: values.ts (cells, typed text, error values) and addresses.ts; the model in
 * worksheet.ts and workbook.ts; Office's load/sync contract in client-object.ts; the queue, syncs and payload
 * accounting in request-context.ts; the API objects in worksheet-proxies.ts and tables-charts.ts; the page's
 * Office globals in office.ts.
 */
export { FakeOfficeError } from "./errors.js";
export { FakeFormula, FakeErrorValue, fakeError, type FakeCellInput } from "./values.js";
export type { Rect } from "./addresses.js";
export { FakeChart, FakeTable, type FakeConditionalFormat } from "./tables-charts.js";
export { FakeWorksheet } from "./worksheet.js";
export { FakeWorkbook, type FakeSyncRecord, type FakeWorkbookOptions } from "./workbook.js";
export { installFakeOffice, type FakeOfficeOptions, type FakeOfficeGlobals } from "./office.js";
