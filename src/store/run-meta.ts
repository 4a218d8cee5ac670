// Runs themselves and their work lists: create, read, finish, plan (run_item), resume (planned
// items not yet recorded in run_domain, in domain order) and progress.

import type { Kysely } from "kysely";
import type { TestType } from "../checks/result.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import { itemKey } from "./run-item.ts";
import type { Database, RunTable } from "./schema.ts";
import type { NewRun, RunProgress, RunRecord, RunStatus } from "./store.ts";

type Db = Kysely<Database>;

const PLAN_BATCH = 1000;

export async function createRun(db: Db, run: NewRun, at: string): Promise<RunRecord> {
  const row = await db.insertInto("run").values({
    started_at: run.startedAt ?? at, finished_at: null, status: "running", requested_by: run.requestedBy,
    test_types: JSON.stringify(run.testTypes), options: JSON.stringify(run.options ?? {}),
    versions: JSON.stringify(run.versions ?? {}), trust_anchor: run.trustAnchor ?? null,
    data_sources: JSON.stringify(run.dataSources ?? []),
  }).returningAll().executeTakeFirstOrThrow();
  return toRecord(row);
}

type RunRow = { [K in keyof RunTable]: K extends "id" ? number : RunTable[K] };

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status as RunStatus, requestedBy: r.requested_by,
    testTypes: JSON.parse(r.test_types) as TestType[], options: JSON.parse(r.options) as Record<string, unknown>,
    versions: JSON.parse(r.versions) as Record<string, string>, trustAnchor: r.trust_anchor,
    dataSources: JSON.parse(r.data_sources) as unknown[],
  };
}

export async function getRun(db: Db, runId: number): Promise<RunRecord | undefined> {
  const row = await db.selectFrom("run").selectAll().where("id", "=", runId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listRuns(db: Db, options: { limit?: number; beforeId?: number } = {}): Promise<RunRecord[]> {
  let q = db.selectFrom("run").selectAll().orderBy("id", "desc").limit(options.limit ?? 50);
  if (options.beforeId !== undefined) q = q.where("id", "<", options.beforeId);
  return (await q.execute()).map(toRecord);
}

export async function finishRun(db: Db, runId: number, status: Exclude<RunStatus, "running">, at: string): Promise<void> {
  await db.updateTable("run").set({ status, finished_at: at }).where("id", "=", runId).execute();
}

export class UnknownRunError extends Error {}

export async function runTestTypes(db: Db, runId: number): Promise<TestType[]> {
  const run = await getRun(db, runId);
  if (!run) throw new UnknownRunError(`no run ${runId} in the store`);
  return run.testTypes;
}

/** Adds work items to the run's plan, in batches; the domains must be in the register. */
export async function planRun(db: Db, runId: number, domains: Iterable<string> | AsyncIterable<string>, types: readonly TestType[]): Promise<number> {
  let added = 0;
  let batch: string[] = [];
  const flush = async () => {
    const names = batch;
    batch = [];
    const rows = await db.selectFrom("domain").select(["id", "name"]).where("name", "in", names).execute();
    const known = new Set(rows.map((r) => r.name));
    const missing = names.filter((n) => !known.has(n));
    if (missing.length > 0) throw new Error(`not in the register: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}`);
    const items = rows.flatMap((r) => types.map((t) => ({ run_id: runId, domain_id: r.id, test_type: t })));
    for (const part of chunks(items, rowsPerStatement(3))) {
      const result = await db.insertInto("run_item").values(part)
        .onConflict((oc) => oc.columns(["run_id", "domain_id", "test_type"]).doNothing()).executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  };
  for await (const name of domains) {
    batch.push(name);
    if (batch.length >= PLAN_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return added;
}

/**
 * The run's pending work from `afterDomain` on, in domain order: `limit` domains, each with the
 * test types planned and not yet recorded. A page of planned domains is read first, and what
 * the run recorded of them is then looked up by key. One query with NOT EXISTS was tried: while
 * a run records, PostgreSQL's statistics still say it has no rows, and the planner then probed
 * run_domain by run alone for every planned item (11 s for one page of a 10,000-domain run).
 */
export async function pendingItems(db: Db, runId: number, options: { limit?: number; afterDomain?: string } = {}): Promise<{ domainId: number; domain: string; types: TestType[] }[]> {
  const limit = options.limit ?? 500;
  const out: { domainId: number; domain: string; types: TestType[] }[] = [];
  let after = options.afterDomain ?? "";
  for (;;) {
    const page = await db.selectFrom("domain as d").select(["d.id", "d.name"]).where("d.name", ">", after)
      .where((e) => e.exists(e.selectFrom("run_item as ri").select("ri.domain_id").where("ri.run_id", "=", runId).whereRef("ri.domain_id", "=", "d.id")))
      .orderBy("d.name").limit(limit).execute();
    if (page.length === 0) return out;
    const ids = page.map((p) => p.id);
    const planned = await db.selectFrom("run_item").select(["domain_id", "test_type"]).where("run_id", "=", runId).where("domain_id", "in", ids).orderBy("test_type").execute();
    const recorded = await db.selectFrom("run_domain").select(["domain_id", "test_type"]).where("run_id", "=", runId).where("domain_id", "in", ids).execute();
    const done = new Set(recorded.map((r) => itemKey(r.domain_id, r.test_type)));
    const typesOf = Map.groupBy(planned.filter((r) => !done.has(itemKey(r.domain_id, r.test_type))), (r) => r.domain_id);
    for (const p of page) {
      const types = typesOf.get(p.id);
      if (types) out.push({ domainId: p.id, domain: p.name, types: types.map((r) => r.test_type as TestType) });
      if (out.length === limit) return out;
    }
    if (page.length < limit) return out;
    after = page.at(-1)!.name;
  }
}

export async function runProgress(db: Db, runId: number): Promise<RunProgress> {
  // Planned and not recorded, as a set difference: each side is read once, by its key, whatever
  // the planner believes about the run (see pendingItems).
  const pendingRows = await db.selectFrom(
    db.selectFrom("run_item").select(["domain_id", "test_type"]).where("run_id", "=", runId)
      .except(db.selectFrom("run_domain").select(["domain_id", "test_type"]).where("run_id", "=", runId)).as("p"),
  ).select((e) => e.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const pending = Number(pendingRows.n);
  const done = Number((await db.selectFrom("run_domain").select((e) => e.fn.countAll<number>().as("n")).where("run_id", "=", runId).executeTakeFirstOrThrow()).n);
  // What the run recorded outside its plan (an ad-hoc scan) counts as planned and done.
  return { planned: pending + done, done, pending };
}
