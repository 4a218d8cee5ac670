// Multi-row inserts for the recorder, written once for both engines. SQLite gets one VALUES list
// per statement (as many rows as its parameter limit allows, in power-of-two lengths so that the
// prepared statements are reused: see powerOfTwoChunks). PostgreSQL gets the rows as one
// JSON parameter, expanded by json_to_recordset(): a statement of thousands of rows then has one
// parameter instead of thousands, which PostgreSQL parses and plans far faster (row-wise VALUES
// made inserting a run's test results most of its storage time there). JSON rather than one
// array per column: pg escapes array elements in JavaScript, which cost more than the insert
// itself for the blobs' text; JSON.stringify is native.

import { chunks, powerOfTwoChunks, rowsPerStatement } from "./engine.ts";
import type { Database } from "./schema.ts";
import type { SqlRunner } from "./sql-runner.ts";
import { placeholder, quoteIdentifier as quote } from "./sql-text.ts";
import type { SqlStatement } from "./sql-text.ts";

/** The PostgreSQL type of a column, for its array (the engines share the values). */
export type PgType = "bigint" | "integer" | "text" | "double precision" | "timestamptz";

export interface InsertSpec<R> {
  table: keyof Database & string;
  /** The columns to fill, from the rows' properties of the same name. */
  columns: readonly (readonly [keyof R & string, PgType])[];
  rows: readonly R[];
  /** What follows the rows: an ON CONFLICT clause (the same SQL on both engines), constant text. */
  onConflict?: string;
  returning?: readonly string[];
  /** Rows per statement on PostgreSQL (SQLite: by its parameter limit). */
  pgRows?: number;
  /**
   * PostgreSQL: bind each value (a VALUES list) instead of one JSON parameter. Better for a few
   * columns of long text, which as JSON would be escaped by us and parsed again by the server
   * (the blobs: a third faster).
   */
  pgValues?: boolean;
}

export async function insertRows<R, Out = Record<string, unknown>>(db: SqlRunner, spec: InsertSpec<R>): Promise<Out[]> {
  const engine = db.engine;
  const names = spec.columns.map(([name]) => name);
  // The SQL is put together as text: a query builder's work costs as much as the database's own
  // for statements of thousands of values. Only identifiers from the spec go into the text.
  const into = `insert into ${quote(spec.table)} (${names.map(quote).join(", ")}) `;
  const tail = `${spec.onConflict ? ` ${spec.onConflict}` : ""}${spec.returning ? ` returning ${spec.returning.map(quote).join(", ")}` : ""}`;
  const bound = rowsPerStatement(names.length);
  const parts = engine !== "postgres" ? powerOfTwoChunks(spec.rows, bound)
    : chunks(spec.rows, spec.pgValues ? Math.min(spec.pgRows ?? bound, bound) : spec.pgRows ?? 5000);
  const out: Out[] = [];
  for (const part of parts) {
    let statement: SqlStatement;
    if (engine === "postgres" && !spec.pgValues) {
      const record = spec.columns.map(([name, type]) => `${quote(name)} ${type}`).join(", ");
      const rows = part.map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? null])));
      statement = { text: `${into}select ${names.map(quote).join(", ")} from json_to_recordset($1::json) as x(${record})${tail}`, params: [JSON.stringify(rows)] };
    } else {
      const params: unknown[] = [];
      for (const r of part) for (const n of names) params.push(r[n]);
      const rows = Array.from(part, (_, r) => `(${names.map((_n, c) => placeholder(engine, r * names.length + c)).join(", ")})`);
      statement = { text: `${into}values ${rows.join(", ")}${tail}`, params };
    }
    out.push(...(await db.query<Out>(statement)));
  }
  return out;
}
