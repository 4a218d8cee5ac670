import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DnsCache, cacheKey, cacheLifetime } from "../../../src/dns/cache.ts";
import type { DnsAnswer } from "../../../src/dns/client-types.ts";
import type { DnsMessage, ResourceRecord } from "../../../src/dns/message.ts";
import { encodeA, encodeSOA } from "../../../src/dns/rdata.ts";
import { nameToWire } from "../../../src/dns/name.ts";
import { CLASS_IN, RCODE, typeNumber } from "../../../src/dns/rr-types.ts";

const A = typeNumber("A");
const rr = (name: string, type: string, rdata: Uint8Array, ttl: number): ResourceRecord => ({ name, type: typeNumber(type), class: CLASS_IN, ttl, rdata });
const soa = (ttl: number, minimum: number) => rr("example.nl", "SOA", encodeSOA({ mname: "ns.example.nl", rname: "h.example.nl", serial: 1, refresh: 1, retry: 1, expire: 1, minimum }), ttl);

function message(parts: Partial<DnsMessage> & { qtype?: number } = {}): DnsMessage {
  return {
    id: 1,
    flags: { qr: true, opcode: 0, aa: false, tc: false, rd: true, ra: true, ad: false, cd: false },
    rcode: RCODE.NOERROR,
    questions: [{ name: "www.example.nl", type: parts.qtype ?? A, class: CLASS_IN }],
    answers: [],
    authorities: [],
    additionals: [],
    ...parts,
  };
}

const answerOf = (m: DnsMessage): DnsAnswer => ({ message: m, server: { address: "127.0.0.1", port: 53 }, transport: "udp", rttMs: 1, fromCache: false });
const limits = { maxTtlSec: 86_400, servfailTtlSec: 30 };

class FakeClock {
  now = 1_000_000;
  read = () => this.now;
  advance(sec: number) { this.now += sec * 1000; }
}

describe("cacheLifetime", () => {
  it("uses the smallest TTL of the answer and authority sections", () => {
    const m = message({ answers: [rr("www.example.nl", "A", encodeA("192.0.2.1"), 300), rr("www.example.nl", "A", encodeA("192.0.2.2"), 120)], authorities: [rr("example.nl", "NS", nameToWire("ns.example.nl"), 3600)] });
    assert.equal(cacheLifetime(m, limits), 120);
  });

  it("ignores the additional section", () => {
    const m = message({ answers: [rr("www.example.nl", "A", encodeA("192.0.2.1"), 300)], additionals: [rr("ns.example.nl", "A", encodeA("192.0.2.9"), 5)] });
    assert.equal(cacheLifetime(m, limits), 300);
  });

  it("caches NXDOMAIN and NODATA for min(SOA TTL, SOA MINIMUM) (RFC 2308)", () => {
    assert.equal(cacheLifetime(message({ rcode: RCODE.NXDOMAIN, authorities: [soa(3600, 60)] }), limits), 60);
    assert.equal(cacheLifetime(message({ rcode: RCODE.NXDOMAIN, authorities: [soa(30, 600)] }), limits), 30);
    assert.equal(cacheLifetime(message({ authorities: [soa(900, 300)] }), limits), 300);
  });

  it("treats a CNAME chain without the asked type as negative, bounded by the CNAME TTL too", () => {
    const m = message({ answers: [rr("www.example.nl", "CNAME", nameToWire("x.example.nl"), 40)], authorities: [soa(900, 300)] });
    assert.equal(cacheLifetime(m, limits), 40);
    const noSoa = message({ answers: [rr("www.example.nl", "CNAME", nameToWire("x.example.nl"), 40)] });
    assert.equal(cacheLifetime(noSoa, limits), undefined);
  });

  it("does not cache negative answers without an SOA", () => {
    assert.equal(cacheLifetime(message({ rcode: RCODE.NXDOMAIN }), limits), undefined);
    assert.equal(cacheLifetime(message({}), limits), undefined);
  });

  it("caches SERVFAIL briefly and never REFUSED, FORMERR, NOTIMP or truncated replies", () => {
    assert.equal(cacheLifetime(message({ rcode: RCODE.SERVFAIL }), limits), 30);
    assert.equal(cacheLifetime(message({ rcode: RCODE.SERVFAIL }), { ...limits, servfailTtlSec: 0 }), undefined);
    for (const rcode of [RCODE.REFUSED, RCODE.FORMERR, RCODE.NOTIMP]) assert.equal(cacheLifetime(message({ rcode }), limits), undefined);
    const tc = message({ answers: [rr("www.example.nl", "A", encodeA("192.0.2.1"), 300)] });
    tc.flags.tc = true;
    assert.equal(cacheLifetime(tc, limits), undefined);
  });

  it("caps at maxTtlSec, does not store TTL 0, and reads TTLs with the top bit set as 0", () => {
    assert.equal(cacheLifetime(message({ answers: [rr("www.example.nl", "A", encodeA("192.0.2.1"), 10 * 86_400)] }), limits), 86_400);
    assert.equal(cacheLifetime(message({ answers: [rr("www.example.nl", "A", encodeA("192.0.2.1"), 0)] }), limits), undefined);
    assert.equal(cacheLifetime(message({ answers: [rr("www.example.nl", "A", encodeA("192.0.2.1"), 0x80000000)] }), limits), undefined);
  });
});

