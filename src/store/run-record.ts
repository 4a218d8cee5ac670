// Recording what a run saw, the Web Security Map way: evidence and judged results get a new row
// only when they differ from the latest row for that domain (and test type); otherwise the latest
// row's last-seen moves forward. run_domain then points at exactly the rows this run saw, so a
// run always reads back as it was while unchanged results cost one small row per run.
//
// A batch of domains is one transaction with a fixed number of statements per batch (lookups
// and inserts are set-based), which keeps storage a small part of a run's time.

import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DomainScan, TypeScanResult } from "../scan/engine.ts";
import { contentHash } from "./content-hash.ts";
import type { Engine } from "./engine.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database>;

const IN_LIST = rowsPerStatement(2);

interface Latest {
  id: number;
  hash: string;
}

export async function recordScans(db: Db, engine: Engine, runId: number, scans: readonly DomainScan[], at: string): Promise<void> {
  // The last scan of a domain in the batch wins, as a later record() call would.
  const byDomain = new Map(scans.map((s) => [s.domain, s]));
  if (byDomain.size === 0) return;
  const domainIds = await ensureDomains(db, runId, [...byDomain.keys()], at);
  const ids = [...domainIds.values()].sort((a, b) => a - b);
  if (engine === "postgres") await lockDomains(db, ids);

  await detachPrevious(db, runId, byDomain, domainIds);
  const evidenceIds = await storeEvidence(db, runId, byDomain, domainIds, at);
  const observationIds = await storeObservations(db, runId, byDomain, domainIds, at);

  const items = [...byDomain.values()].flatMap((scan) => scan.results.map((r) => ({
    run_id: runId, domain_id: domainIds.get(scan.domain)!, test_type: r.type, state: "done",
    observation_id: observationIds.get(`${domainIds.get(scan.domain)} ${r.type}`)!, evidence_id: evidenceIds.get(scan.domain)!, recorded_at: at,
  })));
  for (const part of chunks(items, rowsPerStatement(7))) {
    await db.insertInto("run_domain").values(part).onConflict((oc) => oc.columns(["run_id", "domain_id", "test_type"]).doUpdateSet((eb) => ({
      state: eb.ref("excluded.state"), observation_id: eb.ref("excluded.observation_id"),
      evidence_id: eb.ref("excluded.evidence_id"), recorded_at: eb.ref("excluded.recorded_at"),
    }))).execute();
  }
}

/** Domains scanned outside the register (ad-hoc scans) join it, marked with the run. */
async function ensureDomains(db: Db, runId: number, names: string[], at: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks(names, IN_LIST)) {
    for (const r of await db.selectFrom("domain").select(["id", "name"]).where("name", "in", part).execute()) out.set(r.name, r.id);
  }
  const missing = names.filter((n) => !out.has(n));
  for (const part of chunks(missing, rowsPerStatement(5))) {
    // Another worker may add the same domain at the same moment: then use its row.
    await db.insertInto("domain").values(part.map((name) => ({ name, purpose: "both", source: `run ${runId}`, first_seen_at: at, last_seen_at: at })))
      .onConflict((oc) => oc.column("name").doNothing()).execute();
    for (const r of await db.selectFrom("domain").select(["id", "name"]).where("name", "in", part).execute()) out.set(r.name, r.id);
  }
  return out;
}

/**
 * On PostgreSQL several workers may record the same domain for different runs at once; a
 * transaction-scoped advisory lock per domain (taken in id order, so no deadlocks) keeps the
 * "compare with the latest row" step from inserting the same change twice.
 */
async function lockDomains(db: Db, ids: readonly number[]): Promise<void> {
  for (const part of chunks(ids, IN_LIST)) {
    await sql`select pg_advisory_xact_lock(s.id) from (select id from unnest(${sql.val(part)}::bigint[]) as t(id) order by id) as s`.execute(db);
  }
}

/**
 * Re-recording (run, domain, type) replaces what the run saw. The rows the earlier recording
 * pointed at are let go first: rows only this run used are deleted (so the comparison with "the
 * latest row" below sees the history as if the earlier recording never happened), and rows other
 * runs share get their last-seen back from those runs.
 */
async function detachPrevious(db: Db, runId: number, scans: Map<string, DomainScan>, domainIds: Map<string, number>): Promise<void> {
  const byType = new Map<string, number[]>();
  for (const s of scans.values()) for (const r of s.results) byType.set(r.type, [...(byType.get(r.type) ?? []), domainIds.get(s.domain)!]);
  const observations = new Set<number>();
  const evidence = new Set<number>();
  for (const [type, ids] of byType) {
    for (const part of chunks(ids, IN_LIST)) {
      const rows = await db.selectFrom("run_domain").select(["observation_id", "evidence_id"])
        .where("run_id", "=", runId).where("test_type", "=", type).where("domain_id", "in", part).where("observation_id", "is not", null).execute();
      if (rows.length === 0) continue;
      for (const r of rows) {
        observations.add(r.observation_id!);
        evidence.add(r.evidence_id!);
      }
      await db.updateTable("run_domain").set({ observation_id: null, evidence_id: null })
        .where("run_id", "=", runId).where("test_type", "=", type).where("domain_id", "in", part).execute();
    }
  }
  if (observations.size > 0) await releaseRows(db, "observation", [...observations]);
  if (evidence.size > 0) await releaseRows(db, "evidence", [...evidence]);
}

