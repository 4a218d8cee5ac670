// Evidence: what the probes saw, as plain serialisable records. Probes fill these in and never
// judge; checks (src/checks/) read them and never do I/O. Stored as-is with every result.

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

/** Everything probed for one domain; each part is present when a selected test needs it. */
export interface DomainEvidence {
  domain: string;
  dnssec?: DnssecEvidence | { error: string };
  nameServers?: NameServerEvidence;
  webHost?: HostAddressEvidence;
}
