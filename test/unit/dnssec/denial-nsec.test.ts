// NSEC proofs (RFC 4035 5.4, RFC 6840 4) over decoded NSEC records: the RFC 4035 Appendix A
// zone's NSEC chain, plus hand-made records for the corner cases.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TYPE } from "../../../src/dns/rdata.ts";
import {
  nsecClosestEncloser, nsecCoversName, nsecProveNameError, nsecProveNoDs, nsecProveNodata, nsecProvesInsecureDelegation,
  nsecProvesNoWildcard, nsecProvesNodata, nsecProvesWildcardAnswer, nsecRecordsOf, type NsecRecord,
} from "../../../src/dnssec/denial-nsec.ts";
import { loadVector } from "./helpers.ts";

const { A, NS, SOA, MX, DS, CNAME, DNAME, RRSIG, NSEC, DNSKEY, AAAA, TXT } = TYPE;

const HINFO = 13;

function nsec(owner: string, next: string, types: number[]): NsecRecord {
  return { owner, next, types };
}

/** The full NSEC chain of RFC 4035 Appendix A ("example"); the vector file holds a subset. */
const chain: NsecRecord[] = [
  nsec("example", "a.example", [NS, SOA, MX, RRSIG, NSEC, DNSKEY]),
  nsec("a.example", "ai.example", [NS, DS, RRSIG, NSEC]),
  nsec("ai.example", "b.example", [A, HINFO, AAAA, RRSIG, NSEC]),
  nsec("b.example", "ns1.example", [NS, RRSIG, NSEC]),
  nsec("ns1.example", "ns2.example", [A, RRSIG, NSEC]),
  nsec("ns2.example", "*.w.example", [A, RRSIG, NSEC]),
  nsec("*.w.example", "x.w.example", [MX, RRSIG, NSEC]),
  nsec("x.w.example", "x.y.w.example", [MX, RRSIG, NSEC]),
  nsec("x.y.w.example", "xx.example", [MX, RRSIG, NSEC]),
  nsec("xx.example", "example", [A, HINFO, AAAA, RRSIG, NSEC]),
];
const at = (owner: string): NsecRecord => {
  const found = chain.find((n) => n.owner.toLowerCase() === owner);
  assert.ok(found, `no NSEC at ${owner}`);
  return found;
};


describe("NSEC: covering a name", () => {
  it("agrees with the NSEC records of the Appendix A vector", () => {
    const fromVector = nsecRecordsOf(loadVector("rfc4035-appendix-a.zone"));
    assert.equal(fromVector.length, 5);
    for (const n of fromVector) {
      const mine = at(n.owner.toLowerCase());
      assert.equal(n.next.toLowerCase(), mine.next);
      assert.deepEqual([...n.types].sort((a, b) => a - b), [...mine.types].sort((a, b) => a - b));
    }
  });

  it("covers names strictly between owner and next, in canonical order", () => {
    assert.equal(nsecCoversName(at("b.example"), "ml.example"), true); // RFC 4035 B.2
    assert.equal(nsecCoversName(at("b.example"), "b.example"), false);
    assert.equal(nsecCoversName(at("b.example"), "ns1.example"), false);
    assert.equal(nsecCoversName(at("example"), "*.example"), true);
    assert.equal(nsecCoversName(at("ns1.example"), "ns10.example"), true);
  });

  it("wraps around at the last NSEC, but only inside the zone", () => {
    const last = at("xx.example");
    assert.equal(last.next.toLowerCase(), "example");
    assert.equal(nsecCoversName(last, "z.example"), true);
    assert.equal(nsecCoversName(last, "a.xx.example"), true);
    assert.equal(nsecCoversName(last, "zz.other"), false);
    assert.equal(nsecCoversName(last, "b.example"), false);
  });

  it("treats an apex-to-apex NSEC as covering every other name in the zone", () => {
    const only = nsec("example", "example", [NS, SOA, RRSIG, NSEC, DNSKEY]);
    assert.equal(nsecCoversName(only, "www.example"), true);
    assert.equal(nsecCoversName(only, "example"), false);
    assert.equal(nsecCoversName(only, "other"), false);
  });

  it("proves nothing about names below a delegation or DNAME (RFC 6840 4.1)", () => {
    const delegation = nsec("b.example", "ns1.example", [NS, RRSIG, NSEC]);
    assert.equal(nsecCoversName(delegation, "www.b.example"), false);
    const dname = nsec("d.example", "e.example", [DNAME, RRSIG, NSEC]);
    assert.equal(nsecCoversName(dname, "x.d.example"), false);
    // An apex NSEC (NS with SOA) is no delegation: it does cover names below.
    const apex = nsec("example", "b.example", [NS, SOA, RRSIG, NSEC]);
    assert.equal(nsecCoversName(apex, "a.example"), true);
  });

  it("finds the closest encloser and the wildcard proof (RFC 4035 B.2)", () => {
    assert.equal(nsecClosestEncloser(at("b.example"), "ml.example"), "example");
    assert.equal(nsecProvesNoWildcard(at("example"), "ml.example"), true);
    assert.equal(nsecProvesNoWildcard(at("b.example"), "ml.example"), false);
    assert.equal(nsecClosestEncloser(at("x.w.example"), "a.x.w.example").toLowerCase(), "x.w.example");
  });
});

