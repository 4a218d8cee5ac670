// A small expiring cache with in-flight de-duplication: the chain of trust for a zone is
// looked up once, however many names below it are validated at the same time.

import { normaliseName } from "../dns/name.ts";

export class ExpiringCache<T> {
  private readonly entries = new Map<string, { value: T; validUntil: number }>();
  private readonly running = new Map<string, Promise<T>>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(now: () => number, maxEntries = 100_000) {
    this.now = now;
    this.maxEntries = maxEntries;
  }

  get(name: string): T | undefined {
    const key = normaliseName(name);
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.validUntil <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(name: string, value: T, validUntil: number): void {
    if (validUntil <= this.now()) return;
    if (this.entries.size >= this.maxEntries) {
      // Drop the oldest insertion; the cache only saves work, it never decides a verdict.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(normaliseName(name), { value, validUntil });
  }

  /**
   * The cached value, or the result of `compute`, shared with any caller asking for the same
   * name while it runs. `compute` says how long its result stays valid.
   */
  getOrCompute(name: string, compute: () => Promise<{ value: T; validUntil: number }>): Promise<T> {
    const cached = this.get(name);
    if (cached !== undefined) return Promise.resolve(cached);
    const key = normaliseName(name);
    const running = this.running.get(key);
    if (running) return running;
    const promise = compute().then(
      ({ value, validUntil }) => {
        this.running.delete(key);
        this.set(key, value, validUntil);
        return value;
      },
      (e: unknown) => {
        this.running.delete(key);
        throw e;
      },
    );
    this.running.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.entries.size;
  }
}
