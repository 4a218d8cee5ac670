// The validator end to end against signed zones served by an in-memory fake resolver:
// secure, insecure and bogus answers, positive and negative, with NSEC and NSEC3.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { TYPE } from "../../../src/dns/rdata.ts";
import { DnssecValidator, NO_ANSWER_RCODE } from "../../../src/dnssec/validator.ts";
import { decodeNSEC3 } from "../../../src/dns/rdata-dnssec.ts";
import { base32hexDecode } from "../../../src/dns/base32hex.ts";
import { nsec3Hash } from "../../../src/dnssec/nsec3-hash.ts";
import { buildWorld, NOW, stripDenial, tamperSigs, withoutSigs, type World, type ZoneSpec } from "./validator-harness.ts";

const NSEC3 = { kind: "nsec3", iterations: 0, salt: new Uint8Array(0), optOut: false } as const;
const NSEC3_OPTOUT = { kind: "nsec3", iterations: 0, salt: Uint8Array.of(0xab, 0xcd), optOut: true } as const;

const EXAMPLE_TEXT = `
www 300 IN A 192.0.2.1
www 300 IN TXT "hello"
*.wild 300 IN A 192.0.2.2
alias 300 IN CNAME www
a.b 300 IN A 192.0.2.3
`;

/** Root and "test" signed with NSEC, "nsec3.test" with NSEC3, one unsigned child of each kind. */
function standardWorld(overrides: Partial<Record<string, Partial<ZoneSpec>>> = {}, extra: ZoneSpec[] = []): World {
  const specs: ZoneSpec[] = [
    { origin: "." },
    { origin: "test" },
    { origin: "example.test", text: EXAMPLE_TEXT },
    { origin: "nsec3.test", text: EXAMPLE_TEXT, denial: NSEC3 },
    { origin: "unsigned.test", signed: false, text: "www 300 IN A 192.0.2.9\n" },
    ...extra,
  ];
  return buildWorld(specs.map((s) => ({ ...s, ...(overrides[s.origin] ?? {}) })));
}

function validator(world: World): DnssecValidator {
  return new DnssecValidator({ lookup: world.lookup, trustAnchors: world.rootAnchors, now: () => NOW });
}

function coversHash(nsec3: ResourceRecord, hash: Uint8Array): boolean {
  const owner = base32hexDecode(nsec3.name.split(".")[0]!);
  const next = decodeNSEC3(nsec3.rdata).nextHashedOwner;
  return Buffer.compare(owner, next) < 0
    ? Buffer.compare(owner, hash) < 0 && Buffer.compare(hash, next) < 0
    : Buffer.compare(hash, owner) > 0 || Buffer.compare(hash, next) < 0;
}

function answersOf(records: readonly ResourceRecord[], type: number): ResourceRecord[] {
  return records.filter((r) => r.type === type);
}

