// The tables as kysely sees them (the migrations in ./migrations/ create them). Both engines
// hand back the same JavaScript values: ids as numbers, timestamps as ISO-8601 UTC strings,
// dates as YYYY-MM-DD, JSON as text (kept byte for byte, so a run reads back exactly as stored).

import type { Generated } from "kysely";

/** ISO 8601 in UTC with milliseconds, e.g. 2024-05-01T12:00:00.000Z; sorts as text. */
export type Timestamp = string;
/** A calendar date, YYYY-MM-DD. */
export type CalendarDate = string;

export interface OrganisationTable {
  id: Generated<number>;
  /** Stable identifier from the register file (e.g. "gm0014"); names change, keys do not. */
  key: string;
  name: string;
  type: string;
  parent_id: number | null;
  merged_into_id: number | null;
  valid_from: CalendarDate | null;
  valid_to: CalendarDate | null;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganisationCodeTable {
  organisation_id: number;
  scheme: string;
  code: string;
}

export interface DomainTable {
  id: Generated<number>;
  name: string;
  purpose: string;
  source: string | null;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  /** Set by `register remove`: the row stays so that old runs still name their domains. */
  removed_at: Timestamp | null;
}

export interface DomainTagTable {
  domain_id: number;
  tag: string;
}

export interface OrganisationDomainTable {
  id: Generated<number>;
  organisation_id: number;
  domain_id: number;
  role: string;
  linked_at: Timestamp;
  /** Links are ended, never deleted, so a run can be read with the register as it was. */
  unlinked_at: Timestamp | null;
}

export interface RegisterImportTable {
  id: Generated<number>;
  imported_at: Timestamp;
  source: string;
  file_name: string | null;
  file_sha256: string | null;
  format: string;
  row_count: number;
  summary: string;
}

export interface RunTable {
  id: Generated<number>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  status: string;
  requested_by: string;
  test_types: string;
  options: string;
  versions: string;
  trust_anchor: string | null;
  data_sources: string;
}

/** JSON stored once by its content (json-blobs.ts): test details and evidence parts. */
export interface BlobTable {
  /** exactHash of the body. */
  hash: string;
  body: string;
}

/** What the probes saw for one domain; a new row only when it differs from the latest one. */
export interface EvidenceTable {
  id: Generated<number>;
  domain_id: number;
  hash: string;
  /** JSON [[key, JsonRef], ...]: the record's top-level keys in order (json-blobs.ts). */
  parts: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  first_run_id: number;
  last_run_id: number;
}

/** The judged results of one test type for one domain; a new row only when they change. */
export interface ObservationTable {
  id: Generated<number>;
  domain_id: number;
  test_type: string;
  hash: string;
  score: number | null;
  /** JSON list of the tests' results, in order (stored-tests.ts). */
  tests: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  first_run_id: number;
  last_run_id: number;
}

/** A run's plan: one row per (run, domain, test type) to measure. Pending = planned, not yet in run_domain. */
export interface RunItemTable {
  run_id: number;
  domain_id: number;
  test_type: string;
}

/** One row per (run, domain, test type) the run recorded: exactly what it saw. */
export interface RunDomainTable {
  run_id: number;
  domain_id: number;
  test_type: string;
  /** Always 'done' since migration 8 (pending items are the plan's, run_item). */
  state: string;
  observation_id: number | null;
  evidence_id: number | null;
  recorded_at: Timestamp | null;
}

/** Comply-or-explain: one finding explained until a date; revoked, never deleted (history). */
export interface ExplanationTable {
  id: Generated<number>;
  domain_id: number;
  test_id: string;
  reason: string;
  /** Last day it counts, inclusive. */
  until: CalendarDate;
  explained_by: string | null;
  created_at: Timestamp;
  /** The finding as it was when explained. */
  finding_status: string;
  finding_verdict: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface Database {
  organisation: OrganisationTable;
  organisation_code: OrganisationCodeTable;
  domain: DomainTable;
  domain_tag: DomainTagTable;
  organisation_domain: OrganisationDomainTable;
  register_import: RegisterImportTable;
  run: RunTable;
  evidence: EvidenceTable;
  observation: ObservationTable;
  run_item: RunItemTable;
  run_domain: RunDomainTable;
  blob: BlobTable;
  explanation: ExplanationTable;
}
