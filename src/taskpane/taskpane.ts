/*
 * Task pane of AR Recovery (shared runtime: the same page hosts the custom functions). Mounts the Fluent UI
 * React pane (app.tsx) in Office's display language once Office is ready: portfolio triage (its heavy work
 * in the triage Web Worker), the workbook's credit policy, and the list of AR functions.
 */
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { officeDisplayLanguage } from "../office/display-language.js";
import { officeExcelIo } from "../office/excel-io.js";
import { pickLanguage } from "../result/locale.js";
import { TEXT, type PaneLanguage } from "./texts.js";
import type { WorkerLike } from "./triage-run.js";

/** A fresh triage worker: its own chunk (triage-worker.js), served from the pane's origin. */
function createTriageWorker(): WorkerLike {
  return new Worker(/* webpackChunkName: "triage-worker" */ new URL("./triage.worker.ts", import.meta.url), {
    name: "ar-triage",
  }) as unknown as WorkerLike;
}

function mount(root: HTMLElement, language: PaneLanguage, inOffice: boolean): void {
  const t = TEXT[language];
  document.documentElement.lang = t.htmlLang;
  document.title = t.product;
  const hasExcel = inOffice && typeof Excel !== "undefined" && typeof Excel.run === "function";
  const hasSettings = inOffice && Boolean(Office.context?.document?.settings);
  // The excel-io layer needs ExcelApi 1.9 (Range.getTables, getSurroundingRegion's 1.7, ...): say so up front.
  const oldExcel = hasExcel && !excelApiSupported("1.9");
  const io = hasExcel && !oldExcel ? officeExcelIo() : null;
  createRoot(root).render(createElement(App, { language, io, createWorker: createTriageWorker, hasSettings, oldExcel }));
}

function excelApiSupported(version: string): boolean {
  try {
    const requirements = Office.context?.requirements;
    return typeof requirements?.isSetSupported !== "function" || requirements.isSetSupported("ExcelApi", version);
  } catch {
    return true;
  }
}

function start(): void {
  const root = document.getElementById("app");
  if (!root) return;
  // Outside Office (the page opened in a plain browser) office.js may be missing: the browser's language.
  if (typeof Office === "undefined") {
    mount(root, pickLanguage(navigator.language), false);
    return;
  }
  void Office.onReady(() => mount(root, pickLanguage(officeDisplayLanguage() || navigator.language), true));
}

start();