describe("cacheKey", () => {
  it("ignores case and the trailing dot, and separates type, DO, CD and RD", () => {
    const base = { name: "WWW.Example.NL.", type: A, dnssecOk: true, checkingDisabled: true, recursionDesired: true };
    assert.equal(cacheKey(base), cacheKey({ ...base, name: "www.example.nl" }));
    const keys = new Set([base, { ...base, type: 28 }, { ...base, dnssecOk: false }, { ...base, checkingDisabled: false }, { ...base, recursionDesired: false }].map(cacheKey));
    assert.equal(keys.size, 5);
  });
});

describe("DnsCache", () => {
  const positive = (ttl: number) => answerOf(message({ answers: [rr("www.example.nl", "A", encodeA("192.0.2.1"), ttl)], authorities: [soa(ttl * 2, ttl * 2)] }));

  it("serves an entry until its TTL runs out, with aged TTLs and fromCache set", () => {
    const clock = new FakeClock();
    const cache = new DnsCache({ clock: clock.read });
    assert.equal(cache.put("k", positive(100)), 100);
    clock.advance(30);
    const hit = cache.get("k")!;
    assert.equal(hit.fromCache, true);
    assert.equal(hit.message.answers[0]!.ttl, 70);
    assert.equal(hit.message.authorities[0]!.ttl, 170);
    clock.advance(69.9);
    assert.ok(cache.get("k"));
    clock.advance(0.1);
    assert.equal(cache.get("k"), undefined);
    assert.equal(cache.size, 0);
  });

  it("expires negative answers after the SOA minimum", () => {
    const clock = new FakeClock();
    const cache = new DnsCache({ clock: clock.read });
    cache.put("nx", answerOf(message({ rcode: RCODE.NXDOMAIN, authorities: [soa(3600, 60)] })));
    clock.advance(59);
    assert.equal(cache.get("nx")?.message.rcode, RCODE.NXDOMAIN);
    clock.advance(1);
    assert.equal(cache.get("nx"), undefined);
  });

  it("keeps SERVFAIL for servfailTtlSec only, and does not store uncacheable answers", () => {
    const clock = new FakeClock();
    const cache = new DnsCache({ clock: clock.read, servfailTtlSec: 5 });
    cache.put("sf", answerOf(message({ rcode: RCODE.SERVFAIL })));
    clock.advance(4);
    assert.ok(cache.get("sf"));
    clock.advance(1);
    assert.equal(cache.get("sf"), undefined);
    assert.equal(cache.put("ref", answerOf(message({ rcode: RCODE.REFUSED }))), undefined);
    assert.equal(cache.get("ref"), undefined);
  });

  it("evicts the least recently used entry when full", () => {
    const clock = new FakeClock();
    const cache = new DnsCache({ clock: clock.read, maxEntries: 3 });
    for (const k of ["a", "b", "c"]) cache.put(k, positive(300));
    assert.ok(cache.get("a")); // a is now the most recently used
    cache.put("d", positive(300));
    assert.equal(cache.size, 3);
    assert.equal(cache.get("b"), undefined);
    for (const k of ["a", "c", "d"]) assert.ok(cache.get(k), k);
    // Replacing an entry does not grow the cache.
    cache.put("d", positive(600));
    assert.equal(cache.size, 3);
  });

  it("stays bounded under many inserts", () => {
    const cache = new DnsCache({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, positive(300));
    assert.equal(cache.size, 100);
    assert.ok(cache.get("k999"));
    assert.equal(cache.get("k0"), undefined);
  });
});
