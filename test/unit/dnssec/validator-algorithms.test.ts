// Every supported DNSKEY algorithm validates end to end; deprecated ones are reported.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TYPE } from "../../../src/dns/rdata.ts";
import { DnssecValidator } from "../../../src/dnssec/validator.ts";
import { buildWorld, NOW } from "./validator-harness.ts";

const ALGORITHMS: { algorithm: number; rsaBits?: number; deprecated: boolean }[] = [
  { algorithm: 5, rsaBits: 1024, deprecated: true },
  { algorithm: 7, rsaBits: 1024, deprecated: true },
  { algorithm: 8, rsaBits: 2048, deprecated: false },
  { algorithm: 10, rsaBits: 2048, deprecated: false },
  { algorithm: 13, deprecated: false },
  { algorithm: 14, deprecated: false },
  { algorithm: 15, deprecated: false },
  { algorithm: 16, deprecated: false },
];

describe("validator: per algorithm", () => {
  for (const a of ALGORITHMS) {
    it(`validates a zone signed with algorithm ${a.algorithm}`, async () => {
      const world = buildWorld([
        { origin: "." },
        { origin: "test" },
        { origin: "alg.test", algorithm: a.algorithm, ...(a.rsaBits ? { rsaBits: a.rsaBits } : {}), text: "www 300 IN A 192.0.2.1\n" },
      ]);
      const v = new DnssecValidator({ lookup: world.lookup, trustAnchors: world.rootAnchors, now: () => NOW });
      const positive = await v.validate("www.alg.test", TYPE.A);
      assert.equal(positive.security, "secure", positive.reason);
      assert.deepEqual(positive.chain.at(-1)!.algorithms, [a.algorithm]);
      assert.deepEqual(positive.deprecatedAlgorithms, a.deprecated ? [a.algorithm] : undefined);
      const negative = await v.validate("nope.alg.test", TYPE.A);
      assert.equal(negative.security, "secure", negative.reason);
      assert.equal(negative.rcode, 3);
    });
  }

  it("validates with a SHA-1 or SHA-384 DS", async () => {
    for (const dsDigest of [1, 4]) {
      const world = buildWorld([{ origin: "." }, { origin: "test", dsDigest }]);
      const v = new DnssecValidator({ lookup: world.lookup, trustAnchors: world.rootAnchors, now: () => NOW });
      const r = await v.validate("test", TYPE.SOA);
      assert.equal(r.security, "secure", `digest ${dsDigest}: ${r.reason}`);
    }
  });
});
