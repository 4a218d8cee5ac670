// What a probe may use: the DNS client (through the network gate), the DNSSEC validator and
// the run's RPKI data.
// Probes get everything through this context, so a run can share one cache and one set of
// per-target limits across all domains.

import type { DnsClient } from "../dns/client-types.ts";
import type { DnssecValidator } from "../dnssec/validator.ts";
import type { RpkiData } from "../rpki/rpki-data.ts";

export interface ProbeContext {
  dns: DnsClient;
  validator: Pick<DnssecValidator, "validate">;
  /** VRPs and routes, loaded once per run; without it the RPKI tests end in `error`. */
  rpki?: RpkiData;
}
