// Recording on a thread of its own. Turning a domain's evidence and results into JSON, hashing
// it and writing it (node:sqlite writes synchronously) took 12–18 % of a run's time at 10,000
// domains when done on the thread that scans; a run keeps that thread busy, while the machine's
// other cores are mostly idle. Here the scanning thread only hands the batch over (a structured
// clone: about a tenth of the recording's work, and it keeps the objects that evidence and
// results share shared, which the blob collector relies on) and a worker thread with its own
// connection records it.
//
// record() still resolves only once the batch is committed, so "done" keeps meaning "stored";
// a kill takes the thread with the process, losing at most the uncommitted batch as before.

import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { DomainScan } from "../scan/engine.ts";
import type { DatabaseLocation } from "./database-location.ts";
import type { RecordReply, RecordRequest } from "./recorder-worker.ts";

interface Waiting {
  resolve(): void;
  reject(err: unknown): void;
}

export class RecorderThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #stopped: Error | undefined;
  #closing = false;

  constructor(location: DatabaseLocation) {
    this.#worker = new Worker(new URL("./recorder-worker-entry.mjs", import.meta.url), {
      workerData: location,
      // The thread holds one batch at a time; V8's default young generation (sized for the
      // machine) left it 50 MiB of mostly empty heap. A limit of 12 MiB took a 10,000-domain
      // run's peak RSS from about 540 to 450 MiB at no measurable cost (4 MiB: 441); 16 leaves
      // a batch of 256 domains room.
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    // An idle recorder does not keep the process alive; one with batches in flight does.
    this.#worker.unref();
    this.#worker.on("message", (reply: RecordReply) => this.#settle(reply));
    this.#worker.on("error", (err) => this.#stop(new Error(`the recorder thread failed: ${err.message}`, { cause: err })));
    this.#worker.on("exit", (code) => this.#stop(new Error(`the recorder thread stopped (exit code ${code})`)));
  }

  /** Records the batch on the recorder thread; resolves once it is committed. */
  record(runId: number, scans: readonly DomainScan[], at: string): Promise<void> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    if (this.#closing) return Promise.reject(new Error("the recorder thread is closing"));
    const id = this.#nextId++;
    return new Promise<void>((resolve, reject) => {
      const request: RecordRequest = { kind: "record", id, runId, scans, at };
      try {
        this.#worker.postMessage(request);
      } catch (err) {
        // A value that cannot be cloned (none should reach here: evidence is plain data).
        reject(err);
        return;
      }
      this.#waiting.set(id, { resolve, reject });
      this.#worker.ref();
    });
  }

  /** Waits for the batches in flight, then closes the thread's connection and ends the thread. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    this.#closing = true;
    const exited = once(this.#worker, "exit");
    this.#worker.ref();
    this.#worker.postMessage({ kind: "close" } satisfies RecordRequest);
    await exited;
  }

  #settle(reply: RecordReply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0 && !this.#closing) this.#worker.unref();
    if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
    else waiting.resolve();
  }

  #stop(err: Error): void {
    this.#stopped ??= err;
    for (const w of this.#waiting.values()) w.reject(this.#stopped);
    this.#waiting.clear();
  }
}
