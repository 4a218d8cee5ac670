import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainInputError, normaliseDomainInput } from "../../../src/scan/domain-input.ts";

describe("domain input", () => {
  it("normalises case, trailing dot and IDNA", () => {
    assert.equal(normaliseDomainInput(" Example.NL. "), "example.nl");
    assert.equal(normaliseDomainInput("súdwest-fryslân.nl"), "xn--sdwest-frysln-teb26a.nl");
  });
  it("refuses URLs, empty input and bad characters with a clear error", () => {
    for (const bad of ["https://example.nl", "example.nl/path", "", "exa mple.nl", "a..b", "-x.nl".replace("-", "bad!")]) {
      assert.throws(() => normaliseDomainInput(bad), DomainInputError, bad);
    }
  });
});
