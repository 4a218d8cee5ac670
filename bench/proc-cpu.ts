// CPU time as Linux accounts it (/proc), for seeing where a run's CPU goes: per thread of this
// process (grouped by thread name and nice value), per process, and per process name (the
// PostgreSQL server's backends). Elsewhere than Linux every reading is empty.

import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's CPU times: 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

interface StatLine {
  name: string;
  cpuMs: number;
  nice: number;
}

/** One /proc …/stat line: the name is in parentheses and may hold spaces, so fields count from after it (proc(5)). */
function readStat(path: string): StatLine | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined; // gone meanwhile, or not Linux
  }
  const close = text.lastIndexOf(")");
  const fields = text.slice(close + 2).split(" ");
  // After the name: state (0), … utime (11), stime (12), … nice (16).
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { name: text.slice(text.indexOf("(") + 1, close), cpuMs: (ticks * 1000) / TICKS_PER_SECOND, nice: Number(fields[16]) };
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** CPU milliseconds of this process's threads so far, by "name/nice" (e.g. "V8Worker/0", "WorkerThread/10"). */
export function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of listDir("/proc/self/task")) {
    const stat = readStat(`/proc/self/task/${tid}/stat`);
    if (!stat) continue;
    const key = `${stat.name}/${stat.nice}`;
    out.set(key, (out.get(key) ?? 0) + stat.cpuMs);
  }
  return out;
}

/** CPU milliseconds of one process so far (all its threads); 0 when it is gone. */
export function processCpuMs(pid: number): number {
  return readStat(`/proc/${pid}/stat`)?.cpuMs ?? 0;
}

/** CPU milliseconds so far of every process of this name (e.g. "postgres": the server and its backends). */
export function namedProcessesCpuMs(name: string): number {
  let total = 0;
  for (const entry of listDir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(`/proc/${entry}/stat`);
    if (stat?.name === name) total += stat.cpuMs;
  }
  return total;
}

/** What each key gained between two readings of threadCpuMs (keys that gained nothing are left out). */
export function cpuGained(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, ms] of after) {
    const gained = ms - (before.get(key) ?? 0);
    if (gained > 0) out.set(key, gained);
  }
  return out;
}

/** Milliseconds a thread has waited, runnable, for a CPU (the second field of schedstat); 0 where unreadable. */
function readRunQueueWaitMs(path: string): number {
  try {
    return Number(readFileSync(path, "utf8").split(" ")[1]) / 1e6;
  } catch {
    return 0; // gone meanwhile, no schedstats, or not Linux
  }
}

/** Milliseconds this process's thread `tid` (by default the main thread, the scanning one) has waited for a CPU while runnable. */
export function threadRunQueueWaitMs(tid = process.pid): number {
  return readRunQueueWaitMs(`/proc/self/task/${tid}/schedstat`);
}

/** Milliseconds all threads of process `pid` together have waited for a CPU while runnable. */
export function processRunQueueWaitMs(pid: number): number {
  return listDir(`/proc/${pid}/task`).reduce((sum, tid) => sum + readRunQueueWaitMs(`/proc/${pid}/task/${tid}/schedstat`), 0);
}
