// For one address: the announced routes that contain it, each validated against the VRPs (RFC
// 6811), with the VRPs that decided it; or, for an address in no route, the VRPs that cover
// the address itself. This is the evidence of the RPKI tests.

import { parseIp } from "../net/ip.ts";
import { addressWords, BITS } from "./prefix-words.ts";
import type { RouteSource } from "./route-source.ts";
import { validateOrigin } from "./rov.ts";
import type { AddressRouting, ValidatedRoute, Vrp } from "./types.ts";
import type { VrpTable } from "./vrp-table.ts";

/** At most this many VRPs are listed per route (a /8 can be covered by many); the rest are counted. */
export const MAX_VRPS_PER_ROUTE = 32;

export async function addressRouting(address: string, routes: RouteSource, vrps: VrpTable): Promise<AddressRouting> {
  const ip = parseIp(address);
  if (!ip) return { address, routes: [], error: `${JSON.stringify(address)} is not an IP address` };
  const found = await routes.covering(ip);
  if (!found.ok) return { address, routes: [], error: found.error };
  const validated: ValidatedRoute[] = [];
  found.prefixes.forEach((p, i) => {
    const covering = vrps.covering(p.family, p.words, p.length);
    for (const origin of p.origins) {
      const v = validateOrigin(p.length, origin, covering);
      let room = MAX_VRPS_PER_ROUTE;
      const take = (list: Vrp[]) => {
        const kept = list.slice(0, Math.max(0, room));
        room -= kept.length;
        return kept;
      };
      const matched = take(v.matched);
      const unmatchedLength = take(v.unmatchedLength);
      const unmatchedAs = take(v.unmatchedAs);
      const omitted = covering.length - matched.length - unmatchedLength.length - unmatchedAs.length;
      validated.push({
        prefix: p.prefix, origin, longestMatch: i === 0, state: v.state,
        ...(v.reason ? { reason: v.reason } : {}),
        matched, unmatchedAs, unmatchedLength,
        ...(omitted > 0 ? { omittedVrps: omitted } : {}),
      });
    }
  });
  if (validated.length > 0) return { address, routes: validated };
  return { address, routes: [], addressVrps: vrps.covering(ip.family, addressWords(ip), BITS[ip.family]).slice(0, MAX_VRPS_PER_ROUTE) };
}
