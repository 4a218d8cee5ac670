// PostgreSQL's inserts go in statements of at most PG_ROWS_PER_STATEMENT rows (store/bulk-insert.ts),
// COPY and column arrays alike, and a COPY in parts still hands back every row's reserved id.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { insertRows, PG_ROWS_PER_STATEMENT } from "../../../src/store/bulk-insert.ts";
import type { SqlRunner } from "../../../src/store/sql-runner.ts";
import type { SqlStatement } from "../../../src/store/sql-text.ts";

/** A PostgreSQL runner that keeps what it is sent. */
function recordingRunner(): { db: SqlRunner; queries: SqlStatement[]; copies: { statement: string; bytes: number }[] } {
  const queries: SqlStatement[] = [];
  const copies: { statement: string; bytes: number }[] = [];
  const db: SqlRunner = {
    engine: "postgres",
    async query<Row>(statement: SqlStatement): Promise<Row[]> {
      queries.push(statement);
      return [];
    },
    async copyIn(statement: string, data: Buffer): Promise<void> {
      copies.push({ statement, bytes: data.length });
    },
  };
  return { db, queries, copies };
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `d${i}.example`, purpose: "web" }));
const columns = [["name", "text"], ["purpose", "text"]] as const;

describe("PostgreSQL inserts in statements of bounded size", () => {
  it("copies new rows in parts, and hands back every row with its reserved id", async () => {
    const { db, copies, queries } = recordingRunner();
    const n = 2 * PG_ROWS_PER_STATEMENT + 17;
    const ids = Array.from({ length: n }, (_, i) => 1000 + i);
    const out = await insertRows<{ name: string; purpose: string }, { id: number; name: string }>(db, {
      table: "domain", rows: rows(n), columns, returning: ["id", "name"], generatedId: "id", ids,
    });
    assert.equal(copies.length, 3);
    assert.ok(copies.every((c) => c.statement.startsWith(`copy "domain" ("id", "name", "purpose") from stdin`)));
    // The parts' sizes follow their rows: two full parts (names of 2 to 4 digits), then a small one.
    assert.ok(Math.abs(copies[0]!.bytes - copies[1]!.bytes) < copies[0]!.bytes / 20);
    assert.ok(copies[2]!.bytes < copies[0]!.bytes / 5);
    assert.deepEqual(out.map((r) => r.id), ids);
    assert.deepEqual(out.map((r) => r.name), rows(n).map((r) => r.name));
    assert.equal(queries.length, 0, "the ids were given: no reservation");
  });

  it("inserts rows that may conflict as column arrays, in parts", async () => {
    const { db, queries } = recordingRunner();
    await insertRows(db, { table: "domain", rows: rows(PG_ROWS_PER_STATEMENT + 1), columns, onConflict: "on conflict (name) do nothing" });
    assert.equal(queries.length, 2);
    assert.ok(queries.every((q) => /^insert into "domain" .* select \* from unnest\(\$1::text\[\], \$2::text\[\]\).* on conflict \(name\) do nothing$/.test(q.text)));
    assert.ok(queries.every((q) => q.params.length === 2));
  });
});
