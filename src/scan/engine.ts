// The scan engine: for one domain, collects the evidence the selected tests need (each probe
// at most once, shared by the web and mail tests) and judges it. No state outside its
// arguments, so runs and future workers can call it per domain.

import { testDefinition } from "../checks/catalogue.ts";
import { CHECKS } from "../checks/registry.ts";
import type { EvidenceKind } from "../checks/registry.ts";
import type { TestResult, TestType } from "../checks/result.ts";
import type { ProbeContext } from "../probes/context.ts";
import { probeHostAddresses } from "../probes/addresses.ts";
import { probeDnssec } from "../probes/dnssec.ts";
import type { DomainEvidence } from "../probes/evidence.ts";
import { probeNameServers } from "../probes/nameservers.ts";
import { scoreResults } from "./score.ts";

export interface TypeScanResult {
  domain: string;
  type: TestType;
  score: number | null;
  tests: Record<string, TestResult>;
}

export interface DomainScan {
  domain: string;
  evidence: DomainEvidence;
  results: TypeScanResult[];
}

interface ProbeBinding {
  run(ctx: ProbeContext, domain: string): Promise<Partial<DomainEvidence>>;
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
};

export function selectedChecks(types: readonly TestType[]) {
  return CHECKS.filter((c) => types.includes(testDefinition(c.id).type));
}

export async function scanDomain(ctx: ProbeContext, domain: string, types: readonly TestType[]): Promise<DomainScan> {
  const checks = selectedChecks(types);
  const kinds = [...new Set(checks.flatMap((c) => c.needs))];
  const evidence: DomainEvidence = { domain };
  const parts = await Promise.all(kinds.map((k) =>
    PROBES[k].run(ctx, domain).catch((err: Error) => PROBES[k].failed(domain, `internal error in the ${k} probe: ${err.message}`))));
  for (const p of parts) Object.assign(evidence, p);
  const results: TypeScanResult[] = types.map((type) => {
    const tests: Record<string, TestResult> = {};
    for (const c of checks.filter((c) => testDefinition(c.id).type === type)) {
      try {
        tests[c.id] = c.judge(evidence);
      } catch (err) {
        tests[c.id] = { status: "error", verdict: "internal_error", reason: `internal error while judging: ${(err as Error).message}`, details: {} };
      }
    }
    return { domain, type, score: scoreResults(tests).score, tests };
  });
  return { domain, evidence, results };
}