describe("validator: secure answers", () => {
  for (const zone of ["example.test", "nsec3.test"]) {
    it(`validates the SOA of ${zone}`, async () => {
      const r = await validator(standardWorld()).validate(zone, TYPE.SOA);
      assert.equal(r.security, "secure", r.reason);
      assert.equal(r.rcode, 0);
      assert.equal(answersOf(r.answers, TYPE.SOA).length, 1);
      assert.deepEqual(r.chain.map((l) => [l.zone, l.security]), [[".", "secure"], ["test", "secure"], [zone, "secure"]]);
      assert.equal(r.ede, undefined);
      assert.ok(r.chain.every((l) => l.dnskeyTags.length === 2 && l.dsTags.length === 1 && l.algorithms[0] === 13));
    });

    it(`proves NXDOMAIN in ${zone}`, async () => {
      const r = await validator(standardWorld()).validate(`nope.${zone}`, TYPE.A);
      assert.equal(r.security, "secure", r.reason);
      assert.equal(r.rcode, 3);
      assert.deepEqual(r.answers, []);
    });

    it(`proves NODATA in ${zone}`, async () => {
      const r = await validator(standardWorld()).validate(`www.${zone}`, TYPE.AAAA);
      assert.equal(r.security, "secure", r.reason);
      assert.equal(r.rcode, 0);
      assert.deepEqual(r.answers, []);
    });

    it(`proves NODATA at an empty non-terminal in ${zone}`, async () => {
      const r = await validator(standardWorld()).validate(`b.${zone}`, TYPE.A);
      assert.equal(r.security, "secure", r.reason);
      assert.equal(r.rcode, 0);
    });

    it(`validates a wildcard answer with its proof in ${zone}`, async () => {
      const r = await validator(standardWorld()).validate(`x.wild.${zone}`, TYPE.A);
      assert.equal(r.security, "secure", r.reason);
      assert.match(r.reason, /expanded from \*\.wild/);
      assert.equal(r.answers[0]!.name, `x.wild.${zone}`);
    });

    it(`proves wildcard NODATA in ${zone}`, async () => {
      const r = await validator(standardWorld()).validate(`x.wild.${zone}`, TYPE.AAAA);
      assert.equal(r.security, "secure", r.reason);
      assert.equal(r.rcode, 0);
    });

    it(`follows a CNAME inside ${zone}`, async () => {
      const r = await validator(standardWorld()).validate(`alias.${zone}`, TYPE.A);
      assert.equal(r.security, "secure", r.reason);
      assert.deepEqual(r.cnameChain, [`www.${zone}`]);
      assert.equal(answersOf(r.answers, TYPE.A).length, 1);
    });
  }

  it("proves NXDOMAIN for a TLD in the root", async () => {
    const r = await validator(standardWorld()).validate("nonexistent", TYPE.SOA);
    assert.equal(r.security, "secure", r.reason);
    assert.equal(r.rcode, 3);
  });

  it("validates a zone below an empty non-terminal of its parent (NSEC and NSEC3)", async () => {
    const world = standardWorld({}, [
      { origin: "deep.ent.example.test", text: "www 300 IN A 192.0.2.7\n" },
      { origin: "deep.ent.nsec3.test", text: "www 300 IN A 192.0.2.7\n", denial: NSEC3 },
    ]);
    const v = validator(world);
    for (const name of ["www.deep.ent.example.test", "www.deep.ent.nsec3.test"]) {
      const r = await v.validate(name, TYPE.A);
      assert.equal(r.security, "secure", r.reason);
      assert.equal(r.chain.at(-1)!.zone, name.slice(4));
    }
  });

  it("accepts a signature that expired within unbound's clock skew", async () => {
    // 30 days of validity gives a skew of one day (the maximum); one hour late is accepted.
    const world = standardWorld({ "example.test": { inception: NOW - 30 * 86400, expiration: NOW - 3600 } });
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "secure", r.reason);
  });
});

