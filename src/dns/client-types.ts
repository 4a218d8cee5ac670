// The contract of the DNS client (see client.ts for the implementation).

import type { Endpoint } from "../net/types.ts";
import type { DnsMessage } from "./message.ts";

export interface DnsQueryOptions {
  /** EDNS0 DO bit: ask for DNSSEC records. Default true. */
  dnssecOk?: boolean;
  /** CD bit: ask the resolver not to validate, so meetlat sees bogus data and judges it itself. Default true. */
  checkingDisabled?: boolean;
  /** RD bit. Default true for resolver queries, false for queryServer. */
  recursionDesired?: boolean;
  signal?: AbortSignal;
}

export interface DnsAnswer {
  message: DnsMessage;
  server: Endpoint;
  transport: "udp" | "tcp";
  rttMs: number;
  fromCache: boolean;
}

export type DnsFailureCode =
  | "timeout" // no usable answer from any server before the deadline
  | "refused_by_policy" // the server's address is not allowed by the network gate
  | "malformed" // only garbage came back
  | "network" // connection refused, unreachable, reset
  | "no_servers" // nothing configured
  | "aborted"; // the caller's AbortSignal fired

export interface DnsFailure {
  code: DnsFailureCode;
  message: string;
  /** What each server attempt ran into, for the evidence. */
  attempts: { server: string; transport: "udp" | "tcp"; error: string }[];
}

export type DnsOutcome = { ok: true; answer: DnsAnswer } | { ok: false; error: DnsFailure };

/** Queries through the configured recursive resolvers, with cache and in-flight de-duplication. */
export interface DnsLookup {
  query(name: string, type: number, opts?: DnsQueryOptions): Promise<DnsOutcome>;
}

/** Adds direct, uncached queries to one server (authoritative reachability tests). */
export interface DnsClient extends DnsLookup {
  queryServer(server: Endpoint, name: string, type: number, opts?: DnsQueryOptions & { transport?: "udp" | "tcp" }): Promise<DnsOutcome>;
}
