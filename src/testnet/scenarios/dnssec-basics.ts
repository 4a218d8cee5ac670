// Signed and unsigned zones under each kind of parent: secure with NSEC, NSEC3 and NSEC3
// opt-out; insecure delegations proven by each of the three; a signed zone without DS; the
// wildcard cases; and NSEC3 with more iterations than validators accept.

import type { ExpectedLookup, Scenario } from "../world.ts";
import { expectDomain, records, signedZone, unsignedZone, webHost } from "./helpers.ts";

/** The negative lookups every signed zone should prove: a missing name, a missing type, an empty non-terminal. */
function denialLookups(origin: string, security: ExpectedLookup["security"], nxdomain = security): ExpectedLookup[] {
  return [
    { name: `no-such-name.${origin}`, type: "A", security: nxdomain, rcode: "NXDOMAIN" },
    { name: origin, type: "TXT", security, rcode: "NOERROR" },
    { name: `empty.${origin}`, type: "A", security, rcode: "NOERROR" },
  ];
}

/** "empty.<origin>" becomes an empty non-terminal through this record. */
const ENT_RECORD = "below.empty TXT \"an empty non-terminal sits above this name\"";

const LARGE_TXT = Array.from({ length: 7 }, (_, i) => `"${String(i).repeat(250)}"`).join(" ");

const secureNsec: Scenario = {
  name: "secure-nsec",
  summary: "signed with ECDSA P-256, NSEC denial, under an NSEC parent",
  zones: [signedZone("secure-nsec.test", {}, { records: records(ENT_RECORD, `large-txt TXT ${LARGE_TXT}`, "www CNAME secure-nsec.test.") })],
  hosts: [webHost("secure-nsec.test")],
  domains: [expectDomain("secure-nsec.test", "signed zone, NSEC, valid chain of trust", "secure", {
    lookups: [...denialLookups("secure-nsec.test", "secure"), { name: "www.secure-nsec.test", type: "AAAA", security: "secure", rcode: "NOERROR" }],
  })],
};

const secureNsec3: Scenario = {
  name: "secure-nsec3",
  summary: "signed with NSEC3 (0 iterations, no salt) under an NSEC3 parent",
  zones: [signedZone("secure-nsec3.nsec3", { denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false } }, { records: records(ENT_RECORD) })],
  hosts: [webHost("secure-nsec3.nsec3")],
  domains: [expectDomain("secure-nsec3.nsec3", "signed zone, NSEC3, valid chain of trust", "secure", {
    lookups: denialLookups("secure-nsec3.nsec3", "secure"),
  })],
};

const secureOptOut: Scenario = {
  name: "secure-nsec3-optout",
  summary: "signed with NSEC3 opt-out (salted) under an opt-out parent",
  zones: [signedZone("secure-optout.optout", { denial: { kind: "nsec3", iterations: 5, salt: "cafe", optOut: true } }, { records: records(ENT_RECORD) })],
  hosts: [webHost("secure-optout.optout")],
  domains: [expectDomain("secure-optout.optout", "signed zone, NSEC3 with opt-out and a salt, valid chain of trust", "secure", {
    // RFC 5155 9.2: a name under an opt-out span might be an unsigned delegation, so its
    // NXDOMAIN is only insecure; NODATA still has a matching NSEC3 and is secure.
    lookups: denialLookups("secure-optout.optout", "secure", "insecure"),
  })],
};

const unsignedNsec: Scenario = {
  name: "unsigned-nsec",
  summary: "unsigned zone; the parent proves the missing DS with NSEC",
  zones: [unsignedZone("unsigned.test")],
  hosts: [webHost("unsigned.test")],
  domains: [expectDomain("unsigned.test", "unsigned delegation, NSEC proof of no DS", "insecure", {
    lookups: [{ name: "no-such-name.unsigned.test", type: "A", security: "insecure", rcode: "NXDOMAIN" }],
  })],
};

