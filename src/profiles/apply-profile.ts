// Applies a profile to one domain's stored results: each standard met, explained, not met, in
// error or not measured (CHECKS.md "Profiles"). Pure: the caller reads the store and the
// explanations; the same inputs always give the same outcome, so old runs can be judged again.
//
// Rules shared by every kind:
// - a test the standard needs that is absent from the results (not implemented, not selected)
//   makes it "not_measured", never met;
// - a test in `error` makes it "error", unless another test already fails (then "not_met");
// - a failing test that an applicable explanation covers is "explained"; the standard is
//   "explained" when every failing test is;
// - `warning`/`info` keep a test met only when it keeps its full points (CHECKS.md: "where that
//   keeps full points, such as a phase-out finding"): a ROA-less address (warning, 0 of 5) fails.

import { TEST_CATALOGUE } from "../checks/catalogue.ts";
import { knownTest } from "../checks/known-tests.ts";
import type { TestResult, TestStatus, TestType } from "../checks/result.ts";
import { scoreResults } from "../scan/score.ts";
import { combineStates, meanScore, worstSeverity } from "./combine.ts";
import { applicableExplanation, sameDomain } from "./explanation-match.ts";
import type { Explanation } from "./explanation.ts";
import { scoreCategoryTests, SEVERITY_STANDARDS, standardsOf } from "./standards-of.ts";
import type {
  DomainOutcome, DomainResults, Finding, ScoreProfile, SeverityLevel, SeverityProfile, StandardDefinition, StandardOutcome, StandardState,
  StandardsProfile, ProfileDefinition,
} from "./types.ts";

type StoredTest = DomainResults["results"][number]["tests"][string];
type StoredTests = Readonly<Record<string, StoredTest>>;

const DEFAULT_FINDING_STATUSES: readonly TestStatus[] = ["failed", "warning"];
const CATALOGUED: ReadonlySet<string> = new Set(TEST_CATALOGUE.map((t) => t.id));

interface Context {
  domain: string;
  explanations: readonly Explanation[];
  asOf: string;
  byType: ReadonlyMap<TestType, DomainResults["results"][number]>;
}

export function applyProfile(profile: ProfileDefinition, domain: DomainResults, explanations: readonly Explanation[], asOf: string): DomainOutcome {
  const ctx: Context = {
    domain: domain.domain,
    // Only this domain's explanations are looked at per finding.
    explanations: explanations.filter((e) => sameDomain(e.domain, domain.domain)),
    asOf,
    byType: new Map(domain.results.map((r) => [r.type, r])),
  };
  const applicable = new Set(domain.applicableTypes);
  switch (profile.kind) {
    case "standards":
      return { domain: domain.domain, standards: applyStandards(profile, applicable, ctx) };
    case "score":
      return applyScore(profile, applicable, ctx);
    case "severity":
      return applySeverity(profile, applicable, ctx);
  }
}

// ---- shared ------------------------------------------------------------------------------------

function finding(testId: string, t: StoredTest): Finding {
  return { testId, status: t.status, verdict: t.verdict, reason: t.reason };
}

/** False when a scored test lost points (a warning/info that is more than a note). */
function keepsFullPoints(testId: string, t: StoredTest): boolean {
  const full = knownTest(testId)?.fullPoints ?? 0;
  return full === 0 || t.points === undefined || t.points >= full;
}

/** Splits failing findings into those that still count and those an explanation covers, and decides the state. */
function outcome(standardId: string, ctx: Context, found: { failing: Finding[]; errors: Finding[]; missing: string[] }): StandardOutcome {
  const failing: Finding[] = [];
  const explained: Finding[] = [];
  for (const f of found.failing) {
    const e = applicableExplanation(ctx.explanations, f, ctx.domain, ctx.asOf);
    if (e) explained.push({ ...f, explanation: { id: e.id, reason: e.reason, until: e.until, by: e.by } });
    else failing.push(f);
  }
  const states: StandardState[] = [];
  if (failing.length) states.push("not_met");
  if (found.errors.length) states.push("error");
  if (found.missing.length) states.push("not_measured");
  if (explained.length) states.push("explained");
  const state = states.length ? combineStates(states) : "met";
  return { standardId, state, failing, explained, missing: found.missing, errors: found.errors };
}

function metOutright(standardId: string): StandardOutcome {
  return { standardId, state: "met", failing: [], explained: [], missing: [], errors: [] };
}

// ---- standards profiles ------------------------------------------------------------------------

function applyStandards(profile: StandardsProfile, applicable: ReadonlySet<TestType>, ctx: Context): StandardOutcome[] {
  return profile.standards.filter((s) => applicable.has(s.testType)).map((s) => judgeStandard(s, ctx));
}

function judgeStandard(s: StandardDefinition, ctx: Context): StandardOutcome {
  const tests = ctx.byType.get(s.testType)?.tests;
  if (tests && s.metWhen?.some((m) => { const t = tests[m.test]; return t !== undefined && m.verdicts.includes(t.verdict); })) return metOutright(s.id);
  const required = new Map((s.requireVerdicts ?? []).map((r) => [r.test, r.verdicts]));
  const notTestedMeets = new Set(s.notTestedMeets ?? []);
  const found = { failing: [] as Finding[], errors: [] as Finding[], missing: [] as string[] };
  for (const id of s.tests) {
    const t = tests?.[id];
    if (!t) found.missing.push(id);
    else if (t.status === "error") found.errors.push(finding(id, t));
    else if (!holds(id, t, notTestedMeets, required.get(id))) found.failing.push(finding(id, t));
  }
  return outcome(s.id, ctx, found);
}

