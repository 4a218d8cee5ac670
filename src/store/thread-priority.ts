// Thread priorities, on Linux. Each thread has its own nice value and scheduling policy, set
// through its thread id (/proc/thread-self names the caller's); setting them through the process
// id would change only the main thread's.
//
// A background thread is niced, and where util-linux's chrt is at hand also put under
// SCHED_IDLE. Nice alone was not enough: on this machine's kernel (6.18, EEVDF) nice-10 threads
// that held a core still delayed the scanning thread each time it woke (it waited for a CPU
// 90–170 ms more per 1,000-domain run while the recorder and V8's helpers were busy), and a 10 %
// share of a core is still a share. A SCHED_IDLE thread is preempted by any other thread that
// wakes, and runs on what the others leave idle; which on a machine kept busy by other work is
// next to nothing, and an unprivileged process cannot take SCHED_IDLE back (the recorder thread
// hands over to a niced one then: recorder-thread.ts). MEETLAT_BACKGROUND_THREADS=niced keeps
// background threads at nice 10.

import { execFile } from "node:child_process";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** The nice value of a background thread, used also where SCHED_IDLE cannot be set. */
export const BACKGROUND_NICENESS = 10;

/** How far a background thread got: SCHED_IDLE, only niced, or neither (not Linux, not permitted, or not asked). */
export type BackgroundPriority = "idle" | "niced" | "unchanged";

/** How far background threads go (MEETLAT_BACKGROUND_THREADS): SCHED_IDLE (the default), nice 10 only, or left alone. */
export type BackgroundMode = "idle" | "niced" | "normal";

const BACKGROUND_MODES: readonly BackgroundMode[] = ["idle", "niced", "normal"];

/** The mode MEETLAT_BACKGROUND_THREADS asks for; an unknown value is an error, not a silent default. */
export function backgroundMode(env: NodeJS.ProcessEnv = process.env): BackgroundMode {
  const value = env.MEETLAT_BACKGROUND_THREADS ?? "idle";
  if ((BACKGROUND_MODES as readonly string[]).includes(value)) return value as BackgroundMode;
  throw new Error(`MEETLAT_BACKGROUND_THREADS="${value}" is none of ${BACKGROUND_MODES.join(", ")}`);
}

/** chrt sets a policy in a few milliseconds; a hung one must not hold anything up. */
const CHRT_DEADLINE_MS = 5_000;

/** The calling thread's kernel thread id; undefined where there is no /proc (not Linux). */
export function thisThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sets the calling thread's nice value; false where that cannot be done (no /proc, so not Linux,
 * or not permitted), and then the thread keeps the priority it had.
 */
export function setThisThreadNiceness(niceness: number): boolean {
  const tid = thisThreadId();
  return tid !== undefined && setNiceness(tid, niceness);
}

function setNiceness(tid: number, niceness: number): boolean {
  try {
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}

export interface BackgroundOptions {
  /** Default: backgroundMode(). */
  mode?: BackgroundMode;
  /** The chrt program (tests name one that is missing). */
  chrt?: string;
}

/**
 * Moves thread `tid` of this process to the background: niced at once, then SCHED_IDLE when the
 * mode asks for it and chrt manages it (lowering one's own priority needs no privilege).
 */
export async function putThreadInBackground(tid: number, options: BackgroundOptions = {}): Promise<BackgroundPriority> {
  const mode = options.mode ?? backgroundMode();
  if (mode === "normal" || !setNiceness(tid, BACKGROUND_NICENESS)) return "unchanged";
  if (mode === "niced") return "niced";
  const idle = await new Promise<boolean>((resolve) => {
    execFile(options.chrt ?? "chrt", ["--idle", "--pid", "0", String(tid)], { timeout: CHRT_DEADLINE_MS }, (err) => resolve(err === null));
  });
  return idle ? "idle" : "niced";
}
