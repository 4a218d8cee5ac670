// Migrations are applied on open, exactly once, and opening again — or from several processes
// at the same moment, as CLI runs and workers do — is harmless.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { LATEST_SCHEMA_VERSION } from "../../../src/store/migrations/index.ts";
import { openStore } from "../../../src/store/open-store.ts";
import { dropSchema, STORE_ENGINES } from "./store-engines.ts";

const run = promisify(execFile);
const child = new URL("./open-store-child.ts", import.meta.url).pathname;
const ALL = ["0001-register", "0002-runs", "0003-explanations", "0004-json-blobs", "0005-lean-run-tables", "0006-tests-in-observation", "0007-lz4-long-texts", "0008-run-plan"];

/** Opens `location` from `n` processes started together; returns what each applied. */
async function openConcurrently(location: string, n: number): Promise<string[][]> {
  const outputs = await Promise.all(Array.from({ length: n }, () => run(process.execPath, [child, location])));
  return outputs.map((o) => JSON.parse(o.stdout) as string[]);
}

for (const engine of STORE_ENGINES) {
  describe(`migrations (${engine.name})`, { skip: engine.skip }, () => {
    it("applies every migration on the first open and none on the next", async () => {
      const t = await engine.open();
      try {
        assert.deepEqual(t.store.migrationsApplied, ALL);
        assert.equal(LATEST_SCHEMA_VERSION, ALL.at(-1));
        const again = await openStore(t.location);
        try {
          assert.deepEqual(again.migrationsApplied, []);
        } finally {
          await again.close();
        }
      } finally {
        await t.dispose();
      }
    });

    it("keeps the data when the store is opened again", async () => {
      const t = await engine.open();
      try {
        await t.store.register.apply({ organisations: [{ key: "o", name: "O" }], domains: [{ name: "o.example", tags: [] }], links: [{ organisationKey: "o", domain: "o.example", role: "owner" }] },
          { source: "test", fileName: null, fileSha256: null, format: "csv", rowCount: 1 });
        const again = await openStore(t.location);
        try {
          const counts = await again.register.counts();
          assert.equal(counts.domains, 1);
          assert.equal(counts.links, 1);
        } finally {
          await again.close();
        }
      } finally {
        await t.dispose();
      }
    });
  });
}

describe("migrations from several processes at once", () => {
  it("apply each migration exactly once on a new SQLite file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meetlat-migrate-"));
    try {
      const applied = await openConcurrently(join(dir, "new.sqlite"), 4);
      assert.equal(applied.filter((a) => a.length > 0).length, 1, JSON.stringify(applied));
      assert.deepEqual(applied.find((a) => a.length > 0), ALL);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const postgres = STORE_ENGINES.find((e) => e.name === "postgres")!;
  it("apply each migration exactly once on a new PostgreSQL schema", { skip: postgres.skip }, async () => {
    const t = await postgres.open();
    const schema = new URL(t.location).searchParams.get("schema")!;
    // A sibling schema that does not exist yet: the processes race to create it.
    const fresh = t.location.replace(`schema=${schema}`, `schema=${schema}_new`);
    try {
      const applied = await openConcurrently(fresh, 4);
      assert.equal(applied.filter((a) => a.length > 0).length, 1, JSON.stringify(applied));
      assert.deepEqual(applied.find((a) => a.length > 0), ALL);
    } finally {
      const cleanup = await openStore(t.location);
      await cleanup.close();
      await t.dispose();
      await dropSchema(`${schema}_new`);
    }
  });
});
