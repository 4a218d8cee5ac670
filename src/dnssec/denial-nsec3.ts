// NSEC3 denial-of-existence proofs (RFC 5155 sections 7.2 and 8, RFC 9276). Like
// denial-nsec.ts this works on records already verified against the zone's keys, and only
// decides what they prove. The rules follow unbound's validator/val_nsec3.c closely,
// because meetlat's verdicts are compared with unbound's:
// - NSEC3 records with an unknown hash algorithm or any flag but opt-out are ignored
//   (RFC 5155 8.1, 8.2);
// - the records used must all come from one zone, the zone that signed them, and share one
//   parameter set; otherwise the proof is bogus;
// - more iterations than the table in validation-policy.ts allows make the answer insecure
//   (RFC 9276 section 3.2), before any hashing is done.

import type { ResourceRecord } from "../dns/message.ts";
import { isSubdomainOf, labelCount, namesEqual, nameToLabels, parentName } from "../dns/name.ts";
import { base32hexDecode } from "../dns/base32hex.ts";
import { decodeNSEC3, NSEC3_FLAG_OPT_OUT, type Nsec3Data } from "../dns/rdata-dnssec.ts";
import { TYPE } from "../dns/rdata.ts";
import { nsec3Hash } from "./nsec3-hash.ts";
import { nextCloserName, stripLabels, wildcardAt } from "./proof-names.ts";
import { NSEC3_HASH_ALGORITHMS, nsec3IterationLimit } from "./validation-policy.ts";

/** Computes the NSEC3 hash of a name (RFC 5155 section 5); replaceable in tests. */
export type Nsec3Hasher = (name: string, salt: Uint8Array, iterations: number, algorithm: number) => Uint8Array;

export interface Nsec3Record {
  owner: string;
  /** The zone the record belongs to: its owner minus the hash label. */
  zone: string;
  /** The hash in the owner's first label, or undefined if that label is not base32hex. */
  ownerHash: Uint8Array | undefined;
  data: Nsec3Data;
}

/** Decodes the NSEC3 records among `records`; malformed ones are dropped (they prove nothing). */
export function nsec3RecordsOf(records: readonly ResourceRecord[]): Nsec3Record[] {
  const out: Nsec3Record[] = [];
  for (const rr of records) {
    if (rr.type !== TYPE.NSEC3 || rr.name === ".") continue;
    let data: Nsec3Data;
    try {
      data = decodeNSEC3(rr.rdata);
    } catch {
      continue;
    }
    let ownerHash: Uint8Array | undefined;
    try {
      ownerHash = base32hexDecode(Buffer.from(nameToLabels(rr.name)[0]!).toString("latin1"));
    } catch {
      ownerHash = undefined;
    }
    out.push({ owner: rr.name, zone: parentName(rr.name), ownerHash, data });
  }
  return out;
}

/** RFC 5155 8.1/8.2: unknown hash algorithms and flags other than opt-out make a record unusable. */
function isUsable(r: Nsec3Record): boolean {
  return NSEC3_HASH_ALGORITHMS.has(r.data.hashAlgorithm) && (r.data.flags & ~NSEC3_FLAG_OPT_OUT) === 0;
}

const has = (r: Nsec3Record, type: number): boolean => r.data.types.includes(type);
const isOptOut = (r: Nsec3Record): boolean => (r.data.flags & NSEC3_FLAG_OPT_OUT) !== 0;

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

export type Nsec3Status = "secure" | "insecure" | "bogus";

export interface Nsec3Verdict {
  status: Nsec3Status;
  reason: string;
  /** Set when the verdict is insecure because of the iteration limit (RFC 8914 EDE 27). */
  iterationsTooHigh?: boolean;
  /** For NODATA-or-NXDOMAIN proofs: which of the two was proven. */
  nodata?: boolean;
}

/** What `nsec3ProveNoDs` can conclude about the DS at a name. */
export type Nsec3DsVerdict =
  | { status: "no-ds"; reason: string }
  | { status: "not-delegation"; reason: string }
  | { status: "insecure"; reason: string; iterationsTooHigh?: boolean }
  | { status: "bogus"; reason: string };

