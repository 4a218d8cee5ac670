// Recording what a run saw, the Web Security Map way: evidence and judged results get a new row
// only when they differ from the latest row for that domain (and test type); otherwise the latest
// row's last-seen moves forward. run_domain then points at exactly the rows this run saw, so a
// run always reads back as it was while unchanged results cost one small row per run.
//
// A batch of domains is one transaction with a fixed number of statements per batch (lookups
// and inserts are set-based), which keeps storage a small part of a run's time. Test details
// and evidence parts are stored as content-addressed blobs (json-blobs.ts), each text once; an
// observation keeps its tests as one JSON list (stored-tests.ts).

import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DomainScan, TypeScanResult } from "../scan/engine.ts";
import type { Engine } from "./engine.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import { insertRows } from "./bulk-insert.ts";
import { BlobCollector } from "./json-blobs.ts";
import type { EvidenceParts, JsonRef } from "./json-blobs.ts";
import { storedTests } from "./stored-tests.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database>;

const IN_LIST = rowsPerStatement(2);
/** Blobs are a few KB each: fewer rows per statement keep statements to a few MB. */
const BLOB_ROWS = 500;

interface Latest {
  id: number;
  hash: string;
}

export async function recordScans(db: Db, engine: Engine, runId: number, scans: readonly DomainScan[], at: string): Promise<void> {
  // The last scan of a domain in the batch wins, as a later record() call would.
  const byDomain = new Map(scans.map((s) => [s.domain, s]));
  if (byDomain.size === 0) return;
  if (engine === "postgres") await tuneTransaction(db);
  const domainIds = await ensureDomains(db, engine, runId, [...byDomain.keys()], at);
  const ids = [...domainIds.values()].sort((a, b) => a - b);
  if (engine === "postgres") await lockDomains(db, ids);

  await detachPrevious(db, runId, byDomain, domainIds);
  const blobs = new BlobCollector();
  const evidence = await compareEvidence(db, engine, byDomain, domainIds, blobs);
  const observations = await compareObservations(db, engine, byDomain, domainIds, blobs);
  await storeBlobs(db, engine, blobs, [...evidence.fresh.flatMap((f) => f.parts.map(([, ref]) => ref)), ...observations.fresh.flatMap((f) => f.details)]);
  const evidenceIds = await storeEvidence(db, engine, runId, evidence, domainIds, at);
  const observationIds = await storeObservations(db, engine, runId, observations, at);

  const items = [...byDomain.values()].flatMap((scan) => scan.results.map((r) => ({
    run_id: runId, domain_id: domainIds.get(scan.domain)!, test_type: r.type, state: "done",
    observation_id: observationIds.get(`${domainIds.get(scan.domain)} ${r.type}`)!, evidence_id: evidenceIds.get(scan.domain)!, recorded_at: at,
  })));
  await insertRows(db, engine, {
    table: "run_domain", rows: items,
    columns: [["run_id", "bigint"], ["domain_id", "bigint"], ["test_type", "text"], ["state", "text"], ["observation_id", "bigint"], ["evidence_id", "bigint"], ["recorded_at", "timestamptz"]],
    onConflict: "on conflict (run_id, domain_id, test_type) do update set state = excluded.state, observation_id = excluded.observation_id, evidence_id = excluded.evidence_id, recorded_at = excluded.recorded_at",
  });
}

/**
 * PostgreSQL settings for this transaction only. Every query here looks rows up by key, but
 * during a first run the statistics trail far behind the tables (they grow by thousands of rows
 * a second), and the planner then chose whole-table scans that grew slower batch by batch: so no
 * sequential scans where an index serves. And the commit does not wait for the WAL to reach the
 * disk: if the database server itself crashes within that moment, the last batches are lost
 * whole (never half), their domains are still pending, and `meetlat run --resume` measures them
 * again; a killed meetlat loses nothing either way.
 */
async function tuneTransaction(db: Db): Promise<void> {
  await sql`select set_config('enable_seqscan', 'off', true), set_config('synchronous_commit', 'off', true)`.execute(db);
}

