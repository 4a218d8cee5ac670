// Judging a domain's evidence: the checks of the selected test types, each a pure function of
// the evidence, and the score per type. Kept apart from the probes (engine.ts) so that a thread
// that only judges and records (the recorder, src/store/recorder-worker.ts) loads the checks
// and nothing of the network code.

import { testDefinition } from "../checks/catalogue.ts";
import { CHECKS } from "../checks/registry.ts";
import type { TestResult, TestType } from "../checks/result.ts";
import type { DomainEvidence } from "../probes/evidence.ts";
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

export function selectedChecks(types: readonly TestType[]) {
  return CHECKS.filter((c) => types.includes(testDefinition(c.id).type));
}

/** Scans whose results judgeScan made from their evidence: judging the evidence again gives them again. */
const judgedFromEvidence = new WeakSet<DomainScan>();

/**
 * The domain's results for `types`, judged from `evidence`. Checks are pure functions of the
 * evidence, so the same evidence gives the same results on any thread, at any time.
 */
export function judgeScan(domain: string, evidence: DomainEvidence, types: readonly TestType[]): DomainScan {
  const checks = selectedChecks(types);
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
  const scan = { domain, evidence, results };
  judgedFromEvidence.add(scan);
  return scan;
}

/**
 * Whether `scan` came from judgeScan as it is: its results are judgeScan of its evidence and
 * their types. Results made otherwise (a domain stopped at its deadline) or copied say no.
 */
export function isJudgedFromEvidence(scan: DomainScan): boolean {
  return judgedFromEvidence.has(scan);
}
