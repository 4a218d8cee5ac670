// The recorder thread's own connection to the store: plain node:sqlite or pg, no kysely (see
// sql-text.ts for why), used only to record batches of run results, each in one transaction.
// The store that started the thread has brought the schema up to date, so none is checked here.

import { finished } from "node:stream/promises";
import type { DatabaseLocation } from "./database-location.ts";
import type { DomainScan } from "../scan/engine.ts";
import { recordScans } from "./run-record.ts";
import type { SqlRunner } from "./sql-runner.ts";
import type { SqlStatement } from "./sql-text.ts";

export interface RecorderConnection {
  /** Records one batch in one transaction: all of it is stored, or none. */
  record(runId: number, scans: readonly DomainScan[], at: string): Promise<void>;
  close(): Promise<void>;
}

export async function openRecorderConnection(where: DatabaseLocation): Promise<RecorderConnection> {
  const connection = where.engine === "sqlite" ? await openSqliteRecorder(where.path) : await openPostgresRecorder(where.url, where.schema);
  return oneAtATime(connection);
}

/**
 * One connection holds one transaction at a time, so batches that arrive together are recorded
 * one after the other (a run's group commit sends one at a time anyway).
 */
function oneAtATime(connection: RecorderConnection): RecorderConnection {
  let last: Promise<unknown> = Promise.resolve();
  return {
    record(runId, scans, at) {
      const next = last.then(() => connection.record(runId, scans, at));
      last = next.catch(() => {});
      return next;
    },
    close: () => last.then(() => connection.close()),
  };
}

/** Runs `body` between `begin` and `commit`, rolling back when it fails. */
async function inTransaction(db: SqlRunner, begin: string, body: () => Promise<void>): Promise<void> {
  await db.query({ text: begin, params: [] });
  try {
    await body();
  } catch (err) {
    await db.query({ text: "rollback", params: [] }).catch(() => {});
    throw err;
  }
  await db.query({ text: "commit", params: [] });
}

async function openSqliteRecorder(path: string): Promise<RecorderConnection> {
  const { openSqliteFile } = await import("./sqlite/sqlite-file.ts");
  const { nodeSqliteDatabase } = await import("./sqlite/node-sqlite-database.ts");
  const database = nodeSqliteDatabase(openSqliteFile(path));
  const db: SqlRunner = {
    engine: "sqlite",
    async query<Row>(statement: SqlStatement): Promise<Row[]> {
      const prepared = database.prepare(statement.text);
      if (prepared.reader) return prepared.all(statement.params) as Row[];
      prepared.run(statement.params);
      return [];
    },
  };
  return {
    // As the store's own SQLite transactions: take the write lock up front (see open-sqlite.ts).
    record: (runId, scans, at) => inTransaction(db, "begin immediate", () => recordScans(db, runId, scans, at)),
    close: async () => database.close(),
  };
}

/**
 * The recorder connection's session settings (it only records, so they hold for every batch
 * without a statement per batch). Every query of a recording looks rows up by key, but during a
 * first run the statistics trail far behind the tables (they grow by thousands of rows a
 * second), and the planner then chose whole-table scans that grew slower batch by batch: so no
 * sequential scans where an index serves. And a commit does not wait for the WAL to reach the
 * disk: if the database server itself crashes within that moment, the last batches are lost
 * whole (never half), their domains are still pending, and `meetlat run --resume` measures them
 * again; a killed meetlat loses nothing either way.
 */
export const RECORDER_SETTINGS: Readonly<Record<string, string>> = { enable_seqscan: "off", jit: "off", synchronous_commit: "off" };

async function openPostgresRecorder(url: string, schema: string): Promise<RecorderConnection> {
  const { default: pg } = await import("pg");
  const { from: copyFrom } = await import("pg-copy-streams");
  const { pgConnectionConfig } = await import("./postgres/pg-connection.ts");
  const client = new pg.Client(pgConnectionConfig(url, schema, RECORDER_SETTINGS));
  // A connection that breaks between batches reports it here; the next batch then fails with it.
  let broken: Error | undefined;
  client.on("error", (err) => (broken = err));
  await client.connect();
  const db: SqlRunner = {
    engine: "postgres",
    async query<Row>(statement: SqlStatement): Promise<Row[]> {
      if (broken) throw broken;
      return (await client.query(statement.text, statement.params)).rows as Row[];
    },
    async copyIn(statement: string, data: Buffer): Promise<void> {
      if (broken) throw broken;
      const stream = client.query(copyFrom(statement));
      // The server's answer (an error included) ends the stream; finished() reports either.
      stream.end(data);
      await finished(stream);
    },
  };
  return {
    record: (runId, scans, at) => inTransaction(db, "begin", () => recordScans(db, runId, scans, at)),
    close: () => client.end(),
  };
}
