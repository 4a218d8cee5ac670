import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ident, inList, sqlFor, val } from "../../../src/store/sql-text.ts";

describe("statement text for either engine", () => {
  it("binds values in order: ? for node:sqlite, $n for pg", () => {
    assert.deepEqual(sqlFor("sqlite")`update t set a = ${val("x")} where id = ${val(7)}`, { text: "update t set a = ? where id = ?", params: ["x", 7] });
    assert.deepEqual(sqlFor("postgres")`update t set a = ${val("x")} where id = ${val(7)}`, { text: "update t set a = $1 where id = $2", params: ["x", 7] });
  });

  it("writes a list as IN (…) on SQLite and as one array parameter on PostgreSQL, numbered after the values before it", () => {
    assert.deepEqual(sqlFor("sqlite")`select 1 from t where run = ${val(3)} and id ${inList([1, 2], "bigint")} and k = ${val("y")}`, {
      text: "select 1 from t where run = ? and id in (?, ?) and k = ?", params: [3, 1, 2, "y"],
    });
    assert.deepEqual(sqlFor("postgres")`select 1 from t where run = ${val(3)} and id ${inList([1, 2], "bigint")} and k = ${val("y")}`, {
      text: "select 1 from t where run = $1 and id = any($2::bigint[]) and k = $3", params: [3, [1, 2], "y"],
    });
    assert.equal(sqlFor("postgres")`where name ${inList(["a.nl"], "text")}`.text, "where name = any($1::text[])");
  });

  it("pads a list on SQLite to a power of two with its last value, so that a statement comes in few lengths", () => {
    const texts = new Set<string>();
    for (let n = 1; n <= 64; n++) {
      const statement = sqlFor("sqlite")`select 1 from t where id ${inList(Array.from({ length: n }, (_, i) => i + 1), "bigint")}`;
      texts.add(statement.text);
      const length = statement.params.length;
      assert.ok(length >= n && length < 2 * n && (length & (length - 1)) === 0, `${n} values bound as ${length}`);
      assert.deepEqual(new Set(statement.params), new Set(Array.from({ length: n }, (_, i) => i + 1)));
    }
    assert.equal(texts.size, 7);
  });

  it("quotes identifiers, and refuses an empty list (which would be invalid SQL on SQLite)", () => {
    assert.deepEqual(sqlFor("sqlite")`delete from ${ident("we\"ird")} where 1`, { text: 'delete from "we""ird" where 1', params: [] });
    assert.throws(() => inList([], "bigint"), /empty list/);
  });
});