describe("validator: insecure answers", () => {
  it("proves an unsigned delegation with NSEC", async () => {
    const r = await validator(standardWorld()).validate("www.unsigned.test", TYPE.A);
    assert.equal(r.security, "insecure", r.reason);
    assert.match(r.reason, /NSEC proves unsigned\.test is a delegation without DS/);
    assert.deepEqual(r.chain.map((l) => [l.zone, l.security]), [[".", "secure"], ["test", "secure"], ["unsigned.test", "insecure"]]);
    assert.equal(answersOf(r.answers, TYPE.A).length, 1);
    assert.equal(r.unsupportedAlgorithm, undefined);
  });

  it("proves an unsigned delegation with NSEC3", async () => {
    const world = buildWorld([
      { origin: "." },
      { origin: "test", denial: NSEC3 },
      { origin: "unsigned.test", signed: false, text: "www 300 IN A 192.0.2.9\n" },
    ]);
    const r = await validator(world).validate("www.unsigned.test", TYPE.A);
    assert.equal(r.security, "insecure", r.reason);
    assert.match(r.reason, /NSEC3 proves unsigned\.test is a delegation without DS/);
  });

  it("treats a name in an NSEC3 opt-out span as insecure", async () => {
    const world = buildWorld([
      { origin: "." },
      { origin: "opt", denial: NSEC3_OPTOUT },
      { origin: "signed.opt", text: "www 300 IN A 192.0.2.1\n" },
      { origin: "unsigned.opt", signed: false, text: "www 300 IN A 192.0.2.9\n" },
    ]);
    const v = validator(world);
    const insecure = await v.validate("www.unsigned.opt", TYPE.A);
    assert.equal(insecure.security, "insecure", insecure.reason);
    assert.match(insecure.reason, /opt-out/);
    const secure = await v.validate("www.signed.opt", TYPE.A);
    assert.equal(secure.security, "secure", secure.reason);
  });

  it("is insecure when every DS uses an unsupported algorithm", async () => {
    const world = standardWorld({
      "example.test": { dsOverride: (ds) => ds.map((d) => ({ ...d, rdata: Uint8Array.from([...d.rdata.subarray(0, 2), 12, ...d.rdata.subarray(3)]) })) },
    });
    const r = await validator(world).validate("example.test", TYPE.SOA);
    assert.equal(r.security, "insecure", r.reason);
    assert.equal(r.unsupportedAlgorithm, true);
    assert.deepEqual(r.ede, { code: 1, text: "Unsupported DNSKEY Algorithm" });
  });

  it("is insecure when every DS uses an unsupported digest type", async () => {
    const world = standardWorld({
      "example.test": { dsOverride: (ds) => ds.map((d) => ({ ...d, rdata: Uint8Array.from([...d.rdata.subarray(0, 3), 3, ...d.rdata.subarray(4)]) })) },
    });
    const r = await validator(world).validate("example.test", TYPE.SOA);
    assert.equal(r.security, "insecure", r.reason);
    assert.equal(r.unsupportedAlgorithm, true);
    assert.equal(r.ede?.code, 2);
  });

  it("ignores an unusable DS beside a usable one", async () => {
    const world = standardWorld({
      "example.test": { dsOverride: (ds) => [...ds, { ...ds[0]!, rdata: Uint8Array.from([0, 1, 12, 3, 1, 2, 3]) }] },
    });
    const r = await validator(world).validate("example.test", TYPE.SOA);
    assert.equal(r.security, "secure", r.reason);
  });

  it("treats NSEC3 with more than 150 iterations as insecure (RFC 9276, unbound's table)", async () => {
    const world = standardWorld({ "nsec3.test": { denial: { kind: "nsec3", iterations: 151, salt: new Uint8Array(0), optOut: false } } });
    const r = await validator(world).validate("nope.nsec3.test", TYPE.A);
    assert.equal(r.security, "insecure", r.reason);
    assert.deepEqual(r.ede, { code: 27, text: "Unsupported NSEC3 Iterations Value" });
    assert.match(r.reason, /151 iterations/);
  });

  it("accepts NSEC3 with exactly 150 iterations", async () => {
    const world = standardWorld({ "nsec3.test": { denial: { kind: "nsec3", iterations: 150, salt: new Uint8Array(0), optOut: false } } });
    const r = await validator(world).validate("nope.nsec3.test", TYPE.A);
    assert.equal(r.security, "secure", r.reason);
  });

  it("treats a delegation denied with over-limit NSEC3 as insecure", async () => {
    const world = buildWorld([
      { origin: "." },
      { origin: "test", denial: { kind: "nsec3", iterations: 200, salt: new Uint8Array(0), optOut: false } },
      { origin: "unsigned.test", signed: false, text: "www 300 IN A 192.0.2.9\n" },
    ]);
    const r = await validator(world).validate("www.unsigned.test", TYPE.A);
    assert.equal(r.security, "insecure", r.reason);
    assert.equal(r.ede?.code, 27);
  });
});

