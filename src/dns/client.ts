// The DNS client: asks the configured recursive resolvers (query) or one server directly
// (queryServer), through the dialer. It never throws for network trouble; a failure comes back
// as { ok: false, error } with a code and the log of every attempt.
//
// Resolver queries, in rounds (attempts, default 3): each round asks each resolver in order,
// with a per-exchange timeout that doubles every round (2 s, 4 s, 8 s), all within one overall
// deadline (default 10 s). A resolver answering SERVFAIL, REFUSED, NOTIMP or (after the retry
// without EDNS) FORMERR is passed over for the next one and not asked again; if no resolver
// gives anything better, the client returns that answer (SERVFAIL preferred) with ok: true,
// and the caller judges the rcode. Timeouts, garbage and network errors are retried in later
// rounds; a resolver the address policy refuses is not.
//
// A name that cannot be a DNS name (empty label, label over 63 octets) is a programming error,
// not network trouble: query() and queryServer() reject with NameError for it.

import { performance } from "node:perf_hooks";
import { formatEndpoint } from "../net/endpoint-text.ts";
import type { Dialer, Endpoint } from "../net/types.ts";
import { DnsCache, cacheKey } from "./cache.ts";
import type { DnsAnswer, DnsClient, DnsFailure, DnsFailureCode, DnsOutcome, DnsQueryOptions } from "./client-types.ts";
import { InFlight } from "./in-flight.ts";
import { nameToWire } from "./name.ts";
import type { QuerySpec } from "./query-message.ts";
import { RCODE, rcodeName, typeName } from "./rr-types.ts";
import { askServer } from "./server-exchange.ts";
import type { AttemptLog, TransportChoice } from "./server-exchange.ts";
import type { ExchangeFailureCode } from "./transport-result.ts";

