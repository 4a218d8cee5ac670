import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TEST_CATALOGUE } from "../../../src/checks/catalogue.ts";
import { isKnownTestId, KNOWN_TESTS, knownTest } from "../../../src/checks/known-tests.ts";

describe("known test ids", () => {
  it("hold every test meetlat implements, with the catalogue's type, category, level and points", () => {
    for (const t of TEST_CATALOGUE) {
      const k = knownTest(t.id);
      assert.ok(k, `${t.id} is in the catalogue but not in known-test-ids.json`);
      assert.deepEqual({ type: k.type, category: k.category, level: k.level, fullPoints: k.fullPoints }, { type: t.type, category: t.category, level: t.level, fullPoints: t.fullPoints }, t.id);
    }
  });

  it("are unique, typed by their prefix and expand CHECKS.md's shorthand rows", () => {
    assert.equal(new Set(KNOWN_TESTS.map((t) => t.id)).size, KNOWN_TESTS.length);
    for (const t of KNOWN_TESTS) assert.ok(t.id.startsWith(`${t.type}_`), `${t.id} has type ${t.type}`);
    for (const id of ["mail_starttls_tls_version", "mail_starttls_tls_extendedmastersecret", "mail_rpki_exists", "mail_rpki_valid", "mail_mx_ns_rpki_valid", "web_ns_rpki_exists", "web_https_cert_expiry", "mail_starttls_mtasts"]) {
      assert.ok(isKnownTestId(id), id);
    }
    assert.equal(isKnownTestId("mail_starttls_tls_ocsp"), false, "no OCSP test for mail");
    assert.equal(isKnownTestId("web_dnssec_exists"), false);
  });

  it("give full points as CHECKS.md says: 10 a scored test, 2 for ws_similar, 5 for *_rpki_exists", () => {
    assert.equal(knownTest("web_ipv6_ws_similar")?.fullPoints, 2);
    for (const t of KNOWN_TESTS.filter((t) => t.id.endsWith("_rpki_exists"))) assert.equal(t.fullPoints, 5, t.id);
    for (const t of KNOWN_TESTS.filter((t) => t.level !== "required")) assert.equal(t.fullPoints, 0, `${t.id} is ${t.level}: only required tests score`);
    for (const id of ["web_https_http_available", "mail_dnssec_mx_valid", "mail_ipv6_mx_address", "web_dnssec_exist"]) assert.equal(knownTest(id)?.fullPoints, 0, id);
  });
});
