// Route origin validation, RFC 6811 section 2, and its use per address: the cases the issue
// lists (several ROAs for one prefix, maxLength, AS0, nested and overlapping prefixes, IPv4
// and IPv6, a route with several origins, an address in no route).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateOrigin } from "../../../src/rpki/rov.ts";
import type { Vrp } from "../../../src/rpki/types.ts";
import { rpkiData } from "./helpers.ts";

const vrp = (prefix: string, asn: number, maxLength?: number): Vrp => ({ prefix, asn, maxLength: maxLength ?? Number(prefix.split("/")[1]) });

describe("validateOrigin (RFC 6811 2)", () => {
  it("no covering VRP: not-found", () => {
    assert.equal(validateOrigin(24, 64496, []).state, "not-found");
  });

  it("a matching VRP: valid, and it is the evidence", () => {
    const v = validateOrigin(24, 64496, [vrp("192.0.2.0/24", 64496)]);
    assert.equal(v.state, "valid");
    assert.deepEqual(v.matched, [vrp("192.0.2.0/24", 64496)]);
  });

  it("covered by another AS only: invalid, reason origin", () => {
    const v = validateOrigin(24, 64496, [vrp("192.0.2.0/24", 64497)]);
    assert.deepEqual([v.state, v.reason], ["invalid", "origin"]);
    assert.deepEqual(v.unmatchedAs.map((x) => x.asn), [64497]);
  });

  it("longer than maxLength: invalid, reason length; within maxLength: valid", () => {
    assert.deepEqual([validateOrigin(25, 64496, [vrp("192.0.2.0/24", 64496)]).state, validateOrigin(25, 64496, [vrp("192.0.2.0/24", 64496)]).reason], ["invalid", "length"]);
    assert.equal(validateOrigin(25, 64496, [vrp("192.0.2.0/24", 64496, 25)]).state, "valid");
    assert.equal(validateOrigin(26, 64496, [vrp("192.0.2.0/24", 64496, 25)]).state, "invalid");
  });

  it("several ROAs for one prefix: one match is enough, the others are listed", () => {
    const v = validateOrigin(24, 64497, [vrp("192.0.2.0/24", 64496), vrp("192.0.2.0/24", 64497), vrp("192.0.0.0/16", 64497)]);
    assert.equal(v.state, "valid");
    assert.deepEqual(v.matched, [vrp("192.0.2.0/24", 64497)]);
    assert.deepEqual(v.unmatchedAs.map((x) => x.asn), [64496]);
    assert.deepEqual(v.unmatchedLength, [vrp("192.0.0.0/16", 64497)]);
  });

  it("AS0 ROAs cover but never match (RFC 6483 4, RFC 7607), even a route that claims AS0", () => {
    const as0 = [vrp("192.0.2.0/24", 0, 32)];
    assert.deepEqual([validateOrigin(24, 64496, as0).state, validateOrigin(24, 64496, as0).reason], ["invalid", "as0"]);
    assert.equal(validateOrigin(24, 0, as0).state, "invalid");
    // An AS0 ROA next to the origin's own ROA changes nothing.
    assert.equal(validateOrigin(24, 64496, [...as0, vrp("192.0.2.0/24", 64496)]).state, "valid");
  });

  it("origin NONE (AS_SET) matches nothing: invalid when covered, not-found otherwise", () => {
    assert.equal(validateOrigin(24, null, [vrp("192.0.2.0/24", 64496)]).state, "invalid");
    assert.equal(validateOrigin(24, null, []).state, "not-found");
  });

  it("the too-short ROA of the origin is the reason given, before other ASes' ROAs", () => {
    assert.equal(validateOrigin(25, 64496, [vrp("192.0.2.0/24", 64497), vrp("192.0.2.0/24", 64496)]).reason, "length");
  });
});

describe("routing of an address", () => {
  const data = rpkiData(
    [
      { prefix: "192.0.0.0/16", asn: 64496, maxLength: 24 },
      { prefix: "192.0.2.0/24", asn: 64497 },
      { prefix: "192.0.2.0/24", asn: 64498 },
      { prefix: "203.0.113.0/24", asn: 0, maxLength: 32 },
      { prefix: "2001:db8::/32", asn: 64499, maxLength: 48 },
    ],
    [
      "192.0.0.0/16 64496",
      "192.0.2.0/24 64497 64498",
      "192.0.2.128/25 64497",
      "198.51.100.0/24 64500",
      "203.0.113.0/24 64501",
      "2001:db8:1::/48 64499",
      "2001:db8:1:100::/56 64499",
      "2001:db8:2::/48 64666",
    ],
  );

  it("nested prefixes: every covering route, most specific first; only the longest match decides", async () => {
    const r = await data.routing("192.0.2.200");
    assert.deepEqual(r.routes.map((x) => [x.prefix, x.origin, x.longestMatch, x.state, x.reason]), [
      ["192.0.2.128/25", 64497, true, "invalid", "length"],
      ["192.0.2.0/24", 64497, false, "valid", undefined],
      ["192.0.2.0/24", 64498, false, "valid", undefined],
      ["192.0.0.0/16", 64496, false, "valid", undefined],
    ]);
  });

  it("a route with several origins: each origin is validated", async () => {
    const r = await data.routing("192.0.2.1");
    const deciding = r.routes.filter((x) => x.longestMatch);
    assert.deepEqual(deciding.map((x) => [x.origin, x.state]), [[64497, "valid"], [64498, "valid"]]);
    // The less specific ROA of AS64496 covers the /24 too, and is listed as another AS's.
    assert.deepEqual(deciding[0]!.unmatchedAs.map((v) => v.asn).sort(), [64496, 64498]);
  });

  it("not-found, AS0, IPv6 valid / too specific / wrong origin", async () => {
    const states = async (a: string) => (await data.routing(a)).routes.filter((x) => x.longestMatch).map((x) => `${x.state}${x.reason ? `:${x.reason}` : ""}`);
    assert.deepEqual(await states("198.51.100.7"), ["not-found"]);
    assert.deepEqual(await states("203.0.113.9"), ["invalid:as0"]);
    assert.deepEqual(await states("2001:db8:1::1"), ["valid"]);
    assert.deepEqual(await states("2001:db8:1:100::1"), ["invalid:length"]);
    assert.deepEqual(await states("2001:db8:2::1"), ["invalid:origin"]);
  });

  it("an address in no route: no routes, and the VRPs covering the address itself", async () => {
    const r = await data.routing("2001:db8:ffff::1");
    assert.deepEqual(r.routes, []);
    assert.deepEqual(r.addressVrps?.map((v) => v.prefix), ["2001:db8::/32"]);
    const none = await data.routing("10.0.0.1");
    assert.deepEqual([none.routes, none.addressVrps], [[], []]);
  });

  it("a text that is not an address is an error, not a verdict", async () => {
    assert.match((await data.routing("example.nl")).error ?? "", /not an IP address/);
  });
});
