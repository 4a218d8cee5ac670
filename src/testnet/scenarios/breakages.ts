// Every way the testnet can break DNSSEC, one zone each, plus what a validator must make of it.

import type { Breakage, Scenario } from "../world.ts";
import type { DnssecOutcome } from "./helpers.ts";
import { expectDomain, records, signedZone, unsignedZone, webHost } from "./helpers.ts";

const SIMPLE_BREAKAGES: { breakage: Breakage; summary: string; outcome: DnssecOutcome }[] = [
  { breakage: "expired-signatures", summary: "every signature expired a month ago", outcome: "bogus" },
  { breakage: "not-yet-valid", summary: "every signature starts a month from now", outcome: "bogus" },
  { breakage: "wrong-ds", summary: "the parent's DS matches no key of the zone", outcome: "bogus" },
  { breakage: "missing-rrsig", summary: "only the DNSKEY RRset is signed", outcome: "bogus" },
  { breakage: "missing-dnskey", summary: "the parent has a DS but the zone has no DNSKEY", outcome: "bogus" },
  { breakage: "tampered-signature", summary: "every signature but the DNSKEY one was altered", outcome: "bogus" },
  // RFC 4035 5.2: no DS with a supported algorithm means insecure; the DNSSEC test warns.
  { breakage: "unsupported-ds-algorithm", summary: "the only DS names algorithm 253 (private), which no validator supports", outcome: "unsupported-algorithm" },
];

const simple: Scenario[] = SIMPLE_BREAKAGES.map(({ breakage, summary, outcome }) => ({
  name: breakage,
  summary,
  zones: [signedZone(`${breakage}.test`, { breakage })],
  hosts: [webHost(`${breakage}.test`)],
  domains: [expectDomain(`${breakage}.test`, summary, outcome)],
}));

// NSEC3 records whose owner hashes were made with another salt than the one they claim: no
// validator can match them, so every denial from the zone is bogus. The SOA itself needs no
// denial and stays secure; the unsigned child below it cannot be proven insecure, so bogus.
const bogusNsec3: Scenario = {
  name: "bogus-nsec3",
  summary: "NSEC3 records that do not prove what they claim (denials bogus, unsigned child bogus)",
  zones: [
    signedZone("bogus-nsec3.nsec3", { denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false }, breakage: "bogus-nsec3" }, {
      records: records("below.empty TXT \"an empty non-terminal sits above this name\""),
    }),
    unsignedZone("unsigned-child.bogus-nsec3.nsec3"),
  ],
  hosts: [webHost("bogus-nsec3.nsec3"), webHost("unsigned-child.bogus-nsec3.nsec3")],
  domains: [
    expectDomain("bogus-nsec3.nsec3", "lying NSEC3: SOA secure, every denial bogus", "secure", {
      lookups: [
        { name: "no-such-name.bogus-nsec3.nsec3", type: "A", security: "bogus", rcode: "NXDOMAIN" },
        { name: "bogus-nsec3.nsec3", type: "TXT", security: "bogus", rcode: "NOERROR" },
      ],
    }),
    expectDomain("unsigned-child.bogus-nsec3.nsec3", "unsigned child of a zone with lying NSEC3: no provable insecure delegation", "bogus"),
  ],
};

export const BREAKAGE_SCENARIOS: Scenario[] = [...simple, bogusNsec3];
