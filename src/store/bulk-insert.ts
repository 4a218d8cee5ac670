// Multi-row inserts for the recorder, written once for both engines.
//
// SQLite gets one VALUES list per statement (as many rows as its parameter limit allows, in
// power-of-two lengths so that the prepared statements are reused: see powerOfTwoChunks).
//
// PostgreSQL gets new rows by binary COPY (postgres/binary-format.ts), its bulk path: no
// statement to parse or plan per row, no text to split into fields, and the long JSON texts go
// as their bytes. COPY has no RETURNING, so a table's new ids are taken from its sequence first
// (`generatedId`) and `returning` is answered from the rows. For the observations of 1,000
// domains the server took 104 ms as one JSON parameter, 55 ms by COPY in text format, and less
// again in binary, where splitting the 3 MB of text into fields had been half of it.
//
// COPY has no ON CONFLICT either. Rows that may conflict go in as one parameter per column, an
// array in PostgreSQL's binary form (postgres/binary-format.ts), expanded by unnest(): a statement
// of thousands of rows then has a handful of parameters, with nothing to parse per value. Tried
// before, and dearer for the server: a VALUES list (thousands of parameters to parse and plan),
// one JSON parameter (the long texts escaped by us and parsed again), and copying into a
// temporary table to insert from (107 ms against 95 for the blobs of 1,000 domains).
//
// Both go in statements of at most PG_ROWS_PER_STATEMENT rows (see there).

import { chunks, powerOfTwoChunks, rowsPerStatement } from "./engine.ts";
import { binaryArray, copyBinary } from "./postgres/binary-format.ts";
import type { Database } from "./schema.ts";
import type { SqlRunner } from "./sql-runner.ts";
import { placeholder, quoteIdentifier as quote } from "./sql-text.ts";

/** The PostgreSQL type of a column (SQLite binds the same values as they are). */
export type PgType = "bigint" | "integer" | "text" | "double precision" | "timestamptz";

export interface InsertSpec<R> {
  table: keyof Database & string;
  /** The columns to fill, from the rows' properties of the same name. */
  columns: readonly (readonly [keyof R & string, PgType])[];
  rows: readonly R[];
  /** What follows the rows: an ON CONFLICT clause (the same SQL on both engines), constant text. */
  onConflict?: string;
  /** Columns of the inserted rows to hand back (not with `onConflict`). */
  returning?: readonly string[];
  /** The table's identity column, when `returning` asks for it (see the top). */
  generatedId?: string;
  /** PostgreSQL: the `generatedId` values for the rows, in order, reserved beforehand (reserveIds). */
  ids?: readonly number[];
}

export async function insertRows<R, Out = Record<string, unknown>>(db: SqlRunner, spec: InsertSpec<R>): Promise<Out[]> {
  if (spec.returning && spec.onConflict) throw new Error(`insert into ${spec.table}: rows that may conflict hand nothing back`);
  if (spec.rows.length === 0) return [];
  if (db.engine !== "postgres") return insertValues<R, Out>(db, spec, powerOfTwoChunks(spec.rows, rowsPerStatement(spec.columns.length)));
  if (!spec.onConflict) {
    if (!db.copyIn) throw new Error("recording on PostgreSQL needs a connection that can COPY");
    return copyRows<R, Out>(db, db.copyIn.bind(db), spec);
  }
  return insertArrays(db, spec);
}

function statementParts<R>(spec: InsertSpec<R>): { names: (keyof R & string)[]; into: string; tail: string } {
  const names = spec.columns.map(([name]) => name);
  // The SQL is put together as text: a query builder's work costs as much as the database's own
  // for statements of thousands of values. Only identifiers from the spec go into the text.
  const into = `insert into ${quote(spec.table)} (${names.map(quote).join(", ")}) `;
  const tail = `${spec.onConflict ? ` ${spec.onConflict}` : ""}${spec.returning ? ` returning ${spec.returning.map(quote).join(", ")}` : ""}`;
  return { names, into, tail };
}