describe("validator: bogus answers", () => {
  it("reports an expired RRSIG with its date (EDE 7)", async () => {
    const world = standardWorld({ "example.test": { inception: NOW - 40 * 86400, expiration: NOW - 2 * 86400 } });
    const r = await validator(world).validate("example.test", TYPE.SOA);
    assert.equal(r.security, "bogus");
    assert.deepEqual(r.ede, { code: 7, text: "Signature Expired" });
    assert.match(r.reason, /RRSIG over example\.test\/DNSKEY by key \d+ \(ECDSAP256SHA256\) expired 2025-12-30T00:00:00Z/);
  });

  it("reports a not-yet-valid RRSIG (EDE 8)", async () => {
    const world = standardWorld({ "example.test": { inception: NOW + 2 * 86400, expiration: NOW + 30 * 86400 } });
    const r = await validator(world).validate("example.test", TYPE.SOA);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 8);
    assert.match(r.reason, /not valid until 2026-01-03T00:00:00Z/);
  });

  it("reports a missing RRSIG (EDE 10)", async () => {
    const world = standardWorld({ "example.test": { postSign: withoutSigs("www.example.test", TYPE.A) } });
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 10);
    assert.match(r.reason, /www\.example\.test\/A is unsigned, but example\.test is a signed zone/);
  });

  it("reports a tampered signature", async () => {
    const world = standardWorld({ "example.test": { postSign: tamperSigs("www.example.test", TYPE.A) } });
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 6);
    assert.match(r.reason, /RRSIG over www\.example\.test\/A by key \d+ \(ECDSAP256SHA256\) does not verify/);
  });

  it("reports a DS that matches no DNSKEY (EDE 9)", async () => {
    const world = standardWorld({
      "example.test": { dsOverride: (ds) => ds.map((d) => ({ ...d, rdata: Uint8Array.from(d.rdata, (b, i) => (i === d.rdata.length - 1 ? b ^ 0xff : b)) })) },
    });
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 9);
    assert.match(r.reason, /no DNSKEY of example\.test matches its DS/);
    assert.deepEqual(r.chain.map((l) => [l.zone, l.security]), [[".", "secure"], ["test", "secure"], ["example.test", "bogus"]]);
  });

  it("reports a missing DNSKEY RRset (EDE 9)", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, type, answer) => (name === "example.test" && type === TYPE.DNSKEY ? { ...answer, answers: [] } : answer);
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 9);
    assert.match(r.reason, /no DNSKEY RRset for example\.test/);
  });

  it("reports a DNSKEY RRset not signed by the key the DS points at", async () => {
    const world = standardWorld({ "example.test": { postSign: tamperSigs("example.test", TYPE.DNSKEY) } });
    const r = await validator(world).validate("example.test", TYPE.SOA);
    assert.equal(r.security, "bogus");
    assert.match(r.reason, /DNSKEY RRset of example\.test is not validly signed by a key its DS points at/);
  });

  it("reports an NXDOMAIN without NSEC records (EDE 12)", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, _type, answer) => (name === "nope.example.test" ? stripDenial(answer) : answer);
    const r = await validator(world).validate("nope.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 12);
  });

  it("reports an NXDOMAIN whose NSEC3 proof does not cover the next closer name", async () => {
    const world = standardWorld();
    const hash = nsec3Hash("nope.nsec3.test", new Uint8Array(0), 0);
    world.lookup.rewrite = (name, _type, answer) => {
      if (name !== "nope.nsec3.test") return answer;
      // Drop the NSEC3 whose interval holds the hash of the name: the rest proves nothing about it.
      const covering = answer.authorities.find((r) => r.type === TYPE.NSEC3 && coversHash(r, hash))!;
      return { ...answer, authorities: answer.authorities.filter((r) => r.name !== covering.name) };
    };
    const r = await validator(world).validate("nope.nsec3.test", TYPE.A);
    assert.equal(r.security, "bogus", r.reason);
    assert.match(r.reason, /no NSEC3 covers nope\.nsec3\.test, the next closer name/);
  });

  it("reports an NXDOMAIN proven with NSEC3 records of another zone", async () => {
    const world = standardWorld({}, [{ origin: "other.test", denial: NSEC3 }]);
    world.lookup.rewrite = (name, _type, answer) => {
      if (name !== "nope.nsec3.test") return answer;
      const foreign = world.lookup.resolve("nope.other.test", TYPE.A, 0);
      return { ...answer, authorities: [...answer.authorities.filter((r) => r.type === TYPE.SOA || r.name === "nsec3.test"), ...foreign.authorities] };
    };
    const r = await validator(world).validate("nope.nsec3.test", TYPE.A);
    assert.equal(r.security, "bogus", r.reason);
  });

  it("reports a NODATA whose NSEC lists the type", async () => {
    const world = standardWorld();
    // Answer the AAAA question with the NODATA proof of a name that has A but is queried for A.
    world.lookup.rewrite = (name, type, answer) => {
      if (name !== "www.example.test" || type !== TYPE.A) return answer;
      const nodata = world.lookup.resolve("www.example.test", TYPE.AAAA, 0);
      return { rcode: 0, answers: [], authorities: nodata.authorities };
    };
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.match(r.reason, /no NSEC proves that www\.example\.test has no A/);
  });

  it("reports a wildcard answer without the proof that no closer name exists", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, _type, answer) => (name.endsWith("wild.example.test") ? { ...answer, authorities: [] } : answer);
    const r = await validator(world).validate("x.wild.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 12);
    assert.match(r.reason, /expanded from \*\.wild\.example\.test, without proof/);
  });

  it("reports a wildcard answer whose NSEC3 proof is missing", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, _type, answer) => (name.endsWith("wild.nsec3.test") ? { ...answer, authorities: [] } : answer);
    const r = await validator(world).validate("x.wild.nsec3.test", TYPE.A);
    assert.equal(r.security, "bogus");
  });

  it("reports an unsigned DS answer in a signed parent", async () => {
    const world = standardWorld({ test: { postSign: withoutSigs("example.test", TYPE.DS) } });
    const r = await validator(world).validate("example.test", TYPE.SOA);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 10);
  });

  it("reports a DS denial without NSEC records", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, type, answer) => (name === "unsigned.test" && type === TYPE.DS ? stripDenial(answer) : answer);
    const r = await validator(world).validate("www.unsigned.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 12);
  });

  it("rejects the child's own NODATA as proof that there is no DS", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, type, answer) => {
      if (name !== "example.test" || type !== TYPE.DS) return answer;
      // Serve the child's own NODATA (apex NSEC with SOA) instead of the parent's DS.
      return world.lookup.resolve("example.test", TYPE.TXT, 0);
    };
    const r = await validator(world).validate("example.test", TYPE.SOA);
    assert.equal(r.security, "bogus", r.reason);
  });
});

