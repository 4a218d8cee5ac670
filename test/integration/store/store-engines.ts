// The engines every storage test runs against: SQLite always; PostgreSQL when
// MEETLAT_TEST_DATABASE_URL is set (bash test/setup/start-postgres.sh prints one). In CI
// (CI set) a missing URL fails the PostgreSQL tests instead of skipping them, so CI can never
// pass with only half the storage tested. Each opened store is private: a fresh SQLite file, or
// a fresh PostgreSQL schema that is dropped afterwards.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { postgresSchemaLocation } from "../../../src/store/database-location.ts";
import { MIGRATION_LOCK_KEY } from "../../../src/store/migrate.ts";
import { openStore } from "../../../src/store/open-store.ts";
import type { OpenStoreOptions } from "../../../src/store/open-store.ts";
import type { Store } from "../../../src/store/store.ts";

export interface StoreEngine {
  name: "sqlite" | "postgres";
  /** A reason to skip (PostgreSQL outside CI without a URL), or false. */
  skip: string | false;
  /** A new, empty store; `reopen` opens the same one again (for migration tests). */
  open(options?: OpenStoreOptions): Promise<TestStore>;
}

export interface TestStore {
  store: Store;
  /** The location string, to open the same store a second time. */
  location: string;
  /** Closes the store and deletes its data. */
  dispose(): Promise<void>;
}

const url = process.env.MEETLAT_TEST_DATABASE_URL;
let counter = 0;

/** A schema or file name no other test process uses at the same time. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
}

const sqlite: StoreEngine = {
  name: "sqlite",
  skip: false,
  async open(options) {
    const dir = mkdtempSync(join(tmpdir(), "meetlat-store-"));
    const location = join(dir, "test.sqlite");
    const store = await openStore(location, options);
    return {
      store,
      location,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Drops a test schema under the migration lock, so no migration is introspecting meanwhile. */
export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`select pg_advisory_lock(${MIGRATION_LOCK_KEY}); drop schema if exists ${schema} cascade; select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
}

const postgres: StoreEngine = {
  name: "postgres",
  skip: url || process.env.CI ? false : "MEETLAT_TEST_DATABASE_URL is not set (bash test/setup/start-postgres.sh prints one)",
  async open(options) {
    if (!url) throw new Error("CI is set but MEETLAT_TEST_DATABASE_URL is not: the storage tests must run against PostgreSQL in CI (bash test/setup/start-postgres.sh)");
    const schema = uniqueName("t");
    const location = postgresSchemaLocation(url, schema);
    const store = await openStore(location, options);
    return {
      store,
      location,
      async dispose() {
        await store.close();
        await dropSchema(schema);
      },
    };
  },
};

export const STORE_ENGINES: readonly StoreEngine[] = [sqlite, postgres];

/** A clock for first/last-seen times that tests move by hand. */
export function testClock(start = "2024-01-01T00:00:00.000Z"): { now: () => Date; set(iso: string): void; advance(ms: number): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set: (iso) => { t = Date.parse(iso); },
    advance: (ms) => { t += ms; },
  };
}
