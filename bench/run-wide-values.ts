// Replays judge a run's stored evidence again (judgeScan), so that the results' details share
// objects with the evidence exactly as in a run, which the recorder relies on to avoid writing
// the same JSON out twice. This restores the sharing that goes further: values the run used for
// every domain.

import type { DomainEvidence } from "../src/probes/evidence.ts";

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
