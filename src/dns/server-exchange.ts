// One attempt at one server: UDP first and, when the reply is truncated (TC=1), the same
// server again over TCP; a FORMERR to a query with EDNS is retried once without EDNS (old or
// broken servers that do not understand OPT, RFC 6891 section 7). Every failure along the way
// is written to the attempt log that ends up in the evidence.

import { performance } from "node:perf_hooks";
import { formatEndpoint } from "../net/endpoint-text.ts";
import type { Dialer, Endpoint } from "../net/types.ts";
import type { DnsFailure } from "./client-types.ts";
import type { DnsMessage } from "./message.ts";
import { buildQuery } from "./query-message.ts";
import type { QuerySpec } from "./query-message.ts";
import { RCODE } from "./rr-types.ts";
import { exchangeOverTcp } from "./tcp-exchange.ts";
import type { ExchangeFailureCode } from "./transport-result.ts";
import { exchangeOverUdp } from "./udp-exchange.ts";

export type TransportChoice = "udp" | "tcp" | "udp-then-tcp";

export type AttemptLog = DnsFailure["attempts"];

export interface ServerAttempt {
  dialer: Dialer;
  server: Endpoint;
  spec: QuerySpec;
  /** "udp" alone returns a truncated reply as it is; "udp-then-tcp" follows TC=1 to TCP. */
  transport: TransportChoice;
  /** Per-exchange timeout (the TCP retry after truncation gets its own). */
  timeoutMs: number;
  /** performance.now() value after which nothing more is started or waited for. */
  deadlineAt: number;
  signal?: AbortSignal;
  log: AttemptLog;
}

export type ServerAttemptResult =
  | { ok: true; message: DnsMessage; transport: "udp" | "tcp"; rttMs: number }
  | { ok: false; code: ExchangeFailureCode; error: string };

export async function askServer(a: ServerAttempt): Promise<ServerAttemptResult> {
  const first = await askOnce(a, a.spec);
  if (first.ok && first.message.rcode === RCODE.FORMERR && a.spec.edns) {
    const { edns: _dropped, ...withoutEdns } = a.spec;
    a.log.push({ server: formatEndpoint(a.server), transport: first.transport, error: "FORMERR with EDNS; retrying without EDNS" });
    return askOnce(a, withoutEdns);
  }
  return first;
}

function timeLeft(a: ServerAttempt): number {
  return Math.max(0, Math.min(a.timeoutMs, a.deadlineAt - performance.now()));
}

async function askOnce(a: ServerAttempt, spec: QuerySpec): Promise<ServerAttemptResult> {
  const signal = a.signal;
  const where = formatEndpoint(a.server);
  if (a.transport !== "tcp") {
    const udp = await exchangeOverUdp(a.dialer, a.server, buildQuery(spec), timeLeft(a), signal);
    if (!udp.ok) {
      a.log.push({ server: where, transport: "udp", error: `${udp.code}: ${udp.error}` });
      return udp;
    }
    if (!udp.message.flags.tc || a.transport === "udp") return { ...udp, transport: "udp" };
    a.log.push({ server: where, transport: "udp", error: "truncated (TC=1); retrying over TCP" });
  }
  // A fresh id for the TCP query: nothing learned from the UDP exchange is reused.
  const tcp = await exchangeOverTcp(a.dialer, a.server, buildQuery(spec), timeLeft(a), signal);
  if (!tcp.ok) {
    a.log.push({ server: where, transport: "tcp", error: `${tcp.code}: ${tcp.error}` });
    return tcp;
  }
  return { ...tcp, transport: "tcp" };
}
