// Reading runs back: a run's results streamed in domain order (a page of domains per round of
// queries, so memory does not grow with the run), and a domain's history per test type.

import type { Kysely } from "kysely";
import type { TestResult, TestType } from "../checks/result.ts";
import type { DomainEvidence } from "../probes/evidence.ts";
import type { TypeScanResult } from "../scan/engine.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import { blobHashes, evidenceText } from "./json-blobs.ts";
import type { EvidenceParts } from "./json-blobs.ts";
import type { Database } from "./schema.ts";
import { parseStoredTests, testResults } from "./stored-tests.ts";
import type { ObservationPeriod, RunDomainResult, StorageCounts } from "./store.ts";

type Db = Kysely<Database>;

const IN_LIST = rowsPerStatement(1);

export async function* readRunResults(db: Db, runId: number, typeOrder: readonly TestType[], options: { pageSize?: number; evidence?: boolean; domain?: string } = {}): AsyncIterable<RunDomainResult> {
  const pageSize = options.pageSize ?? 200;
  const withEvidence = options.evidence ?? true;
  let after = "";
  while (true) {
    const page = await db.selectFrom("run_domain as rd").innerJoin("domain as d", "d.id", "rd.domain_id")
      .select(["d.id", "d.name"]).where("rd.run_id", "=", runId).where("d.name", ">", after)
      .$if(options.domain !== undefined, (q) => q.where("d.name", "=", options.domain!))
      .groupBy(["d.id", "d.name"]).orderBy("d.name").limit(pageSize).execute();
    if (page.length === 0) return;
    const items = await db.selectFrom("run_domain as rd").innerJoin("observation as o", "o.id", "rd.observation_id")
      .select(["rd.domain_id", "rd.test_type", "rd.observation_id", "rd.evidence_id", "rd.recorded_at", "o.score", "o.tests"])
      .where("rd.run_id", "=", runId).where("rd.domain_id", "in", page.map((p) => p.id)).execute();
    const tests = await resolveTests(db, items.map((i) => ({ id: i.observation_id!, tests: i.tests })));
    const evidence = withEvidence ? await evidenceBodies(db, items.map((i) => i.evidence_id!)) : new Map<number, string>();
    const rank = (t: string) => { const i = typeOrder.indexOf(t as TestType); return i < 0 ? typeOrder.length : i; };
    for (const d of page) {
      const own = items.filter((i) => i.domain_id === d.id).sort((a, b) => rank(a.test_type) - rank(b.test_type) || a.test_type.localeCompare(b.test_type));
      const results: TypeScanResult[] = own.map((i) => ({ domain: d.name, type: i.test_type as TestType, score: i.score, tests: tests.get(i.observation_id!) ?? {} }));
      const recordedAt = own.map((i) => i.recorded_at!).sort().at(-1)!;
      const evidenceId = own[0]!.evidence_id!;
      yield {
        domain: d.name,
        recordedAt,
        ...(withEvidence ? { evidence: JSON.parse(evidence.get(evidenceId)!) as DomainEvidence } : {}),
        results,
      };
    }
    if (page.length < pageSize) return;
    after = page.at(-1)!.name;
  }
}

async function testsOf(db: Db, observationIds: readonly number[]): Promise<Map<number, Record<string, TestResult>>> {
  const rows: { id: number; tests: string }[] = [];
  for (const part of chunks([...new Set(observationIds)], IN_LIST)) rows.push(...await db.selectFrom("observation").select(["id", "tests"]).where("id", "in", part).execute());
  return resolveTests(db, rows);
}

/** Observations' stored tests as results, with the details from their blobs. */
async function resolveTests(db: Db, rows: readonly { id: number; tests: string }[]): Promise<Map<number, Record<string, TestResult>>> {
  const stored = new Map(rows.map((r) => [r.id, parseStoredTests(r.tests)]));
  const blobs = await blobBodies(db, blobHashes([...stored.values()].flatMap((tests) => tests.map((t) => t.details))));
  return new Map([...stored].map(([id, tests]) => [id, testResults(tests, (hash) => blobs.get(hash)!)]));
}

/** Evidence records as JSON text, put together from their parts. */
async function evidenceBodies(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const parts = new Map<number, EvidenceParts>();
  for (const part of chunks([...new Set(ids)], IN_LIST)) {
    for (const r of await db.selectFrom("evidence").select(["id", "parts"]).where("id", "in", part).execute()) parts.set(r.id, JSON.parse(r.parts) as EvidenceParts);
  }
  const blobs = await blobBodies(db, blobHashes([...parts.values()].flatMap((p) => p.map(([, ref]) => ref))));
  const out = new Map<number, string>();
  for (const [id, p] of parts) out.set(id, evidenceText(p, (hash) => blobs.get(hash)!));
  return out;
}

async function blobBodies(db: Db, hashes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(hashes)], IN_LIST)) {
    for (const r of await db.selectFrom("blob").select(["hash", "body"]).where("hash", "in", part).execute()) out.set(r.hash, r.body);
  }
  return out;
}

export async function observationHistory(db: Db, domain: string, type: TestType): Promise<ObservationPeriod[]> {
  const rows = await db.selectFrom("observation as o").innerJoin("domain as d", "d.id", "o.domain_id")
    .select(["o.id", "o.score", "o.first_seen_at", "o.last_seen_at", "o.first_run_id", "o.last_run_id"])
    .where("d.name", "=", domain).where("o.test_type", "=", type).orderBy("o.id").execute();
  const tests = await testsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, firstRunId: r.first_run_id, lastRunId: r.last_run_id,
    score: r.score, tests: tests.get(r.id) ?? {},
  }));
}

export async function storageCounts(db: Db): Promise<StorageCounts> {
  const count = async (table: "run" | "run_domain" | "observation" | "evidence") =>
    Number((await db.selectFrom(table).select((e) => e.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return {
    runs: await count("run"), runItems: await count("run_domain"), observations: await count("observation"),
    observationTests: await countObservationTests(db), evidence: await count("evidence"),
  };
}

/** The tests all observations hold (read page by page: the lists are JSON text on both engines). */
async function countObservationTests(db: Db): Promise<number> {
  let n = 0;
  for (let after = 0; ;) {
    const page = await db.selectFrom("observation").select(["id", "tests"]).where("id", ">", after).orderBy("id").limit(1000).execute();
    if (page.length === 0) return n;
    for (const o of page) n += parseStoredTests(o.tests).length;
    after = page.at(-1)!.id;
  }
}
