// The recorder thread's own side (see recorder-thread.ts): opens a connection to the store at the
// location it is given and records each batch it receives (judging the evidence that came
// without its results: hand-over.ts), replying when the batch is committed or failed.

// Every run starts this thread afresh, so it loads only the recorder and the engine's driver,
// not the store: loading the store (kysely alone is 300 modules) and opening it took the thread
// about 0.24 s of CPU; the recorder connection takes 0.02 s (SQLite) or 0.05 s (PostgreSQL).
// The checks it judges with are a dozen small modules, apart from the probes' network code.
// The thread starts at recorder-worker-entry.mjs, which turns Node's compile cache on first.

import { parentPort, workerData } from "node:worker_threads";
import type { DatabaseLocation } from "./database-location.ts";
import { scanFromHandOver } from "./hand-over.ts";
import type { HandedOverScan } from "./hand-over.ts";
import { openRecorderConnection } from "./recorder-connection.ts";
import { putThreadInBackground, thisThreadId } from "./thread-priority.ts";
import type { BackgroundMode } from "./thread-priority.ts";

export type RecordRequest =
  | { kind: "record"; id: number; runId: number; scans: readonly HandedOverScan[]; at: string }
  | { kind: "close" };

/** An error crosses the thread boundary as its name, message, stack and (database) code. */
export interface RecordReply {
  id: number;
  error?: { name: string; message: string; stack?: string; code?: string };
}

/** What the thread starts with: where to record, and how it runs (recorder-thread.ts). */
export interface RecorderStart {
  location: DatabaseLocation;
  mode: BackgroundMode;
}

const start = workerData as RecorderStart;
// The recorder yields the CPU to the scanning, whose pace sets the run's (thread-priority.ts):
// niced at once, SCHED_IDLE a few milliseconds later unless the mode says otherwise. Elsewhere
// than Linux, or where it is not permitted, it records at normal priority.
const tid = thisThreadId();
if (tid !== undefined) void putThreadInBackground(tid, { mode: start.mode });
const port = parentPort!;
const opening = openRecorderConnection(start.location);
const inFlight = new Set<Promise<void>>();
// Batches are recorded as they arrive (the group commit sends one at a time); "close" waits
// for those in flight.
port.on("message", (request: RecordRequest) => {
  if (request.kind === "close") {
    void Promise.allSettled(inFlight).then(() => opening).then((connection) => connection.close(), () => {}).finally(() => port.close());
    return;
  }
  const recording = record(request).finally(() => inFlight.delete(recording));
  inFlight.add(recording);
});

async function record(request: Extract<RecordRequest, { kind: "record" }>): Promise<void> {
  try {
    const connection = await opening;
    await connection.record(request.runId, request.scans.map(scanFromHandOver), request.at);
    port.postMessage({ id: request.id } satisfies RecordReply);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = (e as { code?: unknown }).code;
    port.postMessage({ id: request.id, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), ...(typeof code === "string" ? { code } : {}) } } satisfies RecordReply);
  }
}
