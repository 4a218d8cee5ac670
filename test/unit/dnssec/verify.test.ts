import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { decodeRRSIG, encodeDNSKEY, encodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { encodeA, encodeMX } from "../../../src/dns/rdata.ts";
import { keyTag } from "../../../src/dnssec/keytag.ts";
import { importDnskeyPublicKey } from "../../../src/dnssec/public-key.ts";
import { checkValidityWindow, compareSerial, toRrsigTime } from "../../../src/dnssec/rrsig-time.ts";
import { generateSigningKey, signRrset } from "../../../src/dnssec/signer.ts";
import type { SigningKey } from "../../../src/dnssec/signer.ts";
import { verifyRrsig } from "../../../src/dnssec/verify.ts";
import type { VerifyResult } from "../../../src/dnssec/verify.ts";

const NOW = 1_750_000_000;
const WINDOW = { signerName: "example.nl", inception: NOW - 3600, expiration: NOW + 86400 };

const a = (name: string, address: string, ttl = 300): ResourceRecord => ({ name, type: 1, class: 1, ttl, rdata: encodeA(address) });
const dnskeyOf = (key: SigningKey, owner = "example.nl"): ResourceRecord => ({ name: owner, type: 48, class: 1, ttl: 3600, rdata: key.dnskeyRdata });
const reason = (r: VerifyResult) => (r.ok ? "ok" : r.reason);

/** A key whose DNSKEY has other flags or protocol, with the key tag recomputed so it still matches. */
function withDnskeyFields(key: SigningKey, fields: { flags?: number; protocol?: number }): SigningKey {
  const dnskey = { ...key.dnskey, ...fields };
  const dnskeyRdata = encodeDNSKEY(dnskey);
  return { ...key, flags: dnskey.flags, dnskey, dnskeyRdata, keyTag: keyTag(dnskeyRdata) };
}

describe("verifyRrsig", () => {
  const key = generateSigningKey(15, { ksk: false });
  const other = generateSigningKey(15, { ksk: false });
  const rrset = [a("www.example.nl", "192.0.2.1"), a("www.example.nl", "192.0.2.2")];
  const rrsig = signRrset(rrset, key, WINDOW);
  const dnskey = dnskeyOf(key);

  it("accepts a good signature, whatever the record order, owner case, TTLs and duplicates", () => {
    assert.deepEqual(verifyRrsig(rrset, rrsig, dnskey, NOW), { ok: true });
    const shuffled = [a("WWW.Example.NL", "192.0.2.2", 17), a("www.example.nl", "192.0.2.1", 17), a("www.example.nl", "192.0.2.1", 17)];
    assert.deepEqual(verifyRrsig(shuffled, rrsig, dnskey, NOW), { ok: true });
  });

  it("reports changed data and a changed signature as bad_signature", () => {
    assert.equal(reason(verifyRrsig([a("www.example.nl", "192.0.2.1"), a("www.example.nl", "192.0.2.3")], rrsig, dnskey, NOW)), "bad_signature");
    assert.equal(reason(verifyRrsig([rrset[0]!], rrsig, dnskey, NOW)), "bad_signature");
    const sig = decodeRRSIG(rrsig.rdata);
    const flipped = Uint8Array.from(sig.signature);
    flipped[5]! ^= 0x01;
    assert.equal(reason(verifyRrsig(rrset, { ...rrsig, rdata: encodeRRSIG({ ...sig, signature: flipped }) }, dnskey, NOW)), "bad_signature");
    // A changed original TTL is signed data too.
    assert.equal(reason(verifyRrsig(rrset, { ...rrsig, rdata: encodeRRSIG({ ...sig, originalTtl: 301 }) }, dnskey, NOW)), "bad_signature");
    assert.equal(reason(verifyRrsig(rrset, { ...rrsig, rdata: encodeRRSIG({ ...sig, signature: sig.signature.subarray(1) }) }, dnskey, NOW)), "bad_signature");
  });

  it("reports the validity window with both times in the detail", () => {
    const late = verifyRrsig(rrset, rrsig, dnskey, WINDOW.expiration + 1);
    assert.equal(reason(late), "expired");
    assert.ok(!late.ok && late.detail.includes(new Date(WINDOW.expiration * 1000).toISOString().replace(".000Z", "Z")), !late.ok ? late.detail : "");
    const early = verifyRrsig(rrset, rrsig, dnskey, WINDOW.inception - 1);
    assert.equal(reason(early), "not_yet_valid");
    assert.ok(!early.ok && early.detail.includes(new Date(WINDOW.inception * 1000).toISOString().replace(".000Z", "Z")));
    // The window includes both ends (RFC 4035 5.3.1).
    assert.deepEqual(verifyRrsig(rrset, rrsig, dnskey, WINDOW.inception), { ok: true });
    assert.deepEqual(verifyRrsig(rrset, rrsig, dnskey, WINDOW.expiration), { ok: true });
  });

  it("reports a signature by another key, or a key of another zone, as key_mismatch", () => {
    assert.equal(reason(verifyRrsig(rrset, rrsig, dnskeyOf(other), NOW)), "key_mismatch");
    assert.equal(reason(verifyRrsig(rrset, rrsig, dnskeyOf(key, "other.nl"), NOW)), "key_mismatch");
    assert.equal(reason(verifyRrsig(rrset, rrsig, { ...dnskey, class: 3 }, NOW)), "key_mismatch");
  });

  it("requires the Zone Key flag and protocol 3 (RFC 4034 2.1)", () => {
    for (const fields of [{ flags: 0 }, { flags: 1 }, { protocol: 2 }]) {
      const odd = withDnskeyFields(key, fields);
      const sig = signRrset(rrset, odd, WINDOW);
      const result = verifyRrsig(rrset, sig, dnskeyOf(odd), NOW);
      assert.equal(reason(result), "key_mismatch", JSON.stringify(fields));
      assert.ok(!result.ok && /Zone Key flag|protocol/.test(result.detail));
    }
  });

  it("reports an RRSIG that does not belong to the RRset as rrset_mismatch", () => {
    const sig = decodeRRSIG(rrsig.rdata);
    assert.equal(reason(verifyRrsig([a("mail.example.nl", "192.0.2.1")], rrsig, dnskey, NOW)), "rrset_mismatch");
    assert.equal(reason(verifyRrsig(rrset, { ...rrsig, rdata: encodeRRSIG({ ...sig, typeCovered: 28 }) }, dnskey, NOW)), "rrset_mismatch");
    assert.equal(reason(verifyRrsig(rrset, { ...rrsig, rdata: encodeRRSIG({ ...sig, labels: 4 }) }, dnskey, NOW)), "rrset_mismatch");
    assert.equal(reason(verifyRrsig([...rrset, { ...rrset[0]!, type: 28 }], rrsig, dnskey, NOW)), "rrset_mismatch");
    assert.equal(reason(verifyRrsig([], rrsig, dnskey, NOW)), "rrset_mismatch");
    // A signer that is not an ancestor of the owner (here: a sibling zone).
    const foreign = signRrset(rrset, key, { ...WINDOW, signerName: "example.org" });
    assert.equal(reason(verifyRrsig(rrset, foreign, dnskeyOf(key, "example.org"), NOW)), "rrset_mismatch");
  });

  it("verifies a wildcard expansion from the labels field, and rejects it under another name", () => {
    const wildcard = [{ name: "*.example.nl", type: 15, class: 1, ttl: 300, rdata: encodeMX(10, "mx.example.nl") }];
    const sig = signRrset(wildcard, key, WINDOW);
    assert.equal(decodeRRSIG(sig.rdata).labels, 2);
    const expanded = [{ ...wildcard[0]!, name: "anything.deep.example.nl" }];
    assert.deepEqual(verifyRrsig(expanded, { ...sig, name: "anything.deep.example.nl" }, dnskey, NOW), { ok: true });
    const exact = signRrset([{ ...wildcard[0]!, name: "x.example.nl" }], key, WINDOW);
    assert.equal(reason(verifyRrsig([{ ...wildcard[0]!, name: "y.example.nl" }], { ...exact, name: "y.example.nl" }, dnskey, NOW)), "bad_signature");
  });

  it("reports unsupported algorithms without trying them", () => {
    for (const algorithm of [1, 3, 6, 12, 253]) {
      const rdata = encodeDNSKEY({ flags: 256, protocol: 3, algorithm, publicKey: Uint8Array.of(1, 3, 1, 0, 1, 9, 9, 9) });
      const sig = decodeRRSIG(rrsig.rdata);
      const odd = { ...rrsig, rdata: encodeRRSIG({ ...sig, algorithm, keyTag: keyTag(rdata) }) };
      assert.equal(reason(verifyRrsig(rrset, odd, { ...dnskey, rdata }, NOW)), "unsupported_algorithm", String(algorithm));
    }
  });

  it("reports undecodable records and unusable public keys as malformed", () => {
    assert.equal(reason(verifyRrsig(rrset, { ...rrsig, rdata: rrsig.rdata.subarray(0, 10) }, dnskey, NOW)), "malformed");
    assert.equal(reason(verifyRrsig(rrset, { ...rrsig, type: 1 }, dnskey, NOW)), "malformed");
    assert.equal(reason(verifyRrsig(rrset, rrsig, { ...dnskey, rdata: Uint8Array.of(1, 0) }, NOW)), "malformed");
    // A P-256 "key" of the wrong length, and one that is not a point on the curve.
    for (const publicKey of [new Uint8Array(63).fill(1), new Uint8Array(64).fill(1)]) {
      const rdata = encodeDNSKEY({ flags: 256, protocol: 3, algorithm: 13, publicKey });
      const sig = decodeRRSIG(rrsig.rdata);
      const odd = { ...rrsig, rdata: encodeRRSIG({ ...sig, algorithm: 13, keyTag: keyTag(rdata), signature: new Uint8Array(64) }) };
      assert.equal(reason(verifyRrsig(rrset, odd, { ...dnskey, rdata }, NOW)), "malformed");
    }
  });

  it("imports each public key once (the cache hands back the same KeyObject)", () => {
    const first = importDnskeyPublicKey(key.algorithm, key.dnskey.publicKey);
    const second = importDnskeyPublicKey(key.algorithm, Uint8Array.from(key.dnskey.publicKey));
    assert.ok(first.ok && second.ok);
    assert.equal(first.key, second.key);
  });
});

describe("RRSIG times in serial arithmetic (RFC 1982, RFC 4034 3.1.5)", () => {
  it("compares across the 32-bit wrap", () => {
    assert.equal(compareSerial(5, 3), 1);
    assert.equal(compareSerial(3, 5), -1);
    assert.equal(compareSerial(7, 7), 0);
    assert.equal(compareSerial(10, 2 ** 32 - 10), 1, "just after the wrap is later");
    assert.equal(compareSerial(2 ** 32 - 10, 10), -1);
  });

  it("keeps signatures valid when their window spans the year-2106 wrap", () => {
    const wrap = 2 ** 32;
    assert.equal(toRrsigTime(wrap + 5), 5);
    assert.deepEqual(checkValidityWindow(toRrsigTime(wrap - 1000), toRrsigTime(wrap + 1000), wrap + 10), { ok: true });
    assert.equal(checkValidityWindow(toRrsigTime(wrap - 1000), toRrsigTime(wrap + 1000), wrap + 2000).ok, false);
    const key = generateSigningKey(13, { ksk: false });
    const rrset = [a("www.example.nl", "192.0.2.1")];
    const rrsig = signRrset(rrset, key, { signerName: "example.nl", inception: wrap - 1000, expiration: wrap + 1000 });
    assert.deepEqual(verifyRrsig(rrset, rrsig, dnskeyOf(key), wrap + 10), { ok: true });
    assert.equal(reason(verifyRrsig(rrset, rrsig, dnskeyOf(key), wrap + 1001)), "expired");
  });
});
