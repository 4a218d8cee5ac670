// Migration 7: on PostgreSQL the recorder's long JSON texts (an observation's tests, evidence
// parts, blobs) are compressed with LZ4 instead of pglz. Most of them are over the 2 kB at which
// PostgreSQL compresses a row's values, so every first run compresses thousands of them: pglz
// made 2,000 observations take 60 ms to go in by COPY, LZ4 38 ms, for about the same size on disk.
// Only new values are affected; old ones stay as they are and read back the same. A server built
// without LZ4 (or older than PostgreSQL 14) keeps pglz.

import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Engine } from "../engine.ts";

const LONG_TEXTS: readonly (readonly [string, string])[] = [["observation", "tests"], ["evidence", "parts"], ["blob", "body"]];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  if (engine !== "postgres") return;
  const { rows } = await sql<{ lz4: boolean }>`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
  if (rows[0]?.lz4 !== true) return;
  for (const [table, column] of LONG_TEXTS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.id(column)} set compression lz4`.execute(db);
  }
}
