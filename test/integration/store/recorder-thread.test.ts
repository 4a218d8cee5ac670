// Recording on a thread of its own (store/recorder-thread.ts), beyond what runs-store.test.ts
// plays in both modes: an error in the thread comes back to the caller with its name, message
// and (database) code; a thread that gets no CPU is taken over by a niced one, without losing or
// doubling a batch; closing the store waits for the batches in flight; an in-memory store, which
// no other thread can open, records on the calling thread.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cpus } from "node:os";
import { describe, it } from "node:test";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { parseDatabaseLocation } from "../../../src/store/database-location.ts";
import { openStore } from "../../../src/store/open-store.ts";
import { RecorderThread } from "../../../src/store/recorder-thread.ts";
import { collect } from "../../helpers/collect.ts";
import { pinThisProcess } from "../../helpers/cpu-affinity.ts";
import { hasProgram } from "../../helpers/has-program.ts";
import { STORE_ENGINES } from "./store-engines.ts";

function scan(domain: string): DomainScan {
  const details = { ns: [`ns1.${domain}`], shared: { list: [1, 2, 3] } };
  return {
    domain,
    evidence: { domain, nameServers: { zone: domain, servers: [{ name: `ns1.${domain}`, ipv4: ["192.0.2.53"], ipv6: [], ignoredMappedIpv6: [], ipv6Reach: [] }] } },
    results: [{ domain, type: "web", score: 50, tests: { web_dnssec_exist: { status: "failed", verdict: "unsigned", reason: "no DS", details } } }],
  };
}

const AT = "2024-05-01T12:00:00.000Z";
/** The SQLite engine: the busy-machine test needs no second engine. */
const sqliteEngine = STORE_ENGINES.find((e) => e.name === "sqlite")!;
const hasSchedTools = process.platform === "linux" && hasProgram("taskset") && hasProgram("chrt");

for (const engine of STORE_ENGINES) {
  describe(`recording on its own thread (${engine.name})`, { skip: engine.skip }, () => {
    it("returns an error raised in the thread to the caller, and a database error with its code", async () => {
      const t = await engine.open({ recordOnOwnThread: true });
      try {
        const run = await t.store.runs.create({ requestedBy: "t", testTypes: ["web"] });
        // Evidence with no JSON form: the thread's JSON.stringify throws.
        const unwritable = scan("a.example");
        (unwritable.evidence as unknown as Record<string, unknown>).size = 10n;
        await assert.rejects(t.store.runs.record(run.id, [unwritable], AT), { name: "TypeError", message: /BigInt/ });
        if (engine.name === "postgres") {
          // A text PostgreSQL cannot hold (a NUL character): the database's own error, code and all.
          const nul = scan("a.example");
          (nul.results[0] as { type: string }).type = "web\u0000";
          await assert.rejects(t.store.runs.record(run.id, [nul], AT), { code: "22021", message: /invalid byte sequence/ });
        }
        // The thread goes on recording after a failed batch, which left nothing behind.
        await t.store.runs.record(run.id, [scan("a.example")], AT);
        assert.deepEqual(await collect(t.store.runs.results(run.id)), [{ domain: "a.example", recordedAt: AT, evidence: scan("a.example").evidence, results: scan("a.example").results }]);
      } finally {
        await t.dispose();
      }
    });

    it("a thread that gets no CPU is taken over by a niced one, and every batch in flight is stored once", async () => {
      const t = await engine.open();
      const warnings: Error[] = [];
      const onWarning = (w: Error) => { if ((w as { code?: string }).code === "MEETLAT_RECORDER_STARVED") warnings.push(w); };
      process.on("warning", onWarning);
      // A batch that has waited 1 ms counts as starved: the first thread is taken over whatever
      // it did with the batches meanwhile (committed some, began one, or had not started).
      const recorder = new RecorderThread(parseDatabaseLocation(t.location), { mode: "idle", starvedAfterMs: 1 });
      try {
        const run = await t.store.runs.create({ requestedBy: "t", testTypes: ["web"] });
        const names = Array.from({ length: 30 }, (_, i) => `d${String(i).padStart(2, "0")}.example`);
        await Promise.all([0, 10, 20].map((i) => recorder.record(run.id, names.slice(i, i + 10).map(scan), AT)));
        assert.equal(recorder.mode, "niced");
        assert.equal(warnings.length, 1);
        assert.match(warnings[0]!.message, /MEETLAT_BACKGROUND_THREADS=niced/);
        // The thread that took over records on, and is not taken over in turn.
        await recorder.record(run.id, [scan("late.example")], AT);
        const read = await collect(t.store.runs.results(run.id));
        assert.deepEqual(read.map((r) => r.domain), [...names, "late.example"]);
        assert.deepEqual(read[0]!.results, scan(names[0]!).results);
        const counts = await t.store.runs.storageCounts();
        assert.deepEqual([counts.runItems, counts.observations, counts.evidence], [31, 31, 31]);
        assert.equal(warnings.length, 1);
      } finally {
        process.off("warning", onWarning);
        await recorder.close();
        await t.dispose();
      }
    });

    it("closing waits for the batches in flight, taken over when the thread starves, and ends a thread that does not close", async () => {
      const t = await engine.open();
      const recorder = new RecorderThread(parseDatabaseLocation(t.location), { mode: "idle", starvedAfterMs: 1 });
      const onWarning = () => {};
      process.on("warning", onWarning);
      try {
        const run = await t.store.runs.create({ requestedBy: "t", testTypes: ["web"] });
        const recorded = recorder.record(run.id, [scan("a.example"), scan("b.example")], AT);
        await recorder.close();
        await recorded;
        assert.equal(recorder.mode, "niced");
        assert.deepEqual((await collect(t.store.runs.results(run.id))).map((r) => r.domain), ["a.example", "b.example"]);
        await assert.rejects(recorder.record(run.id, [scan("late.example")], AT), /recorder thread/);
      } finally {
        process.off("warning", onWarning);
        await t.dispose();
      }
    });

    it("closing the store waits for the batches in flight, which are then stored", async () => {
      const t = await engine.open({ recordOnOwnThread: true });
      const run = await t.store.runs.create({ requestedBy: "t", testTypes: ["web"] });
      const names = Array.from({ length: 40 }, (_, i) => `d${String(i).padStart(2, "0")}.example`);
      const recorded = [0, 10, 20, 30].map((i) => t.store.runs.record(run.id, names.slice(i, i + 10).map(scan), AT));
      await t.store.close();
      await Promise.all(recorded);
      await assert.rejects(t.store.runs.record(run.id, [scan("late.example")], AT), /recorder thread/);
      const again = await openStore(t.location);
      try {
        const read = await collect(again.runs.results(run.id));
        assert.deepEqual(read.map((r) => r.domain), names);
        assert.deepEqual(read[0]!.results, scan(names[0]!).results);
      } finally {
        await again.close();
        await t.dispose();
      }
    });
  });
}

