// Signs one zone of a world as its SigningSpec says: algorithm, NSEC or NSEC3, validity
// window, and the breakage if any. Also makes the DS records its parent publishes.

import type { ResourceRecord } from "../dns/message.ts";
import { nsec3Hash } from "../dnssec/nsec3-hash.ts";
import { dsRecordFor, signZone } from "../dnssec/signer.ts";
import type { DenialOptions } from "../dnssec/signer.ts";
import { breakageWindow, breakDs, breakZone } from "./apply-breakage.ts";
import type { ZoneKeys } from "./zone-keys.ts";
import type { Nsec3Hashing } from "./zone-index.ts";
import type { SigningAlgorithm, SigningSpec } from "./world.ts";

const DAY = 86400;
/** Digest type of the DS records the testnet publishes (SHA-256, RFC 4509). */
const DS_DIGEST_SHA256 = 2;

export const DEFAULT_ALGORITHM: SigningAlgorithm = 13;

export function algorithmOf(signing: SigningSpec): SigningAlgorithm {
  return signing.algorithm ?? DEFAULT_ALGORITHM;
}

/** Inception and expiration of the zone's signatures, in Unix seconds. */
export function signatureWindow(signing: SigningSpec, now: number): { inception: number; expiration: number } {
  const broken = breakageWindow(signing.breakage, now);
  if (broken) return broken;
  const w = signing.validity ?? { inceptionOffset: -DAY, expirationOffset: 30 * DAY };
  return { inception: now + w.inceptionOffset, expiration: now + w.expirationOffset };
}

function denialOptions(signing: SigningSpec): DenialOptions {
  const d = signing.denial ?? { kind: "nsec" };
  if (d.kind === "nsec") return d;
  return { kind: "nsec3", iterations: d.iterations, salt: Buffer.from(d.salt, "hex"), optOut: d.optOut };
}

/** How the server must hash names to find this zone's NSEC3 records (undefined for NSEC). */
export function nsec3HashingOf(signing: SigningSpec): Nsec3Hashing | undefined {
  const d = denialOptions(signing);
  if (d.kind !== "nsec3") return undefined;
  const { iterations, salt } = d;
  return { iterations, salt, hash: (name) => nsec3Hash(name, salt, iterations) };
}

export interface SignedZone {
  records: ResourceRecord[];
  nsec3?: Nsec3Hashing;
}

export function signWorldZone(origin: string, records: readonly ResourceRecord[], signing: SigningSpec, keys: ZoneKeys, now: number): SignedZone {
  const window = signatureWindow(signing, now);
  const signed = signZone(origin, records, { ksk: [keys.ksk], zsk: [keys.zsk] }, { ...window, denial: denialOptions(signing) });
  const broken = breakZone(signed, signing.breakage, { origin, zsk: keys.zsk, ...window });
  const nsec3 = nsec3HashingOf(signing);
  return nsec3 ? { records: broken, nsec3 } : { records: broken };
}

/** The DS records the parent publishes for a signed child (none for an island). */
export function parentDsRecords(childOrigin: string, signing: SigningSpec, keys: ZoneKeys): ResourceRecord[] {
  if (signing.publishDs === false) return [];
  return breakDs([dsRecordFor(childOrigin, keys.ksk, DS_DIGEST_SHA256)], signing.breakage, signing.unsupportedDsAlgorithm);
}
