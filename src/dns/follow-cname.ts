// Following CNAME records to the data a name really has. Resolvers normally return the whole
// chain in one answer; when they return only part of it (or a forwarder stops early), the rest
// is asked for with new queries. Chains longer than MAX_CNAME_CHAIN and loops are errors.

import type { DnsAnswer, DnsFailure, DnsLookup, DnsQueryOptions } from "./client-types.ts";
import type { ResourceRecord } from "./message.ts";
import { namesEqual, normaliseName } from "./name.ts";
import { decodeA, decodeAAAA, decodeNameRdata } from "./rdata.ts";
import { CLASS_IN, RCODE, typeNumber } from "./rr-types.ts";
import { mappedIpv4, parseIp } from "../net/ip.ts";

export const MAX_CNAME_CHAIN = 10;

const TYPE_A = typeNumber("A");
const TYPE_AAAA = typeNumber("AAAA");
const TYPE_CNAME = typeNumber("CNAME");
const TYPE_ANY = typeNumber("ANY");

export interface CnameHop {
  from: string;
  to: string;
  ttl: number;
}

export type CnameResolution =
  | {
    ok: true;
    /** The name the records belong to: the end of the chain, or the asked name. */
    finalName: string;
    chain: CnameHop[];
    /** The records of the asked type owned by finalName (empty for NODATA/NXDOMAIN). */
    records: ResourceRecord[];
    /** Rcode of the response that ended the chain. */
    rcode: number;
    /** Every response used, in order (evidence, and for the DNSSEC validator). */
    answers: DnsAnswer[];
  }
  | {
    ok: false;
    code: "cname_loop" | "cname_chain_too_long" | "lookup_failed";
    error: string;
    chain: CnameHop[];
    answers: DnsAnswer[];
    failure?: DnsFailure;
  };

export async function resolveFollowingCnames(lookup: DnsLookup, name: string, type: number, opts: DnsQueryOptions = {}): Promise<CnameResolution> {
  const chain: CnameHop[] = [];
  const answers: DnsAnswer[] = [];
  const seen = new Set([normaliseName(name)]);
  let current = name;
  // Each query either ends the chain or adds at least one hop, so this runs at most
  // MAX_CNAME_CHAIN + 1 times.
  for (;;) {
    const outcome = await lookup.query(current, type, opts);
    if (!outcome.ok) {
      return { ok: false, code: "lookup_failed", error: `${current}: ${outcome.error.message}`, chain, answers, failure: outcome.error };
    }
    answers.push(outcome.answer);
    const message = outcome.answer.message;
    const records = message.answers.filter((rr) => rr.class === CLASS_IN);
    let advanced = false;
    for (;;) {
      const data = records.filter((rr) => namesEqual(rr.name, current) && (rr.type === type || type === TYPE_ANY));
      if (data.length > 0 || type === TYPE_CNAME) {
        return { ok: true, finalName: current, chain, records: data, rcode: message.rcode, answers };
      }
      const cname = records.find((rr) => rr.type === TYPE_CNAME && namesEqual(rr.name, current));
      if (!cname) break;
      let target: string;
      try {
        target = decodeNameRdata(cname.rdata, "CNAME");
      } catch (err) {
        return { ok: false, code: "lookup_failed", error: `bad CNAME RDATA at ${current}: ${(err as Error).message}`, chain, answers };
      }
      chain.push({ from: current, to: target, ttl: cname.ttl });
      if (seen.has(normaliseName(target))) {
        return { ok: false, code: "cname_loop", error: `CNAME loop: ${[name, ...chain.map((h) => h.to)].join(" → ")}`, chain, answers };
      }
      if (chain.length > MAX_CNAME_CHAIN) {
        return { ok: false, code: "cname_chain_too_long", error: `CNAME chain longer than ${MAX_CNAME_CHAIN}: ${[name, ...chain.map((h) => h.to)].join(" → ")}`, chain, answers };
      }
      seen.add(normaliseName(target));
      current = target;
      advanced = true;
    }
    // The chain ends here without data. If this response moved us along the chain and is not
    // an NXDOMAIN for the end of it, ask for the end directly: the resolver may have stopped
    // early. Otherwise this is the final (negative) answer.
    if (!advanced || message.rcode === RCODE.NXDOMAIN) {
      return { ok: true, finalName: current, chain, records: [], rcode: message.rcode, answers };
    }
  }
}

/** ::ffff:a.b.c.d: an IPv4 address in IPv6 clothing, which says nothing about IPv6 reachability. */
function isIpv4MappedAddress(address: string): boolean {
  const ip = parseIp(address);
  return ip !== undefined && mappedIpv4(ip) !== undefined;
}

export interface HostAddresses {
  a: string[];
  /** IPv6 addresses, without IPv4-mapped ones (those are IPv4 in disguise). */
  aaaa: string[];
  /** IPv4-mapped AAAA records that were left out of `aaaa`. */
  ignoredMapped: string[];
  /** The CNAME targets passed through, in order (from the A lookup, else the AAAA one). */
  cnameChain: string[];
  /** Rcode of the A lookup (of the AAAA lookup if A failed); absent if both failed. */
  rcode?: number;
  /** Why the A and/or AAAA lookup failed ("A: …; AAAA: …"). */
  error?: string;
}

/** The IPv4 and IPv6 addresses of a host name, following CNAMEs; A and AAAA are asked in parallel. */
export async function lookupAddresses(lookup: DnsLookup, name: string, opts: DnsQueryOptions = {}): Promise<HostAddresses> {
  const [a, aaaa] = await Promise.all([
    resolveFollowingCnames(lookup, name, TYPE_A, opts),
    resolveFollowingCnames(lookup, name, TYPE_AAAA, opts),
  ]);
  const errors: string[] = [];
  const decodeAll = (label: string, r: CnameResolution, decode: (rdata: Uint8Array) => string): string[] => {
    if (!r.ok) {
      errors.push(`${label}: ${r.error}`);
      return [];
    }
    const out: string[] = [];
    for (const rec of r.records) {
      try {
        out.push(decode(rec.rdata));
      } catch (err) {
        errors.push(`${label}: ${(err as Error).message}`);
      }
    }
    return [...new Set(out)];
  };
  const v4 = decodeAll("A", a, decodeA);
  const v6all = decodeAll("AAAA", aaaa, decodeAAAA);
  const chainSource = a.ok || !aaaa.ok ? a : aaaa;
  const rcode = a.ok ? a.rcode : aaaa.ok ? aaaa.rcode : undefined;
  return {
    a: v4,
    aaaa: v6all.filter((x) => !isIpv4MappedAddress(x)),
    ignoredMapped: v6all.filter(isIpv4MappedAddress),
    cnameChain: chainSource.chain.map((h) => h.to),
    ...(rcode !== undefined ? { rcode } : {}),
    ...(errors.length ? { error: errors.join("; ") } : {}),
  };
}
