// Recording what a run saw, the Web Security Map way: evidence and judged results get a new row
// only when they differ from the latest row for that domain (and test type); otherwise the latest
// row's last-seen moves forward. run_domain then points at exactly the rows this run saw, so a
// run always reads back as it was while unchanged results cost one small row per run.
//
// A batch of domains is one transaction with a fixed number of statements per batch (lookups
// and inserts are set-based), which keeps storage a small part of a run's time. The statements
// are plain SQL text (sql-text.ts) run through a SqlRunner, so that the recorder thread can
// record without loading kysely. Test details
// and evidence parts are stored as content-addressed blobs (json-blobs.ts), each text once; an
// observation keeps its tests as one JSON list (stored-tests.ts).

import type { DomainScan, TypeScanResult } from "../scan/engine.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import { insertRows, reserveIds } from "./bulk-insert.ts";
import { itemKey } from "./run-item.ts";
import { BlobCollector } from "./json-blobs.ts";
import type { EvidenceParts, JsonRef } from "./json-blobs.ts";
import type { SqlRunner } from "./sql-runner.ts";
import { ident, inList, sqlFor, val } from "./sql-text.ts";
import { storedTests } from "./stored-tests.ts";

type Db = SqlRunner;

const IN_LIST = rowsPerStatement(2);

interface Latest {
  id: number;
  hash: string;
}

/** Records the batch; `db` must be inside a transaction (the batch is stored whole or not at all). */
export async function recordScans(db: Db, runId: number, scans: readonly DomainScan[], at: string): Promise<void> {
  const engine = db.engine;
  // The last scan of a domain in the batch wins, as a later record() call would.
  const byDomain = new Map(scans.map((s) => [s.domain, s]));
  if (byDomain.size === 0) return;
  const domainIds = await ensureDomains(db, runId, [...byDomain.keys()], at);
  const ids = [...domainIds.values()].sort((a, b) => a - b);
  if (engine === "postgres") await lockDomains(db, ids);

  await detachPrevious(db, runId, byDomain, domainIds);
  const latest = await latestRows(db, byDomain, domainIds);
  const blobs = new BlobCollector();
  const evidence = compareEvidence(byDomain, domainIds, latest.evidence, blobs);
  const observations = compareObservations(byDomain, domainIds, latest.observations, blobs);
  await storeBlobs(db, blobs, [...evidence.fresh.flatMap((f) => f.parts.map(([, ref]) => ref)), ...observations.fresh.flatMap((f) => f.details)]);
  // PostgreSQL: both tables' new ids in one round trip (COPY hands none back, see bulk-insert.ts).
  const [newEvidenceIds, newObservationIds] = engine === "postgres"
    ? await reserveIds(db, [{ table: "evidence", column: "id", count: evidence.fresh.length }, { table: "observation", column: "id", count: observations.fresh.length }])
    : [];
  const evidenceIds = await storeEvidence(db, runId, evidence, domainIds, at, newEvidenceIds);
  const observationIds = await storeObservations(db, runId, observations, at, newObservationIds);
  await moveLastSeen(db, [...evidence.same.values()], [...observations.same.values()], runId, at);

  const items = [...byDomain.values()].flatMap((scan) => scan.results.map((r) => ({
    run_id: runId, domain_id: domainIds.get(scan.domain)!, test_type: r.type, state: "done",
    observation_id: observationIds.get(itemKey(domainIds.get(scan.domain)!, r.type))!, evidence_id: evidenceIds.get(scan.domain)!, recorded_at: at,
  })));
  // detachPrevious took out what an earlier recording of these items left: nothing conflicts.
  await insertRows(db, {
    table: "run_domain", rows: items,
    columns: [["run_id", "bigint"], ["domain_id", "bigint"], ["test_type", "text"], ["state", "text"], ["observation_id", "bigint"], ["evidence_id", "bigint"], ["recorded_at", "timestamptz"]],
  });
}

