// NSEC3 owner-name hashing (RFC 5155 section 5): IH(salt, x, 0) = H(x | salt),
// IH(salt, x, k) = H(IH(salt, x, k-1) | salt), over the canonical (lower-case) wire name.

import { createHash } from "node:crypto";
import { base32hexEncode } from "../dns/base32hex.ts";
import { canonicalNameWire } from "./canonical.ts";

/** The only hash algorithm defined (RFC 5155 11): SHA-1. */
export const NSEC3_HASH_SHA1 = 1;

/** Raw NSEC3 hash of a name (20 octets for SHA-1). */
export function nsec3Hash(name: string, salt: Uint8Array, iterations: number, hashAlgorithm = NSEC3_HASH_SHA1): Uint8Array {
  if (hashAlgorithm !== NSEC3_HASH_SHA1) throw new Error(`unsupported NSEC3 hash algorithm ${hashAlgorithm}`);
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > 0xffff) throw new Error(`bad NSEC3 iterations ${iterations}`);
  let digest: Uint8Array = createHash("sha1").update(canonicalNameWire(name)).update(salt).digest();
  for (let i = 0; i < iterations; i++) digest = createHash("sha1").update(digest).update(salt).digest();
  return digest;
}

/** The hash as the lower-case base32hex label used as NSEC3 owner ("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"). */
export function nsec3HashLabel(name: string, salt: Uint8Array, iterations: number, hashAlgorithm = NSEC3_HASH_SHA1): string {
  return base32hexEncode(nsec3Hash(name, salt, iterations, hashAlgorithm));
}

/** The NSEC3 owner name for `name` in `zone`: "<hash label>.<zone>". */
export function nsec3OwnerName(name: string, zone: string, salt: Uint8Array, iterations: number, hashAlgorithm = NSEC3_HASH_SHA1): string {
  const label = nsec3HashLabel(name, salt, iterations, hashAlgorithm);
  return zone === "." ? label : `${label}.${zone}`;
}
