// Verifies an RRset against a zone's DNSKEYs (RFC 4035 5.3): one valid RRSIG by one of the
// keys is enough (RFC 6840 5.11: no algorithm-downgrade hardening, as unbound's default
// harden-algo-downgrade: no). Follows unbound's val_sigcrypt.c where it differs from a
// literal reading of the RFC:
// - the validity window is widened by a clock skew (validation-policy.ts SIGNATURE_SKEW);
// - the window is checked after the signature, so "expired" is only said of a signature
//   that is otherwise good;
// - an RRSIG's labels field may not be below the signer's label count, an NSEC3 must sit
//   directly below its signer, an NSEC's next name must stay inside the signer's zone, and
//   a revoked key (RFC 5011) only counts for its own DNSKEY RRset.

import type { ResourceRecord } from "../dns/message.ts";
import { isSubdomainOf, namesEqual, parentName } from "../dns/name.ts";
import { decodeDNSKEY, decodeNSEC, DNSKEY_FLAG_REVOKE, type RrsigData } from "../dns/rdata-dnssec.ts";
import { TYPE } from "../dns/rdata.ts";
import { algorithmMnemonic, isSupportedAlgorithm } from "./algorithms.ts";
import { rrsigLabelCount, wildcardSource } from "./canonical.ts";
import { keyTag } from "./keytag.ts";
import { bogus, EDE, type Ede, type Verdict } from "./reasons.ts";
import { compareSerial, rrsigTimeToIso, toRrsigTime } from "./rrsig-time.ts";
import { describeRrset, minTtl, type SignedRrset } from "./rrsets.ts";
import { LIMITS, SIGNATURE_SKEW } from "./validation-policy.ts";
import { verifyRrsig } from "./verify.ts";

export type RrsetVerification =
  | {
    ok: true;
    /** Unix seconds until which this verdict may be reused: TTLs and signature expiry. */
    validUntil: number;
    /** Set if the RRset was expanded from a wildcard: the wildcard's parent (RFC 4035 5.3.4). */
    wildcardEncloser?: string;
  }
  | { ok: false; verdict: Verdict };

const TWO_32 = 2 ** 32;

/** Distance from a to b going forward in 32-bit serial arithmetic. */
function forward(a: number, b: number): number {
  return (((b - a) % TWO_32) + TWO_32) % TWO_32;
}

type DateCheck =
  | { ok: true; effectiveNow: number }
  | { ok: false; effectiveNow: number; ede: Ede; detail: string };

/** RFC 4035 5.3.1 with unbound's skew: a tenth of the validity period, within [min, max]. */
export function checkSignatureDates(sig: Pick<RrsigData, "inception" | "expiration">, now: number): DateCheck {
  const now32 = toRrsigTime(now);
  const until = rrsigTimeToIso(sig.expiration, now);
  const from = rrsigTimeToIso(sig.inception, now);
  if (compareSerial(sig.inception, sig.expiration) > 0) {
    return { ok: false, effectiveNow: now, ede: EDE.signatureNotYetValid, detail: `has inception ${from} after expiration ${until}` };
  }
  const validity = forward(sig.inception, sig.expiration);
  const skew = Math.min(SIGNATURE_SKEW.maxSeconds, Math.max(SIGNATURE_SKEW.minSeconds, Math.floor(validity * SIGNATURE_SKEW.fractionOfValidity)));
  if (compareSerial(sig.inception, now32) > 0) {
    const ahead = forward(now32, sig.inception);
    if (ahead > skew) return { ok: false, effectiveNow: now + ahead, ede: EDE.signatureNotYetValid, detail: `is not valid until ${from}` };
    return { ok: true, effectiveNow: now + ahead };
  }
  if (compareSerial(now32, sig.expiration) > 0) {
    const behind = forward(sig.expiration, now32);
    if (behind > skew) return { ok: false, effectiveNow: now - behind, ede: EDE.signatureExpired, detail: `expired ${until}` };
    return { ok: true, effectiveNow: now - behind };
  }
  return { ok: true, effectiveNow: now };
}

/** Checks unbound adds on top of RFC 4035 5.3.1; returns why the RRSIG cannot count, if so. */
function structuralProblem(set: SignedRrset, sig: RrsigData): string | undefined {
  if (sig.labels < rrsigLabelCount(sig.signerName)) return `has a labels field below the signer's label count`;
  if (set.type === TYPE.NSEC3 && set.name !== "." && !namesEqual(parentName(set.name), sig.signerName)) {
    return `is over an NSEC3 that is not directly below the signer ${sig.signerName}`;
  }
  if (set.type === TYPE.NSEC) {
    for (const rr of set.records) {
      try {
        if (!isSubdomainOf(decodeNSEC(rr.rdata).nextDomainName, sig.signerName)) return `is over an NSEC whose next name leaves ${sig.signerName}`;
      } catch {
        return "is over a malformed NSEC";
      }
    }
  }
  return undefined;
}

