// Routes from a DNS-based IP-to-ASN service, asked through meetlat's DNS client (so the
// network gate applies). The service answers a TXT query for the reversed address under its
// zone with the most specific announced prefix and its origins, in one of two common forms:
//
//   "64496 64497 | 192.0.2.0/24 | ZZ | ripencc | 2000-01-01"   (Team Cymru style, also Shadowserver)
//   "64496" "192.0.2.0" "24"                                    (RouteViews style, three strings)
//
// Names: IPv4 "4.3.2.1.ZONE" for 1.2.3.4; IPv6 the 32 nibbles reversed ("...8.b.d.0.1.0.0.2.ZONE").
// "dns:ZONE" asks one zone for both families; "dns:ZONE4,ZONE6" one each (Team Cymru uses
// origin.asn.cymru.com and origin6.asn.cymru.com). NXDOMAIN or no TXT: the address is not routed.

import { resolveFollowingCnames } from "../dns/follow-cname.ts";
import type { DnsLookup } from "../dns/client-types.ts";
import { normaliseName } from "../dns/name.ts";
import { decodeTXT, TYPE } from "../dns/rdata.ts";
import { RCODE, rcodeName } from "../dns/rr-types.ts";
import type { IpAddress } from "../net/ip.ts";
import { parseAsn } from "./asn.ts";
import { BITS, formatWordPrefix, parsePrefixInto } from "./prefix-words.ts";
import type { AnnouncedPrefix } from "./route-table.ts";
import type { RouteLookup, RouteSource } from "./route-source.ts";
import type { SourceProvenance } from "./types.ts";

export class IpToAsnError extends Error {}

/** Parses "ZONE" or "ZONE4,ZONE6" (after "dns:"). */
export function parseIpToAsnZones(text: string): { ipv4: string; ipv6: string } {
  const parts = text.split(",").map((z) => z.trim());
  if (parts.length > 2 || parts.some((z) => z === "" || !/^[A-Za-z0-9._-]+\.?$/.test(z))) {
    throw new IpToAsnError(`--rpki-routes dns:${text}: expected dns:ZONE or dns:ZONE4,ZONE6 (e.g. dns:origin.asn.cymru.com,origin6.asn.cymru.com)`);
  }
  return { ipv4: normaliseName(parts[0]!), ipv6: normaliseName(parts[1] ?? parts[0]!) };
}

/** The query name for an address under the zone. */
export function ipToAsnQueryName(ip: IpAddress, zone: string): string {
  const z = zone === "." ? "" : zone;
  if (ip.family === 4) {
    const octets = [0n, 8n, 16n, 24n].map((shift) => ((ip.value >> shift) & 0xffn).toString());
    return `${octets.join(".")}.${z}`;
  }
  const nibbles: string[] = [];
  for (let shift = 0n; shift < 128n; shift += 4n) nibbles.push(((ip.value >> shift) & 0xfn).toString(16));
  return `${nibbles.join(".")}.${z}`;
}

/**
 * One TXT record's announced prefix and origins, or an error text. Only prefixes that contain
 * the address are accepted: anything else is a broken answer.
 */
export function parseIpToAsnTxt(strings: readonly string[], ip: IpAddress): AnnouncedPrefix | string {
  let originText: string;
  let prefixText: string;
  if (strings.length >= 3 && !strings.some((s) => s.includes("|"))) {
    [originText, prefixText] = [strings[0]!, `${strings[1]}/${strings[2]}`];
  } else {
    const fields = strings.join("").split("|").map((f) => f.trim());
    if (fields.length < 2) return `unexpected TXT answer ${JSON.stringify(strings.join(""))}: expected "ORIGIN | PREFIX | ..."`;
    [originText, prefixText] = [fields[0]!, fields[1]!];
  }
  const words = new Uint32Array(4);
  const p = parsePrefixInto(prefixText, words);
  if (!p) return `TXT answer names ${JSON.stringify(prefixText)}, which is not a prefix`;
  if (p.family !== ip.family || !prefixContains(words, p.length, ip)) return `TXT answer names ${prefixText}, which does not contain the address`;
  const origins: number[] = [];
  for (const token of originText.split(/\s+/).filter((t) => t !== "")) {
    const asn = parseAsn(token);
    if (asn === undefined) return `TXT answer names ${JSON.stringify(token)} as origin, which is not an AS number`;
    if (!origins.includes(asn)) origins.push(asn);
  }
  if (origins.length === 0) return `TXT answer ${JSON.stringify(strings.join(""))} names no origin AS`;
  return { prefix: formatWordPrefix({ family: p.family, words, length: p.length }), family: p.family, words, length: p.length, origins: origins.sort((a, b) => a - b) };
}

function prefixContains(words: Uint32Array, length: number, ip: IpAddress): boolean {
  const bits = BigInt(BITS[ip.family]);
  let value = 0n;
  for (let w = 0; w < (ip.family === 4 ? 1 : 4); w++) value = (value << 32n) | BigInt(words[w]!);
  const hostBits = bits - BigInt(length);
  return ip.value >> hostBits === value >> hostBits;
}

export class IpToAsnRouteSource implements RouteSource {
  readonly provenance: SourceProvenance;
  private readonly dns: DnsLookup;
  private readonly zones: { ipv4: string; ipv6: string };

  constructor(zoneText: string, dns: DnsLookup) {
    this.zones = parseIpToAsnZones(zoneText);
    this.dns = dns;
    this.provenance = {
      role: "routes",
      kind: "dns",
      location: `dns:${zoneText}`,
      format: "IP-to-ASN TXT",
      loadedAt: new Date().toISOString(),
    };
  }

  async covering(ip: IpAddress): Promise<RouteLookup> {
    const name = ipToAsnQueryName(ip, ip.family === 4 ? this.zones.ipv4 : this.zones.ipv6);
    const r = await resolveFollowingCnames(this.dns, name, TYPE.TXT, { dnssecOk: false });
    if (!r.ok) return { ok: false, error: `IP-to-ASN lookup ${name} TXT: ${r.error}` };
    if (r.rcode === RCODE.NXDOMAIN) return { ok: true, prefixes: [] };
    if (r.rcode !== RCODE.NOERROR) return { ok: false, error: `IP-to-ASN lookup ${name} TXT: the resolver answered ${rcodeName(r.rcode)}` };
    const byPrefix = new Map<string, AnnouncedPrefix>();
    for (const rr of r.records) {
      const parsed = parseIpToAsnTxt(decodeTXT(rr.rdata), ip);
      if (typeof parsed === "string") return { ok: false, error: `IP-to-ASN lookup ${name}: ${parsed}` };
      const seen = byPrefix.get(parsed.prefix);
      if (seen) seen.origins = [...new Set([...seen.origins, ...parsed.origins])].sort((a, b) => (a ?? -1) - (b ?? -1));
      else byPrefix.set(parsed.prefix, parsed);
    }
    return { ok: true, prefixes: [...byPrefix.values()].sort((a, b) => b.length - a.length) };
  }
}
