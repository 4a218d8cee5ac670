// Starts and resumes measurement runs: records what the run is (options, versions, trust
// anchor, data sources), plans its work list from the register, and executes the pending part
// through the scan engine, committing each domain as it completes. A killed run is resumed by
// executing what is still pending with the options it was started with.

import { resolve } from "node:path";
import type { TestType } from "../checks/result.ts";
import { formatZone } from "../dns/zonefile.ts";
import { scanDomain } from "../scan/engine.ts";
import type { ScanSetup, ScanSetupOptions } from "../scan/setup.ts";
import type { RunRecord, Store } from "../store/store.ts";
import { MEETLAT_VERSION } from "../version.ts";
import { executeRun } from "./executor.ts";
import { createGroupCommit } from "./group-commit.ts";
import type { RunProgress, RunSummary } from "./executor.ts";
import { pendingWork, planRun } from "./planner.ts";
import { parseSelection } from "./selection.ts";
import type { Selection } from "./selection.ts";

/**
 * Domains completing within 500 ms of each other share a transaction (at most 256; and those
 * that completed while a batch was written follow it at once when they are at least 128, see
 * group-commit.ts): storing one domain per transaction cost a third of a run's time on SQLite,
 * and every batch costs PostgreSQL a fixed part, whatever its size. Recording 1,000 domains' results
 * in batches of 40 cost the server 0.28 s and the recorder 0.48 s of CPU; in batches of 128,
 * 0.21 s and 0.43 s. With 250 ms and 32 here, a 1,000-domain run wrote batches of about 40: the
 * domains that completed during one write were enough to start the next at once. Workers scan
 * on while their domains wait (see executor.ts); a kill loses at most the uncommitted domains,
 * which stay pending and are scanned again on resume.
 */
export const GROUP_COMMIT = { maxBatch: 256, minBatch: 128, gatherMs: 500 };

/** What a run stores about how it was asked for, so `--resume` can replay it exactly. */
export interface StoredRunOptions {
  select: string;
  types: TestType[];
  setup: ScanSetupOptions;
  concurrency: number;
  domainDeadlineSeconds: number;
}

export interface RunHooks {
  /** Builds the scan machinery for these options (the CLI's version reports usage errors). */
  openSetup(opts: ScanSetupOptions): Promise<ScanSetup>;
  onPlanned?(run: RunRecord, items: number): void;
  onProgress?(p: RunProgress): void;
  requestedBy: string;
  signal?: AbortSignal;
}

export interface RunOutcome {
  run: RunRecord;
  summary: RunSummary;
  planned: number;
  resumed: boolean;
}

export class RunStateError extends Error {}

/** File options made absolute, so that a resume from another directory finds the same files. */
export function absoluteSetupOptions(o: ScanSetupOptions): ScanSetupOptions {
  const abs = (p: string | undefined) => (p === undefined || p === "builtin" ? p : resolve(p));
  const rpki = o.rpki && {
    ...o.rpki,
    ...(o.rpki.vrpsFile !== undefined ? { vrpsFile: abs(o.rpki.vrpsFile)! } : {}),
    ...(o.rpki.routes !== undefined && !o.rpki.routes.startsWith("dns:") ? { routes: abs(o.rpki.routes)! } : {}),
  };
  return {
    ...o,
    ...(o.trustAnchorFile !== undefined ? { trustAnchorFile: abs(o.trustAnchorFile)! } : {}),
    ...(o.testnetFile !== undefined ? { testnetFile: abs(o.testnetFile)! } : {}),
    ...(o.caFile !== undefined ? { caFile: abs(o.caFile)! } : {}),
    ...(rpki ? { rpki } : {}),
  };
}

function dataSources(setup: ScanSetup): unknown[] {
  return [
    { kind: "resolvers", resolvers: setup.resolvers.map((r) => `${r.address}:${r.port}`) },
    { kind: "trust-anchor", source: setup.trustAnchorSource },
    { kind: "address-policy", allowTargets: setup.allowTargets },
    { kind: "rpki", ...setup.rpki },
  ];
}

