// How meetlat connects to PostgreSQL, without kysely: the store's pool (open-postgres.ts) and
// the recorder thread's own connection (recorder-connection.ts) both connect with these
// settings. Type parsers make PostgreSQL hand back the same JavaScript values SQLite does
// (numbers for bigint ids, ISO strings for timestamps and dates), so the code above never asks
// which engine it talks to. The schema is chosen through search_path, which lets tests (and
// shared deployments) keep stores side by side.

import pg from "pg";
import type { ClientConfig } from "pg";

const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const defaultTimestamptz = pg.types.getTypeParser(OID.timestamptz);
const parsers = new Map<number, (value: string) => unknown>([
  [OID.int8, (v) => Number(v)],
  [OID.date, (v) => v],
  [OID.timestamptz, (v) => (defaultTimestamptz(v) as Date).toISOString()],
]);

/** How long connecting may take: a server that does not answer fails the command instead of hanging it. */
const CONNECT_TIMEOUT_MS = 30_000;

/** `settings`: more server settings for the connection's session (names and values without spaces). */
export function pgConnectionConfig(url: string, schema: string, settings: Readonly<Record<string, string>> = {}): ClientConfig {
  const options = Object.entries({ search_path: schema, TimeZone: "UTC", ...settings }).map(([name, value]) => `-c ${name}=${value}`);
  return {
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    options: options.join(" "),
    types: { getTypeParser: ((oid: number, format?: string) => parsers.get(oid) ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser },
  };
}
