// Two rules of the report builder that the main fixture does not reach: a municipality that had
// merged before the run counts as its successor (its domains too), and a standard of which only
// some tests ran gets no share (it would read as 0 %) while its failures still count.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { StandardsProfile } from "../../../src/profiles/types.ts";
import { buildReport } from "../../../src/report/build-report.ts";
import { complianceShare } from "../../../src/report/model.ts";
import type { Report } from "../../../src/report/model.ts";
import { STORE_ENGINES } from "../store/store-engines.ts";
import type { TestStore } from "../store/store-engines.ts";
import { scanOf } from "./report-fixture.ts";

const PROFILE: StandardsProfile = {
  id: "merger-test",
  kind: "standards",
  title: { en: "Merger test" },
  description: { en: "DNSSEC, fully measured; IPv6 with a test that no run has." },
  source: "report tests",
  standards: [
    { id: "web-dnssec", title: { en: "DNSSEC" }, testType: "web", tests: ["web_dnssec_exist", "web_dnssec_valid"] },
    { id: "web-ipv6", title: { en: "IPv6" }, testType: "web", tests: ["web_ipv6_ns_address", "web_ipv6_ws_address", "web_ipv6_ws_reach"] },
  ],
};

for (const engine of STORE_ENGINES) describe(`buildReport: mergers and partly measured standards (${engine.name})`, { skip: engine.skip }, () => {
  let opened: TestStore;
  let report: Report;

  before(async () => {
    let clock = Date.parse("2024-03-01T00:00:00.000Z");
    opened = await engine.open({ now: () => new Date(clock) });
    const { store } = opened;
    await store.register.apply({
      organisations: [
        { key: "gm1992", name: "Gemeente Voorne aan Zee", type: "gemeente", codes: { cbs: "GM1992" }, validFrom: "2023-01-01" },
        { key: "gm0501", name: "Gemeente Brielle", type: "gemeente", codes: { cbs: "GM0501" }, validTo: "2022-12-31", mergedIntoKey: "gm1992" },
        { key: "gm0530", name: "Gemeente Hellevoetsluis", type: "gemeente", codes: { cbs: "GM0530" }, validTo: "2022-12-31", mergedIntoKey: "gm1992" },
      ],
      domains: [{ name: "voorneaanzee.nl", purpose: "web", tags: [] }, { name: "brielle.nl", purpose: "web", tags: [] }, { name: "hellevoetsluis.nl", purpose: "web", tags: [] }],
      links: [
        { organisationKey: "gm1992", domain: "voorneaanzee.nl", role: "owner" },
        { organisationKey: "gm0501", domain: "brielle.nl", role: "owner" },
        { organisationKey: "gm0530", domain: "hellevoetsluis.nl", role: "owner" },
      ],
    }, { source: "test", fileName: null, fileSha256: null, format: "json", rowCount: 3 });
    clock = Date.parse("2024-03-02T10:00:00.000Z");
    const run = await store.runs.create({ requestedBy: "test", testTypes: ["web"], startedAt: "2024-03-02T10:00:00.000Z" });
    await store.runs.record(run.id, [
      scanOf("voorneaanzee.nl", { dnssec: "good", ipv6: true }),
      scanOf("brielle.nl", { dnssec: "bogus", ipv6: false }),
      scanOf("hellevoetsluis.nl", { dnssec: "good", ipv6: true }),
    ]);
    await store.runs.finish(run.id, "finished");
    report = await buildReport(store, { runId: run.id, profile: PROFILE, compareRunId: null });
  });
  after(() => opened?.dispose());

  it("counts the domains of merged municipalities under their successor", () => {
    assert.deepEqual(report.organisations.map((o) => o.key), ["gm1992"]);
    assert.deepEqual([...report.organisations[0]!.domains].sort(), ["brielle.nl", "hellevoetsluis.nl", "voorneaanzee.nl"]);
    const gemeente = report.byType.find((t) => t.organisationType === "gemeente")!;
    assert.equal(gemeente.organisations, 1);
    assert.equal(gemeente.domains, 3);
    const dnssec = report.organisations[0]!.standards.find((s) => s.standardId === "web-dnssec")!;
    assert.deepEqual({ state: dnssec.state, met: dnssec.domainsMet, measured: dnssec.domainsMeasured }, { state: "not_met", met: 2, measured: 3 });
  });

  it("gives a partly measured standard no share, but keeps its failures", () => {
    const ipv6 = report.standards.find((s) => s.id === "web-ipv6")!;
    assert.equal(ipv6.notMeasured, false);
    assert.deepEqual(ipv6.missingTests, ["web_ipv6_ws_reach"]);
    const tally = report.byType.find((t) => t.organisationType === "gemeente")!.standards.find((s) => s.standardId === "web-ipv6")!;
    assert.equal(tally.domains.partial, true);
    assert.equal(complianceShare(tally.domains), null);
    assert.deepEqual({ notMet: tally.domains.notMet, notMeasured: tally.domains.notMeasured }, { notMet: 1, notMeasured: 2 });
    const dnssec = report.byType.find((t) => t.organisationType === "gemeente")!.standards.find((s) => s.standardId === "web-dnssec")!;
    assert.equal(dnssec.domains.partial, undefined);
    assert.equal(complianceShare(dnssec.domains), 2 / 3);
  });
});
