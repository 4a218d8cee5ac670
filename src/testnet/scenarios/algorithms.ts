// One signed zone per DNSKEY algorithm the testnet signs with (RFC 8624 numbers). All are
// expected secure: RSASHA1 (5, 7) is deprecated for signing but validators must still
// validate it; the DNSSEC test reports it as passed with a note.

import type { Scenario, SigningAlgorithm, SigningSpec } from "../world.ts";
import { expectDomain, signedZone, webHost } from "./helpers.ts";

const ALGORITHM_ZONES: { algorithm: SigningAlgorithm; label: string; summary: string; nsec3?: boolean }[] = [
  { algorithm: 5, label: "rsasha1", summary: "RSA/SHA-1 (deprecated for signing)" },
  { algorithm: 7, label: "rsasha1-nsec3-sha1", summary: "RSA/SHA-1 with NSEC3 (deprecated for signing)", nsec3: true },
  { algorithm: 8, label: "rsasha256", summary: "RSA/SHA-256" },
  { algorithm: 10, label: "rsasha512", summary: "RSA/SHA-512" },
  { algorithm: 13, label: "ecdsap256sha256", summary: "ECDSA P-256 with SHA-256" },
  { algorithm: 14, label: "ecdsap384sha384", summary: "ECDSA P-384 with SHA-384" },
  { algorithm: 15, label: "ed25519", summary: "Ed25519" },
  { algorithm: 16, label: "ed448", summary: "Ed448" },
];

export const ALGORITHMS: Scenario[] = ALGORITHM_ZONES.map(({ algorithm, label, summary, nsec3 }) => {
  // Algorithm 7 exists to announce NSEC3 support, so its zone uses NSEC3 under the NSEC3 TLD.
  const origin = nsec3 ? `${label}.nsec3` : `${label}.test`;
  const signing: SigningSpec = nsec3
    ? { algorithm, denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false } }
    : { algorithm };
  return {
    name: `algorithm-${algorithm}`,
    summary: `signed with algorithm ${algorithm}, ${summary}`,
    zones: [signedZone(origin, signing)],
    hosts: [webHost(origin)],
    domains: [expectDomain(origin, `signed with algorithm ${algorithm} (${summary})`, "secure", {
      lookups: [{ name: `no-such-name.${origin}`, type: "A", security: "secure", rcode: "NXDOMAIN" }],
    })],
  };
});
