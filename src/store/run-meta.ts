// Runs themselves and their work lists: create, read, finish, plan (run_item), resume (planned
// items not yet recorded in run_domain, in domain order) and progress.

import type { ExpressionBuilder, Kysely } from "kysely";
import type { TestType } from "../checks/result.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
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

/** Keeps the plan's items that the run has not recorded (`ri` is the run_item row). */
function notRecorded(eb: ExpressionBuilder<Database & { ri: Database["run_item"] }, "ri">) {
  return eb.not(eb.exists(eb.selectFrom("run_domain as rd").select("rd.run_id")
    .whereRef("rd.run_id", "=", "ri.run_id").whereRef("rd.domain_id", "=", "ri.domain_id").whereRef("rd.test_type", "=", "ri.test_type")));
}

export async function pendingItems(db: Db, runId: number, options: { limit?: number; afterDomain?: string } = {}): Promise<{ domainId: number; domain: string; types: TestType[] }[]> {
  const limit = options.limit ?? 500;
  const page = await db.selectFrom("run_item as ri").innerJoin("domain as d", "d.id", "ri.domain_id")
    .select(["d.id", "d.name"]).where("ri.run_id", "=", runId).where(notRecorded).where("d.name", ">", options.afterDomain ?? "")
    .groupBy(["d.id", "d.name"]).orderBy("d.name").limit(limit).execute();
  if (page.length === 0) return [];
  const rows = await db.selectFrom("run_item as ri").select(["ri.domain_id", "ri.test_type"]).where("ri.run_id", "=", runId).where(notRecorded)
    .where("ri.domain_id", "in", page.map((p) => p.id)).orderBy("ri.test_type").execute();
  const typesOf = Map.groupBy(rows, (r) => r.domain_id);
  return page.map((p) => ({ domainId: p.id, domain: p.name, types: (typesOf.get(p.id) ?? []).map((r) => r.test_type as TestType) }));
}

export async function runProgress(db: Db, runId: number): Promise<RunProgress> {
  const pending = await db.selectFrom("run_item as ri").select((e) => e.fn.countAll<number>().as("n")).where("ri.run_id", "=", runId).where(notRecorded).executeTakeFirstOrThrow();
  const done = await db.selectFrom("run_domain").select((e) => e.fn.countAll<number>().as("n")).where("run_id", "=", runId).executeTakeFirstOrThrow();
  // What the run recorded outside its plan (an ad-hoc scan) counts as planned and done.
  return { planned: Number(pending.n) + Number(done.n), done: Number(done.n), pending: Number(pending.n) };
}
