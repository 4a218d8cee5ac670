import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DnsLookup, DnsOutcome } from "../../../src/dns/client-types.ts";
import { MAX_CNAME_CHAIN, lookupAddresses, resolveFollowingCnames } from "../../../src/dns/follow-cname.ts";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { encodeA, encodeAAAA, encodeSOA } from "../../../src/dns/rdata.ts";
import { nameToWire, normaliseName } from "../../../src/dns/name.ts";
import { CLASS_IN, RCODE, typeNumber } from "../../../src/dns/rr-types.ts";

const A = typeNumber("A");
const rr = (name: string, type: string, rdata: Uint8Array, ttl = 300): ResourceRecord => ({ name, type: typeNumber(type), class: CLASS_IN, ttl, rdata });
const cname = (from: string, to: string) => rr(from, "CNAME", nameToWire(to));
const soa = rr("example.nl", "SOA", encodeSOA({ mname: "ns.example.nl", rname: "h.example.nl", serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 60 }));

/**
 * A fake resolver over a record list. `partial` names stop the chain in a response after
 * the first CNAME (as a lazy forwarder would), so the client must ask again.
 */
function fakeLookup(records: ResourceRecord[], opts: { partial?: boolean; fail?: Set<string>; nx?: Set<string> } = {}): DnsLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query(name, type): Promise<DnsOutcome> {
      asked.push(`${name}/${type}`);
      if (opts.fail?.has(normaliseName(name))) {
        return { ok: false, error: { code: "timeout", message: "timeout: no usable answer", attempts: [] } };
      }
      const answers: ResourceRecord[] = [];
      let current = name;
      let rcode: number = RCODE.NOERROR;
      for (let i = 0; i < 50; i++) {
        const data = records.filter((r) => normaliseName(r.name) === normaliseName(current) && r.type === type);
        if (data.length) { answers.push(...data); break; }
        const c = records.find((r) => normaliseName(r.name) === normaliseName(current) && r.type === typeNumber("CNAME"));
        if (!c) {
          if (opts.nx?.has(normaliseName(current))) rcode = RCODE.NXDOMAIN;
          break;
        }
        answers.push(c);
        if (opts.partial) break;
        const labels = c.rdata;
        current = decodeName(labels);
      }
      return {
        ok: true,
        answer: {
          message: { id: 1, flags: { qr: true, opcode: 0, aa: false, tc: false, rd: true, ra: true, ad: false, cd: false }, rcode, questions: [{ name, type, class: CLASS_IN }], answers, authorities: answers.some((r) => r.type === type) ? [] : [soa], additionals: [] },
          server: { address: "127.0.0.1", port: 53 }, transport: "udp", rttMs: 1, fromCache: false,
        },
      };
    },
  };
}

function decodeName(wire: Uint8Array): string {
  const labels: string[] = [];
  for (let o = 0; wire[o]! > 0; o += wire[o]! + 1) labels.push(Buffer.from(wire.subarray(o + 1, o + 1 + wire[o]!)).toString("latin1"));
  return labels.join(".") || ".";
}

function chainRecords(depth: number, end: ResourceRecord[] = []): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (let i = 0; i < depth; i++) out.push(cname(`c${i}.example.nl`, `c${i + 1}.example.nl`));
  out.push(...end.map((r) => ({ ...r, name: `c${depth}.example.nl` })));
  return out;
}

