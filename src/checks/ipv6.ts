// IPv6 tests for name servers and the web server address (CHECKS.md, website and mail test):
// pure judgements of the name-server and host-address evidence.

import type { DomainEvidence, NameServerInfo } from "../probes/evidence.ts";
import type { TestResult } from "./result.ts";

/** Scoring rules of the name-server IPv6 pair (CHECKS.md "Name server IPv6 score", partial credit). */
export const NS_IPV6_SCORING = {
  fullPoints: 10,
  /** When only one name server has IPv6 the score is capped here. */
  capWithSingleIpv6Server: 5,
  /** Some IPv6 name server address is unreachable. */
  partialReachPoints: 2,
} as const;

/** Internet.nl requires at least this many name servers with an AAAA record. */
export const MIN_NS_WITH_IPV6 = 2;

function nsSummary(servers: NameServerInfo[]) {
  return servers.map((s) => ({
    name: s.name, ipv4: s.ipv4, ipv6: s.ipv6,
    ...(s.ignoredMappedIpv6.length ? { ignoredMappedIpv6: s.ignoredMappedIpv6 } : {}),
    ...(s.addressError ? { addressError: s.addressError } : {}),
    ipv6Reach: s.ipv6Reach,
  }));
}

export function judgeNsAddress(e: DomainEvidence): TestResult {
  const ns = e.nameServers;
  if (!ns) return { status: "error", verdict: "lookup_error", reason: "no name-server evidence was collected", details: {} };
  if (ns.error) return { status: "error", verdict: "lookup_error", reason: `the name servers could not be looked up: ${ns.error}`, details: {} };
  const details = { zone: ns.zone, servers: nsSummary(ns.servers) };
  if (ns.servers.length === 0) return { status: "failed", verdict: "no_name_servers", reason: `no name servers found for ${e.domain}`, details, points: 0 };
  const withV6 = ns.servers.filter((s) => s.ipv6.length > 0);
  const unresolved = ns.servers.filter((s) => s.addressError);
  if (withV6.length >= MIN_NS_WITH_IPV6) {
    return { status: "passed", verdict: "good", reason: `${withV6.length} of ${ns.servers.length} name servers have an IPv6 address`, details, points: 0 };
  }
  if (withV6.length < MIN_NS_WITH_IPV6 && unresolved.length > 0 && withV6.length + unresolved.length >= MIN_NS_WITH_IPV6) {
    return { status: "error", verdict: "lookup_error", reason: `the addresses of ${unresolved.map((s) => s.name).join(", ")} could not be looked up`, details };
  }
  const verdict = withV6.length === 1 ? "only_one_ns_ipv6" : "no_ns_ipv6";
  const which = withV6.length === 1 ? `only ${withV6[0]!.name} has` : "none has";
  return { status: "failed", verdict, reason: `${which} an IPv6 address; at least ${MIN_NS_WITH_IPV6} name servers need an AAAA record`, details, points: 0 };
}

/** The name-server IPv6 points: address coverage (capped with one server) and reachability, the lower of the two. */
export function nsIpv6Points(servers: NameServerInfo[]): number {
  const { fullPoints, capWithSingleIpv6Server, partialReachPoints } = NS_IPV6_SCORING;
  if (servers.length === 0) return 0;
  const withV6 = servers.filter((s) => s.ipv6.length > 0);
  let addressPoints = (fullPoints * withV6.length) / servers.length;
  if (withV6.length === 1) addressPoints = Math.min(addressPoints, capWithSingleIpv6Server);
  const reach = withV6.flatMap((s) => s.ipv6Reach);
  const unreachable = reach.filter((r) => !r.reachable).length;
  const reachPoints = unreachable === 0 ? fullPoints : unreachable === reach.length ? 0 : partialReachPoints;
  return Math.floor(Math.min(addressPoints, reachPoints));
}

export function judgeNsReach(e: DomainEvidence): TestResult {
  const ns = e.nameServers;
  if (!ns) return { status: "error", verdict: "lookup_error", reason: "no name-server evidence was collected", details: {} };
  if (ns.error) return { status: "error", verdict: "lookup_error", reason: `the name servers could not be looked up: ${ns.error}`, details: {} };
  const details = { zone: ns.zone, servers: nsSummary(ns.servers) };
  const reach = ns.servers.flatMap((s) => s.ipv6Reach.map((r) => ({ ...r, server: s.name })));
  if (reach.length === 0) {
    return { status: "not_tested", verdict: "no_ns_ipv6", reason: "not tested: no name server has an IPv6 address", details, points: 0 };
  }
  const points = nsIpv6Points(ns.servers);
  const bad = reach.filter((r) => !r.reachable);
  if (bad.length === 0) {
    return { status: "passed", verdict: "good", reason: `all ${reach.length} IPv6 name-server addresses answer DNS queries`, details, points };
  }
  const list = bad.map((r) => `${r.server} [${r.address}]${r.error ? ` (${r.error})` : ""}`).join(", ");
  return { status: "failed", verdict: "unreachable", reason: `not reachable over IPv6: ${list}`, details, points };
}

export function judgeWsAddress(e: DomainEvidence): TestResult {
  const h = e.webHost;
  if (!h) return { status: "error", verdict: "lookup_error", reason: "no web host evidence was collected", details: {} };
  if (h.error) return { status: "error", verdict: "lookup_error", reason: `the addresses of ${h.host} could not be looked up: ${h.error}`, details: { ...h } };
  const details = { ...h };
  if (h.rcode && h.rcode !== "NOERROR" && h.rcode !== "NXDOMAIN" && h.ipv6.length === 0 && h.ipv4.length === 0) {
    return { status: "error", verdict: "lookup_error", reason: `the addresses of ${h.host} could not be looked up: the resolver answered ${h.rcode}`, details };
  }
  if (h.ipv6.length > 0) {
    return { status: "passed", verdict: "good", reason: `${h.host} has IPv6 address${h.ipv6.length > 1 ? "es" : ""} ${h.ipv6.join(", ")}`, details, points: 0 };
  }
  if (h.rcode === "NXDOMAIN") {
    return { status: "failed", verdict: "host_not_found", reason: `${h.host} does not exist (NXDOMAIN)`, details, points: 0 };
  }
  return { status: "failed", verdict: "no_ipv6", reason: `${h.host} has no AAAA record${h.ipv4.length ? ` (IPv4 only: ${h.ipv4.join(", ")})` : ""}`, details, points: 0 };
}
