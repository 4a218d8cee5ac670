// Executes a measurement run's work list through the scan engine: a bounded number of domains
// at a time, a hard deadline per domain, each domain handed to the sink (which commits it) as
// soon as it completes, and the domains that ended in `error` tried once more at the end.
// The work list is streamed (an async iterable), so memory does not grow with the register.
//
// A worker does not wait for its domain's commit before scanning the next one: commits are
// grouped (group-commit.ts), and workers that waited for them all stood still while a batch was
// written, and until the slowest domain of the batch was done. At most MAX_UNCOMMITTED_PER_WORKER
// domains a worker wait for their commit; a domain counts as done (progress, summary) only once
// it is committed, and a failed commit fails the run.

import { CONFIGURATION_ERROR_VERDICTS } from "../checks/result.ts";
import type { TestType } from "../checks/result.ts";
import { testDefinition } from "../checks/catalogue.ts";
import { selectedChecks } from "../scan/engine.ts";
import type { DomainScan, TypeScanResult } from "../scan/engine.ts";

export interface RunWorkItem {
  domainId: number;
  domain: string;
  types: readonly TestType[];
}

export interface RunSink {
  /** Stores one domain's results; called once per domain and attempt, committed when it resolves. */
  record(item: RunWorkItem, scan: DomainScan, attempt: number): Promise<void>;
  /** Few or no more domains will start (the run's endgame, its work list done, or the run stops): commit what waits without gathering. */
  drain?(): void;
}

export interface RunProgress {
  done: number;
  /** Known total, when the planner could count the work list. */
  total?: number;
  errors: number;
  retrying: boolean;
  domain: string;
}

export interface ExecuteOptions {
  items: AsyncIterable<RunWorkItem>;
  scan(domain: string, types: readonly TestType[]): Promise<DomainScan>;
  sink: RunSink;
  concurrency: number;
  /** A domain still running after this many ms is recorded as `error` and the run moves on. */
  domainDeadlineMs: number;
  total?: number;
  /**
   * How many domains `items` holds, when known. Once all but `concurrency` of them have started,
   * the sink is drained: see ENDGAME below.
   */
  itemCount?: number;
  onProgress?(p: RunProgress): void;
  signal?: AbortSignal;
}

export interface RunSummary {
  domains: number;
  /** Domains that still had an `error` result after their retry. */
  errorDomains: number;
  retried: number;
  seconds: number;
}

/** An error that trying again could fix (a timeout, a refused connection), not one of configuration. */
function hasRetryableError(results: readonly TypeScanResult[]): boolean {
  return results.some((r) => Object.values(r.tests).some((t) => t.status === "error" && !CONFIGURATION_ERROR_VERDICTS.has(t.verdict)));
}

/** The results a domain gets when it exceeds its deadline: every test `error`, saying so. */
export function deadlineScan(item: RunWorkItem, deadlineMs: number): DomainScan {
  const reason = `the domain did not finish within its deadline of ${Math.round(deadlineMs / 1000)} s`;
  const checks = selectedChecks(item.types);
  const results: TypeScanResult[] = item.types.map((type) => {
    const ids = checks.filter((c) => testDefinition(c.id).type === type).map((c) => c.id);
    const tests = Object.fromEntries(ids.map((id) => [id, { status: "error" as const, verdict: "deadline", reason, details: {} }]));
    return { domain: item.domain, type, score: null, tests };
  });
  return { domain: item.domain, evidence: { domain: item.domain }, results };
}

async function withDeadline(item: RunWorkItem, o: ExecuteOptions): Promise<DomainScan> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"deadline">((resolve) => { timer = setTimeout(() => resolve("deadline"), o.domainDeadlineMs); });
  try {
    const outcome = await Promise.race([o.scan(item.domain, item.types), deadline]);
    return outcome === "deadline" ? deadlineScan(item, o.domainDeadlineMs) : outcome;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Domains per worker that may wait for their commit while the worker scans on. A commit takes
 * a gathering (up to 500 ms), a batch's write, and with recording on its own thread a hand-over:
 * at 2, workers at 10,000 domains often stood still waiting for it (on PostgreSQL the first
 * and repeat runs took 2.7 s and 1.7 s longer than at 8); 8 holds at most 512 scans at 64
 * workers, about 10 MiB.
 */
export const MAX_UNCOMMITTED_PER_WORKER = 8;

/**
 * ENDGAME: the run ends when its last domain is committed, so the batch being written when the
 * last domains complete, and theirs, are the run's only waits for storage. Once the last
 * `concurrency` domains have started, the sink writes what waits at once (its drain) rather than
 * gathering: batches become smaller while those domains finish, so that little is left to write
 * after them. Draining only when the work list ran out left a batch of about 120 domains to write
 * as the last 60 completed: 1,000 simulated domains on PostgreSQL ended 37–82 ms after their last
 * scan, about 4 % of the run; with the endgame, 12–35 ms (2026-11-24).
 */
export async function executeRun(o: ExecuteOptions): Promise<RunSummary> {
  const started = performance.now();
  let done = 0;
  let errors = 0;
  const retry: RunWorkItem[] = [];

  const pass = async (source: AsyncIterator<RunWorkItem> | Iterator<RunWorkItem>, attempt: number) => {
    const committing = new Set<Promise<void>>();
    let taken = 0;
    const endgameAt = attempt === 1 && o.itemCount !== undefined ? o.itemCount - o.concurrency : Infinity;
    let commitFailure: { error: unknown } | undefined;
    const committed = (item: RunWorkItem, failed: boolean) => {
      if (attempt === 1) {
        done++;
        if (failed) { errors++; retry.push(item); }
      } else if (!failed) {
        errors--;
      }
      o.onProgress?.({ done, ...(o.total === undefined ? {} : { total: o.total }), errors, retrying: attempt > 1, domain: item.domain });
    };
    const worker = async () => {
      const mine = new Set<Promise<void>>();
      for (;;) {
        if (o.signal?.aborted || commitFailure) break;
        const next = await source.next();
        if (next.done) break;
        const item = next.value;
        if (++taken === Math.max(1, endgameAt)) o.sink.drain?.();
        const scan = await withDeadline(item, o);
        const failed = hasRetryableError(scan.results);
        const commit: Promise<void> = o.sink.record(item, scan, attempt).then(
          () => committed(item, failed),
          (error: unknown) => { commitFailure ??= { error }; },
        ).finally(() => { mine.delete(commit); committing.delete(commit); });
        mine.add(commit);
        committing.add(commit);
        while (mine.size >= MAX_UNCOMMITTED_PER_WORKER) await Promise.race(mine);
      }
      // This worker starts no more domains: what waits for company need not wait.
      o.sink.drain?.();
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    await Promise.all(committing);
    if (commitFailure) throw commitFailure.error;
  };

  await pass(o.items[Symbol.asyncIterator](), 1);
  const retried = retry.length;
  if (retried > 0 && !o.signal?.aborted) await pass(retry[Symbol.iterator](), 2);
  return { domains: done, errorDomains: errors, retried, seconds: (performance.now() - started) / 1000 };
}
