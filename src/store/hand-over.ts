// What crosses from the scanning thread to the recorder thread for each domain. The structured
// clone of a batch is the recording's one cost on the scanning thread, which sets a run's pace,
// and a domain's results are more than half of it, since the clone writes every test's reason
// and details out anew: 1,000 simulated domains' scans cloned to 7.0 MB in 32–44 ms, their
// evidence alone to 3.0 MB in 19–25 ms (2026-11-24). Results judged from the evidence are
// therefore left behind and judged again from it on the recorder thread (checks are pure
// functions of the evidence, src/scan/judge.ts; about 40 ms per 1,000 domains); results made
// otherwise (a domain stopped at its deadline) go across as they are.

import type { TestType } from "../checks/result.ts";
import { isJudgedFromEvidence, judgeScan } from "../scan/judge.ts";
import type { DomainScan } from "../scan/judge.ts";

/** A scan without its results, which judging `evidence` for `types` gives again. */
export interface EvidenceOnlyScan {
  domain: string;
  evidence: DomainScan["evidence"];
  types: TestType[];
}

export type HandedOverScan = DomainScan | EvidenceOnlyScan;

/** The form in which `scan` is handed over: without its results when judging gives them again. */
export function handOverForm(scan: DomainScan): HandedOverScan {
  if (!isJudgedFromEvidence(scan)) return scan;
  return { domain: scan.domain, evidence: scan.evidence, types: scan.results.map((r) => r.type) };
}

/** The scan as it was before the hand-over (on the recorder thread). */
export function scanFromHandOver(handedOver: HandedOverScan): DomainScan {
  return "results" in handedOver ? handedOver : judgeScan(handedOver.domain, handedOver.evidence, handedOver.types);
}
