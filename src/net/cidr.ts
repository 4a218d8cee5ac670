// CIDR prefixes ("10.0.0.0/8", "2001:db8::/32") and matching addresses against them.

import { formatIp, IPV4_BITS, IPV6_BITS, parseIp } from "./ip.ts";
import type { IpAddress } from "./ip.ts";

export class CidrError extends Error {}

export interface Cidr {
  family: 4 | 6;
  /** The network address (host bits zero). */
  base: bigint;
  prefixLength: number;
  /** Canonical text, e.g. "2001:db8::/32". */
  text: string;
}

function bitsOf(family: 4 | 6): number {
  return family === 4 ? IPV4_BITS : IPV6_BITS;
}

/**
 * Parses "address/length"; a bare address means a single host (/32 or /128). Host bits must
 * be zero: "10.1.2.3/8" is refused rather than silently widened, as it is usually a typo.
 */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const ip = parseIp(addressText);
  // A zone ("fe80::1%eth0") is allowed on a single address and ignored: policies judge addresses.
  if (!ip || (ip.zone !== undefined && slash >= 0)) throw new CidrError(`not an IP address or CIDR prefix: ${JSON.stringify(text)}`);
  const bits = bitsOf(ip.family);
  let prefixLength = bits;
  if (slash >= 0) {
    const lengthText = text.slice(slash + 1);
    if (!/^(0|[1-9]\d{0,2})$/.test(lengthText) || Number(lengthText) > bits) {
      throw new CidrError(`bad prefix length in ${JSON.stringify(text)}: expected 0 to ${bits}`);
    }
    prefixLength = Number(lengthText);
  }
  const base = ip.value & maskOf(ip.family, prefixLength);
  if (base !== ip.value) {
    const suggestion = `${formatIp({ family: ip.family, value: base })}/${prefixLength}`;
    throw new CidrError(`${text} has host bits set; did you mean ${suggestion}?`);
  }
  return { family: ip.family, base, prefixLength, text: `${formatIp({ family: ip.family, value: base })}/${prefixLength}` };
}

function maskOf(family: 4 | 6, prefixLength: number): bigint {
  const bits = bitsOf(family);
  const all = (1n << BigInt(bits)) - 1n;
  return (all >> BigInt(bits - prefixLength)) << BigInt(bits - prefixLength);
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  return (ip.value & maskOf(cidr.family, cidr.prefixLength)) === cidr.base;
}

/** The most specific prefix (longest) among `items` that contains `ip`, if any. */
export function longestMatch<T extends { cidr: Cidr }>(items: readonly T[], ip: IpAddress): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (cidrContains(item.cidr, ip) && (!best || item.cidr.prefixLength > best.cidr.prefixLength)) best = item;
  }
  return best;
}
