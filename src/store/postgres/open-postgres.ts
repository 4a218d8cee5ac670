// The PostgreSQL engine: a pool of `pg` connections (settings in pg-connection.ts) driven by
// kysely's PostgreSQL dialect.

import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { Database } from "../schema.ts";
import { pgConnectionConfig } from "./pg-connection.ts";

const POOL_SIZE = 10;

export function openPostgres(url: string, schema: string): Kysely<Database> {
  const pool = new pg.Pool({ ...pgConnectionConfig(url, schema), max: POOL_SIZE });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
