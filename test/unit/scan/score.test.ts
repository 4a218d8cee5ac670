import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TestResult } from "../../../src/checks/result.ts";
import { scoreResults } from "../../../src/scan/score.ts";

const r = (status: TestResult["status"], points?: number): TestResult => ({ status, verdict: "x", reason: "x", details: {}, ...(points === undefined ? {} : { points }) });

describe("Internet.nl-style score", () => {
  it("averages category scores over scored tests", () => {
    const s = scoreResults({
      web_ipv6_ns_address: r("passed", 0), web_ipv6_ns_reach: r("failed", 5),
      web_dnssec_exist: r("passed", 0), web_dnssec_valid: r("passed", 10),
    });
    assert.deepEqual(s.categories, { ipv6: 50, dnssec: 100 });
    assert.equal(s.score, 75);
  });
  it("leaves errors out and gives null when nothing scored", () => {
    assert.equal(scoreResults({ web_dnssec_valid: r("error") }).score, null);
    assert.equal(scoreResults({}).score, null);
  });
  it("insecure DNSSEC scores 2 of 10", () => {
    assert.equal(scoreResults({ web_dnssec_valid: r("not_tested", 2) }).score, 20);
  });
});
