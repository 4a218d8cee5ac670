// Name servers with and without working IPv6 (web/mail_ipv6_ns_address and _reach), and a
// zone whose every server fails, so that the resolver answers SERVFAIL.

import type { HostSpec, Scenario } from "../world.ts";
import type { ExpectOptions } from "./helpers.ts";
import { expectDomain, signedZone, webHost } from "./helpers.ts";

function nsScenario(name: string, summary: string, servers: HostSpec[], expect: ExpectOptions, outcome: "secure" | "servfail" = "secure"): Scenario {
  const origin = `${name}.test`;
  return {
    name,
    summary,
    zones: [signedZone(origin, {}, { nameServers: servers.map((s) => s.name) })],
    hosts: [...servers, webHost(origin)],
    domains: [expectDomain(origin, summary, outcome, expect)],
  };
}

const v4 = (address: string) => ({ address });
const v6 = (address: string, dns: "answers" | "silent" | "refuses" = "answers") => ({ address, dns });

export const NAME_SERVERS: Scenario[] = [
  nsScenario("ipv6-ns-both", "two name servers, both reachable over IPv6", [
    { name: "ns1.ipv6-ns-both.test", addresses: [v4("203.0.113.11"), v6("2001:db8:203::11")] },
    { name: "ns2.ipv6-ns-both.test", addresses: [v4("203.0.113.12"), v6("2001:db8:203::12")] },
  ], { nsAddress: "passed", nsReach: "passed" }),
  nsScenario("ipv6-ns-only-one", "two name servers, only one has IPv6", [
    { name: "ns1.ipv6-ns-only-one.test", addresses: [v4("203.0.113.21"), v6("2001:db8:203::21")] },
    { name: "ns2.ipv6-ns-only-one.test", addresses: [v4("203.0.113.22")] },
  ], { nsAddress: "failed", nsReach: "passed" }),
  nsScenario("ipv6-ns-silent", "two IPv6 name servers, one of whose IPv6 address never answers", [
    { name: "ns1.ipv6-ns-silent.test", addresses: [v4("203.0.113.31"), v6("2001:db8:203::31")] },
    { name: "ns2.ipv6-ns-silent.test", addresses: [v4("203.0.113.32"), v6("2001:db8:203::32", "silent")] },
  ], { nsAddress: "passed", nsReach: "failed" }),
  nsScenario("ipv6-ns-none", "two name servers, IPv4 only", [
    { name: "ns1.ipv6-ns-none.test", addresses: [v4("203.0.113.41")] },
    { name: "ns2.ipv6-ns-none.test", addresses: [v4("203.0.113.42")] },
  ], { nsAddress: "failed", nsReach: "not_tested" }),
  nsScenario("ns-all-failing", "every name server fails (one silent, one refusing): the resolver answers SERVFAIL", [
    { name: "ns1.ns-all-failing.test", addresses: [{ address: "203.0.113.51", dns: "silent" }, v6("2001:db8:203::51", "silent")] },
    { name: "ns2.ns-all-failing.test", addresses: [{ address: "203.0.113.52", dns: "refuses" }, v6("2001:db8:203::52", "refuses")] },
  ], {}, "servfail"),
];
