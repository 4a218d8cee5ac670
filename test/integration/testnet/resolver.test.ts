// The simulated recursive resolver over real sockets: RA=1, answers from the deepest zone,
// DS from the parent side, CNAMEs followed across zones, SERVFAIL for a zone whose servers
// all fail, NXDOMAIN from the signed root for names outside the world, TC=1 then TCP.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TYPE } from "../../../src/dns/rdata.ts";
import { RCODE } from "../../../src/dns/rr-types.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";
import { summarise, typesOf } from "./helpers.ts";
import { rawDnsQuery } from "../../helpers/raw-dns-query.ts";
import type { RawQueryOptions } from "../../helpers/raw-dns-query.ts";

describe("testnet resolver", () => {
  let t: Testnet;
  before(async () => {
    t = await startTestnet(["secure-nsec", "cname-to-secure", "cname-to-insecure", "ns-all-failing", "algorithm-10"]);
  });
  after(async () => t.stop());

  const resolverAsk = async (name: string, type: string, opts: RawQueryOptions = {}) =>
    (await rawDnsQuery(t.resolver, name, type, { rd: true, cd: true, ...opts })).message;

  it("answers like a recursive resolver: RA=1, AA=0, with the RRSIGs", async () => {
    const m = await resolverAsk("secure-nsec.test", "SOA");
    assert.equal(m.rcode, RCODE.NOERROR);
    assert.equal(m.flags.ra, true);
    assert.equal(m.flags.aa, false);
    assert.equal(m.flags.cd, true);
    assert.deepEqual(typesOf(m.answers), ["RRSIG", "SOA"]);
  });

  it("answers DS from the parent zone and DNSKEY from the child", async () => {
    const ds = await resolverAsk("secure-nsec.test", "DS");
    assert.deepEqual(summarise(ds.answers), ["secure-nsec.test DS", "secure-nsec.test RRSIG(DS)"]);
    const keys = await resolverAsk("secure-nsec.test", "DNSKEY");
    assert.deepEqual(typesOf(keys.answers), ["DNSKEY", "RRSIG"]);
  });

  it("follows a CNAME into another zone", async () => {
    const m = await resolverAsk("www.cname-to-secure.test", "AAAA");
    assert.deepEqual(summarise(m.answers), [
      "www.cname-to-secure.test CNAME", "www.cname-to-secure.test RRSIG(CNAME)",
      "www.cname-target.nsec3 AAAA", "www.cname-target.nsec3 RRSIG(AAAA)",
    ]);
  });

  it("ends a CNAME chain in the target zone's negative answer", async () => {
    const m = await resolverAsk("www.cname-to-insecure.test", "TXT");
    assert.equal(m.rcode, RCODE.NOERROR);
    assert.deepEqual(typesOf(m.answers), ["CNAME", "RRSIG"]);
    assert.deepEqual(summarise(m.authorities), ["cname-target-unsigned.test SOA"]);
  });

  it("answers SERVFAIL for a zone whose name servers all fail", async () => {
    const m = await resolverAsk("ns-all-failing.test", "SOA");
    assert.equal(m.rcode, RCODE.SERVFAIL);
    assert.deepEqual(m.answers, []);
    // The parent still answers for the DS side of the cut.
    const ds = await resolverAsk("ns-all-failing.test", "DS");
    assert.equal(ds.rcode, RCODE.NOERROR);
  });

  it("answers NXDOMAIN from the signed root for names outside the world", async () => {
    const m = await resolverAsk("www.example.com", "A");
    assert.equal(m.rcode, RCODE.NXDOMAIN);
    assert.ok(m.authorities.some((r) => r.type === TYPE.SOA && r.name === "."));
    assert.ok(m.authorities.some((r) => r.type === TYPE.NSEC));
  });

  it("sets TC=1 when the answer exceeds the client's EDNS size, and answers in full over TCP", async () => {
    const udp = await resolverAsk("large-txt.secure-nsec.test", "TXT");
    assert.equal(udp.flags.tc, true);
    assert.deepEqual(udp.answers, []);
    const tcp = await resolverAsk("large-txt.secure-nsec.test", "TXT", { transport: "tcp" });
    assert.equal(tcp.flags.tc, false);
    assert.deepEqual(typesOf(tcp.answers), ["RRSIG", "TXT"]);
  });

  it("applies the 512-octet limit to a query without EDNS", async () => {
    const udp = await resolverAsk("rsasha512.test", "DNSKEY", { edns: false });
    assert.equal(udp.flags.tc, true);
    assert.equal(udp.edns, undefined);
    const bigger = await resolverAsk("rsasha512.test", "DNSKEY", { udpPayloadSize: 4096 });
    assert.equal(bigger.flags.tc, false);
    assert.deepEqual(typesOf(bigger.answers), ["DNSKEY", "RRSIG"]);
  });
});
