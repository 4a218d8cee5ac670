// The demo's synthetic government (src/demo/government-world.ts), built from the shipped Dutch
// register: the same plan on every call and in any input order, every register domain
// resolvable in the compiled world, only documentation addresses anywhere, and a spread of
// configurations within the ranges demo-spread.ts intends.

import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { decodeA, decodeAAAA, TYPE } from "../../../src/dns/rdata.ts";
import { RCODE } from "../../../src/dns/rr-types.ts";
import { governmentWorld, plantedConfigurations, registrableDomainOf } from "../../../src/demo/government-world.ts";
import type { PlantedConfiguration } from "../../../src/demo/government-world.ts";
import { builtinRegisterPath } from "../../../src/register/builtin-registers.ts";
import { importRegisterFile } from "../../../src/register/import-register.ts";
import { compileWorld } from "../../../src/testnet/compile-world.ts";
import { isDocumentationAddress } from "../../../src/testnet/documentation-ranges.ts";
import { resolveQuestion } from "../../../src/testnet/resolver-logic.ts";

async function registerDomains(): Promise<string[]> {
  const outcome = await importRegisterFile(undefined, builtinRegisterPath("nl"));
  assert.ok(outcome.ok && outcome.changes, "the builtin register validates");
  return outcome.changes.domains.map((d) => d.name);
}

function share(items: readonly PlantedConfiguration[], pick: (p: PlantedConfiguration) => boolean): number {
  return items.filter(pick).length / items.length;
}

/** One configuration per zone (sub-domains share their zone's). */
function zonesOf(planted: readonly PlantedConfiguration[]): PlantedConfiguration["zone"][] {
  return [...new Map(planted.map((p) => [p.zone.origin, p.zone])).values()];
}

describe("the demo's synthetic government", () => {
  let domains: string[];
  before(async () => { domains = await registerDomains(); });

  it("plants the same configuration for a domain on every call and in any order", () => {
    const first = plantedConfigurations(domains);
    const again = plantedConfigurations([...domains].reverse());
    assert.equal(first.length, domains.length);
    const byDomain = new Map(again.map((p) => [p.domain, p]));
    for (const p of first) assert.deepEqual(byDomain.get(p.domain), p, p.domain);
    assert.deepEqual(governmentWorld(domains).world, governmentWorld(domains).world);
  });

  it("puts sub-domains in their registrable domain's zone, below multi-label public suffixes too", () => {
    assert.equal(registrableDomainOf("english.rekenkamer.nl"), "rekenkamer.nl");
    assert.equal(registrableDomainOf("plastic-en.tool.cultureelerfgoed.nl"), "cultureelerfgoed.nl");
    assert.equal(registrableDomainOf("nbso-brazil.com.br"), "nbso-brazil.com.br");
    const planted = plantedConfigurations(["rekenkamer.nl", "english.rekenkamer.nl"]);
    assert.equal(planted[0]!.zone, planted[1]!.zone);
    assert.deepEqual(planted.map((p) => p.apex), [true, false]);
  });

  it("resolves every register domain to its planted web addresses, and uses only documentation addresses", () => {
    const { world, planted } = governmentWorld(domains);
    const compiled = compileWorld(world);
    const unresolved: string[] = [];
    for (const p of planted) {
      const a = resolveQuestion(compiled, p.domain, TYPE.A, false);
      const aaaa = resolveQuestion(compiled, p.domain, TYPE.AAAA, false);
      const v4 = a.answers.filter((r) => r.type === TYPE.A);
      const v6 = aaaa.answers.filter((r) => r.type === TYPE.AAAA);
      if (a.rcode !== RCODE.NOERROR || v4.length === 0 || v6.length !== (p.webIpv6 ? 1 : 0)) unresolved.push(`${p.domain}: A ${v4.length}, AAAA ${v6.length}`);
    }
    assert.deepEqual(unresolved, []);
    // Addresses written as zone records are not checked by compileWorld (only hosts are): check them all.
    const outside: string[] = [];
    for (const origin of compiled.zones.keys()) {
      for (const r of compiled.zoneRecords(origin)) {
        if (r.type !== TYPE.A && r.type !== TYPE.AAAA) continue;
        const address = r.type === TYPE.A ? decodeA(r.rdata) : decodeAAAA(r.rdata);
        if (!isDocumentationAddress(address)) outside.push(`${r.name} ${address}`);
      }
    }
    assert.deepEqual(outside, []);
  });

  it("spreads configurations as intended", () => {
    const planted = plantedConfigurations(domains);
    const zones = zonesOf(planted);
    const zoneShare = (pick: (z: PlantedConfiguration["zone"]) => boolean) => zones.filter(pick).length / zones.length;
    const within = (what: string, value: number, low: number, high: number) => assert.ok(value >= low && value <= high, `${what}: ${value.toFixed(3)} outside ${low}..${high}`);
    within("signed and valid zones", zoneShare((z) => z.dnssec === "signed"), 0.55, 0.67);
    within("unsigned zones", zoneShare((z) => z.dnssec === "unsigned"), 0.29, 0.41);
    within("bogus zones", zoneShare((z) => z.dnssec === "bogus"), 0.02, 0.07);
    const signed = zones.filter((z) => z.dnssec !== "unsigned");
    within("NSEC3 among signed zones", signed.filter((z) => z.denial === "nsec3").length / signed.length, 0.45, 0.65);
    within("ECDSA among signed zones", signed.filter((z) => z.algorithm === 13).length / signed.length, 0.7, 0.9);
    assert.ok(new Set(zones.map((z) => z.breakage).filter(Boolean)).size >= 4, "several kinds of breakage");
    within("zones on IPv4-only name servers", zoneShare((z) => z.hosting === "ipv4-only"), 0.14, 0.26);
    within("zones on name servers without ROA", zoneShare((z) => z.hosting === "no-roa"), 0.06, 0.14);
    within("web hosts with IPv6", share(planted, (p) => p.webIpv6), 0.59, 0.71);
    within("web hosts without ROA", share(planted, (p) => p.webRoute === "not-found"), 0.08, 0.16);
  });

  it("expects the statuses that follow from each configuration", () => {
    for (const p of plantedConfigurations(domains)) {
      const s = p.expectation.statuses;
      const dnssec = p.zone.dnssec === "signed" ? ["passed", "passed"] : p.zone.dnssec === "bogus" ? ["passed", "failed"] : ["failed", "not_tested"];
      assert.deepEqual([s.web_dnssec_exist, s.web_dnssec_valid], dnssec, p.domain);
      assert.deepEqual([s.mail_dnssec_mailto_exist, s.mail_dnssec_mailto_valid], dnssec, p.domain);
      assert.equal(s.web_ipv6_ws_address, p.webIpv6 ? "passed" : "failed", p.domain);
      assert.equal(s.mail_ipv6_ns_address, p.zone.hosting === "ipv4-only" ? "failed" : "passed", p.domain);
      assert.equal(s.web_rpki_valid, p.webRoute === "valid" ? "passed" : "failed", p.domain);
      assert.equal(s.mail_ns_rpki_valid, p.zone.hosting === "no-roa" ? "failed" : "passed", p.domain);
    }
  });
});
