// Probes the DNSSEC status of a domain: validates its SOA from the trust anchor.

import { rcodeName } from "../dns/rr-types.ts";
import { TYPE } from "../dns/rdata.ts";
import { NO_ANSWER_RCODE } from "../dnssec/validator.ts";
import type { ProbeContext } from "./context.ts";
import type { DnssecEvidence } from "./evidence.ts";

export async function probeDnssec(ctx: ProbeContext, domain: string): Promise<DnssecEvidence | { error: string }> {
  try {
    const r = await ctx.validator.validate(domain, TYPE.SOA);
    return {
      query: { name: domain, type: "SOA" },
      security: r.security,
      reason: r.reason,
      ...(r.ede ? { ede: r.ede } : {}),
      rcode: r.rcode === NO_ANSWER_RCODE ? "NO_ANSWER" : rcodeName(r.rcode),
      unsupportedAlgorithm: r.unsupportedAlgorithm ?? false,
      deprecatedAlgorithms: r.deprecatedAlgorithms ?? [],
      cnameChain: r.cnameChain,
      chain: r.chain,
    };
  } catch (err) {
    return { error: `validation failed unexpectedly: ${(err as Error).message}` };
  }
}
