import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applicableExplanation, explanationApplies } from "../../../src/profiles/explanation-match.ts";
import { explanation } from "./fixtures.ts";

const unsigned = { testId: "web_dnssec_exist", status: "failed", verdict: "unsigned" } as const;

describe("explanation matching", () => {
  const e = explanation("gemeente.nl", "web_dnssec_exist", { status: "failed", verdict: "unsigned" }, "2024-06-30");

  it("covers the same finding up to and including its last day", () => {
    assert.equal(explanationApplies(e, unsigned, "gemeente.nl", "2024-02-01"), true);
    assert.equal(explanationApplies(e, unsigned, "gemeente.nl", "2024-06-30"), true);
    assert.equal(explanationApplies(e, unsigned, "gemeente.nl", "2024-06-30T23:59:59.000Z"), true);
    assert.equal(explanationApplies(e, unsigned, "gemeente.nl", "2024-07-01"), false);
  });

  it("matches the domain whatever its case or a trailing dot", () => {
    assert.equal(explanationApplies(e, unsigned, "Gemeente.NL.", "2024-02-01"), true);
    assert.equal(explanationApplies(e, unsigned, "www.gemeente.nl", "2024-02-01"), false);
  });

  it("stops covering once the finding changes", () => {
    assert.equal(explanationApplies(e, { ...unsigned, verdict: "servfail" }, "gemeente.nl", "2024-02-01"), false);
    assert.equal(explanationApplies(e, { ...unsigned, status: "error" }, "gemeente.nl", "2024-02-01"), false);
    assert.equal(explanationApplies(e, { ...unsigned, testId: "web_dnssec_valid" }, "gemeente.nl", "2024-02-01"), false);
  });

  it("stops covering from the day it is revoked", () => {
    const revoked = { ...e, revokedAt: "2024-03-10T08:00:00.000Z", revokedBy: "admin" };
    assert.equal(explanationApplies(revoked, unsigned, "gemeente.nl", "2024-03-09"), true);
    assert.equal(explanationApplies(revoked, unsigned, "gemeente.nl", "2024-03-10"), false);
    assert.equal(explanationApplies(revoked, unsigned, "gemeente.nl", "2024-04-01"), false);
  });

  it("picks the newest applicable explanation", () => {
    const older = explanation("gemeente.nl", "web_dnssec_exist", { status: "failed", verdict: "unsigned" }, "2024-12-31", { createdAt: "2024-01-01T00:00:00.000Z" });
    const newer = explanation("gemeente.nl", "web_dnssec_exist", { status: "failed", verdict: "unsigned" }, "2024-03-31", { createdAt: "2024-02-01T00:00:00.000Z" });
    const otherDomain = explanation("other.nl", "web_dnssec_exist", { status: "failed", verdict: "unsigned" }, "2025-01-01", { createdAt: "2024-02-15T00:00:00.000Z" });
    assert.equal(applicableExplanation([older, newer, otherDomain], unsigned, "gemeente.nl", "2024-03-01")?.id, newer.id);
    assert.equal(applicableExplanation([older, newer, otherDomain], unsigned, "gemeente.nl", "2024-04-01")?.id, older.id, "the newer one expired");
    assert.equal(applicableExplanation([older, newer], unsigned, "gemeente.nl", "2025-01-01"), undefined);
  });
});
