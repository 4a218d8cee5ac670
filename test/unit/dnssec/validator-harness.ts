// Test harness for the validator: a small signed DNS tree built with signer.ts, served by an
// in-memory fake of a recursive resolver asked with DO=1, CD=1 (it answers from the zones
// as an authoritative server would, chases CNAMEs, synthesises wildcards, and adds the
// NSEC/NSEC3 records a real server would send). No network.

import type { DnsLookup, DnsOutcome } from "../../../src/dns/client-types.ts";
import type { DnsMessage, ResourceRecord } from "../../../src/dns/message.ts";
import {
  compareCanonical, isSubdomainOf, labelCount, labelsToName, namesEqual, nameToLabels, normaliseName, parentName,
} from "../../../src/dns/name.ts";
import { decodeNSEC, decodeNSEC3, decodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { decodeNameRdata, TYPE } from "../../../src/dns/rdata.ts";
import { parseZoneText } from "../../../src/dns/zonefile.ts";
import { base32hexDecode } from "../../../src/dns/base32hex.ts";
import { nsec3Hash } from "../../../src/dnssec/nsec3-hash.ts";
import { dsRecordFor, generateSigningKey, signRrset, signZone } from "../../../src/dnssec/signer.ts";
import type { DenialOptions, SigningKey } from "../../../src/dnssec/signer.ts";

export const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z
export const DAY = 86400;

export interface ZoneSpec {
  origin: string;
  /** Zone-file text, relative to the origin; SOA and NS at the apex are added if missing. */
  text?: string;
  /** Unsigned zones get no keys and no DS in the parent. */
  signed?: boolean;
  algorithm?: number;
  rsaBits?: number;
  denial?: DenialOptions;
  inception?: number;
  expiration?: number;
  /** DS digest type in the parent (default 2, SHA-256). */
  dsDigest?: number;
  /** Replaces the DS records the parent gets for this zone. */
  dsOverride?: (ds: ResourceRecord[]) => ResourceRecord[];
  /** Changes the signed records (tamper with signatures, drop records...). */
  postSign?: (records: ResourceRecord[]) => ResourceRecord[];
}

/** Keys are expensive to make (RSA especially): reuse one pair per algorithm and size. */
const keyPool = new Map<string, { ksk: SigningKey; zsk: SigningKey }>();

function keysFor(algorithm: number, rsaBits?: number): { ksk: SigningKey; zsk: SigningKey } {
  const id = `${algorithm}/${rsaBits ?? ""}`;
  let keys = keyPool.get(id);
  if (!keys) {
    const opts = rsaBits ? { rsaBits } : {};
    keys = { ksk: generateSigningKey(algorithm, { ksk: true, ...opts }), zsk: generateSigningKey(algorithm, { ksk: false, ...opts }) };
    keyPool.set(id, keys);
  }
  return keys;
}

export interface World {
  lookup: FakeResolver;
  /** DS records for the root (trust anchors). */
  rootAnchors: ResourceRecord[];
  zones: Map<string, ResourceRecord[]>;
}

/** Builds and signs the zones, children before parents so parents get their DS. */
export function buildWorld(specs: readonly ZoneSpec[]): World {
  const sorted = [...specs].sort((a, b) => labelCount(b.origin) - labelCount(a.origin));
  const dsFor = new Map<string, ResourceRecord[]>();
  const zones = new Map<string, ResourceRecord[]>();
  let rootAnchors: ResourceRecord[] = [];
  for (const spec of sorted) {
    const origin = spec.origin;
    let records = parseZoneText(spec.text ?? "", { origin, defaultTtl: 3600 });
    const apexHas = (type: number) => records.some((r) => r.type === type && namesEqual(r.name, origin));
    const head: string[] = [];
    if (!apexHas(TYPE.SOA)) head.push(`@ 3600 IN SOA ns1.${origin === "." ? "" : origin + "."} hostmaster.${origin === "." ? "" : origin + "."} 1 7200 3600 1209600 300`);
    if (!apexHas(TYPE.NS)) head.push(`@ 3600 IN NS ns1.${origin === "." ? "" : origin + "."}`);
    records = [...parseZoneText(head.join("\n"), { origin, defaultTtl: 3600 }), ...records];
    // Delegations to the child zones in the spec list.
    for (const child of specs) {
      if (child.origin === origin || !isSubdomainOf(child.origin, origin)) continue;
      const closerParent = specs.some((p) => p.origin !== origin && p.origin !== child.origin &&
        isSubdomainOf(child.origin, p.origin) && isSubdomainOf(p.origin, origin));
      if (closerParent) continue;
      records.push({ name: child.origin, type: TYPE.NS, class: 1, ttl: 3600, rdata: nameWire(`ns1.${child.origin}`) });
      records.push(...(dsFor.get(child.origin) ?? []));
    }
    if (spec.signed === false) {
      zones.set(normaliseName(origin), records);
      continue;
    }
    const algorithm = spec.algorithm ?? 13;
    const keys = keysFor(algorithm, spec.rsaBits);
    let signed = signZone(origin, records, { ksk: [keys.ksk], zsk: [keys.zsk] }, {
      inception: spec.inception ?? NOW - DAY,
      expiration: spec.expiration ?? NOW + 30 * DAY,
      denial: spec.denial ?? { kind: "nsec" },
    });
    if (spec.postSign) signed = spec.postSign(signed);
    zones.set(normaliseName(origin), signed);
    let ds = [dsRecordFor(origin, keys.ksk, spec.dsDigest ?? 2)];
    if (spec.dsOverride) ds = spec.dsOverride(ds);
    if (origin === ".") rootAnchors = ds;
    else dsFor.set(normaliseName(origin), ds);
  }
  return { lookup: new FakeResolver(zones), rootAnchors, zones };
}

function nameWire(name: string): Uint8Array {
  const labels = nameToLabels(name);
  const out: number[] = [];
  for (const l of labels) out.push(l.length, ...l);
  out.push(0);
  return Uint8Array.from(out);
}

export interface LoggedQuery {
  name: string;
  type: number;
}

type Answer = { rcode: number; answers: ResourceRecord[]; authorities: ResourceRecord[] };

/** A fake recursive resolver: answers from the zones, like authoritative data passed through with CD=1. */
export class FakeResolver implements DnsLookup {
  readonly zones: Map<string, ResourceRecord[]>;
  readonly log: LoggedQuery[] = [];
  /** "name/type" (lower case, type number) → failure to return instead of an answer. */
  readonly failures = new Map<string, "timeout" | "servfail">();
  /** Rewrites an answer before it is returned (to strip or forge records). */
  rewrite?: (name: string, type: number, answer: Answer) => Answer;

  constructor(zones: Map<string, ResourceRecord[]>) {
    this.zones = zones;
  }

  async query(name: string, type: number): Promise<DnsOutcome> {
    this.log.push({ name, type });
    const failure = this.failures.get(`${normaliseName(name)}/${type}`);
    if (failure === "timeout") {
      return { ok: false, error: { code: "timeout", message: "no answer within 5000 ms", attempts: [] } };
    }
    let answer = failure === "servfail" ? { rcode: 2, answers: [], authorities: [] } : this.resolve(name, type, 0);
    if (this.rewrite) answer = this.rewrite(name, type, answer);
    const message: DnsMessage = {
      id: 1, flags: { qr: true, opcode: 0, aa: false, tc: false, rd: true, ra: true, ad: false, cd: true },
      rcode: answer.rcode, questions: [{ name, type, class: 1 }], answers: answer.answers, authorities: answer.authorities, additionals: [],
    };
    return { ok: true, answer: { message, server: { address: "127.0.0.1", port: 53 } as never, transport: "udp", rttMs: 1, fromCache: false } };
  }

  /** The zone that answers: the deepest loaded zone at or above the name (strictly above for DS). */
  private zoneFor(name: string, type: number): string | undefined {
    let best: string | undefined;
    for (const origin of this.zones.keys()) {
      if (!isSubdomainOf(name, origin)) continue;
      if (type === TYPE.DS && namesEqual(name, origin) && origin !== ".") continue;
      if (best === undefined || labelCount(origin) > labelCount(best)) best = origin;
    }
    return best;
  }

  resolve(name: string, type: number, depth: number): Answer {
    const origin = this.zoneFor(name, type);
    if (origin === undefined) return { rcode: 5, answers: [], authorities: [] };
    const zone = new ZoneView(origin, this.zones.get(origin)!);
    const dname = zone.dnameAbove(name);
    if (dname && type !== TYPE.DNAME) {
      // RFC 6672: the DNAME with its signatures, a synthesised (unsigned) CNAME, then the target.
      const dnameRecord = dname.find((r) => r.type === TYPE.DNAME)!;
      const prefix = nameToLabels(name).slice(0, labelCount(name) - labelCount(dnameRecord.name));
      const target = labelsToName([...prefix, ...nameToLabels(decodeNameRdata(dnameRecord.rdata))]);
      const cname: ResourceRecord = { name, type: TYPE.CNAME, class: 1, ttl: dnameRecord.ttl, rdata: nameWire(target) };
      const rest = depth > 10 ? { rcode: 2, answers: [], authorities: [] } : this.resolve(target, type, depth + 1);
      return { rcode: rest.rcode, answers: [...dname, cname, ...rest.answers], authorities: rest.authorities };
    }
    const node = zone.node(name);
    if (node.length > 0 && !node.every((r) => r.type === TYPE.NSEC3 || (r.type === TYPE.RRSIG && decodeRRSIG(r.rdata).typeCovered === TYPE.NSEC3))) {
      const rrset = zone.rrsetWithSigs(name, type);
      if (rrset.length > 0) return { rcode: 0, answers: rrset, authorities: [] };
      const cname = zone.rrsetWithSigs(name, TYPE.CNAME);
      if (cname.length > 0 && type !== TYPE.CNAME) {
        const target = decodeNameRdata(cname.find((r) => r.type === TYPE.CNAME)!.rdata);
        if (depth > 10) return { rcode: 2, answers: [], authorities: [] };
        const rest = this.resolve(target, type, depth + 1);
        return { rcode: rest.rcode, answers: [...cname, ...rest.answers], authorities: rest.authorities };
      }
      return { rcode: 0, answers: [], authorities: [...zone.soa(), ...zone.nodataProof(name, type)] };
    }
    if (zone.hasNamesBelow(name)) {
      return { rcode: 0, answers: [], authorities: [...zone.soa(), ...zone.nodataProof(name, type)] };
    }
    const wildcard = zone.wildcardFor(name);
    if (wildcard) {
      const synthesized = zone.rrsetWithSigs(wildcard, type).map((r) => ({ ...r, name }));
      if (synthesized.length > 0) return { rcode: 0, answers: synthesized, authorities: zone.wildcardAnswerProof(name, wildcard) };
      const cname = zone.rrsetWithSigs(wildcard, TYPE.CNAME).map((r) => ({ ...r, name }));
      if (cname.length > 0 && type !== TYPE.CNAME) {
        const target = decodeNameRdata(cname.find((r) => r.type === TYPE.CNAME)!.rdata);
        const rest = depth > 10 ? { rcode: 2, answers: [], authorities: [] } : this.resolve(target, type, depth + 1);
        return { rcode: rest.rcode, answers: [...cname, ...rest.answers], authorities: [...zone.wildcardAnswerProof(name, wildcard), ...rest.authorities] };
      }
      return { rcode: 0, answers: [], authorities: [...zone.soa(), ...zone.nodataProof(name, type, wildcard)] };
    }
    return { rcode: 3, answers: [], authorities: [...zone.soa(), ...zone.nxdomainProof(name)] };
  }
}

/** Lookups inside one zone's records. */
class ZoneView {
  readonly origin: string;
  readonly records: ResourceRecord[];

  constructor(origin: string, records: ResourceRecord[]) {
    this.origin = origin;
    this.records = records;
  }

  node(name: string): ResourceRecord[] {
    return this.records.filter((r) => namesEqual(r.name, name));
  }

  rrsetWithSigs(name: string, type: number): ResourceRecord[] {
    const set = this.records.filter((r) => namesEqual(r.name, name) && r.type === type);
    if (set.length === 0) return [];
    const sigs = this.records.filter((r) => namesEqual(r.name, name) && r.type === TYPE.RRSIG && decodeRRSIG(r.rdata).typeCovered === type);
    return [...set, ...sigs];
  }

  /** The DNAME RRset (with RRSIGs) at a strict ancestor of `name` inside the zone, if any. */
  dnameAbove(name: string): ResourceRecord[] | undefined {
    for (let n = name; !namesEqual(n, this.origin) && n !== "."; ) {
      n = parentName(n);
      const set = this.rrsetWithSigs(n, TYPE.DNAME);
      if (set.length > 0) return set;
    }
    return undefined;
  }

  soa(): ResourceRecord[] {
    return this.rrsetWithSigs(this.origin, TYPE.SOA);
  }

  hasNamesBelow(name: string): boolean {
    return this.records.some((r) => r.type !== TYPE.NSEC3 && !isNsec3Sig(r) && isSubdomainOf(r.name, name) && !namesEqual(r.name, name));
  }

  /** The closest encloser of a name that does not exist (the longest existing ancestor). */
  closestEncloser(name: string): string {
    for (let n = parentName(name); ; n = parentName(n)) {
      if (this.exists(n) || namesEqual(n, this.origin)) return n;
    }
  }

  private exists(name: string): boolean {
    return this.records.some((r) => r.type !== TYPE.NSEC3 && !isNsec3Sig(r) && isSubdomainOf(r.name, name));
  }

  wildcardFor(name: string): string | undefined {
    const ce = this.closestEncloser(name);
    const wc = ce === "." ? "*" : `*.${ce}`;
    return this.node(wc).length > 0 ? wc : undefined;
  }

  private nsecs(): { owner: string; next: string }[] {
    return this.records.filter((r) => r.type === TYPE.NSEC).map((r) => ({ owner: r.name, next: decodeNSEC(r.rdata).nextDomainName }));
  }

  private nsec3params(): { salt: Uint8Array; iterations: number } | undefined {
    const r = this.records.find((x) => x.type === TYPE.NSEC3);
    if (!r) return undefined;
    const d = decodeNSEC3(r.rdata);
    return { salt: d.salt, iterations: d.iterations };
  }

  /** The NSEC matching or covering a name. */
  private nsecFor(name: string): ResourceRecord[] {
    for (const n of this.nsecs()) {
      const wraps = compareCanonical(n.owner, n.next) >= 0;
      const matches = namesEqual(n.owner, name);
      const covers = wraps
        ? compareCanonical(n.owner, name) < 0 || compareCanonical(name, n.next) < 0
        : compareCanonical(n.owner, name) < 0 && compareCanonical(name, n.next) < 0;
      if (matches || covers) return this.rrsetWithSigs(n.owner, TYPE.NSEC);
    }
    return [];
  }

  private nsec3Match(name: string): ResourceRecord[] {
    const p = this.nsec3params();
    if (!p) return [];
    const h = nsec3Hash(name, p.salt, p.iterations);
    for (const r of this.records.filter((x) => x.type === TYPE.NSEC3)) {
      if (Buffer.compare(ownerHash(r.name), h) === 0) return this.rrsetWithSigs(r.name, TYPE.NSEC3);
    }
    return [];
  }

  private nsec3Cover(name: string): ResourceRecord[] {
    const p = this.nsec3params();
    if (!p) return [];
    const h = nsec3Hash(name, p.salt, p.iterations);
    for (const r of this.records.filter((x) => x.type === TYPE.NSEC3)) {
      const owner = ownerHash(r.name);
      const next = decodeNSEC3(r.rdata).nextHashedOwner;
      const covers = Buffer.compare(owner, next) < 0
        ? Buffer.compare(owner, h) < 0 && Buffer.compare(h, next) < 0
        : Buffer.compare(h, owner) > 0 || Buffer.compare(h, next) < 0;
      if (covers) return this.rrsetWithSigs(r.name, TYPE.NSEC3);
    }
    return [];
  }

  private closestEncloserProof(name: string): ResourceRecord[] {
    const ce = this.closestEncloserByNsec3(name);
    const nc = labelsToName(nameToLabels(name).slice(labelCount(name) - labelCount(ce) - 1));
    return [...this.nsec3Match(ce), ...this.nsec3Cover(nc)];
  }

  private closestEncloserByNsec3(name: string): string {
    for (let n = parentName(name); ; n = parentName(n)) {
      if (this.nsec3Match(n).length > 0 || namesEqual(n, this.origin)) return n;
    }
  }

  nxdomainProof(name: string): ResourceRecord[] {
    const ce = this.closestEncloser(name);
    const wc = ce === "." ? "*" : `*.${ce}`;
    if (this.nsec3params()) {
      const ce3 = this.closestEncloserByNsec3(name);
      return dedupe([...this.closestEncloserProof(name), ...this.nsec3Cover(ce3 === "." ? "*" : `*.${ce3}`)]);
    }
    return dedupe([...this.nsecFor(name), ...this.nsecFor(wc)]);
  }

  nodataProof(name: string, _type: number, wildcard?: string): ResourceRecord[] {
    if (this.nsec3params()) {
      const match = this.nsec3Match(wildcard ?? name);
      if (match.length > 0) return dedupe([...match, ...(wildcard ? this.closestEncloserProof(name) : [])]);
      return dedupe(this.closestEncloserProof(name)); // opt-out
    }
    return dedupe([...this.nsecFor(wildcard ?? name), ...(wildcard ? this.nsecFor(name) : [])]);
  }

  wildcardAnswerProof(name: string, wildcard: string): ResourceRecord[] {
    if (this.nsec3params()) {
      const ce = parentName(wildcard);
      const nc = labelsToName(nameToLabels(name).slice(labelCount(name) - labelCount(ce) - 1));
      return this.nsec3Cover(nc);
    }
    return this.nsecFor(name);
  }
}

function isNsec3Sig(r: ResourceRecord): boolean {
  return r.type === TYPE.RRSIG && decodeRRSIG(r.rdata).typeCovered === TYPE.NSEC3;
}

function ownerHash(owner: string): Uint8Array {
  return base32hexDecode(Buffer.from(nameToLabels(owner)[0]!).toString("latin1"));
}

function dedupe(records: ResourceRecord[]): ResourceRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = `${normaliseName(r.name)}/${r.type}/${Buffer.from(r.rdata).toString("hex")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops the RRSIGs covering `type` at `name` (or all RRSIGs at name if type is omitted). */
export function withoutSigs(name: string, type?: number): (records: ResourceRecord[]) => ResourceRecord[] {
  return (records) => records.filter((r) => !(r.type === TYPE.RRSIG && namesEqual(r.name, name) &&
    (type === undefined || decodeRRSIG(r.rdata).typeCovered === type)));
}

/** Flips a bit in the signature of the RRSIGs covering `type` at `name`. */
export function tamperSigs(name: string, type: number): (records: ResourceRecord[]) => ResourceRecord[] {
  return (records) => records.map((r) => {
    if (r.type !== TYPE.RRSIG || !namesEqual(r.name, name) || decodeRRSIG(r.rdata).typeCovered !== type) return r;
    const rdata = Uint8Array.from(r.rdata);
    rdata[rdata.length - 5]! ^= 0x01;
    return { ...r, rdata };
  });
}

/** Removes all NSEC and NSEC3 records (and their RRSIGs) from an answer's authority section. */
export function stripDenial(answer: Answer): Answer {
  return {
    ...answer,
    authorities: answer.authorities.filter((r) => r.type !== TYPE.NSEC && r.type !== TYPE.NSEC3 &&
      !(r.type === TYPE.RRSIG && [TYPE.NSEC, TYPE.NSEC3].includes(decodeRRSIG(r.rdata).typeCovered))),
  };
}

/** Re-signs the RRset at `name`/`type` with another validity window (keys of `algorithm`). */
export function resign(name: string, type: number, window: { inception: number; expiration: number }, algorithm = 13, signerName?: string):
  (records: ResourceRecord[]) => ResourceRecord[] {
  return (records) => {
    const rrset = records.filter((r) => r.type === type && namesEqual(r.name, name));
    const old = records.find((r) => r.type === TYPE.RRSIG && namesEqual(r.name, name) && decodeRRSIG(r.rdata).typeCovered === type);
    const signer = signerName ?? (old ? decodeRRSIG(old.rdata).signerName : name);
    const keys = keysFor(algorithm);
    const key = type === TYPE.DNSKEY ? keys.ksk : keys.zsk;
    const fresh = signRrset(rrset, key, { signerName: signer, ...window });
    return [...withoutSigs(name, type)(records), fresh];
  };
}
