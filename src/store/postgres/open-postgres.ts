// The PostgreSQL engine, through `pg`. Type parsers make PostgreSQL hand back the same
// JavaScript values SQLite does (numbers for bigint ids, ISO strings for timestamps and dates),
// so the query layer above never asks which engine it talks to. The schema is chosen through
// search_path, which lets tests (and shared deployments) keep stores side by side.

import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { Database } from "../schema.ts";

const POOL_SIZE = 10;
const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const defaultTimestamptz = pg.types.getTypeParser(OID.timestamptz);
const parsers = new Map<number, (value: string) => unknown>([
  [OID.int8, (v) => Number(v)],
  [OID.date, (v) => v],
  [OID.timestamptz, (v) => (defaultTimestamptz(v) as Date).toISOString()],
]);

export function openPostgres(url: string, schema: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    options: `-c search_path=${schema} -c TimeZone=UTC`,
    types: { getTypeParser: ((oid: number, format?: string) => parsers.get(oid) ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser },
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
