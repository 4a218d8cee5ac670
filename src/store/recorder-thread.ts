// Recording on a thread of its own. Turning a domain's evidence and results into JSON, hashing
// it and writing it (node:sqlite writes synchronously) took 12–18 % of a run's time at 10,000
// domains when done on the thread that scans; a run keeps that thread busy, while the machine's
// other cores are mostly idle. Here the scanning thread only hands the batch over (a structured
// clone of the evidence, which keeps the objects that the batch's domains share shared, which
// the blob collector relies on; the recorder thread judges the evidence again rather than take
// a clone of the results: hand-over.ts) and a worker thread with its own connection records it.
//
// The thread runs in the background (thread-priority.ts): under SCHED_IDLE by default, so that
// it never delays the scanning thread. On a machine kept busy by other work an idle thread gets
// next to no CPU, and an unprivileged process cannot take SCHED_IDLE back; so when a batch has
// waited STARVED_AFTER_MS, a new thread at nice 10 takes over and records every batch still
// in flight again. Recording is idempotent per run, domain and test type, so a batch the old
// thread committed meanwhile is recorded once all the same (and the database's locks keep the
// two from interleaving: run-record.ts).
//
// record() still resolves only once the batch is committed, so "done" keeps meaning "stored";
// a kill takes the thread with the process, losing at most the uncommitted batch as before.

import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { DomainScan } from "../scan/engine.ts";
import type { DatabaseLocation } from "./database-location.ts";
import { handOverForm } from "./hand-over.ts";
import type { RecorderStart, RecordReply, RecordRequest } from "./recorder-worker.ts";
import { BACKGROUND_NICENESS, backgroundMode } from "./thread-priority.ts";
import type { BackgroundMode } from "./thread-priority.ts";

/**
 * A batch in flight this long under SCHED_IDLE means the thread gets no CPU. Batches commit
 * well within a second on a machine with a core to spare (2026-11-24: a 10,000-domain run's
 * batches of about 230 domains); a database that is slow for other reasons only costs a thread
 * start and one batch recorded again.
 */
export const STARVED_AFTER_MS = 5_000;

/**
 * How long an idle thread may take to close its connection once everything is committed, before
 * it is ended (a process that lingers after its run is finished is in the way of the next
 * command). A thread that gets CPU closes in milliseconds.
 */
const CLOSE_GRACE_MS = 1_000;

interface Waiting {
  request: Extract<RecordRequest, { kind: "record" }>;
  sentAt: number;
  resolve(): void;
  reject(err: unknown): void;
}

export interface RecorderThreadOptions {
  /** How the thread runs (thread-priority.ts); default: backgroundMode(), MEETLAT_BACKGROUND_THREADS. */
  mode?: BackgroundMode;
  /** Default STARVED_AFTER_MS (tests shorten it). */
  starvedAfterMs?: number;
}

export class RecorderThread {
  readonly #location: DatabaseLocation;
  readonly #starvedAfterMs: number;
  #mode: BackgroundMode;
  #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #watchdog: NodeJS.Timeout | undefined;
  /** close() waiting for the batches in flight. */
  readonly #onDrained: (() => void)[] = [];
  #stopped: Error | undefined;
  #closing = false;

  constructor(location: DatabaseLocation, options: RecorderThreadOptions = {}) {
    this.#location = location;
    this.#mode = options.mode ?? backgroundMode();
    this.#starvedAfterMs = options.starvedAfterMs ?? STARVED_AFTER_MS;
    this.#worker = this.#start();
  }

  /** How the thread records now: "niced" once a niced thread has taken over from an idle one. */
  get mode(): BackgroundMode {
    return this.#mode;
  }

