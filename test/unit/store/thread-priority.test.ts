// Background threads (src/store/thread-priority.ts, src/runs/background-helpers.ts): a thread
// put in the background is niced, and SCHED_IDLE where chrt is at hand and the mode asks for it;
// without chrt it is only niced; a thread that is not there is left alone. Read back from /proc,
// as the kernel sees them.

import assert from "node:assert/strict";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { putV8HelpersInBackground } from "../../../src/runs/background-helpers.ts";
import { BACKGROUND_NICENESS, backgroundMode, putThreadInBackground, thisThreadId } from "../../../src/store/thread-priority.ts";
import { hasProgram } from "../../helpers/has-program.ts";

const linux = existsSync("/proc/thread-self");
const hasChrt = linux && hasProgram("chrt");
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

/** A thread's nice value and scheduling policy, from /proc/self/task/TID/stat (proc(5): fields 19 and 41). */
function priorityOf(tid: number): { nice: number; policy: number } {
  const text = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // Fields count from the state, the 3rd: field N is at index N - 3.
  return { nice: Number(fields[16]), policy: Number(fields[38]) };
}

/** Runs `test` with the thread id of a worker thread that waits until it is terminated afterwards. */
async function withWorkerThread(test: (tid: number) => Promise<void>): Promise<void> {
  const worker = new Worker(`const { parentPort } = require("node:worker_threads"); const { readlinkSync } = require("node:fs");
    parentPort.postMessage(Number(readlinkSync("/proc/thread-self").split("/").pop())); setInterval(() => {}, 1000);`, { eval: true });
  try {
    const [tid] = await once(worker, "message") as [number];
    await test(tid);
  } finally {
    await worker.terminate();
  }
}

describe("thisThreadId", () => {
  it("is the process id on the main thread, and undefined elsewhere than Linux", () => {
    assert.equal(thisThreadId(), linux ? process.pid : undefined);
  });
});

describe("backgroundMode", () => {
  it("is idle unless MEETLAT_BACKGROUND_THREADS names another mode, and an unknown one is an error", () => {
    assert.equal(backgroundMode({}), "idle");
    for (const mode of ["idle", "niced", "normal"]) assert.equal(backgroundMode({ MEETLAT_BACKGROUND_THREADS: mode }), mode);
    assert.throws(() => backgroundMode({ MEETLAT_BACKGROUND_THREADS: "nice" }), /MEETLAT_BACKGROUND_THREADS="nice" is none of idle, niced, normal/);
  });
});

describe("putThreadInBackground", { skip: !linux && "not Linux: thread priorities are left alone" }, () => {
  it("nices a thread and puts it under SCHED_IDLE", { skip: !hasChrt && "no chrt (util-linux)" }, () => withWorkerThread(async (tid) => {
    assert.notEqual(tid, process.pid);
    assert.deepEqual(priorityOf(tid), { nice: 0, policy: SCHED_OTHER });
    assert.equal(await putThreadInBackground(tid), "idle");
    assert.deepEqual(priorityOf(tid), { nice: BACKGROUND_NICENESS, policy: SCHED_IDLE });
    assert.deepEqual(priorityOf(process.pid), { nice: 0, policy: SCHED_OTHER }, "the main thread keeps its priority");
  }));

  it("only nices a thread where chrt is missing", () => withWorkerThread(async (tid) => {
    assert.equal(await putThreadInBackground(tid, { chrt: "/nonexistent/chrt" }), "niced");
    assert.deepEqual(priorityOf(tid), { nice: BACKGROUND_NICENESS, policy: SCHED_OTHER });
  }));

  it("only nices a thread in mode niced, and leaves it alone in mode normal", () => withWorkerThread(async (tid) => {
    assert.equal(await putThreadInBackground(tid, { mode: "normal" }), "unchanged");
    assert.deepEqual(priorityOf(tid), { nice: 0, policy: SCHED_OTHER });
    assert.equal(await putThreadInBackground(tid, { mode: "niced" }), "niced");
    assert.deepEqual(priorityOf(tid), { nice: BACKGROUND_NICENESS, policy: SCHED_OTHER });
  }));

  it("leaves a thread id that is not there alone", async () => {
    assert.equal(await putThreadInBackground(2 ** 22 + 1), "unchanged");
  });
});

describe("putV8HelpersInBackground", { skip: !hasChrt && "needs Linux and chrt" }, () => {
  it("moves every V8 helper thread of the process once, and no other thread", async () => {
    const moved = await putV8HelpersInBackground();
    assert.ok(moved.size > 0, "Node starts V8's helper threads with the process");
    for (const [tid, priority] of moved) {
      assert.equal(readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim(), "V8Worker");
      assert.equal(priority, "idle");
      assert.deepEqual(priorityOf(tid), { nice: BACKGROUND_NICENESS, policy: SCHED_IDLE });
    }
    assert.deepEqual(priorityOf(process.pid), { nice: 0, policy: SCHED_OTHER });
    assert.equal(putV8HelpersInBackground(), putV8HelpersInBackground(), "a second call moves nothing again");
  });
});
