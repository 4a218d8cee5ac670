import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TEST_CATALOGUE } from "../../../src/checks/catalogue.ts";
import { applyProfile } from "../../../src/profiles/apply-profile.ts";
import { findProfile } from "../../../src/profiles/load-profiles.ts";
import { standardsOf } from "../../../src/profiles/standards-of.ts";
import { BOGUS_WEB, domain, explanation, goodMail, goodWeb, r, standardOf, stateOf, UNSIGNED_WEB } from "./fixtures.ts";

const severity = findProfile("severity");
const AS_OF = "2024-05-01";

describe("severity", () => {
  it("derives two standards per test type over the implemented tests", () => {
    const standards = standardsOf(severity);
    assert.deepEqual(standards.map((s) => s.id), ["web-no-high", "web-no-medium", "mail-no-high", "mail-no-medium"]);
    assert.deepEqual(standards[0]?.tests, TEST_CATALOGUE.filter((t) => t.type === "web").map((t) => t.id));
  });

  it("a clean domain has no findings", () => {
    const o = applyProfile(severity, domain("good.nl", { web: goodWeb(), mail: goodMail() }), [], AS_OF);
    assert.equal(o.severity, "none");
    assert.ok(o.standards.every((s) => s.state === "met"));
  });

  it("bogus DNSSEC is high, unsigned is medium, a missing ROA low", () => {
    const bogus = applyProfile(severity, domain("bogus.nl", { web: { ...goodWeb(), ...BOGUS_WEB } }, ["web"]), [], AS_OF);
    assert.equal(bogus.severity, "high");
    assert.equal(stateOf(bogus, "web-no-high"), "not_met");
    assert.deepEqual(standardOf(bogus, "web-no-high").failing.map((f) => f.testId), ["web_dnssec_valid"]);
    const unsigned = applyProfile(severity, domain("unsigned.nl", { web: { ...goodWeb(), ...UNSIGNED_WEB } }, ["web"]), [], AS_OF);
    assert.equal(unsigned.severity, "medium", "web_dnssec_exist failed; _valid is not_tested, not a finding");
    assert.equal(stateOf(unsigned, "web-no-high"), "met");
    assert.equal(stateOf(unsigned, "web-no-medium"), "not_met");
    const noRoa = applyProfile(severity, domain("a.nl", { web: { ...goodWeb(), web_rpki_exists: r("warning", "not_covered", 0) } }, ["web"]), [], AS_OF);
    assert.equal(noRoa.severity, "low");
    assert.equal(stateOf(noRoa, "web-no-medium"), "met");
  });

  it("a warning that keeps full points is a note, not a finding", () => {
    const o = applyProfile(severity, domain("a.nl", { web: { ...goodWeb(), web_dnssec_valid: r("warning", "unsupported_algorithm", 10) } }, ["web"]), [], AS_OF);
    assert.equal(o.severity, "none");
  });

  it("an organisation's worst finding is over its test types; explained findings do not count", () => {
    const results = domain("a.nl", { web: { ...goodWeb(), ...BOGUS_WEB }, mail: { ...goodMail(), mail_ipv6_ns_address: r("failed", "no_ns_ipv6", 0) } });
    assert.equal(applyProfile(severity, results, [], AS_OF).severity, "high");
    const e = explanation("a.nl", "web_dnssec_valid", { status: "failed", verdict: "bogus" }, "2024-05-10");
    const explained = applyProfile(severity, results, [e], AS_OF);
    assert.equal(explained.severity, "medium");
    assert.equal(stateOf(explained, "web-no-high"), "explained");
    assert.equal(stateOf(explained, "mail-no-medium"), "not_met");
    assert.equal(applyProfile(severity, results, [e], "2024-05-11").severity, "high", "counted again after the date");
  });

  it("null when nothing ran, not measured when a test did not run, error when one failed to run", () => {
    const nothing = applyProfile(severity, domain("a.nl", {}, ["web"]), [], AS_OF);
    assert.equal(nothing.severity, null);
    assert.ok(nothing.standards.every((s) => s.state === "not_measured"));
    const { web_rpki_valid: _dropped, ...partial } = goodWeb();
    const p = applyProfile(severity, domain("a.nl", { web: partial }, ["web"]), [], AS_OF);
    assert.equal(stateOf(p, "web-no-high"), "not_measured");
    assert.deepEqual(standardOf(p, "web-no-high").missing, ["web_rpki_valid"]);
    assert.equal(p.severity, "none");
    const err = applyProfile(severity, domain("a.nl", { web: { ...goodWeb(), web_rpki_valid: r("error", "no_rpki_data") } }, ["web"]), [], AS_OF);
    assert.equal(stateOf(err, "web-no-high"), "error");
    const allErrors = Object.fromEntries(Object.keys(goodWeb()).map((id) => [id, r("error", "lookup_error")]));
    assert.equal(applyProfile(severity, domain("a.nl", { web: allErrors }, ["web"]), [], AS_OF).severity, null);
  });
});