const unsignedNsec3: Scenario = {
  name: "unsigned-nsec3",
  summary: "unsigned zone; the parent proves the missing DS with a matching NSEC3",
  zones: [unsignedZone("unsigned.nsec3")],
  hosts: [webHost("unsigned.nsec3")],
  domains: [expectDomain("unsigned.nsec3", "unsigned delegation, NSEC3 proof of no DS", "insecure")],
};

const unsignedOptOut: Scenario = {
  name: "unsigned-optout",
  summary: "unsigned zone; the parent covers it with an opt-out NSEC3 span",
  zones: [unsignedZone("unsigned.optout")],
  hosts: [webHost("unsigned.optout")],
  domains: [expectDomain("unsigned.optout", "unsigned delegation, NSEC3 opt-out proof of no DS", "insecure")],
};

const island: Scenario = {
  name: "signed-without-ds",
  summary: "signed zone whose parent has no DS for it (an island of security)",
  zones: [signedZone("island.test", { publishDs: false })],
  hosts: [webHost("island.test")],
  domains: [expectDomain("island.test", "signed, but no DS at the parent: insecure", "insecure")],
};

const wildcardNsec: Scenario = {
  name: "wildcard-nsec",
  summary: "signed NSEC zone answering every name through a wildcard",
  zones: [signedZone("wildcard.test", {}, { records: records("* A 192.0.2.80", "* AAAA 2001:db8:80::80") })],
  hosts: [webHost("wildcard.test")],
  domains: [expectDomain("wildcard.test", "signed NSEC zone with a wildcard", "secure", {
    lookups: [
      { name: "anything.wildcard.test", type: "AAAA", security: "secure", rcode: "NOERROR" },
      { name: "deeper.anything.wildcard.test", type: "A", security: "secure", rcode: "NOERROR" },
      { name: "anything.wildcard.test", type: "TXT", security: "secure", rcode: "NOERROR" },
    ],
  })],
};

const wildcardNsec3: Scenario = {
  name: "wildcard-nsec3",
  summary: "signed NSEC3 zone answering every name through a wildcard",
  zones: [signedZone("wildcard.nsec3", { denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false } }, {
    records: records("* A 192.0.2.80", "* AAAA 2001:db8:80::80"),
  })],
  hosts: [webHost("wildcard.nsec3")],
  domains: [expectDomain("wildcard.nsec3", "signed NSEC3 zone with a wildcard", "secure", {
    lookups: [
      { name: "anything.wildcard.nsec3", type: "AAAA", security: "secure", rcode: "NOERROR" },
      { name: "deeper.anything.wildcard.nsec3", type: "A", security: "secure", rcode: "NOERROR" },
      { name: "anything.wildcard.nsec3", type: "TXT", security: "secure", rcode: "NOERROR" },
    ],
  })],
};

// RFC 9276 3.2: validators may treat NSEC3 with many iterations as insecure; unbound 1.17 and
// meetlat do above 150. Only denial needs NSEC3, so the SOA (a positive answer) stays secure.
const highIterations: Scenario = {
  name: "nsec3-high-iterations",
  summary: "signed with NSEC3 at 200 iterations: its denials are insecure",
  zones: [signedZone("iterations-200.nsec3", { denial: { kind: "nsec3", iterations: 200, salt: "beef", optOut: false } }, { records: records(ENT_RECORD) })],
  hosts: [webHost("iterations-200.nsec3")],
  domains: [expectDomain("iterations-200.nsec3", "NSEC3 with 200 iterations: SOA secure, denials insecure", "secure", {
    lookups: denialLookups("iterations-200.nsec3", "insecure"),
  })],
};

export const DNSSEC_BASICS: Scenario[] = [
  secureNsec, secureNsec3, secureOptOut, unsignedNsec, unsignedNsec3, unsignedOptOut, island,
  wildcardNsec, wildcardNsec3, highIterations,
];
