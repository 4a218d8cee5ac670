// Probes a domain's name servers: the NS set of the domain (or of its closest enclosing zone),
// each server's addresses, and whether each IPv6 address answers a DNS query over IPv6.

import type { DnsClient } from "../dns/client-types.ts";
import { decodeNameRdata, TYPE } from "../dns/rdata.ts";
import { namesEqual, normaliseName, parentName } from "../dns/name.ts";
import { RCODE, rcodeName } from "../dns/rr-types.ts";
import { probeHostAddresses } from "./addresses.ts";
import type { NameServerEvidence, NameServerInfo, NameServerReach } from "./evidence.ts";

/** At most this many name servers are probed (a zone with more is unusual and still judged). */
const MAX_NAME_SERVERS = 16;

async function findNsSet(dns: DnsClient, domain: string): Promise<{ zone?: string; names: string[]; error?: string }> {
  let name = normaliseName(domain);
  // Climb at most to the TLD: a domain that is not a zone apex uses its enclosing zone's servers.
  for (let depth = 0; depth < 10; depth++) {
    const out = await dns.query(name, TYPE.NS, { dnssecOk: false });
    if (!out.ok) return { names: [], error: `NS lookup for ${name}: ${out.error.message}` };
    const m = out.answer.message;
    if (m.rcode === RCODE.NXDOMAIN) return { names: [] };
    if (m.rcode !== RCODE.NOERROR) return { names: [], error: `NS lookup for ${name}: ${rcodeName(m.rcode)}` };
    const ns = m.answers.filter((rr) => rr.type === TYPE.NS);
    if (ns.length > 0) {
      const owner = ns[0]!.name;
      const names = [...new Set(ns.map((rr) => normaliseName(decodeNameRdata(rr.rdata, "NS"))))].sort();
      return { zone: normaliseName(owner), names };
    }
    // NODATA: the SOA in the authority section names the enclosing zone.
    const soa = m.authorities.find((rr) => rr.type === TYPE.SOA);
    const next = soa && !namesEqual(soa.name, name) ? normaliseName(soa.name) : name === "." ? undefined : parentName(name);
    if (!next || next === ".") return { names: [] };
    name = next;
  }
  return { names: [], error: `no NS set found above ${domain}` };
}

async function probeIpv6Reach(dns: DnsClient, address: string, zone: string): Promise<NameServerReach> {
  const out = await dns.queryServer({ address, port: 53 }, zone, TYPE.SOA, { recursionDesired: false, dnssecOk: false, checkingDisabled: false });
  if (!out.ok) return { address, reachable: false, error: out.error.message };
  const m = out.answer.message;
  return { address, reachable: true, transport: out.answer.transport, rcode: rcodeName(m.rcode), authoritative: m.flags.aa };
}

export async function probeNameServers(dns: DnsClient, domain: string): Promise<NameServerEvidence> {
  const set = await findNsSet(dns, domain);
  if (set.error) return { servers: [], error: set.error };
  const zone = set.zone ?? normaliseName(domain);
  const servers = await Promise.all(set.names.slice(0, MAX_NAME_SERVERS).map(async (name): Promise<NameServerInfo> => {
    const addr = await probeHostAddresses(dns, name);
    const ipv6Reach = await Promise.all(addr.ipv6.map((a) => probeIpv6Reach(dns, a, zone)));
    return {
      name, ipv4: addr.ipv4, ipv6: addr.ipv6, ignoredMappedIpv6: addr.ignoredMappedIpv6,
      ...(addr.error ? { addressError: addr.error } : {}), ipv6Reach,
    };
  }));
  return { ...(set.zone ? { zone: set.zone } : {}), servers };
}
