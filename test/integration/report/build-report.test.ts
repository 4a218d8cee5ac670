// buildReport on a recorded store (report-fixture.ts): the by-type figures equal the hand count,
// a standard none of whose tests ran is "not measured", an explained finding counts as explained
// (and is listed with its reason), and the compared run gives the previous tallies. On SQLite,
// and on PostgreSQL when MEETLAT_TEST_DATABASE_URL is set (test/integration/store/store-engines.ts).

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildReport, ReportError } from "../../../src/report/build-report.ts";
import type { Report, Tally } from "../../../src/report/model.ts";
import { complianceShare } from "../../../src/report/model.ts";
import { NO_ORGANISATION_TYPE } from "../../../src/report/run-pass.ts";
import { BEE_NAME, EXPLANATION, reportFixture, TEST_PROFILE } from "./report-fixture.ts";
import type { ReportFixture } from "./report-fixture.ts";
import { STORE_ENGINES } from "../store/store-engines.ts";

function tally(part: Partial<Tally>): Tally {
  const t = { met: 0, explained: 0, notMet: 0, error: 0, notMeasured: 0, ...part };
  return { ...t, total: t.met + t.explained + t.notMet + t.error + t.notMeasured };
}

function row(report: Report, type: string, standardId: string) {
  const t = report.byType.find((x) => x.organisationType === type);
  assert.ok(t, `no type ${type}`);
  const s = t.standards.find((x) => x.standardId === standardId);
  assert.ok(s, `no standard ${standardId} under ${type}`);
  return s;
}

