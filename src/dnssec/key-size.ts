// Public key sizes in bits, as unbound computes them (sldns_rr_dnskey_key_size_raw), for the
// NSEC3 iteration table, which is indexed by the size of the zone's smallest zone key.

import { decodeDNSKEY, DNSKEY_FLAG_ZONE } from "../dns/rdata-dnssec.ts";
import type { ResourceRecord } from "../dns/message.ts";

/** Fixed sizes of the curve-based algorithms (RFC 6605, RFC 8080). */
const FIXED_KEY_BITS: Readonly<Record<number, number>> = { 13: 256, 14: 384, 15: 256, 16: 456 };
const RSA_ALGORITHMS: ReadonlySet<number> = new Set([1, 5, 7, 8, 10]);
const DSA_ALGORITHMS: ReadonlySet<number> = new Set([3, 6]);

export function dnskeyBits(algorithm: number, publicKey: Uint8Array): number {
  const fixed = FIXED_KEY_BITS[algorithm];
  if (fixed !== undefined) return fixed;
  if (RSA_ALGORITHMS.has(algorithm)) {
    // RFC 3110 2: exponent length in one octet, or 0 and two octets; then exponent; then modulus.
    if (publicKey.length < 3) return 0;
    const [head, exponentLength] = publicKey[0] === 0 ? [3, (publicKey[1]! << 8) | publicKey[2]!] : [1, publicKey[0]!];
    return Math.max(0, publicKey.length - head - exponentLength) * 8;
  }
  if (DSA_ALGORITHMS.has(algorithm)) return publicKey.length > 0 ? (64 + publicKey[0]! * 8) * 8 : 0;
  return 0;
}

/** The size of the smallest key with the Zone Key flag in a DNSKEY RRset (unbound key_entry_keysize). */
export function smallestZoneKeyBits(dnskeys: readonly ResourceRecord[]): number {
  let smallest: number | undefined;
  for (const rr of dnskeys) {
    try {
      const key = decodeDNSKEY(rr.rdata);
      if (!(key.flags & DNSKEY_FLAG_ZONE)) continue;
      const bits = dnskeyBits(key.algorithm, key.publicKey);
      if (smallest === undefined || bits < smallest) smallest = bits;
    } catch {
      // A malformed key has no size; it cannot have signed anything either.
    }
  }
  return smallest ?? 0;
}