describe("validator: CNAME chains across zones", () => {
  const extraText = `
to-unsigned 300 IN CNAME www.unsigned.test.
to-bogus 300 IN CNAME www.broken.test.
to-nsec3 300 IN CNAME www.nsec3.test.
to-nowhere 300 IN CNAME nope.nsec3.test.
`;
  function cnameWorld(): World {
    return standardWorld({ "example.test": { text: EXAMPLE_TEXT + extraText } }, [
      { origin: "broken.test", text: "www 300 IN A 192.0.2.66\n", postSign: tamperSigs("www.broken.test", TYPE.A) },
    ]);
  }

  it("is secure when every zone on the way is secure", async () => {
    const r = await validator(cnameWorld()).validate("to-nsec3.example.test", TYPE.A);
    assert.equal(r.security, "secure", r.reason);
    assert.deepEqual(r.cnameChain, ["www.nsec3.test"]);
    assert.deepEqual(r.chain.map((l) => l.zone), [".", "test", "example.test", "nsec3.test"]);
  });

  it("is insecure when the target zone is insecure", async () => {
    const r = await validator(cnameWorld()).validate("to-unsigned.example.test", TYPE.A);
    assert.equal(r.security, "insecure", r.reason);
    assert.deepEqual(r.cnameChain, ["www.unsigned.test"]);
    assert.equal(answersOf(r.answers, TYPE.A).length, 1);
  });

  it("is bogus when the target is bogus", async () => {
    const r = await validator(cnameWorld()).validate("to-bogus.example.test", TYPE.A);
    assert.equal(r.security, "bogus", r.reason);
    assert.match(r.reason, /www\.broken\.test\/A/);
  });

  it("validates the NXDOMAIN at the end of a chain in another zone", async () => {
    const r = await validator(cnameWorld()).validate("to-nowhere.example.test", TYPE.A);
    assert.equal(r.security, "secure", r.reason);
    assert.equal(r.rcode, 3);
    assert.deepEqual(r.cnameChain, ["nope.nsec3.test"]);
  });

  it("validates a wildcard CNAME into an NXDOMAIN of another zone, with both zones' proofs in one message", async () => {
    const world = standardWorld({ "example.test": { text: EXAMPLE_TEXT + "*.wc 300 IN CNAME nope.nsec3.test.\n" } });
    const r = await validator(world).validate("x.wc.example.test", TYPE.A);
    assert.equal(r.security, "secure", r.reason);
    assert.equal(r.rcode, 3);
    assert.deepEqual(r.cnameChain, ["nope.nsec3.test"]);
  });

  it("is bogus when the CNAME itself is unsigned", async () => {
    const world = standardWorld({ "example.test": { text: EXAMPLE_TEXT + extraText, postSign: withoutSigs("to-nsec3.example.test") } });
    const r = await validator(world).validate("to-nsec3.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 10);
  });

  it("stops a CNAME loop", async () => {
    const world = standardWorld({ "example.test": { text: EXAMPLE_TEXT + "loop1 300 IN CNAME loop2\nloop2 300 IN CNAME loop1\n" } });
    const r = await validator(world).validate("loop1.example.test", TYPE.A);
    assert.notEqual(r.security, "secure");
  });
});

describe("validator: lookup failures", () => {
  it("is indeterminate when a DNSKEY lookup times out", async () => {
    const world = standardWorld();
    world.lookup.failures.set(`example.test/${TYPE.DNSKEY}`, "timeout");
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "indeterminate");
    assert.match(r.reason, /query for example\.test\/DNSKEY failed: timeout/);
    assert.equal(r.ede?.code, 22);
  });

  it("is indeterminate when the resolver answers SERVFAIL to a DS query", async () => {
    const world = standardWorld();
    world.lookup.failures.set(`example.test/${TYPE.DS}`, "servfail");
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "indeterminate");
    assert.match(r.reason, /SERVFAIL to the DS query for example\.test/);
  });

  it("is indeterminate when the question itself times out, and retries later", async () => {
    const world = standardWorld();
    world.lookup.failures.set(`www.example.test/${TYPE.A}`, "timeout");
    const v = validator(world);
    const r = await v.validate("www.example.test", TYPE.A);
    assert.equal(r.security, "indeterminate");
    assert.equal(r.rcode, NO_ANSWER_RCODE);
    world.lookup.failures.clear();
    assert.equal((await v.validate("www.example.test", TYPE.A)).security, "secure");
  });

  it("does not cache a failed key lookup", async () => {
    const world = standardWorld();
    world.lookup.failures.set(`test/${TYPE.DNSKEY}`, "timeout");
    const v = validator(world);
    assert.equal((await v.validate("www.example.test", TYPE.A)).security, "indeterminate");
    world.lookup.failures.clear();
    assert.equal((await v.validate("www.example.test", TYPE.A)).security, "secure");
  });
});