/** Domains scanned outside the register (ad-hoc scans) join it, marked with the run. */
async function ensureDomains(db: Db, engine: Engine, runId: number, names: string[], at: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const lookUp = async (part: string[]) => {
    // PostgreSQL's planner answered a batch's names (as an IN list, or joined) with a scan of
    // the whole register; one index probe per name is what the lookup needs ("limit 1" keeps the
    // planner from turning the probes back into a join).
    const rows = engine === "postgres"
      ? (await sql<{ id: number; name: string }>`select d.id, d.name from unnest(${sql.val(part)}::text[]) as n(name)
          cross join lateral (select id, name from domain where name = n.name limit 1) as d`.execute(db)).rows
      : await db.selectFrom("domain").select(["id", "name"]).where("name", "in", part).execute();
    for (const r of rows) out.set(r.name, r.id);
  };
  for (const part of chunks(names, IN_LIST)) await lookUp(part);
  const missing = names.filter((n) => !out.has(n));
  for (const part of chunks(missing, rowsPerStatement(5))) {
    // Another worker may add the same domain at the same moment: then use its row.
    await db.insertInto("domain").values(part.map((name) => ({ name, purpose: "both", source: `run ${runId}`, first_seen_at: at, last_seen_at: at })))
      .onConflict((oc) => oc.column("name").doNothing()).execute();
    await lookUp(part);
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
  const recording = new Set<string>();
  for (const s of scans.values()) for (const r of s.results) recording.add(`${domainIds.get(s.domain)} ${r.type}`);
  const observations = new Set<number>();
  const evidence = new Set<number>();
  // One query for all types (a round trip per type cost more than the query, on PostgreSQL).
  for (const part of chunks([...new Set(domainIds.values())], IN_LIST)) {
    const rows = (await db.selectFrom("run_domain").select(["domain_id", "test_type", "observation_id", "evidence_id"])
      .where("run_id", "=", runId).where("domain_id", "in", part).where("observation_id", "is not", null).execute())
      .filter((r) => recording.has(`${r.domain_id} ${r.test_type}`));
    if (rows.length === 0) continue;
    for (const r of rows) {
      observations.add(r.observation_id!);
      evidence.add(r.evidence_id!);
    }
    for (const [type, ids] of Map.groupBy(rows, (r) => r.test_type)) {
      await db.updateTable("run_domain").set({ observation_id: null, evidence_id: null })
        .where("run_id", "=", runId).where("test_type", "=", type).where("domain_id", "in", ids.map((r) => r.domain_id)).execute();
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

interface Comparison<Fresh> {
  /** Rows whose latest version is unchanged, by domain name or "domainId type". */
  same: Map<string, number>;
  fresh: Fresh[];
}

interface FreshEvidence {
  domainId: number;
  hash: string;
  parts: EvidenceParts;
}

async function compareEvidence(db: Db, engine: Engine, scans: Map<string, DomainScan>, domainIds: Map<string, number>, blobs: BlobCollector): Promise<Comparison<FreshEvidence>> {
  const latest = new Map<number, Latest>();
  for (const part of chunks([...domainIds.values()], IN_LIST)) {
    // PostgreSQL planned max(id) ... group by as a scan of the whole table (growing with every
    // change stored); a lateral "latest row" per domain reads one index entry each.
    const rows = engine === "postgres"
      ? (await sql<Latest & { domain_id: number }>`select e.id, e.domain_id, e.hash from unnest(${sql.val(part)}::bigint[]) as d(id)
          cross join lateral (select id, domain_id, hash from evidence where domain_id = d.id order by id desc limit 1) as e`.execute(db)).rows
      : await db.selectFrom("evidence").select(["id", "domain_id", "hash"])
        .where("id", "in", (eb) => eb.selectFrom("evidence").select((e) => e.fn.max("id").as("id")).where("domain_id", "in", part).groupBy("domain_id"))
        .execute();
    for (const r of rows) latest.set(r.domain_id, r);
  }
  const same = new Map<string, number>();
  const fresh: FreshEvidence[] = [];
  for (const scan of scans.values()) {
    const domainId = domainIds.get(scan.domain)!;
    const { parts, change } = blobs.evidence(scan.domain, scan.evidence);
    const prev = latest.get(domainId);
    if (prev && prev.hash === change) same.set(scan.domain, prev.id);
    else fresh.push({ domainId, hash: change, parts });
  }
  return { same, fresh };
}

interface FreshObservation {
  domainId: number;
  result: TypeScanResult;
  hash: string;
  /** Where each test's details are, in the order of result.tests. */
  details: JsonRef[];
}

async function compareObservations(db: Db, engine: Engine, scans: Map<string, DomainScan>, domainIds: Map<string, number>, blobs: BlobCollector): Promise<Comparison<FreshObservation>> {
  const latest = new Map<string, Latest>();
  const types = [...new Set([...scans.values()].flatMap((s) => s.results.map((r) => r.type)))];
  for (const part of chunks([...domainIds.values()], IN_LIST)) {
    const rows = engine === "postgres"
      ? (await sql<Latest & { domain_id: number; test_type: string }>`select o.id, o.domain_id, o.test_type, o.hash
          from unnest(${sql.val(part)}::bigint[]) as d(id) cross join unnest(${sql.val(types)}::text[]) as t(type)
          cross join lateral (select id, domain_id, test_type, hash from observation where domain_id = d.id and test_type = t.type order by id desc limit 1) as o`.execute(db)).rows
      : await db.selectFrom("observation").select(["id", "domain_id", "test_type", "hash"])
        .where("id", "in", (eb) => eb.selectFrom("observation").select((e) => e.fn.max("id").as("id")).where("domain_id", "in", part).groupBy(["domain_id", "test_type"]))
        .execute();
    for (const r of rows) latest.set(`${r.domain_id} ${r.test_type}`, r);
  }
  const same = new Map<string, number>();
  const fresh: FreshObservation[] = [];
  for (const scan of scans.values()) {
    const domainId = domainIds.get(scan.domain)!;
    for (const result of scan.results) {
      const key = `${domainId} ${result.type}`;
      const { details, change } = blobs.observation(scan.domain, result.score, result.tests);
      const prev = latest.get(key);
      if (prev && prev.hash === change) same.set(key, prev.id);
      else fresh.push({ domainId, result, hash: change, details });
    }
  }
  return { same, fresh };
}

/** Blobs already stored (by other domains, runs or tests) are left as they are. */
async function storeBlobs(db: Db, engine: Engine, blobs: BlobCollector, refs: readonly JsonRef[]): Promise<void> {
  await insertRows(db, engine, {
    table: "blob", rows: blobs.blobsFor(refs), columns: [["hash", "text"], ["body", "text"]],
    onConflict: "on conflict (hash) do nothing", pgRows: BLOB_ROWS, pgValues: true,
  });
}

async function storeEvidence(db: Db, engine: Engine, runId: number, c: Comparison<FreshEvidence>, domainIds: Map<string, number>, at: string): Promise<Map<string, number>> {
  const out = new Map(c.same);
  const nameById = new Map([...domainIds].map(([name, id]) => [id, name]));
  const rows = c.fresh.map((f) => ({ domain_id: f.domainId, hash: f.hash, parts: JSON.stringify(f.parts), first_seen_at: at, last_seen_at: at, first_run_id: runId, last_run_id: runId }));
  const inserted = await insertRows<typeof rows[number], { id: number; domain_id: number }>(db, engine, {
    table: "evidence", rows, returning: ["id", "domain_id"],
    columns: [["domain_id", "bigint"], ["hash", "text"], ["parts", "text"], ["first_seen_at", "timestamptz"], ["last_seen_at", "timestamptz"], ["first_run_id", "bigint"], ["last_run_id", "bigint"]],
  });
  for (const r of inserted) out.set(nameById.get(r.domain_id)!, r.id);
  for (const part of chunks([...c.same.values()], IN_LIST)) {
    await db.updateTable("evidence").set({ last_seen_at: at, last_run_id: runId }).where("id", "in", part).where("last_seen_at", "<=", at).execute();
  }
  return out;
}

async function storeObservations(db: Db, engine: Engine, runId: number, c: Comparison<FreshObservation>, at: string): Promise<Map<string, number>> {
  const out = new Map(c.same);
  const rows = c.fresh.map((f) => ({
    domain_id: f.domainId, test_type: f.result.type, hash: f.hash, score: f.result.score, tests: JSON.stringify(storedTests(f.result.tests, f.details)),
    first_seen_at: at, last_seen_at: at, first_run_id: runId, last_run_id: runId,
  }));
  const inserted = await insertRows<typeof rows[number], { id: number; domain_id: number; test_type: string }>(db, engine, {
    table: "observation", rows, returning: ["id", "domain_id", "test_type"],
    columns: [["domain_id", "bigint"], ["test_type", "text"], ["hash", "text"], ["score", "integer"], ["tests", "text"], ["first_seen_at", "timestamptz"], ["last_seen_at", "timestamptz"], ["first_run_id", "bigint"], ["last_run_id", "bigint"]],
  });
  for (const r of inserted) out.set(`${r.domain_id} ${r.test_type}`, r.id);
  for (const part of chunks([...c.same.values()], IN_LIST)) {
    await db.updateTable("observation").set({ last_seen_at: at, last_run_id: runId }).where("id", "in", part).where("last_seen_at", "<=", at).execute();
  }
  return out;
}