for (const engine of STORE_ENGINES) describe(`buildReport (${engine.name})`, { skip: engine.skip }, () => {
  let f: ReportFixture;
  let report: Report;
  before(async () => {
    f = await reportFixture(engine);
    report = await buildReport(f.store, { profile: TEST_PROFILE, includeDomains: true, now: () => new Date("2024-03-05T00:00:00.000Z") });
  });
  after(async () => f.dispose());

  it("reports on the latest finished run, compared with the one before, judging explanations on the run's start date", () => {
    assert.equal(report.meta.run.id, f.runIds[1]);
    assert.equal(report.meta.compareRun?.id, f.runIds[0]);
    assert.equal(report.meta.asOf, "2024-03-02");
    assert.equal(report.meta.generatedAt, "2024-03-05T00:00:00.000Z");
    assert.equal(report.meta.profile.id, "test-profile");
  });

  it("counts organisations and domains per type: a domain related to a second type counts under both, unattached domains apart", () => {
    assert.deepEqual(report.byType.map((t) => [t.organisationType, t.organisations, t.domains]), [
      ["gemeente", 3, 5], // aa, aa-web, bee, cee, and shared.nl through its related link
      ["provincie", 1, 2],
      [NO_ORGANISATION_TYPE, 0, 1],
    ]);
  });

  it("tallies domains per type and standard as counted by hand", () => {
    assert.deepEqual(row(report, "gemeente", "web-dnssec").domains, tally({ met: 3, notMet: 1, error: 1 }));
    assert.deepEqual(row(report, "gemeente", "web-ipv6").domains, tally({ met: 3, notMet: 2 }));
    assert.deepEqual(row(report, "gemeente", "mail-dnssec").domains, tally({ met: 1, explained: 1 }));
    assert.deepEqual(row(report, "provincie", "web-dnssec").domains, tally({ met: 2 }));
    assert.deepEqual(row(report, "provincie", "web-ipv6").domains, tally({ met: 1, notMet: 1 }));
    assert.deepEqual(row(report, NO_ORGANISATION_TYPE, "web-dnssec").domains, tally({ notMet: 1 }));
    assert.equal(complianceShare(row(report, "gemeente", "web-dnssec").domains), 3 / 4);
  });

  it("tallies organisations under their own type, each combined over its domains", () => {
    // gm0001: met + not_met = not_met; gm0002: met; gm0003: error + met = error.
    assert.deepEqual(row(report, "gemeente", "web-dnssec").organisations, tally({ met: 1, notMet: 1, error: 1 }));
    assert.deepEqual(row(report, "gemeente", "web-ipv6").organisations, tally({ met: 1, notMet: 2 }));
    // gm0003 has no mail domain: the mail standard does not apply to it.
    assert.deepEqual(row(report, "gemeente", "mail-dnssec").organisations, tally({ met: 1, explained: 1 }));
    assert.deepEqual(row(report, "provincie", "web-ipv6").organisations, tally({ notMet: 1 }));
    assert.deepEqual(row(report, NO_ORGANISATION_TYPE, "web-dnssec").organisations, tally({}));
  });

  it("marks a standard none of whose tests ran as not measured, never as met", () => {
    assert.equal(report.standards.find((s) => s.id === "web-https")?.notMeasured, true);
    assert.deepEqual(report.standards.filter((s) => s.notMeasured).map((s) => s.id), ["web-https"]);
    assert.deepEqual(row(report, "gemeente", "web-https").domains, tally({ notMeasured: 5 }));
    assert.equal(complianceShare(row(report, "gemeente", "web-https").domains), null);
  });

  it("gives the compared run's tallies", () => {
    const dnssec = row(report, "gemeente", "web-dnssec");
    assert.deepEqual(dnssec.previous?.domains, tally({ met: 4, error: 1 }));
    assert.deepEqual(dnssec.previous?.organisations, tally({ met: 2, error: 1 }));
    assert.deepEqual(row(report, "gemeente", "mail-dnssec").previous?.domains, tally({ met: 2 }));
  });

  it("lists per organisation each standard, the failing tests per domain and the explained ones with their reason", () => {
    const aa = report.organisations.find((o) => o.key === "gm0001")!;
    assert.deepEqual(aa.codes, { cbs: "GM0001" });
    assert.deepEqual(aa.domains, ["aa-web.nl", "aa.nl"]);
    assert.deepEqual(aa.standards.map((s) => [s.standardId, s.state, s.domainsMet, s.domainsMeasured]), [
      ["web-dnssec", "not_met", 1, 2], ["web-ipv6", "met", 2, 2], ["web-https", "not_measured", 0, 0], ["mail-dnssec", "met", 1, 1],
    ]);
    assert.deepEqual(aa.failing, [{ domain: "aa-web.nl", testId: "web_dnssec_valid", verdict: "bogus", reason: "bogus (reason)" }]);
    const bee = report.organisations.find((o) => o.key === "gm0002")!;
    assert.deepEqual(bee.explained.map((e) => [e.domain, e.testId, e.verdict, e.explanation.reason, e.explanation.until, e.explanation.by]),
      [[EXPLANATION.domain, EXPLANATION.testId, "bogus", EXPLANATION.reason, EXPLANATION.until, EXPLANATION.by]]);
    assert.equal(bee.failing.some((x) => x.testId === EXPLANATION.testId), false);
    // The province's shared.nl is also listed under the municipality it is related to.
    assert.deepEqual(report.organisations.find((o) => o.key === "gm0003")!.domains, ["cee.nl", "shared.nl"]);
    // By type in the register's order, then by name (the quote in 'Gemeente "Bee"' sorts before letters).
    assert.deepEqual(report.organisations.map((o) => o.key), ["gm0002", "gm0001", "gm0003", "pv01"]);
  });

  it("gives every test of every domain with status, verdict, reason and explanation", () => {
    assert.equal(report.domains?.length, 7);
    const bee = report.domains!.find((d) => d.domain === "bee.nl")!;
    assert.deepEqual(bee.organisations, [{ key: "gm0002", name: BEE_NAME, type: "gemeente" }]);
    const valid = bee.tests.find((t) => t.testId === "mail_dnssec_mailto_valid")!;
    assert.equal(valid.status, "failed");
    assert.equal(valid.explanation?.reason, EXPLANATION.reason);
    assert.equal(bee.tests.length, 6);
    assert.equal(bee.tests.find((t) => t.testId === "web_dnssec_valid")?.title, "DNSSEC validity");
  });

  it("draws the trend over the finished runs, oldest first", () => {
    assert.deepEqual(report.trend.map((p) => p.runId), f.runIds);
    const dnssec = (i: number) => report.trend[i]!.standards.find((s) => s.standardId === "web-dnssec")!;
    // Every domain once: run 1 has 5 met, loose.nl not met, cee.nl in error; run 2 also loses aa-web.nl.
    assert.equal(dnssec(0).domainShare, 5 / 6);
    assert.equal(dnssec(1).domainShare, 4 / 6);
    // Organisations: run 2 gm0001 not met, gm0002 and pv01 met, gm0003 in error.
    assert.equal(dnssec(1).organisationShare, 2 / 3);
  });

  it("leaves the domain level out unless asked, and compares with nothing when told", async () => {
    const summary = await buildReport(f.store, { profile: TEST_PROFILE, compareRunId: null, trendRuns: 1 });
    assert.equal(summary.domains, undefined);
    assert.equal(summary.meta.compareRun, null);
    assert.equal(row(summary, "gemeente", "web-dnssec").previous, null);
    assert.deepEqual(summary.trend.map((p) => p.runId), [f.runIds[1]]);
    assert.deepEqual(summary.byType, report.byType.map((t) => ({ ...t, standards: t.standards.map((s) => ({ ...s, previous: null })) })));
  });

  it("reports on an older run, and refuses unknown runs clearly", async () => {
    const first = await buildReport(f.store, { profile: TEST_PROFILE, runId: f.runIds[0] });
    assert.equal(first.meta.compareRun, null);
    assert.deepEqual(row(first, "gemeente", "web-dnssec").domains, tally({ met: 4, error: 1 }));
    await assert.rejects(buildReport(f.store, { profile: TEST_PROFILE, runId: 99 }), (e: Error) => e instanceof ReportError && /no run 99/.test(e.message));
    await assert.rejects(buildReport(f.store, { profile: TEST_PROFILE, compareRunId: 98 }), ReportError);
  });
});
