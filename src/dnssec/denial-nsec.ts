// NSEC denial-of-existence proofs (RFC 4035 section 5.4, RFC 4592, RFC 6840 section 4).
// Every function works on NSEC records that have already been verified against the keys of
// the zone that signed them; these only decide what the verified records prove. The rules
// deliberately match unbound's validator/val_nsec.c, since meetlat's verdicts are compared
// with unbound's.

import type { ResourceRecord } from "../dns/message.ts";
import { compareCanonical, isSubdomainOf, labelCount, namesEqual } from "../dns/name.ts";
import { decodeNSEC } from "../dns/rdata-dnssec.ts";
import { TYPE } from "../dns/rdata.ts";
import { typeName } from "../dns/rr-types.ts";
import { isStrictSubdomainOf, isWildcardName, sharedAncestor, stripLabels, wildcardAt } from "./proof-names.ts";

export interface NsecRecord {
  owner: string;
  next: string;
  types: readonly number[];
}

/** Decodes the NSEC records among `records`; malformed ones are dropped (they prove nothing). */
export function nsecRecordsOf(records: readonly ResourceRecord[]): NsecRecord[] {
  const out: NsecRecord[] = [];
  for (const rr of records) {
    if (rr.type !== TYPE.NSEC) continue;
    try {
      const data = decodeNSEC(rr.rdata);
      out.push({ owner: rr.name, next: data.nextDomainName, types: data.types });
    } catch {
      // A malformed NSEC cannot support any proof; the proof then fails on its own.
    }
  }
  return out;
}

const has = (nsec: NsecRecord, type: number): boolean => nsec.types.includes(type);

/** NS without SOA: the owner is a delegation point and the NSEC comes from the parent side. */
export function nsecIsParentSideDelegation(nsec: NsecRecord): boolean {
  return has(nsec, TYPE.NS) && !has(nsec, TYPE.SOA);
}

/**
 * Does this NSEC prove that `name` does not exist (RFC 4035 5.4 "covered")? Canonical order
 * owner < name < next, with the last NSEC of the zone wrapping around to the apex.
 * An NSEC at a delegation or DNAME above `name` proves nothing about names below it
 * (RFC 6840 4.1: those names belong to another zone, or are redirected).
 */
export function nsecCoversName(nsec: NsecRecord, name: string): boolean {
  if (namesEqual(name, nsec.owner)) return false;
  if (isSubdomainOf(name, nsec.owner) && (has(nsec, TYPE.DNAME) || nsecIsParentSideDelegation(nsec))) return false;
  const order = compareCanonical(nsec.owner, nsec.next);
  if (order === 0) {
    // The only NSEC of the zone (apex NSEC apex): every other name in the zone is absent.
    return isStrictSubdomainOf(name, nsec.next);
  }
  if (order > 0) {
    // The last NSEC: names after the owner and still inside the zone (the next name is the apex).
    return compareCanonical(nsec.owner, name) < 0 && isStrictSubdomainOf(name, nsec.next);
  }
  return compareCanonical(nsec.owner, name) < 0 && compareCanonical(name, nsec.next) < 0;
}

/**
 * The closest encloser this NSEC implies for a covered `name` (RFC 4592 2.2.1): the longest
 * ancestor of `name` shared with the owner or the next name, both of which exist.
 */
export function nsecClosestEncloser(nsec: NsecRecord, name: string): string {
  const viaOwner = sharedAncestor(nsec.owner, name);
  const viaNext = sharedAncestor(nsec.next, name);
  return labelCount(viaOwner) > labelCount(viaNext) ? viaOwner : viaNext;
}

/** Does this NSEC prove that the wildcard that could have produced `name` does not exist? */
export function nsecProvesNoWildcard(nsec: NsecRecord, name: string): boolean {
  const encloser = nsecClosestEncloser(nsec, name);
  if (labelCount(name) - labelCount(encloser) <= 0) return false;
  return nsecCoversName(nsec, wildcardAt(encloser));
}

/**
 * Does this NSEC prove that `name` has no `type` (RFC 4035 5.4 NODATA)? Three ways:
 * - the NSEC matches `name` and its bitmap has neither `type` nor CNAME (and, except for DS,
 *   is not a parent-side delegation NSEC; for DS it must not be the child's apex NSEC);
 * - `name` is an empty non-terminal: owner < name and next is below name (RFC 4035 3.1.3.2);
 * - a wildcard NSEC "*.ce" whose bitmap lacks `type` (wildcard NODATA, RFC 4035 3.1.3.4);
 *   then `wildcardEncloser` is set and the caller must also show `name` itself is absent.
 */
