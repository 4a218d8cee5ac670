// The store's contract: what the CLI, the runs engine, profiles and (later) the HTTP API and
// distributed workers use. Implementations: open-store.ts (SQLite and PostgreSQL behind one
// query layer). Everything is batched or paged: no call holds a whole register or run in memory.

import type { TestType } from "../checks/result.ts";
import type { DomainEvidence } from "../probes/evidence.ts";
import type { LinkRole, Purpose, RegisterChangeSet } from "../register/model.ts";
import type { DomainScan, TypeScanResult } from "../scan/engine.ts";
import type { Explanation } from "../profiles/explanation.ts";
import type { Engine } from "./engine.ts";

export interface Store {
  readonly engine: Engine;
  /** Where the store lives, for messages (no password). */
  readonly location: string;
  /** Migrations this open applied (empty when the store was already up to date). */
  readonly migrationsApplied: readonly string[];
  readonly register: RegisterStore;
  readonly runs: RunStore;
  readonly explanations: ExplanationStore;
  close(): Promise<void>;
}

// ---- the register ----------------------------------------------------------------------------

export interface OrganisationRecord {
  key: string;
  name: string;
  type: string;
  codes: Record<string, string>;
  parentKey: string | null;
  mergedIntoKey: string | null;
  validFrom: string | null;
  validTo: string | null;
  source: string | null;
  /** Domains currently linked (any role). */
  domainCount: number;
}

export interface DomainRecord {
  name: string;
  purpose: Purpose;
  tags: string[];
  source: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  removedAt: string | null;
  /** Current links, owner first. */
  organisations: { key: string; name: string; role: LinkRole }[];
}

export interface OrganisationFilter {
  type?: string;
  /** Only organisations valid on this date (YYYY-MM-DD); default: all, including merged ones. */
  validOn?: string;
}

export interface DomainFilter {
  tag?: string;
  organisationKey?: string;
  organisationType?: string;
  purpose?: Purpose;
  includeRemoved?: boolean;
}

/** What validation needs to know about the register as it is (see register/validate-against-store.ts). */
export interface ExistingOrganisation {
  key: string;
  name: string;
  type: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface ExistingOwner {
  domain: string;
  organisationKey: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface ImportMeta {
  source: string;
  fileName: string | null;
  fileSha256: string | null;
  format: string;
  rowCount: number;
}

export interface ChangeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  /** null for a dry run (nothing was written). */
  importId: number | null;
  organisations: ChangeCounts;
  domains: ChangeCounts;
  links: { added: number; unchanged: number };
  tagsAdded: number;
}

export interface RegisterCounts {
  /** Organisations valid today, by type. */
  currentOrganisationsByType: Record<string, number>;
  /** Organisations whose validity has ended (merged or dissolved). */
  formerOrganisations: number;
  domains: number;
  domainsByPurpose: Record<string, number>;
  /** Domains without any current organisation. */
  unattachedDomains: number;
  links: number;
  removedDomains: number;
}

export interface RegisterStore {
  /** Applies a validated change set in one transaction: all of it, or (on any error) nothing. */
  apply(changes: RegisterChangeSet, meta: ImportMeta): Promise<ImportSummary>;
  /** What apply would do, computed by applying inside a transaction that is rolled back. */
  preview(changes: RegisterChangeSet, meta: ImportMeta): Promise<ImportSummary>;
  existingOrganisations(keys: readonly string[]): Promise<Map<string, ExistingOrganisation>>;
  /** Current owner links of these domains, with the owners' validity. */
  existingOwners(domains: readonly string[]): Promise<ExistingOwner[]>;
  /** Organisation key holding each "scheme:code". */
  existingCodes(codes: readonly { scheme: string; code: string }[]): Promise<Map<string, string>>;
  existingDomains(names: readonly string[]): Promise<Set<string>>;
  /** Streams organisations in key order, `pageSize` rows per query. */
  organisations(filter?: OrganisationFilter, pageSize?: number): AsyncIterable<OrganisationRecord>;
  /** Streams domains in name order, `pageSize` rows per query (runs plan from this). */
  domains(filter?: DomainFilter, pageSize?: number): AsyncIterable<DomainRecord>;
  /** Ends the domains' links to one organisation, or (without one) marks the domains removed. */
  remove(names: readonly string[], organisationKey?: string): Promise<{ changed: string[]; notFound: string[] }>;
  tag(names: readonly string[], add: readonly string[], remove: readonly string[]): Promise<{ changed: string[]; notFound: string[] }>;
  counts(today?: string): Promise<RegisterCounts>;
  /** Each domain's purpose and the links in effect at its `at` (reports: the register as it was when a run measured it). */
  domainsAsOf(items: readonly { domain: string; at: string }[]): Promise<Map<string, DomainAsOf>>;
}

/** A domain with the organisations it was linked to at one moment (owner first). */
export interface DomainAsOf {
  domain: string;
  purpose: Purpose;
  organisations: { key: string; name: string; type: string; role: LinkRole; codes: Record<string, string> }[];
}

// ---- runs ------------------------------------------------------------------------------------

export type RunStatus = "running" | "finished" | "failed" | "cancelled";

export interface NewRun {
  /** Who asked for the run: a user name, "schedule", a worker id. */
  requestedBy: string;
  testTypes: TestType[];
  options?: Record<string, unknown>;
  /** meetlat, node and any rule-table versions that shaped the results. */
  versions?: Record<string, string>;
  /** The DNSSEC trust anchor used, as text (DS/DNSKEY records). */
  trustAnchor?: string | null;
  /** The register imports, resolver list, data files … the run used. */
  dataSources?: unknown[];
  startedAt?: string;
}

export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  requestedBy: string;
  testTypes: TestType[];
  options: Record<string, unknown>;
  versions: Record<string, string>;
  trustAnchor: string | null;
  dataSources: unknown[];
}

