// Signs a whole zone the way an authoritative signer does (RFC 4035 section 2, RFC 5155
// section 7.1): DNSKEY RRset at the apex, an NSEC or NSEC3 chain, and RRSIGs over every
// authoritative RRset with every algorithm in the DNSKEY RRset. Delegation NS RRsets and
// glue are not authoritative and stay unsigned; DS at a delegation is signed.

import type { ResourceRecord } from "../dns/message.ts";
import { compareCanonical, isSubdomainOf, labelsToName, nameToLabels, parentName } from "../dns/name.ts";
import { decodeSOA } from "../dns/rdata.ts";
import { encodeNSEC, encodeNSEC3, encodeNSEC3PARAM, NSEC3_FLAG_OPT_OUT } from "../dns/rdata-dnssec.ts";
import { typeNumber } from "../dns/rr-types.ts";
import { nsec3Hash, nsec3OwnerName, NSEC3_HASH_SHA1 } from "./nsec3-hash.ts";
import { signRrset } from "./signing-key.ts";
import type { SigningKey } from "./signing-key.ts";

export type DenialOptions =
  | { kind: "nsec" }
  | { kind: "nsec3"; iterations: number; salt: Uint8Array; optOut: boolean };

export interface SignZoneOptions {
  /** Signature validity window, Unix seconds. */
  inception: number;
  expiration: number;
  denial: DenialOptions;
}

export interface ZoneKeys {
  ksk: SigningKey[];
  zsk: SigningKey[];
}

const T = {
  NS: typeNumber("NS"), SOA: typeNumber("SOA"), DNAME: typeNumber("DNAME"), DS: typeNumber("DS"),
  RRSIG: typeNumber("RRSIG"), NSEC: typeNumber("NSEC"), DNSKEY: typeNumber("DNSKEY"),
  NSEC3: typeNumber("NSEC3"), NSEC3PARAM: typeNumber("NSEC3PARAM"),
};

/** Records a signer produces itself; any already in the input are replaced. */
const GENERATED_TYPES = new Set([T.RRSIG, T.NSEC, T.NSEC3, T.NSEC3PARAM]);

/** Lower-cased, uniformly escaped form of a name: the identity of a node. */
function nodeKey(name: string): string {
  return labelsToName(nameToLabels(name).map((label) => label.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b))));
}

interface Node {
  /** Owner name as first written in the input (case kept). */
  name: string;
  rrsets: Map<number, ResourceRecord[]>;
}

type NodeRole = "apex" | "authoritative" | "delegation" | "occluded";

/** Groups records into nodes (by lower-cased owner) and RRsets, one TTL per RRset (the lowest). */
function buildNodes(records: readonly ResourceRecord[]): Map<string, Node> {
  const nodes = new Map<string, Node>();
  for (const rr of records) {
    const key = nodeKey(rr.name);
    let node = nodes.get(key);
    if (!node) nodes.set(key, (node = { name: rr.name, rrsets: new Map() }));
    const set = node.rrsets.get(rr.type) ?? [];
    if (!set.some((o) => o.class === rr.class && Buffer.compare(o.rdata, rr.rdata) === 0)) set.push({ ...rr, name: node.name });
    node.rrsets.set(rr.type, set);
  }
  for (const node of nodes.values()) {
    for (const [type, set] of node.rrsets) {
      const ttl = Math.min(...set.map((rr) => rr.ttl));
      node.rrsets.set(type, set.map((rr) => ({ ...rr, ttl })));
    }
  }
  return nodes;
}

/** Apex, authoritative name, delegation point, or data below a zone cut or DNAME (not authoritative). */
function roleOf(key: string, apex: string, nodes: Map<string, Node>): NodeRole {
  if (key === apex) return "apex";
  for (let n = parentName(key); n !== apex && isSubdomainOf(n, apex); n = parentName(n)) {
    const ancestor = nodes.get(n);
    if (ancestor?.rrsets.has(T.NS) || ancestor?.rrsets.has(T.DNAME)) return "occluded";
  }
  return nodes.get(key)?.rrsets.has(T.NS) ? "delegation" : "authoritative";
}

