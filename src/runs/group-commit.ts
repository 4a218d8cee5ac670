// Group commit for run results: domains that complete close together are stored in one
// transaction. Each record() resolves only once its domain is committed, so "done" always means
// "stored"; a kill loses at most the domains of the batch being written, and those are still
// pending and get scanned again on resume. One batch is written at a time, in completion order.
//
// The batches size themselves: what completes while a batch is being written is the next batch,
// written the moment the previous one is done (a faster store makes smaller, more frequent
// batches; a slower one larger ones). Only when nothing is being written does a domain wait, at
// most `gatherMs`, for company. Waiting on a timer while the store was idle had stalled runs:
// workers that had all their domains waiting for a commit stood still until the timer fired,
// and storage then cost a run several times its own time.

import type { DomainScan } from "../scan/engine.ts";

export interface GroupCommitOptions {
  write(scans: DomainScan[]): Promise<void>;
  /** At most this many domains per transaction. */
  maxBatch: number;
  /** How long a domain completing while nothing is being written waits for others. */
  gatherMs: number;
}

interface Waiting {
  scan: DomainScan;
  resolve(): void;
  reject(err: unknown): void;
}

export function createGroupCommit(o: GroupCommitOptions): { record(scan: DomainScan): Promise<void> } {
  let queue: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing = false;

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
      // What arrived during the write goes next, without waiting.
      flush();
    });
  };

  return {
    record(scan) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ scan, resolve, reject });
        if (writing) return;
        if (queue.length >= o.maxBatch) flush();
        else timer ??= setTimeout(flush, o.gatherMs);
      });
    },
  };
}
