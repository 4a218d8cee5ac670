// The published examples of RFC 4035, 5155, 5702, 6605 and 8080, checked against verify.ts
// and, where the RFC prints the private key, against the signer as well.

import assert from "node:assert/strict";
import { createECDH, createPrivateKey } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { namesEqual } from "../../../src/dns/name.ts";
import { decodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { signingKeyFromPrivateKey, signRrset } from "../../../src/dnssec/signer.ts";
import { verifyRrsig } from "../../../src/dnssec/verify.ts";
import { dnskeyWithTag, loadVector, rrsetOf, TYPE_RRSIG, unix } from "./helpers.ts";

interface Checked { owner: string; covered: number; keyTag: number }

/** Verifies every RRSIG in `records` against the RRset it covers and the DNSKEY it names. */
function verifyAll(records: readonly ResourceRecord[], now: number): Checked[] {
  const checked: Checked[] = [];
  for (const rrsig of records.filter((r) => r.type === TYPE_RRSIG)) {
    const sig = decodeRRSIG(rrsig.rdata);
    const rrset = rrsetOf(records, rrsig.name, sig.typeCovered);
    const result = verifyRrsig(rrset, rrsig, dnskeyWithTag(records, sig.keyTag), now);
    assert.deepEqual(result, { ok: true }, `${rrsig.name} RRSIG ${sig.typeCovered} by ${sig.keyTag}`);
    checked.push({ owner: rrsig.name, covered: sig.typeCovered, keyTag: sig.keyTag });
  }
  return checked;
}

const PRIVATE_KEYS: { algorithm: number; keyTag: number; privateKey: string }[] =
  JSON.parse(readFileSync(new URL("./vectors/rfc-private-keys.json", import.meta.url), "utf8")).keys;

/** A KeyObject from the raw private key the RFCs print (EC scalar, or RFC 8032 private key). */
function importRfcPrivateKey(algorithm: number, base64: string): KeyObject {
  const raw = Buffer.from(base64, "base64");
  if (algorithm === 13 || algorithm === 14) {
    const ecdh = createECDH(algorithm === 13 ? "prime256v1" : "secp384r1");
    ecdh.setPrivateKey(raw);
    const point = ecdh.getPublicKey(); // 0x04 | x | y
    const size = (point.length - 1) / 2;
    return createPrivateKey({
      format: "jwk",
      key: {
        kty: "EC", crv: algorithm === 13 ? "P-256" : "P-384", d: raw.toString("base64url"),
        x: point.subarray(1, 1 + size).toString("base64url"), y: point.subarray(1 + size).toString("base64url"),
      },
    });
  }
  // PKCS #8 wrapping of a raw EdDSA private key (RFC 8410 section 7): fixed DER prefix + key.
  const prefix = algorithm === 15 ? "302e020100300506032b657004220420" : "3047020100300506032b6571043b0439";
  return createPrivateKey({ key: Buffer.concat([Buffer.from(prefix, "hex"), raw]), format: "der", type: "pkcs8" });
}

describe("RFC 4035 Appendices A and B (RSASHA1)", () => {
  const zone = [...loadVector("rfc4035-appendix-a.zone"), ...loadVector("rfc4035-appendix-b6-wildcard.txt")];
  const inWindow = unix("2004-04-20T00:00:00Z");

  it("verifies all 20 signatures of the example zone inside their validity window", () => {
    const checked = verifyAll(zone, inWindow);
    assert.equal(checked.length, 20);
    assert.deepEqual(new Set(checked.map((c) => c.keyTag)), new Set([38519, 9465]));
  });

  it("verifies the B.6 answer synthesised from the wildcard *.w.example", () => {
    const [rrsig] = rrsetOf(zone, "a.z.w.example", TYPE_RRSIG);
    assert.equal(decodeRRSIG(rrsig!.rdata).labels, 2);
    assert.deepEqual(verifyRrsig(rrsetOf(zone, "a.z.w.example", "MX"), rrsig!, dnskeyWithTag(zone, 38519), inWindow), { ok: true });
  });

  it("reports every signature expired a month later, and not yet valid a week before", () => {
    for (const rrsig of zone.filter((r) => r.type === TYPE_RRSIG)) {
      const sig = decodeRRSIG(rrsig.rdata);
      const rrset = rrsetOf(zone, rrsig.name, sig.typeCovered);
      const key = dnskeyWithTag(zone, sig.keyTag);
      const late = verifyRrsig(rrset, rrsig, key, unix("2004-06-09T00:00:00Z"));
      assert.equal(late.ok ? "ok" : late.reason, "expired");
      const early = verifyRrsig(rrset, rrsig, key, unix("2004-04-02T00:00:00Z"));
      assert.equal(early.ok ? "ok" : early.reason, "not_yet_valid");
    }
  });

  it("does not accept the ZSK's signature over the DNSKEY RRset as the KSK's", () => {
    const [byZsk] = rrsetOf(zone, "example", TYPE_RRSIG).filter((r) => decodeRRSIG(r.rdata).typeCovered === 48 && decodeRRSIG(r.rdata).keyTag === 38519);
    const result = verifyRrsig(rrsetOf(zone, "example", "DNSKEY"), byZsk!, dnskeyWithTag(zone, 9465), inWindow);
    assert.equal(result.ok ? "ok" : result.reason, "key_mismatch");
  });
});

describe("RFC 5155 Appendix A (RSASHA1-NSEC3-SHA1)", () => {
  it("verifies the DNSKEY, NSEC3PARAM and apex NSEC3 signatures", () => {
    const checked = verifyAll(loadVector("rfc5155-appendix-a.zone"), unix("2010-01-01T00:00:00Z"));
    assert.deepEqual(checked.map((c) => c.covered), [48, 51, 50]);
  });
});

describe("RFC 5702 section 6 (RSASHA256, RSASHA512)", () => {
  it("verifies both example signatures", () => {
    const checked = verifyAll(loadVector("rfc5702-section-6.zone"), unix("2020-01-01T00:00:00Z"));
    assert.deepEqual(checked.map((c) => c.keyTag), [9033, 3740]);
  });

  it("does not check the RSASHA256 signature against the RSASHA512 key", () => {
    const zone = loadVector("rfc5702-section-6.zone");
    const [sig256] = rrsetOf(zone, "www.example.net", TYPE_RRSIG);
    const result = verifyRrsig(rrsetOf(zone, "www.example.net", "A"), sig256!, dnskeyWithTag(zone, 3740), unix("2020-01-01T00:00:00Z"));
    assert.equal(result.ok ? "ok" : result.reason, "key_mismatch");
  });
});

describe("RFC 6605 section 6 (ECDSA P-256, P-384)", () => {
  const zone = loadVector("rfc6605-section-6.zone");

  it("verifies both example signatures", () => {
    const checked = verifyAll(zone, unix("2010-09-01T00:00:00Z"));
    assert.deepEqual(checked.map((c) => c.keyTag), [55648, 10771]);
  });

  for (const { algorithm, keyTag, privateKey } of PRIVATE_KEYS.filter((k) => k.algorithm === 13 || k.algorithm === 14)) {
    it(`derives DNSKEY ${keyTag} from the printed private key, and its new signatures verify`, () => {
      const key = signingKeyFromPrivateKey(algorithm, importRfcPrivateKey(algorithm, privateKey), { ksk: true });
      const published = dnskeyWithTag(zone, keyTag);
      assert.equal(key.keyTag, keyTag);
      assert.deepEqual(Buffer.from(key.dnskeyRdata), Buffer.from(published.rdata));
      const rrset = rrsetOf(zone, "www.example.net", "A");
      const rrsig = signRrset(rrset, key, { signerName: "example.net", inception: unix("2010-08-12T10:04:39Z"), expiration: unix("2010-09-09T10:04:39Z") });
      assert.deepEqual(verifyRrsig(rrset, rrsig, published, unix("2010-09-01T00:00:00Z")), { ok: true });
    });
  }
});

describe("RFC 8080 section 6 (Ed25519, Ed448), with Errata 4935", () => {
  const zone = loadVector("rfc8080-section-6.zone");
  const now = unix("2015-08-01T00:00:00Z");

  it("verifies the four corrected example signatures", () => {
    const checked = verifyAll(zone, now);
    assert.deepEqual(checked.map((c) => c.keyTag), [3613, 35217, 9713, 38353]);
  });

  for (const { algorithm, keyTag, privateKey } of PRIVATE_KEYS.filter((k) => k.algorithm === 15 || k.algorithm === 16)) {
    it(`reproduces key ${keyTag} and its signature byte for byte (EdDSA is deterministic)`, () => {
      const key = signingKeyFromPrivateKey(algorithm, importRfcPrivateKey(algorithm, privateKey), { ksk: true });
      assert.equal(key.keyTag, keyTag);
      assert.deepEqual(Buffer.from(key.dnskeyRdata), Buffer.from(dnskeyWithTag(zone, keyTag).rdata));
      const rrsig = signRrset(rrsetOf(zone, "example.com", "MX"), key, { signerName: "example.com", inception: 1438207200, expiration: 1440021600 });
      const published = rrsetOf(zone, "example.com", TYPE_RRSIG).find((r) => decodeRRSIG(r.rdata).keyTag === keyTag)!;
      assert.ok(namesEqual(rrsig.name, published.name));
      assert.equal(rrsig.ttl, published.ttl);
      assert.deepEqual(Buffer.from(rrsig.rdata), Buffer.from(published.rdata));
    });
  }
});
