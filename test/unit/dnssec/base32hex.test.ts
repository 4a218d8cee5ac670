import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { base32hexDecode, base32hexEncode } from "../../../src/dns/base32hex.ts";

// RFC 4648 section 10 test vectors for "base32hex", without the padding and in lower case
// as NSEC3 uses them (RFC 5155 3.3).
const RFC4648_VECTORS: [string, string][] = [
  ["", ""], ["f", "co"], ["fo", "cpng"], ["foo", "cpnmu"], ["foob", "cpnmuog"], ["fooba", "cpnmuoj1"], ["foobar", "cpnmuoj1e8"],
];

describe("base32hex", () => {
  it("encodes the RFC 4648 vectors", () => {
    for (const [plain, encoded] of RFC4648_VECTORS) assert.equal(base32hexEncode(Buffer.from(plain)), encoded);
  });

  it("decodes them back, in either case", () => {
    for (const [plain, encoded] of RFC4648_VECTORS) {
      assert.equal(Buffer.from(base32hexDecode(encoded)).toString(), plain);
      assert.equal(Buffer.from(base32hexDecode(encoded.toUpperCase())).toString(), plain);
    }
  });

  it("rejects characters outside the alphabet, padding, impossible lengths and stray bits", () => {
    assert.throws(() => base32hexDecode("cpnw"), /not a base32hex character/);
    assert.throws(() => base32hexDecode("co======"), /not a base32hex character/);
    assert.throws(() => base32hexDecode("c"), /impossible base32hex length/);
    assert.throws(() => base32hexDecode("cpn"), /impossible base32hex length/);
    assert.throws(() => base32hexDecode("cp"), /non-zero padding bits/);
  });

  it("keeps the byte order of the input, so NSEC3 owner labels sort like hashes", () => {
    const hashes = Array.from({ length: 200 }, () => randomBytes(20));
    const byBytes = [...hashes].sort(Buffer.compare).map((h) => base32hexEncode(h));
    const byText = hashes.map((h) => base32hexEncode(h)).sort();
    assert.deepEqual(byText, byBytes);
    for (const h of hashes) assert.deepEqual(Buffer.from(base32hexDecode(base32hexEncode(h))), h);
  });
});
