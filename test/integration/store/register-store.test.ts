// The register's store operations on both engines: applying change sets (all or nothing,
// merges with what is stored), dry runs, history-keeping removal, tags, streamed listings,
// counts and the lookups validation uses.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RegisterChangeSet } from "../../../src/register/model.ts";
import type { ImportMeta, Store } from "../../../src/store/store.ts";
import { STORE_ENGINES, testClock } from "./store-engines.ts";
import type { StoreEngine } from "./store-engines.ts";
import { collect } from "../../helpers/collect.ts";

const META: ImportMeta = { source: "test", fileName: "t.csv", fileSha256: null, format: "csv", rowCount: 1 };

const BASE: RegisterChangeSet = {
  organisations: [
    { key: "gm0014", name: "Gemeente Groningen", type: "gemeente", codes: { cbs: "GM0014" } },
    { key: "gm0501", name: "Gemeente Brielle", type: "gemeente", codes: { cbs: "GM0501" }, validTo: "2022-12-31", mergedIntoKey: "gm1992" },
    { key: "gm1992", name: "Gemeente Voorne aan Zee", type: "gemeente", codes: { cbs: "GM1992" }, validFrom: "2023-01-01" },
    { key: "bzk", name: "BZK", type: "ministerie" },
    { key: "logius", name: "Logius", type: "uitvoeringsorganisatie", parentKey: "bzk" },
  ],
  domains: [
    { name: "groningen.nl", purpose: "both", tags: ["gemeente"] },
    { name: "brielle.nl", purpose: "web", tags: ["gemeente"] },
    { name: "logius.nl", tags: [] },
    { name: "loose.example", purpose: "mail", tags: ["x"] },
  ],
  links: [
    { organisationKey: "gm0014", domain: "groningen.nl", role: "owner" },
    { organisationKey: "gm0501", domain: "brielle.nl", role: "owner" },
    { organisationKey: "gm1992", domain: "brielle.nl", role: "owner" },
    { organisationKey: "logius", domain: "logius.nl", role: "owner" },
    { organisationKey: "bzk", domain: "logius.nl", role: "related" },
  ],
};

async function withStore(engine: StoreEngine, body: (store: Store, clock: ReturnType<typeof testClock>) => Promise<void>): Promise<void> {
  const clock = testClock();
  const t = await engine.open({ now: clock.now });
  try {
    await body(t.store, clock);
  } finally {
    await t.dispose();
  }
}

