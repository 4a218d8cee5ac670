// Looks up a host's IPv4 and IPv6 addresses (following CNAMEs) as evidence.

import { lookupAddresses } from "../dns/follow-cname.ts";
import { rcodeName } from "../dns/rr-types.ts";
import type { DnsLookup } from "../dns/client-types.ts";
import type { HostAddressEvidence } from "./evidence.ts";

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+|[0-9a-f]{1,4}:[0-9a-f]{1,4})$/i;

export function isIpv4Mapped(address: string): boolean {
  return IPV4_MAPPED.test(address);
}

export async function probeHostAddresses(dns: DnsLookup, host: string): Promise<HostAddressEvidence> {
  const r = await lookupAddresses(dns, host);
  const ipv6 = r.aaaa.filter((a) => !isIpv4Mapped(a));
  return {
    host,
    ipv4: r.a,
    ipv6,
    ignoredMappedIpv6: [...r.aaaa.filter(isIpv4Mapped), ...(r.ignoredMapped ?? [])],
    cnameChain: r.cnameChain,
    ...(r.rcode !== undefined ? { rcode: rcodeName(r.rcode) } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}
