// CPU time from /proc (bench/proc-cpu.ts), which the storage cost split reads per thread and
// per process: the readings must follow the CPU a thread really uses, and the difference of two
// readings must name only what gained.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { cpuGained, namedProcessesCpuMs, processCpuMs, threadCpuMs } from "../../../bench/proc-cpu.ts";

const linux = existsSync("/proc/self/task");

/** Keeps this thread busy until it has used `ms` more milliseconds of CPU. */
function burn(ms: number): void {
  const start = process.threadCpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(i + x);
    const used = process.threadCpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) break;
  }
  assert.ok(Number.isFinite(x));
}

describe("cpuGained", () => {
  it("gives what each key gained and leaves out keys that gained nothing", () => {
    const before = new Map([["MainThread/0", 100], ["V8Worker/0", 40], ["libuv-worker/0", 5]]);
    const after = new Map([["MainThread/0", 180], ["V8Worker/0", 40], ["libuv-worker/0", 5], ["WorkerThread/10", 30]]);
    assert.deepEqual([...cpuGained(before, after)], [["MainThread/0", 80], ["WorkerThread/10", 30]]);
  });
});

describe("reading /proc", { skip: !linux && "not Linux: no /proc" }, () => {
  it("follows the CPU the calling thread uses, under its name and nice value", () => {
    const before = threadCpuMs();
    const key = [...before.keys()].find((k) => k.startsWith("MainThread/"));
    assert.ok(key, `no main thread among ${[...before.keys()].join(", ")}`);
    burn(200);
    const gained = cpuGained(before, threadCpuMs()).get(key) ?? 0;
    // The kernel counts in ticks of 10 ms, and this thread may have been charged for them in any order.
    assert.ok(gained >= 150 && gained <= 400, `the main thread gained ${gained} ms for 200 ms used`);
  });

  it("reads a whole process and processes by name, and nothing for a process that is not there", () => {
    assert.ok(processCpuMs(process.pid) > 0);
    assert.equal(processCpuMs(2 ** 22 + 1), 0);
    assert.equal(namedProcessesCpuMs("no-such-process-name"), 0);
  });
});
