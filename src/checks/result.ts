// What a check produces: the shape that the JSON output, the store and the profiles share.

export type TestStatus = "passed" | "failed" | "warning" | "info" | "not_tested" | "error";

export type TestLevel = "required" | "recommended" | "optional";

export type TestType = "web" | "mail";

export interface TestResult {
  status: TestStatus;
  /** Stable, machine-readable outcome, e.g. "secure", "bogus", "ns_no_ipv6". */
  verdict: string;
  /** One readable line for people: what was found and, if it fails, what is wrong. */
  reason: string;
  /** The evidence behind the verdict (records seen, addresses tried, ...), JSON-serialisable. */
  details: Record<string, unknown>;
  /** Points awarded out of the test's full points (Internet.nl-style score), when scored. */
  points?: number;
}

/** The status a failure gets at each level (CHECKS.md: "Levels, statuses, scores"). */
export const FAILURE_STATUS_BY_LEVEL: Readonly<Record<TestLevel, TestStatus>> = {
  required: "failed",
  recommended: "warning",
  optional: "info",
};

/**
 * `error` verdicts that no retry can change, because they come from the run's configuration or
 * data (no RPKI data, stale data), not from the domain's servers. A run does not retry these.
 */
export const CONFIGURATION_ERROR_VERDICTS: ReadonlySet<string> = new Set(["no_rpki_data", "rpki_data_error", "stale_rpki_data"]);