describe("validator: other answer shapes", () => {
  it("follows a signed DNAME and ignores the synthesised CNAME's lack of signature", async () => {
    const world = standardWorld({ "example.test": { text: EXAMPLE_TEXT + "moved 300 IN DNAME nsec3.test.\n" } });
    const r = await validator(world).validate("www.moved.example.test", TYPE.A);
    assert.equal(r.security, "secure", r.reason);
    assert.deepEqual(r.cnameChain, ["www.nsec3.test"]);
    assert.equal(answersOf(r.answers, TYPE.A).length, 1);
  });

  it("is bogus when the DNAME is unsigned in a signed zone", async () => {
    const world = standardWorld({ "example.test": { text: EXAMPLE_TEXT + "moved 300 IN DNAME nsec3.test.\n", postSign: withoutSigs("moved.example.test", TYPE.DNAME) } });
    const r = await validator(world).validate("www.moved.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
  });

  it("validates a DS RRset and a DS NODATA", async () => {
    const v = validator(standardWorld());
    const ds = await v.validate("example.test", TYPE.DS);
    assert.equal(ds.security, "secure", ds.reason);
    assert.equal(answersOf(ds.answers, TYPE.DS).length, 1);
    const none = await v.validate("unsigned.test", TYPE.DS);
    assert.equal(none.security, "secure", none.reason);
    assert.deepEqual(none.answers, []);
  });

  it("validates a DNSKEY RRset", async () => {
    const r = await validator(standardWorld()).validate("nsec3.test", TYPE.DNSKEY);
    assert.equal(r.security, "secure", r.reason);
    assert.equal(r.answers.length, 2);
  });

  it("validates the NODATA at the end of a CNAME chain in the same message", async () => {
    const r = await validator(standardWorld()).validate("alias.example.test", TYPE.AAAA);
    assert.equal(r.security, "secure", r.reason);
    assert.equal(r.rcode, 0);
    assert.deepEqual(r.cnameChain, ["www.example.test"]);
  });

  it("takes an NXDOMAIN whose NSEC records prove NODATA as NODATA, as unbound does", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, type, answer) => (name === "www.example.test" && type === TYPE.AAAA ? { ...answer, rcode: 3 } : answer);
    const r = await validator(world).validate("www.example.test", TYPE.AAAA);
    assert.equal(r.security, "secure", r.reason);
    assert.equal(r.rcode, 0);
  });

  it("asks for the CNAME target when the resolver did not follow the chain", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, type, answer) =>
      (name === "alias.example.test" ? { ...answer, answers: answer.answers.filter((r) => r.name === "alias.example.test") } : answer);
    const r = await validator(world).validate("alias.example.test", TYPE.A);
    assert.equal(r.security, "secure", r.reason);
    assert.ok(world.lookup.log.some((q) => q.name === "www.example.test" && q.type === TYPE.A));
  });

  it("reports a REFUSED answer to the question as indeterminate", async () => {
    const world = standardWorld();
    world.lookup.rewrite = (name, _type, answer) => (name === "www.example.test" ? { rcode: 5, answers: [], authorities: [] } : answer);
    const r = await validator(world).validate("www.example.test", TYPE.A);
    assert.equal(r.security, "indeterminate");
    assert.equal(r.rcode, 5);
  });
});
