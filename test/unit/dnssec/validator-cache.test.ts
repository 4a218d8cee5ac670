// The chain of trust is cached per zone and shared by concurrent validations, within the
// TTLs and signature lifetimes; failures are not kept.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TYPE } from "../../../src/dns/rdata.ts";
import { DnssecValidator } from "../../../src/dnssec/validator.ts";
import { buildWorld, NOW, type World } from "./validator-harness.ts";

function world(): World {
  const children = Array.from({ length: 20 }, (_, i) => ({ origin: `d${i}.test`, text: "www 300 IN A 192.0.2.1\nmail 300 IN A 192.0.2.2\n" }));
  return buildWorld([{ origin: "." }, { origin: "test" }, ...children]);
}

function keyQueries(w: World): number {
  return w.lookup.log.filter((q) => q.type === TYPE.DS || q.type === TYPE.DNSKEY).length;
}

describe("validator: caching", () => {
  it("validates a sibling name with only the question itself", async () => {
    const w = world();
    const v = new DnssecValidator({ lookup: w.lookup, trustAnchors: w.rootAnchors, now: () => NOW });
    assert.equal((await v.validate("www.d0.test", TYPE.A)).security, "secure");
    const first = w.lookup.log.length;
    assert.equal((await v.validate("mail.d0.test", TYPE.A)).security, "secure");
    assert.equal(w.lookup.log.length - first, 1);
    assert.deepEqual(w.lookup.log.at(-1), { name: "mail.d0.test", type: TYPE.A });
  });

  it("reuses the root and TLD keys for other zones under the TLD", async () => {
    const w = world();
    const v = new DnssecValidator({ lookup: w.lookup, trustAnchors: w.rootAnchors, now: () => NOW });
    await v.validate("d0.test", TYPE.SOA);
    const before = keyQueries(w);
    await v.validate("d1.test", TYPE.SOA);
    // Only d1.test's DS and DNSKEY.
    assert.equal(keyQueries(w) - before, 2);
  });

  it("shares key lookups between concurrent validations", async () => {
    const w = world();
    const v = new DnssecValidator({ lookup: w.lookup, trustAnchors: w.rootAnchors, now: () => NOW });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => v.validate(`d${i}.test`, TYPE.SOA)));
    assert.ok(results.every((r) => r.security === "secure"));
    const count = (name: string, type: number) => w.lookup.log.filter((q) => q.name === name && q.type === type).length;
    assert.equal(count(".", TYPE.DNSKEY), 1);
    assert.equal(count("test", TYPE.DS), 1);
    assert.equal(count("test", TYPE.DNSKEY), 1);
    // Per zone: DS + DNSKEY + SOA; plus the root DNSKEY and the TLD's DS and DNSKEY.
    assert.equal(w.lookup.log.length, 20 * 3 + 3);
  });

  it("walks the chain again once the keys' TTL has passed", async () => {
    const w = world();
    let now = NOW;
    const v = new DnssecValidator({ lookup: w.lookup, trustAnchors: w.rootAnchors, now: () => now });
    await v.validate("www.d0.test", TYPE.A);
    const before = keyQueries(w);
    now += 3601; // the DS and DNSKEY TTLs are 3600 s
    assert.equal((await v.validate("www.d0.test", TYPE.A)).security, "secure");
    assert.ok(keyQueries(w) > before);
  });

  it("keeps an insecure delegation's verdict for the sibling names below it", async () => {
    const w = buildWorld([{ origin: "." }, { origin: "test" }, { origin: "plain.test", signed: false, text: "a 300 IN A 192.0.2.1\nb 300 IN A 192.0.2.2\n" }]);
    const v = new DnssecValidator({ lookup: w.lookup, trustAnchors: w.rootAnchors, now: () => NOW });
    assert.equal((await v.validate("a.plain.test", TYPE.A)).security, "insecure");
    const before = w.lookup.log.length;
    assert.equal((await v.validate("b.plain.test", TYPE.A)).security, "insecure");
    // Only the question: below the insecure delegation nothing more is looked up.
    assert.equal(w.lookup.log.length - before, 1);
  });
});