export interface RunProgress {
  planned: number;
  done: number;
  pending: number;
}

/** One domain of a run as read back: exactly what `record` was given for it. */
export interface RunDomainResult {
  domain: string;
  recordedAt: string;
  /** Present unless read with `{ evidence: false }`. */
  evidence?: DomainEvidence;
  results: TypeScanResult[];
}

/** One period during which a domain's results for a test type did not change. */
export interface ObservationPeriod {
  firstSeenAt: string;
  lastSeenAt: string;
  firstRunId: number;
  lastRunId: number;
  score: number | null;
  tests: TypeScanResult["tests"];
}

export interface RunStore {
  create(run: NewRun): Promise<RunRecord>;
  get(runId: number): Promise<RunRecord | undefined>;
  /** Newest first; page with `beforeId`. */
  list(options?: { limit?: number; beforeId?: number }): Promise<RunRecord[]>;
  finish(runId: number, status?: Exclude<RunStatus, "running">, at?: string): Promise<void>;
  /** Adds (domain, type) work items as pending; re-planning is harmless. Returns items added. */
  plan(runId: number, domains: Iterable<string> | AsyncIterable<string>, types?: readonly TestType[]): Promise<number>;
  /** Pending work in domain order, for resuming: `limit` domains after `afterDomain`. */
  pending(runId: number, options?: { limit?: number; afterDomain?: string }): Promise<{ domainId: number; domain: string; types: TestType[] }[]>;
  /**
   * Records the scans of a batch of domains in one transaction and marks their (run, domain,
   * type) items done. Idempotent: recording a domain again replaces what the run saw for it.
   * Domains not yet in the register are added to it (source "run N").
   */
  record(runId: number, scans: readonly DomainScan[], at?: string): Promise<void>;
  /**
   * Gets recording ready before the first batch comes: a store that records on a thread of its
   * own starts it now (loading its code and opening its connection while the run plans and its
   * first domains are scanned). Optional; record() does it too. A no-op otherwise.
   */
  prepareRecording(): void;
  progress(runId: number): Promise<RunProgress>;
  /** Streams the run's results in domain order, `pageSize` domains per round of queries (or one `domain`'s). */
  results(runId: number, options?: { pageSize?: number; evidence?: boolean; domain?: string }): AsyncIterable<RunDomainResult>;
  /** A domain's result history for one test type, oldest first. */
  history(domain: string, type: TestType): Promise<ObservationPeriod[]>;
  /** Rows kept for all runs: shows what storing on change saves (and feeds benchmarks). */
  storageCounts(): Promise<StorageCounts>;
}

export interface StorageCounts {
  runs: number;
  /** (run, domain, test type) items recorded: one small row each. */
  runItems: number;
  observations: number;
  observationTests: number;
  evidence: number;
}

// ---- comply-or-explain -----------------------------------------------------------------------

export interface NewExplanation {
  domain: string;
  testId: string;
  reason: string;
  /** Last day it counts, YYYY-MM-DD (today or later). */
  until: string;
  by?: string | null;
}

export interface ExplanationFilter {
  domain?: string;
  /** Include revoked explanations (default: not). */
  includeRevoked?: boolean;
  /** Only those not revoked and not expired on this day (YYYY-MM-DD). */
  activeOn?: string;
}

export interface ExplanationStore {
  /**
   * Explains the domain's latest stored finding for the test (its status and verdict are kept).
   * Throws ExplanationError (src/store/explanations.ts) for an unknown domain or test, no stored
   * result, a passed result, an empty reason, or `until` not a date or in the past.
   */
  add(input: NewExplanation): Promise<Explanation>;
  /** Newest first. */
  list(filter?: ExplanationFilter): Promise<Explanation[]>;
  /** Marks it revoked (it stays as history); unknown or already revoked: ExplanationError. */
  revoke(id: number, by?: string | null): Promise<Explanation>;
  /** Every explanation of these domains, revoked ones too (history), newest first; domains without any are absent. */
  forDomains(domains: readonly string[]): Promise<Map<string, Explanation[]>>;
}
