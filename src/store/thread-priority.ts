// Thread priorities while a run records. The scanning thread sets the run's pace; the work that
// recording adds elsewhere in the process can wait for it: the recorder thread itself, and V8's
// helper threads, which compile and collect garbage for every thread of the process and, in a
// run, mostly for the recorder's (they took 0.3–0.4 s of CPU more in a 1,000-domain first run).
// At normal priority those helpers competed with the scanning and with the servers it talks to:
// in 27 paired 1,000-domain PostgreSQL first runs, lowering them as well as the recorder took
// the median storage cost from 14–18 % to 7–12 % of the run, and the runs recording nothing
// were no slower.
//
// On Linux a thread has its own nice value, set through its thread id. Elsewhere, or where /proc
// cannot be read, nothing changes.

import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** The niceness of work that yields the CPU to the scanning. */
export const BACKGROUND_NICENESS = 10;

/** How Node names V8's helper threads (its platform's worker pool). */
const V8_HELPER_NAME = "V8Worker";

/** Lowers the calling thread and V8's helper threads to BACKGROUND_NICENESS. */
export function yieldToScanning(): void {
  const own = ownThreadId();
  if (own !== undefined) lower(own);
  for (const tid of v8HelperThreads()) lower(tid);
}

/** Linux: the calling thread's id, which /proc/thread-self names. */
export function ownThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Linux: the ids of this process's threads that V8 runs its background jobs on. */
export function v8HelperThreads(): number[] {
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return [];
  }
  return tids.filter((tid) => threadName(tid) === V8_HELPER_NAME).map(Number);
}

function threadName(tid: string): string | undefined {
  try {
    return readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim();
  } catch {
    // The thread ended meanwhile.
    return undefined;
  }
}

function lower(tid: number): void {
  try {
    setPriority(tid, BACKGROUND_NICENESS);
  } catch {
    // Not permitted, or the thread ended: it keeps its priority (nothing else changes).
  }
}
