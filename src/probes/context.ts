// What a probe may use: the DNS client (through the network gate) and the DNSSEC validator.
// Probes get everything through this context, so a run can share one cache and one set of
// per-target limits across all domains.

import type { DnsClient } from "../dns/client-types.ts";
import type { DnssecValidator } from "../dnssec/validator.ts";

export interface ProbeContext {
  dns: DnsClient;
  validator: Pick<DnssecValidator, "validate">;
}
