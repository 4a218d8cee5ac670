// RPKI tests (CHECKS.md, website and mail test: *_rpki_exists, *_rpki_valid): pure judgements
// of the RPKI evidence of a set of hosts (the web host, the name servers).
//
// Which routes decide: for each address the routes of its most specific announced prefix, the
// ones that carry traffic to it (longest match), every origin of that prefix included. Less
// specific covering routes are kept as evidence but do not decide: a valid /24 inside a
// not-found aggregate is reached through the /24. This is also what a DNS IP-to-ASN source
// (and so Internet.nl, through Team Cymru) sees, so both route sources judge alike.

import type { DomainEvidence, RpkiEvidence, RpkiHostEvidence } from "../probes/evidence.ts";
import { formatAsn } from "../rpki/asn.ts";
import type { AddressRouting, ValidatedRoute } from "../rpki/types.ts";
import type { TestResult } from "./result.ts";

/**
 * Points (CHECKS.md: each *_rpki_exists has 5 full points, *_rpki_valid 10). Not covered by a
 * ROA: warning with 0 of 5. As in Internet.nl's scoring, `not_tested` (no addresses, or no
 * address in any announced route) keeps the full points: there is nothing to hold against.
 */
export const RPKI_SCORING = {
  exists: { full: 5, notCovered: 0 },
  valid: { full: 10, failed: 0 },
} as const;

const HOUR_MS = 3_600_000;

type Problem = { verdict: string; reason: string };

/** Why the evidence cannot be judged at all: no data, unusable or stale data, failed lookups. */
export function rpkiDataProblem(ev: RpkiEvidence | undefined): Problem | undefined {
  if (!ev) return { verdict: "lookup_error", reason: "no RPKI evidence was collected" };
  const d = ev.data;
  if (!d.configured) return { verdict: "no_rpki_data", reason: d.problem ?? "no RPKI data" };
  if (d.problem) return { verdict: "rpki_data_error", reason: d.problem };
  if (d.maxAgeHours !== null) {
    const observed = Date.parse(ev.observedAt);
    for (const s of d.sources) {
      // The data's own generation time beats the file time: a copied file is not fresher.
      const made = s.generatedAt ?? s.modifiedAt ?? s.fetchedAt;
      if (!made) continue; // a live source (DNS) has no age
      const ageHours = (observed - Date.parse(made)) / HOUR_MS;
      if (ageHours > d.maxAgeHours) {
        return {
          verdict: "stale_rpki_data",
          reason: `the ${s.role === "vrps" ? "VRP" : "route"} data ${s.location} is from ${made}, ${Math.floor(ageHours)} hours before the test; the limit is ${d.maxAgeHours} hours (--rpki-max-age)`,
        };
      }
    }
  }
  if (ev.error) return { verdict: "lookup_error", reason: ev.error };
  return undefined;
}

/** The routes that decide for an address: those of its most specific announced prefix. */
export function decidingRoutes(a: AddressRouting): ValidatedRoute[] {
  return a.routes.filter((r) => r.longestMatch);
}

type AddressValidity = "unknown" | "not_routed" | "invalid" | "not_found" | "valid";

export function addressValidity(a: AddressRouting): AddressValidity {
  if (a.error) return "unknown";
  const routes = decidingRoutes(a);
  if (routes.length === 0) return "not_routed";
  if (routes.some((r) => r.state === "invalid")) return "invalid";
  if (routes.some((r) => r.state === "not-found")) return "not_found";
  return "valid";
}

/**
 * Covered by a ROA: for a routed address, its route prefix is covered by a VRP (RFC 6811 2,
 * the route is valid or invalid, not not-found); for an address in no route, some VRP covers
 * the address itself (Internet.nl's fallback without BGP data).
 */
export function addressCovered(a: AddressRouting): "unknown" | "covered" | "not_covered" {
  if (a.error) return "unknown";
  const routes = decidingRoutes(a);
  if (routes.length > 0) return routes.some((r) => r.state !== "not-found") ? "covered" : "not_covered";
  return (a.addressVrps?.length ?? 0) > 0 ? "covered" : "not_covered";
}

function asns(vrps: readonly { asn: number }[]): string {
  return [...new Set(vrps.map((v) => formatAsn(v.asn)))].join(", ");
}

function describeRoute(r: ValidatedRoute): string {
  const route = `${r.prefix} from ${formatAsn(r.origin)}`;
  if (r.state === "valid") return `${route} is valid`;
  if (r.state === "not-found") return `${route} is not found (no ROA covers it)`;
  if (r.reason === "length") {
    const max = Math.max(...r.unmatchedLength.map((v) => v.maxLength));
    return `${route} is invalid: longer than the maxLength ${max} of its origin's ROA`;
  }
  if (r.reason === "as0") return `${route} is invalid: only AS0 ROAs cover it (must not be routed)`;
  return `${route} is invalid: its ROAs name ${asns(r.unmatchedAs) || "other ASes"}, not ${formatAsn(r.origin)}`;
}

