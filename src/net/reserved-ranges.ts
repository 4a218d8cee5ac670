// Address ranges meetlat must not send traffic to unless the operator allows them
// (--allow-target): the IANA IPv4 and IPv6 Special-Purpose Address Registries, multicast, and
// the IPv6 space IANA has not allocated for unicast. A government domain pointing at one of
// these is a finding, not a target; and probing them from a measurement host could reach the
// operator's own network.
//
// Matching is by longest prefix, so an entry with `reachable: true` inside a larger reserved
// range (e.g. the anycast addresses inside 192.0.0.0/24 and 2001::/23, which the registries
// mark "globally reachable") punches a hole in it.

export interface RangeRule {
  cidr: string;
  /** Short description used in refusal messages. */
  name: string;
  /** Where the range is defined. */
  source: string;
  /** True for globally reachable exceptions inside a reserved range. */
  reachable?: boolean;
}

export const RESERVED_IPV4: readonly RangeRule[] = [
  { cidr: "0.0.0.0/8", name: "\"this network\"", source: "RFC 791" },
  { cidr: "0.0.0.0/32", name: "unspecified address", source: "RFC 1122" },
  { cidr: "10.0.0.0/8", name: "private use", source: "RFC 1918" },
  { cidr: "100.64.0.0/10", name: "shared address space (CGNAT)", source: "RFC 6598" },
  { cidr: "127.0.0.0/8", name: "loopback", source: "RFC 1122" },
  { cidr: "169.254.0.0/16", name: "link-local", source: "RFC 3927" },
  { cidr: "172.16.0.0/12", name: "private use", source: "RFC 1918" },
  { cidr: "192.0.0.0/24", name: "IETF protocol assignments", source: "RFC 6890" },
  { cidr: "192.0.0.0/29", name: "IPv4 service continuity prefix", source: "RFC 7335" },
  { cidr: "192.0.0.8/32", name: "IPv4 dummy address", source: "RFC 7600" },
  { cidr: "192.0.0.9/32", name: "Port Control Protocol anycast", source: "RFC 7723", reachable: true },
  { cidr: "192.0.0.10/32", name: "TURN anycast", source: "RFC 8155", reachable: true },
  { cidr: "192.0.0.170/31", name: "NAT64/DNS64 discovery", source: "RFC 7050" },
  { cidr: "192.0.2.0/24", name: "documentation", source: "RFC 5737" },
  { cidr: "192.88.99.0/24", name: "deprecated 6to4 relay anycast", source: "RFC 7526" },
  { cidr: "192.168.0.0/16", name: "private use", source: "RFC 1918" },
  { cidr: "198.18.0.0/15", name: "benchmarking", source: "RFC 2544" },
  { cidr: "198.51.100.0/24", name: "documentation", source: "RFC 5737" },
  { cidr: "203.0.113.0/24", name: "documentation", source: "RFC 5737" },
  { cidr: "224.0.0.0/4", name: "multicast", source: "RFC 5771" },
  { cidr: "240.0.0.0/4", name: "reserved", source: "RFC 1112" },
  { cidr: "255.255.255.255/32", name: "limited broadcast", source: "RFC 919" },
];

export const RESERVED_IPV6: readonly RangeRule[] = [
  // Space IANA has not allocated for unicast (IANA "IPv6 Address Space"); only 2000::/3 is
  // global unicast. The specific registry entries below are more specific and win.
  { cidr: "::/8", name: "reserved by the IETF", source: "RFC 4291" },
  { cidr: "100::/8", name: "reserved by the IETF", source: "RFC 4291" },
  { cidr: "200::/7", name: "reserved by the IETF", source: "RFC 4048" },
  { cidr: "400::/6", name: "reserved by the IETF", source: "RFC 4291" },
  { cidr: "800::/5", name: "reserved by the IETF", source: "RFC 4291" },
  { cidr: "1000::/4", name: "reserved by the IETF", source: "RFC 4291" },
  { cidr: "4000::/2", name: "reserved by the IETF", source: "RFC 4291" },
  { cidr: "8000::/1", name: "reserved by the IETF", source: "RFC 4291" },
  // 8000::/1 also covers fc00::/7, fe80::/10 and ff00::/8; their own entries are more specific.
  { cidr: "::/128", name: "unspecified address", source: "RFC 4291" },
  { cidr: "::1/128", name: "loopback", source: "RFC 4291" },
  { cidr: "::/96", name: "deprecated IPv4-compatible addresses", source: "RFC 4291" },
  // ::ffff:0:0/96 (IPv4-mapped) is judged by its embedded IPv4 address, see address-policy.ts.
  { cidr: "64:ff9b::/96", name: "IPv4/IPv6 translation", source: "RFC 6052", reachable: true },
  { cidr: "64:ff9b:1::/48", name: "local-use IPv4/IPv6 translation", source: "RFC 8215" },
  { cidr: "100::/64", name: "discard-only", source: "RFC 6666" },
  { cidr: "100:0:0:1::/64", name: "dummy IPv6 prefix", source: "RFC 9780" },
  { cidr: "2001::/23", name: "IETF protocol assignments", source: "RFC 2928" },
  { cidr: "2001::/32", name: "Teredo", source: "RFC 4380" },
  { cidr: "2001:1::1/128", name: "Port Control Protocol anycast", source: "RFC 7723", reachable: true },
  { cidr: "2001:1::2/128", name: "TURN anycast", source: "RFC 8155", reachable: true },
  { cidr: "2001:1::3/128", name: "DNS-SD service registration protocol anycast", source: "RFC 9665", reachable: true },
  { cidr: "2001:2::/48", name: "benchmarking", source: "RFC 5180" },
  { cidr: "2001:3::/32", name: "AMT", source: "RFC 7450", reachable: true },
  { cidr: "2001:4:112::/48", name: "AS112-v6", source: "RFC 7535", reachable: true },
  { cidr: "2001:10::/28", name: "deprecated ORCHID", source: "RFC 4843" },
  { cidr: "2001:20::/28", name: "ORCHIDv2", source: "RFC 7343", reachable: true },
  { cidr: "2001:30::/28", name: "drone remote ID entity tags", source: "RFC 9374", reachable: true },
  { cidr: "2001:db8::/32", name: "documentation", source: "RFC 3849" },
  { cidr: "2002::/16", name: "6to4", source: "RFC 3056" },
  { cidr: "3fff::/20", name: "documentation", source: "RFC 9637" },
  { cidr: "5f00::/16", name: "segment routing (SRv6) SIDs", source: "RFC 9602" },
  { cidr: "fc00::/7", name: "unique local", source: "RFC 4193" },
  { cidr: "fe80::/10", name: "link-local", source: "RFC 4291" },
  { cidr: "fec0::/10", name: "deprecated site-local", source: "RFC 3879" },
  { cidr: "ff00::/8", name: "multicast", source: "RFC 4291" },
];

/**
 * IPv6 prefixes whose last 32 bits carry an IPv4 destination; the policy also judges that
 * IPv4 address (a mapped ::ffff:10.0.0.1 is 10.0.0.1 on the wire, and a NAT64 gateway
 * forwards 64:ff9b::10.0.0.1 to 10.0.0.1).
 */
export const IPV4_EMBEDDING_PREFIXES: readonly RangeRule[] = [
  { cidr: "::ffff:0:0/96", name: "IPv4-mapped", source: "RFC 4291" },
  { cidr: "64:ff9b::/96", name: "IPv4/IPv6 translation", source: "RFC 6052" },
];
