// Standards profiles (forum-standaardisatie, wdo, bod-18-01) on realistic stored results: today's
// checks, plus results that later issues' checks will store.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyProfile } from "../../../src/profiles/apply-profile.ts";
import { findProfile } from "../../../src/profiles/load-profiles.ts";
import type { StandardsProfile } from "../../../src/profiles/types.ts";
import { BOGUS_WEB, domain, explanation, goodHttps, goodMail, goodWeb, r, standardOf, stateOf } from "./fixtures.ts";

const forum = findProfile("forum-standaardisatie");
const wdo = findProfile("wdo");
const bod = findProfile("bod-18-01");
const AS_OF = "2024-05-01";

describe("forum-standaardisatie", () => {
  it("judges what today's checks measure and leaves the rest not measured", () => {
    const o = applyProfile(forum, domain("good.nl", { web: goodWeb(), mail: goodMail() }), [], AS_OF);
    assert.equal(stateOf(o, "web-dnssec"), "met");
    assert.equal(stateOf(o, "web-rpki"), "met");
    assert.equal(stateOf(o, "mail-dnssec"), "met");
    // IPv6 needs web_ipv6_ws_reach and _similar, which no issue has implemented yet.
    assert.equal(stateOf(o, "web-ipv6"), "not_measured");
    assert.deepEqual(standardOf(o, "web-ipv6").missing, ["web_ipv6_ws_reach", "web_ipv6_ws_similar"]);
    for (const id of ["web-https", "web-tls", "web-hsts", "mail-dmarc", "mail-starttls", "mail-dane", "mail-dnssec-mx", "mail-rpki"]) assert.equal(stateOf(o, id), "not_measured", id);
    assert.equal(o.standards.length, 20);
  });

  it("fails DNSSEC for bogus and unsigned domains, naming the tests", () => {
    const bogus = applyProfile(forum, domain("bogus.nl", { web: { ...goodWeb(), ...BOGUS_WEB } }, ["web"]), [], AS_OF);
    assert.equal(stateOf(bogus, "web-dnssec"), "not_met");
    assert.deepEqual(standardOf(bogus, "web-dnssec").failing.map((f) => [f.testId, f.verdict]), [["web_dnssec_valid", "bogus"]]);
    // only web standards for a web-only domain
    assert.ok(bogus.standards.every((s) => s.standardId.startsWith("web-")));
  });

  it("a failing test outweighs one that did not run; an error outweighs not measured", () => {
    const noV6 = { ...goodWeb(), web_ipv6_ns_address: r("failed", "no_ns_ipv6", 0), web_ipv6_ns_reach: r("not_tested", "no_ns_ipv6", 0) };
    const o = applyProfile(forum, domain("v4.nl", { web: noV6 }, ["web"]), [], AS_OF);
    assert.equal(stateOf(o, "web-ipv6"), "not_met");
    assert.deepEqual(standardOf(o, "web-ipv6").missing, ["web_ipv6_ws_reach", "web_ipv6_ws_similar"]);
    const noRpkiData = { ...goodWeb(), web_rpki_exists: r("error", "no_rpki_data"), web_rpki_valid: r("error", "no_rpki_data") };
    const e = applyProfile(forum, domain("x.nl", { web: noRpkiData }, ["web"]), [], AS_OF);
    assert.equal(stateOf(e, "web-rpki"), "error");
    assert.deepEqual(standardOf(e, "web-rpki").errors.map((f) => f.testId), ["web_rpki_exists", "web_rpki_valid"]);
    const both = { ...noRpkiData, web_ns_rpki_valid: r("failed", "invalid", 0) };
    assert.equal(stateOf(applyProfile(forum, domain("x.nl", { web: both }, ["web"]), [], AS_OF), "web-rpki"), "not_met");
  });

  it("counts a warning as met only when it keeps full points", () => {
    const unsupported = { ...goodWeb(), web_dnssec_valid: r("warning", "unsupported_algorithm", 10) };
    assert.equal(stateOf(applyProfile(forum, domain("a.nl", { web: unsupported }, ["web"]), [], AS_OF), "web-dnssec"), "met");
    const noRoa = { ...goodWeb(), web_rpki_exists: r("warning", "not_covered", 0) };
    assert.equal(stateOf(applyProfile(forum, domain("a.nl", { web: noRoa }, ["web"]), [], AS_OF), "web-rpki"), "not_met");
  });

  it("not_tested counts as met only where the profile says so", () => {
    const unrouted = { ...goodWeb(), web_rpki_valid: r("not_tested", "not_routed", 10) };
    assert.equal(stateOf(applyProfile(forum, domain("a.nl", { web: unrouted }, ["web"]), [], AS_OF), "web-rpki"), "met");
    const unsigned = { ...goodWeb(), web_dnssec_exist: r("passed", "signed", 0), web_dnssec_valid: r("not_tested", "servfail", 0) };
    assert.equal(stateOf(applyProfile(forum, domain("a.nl", { web: unsigned }, ["web"]), [], AS_OF), "web-dnssec"), "not_met");
  });

  it("a null MX meets STARTTLS, DANE and MX DNSSEC; a non-sending domain meets DKIM (metWhen)", () => {
    const nullMx = {
      ...goodMail(),
      mail_starttls_tls_available: r("not_tested", "null_mx", 10),
      mail_starttls_dane_exist: r("not_tested", "null_mx", 0),
      mail_dnssec_mx_exist: r("not_tested", "null_mx", 0),
      mail_auth_dkim_exist: r("not_tested", "non_sending_domain", 10),
      mail_auth_dmarc_exist: r("passed", "good", 10),
    };
    const o = applyProfile(forum, domain("geenmail.nl", { mail: nullMx }, ["mail"]), [], AS_OF);
    for (const id of ["mail-starttls", "mail-tls", "mail-dane", "mail-dnssec-mx", "mail-dkim", "mail-dmarc"]) assert.equal(stateOf(o, id), "met", id);
    const noStarttls = { ...nullMx, mail_starttls_tls_available: r("failed", "no_starttls", 0), mail_auth_dkim_exist: r("failed", "no_dkim", 0) };
    const p = applyProfile(forum, domain("mail.nl", { mail: noStarttls }, ["mail"]), [], AS_OF);
    assert.equal(stateOf(p, "mail-starttls"), "not_met");
    assert.equal(stateOf(p, "mail-dkim"), "not_met");
  });

  it("security.txt is met only with the verdicts the profile requires", () => {
    const at = (verdict: string, status: "passed" | "warning" | "info") => stateOf(applyProfile(forum, domain("a.nl", { web: { ...goodWeb(), web_appsecpriv_securitytxt: r(status, verdict) } }, ["web"]), [], AS_OF), "web-securitytxt");
    assert.equal(at("good", "passed"), "met");
    assert.equal(at("expires_far_ahead", "info"), "met");
    assert.equal(at("location", "warning"), "not_met");
    assert.equal(at("no_security_txt", "warning"), "not_met");
  });

  it("a finding explained until a date counts as explained until then, and again the day after", () => {
    const results = domain("gemeente.nl", { web: { ...goodWeb(), ...BOGUS_WEB } }, ["web"]);
    const e = explanation("gemeente.nl", "web_dnssec_valid", { status: "failed", verdict: "bogus" }, "2024-06-30");
    const on = (asOf: string) => standardOf(applyProfile(forum, results, [e], asOf), "web-dnssec");
    assert.equal(on("2024-06-30").state, "explained");
    assert.deepEqual(on("2024-06-30").explained.map((f) => [f.testId, f.explanation?.reason, f.explanation?.until]), [["web_dnssec_valid", e.reason, "2024-06-30"]]);
    assert.deepEqual(on("2024-06-30").failing, []);
    assert.equal(on("2024-07-01").state, "not_met");
    assert.deepEqual(on("2024-07-01").explained, []);
  });

  it("explained only when every failing test is, and not when revoked or changed", () => {
    const results = domain("gemeente.nl", { web: { ...goodWeb(), web_dnssec_exist: r("failed", "unsigned", 0), web_dnssec_valid: r("not_tested", "unsigned", 2) } }, ["web"]);
    const exist = explanation("gemeente.nl", "web_dnssec_exist", { status: "failed", verdict: "unsigned" }, "2024-12-31");
    const valid = explanation("gemeente.nl", "web_dnssec_valid", { status: "not_tested", verdict: "unsigned" }, "2024-12-31");
    const half = standardOf(applyProfile(forum, results, [exist], AS_OF), "web-dnssec");
    assert.equal(half.state, "not_met");
    assert.deepEqual(half.failing.map((f) => f.testId), ["web_dnssec_valid"]);
    assert.deepEqual(half.explained.map((f) => f.testId), ["web_dnssec_exist"]);
    assert.equal(stateOf(applyProfile(forum, results, [exist, valid], AS_OF), "web-dnssec"), "explained");
    const revoked = { ...valid, revokedAt: "2024-04-20T10:00:00.000Z", revokedBy: "ciso" };
    assert.equal(stateOf(applyProfile(forum, results, [exist, revoked], AS_OF), "web-dnssec"), "not_met");
    assert.equal(stateOf(applyProfile(forum, results, [exist, revoked], "2024-04-19"), "web-dnssec"), "explained");
    // The domain got signed but broken: a new finding, the old explanations do not cover it.
    const changed = domain("gemeente.nl", { web: { ...goodWeb(), ...BOGUS_WEB } }, ["web"]);
    assert.equal(stateOf(applyProfile(forum, changed, [exist, valid], AS_OF), "web-dnssec"), "not_met");
  });

  it("an explained standard whose other tests did not run stays not measured", () => {
    const noV6 = { ...goodWeb(), web_ipv6_ns_address: r("failed", "no_ns_ipv6", 0) };
    const e = explanation("a.nl", "web_ipv6_ns_address", { status: "failed", verdict: "no_ns_ipv6" }, "2025-01-01");
    const s = standardOf(applyProfile(forum, domain("a.nl", { web: noV6 }, ["web"]), [e], AS_OF), "web-ipv6");
    assert.equal(s.state, "not_measured");
    assert.deepEqual(s.explained.map((f) => f.testId), ["web_ipv6_ns_address"]);
  });

  it("a test type that was not selected leaves its standards not measured", () => {
    const o = applyProfile(forum, domain("a.nl", { web: goodWeb() }, ["web", "mail"]), [], AS_OF);
    const mail = o.standards.filter((s) => s.standardId.startsWith("mail-"));
    assert.equal(mail.length, 12);
    assert.ok(mail.every((s) => s.state === "not_measured" && s.missing.length > 0));
  });
});

