// Recording on a thread of its own (store/recorder-thread.ts), beyond what runs-store.test.ts
// plays in both modes: an error in the thread comes back to the caller with its name, message
// and (database) code; closing the store waits for the batches in flight; an in-memory store, which no
// other thread can open, records on the calling thread.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { openStore } from "../../../src/store/open-store.ts";
import { collect } from "../../helpers/collect.ts";
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
