// The registry of scenarios, and the function that puts a world together from some of them.

import { normaliseName } from "../../dns/name.ts";
import type { HostSpec, RoaSpec, RouteSpec, Scenario, World, ZoneSpec } from "../world.ts";
import { ALGORITHMS } from "./algorithms.ts";
import { BREAKAGE_SCENARIOS } from "./breakages.ts";
import { CNAMES } from "./cnames.ts";
import { DNSSEC_BASICS } from "./dnssec-basics.ts";
import { INFRASTRUCTURE } from "./infrastructure.ts";
import { NAME_SERVERS } from "./name-servers.ts";
import { RPKI_SCENARIOS } from "./rpki.ts";
import { WEB_AND_MAIL } from "./web-and-mail.ts";

export class UnknownScenarioError extends Error {}

const ALL: Scenario[] = [...DNSSEC_BASICS, ...ALGORITHMS, ...BREAKAGE_SCENARIOS, ...CNAMES, ...NAME_SERVERS, ...WEB_AND_MAIL, ...RPKI_SCENARIOS];

/** Every scenario by name, in a stable order. */
export const SCENARIOS: ReadonlyMap<string, Scenario> = new Map(ALL.map((s) => [s.name, s]));

/** Adds items keyed by name; a second definition must be identical to the first. */
function mergeByKey<T>(into: Map<string, T>, items: readonly T[], key: (t: T) => string, what: string): void {
  for (const item of items) {
    const k = key(item);
    const seen = into.get(k);
    if (seen === undefined) into.set(k, item);
    else if (JSON.stringify(seen) !== JSON.stringify(item)) throw new Error(`two different definitions of ${what} ${k}`);
  }
}

/**
 * Joins worlds: zones and hosts by name (identical duplicates allowed), domains in order,
 * routes and ROAs as a set (scenarios that share a route each list it).
 */
export function mergeWorlds(parts: readonly World[]): World {
  const zones = new Map<string, ZoneSpec>();
  const hosts = new Map<string, HostSpec>();
  const routes = new Map<string, RouteSpec>();
  const roas = new Map<string, RoaSpec>();
  const domains = [];
  for (const part of parts) {
    mergeByKey(zones, part.zones, (z) => normaliseName(z.origin), "zone");
    mergeByKey(hosts, part.hosts, (h) => normaliseName(h.name), "host");
    for (const r of part.routes ?? []) routes.set(JSON.stringify(r), r);
    for (const r of part.roas ?? []) roas.set(JSON.stringify(r), r);
    domains.push(...part.domains);
  }
  return { zones: [...zones.values()], hosts: [...hosts.values()], domains, routes: [...routes.values()], roas: [...roas.values()] };
}

/** The world of the named scenarios (all of them by default), on the shared infrastructure. */
export function buildWorld(names?: readonly string[]): World {
  const chosen = (names && names.length > 0 ? names : [...SCENARIOS.keys()]).map((name) => {
    const s = SCENARIOS.get(name);
    if (!s) throw new UnknownScenarioError(`unknown scenario "${name}"; known: ${[...SCENARIOS.keys()].join(", ")}`);
    return s;
  });
  const tagged = chosen.map((s) => ({ ...s, domains: s.domains.map((d) => ({ ...d, scenario: s.name })) }));
  return mergeWorlds([INFRASTRUCTURE, ...tagged]);
}
