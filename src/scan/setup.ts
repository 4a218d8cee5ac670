// Builds the shared machinery of a scan from the command-line options: the address policy and
// dialer (the one way out), the DNS client with its cache, the DNSSEC validator with its
// trust anchors, and the RPKI data (loaded once). One context serves every domain of a scan or run.

import { readFile } from "node:fs/promises";
import { createDnsClient } from "../dns/client.ts";
import { parseResolverArgument, readResolvConf } from "../dns/resolv-conf.ts";
import type { ResourceRecord } from "../dns/message.ts";
import { DEFAULT_TRUST_ANCHORS, loadTrustAnchorFile } from "../dnssec/trust-anchor.ts";
import { DnssecValidator } from "../dnssec/validator.ts";
import { createAddressPolicy } from "../net/address-policy.ts";
import { createDialer } from "../net/dialer.ts";
import { RewriteTable } from "../net/rewrite-table.ts";
import type { Endpoint } from "../net/types.ts";
import type { ProbeContext } from "../probes/context.ts";
import { loadTestnetDescriptor } from "../testnet/descriptor.ts";
import type { Rewrite } from "../testnet/descriptor.ts";
import { formatEndpoint } from "../net/endpoint-text.ts";
import { DEFAULT_MAX_AGE_HOURS, loadRpkiData, routeSourceOption } from "../rpki/load-rpki-data.ts";
import type { RpkiOptions } from "../rpki/load-rpki-data.ts";
import type { RpkiDataDescription } from "../rpki/types.ts";

export interface ScanSetupOptions {
  resolvers: string[];
  trustAnchorFile?: string;
  allowTargets: string[];
  /**
   * A descriptor written by `meetlat testnet up` (resolver, trust anchor, allowed ranges and
   * rewrites), or "builtin": start the whole simulated internet in this process.
   */
  testnetFile?: string;
  caFile?: string;
  /** RPKI data sources (--rpki-*); without them a testnet's own files are used, if any. */
  rpki?: RpkiSetupOptions;
}

export interface RpkiSetupOptions {
  vrpsFile?: string;
  vrpsUrl?: string;
  /** A file, or "dns:ZONE" for a DNS IP-to-ASN service. */
  routes?: string;
  /** Default DEFAULT_MAX_AGE_HOURS; null: no limit. */
  maxAgeHours?: number | null;
}

export interface ScanSetup {
  ctx: ProbeContext;
  resolvers: Endpoint[];
  trustAnchorSource: string;
  trustAnchors: readonly ResourceRecord[];
  allowTargets: string[];
  /** The RPKI data of the run: its sources' provenance, or why it cannot be used. */
  rpki: RpkiDataDescription;
  /**
   * The domains the simulated internet was built to show (none outside a testnet). Read when
   * asked, not held: a run keeps its setup to the end, and the list is as long as the testnet.
   */
  testnetDomains(): Promise<string[]>;
  /** Stops what the setup started (the built-in testnet); safe to call twice. */
  close(): Promise<void>;
}

export class SetupError extends Error {}

/** Like buildScanSetup, but every problem with the options or their files becomes a SetupError. */
export async function createScanSetup(opts: ScanSetupOptions): Promise<ScanSetup> {
  try {
    return await buildScanSetup(opts);
  } catch (err) {
    if (err instanceof SetupError || err instanceof TypeError || err instanceof ReferenceError) throw err;
    throw new SetupError((err as Error).message);
  }
}