describe("wdo", () => {
  it("needs HTTPS, TLS, the redirect and HSTS of a website, and nothing of mail", () => {
    const ok = applyProfile(wdo, domain("rijksoverheid.nl", { web: { ...goodWeb(), ...goodHttps() }, mail: goodMail() }), [], AS_OF);
    assert.deepEqual(ok.standards.map((s) => [s.standardId, s.state]), [["web-https", "met"], ["web-tls", "met"], ["web-https-redirect", "met"], ["web-hsts", "met"]]);
    const shortHsts = { ...goodWeb(), ...goodHttps(), web_https_http_hsts: r("failed", "hsts_too_short", 2) };
    assert.equal(stateOf(applyProfile(wdo, domain("a.nl", { web: shortHsts }), [], AS_OF), "web-hsts"), "not_met");
    const today = applyProfile(wdo, domain("a.nl", { web: goodWeb() }), [], AS_OF);
    assert.ok(today.standards.every((s) => s.state === "not_measured"), "no HTTPS test is implemented yet");
  });

  it("a phase-out TLS finding (warning, full points) still meets TLS", () => {
    const phaseOut = { ...goodWeb(), ...goodHttps(), web_https_tls_ciphers: r("warning", "phase_out", 10) };
    assert.equal(stateOf(applyProfile(wdo, domain("a.nl", { web: phaseOut }), [], AS_OF), "web-tls"), "met");
    const noHttps = { ...goodWeb(), ...goodHttps(), web_https_http_available: r("failed", "no_https", 0), web_https_tls_version: r("not_tested", "no_https", 0) };
    const o = applyProfile(wdo, domain("a.nl", { web: noHttps }), [], AS_OF);
    assert.equal(stateOf(o, "web-https"), "not_met");
    assert.equal(stateOf(o, "web-tls"), "not_met");
  });
});