/** Types present at a name as the parent side sees them (RFC 4034 4.1.2: only NS and DS at a cut). */
function authoritativeTypes(node: Node, role: NodeRole): number[] {
  const types = [...node.rrsets.keys()];
  return role === "delegation" ? types.filter((t) => t === T.NS || t === T.DS) : types;
}

/** Picks, per algorithm in the DNSKEY RRset, the keys that sign data and those that sign the DNSKEY RRset. */
function keysPerAlgorithm(keys: ZoneKeys): { data: SigningKey[]; dnskey: SigningKey[] } {
  const data: SigningKey[] = [];
  const dnskey: SigningKey[] = [];
  const algorithms = new Set([...keys.ksk, ...keys.zsk].map((k) => k.algorithm));
  // RFC 4035 2.2: every RRset must carry a signature of each algorithm in the DNSKEY RRset.
  for (const alg of algorithms) {
    const ksk = keys.ksk.filter((k) => k.algorithm === alg);
    const zsk = keys.zsk.filter((k) => k.algorithm === alg);
    data.push(...(zsk.length > 0 ? zsk : ksk));
    dnskey.push(...(ksk.length > 0 ? ksk : zsk));
  }
  return { data, dnskey };
}

function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort(compareCanonical);
}

function nsecChain(apex: string, nodes: Map<string, Node>, roles: Map<string, NodeRole>, ttl: number, klass: number): ResourceRecord[] {
  const names = sortedNames([...roles].filter(([, r]) => r !== "occluded").map(([k]) => k));
  return names.map((key, i) => {
    const node = nodes.get(key)!;
    const next = names[(i + 1) % names.length] ?? apex;
    // The next name is written in lower case, so validators that (wrongly, per RFC 6840 5.1)
    // lower-case NSEC RDATA agree with those that do not.
    const types = [...authoritativeTypes(node, roles.get(key)!), T.NSEC, T.RRSIG];
    return { name: node.name, type: T.NSEC, class: klass, ttl, rdata: encodeNSEC({ nextDomainName: next, types }) };
  });
}

function nsec3Chain(
  apex: string, apexName: string, nodes: Map<string, Node>, roles: Map<string, NodeRole>,
  denial: Extract<DenialOptions, { kind: "nsec3" }>, ttl: number, klass: number,
): ResourceRecord[] {
  // Names in the chain: authoritative names, delegations unless opted out (insecure ones only),
  // and the empty non-terminals above them (RFC 5155 7.1).
  const included = new Map<string, number[]>();
  for (const [key, role] of roles) {
    if (role === "occluded") continue;
    const node = nodes.get(key)!;
    const hasDs = node.rrsets.has(T.DS);
    if (role === "delegation" && !hasDs && denial.optOut) continue;
    const types = authoritativeTypes(node, role);
    const signed = role !== "delegation" || hasDs;
    if (role === "apex") types.push(T.NSEC3PARAM);
    included.set(key, signed ? [...types, T.RRSIG] : types);
  }
  for (const key of [...included.keys()]) {
    for (let n = key; n !== apex; ) {
      n = parentName(n);
      if (!included.has(n) && !nodes.has(n)) included.set(n, []);
    }
  }
  const hashed = [...included].map(([key, types]) => ({ hash: nsec3Hash(key, denial.salt, denial.iterations), key, types }));
  hashed.sort((a, b) => Buffer.compare(a.hash, b.hash));
  for (let i = 1; i < hashed.length; i++) {
    if (Buffer.compare(hashed[i - 1]!.hash, hashed[i]!.hash) === 0) {
      throw new Error(`NSEC3 hash collision between ${hashed[i - 1]!.key} and ${hashed[i]!.key}; change the salt`);
    }
  }
  const flags = denial.optOut ? NSEC3_FLAG_OPT_OUT : 0;
  return hashed.map((h, i) => ({
    name: nsec3OwnerName(h.key, apexName, denial.salt, denial.iterations),
    type: T.NSEC3,
    class: klass,
    ttl,
    rdata: encodeNSEC3({
      hashAlgorithm: NSEC3_HASH_SHA1, flags, iterations: denial.iterations, salt: denial.salt,
      nextHashedOwner: hashed[(i + 1) % hashed.length]!.hash, types: h.types,
    }),
  }));
}

