// Authoritative answers from one zone (RFC 1034 4.3.2) with DNSSEC records when the query
// has DO=1 (RFC 4035 3.1): exact matches, CNAMEs followed inside the zone, wildcards with the
// proof that no closer name exists, referrals at zone cuts (NS, glue, DS or the proof that
// there is none), DS answered from the parent side, NXDOMAIN and NODATA with SOA and proofs.
// Pure functions over a ZoneIndex: no sockets, no clock.

import type { ResourceRecord } from "../dns/message.ts";
import { isSubdomainOf, labelsToName, nameToLabels, normaliseName } from "../dns/name.ts";
import { decodeNameRdata, TYPE } from "../dns/rdata.ts";
import { RCODE } from "../dns/rr-types.ts";
import { wildcardAt } from "../dnssec/proof-names.ts";
import {
  closestEncloser, nameErrorProof, noDataProof, noDsProof, wildcardAnswerProof, wildcardNoDataProof,
} from "./denial-proofs.ts";
import type { RRset, ZoneIndex } from "./zone-index.ts";

const TYPE_ANY = 255;
/** CNAMEs followed inside one zone before giving up (loops end here too). */
const MAX_CNAME_HOPS = 8;

export type ZoneAnswerKind = "answer" | "referral" | "nodata" | "nxdomain";

export interface ZoneAnswer {
  kind: ZoneAnswerKind;
  rcode: number;
  /** AA: everything but a referral. */
  authoritative: boolean;
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  additionals: ResourceRecord[];
  /** Set when the answer ends in a CNAME this zone cannot follow (another zone, a cut, a loop). */
  cnameTarget?: string;
  /** For a referral: the zone cut it points to. */
  delegation?: string;
}

function withSigs(set: RRset, dnssecOk: boolean): ResourceRecord[] {
  return dnssecOk ? [...set.records, ...set.sigs] : [...set.records];
}

/** The records of a wildcard RRset, renamed to the name they answer (RFC 4592 / RFC 4035 5.3.4). */
function expanded(set: RRset, owner: string, dnssecOk: boolean): ResourceRecord[] {
  return withSigs(set, dnssecOk).map((rr) => ({ ...rr, name: owner }));
}

function proofRecords(sets: readonly RRset[], dnssecOk: boolean): ResourceRecord[] {
  return dnssecOk ? sets.flatMap((s) => withSigs(s, true)) : [];
}

function soaRecords(zone: ZoneIndex, dnssecOk: boolean): ResourceRecord[] {
  const soa = zone.rrset(zone.origin, TYPE.SOA);
  return soa ? withSigs(soa, dnssecOk) : [];
}

/** The zone cut at or above `name` (below the apex) that a query must be referred to, if any. */
function findCut(zone: ZoneIndex, name: string, qtype: number): string | undefined {
  if (zone.delegations.size === 0) return undefined;
  const labels = nameToLabels(name);
  const below = labels.length - nameToLabels(zone.origin).length;
  for (let i = below - 1; i >= 0; i--) {
    const candidate = labelsToName(labels.slice(i));
    if (!zone.delegations.has(candidate)) continue;
    // DS lives on the parent side of the cut (RFC 4035 3.1.4.1): answer it here.
    if (i === 0 && qtype === TYPE.DS) return undefined;
    return candidate;
  }
  return undefined;
}

/** A/AAAA for the name servers of a referral, when this zone has them (glue, or in-zone hosts). */
function glueFor(zone: ZoneIndex, ns: RRset): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (const rr of ns.records) {
    const host = normaliseName(decodeNameRdata(rr.rdata, "NS"));
    if (!isSubdomainOf(host, zone.origin)) continue;
    for (const type of [TYPE.A, TYPE.AAAA]) out.push(...(zone.rrset(host, type)?.records ?? []));
  }
  return out;
}

function referral(zone: ZoneIndex, cut: string, dnssecOk: boolean): ZoneAnswer {
  const ns = zone.rrset(cut, TYPE.NS)!;
  const authorities: ResourceRecord[] = [...ns.records];
  if (dnssecOk && zone.signed) {
    const ds = zone.rrset(cut, TYPE.DS);
    authorities.push(...(ds ? withSigs(ds, true) : proofRecords(noDsProof(zone, cut), true)));
  }
  return {
    kind: "referral", rcode: RCODE.NOERROR, authoritative: false, answers: [], authorities,
    additionals: glueFor(zone, ns), delegation: cut,
  };
}

interface Step {
  answer: ZoneAnswer;
  /** The CNAME target to look up next, when the step ended in a CNAME. */
  next?: string;
}

function positive(answers: ResourceRecord[], authorities: ResourceRecord[] = []): ZoneAnswer {
  return { kind: "answer", rcode: RCODE.NOERROR, authoritative: true, answers, authorities, additionals: [] };
}

function negative(kind: "nodata" | "nxdomain", zone: ZoneIndex, proofs: RRset[], dnssecOk: boolean): ZoneAnswer {
  return {
    kind, rcode: kind === "nxdomain" ? RCODE.NXDOMAIN : RCODE.NOERROR, authoritative: true, answers: [],
    authorities: [...soaRecords(zone, dnssecOk), ...proofRecords(proofs, dnssecOk)], additionals: [],
  };
}

