// Migration 0004 (details and evidence stored once by content) on both engines: a store written
// by the previous version reads back exactly as before, its JSON is kept once however many tests
// repeat it, and the next run with the same results is recognised as unchanged (the migration
// recomputed the change hashes the way the recorder now builds them).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "kysely";
import type { TestResult } from "../../../src/checks/result.ts";
import type { DomainEvidence } from "../../../src/probes/evidence.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { openStore } from "../../../src/store/open-store.ts";
import { applyChanges } from "../../../src/store/register-apply.ts";
import { createRun } from "../../../src/store/run-meta.ts";
import { recordScansInOldFormat } from "./old-format-0002.ts";
import { STORE_ENGINES } from "./store-engines.ts";
import { storeAtMigration } from "./store-at-migration.ts";

const AT = "2024-03-01T08:00:00.000Z";

/** A scan whose tests repeat the evidence, as the real checks do, with moments in it. */
function scan(domain: string, observedAt: string): DomainScan {
  const nameServers = { zone: domain, servers: [{ name: `ns1.${domain}`, ipv4: ["192.0.2.53"], ipv6: [], ignoredMappedIpv6: [], ipv6Reach: [] }] };
  const rpki = { data: { configured: true, sources: [{ sha256: "abc", loadedAt: observedAt }] }, observedAt, hosts: [{ host: domain, addresses: [] }] };
  const evidence = { domain, nameServers, rpkiNameServers: rpki } as unknown as DomainEvidence;
  const t = (status: TestResult["status"], details: Record<string, unknown>, points?: number): TestResult =>
    ({ status, verdict: status, reason: `${status} for ${domain}`, details, ...(points === undefined ? {} : { points }) });
  return {
    domain, evidence,
    results: [
      { domain, type: "web", score: 50, tests: { web_ipv6_ns_address: t("failed", { ...nameServers }, 0), web_ns_rpki_valid: t("passed", { ...rpki }, 5), web_ipv6_ns_reach: t("not_tested", { ...nameServers }) } },
      { domain, type: "mail", score: null, tests: { mail_ipv6_ns_address: t("failed", { ...nameServers }, 0), mail_ns_rpki_valid: t("passed", { ...rpki }, 5) } },
    ],
  };
}


for (const engine of STORE_ENGINES) {
  describe(`details and evidence stored once by content: migration 0004 (${engine.name})`, { skip: engine.skip }, () => {
    it("upgrades a store of the previous version: exact read-back, JSON once, the same results unchanged", async () => {
      const old = await storeAtMigration(engine, "0003-explanations");
      try {
        const scans = [scan("a.example", "2024-03-01T07:59:00.000Z"), scan("b.example", "2024-03-01T07:59:30.000Z")];
        await applyChanges(old.db, { organisations: [], domains: scans.map((s) => ({ name: s.domain, tags: [] })), links: [] },
          { source: "test", fileName: null, fileSha256: null, format: "csv", rowCount: 2 }, AT);
        const run = await createRun(old.db, { requestedBy: "previous version", testTypes: ["web", "mail"] }, AT);
        await recordScansInOldFormat(old.db, run.id, scans, AT);

        const store = await openStore(old.location);
        try {
          assert.deepEqual(store.migrationsApplied, ["0004-json-blobs", "0005-lean-run-tables", "0006-tests-in-observation", "0007-lz4-long-texts", "0008-run-plan"]);
          const read = [];
          for await (const r of store.runs.results(run.id)) read.push(r);
          assert.deepEqual(read, scans.map((s) => ({ domain: s.domain, recordedAt: AT, evidence: s.evidence, results: s.results })));

          // Per domain: its name, name servers and RPKI evidence; the tests' details are the
          // same texts (the copies of the name-server evidence and the RPKI evidence).
          const blobs = Number((await sql<{ n: number }>`select count(*) as n from blob`.execute(old.db)).rows[0]!.n);
          assert.equal(blobs, 2 * 3);

          // The same results (moments later) in a new run: recognised as unchanged.
          const before = await store.runs.storageCounts();
          const next = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
          await store.runs.record(next.id, [scan("a.example", "2024-03-02T07:59:00.000Z"), scan("b.example", "2024-03-02T07:59:30.000Z")], "2024-03-02T08:00:00.000Z");
          const after = await store.runs.storageCounts();
          assert.deepEqual({ ...after, runs: before.runs, runItems: before.runItems }, before);
          assert.equal(after.runItems, before.runItems + 4);
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
