// The shapes that RPKI lookups produce. They go into the evidence as they are, so every field
// is plain JSON: a stored result can be traced to the routes, VRPs and data files behind it.

/** Route origin validation states (RFC 6811 section 2). */
export type RovState = "valid" | "invalid" | "not-found";

/**
 * Why a route is invalid: no covering VRP names its origin AS ("origin"), the VRPs of its
 * origin AS allow only shorter prefixes ("length", RFC 6811 2: maxLength), or it is covered
 * only by AS0 VRPs, whose holder says the prefix must not be routed at all (RFC 6483 4, RFC 7607).
 */
export type InvalidReason = "origin" | "length" | "as0";

/** A validated ROA payload (RFC 6811 2: prefix, maximum length, origin AS). */
export interface Vrp {
  prefix: string;
  maxLength: number;
  asn: number;
  /** The trust anchor the validator derived it from, when the file says. */
  ta?: string;
}

/** One announced route (prefix -> origin AS) with its RFC 6811 state and the VRPs that decided it. */
export interface ValidatedRoute {
  prefix: string;
  /** The origin AS; null when the AS path ends in an AS_SET (RFC 6811 2: origin "NONE"). */
  origin: number | null;
  /**
   * True for the routes of the most specific announced prefix: the ones that carry traffic to
   * the address (longest match). Less specific routes are evidence, not judged.
   */
  longestMatch: boolean;
  state: RovState;
  reason?: InvalidReason;
  /** Covering VRPs that match (valid), or that name another AS / allow only shorter prefixes. */
  matched: Vrp[];
  unmatchedAs: Vrp[];
  unmatchedLength: Vrp[];
  /** How many covering VRPs were left out of the lists above to keep the evidence small. */
  omittedVrps?: number;
}

/** What the RPKI data says about one address. */
export interface AddressRouting {
  address: string;
  /** Announced routes covering the address, most specific first. Empty: the address is not routed. */
  routes: ValidatedRoute[];
  /**
   * VRPs covering the address itself, recorded when no route covers it, so that "covered by a
   * ROA" can still be told (as Internet.nl does without BGP data).
   */
  addressVrps?: Vrp[];
  /** The route lookup failed (the DNS-based route source did not answer). */
  error?: string;
}

/** Where one data set came from: enough to find, check and date the exact data used. */
export interface SourceProvenance {
  role: "vrps" | "routes";
  kind: "file" | "url" | "dns" | "inline";
  /** Absolute path, URL, "dns:ZONE", or a name for inline data. */
  location: string;
  /** The format that was recognised, e.g. "rpki-client JSON", "CSV", "bgpdump -m". */
  format: string;
  sha256?: string;
  bytes?: number;
  /** File modification time (ISO 8601). */
  modifiedAt?: string;
  /** When meetlat fetched it (URL sources). */
  fetchedAt?: string;
  /** When the validator or collector made it, from the data's own metadata (ISO 8601). */
  generatedAt?: string;
  loadedAt: string;
  counts?: Record<string, number>;
}

/** The data of a run as recorded with every RPKI result. */
export interface RpkiDataDescription {
  /** False when no RPKI data source was given at all. */
  configured: boolean;
  /** Set when the data cannot be used (missing, unreadable, malformed): the RPKI tests end in `error`. */
  problem?: string;
  /** Data older than this is stale (--rpki-max-age); null: no limit. */
  maxAgeHours: number | null;
  sources: SourceProvenance[];
}