interface ClosestEncloser {
  status: Nsec3Status;
  reason: string;
  encloser?: string;
  /** The NSEC3 covering the next closer name, when the encloser is not the name itself. */
  nextCloser?: Nsec3Record;
}

/**
 * The NSEC3 records of one response, narrowed to those that can speak about one question,
 * with the hash computations cached. Build one per question with `Nsec3Proof.select`.
 */
export class Nsec3Proof {
  readonly zone: string;
  private readonly records: Nsec3Record[];
  private readonly hasher: Nsec3Hasher;
  private readonly hashes = new Map<string, Uint8Array>();

  private constructor(zone: string, records: Nsec3Record[], hasher: Nsec3Hasher) {
    this.zone = zone;
    this.records = records;
    this.hasher = hasher;
  }

  /**
   * Picks the zone whose NSEC3 records can prove something about `name` (the deepest zone
   * at or above it; for DS, a zone strictly above it, except at the root) and checks the
   * records against the signer and each other. Returns a verdict instead when the records
   * cannot be used at all.
   */
  static select(
    all: readonly Nsec3Record[], name: string, type: number, signerZone: string, zoneKeyBits: number, hasher: Nsec3Hasher = nsec3Hash,
  ): Nsec3Proof | Nsec3Verdict {
    const usable = all.filter(isUsable);
    let zone: string | undefined;
    for (const r of usable) {
      if (!isSubdomainOf(name, r.zone)) continue;
      if (type === TYPE.DS && namesEqual(name, r.zone) && name !== ".") continue;
      if (zone === undefined || isSubdomainOf(r.zone, zone)) zone = r.zone;
    }
    if (zone === undefined) return { status: "bogus", reason: `no usable NSEC3 records for ${name}` };
    if (!namesEqual(zone, signerZone)) {
      return { status: "bogus", reason: `NSEC3 records are from ${zone}, not from the signing zone ${signerZone}` };
    }
    const records = usable.filter((r) => namesEqual(r.zone, zone));
    const first = records[0]!.data;
    for (const r of records) {
      if (r.data.hashAlgorithm !== first.hashAlgorithm || r.data.iterations !== first.iterations ||
        Buffer.compare(r.data.salt, first.salt) !== 0) {
        return { status: "bogus", reason: `NSEC3 records in ${zone} mix different parameter sets` };
      }
    }
    const limit = nsec3IterationLimit(zoneKeyBits);
    if (first.iterations > limit) {
      return {
        status: "insecure", iterationsTooHigh: true,
        reason: `NSEC3 in ${zone} uses ${first.iterations} iterations, above the limit of ${limit} (RFC 9276)`,
      };
    }
    return new Nsec3Proof(zone, records, hasher);
  }

  private hashOf(name: string): Uint8Array {
    const key = name.toLowerCase();
    let h = this.hashes.get(key);
    if (!h) {
      const p = this.records[0]!.data;
      h = this.hasher(name, p.salt, p.iterations, p.hashAlgorithm);
      this.hashes.set(key, h);
    }
    return h;
  }

  /** The NSEC3 whose owner is the hash of `name` (RFC 5155 7.2: "matches"). */
  matching(name: string): Nsec3Record | undefined {
    const h = this.hashOf(name);
    return this.records.find((r) => r.ownerHash !== undefined && compareBytes(r.ownerHash, h) === 0);
  }

  /** The NSEC3 whose hash interval holds the hash of `name` (RFC 5155 7.2: "covers"). */
  covering(name: string): Nsec3Record | undefined {
    const h = this.hashOf(name);
    return this.records.find((r) => {
      const owner = r.ownerHash;
      const next = r.data.nextHashedOwner;
      if (!owner || owner.length !== h.length || next.length !== h.length) return false;
      if (compareBytes(owner, next) < 0) return compareBytes(owner, h) < 0 && compareBytes(h, next) < 0;
      // The last NSEC3 of the chain wraps around (and a lone NSEC3 covers everything else).
      return compareBytes(h, owner) > 0 || compareBytes(h, next) < 0;
    });
  }

