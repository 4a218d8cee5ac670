// Route origin validation (RFC 6811 section 2) of one route against the VRPs that cover it.
//
//   Covered:  some VRP's prefix covers the route prefix (equal or less specific).
//   Matched:  a covering VRP whose AS is the route's origin AS and whose maxLength is at least
//             the route's prefix length.
//   Valid:    at least one matched VRP.   Invalid: covered, none matched.   NotFound: not covered.
//
// AS0 VRPs (RFC 6483 4, RFC 7607) cover but never match: "this prefix must not be routed".
// A route whose AS path ends in an AS_SET has origin NONE and matches nothing (RFC 6811 2).

import type { InvalidReason, RovState, Vrp } from "./types.ts";

export interface OriginValidation {
  state: RovState;
  reason?: InvalidReason;
  matched: Vrp[];
  /** Covering VRPs of another AS (AS0 VRPs included). */
  unmatchedAs: Vrp[];
  /** Covering VRPs of the origin AS whose maxLength is shorter than the route. */
  unmatchedLength: Vrp[];
}

/**
 * Validates the route (prefixLength, origin) given `covering`, the VRPs whose prefix covers the
 * route's prefix (VrpTable.covering). origin null = NONE.
 */
export function validateOrigin(prefixLength: number, origin: number | null, covering: readonly Vrp[]): OriginValidation {
  const matched: Vrp[] = [];
  const unmatchedAs: Vrp[] = [];
  const unmatchedLength: Vrp[] = [];
  for (const vrp of covering) {
    if (origin === null || vrp.asn === 0 || vrp.asn !== origin) unmatchedAs.push(vrp);
    else if (prefixLength > vrp.maxLength) unmatchedLength.push(vrp);
    else matched.push(vrp);
  }
  if (covering.length === 0) return { state: "not-found", matched, unmatchedAs, unmatchedLength };
  if (matched.length > 0) return { state: "valid", matched, unmatchedAs, unmatchedLength };
  return { state: "invalid", reason: invalidReason(unmatchedAs, unmatchedLength), matched, unmatchedAs, unmatchedLength };
}

function invalidReason(unmatchedAs: readonly Vrp[], unmatchedLength: readonly Vrp[]): InvalidReason {
  // The origin's own ROA exists but is too short: the most useful thing to tell the operator.
  if (unmatchedLength.length > 0) return "length";
  if (unmatchedAs.every((v) => v.asn === 0)) return "as0";
  return "origin";
}