export function nsecProvesNodata(nsec: NsecRecord, name: string, type: number): { proven: boolean; wildcardEncloser?: string } {
  if (namesEqual(nsec.owner, name)) {
    if (has(nsec, type) || has(nsec, TYPE.CNAME)) return { proven: false };
    if (type !== TYPE.DS && nsecIsParentSideDelegation(nsec)) return { proven: false };
    if (type === TYPE.DS && has(nsec, TYPE.SOA) && name !== ".") return { proven: false };
    return { proven: true };
  }
  if (isStrictSubdomainOf(nsec.next, name) && compareCanonical(nsec.owner, name) < 0) {
    return { proven: true };
  }
  if (isWildcardName(nsec.owner)) {
    const encloser = stripLabels(nsec.owner, 1);
    if (!isStrictSubdomainOf(name, encloser)) return { proven: false };
    if (has(nsec, TYPE.CNAME) || nsecIsParentSideDelegation(nsec) || has(nsec, type)) return { proven: false };
    return { proven: true, wildcardEncloser: encloser };
  }
  // The next name may show an empty non-terminal wildcard ("*.ce" exists only as the parent
  // of other names): then the wildcard matches `name` and has no data at all.
  for (let candidate = nsec.next; compareCanonical(nsec.owner, candidate) < 0; candidate = stripLabels(candidate, 1)) {
    if (isSubdomainOf(name, candidate)) break;
    if (isWildcardName(candidate)) {
      const encloser = stripLabels(candidate, 1);
      if (isStrictSubdomainOf(name, encloser)) return { proven: true, wildcardEncloser: encloser };
    }
  }
  return { proven: false };
}

/**
 * Does this NSEC show that `name` lies at or below an unsigned delegation (NS, no DS, no
 * SOA at an ancestor)? Then an answer about `name` is insecure, not bogus. For a DS query the
 * delegation must be strictly above `name`; at `name` itself the DS proof handles it.
 */
export function nsecProvesInsecureDelegation(nsec: NsecRecord, name: string, type: number): boolean {
  if (!has(nsec, TYPE.NS) || has(nsec, TYPE.DS) || has(nsec, TYPE.SOA)) return false;
  return type === TYPE.DS ? isStrictSubdomainOf(name, nsec.owner) : isSubdomainOf(name, nsec.owner);
}

export type NsecDsVerdict =
  /** Securely proven: `name` is a delegation without DS (RFC 4035 5.2: insecure below). */
  | "no-ds"
  /** Securely proven: `name` is no zone cut (ordinary name or empty non-terminal). */
  | "not-delegation"
  /** The NSECs prove the opposite or were misused (child-side NSEC, DS bit set). */
  | "bogus"
  /** The NSECs say nothing conclusive; try NSEC3. */
  | "unproven";

/** What a matching NSEC says about the DS at `name` (it must come from the parent zone). */
function matchingNsecDsVerdict(nsec: NsecRecord, name: string): NsecDsVerdict {
  // SOA means the child's apex NSEC: the wrong side of the cut, it cannot speak for the parent.
  if (has(nsec, TYPE.SOA) && name !== ".") return "bogus";
  if (has(nsec, TYPE.DS)) return "bogus";
  return has(nsec, TYPE.NS) ? "no-ds" : "not-delegation";
}

/**
 * The NSEC proof for a DS NODATA answer (RFC 4035 5.2): either the matching NSEC shows NS
 * without DS (an insecure delegation), or shows that `name` is no delegation (no NS, or an
 * empty non-terminal). A wildcard NODATA also counts, with the wildcard's own bitmap judged.
 */
