// Builds the shared machinery of a scan from the command-line options: the address policy and
// dialer (the one way out), the DNS client with its cache, and the DNSSEC validator with its
// trust anchors. One context serves every domain of a scan or run.

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

export interface ScanSetupOptions {
  resolvers: string[];
  trustAnchorFile?: string;
  allowTargets: string[];
  /** A descriptor written by `meetlat testnet up`: resolver, trust anchor, allowed ranges and rewrites. */
  testnetFile?: string;
  caFile?: string;
}

export interface ScanSetup {
  ctx: ProbeContext;
  resolvers: Endpoint[];
  trustAnchorSource: string;
  trustAnchors: ResourceRecord[];
  allowTargets: string[];
}

export class SetupError extends Error {}

export async function createScanSetup(opts: ScanSetupOptions): Promise<ScanSetup> {
  const allowTargets = [...opts.allowTargets];
  const rewrites = new RewriteTable();
  let resolverTexts = [...opts.resolvers];
  let trustAnchorFile = opts.trustAnchorFile;
  if (opts.testnetFile) {
    const t = await loadTestnetDescriptor(opts.testnetFile);
    allowTargets.push(...t.allowTargets);
    for (const r of t.rewrites) rewrites.add(r.from, r.to);
    if (resolverTexts.length === 0) resolverTexts = [t.resolver];
    trustAnchorFile ??= t.trustAnchorFile;
  }
  if (opts.caFile) await readFile(opts.caFile).catch((err: Error) => { throw new SetupError(`cannot read --ca-file ${opts.caFile}: ${err.message}`); });
  const resolvers = resolverTexts.length > 0
    ? resolverTexts.map((r) => parseResolverArgument(r))
    : await readResolvConf();
  if (resolvers.length === 0) throw new SetupError("no resolver: give --resolver HOST[:PORT] or configure /etc/resolv.conf");
  const policy = createAddressPolicy(allowTargets);
  // The resolver is chosen by the operator, so it may be local (127.0.0.53, a site resolver):
  // allow exactly its addresses, not their ranges.
  for (const r of resolvers) policy.allowAddress?.(r.address);
  const dialer = createDialer({ policy, rewrites });
  const dns = createDnsClient({ dialer, resolvers });
  const trustAnchors = trustAnchorFile ? await loadTrustAnchorFile(trustAnchorFile) : DEFAULT_TRUST_ANCHORS;
  const validator = new DnssecValidator({ lookup: dns, trustAnchors });
  return {
    ctx: { dns, validator },
    resolvers,
    trustAnchorSource: trustAnchorFile ?? "built-in IANA root KSKs",
    trustAnchors,
    allowTargets,
  };
}
