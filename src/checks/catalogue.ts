// The tests meetlat runs, as data: id, test type, category, level and scoring
// (../shared/standards/CHECKS.md). The judging functions live in one module per family;
// this table is the single place that says how each result weighs.

import type { TestLevel, TestType } from "./result.ts";

export type Category = "ipv6" | "dnssec" | "https" | "appsecpriv" | "auth" | "starttls" | "rpki";

export interface TestDefinition {
  id: string;
  type: TestType;
  category: Category;
  level: TestLevel;
  /** Full points in the Internet.nl-style score; 0 = required but carried by a parent/sibling. */
  fullPoints: number;
  title: string;
}

export const TEST_CATALOGUE: readonly TestDefinition[] = [
  { id: "web_ipv6_ns_address", type: "web", category: "ipv6", level: "required", fullPoints: 0, title: "IPv6 addresses for name servers" },
  { id: "web_ipv6_ns_reach", type: "web", category: "ipv6", level: "required", fullPoints: 10, title: "IPv6 reachability of name servers" },
  { id: "web_ipv6_ws_address", type: "web", category: "ipv6", level: "required", fullPoints: 0, title: "IPv6 addresses for web server" },
  { id: "web_dnssec_exist", type: "web", category: "dnssec", level: "required", fullPoints: 0, title: "DNSSEC existence" },
  { id: "web_dnssec_valid", type: "web", category: "dnssec", level: "required", fullPoints: 10, title: "DNSSEC validity" },
  { id: "mail_ipv6_ns_address", type: "mail", category: "ipv6", level: "required", fullPoints: 0, title: "IPv6 addresses for name servers" },
  { id: "mail_ipv6_ns_reach", type: "mail", category: "ipv6", level: "required", fullPoints: 10, title: "IPv6 reachability of name servers" },
  { id: "mail_dnssec_mailto_exist", type: "mail", category: "dnssec", level: "required", fullPoints: 0, title: "DNSSEC existence (mail domain)" },
  { id: "mail_dnssec_mailto_valid", type: "mail", category: "dnssec", level: "required", fullPoints: 10, title: "DNSSEC validity (mail domain)" },
  // RPKI (CHECKS.md): *_rpki_exists 5 points, *_rpki_valid 10. mail_rpki_* and mail_mx_ns_rpki_*
  // need the MX hosts' addresses, which the mail issue adds; their rows come with it.
  { id: "web_rpki_exists", type: "web", category: "rpki", level: "required", fullPoints: 5, title: "Route authorisation for web server" },
  { id: "web_rpki_valid", type: "web", category: "rpki", level: "required", fullPoints: 10, title: "Route announcement validity for web server" },
  { id: "web_ns_rpki_exists", type: "web", category: "rpki", level: "required", fullPoints: 5, title: "Route authorisation for name servers" },
  { id: "web_ns_rpki_valid", type: "web", category: "rpki", level: "required", fullPoints: 10, title: "Route announcement validity for name servers" },
  { id: "mail_ns_rpki_exists", type: "mail", category: "rpki", level: "required", fullPoints: 5, title: "Route authorisation for name servers" },
  { id: "mail_ns_rpki_valid", type: "mail", category: "rpki", level: "required", fullPoints: 10, title: "Route announcement validity for name servers" },
];

const BY_ID: ReadonlyMap<string, TestDefinition> = new Map(TEST_CATALOGUE.map((t) => [t.id, t]));

export function testDefinition(id: string): TestDefinition {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown test id: ${id}`);
  return def;
}

export const CATEGORY_TITLES: Readonly<Record<Category, string>> = {
  ipv6: "IPv6",
  dnssec: "DNSSEC",
  https: "HTTPS",
  appsecpriv: "Security options",
  auth: "Authenticity marks (DMARC, DKIM, SPF)",
  starttls: "STARTTLS and DANE",
  rpki: "RPKI",
};