describe("bod-18-01", () => {
  const base = () => ({ ...goodWeb(), ...goodHttps() });

  it("judges weak crypto by verdict: TLS 1.0 is allowed, SSL and RC4/3DES are not (requireVerdicts)", () => {
    const tls10 = { ...base(), web_https_tls_version: r("failed", "old_tls", 0), web_https_tls_ciphers: r("failed", "insufficient", 0) };
    assert.equal(stateOf(applyProfile(bod, domain("agency.gov", { web: tls10 }, ["web"]), [], AS_OF), "web-no-weak-crypto"), "met");
    const ssl3 = { ...base(), web_https_tls_version: r("failed", "ssl", 0) };
    const o = applyProfile(bod, domain("agency.gov", { web: ssl3 }, ["web"]), [], AS_OF);
    assert.equal(stateOf(o, "web-no-weak-crypto"), "not_met");
    assert.deepEqual(standardOf(o, "web-no-weak-crypto").failing.map((f) => f.verdict), ["ssl"]);
    const rc4 = { ...base(), web_https_tls_ciphers: r("failed", "rc4_or_3des", 0) };
    assert.equal(stateOf(applyProfile(bod, domain("agency.gov", { web: rc4 }, ["web"]), [], AS_OF), "web-no-weak-crypto"), "not_met");
    const error = { ...base(), web_https_tls_version: r("error", "timeout") };
    assert.equal(stateOf(applyProfile(bod, domain("agency.gov", { web: error }, ["web"]), [], AS_OF), "web-no-weak-crypto"), "error");
  });

  it("needs DMARC p=reject, not just a passing policy", () => {
    const mail = (verdict: string) => ({ ...goodMail(), mail_auth_dmarc_exist: r("passed", "good", 10), mail_auth_dmarc_policy: r("passed", verdict, 10) });
    assert.equal(stateOf(applyProfile(bod, domain("agency.gov", { mail: mail("quarantine") }, ["mail"]), [], AS_OF), "mail-dmarc-reject"), "not_met");
    assert.equal(stateOf(applyProfile(bod, domain("agency.gov", { mail: mail("reject") }, ["mail"]), [], AS_OF), "mail-dmarc-reject"), "met");
  });

  it("has deadlines from the directive's date", () => {
    const deadlines = Object.fromEntries((bod as StandardsProfile).standards.map((s) => [s.id, s.deadline]));
    assert.equal(deadlines["mail-starttls"], "2018-01-14");
    assert.equal(deadlines["web-hsts"], "2018-02-13");
    assert.equal(deadlines["mail-dmarc-reject"], "2018-10-16");
  });
});