/** Domains scanned outside the register (ad-hoc scans) join it, marked with the run. */
async function ensureDomains(db: Db, runId: number, names: string[], at: string): Promise<Map<string, number>> {
  const q = sqlFor(db.engine);
  const out = new Map<string, number>();
  const lookUp = async (part: string[]) => {
    // PostgreSQL's planner answered a batch's names (as an IN list, or joined) with a scan of
    // the whole register; one index probe per name is what the lookup needs ("limit 1" keeps the
    // planner from turning the probes back into a join).
    const rows = await db.query<{ id: number; name: string }>(db.engine === "postgres"
      ? q`select d.id, d.name from unnest(${val(part)}::text[]) as n(name)
          cross join lateral (select id, name from domain where name = n.name limit 1) as d`
      : q`select id, name from domain where name ${inList(part, "text")}`);
    for (const r of rows) out.set(r.name, r.id);
  };
  for (const part of chunks(names, IN_LIST)) await lookUp(part);
  const missing = names.filter((n) => !out.has(n));
  if (missing.length > 0) {
    // Another worker may add the same domain at the same moment: then use its row.
    await insertRows(db, {
      table: "domain", rows: missing.map((name) => ({ name, purpose: "both", source: `run ${runId}`, first_seen_at: at, last_seen_at: at })),
      columns: [["name", "text"], ["purpose", "text"], ["source", "text"], ["first_seen_at", "timestamptz"], ["last_seen_at", "timestamptz"]],
      onConflict: "on conflict (name) do nothing",
    });
    for (const part of chunks(missing, IN_LIST)) await lookUp(part);
  }
  return out;
}

/**
 * On PostgreSQL several workers may record the same domain for different runs at once; a
 * transaction-scoped advisory lock per domain (taken in id order, so no deadlocks) keeps the
 * "compare with the latest row" step from inserting the same change twice.
 */
async function lockDomains(db: Db, ids: readonly number[]): Promise<void> {
  const q = sqlFor(db.engine);
  for (const part of chunks(ids, IN_LIST)) {
    await db.query(q`select pg_advisory_xact_lock(s.id) from (select id from unnest(${val(part)}::bigint[]) as t(id) order by id) as s`);
  }
}

/**
 * Re-recording (run, domain, type) replaces what the run saw. The earlier recording's run_domain
 * rows go, and the rows they pointed at are let go: rows only this run used are deleted (so the
 * comparison with "the latest row" below sees the history as if the earlier recording never
 * happened), and rows other runs share get their last-seen back from those runs.
 */
async function detachPrevious(db: Db, runId: number, scans: Map<string, DomainScan>, domainIds: Map<string, number>): Promise<void> {
  const recording = new Set<string>();
  for (const s of scans.values()) for (const r of s.results) recording.add(itemKey(domainIds.get(s.domain)!, r.type));
  const q = sqlFor(db.engine);
  const observations = new Set<number>();
  const evidence = new Set<number>();
  // One query for all types (a round trip per type cost more than the query, on PostgreSQL).
  for (const part of chunks([...new Set(domainIds.values())], IN_LIST)) {
    const rows = (await db.query<{ domain_id: number; test_type: string; observation_id: number | null; evidence_id: number | null }>(
      q`select domain_id, test_type, observation_id, evidence_id from run_domain
        where run_id = ${val(runId)} and domain_id ${inList(part, "bigint")}`,
    )).filter((r) => recording.has(itemKey(r.domain_id, r.test_type)));
    if (rows.length === 0) continue;
    for (const r of rows) {
      // Stores from before migration 8 may hold rows that point nowhere (an interrupted re-recording).
      if (r.observation_id !== null) observations.add(r.observation_id);
      if (r.evidence_id !== null) evidence.add(r.evidence_id);
    }
    for (const [type, ids] of Map.groupBy(rows, (r) => r.test_type)) {
      await db.query(q`delete from run_domain
        where run_id = ${val(runId)} and test_type = ${val(type)} and domain_id ${inList(ids.map((r) => r.domain_id), "bigint")}`);
    }
  }
  if (observations.size > 0) await releaseRows(db, "observation", [...observations]);
  if (evidence.size > 0) await releaseRows(db, "evidence", [...evidence]);
}

