// meetlat's validating stub (RFC 4035 section 5, RFC 6840): asks the configured recursive
// resolver with DO=1 and CD=1 (it is only a cache and passes bogus data through), then
// validates everything itself from the trust anchors. The verdict rules follow unbound's
// validator, because meetlat's verdicts are compared with unbound's.
//
// One question is answered in parts: the CNAME/DNAME redirections on the way, then the
// answer RRset or the negative answer. Each part is validated with the keys of the zone that
// signed it (see answer-validation.ts, chain.ts); the verdict is the weakest part's.

import type { DnsLookup } from "../dns/client-types.ts";
import type { DnsMessage, ResourceRecord } from "../dns/message.ts";
import { isSubdomainOf, labelCount, labelsToName, namesEqual, nameToLabels, normaliseName } from "../dns/name.ts";
import { decodeNameRdata, TYPE } from "../dns/rdata.ts";
import { typeName } from "../dns/rr-types.ts";
import { dnskeyAlgorithm } from "./algorithms.ts";
import { AnswerValidator, type DenialKind, type PartResult } from "./answer-validation.ts";
import { ask } from "./ask.ts";
import { ChainWalker } from "./chain.ts";
import { isStrictSubdomainOf } from "./proof-names.ts";
import { bogus, indeterminate, weakerOf, type ChainLink, type Ede, type Security, type Verdict } from "./reasons.ts";
import { findRrset, groupRrsets, type SignedRrset } from "./rrsets.ts";
import { LIMITS } from "./validation-policy.ts";

export type { ChainLink, Security } from "./reasons.ts";

export interface ValidationResult {
  security: Security;
  /** RFC 8914 Extended DNS Error style: code + text, e.g. {code: 7, text: "Signature Expired"}. */
  ede?: Ede;
  /** One readable line: "RRSIG over example.test/SOA by key 12345 (ECDSAP256SHA256) expired 2026-01-01T00:00:00Z". */
  reason: string;
  /** Of the final answer; NO_ANSWER_RCODE (-1) when no answer came at all (lookup failed). */
  rcode: number;
  /** The final RRset (after CNAMEs); empty for a negative answer. */
  answers: ResourceRecord[];
  /** The names the question was redirected to, in order. */
  cnameChain: string[];
  /** Evidence: the zones walked, from the trust anchor down. */
  chain: ChainLink[];
  /** Insecure only because DS/DNSKEY use algorithms or digests we do not support. */
  unsupportedAlgorithm?: boolean;
  /** Deprecated algorithms (RFC 8624: 5, 7, ...) seen on the secure path. */
  deprecatedAlgorithms?: number[];
}

export interface DnssecValidatorOptions {
  lookup: DnsLookup;
  /** DS or DNSKEY records for "." or any zone. */
  trustAnchors: readonly ResourceRecord[];
  /** Unix seconds; defaults to the system clock. */
  now?: () => number;
}

/** The rcode reported when the resolver gave no answer (timeout, network error): not a DNS rcode. */
export const NO_ANSWER_RCODE = -1;
const RCODE_NXDOMAIN = 3;

export class DnssecValidator {
  private readonly lookup: DnsLookup;
  private readonly walker: ChainWalker;
  private readonly parts: AnswerValidator;

  constructor(opts: DnssecValidatorOptions) {
    const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.lookup = opts.lookup;
    this.walker = new ChainWalker(opts.lookup, opts.trustAnchors, now);
    this.parts = new AnswerValidator(this.walker, now);
  }

  async validate(name: string, type: number): Promise<ValidationResult> {
    const parts: PartResult[] = [];
    const cnameChain: string[] = [];
    let answers: ResourceRecord[] = [];
    let qname = name;
    let asked = await ask(this.lookup, qname, type);
    if (!asked.ok) return assemble([{ verdict: asked.verdict }], NO_ANSWER_RCODE, [], []);
    let message: DnsMessage = asked.message;
    let rcode = message.rcode;
    let sameMessage = false;
    const seen = new Set([normaliseName(qname)]);

    for (;;) {
      rcode = message.rcode;
      if (rcode !== 0 && rcode !== RCODE_NXDOMAIN) {
        parts.push({ verdict: indeterminate(`the resolver answered ${rcodeNameOf(rcode)} for ${qname}/${typeName(type)}`) });
        break;
      }
      const answerSets = groupRrsets(message.answers);
      const authority = groupRrsets(message.authorities);
      const direct = findRrset(answerSets, qname, type);
      if (direct) {
        parts.push(await this.parts.validateRrset(direct, authority, type));
        answers = direct.records;
        break;
      }
      const redirect = await this.redirection(qname, type, answerSets, authority);
      if (!redirect) {
        const kind: DenialKind = sameMessage ? "either" : rcode === RCODE_NXDOMAIN ? "nxdomain" : "nodata";
        const part = await this.parts.validateDenial(qname, type, message, kind, authority);
        parts.push(part);
        if (part.rcode !== undefined) rcode = part.rcode;
        break;
      }
      parts.push(...redirect.parts);
      if ("failure" in redirect) break;
      const target = redirect.target;
      cnameChain.push(target);
      if (seen.has(normaliseName(target))) {
        parts.push({ verdict: indeterminate(`CNAME loop at ${target}`) });
        break;
      }
      if (cnameChain.length > LIMITS.maxCnameChain) {
        parts.push({ verdict: indeterminate(`more than ${LIMITS.maxCnameChain} CNAME/DNAME redirections`) });
        break;
      }
      seen.add(normaliseName(target));
      qname = target;
      // A resolver follows the chain itself: the rest is usually in the same message. Only
      // when the message holds nothing about the target is it asked for separately.
      if (mentions(answerSets, authority, target)) {
        sameMessage = true;
        continue;
      }
      asked = await ask(this.lookup, target, type);
      if (!asked.ok) {
        parts.push({ verdict: asked.verdict });
        rcode = NO_ANSWER_RCODE;
        break;
      }
      message = asked.message;
      sameMessage = false;
    }
    return assemble(parts, rcode, answers, cnameChain);
  }

