// In a run the scanning thread sets the pace: every probe's timing runs through its event loop.
// V8's helper threads (Node names them V8Worker) compile and collect garbage in the background
// for every isolate of the process: the scanning thread's and the recorder thread's, whose code
// starts cold in every run (about 0.2–0.3 s of their CPU per 1,000-domain run). At normal
// priority that work took cores from the scanning thread (and from the simulated internet in the
// benchmarks); moved to the background (thread-priority.ts: SCHED_IDLE, unless
// MEETLAT_BACKGROUND_THREADS says otherwise) it runs on what they leave idle.

import { readdirSync, readFileSync } from "node:fs";
import { putThreadInBackground } from "../store/thread-priority.ts";
import type { BackgroundPriority } from "../store/thread-priority.ts";

const V8_HELPER_THREAD_NAME = "V8Worker";

let moved: Promise<Map<number, BackgroundPriority>> | undefined;

/**
 * Moves this process's V8 helper threads to the background, once per process (a process that
 * runs a measurement: `meetlat run`, `meetlat demo`, the run benchmarks). Resolves to each
 * helper's thread id and how far it got; empty where there is no /proc (not Linux). Rejects
 * only for a MEETLAT_BACKGROUND_THREADS that names no mode.
 */
export function putV8HelpersInBackground(): Promise<Map<number, BackgroundPriority>> {
  moved ??= Promise.all(v8HelperThreadIds().map(async (tid) => [tid, await putThreadInBackground(tid)] as const)).then((pairs) => new Map(pairs));
  return moved;
}

function v8HelperThreadIds(): number[] {
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return [];
  }
  return tids.filter((tid) => {
    try {
      return readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim() === V8_HELPER_THREAD_NAME;
    } catch {
      return false; // the thread ended meanwhile
    }
  }).map(Number);
}
