// The demo checks itself: every test status a run stored for a demo domain is compared with
// the status its planted configuration calls for, so a newcomer sees that the figures mean
// what the world was built to show (and a regression in a probe or check shows up at once).

import type { Store } from "../store/store.ts";
import type { PlantedConfiguration } from "./government-world.ts";

export interface PlantedComparison {
  /** Domains with results in the run. */
  domains: number;
  /** Domains whose every stored status is the planted one. */
  agreeing: number;
  /** Planted domains the run has no results for. */
  missing: number;
  /** Test results compared. */
  tests: number;
  /** The first disagreements, as "domain test: expected X, got Y (reason)". */
  mismatches: string[];
  totalMismatches: number;
}

const LISTED_MISMATCHES = 20;

export async function comparePlanted(store: Store, runId: number, planted: readonly PlantedConfiguration[]): Promise<PlantedComparison> {
  const expected = new Map(planted.map((p) => [p.domain, new Map<string, string | undefined>(Object.entries(p.expectation.statuses))]));
  const seen = new Set<string>();
  const c: PlantedComparison = { domains: 0, agreeing: 0, missing: 0, tests: 0, mismatches: [], totalMismatches: 0 };
  for await (const r of store.runs.results(runId, { evidence: false })) {
    const statuses = expected.get(r.domain);
    if (!statuses) continue; // a domain the store holds from elsewhere
    seen.add(r.domain);
    c.domains++;
    let agrees = true;
    for (const type of r.results) {
      for (const [id, result] of Object.entries(type.tests)) {
        const want = statuses.get(id);
        if (want === undefined) continue; // a test the planted world says nothing about
        c.tests++;
        if (result.status === want) continue;
        agrees = false;
        c.totalMismatches++;
        if (c.mismatches.length < LISTED_MISMATCHES) c.mismatches.push(`${r.domain} ${id}: expected ${want}, got ${result.status} (${result.reason})`);
      }
    }
    if (agrees) c.agreeing++;
  }
  c.missing = planted.filter((p) => !seen.has(p.domain)).length;
  return c;
}