function holds(id: string, t: StoredTest, notTestedMeets: ReadonlySet<string>, verdicts: readonly string[] | undefined): boolean {
  if (t.status === "not_tested" && notTestedMeets.has(id)) return true;
  // requireVerdicts: the verdict decides, whatever the status (BOD 18-01 allows TLS 1.0 that NCSC fails).
  if (verdicts) return verdicts.includes(t.verdict);
  if (t.status === "passed") return true;
  if (t.status === "warning" || t.status === "info") return keepsFullPoints(id, t);
  return false;
}

// ---- score profiles ----------------------------------------------------------------------------

/** The stored results in the shape score.ts takes (only tests it knows: catalogue ids). */
function asTestResults(tests: StoredTests): Record<string, TestResult> {
  const out: Record<string, TestResult> = {};
  for (const [id, t] of Object.entries(tests)) if (CATALOGUED.has(id)) out[id] = { ...t, details: {} };
  return out;
}

function applyScore(profile: ScoreProfile, applicable: ReadonlySet<TestType>, ctx: Context): DomainOutcome {
  const standards: StandardOutcome[] = [];
  const typeScores: (number | null)[] = [];
  for (const type of ["web", "mail"] as const) {
    if (!applicable.has(type)) continue;
    const tests = ctx.byType.get(type)?.tests;
    const breakdown = tests ? scoreResults(asTestResults(tests)) : null;
    typeScores.push(breakdown?.score ?? null);
    for (const category of profile.categories[type]) {
      const score = breakdown?.categories[category as keyof typeof breakdown.categories];
      const found = { failing: [] as Finding[], errors: [] as Finding[], missing: [] as string[] };
      for (const id of scoreCategoryTests(type, category)) {
        const t = tests?.[id];
        // A stored test this version cannot score (not in its catalogue) is as good as absent.
        if (!t || !CATALOGUED.has(id)) found.missing.push(id);
        else if (t.status === "error") found.errors.push(finding(id, t));
        // The tests that cost points stand in the way only when the category misses the bar.
        else if (score !== undefined && score < profile.passScore && !scoredInFull(id, t)) found.failing.push(finding(id, t));
      }
      standards.push(outcome(`${type}-${category}`, ctx, found));
    }
  }
  return { domain: ctx.domain, standards, score: meanScore(typeScores) };
}

/** Whether the test got its full points, counted as score.ts counts them (a missing `points` is 0). */
function scoredInFull(id: string, t: StoredTest): boolean {
  const full = knownTest(id)?.fullPoints ?? 0;
  return (t.points ?? 0) >= full;
}

// ---- severity profiles -------------------------------------------------------------------------

function severityOf(profile: SeverityProfile, testId: string): SeverityLevel {
  return profile.severities[testId] ?? profile.defaultSeverity;
}

/** A finding: a status the profile counts, except a note on a required test that keeps its points. */
function isFinding(profile: SeverityProfile, testId: string, t: StoredTest): boolean {
  if (!(profile.findingStatuses ?? DEFAULT_FINDING_STATUSES).includes(t.status)) return false;
  const note = (t.status === "warning" || t.status === "info") && knownTest(testId)?.level === "required" && keepsFullPoints(testId, t);
  return !note;
}

function applySeverity(profile: SeverityProfile, applicable: ReadonlySet<TestType>, ctx: Context): DomainOutcome {
  const standards: StandardOutcome[] = [];
  const worst: (SeverityLevel | "none" | null)[] = [];
  const definitions = new Map(standardsOf(profile).map((s) => [s.id, s]));
  for (const type of ["web", "mail"] as const) {
    if (!applicable.has(type)) continue;
    const tests = ctx.byType.get(type)?.tests ?? {};
    const findings: { f: Finding; level: SeverityLevel }[] = [];
    const errors: Finding[] = [];
    for (const [id, t] of Object.entries(tests)) {
      if (t.status === "error") errors.push(finding(id, t));
      else if (isFinding(profile, id, t)) findings.push({ f: finding(id, t), level: severityOf(profile, id) });
    }
    for (const s of SEVERITY_STANDARDS) {
      const id = `${type}-${s.suffix}`;
      const missing = (definitions.get(id)?.tests ?? []).filter((t) => !(t in tests));
      const failing = findings.filter((x) => s.forbidden.includes(x.level)).map((x) => x.f);
      standards.push(outcome(id, ctx, { failing, errors, missing }));
    }
    const ran = Object.values(tests).some((t) => t.status !== "error");
    if (!ran) {
      worst.push(null);
      continue;
    }
    // Explained findings do not count towards the worst level.
    const counting = findings.filter((x) => !applicableExplanation(ctx.explanations, x.f, ctx.domain, ctx.asOf)).map((x) => x.level);
    worst.push(worstSeverity(counting.length ? counting : ["none"]));
  }
  return { domain: ctx.domain, standards, severity: worstSeverity(worst) };
}
