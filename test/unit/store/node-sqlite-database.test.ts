// The adapter that lets kysely's SQLite dialect drive node:sqlite (SQLite only by nature).

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { describe, it } from "node:test";
import { nodeSqliteDatabase } from "../../../src/store/sqlite/node-sqlite-database.ts";

describe("node:sqlite behind kysely's SqliteDatabase interface", () => {
  it("tells readers from writers and binds what node:sqlite cannot", () => {
    const db = nodeSqliteDatabase(new DatabaseSync(":memory:"));
    const create = db.prepare("create table t (id integer primary key, b integer, s text, n text)");
    assert.equal(create.reader, false);
    create.run([]);
    const insert = db.prepare("insert into t (b, s, n) values (?, ?, ?)");
    assert.equal(insert.reader, false);
    assert.deepEqual(insert.run([true, new Date("2024-01-01T00:00:00Z"), undefined]), { changes: 1, lastInsertRowid: 1 });
    const returning = db.prepare("insert into t (b) values (?) returning id");
    assert.equal(returning.reader, true);
    assert.deepEqual(returning.all([false]).map((r) => ({ ...(r as object) })), [{ id: 2 }]);
    const select = db.prepare("select b, s, n from t order by id");
    assert.equal(select.reader, true);
    assert.deepEqual(select.all([]).map((r) => ({ ...(r as object) })), [{ b: 1, s: "2024-01-01T00:00:00.000Z", n: null }, { b: 0, s: null, n: null }]);
    assert.equal(db.prepare("select b, s, n from t order by id"), select, "statements are cached");
    db.close();
  });
});
