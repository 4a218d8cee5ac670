import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { judgeDnssecExist, judgeDnssecValid } from "../../../src/checks/dnssec.ts";
import type { DnssecEvidence, DomainEvidence } from "../../../src/probes/evidence.ts";

function evidence(d: Partial<DnssecEvidence> | { error: string }): DomainEvidence {
  if ("error" in d) return { domain: "example.nl", dnssec: d as { error: string } };
  return {
    domain: "example.nl",
    dnssec: {
      query: { name: "example.nl", type: "SOA" }, security: "secure", reason: "ok", rcode: "NOERROR",
      unsupportedAlgorithm: false, deprecatedAlgorithms: [], cnameChain: [], chain: [], ...d,
    },
  };
}

describe("DNSSEC checks on recorded evidence", () => {
  it("secure: exist passed, valid passed with full points", () => {
    const e = evidence({ security: "secure" });
    assert.equal(judgeDnssecExist(e).status, "passed");
    const v = judgeDnssecValid(e);
    assert.deepEqual([v.status, v.verdict, v.points], ["passed", "secure", 10]);
  });

  it("insecure (unsigned): exist failed, valid not_tested scored 2 of 10", () => {
    const e = evidence({ security: "insecure", reason: "no DS for example.nl in nl (NSEC3 proof)" });
    const x = judgeDnssecExist(e);
    assert.deepEqual([x.status, x.verdict], ["failed", "unsigned"]);
    assert.match(x.reason, /not signed/);
    const v = judgeDnssecValid(e);
    assert.deepEqual([v.status, v.verdict, v.points], ["not_tested", "unsigned", 2]);
  });

  it("bogus: exist passed (it is signed), valid failed with the reason", () => {
    const e = evidence({ security: "bogus", reason: "RRSIG over example.nl/SOA expired", ede: { code: 7, text: "Signature Expired" } });
    assert.equal(judgeDnssecExist(e).status, "passed");
    const v = judgeDnssecValid(e);
    assert.deepEqual([v.status, v.verdict, v.points], ["failed", "bogus", 0]);
    assert.match(v.reason, /expired/);
    assert.deepEqual(v.details.ede, { code: 7, text: "Signature Expired" });
  });

  it("signed only with an unsupported algorithm: exist passed, valid warning", () => {
    const e = evidence({ security: "insecure", unsupportedAlgorithm: true, reason: "DS algorithm 12 (ECC-GOST) unsupported" });
    assert.equal(judgeDnssecExist(e).status, "passed");
    assert.equal(judgeDnssecValid(e).status, "warning");
  });

  it("deprecated algorithm: passed, with its own verdict", () => {
    const v = judgeDnssecValid(evidence({ security: "secure", deprecatedAlgorithms: [5] }));
    assert.deepEqual([v.status, v.verdict], ["passed", "secure_deprecated_algorithm"]);
  });

  it("SERVFAIL: exist failed, valid not_tested", () => {
    const e = evidence({ security: "indeterminate", rcode: "SERVFAIL", reason: "resolver answered SERVFAIL" });
    assert.deepEqual([judgeDnssecExist(e).status, judgeDnssecExist(e).verdict], ["failed", "servfail"]);
    assert.equal(judgeDnssecValid(e).status, "not_tested");
  });

  it("a lookup failure is an error, never passed or failed", () => {
    for (const e of [evidence({ error: "timeout: no answer from 192.0.2.1:53" }), evidence({ security: "indeterminate", reason: "DS query timed out" }), { domain: "x.nl" }]) {
      assert.equal(judgeDnssecExist(e).status, "error");
      assert.equal(judgeDnssecValid(e).status, "error");
    }
  });
});