  /**
   * The closest encloser proof (RFC 5155 8.3): the longest existing ancestor of `name` has a
   * matching NSEC3 and the next closer name is covered. If the encloser turns out to be an
   * unsigned delegation, names below it are insecure.
   */
  private closestEncloser(name: string, mustNotExist: boolean): ClosestEncloser {
    let encloser: string | undefined;
    let match: Nsec3Record | undefined;
    for (let candidate = name; isSubdomainOf(candidate, this.zone); candidate = stripLabels(candidate, 1)) {
      match = this.matching(candidate);
      if (match) {
        encloser = candidate;
        break;
      }
      if (candidate === ".") break;
    }
    if (encloser === undefined || !match) return { status: "bogus", reason: `no NSEC3 matches any ancestor of ${name}` };
    if (namesEqual(encloser, name)) {
      if (mustNotExist) return { status: "bogus", reason: `an NSEC3 proves that ${name} exists` };
      return { status: "secure", reason: "", encloser };
    }
    if (has(match, TYPE.NS) && !has(match, TYPE.SOA)) {
      if (!has(match, TYPE.DS)) {
        return { status: "insecure", reason: `NSEC3 shows ${encloser} is an unsigned delegation above ${name}`, encloser };
      }
      return { status: "bogus", reason: `closest encloser ${encloser} of ${name} is a delegation; expected a referral` };
    }
    if (has(match, TYPE.DNAME)) return { status: "bogus", reason: `closest encloser ${encloser} of ${name} has a DNAME` };
    const nextCloser = this.covering(nextCloserName(name, encloser));
    if (!nextCloser) {
      return { status: "bogus", reason: `no NSEC3 covers ${nextCloserName(name, encloser)}, the next closer name of ${name}` };
    }
    return { status: "secure", reason: "", encloser, nextCloser };
  }

  /** NXDOMAIN (RFC 5155 8.4): closest encloser proof plus the wildcard at it covered. */
  proveNameError(name: string): Nsec3Verdict {
    const ce = this.closestEncloser(name, true);
    if (ce.status !== "secure") return { status: ce.status, reason: ce.reason };
    const wildcard = wildcardAt(ce.encloser!);
    if (!this.covering(wildcard)) return { status: "bogus", reason: `no NSEC3 proves that the wildcard ${wildcard} does not exist` };
    // RFC 5155 9.2: under an opt-out span the name may exist as an unsigned delegation.
    if (ce.nextCloser && isOptOut(ce.nextCloser)) return { status: "insecure", reason: `NXDOMAIN for ${name} is covered by an opt-out NSEC3` };
    return { status: "secure", reason: "" };
  }

  /** NODATA (RFC 5155 8.5-8.7), including wildcard NODATA and the opt-out DS case. */
  proveNodata(name: string, type: number): Nsec3Verdict {
    const match = this.matching(name);
    if (match) {
      if (has(match, type)) return { status: "bogus", reason: `the NSEC3 for ${name} lists the type that was denied` };
      if (has(match, TYPE.CNAME)) return { status: "bogus", reason: `the NSEC3 for ${name} shows a CNAME` };
      if (type === TYPE.DS && name !== "." && has(match, TYPE.SOA)) {
        return { status: "bogus", reason: `the child's apex NSEC3 was used to deny the DS of ${name}` };
      }
      if (type !== TYPE.DS && has(match, TYPE.NS) && !has(match, TYPE.SOA)) {
        if (!has(match, TYPE.DS)) return { status: "insecure", reason: `NSEC3 shows ${name} is an unsigned delegation` };
        return { status: "bogus", reason: `the NSEC3 for ${name} is a delegation; expected a referral` };
      }
      return { status: "secure", reason: "" };
    }
    const ce = this.closestEncloser(name, true);
    if (ce.status === "bogus") return { status: "bogus", reason: `no NSEC3 matches ${name}, and ${ce.reason}` };
    if (ce.status === "insecure" && type !== TYPE.DS) return { status: "insecure", reason: ce.reason };
    if (ce.encloser === undefined) return { status: "bogus", reason: ce.reason };

    const wildcard = this.matching(wildcardAt(ce.encloser));
    if (wildcard) {
      if (has(wildcard, type)) return { status: "bogus", reason: `the matching wildcard NSEC3 lists the type that was denied` };
      if (has(wildcard, TYPE.CNAME)) return { status: "bogus", reason: `the matching wildcard NSEC3 shows a CNAME` };
      if (type === TYPE.DS && name !== "." && has(wildcard, TYPE.SOA)) {
        return { status: "bogus", reason: `the wildcard NSEC3 used to deny the DS of ${name} has a SOA` };
      }
      if (type !== TYPE.DS && has(wildcard, TYPE.NS) && !has(wildcard, TYPE.SOA)) {
        return { status: "bogus", reason: `the matching wildcard NSEC3 is a delegation` };
      }
      if (ce.nextCloser && isOptOut(ce.nextCloser)) return { status: "insecure", reason: `wildcard NODATA for ${name} in an opt-out span` };
      return { status: "secure", reason: "" };
    }
    if (!ce.nextCloser) return { status: "bogus", reason: `no NSEC3 covers the next closer name of ${name}` };
    // RFC 5155 8.6: no match and no wildcard is only acceptable in an opt-out span.
    if (!isOptOut(ce.nextCloser)) {
      return { status: "bogus", reason: `no NSEC3 matches ${name} or its wildcard, and the covering NSEC3 is not opt-out` };
    }
    return { status: "insecure", reason: `${name} lies in an opt-out span of ${this.zone}` };
  }

