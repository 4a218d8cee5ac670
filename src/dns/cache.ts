// A cache of whole DNS responses, keyed by what makes responses differ: the name (lower-cased),
// the type, and the DO, CD and RD bits (a DO=0 answer lacks the RRSIGs a DO=1 caller needs).
//
// How long a response is kept:
// - positive answers: the smallest TTL in the answer and authority sections;
// - negative answers (NXDOMAIN, or NOERROR without the asked type): per RFC 2308 section 5,
//   the smaller of the SOA record's TTL and its MINIMUM field (and of any CNAME TTLs that led
//   there); without an SOA they are not cached;
// - SERVFAIL: briefly (servfailTtlSec, default 30 s; RFC 2308 section 7.1 allows up to 5 min).
//   A broken zone then costs one round of resolver queries per name and type per 30 s instead
//   of one per check, and every check in that window sees the same failure;
// - REFUSED, FORMERR, NOTIMP, truncated replies, and failures (timeouts, network) are never
//   cached: they describe the resolver or the path, not the data;
// - every TTL is capped (maxTtlSec, default one day) and a TTL of 0 is not stored.
// Entries are evicted least recently used first once maxEntries is reached. Hits come back
// with their TTLs reduced by the time spent in the cache, as a resolver would serve them.

import { performance } from "node:perf_hooks";
import type { DnsAnswer } from "./client-types.ts";
import { LruMap } from "./lru-map.ts";
import type { DnsMessage, ResourceRecord } from "./message.ts";
import { normaliseName } from "./name.ts";
import { decodeSOA } from "./rdata.ts";
import { RCODE, typeNumber } from "./rr-types.ts";

export interface CacheKeyParts {
  name: string;
  type: number;
  dnssecOk: boolean;
  checkingDisabled: boolean;
  recursionDesired: boolean;
}

export function cacheKey(p: CacheKeyParts): string {
  return `${normaliseName(p.name)}|${p.type}|${p.dnssecOk ? "do" : "-"}|${p.checkingDisabled ? "cd" : "-"}|${p.recursionDesired ? "rd" : "-"}`;
}

export interface DnsCacheOptions {
  maxEntries?: number;
  maxTtlSec?: number;
  servfailTtlSec?: number;
  /** Milliseconds from any fixed origin; injectable for tests. Default: performance.now. */
  clock?: () => number;
}

/**
 * Enough for what a measurement run has in hand — the names of the domains being scanned at
 * once (tens of queries each) and the shared infrastructure every domain asks for (root, TLDs,
 * the hosting providers' name servers), which the LRU order keeps — but not for every domain of
 * the register: entries of finished domains are never asked for again. Measured on a 5,000-
 * domain run (web + mail, 64 at a time): every hit was on an entry stored at most a few hundred
 * stores earlier (99 % within 20), and a bound of 500 entries hit exactly as often as one of
 * 10,000 (39,488 hits of 96,010 lookups), while each entry holds ~2 KB of parsed records: 10,000
 * entries were 19.5 MiB of a 49 MiB live heap. 2,000 leaves four times the room that lost
 * nothing, for domains with more names than the simulated ones or a higher concurrency; what it
 * gives up is a hit on a hosting provider seen a few hundred domains ago, which costs one query
 * to the recursive resolver (that has it cached).
 */
export const DEFAULT_MAX_ENTRIES = 2_000;
export const DEFAULT_MAX_TTL_SEC = 86_400;
export const DEFAULT_SERVFAIL_TTL_SEC = 30;

const TYPE_SOA = typeNumber("SOA");
const TYPE_ANY = typeNumber("ANY");
/** RFC 2181 section 8: a TTL with the top bit set is to be read as zero. */
const MAX_SANE_TTL = 0x7fffffff;

function ttlOf(rr: ResourceRecord): number {
  return rr.ttl > MAX_SANE_TTL ? 0 : rr.ttl;
}

/**
 * Seconds a response may be cached, or undefined if it must not be. `servfailTtlSec` and
 * `maxTtlSec` as in DnsCacheOptions.
 */
export function cacheLifetime(message: DnsMessage, limits: { maxTtlSec: number; servfailTtlSec: number }): number | undefined {
  if (message.flags.tc) return undefined;
  let ttl: number | undefined;
  if (message.rcode === RCODE.SERVFAIL) ttl = limits.servfailTtlSec;
  else if (message.rcode === RCODE.NOERROR || message.rcode === RCODE.NXDOMAIN) ttl = dataLifetime(message);
  if (ttl === undefined) return undefined;
  const capped = Math.min(Math.max(ttl, 0), limits.maxTtlSec);
  return capped > 0 ? capped : undefined;
}

function dataLifetime(message: DnsMessage): number | undefined {
  const qtype = message.questions[0]?.type;
  // A CNAME chain without the asked type at its end is a negative answer (RFC 2308 section 2.2).
  const hasData = qtype === TYPE_ANY ? message.answers.length > 0 : message.answers.some((rr) => rr.type === qtype);
  const negative = message.rcode === RCODE.NXDOMAIN || !hasData;
  const ttls = [...message.answers, ...message.authorities].map(ttlOf);
  if (negative) {
    const soa = message.authorities.find((rr) => rr.type === TYPE_SOA);
    if (!soa) return undefined;
    let minimum: number;
    try {
      minimum = decodeSOA(soa.rdata).minimum;
    } catch {
      return undefined;
    }
    ttls.push(Math.min(minimum, MAX_SANE_TTL));
  }
  return ttls.length === 0 ? undefined : Math.min(...ttls);
}

interface Entry {
  answer: DnsAnswer;
  storedAt: number;
  expiresAt: number;
}

export class DnsCache {
  readonly #entries: LruMap<string, Entry>;
  readonly #limits: { maxTtlSec: number; servfailTtlSec: number };
  readonly #clock: () => number;

  constructor(opts: DnsCacheOptions = {}) {
    this.#entries = new LruMap(opts.maxEntries ?? DEFAULT_MAX_ENTRIES);
    this.#limits = { maxTtlSec: opts.maxTtlSec ?? DEFAULT_MAX_TTL_SEC, servfailTtlSec: opts.servfailTtlSec ?? DEFAULT_SERVFAIL_TTL_SEC };
    this.#clock = opts.clock ?? (() => performance.now());
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached answer for a key, with TTLs aged, or undefined (expired entries are dropped). */
  get(key: string): DnsAnswer | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const now = this.#clock();
    if (now >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    const agedSec = Math.floor((now - entry.storedAt) / 1000);
    return { ...entry.answer, message: ageMessage(entry.answer.message, agedSec), fromCache: true };
  }

  /** Stores an answer if its response is cacheable; returns the lifetime used, in seconds. */
  put(key: string, answer: DnsAnswer): number | undefined {
    const lifetime = cacheLifetime(answer.message, this.#limits);
    if (lifetime === undefined) return undefined;
    const now = this.#clock();
    this.#entries.set(key, { answer: { ...answer, fromCache: false }, storedAt: now, expiresAt: now + lifetime * 1000 });
    return lifetime;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

function ageMessage(message: DnsMessage, agedSec: number): DnsMessage {
  if (agedSec <= 0) return message;
  const age = (rr: ResourceRecord): ResourceRecord => ({ ...rr, ttl: Math.max(0, ttlOf(rr) - agedSec) });
  return {
    ...message,
    answers: message.answers.map(age),
    authorities: message.authorities.map(age),
    additionals: message.additionals.map(age),
  };
}