/**
 * Signs the zone `origin` holding `records` (SOA required; existing RRSIG/NSEC/NSEC3/
 * NSEC3PARAM are dropped and regenerated). Returns all records, grouped by owner in
 * canonical order with each RRset followed by its RRSIGs; NSEC3 records come last.
 */
export function signZone(origin: string, records: readonly ResourceRecord[], keys: ZoneKeys, opts: SignZoneOptions): ResourceRecord[] {
  const apex = nodeKey(origin);
  const allKeys = [...keys.ksk, ...keys.zsk];
  if (allKeys.length === 0) throw new Error("signZone needs at least one key");
  for (const rr of records) {
    if (!isSubdomainOf(rr.name, apex)) throw new Error(`record ${rr.name} is outside the zone ${apex}`);
  }
  const soa = records.find((rr) => rr.type === T.SOA && nodeKey(rr.name) === apex);
  if (!soa) throw new Error(`zone ${apex} has no SOA record`);
  const klass = soa.class;
  // RFC 9077: the TTL of NSEC/NSEC3 is the lesser of the SOA TTL and the SOA MINIMUM field.
  const negativeTtl = Math.min(soa.ttl, decodeSOA(soa.rdata).minimum);

  const dnskeys = allKeys.map((k) => ({ name: soa.name, type: T.DNSKEY, class: klass, ttl: soa.ttl, rdata: k.dnskeyRdata }));
  const nodes = buildNodes([...records.filter((rr) => !GENERATED_TYPES.has(rr.type)), ...dnskeys]);
  const apexName = nodes.get(apex)!.name;
  const roles = new Map([...nodes.keys()].map((key) => [key, roleOf(key, apex, nodes)]));

  let nsec3: ResourceRecord[] = [];
  if (opts.denial.kind === "nsec") {
    for (const rr of nsecChain(apex, nodes, roles, negativeTtl, klass)) nodes.get(nodeKey(rr.name))!.rrsets.set(T.NSEC, [rr]);
  } else {
    const param = encodeNSEC3PARAM({ hashAlgorithm: NSEC3_HASH_SHA1, flags: 0, iterations: opts.denial.iterations, salt: opts.denial.salt });
    nodes.get(apex)!.rrsets.set(T.NSEC3PARAM, [{ name: apexName, type: T.NSEC3PARAM, class: klass, ttl: 0, rdata: param }]);
    nsec3 = nsec3Chain(apex, apexName, nodes, roles, opts.denial, negativeTtl, klass);
  }

  const signers = keysPerAlgorithm(keys);
  const sign = (rrset: ResourceRecord[], withKeys: SigningKey[]) =>
    withKeys.map((key) => signRrset(rrset, key, { signerName: apexName, inception: opts.inception, expiration: opts.expiration }));

  const out: ResourceRecord[] = [];
  for (const key of sortedNames(nodes.keys())) {
    const node = nodes.get(key)!;
    const role = roles.get(key)!;
    for (const type of [...node.rrsets.keys()].sort((a, b) => a - b)) {
      const rrset = node.rrsets.get(type)!;
      out.push(...rrset);
      const signedHere = role === "apex" || role === "authoritative" || (role === "delegation" && (type === T.DS || type === T.NSEC));
      if (signedHere) out.push(...sign(rrset, type === T.DNSKEY ? signers.dnskey : signers.data));
    }
  }
  for (const rr of nsec3) out.push(rr, ...sign([rr], signers.data));
  return out;
}