/** Deletes the rows no run uses any more; gives the others the last-seen of the runs that do. */
async function releaseRows(db: Db, table: "observation" | "evidence", ids: readonly number[]): Promise<void> {
  const q = sqlFor(db.engine);
  const column = table === "observation" ? "observation_id" : "evidence_id";
  for (const part of chunks(ids, IN_LIST)) {
    const used = new Set((await db.query<{ id: number }>(q`select distinct ${ident(column)} as id from run_domain where ${ident(column)} ${inList(part, "bigint")}`)).map((u) => u.id));
    const orphans = part.filter((id) => !used.has(id));
    if (orphans.length > 0) {
      await db.query(q`delete from ${ident(table)} where id ${inList(orphans, "bigint")}`);
    }
    const survivors = part.filter((id) => used.has(id));
    if (survivors.length === 0) continue;
    await db.query(q`update ${ident(table)} set
      last_seen_at = (select max(rd.recorded_at) from run_domain rd where rd.${ident(column)} = ${ident(table)}.id),
      last_run_id = (select max(rd.run_id) from run_domain rd where rd.${ident(column)} = ${ident(table)}.id)
      where id ${inList(survivors, "bigint")}`);
  }
}

interface Comparison<Fresh> {
  /** Rows whose latest version is unchanged, by domain name or by itemKey. */
  same: Map<string, number>;
  fresh: Fresh[];
}

interface FreshEvidence {
  domainId: number;
  hash: string;
  parts: EvidenceParts;
}

/** The latest evidence row of each domain, and the latest observation of each (domain, test type): what a batch compares with. */
interface LatestRows {
  evidence: Map<number, Latest>;
  /** By itemKey. */
  observations: Map<string, Latest>;
}

/** One statement per part of the batch for both tables: each statement is a round trip and a plan. */
async function latestRows(db: Db, scans: Map<string, DomainScan>, domainIds: Map<string, number>): Promise<LatestRows> {
  const q = sqlFor(db.engine);
  const out: LatestRows = { evidence: new Map(), observations: new Map() };
  const types = [...new Set([...scans.values()].flatMap((s) => s.results.map((r) => r.type)))];
  for (const part of chunks([...domainIds.values()], IN_LIST)) {
    // PostgreSQL planned max(id) ... group by as a scan of the whole table (growing with every
    // change stored); a lateral "latest row" per domain (and type) reads one index entry each.
    const rows = await db.query<Latest & { domain_id: number; test_type: string | null }>(db.engine === "postgres"
      ? q`select e.id, e.domain_id, null as test_type, e.hash from unnest(${val(part)}::bigint[]) as d(id)
          cross join lateral (select id, domain_id, hash from evidence where domain_id = d.id order by id desc limit 1) as e
          union all
          select o.id, o.domain_id, o.test_type, o.hash
          from unnest(${val(part)}::bigint[]) as d(id) cross join unnest(${val(types)}::text[]) as t(type)
          cross join lateral (select id, domain_id, test_type, hash from observation where domain_id = d.id and test_type = t.type order by id desc limit 1) as o`
      : q`select id, domain_id, null as test_type, hash from evidence
          where id in (select max(id) from evidence where domain_id ${inList(part, "bigint")} group by domain_id)
          union all
          select id, domain_id, test_type, hash from observation
          where id in (select max(id) from observation where domain_id ${inList(part, "bigint")} group by domain_id, test_type)`);
    for (const r of rows) {
      if (r.test_type === null) out.evidence.set(r.domain_id, r);
      else out.observations.set(itemKey(r.domain_id, r.test_type), r);
    }
  }
  return out;
}

