// A fresh store migrated only up to one migration, as an older meetlat version left it: the
// upgrade tests write data the old way into it, then open it with openStore and check that the
// remaining migrations keep everything. SQLite: a temporary file; PostgreSQL: a private schema.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import { parseDatabaseLocation, postgresSchemaLocation } from "../../../src/store/database-location.ts";
import { MIGRATION_LOCK_KEY } from "../../../src/store/migrate.ts";
import { migrationsFor } from "../../../src/store/migrations/index.ts";
import type { Database } from "../../../src/store/schema.ts";
import { openSqlite } from "../../../src/store/sqlite/open-sqlite.ts";
import { dropSchema } from "./store-engines.ts";
import type { StoreEngine } from "./store-engines.ts";

export interface OlderStore {
  /** Typed with today's schema: use only the tables and columns the older version had. */
  db: Kysely<Database>;
  /** For openStore, which applies the migrations after `lastMigration`. */
  location: string;
  dispose(): Promise<void>;
}

export async function storeAtMigration(engine: StoreEngine, lastMigration: string): Promise<OlderStore> {
  let db: Kysely<Database>;
  let location: string;
  let dispose: () => Promise<void>;
  let schema: string | undefined;
  if (engine.name === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "meetlat-older-store-"));
    location = join(dir, "old.sqlite");
    db = openSqlite(location);
    dispose = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const url = process.env.MEETLAT_TEST_DATABASE_URL!;
    schema = `t_old_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    location = postgresSchemaLocation(url, schema);
    const where = parseDatabaseLocation(location);
    if (where.engine !== "postgres") throw new Error("expected a PostgreSQL location");
    const { openPostgres } = await import("../../../src/store/postgres/open-postgres.ts");
    db = openPostgres(where.url, schema);
    const dropped = schema;
    dispose = () => dropSchema(dropped);
  }
  const migrate = async (on: Kysely<Database>) => {
    // The migration table names are those src/store/migrate.ts uses, so openStore continues from here.
    const migrator = new Migrator({
      db: on,
      provider: { getMigrations: async () => migrationsFor(engine.name) },
      migrationTableName: "meetlat_migration",
      migrationLockTableName: "meetlat_migration_lock",
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateTo(lastMigration);
    if (error) throw error;
  };
  if (schema === undefined) {
    await migrate(db);
  } else {
    // Under the lock migrate.ts takes: kysely's introspector reads every schema, and fails when
    // another test process drops its schema meanwhile.
    const own = schema;
    await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
      try {
        await sql`create schema ${sql.id(own)}`.execute(conn);
        await migrate(conn);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
      }
    });
  }
  return { db, location, dispose };
}