/** "1 web server address", "2 web server addresses". */
function count(n: number, what: string): string {
  return `${n} ${what} address${n === 1 ? "" : "es"}`;
}

interface Located {
  host: string;
  a: AddressRouting;
}

function addressesOf(hosts: readonly RpkiHostEvidence[]): Located[] {
  return hosts.flatMap((h) => h.addresses.map((a) => ({ host: h.host, a })));
}

function details(ev: RpkiEvidence): Record<string, unknown> {
  return { data: ev.data, observedAt: ev.observedAt, hosts: ev.hosts };
}

function lookupFailures(ev: RpkiEvidence, located: readonly Located[]): string[] {
  return [
    ...ev.hosts.filter((h) => h.addressError).map((h) => `the addresses of ${h.host} (${h.addressError})`),
    ...located.filter((l) => l.a.error).map((l) => `${l.a.address} of ${l.host} (${l.a.error})`),
  ];
}

export function judgeRpkiValid(ev: RpkiEvidence | undefined, what: string): TestResult {
  const problem = rpkiDataProblem(ev);
  if (problem || !ev) return { status: "error", ...(problem ?? { verdict: "lookup_error", reason: "no RPKI evidence" }), details: ev ? details(ev) : {} };
  const { full, failed } = RPKI_SCORING.valid;
  const located = addressesOf(ev.hosts);
  const by = (state: AddressValidity) => located.filter((l) => addressValidity(l.a) === state);
  const badRoutes = (list: Located[]) => list.map((l) => `${l.a.address} (${l.host}): ${decidingRoutes(l.a).filter((r) => r.state !== "valid").map(describeRoute).join("; ")}`).join(", ");
  const invalid = by("invalid");
  const notFound = by("not_found");
  if (invalid.length > 0 || notFound.length > 0) {
    const verdict = invalid.length > 0 ? "invalid" : "not_found";
    return { status: "failed", verdict, reason: `not RPKI-valid: ${badRoutes([...invalid, ...notFound])}`, details: details(ev), points: failed };
  }
  const unknown = lookupFailures(ev, located);
  if (unknown.length > 0) return { status: "error", verdict: "lookup_error", reason: `could not look up ${unknown.join(", ")}`, details: details(ev) };
  if (located.length === 0) return { status: "not_tested", verdict: "no_addresses", reason: `not tested: no ${what} address`, details: details(ev), points: full };
  const notRouted = by("not_routed");
  if (notRouted.length === located.length) {
    return { status: "not_tested", verdict: "not_routed", reason: `not tested: no announced route covers ${notRouted.map((l) => l.a.address).join(", ")}`, details: details(ev), points: full };
  }
  const routes = located.reduce((n, l) => n + decidingRoutes(l.a).length, 0);
  const unrouted = notRouted.length > 0 ? `; not in any announced route: ${notRouted.map((l) => l.a.address).join(", ")}` : "";
  return { status: "passed", verdict: "valid", reason: `all ${routes} route${routes === 1 ? "" : "s"} to the ${count(located.length - notRouted.length, `routed ${what}`)} ${routes === 1 ? "is" : "are"} RPKI-valid${unrouted}`, details: details(ev), points: full };
}

export function judgeRpkiExists(ev: RpkiEvidence | undefined, what: string): TestResult {
  const problem = rpkiDataProblem(ev);
  if (problem || !ev) return { status: "error", ...(problem ?? { verdict: "lookup_error", reason: "no RPKI evidence" }), details: ev ? details(ev) : {} };
  const { full, notCovered } = RPKI_SCORING.exists;
  const located = addressesOf(ev.hosts);
  const uncovered = located.filter((l) => addressCovered(l.a) === "not_covered");
  if (uncovered.length > 0) {
    return { status: "warning", verdict: "not_covered", reason: `not covered by a ROA: ${uncovered.map((l) => `${l.a.address} (${l.host})`).join(", ")}`, details: details(ev), points: notCovered };
  }
  const unknown = lookupFailures(ev, located);
  if (unknown.length > 0) return { status: "error", verdict: "lookup_error", reason: `could not look up ${unknown.join(", ")}`, details: details(ev) };
  if (located.length === 0) return { status: "not_tested", verdict: "no_addresses", reason: `not tested: no ${what} address`, details: details(ev), points: full };
  return { status: "passed", verdict: "covered", reason: `${located.length === 1 ? `the ${what} address is` : `all ${located.length} ${what} addresses are`} covered by a ROA`, details: details(ev), points: full };
}

export const judgeWebRpkiExists = (e: DomainEvidence) => judgeRpkiExists(e.rpkiWebHost, "web server");
export const judgeWebRpkiValid = (e: DomainEvidence) => judgeRpkiValid(e.rpkiWebHost, "web server");
export const judgeNsRpkiExists = (e: DomainEvidence) => judgeRpkiExists(e.rpkiNameServers, "name server");
export const judgeNsRpkiValid = (e: DomainEvidence) => judgeRpkiValid(e.rpkiNameServers, "name server");
