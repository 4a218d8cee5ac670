// The unsigned records of one zone of a world: what its spec says, plus what the world
// implies: SOA and apex NS where omitted, the A/AAAA records of the world's hosts that live in
// the zone, and for each child zone the delegation (NS and glue). DS records come from the
// caller, since they need the child's keys.

import type { ResourceRecord } from "../dns/message.ts";
import { isSubdomainOf, nameToWire, normaliseName } from "../dns/name.ts";
import { encodeA, encodeAAAA, encodeSOA, TYPE } from "../dns/rdata.ts";
import { CLASS_IN } from "../dns/rr-types.ts";
import { parseZoneText } from "../dns/zonefile.ts";
import type { HostSpec, ZoneSpec } from "./world.ts";

export const DEFAULT_TTL = 3600;
/** SOA minimum, which is the negative-caching TTL (RFC 2308). */
const NEGATIVE_TTL = 300;
const SERIAL = 2024010101;

export class WorldError extends Error {}

function rr(name: string, type: number, rdata: Uint8Array, ttl = DEFAULT_TTL): ResourceRecord {
  return { name, type, class: CLASS_IN, ttl, rdata };
}

export function addressRecords(host: HostSpec, owner = normaliseName(host.name)): ResourceRecord[] {
  return host.addresses.map((a) => a.address.includes(":") ? rr(owner, TYPE.AAAA, encodeAAAA(a.address)) : rr(owner, TYPE.A, encodeA(a.address)));
}

export function nsRecords(owner: string, nameServers: readonly string[]): ResourceRecord[] {
  return nameServers.map((ns) => rr(owner, TYPE.NS, nameToWire(ns)));
}

/** The records a zone's own spec gives, checked to lie inside the zone. */
export function parseOwnRecords(spec: ZoneSpec, origin: string): ResourceRecord[] {
  if (!spec.records) return [];
  let parsed: ResourceRecord[];
  try {
    parsed = parseZoneText(spec.records, { origin, defaultTtl: spec.defaultTtl ?? DEFAULT_TTL });
  } catch (e) {
    throw new WorldError(`zone ${origin}: ${(e as Error).message}`);
  }
  return parsed.map((r) => {
    const name = normaliseName(r.name);
    if (!isSubdomainOf(name, origin)) throw new WorldError(`zone ${origin}: record ${r.name} lies outside the zone`);
    return { ...r, name };
  });
}

export interface ZoneAssembly {
  origin: string;
  spec: ZoneSpec;
  /** The records of the spec's text (parseOwnRecords). */
  own: readonly ResourceRecord[];
  /** Hosts whose deepest enclosing zone is this one. */
  hosts: readonly HostSpec[];
  /** Direct child zones, with their name servers and those servers' host specs (for glue). */
  children: readonly { origin: string; nameServers: readonly string[]; ds: readonly ResourceRecord[] }[];
  hostByName(name: string): HostSpec | undefined;
}

/** All records of the zone before signing. */
export function assembleZoneRecords(z: ZoneAssembly): ResourceRecord[] {
  const own = z.own;
  const present = new Set(own.map((r) => `${r.name}/${r.type}`));
  const out = [...own];
  if (!present.has(`${z.origin}/${TYPE.SOA}`)) {
    const mname = normaliseName(z.spec.nameServers[0] ?? z.origin);
    const rname = z.origin === "." ? "hostmaster" : `hostmaster.${z.origin}`;
    out.unshift(rr(z.origin, TYPE.SOA, encodeSOA({ mname, rname, serial: SERIAL, refresh: 7200, retry: 3600, expire: 1209600, minimum: NEGATIVE_TTL })));
  }
  if (!present.has(`${z.origin}/${TYPE.NS}`)) out.push(...nsRecords(z.origin, z.spec.nameServers.map(normaliseName)));
  for (const host of z.hosts) {
    // Addresses written in the records text win over the host spec's (a scenario may want both).
    out.push(...addressRecords(host).filter((r) => !present.has(`${r.name}/${r.type}`)));
  }
  for (const child of z.children) {
    out.push(...nsRecords(child.origin, child.nameServers));
    for (const ns of child.nameServers) {
      // Glue: addresses of name servers inside the child, which nobody could find otherwise.
      if (!isSubdomainOf(ns, child.origin)) continue;
      const host = z.hostByName(ns);
      if (host) out.push(...addressRecords(host));
    }
    out.push(...child.ds);
  }
  // The same record from two sources (text and host spec, glue of two children) counts once.
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${normaliseName(r.name)}/${r.type}/${Buffer.from(r.rdata).toString("hex")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
