// Content-addressed JSON: each distinct text of a batch is kept once, values with the same JSON
// are recognised with or without writing them out, and evidence reads back as JSON.stringify
// wrote it.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TestResult } from "../../../src/checks/result.ts";
import type { DomainEvidence } from "../../../src/probes/evidence.ts";
import { BlobCollector, evidenceText, INLINE_MAX_CHARS, sameJson } from "../../../src/store/json-blobs.ts";

describe("sameJson", () => {
  it("is true exactly when JSON.stringify gives the same text, for the shapes checks build", () => {
    const shared = { list: [1, "x", null], nested: { a: true } };
    const cases: [unknown, unknown][] = [
      [{ a: 1, b: shared }, { a: 1, b: shared }],
      [{ a: 1, b: shared }, { a: 1, b: JSON.parse(JSON.stringify(shared)) }],
      [{ a: 1, b: 2 }, { b: 2, a: 1 }],
      [{ a: 1, gone: undefined }, { a: 1 }],
      [[1, undefined], [1, null]],
      [[1, undefined], [1, () => 0]],
      [{ a: [1, 2] }, { a: [1, 2, 3] }],
      [{ a: 1 }, { a: "1" }],
      [{ a: null }, {}],
      [{ at: new Date(0) }, { at: "1970-01-01T00:00:00.000Z" }],
      [{ n: Number.NaN }, { n: null }],
      [[], {}],
    ];
    for (const [a, b] of cases) {
      const same = JSON.stringify(a) === JSON.stringify(b);
      // May miss an equality (then the text decides), never claim one that is not there.
      if (!same) assert.equal(sameJson(a, b), false, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    assert.equal(sameJson(cases[0]![0], cases[0]![1]), true);
    assert.equal(sameJson(cases[1]![0], cases[1]![1]), true);
    assert.equal(sameJson(cases[3]![0], cases[3]![1]), true);
    assert.equal(sameJson(cases[4]![0], cases[4]![1]), true);
  });
});

describe("BlobCollector", () => {
  const evidence = {
    domain: "a.example",
    dnssec: { query: { name: "a.example", type: "SOA" }, security: "insecure", reason: "a reason long enough to keep this part out of line ".repeat(2), chain: [{ zone: "." }] },
    rpkiWebHost: { observedAt: "2024-01-01T00:00:00Z", hosts: [] },
    nothing: undefined,
  } as unknown as DomainEvidence;

  it("keeps a text once however many tests carry it, and builds change hashes without moments", () => {
    const blobs = new BlobCollector();
    const { parts, change } = blobs.evidence("a.example", evidence);
    assert.deepEqual(parts.map(([k]) => k), ["domain", "dnssec", "rpkiWebHost"]);
    const test = (details: Record<string, unknown>): TestResult => ({ status: "passed", verdict: "v", reason: "r", details });
    const dnssec = (evidence as unknown as { dnssec: Record<string, unknown> }).dnssec;
    const obs = blobs.observation("a.example", 100, { t1: test({ ...dnssec }), t2: test(JSON.parse(JSON.stringify(dnssec)) as Record<string, unknown>) });
    assert.deepEqual(obs.details, [parts[1]![1], parts[1]![1]], "both tests point at the evidence part's blob");
    assert.equal(blobs.blobsFor([...parts.map(([, h]) => h), ...obs.details]).length, 1, "short texts (the name, the RPKI part) stay inline");
    assert.deepEqual(parts[0]![1], { json: '"a.example"' });

    // The same evidence seen later: the same change hash, a different exact text.
    const later = new BlobCollector().evidence("a.example", { ...evidence, rpkiWebHost: { observedAt: "2024-02-01T00:00:00Z", hosts: [] } } as unknown as DomainEvidence);
    assert.equal(later.change, change);
    assert.notDeepEqual(later.parts[2]![1], parts[2]![1]);
    // Something seen differently: another change hash.
    assert.notEqual(new BlobCollector().evidence("a.example", { ...evidence, rpkiWebHost: { observedAt: "x", hosts: [1] } } as unknown as DomainEvidence).change, change);
  });

  it("puts evidence back together as JSON.stringify wrote it", () => {
    const blobs = new BlobCollector();
    const { parts } = blobs.evidence("a.example", evidence);
    const texts = new Map(blobs.blobsFor(parts.map(([, h]) => h)).map((b) => [b.hash, b.body]));
    assert.equal(evidenceText(parts, (h) => texts.get(h)!), JSON.stringify(evidence));
  });

  it("keeps texts up to INLINE_MAX_CHARS inline and longer ones in blobs", () => {
    const blobs = new BlobCollector();
    const at = (n: number) => blobs.ref(blobs.add("x".repeat(n - 2), "d"));
    assert.deepEqual(at(INLINE_MAX_CHARS), { json: `"${"x".repeat(INLINE_MAX_CHARS - 2)}"` });
    assert.equal(typeof at(INLINE_MAX_CHARS + 1), "string");
    const everyText = new BlobCollector({ inlineMaxChars: 0 });
    assert.equal(typeof everyText.ref(everyText.add(1, "d")), "string", "migration 0004 puts every text in a blob");
  });

  it("gives its blobs in hash order", () => {
    const blobs = new BlobCollector();
    const hashes = Array.from({ length: 20 }, (_, i) => blobs.add({ i }, "d").exact);
    const sorted = blobs.blobsFor(hashes).map((b) => b.hash);
    assert.deepEqual(sorted, [...new Set(hashes)].sort());
  });
});
