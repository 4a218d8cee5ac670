// A www name in a signed zone that is a CNAME into another zone: the answer is as secure as
// the weakest link of the chain. The domain to scan is the www name itself.

import type { Scenario } from "../world.ts";
import type { DnssecOutcome } from "./helpers.ts";
import { expectDomain, records, signedZone, unsignedZone, webHost } from "./helpers.ts";

function cnameScenario(kind: "secure" | "insecure" | "bogus", outcome: DnssecOutcome, summary: string): Scenario {
  const origin = `cname-to-${kind}.test`;
  const targetZone = kind === "secure"
    ? signedZone("cname-target.nsec3", { denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false } })
    : kind === "insecure"
      ? unsignedZone("cname-target-unsigned.test")
      : signedZone("cname-target-bogus.test", { breakage: "tampered-signature" });
  const target = `www.${targetZone.origin}`;
  return {
    name: `cname-to-${kind}`,
    summary,
    zones: [signedZone(origin, {}, { records: records(`www CNAME ${target}.`) }), targetZone],
    hosts: [webHost(origin), webHost(target)],
    domains: [expectDomain(`www.${origin}`, summary, outcome, {
      lookups: [{ name: `www.${origin}`, type: "AAAA", security: kind, rcode: "NOERROR" }],
    })],
  };
}

export const CNAMES: Scenario[] = [
  cnameScenario("secure", "secure", "www in a signed zone is a CNAME to a host in another signed zone"),
  cnameScenario("insecure", "insecure", "www in a signed zone is a CNAME to a host in an unsigned zone"),
  cnameScenario("bogus", "bogus", "www in a signed zone is a CNAME to a host in a zone with bad signatures"),
];
