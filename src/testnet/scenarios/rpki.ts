// Route origin validation cases (web_rpki_*, web_ns_rpki_*, mail_ns_rpki_*): routes that are
// valid with two origins, invalid by origin AS, invalid by length (too specific), invalid by an
// AS0 ROA, not found, and an address in no route. The routes and ROAs they add sit inside the
// infrastructure's (infrastructure.ts), so nested prefixes are exercised too.

import type { HostSpec, RoaSpec, RouteSpec, Scenario } from "../world.ts";
import type { ExpectOptions } from "./helpers.ts";
import { expectDomain, signedZone, WEB_IPV4, WEB_IPV6, webHost } from "./helpers.ts";

/** 203.0.113.160/27 announced by AS64510, while its ROA names AS64511. */
const WRONG_ORIGIN: { routes: RouteSpec[]; roas: RoaSpec[] } = {
  routes: [{ prefix: "203.0.113.160/27", origins: [64510] }],
  roas: [{ prefix: "203.0.113.160/27", asn: 64511 }],
};
/** A /28 announced where the ROA allows only the /27. */
const TOO_SPECIFIC: { routes: RouteSpec[]; roas: RoaSpec[] } = {
  routes: [{ prefix: "203.0.113.192/28", origins: [64500] }],
  roas: [{ prefix: "203.0.113.192/27", asn: 64500, maxLength: 27 }],
};
/** IPv6: a /48 of another origin inside the infrastructure's 2001:db8::/32 ROA, and a /56 longer than its /48 maxLength. */
const V6_WRONG_ORIGIN: RouteSpec = { prefix: "2001:db8:bad::/48", origins: [64503] };
const V6_TOO_SPECIFIC: RouteSpec = { prefix: "2001:db8:b0b::/56", origins: [64499] };

function webScenario(name: string, summary: string, addresses: string[], expect: ExpectOptions, extra: { routes?: RouteSpec[]; roas?: RoaSpec[] } = {}): Scenario {
  const origin = `${name}.test`;
  const host: HostSpec = { name: origin, addresses: addresses.map((address) => ({ address })) };
  return {
    name,
    summary,
    zones: [signedZone(origin)],
    hosts: [host],
    domains: [expectDomain(origin, summary, "secure", expect)],
    ...extra,
  };
}

export const RPKI_SCENARIOS: Scenario[] = [
  webScenario("rpki-valid-moas", "web host in a prefix announced by two origins, both RPKI-valid", [WEB_IPV4, "2001:db8:a5a5::80"], { webRpki: "valid" }, {
    routes: [{ prefix: "2001:db8:a5a5::/48", origins: [64499, 64502] }],
    roas: [{ prefix: "2001:db8:a5a5::/48", asn: 64502 }],
  }),
  webScenario("rpki-invalid-origin", "web host whose route is announced by an AS its ROA does not name", ["203.0.113.170", WEB_IPV6], { webRpki: "invalid" }, WRONG_ORIGIN),
  webScenario("rpki-too-specific", "web host in a route more specific than its ROA's maxLength allows", ["203.0.113.200", WEB_IPV6], { webRpki: "invalid" }, TOO_SPECIFIC),
  webScenario("rpki-as0", "web host in a prefix whose only ROA is for AS0 (must not be routed)", ["203.0.113.230", WEB_IPV6], { webRpki: "invalid" }, {
    routes: [{ prefix: "203.0.113.224/27", origins: [64501] }],
    roas: [{ prefix: "203.0.113.224/27", asn: 0, maxLength: 32 }],
  }),
  webScenario("rpki-not-found", "web host reached through an announced route that no ROA covers", ["203.0.113.130", WEB_IPV6], { webRpki: "not-found" }),
  webScenario("rpki-no-route", "web host whose only address is in no announced route", ["2001:db8:dead::80"], { webRpki: "not-routed" }),
  {
    name: "rpki-ns-invalid",
    summary: "name servers in RPKI-invalid routes (wrong origin; too specific), IPv4 and IPv6",
    zones: [signedZone("rpki-ns-invalid.test", {}, { nameServers: ["ns1.rpki-ns-invalid.test", "ns2.rpki-ns-invalid.test"] })],
    hosts: [
      { name: "ns1.rpki-ns-invalid.test", addresses: [{ address: "203.0.113.165" }, { address: "2001:db8:bad::53" }] },
      { name: "ns2.rpki-ns-invalid.test", addresses: [{ address: "203.0.113.201" }, { address: "2001:db8:b0b::53" }] },
      webHost("rpki-ns-invalid.test"),
    ],
    routes: [...WRONG_ORIGIN.routes, ...TOO_SPECIFIC.routes, V6_WRONG_ORIGIN, V6_TOO_SPECIFIC],
    roas: [...WRONG_ORIGIN.roas, ...TOO_SPECIFIC.roas],
    domains: [expectDomain("rpki-ns-invalid.test", "name servers in RPKI-invalid routes", "secure", { nsRpki: "invalid" })],
  },
];
