// An import is all or nothing, on both engines: every bad file leaves the register exactly as it
// was, and a dry run writes nothing.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { importRegisterBytes, importRegisterFile } from "../../../src/register/import-register.ts";
import type { Store } from "../../../src/store/store.ts";
import { workbookWithFormulas, workbookWithMergedCells } from "../../fixtures/register/workbooks.ts";
import { STORE_ENGINES } from "./store-engines.ts";

const fixture = (name: string) => new URL(`../../fixtures/register/${name}`, import.meta.url).pathname;

const BAD_FILES = [
  "wrong-columns.csv", "missing-columns.csv", "duplicate-domains.csv", "invalid-names.csv", "two-owners.csv",
  "merged-without-valid-to.csv", "many-problems.csv", "windows-1252.csv", "empty.csv", "header-only.csv",
  "blank-lines.csv", "empty.json", "broken.json", "not-an-array.json",
];

async function snapshot(store: Store): Promise<unknown> {
  const orgs = [];
  for await (const o of store.register.organisations()) orgs.push(o);
  const domains = [];
  for await (const d of store.register.domains({ includeRemoved: true })) domains.push(d);
  return { counts: await store.register.counts("2024-06-01"), orgs, domains };
}

for (const engine of STORE_ENGINES) {
  describe(`imports are all or nothing (${engine.name})`, { skip: engine.skip }, () => {
    it("no bad file changes anything", async () => {
      const t = await engine.open();
      try {
        assert.equal((await importRegisterFile(t.store.register, fixture("good.json"))).ok, true);
        const before = await snapshot(t.store);
        for (const name of BAD_FILES) {
          const o = await importRegisterFile(t.store.register, fixture(name));
          assert.equal(o.ok, false, name);
          assert.ok(o.problems.length > 0, name);
          assert.equal(o.summary, undefined, name);
        }
        for (const [name, bytes] of [["formulas.xlsx", await workbookWithFormulas()], ["merged.xlsx", await workbookWithMergedCells()]] as const) {
          assert.equal((await importRegisterBytes(t.store.register, bytes, name)).ok, false, name);
        }
        assert.deepEqual(await snapshot(t.store), before);
      } finally {
        await t.dispose();
      }
    });

    it("a file that conflicts only with what is stored is refused as a whole", async () => {
      const t = await engine.open();
      try {
        await importRegisterFile(t.store.register, fixture("good.csv"));
        const before = await snapshot(t.store);
        // Good rows first; the last one claims a domain the register gives to another owner.
        const csv = "domain,organisation_id,organisation,role\nnew-1.example,new-org,New Org,owner\nnew-2.example,new-org,,owner\nlogius.nl,new-org,,owner\n";
        const o = await importRegisterBytes(t.store.register, new TextEncoder().encode(csv), "conflict.csv");
        assert.deepEqual(o.problems.map((p) => [p.line, p.field]), [[4, "role"]]);
        assert.match(o.problems[0]!.message, /"logius" \(already in the register\)/);
        assert.deepEqual(await snapshot(t.store), before);
      } finally {
        await t.dispose();
      }
    });

    it("a dry run reports what would change and writes nothing", async () => {
      const t = await engine.open();
      try {
        const before = await snapshot(t.store);
        const o = await importRegisterFile(t.store.register, fixture("good.csv"), { dryRun: true });
        assert.equal(o.ok, true);
        assert.deepEqual(o.summary, { importId: null, organisations: { added: 6, updated: 0, unchanged: 0 }, domains: { added: 7, updated: 0, unchanged: 0 }, links: { added: 8, unchanged: 0 }, tagsAdded: 7 });
        assert.deepEqual(await snapshot(t.store), before);
      } finally {
        await t.dispose();
      }
    });
  });
}