async function buildScanSetup(opts: ScanSetupOptions): Promise<ScanSetup> {
  if (opts.rpki?.vrpsFile !== undefined && opts.rpki.vrpsUrl !== undefined) throw new SetupError("give --rpki-vrps FILE or --rpki-vrps-url URL, not both");
  const allowTargets = [...opts.allowTargets];
  const rewrites = new RewriteTable();
  let resolverTexts = [...opts.resolvers];
  let trustAnchorFile = opts.trustAnchorFile;
  let trustAnchors: readonly ResourceRecord[] | undefined;
  let testnetDomains = (): Promise<string[]> => Promise.resolve([]);
  let close = async () => {};
  let testnetRpki: Pick<RpkiOptions, "vrps" | "routes"> = {};
  const useTestnet = (t: { allowTargets: readonly string[]; rewrites: readonly Rewrite[]; resolver: string }) => {
    allowTargets.push(...t.allowTargets);
    for (const r of t.rewrites) rewrites.add(r.from, r.to);
    if (resolverTexts.length === 0) resolverTexts = [t.resolver];
  };
  if (opts.testnetFile === "builtin") {
    // Loaded only here: a normal scan does not need the simulated internet's code.
    const { startTestnet } = await import("../testnet/servers.ts");
    const net = await startTestnet([]);
    close = () => net.stop();
    useTestnet({ ...net, resolver: formatEndpoint(net.resolver) });
    testnetDomains = () => Promise.resolve(net.domains.map((d) => d.domain));
    if (!trustAnchorFile) trustAnchors = net.trustAnchors;
    const files = net.rpkiFiles();
    testnetRpki = {
      vrps: { inline: { name: "the built-in testnet's VRPs", text: files.vrps } },
      routes: { inline: { name: "the built-in testnet's routes", text: files.routes } },
    };
  } else if (opts.testnetFile) {
    const file = opts.testnetFile;
    const t = await loadTestnetDescriptor(file);
    useTestnet(t);
    testnetDomains = async () => (await loadTestnetDescriptor(file)).domains.map((d) => d.domain);
    trustAnchorFile ??= t.trustAnchorFile;
    testnetRpki = {
      ...(t.rpkiVrpsFile ? { vrps: { file: t.rpkiVrpsFile } } : {}),
      ...(t.rpkiRoutesFile ? { routes: { file: t.rpkiRoutesFile } } : {}),
    };
  }
  if (opts.caFile) await readFile(opts.caFile).catch((err: Error) => { throw new SetupError(`cannot read --ca-file ${opts.caFile}: ${err.message}`); });
  const resolvers = resolverTexts.length > 0
    ? resolverTexts.map((r) => parseResolverArgument(r))
    : await readResolvConf();
  if (resolvers.length === 0) throw new SetupError("no resolver: give --resolver HOST[:PORT] or configure /etc/resolv.conf");
  const policy = createAddressPolicy(allowTargets);
  // The resolver is chosen by the operator, so it may be local (127.0.0.53, a site resolver):
  // allow exactly its addresses, not their ranges.
  for (const r of resolvers) policy.allow(r.address);
  const dialer = createDialer({ policy, rewrites });
  const dns = createDnsClient({ dialer, resolvers });
  trustAnchors ??= trustAnchorFile ? await loadTrustAnchorFile(trustAnchorFile) : DEFAULT_TRUST_ANCHORS;
  const validator = new DnssecValidator({ lookup: dns, trustAnchors });
  const rpki = await loadRpkiData(rpkiOptions(opts.rpki ?? {}, testnetRpki), { dns, dialer, allowTarget: (a) => policy.allow(a) });
  return {
    ctx: { dns, validator, rpki },
    rpki: rpki.description,
    resolvers,
    trustAnchorSource: trustAnchorFile ?? (opts.testnetFile === "builtin" ? "the built-in testnet's root" : "built-in IANA root KSKs"),
    trustAnchors,
    allowTargets,
    testnetDomains,
    close,
  };
}

/** The RPKI sources: the options given, else (when none is given) the testnet's own files. */
function rpkiOptions(o: RpkiSetupOptions, fromTestnet: Pick<RpkiOptions, "vrps" | "routes">): RpkiOptions {
  const maxAgeHours = o.maxAgeHours === undefined ? DEFAULT_MAX_AGE_HOURS : o.maxAgeHours;
  const given = o.vrpsFile !== undefined || o.vrpsUrl !== undefined || o.routes !== undefined;
  if (!given) return { ...fromTestnet, maxAgeHours };
  return {
    ...(o.vrpsFile !== undefined ? { vrps: { file: o.vrpsFile } } : o.vrpsUrl !== undefined ? { vrps: { url: o.vrpsUrl } } : {}),
    ...(o.routes !== undefined ? { routes: routeSourceOption(o.routes) } : {}),
    maxAgeHours,
  };
}
