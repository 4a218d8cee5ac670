// Group commit: a batch is written when full, when its first domain has waited long enough, or
// the moment the previous write ends if enough completed during it; once drained, without
// waiting; every record() settles with its own batch's outcome.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createGroupCommit } from "../../../src/runs/group-commit.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";

const scan = (domain: string): DomainScan => ({ domain, evidence: { domain }, results: [] });

/** A store whose writes finish when the test says so. */
function controlledStore() {
  const batches: string[][] = [];
  const pending: { resolve(): void; reject(e: unknown): void }[] = [];
  return {
    batches,
    write: (scans: DomainScan[]) => new Promise<void>((resolve, reject) => {
      batches.push(scans.map((s) => s.domain));
      pending.push({ resolve, reject });
    }),
    finish: (i: number, error?: Error) => (error ? pending[i]!.reject(error) : pending[i]!.resolve()),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("group commit", () => {
  it("writes what completed during a write as the next batch, the moment the write is done, when enough did", async (t) => {
    // The clock is the test's: nothing here depends on how fast the machine is.
    t.mock.timers.enable({ apis: ["setTimeout"] });
    const store = controlledStore();
    const commits = createGroupCommit({ write: store.write, maxBatch: 10, minBatch: 3, gatherMs: 20 });
    const a = commits.record(scan("a"));
    t.mock.timers.tick(19);
    assert.deepEqual(store.batches, [], "an idle store waits for company");
    t.mock.timers.tick(1);
    assert.deepEqual(store.batches, [["a"]], "for gatherMs at most");
    const during = ["b", "c", "d"].map((d) => commits.record(scan(d)));
    t.mock.timers.tick(100);
    assert.equal(store.batches.length, 1, "nothing else is written while a batch is");
    store.finish(0);
    await a;
    await tick();
    assert.deepEqual(store.batches, [["a"], ["b", "c", "d"]], "no waiting: written as soon as the first batch is done");
    // Fewer than minBatch after a write: they wait for company, at most gatherMs.
    const few = commits.record(scan("e"));
    store.finish(1);
    await Promise.all(during);
    await tick();
    assert.equal(store.batches.length, 2);
    t.mock.timers.tick(20);
    assert.deepEqual(store.batches.at(-1), ["e"]);
    store.finish(2);
    await few;
  });

  it("writes a full batch at once and keeps the rest, in order, for the next", async () => {
    const store = controlledStore();
    const commits = createGroupCommit({ write: store.write, maxBatch: 2, minBatch: 1, gatherMs: 60_000 });
    const first = [commits.record(scan("a")), commits.record(scan("b"))];
    await tick();
    assert.deepEqual(store.batches, [["a", "b"]]);
    const rest = ["c", "d", "e"].map((d) => commits.record(scan(d)));
    store.finish(0);
    await Promise.all(first);
    await tick();
    assert.deepEqual(store.batches, [["a", "b"], ["c", "d"]]);
    store.finish(1);
    await Promise.all(rest.slice(0, 2));
    await tick();
    assert.deepEqual(store.batches.at(-1), ["e"], "the remainder follows the moment the store is free");
    store.finish(2);
    await rest[2];
  });

  it("fails exactly the records of a failed batch, and goes on with the next", async () => {
    const store = controlledStore();
    const commits = createGroupCommit({ write: store.write, maxBatch: 1, minBatch: 1, gatherMs: 0 });
    const a = commits.record(scan("a"));
    const b = commits.record(scan("b"));
    await tick();
    store.finish(0, new Error("disk full"));
    await assert.rejects(a, /disk full/);
    await tick();
    store.finish(1);
    await b;
    assert.deepEqual(store.batches, [["a"], ["b"]]);
  });

  it("once drained, writes what waits at once, and what comes later as soon as the store is free", async (t) => {
    t.mock.timers.enable({ apis: ["setTimeout"] });
    const store = controlledStore();
    const commits = createGroupCommit({ write: store.write, maxBatch: 10, minBatch: 3, gatherMs: 250 });
    const a = commits.record(scan("a"));
    t.mock.timers.tick(100);
    assert.deepEqual(store.batches, [], "gathering, as usual");
    commits.drain();
    assert.deepEqual(store.batches, [["a"]], "no more waiting for company");
    const late = ["b", "c"].map((d) => commits.record(scan(d)));
    assert.equal(store.batches.length, 1, "one write at a time still");
    store.finish(0);
    await a;
    await tick();
    assert.deepEqual(store.batches, [["a"], ["b", "c"]], "fewer than minBatch, written the moment the store is free");
    const last = commits.record(scan("d"));
    store.finish(1);
    await Promise.all(late);
    await tick();
    assert.deepEqual(store.batches.at(-1), ["d"], "without the gathering timer");
    store.finish(2);
    await last;
  });
});
