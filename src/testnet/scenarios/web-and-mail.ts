// Web hosts with and without IPv6 (web_ipv6_ws_address), and a mail domain whose MX host
// lives in another, unsigned domain (mail_dnssec_mx_* differ from mail_dnssec_mailto_*).

import type { Scenario } from "../world.ts";
import { expectDomain, records, signedZone, unsignedZone, webHost } from "./helpers.ts";

export const WEB_AND_MAIL: Scenario[] = [
  {
    name: "web-ipv4-only",
    summary: "the web host has an A record but no AAAA",
    zones: [signedZone("web-ipv4-only.test")],
    hosts: [webHost("web-ipv4-only.test", { ipv6: false })],
    domains: [expectDomain("web-ipv4-only.test", "web host without IPv6", "secure", { wsAddress: "failed" })],
  },
  {
    name: "web-ipv6-only",
    summary: "the web host has an AAAA record but no A",
    zones: [signedZone("web-ipv6-only.test")],
    hosts: [webHost("web-ipv6-only.test", { ipv4: false })],
    domains: [expectDomain("web-ipv6-only.test", "web host with IPv6 only", "secure", { wsAddress: "passed" })],
  },
  {
    name: "mail-elsewhere",
    summary: "signed mail domain whose MX host is in another, unsigned domain",
    zones: [
      signedZone("mail-elsewhere.test", {}, { records: records("@ MX 10 mx.mail-provider-unsigned.test.") }),
      unsignedZone("mail-provider-unsigned.test"),
    ],
    hosts: [webHost("mail-elsewhere.test"), webHost("mail-provider-unsigned.test"), webHost("mx.mail-provider-unsigned.test")],
    domains: [expectDomain("mail-elsewhere.test", "signed domain; its MX host's domain is unsigned", "secure", {
      mx: "insecure",
      lookups: [{ name: "mx.mail-provider-unsigned.test", type: "SOA", security: "insecure", rcode: "NOERROR" }],
    })],
  },
];
