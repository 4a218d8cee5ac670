import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { compareCanonical, nameToWire } from "../../../src/dns/name.ts";
import { decodeNSEC, decodeRRSIG, encodeNSEC, encodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { decodeMX, decodeSOA, encodeMX, encodeSOA } from "../../../src/dns/rdata.ts";
import { typeNumber } from "../../../src/dns/rr-types.ts";
import { parseZoneText } from "../../../src/dns/zonefile.ts";
import {
  canonicalRdata, canonicalRdataSet, rrsigLabelCount, signedData, signedOwnerName, wildcardSource,
} from "../../../src/dnssec/canonical.ts";

const rr = (name: string, type: string, rdata: Uint8Array, ttl = 3600): ResourceRecord => ({ name, type: typeNumber(type), class: 1, ttl, rdata });

describe("canonical name order (RFC 4034 6.1)", () => {
  // The example list of RFC 4034 section 6.1, in its canonical order.
  const RFC4034_6_1 = ["example", "a.example", "yljkjljk.a.example", "Z.a.example", "zABC.a.EXAMPLE", "z.example", "\\001.z.example", "*.z.example", "\\200.z.example"];

  it("sorts the RFC example list into the RFC's order from any starting order", () => {
    for (const start of [[...RFC4034_6_1].reverse(), [...RFC4034_6_1].sort(), [4, 8, 0, 2, 6, 1, 7, 3, 5].map((i) => RFC4034_6_1[i]!)]) {
      assert.deepEqual(start.sort(compareCanonical), RFC4034_6_1);
    }
  });
});

describe("canonical RDATA (RFC 4034 6.2 with RFC 6840 5.1)", () => {
  it("lower-cases names in the RDATA of the listed types", () => {
    assert.equal(decodeMX(canonicalRdata(15, encodeMX(10, "Mail.EXAMPLE"))).exchange, "mail.example");
    const soa = decodeSOA(canonicalRdata(6, encodeSOA({ mname: "NS1.Example", rname: "Host.Master", serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 })));
    assert.equal(soa.mname, "ns1.example");
    assert.equal(soa.rname, "host.master");
    assert.equal(soa.serial, 1);
    const [srv, naptr, cname] = parseZoneText(
      "x. 1 SRV 1 2 3 SIP.Example.\n" +
      "x. 1 NAPTR \\# 24 000a0064 0155 074532552b736970 00 034E4150034F524700\n" +
      "x. 1 CNAME Target.Example.\n",
    );
    assert.deepEqual(Buffer.from(canonicalRdata(srv!.type, srv!.rdata)).subarray(6), Buffer.from(nameToWire("sip.example")));
    // NAPTR: the flags/services/regexp character-strings keep their case, the replacement name does not.
    assert.deepEqual(Buffer.from(canonicalRdata(naptr!.type, naptr!.rdata)).toString("hex"), "000a0064" + "0155" + "074532552b736970" + "00" + "036e6170036f726700");
    assert.deepEqual(Buffer.from(canonicalRdata(cname!.type, cname!.rdata)), Buffer.from(nameToWire("target.example")));
  });

  it("keeps the case of the NSEC next name (RFC 6840 5.1) but lower-cases the RRSIG signer", () => {
    const nsec = encodeNSEC({ nextDomainName: "Host.Example", types: [1] });
    assert.equal(decodeNSEC(canonicalRdata(47, nsec)).nextDomainName, "Host.Example");
    const sig = encodeRRSIG({ typeCovered: 1, algorithm: 8, labels: 2, originalTtl: 1, expiration: 2, inception: 1, keyTag: 1, signerName: "EXAMPLE.com", signature: Uint8Array.of(1) });
    assert.equal(decodeRRSIG(canonicalRdata(46, sig)).signerName, "example.com");
  });

  it("leaves other types alone, including text that looks like names", () => {
    const txt = Uint8Array.of(3, 0x41, 0x42, 0x43);
    assert.deepEqual(canonicalRdata(16, txt), txt);
    assert.deepEqual(canonicalRdata(65280, Uint8Array.of(1, 0x41, 0)), Uint8Array.of(1, 0x41, 0));
  });

  it("sorts an RRset's RDATA as octet strings and drops duplicates, also those differing only in name case", () => {
    const set = [rr("x", "NS", nameToWire("b.example")), rr("x", "NS", nameToWire("A.example")), rr("x", "NS", nameToWire("a.example")), rr("x", "NS", nameToWire("ab.example"))];
    const sorted = canonicalRdataSet(set).map((rd) => Buffer.from(rd).toString("hex"));
    // Octet order of the wire form, not name order: the length octet of "ab" sorts it last.
    assert.deepEqual(sorted, [nameToWire("a.example"), nameToWire("b.example"), nameToWire("ab.example")].map((w) => Buffer.from(w).toString("hex")));
    // Shorter first when one is a prefix of the other.
    assert.deepEqual(canonicalRdataSet([rr("x", "TXT", Uint8Array.of(2, 0x61, 0x61)), rr("x", "TXT", Uint8Array.of(1, 0x61))]).map((r) => r.length), [2, 3]);
  });
});

describe("owner names and wildcards (RFC 4034 3.1.3, RFC 4035 5.3.2)", () => {
  it("counts labels without the root and without a leading '*'", () => {
    assert.equal(rrsigLabelCount("."), 0);
    assert.equal(rrsigLabelCount("example"), 1);
    assert.equal(rrsigLabelCount("www.example.com"), 3);
    assert.equal(rrsigLabelCount("*.w.example"), 2);
  });

  it("rebuilds the wildcard owner from the labels field", () => {
    assert.equal(signedOwnerName("a.z.w.example", 2), "*.w.example");
    assert.equal(signedOwnerName("A.Z.W.Example", 1), "*.example");
    assert.equal(signedOwnerName("*.w.example", 2), "*.w.example");
    assert.equal(signedOwnerName("WWW.Example", 2), "www.example");
    assert.equal(wildcardSource("a.z.w.example", 2), "*.w.example");
    assert.equal(wildcardSource("x.w.example", 3), undefined);
    assert.equal(wildcardSource("*.w.example", 2), undefined);
  });

  it("signs the same octets whatever the owner case, record order, duplicates and TTLs", () => {
    const sig = { typeCovered: 2, algorithm: 13, labels: 2, originalTtl: 3600, expiration: 2000, inception: 1000, keyTag: 7, signerName: "Example", signature: new Uint8Array(0) };
    const a = signedData([rr("www.example", "NS", nameToWire("ns1.example"), 60), rr("www.example", "NS", nameToWire("ns2.example"), 60)], sig);
    const b = signedData([rr("WWW.EXAMPLE", "NS", nameToWire("NS2.example")), rr("www.Example", "NS", nameToWire("ns1.example")), rr("www.example", "NS", nameToWire("ns1.EXAMPLE"))], sig);
    assert.deepEqual(Buffer.from(a), Buffer.from(b));
    // RRSIG RDATA without signature (18 octets + "example"), then two RRs with TTL 3600.
    const head = encodeRRSIG({ ...sig, signerName: "example" });
    assert.deepEqual(Buffer.from(a.subarray(0, head.length)), Buffer.from(head));
    const firstRr = Buffer.from(a.subarray(head.length));
    assert.deepEqual(firstRr.subarray(0, 13), Buffer.from(nameToWire("www.example")));
    assert.equal(firstRr.readUInt16BE(13), 2);
    assert.equal(firstRr.readUInt32BE(17), 3600);
  });

  it("signs a wildcard expansion as the wildcard owner", () => {
    const sig = { typeCovered: 15, algorithm: 13, labels: 2, originalTtl: 3600, expiration: 2000, inception: 1000, keyTag: 7, signerName: "example", signature: new Uint8Array(0) };
    const expanded = signedData([rr("a.z.w.example", "MX", encodeMX(1, "ai.example"))], sig);
    const atWildcard = signedData([rr("*.w.example", "MX", encodeMX(1, "ai.example"))], sig);
    assert.deepEqual(Buffer.from(expanded), Buffer.from(atWildcard));
  });
});
