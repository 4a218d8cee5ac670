import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { describeDatabaseLocation, parseDatabaseLocation, postgresSchemaLocation, resolveDatabaseLocation } from "../../../src/store/database-location.ts";

describe("where the store lives", () => {
  it("defaults to ./meetlat.sqlite, unless MEETLAT_DATABASE or --database says otherwise", () => {
    assert.deepEqual(resolveDatabaseLocation(undefined, {}), { engine: "sqlite", path: resolve("meetlat.sqlite") });
    assert.deepEqual(resolveDatabaseLocation(undefined, { MEETLAT_DATABASE: "/var/lib/meetlat/m.sqlite" }), { engine: "sqlite", path: "/var/lib/meetlat/m.sqlite" });
    assert.deepEqual(resolveDatabaseLocation("sqlite:x.db", { MEETLAT_DATABASE: "/ignored" }), { engine: "sqlite", path: resolve("x.db") });
    assert.deepEqual(parseDatabaseLocation(":memory:"), { engine: "sqlite", path: ":memory:" });
  });

  it("takes PostgreSQL URLs, with meetlat's own schema parameter", () => {
    assert.deepEqual(parseDatabaseLocation("postgres://u:secret@127.0.0.1:5432/db?schema=meetlat&sslmode=disable"), {
      engine: "postgres", url: "postgres://u:secret@127.0.0.1:5432/db?sslmode=disable", schema: "meetlat",
    });
    assert.equal(parseDatabaseLocation("postgresql://h/db").engine, "postgres");
    assert.equal((parseDatabaseLocation("postgres://h/db") as { schema: string }).schema, "public");
  });

  it("names a schema in a PostgreSQL URL, with or without other parameters, as parsing reads it back", () => {
    for (const url of ["postgres://u:p@h:5432/db", "postgres://u:p@h:5432/db?sslmode=disable"]) {
      assert.deepEqual(parseDatabaseLocation(postgresSchemaLocation(url, "t_1")), { engine: "postgres", url, schema: "t_1" });
    }
  });

  it("never shows a password", () => {
    assert.equal(describeDatabaseLocation(parseDatabaseLocation("postgres://u:secret@h/db?schema=x")), "PostgreSQL postgres://u:***@h/db (schema x)");
  });

  it("refuses what it cannot open", () => {
    assert.throws(() => parseDatabaseLocation("mysql://h/db"), /only postgres/);
    assert.throws(() => parseDatabaseLocation("postgres://h/db?schema=Bad-Name"), /schema/);
    assert.throws(() => parseDatabaseLocation("  "), /empty/);
  });
});
