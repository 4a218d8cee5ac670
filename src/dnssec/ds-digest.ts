// DS digests (RFC 4034 5.1.4, RFC 4509, RFC 6605): digest = H(owner name in canonical wire
// form | DNSKEY RDATA). Used both to check a parent's DS against the child's keys and to make
// DS records for the simulated internet.

import { createHash, timingSafeEqual } from "node:crypto";
import type { ResourceRecord } from "../dns/message.ts";
import type { DsData } from "../dns/rdata-dnssec.ts";
import { decodeDS } from "../dns/rdata-dnssec.ts";
import { dsDigestType } from "./algorithms.ts";
import { canonicalNameWire } from "./canonical.ts";
import { keyTag } from "./keytag.ts";

/** The digest of a DNSKEY for a DS of the given digest type, or undefined if unsupported. */
export function computeDsDigest(owner: string, dnskeyRdata: Uint8Array, digestType: number): Uint8Array | undefined {
  const row = dsDigestType(digestType);
  if (!row?.supported || !row.hash) return undefined;
  return createHash(row.hash).update(canonicalNameWire(owner)).update(dnskeyRdata).digest();
}

/** The DS RDATA fields for a DNSKEY (throws for unsupported digest types). */
export function computeDs(owner: string, dnskeyRdata: Uint8Array, digestType: number): DsData {
  const digest = computeDsDigest(owner, dnskeyRdata, digestType);
  if (!digest) throw new Error(`unsupported DS digest type ${digestType}`);
  return { keyTag: keyTag(dnskeyRdata), algorithm: dnskeyRdata[3]!, digestType, digest };
}

export type DsMatch =
  | { match: true }
  | { match: false; reason: "unsupported_digest" | "key_tag" | "algorithm" | "digest_length" | "digest" };

/**
 * Whether a DS names this DNSKEY: key tag, algorithm and digest must all agree. The digest
 * comparison is exact; an unsupported digest type is reported as such, not as a mismatch.
 */
export function matchDs(ds: DsData | ResourceRecord, dnskeyOwner: string, dnskeyRdata: Uint8Array): DsMatch {
  const data = "rdata" in ds ? decodeDS(ds.rdata) : ds;
  const row = dsDigestType(data.digestType);
  if (!row?.supported) return { match: false, reason: "unsupported_digest" };
  if (data.keyTag !== keyTag(dnskeyRdata)) return { match: false, reason: "key_tag" };
  if (data.algorithm !== dnskeyRdata[3]) return { match: false, reason: "algorithm" };
  const digest = computeDsDigest(dnskeyOwner, dnskeyRdata, data.digestType)!;
  if (digest.length !== data.digest.length) return { match: false, reason: "digest_length" };
  return timingSafeEqual(digest, data.digest) ? { match: true } : { match: false, reason: "digest" };
}
