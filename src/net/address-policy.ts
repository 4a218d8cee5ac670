// Decides whether meetlat may send traffic to an address: public unicast addresses yes; the
// special-purpose ranges in reserved-ranges.ts no, unless the operator allowed a prefix that
// contains the address (--allow-target 127.0.0.0/8). Anything that is not an IP literal is
// refused too, so a host name can never slip past the policy into a resolver call.

import { cidrContains, longestMatch, parseCidr } from "./cidr.ts";
import type { Cidr } from "./cidr.ts";
import { formatIp, parseIp } from "./ip.ts";
import type { IpAddress } from "./ip.ts";
import { IPV4_EMBEDDING_PREFIXES, RESERVED_IPV4, RESERVED_IPV6 } from "./reserved-ranges.ts";
import type { RangeRule } from "./reserved-ranges.ts";

export type PolicyDecision = { allowed: true } | { allowed: false; reason: string };

type CompiledRule = Omit<RangeRule, "cidr"> & { cidr: Cidr };

function compile(rules: readonly RangeRule[]): CompiledRule[] {
  return rules.map((r) => ({ ...r, cidr: parseCidr(r.cidr) }));
}

const COMPILED_IPV4 = compile(RESERVED_IPV4);
const COMPILED_IPV6 = compile(RESERVED_IPV6);
const COMPILED_EMBEDDING = compile(IPV4_EMBEDDING_PREFIXES);

/** The reserved range an address falls in, or undefined for an ordinary public address. */
export function reservedRangeOf(ip: IpAddress): { cidr: string; name: string; source: string } | undefined {
  const hit = longestMatch(ip.family === 4 ? COMPILED_IPV4 : COMPILED_IPV6, ip);
  if (!hit || hit.reachable) return undefined;
  return { cidr: hit.cidr.text, name: hit.name, source: hit.source };
}

/** The IPv4 destination carried in an IPv4-mapped or NAT64 address. */
function embeddedIpv4(ip: IpAddress): { v4: IpAddress; via: string } | undefined {
  if (ip.family !== 6) return undefined;
  const prefix = COMPILED_EMBEDDING.find((p) => cidrContains(p.cidr, ip));
  return prefix && { v4: { family: 4, value: ip.value & 0xffffffffn }, via: prefix.name };
}

export class AddressPolicy {
  readonly #allowed: Cidr[] = [];

  /** Lets traffic go to every address in `cidr` ("127.0.0.0/8", "::1", "2001:db8::/32"). Throws CidrError. */
  allow(cidr: string): this {
    this.#allowed.push(parseCidr(cidr));
    return this;
  }

  /** The prefixes allowed so far, as canonical text. */
  allowedPrefixes(): string[] {
    return this.#allowed.map((c) => c.text);
  }

  check(address: string): PolicyDecision {
    const ip = parseIp(address);
    if (!ip) return { allowed: false, reason: `${JSON.stringify(address)} is not a valid IP address literal` };
    if (this.#isAllowed(ip)) return { allowed: true };
    const embedded = embeddedIpv4(ip);
    if (embedded && this.#isAllowed(embedded.v4)) return { allowed: true };

    // The IPv4-mapped form is the IPv4 address itself on the wire: judge only that. A NAT64
    // address must pass both as IPv6 and for its IPv4 destination.
    const judged: { ip: IpAddress; label: string }[] = [];
    if (!embedded || embedded.via !== "IPv4-mapped") judged.push({ ip, label: address });
    if (embedded) judged.push({ ip: embedded.v4, label: `${address} (${embedded.via} ${formatIp(embedded.v4)})` });
    for (const { ip: candidate, label } of judged) {
      const range = reservedRangeOf(candidate);
      if (range) {
        return {
          allowed: false,
          reason: `${label} is in ${range.cidr} (${range.name}, ${range.source}); allow it with --allow-target`,
        };
      }
    }
    return { allowed: true };
  }

  #isAllowed(ip: IpAddress): boolean {
    return this.#allowed.some((c) => cidrContains(c, ip));
  }
}

/** A policy with the given prefixes allowed (e.g. the --allow-target values). */
export function createAddressPolicy(allowed: readonly string[] = []): AddressPolicy {
  const policy = new AddressPolicy();
  for (const cidr of allowed) policy.allow(cidr);
  return policy;
}
