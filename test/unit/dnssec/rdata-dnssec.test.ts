import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MalformedMessageError } from "../../../src/dns/message.ts";
import { nameToWire } from "../../../src/dns/name.ts";
import {
  decodeDNSKEY, decodeDS, decodeNSEC, decodeNSEC3, decodeNSEC3PARAM, decodeRRSIG, decodeTypeBitmap,
  encodeDNSKEY, encodeDS, encodeNSEC, encodeNSEC3, encodeNSEC3PARAM, encodeRRSIG, encodeTypeBitmap,
} from "../../../src/dns/rdata-dnssec.ts";

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));

describe("type bitmaps (RFC 4034 4.1.2)", () => {
  // RFC 4034 section 4.3: "alfa.example.com. NSEC host.example.com. A MX RRSIG NSEC TYPE1234".
  const RFC4034_4_3_BITMAP = hex("0006 4001000000 03 041b" + "00".repeat(26) + "20");

  it("encodes the RFC 4034 4.3 example byte for byte", () => {
    assert.deepEqual(Buffer.from(encodeTypeBitmap([1, 15, 46, 47, 1234])), Buffer.from(RFC4034_4_3_BITMAP));
  });

  it("decodes it back to the ascending type list", () => {
    assert.deepEqual(decodeTypeBitmap(RFC4034_4_3_BITMAP), [1, 15, 46, 47, 1234]);
  });

  it("sorts and de-duplicates when encoding, and allows an empty bitmap", () => {
    assert.deepEqual(decodeTypeBitmap(encodeTypeBitmap([65535, 2, 2, 1, 256])), [1, 2, 256, 65535]);
    assert.deepEqual(encodeTypeBitmap([]).length, 0);
    assert.deepEqual(decodeTypeBitmap(new Uint8Array(0)), []);
  });

  it("rejects bitmaps that break the encoding rules", () => {
    const bad: [string, string][] = [
      ["0101 40 0001 40", "windows out of order"], // window 1 then window 0
      ["0001 40 0001 40", "windows out of order"], // window 0 twice
      ["0000", "outside 1..32"],
      ["0021" + "ff".repeat(33), "outside 1..32"],
      ["0002 4000", "ends in a zero octet"],
      ["0003 40", "runs past the end"],
      ["00", "truncated"],
    ];
    for (const [bytes, why] of bad) {
      assert.throws(() => decodeTypeBitmap(hex(bytes)), (e: unknown) => e instanceof MalformedMessageError && e.message.includes(why), bytes);
    }
  });
});

describe("DNSSEC RDATA codecs", () => {
  it("round-trips DS and DNSKEY", () => {
    const ds = { keyTag: 60485, algorithm: 5, digestType: 1, digest: hex("2BB183AF5F22588179A53B0A98631FAD1A292118") };
    assert.deepEqual(decodeDS(encodeDS(ds)), ds);
    assert.deepEqual(Buffer.from(encodeDS(ds)).subarray(0, 4), Buffer.from([0xec, 0x45, 5, 1]));
    const key = { flags: 257, protocol: 3, algorithm: 13, publicKey: Uint8Array.from({ length: 64 }, (_, i) => i) };
    assert.deepEqual(decodeDNSKEY(encodeDNSKEY(key)), key);
    assert.throws(() => decodeDS(hex("ec450501")), MalformedMessageError);
    assert.throws(() => decodeDNSKEY(hex("010103")), MalformedMessageError);
    assert.throws(() => encodeDNSKEY({ ...key, flags: 70000 }), /out of range/);
  });

  it("round-trips RRSIG, keeping the signer's case and the full 32-bit times", () => {
    const sig = {
      typeCovered: 15, algorithm: 8, labels: 2, originalTtl: 3600, expiration: 0xfffffff0, inception: 1,
      keyTag: 12345, signerName: "Example.COM", signature: hex("0102030405"),
    };
    assert.deepEqual(decodeRRSIG(encodeRRSIG(sig)), sig);
  });

  it("rejects an RRSIG with a compressed signer name or without a signature", () => {
    const fixed = hex("000f 08 02 00000e10 00000002 00000001 3039");
    assert.throws(() => decodeRRSIG(Buffer.concat([fixed, hex("c00c"), hex("01")])), /compressed/);
    assert.throws(() => decodeRRSIG(Buffer.concat([fixed, nameToWire("example")])), /no signature/);
    assert.throws(() => decodeRRSIG(fixed.subarray(0, 10)), MalformedMessageError);
  });

  it("round-trips NSEC, keeping the next name's case (RFC 6840 5.1)", () => {
    const nsec = { nextDomainName: "Host.example.com", types: [1, 15, 46, 47, 1234] };
    const wire = encodeNSEC(nsec);
    assert.deepEqual(decodeNSEC(wire), nsec);
    assert.throws(() => decodeNSEC(Buffer.concat([nameToWire("a"), hex("0002 4000")])), MalformedMessageError);
  });

  it("round-trips NSEC3 and NSEC3PARAM, with empty salt and empty bitmap", () => {
    const nsec3 = {
      hashAlgorithm: 1, flags: 1, iterations: 12, salt: hex("aabbccdd"),
      nextHashedOwner: hex("1234567890abcdef1234567890abcdef12345678"), types: [1, 46],
    };
    assert.deepEqual(decodeNSEC3(encodeNSEC3(nsec3)), nsec3);
    const ent = { ...nsec3, salt: new Uint8Array(0), types: [] };
    assert.deepEqual(decodeNSEC3(encodeNSEC3(ent)), ent);
    const param = { hashAlgorithm: 1, flags: 0, iterations: 0, salt: new Uint8Array(0) };
    assert.deepEqual(decodeNSEC3PARAM(encodeNSEC3PARAM(param)), param);
    assert.deepEqual(Buffer.from(encodeNSEC3PARAM({ ...param, iterations: 12, salt: hex("aabbccdd") })), Buffer.from(hex("01 00 000c 04 aabbccdd")));
  });

  it("rejects malformed NSEC3 and NSEC3PARAM", () => {
    assert.throws(() => decodeNSEC3(hex("01 00 000c 04 aabbccdd 00")), /hash length 0/);
    assert.throws(() => decodeNSEC3(hex("01 00 000c 04 aabbccdd 14 0102")), /runs past the end/);
    assert.throws(() => decodeNSEC3(hex("01 00 000c 08 aabbccdd")), /salt runs past/);
    assert.throws(() => decodeNSEC3PARAM(hex("01 00 000c 04 aabbccdd 00")), /trailing octets/);
    assert.throws(() => decodeNSEC3PARAM(hex("01 00 00")), MalformedMessageError);
  });
});
