// NSEC3 proofs (RFC 5155 7.2, 8) over NSEC3 chains made for the RFC 5155 Appendix A zone
// layout, with unbound's rules for unusable records and the RFC 9276 iteration limit.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TYPE } from "../../../src/dns/rdata.ts";
import { encodeNSEC3 } from "../../../src/dns/rdata-dnssec.ts";
import { isNsec3Verdict, Nsec3Proof, nsec3RecordsOf, type Nsec3Record, type Nsec3Verdict } from "../../../src/dnssec/denial-nsec3.ts";
import { nsec3Hash, nsec3OwnerName } from "../../../src/dnssec/nsec3-hash.ts";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { loadVector } from "./helpers.ts";

const { A, NS, SOA, MX, DS, RRSIG, DNSKEY, AAAA, DNAME, CNAME, NSEC3PARAM } = TYPE;
const HINFO = 13;
const SALT = Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd);

/** The names of RFC 5155 Appendix A, with their types as the NSEC3 chain lists them. */
const ZONE: [string, number[]][] = [
  ["example", [NS, SOA, MX, RRSIG, DNSKEY, NSEC3PARAM]],
  ["2t7b4g4vsa5smi47k61mv5bv1a22bojr.example", [A, RRSIG]],
  ["a.example", [NS, DS, RRSIG]], // secure delegation
  ["ai.example", [A, HINFO, AAAA, RRSIG]],
  ["b.example", [NS]], // insecure delegation (left out when opting out)
  ["ns1.example", [A, RRSIG]],
  ["ns2.example", [A, RRSIG]],
  ["w.example", []], // empty non-terminal
  ["*.w.example", [MX, RRSIG]],
  ["x.w.example", [MX, RRSIG]],
  ["y.w.example", []], // empty non-terminal
  ["x.y.w.example", [MX, RRSIG]],
  ["xx.example", [A, HINFO, AAAA, RRSIG]],
];

interface ChainOptions {
  zone?: string;
  iterations?: number;
  salt?: Uint8Array;
  flags?: number;
  hashAlgorithm?: number;
  names?: [string, number[]][];
}

/** An NSEC3 chain over `names` (as RRs, so the decoder is exercised too). */
function chainRecords(opts: ChainOptions = {}): ResourceRecord[] {
  const zone = opts.zone ?? "example";
  const iterations = opts.iterations ?? 12;
  const salt = opts.salt ?? SALT;
  const names = opts.names ?? ZONE;
  const hashed = names.map(([name, types]) => ({ hash: nsec3Hash(name, salt, iterations), name, types }))
    .sort((a, b) => Buffer.compare(a.hash, b.hash));
  return hashed.map((h, i) => ({
    name: nsec3OwnerName(h.name, zone, salt, iterations), type: TYPE.NSEC3, class: 1, ttl: 3600,
    rdata: encodeNSEC3({
      hashAlgorithm: opts.hashAlgorithm ?? 1, flags: opts.flags ?? 0, iterations, salt,
      nextHashedOwner: hashed[(i + 1) % hashed.length]!.hash, types: h.types,
    }),
  }));
}

const chain = (opts: ChainOptions = {}): Nsec3Record[] => nsec3RecordsOf(chainRecords(opts));
const withoutName = (name: string): [string, number[]][] => ZONE.filter(([n]) => n !== name);

function proofFor(records: Nsec3Record[], name: string, type: number, signer = "example", keyBits = 1024): Nsec3Proof {
  const p = Nsec3Proof.select(records, name, type, signer, keyBits);
  assert.ok(!isNsec3Verdict(p), isNsec3Verdict(p) ? p.reason : "");
  return p as Nsec3Proof;
}

function status(v: Nsec3Verdict | { status: string }): string {
  return v.status;
}

describe("NSEC3: matching and covering", () => {
  it("hashes like RFC 5155 Appendix A (the vector's apex NSEC3)", () => {
    const vector = nsec3RecordsOf(loadVector("rfc5155-appendix-a.zone"));
    assert.equal(vector[0]!.owner.toLowerCase(), "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example");
    const p = proofFor(vector, "example", SOA);
    assert.equal(p.matching("example")?.owner, vector[0]!.owner);
  });

  it("finds the matching and the covering record", () => {
    const p = proofFor(chain(), "ns1.example", MX);
    assert.equal(p.matching("ns1.example")?.owner, nsec3OwnerName("ns1.example", "example", SALT, 12));
    assert.equal(p.matching("nope.example"), undefined);
    assert.ok(p.covering("nope.example"));
    assert.equal(p.covering("ns1.example"), undefined);
  });

  it("covers around the end of the chain", () => {
    // Some name hashes after the last owner or before the first one; it must still be covered.
    const p = proofFor(chain(), "q.example", A);
    for (const name of ["q.example", "r.example", "s.example", "t.example", "zz.example", "0.example"]) {
      assert.ok(p.covering(name) ?? p.matching(name), name);
    }
  });
});

