import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normaliseRegisterDomain, RegisterDomainError } from "../../../src/register/domain-name.ts";

describe("register domain names", () => {
  it("normalises case, trailing dot, whitespace and IDNA", () => {
    assert.equal(normaliseRegisterDomain(" Groningen.NL. "), "groningen.nl");
    assert.equal(normaliseRegisterDomain("bücher.example"), "xn--bcher-kva.example");
    assert.equal(normaliseRegisterDomain("súdwest-fryslân.nl"), "xn--sdwest-frysln-teb26a.nl");
  });

  for (const [input, why] of [
    ["https://groningen.nl/", /without scheme/],
    ["groningen", /single label/],
    ["_dmarc.groningen.nl", /host names/],
    ["*.groningen.nl", /host names/],
    ["gron ingen.nl", /not a domain name/],
    ["a..nl", /empty label/],
    ["", /empty/],
    [`${"a".repeat(64)}.nl`, /63/],
    ["-x.nl", /not allowed|hyphen/],
    ["x-.nl", /not allowed|hyphen/],
  ] as const) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      assert.throws(() => normaliseRegisterDomain(input), (err: Error) => err instanceof RegisterDomainError && why.test(err.message));
    });
  }
});
