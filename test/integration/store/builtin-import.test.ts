// A fresh store imports the shipped registers without errors on both engines, reports the
// counts the issue asks for, and importing again changes nothing.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { builtinRegisterPath } from "../../../src/register/builtin-registers.ts";
import { importRegisterFile } from "../../../src/register/import-register.ts";
import { STORE_ENGINES } from "./store-engines.ts";

const cbsCodes = new Set(readFileSync(new URL("../../../data/registers/nl/cbs-gemeenten-2025.csv", import.meta.url), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]!));

for (const engine of STORE_ENGINES) {
  describe(`the builtin registers (${engine.name})`, { skip: engine.skip }, () => {
    it("nl: imports without errors, with 342 municipalities that all have a CBS code of the boundaries file", async () => {
      const t = await engine.open();
      try {
        const o = await importRegisterFile(t.store.register, builtinRegisterPath("nl"), { source: "builtin nl" });
        assert.deepEqual(o.problems, []);
        const counts = await t.store.register.counts();
        assert.equal(counts.currentOrganisationsByType.gemeente, 342);
        assert.equal(counts.currentOrganisationsByType.provincie, 12);
        assert.equal(counts.currentOrganisationsByType.waterschap, 21);
        assert.equal(counts.formerOrganisations, 3);
        const codes: string[] = [];
        for await (const org of t.store.register.organisations({ type: "gemeente", validOn: new Date().toISOString().slice(0, 10) })) codes.push(org.codes.cbs ?? "");
        assert.equal(codes.length, 342);
        assert.equal(new Set(codes).size, 342);
        for (const c of codes) assert.ok(cbsCodes.has(c), c);

        const again = await importRegisterFile(t.store.register, builtinRegisterPath("nl"), { source: "builtin nl" });
        assert.deepEqual([again.summary!.organisations.added, again.summary!.organisations.updated, again.summary!.domains.added, again.summary!.domains.updated, again.summary!.links.added], [0, 0, 0, 0, 0]);
      } finally {
        await t.dispose();
      }
    });

    it("us: imports without errors beside the Dutch one", async () => {
      const t = await engine.open();
      try {
        assert.deepEqual((await importRegisterFile(t.store.register, builtinRegisterPath("nl"))).problems, []);
        const o = await importRegisterFile(t.store.register, builtinRegisterPath("us"));
        assert.deepEqual(o.problems, []);
        assert.equal(o.summary!.domains.added, 16539);
        const counts = await t.store.register.counts();
        assert.equal(counts.domains, 2560 + 16539);
      } finally {
        await t.dispose();
      }
    });
  });
}
