// Every profile over results that went through the store: two runs recorded in SQLite, read back
// with store.runs.results and judged, each run as of its own start date, so explanations that
// expired in between count again and an old run keeps its own outcome.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestType } from "../../../src/checks/result.ts";
import { applyProfile } from "../../../src/profiles/apply-profile.ts";
import { findProfile } from "../../../src/profiles/load-profiles.ts";
import type { DomainOutcome, DomainResults } from "../../../src/profiles/types.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { openStore } from "../../../src/store/open-store.ts";
import type { RunDomainResult, Store } from "../../../src/store/store.ts";
import { BOGUS_WEB, explanation, goodHttps, goodMail, goodWeb, r, stateOf, UNSIGNED_WEB } from "./fixtures.ts";
import type { Tests } from "./fixtures.ts";

function scan(domain: string, results: Partial<Record<TestType, Tests>>): DomainScan {
  return {
    domain,
    evidence: { domain, webHost: { host: domain, ipv4: ["192.0.2.10"], ipv6: [], ignoredMappedIpv6: [], cnameChain: [] } },
    results: (Object.entries(results) as [TestType, Tests][]).map(([type, tests]) => ({ domain, type, score: null, tests })),
  };
}

function asDomainResults(r: RunDomainResult, applicableTypes: TestType[]): DomainResults {
  return { domain: r.domain, applicableTypes, results: r.results.map(({ type, score, tests }) => ({ type, score, tests })) };
}

const RUN1 = "2024-03-01T06:00:00.000Z";
const RUN2 = "2024-09-01T06:00:00.000Z";
const dmarcReject = { mail_auth_dmarc_exist: r("passed", "good", 10), mail_auth_dmarc_policy: r("passed", "reject", 10) };
// The explanation of bogus.nl's broken DNSSEC runs out between the two runs.
const explanations = [explanation("bogus.nl", "web_dnssec_valid", { status: "failed", verdict: "bogus" }, "2024-06-30")];

let store: Store;
const runIds: number[] = [];

before(async () => {
  store = await openStore(":memory:");
  const run1 = await store.runs.create({ requestedBy: "test", testTypes: ["web", "mail"], startedAt: RUN1 });
  await store.runs.record(run1.id, [
    scan("good.nl", { web: { ...goodWeb(), ...goodHttps() }, mail: { ...goodMail(), ...dmarcReject } }),
    scan("unsigned.nl", { web: { ...goodWeb(), ...UNSIGNED_WEB }, mail: goodMail() }),
    scan("bogus.nl", { web: { ...goodWeb(), ...BOGUS_WEB }, mail: goodMail() }),
  ], RUN1);
  await store.runs.finish(run1.id, "finished", RUN1);
  // Run 2 selected only the website tests; unsigned.nl got signed meanwhile.
  const run2 = await store.runs.create({ requestedBy: "test", testTypes: ["web"], startedAt: RUN2 });
  await store.runs.record(run2.id, [
    scan("good.nl", { web: { ...goodWeb(), ...goodHttps() } }),
    scan("unsigned.nl", { web: goodWeb() }),
    scan("bogus.nl", { web: { ...goodWeb(), ...BOGUS_WEB } }),
  ], RUN2);
  await store.runs.finish(run2.id, "finished", RUN2);
  runIds.push(run1.id, run2.id);
});

after(async () => store.close());

/** Applies a profile to every domain of a stored run, as of the run's start date. */
async function judge(profileId: string, runIndex: 0 | 1): Promise<Map<string, DomainOutcome>> {
  const run = await store.runs.get(runIds[runIndex]!);
  assert.ok(run);
  const profile = findProfile(profileId);
  const out = new Map<string, DomainOutcome>();
  for await (const stored of store.runs.results(run.id, { evidence: false })) {
    out.set(stored.domain, applyProfile(profile, asDomainResults(stored, ["web", "mail"]), explanations, run.startedAt.slice(0, 10)));
  }
  return out;
}

function states(outcomes: Map<string, DomainOutcome>, standardId: string): Record<string, string | undefined> {
  return Object.fromEntries([...outcomes].map(([domain, o]) => [domain, stateOf(o, standardId)]));
}

describe("profiles on stored results", () => {
  it("forum-standaardisatie: met, not met, explained until the date, counted again after it", async () => {
    const run1 = await judge("forum-standaardisatie", 0);
    assert.deepEqual(states(run1, "web-dnssec"), { "bogus.nl": "explained", "good.nl": "met", "unsigned.nl": "not_met" });
    assert.deepEqual(states(run1, "mail-dnssec"), { "bogus.nl": "met", "good.nl": "met", "unsigned.nl": "met" });
    assert.deepEqual(states(run1, "web-ipv6"), { "bogus.nl": "not_measured", "good.nl": "not_measured", "unsigned.nl": "not_measured" });
    const run2 = await judge("forum-standaardisatie", 1);
    assert.deepEqual(states(run2, "web-dnssec"), { "bogus.nl": "not_met", "good.nl": "met", "unsigned.nl": "met" });
    // Run 2 did not select the mail tests.
    assert.deepEqual(states(run2, "mail-dnssec"), { "bogus.nl": "not_measured", "good.nl": "not_measured", "unsigned.nl": "not_measured" });
  });

  it("wdo: met where the HTTPS tests ran, not measured where they did not", async () => {
    const run1 = await judge("wdo", 0);
    assert.deepEqual([...run1].map(([d, o]) => [d, o.standards.map((s) => s.state)]), [
      ["bogus.nl", ["not_measured", "not_measured", "not_measured", "not_measured"]],
      ["good.nl", ["met", "met", "met", "met"]],
      ["unsigned.nl", ["not_measured", "not_measured", "not_measured", "not_measured"]],
    ]);
  });

  it("bod-18-01: DMARC p=reject and HSTS read back from the store", async () => {
    const run1 = await judge("bod-18-01", 0);
    assert.deepEqual(states(run1, "mail-dmarc-reject"), { "bogus.nl": "not_measured", "good.nl": "met", "unsigned.nl": "not_measured" });
    assert.deepEqual(states(run1, "web-hsts"), { "bogus.nl": "not_measured", "good.nl": "met", "unsigned.nl": "not_measured" });
  });

  it("internetnl-score: scores and categories from the stored points", async () => {
    const run1 = await judge("internetnl-score", 0);
    assert.deepEqual(Object.fromEntries([...run1].map(([d, o]) => [d, o.score])), { "bogus.nl": Math.floor((66 + 100) / 2), "good.nl": 100, "unsigned.nl": Math.floor((73 + 100) / 2) });
    assert.deepEqual(states(run1, "web-dnssec"), { "bogus.nl": "explained", "good.nl": "met", "unsigned.nl": "not_met" });
    const run2 = await judge("internetnl-score", 1);
    assert.deepEqual(Object.fromEntries([...run2].map(([d, o]) => [d, o.score])), { "bogus.nl": 66, "good.nl": 100, "unsigned.nl": 100 });
  });

  it("severity: the worst unexplained finding per domain", async () => {
    const run1 = await judge("severity", 0);
    assert.deepEqual(Object.fromEntries([...run1].map(([d, o]) => [d, o.severity])), { "bogus.nl": "none", "good.nl": "none", "unsigned.nl": "medium" });
    assert.deepEqual(states(run1, "web-no-high"), { "bogus.nl": "explained", "good.nl": "met", "unsigned.nl": "met" });
    const run2 = await judge("severity", 1);
    assert.deepEqual(Object.fromEntries([...run2].map(([d, o]) => [d, o.severity])), { "bogus.nl": "high", "good.nl": "none", "unsigned.nl": "none" });
  });
});
