// DNSSEC tests (CHECKS.md: web_dnssec_exist/_valid, mail_dnssec_mailto_exist/_valid): pure
// judgements of the validation evidence for the domain's SOA.

import type { DnssecEvidence, DomainEvidence } from "../probes/evidence.ts";
import type { TestResult } from "./result.ts";

/** Points of the `_valid` test per outcome (CHECKS.md: insecure scores 2 of 10). */
export const DNSSEC_VALID_POINTS = { secure: 10, unsupported: 10, insecure: 2, bogus: 0, unknown: 0 } as const;

type Judged = { kind: "ok"; ev: DnssecEvidence } | { kind: "error"; message: string } | { kind: "servfail"; ev: DnssecEvidence };

function classify(e: DomainEvidence): Judged {
  const d = e.dnssec;
  if (!d) return { kind: "error", message: "no DNSSEC evidence was collected" };
  if ("error" in d) return { kind: "error", message: d.error };
  if (d.rcode === "SERVFAIL") return { kind: "servfail", ev: d };
  if (d.security === "indeterminate") return { kind: "error", message: d.reason };
  return { kind: "ok", ev: d };
}

function details(ev: DnssecEvidence): Record<string, unknown> {
  return {
    query: ev.query, security: ev.security, reason: ev.reason, ede: ev.ede, rcode: ev.rcode,
    unsupportedAlgorithm: ev.unsupportedAlgorithm, deprecatedAlgorithms: ev.deprecatedAlgorithms,
    cnameChain: ev.cnameChain, chain: ev.chain,
  };
}

export function judgeDnssecExist(e: DomainEvidence): TestResult {
  const c = classify(e);
  if (c.kind === "error") return { status: "error", verdict: "lookup_error", reason: `DNSSEC could not be tested: ${c.message}`, details: {} };
  if (c.kind === "servfail") {
    return { status: "failed", verdict: "servfail", reason: `the resolver answered SERVFAIL for ${e.domain}: its name servers fail`, details: details(c.ev), points: 0 };
  }
  const ev = c.ev;
  if (ev.security === "insecure" && !ev.unsupportedAlgorithm) {
    return { status: "failed", verdict: "unsigned", reason: `${e.domain} is not signed with DNSSEC (${ev.reason})`, details: details(ev), points: 0 };
  }
  return { status: "passed", verdict: "signed", reason: `${e.domain} is signed with DNSSEC`, details: details(ev), points: 0 };
}

export function judgeDnssecValid(e: DomainEvidence): TestResult {
  const c = classify(e);
  if (c.kind === "error") return { status: "error", verdict: "lookup_error", reason: `DNSSEC could not be tested: ${c.message}`, details: {} };
  if (c.kind === "servfail") {
    return { status: "not_tested", verdict: "servfail", reason: "not tested: the domain's name servers fail (SERVFAIL)", details: details(c.ev), points: DNSSEC_VALID_POINTS.unknown };
  }
  const ev = c.ev;
  const d = details(ev);
  if (ev.security === "secure") {
    if (ev.deprecatedAlgorithms.length > 0) {
      return { status: "passed", verdict: "secure_deprecated_algorithm", reason: `valid DNSSEC, but signed with deprecated algorithm ${ev.deprecatedAlgorithms.join(", ")} (RSASHA1): roll to algorithm 13 or 8`, details: d, points: DNSSEC_VALID_POINTS.secure };
    }
    return { status: "passed", verdict: "secure", reason: "the DNSSEC signatures validate from the trust anchor", details: d, points: DNSSEC_VALID_POINTS.secure };
  }
  if (ev.security === "bogus") {
    return { status: "failed", verdict: "bogus", reason: `DNSSEC is broken (bogus): ${ev.reason}`, details: d, points: DNSSEC_VALID_POINTS.bogus };
  }
  if (ev.unsupportedAlgorithm) {
    return { status: "warning", verdict: "unsupported_algorithm", reason: `signed only with an algorithm meetlat cannot validate: ${ev.reason}`, details: d, points: DNSSEC_VALID_POINTS.unsupported };
  }
  return { status: "not_tested", verdict: "unsigned", reason: "not tested: the domain is not signed", details: d, points: DNSSEC_VALID_POINTS.insecure };
}
