// Runs on both engines: metadata, work lists (plan, resume, progress), recording results on
// change with first/last seen, exact reconstruction of every run after several runs with
// changes, idempotent re-recording, streamed reads, and concurrent recorders; each with results
// recorded on the calling thread and on a thread of their own.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TestResult } from "../../../src/checks/result.ts";
import type { DomainEvidence } from "../../../src/probes/evidence.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";
import type { RunDomainResult, Store } from "../../../src/store/store.ts";
import { STORE_ENGINES, testClock } from "./store-engines.ts";
import type { StoreEngine } from "./store-engines.ts";
import { collect } from "../../helpers/collect.ts";

function evidence(domain: string, ipv6: string[] = []): DomainEvidence {
  return {
    domain,
    webHost: { host: domain, ipv4: ["192.0.2.1"], ipv6, ignoredMappedIpv6: [], cnameChain: [] },
    nameServers: { zone: domain, servers: [{ name: `ns1.${domain}`, ipv4: ["192.0.2.53"], ipv6, ignoredMappedIpv6: [], ipv6Reach: [] }] },
  };
}

function result(status: TestResult["status"], verdict: string, points?: number): TestResult {
  return { status, verdict, reason: `${verdict} because`, details: { verdict, nested: { list: [1, 2, 3], flag: true, none: null } }, ...(points !== undefined ? { points } : {}) };
}

/** A scan whose web result is `web` and whose mail result is fixed. */
function scan(domain: string, web: "good" | "bad", ipv6: string[] = []): DomainScan {
  return {
    domain,
    evidence: evidence(domain, ipv6),
    results: [
      {
        domain, type: "web", score: web === "good" ? 100 : 40,
        tests: {
          web_ipv6_ws_address: web === "good" ? result("passed", "good", 20) : result("failed", "no_ipv6", 0),
          web_dnssec_exist: result("passed", "signed", 10),
          web_dnssec_valid: result("error", "lookup_error"),
        },
      },
      { domain, type: "mail", score: null, tests: { mail_dnssec_mailto_exist: result("info", "signed") } },
    ],
  };
}

/** What reading a run back must give for a recorded scan. */
function expected(s: DomainScan, recordedAt: string): RunDomainResult {
  return { domain: s.domain, recordedAt, evidence: s.evidence, results: s.results };
}

async function withStoreOn(engine: StoreEngine, recordOnOwnThread: boolean, body: (store: Store) => Promise<void>): Promise<void> {
  const clock = testClock("2024-03-01T00:00:00.000Z");
  const t = await engine.open({ now: clock.now, recordOnOwnThread });
  try {
    await t.store.register.apply({ organisations: [], domains: ["a.example", "b.example", "c.example"].map((name) => ({ name, tags: [] })), links: [] },
      { source: "test", fileName: null, fileSha256: null, format: "csv", rowCount: 3 });
    await body(t.store);
  } finally {
    await t.dispose();
  }
}

const T1 = "2024-03-01T10:00:00.000Z";
const T2 = "2024-03-02T10:00:00.000Z";
const T3 = "2024-03-03T10:00:00.000Z";