describe("NSEC3: NXDOMAIN (RFC 5155 8.4)", () => {
  it("proves a name absent with the closest encloser proof and the wildcard covered (B.1)", () => {
    assert.equal(status(proofFor(chain(), "a.c.x.w.example", A).proveNameError("a.c.x.w.example")), "secure");
  });

  it("is insecure when the next closer name is in an opt-out span", () => {
    const records = chain({ flags: 1, names: withoutName("b.example") });
    assert.equal(status(proofFor(records, "a.c.x.w.example", A).proveNameError("a.c.x.w.example")), "insecure");
  });

  it("is bogus without the record covering the next closer name", () => {
    const nc = nsec3Hash("c.x.w.example", SALT, 12);
    const records = chain().filter((r) => !coversHash(r, nc));
    const v = proofFor(records, "a.c.x.w.example", A).proveNameError("a.c.x.w.example");
    assert.equal(v.status, "bogus");
    assert.match(v.reason, /no NSEC3 covers c\.x\.w\.example/);
  });

  it("is bogus without the record covering the wildcard", () => {
    const wc = nsec3Hash("*.x.w.example", SALT, 12);
    const records = chain().filter((r) => !coversHash(r, wc) || coversHash(r, nsec3Hash("c.x.w.example", SALT, 12)));
    if (records.some((r) => coversHash(r, wc))) return; // both in one interval: nothing to take away
    const v = proofFor(records, "a.c.x.w.example", A).proveNameError("a.c.x.w.example");
    assert.equal(v.status, "bogus");
    assert.match(v.reason, /wildcard \*\.x\.w\.example/);
  });

  it("is bogus when the name exists", () => {
    assert.equal(status(proofFor(chain(), "ns1.example", A).proveNameError("ns1.example")), "bogus");
  });

  it("is insecure below an unsigned delegation, bogus below a signed one", () => {
    assert.equal(status(proofFor(chain(), "www.b.example", A).proveNameError("www.b.example")), "insecure");
    const v = proofFor(chain(), "www.a.example", A).proveNameError("www.a.example");
    assert.equal(v.status, "bogus");
    assert.match(v.reason, /delegation/);
  });

  it("is bogus below a DNAME", () => {
    const names: [string, number[]][] = [...ZONE, ["d.example", [DNAME, RRSIG]]];
    assert.equal(status(proofFor(chain({ names }), "x.d.example", A).proveNameError("x.d.example")), "bogus");
  });
});

describe("NSEC3: NODATA (RFC 5155 8.5-8.7)", () => {
  it("proves NODATA with the matching record (B.2)", () => {
    assert.equal(status(proofFor(chain(), "ns1.example", MX).proveNodata("ns1.example", MX)), "secure");
  });

  it("proves NODATA at an empty non-terminal (B.2.1)", () => {
    assert.equal(status(proofFor(chain(), "y.w.example", A).proveNodata("y.w.example", A)), "secure");
  });

  it("is bogus when the bitmap has the type or a CNAME", () => {
    assert.equal(status(proofFor(chain(), "ns1.example", A).proveNodata("ns1.example", A)), "bogus");
    const names: [string, number[]][] = [...ZONE, ["c.example", [CNAME, RRSIG]]];
    assert.equal(status(proofFor(chain({ names }), "c.example", A).proveNodata("c.example", A)), "bogus");
  });

  it("proves a wildcard NODATA (B.5)", () => {
    assert.equal(status(proofFor(chain(), "a.z.w.example", AAAA).proveNodata("a.z.w.example", AAAA)), "secure");
    assert.equal(status(proofFor(chain(), "a.z.w.example", MX).proveNodata("a.z.w.example", MX)), "bogus");
  });

  it("is insecure for a name in an opt-out span without its own NSEC3 (8.6)", () => {
    const records = chain({ flags: 1, names: withoutName("b.example") });
    assert.equal(status(proofFor(records, "b.example", A).proveNodata("b.example", A)), "insecure");
  });

  it("is bogus for a missing name outside opt-out", () => {
    assert.equal(status(proofFor(chain(), "q.example", A).proveNodata("q.example", A)), "bogus");
  });

  it("is insecure at an unsigned delegation for non-DS types", () => {
    assert.equal(status(proofFor(chain(), "b.example", A).proveNodata("b.example", A)), "insecure");
  });

  it("accepts NXDOMAIN or NODATA after a CNAME", () => {
    const p = proofFor(chain(), "a.c.x.w.example", A);
    assert.deepEqual({ ...p.proveNameErrorOrNodata("a.c.x.w.example", A) }, { status: "secure", reason: "", nodata: false });
    assert.equal(proofFor(chain(), "ns1.example", MX).proveNameErrorOrNodata("ns1.example", MX).nodata, true);
  });
});

