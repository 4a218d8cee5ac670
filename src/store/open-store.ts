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
import { openRecorderConnection } from "./recorder-connection.ts";
import type { RecorderConnection } from "./recorder-connection.ts";
import { RecorderThread } from "./recorder-thread.ts";
import type { Engine } from "./engine.ts";
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
  const recording = ownThread ? onRecorderThread(where, now) : where.engine === "postgres" ? onRecorderConnection(where, now) : onStoreConnection(db, where.engine, now);
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
        await recording.close();
      } finally {
        await db.destroy();
      }
    },
  };
}

type Recording = Pick<RunStore, "record" | "prepareRecording"> & { close(): Promise<void> };

/** What `meetlat run` does: results are recorded on a thread of their own, started by the first batch or prepareRecording(). */
function onRecorderThread(where: DatabaseLocation, now: () => string): Recording {
  let recorder: RecorderThread | undefined;
  const thread = () => (recorder ??= new RecorderThread(where));
  return {
    record: (runId, scans, at) => thread().record(runId, scans, at ?? now()),
    prepareRecording: () => void thread(),
    close: async () => recorder?.close(),
  };
}

/**
 * PostgreSQL on the calling thread: the recorder's own connection all the same (opened by the
 * first batch), which can COPY where the store's pool, driven by kysely, cannot; so every
 * recording takes the one path that the benchmarks measure.
 */
function onRecorderConnection(where: DatabaseLocation, now: () => string): Recording {
  let connection: Promise<RecorderConnection> | undefined;
  const open = () => (connection ??= openRecorderConnection(where));
  return {
    record: async (runId, scans, at) => (await open()).record(runId, scans, at ?? now()),
    prepareRecording: () => {},
    close: async () => {
      // A connection that failed to open has nothing to close (its batch reported the failure).
      const opened = await connection?.catch(() => undefined);
      await opened?.close();
    },
  };
}

/** SQLite on the calling thread: through the store's own connection (an in-memory store has no other). */
function onStoreConnection(db: Kysely<Database>, engine: Engine, now: () => string): Recording {
  return {
    record: (runId, scans, at) => db.transaction().execute((trx) => recordScans(kyselyRunner(trx, engine), runId, scans, at ?? now())),
    prepareRecording: () => {},
    close: async () => {},
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
