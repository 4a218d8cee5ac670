import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { nameToWire } from "../../../src/dns/name.ts";
import { nsec3Hash, nsec3HashLabel, nsec3OwnerName } from "../../../src/dnssec/nsec3-hash.ts";

// RFC 5155 Appendix A: the hashed owner names of the example zone (SHA-1, 12 extra
// iterations, salt AABBCCDD).
const RFC5155_HASHES: [string, string][] = [
  ["example", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"],
  ["a.example", "35mthgpgcu1qg68fab165klnsnk3dpvl"],
  ["ai.example", "gjeqe526plbf1g8mklp59enfd789njgi"],
  ["ns1.example", "2t7b4g4vsa5smi47k61mv5bv1a22bojr"],
  ["ns2.example", "q04jkcevqvmu85r014c7dkba38o0ji5r"],
  ["w.example", "k8udemvp1j2f7eg6jebps17vp3n8i58h"],
  ["*.w.example", "r53bq7cc2uvmubfu5ocmm6pers9tk9en"],
  ["x.w.example", "b4um86eghhds6nea196smvmlo4ors995"],
  ["y.w.example", "ji6neoaepv8b5o6k4ev33abha8ht9fgc"],
  ["x.y.w.example", "2vptu5timamqttgl4luu9kg21e0aor3s"],
  ["xx.example", "t644ebqk9bibcna874givr6joj62mlhv"],
  ["2t7b4g4vsa5smi47k61mv5bv1a22bojr.example", "kohar7mbb8dc2ce8a9qvl8hon4k53uhi"],
];
const SALT = Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd);

describe("NSEC3 hashing (RFC 5155 section 5)", () => {
  for (const [name, label] of RFC5155_HASHES) {
    it(`H(${name}) = ${label}`, () => {
      assert.equal(nsec3HashLabel(name, SALT, 12), label);
    });
  }

  it("hashes the lower-cased name", () => {
    assert.equal(nsec3HashLabel("A.EXAMPLE", SALT, 12), "35mthgpgcu1qg68fab165klnsnk3dpvl");
  });

  it("with no iterations and no salt is one SHA-1 of the wire name", () => {
    const plain = createHash("sha1").update(nameToWire("example")).digest();
    assert.deepEqual(Buffer.from(nsec3Hash("example", new Uint8Array(0), 0)), plain);
  });

  it("builds the owner name under the zone", () => {
    assert.equal(nsec3OwnerName("x.y.w.example", "example", SALT, 12), "2vptu5timamqttgl4luu9kg21e0aor3s.example");
  });

  it("refuses unknown hash algorithms and impossible iteration counts", () => {
    assert.throws(() => nsec3Hash("example", SALT, 1, 2), /unsupported NSEC3 hash algorithm/);
    assert.throws(() => nsec3Hash("example", SALT, 65536), /bad NSEC3 iterations/);
  });
});
