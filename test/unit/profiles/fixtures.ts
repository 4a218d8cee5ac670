// Stored results as the checks write them today (verdicts and points from src/checks/*.ts), plus
// results of checks later issues add (their verdict keys as the profile files document them).

import type { TestResult, TestStatus, TestType } from "../../../src/checks/result.ts";
import type { Explanation } from "../../../src/profiles/explanation.ts";
import type { DomainResults } from "../../../src/profiles/types.ts";

export type Tests = Record<string, TestResult>;

export function r(status: TestStatus, verdict: string, points?: number): TestResult {
  return { status, verdict, reason: `${verdict} (${status})`, details: {}, ...(points === undefined ? {} : { points }) };
}

/** The web tests meetlat implements, all good. */
export function goodWeb(): Tests {
  return {
    web_ipv6_ns_address: r("passed", "good", 0),
    web_ipv6_ns_reach: r("passed", "good", 10),
    web_ipv6_ws_address: r("passed", "good", 0),
    web_dnssec_exist: r("passed", "signed", 0),
    web_dnssec_valid: r("passed", "secure", 10),
    web_rpki_exists: r("passed", "covered", 5),
    web_rpki_valid: r("passed", "valid", 10),
    web_ns_rpki_exists: r("passed", "covered", 5),
    web_ns_rpki_valid: r("passed", "valid", 10),
  };
}

/** The mail tests meetlat implements, all good. */
export function goodMail(): Tests {
  return {
    mail_ipv6_ns_address: r("passed", "good", 0),
    mail_ipv6_ns_reach: r("passed", "good", 10),
    mail_dnssec_mailto_exist: r("passed", "signed", 0),
    mail_dnssec_mailto_valid: r("passed", "secure", 10),
    mail_ns_rpki_exists: r("passed", "covered", 5),
    mail_ns_rpki_valid: r("passed", "valid", 10),
  };
}

export const UNSIGNED_WEB: Tests = {
  web_dnssec_exist: r("failed", "unsigned", 0),
  web_dnssec_valid: r("not_tested", "unsigned", 2),
};

export const BOGUS_WEB: Tests = {
  web_dnssec_exist: r("passed", "signed", 0),
  web_dnssec_valid: r("failed", "bogus", 0),
};

/** What a later HTTPS issue will store for a well-configured site. */
export function goodHttps(): Tests {
  const ids = [
    "web_https_tls_version", "web_https_tls_ciphers", "web_https_tls_cipherorder", "web_https_tls_keyexchange", "web_https_tls_keyexchangehash",
    "web_https_tls_compress", "web_https_tls_secreneg", "web_https_tls_extendedmastersecret", "web_https_tls_0rtt",
    "web_https_cert_chain", "web_https_cert_pubkey", "web_https_cert_sig", "web_https_cert_domain", "web_https_http_redirect", "web_https_http_hsts",
  ];
  return {
    web_https_http_available: r("passed", "good", 0),
    web_https_tls_clientreneg: r("passed", "good"),
    ...Object.fromEntries(ids.map((id) => [id, r("passed", "good", 10)])),
  };
}

export function domain(name: string, results: Partial<Record<TestType, Tests>>, applicableTypes: TestType[] = ["web", "mail"]): DomainResults {
  return {
    domain: name,
    applicableTypes,
    results: (Object.entries(results) as [TestType, Tests][]).map(([type, tests]) => ({ type, score: null, tests })),
  };
}

let nextId = 1;
export function explanation(domainName: string, testId: string, finding: { status: TestStatus; verdict: string }, until: string, extra: Partial<Explanation> = {}): Explanation {
  return {
    id: nextId++, domain: domainName, testId, reason: `reason for ${testId}`, until, by: "tester",
    createdAt: "2024-01-15T12:00:00.000Z", finding, revokedAt: null, revokedBy: null, ...extra,
  };
}

export function stateOf(outcome: { standards: { standardId: string; state: string }[] }, id: string): string | undefined {
  return outcome.standards.find((s) => s.standardId === id)?.state;
}

export function standardOf<T extends { standardId: string }>(outcome: { standards: T[] }, id: string): T {
  const s = outcome.standards.find((x) => x.standardId === id);
  if (!s) throw new Error(`no standard ${id} in the outcome`);
  return s;
}