describe("NSEC3: DS absence (RFC 5155 8.6, 8.9)", () => {
  it("proves an unsigned delegation", () => {
    assert.equal(proofFor(chain(), "b.example", DS).proveNoDs("b.example").status, "no-ds");
  });

  it("proves a name is no delegation", () => {
    assert.equal(proofFor(chain(), "ns1.example", DS).proveNoDs("ns1.example").status, "not-delegation");
    assert.equal(proofFor(chain(), "y.w.example", DS).proveNoDs("y.w.example").status, "not-delegation");
  });

  it("is insecure when an opt-out NSEC3 covers the delegation (B.3)", () => {
    const records = chain({ flags: 1, names: withoutName("b.example") });
    assert.equal(proofFor(records, "b.example", DS).proveNoDs("b.example").status, "insecure");
  });

  it("is bogus when the covering NSEC3 is not opt-out", () => {
    const records = chain({ names: withoutName("b.example") });
    assert.equal(proofFor(records, "b.example", DS).proveNoDs("b.example").status, "bogus");
  });

  it("is bogus when the matching NSEC3 has DS, or is the child's apex", () => {
    assert.equal(proofFor(chain(), "a.example", DS).proveNoDs("a.example").status, "bogus");
    const child = chain({ zone: "b.example", names: [["b.example", [NS, SOA, RRSIG, DNSKEY, NSEC3PARAM]]] });
    // The child's own chain is never picked for the DS of its apex: no usable zone remains.
    const picked = Nsec3Proof.select(child, "b.example", DS, "example", 1024);
    assert.ok(isNsec3Verdict(picked) && picked.status === "bogus");
  });
});

describe("NSEC3: wildcard answers (RFC 5155 8.8)", () => {
  it("proves a wildcard expansion by covering the next closer name (B.4)", () => {
    assert.equal(status(proofFor(chain(), "a.z.w.example", MX).proveWildcardAnswer("a.z.w.example", "w.example")), "secure");
  });

  it("is bogus when the next closer name is not covered", () => {
    const nc = nsec3Hash("z.w.example", SALT, 12);
    const records = chain().filter((r) => !coversHash(r, nc));
    assert.equal(status(proofFor(records, "a.z.w.example", MX).proveWildcardAnswer("a.z.w.example", "w.example")), "bogus");
  });

  it("is insecure in an opt-out span", () => {
    assert.equal(status(proofFor(chain({ flags: 1 }), "a.z.w.example", MX).proveWildcardAnswer("a.z.w.example", "w.example")), "insecure");
  });
});

describe("NSEC3: which records count (RFC 5155 8.1, 8.2; unbound)", () => {
  it("treats more than 150 iterations as insecure, whatever the key size", () => {
    for (const keyBits of [256, 1024, 2048, 4096, 8192]) {
      const v = Nsec3Proof.select(chain({ iterations: 151 }), "q.example", A, "example", keyBits);
      assert.ok(isNsec3Verdict(v));
      assert.equal(v.status, "insecure");
      assert.equal(v.iterationsTooHigh, true);
    }
    assert.ok(!isNsec3Verdict(Nsec3Proof.select(chain({ iterations: 150 }), "q.example", A, "example", 2048)));
  });

  it("ignores records with an unknown hash algorithm", () => {
    const v = Nsec3Proof.select(chain({ hashAlgorithm: 2 }), "q.example", A, "example", 1024);
    assert.ok(isNsec3Verdict(v) && v.status === "bogus");
  });

  it("ignores records with flags other than opt-out", () => {
    const v = Nsec3Proof.select(chain({ flags: 0x02 }), "q.example", A, "example", 1024);
    assert.ok(isNsec3Verdict(v) && v.status === "bogus");
    // Mixed in with good records they are skipped, not fatal.
    const mixed = [...chain(), ...chain({ flags: 0x03, salt: Uint8Array.of(1) })];
    assert.equal(status(proofFor(mixed, "ns1.example", MX).proveNodata("ns1.example", MX)), "secure");
  });

  it("refuses records from two parameter sets", () => {
    const mixed = [...chain(), ...chain({ salt: Uint8Array.of(1, 2) }).slice(0, 1)];
    const v = Nsec3Proof.select(mixed, "q.example", A, "example", 1024);
    assert.ok(isNsec3Verdict(v) && v.status === "bogus");
    assert.match(v.reason, /parameter sets/);
  });

  it("refuses records of a zone other than the signer's", () => {
    const v = Nsec3Proof.select(chain(), "q.example", A, "other", 1024);
    assert.ok(isNsec3Verdict(v) && v.status === "bogus");
  });

  it("picks the deepest zone at or above the name", () => {
    const both = [...chain(), ...chain({ zone: "sub.example", names: [["sub.example", [NS, SOA, RRSIG, DNSKEY, NSEC3PARAM]], ["www.sub.example", [A, RRSIG]]] })];
    const p = proofFor(both, "q.sub.example", A, "sub.example");
    assert.equal(p.zone, "sub.example");
    assert.equal(status(p.proveNameError("q.sub.example")), "secure");
  });
});

function coversHash(r: Nsec3Record, hash: Uint8Array): boolean {
  const owner = r.ownerHash!;
  const next = r.data.nextHashedOwner;
  return Buffer.compare(owner, next) < 0
    ? Buffer.compare(owner, hash) < 0 && Buffer.compare(hash, next) < 0
    : Buffer.compare(hash, owner) > 0 || Buffer.compare(hash, next) < 0;
}