/** Ranks failures so the reported one is the most telling (a good but expired signature first). */
const FAILURE_RANK: Readonly<Record<number, number>> = {
  [EDE.signatureExpired.code]: 5,
  [EDE.signatureNotYetValid.code]: 5,
  [EDE.dnssecBogus.code]: 4,
  [EDE.noZoneKeyBitSet.code]: 3,
  [EDE.dnskeyMissing.code]: 2,
  [EDE.unsupportedDnskeyAlgorithm.code]: 1,
};

/**
 * Verifies `set` with the DNSKEYs of `zone`. `keys` may be narrowed to particular keys (the
 * ones a DS points at, when checking a DNSKEY RRset). Never throws.
 */
export function verifyRrset(set: SignedRrset, zone: string, keys: readonly ResourceRecord[], now: number): RrsetVerification {
  const what = `RRSIG over ${describeRrset(set)}`;
  if (set.rrsigs.length === 0) return { ok: false, verdict: bogus(`no RRSIG over ${describeRrset(set)}`, EDE.rrsigsMissing) };
  const labelsSeen = new Set(set.rrsigs.map((s) => s.data.labels));
  if (labelsSeen.size > 1) return { ok: false, verdict: bogus(`RRSIGs over ${describeRrset(set)} disagree about the wildcard (labels fields ${[...labelsSeen].join(", ")})`) };
  const ours = set.rrsigs.filter((s) => namesEqual(s.data.signerName, zone));
  if (ours.length === 0) {
    const signers = [...new Set(set.rrsigs.map((s) => s.data.signerName))].join(", ");
    return { ok: false, verdict: bogus(`${describeRrset(set)} is signed by ${signers}, not by the zone ${zone}`) };
  }

  let best: { rank: number; verdict: Verdict } | undefined;
  const fail = (ede: Ede, reason: string) => {
    const rank = FAILURE_RANK[ede.code] ?? 0;
    if (!best || rank > best.rank) best = { rank, verdict: bogus(reason, ede) };
  };
  let attempts = 0;
  for (const { record, data: sig } of ours) {
    const tagged = `${what} by key ${sig.keyTag} (${algorithmMnemonic(sig.algorithm)})`;
    if (!isSupportedAlgorithm(sig.algorithm)) {
      fail(EDE.unsupportedDnskeyAlgorithm, `${tagged}: algorithm not supported`);
      continue;
    }
    const problem = structuralProblem(set, sig);
    if (problem) {
      fail(EDE.dnssecBogus, `${tagged} ${problem}`);
      continue;
    }
    const candidates = keys.filter((k) => k.type === TYPE.DNSKEY && k.rdata[3] === sig.algorithm && keyTag(k.rdata) === sig.keyTag);
    if (candidates.length === 0) {
      fail(EDE.dnskeyMissing, `${tagged}: no such key in the DNSKEY RRset of ${zone}`);
      continue;
    }
    const dates = checkSignatureDates(sig, now);
    for (const key of candidates) {
      if (++attempts > LIMITS.maxSignaturesPerRrset) {
        return { ok: false, verdict: bogus(`${what}: too many signatures to check`) };
      }
      let flags: number;
      try {
        flags = decodeDNSKEY(key.rdata).flags;
      } catch {
        fail(EDE.dnssecBogus, `${tagged}: the DNSKEY is malformed`);
        continue;
      }
      if ((flags & DNSKEY_FLAG_REVOKE) && !(set.type === TYPE.DNSKEY && namesEqual(set.name, key.name))) {
        fail(EDE.dnskeyMissing, `${tagged}: the key is revoked (RFC 5011)`);
        continue;
      }
      const result = verifyRrsig(set.records, record, key, dates.effectiveNow);
      if (result.ok) {
        if (!dates.ok) {
          fail(dates.ede, `${tagged} ${dates.detail}`);
          continue;
        }
        const expiresIn = forward(toRrsigTime(now), sig.expiration);
        const ttl = Math.min(minTtl(set.records), sig.originalTtl, compareSerial(sig.expiration, toRrsigTime(now)) > 0 ? expiresIn : 0);
        const source = wildcardSource(set.name, sig.labels);
        return {
          ok: true,
          validUntil: now + Math.max(0, ttl),
          ...(source ? { wildcardEncloser: parentName(source) } : {}),
        };
      }
      switch (result.reason) {
        case "key_mismatch":
          fail(/Zone Key flag/.test(result.detail) ? EDE.noZoneKeyBitSet : EDE.dnssecBogus, `${tagged}: ${result.detail}`);
          break;
        case "unsupported_algorithm":
          fail(EDE.unsupportedDnskeyAlgorithm, `${tagged}: ${result.detail}`);
          break;
        case "bad_signature":
          fail(EDE.dnssecBogus, `${tagged} does not verify (${result.detail})`);
          break;
        default:
          fail(EDE.dnssecBogus, `${tagged}: ${result.detail}`);
      }
    }
  }
  return { ok: false, verdict: best?.verdict ?? bogus(`${what}: no usable signature`) };
}
