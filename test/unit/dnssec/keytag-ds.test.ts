import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeDS, encodeDNSKEY } from "../../../src/dns/rdata-dnssec.ts";
import { computeDs, computeDsDigest, matchDs } from "../../../src/dnssec/ds-digest.ts";
import { keyTag } from "../../../src/dnssec/keytag.ts";
import { loadVector, rrsetOf } from "./helpers.ts";

/** Every DNSKEY of a vector file with the DS records published for it in the same file. */
function keysAndDs(file: string) {
  const records = loadVector(file);
  return records.filter((r) => r.type === 48).map((key) => ({
    owner: key.name,
    key,
    ds: rrsetOf(records, key.name, "DS").filter((ds) => decodeDS(ds.rdata).keyTag === keyTag(key.rdata)),
  }));
}

describe("key tags (RFC 4034 Appendix B)", () => {
  const expected: [string, number[]][] = [
    ["rfc4034-section-5.4.zone", [60485]],
    ["rfc4035-appendix-a.zone", [38519, 9465]],
    ["rfc5155-appendix-a.zone", [40430, 12708]],
    ["rfc5702-section-6.zone", [9033, 3740]],
    ["rfc6605-section-6.zone", [55648, 10771]],
    ["rfc8080-section-6.zone", [3613, 35217, 9713, 38353]],
  ];
  for (const [file, tags] of expected) {
    it(`gives the tags printed in ${file}`, () => {
      assert.deepEqual(loadVector(file).filter((r) => r.type === 48).map((k) => keyTag(k.rdata)), tags);
    });
  }

  it("uses the modulus octets for RSA/MD5 (algorithm 1, Appendix B.1)", () => {
    const rdata = encodeDNSKEY({ flags: 256, protocol: 3, algorithm: 1, publicKey: Uint8Array.of(1, 3, 0x11, 0x22, 0xab, 0xcd, 0xef) });
    assert.equal(keyTag(rdata), 0xabcd);
  });
});

describe("DS digests (RFC 4034 5.1.4, RFC 4509, RFC 6605, RFC 8080)", () => {
  for (const file of ["rfc4034-section-5.4.zone", "rfc6605-section-6.zone", "rfc8080-section-6.zone"]) {
    it(`reproduces every DS in ${file}`, () => {
      let count = 0;
      for (const { owner, key, ds } of keysAndDs(file)) {
        for (const record of ds) {
          const published = decodeDS(record.rdata);
          const computed = computeDs(owner, key.rdata, published.digestType);
          assert.deepEqual(Buffer.from(computed.digest), Buffer.from(published.digest));
          assert.deepEqual({ ...computed, digest: null }, { ...published, digest: null });
          assert.deepEqual(matchDs(record, owner, key.rdata), { match: true });
          count++;
        }
      }
      assert.ok(count >= 2, `${count} DS records checked`);
    });
  }

  it("covers digest types 1, 2 and 4", () => {
    const types = ["rfc4034-section-5.4.zone", "rfc6605-section-6.zone"]
      .flatMap((f) => loadVector(f).filter((r) => r.type === 43).map((r) => decodeDS(r.rdata).digestType));
    assert.deepEqual([...new Set(types)].sort(), [1, 2, 4]);
  });

  it("is case-insensitive in the owner name and sensitive to everything else", () => {
    const [{ key, ds }] = keysAndDs("rfc4034-section-5.4.zone") as [ReturnType<typeof keysAndDs>[number]];
    const sha1 = ds.find((d) => decodeDS(d.rdata).digestType === 1)!;
    assert.deepEqual(matchDs(sha1, "DSKEY.Example.COM", key.rdata), { match: true });
    assert.deepEqual(matchDs(sha1, "other.example.com", key.rdata), { match: false, reason: "digest" });
    const data = decodeDS(sha1.rdata);
    assert.deepEqual(matchDs({ ...data, keyTag: 1 }, "dskey.example.com", key.rdata), { match: false, reason: "key_tag" });
    assert.deepEqual(matchDs({ ...data, algorithm: 8 }, "dskey.example.com", key.rdata), { match: false, reason: "algorithm" });
    assert.deepEqual(matchDs({ ...data, digest: data.digest.subarray(1) }, "dskey.example.com", key.rdata), { match: false, reason: "digest_length" });
    assert.deepEqual(matchDs({ ...data, digestType: 3 }, "dskey.example.com", key.rdata), { match: false, reason: "unsupported_digest" });
    assert.equal(computeDsDigest("dskey.example.com", key.rdata, 3), undefined);
    assert.throws(() => computeDs("dskey.example.com", key.rdata, 3), /unsupported DS digest type 3/);
  });
});
