// Comply-or-explain storage on both engines: an explanation keeps the finding it explains (the
// latest stored result), refuses input that makes no sense, lists newest first with filters,
// revokes without losing history, reads back per domain in batches for the reports, and the
// migration upgrades a store of the previous version (0002) in place without losing its data.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TestResult } from "../../../src/checks/result.ts";
import type { DomainEvidence } from "../../../src/probes/evidence.ts";
import type { DomainScan, TypeScanResult } from "../../../src/scan/engine.ts";
import { ExplanationError } from "../../../src/store/explanations.ts";
import { openStore } from "../../../src/store/open-store.ts";
import { applyChanges } from "../../../src/store/register-apply.ts";
import { createRun } from "../../../src/store/run-meta.ts";
import type { Store } from "../../../src/store/store.ts";
import { recordScansInOldFormat } from "./old-format-0002.ts";
import { STORE_ENGINES, testClock } from "./store-engines.ts";
import { storeAtMigration } from "./store-at-migration.ts";
import type { StoreEngine } from "./store-engines.ts";

type Outcome = [TestResult["status"], string];

function evidence(domain: string): DomainEvidence {
  return {
    domain,
    webHost: { host: domain, ipv4: ["192.0.2.1"], ipv6: [], ignoredMappedIpv6: [], cnameChain: [] },
    nameServers: { zone: domain, servers: [{ name: `ns1.${domain}`, ipv4: ["192.0.2.53"], ipv6: [], ignoredMappedIpv6: [], ipv6Reach: [] }] },
  };
}

function typeResult(domain: string, type: TypeScanResult["type"], tests: Record<string, Outcome>): TypeScanResult {
  return {
    domain, type, score: 50,
    tests: Object.fromEntries(Object.entries(tests).map(([id, [status, verdict]]) => [id, { status, verdict, reason: `${verdict} seen`, details: { verdict } }])),
  };
}

/** A web-only scan with these test outcomes. */
function webScan(domain: string, tests: Record<string, Outcome>): DomainScan {
  return { domain, evidence: evidence(domain), results: [typeResult(domain, "web", tests)] };
}

const BAD_DNSSEC: Record<string, Outcome> = {
  web_dnssec_exist: ["passed", "signed"],
  web_dnssec_valid: ["failed", "bogus"],
  web_ipv6_ws_address: ["failed", "no_ipv6"],
};

const REGISTER_META = { source: "test", fileName: null, fileSha256: null, format: "csv", rowCount: 3 } as const;
const DOMAINS = ["a.example", "b.example", "c.example"];

/** A store on 2024-03-01 with a.example and b.example measured once (web), c.example never. */
async function withMeasuredStore(engine: StoreEngine, body: (store: Store, clock: ReturnType<typeof testClock>) => Promise<void>): Promise<void> {
  const clock = testClock("2024-03-01T08:00:00.000Z");
  const t = await engine.open({ now: clock.now });
  try {
    await t.store.register.apply({ organisations: [], domains: DOMAINS.map((name) => ({ name, tags: [] })), links: [] }, REGISTER_META);
    const run = await t.store.runs.create({ requestedBy: "test", testTypes: ["web"] });
    await t.store.runs.record(run.id, [webScan("a.example", BAD_DNSSEC), webScan("b.example", BAD_DNSSEC)]);
    await t.store.runs.finish(run.id);
    await body(t.store, clock);
  } finally {
    await t.dispose();
  }
}

async function rejects(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ExplanationError, `expected an ExplanationError, got ${String(err)}`);
    assert.match(err.message, message);
    return true;
  });
}

const ids = (list: readonly { id: number }[]) => list.map((e) => e.id);

