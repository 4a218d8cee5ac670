// The SQLite engine: one file (or memory), opened with node:sqlite (sqlite-file.ts) and driven
// by kysely's own SQLite dialect through the adapter beside this file. Every transaction in the
// store writes, so each starts with BEGIN IMMEDIATE: it waits for the write lock up front, where
// a plain BEGIN could fail halfway when another process wrote in between (SQLite cannot upgrade
// a stale read to a write).

import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver } from "kysely";
import type { DatabaseConnection, Driver } from "kysely";
import type { Database } from "../schema.ts";
import { nodeSqliteDatabase } from "./node-sqlite-database.ts";
import { openSqliteFile } from "./sqlite-file.ts";

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

export function openSqlite(path: string): Kysely<Database> {
  return new Kysely<Database>({ dialect: new NodeSqliteDialect(nodeSqliteDatabase(openSqliteFile(path))) });
}
