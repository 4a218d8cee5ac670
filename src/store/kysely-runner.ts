// A kysely connection (or transaction) as a SqlRunner: for recording on the calling thread on
// SQLite (an in-memory store has no other connection). PostgreSQL records over the recorder's
// own connection, which can COPY (open-store.ts).

import { CompiledQuery } from "kysely";
import type { Kysely } from "kysely";
import type { Engine } from "./engine.ts";
import type { Database } from "./schema.ts";
import type { SqlRunner } from "./sql-runner.ts";
import type { SqlStatement } from "./sql-text.ts";

export function kyselyRunner(db: Kysely<Database>, engine: Engine): SqlRunner {
  return {
    engine,
    async query<Row>(statement: SqlStatement): Promise<Row[]> {
      return (await db.executeQuery(CompiledQuery.raw(statement.text, statement.params))).rows as Row[];
    },
  };
}
