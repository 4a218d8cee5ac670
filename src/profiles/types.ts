// The vocabulary of profiles: what a profile file defines (validated by profile-schema.ts on
// load) and what applying one to a domain's stored results gives. A profile is data: adding one
// is adding a JSON file to ./definitions/ (or `--profile-file`), never code.

import type { TestStatus, TestType } from "../checks/result.ts";

/** Text in the report languages; `en` is the fallback. */
export interface LocalisedText {
  nl?: string;
  en: string;
}

/**
 * One standard of a profile (e.g. "DNSSEC for the website"): met when every listed test of its
 * test type passed (or ended `warning`/`info`, which keep full points), unless a rule below says
 * otherwise.
 */
export interface StandardDefinition {
  id: string;
  title: LocalisedText;
  testType: TestType;
  /** Tests that must all hold. None ran (or some are not implemented) -> "not_measured". */
  tests: string[];
  /** Tests whose `not_tested` still counts as met (CHECKS.md: "only where this list says so"). */
  notTestedMeets?: string[];
  /**
   * Whole-standard exemptions by verdict: when `test` has one of `verdicts`, the standard is met
   * whatever the other tests say (null MX meets STARTTLS and DANE; a non-sending domain meets DKIM).
   */
  metWhen?: { test: string; verdicts: string[] }[];
  /**
   * Requirements on a test's verdict (e.g. BOD 18-01: DMARC p=reject). A test listed here is met
   * when its verdict is one of `verdicts`, whatever its status (`error` stays an error), so a
   * profile can also be laxer than the check (BOD 18-01 allows TLS 1.0, which NCSC-NL fails).
   */
  requireVerdicts?: { test: string; verdicts: string[] }[];
  /** The agreed deadline (YYYY-MM-DD), shown in reports. */
  deadline?: string;
}

interface ProfileBase {
  id: string;
  title: LocalisedText;
  description: LocalisedText;
  /** Where the rules come from (law, agreement, document), shown in reports. */
  source: string;
  /** The TLS classification the profile judges by ("ncsc-2025", "ncsc-2.1.1"), when it matters. */
  tlsGuidelines?: string;
  /** For the profile's maintainers: how the rules were read, verdicts future checks must use. Not shown in reports. */
  notes?: string;
}

/** A list of standards, each met or not per domain; organisations meet one when all their domains do. */
export interface StandardsProfile extends ProfileBase {
  kind: "standards";
  standards: StandardDefinition[];
}

/** The Internet.nl-style score; each category becomes a standard, met at `passScore`. */
export interface ScoreProfile extends ProfileBase {
  kind: "score";
  /** Categories per test type, in report order (catalogue.ts gives each test's category). */
  categories: Record<TestType, string[]>;
  /** A category (and the domain as a whole) counts as met at this score; Internet.nl's "100 %". */
  passScore: number;
}

export type SeverityLevel = "high" | "medium" | "low";

/** Every failing test has a severity; a domain (and an organisation) is as bad as its worst finding. */
export interface SeverityProfile extends ProfileBase {
  kind: "severity";
  /** Severity of a finding per test id; tests not listed use `defaultSeverity`. */
  severities: Record<string, SeverityLevel>;
  defaultSeverity: SeverityLevel;
  /** Statuses that count as a finding (default: failed and warning). */
  findingStatuses?: TestStatus[];
  /** The standards (one per test type: "no high findings", ...) are derived by the engine. */
}

export type ProfileDefinition = StandardsProfile | ScoreProfile | SeverityProfile;

// ---- outcomes ---------------------------------------------------------------------------------

/**
 * A standard's state for one domain or organisation. Shares of compliance are
 * (met + explained) / (met + explained + not_met); `error` and `not_measured` are counted apart
 * and never as met or not met.
 */
export type StandardState = "met" | "explained" | "not_met" | "error" | "not_measured";

/** Precedence when states combine (an organisation over its domains): the first that occurs wins. */
export const STATE_PRECEDENCE: readonly StandardState[] = ["not_met", "error", "not_measured", "explained", "met"];

/** One test result as a profile saw it. */
export interface Finding {
  testId: string;
  status: TestStatus;
  verdict: string;
  reason: string;
  /** Set when an explanation covers this finding (it then does not count against the standard). */
  explanation?: AppliedExplanation;
}

export interface AppliedExplanation {
  id: number;
  reason: string;
  /** YYYY-MM-DD, inclusive. */
  until: string;
  by: string | null;
}

export interface StandardOutcome {
  standardId: string;
  state: StandardState;
  /** Tests that stand in the way (not explained). */
  failing: Finding[];
  /** Failing tests that an explanation covers. */
  explained: Finding[];
  /** Tests the standard needs that did not run (not implemented, not selected). */
  missing: string[];
  /** Tests that ended in `error`. */
  errors: Finding[];
}

/** A profile applied to one domain of one run. */
export interface DomainOutcome {
  domain: string;
  standards: StandardOutcome[];
  /** Score profiles: the domain score (mean over test types that ran), null when nothing scored. */
  score?: number | null;
  /** Severity profiles: the worst finding, "none" when there is none, null when nothing ran. */
  severity?: SeverityLevel | "none" | null;
}

/** What a profile needs to know about one domain: its stored results and explanations. */
export interface DomainResults {
  domain: string;
  /** Test types the domain should have (from its purpose); the profile ignores standards of others. */
  applicableTypes: readonly TestType[];
  /** Per test type that ran: the stored results by test id, and the stored score. */
  results: { type: TestType; score: number | null; tests: Record<string, { status: TestStatus; verdict: string; reason: string; points?: number }> }[];
}
