// One pass over a stored run: streams its results a page of domains at a time, looks up each
// page's register links (as they were when the domain was recorded) and explanations, applies
// the profile per domain and folds the outcomes into per-type and per-organisation accumulators.
// Memory grows with the organisations, not the domains, unless domain reports are asked for.

import { TEST_CATALOGUE } from "../checks/catalogue.ts";
import { applyProfile } from "../profiles/apply-profile.ts";
import { combineStates, worstSeverity } from "../profiles/combine.ts";
import type { Explanation } from "../profiles/explanation.ts";
import type { AppliedExplanation, DomainOutcome, ProfileDefinition, SeverityLevel, StandardDefinition, StandardState } from "../profiles/types.ts";
import { TEST_TYPES_FOR_PURPOSE } from "../register/model.ts";
import type { DomainAsOf, RunDomainResult, RunRecord, Store } from "../store/store.ts";
import type { DomainReport, DomainTestRow, OrganisationReport, Tally } from "./model.ts";
import { countState, emptyTally } from "./tally.ts";

/** The organisation type under which domains without any organisation are counted. */
export const NO_ORGANISATION_TYPE = "none";

const PAGE_SIZE = 200;

const TITLES: ReadonlyMap<string, string> = new Map(TEST_CATALOGUE.map((t) => [t.id, t.title]));

export interface OrganisationAccumulator {
  key: string;
  name: string;
  type: string;
  codes: Record<string, string>;
  domainCount: number;
  /** Per standard (by index): the state combined over the domains it applies to; undefined: applies to none. */
  states: (StandardState | undefined)[];
  domainsMet: number[];
  domainsMeasured: number[];
  scoreSum: number;
  scoreCount: number;
  severity: SeverityLevel | "none" | null;
  /** Only in a detailed pass. */
  domains: string[];
  failing: OrganisationReport["failing"];
  explained: OrganisationReport["explained"];
}

export interface TypeAccumulator {
  organisations: Set<string>;
  domains: number;
  /** Per standard (by index). */
  domainTallies: Tally[];
  scoreSum: number;
  scoreCount: number;
}

export interface RunPass {
  run: RunRecord;
  asOf: string;
  byType: Map<string, TypeAccumulator>;
  organisations: Map<string, OrganisationAccumulator>;
  /** Every domain once, per standard (the trend's domain share). */
  overallDomains: Tally[];
  /** Test ids that appear anywhere in the run's results. */
  testsSeen: Set<string>;
  /** Per standard (by index): some of its tests ran in this run and some did not. */
  partial: boolean[];
  /** Present when asked for (includeDomains). */
  domains?: DomainReport[];
}

export interface PassOptions {
  /** Keep what the organisation level shows (domain lists, failing and explained tests). */
  detail: boolean;
  includeDomains: boolean;
}

export async function passOverRun(store: Store, run: RunRecord, profile: ProfileDefinition, standards: readonly StandardDefinition[], options: PassOptions): Promise<RunPass> {
  const pass: RunPass = {
    run,
    asOf: run.startedAt.slice(0, 10),
    byType: new Map(),
    organisations: new Map(),
    overallDomains: standards.map(() => emptyTally()),
    testsSeen: new Set(),
    partial: [],
    ...(options.includeDomains ? { domains: [] } : {}),
  };
  let page: RunDomainResult[] = [];
  const flush = async () => {
    const contexts = await store.register.domainsAsOf(page.map((r) => ({ domain: r.domain, at: r.recordedAt })));
    const explanations = await store.explanations.forDomains(page.map((r) => r.domain));
    for (const r of page) foldDomain(pass, profile, standards, options, r, contexts.get(r.domain), explanations.get(r.domain) ?? []);
    page = [];
  };
  for await (const r of store.runs.results(run.id, { evidence: false, pageSize: PAGE_SIZE })) {
    page.push(r);
    if (page.length >= PAGE_SIZE) await flush();
  }
  if (page.length > 0) await flush();
  markPartlyMeasured(pass, standards);
  return pass;
}

/** Flags the tallies of standards that this run measured only in part (Tally.partial). */
function markPartlyMeasured(pass: RunPass, standards: readonly StandardDefinition[]): void {
  pass.partial = standards.map((s) => {
    const seen = s.tests.filter((t) => pass.testsSeen.has(t)).length;
    return seen > 0 && seen < s.tests.length;
  });
  pass.partial.forEach((partial, i) => {
    if (!partial) return;
    pass.overallDomains[i]!.partial = true;
    for (const acc of pass.byType.values()) acc.domainTallies[i]!.partial = true;
  });
}

