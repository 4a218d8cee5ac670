// CPU time from /proc (bench/proc-cpu.ts), which the storage cost split reads per thread and
// per process: the readings must follow the CPU a thread really uses, and the difference of two
// readings must name only what gained. The time a thread waited for a CPU must grow when
// another thread holds the only one it may use.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { pinThisProcess } from "../../helpers/cpu-affinity.ts";
import { hasProgram } from "../../helpers/has-program.ts";
import { cpuGained, namedProcessesCpuMs, processCpuMs, processRunQueueWaitMs, threadCpuMs, threadRunQueueWaitMs } from "../../../bench/proc-cpu.ts";

const linux = existsSync("/proc/self/task");
const hasTaskset = linux && hasProgram("taskset");

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

describe("run-queue waits", { skip: !hasTaskset && "needs Linux's /proc and util-linux's taskset" }, () => {
  it("grow for a thread that shares its only CPU with a busy one, and nothing is read for a process that is not there", async () => {
    // This file's process (node --test gives each file its own) is pinned to one CPU, where a
    // worker thread burns while the main thread does.
    pinThisProcess("0");
    const busy = new Worker(`const { parentPort } = require("node:worker_threads"); parentPort.postMessage("busy"); const end = Date.now() + 5000; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`, { eval: true });
    try {
      await once(busy, "message");
      const before = threadRunQueueWaitMs();
      burn(200);
      const waited = threadRunQueueWaitMs() - before;
      // Two busy threads on one CPU: the main thread waited about as long as it ran.
      assert.ok(waited >= 50, `the main thread waited ${waited} ms for a CPU`);
      assert.ok(processRunQueueWaitMs(process.pid) >= threadRunQueueWaitMs());
    } finally {
      await busy.terminate();
    }
    assert.equal(processRunQueueWaitMs(2 ** 22 + 1), 0);
  });
});
