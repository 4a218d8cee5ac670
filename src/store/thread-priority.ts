// A thread's own priority. On Linux each thread has its own nice value, set through its thread
// id, which /proc/thread-self names; setting it through the process id would change only the
// main thread's.

import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * Sets the calling thread's nice value; false where that cannot be done (no /proc, so not Linux,
 * or not permitted), and then the thread keeps the priority it had.
 */
export function setThisThreadNiceness(niceness: number): boolean {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}
