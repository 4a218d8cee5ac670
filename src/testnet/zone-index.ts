// A zone's records arranged for answering: RRsets by owner and type with their RRSIGs, the
// names that exist (empty non-terminals included), the delegation points, and the NSEC or
// NSEC3 chain in order for finding matching and covering records by binary search.
// Built once per zone; every answer afterwards is map look-ups and a few comparisons.

import { base32hexDecode } from "../dns/base32hex.ts";
import type { ResourceRecord } from "../dns/message.ts";
import { isSubdomainOf, nameToLabels, normaliseName, parentName } from "../dns/name.ts";
import { TYPE } from "../dns/rdata.ts";

export interface RRset {
  /** Owner as stored (normalised). */
  name: string;
  type: number;
  records: ResourceRecord[];
  /** The RRSIGs covering this RRset (empty in unsigned zones). */
  sigs: ResourceRecord[];
}

/** How this zone's NSEC3 owner names were hashed (which is what the server must compute). */
export interface Nsec3Hashing {
  iterations: number;
  salt: Uint8Array;
  hash(name: string): Uint8Array;
}

interface Nsec3Link {
  hash: Uint8Array;
  rrset: RRset;
}

interface NsecLink {
  labels: Uint8Array[];
  rrset: RRset;
}

export interface ZoneIndex {
  /** Normalised origin ("." for the root). */
  readonly origin: string;
  readonly signed: boolean;
  /** Owner -> type -> RRset, for everything except the NSEC3 records. */
  readonly nodes: ReadonlyMap<string, ReadonlyMap<number, RRset>>;
  /** Names that exist in the zone: owners of data and the empty non-terminals above them. */
  readonly existing: ReadonlySet<string>;
  /** Names below the apex that carry NS records: zone cuts. */
  readonly delegations: ReadonlySet<string>;
  readonly nsec3?: Nsec3Hashing;
  /** The NSEC record whose owner equals or canonically precedes `name`, wrapping around. */
  nsecAtOrBefore(name: string): RRset | undefined;
  /** The NSEC3 whose owner hash equals or precedes the hash of `name`, wrapping around. */
  nsec3AtOrBefore(name: string): { rrset: RRset; matches: boolean } | undefined;
  rrset(name: string, type: number): RRset | undefined;
}

function lowerLabels(name: string): Uint8Array[] {
  return nameToLabels(name).map((l) => l.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b)));
}

/** RFC 4034 6.1 canonical order on pre-lowered label lists. */
function compareLabels(a: readonly Uint8Array[], b: readonly Uint8Array[]): number {
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const c = Buffer.compare(a[a.length - i]!, b[b.length - i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Index of the last element <= key (by cmp), or the last element when key precedes them all. */
function atOrBefore<T>(items: readonly T[], cmp: (item: T) => number): { index: number; equal: boolean } {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cmp(items[mid]!);
    if (c === 0) return { index: mid, equal: true };
    if (c < 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return { index: found >= 0 ? found : items.length - 1, equal: false };
}

function rrsigTypeCovered(rr: ResourceRecord): number {
  return (rr.rdata[0]! << 8) | rr.rdata[1]!;
}

/**
 * Indexes a zone's records. `nsec3` must be given for an NSEC3-signed zone: it is how the
 * owner names were hashed, which need not be what the records claim (see the bogus-nsec3
 * breakage).
 */
export function buildZoneIndex(origin: string, records: readonly ResourceRecord[], nsec3?: Nsec3Hashing): ZoneIndex {
  const zoneOrigin = normaliseName(origin);
  const nodes = new Map<string, Map<number, RRset>>();
  const nsec3Sets = new Map<string, RRset>();
  const sigs: ResourceRecord[] = [];

  const rrsetFor = (map: Map<number, RRset>, name: string, type: number): RRset => {
    let set = map.get(type);
    if (!set) map.set(type, (set = { name, type, records: [], sigs: [] }));
    return set;
  };

  for (const rr of records) {
    const name = normaliseName(rr.name);
    if (!isSubdomainOf(name, zoneOrigin)) throw new Error(`record ${rr.name} is outside zone ${zoneOrigin}`);
    if (rr.type === TYPE.RRSIG) {
      sigs.push(rr);
      continue;
    }
    const stored = { ...rr, name };
    if (rr.type === TYPE.NSEC3) {
      let set = nsec3Sets.get(name);
      if (!set) nsec3Sets.set(name, (set = { name, type: rr.type, records: [], sigs: [] }));
      set.records.push(stored);
      continue;
    }
    let node = nodes.get(name);
    if (!node) nodes.set(name, (node = new Map()));
    rrsetFor(node, name, rr.type).records.push(stored);
  }
  for (const sig of sigs) {
    const name = normaliseName(sig.name);
    const covered = rrsigTypeCovered(sig);
    const target = covered === TYPE.NSEC3 ? nsec3Sets.get(name) : nodes.get(name)?.get(covered);
    // A signature over nothing (a breakage may remove the data) is kept nowhere, like a server would.
    target?.sigs.push({ ...sig, name });
  }

  const existing = new Set<string>();
  const delegations = new Set<string>();
  for (const [name, node] of nodes) {
    for (let n = name; !existing.has(n); n = parentName(n)) {
      existing.add(n);
      if (n === zoneOrigin) break;
    }
    if (name !== zoneOrigin && node.has(TYPE.NS)) delegations.add(name);
  }

  const nsecChain: NsecLink[] = [];
  for (const [name, node] of nodes) {
    const set = node.get(TYPE.NSEC);
    if (set) nsecChain.push({ labels: lowerLabels(name), rrset: set });
  }
  nsecChain.sort((a, b) => compareLabels(a.labels, b.labels));

  const nsec3Chain: Nsec3Link[] = [];
  for (const [name, set] of nsec3Sets) {
    const first = nameToLabels(name)[0];
    if (!first) continue;
    nsec3Chain.push({ hash: base32hexDecode(Buffer.from(first).toString("latin1")), rrset: set });
  }
  nsec3Chain.sort((a, b) => Buffer.compare(a.hash, b.hash));

  const signed = sigs.length > 0 || nodes.get(zoneOrigin)?.has(TYPE.DNSKEY) === true;

  return {
    origin: zoneOrigin,
    signed,
    nodes,
    existing,
    delegations,
    ...(nsec3 ? { nsec3 } : {}),
    nsecAtOrBefore(name) {
      if (nsecChain.length === 0) return undefined;
      const labels = lowerLabels(name);
      const { index } = atOrBefore(nsecChain, (link) => compareLabels(link.labels, labels));
      return nsecChain[index]!.rrset;
    },
    nsec3AtOrBefore(name) {
      if (!nsec3 || nsec3Chain.length === 0) return undefined;
      const hash = nsec3.hash(name);
      const { index, equal } = atOrBefore(nsec3Chain, (link) => Buffer.compare(link.hash, hash));
      return { rrset: nsec3Chain[index]!.rrset, matches: equal };
    },
    rrset(name, type) {
      return nodes.get(normaliseName(name))?.get(type);
    },
  };
}
