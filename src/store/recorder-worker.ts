// The recorder thread's own side (see recorder-thread.ts): opens a connection to the store at the
// location it is given and records each batch it receives, replying when the batch is committed
// or failed.

// Every run starts this thread afresh, so it loads only the recorder and the engine's driver,
// not the store: loading the store (kysely alone is 300 modules) and opening it took the thread
// about 0.24 s of CPU; the recorder connection takes 0.02 s (SQLite) or 0.05 s (PostgreSQL).
// The thread starts at recorder-worker-entry.mjs, which turns Node's compile cache on first.

import { parentPort, workerData } from "node:worker_threads";
import type { DomainScan } from "../scan/engine.ts";
import type { DatabaseLocation } from "./database-location.ts";
import { openRecorderConnection } from "./recorder-connection.ts";
import { BACKGROUND_NICENESS, backgroundMode, setThisThreadNiceness } from "./thread-priority.ts";

export type RecordRequest =
  | { kind: "record"; id: number; runId: number; scans: readonly DomainScan[]; at: string }
  | { kind: "close" };

/** An error crosses the thread boundary as its name, message, stack and (database) code. */
export interface RecordReply {
  id: number;
  error?: { name: string; message: string; stack?: string; code?: string };
}

// The recorder yields the CPU to the scanning, whose pace sets the run's: niced, but not put
// under SCHED_IDLE as V8's helpers are (thread-priority.ts). The run's progress is the recorder's:
// on a machine kept busy by other work an idle thread gets next to no CPU, and an unprivileged
// process cannot take SCHED_IDLE back. (Over 20 interleaved rounds SCHED_IDLE here read
// 10.3 % against 11.9 % niced, within the noise.) Elsewhere than Linux, or where it is not
// permitted, or with MEETLAT_BACKGROUND_THREADS=normal, the thread records at normal priority.
if (backgroundMode() !== "normal") setThisThreadNiceness(BACKGROUND_NICENESS);
const port = parentPort!;
const opening = openRecorderConnection(workerData as DatabaseLocation);
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
    await connection.record(request.runId, request.scans, request.at);
    port.postMessage({ id: request.id } satisfies RecordReply);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = (e as { code?: unknown }).code;
    port.postMessage({ id: request.id, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), ...(typeof code === "string" ? { code } : {}) } } satisfies RecordReply);
  }
}
