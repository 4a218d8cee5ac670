// A synthetic government on the simulated internet: every domain of the register resolves, with
// a configuration planted by a seeded hash of its name (demo-spread.ts has the shares).
//
// The shape, from the top:
// - the testnet's root and infrastructure (testnet/scenarios/infrastructure.ts);
// - each public suffix the register uses (nl, eu, com, com.br, ...) as a signed zone under that
//   root, served by the testnet's TLD servers;
// - each registrable domain (the label below its public suffix) as a zone of its own: signed and
//   valid, unsigned, or signed and broken (bogus), with NSEC or NSEC3, on one of three DNS
//   hosting providers (demo-hosting.ts);
// - sub-domains in the register (english.rekenkamer.nl) as records in their registrable domain's
//   zone, as they usually are: they share its DNSSEC and name servers, and have their own web
//   addresses (IPv6 or not, RPKI-valid or not).
//
// Real public names are used only inside the simulated internet: its resolver is a loopback
// listener of this process, every address in the world is a documentation address (the
// testnet refuses any other when it compiles the world), and the demo's dialer may reach only
// the name servers' addresses, each rewritten to a loopback listener (run-demo.ts).

import { normaliseName } from "../dns/name.ts";
import { expectDomain, signedZone, unsignedZone } from "../testnet/scenarios/helpers.ts";
import type { DnssecOutcome, RpkiOutcome } from "../testnet/scenarios/helpers.ts";
import { mergeWorlds } from "../testnet/scenarios/index.ts";
import { INFRASTRUCTURE } from "../testnet/scenarios/infrastructure.ts";
import type { Breakage, DomainExpectation, SigningAlgorithm, World, ZoneSpec } from "../testnet/world.ts";
import { HOSTING, webRecords } from "./demo-hosting.ts";
import {
  BOGUS_BREAKAGES, DEMO_SEED, DENIAL_SPECS, MULTI_LABEL_SUFFIXES, SUFFIX_DENIAL, WEB_IPV6, WEB_ROUTE, ZONE_ALGORITHM,
  ZONE_DENIAL, ZONE_DNSSEC, ZONE_HOSTING,
} from "./demo-spread.ts";
import type { DenialKind, DnsHosting, WebRoute, ZoneDnssec } from "./demo-spread.ts";
import { seededChoice } from "./seeded-choice.ts";

const TLD_SERVERS = ["a.tld-servers", "b.tld-servers"];

/** What the demo planted for one registrable domain's zone. */
export interface ZonePlan {
  origin: string;
  suffix: string;
  dnssec: ZoneDnssec;
  /** Signed and bogus zones only. */
  denial?: DenialKind;
  algorithm?: SigningAlgorithm;
  breakage?: Breakage;
  hosting: DnsHosting;
}

/** What the demo planted for one register domain, and what measuring it must then find. */
export interface PlantedConfiguration {
  domain: string;
  zone: ZonePlan;
  /** True when the domain is its zone's apex, false for a sub-domain (records in the zone). */
  apex: boolean;
  webIpv6: boolean;
  webRoute: WebRoute;
  /** The statuses each test must have, in the scenarios' terms (testnet/world.ts). */
  expectation: DomainExpectation;
}

/** The public suffix of a name: a listed multi-label suffix, else its last label. */
export function publicSuffixOf(name: string): string {
  const multi = MULTI_LABEL_SUFFIXES.find((s) => name.endsWith(`.${s}`));
  return multi ?? name.slice(name.lastIndexOf(".") + 1);
}

/** The registrable domain: the label below the public suffix (the zone the demo gives it). */
export function registrableDomainOf(name: string): string {
  const suffix = publicSuffixOf(name);
  const rest = name.slice(0, name.length - suffix.length - 1);
  if (rest === "") throw new Error(`${name} is a public suffix, not a domain`);
  return `${rest.slice(rest.lastIndexOf(".") + 1)}.${suffix}`;
}

export function planZone(origin: string): ZonePlan {
  const dnssec = seededChoice(DEMO_SEED, "dnssec", origin, ZONE_DNSSEC);
  const hosting = seededChoice(DEMO_SEED, "hosting", origin, ZONE_HOSTING);
  const plan: ZonePlan = { origin, suffix: publicSuffixOf(origin), dnssec, hosting };
  if (dnssec === "unsigned") return plan;
  plan.denial = seededChoice(DEMO_SEED, "denial", origin, ZONE_DENIAL);
  plan.algorithm = seededChoice(DEMO_SEED, "algorithm", origin, ZONE_ALGORITHM);
  if (dnssec === "bogus") plan.breakage = seededChoice(DEMO_SEED, "breakage", origin, BOGUS_BREAKAGES);
  return plan;
}

const DNSSEC_OUTCOME: Readonly<Record<ZoneDnssec, DnssecOutcome>> = { signed: "secure", unsigned: "insecure", bogus: "bogus" };
const HOSTING_IPV6: Readonly<Record<DnsHosting, boolean>> = { "dual-stack": true, "ipv4-only": false, "no-roa": true };
const HOSTING_RPKI: Readonly<Record<DnsHosting, RpkiOutcome>> = { "dual-stack": "valid", "ipv4-only": "valid", "no-roa": "not-found" };

