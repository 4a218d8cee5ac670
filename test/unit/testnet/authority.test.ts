// The answering logic as pure functions: CNAME chains inside and out of a zone, referrals
// reached through a CNAME, wildcard NODATA, empty non-terminals, the DS rule for choosing a
// zone, and the resolver's SERVFAIL cases.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normaliseName } from "../../../src/dns/name.ts";
import { TYPE } from "../../../src/dns/rdata.ts";
import { RCODE, typeName } from "../../../src/dns/rr-types.ts";
import { answerFromZone, findAnsweringZone } from "../../../src/testnet/authority.ts";
import { compileWorld } from "../../../src/testnet/compile-world.ts";
import { resolveQuestion } from "../../../src/testnet/resolver-logic.ts";
import { records } from "../../../src/testnet/scenarios/helpers.ts";
import type { World } from "../../../src/testnet/world.ts";

const world: World = {
  zones: [
    { origin: ".", nameServers: ["ns.root"], signing: {} },
    {
      origin: "zone", nameServers: ["ns.root"], signing: {},
      records: records(
        "loop1 CNAME loop2", "loop2 CNAME loop1", "out CNAME www.elsewhere.", "in CNAME a.b", "a.b TXT \"x\"",
        "to-child CNAME www.child", "*.wild TXT \"wild\"", "lame NS ns.nowhere.",
      ),
    },
    { origin: "child.zone", nameServers: ["ns.root"], signing: "none" },
  ],
  hosts: [{ name: "ns.root", addresses: [{ address: "192.0.2.1" }] }, { name: "www.child.zone", addresses: [{ address: "192.0.2.80" }] }],
  domains: [],
};

const w = compileWorld(world);
const zone = w.zoneIndex("zone");
const types = (rrs: { type: number }[]) => rrs.map((r) => typeName(r.type));

describe("answerFromZone", () => {
  it("follows CNAMEs within the zone and stops at a loop", () => {
    const inZone = answerFromZone(zone, "in.zone", TYPE.TXT, false);
    assert.deepEqual(types(inZone.answers), ["CNAME", "TXT"]);
    assert.equal(inZone.cnameTarget, undefined);
    const loop = answerFromZone(zone, "loop1.zone", TYPE.A, false);
    assert.deepEqual(types(loop.answers), ["CNAME", "CNAME"]);
    assert.equal(normaliseName(loop.cnameTarget!), "loop1.zone");
  });

  it("hands a CNAME that leaves the zone, or crosses a cut, to the caller", () => {
    const out = answerFromZone(zone, "out.zone", TYPE.A, true);
    assert.equal(out.kind, "answer");
    assert.equal(out.cnameTarget, "www.elsewhere");
    const down = answerFromZone(zone, "to-child.zone", TYPE.A, false);
    assert.equal(down.kind, "referral");
    assert.deepEqual(types(down.answers), ["CNAME"]);
    assert.equal(down.cnameTarget, "www.child.zone");
  });

  it("answers NODATA at an empty non-terminal with the NSEC that covers it", () => {
    const a = answerFromZone(zone, "b.zone", TYPE.A, true);
    assert.equal(a.kind, "nodata");
    assert.deepEqual(types(a.authorities), ["SOA", "RRSIG", "NSEC", "RRSIG"]);
  });

  it("proves a wildcard NODATA with the NSEC covering the name and the wildcard's own NSEC", () => {
    const a = answerFromZone(zone, "x.wild.zone", TYPE.A, true);
    assert.equal(a.kind, "nodata");
    const nsecOwners = a.authorities.filter((r) => r.type === TYPE.NSEC).map((r) => r.name);
    assert.ok(nsecOwners.includes("*.wild.zone"), nsecOwners.join(","));
    const hit = answerFromZone(zone, "x.wild.zone", TYPE.TXT, true);
    assert.deepEqual(hit.answers.map((r) => r.name), ["x.wild.zone", "x.wild.zone"]);
  });

  it("answers ANY with every RRset at the name", () => {
    const a = answerFromZone(zone, "zone", 255, false);
    assert.ok(types(a.answers).includes("SOA") && types(a.answers).includes("NS") && types(a.answers).includes("DNSKEY"));
  });
});

describe("findAnsweringZone", () => {
  it("picks the deepest zone, but the parent for DS at a child's apex", () => {
    assert.equal(findAnsweringZone(w.catalogue, "www.child.zone", TYPE.A), "child.zone");
    assert.equal(findAnsweringZone(w.catalogue, "child.zone", TYPE.SOA), "child.zone");
    assert.equal(findAnsweringZone(w.catalogue, "child.zone", TYPE.DS), "zone");
    assert.equal(findAnsweringZone(w.catalogue, ".", TYPE.DS), ".");
    assert.equal(findAnsweringZone(w.catalogue, "www.example", TYPE.A), ".");
  });
});

describe("resolveQuestion", () => {
  it("follows a CNAME into a child zone", () => {
    const a = resolveQuestion(w, "to-child.zone", TYPE.A, false);
    assert.equal(a.rcode, RCODE.NOERROR);
    assert.deepEqual(types(a.answers), ["CNAME", "A"]);
  });

  it("fails a delegation to a zone the world lacks, and a CNAME loop", () => {
    assert.equal(resolveQuestion(w, "www.lame.zone", TYPE.A, false).rcode, RCODE.SERVFAIL);
    assert.equal(resolveQuestion(w, "loop1.zone", TYPE.A, false).rcode, RCODE.SERVFAIL);
  });
});
