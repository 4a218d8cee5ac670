// Content-addressed JSON: each distinct text of a batch is kept once, values with the same JSON
// are recognised with or without writing them out, and evidence reads back as JSON.stringify
// wrote it.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TestResult } from "../../../src/checks/result.ts";
import type { DomainEvidence } from "../../../src/probes/evidence.ts";
import { BlobCollector, blobHashes, evidenceText, INLINE_MAX_CHARS, refText, sameJson } from "../../../src/store/json-blobs.ts";
import type { JsonRef } from "../../../src/store/json-blobs.ts";
import { contentHash } from "../../../src/store/content-hash.ts";

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
    const at = (n: number) => blobs.add("x".repeat(n - 2), "d").ref;
    assert.deepEqual(at(INLINE_MAX_CHARS), { json: `"${"x".repeat(INLINE_MAX_CHARS - 2)}"` });
    assert.equal(typeof at(INLINE_MAX_CHARS + 1), "string");
    const everyText = new BlobCollector({ inlineMaxChars: 0 });
    assert.equal(typeof everyText.add(1, "d").ref, "string", "migration 0004 puts every text in a blob");
  });

  it("gives its blobs in hash order", () => {
    const blobs = new BlobCollector({ inlineMaxChars: 0 });
    const hashes = Array.from({ length: 20 }, (_, i) => blobs.add({ i }, "d").ref as string);
    const sorted = blobs.blobsFor(hashes).map((b) => b.hash);
    assert.deepEqual(sorted, [...new Set(hashes)].sort());
  });

  describe("values the same for every domain of a run (the RPKI data description)", () => {
    const description = () => ({
      configured: true, maxAgeHours: 24,
      sources: [{ role: "vrps", name: "routinator export", checksum: "sha256:aaaa", loadedAt: "2024-01-01T00:00:00Z", count: 512_000, note: "x".repeat(200) }],
    });
    const rpki = (data: object, observedAt: string, address: string) => ({ data, observedAt, hosts: [{ host: "www", addresses: [{ address, state: "valid" }] }] });
    const domainEvidence = (domain: string, data: object, observedAt = "2024-01-01T01:00:00Z", address = "192.0.2.1") =>
      ({ domain, rpkiWebHost: rpki(data, observedAt, address), rpkiNameServers: rpki(data, observedAt, "192.0.2.53") }) as unknown as DomainEvidence;
    const texts = (blobs: BlobCollector, refs: JsonRef[]) => new Map(blobs.blobsFor(refs).map((b) => [b.hash, b.body]));

    it("stores the shared value once for all domains of a batch, and each record reads back as JSON.stringify wrote it", () => {
      const blobs = new BlobCollector();
      const data = description();
      const a = blobs.evidence("a.example", domainEvidence("a.example", data));
      const b = blobs.evidence("b.example", domainEvidence("b.example", data, undefined, "192.0.2.2"));
      const refs = [...a.parts, ...b.parts].map(([, r]) => r);
      assert.equal(blobHashes(refs).length, 4, "both parts of both domains point at a blob");
      assert.deepEqual(blobs.blobsFor(refs).map((blob) => blob.body), [JSON.stringify(data)], "one blob, the description; the rest is short enough to stay inline");
      const read = texts(blobs, refs);
      assert.equal(evidenceText(a.parts, (h) => read.get(h)!), JSON.stringify(domainEvidence("a.example", data)));
      assert.equal(evidenceText(b.parts, (h) => read.get(h)!), JSON.stringify(domainEvidence("b.example", data, undefined, "192.0.2.2")));
    });

    it("gives the same change hash for the same data seen later (moments left out), another one when the data or the routes change", () => {
      const first = new BlobCollector().evidence("a.example", domainEvidence("a.example", description()));
      const laterData = { ...description(), sources: [{ ...description().sources[0]!, loadedAt: "2024-02-01T00:00:00Z" }] };
      assert.equal(new BlobCollector().evidence("a.example", domainEvidence("a.example", laterData, "2024-02-01T01:00:00Z")).change, first.change);
      const newData = { ...description(), sources: [{ ...description().sources[0]!, checksum: "sha256:bbbb" }] };
      assert.notEqual(new BlobCollector().evidence("a.example", domainEvidence("a.example", newData)).change, first.change);
      assert.notEqual(new BlobCollector().evidence("a.example", domainEvidence("a.example", description(), undefined, "192.0.2.9")).change, first.change);
    });

    it("lets a test's details that repeat the evidence point where the evidence is, and reads them back", () => {
      const blobs = new BlobCollector();
      const ev = domainEvidence("a.example", description()) as unknown as { rpkiWebHost: { data: object; observedAt: string; hosts: unknown[] } };
      const { parts } = blobs.evidence("a.example", ev as unknown as DomainEvidence);
      const details = { data: ev.rpkiWebHost.data, observedAt: ev.rpkiWebHost.observedAt, hosts: ev.rpkiWebHost.hosts };
      const copy = { note: "a test's own details", data: ev.rpkiWebHost.data };
      const test = (d: Record<string, unknown>): TestResult => ({ status: "passed", verdict: "valid", reason: "r", details: d });
      const obs = blobs.observation("a.example", 100, { web_rpki_valid: test(details), other: test(copy) });
      assert.deepEqual(obs.details[0], parts[1]![1]);
      const read = texts(blobs, [...parts.map(([, r]) => r), ...obs.details]);
      assert.equal(refText(obs.details[1]!, (h) => read.get(h)!), JSON.stringify(copy));
      assert.equal(blobs.blobsFor(obs.details).length, 1, "the description's blob, shared with the evidence");
    });

    it("gives an object stored member by member the change hash of its whole text, as stored whole before", () => {
      const part = rpki(description(), "2024-01-01T01:00:00Z", "192.0.2.1");
      const split = new BlobCollector().add(part, "d");
      assert.ok(typeof split.ref === "object" && "parts" in split.ref);
      assert.equal(split.change, new BlobCollector({ sharedMembers: new Set() }).add(part, "d").change);
      assert.equal(split.change, contentHash(part));
    });

    it("stores an object whole when its shared-looking member is no object", () => {
      const ref = new BlobCollector().add({ data: "just text", more: 1 }, "d").ref;
      assert.deepEqual(ref, { json: '{"data":"just text","more":1}' });
    });
  });
});

