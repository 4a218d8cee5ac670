// The SQLite engine: one file (or memory), opened with node:sqlite and driven by kysely's own
// SQLite dialect through the adapter beside this file. WAL lets readers (a report, the future
// HTTP API) work while a run writes; the busy timeout lets a second meetlat process wait for
// the lock instead of failing. Every transaction in the store writes, so each starts with
// BEGIN IMMEDIATE: it waits for the write lock up front, where a plain BEGIN could fail halfway
// when another process wrote in between (SQLite cannot upgrade a stale read to a write).

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver } from "kysely";
import type { DatabaseConnection, Driver } from "kysely";
import type { Database } from "../schema.ts";
import { nodeSqliteDatabase } from "./node-sqlite-database.ts";

const BUSY_TIMEOUT_MS = 15_000;
const SQLITE_BUSY = 5;

/**
 * Switches the file to WAL (a setting kept in the file). Changing the journal mode does not wait
 * for the busy timeout, so when another process is just creating the same file, retry briefly.
 */
function useWal(raw: DatabaseSync): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (true) {
    try {
      const mode = (raw.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode;
      if (mode !== "wal") raw.exec("PRAGMA journal_mode = WAL");
      return;
    } catch (err) {
      if ((err as { errcode?: number }).errcode !== SQLITE_BUSY || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, 25);
    }
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class NodeSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDialectDatabase;
  constructor(database: SqliteDialectDatabase) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

type SqliteDialectDatabase = ReturnType<typeof nodeSqliteDatabase>;

const WAL_CHECKPOINT_PAGES = 16_384;

export function openSqlite(path: string): Kysely<Database> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const raw = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  if (path !== ":memory:") useWal(raw);
  raw.exec("PRAGMA synchronous = NORMAL");
  // A run commits a batch every few hundred ms; checkpointing the WAL back into the file every
  // 1,000 pages (the default) made those commits wait on the disk. 16,384 pages (64 MiB) lets
  // checkpoints come rarely, and in larger, sequential writes.
  raw.exec(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  return new Kysely<Database>({ dialect: new NodeSqliteDialect(nodeSqliteDatabase(raw)) });
}
