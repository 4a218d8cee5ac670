// A world of 10,000 zones (the size of the benchmark runs) compiles without signing anything,
// and answers for any of its zones by signing only what is asked for. No timing is asserted;
// the point is that nothing here is quadratic or eager.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TYPE } from "../../../src/dns/rdata.ts";
import { RCODE } from "../../../src/dns/rr-types.ts";
import { compileWorld } from "../../../src/testnet/compile-world.ts";
import { resolveQuestion } from "../../../src/testnet/resolver-logic.ts";
import { signedZone, webHost } from "../../../src/testnet/scenarios/helpers.ts";
import { mergeWorlds } from "../../../src/testnet/scenarios/index.ts";
import { INFRASTRUCTURE } from "../../../src/testnet/scenarios/infrastructure.ts";

const ZONES = 10_000;

describe("a world of 10,000 zones", () => {
  it("compiles and answers, signing zones only on first use", () => {
    const zones = Array.from({ length: ZONES }, (_, i) => signedZone(`domain-${i}.nsec3`));
    const hosts = Array.from({ length: ZONES }, (_, i) => webHost(`domain-${i}.nsec3`));
    const w = compileWorld(mergeWorlds([INFRASTRUCTURE, { zones, hosts, domains: [] }]));
    assert.equal(w.zones.size, ZONES + 5);
    for (const i of [0, 4711, ZONES - 1]) {
      const soa = resolveQuestion(w, `domain-${i}.nsec3`, TYPE.SOA, true);
      assert.equal(soa.rcode, RCODE.NOERROR);
      assert.equal(soa.answers.length, 2);
    }
    const missing = resolveQuestion(w, `domain-${ZONES}.nsec3`, TYPE.A, true);
    assert.equal(missing.rcode, RCODE.NXDOMAIN);
  });
});
