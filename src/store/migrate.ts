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
