// The spread of configurations the demo plants, as data in one place: what share of the
// synthetic government's zones is signed, broken, hosted where, and what share of its web
// hosts has IPv6 or sits in a route without a ROA. Shares are roughly those of the Dutch
// government measurements; a seeded hash of each name picks its configuration (seeded-choice.ts).

import type { Breakage, DenialSpec, SigningAlgorithm } from "../testnet/world.ts";

/** Changing the seed plants a different (equally deterministic) government. */
export const DEMO_SEED = "meetlat-demo-1";

/** An option and its weight; the weights of a table need not add up to 1. */
export interface Weighted<T> {
  value: T;
  weight: number;
}

export type ZoneDnssec = "signed" | "unsigned" | "bogus";

/** Per zone (registrable domain): signed and valid, not signed, or signed and broken. */
export const ZONE_DNSSEC: readonly Weighted<ZoneDnssec>[] = [
  { value: "signed", weight: 0.61 },
  { value: "unsigned", weight: 0.35 },
  { value: "bogus", weight: 0.04 },
];

/** How a bogus zone is broken: the testnet's breakages that make a validator say bogus. */
export const BOGUS_BREAKAGES: readonly Weighted<Breakage>[] = [
  { value: "expired-signatures", weight: 3 },
  { value: "wrong-ds", weight: 2 },
  { value: "tampered-signature", weight: 1 },
  { value: "missing-rrsig", weight: 1 },
  { value: "not-yet-valid", weight: 1 },
  { value: "missing-dnskey", weight: 1 },
];

export type DenialKind = "nsec" | "nsec3";

/** Denial of existence of a signed zone. */
export const ZONE_DENIAL: readonly Weighted<DenialKind>[] = [
  { value: "nsec", weight: 0.45 },
  { value: "nsec3", weight: 0.55 },
];

export const DENIAL_SPECS: Readonly<Record<DenialKind, DenialSpec>> = {
  nsec: { kind: "nsec" },
  // RFC 9276: no extra iterations, no salt.
  nsec3: { kind: "nsec3", iterations: 0, salt: "", optOut: false },
};

/** Signing algorithm of a signed zone: ECDSA P-256 mostly, RSA/SHA-256 for the rest. */
export const ZONE_ALGORITHM: readonly Weighted<SigningAlgorithm>[] = [
  { value: 13, weight: 0.8 },
  { value: 8, weight: 0.2 },
];

export type DnsHosting = "dual-stack" | "ipv4-only" | "no-roa";

/** Which DNS hosting provider serves a zone (demo-hosting.ts defines them). */
export const ZONE_HOSTING: readonly Weighted<DnsHosting>[] = [
  { value: "dual-stack", weight: 0.7 },
  { value: "ipv4-only", weight: 0.2 },
  { value: "no-roa", weight: 0.1 },
];

/** Per register domain: does the web host have an IPv6 address. */
export const WEB_IPV6: readonly Weighted<boolean>[] = [
  { value: true, weight: 0.65 },
  { value: false, weight: 0.35 },
];

export type WebRoute = "valid" | "not-found";

/** Per register domain: is the web host's IPv4 route covered by a ROA. */
export const WEB_ROUTE: readonly Weighted<WebRoute>[] = [
  { value: "valid", weight: 0.88 },
  { value: "not-found", weight: 0.12 },
];

/**
 * The register's TLDs and how each is signed, in the manner of the real registries (.nl, .com,
 * .net: NSEC3 with opt-out). Any other TLD or public suffix the register uses is signed with NSEC.
 */
export const SUFFIX_DENIAL: Readonly<Record<string, DenialSpec>> = {
  nl: { kind: "nsec3", iterations: 0, salt: "", optOut: true },
  com: { kind: "nsec3", iterations: 0, salt: "", optOut: true },
  net: { kind: "nsec3", iterations: 0, salt: "", optOut: true },
  eu: { kind: "nsec3", iterations: 0, salt: "", optOut: false },
  org: { kind: "nsec3", iterations: 0, salt: "", optOut: false },
};

/**
 * Public suffixes of more than one label that the register uses (the rest: the last label).
 * A domain's zone is the label below its public suffix: nbso-brazil.com.br, not com.br.
 */
export const MULTI_LABEL_SUFFIXES: readonly string[] = ["com.br", "com.ua", "co.uk", "gov.uk", "com.au", "co.jp"];
