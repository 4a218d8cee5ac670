// The simulated hosting of the demo's government: three DNS hosting providers and the web
// hosting addresses. Every address is in a documentation range (RFC 5737, RFC 3849), which is
// never routed on the real internet; the testnet rewrites the name servers' addresses to its
// loopback listeners, and the demo allows exactly those addresses and no others (run-demo.ts).
//
// The infrastructure's routes and ROAs (testnet/scenarios/infrastructure.ts) decide RPKI:
// 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/25 and 2001:db8::/32 are covered by ROAs that
// match their routes (valid); 203.0.113.128/25 is announced only inside 203.0.113.0/24, which
// no ROA covers (not found).

import { DNS_HOST_SERVERS, records, signedZone, WEB_IPV4, WEB_IPV6 } from "../testnet/scenarios/helpers.ts";
import type { HostSpec, ZoneSpec } from "../testnet/world.ts";
import type { DnsHosting, WebRoute } from "./demo-spread.ts";

export interface HostingProvider {
  /** Name-server host names, in NS order. */
  nameServers: string[];
  /** The provider's own zone and name-server hosts (none for the infrastructure's provider). */
  zones: ZoneSpec[];
  hosts: HostSpec[];
}

const IPV4_ONLY_SERVERS = ["ns1.ipv4-dns.test", "ns2.ipv4-dns.test"];
const NO_ROA_SERVERS = ["ns1.noroa-dns.test", "ns2.noroa-dns.test"];

export const HOSTING: Readonly<Record<DnsHosting, HostingProvider>> = {
  // The testnet's shared DNS hosting: IPv4 and IPv6, every address RPKI-valid.
  "dual-stack": { nameServers: DNS_HOST_SERVERS, zones: [], hosts: [] },
  // A provider whose name servers have no IPv6 address at all (RPKI-valid IPv4).
  "ipv4-only": {
    nameServers: IPV4_ONLY_SERVERS,
    zones: [signedZone("ipv4-dns.test", {}, { nameServers: IPV4_ONLY_SERVERS })],
    hosts: [
      { name: IPV4_ONLY_SERVERS[0]!, addresses: [{ address: "203.0.113.53" }] },
      { name: IPV4_ONLY_SERVERS[1]!, addresses: [{ address: "203.0.113.54" }] },
    ],
  },
  // IPv4 and IPv6, but the IPv4 addresses are in a route without a ROA (RPKI not found).
  "no-roa": {
    nameServers: NO_ROA_SERVERS,
    zones: [signedZone("noroa-dns.test", {}, { nameServers: NO_ROA_SERVERS })],
    hosts: [
      { name: NO_ROA_SERVERS[0]!, addresses: [{ address: "203.0.113.153" }, { address: "2001:db8:53::153" }] },
      { name: NO_ROA_SERVERS[1]!, addresses: [{ address: "203.0.113.154" }, { address: "2001:db8:53::154" }] },
    ],
  },
};

/** The web host's IPv4 address per route kind (IPv6, when present, is always RPKI-valid). */
const WEB_IPV4_BY_ROUTE: Readonly<Record<WebRoute, string>> = {
  "valid": WEB_IPV4,
  "not-found": "203.0.113.130",
};

/** Zone-file lines for a web host at `owner` ("@" for the apex, else relative to the zone). */
export function webRecords(owner: string, route: WebRoute, ipv6: boolean): string {
  return records(`${owner} A ${WEB_IPV4_BY_ROUTE[route]}`, ...(ipv6 ? [`${owner} AAAA ${WEB_IPV6}`] : []));
}
