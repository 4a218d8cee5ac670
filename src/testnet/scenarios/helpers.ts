// Small builders that keep the scenario files short: the usual web host, the usual name
// servers, and the expected statuses that follow from a DNSSEC outcome (CHECKS.md, "Website
// test" and "Mail test": web_dnssec_* and mail_dnssec_mailto_* judge the same SOA).

import type {
  DomainExpectation, ExpectedLookup, ExpectedStatuses, HostSpec, SigningSpec, TestStatus, ZoneSpec,
} from "../world.ts";

/** Every scenario's web server unless it says otherwise. */
export const WEB_IPV4 = "192.0.2.80";
export const WEB_IPV6 = "2001:db8:80::80";

/** The shared DNS hosting that most scenario zones use (defined in infrastructure.ts). */
export const DNS_HOST_SERVERS = ["ns1.dns-host.test", "ns2.dns-host.test"];

/** Zone-file lines; no indentation, since a leading blank means "same owner as above". */
export function records(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

export function signedZone(origin: string, signing: SigningSpec = {}, opts: { records?: string; nameServers?: string[] } = {}): ZoneSpec {
  return { origin, nameServers: opts.nameServers ?? DNS_HOST_SERVERS, signing, ...(opts.records ? { records: opts.records } : {}) };
}

export function unsignedZone(origin: string, opts: { records?: string; nameServers?: string[] } = {}): ZoneSpec {
  return { origin, nameServers: opts.nameServers ?? DNS_HOST_SERVERS, signing: "none", ...(opts.records ? { records: opts.records } : {}) };
}

/** A web host: the usual IPv4 address, and the usual IPv6 address unless `ipv6` is false. */
export function webHost(name: string, opts: { ipv4?: boolean; ipv6?: boolean } = {}): HostSpec {
  const addresses = [];
  if (opts.ipv4 !== false) addresses.push({ address: WEB_IPV4 });
  if (opts.ipv6 !== false) addresses.push({ address: WEB_IPV6 });
  return { name, addresses };
}

/** What validating the SOA gives, in the words of the DNSSEC tests. */
export type DnssecOutcome = "secure" | "insecure" | "bogus" | "unsupported-algorithm" | "servfail";

const DNSSEC_STATUSES: Record<DnssecOutcome, Pick<ExpectedStatuses, "web_dnssec_exist" | "web_dnssec_valid">> = {
  "secure": { web_dnssec_exist: "passed", web_dnssec_valid: "passed" },
  "insecure": { web_dnssec_exist: "failed", web_dnssec_valid: "not_tested" },
  "bogus": { web_dnssec_exist: "passed", web_dnssec_valid: "failed" },
  "unsupported-algorithm": { web_dnssec_exist: "passed", web_dnssec_valid: "warning" },
  "servfail": { web_dnssec_exist: "failed", web_dnssec_valid: "not_tested" },
};

export interface ExpectOptions {
  /** Name-server IPv6 statuses (web and mail alike); default passed/passed. */
  nsAddress?: ExpectedStatuses["web_ipv6_ns_address"];
  nsReach?: ExpectedStatuses["web_ipv6_ns_reach"];
  /** Default passed (the usual web host has an AAAA record). */
  wsAddress?: ExpectedStatuses["web_ipv6_ws_address"];
  mx?: DnssecOutcome;
  lookups?: ExpectedLookup[];
  /** RPKI of the web host's and the name servers' addresses; default valid (passed, passed). */
  webRpki?: RpkiOutcome;
  nsRpki?: RpkiOutcome;
}

/** What route origin validation finds, in the words of the *_rpki_exists / *_rpki_valid tests. */
export type RpkiOutcome = "valid" | "invalid" | "not-found" | "not-routed";

const RPKI_STATUSES: Record<RpkiOutcome, { exists: TestStatus; valid: TestStatus }> = {
  "valid": { exists: "passed", valid: "passed" },
  // Covered by a ROA, but not by one that matches the route.
  "invalid": { exists: "passed", valid: "failed" },
  "not-found": { exists: "warning", valid: "failed" },
  // In no announced route, but covered by a ROA (the testnet's IPv6 ROA covers all of 2001:db8::/32).
  "not-routed": { exists: "passed", valid: "not_tested" },
};

/** The expectation for one domain whose statuses follow from its DNSSEC outcome. */
export function expectDomain(domain: string, description: string, outcome: DnssecOutcome, opts: ExpectOptions = {}): DomainExpectation {
  const dnssec = DNSSEC_STATUSES[outcome];
  // With every name server failing, no lookup about the domain can finish.
  const fallback = outcome === "servfail" ? "error" : "passed";
  const nsAddress = opts.nsAddress ?? fallback;
  const nsReach = opts.nsReach ?? fallback;
  const statuses: ExpectedStatuses = {
    ...dnssec,
    web_ipv6_ns_address: nsAddress,
    web_ipv6_ns_reach: nsReach,
    web_ipv6_ws_address: opts.wsAddress ?? fallback,
    mail_dnssec_mailto_exist: dnssec.web_dnssec_exist,
    mail_dnssec_mailto_valid: dnssec.web_dnssec_valid,
    mail_ipv6_ns_address: nsAddress,
    mail_ipv6_ns_reach: nsReach,
  };
  // With every name server failing, the addresses to validate cannot be looked up.
  const web = outcome === "servfail" ? { exists: "error" as const, valid: "error" as const } : RPKI_STATUSES[opts.webRpki ?? "valid"];
  const ns = outcome === "servfail" ? { exists: "error" as const, valid: "error" as const } : RPKI_STATUSES[opts.nsRpki ?? "valid"];
  Object.assign(statuses, {
    web_rpki_exists: web.exists, web_rpki_valid: web.valid,
    web_ns_rpki_exists: ns.exists, web_ns_rpki_valid: ns.valid,
    mail_ns_rpki_exists: ns.exists, mail_ns_rpki_valid: ns.valid,
  });
  if (opts.mx) {
    const mx = DNSSEC_STATUSES[opts.mx];
    statuses.mail_dnssec_mx_exist = mx.web_dnssec_exist;
    statuses.mail_dnssec_mx_valid = mx.web_dnssec_valid;
  }
  const security = outcome === "secure" ? "secure" : outcome === "bogus" ? "bogus" : outcome === "servfail" ? "indeterminate" : "insecure";
  return {
    domain,
    description,
    soa: { security, rcode: outcome === "servfail" ? "SERVFAIL" : "NOERROR" },
    ...(outcome === "unsupported-algorithm" ? { unsupportedAlgorithm: true } : {}),
    statuses,
    ...(opts.lookups ? { lookups: opts.lookups } : {}),
  };
}
