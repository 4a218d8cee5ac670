// Applies the migrations that a store lacks, on every open, exactly once however many processes
// open the store at the same moment. kysely's migrator records each applied migration; on
// PostgreSQL it also serialises concurrent migrators (a lock row, in one transaction). On SQLite
// kysely takes no lock, so the whole migration runs inside BEGIN IMMEDIATE: a second process
// waits for the write lock, then finds everything applied — and a failed migration leaves the
// file as it was.

import { sql } from "kysely";
import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import type { MigrationResultSet } from "kysely/migration";
import type { Engine } from "./engine.ts";
import { migrationsFor } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

export class MigrationError extends Error {}

/** Returns the names of the migrations applied now (empty when the store was up to date). */
export async function migrateToLatest(db: Kysely<Database>, engine: Engine, schema?: string): Promise<string[]> {
  if (engine === "postgres") {
    // kysely's own lock lives in a table inside the schema, so it cannot guard creating the
    // schema itself: processes opening a new schema at once raced there ("schema does not
    // exist"). A session advisory lock on one connection serialises the whole migration.
    return db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
      try {
        if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(conn);
        return await runMigrator(conn, engine, schema);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
      }
    });
  }
  return runMigrator(db, engine, schema);
}

/**
 * Any constant will do (it spells "meetlat" in ASCII). Whoever drops a schema should hold it
 * too: kysely's introspector reads every schema's tables and fails on one dropped meanwhile.
 */
export const MIGRATION_LOCK_KEY = 0x6d6565746c6174;

async function runMigrator(db: Kysely<Database>, engine: Engine, schema?: string): Promise<string[]> {
  const migrations = migrationsFor(engine);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "meetlat_migration",
    migrationLockTableName: "meetlat_migration_lock",
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let outcome: MigrationResultSet;
  if (engine === "sqlite") {
    await sql`begin immediate`.execute(db);
    let committed = false;
    try {
      outcome = await migrator.migrateToLatest();
      // kysely reports a failed migration in `outcome.error` rather than throwing.
      if (!outcome.error) {
        await sql`commit`.execute(db);
        committed = true;
      }
    } finally {
      if (!committed) await sql`rollback`.execute(db);
    }
  } else {
    outcome = await migrator.migrateToLatest();
  }
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new MigrationError(`${failed ? `migration ${failed} failed` : "migrating the store failed"}: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
