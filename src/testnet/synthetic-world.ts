// A world of many domains for benchmarks: N zones under the testnet's TLDs, a realistic mix of
// signed (NSEC and NSEC3 parents) and unsigned zones, every one with web addresses, all on the
// shared DNS hosting. Signed zones share one key pair (the testnet's default), so it builds fast.

import { mergeWorlds } from "./scenarios/index.ts";
import { INFRASTRUCTURE, TLD_NSEC, TLD_NSEC3 } from "./scenarios/infrastructure.ts";
import { records, signedZone, unsignedZone } from "./scenarios/helpers.ts";
import type { World, ZoneSpec } from "./world.ts";

/** Share of generated zones that are signed (roughly the Dutch municipalities' share). */
const SIGNED_SHARE = 0.6;

export function syntheticWorld(count: number): World {
  const zones: ZoneSpec[] = [];
  const domains: World["domains"] = [];
  for (let i = 0; i < count; i++) {
    const tld = i % 2 === 0 ? TLD_NSEC : TLD_NSEC3;
    const origin = `bench-${i}.${tld}`;
    const recs = records("@ A 192.0.2.80", "@ AAAA 2001:db8:80::80", "www CNAME @");
    zones.push((i % 10) / 10 < SIGNED_SHARE ? signedZone(origin, {}, { records: recs }) : unsignedZone(origin, { records: recs }));
    domains.push({
      domain: origin, description: "benchmark domain", soa: { security: "secure", rcode: "NOERROR" },
      statuses: {} as World["domains"][number]["statuses"],
    });
  }
  return mergeWorlds([INFRASTRUCTURE, { zones, hosts: [], domains }]);
}
