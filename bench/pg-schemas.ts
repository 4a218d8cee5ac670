// PostgreSQL schemas of the benchmarks: each store a benchmark makes lives in a schema of its
// own, named here and dropped afterwards. Schemas left behind piled up in the test database
// (and its caches), benchmark after benchmark.

import { randomBytes } from "node:crypto";
import postgres from "pg";
import { postgresSchemaLocation } from "../src/store/database-location.ts";

/** The store location of a new schema `prefix_xxxxxxxx` in the database at `url`. */
export function schemaUrl(url: string, prefix: string): { url: string; schema: string } {
  const schema = `${prefix}_${randomBytes(4).toString("hex")}`;
  return { url: postgresSchemaLocation(url, schema), schema };
}

export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new postgres.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
