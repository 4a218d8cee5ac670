// Which judging function produces which test, and which evidence each needs. A test that a
// later issue adds is one row here plus its catalogue entry.

import type { DomainEvidence } from "../probes/evidence.ts";
import { judgeDnssecExist, judgeDnssecValid } from "./dnssec.ts";
import { judgeNsAddress, judgeNsReach, judgeWsAddress } from "./ipv6.ts";
import type { TestResult } from "./result.ts";
import { judgeNsRpkiExists, judgeNsRpkiValid, judgeWebRpkiExists, judgeWebRpkiValid } from "./rpki.ts";

export type EvidenceKind = "dnssec" | "nameServers" | "webHost" | "rpkiWebHost" | "rpkiNameServers";

export interface CheckBinding {
  id: string;
  needs: readonly EvidenceKind[];
  judge(evidence: DomainEvidence): TestResult;
}

export const CHECKS: readonly CheckBinding[] = [
  { id: "web_ipv6_ns_address", needs: ["nameServers"], judge: judgeNsAddress },
  { id: "web_ipv6_ns_reach", needs: ["nameServers"], judge: judgeNsReach },
  { id: "web_ipv6_ws_address", needs: ["webHost"], judge: judgeWsAddress },
  { id: "web_dnssec_exist", needs: ["dnssec"], judge: judgeDnssecExist },
  { id: "web_dnssec_valid", needs: ["dnssec"], judge: judgeDnssecValid },
  { id: "mail_ipv6_ns_address", needs: ["nameServers"], judge: judgeNsAddress },
  { id: "mail_ipv6_ns_reach", needs: ["nameServers"], judge: judgeNsReach },
  { id: "mail_dnssec_mailto_exist", needs: ["dnssec"], judge: judgeDnssecExist },
  { id: "mail_dnssec_mailto_valid", needs: ["dnssec"], judge: judgeDnssecValid },
  { id: "web_rpki_exists", needs: ["rpkiWebHost"], judge: judgeWebRpkiExists },
  { id: "web_rpki_valid", needs: ["rpkiWebHost"], judge: judgeWebRpkiValid },
  { id: "web_ns_rpki_exists", needs: ["rpkiNameServers"], judge: judgeNsRpkiExists },
  { id: "web_ns_rpki_valid", needs: ["rpkiNameServers"], judge: judgeNsRpkiValid },
  { id: "mail_ns_rpki_exists", needs: ["rpkiNameServers"], judge: judgeNsRpkiExists },
  { id: "mail_ns_rpki_valid", needs: ["rpkiNameServers"], judge: judgeNsRpkiValid },
];