describe("recording on its own thread, on a machine kept busy by other work", { skip: !hasSchedTools && "needs Linux with util-linux's taskset and chrt" }, () => {
  it("an idle recorder thread that gets no CPU is taken over by a niced one, which records", async () => {
    // This process and three busy ones share one CPU: an idle-priority thread gets next to
    // nothing there, while a niced one gets a few per cent.
    pinThisProcess("0");
    const busy = Array.from({ length: 3 }, () => spawn("taskset", ["--cpu-list", "0", process.execPath, "-e",
      "process.stdout.write('busy\\n'); const end = Date.now() + 60000; while (Date.now() < end);"], { stdio: ["ignore", "pipe", "inherit"] }));
    const t = await sqliteEngine.open();
    const recorder = new RecorderThread(parseDatabaseLocation(t.location), { mode: "idle", starvedAfterMs: 1_000 });
    const onWarning = () => {};
    process.on("warning", onWarning);
    try {
      await Promise.all(busy.map((child) => once(child.stdout!, "data")));
      const run = await t.store.runs.create({ requestedBy: "t", testTypes: ["web"] });
      await recorder.record(run.id, [scan("a.example"), scan("b.example")], AT);
      assert.equal(recorder.mode, "niced", "the idle thread was taken over");
      assert.deepEqual((await collect(t.store.runs.results(run.id))).map((r) => r.domain), ["a.example", "b.example"]);
    } finally {
      for (const child of busy) child.kill("SIGKILL");
      pinThisProcess(`0-${cpus().length - 1}`);
      process.off("warning", onWarning);
      await recorder.close();
      await t.dispose();
    }
  });
});

describe("recording on its own thread, in memory", () => {
  it("records on the calling thread, since no other thread can open an in-memory store", async () => {
    const store = await openStore(":memory:", { recordOnOwnThread: true });
    try {
      const run = await store.runs.create({ requestedBy: "t", testTypes: ["web"] });
      await store.runs.record(run.id, [scan("a.example")], AT);
      assert.deepEqual((await collect(store.runs.results(run.id))).map((r) => r.domain), ["a.example"]);
    } finally {
      await store.close();
    }
  });
});
