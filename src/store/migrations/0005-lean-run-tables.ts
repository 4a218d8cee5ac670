// Migration 5: the tables a run writes most lose the work nobody needs. Indexes no query reads go
// (observation_test by test and status, run_domain by domain: every read goes by observation or
// by run). On PostgreSQL the foreign keys of the recorder's own tables go too: PostgreSQL checks
// each one with a trigger that runs a query per inserted row, which made those checks most of a
// run's storage time (20,000 run_domain rows: 2.2 s with their four keys, 0.3 s without). Only
// the recorder writes these rows, with ids it has just read or inserted in the same transaction;
// SQLite (where a check is a cheap index lookup) keeps the keys, so the tests still catch a
// recorder that would point at a missing row.

import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Engine } from "../engine.ts";

/** Table and column of each foreign key dropped on PostgreSQL (named by PostgreSQL's default). */
const RECORDER_KEYS: readonly (readonly [string, string])[] = [
  ["run_domain", "run_id"], ["run_domain", "domain_id"], ["run_domain", "observation_id"], ["run_domain", "evidence_id"],
  ["observation_test", "observation_id"],
  ["observation", "domain_id"], ["observation", "first_run_id"], ["observation", "last_run_id"],
  ["evidence", "domain_id"], ["evidence", "first_run_id"], ["evidence", "last_run_id"],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema.dropIndex("observation_test_by_test").execute();
  await db.schema.dropIndex("run_domain_by_domain").execute();
  if (engine !== "postgres") return;
  for (const [table, column] of RECORDER_KEYS) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(`${table}_${column}_fkey`)}`.execute(db);
  }
}