export interface DnsClientOptions {
  dialer: Dialer;
  resolvers: Endpoint[];
  /** Timeout of one exchange in the first round, in ms (default 2000); doubles each round. */
  timeoutMs?: number;
  /** Rounds over the resolvers (default 3). */
  attempts?: number;
  /** Overall limit for one query, all rounds included, in ms (default 10000). */
  deadlineMs?: number;
  /** EDNS0 UDP payload size to announce (default 1232, the DNS flag day 2020 value). */
  udpPayloadSize?: number;
  /** A cache to use, or false for none (default: a new DnsCache using `clock`). */
  cache?: DnsCache | false;
  /** Milliseconds clock for the default cache (tests). */
  clock?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_DEADLINE_MS = 10_000;
export const DEFAULT_UDP_PAYLOAD_SIZE = 1232;

/** Rcodes that say "this resolver cannot help", so another one is asked. */
const ASK_ANOTHER_RCODES: ReadonlySet<number> = new Set([RCODE.SERVFAIL, RCODE.REFUSED, RCODE.NOTIMP, RCODE.FORMERR]);

export function createDnsClient(opts: DnsClientOptions): DnsClient {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const attempts = Math.max(1, opts.attempts ?? DEFAULT_ATTEMPTS);
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const udpPayloadSize = opts.udpPayloadSize ?? DEFAULT_UDP_PAYLOAD_SIZE;
  const cache = opts.cache === false ? undefined : (opts.cache ?? new DnsCache(opts.clock ? { clock: opts.clock } : {}));
  const resolvers = [...opts.resolvers];
  const inFlight = new InFlight<DnsOutcome>();

  function specFor(name: string, type: number, o: DnsQueryOptions, rdDefault: boolean): QuerySpec {
    nameToWire(name); // throws NameError now for a name that cannot be asked at all
    return {
      name,
      type,
      recursionDesired: o.recursionDesired ?? rdDefault,
      checkingDisabled: o.checkingDisabled ?? true,
      edns: { udpPayloadSize, dnssecOk: o.dnssecOk ?? true },
    };
  }

  /** Rounds over `servers` as described at the top of this file. */
  async function ask(servers: Endpoint[], spec: QuerySpec, transport: TransportChoice, stopOnAnyRcode: boolean, signal?: AbortSignal): Promise<DnsOutcome> {
    const deadlineAt = performance.now() + deadlineMs;
    const log: AttemptLog = [];
    const failures: ExchangeFailureCode[] = [];
    const settled = new Set<number>(); // servers not to ask again
    let fallback: DnsAnswer | undefined;
    for (let round = 0; round < attempts && settled.size < servers.length; round++) {
      for (let i = 0; i < servers.length; i++) {
        if (settled.has(i)) continue;
        if (signal?.aborted) return failure("aborted", spec, servers, log);
        if (performance.now() >= deadlineAt) return fallbackOr(fallback, failure(summarise([...failures, "timeout"]), spec, servers, log));
        const server = servers[i]!;
        const r = await askServer({
          dialer: opts.dialer, server, spec, transport, log, deadlineAt,
          timeoutMs: timeoutMs * 2 ** round,
          ...(signal ? { signal } : {}),
        });
        if (!r.ok) {
          if (r.code === "aborted") return failure("aborted", spec, servers, log);
          failures.push(r.code);
          if (r.code === "refused_by_policy") settled.add(i);
          continue;
        }
        const answer: DnsAnswer = { message: r.message, server, transport: r.transport, rttMs: r.rttMs, fromCache: false };
        if (stopOnAnyRcode || !ASK_ANOTHER_RCODES.has(r.message.rcode)) return { ok: true, answer };
        log.push({ server: formatEndpoint(server), transport: r.transport, error: `${rcodeName(r.message.rcode)}; asking another resolver` });
        settled.add(i);
        if (!fallback || (r.message.rcode === RCODE.SERVFAIL && fallback.message.rcode !== RCODE.SERVFAIL)) fallback = answer;
      }
    }
    return fallbackOr(fallback, failure(summarise(failures), spec, servers, log));
  }

  async function resolveUncached(key: string, spec: QuerySpec, signal: AbortSignal): Promise<DnsOutcome> {
    const outcome = await ask(resolvers, spec, "udp-then-tcp", false, signal);
    if (outcome.ok && cache) cache.put(key, outcome.answer);
    return outcome;
  }

  return {
    async query(name, type, o = {}) {
      const spec = specFor(name, type, o, true);
      if (resolvers.length === 0) return failure("no_servers", spec, resolvers, []);
      const key = cacheKey({ name, type, dnssecOk: spec.edns?.dnssecOk ?? false, checkingDisabled: spec.checkingDisabled, recursionDesired: spec.recursionDesired });
      const cached = cache?.get(key);
      if (cached) return { ok: true, answer: cached };
      try {
        return await inFlight.run(key, (signal) => resolveUncached(key, spec, signal), o.signal);
      } catch (err) {
        // The shared work never rejects; only our caller's own AbortSignal ends the wait early.
        if (o.signal?.aborted) return failure("aborted", spec, resolvers, []);
        throw err;
      }
    },

    async queryServer(server, name, type, o = {}) {
      const spec = specFor(name, type, o, false);
      const transport: TransportChoice = o.transport ?? "udp-then-tcp";
      return ask([server], spec, transport, true, o.signal);
    },
  };
}

function fallbackOr(fallback: DnsAnswer | undefined, otherwise: DnsOutcome): DnsOutcome {
  return fallback ? { ok: true, answer: fallback } : otherwise;
}

/** One code for a query whose every attempt failed: the most telling one. */
function summarise(failures: ExchangeFailureCode[]): DnsFailureCode {
  for (const code of ["malformed", "timeout", "network", "refused_by_policy"] as const) {
    if (failures.includes(code)) return code;
  }
  return "timeout"; // no attempt could be made before the deadline
}

function failure(code: DnsFailureCode, spec: QuerySpec, servers: Endpoint[], attempts: AttemptLog): DnsOutcome {
  const where = servers.length ? servers.map(formatEndpoint).join(", ") : "no servers configured";
  const last = attempts.at(-1);
  const detail = last ? `; last attempt: ${last.server} over ${last.transport}: ${last.error}` : "";
  const error: DnsFailure = { code, message: `${code}: no usable answer for ${spec.name} ${typeName(spec.type)} from ${where}${detail}`, attempts };
  return { ok: false, error };
}