/** Answers from the RRsets at one owner (an exact match, or a wildcard standing in for `qname`). */
function fromNode(
  zone: ZoneIndex, node: ReadonlyMap<number, RRset>, qname: string, qtype: number, dnssecOk: boolean,
  wildcardEncloser?: string,
): Step {
  const records = (set: RRset) => (wildcardEncloser === undefined ? withSigs(set, dnssecOk) : expanded(set, qname, dnssecOk));
  const proof = wildcardEncloser === undefined ? [] : proofRecords(wildcardAnswerProof(zone, qname, wildcardEncloser), dnssecOk);
  if (qtype === TYPE_ANY) {
    return { answer: positive([...node.values()].flatMap(records), proof) };
  }
  const set = node.get(qtype);
  if (set) return { answer: positive(records(set), proof) };
  const cname = node.get(TYPE.CNAME);
  if (cname && qtype !== TYPE.CNAME) {
    const target = decodeNameRdata(cname.records[0]!.rdata, "CNAME");
    return { answer: positive(records(cname), proof), next: target };
  }
  if (wildcardEncloser !== undefined) {
    return { answer: negative("nodata", zone, wildcardNoDataProof(zone, qname, wildcardEncloser), dnssecOk) };
  }
  return { answer: negative("nodata", zone, noDataProof(zone, normaliseName(qname)), dnssecOk) };
}

/** One name, no CNAME following. */
function lookupOnce(zone: ZoneIndex, qname: string, qtype: number, dnssecOk: boolean): Step {
  const name = normaliseName(qname);
  const cut = findCut(zone, name, qtype);
  if (cut) return { answer: referral(zone, cut, dnssecOk) };
  const node = zone.nodes.get(name);
  if (node) return fromNode(zone, node, qname, qtype, dnssecOk);
  if (zone.existing.has(name)) {
    // An empty non-terminal: it exists, with no data (RFC 4592 2.2.2).
    return { answer: negative("nodata", zone, noDataProof(zone, name), dnssecOk) };
  }
  const encloser = closestEncloser(zone, name);
  const wildcard = zone.nodes.get(wildcardAt(encloser));
  if (wildcard) return fromNode(zone, wildcard, qname, qtype, dnssecOk, encloser);
  return { answer: negative("nxdomain", zone, nameErrorProof(zone, name), dnssecOk) };
}

function appendUnique(into: ResourceRecord[], records: readonly ResourceRecord[]): void {
  for (const rr of records) {
    const dup = into.some((x) => x.type === rr.type && x.name === rr.name && Buffer.compare(x.rdata, rr.rdata) === 0);
    if (!dup) into.push(rr);
  }
}

/**
 * The authoritative answer of `zone` to a question for a name at or below its origin.
 * CNAMEs are followed while their targets stay in this zone (RFC 1034 4.3.2 step 3a).
 */
export function answerFromZone(zone: ZoneIndex, qname: string, qtype: number, dnssecOk: boolean): ZoneAnswer {
  if (!isSubdomainOf(qname, zone.origin)) throw new Error(`${qname} is not in zone ${zone.origin}`);
  const answers: ResourceRecord[] = [];
  const authorities: ResourceRecord[] = [];
  const visited = new Set<string>();
  let name = qname;
  for (let hop = 0; ; hop++) {
    visited.add(normaliseName(name));
    const { answer, next } = lookupOnce(zone, name, qtype, dnssecOk);
    answers.push(...answer.answers);
    appendUnique(authorities, answer.authorities);
    const done = { ...answer, answers, authorities };
    if (next === undefined) {
      // A referral reached through a CNAME still answers with the CNAME: the rest is elsewhere.
      if (answer.kind === "referral" && hop > 0) return { ...done, cnameTarget: name };
      return done;
    }
    const leaves = !isSubdomainOf(next, zone.origin) || visited.has(normaliseName(next)) || hop >= MAX_CNAME_HOPS;
    if (leaves) return { ...done, cnameTarget: next };
    name = next;
  }
}

// ---- which zone answers -------------------------------------------------------------------

/** The zones one server (or the whole world) can answer from, by normalised origin. */
export interface ZoneCatalogue {
  has(origin: string): boolean;
  /** May build the zone on first use (signing is lazy). */
  get(origin: string): ZoneIndex;
}

/**
 * The zone that should answer `qname`: the deepest one containing it, except that DS for a
 * zone's own apex comes from the parent side when the parent is there too (RFC 4035 3.1.4.1).
 */
export function findAnsweringZone(zones: ZoneCatalogue, qname: string, qtype: number): string | undefined {
  const labels = nameToLabels(normaliseName(qname));
  for (let i = 0; i <= labels.length; i++) {
    const origin = labelsToName(labels.slice(i));
    if (!zones.has(origin)) continue;
    if (i === 0 && qtype === TYPE.DS && labels.length > 0) {
      const parent = findAnsweringZone(zones, labelsToName(labels.slice(1)), TYPE.SOA);
      return parent ?? origin;
    }
    return origin;
  }
  return undefined;
}
