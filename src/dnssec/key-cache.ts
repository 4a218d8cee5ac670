// A small expiring cache with in-flight de-duplication: the chain of trust for a zone is
// looked up once, however many names below it are validated at the same time. Bounded, least
// recently used out first: the zones near the root, which every validation passes, stay; the
// zones of domains validated long ago go, so a run's memory does not grow with its register.

import { normaliseName } from "../dns/name.ts";

/** Zones whose keys are kept: far more than a run validates at once (see DnsCache's bound). */
export const DEFAULT_MAX_KEY_ENTRIES = 10_000;

export class ExpiringCache<T> {
  private readonly entries = new Map<string, { value: T; validUntil: number }>();
  private readonly running = new Map<string, Promise<T>>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(now: () => number, maxEntries = DEFAULT_MAX_KEY_ENTRIES) {
    this.now = now;
    this.maxEntries = maxEntries;
  }

  get(name: string): T | undefined {
    const key = normaliseName(name);
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (hit.validUntil <= this.now()) return undefined;
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    this.entries.set(key, hit);
    return hit.value;
  }

  set(name: string, value: T, validUntil: number): void {
    if (validUntil <= this.now()) return;
    const key = normaliseName(name);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Drop the least recently used; the cache only saves work, it never decides a verdict.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, validUntil });
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