describe("NSEC: NXDOMAIN", () => {
  it("is proven with the name and the wildcard covered (RFC 4035 B.2)", () => {
    assert.deepEqual(nsecProveNameError([at("b.example"), at("example")], "ml.example", A), { status: "secure" });
  });

  it("is unproven without the wildcard NSEC", () => {
    const r = nsecProveNameError([at("b.example")], "ml.example", A);
    assert.equal(r.status, "unproven");
    assert.match((r as { reason: string }).reason, /wildcard \*\.example/);
  });

  it("is unproven without the covering NSEC", () => {
    assert.equal(nsecProveNameError([at("example")], "ml.example", A).status, "unproven");
  });

  it("uses the longest closest encloser for the wildcard", () => {
    // a.x.w.example: the closest encloser is x.w.example, whose wildcard *.x.w.example must be covered.
    const covering = at("x.w.example"); // x.w.example -> x.y.w.example covers a.x.w.example and *.x.w.example
    assert.deepEqual(nsecProveNameError([covering], "a.x.w.example", A), { status: "secure" });
    // *.example is covered by the apex NSEC, but that is the wrong wildcard for a.x.w.example.
    assert.equal(nsecProveNameError([at("example"), at("ns2.example")], "a.x.w.example", A).status, "unproven");
  });

  it("is insecure below an unsigned delegation (parent-side NSEC)", () => {
    const r = nsecProveNameError([at("b.example"), at("example")], "www.b.example", A);
    assert.equal(r.status, "insecure");
  });
});