// Every test runs with results recorded on the calling thread and on a thread of their own (as
// `meetlat run` records them): both must store and read back the same.
for (const engine of STORE_ENGINES) for (const ownThread of [false, true]) {
  const withStore = (e: StoreEngine, body: (store: Store) => Promise<void>) => withStoreOn(e, ownThread, body);
  describe(`runs store (${engine.name}${ownThread ? ", recording on its own thread" : ""})`, { skip: engine.skip }, () => {
    it("keeps a run's metadata: who, when, options, versions, trust anchor, data sources", async () => withStore(engine, async (store) => {
      const run = await store.runs.create({
        requestedBy: "alice", testTypes: ["web", "mail"], startedAt: T1,
        options: { concurrency: 16, resolvers: ["192.0.2.53"], nested: { a: [1, "x"] } },
        versions: { meetlat: "0.1.0", node: "24.21.0" },
        trustAnchor: ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
        dataSources: [{ register: "builtin nl", importId: 1 }],
      });
      assert.equal(run.status, "running");
      assert.deepEqual(await store.runs.get(run.id), run);
      await store.runs.finish(run.id, "finished", T2);
      const done = await store.runs.get(run.id);
      assert.deepEqual(done, { ...run, status: "finished", finishedAt: T2 });
      const second = await store.runs.create({ requestedBy: "schedule", testTypes: ["web"] });
      assert.deepEqual((await store.runs.list()).map((r) => r.id), [second.id, run.id]);
      assert.deepEqual((await store.runs.list({ beforeId: second.id })).map((r) => r.id), [run.id]);
      assert.equal(await store.runs.get(9999), undefined);
    }));

    it("plans work, resumes from the pending items and reports progress", async () => withStore(engine, async (store) => {
      const run = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      assert.equal(await store.runs.plan(run.id, ["a.example", "b.example", "c.example"]), 6);
      async function* again() { yield "b.example"; yield "c.example"; }
      assert.equal(await store.runs.plan(run.id, again()), 0, "planning again adds nothing");
      assert.deepEqual(await store.runs.progress(run.id), { planned: 6, done: 0, pending: 6 });
      await store.runs.record(run.id, [scan("b.example", "good")], T1);
      assert.deepEqual(await store.runs.progress(run.id), { planned: 6, done: 2, pending: 4 });
      const pending = (items: { domain: string; types: string[] }[]) => items.map(({ domain, types }) => ({ domain, types }));
      assert.deepEqual(pending(await store.runs.pending(run.id)), [{ domain: "a.example", types: ["mail", "web"] }, { domain: "c.example", types: ["mail", "web"] }]);
      assert.deepEqual(pending(await store.runs.pending(run.id, { limit: 1, afterDomain: "a.example" })), [{ domain: "c.example", types: ["mail", "web"] }]);
      assert.equal(typeof (await store.runs.pending(run.id))[0]!.domainId, "number");
      await assert.rejects(store.runs.plan(run.id, ["not-registered.example"]), /not in the register/);
    }));

    it("a page of pending work skips as many recorded domains as it must to fill up", async () => withStore(engine, async (store) => {
      const run = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      await store.runs.plan(run.id, ["a.example", "b.example", "c.example"]);
      await store.runs.record(run.id, [scan("a.example", "good"), scan("b.example", "good")], T1);
      // Pages of one domain: a.example's and b.example's hold nothing pending any more.
      assert.deepEqual((await store.runs.pending(run.id, { limit: 1 })).map((p) => p.domain), ["c.example"]);
      await store.runs.record(run.id, [scan("c.example", "good")], T1);
      assert.deepEqual(await store.runs.pending(run.id, { limit: 1 }), []);
      assert.deepEqual(await store.runs.progress(run.id), { planned: 6, done: 6, pending: 0 });
    }));

    it("reconstructs every run exactly after several runs with changes, storing only changes", async () => withStore(engine, async (store) => {
      const r1 = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      const s1 = [scan("a.example", "good"), scan("b.example", "good"), scan("c.example", "good")];
      await store.runs.record(r1.id, s1, T1);

      // Run 2: a unchanged; b's web result changed; c's evidence changed but not its results.
      const r2 = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      const s2 = [scan("a.example", "good"), scan("b.example", "bad"), scan("c.example", "good", ["2001:db8::1"])];
      await store.runs.record(r2.id, s2, T2);

      // Run 3: a changes, b unchanged since run 2, c is not measured.
      const r3 = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      const s3 = [scan("a.example", "bad"), scan("b.example", "bad")];
      await store.runs.record(r3.id, s3, T3);

      assert.deepEqual(await collect(store.runs.results(r1.id)), s1.map((s) => expected(s, T1)));
      assert.deepEqual(await collect(store.runs.results(r2.id)), s2.map((s) => expected(s, T2)));
      assert.deepEqual(await collect(store.runs.results(r3.id)), s3.map((s) => expected(s, T3)));

      // Stored on change: 8 items recorded, but observations only for new results.
      const counts = await store.runs.storageCounts();
      assert.equal(counts.runItems, 16);
      assert.equal(counts.observations, 6 + 1 + 1, "6 in run 1, b/web in run 2, a/web in run 3");
      assert.equal(counts.evidence, 3 + 1, "3 in run 1, c's new evidence in run 2");
      assert.equal(counts.observationTests, 3 * (3 + 1) + 3 + 3, "tests are stored with their observation only");

      // First and last seen, per period of unchanged results.
      const a = await store.runs.history("a.example", "web");
      assert.deepEqual(a.map((p) => [p.firstSeenAt, p.lastSeenAt, p.firstRunId, p.lastRunId, p.score]), [[T1, T2, r1.id, r2.id, 100], [T3, T3, r3.id, r3.id, 40]]);
      const b = await store.runs.history("b.example", "web");
      assert.deepEqual(b.map((p) => [p.firstRunId, p.lastRunId]), [[r1.id, r1.id], [r2.id, r3.id]]);
      const c = await store.runs.history("c.example", "mail");
      assert.deepEqual(c.map((p) => [p.firstSeenAt, p.lastSeenAt]), [[T1, T2]]);
      assert.deepEqual(c[0]!.tests, s1[2]!.results[1]!.tests);
    }));

    it("a result that changes back is a new period (A → B → A), and each run still reads its own", async () => withStore(engine, async (store) => {
      const runs = [];
      for (const [i, web] of (["good", "bad", "good"] as const).entries()) {
        const r = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
        await store.runs.record(r.id, [scan("a.example", web)], [T1, T2, T3][i]);
        runs.push(r);
      }
      const history = await store.runs.history("a.example", "web");
      assert.deepEqual(history.map((p) => p.score), [100, 40, 100]);
      for (const [i, web] of (["good", "bad", "good"] as const).entries()) {
        assert.deepEqual(await collect(store.runs.results(runs[i]!.id)), [expected(scan("a.example", web), [T1, T2, T3][i]!)]);
      }
    }));

    it("re-recording a domain is idempotent, and a replaced result of this run alone leaves no trace", async () => withStore(engine, async (store) => {
      const r1 = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      await store.runs.record(r1.id, [scan("a.example", "good")], T1);
      const r2 = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      await store.runs.record(r2.id, [scan("a.example", "good")], T2);
      const before = await store.runs.storageCounts();

      // The same scan again: nothing new.
      await store.runs.record(r2.id, [scan("a.example", "good")], T2);
      assert.deepEqual(await store.runs.storageCounts(), before);
      assert.deepEqual(await collect(store.runs.results(r2.id)), [expected(scan("a.example", "good"), T2)]);

      // A different scan for the same (run, domain): the run now reads the new one; run 1 is untouched.
      await store.runs.record(r2.id, [scan("a.example", "bad", ["2001:db8::2"])], T3);
      assert.deepEqual(await collect(store.runs.results(r2.id)), [expected(scan("a.example", "bad", ["2001:db8::2"]), T3)]);
      assert.deepEqual(await collect(store.runs.results(r1.id)), [expected(scan("a.example", "good"), T1)]);

      // Back to the first scan: the rows made for the replaced recording were this run's alone and are gone.
      await store.runs.record(r2.id, [scan("a.example", "good")], T3);
      const after = await store.runs.storageCounts();
      assert.deepEqual({ ...after }, { ...before });
      assert.deepEqual((await store.runs.history("a.example", "web")).map((p) => p.score), [100]);
      assert.deepEqual(await store.runs.progress(r2.id), { planned: 2, done: 2, pending: 0 });
    }));

    it("records a batch in one call, the last scan of a domain winning", async () => withStore(engine, async (store) => {
      const r = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      await store.runs.record(r.id, [scan("a.example", "bad"), scan("b.example", "good"), scan("a.example", "good")], T1);
      assert.deepEqual(await collect(store.runs.results(r.id)), [expected(scan("a.example", "good"), T1), expected(scan("b.example", "good"), T1)]);
    }));

    it("keeps texts exactly that mean something to COPY or to JSON (backslashes, tabs, newlines, \\N, quotes, non-ASCII)", async () => withStore(engine, async (store) => {
      // What hostile servers put into TXT records, banners and certificate names reaches the
      // evidence as it was sent; PostgreSQL takes it by COPY, whose text format gives these a meaning.
      const awkward = ["back\\slash", "tab\there", "new\nline", "cr\rhere", "\\N", "\\.", "quote\"d", "ünïcødé ✓", "nul-free \u0001 control", "a".repeat(3000)];
      const s = scan("a.example", "good");
      const hostile: DomainScan = {
        ...s,
        evidence: { ...s.evidence, webHost: { ...s.evidence.webHost!, cnameChain: awkward } },
        results: s.results.map((r) => ({ ...r, tests: Object.fromEntries(Object.entries(r.tests).map(([id, t]) => [id, { ...t, reason: awkward.join(" | "), details: { awkward } }])) })),
      };
      const r = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      await store.runs.record(r.id, [hostile], T1);
      assert.deepEqual(await collect(store.runs.results(r.id)), [expected(hostile, T1)]);
    }));

    it("adds domains scanned outside the register, marked with the run", async () => withStore(engine, async (store) => {
      const r = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      await store.runs.record(r.id, [scan("adhoc.example", "good")], T1);
      const d = [];
      for await (const x of store.register.domains()) if (x.name === "adhoc.example") d.push(x);
      assert.equal(d[0]!.source, `run ${r.id}`);
    }));

    it("streams a run's results page by page in domain order, with or without evidence", async () => withStore(engine, async (store) => {
      const r = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      const scans = Array.from({ length: 25 }, (_, i) => scan(`d${String(i).padStart(2, "0")}.example`, i % 3 ? "good" : "bad"));
      for (let i = 0; i < scans.length; i += 10) await store.runs.record(r.id, scans.slice(i, i + 10), T1);
      const read = await collect(store.runs.results(r.id, { pageSize: 4 }));
      assert.deepEqual(read, scans.map((s) => expected(s, T1)));
      const light = await collect(store.runs.results(r.id, { pageSize: 7, evidence: false }));
      assert.equal(light.length, 25);
      assert.equal("evidence" in light[0]!, false);
      assert.deepEqual(light[3]!.results, scans[3]!.results);
    }));

    it("keeps the order of test types as the run asked for them", async () => withStore(engine, async (store) => {
      const r = await store.runs.create({ requestedBy: "t", testTypes: ["mail", "web"] });
      const s = scan("a.example", "good");
      await store.runs.record(r.id, [s], T1);
      const [read] = await collect(store.runs.results(r.id));
      assert.deepEqual(read!.results.map((x) => x.type), ["mail", "web"]);
    }));

    it("concurrent recorders of the same domain for different runs store an unchanged result once", async () => withStore(engine, async (store) => {
      const r0 = await store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
      await store.runs.record(r0.id, [scan("a.example", "good")], T1);
      const runs = await Promise.all(Array.from({ length: 6 }, () => store.runs.create({ requestedBy: "worker", testTypes: ["web", "mail"] })));
      // All see the same new result at once: it must become one new period, not six.
      await Promise.all(runs.map((r) => store.runs.record(r.id, [scan("a.example", "bad")], T2)));
      const history = await store.runs.history("a.example", "web");
      assert.deepEqual(history.map((p) => p.score), [100, 40]);
      for (const r of runs) assert.deepEqual(await collect(store.runs.results(r.id)), [expected(scan("a.example", "bad"), T2)]);
    }));
  });
}
