// A worker thread that burns the CPU in slices at a nice value of its own, for measuring what
// work on the machine's other core costs a run (storage-cost-split.ts, variant burn).
//
// workerData: { nice, busyMs, gapMs }: busy for busyMs, then idle for gapMs, until terminated.

import { workerData } from "node:worker_threads";
import { setThisThreadNiceness } from "../src/store/thread-priority.ts";

const { nice, busyMs, gapMs } = workerData as { nice: number; busyMs: number; gapMs: number };
if (!setThisThreadNiceness(nice)) throw new Error(`the burner could not set its nice value to ${nice} (not Linux, or not permitted)`);

let sink = 0;
const slice = () => {
  const end = performance.now() + busyMs;
  while (performance.now() < end) sink += Math.sqrt(sink + 1);
  setTimeout(slice, gapMs);
};
slice();