describe("NSEC: NODATA", () => {
  it("is proven by the matching NSEC without the type (RFC 4035 B.3)", () => {
    assert.deepEqual(nsecProvesNodata(at("ns1.example"), "ns1.example", MX), { proven: true });
    assert.deepEqual(nsecProveNodata([at("ns1.example")], "ns1.example", MX), { status: "secure" });
  });

  it("is not proven when the bitmap has the type or a CNAME", () => {
    assert.equal(nsecProvesNodata(at("ns1.example"), "ns1.example", A).proven, false);
    assert.equal(nsecProvesNodata(nsec("c.example", "d.example", [CNAME, RRSIG, NSEC]), "c.example", A).proven, false);
  });

  it("is not proven by a parent-side delegation NSEC, except for DS", () => {
    const delegation = nsec("b.example", "ns1.example", [NS, RRSIG, NSEC]);
    assert.equal(nsecProvesNodata(delegation, "b.example", A).proven, false);
    assert.equal(nsecProvesNodata(delegation, "b.example", DS).proven, true);
  });

  it("is not proven for DS by the child's apex NSEC", () => {
    const childApex = nsec("b.example", "www.b.example", [NS, SOA, RRSIG, NSEC, DNSKEY]);
    assert.equal(nsecProvesNodata(childApex, "b.example", DS).proven, false);
    // ...except at the root, which has no parent.
    assert.equal(nsecProvesNodata(nsec(".", "aaa", [NS, SOA, RRSIG, NSEC, DNSKEY]), ".", DS).proven, true);
  });

  it("is proven for an empty non-terminal (RFC 4035 3.1.3.2)", () => {
    // y.w.example has no records but x.y.w.example exists: x.w.example NSEC x.y.w.example.
    assert.deepEqual(nsecProvesNodata(at("x.w.example"), "y.w.example", A), { proven: true });
    assert.deepEqual(nsecProveNodata([at("x.w.example")], "y.w.example", A), { status: "secure" });
  });

  it("is proven for a wildcard NODATA with the matching wildcard and the closest encloser (RFC 4035 B.7)", () => {
    const wildcard = at("*.w.example");
    assert.deepEqual(nsecProvesNodata(wildcard, "a.z.w.example", AAAA), { proven: true, wildcardEncloser: "w.example" });
    // Alone it does not show that a.z.w.example itself is absent.
    assert.equal(nsecProveNodata([wildcard], "a.z.w.example", AAAA).status, "unproven");
    assert.deepEqual(nsecProveNodata([wildcard, at("x.y.w.example")], "a.z.w.example", AAAA), { status: "secure" });
    // The wildcard has MX: no NODATA for MX.
    assert.equal(nsecProvesNodata(wildcard, "a.z.w.example", MX).proven, false);
  });

  it("is proven when the wildcard is itself an empty non-terminal", () => {
    // *.w exists only as the parent of a.*.w: the NSEC before it has next a.*.w.
    const before = nsec("w.example", "a.*.w.example", [TXT, RRSIG, NSEC]);
    assert.deepEqual(nsecProvesNodata(before, "q.w.example", A), { proven: true, wildcardEncloser: "w.example" });
  });

  it("is insecure when an NSEC shows an unsigned delegation above the name", () => {
    assert.equal(nsecProvesInsecureDelegation(at("b.example"), "www.b.example", A), true);
    assert.equal(nsecProvesInsecureDelegation(at("b.example"), "b.example", A), true);
    assert.equal(nsecProvesInsecureDelegation(at("b.example"), "b.example", DS), false);
    assert.equal(nsecProvesInsecureDelegation(at("a.example"), "www.a.example", A), false); // a.example has DS
    assert.equal(nsecProveNodata([at("b.example")], "www.b.example", A).status, "insecure");
  });
});

describe("NSEC: DS absence (RFC 4035 5.2)", () => {
  it("proves an unsigned delegation: NS, no DS, no SOA", () => {
    assert.equal(nsecProveNoDs([at("b.example")], "b.example"), "no-ds");
  });

  it("proves that a name is no delegation: no NS", () => {
    assert.equal(nsecProveNoDs([at("ns1.example")], "ns1.example"), "not-delegation");
  });

  it("proves that an empty non-terminal is no delegation", () => {
    assert.equal(nsecProveNoDs([at("x.w.example")], "y.w.example"), "not-delegation");
  });

  it("rejects a matching NSEC with the DS bit, or from the child's apex", () => {
    assert.equal(nsecProveNoDs([at("a.example")], "a.example"), "bogus");
    assert.equal(nsecProveNoDs([nsec("b.example", "x.b.example", [NS, SOA, RRSIG, NSEC, DNSKEY])], "b.example"), "bogus");
  });

  it("leaves a covered (non-existent) name unproven, as unbound does", () => {
    assert.equal(nsecProveNoDs([at("b.example"), at("example")], "ml.example"), "unproven");
  });

  it("judges the wildcard's bitmap for a wildcard DS NODATA", () => {
    const wildcard = at("*.w.example");
    assert.equal(nsecProveNoDs([wildcard, at("x.y.w.example")], "a.z.w.example"), "not-delegation");
  });
});

describe("NSEC: wildcard answers (RFC 4035 5.3.4)", () => {
  it("needs an NSEC that covers the name with the wildcard's parent as closest encloser", () => {
    // RFC 4035 B.6: a.z.w.example from *.w.example, proven by x.y.w.example NSEC xx.example.
    assert.equal(nsecProvesWildcardAnswer([at("x.y.w.example")], "a.z.w.example", "w.example"), true);
    assert.equal(nsecProvesWildcardAnswer([at("x.y.w.example")], "a.z.w.example", "example"), false);
    assert.equal(nsecProvesWildcardAnswer([at("b.example")], "a.z.w.example", "w.example"), false);
  });
});

describe("NSEC: decoding", () => {
  it("drops malformed NSEC records", () => {
    const records = nsecRecordsOf([{ name: "a.example", type: NSEC, class: 1, ttl: 0, rdata: Uint8Array.of(5, 0x61) }]);
    assert.deepEqual(records, []);
  });
});
