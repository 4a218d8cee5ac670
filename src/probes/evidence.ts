// Evidence: what the probes saw, as plain serialisable records. Probes fill these in and never
// judge; checks (src/checks/) read them and never do I/O. Stored as-is with every result.

import type { AddressRouting, RpkiDataDescription } from "../rpki/types.ts";

export type DnssecSecurity = "secure" | "insecure" | "bogus" | "indeterminate";

export interface DnssecEvidence {
  /** The name and type that were validated (the domain's SOA). */
  query: { name: string; type: string };
  security: DnssecSecurity;
  reason: string;
  /** RFC 8914 Extended DNS Error style code for the outcome, when there is one. */
  ede?: { code: number; text: string };
  /** Of the final answer; "NO_ANSWER" when the resolver gave none (timeout, unreachable). */
  rcode: string;
  /** Insecure only because the zone is signed with algorithms meetlat does not support. */
  unsupportedAlgorithm: boolean;
  deprecatedAlgorithms: number[];
  cnameChain: string[];
  /** The chain of trust as walked, zone by zone. */
  chain: unknown[];
}

export interface NameServerReach {
  address: string;
  reachable: boolean;
  transport?: "udp" | "tcp";
  rcode?: string;
  authoritative?: boolean;
  error?: string;
}

export interface NameServerInfo {
  name: string;
  ipv4: string[];
  ipv6: string[];
  /** IPv4-mapped AAAA records, ignored per CHECKS.md but kept as evidence. */
  ignoredMappedIpv6: string[];
  addressError?: string;
  ipv6Reach: NameServerReach[];
}

export interface NameServerEvidence {
  /** The zone whose NS set was used (the domain itself, or the closest enclosing zone). */
  zone?: string;
  servers: NameServerInfo[];
  /** Set when the NS set itself could not be looked up. */
  error?: string;
}

export interface HostAddressEvidence {
  host: string;
  ipv4: string[];
  ipv6: string[];
  ignoredMappedIpv6: string[];
  cnameChain: string[];
  rcode?: string;
  error?: string;
}

export interface RpkiHostEvidence {
  host: string;
  /** One entry per address of the host: its covering routes, validated (RFC 6811). */
  addresses: AddressRouting[];
  /** The host's addresses could not be looked up. */
  addressError?: string;
}

/** Route origin validation of one set of hosts (the web host, the name servers, ...). */
export interface RpkiEvidence {
  /** The VRP and route sources with their provenance, or why there is no usable data. */
  data: RpkiDataDescription;
  /** When the lookups were made (ISO 8601): the time the data's age is judged against. */
  observedAt: string;
  hosts: RpkiHostEvidence[];
  /** Set when the hosts' addresses themselves could not be looked up. */
  error?: string;
}

/** Everything probed for one domain; each part is present when a selected test needs it. */
export interface DomainEvidence {
  domain: string;
  dnssec?: DnssecEvidence | { error: string };
  nameServers?: NameServerEvidence;
  webHost?: HostAddressEvidence;
  /** RPKI of the web host's addresses (read from webHost). */
  rpkiWebHost?: RpkiEvidence;
  /** RPKI of the name servers' addresses (read from nameServers). */
  rpkiNameServers?: RpkiEvidence;
}
