// The hand-over to the recorder thread (store/hand-over.ts): results judged from the evidence
// cross as the evidence alone and are judged again on the other side, giving the very results
// the scanning thread had; results made otherwise cross as they are.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DomainEvidence } from "../../../src/probes/evidence.ts";
import { deadlineScan } from "../../../src/runs/executor.ts";
import { isJudgedFromEvidence, judgeScan } from "../../../src/scan/judge.ts";
import { handOverForm, scanFromHandOver } from "../../../src/store/hand-over.ts";

function evidence(domain: string): DomainEvidence {
  return {
    domain,
    webHost: { host: domain, ipv4: ["192.0.2.1"], ipv6: ["2001:db8::1"], ignoredMappedIpv6: [], cnameChain: [] },
    nameServers: { zone: domain, servers: [{ name: `ns1.${domain}`, ipv4: ["192.0.2.53"], ipv6: [], ignoredMappedIpv6: [], ipv6Reach: [] }] },
  };
}

describe("handing scans over to the recorder thread", () => {
  it("sends a judged scan's evidence and test types only, and judging them again gives its results", () => {
    const scan = judgeScan("a.example", evidence("a.example"), ["web", "mail"]);
    assert.ok(isJudgedFromEvidence(scan));
    const form = handOverForm(scan);
    assert.deepEqual(form, { domain: "a.example", evidence: scan.evidence, types: ["web", "mail"] });
    // Across the thread boundary, as postMessage copies it.
    const received = scanFromHandOver(structuredClone(form));
    assert.deepEqual(received, scan);
    assert.equal(received.results.length, 2);
    assert.ok(Object.keys(received.results[0]!.tests).length > 0, "the web tests were judged");
  });

  it("sends results made otherwise as they are: a domain stopped at its deadline, a copied scan", () => {
    const stopped = deadlineScan({ domainId: 1, domain: "slow.example", types: ["web"] }, 60_000);
    assert.equal(handOverForm(stopped), stopped);
    assert.deepEqual(scanFromHandOver(structuredClone(stopped)), stopped);
    const judged = judgeScan("a.example", evidence("a.example"), ["web"]);
    const copy = { ...judged };
    assert.ok(!isJudgedFromEvidence(copy));
    assert.equal(handOverForm(copy), copy);
  });

  it("keeps what the domains of a batch share shared across the boundary", () => {
    const shared = { description: "one RPKI data set" };
    const batch = ["a.example", "b.example"].map((d) => judgeScan(d, { ...evidence(d), rpkiWebHost: { data: shared } } as unknown as DomainEvidence, ["web"]));
    const [a, b] = structuredClone(batch.map(handOverForm)).map(scanFromHandOver);
    const dataOf = (s: typeof a) => (s!.evidence as unknown as { rpkiWebHost: { data: object } }).rpkiWebHost.data;
    assert.equal(dataOf(a), dataOf(b));
  });
});
