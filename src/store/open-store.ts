// openStore: the one way to get a Store. Opens SQLite (default) or PostgreSQL, applies any
// missing migrations, and wires the register and run queries to the connection.

import type { Kysely } from "kysely";
import { describeDatabaseLocation, parseDatabaseLocation, resolveDatabaseLocation } from "./database-location.ts";
import type { DatabaseLocation } from "./database-location.ts";
import { addExplanation, explanationsForDomains, listExplanations, revokeExplanation } from "./explanations.ts";
import { migrateToLatest } from "./migrate.ts";
import { applyChanges } from "./register-apply.ts";
import { removeDomains, tagDomains } from "./register-edits.ts";
import * as q from "./register-queries.ts";
import { domainsAsOf } from "./report-queries.ts";
import { createRun, finishRun, getRun, listRuns, pendingItems, planRun, runProgress, runTestTypes } from "./run-meta.ts";
import { observationHistory, readRunResults, storageCounts } from "./run-read.ts";
import { RecorderThread } from "./recorder-thread.ts";
import { kyselyRunner } from "./kysely-runner.ts";
import { recordScans } from "./run-record.ts";
import type { Database } from "./schema.ts";
import { openSqlite } from "./sqlite/open-sqlite.ts";
import type { ImportSummary, RegisterStore, RunStore, Store } from "./store.ts";

export interface OpenStoreOptions {
  /** The clock for first/last-seen and run times (tests pin it). */
  now?: () => Date;
  /**
   * Records run results on a thread of its own (recorder-thread.ts), started by
   * runs.prepareRecording() or the first batch: what `meetlat run` does. Not for an in-memory SQLite store, which no other thread can
   * open; that one records on the calling thread as without this option.
   */
  recordOnOwnThread?: boolean;
}

/** Rolls back a dry run's transaction while carrying its summary out. */
class DryRun extends Error {
  readonly summary: ImportSummary;
  constructor(summary: ImportSummary) {
    super("dry run");
    this.summary = summary;
  }
}

/**
 * Opens the store at `location`: a DatabaseLocation, a URL/path string, or undefined for
 * --database/MEETLAT_DATABASE/./meetlat.sqlite resolution without a command-line option.
 */
export async function openStore(location?: DatabaseLocation | string, options: OpenStoreOptions = {}): Promise<Store> {
  const where = typeof location === "string" ? parseDatabaseLocation(location) : location ?? resolveDatabaseLocation(undefined);
  // pg is only loaded by stores that use it.
  const db = where.engine === "sqlite" ? openSqlite(where.path) : (await import("./postgres/open-postgres.ts")).openPostgres(where.url, where.schema);
  let applied: string[];
  try {
    applied = await migrateToLatest(db, where.engine, where.engine === "postgres" ? where.schema : undefined);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const ownThread = options.recordOnOwnThread === true && !(where.engine === "sqlite" && where.path === ":memory:");
  let recorder: RecorderThread | undefined;
  const recorderThread = () => (recorder ??= new RecorderThread(where));
  const recording: Pick<RunStore, "record" | "prepareRecording"> = ownThread
    ? { record: (runId, scans, at) => recorderThread().record(runId, scans, at ?? now()), prepareRecording: () => void recorderThread() }
    : { record: (runId, scans, at) => db.transaction().execute((trx) => recordScans(kyselyRunner(trx, where.engine), runId, scans, at ?? now())), prepareRecording: () => {} };
  return {
    engine: where.engine,
    location: describeDatabaseLocation(where),
    migrationsApplied: applied,
    register: registerStore(db, now),
    runs: runStore(db, now, recording),
    explanations: {
      add: (input) => addExplanation(db, input, now()),
      list: (filter) => listExplanations(db, filter),
      revoke: (id, by) => revokeExplanation(db, id, by, now()),
      forDomains: (domains) => explanationsForDomains(db, domains),
    },
    async close() {
      try {
        await recorder?.close();
      } finally {
        await db.destroy();
      }
    },
  };
}

function registerStore(db: Kysely<Database>, now: () => string): RegisterStore {
  return {
    apply: (changes, meta) => db.transaction().execute((trx) => applyChanges(trx, changes, meta, now())),
    async preview(changes, meta) {
      try {
        await db.transaction().execute(async (trx) => {
          const summary = await applyChanges(trx, changes, meta, now());
          throw new DryRun({ ...summary, importId: null });
        });
      } catch (err) {
        if (err instanceof DryRun) return err.summary;
        throw err;
      }
      throw new Error("unreachable: the dry-run transaction committed");
    },
    existingOrganisations: (keys) => q.existingOrganisations(db, keys),
    existingOwners: (domains) => q.existingOwners(db, domains),
    existingCodes: (codes) => q.existingCodes(db, codes),
    existingDomains: (names) => q.existingDomains(db, names),
    organisations: (filter, pageSize) => q.organisations(db, filter, pageSize),
    domains: (filter, pageSize) => q.domains(db, filter, pageSize),
    remove: (names, organisationKey) => db.transaction().execute((trx) => removeDomains(trx, names, organisationKey, now())),
    tag: (names, add, remove) => db.transaction().execute((trx) => tagDomains(trx, names, add, remove)),
    counts: (today) => q.counts(db, today ?? now().slice(0, 10)),
    domainsAsOf: (items) => domainsAsOf(db, items),
  };
}

function runStore(db: Kysely<Database>, now: () => string, recording: Pick<RunStore, "record" | "prepareRecording">): RunStore {
  return {
    create: (run) => createRun(db, run, now()),
    get: (runId) => getRun(db, runId),
    list: (options) => listRuns(db, options),
    finish: (runId, status = "finished", at) => finishRun(db, runId, status, at ?? now()),
    plan: async (runId, domains, types) => planRun(db, runId, domains, types ?? await runTestTypes(db, runId)),
    pending: (runId, options) => pendingItems(db, runId, options),
    ...recording,
    progress: (runId) => runProgress(db, runId),
    results: (runId, options) => ({
      async *[Symbol.asyncIterator]() {
        yield* readRunResults(db, runId, await runTestTypes(db, runId), options);
      },
    }),
    history: (domain, type) => observationHistory(db, domain, type),
    storageCounts: () => storageCounts(db),
  };
}
