// The DNS IP-to-ASN route source, against a fake resolver (no network).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DnsLookup, DnsOutcome } from "../../../src/dns/client-types.ts";
import type { DnsMessage, ResourceRecord } from "../../../src/dns/message.ts";
import { encodeTXT, TYPE } from "../../../src/dns/rdata.ts";
import { RCODE } from "../../../src/dns/rr-types.ts";
import { parseIp } from "../../../src/net/ip.ts";
import { ipToAsnQueryName, IpToAsnRouteSource, parseIpToAsnTxt, parseIpToAsnZones } from "../../../src/rpki/ip-to-asn.ts";

function fakeDns(answers: Record<string, string[][] | "NXDOMAIN" | "SERVFAIL" | "timeout">): DnsLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query(name: string, type: number): Promise<DnsOutcome> {
      asked.push(name);
      const a = answers[name];
      if (a === "timeout") return { ok: false, error: { code: "timeout", message: "no answer", attempts: [] } };
      const rcode = a === "NXDOMAIN" ? RCODE.NXDOMAIN : a === "SERVFAIL" ? RCODE.SERVFAIL : a === undefined ? RCODE.NXDOMAIN : RCODE.NOERROR;
      const records: ResourceRecord[] = Array.isArray(a) ? a.map((strings) => ({ name, type, class: 1, ttl: 60, rdata: encodeTXT(strings) })) : [];
      const message = { id: 1, rcode, flags: {}, questions: [], answers: records, authorities: [], additionals: [] } as unknown as DnsMessage;
      return { ok: true, answer: { message, server: { address: "127.0.0.1", port: 53 }, transport: "udp", rttMs: 1, fromCache: false } };
    },
  };
}

describe("IP-to-ASN over DNS", () => {
  it("query names: reversed octets, reversed nibbles", () => {
    assert.equal(ipToAsnQueryName(parseIp("192.0.2.80")!, "origin.asn.example"), "80.2.0.192.origin.asn.example");
    assert.equal(ipToAsnQueryName(parseIp("2001:db8::1")!, "origin6.asn.example"), `1.${"0.".repeat(23)}8.b.d.0.1.0.0.2.origin6.asn.example`);
  });

  it("zones: one for both families, or one each; nonsense refused", () => {
    assert.deepEqual(parseIpToAsnZones("asn.example"), { ipv4: "asn.example", ipv6: "asn.example" });
    assert.deepEqual(parseIpToAsnZones("a.example,b.example"), { ipv4: "a.example", ipv6: "b.example" });
    assert.throws(() => parseIpToAsnZones("a,b,c"), /expected dns:ZONE/);
    assert.throws(() => parseIpToAsnZones(""), /expected dns:ZONE/);
  });

  it("TXT answers in the Team Cymru and RouteViews styles", () => {
    const ip = parseIp("192.0.2.80")!;
    assert.deepEqual(parseIpToAsnTxt(["64496 64497 | 192.0.2.0/24 | ZZ | ripencc | 2000-01-01"], ip), {
      prefix: "192.0.2.0/24", family: 4, words: Uint32Array.of(0xc0000200, 0, 0, 0), length: 24, origins: [64496, 64497],
    });
    assert.equal((parseIpToAsnTxt(["64496", "192.0.2.0", "24"], ip) as { prefix: string }).prefix, "192.0.2.0/24");
    assert.match(parseIpToAsnTxt(["64496 | 198.51.100.0/24 | ZZ"], ip) as string, /does not contain the address/);
    assert.match(parseIpToAsnTxt(["garbage"], ip) as string, /expected "ORIGIN \| PREFIX/);
    assert.match(parseIpToAsnTxt(["x | 192.0.2.0/24"], ip) as string, /not an AS number/);
  });

  it("answers, NXDOMAIN (not routed), and failures (errors, never 'not routed')", async () => {
    const dns = fakeDns({
      "80.2.0.192.asn.example": [["64496 | 192.0.2.0/24 | ZZ | x | y"], ["64497 | 192.0.2.0/24 | ZZ | x | y"]],
      "1.2.0.192.asn.example": "NXDOMAIN",
      "2.2.0.192.asn.example": "SERVFAIL",
      "3.2.0.192.asn.example": "timeout",
      "4.2.0.192.asn.example": [["nonsense"]],
    });
    const source = new IpToAsnRouteSource("asn.example", dns);
    assert.equal(source.provenance.location, "dns:asn.example");
    const got = await source.covering(parseIp("192.0.2.80")!);
    assert.ok(got.ok);
    assert.deepEqual(got.prefixes.map((p) => [p.prefix, p.origins]), [["192.0.2.0/24", [64496, 64497]]]);
    assert.deepEqual(await source.covering(parseIp("192.0.2.1")!), { ok: true, prefixes: [] });
    for (const a of ["192.0.2.2", "192.0.2.3", "192.0.2.4"]) {
      const r = await source.covering(parseIp(a)!);
      assert.equal(r.ok, false, a);
    }
    assert.ok(dns.asked.every((n) => n.endsWith(".asn.example")));
    assert.equal(TYPE.TXT, 16);
  });
});
