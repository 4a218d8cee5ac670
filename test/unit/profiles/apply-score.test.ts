import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scoreResults } from "../../../src/scan/score.ts";
import { applyProfile } from "../../../src/profiles/apply-profile.ts";
import { findProfile } from "../../../src/profiles/load-profiles.ts";
import { standardsOf } from "../../../src/profiles/standards-of.ts";
import { domain, explanation, goodMail, goodWeb, r, standardOf, stateOf, UNSIGNED_WEB } from "./fixtures.ts";

const score = findProfile("internetnl-score");
const AS_OF = "2024-05-01";

describe("internetnl-score", () => {
  it("has one standard per test type and category, over the category's scored tests", () => {
    const standards = standardsOf(score);
    assert.deepEqual(standards.map((s) => s.id), ["web-ipv6", "web-dnssec", "web-https", "web-rpki", "mail-ipv6", "mail-dnssec", "mail-auth", "mail-starttls", "mail-rpki"]);
    assert.deepEqual(standards.find((s) => s.id === "web-dnssec")?.tests, ["web_dnssec_valid"]);
    assert.deepEqual(standards.find((s) => s.id === "web-ipv6")?.tests, ["web_ipv6_ns_reach", "web_ipv6_ws_reach", "web_ipv6_ws_similar"]);
    assert.equal(standards.find((s) => s.id === "web-dnssec")?.title.nl, "DNSSEC (website)");
  });

  it("recomputes the score from the stored points, as the scan does", () => {
    const web = { ...goodWeb(), ...UNSIGNED_WEB };
    const o = applyProfile(score, domain("a.nl", { web, mail: goodMail() }), [], AS_OF);
    const webScore = scoreResults(web).score;
    const mailScore = scoreResults(goodMail()).score;
    assert.equal(webScore, 73, "ipv6 100, dnssec 20, rpki 100");
    assert.equal(mailScore, 100);
    assert.equal(o.score, Math.floor((73 + 100) / 2));
  });

  it("a category is met at the pass score only when every scored test of it ran", () => {
    const o = applyProfile(score, domain("a.nl", { web: goodWeb(), mail: goodMail() }), [], AS_OF);
    assert.equal(stateOf(o, "web-dnssec"), "met");
    assert.equal(stateOf(o, "web-rpki"), "met");
    // ns_reach scored 100, but ws_reach and ws_similar are not implemented yet.
    assert.equal(stateOf(o, "web-ipv6"), "not_measured");
    assert.equal(stateOf(o, "web-https"), "not_measured");
    assert.equal(stateOf(o, "mail-dnssec"), "met");
    assert.equal(stateOf(o, "mail-rpki"), "not_measured", "mail_rpki_* and mail_mx_ns_rpki_* need MX hosts");
  });

  it("a category below the pass score is not met, naming the tests that cost points", () => {
    const o = applyProfile(score, domain("a.nl", { web: { ...goodWeb(), ...UNSIGNED_WEB } }, ["web"]), [], AS_OF);
    const dnssec = standardOf(o, "web-dnssec");
    assert.equal(dnssec.state, "not_met");
    assert.deepEqual(dnssec.failing.map((f) => [f.testId, f.verdict]), [["web_dnssec_valid", "unsigned"]]);
    const noRoa = applyProfile(score, domain("a.nl", { web: { ...goodWeb(), web_ns_rpki_exists: r("warning", "not_covered", 0) } }, ["web"]), [], AS_OF);
    assert.equal(stateOf(noRoa, "web-rpki"), "not_met");
  });

  it("a lower pass score accepts partial credit", () => {
    const lenient = { ...score, passScore: 20 };
    const o = applyProfile(lenient, domain("a.nl", { web: { ...goodWeb(), ...UNSIGNED_WEB } }, ["web"]), [], AS_OF);
    assert.equal(stateOf(o, "web-dnssec"), "met");
    assert.deepEqual(standardOf(o, "web-dnssec").failing, []);
  });

  it("errors leave a category in error and out of the score", () => {
    const web = { ...goodWeb(), web_rpki_exists: r("error", "no_rpki_data"), web_rpki_valid: r("error", "no_rpki_data"), web_ns_rpki_exists: r("error", "no_rpki_data"), web_ns_rpki_valid: r("error", "no_rpki_data") };
    const o = applyProfile(score, domain("a.nl", { web }, ["web"]), [], AS_OF);
    assert.equal(stateOf(o, "web-rpki"), "error");
    assert.equal(o.score, 100, "ipv6 and dnssec only");
  });

  it("an explained finding makes the category explained until the date", () => {
    const results = domain("a.nl", { web: { ...goodWeb(), ...UNSIGNED_WEB } }, ["web"]);
    const e = explanation("a.nl", "web_dnssec_valid", { status: "not_tested", verdict: "unsigned" }, "2024-05-31");
    assert.equal(stateOf(applyProfile(score, results, [e], "2024-05-31"), "web-dnssec"), "explained");
    assert.equal(stateOf(applyProfile(score, results, [e], "2024-06-01"), "web-dnssec"), "not_met");
    assert.equal(applyProfile(score, results, [e], "2024-05-31").score, 73, "an explanation does not change the score");
  });

  it("gives no score when nothing of the domain's types ran", () => {
    const o = applyProfile(score, domain("a.nl", { mail: goodMail() }, ["web"]), [], AS_OF);
    assert.equal(o.score, null);
    assert.ok(o.standards.every((s) => s.state === "not_measured" && s.standardId.startsWith("web-")));
  });
});
