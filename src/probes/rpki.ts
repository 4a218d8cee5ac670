// RPKI evidence for a set of hosts: for every address that the address probes found, the
// announced routes covering it, validated against the VRPs of the run (RFC 6811). It reads
// the addresses from evidence already collected (the engine runs webHost / nameServers first)
// instead of resolving them again.

import { NO_RPKI_DATA } from "../rpki/rpki-data.ts";
import type { RpkiData } from "../rpki/rpki-data.ts";
import type { HostAddressEvidence, NameServerEvidence, RpkiEvidence } from "./evidence.ts";

/** A host and its addresses, as the address evidence gives them. */
export interface RpkiTarget {
  host: string;
  addresses: string[];
  addressError?: string;
}

export type RpkiTargets = { targets: RpkiTarget[] } | { error: string };

export function webHostTargets(h: HostAddressEvidence | undefined): RpkiTargets {
  if (!h) return { error: "no web host evidence was collected" };
  if (h.error) return { error: `the addresses of ${h.host} could not be looked up: ${h.error}` };
  const addresses = [...h.ipv4, ...h.ipv6];
  // Same rule as the IPv6 address test: a failed lookup is not "no addresses".
  if (addresses.length === 0 && h.rcode && h.rcode !== "NOERROR" && h.rcode !== "NXDOMAIN") {
    return { error: `the addresses of ${h.host} could not be looked up: the resolver answered ${h.rcode}` };
  }
  return { targets: addresses.length > 0 ? [{ host: h.host, addresses }] : [] };
}

export function nameServerTargets(ns: NameServerEvidence | undefined): RpkiTargets {
  if (!ns) return { error: "no name-server evidence was collected" };
  if (ns.error) return { error: `the name servers could not be looked up: ${ns.error}` };
  return {
    targets: ns.servers.map((s) => ({
      host: s.name,
      addresses: [...s.ipv4, ...s.ipv6],
      ...(s.addressError ? { addressError: s.addressError } : {}),
    })),
  };
}

const NO_DATA: RpkiData["description"] = { configured: false, problem: NO_RPKI_DATA, maxAgeHours: null, sources: [] };

export async function probeRpki(rpki: RpkiData | undefined, found: RpkiTargets): Promise<RpkiEvidence> {
  const data = rpki?.description ?? NO_DATA;
  const observedAt = new Date().toISOString();
  if ("error" in found) return { data, observedAt, hosts: [], error: found.error };
  if (!rpki || data.problem) {
    return { data, observedAt, hosts: found.targets.map((t) => ({ host: t.host, addresses: [], ...(t.addressError ? { addressError: t.addressError } : {}) })) };
  }
  const hosts = await Promise.all(found.targets.map(async (t) => ({
    host: t.host,
    addresses: await Promise.all([...new Set(t.addresses)].map((a) => rpki.routing(a))),
    ...(t.addressError ? { addressError: t.addressError } : {}),
  })));
  return { data, observedAt, hosts };
}

/** Evidence for a probe that failed unexpectedly: its tests end in `error` with the cause. */
export function rpkiProbeFailed(error: string): RpkiEvidence {
  return { data: { configured: true, maxAgeHours: null, sources: [] }, observedAt: new Date().toISOString(), hosts: [], error };
}
