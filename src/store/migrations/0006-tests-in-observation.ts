// Migration 6: an observation keeps its tests itself. observation_test held one row per test
// (fifteen per domain and run where results changed), and writing those rows was a third of a
// first run's storage time; the tests are only ever read together with their observation, so
// they become one JSON list in observation.tests (stored-tests.ts), in the order they had. Their
// details stay in the blobs they are in (a blob hash is a JsonRef); the change hashes stay valid.
// On PostgreSQL the tables whose rows each run updates keep room for in-place updates.

import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Engine } from "../engine.ts";

const PAGE = 500;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type Db = Kysely<any>;

interface TestRow {
  observation_id: number;
  test_id: string;
  status: string;
  verdict: string;
  reason: string;
  details_hash: string;
  points: number | null;
}

export async function up(db: Db, engine: Engine): Promise<void> {
  // Added columns cannot be NOT NULL on SQLite without a default; the recorder always sets it.
  await db.schema.alterTable("observation").addColumn("tests", "text").execute();
  for (let after = 0; ;) {
    const ids = (await db.selectFrom("observation").select("id").where("id", ">", after).orderBy("id").limit(PAGE).execute() as { id: number }[]).map((o) => o.id);
    if (ids.length === 0) break;
    const rows = await db.selectFrom("observation_test").select(["observation_id", "test_id", "status", "verdict", "reason", "details_hash", "points"])
      .where("observation_id", "in", ids).orderBy("observation_id").orderBy("position").execute() as TestRow[];
    const byObservation = Map.groupBy(rows, (r) => r.observation_id);
    for (const id of ids) {
      const tests = (byObservation.get(id) ?? []).map((r) => ({
        id: r.test_id, status: r.status, verdict: r.verdict, reason: r.reason,
        ...(r.points !== null ? { points: r.points } : {}), details: r.details_hash,
      }));
      await db.updateTable("observation").set({ tests: JSON.stringify(tests) }).where("id", "=", id).execute();
    }
    after = ids.at(-1)!;
  }
  await db.schema.dropTable("observation_test").execute();
  if (engine === "postgres") {
    // Each run moves the last-seen of every unchanged observation and evidence row. With room
    // left on each page, PostgreSQL rewrites such a row in place (a "HOT" update) instead of
    // adding a new version to every index of the table.
    for (const table of ["observation", "evidence"]) await sql`alter table ${sql.table(table)} set (fillfactor = 80)`.execute(db);
  }
}
