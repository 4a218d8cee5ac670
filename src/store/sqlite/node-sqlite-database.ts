// node:sqlite's DatabaseSync seen through the narrow interface kysely's SQLite driver needs
// (`SqliteDatabase`: prepare → all/run/iterate, plus `reader`). node:sqlite has no `reader`
// flag, so a statement that returns columns is a reader; prepared statements are cached
// because the store runs the same few statements thousands of times per run.

import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";

const STATEMENT_CACHE_SIZE = 256;

export function nodeSqliteDatabase(db: DatabaseSync): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) return hit;
      const statement = wrapStatement(db.prepare(sql));
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
      return statement;
    },
  };
}

function wrapStatement(stmt: StatementSync): SqliteStatement {
  const reader = stmt.columns().length > 0;
  return {
    reader,
    all: (parameters) => stmt.all(...toSqlite(parameters)),
    run: (parameters) => stmt.run(...toSqlite(parameters)),
    iterate: (parameters) => stmt.iterate(...toSqlite(parameters)),
  };
}

/** node:sqlite binds only null, numbers, bigints, strings and bytes. */
function toSqlite(parameters: readonly unknown[]): SQLInputValue[] {
  return parameters.map((p) => {
    if (p === undefined || p === null) return null;
    if (typeof p === "boolean") return p ? 1 : 0;
    if (p instanceof Date) return p.toISOString();
    return p as SQLInputValue;
  });
}
