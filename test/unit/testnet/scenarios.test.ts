// The scenario registry: enough domains, unique names, complete expectations, and every
// scenario buildable on its own.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isSubdomainOf } from "../../../src/dns/name.ts";
import { compileWorld } from "../../../src/testnet/compile-world.ts";
import { buildWorld, mergeWorlds, SCENARIOS, UnknownScenarioError } from "../../../src/testnet/scenarios/index.ts";
import { BREAKAGES, SIGNING_ALGORITHMS } from "../../../src/testnet/world.ts";

const TEST_IDS = [
  "web_dnssec_exist", "web_dnssec_valid", "web_ipv6_ns_address", "web_ipv6_ns_reach", "web_ipv6_ws_address",
  "mail_dnssec_mailto_exist", "mail_dnssec_mailto_valid", "mail_ipv6_ns_address", "mail_ipv6_ns_reach",
];

describe("testnet scenarios", () => {
  const world = buildWorld();

  it("describe at least 20 domains, each once, each with every expected status", () => {
    assert.ok(world.domains.length >= 20, `${world.domains.length} domains`);
    const names = world.domains.map((d) => d.domain);
    assert.equal(new Set(names).size, names.length);
    for (const d of world.domains) {
      for (const id of TEST_IDS) assert.ok(id in d.statuses, `${d.domain} lacks ${id}`);
      assert.ok(d.description.length > 0);
      assert.ok(d.scenario && SCENARIOS.has(d.scenario));
    }
  });

  it("cover every breakage and every signing algorithm", () => {
    const zones = world.zones.flatMap((z) => (z.signing === "none" ? [] : [z.signing]));
    for (const b of BREAKAGES) assert.ok(zones.some((s) => s.breakage === b), `no zone with breakage ${b}`);
    for (const a of SIGNING_ALGORITHMS) assert.ok(zones.some((s) => (s.algorithm ?? 13) === a), `no zone signed with algorithm ${a}`);
  });

  it("put every domain inside a zone of its own scenario", () => {
    for (const s of SCENARIOS.values()) {
      for (const d of s.domains) assert.ok(s.zones.some((z) => isSubdomainOf(d.domain, z.origin)), `${d.domain} of ${s.name}`);
    }
  });

  it("each build into a world of their own, signed without error", () => {
    for (const name of SCENARIOS.keys()) {
      const w = compileWorld(buildWorld([name]));
      for (const origin of w.zones.keys()) assert.ok(w.zoneRecords(origin).length > 0, `${name}: ${origin}`);
    }
  });

  it("refuse unknown names and conflicting definitions", () => {
    assert.throws(() => buildWorld(["no-such-scenario"]), UnknownScenarioError);
    const z = { origin: "x.test", nameServers: ["ns1.dns-host.test"], signing: "none" as const };
    assert.throws(() => mergeWorlds([{ zones: [z], hosts: [], domains: [] }, { zones: [{ ...z, signing: {} }], hosts: [], domains: [] }]), /two different definitions of zone x\.test/);
  });
});
