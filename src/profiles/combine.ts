// Combining outcomes upwards (domains into an organisation, organisations into a type): states by
// STATE_PRECEDENCE, severities by the worst, scores by the mean. One place, so the report levels
// cannot disagree.

import { STATE_PRECEDENCE } from "./types.ts";
import type { SeverityLevel, StandardState } from "./types.ts";

/** The first state of STATE_PRECEDENCE that occurs; nothing to combine is "not_measured". */
export function combineStates(states: readonly StandardState[]): StandardState {
  for (const s of STATE_PRECEDENCE) if (states.includes(s)) return s;
  return "not_measured";
}

export type SeverityOutcome = SeverityLevel | "none" | null;

/** Worst first; null (nothing ran) ranks below "none". */
const SEVERITY_RANK: Readonly<Record<SeverityLevel | "none", number>> = { high: 3, medium: 2, low: 1, none: 0 };

/** The worst severity; null only when every value is null (nothing ran anywhere). */
export function worstSeverity(values: readonly SeverityOutcome[]): SeverityOutcome {
  let worst: SeverityOutcome = null;
  for (const v of values) if (v !== null && (worst === null || SEVERITY_RANK[v] > SEVERITY_RANK[worst])) worst = v;
  return worst;
}

/** int(mean) of the scores that exist (Internet.nl truncates); null when none does. */
export function meanScore(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === "number");
  return present.length === 0 ? null : Math.floor(present.reduce((a, b) => a + b, 0) / present.length);
}