for (const engine of STORE_ENGINES) {
  describe(`register store (${engine.name})`, { skip: engine.skip }, () => {
    it("applies a change set and reads it back", async () => withStore(engine, async (store) => {
      const summary = await store.register.apply(BASE, META);
      assert.deepEqual({ ...summary, importId: summary.importId !== null }, {
        importId: true,
        organisations: { added: 5, updated: 0, unchanged: 0 },
        domains: { added: 4, updated: 0, unchanged: 0 },
        links: { added: 5, unchanged: 0 },
        tagsAdded: 3,
      });
      const orgs = await collect(store.register.organisations());
      assert.deepEqual(orgs.map((o) => o.key), ["bzk", "gm0014", "gm0501", "gm1992", "logius"]);
      const brielle = orgs.find((o) => o.key === "gm0501")!;
      assert.deepEqual(brielle, { key: "gm0501", name: "Gemeente Brielle", type: "gemeente", codes: { cbs: "GM0501" }, parentKey: null, mergedIntoKey: "gm1992", validFrom: null, validTo: "2022-12-31", source: "test", domainCount: 1 });
      assert.equal(orgs.find((o) => o.key === "logius")!.parentKey, "bzk");
      const domains = await collect(store.register.domains());
      const logius = domains.find((d) => d.name === "logius.nl")!;
      assert.equal(logius.purpose, "both");
      assert.deepEqual(logius.organisations, [{ key: "logius", name: "Logius", role: "owner" }, { key: "bzk", name: "BZK", role: "related" }]);
      assert.equal(logius.firstSeenAt, "2024-01-01T00:00:00.000Z");
    }));

    it("is idempotent: the same change set again changes nothing but last-seen", async () => withStore(engine, async (store, clock) => {
      await store.register.apply(BASE, META);
      clock.advance(86_400_000);
      const again = await store.register.apply(BASE, META);
      assert.deepEqual(again.organisations, { added: 0, updated: 0, unchanged: 5 });
      assert.deepEqual(again.domains, { added: 0, updated: 0, unchanged: 4 });
      assert.deepEqual(again.links, { added: 0, unchanged: 5 });
      assert.equal(again.tagsAdded, 0);
      const d = (await collect(store.register.domains())).find((x) => x.name === "groningen.nl")!;
      assert.equal(d.firstSeenAt, "2024-01-01T00:00:00.000Z");
      assert.equal(d.lastSeenAt, "2024-01-02T00:00:00.000Z");
    }));

    it("merges: fields a file does not state keep their stored values", async () => withStore(engine, async (store) => {
      await store.register.apply(BASE, META);
      const summary = await store.register.apply({
        organisations: [{ key: "gm0014" }],
        domains: [{ name: "gemeente.groningen.nl", purpose: "web", tags: ["new"] }, { name: "groningen.nl", tags: ["extra"] }],
        links: [{ organisationKey: "gm0014", domain: "gemeente.groningen.nl", role: "owner" }],
      }, META);
      assert.deepEqual(summary.organisations, { added: 0, updated: 0, unchanged: 1 });
      const org = (await collect(store.register.organisations())).find((o) => o.key === "gm0014")!;
      assert.equal(org.name, "Gemeente Groningen");
      assert.deepEqual(org.codes, { cbs: "GM0014" });
      assert.equal(org.domainCount, 2);
      const g = (await collect(store.register.domains())).find((d) => d.name === "groningen.nl")!;
      assert.equal(g.purpose, "both");
      assert.deepEqual(g.tags, ["extra", "gemeente"]);
    }));

    it("a changed role ends the old link and starts a new one", async () => withStore(engine, async (store) => {
      await store.register.apply(BASE, META);
      const s = await store.register.apply({ organisations: [], domains: [{ name: "logius.nl", tags: [] }], links: [{ organisationKey: "bzk", domain: "logius.nl", role: "owner" }] }, META);
      assert.equal(s.links.added, 1);
      const d = (await collect(store.register.domains())).find((x) => x.name === "logius.nl")!;
      assert.deepEqual(d.organisations.map((o) => `${o.key}:${o.role}`).sort(), ["bzk:owner", "logius:owner"]);
    }));

    it("preview (dry run) reports the changes and writes nothing", async () => withStore(engine, async (store) => {
      const summary = await store.register.preview(BASE, META);
      assert.equal(summary.importId, null);
      assert.equal(summary.domains.added, 4);
      const counts = await store.register.counts("2024-06-01");
      assert.equal(counts.domains, 0);
      assert.deepEqual(counts.currentOrganisationsByType, {});
    }));

    it("apply is all or nothing: a failing statement leaves the register unchanged", async () => withStore(engine, async (store) => {
      await store.register.apply(BASE, META);
      const before = await store.register.counts("2024-06-01");
      // Validation would refuse this (a code held by another organisation); the store's unique
      // constraint refuses it too, after the new domain was already inserted in the transaction.
      await assert.rejects(store.register.apply({
        organisations: [{ key: "other", name: "Other", codes: { cbs: "GM0014" } }],
        domains: [{ name: "new.example", tags: [] }],
        links: [{ organisationKey: "other", domain: "new.example", role: "owner" }],
      }, META));
      assert.deepEqual(await store.register.counts("2024-06-01"), before);
      assert.equal((await store.register.existingDomains(["new.example"])).size, 0);
    }));

    it("counts current and former organisations by type", async () => withStore(engine, async (store) => {
      await store.register.apply(BASE, META);
      const c = await store.register.counts("2024-06-01");
      assert.deepEqual(c, {
        currentOrganisationsByType: { gemeente: 2, ministerie: 1, uitvoeringsorganisatie: 1 },
        formerOrganisations: 1,
        domains: 4,
        domainsByPurpose: { both: 2, web: 1, mail: 1 },
        unattachedDomains: 1,
        links: 5,
        removedDomains: 0,
      });
      const onDay = await collect(store.register.organisations({ validOn: "2022-06-01", type: "gemeente" }));
      assert.deepEqual(onDay.map((o) => o.key), ["gm0014", "gm0501"]);
    }));

    it("filters domains by tag, organisation and organisation type", async () => withStore(engine, async (store) => {
      await store.register.apply(BASE, META);
      const names = async (filter: Parameters<Store["register"]["domains"]>[0]) => (await collect(store.register.domains(filter))).map((d) => d.name);
      assert.deepEqual(await names({ tag: "gemeente" }), ["brielle.nl", "groningen.nl"]);
      assert.deepEqual(await names({ organisationKey: "bzk" }), ["logius.nl"]);
      assert.deepEqual(await names({ organisationType: "gemeente" }), ["brielle.nl", "groningen.nl"]);
      assert.deepEqual(await names({ purpose: "mail" }), ["loose.example"]);
    }));

    it("streams listings page by page in order", async () => withStore(engine, async (store) => {
      const n = 1234;
      const domains = Array.from({ length: n }, (_, i) => ({ name: `d${String(i).padStart(5, "0")}.example`, tags: [i % 2 ? "odd" : "even"] }));
      const orgs = Array.from({ length: 30 }, (_, i) => ({ key: `org-${String(i).padStart(2, "0")}`, name: `Org ${i}` }));
      await store.register.apply({ organisations: orgs, domains, links: domains.map((d, i) => ({ organisationKey: orgs[i % 30]!.key, domain: d.name, role: "owner" as const })) }, META);
      const listed = await collect(store.register.domains({}, 100));
      assert.equal(listed.length, n);
      assert.deepEqual(listed.map((d) => d.name), domains.map((d) => d.name));
      assert.equal((await collect(store.register.domains({ tag: "odd" }, 7))).length, n / 2);
      const o = await collect(store.register.organisations({}, 7));
      assert.equal(o.length, 30);
      assert.equal(o.reduce((s, x) => s + x.domainCount, 0), n);
    }));

    it("remove keeps history: a removed domain is listed only with includeRemoved; unlinking ends one link", async () => withStore(engine, async (store, clock) => {
      await store.register.apply(BASE, META);
      clock.advance(1000);
      const unlinked = await store.register.remove(["logius.nl", "groningen.nl"], "bzk");
      assert.deepEqual(unlinked, { changed: ["logius.nl"], notFound: ["groningen.nl"] });
      const removed = await store.register.remove(["loose.example", "nope.example"]);
      assert.deepEqual(removed, { changed: ["loose.example"], notFound: ["nope.example"] });
      assert.deepEqual((await collect(store.register.domains())).map((d) => d.name), ["brielle.nl", "groningen.nl", "logius.nl"]);
      const withRemoved = await collect(store.register.domains({ includeRemoved: true }));
      assert.equal(withRemoved.find((d) => d.name === "loose.example")!.removedAt, "2024-01-01T00:00:01.000Z");
      assert.deepEqual(withRemoved.find((d) => d.name === "logius.nl")!.organisations.map((o) => o.key), ["logius"]);
      // Importing a removed domain again brings it back.
      const back = await store.register.apply({ organisations: [], domains: [{ name: "loose.example", tags: [] }], links: [] }, META);
      assert.equal(back.domains.updated, 1);
      assert.equal((await collect(store.register.domains())).length, 4);
      await assert.rejects(store.register.remove(["groningen.nl"], "no-such-org"), /no organisation "no-such-org"/);
    }));

    it("tags and untags domains", async () => withStore(engine, async (store) => {
      await store.register.apply(BASE, META);
      assert.deepEqual(await store.register.tag(["groningen.nl", "brielle.nl", "x.example"], ["pilot"], ["gemeente"]), { changed: ["brielle.nl", "groningen.nl"], notFound: ["x.example"] });
      assert.deepEqual(await store.register.tag(["groningen.nl"], ["pilot"], []), { changed: [], notFound: [] });
      const g = (await collect(store.register.domains())).find((d) => d.name === "groningen.nl")!;
      assert.deepEqual(g.tags, ["pilot"]);
    }));

    it("answers the lookups import validation needs", async () => withStore(engine, async (store) => {
      await store.register.apply(BASE, META);
      const orgs = await store.register.existingOrganisations(["gm0501", "nope"]);
      assert.deepEqual([...orgs.keys()], ["gm0501"]);
      assert.equal(orgs.get("gm0501")!.validTo, "2022-12-31");
      const owners = await store.register.existingOwners(["brielle.nl", "logius.nl"]);
      assert.deepEqual(owners.map((o) => `${o.domain}:${o.organisationKey}`).sort(), ["brielle.nl:gm0501", "brielle.nl:gm1992", "logius.nl:logius"]);
      const codes = await store.register.existingCodes([{ scheme: "cbs", code: "GM0014" }, { scheme: "cbs", code: "GM9999" }]);
      assert.deepEqual([...codes], [["cbs:GM0014", "gm0014"]]);
      assert.deepEqual([...await store.register.existingDomains(["groningen.nl", "x.example"])], ["groningen.nl"]);
    }));
  });
}
