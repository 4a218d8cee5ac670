// The simulated internet as plain data: zones, hosts and the domains that scenarios describe
// with their expected outcomes. Nothing here does I/O; compile-world.ts turns a World into
// servable zones and servers.ts plays it on loopback.

/** DNSKEY algorithms the testnet can sign with (RFC 8624 numbers). */
export type SigningAlgorithm = 5 | 7 | 8 | 10 | 13 | 14 | 15 | 16;

export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = [5, 7, 8, 10, 13, 14, 15, 16];

/** Deliberate DNSSEC faults, each the way real zones break. */
export type Breakage =
  | "expired-signatures" // every RRSIG expired a month ago
  | "not-yet-valid" // every RRSIG starts a month from now
  | "wrong-ds" // the parent's DS digest matches no key of the child
  | "missing-rrsig" // only the DNSKEY RRset is signed
  | "missing-dnskey" // the zone publishes no DNSKEY RRset (the parent still has a DS)
  | "bogus-nsec3" // NSEC3 records claim a salt their owner hashes were not made with
  | "tampered-signature" // every RRSIG except the DNSKEY one has a flipped signature bit
  | "unsupported-ds-algorithm"; // the parent's only DS names an algorithm no validator has

export const BREAKAGES: readonly Breakage[] = [
  "expired-signatures", "not-yet-valid", "wrong-ds", "missing-rrsig", "missing-dnskey",
  "bogus-nsec3", "tampered-signature", "unsupported-ds-algorithm",
];

export type DenialSpec =
  | { kind: "nsec" }
  | {
    kind: "nsec3";
    iterations: number;
    /** Hex, "" for no salt. */
    salt: string;
    /** RFC 5155 opt-out: unsigned delegations get no NSEC3 of their own. */
    optOut: boolean;
  };

/** Signature validity, in seconds relative to the world's clock (negative = in the past). */
export interface ValidityWindow {
  inceptionOffset: number;
  expirationOffset: number;
}

export interface SigningSpec {
  /** Default 13 (ECDSA P-256 with SHA-256). */
  algorithm?: SigningAlgorithm;
  /** Default NSEC. */
  denial?: DenialSpec;
  /** Default: from a day ago to 30 days ahead. A breakage may override it. */
  validity?: ValidityWindow;
  breakage?: Breakage;
  /**
   * The DS algorithm the "unsupported-ds-algorithm" breakage publishes: 253 (PRIVATEDNS) by
   * default, or e.g. 12 (ECC-GOST).
   */
  unsupportedDsAlgorithm?: number;
  /** The parent publishes the DS (default true); false makes a signed "island" (insecure). */
  publishDs?: boolean;
  /**
   * Generate this zone's own key pair instead of sharing the one key pair per algorithm that
   * all zones use by default (sharing is what makes 10,000-zone worlds build in seconds).
   */
  ownKeys?: boolean;
}

export interface ZoneSpec {
  /** Absolute zone name, "." for the root. */
  origin: string;
  /** Host names (each a HostSpec of the world) that serve the zone, in NS order. */
  nameServers: string[];
  /**
   * Zone-file text, names relative to the origin. SOA and apex NS are added where omitted;
   * A/AAAA of the world's hosts below the origin, delegations (NS, glue, DS) of the world's
   * child zones are added automatically.
   */
  records?: string;
  signing: "none" | SigningSpec;
  /** Default TTL of the records text (default 3600). */
  defaultTtl?: number;
}

/** How one address of a host treats DNS queries on port 53. */
export type DnsBehaviour =
  | "answers" // an authoritative server for the zones the host serves
  | "silent" // reads every query and never replies (UDP and TCP)
  | "refuses"; // answers every query with REFUSED

export interface HostAddress {
  /** From the documentation ranges only: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32. */
  address: string;
  /** Default "answers". Only hosts that serve a zone (or say otherwise) get a DNS listener. */
  dns?: DnsBehaviour;
}

export interface HostSpec {
  /** Absolute host name; its A/AAAA records are added to the deepest zone containing it. */
  name: string;
  addresses: HostAddress[];
}

export type Security = "secure" | "insecure" | "bogus" | "indeterminate";

export type TestStatus = "passed" | "failed" | "warning" | "info" | "not_tested" | "error";

/** Expected statuses of the tests the testnet can exercise today (ids from CHECKS.md). */
export interface ExpectedStatuses {
  web_dnssec_exist: TestStatus;
  web_dnssec_valid: TestStatus;
  web_ipv6_ns_address: TestStatus;
  web_ipv6_ns_reach: TestStatus;
  web_ipv6_ws_address: TestStatus;
  mail_dnssec_mailto_exist: TestStatus;
  mail_dnssec_mailto_valid: TestStatus;
  mail_ipv6_ns_address: TestStatus;
  mail_ipv6_ns_reach: TestStatus;
  /** Only where the scenario is about the MX hosts. */
  mail_dnssec_mx_exist?: TestStatus;
  mail_dnssec_mx_valid?: TestStatus;
  /** RPKI of the web host and the name servers (checked where present). */
  web_rpki_exists?: TestStatus;
  web_rpki_valid?: TestStatus;
  web_ns_rpki_exists?: TestStatus;
  web_ns_rpki_valid?: TestStatus;
  mail_ns_rpki_exists?: TestStatus;
  mail_ns_rpki_valid?: TestStatus;
}

export type ExpectedRcode = "NOERROR" | "NXDOMAIN" | "SERVFAIL";

/** A further question whose validation outcome the scenario is about. */
export interface ExpectedLookup {
  name: string;
  /** Type mnemonic, e.g. "A". */
  type: string;
  security: Security;
  rcode: ExpectedRcode;
}

export interface DomainExpectation {
  /** The name to scan (usually a zone apex; a www name for the CNAME cases). */
  domain: string;
  /** One line for people: what is special about this domain. */
  description: string;
  /** The scenario the domain comes from (set by buildWorld). */
  scenario?: string;
  /** What validating the domain's SOA through the resolver gives. */
  soa: { security: Security; rcode: ExpectedRcode };
  /**
   * True when the validator reports that the only DS algorithms are unsupported (an insecure
   * outcome that the `_valid` tests turn into a warning).
   */
  unsupportedAlgorithm?: boolean;
  statuses: ExpectedStatuses;
  lookups?: ExpectedLookup[];
}

/** An announced route of the simulated BGP table (documentation ranges and AS numbers). */
export interface RouteSpec {
  prefix: string;
  /** One or more origin ASes (several: a multi-origin prefix). */
  origins: number[];
}

/** A ROA of the simulated RPKI, as the validated payload (VRP) a validator exports. */
export interface RoaSpec {
  prefix: string;
  /** AS 0 says the prefix must not be routed (RFC 6483 4). */
  asn: number;
  /** Default: the prefix length. */
  maxLength?: number;
}

export interface World {
  zones: ZoneSpec[];
  hosts: HostSpec[];
  /** The simulated BGP table and RPKI: `meetlat testnet up` writes them as files for the RPKI tests. */
  routes?: RouteSpec[];
  roas?: RoaSpec[];
  /** The domains the world was made to show, with what a scan of each should find. */
  domains: DomainExpectation[];
}

/** A named piece of a world: the zones and hosts one case needs, and its domains' expectations. */
export interface Scenario extends World {
  name: string;
  /** One line for `meetlat testnet up --list`. */
  summary: string;
}
