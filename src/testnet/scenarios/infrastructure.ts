// The part of every world that the scenarios stand on: a signed root, top-level domains of
// the testnet's own (one per kind of denial of existence) and the shared DNS hosting that
// most scenario zones use. Real TLD names are never used, so nothing here can be mistaken
// for (or leak to) the real DNS.

import type { HostSpec, RoaSpec, RouteSpec, World, ZoneSpec } from "../world.ts";
import { DNS_HOST_SERVERS } from "./helpers.ts";

const ROOT_SERVERS = ["a.root-servers", "b.root-servers"];
const TLD_SERVERS = ["a.tld-servers", "b.tld-servers"];

/** TLD for zones whose parent denies with NSEC. */
export const TLD_NSEC = "test";
/** TLD for zones whose parent denies with NSEC3 (no opt-out). */
export const TLD_NSEC3 = "nsec3";
/** TLD with NSEC3 opt-out: unsigned delegations have no NSEC3 of their own. */
export const TLD_OPTOUT = "optout";

const zones: ZoneSpec[] = [
  { origin: ".", nameServers: ROOT_SERVERS, signing: {} },
  { origin: TLD_NSEC, nameServers: TLD_SERVERS, signing: {} },
  { origin: TLD_NSEC3, nameServers: TLD_SERVERS, signing: { denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false } } },
  { origin: TLD_OPTOUT, nameServers: TLD_SERVERS, signing: { denial: { kind: "nsec3", iterations: 0, salt: "", optOut: true } } },
  { origin: "dns-host.test", nameServers: DNS_HOST_SERVERS, signing: {} },
];

const hosts: HostSpec[] = [
  { name: "a.root-servers", addresses: [{ address: "198.51.100.1" }, { address: "2001:db8:100::1" }] },
  { name: "b.root-servers", addresses: [{ address: "198.51.100.2" }, { address: "2001:db8:100::2" }] },
  { name: "a.tld-servers", addresses: [{ address: "198.51.100.11" }, { address: "2001:db8:100::11" }] },
  { name: "b.tld-servers", addresses: [{ address: "198.51.100.12" }, { address: "2001:db8:100::12" }] },
  { name: "ns1.dns-host.test", addresses: [{ address: "192.0.2.53" }, { address: "2001:db8:53::1" }] },
  { name: "ns2.dns-host.test", addresses: [{ address: "198.51.100.53" }, { address: "2001:db8:53::2" }] },
];

/**
 * The simulated BGP table and RPKI under every world (documentation AS numbers, RFC 5398):
 * each /24 of the IPv4 documentation ranges and each IPv6 /48 that scenarios use is announced
 * with a ROA that makes it valid. 203.0.113.0/24 is announced as a whole as well, and only its
 * lower half has a ROA: an address in 203.0.113.128/25 is reached through a not-found route
 * (the RPKI scenarios use that half). 2001:db8::/32 has one ROA up to /48, so every IPv6
 * address is covered, and a /48 that nobody announces is "not routed".
 */
const routes: RouteSpec[] = [
  { prefix: "192.0.2.0/24", origins: [64496] },
  { prefix: "198.51.100.0/24", origins: [64497] },
  { prefix: "203.0.113.0/24", origins: [64498] },
  { prefix: "203.0.113.0/25", origins: [64498] },
  ...["2001:db8:53::/48", "2001:db8:80::/48", "2001:db8:100::/48", "2001:db8:203::/48"].map((prefix) => ({ prefix, origins: [64499] })),
];

const roas: RoaSpec[] = [
  { prefix: "192.0.2.0/24", asn: 64496 },
  { prefix: "198.51.100.0/24", asn: 64497 },
  { prefix: "203.0.113.0/25", asn: 64498 },
  { prefix: "2001:db8::/32", asn: 64499, maxLength: 48 },
];

export const INFRASTRUCTURE: World = { zones, hosts, domains: [], routes, roas };
