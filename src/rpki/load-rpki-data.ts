// Loads the RPKI data of a run from the command-line options, once: VRPs from a file
// (--rpki-vrps) or a validator's HTTP endpoint (--rpki-vrps-url), routes from a file or a DNS
// IP-to-ASN service (--rpki-routes FILE|dns:ZONE). Problems never throw: they become the
// data's `problem`, which every RPKI result then reports as its error.

import type { DnsLookup } from "../dns/client-types.ts";
import { lookupAddresses } from "../dns/follow-cname.ts";
import { parseIp } from "../net/ip.ts";
import type { Dialer } from "../net/types.ts";
import { IpToAsnRouteSource } from "./ip-to-asn.ts";
import type { RouteSource } from "./route-source.ts";
import { inlineRoutes, loadRouteFile } from "./route-source.ts";
import { NO_RPKI_DATA, unusableRpkiData, usableRpkiData } from "./rpki-data.ts";
import type { RpkiData } from "./rpki-data.ts";
import type { RpkiDataDescription, SourceProvenance } from "./types.ts";
import { fetchVrps, inlineVrps, loadVrpFile } from "./vrp-source.ts";
import type { LoadedVrps } from "./vrp-source.ts";

export type VrpSourceOption = { file: string } | { url: string } | { inline: { name: string; text: string } };
export type RouteSourceOption = { file: string } | { dns: string } | { inline: { name: string; text: string } };

export interface RpkiOptions {
  vrps?: VrpSourceOption;
  routes?: RouteSourceOption;
  /** Data older than this many hours is stale; null: no limit. */
  maxAgeHours: number | null;
}

export interface RpkiLoadDeps {
  dns: DnsLookup;
  dialer: Dialer;
  /** Lets the dialer reach the validator the operator named (its exact address), like a resolver. */
  allowTarget(address: string): void;
  /** For fetching a validator's export (default 60 s: a full export is tens of megabytes). */
  httpTimeoutMs?: number;
}

/** Default --rpki-max-age: validators refresh hourly or faster, BGP dumps every few hours. */
export const DEFAULT_MAX_AGE_HOURS = 24;
const MAX_HTTP_BYTES = 512 * 1024 * 1024;

/** "dns:ZONE" asks an IP-to-ASN service; anything else is a file. */
export function routeSourceOption(text: string): RouteSourceOption {
  return text.startsWith("dns:") ? { dns: text.slice(4) } : { file: text };
}

async function loadVrps(o: VrpSourceOption, deps: RpkiLoadDeps): Promise<LoadedVrps> {
  if ("file" in o) return loadVrpFile(o.file);
  if ("inline" in o) return inlineVrps(o.inline.name, o.inline.text);
  // The validator is chosen by the operator, so it may be local: allow exactly its address
  // (a host name's addresses are allowed as they are looked up).
  const host = new URL(o.url).hostname.replace(/^\[|\]$/g, "");
  if (parseIp(host)) deps.allowTarget(host);
  else if (host.toLowerCase() === "localhost") deps.allowTarget("127.0.0.1");
  return fetchVrps(o.url, {
    dialer: deps.dialer,
    timeoutMs: deps.httpTimeoutMs ?? 60_000,
    maxBytes: MAX_HTTP_BYTES,
    resolveHost: async (host) => {
      const found = await lookupAddresses(deps.dns, host);
      const addresses = [...found.a, ...found.aaaa];
      for (const a of addresses) deps.allowTarget(a);
      return addresses;
    },
  });
}

async function loadRoutes(o: RouteSourceOption, deps: RpkiLoadDeps): Promise<RouteSource> {
  if ("file" in o) return loadRouteFile(o.file);
  if ("inline" in o) return inlineRoutes(o.inline.name, o.inline.text);
  return new IpToAsnRouteSource(o.dns, deps.dns);
}

export async function loadRpkiData(o: RpkiOptions, deps: RpkiLoadDeps): Promise<RpkiData> {
  const base = { maxAgeHours: o.maxAgeHours };
  if (!o.vrps && !o.routes) return unusableRpkiData({ ...base, configured: false, problem: NO_RPKI_DATA, sources: [] });
  const [vrps, routes] = await Promise.all([
    o.vrps ? loadVrps(o.vrps, deps).catch((err: Error) => err) : undefined,
    o.routes ? loadRoutes(o.routes, deps).catch((err: Error) => err) : undefined,
  ]);
  const sources: SourceProvenance[] = [];
  const problems: string[] = [];
  if (vrps instanceof Error) problems.push(`the VRPs cannot be used: ${vrps.message}`);
  else if (vrps) sources.push(vrps.provenance);
  else problems.push("no VRPs: give --rpki-vrps FILE or --rpki-vrps-url URL as well as --rpki-routes");
  if (routes instanceof Error) problems.push(`the routes cannot be used: ${routes.message}`);
  else if (routes) sources.push(routes.provenance);
  else problems.push("no routes: give --rpki-routes FILE or --rpki-routes dns:ZONE as well as the VRPs");
  const description: RpkiDataDescription = { ...base, configured: true, sources };
  if (problems.length > 0 || !vrps || vrps instanceof Error || !routes || routes instanceof Error) {
    return unusableRpkiData({ ...description, problem: problems.join("; ") });
  }
  return usableRpkiData(vrps.table, routes, description);
}
