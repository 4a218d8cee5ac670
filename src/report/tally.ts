// Counting standard states into a Tally (model.ts): the one place that maps a state to its field.

import type { StandardState } from "../profiles/types.ts";
import { complianceShare } from "./model.ts";
import type { Tally } from "./model.ts";

const FIELD: Readonly<Record<StandardState, keyof Omit<Tally, "total" | "partial">>> = {
  met: "met",
  explained: "explained",
  not_met: "notMet",
  error: "error",
  not_measured: "notMeasured",
};

export function emptyTally(): Tally {
  return { met: 0, explained: 0, notMet: 0, error: 0, notMeasured: 0, total: 0 };
}

export function countState(tally: Tally, state: StandardState): void {
  tally[FIELD[state]] += 1;
  tally.total += 1;
}

/** Compliant (met or explained) and measured (met, explained or not met): the two counts behind a share. */
export function compliantOf(t: Tally): { compliant: number; measured: number } {
  return { compliant: t.met + t.explained, measured: t.met + t.explained + t.notMet };
}

/** The change in compliance share between two tallies, in percentage points; null when either was not measured. */
export function changeInPoints(current: Tally, previous: Tally | null | undefined): number | null {
  if (!previous) return null;
  const now = complianceShare(current);
  const before = complianceShare(previous);
  return now === null || before === null ? null : (now - before) * 100;
}