describe("resolveFollowingCnames", () => {
  it("returns the data directly when there is no CNAME", async () => {
    const r = await resolveFollowingCnames(fakeLookup([rr("www.example.nl", "A", encodeA("192.0.2.1"))]), "www.example.nl", A);
    assert.ok(r.ok);
    assert.equal(r.finalName, "www.example.nl");
    assert.deepEqual(r.chain, []);
    assert.equal(r.records.length, 1);
  });

  for (const partial of [false, true]) {
    it(`follows a chain ${partial ? "over several queries" : "inside one answer"}`, async () => {
      const lookup = fakeLookup(chainRecords(3, [rr("x", "A", encodeA("192.0.2.7"))]), { partial });
      const r = await resolveFollowingCnames(lookup, "C0.example.nl", A);
      assert.ok(r.ok);
      assert.deepEqual(r.chain.map((h) => h.to), ["c1.example.nl", "c2.example.nl", "c3.example.nl"]);
      assert.equal(r.finalName, "c3.example.nl");
      assert.equal(r.records.length, 1);
      assert.equal(lookup.asked.length, partial ? 4 : 1);
      assert.equal(r.answers.length, lookup.asked.length);
    });
  }

  it(`accepts ${MAX_CNAME_CHAIN} CNAMEs and refuses ${MAX_CNAME_CHAIN + 1}`, async () => {
    for (const partial of [false, true]) {
      const ok = await resolveFollowingCnames(fakeLookup(chainRecords(10, [rr("x", "A", encodeA("192.0.2.7"))]), { partial }), "c0.example.nl", A);
      assert.ok(ok.ok);
      assert.equal(ok.chain.length, 10);
      const tooLong = await resolveFollowingCnames(fakeLookup(chainRecords(11, [rr("x", "A", encodeA("192.0.2.7"))]), { partial }), "c0.example.nl", A);
      assert.ok(!tooLong.ok);
      assert.equal(tooLong.code, "cname_chain_too_long");
      assert.match(tooLong.error, /^CNAME chain longer than 10: c0\.example\.nl → c1\.example\.nl → .* → c11\.example\.nl$/);
    }
  });

  it("detects loops, inside one answer and across queries", async () => {
    for (const partial of [false, true]) {
      const lookup = fakeLookup([cname("a.example.nl", "b.example.nl"), cname("b.example.nl", "A.example.nl")], { partial });
      const r = await resolveFollowingCnames(lookup, "a.example.nl", A);
      assert.ok(!r.ok);
      assert.equal(r.code, "cname_loop");
      assert.equal(r.error, "CNAME loop: a.example.nl → b.example.nl → A.example.nl");
      assert.ok(lookup.asked.length <= 2);
    }
    const self = await resolveFollowingCnames(fakeLookup([cname("s.example.nl", "s.example.nl")]), "s.example.nl", A);
    assert.ok(!self.ok && self.error === "CNAME loop: s.example.nl → s.example.nl");
  });

  it("ends with NODATA or NXDOMAIN at the end of the chain", async () => {
    const nodata = await resolveFollowingCnames(fakeLookup([cname("a.example.nl", "b.example.nl"), rr("b.example.nl", "TXT", Uint8Array.of(1, 0x78))]), "a.example.nl", A);
    assert.ok(nodata.ok);
    assert.equal(nodata.rcode, RCODE.NOERROR);
    assert.deepEqual(nodata.records, []);
    assert.equal(nodata.finalName, "b.example.nl");
    const lookup = fakeLookup([cname("a.example.nl", "gone.example.nl")], { nx: new Set(["gone.example.nl"]) });
    const nx = await resolveFollowingCnames(lookup, "a.example.nl", A);
    assert.ok(nx.ok);
    assert.equal(nx.rcode, RCODE.NXDOMAIN);
    assert.equal(lookup.asked.length, 1, "an NXDOMAIN at the end of a chain is final");
  });

  it("returns the CNAME itself when asked for CNAME", async () => {
    const r = await resolveFollowingCnames(fakeLookup([cname("a.example.nl", "b.example.nl")]), "a.example.nl", typeNumber("CNAME"));
    assert.ok(r.ok);
    assert.equal(r.records.length, 1);
    assert.deepEqual(r.chain, []);
  });

  it("reports a failed lookup along the chain", async () => {
    const r = await resolveFollowingCnames(fakeLookup([cname("a.example.nl", "b.example.nl")], { partial: true, fail: new Set(["b.example.nl"]) }), "a.example.nl", A);
    assert.ok(!r.ok);
    assert.equal(r.code, "lookup_failed");
    assert.equal(r.failure?.code, "timeout");
    assert.equal(r.chain.length, 1);
  });
});

describe("lookupAddresses", () => {
  it("collects A and AAAA through CNAMEs and leaves IPv4-mapped AAAA out", async () => {
    const lookup = fakeLookup([
      cname("www.example.nl", "web.example.nl"),
      rr("web.example.nl", "A", encodeA("192.0.2.1")),
      rr("web.example.nl", "A", encodeA("192.0.2.2")),
      rr("web.example.nl", "AAAA", encodeAAAA("2001:db8::1")),
      rr("web.example.nl", "AAAA", encodeAAAA("::ffff:192.0.2.1")),
    ]);
    const r = await lookupAddresses(lookup, "www.example.nl");
    assert.deepEqual(r.a, ["192.0.2.1", "192.0.2.2"]);
    assert.deepEqual(r.aaaa, ["2001:db8::1"]);
    assert.equal(r.ignoredMapped.length, 1);
    assert.deepEqual(r.cnameChain, ["web.example.nl"]);
    assert.equal(r.rcode, RCODE.NOERROR);
    assert.equal(r.error, undefined);
  });

  it("reports which lookup failed", async () => {
    const r = await lookupAddresses(fakeLookup([], { fail: new Set(["down.example.nl"]) }), "down.example.nl");
    assert.deepEqual([r.a, r.aaaa], [[], []]);
    assert.equal(r.rcode, undefined);
    assert.match(r.error!, /^A: down\.example\.nl: timeout.*; AAAA: down\.example\.nl: timeout/);
  });

  it("reports the rcode of a name without addresses", async () => {
    const r = await lookupAddresses(fakeLookup([], { nx: new Set(["nx.example.nl"]) }), "nx.example.nl");
    assert.equal(r.rcode, RCODE.NXDOMAIN);
    assert.equal(r.error, undefined);
  });
});