function foldDomain(pass: RunPass, profile: ProfileDefinition, standards: readonly StandardDefinition[], options: PassOptions,
  r: RunDomainResult, context: DomainAsOf | undefined, explanations: Explanation[]): void {
  // A domain the register never knew (added by a run) is measured for every type the run has.
  const applicableTypes = context ? TEST_TYPES_FOR_PURPOSE[context.purpose] : r.results.map((t) => t.type);
  for (const t of r.results) for (const id of Object.keys(t.tests)) pass.testsSeen.add(id);
  const outcome = applyProfile(profile, { domain: r.domain, applicableTypes, results: r.results.map((t) => ({ type: t.type, score: t.score, tests: t.tests })) }, explanations, pass.asOf);
  const byId = new Map(outcome.standards.map((s) => [s.standardId, s]));
  // Per standard index: the domain's state, or undefined when the standard does not apply to it.
  const states = standards.map((s) => (applicableTypes.includes(s.testType) ? byId.get(s.id)?.state : undefined));
  const applicable = new Set(standards.filter((_, i) => states[i] !== undefined).map((s) => s.id));

  states.forEach((state, i) => { if (state) countState(pass.overallDomains[i]!, state); });
  const organisations = context?.organisations ?? [];
  const types = organisations.length === 0 ? [NO_ORGANISATION_TYPE] : [...new Set(organisations.map((o) => o.type))];
  for (const type of types) {
    const acc = typeAccumulator(pass, type, standards.length);
    acc.domains += 1;
    states.forEach((state, i) => { if (state) countState(acc.domainTallies[i]!, state); });
    if (typeof outcome.score === "number") { acc.scoreSum += outcome.score; acc.scoreCount += 1; }
  }
  for (const o of organisations) {
    pass.byType.get(o.type)!.organisations.add(o.key);
    const acc = organisationAccumulator(pass, o, standards.length);
    foldIntoOrganisation(acc, r.domain, outcome, states, applicable, options.detail);
  }
  if (pass.domains) pass.domains.push(domainReport(r, organisations, outcome));
}

function typeAccumulator(pass: RunPass, type: string, n: number): TypeAccumulator {
  let acc = pass.byType.get(type);
  if (!acc) {
    acc = { organisations: new Set(), domains: 0, domainTallies: Array.from({ length: n }, () => emptyTally()), scoreSum: 0, scoreCount: 0 };
    pass.byType.set(type, acc);
  }
  return acc;
}

function organisationAccumulator(pass: RunPass, o: DomainAsOf["organisations"][number], n: number): OrganisationAccumulator {
  let acc = pass.organisations.get(o.key);
  if (!acc) {
    acc = {
      key: o.key, name: o.name, type: o.type, codes: o.codes, domainCount: 0,
      states: new Array<StandardState | undefined>(n).fill(undefined), domainsMet: new Array<number>(n).fill(0), domainsMeasured: new Array<number>(n).fill(0),
      scoreSum: 0, scoreCount: 0, severity: null, domains: [], failing: [], explained: [],
    };
    pass.organisations.set(o.key, acc);
  }
  return acc;
}

function foldIntoOrganisation(acc: OrganisationAccumulator, domain: string, outcome: DomainOutcome, states: readonly (StandardState | undefined)[],
  applicable: ReadonlySet<string>, detail: boolean): void {
  acc.domainCount += 1;
  states.forEach((state, i) => {
    if (!state) return;
    const before = acc.states[i];
    acc.states[i] = before === undefined ? state : combineStates([before, state]);
    if (state === "met" || state === "explained") acc.domainsMet[i]! += 1;
    if (state === "met" || state === "explained" || state === "not_met") acc.domainsMeasured[i]! += 1;
  });
  if (typeof outcome.score === "number") { acc.scoreSum += outcome.score; acc.scoreCount += 1; }
  if (outcome.severity !== undefined && outcome.severity !== null) acc.severity = acc.severity === null ? outcome.severity : worstSeverity([acc.severity, outcome.severity]);
  if (!detail) return;
  acc.domains.push(domain);
  const failing = new Set<string>();
  const explained = new Set<string>();
  for (const s of outcome.standards) {
    if (!applicable.has(s.standardId)) continue;
    for (const f of s.failing) {
      if (failing.has(f.testId)) continue;
      failing.add(f.testId);
      acc.failing.push({ domain, testId: f.testId, verdict: f.verdict, reason: f.reason });
    }
    for (const f of s.explained) {
      if (explained.has(f.testId) || !f.explanation) continue;
      explained.add(f.testId);
      acc.explained.push({ domain, testId: f.testId, verdict: f.verdict, explanation: f.explanation });
    }
  }
}

function domainReport(r: RunDomainResult, organisations: DomainAsOf["organisations"], outcome: DomainOutcome): DomainReport {
  const explanationOf = new Map<string, AppliedExplanation>();
  for (const s of outcome.standards) for (const f of s.explained) if (f.explanation) explanationOf.set(f.testId, f.explanation);
  const tests: DomainTestRow[] = [];
  for (const t of r.results) {
    for (const [testId, result] of Object.entries(t.tests)) {
      const explanation = explanationOf.get(testId);
      tests.push({ testId, type: t.type, title: TITLES.get(testId) ?? testId, status: result.status, verdict: result.verdict, reason: result.reason, ...(explanation ? { explanation } : {}) });
    }
  }
  return {
    domain: r.domain,
    organisations: organisations.map((o) => ({ key: o.key, name: o.name, type: o.type })),
    tests,
    standards: outcome.standards,
    ...(outcome.score !== undefined ? { score: outcome.score } : {}),
    ...(outcome.severity !== undefined ? { severity: outcome.severity } : {}),
  };
}
