// Migration 0008 (a run's plan in run_item) on both engines: a run that an older version
// planned and partly recorded, with its pending items as run_domain rows, keeps its progress,
// resumes from the same pending items, reads back what it recorded, and records the rest.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { openStore } from "../../../src/store/open-store.ts";
import { applyChanges } from "../../../src/store/register-apply.ts";
import { createRun } from "../../../src/store/run-meta.ts";
import { STORE_ENGINES } from "./store-engines.ts";
import { storeAtMigration } from "./store-at-migration.ts";

const AT = "2024-03-01T08:00:00.000Z";
const DOMAINS = ["a.example", "b.example", "c.example"];

function scan(domain: string): DomainScan {
  const evidence = { domain } as unknown as DomainScan["evidence"];
  const tests = { web_ipv6_ns_address: { status: "passed" as const, verdict: "good", reason: `fine for ${domain}`, details: { domain }, points: 0 } };
  return { domain, evidence, results: [{ domain, type: "web", score: 100, tests }] };
}

for (const engine of STORE_ENGINES) {
  describe(`a run's plan in a table of its own: migration 0008 (${engine.name})`, { skip: engine.skip }, () => {
    it("keeps a half-recorded run's progress, pending items and results", async () => {
      const old = await storeAtMigration(engine, "0007-lz4-long-texts");
      try {
        await applyChanges(old.db, { organisations: [], domains: DOMAINS.map((name) => ({ name, tags: [] })), links: [] },
          { source: "test", fileName: null, fileSha256: null, format: "csv", rowCount: DOMAINS.length }, AT);
        const run = await createRun(old.db, { requestedBy: "previous version", testTypes: ["web"] }, AT);
        const ids = new Map((await old.db.selectFrom("domain").select(["id", "name"]).execute()).map((d) => [d.name, d.id]));
        // As the previous version planned: a pending run_domain row per item.
        await old.db.insertInto("run_domain").values(DOMAINS.map((name) => ({
          run_id: run.id, domain_id: ids.get(name)!, test_type: "web", state: "pending", observation_id: null, evidence_id: null, recorded_at: null,
        }))).execute();
        // ... and as it recorded b.example: the row done, pointing at its evidence and observation.
        const b = ids.get("b.example")!;
        const evidence = await old.db.insertInto("evidence").values({ domain_id: b, hash: "e", parts: JSON.stringify([["domain", { json: '"b.example"' }]]), first_seen_at: AT, last_seen_at: AT, first_run_id: run.id, last_run_id: run.id })
          .returning("id").executeTakeFirstOrThrow();
        const tests = [{ id: "web_ipv6_ns_address", status: "passed", verdict: "good", reason: "fine for b.example", points: 0, details: { json: '{"domain":"b.example"}' } }];
        const observation = await old.db.insertInto("observation").values({ domain_id: b, test_type: "web", hash: "o", score: 100, tests: JSON.stringify(tests), first_seen_at: AT, last_seen_at: AT, first_run_id: run.id, last_run_id: run.id })
          .returning("id").executeTakeFirstOrThrow();
        await old.db.updateTable("run_domain").set({ state: "done", observation_id: observation.id, evidence_id: evidence.id, recorded_at: AT })
          .where("run_id", "=", run.id).where("domain_id", "=", b).execute();

        const store = await openStore(old.location);
        try {
          assert.deepEqual(store.migrationsApplied, ["0008-run-plan"]);
          assert.deepEqual(await store.runs.progress(run.id), { planned: 3, done: 1, pending: 2 });
          assert.deepEqual((await store.runs.pending(run.id)).map((p) => [p.domain, p.types]), [["a.example", ["web"]], ["c.example", ["web"]]]);
          const read = [];
          for await (const r of store.runs.results(run.id)) read.push(r);
          assert.deepEqual(read, [{ domain: "b.example", recordedAt: AT, evidence: scan("b.example").evidence, results: scan("b.example").results }]);

          // The resumed run records the rest, and b.example again (an error retried): nothing twice.
          await store.runs.record(run.id, [scan("a.example"), scan("c.example"), scan("b.example")], "2024-03-01T09:00:00.000Z");
          assert.deepEqual(await store.runs.progress(run.id), { planned: 3, done: 3, pending: 0 });
          assert.deepEqual(await store.runs.pending(run.id), []);
          assert.equal((await store.runs.storageCounts()).runItems, 3);
        } finally {
          await store.close();
        }
      } finally {
        await old.db.destroy();
        await old.dispose();
      }
    });
  });
}