  /** Records the batch on the recorder thread; resolves once it is committed. */
  record(runId: number, scans: readonly DomainScan[], at: string): Promise<void> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    if (this.#closing) return Promise.reject(new Error("the recorder thread is closing"));
    const request = { kind: "record", id: this.#nextId++, runId, scans: scans.map(handOverForm), at } as const;
    return new Promise<void>((resolve, reject) => {
      try {
        this.#worker.postMessage(request);
      } catch (err) {
        // A value that cannot be cloned (none should reach here: evidence is plain data).
        reject(err);
        return;
      }
      this.#waiting.set(request.id, { request, sentAt: performance.now(), resolve, reject });
      this.#worker.ref();
      if (this.#mode === "idle") this.#watchdog ??= setInterval(() => this.#checkStarved(), Math.min(1_000, this.#starvedAfterMs / 2)).unref();
    });
  }

  /**
   * Waits for the batches in flight (taken over like any others if the thread starves), then
   * closes the thread's connection and ends the thread.
   */
  async close(): Promise<void> {
    if (this.#stopped) return;
    this.#closing = true;
    if (this.#waiting.size > 0) await new Promise<void>((resolve) => this.#onDrained.push(resolve));
    if (this.#stopped) return;
    const worker = this.#worker;
    const exited = once(worker, "exit");
    worker.ref();
    worker.postMessage({ kind: "close" } satisfies RecordRequest);
    // Everything is committed: an idle thread that gets no CPU to close its connection is ended.
    const ending = this.#mode === "idle" ? setTimeout(() => void worker.terminate(), Math.min(CLOSE_GRACE_MS, this.#starvedAfterMs)) : undefined;
    await exited;
    clearTimeout(ending);
    clearInterval(this.#watchdog);
  }

  #start(): Worker {
    const worker = new Worker(new URL("./recorder-worker-entry.mjs", import.meta.url), {
      workerData: { location: this.#location, mode: this.#mode } satisfies RecorderStart,
      // The thread holds one batch at a time; V8's default young generation (sized for the
      // machine) left it 50 MiB of mostly empty heap. A limit of 12 MiB took a 10,000-domain
      // run's peak RSS from about 540 to 450 MiB at no measurable cost (4 MiB: 441); 16 leaves
      // a batch of 256 domains room.
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    // An idle recorder does not keep the process alive; one with batches in flight does.
    worker.unref();
    // A thread that was taken over may still reply for a batch it committed: that settles it.
    // Its failures do not count: the thread that took over records the batch again.
    worker.on("message", (reply: RecordReply) => { if (worker === this.#worker || !reply.error) this.#settle(reply); });
    worker.on("error", (err) => { if (worker === this.#worker) this.#stop(new Error(`the recorder thread failed: ${err.message}`, { cause: err })); });
    worker.on("exit", (code) => { if (worker === this.#worker) this.#stop(new Error(`the recorder thread stopped (exit code ${code})`)); });
    return worker;
  }

  #checkStarved(): void {
    // The map keeps the batches in the order they were sent: the first is the oldest.
    const oldest = this.#waiting.values().next().value?.sentAt;
    if (oldest === undefined || this.#stopped || performance.now() - oldest < this.#starvedAfterMs) return;
    // A niced thread takes over; the idle one ends (its open transaction, if any, rolls back).
    clearInterval(this.#watchdog);
    const starved = this.#worker;
    this.#mode = "niced";
    this.#worker = this.#start();
    for (const w of this.#waiting.values()) this.#worker.postMessage(w.request);
    this.#worker.ref();
    void starved.terminate();
    const waited = Math.round((performance.now() - oldest) / 1000);
    process.emitWarning(`a batch waited ${waited} s for the recorder thread, which runs only on idle CPU (SCHED_IDLE); `
      + `a thread at nice ${BACKGROUND_NICENESS} records from now on. On a machine shared with CPU-bound work, set MEETLAT_BACKGROUND_THREADS=niced.`, { code: "MEETLAT_RECORDER_STARVED" });
  }

  #settle(reply: RecordReply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
    else waiting.resolve();
    if (this.#waiting.size === 0) this.#drained();
  }

  #drained(): void {
    if (!this.#closing) this.#worker.unref();
    for (const resolve of this.#onDrained.splice(0)) resolve();
  }

  #stop(err: Error): void {
    this.#stopped ??= err;
    clearInterval(this.#watchdog);
    for (const w of this.#waiting.values()) w.reject(this.#stopped);
    this.#waiting.clear();
    this.#drained();
  }
}
