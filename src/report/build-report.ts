// buildReport: a stored run, a profile and the explanations in, the Report (model.ts) out. The
// run is read in one streamed pass (run-pass.ts); the compared run and the trend's runs get a
// pass each that keeps only tallies. Formats render the Report and never query the store.

import { meanScore } from "../profiles/combine.ts";
import { standardsOf } from "../profiles/standards-of.ts";
import type { ProfileDefinition, SeverityLevel, StandardDefinition } from "../profiles/types.ts";
import { ORGANISATION_TYPES } from "../register/model.ts";
import type { RunRecord, Store } from "../store/store.ts";
import { MEETLAT_VERSION } from "../version.ts";
import { complianceShare } from "./model.ts";
import type { OrganisationReport, Report, ReportRunInfo, ReportStandard, Tally, TrendPoint, TypeSummary } from "./model.ts";
import { NO_ORGANISATION_TYPE, passOverRun } from "./run-pass.ts";
import type { OrganisationAccumulator, RunPass } from "./run-pass.ts";
import { countState, emptyTally } from "./tally.ts";

/** A report that cannot be built as asked (no such run, nothing finished yet): a usage error for the CLI. */
export class ReportError extends Error {}

export interface BuildReportOptions {
  /** Default: the latest finished run. */
  runId?: number;
  profile: ProfileDefinition;
  /** undefined: the finished run before `runId`; null: no comparison. */
  compareRunId?: number | null;
  /** Also the per-domain level (every test of every domain: the large part). */
  includeDomains?: boolean;
  /** How many finished runs up to the run the trend shows (default 10). */
  trendRuns?: number;
  now?: () => Date;
}

const SEVERITIES: readonly (SeverityLevel | "none")[] = ["high", "medium", "low", "none"];
const LIST_PAGE = 100;

export async function buildReport(store: Store, options: BuildReportOptions): Promise<Report> {
  const { profile } = options;
  const run = await chooseRun(store, options.runId);
  const compareRun = await chooseCompareRun(store, run, options.compareRunId);
  const standards = standardsOf(profile);
  const main = await passOverRun(store, run, profile, standards, { detail: true, includeDomains: options.includeDomains ?? false });
  const compare = compareRun ? await passOverRun(store, compareRun, profile, standards, { detail: false, includeDomains: false }) : null;
  const trend = await trendOf(store, profile, standards, run, options.trendRuns ?? 10, [main, ...(compare ? [compare] : [])]);
  return {
    meta: {
      run: runInfo(run),
      compareRun: compareRun ? runInfo(compareRun) : null,
      profile: {
        id: profile.id, kind: profile.kind, title: profile.title, description: profile.description, source: profile.source,
        ...(profile.tlsGuidelines !== undefined ? { tlsGuidelines: profile.tlsGuidelines } : {}),
      },
      asOf: main.asOf,
      generatedAt: (options.now ?? (() => new Date()))().toISOString(),
      meetlatVersion: MEETLAT_VERSION,
    },
    standards: standards.map((s): ReportStandard => ({
      id: s.id, title: s.title, testType: s.testType, tests: [...s.tests],
      ...(s.deadline !== undefined ? { deadline: s.deadline } : {}),
      notMeasured: !s.tests.some((t) => main.testsSeen.has(t)),
      missingTests: s.tests.filter((t) => !main.testsSeen.has(t)),
    })),
    byType: typeSummaries(profile, standards, main, compare),
    organisations: organisationReports(profile, standards, main),
    ...(main.domains ? { domains: main.domains } : {}),
    trend,
  };
}

/**
 * The mean score of what was folded in, rounded as meanScore rounds (a running sum keeps memory
 * flat: the mean of one value, the exact mean, is meanScore's mean of them all).
 */
function mean(acc: { scoreSum: number; scoreCount: number } | undefined): number | null {
  return acc && acc.scoreCount > 0 ? meanScore([acc.scoreSum / acc.scoreCount]) : null;
}

function runInfo(r: RunRecord): ReportRunInfo {
  return { id: r.id, startedAt: r.startedAt, finishedAt: r.finishedAt, status: r.status, testTypes: [...r.testTypes] };
}

/** The run asked for, or the latest finished one; ReportError when there is none. */
export async function chooseRun(store: Store, runId: number | undefined): Promise<RunRecord> {
  if (runId !== undefined) {
    const run = await store.runs.get(runId);
    if (!run) throw new ReportError(`there is no run ${runId}`);
    return run;
  }
  const [latest] = await finishedRuns(store, undefined, 1);
  if (!latest) throw new ReportError("there is no finished run to report on: measure first (meetlat run)");
  return latest;
}

async function chooseCompareRun(store: Store, run: RunRecord, compareRunId: number | null | undefined): Promise<RunRecord | null> {
  if (compareRunId === null) return null;
  if (compareRunId === undefined) return (await finishedRuns(store, run.id, 1))[0] ?? null;
  if (compareRunId === run.id) throw new ReportError(`run ${run.id} cannot be compared with itself`);
  const other = await store.runs.get(compareRunId);
  if (!other) throw new ReportError(`there is no run ${compareRunId} to compare with`);
  return other;
}

