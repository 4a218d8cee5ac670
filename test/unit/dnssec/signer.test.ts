import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { compareCanonical, normaliseName } from "../../../src/dns/name.ts";
import { base32hexDecode } from "../../../src/dns/base32hex.ts";
import { decodeDNSKEY, decodeDS, decodeNSEC, decodeNSEC3, decodeNSEC3PARAM, decodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { encodeA } from "../../../src/dns/rdata.ts";
import { typeNumber } from "../../../src/dns/rr-types.ts";
import { formatZone, parseZoneText } from "../../../src/dns/zonefile.ts";
import { matchDs } from "../../../src/dnssec/ds-digest.ts";
import { nsec3Hash, nsec3HashLabel } from "../../../src/dnssec/nsec3-hash.ts";
import { dsRecordFor, generateSigningKey, signRrset, signZone } from "../../../src/dnssec/signer.ts";
import type { SignZoneOptions, SigningKey } from "../../../src/dnssec/signer.ts";
import { verifyRrsig } from "../../../src/dnssec/verify.ts";
import { keyTag } from "../../../src/dnssec/keytag.ts";

const T = (name: string) => typeNumber(name);
const NOW = 1_750_000_000;
const WINDOW = { inception: NOW - 3600, expiration: NOW + 14 * 86400 };

describe("generateSigningKey and signRrset, per algorithm", () => {
  const expectedKeySize: Record<number, number | undefined> = { 13: 64, 14: 96, 15: 32, 16: 57 };
  for (const algorithm of [5, 7, 8, 10, 13, 14, 15, 16]) {
    it(`algorithm ${algorithm}: signs, verifies, and detects tampering`, () => {
      const key = generateSigningKey(algorithm, { ksk: algorithm % 2 === 0 });
      assert.equal(key.algorithm, algorithm);
      assert.equal(key.flags, algorithm % 2 === 0 ? 257 : 256);
      assert.deepEqual(decodeDNSKEY(key.dnskeyRdata), key.dnskey);
      assert.equal(key.keyTag, keyTag(key.dnskeyRdata));
      if (expectedKeySize[algorithm]) assert.equal(key.dnskey.publicKey.length, expectedKeySize[algorithm]);
      if (algorithm === 8 || algorithm === 10) assert.equal(key.dnskey.publicKey.length, 1 + 3 + 256, "2048-bit modulus, exponent 65537");

      const rrset: ResourceRecord[] = [{ name: "www.example.nl", type: 1, class: 1, ttl: 300, rdata: encodeA("192.0.2.1") }];
      const rrsig = signRrset(rrset, key, { signerName: "example.nl", ...WINDOW });
      const sig = decodeRRSIG(rrsig.rdata);
      assert.deepEqual(
        { typeCovered: sig.typeCovered, algorithm: sig.algorithm, labels: sig.labels, originalTtl: sig.originalTtl, keyTag: sig.keyTag, signerName: sig.signerName },
        { typeCovered: 1, algorithm, labels: 3, originalTtl: 300, keyTag: key.keyTag, signerName: "example.nl" },
      );
      assert.equal(rrsig.ttl, 300);
      const dnskey: ResourceRecord = { name: "example.nl", type: 48, class: 1, ttl: 3600, rdata: key.dnskeyRdata };
      assert.deepEqual(verifyRrsig(rrset, rrsig, dnskey, NOW), { ok: true });
      const tampered = [{ ...rrset[0]!, rdata: encodeA("192.0.2.2") }];
      const result = verifyRrsig(tampered, rrsig, dnskey, NOW);
      assert.equal(result.ok ? "ok" : result.reason, "bad_signature");
    });
  }

  it("makes DS records that match the key, for digest types 1, 2 and 4", () => {
    const key = generateSigningKey(13, { ksk: true });
    for (const digestType of [1, 2, 4]) {
      const ds = dsRecordFor("Example.nl", key, digestType);
      assert.equal(decodeDS(ds.rdata).digestType, digestType);
      assert.deepEqual(matchDs(ds, "example.nl", key.dnskeyRdata), { match: true });
    }
    assert.throws(() => dsRecordFor("example.nl", key, 3), /unsupported DS digest type/);
  });

  it("refuses algorithms it cannot sign with", () => {
    assert.throws(() => generateSigningKey(12, { ksk: false }), /cannot sign/);
  });
});

const ZONE_TEXT = `$ORIGIN example.nl.
$TTL 3600
@          SOA   ns1 hostmaster 2024010101 7200 3600 1209600 300
           NS    ns1
           NS    ns.provider.net.
           MX    10 mail
ns1        A     192.0.2.1
mail       A     192.0.2.2
WWW        AAAA  2001:db8::1
*.wild     TXT   "wildcard"
a.b.c.ent  A     192.0.2.3
secure     NS    ns.secure
secure     DS    12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
ns.secure  A     192.0.2.4
insecure   NS    ns.insecure
ns.insecure A    192.0.2.5
x.y.optout NS    ns.provider.net.
dname      DNAME example.org.
below.dname A    192.0.2.6
; left over from an earlier signing: must be replaced, not kept
old        A     192.0.2.7
old        NSEC  example.nl. A RRSIG NSEC
`;

const AUTHORITATIVE = ["example.nl", "ns1.example.nl", "mail.example.nl", "www.example.nl", "*.wild.example.nl", "a.b.c.ent.example.nl", "dname.example.nl", "old.example.nl"];
const SECURE_DELEGATIONS = ["secure.example.nl"];
const INSECURE_DELEGATIONS = ["insecure.example.nl", "x.y.optout.example.nl"];
const NOT_AUTHORITATIVE = ["ns.secure.example.nl", "ns.insecure.example.nl", "below.dname.example.nl"];
const ENTS = ["c.ent.example.nl", "b.c.ent.example.nl", "ent.example.nl", "wild.example.nl"];
const OPT_OUT_ONLY_ENTS = ["optout.example.nl", "y.optout.example.nl"];

function sign(denial: SignZoneOptions["denial"], keys: { ksk: SigningKey[]; zsk: SigningKey[] }): ResourceRecord[] {
  return signZone("example.nl", parseZoneText(ZONE_TEXT), keys, { ...WINDOW, denial });
}

function byType(records: readonly ResourceRecord[], type: string): ResourceRecord[] {
  return records.filter((r) => r.type === T(type));
}

function rrsigsOver(records: readonly ResourceRecord[], name: string, type: string): ReturnType<typeof decodeRRSIG>[] {
  return byType(records, "RRSIG")
    .filter((r) => normaliseName(r.name) === normaliseName(name))
    .map((r) => decodeRRSIG(r.rdata))
    .filter((s) => s.typeCovered === T(type));
}

/** Every RRSIG in the signed zone verifies against its RRset and the zone's DNSKEY. */
function assertAllSignaturesVerify(records: readonly ResourceRecord[]): number {
  const dnskeys = byType(records, "DNSKEY");
  let count = 0;
  for (const rrsig of byType(records, "RRSIG")) {
    const sig = decodeRRSIG(rrsig.rdata);
    const rrset = records.filter((r) => r.type === sig.typeCovered && normaliseName(r.name) === normaliseName(rrsig.name));
    const key = dnskeys.find((k) => keyTag(k.rdata) === sig.keyTag)!;
    assert.deepEqual(verifyRrsig(rrset, rrsig, key, NOW), { ok: true }, `${rrsig.name} ${sig.typeCovered}`);
    count++;
  }
  return count;
}

describe("signZone with NSEC", () => {
  const ksk = generateSigningKey(13, { ksk: true });
  const zsk = generateSigningKey(13, { ksk: false });
  const signed = sign({ kind: "nsec" }, { ksk: [ksk], zsk: [zsk] });

  it("publishes the DNSKEY RRset, signed by the KSK only", () => {
    assert.deepEqual(byType(signed, "DNSKEY").map((r) => keyTag(r.rdata)).sort(), [ksk.keyTag, zsk.keyTag].sort());
    assert.deepEqual(rrsigsOver(signed, "example.nl", "DNSKEY").map((s) => s.keyTag), [ksk.keyTag]);
  });

  it("signs authoritative data and DS with the ZSK, and leaves delegation NS and glue unsigned", () => {
    for (const [name, type] of [["example.nl", "SOA"], ["example.nl", "NS"], ["example.nl", "MX"], ["www.example.nl", "AAAA"], ["*.wild.example.nl", "TXT"], ["secure.example.nl", "DS"], ["dname.example.nl", "DNAME"]] as const) {
      assert.deepEqual(rrsigsOver(signed, name, type).map((s) => s.keyTag), [zsk.keyTag], `${name} ${type}`);
    }
    for (const [name, type] of [["secure.example.nl", "NS"], ["insecure.example.nl", "NS"], ["ns.secure.example.nl", "A"], ["ns.insecure.example.nl", "A"], ["below.dname.example.nl", "A"]] as const) {
      assert.equal(rrsigsOver(signed, name, type).length, 0, `${name} ${type}`);
    }
    assert.equal(rrsigsOver(signed, "*.wild.example.nl", "TXT")[0]!.labels, 3);
  });

  it("builds a complete NSEC chain in canonical order that closes at the apex", () => {
    const nsecs = byType(signed, "NSEC");
    const owners = nsecs.map((r) => normaliseName(r.name));
    const expected = [...AUTHORITATIVE, ...SECURE_DELEGATIONS, ...INSECURE_DELEGATIONS].sort(compareCanonical);
    assert.deepEqual(owners, expected);
    nsecs.forEach((r, i) => {
      assert.equal(decodeNSEC(r.rdata).nextDomainName, expected[(i + 1) % expected.length]);
      assert.equal(r.ttl, 300, "NSEC TTL is the SOA minimum (RFC 9077)");
    });
    assert.ok(!owners.includes("ent.example.nl"), "no NSEC at empty non-terminals");
    for (const glue of NOT_AUTHORITATIVE) assert.ok(!owners.includes(glue), `no NSEC at ${glue}`);
  });

  it("lists the types present, and only NS/DS at delegations", () => {
    const typesAt = (name: string) => decodeNSEC(byType(signed, "NSEC").find((r) => normaliseName(r.name) === name)!.rdata).types;
    assert.deepEqual(typesAt("example.nl"), [T("NS"), T("SOA"), T("MX"), T("RRSIG"), T("NSEC"), T("DNSKEY")]);
    assert.deepEqual(typesAt("secure.example.nl"), [T("NS"), T("DS"), T("RRSIG"), T("NSEC")]);
    assert.deepEqual(typesAt("insecure.example.nl"), [T("NS"), T("RRSIG"), T("NSEC")]);
    assert.deepEqual(typesAt("old.example.nl"), [T("A"), T("RRSIG"), T("NSEC")]);
  });

  it("produces signatures that all verify, also after a trip through zone-file text", () => {
    const count = assertAllSignaturesVerify(signed);
    assert.ok(count >= 20, `${count} signatures`);
    assert.equal(assertAllSignaturesVerify(parseZoneText(formatZone(signed))), count);
  });
});

describe("signZone with NSEC3", () => {
  const ksk = generateSigningKey(15, { ksk: true });
  const zsk = generateSigningKey(15, { ksk: false });
  const salt = Uint8Array.of(0xab, 0xcd);

  function chainOf(records: readonly ResourceRecord[]) {
    return byType(records, "NSEC3").map((r) => ({
      owner: r.name, hash: base32hexDecode(r.name.split(".")[0]!), data: decodeNSEC3(r.rdata),
    }));
  }

  function assertClosedChain(chain: ReturnType<typeof chainOf>): void {
    chain.forEach((link, i) => {
      if (i > 0) assert.ok(Buffer.compare(chain[i - 1]!.hash, link.hash) < 0, "NSEC3 records in hash order");
      assert.deepEqual(Buffer.from(link.data.nextHashedOwner), Buffer.from(chain[(i + 1) % chain.length]!.hash));
    });
  }

  it("without opt-out: covers every authoritative name, delegation and empty non-terminal", () => {
    const signed = sign({ kind: "nsec3", iterations: 5, salt, optOut: false }, { ksk: [ksk], zsk: [zsk] });
    assert.equal(byType(signed, "NSEC").length, 0);
    const chain = chainOf(signed);
    const names = [...AUTHORITATIVE, ...SECURE_DELEGATIONS, ...INSECURE_DELEGATIONS, ...ENTS, ...OPT_OUT_ONLY_ENTS];
    assert.deepEqual(chain.map((c) => c.owner).sort(), names.map((n) => `${nsec3HashLabel(n, salt, 5)}.example.nl`).sort());
    assertClosedChain(chain);
    for (const link of chain) {
      assert.equal(link.data.flags, 0);
      assert.equal(link.data.iterations, 5);
      assert.deepEqual(Buffer.from(link.data.salt), Buffer.from(salt));
    }
    const typesAt = (name: string) => chain.find((c) => Buffer.compare(c.hash, nsec3Hash(name, salt, 5)) === 0)!.data.types;
    assert.deepEqual(typesAt("example.nl"), [T("NS"), T("SOA"), T("MX"), T("RRSIG"), T("DNSKEY"), T("NSEC3PARAM")]);
    assert.deepEqual(typesAt("ent.example.nl"), []);
    assert.deepEqual(typesAt("insecure.example.nl"), [T("NS")]);
    assert.deepEqual(typesAt("secure.example.nl"), [T("NS"), T("DS"), T("RRSIG")]);
    assert.deepEqual(decodeNSEC3PARAM(byType(signed, "NSEC3PARAM")[0]!.rdata), { hashAlgorithm: 1, flags: 0, iterations: 5, salt });
    assert.equal(rrsigsOver(signed, "example.nl", "NSEC3PARAM").length, 1);
    assertAllSignaturesVerify(signed);
  });

  it("with opt-out: leaves out insecure delegations and the empty non-terminals only they create", () => {
    const signed = sign({ kind: "nsec3", iterations: 0, salt: new Uint8Array(0), optOut: true }, { ksk: [ksk], zsk: [zsk] });
    const chain = chainOf(signed);
    const names = [...AUTHORITATIVE, ...SECURE_DELEGATIONS, ...ENTS];
    assert.deepEqual(chain.map((c) => c.owner).sort(), names.map((n) => `${nsec3HashLabel(n, new Uint8Array(0), 0)}.example.nl`).sort());
    assertClosedChain(chain);
    assert.ok(chain.every((c) => c.data.flags === 1));
    assertAllSignaturesVerify(signed);
  });
});

describe("signZone key and input handling", () => {
  it("signs every RRset with each algorithm in the DNSKEY RRset (RFC 4035 2.2)", () => {
    const keys = { ksk: [generateSigningKey(13, { ksk: true })], zsk: [generateSigningKey(15, { ksk: false })] };
    const signed = sign({ kind: "nsec" }, keys);
    assert.deepEqual(rrsigsOver(signed, "www.example.nl", "AAAA").map((s) => s.algorithm).sort(), [13, 15]);
    assert.deepEqual(rrsigsOver(signed, "example.nl", "DNSKEY").map((s) => s.algorithm).sort(), [13, 15]);
    assertAllSignaturesVerify(signed);
  });

  it("works with a single combined key", () => {
    const csk = generateSigningKey(13, { ksk: true });
    const signed = sign({ kind: "nsec" }, { ksk: [csk], zsk: [] });
    assert.ok(byType(signed, "RRSIG").every((r) => decodeRRSIG(r.rdata).keyTag === csk.keyTag));
    assertAllSignaturesVerify(signed);
  });

  it("signs the root zone, with NSEC3 owners directly under the root", () => {
    const root = parseZoneText(`. 86400 SOA a.root-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 86400
. 518400 NS a.root-servers.net.
nl. 172800 NS ns1.dns.nl.
nl. 86400 DS 34112 8 2 3C5B2FA3A2BD2C1CD3C6A2D9E3F6F9A1B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3
ns1.dns.nl. 172800 A 194.0.28.53
a.root-servers.net. 518400 A 198.41.0.4
`);
    const key = generateSigningKey(13, { ksk: true });
    for (const denial of [{ kind: "nsec" as const }, { kind: "nsec3" as const, iterations: 0, salt: new Uint8Array(0), optOut: false }]) {
      const signed = signZone(".", root, { ksk: [key], zsk: [] }, { ...WINDOW, denial });
      assert.equal(byType(signed, "DNSKEY")[0]!.name, ".");
      assert.equal(rrsigsOver(signed, ".", "SOA")[0]!.labels, 0);
      assert.equal(rrsigsOver(signed, ".", "SOA")[0]!.signerName, ".");
      assert.equal(rrsigsOver(signed, "nl", "DS").length, 1);
      assert.equal(rrsigsOver(signed, "ns1.dns.nl", "A").length, 0, "glue below nl. is not signed");
      if (denial.kind === "nsec3") assert.ok(byType(signed, "NSEC3").every((r) => /^[0-9a-v]{32}$/.test(r.name)));
      else assert.deepEqual(byType(signed, "NSEC").map((r) => r.name), [".", "a.root-servers.net", "nl"]);
      assertAllSignaturesVerify(signed);
    }
  });

  it("refuses records outside the zone, a zone without SOA, and no keys", () => {
    const key = generateSigningKey(15, { ksk: true });
    const soa = parseZoneText("example.nl. 3600 SOA ns.example.nl. hm.example.nl. 1 2 3 4 5");
    assert.throws(() => signZone("example.nl", [...soa, { name: "example.org", type: 1, class: 1, ttl: 1, rdata: encodeA("192.0.2.1") }], { ksk: [key], zsk: [] }, { ...WINDOW, denial: { kind: "nsec" } }), /outside the zone/);
    assert.throws(() => signZone("example.nl", [], { ksk: [key], zsk: [] }, { ...WINDOW, denial: { kind: "nsec" } }), /no SOA/);
    assert.throws(() => signZone("example.nl", soa, { ksk: [], zsk: [] }, { ...WINDOW, denial: { kind: "nsec" } }), /at least one key/);
  });
});
