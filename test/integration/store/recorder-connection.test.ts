// The PostgreSQL recorder connection's pieces that runs-store.test.ts does not show by their
// results: the session settings that replace a statement per batch, and ids reserved for two
// tables in one round trip.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pg from "pg";
import { reserveIds } from "../../../src/store/bulk-insert.ts";
import { parseDatabaseLocation } from "../../../src/store/database-location.ts";
import { pgConnectionConfig } from "../../../src/store/postgres/pg-connection.ts";
import { RECORDER_SETTINGS } from "../../../src/store/recorder-connection.ts";
import type { SqlRunner } from "../../../src/store/sql-runner.ts";
import { STORE_ENGINES } from "./store-engines.ts";
import type { TestStore } from "./store-engines.ts";

const postgres = STORE_ENGINES.find((e) => e.name === "postgres")!;

/** A client connected as the recorder connects, to the test store's schema. */
async function recorderClient(t: TestStore): Promise<pg.Client> {
  const where = parseDatabaseLocation(t.location);
  if (where.engine !== "postgres") throw new Error("a PostgreSQL store was expected");
  const client = new pg.Client(pgConnectionConfig(where.url, where.schema, RECORDER_SETTINGS));
  await client.connect();
  return client;
}

function runner(client: pg.Client): SqlRunner {
  return { engine: "postgres", query: async <Row>(s: { text: string; params: unknown[] }) => (await client.query(s.text, s.params)).rows as Row[] };
}

describe("the PostgreSQL recorder connection", { skip: postgres.skip }, () => {
  it("runs its whole session without sequential scans, JIT or waiting for the WAL, in the store's schema and in UTC", async () => {
    const t = await postgres.open();
    const client = await recorderClient(t);
    try {
      const show = async (name: string) => Object.values((await client.query<Record<string, string>>(`show ${name}`)).rows[0]!)[0];
      assert.equal(await show("enable_seqscan"), "off");
      assert.equal(await show("jit"), "off");
      assert.equal(await show("synchronous_commit"), "off");
      assert.equal(await show("timezone"), "UTC");
      // The settings hold in every transaction, without being set again.
      await client.query("begin");
      assert.equal(await show("enable_seqscan"), "off");
      await client.query("commit");
      assert.equal((await client.query<{ n: string }>("select count(*) as n from run_item")).rows[0]!.n, 0, "the store's own tables are found (search_path)");
    } finally {
      await client.end();
      await t.dispose();
    }
  });

  it("reserves ids of several tables in one statement: distinct, as many as asked, and never handed out again", async () => {
    const t = await postgres.open();
    const client = await recorderClient(t);
    try {
      const db = runner(client);
      let statements = 0;
      const counting: SqlRunner = { engine: "postgres", query: (s) => { statements++; return db.query(s); } };
      const [evidence, none, observation] = await reserveIds(counting, [
        { table: "evidence", column: "id", count: 3 },
        { table: "observation", column: "id", count: 0 },
        { table: "observation", column: "id", count: 5 },
      ]);
      assert.equal(statements, 1);
      assert.equal(evidence!.length, 3);
      assert.deepEqual(none, []);
      assert.equal(observation!.length, 5);
      assert.equal(new Set(evidence).size, 3);
      assert.equal(new Set(observation).size, 5);
      // The column's default takes the next value of the same sequence.
      const next = async (table: string) => Number((await client.query<{ id: string }>(`select nextval(pg_get_serial_sequence('${table}', 'id')) as id`)).rows[0]!.id);
      assert.ok((await next("evidence")) > Math.max(...evidence!));
      assert.ok((await next("observation")) > Math.max(...observation!));
      // Nothing to reserve: no statement at all.
      assert.deepEqual(await reserveIds(counting, [{ table: "evidence", column: "id", count: 0 }]), [[]]);
      assert.equal(statements, 1);
    } finally {
      await client.end();
      await t.dispose();
    }
  });
});