/** Up to `n` finished runs with an id below `beforeId` (all when undefined), newest first. */
async function finishedRuns(store: Store, beforeId: number | undefined, n: number): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  let before = beforeId;
  while (out.length < n) {
    const page = await store.runs.list({ limit: LIST_PAGE, ...(before !== undefined ? { beforeId: before } : {}) });
    out.push(...page.filter((r) => r.status === "finished").slice(0, n - out.length));
    if (page.length < LIST_PAGE) break;
    before = page.at(-1)!.id;
  }
  return out;
}

/** Organisation tallies per type (an organisation counts under its own type) and over all organisations. */
function organisationTallies(pass: RunPass, n: number): { byType: Map<string, Tally[]>; overall: Tally[] } {
  const byType = new Map<string, Tally[]>();
  const overall = Array.from({ length: n }, () => emptyTally());
  for (const o of pass.organisations.values()) {
    if (!byType.has(o.type)) byType.set(o.type, Array.from({ length: n }, () => emptyTally()));
    const tallies = byType.get(o.type)!;
    o.states.forEach((state, i) => {
      if (pass.partial[i]) { tallies[i]!.partial = true; overall[i]!.partial = true; }
      if (!state) return;
      countState(tallies[i]!, state);
      countState(overall[i]!, state);
    });
  }
  return { byType, overall };
}

/** Register types in the register's order, then other types by name, domains without an organisation last. */
function typeOrder(a: string, b: string): number {
  const rank = (t: string) => (t === NO_ORGANISATION_TYPE ? ORGANISATION_TYPES.length + 1 : ORGANISATION_TYPES.includes(t) ? ORGANISATION_TYPES.indexOf(t) : ORGANISATION_TYPES.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function typeSummaries(profile: ProfileDefinition, standards: readonly StandardDefinition[], main: RunPass, compare: RunPass | null): TypeSummary[] {
  const current = organisationTallies(main, standards.length);
  const previous = compare ? organisationTallies(compare, standards.length) : null;
  return [...main.byType.keys()].sort(typeOrder).map((type): TypeSummary => {
    const acc = main.byType.get(type)!;
    const before = compare?.byType.get(type);
    const summary: TypeSummary = {
      organisationType: type,
      organisations: acc.organisations.size,
      domains: acc.domains,
      standards: standards.map((s, i) => ({
        standardId: s.id,
        organisations: current.byType.get(type)?.[i] ?? emptyTally(),
        domains: acc.domainTallies[i]!,
        previous: compare ? { organisations: previous!.byType.get(type)?.[i] ?? emptyTally(), domains: before?.domainTallies[i] ?? emptyTally() } : null,
      })),
    };
    if (profile.kind === "score") summary.meanScore = { current: mean(acc), previous: compare ? mean(before) : null };
    if (profile.kind === "severity") {
      const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<SeverityLevel | "none", number>;
      for (const o of main.organisations.values()) if (o.type === type && o.severity) counts[o.severity] += 1;
      summary.severity = counts;
    }
    return summary;
  });
}

function organisationReports(profile: ProfileDefinition, standards: readonly StandardDefinition[], pass: RunPass): OrganisationReport[] {
  const byTypeThenName = (a: OrganisationAccumulator, b: OrganisationAccumulator) => typeOrder(a.type, b.type) || a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
  return [...pass.organisations.values()].sort(byTypeThenName).map((o): OrganisationReport => ({
    key: o.key, name: o.name, type: o.type, codes: o.codes, domains: o.domains,
    standards: standards.flatMap((s, i) => {
      const state = o.states[i];
      return state ? [{ standardId: s.id, state, domainsMet: o.domainsMet[i]!, domainsMeasured: o.domainsMeasured[i]! }] : [];
    }),
    ...(profile.kind === "score" ? { score: mean(o) } : {}),
    ...(profile.kind === "severity" ? { severity: o.severity } : {}),
    failing: o.failing,
    explained: o.explained,
  }));
}

/** Shares of domains and organisations per standard over the last `count` finished runs up to `run` (and `run` itself). */
async function trendOf(store: Store, profile: ProfileDefinition, standards: readonly StandardDefinition[], run: RunRecord, count: number, known: readonly RunPass[]): Promise<TrendPoint[]> {
  if (count < 1) return [];
  const runs = [...(await finishedRuns(store, run.id, count - 1)).reverse(), run];
  const points: TrendPoint[] = [];
  for (const r of runs) {
    const pass = known.find((p) => p.run.id === r.id) ?? await passOverRun(store, r, profile, standards, { detail: false, includeDomains: false });
    const organisations = organisationTallies(pass, standards.length).overall;
    points.push({
      runId: r.id,
      startedAt: r.startedAt,
      standards: standards.map((s, i) => ({ standardId: s.id, domainShare: complianceShare(pass.overallDomains[i]!), organisationShare: complianceShare(organisations[i]!) })),
    });
  }
  return points;
}