  /**
   * A positive answer expanded from the wildcard below `wildcardEncloser` (RFC 5155 8.8):
   * the next closer name of the query must be covered.
   */
  proveWildcardAnswer(name: string, wildcardEncloser: string): Nsec3Verdict {
    if (labelCount(name) <= labelCount(wildcardEncloser)) {
      return { status: "bogus", reason: `wildcard ${wildcardAt(wildcardEncloser)} cannot produce ${name}` };
    }
    const nextCloser = this.covering(nextCloserName(name, wildcardEncloser));
    if (!nextCloser) return { status: "bogus", reason: `no NSEC3 proves that ${name} does not exist beside the wildcard` };
    if (isOptOut(nextCloser)) return { status: "insecure", reason: `wildcard answer for ${name} in an opt-out span` };
    return { status: "secure", reason: "" };
  }

  /**
   * The DS NODATA proof (RFC 5155 8.6, 8.9): a matching NSEC3 with NS and without DS (an
   * unsigned delegation), or without NS (not a delegation), or an opt-out NSEC3 covering the
   * next closer name (an unsigned delegation may exist: insecure).
   */
  proveNoDs(name: string): Nsec3DsVerdict {
    const match = this.matching(name);
    if (match) {
      if (has(match, TYPE.SOA) && name !== ".") return { status: "bogus", reason: `the child's apex NSEC3 was used to deny the DS of ${name}` };
      if (has(match, TYPE.DS)) return { status: "bogus", reason: `the NSEC3 for ${name} lists DS, yet the DS was denied` };
      if (!has(match, TYPE.NS)) return { status: "not-delegation", reason: `NSEC3 shows ${name} is not a delegation` };
      return { status: "no-ds", reason: `NSEC3 proves ${name} is a delegation without DS` };
    }
    const ce = this.closestEncloser(name, true);
    if (ce.status !== "secure") return { status: "bogus", reason: `no NSEC3 matches ${name}, and no closest encloser proof (${ce.reason})` };
    if (!ce.nextCloser) return { status: "bogus", reason: `no NSEC3 covers the next closer name of ${name}` };
    if (!isOptOut(ce.nextCloser)) {
      return { status: "bogus", reason: `no NSEC3 matches ${name}, and the NSEC3 covering it is not opt-out` };
    }
    return { status: "insecure", reason: `${name} lies in an opt-out span of ${this.zone} (RFC 5155 6)` };
  }

  /** After a CNAME the rcode says nothing: accept either an NXDOMAIN or a NODATA proof. */
  proveNameErrorOrNodata(name: string, type: number): Nsec3Verdict {
    const nx = this.proveNameError(name);
    if (nx.status === "secure") return { ...nx, nodata: false };
    const nodata = this.proveNodata(name, type);
    if (nodata.status !== "bogus") return { ...nodata, nodata: true };
    if (nx.status === "insecure") return { ...nx, nodata: false };
    return nodata;
  }
}

/** Helper for callers: the selection result is a verdict when no proof can be attempted. */
export function isNsec3Verdict(x: Nsec3Proof | Nsec3Verdict): x is Nsec3Verdict {
  return !(x instanceof Nsec3Proof);
}
