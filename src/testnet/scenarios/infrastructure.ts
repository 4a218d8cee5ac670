// The part of every world that the scenarios stand on: a signed root, top-level domains of
// the testnet's own (one per kind of denial of existence) and the shared DNS hosting that
// most scenario zones use. Real TLD names are never used, so nothing here can be mistaken
// for (or leak to) the real DNS.

import type { HostSpec, World, ZoneSpec } from "../world.ts";
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

export const INFRASTRUCTURE: World = { zones, hosts, domains: [] };
