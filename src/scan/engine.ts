// The scan engine: for one domain, collects the evidence the selected tests need (each probe
// at most once, shared by the web and mail tests) and judges it. No state outside its
// arguments, so runs and future workers can call it per domain. A probe may read evidence of
// other kinds (`after`): those probes run first, and the rest run in parallel.

import type { EvidenceKind } from "../checks/registry.ts";
import type { TestType } from "../checks/result.ts";
import type { ProbeContext } from "../probes/context.ts";
import { probeHostAddresses } from "../probes/addresses.ts";
import { probeDnssec } from "../probes/dnssec.ts";
import type { DomainEvidence } from "../probes/evidence.ts";
import { probeNameServers } from "../probes/nameservers.ts";
import { nameServerTargets, probeRpki, rpkiProbeFailed, webHostTargets } from "../probes/rpki.ts";
import { judgeScan, selectedChecks } from "./judge.ts";
import type { DomainScan } from "./judge.ts";

export { selectedChecks } from "./judge.ts";
export type { DomainScan, TypeScanResult } from "./judge.ts";

interface ProbeBinding {
  /** Evidence kinds this probe reads; they are collected before it runs. */
  after?: readonly EvidenceKind[];
  /** `evidence` holds at least the kinds named in `after`. */
  run(ctx: ProbeContext, domain: string, evidence: Readonly<DomainEvidence>): Promise<Partial<DomainEvidence>>;
  /** Evidence that records a probe's unexpected failure, so its tests end in `error` with the cause. */
  failed(domain: string, error: string): Partial<DomainEvidence>;
}

const PROBES: Record<EvidenceKind, ProbeBinding> = {
  dnssec: {
    run: async (ctx, d) => ({ dnssec: await probeDnssec(ctx, d) }),
    failed: (_d, error) => ({ dnssec: { error } }),
  },
  nameServers: {
    run: async (ctx, d) => ({ nameServers: await probeNameServers(ctx.dns, d) }),
    failed: (_d, error) => ({ nameServers: { servers: [], error } }),
  },
  webHost: {
    run: async (ctx, d) => ({ webHost: await probeHostAddresses(ctx.dns, d) }),
    failed: (d, error) => ({ webHost: { host: d, ipv4: [], ipv6: [], ignoredMappedIpv6: [], cnameChain: [], error } }),
  },
  rpkiWebHost: {
    after: ["webHost"],
    run: async (ctx, _d, e) => ({ rpkiWebHost: await probeRpki(ctx.rpki, webHostTargets(e.webHost)) }),
    failed: (_d, error) => ({ rpkiWebHost: rpkiProbeFailed(error) }),
  },
  rpkiNameServers: {
    after: ["nameServers"],
    run: async (ctx, _d, e) => ({ rpkiNameServers: await probeRpki(ctx.rpki, nameServerTargets(e.nameServers)) }),
    failed: (_d, error) => ({ rpkiNameServers: rpkiProbeFailed(error) }),
  },
};

/**
 * Runs the probes of `kinds` and of the kinds they depend on, each once, a probe as soon as
 * its dependencies are done. Returns the parts in a stable order (dependencies first).
 */
async function collectEvidence(ctx: ProbeContext, domain: string, kinds: readonly EvidenceKind[]): Promise<DomainEvidence> {
  const working: DomainEvidence = { domain };
  const started = new Map<EvidenceKind, Promise<Partial<DomainEvidence>>>();
  const order: EvidenceKind[] = [];
  const collect = (kind: EvidenceKind, path: readonly EvidenceKind[]): Promise<Partial<DomainEvidence>> => {
    const running = started.get(kind);
    if (running) return running;
    if (path.includes(kind)) throw new Error(`probe dependency cycle: ${[...path, kind].join(" -> ")}`);
    const probe = PROBES[kind];
    const deps = (probe.after ?? []).map((k) => collect(k, [...path, kind]));
    const done = Promise.all(deps)
      .then(() => probe.run(ctx, domain, working))
      .catch((err: Error) => probe.failed(domain, `internal error in the ${kind} probe: ${err.message}`))
      .then((part) => {
        Object.assign(working, part);
        return part;
      });
    started.set(kind, done);
    order.push(kind);
    return done;
  };
  await Promise.all(kinds.map((k) => collect(k, [])));
  const evidence: DomainEvidence = { domain };
  for (const kind of order) Object.assign(evidence, await started.get(kind));
  return evidence;
}

export async function scanDomain(ctx: ProbeContext, domain: string, types: readonly TestType[]): Promise<DomainScan> {
  const kinds = [...new Set(selectedChecks(types).flatMap((c) => c.needs))];
  return judgeScan(domain, await collectEvidence(ctx, domain, kinds), types);
}
