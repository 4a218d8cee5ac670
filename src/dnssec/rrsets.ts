// Groups the records of a message section into RRsets (RFC 2181 5), each with the RRSIGs
// that cover it (RFC 4035 5.3: an RRSIG covers the RRset of its owner and type-covered).

import type { ResourceRecord } from "../dns/message.ts";
import { namesEqual, normaliseName } from "../dns/name.ts";
import { decodeRRSIG, type RrsigData } from "../dns/rdata-dnssec.ts";
import { TYPE } from "../dns/rdata.ts";
import { typeName } from "../dns/rr-types.ts";

export interface SignedRrset {
  name: string;
  type: number;
  records: ResourceRecord[];
  rrsigs: { record: ResourceRecord; data: RrsigData }[];
}

/** RRsets in order of first appearance; RRSIGs that do not decode are left out (they cannot count). */
export function groupRrsets(records: readonly ResourceRecord[]): SignedRrset[] {
  const sets = new Map<string, SignedRrset>();
  const get = (name: string, type: number): SignedRrset => {
    const key = `${normaliseName(name)}/${type}`;
    let set = sets.get(key);
    if (!set) {
      set = { name, type, records: [], rrsigs: [] };
      sets.set(key, set);
    }
    return set;
  };
  for (const rr of records) {
    if (rr.type !== TYPE.RRSIG) {
      get(rr.name, rr.type).records.push(rr);
      continue;
    }
    let data: RrsigData;
    try {
      data = decodeRRSIG(rr.rdata);
    } catch {
      continue;
    }
    get(rr.name, data.typeCovered).rrsigs.push({ record: rr, data });
  }
  // RRSIGs over records the message does not carry are of no use.
  return [...sets.values()].filter((s) => s.records.length > 0);
}

export function findRrset(sets: readonly SignedRrset[], name: string, type: number): SignedRrset | undefined {
  return sets.find((s) => s.type === type && namesEqual(s.name, name));
}

/** The signer of the first RRSIG, as unbound takes it (val_find_rrset_signer). */
export function signerOf(set: SignedRrset): string | undefined {
  return set.rrsigs[0]?.data.signerName;
}

export function isSignedBy(set: SignedRrset, zone: string): boolean {
  return set.rrsigs.some((s) => namesEqual(s.data.signerName, zone));
}

export function describeRrset(set: Pick<SignedRrset, "name" | "type">): string {
  return `${set.name}/${typeName(set.type)}`;
}

/** The smallest TTL of the records, or 0 for an empty list. */
export function minTtl(records: readonly ResourceRecord[]): number {
  return records.length === 0 ? 0 : Math.min(...records.map((r) => r.ttl));
}
