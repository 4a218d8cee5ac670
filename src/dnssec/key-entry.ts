// What the chain of trust says about the zone a name belongs to: its validated keys, or why
// there are none (insecure, bogus, or not known because a lookup failed).

import type { ResourceRecord } from "../dns/message.ts";
import type { ChainLink, Verdict } from "./reasons.ts";

export interface SecureKeys {
  kind: "secure";
  /** The zone apex these keys belong to. */
  zone: string;
  /** The validated DNSKEY RRset of the zone. */
  dnskeys: ResourceRecord[];
  /** Size of the smallest zone key, for the NSEC3 iteration table. */
  keyBits: number;
  /** Evidence from the trust anchor down to this zone. */
  chain: ChainLink[];
  /** Unix seconds until which this may be reused (TTLs, signature expiry). */
  validUntil: number;
}

export interface NoKeys {
  kind: "insecure" | "bogus" | "indeterminate";
  /** The zone (or delegation) where the chain ended. */
  zone: string;
  verdict: Verdict;
  chain: ChainLink[];
  validUntil: number;
}

export type KeyEntry = SecureKeys | NoKeys;

export function noKeys(zone: string, verdict: Verdict, chain: ChainLink[], validUntil: number): NoKeys {
  return { kind: verdict.security === "secure" ? "bogus" : verdict.security, zone, verdict, chain, validUntil };
}