/** Deletes the rows no run uses any more; gives the others the last-seen of the runs that do. */
async function releaseRows(db: Db, table: "observation" | "evidence", ids: readonly number[]): Promise<void> {
  const column = table === "observation" ? "observation_id" : "evidence_id";
  for (const part of chunks(ids, IN_LIST)) {
    const used = new Set((await db.selectFrom("run_domain").select(column).distinct().where(column, "in", part).execute()).map((u) => u[column]));
    const orphans = part.filter((id) => !used.has(id));
    if (orphans.length > 0) {
      if (table === "observation") await db.deleteFrom("observation_test").where("observation_id", "in", orphans).execute();
      await db.deleteFrom(table).where("id", "in", orphans).execute();
    }
    const survivors = part.filter((id) => used.has(id));
    if (survivors.length === 0) continue;
    await db.updateTable(table).set({
      last_seen_at: sql<string>`(select max(rd.recorded_at) from run_domain rd where rd.${sql.ref(column)} = ${sql.table(table)}.id)`,
      last_run_id: sql<number>`(select max(rd.run_id) from run_domain rd where rd.${sql.ref(column)} = ${sql.table(table)}.id)`,
    }).where("id", "in", survivors).execute();
  }
}

async function storeEvidence(db: Db, runId: number, scans: Map<string, DomainScan>, domainIds: Map<string, number>, at: string): Promise<Map<string, number>> {
  const ids = [...domainIds.values()];
  const latest = new Map<number, Latest>();
  for (const part of chunks(ids, IN_LIST)) {
    const rows = await db.selectFrom("evidence").select(["id", "domain_id", "hash"])
      .where("id", "in", (eb) => eb.selectFrom("evidence").select((e) => e.fn.max("id").as("id")).where("domain_id", "in", part).groupBy("domain_id"))
      .execute();
    for (const r of rows) latest.set(r.domain_id, r);
  }
  const out = new Map<string, number>();
  const unchanged: number[] = [];
  const fresh: { domain_id: number; hash: string; body: string; first_seen_at: string; last_seen_at: string; first_run_id: number; last_run_id: number }[] = [];
  for (const scan of scans.values()) {
    const domainId = domainIds.get(scan.domain)!;
    const hash = contentHash(scan.evidence);
    const prev = latest.get(domainId);
    if (prev && prev.hash === hash) {
      out.set(scan.domain, prev.id);
      unchanged.push(prev.id);
    } else {
      fresh.push({ domain_id: domainId, hash, body: JSON.stringify(scan.evidence), first_seen_at: at, last_seen_at: at, first_run_id: runId, last_run_id: runId });
    }
  }
  const nameById = new Map([...domainIds].map(([name, id]) => [id, name]));
  for (const part of chunks(fresh, rowsPerStatement(7))) {
    for (const r of await db.insertInto("evidence").values(part).returning(["id", "domain_id"]).execute()) out.set(nameById.get(r.domain_id)!, r.id);
  }
  for (const part of chunks(unchanged, IN_LIST)) {
    await db.updateTable("evidence").set({ last_seen_at: at, last_run_id: runId }).where("id", "in", part).where("last_seen_at", "<=", at).execute();
  }
  return out;
}

function observationHash(r: TypeScanResult): string {
  return contentHash({ score: r.score, tests: Object.entries(r.tests) });
}

async function storeObservations(db: Db, runId: number, scans: Map<string, DomainScan>, domainIds: Map<string, number>, at: string): Promise<Map<string, number>> {
  const ids = [...domainIds.values()];
  const latest = new Map<string, Latest>();
  for (const part of chunks(ids, IN_LIST)) {
    const rows = await db.selectFrom("observation").select(["id", "domain_id", "test_type", "hash"])
      .where("id", "in", (eb) => eb.selectFrom("observation").select((e) => e.fn.max("id").as("id")).where("domain_id", "in", part).groupBy(["domain_id", "test_type"]))
      .execute();
    for (const r of rows) latest.set(`${r.domain_id} ${r.test_type}`, r);
  }
  const out = new Map<string, number>();
  const unchanged: number[] = [];
  const fresh: { row: { domain_id: number; test_type: string; hash: string; score: number | null; first_seen_at: string; last_seen_at: string; first_run_id: number; last_run_id: number }; result: TypeScanResult }[] = [];
  for (const scan of scans.values()) {
    const domainId = domainIds.get(scan.domain)!;
    for (const result of scan.results) {
      const key = `${domainId} ${result.type}`;
      const hash = observationHash(result);
      const prev = latest.get(key);
      if (prev && prev.hash === hash) {
        out.set(key, prev.id);
        unchanged.push(prev.id);
      } else {
        fresh.push({ row: { domain_id: domainId, test_type: result.type, hash, score: result.score, first_seen_at: at, last_seen_at: at, first_run_id: runId, last_run_id: runId }, result });
      }
    }
  }
  for (const part of chunks(fresh, rowsPerStatement(8))) {
    const rows = await db.insertInto("observation").values(part.map((f) => f.row)).returning(["id", "domain_id", "test_type"]).execute();
    for (const r of rows) out.set(`${r.domain_id} ${r.test_type}`, r.id);
  }
  const tests = fresh.flatMap((f) => Object.entries(f.result.tests).map(([testId, t], position) => ({
    observation_id: out.get(`${f.row.domain_id} ${f.row.test_type}`)!, position, test_id: testId, status: t.status, verdict: t.verdict,
    reason: t.reason, details: JSON.stringify(t.details), points: t.points ?? null,
  })));
  for (const part of chunks(tests, rowsPerStatement(8))) await db.insertInto("observation_test").values(part).execute();
  for (const part of chunks(unchanged, IN_LIST)) {
    await db.updateTable("observation").set({ last_seen_at: at, last_run_id: runId }).where("id", "in", part).where("last_seen_at", "<=", at).execute();
  }
  return out;
}