async function insertValues<R, Out>(db: SqlRunner, spec: InsertSpec<R>, parts: readonly (readonly R[])[]): Promise<Out[]> {
  const { names, into, tail } = statementParts(spec);
  const out: Out[] = [];
  for (const part of parts) {
    const params: unknown[] = [];
    for (const r of part) for (const n of names) params.push(r[n]);
    const rows = Array.from(part, (_, r) => `(${names.map((_n, c) => placeholder(db.engine, r * names.length + c)).join(", ")})`);
    out.push(...(await db.query<Out>({ text: `${into}values ${rows.join(", ")}${tail}`, params })));
  }
  return out;
}

/**
 * PostgreSQL: rows per statement, COPY or column arrays. The database server works at normal
 * priority while the recorder thread runs only on idle CPU; with one statement per table and
 * batch (the COPY of a 250-domain batch's 500 observations is about 0.8 MB and 7 ms of the
 * server's time) it held a core for that long, wherever the run needed it. In statements of
 * 100 or 250 rows storage cost a 1,000-domain PostgreSQL first run 5.8–8.4 % (median 6.8 %, ten
 * readings of the cost split of ten rounds each, interleaved), against 6.4–8.2 % (median 8.0 %,
 * eight) in whole batches;
 * statements of 30 rows cost 9.5–10.4 %, the server spending 130–140 ms on them against
 * 100–110 (2026-11-24). The waits for a CPU that the cost split reads moved less than the
 * run's time did, so why it helps is not shown; that it does, within this machine's noise, is.
 */
export const PG_ROWS_PER_STATEMENT = 250;

async function insertArrays<R>(db: SqlRunner, spec: InsertSpec<R>): Promise<never[]> {
  const { names, into, tail } = statementParts(spec);
  const arrays = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  for (const part of chunks(spec.rows, PG_ROWS_PER_STATEMENT)) {
    const params = spec.columns.map(([name, type]) => binaryArray(part.map((r) => r[name]), type, name));
    await db.query({ text: `${into}select * from unnest(${arrays}) as x(${names.map(quote).join(", ")})${tail}`, params });
  }
  return [];
}

type CopyIn = NonNullable<SqlRunner["copyIn"]>;

async function copyRows<R, Out>(db: SqlRunner, copyIn: CopyIn, spec: InsertSpec<R>): Promise<Out[]> {
  let rows = spec.rows as readonly Record<string, unknown>[];
  const columns: (readonly [string, PgType])[] = [...spec.columns];
  const id = spec.generatedId;
  if (id !== undefined) {
    const ids = spec.ids ?? (await reserveIds(db, [{ table: spec.table, column: id, count: rows.length }]))[0]!;
    if (ids.length !== rows.length) throw new Error(`insert into ${spec.table}: ${ids.length} ids reserved for ${rows.length} rows`);
    rows = rows.map((r, i) => ({ ...r, [id]: ids[i]! }));
    columns.unshift([id, "bigint"]);
  }
  const statement = `copy ${quote(spec.table)} (${columns.map(([name]) => quote(name)).join(", ")}) from stdin with (format binary)`;
  for (const part of chunks(rows, PG_ROWS_PER_STATEMENT)) await copyIn(statement, copyBinary(part, columns));
  const returning = spec.returning ?? [];
  return returning.length === 0 ? [] : rows.map((r) => Object.fromEntries(returning.map((n) => [n, r[n]])) as Out);
}

export interface IdReservation {
  table: keyof Database & string;
  /** The identity column, whose sequence gives the ids. */
  column: string;
  count: number;
}

/**
 * PostgreSQL: the next `count` values of each table's identity sequence, as the column's default
 * would have taken them, for all tables in one round trip. Each sequence is looked up once: per
 * row, the lookup cost ten times the nextval.
 */
export async function reserveIds(db: SqlRunner, wanted: readonly IdReservation[]): Promise<number[][]> {
  const out = wanted.map((): number[] => []);
  if (wanted.every((w) => w.count === 0)) return out;
  const rows = await db.query<{ k: number; id: number }>({
    text: `with s as materialized (select k, pg_get_serial_sequence(t, c)::regclass as seq, n
             from unnest($1::text[], $2::text[], $3::integer[]) with ordinality as x(t, c, n, k))
           select s.k, nextval(s.seq) as id from s cross join lateral generate_series(1, s.n)`,
    params: [wanted.map((w) => quote(w.table)), wanted.map((w) => w.column), wanted.map((w) => w.count)],
  });
  for (const r of rows) out[Number(r.k) - 1]!.push(r.id);
  return out;
}
