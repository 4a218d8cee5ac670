// Group commit for run results: domains that complete close together are stored in one
// transaction (at most `maxBatch` domains, waiting at most `maxDelayMs` for company). Each
// record() resolves only once its domain is committed, so "done" always means "stored"; a kill
// loses at most the domains of the batch being written, and those are still pending and get
// scanned again on resume. One batch is written at a time, in completion order.

import type { DomainScan } from "../scan/engine.ts";

export interface GroupCommitOptions {
  write(scans: DomainScan[]): Promise<void>;
  maxBatch: number;
  maxDelayMs: number;
}

interface Waiting {
  scan: DomainScan;
  resolve(): void;
  reject(err: unknown): void;
}

export function createGroupCommit(o: GroupCommitOptions): { record(scan: DomainScan): Promise<void> } {
  let queue: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    writing = writing.then(async () => {
      try {
        await o.write(batch.map((w) => w.scan));
        for (const w of batch) w.resolve();
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    });
  };

  return {
    record(scan) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ scan, resolve, reject });
        if (queue.length >= o.maxBatch) flush();
        else timer ??= setTimeout(flush, o.maxDelayMs);
      });
    },
  };
}