export async function startRun(store: Store, selection: Selection, options: Omit<StoredRunOptions, "select">, hooks: RunHooks): Promise<RunOutcome> {
  const stored: StoredRunOptions = { ...options, select: selection.text, setup: absoluteSetupOptions(options.setup) };
  // The recorder (its thread, on a store that has one) gets ready while the run sets up and plans.
  store.runs.prepareRecording();
  const setup = await hooks.openSetup(stored.setup);
  try {
    const run = await store.runs.create({
      requestedBy: hooks.requestedBy,
      testTypes: stored.types,
      options: stored as unknown as Record<string, unknown>,
      versions: { meetlat: MEETLAT_VERSION, node: process.version },
      trustAnchor: formatZone(setup.trustAnchors),
      dataSources: dataSources(setup),
    });
    const planned = await planRun(store, run.id, selection, stored.types);
    hooks.onPlanned?.(run, planned);
    const summary = await execute(store, run, setup, stored, hooks);
    return { run: (await store.runs.get(run.id))!, summary, planned, resumed: false };
  } finally {
    await setup.close();
  }
}

/** Resumes run `runId`, or the newest unfinished run. */
export async function resumeRun(store: Store, runId: number | undefined, hooks: RunHooks, overrides: { concurrency?: number } = {}): Promise<RunOutcome> {
  const run = runId === undefined ? (await store.runs.list({ limit: 50 })).find((r) => r.status === "running") : await store.runs.get(runId);
  if (!run) throw new RunStateError(runId === undefined ? "there is no unfinished run to resume" : `there is no run ${runId}`);
  if (run.status !== "running") throw new RunStateError(`run ${run.id} is ${run.status}; only an unfinished run can be resumed`);
  const stored = { ...(run.options as unknown as StoredRunOptions), ...overrides };
  store.runs.prepareRecording();
  const setup = await hooks.openSetup(stored.setup);
  try {
    // Planning again is harmless (items already planned or done stay as they are) and finishes
    // a plan that a kill interrupted.
    await planRun(store, run.id, parseSelection(stored.select === "all" ? undefined : stored.select), stored.types);
    const progress = await store.runs.progress(run.id);
    hooks.onPlanned?.(run, progress.planned);
    const summary = await execute(store, run, setup, stored, hooks, countDomains(progress.done, stored.types.length));
    return { run: (await store.runs.get(run.id))!, summary, planned: progress.planned, resumed: true };
  } finally {
    await setup.close();
  }
}

async function execute(store: Store, run: RunRecord, setup: ScanSetup, o: StoredRunOptions, hooks: RunHooks, alreadyDone = 0): Promise<RunSummary> {
  const progress = await store.runs.progress(run.id);
  const commits = createGroupCommit({ write: (scans) => store.runs.record(run.id, scans), ...GROUP_COMMIT });
  const summary = await executeRun({
    items: pendingWork(store, run.id),
    total: alreadyDone + countDomains(progress.pending, o.types.length),
    itemCount: countDomains(progress.pending, o.types.length),
    scan: (domain, types) => scanDomain(setup.ctx, domain, types),
    sink: { record: (_item, scan) => commits.record(scan), drain: () => commits.drain() },
    concurrency: o.concurrency,
    domainDeadlineMs: o.domainDeadlineSeconds * 1000,
    ...(hooks.onProgress ? { onProgress: (p: RunProgress) => hooks.onProgress!({ ...p, done: p.done + alreadyDone }) } : {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
  });
  if (!hooks.signal?.aborted) {
    const after = await store.runs.progress(run.id);
    if (after.pending === 0) await store.runs.finish(run.id, "finished");
  }
  return summary;
}

/** Pending (domain, type) items are counted per type; the progress display counts domains. */
function countDomains(items: number, typesPerDomain: number): number {
  return Math.ceil(items / Math.max(1, typesPerDomain));
}
