// The report as data: what `buildReport` (build-report.ts) computes from a stored run, a profile
// and the explanations, and what every format (table, CSV, JSON, XLSX, HTML) renders. Formats
// never query the store or apply profiles themselves, so their numbers cannot disagree.

import type { TestStatus, TestType } from "../checks/result.ts";
import type { AppliedExplanation, DomainOutcome, LocalisedText, SeverityLevel, StandardOutcome, StandardState } from "../profiles/types.ts";

export type ReportLanguage = "nl" | "en";
export type ReportLevel = "type" | "org" | "domain";

/** Counts of domains (or organisations) per state of one standard. */
export interface Tally {
  met: number;
  explained: number;
  notMet: number;
  error: number;
  notMeasured: number;
  total: number;
  /**
   * The standard has tests that this run did not measure (not implemented yet, or not selected):
   * no domain can be confirmed as meeting it, so no share is given; failures still count.
   */
  partial?: boolean;
}

export interface ReportRunInfo {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  testTypes: TestType[];
}

export interface ReportMeta {
  run: ReportRunInfo;
  /** The run compared against (`--compare`, default the previous finished run), if any. */
  compareRun: ReportRunInfo | null;
  profile: { id: string; kind: "standards" | "score" | "severity"; title: LocalisedText; description: LocalisedText; source: string; tlsGuidelines?: string };
  /** The day explanations are judged on (the run's start date): expired ones count again. */
  asOf: string;
  generatedAt: string;
  meetlatVersion: string;
}

export interface ReportStandard {
  id: string;
  title: LocalisedText;
  testType: TestType;
  tests: string[];
  deadline?: string;
  /** True when no test of the standard is implemented or selected in this run: shown, never counted as met. */
  notMeasured: boolean;
  /** Tests of the standard that appear nowhere in the run; some but not all: partly measured (Tally.partial). */
  missingTests: string[];
}

/** The table a measurement report opens with: per organisation type and standard. */
export interface TypeSummary {
  organisationType: string;
  organisations: number;
  domains: number;
  standards: {
    standardId: string;
    organisations: Tally;
    domains: Tally;
    /** The same standard in the compared run, when there is one. */
    previous: { organisations: Tally; domains: Tally } | null;
  }[];
  /** Score profiles: mean domain score (null when nothing scored) and the compared run's. */
  meanScore?: { current: number | null; previous: number | null };
  /** Severity profiles: organisations per worst finding. */
  severity?: Record<SeverityLevel | "none", number>;
}

export interface OrganisationReport {
  key: string;
  name: string;
  type: string;
  codes: Record<string, string>;
  domains: string[];
  standards: { standardId: string; state: StandardState; domainsMet: number; domainsMeasured: number }[];
  /** Score profiles: mean of the domains' scores. */
  score?: number | null;
  /** Severity profiles: worst finding over the domains. */
  severity?: SeverityLevel | "none" | null;
  /** Failing, unexplained tests, per domain. */
  failing: { domain: string; testId: string; verdict: string; reason: string }[];
  explained: { domain: string; testId: string; verdict: string; explanation: AppliedExplanation }[];
}

export interface DomainTestRow {
  testId: string;
  type: TestType;
  title: string;
  status: TestStatus;
  verdict: string;
  reason: string;
  explanation?: AppliedExplanation;
}

export interface DomainReport {
  domain: string;
  organisations: { key: string; name: string; type: string }[];
  tests: DomainTestRow[];
  standards: StandardOutcome[];
  score?: DomainOutcome["score"];
  severity?: DomainOutcome["severity"];
}

/** One point of the trend over the runs in the store (share of domains meeting each standard). */
export interface TrendPoint {
  runId: number;
  startedAt: string;
  standards: { standardId: string; domainShare: number | null; organisationShare: number | null }[];
}

export interface Report {
  meta: ReportMeta;
  standards: ReportStandard[];
  byType: TypeSummary[];
  organisations: OrganisationReport[];
  /** Omitted when the caller asked for the summary levels only (it is the large part). */
  domains?: DomainReport[];
  trend: TrendPoint[];
}

/**
 * Share that complies: (met + explained) / (met + explained + notMet); null when none was
 * measured, or when the standard was only partly measured (a share would read as 0 %).
 */
export function complianceShare(t: Tally): number | null {
  if (t.partial) return null;
  const measured = t.met + t.explained + t.notMet;
  return measured === 0 ? null : (t.met + t.explained) / measured;
}
