// compileWorld refuses worlds that could not be served as meant, with a message that names
// the zone or host at fault.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileWorld, WorldError } from "../../../src/testnet/compile-world.ts";
import type { World } from "../../../src/testnet/world.ts";

const base = (): World => ({
  zones: [{ origin: ".", nameServers: ["ns.root"], signing: {} }, { origin: "example", nameServers: ["ns.root"], signing: "none" }],
  hosts: [{ name: "ns.root", addresses: [{ address: "192.0.2.1" }] }],
  domains: [],
});

function rejects(change: (w: World) => void, pattern: RegExp): void {
  const w = base();
  change(w);
  assert.throws(() => compileWorld(w), (e: Error) => e instanceof WorldError && pattern.test(e.message));
}

describe("compileWorld checks the world", () => {
  it("accepts a minimal world", () => {
    const w = compileWorld(base());
    assert.equal(w.zones.size, 2);
    assert.equal(w.servers.length, 1);
  });

  it("refuses addresses outside the documentation ranges (they could reach real hosts)", () => {
    rejects((w) => { w.hosts[0]!.addresses = [{ address: "10.0.0.1" }]; }, /ns\.root: 10\.0\.0\.1 is outside the documentation ranges/);
    rejects((w) => { w.hosts[0]!.addresses = [{ address: "2001:db9::1" }]; }, /outside the documentation ranges/);
    rejects((w) => { w.hosts[0]!.addresses = [{ address: "not-an-ip" }]; }, /is not an IP address/);
  });

  it("refuses name servers that are not hosts, duplicate zones and a world without a root", () => {
    rejects((w) => { w.zones[1]!.nameServers = ["ns.elsewhere"]; }, /zone example: name server ns\.elsewhere is not a host/);
    rejects((w) => { w.zones.push({ origin: "Example.", nameServers: ["ns.root"], signing: "none" }); }, /zone example is defined twice/);
    rejects((w) => { w.zones.shift(); }, /no root zone/);
    rejects((w) => { w.zones[1]!.nameServers = []; }, /has no name servers/);
  });

  it("refuses one address playing two DNS servers", () => {
    rejects((w) => {
      w.hosts.push({ name: "ns2.root", addresses: [{ address: "192.0.2.1" }] });
      w.zones[1]!.nameServers = ["ns2.root"];
    }, /192\.0\.2\.1 is a DNS server of both/);
  });

  it("refuses signing it cannot do", () => {
    rejects((w) => { w.zones[1]!.signing = { algorithm: 3 as never }; }, /cannot sign with algorithm 3/);
    rejects((w) => { w.zones[1]!.signing = { denial: { kind: "nsec3", iterations: 0, salt: "xyz", optOut: false } }; }, /salt/);
    rejects((w) => { w.zones[1]!.signing = { breakage: "bogus-nsec3" }; }, /needs NSEC3/);
  });

  it("reports bad records text with the zone and line", () => {
    rejects((w) => { w.zones[1]!.records = "www A 192.0.2.1\nmail MX ten mail\n"; }, /zone example: line 2/);
    rejects((w) => { w.zones[1]!.records = "www.other. A 192.0.2.1\n"; }, /outside the zone/);
  });
});
