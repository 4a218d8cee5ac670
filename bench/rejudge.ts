// Results as a live run builds them, from stored evidence: the checks (pure functions) judge the
// evidence again, so their details share objects with the evidence exactly as in a run, which
// the recorder relies on to avoid writing the same JSON out twice. Storage benchmarks replay
// these rather than the results as read back (where nothing is shared).

import { testDefinition } from "../src/checks/catalogue.ts";
import type { TestResult, TestType } from "../src/checks/result.ts";
import type { DomainEvidence } from "../src/probes/evidence.ts";
import { selectedChecks } from "../src/scan/engine.ts";
import type { DomainScan } from "../src/scan/engine.ts";
import { scoreResults } from "../src/scan/score.ts";

/**
 * Evidence read back has a copy of the run's RPKI data description per domain and part; in a run
 * they are all one object (the scan setup's), which the recorder writes out once per batch. This
 * makes them one object again, by their text, so that a replay records what a run records.
 */
export function runWideValuesShared(): (evidence: DomainEvidence) => DomainEvidence {
  const seen = new Map<string, unknown>();
  return (evidence) => {
    // Every RPKI part (rpkiWebHost, rpkiNameServers and whatever later tests add).
    for (const [key, value] of Object.entries(evidence)) {
      const part = value as { data?: unknown } | undefined;
      if (!key.startsWith("rpki") || typeof part?.data !== "object") continue;
      const text = JSON.stringify(part.data);
      const first = seen.get(text);
      if (first === undefined) seen.set(text, part.data);
      else part.data = first;
    }
    return evidence;
  };
}

export function rejudge(domain: string, evidence: DomainEvidence, types: readonly TestType[]): DomainScan {
  const checks = selectedChecks(types);
  const results = types.map((type) => {
    const tests: Record<string, TestResult> = {};
    for (const c of checks.filter((c) => testDefinition(c.id).type === type)) tests[c.id] = c.judge(evidence);
    return { domain, type, score: scoreResults(tests).score, tests };
  });
  return { domain, evidence, results };
}