function compareEvidence(scans: Map<string, DomainScan>, domainIds: Map<string, number>, latest: Map<number, Latest>, blobs: BlobCollector): Comparison<FreshEvidence> {
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

function compareObservations(scans: Map<string, DomainScan>, domainIds: Map<string, number>, latest: Map<string, Latest>, blobs: BlobCollector): Comparison<FreshObservation> {
  const same = new Map<string, number>();
  const fresh: FreshObservation[] = [];
  for (const scan of scans.values()) {
    const domainId = domainIds.get(scan.domain)!;
    for (const result of scan.results) {
      const key = itemKey(domainId, result.type);
      const { details, change } = blobs.observation(scan.domain, result.score, result.tests);
      const prev = latest.get(key);
      if (prev && prev.hash === change) same.set(key, prev.id);
      else fresh.push({ domainId, result, hash: change, details });
    }
  }
  return { same, fresh };
}

/** Blobs already stored (by other domains, runs or tests) are left as they are. */
async function storeBlobs(db: Db, blobs: BlobCollector, refs: readonly JsonRef[]): Promise<void> {
  await insertRows(db, {
    table: "blob", rows: blobs.blobsFor(refs), columns: [["hash", "text"], ["body", "text"]],
    onConflict: "on conflict (hash) do nothing",
  });
}

/** `ids`: PostgreSQL, the new rows' ids, reserved (reserveIds). */
async function storeEvidence(db: Db, runId: number, c: Comparison<FreshEvidence>, domainIds: Map<string, number>, at: string, ids?: readonly number[]): Promise<Map<string, number>> {
  const out = new Map(c.same);
  const nameById = new Map([...domainIds].map(([name, id]) => [id, name]));
  const rows = c.fresh.map((f) => ({ domain_id: f.domainId, hash: f.hash, parts: JSON.stringify(f.parts), first_seen_at: at, last_seen_at: at, first_run_id: runId, last_run_id: runId }));
  const inserted = await insertRows<typeof rows[number], { id: number; domain_id: number }>(db, {
    table: "evidence", rows, returning: ["id", "domain_id"], generatedId: "id", ...(ids ? { ids } : {}),
    columns: [["domain_id", "bigint"], ["hash", "text"], ["parts", "text"], ["first_seen_at", "timestamptz"], ["last_seen_at", "timestamptz"], ["first_run_id", "bigint"], ["last_run_id", "bigint"]],
  });
  for (const r of inserted) out.set(nameById.get(r.domain_id)!, r.id);
  return out;
}

/** `ids`: PostgreSQL, the new rows' ids, reserved (reserveIds). */
async function storeObservations(db: Db, runId: number, c: Comparison<FreshObservation>, at: string, ids?: readonly number[]): Promise<Map<string, number>> {
  const out = new Map(c.same);
  const rows = c.fresh.map((f) => ({
    domain_id: f.domainId, test_type: f.result.type, hash: f.hash, score: f.result.score, tests: JSON.stringify(storedTests(f.result.tests, f.details)),
    first_seen_at: at, last_seen_at: at, first_run_id: runId, last_run_id: runId,
  }));
  const inserted = await insertRows<typeof rows[number], { id: number; domain_id: number; test_type: string }>(db, {
    table: "observation", rows, returning: ["id", "domain_id", "test_type"], generatedId: "id", ...(ids ? { ids } : {}),
    columns: [["domain_id", "bigint"], ["test_type", "text"], ["hash", "text"], ["score", "integer"], ["tests", "text"], ["first_seen_at", "timestamptz"], ["last_seen_at", "timestamptz"], ["first_run_id", "bigint"], ["last_run_id", "bigint"]],
  });
  for (const r of inserted) out.set(itemKey(r.domain_id, r.test_type), r.id);
  return out;
}

/**
 * Unchanged rows were seen again by this run (unless a later run saw them already). PostgreSQL
 * moves both tables' rows in one statement: one round trip instead of two.
 */
async function moveLastSeen(db: Db, evidenceIds: readonly number[], observationIds: readonly number[], runId: number, at: string): Promise<void> {
  const q = sqlFor(db.engine);
  if (db.engine === "postgres" && evidenceIds.length > 0 && observationIds.length > 0) {
    await db.query(q`with e as (update evidence set last_seen_at = ${val(at)}, last_run_id = ${val(runId)} where id ${inList(evidenceIds, "bigint")} and last_seen_at <= ${val(at)})
      update observation set last_seen_at = ${val(at)}, last_run_id = ${val(runId)} where id ${inList(observationIds, "bigint")} and last_seen_at <= ${val(at)}`);
    return;
  }
  for (const [table, ids] of [["evidence", evidenceIds], ["observation", observationIds]] as const) {
    for (const part of chunks(ids, IN_LIST)) {
      await db.query(q`update ${ident(table)} set last_seen_at = ${val(at)}, last_run_id = ${val(runId)} where id ${inList(part, "bigint")} and last_seen_at <= ${val(at)}`);
    }
  }
}