  /** A CNAME at `qname`, or a DNAME above it (RFC 6672), validated; with the target. */
  private async redirection(
    qname: string, type: number, answerSets: readonly SignedRrset[], authority: readonly SignedRrset[],
  ): Promise<{ parts: PartResult[]; target: string } | { parts: PartResult[]; failure: true } | undefined> {
    if (type !== TYPE.DNAME) {
      const dname = answerSets.find((s) => s.type === TYPE.DNAME && isStrictSubdomainOf(qname, s.name));
      if (dname) {
        const part = await this.parts.validateRrset(dname, authority, type);
        const target = dnameTarget(qname, dname);
        if (target === undefined) return { parts: [part, { verdict: bogus(`DNAME ${dname.name} cannot be applied to ${qname}`) }], failure: true };
        return { parts: [part], target };
      }
    }
    if (type === TYPE.CNAME) return undefined;
    const cname = findRrset(answerSets, qname, TYPE.CNAME);
    if (!cname) return undefined;
    const part = await this.parts.validateRrset(cname, authority, type);
    let target: string;
    try {
      target = decodeNameRdata(cname.records[0]!.rdata, "CNAME");
    } catch (e) {
      return { parts: [part, { verdict: bogus(`malformed CNAME at ${qname}: ${(e as Error).message}`) }], failure: true };
    }
    if (cname.records.length > 1) return { parts: [part, { verdict: bogus(`more than one CNAME at ${qname}`) }], failure: true };
    return { parts: [part], target };
  }
}

/** The name a DNAME maps `qname` to: its labels below the DNAME owner, under the target. */
function dnameTarget(qname: string, dname: SignedRrset): string | undefined {
  try {
    const target = decodeNameRdata(dname.records[0]!.rdata, "DNAME");
    const prefix = nameToLabels(qname).slice(0, labelCount(qname) - labelCount(dname.name));
    const labels = [...prefix, ...nameToLabels(target)];
    if (labels.reduce((n, l) => n + l.length + 1, 1) > 255) return undefined;
    return labelsToName(labels);
  } catch {
    return undefined;
  }
}

/** Does the message say anything about `name`: an RRset there, a DNAME above, or a negative answer? */
function mentions(answerSets: readonly SignedRrset[], authority: readonly SignedRrset[], name: string): boolean {
  if (answerSets.some((s) => namesEqual(s.name, name) || (s.type === TYPE.DNAME && isStrictSubdomainOf(name, s.name)))) return true;
  // A negative answer for the end of the chain comes with the zone's SOA and denial records.
  return authority.some((s) => (s.type === TYPE.SOA || s.type === TYPE.NSEC || s.type === TYPE.NSEC3) && isSubdomainOf(name, zoneOfDenial(s)));
}

/** The zone a SOA/NSEC/NSEC3 speaks for: its signer, or its owner's zone by type. */
function zoneOfDenial(set: SignedRrset): string {
  const signer = set.rrsigs[0]?.data.signerName;
  if (signer !== undefined) return signer;
  if (set.type === TYPE.SOA) return set.name;
  return set.type === TYPE.NSEC3 ? labelsToName(nameToLabels(set.name).slice(1)) : ".";
}

function rcodeNameOf(rcode: number): string {
  return ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"][rcode] ?? `RCODE${rcode}`;
}

/** Folds the parts into one result: the weakest part decides the verdict and the reason. */
function assemble(parts: readonly PartResult[], rcode: number, answers: ResourceRecord[], cnameChain: string[]): ValidationResult {
  let security: Security = "secure";
  for (const p of parts) security = weakerOf(security, p.verdict.security);
  const decisive: Verdict = parts.find((p) => p.verdict.security === security)?.verdict ?? bogus("nothing to validate");
  const chain = mergeChains(parts);
  const deprecated = [...new Set(chain.filter((l) => l.security === "secure").flatMap((l) => l.algorithms))]
    .filter((a) => dnskeyAlgorithm(a)?.deprecated)
    .sort((a, b) => a - b);
  const reason = security === "secure"
    ? parts.map((p) => p.verdict.reason).filter((r) => r !== "").join("; ")
    : decisive.reason;
  return {
    security,
    ...(decisive.ede && security !== "secure" ? { ede: decisive.ede } : {}),
    reason,
    rcode,
    answers,
    cnameChain,
    chain,
    ...(security === "insecure" && decisive.unsupportedAlgorithm ? { unsupportedAlgorithm: true } : {}),
    ...(deprecated.length > 0 ? { deprecatedAlgorithms: deprecated } : {}),
  };
}

function mergeChains(parts: readonly PartResult[]): ChainLink[] {
  const out: ChainLink[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    for (const link of p.entry?.chain ?? []) {
      const key = `${normaliseName(link.zone)}/${link.security}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(link);
    }
  }
  return out;
}
