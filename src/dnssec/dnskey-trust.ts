// Decides whether a zone's DNSKEY RRset is trusted, given the DS records from its parent or
// the configured trust anchors (RFC 4035 5.2, RFC 6840 5.2). As unbound does (with its
// default harden-algo-downgrade: no): one DS with a supported algorithm and digest whose
// DNSKEY signs the RRset suffices; DS records we cannot use are ignored; if none is usable,
// the zone is insecure, not bogus.

import type { ResourceRecord } from "../dns/message.ts";
import { decodeDNSKEY, decodeDS, type DsData } from "../dns/rdata-dnssec.ts";
import { TYPE } from "../dns/rdata.ts";
import { isSupportedAlgorithm, isSupportedDigestType } from "./algorithms.ts";
import { matchDs } from "./ds-digest.ts";
import { keyTag } from "./keytag.ts";
import { bogus, EDE, insecure, secure, type Verdict } from "./reasons.ts";
import { verifyRrset } from "./rrset-verify.ts";
import { minTtl, type SignedRrset } from "./rrsets.ts";

export interface KeysetTrust {
  verdict: Verdict;
  /** Unix seconds until which the verdict may be reused (signatures and TTLs; the TTL alone if not secure). */
  validUntil: number;
}

export function decodeDsRecords(records: readonly ResourceRecord[]): DsData[] {
  const out: DsData[] = [];
  for (const rr of records) {
    if (rr.type !== TYPE.DS) continue;
    try {
      out.push(decodeDS(rr.rdata));
    } catch {
      // A malformed DS is as good as an unusable one.
    }
  }
  return out;
}

export function isUsableDs(ds: DsData): boolean {
  return isSupportedAlgorithm(ds.algorithm) && isSupportedDigestType(ds.digestType);
}

/**
 * RFC 4035 5.2 / RFC 6840 5.2: a DS RRset with no usable record is treated as if there were
 * no DS: the delegation is insecure. Says which EDE applies (algorithm or digest).
 */
export function unusableDsVerdict(zone: string, dsList: readonly DsData[]): Verdict | undefined {
  if (dsList.some(isUsableDs)) return undefined;
  const algorithms = [...new Set(dsList.map((d) => d.algorithm))].join(", ");
  const digests = [...new Set(dsList.map((d) => d.digestType))].join(", ");
  if (dsList.every((d) => !isSupportedAlgorithm(d.algorithm))) {
    return insecure(`every DS for ${zone} uses an unsupported algorithm (${algorithms})`, EDE.unsupportedDnskeyAlgorithm, true);
  }
  return insecure(`every DS for ${zone} uses an unsupported digest type or algorithm (digest types ${digests}, algorithms ${algorithms})`, EDE.unsupportedDsDigestType, true);
}

function tagsOf(keyset: SignedRrset): string {
  return keyset.records.map((k) => keyTag(k.rdata)).join(", ");
}

/** Validates the DNSKEY RRset of `zone` against the DS records from the parent (or DS anchors). */
export function trustKeysetWithDs(zone: string, keyset: SignedRrset, dsList: readonly DsData[], now: number): KeysetTrust {
  const ttlBound = now + minTtl(keyset.records);
  const unusable = unusableDsVerdict(zone, dsList);
  if (unusable) return { verdict: unusable, validUntil: ttlBound };
  let digestMatched = false;
  let checked = false;
  let refused = false;
  let failure: Verdict | undefined;
  for (const ds of dsList.filter(isUsableDs)) {
    for (const key of keyset.records) {
      if (key.rdata[3] !== ds.algorithm || keyTag(key.rdata) !== ds.keyTag) continue;
      if (!matchDs(ds, zone, key.rdata).match) continue;
      digestMatched = true;
      const result = verifyRrset(keyset, zone, [key], now);
      if (result.ok) {
        return { verdict: secure(`DNSKEY ${ds.keyTag} of ${zone} matches its DS and signs the DNSKEY RRset`), validUntil: result.validUntil };
      }
      if (result.verdict.ede?.code === EDE.unsupportedDnskeyAlgorithm.code) {
        refused = true;
        continue;
      }
      checked = true;
      failure = result.verdict;
    }
  }
  // unbound: a DS whose key the crypto library refuses counts as unusable, not as bogus.
  if (refused && !checked) {
    return { verdict: insecure(`the keys of ${zone} that match its DS cannot be checked`, EDE.unsupportedDnskeyAlgorithm, true), validUntil: ttlBound };
  }
  if (!digestMatched) {
    const dsTags = dsList.filter(isUsableDs).map((d) => d.keyTag).join(", ");
    return {
      verdict: bogus(`no DNSKEY of ${zone} matches its DS (DS key tags ${dsTags}; DNSKEY key tags ${tagsOf(keyset) || "none"})`, EDE.dnskeyMissing),
      validUntil: ttlBound,
    };
  }
  const why = failure ? failure.reason : "no valid signature";
  return { verdict: bogus(`DNSKEY RRset of ${zone} is not validly signed by a key its DS points at: ${why}`, failure?.ede), validUntil: ttlBound };
}

/** Validates the DNSKEY RRset of `zone` against configured trust anchors (DS and/or DNSKEY). */
export function trustKeysetWithAnchors(zone: string, keyset: SignedRrset, anchors: readonly ResourceRecord[], now: number): KeysetTrust {
  const dsAnchors = decodeDsRecords(anchors);
  const keyAnchors = anchors.filter((a) => a.type === TYPE.DNSKEY && isSupportedAnchorKey(a));
  let dsResult: KeysetTrust | undefined;
  if (dsAnchors.some(isUsableDs)) {
    dsResult = trustKeysetWithDs(zone, keyset, dsAnchors, now);
    if (dsResult.verdict.security === "secure") return dsResult;
  }
  for (const anchor of keyAnchors) {
    const result = verifyRrset(keyset, zone, [anchor], now);
    if (result.ok) return { verdict: secure(`DNSKEY RRset of ${zone} is signed by a trust-anchor key`), validUntil: result.validUntil };
    dsResult ??= {
      verdict: bogus(`DNSKEY RRset of ${zone} is not signed by a trust-anchor key: ${result.verdict.reason}`, result.verdict.ede),
      validUntil: now + minTtl(keyset.records),
    };
  }
  if (dsResult) return dsResult;
  return {
    verdict: insecure(`no trust anchor for ${zone} uses a supported algorithm and digest`, EDE.unsupportedDnskeyAlgorithm, true),
    validUntil: now + minTtl(keyset.records),
  };
}

function isSupportedAnchorKey(rr: ResourceRecord): boolean {
  try {
    return isSupportedAlgorithm(decodeDNSKEY(rr.rdata).algorithm);
  } catch {
    return false;
  }
}
