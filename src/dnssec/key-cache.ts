// A small expiring cache with in-flight de-duplication: the chain of trust for a zone is
// looked up once, however many names below it are validated at the same time. Bounded, least
// recently used out first: the zones near the root, which every validation passes, stay; the
// zones of domains validated long ago go, so a run's memory does not grow with its register.

import { LruMap } from "../dns/lru-map.ts";
import { normaliseName } from "../dns/name.ts";

/**
 * Names whose key entries are kept. A run reuses the entries near the root (root, TLDs) for
 * every domain and a domain's own zone only while that domain is being scanned, so the bound
 * only needs to exceed what a run has in hand (64 domains at a time by default, about one entry
 * each). Measured on a 5,000-domain run: a bound of 100 hit exactly as often as one of 10,000
 * (19,744 hits of 30,000 lookups; every hit was on an entry touched within the last 100 stores,
 * 99 % within 11), while each entry holds ~1.2 KB (keys, chain evidence): at 10,000 entries they
 * were 12 MiB, and the cache filled only after ~10,000 domains, so a run's memory grew with its
 * register up to there. 1,000 leaves ten times the room that lost nothing (~1.2 MiB).
 */
export const DEFAULT_MAX_KEY_ENTRIES = 1_000;

export class ExpiringCache<T> {
  /** Least recently used dropped first: the cache only saves work, it never decides a verdict. */
  private readonly entries: LruMap<string, { value: T; validUntil: number }>;
  private readonly running = new Map<string, Promise<T>>();
  private readonly now: () => number;

  constructor(now: () => number, maxEntries = DEFAULT_MAX_KEY_ENTRIES) {
    this.now = now;
    this.entries = new LruMap(maxEntries);
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