function describe(p: Omit<PlantedConfiguration, "expectation">): string {
  const z = p.zone;
  const dnssec = z.dnssec === "unsigned" ? "unsigned" : `${z.dnssec === "bogus" ? `bogus (${z.breakage})` : "signed"}, ${z.denial?.toUpperCase()}, algorithm ${z.algorithm}`;
  return `${p.apex ? "zone" : `in zone ${z.origin}`}: ${dnssec}; DNS hosting ${z.hosting}; web ${p.webIpv6 ? "IPv4+IPv6" : "IPv4 only"}, route ${p.webRoute}`;
}

function expectationOf(p: Omit<PlantedConfiguration, "expectation">): DomainExpectation {
  const nsIpv6 = HOSTING_IPV6[p.zone.hosting];
  return expectDomain(p.domain, describe(p), DNSSEC_OUTCOME[p.zone.dnssec], {
    nsAddress: nsIpv6 ? "passed" : "failed",
    // No IPv6 name-server address: nothing to reach (CHECKS.md, as the ipv6-ns-none scenario).
    nsReach: nsIpv6 ? "passed" : "not_tested",
    wsAddress: p.webIpv6 ? "passed" : "failed",
    webRpki: p.webRoute === "valid" ? "valid" : "not-found",
    nsRpki: HOSTING_RPKI[p.zone.hosting],
  });
}

/** Normalised, without duplicates, in the order given. */
function uniqueNames(domains: Iterable<string>): string[] {
  return [...new Set([...domains].map(normaliseName))];
}

/** Per domain: the planted configuration and the statuses each test must then have. */
export function plantedConfigurations(domains: Iterable<string>): PlantedConfiguration[] {
  const zones = new Map<string, ZonePlan>();
  return uniqueNames(domains).map((domain) => {
    const origin = registrableDomainOf(domain);
    let zone = zones.get(origin);
    if (!zone) zones.set(origin, (zone = planZone(origin)));
    const plan = {
      domain,
      zone,
      apex: domain === origin,
      webIpv6: seededChoice(DEMO_SEED, "web-ipv6", domain, WEB_IPV6),
      webRoute: seededChoice(DEMO_SEED, "web-route", domain, WEB_ROUTE),
    };
    return { ...plan, expectation: expectationOf(plan) };
  });
}

function zoneSpec(z: ZonePlan, recordText: string): ZoneSpec {
  const opts = { nameServers: HOSTING[z.hosting].nameServers, records: recordText };
  if (z.dnssec === "unsigned") return unsignedZone(z.origin, opts);
  return signedZone(z.origin, {
    algorithm: z.algorithm!,
    denial: DENIAL_SPECS[z.denial!],
    ...(z.breakage ? { breakage: z.breakage } : {}),
  }, opts);
}

/** Every suffix zone a registrable domain needs: "com.br" needs "br" and "com.br". */
function suffixZones(suffixes: Iterable<string>): ZoneSpec[] {
  const all = new Set<string>();
  for (const s of suffixes) {
    const labels = s.split(".");
    for (let i = labels.length - 1; i >= 0; i--) all.add(labels.slice(i).join("."));
  }
  return [...all].sort().map((origin) => ({ origin, nameServers: TLD_SERVERS, signing: { denial: SUFFIX_DENIAL[origin] ?? { kind: "nsec" } } }));
}

export interface GovernmentWorld {
  world: World;
  planted: PlantedConfiguration[];
}

/** The world in which every one of `domains` resolves as planted; its domains are the expectations. */
export function governmentWorld(domains: Iterable<string>): GovernmentWorld {
  const planted = plantedConfigurations(domains);
  const byZone = new Map<string, { plan: ZonePlan; lines: string[] }>();
  for (const p of planted) {
    let entry = byZone.get(p.zone.origin);
    if (!entry) byZone.set(p.zone.origin, (entry = { plan: p.zone, lines: [] }));
    const owner = p.apex ? "@" : p.domain.slice(0, p.domain.length - p.zone.origin.length - 1);
    entry.lines.push(webRecords(owner, p.webRoute, p.webIpv6));
  }
  const listedApexes = new Set(planted.filter((p) => p.apex).map((p) => p.domain));
  const zones = [...byZone.values()].map(({ plan, lines }) => {
    // A zone whose apex is not in the register still gets a web host, as registrable domains do.
    const apex = listedApexes.has(plan.origin) ? "" : webRecords("@", "valid", true);
    return zoneSpec(plan, apex + lines.join(""));
  });
  const providers = Object.values(HOSTING);
  const world = mergeWorlds([
    INFRASTRUCTURE,
    { zones: providers.flatMap((h) => h.zones), hosts: providers.flatMap((h) => h.hosts), domains: [] },
    { zones: [...suffixZones(new Set([...byZone.values()].map((z) => z.plan.suffix))), ...zones], hosts: [], domains: planted.map((p) => p.expectation) },
  ]);
  return { world, planted };
}
