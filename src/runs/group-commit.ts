// Group commit for run results: domains that complete close together are stored in one
// transaction. Each record() resolves only once its domain is committed, so "done" always means
// "stored"; a kill loses at most the domains of the batch being written, and those are still
// pending and get scanned again on resume. One batch is written at a time, in completion order.
//
// A batch is written when `maxBatch` domains wait, or when the first of them has waited
// `gatherMs`; and the moment a write ends, if at least `minBatch` domains completed during it.
// Without that last rule, a store slower than the scanning had workers (whose domains all
// waited for a commit) stand still until the timer fired; without the timer's gathering, batches
// stayed small, and on PostgreSQL each batch costs a dozen round trips whatever its size.
//
// Once no more domains are coming (drain(): the work list is done, or the run was stopped),
// waiting for company only delays the end of the run: from then on what waits is written at
// once (a 1,000-domain run's last batch waited its 250 ms, a fifteenth of the run).

import type { DomainScan } from "../scan/engine.ts";

export interface GroupCommitOptions {
  write(scans: DomainScan[]): Promise<void>;
  /** At most this many domains per transaction. */
  maxBatch: number;
  /** Written as soon as the previous batch is, when at least this many are waiting. */
  minBatch: number;
  /** How long the first waiting domain waits for others. */
  gatherMs: number;
}

interface Waiting {
  scan: DomainScan;
  resolve(): void;
  reject(err: unknown): void;
}

export interface GroupCommit {
  /** Settles once this domain's batch is committed (or failed). */
  record(scan: DomainScan): Promise<void>;
  /** No more domains are coming soon: write what waits without gathering, now and from now on. */
  drain(): void;
}

export function createGroupCommit(o: GroupCommitOptions): GroupCommit {
  let queue: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing = false;
  let draining = false;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (writing || queue.length === 0) return;
    const batch = queue.slice(0, o.maxBatch);
    queue = queue.slice(batch.length);
    writing = true;
    void o.write(batch.map((w) => w.scan)).then(
      () => { for (const w of batch) w.resolve(); },
      (err: unknown) => { for (const w of batch) w.reject(err); },
    ).finally(() => {
      writing = false;
      if (queue.length >= o.minBatch || (draining && queue.length > 0)) flush();
      else if (queue.length > 0) timer ??= setTimeout(flush, o.gatherMs);
    });
  };

  return {
    record(scan) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ scan, resolve, reject });
        if (draining || queue.length >= o.maxBatch) flush();
        else timer ??= setTimeout(flush, o.gatherMs);
      });
    },
    drain() {
      draining = true;
      flush();
    },
  };
}