for (const engine of STORE_ENGINES) {
  describe(`explanations store (${engine.name})`, { skip: engine.skip }, () => {
    it("explains the latest stored finding and keeps it as it was", async () => withMeasuredStore(engine, async (store, clock) => {
      // A second run changes a.example's finding: the explanation takes the newest one.
      const run2 = await store.runs.create({ requestedBy: "test", testTypes: ["web"] });
      await store.runs.record(run2.id, [webScan("a.example", { ...BAD_DNSSEC, web_dnssec_valid: ["error", "timeout"] })]);
      clock.set("2024-03-02T09:30:00.000Z");
      const e = await store.explanations.add({ domain: "a.example", testId: "web_dnssec_valid", reason: "  resolver outage, fixed by the provider  ", until: "2024-06-30", by: "alice" });
      assert.deepEqual(e, {
        id: e.id, domain: "a.example", testId: "web_dnssec_valid", reason: "resolver outage, fixed by the provider", until: "2024-06-30", by: "alice",
        createdAt: "2024-03-02T09:30:00.000Z", finding: { status: "error", verdict: "timeout" }, revokedAt: null, revokedBy: null,
      });
      const b = await store.explanations.add({ domain: "b.example", testId: "web_dnssec_valid", reason: "new signer in May", until: "2024-03-02" });
      assert.deepEqual([b.finding, b.by], [{ status: "failed", verdict: "bogus" }, null]);

      // Later results do not rewrite what was explained.
      const run3 = await store.runs.create({ requestedBy: "test", testTypes: ["web"] });
      await store.runs.record(run3.id, [webScan("a.example", { ...BAD_DNSSEC, web_dnssec_valid: ["passed", "secure"] })]);
      assert.deepEqual((await store.explanations.list({ domain: "a.example" }))[0]!.finding, { status: "error", verdict: "timeout" });
    }));

    it("refuses what cannot be explained, and stores nothing then", async () => withMeasuredStore(engine, async (store) => {
      const good = { domain: "a.example", testId: "web_dnssec_valid", reason: "because", until: "2024-12-31" };
      await rejects(store.explanations.add({ ...good, domain: "nowhere.example" }), /nowhere\.example is not in the register/);
      await rejects(store.explanations.add({ ...good, testId: "web_dnssec_nonsense" }), /unknown test "web_dnssec_nonsense"/);
      // Never measured; a test type the run did not measure; a test the stored result lacks.
      await rejects(store.explanations.add({ ...good, domain: "c.example" }), /no stored result of web_dnssec_valid for c\.example/);
      await rejects(store.explanations.add({ ...good, testId: "mail_dnssec_mailto_valid" }), /no stored result of mail_dnssec_mailto_valid for a\.example/);
      await rejects(store.explanations.add({ ...good, testId: "web_rpki_valid" }), /no stored result of web_rpki_valid/);
      await rejects(store.explanations.add({ ...good, testId: "web_dnssec_exist" }), /web_dnssec_exist passed for a\.example \(signed\): there is nothing to explain/);
      for (const until of ["2024-02-30", "31-12-2024", "2024-1-5", "", "tomorrow"]) {
        await rejects(store.explanations.add({ ...good, until }), /is not a date \(YYYY-MM-DD\)/);
      }
      await rejects(store.explanations.add({ ...good, until: "2024-02-29" }), /until 2024-02-29 is in the past \(today is 2024-03-01\)/);
      for (const reason of ["", "   \n"]) await rejects(store.explanations.add({ ...good, reason }), /the reason is empty/);
      assert.deepEqual(await store.explanations.list({ includeRevoked: true }), []);
      // Today itself is the last day it may count.
      assert.equal((await store.explanations.add({ ...good, until: "2024-03-01" })).until, "2024-03-01");
    }));

    it("lists newest first, by domain, in force on a day, with or without revoked ones", async () => withMeasuredStore(engine, async (store) => {
      const add = (domain: string, testId: string, until: string) => store.explanations.add({ domain, testId, reason: `${domain} ${testId}`, until });
      const a1 = await add("a.example", "web_dnssec_valid", "2024-04-30");
      const b1 = await add("b.example", "web_dnssec_valid", "2024-12-31");
      const a2 = await add("a.example", "web_ipv6_ws_address", "2024-03-31");
      await store.explanations.revoke(b1.id, "bob");

      assert.deepEqual(ids(await store.explanations.list()), [a2.id, a1.id]);
      assert.deepEqual(ids(await store.explanations.list({ includeRevoked: true })), [a2.id, b1.id, a1.id]);
      assert.deepEqual(ids(await store.explanations.list({ domain: "a.example" })), [a2.id, a1.id]);
      assert.deepEqual(ids(await store.explanations.list({ domain: "b.example" })), []);
      assert.deepEqual(ids(await store.explanations.list({ domain: "b.example", includeRevoked: true })), [b1.id]);
      assert.deepEqual(ids(await store.explanations.list({ domain: "nowhere.example" })), []);
      // until is inclusive; revoked ones are never in force.
      assert.deepEqual(ids(await store.explanations.list({ activeOn: "2024-03-31" })), [a2.id, a1.id]);
      assert.deepEqual(ids(await store.explanations.list({ activeOn: "2024-04-01" })), [a1.id]);
      assert.deepEqual(ids(await store.explanations.list({ activeOn: "2024-05-01" })), []);
      assert.deepEqual(ids(await store.explanations.list({ activeOn: "2024-04-01", domain: "b.example" })), []);
      await rejects(store.explanations.list({ activeOn: "April" }), /activeOn "April" is not a date/);
    }));

    it("revokes once, keeping the explanation as history", async () => withMeasuredStore(engine, async (store, clock) => {
      const e = await store.explanations.add({ domain: "a.example", testId: "web_dnssec_valid", reason: "migration", until: "2024-12-31", by: "alice" });
      clock.set("2024-03-05T12:00:00.000Z");
      const revoked = await store.explanations.revoke(e.id, "bob");
      assert.deepEqual(revoked, { ...e, revokedAt: "2024-03-05T12:00:00.000Z", revokedBy: "bob" });
      await rejects(store.explanations.revoke(e.id, "carol"), new RegExp(`explanation ${e.id} was already revoked at 2024-03-05T12:00:00\\.000Z`));
      await rejects(store.explanations.revoke(e.id + 1000), new RegExp(`there is no explanation ${e.id + 1000}`));
      await rejects(store.explanations.revoke(0), /"0" is not an explanation id/);
      assert.deepEqual(await store.explanations.list({ includeRevoked: true }), [revoked]);
      assert.deepEqual(await store.explanations.list(), []);
      // Without a name, revoking records no one.
      const f = await store.explanations.add({ domain: "b.example", testId: "web_dnssec_valid", reason: "x", until: "2024-12-31" });
      assert.equal((await store.explanations.revoke(f.id)).revokedBy, null);
    }));

    it("reads every explanation of many domains, revoked ones too, in batches", async () => withMeasuredStore(engine, async (store) => {
      const a1 = await store.explanations.add({ domain: "a.example", testId: "web_dnssec_valid", reason: "one", until: "2024-03-10" });
      const a2 = await store.explanations.add({ domain: "a.example", testId: "web_ipv6_ws_address", reason: "two", until: "2025-01-01" });
      const b1 = await store.explanations.add({ domain: "b.example", testId: "web_dnssec_valid", reason: "three", until: "2024-12-31" });
      const revokedA1 = await store.explanations.revoke(a1.id, "bob");
      // More names than one statement takes, so the query runs in several batches.
      const names = [...Array.from({ length: 9000 }, (_, i) => `filler${i}.example`), "b.example", "c.example", "a.example", "a.example"];
      const map = await store.explanations.forDomains(names);
      assert.deepEqual([...map.keys()].sort(), ["a.example", "b.example"]);
      assert.deepEqual(map.get("a.example"), [a2, revokedA1]);
      assert.deepEqual(map.get("b.example"), [b1]);
      assert.equal((await store.explanations.forDomains([])).size, 0);
    }));
  });

  describe(`explanations migration (${engine.name})`, { skip: engine.skip }, () => {
    it("upgrades a store of the previous version (0002) without losing its data", async () => {
      const old = await storeAtMigration(engine, "0002-runs");
      try {
        const scans = [webScan("a.example", BAD_DNSSEC), webScan("b.example", { web_dnssec_valid: ["passed", "secure"] })];
        const at = "2024-03-01T08:00:00.000Z";
        const runId = await (async () => {
          const db = old.db;
          await applyChanges(db, { organisations: [{ key: "o", name: "O" }], domains: DOMAINS.map((name) => ({ name, tags: [] })), links: [{ organisationKey: "o", domain: "a.example", role: "owner" }] }, REGISTER_META, at);
          const run = await createRun(db, { requestedBy: "old version", testTypes: ["web"] }, at);
          // As the previous version stored results (details inline), not as today's recorder does.
          await recordScansInOldFormat(db, run.id, scans, at);
          return run.id;
        })();
        await old.db.destroy();

        const store = await openStore(old.location, { now: () => new Date(at) });
        try {
          assert.equal(store.migrationsApplied[0], "0003-explanations");
          assert.ok(!store.migrationsApplied.includes("0002-runs"));
          assert.equal((await store.register.counts()).domains, 3);
          const results = [];
          for await (const r of store.runs.results(runId)) results.push(r);
          assert.deepEqual(results.map((r) => ({ domain: r.domain, evidence: r.evidence, results: r.results })), scans.map((s) => ({ domain: s.domain, evidence: s.evidence, results: s.results })));
          const e = await store.explanations.add({ domain: "a.example", testId: "web_dnssec_valid", reason: "old data", until: "2024-04-01" });
          assert.deepEqual(e.finding, { status: "failed", verdict: "bogus" });
        } finally {
          await store.close();
        }
      } finally {
        await old.dispose();
      }
    });
  });
}

