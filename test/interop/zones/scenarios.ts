// The scenarios of the DNSSEC interop suite: which questions to ask about which zone of the
// tree (tree.ts), and the verdict each is built to produce. The real validator (unbound) must
// reach that verdict (so a scenario that is accidentally not broken is caught), and meetlat
// must reach unbound's.

import { BADNSEC3_QUERY } from "./tree.ts";
import type { Verdict } from "../peers/unbound.ts";

export type { Verdict };

export interface ScenarioQuery {
  name: string;
  type: string;
  expect: Verdict;
  /** Expected response code when it matters (NXDOMAIN proofs). */
  rcode?: "NOERROR" | "NXDOMAIN";
}

export interface Scenario {
  id: string;
  title: string;
  queries: ScenarioQuery[];
  /**
   * Set only where meetlat deliberately reaches another verdict than unbound, with the reason.
   * The goal is that no scenario needs it.
   */
  meetlatDiffers?: { verdict: Verdict; why: string };
}

const q = (name: string, type: string, expect: Verdict, rcode?: ScenarioQuery["rcode"]): ScenarioQuery =>
  rcode ? { name, type, expect, rcode } : { name, type, expect };

export const SCENARIOS: readonly Scenario[] = [
  {
    id: "chain-root-tlds",
    title: "the test root and its TLDs (NSEC, NSEC3, NSEC3 opt-out) are secure",
    queries: [q(".", "SOA", "secure"), q("test.", "SOA", "secure"), q("example.", "SOA", "secure"), q("invalid.", "SOA", "secure")],
  },
  {
    id: "secure-nsec",
    title: "secure zone signed with NSEC (ECDSAP256SHA256, KSK + ZSK)",
    queries: [q("secure-nsec.test.", "SOA", "secure"), q("www.secure-nsec.test.", "A", "secure"), q("mail.secure-nsec.test.", "MX", "secure")],
  },
  {
    id: "secure-nsec-nxdomain",
    title: "secure NXDOMAIN proven with NSEC",
    queries: [q("secure-nsec.test.", "SOA", "secure"), q("nx.secure-nsec.test.", "A", "secure", "NXDOMAIN")],
  },
  {
    id: "secure-nsec-nodata",
    title: "secure NODATA proven with NSEC",
    queries: [q("secure-nsec.test.", "SOA", "secure"), q("www.secure-nsec.test.", "TXT", "secure", "NOERROR")],
  },
  {
    id: "secure-nsec3",
    title: "secure zone signed with NSEC3 (no salt, 0 iterations per RFC 9276)",
    queries: [q("secure-nsec3.example.", "SOA", "secure"), q("www.secure-nsec3.example.", "AAAA", "secure")],
  },
  {
    id: "secure-nsec3-nxdomain",
    title: "secure NXDOMAIN proven with NSEC3 (closest encloser, next closer, wildcard)",
    queries: [q("secure-nsec3.example.", "SOA", "secure"), q("nx.secure-nsec3.example.", "A", "secure", "NXDOMAIN")],
  },
  {
    id: "secure-nsec3-nodata",
    title: "secure NODATA proven with NSEC3",
    queries: [q("secure-nsec3.example.", "SOA", "secure"), q("www.secure-nsec3.example.", "TXT", "secure", "NOERROR")],
  },
  ...[5, 8, 10, 13, 14, 15, 16].map((alg): Scenario => ({
    id: `algorithm-${alg}`,
    title: `secure zone signed with DNSKEY algorithm ${alg} (dnssec-keygen)`,
    queries: [q(`alg${alg}.test.`, "SOA", "secure"), q(`www.alg${alg}.test.`, "A", "secure")],
  })),
  {
    id: "algorithm-7",
    title: "secure zone signed with DNSKEY algorithm 7 (NSEC3RSASHA1), NSEC3 with salt",
    queries: [q("alg7.example.", "SOA", "secure"), q("www.alg7.example.", "A", "secure"), q("nx.alg7.example.", "A", "secure", "NXDOMAIN")],
  },
  {
    id: "ds-digest-sha1",
    title: "secure delegation whose only DS uses SHA-1 (digest type 1)",
    queries: [q("ds-sha1.test.", "SOA", "secure")],
  },
  {
    id: "ds-digest-sha384",
    title: "secure delegation whose only DS uses SHA-384 (digest type 4)",
    queries: [q("ds-sha384.test.", "SOA", "secure")],
  },
  {
    id: "insecure-under-nsec",
    title: "unsigned child, no DS: the parent proves it with NSEC",
    queries: [q("insecure.test.", "SOA", "insecure"), q("www.insecure.test.", "A", "insecure"), q("nx.insecure.test.", "A", "insecure", "NXDOMAIN")],
  },
  {
    id: "insecure-under-nsec3",
    title: "unsigned child, no DS: the parent proves it with an NSEC3 that matches the name",
    queries: [q("insecure.example.", "SOA", "insecure"), q("www.insecure.example.", "A", "insecure")],
  },
  {
    id: "insecure-under-optout",
    title: "unsigned child in an NSEC3 opt-out span of the parent",
    queries: [q("insecure.invalid.", "SOA", "insecure"), q("www.insecure.invalid.", "A", "insecure")],
  },
  {
    id: "optout-nxdomain",
    title: "NXDOMAIN in an opt-out TLD: the next closer name is covered by an opt-out NSEC3, so it could be an unsigned delegation (RFC 5155 section 9.2)",
    queries: [q("nx.invalid.", "A", "insecure", "NXDOMAIN")],
  },
  {
    id: "secure-under-optout",
    title: "signed child with DS, below an NSEC3 opt-out parent",
    queries: [q("secure.invalid.", "SOA", "secure"), q("www.secure.invalid.", "A", "secure")],
  },
  {
    id: "ds-unsupported-algorithm",
    title: "the only DS names an unassigned algorithm (100): insecure (RFC 6840 section 5.2)",
    queries: [q("unknownalg.test.", "SOA", "insecure")],
  },
  {
    id: "ds-unsupported-digest",
    title: "the only DS uses an unassigned digest type (200): insecure (RFC 6840 section 5.2)",
    queries: [q("unknowndigest.test.", "SOA", "insecure")],
  },
  {
    id: "ds-mixed-supported-and-unsupported",
    title: "a valid DS next to one with an unassigned algorithm: validated with the one that can be checked",
    queries: [q("mixedds.test.", "SOA", "secure")],
  },
  {
    id: "bogus-expired",
    title: "every signature expired (valid from 40 to 10 days ago)",
    queries: [q("expired.test.", "SOA", "bogus"), q("www.expired.test.", "A", "bogus")],
  },
  {
    id: "bogus-not-yet-valid",
    title: "every signature not yet valid (valid from 10 days on)",
    queries: [q("notyet.test.", "SOA", "bogus")],
  },
  {
    id: "bogus-ds-digest",
    title: "the parent's DS has the right key tag and algorithm but a wrong digest",
    queries: [q("wrongds.test.", "SOA", "bogus")],
  },
  {
    id: "bogus-dnskey-replaced",
    title: "the child was re-keyed: its DNSKEY set no longer holds the key the parent's DS names",
    queries: [q("newkey.test.", "SOA", "bogus")],
  },
  {
    id: "bogus-dnskey-missing",
    title: "the child serves no DNSKEY records (signatures still there)",
    queries: [q("nodnskey.test.", "SOA", "bogus")],
  },
  {
    id: "bogus-rrsigs-stripped",
    title: "every RRSIG removed from the signed child (DNSKEY and NSEC left)",
    queries: [q("nosig.test.", "SOA", "bogus"), q("www.nosig.test.", "A", "bogus")],
  },
  {
    id: "bogus-unsigned-with-ds",
    title: "the parent has a DS but the child is served entirely unsigned",
    queries: [q("unsigned-ds.test.", "SOA", "bogus")],
  },
  {
    id: "bogus-signature-tampered",
    title: "the RRSIG over the SOA has altered signature bytes (other RRsets intact)",
    queries: [q("badsig.test.", "SOA", "bogus"), q("www.badsig.test.", "A", "secure")],
  },
  {
    id: "bogus-nsec-missing",
    title: "signed zone served without its NSEC records: denials have no proof",
    queries: [q("nonsec.test.", "SOA", "secure"), q("nx.nonsec.test.", "A", "bogus"), q("www.nonsec.test.", "TXT", "bogus")],
  },
  {
    id: "bogus-nsec3-no-cover",
    title: "NXDOMAIN whose NSEC3 proof does not cover the next closer name (one NSEC3 deleted after signing)",
    queries: [q("badnsec3.example.", "SOA", "secure"), q(BADNSEC3_QUERY, "A", "bogus")],
  },
  {
    id: "nsec3-iterations-200",
    title: "NSEC3 with 200 iterations (over RFC 9276's 150): answers secure, denials insecure",
    queries: [
      q("iter200.example.", "SOA", "secure"),
      q("nx.iter200.example.", "A", "insecure", "NXDOMAIN"),
      q("www.iter200.example.", "TXT", "insecure", "NOERROR"),
    ],
  },
  {
    id: "cname-secure-to-secure",
    title: "CNAME from a secure zone into another secure zone (NSEC to NSEC3 TLD)",
    queries: [q("to-secure.cname.test.", "A", "secure"), q("in-zone.cname.test.", "A", "secure")],
  },
  {
    id: "cname-secure-to-insecure",
    title: "CNAME from a secure zone into an insecure zone",
    queries: [q("to-insecure.cname.test.", "A", "insecure")],
  },
  {
    id: "cname-secure-to-bogus",
    title: "CNAME from a secure zone into a bogus zone (expired signatures)",
    queries: [q("to-bogus.cname.test.", "A", "bogus")],
  },
  {
    id: "wildcard-nsec",
    title: "secure wildcard expansion, NSEC proof that the name itself does not exist",
    queries: [q("anything.wildcard.test.", "A", "secure"), q("x.y.wildcard.test.", "TXT", "secure")],
  },
  {
    id: "wildcard-nsec3",
    title: "secure wildcard expansion, NSEC3 proof of the next closer name",
    queries: [q("anything.wildcard.example.", "A", "secure"), q("x.y.wildcard.example.", "TXT", "secure")],
  },
];
