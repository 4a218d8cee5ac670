// DNSKEY public keys to node:crypto KeyObjects, per algorithm family: RSA (RFC 3110),
// ECDSA (RFC 6605 section 4) and EdDSA (RFC 8080 section 3). Imports are cached per
// algorithm + key octets, because a run checks thousands of signatures by few keys.

import { createPublicKey } from "node:crypto";
import type { JsonWebKey, KeyObject } from "node:crypto";
import { LruMap } from "../dns/lru-map.ts";
import { dnskeyAlgorithm } from "./algorithms.ts";
import type { SignatureScheme } from "./algorithms.ts";

export type KeyImport =
  | { ok: true; key: KeyObject; scheme: SignatureScheme; /** RSA modulus length in octets, for signature padding. */ modulusLength?: number }
  | { ok: false; reason: "unsupported_algorithm" | "malformed"; detail: string };

/** RFC 3110 section 2 allows moduli up to 4096 bits; larger ones would make verification a DoS lever. */
const MAX_RSA_MODULUS_BITS = 4096;
/**
 * Imported keys kept, least recently used first out. A run reuses the keys near the root for
 * every domain and a domain's own keys only while it is being validated (as the key cache in
 * key-cache.ts, bounded at 1,000 zones); an imported RSA-2048 key costs ~0.5 KiB of heap and
 * ~3 KiB outside it, so 20,000 of them made memory grow with the register of signed domains.
 */
const cache = new LruMap<string, KeyImport>(1_000);

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

function importRsa(publicKey: Uint8Array): KeyImport | { jwk: JsonWebKey; modulusLength: number } {
  // RFC 3110: exponent length in one octet, or zero and then two octets; exponent; modulus.
  if (publicKey.length < 3) return { ok: false, reason: "malformed", detail: "RSA key too short" };
  let offset = 1;
  let exponentLength = publicKey[0]!;
  if (exponentLength === 0) {
    exponentLength = (publicKey[1]! << 8) | publicKey[2]!;
    offset = 3;
  }
  if (exponentLength === 0 || offset + exponentLength >= publicKey.length) {
    return { ok: false, reason: "malformed", detail: "RSA exponent length leaves no modulus" };
  }
  const exponent = stripLeadingZeros(publicKey.subarray(offset, offset + exponentLength));
  const modulus = stripLeadingZeros(publicKey.subarray(offset + exponentLength));
  if (modulus.length * 8 > MAX_RSA_MODULUS_BITS) {
    return { ok: false, reason: "malformed", detail: `RSA modulus of ${modulus.length * 8} bits exceeds ${MAX_RSA_MODULUS_BITS}` };
  }
  return { jwk: { kty: "RSA", n: base64url(modulus), e: base64url(exponent) }, modulusLength: modulus.length };
}

function importUncached(algorithm: number, publicKey: Uint8Array): KeyImport {
  const row = dnskeyAlgorithm(algorithm);
  if (!row?.supported || !row.scheme) {
    return { ok: false, reason: "unsupported_algorithm", detail: `DNSKEY algorithm ${row?.mnemonic ?? algorithm} is not supported` };
  }
  const scheme = row.scheme;
  let jwk: JsonWebKey;
  let modulusLength: number | undefined;
  if (scheme.kind === "rsa") {
    const parsed = importRsa(publicKey);
    if ("ok" in parsed) return parsed;
    jwk = parsed.jwk;
    modulusLength = parsed.modulusLength;
  } else if (scheme.kind === "ecdsa") {
    // RFC 6605 4: the key is the uncompressed point without its 0x04 prefix, x | y.
    if (publicKey.length !== 2 * scheme.size) {
      return { ok: false, reason: "malformed", detail: `${scheme.curve} key of ${publicKey.length} octets, expected ${2 * scheme.size}` };
    }
    jwk = { kty: "EC", crv: scheme.curve, x: base64url(publicKey.subarray(0, scheme.size)), y: base64url(publicKey.subarray(scheme.size)) };
  } else {
    if (publicKey.length !== scheme.keySize) {
      return { ok: false, reason: "malformed", detail: `${scheme.curve} key of ${publicKey.length} octets, expected ${scheme.keySize}` };
    }
    jwk = { kty: "OKP", crv: scheme.curve, x: base64url(publicKey) };
  }
  try {
    const key = createPublicKey({ key: jwk, format: "jwk" });
    return modulusLength === undefined ? { ok: true, key, scheme } : { ok: true, key, scheme, modulusLength };
  } catch (e) {
    return { ok: false, reason: "malformed", detail: `public key rejected: ${(e as Error).message}` };
  }
}

/** The KeyObject for a DNSKEY's algorithm and public key octets (cached, failures too). */
export function importDnskeyPublicKey(algorithm: number, publicKey: Uint8Array): KeyImport {
  const cacheKey = `${algorithm}:${Buffer.from(publicKey).toString("base64")}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const result = importUncached(algorithm, publicKey);
  cache.set(cacheKey, result);
  return result;
}
