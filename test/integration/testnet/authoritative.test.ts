// The simulated authoritative servers, queried over real sockets on loopback: referrals with
// DS or the proof of its absence, answers, negative answers with their proofs, wildcards,
// DS from the parent side, REFUSED for zones a server does not serve, and DO=0.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeNSEC3, NSEC3_FLAG_OPT_OUT, decodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { RCODE } from "../../../src/dns/rr-types.ts";
import { TYPE } from "../../../src/dns/rdata.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";
import { listenerOf, summarise, typesOf } from "./helpers.ts";
import { rawDnsQuery } from "../../helpers/raw-dns-query.ts";

const ROOT = "198.51.100.1";
const TLD = "198.51.100.11";
const DNS_HOST = "192.0.2.53";
const DNS_HOST_V6 = "2001:db8:53::1";

describe("testnet authoritative servers", () => {
  let t: Testnet;
  before(async () => {
    t = await startTestnet(["secure-nsec", "unsigned-nsec", "unsigned-nsec3", "unsigned-optout", "wildcard-nsec", "wildcard-nsec3", "secure-nsec3"]);
  });
  after(async () => t.stop());

  it("refers from the root to a TLD with NS, DS, its RRSIG and glue", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, ROOT), "www.secure-nsec.test", "A");
    assert.equal(m.rcode, RCODE.NOERROR);
    assert.equal(m.flags.aa, false);
    assert.deepEqual(m.answers, []);
    assert.deepEqual(summarise(m.authorities), ["test NS", "test NS", "test DS", "test RRSIG(DS)"]);
    assert.deepEqual(typesOf(m.additionals), ["A", "AAAA"]);
  });

  it("answers DS for a child from the parent side, authoritatively", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, TLD), "secure-nsec.test", "DS");
    assert.equal(m.flags.aa, true);
    assert.deepEqual(summarise(m.answers), ["secure-nsec.test DS", "secure-nsec.test RRSIG(DS)"]);
  });

  it("proves an unsigned delegation with the NSEC at the cut", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, TLD), "www.unsigned.test", "A");
    assert.equal(m.flags.aa, false);
    assert.deepEqual(summarise(m.authorities), ["unsigned.test NS", "unsigned.test NS", "unsigned.test NSEC", "unsigned.test RRSIG(NSEC)"]);
  });

  it("proves an unsigned delegation with a matching NSEC3", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, TLD), "www.unsigned.nsec3", "A");
    const nsec3 = m.authorities.filter((r) => r.type === TYPE.NSEC3);
    assert.equal(nsec3.length, 1);
    assert.deepEqual(decodeNSEC3(nsec3[0]!.rdata).types, [TYPE.NS]);
  });

  it("proves an opted-out delegation with the closest provable encloser and an opt-out span", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, TLD), "unsigned.optout", "DS");
    assert.equal(m.flags.aa, true);
    const nsec3 = m.authorities.filter((r) => r.type === TYPE.NSEC3).map((r) => decodeNSEC3(r.rdata));
    // The apex NSEC3 may also be the one covering the next closer name (a small zone).
    assert.ok(nsec3.length >= 1 && nsec3.length <= 2);
    assert.ok(nsec3.some((d) => d.types.includes(TYPE.SOA)), "one NSEC3 matches the apex");
    assert.ok(nsec3.every((d) => (d.flags & NSEC3_FLAG_OPT_OUT) !== 0));
  });

  it("answers with RRSIGs when DO=1 and without any DNSSEC record when DO=0", async () => {
    const server = listenerOf(t, DNS_HOST);
    const { message: withDo } = await rawDnsQuery(server, "secure-nsec.test", "SOA");
    assert.equal(withDo.flags.aa, true);
    assert.deepEqual(typesOf(withDo.answers), ["RRSIG", "SOA"]);
    assert.equal(withDo.edns?.dnssecOk, true);
    const { message: withoutDo } = await rawDnsQuery(server, "no-such-name.secure-nsec.test", "A", { dnssecOk: false });
    assert.equal(withoutDo.rcode, RCODE.NXDOMAIN);
    assert.deepEqual(typesOf(withoutDo.authorities), ["SOA"]);
  });

  it("denies a name with NSEC records covering it and the wildcard", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, DNS_HOST), "no-such-name.secure-nsec.test", "A");
    assert.equal(m.rcode, RCODE.NXDOMAIN);
    assert.equal(m.flags.aa, true);
    assert.deepEqual(typesOf(m.authorities), ["NSEC", "RRSIG", "SOA"]);
    assert.equal(m.authorities.filter((r) => r.type === TYPE.NSEC).length, 2);
  });

  it("denies a name with the three NSEC3 records of RFC 5155 7.2.2", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, DNS_HOST), "a.b.no-such-name.secure-nsec3.nsec3", "A");
    assert.equal(m.rcode, RCODE.NXDOMAIN);
    const nsec3 = m.authorities.filter((r) => r.type === TYPE.NSEC3);
    // Closest encloser match, next closer cover, wildcard cover: one NSEC3 may serve twice.
    assert.ok(nsec3.length >= 2 && nsec3.length <= 3);
    assert.ok(nsec3.map((r) => decodeNSEC3(r.rdata)).some((d) => d.types.includes(TYPE.SOA)), "the apex is the closest encloser");
    assert.equal(m.authorities.filter((r) => r.type === TYPE.RRSIG).length, nsec3.length + 1);
  });

  it("answers NODATA at an empty non-terminal with a matching NSEC3", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, DNS_HOST), "empty.secure-nsec3.nsec3", "A");
    assert.equal(m.rcode, RCODE.NOERROR);
    assert.deepEqual(m.answers, []);
    const nsec3 = m.authorities.filter((r) => r.type === TYPE.NSEC3).map((r) => decodeNSEC3(r.rdata));
    assert.deepEqual(nsec3.map((d) => d.types), [[]]);
  });

  it("expands a wildcard with the wildcard's RRSIG and the proof that no closer name exists", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, DNS_HOST), "anything.wildcard.test", "AAAA");
    assert.deepEqual(summarise(m.answers), ["anything.wildcard.test AAAA", "anything.wildcard.test RRSIG(AAAA)"]);
    const sig = decodeRRSIG(m.answers.find((r) => r.type === TYPE.RRSIG)!.rdata);
    assert.equal(sig.labels, 2, "the RRSIG labels field shows the answer came from *.wildcard.test");
    assert.deepEqual(typesOf(m.authorities), ["NSEC", "RRSIG"]);
    const { message: m3 } = await rawDnsQuery(listenerOf(t, DNS_HOST), "deeper.anything.wildcard.nsec3", "A");
    assert.equal(m3.answers.filter((r) => r.type === TYPE.A).length, 1);
    assert.equal(m3.authorities.filter((r) => r.type === TYPE.NSEC3).length, 1);
  });

  it("follows a CNAME within the zone", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, DNS_HOST), "www.secure-nsec.test", "AAAA");
    assert.deepEqual(summarise(m.answers), [
      "www.secure-nsec.test CNAME", "www.secure-nsec.test RRSIG(CNAME)", "secure-nsec.test AAAA", "secure-nsec.test RRSIG(AAAA)",
    ]);
  });

  it("answers DS at a child apex from the child when the server does not serve the parent", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, DNS_HOST), "secure-nsec.test", "DS");
    assert.equal(m.rcode, RCODE.NOERROR);
    assert.deepEqual(m.answers, []);
    assert.ok(m.authorities.some((r) => r.type === TYPE.SOA && r.name === "secure-nsec.test"));
  });

  it("refuses names outside the zones it serves", async () => {
    const { message: m } = await rawDnsQuery(listenerOf(t, DNS_HOST), "www.example.org", "A");
    assert.equal(m.rcode, RCODE.REFUSED);
    assert.equal(m.flags.aa, false);
  });

  it("answers on the IPv6 loopback for a simulated IPv6 address, over UDP and TCP", async () => {
    for (const transport of ["udp", "tcp"] as const) {
      const { message: m } = await rawDnsQuery(listenerOf(t, DNS_HOST_V6), "secure-nsec.test", "SOA", { transport });
      assert.equal(m.rcode, RCODE.NOERROR);
      assert.equal(m.answers[0]?.type, TYPE.SOA);
    }
  });
});
