/**
 * The triage Web Worker: collects the input rows, triages them and posts the result sheet's cells back
 * in chunks (triage-compute.ts). The pane terminates it to cancel a run. Bundled by webpack from
 * `new Worker(new URL("./triage.worker.ts", import.meta.url))`, served from the pane's own origin.
 */
import { workerHandler, type PaneMessage, type WorkerMessage } from "./triage-compute.js";

// The worker's global scope; typed loosely so that this file type-checks with the DOM library.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PaneMessage>) => void) | null;
  postMessage(message: WorkerMessage): void;
};

const handle = workerHandler((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
