// When an explanation covers a finding (comply-or-explain): the same domain and test, the finding
// unchanged since it was explained (same status and verdict: another verdict is a new finding),
// not expired and not revoked on the day judged. Dates compare as YYYY-MM-DD text.

import type { TestStatus } from "../checks/result.ts";
import type { Explanation } from "./explanation.ts";

export interface FindingKey {
  testId: string;
  status: TestStatus;
  verdict: string;
}

/** The day of a date or timestamp (YYYY-MM-DD), so "2024-05-01T09:00Z" is judged as 2024-05-01. */
function day(value: string): string {
  return value.slice(0, 10);
}

/** Domain names compare without case and a trailing dot. */
export function sameDomain(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\.$/, "") === b.toLowerCase().replace(/\.$/, "");
}

export function explanationApplies(e: Explanation, finding: FindingKey, domain: string, asOf: string): boolean {
  const today = day(asOf);
  return sameDomain(e.domain, domain)
    && e.testId === finding.testId
    && e.finding.status === finding.status
    && e.finding.verdict === finding.verdict
    && today <= day(e.until)
    && (e.revokedAt === null || day(e.revokedAt) > today);
}

/** The newest explanation that covers the finding (by creation time, then id), if any. */
export function applicableExplanation(explanations: readonly Explanation[], finding: FindingKey, domain: string, asOf: string): Explanation | undefined {
  let best: Explanation | undefined;
  for (const e of explanations) {
    if (!explanationApplies(e, finding, domain, asOf)) continue;
    if (!best || e.createdAt > best.createdAt || (e.createdAt === best.createdAt && e.id > best.id)) best = e;
  }
  return best;
}
