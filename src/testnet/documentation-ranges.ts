// The address ranges simulated hosts may use: the documentation ranges (RFC 5737, RFC 3849),
// which are never routed, so a simulated address can never reach a real host. Meetlat's
// dialer rewrites them to the loopback listeners of the testnet.

import { cidrContains, parseCidr } from "../net/cidr.ts";
import { canonicalIp, parseIp } from "../net/ip.ts";

export const DOCUMENTATION_RANGES: readonly string[] = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"];

const PARSED = DOCUMENTATION_RANGES.map(parseCidr);

export function isDocumentationAddress(address: string): boolean {
  const ip = parseIp(address);
  return ip !== undefined && PARSED.some((c) => cidrContains(c, ip));
}

/** The canonical text of an address (so "2001:DB8:0::1" and "2001:db8::1" are one key). */
export function addressKey(address: string): string {
  return canonicalIp(address) ?? address;
}
