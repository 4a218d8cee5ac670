// The vocabulary of validation verdicts: the four security states, the RFC 8914 Extended DNS
// Error codes that say why, and the per-zone evidence of the chain of trust.

export type Security = "secure" | "insecure" | "bogus" | "indeterminate";

export interface Ede {
  code: number;
  text: string;
}

/** RFC 8914 section 4 (and IANA's registry): the codes the validator reports. */
export const EDE = {
  unsupportedDnskeyAlgorithm: { code: 1, text: "Unsupported DNSKEY Algorithm" },
  unsupportedDsDigestType: { code: 2, text: "Unsupported DS Digest Type" },
  dnssecIndeterminate: { code: 5, text: "DNSSEC Indeterminate" },
  dnssecBogus: { code: 6, text: "DNSSEC Bogus" },
  signatureExpired: { code: 7, text: "Signature Expired" },
  signatureNotYetValid: { code: 8, text: "Signature Not Yet Valid" },
  dnskeyMissing: { code: 9, text: "DNSKEY Missing" },
  rrsigsMissing: { code: 10, text: "RRSIGs Missing" },
  noZoneKeyBitSet: { code: 11, text: "No Zone Key Bit Set" },
  nsecMissing: { code: 12, text: "NSEC Missing" },
  noReachableAuthority: { code: 22, text: "No Reachable Authority" },
  networkError: { code: 23, text: "Network Error" },
  unsupportedNsec3Iterations: { code: 27, text: "Unsupported NSEC3 Iterations Value" },
} as const satisfies Record<string, Ede>;

/** How bad each state is when parts of an answer (CNAME hops) are combined: worst wins. */
const SEVERITY: Readonly<Record<Security, number>> = { secure: 0, insecure: 1, indeterminate: 2, bogus: 3 };

export function weakerOf(a: Security, b: Security): Security {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** Evidence for one zone of the chain of trust, from the trust anchor down. */
export interface ChainLink {
  zone: string;
  security: Security;
  /** Key tags of the DS records (or DS trust anchors) that point at this zone's keys. */
  dsTags: number[];
  /** Key tags of the zone's DNSKEY RRset. */
  dnskeyTags: number[];
  /** Algorithms of the zone's DNSKEY RRset (or of its DS records, if the keys were not fetched). */
  algorithms: number[];
  reason: string;
}

/** A verdict on one step (an RRset, a key set, a proof), before it is folded into a result. */
export interface Verdict {
  security: Security;
  reason: string;
  ede?: Ede;
  /** Insecure only because every DS uses algorithms or digests we cannot check. */
  unsupportedAlgorithm?: boolean;
}

export function secure(reason = ""): Verdict {
  return { security: "secure", reason };
}

export function insecure(reason: string, ede?: Ede, unsupportedAlgorithm?: boolean): Verdict {
  return { security: "insecure", reason, ...(ede ? { ede } : {}), ...(unsupportedAlgorithm ? { unsupportedAlgorithm } : {}) };
}

export function bogus(reason: string, ede: Ede = EDE.dnssecBogus): Verdict {
  return { security: "bogus", reason, ede };
}

export function indeterminate(reason: string, ede: Ede = EDE.dnssecIndeterminate): Verdict {
  return { security: "indeterminate", reason, ede };
}
