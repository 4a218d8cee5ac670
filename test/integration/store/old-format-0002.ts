// Writes run results the way meetlat did before migration 0004 (details and evidence inline, the
// change hashes of that time), into a store migrated only that far: what upgrade tests start from.
// Fresh stores only (every result is stored as new), which is all those tests need.

import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DomainScan } from "../../../src/scan/engine.ts";

/** The change hash of that time: sha256 of the JSON text with its moments cut. */
function oldHash(value: unknown): string {
  const text = JSON.stringify(value).replace(/"(?:observedAt|loadedAt|fetchedAt)":"[^"\\]*"/g, "");
  return createHash("sha256").update(text).digest("base64url");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema of that time, not today's
export async function recordScansInOldFormat(db: Kysely<any>, runId: number, scans: readonly DomainScan[], at: string): Promise<void> {
  for (const scan of scans) {
    const domain = await db.selectFrom("domain").select("id").where("name", "=", scan.domain).executeTakeFirstOrThrow() as { id: number };
    const seen = { first_seen_at: at, last_seen_at: at, first_run_id: runId, last_run_id: runId };
    const evidence = await db.insertInto("evidence").values({ domain_id: domain.id, hash: oldHash(scan.evidence), body: JSON.stringify(scan.evidence), ...seen })
      .returning("id").executeTakeFirstOrThrow() as { id: number };
    for (const r of scan.results) {
      const observation = await db.insertInto("observation").values({ domain_id: domain.id, test_type: r.type, hash: oldHash({ score: r.score, tests: Object.entries(r.tests) }), score: r.score, ...seen })
        .returning("id").executeTakeFirstOrThrow() as { id: number };
      for (const [position, [testId, t]] of Object.entries(r.tests).entries()) {
        await db.insertInto("observation_test").values({
          observation_id: observation.id, position, test_id: testId, status: t.status, verdict: t.verdict, reason: t.reason,
          details: JSON.stringify(t.details), points: t.points ?? null,
        }).execute();
      }
      await db.insertInto("run_domain").values({ run_id: runId, domain_id: domain.id, test_type: r.type, state: "done", observation_id: observation.id, evidence_id: evidence.id, recorded_at: at })
        .onConflict((oc) => oc.columns(["run_id", "domain_id", "test_type"]).doUpdateSet({ state: "done", observation_id: observation.id, evidence_id: evidence.id, recorded_at: at })).execute();
    }
  }
}
