// Which NSEC or NSEC3 records an authoritative server puts in a negative or wildcard answer
// (RFC 4035 3.1.3, RFC 5155 7.2). Each function returns the RRsets to add; the caller adds
// their RRSIGs. Unsigned zones get nothing.

import { labelCount, normaliseName, parentName } from "../dns/name.ts";
import { nextCloserName, wildcardAt } from "../dnssec/proof-names.ts";
import type { RRset, ZoneIndex } from "./zone-index.ts";

/** Adds RRsets to a list once each (proofs often name the same record twice). */
function unique(sets: (RRset | undefined)[]): RRset[] {
  const out: RRset[] = [];
  for (const s of sets) if (s && !out.includes(s)) out.push(s);
  return out;
}

/** The existing ancestor of a non-existent name that is closest to it (RFC 4592). */
export function closestEncloser(zone: ZoneIndex, name: string): string {
  let n = normaliseName(name);
  while (!zone.existing.has(n) && n !== zone.origin) n = parentName(n);
  return n;
}

// ---- NSEC3 helpers -----------------------------------------------------------------------

function nsec3Matching(zone: ZoneIndex, name: string): RRset | undefined {
  const r = zone.nsec3AtOrBefore(name);
  return r?.matches ? r.rrset : undefined;
}

function nsec3Covering(zone: ZoneIndex, name: string): RRset | undefined {
  const r = zone.nsec3AtOrBefore(name);
  return r && !r.matches ? r.rrset : undefined;
}

/**
 * RFC 5155 7.2.1 closest (provable) encloser proof for `name`: an NSEC3 matching the closest
 * ancestor that has one, and an NSEC3 covering the next closer name. In opt-out zones existing
 * names (unsigned delegations, their empty non-terminals) may have no NSEC3, hence the climb.
 */
function closestProvableEncloser(zone: ZoneIndex, name: string, startAt: string): { encloser: string; sets: RRset[] } {
  let encloser = startAt;
  while (encloser !== zone.origin && !nsec3Matching(zone, encloser)) encloser = parentName(encloser);
  const sets = [nsec3Matching(zone, encloser)];
  if (labelCount(name) > labelCount(encloser)) sets.push(nsec3Covering(zone, nextCloserName(name, encloser)));
  return { encloser, sets: unique(sets) };
}

// ---- the proofs --------------------------------------------------------------------------

/** NXDOMAIN: the name does not exist and no wildcard could have made it. */
export function nameErrorProof(zone: ZoneIndex, qname: string): RRset[] {
  const ce = closestEncloser(zone, qname);
  if (zone.nsec3) {
    const { encloser, sets } = closestProvableEncloser(zone, qname, ce);
    return unique([...sets, nsec3Covering(zone, wildcardAt(encloser))]);
  }
  return unique([zone.nsecAtOrBefore(qname), zone.nsecAtOrBefore(wildcardAt(ce))]);
}

/** NODATA at an existing name (an empty non-terminal included), also for DS at a delegation. */
export function noDataProof(zone: ZoneIndex, qname: string): RRset[] {
  if (zone.nsec3) {
    const match = nsec3Matching(zone, qname);
    if (match) return [match];
    // RFC 5155 7.2.4: no NSEC3 for this name (an opt-out delegation): prove the span is opt-out.
    return closestProvableEncloser(zone, qname, parentName(qname)).sets;
  }
  // An existing name has its own NSEC unless it is an empty non-terminal, which the
  // preceding NSEC covers.
  return unique([zone.nsecAtOrBefore(qname)]);
}

/** A referral to an unsigned child: the delegation has no DS (RFC 4035 3.1.4.1, RFC 5155 7.2.7). */
export function noDsProof(zone: ZoneIndex, delegation: string): RRset[] {
  return noDataProof(zone, delegation);
}

/** A wildcard answer: no closer name exists (RFC 4035 3.1.3.3, RFC 5155 7.2.6). */
export function wildcardAnswerProof(zone: ZoneIndex, qname: string, encloser: string): RRset[] {
  if (zone.nsec3) return unique([nsec3Covering(zone, nextCloserName(qname, encloser))]);
  return unique([zone.nsecAtOrBefore(qname)]);
}

/** NODATA from a wildcard: no closer name, and the wildcard lacks the type (RFC 5155 7.2.5). */
export function wildcardNoDataProof(zone: ZoneIndex, qname: string, encloser: string): RRset[] {
  const wildcard = wildcardAt(encloser);
  if (zone.nsec3) {
    return unique([nsec3Matching(zone, encloser), nsec3Covering(zone, nextCloserName(qname, encloser)), nsec3Matching(zone, wildcard)]);
  }
  return unique([zone.nsecAtOrBefore(qname), zone.nsecAtOrBefore(wildcard)]);
}

