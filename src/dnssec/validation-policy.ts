// The validator's tunable rules, as data in one place. The values are unbound's defaults
// (1.17 and later), because meetlat's verdicts are compared with unbound's in interop tests:
// change one here and the verdicts drift from unbound's.

/**
 * NSEC3 iteration limits by the size of the zone's smallest zone key (unbound option
 * val-nsec3-keysize-iterations, default "1024 150 2048 150 4096 150", following RFC 9276
 * section 3.2). A proof from NSEC3 records with more iterations than the limit makes the
 * answer insecure (not bogus). Rows in ascending key size; larger keys use the last row.
 */
export const NSEC3_ITERATION_LIMITS: readonly { maxKeyBits: number; maxIterations: number }[] = [
  { maxKeyBits: 1024, maxIterations: 150 },
  { maxKeyBits: 2048, maxIterations: 150 },
  { maxKeyBits: 4096, maxIterations: 150 },
];

export function nsec3IterationLimit(keyBits: number): number {
  const row = NSEC3_ITERATION_LIMITS.find((r) => keyBits <= r.maxKeyBits) ?? NSEC3_ITERATION_LIMITS.at(-1)!;
  return row.maxIterations;
}

/** NSEC3 hash algorithms we can compute (RFC 5155 section 11: 1 = SHA-1). Others are ignored. */
export const NSEC3_HASH_ALGORITHMS: ReadonlySet<number> = new Set([1]);

/**
 * Clock skew allowed around an RRSIG's validity window (unbound val-sig-skew-min/max): a
 * tenth of the window, at least an hour, at most a day. A signature that expired less than
 * the skew ago is still accepted, as unbound does.
 */
export const SIGNATURE_SKEW = { fractionOfValidity: 0.1, minSeconds: 3600, maxSeconds: 86400 } as const;

export const LIMITS = {
  /** CNAME (and DNAME) redirections followed for one question. */
  maxCnameChain: 10,
  /** How long a bogus or indeterminate zone verdict is cached (unbound val-bogus-ttl). */
  bogusCacheSeconds: 60,
  /** Cap on how long any validated key set or zone verdict is cached (unbound cache-max-ttl). */
  maxCacheSeconds: 86400,
  /** Signatures tried per RRset before giving up (unbound MAX_VALIDATE_RRSIGS is 8). */
  maxSignaturesPerRrset: 8,
} as const;