export function nsecProveNoDs(nsecs: readonly NsecRecord[], name: string): NsecDsVerdict {
  const matching = nsecs.find((n) => namesEqual(n.owner, name));
  if (matching) return matchingNsecDsVerdict(matching, name);

  let proven = false;
  let wildcardEncloser: string | undefined;
  let wildcardNsec: NsecRecord | undefined;
  let closestEncloser: string | undefined;
  for (const nsec of nsecs) {
    const nodata = nsecProvesNodata(nsec, name, TYPE.DS);
    if (nodata.proven) {
      proven = true;
      if (nodata.wildcardEncloser) {
        wildcardEncloser = nodata.wildcardEncloser;
        if (isWildcardName(nsec.owner)) wildcardNsec = nsec;
      }
    }
    if (nsecCoversName(nsec, name)) closestEncloser = nsecClosestEncloser(nsec, name);
  }
  if (!proven) return "unproven";
  if (wildcardEncloser !== undefined) {
    if (closestEncloser === undefined || !namesEqual(wildcardEncloser, closestEncloser) || !wildcardNsec) return "unproven";
    return matchingNsecDsVerdict(wildcardNsec, name);
  }
  return "not-delegation";
}

export type NsecDenialVerdict =
  | { status: "secure"; rcode?: number }
  | { status: "insecure"; reason: string }
  | { status: "unproven"; reason: string };

/**
 * NXDOMAIN (RFC 4035 5.4): one NSEC covers `name`, and one covers the wildcard at the
 * closest encloser. The closest encloser is the longest one any NSEC implies, so that a
 * shorter, wrong encloser cannot be used to "prove" a wildcard absent.
 */
export function nsecProveNameError(nsecs: readonly NsecRecord[], name: string, type: number): NsecDenialVerdict {
  let nameCovered = false;
  let encloser: string | undefined;
  for (const nsec of nsecs) {
    if (nsecProvesInsecureDelegation(nsec, name, type)) {
      return { status: "insecure", reason: `NSEC ${nsec.owner} shows an unsigned delegation above ${name}` };
    }
    if (nsecCoversName(nsec, name)) nameCovered = true;
    const ce = nsecClosestEncloser(nsec, name);
    if (encloser === undefined || labelCount(ce) > labelCount(encloser)) encloser = ce;
  }
  if (!nameCovered) return { status: "unproven", reason: `no NSEC proves that ${name} does not exist` };
  const wildcard = wildcardAt(encloser!);
  if (!nsecs.some((nsec) => nsecCoversName(nsec, wildcard))) {
    return { status: "unproven", reason: `no NSEC proves that the wildcard ${wildcard} does not exist` };
  }
  return { status: "secure" };
}

/**
 * NODATA (RFC 4035 5.4): a matching NSEC without the type, an empty non-terminal, or a
 * wildcard NODATA together with an NSEC proving `name` itself absent under the same encloser.
 */
export function nsecProveNodata(nsecs: readonly NsecRecord[], name: string, type: number): NsecDenialVerdict {
  let proven = false;
  let wildcardEncloser: string | undefined;
  let closestEncloser: string | undefined;
  for (const nsec of nsecs) {
    if (nsecProvesInsecureDelegation(nsec, name, type)) {
      return { status: "insecure", reason: `NSEC ${nsec.owner} shows an unsigned delegation above ${name}` };
    }
    const nodata = nsecProvesNodata(nsec, name, type);
    if (nodata.proven) {
      proven = true;
      if (nodata.wildcardEncloser !== undefined) wildcardEncloser = nodata.wildcardEncloser;
    }
    if (nsecCoversName(nsec, name)) closestEncloser = nsecClosestEncloser(nsec, name);
  }
  if (proven && wildcardEncloser !== undefined) {
    if (closestEncloser === undefined || !namesEqual(closestEncloser, wildcardEncloser)) {
      return { status: "unproven", reason: `wildcard NODATA for ${name} without proof that ${name} itself does not exist` };
    }
  }
  if (!proven) return { status: "unproven", reason: `no NSEC proves that ${name} has no ${typeName(type)}` };
  return { status: "secure" };
}

/**
 * A positive answer synthesised from the wildcard at `wildcardEncloser` (RFC 4035 5.3.4):
 * an NSEC must prove that `name` itself does not exist and that no closer name does, i.e.
 * the covering NSEC's closest encloser must be exactly the wildcard's parent.
 */
export function nsecProvesWildcardAnswer(nsecs: readonly NsecRecord[], name: string, wildcardEncloser: string): boolean {
  return nsecs.some((nsec) =>
    nsecCoversName(nsec, name) && namesEqual(nsecClosestEncloser(nsec, name), wildcardEncloser));
}

